"""The search box as a keyboard and screen-reader user meets it (issue 16): a named
dialog, Tab reaching the filters and the results and never leaving the open box (on a
phone it used to fall into the hidden drawer), Esc going back to the box, then closing
it and returning focus to where it was.

Skipped only when the Chromium binary is missing (``TUYENGIAO_CHROMIUM``).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browser_helpers import Served, skip_without_chromium
from built_site import BuiltSite

skip_without_chromium()

from playwright.sync_api import Browser, Page  # noqa: E402

ROOT = "[data-tg-search]"
BOX = f"{ROOT} input[name=query]"

_FOCUS = """() => {
  const el = document.activeElement, root = document.querySelector("[data-tg-search]");
  return {inside: root.contains(el), tag: el.tagName.toLowerCase(),
          cls: el.className || "", result: !!el.closest("[data-tg-results]"),
          filter: !!el.closest("[data-tg-filters]"), box: el.name === "query"};
}"""


@pytest.fixture(scope="module")
def site_url(sample_public_site: BuiltSite) -> Iterator[str]:
    served = Served(sample_public_site.root)
    yield served.url
    served.close()


@pytest.fixture(params=[360, 1280])
def page(request: pytest.FixtureRequest, browser: Browser, site_url: str) -> Iterator[Page]:
    page = browser.new_page(viewport={"width": request.param, "height": 800})
    page.goto(site_url + "hoi-dap/dai-hoi-xiii/")
    page.wait_for_load_state("load")
    yield page
    page.close()


def _open_with_results(page: Page, query: str = "dang vien") -> None:
    page.keyboard.press("s")
    page.locator(BOX).wait_for(state="visible")
    page.keyboard.type(query)
    page.locator(f"{ROOT} [data-tg-results] a").first.wait_for()
    page.wait_for_function("() => window.__tgSearch.shown === 'dang vien'")


def test_the_dialog_has_a_name(page: Page) -> None:
    dialog = page.get_by_role("dialog", name="Tìm kiếm")
    assert dialog.count() == 1
    _open_with_results(page)
    assert dialog.get_attribute("aria-modal") == "true"


def test_tab_reaches_filters_and_results_and_stays_inside(page: Page) -> None:
    _open_with_results(page)
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        seen.append(page.evaluate(_FOCUS))
    assert all(f["inside"] for f in seen), [f for f in seen if not f["inside"]][:3]
    assert any(f["filter"] for f in seen), "Tab reaches the type and year filters"
    assert any(f["result"] for f in seen), "Tab reaches the results"
    assert any(f["box"] for f in seen), "Tab comes round to the box again"
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(_FOCUS)["inside"]


def test_escape_goes_back_to_the_box_then_closes(page: Page) -> None:
    _open_with_results(page)
    page.locator(f"{ROOT} [data-tg-results] a").first.focus()
    page.keyboard.press("Escape")
    assert page.evaluate(_FOCUS)["box"], "Esc on a result returns focus to the box"
    assert page.evaluate("document.getElementById('__search').checked")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    assert not page.evaluate(_FOCUS)["inside"], "focus left the closed box"
    assert page.get_by_role("dialog", name="Tìm kiếm").get_attribute("aria-modal") is None


def test_escape_returns_focus_to_where_it_was(page: Page) -> None:
    link = page.locator(".md-content a[href]").first
    link.focus()
    page.keyboard.press("s")  # the link has focus, not a field: "s" opens the box
    page.locator(BOX).wait_for(state="visible")
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.href") == link.evaluate("a => a.href")
