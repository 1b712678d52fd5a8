"""Publishing the booklets into ``<site>/tai-lieu/`` removes only stale booklets."""

from __future__ import annotations

from pathlib import Path

from tuyengiao.core.render.booklets.build import write_into


def test_files_an_editor_keeps_under_tai_lieu_stay(tmp_path: Path) -> None:
    folder = tmp_path / "site" / "tai-lieu"
    (folder / "am-thanh").mkdir(parents=True)
    kept = [folder / "ghi-am.mp3", folder / "am-thanh" / "bai-1.ogg", folder / "so-do.svg",
            folder / "so-do.svg.gz"]
    stale = [folder / "so-tay-cu.pdf", folder / "so-tay-cu-in.pdf", folder / "khong-dung.png"]
    for path in kept + stale:
        path.write_bytes(b"x")
    write_into(tmp_path / "site", [], published=["tai-lieu/ghi-am.mp3",
                                                  "tai-lieu/am-thanh/bai-1.ogg",
                                                  "tai-lieu/so-do.svg", "hoi-dap/anh.png"])
    assert all(path.is_file() for path in kept)
    assert not any(path.exists() for path in stale)
