"""Stage 2, validate: every frontmatter error of the contract, with its file and line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from core_project import CoreProject

PATH = "content/van-ban/x.md"
#: A real recording (2 s of speech, MP3) of the fixture project.
SAMPLE_MP3 = (Path(__file__).resolve().parents[2] / "fixtures" / "project" / "content"
              / "am-thanh" / "nghi-quyet-5-hmn.mp3")

#: A valid resolution; tests replace one line to make it wrong.
RESOLUTION = """\
---
type: resolution
title: Tổng kết 10 năm thực hiện Đề án 1327
number: 271-KH/HU
issuer: Ban Thường vụ Huyện ủy Phong Thổ
date: 2023-02-20
---

Nội dung.
"""

RESOLUTION_KEYS = (
    "audio, date, description, implements, issuer, lang, number, place, recipients, signer, "
    "signer_title, status, tags, term, title, type, visibility"
)


def with_line(old: str, new: str) -> str:
    """RESOLUTION with one line replaced (``new`` may span several lines)."""
    assert RESOLUTION.count(old + "\n") == 1, old
    return RESOLUTION.replace(old + "\n", new + "\n")


# -- the valid case ----------------------------------------------------------------------


def test_valid_resolution_and_its_defaults(core_project: CoreProject) -> None:
    core_project.write(PATH, RESOLUTION)
    assert core_project.problems() == []
    doc = core_project.document(PATH)
    assert doc.type == "resolution"
    assert doc.visibility == "internal"  # nothing is public unless it says so
    assert not doc.is_public
    assert doc.lang == "vi"
    assert doc.date == dt.date(2023, 2, 20)
    assert str(doc.number) == "271-KH/HU"
    assert doc.kind_name == "Kế hoạch"
    assert doc.url == "van-ban/271-kh-hu/"
    assert doc.lines["number"] == 4
    assert not doc.is_draft


def test_public_visibility(core_project: CoreProject) -> None:
    core_project.write(PATH, with_line("date: 2023-02-20", "date: 2023-02-20\nvisibility: public"))
    assert core_project.problems() == []
    assert core_project.document(PATH).is_public


def test_number_with_spaces_is_stored_normalised(core_project: CoreProject) -> None:
    core_project.write(PATH, with_line("number: 271-KH/HU", "number: 1039 - CV/HU"))
    assert core_project.problems() == []
    doc = core_project.document(PATH)
    assert str(doc.number) == "1039-CV/HU"
    assert doc.url == "van-ban/1039-cv-hu/"
    assert doc.kind_name == "Công văn"


def test_text_values_are_stripped_and_numbers_accepted(core_project: CoreProject) -> None:
    core_project.write(PATH, with_line(
        "date: 2023-02-20", "date: 2023-02-20\nterm: 13\nsigner: '  Nguyễn Văn Thanh  '"
    ))
    assert core_project.problems() == []
    doc = core_project.document(PATH)
    assert doc.fields["term"] == "13"
    assert doc.fields["signer"] == "Nguyễn Văn Thanh"


def test_a_list_of_one_may_be_written_without_the_dash(core_project: CoreProject) -> None:
    core_project.write(PATH, with_line("date: 2023-02-20",
                                       "date: 2023-02-20\ntags: học tập\nimplements: 271-KH/HU"))
    assert core_project.problems() == []
    doc = core_project.document(PATH)
    assert doc.tags == ["học tập"]


# -- type ---------------------------------------------------------------------------------


def test_missing_type(core_project: CoreProject) -> None:
    core_project.write(PATH, with_line("type: resolution", "visibility: public"))
    assert core_project.problems() == [
        f"{PATH}:1: error: type: required; expected one of "
        "'resolution', 'qa', 'guidance', 'summary'",
    ]


@pytest.mark.parametrize(("value", "shown"), [("nghi-quyet", "'nghi-quyet'"),
                                              ("Resolution", "'Resolution'"),
                                              ("[qa]", "['qa']")])
def test_unknown_type(core_project: CoreProject, value: str, shown: str) -> None:
    core_project.write(PATH, with_line("type: resolution", f"type: {value}"))
    assert core_project.problems() == [
        f"{PATH}:2: error: type: expected one of 'resolution', 'qa', 'guidance', 'summary', "
        f"got {shown}",
    ]


# -- required keys per type ---------------------------------------------------------------


def test_resolution_required_keys(core_project: CoreProject) -> None:
    core_project.write(PATH, "---\ntype: resolution\n---\n")
    assert core_project.problems() == [
        f"{PATH}:1: error: date: required for type 'resolution' but missing",
        f"{PATH}:1: error: issuer: required for type 'resolution' but missing",
        f"{PATH}:1: error: number: required for type 'resolution' but missing",
        f"{PATH}:1: error: title: required for type 'resolution' but missing",
    ]


@pytest.mark.parametrize("key", ["title", "number", "issuer", "date"])
def test_one_resolution_key_missing(core_project: CoreProject, key: str) -> None:
    line = next(x for x in RESOLUTION.split("\n") if x.startswith(f"{key}:"))
    core_project.write(PATH, with_line(line, "place: Phong Thổ"))
    assert core_project.problems() == [
        f"{PATH}:1: error: {key}: required for type 'resolution' but missing",
    ]


@pytest.mark.parametrize("empty", ["", " ''", " null", " ~"])
def test_key_given_without_value_points_at_the_key(core_project: CoreProject, empty: str) -> None:
    core_project.write(PATH, with_line("issuer: Ban Thường vụ Huyện ủy Phong Thổ",
                                       f"issuer:{empty}"))
    assert core_project.problems() == [
        f"{PATH}:5: error: issuer: required for type 'resolution' but missing",
    ]


@pytest.mark.parametrize("doc_type", ["qa", "guidance"])
def test_qa_and_guidance_need_a_resolution(core_project: CoreProject, doc_type: str) -> None:
    core_project.write("content/a.md", f"---\ntype: {doc_type}\ntitle: Tài liệu\n---\n\n## Câu?\n")
    assert core_project.problems() == [
        f"content/a.md:1: error: resolution: required for type '{doc_type}' but missing",
    ]


def test_summary_needs_source_and_lang(core_project: CoreProject) -> None:
    core_project.write("content/a.md", "---\ntype: summary\ntitle: Lus qhia\n---\n")
    assert core_project.problems() == [
        "content/a.md:1: error: lang: required for type 'summary' but missing",
        "content/a.md:1: error: source: required for type 'summary' but missing",
    ]


def test_every_type_needs_a_title(core_project: CoreProject) -> None:
    core_project.resolution("content/r.md", "271-KH/HU")
    core_project.write("content/a.md", "---\ntype: qa\nresolution: 271-KH/HU\n---\n\n## Câu?\n")
    assert core_project.problems() == [
        "content/a.md:1: error: title: required for type 'qa' but missing",
    ]


# -- wrong types --------------------------------------------------------------------------


def test_title_as_a_list(core_project: CoreProject) -> None:
    core_project.write(PATH, with_line("title: Tổng kết 10 năm thực hiện Đề án 1327",
                                       "title:\n  - Tổng kết\n  - Đề án 1327"))
    assert core_project.problems() == [f"{PATH}:3: error: title: expected text, got a list"]


def test_title_as_a_mapping(core_project: CoreProject) -> None:
    core_project.write(PATH, with_line("title: Tổng kết 10 năm thực hiện Đề án 1327",
                                       "title: {vi: Tổng kết}"))
    assert core_project.problems() == [f"{PATH}:3: error: title: expected text, got a mapping"]


def test_text_as_yes_no(core_project: CoreProject) -> None:
    core_project.write(PATH, with_line("issuer: Ban Thường vụ Huyện ủy Phong Thổ", "issuer: yes"))
    assert core_project.problems() == [
        f"{PATH}:5: error: issuer: expected text, got yes/no value True",
    ]


def test_tags_as_a_mapping(core_project: CoreProject) -> None:
    core_project.write(PATH, with_line("date: 2023-02-20",
                                       "date: 2023-02-20\ntags:\n  chủ đề: học tập"))
    assert core_project.problems() == [f"{PATH}:7: error: tags: expected a list, got a mapping"]


def test_number_as_an_integer(core_project: CoreProject) -> None:
    core_project.write(PATH, with_line("number: 271-KH/HU", "number: 1039"))
    assert core_project.problems() == [
        f"{PATH}:4: error: number: expected a document number like '271-KH/HU' written as text, "
        "got 1039",
    ]


@pytest.mark.parametrize("value", ["271-KH", "Kế hoạch 271-KH/HU", "271-kh/hu"])
def test_number_malformed(core_project: CoreProject, value: str) -> None:
    core_project.write(PATH, with_line("number: 271-KH/HU", f"number: {value}"))
    assert core_project.problems() == [
        f"{PATH}:4: error: number: expected a document number like '271-KH/HU' or "
        f"'289/KH-UBND' or, for a draft, '/KH-UBND', got '{value}'",
    ]


def test_number_with_unknown_kind_is_a_warning(core_project: CoreProject) -> None:
    core_project.write(PATH, with_line("number: 271-KH/HU", "number: 12-XY/HU"))
    assert core_project.problems() == [
        f"{PATH}:4: warning: number: unknown kind 'XY' in '12-XY/HU'; the page will say 'Văn bản'",
    ]
    assert core_project.document(PATH).kind_name == "Văn bản"


# -- enumerations -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("visibility: publik", "visibility: expected 'public' or 'internal', got 'publik'"),
        ("visibility: Public", "visibility: expected 'public' or 'internal', got 'Public'"),
        ("visibility: yes", "visibility: expected 'public' or 'internal', got True"),
        ("lang: en", "lang: expected 'vi' or 'hmn', got 'en'"),
        ("lang: tiếng Việt", "lang: expected 'vi' or 'hmn', got 'tiếng Việt'"),
        ("status: final", "status: expected 'issued' or 'draft', got 'final'"),
    ],
)
def test_enum_values(core_project: CoreProject, line: str, message: str) -> None:
    core_project.write(PATH, with_line("date: 2023-02-20", f"date: 2023-02-20\n{line}"))
    assert core_project.problems() == [f"{PATH}:7: error: {message}"]


def test_every_enum_error_is_reported_at_once(core_project: CoreProject) -> None:
    core_project.write(PATH, """\
---
type: resolution
title: Kế hoạch
visibility: publik
number: 271-KH/HU
lang: en
issuer: Ban Thường vụ
date: 2023-02-30
status: final
---
""")
    assert core_project.problems() == [
        f"{PATH}:4: error: visibility: expected 'public' or 'internal', got 'publik'",
        f"{PATH}:6: error: lang: expected 'vi' or 'hmn', got 'en'",
        f"{PATH}:8: error: date: '2023-02-30' is not a date that exists",
        f"{PATH}:9: error: status: expected 'issued' or 'draft', got 'final'",
    ]
    assert core_project.corpus().documents == []


# -- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2023-02-30", "date: '2023-02-30' is not a date that exists"),
        ("2023-02-29", "date: '2023-02-29' is not a date that exists"),
        ("2023-13-01", "date: '2023-13-01' is not a date that exists"),
        ("20/02/2023", "date: expected an ISO date like 2023-02-20, got '20/02/2023'"),
        ("2023-2-20", "date: expected an ISO date like 2023-02-20, got '2023-2-20'"),
        ("'2023-02-20 08:00'", "date: expected an ISO date like 2023-02-20, "
                               "got '2023-02-20 08:00'"),
        ("ngày 20 tháng 02 năm 2023", "date: expected an ISO date like 2023-02-20, "
                                      "got 'ngày 20 tháng 02 năm 2023'"),
        ("20230220", "date: expected an ISO date like 2023-02-20, got 20230220"),
        ("[2023-02-20]", "date: expected an ISO date like 2023-02-20, got ['2023-02-20']"),
    ],
)
def test_bad_dates(core_project: CoreProject, value: str, message: str) -> None:
    core_project.write(PATH, with_line("date: 2023-02-20", f"date: {value}"))
    assert core_project.problems() == [f"{PATH}:6: error: {message}"]


def test_quoted_date_is_accepted(core_project: CoreProject) -> None:
    core_project.write(PATH, with_line("date: 2023-02-20", "date: '2021-03-09'"))
    assert core_project.problems() == []
    assert core_project.document(PATH).date == dt.date(2021, 3, 9)


def test_date_of_a_qa_is_optional_but_checked(core_project: CoreProject) -> None:
    core_project.resolution("content/r.md", "271-KH/HU")
    core_project.write("content/q.md", """\
---
type: qa
title: Hỏi – đáp
resolution: 271-KH/HU
date: 2023-02-30
---

## Câu hỏi 1: Vì sao?
""")
    assert core_project.problems() == [
        "content/q.md:5: error: date: '2023-02-30' is not a date that exists",
    ]


# -- summary ------------------------------------------------------------------------------

SUMMARY = """\
---
type: summary
title: Lus qhia luv luv
source: 271-KH/HU
lang: hmn
---

Nqe lus.
"""


def test_valid_summary(core_project: CoreProject) -> None:
    core_project.resolution("content/r.md", "271-KH/HU")
    core_project.write("content/s.md", SUMMARY)
    assert core_project.problems() == []
    doc = core_project.document("content/s.md")
    assert doc.lang == "hmn"
    assert doc.url == "tieng-mong/s/"
    assert str(doc.parent_number) == "271-KH/HU"


def test_summary_in_vietnamese(core_project: CoreProject) -> None:
    core_project.resolution("content/r.md", "271-KH/HU")
    core_project.write("content/s.md", SUMMARY.replace("lang: hmn", "lang: vi"))
    assert core_project.problems() == [
        "content/s.md:5: error: lang: a summary is written in Mông, expected 'hmn', got 'vi'",
    ]


def test_summary_audio_that_does_not_exist(core_project: CoreProject) -> None:
    core_project.resolution("content/r.md", "271-KH/HU")
    core_project.write("content/s.md", SUMMARY.replace("lang: hmn",
                                                       "lang: hmn\naudio: am-thanh/271.mp3"))
    assert core_project.problems() == [
        "content/s.md:6: error: audio: expected a file under content/, "
        "but 'am-thanh/271.mp3' does not exist",
    ]


@pytest.mark.parametrize("written", ["am-thanh/271.mp3", "content/am-thanh/271.mp3",
                                     "./am-thanh/271.mp3"])
def test_summary_audio_that_exists(core_project: CoreProject, written: str) -> None:
    core_project.resolution("content/r.md", "271-KH/HU")
    core_project.write_bytes("content/am-thanh/271.mp3", SAMPLE_MP3.read_bytes())
    core_project.write("content/s.md", SUMMARY.replace("lang: hmn", f"lang: hmn\naudio: {written}"))
    assert core_project.problems() == []
    assert core_project.document("content/s.md").fields["audio"] == "am-thanh/271.mp3"


def test_summary_audio_outside_content(core_project: CoreProject) -> None:
    core_project.resolution("content/r.md", "271-KH/HU")
    core_project.write_bytes("data/271.mp3", b"ID3")  # it exists, but not under content/
    core_project.write("content/s.md", SUMMARY.replace("lang: hmn",
                                                       "lang: hmn\naudio: ../data/271.mp3"))
    assert core_project.problems() == [
        "content/s.md:6: error: audio: expected a file under content/, but '../data/271.mp3' "
        "does not exist",
    ]


# -- drafts -------------------------------------------------------------------------------

DRAFT = """\
---
type: resolution
status: draft
title: Nâng cao hiệu quả công tác tuyên truyền
issuer: Ủy ban nhân dân huyện Hớn Quản
---

Dự thảo.
"""


def test_draft_may_omit_number_and_date(core_project: CoreProject) -> None:
    core_project.write("content/du-thao/ke-hoach.md", DRAFT)
    assert core_project.problems() == []
    doc = core_project.document("content/du-thao/ke-hoach.md")
    assert doc.is_draft
    assert doc.number is None
    assert doc.date is None
    assert doc.url == "van-ban/du-thao-ke-hoach/"


def test_draft_may_write_a_number_without_serial(core_project: CoreProject) -> None:
    core_project.write("content/du-thao/ke-hoach.md",
                       DRAFT.replace("status: draft\n", "status: draft\nnumber: /KH-UBND\n"))
    assert core_project.problems() == []
    doc = core_project.document("content/du-thao/ke-hoach.md")
    assert doc.number is not None
    assert doc.number.is_draft
    assert str(doc.number) == "/KH-UBND"
    assert doc.kind_name == "Kế hoạch"
    assert doc.url == "van-ban/du-thao-ke-hoach/"


def test_draft_still_needs_title_and_issuer(core_project: CoreProject) -> None:
    core_project.write(PATH, "---\ntype: resolution\nstatus: draft\n---\n")
    assert core_project.problems() == [
        f"{PATH}:1: error: issuer: required for type 'resolution' but missing",
        f"{PATH}:1: error: title: required for type 'resolution' but missing",
    ]


def test_draft_number_without_status_draft(core_project: CoreProject) -> None:
    core_project.write(PATH, with_line("number: 271-KH/HU", "number: /KH-UBND"))
    assert core_project.problems() == [
        f"{PATH}:4: error: number: '/KH-UBND' has no serial; only a 'status: draft' document "
        "may omit it",
    ]


def test_draft_number_with_status_issued(core_project: CoreProject) -> None:
    core_project.write(PATH, with_line("number: 271-KH/HU", "number: /KH-UBND\nstatus: issued"))
    assert core_project.problems() == [
        f"{PATH}:4: error: number: '/KH-UBND' has no serial; only a 'status: draft' document "
        "may omit it",
    ]


def test_issued_resolution_may_not_omit_number(core_project: CoreProject) -> None:
    core_project.write(PATH, with_line("number: 271-KH/HU", "status: issued"))
    assert core_project.problems() == [
        f"{PATH}:1: error: number: required for type 'resolution' but missing",
    ]


def test_draft_number_is_not_a_parent_number(core_project: CoreProject) -> None:
    core_project.write("content/q.md", """\
---
type: qa
title: Hỏi – đáp
resolution: /KH-UBND
---

## Câu hỏi 1: Vì sao?
""")
    assert core_project.problems() == [
        "content/q.md:4: error: resolution: expected a document number like '271-KH/HU' or "
        "'289/KH-UBND', got '/KH-UBND'",
    ]


def test_implements_may_not_hold_a_draft_number(core_project: CoreProject) -> None:
    core_project.write(PATH, with_line("date: 2023-02-20",
                                       "date: 2023-02-20\nimplements:\n  - /KH-UBND"))
    assert core_project.problems() == [
        f"{PATH}:8: error: implements: expected a document number like '271-KH/HU' or "
        "'289/KH-UBND', got '/KH-UBND'",
    ]


# -- unknown keys -------------------------------------------------------------------------


def test_unknown_key_is_a_warning_naming_the_known_keys(core_project: CoreProject) -> None:
    core_project.write(PATH, with_line("date: 2023-02-20", "date: 2023-02-20\ntitel: Kế hoạch"))
    assert core_project.problems() == [
        f"{PATH}:7: warning: titel: unknown key for type 'resolution' (ignored); "
        f"known keys: {RESOLUTION_KEYS}",
    ]
    assert "titel" not in core_project.document(PATH).fields


def test_unknown_key_for_a_qa(core_project: CoreProject) -> None:
    core_project.resolution("content/r.md", "271-KH/HU")
    core_project.write("content/q.md", """\
---
type: qa
title: Hỏi – đáp
resolution: 271-KH/HU
number: 12-KH/HU
---

## Câu hỏi 1: Vì sao?
""")
    assert core_project.problems() == [
        "content/q.md:5: warning: number: unknown key for type 'qa' (ignored); known keys: "
        "audience, audio, date, description, lang, resolution, tags, title, type, visibility",
    ]


def test_unknown_keys_are_reported_even_when_there_are_errors(core_project: CoreProject) -> None:
    core_project.write(PATH, "---\ntype: resolution\nfoo: 1\n---\n")
    assert core_project.problems()[-1] == (
        f"{PATH}:3: warning: foo: unknown key for type 'resolution' (ignored); "
        f"known keys: {RESOLUTION_KEYS}"
    )


# -- list items ----------------------------------------------------------------------------


def test_implements_with_a_bad_second_item_points_at_the_item(core_project: CoreProject) -> None:
    core_project.write(PATH, with_line("date: 2023-02-20", """\
date: 2023-02-20
implements:
  - 148-KH/TU
  - Kế hoạch 149
  - 150-KH/TU"""))
    assert core_project.problems() == [
        f"{PATH}:9: error: implements: expected a document number like '271-KH/HU' or "
        "'289/KH-UBND', got 'Kế hoạch 149'",
    ]


def test_implements_with_an_integer_item(core_project: CoreProject) -> None:
    core_project.write(PATH, with_line("date: 2023-02-20", "date: 2023-02-20\nimplements:\n"
                                       "  - 148-KH/TU\n\n  - 148"))
    assert core_project.problems() == [
        f"{PATH}:10: error: implements: expected a document number like '271-KH/HU' written "
        "as text, got 148",
    ]


def test_implements_as_a_mapping(core_project: CoreProject) -> None:
    core_project.write(PATH, with_line("date: 2023-02-20", "date: 2023-02-20\nimplements:\n"
                                       "  số: 148-KH/TU"))
    assert core_project.problems() == [
        f"{PATH}:7: error: implements: expected a list, got a mapping",
    ]


@pytest.mark.parametrize("key", ["tags", "recipients"])
def test_text_list_with_a_bad_item_points_at_the_item(core_project: CoreProject, key: str) -> None:
    core_project.write(PATH, with_line("date: 2023-02-20", f"""\
date: 2023-02-20
{key}:
  - Đảng bộ xã
  - tên: Chi bộ
  - Lưu VT"""))
    assert core_project.problems() == [
        f"{PATH}:9: error: {key}: each item expected text, got a mapping",
    ]


def test_guidance_audiences_bad_item(core_project: CoreProject) -> None:
    core_project.resolution("content/r.md", "271-KH/HU")
    core_project.write("content/g.md", """\
---
type: guidance
title: Hướng dẫn báo cáo viên
resolution: 271-KH/HU
audiences: [đảng viên, [công chức]]
key_points:
  - Nội dung thứ nhất
  - yes
---
""")
    assert core_project.problems() == [
        "content/g.md:5: error: audiences: each item expected text, got a list",
        "content/g.md:8: error: key_points: each item expected text, got yes/no value True",
    ]
