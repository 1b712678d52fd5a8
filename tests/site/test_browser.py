"""The public fixture site in Debian's Chromium: no request leaves 127.0.0.1, the
self-hosted Noto Sans is used, a Q&A anchor lands on its question.

Skipped only when the Chromium binary is missing (``TUYENGIAO_CHROMIUM``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_helpers import served, skip_without_chromium
from built_site import BuiltSite

WIDTHS = (360, 1280)
QA_URL = "hoi-dap/hoi-dap-nghi-quyet-5/"
PAGES = ("", "van-ban/12-kh-hu/", QA_URL, "tieng-mong/nghi-quyet-5-hmn/")

skip_without_chromium()

from playwright.sync_api import Browser, BrowserContext, Page, Route  # noqa: E402

_FONTS_LOADED = """async () => {
  await document.fonts.ready;
  return [...document.fonts]
    .filter(f => f.status === "loaded")
    .map(f => f.family.replace(/["']/g, ""));
}"""


@pytest.fixture(scope="module")
def base_url(public_site: BuiltSite) -> Iterator[str]:
    with served(public_site.root) as url:
        yield url


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


@dataclass
class Traffic:
    """Every request the pages made, and the local ones that failed."""

    urls: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def outside(self) -> list[str]:
        return [u for u in self.urls if urlsplit(u).scheme not in ("data", "blob")
                and urlsplit(u).hostname != "127.0.0.1"]


def _context(browser: Browser, width: int) -> tuple[BrowserContext, Traffic]:
    context = browser.new_context(viewport={"width": width, "height": 720})
    traffic = Traffic()
    context.on("request", lambda request: traffic.urls.append(request.url))
    context.on("requestfailed", lambda request: traffic.failed.append(request.url))
    context.on("response", lambda response: traffic.failed.append(response.url)
               if response.status >= 400 else None)

    def only_local(route: Route) -> None:
        # Recorded above; never let it reach the network if something does try.
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            route.abort()

    context.route("**/*", only_local)
    return context, traffic


def _open(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.ok, url
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("width", WIDTHS)
def test_pages_load_only_from_localhost_with_their_fonts(
    browser: Browser, base_url: str, screenshots: Path, width: int,
) -> None:
    context, traffic = _context(browser, width)
    page = context.new_page()
    try:
        for path in PAGES:
            _open(page, base_url + path)
            families = page.evaluate(_FONTS_LOADED)
            assert "Noto Sans" in families, f"{path or 'home'} at {width}px: {families}"
            body_font = page.evaluate("getComputedStyle(document.body).fontFamily")
            assert body_font.strip("\"'").startswith("Noto Sans"), body_font
            expected_lang = "hmn" if path.startswith("tieng-mong/") else "vi"
            assert page.evaluate("document.documentElement.lang") == expected_lang
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{path or 'home'} scrolls sideways at {width}px"
            name = (path.strip("/").replace("/", "_") or "home") + f"-{width}.png"
            page.screenshot(path=str(screenshots / name), full_page=True)
            assert (screenshots / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    finally:
        context.close()
    assert traffic.urls, "requests are recorded"
    assert any(u.endswith(".woff2") for u in traffic.urls), "the web font was fetched"
    assert traffic.outside() == [], traffic.outside()
    assert traffic.failed == [], traffic.failed


def _heading_box(page: Page, anchor: str) -> dict[str, float]:
    return page.evaluate(
        """(id) => {
          const h = document.getElementById(id);
          const header = document.querySelector(".md-header");
          return {top: h.getBoundingClientRect().top, height: window.innerHeight,
                  header: header ? header.getBoundingClientRect().bottom : 0,
                  scrolled: window.scrollY};
        }""", anchor)


@pytest.mark.parametrize("width", WIDTHS)
def test_qa_anchor_scrolls_its_question_into_view(
    browser: Browser, base_url: str, public_site: BuiltSite, screenshots: Path, width: int,
) -> None:
    questions = [h for h in public_site.article(QA_URL).find_all("h2")
                 if h.get_text().startswith("Câu hỏi")]
    anchor = questions[-1]["id"]
    context, traffic = _context(browser, width)
    page = context.new_page()
    try:
        _open(page, base_url + QA_URL)
        before = _heading_box(page, anchor)
        assert before["top"] > before["height"], "the last question starts below the fold"
        page.close()
        page = context.new_page()  # a fresh load, as when a lecturer's link is opened
        _open(page, f"{base_url}{QA_URL}#{anchor}")
        page.wait_for_function("() => window.scrollY > 0")
        after = _heading_box(page, anchor)
        assert after["scrolled"] > 0
        assert after["header"] - 1 <= after["top"] < after["height"], after
        page.screenshot(path=str(screenshots / f"qa-anchor-{width}.png"))
    finally:
        context.close()
    assert traffic.outside() == []
