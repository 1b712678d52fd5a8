"""Drawing the cards with Pillow, in the booklets' fonts (Noto Serif and Noto Sans, cut
to Latin and every precomposed Vietnamese letter, which covers Mông RPA).

Text is NFC, so each Vietnamese letter is one precomposed glyph; where Pillow has
libraqm, text is shaped by it too. Lines break only at spaces, so a number such as
``271-KH/HU`` is never split; a title too long for the card at the smallest size
ends with an ellipsis. Images are palette PNGs: the few colours of the design and
the steps between each text colour and its background, so the text's anti-aliasing
survives and a file is a third of an RGB one (mapping to a fixed palette is also ten
times faster than computing one per image).
"""

from __future__ import annotations

import functools
import io
import unicodedata
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from tuyengiao.core.render.share.cards import CARD_SIZE, SHARE_SIZE, KeyPointCard, ShareCard

FONTS = Path(__file__).resolve().parents[1] / "booklets" / "assets" / "fonts"
RED = (164, 22, 26)
DARK = (33, 33, 33)
MUTED = (97, 97, 97)
PAPER = (255, 253, 248)
GOLD = (250, 204, 21)
WHITE = (255, 255, 255)
SAND = (245, 238, 226)
#: (text, background) pairs the cards use: the palette holds 9 steps between each.
_PAIRS = ((RED, PAPER), (DARK, PAPER), (MUTED, PAPER), (WHITE, RED), (GOLD, RED),
          (MUTED, SAND), (RED, SAND), (DARK, SAND), (GOLD, PAPER))


@functools.cache
def _palette() -> Image.Image:
    colours: dict[tuple[int, ...], None] = {}
    for text, ground in _PAIRS:
        for step in range(9):
            a = step / 8
            colours[tuple(round(t * a + g * (1 - a)) for t, g in zip(text, ground,
                                                                    strict=True))] = None
    flat = [value for colour in colours for value in colour]
    palette = Image.new("P", (1, 1))
    palette.putpalette(flat + [0] * (768 - len(flat)))
    return palette


@functools.cache
def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / f"{name}.ttf"), size)


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy lines of at most ``width`` pixels, broken at spaces only."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and face.getlength(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def fit(text: str, name: str, sizes: range, width: int, max_lines: int
        ) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size at which ``text`` fits in ``max_lines``; at the smallest, the
    lines that fit, the last one ending with an ellipsis."""
    face = font(name, sizes.start)
    for size in sizes:
        face = font(name, size)
        lines = wrap(text, face, width)
        if len(lines) <= max_lines:
            return face, lines
    lines = wrap(text, face, width)[:max_lines]
    last = lines[-1]
    while last and face.getlength(last + " …") > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    lines[-1] = last + " …"
    return face, lines


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.quantize(palette=_palette(), dither=Image.Dither.NONE).save(out, "PNG",
                                                                     compress_level=6)
    return out.getvalue()


def _lines(draw: ImageDraw.ImageDraw, x: int, y: int, lines: list[str],
           face: ImageFont.FreeTypeFont, fill: tuple[int, int, int], leading: float) -> int:
    """Draw ``lines`` from ``y`` (the top of the first); return the y below the last."""
    step = round(face.size * leading)
    for line in lines:
        draw.text((x, y), line, font=face, fill=fill)
        y += step
    return y


def draw_share(card: ShareCard) -> bytes:
    """The 1,200×630 preview of a page."""
    width, height = SHARE_SIZE
    image = Image.new("RGB", SHARE_SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    margin = 72
    draw.rectangle((0, 0, width, 14), fill=RED)
    draw.rectangle((0, height - 86, width, height), fill=RED)
    kind = font("NotoSans-Bold", 30)
    kind_lines = wrap(_nfc(card.kind), kind, width - 2 * margin)[:2]
    y = _lines(draw, margin, 58, kind_lines, kind, RED, 1.3)
    draw.rectangle((margin, y + 12, margin + 96, y + 17), fill=GOLD)
    face, lines = fit(_nfc(card.title), "NotoSerif-Bold", range(60, 33, -3),
                      width - 2 * margin, 4 if len(kind_lines) < 2 else 3)
    y = _lines(draw, margin, y + 44, lines, face, DARK, 1.3)
    if card.subtitle:
        sub_face, sub = fit(_nfc(card.subtitle), "NotoSans-Regular", range(34, 25, -2),
                            width - 2 * margin, max(1, (height - 120 - y) // 46))
        _lines(draw, margin, y + 16, sub, sub_face, MUTED, 1.35)
    foot_face, foot = fit(_nfc(card.foot), "NotoSans-Regular", range(26, 19, -2),
                          width - 2 * margin - 300, 1)
    if card.foot:
        draw.text((margin, height - 43), foot[0], font=foot_face, fill=WHITE, anchor="lm")
    site = font("NotoSans-Bold", 24)
    draw.text((width - margin, height - 43), card.site, font=site, fill=WHITE, anchor="rm")
    return _png(image)


def draw_key_point(card: KeyPointCard) -> bytes:
    """The 1,080×1,080 card of one key point: the point centred between a red band
    (heading, ``1/5``) and a foot naming the guidance and the site."""
    width, height = CARD_SIZE
    image = Image.new("RGB", CARD_SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    margin = 84
    band = font("NotoSans-Bold", 40)
    draw.rectangle((0, 0, width, 150), fill=RED)
    draw.text((margin, 75), _nfc(card.heading), font=band, fill=WHITE, anchor="lm")
    draw.text((width - margin, 75), f"{card.index}/{card.count}", font=band, fill=GOLD,
              anchor="rm")
    foot_top = height - 190
    face, lines = fit(_nfc(card.text), "NotoSerif-Bold", range(72, 37, -2),
                      width - 2 * margin, 9)
    step = round(face.size * 1.32)
    top, bottom = 150 + 40, foot_top - 40
    y = top + max(0, (bottom - top - step * len(lines)) // 2)
    draw.rectangle((margin, y - 34, margin + 96, y - 28), fill=GOLD)
    _lines(draw, margin, y, lines, face, DARK, 1.32)
    draw.rectangle((0, foot_top, width, height), fill=SAND)
    draw.rectangle((margin, foot_top, margin + 96, foot_top + 6), fill=RED)
    about_face, about = fit(_nfc(card.about), "NotoSans-Regular", range(28, 21, -2),
                            width - 2 * margin, 2)
    _lines(draw, margin, foot_top + 34, about, about_face, DARK, 1.35)
    draw.text((width - margin, height - 40), card.site, font=font("NotoSans-Bold", 26),
              fill=RED, anchor="rs")
    return _png(image)
