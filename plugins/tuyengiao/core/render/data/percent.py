"""Percentages and Vietnamese number formats, exact: integers and Decimal only.

``percent(2851, 3000)`` is ``Decimal('95.03')``: two decimals, rounded half up,
computed in integers so that no binary float or intermediate rounding is involved.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Ratio:
    """"Số được học tập/tổng số" of the appendices."""

    part: int
    whole: int

    @property
    def percent(self) -> Decimal | None:
        return percent(self.part, self.whole)


def percent(part: int, whole: int) -> Decimal | None:
    """``part / whole`` as a percentage with two decimals, half up; None when whole is 0."""
    if whole <= 0:
        return None
    hundredths = (2 * 10000 * part + whole) // (2 * whole)
    return Decimal(hundredths).scaleb(-2)


def vi_int(value: int) -> str:
    """``1234567`` → ``1.234.567`` (Vietnamese thousands separator)."""
    return f"{value:,}".replace(",", ".")


def vi_percent(value: Decimal) -> str:
    """``Decimal('95.03')`` → ``95,03%``."""
    whole, _, decimals = f"{value:.2f}".partition(".")
    return f"{vi_int(int(whole))},{decimals}%"


def vi_ratio(value: Ratio) -> str:
    return f"{vi_int(value.part)}/{vi_int(value.whole)}"
