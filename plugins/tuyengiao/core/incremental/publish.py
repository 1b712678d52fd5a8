"""Putting a site built in a staging folder where it is served, never half-done.

The engine always writes into a fresh, empty staging folder, so it never writes through
a name that is a hard link of a cache file. Then :func:`swap_in` replaces the output
folder with two renames (``tuyengiao build``), or :func:`update_in_place` moves into it
only the files that changed (a preview server, whose folder is being served; the pages
from the cache are linked straight into that folder, as they are the same files).
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path


def swap_in(staging: Path, out: Path, trash: Path) -> None:
    """Replace ``out`` by ``staging`` with two renames; the old site is removed after."""
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        out.rename(old)
    staging.rename(out)
    if old.exists():
        discard_later(old, trash)


def remove_leftovers(out: Path, trash: Path) -> list[str]:
    """Remove what killed builds into ``out`` left beside it: staging folders
    (``.site.building-<pid>``) and old sites a swap had moved aside (``.site.old-<pid>``).
    Call it holding the build lock, so that no other build is writing into them; this
    process's own staging folder is kept. Returns the names removed."""
    removed = []
    mine = f".{out.name}.building-{os.getpid()}"
    for pattern in (f".{out.name}.building-*", f".{out.name}.old-*"):
        for path in sorted(out.parent.glob(pattern)):
            if path.name != mine and path.is_dir() and not path.is_symlink():
                discard_later(path, trash)
                removed.append(path.name)
    return removed


def update_in_place(staging: Path, out: Path, gone: Iterable[str] = ()) -> int:
    """Move into ``out`` the files of ``staging`` that changed; remove the files ``gone``
    (paths under ``out``) and the folders they leave empty. Return how many moved.

    A file that is the same file (a hard link of the same cache entry) or has the same
    bytes is left alone; another one is renamed over the old name, so a reader sees the
    old file or the new one and a hard link of the old one is never written through.
    ``staging`` is removed.
    """
    moved = 0
    for folder, _, names in os.walk(staging):
        into = out / os.path.relpath(folder, staging)
        for name in names:
            source, target = Path(folder, name), into / name
            if target.is_file() and (os.path.samefile(source, target)
                                     or filecmp.cmp(source, target, shallow=False)):
                continue
            into.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
            moved += 1
    for path in gone:
        remove_file(out, path)
    shutil.rmtree(staging, ignore_errors=True)
    return moved


def remove_file(root: Path, path: str) -> None:
    """Remove ``root/path`` and the folders under ``root`` that it leaves empty."""
    target = root / path
    target.unlink(missing_ok=True)
    for folder in target.parents:
        if folder == root:
            break
        try:
            folder.rmdir()
        except OSError:
            break  # not empty


def discard_later(path: Path, trash: Path) -> None:
    """Remove an old site without making the build wait: move it into ``trash`` (same
    file system) and delete it from a detached process; else delete it now."""
    target = trash / f"{path.name}-{time.time_ns()}"
    try:
        trash.mkdir(parents=True, exist_ok=True)
        path.rename(target)
    except OSError:
        shutil.rmtree(path, ignore_errors=True)
        return
    subprocess.Popen([sys.executable, "-c", "import shutil, sys; "
                      "shutil.rmtree(sys.argv[1], ignore_errors=True)", str(target)],
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, start_new_session=True)
