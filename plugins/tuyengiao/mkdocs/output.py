"""What the plugin writes once MkDocs has written the pages: the search index and the
booklets, and (with a session) the pages that came from the cache."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from tuyengiao.core.incremental.publish import remove_file
from tuyengiao.core.render.booklets.build import SiteBooklets
from tuyengiao.core.render.feeds.build import Site as FeedSite
from tuyengiao.core.render.feeds.build import write_feeds
from tuyengiao.core.render.offline.copies import SITE_FOLDER
from tuyengiao.core.render.offline.pwa import DEFAULT_THEME_COLOR, write_pwa
from tuyengiao.core.render.search import build_search_index
from tuyengiao.core.render.share.build import SiteImages, plan_images
from tuyengiao.core.render.site.build import SiteBuild
from tuyengiao.core.render.site.compress import precompress
from tuyengiao.core.render.site.head import robots_txt
from tuyengiao.core.store import CacheStore, link_or_copy, link_tree, write_atomic
from tuyengiao.i18n import N_, _
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
        write_atomic(site_dir / "robots.txt", robots_txt(
            self.site.view.audience, self.config.site_url or "").encode("utf-8"))
        fingerprint = self.search_index(site_dir / "search")
        self.reach(site_dir)
        if self.booklets is not None:
            self.booklets.write_into(site_dir, self.site.assets())
            self._lap(N_("booklets into site"))
        self.offline(site_dir, fingerprint)
        if self.pages is None or not self.pages.session.preview:
            self.compress(site_dir)

    def compress(self, site_dir: Path) -> None:
        """``.gz`` beside every text file, for a static server (not for a preview)."""
        kept = CacheStore.of(self.project).files("gzip")
        stats = precompress(site_dir, kept)
        kept.prune(days=30)
        kept.save()
        self._lap(_("gzip copies"), _("{compressed} compressed, {cached} from cache").format(
                                     compressed=stats.compressed, cached=stats.cached))

    def offline(self, site_dir: Path, fingerprint: str) -> None:
        """The copies ``tuyengiao offline`` wrote, linked into ``ngoai-tuyen/``; for the
        public, the web app manifest and the service worker."""
        for copy in self.site.copies:
            link_or_copy(copy.path, site_dir / SITE_FOLDER / copy.path.name)
        if self.site.view.audience == "public":
            extra = self.config.extra
            write_pwa(site_dir, self.config.site_name, str(extra.get("short_name") or "Tuyên giáo"),
                      self.config.site_description or self.config.site_name,
                      str(extra.get("tuyengiao_theme_color") or DEFAULT_THEME_COLOR), fingerprint)
        self._lap(N_("offline copies and installable site"))

    def search_index(self, site_search: Path) -> str:
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
        log.info(_("search index: {documents} documents, {terms} terms, {shards} shards, "
                   "{seconds}").format(documents=stats.documents, terms=stats.terms,
                                       shards=stats.shards, seconds=f"{stats.seconds:.1f} s"))
        self._lap(N_("search index"), _("{documents} documents, {files} files written").format(
            documents=stats.documents, files=stats.written))
        return stats.fingerprint

    def reach(self, site_dir: Path) -> None:
        """Share images and key-point cards (drawn once, kept in the store) and the feeds
        of the public documents; both need ``site_url`` (absolute addresses)."""
        config = self.config
        images = plan_images(self.site.view, config.site_name, config.site_description or "",
                             config.site_url or "")
        stats = SiteImages(CacheStore.of(self.project)).write_into(site_dir, images)
        if self.pages is not None:  # a preview updated in place loses the images it lost
            session = self.pages.session
            made = {image.path for image in images}
            if session.in_place is not None:
                for path in session.images - made:
                    remove_file(session.in_place, path)
            session.images = made
        log.info(_("share images: %d images, %d drawn, %.1f s"), stats.images, stats.drawn,
                 stats.seconds)
        self._lap(_("share images"), _("{images} images, {drawn} drawn").format(
                                      images=stats.images, drawn=stats.drawn))
        if not config.site_url:
            log.warning(_("tuyengiao: no 'site_url' in %s: link previews get no image and no "
                          "feed is made (they need the site's full address, e.g. 'site_url: "
                          "https://tuyengiao.example.vn/')"),
                        Path(config.config_file_path or "mkdocs.yml").name)
            return
        feeds = write_feeds(self.site.public_view, FeedSite(config.site_name,
                            config.site_description or "", config.site_url), site_dir)
        self._lap(N_("feeds"), _("{count} feeds").format(count=len(feeds)))

    def _lap(self, name: str, count: str = "") -> None:
        if self.pages is not None:
            self.pages.lap(name, count)


def theme_color(config: MkDocsConfig) -> str:
    """The header's colour: ``extra.theme_color``, else the primary colour of the
    first palette as Material's palette stylesheet defines it."""
    chosen = config.extra.get("theme_color")
    if isinstance(chosen, str) and re.fullmatch(r"#[0-9a-fA-F]{6}", chosen):
        return chosen
    palette = config.theme.get("palette")
    first = palette[0] if isinstance(palette, list) and palette else palette
    primary = first.get("primary") if isinstance(first, dict) else None
    if not isinstance(primary, str):
        return DEFAULT_THEME_COLOR
    name = primary.replace(" ", "-").lower()
    for folder in config.theme.dirs:
        for css in sorted(Path(folder, "assets", "stylesheets").glob("palette.*.min.css")):
            found = re.search(rf"\[data-md-color-primary={re.escape(name)}\]"
                              r"\{--md-primary-fg-color:(#[0-9a-fA-F]{6})",
                              css.read_text(encoding="utf-8"))
            if found:
                return found.group(1)
    return DEFAULT_THEME_COLOR
