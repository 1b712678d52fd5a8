"""Reading a built site's search index (``site/search/``) in tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def fragments(site_root: Path) -> list[dict[str, Any]]:
    """Every document's result fragment (``search/d/<id>.json``), by id."""
    folder = site_root / "search" / "d"
    paths = sorted(folder.glob("*.json"), key=lambda p: int(p.stem))
    return [json.loads(p.read_text("utf-8")) for p in paths]


def terms(site_root: Path) -> dict[str, Any]:
    """Every term of every shard (``search/t/<n>.json``)."""
    found: dict[str, Any] = {}
    for path in (site_root / "search" / "t").glob("*.json"):
        found.update(json.loads(path.read_text("utf-8")))
    return found


def posting_ids(entry: list[list[Any]]) -> set[int]:
    """The document ids of one term's postings (id deltas and impacts alternate)."""
    ids = set()
    for row in entry:
        current = 0
        for delta in row[1::2]:
            current += delta
            ids.add(current)
    return ids
