"""``tuyengiao stats``: appendices 1–3 of the study results, or ``stats import`` of a
unit's returned spreadsheet into ``data/``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from tuyengiao.cli.project import layout


def add_parser(sub: Any) -> None:
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
    imp.add_argument("--dry-run", action="store_true",
                     help="print what would change (cell by cell), write nothing")
    missing = stats_sub.add_parser(
        "missing", help="units that have not reported for a period whose deadline passed")
    missing.add_argument("--year", type=int, help="only the periods of this year's figures")
    missing.add_argument("--today", type=_iso_day, help="compare with this day (YYYY-MM-DD) "
                         "instead of today")
    form = stats_sub.add_parser("form", help="write the blank appendix form a unit fills in")
    form.add_argument("--unit", required=True, help="the unit (its id in data/units.yml)")
    form.add_argument("--resolution", help="the resolution of Phụ lục 1 (may be a new one)")
    form.add_argument("--year", type=int, required=True, help="the year to report")
    form.add_argument("--out", required=True, help="the .xlsx file to write")


def _iso_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2025-12-31, got {text!r}"
                                         ) from None


def cmd_stats(args: argparse.Namespace) -> int:
    """Print or write appendices 1–3, or (``stats import``) merge a unit's spreadsheet."""
    from tuyengiao.core.load.study import load_study
    from tuyengiao.core.model.problems import Problems
    from tuyengiao.core.render.data import stats

    project = layout(args)
    if args.stats_command == "import":
        return _import(args, project.project_dir, project.data)
    problems = Problems()
    data = load_study(project.project_dir, project.data, problems)
    if args.stats_command in ("missing", "form"):
        if problems.errors:
            for problem in problems.sorted():
                print(problem, file=sys.stderr)
            print("tuyengiao stats: the study data has errors", file=sys.stderr)
            return 1
        if args.stats_command == "missing":
            return _missing(data, args)
        message = stats.write_form(data, args.unit, args.resolution, args.year, Path(args.out))
        if message:
            print(f"tuyengiao stats form: {message}", file=sys.stderr)
            return 1
        print(f"{args.out}: the blank form of {args.unit} for {args.year}")
        return 0
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


def _import(args: argparse.Namespace, project_dir: Path, data_dir: str) -> int:
    from tuyengiao.core.render.data import stats

    report = stats.import_workbook(project_dir, data_dir, Path(args.file), args.file,
                                   args.unit, args.resolution, dry_run=args.dry_run)
    for problem in report.problems.sorted():
        print(problem, file=sys.stderr)
    if report.problems.errors:
        print("tuyengiao stats import: nothing written; correct the cells above and import "
              "again", file=sys.stderr)
        return 1
    for change in report.changes:
        for line in change.lines():
            print(line)
    for path, (new, changed, unchanged) in report.written.items():
        print(f"{path}: {new} new row(s), {changed} changed, {unchanged} unchanged")
    if not report.changes:
        print(f"nothing to change: the {report.unchanged} row(s) of {args.file} are already "
              "in data/")
    if args.dry_run:
        print("dry run: nothing written; run it again without --dry-run to import")
    return 0


def _missing(data: Any, args: argparse.Namespace) -> int:
    from tuyengiao.core.render.data.deadlines import missing_reports, missing_text, today

    years = data.years()
    if args.year is not None and years and not years[0] <= args.year <= years[-1]:
        print(f"tuyengiao stats missing: --year: {args.year} is outside the plan's years "
              f"{years[0]}–{years[-1]} (first_year/last_year in data/study.yml)",
              file=sys.stderr)
        return 1
    if not data.deadlines:
        print("tuyengiao stats missing: data/study.yml sets no deadlines; add them "
              "(deadlines: - due: 15/12, label: …)", file=sys.stderr)
        return 1
    day = args.today or today()
    reports = missing_reports(data, day, args.year)
    sys.stdout.write(missing_text(data, reports, day))
    return 1 if reports else 0
