"""Document numbers (số ký hiệu): parsing, normalising, finding them in text.

Two printed styles exist:

* Party style ``271-KH/HU``: serial, kind, issuing body.
* State style ``289/KH-UBND`` (optionally with a year, ``30/2020/NĐ-CP``).

Spaces around ``-`` and ``/`` are tolerated (``1039 - CV/HU`` → ``1039-CV/HU``).
A draft has no serial yet and is written as printed: ``/KH-UBND``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from tuyengiao.core.model.limits import excerpt
from tuyengiao.core.model.text import fold, slugify

#: Kind codes and the Vietnamese name of the kind (loại văn bản).
KINDS: dict[str, str] = {
    "BB": "Biên bản",
    "BC": "Báo cáo",
    "CĐ": "Công điện",
    "CT": "Chỉ thị",
    "CTr": "Chương trình",
    "CV": "Công văn",
    "ĐA": "Đề án",
    "GM": "Giấy mời",
    "HD": "Hướng dẫn",
    "KH": "Kế hoạch",
    "KL": "Kết luận",
    "NĐ": "Nghị định",
    "NQ": "Nghị quyết",
    "QC": "Quy chế",
    "QĐ": "Quyết định",
    "QĐi": "Quy định",
    "TB": "Thông báo",
    "TT": "Thông tư",
    "TTr": "Tờ trình",
}

#: The same, keyed as editors also type them: without Đ and in capitals (``QD``, ``TTR``).
_KINDS_FOLDED: dict[str, str] = {fold(code).upper(): name for code, name in KINDS.items()}

_KIND = r"[A-ZĐ][A-Za-zĐđ]{0,3}"
_BODY = r"[A-ZĐ][A-ZĐ0-9]{0,11}"
_SP = r"[ \t]*"
_PARTY = rf"(?P<p_serial>\d{{1,5}}){_SP}-{_SP}(?P<p_kind>{_KIND}){_SP}/{_SP}(?P<p_body>{_BODY})"
_STATE = (
    rf"(?P<s_serial>\d{{1,5}}){_SP}/{_SP}(?:(?P<s_year>(?:19|20)\d\d){_SP}/{_SP})?"
    rf"(?P<s_kind>{_KIND}){_SP}-{_SP}(?P<s_body>{_BODY}(?:-{_BODY})*)"
)
# In running text a number must stand alone: not glued to letters, digits or slashes.
_IN_TEXT = re.compile(rf"(?<![\w/\-])(?:{_PARTY}|{_STATE})(?![\w\-/])")
#: What every number in text contains (a serial, then "-" or "/"): a quick test first.
_HINT = re.compile(rf"\d{_SP}[-/]")
_FULL = re.compile(rf"\s*(?:{_PARTY}|{_STATE})\s*")
_DRAFT = re.compile(
    rf"\s*(?:/{_SP}(?P<s_kind>{_KIND}){_SP}-{_SP}(?P<s_body>{_BODY}(?:-{_BODY})*)"
    rf"|-{_SP}(?P<p_kind>{_KIND}){_SP}/{_SP}(?P<p_body>{_BODY}))\s*"
)

Style = Literal["party", "state"]


@dataclass(frozen=True)
class DocumentNumber:
    """A parsed document number; ``str()`` gives the canonical printed form."""

    serial: str
    kind_code: str
    body_code: str
    style: Style
    year: str = ""

    @classmethod
    def parse(cls, text: str, allow_draft: bool = False) -> DocumentNumber:
        """Parse a number as an editor types it; raises ``ValueError`` if it is not one."""
        match = _FULL.fullmatch(text)
        if match is None and allow_draft:
            match = _DRAFT.fullmatch(text)
        if match is None:
            hint = " or, for a draft, '/KH-UBND'" if allow_draft else ""
            raise ValueError(
                f"expected a document number like '271-KH/HU' or '289/KH-UBND'{hint}, "
                f"got {excerpt(text)}"
            )
        return cls._from_match(match)

    @classmethod
    def _from_match(cls, m: re.Match[str]) -> DocumentNumber:
        groups = m.groupdict()
        if groups.get("p_kind"):
            return cls(groups.get("p_serial") or "", groups["p_kind"], groups["p_body"], "party")
        return cls(
            groups.get("s_serial") or "",
            groups["s_kind"],
            groups["s_body"],
            "state",
            groups.get("s_year") or "",
        )

    def __str__(self) -> str:
        if self.style == "party":
            return f"{self.serial}-{self.kind_code}/{self.body_code}"
        year = f"{self.year}/" if self.year else ""
        return f"{self.serial}/{year}{self.kind_code}-{self.body_code}"

    @property
    def is_draft(self) -> bool:
        return not self.serial

    @functools.cached_property
    def key(self) -> str:
        """Lookup key: case, diacritics (``QĐ``/``QD``) and leading zeros do not matter."""
        serial = self.serial.lstrip("0") or self.serial
        return fold(str(DocumentNumber(serial, self.kind_code, self.body_code, self.style,
                                       self.year))).upper()

    @property
    def slug(self) -> str:
        """URL slug: ``1327-QĐ/TU`` → ``1327-qd-tu``."""
        return slugify(str(self))

    @property
    def kind_name(self) -> str | None:
        """The Vietnamese kind (``Kế hoạch``) or None when the code is not known."""
        return KINDS.get(self.kind_code) or _KINDS_FOLDED.get(fold(self.kind_code).upper())


@dataclass(frozen=True)
class NumberMention:
    """A number found in running text, with its span in that text."""

    start: int
    end: int
    number: DocumentNumber


def find_numbers(text: str) -> Iterator[NumberMention]:
    """Every document number standing in ``text``, in order."""
    if _HINT.search(text) is None:
        return
    for match in _IN_TEXT.finditer(text):
        yield NumberMention(match.start(), match.end(), DocumentNumber._from_match(match))
