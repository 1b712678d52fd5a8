"""Incremental builds for MkDocs: render only the pages whose inputs changed.

``tuyengiao build`` runs MkDocs with ``dirty=True`` into a fresh staging
folder. Every page stays in ``Files`` (links, nav, sitemap and 404 see the
whole site), but a page whose key (:mod:`tuyengiao.core.incremental.page_keys`) has HTML
in the cache reports ``is_modified() == False``, so MkDocs neither reads,
converts nor writes it. After the build, the cached HTML of those pages is
hard-linked into the staging folder and the HTML of the pages just rendered
is linked into the cache, so a cached build writes the same bytes as an
uncached one.

Files in the staging folder may share their inode with the cache: a later
step must replace a page file (write a new file and rename), never rewrite it
in place.
"""

from __future__ import annotations

import gc
import io
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from tuyengiao.core.incremental.cache import BuildCache
from tuyengiao.core.incremental.page_keys import PageKeys
from tuyengiao.core.incremental.timing import Stages
from tuyengiao.core.render.site.build import SiteBuild
from tuyengiao.core.store import code_key, hash_text, link_or_copy
from tuyengiao.mkdocs.engine import NAME as ENGINE

#: Below this many pages to render, a second process costs more than it saves.
PARALLEL_MIN = 100
#: The theme's page MkDocs renders on every build; kept in the page cache.
STATIC_PAGE = "404.html"


class ReusedFile(File):
    """A page whose HTML comes from the cache: MkDocs skips it in a dirty build."""

    def is_modified(self) -> bool:
        return False


class RenderedFile(File):
    """A page to render. MkDocs' own test (page older than its source) would skip a page
    of a site updated in place whose inputs changed in other files."""

    def is_modified(self) -> bool:
        return True


class _DirtyWarning(logging.Filter):
    """MkDocs warns about ``--dirty`` builds and, in a preview's folder updated in place,
    about "stale files"; ours are exact (gone pages are removed), so both are noise."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return "'dirty' build" not in message and "contains stale files" not in message


def quiet_dirty_warning() -> None:
    logging.getLogger(f"{ENGINE}.commands.build").addFilter(_DirtyWarning())


class IncrementalPages:
    """The page stage of one build with the on-disk cache of one audience."""

    def __init__(self, cache: BuildCache, audience: str, render_key: str,
                 stages: Stages | None = None) -> None:
        self.cache = cache
        self.audience = audience
        self.render_key = render_key
        self.stages = stages or Stages()
        self.pages = cache.pages(audience)
        self.keys: dict[str, str] = {}  # dest_uri → key of every page of this build
        self.rendered: set[str] = set()
        self.files: Files | None = None
        #: The pages of the last build into the same folder (``serve``): gone ones are removed.
        self.previous_pages: set[str] = set()
        cache.on_progress = lambda done, total: self.stages.progress("documents read", done,
                                                                     total)
        self.static_key = ""  # the theme's 404 page (see _static_page)
        self.static_cached = False
        self.to_render = 0
        self.parallel = True  # render in two processes when there are many pages
        self.is_child = False
        self.child_pid = 0
        self.child_pages: set[str] = set()
        self._mark = time.perf_counter()

    def lap(self, name: str, count: str = "") -> None:
        """Time since the last lap, as a stage of the summary."""
        now = time.perf_counter()
        self.stages.add(name, now - self._mark, count)
        self._mark = now

    def start(self) -> None:
        # The corpus is built and lives until the end: keep the collector off it.
        gc.collect()
        gc.freeze()
        self._mark = time.perf_counter()

    def search_dir(self) -> Path:
        """Where this audience's search index is kept between builds."""
        return self.cache.folder(self.audience, "search")

    def cache_templates(self, env: Environment) -> None:
        """Keep compiled Jinja templates between the builds of this process (a preview
        server), in memory only: code is never read back from the disk."""
        env.bytecode_cache = _TEMPLATES

    def mark_files(self, site: SiteBuild, files: Files, config: Any) -> None:
        """Key every page; pages with cached HTML are skipped."""
        self.lap("mkdocs setup")
        render_key = hash_text(self.render_key, repr(site.nav()))
        keys = PageKeys(site, render_key, self.cache.digest_of)
        by_src = {d.src_uri: d for d in site.documents}
        generated = site.generated_pages()
        reused = 0
        for file in files.documentation_pages():
            doc = by_src.get(file.src_uri)
            page = generated.get(file.src_uri)
            if doc is not None:
                key = keys.document(doc)
            elif page is not None and page.inputs is not None:
                key = keys.generated(file.url, page.inputs)
            else:
                key = keys.generated(file.url, (file.content_string,))
            self.keys[file.dest_uri] = key
            if self.pages.lookup(key) is not None:
                file.__class__ = ReusedFile
                reused += 1
            else:
                file.__class__ = RenderedFile
        self.files = files
        self._static_page(keys, config)
        self.lap("page keys", f"{reused} of {len(self.keys)} pages cached")
        todo = sorted((f for f in files.documentation_pages()
                       if not isinstance(f, ReusedFile)),
                      key=lambda f: f.dest_uri)
        if self.parallel and len(todo) >= PARALLEL_MIN and (os.cpu_count() or 1) > 1:
            self._fork(files, config, todo[1::2])
        self.to_render = sum(1 for f in files.documentation_pages()
                             if not isinstance(f, ReusedFile))

    def _static_page(self, keys: PageKeys, config: Any) -> None:
        """The theme's ``404.html`` is a page of the cache too (keyed like a generated
        page by the site-wide key and the nav): MkDocs renders it only when it is not
        cached, so a build that renders no page compiles no template (compiled
        templates are not kept on disk)."""
        if STATIC_PAGE not in config.theme.static_templates:
            return
        self.static_key = keys.generated(STATIC_PAGE, ("theme template",))
        if self.pages.lookup(self.static_key) is not None:
            config.theme.static_templates.discard(STATIC_PAGE)
            self.static_cached = True
        else:  # a site updated in place: MkDocs must write a new file, not through a link
            (Path(config.site_dir) / STATIC_PAGE).unlink(missing_ok=True)

    def _keep_static_page(self, site_dir: Path) -> None:
        target = site_dir / STATIC_PAGE
        if not self.static_cached:
            self.pages.put(self.static_key, target)
            return
        cached = self.pages.lookup(self.static_key)
        if cached is None:
            raise PluginError(f"tuyengiao: the cached {STATIC_PAGE} changed during the "
                              "build; build again")
        link_or_copy(cached, target)

    def _fork(self, files: Files, config: Any, theirs: list[File]) -> None:
        """Render ``theirs`` in a second process, into the same staging folder.

        The child renders and writes only those pages (no theme files, no
        sitemap, no search index) and exits in ``on_post_build``; the parent
        skips them and waits for it in :meth:`finish`.
        """
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid != 0:
            self.child_pid = pid
            self.child_pages = {f.dest_uri for f in theirs}
            for file in theirs:
                file.__class__ = ReusedFile
            return
        self.is_child = True
        self.stages = Stages(io.StringIO())
        mine = {id(f) for f in theirs}
        for file in list(files):
            if not file.is_documentation_page():
                files.remove(file)
            elif id(file) not in mine:
                file.__class__ = ReusedFile
        config.theme.static_templates = set()

    def build_error(self) -> None:
        """MkDocs failed: a child stops at once; a parent does not leave its child behind."""
        if self.is_child:
            os._exit(1)
        if self.child_pid:
            os.kill(self.child_pid, signal.SIGTERM)
            os.waitpid(self.child_pid, 0)
            self.child_pid = 0

    def _exit_child(self, config: Any) -> None:
        warned = any(isinstance(h, CountHandler) and h.get_counts()
                     for h in logging.getLogger(ENGINE).handlers)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(2 if config.strict and warned else 0)

    def _join_child(self) -> None:
        if not self.child_pid:
            return
        pid, self.child_pid = self.child_pid, 0
        code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
        if code != 0:
            raise PluginError("tuyengiao: pages rendered in the second process failed"
                              + (" (warnings in strict mode)" if code == 2 else ""))
        self.rendered |= self.child_pages

    def page_done(self, page: Page) -> None:
        """Called before MkDocs writes a page. Its name may be a hard link of a cached
        page (a site updated in place): the page must get a new file."""
        Path(page.file.abs_dest_path).unlink(missing_ok=True)
        self.rendered.add(page.file.dest_uri)
        self.stages.progress("pages written", len(self.rendered), self.to_render)

    def finish(self, config: Any) -> None:
        """Link cached pages into the site and the pages just rendered into the cache."""
        if self.is_child:
            self._exit_child(config)
        self._join_child()
        self.lap("render pages", f"{len(self.rendered)} pages"
                  + (", 2 processes" if self.child_pages else ""))
        site_dir = Path(config.site_dir)
        assert self.files is not None
        for file in self.files.documentation_pages():
            key = self.keys.get(file.dest_uri)
            if key is None:
                continue
            target = site_dir / file.dest_uri
            if file.dest_uri in self.rendered:
                self.pages.put(key, target)
            else:
                cached = self.pages.lookup(key)
                if cached is None:  # changed since mark_files looked: never publish it
                    raise PluginError(f"tuyengiao: the cached page {file.dest_uri} changed "
                                      "during the build; build again")
                link_or_copy(cached, target)
        for gone in self.previous_pages - self.keys.keys():  # a site updated in place
            _remove_page(site_dir, gone)
        if self.static_key:
            self._keep_static_page(site_dir)
        self.pages.forget_unused()
        self.lap("cache", f"{len(self.keys) - len(self.rendered)} pages linked")


class _MemoryBytecodeCache(BytecodeCache):
    """Compiled templates of this process, by template and source checksum."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_TEMPLATES = _MemoryBytecodeCache()


def _remove_page(site_dir: Path, dest_uri: str) -> None:
    """Remove a page's file and the folders it leaves empty."""
    path = site_dir / dest_uri
    path.unlink(missing_ok=True)
    for folder in path.parents:
        if folder == site_dir:
            break
        try:
            folder.rmdir()
        except OSError:
            break  # not empty


def open_cache(project_dir: Path, config: Any, audience: str,
               previous: BuildCache | None = None) -> IncrementalPages:
    """The cache of this project for this code, configuration and theme.

    ``previous`` is the cache of the last build of the same process (a preview
    server): when the code key is the same, its loaded entries are kept in memory.
    """
    inputs = [Path(config.config_file_path)]
    custom_dir = config.theme.custom_dir
    if custom_dir:
        inputs.append(Path(custom_dir))
    key = code_key("package", "rendering", inputs=inputs)
    cache = previous if previous is not None and previous.key == key else BuildCache(
        project_dir, key)
    return IncrementalPages(cache, audience, hash_text(key, audience))


def discard_later(path: Path, trash: Path) -> None:
    """Remove an old site without making the build wait: move it into ``trash`` (same
    file system) and delete it from a detached process; else delete it now."""
    target = trash / f"{path.name}-{time.time_ns()}"
    try:
        trash.mkdir(parents=True, exist_ok=True)
        path.rename(target)
    except OSError:
        shutil.rmtree(path, ignore_errors=True)
        return
    subprocess.Popen([sys.executable, "-c", "import shutil, sys; "
                      "shutil.rmtree(sys.argv[1], ignore_errors=True)", str(target)],
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, start_new_session=True)
