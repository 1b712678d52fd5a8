"""One build of a project at a time: the store's lock."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tuyengiao.core.store.lock import LOCK_NAME, StoreBusy, StoreLock

HOLD = """
import sys, time
from pathlib import Path
from tuyengiao.core.store.lock import StoreLock
with StoreLock(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def _holder(root: Path, seconds: float) -> subprocess.Popen[str]:
    run = subprocess.Popen([sys.executable, "-c", HOLD, str(root), str(seconds)],
                           stdout=subprocess.PIPE, text=True)
    assert run.stdout is not None and run.stdout.readline() == "held\n"
    return run


def test_a_second_build_that_will_not_wait_is_told_who_holds_it(tmp_path: Path) -> None:
    run = _holder(tmp_path, 30)
    try:
        with pytest.raises(StoreBusy) as busy, StoreLock(tmp_path, wait=False):
            pass
        assert str(busy.value) == str(run.pid)
    finally:
        run.kill()
        run.wait()
    with StoreLock(tmp_path, wait=False):  # a killed holder released it
        assert (tmp_path / LOCK_NAME).read_text() == f"{__import__('os').getpid()}\n"


def test_a_second_build_waits_and_says_so(tmp_path: Path) -> None:
    run = _holder(tmp_path, 1.5)
    said: list[str] = []
    started = time.monotonic()
    with StoreLock(tmp_path, on_wait=said.append):
        waited = time.monotonic() - started
    run.wait()
    assert said == [str(run.pid)]
    assert waited > 0.5


def test_threads_of_one_process_take_turns(tmp_path: Path) -> None:
    inside: list[int] = []
    overlap: list[bool] = []

    def build(n: int) -> None:
        with StoreLock(tmp_path):
            overlap.append(bool(inside))
            inside.append(n)
            time.sleep(0.05)
            inside.remove(n)

    threads = [threading.Thread(target=build, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert overlap == [False] * 4
