"""Search on a weak line (issue 16): typing a query letter by letter costs about what
pasting it costs; a number query highlights only that number; the count says how many
documents match, not how many exist.

Skipped only when the Chromium binary is missing (``TUYENGIAO_CHROMIUM``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from browser_helpers import Served, skip_without_chromium
from built_site import BuiltSite

skip_without_chromium()

from page_weight import Visit  # noqa: E402
from playwright.sync_api import Browser, Page  # noqa: E402

BOX = "[data-tg-search] input[name=query]"


@pytest.fixture(scope="module")
def gzip_url(sample_public_site: BuiltSite) -> Iterator[str]:
    served = Served(sample_public_site.root, gzip_static=True)
    yield served.url
    served.close()


def _search_cost(browser: Browser, url: str, query: str, delay_ms: int | None) -> Visit:
    """Bytes fetched from search/ after the page is idle, for ``query`` typed one key
    every ``delay_ms`` (``None``: pasted), until its results are shown."""
    context = browser.new_context(viewport={"width": 360, "height": 800},
                                  service_workers="block")
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => window.__tgSearch && window.__tgSearch.ready")
    record = Visit()
    context.on("requestfinished", record.record)
    page.keyboard.press("s")
    box = page.locator(BOX)
    if delay_ms is None:
        box.fill(query)
    else:
        box.press_sequentially(query, delay=delay_ms)
    page.wait_for_function("(q) => window.__tgSearch.shown === q", arg=query)
    page.wait_for_load_state("networkidle")
    context.close()
    return record


@pytest.mark.parametrize("delay_ms", [80, 250])
def test_typing_costs_at_most_twice_a_paste(browser: Browser, gzip_url: str,
                                            delay_ms: int) -> None:
    pasted = _search_cost(browser, gzip_url, "dang vien", None)
    typed = _search_cost(browser, gzip_url, "dang vien", delay_ms)
    assert pasted.total > 0
    assert typed.total <= 2 * pasted.total, (
        f"typed {typed.total} B in {len(typed.sizes)} requests, pasted {pasted.total} B "
        f"in {len(pasted.sizes)}")
    assert typed.total <= 60 * 1024


def _results(page: Page, query: str) -> tuple[str, list[str]]:
    page.locator(BOX).fill(query)
    page.wait_for_function("(q) => window.__tgSearch.shown === q", arg=query)
    meta = page.locator("[data-tg-meta]").inner_text()
    cards = page.locator("[data-tg-results] li article").evaluate_all(
        "els => els.map(e => e.innerHTML)")
    return meta, cards


@pytest.mark.parametrize(("query", "number"), [("14 kh tu", "14-KH/TU"),
                                               ("271 kh hu", "271-KH/HU")])
def test_a_number_query_highlights_only_that_number(browser: Browser, gzip_url: str,
                                                    query: str, number: str) -> None:
    page = browser.new_page()
    page.goto(gzip_url)
    page.keyboard.press("s")
    meta, cards = _results(page, query)
    page.close()
    marks = [m for card in cards for m in re.findall(r"<mark>(.*?)</mark>", card)]
    assert marks, "the number is highlighted"
    assert set(marks) == {number}, marks
    count = int(meta.split()[0])
    assert count == len(cards) < 8, f"{meta!r}: only the documents with that number"


def test_the_count_is_of_matching_documents(browser: Browser, gzip_url: str) -> None:
    page = browser.new_page()
    page.goto(gzip_url)
    page.keyboard.press("s")
    meta, cards = _results(page, "mloog")
    few, _ = _results(page, "tiếng mông xyzzyq")
    page.close()
    assert int(meta.split()[0]) == len(cards) >= 1
    assert "gần đúng" in few, "no document has every word: the closest are said to be so"
