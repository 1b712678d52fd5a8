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
import ipaddress
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tuyengiao.cli.build import add_site_options, cmd_build, new_session
from tuyengiao.cli.check import run_check
from tuyengiao.cli.crash import crash_line, write_log
from tuyengiao.cli.project import layout, project_dir
from tuyengiao.core.incremental.session import BuildCancelled
from tuyengiao.core.link.corpus import Corpus
from tuyengiao.i18n import _


def add_parser(sub: Any) -> None:
    serve = sub.add_parser("serve", help=_("live preview in the browser"),
                           description=_("Builds the site and serves it; rebuilds when a file "
                                         "of content/, data/ or the theme is saved."))
    add_site_options(serve)
    serve.add_argument("--dev-addr", default="127.0.0.1:8000",
                       help=_("address and port to serve on (default: 127.0.0.1:8000)"))
    serve.add_argument("--expose-internal", action="store_true",
                       help=_("serve the internal site on an address other computers reach"))
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
    print(_("tuyengiao serve: warning: the internal site is served on {dev_addr}: every "
            "computer that reaches this address can read the internal documents").format(
              dev_addr=args.dev_addr),
          file=sys.stderr)
    return None


def cmd_serve(args: argparse.Namespace) -> int:
    from tuyengiao.core.incremental.background import BackgroundBooklets, BatchDone
    from tuyengiao.mkdocs.first import first_pass
    from tuyengiao.mkdocs.serve import Outcome, PreviewServer, serve

    refused = check_address(args)
    if refused is not None:
        print(refused, file=sys.stderr)
        return 2
    project = project_dir(args)
    args.out = str(project / ".cache" / f"serve-{args.audience}")
    session = new_session(args, preview=True)
    servers: list[PreviewServer] = []

    def made(done: BatchDone) -> None:
        if servers:
            servers[0].booklets_made(len(done.made) + len(done.failed))

    booklets = BackgroundBooklets(made)

    def build(changed: set[str]) -> tuple[Outcome, Callable[[], Outcome] | None]:
        """The edited documents' pages first, when only documents were edited; then
        (or only) the whole incremental build."""
        def check() -> tuple[Corpus, bool]:
            assert session.cache is not None
            return run_check(layout(args), args.strict, session.cache.memo, quiet=True)

        first = first_pass(session, Path(args.out), layout(args).content_dir, changed,
                           check) if changed else None
        if first is None:
            return full(), None
        if not first.ok:
            return Outcome(False, 0, 0, session.problems, session.failure), None
        return Outcome(True, 0, len(first.pages), session.problems), full

    def full() -> Outcome:
        # Once a build has succeeded, a newer save stops the one running (it publishes
        # nothing): the save's page comes first, the rest of the site after it.
        session.cancel = servers[0].saved_since if servers and session.engine else None
        try:
            ok = cmd_build(args, session) == 0
        except BuildCancelled:
            return Outcome(True, len(session.pages), 0, session.problems, cancelled=True)
        except Exception as exc:  # our bug: one line and a log; the preview keeps serving
            session.failure = crash_line("serve", exc, write_log("serve", project, exc))
            print(session.failure, file=sys.stderr)
            ok = False
        finally:
            session.cancel = None
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
