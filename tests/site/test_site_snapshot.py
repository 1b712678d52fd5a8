"""The fixture project's public site, built by the CLI, against ``tests/snapshots/public-site/``.

Any change of a page's HTML, of the search index, the sitemap, a booklet's
pages or text, or of the list of files fails here. What is recorded, and what
is stripped because it changes between builds, is ``site_snapshot.py``.
Regenerate with ``scripts/regen_snapshot`` and review ``git diff``.
"""

from __future__ import annotations

import pytest
from built_site import BuiltSite
from site_snapshot import SNAPSHOTS, differences, read, record, write

PUBLIC = SNAPSHOTS / "public-site"


def test_public_site_matches_the_snapshot(public_site: BuiltSite, regen_snapshot: bool) -> None:
    built = record(public_site.root)
    if regen_snapshot:
        write(PUBLIC, built)
        return
    assert PUBLIC.is_dir(), f"{PUBLIC} is missing: run scripts/regen_snapshot"
    found = differences(read(PUBLIC), built)
    if found:
        pytest.fail("the public fixture site differs from tests/snapshots/public-site/ "
                    "(if the change is intended: scripts/regen_snapshot, then review "
                    f"git diff)\n{found}", pytrace=False)
