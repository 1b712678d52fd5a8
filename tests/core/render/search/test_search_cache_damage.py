"""A damaged search cache (state, analyses, side file) or output file is a miss: the next
build succeeds, writes what a build from nothing writes, and never keeps a damaged file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tuyengiao.core.link.corpus import ProjectLayout, build_corpus
from tuyengiao.core.link.view import SiteView
from tuyengiao.core.render.search import IndexStats, build_search_index
from tuyengiao.core.render.search.state import ANALYSES, ANALYSES_TAG, STATE_TAG
from tuyengiao.core.store import (
    dump_json,
    join_json_bytes,
    load_json,
    pack,
    split_json_bytes,
    unpack,
)

REPO = Path(__file__).resolve().parents[4]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gen") / "project"
    subprocess.run([sys.executable, str(REPO / "scripts" / "gen_corpus"), "40", str(out)],
                   check=True, capture_output=True)
    return out


@pytest.fixture
def project(generated: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(generated, copy)
    return copy


def _view(project: Path) -> SiteView:
    return SiteView(build_corpus(ProjectLayout(project)), "public")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in folder.rglob("*") if p.is_file()}


def _same_as_fresh(project: Path, out: Path, cache: Path, scratch: Path) -> IndexStats:
    view = _view(project)
    stats = build_search_index(view, out, cache_dir=cache)
    build_search_index(view, scratch)
    assert _files(out) == _files(scratch)
    return stats


def _edit_one(project: Path) -> None:
    doc = sorted(p for p in (project / "content").rglob("*.md")
                 if "visibility: public" in p.read_text("utf-8"))[3]
    doc.write_text(doc.read_text("utf-8") + "\nMột câu mới zqdamagex ở chi bộ.\n", "utf-8")


def _state(cache: Path) -> Path:
    [path] = cache.glob("state-*.entry")
    return path


def _edit_json(path: Path, tag: str, edit: Callable[[Any], None]) -> None:
    """Change an entry's JSON and write it with a valid checksum: only its shape is wrong."""
    value = load_json(unpack(path.read_bytes(), tag))
    edit(value)
    path.write_bytes(pack(tag, dump_json(value)))


def _first_file(value: Any) -> list[Any]:
    return value["files"][sorted(value["files"])[0]]


STATE_DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated": lambda p: p.write_bytes(p.read_bytes()[:-50]),
    "garbage": lambda p: p.write_bytes(os.urandom(4000)),
    "checksum": lambda p: p.write_bytes(p.read_bytes()[:-3] + b"zzz"),
    "version": lambda p: p.write_bytes(pack("search-state/0", unpack(p.read_bytes(),
                                                                     STATE_TAG))),
    "overflowing size": lambda p: _edit_json(p, STATE_TAG,
                                             lambda v: _first_file(v).__setitem__(1, 2**80)),
    "offsets overflowing": lambda p: _edit_json(
        p, STATE_TAG, lambda v: v["patch"]["offsets"].__setitem__(3, [2**70, 10])),
    "files not a mapping": lambda p: _edit_json(p, STATE_TAG,
                                                lambda v: v.__setitem__("files", [1, 2])),
    "a file outside": lambda p: _edit_json(
        p, STATE_TAG, lambda v: v["files"].__setitem__("../../x", _first_file(v))),
    "lists of other lengths": lambda p: _edit_json(
        p, STATE_TAG, lambda v: v["patch"]["urls"].pop()),
    "stats of another shape": lambda p: _edit_json(
        p, STATE_TAG, lambda v: v["stats"].__setitem__("notes", "x")),
}


@pytest.mark.parametrize("damage", list(STATE_DAMAGE), ids=list(STATE_DAMAGE))
@pytest.mark.parametrize("edited", [False, True], ids=["unchanged", "edited"])
def test_a_damaged_state_means_a_full_build(project: Path, tmp_path: Path, damage: str,
                                            edited: bool) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    build_search_index(_view(project), out, cache_dir=cache)
    STATE_DAMAGE[damage](_state(cache))
    if edited:
        _edit_one(project)
    stats = _same_as_fresh(project, out, cache, tmp_path / "scratch")
    assert stats.notes == []  # no state: neither "unchanged" nor a patch
    # and the state is good again: the next build with nothing changed writes nothing
    assert _same_as_fresh(project, out, cache, tmp_path / "scratch2").notes == ["unchanged"]


def _analyses_json(cache: Path, edit: Callable[[Any, bytes], bytes]) -> None:
    path = cache / ANALYSES
    head, data = split_json_bytes(unpack(path.read_bytes(), ANALYSES_TAG))
    data = edit(head, data)
    path.write_bytes(pack(ANALYSES_TAG, join_json_bytes(head, data)))


ANALYSES_DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated": lambda c: (c / ANALYSES).write_bytes((c / ANALYSES).read_bytes()[:999]),
    "checksum": lambda c: (c / ANALYSES).write_bytes((c / ANALYSES).read_bytes()[:-1] + b"!"),
    "index beyond the table": lambda c: _analyses_json(
        c, lambda h, d: bytes(d[:h["table"]]) + b"\xff\xff\xff\x7f" + d[h["table"] + 4:]),
    "arrays cut": lambda c: _analyses_json(c, lambda h, d: d[:-6]),
    "table of another size": lambda c: _analyses_json(
        c, lambda h, d: (h.__setitem__("count", h["count"] + 1), d)[1]),
    "unknown type": lambda c: _analyses_json(
        c, lambda h, d: (h["docs"][0].__setitem__(5, "x"), d)[1]),
    "fragment of another shape": lambda c: _analyses_json(
        c, lambda h, d: (h["docs"][1].__setitem__(7, {"t": [1]}), d)[1]),
    "year overflowing": lambda c: _analyses_json(
        c, lambda h, d: (h["docs"][2].__setitem__(6, 10**30), d)[1]),
}


@pytest.mark.parametrize("damage", list(ANALYSES_DAMAGE), ids=list(ANALYSES_DAMAGE))
def test_damaged_analyses_are_made_again(project: Path, tmp_path: Path, damage: str) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    first = build_search_index(_view(project), out, cache_dir=cache)
    ANALYSES_DAMAGE[damage](cache)
    _state(cache).unlink()  # a full build, which reads the analyses
    stats = _same_as_fresh(project, out, cache, tmp_path / "scratch")
    assert stats.cached < first.documents
    again = build_search_index(_view(project), tmp_path / "other", cache_dir=cache)
    assert again.cached == again.documents  # written again in good shape


@pytest.mark.parametrize("damage", ["truncated", "garbage", "overwritten"])
def test_a_damaged_side_file_means_a_full_build(project: Path, tmp_path: Path,
                                                damage: str) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    build_search_index(_view(project), out, cache_dir=cache)
    [side] = cache.glob("keys-*.bin")
    data = side.read_bytes()
    side.write_bytes({"truncated": data[:10],
                      "garbage": os.urandom(len(data)),
                      # one byte in 97 changed, the size kept: only the checks can tell
                      "overwritten": bytes(b ^ 1 if i % 97 == 0 else b
                                           for i, b in enumerate(data))}[damage])
    _edit_one(project)
    stats = _same_as_fresh(project, out, cache, tmp_path / "scratch")
    assert stats.notes == ["full build: posting keys missing"]
    _edit_one(project)  # the side file is whole again: the next edit is patched
    assert _same_as_fresh(project, out, cache, tmp_path / "s2").notes[0].startswith("patched")


@pytest.mark.parametrize("damage", ["truncated card", "same size", "extra file", "gone"])
def test_a_damaged_output_file_is_never_kept(project: Path, tmp_path: Path,
                                             damage: str) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    build_search_index(_view(project), out, cache_dir=cache)
    card, shard = out / "d" / "3.json", out / "t" / "1.json"
    time.sleep(0.02)  # a later change, as a hard link edited in a published site would be
    if damage == "truncated card":
        card.write_bytes(card.read_bytes()[:10])
    elif damage == "same size":
        with open(shard, "r+b") as stream:  # in place: same inode, same size
            stream.write(b"{" + b" " * (len(shard.read_bytes()) - 2) + b"}")
    elif damage == "extra file":
        (out / "t" / "999.json").write_text("{}")
    else:
        card.unlink()
    stats = _same_as_fresh(project, out, cache, tmp_path / "scratch")
    assert stats.notes != ["unchanged"]
    _edit_one(project)  # an edit after the repair is patched again
    assert _same_as_fresh(project, out, cache, tmp_path / "s2").notes[0].startswith("patched")
