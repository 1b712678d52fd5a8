"""``tuyengiao serve``: a live preview that rebuilds incrementally on save.

MkDocs' own ``serve`` rebuilds every page on each change. Here a
:class:`PreviewServer` (MkDocs' :class:`~mkdocs.livereload.LiveReloadServer`, which
ProperDocs has too) calls the same incremental build as ``tuyengiao build`` with one
:class:`BuildSession` for all of them (the cache kept in memory), and the browser
reloads when it is done. Each build goes to a fresh staging folder; after the first
one, the served folder under ``.cache/`` is updated from it in place: only the files
that changed are moved in (each by a rename), pages that are gone are removed. A build
that fails changes nothing.

What the preview adds to MkDocs' server:

* **Changes are seen at once**: the folders are watched with inotify (MkDocs polls
  them every half second, walking every file), and the changed paths are kept, so
  each build prints one line: what changed, how many pages were rendered, the time.
* **Errors show in the browser**: every HTML page gets one script *file*,
  ``/.tuyengiao/preview.js`` (no inline script, so a strict Content-Security-Policy
  holds), which reloads the page when a build is done (MkDocs' long poll of
  ``/livereload/…``) and reads ``/.tuyengiao/status.json``: while the last build
  failed, an overlay over the page names each problem's file, line and message.
  The overlay's words are :data:`WORDS`, sent in the status (the script holds none).
* **Booklets come after the page**: a preview build links the booklets the cache
  has and marks the others as being made; :class:`BackgroundBooklets` makes them in a
  worker process after the pages are served, then the preview builds again.
"""

from __future__ import annotations

import json
import logging
import os
import posixpath
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import watchdog.events
import watchdog.observers
from mkdocs.livereload import LiveReloadServer, _timestamp

from tuyengiao.core.load.project_files import ProjectFiles
from tuyengiao.core.model.problems import Problem
from tuyengiao.i18n import _, ngettext
from tuyengiao.mkdocs.engine import NAME as ENGINE

log = logging.getLogger("tuyengiao.serve")

#: Where the preview's own files are served (no file of a site starts with a dot).
PREFIX = "/.tuyengiao/"
ASSETS = Path(__file__).with_name("assets")
#: Quiet time after a change before building (an editor's save is several events).
BUILD_DELAY = 0.05

#: The overlay's words (Vietnamese: the editors' language), sent in the status.
WORDS = {
    "title": "Lỗi khi dựng trang",
    "line": "dòng",
    "kept": "Trang bên dưới là bản dựng lần trước. Sửa lỗi rồi lưu tệp: trang sẽ tự tải lại.",
    "booklets": "Không tạo được tài liệu in (PDF)",
    "hide": "Ẩn",
    "more": "và {n} lỗi khác (xem cửa sổ dòng lệnh)",
    "waiting": "Chưa có trang nào được dựng. Sửa lỗi rồi lưu tệp: trang sẽ tự tải lại.",
    "missing": "Không có trang này trong bản xem trước",
}
#: At most this many problems are listed in the overlay.
SHOWN = 20
#: Events that are not a change (watchdog reports opening and reading with inotify).
_NOT_CHANGES = {"opened", "closed_no_write"}


def is_editor_scratch(name: str) -> bool:
    """Files editors write beside the one being saved (vim, emacs, gedit, …)."""
    return (name.startswith((".#", ".~")) or name.endswith(("~", ".swp", ".swx", ".tmp"))
            or name == "4913" or (name.startswith(".") and name.endswith(".swp")))


@dataclass
class Outcome:
    """What one preview build did."""

    ok: bool
    pages: int = 0
    rendered: int = 0
    problems: list[Problem] = field(default_factory=list)
    failure: str = ""
    #: Booklets that could not be made (booklet id → message).
    booklet_errors: dict[str, str] = field(default_factory=dict)
    #: Booklets being made after the pages.
    booklets_pending: int = 0
    #: The build stopped for a newer save (which builds again at once).
    cancelled: bool = False


def problem_fields(problem: Problem) -> dict[str, Any]:
    """A problem for the overlay: its file, line and the rest of its printed line."""
    text = str(problem)
    where = f"{problem.path}:{problem.line}" if problem.line else problem.path
    if problem.column:
        where += f":{problem.column}"
    message = text[len(where) + 2:] if text.startswith(where + ": ") else text
    return {"path": problem.path, "line": problem.line, "severity": problem.severity.value,
            "message": message, "text": text}


def status_of(outcome: Outcome | None) -> dict[str, Any]:
    """The status the preview script reads: whether the last build failed, and why."""
    if outcome is None:
        return {"ok": False, "built": False, "problems": [], "failure": "", "booklets": [],
                "words": WORDS}
    problems = [p for p in outcome.problems if p.severity.value == "error"] \
        if not outcome.ok else []
    if not outcome.ok and not problems:  # a strict build stopped by warnings
        problems = list(outcome.problems)
    return {
        "ok": outcome.ok and not outcome.booklet_errors,
        "built": True,
        "problems": [problem_fields(p) for p in problems[:SHOWN]],
        "more": max(0, len(problems) - SHOWN),
        "failure": "" if outcome.ok else outcome.failure if not problems else "",
        "booklets": [{"id": i, "message": m} for i, m in sorted(outcome.booklet_errors.items())],
        "words": WORDS,
    }


class _Changes(watchdog.events.FileSystemEventHandler):
    """Records the paths that changed and asks the server to build."""

    def __init__(self, server: PreviewServer) -> None:
        self.server = server
        #: path → (mtime, size, inode) when last seen changed: a "modified" event that
        #: leaves them as they were is a read (the access time) or a chmod, not an edit.
        self.seen: dict[str, tuple[int, int, int]] = {}

    def on_any_event(self, event: watchdog.events.FileSystemEvent) -> None:
        if event.is_directory or event.event_type in _NOT_CHANGES:
            return
        paths = [os.fsdecode(event.src_path)]
        if getattr(event, "dest_path", ""):
            paths.append(os.fsdecode(event.dest_path))
        paths = [p for p in paths if not is_editor_scratch(os.path.basename(p))]
        if event.event_type == "modified" and paths and not self._differs(paths[0]):
            return
        if paths:
            self.server.changed(paths, created=event.event_type == "created")

    def _differs(self, path: str) -> bool:
        try:
            stat = os.stat(path)
        except OSError:
            return True
        signature = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        if self.seen.get(path) == signature:
            return False
        self.seen[path] = signature
        return True


#: A build of the preview; it may return the rest of the work, done while serving
#: (which returns False when it changed nothing).
Builder = Callable[[], "Callable[[], bool] | None"]


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server with inotify, the preview script and its status, and
    builds in two steps: the builder's own work, during which requests wait (as in
    MkDocs), then what it returns, done while the site is served (its folder is updated
    file by file, each by a rename); browsers reload after each."""

    def __init__(self, builder: Builder, host: str, port: int, root: str,
                 status: Callable[[], dict[str, Any]]) -> None:
        super().__init__(builder=builder,  # type: ignore[arg-type]
                         host=host, port=port, root=root, mount_path="/")
        self.build_delay = BUILD_DELAY
        self.observer = watchdog.observers.Observer()  # type: ignore[assignment]  # inotify
        self.status = status
        self._changed: set[str] = set()
        self._created: set[str] = set()
        self._booklets = 0  # booklets made since the last build
        self.error_handler = self._error_page
        #: A file is served only when it resolves inside the served folder.
        self.files = ProjectFiles((Path(os.path.realpath(root)),))

    # What changed.

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        """Watch ``path``: a change under it is recorded and starts a build."""
        path = os.path.abspath(path)
        if path in self._watched_paths:
            self._watched_paths[path] += 1
            return
        self._watched_paths[path] = 1
        self._watch_refs[path] = self.observer.schedule(_Changes(self), path,
                                                        recursive=recursive)

    def changed(self, paths: Iterable[str], *, created: bool = False) -> None:
        with self._rebuild_cond:
            self._changed.update(paths)
            if created:
                self._created.update(paths)
            self._want_rebuild = True
            self._rebuild_cond.notify_all()

    def carry(self, changed: set[str], reasons: list[str]) -> None:
        """Changes a cancelled build did not finish: the next build has them too."""
        with self._rebuild_cond:
            self._changed.update(changed)
            self._booklets += sum(int(r.split()[0]) for r in reasons)
            self._want_rebuild = True
            self._rebuild_cond.notify_all()

    def booklets_made(self, count: int) -> None:
        """Build again although no watched file changed: booklets were made."""
        with self._rebuild_cond:
            self._booklets += count
            self._want_rebuild = True
            self._rebuild_cond.notify_all()

    def saved_since(self) -> bool:
        """Whether a watched file changed since the running build started."""
        with self._rebuild_cond:
            return bool(self._changed)

    def take_changes(self) -> tuple[set[str], list[str]]:
        """The paths changed and the other reasons since the last build (then cleared)."""
        with self._rebuild_cond:
            changed, self._changed = self._changed, set()
            created, self._created = self._created, set()
            made, self._booklets = self._booklets, 0
        reasons = [ngettext("{count} booklet made", "{count} booklets made", made).format(
            count=made)] if made else []
        # A file made and removed since (a temporary file of the editor or of sed -i).
        changed -= {p for p in created if not os.path.lexists(p)}
        return changed, reasons

    def start(self) -> None:
        """Listen, and answer requests in a thread (MkDocs' ``serve`` without starting
        the observer, which the preview starts before its first build)."""
        self.server_bind()
        self.server_activate()
        self.serve_thread.start()

    def run(self) -> None:
        """Build on every change until shut down (one during the first build, too)."""
        self._build_loop()

    def _build_loop(self) -> None:
        """MkDocs' loop (wait for a change, let the changes settle, build, show), with
        the rest of a build done after the browsers were told."""
        while True:
            with self._rebuild_cond:
                while not self._rebuild_cond.wait_for(
                        lambda: self._want_rebuild or self._shutdown,
                        timeout=self.shutdown_delay):
                    pass
                if self._shutdown:
                    break
                while self._rebuild_cond.wait(timeout=self.build_delay):
                    pass  # the changes go on
                self._wanted_epoch = _timestamp()
                self._want_rebuild = False
            try:
                rest = self.builder()
            except Exception:
                log.exception(_("the preview's build failed; it waits for the next change"))
                continue
            self._show_epoch(self._wanted_epoch)
            if rest is None:
                continue
            try:
                if rest() is False:
                    continue  # stopped for a newer save: nothing changed
            except Exception:
                log.exception(_("the preview's build failed; it waits for the next change"))
            self._show_epoch(_timestamp())

    def _show_epoch(self, epoch: int) -> None:
        with self._epoch_cond:
            self._wanted_epoch = max(self._wanted_epoch, epoch)
            self._visible_epoch = self._wanted_epoch
            self._epoch_cond.notify_all()

    # The preview script and its status.

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        """One script file, given the epoch of the page as data (no inline script)."""
        try:
            body_end = content.rindex(b"</body>")
        except ValueError:
            body_end = len(content)
        return content[:body_end] + self._script_tag(epoch) + content[body_end:]

    def _script_tag(self, epoch: int) -> bytes:
        request_id = round(time.monotonic() * 1000)
        return (f'<script src="{PREFIX}preview.js" data-epoch="{epoch}" '
                f'data-request="{request_id}"></script>').encode()

    def _serve_request(self, environ: dict[str, Any], start_response: Any) -> Any:
        path = environ["PATH_INFO"]
        if not path.startswith(PREFIX):
            if self._links_out(path):
                return None  # not found: a link out of the served folder
            return super()._serve_request(environ, start_response)
        name = path[len(PREFIX):]
        if name == "status.json":
            with self._epoch_cond:  # the status of the site being served, once built
                self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
                body = json.dumps(self.status(), ensure_ascii=False).encode()
            kind = "application/json; charset=utf-8"
        elif name in ("preview.js", "preview.css"):
            body = (ASSETS / name).read_bytes()
            kind = ("application/javascript" if name.endswith(".js")
                    else "text/css") + "; charset=utf-8"
        else:
            return None
        start_response("200 OK", [("Content-Type", kind), ("Content-Length", str(len(body))),
                                  ("Cache-Control", "no-store")])
        return [body]

    def _links_out(self, path: str) -> bool:
        """Whether ``path`` names a file or folder that resolves outside the served folder
        (a symbolic link: the preview serves what the build may read, nothing else)."""
        rel = posixpath.normpath("/" + path.encode("latin-1").decode("utf-8", "ignore"))
        file = os.path.join(self.root, rel.lstrip("/"))
        return os.path.lexists(file) and self.files.outside(file) is not None

    def _error_page(self, code: int) -> bytes | None:
        """A page that is not there (or no site yet, the first build having failed):
        a short page with the preview script, which shows the errors and reloads."""
        if code != 404:
            return None
        with self._epoch_cond:
            epoch = self._visible_epoch
        title = WORDS["missing"].encode()
        return (b'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>'
                + title + b"</title></head><body><h1>" + title + b"</h1>"
                + self._script_tag(epoch) + b"</body></html>")


@dataclass
class Preview:
    """The state of one preview: the last outcome, and the one line per build."""

    project: Path
    out: TextIO = field(default_factory=lambda: sys.stdout)
    last: Outcome | None = None
    _shown: tuple[str, ...] = ()
    lock: threading.Lock = field(default_factory=threading.Lock)

    def status(self) -> dict[str, Any]:
        with self.lock:
            return status_of(self.last)

    def update(self, outcome: Outcome) -> None:
        """The outcome of a first pass: what the browser shows until the build ends."""
        with self.lock:
            self.last = outcome

    def report(self, outcome: Outcome, changed: Iterable[str], reasons: Iterable[str],
               seconds: float, first: tuple[int, float] | None = None) -> None:
        """Print the problems when they differ from the last build's, then one line
        (``first``: pages rendered first, and when they were served)."""
        self.update(outcome)
        shown = tuple(str(p) for p in outcome.problems)
        shown += tuple(_("booklet '{id}': {problem}").format(id=i, problem=m)
                       for i, m in sorted(outcome.booklet_errors.items()))
        if outcome.failure and not outcome.problems:
            shown += (outcome.failure,)
        if shown != self._shown:
            for line in shown:
                print(line, file=self.out)
            self._shown = shown
        print(self.line(outcome, changed, reasons, seconds, first), file=self.out, flush=True)

    def line(self, outcome: Outcome, changed: Iterable[str], reasons: Iterable[str],
             seconds: float, first: tuple[int, float] | None = None) -> str:
        """``16:20:05 content/van-ban/x.md: page shown in 0.21 s, 3 pages rendered,
        1.02 s``."""
        what = self._what(changed, reasons)
        if first is not None:
            n, shown = first
            pages = _("page") if n == 1 else _("{count} pages").format(count=n)
            what += _(": {pages} shown in {seconds}; site").format(
                pages=pages, seconds=f"{shown:.2f} s")
        errors = sum(1 for p in outcome.problems if p.severity.value == "error")
        warnings = len(outcome.problems) - errors
        if outcome.ok:
            done = ngettext("{count} page rendered", "{count} pages rendered",
                            outcome.rendered).format(count=outcome.rendered)
            if outcome.booklets_pending:
                n = outcome.booklets_pending
                done += ngettext(", {count} booklet being made", ", {count} booklets being made",
                                 n).format(count=n)
            if outcome.booklet_errors:
                done += _(", {count} booklet(s) failed (shown in the browser)").format(
                    count=len(outcome.booklet_errors))
            if warnings:
                done += ngettext(", {count} warning", ", {count} warnings", warnings).format(
                    count=warnings)
        else:
            found = (ngettext("{count} error", "{count} errors", errors).format(count=errors)
                     if errors else ngettext("{count} warning", "{count} warnings",
                                             warnings).format(count=warnings)
                     if warnings else _("failed"))
            done = _("not built: {found} (shown in the browser); the preview keeps its last "
                     "site").format(found=found)
        return f"{time.strftime('%H:%M:%S')} {what}: {done}, {seconds:.2f} s"

    def _what(self, changed: Iterable[str], reasons: Iterable[str]) -> str:
        names = sorted({self._rel(p) for p in changed})
        parts = names[:3] + ([_("and {count} more").format(count=len(names) - 3)]
                             if len(names) > 3 else [])
        parts += list(dict.fromkeys(reasons))
        return ", ".join(parts) or _("first build")

    def _rel(self, path: str) -> str:
        try:
            return Path(path).resolve().relative_to(self.project).as_posix()
        except ValueError:
            return path


#: A preview build of these changed paths: its outcome, and the rest of the site to
#: build after the browsers were told (None: nothing more).
PreviewBuild = Callable[[set[str]], tuple[Outcome, "Callable[[], Outcome] | None"]]


def serve(project: Path, config_file: str, dev_addr: str, site_dir: Path,
          build: PreviewBuild, *, out: TextIO | None = None,
          on_server: Callable[[PreviewServer], None] | None = None) -> int:
    """Build once, then serve ``site_dir`` and rebuild when a watched file changes.
    ``on_server`` gets the server before it serves (to ask it to build again)."""
    preview = Preview(project.resolve(), out or sys.stdout)
    for name in (ENGINE, f"{ENGINE}.livereload"):  # its "Detected file changes", …
        logging.getLogger(name).setLevel(logging.WARNING)
    host, _colon, port = dev_addr.rpartition(":")
    server = PreviewServer(builder=lambda: None, host=host or "127.0.0.1", port=int(port),
                           root=str(site_dir), status=preview.status)

    def rebuild() -> Callable[[], bool] | None:
        changed, reasons = server.take_changes()
        started = time.perf_counter()
        outcome, rest = build(changed)
        first = time.perf_counter() - started
        if outcome.cancelled:
            server.carry(changed, reasons)  # the next build says what this one would have
            return None
        if rest is None or not outcome.ok:
            preview.report(outcome, changed, reasons, first)
            return None
        preview.update(outcome)  # the edited pages are served: the browsers reload

        def finish() -> bool:
            done = rest()
            if done.cancelled:  # a newer save: its build reports this one's changes too
                server.carry(changed, reasons)
                return False
            preview.report(done, changed, reasons, time.perf_counter() - started,
                           first=(outcome.rendered, first))
            return True

        return finish

    server.builder = rebuild  # type: ignore[assignment]
    for path in (project / "content", project / "data", project / config_file,
                 project / "overrides"):
        if path.exists():
            server.watch(str(path))
    server.observer.start()  # before the first build: a save during it is not missed
    try:
        rebuild()
        if on_server is not None:
            on_server(server)
        server.start()
        print(_("Preview at {url} (Ctrl+C stops it)").format(url=server.url), file=preview.out,
              flush=True)
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0
