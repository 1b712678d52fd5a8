"""Text that must not break across lines, marked up for the site and the booklets.

* Every document number (``271-KH/HU``, ``30/2020/NĐ-CP``) goes in
  ``<span class="tg-num">``, which both stylesheets set ``white-space: nowrap``:
  a browser would otherwise break after its hyphen ("271-⏎KH/HU"). The text itself is
  unchanged (no U+2011), so it is found, copied and searched as typed.
* An issuer line breaks only between the organ and the unit it belongs to: "BAN
  THƯỜNG VỤ ⏎ HUYỆN ỦY PHONG THỔ", never inside the place name ("PHONG⏎THỔ").
* The State motto and the Party line break only between their word groups
  ("CỘNG HÒA ⏎ XÃ HỘI CHỦ NGHĨA ⏎ VIỆT NAM", "Độc lập – ⏎ Tự do – ⏎ Hạnh phúc"),
  the place and date line only after its comma.

Each function takes plain text and returns :class:`markupsafe.Markup` (escaped),
registered as Jinja filters by :func:`add_filters`.
"""

from __future__ import annotations

import re

from jinja2 import Environment
from markupsafe import Markup, escape

from tuyengiao.core.model.numbers import find_numbers

NOWRAP = '<span class="tg-nowrap">{}</span>'
NUMBER = '<span class="tg-num">{}</span>'

#: Words that open the unit an issuer line names (its level), in capitals or not:
#: "HUYỆN ỦY PHONG THỔ", "UBND XÃ TẢ PHÌN", "ĐẢNG ỦY PHƯỜNG …", "TỈNH LAI CHÂU".
_LEVEL = re.compile(
    r"(?<!\S)(?:đảng\s+ủy|đảng\s+uỷ|tỉnh|thành\s+phố|huyện|quận|thị\s+xã|thị\s+trấn|xã|"
    r"phường|đặc\s+khu|ubnd|hđnd|ủy\s+ban\s+nhân\s+dân|uỷ\s+ban\s+nhân\s+dân)(?!\S)",
    re.IGNORECASE,
)


def _nowrap(text: str) -> Markup:
    return Markup(NOWRAP).format(text)


def numbers(text: object) -> Markup:
    """``text`` escaped, each document number in it in a ``tg-num`` span."""
    if isinstance(text, Markup):
        return text
    value = str(text)
    out: list[Markup] = []
    cursor = 0
    for mention in find_numbers(value):
        out.append(escape(value[cursor:mention.start]))
        out.append(Markup(NUMBER).format(value[mention.start:mention.end]))
        cursor = mention.end
    out.append(escape(value[cursor:]))
    return Markup("").join(out)


def issuer(text: object) -> Markup:
    """An issuer line whose only break is before the unit it names (see the module)."""
    value = str(text)
    levels = list(_LEVEL.finditer(value))  # the last one opens the unit
    if not levels or levels[-1].start() == 0:
        return _nowrap(value) if len(value.split()) <= 5 else numbers(value)
    head, unit = value[:levels[-1].start()].rstrip(), value[levels[-1].start():]
    return Markup("{} {}").format(numbers(head), _nowrap(unit))


def groups(text: object, *words: str) -> Markup:
    """``text`` with each of ``words`` (word groups that belong together, in order of
    appearance) kept on one line; breaks fall only between them."""
    value = str(text)
    out: list[Markup] = []
    cursor = 0
    for group in words:
        at = value.find(group, cursor)
        if at < 0:
            continue
        out.append(escape(value[cursor:at]))
        out.append(_nowrap(group))
        cursor = at + len(group)
    out.append(escape(value[cursor:]))
    return Markup("").join(out)


def date_line(text: object) -> Markup:
    """"Phong Thổ, ngày 20 tháng 02 năm 2023": the place and the date each on one line."""
    value = str(text)
    place, comma, date = value.rpartition(", ")
    if not comma:
        return _nowrap(value)
    return Markup("{}, {}").format(_nowrap(place), _nowrap(date))


def add_filters(env: Environment) -> Environment:
    """Register ``numbers``, ``issuer``, ``groups`` and ``date_line`` as filters."""
    env.filters.update(numbers=numbers, issuer=issuer, groups=groups, date_line=date_line)
    return env
