"""``tuyengiao serve`` on a copy of the fixture project, in a child process, on a free
loopback port, with its terminal output kept in a file."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

#: The fixture's public resolution 5-NQ/HU, which is in a booklet (``date`` on line 7).
RESOLUTION = "content/dang-bo/nghi-quyet/nq-so-hoa-tuyen-truyen.md"
RESOLUTION_URL = "van-ban/5-nq-hu/"
DATE_LINE = 7


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as response:
        return str(response.read().decode("utf-8"))


@dataclass
class Preview:
    url: str
    log: Path
    project: Path

    def output(self) -> str:
        return self.log.read_text("utf-8")

    def lines(self) -> list[str]:
        return self.output().splitlines()

    def wait_for(self, text: str, *, after: int = 0, timeout: float = 120) -> list[str]:
        """The output's lines from line ``after`` once one of them contains ``text``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            lines = self.lines()[after:]
            if any(text in line for line in lines):
                return lines
            time.sleep(0.1)
        raise AssertionError(f"the preview never printed {text!r}:\n{self.output()}")

    def page(self, path: str) -> str:
        return get(self.url + path)


REPO = Path(__file__).resolve().parents[2]
#: The ``tuyengiao`` command of each engine's venv (``scripts/setup --dev`` makes both).
COMMANDS = {"mkdocs": Path(sys.executable).with_name("tuyengiao"),
            "properdocs": REPO / ".venv-properdocs" / "bin" / "tuyengiao"}


@contextmanager
def running_preview(project: Path, *extra: str, engine: str = "mkdocs") -> Iterator[Preview]:
    """Serve ``project`` until the block ends (then stopped as Ctrl+C would), with the
    command of ``engine``'s venv."""
    port = free_port()
    log = project.parent / f"{project.name}-serve.log"
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            [str(COMMANDS[engine]), "--project", str(project), "serve",
             "--dev-addr", f"127.0.0.1:{port}", *extra],
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"})
    preview = Preview(f"http://127.0.0.1:{port}/", log, project)
    try:
        preview.wait_for("Preview at", timeout=180)
        yield preview
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
