"""A built page made to work from ``file://`` (a USB stick, a folder on a computer)
and in a ZIM reader.

MkDocs links pages by folder (``../van-ban/271-kh-hu/``), which a web server answers
with ``index.html`` and ``file://`` with a folder listing. Each page is parsed with
lxml and every relative link that names a folder of the site is pointed at its
``index.html``; whatever else a page holds is left as it is. Rewriting the built pages,
rather than building a second time with ``use_directory_urls: false``, keeps one page
cache and one set of URLs (the plugin's permalinks, links written in the content,
the search cards), and catches a link whatever made it (theme, content, core):
a link is rewritten when its target is a folder of this site, which the copy knows.

What exists only online goes: elements marked ``data-tg-online`` (the web app
manifest, the service worker's script, links to the copies themselves). The search
box gets :file:`search/offline.js` before its loader, so the index is read from
scripts (see :mod:`.search`).
"""

from __future__ import annotations

import posixpath
from collections.abc import Container
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import lxml.html  # type: ignore[import-untyped]

#: The site's pages are UTF-8 (a page without ``<meta charset>`` too).
_PARSER = lxml.html.HTMLParser(encoding="utf-8")

#: Attributes that hold a URL the reader follows or the page loads.
_URL_ATTRS = {"a": ("href",), "area": ("href",), "link": ("href",), "img": ("src",),
              "script": ("src",), "source": ("src",), "audio": ("src",), "video": ("src",),
              "track": ("src",), "iframe": ("src",), "embed": ("src",), "form": ("action",),
              "object": ("data",)}
ONLINE_ONLY = "data-tg-online"
SEARCH_LOADER = "search/loader.js"
OFFLINE_SEARCH = "search/offline.js"


def file_url(url: str, page_dir: str, folders: Container[str]) -> str:
    """``url`` as written in a page of folder ``page_dir`` (site-relative, ``""`` for the
    root), with a link to a folder of the site (one of ``folders``, which hold an
    ``index.html``) pointed at that file. Absolute URLs, fragments and files are kept."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return url
    path = parts.path
    target = posixpath.normpath(posixpath.join(page_dir, path))
    target = "" if target == "." else target
    if target.startswith("../") or target == "..":
        return url  # outside the site
    if path.endswith("/"):
        path += "index.html"
    elif target in folders:
        path += "/index.html"
    else:
        return url
    return urlunsplit(("", "", path, parts.query, parts.fragment))


@dataclass(frozen=True)
class OfflinePage:
    """A page of the copy: its HTML and its title (the heading, else ``<title>``)."""

    html: bytes
    title: str


def offline_page(html: bytes, rel_path: str, folders: Container[str]) -> OfflinePage:
    """The page at ``rel_path`` (``van-ban/x/index.html``) made to work offline."""
    root = lxml.html.document_fromstring(html, parser=_PARSER)
    article = next(iter(root.iter("article")), None)
    heading = next(iter(article.iter("h1")), None) if article is not None else None
    title = (heading.text_content() if heading is not None else root.findtext(".//title")) or ""
    for element in root.xpath(f"//*[@{ONLINE_ONLY}]"):
        element.drop_tree()
    page_dir = posixpath.dirname(rel_path)
    for element in root.iter(*_URL_ATTRS):
        for attr in _URL_ATTRS[element.tag]:
            value = element.get(attr)
            if value is not None:
                new = file_url(value.strip(), page_dir, folders)
                if new != value:
                    element.set(attr, new)
        if element.tag == "script" and (element.get("src") or "").endswith(SEARCH_LOADER):
            loader = element.get("src") or ""
            offline = element.makeelement("script", {
                "src": loader[: -len(SEARCH_LOADER)] + OFFLINE_SEARCH, "defer": ""})
            element.addprevious(offline)
    return OfflinePage(lxml.html.tostring(root, doctype="<!doctype html>", encoding="utf-8",
                                          method="html"),
                       " ".join(title.replace("#", " ").split()))
