"""The cache store of a project: ``.cache/tuyengiao/``, safe to delete, never trusted blindly.

Two kinds of things are kept:

* **Entries** (``*.entry``): the load memo, the search index's state and
  analyses, the booklets' index, the indexes of plain files. One format
  (:mod:`.entry`): a checked header, then JSON or bytes. A missing, damaged or
  foreign entry is a *miss*: the stage rebuilds what it held, and the build
  goes on.
* **Plain files** (:class:`FileSet`): the pages' HTML and the booklets' PDFs,
  which are hard-linked into built sites and so cannot carry a header. The
  set's index (an entry) records each file's :class:`~.files.Stamp` (size,
  modification time, inode); a file whose stamp is not the recorded one was
  changed after the store wrote it and is a miss too. The stamp costs one
  ``stat`` (a no-change build of 10,000 documents looks up 9,400 pages);
  hashing the files would read 200 MB.

Nothing read from the store is executed: entries hold JSON or arrays, never
pickles, and compiled templates are not kept on disk.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from tuyengiao.core.store.entry import (
    Buffer,
    dump_json,
    load_json,
    pack_parts,
    payload_checksum,
    unpack_unchecked,
)
from tuyengiao.core.store.files import Stamp, link_or_copy, stamp_of, write_atomic
from tuyengiao.core.store.hashing import hash_bytes
from tuyengiao.core.store.shape import BadEntry, as_dict, as_int, as_list, as_name
from tuyengiao.i18n import _

CACHE_DIR = ".cache/tuyengiao"
ENTRY_SUFFIX = ".entry"
#: Files the store does not know (a crashed build's temporary files, files of an
#: index that lost a race) are removed once they are this old.
ORPHAN_SECONDS = 3600.0
#: What a decoder may raise for an entry of the wrong shape (beyond :class:`BadEntry`).
DECODE_ERRORS = (ValueError, TypeError, KeyError, IndexError, OverflowError, AttributeError,
                 RecursionError)

#: Payloads larger than this are hashed in a thread while they are decoded.
_HASH_IN_THREAD = 1 << 20

T = TypeVar("T")
log = logging.getLogger("tuyengiao.store")


#: Every damaged entry or file noted in this process (by any store), for the build's
#: one-line notice (:func:`take_damaged`).
_DAMAGED: list[str] = []
_DAMAGE_LOCK = threading.Lock()


def take_damaged() -> list[str]:
    """What was found damaged (and made again) since the last call, "name: why" each."""
    with _DAMAGE_LOCK:
        found = list(_DAMAGED)
        _DAMAGED.clear()
    return found


def today() -> int:
    """Days since 1970 (the unit of :meth:`FileSet.prune`)."""
    return int(time.time() // 86400)


class CacheStore:
    """The store under ``root`` (``<project>/.cache/tuyengiao``)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        #: Entries and files found damaged in this process ("name: why"), each a miss.
        self.damaged: list[str] = []

    @classmethod
    def of(cls, project_dir: Path) -> CacheStore:
        return cls(project_dir / CACHE_DIR)

    def path(self, name: str) -> Path:
        """The path of an entry or folder of the store (names are relative)."""
        if name.startswith("/") or ".." in name.split("/"):
            raise ValueError(_("not a name inside the cache: {name!r}").format(name=name))
        return self.root / name

    def folder(self, *names: str) -> Path:
        """A folder of the store (made if missing)."""
        path = self.root.joinpath(*names)
        path.mkdir(parents=True, exist_ok=True)
        return path

    def note_damaged(self, name: str, why: object) -> None:
        self.damaged.append(f"{name}: {why}")
        with _DAMAGE_LOCK:
            _DAMAGED.append(f"{self._shown(name)}: {why}")
        log.info(_("cache: {name} is damaged ({why}); it is made again").format(
            name=name, why=why))

    def _shown(self, name: str) -> str:
        """``name`` from the store's top folder (``booklets/booklets.entry``)."""
        top = self.root
        while top.name and top.parent.name != ".cache" and top.parent != top:
            top = top.parent
        return (self.root.relative_to(top) / name).as_posix() if top.name else name

    # --- entries ----------------------------------------------------------------------

    def read(self, name: str, tag: str) -> memoryview | None:
        """The checked payload of entry ``name`` written under ``tag``, or None."""
        return self.read_with(name, tag, lambda payload: payload)

    def write(self, name: str, tag: str, payload: Buffer | Sequence[Buffer]) -> None:
        """Write entry ``name``: ``payload`` may be parts (written without joining)."""
        write_atomic(self.path(name), pack_parts(tag, payload))

    def read_with(self, name: str, tag: str, decode: Callable[[memoryview], T]) -> T | None:
        """The payload of entry ``name`` decoded by ``decode`` (which checks its shape:
        see :mod:`.shape`), or None when the entry is missing, damaged or of another
        shape. A large payload's checksum is computed in a thread while it is decoded
        (hashing runs without the interpreter lock); what was decoded is dropped unless
        the checksum is right."""
        try:
            data = self.path(name).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            self.note_damaged(name, error)
            return None
        try:
            payload, expected = unpack_unchecked(data, tag)
        except BadEntry as error:
            self.note_damaged(name, error)
            return None
        found: list[bytes] = []
        worker = threading.Thread(target=lambda: found.append(payload_checksum(tag, payload)))
        if len(payload) > _HASH_IN_THREAD:
            worker.start()
        else:
            worker.run()
        value: T | None = None
        failed: Exception | None = None
        try:
            value = decode(payload)
        except DECODE_ERRORS as error:
            failed = error
        finally:
            if worker.ident is not None:
                worker.join()
        if found != [expected]:
            self.note_damaged(name, "wrong checksum")
            return None
        if failed is not None:
            self.note_damaged(name, failed)
            return None
        return value

    def read_json(self, name: str, tag: str, decode: Callable[[Any], T]) -> T | None:
        """A JSON entry, decoded by ``decode`` (which checks the shape), or None."""
        return self.read_with(name, tag, lambda payload: decode(load_json(payload)))

    def write_json(self, name: str, tag: str, value: Any) -> None:
        self.write(name, tag, dump_json(value))

    def remove(self, name: str) -> None:
        path = self.path(name)
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)

    def files(self, folder: str) -> FileSet:
        return FileSet(self, folder)

    def keep_only(self, keep: str, is_other: Callable[[str], bool]) -> None:
        """Remove the folders of the root that ``is_other`` names, except ``keep``."""
        if not self.root.is_dir():
            return
        for child in self.root.iterdir():
            if child.is_dir() and child.name != keep and is_other(child.name):
                shutil.rmtree(child, ignore_errors=True)


class FileSet:
    """Plain files in one folder of the store, each checked by its recorded stamp.

    Files are named by the caller (``ab/KEY.html``, ``KEY.pdf``). The index
    (``index.entry`` in the folder) maps each name to its stamp and the last day
    a build used it; :meth:`prune` forgets what is no longer used. A ``hashed`` set
    (the booklets' PDFs) records each file's content hash too and checks it on every
    lookup: a file rewritten in place with its size, time and inode put back is a
    miss, not a published file.
    """

    INDEX = "index" + ENTRY_SUFFIX
    TAG = "files/1"

    def __init__(self, store: CacheStore, folder: str, hashed: bool = False) -> None:
        self.store = store
        self.folder = folder
        self.hashed = hashed
        self.dir = store.root / folder if folder else store.root
        self._index = f"{folder}/{self.INDEX}" if folder else self.INDEX
        self.records: dict[str, Any] = store.read_json(self._index, self.TAG,
                                                       _decode_index) or {}
        self.used: set[str] = set()
        self.changed = False
        self._today = today()

    def path(self, name: str) -> Path:
        return self.dir / name

    def _stamp(self, name: str) -> tuple[Stamp, int] | None:
        """A record's stamp and day, checked here (not when the index is read: a
        lookup checks only the records it needs)."""
        record = self.records.get(name)
        if record is None:
            return None
        try:
            size, mtime, inode, day, *_rest = as_list(record, 5 if self.hashed else 4)
            return Stamp(as_int(size), as_int(mtime, -(2**63)), as_int(inode)), as_int(day)
        except BadEntry as error:
            self._forget(name, error)
            return None

    def _forget(self, name: str, why: object) -> None:
        self.store.note_damaged(f"{self.folder}/{name}" if self.folder else name, why)
        del self.records[name]
        self.changed = True

    def lookup(self, name: str) -> Path | None:
        """The file, if the store wrote it and it has not changed since; else None.

        Called for every page of a build: the record is compared with the file's
        stat as it is (a record of the wrong shape matches no file).
        """
        record = self.records.get(name)
        if record is None:
            return None
        path = self.dir / name
        try:
            found = os.stat(path)
        except OSError:
            self._forget(name, "missing")
            return None
        if type(record) is not list or len(record) != (5 if self.hashed else 4) or record[:3] != [
                found.st_size, found.st_mtime_ns, found.st_ino] or (
                self.hashed and record[4] != _content_hash(path)):
            self._forget(name, "changed since it was written")
            return None
        self.used.add(name)
        if record[3] != self._today:
            self.records[name] = [*record[:3], self._today, *record[4:]]
            self.changed = True
        return path

    def put(self, name: str, source: Path) -> Path:
        """Keep ``source`` (a file just written, e.g. into a staging folder) as ``name``:
        a hard link (or a copy), replacing what was there."""
        path = self.dir / name
        link_or_copy(source, path)
        self.record(name)
        return path

    def write(self, name: str, data: bytes) -> Path:
        path = self.dir / name
        write_atomic(path, data)
        self.record(name)
        return path

    def record(self, name: str) -> None:
        """Record the file now at ``name`` (written by the store's rules: a new file
        renamed into place) as good."""
        stamp = stamp_of(self.dir / name)
        if stamp is None:
            self.records.pop(name, None)
        else:
            hashed = [_content_hash(self.dir / name)] if self.hashed else []
            self.records[name] = [*stamp, self._today, *hashed]
            self.used.add(name)
        self.changed = True

    def prune(self, days: int = 0) -> None:
        """Forget the files no build used in the last ``days`` days (``0``: every file
        this build did not use) and remove them; remove files the index does not know
        once they are older than :data:`ORPHAN_SECONDS` (a crash's temporary files, a
        file whose record was lost to a build running at the same time)."""
        limit = self._today - days
        for name in list(self.records):
            if name in self.used:
                continue
            found = self._stamp(name)
            if found is None or days == 0 or found[1] < limit:
                self.records.pop(name, None)
                self.changed = True
                (self.dir / name).unlink(missing_ok=True)
        orphan_before = time.time_ns() - int(ORPHAN_SECONDS * 1e9)
        prefix = len(str(self.dir)) + 1
        for folder, _folders, names in os.walk(self.dir):
            for file in names:
                path = os.path.join(folder, file)
                if file.endswith(ENTRY_SUFFIX) or path[prefix:].replace(os.sep, "/") in \
                        self.records:
                    continue  # entries (this index, a stage's own) are the store's
                stamp = stamp_of(path)
                if stamp is not None and stamp.mtime_ns < orphan_before:
                    os.unlink(path)

    def save(self) -> None:
        if self.changed:
            self.store.write_json(self._index, self.TAG, self.records)
            self.changed = False


def _content_hash(path: Path) -> str:
    """The hash of a file's bytes ('' when it cannot be read: matches no record)."""
    try:
        return hash_bytes(path.read_bytes())
    except OSError:
        return ""


def _decode_index(value: Any) -> dict[str, Any]:
    """Names are checked now (a name is a path); each record when it is looked up."""
    records = as_dict(value)
    for name in records:
        as_name(name)
    return records
