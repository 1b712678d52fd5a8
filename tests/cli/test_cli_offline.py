"""``tuyengiao offline`` on a project with an error: located messages, exit 1, and the
last copy left as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from tuyengiao.cli import main


def test_offline_refuses_a_broken_project_and_keeps_the_last_copy(
        project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    last = project_copy / "offline" / "public" / "ban-sao.zip"
    last.parent.mkdir(parents=True)
    last.write_bytes(b"the copy of last week")
    doc = next(p for p in sorted((project_copy / "content").rglob("*.md"))
               if "visibility: public" in p.read_text(encoding="utf-8"))
    doc.write_text(doc.read_text(encoding="utf-8").replace(
        "visibility: public", "visibility: publik", 1), encoding="utf-8")
    assert main(["--project", str(project_copy), "offline"]) == 1
    out, err = capsys.readouterr()
    rel = doc.relative_to(project_copy).as_posix()
    assert f"{rel}:" in out + err and "publik" in out + err
    assert "not written" in err and "left as it was" in err
    assert last.read_bytes() == b"the copy of last week"
    assert not list(last.parent.glob(".*"))  # no temporary file left
