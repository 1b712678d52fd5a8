"""The ``tuyengiao`` MkDocs plugin: hands every step to a core :class:`SiteBuild`.

* ``on_config``: load → validate → link the corpus once (or take the one ``tuyengiao
  build`` checked, from its :class:`BuildSession`), set the nav and the number-linking
  Markdown extension.
* ``on_files``: replace the files MkDocs found in ``content/`` with the pages
  of this audience at their permalinks (internal documents are never added
  to a public build), plus the generated index pages and referenced assets.
* ``on_page_read_source``: the page's Markdown as the core renders it.
* ``on_post_build``: the search index of the view (``core/search``) into ``search/``.

With ``enabled: false`` every handler returns at once and MkDocs builds ``content/``
as plain Markdown. A build run by ``tuyengiao build`` or ``serve`` has an active
:class:`BuildSession`: its audience and strictness come from the command line through
the session, the plugin's own configuration is never changed, and pages are rendered
incrementally (:mod:`tuyengiao.mkdocs.incremental`).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from tuyengiao.core.incremental.session import BuildOptions, BuildSession, active_session
from tuyengiao.core.link.corpus import Corpus, ProjectLayout, build_corpus
from tuyengiao.core.link.view import AUDIENCES
from tuyengiao.core.load.html_policy import SafeHtmlExtension
from tuyengiao.core.load.markdown_config import CONFIG_FILE
from tuyengiao.core.render.nobreak import numbers as nobreak_numbers
from tuyengiao.core.render.number_links import NumberLinkExtension
from tuyengiao.core.render.offline.copies import published_copies
from tuyengiao.core.render.site.build import SiteBuild
from tuyengiao.i18n import _
from tuyengiao.mkdocs.files import page_source_text, site_files
from tuyengiao.mkdocs.incremental import IncrementalPages, PageFile
from tuyengiao.mkdocs.output import SiteOutput, theme_color

log = logging.getLogger("mkdocs.plugins.tuyengiao")


class TuyengiaoConfig(base.Config):
    """``plugins: - tuyengiao: {audience: public, data_dir: data, strict: false}``."""

    #: ``false``: the plugin does nothing and MkDocs builds ``content/`` as it is.
    enabled = c.Type(bool, default=True)
    audience = c.Choice(AUDIENCES, default="public")
    data_dir = c.Type(str, default="data")
    strict = c.Type(bool, default=False)
    #: Who sees per-unit study numbers and unit names: ``internal`` (default) or ``public``.
    study_per_unit = c.Choice(AUDIENCES, default="internal")


class TuyengiaoPlugin(BasePlugin[TuyengiaoConfig]):
    """Adapter between MkDocs' build events and the core pipeline."""

    def __init__(self) -> None:
        super().__init__()
        self.site: SiteBuild | None = None
        self.session: BuildSession | None = None  # ``tuyengiao build``/``serve``'s
        self.pages: IncrementalPages | None = None  # the page cache, with a session
        self.output: SiteOutput | None = None
        # The engine's objects of this build (kept for a preview's next save).
        self._files: Files | None = None
        self._nav: Navigation | None = None
        self._env: Any = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        if not config.use_directory_urls:
            raise PluginError(_("tuyengiao: permalinks need 'use_directory_urls: true'"))
        self.session = active_session(config.config_file_path)
        self.site = self._site_build(config, self.session)
        if self.session is not None:
            self.pages = IncrementalPages(self.session, self.site)
        self.output = SiteOutput(self.site, config, self.pages,
                                 self.session.booklets if self.session is not None else None)
        config.nav = [{entry.title: entry.src_uri} for entry in self.site.nav()]
        # Through the plugin: a preview's first pass gives it the site of a newer corpus.
        extension = NumberLinkExtension(lambda number: self._site().link_for(number),
                                        lambda href: self._site().hides_link(href))
        config.markdown_extensions.append(extension)  # type: ignore[arg-type]
        # The HTML policy applies to the pages that hold an editor's text.
        safe = SafeHtmlExtension(active=lambda: self._site().current_page is not None)
        config.markdown_extensions.append(safe)  # type: ignore[arg-type]
        return config

    def _site_build(self, config: MkDocsConfig, session: BuildSession | None) -> SiteBuild:
        """From the session (the command line's options, the corpus it checked, its
        booklets), or from the plugin's own options."""
        options = session.options if session is not None else BuildOptions(
            self.config.audience, self.config.strict)
        corpus = session.corpus if session is not None else None
        booklets = session.booklets if session is not None else None
        project = Path(config.config_file_path or ".").resolve().parent
        # The theme's head partial (partials/pwa.html) adds the web app manifest and
        # the service worker's script to public builds only (README, "Offline").
        config.extra["tuyengiao_installable"] = options.audience == "public"
        config.extra["tuyengiao_theme_color"] = theme_color(config)
        return SiteBuild(corpus or self._load(config, options.strict), options.audience,
                         self.config.study_per_unit,
                         booklets=booklets.links() if booklets is not None else None,
                         copies=published_copies(project, options.audience))

    def _load(self, config: MkDocsConfig, strict: bool) -> Corpus:
        """Plain ``mkdocs build``/``serve``: load and check here, report every problem."""
        project = Path(config.config_file_path or ".").resolve().parent
        corpus = build_corpus(ProjectLayout(project, os.path.relpath(config.docs_dir, project),
                                            self.config.data_dir,
                                            Path(config.config_file_path or CONFIG_FILE).name))
        for problem in corpus.problems.sorted():
            (log.error if problem.severity.value == "error" else log.warning)(str(problem))
        if corpus.problems.failed(strict):
            raise PluginError(_("tuyengiao: {summary}").format(
                summary=corpus.problems.summary(corpus.files_read)))
        return corpus

    @event_priority(-100)  # the last thing before MkDocs announces a dirty build
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        if self.pages is not None:
            self.pages.quiet_dirty_notice()

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        if self.pages is None:
            return site_files(self._site(), files, config)
        self.pages.end_dirty_notice()  # MkDocs has announced it
        self.pages.session.check_cancelled()
        pages = site_files(self._site(), files, config, PageFile,
                           helper=self.pages.session.is_helper)
        self.pages.key_pages(pages, config)
        self.pages.session.check_cancelled()
        self._files = pages
        return pages

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.session is not None:
            self.session.check_cancelled()
        self._nav = nav
        return nav

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled:
            return None
        source = self._site().page_for(page.file.src_uri)
        return page_source_text(source) if source is not None else None

    def on_page_markdown(self, markdown: str, *, page: Page, **kwargs: Any) -> str | None:
        if not self.config.enabled:
            return markdown
        url = page.file.url
        self._site().enter_page(page.file.src_uri, "" if url in (".", "./") else url)
        return markdown

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if not self.config.enabled:
            return env
        env.filters["tg_numbers"] = nobreak_numbers  # overrides/partials/content.html
        if self.session is not None:
            self.session.check_cancelled()  # (never in a page's events: MkDocs logs those)
        env.globals["tg_head"] = self._site().head  # overrides/partials/tg-head.html
        if self.pages is not None:
            self.pages.cache_templates(env)
        self._env = env
        return env

    def on_post_template(self, output_content: str, *, template_name: str,
                         config: MkDocsConfig) -> str | None:
        if not self.config.enabled or self.pages is None:
            return output_content
        return self.pages.template_output(output_content)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled:
            return output
        if self.pages is not None:
            self.pages.page_written()
        return output

    @event_priority(100)  # before the search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        assert self.output is not None
        if self.session is not None:
            self.session.check_cancelled()  # the last moment: nothing is kept yet
        self.output.finish()
        session = self.session
        if session is not None and session.preview and not session.is_helper \
                and self._files is not None and self._nav is not None and self._env is not None:
            from tuyengiao.mkdocs.first import PreviewState

            # What the preview's next save renders its pages with, first.
            session.engine = PreviewState(self, config, self._files, self._nav, self._env)

    def on_build_error(self, *, error: Exception) -> None:
        if not self.config.enabled:
            return
        if self.session is not None:
            self.session.stop_helper()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if not self.config.enabled:
            return server
        data = Path(config.config_file_path or ".").resolve().parent / self.config.data_dir
        if data.is_dir():
            server.watch(str(data))
        return server

    def use_site(self, site: SiteBuild) -> None:
        """A preview's first pass: the site of a newer corpus, for the pages it renders
        with this build's engine objects (:mod:`tuyengiao.mkdocs.first`)."""
        self.site = site

    def _site(self) -> SiteBuild:
        if self.site is None:  # pragma: no cover - MkDocs always calls on_config first
            raise PluginError(_("tuyengiao: on_config did not run"))
        return self.site
