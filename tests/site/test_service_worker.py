"""The installable public site in Chromium over http://127.0.0.1 (a secure context):
the service worker keeps a page the reader opened and serves it without a connection;
a page never opened gives the Vietnamese offline page listing what is kept. The web
app manifest and its icons; the internal build has neither."""

from __future__ import annotations

import json
import re
import struct
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import Served, chromium, skip_without_chromium
from built_site import BuiltSite

READ = "van-ban/30-kh-ubnd/"
UNREAD = "hoi-dap/hoi-dap-nghi-quyet-5/"

_KEPT = """async (path) => {
  const names = (await caches.keys()).filter(n => n.startsWith("tuyengiao-read-"));
  for (const name of names) {
    const cache = await caches.open(name);
    if (await cache.match(new URL(path, location.origin + "/").href)) return true;
  }
  return false;
}"""


def _wait(page: Any, function: str, arg: object = None, seconds: float = 20) -> None:
    """Poll ``function`` in the page until it returns true. Playwright's
    ``wait_for_function`` compiles its predicate inside the page, which the site's
    Content-Security-Policy (no 'unsafe-eval') forbids; ``evaluate`` does not."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(function, arg):
        assert time.monotonic() < deadline, f"timed out waiting for {function[:60]!r}"
        time.sleep(0.2)


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_manifest_icons_and_worker_files(public_site: BuiltSite) -> None:
    manifest = json.loads((public_site.root / "manifest.webmanifest").read_text("utf-8"))
    assert manifest["name"] == "Tài liệu học tập nghị quyết"
    assert manifest["lang"] == "vi" and manifest["display"] == "standalone"
    assert manifest["start_url"] == "./" and manifest["scope"] == "./"
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"])
    sizes = {}
    for icon in manifest["icons"]:
        sizes[icon["sizes"]] = _png_size((public_site.root / icon["src"]).read_bytes())
    assert sizes == {"192x192": (192, 192), "512x512": (512, 512)}
    worker = (public_site.root / "sw.js").read_text("utf-8")
    version = re.search(r'var VERSION = "([0-9a-f]{16})";', worker)
    assert version, "the worker carries its build's version"
    shell = json.loads(re.search(r"var SHELL = (\[.*?\]);", worker).group(1))  # type: ignore[union-attr]
    for path in shell:
        assert (public_site.root / path).is_file() or (
            public_site.root / path / "index.html").is_file(), path
    assert "ngoai-tuyen/" in shell and "search/engine.js" in shell
    assert any(p.startswith("assets/stylesheets/main.") for p in shell)
    assert not any(p.endswith(".html") and p != "ngoai-tuyen/" for p in shell), (
        "pages are kept as read, not precached")
    head = (public_site.root / "index.html").read_text("utf-8")
    assert '<link rel="manifest" href="manifest.webmanifest"' in head
    assert '<meta name="theme-color" content="' + manifest["theme_color"] in head
    assert '<script src="assets/tuyengiao/pwa.js" defer' in head
    ours = head[head.index('<link rel="manifest"'):head.index("pwa.js")]
    assert "<script>" not in ours and " on" not in ours, "no inline script or handler"
    pwa = (public_site.root / "assets" / "tuyengiao" / "pwa.js").read_bytes()
    assert len(pwa) < 1500, "the registration script stays tiny"


def test_internal_build_has_no_worker(internal_site: BuiltSite) -> None:
    """A shared office computer must not keep internal documents after the reader
    leaves: no service worker, no manifest (README, "Offline")."""
    assert not (internal_site.root / "sw.js").exists()
    assert not (internal_site.root / "manifest.webmanifest").exists()
    html = (internal_site.root / "index.html").read_text("utf-8")
    assert "pwa.js" not in html and 'rel="manifest"' not in html
    page = (internal_site.root / "ngoai-tuyen" / "index.html").read_text("utf-8")
    assert "không lưu trang trên máy" in page


def test_new_build_changes_the_version(public_site: BuiltSite, project_copy: Path) -> None:
    from built_site import build

    def version(site: Path) -> str:
        match = re.search(r'var VERSION = "(\w+)"', (site / "sw.js").read_text("utf-8"))
        assert match
        return match.group(1)

    out = project_copy / "site"
    assert build(project_copy, "public", out) == 0
    first = version(out)
    assert build(project_copy, "public", out) == 0
    assert version(out) == first, "the same site keeps its version"
    doc = next((project_copy / "content").rglob("ke-hoach-loa-truyen-thanh.md"))
    doc.write_text(doc.read_text("utf-8").replace("loa", "loa phát thanh", 1), "utf-8")
    assert build(project_copy, "public", out) == 0
    assert version(out) != first, "an edited document makes a new version"


@pytest.fixture(scope="module")
def served(public_site: BuiltSite) -> Iterator[str]:
    server = Served(public_site.root)
    try:
        yield server.url
    finally:
        server.close()


def test_worker_serves_read_pages_offline(served: str, tmp_path_factory: pytest.TempPathFactory
                                          ) -> None:
    skip_without_chromium()
    shots = tmp_path_factory.mktemp("offline-shots")
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 360, "height": 740})
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        try:
            page.goto(served + READ)
            _wait(page, "() => navigator.serviceWorker.controller !== null")
            # The first page, loaded before the worker ran, is kept too.
            _wait(page, _KEPT, READ)
            page.goto(served)  # a second page, read through the worker
            _wait(page, _KEPT, "")
            context.set_offline(True)
            page.goto(served + READ)
            assert "chuyển đổi số" in page.locator("article h1").inner_text()
            assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith(
                "\"Noto Sans\"") or "Noto Sans" in page.evaluate(
                "getComputedStyle(document.body).fontFamily")
            header = page.locator(".md-header").evaluate("h => getComputedStyle(h).position")
            assert header in ("sticky", "fixed"), "the theme's CSS came from the cache"
            # A page never opened: the offline page, in Vietnamese, listing what is kept.
            page.goto(served + UNREAD)
            page.wait_for_url(re.compile(r"/ngoai-tuyen/\?trang="))
            page.locator(".tg-saved-list").wait_for(timeout=10_000)
            assert "Không có kết nối mạng" in page.locator("article").inner_text()
            assert "/" + UNREAD in page.locator(".tg-offline-note").inner_text()
            titles = page.locator(".tg-saved-list a").all_inner_texts()
            assert any("chuyển đổi số" in t for t in titles), titles
            assert "Trang chủ" in titles or any("Trang chủ" in t for t in titles), titles
            page.screenshot(path=str(shots / "offline-page-360.png"), full_page=True)
            # The kept page opens from the list.
            page.locator(".tg-saved-list a", has_text="chuyển đổi số").click()
            page.wait_for_url(served + READ)
            assert "chuyển đổi số" in page.locator("article h1").inner_text()
        finally:
            context.close()
    assert errors == [], errors
    assert (shots / "offline-page-360.png").stat().st_size > 5000
    print(f"screenshot: {shots / 'offline-page-360.png'}")
