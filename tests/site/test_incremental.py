"""The page cache re-renders exactly the pages an edit changes, and nothing stale survives.

A small project from ``scripts/gen_corpus`` is built with the cache, edited,
and built again. A page that the second build rendered is a new file; a page
it took from the cache is the same inode as before (hard links). Each cached
build is compared byte for byte with a build of the same project without a
cache.
"""

from __future__ import annotations

import filecmp
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from built_site import REPO, build, leftovers

from tuyengiao.core.incremental.cache import BuildCache
from tuyengiao.core.link.corpus import Corpus, ProjectLayout, build_corpus
from tuyengiao.core.link.view import SiteView
from tuyengiao.core.model.document import Document
from tuyengiao.core.render.booklets.spec import booklets_for

Inodes = dict[str, int]


def _inodes(site: Path) -> Inodes:
    return {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*.html")}


def _rendered(before: Inodes, site: Path) -> set[str]:
    """Pages written by this build (MkDocs writes the theme's ``404.html`` every time)."""
    return {page for page, inode in _inodes(site).items()
            if before.get(page) != inode and page != "404.html"}


def _generated_files(site: Path) -> Inodes:
    """The search index and the booklets: files made outside MkDocs, kept in the cache."""
    return {p.relative_to(site).as_posix(): p.stat().st_ino
            for folder in ("search", "tai-lieu") for p in (site / folder).rglob("*")
            if p.is_file()}


def _same_as_uncached(project: Path, site: Path, fresh: Path, preview: bool = False) -> None:
    """``site`` equals a build of a copy of ``project`` (in ``fresh``) without a cache;
    a ``preview`` folder has no ``.gz`` copies for a server (nothing else may differ)."""
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(project, fresh, ignore=shutil.ignore_patterns(".cache", "site", ".site*",
                                                                  site.name))
    assert build(fresh, "public", fresh / "site") == 0
    _assert_same(filecmp.dircmp(site, fresh / "site"), preview)


def _assert_same(compare: filecmp.dircmp[str], preview: bool = False) -> None:
    right_only = [n for n in compare.right_only if not (preview and n.endswith(".gz"))]
    assert not compare.left_only and not right_only, (compare.left_only, right_only)
    _, mismatch, errors = filecmp.cmpfiles(compare.left, compare.right, compare.common_files,
                                           shallow=False)
    assert not mismatch and not errors, f"differs from an uncached build: {mismatch}"
    for sub in compare.subdirs.values():
        _assert_same(sub, preview)


def _page(doc: Document) -> str:
    return f"{doc.url}index.html"


def _set_title(project: Path, doc: Document, title: str) -> None:
    path = project / doc.path
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^title: .*$", lambda _: f"title: {title}", text, count=1)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("incremental") / "project"
    subprocess.run([sys.executable, str(REPO / "scripts" / "gen_corpus"), "40", str(out)],
                   check=True, stdout=subprocess.DEVNULL)
    assert build(out, "public", out / "site") == 0
    return out


def _corpus(project: Path) -> Corpus:
    return build_corpus(ProjectLayout(project))


def _nav_pages(site: Path, corpus: Corpus) -> set[str]:
    """Pages that are not documents' pages: home and indices (rendered from the index lists)."""
    documents = {_page(d) for d in corpus.documents}
    return {p for p in _inodes(site) if p not in documents}


def test_no_change_renders_nothing(project: Path) -> None:
    site = project / "site"
    before, generated = _inodes(site), _generated_files(site)
    assert len(generated) > 50 and any(p.endswith(".pdf") for p in generated)
    assert build(project, "public", site) == 0
    assert _rendered(before, site) == set()  # no page, not even the home page
    assert _generated_files(site) == generated  # no search file, no PDF written again


def test_editing_a_cited_document_rerenders_the_citing_pages(project: Path,
                                                             tmp_path: Path) -> None:
    corpus = _corpus(project)
    cited = next(d for d in corpus.documents if d.is_public and d.type == "resolution"
                 and any(r.source.is_public and r.relation in ("mentions", "implements")
                         for r in corpus.incoming.get(d.path, ())))
    citing = {_page(r.source) for r in corpus.incoming[cited.path] if r.source.is_public}
    site = project / "site"
    before = _inodes(site)
    _set_title(project, cited, "Tiêu đề mới của văn bản được trích dẫn")
    assert build(project, "public", site) == 0
    rendered = _rendered(before, site)
    documents = {_page(d) for d in corpus.documents}
    assert rendered & documents == {_page(cited)} | citing
    for page in citing:
        assert "Tiêu đề mới của văn bản được trích dẫn" in (site / page).read_text("utf-8")
    _same_as_uncached(project, site, tmp_path / "fresh")


def test_editing_an_uncited_document_rerenders_it_and_its_indices(project: Path,
                                                                  tmp_path: Path) -> None:
    corpus = _corpus(project)
    lonely = min((d for d in corpus.documents if d.is_public and d.type == "resolution"
                  and not corpus.incoming.get(d.path)),
                 key=lambda d: len(corpus.outgoing.get(d.path, ())))
    site = project / "site"
    before = _inodes(site)
    _set_title(project, lonely, "Tiêu đề mới của văn bản không ai trích dẫn")
    assert build(project, "public", site) == 0
    rendered = _rendered(before, site)
    documents = {_page(d) for d in corpus.documents}
    # The documents it cites list it among their backlinks, so they change too.
    cites = {_page(r.target) for r in corpus.outgoing.get(lonely.path, ())
             if isinstance(r.target, Document) and r.target.is_public}
    assert rendered & documents == {_page(lonely)} | cites
    indices = rendered - documents
    listing = {p for p in _nav_pages(site, corpus)
               if "Tiêu đề mới của văn bản không ai trích dẫn" in (site / p).read_text("utf-8")}
    assert listing and listing <= indices
    _same_as_uncached(project, site, tmp_path / "fresh")


def test_a_body_edit_leaves_the_indices_alone(project: Path) -> None:
    corpus = _corpus(project)
    doc = next(d for d in corpus.documents if d.is_public and d.type == "qa")
    site = project / "site"
    before = _inodes(site)
    generated = _generated_files(site)
    path = project / doc.path
    head, _, body = path.read_text("utf-8").partition("\n---\n")
    # At the start of the body: the search index reads the first 4,000 characters.
    path.write_text(f"{head}\n---\nMột câu trả lời bổ sung.\n{body}", "utf-8")
    assert build(project, "public", site) == 0
    rendered = _rendered(before, site)
    now = _generated_files(site)
    rewritten = {p for p, inode in now.items() if generated.get(p) != inode}
    # Its booklet and the search files holding its words are new; most files are not.
    assert {p for p in rewritten if p.startswith("tai-lieu/")} == {
        f"tai-lieu/{b.file_name}" for b in booklets_for(SiteView(_corpus(project), "public"))
        if any(i.path == doc.path for i in b.items)}
    assert any(p.startswith("search/d/") for p in rewritten)
    assert len(rewritten) < len(now) // 4, sorted(rewritten)
    # The page itself, and the pages of its booklet: they show the booklet's new size.
    booklet = {_page(item) for b in booklets_for(SiteView(corpus, "public"))
               if doc in b.items for item in b.items}
    assert _page(doc) in rendered
    assert rendered == {_page(doc)} | booklet, sorted(rendered)


def test_a_config_change_rerenders_everything(project: Path) -> None:
    site = project / "site"
    before = _inodes(site)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "site_name: Tài liệu học tập nghị quyết", "site_name: Tài liệu học tập"), "utf-8")
    assert build(project, "public", site) == 0
    assert _rendered(before, site) == set(_inodes(site)) - {"404.html"}


def test_two_processes_write_the_same_site_as_one(project: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from tuyengiao.core.incremental.session import PageClaims
    from tuyengiao.mkdocs import incremental

    claim = PageClaims.claim

    def after_the_other(claims: PageClaims, key: str) -> bool:
        """This process claims nothing before the second one has claimed a page, so that
        both render some, however fast this one is."""
        deadline = time.monotonic() + 60
        while not any(claims.folder.iterdir()) and time.monotonic() < deadline:
            time.sleep(0.01)
        return claim(claims, key)

    monkeypatch.setattr(PageClaims, "claim", after_the_other)
    copies = []
    for name, threshold in (("one", 10**9), ("two", 1)):
        copy = tmp_path / name
        shutil.copytree(project, copy, ignore=shutil.ignore_patterns(".cache", "site"))
        monkeypatch.setattr(incremental, "PARALLEL_MIN", threshold)
        assert build(copy, "public", copy / "site") == 0
        assert ("2 processes" in capsys.readouterr().out) == (name == "two")
        copies.append(copy / "site")
    _assert_same(filecmp.dircmp(*copies))
    assert not list((tmp_path / "two" / ".cache").rglob(".claims-*")), "the claims are gone"


def test_a_preview_updated_in_place_equals_a_fresh_build(project: Path, tmp_path: Path) -> None:
    """``serve`` builds into its folder in place after the first build: an edit, a new
    document and a deleted one leave the same files as a build from nothing (once the
    booklets a preview makes after its pages are made, and it has built again)."""
    from tuyengiao.cli import parser
    from tuyengiao.cli.build import cmd_build as build_once
    from tuyengiao.cli.build import new_session
    from tuyengiao.core.incremental.session import BuildSession

    def cmd_build(args: object, session: BuildSession) -> int:
        """The preview's build, its pending booklets made, and the build again."""
        if build_once(args, session) != 0:  # type: ignore[arg-type]
            return 1
        booklets = session.booklets
        assert booklets is not None and booklets.build is not None
        if not booklets.pending:
            return 0
        booklets.build.run([b for b in booklets.build.booklets if b.id in booklets.pending],
                           input_keys=booklets.pending)
        return build_once(args, session)  # type: ignore[arg-type]

    copy = tmp_path / "preview"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns(".cache", "site"))
    out = copy / "preview-site"
    args = parser().parse_args(["--project", str(copy), "build", "--out", str(out)])
    session = new_session(args, preview=True)
    assert cmd_build(args, session) == 0
    corpus = _corpus(copy)
    first = out.stat().st_ino
    edited = next(d for d in corpus.documents if d.is_public and d.type == "qa")
    gone = next(d for d in corpus.documents if d.is_public and d.type == "summary")
    original = (copy / edited.path).read_text("utf-8")
    _set_title(copy, edited, "Hỏi – đáp đã sửa khi xem trước")
    (copy / gone.path).unlink()
    new = copy / "content" / "van-ban" / "moi-them.md"
    new.write_text((copy / edited.path).read_text("utf-8").replace(
        "Hỏi – đáp đã sửa khi xem trước", "Tài liệu mới thêm khi xem trước"), "utf-8")
    # A resolution nothing refers to and that refers to nothing: no edit here touches it.
    unchanged = next(d for d in corpus.documents if d.is_public and d.type == "resolution"
                     and not corpus.incoming.get(d.path) and not corpus.outgoing.get(d.path)
                     and d.number not in (edited.parent_number, gone.parent_number))
    before = (out / _page(unchanged)).stat().st_ino
    cache = session.cache
    assert cmd_build(args, session) == 0
    assert session.cache is cache, "the preview keeps its cache in memory between builds"
    assert out.stat().st_ino == first  # the same folder, updated
    assert not (out / _page(gone)).exists()
    assert _page(gone) not in session.pages and _page(edited) in session.pages
    assert "Hỏi – đáp đã sửa khi xem trước" in (out / _page(edited)).read_text("utf-8")
    assert (out / _page(unchanged)).stat().st_ino == before
    _same_as_uncached(copy, out, tmp_path / "fresh", preview=True)
    # Back to the old text: the old page comes from the cache, which the in-place
    # build must not have written through (the cached file and the page share an inode).
    (copy / edited.path).write_text(original, "utf-8")
    assert cmd_build(args, session) == 0
    _same_as_uncached(copy, out, tmp_path / "fresh-again", preview=True)
    assert leftovers(out) == []
    # The preview keeps the documents it read in memory and writes them when it stops.
    cache = session.cache
    assert isinstance(cache, BuildCache)
    memo = cache.store.path("load.entry")
    assert not memo.exists()
    session.close()
    assert memo.is_file()


def test_a_study_data_edit_rerenders_the_data_pages(project: Path, tmp_path: Path) -> None:
    site = project / "site"
    before = _inodes(site)
    study = project / "data" / "study.csv"
    header, first, *rest = study.read_text("utf-8").splitlines()
    cells = first.split(",")
    cells[4] = str(int(cells[4]) - 1)  # one member fewer studied in the first row
    study.write_text("\n".join([header, ",".join(cells), *rest]) + "\n", "utf-8")
    assert build(project, "public", site) == 0
    rendered = _rendered(before, site)
    assert "so-lieu/index.html" in rendered
    assert all(p.startswith("so-lieu/") for p in rendered), sorted(rendered)
    _same_as_uncached(project, site, tmp_path / "fresh")
