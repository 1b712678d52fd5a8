"""A failed build never touches the published site; a good one replaces it whole."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from built_site import OVERRIDES, build, leftovers

Snapshot = dict[str, tuple[int, int]]


def snapshot(root: Path) -> Snapshot:
    """Every file and folder under ``root`` with its mtime (ns) and size."""
    found = {}
    for path in sorted(root.rglob("*")):
        stat = path.stat()
        found[path.relative_to(root).as_posix()] = (stat.st_mtime_ns, stat.st_size)
    return found


def _missing_title(project: Path) -> None:
    path = project / "content/dang-bo/ke-hoach/trien-khai-nghi-quyet-5.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Triển khai", "tieu_de: Triển khai", 1), "utf-8")


def _unknown_number_under_strict(project: Path) -> None:
    path = project / "content/uy-ban/ke-hoach-loa-truyen-thanh.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\nXem thêm Thông báo số 99-TB/HU.\n", encoding="utf-8")


def _unknown_markdown_extension(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - tables\n", "  - tables\n  - khong_co_mo_rong_nay\n", 1),
                      encoding="utf-8")


def _broken_theme_template(project: Path) -> None:
    """A theme override that fails while pages are written, deep inside MkDocs."""
    theme = project.parent / "overrides"
    shutil.copytree(OVERRIDES, theme)
    (theme / "main.html").write_text(
        '{% extends "base.html" %}\n{% block extrahead %}{{ khong_co.gi }}{% endblock %}\n',
        encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace(f"custom_dir: {OVERRIDES.as_posix()}",
                                   f"custom_dir: {theme.as_posix()}"), encoding="utf-8")


BREAKAGES: dict[str, tuple[Callable[[Path], None], tuple[str, ...]]] = {
    "content error": (_missing_title, ()),
    "warning under --strict": (_unknown_number_under_strict, ("--strict",)),
    "MkDocs configuration error": (_unknown_markdown_extension, ()),
    "theme template error": (_broken_theme_template, ()),
}


@pytest.mark.parametrize("breakage", list(BREAKAGES))
def test_failed_build_leaves_previous_site_untouched(project_copy: Path, tmp_path: Path,
                                                     breakage: str) -> None:
    out = tmp_path / "published" / "site"
    assert build(project_copy, "public", out) == 0
    before = snapshot(out)
    assert "van-ban/12-kh-hu/index.html" in before
    time.sleep(0.01)  # a rewritten file would get a different mtime

    breaker, extra = BREAKAGES[breakage]
    breaker(project_copy)
    assert build(project_copy, "public", out, *extra) == 1
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_successful_rebuild_replaces_the_site(project_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(project_copy, "public", out) == 0
    assert (out / "van-ban/30-kh-ubnd/index.html").is_file()
    stale = out / "khong-thuoc-ban-dung.txt"
    stale.write_text("tệp còn sót từ lần trước", encoding="utf-8")

    _missing_title(project_copy)
    assert build(project_copy, "public", out) == 1
    assert stale.is_file()

    plan = project_copy / "content/dang-bo/ke-hoach/trien-khai-nghi-quyet-5.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "tieu_de: Triển khai", "title: Tổ chức triển khai", 1), encoding="utf-8")
    (project_copy / "content/uy-ban/ke-hoach-loa-truyen-thanh.md").unlink()
    assert build(project_copy, "public", out) == 0
    assert "Tổ chức triển khai thực hiện Nghị quyết" in (
        out / "van-ban/12-kh-hu/index.html").read_text(encoding="utf-8")
    assert not (out / "van-ban/30-kh-ubnd").exists(), "a removed document's page is gone"
    assert not stale.exists(), "the new site replaces the folder, it is not merged into it"
    assert leftovers(out) == []


def test_building_twice_is_quick_and_safe(project_copy: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "site"
    timings = []
    for _ in range(2):
        started = time.perf_counter()
        assert build(project_copy, "internal", out) == 0
        timings.append(time.perf_counter() - started)
        assert leftovers(out) == []
    first = snapshot(out)
    assert max(timings) < 10, timings
    assert build(project_copy, "internal", out) == 0
    again = snapshot(out)
    assert set(again) == set(first)
    assert all(again[p][1] == first[p][1] for p in first if not p.endswith((".xml", ".gz")))
    assert "internal site in" in capsys.readouterr().out
    assert not (project_copy / "site").exists(), "--out is honoured, site_dir is not used"


def test_relative_out_is_inside_the_project(project_copy: Path) -> None:
    assert build(project_copy, "public", Path("ban-cong-khai")) == 0
    assert (project_copy / "ban-cong-khai" / "index.html").is_file()
    assert leftovers(project_copy / "ban-cong-khai") == []


def _absolute_link(project: Path) -> None:
    """A warning of MkDocs itself, while it renders the page."""
    path = project / "content/uy-ban/ke-hoach-loa-truyen-thanh.md"
    path.write_text(path.read_text("utf-8") + "\nXem [trang chủ](/van-ban/).\n", "utf-8")


PREVIEW_BREAKAGES = {**BREAKAGES, "MkDocs warning under --strict": (_absolute_link,
                                                                     ("--strict",))}


@pytest.mark.parametrize("breakage", ["theme template error", "warning under --strict",
                                      "MkDocs warning under --strict"])
def test_a_failed_preview_build_leaves_the_preview_as_it_was(project_copy: Path,
                                                             breakage: str) -> None:
    """``serve`` updates its folder in place, but only with a build that succeeded."""
    from tuyengiao.cli import parser
    from tuyengiao.cli.build import cmd_build, new_session

    out = project_copy / ".cache" / "serve-public"
    breaker, extra = PREVIEW_BREAKAGES[breakage]
    args = parser().parse_args(["--project", str(project_copy), "build", "--out", str(out),
                                *extra])
    session = new_session(args, preview=True)
    assert cmd_build(args, session) == 0
    assert cmd_build(args, session) == 0  # from now on, in place
    before, pages = snapshot(out), dict(session.pages)
    time.sleep(0.01)
    breaker(project_copy)
    assert cmd_build(args, session) == 1
    assert snapshot(out) == before
    assert session.pages == pages
    assert leftovers(out) == []
