"""The build session: typed options, the cache kept across a preview's builds, what a
build resets, the context that makes it active, and page claims between processes."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import typing
from pathlib import Path

import pytest

from tuyengiao.core.incremental.cache import BuildCache
from tuyengiao.core.incremental.session import (
    BuildOptions,
    BuildSession,
    PageClaims,
    active_session,
)
from tuyengiao.core.incremental.timing import Stages


def test_every_field_is_typed() -> None:
    hints = typing.get_type_hints(BuildSession)
    assert {f.name for f in dataclasses.fields(BuildSession)} <= set(hints)
    assert hints["cache"] == BuildCache | None
    assert hints["pages"] == dict[str, str]
    assert hints["options"] is BuildOptions
    assert hints["stages"] is Stages


def test_a_preview_keeps_its_cache_in_memory_while_the_code_is_the_same(tmp_path: Path) -> None:
    session = BuildSession(tmp_path, tmp_path / "mkdocs.yml", BuildOptions("internal"),
                           preview=True)
    cache = session.open_cache("a" * 40)
    assert cache.persist is False, "a preview writes its cache when it stops"
    session.pages = {"index.html": "k"}
    session.start_build()
    assert session.open_cache("a" * 40) is cache
    assert session.pages == {"index.html": "k"}, "the pages of the last build are kept"
    other = session.open_cache("b" * 40)
    assert other is not cache and other.key == "b" * 40


def test_a_build_persists_its_cache(tmp_path: Path) -> None:
    session = BuildSession(tmp_path, tmp_path / "mkdocs.yml")
    assert session.options == BuildOptions("public", strict=False)
    assert session.open_cache("c" * 40).persist is True


def test_start_build_forgets_what_the_last_build_made(tmp_path: Path) -> None:
    class Helper:
        stopped = 0

        def join(self) -> None: ...

        def stop(self) -> None:
            Helper.stopped += 1

    session = BuildSession(tmp_path, tmp_path / "mkdocs.yml")
    session.stages.add("load + check", 1.0)
    session.claims, session.helper = PageClaims(tmp_path), Helper()
    session.close()
    assert Helper.stopped == 1
    session.start_build()
    assert session.stages.timings == {}
    assert session.corpus is session.booklets is session.claims is session.helper is None


def test_the_session_is_active_only_inside_its_block(tmp_path: Path) -> None:
    session = BuildSession(tmp_path, tmp_path / "mkdocs.yml")
    assert active_session() is None
    with session.active():
        assert active_session() is session
        assert active_session(tmp_path / "mkdocs.yml") is session
        assert active_session(str(tmp_path / "." / "mkdocs.yml")) is session
        assert active_session(tmp_path / "other" / "mkdocs.yml") is None, "another project"
        with BuildSession(tmp_path, tmp_path / "b.yml").active() as inner:
            assert active_session() is inner
        assert active_session() is session
    assert active_session() is None


def test_a_page_is_claimed_once(tmp_path: Path) -> None:
    claims = PageClaims(tmp_path)
    assert claims.claim("k1")
    assert not claims.claim("k1")
    assert PageClaims(tmp_path).claim("k2")


@pytest.mark.parametrize("first", ["this process", "another process"])
def test_claims_are_shared_between_processes(tmp_path: Path, first: str) -> None:
    other = [sys.executable, "-c", "import sys; from pathlib import Path; "
             "from tuyengiao.core.incremental.session import PageClaims; "
             "sys.exit(0 if PageClaims(Path(sys.argv[1])).claim('k') else 3)", str(tmp_path)]
    if first == "this process":
        assert PageClaims(tmp_path).claim("k")
        assert subprocess.run(other).returncode == 3
    else:
        assert subprocess.run(other).returncode == 0
        assert not PageClaims(tmp_path).claim("k")
