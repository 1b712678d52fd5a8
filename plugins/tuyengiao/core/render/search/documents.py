"""Stage *collect*: the documents of a view as plain records for the indexer.

A :class:`SearchDoc` holds exactly what search shows and matches for one
document, as plain text. It is made from the :class:`SiteView` of the build's
audience, so a public index never receives an internal document; numbers of
documents the view hides are removed from the text as well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tuyengiao.core.link.view import SiteView
from tuyengiao.core.model.dates import short_date
from tuyengiao.core.model.document import Document
from tuyengiao.core.model.numbers import find_numbers
from tuyengiao.core.render.search.rules import number_keys

#: Characters of a document's text kept for excerpts (the whole text is indexed).
TEXT_LIMIT = 4000

#: Fields a page shows besides its title, number, issuer, description, tags and body:
#: a guidance's key points and audiences, a Q&A's audience, the signature, recipients
#: and credits. They are indexed (the field ``more``), not put in a result's excerpt.
SHOWN_FIELDS = ("key_points", "audiences", "audience", "place", "signer_title", "signer",
                "recipients", "translator", "reviewed_by")

#: What a document number's serial needs around it (see ``numbers._IN_TEXT``).
#: (A superset: a serial is a whole run of digits followed by "-" or "/".)
_SERIAL = re.compile(r"(\d+)[ \t]*[-/]")


@dataclass(frozen=True)
class SearchDoc:
    """One document as search sees it: a pure value (its JSON is its cache key)."""

    url: str
    type: str
    lang: str
    title: str
    kind: str
    number: str
    date: str
    year: int
    issuer: str
    description: str
    tags: tuple[str, ...]
    text: str
    #: The other texts the page shows (:data:`SHOWN_FIELDS`): indexed, not part of a
    #: result's excerpt.
    more: str = ""
    own_keys: tuple[str, ...] = ()
    mention_keys: tuple[str, ...] = ()


def _field_text(doc: Document, keys: tuple[str, ...]) -> str:
    """The values of these fields of ``doc`` (a list's items each), one text."""
    lines: list[str] = []
    for key in keys:
        value = doc.fields.get(key)
        if isinstance(value, list | tuple):
            lines += [str(item) for item in value]
        elif value:
            lines.append(str(value))
    return " ".join(lines)


def _serials(text: str) -> set[int]:
    """Every number a mention in ``text`` could have as its serial."""
    return {int(run) for run in _SERIAL.findall(text)}


class Collector:
    """Turns the documents of one view into :class:`SearchDoc` values."""

    def __init__(self, view: SiteView) -> None:
        self.view = view
        #: serials of the hidden documents (a draft has none, and no mention finds it)
        self.hidden_serials = view.hidden_serials()

    def redact(self, text: str) -> str:
        """``text`` without the numbers of documents this view does not show."""
        if not self.hidden_serials & _serials(text):
            return text  # no serial of a hidden document: nothing to cut (a quick test)
        out, last = [], 0
        for mention in find_numbers(text):
            if self.view.hides_number(mention.number):
                out.append(text[last:mention.start] + "…")
                last = mention.end
        return "".join(out) + text[last:]

    def collect(self) -> list[SearchDoc]:
        docs = [self.document(d) for d in self.view.documents]
        return sorted(docs, key=lambda d: d.url)

    def document(self, doc: Document) -> SearchDoc:
        number = doc.number
        shown_number = str(number) if number is not None and not number.is_draft else ""
        date = self.view.effective_date(doc)
        body_text = doc.structure.text  # as a reader sees it: read once, at load
        text = self.redact(body_text)
        mention_keys: list[str] = []
        for mention in find_numbers(f"{body_text}\n{doc.description}"):
            if not self.view.hides_number(mention.number):
                mention_keys += number_keys(mention.number)
        parent = doc.parent_number
        if parent is not None and not self.view.hides_number(parent):
            mention_keys += number_keys(parent)
        own = tuple(number_keys(number)) if shown_number and number is not None else ()
        return SearchDoc(
            url=doc.url,
            type=doc.type,
            lang=doc.lang,
            title=self.redact(doc.title),
            kind=doc.kind_name,
            number=shown_number,
            date=short_date(doc.date) if doc.date else "",
            year=date.year if date is not None else 0,
            issuer=str(doc.fields.get("issuer") or ""),
            description=self.redact(doc.description),
            tags=tuple(self.redact(t) for t in doc.tags),
            text=text,
            more=self.redact(_field_text(doc, SHOWN_FIELDS)),
            own_keys=own,
            mention_keys=tuple(sorted(set(mention_keys) - set(own))),
        )
