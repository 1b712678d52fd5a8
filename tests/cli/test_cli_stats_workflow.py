"""What a board's statistician does around the appendices: blank forms, imports that
show what they change, plausibility warnings, deadlines and missing reports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tuyengiao.cli import main

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "project"
STUDY_HEADER = ("year,unit,resolution,conferences,members_studied,members_total,"
                "staff_studied,staff_total,documents\n")


def copy(tmp_path: Path) -> Path:
    project = tmp_path / "copy"
    shutil.copytree(FIXTURE / "data", project / "data")
    return project


def stats(project: Path, *args: str) -> int:
    return main(["--project", str(project), "stats", *args])


def test_a_blank_form_for_a_new_resolution_imports_back(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    project = copy(tmp_path)
    form = tmp_path / "form.xlsx"
    # 45-KH/HU has no row yet: the form is how its first rows arrive.
    assert stats(project, "form", "--unit", "u3", "--resolution", "45-KH/HU", "--year", "2023",
                 "--out", str(form)) == 0
    book = load_workbook(form)
    assert book.sheetnames == ["PL1", "PL2", "PL3"]
    pl1 = book["PL1"]
    assert pl1["A4"].value == "Nghị quyết: 45-KH/HU"
    assert pl1["A8"].value == 2023 and pl1["B8"].value is None
    # The unit fills it in: Phụ lục 1 and 2; Phụ lục 3 stays blank (nothing to report).
    pl1["B8"], pl1["C8"], pl1["E8"], pl1["H8"] = 2, "40/41", "12/15", 60
    for column, value in zip("BCDEFG", (1, 3, 2, 150, 4, 300), strict=True):
        book["PL2"][f"{column}9"] = value
    book.save(form)
    capsys.readouterr()
    assert stats(project, "import", str(form)) == 0
    out = capsys.readouterr().out.splitlines()
    assert "data/study/u3.csv: new row 2023 u3 45-KH/HU: conferences 2, members_studied 40, " \
        "members_total 41, staff_studied 12, staff_total 15, documents 60" in out
    assert (project / "data/study/u3.csv").read_text(encoding="utf-8") == (
        STUDY_HEADER + "2023,u3,45-KH/HU,2,40,41,12,15,60\n")
    # An import with --resolution of a number no row has yet works too.
    pl1["A4"] = None
    pl1["C8"] = "41/41"
    book.save(form)
    assert stats(project, "import", str(form), "--resolution", "46-KH/HU") == 0
    assert "2023,u3,46-KH/HU,2,41,41,12,15,60" in (
        project / "data/study/u3.csv").read_text(encoding="utf-8")


def test_form_refuses_a_year_outside_the_plan_and_an_unknown_unit(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = str(tmp_path / "f.xlsx")
    assert stats(FIXTURE, "form", "--unit", "u1", "--year", "2027", "--out", out) == 1
    assert "--year: 2027 is outside the plan's years 2020–2023" in capsys.readouterr().err
    assert stats(FIXTURE, "form", "--unit", "x9", "--year", "2023", "--out", out) == 1
    assert "--unit: 'x9' is not an id in data/units.yml" in capsys.readouterr().err
    assert not Path(out).exists()


def test_dry_run_prints_old_and_new_per_cell_and_writes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy(tmp_path)
    book = tmp_path / "u2.xlsx"
    assert stats(FIXTURE, "--format", "xlsx", "--unit", "u2", "--out", str(book)) == 0
    before = {p: p.read_bytes() for p in (project / "data").rglob("*.csv")}
    capsys.readouterr()
    # Unchanged: says so, and writes nothing (the old code said "replaced").
    assert stats(project, "import", str(book)) == 0
    out = capsys.readouterr().out
    assert "data/study.csv: 0 new row(s), 0 changed, 2 unchanged" in out
    assert "replaced" not in out
    wb = load_workbook(book)
    wb["PL1"]["C11"] = "2.900/3.000"  # 2023: 2851 → 2900 members studied
    wb["PL1"]["H11"] = 2950  # documents 2900 → 2950
    wb.save(book)
    assert stats(project, "import", str(book), "--dry-run") == 0
    out = capsys.readouterr().out.splitlines()
    assert "data/study.csv:5: 2023 u2 (cả năm): members_studied 2851 → 2900" in out
    assert "data/study.csv:5: 2023 u2 (cả năm): documents 2900 → 2950" in out
    assert "data/study.csv: 0 new row(s), 1 changed, 1 unchanged" in out
    assert out[-1].startswith("dry run: nothing written")
    assert {p: p.read_bytes() for p in (project / "data").rglob("*.csv")} == before
    # The real import prints the same and writes.
    assert stats(project, "import", str(book)) == 0
    out = capsys.readouterr().out.splitlines()
    assert "data/study.csv:5: 2023 u2 (cả năm): members_studied 2851 → 2900" in out
    lines = (project / "data/study.csv").read_text(encoding="utf-8").splitlines()
    assert lines[4] == "2023,u2,,2,2900,3000,1,32,2950"


def test_plausibility_warnings_name_the_cell(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    project = copy(tmp_path)
    (project / "data/study.csv").write_text(
        STUDY_HEADER + "2022,u2,,2,290,300,20,30,552\n", encoding="utf-8")
    form = tmp_path / "u2.xlsx"
    assert stats(project, "form", "--unit", "u2", "--year", "2023", "--out", str(form)) == 0
    wb = load_workbook(form)
    pl1 = wb["PL1"]
    # documents 552 → 5520 (a tenfold typo); members 300 → 380 (+27%); staff 30 → 8.
    pl1["B8"], pl1["C8"], pl1["E8"], pl1["H8"] = 2, "370/380", "8/8", 5520
    wb.save(form)
    capsys.readouterr()
    assert stats(project, "import", str(form), "--dry-run") == 0
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{form}:8:3: warning: sheet 'PL1', cell C8: members_total 380 changes by more than "
        "20% from 300 in 2022 for the same unit; check for a typo (an extra or missing digit) "
        "before importing",
        f"{form}:8:5: warning: sheet 'PL1', cell E8: staff_total 8 is under a third of 30 in "
        "2022 for the same unit; check for a typo (an extra or missing digit) before importing",
        f"{form}:8:8: warning: sheet 'PL1', cell H8: documents 5520 is more than 3 times 552 "
        "in 2022 for the same unit; check for a typo (an extra or missing digit) before "
        "importing",
    ]


def test_a_count_typed_as_text_with_a_dot_is_an_error(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    project = copy(tmp_path)
    form = tmp_path / "u3.xlsx"
    assert stats(project, "form", "--unit", "u3", "--year", "2023", "--out", str(form)) == 0
    wb = load_workbook(form)
    pl1 = wb["PL1"]
    pl1["B8"], pl1["C8"], pl1["E8"], pl1["H8"] = 2, "1.552/1.600", "8/8", "1.552"
    wb.save(form)
    capsys.readouterr()
    assert stats(project, "import", str(form)) == 1
    err = capsys.readouterr().err
    assert (f"{form}:8:8: error: sheet 'PL1', cell H8: documents: '1.552' is typed as text, "
            "not a number; if it means 1552, type 1552 without the dot") in err
    assert not (project / "data/study").exists() or not (
        project / "data/study/u3.csv").exists()


DEADLINES = """\
deadlines:
  - due: 10/5/2023
    label: Báo cáo tổng kết
    year: 2022
    tables: [study, reporters]
  - due: 15/12
    label: Báo cáo hằng năm
"""


def test_missing_lists_units_after_a_deadline_and_exits_1(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy(tmp_path)
    settings = project / "data/study.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + DEADLINES, encoding="utf-8")
    # On 15/12/2022 nothing of 2022 is overdue yet: a deadline passes the day after.
    assert stats(project, "missing", "--today", "2022-12-15", "--year", "2022") == 0
    assert "mọi đơn vị đã báo cáo" in capsys.readouterr().out
    assert stats(project, "missing", "--today", "2023-05-11", "--year", "2022") == 1
    out = capsys.readouterr().out.splitlines()
    # 2022: only u1 has a Phụ lục 1 row; Phụ lục 2 has no 2022 row at all.
    assert out == [
        "Chưa báo cáo (đến ngày 11/05/2023):",
        "hạn 15/12/2022 – Báo cáo hằng năm (số liệu năm 2022), Phụ lục 1: 2 đơn vị",
        "  u2  Chi bộ Thôn Kiểm Định", "  u3  Ban Tuyên giáo Mẫu Thử",
        "hạn 10/05/2023 – Báo cáo tổng kết (số liệu năm 2022), Phụ lục 1: 2 đơn vị",
        "  u2  Chi bộ Thôn Kiểm Định", "  u3  Ban Tuyên giáo Mẫu Thử",
        "hạn 10/05/2023 – Báo cáo tổng kết (số liệu năm 2022), Phụ lục 2: 3 đơn vị",
        "  u1  Đảng bộ xã Nậm Thử Nghiệm", "  u2  Chi bộ Thôn Kiểm Định",
        "  u3  Ban Tuyên giáo Mẫu Thử",
    ]
    assert stats(project, "missing", "--year", "2030") == 1
    assert "--year: 2030 is outside the plan's years 2020–2023" in capsys.readouterr().err


def test_bad_deadlines_are_located_errors(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    project = copy(tmp_path)
    settings = project / "data/study.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + "deadlines:\n  - due: 31/2\n"
                        "    label: X\n  - due: 15/12\n    tables: [studies]\n",
                        encoding="utf-8")
    assert main(["--project", str(project), "check"]) == 1
    out = capsys.readouterr().out
    assert ("data/study.yml:5:10: error: due: expected a date like 10/5/2023 (once) or 15/12 "
            "(every year of the plan), got '31/2'") in out
    assert "data/study.yml:7:5: error: label: required text" in out
    assert "data/study.yml:8:13: error: tables: expected a list of study, reporters, " \
        "inspections, got ['studies']" in out


def test_stats_year_outside_the_plan_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert stats(FIXTURE, "--year", "2026") == 1
    assert "--year: 2026 is outside the plan's years 2020–2023" in capsys.readouterr().err


def test_a_units_sheets_with_the_plan_line_import_back_unchanged(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = Path(__file__).resolve().parents[2]  # the sample: study.yml names plan 271-KH/HU
    project = tmp_path / "sample"
    shutil.copytree(root / "data", project / "data")
    book = tmp_path / "xa-pa-vay.xlsx"
    assert stats(project, "--format", "xlsx", "--unit", "xa-pa-vay", "--out", str(book)) == 0
    sheet = load_workbook(book)["PL2"]
    assert sheet["A3"].value == ("(kèm theo Kế hoạch số 271-KH/HU, ngày 20/02/2023 của Ban "
                                 "Thường vụ Huyện ủy)")
    assert sheet["A4"].value == "Đơn vị: Đảng bộ xã Pa Vây (xa-pa-vay)"
    capsys.readouterr()
    assert stats(project, "import", str(book), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "nothing to change: the 30 row(s)" in out and " → " not in out


def test_a_forms_computed_cells_are_shaded(tmp_path: Path) -> None:
    form = tmp_path / "f.xlsx"
    assert stats(FIXTURE, "form", "--unit", "u1", "--year", "2023", "--out", str(form)) == 0
    pl1 = load_workbook(form)["PL1"]
    shaded = [cell.column_letter for cell in pl1[8] if cell.fill.fgColor.rgb == "00EDEDED"]
    assert shaded == ["D", "F", "G"]  # the two % columns and the total of people
