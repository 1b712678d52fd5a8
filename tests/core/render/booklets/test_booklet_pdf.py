"""The booklet PDFs of the sample corpus, opened with pypdf: pages, contents, outline,
metadata, fonts, and the same bytes from the same input."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from booklet_helpers import SampleBooklets, booklet_build, copy_sample
from booklet_pdf import BookletPdf, squash

A5 = (419.53, 595.28)
EXPECTED_IDS = ["1039-cv-hu", "14-kh-tu", "271-kh-hu", "271-kh-hu-hmn", "dai-hoi-xiii-hmn",
                "nq-dai-hoi-xiii", "so-tay-bao-cao-vien-2023"]


def opened(sample: SampleBooklets, booklet_id: str) -> BookletPdf:
    return sample.pdf(booklet_id)


def test_the_public_build_makes_these_booklets(sample_booklets: SampleBooklets) -> None:
    assert list(sample_booklets.files) == EXPECTED_IDS


@pytest.mark.parametrize("booklet_id", EXPECTED_IDS)
def test_page_count_and_a5_pages(sample_booklets: SampleBooklets, booklet_id: str) -> None:
    pdf = opened(sample_booklets, booklet_id)
    assert pdf.pages == sample_booklets.files[booklet_id].pages
    assert pdf.pages >= 4  # cover, contents, at least one page per item
    for page in pdf.reader.pages:
        assert (round(float(page.mediabox.width), 2),
                round(float(page.mediabox.height), 2)) == A5


@pytest.mark.parametrize("booklet_id", EXPECTED_IDS)
def test_contents_numbers_are_where_the_headings_landed(
    sample_booklets: SampleBooklets, booklet_id: str
) -> None:
    pdf = opened(sample_booklets, booklet_id)
    toc = sample_booklets.html(booklet_id).toc
    assert len(toc) >= 2
    printed = pdf.printed_numbers(toc)
    assert printed == pdf.landed(toc)
    assert printed == sorted(printed)
    assert printed[0] > max(pdf.toc_pages())  # the contents do not list themselves


@pytest.mark.parametrize("booklet_id", EXPECTED_IDS)
def test_outline_matches_the_contents(sample_booklets: SampleBooklets, booklet_id: str) -> None:
    pdf = opened(sample_booklets, booklet_id)
    toc = sample_booklets.html(booklet_id).toc
    assert [(level, title) for level, title, _ in pdf.outline()] == [
        (e.level, e.text) for e in toc]
    assert [page for _, _, page in pdf.outline()] == pdf.printed_numbers(toc)


def test_qa_booklet_contents_list_every_question(sample_booklets: SampleBooklets) -> None:
    toc = sample_booklets.html("14-kh-tu").toc
    questions = [e.text for e in toc if e.text.startswith("Câu hỏi ")]
    assert len(questions) == 12
    assert questions[5] == "Câu hỏi 6: Các mốc thời gian chính của kế hoạch là gì?"


def test_metadata_title_author_language_and_dates(sample_booklets: SampleBooklets) -> None:
    pdf = opened(sample_booklets, "14-kh-tu")
    meta = pdf.reader.metadata
    assert meta is not None
    assert meta.title == "Kế hoạch số 14-KH/TU"
    assert meta.author == "Ban Thường vụ Tỉnh ủy Hải Dương"
    assert meta["/CreationDate"] == meta["/ModDate"] == "D:20210322000000+07'00"
    assert pdf.reader.trailer["/Root"]["/Lang"] == "vi"
    mong = opened(sample_booklets, "271-kh-hu-hmn")
    assert mong.reader.trailer["/Root"]["/Lang"] == "hmn"
    assert mong.reader.metadata is not None
    assert mong.reader.metadata.author == "Ban Thường vụ Huyện ủy Phong Thổ"


@pytest.mark.parametrize("booklet_id", EXPECTED_IDS)
def test_every_font_is_an_embedded_subset_of_the_shipped_noto(
    sample_booklets: SampleBooklets, booklet_id: str
) -> None:
    fonts = list(opened(sample_booklets, booklet_id).fonts())
    assert fonts
    for name, descriptor in fonts:
        assert re.fullmatch(r"/[A-Z]{6}\+Noto-(Serif|Sans)(-Bold)?(-Italic)?", name), name
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, name


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_pdffonts_says_embedded_and_subset(sample_booklets: SampleBooklets) -> None:
    out = subprocess.run(["pdffonts", str(sample_booklets.files["14-kh-tu"].pdf)],
                         capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert len(rows) >= 4
    for row in rows:
        emb, sub = row.split()[-5:-3]
        assert (emb, sub) == ("yes", "yes"), row


def test_vietnamese_and_mong_text_survive(sample_booklets: SampleBooklets) -> None:
    text = squash("".join(opened(sample_booklets, "14-kh-tu").texts))
    assert unicodedata.is_normalized("NFC", text)
    for words in ("Nghị quyết Đại hội XIII", "Ngày 09/3/2021", "dám chịu trách nhiệm",
                  "Đơn vị chịu trách nhiệm"):
        assert squash(words) in text
    mong = squash("".join(opened(sample_booklets, "271-kh-hu-hmn").texts))
    assert squash("Leej twg yuav tsum sau ntawv qhia?") in mong


def test_cover_and_running_header(sample_booklets: SampleBooklets) -> None:
    pdf = opened(sample_booklets, "14-kh-tu")
    cover = pdf.texts[0]
    for words in ("BAN THƯỜNG VỤ TỈNH ỦY HẢI DƯƠNG", "TÀI LIỆU HỌC TẬP", "KẾ HOẠCH SỐ 14-KH/TU",
                  "Năm 2021"):
        assert squash(words) in squash(cover), words
    assert not re.search(r"(?m)^\s*1\s*$", cover)  # no page number on the cover
    last = pdf.texts[-1]
    assert "Hỏi – đáp · 14-KH/TU" in last  # the running header of the Q&A part
    assert re.search(rf"(?m)^\s*{pdf.pages}\s*$", last)  # the page number in the footer


def test_two_builds_are_byte_identical(sample_booklets: SampleBooklets, tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "again")
    again = booklet_build(root, "public", root / "cache")
    files = again.run(again.select(["14-kh-tu", "271-kh-hu-hmn"]), imposed=True)
    for built in files:
        assert not built.cached
        first = sample_booklets.files[built.booklet.id]
        assert built.pdf.read_bytes() == first.pdf.read_bytes()
        assert built.imposed is not None and first.imposed is not None
        assert built.imposed.read_bytes() == first.imposed.read_bytes()
