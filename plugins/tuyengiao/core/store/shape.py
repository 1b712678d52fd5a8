"""Checks for values decoded from a cache entry: the wrong shape is a miss, not a crash.

An entry whose checksum is right may still hold what this code does not expect
(written by another version, or by hand). Every decoder reads its JSON through
these functions, which raise :class:`BadEntry` for a value of the wrong type or
out of range; the store turns that into a miss.
"""

from __future__ import annotations

import re
from typing import Any

#: The largest integer an entry may hold (file sizes, offsets, nanoseconds).
INT_MAX = 2**63 - 1


class BadEntry(ValueError):
    """A cache entry is damaged, of another format, or not of the expected shape."""


def as_int(value: Any, low: int = 0, high: int = INT_MAX) -> int:
    if type(value) is not int or not low <= value <= high:
        raise BadEntry(f"expected an integer in [{low}, {high}], got {value!r:.40}")
    return value


def as_str(value: Any) -> str:
    if type(value) is not str:
        raise BadEntry(f"expected text, got {type(value).__name__}")
    return value


def as_bool(value: Any) -> bool:
    if type(value) is not bool:
        raise BadEntry(f"expected true or false, got {value!r:.40}")
    return value


def as_list(value: Any, length: int | None = None) -> list[Any]:
    if type(value) is not list or (length is not None and len(value) != length):
        raise BadEntry(f"expected a list{f' of {length}' if length is not None else ''}")
    return value


def as_dict(value: Any) -> dict[str, Any]:
    if type(value) is not dict:
        raise BadEntry("expected an object")
    return value


def as_strs(value: Any) -> list[str]:
    items = as_list(value)
    if not all(type(item) is str for item in items):
        raise BadEntry("expected a list of texts")
    return items


def as_ints(value: Any, low: int = 0, high: int = INT_MAX) -> list[int]:
    items = as_list(value)
    for item in items:
        if type(item) is not int or not low <= item <= high:
            raise BadEntry(f"expected integers in [{low}, {high}]")
    return items


def as_float(value: Any) -> float:
    if type(value) is int:
        return float(value)
    if type(value) is not float:
        raise BadEntry(f"expected a number, got {value!r:.40}")
    return value


_NAME = re.compile(r"[\w-]+(?:\.[\w-]+)*(?:/[\w-]+(?:\.[\w-]+)*)*")


def as_name(value: Any) -> str:
    """A relative file name inside a folder of the store (``ab/KEY.html``, ``t/3.json``):
    no ``..``, no absolute path, so a crafted entry cannot name a file elsewhere."""
    if type(value) is not str or not _NAME.fullmatch(value):
        raise BadEntry(f"not a file name of the store: {value!r:.60}")
    return value
