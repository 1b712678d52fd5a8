"""Stage *aggregate*: district totals per year (and per unit), in one pass per table.

Sums are plain lists of ints keyed by year; a year no row speaks of stays None,
so an empty year is shown empty, not as zeros.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from operator import add

from tuyengiao.core.load.study import Row, StudyData
from tuyengiao.core.model.study import INSPECTIONS, KINDS, LEVELS, REPORTERS, STUDY
from tuyengiao.core.render.data.percent import percent

#: Column groups of Phụ lục 3: (level, kind) in the seed's order.
GROUPS: tuple[tuple[str, str], ...] = tuple((lv, k) for lv in LEVELS for k in KINDS)
_GROUP_INDEX = {group: index for index, group in enumerate(GROUPS)}
_METRICS = len(INSPECTIONS.counts)


@dataclass(frozen=True)
class Selection:
    """Which rows to add up: None means all."""

    unit: str | None = None
    resolution: str | None = None
    year: int | None = None

    def keeps(self, row: Row, resolution_column: bool = False) -> bool:
        return ((self.unit is None or row[1] == self.unit)
                and (self.year is None or row[0] == self.year)
                and (not resolution_column or self.resolution is None
                     or row[2] == self.resolution))


ALL = Selection()

#: Sums per year; None for a year without rows (or a Phụ lục 3 group without rows).
Sums = dict[int, list[int] | None]


def _sum_rows(rows: Iterable[Row], start: int, width: int) -> dict[int, list[int]]:
    totals: dict[int, list[int]] = {}
    for row in rows:
        year = row[0]
        current = totals.get(year)
        totals[year] = list(row[start:]) if current is None else list(map(
            add, current, row[start:]))
    return totals


#: The counting rule of Phụ lục 1, said once under every table that adds units up.
COUNTING_RULE = (
    "Cách cộng: dòng không ghi nghị quyết là số cả năm của đơn vị; các dòng ghi nghị quyết "
    "là số chi tiết, chỉ hiện ở trang theo từng nghị quyết và không cộng thêm vào số cả "
    "năm; đơn vị chỉ có các dòng ghi nghị quyết thì lấy tổng các dòng đó.")


def year_rows(rows: Iterable[Row]) -> list[Row]:
    """The rows that make up each unit's figure for a year (the counting rule).

    A unit-year with a row without a resolution counts that row only; its rows with a
    resolution are a breakdown, never added to it. A unit-year with only rows with a
    resolution counts all of them (their sum).
    """
    rows = list(rows)
    whole = {(r[0], r[1]) for r in rows if not r[2]}
    if not whole:
        return rows
    return [r for r in rows if not r[2] or (r[0], r[1]) not in whole]


def study_sums(data: StudyData, selection: Selection) -> dict[int, list[int]]:
    """Per year: conferences, members studied/total, staff studied/total, documents.

    Without a resolution in ``selection``, each unit-year counts once (:func:`year_rows`);
    with one, only that resolution's rows are added.
    """
    rows = data.rows["study"]
    if selection != ALL:
        rows = [r for r in rows if selection.keeps(r, resolution_column=True)]
    if selection.resolution is None:
        rows = year_rows(rows)
    return _sum_rows(rows, len(STUDY.key), len(STUDY.counts))


def reporter_sums(data: StudyData, selection: Selection) -> dict[int, list[int]]:
    rows = data.rows["reporters"]
    if selection.unit is not None or selection.year is not None:
        rows = [r for r in rows if selection.keeps(r)]
    return _sum_rows(rows, len(REPORTERS.key), len(REPORTERS.counts))


def inspection_sums(data: StudyData, selection: Selection) -> dict[int, list[int | None]]:
    """Per year, 24 values: for each (level, kind) group, sessions, collectives, individuals.

    A group no row of that year speaks of is None (empty), not 0.
    """
    totals: dict[int, list[int | None]] = {}
    start = len(INSPECTIONS.key)
    filtered = selection.unit is not None or selection.year is not None
    for row in data.rows["inspections"]:
        if filtered and not selection.keeps(row):
            continue
        values = totals.get(row[0])
        if values is None:
            values = totals[row[0]] = [None] * (len(GROUPS) * _METRICS)
        offset = _GROUP_INDEX[(row[2], row[3])] * _METRICS
        for i in range(_METRICS):
            old = values[offset + i]
            values[offset + i] = row[start + i] + (old or 0)
    return totals


@dataclass(frozen=True)
class UnitRate:
    """A unit's participation in one year (its whole-year figure, see :func:`year_rows`)."""

    unit: str
    year: int
    members: Decimal | None
    staff: Decimal | None

    def below(self, target: Decimal) -> bool:
        return any(rate is not None and rate < target for rate in (self.members, self.staff))


def unit_rates(data: StudyData, year: int, resolution: str | None = None) -> list[UnitRate]:
    """Every unit that reported study results for ``year``, with its two rates."""
    sums: dict[str, list[int]] = {}
    rows = [r for r in data.rows["study"]
            if r[0] == year and (resolution is None or r[2] == resolution)]
    for row in (year_rows(rows) if resolution is None else rows):
        current = sums.get(row[1])
        counts = row[4:8]
        sums[row[1]] = list(counts) if current is None else list(map(add, current, counts))
    return [UnitRate(unit, year, percent(v[0], v[1]), percent(v[2], v[3]))
            for unit, v in sums.items()]


def below_target(data: StudyData, year: int) -> list[UnitRate]:
    """Units whose member or staff rate in ``year`` is below the target, lowest first."""
    found = [r for r in unit_rates(data, year) if r.below(data.target)]

    def lowest(rate: UnitRate) -> Decimal:
        return min(r for r in (rate.members, rate.staff) if r is not None)

    return sorted(found, key=lambda r: (lowest(r), data.units[r.unit].name
                                        if r.unit in data.units else r.unit))
