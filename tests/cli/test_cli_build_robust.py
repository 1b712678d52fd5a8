"""``tuyengiao build`` when things go wrong around it: our own bug (one line and a log),
a build killed before (its staging folder), a damaged cache (healed with a notice), and
names too long for a file system."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from built_site import build

from tuyengiao.cli import main

ISSUER = "Ban Chỉ đạo " + "công tác tuyên truyền miệng và báo cáo viên cơ sở " * 6


def _resolution(number: str, issuer: str) -> str:
    return ("---\ntype: resolution\ntitle: Kế hoạch thử\n"
            f"number: {number}\nissuer: {issuer}\ndate: 2023-01-02\nvisibility: public\n"
            "---\n\nNội dung.\n")


def test_an_unexpected_exception_is_one_line_naming_the_log(
        project_copy: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    def bug(*args: object, **kwargs: object) -> None:
        raise ValueError("boom")

    monkeypatch.setattr("tuyengiao.cli.check.build_corpus", bug)
    assert main(["--project", str(project_copy), "check"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    (line,) = err.splitlines()
    match = re.fullmatch(r"tuyengiao check: internal error at cli/check\.py:\d+ "
                         r"\(ValueError: boom\); this is a bug in tuyengiao, not in your "
                         r"files: the details are in (\S+\.log); please send that file to "
                         r"the maintainers", line)
    assert match, line
    log = Path(match.group(1))
    assert log.parent == project_copy / ".cache" / "logs"
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "ValueError: boom" in text


def test_long_issuers_killed_builds_and_a_damaged_cache(
        project_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Two 300-character issuers that differ only at the end: two pages, names the disk takes.
    (project_copy / "content/x").mkdir()
    (project_copy / "content/x/a.md").write_text(_resolution("81-KH/HU", ISSUER + "Phong Thổ"),
                                                 encoding="utf-8")
    (project_copy / "content/x/b.md").write_text(_resolution("82-KH/HU", ISSUER + "Sìn Hồ"),
                                                 encoding="utf-8")
    out = tmp_path / "site"
    killed = tmp_path / ".site.building-99999"  # a build killed before its swap
    (killed / "van-ban").mkdir(parents=True)
    assert build(project_copy, "public", out) == 0
    assert not killed.exists()
    assert "removed .site.building-99999, left by a build that was stopped" in (
        capsys.readouterr().err)
    pages = sorted(p.name for p in (out / "co-quan").iterdir()
                   if p.name.startswith("ban-chi-dao"))
    assert len(pages) == 2 and all(len(name) <= 80 for name in pages), pages
    # A cache entry damaged (truncated by a full disk, a crash): rebuilt, with a notice.
    entry = project_copy / ".cache/tuyengiao/booklets/booklets.entry"
    entry.write_bytes(entry.read_bytes()[:40])
    assert build(project_copy, "public", out) == 0
    err = capsys.readouterr().err
    assert "tuyengiao build: notice: damaged cache entries were discarded and made again " \
        "(booklets/booklets.entry: " in err
    assert build(project_copy, "public", out) == 0  # healed: no notice the next time
    assert "notice" not in capsys.readouterr().err
