"""What the plugin writes once MkDocs has written the pages: the search index and the
booklets, and (with a session) the pages that came from the cache."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from tuyengiao.core.render.booklets.build import SiteBooklets
from tuyengiao.core.render.search import build_search_index
from tuyengiao.core.render.site.build import SiteBuild
from tuyengiao.core.render.site.compress import precompress
from tuyengiao.core.store import CacheStore, link_tree
from tuyengiao.mkdocs.incremental import IncrementalPages

log = logging.getLogger("mkdocs.plugins.tuyengiao")


class SiteOutput:
    """The end of one build into ``config.site_dir``."""

    def __init__(self, site: SiteBuild, config: MkDocsConfig, pages: IncrementalPages | None,
                 booklets: SiteBooklets | None) -> None:
        self.site = site
        self.config = config
        self.pages = pages
        self.booklets = booklets
        self.project = Path(config.config_file_path or ".").resolve().parent

    def finish(self) -> None:
        """Cached pages, the search index, the booklets (a second process: its pages only)."""
        if self.pages is not None and (not self.pages.finish(self.config)
                                       or self.pages.session.is_helper):
            return
        site_dir = self.pages.site_dir(self.config) if self.pages else Path(self.config.site_dir)
        self.search_index(site_dir / "search")
        if self.booklets is not None:
            self.booklets.write_into(site_dir)
            self._lap("booklets into site")
        if self.pages is None or not self.pages.session.preview:
            self.compress(site_dir)

    def compress(self, site_dir: Path) -> None:
        """``.gz`` beside every text file, for a static server (not for a preview)."""
        kept = CacheStore.of(self.project).files("gzip")
        stats = precompress(site_dir, kept)
        kept.prune(days=30)
        kept.save()
        self._lap("gzip copies", f"{stats.compressed} compressed, {stats.cached} from cache")

    def search_index(self, site_search: Path) -> None:
        # A build with a session keeps the index in its cache, where an edit rewrites only
        # the files it changes, and links it into the fresh site folder.
        out = site_search if self.pages is None else self.pages.search_dir()
        stats = build_search_index(self.site.view, out,
                                   cache_dir=self.project / ".cache" / "tuyengiao" / "search",
                                   sites=self.site.view.portal, name=self.config.site_name,
                                   digest_of=None if self.pages is None
                                   else self.pages.cache.digest_of)
        if out != site_search:
            link_tree(out, site_search)
        log.info("search index: %d documents, %d terms, %d shards, %.1f s", stats.documents,
                 stats.terms, stats.shards, stats.seconds)
        self._lap("search index", f"{stats.documents} documents, {stats.written} files written")

    def _lap(self, name: str, count: str = "") -> None:
        if self.pages is not None:
            self.pages.lap(name, count)
