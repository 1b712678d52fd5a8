"""What a document page says about the booklets it is in (no heavy imports)."""

from __future__ import annotations

from dataclasses import dataclass

from tuyengiao.core.model.audio import file_size

BOOKLET_FOLDER = "tai-lieu"



@dataclass(frozen=True)
class BookletLink:
    """A built booklet as a page links to it: ``tai-lieu/<id>.pdf``, size, pages."""

    id: str
    title: str
    size: int
    pages: int

    @property
    def url(self) -> str:
        return f"{BOOKLET_FOLDER}/{self.id}.pdf"

    @property
    def label(self) -> str:
        if not self.pages:  # a preview links a booklet it has not made yet
            return "PDF, đang tạo…"
        return f"PDF, {file_size(self.size)}, {self.pages} trang"
