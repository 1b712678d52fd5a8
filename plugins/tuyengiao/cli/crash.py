"""What the command does with an exception nobody expected: that is our bug, never the
editor's, so the editor gets one line (what failed, where in our code, and where the
details are) and the traceback goes to a log file for the maintainers.

Logs are ``.cache/logs/crash-<time>-<pid>.log`` in the project (the system's temporary
folder when that cannot be written); the last 20 are kept.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

LOG_FOLDER = ".cache/logs"
KEEP_LOGS = 20


def guarded(command: str, project: Path, run: Callable[[], int],
            interrupt: bool = True) -> int:
    """``run()``; an unexpected exception is logged and reported on one line, exit 2.
    Ctrl-C ends the command with exit 130 and a short line (no traceback), unless
    ``interrupt`` is false (a preview's rebuild: Ctrl-C stops the server)."""
    try:
        return run()
    except KeyboardInterrupt:
        if not interrupt:
            raise
        print(f"tuyengiao {command}: interrupted; a site being built was not published",
              file=sys.stderr)
        return 130
    except Exception as exc:
        print(crash_line(command, exc, write_log(command, project, exc)), file=sys.stderr)
        return 2


def crash_line(command: str, exc: BaseException, log: Path | None) -> str:
    """``tuyengiao build: internal error at core/x.py:12 (ValueError: …); …``."""
    where = _our_frame(exc)
    what = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}".rstrip(": ")
    if len(what) > 160:
        what = what[:160] + "…"
    details = f"the details are in {log}" if log is not None else "no log could be written"
    return (f"tuyengiao {command}: internal error at {where} ({what}); this is a bug in "
            f"tuyengiao, not in your files: {details}; please send that file to the "
            "maintainers")


def write_log(command: str, project: Path, exc: BaseException) -> Path | None:
    """Write the traceback and the versions to a new log file; its path, or None."""
    now = dt.datetime.now(dt.UTC)
    name = f"crash-{now:%Y%m%d-%H%M%S}-{os.getpid()}.log"
    text = (f"tuyengiao {command} failed at {now:%Y-%m-%d %H:%M:%S} UTC\n"
            f"arguments: {sys.argv[1:]}\nproject: {project}\n"
            f"python: {sys.version.split()[0]} on {platform.platform()}\n\n"
            + "".join(traceback.format_exception(exc)))
    for folder in (project / LOG_FOLDER, Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            path.write_text(text, encoding="utf-8", errors="backslashreplace")
        except OSError:
            continue
        _prune(folder)
        return path
    return None


def _our_frame(exc: BaseException) -> str:
    """The innermost frame of the package (``core/load/files.py:120``), else the last."""
    frames = traceback.extract_tb(exc.__traceback__)
    package = Path(__file__).resolve().parent.parent
    for frame in reversed(frames):
        try:
            return f"{Path(frame.filename).resolve().relative_to(package)}:{frame.lineno}"
        except ValueError:
            continue
    return f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"


def _prune(folder: Path) -> None:
    logs = sorted(folder.glob("crash-*.log"))
    for old in logs[:-KEEP_LOGS]:
        old.unlink(missing_ok=True)
