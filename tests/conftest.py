"""Shared fixtures: the fixture project built once per audience, parsed with BeautifulSoup.

``tests/fixtures/project`` is a small corpus (see its files) with every document
type, an internal resolution ``7-CV/HU`` carrying the marker ``MARKER-NOIBO-93XQ``,
and a public plan that mentions that number. The builds go through the real CLI
(``tuyengiao.cli.main``), exactly as an editor runs it. What the tests know about
the fixture, and the :class:`BuiltSite` reader, live in ``tests/site/built_site.py``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

# ``tests/site`` is not a package (a package named ``site`` would shadow the
# standard library's), so its helper module is put on the import path here.
sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))

from built_site import FIXTURE, REPO, BuiltSite, build, copy_project

from tuyengiao.i18n import ENV, set_language

# The tool speaks Vietnamese by default. Most tests pin the messages as the code writes
# them, in English (TUYENGIAO_LANG=en, for the processes they start too);
# tests/test_messages.py and tests/cli/test_messages_vi.py pin the Vietnamese ones.
os.environ[ENV] = "en"


@pytest.fixture(autouse=True)
def _messages_in_english() -> None:
    """Each test starts in English, whatever the previous one chose."""
    os.environ[ENV] = "en"
    set_language()

if TYPE_CHECKING:
    from playwright.sync_api import Browser


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("tuyengiao", "tuyengiao expected output")
    group.addoption("--regen-golden", action="store_true",
                    help="write the golden pairs' expected HTML instead of comparing with it")
    group.addoption("--regen-snapshot", action="store_true",
                    help="write tests/snapshots/public-site/ instead of comparing with it")


@pytest.fixture(scope="session")
def regen_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regen-golden"))


@pytest.fixture(scope="session")
def regen_snapshot(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regen-snapshot"))


def _built(tmp_path_factory: pytest.TempPathFactory, project: Path, audience: str,
           name: str) -> BuiltSite:
    out = tmp_path_factory.mktemp(name) / "site"
    assert build(project, audience, out) == 0, f"the {audience} build of {project} failed"
    return BuiltSite(out, audience)


@pytest.fixture(scope="session")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return _built(tmp_path_factory, FIXTURE, "public", "public")


@pytest.fixture(scope="session")
def internal_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return _built(tmp_path_factory, FIXTURE, "internal", "internal")


@pytest.fixture(scope="session")
def sample_public_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The repository's own sample corpus (``content/``), built for the public."""
    return _built(tmp_path_factory, REPO, "public", "sample-public")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium (see ``tests/site/browser_helpers.py``)."""
    from browser_helpers import chromium

    with chromium() as launched:
        yield launched


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A fresh copy of the fixture project that a test may change."""
    return copy_project(tmp_path / "project")
