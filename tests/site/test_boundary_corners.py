"""The public/internal boundary in its corners, and a cache that cannot be turned against
a build: each test is one leak the safety issue found.

* a public Q&A of an internal resolution does not take that resolution's date (year
  pages, search filters);
* study rows of an internal resolution make no public page, sitemap entry or text
  naming it;
* a document edited from public to internal in place, with its size and modification
  time put back (``cp -p``), is seen by the next build;
* a crafted pickle or Jinja bytecode file in ``.cache/`` runs nothing; a cached PDF
  swapped in place (same size, time and inode) is rendered again, never published.
"""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

from built_site import INTERNAL_NUMBER, build

from tuyengiao.cli import main

INTERNAL = "content/noi-bo/cong-van-ra-soat-bcv.md"  # 7-CV/HU, internal
PUBLIC = "content/uy-ban/ke-hoach-loa-truyen-thanh.md"  # 30/KH-UBND, public
ODD_YEAR = "2011"


def _edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _site_files_naming(site: Path, text: str) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*")
                  if p.is_file() and p.suffix in (".html", ".json", ".xml", ".txt", ".js")
                  and text in p.read_text(encoding="utf-8", errors="replace"))


def test_an_internal_parent_date_does_not_reach_public_years(project_copy: Path,
                                                             tmp_path: Path) -> None:
    _edit(project_copy, INTERNAL, "date: 2025-01-10", f"date: {ODD_YEAR}-06-15")
    (project_copy / "content/xa/hoi-dap-7.md").parent.mkdir()
    (project_copy / "content/xa/hoi-dap-7.md").write_text(
        f"---\ntype: qa\ntitle: Hỏi đáp công khai\nresolution: {INTERNAL_NUMBER}\n"
        "visibility: public\n---\n\n## Câu hỏi 1: Vì sao?\n\nVì thế.\n", encoding="utf-8")
    site = tmp_path / "site"
    assert build(project_copy, "public", site) == 0
    assert (site / "hoi-dap/hoi-dap-7/index.html").is_file()
    assert not [p for p in site.rglob("*") if ODD_YEAR in p.relative_to(site).as_posix()]
    manifest = json.loads((site / "search/manifest.json").read_text(encoding="utf-8"))
    assert ODD_YEAR not in json.dumps(manifest)
    assert ODD_YEAR not in (site / "search/docs.json").read_text(encoding="utf-8")
    internal = tmp_path / "internal"
    assert build(project_copy, "internal", internal) == 0  # the probe is there, internally
    assert ODD_YEAR in (internal / "search/docs.json").read_text(encoding="utf-8")


def test_internal_study_rows_name_no_internal_number(project_copy: Path,
                                                      tmp_path: Path) -> None:
    study = project_copy / "data/study.csv"
    study.write_text(study.read_text(encoding="utf-8")
                     + f"2021,u3,{INTERNAL_NUMBER},1,10,10,5,5,20\n", encoding="utf-8")
    site = tmp_path / "site"
    assert build(project_copy, "public", site) == 0
    assert not (site / "so-lieu/theo-van-ban/7-cv-hu").exists()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "7-cv-hu" not in sitemap
    # only the page whose editor typed the number names it (as plain text, see
    # test_boundary.py)
    assert _site_files_naming(site, INTERNAL_NUMBER) == ["van-ban/30-kh-ubnd/index.html"]
    internal = tmp_path / "internal"
    assert build(project_copy, "internal", internal) == 0
    assert (internal / "so-lieu/theo-van-ban/7-cv-hu/index.html").is_file()


def test_an_in_place_edit_keeping_size_and_time_is_seen(project_copy: Path,
                                                        tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build(project_copy, "public", site) == 0
    assert (site / "van-ban/30-kh-ubnd/index.html").is_file()
    path = project_copy / PUBLIC
    before = path.stat()
    text = path.read_bytes()
    edited = text.replace(b"visibility: public", b"visibility: internal", 1)
    edited = edited.replace(b"\n\n", b"\n", 2)  # the same size: two blank lines fewer
    assert len(edited) == len(text) and edited != text
    with open(path, "r+b") as handle:  # in place: the same inode
        handle.write(edited)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size, before.st_mtime_ns, before.st_ino)
    assert build(project_copy, "public", site) == 0
    assert not (site / "van-ban/30-kh-ubnd").exists(), "the internal document stayed public"


class _Exploit:
    """Unpickling this writes a file: what a crafted cache entry would do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (Path.write_text, (str(self.marker), "pwned"))  # type: ignore[return-value]


def test_cache_files_cannot_run_code(project_copy: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build(project_copy, "public", site) == 0
    marker = tmp_path / "pwned"
    payload = pickle.dumps(_Exploit(marker))
    cache = project_copy / ".cache"
    folders = [cache, cache / "tuyengiao", *[p for p in cache.rglob("*") if p.is_dir()]]
    for folder in folders:
        for name in ("load.pickle", "cache.pickle", "pages.pickle", "search.pickle"):
            (folder / name).write_bytes(payload)
        (folder / "__jinja2_0123456789abcdef.cache").write_bytes(b"j2\n" + payload)
    for entry in cache.rglob("*.entry"):  # an entry replaced by a pickle
        entry.write_bytes(payload)
    assert build(project_copy, "public", site) == 0
    assert main(["--project", str(project_copy), "check"]) == 0
    assert not marker.exists(), "a file of the cache ran code"
    assert (site / "van-ban/30-kh-ubnd/index.html").is_file()


def test_a_cached_pdf_swapped_in_place_is_rendered_again(project_copy: Path,
                                                         tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build(project_copy, "public", site) == 0
    published = {p.name: p.read_bytes() for p in (site / "tai-lieu").glob("*.pdf")}
    assert published
    cached = sorted((project_copy / ".cache/tuyengiao/booklets").glob("*.pdf"))
    assert cached
    for pdf in cached:
        before = pdf.stat()
        data = pdf.read_bytes()
        with open(pdf, "r+b") as handle:  # the same size, inode and (below) time
            handle.write(data[:200] + bytes(len(data) - 400) + data[-200:])
        os.utime(pdf, ns=(before.st_atime_ns, before.st_mtime_ns))
    fresh = tmp_path / "fresh"
    assert build(project_copy, "public", fresh) == 0
    for name, data in published.items():
        assert (fresh / "tai-lieu" / name).read_bytes() == data, f"{name} was published damaged"
