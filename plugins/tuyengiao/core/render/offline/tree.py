"""A built site → the files of its offline copy (the same for the zip and the ZIM).

Every HTML page goes through :func:`.html.offline_page`, every JSON file of
``search/`` through :func:`.search.offline_search_file`; other files (theme, fonts,
booklets, audio, images) are taken as they are. Left out: what serves the site
online only (the service worker, the web app manifest, the offline page and the
copies themselves in ``ngoai-tuyen/``, the web server's ``404.html``).
"""

from __future__ import annotations

import mimetypes
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from tuyengiao.core.render.offline.copies import SITE_FOLDER
from tuyengiao.core.render.offline.html import OFFLINE_SEARCH, OfflinePage, offline_page
from tuyengiao.core.render.offline.pwa import MANIFEST_FILE, WORKER_FILE
from tuyengiao.core.render.offline.search import offline_loader, offline_search_file

#: Pages per task when pages are rewritten in several processes.
_CHUNK = 200
#: Below this many pages one process is quicker than starting others.
_PARALLEL_FROM = 600
_TYPES = {".js": "application/javascript", ".css": "text/css", ".woff2": "font/woff2",
          ".svg": "image/svg+xml", ".json": "application/json", ".xml": "text/xml",
          ".mp3": "audio/mpeg", ".ogg": "audio/ogg", ".m4a": "audio/mp4",
          ".gz": "application/gzip", ".webmanifest": "application/manifest+json"}


@dataclass(frozen=True)
class OfflineFile:
    """One file of the copy: made for it (``data``) or taken from the site (``source``)."""

    path: str
    data: bytes | None = None
    source: Path | None = None
    title: str = ""

    @property
    def is_page(self) -> bool:
        return self.path.endswith(".html")

    @property
    def mimetype(self) -> str:
        ext = os.path.splitext(self.path)[1].lower()
        if ext == ".html":
            return "text/html"
        return _TYPES.get(ext) or mimetypes.guess_type(self.path)[0] or "application/octet-stream"

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        assert self.source is not None
        return self.source.read_bytes()


def _skipped(rel: str) -> bool:
    # 404.html is for a web server (its links start at the server's root).
    return rel in (WORKER_FILE, MANIFEST_FILE, "404.html") or rel.startswith(SITE_FOLDER + "/")


def site_listing(site: Path) -> list[str]:
    """Every file of the built site that goes into the copy, sorted."""
    found: list[str] = []
    for folder, dirs, names in os.walk(site):
        dirs.sort()
        rel_dir = os.path.relpath(folder, site).replace(os.sep, "/")
        prefix = "" if rel_dir == "." else rel_dir + "/"
        found += [prefix + n for n in names if not _skipped(prefix + n)]
    return sorted(found)


def offline_files(site: Path, jobs: int | None = None) -> Iterator[OfflineFile]:
    """The files of the offline copy of the built site ``site``, sorted by path."""
    listing = site_listing(site)
    folders = frozenset(p[: -len("/index.html")] if "/" in p else ""
                        for p in listing if p == "index.html" or p.endswith("/index.html"))
    pages = [p for p in listing if p.endswith(".html")]
    rewritten = _pages(site, pages, folders, jobs)  # in the order of the listing
    for rel in listing:
        if rel.endswith(".html"):
            page = next(rewritten)
            yield OfflineFile(rel, page.html, title=page.title)
        elif rel.startswith("search/") and rel.endswith(".json"):
            path, data = offline_search_file(rel, (site / rel).read_bytes())
            yield OfflineFile(path, data)
        else:
            yield OfflineFile(rel, source=site / rel)
    yield OfflineFile(OFFLINE_SEARCH, offline_loader())


def _pages(site: Path, pages: Sequence[str], folders: frozenset[str],
           jobs: int | None) -> Iterator[OfflinePage]:
    jobs = jobs or os.cpu_count() or 1
    if jobs < 2 or len(pages) < _PARALLEL_FROM:
        for rel in pages:
            yield offline_page((site / rel).read_bytes(), rel, folders)
        return
    chunks = [pages[i:i + _CHUNK] for i in range(0, len(pages), _CHUNK)]
    # A fresh interpreter per worker (never a fork of a process holding a build).
    with ProcessPoolExecutor(jobs, mp_context=get_context("spawn"),
                             initializer=_init, initargs=(str(site), folders)) as pool:
        for done in pool.map(_chunk, chunks):
            yield from done


_WORKER: dict[str, object] = {}


def _init(site: str, folders: frozenset[str]) -> None:
    _WORKER["site"], _WORKER["folders"] = Path(site), folders


def _chunk(pages: list[str]) -> list[OfflinePage]:
    site, folders = _WORKER["site"], _WORKER["folders"]
    assert isinstance(site, Path) and isinstance(folders, frozenset)
    return [offline_page((site / rel).read_bytes(), rel, folders) for rel in pages]
