"""A staged site goes where it is served whole (swap) or file by file (a preview)."""

from __future__ import annotations

import os
from pathlib import Path

from tuyengiao.core.incremental.publish import remove_leftovers, swap_in, update_in_place


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text("utf-8")
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_update_in_place_changes_only_what_changed(tmp_path: Path) -> None:
    cache, out, staging = tmp_path / "cache", tmp_path / "out", tmp_path / "staging"
    cached = write(cache, "k1.html", "trang cũ")
    for root in (out, staging):  # a page from the cache, in both
        (root / "a").mkdir(parents=True)
        os.link(cached, root / "a" / "index.html")
    same = write(out, "b/index.html", "giống hệt")
    changed = write(out, "c/index.html", "trước khi sửa")
    write(out, "gone/deep/index.html", "trang đã xóa")
    write(staging, "b/index.html", "giống hệt")
    write(staging, "c/index.html", "sau khi sửa")
    write(staging, "new/index.html", "trang mới")
    inodes = {p: (out / p).stat().st_ino for p in ("a/index.html", "b/index.html",
                                                    "c/index.html")}
    folder = out.stat().st_ino

    assert update_in_place(staging, out, ["gone/deep/index.html"]) == 2
    assert tree(out) == {"a/index.html": "trang cũ", "b/index.html": "giống hệt",
                         "c/index.html": "sau khi sửa", "new/index.html": "trang mới"}
    assert out.stat().st_ino == folder
    assert (out / "a/index.html").stat().st_ino == inodes["a/index.html"]
    assert (out / "b/index.html").stat().st_ino == same.stat().st_ino == inodes["b/index.html"]
    assert (out / "c/index.html").stat().st_ino != inodes["c/index.html"], "renamed over"
    assert changed.read_text("utf-8") == "sau khi sửa"
    assert not (out / "gone").exists(), "emptied folders go too"
    assert not staging.exists()
    assert cached.read_text("utf-8") == "trang cũ", "the cache file is never written through"


def test_swap_in_replaces_the_folder(tmp_path: Path) -> None:
    out, staging, trash = tmp_path / "site", tmp_path / ".site.building", tmp_path / "trash"
    write(out, "old.html", "cũ")
    write(staging, "index.html", "mới")
    swap_in(staging, out, trash)
    assert tree(out) == {"index.html": "mới"}
    assert not staging.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.old")]


def test_leftovers_of_killed_builds_are_removed(tmp_path: Path) -> None:
    """A build killed before its swap leaves ``.site.building-<pid>``; one killed between
    the swap's renames leaves ``.site.old-<pid>``: the next build removes both, and only
    those of its own output."""
    out = tmp_path / "site"
    write(out, "index.html", "trang đang phục vụ")
    for name in (".site.building-12345", ".site.old-777", ".other.building-1",
                 f".site.building-{os.getpid()}"):
        write(tmp_path / name, "index.html", "dở dang")
    removed = remove_leftovers(out, tmp_path / "trash")
    assert sorted(removed) == [".site.building-12345", ".site.old-777"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == [
        ".other.building-1", f".site.building-{os.getpid()}"]
    assert tree(out) == {"index.html": "trang đang phục vụ"}
