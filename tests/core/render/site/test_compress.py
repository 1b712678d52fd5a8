"""Precompressed copies: beside every text file, the same bytes every time, kept in the
store by content so a rebuild compresses only what changed."""

from __future__ import annotations

import gzip
from pathlib import Path

from tuyengiao.core.render.site.compress import precompress
from tuyengiao.core.store import CacheStore


def _site(root: Path) -> Path:
    (root / "a").mkdir(parents=True)
    (root / "index.html").write_text("<p>Nghị quyết</p>\n" * 200, encoding="utf-8")
    (root / "a" / "x.css").write_text("body { color: red; }\n" * 100, encoding="utf-8")
    (root / "a" / "tiny.js").write_text("1", encoding="utf-8")
    (root / "a" / "font.woff2").write_bytes(b"wOF2" + bytes(500))
    return root


def test_every_text_file_gets_a_gz_of_its_bytes(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    stats = precompress(site)
    for name in ("index.html", "a/x.css"):
        packed = (site / f"{name}.gz").read_bytes()
        assert gzip.decompress(packed) == (site / name).read_bytes()
        assert len(packed) < (site / name).stat().st_size
    assert not (site / "a" / "tiny.js.gz").exists(), "a gzip bigger than the file is not kept"
    assert not (site / "a" / "font.woff2.gz").exists(), "a font is compressed already"
    assert (stats.files, stats.compressed) == (3, 2)


def test_same_bytes_every_build(tmp_path: Path) -> None:
    one, two = _site(tmp_path / "one"), _site(tmp_path / "two")
    precompress(one)
    (two / "index.html").touch()
    precompress(two)
    assert (one / "index.html.gz").read_bytes() == (two / "index.html.gz").read_bytes()


def test_a_rebuild_compresses_only_what_changed(tmp_path: Path) -> None:
    store = CacheStore(tmp_path / "cache")
    first = store.files("gzip")
    assert precompress(_site(tmp_path / "one"), first).compressed == 2
    first.save()
    site = _site(tmp_path / "two")
    (site / "a" / "x.css").write_text("body { color: blue; }\n" * 100, encoding="utf-8")
    stats = precompress(site, store.files("gzip"))
    assert (stats.compressed, stats.cached) == (1, 1)
    assert gzip.decompress((site / "a/x.css.gz").read_bytes()).startswith(b"body { color: blue")


def test_a_gz_already_there_with_the_same_bytes_is_kept(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    theirs = gzip.compress((site / "index.html").read_bytes(), 1)
    (site / "index.html.gz").write_bytes(theirs)
    precompress(site)
    assert (site / "index.html.gz").read_bytes() == theirs
