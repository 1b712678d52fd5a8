"""core.load.memo: one load path with or without the memo, and a damaged memo is a miss."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tuyengiao.core.link.corpus import ProjectLayout, build_corpus
from tuyengiao.core.load.memo import NAME, TAG, LoadMemo
from tuyengiao.core.store import CacheStore, join_json_bytes, pack, split_json_bytes, unpack

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "project"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    import shutil

    copy = tmp_path / "project"
    shutil.copytree(FIXTURE, copy)
    return copy


def _load(project: Path) -> tuple[list[str], list[str], LoadMemo]:
    store = CacheStore(project / ".cache")
    memo = LoadMemo(store, "code")
    corpus = build_corpus(ProjectLayout(project), memo)
    return [repr(d) for d in corpus.documents], [str(p) for p in corpus.problems], memo


def test_the_memo_gives_what_loading_gives(project: Path) -> None:
    plain = build_corpus(ProjectLayout(project))
    expected = [repr(d) for d in plain.documents], [str(p) for p in plain.problems]
    (project / "content" / "broken.md").write_text("---\ntype: memo\n---\n", "utf-8")
    expected = _load(project)[:2]
    assert _load(project)[:2] == expected  # every file from the memo, none read
    assert CacheStore(project / ".cache").damaged == []


def _rewrite(project: Path, change) -> None:  # type: ignore[no-untyped-def]
    path = project / ".cache" / NAME
    change(path)


def _with_payload(edit):  # type: ignore[no-untyped-def]
    """Rewrite the memo's JSON with ``edit`` and a valid checksum (a wrong shape)."""
    def change(path: Path) -> None:
        head, bodies = split_json_bytes(unpack(path.read_bytes(), TAG))
        edit(head)
        path.write_bytes(pack(TAG, join_json_bytes(head, bodies)))
    return change


def _first(head):  # type: ignore[no-untyped-def]
    return head["files"][sorted(head["files"])[0]]


@pytest.mark.parametrize("change", [
    lambda p: p.write_bytes(p.read_bytes()[:100]),  # truncated
    lambda p: p.write_bytes(b"garbage"),
    lambda p: p.write_bytes(p.read_bytes()[:-1] + bytes([p.read_bytes()[-1] ^ 1])),
    lambda p: p.write_bytes(pack("load/0", unpack(p.read_bytes(), TAG))),  # another version
    lambda p: p.write_bytes(b"TGSTORE\n\x07\x00" + p.read_bytes()[10:]),  # another format
    _with_payload(lambda h: h.update(files=[])),
    _with_payload(lambda h: _first(h)[4].__setitem__(0, 2**70)),  # body offset overflowing
    _with_payload(lambda h: _first(h)[4].__setitem__(1, -3)),
    _with_payload(lambda h: _first(h)[4].__setitem__(1, _first(h)[4][1] + 1)),  # odd
    _with_payload(lambda h: _first(h)[4][3].append(5)),  # one more text than written
    _with_payload(lambda h: _first(h)[2].__setitem__(7, {"title": "x"})),  # lines wrong
    _with_payload(lambda h: _first(h)[2][6].__setitem__("date", "not a date")),
    _with_payload(lambda h: _first(h).__setitem__(3, [["a", 1, "bad", "m", 0]])),
    _with_payload(lambda h: _first(h).__setitem__(2, "not a document")),
    _with_payload(lambda h: h["files"].__setitem__(sorted(h["files"])[0], 5)),
    _with_payload(lambda h: h.__setitem__("others", 7)),
], ids=["truncated", "garbage", "checksum", "version", "format", "files not a mapping",
        "overflow", "negative", "half a character", "texts", "lines", "date", "problem",
        "document", "record", "others"])
def test_a_damaged_memo_is_rebuilt_and_the_load_is_the_same(project: Path, change) -> None:  # type: ignore[no-untyped-def]
    expected = _load(project)[:2]
    _rewrite(project, change)
    documents, problems, memo = _load(project)
    assert (documents, problems) == expected
    assert memo.store is not None and memo.store.damaged  # seen, not silently trusted
    assert _load(project)[:2] == expected  # and written again in good shape
    assert CacheStore(project / ".cache").read(NAME, TAG) is not None


def test_an_edit_after_a_damaged_record_is_seen(project: Path) -> None:
    _load(project)
    path = project / ".cache" / NAME
    head, bodies = split_json_bytes(unpack(path.read_bytes(), TAG))
    doc = sorted(head["files"])[0]
    head["files"][doc][0] = "0" * 40  # the hash of other bytes
    path.write_bytes(pack(TAG, join_json_bytes(head, bodies)))
    file = project / "content" / doc
    file.write_text(file.read_text("utf-8").replace("title:", "title: Sửa", 1), "utf-8")
    documents, _, _ = _load(project)
    assert any("Sửa" in d for d in documents)
    assert json.loads(json.dumps(head))  # the test's own edit was plain JSON


def _docs(project: Path) -> list[Path]:
    return sorted((project / "content").rglob("*.md"))


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8") + text, "utf-8")


def test_an_edit_writes_a_delta_and_many_edits_the_whole_memo(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tuyengiao.core.load import memo
    from tuyengiao.core.load.memo import DELTA

    monkeypatch.setattr(memo, "_DELTA_MIN", 2)  # the fixture has a few files only
    _load(project)
    base, delta = project / ".cache" / NAME, project / ".cache" / DELTA
    written = base.stat().st_mtime_ns
    assert not delta.exists()
    _append(_docs(project)[0], "\nMột câu nữa.\n")
    edited = _load(project)[:2]
    assert delta.is_file() and base.stat().st_mtime_ns == written  # only the delta
    assert delta.stat().st_size < base.stat().st_size / 2
    (_docs(project)[1]).unlink()  # a file gone is in the delta too
    gone = _load(project)[:2]
    assert gone != edited and _load(project)[:2] == gone
    plain = build_corpus(ProjectLayout(project))
    assert gone == ([repr(d) for d in plain.documents], [str(p) for p in plain.problems])
    for doc in _docs(project):  # every file changed: the whole memo is written again
        _append(doc, "\nThêm.\n")
    everything = _load(project)[:2]
    assert base.stat().st_mtime_ns != written and not delta.exists()
    assert _load(project)[:2] == everything


@pytest.mark.parametrize("damage", ["garbage", "other generation"])
def test_a_damaged_or_foreign_delta_is_a_miss(project: Path, damage: str) -> None:
    from tuyengiao.core.load.memo import DELTA, DELTA_TAG

    _load(project)
    _append(_docs(project)[0], "\nMột câu nữa.\n")
    expected = _load(project)[:2]
    delta = project / ".cache" / DELTA
    if damage == "garbage":
        delta.write_bytes(b"TGSTORE\n" + b"\x00" * 40)
    else:
        head, texts = split_json_bytes(unpack(delta.read_bytes(), DELTA_TAG))
        head["generation"] = "0" * 16
        delta.write_bytes(pack(DELTA_TAG, join_json_bytes(head, texts)))
    assert _load(project)[:2] == expected  # the edited file is read again
