"""Nothing cut off, numbers never broken, on a phone (issue 16): in Debian's Chromium at
360 px (and a few widths around it, so that numbers fall at line ends), every document
number in the text of every page type, and in search results, lies on one line box
(``Range.getClientRects``); the issuer lines and the motto break only between their
word groups; the site title fits in the header.

Skipped only when the Chromium binary is missing (``TUYENGIAO_CHROMIUM``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from browser_helpers import Served, skip_without_chromium
from built_site import BuiltSite

from tuyengiao.core.model.numbers import _IN_TEXT

skip_without_chromium()

from page_weight import SAMPLE_PAGES  # noqa: E402
from playwright.sync_api import Browser, Page  # noqa: E402

WIDTHS = (360, 320, 335, 345, 375, 390, 412)
PAGES = {**SAMPLE_PAGES, "qa-2": "hoi-dap/de-an-1327/", "resolution-2": "van-ban/14-kh-tu/",
         "resolution-3": "van-ban/1039-cv-hu/", "summary-2": "tieng-mong/dai-hoi-xiii-hmn/",
         "data-by-document": "so-lieu/theo-van-ban/271-kh-hu/", "year": "nam/2023/"}
#: Word groups of the header block that must stay whole (the sample's issuers, the
#: Party line, the State motto).
GROUPS = ["VIỆT NAM", "CỘNG HÒA", "XÃ HỘI CHỦ NGHĨA", "CỘNG SẢN", "Độc lập", "Tự do",
          "Hạnh phúc", "PHONG THỔ", "HẢI DƯƠNG", "TAM ĐƯỜNG", "LAI CHÂU"]


def js_pattern() -> str:
    """The number pattern of ``core/model/numbers.py``, as a JavaScript ``u`` regex."""
    return (_IN_TEXT.pattern.replace("(?P<", "(?<").replace(r"\w", r"\p{L}\p{N}_"))


_BROKEN = """([pattern, groups]) => {
  const numbers = new RegExp(pattern, "gu");
  const broken = [];
  let checked = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const lines = (node, start, end) => {
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    const rects = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
    if (!rects.length) return 1;  // not laid out (a hidden element)
    const tops = rects.map(r => r.top + r.height / 2);
    return Math.max(...tops) - Math.min(...tops) > rects[0].height / 2 ? 2 : 1;
  };
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue;
    const parent = node.parentElement;
    if (!parent || parent.closest("script, style, [hidden]")) continue;
    for (const m of text.matchAll(numbers)) {
      checked++;
      if (lines(node, m.index, m.index + m[0].length) > 1) broken.push(m[0]);
    }
    if (parent.closest(".tg-header, .tg-signer")) {
      for (const group of groups) {
        for (let at = text.indexOf(group); at >= 0; at = text.indexOf(group, at + 1)) {
          checked++;
          if (lines(node, at, at + group.length) > 1) broken.push(group);
        }
      }
    }
  }
  return {broken, checked};
}"""

_TITLE = """() => {
  const title = document.querySelector(".md-header__title .md-header__topic .md-ellipsis");
  const r = title.getBoundingClientRect();
  return {text: title.textContent.trim(), scroll: title.scrollWidth, client: title.clientWidth,
          scrollHeight: title.scrollHeight, clientHeight: title.clientHeight,
          right: r.right, width: window.innerWidth};
}"""


@pytest.fixture(scope="module")
def site_url(sample_public_site: BuiltSite) -> Iterator[str]:
    served = Served(sample_public_site.root)
    yield served.url
    served.close()


def broken_at_widths(page: Page) -> tuple[dict[int, list[str]], int]:
    found: dict[int, list[str]] = {}
    checked = 0
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        result = page.evaluate(_BROKEN, [js_pattern(), GROUPS])
        checked += result["checked"]
        if result["broken"]:
            found[width] = sorted(set(result["broken"]))
    return found, checked


def test_no_number_or_word_group_breaks_across_lines(browser: Browser, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 800})
    found: dict[str, object] = {}
    total = 0
    try:
        for kind, url in PAGES.items():
            page.goto(site_url + url)
            page.wait_for_load_state("load")
            page.evaluate("document.fonts.ready.then(() => true)")
            broken, checked = broken_at_widths(page)
            total += checked
            if broken:
                found[kind] = broken
    finally:
        page.close()
    assert total > 200, "the sample's pages show document numbers"
    assert found == {}, json.dumps(found, ensure_ascii=False)


def test_numbers_in_search_results_do_not_break(browser: Browser, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 800})
    try:
        page.goto(site_url)
        page.wait_for_load_state("load")
        page.keyboard.press("s")
        page.locator("[data-tg-search] input[name=query]").fill("271 kh hu")
        page.locator("[data-tg-results] li").first.wait_for()
        broken, checked = broken_at_widths(page)
    finally:
        page.close()
    assert checked > 5
    assert broken == {}


@pytest.mark.parametrize("width", [320, 360])
def test_site_title_fits_the_header(browser: Browser, site_url: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 800})
    try:
        page.goto(site_url + "van-ban/")
        title = page.evaluate(_TITLE)
    finally:
        page.close()
    assert title["text"] == "Tài liệu học tập nghị quyết"
    assert title["scroll"] <= title["client"], f"the site title is cut at {width} px: {title}"
    assert title["scrollHeight"] <= title["clientHeight"] + 1, f"cut at the bottom: {title}"
    assert title["right"] <= title["width"]
