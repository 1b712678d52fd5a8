"""``tuyengiao serve [--audience A] [--dev-addr HOST:PORT]``: a live preview.

One :class:`BuildSession` lives as long as the server: each save runs
:func:`~tuyengiao.cli.build.cmd_build` with it, so the cache stays in memory (written
to disk when the server stops) and ``.cache/serve-<audience>/`` is updated in place.
"""

from __future__ import annotations

import argparse
import ipaddress
import sys
from pathlib import Path
from typing import Any

from tuyengiao.cli.build import add_site_options, cmd_build, new_session
from tuyengiao.cli.project import project_dir


def add_parser(sub: Any) -> None:
    serve = sub.add_parser("serve", help="serve the site")
    add_site_options(serve)
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")
    serve.add_argument("--expose-internal", action="store_true",
                       help="serve the internal site on an address other computers reach")
    serve.set_defaults(func=cmd_serve)


def is_loopback(host: str) -> bool:
    """True for an address only this computer reaches (127.0.0.0/8, ::1, localhost)."""
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a name: it may resolve to any address


def check_address(args: argparse.Namespace) -> str | None:
    """An error when an internal preview would be reachable from the network without
    ``--expose-internal``; with it, a warning is printed."""
    host = args.dev_addr.rpartition(":")[0] or "127.0.0.1"
    if args.audience != "internal" or is_loopback(host):
        return None
    if not args.expose_internal:
        return (f"tuyengiao serve: error: --dev-addr {args.dev_addr} lets other computers "
                "read the internal documents; use 127.0.0.1, or add --expose-internal if "
                "everyone on that network may read them")
    print(f"tuyengiao serve: warning: the internal site is served on {args.dev_addr}: "
          "every computer that reaches this address can read the internal documents",
          file=sys.stderr)
    return None


def cmd_serve(args: argparse.Namespace) -> int:
    from tuyengiao.mkdocs.serve import serve

    refused = check_address(args)
    if refused is not None:
        print(refused, file=sys.stderr)
        return 2
    project = project_dir(args)
    args.out = str(project / ".cache" / f"serve-{args.audience}")
    session = new_session(args, preview=True)
    try:
        return serve(project, args.config, args.dev_addr, Path(args.out),
                     lambda: cmd_build(args, session))
    finally:
        session.close()  # the documents read, for the next build or preview
