"""``tuyengiao stats``: appendices 1–3 of the study results, or ``stats import`` of a
unit's returned spreadsheet into ``data/``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tuyengiao.cli.project import layout
from tuyengiao.i18n import _


def add_parser(sub: Any) -> None:
    stats = sub.add_parser("stats", help=_("study results: appendices 1–3 (data/)"),
                           description=_("Prints or writes appendices 1–3 of the study "
                                         "results; 'stats import' reads a unit's "
                                         "spreadsheet."))
    stats.add_argument("--year", type=int, help=_("one year only"))
    stats.add_argument("--unit", help=_("one unit (its id in data/units.yml)"))
    stats.add_argument("--resolution", help=_("one resolution number (Phụ lục 1)"))
    stats.add_argument("--format", choices=("table", "csv", "xlsx", "json"), default="table",
                       help=_("table (default), csv, xlsx or json"))
    stats.add_argument("--out", help=_("write to this file (required for xlsx)"))
    stats.set_defaults(func=cmd_stats, stats_command=None)
    stats_sub = stats.add_subparsers(dest="stats_command", title=_("commands"))
    imp = stats_sub.add_parser("import",
                               help=_("merge a unit's appendix spreadsheet into data/"),
                               description=_("Reads a unit's returned spreadsheet (.xlsx) "
                                             "into the CSV files of data/."))
    imp.add_argument("file", help=_("the .xlsx file as the unit returned it"))
    imp.add_argument("--unit", help=_("the unit, when the sheets do not say 'Đơn vị: …'"))
    imp.add_argument("--resolution", help=_("the resolution of Phụ lục 1 sheets"))


def cmd_stats(args: argparse.Namespace) -> int:
    """Print or write appendices 1–3, or (``stats import``) merge a unit's spreadsheet."""
    from tuyengiao.core.load.study import load_study
    from tuyengiao.core.model.problems import Problems
    from tuyengiao.core.render.data import stats

    project = layout(args)
    if args.stats_command == "import":
        report = stats.import_workbook(project.project_dir, project.data, Path(args.file),
                                       args.file, args.unit, args.resolution)
        for problem in report.problems.sorted():
            print(problem, file=sys.stderr)
        for path, (new, replaced) in report.written.items():
            print(_("{path}: {new} new row(s), {replaced} replaced").format(
                path=path, new=new, replaced=replaced))
        return 1 if report.problems.errors else 0
    problems = Problems()
    data = load_study(project.project_dir, project.data, problems)
    request = stats.StatsRequest(args.year, args.unit, args.resolution, args.format)
    message = (_("the study data has errors") if problems.errors
               else stats.check_request(data, request))
    if message or (args.format == "xlsx" and not args.out):
        for problem in problems.sorted():
            print(problem, file=sys.stderr)
        print(_("tuyengiao stats: {problem}").format(
            problem=message or _("--format xlsx needs --out FILE.xlsx")), file=sys.stderr)
        return 1
    text = stats.render(data, request, Path(args.out) if args.out else None)
    if args.out and args.format != "xlsx":
        Path(args.out).write_text(text, encoding="utf-8")
    elif text:
        sys.stdout.write(text)
    return 0
