"""Writing files safely: a new file under a unique temporary name, renamed over the old.

Files of the cache are hard-linked into built sites, so a file is never
rewritten in place: every writer writes a new file and renames it over the
name, and a reader (or a site that links the old file) sees the old bytes or
the new, never a mix. Temporary names carry the process, the thread and random
bits, so builds running at the same time never write into each other's files.
"""

from __future__ import annotations

import os
import secrets
import shutil
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

#: Temporary files end with this; the store removes old ones left by a crash.
TEMP_SUFFIX = ".tmp"


def temp_name(path: Path) -> Path:
    """A name beside ``path`` that no other writer uses."""
    unique = f"{os.getpid()}-{threading.get_ident():x}-{secrets.token_hex(4)}"
    return path.with_name(f".{path.name}.{unique}{TEMP_SUFFIX}")


def is_temp(name: str) -> bool:
    """Whether a file name is a :func:`temp_name` (another writer's file at work)."""
    return name.startswith(".") and name.endswith(TEMP_SUFFIX)


def write_atomic(path: Path, data: bytes | memoryview | Sequence[bytes | memoryview],
                 fsync: bool = False) -> None:
    """Write ``data`` (bytes, or parts written one after the other) to a new file and
    rename it over ``path`` (made if missing).

    ``fsync`` flushes the file to the disk before the rename and the folder after it
    (for data that is not a cache, an editor's or a unit's file: a crash or a power cut
    then leaves the old file or the complete new one, never an empty one); the new
    file keeps the old one's permissions.
    """
    tmp = temp_name(path)
    try:
        try:
            _write_new(tmp, data, fsync)
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_new(tmp, data, fsync)
        if fsync:
            _keep_mode(path, tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if fsync:
        _fsync_folder(path.parent)


def create_atomic(path: Path, data: bytes) -> bool:
    """Write a file that must not exist yet, complete or not at all: ``data`` goes to a
    temporary file, flushed to the disk, then hard-linked to ``path`` (which fails when
    ``path`` exists: False, nothing is changed)."""
    tmp = temp_name(path)
    try:
        _write_new(tmp, data, True)
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
    finally:
        tmp.unlink(missing_ok=True)
    _fsync_folder(path.parent)
    return True


def _keep_mode(old: Path, new: Path) -> None:
    try:
        mode = os.stat(old).st_mode
    except FileNotFoundError:
        return
    os.chmod(new, mode & 0o7777)


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (where the system allows opening folders)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _write_new(path: Path, data: bytes | memoryview | Sequence[bytes | memoryview],
               fsync: bool) -> None:
    with open(path, "xb") as stream:
        if isinstance(data, bytes | memoryview):
            stream.write(data)
        else:
            stream.writelines(data)
        if fsync:
            stream.flush()
            os.fsync(stream.fileno())


def link_or_copy(source: Path, target: Path) -> None:
    """Put ``source`` at ``target`` as a hard link (a copy across file systems); a
    different file already at ``target`` is replaced, the same one is left alone.

    The two names share one file: whoever writes a new version of either must
    write a new file and rename it over the name, never rewrite it in place.
    """
    try:
        os.link(source, target)
        return
    except FileExistsError:
        if os.path.samefile(source, target):
            return
    except FileNotFoundError:
        if not target.parent.is_dir():
            target.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(source, target)
            return
        raise
    except OSError:
        pass  # another file system: a copy, below
    tmp = temp_name(target)
    try:
        try:
            os.link(source, tmp)
        except OSError:
            shutil.copyfile(source, tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def link_tree(source: Path, target: Path) -> None:
    """Make ``target`` hold hard links of exactly the files under ``source``: files
    already linked stay, others are linked or replaced, the rest are removed."""
    existed = target.is_dir()
    wanted: set[str] = set()
    for folder, _, names in os.walk(source):
        rel = os.path.relpath(folder, source)
        into = target / rel
        into.mkdir(parents=True, exist_ok=True)
        for name in names:
            if not is_temp(name):  # another build's file at work
                wanted.add(os.path.normpath(os.path.join(rel, name)))
                link_or_copy(Path(folder, name), into / name)
    if existed:
        remove_others(target, wanted)


def remove_others(folder: Path, keep: set[str]) -> None:
    """Remove the files under ``folder`` whose relative path is not in ``keep``."""
    for here, _, names in os.walk(folder):
        rel = os.path.relpath(here, folder)
        for name in names:
            if os.path.normpath(os.path.join(rel, name)) not in keep:
                os.unlink(os.path.join(here, name))


class Stamp(NamedTuple):
    """What identifies one version of a file without reading it: size, modification
    time and inode. Rewriting the file (in place or by rename), truncating it or
    appending to it changes it; hard-linking it into a site does not."""

    size: int
    mtime_ns: int
    inode: int


def stamp_of(path: Path | str) -> Stamp | None:
    """The file's :class:`Stamp`, or None when there is no such file."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return Stamp(found.st_size, found.st_mtime_ns, found.st_ino)
