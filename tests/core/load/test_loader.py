"""Stage 1, load: reading files, splitting and parsing the frontmatter."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from tuyengiao.core.load.files import parse_source
from tuyengiao.core.model.problems import Problems

if TYPE_CHECKING:
    from core_project import CoreProject

PATH = "content/van-ban/x.md"

VALID = """\
---
type: resolution
title: Tổng kết 10 năm thực hiện Đề án 1327
number: 271-KH/HU
issuer: Ban Thường vụ Huyện ủy Phong Thổ
date: 2023-02-20
---

## Căn cứ ban hành

Nội dung của Đảng bộ.
"""


def test_a_valid_file_has_no_problem(core_project: CoreProject) -> None:
    core_project.write(PATH, VALID)
    assert core_project.problems() == []
    doc = core_project.document(PATH)
    assert doc.title == "Tổng kết 10 năm thực hiện Đề án 1327"
    assert doc.src_uri == "van-ban/x.md"
    assert doc.body_line == 8
    assert doc.body.split("\n")[0] == ""
    assert doc.body.split("\n")[1] == "## Căn cứ ban hành"


def test_empty_file(core_project: CoreProject) -> None:
    core_project.write(PATH, "")
    assert core_project.problems() == [
        f"{PATH}:1: error: the file is empty; expected YAML frontmatter and Markdown",
    ]


def test_whitespace_only_file(core_project: CoreProject) -> None:
    core_project.write(PATH, "  \n\n\t\n")
    assert core_project.problems() == [
        f"{PATH}:1: error: the file is empty; expected YAML frontmatter and Markdown",
    ]


def test_no_frontmatter(core_project: CoreProject) -> None:
    core_project.write(PATH, "# Kế hoạch 271-KH/HU\n\nNội dung.\n")
    assert core_project.problems() == [
        f"{PATH}:1: error: expected YAML frontmatter at the top of the file, "
        "between two '---' lines",
    ]


def test_frontmatter_not_on_the_first_line(core_project: CoreProject) -> None:
    core_project.write(PATH, "\n" + VALID)
    assert core_project.problems() == [
        f"{PATH}:1: error: expected YAML frontmatter at the top of the file, "
        "between two '---' lines",
    ]


def test_unclosed_frontmatter(core_project: CoreProject) -> None:
    core_project.write(PATH, "---\ntype: resolution\ntitle: Kế hoạch\n\nNội dung.\n")
    assert core_project.problems() == [
        f"{PATH}:1: error: the frontmatter is not closed; add a '---' line after it",
    ]


def test_frontmatter_closed_with_dots(core_project: CoreProject) -> None:
    core_project.write(PATH, VALID.replace("date: 2023-02-20\n---\n", "date: 2023-02-20\n...\n"))
    assert core_project.problems() == []


def test_empty_frontmatter(core_project: CoreProject) -> None:
    core_project.write(PATH, "---\n---\n\nNội dung.\n")
    assert core_project.problems() == [
        f"{PATH}:2: error: the frontmatter is empty; expected at least 'type' and 'title'",
    ]


def test_yaml_syntax_error_names_its_line(core_project: CoreProject) -> None:
    core_project.write(PATH, """\
---
type: resolution
title: Kế hoạch
  number: 271-KH/HU
issuer: Ban Thường vụ
---
""")
    assert core_project.problems() == [
        f"{PATH}:4: error: invalid YAML: mapping values are not allowed here",
    ]


def test_yaml_colon_in_an_unquoted_title(core_project: CoreProject) -> None:
    # A very common editor mistake: "Về việc: …" needs quotes after another colon.
    core_project.write(PATH, """\
---
type: resolution
number: 271-KH/HU
title: Kế hoạch: tổng kết Đề án 1327
issuer: Ban Thường vụ
---
""")
    assert core_project.problems() == [
        f"{PATH}:4: error: invalid YAML: mapping values are not allowed here",
    ]


def test_yaml_unclosed_quote_names_where_it_started(core_project: CoreProject) -> None:
    core_project.write(PATH, """\
---
type: resolution
title: "Kế hoạch tổng kết
number: 271-KH/HU
---
""")
    assert core_project.problems() == [
        f"{PATH}:4: error: invalid YAML: found unexpected end of stream "
        "(while scanning a quoted scalar on line 3)",
    ]


def test_yaml_unclosed_bracket_names_where_it_started(core_project: CoreProject) -> None:
    core_project.write(PATH, """\
---
type: resolution
tags: [học tập, quán triệt
number: 271-KH/HU
---
""")
    assert core_project.problems() == [
        f"{PATH}:4: error: invalid YAML: expected ',' or ']', but got ':' "
        "(while parsing a flow sequence on line 3)",
    ]


def test_yaml_tab_indentation(core_project: CoreProject) -> None:
    core_project.write(PATH, "---\ntype: resolution\ntags:\n\t- a\n---\n")
    assert core_project.problems() == [
        f"{PATH}:4: error: invalid YAML: found character '\\t' that cannot start any token; "
        "indent with spaces, not tabs",
    ]


def test_frontmatter_that_is_a_list(core_project: CoreProject) -> None:
    core_project.write(PATH, "---\n- type: resolution\n- title: Kế hoạch\n---\n")
    assert core_project.problems() == [
        f"{PATH}:2: error: the frontmatter must be a mapping of 'key: value' lines",
    ]


def test_frontmatter_that_is_a_scalar(core_project: CoreProject) -> None:
    core_project.write(PATH, "---\n\nKế hoạch tổng kết\n---\n")
    assert core_project.problems() == [
        f"{PATH}:3: error: the frontmatter must be a mapping of 'key: value' lines",
    ]


def test_duplicate_key_names_the_first_line(core_project: CoreProject) -> None:
    core_project.write(PATH, VALID.replace("date: 2023-02-20\n",
                                           "date: 2023-02-20\ntitle: Tiêu đề thứ hai\n"))
    assert core_project.problems() == [
        f"{PATH}:7: error: title: duplicate key (first given on line 3)",
    ]


def test_duplicate_key_keeps_the_first_value() -> None:
    problems = Problems()
    source = parse_source(PATH, "---\ntitle: một\ntitle: hai\n---\n", problems)
    assert source is not None
    assert source.entries["title"].value == "một"
    assert source.entries["title"].line == 2


def test_key_that_is_not_text(core_project: CoreProject) -> None:
    core_project.write(PATH, VALID.replace("date: 2023-02-20\n",
                                           "date: 2023-02-20\n2023: năm\n"))
    assert core_project.problems() == [
        f"{PATH}:7: error: keys must be text, got 2023",
    ]


def test_a_bad_yaml_tag_is_one_located_error(core_project: CoreProject) -> None:
    core_project.write(PATH, VALID.replace("issuer: Ban Thường vụ Huyện ủy Phong Thổ",
                                           "issuer: !!binary 'zz'"))
    assert core_project.problems() == [
        f"{PATH}:5: error: the YAML tag '!!binary' is not allowed; remove it "
        "(write the value as plain text)",
    ]


def test_a_bad_yaml_tag_on_a_key_does_not_crash(core_project: CoreProject) -> None:
    core_project.write(PATH, VALID.replace("date: 2023-02-20\n",
                                           "date: 2023-02-20\n!!binary 'zz': x\n"))
    assert core_project.problems() == [
        f"{PATH}:7: error: the YAML tag '!!binary' is not allowed; remove it "
        "(write the value as plain text)",
    ]


def test_dates_are_not_resolved_by_yaml() -> None:
    # 2023-02-30 must be a located validation error, not a crash inside PyYAML.
    problems = Problems()
    source = parse_source(PATH, "---\ndate: 2023-02-30\nyes_no: yes\n---\n", problems)
    assert source is not None
    assert source.entries["date"].value == "2023-02-30"
    assert source.entries["yes_no"].value is True
    assert list(problems) == []


def test_entries_keep_lines_and_item_lines() -> None:
    problems = Problems()
    text = """\
---
type: resolution
implements:
  - 148-KH/TU

  - 1327-QĐ/TU
tags: [a, b]
---
Body line one
"""
    source = parse_source(PATH, text, problems)
    assert source is not None
    assert source.entries["type"].line == 2
    assert source.entries["implements"].line == 3
    assert source.entries["implements"].item_lines == (4, 6)
    assert source.entries["tags"].item_lines == (7, 7)
    assert source.body_line == 9
    assert source.body == "Body line one\n"


def test_non_utf8_file_names_the_line_of_the_bad_byte(core_project: CoreProject) -> None:
    # "Đảng" on line 11 saved as cp1258 inside an otherwise UTF-8 file.
    core_project.write_bytes(PATH, VALID.encode().replace("Đảng".encode(), b"\xd0a\xd2ng"))
    assert core_project.problems() == [
        f"{PATH}:11: error: the file is not UTF-8 text: byte 0xd0 is not UTF-8; "
        "save the file as UTF-8 (Unicode)",
    ]


def test_latin1_file_in_the_frontmatter(core_project: CoreProject) -> None:
    core_project.write_bytes(PATH, b"---\ntype: resolution\ntitle: Caf\xe9\n---\n")
    assert core_project.problems() == [
        f"{PATH}:3: error: the file is not UTF-8 text: byte 0xe9 is not UTF-8; "
        "save the file as UTF-8 (Unicode)",
    ]


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: b"\xef\xbb\xbf" + t.encode(),
        lambda t: t.replace("\n", "\r\n").encode(),
        lambda t: t.replace("\n", "\r").encode(),
        lambda t: unicodedata.normalize("NFD", t).encode(),
        lambda t: b"\xef\xbb\xbf" + unicodedata.normalize("NFD", t).replace("\n", "\r\n").encode(),
    ],
    ids=["bom", "crlf", "cr", "nfd", "bom-crlf-nfd"],
)
def test_bom_crlf_nfd_pass_silently_as_nfc(
    core_project: CoreProject, encode: Callable[[str], bytes]
) -> None:
    assert encode(VALID) != VALID.encode()
    core_project.write_bytes(PATH, encode(VALID))
    assert core_project.problems() == []
    doc = core_project.document(PATH)
    assert doc.title == "Tổng kết 10 năm thực hiện Đề án 1327"
    assert unicodedata.is_normalized("NFC", doc.title)
    assert unicodedata.is_normalized("NFC", doc.body)
    assert doc.fields["issuer"] == "Ban Thường vụ Huyện ủy Phong Thổ"
    assert "\r" not in doc.body
    assert doc.body == "\n## Căn cứ ban hành\n\nNội dung của Đảng bộ.\n"
    assert doc.body_line == 8
