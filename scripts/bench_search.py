"""The measuring half of scripts/bench_search: PROJECT SITE → printed figures."""

from __future__ import annotations

import functools
import gzip
import http.server
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from tuyengiao.core.corpus import ProjectLayout, build_corpus
from tuyengiao.core.search import build_search_index
from tuyengiao.core.view import SiteView

CHROMIUM = "/usr/bin/chromium"
QUERIES = ("nghi quyet dai hoi", "dang vien", "hoc tap quan triet", "271 kh hu",
           "tuyên truyền miệng", "bao cao vien co so")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def index_figures(project: Path) -> None:
    started = time.perf_counter()
    corpus = build_corpus(ProjectLayout(project))
    view = SiteView(corpus, "public")
    load = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        out, cache = Path(tmp) / "search", Path(tmp) / "cache"
        first = build_search_index(view, out, cache_dir=cache)
        again = build_search_index(view, out, cache_dir=cache)
        gz = sum(_gz(p) for p in out.rglob("*") if p.is_file())
    print(f"corpus: {len(corpus.documents)} documents, {first.documents} public "
          f"(load+check {load:.1f} s)")
    print(f"index build: {first.seconds:.1f} s cold; {again.seconds:.1f} s again with the "
          f"analysis cache ({again.cached} cached, {again.written} files rewritten)")
    print(f"on disk: {first.bytes / 1e6:.1f} MB in {first.files} files ({gz / 1e6:.1f} MB "
          f"gzipped); {first.terms} terms in {first.shards} shards, largest "
          f"{first.largest_shard / 1024:.0f} KB")


def browser_figures(site: Path) -> None:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    loader = site / "search" / "loader.js"
    engine = site / "search" / "engine.js"
    print(f"search code before typing: loader.js {loader.stat().st_size} B "
          f"({_gz(loader)} B gzipped); on first use engine.js {engine.stat().st_size} B "
          f"({_gz(engine)} B gzipped)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        cold, warm = [], []
        for query in QUERIES:
            page = browser.new_page()
            cdp = page.context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
            page.goto(base)
            page.wait_for_load_state("networkidle")
            fetched: list[str] = []
            page.on("request", lambda r, f=fetched: f.append(r.url))
            ms = page.evaluate("""async (q) => {
              const box = document.querySelector('[data-tg-search] input[name=query]');
              const t0 = performance.now();
              box.focus(); box.value = q; box.dispatchEvent(new Event('input'));
              while (window.__tgSearch.firstShown !== q) await new Promise(r => setTimeout(r, 2));
              return performance.now() - t0; }""", query)
            before = list(fetched)
            sent = sum(_gz(site / u[len(base):]) for u in before if u.startswith(base))
            again = page.evaluate("""async (q) => {
              const box = document.querySelector('[data-tg-search] input[name=query]');
              box.value = ''; box.dispatchEvent(new Event('input'));
              while (window.__tgSearch.shown !== '') await new Promise(r => setTimeout(r, 2));
              q = q.split(' ').reverse().join(' ');
              const t0 = performance.now();
              box.value = q; box.dispatchEvent(new Event('input'));
              while (window.__tgSearch.firstShown !== q) await new Promise(r => setTimeout(r, 2));
              return performance.now() - t0; }""", query)
            cold.append(ms)
            warm.append(again)
            print(f"  {query!r:24} {len(before):3} requests, {sent / 1024:6.1f} KB gzipped "
                  f"before the first result; {ms:5.0f} ms from focus (engine, manifest, "
                  f"shards); {again:4.0f} ms for the words reversed")
            page.close()
        browser.close()
    server.shutdown()
    print(f"latency with 4x CPU throttling: median {statistics.median(cold):.0f} ms from the "
          f"focus, engine and manifest loaded on the way (includes the 30 ms typing pause); "
          f"{statistics.median(warm):.0f} ms for a second query (new shards, engine loaded)")


def main() -> None:
    project, site = Path(sys.argv[1]), Path(sys.argv[2])
    index_figures(project)
    browser_figures(site)


if __name__ == "__main__":
    main()
