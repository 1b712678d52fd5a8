"""The print-shop variant: ceil(n/4)*2 A4 landscape pages in saddle-stitch order."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
from booklet_helpers import SampleBooklets

from tuyengiao.core.render.booklets.impose import impose, saddle_stitch_order
from tuyengiao.core.render.booklets.pdf import render_pdf

A4_LANDSCAPE = (841.89, 595.28)


def numbered_booklet(pages: int) -> bytes:
    """An A5 PDF whose page k (1-based) says only ``TRANG-k``."""
    body = "".join(f'<p style="break-before: page">TRANG-{k}</p>' for k in range(1, pages + 1))
    html = f"<html><body>{body}</body></html>"
    rendered = render_pdf(html, "file:///", f"test-{pages}", css="@page { size: A5 }")
    assert rendered.pages == pages
    return rendered.data


def test_saddle_stitch_order_of_eight_and_of_six_pages() -> None:
    # Sheet 1: 8|1 on the front, 2|7 on the back; sheet 2: 6|3, 4|5 (1-based).
    assert saddle_stitch_order(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]
    # Six pages are padded to eight: the blanks fall on the last two pages (7 and 8).
    assert saddle_stitch_order(6) == [(None, 0), (1, None), (5, 2), (3, 4)]


@pytest.mark.parametrize("pages", [1, 4, 5, 8, 13])
def test_every_page_once_and_the_sides_count(pages: int) -> None:
    sides = saddle_stitch_order(pages)
    assert len(sides) == -(-pages // 4) * 2
    placed = [i for side in sides for i in side if i is not None]
    assert sorted(placed) == list(range(pages))


def halves(pdf: Path, page: int) -> tuple[str, str]:
    """The text of the left and right half of one A4 page (poppler's pdftotext)."""
    def crop(x: int) -> str:
        return subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), "-x", str(x), "-y", "0",
             "-W", "421", "-H", "596", "-r", "72", str(pdf), "-"],
            capture_output=True, text=True, check=True).stdout.strip()
    return crop(0), crop(421)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_imposed_pages_land_left_and_right_in_order(tmp_path: Path) -> None:
    path = tmp_path / "in.pdf"
    path.write_bytes(impose(numbered_booklet(6), "Thử"))
    reader = pypdf.PdfReader(path)
    assert len(reader.pages) == 4
    for page in reader.pages:
        size = (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2))
        assert size == A4_LANDSCAPE
    assert [halves(path, n) for n in range(1, 5)] == [
        ("", "TRANG-1"), ("TRANG-2", ""), ("TRANG-6", "TRANG-3"), ("TRANG-4", "TRANG-5")]
    assert reader.metadata is not None and reader.metadata.title == "Thử (bản in ghép trang)"


def test_imposing_is_deterministic() -> None:
    source = numbered_booklet(5)
    assert impose(source) == impose(source)


def test_sample_imposed_files_have_the_right_page_count(sample_booklets: SampleBooklets) -> None:
    for built in sample_booklets.files.values():
        assert built.imposed is not None
        imposed = pypdf.PdfReader(built.imposed)
        assert len(imposed.pages) == -(-built.pages // 4) * 2, built.booklet.id
