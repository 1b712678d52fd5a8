"""Incremental builds for MkDocs: render only the pages whose inputs changed.

``tuyengiao build`` runs MkDocs' *dirty* build into a fresh, empty staging folder
(:mod:`tuyengiao.mkdocs.run`).
The plugin makes every page's ``File`` itself, as a :class:`PageFile` that knows its
page key (:mod:`tuyengiao.core.incremental.page_keys`) before MkDocs asks anything of
it. Every page stays in ``Files`` (links, nav, sitemap and 404 see the whole site), but
MkDocs reads, converts and writes only the pages whose ``is_modified()`` is true: those
without HTML in the page cache. After the build, the cached HTML of the other pages is
hard-linked into the staging folder and the HTML of the pages just rendered is linked
into the cache, so a cached build writes the same bytes as an uncached one.

With many pages to render, a second process (:mod:`tuyengiao.mkdocs.worker`) renders
with this one: each page is rendered by the process that claims it first, and the
second one links its pages into the cache, from where this one takes them.

Files in the staging folder may share their inode with the cache: a later step must
replace a page file (write a new file and rename), never rewrite it in place.
"""

from __future__ import annotations

import gc
import itertools
import logging
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.utils import CountHandler

from tuyengiao.core.incremental.cache import BuildCache
from tuyengiao.core.incremental.page_keys import PageKeys
from tuyengiao.core.incremental.session import BuildSession
from tuyengiao.core.render.site.build import SiteBuild
from tuyengiao.core.store import code_key, hash_text, link_or_copy
from tuyengiao.i18n import N_, _
from tuyengiao.mkdocs.engine import NAME as ENGINE
from tuyengiao.mkdocs.run import end_dirty_notice, quiet_dirty_notice

if TYPE_CHECKING:
    from tuyengiao.mkdocs.worker import PageWorker

#: With fewer pages to render, a second process costs more than it saves.
PARALLEL_MIN = 100
#: The theme's page MkDocs renders on every build; kept in the page cache like a page.
STATIC_PAGE = "404.html"


class PageFile(File):
    """A page of a build with a session, made by the plugin with its page key.

    ``is_modified()`` is what a dirty build asks to know whether to render a page: true
    when this process renders it (no cached HTML, and claimed by this process when two
    render together). The answer is decided when MkDocs first asks, and kept; it is
    false for every page once a preview's build is cancelled (the plugin then stops
    the build at its next event).
    """

    key = ""
    cached = False
    stage: IncrementalPages | None = None
    renders: bool | None = None

    def is_modified(self) -> bool:
        if self.stage is not None and self.stage.cancelled():
            return False  # a preview's build that stops: MkDocs skips the other pages
        if self.renders is None:
            self.renders = self.stage is not None and self.stage.renders(self)
        return self.renders


def open_cache(session: BuildSession, config: MkDocsConfig) -> BuildCache:
    """The cache of this project for this code, configuration and theme."""
    inputs = [Path(config.config_file_path)]
    custom_dir = config.theme.custom_dir
    if custom_dir:
        inputs.append(Path(custom_dir))
    return session.open_cache(code_key("package", "rendering", inputs=inputs))


def _warned_in_strict_mode() -> bool:
    """A strict build that has warned fails once the pages are written: they must not
    be cached, or the next build would take them without the warning. (MkDocs counts
    the warnings of a strict build with a ``CountHandler`` on its logger.)"""
    return any(isinstance(h, CountHandler) and h.get_counts()
               for h in logging.getLogger(ENGINE).handlers)


def page_cache_is_empty(cache: BuildCache, audience: str) -> bool:
    """True before the first build of this code and audience: every page is rendered."""
    return not any(cache.folder(audience, "pages").iterdir())


def start_helper_early(session: BuildSession, config: MkDocsConfig) -> PageWorker | None:
    """Before the first build of this code and audience in a project of at least
    ``PARALLEL_MIN`` documents, every page is rendered: start the second process now,
    so that it has loaded by the time this one has checked the corpus and made the
    booklets (:meth:`PageWorker.start` then lets it build)."""
    from tuyengiao.mkdocs.worker import PageWorker

    cache, audience = session.cache, session.options.audience
    if (cache is None or session.preview or session.is_helper or (os.cpu_count() or 1) < 2
            or not page_cache_is_empty(cache, audience)):
        return None
    documents = itertools.islice(Path(config.docs_dir).rglob("*.md"), PARALLEL_MIN)
    if sum(1 for _doc in documents) < PARALLEL_MIN:
        return None
    return PageWorker.spawn(session, Path(config.site_dir))


class IncrementalPages:
    """The page stage of one build with a session: keys, the cache, and what is rendered."""

    def __init__(self, session: BuildSession, site: SiteBuild) -> None:
        assert session.cache is not None, "the session's cache is opened before the build"
        self.session = session
        self.cache = session.cache
        self.site = site
        self.audience = site.view.audience
        # A strict build keeps pages of its own: MkDocs warns while it renders a page, and a
        # page from the cache could hide a warning that must fail a strict build.
        self.render_key = hash_text(self.cache.key, self.audience,
                                    "strict" if session.options.strict else "")
        self.pages = self.cache.pages(self.audience)
        self.keys: dict[str, str] = {}  # dest_uri → key of every page of this build
        self.files: list[PageFile] = []
        #: On a helper: pages whose key the main process does not have (left to it).
        self.not_shared: set[str] = set()
        self.written = 0
        self.static_key = ""  # the theme's 404 page (see _static_page)
        self.static_cached = False
        self.to_render = 0
        # The corpus is built and lives until the end: keep the collector off it.
        gc.collect()
        gc.freeze()
        self._mark = time.perf_counter()
        self._log_level = logging.NOTSET

    def lap(self, name: str, count: str = "") -> None:
        """Time since the last lap, as a stage of the summary."""
        now = time.perf_counter()
        self.session.stages.add(name, now - self._mark, count)
        self._mark = now

    def search_dir(self) -> Path:
        """Where this audience's search index is kept between builds."""
        return self.cache.folder(self.audience, "search")

    def cache_templates(self, env: Environment) -> None:
        """Keep compiled Jinja templates between the builds of this process (a preview
        server), in memory only: code is never read back from the disk."""
        env.bytecode_cache = _TEMPLATES

    def quiet_dirty_notice(self) -> None:
        """From now until the files event, MkDocs' build command logs errors only."""
        self._log_level = quiet_dirty_notice()

    def end_dirty_notice(self) -> None:
        end_dirty_notice(self._log_level)

    def template_output(self, output: str) -> str:
        """A second process writes no theme template (sitemap, 404): MkDocs writes no
        template whose output is empty. The main process writes them."""
        return "" if self.session.is_helper else output

    def key_pages(self, files: Files, config: MkDocsConfig) -> None:
        """Key every page the plugin made; pages with cached HTML will not be rendered."""
        self.lap(N_("mkdocs setup"))
        render_key = hash_text(self.render_key, repr(self.site.nav()), self.site.head.key)
        keys = PageKeys(self.site, render_key, self.cache.digest_of)
        by_src = {d.src_uri: d for d in self.site.documents}
        generated = self.site.generated_pages()
        for file in files.documentation_pages():
            if not isinstance(file, PageFile):
                continue
            doc = by_src.get(file.src_uri)
            page = generated.get(file.src_uri)
            if doc is not None:
                file.key = keys.document(doc)
            elif page is not None and page.inputs is not None:
                file.key = keys.generated(file.url, page.inputs)
            else:
                file.key = keys.generated(file.url, (file.content_string,))
            file.cached = self.pages.lookup(file.key) is not None
            file.stage = self
            self.keys[file.dest_uri] = file.key
            self.files.append(file)
        self.to_render = sum(1 for f in self.files if not f.cached)
        self._static_page(keys, config)
        self.lap(N_("page keys"), _("{cached} of {total} pages cached").format(
            cached=len(self.files) - self.to_render, total=len(self.files)))
        if self.session.main_keys is not None:  # a helper
            main = self.session.main_keys()
            self.not_shared = {dest for dest, key in self.keys.items() if main.get(dest) != key}
        if self.session.helper is None and self._wants_helper():
            from tuyengiao.mkdocs.worker import PageWorker

            PageWorker.spawn(self.session, Path(config.site_dir)).start(self.session.booklets)
        if self.session.helper is not None:
            self.session.helper.share_keys(self.keys)

    def _static_page(self, keys: PageKeys, config: MkDocsConfig) -> None:
        """The theme's ``404.html`` is a page of the cache too (keyed like a generated page
        by the site-wide key and the nav): MkDocs renders it only when it is not cached,
        so a build that renders no page compiles no template (compiled templates are
        not kept on disk)."""
        if self.session.is_helper or STATIC_PAGE not in config.theme.static_templates:
            return
        self.static_key = keys.generated(STATIC_PAGE, ("theme template",))
        if self.pages.lookup(self.static_key) is not None:
            config.theme.static_templates.discard(STATIC_PAGE)  # this build's config only
            self.static_cached = True

    def _keep_static_page(self, config: MkDocsConfig) -> None:
        if not self.static_cached:  # MkDocs rendered it into its folder
            self.pages.put(self.static_key, Path(config.site_dir, STATIC_PAGE))
            return
        cached = self.pages.lookup(self.static_key)
        if cached is None:
            raise PluginError(_("tuyengiao: the cached {page} changed during the build; "
                                "build again").format(page=STATIC_PAGE))
        link_or_copy(cached, self.site_dir(config) / STATIC_PAGE)

    def _wants_helper(self) -> bool:
        """A second process pays when many pages must be rendered; one started now must
        first load what this one has, so it needs more of them than one started early."""
        return (not self.session.preview and not self.session.is_helper
                and (os.cpu_count() or 1) > 1
                and self.to_render >= max(PARALLEL_MIN, len(self.files) // 8))

    def renders(self, file: PageFile) -> bool:
        """Whether this process renders ``file`` (asked once per page, by MkDocs)."""
        if file.cached or file.dest_uri in self.not_shared:
            return False
        claims = self.session.claims
        return claims is None or claims.claim(file.key)

    def cancelled(self) -> bool:
        """Whether this build is to stop (a preview's, for a newer save)."""
        return self.session.cancelled()

    def page_written(self) -> None:
        self.written += 1
        self.session.stages.progress(N_("pages written"), self.written, self.to_render)

    def site_dir(self, config: MkDocsConfig) -> Path:
        """Where the pages from the cache go: MkDocs' folder, or the preview's."""
        return self.session.in_place or Path(config.site_dir)

    def finish(self, config: MkDocsConfig) -> bool:
        """Link the pages just rendered into the cache and the others into the site.
        False if the build fails (a strict one has warned): then it keeps nothing."""
        if self.to_render:  # the bar ends (the other process wrote some of them)
            self.session.stages.progress(N_("pages written"), self.to_render, self.to_render)
        if _warned_in_strict_mode():
            return False
        mine = [f for f in self.files if f.renders]
        if self.session.is_helper:
            return True  # the main process keeps what this one wrote (one writer of the cache)
        for file in mine:
            if self.pages.lookup(file.key) is None:
                self.pages.put(file.key, Path(config.site_dir, file.dest_uri))
        theirs = sum(1 for f in self.files if f.renders is False and not f.cached)
        helper = self.session.helper
        if helper is not None and theirs:
            helper.join()  # it has pages this build needs: wait for them
        elif helper is not None:
            helper.stop()
        self.session.rendered = len(mine) + theirs
        self.lap(N_("render pages"), _("{count} pages").format(count=len(mine)) + (
            _(", 2 processes ({count} in the other)").format(count=theirs) if theirs else ""))
        site_dir = self.site_dir(config)
        for file in self.files:  # a page MkDocs did not ask about is not in the site
            if file.renders is not False:
                continue
            if not file.cached:  # written into the staging folder by the other process
                written = Path(config.site_dir, file.dest_uri)
                if not written.is_file():
                    raise PluginError(_("tuyengiao: {page} was not made").format(
                        page=file.dest_uri))
                self.pages.put(file.key, written)
            cached = self.pages.lookup(file.key)
            if cached is None:
                raise PluginError(_("tuyengiao: the cached {page} changed during the build; "
                                    "build again").format(page=file.dest_uri))
            link_or_copy(cached, site_dir / file.dest_uri)
        if self.static_key:
            self._keep_static_page(config)
        self.pages.forget_unused()
        self.session.pages = dict(self.keys)
        self.lap(N_("cache"), _("{count} pages linked").format(
            count=len(self.files) - len(mine)))
        return True



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

