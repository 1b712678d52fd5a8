"""``tuyengiao booklet [ID…] [--imposed] [--audience A] [--out DIR]``.

Checks the project, then builds the chosen booklets (all by default) of the
audience's build, with a progress line per booklet and the time it took. A
booklet whose content did not change comes from the cache at once.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from tuyengiao.cli.project import layout
from tuyengiao.core.link.corpus import ProjectLayout, build_corpus
from tuyengiao.core.link.view import AUDIENCES
from tuyengiao.core.store import write_atomic


def add_parser(sub: Any) -> None:
    booklet = sub.add_parser("booklet", help="build printable booklets (A5 PDF)")
    booklet.add_argument("ids", nargs="*", metavar="ID", help="booklet ids (default: all)")
    booklet.add_argument("--audience", choices=AUDIENCES, default="public")
    booklet.add_argument("--imposed", action="store_true",
                         help="also write <id>-in.pdf, two-up on A4 for a print shop")
    booklet.add_argument("--out", default="tai-lieu", help="output folder (default: tai-lieu)")
    booklet.add_argument("--jobs", type=int, default=0,
                         help="processes (default: one per core)")
    booklet.set_defaults(func=cmd_booklet)


def cmd_booklet(args: argparse.Namespace) -> int:
    return run_booklets(layout(args), args)


def _bar(done: int, total: int, width: int = 20) -> str:
    filled = round(width * done / total) if total else width
    return "[" + "#" * filled + "-" * (width - filled) + f"] {done}/{total}"


def run_booklets(layout: ProjectLayout, args: argparse.Namespace) -> int:
    from tuyengiao.core.link.view import SiteView
    from tuyengiao.core.model.audio import file_size
    from tuyengiao.core.render.booklets.build import BookletBuild, BookletError, BookletFile

    started = time.perf_counter()
    corpus = build_corpus(layout)
    for problem in corpus.problems.sorted():
        print(problem)
    if corpus.problems.failed():
        print(f"tuyengiao booklet: {corpus.problems.summary(corpus.files_read)}; "
              "nothing built", file=sys.stderr)
        return 1
    out = Path(args.out)
    out = out if out.is_absolute() else layout.project_dir / out

    def progress(done: int, total: int, built: BookletFile) -> None:
        how = "from the cache" if built.cached else f"{built.seconds:.1f} s"
        print(f"{_bar(done, total)} {built.booklet.id}: {built.pages} pages, "
              f"{file_size(built.size)}, {how}", flush=True)

    try:
        build = BookletBuild(SiteView(corpus, args.audience), layout, jobs=args.jobs)
        chosen = build.select(args.ids) if args.ids else build.booklets
        files = build.run(chosen, imposed=args.imposed, progress=progress)
    except BookletError as exc:
        print(f"tuyengiao booklet: {exc}", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    for built in files:
        _copy(built.pdf, out / built.booklet.file_name)
        if built.imposed is not None:
            _copy(built.imposed, out / built.booklet.imposed_name)
    print(f"tuyengiao booklet: {len(files)} {args.audience} booklet(s) in {out} "
          f"({time.perf_counter() - started:.1f} s)")
    return 0


def _copy(source: Path, dest: Path) -> None:
    """Copy under a temporary name, then rename: a reader never sees half a PDF."""
    write_atomic(dest, source.read_bytes())
