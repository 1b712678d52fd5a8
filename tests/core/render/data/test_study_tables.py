"""Appendices 1–3 of the fixture project, every cell computed by hand.

The fixture (``tests/fixtures/project/data``) has three units, years 2020–2023
(``first_year``/``last_year``), no row at all for 2021 and, in Phụ lục 1–2, none
for 2022/2021 either. Each expected value below is worked out in its comment.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tuyengiao.core.load.study import StudyData, load_study
from tuyengiao.core.model.problems import Problems
from tuyengiao.core.render.data.aggregate import Selection, below_target
from tuyengiao.core.render.data.output import cell_text
from tuyengiao.core.render.data.percent import Ratio, percent, vi_int, vi_percent
from tuyengiao.core.render.data.tables import Appendix, appendices

FIXTURE = Path(__file__).resolve().parents[3] / "fixtures" / "project"


@pytest.fixture(scope="module")
def data() -> StudyData:
    problems = Problems()
    loaded = load_study(FIXTURE, "data", problems)
    assert [str(p) for p in problems] == []
    return loaded


def texts(appendix: Appendix) -> list[list[str]]:
    return [[row.label, *(cell_text(v) for v in row.values)] for row in appendix.rows]


def test_percent_is_rounded_half_up_in_exact_arithmetic() -> None:
    assert percent(1, 32) == Decimal("3.13")  # 3.125: half up (banker's would give 3.12)
    assert percent(3, 64) == Decimal("4.69")  # 4.6875
    assert percent(1, 64) == Decimal("1.56")  # 1.5625
    assert percent(2851, 3000) == Decimal("95.03")  # 95.0333…
    assert percent(1, 3) == Decimal("33.33")
    assert percent(2, 3) == Decimal("66.67")
    assert percent(5, 5) == Decimal("100.00")
    assert percent(0, 7) == Decimal("0.00")
    assert percent(3, 0) is None  # nobody to study: no rate, not 0%
    # 0.145 is 0.14499999… as a float; integers keep it exact.
    assert percent(145, 100000) == Decimal("0.15")


def test_vietnamese_number_formats() -> None:
    assert vi_int(1234567) == "1.234.567"
    assert vi_int(999) == "999"
    assert vi_percent(Decimal("95.03")) == "95,03%"
    assert vi_percent(Decimal("100.00")) == "100,00%"
    assert vi_percent(Decimal("1234.50")) == "1.234,50%"
    assert cell_text(Ratio(2851, 3000)) == "2.851/3.000"
    assert cell_text(None) == "–"


def test_appendix_1_every_cell(data: StudyData) -> None:
    first, _, _ = appendices(data)
    assert data.years() == [2020, 2021, 2022, 2023]
    assert texts(first) == [
        # 2020: u1 (12-KH/HU) + u2: conferences 2+1; members 190+18 / 200+20 = 94,5454…%;
        # staff 45+9 / 50+10 = 90%; people 208+54; documents 240+30.
        ["2020", "3", "208/220", "94,55%", "54/60", "90,00%", "262", "270"],
        # 2021: no row in any table of the year: an empty row, not zeros.
        ["2021", "–", "–", "–", "–", "–", "–", "–"],
        # 2022: u1 has two resolutions (one in data/study/u1.csv): 197+199 / 200+200,
        # staff 50+48 / 50+50.
        ["2022", "4", "396/400", "99,00%", "98/100", "98,00%", "494", "500"],
        # 2023: 2851/3000 = 95,0333…%; staff 1/32 = 3,125% → 3,13% (half up).
        ["2023", "2", "2.851/3.000", "95,03%", "1/32", "3,13%", "2.852", "2.900"],
        # Total: the sums, and the rates of the sums (not the mean of the rates):
        # 3455/3620 = 95,4419…%; 153/192 = 79,6875% → 79,69%.
        ["Tổng", "9", "3.455/3.620", "95,44%", "153/192", "79,69%", "3.608", "3.670"],
    ]
    assert first.rows[1].empty and not first.rows[0].empty
    assert first.rows[-1].total


def test_appendix_2_every_cell(data: StudyData) -> None:
    _, second, _ = appendices(data)
    assert texts(second) == [
        ["2020", "5", "10", "9", "730", "12", "600"],  # u1 + u3
        ["2021", "–", "–", "–", "–", "–", "–"],
        ["2022", "–", "–", "–", "–", "–", "–"],
        ["2023", "4", "12", "6", "500", "20", "1.000"],
        # Reporters are people, not events: the total shows the last year's count
        # (2023: 4 and 12); the activities are added: 9+6, 730+500, 12+20, 600+1000.
        ["Tổng", "4", "12", "15", "1.230", "32", "1.600"],
    ]
    assert "2023" in second.notes[0]


def test_appendix_3_every_cell(data: StudyData) -> None:
    _, _, third = appendices(data)
    groups = ["huyen.kiem_tra", "huyen.giam_sat", "ubkt_huyen.kiem_tra", "ubkt_huyen.giam_sat",
              "co_so.kiem_tra", "co_so.giam_sat", "truc_thuoc.kiem_tra", "truc_thuoc.giam_sat"]

    def row(**filled: str) -> list[str]:
        cells: list[str] = []
        for group in groups:
            cells += filled.get(group.replace(".", "__"), "– – –").split()
        return cells

    assert texts(third) == [
        # 2020: huyen/giám sát from u3; cơ sở/kiểm tra is u1 (2,3,1) + u2 (1,1,0).
        ["2020", *row(huyen__giam_sat="4 5 2", co_so__kiem_tra="3 4 1")],
        ["2021", *row()],
        # 2022: a row of zeros is reported as 0, not left empty.
        ["2022", *row(truc_thuoc__giam_sat="0 0 0")],
        ["2023", *row()],
        ["Tổng", *row(huyen__giam_sat="4 5 2", co_so__kiem_tra="3 4 1",
                      truc_thuoc__giam_sat="0 0 0")],
    ]


def test_selections_by_unit_resolution_and_year(data: StudyData) -> None:
    first, second, _ = appendices(data, Selection(unit="u1"))
    assert texts(first)[2] == ["2022", "4", "396/400", "99,00%", "98/100", "98,00%", "494", "500"]
    assert texts(first)[0] == ["2020", "2", "190/200", "95,00%", "45/50", "90,00%", "235", "240"]
    assert texts(first)[-1] == ["Tổng", "6", "586/600", "97,67%", "143/150", "95,33%", "729",
                                "740"]
    assert texts(second)[0] == ["2020", "3", "10", "4", "320", "12", "600"]
    first, _, _ = appendices(data, Selection(resolution="5-NQ/HU"))
    assert texts(first)[2] == ["2022", "1", "199/200", "99,50%", "48/50", "96,00%", "247", "250"]
    assert texts(first)[0][1:] == ["–"] * 7
    first, _, _ = appendices(data, Selection(year=2023))
    assert [r[0] for r in texts(first)] == ["2023", "Tổng"]
    assert texts(first)[1][1:] == texts(first)[0][1:]


def test_units_below_target_lowest_first(data: StudyData) -> None:
    # 2023: only u2 reported: members 95,03%, staff 3,13%: below 98%.
    assert [(r.unit, r.members, r.staff) for r in below_target(data, 2023)] == [
        ("u2", Decimal("95.03"), Decimal("3.13"))]
    # 2020: u1 95% / 90%; u2 90% / 90%: both below, u2 (lowest 90) and u1 (lowest 90)
    # tie on the lowest rate and are then ordered by name ("Chi bộ…" before "Đảng bộ…").
    assert [r.unit for r in below_target(data, 2020)] == ["u2", "u1"]
    # 2022: u1 99% and 98%: 98% is not below 98%.
    assert below_target(data, 2022) == []
