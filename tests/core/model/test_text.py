from __future__ import annotations

import unicodedata

import pytest

from tuyengiao.core.model.text import DecodeError, decode_source, fold, heading_slug, slugify

VIETNAMESE = "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng"


def test_decode_plain_utf8_is_unchanged() -> None:
    assert decode_source("Tiếng Việt\n".encode()) == "Tiếng Việt\n"


def test_decode_strips_the_bom() -> None:
    text = decode_source(b"\xef\xbb\xbf---\ntype: qa\n")
    assert text == "---\ntype: qa\n"
    assert not text.startswith("\ufeff")


def test_decode_only_strips_a_leading_bom() -> None:
    # A BOM in the middle is a character (zero-width no-break space), not a marker.
    assert decode_source(b"a\xef\xbb\xbfb") == "a\ufeffb"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"a\r\nb\r\n", "a\nb\n"),
        (b"a\rb\r", "a\nb\n"),
        (b"a\r\n\r\nb", "a\n\nb"),
        (b"a\r\rb\n", "a\n\nb\n"),
    ],
    ids=["crlf", "cr", "crlf-blank-line", "mixed"],
)
def test_decode_normalises_line_ends(raw: bytes, expected: str) -> None:
    assert decode_source(raw) == expected


def test_decode_composes_nfd_to_nfc() -> None:
    nfd = unicodedata.normalize("NFD", VIETNAMESE)
    assert nfd != VIETNAMESE  # the test input really is decomposed
    text = decode_source(nfd.encode("utf-8"))
    assert text == VIETNAMESE
    assert unicodedata.is_normalized("NFC", text)


def test_decode_bom_crlf_and_nfd_together() -> None:
    raw = b"\xef\xbb\xbf" + unicodedata.normalize("NFD", "Đảng\r\nviên\r\n").encode()
    assert decode_source(raw) == "Đảng\nviên\n"


def test_decode_latin1_names_the_line_of_the_bad_byte() -> None:
    raw = "---\ntitle: ok\n---\n\nCafé\n".encode("latin-1")
    with pytest.raises(DecodeError) as info:
        decode_source(raw)
    assert info.value.line == 5
    assert str(info.value) == "byte 0xe9 is not UTF-8; save the file as UTF-8 (Unicode)"


def test_decode_cp1258_names_the_line_of_the_bad_byte() -> None:
    # cp1258 (Windows Vietnamese) is what old Word documents were saved as;
    # it writes "Đảng" as Đ (0xd0), a, combining hook above (0xd2), n, g.
    raw = b"type: qa\ntitle: x\n\xd0a\xd2ng\n"
    assert raw.decode("cp1258") == "type: qa\ntitle: x\nĐa\u0309ng\n"
    with pytest.raises(DecodeError) as info:
        decode_source(raw)
    assert info.value.line == 3
    assert str(info.value) == "byte 0xd0 is not UTF-8; save the file as UTF-8 (Unicode)"


def test_decode_error_line_counts_crlf_lines_once() -> None:
    raw = b"a\r\nb\r\nc\xe9\r\n"
    with pytest.raises(DecodeError) as info:
        decode_source(raw)
    assert info.value.line == 3


def test_decode_error_line_counts_cr_only_lines() -> None:
    # Old Mac line ends: the bad byte is on the third line, not the first.
    raw = b"a\rb\rc\xe9\r"
    with pytest.raises(DecodeError) as info:
        decode_source(raw)
    assert info.value.line == 3


def test_decode_error_after_a_bom_keeps_the_line() -> None:
    with pytest.raises(DecodeError) as info:
        decode_source(b"\xef\xbb\xbfa\n\xff\n")
    assert info.value.line == 2
    assert str(info.value) == "byte 0xff is not UTF-8; save the file as UTF-8 (Unicode)"


def test_decode_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="not UTF-8"):
        decode_source(b"\xe9")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("đ", "d"),
        ("Đ", "d"),
        ("Nghị quyết", "nghi quyet"),
        ("Đảng viên", "dang vien"),
        ("ĐẠI HỘI XIII", "dai hoi xiii"),
        ("Quyết định", "quyet dinh"),
        ("ăâêôơư", "aaeoou"),
        ("plain", "plain"),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_fold_handles_nfd_input() -> None:
    assert fold(unicodedata.normalize("NFD", "Đảng viên")) == "dang vien"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1327-QĐ/TU", "1327-qd-tu"),
        ("271-KH/HU", "271-kh-hu"),
        ("289/KH-UBND", "289-kh-ubnd"),
        ("30/2020/NĐ-CP", "30-2020-nd-cp"),
        ("Đại hội XIII", "dai-hoi-xiii"),
        ("  Hỏi – đáp: vì sao?  ", "hoi-dap-vi-sao"),
        ("---", ""),
        ("", ""),
    ],
)
def test_slugify(text: str, expected: str) -> None:
    assert slugify(text) == expected


def test_slugify_cuts_at_a_word_boundary() -> None:
    assert slugify("Nghị quyết Đại hội", max_length=12) == "nghi-quyet"
    assert slugify("Nghị quyết Đại hội", max_length=14) == "nghi-quyet-dai"


def test_slugify_cut_keeps_a_word_ending_exactly_at_the_limit() -> None:
    # "nghi-quyet" is 10 characters: it fits, the next word does not.
    assert slugify("Nghị quyết Đại hội", max_length=10) == "nghi-quyet"
    assert slugify("Nghị quyết Đại hội", max_length=9) == "nghi"


def test_slugify_cuts_a_single_long_word_hard() -> None:
    assert slugify("Tuyêngiáochínhtrị", max_length=5) == "tuyen"


def test_slugify_short_text_is_not_cut() -> None:
    assert slugify("Đảng viên", max_length=60) == "dang-vien"


def test_slugify_never_ends_with_a_dash() -> None:
    for length in range(1, 25):
        slug = slugify("Hỏi – đáp về Nghị quyết", max_length=length)
        assert len(slug) <= length
        assert not slug.endswith("-")
        assert not slug.startswith("-")


def test_heading_slug_keeps_the_d_of_dang() -> None:
    # Python-Markdown's default slugify drops 'Đ' entirely ("ang-vien").
    assert heading_slug("Đảng viên ở nông thôn") == "dang-vien-o-nong-thon"


def test_heading_slug_uses_the_separator() -> None:
    assert heading_slug("Đảng viên ở nông thôn", "_") == "dang_vien_o_nong_thon"
