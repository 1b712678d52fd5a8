"""Whatever part of the cache is damaged, the next ``tuyengiao build`` succeeds and
writes the site a build without a cache writes: nothing damaged is published."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from built_site import REPO, build
from test_incremental import _same_as_uncached

CACHE = Path(".cache") / "tuyengiao"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("damage") / "project"
    subprocess.run([sys.executable, str(REPO / "scripts" / "gen_corpus"), "30", str(out)],
                   check=True, stdout=subprocess.DEVNULL)
    assert build(out, "public", out / "site") == 0
    return out


def _one(project: Path, pattern: str) -> Path:
    found = sorted((project / CACHE).glob(pattern))
    assert found, pattern
    return found[len(found) // 2]


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _same_size(path: Path) -> None:
    time.sleep(0.02)  # later than the build: as an editor's change of a published file
    with open(path, "r+b") as stream:  # in place: the site's hard link changes with it
        stream.write(b"X" * path.stat().st_size)


def _garbage(path: Path) -> None:
    path.write_bytes(os.urandom(1000))


DAMAGE: dict[str, tuple[str, Callable[[Path], None]]] = {
    "page truncated": ("*/public/pages/*/*.html", _truncate),
    "page overwritten in place": ("*/public/pages/*/*.html", _same_size),
    "pages index": ("*/public/pages/index.entry", _garbage),
    "load memo": ("load.entry", _truncate),
    "search state": ("search/state-*.entry", _garbage),
    "search analyses": ("search/analyses.entry", _truncate),
    "search file in the cache": ("*/public/search/t/*.json", _same_size),
    "booklets index": ("booklets/booklets.entry", _garbage),
    "booklet PDF": ("booklets/*.pdf", _same_size),
    "PDFs index": ("booklets/index.entry", _truncate),
}


def test_the_theme_404_page_is_cached_and_checked(project: Path, tmp_path: Path) -> None:
    page = project / "site" / "404.html"
    assert build(project, "public", project / "site") == 0
    inode = page.stat().st_ino
    assert build(project, "public", project / "site") == 0
    assert page.stat().st_ino == inode  # linked from the cache, not rendered again
    _same_size(page)  # through the site's hard link: the cached file changes too
    assert build(project, "public", project / "site") == 0
    assert b"XXXX" not in page.read_bytes()
    _same_as_uncached(project, project / "site", tmp_path / "fresh")


@pytest.mark.parametrize("damage", list(DAMAGE), ids=list(DAMAGE))
def test_a_damaged_cache_builds_the_same_site(project: Path, tmp_path: Path,
                                             damage: str) -> None:
    pattern, change = DAMAGE[damage]
    damaged = _one(project, pattern)
    change(damaged)
    bad = damaged.read_bytes()
    assert build(project, "public", project / "site") == 0
    _same_as_uncached(project, project / "site", tmp_path / "fresh")
    if damaged.suffix in (".html", ".pdf", ".json"):  # never linked into the new site
        published = {p.read_bytes() for p in (project / "site").rglob(f"*{damaged.suffix}")}
        assert bad not in published
    # the cache is whole again: a build with nothing changed renders nothing
    before = {p: p.stat().st_ino for p in (project / "site").rglob("*.html")}
    assert build(project, "public", project / "site") == 0
    after = {p: p.stat().st_ino for p in (project / "site").rglob("*.html")}
    assert {p for p in after if before.get(p) != after[p]} <= {project / "site" / "404.html"}


def test_two_builds_racing_on_an_empty_cache(tmp_path: Path) -> None:
    """Two ``tuyengiao build`` of one project start together with no cache (they share
    its folders): neither trips over the other's files, both sites are right."""
    project = tmp_path / "project"
    subprocess.run([sys.executable, str(REPO / "scripts" / "gen_corpus"), "30", str(project)],
                   check=True, stdout=subprocess.DEVNULL)
    runs = [subprocess.Popen([sys.executable, "-c", "import sys; from tuyengiao.cli import main; "
                              "sys.exit(main(sys.argv[1:]))", "--project", str(project),
                              "build", "--out", str(project / name)],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for name in ("site-a", "site-b")]
    outputs = [run.communicate(timeout=600)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    for name in ("site-a", "site-b"):
        _same_as_uncached(project, project / name, tmp_path / f"fresh-{name}")
    assert not [p for p in (project / CACHE).rglob("*.tmp")]
    assert build(project, "public", project / "site-a") == 0  # the cache the race left
    _same_as_uncached(project, project / "site-a", tmp_path / "fresh-again")
