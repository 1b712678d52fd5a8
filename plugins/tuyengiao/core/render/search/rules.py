"""The folding and number rules of search, read from ``rules.json``.

The same file is copied next to the index and read by the browser
(``assets/engine.js``), so the indexer and every client (online, offline,
a portal) fold text and recognise numbers in one way.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tuyengiao.core.model.numbers import DocumentNumber
from tuyengiao.core.model.text import fold as fold_text

RULES_PATH = Path(__file__).with_name("rules.json")

# The rules' token class ``[\p{L}\p{N}]+`` in Python's ``re``: word characters but "_".
_PY_TOKEN = {r"[\p{L}\p{N}]+": r"[^\W_]+"}


@dataclass(frozen=True)
class Rules:
    raw: dict[str, Any]
    token: re.Pattern[str]
    serial: re.Pattern[str]
    year: re.Pattern[str]
    code: re.Pattern[str]
    min_codes: int
    max_codes: int
    key_prefix: str

    @property
    def ranking(self) -> dict[str, float]:
        return dict(self.raw["ranking"])


@functools.cache
def load_rules() -> Rules:
    raw: dict[str, Any] = json.loads(RULES_PATH.read_text(encoding="utf-8"))
    number = raw["number"]
    return Rules(raw, re.compile(_PY_TOKEN[raw["token"]]), re.compile(number["serial"]),
                 re.compile(number["year"]), re.compile(number["code"]),
                 int(number["min_codes"]), int(number["max_codes"]), str(number["key_prefix"]))


def fold(text: str) -> str:
    """``Đảng viên`` → ``dang vien``: the letters of the rules, then ``core.text.fold``."""
    for letter, plain in load_rules().raw["letters"].items():
        text = text.replace(letter, plain)
    return fold_text(text)


def tokens(text: str) -> list[str]:
    """The lower-cased syllables (and numbers) of ``text``, diacritics kept."""
    return load_rules().token.findall(text.lower())


def number_keys(number: DocumentNumber) -> list[str]:
    """The search keys of a document number: ``1327-QĐ/TU`` → ``#1327qdtu``.

    A state-style number with a year also gets the key without it, so that
    ``30 nđ cp`` finds ``30/2020/NĐ-CP``.
    """
    serial = number.serial.lstrip("0") or number.serial
    codes = [fold(part) for part in [number.kind_code, *number.body_code.split("-")]]
    prefix = load_rules().key_prefix
    keys = [prefix + serial + number.year + "".join(codes)]
    if number.year:
        keys.append(prefix + serial + "".join(codes))
    return keys


def query_number_keys(folded_tokens: list[str]) -> list[str]:
    """Keys a query may mean: ``271 kh hu`` → ``#271khhu`` (and shorter prefixes).

    A number is a serial, an optional year, then ``min_codes``…``max_codes`` codes;
    the same algorithm is in ``assets/engine.js`` (``numberKeys``).
    """
    rules = load_rules()
    keys: list[str] = []
    for start, token in enumerate(folded_tokens):
        if not rules.serial.match(token):
            continue
        head = token.lstrip("0") or token
        rest = folded_tokens[start + 1:]
        heads = [(head, rest)]
        if rest and rules.year.match(rest[0]):
            heads.append((head + rest[0], rest[1:]))
        for key_head, codes in heads:
            run: list[str] = []
            for code in codes[: rules.max_codes]:
                if not rules.code.match(code):
                    break
                run.append(code)
                if len(run) >= rules.min_codes:
                    keys.append(rules.key_prefix + key_head + "".join(run))
    return list(dict.fromkeys(keys))
