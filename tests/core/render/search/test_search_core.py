"""core.search: rules, the pure per-document analysis, deterministic shards, portal.yml."""

from __future__ import annotations

import re
from pathlib import Path

from tuyengiao.core.link.corpus import ProjectLayout, build_corpus
from tuyengiao.core.link.view import SiteView
from tuyengiao.core.load.portal import load_portal
from tuyengiao.core.model.numbers import DocumentNumber
from tuyengiao.core.model.problems import Problems
from tuyengiao.core.render.search import build_search_index
from tuyengiao.core.render.search.analyze import analyze
from tuyengiao.core.render.search.documents import Collector
from tuyengiao.core.render.search.rules import fold, number_keys, query_number_keys

REPO = Path(__file__).resolve().parents[4]


def test_fold_maps_d_stroke_and_strips_marks() -> None:
    assert fold("Đảng viên ĐƯỜNG LỐI nghị quyết") == "dang vien duong loi nghi quyet"


def test_number_keys_match_however_the_number_is_typed() -> None:
    own = number_keys(DocumentNumber.parse("1327-QĐ/TU"))
    assert own == ["#1327qdtu"]
    for typed in ("1327-QD/TU", "1327 qd tu", "1327/qđ-tu"):
        words = [fold(w) for w in typed.lower().replace("/", " ").replace("-", " ").split()]
        assert own[0] in query_number_keys(words), typed
    state = number_keys(DocumentNumber.parse("30/2020/NĐ-CP"))
    assert state == ["#302020ndcp", "#30ndcp"]
    assert number_keys(DocumentNumber.parse("05-QĐ/HU")) == ["#5qdhu"]
    assert query_number_keys(["nghi", "quyet"]) == []


def _view(audience: str = "public") -> SiteView:
    return SiteView(build_corpus(ProjectLayout(REPO)), audience)  # type: ignore[arg-type]


def test_search_text_is_the_text_read_at_load() -> None:
    """The body's text is read once, with the document (core/load/structure.py)."""
    view = _view()
    collector = Collector(view)
    for doc in view.documents:
        text = collector.document(doc).text
        assert collector.redact(doc.structure.text) in text
        assert "**" not in text and "](" not in text and "{#" not in text


def test_analysis_is_a_pure_function_of_the_document() -> None:
    docs = Collector(_view()).collect()
    assert [analyze(d) for d in docs] == [analyze(d) for d in docs]
    plan = next(d for d in docs if d.number == "271-KH/HU")
    analysis = analyze(plan)
    assert "#271khhu" in analysis.own_keys
    assert {"nghị", ""} & set(analysis.terms["nghi"])
    assert "hoc tap" in analysis.bigrams


def test_index_is_deterministic_and_rewrites_nothing_unchanged(tmp_path: Path) -> None:
    view = _view()
    first = build_search_index(view, tmp_path / "a")
    build_search_index(view, tmp_path / "b", cache_dir=tmp_path / "cache")
    files_a = {p.relative_to(tmp_path / "a"): p.read_bytes()
               for p in (tmp_path / "a").rglob("*") if p.is_file()}
    files_b = {p.relative_to(tmp_path / "b"): p.read_bytes()
               for p in (tmp_path / "b").rglob("*") if p.is_file()}
    assert files_a == files_b and first.written == len(files_a)
    (tmp_path / "a" / "t" / "999.json").write_text("{}")
    again = build_search_index(view, tmp_path / "a")
    assert again.written == 0 and again.removed == 1
    cached = build_search_index(view, tmp_path / "b", cache_dir=tmp_path / "cache")
    assert cached.cached == cached.documents == first.documents


def test_cached_rebuild_skips_an_unchanged_index_and_repairs_a_damaged_one(
    tmp_path: Path,
) -> None:
    view, out, cache = _view(), tmp_path / "search", tmp_path / "cache"
    first = build_search_index(view, out, cache_dir=cache)
    names = sorted(p.name for p in cache.iterdir())
    assert names[0] == "analyses.entry" and len(names) == 3
    assert re.fullmatch(r"keys-[0-9a-f]{16}\.bin", names[1])
    assert re.fullmatch(r"state-[0-9a-f]{16}\.entry", names[2])
    again = build_search_index(view, out, cache_dir=cache)
    assert again.notes == ["unchanged"] and again.written == 0
    assert (again.documents, again.files, again.bytes) == (first.documents, first.files,
                                                           first.bytes)
    card = out / "d" / "0.json"
    expected = card.read_bytes()
    card.unlink()
    (out / "t" / "999.json").write_text("{}")
    repaired = build_search_index(view, out, cache_dir=cache)
    assert (repaired.written, repaired.removed, repaired.cached) == (1, 1, first.documents)
    assert card.read_bytes() == expected
    other = build_search_index(view, tmp_path / "other", cache_dir=cache)
    assert other.written == first.files  # each output folder has its own record


def test_public_index_leaves_internal_documents_out(tmp_path: Path) -> None:
    public = build_search_index(_view("public"), tmp_path / "p")
    internal = build_search_index(_view("internal"), tmp_path / "i")
    assert internal.documents > public.documents
    text = "\n".join(p.read_text("utf-8") for p in (tmp_path / "p").rglob("*.json"))
    assert "NOIBO-7Q3X" not in text


def test_portal_file_problems_are_located(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "portal.yml").write_text(
        "- name: Huyện A\n  url: https://a.example.vn\n- name: Huyện B\n  url: ftp://b\n"
        "- just text\n", "utf-8")
    problems = Problems()
    sites = load_portal(tmp_path, "data", problems)
    assert [(s.name, s.url) for s in sites] == [("Huyện A", "https://a.example.vn/")]
    assert [(p.path, p.line) for p in problems.errors] == [("data/portal.yml", 4),
                                                            ("data/portal.yml", 5)]
    assert "url: expected an address starting with https://" in problems.errors[0].message
    assert load_portal(tmp_path, "nope", Problems()) == []
