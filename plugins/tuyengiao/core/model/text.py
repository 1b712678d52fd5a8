"""Vietnamese text helpers: decoding editors' files, slugs, accent folding."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from tuyengiao.core.model.limits import MAX_SLUG_CHARS

_NON_SLUG = re.compile(r"[^a-z0-9]+")


class DecodeError(ValueError):
    """A file is not UTF-8; ``line`` is where the first bad byte is."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def decode_source(raw: bytes) -> str:
    """Return the NFC text of an editor's file.

    A UTF-8 BOM, CRLF or CR line ends and NFD-decomposed Vietnamese are
    normalised silently; any other encoding raises :class:`DecodeError`.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        head = raw[: exc.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        line = head.count(b"\n") + 1
        raise DecodeError(
            line, f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8 (Unicode)"
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Strip Vietnamese diacritics and lower-case: ``Đảng viên`` → ``dang vien``.

    Unicode decomposition does not turn ``đ`` into ``d``, so it is mapped first.
    Text whose letters all fold to ASCII (Vietnamese, Mông RPA) is folded letter by
    letter with a table made by the same rule, which gives the same result faster.
    """
    quick = text.translate(_FOLD_TABLE)
    if quick.isascii():
        return quick.lower()
    return _fold(text)


def _fold(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped).lower()


def _fold_table() -> dict[int, str]:
    """The fold of each Latin letter with marks and of each combining mark, where ASCII."""
    table: dict[int, str] = {}
    for first, last in ((0x00C0, 0x024F), (0x0300, 0x036F), (0x1E00, 0x1EFF)):
        for point in range(first, last + 1):
            folded = _fold(chr(point))
            if folded.isascii():
                table[point] = folded
    return table


_FOLD_TABLE = _fold_table()


def slugify(text: str, max_length: int = 0) -> str:
    """An ASCII URL slug: ``1327-QĐ/TU`` → ``1327-qd-tu``.

    With ``max_length`` the slug is cut at a word boundary.
    """
    slug = _NON_SLUG.sub("-", fold(text)).strip("-")
    if max_length and len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:max_length]
    return slug.strip("-")


def address_slug(text: str) -> str:
    """The slug of a generated address (``/co-quan/<slug>/``): :func:`slugify`, and when
    that is longer than :data:`MAX_SLUG_CHARS`, cut at a word and ended with a hash of
    the whole slug, so that a long name gives a file name the disk accepts and two long
    names that start alike still get two pages."""
    slug = slugify(text)
    if len(slug) <= MAX_SLUG_CHARS:
        return slug
    digest = hashlib.blake2b(slug.encode("ascii"), digest_size=4).hexdigest()
    return f"{slugify(slug, MAX_SLUG_CHARS - len(digest) - 1)}-{digest}"


def heading_slug(value: str, separator: str = "-") -> str:
    """Heading ids for Python-Markdown's ``toc`` (its default drops ``Đ``)."""
    return slugify(value).replace("-", separator)
