"""``tuyengiao serve [--audience A] [--dev-addr HOST:PORT]``: a live preview.

One :class:`BuildSession` lives as long as the server: each save runs
:func:`~tuyengiao.cli.build.cmd_build` with it, so the cache stays in memory (written
to disk when the server stops) and ``.cache/serve-<audience>/`` is updated in place.
The booklets the cache does not have are made after the pages are served
(:class:`~tuyengiao.core.incremental.background.BackgroundBooklets`), then the preview
builds again. Each build prints one line; its errors show in the browser.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from tuyengiao.cli.build import add_site_options, cmd_build, new_session
from tuyengiao.cli.project import project_dir


def add_parser(sub: Any) -> None:
    serve = sub.add_parser("serve", help="serve the site")
    add_site_options(serve)
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")
    serve.set_defaults(func=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    from tuyengiao.core.incremental.background import BackgroundBooklets, BatchDone
    from tuyengiao.mkdocs.serve import Outcome, PreviewServer, serve

    project = project_dir(args)
    args.out = str(project / ".cache" / f"serve-{args.audience}")
    session = new_session(args, preview=True)
    servers: list[PreviewServer] = []

    def made(done: BatchDone) -> None:
        if servers:
            n = len(done.made) + len(done.failed)
            servers[0].request_rebuild(f"{n} booklet{'s' if n != 1 else ''} made")

    booklets = BackgroundBooklets(made)

    def build() -> Outcome:
        ok = cmd_build(args, session) == 0
        if not ok or session.booklets is None:
            return Outcome(ok, len(session.pages), session.rendered, session.problems,
                           session.failure)
        booklets.submit(session.booklets)  # made after this build is served
        errors = booklets.errors(session.booklets)
        return Outcome(ok, len(session.pages), session.rendered, session.problems,
                       session.failure, errors, len(session.booklets.pending) - len(errors))

    try:
        return serve(project, args.config, args.dev_addr, Path(args.out), build,
                     on_server=servers.append)
    finally:
        booklets.close()
        session.close()  # the documents read, for the next build or preview
