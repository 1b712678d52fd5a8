"""core.search.patch: an edit patches the index of the last build, byte for byte the
index a full build writes (every file compared), and anything else falls back."""

from __future__ import annotations

import bisect
import itertools
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tuyengiao.core.link.corpus import ProjectLayout, build_corpus
from tuyengiao.core.link.view import SiteView
from tuyengiao.core.render.search import IndexStats, build_search_index
from tuyengiao.core.render.search.analyze import SEP
from tuyengiao.core.render.search.index import _digest, _encode_json, postings, shards
from tuyengiao.core.render.search.patch import (
    SIDE_FILE_SLACK,
    _OldShards,
    average,
    contributions,
    recut,
)

REPO = Path(__file__).resolve().parents[4]


def made_up(word: str, n: int) -> str:
    """A word no generated document holds, as long as ``word`` (words under 5 letters
    stay): replacing every word of a body keeps its length and adds new terms."""
    if len(word) < 5:
        return word
    letters = ""
    while True:
        n, digit = divmod(n, 26)
        letters += chr(ord("a") + digit)
        if n == 0:
            break
    return ("qz" + letters + "x" * len(word))[:len(word)]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gen") / "project"
    subprocess.run([sys.executable, str(REPO / "scripts" / "gen_corpus"), "60", str(out)],
                   check=True, capture_output=True)
    return out


@pytest.fixture
def project(generated: Path, tmp_path: Path) -> Path:
    """A copy of the generated project that a test may edit."""
    copy = tmp_path / "project"
    subprocess.run(["cp", "-r", str(generated), str(copy)], check=True)
    return copy


def _view(project: Path) -> SiteView:
    return SiteView(build_corpus(ProjectLayout(project)), "public")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in folder.rglob("*") if p.is_file()}


def _public_docs(project: Path) -> list[Path]:
    """The public documents' files, in a fixed order."""
    return sorted(p for p in (project / "content").rglob("*.md")
                  if "visibility: internal" not in p.read_text("utf-8")
                  and "index" not in p.name)


def _rebuild_and_compare(project: Path, out: Path, cache: Path, scratch: Path) -> IndexStats:
    """Rebuilds ``out`` with the cache and checks it against a build from scratch."""
    view = _view(project)
    stats = build_search_index(view, out, cache_dir=cache)
    full = build_search_index(view, scratch)
    assert _files(out) == _files(scratch)
    for name in ("documents", "terms", "shards", "files", "bytes", "largest_shard"):
        assert getattr(stats, name) == getattr(full, name), name
    return stats


def _edit(path: Path, change: str, body: str = "") -> None:
    text = path.read_text("utf-8")
    head, _, rest = text.partition("\n---\n")
    if change == "title":
        head = re.sub(r"^title: .*$", "title: Hướng dẫn mới về học tập zqtitlex", head,
                      count=1, flags=re.MULTILINE)
    else:
        paragraphs = rest.split("\n\n")
        rest = "\n\n".join(paragraphs[:1] + paragraphs[2:]) + body
    path.write_text(f"{head}\n---\n{rest}", "utf-8")


@pytest.mark.parametrize("change", ["body", "title"])
def test_an_edit_is_patched_into_the_same_bytes_as_a_full_build(
    project: Path, tmp_path: Path, change: str,
) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    first = build_search_index(_view(project), out, cache_dir=cache)
    assert not first.notes  # a first build: nothing to patch
    doc = _public_docs(project)[7]
    _edit(doc, change, "\n\nMột câu mới zqnewwordx ở chi bộ.\n")
    stats = _rebuild_and_compare(project, out, cache, tmp_path / "scratch")
    assert stats.notes and stats.notes[0].startswith("patched "), stats.notes
    assert 0 < stats.written < first.files // 2  # its shards, its card, docs and manifest
    assert stats.cached == stats.documents - 1
    word = "zqnewwordx" if change == "body" else "zqtitlex"
    assert any(word in p.read_text("utf-8") for p in (out / "t").iterdir())
    # a second edit patches the patched index
    _edit(_public_docs(project)[20], "body")
    again = _rebuild_and_compare(project, out, cache, tmp_path / "scratch2")
    assert again.notes[0].startswith("patched ")


def test_many_new_terms_move_the_shard_numbers_and_still_match(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Small shards, so that one document's new terms surely need new ones in any corpus.
    monkeypatch.setattr("tuyengiao.core.render.search.index.SHARD_TARGET", 2_000)
    out, cache = tmp_path / "out", tmp_path / "cache"
    first = build_search_index(_view(project), out, cache_dir=cache)
    doc = max(_public_docs(project), key=lambda p: p.stat().st_size)
    original = doc.read_text("utf-8")
    head, _, body = original.partition("\n---\n")
    count = itertools.count()  # every word made up, each as long as before: the length stays
    body = re.sub(r"[^\W\d_]+", lambda m: made_up(m.group(), next(count)), body)
    doc.write_text(f"{head}\n---\n{body}", "utf-8")
    grown = _rebuild_and_compare(project, out, cache, tmp_path / "a")
    assert grown.notes[0].startswith("patched ") and grown.shards > first.shards
    doc.write_text(original, "utf-8")  # the words gone again: the shards merge back
    shrunk = _rebuild_and_compare(project, out, cache, tmp_path / "b")
    assert shrunk.notes[0].startswith("patched ") and shrunk.shards == first.shards
    assert shrunk.removed == grown.shards - first.shards
    assert _files(out) == _files(tmp_path / "b")


@pytest.mark.parametrize("change", ["add", "delete"])
def test_added_or_deleted_documents_fall_back_to_a_full_build(
    project: Path, tmp_path: Path, change: str,
) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    build_search_index(_view(project), out, cache_dir=cache)
    doc = _public_docs(project)[5]
    if change == "add":
        (doc.parent / f"zz-{doc.name}").write_text(doc.read_text("utf-8"), "utf-8")
    else:
        doc.unlink()
    stats = _rebuild_and_compare(project, out, cache, tmp_path / "scratch")
    assert stats.notes == ["full build: other documents"]


def test_a_grown_side_file_is_written_anew_by_a_full_build(project: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    build_search_index(_view(project), out, cache_dir=cache)
    [side] = cache.glob("keys-*.bin")
    size = side.stat().st_size
    with open(side, "ab") as f:  # as if many patches had appended to it
        f.write(b"x" * (size + SIDE_FILE_SLACK + 1))
    _edit(_public_docs(project)[7], "body")
    stats = _rebuild_and_compare(project, out, cache, tmp_path / "scratch")
    assert stats.notes == ["full build: side file of posting keys written anew"]
    assert side.stat().st_size < size + 1000  # written anew
    _edit(_public_docs(project)[8], "body")
    assert _rebuild_and_compare(project, out, cache, tmp_path / "b").notes[0].startswith("patched")


def test_a_changed_shard_on_disk_is_not_patched(project: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    build_search_index(_view(project), out, cache_dir=cache)
    for shard in (out / "t").iterdir():  # same sizes, other bytes: only digests tell
        data = shard.read_bytes()
        shard.write_bytes(data.replace(b"1", b"2"))
    _edit(_public_docs(project)[7], "body")
    stats = _rebuild_and_compare(project, out, cache, tmp_path / "scratch")
    assert stats.notes == ["full build: files of the last build changed"]


def test_one_documents_contributions_are_its_part_of_the_postings(generated: Path) -> None:
    from tuyengiao.core.render.search.analyze import analyze
    from tuyengiao.core.render.search.documents import Collector

    view = _view(generated)
    analyses = [analyze(d) for d in Collector(view).collect()]
    avg = average([a.length for a in analyses])
    table = postings(analyses)
    rebuilt: dict[str, list[int]] = {}
    for doc_id, analysis in enumerate(analyses):
        for key, impacts in contributions(analysis, avg).items():
            for impact in impacts:
                row = rebuilt.get(key)
                if row is None:
                    rebuilt[key] = [doc_id, doc_id, impact]
                else:
                    row += (doc_id - row[0], impact)
                    row[0] = doc_id
    assert rebuilt == table
    assert all(SEP in key for key in table)


def _table(entries: dict[str, list[int]]) -> dict[str, list[int]]:
    """A postings table (one form per term) of term → [id, impact, id, impact, …]."""
    table: dict[str, list[int]] = {}
    for term, pairs in entries.items():
        row = [0]
        for doc, impact in zip(pairs[::2], pairs[1::2], strict=True):
            row += (doc - row[0], impact) if len(row) > 1 else (doc, impact)
            row[0] = doc
        table[term + SEP] = row
    return table


def _write_shards(table: dict[str, list[int]], folder: Path) -> tuple[list[str], dict[str, bytes]]:
    firsts, digests = [], {}
    (folder / "t").mkdir(parents=True)
    for number, (first, data) in enumerate(shards(table)):
        (folder / "t" / f"{number}.json").write_bytes(data)
        firsts.append(first)
        digests[f"t/{number}.json"] = _digest(data)
    return firsts, digests


@pytest.mark.parametrize("seed", range(20))
def test_recut_shards_are_those_cut_from_scratch(tmp_path: Path, seed: int) -> None:
    """Random terms, then a random edit in one part of the alphabet (entries grown,
    shrunk, removed, added): the patched shards equal ``shards`` of the new table."""
    rng = random.Random(seed)
    letters = "abcdeghiklmnopqrstuvxy"

    def term() -> str:
        return "".join(rng.choice(letters) for _ in range(rng.randint(2, 9)))

    def postings_of(n: int) -> list[int]:
        docs = sorted(rng.sample(range(5000), n))
        return [x for doc in docs for x in (doc, rng.randint(1, 30))]

    sizes = (1, 2, 5, 20, 200)  # and one term in 60 in almost every document
    before = {term(): postings_of(4900 if n % 60 == 0 else rng.choice(sizes))
              for n in range(4000)}
    firsts, digests = _write_shards(_table(before), tmp_path)
    old = _OldShards(tmp_path, digests)
    after = dict(before)
    low = term()
    edited = [t for t in sorted(before) if t >= low][:rng.choice((3, 30, 300))]
    for name in edited:
        after[name] = postings_of(rng.choice((1, 40, 400)))
    for name in rng.sample(edited, len(edited) // 3):
        del after[name]
    for _ in range(rng.choice((0, 5, 100))):
        after[low + term()] = postings_of(rng.choice((1, 30)))
    changes: dict[int, dict[str, str | None]] = {}
    for name in set(before) | set(after):
        if before.get(name) != after.get(name):
            number = max(0, bisect.bisect_right(firsts, name) - 1)
            entry = None
            if name in after:
                entry = _encode_json([["", *_table({name: after[name]})[name + SEP][1:]]])
            changes.setdefault(number, {})[name] = entry
    patched = [(first, data if isinstance(data, bytes) else old.raw(data))
               for first, data in recut(old, firsts, changes)]
    assert patched == list(shards(_table(after)))
    assert len(changes) < len(firsts) or len(firsts) < 4  # not everything was cut again


@pytest.mark.parametrize("seed", range(10))
def test_recut_when_a_shards_first_term_goes_or_grows(tmp_path: Path, seed: int) -> None:
    """The cut before a shard's first term holds only while that term is there: a run
    that changes it starts a shard earlier."""
    rng = random.Random(seed)
    before = {"".join(rng.choice("abcdeghik") for _ in range(rng.randint(2, 9))):
              [x for doc in sorted(rng.sample(range(5000), 20)) for x in (doc, 7)]
              for _ in range(3000)}
    firsts, digests = _write_shards(_table(before), tmp_path)
    old = _OldShards(tmp_path, digests)
    gone, grown = rng.sample(range(1, len(firsts)), 2)
    after = dict(before)
    del after[firsts[gone]]
    after[firsts[grown]] = [x for doc in range(0, 5000, 2) for x in (doc, 9)]
    entry = _encode_json([["", *_table({"x": after[firsts[grown]]})["x" + SEP][1:]]])
    changes = {gone: {firsts[gone]: None}, grown: {firsts[grown]: entry}}
    patched = [(first, data if isinstance(data, bytes) else old.raw(data))
               for first, data in recut(old, firsts, changes)]
    assert patched == list(shards(_table(after)))
