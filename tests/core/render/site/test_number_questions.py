"""Q&A questions renumbered in the page's Markdown (core/render/site/document.py)."""

from __future__ import annotations

from pathlib import Path

from tuyengiao.core.load.markdown_config import read_markdown_config
from tuyengiao.core.load.structure import BodyReader
from tuyengiao.core.render.site.document import number_questions

SITE = read_markdown_config(Path(__file__).resolve().parents[4] / "mkdocs.yml")


def test_atx_and_setext_questions_are_numbered_with_their_anchors() -> None:
    body = ("## Vì sao phải học?\n\nVì.\n\nHọc những gì?\n-------------\nNhững điều này.\n\n"
            "## Câu hỏi 9: Ai học? {#ai}\n\nMọi người.\n\n---\n\nHết.")
    questions = list(BodyReader(SITE).read(body).questions)
    rewritten = number_questions(body, questions)
    assert rewritten.split("\n")[:6] == [
        "## Câu hỏi 1: Vì sao phải học? {#vi-sao-phai-hoc}", "", "Vì.", "",
        "## Câu hỏi 2: Học những gì? {#hoc-nhung-gi}", ""]
    html = SITE.markdown().convert(rewritten)
    assert html.count("<h2") == 3 and html.count("<hr") == 1
    assert 'id="hoc-nhung-gi"' in html and 'id="ai"' in html
    assert "<p>Những điều này.</p>" in html
    assert len(rewritten.split("\n")) == len(body.split("\n"))
