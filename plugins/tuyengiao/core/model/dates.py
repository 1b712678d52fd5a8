"""Dates as Vietnamese administrative documents print them."""

from __future__ import annotations

import datetime as dt
import re

from tuyengiao.core.model.limits import excerpt

_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _day(value: dt.date) -> str:
    # Decree 30/2020/NĐ-CP: days below 10 and the months 1 and 2 take a leading zero.
    return f"{value.day:02d}"


def _month(value: dt.date) -> str:
    return f"{value.month:02d}" if value.month <= 2 else str(value.month)


def long_date(value: dt.date | None, place: str | None = None) -> str:
    """``Phong Thổ, ngày 20 tháng 02 năm 2023``; blanks when the date is unknown."""
    if value is None:
        text = "ngày … tháng … năm …"
    else:
        text = f"ngày {_day(value)} tháng {_month(value)} năm {value.year}"
    return f"{place}, {text}" if place else text


def short_date(value: dt.date | None) -> str:
    """``20/02/2023`` for lists and tables; empty when the date is unknown."""
    return value.strftime("%d/%m/%Y") if value else ""


def parse_iso_date(text: str) -> dt.date:
    """Parse ``YYYY-MM-DD``; raises ``ValueError`` with a Vietnamese-neutral message."""
    if not _ISO.fullmatch(text):
        raise ValueError(f"expected an ISO date like 2023-02-20, got {excerpt(text)}")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{excerpt(text)} is not a date that exists") from None
