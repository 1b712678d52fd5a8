"""The study tables, defined once: files, headers, column types and allowed values.

Used by the checks (:mod:`.load`), the totals, every output and the importer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

ColumnType = Literal["year", "unit", "resolution", "count", "choice"]

MIN_YEAR = 2000
MAX_YEAR = 2100
#: The target participation rate (percent) when ``data/study.yml`` gives none:
#: the goal of the Hớn Quản plan.
DEFAULT_TARGET = "98"

#: Inspection levels (Phụ lục 3 column groups), in the seed's order.
LEVELS: dict[str, str] = {
    "huyen": "Cấp ủy cấp huyện và tương đương",
    "ubkt_huyen": "UBKT cấp ủy cấp huyện và tương đương",
    "co_so": "Cấp ủy cơ sở",
    "truc_thuoc": "Cấp ủy trực thuộc",
}
#: Inspection kinds.
KINDS: dict[str, str] = {"kiem_tra": "Kiểm tra", "giam_sat": "Giám sát"}
#: Kinds of reporting units in ``units.yml``.
UNIT_KINDS: dict[str, str] = {
    "dang_bo_co_so": "Đảng bộ cơ sở",
    "chi_bo_co_so": "Chi bộ cơ sở",
    "ban": "Ban, cơ quan tham mưu",
    "doan_the": "Mặt trận, đoàn thể",
}


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    choices: tuple[str, ...] = ()
    required: bool = True


@dataclass(frozen=True)
class Table:
    """One CSV table: ``data/<name>.csv`` plus every ``data/<name>/*.csv``."""

    name: str
    appendix: int
    columns: tuple[Column, ...]
    #: Columns that identify a row; two rows with the same key are an error.
    key: tuple[str, ...]

    @property
    def header(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def counts(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.type == "count")

    def index(self, name: str) -> int:
        return self.header.index(name)  # not for per-row use: the header is rebuilt


def _counts(*names: str) -> tuple[Column, ...]:
    return tuple(Column(n, "count") for n in names)


_YEAR_UNIT = (Column("year", "year"), Column("unit", "unit"))

STUDY = Table(
    "study", 1,
    (*_YEAR_UNIT, Column("resolution", "resolution", required=False),
     *_counts("conferences", "members_studied", "members_total", "staff_studied",
              "staff_total", "documents")),
    ("year", "unit", "resolution"),
)
REPORTERS = Table(
    "reporters", 2,
    (*_YEAR_UNIT,
     *_counts("district_reporters", "grassroots_reporters", "district_conferences",
              "district_attendance", "grassroots_conferences", "grassroots_attendance")),
    ("year", "unit"),
)
INSPECTIONS = Table(
    "inspections", 3,
    (*_YEAR_UNIT, Column("level", "choice", tuple(LEVELS)), Column("kind", "choice", tuple(KINDS)),
     *_counts("sessions", "collectives", "individuals")),
    ("year", "unit", "level", "kind"),
)
TABLES: dict[str, Table] = {t.name: t for t in (STUDY, REPORTERS, INSPECTIONS)}

#: ``studied`` may not exceed ``total`` (column pairs of ``study.csv``).
AT_MOST: tuple[tuple[str, str], ...] = (
    ("members_studied", "members_total"),
    ("staff_studied", "staff_total"),
)

UNITS_FILE = "units.yml"
SETTINGS_FILE = "study.yml"
#: Keys of ``units.yml`` entries and of ``study.yml``.
UNIT_KEYS = ("id", "name", "kind")
SETTINGS_KEYS = ("target", "first_year", "last_year", "plan", "plan_date", "plan_issuer",
                 "deadlines", "whole")
#: How the totals of every unit are named when ``study.yml`` has no ``whole``: the party
#: organisation of the site, at whatever level (province, commune) it is.
DEFAULT_WHOLE = "Toàn đảng bộ"
#: Keys of one entry of ``deadlines:`` in ``study.yml``.
DEADLINE_KEYS = ("due", "label", "year", "tables")


@dataclass(frozen=True)
class Plan:
    """The plan the appendices are attached to: ``(kèm theo Kế hoạch số …, ngày …)``."""

    number: str
    date: dt.date | None = None
    issuer: str = ""

    def attached_line(self) -> str:
        """The seed's line under each appendix title."""
        text = f"kèm theo Kế hoạch số {self.number}"
        if self.date is not None:
            text += f", ngày {self.date.strftime('%d/%m/%Y')}"
        if self.issuer:
            text += f" của {self.issuer}"
        return f"({text})"


@dataclass(frozen=True)
class Deadline:
    """A report date of the plan: once (``10/5/2023``) or every plan year (``15/12``).

    ``year`` is the year whose figures are due (a one-off deadline's own year unless
    given); ``tables`` are the appendices (table names) due then.
    """

    day: int
    month: int
    once: int | None  # the year of a one-off deadline; None: every year of the plan
    label: str
    year: int | None = None
    tables: tuple[str, ...] = ("study",)
    line: int = 0

    def periods(self, years: list[int]) -> list[tuple[int, dt.date]]:
        """(year reported, due date) for each period this deadline sets."""
        if self.once is not None:
            return [(self.year or self.once, dt.date(self.once, self.month, self.day))]
        return [(y, dt.date(y, self.month, self.day)) for y in years]
