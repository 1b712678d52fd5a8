"""The load memo: what :func:`.document.load_document` made of each file, kept in the cache.

Per file of ``content/`` it keeps the hash of the file's bytes, the validated
document (encoded by :mod:`tuyengiao.core.model.codec`) and the problems
found. A file whose modification time, size and inode are those of the last
build is not even read; a file whose bytes hash to the last build's value is
not parsed. Everything else goes through :func:`.document.load_document`, the
same path as a build without a cache.

The memo is one entry of the store (``load.entry``), valid for one code key
(the package's code): after an upgrade it starts empty. Its payload is JSON
(per file: hash, signature, document, problems) followed by the bodies as
UTF-8, which the JSON refers to by offset (decoding long Vietnamese texts from
JSON escapes is slower than from UTF-8). A record that does not decode is a
miss for that file alone.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tuyengiao.core.load.document import load_document
from tuyengiao.core.model.codec import (
    decode_document,
    decode_problem,
    document_numbers,
    encode_document,
    encode_problem,
)
from tuyengiao.core.model.document import Document
from tuyengiao.core.model.problems import Problem, Problems
from tuyengiao.core.store import (
    DECODE_ERRORS,
    CacheStore,
    as_dict,
    as_int,
    as_str,
    hash_bytes,
    hash_text,
    join_json_bytes,
    split_json_bytes,
)

NAME, TAG = "load.entry", "load/1"


#: Where the body of an encoded document is (:func:`.codec.encode_document`).
_BODY = 8


class _Record:
    """One file: its hash, when it was read, and what loading it made. ``raw`` is the
    JSON the memo was read from, body left out (written back as it is)."""

    __slots__ = ("digest", "document", "problems", "raw", "signature")

    def __init__(self, digest: str, signature: list[Any], document: Document | None,
                 problems: list[Problem], raw: list[Any] | None = None) -> None:
        self.digest = digest
        self.signature = signature
        self.document = document
        self.problems = problems
        self.raw = raw

    def encoded(self, bodies: list[bytes], offset: int) -> tuple[list[Any], int]:
        """The JSON of the record; the body is appended to ``bodies`` (which start at
        ``offset`` in the entry's bytes). Returns the JSON and the next offset."""
        if self.raw is None:
            document = None if self.document is None else encode_document(self.document)
            if document is not None:
                document[_BODY] = None
            self.raw = [self.digest, self.signature, document,
                        [encode_problem(p) for p in self.problems], 0, 0]
        if self.document is None:
            return self.raw, offset
        body = self.document.body.encode("utf-8", "surrogatepass")
        bodies.append(body)
        self.raw[4:6] = [offset, offset + len(body)]
        return self.raw, offset + len(body)


def _decode_memo(payload: bytes) -> tuple[str, dict[str, Any], bytes]:
    value, bodies = split_json_bytes(payload)
    memo = as_dict(value)
    return as_str(memo["code"]), as_dict(memo["files"]), bodies


class LoadMemo:
    """The memo of one project for one code key. ``store=None``: in memory only."""

    def __init__(self, store: CacheStore | None, code: str) -> None:
        self.store = store
        self.code = code
        found = None if store is None else store.read_with(NAME, TAG, _decode_memo)
        if found is None or found[0] != code:
            found = ("", {}, b"")
        #: src_uri → the record as read from the store (decoded when used), the bodies
        self._known: dict[str, Any] = found[1]
        self._bodies = found[2]
        self._used: dict[str, _Record] = {}
        self._decoded: dict[str, _Record] = {}
        self._changed = False
        self._unsaved = False
        self._numbers = document_numbers()
        self._files_key: tuple[frozenset[str] | None, str] = (None, "")
        self._total = 0
        #: Called with (documents read, documents) as files are loaded.
        self.on_progress: Callable[[int, int], None] | None = None
        #: Write to the store after each build (a preview server keeps it in memory).
        self.persist = True

    def _record(self, src_uri: str) -> _Record | None:
        """The record of the last build, decoded (None when absent or undecodable)."""
        found = self._decoded.get(src_uri)
        if found is not None:
            return found
        raw = self._known.get(src_uri)
        if raw is None:
            return None
        try:
            digest, signature, document, problems, start, end = raw
            if document is not None:
                document = list(document)
                document[_BODY] = self._bodies[as_int(start):as_int(end)].decode(
                    "utf-8", "surrogatepass")
            found = _Record(as_str(digest), signature,
                            None if document is None else decode_document(document,
                                                                          self._numbers),
                            [decode_problem(p) for p in problems], raw)
        except DECODE_ERRORS as error:
            if self.store is not None:
                self.store.note_damaged(f"{NAME}: {src_uri}", error)
            del self._known[src_uri]
            return None
        self._decoded[src_uri] = found
        return found

    def load(self, project_dir: Path, file: Path, src_uri: str, content_files: frozenset[str],
             problems: Problems) -> Document | None:
        """Load and validate one file, or take what the last build made of it."""
        if self._files_key[0] is not content_files:
            self._files_key = (content_files, content_files_key(content_files))
            self._total = sum(1 for p in content_files if p.endswith(".md"))
        if self.on_progress is not None:
            self.on_progress(len(self._used) + 1, self._total)
        files_key = self._files_key[1]
        stat = file.stat()
        signature = [stat.st_mtime_ns, stat.st_size, stat.st_ino, files_key]
        record = self._record(src_uri)
        raw: bytes | None = None
        if record is not None and record.signature == signature:
            digest = record.digest  # same file, untouched since: not even read
        else:
            raw = file.read_bytes()
            rel = file.relative_to(project_dir).as_posix()
            digest = hash_bytes(rel.encode("utf-8", "surrogatepass"), raw, files_key.encode())
        if record is None or record.digest != digest:
            found = Problems()
            document = load_document(project_dir, file, src_uri, content_files, found, raw)
            record = _Record(digest, signature, document, list(found))
            self._changed = True
        elif record.signature != signature:
            record = _Record(digest, signature, record.document, record.problems,
                              None if record.raw is None else
                             [record.raw[0], signature, *record.raw[2:]])
            self._changed = True
        self._used[src_uri] = record
        self._decoded[src_uri] = record
        problems.extend(record.problems)
        return record.document

    def digest_of(self, src_uri: str) -> str:
        """The content hash of a file loaded in this build ('' if it was not)."""
        record = self._used.get(src_uri) or self._decoded.get(src_uri)
        return record.digest if record is not None else ""

    def save(self) -> None:
        """The end of a load: keep this build's records for the next one, in the store
        too unless ``persist`` is off (then :meth:`flush` writes them)."""
        if self._changed or self._used.keys() != self._known.keys():
            self._unsaved = True
        # Every record of this build is decoded now: none is read from _known again.
        self._known, self._bodies = dict.fromkeys(self._used), b""
        self._decoded, self._used = self._used, {}
        self._changed = False
        if self.persist:
            self.flush()

    def flush(self) -> None:
        """Write the records if the store does not have them yet."""
        if self._unsaved and self.store is not None:
            bodies: list[bytes] = []
            offset, files = 0, {}
            for src, record in self._decoded.items():
                files[src], offset = record.encoded(bodies, offset)
            self.store.write(NAME, TAG, join_json_bytes({"code": self.code, "files": files},
                                                        b"".join(bodies)))
            self._unsaved = False


def content_files_key(content_files: frozenset[str]) -> str:
    """Validation of a file also depends on which other files exist (``audio`` paths)."""
    return hash_text(*sorted(p for p in content_files if not p.endswith(".md")))
