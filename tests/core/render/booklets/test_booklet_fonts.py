"""The shipped fonts cover every Vietnamese letter with every tone, and Mông RPA,
and the stylesheet uses exactly those files."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from tuyengiao.core.render.booklets.assemble import assets_dir, font_files, stylesheet

VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # huyền sắc hỏi ngã nặng


def vietnamese_letters() -> set[str]:
    letters = {unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES}
    letters |= set("bcdđghklmnpqrstvx")
    return letters | {c.upper() for c in letters}


def test_there_are_134_vowel_forms_and_all_are_one_character() -> None:
    letters = vietnamese_letters()
    assert all(len(c) == 1 for c in letters)
    assert {"ệ", "ữ", "ặ", "Ỹ", "Đ", "ở", "Ự"} <= letters
    assert len([c for c in letters if c.lower()[0] not in "bcdđghklmnpqrstvx"]) == 12 * 6 * 2


@pytest.mark.parametrize("font", font_files(), ids=lambda p: p.name)
def test_each_font_covers_vietnamese_and_mong(font: Path) -> None:
    cmap = TTFont(font).getBestCmap()
    missing = sorted(c for c in vietnamese_letters() if ord(c) not in cmap)
    assert missing == []
    mong = "Hmoob Txhua tus tswv cuab Tog yuav tsum kawm – “nkag siab” (2021–2025)…"
    assert [c for c in mong if ord(c) not in cmap] == []


def test_the_stylesheet_names_only_the_shipped_files() -> None:
    css = stylesheet()
    for font in font_files():
        assert font.is_file()
        assert f'url("{font.as_uri()}")' in css
    assert css.count("@font-face {") == len(font_files())
    assert "local(" not in css
    assert (assets_dir() / "fonts" / "OFL.txt").is_file()
