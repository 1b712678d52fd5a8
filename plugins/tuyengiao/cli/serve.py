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
from tuyengiao.cli.project import project_dir
from tuyengiao.i18n import _


def add_parser(sub: Any) -> None:
    serve = sub.add_parser("serve", help=_("live preview in the browser"),
                           description=_("Builds the site and serves it; rebuilds when a file "
                                         "of content/, data/ or the theme is saved."))
    add_site_options(serve)
    serve.add_argument("--dev-addr", default="127.0.0.1:8000",
                       help=_("address and port to serve on (default: 127.0.0.1:8000)"))
    serve.set_defaults(func=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    from tuyengiao.mkdocs.serve import serve

    project = project_dir(args)
    args.out = str(project / ".cache" / f"serve-{args.audience}")
    session = new_session(args, preview=True)
    try:
        return serve(project, args.config, args.dev_addr, Path(args.out),
                     lambda: cmd_build(args, session))
    finally:
        session.close()  # the documents read, for the next build or preview
