"""Build the booklets of one view: assemble, render in parallel, cache by content.

Each booklet is assembled to HTML in this process, then its cache key is the
hash of that HTML, of the files it uses (images), and of the code, CSS and
fonts that render it. A booklet whose key is in the cache folder
(``.cache/tuyengiao/booklets/``, safe to delete) is not rendered again; the
others are rendered across the cores with a process pool. Cache files are
written under a temporary name and renamed, so a failure never leaves a
half-written PDF.

A site build also gives :class:`InputKeys`: a booklet is then first keyed by
what it is made of (its items' content hashes, what their numbers resolve to,
the build's code key), which needs no assembling. A known input key leads to
the PDF recorded when it was last assembled (``inputs.pickle``: PDF key, page
count and the hashes of the images it used), so a rebuild of thousands of
booklets where nothing changed assembles none of them and reads one file.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import pickle
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from tuyengiao.core.incremental.cache import (
    BuildCache,
    hash_bytes,
    hash_text,
    link_or_copy,
    remove_others,
    write_atomic,
)
from tuyengiao.core.incremental.page_keys import mention_parts
from tuyengiao.core.link.corpus import Corpus, ProjectLayout
from tuyengiao.core.link.view import Audience, SiteView
from tuyengiao.core.render.booklets.assemble import (
    COVER_IMAGES,
    BookletAssembler,
    BookletHtml,
    assets_dir,
)
from tuyengiao.core.render.booklets.links import BOOKLET_FOLDER, BookletLink
from tuyengiao.core.render.booklets.pdf import RENDER_VERSION
from tuyengiao.core.render.booklets.spec import Booklet, booklets_for
from tuyengiao.core.render.site.document import Renderer

CACHE_DIR = ".cache/tuyengiao/booklets"
#: Cache files no build has used for this long are removed.
CACHE_DAYS = 30
INPUTS_FILE = "inputs.pickle"


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
    files: tuple[str, ...] = ()


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


@dataclass(frozen=True)
class InputKeys:
    """What a booklet is made of, as a hash, known without assembling it.

    ``code`` is the build's code key (package, templates, ``mkdocs.yml``,
    libraries); ``digest_of`` gives a content file's hash by ``src_uri``.
    """

    code: str
    digest_of: Callable[[str], str]

    @classmethod
    def of(cls, cache: BuildCache) -> InputKeys:
        return cls(cache.key, cache.digest_of)

    def key(self, view: SiteView, booklet: Booklet, covers: str) -> str:
        """``covers`` says which default cover pictures exist (:func:`cover_files`)."""
        parts = [self.code, view.audience, covers,
                 repr((booklet.id, booklet.title, booklet.subtitle, booklet.lang,
                       booklet.issuer, booklet.date, booklet.origin, booklet.public,
                       booklet.image))]
        for doc in booklet.items:
            parts += [doc.src_uri, self.digest_of(doc.src_uri), doc.url]
            parts += mention_parts(view, doc, self.digest_of)
        return hash_text(*parts)[:40]


@dataclass
class BookletBuild:
    """The booklets of one view and how to build them.

    ``jobs`` is the number of processes (default: the cores); with ``inputs``,
    booklets are first looked up by their input key (see the module's text).
    """

    view: SiteView
    layout: ProjectLayout
    cache_dir: Path | None = None
    jobs: int = 0
    inputs: InputKeys | None = None
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
        input_keys: dict[str, str] = {}
        index = _InputIndex(self.cache_dir)
        covers = "".join(f"{n}:{(self._data_dir / n).is_file()};" for n in COVER_IMAGES)
        for booklet in chosen:
            if self.inputs is not None:
                input_keys[booklet.id] = self.inputs.key(self.view, booklet, covers)
                found = index.find(booklet, input_keys[booklet.id], imposed)
                if found is not None:
                    results[booklet.id] = found
                    continue
            job = self._job(booklet, imposed)
            found = _cached(booklet, job)
            if found is not None:
                results[booklet.id] = found
                index.add(input_keys.get(booklet.id), job, found.pages)
            else:
                todo.append((booklet, job))
        done = 0
        for found in list(results.values()):
            done += 1
            if progress is not None:
                progress(done, len(chosen), found)
        jobs = {booklet.id: job for booklet, job in todo}
        for booklet_file in self._render(todo):
            booklet_id = booklet_file.booklet.id
            results[booklet_id] = booklet_file
            index.add(input_keys.get(booklet_id), jobs[booklet_id], booklet_file.pages)
            done += 1
            if progress is not None:
                progress(done, len(chosen), booklet_file)
        index.save()
        _prune(self.cache_dir, index.live())
        return [results[b.id] for b in chosen]

    @property
    def _data_dir(self) -> Path:
        return self.layout.project_dir / self.layout.data

    def _job(self, booklet: Booklet, imposed: bool) -> _Job:
        html = self.assemble(booklet)
        key = cache_key(html, self.layout)
        assert self.cache_dir is not None
        pdf = self.cache_dir / f"{key}.pdf"
        imposed_path = self.cache_dir / f"{key}-in.pdf" if imposed else None
        return _Job(booklet.id, html.html, self.layout.content_dir.as_uri() + "/", str(pdf),
                    str(imposed_path or ""), booklet.title, key,
                    tuple(str(p) for p in html.files))

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


@dataclass(frozen=True)
class _Record:
    """What one set of inputs made: the PDF's key and pages, and the images it used."""

    key: str
    pages: int
    files: tuple[tuple[str, str], ...]  # (path, content hash)
    day: int  # the last day a build used it (days since 1970)


def _today() -> int:
    return int(time.time() // 86400)


class _InputIndex:
    """Input key → :class:`_Record`, one pickle in the cache folder (safe to delete)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / INPUTS_FILE
        self.records: dict[str, _Record] = {}
        self.changed = False
        try:
            with self.path.open("rb") as stream:
                loaded = pickle.load(stream)
            if isinstance(loaded, dict):
                self.records = loaded
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
                IndexError, TypeError, ValueError):
            pass  # missing or unreadable: every booklet is assembled once

    def find(self, booklet: Booklet, input_key: str, imposed: bool) -> BookletFile | None:
        """The cached PDF these inputs made, if it and the images it used are unchanged."""
        record = self.records.get(input_key)
        if record is None or any(_file_hash(Path(p)) != h for p, h in record.files):
            return None
        pdf = self.path.parent / f"{record.key}.pdf"
        imposed_path = self.path.parent / f"{record.key}-in.pdf" if imposed else None
        if not pdf.is_file() or (imposed_path is not None and not imposed_path.is_file()):
            return None
        if record.day != _today():
            self.records[input_key] = dataclasses.replace(record, day=_today())
            self.changed = True
        return BookletFile(booklet, pdf, record.pages, 0.0, True, imposed_path)

    def add(self, input_key: str | None, job: _Job, pages: int) -> None:
        if input_key is not None:
            files = tuple((p, _file_hash(Path(p))) for p in job.files)
            self.records[input_key] = _Record(job.key, pages, files, _today())
            self.changed = True

    def live(self) -> set[str]:
        """The PDF keys of records used in the last ``CACHE_DAYS`` days."""
        return {r.key for r in self.records.values() if r.day >= _today() - CACHE_DAYS}

    def save(self) -> None:
        live = {k: r for k, r in self.records.items() if r.day >= _today() - CACHE_DAYS}
        if self.changed or len(live) != len(self.records):
            write_atomic(self.path, pickle.dumps(live, protocol=pickle.HIGHEST_PROTOCOL))


def render_job(job: _Job) -> _Done:
    """Render one booklet into the cache (runs in a worker process)."""
    from tuyengiao.core.render.booklets.impose import impose
    from tuyengiao.core.render.booklets.pdf import render_pdf

    started = time.perf_counter()
    try:
        pdf = Path(job.pdf)
        if not pdf.is_file():
            rendered = render_pdf(job.html, job.base_url, job.key)
            write_atomic(pdf, rendered.data)
            write_atomic(pdf.with_suffix(".json"),
                          json.dumps({"pages": rendered.pages}).encode())
        if job.imposed and not Path(job.imposed).is_file():
            write_atomic(Path(job.imposed), impose(pdf.read_bytes(), job.title))
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
    # Still in use: keep it when the cache is pruned. Only the page count's file is
    # touched: the PDFs are hard-linked into published sites, whose files stay as they are.
    meta.touch()
    return BookletFile(booklet, pdf, pages, 0.0, True, Path(job.imposed) if job.imposed else None)


def _file_hash(path: Path) -> str:
    try:
        return hash_bytes(path.read_bytes())
    except OSError:
        return ""


def _prune(cache_dir: Path, live: set[str]) -> None:
    """Remove cache files that no build has used for ``CACHE_DAYS`` days.

    A PDF (``KEY.pdf``, ``KEY-in.pdf``) is as old as its ``KEY.json``, and in
    use while a record of the input index (``live``) names it."""
    stamp = cache_dir / ".pruned"
    if stamp.is_file() and stamp.stat().st_mtime > time.time() - 86400:
        return  # once a day is enough
    stamp.touch()
    limit = time.time() - CACHE_DAYS * 86400
    ages: dict[str, float] = {f"{key}.json": time.time() for key in live}
    for path in cache_dir.iterdir():
        if path.is_file() and path.suffix == ".json" and path.name not in ages:
            ages[path.name] = path.stat().st_mtime
    for path in cache_dir.iterdir():
        if not path.is_file():
            continue
        if path.suffix == ".pdf":
            age = ages.get(path.name.removesuffix(".pdf").removesuffix("-in") + ".json", 0.0)
        else:
            age = ages.get(path.name) or path.stat().st_mtime
        if age < limit:
            path.unlink(missing_ok=True)


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
    names: set[str] = set()
    for built in files:  # hard links: cache files are only ever replaced, never rewritten
        link_or_copy(built.pdf, folder / built.booklet.file_name)
        names.add(built.booklet.file_name)
        if built.imposed is not None:
            link_or_copy(built.imposed, folder / built.booklet.imposed_name)
            names.add(built.booklet.imposed_name)
    remove_others(folder, names)  # a site updated in place loses the booklets it no longer has


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


def build_site_booklets(layout: ProjectLayout, corpus: Corpus, audience: Audience,
                        inputs: InputKeys | None = None,
                        progress: Progress | None = None) -> SiteBooklets:
    """Every booklet of the audience's view, from the cache where possible."""
    build = BookletBuild(SiteView(corpus, audience), layout, inputs=inputs)
    return SiteBooklets(build.run(progress=progress))
