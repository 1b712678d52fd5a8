"""Index pagination: the pager stays short however many pages an index has."""

from __future__ import annotations

import pytest

from tuyengiao.core.render.site.document import make_environment
from tuyengiao.core.render.site.indexes import pager_numbers


@pytest.mark.parametrize(("count", "current", "expected"), [
    (1, 1, [1]),
    (5, 3, [1, 2, 3, 4, 5]),
    (112, 1, [1, 2, 3, None, 112]),
    (112, 40, [1, None, 38, 39, 40, 41, 42, None, 112]),
    (112, 4, [1, 2, 3, 4, 5, 6, None, 112]),  # a one-page gap shows the page, not "…"
    (112, 112, [1, None, 110, 111, 112]),
    (10000, 5000, [1, None, 4998, 4999, 5000, 5001, 5002, None, 10000]),
])
def test_pager_numbers(count: int, current: int, expected: list[int | None]) -> None:
    assert pager_numbers(count, current) == expected


def test_pager_html_links_neighbours_and_marks_the_current_page() -> None:
    html = make_environment().get_template("pager.html").render(
        pages=112, current=40, numbers=pager_numbers(112, 40),
        url_of=lambda n: f"van-ban/trang-{n}/", rel=lambda url: "/" + url)
    assert html.count("<a ") == 8  # previous, 1, 38, 39, 41, 42, 112, next
    assert '<a class="tg-pager__step" href="/van-ban/trang-39/" rel="prev">' in html
    assert '<a class="tg-pager__step" href="/van-ban/trang-41/" rel="next">' in html
    assert '<span class="tg-pager__current" aria-current="page">40</span>' in html
    assert html.count("…") == 2
