"""Report deadlines of the plan and the units that have not reported by them.

A unit has reported a table for a period (a year's figures due on a date) when the
table has a row of that unit for that year. A period counts once its date has
passed: from the day after the due date.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from tuyengiao.core.load.study import StudyData
from tuyengiao.core.model.study import TABLES, Deadline

#: The appendix of each table, as the lists name them.
APPENDIX = {"study": "Phụ lục 1", "reporters": "Phụ lục 2", "inspections": "Phụ lục 3"}


@dataclass(frozen=True)
class MissingReport:
    """The units that have not reported ``table`` for ``year``, due on ``due``."""

    deadline: Deadline
    year: int
    due: dt.date
    table: str
    units: tuple[str, ...]


def today() -> dt.date:
    """The day a build or ``stats missing`` compares deadlines with.

    ``SOURCE_DATE_EPOCH`` (set for reproducible builds) fixes it; otherwise today (UTC).
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.datetime.now(dt.UTC).date()


def missing_reports(data: StudyData, on: dt.date, year: int | None = None
                    ) -> list[MissingReport]:
    """Each period whose deadline passed before ``on`` (of ``year``, if given) and
    table, with the units of ``units.yml`` that have no row for it; in date order."""
    reported: dict[str, set[tuple[int, str]]] = {
        name: {(row[0], row[1]) for row in rows} for name, rows in data.rows.items()}
    found: list[MissingReport] = []
    for deadline in data.deadlines:
        for period, due in deadline.periods(data.years()):
            if due >= on or (year is not None and period != year):
                continue
            for table in deadline.tables:
                units = tuple(u for u in data.units if (period, u) not in reported[table])
                if units:
                    found.append(MissingReport(deadline, period, due, table, units))
    order = list(TABLES)
    return sorted(found, key=lambda m: (m.due, m.year, order.index(m.table)))


def due_text(report: MissingReport) -> str:
    return (f"hạn {report.due.strftime('%d/%m/%Y')} – {report.deadline.label} "
            f"(số liệu năm {report.year}), {APPENDIX[report.table]}")


def missing_text(data: StudyData, reports: list[MissingReport], on: dt.date) -> str:
    """``stats missing``: each overdue period and table, then its units (id and name)."""
    if not reports:
        return (f"Đến ngày {on.strftime('%d/%m/%Y')}, mọi đơn vị đã báo cáo các kỳ đã "
                "quá hạn.\n")
    lines = [f"Chưa báo cáo (đến ngày {on.strftime('%d/%m/%Y')}):"]
    for report in reports:
        lines.append(f"{due_text(report)}: {len(report.units)} đơn vị")
        width = max(len(unit) for unit in report.units)
        lines += [f"  {unit:<{width}}  {data.units[unit].name}" for unit in report.units]
    return "\n".join(lines) + "\n"
