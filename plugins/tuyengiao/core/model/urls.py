"""Site-relative URLs, so pages work under any base path (and, later, offline)."""

from __future__ import annotations

import posixpath


def relative_url(from_url: str, to_url: str) -> str:
    """The link from page ``from_url`` to ``to_url``; both are site-relative.

    Directory URLs end in ``/`` (``van-ban/271-kh-hu/``); the home page is ``""``.
    """
    to_path, hash_mark, fragment = to_url.partition("#")
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    rel = posixpath.relpath("/" + to_path, "/" + base.rstrip("/"))
    if to_path.endswith("/") or not to_path:
        rel = "./" if rel == "." else rel + "/"
    return rel + hash_mark + fragment
