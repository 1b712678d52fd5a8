"""Precompressed copies of a built site's text files, for a static server to send as they
are (nginx ``gzip_static on;``, Apache ``mod_rewrite`` rules: see README, "Serving the
site").

Every text file (HTML, CSS, JS, JSON, SVG, XML, TXT) gets ``<name>.gz`` beside it,
gzip level 9 with no name and no date in the header, so the same file always gives the
same bytes. A file whose gzip is not smaller than itself gets none (the server sends it
as it is). Compressed files are kept in the cache store by the digest of what they
compress (``gzip/ab/<digest>.gz``, hard-linked into the site), so a rebuild compresses
only the files that changed.

Brotli is not written: it would add a compiled dependency for 10-15 % on files that are
already a few KB, and every browser that sends ``br`` also takes gzip.
"""

from __future__ import annotations

import gzip
import os
from dataclasses import dataclass
from pathlib import Path

from tuyengiao.core.store import FileSet, digest16, link_or_copy, write_atomic

#: The suffixes of the files that get a ``.gz`` (what a browser asks for uncompressed).
TEXT_SUFFIXES = frozenset({".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt",
                           ".csv", ".webmanifest"})
GZIP_LEVEL = 9


@dataclass
class CompressStats:
    """What :func:`precompress` did: files seen, ``.gz`` written anew, from the cache."""

    files: int = 0
    compressed: int = 0
    cached: int = 0


def gzip_bytes(data: bytes) -> bytes:
    """``data`` gzipped the same way every time (no file name, mtime 0)."""
    return gzip.compress(data, GZIP_LEVEL, mtime=0)


def text_files(site_dir: Path) -> list[Path]:
    """The files of ``site_dir`` that get a compressed copy, in a stable order."""
    found: list[Path] = []
    for folder, dirs, names in os.walk(site_dir):
        dirs.sort()
        for name in sorted(names):
            if os.path.splitext(name)[1].lower() in TEXT_SUFFIXES:
                found.append(Path(folder, name))
    return found


def _already_compressed(target: Path, data: bytes) -> bool:
    """Whether ``target`` exists and is a gzip of ``data`` (kept as it is)."""
    try:
        return target.is_file() and gzip.decompress(target.read_bytes()) == data
    except (OSError, EOFError, gzip.BadGzipFile):
        return False


def precompress(site_dir: Path, cache: FileSet | None = None) -> CompressStats:
    """Write ``<file>.gz`` beside every text file of ``site_dir`` (see the module).

    A ``.gz`` already there that holds the same bytes (MkDocs writes ``sitemap.xml.gz``)
    is kept, so a preview folder and a fresh build agree. Other names are replaced by
    a rename or a new hard link, never written through: a page of the site may be a
    hard link of a cache file.
    """
    stats = CompressStats()
    for path in text_files(site_dir):
        data = path.read_bytes()
        stats.files += 1
        target = path.with_name(path.name + ".gz")
        if _already_compressed(target, data):  # MkDocs' own sitemap.xml.gz
            continue
        key = digest16(data).hex()
        name = f"{key[:2]}/{key}.gz"
        kept = cache.lookup(name) if cache is not None else None
        if kept is not None:
            stats.cached += 1
            link_or_copy(kept, target)
            continue
        packed = gzip_bytes(data)
        if len(packed) >= len(data):
            target.unlink(missing_ok=True)
            continue
        stats.compressed += 1
        if cache is None:
            write_atomic(target, packed)
        else:
            (cache.dir / name).parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(cache.write(name, packed), target)
    return stats
