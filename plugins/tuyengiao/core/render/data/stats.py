"""``tuyengiao stats``: the appendices for a selection in one format; ``stats import``.

The CLI only parses arguments; choosing the tables, formatting them and merging
imported rows into the CSV files happen here.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from tuyengiao.core.load.study import Row, StudyData, load_study
from tuyengiao.core.model.problems import Problems
from tuyengiao.core.model.study import TABLES
from tuyengiao.core.model.text import decode_source
from tuyengiao.core.render.data.aggregate import Selection, below_target
from tuyengiao.core.render.data.output import csv_text, json_text, text_table
from tuyengiao.core.render.data.tables import Appendix, appendices, appendix_1
from tuyengiao.core.render.data.xlsx import (
    ALL_RESOLUTIONS,
    DISTRICT,
    NO_RESOLUTION,
    Sheet,
    read_workbook,
    write_workbook,
)
from tuyengiao.core.store.files import write_atomic

FORMATS = ("table", "csv", "xlsx", "json")


@dataclass(frozen=True)
class StatsRequest:
    year: int | None = None
    unit: str | None = None
    resolution: str | None = None
    format: str = "table"


def check_request(data: StudyData, request: StatsRequest) -> str | None:
    """A message when the request names what the data does not have."""
    if request.unit is not None and request.unit not in data.units:
        return f"--unit: '{request.unit}' is not an id in data/units.yml"
    if request.resolution is not None and request.resolution not in data.resolutions():
        known = ", ".join(data.resolutions()) or "none"
        return f"--resolution: no row of study.csv has '{request.resolution}' (known: {known})"
    return None


def _unit_line(data: StudyData, unit: str | None) -> str:
    return DISTRICT if unit is None else f"{data.units[unit].name} ({unit})"


def sheets(data: StudyData, request: StatsRequest, per_resolution: bool = False
           ) -> list[Sheet]:
    """The appendices of the request, one sheet each.

    With ``per_resolution`` (the xlsx of one unit), Phụ lục 1 is written once per
    resolution, as a unit returns it, so that ``stats import`` gives the same rows back.
    """
    selection = Selection(request.unit, request.resolution, request.year)
    first, second, third = appendices(data, selection)
    unit_line = _unit_line(data, request.unit)
    study: list[Sheet] = []
    if per_resolution and request.unit is not None and request.resolution is None:
        years = [request.year] if request.year is not None else data.years()
        numbers = dict.fromkeys(r[2] for r in data.rows["study"] if r[1] == request.unit
                                and request.year in (None, r[0]))
        for number in numbers or [""]:
            one = appendix_1(data, Selection(request.unit, number, request.year), years)
            study.append(Sheet(f"PL1 {number}".strip() if number else "PL1", one, unit_line,
                               number or NO_RESOLUTION))
    else:
        study.append(Sheet("PL1", first, unit_line, request.resolution or ALL_RESOLUTIONS))
    return [*study, Sheet("PL2", second, unit_line), Sheet("PL3", third, unit_line)]


def _caption(data: StudyData, sheet: Sheet) -> str:
    parts = [sheet.unit_line]
    if sheet.resolution_line and sheet.resolution_line != ALL_RESOLUTIONS:
        parts.append(f"nghị quyết {sheet.resolution_line}")
    return ", ".join(parts)


def render(data: StudyData, request: StatsRequest, out: Path | None) -> str:
    """The text to print (for xlsx: the workbook is written to ``out``)."""
    chosen = sheets(data, request, per_resolution=request.format == "xlsx")
    items: list[tuple[Appendix, str]] = [(s.appendix, _caption(data, s)) for s in chosen]
    if request.format == "xlsx":
        if out is None:
            raise ValueError("--format xlsx needs --out FILE.xlsx")
        write_workbook(chosen, out)
        return ""
    if request.format == "csv":
        return csv_text(items)
    if request.format == "json":
        years = data.years()
        below = below_target(data, request.year or years[-1]) if years else []
        if request.unit is not None:
            below = [r for r in below if r.unit == request.unit]
        return json_text(data, items, below)
    return "\n".join(text_table(a, caption) for a, caption in items)


# --- import -----------------------------------------------------------------------------

@dataclass
class ImportReport:
    written: dict[str, tuple[int, int]]  # file → (new rows, replaced rows)
    problems: Problems


def import_workbook(project_dir: Path, data_dir: str, file: Path, shown: str,
                    unit: str | None = None, resolution: str | None = None) -> ImportReport:
    """Read ``file`` and merge its rows into the CSV files of ``data_dir``.

    A row whose key is already in a CSV file replaces that line there; a new row
    goes to ``data/<table>/<unit>.csv``. Nothing is written if any error is found.
    """
    problems = Problems()
    data = load_study(project_dir, data_dir, problems)
    if problems.errors:
        return ImportReport({}, problems)
    result = read_workbook(file, shown, data, problems, unit, resolution)
    if problems.errors:
        return ImportReport({}, problems)
    written: dict[str, tuple[int, int]] = {}
    for name, rows in result.rows.items():
        for path, counts in _merge(project_dir, data_dir, name, rows, data).items():
            new, replaced = written.get(path, (0, 0))
            written[path] = (new + counts[0], replaced + counts[1])
    check = Problems()
    load_study(project_dir, data_dir, check)
    problems.extend(check)
    return ImportReport(written, problems)


def _csv_line(row: Row) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(row)
    return buffer.getvalue()


def _merge(project_dir: Path, data_dir: str, name: str, rows: list[Row],
           data: StudyData) -> dict[str, tuple[int, int]]:
    table = TABLES[name]
    key_len = len(table.key)
    replace: dict[str, dict[int, Row]] = defaultdict(dict)
    append: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        found = data.where[name].get(row[:key_len])
        if found is not None:
            replace[found[0]][found[1]] = row
        else:
            append[f"{data_dir}/{name}/{row[1]}.csv"].append(row)
    counts: dict[str, tuple[int, int]] = {}
    for rel in sorted(set(replace) | set(append)):
        path = project_dir / rel
        lines = (decode_source(path.read_bytes()).split("\n") if path.is_file()
                 else [",".join(table.header)])
        while lines and not lines[-1].strip():
            lines.pop()
        for line_number, row in replace.get(rel, {}).items():
            lines[line_number - 1] = _csv_line(row)
        lines += [_csv_line(row) for row in append.get(rel, [])]
        # A new file renamed over the old: killed at any moment, the unit's data is the
        # old file or the new one, never an empty or half-written one.
        write_atomic(path, ("\n".join(lines) + "\n").encode("utf-8"), fsync=True)
        counts[rel] = (len(append.get(rel, [])), len(replace.get(rel, {})))
    return counts
