"""The one reading of a body (core/load/structure.py): Python-Markdown as the site has it."""

from __future__ import annotations

from pathlib import Path

import pytest
from core_project import CoreProject

from tuyengiao.core.load.files import load_file
from tuyengiao.core.load.markdown_config import read_markdown_config
from tuyengiao.core.load.structure import (
    BodyReader,
    question_anchor,
    question_text,
    read_structure,
)
from tuyengiao.core.model.body import BodyStructure, Section
from tuyengiao.core.model.problems import Problems

REPO = Path(__file__).resolve().parents[3]
SITE = read_markdown_config(REPO / "mkdocs.yml")
READER = BodyReader(SITE)
#: The same reading without its shortcuts: each block through every block processor,
#: every text through the inline processor, every processor run.
SLOW = BodyReader(SITE, shortcuts=False)


def read(body: str) -> BodyStructure:
    return READER.read(body)


def sections(body: str) -> list[Section]:
    return list(read(body).sections)


def mentions(body: str) -> list[tuple[int, str]]:
    """(line, the number as written there) of each mention; the span is checked too."""
    lines = body.split("\n")
    found = []
    for item in read(body).mentions:
        written = lines[item.index][item.mention.start : item.mention.end]
        assert written.replace(" ", "") == str(item.mention.number).replace(" ", ""), written
        found.append((item.index, written))
    return found


def site_html(body: str) -> str:
    """The body as the site's Python-Markdown renders it."""
    return SITE.markdown().convert(body)


BODY = """\
Mở đầu.

## Câu hỏi 1: Vì sao phải học tập?

Trả lời.

```markdown
## Không phải tiêu đề
```

### Tiêu đề cấp ba

## Câu hỏi 2: Học những gì? {#hoc-gi}

## Đảng viên nông thôn ##

~~~~
## Cũng không phải tiêu đề
~~~~
##Thiếu dấu cách
## Cuối cùng"""


def test_sections() -> None:
    assert sections(BODY) == [
        Section("Câu hỏi 1: Vì sao phải học tập?", "cau-hoi-1-vi-sao-phai-hoc-tap", 2, False),
        Section("Câu hỏi 2: Học những gì?", "hoc-gi", 12, True),
        Section("Đảng viên nông thôn", "dang-vien-nong-thon", 14, False),
        # Python-Markdown needs no space after the #s: the site shows it as a heading.
        Section("Thiếu dấu cách", "thieu-dau-cach", 19, False),
        Section("Cuối cùng", "cuoi-cung", 20, False),
    ]


def test_sections_are_the_h2_the_site_renders() -> None:
    html = site_html(BODY)
    assert html.count("<h2") == len(sections(BODY)) == 5


def test_section_index_is_the_body_line() -> None:
    lines = BODY.split("\n")
    for section in sections(BODY):
        assert lines[section.index].startswith("##")
        assert section.text in lines[section.index]


@pytest.mark.parametrize(
    ("heading", "text", "anchor"),
    [
        ("## Một {#mot}", "Một", "mot"),
        ("## Một {: #mot .lop }", "Một", "mot"),
        ("## Một {:#mot}", "Một", "mot"),
        ("## Một { #mot-2 }", "Một", "mot-2"),
    ],
)
def test_explicit_ids(heading: str, text: str, anchor: str) -> None:
    assert sections(heading) == [Section(text, anchor, 0, True)]
    assert f'id="{anchor}"' in site_html(heading)


def test_attributes_without_an_id_are_not_part_of_the_text() -> None:
    assert sections("## Một *hai* {.lop}") == [Section("Một *hai*", "mot-hai", 0, False)]


def test_no_sections() -> None:
    assert sections("") == []
    assert sections("# Tiêu đề cấp một\n\n### cấp ba\n") == []


@pytest.mark.parametrize(
    "body",
    [
        "```\n## Trong khối mã\n```\n",
        "~~~\n## Trong khối mã\n~~~\n",
        "```\n~~~\n## Trong khối mã\n```\n",  # a fence is closed by its own character
        "Đoạn.\n\n    ## Mã thụt lề\n",
        "<div>\n## Trong HTML\n</div>\n",
        "<div markdown>\n\n## Trong HTML có Markdown\n\n</div>\n",
        "> ## Trong trích dẫn\n",
        "- ## Trong danh sách\n",
        '!!! note "Ghi chú"\n    ## Trong ghi chú\n',
    ],
)
def test_headings_that_are_not_sections(body: str) -> None:
    """Code, raw HTML and headings nested in a block are not the document's sections."""
    assert sections(body + "\n## Ngoài\n") == [
        Section("Ngoài", "ngoai", len(body.split("\n")), False)]


def test_an_unclosed_fence_is_text_as_on_the_site() -> None:
    body = "```\n## Câu hỏi 1: Vì sao?\n"
    assert "<h2" in site_html(body)
    assert sections(body) == [Section("Câu hỏi 1: Vì sao?", "cau-hoi-1-vi-sao", 1, False)]


def test_a_heading_after_a_fence_is_found_on_its_own_line() -> None:
    body = "~~~\n## Trong mã\n~~~\n## Ngoài\n"
    assert sections(body) == [Section("Ngoài", "ngoai", 3, False)]


def test_setext_heading_is_a_section_as_on_the_site() -> None:
    body = "Mở đầu.\n\nTiêu đề hai\n-----------\n\nTiêu đề một\n===\n\nĐoạn\n---\n"
    assert "<h2" in site_html(body)
    assert sections(body) == [
        Section("Tiêu đề hai", "tieu-de-hai", 2, False, True),
        Section("Đoạn", "doan", 8, False, True),
    ]


def test_questions() -> None:
    found = read("## Câu hỏi 3: Vì sao?\n\nx\n\nHọc gì?\n---\n\n## Ai học? {#ai}").questions
    assert [(q.number, q.text, q.anchor, q.index, q.setext) for q in found] == [
        (1, "Vì sao?", "vi-sao", 0, False),
        (2, "Học gì?", "hoc-gi", 4, True),
        (3, "Ai học?", "ai", 7, False),
    ]


@pytest.mark.parametrize(
    ("heading", "text"),
    [
        ("Câu hỏi 3: Vì sao…?", "Vì sao…?"),
        ("Câu hỏi 12. Học gì?", "Học gì?"),
        ("CÂU HỎI 3: Vì sao?", "Vì sao?"),
        ("câu hỏi số 4 – Ai học?", "Ai học?"),
        ("Câu 5) Khi nào?", "Khi nào?"),
        ("Câu 6 - Ở đâu?", "Ở đâu?"),
        ("Vì sao phải học?", "Vì sao phải học?"),
        ("Câu chuyện của bản: vì sao?", "Câu chuyện của bản: vì sao?"),
    ],
)
def test_question_text(heading: str, text: str) -> None:
    assert question_text(heading) == text


def test_question_anchor() -> None:
    assert question_anchor("Câu hỏi 3: Vì sao…?") == "vi-sao"
    assert question_anchor("Câu hỏi 1: Vì sao phải học tập, quán triệt Nghị quyết Đại hội XIII?") \
        == "vi-sao-phai-hoc-tap-quan-triet-nghi-quyet-dai-hoi-xiii"


def test_question_anchor_is_stable_under_renumbering() -> None:
    before = question_anchor("Câu hỏi 3: Vì sao phải học tập nghị quyết?")
    after = question_anchor("Câu hỏi 4: Vì sao phải học tập nghị quyết?")
    unnumbered = question_anchor("Vì sao phải học tập nghị quyết?")
    assert before == after == unnumbered == "vi-sao-phai-hoc-tap-nghi-quyet"


def test_question_anchor_is_cut_at_a_word() -> None:
    anchor = question_anchor("Câu hỏi 9: " + "Tuyên truyền miệng ở thôn bản vùng cao " * 4)
    assert len(anchor) <= 60
    assert anchor.startswith("tuyen-truyen-mieng-o-thon-ban-vung-cao-")
    assert not anchor.endswith("-")
    assert anchor.split("-")[-1] in {"tuyen", "truyen", "mieng", "o", "thon", "ban", "vung",
                                     "cao"}


def test_question_anchor_of_a_heading_without_words() -> None:
    assert question_anchor("Câu hỏi 1: ?") == "cau-hoi"


# -- mentions --------------------------------------------------------------------------


def test_mentions_skip_code() -> None:
    body = "Theo 148-KH/TU và `149-KH/TU`.\n```\n150-KH/TU\n```\nRồi ``151-KH/TU`` và 152-KH/TU."
    assert mentions(body) == [(0, "148-KH/TU"), (4, "152-KH/TU")]


def test_mentions_skip_links_and_raw_html() -> None:
    """Not in a link's text or address, a raw HTML block or a tag's attributes; the text
    between two inline tags is Markdown, where the site links numbers."""
    body = ("Theo [Kế hoạch 148-KH/TU](../x/148.md) và [149-KH/TU][r] và <https://a.vn/150-KH/TU>"
            "\nvà <span title='151-KH/TU'>152-KH/TU</span>.\n\n"
            "<div>\n154-KH/TU\n</div>\n\nCòn 155-KH/TU.\n\n[r]: https://b.vn/149")
    assert mentions(body) == [(1, "152-KH/TU"), (7, "155-KH/TU")]


def test_mentions_are_what_the_number_linker_links() -> None:
    """Every number the site's linker links is a mention, and no other."""
    from tuyengiao.core.render.number_links import NumberLink, NumberLinkExtension

    body = ("## Về 1-KH/TU\n\n*2-KH/TU* và **3-KH/TU**, `4-KH/TU`, [5-KH/TU](x.md)\n\n"
            "| a | 6-KH/TU |\n|---|---|\n| `7-KH/TU` | 8-KH/TU |\n\n- 9-KH/TU\n  10-KH/TU\n\n"
            "> 11-KH/TU\n\nCâu[^n].\n\n[^n]: 12-KH/TU\n\n!!! note \"13-KH/TU\"\n    14-KH/TU\n\n"
            "???+ note\n    15-KH/TU\n\n<p>16-KH/TU</p>\n\n17\\-KH/TU và 18 - KH / TU\n")
    linked: list[str] = []

    def link(number: object) -> NumberLink:
        linked.append(str(number))
        return NumberLink("#", "")

    SITE.markdown(NumberLinkExtension(link)).convert(body)
    assert sorted(str(m.mention.number) for m in read(body).mentions) == sorted(linked)
    assert len(linked) == 14  # not in code (3), a link (1) or raw HTML (1)


def test_mentions_in_headings_count() -> None:
    assert mentions("x\n## Về Kế hoạch 271-KH/HU") == [(1, "271-KH/HU")]


def test_mention_span_is_on_the_line() -> None:
    line = "Công văn số 1039 - CV/HU ngày 10/5/2023"
    (found,) = read("dòng đầu\n" + line).mentions
    assert found.index == 1
    assert line[found.mention.start : found.mention.end] == "1039 - CV/HU"


def test_mention_lines_in_blocks() -> None:
    body = ("| Số | Văn bản |\n|---|---|\n| 1 | 148-KH/TU |\n\n- Mục một\n  tiếp 149-KH/TU\n"
            "- Mục 150-KH/TU\n\n> Trích\n> dẫn 151-KH/TU\n\nThuật ngữ\n:   Định nghĩa 152-KH/TU\n\n"
            "Câu[^1].\n\n!!! note\n    Trong ghi chú 153-KH/TU.\n\n[^1]: Chú thích 154-KH/TU.\n")
    assert mentions(body) == [(2, "148-KH/TU"), (5, "149-KH/TU"), (6, "150-KH/TU"),
                              (9, "151-KH/TU"), (12, "152-KH/TU"), (17, "153-KH/TU"),
                              (19, "154-KH/TU")]


def test_mention_lines_after_stashed_blocks() -> None:
    """Raw HTML and fenced code are replaced by one line each before the block parser."""
    body = ("Mở đầu 100-KH/TU.\n\n<div class=\"x\">\n<p>một</p>\n\n<p>hai</p>\n</div>\n\n"
            "```python\n## không\nx = 1\n```\n\n~~~\nmã\n~~~\n\n<!-- chú thích\n102-KH/TU\n-->\n\n"
            "Sau 104-KH/TU, `105-KH/TU` rồi 105-KH/TU.\n## Tiêu đề 106-KH/TU\n\n"
            "\tThụt bằng tab\n\nCuối 108-KH/TU.\n")
    assert mentions(body) == [(0, "100-KH/TU"), (21, "104-KH/TU"), (21, "105-KH/TU"),
                              (22, "106-KH/TU"), (26, "108-KH/TU")]
    assert [s.index for s in read(body).sections] == [22]


def test_a_mention_written_with_an_escape_is_on_its_line() -> None:
    (found,) = read("Một.\n\nTheo [x](a.md) số 17\\-KH/TU.").mentions
    assert (found.index, str(found.mention.number)) == (2, "17-KH/TU")


# -- links to files --------------------------------------------------------------------


def test_local_links() -> None:
    body = ("Xem [a](a.md), [b](../b/b.md#muc \"tiêu đề\") và ![ảnh](img/anh.png).\n\n"
            "[ngoài](https://x.vn/c.pdf) [thư](mailto:a@b.vn) [mục](#muc) [gốc](/d.pdf)\n\n"
            "<audio controls src=\"am-thanh.mp3\"></audio>\n\n"
            "<video poster=\"p.jpg\">\n<source src=\"v.mp4\">\n</video>\n\n"
            "Một <a href=\"tai-lieu.pdf\">tệp</a> và [tham chiếu][r].\n\n"
            "```\n[trong mã](ma.md)\n```\n\n[r]: ref.pdf\n")
    assert read(body).local_links == (
        (0, "a.md"), (0, "../b/b.md"), (0, "img/anh.png"), (4, "am-thanh.mp3"),
        (6, "p.jpg"), (7, "v.mp4"), (10, "tai-lieu.pdf"), (10, "ref.pdf"),
    )


# -- the text a reader sees ------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("## Câu hỏi {#a}\n\n**Đậm** và [liên kết](x.md).\n\n```\ncode\n```\n\n"
         "| a | b |\n|---|---|\n| c | d |\n", "Câu hỏi Đậm và liên kết. a b c d"),
        # Without a blank line after the fence the site shows the table's source.
        ("```\ncode\n```\n| a | b |\n|---|---|\n", "| a | b | |---|---|"),
        ("Một *nghiêng*, `mã <b>`, snake_case và 5 * 3 &amp; \\*sao\\*.",
         "Một nghiêng, mã <b>, snake_case và 5 * 3 & *sao*."),
        ("![Ảnh hội nghị](anh.jpg){: .lon } Chú thích ảnh.", "Ảnh hội nghị Chú thích ảnh."),
        ("Đoạn\n{: .lop }\n\n- một\n- hai {: #id }\n", "Đoạn một hai {: #id }"),
        ("<div class=\"x\">\n<p>Trong <b>HTML</b> &amp; chữ</p>\n<script>var a;</script>\n</div>"
         "\n\nSau <span>đó</span>.", "Trong HTML & chữ Sau đó."),
        ("Dòng một  \ndòng hai\ndòng ba", "Dòng một dòng hai dòng ba"),
        ("Câu[^1] hết.\n\n[^1]: Chú thích.", "Câu hết. Chú thích."),
        ("!!! note \"Lưu ý\"\n    Nội dung.", "Lưu ý Nội dung."),
        ("Thuật ngữ\n:   Định nghĩa", "Thuật ngữ Định nghĩa"),
        ("1. Một\n2. Hai\n\n### 3. Ba", "Một Hai 3. Ba"),
        ("Xem [tham chiếu][r].\n\n[r]: https://x.vn", "Xem tham chiếu."),
        ("<!-- ghi chú -->\nChữ", "Chữ"),
    ],
)
def test_text_is_what_a_reader_sees(body: str, text: str) -> None:
    assert read(body).text == text


# -- lines of the file -----------------------------------------------------------------


def test_lines_after_long_frontmatter_crlf_and_bom(core_project: CoreProject) -> None:
    frontmatter = ["---", "type: resolution", "title: Văn bản", "number: 1-KH/HU",
                   "issuer: Ban Thường vụ", "date: 2023-02-20", "tags:",
                   *[f"  - thẻ {n}" for n in range(40)], "---", ""]
    body = ["Mở đầu.", "", "```", "999-KH/TU", "```", "", "Theo 998-KH/TU và [x](khong-co.pdf)."]
    text = "\r\n".join([*frontmatter, *body]) + "\r\n"
    core_project.write_bytes("content/van-ban/x.md", b"\xef\xbb\xbf" + text.encode("utf-8"))
    line = len(frontmatter) + 7
    assert core_project.problems() == [
        f"content/van-ban/x.md:{line}: warning: '998-KH/TU' is not a document in content/ "
        "nor listed in data/external.yml; it stays plain text",
        f"content/van-ban/x.md:{line}: warning: link to 'khong-co.pdf', but "
        "content/van-ban/khong-co.pdf does not exist",
    ]


def test_a_project_without_mkdocs_yml_reads_with_mkdocs_defaults(tmp_path: Path) -> None:
    """MkDocs' built-in extensions only: no attr_list, so {#id} is part of the heading."""
    project = CoreProject(tmp_path, mkdocs_yml=False)
    project.write("content/hoi-dap/q.md", "---\ntype: qa\ntitle: Hỏi\nresolution: 1-KH/HU\n"
                  "---\n\n## Câu hỏi 1: Một? {#mot}\n")
    corpus = project.corpus()
    (doc,) = corpus.documents
    assert corpus.markdown.extensions == ("toc", "tables", "fenced_code")
    assert doc.structure.sections[0].explicit_id is False


# -- the shortcuts change nothing ------------------------------------------------------

TRICKY = [
    BODY,
    "Một\n+ hai\n\n3. ba\n\n* bốn\n***\n- - -\n",
    "Đoạn\n#không phải\n\n#Tiêu đề một\n\n##### năm\n\n| a |\n|---|\n",
    "Đoạn\n: định nghĩa\n\n*[HTML]: Hyper Text\n\nHTML ở đây",
    "Văn bản\n\n\ttab\n  \nhai dấu cách  \n\u00a0nbsp\n",
    "<div markdown>\n\n*trong* 1-KH/TU\n\n</div>\n\n<p>\n2-KH/TU\n</p>",
    "a_b_c __đậm__ _nghiêng_ \\_x\\_ &copy; &#169; <b>b</b>",
    "[^1]: chú thích trước\n\nCâu[^1][^1]\n",
    "???+ note \"Tóm tắt\"\n    Ẩn 3-KH/TU\n\n!!! warning\n    Cảnh báo\n\n    tiếp\n",
    "```\nkhông đóng\n\n## x",
]


def _bodies() -> list[str]:
    found = list(TRICKY)
    for root in (REPO / "content", REPO / "tests" / "fixtures" / "project" / "content"):
        for path in sorted(root.rglob("*.md")):
            source = load_file(path.parents[len(path.relative_to(root).parts)], path, Problems())
            if source is not None:
                found.append(source.body)
    return found


def test_the_shortcuts_change_nothing() -> None:
    for body in _bodies():
        assert READER.read(body) == SLOW.read(body), body[:80]


def test_the_shortcuts_are_off_for_unknown_processors() -> None:
    config = read_markdown_config(REPO / "mkdocs.yml")
    extended = type(config)((*config.extensions, "pymdownx.blocks.admonition"), config.options)
    reader = BodyReader(extended)
    assert "parseBlocks" not in vars(reader.md.parser)  # Python-Markdown's own loop
    assert "parseBlocks" in vars(READER.md.parser)
    assert reader.read("/// note\n## Trong khối\n///\n\n## Ngoài").sections[0].text == "Ngoài"


def test_read_structure_without_a_reader_uses_mkdocs_defaults() -> None:
    assert read_structure("## Một {#mot}").sections[0].explicit_id is False
    assert read_structure("Theo 1-KH/TU.").mentions == read("Theo 1-KH/TU.").mentions
