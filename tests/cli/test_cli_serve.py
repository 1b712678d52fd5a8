"""``tuyengiao serve``: one line per rebuild, and no booklet between a save and its page.

The server runs as a child process on a copy of the fixture project (a free port);
the booklet test calls the preview's build in this process, as the server does.
"""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import pytest
from preview_server import RESOLUTION, RESOLUTION_URL, running_preview

from tuyengiao.cli import parser
from tuyengiao.cli.build import cmd_build, new_session
from tuyengiao.core.incremental.background import BackgroundBooklets, BatchDone
from tuyengiao.core.render.booklets.build import BookletBuild

#: ``16:20:05 content/x.md: page shown in 0.21 s; site: 3 pages rendered, 1.02 s``
SAVE_LINE = re.compile(
    r"^\d\d:\d\d:\d\d (?P<what>content/\S+\.md): page shown in \d+\.\d\d s; "
    r"site: \d+ pages? rendered(, [^,]+)*, \d+\.\d\d s$")


def _append(project: Path, text: str) -> None:
    path = project / RESOLUTION
    path.write_text(path.read_text("utf-8") + f"\n{text}\n", "utf-8")


def test_each_save_prints_one_line_and_nothing_else(project_copy: Path) -> None:
    with running_preview(project_copy) as preview:
        start = len(preview.lines())
        for n in range(2):
            _append(project_copy, f"Câu thêm lần {n}.")
            assert f"Câu thêm lần {n}." in _page_when(preview, f"Câu thêm lần {n}.")
            preview.wait_for("site:", after=start + n)
        time.sleep(1.0)  # nothing more comes (booklets may be made: their own line)
        lines = preview.lines()
    first, shown, *after = lines
    assert re.fullmatch(r"\d\d:\d\d:\d\d first build: \d+ pages rendered.*, \d+\.\d\d s", first)
    assert shown.startswith("Preview at http://127.0.0.1:")
    saves = [line for line in after if SAVE_LINE.match(line)]
    assert len(saves) == 2, lines
    assert all(SAVE_LINE.match(line)["what"] == RESOLUTION for line in saves)  # type: ignore[index]
    others = [line for line in after if line not in saves]
    assert all(re.fullmatch(r"\d\d:\d\d:\d\d \d+ booklets? made: .*, \d+\.\d\d s", line)
               for line in others), lines
    text = "\n".join(lines)
    for noise in ("INFO", "Detected file changes", "Reloading browsers", "fontTools",
                  "weasyprint", "tuyengiao check:", "tuyengiao build:"):
        assert noise not in text, lines


def _page_when(preview: object, text: str, timeout: float = 60) -> str:
    from preview_server import Preview

    assert isinstance(preview, Preview)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page = preview.page(RESOLUTION_URL)
        if text in page:
            return page
        time.sleep(0.05)
    raise AssertionError(f"{text!r} never reached the page")


def test_a_save_renders_no_booklet_before_its_page(project_copy: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The preview's build takes only the booklets the cache has: an edit to a document
    of a booklet renders no PDF before the page is written; the page says the booklet is
    being made, which happens after (then the page shows its size and pages)."""
    out = project_copy / ".cache" / "serve-public"
    args = parser().parse_args(["--project", str(project_copy), "build", "--out", str(out)])
    session = new_session(args, preview=True)
    rendered: list[str] = []
    original = BookletBuild._render

    def render(self: BookletBuild, todo: list, *rest: object) -> object:
        if threading.current_thread() is threading.main_thread():  # not the background's
            rendered.extend(booklet.id for booklet, _ in todo)
        return original(self, todo, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(BookletBuild, "_render", render)
    assert cmd_build(args, session) == 0
    assert rendered == [], "the preview's first build made booklets before its pages"
    page = (out / RESOLUTION_URL / "index.html").read_text("utf-8")
    assert "5-nq-hu.pdf" in page and "đang tạo" in page
    assert session.booklets is not None and "5-nq-hu" in session.booklets.pending

    done: list[BatchDone] = []
    background = BackgroundBooklets(done.append)
    try:
        assert "5-nq-hu" in background.submit(session.booklets)
        deadline = time.monotonic() + 240
        while not done and time.monotonic() < deadline:
            time.sleep(0.1)
        assert done and "5-nq-hu" in [m for d in done for m in d.made], done
        assert cmd_build(args, session) == 0  # what the server does when they are made
        page = (out / RESOLUTION_URL / "index.html").read_text("utf-8")
        assert "đang tạo" not in page and re.search(r"PDF, \d+ KB, \d+ trang", page)
        assert (out / "tai-lieu" / "5-nq-hu.pdf").read_bytes().startswith(b"%PDF")

        _append(project_copy, "Một câu sửa khi xem trước.")
        assert cmd_build(args, session) == 0
        page = (out / RESOLUTION_URL / "index.html").read_text("utf-8")
        assert "Một câu sửa khi xem trước." in page
        assert rendered == [], "a save made booklets before its page"
        assert "5-nq-hu" in session.booklets.pending and "đang tạo" in page
    finally:
        background.close()
        session.close()
