"""The raw-HTML policy: nothing in a body runs script, frames, objects or fetches elsewhere,
whether it came as raw HTML or through ``attr_list``; ``check`` names each removal."""

from __future__ import annotations

from pathlib import Path

import pytest

from tuyengiao.core.load.document import load_document
from tuyengiao.core.load.html_policy import Removed, SafeHtmlExtension, clean_html
from tuyengiao.core.load.markdown_config import read_markdown_config
from tuyengiao.core.load.structure import BodyReader
from tuyengiao.core.model.problems import Problems

REPO = Path(__file__).resolve().parents[3]


def render(body: str) -> str:
    config = read_markdown_config(REPO / "mkdocs.yml")
    return config.markdown(SafeHtmlExtension()).convert(body)


ATTACKS = {
    "script block": "<script>alert(1)</script>\n\nVăn bản.",
    "inline script": "Văn bản <script>alert(1)</script> tiếp.",
    "iframe javascript": "<iframe src=javascript:alert(1)></iframe>",
    "object": '<object data="file:///etc/passwd"></object>',
    "embed": '<embed src="x.swf">',
    "img onerror raw": '<img src="x.png" onerror="alert(1)">',
    "attr_list image handler": '![ảnh](x.png){: onerror="alert(1)"}',
    "attr_list paragraph handler": "Một đoạn.\n{: onmouseover=alert(1) }",
    "javascript link": "[bấm](javascript:alert(1))",
    "javascript link attr_list": '[bấm](x.md){: href="javascript:alert(1)"}',
    "data image": "![x](data:image/svg+xml;base64,PHN2Zz4=)",
    "file image": "![x](file:///etc/passwd)",
    "http image": "![x](http://127.0.0.1:9/x.png)",
    "svg": '<svg><image href="http://127.0.0.1:9/x.png"/></svg>',
    "style url": '<p style="background:url(http://127.0.0.1:9/x)">x</p>',
    "form": '<form action="http://x"><input name=a></form>',
    "md_in_html": '<div markdown="1">\n<script>alert(1)</script>\n</div>',
}


@pytest.mark.parametrize("body", ATTACKS.values(), ids=ATTACKS.keys())
def test_attack_is_removed(body: str) -> None:
    html = render(body).lower()
    for bad in ("<script", "<iframe", "<object", "<embed", "onerror", "onmouseover",
                "javascript:", "data:", "file:", "http://127", "<svg", "url(", "<form",
                "<input"):
        assert bad not in html, f"{bad!r} survived in {html!r}"


ALLOWED = {
    "table": "<table><thead><tr><th colspan=\"2\">A</th></tr></thead><tbody><tr><td>1</td>"
             "<td>2</td></tr></tbody></table>",
    "sup br abbr": 'm<sup>2</sup><br><abbr title="Hội đồng nhân dân">HĐND</abbr>',
    "link": "[Cổng](https://example.vn/) và [trang](../x.md#a) và [thư](mailto:a@b.vn)",
    "image": '![ảnh](anh.png){: .rong title="Ảnh" }',
    "aligned table": "| a | b |\n|:--|--:|\n| 1 | 2 |",
}


@pytest.mark.parametrize("body", ALLOWED.values(), ids=ALLOWED.keys())
def test_allowed_html_is_kept(body: str) -> None:
    """Nothing is reported, and the HTML is the same but for how nh3 writes it."""
    config = read_markdown_config(REPO / "mkdocs.yml")
    report: list[Removed] = []
    html = config.markdown(SafeHtmlExtension(report)).convert(body)
    assert report == []
    assert html == clean_html(config.markdown().convert(body))
    assert html.count("<") == config.markdown().convert(body).count("<")  # no tag lost


def test_clean_html_drops_handlers_and_urls() -> None:
    assert clean_html('<a href="javascript:x()" onclick="y()">a</a>') == "<a>a</a>"
    assert clean_html('<img src="data:image/png;base64,AA" alt="x">') == '<img alt="x">'
    assert clean_html("<p>x<script>y()</script></p>") == "<p>x</p>"


def test_check_names_file_and_line_of_each_removal(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "x.md").write_text(
        "---\ntype: qa\ntitle: Hỏi đáp\nresolution: 5-NQ/HU\n---\n\n"
        "## Câu hỏi?\n\nTrả lời.\n\n<script>alert(1)</script>\n\n"
        '![ảnh](x.png){: onerror="alert(2)"}\n\n[bấm](javascript:alert(3))\n',
        encoding="utf-8")
    (content / "x.png").write_bytes(b"\x89PNG")
    problems = Problems()
    load_document(tmp_path, content / "x.md", "x.md", frozenset({"x.md", "x.png"}), problems,
                  reader=BodyReader(read_markdown_config(REPO / "mkdocs.yml")))
    found = [(p.line, p.severity.value, p.message.split(" is not allowed")[0])
             for p in problems.sorted()]
    assert found == [
        (11, "warning", "<script>"),
        (13, "warning", "the attribute onerror= of <img>"),
        (15, "warning", "the address 'javascript:alert(3)' of <a href=>"),
    ]
    assert str(problems.sorted()[0]) == (
        "content/x.md:11: warning: <script> is not allowed in a document's HTML and was "
        "removed (see README, Security: the HTML a body may hold)")
