"""``tuyengiao serve [--audience A] [--dev-addr HOST:PORT]``: a live preview.

One :class:`BuildSession` lives as long as the server: each save runs
:func:`~tuyengiao.cli.build.cmd_build` with it, so the cache stays in memory (written
to disk when the server stops) and ``.cache/serve-<audience>/`` is updated in place.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from tuyengiao.cli.build import add_site_options, cmd_build, new_session
from tuyengiao.cli.crash import guarded
from tuyengiao.cli.project import project_dir


def add_parser(sub: Any) -> None:
    serve = sub.add_parser("serve", help="serve the site")
    add_site_options(serve)
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")
    serve.set_defaults(func=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    from tuyengiao.mkdocs.serve import serve

    project = project_dir(args)
    args.out = str(project / ".cache" / f"serve-{args.audience}")
    session = new_session(args, preview=True)
    try:
        return serve(project, args.config, args.dev_addr, Path(args.out),
                     lambda: guarded("serve", project, lambda: cmd_build(args, session),
                                             interrupt=False))
    finally:
        session.close()  # the documents read, for the next build or preview
