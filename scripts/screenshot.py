"""Screenshots of built pages in headless Debian Chromium.

Usage: .venv/bin/python scripts/screenshot.py SITE_DIR OUT_DIR PATH [PATH…]
  [--width 1280] [--dark] [--full]

Serves SITE_DIR on a loopback port and writes OUT_DIR/<name>.png per PATH.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("TUYENGIAO_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(site: Path) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--full", action="store_true")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    server = serve(args.site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": args.width, "height": args.height},
                                color_scheme="dark" if args.dark else "light")
        for path in args.paths:
            page.goto(base + path.lstrip("/"))
            page.wait_for_load_state("networkidle")
            name = path.strip("/").replace("/", "_").replace("#", "_") or "home"
            suffix = f"-{args.width}" + ("-dark" if args.dark else "")
            page.screenshot(path=str(args.out / f"{name}{suffix}.png"), full_page=args.full)
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
