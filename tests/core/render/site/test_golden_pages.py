"""Golden pairs: each ``golden/<name>.md`` renders exactly to ``golden/<name>.html``.

The harness (how a pair becomes HTML) is ``golden_pages.py``. Regenerate the
expected files with ``scripts/regen_golden`` and review ``git diff``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from built_site import FIXTURE, BuiltSite
from golden_pages import (
    GoldenPair,
    SitePages,
    load_project,
    orphans,
    pairs,
    readable_diff,
    render_pair,
)

PAIRS = pairs()


@pytest.mark.parametrize("pair", PAIRS, ids=[p.name for p in PAIRS])
def test_golden_pair(pair: GoldenPair, tmp_path: Path, regen_golden: bool) -> None:
    rendered = render_pair(pair, tmp_path)
    if regen_golden:
        pair.html.write_text(rendered + "\n", encoding="utf-8")
        return
    assert pair.html.is_file(), f"{pair.html.name} is missing: run scripts/regen_golden"
    expected = pair.html.read_text(encoding="utf-8").removesuffix("\n")
    if rendered != expected:
        pytest.fail(f"{pair.name}.md no longer renders as {pair.html.name} "
                    "(if the change is intended: scripts/regen_golden, then review git diff)\n"
                    + readable_diff(expected, rendered, pair.html.name), pytrace=False)


def test_every_expected_html_has_its_markdown(regen_golden: bool) -> None:
    if regen_golden:
        for path in orphans():
            path.unlink()
    assert not orphans(), "expected HTML without a golden .md (scripts/regen_golden removes it)"


def test_there_are_golden_pairs() -> None:
    assert len(PAIRS) >= 9


#: A booklet's download line: the harness makes no booklets, so it is taken out of the site's page.
_BOOKLET_LINKS = re.compile(r'<div class="tg-booklets" lang="vi">\n.*?</div>\n\n', re.S)


def test_the_harness_renders_each_page_as_the_built_site(public_site: BuiltSite) -> None:
    """Every page of the fixture's public build holds, verbatim, what the harness
    renders for it: the golden pairs expect what the site really shows."""
    pages = SitePages(load_project(FIXTURE), "public")
    assert len(pages.src_uris) > 10
    for url in pages.src_uris:
        built = _BOOKLET_LINKS.sub("", public_site.text(url))
        assert pages.render(url) in built, f"/{url}: the harness renders it otherwise"
