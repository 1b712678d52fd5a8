"""A preview's booklets, made after its pages are served.

A preview build takes from the cache only the booklets it has
(:func:`~tuyengiao.core.render.booklets.build.cached_site_booklets`); its pages link
the others as being made. :class:`BackgroundBooklets` then makes those in one worker
process of low priority, one batch after the other, while the preview serves the
pages; when they are all made (and every ``REPORT_EVERY`` seconds while many are) it
calls ``on_done`` (the preview builds again, so the pages show each booklet's size and
page count and the PDFs are served). A booklet that
fails is not tried again with the same inputs; its error is kept for the preview to
show.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from tuyengiao.core.render.booklets.build import BookletError, SiteBooklets

#: Booklets made together (one write of the booklets' index).
CHUNK = 16
#: While many are being made (the first preview of a large corpus), the preview builds
#: again to show them at most this often (seconds), and when all are made.
REPORT_EVERY = 30.0


def _lower_priority() -> None:
    """The worker yields the cores to the preview's own builds; Ctrl+C in the terminal
    stops the preview, which stops the worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(OSError):  # not allowed here: run as is
        os.nice(10)


@dataclass(frozen=True)
class BatchDone:
    """What one batch made (booklet ids) and what failed (booklet id → message)."""

    made: tuple[str, ...]
    failed: dict[str, str]


class BackgroundBooklets:
    """Makes the pending booklets of preview builds in the background."""

    def __init__(self, on_done: Callable[[BatchDone], None]) -> None:
        self.on_done = on_done
        #: Input key → message, for every booklet that could not be made.
        self.failed: dict[str, str] = {}
        self._queued: set[str] = set()  # input keys queued or being made
        self._queue: queue.Queue[SiteBooklets | None] = queue.Queue()
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._thread: threading.Thread | None = None
        self._busy = False

    def submit(self, booklets: SiteBooklets) -> list[str]:
        """Queue the pending booklets of a build that are not queued yet and have not
        failed with these inputs; the ids queued."""
        with self._lock:
            new = {i: k for i, k in booklets.pending.items()
                   if k not in self._queued and k not in self.failed}
            if not new or booklets.build is None:
                return []
            self._queued.update(new.values())
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name="tuyengiao-booklets",
                                                daemon=True)
                self._thread.start()
        self._queue.put(SiteBooklets([], new, booklets.build))
        return list(new)

    def errors(self, booklets: SiteBooklets) -> dict[str, str]:
        """The booklets of this build that could not be made (id → message)."""
        with self._lock:
            return {i: self.failed[k] for i, k in booklets.pending.items() if k in self.failed}

    @property
    def busy(self) -> bool:
        """Whether booklets are queued or being made."""
        with self._lock:
            return bool(self._queued)

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:  # a fresh interpreter: this process runs threads
            self._pool = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                initializer=_lower_priority)
        return self._pool

    def _work(self) -> None:
        made: list[str] = []
        failed: dict[str, str] = {}
        reported = time.monotonic()
        while True:
            batch = self._queue.get()
            if batch is None:
                return
            assert batch.build is not None
            pending = list(batch.pending.items())
            for start in range(0, len(pending), CHUNK):
                chunk = dict(pending[start:start + CHUNK])
                self._make(batch, chunk, made, failed)
                last = start + CHUNK >= len(pending) and self._queue.empty()
                if last or time.monotonic() - reported >= REPORT_EVERY:
                    self.on_done(BatchDone(tuple(made), dict(failed)))
                    made, failed = [], {}
                    reported = time.monotonic()

    def _make(self, batch: SiteBooklets, chunk: dict[str, str], made: list[str],
              failed: dict[str, str]) -> None:
        """Make the booklets of ``chunk`` (id → input key) together, or one by one when
        one of them fails, so that the others are still made."""
        assert batch.build is not None
        booklets = [b for b in batch.build.booklets if b.id in chunk]
        try:
            try:
                batch.build.run(booklets, input_keys=chunk, executor=self._executor())
                made.extend(chunk)
                return
            except Exception:  # find which one, below
                if len(booklets) == 1:
                    raise
            for booklet in booklets:
                self._make(batch, {booklet.id: chunk[booklet.id]}, made, failed)
        except Exception as error:  # the preview goes on and shows it
            message = str(error) if isinstance(error, BookletError) else (
                f"{type(error).__name__}: {error}")
            booklet_id, input_key = next(iter(chunk.items()))
            failed[booklet_id] = message
            with self._lock:
                self.failed[input_key] = message
        finally:
            with self._lock:
                self._queued.difference_update(chunk.values())

    def close(self) -> None:
        """Stop: what is being made is dropped (the cache never keeps half a PDF)."""
        self._queue.put(None)
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
