"""Every page carries a Content-Security-Policy without ``'unsafe-inline'`` for scripts, no
inline script or event handler, and the site still works in Chromium with the policy
enforced: the search, the palette toggle, the data page's unit filter.

Internal builds: ``noindex, nofollow`` on every page and a ``robots.txt`` that
disallows everything; the public ``robots.txt`` names the sitemap.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_helpers import CHROMIUM, chromium, served
from bs4 import BeautifulSoup
from built_site import BuiltSite

#: Records every violation of the policy, from the first script on.
_WATCH = """window.__tgViolations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__tgViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));"""


def _policy(html: str) -> dict[str, list[str]]:
    head = BeautifulSoup(html, "lxml").head
    assert head is not None
    first = head.find("meta")
    assert first is not None and first.get("http-equiv") == "Content-Security-Policy", \
        "the policy is not the first <meta> of <head>"
    return {part.split()[0]: part.split()[1:] for part in str(first["content"]).split(";")
            if part.strip()}


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_every_page_has_the_policy_and_no_inline_script(
        audience: str, public_site: BuiltSite, internal_site: BuiltSite) -> None:
    site = public_site if audience == "public" else internal_site
    pages = site.html_pages()
    assert len(pages) > 10
    for page in pages:
        html = site.text(page)
        policy = _policy(html)
        assert policy["script-src"] == ["'self'"], page
        assert policy["object-src"] == ["'none'"], page
        soup = BeautifulSoup(html, "lxml")
        inline = [s for s in soup.find_all("script")
                  if not s.get("src") and s.get("type") != "application/json"]
        assert inline == [], f"{page}: inline script {inline[0]}"
        handlers = [f"<{t.name} {a}>" for t in soup.find_all(True) for a in t.attrs
                    if a.lower().startswith("on")]
        assert handlers == [], f"{page}: {handlers}"
        robots = soup.find("meta", attrs={"name": "robots"})
        if audience == "internal":
            assert robots is not None and robots["content"] == "noindex, nofollow", page
        else:
            assert robots is None, page


def test_robots_txt(public_site: BuiltSite, internal_site: BuiltSite) -> None:
    assert internal_site.text("robots.txt").splitlines()[-2:] == ["User-agent: *", "Disallow: /"]
    public = public_site.text("robots.txt")
    assert "Disallow: /\n" not in public
    assert "Sitemap: https://tuyengiao.example.vn/sitemap.xml" in public


# --- in Chromium, with the policy enforced ----------------------------------------------

pytestmark_browser = pytest.mark.skipif(not Path(CHROMIUM).is_file(),
                                        reason="Debian's chromium is not installed")


@pytest.fixture(scope="module")
def internal_url(internal_site: BuiltSite) -> Iterator[str]:
    with served(internal_site.root) as url:
        yield url


@pytestmark_browser
def test_site_works_under_the_policy(internal_url: str, internal_site: BuiltSite) -> None:
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.add_init_script(_WATCH)
        page.goto(internal_url)
        page.wait_for_load_state("networkidle")
        # the palette toggle (Material's bundle and the palette script, from files)
        before = page.get_attribute("body", "data-md-color-scheme")
        page.locator("form[data-md-component=palette] label:not([hidden])").first.click()
        page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') "
                               f"!== {before!r}")
        stored = page.evaluate("() => localStorage.length")
        # search
        box = page.locator("[data-tg-search] input, input.md-search__input").first
        box.click()
        box.press_sequentially("nghi quyet", delay=10)
        page.wait_for_function("() => document.querySelectorAll('[data-tg-results] li a')"
                               ".length > 0")
        # the data page's unit filter follows the link
        page.goto(internal_url + "so-lieu/")
        page.wait_for_load_state("networkidle")
        page.select_option("#tg-unit", index=2)
        page.wait_for_url("**/so-lieu/theo-don-vi/*/")
        violations = page.evaluate("() => window.__tgViolations")
    assert stored > 0, "the palette choice was not stored (base.js)"
    assert violations == [], violations
    assert errors == [], errors


@pytestmark_browser
def test_the_policy_is_enforced(internal_site: BuiltSite, tmp_path: Path) -> None:
    """An inline script added to a built page does not run: the meta policy holds."""
    html = internal_site.text("")
    probe = internal_site.root / "csp-probe.html"
    probe.write_text(html.replace("</body>", "<script>window.__inlineRan = 1</script>"
                                  '<img src="x.png" onerror="window.__handlerRan = 1"></body>'),
                     encoding="utf-8")
    try:
        with served(internal_site.root) as url, chromium() as browser:
            page = browser.new_page()
            page.add_init_script(_WATCH)
            page.goto(url + "csp-probe.html")
            page.wait_for_load_state("networkidle")
            ran = page.evaluate("() => [window.__inlineRan, window.__handlerRan]")
            violations = page.evaluate("() => window.__tgViolations")
    finally:
        probe.unlink()
    assert ran == [None, None]
    assert any(v.startswith("script-src") for v in violations), violations
