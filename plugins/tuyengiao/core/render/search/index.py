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

import dataclasses
import functools
import hashlib
import json
import math
import os
import pickle
import time
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tuyengiao.core.incremental.cache import write_atomic
from tuyengiao.core.link.view import SiteView
from tuyengiao.core.load.portal import Site
from tuyengiao.core.model.document import Document
from tuyengiao.core.model.schema import TYPES
from tuyengiao.core.render.search.analyze import SEP, TYPE_CODES, Analysis, analyze
from tuyengiao.core.render.search.documents import Collector
from tuyengiao.core.render.search.rules import RULES_PATH, load_rules

ASSETS = Path(__file__).with_name("assets")
#: Target size (characters of JSON) of a term shard; a single large term may exceed it.
SHARD_TARGET = 12_000
K1, B = 1.2, 0.75


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


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True)
_encode_json = _ENCODER.encode
#: The files whose change changes the index: the core package (schema, numbers, dates,
#: this package, its rules and assets). Part of the fingerprint of a build.
_CORE = Path(__file__).resolve().parents[2]
STATE_FILE, ANALYSES_FILE = "search-state.pickle", "search-analyses.pickle"


def _dumps(value: Any) -> bytes:
    return _encode_json(value).encode("utf-8")


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def _listing(root: Path) -> dict[str, int]:
    """Every file under ``root`` (relative POSIX path → size)."""
    found: dict[str, int] = {}
    if not root.is_dir():
        return found
    prefix = len(str(root)) + 1
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            found[path[prefix:].replace(os.sep, "/")] = os.stat(path).st_size
    return found


class _Writer:
    """Writes files under a folder only when their bytes changed.

    With ``known`` (each file's digest from the previous build, kept in the cache) a
    file is compared by digest and size instead of being read back.
    """

    def __init__(self, root: Path, stats: IndexStats, known: dict[str, bytes] | None,
                 present: dict[str, int] | None = None) -> None:
        self.root = root
        self.stats = stats
        self.known = known
        self.present = _listing(root) if present is None else dict(present)
        self.digests: dict[str, bytes] = {}

    def _unchanged(self, rel: str, data: bytes, digest: bytes) -> bool:
        if self.present.get(rel) != len(data):
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
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)  # a new file: a published site linking the old one keeps it
        self.stats.written += 1

    def remove_stale(self) -> None:
        for rel in sorted(set(self.present) - set(self.digests)):
            (self.root / rel).unlink()
            self.stats.removed += 1
        for folder, dirs, files in os.walk(self.root, topdown=False):
            if not dirs and not files and folder != str(self.root):
                os.rmdir(folder)


class _Cache:
    """Two files in the build cache: the analyses by document key, and the last build
    into each output folder (its fingerprint, file digests and figures)."""

    def __init__(self, folder: Path | None, out_dir: Path) -> None:
        self.folder = folder
        self.out = str(out_dir.resolve())
        self.states: dict[str, dict[str, Any]] = self._load(STATE_FILE) or {}
        self.state: dict[str, Any] = self.states.get(self.out, {})

    def _load(self, name: str) -> Any:
        if self.folder is None or not (self.folder / name).is_file():
            return None
        try:
            with open(self.folder / name, "rb") as f:
                return pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None  # a damaged or outdated cache is rebuilt

    def _save(self, name: str, value: Any) -> None:
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f"{name}.tmp"
        with open(tmp, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(self.folder / name)

    def analyses(self, docs: Sequence[Document], keys: Sequence[str], view: SiteView,
                 stats: IndexStats) -> list[Analysis]:
        """The analysis of each document: from the cache when its key is there."""
        known: dict[str, Analysis] = (self._load(ANALYSES_FILE) or {}) if self.folder else {}
        collector = Collector(view)
        found: list[Analysis] = []
        for doc, key in zip(docs, keys, strict=True):
            cached = known.get(key)
            if cached is not None:
                stats.cached += 1
                found.append(cached)
            else:
                found.append(analyze(collector.document(doc)))
        if self.folder and (stats.cached < len(docs) or len(known) != len(docs)):
            self._save(ANALYSES_FILE, dict(zip(keys, found, strict=True)))
        return found

    def keys_path(self) -> Path | None:
        """The side file of the documents' posting keys for this output folder."""
        if self.folder is None:
            return None
        return self.folder / f"search-keys-{_digest(self.out.encode('utf-8')).hex()[:16]}.bin"

    def save_state(self, fingerprint: str, digests: dict[str, bytes], stats: IndexStats,
                   record: Any) -> None:
        self.states[self.out] = {"fingerprint": fingerprint, "files": digests, "stats": stats,
                                 "patch": record}
        self._save(STATE_FILE, self.states)


@functools.cache
def _code_digest() -> bytes:
    """The core package's code, rules and assets: a change to any of them rebuilds all."""
    h = hashlib.blake2b(digest_size=20)
    for path in sorted(_CORE.rglob("*")):
        if path.suffix in (".py", ".json", ".js"):
            h.update(path.read_bytes())
    return h.digest()


def document_keys(view: SiteView, sites: Sequence[Site] = (),
                  name: str = "") -> tuple[str, list[Document], list[str]]:
    """The fingerprint of the whole index, the view's documents by URL (the order of
    document ids) and the cache key of each one's analysis.

    A document's analysis depends on the document and, through the numbers it
    mentions and the date it inherits, on every document's number, date and
    visibility here: those are hashed once (``world``) into every key.
    """
    world = hashlib.blake2b(_code_digest(), digest_size=20)
    world.update(view.fingerprint().encode())
    base = world.digest()
    docs = sorted(view.documents, key=lambda d: d.url)
    # The body's text as read with the site's Markdown extensions (not the body itself:
    # the same body reads differently when mkdocs.yml changes them).
    keys = [hashlib.blake2b(base + pickle.dumps(
        (d.path, d.url, d.type, d.title, d.visibility, d.lang, d.structure.text, d.fields),
        protocol=5), digest_size=20).hexdigest() for d in docs]
    whole = hashlib.blake2b(base, digest_size=20)
    whole.update(pickle.dumps((view.audience, [(s.name, s.url) for s in sites], name, keys),
                              protocol=5))
    return whole.hexdigest(), docs, keys


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


def build_search_index(view: SiteView, out_dir: Path, cache_dir: Path | None = None,
                       sites: Sequence[Site] = (), name: str = "") -> IndexStats:
    """Write the search index of ``view`` to ``out_dir``; returns what it did.

    With ``cache_dir`` the analyses of unchanged documents are reused, files are
    compared by the digests of the last build, and a build whose inputs did not
    change since the last one (same fingerprint, files intact) writes nothing.
    """
    started = time.perf_counter()
    cache = _Cache(cache_dir, out_dir)
    mark, docs, keys = document_keys(view, sites, name)
    last = cache.state
    if cache_dir is not None and last.get("fingerprint") == mark and \
            _intact(out_dir, last["files"], last["stats"]):
        previous: IndexStats = last["stats"]
        stats = dataclasses.replace(previous, written=0, removed=0,
                                    cached=previous.documents, notes=["unchanged"])
        stats.seconds = time.perf_counter() - started
        return stats
    from tuyengiao.core.render.search.patch import DAMAGED, patch_index, record_of

    known = last.get("files") if cache_dir is not None else None
    notes: list[str] = []
    if cache_dir is not None and "stats" in last:
        patched = patch_index(last.get("patch"), last["files"], last["stats"].bytes, view,
                              out_dir, cache_dir, docs, keys, sites, name)
        if not isinstance(patched, str):
            patched.stats.seconds = time.perf_counter() - started
            cache.save_state(mark, patched.files, patched.stats, patched.record)
            return patched.stats
        notes.append(f"full build: {patched}")
        if patched == DAMAGED:
            known = None  # every file is compared with what is on disk
    stats = IndexStats(notes=notes)
    analyses = cache.analyses(docs, keys, view, stats)
    table = postings(analyses)
    stats.terms = len({key.partition(SEP)[0] for key in table})
    writer = _Writer(out_dir, stats, known)
    firsts: list[str] = []
    sizes: list[int] = []
    for number, (first, data) in enumerate(shards(table)):
        writer.write(f"t/{number}.json", data)
        firsts.append(first)
        sizes.append(len(data))
    stats.largest_shard = max(sizes)
    for doc_id, analysis in enumerate(analyses):
        writer.write(f"d/{doc_id}.json", _dumps(analysis.fragment))
    writer.write("docs.json", docs_json("".join(a.type for a in analyses),
                                        [a.year for a in analyses]))
    writer.write("manifest.json", manifest([a.year for a in analyses], firsts, sites, name))
    writer.write("rules.json", RULES_PATH.read_bytes())
    for asset in sorted(ASSETS.iterdir()):
        writer.write(asset.name, asset.read_bytes())
    writer.remove_stale()
    stats.documents, stats.shards = len(analyses), len(firsts)
    stats.seconds = time.perf_counter() - started
    if cache_dir is not None:
        record = record_of(analyses, docs, keys, view, (firsts, sizes, stats.terms),
                           cache.keys_path())
        cache.save_state(mark, writer.digests, stats, record)
    return stats


def _intact(out_dir: Path, files: dict[str, bytes], stats: IndexStats) -> bool:
    """Whether ``out_dir`` holds exactly the files of the last build (by size)."""
    present = _listing(out_dir)
    return present.keys() == files.keys() and sum(present.values()) == stats.bytes
