"""What the search index keeps between builds, in a folder of the cache store.

* ``analyses.entry``: every document's :class:`~.analyze.Analysis` by its key
  (:func:`.index.document_keys`). JSON (lengths, own and mentioned numbers,
  type, year, result fragment) followed by arrays: the posting keys of all
  documents as one table of distinct keys, each document's keys as indexes
  into it and their weights (a posting key is shared by thousands of
  documents: stored once, and one object once read).
* ``state-<folder>.entry``, one per output folder: the last build's
  fingerprint, each file written (its digest and its stamp), the figures and
  the :class:`PatchRecord`.
* ``keys-<folder>.bin``, one per output folder: each document's posting keys
  and weights, one entry (the store's format) per document, read only at the
  offsets of edited documents; a patch appends to it.

Every entry is checked on reading (:mod:`tuyengiao.core.store`); a damaged
one is a miss: analyses are made again, a missing state means a full build.
"""

from __future__ import annotations

import os
import sys
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, fields
from itertools import chain
from pathlib import Path
from typing import Any, NamedTuple

from tuyengiao.core.render.search.analyze import TYPE_CODES, Analysis
from tuyengiao.core.store import (
    BadEntry,
    CacheStore,
    Stamp,
    as_dict,
    as_float,
    as_int,
    as_ints,
    as_list,
    as_name,
    as_str,
    as_strs,
    digest16,
    is_temp,
    join_json_bytes,
    pack,
    split_json_bytes,
    stamp_of,
    unpack,
    write_atomic,
)

ANALYSES, ANALYSES_TAG = "analyses.entry", "search-analyses/1"
STATE_TAG, KEYS_TAG = "search-state/1", "search-keys/1"
_TYPES = frozenset(TYPE_CODES.values())
_YEAR_MAX = 9999


@dataclass
class IndexStats:
    documents: int = 0
    terms: int = 0
    shards: int = 0
    files: int = 0
    written: int = 0
    removed: int = 0
    bytes: int = 0
    cached: int = 0
    seconds: float = 0.0
    largest_shard: int = 0
    notes: list[str] = field(default_factory=list)
    #: The index's fingerprint (code, audience, every document); not stored.
    fingerprint: str = ""


@dataclass
class PatchRecord:
    """What the last build into a folder produced, by document id and by shard."""

    code: str
    audience: str
    urls: list[str]
    keys: list[str]
    lengths: list[int]
    types: str
    years: list[int]
    avg: float
    firsts: list[str]
    sizes: list[int]
    terms: int
    keys_file: str
    offsets: list[tuple[int, int]]


@dataclass
class BuildState:
    """The last build into one output folder."""

    fingerprint: str
    #: relative path → digest of each file written
    files: dict[str, bytes]
    #: relative path → its stamp after the build (a file changed since is not trusted)
    stamps: dict[str, Stamp]
    stats: IndexStats
    patch: PatchRecord | None


def listing(root: Path) -> dict[str, Stamp]:
    """Every file under ``root`` (relative POSIX path → stamp)."""
    found: dict[str, Stamp] = {}
    if not root.is_dir():
        return found
    prefix = len(str(root)) + 1
    for folder, _, names in os.walk(root):
        for name in names:
            if is_temp(name):  # another build writing the same folder
                continue
            path = os.path.join(folder, name)
            try:
                stat = os.stat(path)
            except FileNotFoundError:  # removed by another build just now
                continue
            found[path[prefix:].replace(os.sep, "/")] = Stamp(stat.st_size, stat.st_mtime_ns,
                                                              stat.st_ino)
    return found


def stamp_after_writing(path: Path) -> Stamp:
    stamp = stamp_of(path)
    if stamp is None:  # pragma: no cover - just written
        raise FileNotFoundError(path)
    return stamp


# --- arrays --------------------------------------------------------------------------


def _u32(values: Any) -> bytes:
    found = array("I", values)
    if found.itemsize != 4:  # pragma: no cover - every platform we run on
        raise OverflowError("array('I') is not 32 bits here")
    if sys.byteorder == "big":  # pragma: no cover
        found.byteswap()
    return found.tobytes()


def _read_u32(data: bytes | memoryview) -> array[int]:
    if len(data) % 4:
        raise BadEntry("an array of 32-bit numbers has a partial number")
    found = array("I")
    found.frombytes(data)
    if sys.byteorder == "big":  # pragma: no cover
        found.byteswap()
    return found


# --- the state of one output folder --------------------------------------------------


def _encode_stats(stats: IndexStats) -> dict[str, Any]:
    return {f.name: getattr(stats, f.name) for f in fields(IndexStats) if f.name != "fingerprint"}


def _decode_stats(value: Any) -> IndexStats:
    data = as_dict(value)
    stats = IndexStats(seconds=as_float(data["seconds"]), notes=as_strs(data["notes"]))
    for f in fields(IndexStats):
        if f.name not in ("seconds", "notes", "fingerprint"):
            setattr(stats, f.name, as_int(data[f.name]))
    return stats


def _encode_patch(record: PatchRecord) -> dict[str, Any]:
    return {f.name: getattr(record, f.name) for f in fields(PatchRecord)}


def _decode_patch(value: Any) -> PatchRecord:
    data = as_dict(value)
    urls, keys = as_strs(data["urls"]), as_strs(data["keys"])
    lengths, years = as_ints(data["lengths"], 0, 2**31), as_ints(data["years"], 0, _YEAR_MAX)
    types = as_str(data["types"])
    offsets = [(as_int(start), as_int(size, 0, 2**31)) for start, size in
               (as_list(o, 2) for o in as_list(data["offsets"]))]
    if not len(urls) == len(keys) == len(lengths) == len(types) == len(years) == len(offsets):
        raise BadEntry("lists of documents of different lengths")
    if not set(types) <= _TYPES:
        raise BadEntry("unknown document type")
    firsts, sizes = as_strs(data["firsts"]), as_ints(data["sizes"], 0, 2**31)
    if len(firsts) != len(sizes) or not firsts:
        raise BadEntry("shard lists of different lengths")
    avg = as_float(data["avg"])
    if not avg >= 1.0:
        raise BadEntry("average length below 1")
    keys_file = as_str(data["keys_file"])
    if keys_file:
        as_name(keys_file)
    return PatchRecord(as_str(data["code"]), as_str(data["audience"]), urls, keys, lengths,
                       types, years, avg, firsts, sizes, as_int(data["terms"]), keys_file,
                       offsets)


def encode_state(state: BuildState) -> dict[str, Any]:
    files = {rel: [digest.hex(), *state.stamps[rel]] for rel, digest in state.files.items()}
    return {"fingerprint": state.fingerprint, "files": files,
            "stats": _encode_stats(state.stats),
            "patch": None if state.patch is None else _encode_patch(state.patch)}


def decode_state(value: Any) -> BuildState:
    data = as_dict(value)
    files: dict[str, bytes] = {}
    stamps: dict[str, Stamp] = {}
    for rel, (digest, size, mtime, inode) in as_dict(data["files"]).items():
        files[as_name(rel)] = bytes.fromhex(as_str(digest))
        stamps[rel] = Stamp(as_int(size), as_int(mtime, -(2**63)), as_int(inode))
    patch = data["patch"]
    return BuildState(as_str(data["fingerprint"]), files, stamps, _decode_stats(data["stats"]),
                      None if patch is None else _decode_patch(patch))


# --- analyses ------------------------------------------------------------------------


def encode_analyses(analyses: dict[str, Analysis]) -> bytes:
    """Every analysis with its key (see the module's text)."""
    items = list(analyses.items())
    table = dict.fromkeys(chain.from_iterable(a.keys for _, a in items))
    position = dict(zip(table, range(len(table)), strict=True))
    text = "\n".join(table).encode("utf-8")
    docs = [[key, len(a.keys), a.length, list(a.own_keys), list(a.mention_keys), a.type,
             a.year, a.fragment] for key, a in items]
    arrays = (_u32(map(position.__getitem__, chain.from_iterable(a.keys for _, a in items)))
              + _u32(chain.from_iterable(a.weights for _, a in items)))
    return join_json_bytes({"table": len(text), "count": len(table), "docs": docs},
                           text + arrays)


def _fragment(value: Any) -> dict[str, Any]:
    fragment = as_dict(value)
    if not all(type(v) is str or type(v) is int for v in fragment.values()):
        raise BadEntry("a result fragment holds other values than texts and numbers")
    return fragment


class StoredAnalyses:
    """The analyses of ``analyses.entry``, each decoded when asked for."""

    def __init__(self, payload: memoryview) -> None:
        head, data = split_json_bytes(payload)
        head = as_dict(head)
        size, count = as_int(head["table"], 0, len(data)), as_int(head["count"])
        self.table = str(data[:size], "utf-8").split("\n") if count else []
        if len(self.table) != count:
            raise BadEntry("table of posting keys of another length")
        numbers = _read_u32(data[size:])
        docs = as_list(head["docs"])
        self.docs: dict[str, tuple[int, list[Any]]] = {}
        start = 0
        for doc in docs:
            key, n = as_str(as_list(doc, 8)[0]), as_int(doc[1], 0, len(numbers))
            self.docs[key] = (start, doc)
            start += n
        if len(numbers) != 2 * start:  # an index beyond the table: IndexError in get()
            raise BadEntry("arrays of posting keys of another length")
        self.total = start
        self.numbers = numbers

    def __len__(self) -> int:
        return len(self.docs)

    def get(self, key: str) -> Analysis | None:
        found = self.docs.get(key)
        if found is None:
            return None
        start, (_, n, length, own, mention, kind, year, fragment) = found
        if kind not in _TYPES:
            raise BadEntry(f"unknown document type {kind!r:.10}")
        keys = tuple(map(self.table.__getitem__, self.numbers[start:start + n]))
        weights = tuple(self.numbers[self.total + start:self.total + start + n])
        return Analysis(keys, weights, as_int(length, 0, 2**31), tuple(as_strs(own)),
                        tuple(as_strs(mention)), kind, as_int(year, 0, _YEAR_MAX),
                        _fragment(fragment))


# --- the side file of posting keys ---------------------------------------------------


class StoredTerms(NamedTuple):
    """What a patch needs of a document's last analysis (see :class:`.patch.Terms`)."""

    keys: tuple[str, ...]
    weights: tuple[int, ...]
    length: int
    own_keys: tuple[str, ...]
    mention_keys: tuple[str, ...]


def terms_entry(analysis: Analysis) -> bytes:
    """One document's part of the side file: an entry of the store (checked when read)."""
    text = "\n".join(analysis.keys).encode("utf-8")
    head = [len(text), analysis.length, list(analysis.own_keys), list(analysis.mention_keys)]
    return pack(KEYS_TAG, join_json_bytes(head, text + _u32(analysis.weights)))


def read_terms(entry: bytes) -> StoredTerms:
    """The terms of one part of the side file; BadEntry (or another ValueError) when it is
    damaged."""
    head, data = split_json_bytes(unpack(entry, KEYS_TAG))
    size, length, own, mention = as_list(head, 4)
    size = as_int(size, 0, len(data))
    keys = tuple(str(data[:size], "utf-8").split("\n")) if size else ()
    weights = tuple(_read_u32(data[size:]))
    if len(weights) != len(keys):
        raise BadEntry("as many weights as posting keys expected")
    return StoredTerms(keys, weights, as_int(length, 0, 2**31), tuple(as_strs(own)),
                       tuple(as_strs(mention)))


def write_terms(path: Path, analyses: Sequence[Analysis]) -> list[tuple[int, int]]:
    """Write the side file of a full build; the (offset, size) of each document's part."""
    parts = [terms_entry(a) for a in analyses]
    offsets, start = [], 0
    for part in parts:
        offsets.append((start, len(part)))
        start += len(part)
    write_atomic(path, b"".join(parts))
    return offsets


def append_terms(path: Path, analyses: Sequence[Analysis]) -> Iterator[tuple[int, int]]:
    """Append parts to the side file (a patch); the (offset, size) of each.

    The side file is never linked anywhere, so appending is safe; a part cut
    short by a crash is never named by a saved state, and is checked anyway.
    """
    with open(path, "ab") as stream:
        start = stream.seek(0, 2)
        for analysis in analyses:
            part = terms_entry(analysis)
            stream.write(part)
            yield start, len(part)
            start += len(part)


# --- the cache folder ----------------------------------------------------------------


class SearchCache:
    """The search's folder of the store (``None``: no cache), for one output folder."""

    def __init__(self, folder: Path | None, out_dir: Path) -> None:
        self.store = None if folder is None else CacheStore(folder)
        self.out = str(out_dir.resolve())
        self._name = digest16(self.out.encode("utf-8", "surrogatepass")).hex()[:16]
        self.state: BuildState | None = None
        if self.store is not None:
            self.state = self.store.read_json(f"state-{self._name}.entry", STATE_TAG,
                                              decode_state)

    def stored_analyses(self) -> StoredAnalyses | None:
        if self.store is None:
            return None
        return self.store.read_with(ANALYSES, ANALYSES_TAG, StoredAnalyses)

    def save_analyses(self, analyses: dict[str, Analysis]) -> None:
        if self.store is not None:
            self.store.write(ANALYSES, ANALYSES_TAG, encode_analyses(analyses))

    def keys_path(self) -> Path | None:
        """The side file of the documents' posting keys for this output folder."""
        if self.store is None:
            return None
        return self.store.path(f"keys-{self._name}.bin")

    def save_state(self, state: BuildState) -> None:
        if self.store is not None:
            self.store.write_json(f"state-{self._name}.entry", STATE_TAG, encode_state(state))
            self.state = state
