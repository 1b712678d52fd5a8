"""Stage *patch*: an edit of a few documents rewrites only the shards of their terms.

When the documents of an index and their order (ids) are those of the last build
into the same folder, the rounded average length is unchanged and only a few
documents' contents changed, the terms those documents had or now have are
patched in the shards of the last build (read back from the output folder and
checked against their digests), and the run of shards around them is cut again
with the rule of :func:`.index.shards`, until a cut falls where an old one was.
Everything else is kept. The result is byte for byte the index a full build
writes (tests build both and compare every file).

What the patch needs of the last build is a :class:`~.state.PatchRecord` kept
with the build's state, and each document's posting keys in a side file of the
cache (``keys-*.bin``, read only at the offsets of the edited documents, each
part checked): the analyses of all documents are not loaded.
"""

from __future__ import annotations

import bisect
import itertools
import json
import operator
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from tuyengiao.core.link.view import SiteView
from tuyengiao.core.load.portal import Site
from tuyengiao.core.model.document import Document
from tuyengiao.core.render.search.analyze import SEP, Analysis, analyze
from tuyengiao.core.render.search.documents import Collector
from tuyengiao.core.render.search.index import (
    ASSETS,
    K1,
    B,
    Cutter,
    _digest,
    _dumps,
    _encode_json,
    _entry_size,
    _impact,
    _rounded,
    _Writer,
    code_digest,
    docs_json,
    manifest,
)
from tuyengiao.core.render.search.rules import RULES_PATH, load_rules
from tuyengiao.core.render.search.state import (
    BuildState,
    IndexStats,
    PatchRecord,
    append_terms,
    read_terms,
    write_terms,
)
from tuyengiao.core.store import DECODE_ERRORS, Stamp, as_name

#: Why a patch was not made when the output folder is not what the last build left.
DAMAGED = "files of the last build changed"
#: The patch is taken when at most this share of the documents changed (1 in …).
MOST_CHANGED = 20
#: Bytes of old parts the side file may hold beyond its live parts (see _check_side_file).
SIDE_FILE_SLACK = 1 << 20
#: posting key → impacts of one document, in the order :func:`.index.postings` adds them
Contributions = dict[str, list[int]]


class _Fallback(Exception):
    """The patch cannot be made: the full build runs instead."""


def average(lengths: Sequence[int]) -> float:
    """The rounded average document length, as :func:`.index.postings` computes it."""
    return _rounded(max(1.0, sum(lengths) / max(1, len(lengths))))


class Terms(Protocol):
    """What :func:`contributions` needs of an :class:`.analyze.Analysis`."""

    @property
    def keys(self) -> tuple[str, ...]: ...
    @property
    def weights(self) -> tuple[int, ...]: ...
    @property
    def length(self) -> int: ...
    @property
    def own_keys(self) -> tuple[str, ...]: ...
    @property
    def mention_keys(self) -> tuple[str, ...]: ...


def record_of(analyses: Sequence[Analysis], docs: Sequence[Document], keys: Sequence[str],
              view: SiteView, shard_list: tuple[list[str], list[int], int],
              keys_path: Path) -> PatchRecord:
    """The record of a full build; writes each document's posting keys to ``keys_path``."""
    offsets = write_terms(keys_path, analyses)
    lengths = [a.length for a in analyses]
    firsts, sizes, terms = shard_list
    return PatchRecord(code_digest(), view.audience, [d.url for d in docs], list(keys),
                       lengths, "".join(a.type for a in analyses), [a.year for a in analyses],
                       average(lengths), firsts, sizes, terms, keys_path.name, offsets)


def contributions(analysis: Terms, avg: float) -> Contributions:
    """One document's part of :func:`.index.postings` (the same steps, for one id)."""
    ranking = load_rules().ranking
    norm = K1 * (1 - B + B * analysis.length / avg)
    found: Contributions = {}
    for key, weight in zip(analysis.keys, analysis.weights, strict=True):
        found.setdefault(key, []).append(_impact(weight, norm))
    for keys, impact in ((analysis.own_keys, int(ranking["own_number_impact"])),
                         (analysis.mention_keys, int(ranking["mention_number_impact"]))):
        for key in keys:
            found.setdefault(key + SEP, []).append(impact)
    return found


def _patched_row(row: list[Any], dropped: set[int],
                 added: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """One form's (ids, impacts) without the ``dropped`` ids, with the ``added`` ones
    (a term of every document has 10,000 postings: the work is done by C code)."""
    ids, impacts = list(itertools.accumulate(row[1::2])), row[2::2]
    for doc in dropped:
        at = bisect.bisect_left(ids, doc)
        end = bisect.bisect_right(ids, doc, at)
        del ids[at:end], impacts[at:end]
    for doc, impact in added:
        at = bisect.bisect_right(ids, doc)  # after the ones of the same id added before
        ids.insert(at, doc)
        impacts.insert(at, impact)
    return ids, impacts


def patched_entry(rows: list[list[Any]] | None, dropped: set[int],
                  added: dict[str, list[tuple[int, int]]]) -> list[list[Any]]:
    """A term's entry ``[[form, id delta, impact, …], …]`` without the postings of the
    ``dropped`` ids and with the ``added`` ones (form → (id, impact), ascending ids)."""
    old = {row[0]: row for row in rows or ()}
    out: list[list[Any]] = []
    for form in sorted(old.keys() | added.keys()):
        ids, impacts = _patched_row(old.get(form, [form]), dropped, added.get(form, []))
        if ids:
            row: list[Any] = [form, *ids, *impacts]
            row[1::2] = [ids[0], *map(operator.sub, ids[1:], ids)]
            row[2::2] = impacts
            out.append(row)
    return out


def _split_shard(data: bytes) -> dict[str, str]:
    """term → entry JSON of a shard ``{"term":[["form",…],…],…}``, in order, without
    decoding it: an entry holds ``,"`` nowhere (a form follows a ``[``), so each
    ``,"`` starts a term."""
    text = data.decode("utf-8")
    if text == "{}":
        return {}
    found: dict[str, str] = {}
    for part in text[2:-1].split(',"'):
        term, sep, entry = part.partition('":')
        if not sep or not entry.startswith("[[") or not entry.endswith("]]"):
            raise _Fallback(DAMAGED)
        found[term] = entry
    return found


class _OldShards:
    """The term shards of the last build, read back from the output folder only when
    needed and checked against the digests the build recorded."""

    def __init__(self, out_dir: Path, digests: dict[str, bytes]) -> None:
        self.out_dir, self.digests = out_dir, digests
        self.parsed: dict[int, dict[str, str]] = {}

    def raw(self, number: int) -> bytes:
        rel = f"t/{number}.json"
        try:
            data = (self.out_dir / rel).read_bytes()
        except OSError as error:
            raise _Fallback(rel) from error
        if _digest(data) != self.digests.get(rel):
            raise _Fallback(DAMAGED)
        return data

    def terms(self, number: int) -> dict[str, str]:
        """term → entry JSON of an old shard."""
        if number not in self.parsed:
            self.parsed[number] = _split_shard(self.raw(number))
        return self.parsed[number]


@dataclass
class _TermChanges:
    """The new entries (JSON, ``None`` when gone) of the changed terms, by old shard."""

    by_shard: dict[int, dict[str, str | None]]
    terms_delta: int


def _changed_terms(old: _OldShards, firsts: Sequence[str], dropped: set[int],
                   added: dict[str, dict[str, list[tuple[int, int]]]],
                   touched: set[str]) -> _TermChanges:
    by_shard: dict[int, dict[str, str | None]] = {}
    delta = 0
    for term in sorted(touched):
        number = max(0, bisect.bisect_right(firsts, term) - 1)
        before = old.terms(number).get(term)
        rows = json.loads(before) if before is not None else None
        entry = patched_entry(rows, dropped, added.get(term, {}))
        after = _encode_json(entry) if entry else None
        if after == before:
            continue  # e.g. the same impacts again: the shard need not be cut again
        delta += (after is not None) - (before is not None)
        by_shard.setdefault(number, {})[term] = after
    return _TermChanges(by_shard, delta)


def _shard_terms(old: _OldShards, number: int,
                 changes: dict[str, str | None]) -> Iterator[tuple[str, str]]:
    """(term, entry JSON) of an old shard with its changes, terms ascending."""
    terms = old.terms(number)
    for term in sorted(terms.keys() | changes.keys()):
        if term in changes:
            entry = changes[term]
            if entry is not None:
                yield term, entry
        else:
            yield term, terms[term]


def _cut(cutter: Cutter, terms: Iterator[tuple[str, str]],
         out: list[tuple[str, bytes | int]]) -> None:
    for term, entry in terms:
        done = cutter.add(term, entry)
        if done is not None:
            out.append(done)


def recut(old: _OldShards, firsts: Sequence[str],
          changes: dict[int, dict[str, str | None]]) -> list[tuple[str, bytes | int]]:
    """The new shards: (first term, JSON) of a shard cut again, (first term, old number)
    of an old shard kept as it was.

    A run is cut again from the start of the first changed old shard (a cut of both
    builds, since nothing before it changed; from the shard before when the changed
    shard's first term changed) until the cutter would cut before the first term of
    an unchanged old shard: from there both builds see the same terms.
    """
    out: list[tuple[str, bytes | int]] = []
    cutter: Cutter | None = None
    number = 0
    while number < len(firsts):
        if number not in changes:
            if cutter is None:
                out.append((firsts[number], number))
                number += 1
                continue
            first = firsts[number]
            entry = old.terms(number).get(first)
            if entry is None:  # the manifest's first term is not the shard's
                raise _Fallback(DAMAGED)
            if not cutter.current or cutter.cuts(first, _entry_size(first, entry)):
                if cutter.current:
                    out.append(cutter.flush())
                cutter = None
                continue
        if cutter is None:
            cutter = Cutter()
            if number > 0 and firsts[number] in changes[number]:
                # whether the old cut before this first term still holds depends on the
                # term: the run starts at the kept shard before (a cut of both builds)
                out.pop()
                _cut(cutter, _shard_terms(old, number - 1, {}), out)
        _cut(cutter, _shard_terms(old, number, changes.get(number, {})), out)
        number += 1
    if cutter is not None and cutter.current:
        out.append(cutter.flush())
    return out or [("", b"{}")]


@dataclass
class PatchResult:
    """The state after a patch (its fingerprint is set by the caller)."""

    state: BuildState


@dataclass
class _Edit:
    """The changed documents: ids, new analyses, their contributions by term."""

    ids: list[int]
    analyses: list[Analysis]
    added: dict[str, dict[str, list[tuple[int, int]]]]
    touched: set[str]


def _edit(record: PatchRecord, view: SiteView, docs: Sequence[Document], keys: Sequence[str],
          keys_path: Path) -> _Edit:
    """Finds the changed documents and checks that a patch can be made."""
    if record.code != code_digest() or record.audience != view.audience or \
            record.urls != [d.url for d in docs] or len(record.offsets) != len(docs):
        raise _Fallback("other documents")
    ids = [i for i, (old, new) in enumerate(zip(record.keys, keys, strict=True)) if old != new]
    if not ids or len(ids) * MOST_CHANGED > len(docs):
        raise _Fallback("no or too many changed documents")
    collector = Collector(view)
    analyses = [analyze(collector.document(docs[i])) for i in ids]
    lengths = list(record.lengths)
    for i, analysis in zip(ids, analyses, strict=True):
        lengths[i] = analysis.length
    if average(lengths) != record.avg:
        raise _Fallback("average length changed")
    added: dict[str, dict[str, list[tuple[int, int]]]] = {}
    for doc_id, analysis in zip(ids, analyses, strict=True):
        for key, impacts in contributions(analysis, record.avg).items():
            term, _, form = key.partition(SEP)
            added.setdefault(term, {}).setdefault(form, []).extend((doc_id, i) for i in impacts)
    touched: set[str] = set()
    for blob, analysis in zip(_blobs(keys_path, [record.offsets[i] for i in ids]), analyses,
                              strict=True):
        try:
            stored = read_terms(blob)
        except DECODE_ERRORS as error:
            raise _Fallback("posting keys missing") from error
        old, new = contributions(stored, record.avg), contributions(analysis, record.avg)
        touched.update(key.partition(SEP)[0] for key in old.keys() | new.keys()
                       if old.get(key) != new.get(key))
    return _Edit(ids, analyses, added, touched)


def _check_side_file(path: Path, record: PatchRecord) -> None:
    """Each patch appends to the side file: once it is mostly old parts, a full build
    writes it anew."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise _Fallback("posting keys missing") from error
    if size > 2 * sum(part for _, part in record.offsets) + SIDE_FILE_SLACK:
        raise _Fallback("side file of posting keys written anew")


def _blobs(path: Path, offsets: Sequence[tuple[int, int]]) -> list[bytes]:
    """Parts of the side file at ``offsets`` (start, size)."""
    found = []
    try:
        with open(path, "rb") as f:
            for start, size in offsets:
                f.seek(start)
                found.append(f.read(size))
    except OSError as error:
        raise _Fallback("posting keys missing") from error
    if [len(b) for b in found] != [size for _, size in offsets]:
        raise _Fallback("posting keys missing")
    return found


def _new_files(old: _OldShards, shard_list: list[tuple[str, bytes | int]], edit: _Edit,
               record: PatchRecord, sites: Sequence[Site], name: str) -> dict[str, bytes]:
    """Every file that may differ from the last build (shards moved to another number
    are read before anything is written)."""
    files: dict[str, bytes] = {}
    for number, (_, data) in enumerate(shard_list):
        if isinstance(data, bytes):
            files[f"t/{number}.json"] = data
        elif data != number:
            files[f"t/{number}.json"] = old.raw(data)
    for doc_id, analysis in zip(edit.ids, edit.analyses, strict=True):
        files[f"d/{doc_id}.json"] = _dumps(analysis.fragment)
    firsts = [first for first, _ in shard_list]
    files["docs.json"] = docs_json(record.types, record.years)
    files["manifest.json"] = manifest(record.years, firsts, sites, name)
    files["rules.json"] = RULES_PATH.read_bytes()
    for asset in sorted(ASSETS.iterdir()):
        files[asset.name] = asset.read_bytes()
    return files


def _updated(record: PatchRecord, edit: _Edit, keys: Sequence[str],
             shard_list: list[tuple[str, bytes | int]], terms: int,
             keys_path: Path) -> PatchRecord:
    """The record after the patch (the edited documents' keys appended to the side file)."""
    lengths, types, years = list(record.lengths), list(record.types), list(record.years)
    offsets = list(record.offsets)
    for doc_id, analysis, where in zip(edit.ids, edit.analyses,
                                       append_terms(keys_path, edit.analyses), strict=True):
        offsets[doc_id] = where
        lengths[doc_id], types[doc_id] = analysis.length, analysis.type
        years[doc_id] = analysis.year
    sizes = [len(data) if isinstance(data, bytes) else record.sizes[data]
             for _, data in shard_list]
    return PatchRecord(record.code, record.audience, record.urls, list(keys), lengths,
                       "".join(types), years, record.avg, [f for f, _ in shard_list], sizes,
                       terms, record.keys_file, offsets)


def patch_index(last: BuildState, present: dict[str, Stamp], view: SiteView, out_dir: Path,
                cache_dir: Path, docs: Sequence[Document], keys: Sequence[str],
                sites: Sequence[Site], name: str) -> PatchResult | str:
    """Patches the last build in ``out_dir`` (whose files are ``present``), or says why a
    full build is needed (then :data:`DAMAGED` when a file of the last build is not as
    that build left it)."""
    record = last.patch
    if record is None or not record.keys_file:
        return "no record of the last build"
    if present != last.stamps:
        return DAMAGED
    keys_path = cache_dir / as_name(record.keys_file)
    try:
        _check_side_file(keys_path, record)
        edit = _edit(record, view, docs, keys, keys_path)
        old = _OldShards(out_dir, last.files)
        changes = _changed_terms(old, record.firsts, set(edit.ids), edit.added, edit.touched)
        shard_list = recut(old, record.firsts, changes.by_shard)
        record = _updated(record, edit, keys, shard_list, record.terms + changes.terms_delta,
                          keys_path)
        files = _new_files(old, shard_list, edit, record, sites, name)
    except _Fallback as reason:
        return str(reason)
    stats = IndexStats(cached=len(docs) - len(edit.ids))
    writer = _Writer(out_dir, stats, last.files, present)
    for rel, data in files.items():
        writer.write(rel, data)
    digests = dict(last.files) | writer.digests
    for rel in [r for r in digests if r.startswith("t/") and
                int(r[2:-5]) >= len(shard_list)]:
        (out_dir / rel).unlink()
        del digests[rel], writer.present[rel]
        stats.removed += 1
    stats.documents, stats.terms, stats.shards = len(docs), record.terms, len(shard_list)
    stats.files, stats.bytes = len(digests), sum(s.size for s in writer.present.values())
    stats.largest_shard = max(record.sizes)
    stats.notes = [f"patched {sum(map(len, changes.by_shard.values()))} terms of "
                   f"{len(edit.ids)} documents in {len(changes.by_shard)} shards"]
    return PatchResult(BuildState("", digests, writer.present, stats, record))
