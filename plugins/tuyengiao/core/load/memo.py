"""The load memo: what :func:`.document.load_document` made of each file, kept in the cache.

Per file of ``content/`` it keeps the hash of the file's bytes, the validated
document (encoded by :mod:`tuyengiao.core.model.codec`) and the problems
found. Every file is read and hashed (its modification time, size and inode
are recorded, never trusted: an edit in place that keeps them, as ``cp -p``
does, must be seen); a file whose bytes hash to the last build's value is not
parsed. Everything else goes through :func:`.document.load_document`, the
same path as a build without a cache.

The memo is one entry of the store (``load.entry``), valid for one code key
(the package's code): after an upgrade it starts empty. Its payload is JSON
(the key of the other files of ``content/``; per file: hash, modification time,
size and inode, document, problems, where its texts are) followed
by the documents' long texts (bodies, headings) as UTF-16, which decodes four
times faster than UTF-8 and much faster than texts inside JSON. A record that
does not decode is a miss for that file alone.
"""

from __future__ import annotations

import gc
import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import accumulate
from pathlib import Path
from typing import Any

from tuyengiao.core.load.document import load_document
from tuyengiao.core.load.files import read_capped
from tuyengiao.core.load.structure import BodyReader
from tuyengiao.core.model.codec import (
    decode_document,
    decode_problem,
    document_numbers,
    encode_document,
    encode_problem,
)
from tuyengiao.core.model.document import Document
from tuyengiao.core.model.limits import MAX_CONTENT_BYTES
from tuyengiao.core.model.problems import Problem, Problems
from tuyengiao.core.store import (
    DECODE_ERRORS,
    BadEntry,
    CacheStore,
    as_dict,
    as_int,
    as_str,
    hash_bytes,
    hash_text,
    json_bytes_parts,
    split_json_bytes,
)

NAME, TAG = "load.entry", "load/5"
DELTA, DELTA_TAG = "load-delta.entry", "load-delta/1"
#: A delta may hold this share of the records (and at least _DELTA_MIN) before the
#: whole memo is written again.
_DELTA_SHARE, _DELTA_MIN = 10, 16
_TEXTS = "utf-16-le"


@contextmanager
def _quiet_gc() -> Iterator[None]:
    """Decoding makes a few hundred thousand objects and no cycle: the collector would
    walk them again and again, and the JSON they are made from too (freed as it is
    decoded, it is never walked with the collector off)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Record:
    """One file: its hash, when it was read, and what loading it made."""

    __slots__ = ("digest", "document", "problems", "signature")

    def __init__(self, digest: str, signature: list[Any], document: Document | None,
                 problems: list[Problem]) -> None:
        self.digest = digest
        self.signature = signature
        self.document = document
        self.problems = problems


class _Entry:
    """A memo entry as read: its code, other files' key, generation, records (raw)."""

    def __init__(self, payload: memoryview) -> None:
        value, self.texts = split_json_bytes(payload)
        memo = as_dict(value)
        self.code, self.others = as_str(memo["code"]), as_str(memo["others"])
        self.generation = as_str(memo["generation"])
        self.files = as_dict(memo["files"])
        self.removed = [as_str(r) for r in memo.get("removed", ())]


def _texts(data: memoryview, where: Any) -> list[str]:
    """The texts of one document: its body, then the others, cut at their lengths."""
    start, middle, end, lengths = where
    texts = [str(data[as_int(start):as_int(middle)], _TEXTS, "surrogatepass")]
    if lengths:
        joined = str(data[as_int(middle):as_int(end)], _TEXTS, "surrogatepass")
        if type(lengths) is not list or set(map(type, lengths)) != {int} or min(lengths) < 0:
            raise BadEntry("lengths of texts")
        ends = list(accumulate(lengths))
        if ends[-1] != len(joined):
            raise BadEntry("texts of other lengths")
        texts += [joined[a:b] for a, b in zip([0, *ends], ends, strict=False)]
    return texts


class LoadMemo:
    """The memo of one project for one code key. ``store=None``: in memory only."""

    def __init__(self, store: CacheStore | None, code: str) -> None:
        self.store = store
        self.code = code
        self._used: dict[str, _Record] = {}
        self._last: dict[str, _Record] | None = None  # decoded on the first load
        #: src_uri → (raw record, the texts it refers to), until decoded
        self._raw: dict[str, tuple[Any, memoryview]] = {}
        #: The other files of content/ (their key) when the records were made.
        self._others = ""
        #: The generation of load.entry on disk, and (hash, signature) of its records.
        self._generation = ""
        self._base: dict[str, tuple[str, Any]] = {}
        if store is not None:
            self._read(store)
        self._changed = False
        self._unsaved = False
        self._files_key: tuple[frozenset[str] | None, str] = (None, "")
        self._total = 0
        #: Called with (documents read, documents) as files are loaded.
        self.on_progress: Callable[[int, int], None] | None = None
        #: Write to the store after each build (a preview server keeps it in memory).
        self.persist = True

    def _read(self, store: CacheStore) -> None:
        with _quiet_gc():
            base = store.read_with(NAME, TAG, _Entry)
            if base is None or base.code != self.code:
                return
            self._generation, self._others = base.generation, base.others
            self._raw = {src: (raw, base.texts) for src, raw in base.files.items()}
            self._base = {src: (raw[0], raw[1]) for src, raw in base.files.items()
                          if type(raw) is list and len(raw) > 1}
            delta = store.read_with(DELTA, DELTA_TAG, _Entry)
            if delta is None or delta.code != self.code or \
                    delta.generation != self._generation:
                return  # none, or the delta of an older memo
            self._others = delta.others
            for src in delta.removed:
                self._raw.pop(src, None)
            self._raw.update((src, (raw, delta.texts)) for src, raw in delta.files.items())

    def _decode_all(self) -> dict[str, _Record]:
        """The records of the last build; one that does not decode is left out (a miss)."""
        records: dict[str, _Record] = {}
        files, self._raw = self._raw, {}
        numbers = document_numbers()
        with _quiet_gc():  # the JSON is freed as it is decoded: the collector never sees it
            while files:
                src_uri, (raw, data) = files.popitem()
                try:
                    digest, signature, document, problems, where = raw
                    records[src_uri] = _Record(
                        as_str(digest), signature,
                        None if document is None else decode_document(
                            document, _texts(data, where), numbers),
                        [decode_problem(p) for p in problems] if problems else [])
                except DECODE_ERRORS as error:
                    assert self.store is not None
                    self.store.note_damaged(f"{NAME}: {src_uri}", error)
        return records

    def load(self, project_dir: Path, file: Path, src_uri: str, content_files: frozenset[str],
             problems: Problems, reader: BodyReader | None = None) -> Document | None:
        """Load and validate one file, or take what the last build made of it (the same
        bytes, the same other files and the same Markdown configuration)."""
        if self._last is None:
            self._last = self._decode_all()
        if self._files_key[0] is not content_files:
            markdown = reader.config.key if reader is not None else ""
            self._files_key = (content_files, hash_text(content_files_key(content_files),
                                                        markdown))
            self._total = sum(1 for p in content_files if p.endswith(".md"))
        if self.on_progress is not None:
            self.on_progress(len(self._used) + 1, self._total)
        files_key = self._files_key[1]
        stat = os.stat(file)
        signature = [stat.st_mtime_ns, stat.st_size, stat.st_ino]
        record = self._last.get(src_uri)
        # Keyed on the bytes, never on the stamp: an edit in place that keeps the size and
        # the modification time (``cp -p``, a restored backup) is always seen.
        raw = read_capped(file, MAX_CONTENT_BYTES)  # a larger file is an error
        rel = file.relative_to(project_dir).as_posix()
        digest = hash_bytes(rel.encode("utf-8", "surrogatepass"), raw, files_key.encode())
        if record is None or record.digest != digest:
            found = Problems()
            document = load_document(project_dir, file, src_uri, content_files, found, raw,
                                     reader)
            record = _Record(digest, signature, document, list(found))
            self._changed = True
        elif record.signature != signature or self._others != files_key:
            record = _Record(digest, signature, record.document, record.problems)
            self._changed = True
        self._used[src_uri] = record
        problems.extend(record.problems)
        return record.document

    def digest_of(self, src_uri: str) -> str:
        """The content hash of a file loaded in this build ('' if it was not)."""
        record = self._used.get(src_uri) or (self._last or {}).get(src_uri)
        return record.digest if record is not None else ""

    def save(self) -> None:
        """The end of a load: keep this build's records for the next one, in the store
        too unless ``persist`` is off (then :meth:`flush` writes them)."""
        if self._changed or self._used.keys() != (self._last or {}).keys():
            self._unsaved = True
        self._last, self._used = self._used, {}
        self._others = self._files_key[1]  # every record of this build was made with it
        self._changed = False
        if self.persist:
            self.flush()

    def flush(self) -> None:
        """Write the records if the store does not have them yet: the records that
        differ from ``load.entry`` as a delta, or all of them when there are many."""
        if not self._unsaved or self.store is None or self._last is None:
            return
        differ = {src: record for src, record in self._last.items()
                  if self._base.get(src) != (record.digest, record.signature)}
        removed = sorted(self._base.keys() - self._last.keys())
        head: dict[str, Any] = {"code": self.code, "others": self._others}
        if self._generation and len(differ) + len(removed) <= max(
                _DELTA_MIN, len(self._last) // _DELTA_SHARE):
            files, chunks = _encode(differ)
            self.store.write(DELTA, DELTA_TAG, json_bytes_parts(
                {**head, "generation": self._generation, "files": files,
                 "removed": removed}, chunks))
        else:
            generation = secrets.token_hex(8)
            files, chunks = _encode(self._last)
            self.store.write(NAME, TAG, json_bytes_parts(
                {**head, "generation": generation, "files": files}, chunks))
            self.store.remove(DELTA)
            self._generation = generation
            self._base = {src: (r.digest, r.signature) for src, r in self._last.items()}
        self._unsaved = False


def _encode(records: dict[str, _Record]) -> tuple[dict[str, list[Any]], list[bytes]]:
    """The JSON of each record and the texts (UTF-16) they refer to by offset."""
    files: dict[str, list[Any]] = {}
    chunks: list[bytes] = []
    offset = 0
    for src_uri, record in records.items():
        problems = [encode_problem(p) for p in record.problems]
        if record.document is None:
            files[src_uri] = [record.digest, record.signature, None, problems, None]
            continue
        value, texts = encode_document(record.document)
        body = texts[0].encode(_TEXTS, "surrogatepass")
        rest = "".join(texts[1:]).encode(_TEXTS, "surrogatepass")
        middle = offset + len(body)
        files[src_uri] = [record.digest, record.signature, value, problems,
                          [offset, middle, middle + len(rest), [len(t) for t in texts[1:]]]]
        chunks += (body, rest)
        offset = middle + len(rest)
    return files, chunks


def content_files_key(content_files: frozenset[str]) -> str:
    """Validation of a file also depends on which other files exist (``audio`` paths)."""
    return hash_text(*sorted(p for p in content_files if not p.endswith(".md")))
