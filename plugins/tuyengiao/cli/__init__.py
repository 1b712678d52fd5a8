"""The ``tuyengiao`` command: check, build, serve, booklet, new, stats, offline.

Each command is a module of this package with its ``add_parser`` and its ``cmd_…``
function. ``check`` uses only the core; ``build`` and ``serve`` run MkDocs with the
``tuyengiao`` plugin.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys

from tuyengiao.cli import booklet, build, check, new, offline, serve, stats
from tuyengiao.cli.crash import guarded
from tuyengiao.cli.project import project_dir


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="tuyengiao", description=__doc__.splitlines()[0])
    top.add_argument("--project", default=".", help="project folder (default: .)")
    sub = top.add_subparsers(dest="command", required=True)
    for command in (check, build, serve, booklet, new, stats, offline):
        command.add_parser(sub)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    # A build allocates millions of small objects that live until it ends; the default
    # thresholds run the cycle collector every 700 of them (about 8 % of a rebuild).
    gc.set_threshold(100_000, 50, 100)
    # Material prints a banner about MkDocs 2.0 on every build; we pin mkdocs<2 already.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    # Warnings and errors only, serve included (it prints one line per build itself):
    # no engine or PDF-library progress.
    logging.basicConfig(format="%(levelname)s: %(message)s", level=logging.WARNING)
    return guarded(args.command, project_dir(args), lambda: int(args.func(args)))


if __name__ == "__main__":
    sys.exit(main())
