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
import json
import logging
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from mkdocs.exceptions import Abort, PluginError

from tuyengiao.core.incremental.session import BuildOptions, BuildSession, PageClaims
from tuyengiao.core.incremental.timing import Stages
from tuyengiao.core.render.booklets.build import SiteBooklets
from tuyengiao.core.render.booklets.links import BookletLink
from tuyengiao.i18n import _


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
        worker._send([str(job.project_dir), str(job.config_file), job.options.audience,
                      job.options.strict, job.cache_key, str(job.claims), str(job.site_dir)])
        session.claims, session.helper = PageClaims(job.claims), worker
        return worker

    def _send(self, message: object) -> None:
        """One JSON line (plain data only: nothing the worker reads can run code)."""
        stream = self.process.stdin
        if stream is not None and not stream.closed:
            with contextlib.suppress(BrokenPipeError):  # it has ended: join() says how
                stream.write(json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n")
                stream.flush()

    def start(self, booklets: SiteBooklets | None) -> None:
        """The pages can be rendered now: hand over the booklets they link to."""
        self._send(None if booklets is None else {
            path: [[b.id, b.title, b.size, b.pages] for b in links]
            for path, links in booklets.links().items()})

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
            raise PluginError(_("tuyengiao: pages made in the second process failed (warnings "
                                "in strict mode)") if code == 2 else _(
                                    "tuyengiao: pages made in the second process failed"))

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
    project, config_file, audience, strict, cache_key, claims, site_dir = _receive(stdin)
    job = WorkerJob(Path(project), Path(config_file), BuildOptions(audience, bool(strict)),
                    cache_key, Path(claims), Path(site_dir))
    from mkdocs.config import load_config

    from tuyengiao.core.link.corpus import ProjectLayout, build_corpus
    from tuyengiao.mkdocs.run import run_mkdocs

    config = load_config(str(job.config_file), site_dir=str(job.site_dir),
                         strict=job.options.strict)
    session = BuildSession(job.project_dir, job.config_file, job.options, is_helper=True,
                           stages=Stages(io.StringIO()))
    try:
        links = _receive(stdin)
    except EOFError:
        return 0  # the main process renders every page itself
    session.booklets = None if links is None else _BookletLinks(
        {path: [BookletLink(*b) for b in items] for path, items in links.items()})
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
        keys: dict[str, str] = _receive(stdin)
    except EOFError:
        return {}  # the main process stopped before: render nothing
    return keys


def _receive(stdin: IO[bytes]) -> Any:
    """The next JSON line from the main process; EOFError when it has closed the pipe."""
    line = stdin.readline()
    if not line:
        raise EOFError
    return json.loads(line)


class _BookletLinks(SiteBooklets):
    """The booklets as the second process knows them: what its pages link to (the main
    process copies the PDFs into the site)."""

    def __init__(self, links: dict[str, list[BookletLink]]) -> None:
        super().__init__([])
        self._links = links

    def links(self) -> dict[str, list[BookletLink]]:
        return self._links


def main() -> int:
    gc.set_threshold(100_000, 50, 100)
    logging.basicConfig(format="%(levelname)s: %(message)s", level=logging.WARNING)
    try:
        return run(sys.stdin.buffer)
    except (EOFError, KeyboardInterrupt):
        return 1


if __name__ == "__main__":
    sys.exit(main())
