"""Pieces of the data page: the missing reports (names for the board, counts for the
public), the phone labels of each figure, the chart's room for "100%"."""

from __future__ import annotations

import pytest
from core_project import STUDY_UNITS as UNITS
from core_project import CoreProject

from tuyengiao.core.load.study import StudyData, load_study
from tuyengiao.core.model.problems import Problems
from tuyengiao.core.render.data import chart
from tuyengiao.core.render.data.page import StudyPages, appendix_html, column_labels
from tuyengiao.core.render.data.tables import appendices

SETTINGS = """\
first_year: 2022
last_year: 2024
deadlines:
  - due: 15/12
    label: Báo cáo hằng năm
"""
STUDY = ("year,unit,resolution,conferences,members_studied,members_total,staff_studied,"
         "staff_total,documents\n2022,xa-a,,1,9,10,1,1,3\n2022,cb-b,,1,9,10,1,1,3\n"
         "2023,xa-a,,1,9,10,1,1,3\n")


@pytest.fixture
def data(core_project: CoreProject, monkeypatch: pytest.MonkeyPatch) -> StudyData:
    core_project.write("data/units.yml", UNITS)
    core_project.write("data/study.yml", SETTINGS)
    core_project.write("data/study.csv", STUDY)
    problems = Problems()
    loaded = load_study(core_project.root, "data", problems)
    assert [str(p) for p in problems] == []
    # 2024-06-01: 15/12/2023 has passed (cb-b has no 2023 row), 15/12/2024 has not.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1717200000")
    return loaded


def test_the_board_sees_who_has_not_reported(data: StudyData) -> None:
    page = StudyPages(data, per_unit=True)._main().markdown
    assert "## Chưa báo cáo {#chua-bao-cao}" in page
    assert ("hạn 15/12/2023 – Báo cáo hằng năm (số liệu năm 2023), Phụ lục 1: 1 đơn vị chưa "
            'báo cáo: <a href="theo-don-vi/cb-b/">Chi bộ B</a>') in page
    assert "15/12/2024" not in page  # not yet due


def test_the_public_sees_only_how_many(data: StudyData) -> None:
    page = StudyPages(data, per_unit=False)._main().markdown
    assert "Phụ lục 1: 1 đơn vị chưa báo cáo</li>" in page
    assert "Chi bộ B" not in page and "cb-b" not in page


def test_the_pages_change_when_a_deadline_passes(data: StudyData,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    before = StudyPages(data, per_unit=True).fingerprint()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735000000")  # 24/12/2024: 2024 is due too
    assert StudyPages(data, per_unit=True).fingerprint() != before


def test_each_figure_carries_its_headings_for_the_phone_layout(data: StudyData) -> None:
    first, _, third = appendices(data)
    assert column_labels(first)[:3] == ["Tổng số hội nghị đã tổ chức",
                                        "Đảng viên – Số được học tập/ tổng số", "Đảng viên – %"]
    assert column_labels(third)[-1] == "Cấp ủy trực thuộc – Giám sát – Cá nhân"
    html = appendix_html(first, "Phụ lục 1")
    assert '<td data-label="Đảng viên – %">90,00%</td>' in html
    assert "tg-scroll-cue" not in html  # 8 columns fit
    assert '<p class="tg-scroll-cue">Bảng có 25 cột' in appendix_html(third, "Phụ lục 3")


def test_the_chart_has_room_for_100_percent_on_a_phone() -> None:
    # The y labels end at LEFT - 6 (text-anchor end); on a phone they are 19px (study.css)
    # in a viewBox shown at about 330 px: "100%" is about 2.6 em wide in Noto Sans.
    assert chart.LEFT - 6 >= 2.6 * 19
