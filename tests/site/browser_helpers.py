"""Debian's Chromium for the browser tests, and a local HTTP server for built sites.

The browser is Debian's ``chromium`` (``TUYENGIAO_CHROMIUM`` names another
binary), never a downloaded one; a module of browser tests calls
:func:`skip_without_chromium` first.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM = os.environ.get("TUYENGIAO_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def skip_without_chromium() -> None:
    """Skip the calling test module when the Chromium binary is missing."""
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"Chromium not found at {CHROMIUM} (set TUYENGIAO_CHROMIUM); browser "
                    "tests need Debian's chromium package", allow_module_level=True)


@contextmanager
def chromium() -> Iterator[Browser]:
    """A headless Chromium, closed on exit."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class _Handler(http.server.SimpleHTTPRequestHandler):
    cors = False

    def end_headers(self) -> None:
        if self.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


class _CorsHandler(_Handler):
    cors = True


class _GzipStaticHandler(_Handler):
    """Sends ``X.gz`` for ``X`` with ``Content-Encoding: gzip`` when the browser takes
    gzip and the file exists, as nginx's ``gzip_static on;`` does (README, "Serving the
    site"): what a visitor's phone downloads from a server configured as documented."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to "…/"
            path = os.path.join(path, "index.html")
        packed = path + ".gz"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not os.path.isfile(packed):
            return super().send_head()
        stream = open(packed, "rb")  # noqa: SIM115 - closed by the caller, as in the base
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(os.fstat(stream.fileno()).st_size))
        self.end_headers()
        return stream


class Served:
    """A built site served on a free loopback port (``cors``: readable from other origins;
    ``gzip_static``: the precompressed ``.gz`` files sent as a configured server would)."""

    def __init__(self, root: Path, cors: bool = False, gzip_static: bool = False) -> None:
        kind = _GzipStaticHandler if gzip_static else _CorsHandler if cors else _Handler
        handler = functools.partial(kind, directory=str(root))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@contextmanager
def served(root: Path) -> Iterator[str]:
    """The URL of ``root`` served for the duration of the block."""
    server = Served(root)
    try:
        yield server.url
    finally:
        server.close()
