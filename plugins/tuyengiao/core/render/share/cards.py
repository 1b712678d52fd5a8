"""What a share image or a key-point card says: plain values, made from a view.

A card is the whole input of its image: the image's cache key is a hash of the card
(and of the drawing code and fonts), so an edit that does not change what a card
says draws nothing again.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from tuyengiao.core.link.view import SiteView
from tuyengiao.core.model.dates import short_date
from tuyengiao.core.model.document import Document

#: Share image (``og:image``): Facebook's recommended 1.91:1 at its recommended size.
SHARE_SIZE = (1200, 630)
#: Key-point card: square, the size Facebook and Zalo show a posted photo at full width.
CARD_SIZE = (1080, 1080)
#: The file beside a document's ``index.html``; the site's own image at its root.
SHARE_FILE = "chia-se.png"
#: Key-point cards: ``<document url>the-1.png``, ``the-2.png``…
CARD_PREFIX = "the-"


@dataclass(frozen=True)
class ShareCard:
    """A 1,200×630 preview: a kind line (``KẾ HOẠCH SỐ 271-KH/HU``), the title, and a
    foot (issuer, date); ``site`` is the host shown in a corner. The site's own card
    has no kind line and its description as ``subtitle``."""

    lang: str
    kind: str
    title: str
    foot: str
    site: str
    subtitle: str = ""

    def key(self) -> str:
        return json.dumps(["share", asdict(self)], ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class KeyPointCard:
    """A 1,080×1,080 card of one key point of a guidance: ``index`` of ``count``, the
    point, and what it is about (the guidance's kind line and title)."""

    lang: str
    heading: str
    index: int
    count: int
    text: str
    about: str
    site: str

    def key(self) -> str:
        return json.dumps(["card", asdict(self)], ensure_ascii=False, sort_keys=True)


def kind_text(doc: Document) -> str:
    """``Kế hoạch số 271-KH/HU``; ``Hỏi – đáp · về 14-KH/TU``; a Mông summary in Mông
    (``Lus Hmoob · txog tsab 271-KH/HU``: in Mông, about the document 271-KH/HU)."""
    number = doc.number
    if doc.type == "resolution":
        if number is None or number.is_draft:
            return f"Dự thảo {doc.kind_name.lower()}"
        return f"{doc.kind_name} số {number}"
    parent = doc.parent_number
    if doc.lang == "hmn":
        return "Lus Hmoob" + (f" · txog tsab {parent}" if parent is not None else "")
    return doc.doc_type.label + (f" · về {parent}" if parent is not None else "")


def kind_line(doc: Document) -> str:
    """:func:`kind_text` in capitals, as the cards print it (the number as written)."""
    text = kind_text(doc)
    number = doc.number if doc.type == "resolution" else doc.parent_number
    shown = str(number) if number is not None else ""
    upper = text.upper()
    return upper.replace(shown.upper(), shown) if shown else upper


def issuer_of(view: SiteView, doc: Document) -> str:
    """A resolution's issuer; for a Q&A, guidance or summary, its resolution's (if shown)."""
    source = doc if doc.type == "resolution" else view.parent(doc)
    return str(source.fields.get("issuer") or "") if source is not None else ""


def share_card(view: SiteView, doc: Document, site: str) -> ShareCard:
    """The preview of a document's page."""
    date = short_date(view.effective_date(doc))
    foot = " · ".join(p for p in (issuer_of(view, doc), date) if p)
    return ShareCard(doc.lang, kind_line(doc), doc.title, foot, site)


def key_point_cards(view: SiteView, doc: Document, site: str) -> list[KeyPointCard]:
    """One card per key point of a guidance (none for other types)."""
    points = [str(p) for p in doc.fields.get("key_points") or []]
    heading = "NỘI DUNG CỐT LÕI"
    about = doc.title
    return [KeyPointCard(doc.lang, heading, i, len(points), text, about, site)
            for i, text in enumerate(points, 1)]
