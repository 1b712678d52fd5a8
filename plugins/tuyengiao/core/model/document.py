"""The content model: validated documents and the external documents they cite."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from tuyengiao.core.model.body import BodyStructure
from tuyengiao.core.model.numbers import DocumentNumber
from tuyengiao.core.model.schema import TYPES, DocumentType


@dataclass
class Document:
    """One validated editor's document.

    ``fields`` holds the typed values of every known key (numbers parsed, dates
    as :class:`datetime.date`); ``lines`` the line of each key, for messages.
    """

    path: str
    src_uri: str
    type: str
    title: str
    visibility: str
    lang: str
    fields: dict[str, Any]
    lines: dict[str, int]
    body: str
    body_line: int
    structure: BodyStructure
    url: str = ""
    item_lines: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @property
    def doc_type(self) -> DocumentType:
        return TYPES[self.type]

    @property
    def is_public(self) -> bool:
        return self.visibility == "public"

    @property
    def number(self) -> DocumentNumber | None:
        value = self.fields.get("number")
        return value if isinstance(value, DocumentNumber) else None

    @property
    def is_draft(self) -> bool:
        return self.fields.get("status") == "draft"

    @property
    def date(self) -> dt.date | None:
        value = self.fields.get("date")
        return value if isinstance(value, dt.date) else None

    @property
    def description(self) -> str:
        return str(self.fields.get("description") or "")

    @property
    def tags(self) -> list[str]:
        return list(self.fields.get("tags") or [])

    @property
    def parent_number(self) -> DocumentNumber | None:
        """The number a Q&A, guidance or summary belongs to."""
        for key in ("resolution", "source"):
            value = self.fields.get(key)
            if isinstance(value, DocumentNumber):
                return value
        return None

    @property
    def kind_name(self) -> str:
        """``Kế hoạch`` for a plan; the type's label otherwise."""
        number = self.number
        if number is not None and number.kind_name:
            return number.kind_name
        return self.doc_type.label

    def line(self, key: str) -> int:
        return self.lines.get(key, 1)


@dataclass(frozen=True)
class ExternalDocument:
    """A document that lives elsewhere (``data/external.yml``)."""

    number: DocumentNumber
    title: str
    issuer: str
    url: str = ""
