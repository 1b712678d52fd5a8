"""The installable site: a web app manifest, icons, and a service worker that keeps
what the reader opened for reading without a connection.

:func:`write_pwa` writes, after the pages (public builds only, see the README's
"Offline"):

* ``manifest.webmanifest``: the site's name, ``start_url``, ``display: standalone``,
  the theme colour and two icons (192 and 512 pixels, drawn here in that colour);
* ``sw.js`` at the root (its scope is the whole site), from
  :file:`assets/sw.js` with the build's version and *shell*: the files every page
  needs (the stylesheets and scripts the home page loads, the search code and
  manifest, the offline page), precached when the worker installs. Pages,
  booklets, fonts and search data are cached as the reader opens them;
* ``assets/tuyengiao/pwa.js`` (registers the worker once the page has loaded) and
  ``saved.js`` (the offline page's list of what this device keeps).

The version is a hash of the shell's bytes and of the build's fingerprint (the search
index's, which covers the code, the audience and every document), so a new build
installs a new worker whose caches replace the old ones.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import math
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html  # type: ignore[import-untyped]

from tuyengiao.core.render.offline.copies import SITE_FOLDER
from tuyengiao.core.store import write_atomic

#: The site's pages are UTF-8 (a page without ``<meta charset>`` too).
_PARSER = lxml.html.HTMLParser(encoding="utf-8")

WORKER_FILE = "sw.js"
MANIFEST_FILE = "manifest.webmanifest"
ASSET_FOLDER = "assets/tuyengiao"
ICON_SIZES = (192, 512)
ASSETS = Path(__file__).parent / "assets"
#: The search files the worker keeps with the theme (shards and cards: as used).
SEARCH_SHELL = ("search/loader.js", "search/engine.js", "search/manifest.json")
#: Material's primary red, the default theme's colour.
DEFAULT_THEME_COLOR = "#ef5552"


@functools.lru_cache(maxsize=8)
def icon_png(size: int, color: str) -> bytes:
    """A square icon: a five-pointed yellow star on the theme colour, inside the
    safe zone of a maskable icon (the middle 80 %)."""
    from PIL import Image, ImageDraw

    scale = 2  # drawn twice as large, then reduced: smooth edges
    big = size * scale
    image = Image.new("RGB", (big, big), color)
    draw = ImageDraw.Draw(image)
    centre, outer = big / 2, big * 0.30
    inner = outer * math.sin(math.radians(18)) / math.sin(math.radians(54))
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = math.radians(-90 + 36 * i)
        points.append((centre + radius * math.cos(angle), centre + 0.04 * big
                       + radius * math.sin(angle)))
    draw.polygon(points, fill="#ffde00")
    image = image.resize((size, size), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def web_manifest(name: str, short_name: str, description: str, color: str) -> bytes:
    icons = [{"src": f"{ASSET_FOLDER}/icon-{s}.png", "sizes": f"{s}x{s}", "type": "image/png",
              "purpose": "any"} for s in ICON_SIZES]
    icons.append({**icons[-1], "purpose": "maskable"})
    manifest = {"name": name, "short_name": short_name, "description": description,
                "lang": "vi", "dir": "ltr", "id": "./", "start_url": "./", "scope": "./",
                "display": "standalone", "theme_color": color, "background_color": "#ffffff",
                "icons": icons}
    return json.dumps(manifest, ensure_ascii=False, indent=1).encode() + b"\n"


def page_shell(home_html: bytes) -> list[str]:
    """The stylesheets and scripts of the home page (site-relative: it is at the root)."""
    root = lxml.html.document_fromstring(home_html, parser=_PARSER)
    found = [*root.xpath("//link[@rel='stylesheet']/@href"), *root.xpath("//script/@src")]
    shell: list[str] = []
    for url in found:
        parts = urlsplit(str(url))
        if not parts.scheme and not parts.netloc and parts.path and not parts.path.startswith("/"):
            path = parts.path.removeprefix("./")
            if path not in shell:
                shell.append(path)
    return shell


def service_worker(version: str, shell: Sequence[str]) -> bytes:
    template = (ASSETS / "sw.js").read_text(encoding="utf-8")
    return (template.replace("__VERSION__", version)
            .replace("__SHELL__", json.dumps(list(shell), ensure_ascii=False))
            .replace("__OFFLINE__", SITE_FOLDER + "/")).encode()


def write_pwa(site: Path, name: str, short_name: str, description: str, color: str,
              fingerprint: str) -> str:
    """Write the manifest, the icons, the scripts and the service worker into the built
    ``site`` (its pages written); returns the worker's version."""
    files: dict[str, bytes] = {MANIFEST_FILE: web_manifest(name, short_name, description, color)}
    for size in ICON_SIZES:
        files[f"{ASSET_FOLDER}/icon-{size}.png"] = icon_png(size, color)
    for script in ("pwa.js", "saved.js"):
        files[f"{ASSET_FOLDER}/{script}"] = (ASSETS / script).read_bytes()
    shell = [*page_shell((site / "index.html").read_bytes()), *SEARCH_SHELL,
             SITE_FOLDER + "/", *files]
    shell = list(dict.fromkeys(p for p in shell if p != WORKER_FILE))
    digest = hashlib.blake2b(fingerprint.encode(), digest_size=8)
    for rel in shell:
        data = files.get(rel)
        if data is None and (site / rel).is_file():
            data = (site / rel).read_bytes()
        digest.update(rel.encode() + b"\0" + hashlib.blake2b(data or b"").digest())
    version = digest.hexdigest()
    files[WORKER_FILE] = service_worker(version, shell)
    for rel, data in files.items():
        write_atomic(site / rel, data)
    return version
