"""``tuyengiao check [--strict]``: every problem of ``content/`` and ``data/``, then a count."""

from __future__ import annotations

import argparse
from typing import Any

from tuyengiao.cli.project import layout
from tuyengiao.core.link.corpus import Corpus, ProjectLayout, build_corpus
from tuyengiao.core.load.memo import LoadMemo


def add_parser(sub: Any) -> None:
    check = sub.add_parser("check", help="validate content/ and data/")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.set_defaults(func=cmd_check)


def run_check(project: ProjectLayout, strict: bool, memo: LoadMemo | None = None, *,
              quiet: bool = False) -> tuple[Corpus, bool]:
    """Check the whole project; print every problem and the count (``quiet``: nothing,
    as in a preview, which reports them itself). True if it passed."""
    corpus = build_corpus(project, memo)
    if not quiet:
        for problem in corpus.problems.sorted():
            print(problem)
        print(f"tuyengiao check: {corpus.problems.summary(corpus.files_read)}")
    return corpus, not corpus.problems.failed(strict)


def cmd_check(args: argparse.Namespace) -> int:
    _, ok = run_check(layout(args), args.strict)
    return 0 if ok else 1
