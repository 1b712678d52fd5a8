"""Build the booklets of one view: assemble, render in parallel, cache by content.

Each booklet is assembled to HTML in this process, then its cache key is the
hash of that HTML, of the files it uses (images), and of the code, CSS and
fonts that render it. A booklet whose key is in the cache folder
(``.cache/tuyengiao/booklets/``, a folder of the store, safe to delete) is not
rendered again; the others are rendered across the cores with a process pool.
PDFs are written under a temporary name and renamed, so a failure never leaves
a half-written PDF, and each is recorded with its stamp in the folder's index
(:class:`~tuyengiao.core.store.FileSet`): a PDF changed since (truncated,
overwritten) is rendered again, never published.

A site build also gives :class:`InputKeys`: a booklet is then first keyed by
what it is made of (its items' content hashes, what their numbers resolve to,
the build's code key), which needs no assembling. A known input key leads to
the PDF recorded when it was last assembled (``booklets.entry``: PDF key and
the hashes of the images it used; and each PDF's page count), so a rebuild of
thousands of booklets where nothing changed assembles none of them and reads
two entries.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from tuyengiao.core.link.corpus import Corpus, ProjectLayout
from tuyengiao.core.link.key_parts import mention_parts
from tuyengiao.core.link.view import AUDIENCE_NAMES, Audience, SiteView
from tuyengiao.core.load.booklets import COVER_IMAGES
from tuyengiao.core.load.project_files import ProjectFiles
from tuyengiao.core.render.booklets.assemble import (
    BookletAssembler,
    BookletHtml,
    assets_dir,
)
from tuyengiao.core.render.booklets.links import BOOKLET_FOLDER, BookletLink
from tuyengiao.core.render.booklets.pdf import RENDER_VERSION
from tuyengiao.core.render.booklets.spec import Booklet, booklets_for
from tuyengiao.core.render.site.document import Renderer
from tuyengiao.core.store import (
    CACHE_DIR as STORE_DIR,
)
from tuyengiao.core.store import (
    DECODE_ERRORS,
    CacheStore,
    FileSet,
    as_dict,
    as_int,
    as_list,
    as_name,
    as_str,
    code_key,
    hash_bytes,
    hash_text,
    link_or_copy,
    remove_others,
    today,
    write_atomic,
)
from tuyengiao.i18n import _

CACHE_DIR = f"{STORE_DIR}/booklets"
#: Cache files no build has used for this long are removed.
CACHE_DAYS = 30
INDEX, INDEX_TAG = "booklets.entry", "booklets/1"


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
    #: Whether the PDF must be rendered (else only the imposed file is missing).
    render: bool = True
    #: The folders WeasyPrint may read from (:class:`ProjectFiles`), resolved.
    roots: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Done:
    id: str
    pages: int
    seconds: float
    error: str = ""


Progress = Callable[[int, int, BookletFile], None]


@lru_cache(maxsize=1)
def code_version() -> str:
    """Everything besides the HTML that shapes a PDF: code, CSS, fonts, libraries (the
    ``booklets`` part of the code key)."""
    return code_key("booklets", extra=(RENDER_VERSION,))


def cache_key(html: BookletHtml, layout: ProjectLayout) -> str:
    """The hash of what makes the PDF; where the project and the package live is left out."""
    digest = hashlib.sha256(code_version().encode())
    stable = html.html.replace(layout.project_dir.resolve().as_uri(), "")
    digest.update(stable.replace(assets_dir().as_uri(), "").encode("utf-8"))
    for path in html.files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:40]


class _KeyedCache(Protocol):
    """A build's cache: its code key and the content hash of each file it loaded."""

    @property
    def key(self) -> str: ...

    def digest_of(self, src_uri: str) -> str: ...


@dataclass(frozen=True)
class InputKeys:
    """What a booklet is made of, as a hash, known without assembling it.

    ``code`` is the build's code key (package, templates, ``mkdocs.yml``,
    libraries); ``digest_of`` gives a content file's hash by ``src_uri``.
    """

    code: str
    digest_of: Callable[[str], str]

    @classmethod
    def of(cls, cache: _KeyedCache) -> InputKeys:
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
            raise BookletError(_("no booklet {ids} in the {audience} build; known: {known}")
                               .format(ids=", ".join(repr(i) for i in unknown),
                                       audience=_(AUDIENCE_NAMES[self.view.audience]),
                                       known=", ".join(known)))
        return [known[i] for i in ids]

    def assemble(self, booklet: Booklet) -> BookletHtml:
        """The booklet's HTML; a missing image, or one outside the files a build may read,
        is a BookletError naming the item."""
        html = self._assembler.assemble(booklet)
        for path in html.files:
            reason = self._files.refusal(path)
            if reason is not None:
                item = _item_using(booklet, path, self.layout)
                raise BookletError(_("{origin}: booklet '{id}': {item} uses {path}, which "
                                     "{reason}").format(
                    origin=booklet.origin, id=booklet.id, item=item,
                    path=_rel(path, self.layout), reason=reason))
        return html

    @property
    def _files(self) -> ProjectFiles:
        """What WeasyPrint may read: the project's files and the booklet's own assets."""
        return self.layout.files(extra=(assets_dir(),))

    def lookup(self) -> tuple[list[BookletFile], dict[str, str]]:
        """The booklets whose PDF the cache has for their input key, found without
        assembling anything and without writing to the cache; and the input key of each
        of the others (booklet id → key), for :meth:`run` to make them later (a preview
        serves its pages first and makes the booklets after). Needs ``inputs``."""
        assert self.inputs is not None and self.cache_dir is not None
        found: list[BookletFile] = []
        missing: dict[str, str] = {}
        if not self.booklets or not self.cache_dir.is_dir():
            return found, {b.id: self.inputs.key(self.view, b, self._covers())
                           for b in self.booklets}
        index = _BookletIndex(CacheStore(self.cache_dir))
        covers = self._covers()
        for booklet in self.booklets:
            input_key = self.inputs.key(self.view, booklet, covers)
            hit = index.find(booklet, input_key, False)
            if hit is None:
                missing[booklet.id] = input_key
            else:
                found.append(hit)
        return found, missing

    def _covers(self) -> str:
        """Which default cover pictures exist (part of every input key)."""
        return "".join(f"{n}:{(self._data_dir / n).is_file()};" for n in COVER_IMAGES)

    def run(self, booklets: Iterable[Booklet] | None = None, imposed: bool = False,
            progress: Progress | None = None, *, input_keys: Mapping[str, str] | None = None,
            executor: Executor | None = None) -> list[BookletFile]:
        """Build (or take from the cache) each booklet; results in the given order.

        ``input_keys`` (booklet id → key, from :meth:`lookup`) are used instead of
        computing them; ``executor`` renders the PDFs (default: a pool, one process per
        core, or this process for a single booklet)."""
        chosen = list(self.booklets if booklets is None else booklets)
        assert self.cache_dir is not None
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        results: dict[str, BookletFile] = {}
        todo: list[tuple[Booklet, _Job]] = []
        input_keys = dict(input_keys or {})
        index = _BookletIndex(CacheStore(self.cache_dir))
        covers = self._covers()
        for booklet in chosen:
            if self.inputs is not None or booklet.id in input_keys:
                if booklet.id not in input_keys:
                    assert self.inputs is not None
                    input_keys[booklet.id] = self.inputs.key(self.view, booklet, covers)
                found = index.find(booklet, input_keys[booklet.id], imposed)
                if found is not None:
                    results[booklet.id] = found
                    continue
            job = self._job(booklet, imposed, index)
            found = index.cached(booklet, job)
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
        for booklet_file in self._render(todo, executor):
            booklet_id = booklet_file.booklet.id
            if not jobs[booklet_id].render:  # only its imposed file was made
                booklet_file = dataclasses.replace(
                    booklet_file, pages=index.pages[jobs[booklet_id].key])
            results[booklet_id] = booklet_file
            index.rendered(jobs[booklet_id], booklet_file.pages)
            index.add(input_keys.get(booklet_id), jobs[booklet_id], booklet_file.pages)
            done += 1
            if progress is not None:
                progress(done, len(chosen), booklet_file)
        index.prune()
        index.save()
        return [results[b.id] for b in chosen]

    @property
    def _data_dir(self) -> Path:
        return self.layout.project_dir / self.layout.data

    def _job(self, booklet: Booklet, imposed: bool, index: _BookletIndex) -> _Job:
        html = self.assemble(booklet)
        key = cache_key(html, self.layout)
        pdf = index.files.path(f"{key}.pdf")
        imposed_path = index.files.path(f"{key}-in.pdf") if imposed else None
        return _Job(booklet.id, html.html, self.layout.content_dir.as_uri() + "/", str(pdf),
                    str(imposed_path or ""), booklet.title, key,
                    tuple(str(p) for p in html.files),
                    render=index.files.lookup(pdf.name) is None or key not in index.pages,
                    roots=tuple(str(r) for r in self._files.roots))

    def _render(self, todo: list[tuple[Booklet, _Job]],
                executor: Executor | None = None) -> Iterable[BookletFile]:
        by_id = {b.id: b for b, _job in todo}
        jobs = [job for _booklet, job in todo]
        workers = 0 if executor is not None else min(len(jobs), self.jobs or os.cpu_count() or 1)
        if executor is not None:
            outcomes: Iterable[_Done] = executor.map(render_job, jobs)
        elif workers <= 1:
            outcomes = map(render_job, jobs)
        else:
            pool = ProcessPoolExecutor(max_workers=workers)
            outcomes = pool.map(render_job, jobs)
        try:
            for outcome, job in zip(outcomes, jobs, strict=True):
                booklet = by_id[outcome.id]
                if outcome.error:
                    raise BookletError(_("{origin}: booklet '{id}' could not be made: "
                                         "{reason}").format(origin=booklet.origin,
                                                            id=booklet.id,
                                                            reason=outcome.error))
                yield BookletFile(booklet, Path(job.pdf), outcome.pages, outcome.seconds, False,
                                  Path(job.imposed) if job.imposed else None)
        finally:
            if workers > 1:
                pool.shutdown(cancel_futures=True)


@dataclass(frozen=True)
class _Record:
    """What one set of inputs made: the PDF's key, and the images it used."""

    key: str
    files: tuple[tuple[str, str], ...]  # (path, content hash)
    day: int  # the last day a build used it (days since 1970)

    def encoded(self) -> list[Any]:
        return [self.key, [list(f) for f in self.files], self.day]


def _decode_record(value: Any) -> _Record:
    key, files, day = as_list(value, 3)
    return _Record(as_name(key), tuple((as_str(p), as_str(h)) for p, h in
                                       (as_list(f, 2) for f in as_list(files))), as_int(day))


def _decode_index(value: Any) -> tuple[dict[str, int], dict[str, Any]]:
    index = as_dict(value)
    pages = {as_name(k): as_int(v, 1, 2**31) for k, v in as_dict(index["pages"]).items()}
    return pages, as_dict(index["inputs"])


class _BookletIndex:
    """The booklets' folder of the store: the PDFs (a :class:`FileSet`, checked by
    their stamps) and ``booklets.entry``: each PDF's page count, and input key →
    :class:`_Record` (decoded when looked up)."""

    def __init__(self, store: CacheStore) -> None:
        self.store = store
        self.files = FileSet(store, "", hashed=True)  # a PDF is checked by its bytes
        found = store.read_json(INDEX, INDEX_TAG, _decode_index)
        self.pages: dict[str, int] = found[0] if found else {}
        self.inputs: dict[str, Any] = found[1] if found else {}
        self.changed = False

    def _record(self, input_key: str) -> _Record | None:
        value = self.inputs.get(input_key)
        if value is None:
            return None
        if isinstance(value, _Record):
            return value
        try:
            record = self.inputs[input_key] = _decode_record(value)
        except DECODE_ERRORS as error:
            self.store.note_damaged(f"{INDEX}: {input_key}", error)
            del self.inputs[input_key]
            self.changed = True
            return None
        return record

    def _pdf(self, key: str, imposed: bool) -> tuple[Path, Path | None] | None:
        """The checked PDF (and imposed PDF) of a PDF key, if the store has them."""
        pdf = self.files.lookup(f"{key}.pdf")
        imposed_path = self.files.lookup(f"{key}-in.pdf") if imposed else None
        if pdf is None or key not in self.pages or (imposed and imposed_path is None):
            return None
        return pdf, imposed_path

    def find(self, booklet: Booklet, input_key: str, imposed: bool) -> BookletFile | None:
        """The cached PDF these inputs made, if it and the images it used are unchanged."""
        record = self._record(input_key)
        if record is None or any(_file_hash(Path(p)) != h for p, h in record.files):
            return None
        found = self._pdf(record.key, imposed)
        if found is None:
            return None
        if record.day != today():
            self.inputs[input_key] = _Record(record.key, record.files, today())
            self.changed = True
        return BookletFile(booklet, found[0], self.pages[record.key], 0.0, True, found[1])

    def cached(self, booklet: Booklet, job: _Job) -> BookletFile | None:
        """The cached PDF of an assembled booklet (by its PDF key)."""
        found = self._pdf(job.key, bool(job.imposed))
        if found is None:
            return None
        return BookletFile(booklet, found[0], self.pages[job.key], 0.0, True, found[1])

    def rendered(self, job: _Job, pages: int) -> None:
        """Record the files a worker just wrote."""
        if job.render:
            self.files.record(Path(job.pdf).name)
        if job.imposed:
            self.files.record(Path(job.imposed).name)
        self.pages[job.key] = pages
        self.changed = True

    def add(self, input_key: str | None, job: _Job, pages: int) -> None:
        if input_key is not None:
            files = tuple((p, _file_hash(Path(p))) for p in job.files)
            self.inputs[input_key] = _Record(job.key, files, today())
            self.changed = True

    def prune(self) -> None:
        """The one policy of the store: what no build used for ``CACHE_DAYS`` goes."""
        self.files.prune(days=CACHE_DAYS)
        limit = today() - CACHE_DAYS
        for input_key in list(self.inputs):
            record = self._record(input_key)
            if record is not None and record.day < limit:
                del self.inputs[input_key]
                self.changed = True
        kept = {name.removesuffix(".pdf") for name in self.files.records}
        for key in [k for k in self.pages if k not in kept]:
            del self.pages[key]
            self.changed = True

    def save(self) -> None:
        self.files.save()
        if self.changed:
            inputs = {k: r.encoded() if isinstance(r, _Record) else r
                      for k, r in self.inputs.items()}
            self.store.write_json(INDEX, INDEX_TAG, {"pages": self.pages, "inputs": inputs})
            self.changed = False


def render_job(job: _Job) -> _Done:
    """Render one booklet into the cache (runs in a worker process); the parent records
    the files in the index."""
    from tuyengiao.core.render.booklets.impose import impose
    from tuyengiao.core.render.booklets.pdf import render_pdf

    started = time.perf_counter()
    try:
        pdf = Path(job.pdf)
        pages = 0
        if job.render:
            rendered = render_pdf(job.html, job.base_url, job.key,
                                  files=ProjectFiles(tuple(Path(r) for r in job.roots)))
            write_atomic(pdf, rendered.data)
            pages = rendered.pages
        if job.imposed:
            write_atomic(Path(job.imposed), impose(pdf.read_bytes(), job.title))
    except Exception as exc:  # sent back to the parent as text
        return _Done(job.id, 0, 0.0, f"{type(exc).__name__}: {exc}")
    return _Done(job.id, pages, time.perf_counter() - started)


def _file_hash(path: Path) -> str:
    try:
        return hash_bytes(path.read_bytes())
    except OSError:
        return ""


def _rel(path: Path, layout: ProjectLayout) -> str:
    try:
        return Path(os.path.normpath(path)).relative_to(
            os.path.normpath(layout.project_dir)).as_posix()
    except ValueError:
        return str(path)


def _item_using(booklet: Booklet, path: Path, layout: ProjectLayout) -> str:
    rel = _rel(path, layout)
    for doc in booklet.items:
        if Path(rel).name in doc.body:
            return doc.path
    return "its cover" if rel.startswith(layout.data) else "an item"


def write_into(site_dir: Path, files: Sequence[BookletFile],
               published: Iterable[str] = ()) -> None:
    """Copy the built PDFs into ``<site>/tai-lieu/`` (``<id>.pdf``, ``<id>-in.pdf``).

    ``published`` are the content files the site publishes (paths under ``content/``):
    those an editor keeps under ``content/tai-lieu/`` (a recording, a picture) stay."""
    folder = site_dir / BOOKLET_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    prefix = BOOKLET_FOLDER + "/"
    names = {path.removeprefix(prefix) for path in published if path.startswith(prefix)}
    names |= {name + ".gz" for name in names}
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
    """The booklets of a site build: made before the pages, copied in after them.

    A preview's build takes only those the cache has (:meth:`BookletBuild.lookup`):
    the others are ``pending`` (booklet id → input key), linked as being made, and
    made after the pages are served."""

    files: list[BookletFile]
    pending: dict[str, str] = field(default_factory=dict)
    #: The build the booklets are of (the view, for making the pending ones).
    build: BookletBuild | None = None

    def links(self) -> dict[str, list[BookletLink]]:
        found = links_by_document(self.files)
        if self.pending and self.build is not None:
            for booklet in self.build.booklets:
                if booklet.id in self.pending:
                    link = BookletLink(booklet.id, booklet.title, 0, 0)  # being made
                    for doc in booklet.items:
                        found.setdefault(doc.path, []).append(link)
        return found

    def write_into(self, site_dir: Path, published: Iterable[str] = ()) -> None:
        write_into(site_dir, self.files, published)


def build_site_booklets(layout: ProjectLayout, corpus: Corpus, audience: Audience,
                        inputs: InputKeys | None = None,
                        progress: Progress | None = None) -> SiteBooklets:
    """Every booklet of the audience's view, from the cache where possible."""
    build = BookletBuild(SiteView(corpus, audience), layout, inputs=inputs)
    return SiteBooklets(build.run(progress=progress))


def cached_site_booklets(layout: ProjectLayout, corpus: Corpus, audience: Audience,
                         inputs: InputKeys) -> SiteBooklets:
    """A preview's booklets: those the cache has; the others pending (nothing is
    assembled or rendered)."""
    build = BookletBuild(SiteView(corpus, audience), layout, inputs=inputs)
    found, missing = build.lookup()
    return SiteBooklets(found, missing, build)
