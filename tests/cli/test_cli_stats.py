"""``tuyengiao stats`` (table, CSV, JSON, XLSX) and ``tuyengiao stats import``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tuyengiao.cli import main
from tuyengiao.core.load.study import StudyData, load_study
from tuyengiao.core.model.problems import Problems

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "project"
UNITS = ("u1", "u2", "u3")


def run(*args: str) -> int:
    return main(["--project", str(FIXTURE), "stats", *args])


def rows(project: Path) -> dict[str, set[tuple[object, ...]]]:
    problems = Problems()
    data: StudyData = load_study(project, "data", problems)
    assert [str(p) for p in problems] == []
    return {name: set(table) for name, table in data.rows.items()}


def empty_project(tmp_path: Path) -> Path:
    """A project with the fixture's units and settings but no rows yet."""
    project = tmp_path / "empty"
    (project / "data").mkdir(parents=True)
    for name in ("units.yml", "study.yml"):
        shutil.copy(FIXTURE / "data" / name, project / "data" / name)
    (project / "data" / "study.csv").write_text(
        "year,unit,resolution,conferences,members_studied,members_total,staff_studied,"
        "staff_total,documents\n", encoding="utf-8")
    return project


def test_table_format_prints_the_three_appendices(capsys: pytest.CaptureFixture[str]) -> None:
    assert run() == 0
    out = capsys.readouterr().out
    for number in (1, 2, 3):
        assert f"Phụ lục số {number}:" in out
    assert "2023 |            2 |  2.851/3.000 | 95,03% |         1/32 |  3,13% |" in out
    assert "Tổng |            9 |  3.455/3.620 | 95,44% |      153/192 | 79,69% |" in out


def test_json_format_for_one_unit_and_year(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("--format", "json", "--unit", "u1", "--year", "2022") == 0
    result = json.loads(capsys.readouterr().out)
    first = result["appendices"][0]
    assert first["columns"][:4] == ["year", "conferences", "members", "members_percent"]
    assert first["rows"] == [
        {"year": "2022", "conferences": 4, "members": {"studied": 396, "total": 400},
         "members_percent": 99.0, "staff": {"studied": 98, "total": 100},
         "staff_percent": 98.0, "people": 494, "documents": 500},
        {"year": "Tổng", "conferences": 4, "members": {"studied": 396, "total": 400},
         "members_percent": 99.0, "staff": {"studied": 98, "total": 100},
         "staff_percent": 98.0, "people": 494, "documents": 500},
    ]
    assert first["header"][0][2] == {"text": "Đảng viên", "colspan": 2, "rowspan": 1}
    assert result["target"] == 98.0
    assert result["below_target"] == []  # u1 in 2022: 99% and 98%


def test_csv_format_splits_ratios_into_numbers(tmp_path: Path) -> None:
    out = tmp_path / "pl.csv"
    assert run("--format", "csv", "--out", str(out)) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == ('"Phụ lục số 1: KẾT QUẢ TỔ CHỨC HỌC TẬP, QUÁN TRIỆT CÁC NGHỊ QUYẾT CỦA '
                        'ĐẢNG – Toàn đảng bộ"')
    assert lines[1].startswith("Năm,Tổng số hội nghị đã tổ chức,Đảng viên – số được học tập,"
                               "Đảng viên – tổng số,Đảng viên – %,")
    assert lines[2:7] == ["2020,3,208,220,94.55,54,60,90.00,262,270", "2021,,,,,,,,,",
                          "2022,4,396,400,99.00,98,100,98.00,494,500",
                          "2023,2,2851,3000,95.03,1,32,3.13,2852,2900",
                          "Tổng,9,3455,3620,95.44,153,192,79.69,3608,3670"]


def test_bad_requests_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("--unit", "nope") == 1
    assert run("--format", "xlsx") == 1
    assert run("--resolution", "99-KH/HU") == 1
    err = capsys.readouterr().err
    assert "--unit: 'nope' is not an id in data/units.yml" in err
    assert "--format xlsx needs --out FILE.xlsx" in err
    assert "--resolution: no row of study.csv has '99-KH/HU' (known: 12-KH/HU, 5-NQ/HU)" in err


def test_xlsx_has_the_appendix_headers_merged(tmp_path: Path) -> None:
    out = tmp_path / "pl.xlsx"
    assert run("--format", "xlsx", "--out", str(out)) == 0
    book = load_workbook(out)
    assert book.sheetnames == ["PL1", "PL2", "PL3"]
    pl1, pl3 = book["PL1"], book["PL3"]
    assert pl1["A1"].value == "Phụ lục số 1"
    assert pl1["A3"].value == "Đơn vị: Toàn đảng bộ"
    merged = {str(r) for r in pl1.merged_cells.ranges}
    # Năm and the single columns span both header rows; Đảng viên spans its two columns.
    assert {"A6:A7", "B6:B7", "C6:D6", "E6:F6", "G6:G7", "H6:H7"} <= merged
    assert (pl1["C6"].value, pl1["C7"].value, pl1["D7"].value) == (
        "Đảng viên", "Số được học tập/ tổng số", "%")
    assert [c.value for c in pl1[11]][:4] == [2023, 2, "2.851/3.000", pytest.approx(0.9503)]
    assert pl1["D11"].number_format == "[$-42A]0.00%"  # shown 95,03% in Vietnamese
    assert pl1["B11"].number_format == "[$-42A]#,##0"
    assert [c.value for c in pl1[12]][:3] == ["Tổng", 9, "3.455/3.620"]
    assert pl1["A9"].value == 2021 and pl1["B9"].value is None  # the empty year
    # Phụ lục 3: level over kind over metric, three header rows.
    assert {"A6:A8", "B6:G6", "B7:D7", "E7:G7", "T6:Y6"} <= {str(r) for r in
                                                            pl3.merged_cells.ranges}
    assert (pl3["B6"].value, pl3["E7"].value, pl3["F8"].value) == (
        "Cấp ủy cấp huyện và tương đương", "Giám sát", "Tập thể")


def test_round_trip_export_then_import_gives_the_same_rows(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]
                                                           ) -> None:
    project = empty_project(tmp_path)
    for unit in UNITS:
        book = tmp_path / f"{unit}.xlsx"
        assert run("--format", "xlsx", "--unit", unit, "--out", str(book)) == 0
        assert main(["--project", str(project), "stats", "import", str(book)]) == 0
    assert rows(project) == rows(FIXTURE)
    out = capsys.readouterr().out
    assert "data/study/u1.csv: 3 new row(s), 0 changed, 0 unchanged" in out
    # u1 studied two resolutions: one sheet each, as units return them.
    assert load_workbook(tmp_path / "u1.xlsx").sheetnames == [
        "PL1 12-KH-HU", "PL1 5-NQ-HU", "PL2", "PL3"]
    # Importing again changes nothing, and says so.
    before = {p: p.read_bytes() for p in (project / "data").rglob("*.csv")}
    assert main(["--project", str(project), "stats", "import", str(tmp_path / "u1.xlsx")]) == 0
    assert "data/study/u1.csv: 0 new row(s), 0 changed, 3 unchanged" in capsys.readouterr().out
    assert {p: p.read_bytes() for p in (project / "data").rglob("*.csv")} == before


def test_import_replaces_a_row_in_the_file_that_holds_it(tmp_path: Path) -> None:
    project = tmp_path / "copy"
    shutil.copytree(FIXTURE / "data", project / "data")
    book = tmp_path / "u2.xlsx"
    assert run("--format", "xlsx", "--unit", "u2", "--year", "2023", "--out", str(book)) == 0
    wb = load_workbook(book)
    wb["PL1"]["C8"] = "2.900/3.000"  # a corrected return: 2,900 of 3,000 members
    wb.save(book)
    assert main(["--project", str(project), "stats", "import", str(book)]) == 0
    lines = (project / "data" / "study.csv").read_text(encoding="utf-8").splitlines()
    assert lines[4] == "2023,u2,,2,2900,3000,1,32,2900"  # same line as before, new values
    assert len(lines) == 5


def test_import_errors_name_sheet_row_and_column(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    project = empty_project(tmp_path)
    book = tmp_path / "u1.xlsx"
    assert run("--format", "xlsx", "--unit", "u1", "--out", str(book)) == 0
    wb = load_workbook(book)
    wb["PL1 12-KH-HU"]["C8"] = "250/200"  # 2020: more studied than the total
    wb["PL1 12-KH-HU"]["E8"] = 45  # a number where "studied/total" is expected
    wb["PL2"]["C9"] = -1  # 2020 (three header rows), grassroots reporters
    wb["PL2"]["E9"] = "nhiều"
    wb["PL3"]["X11"] = 1.5  # 2022, cấp ủy trực thuộc, giám sát, tập thể
    wb["PL1 5-NQ-HU"]["D7"] = "Tỷ lệ"  # a heading that is not the appendix's: sheet skipped
    wb.save(book)
    status = main(["--project", str(project), "stats", "import", str(book)])
    err = capsys.readouterr().err.splitlines()
    shown = str(book)
    assert status == 1
    assert err == [
        f"{shown}:7:4: error: sheet 'PL1 5-NQ-HU', cell D7: expected the heading '%' of Phụ lục "
        "1, found 'Tỷ lệ'",
        f"{shown}:8:3: error: sheet 'PL1 12-KH-HU', cell C8: members_studied: 250 is more than "
        "members_total (200); the number who studied cannot exceed the total",
        f"{shown}:8:5: error: sheet 'PL1 12-KH-HU', cell E8: staff: expected 'studied/total' "
        "such as 1.234/1.300, got '45'",
        f"{shown}:9:3: error: sheet 'PL2', cell C9: grassroots_reporters: -1 is negative; "
        "a count is 0 or more",
        f"{shown}:9:5: error: sheet 'PL2', cell E9: district_attendance: expected a whole "
        "number, got 'nhiều'",
        f"{shown}:11:24: error: sheet 'PL3', cell X11: collectives: expected a whole number, "
        "got '1.5'",
        "tuyengiao stats import: nothing written; correct the cells above and import again",
    ]
    assert not (project / "data" / "study").exists()  # nothing written


def test_import_refuses_district_totals_and_asks_for_the_unit(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]
                                                              ) -> None:
    project = empty_project(tmp_path)
    book = tmp_path / "district.xlsx"
    assert run("--format", "xlsx", "--out", str(book)) == 0
    assert main(["--project", str(project), "stats", "import", str(book)]) == 1
    err = capsys.readouterr().err
    assert ("sheet 'PL1': holds the totals of every unit ('Toàn đảng bộ'), not one unit's "
            "return") in err
    wb = load_workbook(book)
    for ws in wb.worksheets:
        ws["A3"] = "Đơn vị: Xã không có"
    wb.save(book)
    assert main(["--project", str(project), "stats", "import", str(book)]) == 1
    assert f"{book}: error: sheet 'PL3': unit 'Xã không có' is not in data/units.yml (by " \
        "name or id); add it there or pass --unit" in capsys.readouterr().err
    for ws in wb.worksheets:
        ws["A3"] = None
    wb.save(book)
    assert main(["--project", str(project), "stats", "import", str(book)]) == 1
    assert "sheet 'PL2': which unit sent it? Write 'Đơn vị: <name>' above the table, or pass " \
        "--unit" in capsys.readouterr().err
    # With --unit (and the resolution of the Phụ lục 1 sheet) the same file is accepted.
    assert main(["--project", str(project), "stats", "import", str(book), "--unit", "u3",
                 "--resolution", ""]) == 0
    assert (project / "data" / "reporters" / "u3.csv").read_text(encoding="utf-8") == (
        "year,unit,district_reporters,grassroots_reporters,district_conferences,"
        "district_attendance,grassroots_conferences,grassroots_attendance\n"
        "2020,u3,5,10,9,730,12,600\n2023,u3,4,12,6,500,20,1000\n")


def test_import_of_a_file_that_is_not_a_spreadsheet(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "x.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    assert main(["--project", str(FIXTURE), "stats", "import", str(bad)]) == 1
    assert f"{bad}: error: cannot read the spreadsheet" in capsys.readouterr().err


def test_import_warns_where_a_typed_rate_or_total_is_wrong(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]
                                                           ) -> None:
    project = empty_project(tmp_path)
    book = tmp_path / "u2.xlsx"
    assert run("--format", "xlsx", "--unit", "u2", "--out", str(book)) == 0
    wb = load_workbook(book)
    wb["PL1"]["D11"] = "96,03%"  # 2023: 2851/3000 is 95,03%
    wb["PL1"]["F11"] = 0.0313  # right, typed as a fraction in a % cell
    wb["PL1"]["G11"] = "2.900"  # 2851 + 1 people, not 2900
    wb.save(book)
    assert main(["--project", str(project), "stats", "import", str(book)]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"{book}:11:4: warning: sheet 'PL1', cell D11: the unit wrote '96,03%', the computed "
        "value is 95,03%; the computed value is used",
        f"{book}:11:7: warning: sheet 'PL1', cell G11: the unit wrote '2.900', the computed "
        "value is 2.852; the computed value is used",
    ]
    assert (2023, "u2", "", 2, 2851, 3000, 1, 32, 2900) in rows(project)["study"]
