"""axe-core (WCAG 2.2 AA) finds nothing on any page type of the sample site, at 360 and
1,280 px, in the light and the dark palette, nor in the search box open with results.

One browser; one context per width and palette, whose page visits every page type in
turn. axe-core is the npm package pinned in ``tools/axe`` (``scripts/setup --dev``).
Skipped only when the Chromium binary is missing (``TUYENGIAO_CHROMIUM``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_helpers import Served, skip_without_chromium
from built_site import REPO, BuiltSite

skip_without_chromium()

from page_weight import SAMPLE_PAGES, SEARCH_QUERY  # noqa: E402
from playwright.sync_api import Browser, Page  # noqa: E402

AXE = REPO / "tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: Every page type, and the Mông summary twice over (its own language), the Q&A
#: whose headings carry numbers, a booklet-linked resolution.
PAGES = {**SAMPLE_PAGES, "summary-2": "tieng-mong/dai-hoi-xiii-hmn/",
         "resolution-2": "van-ban/14-kh-tu/", "data-by-document": "so-lieu/theo-van-ban/271-kh-hu/"}

_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations.map(v => ({id: v.id, help: v.help,
    nodes: v.nodes.slice(0, 4).map(n => n.target.join(" ") + ": " +
                                     (n.failureSummary || "").split("\\n").slice(1, 2).join(""))}));
}"""


def axe_violations(page: Page) -> list[dict[str, object]]:
    """The WCAG 2.2 AA violations axe-core finds in ``page`` as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(_RUN, TAGS)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def site_url(sample_public_site: BuiltSite) -> Iterator[str]:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run scripts/setup --dev (npm ci in tools/axe)")
    served = Served(sample_public_site.root)
    yield served.url
    served.close()


def open_search(page: Page, query: str) -> None:
    """Open the header's search box with the keyboard, type ``query``, wait for results."""
    page.keyboard.press("s")
    box = page.locator("[data-tg-search] input[name=query]")
    box.wait_for(state="visible")
    box.fill(query)
    page.locator("[data-tg-results] li").first.wait_for()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
def test_axe_finds_no_violation(browser: Browser, site_url: str, width: int,
                                scheme: str) -> None:
    # bypass_csp: axe is injected as a script, which a strict policy would refuse.
    context = browser.new_context(viewport={"width": width, "height": 800},
                                  color_scheme=scheme, bypass_csp=True)  # type: ignore[arg-type]
    page = context.new_page()
    found: dict[str, object] = {}
    try:
        for kind, url in PAGES.items():
            page.goto(site_url + url)
            page.wait_for_load_state("load")
            if violations := axe_violations(page):
                found[kind] = violations
        page.goto(site_url)
        page.wait_for_load_state("load")
        open_search(page, SEARCH_QUERY)
        if violations := axe_violations(page):
            found["search open"] = violations
    finally:
        context.close()
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)


def test_axe_is_the_pinned_package() -> None:
    lock = json.loads((REPO / "tools" / "axe" / "package-lock.json").read_text("utf-8"))
    pinned = lock["packages"]["node_modules/axe-core"]["version"]
    installed = json.loads((AXE.parent / "package.json").read_text("utf-8"))["version"]
    assert installed == pinned
    assert Path(AXE).stat().st_size > 100_000
