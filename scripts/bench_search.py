"""The measuring half of scripts/bench_search: PROJECT SITE → printed figures."""

from __future__ import annotations

import functools
import gzip
import http.server
import resource
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from tuyengiao.core.link.corpus import ProjectLayout, build_corpus
from tuyengiao.core.model.document import Document
from tuyengiao.core.render.search import IndexStats, build_search_index
from tuyengiao.core.link.view import SiteView

CHROMIUM = "/usr/bin/chromium"
QUERIES = ("nghi quyet dai hoi", "dang vien", "hoc tap quan triet", "271 kh hu",
           "tuyên truyền miệng", "bao cao vien co so")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _edit_body(doc: Document) -> None:
    """A sentence more at the start (the index keeps the first 4,000 characters)."""
    doc.body = "Một câu mới: học tập và làm theo nghị quyết ở chi bộ.\n\n" + doc.body


def _edit_title(doc: Document) -> None:
    doc.title += " (sửa đổi)"


def _timed(label: str, stats: IndexStats) -> None:
    print(f"  {label:34} {stats.seconds:6.2f} s, {stats.written:5} files written, "
          f"{stats.removed} removed; {'; '.join(stats.notes) or 'full build'}")


def index_figures(project: Path) -> None:
    started = time.perf_counter()
    corpus = build_corpus(ProjectLayout(project))
    view = SiteView(corpus, "public")
    load = time.perf_counter() - started
    before = _rss_mb()
    with tempfile.TemporaryDirectory() as tmp:
        out, cache = Path(tmp) / "search", Path(tmp) / "cache"
        first = build_search_index(view, out, cache_dir=cache)
        peak = _rss_mb()
        print(f"corpus: {len(corpus.documents)} documents, {first.documents} public "
              f"(load+check {load:.1f} s, {before:.0f} MB)")
        _timed("index build, cold", first)
        _timed("again, nothing changed", build_search_index(view, out, cache_dir=cache))
        middle = view.documents[len(view.documents) // 2]
        for label, edit, doc in (("one document's body edited", _edit_body, middle),
                                 ("another document's title edited", _edit_title,
                                  view.documents[len(view.documents) // 3])):
            edit(doc)
            _timed(label, build_search_index(view, out, cache_dir=cache))
        for label, edit in (("its body edited again", _edit_body),
                            ("its title edited", _edit_title)):
            edit(middle)
            _timed(label, build_search_index(view, out, cache_dir=cache))
        edited_peak = _rss_mb()
        gz = sum(_gz(p) for p in out.rglob("*") if p.is_file())
    print(f"  peak memory of the process {peak:.0f} MB after the cold build "
          f"({peak - before:+.0f} MB for the index), {edited_peak:.0f} MB after the edits")
    print(f"on disk: {first.bytes / 1e6:.1f} MB in {first.files} files ({gz / 1e6:.1f} MB "
          f"gzipped); {first.terms} terms in {first.shards} shards, largest "
          f"{first.largest_shard / 1024:.0f} KB")


_TYPE = """async ([q, fromFocus]) => {
  const box = document.querySelector('[data-tg-search] input[name=query]');
  const t0 = performance.now();
  if (fromFocus) { box.focus(); await new Promise(r => requestAnimationFrame(r)); }
  const t1 = performance.now();
  box.value = q; box.dispatchEvent(new Event('input'));
  while (window.__tgSearch.firstShown !== q) await new Promise(r => setTimeout(r, 2));
  const t2 = performance.now();
  return [t2 - t0, t2 - t1]; }"""
_CLEAR = """async () => {
  const box = document.querySelector('[data-tg-search] input[name=query]');
  box.value = ''; box.dispatchEvent(new Event('input'));
  while (window.__tgSearch.shown !== '') await new Promise(r => setTimeout(r, 2)); }"""


def _typed_cost(browser: Browser, base: str, site: Path, query: str, pasted: int,
                pasted_requests: int) -> str:
    """Bytes (gzip) and requests to search/ when ``query`` is typed one key at a time."""
    page = browser.new_page()
    fetched: list[str] = []
    page.goto(base)
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => window.__tgSearch.ready")
    page.on("request", lambda r: fetched.append(r.url))
    box = page.locator("[data-tg-search] input[name=query]")
    box.press_sequentially(query, delay=150)
    page.wait_for_function("(q) => window.__tgSearch.firstShown === q", arg=query)
    page.wait_for_load_state("networkidle")
    page.close()
    search = [u for u in fetched if u.startswith(base + "search/")]
    sent = sum(_gz(site / u[len(base):]) for u in search)
    return (f"  {query!r:24} {len(search):3} requests, {sent / 1024:6.1f} KB gzipped typed; "
            f"{pasted_requests:3} requests, {pasted / 1024:6.1f} KB pasted "
            f"({sent / max(pasted, 1):.1f}x)")


def browser_figures(site: Path) -> None:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    loader = site / "search" / "loader.js"
    engine = site / "search" / "engine.js"
    manifest = site / "search" / "manifest.json"
    code, code_gz = loader.stat().st_size + engine.stat().st_size, _gz(loader) + _gz(engine)
    print(f"search code loaded before typing (at page idle): loader.js {loader.stat().st_size} B"
          f" + engine.js {engine.stat().st_size} B = {code / 1024:.1f} KB ({code_gz / 1024:.1f}"
          f" KB gzipped; goal 25 KB); with it at idle manifest.json "
          f"{manifest.stat().st_size / 1024:.0f} KB ({_gz(manifest) / 1024:.1f} KB gzipped)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        focus, typed, second = [], [], []
        typed_cost: list[str] = []
        for query in QUERIES:
            page = browser.new_page()
            cdp = page.context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
            fetched: list[str] = []
            page.on("request", lambda r, f=fetched: f.append(r.url))
            page.goto(base)
            page.wait_for_load_state("networkidle")
            page.wait_for_function("() => window.__tgSearch.ready")  # the page is idle
            idle = len(fetched)
            from_focus, from_typing = page.evaluate(_TYPE, [query, True])
            search = [u for u in fetched if u.startswith(base + "search/")]
            sent = sum(_gz(site / u[len(base):]) for u in search)
            page.evaluate(_CLEAR)
            _, again = page.evaluate(_TYPE, [" ".join(reversed(query.split())), False])
            focus.append(from_focus)
            typed.append(from_typing)
            second.append(again)
            print(f"  {query!r:24} {len(search):3} search requests ({len(fetched) - idle} after "
                  f"idle), {sent / 1024:6.1f} KB gzipped before the first result; "
                  f"{from_focus:4.0f} ms from focus, {from_typing:4.0f} ms from typing; "
                  f"{again:4.0f} ms for the words reversed")
            page.close()
            typed_cost.append(_typed_cost(browser, base, site, query, sent, len(search)))
        browser.close()
    server.shutdown()
    print("typed letter by letter (one key every 150 ms, a quick thumb) against pasted:")
    for line in typed_cost:
        print(line)
    print(f"latency with 4x CPU throttling, page loaded and idle (engine ready), including "
          f"the pause before a query runs (150 ms after a paste): median "
          f"{statistics.median(focus):.0f} ms from focusing the box, "
          f"{statistics.median(typed):.0f} ms from typing the query, "
          f"{statistics.median(second):.0f} ms for a second query")


def main() -> None:
    if sys.argv[1] == "--index-only":  # scripts/bench_search --index-only [N]
        index_figures(Path(sys.argv[2]))
        return
    project, site = Path(sys.argv[1]), Path(sys.argv[2])
    index_figures(project)
    browser_figures(site)


if __name__ == "__main__":
    main()
