"""Build the search index of a view: unchanged, patched (:mod:`.patch`) or in full (:mod:`.index`).

With a cache folder (:mod:`.state`) a build whose fingerprint is the last one's
and whose files are as that build left them (every stamp the same) writes
nothing; an edit of a few documents is patched; anything else is a full build,
which reuses the analyses of unchanged documents and compares each file with
the last build's digest (or, for a file changed since, with its bytes).
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from tuyengiao.core.link.view import SiteView
from tuyengiao.core.load.portal import Site
from tuyengiao.core.model.document import Document
from tuyengiao.core.render.search.analyze import SEP, Analysis, analyze
from tuyengiao.core.render.search.documents import Collector
from tuyengiao.core.render.search.index import (
    ASSETS,
    _dumps,
    _Writer,
    docs_json,
    document_keys,
    manifest,
    postings,
    shards,
)
from tuyengiao.core.render.search.patch import patch_index, record_of
from tuyengiao.core.render.search.rules import RULES_PATH
from tuyengiao.core.render.search.state import (
    BuildState,
    IndexStats,
    SearchCache,
    StoredAnalyses,
    listing,
)
from tuyengiao.core.store import DECODE_ERRORS


def build_search_index(view: SiteView, out_dir: Path, cache_dir: Path | None = None,
                       sites: Sequence[Site] = (), name: str = "",
                       digest_of: Callable[[str], str] | None = None) -> IndexStats:
    """Write the search index of ``view`` to ``out_dir``; returns what it did.

    With ``cache_dir`` the analyses of unchanged documents are reused, files are
    compared by the digests of the last build, and a build whose inputs did not
    change since the last one (same fingerprint, files intact) writes nothing.
    ``digest_of`` (the load memo's content hash of a file) keys each document
    without hashing its text.
    """
    started = time.perf_counter()
    cache = SearchCache(cache_dir, out_dir)
    mark, docs, keys = document_keys(view, sites, name, digest_of)
    last = cache.state
    present = listing(out_dir)
    if last is not None and last.fingerprint == mark and present == last.stamps:
        stats = dataclasses.replace(last.stats, written=0, removed=0,
                                    cached=last.stats.documents, notes=["unchanged"],
                                    fingerprint=mark)
        stats.seconds = time.perf_counter() - started
        return stats
    known: dict[str, bytes] | None = None
    notes: list[str] = []
    if last is not None and cache_dir is not None:
        patched = patch_index(last, present, view, out_dir, cache_dir, docs, keys, sites, name)
        if not isinstance(patched, str):
            patched.state.fingerprint = mark
            patched.state.stats.seconds = time.perf_counter() - started
            cache.save_state(patched.state)
            patched.state.stats.fingerprint = mark
            return patched.state.stats
        notes.append(f"full build: {patched}")
        # Files whose stamp is the one recorded are compared by digest, the others by bytes.
        known = {rel: digest for rel, digest in last.files.items()
                 if present.get(rel) == last.stamps.get(rel)}
    stats = IndexStats(notes=notes, fingerprint=mark)
    analyses = _analyses(cache, docs, keys, view, stats)
    table = postings(analyses)
    stats.terms = len({key.partition(SEP)[0] for key in table})
    writer = _Writer(out_dir, stats, known, present)
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
    keys_path = cache.keys_path()
    if keys_path is not None:
        record = record_of(analyses, docs, keys, view, (firsts, sizes, stats.terms), keys_path)
        cache.save_state(BuildState(mark, writer.digests, writer.present, stats, record))
    return stats


def _analyses(cache: SearchCache, docs: Sequence[Document], keys: Sequence[str],
              view: SiteView, stats: IndexStats) -> list[Analysis]:
    """The analysis of each document: from the cache when its key is there (and its
    record decodes), else made now; the cache then keeps exactly these."""
    stored = cache.stored_analyses()
    collector = Collector(view)
    found: list[Analysis] = []
    for doc, key in zip(docs, keys, strict=True):
        cached = _stored(cache, stored, key)
        if cached is not None:
            stats.cached += 1
            found.append(cached)
        else:
            found.append(analyze(collector.document(doc)))
    if cache.store is not None and (stored is None or stats.cached < len(docs)
                                    or len(stored) != len(docs)):
        cache.save_analyses(dict(zip(keys, found, strict=True)))
    return found


def _stored(cache: SearchCache, stored: StoredAnalyses | None, key: str) -> Analysis | None:
    if stored is None:
        return None
    try:
        return stored.get(key)
    except DECODE_ERRORS as error:
        assert cache.store is not None
        cache.store.note_damaged(f"analyses.entry: {key}", error)
        return None
