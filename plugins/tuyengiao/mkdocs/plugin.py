"""The ``tuyengiao`` MkDocs plugin: hands every step to a core :class:`SiteBuild`.

* ``on_config``: load → validate → link the corpus once, set the nav and the
  number-linking Markdown extension.
* ``on_files``: replace the files MkDocs found in ``content/`` with the pages
  of this audience at their permalinks (internal documents are never added
  to a public build), plus the generated index pages and referenced assets.
* ``on_page_read_source``: the page's Markdown as the core renders it.
* ``on_post_build``: the search index of the view (``core/search``) into ``search/``.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from tuyengiao.core.link.corpus import Corpus, ProjectLayout, build_corpus
from tuyengiao.core.link.view import AUDIENCES
from tuyengiao.core.render.booklets.build import SiteBooklets
from tuyengiao.core.render.number_links import NumberLinkExtension
from tuyengiao.core.render.search import Site, build_search_index
from tuyengiao.core.render.site.build import SiteBuild
from tuyengiao.core.render.site.document import PageSource
from tuyengiao.core.store import link_tree
from tuyengiao.mkdocs.incremental import IncrementalPages

log = logging.getLogger("mkdocs.plugins.tuyengiao")


class TuyengiaoConfig(base.Config):
    """``plugins: - tuyengiao: {audience: public, data_dir: data, strict: false}``."""

    audience = c.Choice(AUDIENCES, default="public")
    data_dir = c.Type(str, default="data")
    strict = c.Type(bool, default=False)
    #: Who sees per-unit study numbers and unit names: ``internal`` (default) or ``public``.
    study_per_unit = c.Choice(AUDIENCES, default="internal")


def page_source_text(page: PageSource) -> str:
    """The Markdown MkDocs reads for a page: YAML meta, then the body."""
    meta = yaml.safe_dump(page.meta, allow_unicode=True, sort_keys=False)
    return f"---\n{meta}---\n\n{page.markdown}"


class TuyengiaoPlugin(BasePlugin[TuyengiaoConfig]):
    """Adapter between MkDocs' build events and the core pipeline."""

    def __init__(self) -> None:
        super().__init__()
        self.site: SiteBuild | None = None
        self.preloaded: Corpus | None = None  # set by ``tuyengiao build`` after its check
        self.booklets: SiteBooklets | None = None  # set by ``tuyengiao build``: the PDFs
        self.incremental: IncrementalPages | None = None  # set by ``tuyengiao build``
        self.sites: list[Site] = []
        self.search_cache: Path | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.use_directory_urls:
            raise PluginError("tuyengiao: permalinks need 'use_directory_urls: true'")
        project = Path(config.config_file_path or ".").resolve().parent
        layout = ProjectLayout(project, os.path.relpath(config.docs_dir, project),
                               self.config.data_dir)
        corpus = self.preloaded
        if corpus is None:  # plain `mkdocs build`/`serve`; `tuyengiao build` checked already
            corpus = build_corpus(layout)
            self._report(corpus)
        links = self.booklets.links() if self.booklets is not None else None
        self.site = SiteBuild(corpus, self.config.audience, self.config.study_per_unit,
                              booklets=links)
        if self.incremental is not None:
            self.incremental.cache_templates(self.site.renderer.env)
        self.sites = corpus.portal
        self.search_cache = project / ".cache" / "tuyengiao" / "search"
        config.nav = [{entry.title: entry.src_uri} for entry in self.site.nav()]
        extension = NumberLinkExtension(self.site.link_for, self.site.hides_link)
        config.markdown_extensions.append(extension)  # type: ignore[arg-type]
        return config

    def _report(self, corpus: Corpus) -> None:
        for problem in corpus.problems.sorted():
            (log.error if problem.severity.value == "error" else log.warning)(str(problem))
        if corpus.problems.failed(self.config.strict):
            raise PluginError(f"tuyengiao: {corpus.problems.summary(corpus.files_read)}")

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        site = self._site()
        kept = [f for f in files if f.src_dir != config.docs_dir]  # theme files
        for doc in site.documents:
            kept.append(File(doc.src_uri, config.docs_dir, config.site_dir, True,
                             dest_uri=f"{doc.url}index.html"))
        for page in site.generated_pages().values():
            # A page known by its inputs is made only if MkDocs renders it
            # (``on_page_read_source``); the others are made now, to be keyed by their text.
            text = "" if page.inputs is not None else page_source_text(page.source())
            generated = File.generated(config, page.src_uri, content=text)
            generated.dest_uri = f"{page.url}index.html"
            kept.append(generated)
        for asset in sorted(site.assets()):
            kept.append(File(asset, config.docs_dir, config.site_dir, True))
        result = Files(kept)
        if self.incremental is not None:
            self.incremental.mark_files(site, result, config)
        return result

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        source = self._site().page_for(page.file.src_uri)
        return page_source_text(source) if source is not None else None

    def on_page_markdown(self, markdown: str, *, page: Page, **kwargs: Any) -> str:
        url = page.file.url
        self._site().enter_page(page.file.src_uri, "" if url in (".", "./") else url)
        return markdown

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if self.incremental is not None:
            self.incremental.cache_templates(env)
        return env

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.incremental is not None:
            self.incremental.page_done(page)
        return output

    @event_priority(100)  # before the search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.incremental is not None:
            self.incremental.finish(config)  # a second rendering process exits here
        site_search = Path(config.site_dir) / "search"
        # ``tuyengiao build`` keeps the index in its cache, where an edit rewrites only the
        # files it changes, and links it into the fresh site folder.
        out = site_search if self.incremental is None else self.incremental.search_dir()
        stats = build_search_index(self._site().view, out, cache_dir=self.search_cache,
                                   sites=self.sites, name=config.site_name,
                                   digest_of=None if self.incremental is None
                                   else self.incremental.cache.digest_of)
        if out != site_search:
            link_tree(out, site_search)
        log.info("search index: %d documents, %d terms, %d shards, %.1f s", stats.documents,
                 stats.terms, stats.shards, stats.seconds)
        if self.incremental is not None:
            self.incremental.lap("search index", f"{stats.documents} documents, "
                                 f"{stats.written} files written")
        if self.booklets is not None:
            self.booklets.write_into(Path(config.site_dir))
            if self.incremental is not None:
                self.incremental.lap("booklets into site")

    def on_build_error(self, *, error: Exception) -> None:
        if self.incremental is not None:
            self.incremental.build_error()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        data = Path(config.config_file_path or ".").resolve().parent / self.config.data_dir
        if data.is_dir():
            server.watch(str(data))
        return server

    def _site(self) -> SiteBuild:
        if self.site is None:  # pragma: no cover - MkDocs always calls on_config first
            raise PluginError("tuyengiao: on_config did not run")
        return self.site
