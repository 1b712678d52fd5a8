"""The counting rule of Phụ lục 1 with mixed data: whole-year rows, breakdowns, and
unit-years that only have per-resolution rows. Every expected value is worked out
in its comment."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from core_project import STUDY_HEADER, CoreProject
from core_project import STUDY_UNITS as UNITS

from tuyengiao.core.load.study import StudyData, load_study
from tuyengiao.core.model.problems import Problems
from tuyengiao.core.render.data.aggregate import (
    COUNTING_RULE,
    Selection,
    below_target,
    unit_rates,
)
from tuyengiao.core.render.data.output import cell_text, csv_text, json_text, text_table
from tuyengiao.core.render.data.tables import appendices, appendix_1

HEADER = STUDY_HEADER
# 2023: xa-a has a whole-year row and two breakdown rows (each within it);
#       cb-b has only two resolution rows (no whole-year row): their sum counts.
ROWS = """\
2023,xa-a,,5,190,200,45,50,300
2023,xa-a,271-KH/HU,2,180,200,40,50,120
2023,xa-a,1039-CV/HU,3,185,200,44,50,150
2023,cb-b,271-KH/HU,1,10,20,5,10,30
2023,cb-b,1039-CV/HU,1,8,20,4,10,25
"""


@pytest.fixture
def data(core_project: CoreProject) -> StudyData:
    core_project.write("data/units.yml", UNITS)
    core_project.write("data/study.csv", HEADER + ROWS)
    problems = Problems()
    loaded = load_study(core_project.root, "data", problems)
    assert [str(p) for p in problems] == []
    return loaded


def test_whole_year_row_is_the_units_figure_and_breakdowns_are_not_added(
        data: StudyData) -> None:
    first = appendices(data)[0]
    # conferences: xa-a 5 (its whole-year row) + cb-b 1 + 1 = 7 (not 5 + 2 + 3 + 1 + 1 = 12)
    # members: 190 + 10 + 8 = 208 of 200 + 20 + 20 = 240 → 86,67%
    # staff: 45 + 5 + 4 = 54 of 50 + 10 + 10 = 70 → 77,14%; people 208 + 54 = 262
    # documents: 300 + 30 + 25 = 355
    assert [cell_text(v) for v in first.rows[0].values] == [
        "7", "208/240", "86,67%", "54/70", "77,14%", "262", "355"]
    assert COUNTING_RULE in first.notes


def test_a_resolution_page_adds_that_resolutions_rows_only(data: StudyData) -> None:
    one = appendix_1(data, Selection(resolution="271-KH/HU"), [2023])
    # 180 + 10 = 190 of 200 + 20 = 220 → 86,36%
    assert [cell_text(v) for v in one.rows[0].values][:3] == ["3", "190/220", "86,36%"]


def test_a_units_figure_follows_the_rule(data: StudyData) -> None:
    unit = appendices(data, Selection(unit="xa-a"))[0]
    assert cell_text(unit.rows[0].values[1]) == "190/200"  # not 555/600
    rates = {r.unit: (r.members, r.staff) for r in unit_rates(data, 2023)}
    assert rates == {"xa-a": (Decimal("95.00"), Decimal("90.00")),
                     "cb-b": (Decimal("45.00"), Decimal("45.00"))}  # 18/40, 9/20
    assert [r.unit for r in below_target(data, 2023)] == ["cb-b", "xa-a"]


def test_every_output_says_the_rule_under_the_table(data: StudyData) -> None:
    items = [(a, "Toàn bộ") for a in appendices(data)]
    assert COUNTING_RULE in text_table(items[0][0])
    assert COUNTING_RULE in csv_text(items)
    assert COUNTING_RULE in json.loads(json_text(data, items, None))["appendices"][0]["notes"]


def test_check_warns_where_a_breakdown_exceeds_the_whole_year_row(
        core_project: CoreProject) -> None:
    core_project.write("data/units.yml", UNITS)
    core_project.write("data/study.csv", HEADER + "2023,xa-a,,5,190,200,45,50,300\n"
                       "2023,xa-a,271-KH/HU,6,195,200,45,50,120\n")
    assert core_project.problems() == [
        "data/study.csv:3:1: warning: 271-KH/HU in 2023 for 'xa-a' is more than the unit's "
        "whole-year row (line 2): conferences 6 > 5, members_studied 195 > 190; the "
        "whole-year row (empty resolution) is the unit's figure for the year and a "
        "resolution's row is part of it, so correct one of them",
    ]
