"""One build of the site for one audience: the corpus, its view and its pages.

This is the object an engine adapter holds. It is made once per build; every
per-page call is a dictionary lookup or renders that page alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tuyengiao.core.link.corpus import Corpus
from tuyengiao.core.link.view import Audience, SiteView
from tuyengiao.core.load.structure import resolve_link
from tuyengiao.core.model.document import Document, ExternalDocument
from tuyengiao.core.model.numbers import DocumentNumber
from tuyengiao.core.model.urls import relative_url
from tuyengiao.core.render.booklets.links import BookletLink
from tuyengiao.core.render.data.page import StudyPages
from tuyengiao.core.render.number_links import NumberLink
from tuyengiao.core.render.offline.copies import PublishedCopy
from tuyengiao.core.render.site.document import PageSource, Renderer
from tuyengiao.core.render.site.head import page_head
from tuyengiao.core.render.site.indexes import GeneratedPage, IndexPages, NavEntry


class SiteBuild:
    """Everything one build needs, computed once from the project."""

    def __init__(self, corpus: Corpus, audience: Audience,
                 study_per_unit: Audience = "internal",
                 booklets: Mapping[str, Sequence[BookletLink]] | None = None,
                 copies: Sequence[PublishedCopy] = ()) -> None:
        self.view = SiteView(corpus, audience)
        #: What feeds are made from in every build: the public documents only.
        self.public_view = self.view if audience == "public" else SiteView(corpus, "public")
        self.renderer = Renderer(self.view, booklets=booklets)
        self.index_pages = IndexPages(self.view, self.renderer, copies)
        #: The offline copies this build publishes in ``ngoai-tuyen/`` (``core/render/offline``).
        self.copies = list(copies)
        # Per-unit study numbers: internal builds, or every build if the board says so.
        self.study_pages = StudyPages(self.view.study, audience == "internal"
                                      or study_per_unit == "public",
                                      self.view.study_resolutions())
        #: The safety tags of every page (Content-Security-Policy, robots).
        self.head = page_head(self.view)
        self._by_src = {d.src_uri: d for d in self.view.documents}
        self._generated: dict[str, GeneratedPage] | None = None
        self.current_url = ""
        self.current_page: Document | None = None

    @property
    def documents(self) -> list[Document]:
        return self.view.documents

    def page_for(self, src_uri: str) -> PageSource | None:
        """The source of a document's page or of a generated page (made now)."""
        doc = self._by_src.get(src_uri)
        if doc is not None:
            return self.renderer.document(doc)
        generated = self.generated_pages().get(src_uri)
        return generated.source() if generated is not None else None

    def generated_pages(self) -> dict[str, GeneratedPage]:
        """Home, indices and the data pages by ``src_uri`` (listed once per build)."""
        if self._generated is None:
            pages = [*self.index_pages.pages(), *self.study_pages.pages()]
            self._generated = {page.src_uri: page for page in pages}
        return self._generated

    def nav(self) -> list[NavEntry]:
        return self.index_pages.nav() + self.study_pages.nav()

    def assets(self) -> set[str]:
        """Files of content/ (not documents) that a shown document links to."""
        return self.view.assets()

    def enter_page(self, src_uri: str, url: str) -> None:
        """Tell the link resolvers which page is being rendered."""
        self.current_url = url
        self.current_page = self._by_src.get(src_uri)

    def hides_link(self, href: str) -> bool:
        """True for a link, from the current page, to a document this build leaves out."""
        page = self.current_page
        if page is None or not href.split("#")[0].endswith(".md") or ":" in href:
            return False
        return self.view.linked_document(resolve_link(page.src_uri, href.split("#")[0]))[1]

    def link_for(self, number: DocumentNumber) -> NumberLink | None:
        """Resolver for :class:`NumberLinkExtension`, relative to ``current_url``."""
        target = self.view.target(number)
        if isinstance(target, Document):
            return NumberLink(relative_url(self.current_url, target.url),
                              f"{target.kind_name} {number} – {target.title}")
        if isinstance(target, ExternalDocument):
            return NumberLink(target.url, f"{target.title} ({target.issuer})", external=True)
        return None
