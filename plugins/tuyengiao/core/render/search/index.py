"""Stage *merge*: the analyses of every document → a static, sharded index.

Layout under ``out_dir`` (``site/search/``), every file deterministic:

* ``manifest.json``: the rules, the number of documents, the first term of
  each term shard, the type labels and years (for filters), the portal's sites.
* ``t/<n>.json``: term shards, a contiguous range of sorted terms each:
  ``{term: [[form, id delta, impact, id delta, impact, …], …]}``; ``form`` is
  ``""`` for the folded spelling, ``impact`` a BM25 term weight ×10.
* ``d/<id>.json``: a document's result fragment (see :func:`.analyze.fragment`).
* ``docs.json``: type code and year of each document (loaded for filters only).
* ``rules.json``, ``engine.js``, ``loader.js``: the shared rules and the client.

A file is written only when its bytes changed, and files of an earlier build
that are no longer part of the index are removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from tuyengiao.core.link.view import SiteView
from tuyengiao.core.load.portal import Site
from tuyengiao.core.model.document import Document
from tuyengiao.core.model.schema import TYPES
from tuyengiao.core.render.search.analyze import SEP, TYPE_CODES, Analysis
from tuyengiao.core.render.search.rules import load_rules
from tuyengiao.core.render.search.state import IndexStats, listing, stamp_after_writing
from tuyengiao.core.store import Stamp, code_key, dump_json, write_atomic

ASSETS = Path(__file__).with_name("assets")
#: Target size (characters of JSON) of a term shard; a single large term may exceed it.
SHARD_TARGET = 12_000
K1, B = 1.2, 0.75


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True)
_encode_json = _ENCODER.encode


def _dumps(value: Any) -> bytes:
    return _encode_json(value).encode("utf-8")


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


class _Writer:
    """Writes files under a folder only when their bytes changed.

    ``present`` is what the folder holds (stamps, :func:`.state.listing`). With
    ``known`` (each file's digest from the previous build, for the files whose
    stamp is still the one recorded then) a file is compared by digest and size
    instead of being read back.
    """

    def __init__(self, root: Path, stats: IndexStats, known: dict[str, bytes] | None,
                 present: dict[str, Stamp] | None = None) -> None:
        self.root = root
        self.stats = stats
        self.known = known
        self.present = listing(root) if present is None else dict(present)
        self.digests: dict[str, bytes] = {}

    def _unchanged(self, rel: str, data: bytes, digest: bytes) -> bool:
        stamp = self.present.get(rel)
        if stamp is None or stamp.size != len(data):
            return False
        if self.known is not None:
            return self.known.get(rel) == digest
        return (self.root / rel).read_bytes() == data

    def write(self, rel: str, data: bytes) -> None:
        digest = self.digests[rel] = _digest(data)
        self.stats.files += 1
        self.stats.bytes += len(data)
        if self._unchanged(rel, data, digest):
            return
        path = self.root / rel
        write_atomic(path, data)  # a new file: a published site linking the old one keeps it
        self.present[rel] = stamp_after_writing(path)
        self.stats.written += 1

    def remove_stale(self) -> None:
        for rel in sorted(set(self.present) - set(self.digests)):
            (self.root / rel).unlink(missing_ok=True)
            del self.present[rel]
            self.stats.removed += 1
        for folder, dirs, files in os.walk(self.root, topdown=False):
            if not dirs and not files and folder != str(self.root):
                with contextlib.suppress(OSError):  # another build wrote into it just now
                    os.rmdir(folder)


def code_digest() -> str:
    """The core package's code, rules and assets: a change to any of them rebuilds all."""
    return code_key("core")


def document_keys(view: SiteView, sites: Sequence[Site] = (), name: str = "",
                  digest_of: Callable[[str], str] | None = None
                  ) -> tuple[str, list[Document], list[str]]:
    """The fingerprint of the whole index, the view's documents by URL (the order of
    document ids) and the cache key of each one's analysis.

    A document's analysis depends on the document and, through the numbers it
    mentions and the date it inherits, on every document's number, date and
    visibility here: those are hashed once (``world``) into every key. A document
    enters its key by the content hash of its file (``digest_of``, the load memo's:
    everything a document holds is made from its file), else by its contents.
    """
    world = hashlib.blake2b(code_digest().encode(), digest_size=20)
    world.update(view.fingerprint().encode())
    base = world.digest()
    docs = sorted(view.documents, key=lambda d: d.url)
    keys = [hashlib.blake2b(base + _document_part(d, digest_of).encode("utf-8", "surrogatepass"),
                            digest_size=20).hexdigest() for d in docs]
    whole = hashlib.blake2b(base, digest_size=20)
    whole.update(dump_json([view.audience, [[s.name, s.url] for s in sites], name, keys]))
    return whole.hexdigest(), docs, keys


def _document_part(doc: Document, digest_of: Callable[[str], str] | None) -> str:
    digest = digest_of(doc.src_uri) if digest_of is not None else ""
    if digest:
        return f"file\0{doc.path}\0{doc.url}\0{digest}"
    return "\0".join(("text", doc.path, doc.url, doc.type, doc.title, doc.visibility,
                      doc.lang, repr(doc.fields), doc.structure.text))


def _impact(weight: int, norm: float) -> int:
    """BM25's term weight ×10; ``norm`` is ``K1 * (1 - B + B * length / avg)``."""
    return max(1, round(weight * (K1 + 1) / (weight + norm) * 10))


def _rounded(avg: float) -> float:
    """The average document length on a grid of 1.1 % steps, so that editing one
    document almost never changes the weights of all the others."""
    return float(2 ** (round(math.log2(avg) * 64) / 64))


def postings(analyses: Sequence[Analysis]) -> dict[str, list[int]]:
    """posting key (``term + SEP + form``) → ``[last id, id delta, impact, id delta, …]``.

    Ids ascend, so the deltas are computed as the lists grow (this loop runs once per
    posting: millions of times at 10,000 documents).
    """
    ranking = load_rules().ranking
    own, mention = int(ranking["own_number_impact"]), int(ranking["mention_number_impact"])
    avg = _rounded(max(1.0, sum(a.length for a in analyses) / max(1, len(analyses))))
    table: dict[str, list[int]] = {}
    get = table.get
    for doc_id, analysis in enumerate(analyses):
        norm = K1 * (1 - B + B * analysis.length / avg)
        impacts: dict[int, int] = {}
        for key, weight in zip(analysis.keys, analysis.weights, strict=True):
            impact = impacts.get(weight)
            if impact is None:
                impact = impacts[weight] = _impact(weight, norm)
            row = get(key)
            if row is None:
                table[key] = [doc_id, doc_id, impact]
            else:
                row += (doc_id - row[0], impact)
                row[0] = doc_id
        for keys, impact in ((analysis.own_keys, own), (analysis.mention_keys, mention)):
            for key in keys:
                row = get(key + SEP)
                if row is None:
                    table[key + SEP] = [doc_id, doc_id, impact]
                else:
                    row += (doc_id - row[0], impact)
                    row[0] = doc_id
    return table


def _entries(table: dict[str, list[int]]) -> Iterator[tuple[str, str]]:
    """(term, JSON of its entry ``[[form, id delta, impact, …], …]``), terms ascending."""
    term, rows = "", list[list[Any]]()
    for key in sorted(table):
        this, _, form = key.partition(SEP)
        if this != term and rows:
            yield term, _encode_json(rows)
            rows = []
        term = this
        entry: list[Any] = table.pop(key)  # frees the postings as they are encoded
        entry[0] = form  # the last id is no longer needed
        rows.append(entry)
    if rows:
        yield term, _encode_json(rows)


def _cuts_before(term: str) -> bool:
    """Whether a shard that is big enough may end before ``term`` (one term in 8)."""
    return zlib.crc32(term.encode("utf-8")) & 7 == 0


def _entry_size(term: str, entry: str) -> int:
    """What a term adds to a shard, in the units of :data:`SHARD_TARGET`."""
    return (len(entry) if entry.isascii() else len(entry.encode("utf-8"))) + len(term) + 4


class Cutter:
    """The cutting rule of :func:`shards`, fed one sorted term at a time (the patch of
    :mod:`.patch` re-cuts a run of shards with it)."""

    def __init__(self, target: int | None = None) -> None:
        target = target or SHARD_TARGET  # read when used: a test may make shards small
        self.least, self.most = target * 3 // 4, 3 * target
        self.current: list[str] = []
        self.first, self.size = "", 0

    def cuts(self, term: str, entry_size: int) -> bool:
        """Whether the shard being filled ends before ``term``."""
        return bool(self.current) and ((self.size >= self.least and _cuts_before(term))
                                       or self.size + entry_size > self.most)

    def add(self, term: str, entry: str) -> tuple[str, bytes] | None:
        """Adds a term; returns the shard it closed, if it closed one."""
        entry_size = _entry_size(term, entry)
        done = self.flush() if self.cuts(term, entry_size) else None
        if not self.current:
            self.first = term
        self.current.append(f'"{term}":{entry}')  # a term is letters, digits, spaces and "#"
        self.size += entry_size
        return done

    def flush(self) -> tuple[str, bytes]:
        """The shard being filled, as (first term, JSON); the cutter is empty after."""
        shard = self.first, ("{" + ",".join(self.current) + "}").encode("utf-8")
        self.current, self.size = [], 0
        return shard


def shards(table: dict[str, list[int]], target: int | None = None
           ) -> Iterator[tuple[str, bytes]]:
    """Sorted terms cut into consecutive shards of about ``target`` characters:
    (first term, JSON) of each. Consumes ``table``.

    A shard ends before the first term that :func:`_cuts_before` once it holds
    ``target * 3 // 4`` characters (or before a term that would take it past
    ``3 * target``): the cuts depend on the terms around them, not on the sizes of
    all the terms before, so an edit that changes a few terms' postings rewrites
    the shards of those terms only.
    """
    cutter, made = Cutter(target), 0
    for term, entry in _entries(table):
        done = cutter.add(term, entry)
        if done is not None:
            made += 1
            yield done
    if cutter.current or not made:
        yield cutter.flush()


def manifest(years: Iterable[int], firsts: Sequence[str], sites: Iterable[Site],
             name: str) -> bytes:
    """``manifest.json`` of an index of ``len(years)`` documents (``years``: each one's)."""
    rules = {k: v for k, v in load_rules().raw.items() if k != "about"}
    years = list(years)
    return _dumps({
        "v": 1, "name": name, "n": len(years),
        "shards": list(firsts),
        "rules": rules,
        "types": {TYPE_CODES[t.name]: t.plural for t in TYPES.values()},
        "years": sorted({y for y in years if y}, reverse=True),
        "sites": [{"name": s.name, "url": s.url} for s in sites],
    })


def docs_json(types: str, years: Sequence[int]) -> bytes:
    """``docs.json``: each document's type code and year, by id."""
    return _dumps({"ty": types, "y": list(years)})
