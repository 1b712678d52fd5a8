"""The whole-site snapshot: what of a built site is compared with ``tests/snapshots/``.

A built site becomes a mapping *snapshot file → text*:

* ``FILES.txt``: every file of the site, one per line, with how it is recorded;
* HTML pages, the search index (``search/``) and ``sitemap.xml``: their text,
  under the same path;
* ``sitemap.xml.gz``: its decompressed text, as ``sitemap.xml.gz.txt``;
* the ``.gz`` copy of a text file: in ``FILES.txt``, with whether it decompresses to
  that file's bytes;
* booklets (``*.pdf``): not their bytes but ``<name>.pdf.txt`` with the page
  count, metadata, language, outline and the text of each page (pypdf, pinned);
* ``assets/`` (Material's bundles, the theme's fonts and CSS, copied as they
  are): their paths only, in ``FILES.txt``;
* anything else: its path and SHA-256 in ``FILES.txt``.

:data:`VOLATILE` lists what changes from one build to the next and is replaced
before comparing. Found by building the fixture twice, from two copies of the
project into two folders, and diffing: only the sitemap's dates (MkDocs writes
the build day as ``<lastmod>`` and as the gzip header's time) differ. The service
worker's version is replaced as well: it changes with the code.
"""

from __future__ import annotations

import difflib
import gzip
import hashlib
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdf

SNAPSHOTS = Path(__file__).resolve().parents[1] / "snapshots"
LISTING = "FILES.txt"

#: (files it applies to, pattern, replacement): what differs between two builds.
VOLATILE: list[tuple[str, re.Pattern[str], str]] = [
    ("sitemap.xml", re.compile(r"<lastmod>\d{4}-\d\d-\d\d</lastmod>"),
     "<lastmod>(build date)</lastmod>"),
    # The service worker's version hashes the code too: any change of the package makes
    # a new one (tests/site/test_service_worker.py checks it changes with the content).
    ("sw.js", re.compile(r'var VERSION = "[0-9a-f]+";'), 'var VERSION = "(build version)";'),
]
#: Copied unchanged from Material or ``overrides/``: recorded by path only.
PATH_ONLY = ("assets/",)
TEXT_SUFFIXES = (".html", ".json", ".js", ".xml", ".txt", ".css")


def record(site: Path) -> dict[str, str]:
    """The snapshot of the site built in ``site``: snapshot-relative path → text."""
    files: dict[str, str] = {}
    listing: list[str] = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        name, text, note = _record_file(path, rel)
        if name is not None:
            files[name] = _stable(rel, text)
        listing.append(f"{rel}  {note}".rstrip())
    files[LISTING] = "\n".join(listing) + "\n"
    return files


def _record_file(path: Path, rel: str) -> tuple[str | None, str, str]:
    """(snapshot file or None, its text, what the listing says)."""
    if rel.startswith(PATH_ONLY):
        return None, "", "(path only)"
    source = path.with_name(path.name.removesuffix(".gz"))
    if rel.endswith(".gz") and source.is_file():
        # A precompressed copy for the server (core/render/site/compress.py): recorded as
        # such, its bytes checked against the file it copies.
        same = gzip.decompress(path.read_bytes()) == source.read_bytes()
        return None, "", "(gzip of the file above)" if same else "(gzip of ANOTHER text)"
    if rel.endswith(".gz"):
        return f"{rel}.txt", gzip.decompress(path.read_bytes()).decode("utf-8"), (
            f"(decompressed: {rel}.txt)")
    if rel.endswith(".pdf"):
        return f"{rel}.txt", pdf_text(path), f"(pages, metadata, outline, text: {rel}.txt)"
    if rel.endswith(TEXT_SUFFIXES):
        return rel, path.read_text(encoding="utf-8"), ""
    return None, "", f"sha256 {hashlib.sha256(path.read_bytes()).hexdigest()}"


def _stable(rel: str, text: str) -> str:
    for name, pattern, replacement in VOLATILE:
        if rel.removesuffix(".gz") == name:
            text = pattern.sub(replacement, text)
    return text


def pdf_text(path: Path) -> str:
    """A booklet as text: page count, metadata, language, outline, each page's text."""
    reader = pypdf.PdfReader(path)
    lines = [f"pages: {len(reader.pages)}"]
    metadata = sorted((reader.metadata or {}).items())
    lines += [f"{key.lstrip('/')}: {value}" for key, value in metadata]
    lines.append(f"Lang: {reader.trailer['/Root'].get('/Lang', '')}")
    lines.append("outline:")
    lines += [f"{'  ' * (depth + 1)}{title} … {page}" for depth, title, page in _outline(
        reader, reader.outline)]
    for number, page in enumerate(reader.pages, start=1):
        lines.append(f"--- page {number}")
        lines.append((page.extract_text() or "").rstrip())
    return "\n".join(lines) + "\n"


def _outline(reader: pypdf.PdfReader, items: list[Any], depth: int = 0
             ) -> Iterator[tuple[int, str, int]]:
    for item in items:
        if isinstance(item, list):
            yield from _outline(reader, item, depth + 1)
        else:
            yield depth, item.title, (reader.get_destination_page_number(item) or 0) + 1


def read(folder: Path) -> dict[str, str]:
    """A committed snapshot, as :func:`record` returns it."""
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*")) if p.is_file()}


def write(folder: Path, snapshot: dict[str, str]) -> None:
    """Replace ``folder`` with ``snapshot`` (files no longer recorded disappear)."""
    if folder.exists():
        shutil.rmtree(folder)
    for name, text in snapshot.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def differences(expected: dict[str, str], actual: dict[str, str], *, files: int = 5,
                lines: int = 30) -> str:
    """'' when equal; else which files differ, then the first lines of their diffs."""
    missing = sorted(expected.keys() - actual.keys())
    extra = sorted(actual.keys() - expected.keys())
    changed = sorted(n for n in expected.keys() & actual.keys() if expected[n] != actual[n])
    if not (missing or extra or changed):
        return ""
    report = [f"{len(changed)} changed, {len(missing)} missing, {len(extra)} new:"]
    report += [f"  changed  {n}" for n in changed] + [f"  missing  {n}" for n in missing]
    report += [f"  new      {n}" for n in extra]
    for name in changed[:files]:
        diff = list(difflib.unified_diff(expected[name].splitlines(), actual[name].splitlines(),
                                         f"snapshot/{name}", f"built/{name}", lineterm=""))
        more = [f"… {len(diff) - lines} more diff lines"] if len(diff) > lines else []
        report += ["", *diff[:lines], *more]
    if len(changed) > files:
        report.append(f"\n… and the diffs of {len(changed) - files} more files")
    return "\n".join(report)
