from __future__ import annotations

import pytest

from tuyengiao.core.load.structure import (
    prose_lines,
    question_anchor,
    question_text,
    read_structure,
)
from tuyengiao.core.model.body import LineMention, Section


def sections(body: str) -> list[Section]:
    return list(read_structure(body).sections)


def mentions(body: str) -> list[LineMention]:
    return list(read_structure(body).mentions)

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
        Section("Cuối cùng", "cuoi-cung", 20, False),
    ]


def test_section_index_is_the_body_line() -> None:
    lines = BODY.split("\n")
    for section in sections(BODY):
        assert lines[section.index].startswith("## ")
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


def test_no_sections() -> None:
    assert sections("") == []
    assert sections("# Tiêu đề cấp một\n\n### cấp ba\n") == []


def test_fenced_code_is_skipped() -> None:
    body = "a\n```\nb\n```\nc\n    ~~~python\nd\n  ~~~~\ne\n~~~~~\nf"
    # Indented 4 spaces a fence is not a fence; up to 3 spaces it is.
    assert list(prose_lines(body)) == [(0, "a"), (4, "c"), (5, "    ~~~python"), (6, "d"),
                                       (10, "f")]


def test_fence_is_closed_only_by_the_same_character() -> None:
    body = "```\n~~~\n## Trong khối mã\n```\n## Ngoài"
    assert [s.text for s in sections(body)] == ["Ngoài"]


def test_unclosed_fence_hides_the_rest() -> None:
    assert sections("```\n## Câu hỏi 1: Vì sao?\n") == []


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


def test_mentions_skip_code() -> None:
    body = "Theo 148-KH/TU và `149-KH/TU`.\n```\n150-KH/TU\n```\nRồi ``151-KH/TU`` và 152-KH/TU."
    assert [(m.index, str(m.mention.number)) for m in mentions(body)] == [
        (0, "148-KH/TU"), (4, "152-KH/TU"),
    ]


def test_mentions_in_headings_count() -> None:
    assert [(m.index, str(m.mention.number)) for m in mentions("x\n## Về Kế hoạch 271-KH/HU")] \
        == [(1, "271-KH/HU")]


def test_mention_span_is_on_the_line() -> None:
    line = "Công văn số 1039 - CV/HU ngày 10/5/2023"
    (found,) = mentions("dòng đầu\n" + line)
    assert found.index == 1
    assert line[found.mention.start : found.mention.end] == "1039 - CV/HU"
