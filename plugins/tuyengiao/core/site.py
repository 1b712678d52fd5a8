"""One build of the site for one audience: the corpus, its view and its pages.

This is the object an engine adapter holds. It is made once per build; every
per-page call is a dictionary lookup or renders that page alone.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from .corpus import Corpus, ProjectLayout, build_corpus
from .markdown_links import NumberLink
from .model import Document, ExternalDocument
from .numbers import DocumentNumber
from .pages import IndexPages, NavEntry
from .render import PageSource, Renderer
from .urls import relative_url
from .view import Audience, SiteView

_LOCAL_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?|\bsrc=[\"']([^\"']+)[\"']")


class SiteBuild:
    """Everything one build needs, computed once from the project."""

    def __init__(self, corpus: Corpus, audience: Audience) -> None:
        self.corpus = corpus
        self.view = SiteView(corpus, audience)
        self.renderer = Renderer(self.view)
        self.index_pages = IndexPages(self.view, self.renderer)
        self._by_src = {d.src_uri: d for d in self.view.documents}
        self.current_url = ""

    @classmethod
    def load(cls, layout: ProjectLayout, audience: Audience) -> SiteBuild:
        return cls(build_corpus(layout), audience)

    @property
    def documents(self) -> list[Document]:
        return self.view.documents

    def document_for(self, src_uri: str) -> Document | None:
        return self._by_src.get(src_uri)

    def page_for(self, src_uri: str) -> PageSource | None:
        doc = self._by_src.get(src_uri)
        return self.renderer.document(doc) if doc is not None else None

    def generated_pages(self) -> Iterator[PageSource]:
        return self.index_pages.pages()

    def nav(self) -> list[NavEntry]:
        return self.index_pages.nav()

    def assets(self) -> set[str]:
        """Non-Markdown files under content/ that a shown document refers to."""
        wanted: set[str] = set()
        for doc in self.view.documents:
            if doc.fields.get("audio"):
                wanted.add(str(doc.fields["audio"]))
            folder = posixpath.dirname(doc.src_uri)
            for match in _LOCAL_LINK.finditer(doc.body):
                target = (match.group(1) or match.group(2)).split("#")[0].split("?")[0]
                if target and "://" not in target and not target.startswith(("/", "mailto:")):
                    wanted.add(posixpath.normpath(posixpath.join(folder, target)))
        return {p for p in wanted if p in self.corpus.content_files and not p.endswith(".md")}

    def link_for(self, number: DocumentNumber) -> NumberLink | None:
        """Resolver for :class:`NumberLinkExtension`, relative to ``current_url``."""
        target = self.view.target(number)
        if isinstance(target, Document):
            return NumberLink(relative_url(self.current_url, target.url),
                              f"{target.kind_name} {number} – {target.title}")
        if isinstance(target, ExternalDocument):
            return NumberLink(target.url, f"{target.title} ({target.issuer})", external=True)
        return None
