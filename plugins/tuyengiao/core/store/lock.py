"""One build at a time per project: an exclusive ``flock`` on ``build.lock`` in the store.

Two builds of one project share its cache folders. The store's writes are atomic, so
they would not corrupt each other, but a build that finds the other's files half made
(a temporary file of the search index it was about to link, a staging folder) could
fail. The second build therefore waits for the first, saying so, or stops at once when
asked not to wait. The lock is the kernel's: a build that is killed releases it, and the
file holds the pid of the build that holds it, for the message.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

LOCK_NAME = "build.lock"


class StoreBusy(Exception):
    """Another build holds the lock and the caller would not wait."""


class StoreLock:
    """The build lock of a store's ``root``; a context manager."""

    def __init__(self, root: Path, wait: bool = True,
                 on_wait: Callable[[str], None] | None = None) -> None:
        self.root = root
        self.wait = wait
        self.on_wait = on_wait
        self._fd: int | None = None

    def __enter__(self) -> StoreLock:
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.root / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
                if not self.wait:
                    raise StoreBusy(holder) from None
                if self.on_wait is not None:
                    self.on_wait(holder)
                fcntl.flock(fd, fcntl.LOCK_EX)
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the last descriptor releases the lock
            self._fd = None
