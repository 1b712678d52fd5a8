"""A first visit on a cheap phone: every page type of the sample site, and a search typed
letter by letter, costs at most 150 KB gzip on the wire (issue 16), counted from what
Debian's Chromium receives from a server that sends the site's ``.gz`` files as
nginx's ``gzip_static`` does. A byte budget, not a timing: it holds on any machine.

Skipped only when the Chromium binary is missing (``TUYENGIAO_CHROMIUM``).
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from browser_helpers import Served, skip_without_chromium
from built_site import BuiltSite

skip_without_chromium()

from page_weight import (  # noqa: E402
    BUDGET,
    SAMPLE_PAGES,
    SEARCH_QUERY,
    Visit,
    type_query,
    visit,
)
from playwright.sync_api import Browser  # noqa: E402

UNUSED = ("assets/javascripts/lunr/", "assets/javascripts/workers/")


@pytest.fixture(scope="module")
def gzip_url(sample_public_site: BuiltSite) -> Iterator[str]:
    served = Served(sample_public_site.root, gzip_static=True)
    yield served.url
    served.close()


def _check(kind: str, found: Visit) -> None:
    assert found.failed == [], f"{kind}: requests failed: {found.failed}"
    assert found.total <= BUDGET, (
        f"{kind}: a first visit costs {found.total / 1024:.1f} KB, over the "
        f"{BUDGET // 1024} KB budget; the biggest:\n" + "\n".join(found.biggest()))
    asked = [urlsplit(url).path for url in found.sizes]
    assert not [p for p in asked if p.endswith(".map") or any(u in p for u in UNUSED)]
    assert not [p for p in asked if "latin-ext" in p], f"{kind}: Vietnamese text fetched latin-ext"


@pytest.mark.parametrize("kind", sorted(SAMPLE_PAGES))
def test_first_visit_within_budget(browser: Browser, gzip_url: str, kind: str) -> None:
    _check(kind, visit(browser, gzip_url + SAMPLE_PAGES[kind]))


def test_search_typed_letter_by_letter_within_budget(browser: Browser, gzip_url: str) -> None:
    found = visit(browser, gzip_url, then=type_query(SEARCH_QUERY))
    _check("search", found)
    assert any("/search/t/" in url for url in found.sizes), "the query fetched its shards"


def test_unused_theme_files_are_not_shipped(sample_public_site: BuiltSite) -> None:
    root = sample_public_site.root
    shipped = [p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()]
    assert [p for p in shipped if p.endswith(".map") or p.startswith(UNUSED)] == []
    assert any(p.startswith("assets/javascripts/bundle.") for p in shipped)


def test_every_text_file_has_its_gzip_beside_it(sample_public_site: BuiltSite) -> None:
    root = sample_public_site.root
    texts = [p for p in root.rglob("*") if p.suffix in {".html", ".css", ".js", ".json",
                                                         ".xml", ".svg"}]
    assert len(texts) > 40
    for path in texts:
        packed = path.with_name(path.name + ".gz")
        if path.stat().st_size > 512:
            assert packed.is_file(), path.relative_to(root)
        if packed.is_file():
            assert gzip.decompress(packed.read_bytes()) == path.read_bytes()
