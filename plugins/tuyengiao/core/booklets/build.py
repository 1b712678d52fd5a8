"""Build the booklets of one view: assemble, render in parallel, cache by content.

Each booklet is assembled to HTML in this process (fast), then its cache key
is the hash of that HTML, of the files it uses (images), and of the code,
CSS and fonts that render it. A booklet whose key is in the cache folder
(``.cache/tuyengiao/booklets/``, safe to delete) is not rendered again; the
others are rendered across the cores with a process pool. Cache files are
written under a temporary name and renamed, so a failure never leaves a
half-written PDF.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from ..corpus import Corpus, ProjectLayout
from ..render import Renderer
from ..view import Audience, SiteView
from .assemble import BookletAssembler, BookletHtml, assets_dir
from .links import BOOKLET_FOLDER, BookletLink
from .pdf import RENDER_VERSION
from .spec import Booklet, booklets_for

CACHE_DIR = ".cache/tuyengiao/booklets"
#: Cache files no build has used for this long are removed.
CACHE_DAYS = 30


class BookletError(Exception):
    """A booklet could not be made; the message names the booklet and the item."""


@dataclass(frozen=True)
class BookletFile:
    """A built booklet: its PDF in the cache, page count, size and render time."""

    booklet: Booklet
    pdf: Path
    pages: int
    seconds: float
    cached: bool
    imposed: Path | None = None

    @property
    def size(self) -> int:
        return self.pdf.stat().st_size

    def link(self) -> BookletLink:
        return BookletLink(self.booklet.id, self.booklet.title, self.size, self.pages)


@dataclass(frozen=True)
class _Job:
    id: str
    html: str
    base_url: str
    pdf: str
    imposed: str
    title: str
    key: str


@dataclass(frozen=True)
class _Done:
    id: str
    pages: int
    seconds: float
    error: str = ""


Progress = Callable[[int, int, BookletFile], None]


@lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of everything besides the HTML that shapes a PDF: code, CSS, fonts, libraries."""
    digest = hashlib.sha256(RENDER_VERSION.encode())
    for lib in ("weasyprint", "pydyf", "pikepdf", "fonttools"):
        digest.update(f"{lib}={version(lib)};".encode())
    here = Path(__file__).parent
    files = [here / n for n in ("assemble.py", "pdf.py", "impose.py")]
    files += sorted(p for p in assets_dir().rglob("*") if p.is_file())
    for file in files:
        digest.update(file.name.encode() + file.read_bytes())
    return digest.hexdigest()


def cache_key(html: BookletHtml, layout: ProjectLayout) -> str:
    """The hash of what makes the PDF; where the project and the package live is left out."""
    digest = hashlib.sha256(code_version().encode())
    stable = html.html.replace(layout.project_dir.resolve().as_uri(), "")
    digest.update(stable.replace(assets_dir().as_uri(), "").encode("utf-8"))
    for path in html.files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:40]


@dataclass
class BookletBuild:
    """The booklets of one view and how to build them.

    ``jobs`` is the number of processes (default: the cores).
    """

    view: SiteView
    layout: ProjectLayout
    cache_dir: Path | None = None
    jobs: int = 0
    booklets: list[Booklet] = field(init=False)

    def __post_init__(self) -> None:
        self.booklets = booklets_for(self.view, self.layout.data)
        if self.cache_dir is None:
            self.cache_dir = self.layout.project_dir / CACHE_DIR
        self._assembler = BookletAssembler(self.view, Renderer(self.view),
                                           self.layout.content_dir,
                                           self.layout.project_dir / self.layout.data)

    def select(self, ids: Sequence[str]) -> list[Booklet]:
        """The booklets with these ids, in that order; unknown ids raise BookletError."""
        known = {b.id: b for b in self.booklets}
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise BookletError(f"no booklet {', '.join(repr(i) for i in unknown)} in the "
                               f"{self.view.audience} build; known: {', '.join(known)}")
        return [known[i] for i in ids]

    def assemble(self, booklet: Booklet) -> BookletHtml:
        """The booklet's HTML; a missing image is a BookletError naming the item."""
        html = self._assembler.assemble(booklet)
        for path in html.files:
            if not path.is_file():
                item = _item_using(booklet, path, self.layout)
                raise BookletError(f"{booklet.origin}: booklet '{booklet.id}': {item} uses "
                                   f"{_rel(path, self.layout)}, which does not exist")
        return html

    def run(self, booklets: Iterable[Booklet] | None = None, imposed: bool = False,
            progress: Progress | None = None) -> list[BookletFile]:
        """Build (or take from the cache) each booklet; results in the given order."""
        chosen = list(self.booklets if booklets is None else booklets)
        assert self.cache_dir is not None
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        results: dict[str, BookletFile] = {}
        todo: list[tuple[Booklet, _Job]] = []
        for booklet in chosen:
            job = self._job(booklet, imposed)
            found = _cached(booklet, job)
            if found is not None:
                results[booklet.id] = found
            else:
                todo.append((booklet, job))
        done = 0
        for found in list(results.values()):
            done += 1
            if progress is not None:
                progress(done, len(chosen), found)
        for booklet_file in self._render(todo):
            results[booklet_file.booklet.id] = booklet_file
            done += 1
            if progress is not None:
                progress(done, len(chosen), booklet_file)
        _prune(self.cache_dir)
        return [results[b.id] for b in chosen]

    def _job(self, booklet: Booklet, imposed: bool) -> _Job:
        html = self.assemble(booklet)
        key = cache_key(html, self.layout)
        assert self.cache_dir is not None
        pdf = self.cache_dir / f"{key}.pdf"
        imposed_path = self.cache_dir / f"{key}-in.pdf" if imposed else None
        return _Job(booklet.id, html.html, self.layout.content_dir.as_uri() + "/", str(pdf),
                    str(imposed_path or ""), booklet.title, key)

    def _render(self, todo: list[tuple[Booklet, _Job]]) -> Iterable[BookletFile]:
        by_id = {b.id: b for b, _ in todo}
        jobs = [job for _, job in todo]
        workers = min(len(jobs), self.jobs or os.cpu_count() or 1)
        if workers <= 1:
            outcomes: Iterable[_Done] = map(render_job, jobs)
        else:
            pool = ProcessPoolExecutor(max_workers=workers)
            outcomes = pool.map(render_job, jobs)
        try:
            for outcome, job in zip(outcomes, jobs, strict=True):
                booklet = by_id[outcome.id]
                if outcome.error:
                    raise BookletError(f"{booklet.origin}: booklet '{booklet.id}' could not be "
                                       f"rendered: {outcome.error}")
                yield BookletFile(booklet, Path(job.pdf), outcome.pages, outcome.seconds, False,
                                  Path(job.imposed) if job.imposed else None)
        finally:
            if workers > 1:
                pool.shutdown(cancel_futures=True)


def render_job(job: _Job) -> _Done:
    """Render one booklet into the cache (runs in a worker process)."""
    from .impose import impose
    from .pdf import render_pdf

    started = time.perf_counter()
    try:
        pdf = Path(job.pdf)
        if not pdf.is_file():
            rendered = render_pdf(job.html, job.base_url, job.key)
            _write_atomic(pdf, rendered.data)
            _write_atomic(pdf.with_suffix(".json"),
                          json.dumps({"pages": rendered.pages}).encode())
        if job.imposed and not Path(job.imposed).is_file():
            _write_atomic(Path(job.imposed), impose(pdf.read_bytes(), job.title))
        pages = json.loads(pdf.with_suffix(".json").read_text())["pages"]
    except Exception as exc:  # sent back to the parent as text
        return _Done(job.id, 0, 0.0, f"{type(exc).__name__}: {exc}")
    return _Done(job.id, int(pages), time.perf_counter() - started)


def _cached(booklet: Booklet, job: _Job) -> BookletFile | None:
    pdf, meta = Path(job.pdf), Path(job.pdf).with_suffix(".json")
    if not (pdf.is_file() and meta.is_file()):
        return None
    if job.imposed and not Path(job.imposed).is_file():
        return None
    try:
        pages = int(json.loads(meta.read_text())["pages"])
    except (ValueError, KeyError, TypeError):
        return None
    for used in (pdf, meta, Path(job.imposed) if job.imposed else None):
        if used is not None:
            used.touch()  # still in use: keep it when the cache is pruned
    return BookletFile(booklet, pdf, pages, 0.0, True, Path(job.imposed) if job.imposed else None)


def _prune(cache_dir: Path) -> None:
    """Remove cache files that no build has used for ``CACHE_DAYS`` days."""
    limit = time.time() - CACHE_DAYS * 86400
    for path in cache_dir.iterdir():
        if path.is_file() and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def _rel(path: Path, layout: ProjectLayout) -> str:
    try:
        return path.resolve().relative_to(layout.project_dir.resolve()).as_posix()
    except ValueError:
        return str(path)


def _item_using(booklet: Booklet, path: Path, layout: ProjectLayout) -> str:
    rel = _rel(path, layout)
    for doc in booklet.items:
        if Path(rel).name in doc.body:
            return doc.path
    return "its cover" if rel.startswith(layout.data) else "an item"


def write_into(site_dir: Path, files: Sequence[BookletFile]) -> None:
    """Copy the built PDFs into ``<site>/tai-lieu/`` (``<id>.pdf``, ``<id>-in.pdf``)."""
    folder = site_dir / BOOKLET_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for built in files:
        shutil.copyfile(built.pdf, folder / built.booklet.file_name)
        if built.imposed is not None:
            shutil.copyfile(built.imposed, folder / built.booklet.imposed_name)


def links_by_document(files: Sequence[BookletFile]) -> dict[str, list[BookletLink]]:
    """For each document's path, the booklets it is in."""
    found: dict[str, list[BookletLink]] = {}
    for built in files:
        link = built.link()
        for doc in built.booklet.items:
            found.setdefault(doc.path, []).append(link)
    return found


@dataclass
class SiteBooklets:
    """The booklets of a site build: made before the pages, copied in after them."""

    files: list[BookletFile]

    def links(self) -> dict[str, list[BookletLink]]:
        return links_by_document(self.files)

    def write_into(self, site_dir: Path) -> None:
        write_into(site_dir, self.files)


def build_site_booklets(layout: ProjectLayout, corpus: Corpus, audience: Audience
                        ) -> SiteBooklets:
    """Every booklet of the audience's view, from the cache where possible."""
    return SiteBooklets(BookletBuild(SiteView(corpus, audience), layout).run())
