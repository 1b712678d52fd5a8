"""The MkDocs adapter: ``enabled``, plain ``mkdocs build`` with the plugin's own options,
the page files it makes itself, and what it must never do to MkDocs' objects."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from built_site import INTERNAL_URLS, MENTIONING_URL

import tuyengiao
from tuyengiao.core.incremental.session import PageClaims

PACKAGE = Path(tuyengiao.__file__).parent


def _mkdocs_build(project: Path) -> Path:
    """Plain ``mkdocs build`` of ``project`` (no session), into ``project/site``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(project / "mkdocs.yml")))
    return project / "site"


def test_disabled_the_plugin_does_nothing_and_mkdocs_builds_content_as_it_is(
        project_copy: Path) -> None:
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "  - tuyengiao:\n", "  - tuyengiao:\n      enabled: false\n"), "utf-8")
    site = _mkdocs_build(project_copy)
    sources = sorted(p.relative_to(project_copy / "content").with_suffix("")
                     for p in (project_copy / "content").rglob("*.md"))
    assert sources
    for source in sources:  # every file at MkDocs' own address, none at a permalink
        assert (site / source / "index.html").is_file(), source
    assert not (site / MENTIONING_URL).exists()
    assert not (site / "search" / "manifest.json").exists()


def test_without_a_session_the_plugin_uses_its_own_options(
        project_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUYENGIAO_AUDIENCE", "internal")  # the fixture's mkdocs.yml reads it
    site = _mkdocs_build(project_copy)
    assert (site / MENTIONING_URL / "index.html").is_file()
    assert all((site / url / "index.html").is_file() for url in INTERNAL_URLS)
    assert (site / "search" / "manifest.json").is_file()


def test_a_page_file_renders_when_not_cached_and_claimed_by_this_process(
        tmp_path: Path) -> None:
    from tuyengiao.mkdocs.incremental import PageFile

    class Stage:
        claims: PageClaims | None = None

        def renders(self, file: PageFile) -> bool:
            return not file.cached and (self.claims is None or self.claims.claim(file.key))

        def cancelled(self) -> bool:
            return False

    stage = Stage()

    def page(key: str, cached: bool) -> PageFile:
        file = PageFile(f"{key}.md", str(tmp_path), str(tmp_path / "site"), True)
        file.key, file.cached, file.stage = key, cached, stage
        return file

    assert not page("a", cached=True).is_modified()
    assert page("b", cached=False).is_modified()
    stage.claims = PageClaims(tmp_path)
    (tmp_path / "c").touch()  # another process claimed it first
    first, taken = page("d", cached=False), page("c", cached=False)
    assert first.is_modified() and not taken.is_modified()
    (tmp_path / "d").unlink()
    assert first.is_modified(), "decided once, when MkDocs first asks"


def _root(node: ast.expr) -> str:
    while isinstance(node, ast.Attribute | ast.Subscript | ast.Call):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else ""


def scan(source: str) -> set[str]:
    """What the package must not do, as found in ``source``."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            if node.attr == "__class__":
                found.add("class swap")
            if _root(node) == "plugin":
                found.add("write into the plugin")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in ("fork", "forkpty"):
                found.add("fork")
            if node.func.attr in ("addFilter", "getMessage"):
                found.add("log filter")
        elif isinstance(node, ast.ClassDef) and any(
                ast.unparse(base).endswith("Filter") for base in node.bases):
            found.add("log filter")
    return found


def test_the_scan_sees_what_it_looks_for() -> None:
    assert scan("import os, logging\nos.fork()\nfile.__class__ = X\n"
                "plugin.config.audience = 'internal'\nlog.addFilter(f)\n"
                "class F(logging.Filter): pass\n") == {
        "fork", "class swap", "write into the plugin", "log filter"}


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")),
                         ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_the_package_keeps_mkdocs_objects_as_mkdocs_made_them(path: Path) -> None:
    """No fork of a running build, no class swap, no filter of log messages by their
    text, no write into the plugin from outside it."""
    assert scan(path.read_text("utf-8")) == set()
