"""The ``tuyengiao`` command: check, build, serve, booklet, new.

``check`` uses only the core. ``build`` and ``serve`` run MkDocs with the
``tuyengiao`` plugin; the build goes to a temporary folder that replaces the
output only when it succeeded, so a failed build leaves the published site.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from tuyengiao.cli.booklet import add_booklet_parser
from tuyengiao.core.link.corpus import Corpus, ProjectLayout, build_corpus
from tuyengiao.core.link.view import AUDIENCES
from tuyengiao.core.load.memo import LoadMemo
from tuyengiao.core.model.schema import TYPES


def _project(args: argparse.Namespace) -> Path:
    return Path(args.project).resolve()


def _layout(args: argparse.Namespace) -> ProjectLayout:
    return ProjectLayout(_project(args))


def run_check(layout: ProjectLayout, strict: bool,
              memo: LoadMemo | None = None) -> tuple[Corpus, bool]:
    """Check the whole project; print every problem and the count. True if it passed."""
    corpus = build_corpus(layout, memo)
    for problem in corpus.problems.sorted():
        print(problem)
    print(f"tuyengiao check: {corpus.problems.summary(corpus.files_read)}")
    return corpus, not corpus.problems.failed(strict)


def cmd_check(args: argparse.Namespace) -> int:
    _, ok = run_check(_layout(args), args.strict)
    return 0 if ok else 1


def _mkdocs_config(args: argparse.Namespace, site_dir: Path | None) -> object:
    from tuyengiao.mkdocs.engine import load_config

    overrides: dict[str, Any] = {}
    if site_dir is not None:
        overrides["site_dir"] = str(site_dir)
    config = load_config(str(_project(args) / args.config), **overrides)
    plugin = config.plugins.get("tuyengiao")
    if plugin is None:
        raise SystemExit(f"{args.config}: the 'tuyengiao' plugin is not enabled")
    plugin.config.audience = args.audience
    plugin.config.strict = args.strict
    config.strict = args.strict
    return config


def cmd_build(args: argparse.Namespace, keep: dict[str, Any] | None = None) -> int:
    """Build the site; ``keep`` carries the in-memory cache from one build to the next.

    A build goes to a staging folder that replaces the site only when it succeeded.
    A preview server's later builds (``keep`` knows the pages of the last one) update
    its folder in place instead: only changed files are replaced, each by a rename.
    """
    from jinja2 import TemplateError

    from tuyengiao.core.render.booklets.build import BookletError, InputKeys, build_site_booklets
    from tuyengiao.mkdocs.engine import MkDocsException, build
    from tuyengiao.mkdocs.incremental import open_cache, quiet_dirty_warning

    started = time.perf_counter()
    out = Path(args.out)
    out = out if out.is_absolute() else _project(args) / out
    in_place = keep is not None and "pages" in keep and out.is_dir()
    staging = out if in_place else out.parent / f".{out.name}.building-{os.getpid()}"
    kept = "the preview may show some new pages" if in_place else (
        "the previous site is left as it was")
    try:
        config = _mkdocs_config(args, staging)
        incremental = open_cache(_project(args), config, args.audience,
                                 (keep or {}).get("cache"))
        if keep is not None:  # a preview server (threads): no second process
            keep["cache"], incremental.parallel = incremental.cache, False
            incremental.cache.persist = False  # kept in memory; written when it stops
            incremental.previous_pages = keep.get("pages", set())
        incremental.stages.add("start", time.perf_counter() - started)
    except (MkDocsException, OSError) as exc:
        print(f"tuyengiao build: failed: {exc}; the previous site is left as it was",
              file=sys.stderr)
        return 1
    with incremental.stages.stage("load + check"):
        corpus, ok = run_check(_layout(args), args.strict, incremental.cache.memo)
    if not ok:
        print("tuyengiao build: not built; the previous site is left as it was", file=sys.stderr)
        return 1
    if not in_place:
        shutil.rmtree(staging, ignore_errors=True)
    try:
        plugin = config.plugins["tuyengiao"]  # type: ignore[attr-defined]
        plugin.preloaded, plugin.incremental = corpus, incremental
        with incremental.stages.stage("booklets"):
            plugin.booklets = build_site_booklets(
                _layout(args), corpus, args.audience, InputKeys.of(incremental.cache),
                lambda done, total, _: incremental.stages.progress("booklets", done, total))
        quiet_dirty_warning()
        incremental.start()
        build(config, dirty=True)  # type: ignore[arg-type]
    except (MkDocsException, OSError, TemplateError, BookletError) as exc:
        if not in_place:
            shutil.rmtree(staging, ignore_errors=True)
        print(f"tuyengiao build: failed: {exc}; {kept}", file=sys.stderr)
        return 1
    except BaseException:  # an unexpected error: still never leave a half-built folder
        if not in_place:
            shutil.rmtree(staging, ignore_errors=True)
        raise
    if not in_place:
        with incremental.stages.stage("swap site"):
            _replace(staging, out, _project(args) / ".cache" / "trash")
    if keep is not None:
        keep["pages"] = set(incremental.keys)
    pages = len(incremental.keys)
    print(f"tuyengiao build: {args.audience} site in {out} ({pages} pages, "
          f"{time.perf_counter() - started:.1f} s)")
    print(f"tuyengiao build: {incremental.stages.summary()}")
    return 0


def _replace(staging: Path, out: Path, trash: Path) -> None:
    """Swap the new site in with two renames; the old one is removed after."""
    from tuyengiao.mkdocs.incremental import discard_later

    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        out.rename(old)
    staging.rename(out)
    if old.exists():
        discard_later(old, trash)


def cmd_serve(args: argparse.Namespace) -> int:
    from tuyengiao.mkdocs.serve import serve

    project = _project(args)
    args.out = str(project / ".cache" / f"serve-{args.audience}")
    keep: dict[str, Any] = {}
    try:
        return serve(project, args.config, args.dev_addr, Path(args.out),
                     lambda: cmd_build(args, keep))
    finally:
        if "cache" in keep:
            keep["cache"].flush()  # the documents read, for the next build or preview


def cmd_new(args: argparse.Namespace) -> int:
    from tuyengiao.cli.new import new_document

    path = new_document(_layout(args).content_dir, args.type, args.title)
    print(path.relative_to(_project(args)).as_posix())
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    """Print or write appendices 1–3, or (``stats import``) merge a unit's spreadsheet."""
    from tuyengiao.core.load.study import load_study
    from tuyengiao.core.model.problems import Problems
    from tuyengiao.core.render.data import stats

    layout = _layout(args)
    if args.stats_command == "import":
        report = stats.import_workbook(layout.project_dir, layout.data, Path(args.file),
                                       args.file, args.unit, args.resolution)
        for problem in report.problems.sorted():
            print(problem, file=sys.stderr)
        for path, (new, replaced) in report.written.items():
            print(f"{path}: {new} new row(s), {replaced} replaced")
        return 1 if report.problems.errors else 0
    problems = Problems()
    data = load_study(layout.project_dir, layout.data, problems)
    request = stats.StatsRequest(args.year, args.unit, args.resolution, args.format)
    message = ("the study data has errors" if problems.errors
               else stats.check_request(data, request))
    if message or (args.format == "xlsx" and not args.out):
        for problem in problems.sorted():
            print(problem, file=sys.stderr)
        print(f"tuyengiao stats: {message or '--format xlsx needs --out FILE.xlsx'}",
              file=sys.stderr)
        return 1
    text = stats.render(data, request, Path(args.out) if args.out else None)
    if args.out and args.format != "xlsx":
        Path(args.out).write_text(text, encoding="utf-8")
    elif text:
        sys.stdout.write(text)
    return 0


def cmd_booklet(args: argparse.Namespace) -> int:
    from tuyengiao.cli.booklet import run_booklets

    return run_booklets(_layout(args), args)  # tuyengiao booklet [ID…] (booklet_cmd.py)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="tuyengiao", description=__doc__.splitlines()[0])
    top.add_argument("--project", default=".", help="project folder (default: .)")
    sub = top.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="validate content/ and data/")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.set_defaults(func=cmd_check)

    for name, func in (("build", cmd_build), ("serve", cmd_serve)):
        cmd = sub.add_parser(name, help=f"{name} the site")
        cmd.add_argument("--audience", choices=AUDIENCES, default="public")
        cmd.add_argument("--config", default="mkdocs.yml")
        cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")
        cmd.set_defaults(func=func)
    sub.choices["build"].add_argument("--out", default="site", help="output folder")
    sub.choices["serve"].add_argument("--dev-addr", default="127.0.0.1:8000")

    add_booklet_parser(sub, cmd_booklet)

    new = sub.add_parser("new", help="start a document from a template")
    new.add_argument("type", choices=list(TYPES))
    new.add_argument("--title", help="the title (trích yếu)")
    new.set_defaults(func=cmd_new)

    stats = sub.add_parser("stats", help="study results: appendices 1–3 (data/)")
    stats.add_argument("--year", type=int, help="one year only")
    stats.add_argument("--unit", help="one unit (its id in data/units.yml)")
    stats.add_argument("--resolution", help="one resolution number (Phụ lục 1)")
    stats.add_argument("--format", choices=("table", "csv", "xlsx", "json"), default="table")
    stats.add_argument("--out", help="write to this file (required for xlsx)")
    stats.set_defaults(func=cmd_stats, stats_command=None)
    stats_sub = stats.add_subparsers(dest="stats_command")
    imp = stats_sub.add_parser("import", help="merge a unit's appendix spreadsheet into data/")
    imp.add_argument("file", help="the .xlsx file as the unit returned it")
    imp.add_argument("--unit", help="the unit, when the sheets do not say 'Đơn vị: …'")
    imp.add_argument("--resolution", help="the resolution of Phụ lục 1 sheets")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    # A build allocates millions of small objects that live until it ends; the default
    # thresholds run the cycle collector every 700 of them (about 8 % of a rebuild).
    gc.set_threshold(100_000, 50, 100)
    # Material prints a banner about MkDocs 2.0 on every build; we pin mkdocs<2 already.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    level = logging.INFO if args.command == "serve" else logging.WARNING
    logging.basicConfig(format="%(levelname)s: %(message)s", level=level)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
