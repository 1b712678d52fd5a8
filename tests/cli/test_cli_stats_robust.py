"""``tuyengiao stats import`` on hostile or broken input, and killed while it writes:
limits checked before the spreadsheet is opened, and ``data/study.csv`` is always the
old file or the complete new one."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tuyengiao.cli import main
from tuyengiao.core.model import limits

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "project"


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "copy"
    shutil.copytree(FIXTURE / "data", project / "data")
    return project


def _return(tmp_path: Path, members: str = "2.900/3.000") -> Path:
    """Unit u2's appendices for 2023 as it returns them, one cell corrected."""
    book = tmp_path / "u2.xlsx"
    assert main(["--project", str(FIXTURE), "stats", "--format", "xlsx", "--unit", "u2",
                 "--year", "2023", "--out", str(book)]) == 0
    wb = load_workbook(book)
    wb["PL1"]["C8"] = members
    wb.save(book)
    return book


def _import(project: Path, book: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["--project", str(project), "stats", "import", str(book)])
    return status, capsys.readouterr().err


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    project = _project(tmp_path)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(_return(tmp_path)) as real, zipfile.ZipFile(
            bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for info in real.infolist():
            out.writestr(info, real.read(info))
        with out.open("xl/padding.xml", "w", force_zip64=True) as stream:
            chunk = b" " * (1 << 20)
            for _ in range(limits.MAX_XLSX_UNPACKED_BYTES // len(chunk) + 1):
                stream.write(chunk)
    assert bomb.stat().st_size < 1 << 20  # a small file…
    before = (project / "data/study.csv").read_bytes()
    status, err = _import(project, bomb, capsys)
    assert status == 1
    assert f"{bomb}: error: the spreadsheet unpacks to 129 MB (at most 128 MB)" in err
    assert (project / "data/study.csv").read_bytes() == before


def test_a_sheet_past_the_row_limit_is_one_error(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tuyengiao.core.render.data.xlsx.MAX_SHEET_ROWS", 30)
    book = _return(tmp_path)
    wb = load_workbook(book)
    for row in range(40, 80):
        wb["PL1"].cell(row, 1, 2023)
    wb.save(book)
    status, err = _import(_project(tmp_path), book, capsys)
    assert status == 1
    assert err.splitlines()[0] == (f"{book}: error: sheet 'PL1' has more than 30 rows "
                                   "with values; a unit's return has a row per year (split "
                                   "the file, or import it in parts)")
    assert len([line for line in err.splitlines() if ": error: " in line]) == 1


def test_a_huge_cell_is_named_and_quoted_short(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    book = _return(tmp_path, members="1/2" + "9" * 5000)
    status, err = _import(_project(tmp_path), book, capsys)
    assert status == 1
    assert err.startswith(f"{book}:8:3: error: sheet 'PL1', cell C8: 5,003 characters "
                          "(at most 1,000): '1/299999")
    assert len(err) < 400


def test_an_interrupted_write_leaves_the_old_study_csv(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C (or any failure) half-way through writing: the old file, whole."""
    import tuyengiao.core.store.files as files

    project = _project(tmp_path)
    study = project / "data/study.csv"
    before = study.read_bytes()

    def half_then_interrupt(path: Path, data: object, fsync: bool) -> None:
        with open(path, "xb") as stream:
            stream.write(b"2023,u2,")
        raise KeyboardInterrupt

    monkeypatch.setattr(files, "_write_new", half_then_interrupt)
    assert main(["--project", str(project), "stats", "import", str(_return(tmp_path))]) == 130
    assert "interrupted" in capsys.readouterr().err
    assert study.read_bytes() == before
    assert sorted(p.name for p in study.parent.iterdir() if p.name.startswith(".")) == []


KILLED = """
import os, sys, time
import tuyengiao.core.store.files as files
write = files._write_new
def slow(path, data, fsync):
    with open(path, "xb") as stream:
        stream.write(b"2023,u2,")
        stream.flush()
        open(sys.argv[1], "w").close()   # tell the test: half written
        time.sleep(60)
files._write_new = slow
from tuyengiao.cli import main
sys.exit(main(sys.argv[2:]))
"""


def test_a_killed_import_leaves_the_old_study_csv(tmp_path: Path) -> None:
    """Killed (SIGKILL: a power cut, Ctrl-C twice) in the middle of writing study.csv,
    three times: the file is the old one each time (it used to be left empty)."""
    project = _project(tmp_path)
    study = project / "data/study.csv"
    before = study.read_bytes()
    book = _return(tmp_path)
    for attempt in range(3):
        signal_file = tmp_path / f"writing-{attempt}"
        run = subprocess.Popen([sys.executable, "-c", KILLED, str(signal_file), "--project",
                                str(project), "stats", "import", str(book)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while not signal_file.exists() and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert signal_file.exists(), "the import never reached the write"
        os.kill(run.pid, signal.SIGKILL)
        run.wait()
        assert study.read_bytes() == before
    # What a kill leaves is a temporary file beside it, which is not a table file.
    assert all(p.name.endswith(".tmp") and p.name.startswith(".")
               for p in study.parent.iterdir() if p.name.startswith(".study.csv"))
    # And the import then goes through.
    assert main(["--project", str(project), "stats", "import", str(book)]) == 0
    assert "2023,u2,,2,2900,3000,1,32,2900" in study.read_text(encoding="utf-8").splitlines()
