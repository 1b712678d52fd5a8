"""What one audience may see: the security boundary between public and internal.

A public :class:`SiteView` holds only ``visibility: public`` documents. Every
page, index, link and backlink is produced through a view, so an internal
document cannot reach a public build by being forgotten in a filter: the
renderers never receive it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from tuyengiao.core.link.corpus import Corpus, Reference, Target
from tuyengiao.core.model.document import Document, ExternalDocument
from tuyengiao.core.model.numbers import DocumentNumber

Audience = Literal["public", "internal"]
AUDIENCES: tuple[Audience, ...] = ("public", "internal")


@dataclass(frozen=True)
class Citation:
    """An outgoing citation as a page shows it: a number and what it resolves to."""

    number: DocumentNumber
    target: Document | ExternalDocument | None


@dataclass
class Related:
    """The "Văn bản liên quan" of one document, already filtered for the audience."""

    parent: Citation | None = None
    implements: list[Citation] = field(default_factory=list)
    implemented_by: list[Document] = field(default_factory=list)
    mentioned_by: list[Document] = field(default_factory=list)
    qa: list[Document] = field(default_factory=list)
    guidance: list[Document] = field(default_factory=list)
    summaries: list[Document] = field(default_factory=list)

    def __bool__(self) -> bool:
        return any((self.parent, self.implements, self.implemented_by, self.mentioned_by,
                    self.qa, self.guidance, self.summaries))


class SiteView:
    """The corpus as one audience sees it."""

    def __init__(self, corpus: Corpus, audience: Audience) -> None:
        self.corpus = corpus
        self.audience = audience
        self.documents: list[Document] = [d for d in corpus.documents if self._allowed(d)]
        self._paths = {d.path for d in self.documents}

    def _allowed(self, doc: Document) -> bool:
        return self.audience == "internal" or doc.is_public

    def shows(self, doc: Document) -> bool:
        return doc.path in self._paths

    def parent(self, doc: Document) -> Document | None:
        """The resolution a Q&A, guidance or summary belongs to, if this view shows it."""
        number = doc.parent_number
        target = self.target(number) if number is not None else None
        return target if isinstance(target, Document) else None

    def effective_date(self, doc: Document) -> dt.date | None:
        """A document's own date, or the date of the resolution it belongs to when this
        view shows that resolution (an internal parent's date never reaches a public page)."""
        if doc.date is not None:
            return doc.date
        parent = self.parent(doc)
        return parent.date if parent is not None else None

    def target(self, number: DocumentNumber) -> Target | None:
        """What a mention of ``number`` links to here; None means plain text."""
        return self._visible(self.corpus.resolve(number))

    def related(self, doc: Document) -> Related:
        related = Related()
        for ref in self.corpus.outgoing.get(doc.path, ()):
            citation = Citation(ref.number, self._visible(ref.target))
            if ref.relation == "explains":
                related.parent = citation
            elif ref.relation == "implements":
                related.implements.append(citation)
        seen: set[str] = set()
        for ref in self._incoming(doc):
            bucket = self._bucket(related, ref)
            if bucket is not None and ref.source.path not in seen:
                seen.add(ref.source.path)
                bucket.append(ref.source)
        return related

    def _incoming(self, doc: Document) -> list[Reference]:
        refs = [r for r in self.corpus.incoming.get(doc.path, ()) if self.shows(r.source)]
        order = {"explains": 0, "implements": 1, "mentions": 2}
        return sorted(refs, key=lambda r: order[r.relation])

    @staticmethod
    def _bucket(related: Related, ref: Reference) -> list[Document] | None:
        if ref.relation == "explains":
            return {"qa": related.qa, "guidance": related.guidance,
                    "summary": related.summaries}.get(ref.source.type)
        if ref.relation == "implements":
            return related.implemented_by
        return related.mentioned_by

    def _visible(self, target: Target | None) -> Target | None:
        if isinstance(target, Document) and not self.shows(target):
            return None
        return target
