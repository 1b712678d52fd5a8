"""The search index of an offline copy, as scripts.

``file://`` forbids ``fetch``, but a page may load a script from its own folder. Each
JSON file of ``search/`` (the manifest, every term shard, every result card, the
filter table) becomes a ``.js`` file beside it that hands the same JSON to
``__tgSearchData(name, data)``; :file:`assets/offline.js` (written as
``search/offline.js``) defines that function and ``__tgSearchGet(url)``, which the
search loader and engine use in place of ``fetch`` when it is defined. Shards and
cards are still loaded one at a time, for a query, as online.

A card's address (``u``) names the page's ``index.html``; the manifest lists no other
site to search (a province portal's districts are online only).
"""

from __future__ import annotations

import json
from pathlib import Path

ASSET = Path(__file__).parent / "assets" / "offline.js"
SEARCH_DIR = "search/"


def offline_search_file(rel: str, data: bytes) -> tuple[str, bytes]:
    """The offline copy of ``search/<name>``: a ``.json`` file as its ``.js``."""
    name = rel[len(SEARCH_DIR):]
    if not rel.startswith(SEARCH_DIR) or not name.endswith(".json"):
        return rel, data
    if name.startswith("d/") or name == "manifest.json":
        value = json.loads(data)
        if name == "manifest.json":
            value["sites"] = []
        else:
            url = value.get("u", "")
            if url.endswith("/") or url == "":
                value["u"] = url + "index.html"
        data = json.dumps(value, ensure_ascii=False, separators=(",", ":"),
                          sort_keys=True).encode()
    script = b"__tgSearchData(" + json.dumps(name).encode() + b"," + data + b");\n"
    return rel[: -len(".json")] + ".js", script


def offline_loader() -> bytes:
    """``search/offline.js``."""
    return ASSET.read_bytes()
