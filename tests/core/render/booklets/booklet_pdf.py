"""Reading booklet PDFs in tests: text per page, contents numbers, outline, fonts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdf

from tuyengiao.core.render.booklets.assemble import TocEntry


def squash(text: str) -> str:
    """Text without any whitespace: line breaks of the layout do not matter then."""
    return re.sub(r"\s+", "", text)


class BookletPdf:
    """One booklet PDF opened with pypdf."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.reader = pypdf.PdfReader(path)
        self.texts = [page.extract_text() or "" for page in self.reader.pages]

    @property
    def pages(self) -> int:
        return len(self.reader.pages)

    def toc_pages(self) -> range:
        """The pages after the cover that carry contents lines (leaders ``. . .``)."""
        end = 1
        while end < self.pages and ". . ." in self.texts[end]:
            end += 1
        return range(1, end)

    def printed_numbers(self, toc: list[TocEntry]) -> list[int]:
        """The page number the contents prints after each entry, in order."""
        # Each page without its footer line (the page number), which follows the last entry.
        text = squash("".join(re.sub(r"\n\s*\d+\s*$", "", self.texts[i])
                              for i in self.toc_pages()))
        numbers, cursor = [], 0
        for entry in toc:
            match = re.compile(re.escape(squash(entry.text)) + r"[.]*(\d+)").search(text, cursor)
            assert match is not None, f"{self.path.name}: {entry.text!r} not in the contents"
            numbers.append(int(match.group(1)))
            cursor = match.end()
        return numbers

    def landed(self, toc: list[TocEntry]) -> list[int]:
        """The 1-based page where each heading's text really is.

        The headings are searched in order in the text of the pages after the
        contents, each after the previous one, so a heading found is the first
        occurrence of its words after the previous heading.
        """
        starts, text = [], ""
        for index in range(self.toc_pages().stop, self.pages):
            starts.append((len(text), index + 1))
            text += squash(self.texts[index])
        pages, cursor = [], 0
        for entry in toc:
            found = text.find(squash(entry.text), cursor)
            assert found >= 0, f"{self.path.name}: heading {entry.text!r} not found"
            pages.append(max(page for start, page in starts if start <= found))
            cursor = found + len(squash(entry.text))
        return pages

    def outline(self) -> list[tuple[int, str, int]]:
        """(level, title, 1-based page) of every bookmark, depth first."""
        found: list[tuple[int, str, int]] = []

        def walk(items: list[Any], level: int) -> None:
            for item in items:
                if isinstance(item, list):
                    walk(item, level + 1)
                else:
                    page = self.reader.get_destination_page_number(item) + 1
                    found.append((level, str(item.title), page))

        walk(self.reader.outline, 1)
        return found

    def fonts(self) -> Iterator[tuple[str, Any]]:
        """(base font name, font descriptor) of every font the pages use."""
        seen: set[str] = set()
        for page in self.reader.pages:
            fonts = page["/Resources"].get_object().get("/Font", {})
            for ref in fonts.get_object().values():
                font = ref.get_object()
                name = str(font["/BaseFont"])
                if name in seen:
                    continue
                seen.add(name)
                descendant = font["/DescendantFonts"][0].get_object() if (
                    "/DescendantFonts" in font) else font
                yield name, descendant["/FontDescriptor"].get_object()
