"""Named build stages with timings, and a progress line on a terminal.

A build is a list of stages (load, link, pages, search index, booklets…);
each new step wraps its work in ``stages.stage("name")`` and may report
progress with ``stages.progress(...)``. The summary says where the time went.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO


class Stages:
    """Timings of the named stages of one build, in the order they ran."""

    def __init__(self, stream: TextIO | None = None, *, quiet: bool = False) -> None:
        """``quiet``: no progress bar (a preview prints one line per build)."""
        self.stream = stream if stream is not None else sys.stderr
        self.timings: dict[str, float] = {}
        self.counts: dict[str, str] = {}
        self._tty = not quiet and bool(getattr(self.stream, "isatty", lambda: False)())
        self._last = 0.0

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - started)

    def add(self, name: str, seconds: float, count: str = "") -> None:
        self.timings[name] = self.timings.get(name, 0.0) + seconds
        if count:
            self.counts[name] = count

    def progress(self, label: str, done: int, total: int = 0) -> None:
        """A progress bar on a terminal (at most ten updates a second); silent otherwise."""
        now = time.perf_counter()
        if not self._tty or (now - self._last < 0.1 and done < total):
            return
        self._last = now
        if total:
            filled = int(30 * done / total)
            bar = "█" * filled + "·" * (30 - filled)
            line = f"{label:<18} {bar} {done}/{total}"
        else:
            line = f"{label:<18} {done}"
        end = "\n" if total and done >= total else ""
        if done > total > 0:
            return
        self.stream.write(f"\r\x1b[2K{line}{end}")
        self.stream.flush()

    def summary(self) -> str:
        total = sum(self.timings.values())
        parts = [f"{name} {seconds:.1f} s" + (f" ({self.counts[name]})"
                                              if name in self.counts else "")
                 for name, seconds in self.timings.items()]
        return f"time: {total:.1f} s = " + ", ".join(parts)
