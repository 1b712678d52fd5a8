"""What a first visit to a page costs: every response Chromium receives, by its size on
the wire from a server that sends the site's precompressed ``.gz`` files.

Used by ``tests/site/test_weight.py`` (the budget) and ``scripts/bench_web`` (the table).
Each visit is a fresh browser context (an empty cache) with service workers blocked, so
a worker added later neither serves a page from its cache nor adds its own fetches.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, Request
from playwright.sync_api import Error as PlaywrightError

#: Page types of the sample corpus (``content/``) and one page of each.
SAMPLE_PAGES = {
    "home": "",
    "resolution": "van-ban/271-kh-hu/",
    "qa": "hoi-dap/dai-hoi-xiii/",
    "guidance": "huong-dan/bcv-1039-cv-hu/",
    "summary": "tieng-mong/271-kh-hu-hmn/",
    "data": "so-lieu/",
    "index": "van-ban/",
}
#: The query typed letter by letter on the home page for the "search" page type.
SEARCH_QUERY = "dang vien"
#: A first visit of any page type must cost at most this (gzip bytes on the wire).
BUDGET = 150 * 1024


@dataclass
class Visit:
    """The responses of one visit: URL → bytes on the wire (body, encoded)."""

    sizes: dict[str, int] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.sizes.values())

    def record(self, request: Request) -> None:
        try:
            response = request.response()
            if response is None or response.status >= 400:
                self.failed.append(request.url)
                return
            body = request.sizes()["responseBodySize"]
        except PlaywrightError:  # finished as the context closed: not part of the visit
            return
        self.sizes[request.url] = self.sizes.get(request.url, 0) + body

    def biggest(self, count: int = 8) -> list[str]:
        ranked = sorted(self.sizes.items(), key=lambda item: -item[1])[:count]
        return [f"{size / 1024:6.1f} KB  {urlsplit(url).path}" for url, size in ranked]


def visit(browser: Browser, url: str, width: int = 360,
          then: Callable[[Page], None] | None = None) -> Visit:
    """Open ``url`` in a fresh context (``width`` px wide), wait until the network is
    idle, run ``then`` (e.g. type a query), wait again; what was received."""
    context = browser.new_context(viewport={"width": width, "height": 720},
                                  service_workers="block")
    record = Visit()
    context.on("requestfinished", record.record)
    context.on("requestfailed", lambda request: record.failed.append(request.url))
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.evaluate("document.fonts.ready.then(() => true)")
        if then is not None:
            then(page)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(300)
    finally:
        context.close()
    return record


def type_query(query: str, delay_ms: int = 120) -> Callable[[Page], None]:
    """Open the search box and type ``query`` one key at a time, ``delay_ms`` apart
    (a quick typist on a phone), then wait for the results. Typing starts once the
    engine is ready (it loads at page idle), as a reader who opens the box does."""
    def run(page: Page) -> None:
        page.wait_for_function("() => window.__tgSearch && window.__tgSearch.ready")
        page.keyboard.press("s")
        page.locator(".tg-search .md-search__input").wait_for(state="visible")
        page.locator(".tg-search .md-search__input").press_sequentially(query,
                                                                         delay=delay_ms)
        page.wait_for_function("(q) => window.__tgSearch.shown === q", arg=query)
    return run
