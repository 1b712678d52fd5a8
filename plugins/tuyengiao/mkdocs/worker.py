"""A second process rendering pages of a build: ``python -m tuyengiao.mkdocs.worker``.

The main process starts it as a new interpreter (nothing is inherited but the
environment) and sends it a :class:`WorkerJob` on its standard input. While the main
process checks the corpus and makes the booklets, the worker imports MkDocs and loads
the configuration. Then it waits for the build's booklets, which the pages link to (or
for the end of its input: it is not needed and exits), and loads the corpus from the
cache's load stage, which the main process has just written. It runs the same MkDocs
build into the same staging folder, but writes only the pages it claims before the main
process does (:class:`~tuyengiao.core.incremental.session.PageClaims`, by page key: a
page whose key differs between the two is simply rendered by each for itself): no theme
file, no file of ``content/``, no sitemap or 404 page (``site_files(helper=True)``,
:meth:`IncrementalPages.template_output`). It links its pages into the page cache too.
Exit status: 0; 1 on an error; 2 when a warning fails a strict build.
"""

from __future__ import annotations

import contextlib
import gc
import io
import logging
import pickle
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from mkdocs.exceptions import Abort, PluginError

from tuyengiao.core.incremental.session import BuildOptions, BuildSession, PageClaims
from tuyengiao.core.incremental.timing import Stages
from tuyengiao.core.render.booklets.build import SiteBooklets


@dataclass(frozen=True)
class WorkerJob:
    """What the second process needs to build like the main one."""

    project_dir: Path
    config_file: Path
    options: BuildOptions
    cache_key: str
    claims: Path  # the folder of page claims both processes share
    site_dir: Path  # the main build's staging folder: each writes the pages it claimed


class PageWorker:
    """The main process's handle on the second one (the session's ``helper``)."""

    def __init__(self, process: subprocess.Popen[bytes], job: WorkerJob) -> None:
        self.process = process
        self.job = job

    @classmethod
    def spawn(cls, session: BuildSession, site_dir: Path) -> PageWorker:
        """Start a worker for this session's build into ``site_dir`` (MkDocs' folder)."""
        assert session.cache is not None
        claims = Path(tempfile.mkdtemp(prefix=".claims-", dir=session.cache.dir))
        job = WorkerJob(session.project_dir, session.config_file, session.options,
                        session.cache.key, claims, site_dir)
        process = subprocess.Popen([sys.executable, "-m", __name__], stdin=subprocess.PIPE)
        worker = cls(process, job)
        worker._send(job)
        session.claims, session.helper = PageClaims(job.claims), worker
        return worker

    def _send(self, message: object) -> None:
        stream = self.process.stdin
        if stream is not None and not stream.closed:
            with contextlib.suppress(BrokenPipeError):  # it has ended: join() says how
                pickle.dump(message, stream, protocol=pickle.HIGHEST_PROTOCOL)
                stream.flush()

    def start(self, booklets: SiteBooklets | None) -> None:
        """The pages can be rendered now: hand over the booklets they link to."""
        self._send(booklets)

    def share_keys(self, keys: Mapping[str, str]) -> None:
        self._send(dict(keys))
        self._close_input()

    def _close_input(self) -> None:
        if self.process.stdin is not None and not self.process.stdin.closed:
            with contextlib.suppress(BrokenPipeError):
                self.process.stdin.close()

    def join(self) -> None:
        """Wait until the worker has linked its pages into the cache."""
        self._close_input()
        code = self.process.wait()
        self._clean()
        if code != 0:
            raise PluginError("tuyengiao: pages rendered in the second process failed"
                              + (" (warnings in strict mode)" if code == 2 else ""))

    def stop(self) -> None:
        """Stop it: this build rendered every page it needs itself."""
        self._close_input()
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait()
        self._clean()

    def _clean(self) -> None:
        shutil.rmtree(self.job.claims, ignore_errors=True)


def run(stdin: IO[bytes]) -> int:
    """The worker's side: prepare, wait for the booklets, build, link into the cache."""
    job: WorkerJob = pickle.load(stdin)
    from mkdocs.config import load_config

    from tuyengiao.core.link.corpus import ProjectLayout, build_corpus
    from tuyengiao.mkdocs.run import run_mkdocs

    config = load_config(str(job.config_file), site_dir=str(job.site_dir),
                         strict=job.options.strict)
    session = BuildSession(job.project_dir, job.config_file, job.options, is_helper=True,
                           stages=Stages(io.StringIO()))
    try:
        session.booklets = pickle.load(stdin)
    except EOFError:
        return 0  # the main process renders every page itself
    # The main process has read every file by now: the load stage comes from its cache.
    session.corpus = build_corpus(ProjectLayout(job.project_dir),
                                  session.open_cache(job.cache_key).memo)
    session.claims = PageClaims(job.claims)
    session.main_keys = lambda: _main_keys(stdin)
    try:
        run_mkdocs(config, session)
    except Abort:
        return 2 if job.options.strict else 1
    return 0


def _main_keys(stdin: IO[bytes]) -> dict[str, str]:
    try:
        keys: dict[str, str] = pickle.load(stdin)
    except EOFError:
        return {}  # the main process stopped before: render nothing
    return keys


def main() -> int:
    gc.set_threshold(100_000, 50, 100)
    logging.basicConfig(format="%(levelname)s: %(message)s", level=logging.WARNING)
    try:
        return run(sys.stdin.buffer)
    except (EOFError, KeyboardInterrupt):
        return 1


if __name__ == "__main__":
    sys.exit(main())
