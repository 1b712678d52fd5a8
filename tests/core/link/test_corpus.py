"""Stage 3, link: what only the whole corpus can tell (numbers, references, anchors)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tuyengiao.core.link.corpus import Reference
from tuyengiao.core.model.document import Document, ExternalDocument

if TYPE_CHECKING:
    from core_project import CoreProject

UNKNOWN = "is not a document in content/ nor listed in data/external.yml"

EXTERNAL = """\
# Văn bản nằm ngoài kho
- number: 148-KH/TU
  title: Kế hoạch tổng kết 10 năm thực hiện Đề án 1327
  issuer: Ban Thường vụ Tỉnh ủy Lai Châu

- number: 01-CT/TW
  title: Chỉ thị về học tập Nghị quyết Đại hội XIII
  issuer: Bộ Chính trị
  url: https://tulieuvankien.dangcongsan.vn/
"""


def refs(refs: list[Reference]) -> list[tuple[str, str, str, int, str | None]]:
    """References as plain tuples: (source path, relation, number, line, target)."""
    result = []
    for ref in refs:
        target = ref.target
        shown = (target.path if isinstance(target, Document)
                 else f"external {target.number}" if isinstance(target, ExternalDocument)
                 else None)
        result.append((ref.source.path, ref.relation, str(ref.number), ref.line, shown))
    return result


def file_line(project: CoreProject, rel: str, needle: str) -> int:
    """The 1-based line of ``rel`` that contains ``needle`` (exactly one line must)."""
    lines = (project.root / rel).read_text(encoding="utf-8").split("\n")
    found = [i + 1 for i, line in enumerate(lines) if needle in line]
    assert len(found) == 1, found
    return found[0]


# -- duplicate numbers ----------------------------------------------------------------------


def test_duplicate_number_is_reported_on_the_second_file(core_project: CoreProject) -> None:
    core_project.resolution("content/2023/a.md", "1039-CV/HU")
    core_project.resolution("content/2024/b.md", "1039-CV/HU")
    assert core_project.problems() == [
        "content/2024/b.md:4: error: number: '1039-CV/HU' is already used by content/2023/a.md",
    ]


@pytest.mark.parametrize(
    ("first", "second", "shown"),
    [
        ("1039-CV/HU", "1039 - CV/HU", "1039-CV/HU"),
        ("1327-QĐ/TU", "1327-QD/TU", "1327-QD/TU"),
        ("01-CT/HU", "1-CT/HU", "1-CT/HU"),
        ("471/TTr-VHTT", "471/TTR-VHTT", "471/TTR-VHTT"),
    ],
)
def test_duplicate_numbers_written_differently(
    core_project: CoreProject, first: str, second: str, shown: str
) -> None:
    core_project.resolution("content/a.md", first)
    core_project.resolution("content/b.md", second)
    assert core_project.problems() == [
        f"content/b.md:4: error: number: '{shown}' is already used by content/a.md",
    ]


def test_first_of_duplicates_keeps_the_number(core_project: CoreProject) -> None:
    core_project.resolution("content/a.md", "1039-CV/HU")
    core_project.resolution("content/b.md", "1039 - CV/HU")
    corpus = core_project.corpus()
    assert [d.path for d in corpus.documents] == ["content/a.md", "content/b.md"]
    assert corpus.by_number["1039-CV/HU"].path == "content/a.md"


def test_drafts_without_serial_are_not_duplicates(core_project: CoreProject) -> None:
    for name in ("a", "b"):
        core_project.write(f"content/du-thao/{name}.md", """\
---
type: resolution
status: draft
number: /KH-UBND
title: Dự thảo kế hoạch
issuer: Ủy ban nhân dân huyện
---
""")
    assert core_project.problems() == []


# -- mentions in the text -------------------------------------------------------------------


def test_unknown_mention_is_a_warning_on_its_file_line(core_project: CoreProject) -> None:
    core_project.resolution("content/a.md", "271-KH/HU", body="""\
## Căn cứ ban hành

Thực hiện Kế hoạch số 148-KH/TU ngày 14/02/2023 của Ban Thường vụ Tỉnh ủy,
Ban Thường vụ Huyện ủy xây dựng kế hoạch như sau.
""")
    line = file_line(core_project, "content/a.md", "148-KH/TU")
    assert line == 11
    assert core_project.problems() == [
        f"content/a.md:{line}: warning: '148-KH/TU' {UNKNOWN}; it stays plain text",
    ]


def test_mention_line_after_a_long_frontmatter(core_project: CoreProject) -> None:
    core_project.write("content/a.md", """\
---
type: resolution
title: Kế hoạch
number: 271-KH/HU
issuer: Ban Thường vụ Huyện ủy
date: 2023-02-20
recipients:
  - Các chi bộ
  - Lưu VT
---
Dòng đầu, ngay sau frontmatter: 5-KH/HU.

Đoạn thứ hai nhắc 6-KH/HU và 7/KH-UBND.
""")
    assert core_project.problems() == [
        f"content/a.md:11: warning: '5-KH/HU' {UNKNOWN}; it stays plain text",
        f"content/a.md:13: warning: '6-KH/HU' {UNKNOWN}; it stays plain text",
        f"content/a.md:13: warning: '7/KH-UBND' {UNKNOWN}; it stays plain text",
    ]
    assert file_line(core_project, "content/a.md", "5-KH/HU") == 11


def test_unknown_mention_after_a_bom_and_crlf(core_project: CoreProject) -> None:
    text = "---\ntype: resolution\ntitle: K\nnumber: 271-KH/HU\nissuer: B\ndate: 2023-02-20\n" \
           "---\n\n\nXem 9-KH/HU.\n"
    core_project.write_bytes("content/a.md", b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    assert core_project.problems() == [
        f"content/a.md:10: warning: '9-KH/HU' {UNKNOWN}; it stays plain text",
    ]


def test_unknown_implements_is_a_warning_on_the_item_line(core_project: CoreProject) -> None:
    core_project.write("content/a.md", """\
---
type: resolution
title: Kế hoạch
number: 271-KH/HU
issuer: Ban Thường vụ Huyện ủy
date: 2023-02-20
implements:
  - 01-CT/TW
  - 148-KH/TU
---
""")
    core_project.write("data/external.yml", EXTERNAL.replace("148-KH/TU", "149-KH/TU"))
    assert core_project.problems() == [
        f"content/a.md:9: warning: implements: '148-KH/TU' {UNKNOWN}; it stays plain text",
    ]


def test_mention_listed_in_external_is_not_reported(core_project: CoreProject) -> None:
    core_project.resolution("content/a.md", "271-KH/HU",
                            body="Thực hiện Kế hoạch số 148-KH/TU và Chỉ thị số 1-CT/TW.\n")
    core_project.write("data/external.yml", EXTERNAL)
    corpus = core_project.corpus()
    assert [str(p) for p in corpus.problems.sorted()] == []
    assert refs(corpus.outgoing["content/a.md"]) == [
        ("content/a.md", "mentions", "148-KH/TU", 9, "external 148-KH/TU"),
        ("content/a.md", "mentions", "1-CT/TW", 9, "external 01-CT/TW"),
    ]
    external = corpus.external["1-CT/TW"]
    assert external.url == "https://tulieuvankien.dangcongsan.vn/"
    assert external.title == "Chỉ thị về học tập Nghị quyết Đại hội XIII"
    assert corpus.external["148-KH/TU"].url == ""


def test_mentions_in_code_are_ignored(core_project: CoreProject) -> None:
    core_project.resolution("content/a.md", "271-KH/HU", body="""\
Viết số như in trên văn bản, ví dụ `148-KH/TU` hoặc ``289/KH-UBND``.

```yaml
implements:
  - 150-KH/TU
```

~~~~
151-KH/TU
~~~~
""")
    corpus = core_project.corpus()
    assert [str(p) for p in corpus.problems.sorted()] == []
    assert corpus.outgoing["content/a.md"] == []


def test_mention_after_a_code_block_is_found(core_project: CoreProject) -> None:
    core_project.resolution("content/a.md", "271-KH/HU", body="""\
```
150-KH/TU
```
Sau khối mã: 152-KH/TU và `153-KH/TU`.
""")
    assert core_project.problems() == [
        f"content/a.md:12: warning: '152-KH/TU' {UNKNOWN}; it stays plain text",
    ]


def test_self_mention_is_ignored(core_project: CoreProject) -> None:
    core_project.resolution("content/a.md", "1327-QĐ/TU",
                            body="Quyết định 1327-QĐ/TU (còn viết 1327-QD/TU) ban hành Đề án.\n")
    corpus = core_project.corpus()
    assert [str(p) for p in corpus.problems.sorted()] == []
    assert corpus.outgoing["content/a.md"] == []
    assert corpus.incoming["content/a.md"] == []


def test_self_implements_is_ignored(core_project: CoreProject) -> None:
    core_project.write("content/a.md", """\
---
type: resolution
title: Kế hoạch
number: 271-KH/HU
issuer: Ban Thường vụ Huyện ủy
date: 2023-02-20
implements: [271-KH/HU]
---
""")
    corpus = core_project.corpus()
    assert [str(p) for p in corpus.problems.sorted()] == []
    assert corpus.outgoing["content/a.md"] == []


# -- parents: qa, guidance, summary ---------------------------------------------------------


def test_qa_about_an_unknown_resolution(core_project: CoreProject) -> None:
    core_project.write("content/hoi-dap/q.md", """\
---
type: qa
title: Hỏi – đáp
resolution: 14-KH/TU
---

## Câu hỏi 1: Vì sao?
""")
    assert core_project.problems() == [
        f"content/hoi-dap/q.md:4: error: resolution: '14-KH/TU' {UNKNOWN}",
    ]


def test_guidance_about_an_unknown_resolution(core_project: CoreProject) -> None:
    core_project.write("content/g.md", """\
---
type: guidance
title: Hướng dẫn báo cáo viên
visibility: internal
resolution: 1039-CV/HU
---
""")
    assert core_project.problems() == [
        f"content/g.md:5: error: resolution: '1039-CV/HU' {UNKNOWN}",
    ]


def test_summary_of_an_unknown_source(core_project: CoreProject) -> None:
    core_project.write("content/s.md", """\
---
type: summary
lang: hmn
title: Lus qhia
source: 271-KH/HU
---
""")
    assert core_project.problems() == [f"content/s.md:5: error: source: '271-KH/HU' {UNKNOWN}"]


def test_qa_about_an_external_document_is_accepted(core_project: CoreProject) -> None:
    core_project.write("data/external.yml", EXTERNAL)
    core_project.write("content/q.md", """\
---
type: qa
title: Hỏi – đáp về Chỉ thị 01-CT/TW
resolution: 01-CT/TW
---

## Câu hỏi 1: Vì sao?
""")
    corpus = core_project.corpus()
    assert [str(p) for p in corpus.problems.sorted()] == []
    assert refs(corpus.outgoing["content/q.md"]) == [
        ("content/q.md", "explains", "01-CT/TW", 4, "external 01-CT/TW"),
    ]


# -- references both ways -------------------------------------------------------------------


def test_references_are_resolved_both_ways(core_project: CoreProject) -> None:
    core_project.resolution("content/van-ban/148.md", "148-KH/TU")
    core_project.write("content/van-ban/271.md", """\
---
type: resolution
title: Kế hoạch
number: 271-KH/HU
issuer: Ban Thường vụ Huyện ủy
date: 2023-02-20
implements:
  - 148 - KH/TU
---

Thực hiện Kế hoạch số 148-KH/TU; xem thêm Công văn 1039-CV/HU.
""")
    core_project.resolution("content/van-ban/1039.md", "1039-CV/HU")
    core_project.write("content/hoi-dap/q.md", """\
---
type: qa
title: Hỏi – đáp
resolution: 271-KH/HU
---

## Câu hỏi 1: Kế hoạch 271-KH/HU thực hiện văn bản nào?

Kế hoạch số 148-KH/TU.
""")
    core_project.write("content/tieng-mong/s.md", """\
---
type: summary
title: Lus qhia
lang: hmn
source: 271-KH/HU
---
""")
    corpus = core_project.corpus()
    assert [str(p) for p in corpus.problems.sorted()] == []
    assert refs(corpus.outgoing["content/van-ban/271.md"]) == [
        ("content/van-ban/271.md", "implements", "148-KH/TU", 8, "content/van-ban/148.md"),
        ("content/van-ban/271.md", "mentions", "148-KH/TU", 11, "content/van-ban/148.md"),
        ("content/van-ban/271.md", "mentions", "1039-CV/HU", 11, "content/van-ban/1039.md"),
    ]
    assert refs(corpus.outgoing["content/hoi-dap/q.md"]) == [
        ("content/hoi-dap/q.md", "explains", "271-KH/HU", 4, "content/van-ban/271.md"),
        ("content/hoi-dap/q.md", "mentions", "271-KH/HU", 7, "content/van-ban/271.md"),
        ("content/hoi-dap/q.md", "mentions", "148-KH/TU", 9, "content/van-ban/148.md"),
    ]
    assert sorted(refs(corpus.incoming["content/van-ban/148.md"])) == sorted([
        ("content/van-ban/271.md", "implements", "148-KH/TU", 8, "content/van-ban/148.md"),
        ("content/van-ban/271.md", "mentions", "148-KH/TU", 11, "content/van-ban/148.md"),
        ("content/hoi-dap/q.md", "mentions", "148-KH/TU", 9, "content/van-ban/148.md"),
    ])
    assert sorted(refs(corpus.incoming["content/van-ban/271.md"])) == sorted([
        ("content/hoi-dap/q.md", "explains", "271-KH/HU", 4, "content/van-ban/271.md"),
        ("content/hoi-dap/q.md", "mentions", "271-KH/HU", 7, "content/van-ban/271.md"),
        ("content/tieng-mong/s.md", "explains", "271-KH/HU", 5, "content/van-ban/271.md"),
    ])
    assert refs(corpus.incoming["content/van-ban/1039.md"]) == [
        ("content/van-ban/271.md", "mentions", "1039-CV/HU", 11, "content/van-ban/1039.md"),
    ]
    assert corpus.incoming["content/tieng-mong/s.md"] == []
    assert corpus.outgoing["content/van-ban/148.md"] == []


def test_external_targets_are_not_incoming(core_project: CoreProject) -> None:
    core_project.write("data/external.yml", EXTERNAL)
    core_project.resolution("content/a.md", "271-KH/HU", body="Theo 148-KH/TU.\n")
    corpus = core_project.corpus()
    assert refs(corpus.outgoing["content/a.md"]) == [
        ("content/a.md", "mentions", "148-KH/TU", 9, "external 148-KH/TU"),
    ]
    assert all(not v for v in corpus.incoming.values())


def test_corpus_number_wins_over_external(core_project: CoreProject) -> None:
    core_project.write("data/external.yml", EXTERNAL)
    core_project.resolution("content/148.md", "148-KH/TU")
    core_project.resolution("content/a.md", "271-KH/HU", body="Theo 148-KH/TU.\n")
    corpus = core_project.corpus()
    assert refs(corpus.outgoing["content/a.md"]) == [
        ("content/a.md", "mentions", "148-KH/TU", 9, "content/148.md"),
    ]


def test_unknown_references_stay_unresolved(core_project: CoreProject) -> None:
    core_project.resolution("content/a.md", "271-KH/HU", body="Theo 999-KH/TU.\n")
    corpus = core_project.corpus()
    assert refs(corpus.outgoing["content/a.md"]) == [
        ("content/a.md", "mentions", "999-KH/TU", 9, None),
    ]


# -- Q&A questions ---------------------------------------------------------------------------

QA_HEAD = """\
---
type: qa
title: Hỏi – đáp
resolution: 271-KH/HU
---
"""


def write_qa(project: CoreProject, body: str) -> None:
    project.resolution("content/van-ban/271.md", "271-KH/HU")
    project.write("content/hoi-dap/q.md", QA_HEAD + body)


@pytest.mark.parametrize(
    "body",
    [
        "\nChỉ có một đoạn văn.\n\n### Câu hỏi cấp ba không tính\n",
        "\n```markdown\n## Câu hỏi 1: Vì sao?\n```\n",  # only inside code
        "",
    ],
    ids=["level-3-only", "only-in-code", "empty-body"],
)
def test_qa_without_questions(core_project: CoreProject, body: str) -> None:
    write_qa(core_project, body)
    assert core_project.problems() == [
        "content/hoi-dap/q.md:6: error: a Q&A needs its questions as level-2 headings "
        "('## Câu hỏi 1: …?'); found none",
    ]


def test_qa_questions_with_the_same_anchor(core_project: CoreProject) -> None:
    write_qa(core_project, """\

## Câu hỏi 1: Vì sao phải học tập nghị quyết?

Trả lời.

## Câu hỏi 2: Học những nội dung gì?

Trả lời.

## Câu hỏi 3: Vì sao phải học tập nghị quyết?

Trả lời.
""")
    assert file_line(core_project, "content/hoi-dap/q.md", "Câu hỏi 3") == 15
    assert core_project.problems() == [
        "content/hoi-dap/q.md:15: error: this question has the same anchor "
        "'#vi-sao-phai-hoc-tap-nghi-quyet' as the one on line 7; "
        "reword it or give it '{#another-id}'",
    ]


def test_qa_same_words_with_different_accents_clash(core_project: CoreProject) -> None:
    write_qa(core_project, "\n## Câu hỏi 1: Học gì?\n\n## Câu hỏi 2: Hoc gi?\n")
    assert core_project.problems() == [
        "content/hoi-dap/q.md:9: error: this question has the same anchor '#hoc-gi' as the one "
        "on line 7; reword it or give it '{#another-id}'",
    ]


def test_qa_explicit_id_resolves_a_clash(core_project: CoreProject) -> None:
    write_qa(core_project, "\n## Câu hỏi 1: Học gì?\n\n## Câu hỏi 2: Học gì? {#hoc-gi-2}\n")
    assert core_project.problems() == []


def test_qa_explicit_ids_that_clash(core_project: CoreProject) -> None:
    write_qa(core_project, "\n## Câu hỏi 1: Một? {#mot}\n\n## Câu hỏi 2: Hai? {#mot}\n")
    assert core_project.problems() == [
        "content/hoi-dap/q.md:9: error: this question has the same anchor '#mot' as the one on "
        "line 7; reword it or give it '{#another-id}'",
    ]


def test_qa_renumbered_questions_do_not_clash(core_project: CoreProject) -> None:
    write_qa(core_project, "\n## Câu hỏi 1: Vì sao?\n\n## Câu hỏi 2: Ai học?\n\n## Làm gì?\n")
    assert core_project.problems() == []


# -- guidance audiences ---------------------------------------------------------------------


def test_guidance_audience_without_a_section(core_project: CoreProject) -> None:
    core_project.resolution("content/van-ban/271.md", "271-KH/HU")
    core_project.write("content/huong-dan/g.md", """\
---
type: guidance
title: Hướng dẫn báo cáo viên
resolution: 271-KH/HU
audiences:
  - Đảng viên nông thôn
  - Công chức, viên chức
  - Đồng bào dân tộc thiểu số
---

## đảng viên nông thôn

Nhấn mạnh…

## Đồng bào dân tộc thiểu số

```
## Công chức, viên chức
```
""")
    assert core_project.problems() == [
        "content/huong-dan/g.md:7: warning: audiences: no section '## Công chức, viên chức' "
        "in the text for this audience",
    ]


# -- addresses ------------------------------------------------------------------------------


def test_two_files_with_the_same_name_in_different_folders(core_project: CoreProject) -> None:
    core_project.resolution("content/van-ban/271.md", "271-KH/HU")
    for folder in ("hoi-dap", "noi-bo"):
        core_project.write(f"content/{folder}/dai-hoi-xiii.md", QA_HEAD + "\n## Vì sao?\n")
    assert core_project.problems() == [
        "content/noi-bo/dai-hoi-xiii.md:1: error: two documents would share the address "
        "/hoi-dap/dai-hoi-xiii/: this one and content/hoi-dap/dai-hoi-xiii.md; rename one file",
    ]


def test_same_file_name_for_different_types_is_fine(core_project: CoreProject) -> None:
    core_project.resolution("content/van-ban/271.md", "271-KH/HU")
    core_project.write("content/a/x.md", QA_HEAD + "\n## Vì sao?\n")
    core_project.write("content/b/x.md", QA_HEAD.replace("type: qa", "type: guidance"))
    corpus = core_project.corpus()
    assert [str(p) for p in corpus.problems.sorted()] == []
    assert sorted(d.url for d in corpus.documents) == [
        "hoi-dap/x/", "huong-dan/x/", "van-ban/271-kh-hu/",
    ]


def test_two_drafts_with_the_same_file_name(core_project: CoreProject) -> None:
    draft = "---\ntype: resolution\nstatus: draft\ntitle: Dự thảo\nissuer: UBND huyện\n---\n"
    core_project.write("content/2023/ke-hoach.md", draft)
    core_project.write("content/2024/ke-hoach.md", draft)
    assert core_project.problems() == [
        "content/2024/ke-hoach.md:1: error: two documents would share the address "
        "/van-ban/du-thao-ke-hoach/: this one and content/2023/ke-hoach.md; rename one file",
    ]


def test_moving_a_file_does_not_change_its_address(core_project: CoreProject) -> None:
    core_project.resolution("content/van-ban/2023/a.md", "271-KH/HU")
    first = core_project.document("content/van-ban/2023/a.md").url
    (core_project.root / "content/van-ban/2023/a.md").rename(core_project.root / "content/b.md")
    assert core_project.document("content/b.md").url == first == "van-ban/271-kh-hu/"


# -- data/external.yml ----------------------------------------------------------------------


def test_bad_external_entries_are_located(core_project: CoreProject) -> None:
    core_project.write("data/external.yml", """\
- number: 148-KH/TU
  issuer: Ban Thường vụ Tỉnh ủy

- number: 01-CT/TW
  title: Chỉ thị 01
  issuer: Bộ Chính trị
  url: tulieuvankien.dangcongsan.vn

- number: Chỉ thị 05
  title: Chỉ thị 05
  issuer: Bộ Chính trị

- number: 1039
  title: Công văn
  issuer: Huyện ủy
  nguon: báo Lai Châu

- Kết luận 01-KL/TW

- number: 224-KL/TU
  title: Kết luận
  issuer: ''
""")
    corpus = core_project.corpus()
    assert [str(p) for p in corpus.problems.sorted()] == [
        "data/external.yml:1: error: title: required but missing",
        "data/external.yml:7: error: url: expected an address starting with https://, "
        "got 'tulieuvankien.dangcongsan.vn'",
        "data/external.yml:9: error: number: expected a document number like '271-KH/HU' or "
        "'289/KH-UBND', got 'Chỉ thị 05'",
        "data/external.yml:13: error: number: expected a document number like '271-KH/HU' "
        "written as text, got 1039",
        "data/external.yml:16: warning: nguon: unknown key (ignored); known keys: issuer, "
        "number, title, url",
        "data/external.yml:18: error: expected a document: a mapping with number, title and "
        "issuer",
        "data/external.yml:22: error: issuer: required but missing",
    ]
    assert corpus.external == {}


def test_external_that_is_not_a_list(core_project: CoreProject) -> None:
    core_project.write("data/external.yml", "# ghi chú\nnumber: 148-KH/TU\ntitle: Kế hoạch\n")
    assert core_project.problems() == [
        "data/external.yml:2: error: expected a list of documents, each with number, title "
        "and issuer",
    ]


def test_external_with_a_yaml_error(core_project: CoreProject) -> None:
    core_project.write("data/external.yml", "- number: 148-KH/TU\n  title: 'Kế hoạch\n")
    assert core_project.problems() == [
        "data/external.yml:3: error: invalid YAML: found unexpected end of stream "
        "(while scanning a quoted scalar on line 2)",
    ]


def test_external_that_is_not_utf8(core_project: CoreProject) -> None:
    core_project.write_bytes("data/external.yml",
                             b"- number: 148-KH/TU\n  title: K\xe9 ho\xe1ch\n  issuer: x\n")
    assert core_project.problems() == [
        "data/external.yml:2: error: the file is not UTF-8 text: byte 0xe9 is not UTF-8; "
        "save the file as UTF-8 (Unicode)",
    ]


@pytest.mark.parametrize("text", ["", "# chỉ có ghi chú\n", "[]\n"])
def test_empty_external_is_fine(core_project: CoreProject, text: str) -> None:
    core_project.write("data/external.yml", text)
    assert core_project.problems() == []


def test_missing_external_is_fine(core_project: CoreProject) -> None:
    core_project.resolution("content/a.md", "271-KH/HU")
    assert core_project.problems() == []


def test_a_bad_yaml_tag_in_external_does_not_crash(core_project: CoreProject) -> None:
    core_project.write("data/external.yml", "- number: !!binary 'zz'\n  title: t\n  issuer: i\n")
    assert core_project.problems() == [
        "data/external.yml:1: error: the YAML tag '!!binary' is not allowed; remove it "
        "(write the value as plain text)",
    ]


# -- the project --------------------------------------------------------------------------


def test_missing_content_folder(core_project: CoreProject) -> None:
    (core_project.root / "content").rmdir()
    assert core_project.problems() == ["content: error: the content folder does not exist"]


def test_files_read_counts_every_markdown_file(core_project: CoreProject) -> None:
    core_project.resolution("content/a.md", "271-KH/HU")
    core_project.write("content/b/c.md", "")
    core_project.write("content/notes.txt", "không phải tài liệu")
    corpus = core_project.corpus()
    assert corpus.files_read == 2
    assert [d.path for d in corpus.documents] == ["content/a.md"]


def test_a_broken_file_does_not_stop_the_others(core_project: CoreProject) -> None:
    core_project.write_bytes("content/a.md", b"\xff")
    core_project.write("content/b.md", "---\ntype: nghi-quyet\n---\n")
    core_project.resolution("content/c.md", "271-KH/HU", body="Theo 999-KH/TU.\n")
    assert core_project.problems() == [
        "content/a.md:1: error: the file is not UTF-8 text: byte 0xff is not UTF-8; "
        "save the file as UTF-8 (Unicode)",
        "content/b.md:2: error: type: expected one of 'resolution', 'qa', 'guidance', "
        "'summary', got 'nghi-quyet'",
        f"content/c.md:9: warning: '999-KH/TU' {UNKNOWN}; it stays plain text",
    ]
