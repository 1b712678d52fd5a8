"""The appendix spreadsheets printed: LibreOffice (Debian's libreoffice-calc-nogui,
installed by ``scripts/setup --dev``) converts the sample's workbook to PDF, and
the pages are read back with pdftotext."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tuyengiao.cli import main

ROOT = Path(__file__).resolve().parents[4]
SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None,
                                reason="needs soffice and pdftotext (scripts/setup --dev)")


def pdf_pages(book: Path, tmp_path: Path) -> list[str]:
    assert SOFFICE is not None
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(book)],
                   check=True, capture_output=True, timeout=300)
    pdf = tmp_path / f"{book.stem}.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    size = next(line for line in info.splitlines() if line.startswith("Page size:"))
    width, height = (float(v) for v in size.split()[2:5:2])
    assert width > height  # landscape
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


def test_the_sample_workbook_prints_one_landscape_page_per_appendix(tmp_path: Path) -> None:
    book = tmp_path / "phu-luc.xlsx"
    assert main(["--project", str(ROOT), "stats", "--format", "xlsx", "--out", str(book)]) == 0
    sheet = load_workbook(book)["PL3"]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$6:$8"
    pages = pdf_pages(book, tmp_path)
    assert len(pages) == 3
    first, _, third = pages
    attached = "(kèm theo Kế hoạch số 271-KH/HU, ngày 20/02/2023 của Ban Thường vụ Huyện ủy)"
    assert all(attached in page for page in pages)
    # Counts and rates are number cells shown the Vietnamese way, whatever the locale.
    row_2021 = next(line for line in first.splitlines() if line.strip().startswith("2021"))
    assert row_2021.split() == ["2021", "27", "1.708/1.732", "98,61%", "401/406", "98,77%",
                                "2.109", "2.159"]
    assert "Cách cộng: dòng không ghi nghị quyết là số cả năm của đơn vị" in first
    # Phụ lục 3: all 24 count columns on the page (8 groups of 3 headings).
    assert third.count("Cá nhân") == 8 and third.count("Số cuộc") == 8
    total = next(line for line in third.splitlines() if line.strip().startswith("Tổng"))
    assert len(total.split()) == 25
