"""Which booklets one build makes, and what each holds.

Automatic booklets (no configuration): each resolution that has a Q&A, a
guidance or a summary gets one with the resolution, then its Q&A, then its
guidance; each Mông summary gets one of its own. Hand-defined booklets come
from ``data/booklets.yml``. Everything is chosen through the build's
:class:`SiteView`, so a public build only sees public documents: an automatic
booklet holds only what the view shows, and a defined booklet is made only when
every item in it is shown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tuyengiao.core.link.view import SiteView
from tuyengiao.core.load.booklets import BOOKLETS_FILE, BookletDefinition, automatic_id
from tuyengiao.core.model.document import Document


@dataclass(frozen=True)
class Booklet:
    """One booklet of one build, ready to assemble.

    ``origin`` says where it comes from, for messages: the resolution's or
    summary's file, or ``data/booklets.yml:LINE``.
    """

    id: str
    title: str
    subtitle: str
    lang: str
    items: tuple[Document, ...]
    issuer: str
    date: dt.date | None
    origin: str
    public: bool
    image: str = ""

    @property
    def file_name(self) -> str:
        return f"{self.id}.pdf"

    @property
    def imposed_name(self) -> str:
        return f"{self.id}-in.pdf"


def booklets_for(view: SiteView, data_dir: str = "data") -> list[Booklet]:
    """Every booklet of this view, automatic ones first, in a stable order."""
    found: list[Booklet] = []
    for doc in view.documents:
        if doc.type == "resolution":
            booklet = _for_resolution(view, doc)
            if booklet is not None:
                found.append(booklet)
    found += [_for_summary(view, d) for d in view.documents if d.type == "summary"]
    found.sort(key=lambda b: b.id)
    origin = f"{data_dir}/{BOOKLETS_FILE}"
    found += [_defined(view, d, origin) for d in view.booklet_definitions()]
    return found


def _for_resolution(view: SiteView, doc: Document) -> Booklet | None:
    related = view.related(doc)
    if not (related.qa or related.guidance or related.summaries):
        return None
    items = (doc, *related.qa, *related.guidance)
    number = doc.number
    title = f"{doc.kind_name} số {number}" if number and not number.is_draft else (
        f"Dự thảo {doc.kind_name.lower()}")
    return Booklet(automatic_id(doc), title, doc.title, doc.lang, items,
                   str(doc.fields.get("issuer", "")), _latest(view, items), doc.path,
                   all(i.is_public for i in items))


def _for_summary(view: SiteView, doc: Document) -> Booklet:
    number = doc.parent_number
    subtitle = f"Lus Hmoob · Tóm tắt tiếng Mông {number}" if number else "Lus Hmoob"
    return Booklet(automatic_id(doc), doc.title, subtitle, "hmn", (doc,), _issuer(view, (doc,)),
                   _latest(view, (doc,)), doc.path, doc.is_public)


def _defined(view: SiteView, definition: BookletDefinition, origin: str) -> Booklet:
    items = definition.items
    return Booklet(definition.id, definition.title, definition.subtitle, definition.lang,
                   items, _issuer(view, items), _latest(view, items),
                   f"{origin}:{definition.line}", all(i.is_public for i in items),
                   definition.image)


def _issuer(view: SiteView, items: tuple[Document, ...]) -> str:
    """The issuer of the first resolution in the booklet, or of the first item's parent."""
    for doc in items:
        resolution = doc if doc.type == "resolution" else view.parent(doc)
        if resolution is not None and resolution.fields.get("issuer"):
            return str(resolution.fields["issuer"])
    return ""


def _latest(view: SiteView, items: tuple[Document, ...]) -> dt.date | None:
    """The latest date of the items (a Q&A's is its resolution's, if shown)."""
    dates = [d for d in (view.effective_date(i) for i in items) if d is not None]
    return max(dates) if dates else None

