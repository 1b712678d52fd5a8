"""Checks of data/: every error names the file, the line and the column (the CSV field)."""

from __future__ import annotations

import pytest
from core_project import STUDY_HEADER, CoreProject
from core_project import STUDY_UNITS as UNITS

INSPECTIONS_HEADER = "year,unit,level,kind,sessions,collectives,individuals\n"


@pytest.fixture
def project(core_project: CoreProject) -> CoreProject:
    core_project.write("data/units.yml", UNITS)
    return core_project


def study(project: CoreProject, *rows: str, rel: str = "data/study.csv") -> None:
    project.write(rel, STUDY_HEADER + "".join(r + "\n" for r in rows))


def test_valid_rows_load_and_count_as_checked(project: CoreProject) -> None:
    study(project, "2023,xa-a,271 - KH/HU,2,190,200,45,50,240", "2023,cb-b,,1,18,20,9,10,30")
    corpus = project.corpus()
    assert [str(p) for p in corpus.problems] == []
    assert corpus.study.rows["study"] == [
        (2023, "xa-a", "271-KH/HU", 2, 190, 200, 45, 50, 240),  # the number is normalised
        (2023, "cb-b", "", 1, 18, 20, 9, 10, 30),
    ]
    assert corpus.study.files == ["data/study.csv"]


def test_studied_more_than_total(project: CoreProject) -> None:
    study(project, "2023,xa-a,,2,210,200,45,50,240", "2023,cb-b,,2,10,20,11,10,30")
    assert project.problems() == [
        "data/study.csv:2:14: error: members_studied: 210 is more than members_total (200); "
        "the number who studied cannot exceed the total",
        "data/study.csv:3:20: error: staff_studied: 11 is more than staff_total (10); "
        "the number who studied cannot exceed the total",
    ]


def test_negative_and_non_integer_counts(project: CoreProject) -> None:
    study(project, "2023,xa-a,,-2,190,200,45,50,240", "2023,cb-b,,1,18.5,20,9,10,abc",
          "2022,cb-b,,1,18,20,9,10,1.200", "2021,cb-b,,1,18,20,9,,30")
    assert project.problems() == [
        "data/study.csv:2:12: error: conferences: -2 is negative; a count is 0 or more",
        "data/study.csv:3:14: error: members_studied: expected a whole number, got '18.5'",
        "data/study.csv:3:27: error: documents: expected a whole number, got 'abc'",
        "data/study.csv:4:25: error: documents: write '1.200' without thousands separators",
        "data/study.csv:5:22: error: staff_total: a count is required (write 0 for none)",
    ]


def test_unknown_unit_and_bad_resolution(project: CoreProject) -> None:
    study(project, "2023,xa-z,,2,190,200,45,50,240", "2023,xa-a,Nghị quyết 5,2,1,2,1,2,3",
          "2023,,,2,1,2,1,2,3")
    assert project.problems() == [
        "data/study.csv:2:6: error: unit: 'xa-z' is not an id in data/units.yml",
        "data/study.csv:3:11: error: resolution: 'Nghị quyết 5' is not a document number like "
        "271-KH/HU; leave it empty for all campaigns of the year",
        "data/study.csv:4:6: error: unit: missing; write the unit's id from data/units.yml",
    ]


def test_duplicate_rows_within_a_file_and_across_a_units_files(project: CoreProject) -> None:
    study(project, "2023,xa-a,271-KH/HU,2,190,200,45,50,240", "2023,xa-a,,2,190,200,45,50,240",
          "2023,xa-a,271 - KH/HU,1,1,2,1,2,3")  # the same number, spaced
    study(project, "2023,xa-a,,5,5,5,5,5,5", "2024,xa-a,,5,5,5,5,5,5", rel="data/study/xa-a.csv")
    assert project.problems() == [
        "data/study.csv:4:1: error: duplicate row for year=2023, unit=xa-a, "
        "resolution=271-KH/HU: already on line 2 of data/study.csv; keep one row per key "
        "(a unit's several files are added up only across keys)",
        "data/study/xa-a.csv:2:1: error: duplicate row for year=2023, unit=xa-a, "
        "resolution=(empty): already on line 3 of data/study.csv; keep one row per key "
        "(a unit's several files are added up only across keys)",
    ]
    # The rows of both files that are not duplicates are counted.
    assert len(project.corpus().study.rows["study"]) == 3


def test_bad_level_and_kind(project: CoreProject) -> None:
    project.write("data/inspections.csv", INSPECTIONS_HEADER
                  + "2023,xa-a,xa,kiem_tra,1,1,1\n2023,xa-a,co_so,kiểm tra,1,1,1\n")
    assert project.problems() == [
        "data/inspections.csv:2:11: error: level: expected one of huyen, ubkt_huyen, co_so, "
        "truc_thuoc, got 'xa'",
        "data/inspections.csv:3:17: error: kind: expected one of kiem_tra, giam_sat, "
        "got 'kiểm tra'",
    ]


def test_years_outside_2000_2100_and_outside_the_plan(project: CoreProject) -> None:
    study(project, "1999,xa-a,,1,1,2,1,2,3", "2101,xa-a,,1,1,2,1,2,3", "năm 2023,xa-a,,1,1,2,1,2,3",
          "2030,xa-a,,1,1,2,1,2,3")
    assert project.problems() == [
        "data/study.csv:2:1: error: year: 1999 is outside 2000–2100",
        "data/study.csv:3:1: error: year: 2101 is outside 2000–2100",
        "data/study.csv:4:1: error: year: expected a year like 2023, got 'năm 2023'",
    ]
    project.write("data/study.yml", "target: 97.5\nfirst_year: 2021\nlast_year: 2025\n")
    study(project, "2020,xa-a,,1,1,2,1,2,3", "2025,xa-a,,1,1,2,1,2,3")
    assert project.problems() == [
        "data/study.csv:2:1: error: year: 2020 is outside the plan's years 2021–2025 "
        "(first_year/last_year in data/study.yml)",
    ]


def test_wrong_header_empty_file_and_wrong_column_count(project: CoreProject) -> None:
    project.write("data/study.csv", "year,unit,nghi_quyet,conferences\n2023,xa-a,,1\n")
    project.write("data/reporters.csv", "")
    project.write("data/inspections.csv", INSPECTIONS_HEADER + "2023,xa-a,co_so,kiem_tra,1,1\n"
                  "\n2023,xa-a,co_so,giam_sat,1,1,1,9\n")
    assert project.problems() == [
        "data/inspections.csv:2:1: error: expected 7 columns (year,unit,level,kind,sessions,"
        "collectives,individuals), found 6",
        "data/inspections.csv:4:1: error: expected 7 columns (year,unit,level,kind,sessions,"
        "collectives,individuals), found 8",
        "data/reporters.csv:1:1: error: the file is empty; its first line must be the header "
        "year,unit,district_reporters,grassroots_reporters,district_conferences,"
        "district_attendance,grassroots_conferences,grassroots_attendance",
        "data/study.csv:1:11: error: wrong header: column 3 must be 'resolution', found "
        "'nghi_quyet'; the header is year,unit,resolution,conferences,members_studied,"
        "members_total,staff_studied,staff_total,documents",
    ]


def test_columns_count_characters_of_quoted_fields(project: CoreProject) -> None:
    study(project, '2023,"xa-a","271-KH/HU",2,"1,90",200,45,50,240')
    assert project.problems() == [
        "data/study.csv:2:27: error: members_studied: expected a whole number, got '1,90'",
    ]


def test_units_and_settings_files(project: CoreProject) -> None:
    project.write("data/units.yml", UNITS + "- id: xa-a\n  name: Trùng\n  kind: ban\n"
                  "- id: Xa C\n  name: C\n  kind: ban\n- id: d\n  name: D\n  kind: hoi\n"
                  "- id: e\n  kind: ban\n  note: x\n")
    project.write("data/study.yml", "target: 120\nfirst_year: 1990\ncolour: red\n")
    study(project, "2023,xa-a,,1,1,2,1,2,3")
    assert project.problems() == [
        "data/study.yml:1:9: error: target: expected a percentage between 0 and 100 such as "
        "98 or 97.5, got 120",
        "data/study.yml:2:13: error: first_year: expected a year between 2000 and 2100, got 1990",
        "data/study.yml:3:9: warning: 'colour' is not a known key (ignored); known keys: target, "
        "first_year, last_year, plan, plan_date, plan_issuer, deadlines, whole",
        "data/units.yml:7:7: error: id: 'xa-a' is already used on line 1",
        "data/units.yml:10:7: error: id: 'Xa C' must be lower-case letters, digits, '-' or '_' "
        "(it is typed in every CSV row)",
        "data/units.yml:15:9: error: kind: expected one of dang_bo_co_so, chi_bo_co_so, ban, "
        "doan_the, got 'hoi'",
        "data/units.yml:16:3: error: name: required but missing",
        "data/units.yml:18:9: warning: 'note' is not a known key (ignored); known keys: id, name, "
        "kind",
    ]


def test_missing_units_file_and_not_utf8(core_project: CoreProject) -> None:
    core_project.write_bytes("data/study.csv", STUDY_HEADER.encode()
                             + b"2023,xa-a,,1,1,2,1,2,3\n" + b"2023,x\xe0,,1\n")
    assert core_project.problems() == [
        "data/study.csv:3: error: the file is not UTF-8 text: byte 0xe0 is not UTF-8; save "
        "the file as UTF-8 (Unicode)",
        "data/units.yml: error: the list of reporting units is missing; the study tables' "
        "unit column uses its ids (id, name, kind per unit)",
    ]


def test_bom_crlf_and_other_files_in_a_table_folder(project: CoreProject) -> None:
    project.write_bytes("data/study/xa-a.csv", b"\xef\xbb\xbf" + STUDY_HEADER.replace(
        "\n", "\r\n").encode() + b"2023,xa-a,,1,1,2,1,2,3\r\n")
    project.write_bytes("data/study/xa-a.xlsx", b"PK")
    corpus = project.corpus()
    assert [str(p) for p in corpus.problems] == [
        "data/study/xa-a.xlsx: warning: not read: only .csv files hold study results "
        "(import a spreadsheet with 'tuyengiao stats import')",
    ]
    assert corpus.study.rows["study"] == [(2023, "xa-a", "", 1, 1, 2, 1, 2, 3)]


def test_tuyengiao_check_reports_study_problems_with_the_content(project: CoreProject,
                                                                 capsys: pytest.CaptureFixture[str]
                                                                 ) -> None:
    from tuyengiao.cli import main

    project.resolution("content/a.md", "5-NQ/HU")
    project.write("content/b.md", "---\ntype: qa\ntitle: Hỏi\n---\n\n## Câu?\n\nĐáp.\n")
    study(project, "2023,xa-a,,1,3,2,1,2,3")
    assert main(["--project", str(project.root), "check"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3, out
    assert out[0].startswith("content/b.md:")  # a Q&A without its resolution
    assert out[1] == ("data/study.csv:2:14: error: members_studied: 3 is more than "
                      "members_total (2); the number who studied cannot exceed the total")
    assert out[2].startswith("tuyengiao check: 2 errors")


def test_the_totals_are_named_by_study_yml_never_by_a_level(project: CoreProject) -> None:
    """Provinces and communes (no districts since 2025): the row of every unit's totals is
    "Toàn đảng bộ" unless ``whole`` names it; an empty name is an error."""
    study(project, "2023,xa-a,,1,1,2,1,2,3")
    assert project.corpus().study.whole == "Toàn đảng bộ"
    project.write("data/study.yml", "whole: Toàn tỉnh\n")
    assert project.corpus().study.whole == "Toàn tỉnh"
    project.write("data/study.yml", "whole: ''\n")
    assert project.problems() == [
        "data/study.yml:1:8: error: whole: expected the name of every unit's totals, such as "
        "'Toàn đảng bộ' or 'Toàn tỉnh'"]
