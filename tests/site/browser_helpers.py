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


class Served:
    """A built site served on a free loopback port (``cors``: readable from other origins)."""

    def __init__(self, root: Path, cors: bool = False) -> None:
        handler = functools.partial(_CorsHandler if cors else _Handler, directory=str(root))
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
