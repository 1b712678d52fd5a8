"""The tuyengiao command: check, build, serve, booklet, new, stats, offline.

Each command is a module of this package with its ``add_parser`` and its ``cmd_…``
function. ``check`` uses only the core; ``build`` and ``serve`` run MkDocs with the
``tuyengiao`` plugin. Every message is in Vietnamese unless ``--lang en`` (anywhere on
the command line) or ``TUYENGIAO_LANG=en`` asks for English (:mod:`tuyengiao.i18n`).
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys

from tuyengiao.cli import booklet, build, check, console, new, offline, serve, stats
from tuyengiao.cli.crash import guarded
from tuyengiao.cli.project import project_dir
from tuyengiao.i18n import ENV, LANGUAGES, _, set_language


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="tuyengiao",
        description=_("Checks and builds the website of a propaganda board from content/ "
                      "and data/."))
    top.add_argument("--project", default=".", metavar=_("FOLDER"),
                     help=_("project folder (default: .)"))
    top.add_argument("--lang", choices=LANGUAGES,
                     help=_("language of the messages: vi (default) or en; "
                            "or set TUYENGIAO_LANG"))
    sub = top.add_subparsers(dest="command", required=True, title=_("commands"),
                             metavar=_("COMMAND"))
    for command in (check, build, serve, booklet, new, stats, offline):
        command.add_parser(sub)
    return top


def take_language(argv: list[str]) -> tuple[str | None, list[str]]:
    """``--lang X`` / ``--lang=X`` wherever it is on the command line, and the rest.

    It is read before the parser is made, so that ``--help`` is in that language too.
    """
    rest: list[str] = []
    wanted: str | None = None
    items = iter(argv)
    for item in items:
        if item == "--lang":
            wanted = next(items, None)
        elif item.startswith("--lang="):
            wanted = item.partition("=")[2]
        else:
            rest.append(item)
    return wanted, rest


def main(argv: list[str] | None = None) -> int:
    wanted, argv = take_language(sys.argv[1:] if argv is None else argv)
    if wanted is not None and wanted not in LANGUAGES:
        set_language()
        print(_("tuyengiao: --lang: expected vi or en, got {value!r}").format(value=wanted),
              file=sys.stderr)
        return 2
    # The processes a build starts (pages, booklets) speak the same language.
    os.environ[ENV] = set_language(wanted)
    console.install()
    args = parser().parse_args(argv)
    # A build allocates millions of small objects that live until it ends; the default
    # thresholds run the cycle collector every 700 of them (about 8 % of a rebuild).
    gc.set_threshold(100_000, 50, 100)
    # Material prints a banner about MkDocs 2.0 on every build; we pin mkdocs<2 already.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    # Warnings and errors only, serve included (it prints one line per build itself):
    # no engine or PDF-library progress.
    logging.basicConfig(format="%(message)s", level=logging.WARNING)
    logging.getLogger().handlers[0].setFormatter(console.LevelFormatter())
    return guarded(args.command, project_dir(args), lambda: int(args.func(args)))


if __name__ == "__main__":
    sys.exit(main())
