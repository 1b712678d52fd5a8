from __future__ import annotations

import datetime as dt

import pytest

from tuyengiao.core.model.dates import long_date, parse_iso_date, short_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # Decree 30/2020/NĐ-CP: a day below 10 and the months 1 and 2 take a leading zero.
        (dt.date(2023, 2, 20), "ngày 20 tháng 02 năm 2023"),
        (dt.date(2021, 3, 9), "ngày 09 tháng 3 năm 2021"),
        (dt.date(2023, 9, 20), "ngày 20 tháng 9 năm 2023"),
        (dt.date(2024, 1, 5), "ngày 05 tháng 01 năm 2024"),
        (dt.date(2023, 10, 1), "ngày 01 tháng 10 năm 2023"),
        (dt.date(2023, 12, 31), "ngày 31 tháng 12 năm 2023"),
        (dt.date(2023, 11, 10), "ngày 10 tháng 11 năm 2023"),
    ],
)
def test_long_date(value: dt.date, expected: str) -> None:
    assert long_date(value) == expected


def test_long_date_with_place() -> None:
    assert long_date(dt.date(2023, 2, 20), "Phong Thổ") == "Phong Thổ, ngày 20 tháng 02 năm 2023"


def test_long_date_unknown_leaves_blanks() -> None:
    assert long_date(None) == "ngày … tháng … năm …"


def test_long_date_unknown_with_place() -> None:
    assert long_date(None, "Hớn Quản") == "Hớn Quản, ngày … tháng … năm …"


def test_long_date_empty_place_is_no_place() -> None:
    assert long_date(dt.date(2023, 9, 20), "") == "ngày 20 tháng 9 năm 2023"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2023, 2, 20), "20/02/2023"),
        (dt.date(2021, 3, 9), "09/03/2021"),
        (None, ""),
    ],
)
def test_short_date(value: dt.date | None, expected: str) -> None:
    assert short_date(value) == expected


def test_parse_iso_date() -> None:
    assert parse_iso_date("2023-02-20") == dt.date(2023, 2, 20)
    assert parse_iso_date("2024-02-29") == dt.date(2024, 2, 29)


@pytest.mark.parametrize("text", ["2023-02-30", "2023-02-29", "2023-13-01", "2023-00-10"])
def test_parse_iso_date_that_does_not_exist(text: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_iso_date(text)
    assert str(info.value) == (f"'{text}' is not a date that exists (check the day and the "
                               "month)")


@pytest.mark.parametrize(
    "text",
    ["20/02/2023", "2023-2-20", "2023/02/20", "2023-02-20T08:00", "20230220", "", "2023-02-xx",
     "２０２３-02-20"],
)
def test_parse_iso_date_wrong_format(text: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_iso_date(text)
    assert str(info.value) == f"a date is written year-month-day, e.g. 2023-02-20; got {text!r}"
