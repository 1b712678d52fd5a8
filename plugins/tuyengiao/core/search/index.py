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

import json
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..schema import TYPES
from ..view import SiteView
from .analyze import TYPE_CODES, Analysis, analyze, content_hash
from .documents import Collector, SearchDoc
from .rules import RULES_PATH, load_rules

ASSETS = Path(__file__).with_name("assets")
#: Target size (characters of JSON) of a term shard; a single large term may exceed it.
SHARD_TARGET = 12_000
K1, B = 1.2, 0.75


@dataclass(frozen=True)
class Site:
    """A district site a portal searches: its name and base URL."""

    name: str
    url: str


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


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"),
                      sort_keys=True).encode("utf-8")


class _Writer:
    """Writes files under a folder only when their bytes changed."""

    def __init__(self, root: Path, stats: IndexStats) -> None:
        self.root = root
        self.stats = stats
        self.kept: set[Path] = set()

    def write(self, rel: str, data: bytes) -> None:
        path = self.root / rel
        self.kept.add(path)
        self.stats.files += 1
        self.stats.bytes += len(data)
        if path.is_file() and path.read_bytes() == data:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.stats.written += 1

    def remove_stale(self) -> None:
        for path in sorted(self.root.rglob("*"), reverse=True):
            if path.is_file() and path not in self.kept:
                path.unlink()
                self.stats.removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()


def _analyses(docs: Sequence[SearchDoc], cache_dir: Path | None,
              stats: IndexStats) -> list[Analysis]:
    if cache_dir is None:
        return [analyze(d) for d in docs]
    cache_dir.mkdir(parents=True, exist_ok=True)
    found = []
    for doc in docs:
        path = cache_dir / f"{content_hash(doc)}.json"
        if path.is_file():
            found.append(Analysis.from_json(json.loads(path.read_text("utf-8"))))
            stats.cached += 1
            continue
        analysis = analyze(doc)
        path.write_bytes(_dumps(analysis.as_json()))
        found.append(analysis)
    return found


def _impact(weight: int, norm: float) -> int:
    """BM25's term weight ×10; ``norm`` is ``K1 * (1 - B + B * length / avg)``."""
    return max(1, round(weight * (K1 + 1) / (weight + norm) * 10))


def postings(analyses: Sequence[Analysis]) -> dict[str, dict[str, list[tuple[int, int]]]]:
    """term → form → [(document id, impact)], ids ascending."""
    ranking = load_rules().ranking
    own, mention = int(ranking["own_number_impact"]), int(ranking["mention_number_impact"])
    avg = max(1.0, sum(a.length for a in analyses) / max(1, len(analyses)))
    table: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for doc_id, analysis in enumerate(analyses):
        norm = K1 * (1 - B + B * analysis.length / avg)
        for term, forms in analysis.terms.items():
            for form, weight in forms.items():
                table[term][form].append((doc_id, _impact(weight, norm)))
        for pair, weight in analysis.bigrams.items():
            table[pair][""].append((doc_id, _impact(weight, norm)))
        for key in analysis.own_keys:
            table[key][""].append((doc_id, own))
        for key in analysis.mention_keys:
            table[key][""].append((doc_id, mention))
    return table


def _encode(forms: dict[str, list[tuple[int, int]]]) -> list[list[str | int]]:
    encoded: list[list[str | int]] = []
    for form in sorted(forms):
        row: list[str | int] = [form]
        last = 0
        for doc_id, impact in forms[form]:
            row += [doc_id - last, impact]
            last = doc_id
        encoded.append(row)
    return encoded


def shards(table: dict[str, dict[str, list[tuple[int, int]]]],
           target: int = SHARD_TARGET) -> list[dict[str, Any]]:
    """Sorted terms cut into consecutive shards of about ``target`` characters."""
    out: list[dict[str, Any]] = []
    current: dict[str, Any] = {}
    size = 0
    for term in sorted(table):
        entry = _encode(table[term])
        entry_size = len(_dumps(entry)) + len(term) + 4
        if current and size + entry_size > target:
            out.append(current)
            current, size = {}, 0
        current[term] = entry
        size += entry_size
    if current or not out:
        out.append(current)
    return out


def _manifest(analyses: Sequence[Analysis], parts: Sequence[dict[str, Any]],
              sites: Iterable[Site], name: str) -> dict[str, Any]:
    rules = {k: v for k, v in load_rules().raw.items() if k != "about"}
    years = sorted({a.year for a in analyses if a.year}, reverse=True)
    return {
        "v": 1, "name": name, "n": len(analyses),
        "shards": [next(iter(p), "") for p in parts],
        "rules": rules,
        "types": {TYPE_CODES[t.name]: t.plural for t in TYPES.values()},
        "years": years,
        "sites": [{"name": s.name, "url": s.url} for s in sites],
    }


def build_search_index(view: SiteView, out_dir: Path, cache_dir: Path | None = None,
                       sites: Sequence[Site] = (), name: str = "") -> IndexStats:
    """Write the search index of ``view`` to ``out_dir``; returns what it did."""
    started = time.perf_counter()
    stats = IndexStats()
    docs = Collector(view).collect()
    analyses = _analyses(docs, cache_dir, stats)
    table = postings(analyses)
    parts = shards(table)
    writer = _Writer(out_dir, stats)
    for number, part in enumerate(parts):
        data = _dumps(part)
        stats.largest_shard = max(stats.largest_shard, len(data))
        writer.write(f"t/{number}.json", data)
    for doc_id, analysis in enumerate(analyses):
        writer.write(f"d/{doc_id}.json", _dumps(analysis.fragment))
    writer.write("docs.json", _dumps({"ty": "".join(a.type for a in analyses),
                                      "y": [a.year for a in analyses]}))
    writer.write("manifest.json", _dumps(_manifest(analyses, parts, sites, name)))
    writer.write("rules.json", RULES_PATH.read_bytes())
    for asset in sorted(ASSETS.iterdir()):
        writer.write(asset.name, asset.read_bytes())
    writer.remove_stale()
    stats.documents, stats.terms, stats.shards = len(analyses), len(table), len(parts)
    stats.seconds = time.perf_counter() - started
    return stats
