"""The measuring half of scripts/bench_web: NAME=SITE_DIR ... → printed figures.

Each site is served by a local server that sends the precompressed ``.gz`` files as
nginx's ``gzip_static`` does (README, "Serving the site"). Lighthouse runs on the
home page and a Q&A page with its mobile defaults (simulated throttling); the weight
of every page type is measured in Debian's Chromium (tests/site/page_weight.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "site"))

from browser_helpers import CHROMIUM, Served, chromium  # noqa: E402
from page_weight import BUDGET, SEARCH_QUERY, type_query, visit  # noqa: E402

LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
#: Where each page type lives in a built site: the first page of that folder.
FOLDERS = {"resolution": "van-ban", "qa": "hoi-dap", "guidance": "huong-dan",
           "summary": "tieng-mong"}


def page_types(site: Path) -> dict[str, str]:
    """A page of each type in ``site`` (site-relative URLs)."""
    found = {"home": ""}
    for kind, folder in FOLDERS.items():
        pages = sorted(p.parent.name for p in (site / folder).glob("*/index.html"))
        if pages:
            found[kind] = f"{folder}/{pages[len(pages) // 2]}/"
    found["data"] = "so-lieu/"
    found["index"] = "van-ban/"
    return {k: v for k, v in found.items() if (site / v / "index.html").is_file() or not v}


def lighthouse(url: str) -> dict[str, float]:
    """Lighthouse's four category scores (0-100) for ``url``, mobile defaults."""
    command = ["node", str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout",
               "--quiet", f"--chrome-path={CHROMIUM}",
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
               f"--only-categories={','.join(CATEGORIES)}"]
    done = subprocess.run(command, capture_output=True, text=True, check=False,
                          env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300)
    if done.returncode != 0:
        raise SystemExit(f"bench_web: lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    audits = report["audits"]
    scores["fcp_s"] = audits["first-contentful-paint"]["numericValue"] / 1000
    scores["lcp_s"] = audits["largest-contentful-paint"]["numericValue"] / 1000
    scores["weight_kb"] = audits["total-byte-weight"]["numericValue"] / 1024
    failed = [a["id"] for a in audits.values()
              if a.get("score") is not None and a["score"] < 0.9
              and a.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")]
    scores["below"] = ", ".join(sorted(failed)[:8])  # type: ignore[assignment]
    return scores


def bench(name: str, site: Path) -> None:
    server = Served(site, gzip_static=True)
    types = page_types(site)
    print(f"{name} ({site}):")
    try:
        for kind in ("home", "qa"):
            s = lighthouse(server.url + types[kind])
            print(f"  lighthouse {kind:10} performance {s['performance']:3}, accessibility "
                  f"{s['accessibility']:3}, best practices {s['best-practices']:3}, SEO "
                  f"{s['seo']:3}; FCP {s['fcp_s']:.1f} s, LCP {s['lcp_s']:.1f} s, "
                  f"{s['weight_kb']:.0f} KB  /{types[kind]}")
            if s["below"]:
                print(f"    audits below 0.9: {s['below']}")
        with chromium() as browser:
            for kind, url in [*types.items(), ("search", "")]:
                then = type_query(SEARCH_QUERY) if kind == "search" else None
                found = visit(browser, server.url + url, then=then)
                mark = "" if found.total <= BUDGET else f"  OVER {BUDGET // 1024} KB"
                label = f"typed '{SEARCH_QUERY}'" if kind == "search" else f"/{url}"
                print(f"  weight {kind:10} {found.total / 1024:6.1f} KB gzip, "
                      f"{len(found.sizes):2} requests  {label}{mark}")
    finally:
        server.close()


def main() -> None:
    for arg in sys.argv[1:]:
        name, _, folder = arg.partition("=")
        bench(name, Path(folder))


if __name__ == "__main__":
    main()
