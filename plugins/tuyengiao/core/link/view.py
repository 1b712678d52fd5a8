"""What one audience may see: the security boundary between public and internal.

A public :class:`SiteView` holds only ``visibility: public`` documents. Every
page, index, link, backlink, booklet and search entry is produced through a view,
and the view does not expose the corpus it was made from: its methods answer only
with what the audience may see (a hidden document is ``None``, plain text, or
absent). So an internal document cannot reach a public build by being forgotten
in a filter: the renderers never receive it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Literal

from tuyengiao.core.link.corpus import Corpus, Reference, Target
from tuyengiao.core.load.booklets import BookletDefinition
from tuyengiao.core.model.audio import AudioInfo
from tuyengiao.core.model.document import Document, ExternalDocument
from tuyengiao.core.model.numbers import DocumentNumber
from tuyengiao.i18n import N_

Audience = Literal["public", "internal"]
AUDIENCES: tuple[Audience, ...] = ("public", "internal")
#: The audiences as messages name them (``trang công khai``), to translate with ``_``.
AUDIENCE_NAMES = {"public": N_("public"), "internal": N_("internal")}


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
        self._corpus = corpus
        self.audience = audience
        self.documents: list[Document] = [d for d in corpus.documents if self._allowed(d)]
        self._paths = {d.path for d in self.documents}
        self._by_src = {d.src_uri: d for d in corpus.documents}
        hidden = [d.number for d in corpus.documents
                  if d.number is not None and not d.number.is_draft and not self.shows(d)]
        self._hidden_keys = frozenset(n.key for n in hidden)
        self._hidden_serials = frozenset(int(n.serial) for n in hidden)
        #: The study results of ``data/`` (who may see per-unit numbers is the data
        #: page's rule) and the district sites of a portal.
        self.study = corpus.study
        self.portal = corpus.portal
        #: The site's Markdown configuration (extensions of ``mkdocs.yml``).
        self.markdown = corpus.markdown

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

    def study_resolutions(self) -> list[str]:
        """The resolutions of the study rows that this view may name: a number of a
        document the view leaves out gets no page, no filter and no mention (its rows
        still count in the totals of their year)."""
        shown = []
        for text in self.study.resolutions():
            try:
                hidden = self.hides_number(DocumentNumber.parse(text))
            except ValueError:
                hidden = False
            if not hidden:
                shown.append(text)
        return shown

    def target(self, number: DocumentNumber) -> Target | None:
        """What a mention of ``number`` links to here; None means plain text."""
        return self._visible(self._corpus.resolve(number))

    def hides_number(self, number: DocumentNumber) -> bool:
        """True for the number of a document of the corpus that this view leaves out
        (its mentions must be cut from what the audience reads, e.g. search excerpts)."""
        return number.key in self._hidden_keys

    def hidden_serials(self) -> frozenset[int]:
        """The serials of the numbers :meth:`hides_number` is true for (a quick test)."""
        return self._hidden_serials

    def citations(self, doc: Document) -> list[Citation]:
        """Every number ``doc`` cites, with what it resolves to here (None: plain text)."""
        return [Citation(ref.number, self._visible(ref.target))
                for ref in self._corpus.outgoing.get(doc.path, ())]

    def linked_document(self, src_uri: str) -> tuple[Document | None, bool]:
        """For a link to a file of content/: (the document, if this view shows it;
        whether it is a document this view leaves out)."""
        doc = self._by_src.get(src_uri)
        if doc is None:
            return None, False
        return (doc, False) if self.shows(doc) else (None, True)

    def assets(self) -> set[str]:
        """Files of content/ (not documents) that a shown document links to."""
        return {path for path, docs in self._corpus.file_links.items()
                if not path.endswith(".md") and any(self.shows(d) for d in docs)}

    def audio(self, doc: Document) -> AudioInfo | None:
        """The recording a shown document offers (``audio:``), read from its file."""
        path = doc.fields.get("audio")
        return self._corpus.audio.get(str(path)) if path and self.shows(doc) else None

    def booklet_definitions(self) -> list[BookletDefinition]:
        """The booklets of ``data/booklets.yml`` whose every item this view shows."""
        return [d for d in self._corpus.booklets if all(self.shows(i) for i in d.items)]

    def fingerprint(self) -> str:
        """A hash of everything the view's answers depend on besides the shown
        documents' own content: each document's number, date and whether it is shown."""
        digest = hashlib.blake2b(self.audience.encode(), digest_size=20)
        for d in self._corpus.documents:
            number = d.number
            digest.update(f"{d.path}\0{number.key if number else ''}\0{self.shows(d)}"
                          f"\0{d.date}\n".encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def related(self, doc: Document) -> Related:
        related = Related()
        for ref in self._corpus.outgoing.get(doc.path, ()):
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
        refs = [r for r in self._corpus.incoming.get(doc.path, ()) if self.shows(r.source)]
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
