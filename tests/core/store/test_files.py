"""core.store: writing files safely, and plain files checked by their stamps."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from tuyengiao.core.store import CacheStore, FileSet, link_or_copy, stamp_of, write_atomic
from tuyengiao.core.store import store as store_module
from tuyengiao.core.store.files import temp_name


def test_write_atomic_replaces_a_file_without_touching_its_links(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b.html"
    write_atomic(target, b"old")
    link = tmp_path / "site.html"
    link_or_copy(target, link)
    write_atomic(target, b"new", fsync=True)
    assert target.read_bytes() == b"new" and link.read_bytes() == b"old"
    assert [p.name for p in target.parent.iterdir()] == ["b.html"]  # no temporary left


def test_temporary_names_never_collide(tmp_path: Path) -> None:
    names = {temp_name(tmp_path / "x") for _ in range(1000)}
    found: list[Path] = []
    thread = threading.Thread(target=lambda: found.append(temp_name(tmp_path / "x")))
    thread.start()
    thread.join()
    assert len(names) == 1000 and found[0] not in names


def test_writers_racing_on_one_name_never_mix_their_bytes(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    datas = [bytes([65 + n]) * 200_000 for n in range(8)]
    errors: list[BaseException] = []

    def write(data: bytes) -> None:
        try:
            for _ in range(20):
                write_atomic(target, data)
        except BaseException as error:  # pragma: no cover - the test fails below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(d,)) for d in datas]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert target.read_bytes() in datas
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


def test_link_or_copy_replaces_another_file_and_keeps_the_same(tmp_path: Path) -> None:
    source, target = tmp_path / "s", tmp_path / "deep" / "t"
    source.write_bytes(b"one")
    link_or_copy(source, target)
    assert target.stat().st_ino == source.stat().st_ino
    link_or_copy(source, target)  # already the same file
    other = tmp_path / "o"
    other.write_bytes(b"two")
    link_or_copy(other, target)
    assert target.read_bytes() == b"two"


def _set(tmp_path: Path) -> FileSet:
    return CacheStore(tmp_path / "cache").files("pages")


def test_a_file_changed_after_the_store_wrote_it_is_a_miss(tmp_path: Path) -> None:
    files = _set(tmp_path)
    page = files.write("ab/key.html", b"<html>cached</html>")
    files.save()
    again = _set(tmp_path)
    assert again.lookup("ab/key.html") == page
    page.write_bytes(b"<html>cach")  # truncated in place (a hard link in a site edited)
    assert _set(tmp_path).lookup("ab/key.html") is None
    write_atomic(page, b"<html>cached</html>")  # same bytes, but not what the store wrote
    assert _set(tmp_path).lookup("ab/key.html") is None
    page.unlink()
    files = _set(tmp_path)
    assert files.lookup("ab/key.html") is None
    assert files.store.damaged == ["pages/ab/key.html: missing"]


def test_a_same_size_change_is_seen_by_its_time(tmp_path: Path) -> None:
    files = _set(tmp_path)
    page = files.write("ab/key.html", b"<p>1</p>")
    files.save()
    time.sleep(0.02)
    with open(page, "r+b") as stream:  # same size, same inode
        stream.write(b"<p>2</p>")
    assert stamp_of(page).size == 8  # type: ignore[union-attr]
    assert _set(tmp_path).lookup("ab/key.html") is None


@pytest.mark.parametrize("index", [
    b"garbage",
    b'{"ab/key.html": [1, 2]}',
    b'{"../../outside.html": [1, 2, 3, 4]}',
    b'{"ab/key.html": [1e999, 2, 3, 4]}',
    b'{"ab/key.html": [99999999999999999999999, 2, 3, 4]}',
    b'{"ab/key.html": "x"}',
])
def test_a_damaged_index_is_a_miss_and_names_nothing_outside(tmp_path: Path,
                                                            index: bytes) -> None:
    files = _set(tmp_path)
    files.write("ab/key.html", b"<p>1</p>")
    files.save()
    outside = tmp_path / "outside.html"
    outside.write_bytes(b"keep me")
    old = time.time() - 7200
    os.utime(outside, (old, old))
    path = files.dir / FileSet.INDEX
    try:
        from tuyengiao.core.store import pack

        path.write_bytes(pack(FileSet.TAG, index))
    except Exception:  # pragma: no cover
        raise
    damaged = _set(tmp_path)
    assert damaged.lookup("ab/key.html") is None
    damaged.prune()
    damaged.save()
    assert outside.read_bytes() == b"keep me"


def test_prune_forgets_what_no_build_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = _set(tmp_path)
    for name in ("a.pdf", "b.pdf"):
        files.write(name, name.encode())
    files.save()
    stray = files.dir / ".a.pdf.123-x.tmp"  # a crashed writer's file
    stray.write_bytes(b"half")
    young = files.dir / ".b.pdf.456-y.tmp"  # a writer at work right now
    young.write_bytes(b"half")
    old = time.time() - 7200
    os.utime(stray, (old, old))
    now = store_module.today()
    monkeypatch.setattr(store_module, "today", lambda: now + 20)
    files = _set(tmp_path)
    assert files.lookup("a.pdf") is not None
    files.prune(days=30)
    files.save()
    assert sorted(p.name for p in files.dir.iterdir()) == [
        ".b.pdf.456-y.tmp", "a.pdf", "b.pdf", "index.entry"]
    monkeypatch.setattr(store_module, "today", lambda: now + 40)
    files = _set(tmp_path)
    files.prune(days=30)  # b.pdf was last used 40 days ago, a.pdf 20
    files.save()
    assert sorted(p.name for p in files.dir.iterdir()) == [".b.pdf.456-y.tmp", "a.pdf",
                                                            "index.entry"]
    files = _set(tmp_path)
    files.prune(days=0)  # pages: only what this build used stays
    assert sorted(p.name for p in files.dir.iterdir()) == [".b.pdf.456-y.tmp", "index.entry"]
