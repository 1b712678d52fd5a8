"""``tuyengiao stats``: the appendices for a selection in one format; ``stats import``.

The CLI only parses arguments; choosing the tables, formatting them and merging
imported rows into the CSV files happen here.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from openpyxl.utils import get_column_letter

from tuyengiao.core.load.study import Row, StudyData, load_study
from tuyengiao.core.model.numbers import DocumentNumber
from tuyengiao.core.model.problems import Problems
from tuyengiao.core.model.study import MAX_YEAR, MIN_YEAR, TABLES
from tuyengiao.core.model.text import decode_source
from tuyengiao.core.render.data.aggregate import Selection, below_target
from tuyengiao.core.render.data.output import csv_text, json_text, text_table
from tuyengiao.core.render.data.tables import (
    APPENDIX_1,
    APPENDIX_2,
    APPENDIX_3,
    Appendix,
    AppendixRow,
    appendices,
    appendix_1,
)
from tuyengiao.core.render.data.xlsx import (
    ALL_RESOLUTIONS,
    NO_RESOLUTION,
    ImportResult,
    Sheet,
    read_workbook,
    write_workbook,
)
from tuyengiao.core.store.files import write_atomic
from tuyengiao.i18n import _

FORMATS = ("table", "csv", "xlsx", "json")


@dataclass(frozen=True)
class StatsRequest:
    year: int | None = None
    unit: str | None = None
    resolution: str | None = None
    format: str = "table"


def check_request(data: StudyData, request: StatsRequest) -> str | None:
    """A message when the request names what the data does not have."""
    years = data.years()
    if request.year is not None and years and not years[0] <= request.year <= years[-1]:
        return (f"--year: {request.year} is outside the plan's years {years[0]}–{years[-1]} "
                "(first_year/last_year in data/study.yml)")
    if request.unit is not None and request.unit not in data.units:
        return _("--unit: '{unit}' is not an id in data/units.yml").format(unit=request.unit)
    if request.resolution is not None and request.resolution not in data.resolutions():
        known = ", ".join(data.resolutions()) or _("none")
        return _("--resolution: no row of study.csv has '{number}' (known: {known})").format(
            number=request.resolution, known=known)
    return None


def _unit_line(data: StudyData, unit: str | None) -> str:
    return data.whole if unit is None else f"{data.units[unit].name} ({unit})"


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
    sheets = [*study, Sheet("PL2", second, unit_line), Sheet("PL3", third, unit_line)]
    for sheet in sheets:
        sheet.plan_line = _plan_line(data)
    return sheets


def _plan_line(data: StudyData) -> str:
    return data.plan.attached_line() if data.plan is not None else ""


#: Under a blank form's tables: what to type and what is left to the board.
FORM_NOTE = ("Ghi số vào các ô (số nguyên, không gõ dấu chấm); cột \"Số được học tập/ tổng "
             "số\" ghi dạng 262/265; các ô tô xám (%, Tổng số người được học tập) do Ban Tuyên "
             "giáo tính, để trống; năm không có số liệu để trống cả dòng.")
FORM_NOTE_COUNTS = ("Ghi số vào các ô (số nguyên, không gõ dấu chấm); ô không có số liệu "
                    "để trống.")


def write_form(data: StudyData, unit: str, resolution: str | None, year: int, out: Path
               ) -> str | None:
    """Write the blank appendices ``unit`` fills in for ``year``; a message if refused.

    The resolution may be new (no row has it yet): the form is how its first rows
    arrive. ``stats import`` reads the filled-in form back.
    """
    if unit not in data.units:
        return f"--unit: '{unit}' is not an id in data/units.yml"
    years = data.years()
    first, last = (years[0], years[-1]) if years else (MIN_YEAR, MAX_YEAR)
    if not first <= year <= last:
        return (f"--year: {year} is outside the plan's years {first}–{last} "
                "(first_year/last_year in data/study.yml)")
    number = ""
    if resolution:
        try:
            number = str(DocumentNumber.parse(resolution))
        except ValueError:
            return f"--resolution: {resolution!r} is not a document number like 271-KH/HU"
    unit_line = _unit_line(data, unit)
    blank: list[Sheet] = []
    for layout, name in ((APPENDIX_1, "PL1"), (APPENDIX_2, "PL2"), (APPENDIX_3, "PL3")):
        width = len(layout.leaves()) - 1
        note = FORM_NOTE if layout.number == 1 else FORM_NOTE_COUNTS
        appendix = Appendix(layout, [AppendixRow(str(year), [None] * width)], [note])
        blank.append(Sheet(name, appendix, unit_line,
                           (number or NO_RESOLUTION) if layout.number == 1 else "",
                           _plan_line(data), form=True))
    write_workbook(blank, out)
    return None


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
            raise ValueError(_("--format xlsx needs --out FILE.xlsx"))
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

@dataclass(frozen=True)
class RowChange:
    """What importing one row does to ``data/``: a new row, or its changed cells."""

    table: str
    row: Row
    file: str
    line: int  # 0: a new row, appended to ``file``
    cells: tuple[tuple[str, int, int], ...]  # (column, old, new) of each changed count

    def lines(self) -> list[str]:
        """``data/study.csv:12: 2023 xa-a 271-KH/HU: members_studied 262 → 265`` per cell."""
        table = TABLES[self.table]
        key = " ".join(str(v) if v != "" else "(cả năm)" for v in self.row[:len(table.key)])
        if not self.line:
            values = ", ".join(f"{name} {value}" for name, value in
                               zip(table.counts, self.row[len(table.key):], strict=True))
            return [f"{self.file}: new row {key}: {values}"]
        return [f"{self.file}:{self.line}: {key}: {name} {old} → {new}"
                for name, old, new in self.cells]


@dataclass
class ImportReport:
    written: dict[str, tuple[int, int, int]]  # file → (new rows, changed rows, unchanged)
    problems: Problems
    changes: list[RowChange] = field(default_factory=list)
    unchanged: int = 0


#: Plausibility limits of an imported count against the unit's previous year.
GROWTH = 3
#: Counts below this (both years) are too small for the ×3 check: 1 → 4 conferences.
SMALL = 10
#: members_total may change by at most this share from one year to the next.
MEMBER_CHANGE = Decimal("0.20")


def import_workbook(project_dir: Path, data_dir: str, file: Path, shown: str,
                    unit: str | None = None, resolution: str | None = None,
                    dry_run: bool = False) -> ImportReport:
    """Read ``file`` and merge its rows into the CSV files of ``data_dir``.

    Each row is compared with ``data/``: a new row, the cells that change, or
    unchanged. A row whose key is already in a CSV file replaces that line there; a new
    one goes to ``data/<table>/<unit>.csv``; a file none of whose rows change is not
    written. Nothing is written if any error is found, nor with ``dry_run``.
    """
    problems = Problems()
    data = load_study(project_dir, data_dir, problems)
    if problems.errors:
        return ImportReport({}, problems)
    result = read_workbook(file, shown, data, problems, unit, resolution)
    if problems.errors:
        return ImportReport({}, problems)
    report = ImportReport({}, problems)
    existing = {name: {row[:len(TABLES[name].key)]: row for row in rows}
                for name, rows in data.rows.items()}
    changed: dict[str, list[Row]] = {}
    counts: dict[str, list[int]] = {}  # file → [new, changed, unchanged]
    for name, rows in result.rows.items():
        for row in rows:
            change = _change(name, row, existing[name].get(row[:len(TABLES[name].key)]), data,
                             data_dir)
            if change is None:
                report.unchanged += 1
                rel = data.where[name][row[:len(TABLES[name].key)]][0]
                counts.setdefault(rel, [0, 0, 0])[2] += 1
            else:
                report.changes.append(change)
                changed.setdefault(name, []).append(row)
                counts.setdefault(change.file, [0, 0, 0])[1 if change.line else 0] += 1
            _plausible(name, row, existing[name], result, shown, problems)
    report.written = {path: (c[0], c[1], c[2]) for path, c in sorted(counts.items())}
    if dry_run:
        return report
    for name, rows in changed.items():
        _merge(project_dir, data_dir, name, rows, data)
    check = Problems()
    load_study(project_dir, data_dir, check)
    problems.extend(check)
    return report


def _change(name: str, row: Row, old: Row | None, data: StudyData, data_dir: str
            ) -> RowChange | None:
    table = TABLES[name]
    key_len = len(table.key)
    if old is None:
        return RowChange(name, row, f"{data_dir}/{name}/{row[1]}.csv", 0, ())
    if old == row:
        return None
    cells = tuple((column, a, b) for column, a, b in zip(
        table.counts, old[key_len:], row[key_len:], strict=True) if a != b)
    rel, line = data.where[name][row[:key_len]]
    return RowChange(name, row, rel, line, cells)


def _plausible(name: str, row: Row, existing: dict[Row, Row], result: ImportResult,
               shown: str, problems: Problems) -> None:
    """Warn where a count is far from the unit's previous year (a typo like 552 → 5520)."""
    table = TABLES[name]
    key_len = len(table.key)
    before_key = (row[0] - 1, *row[1:key_len])
    before = existing.get(before_key)
    if before is None:
        before = next((r for r in result.rows[name] if r[:key_len] == before_key), None)
    if before is None:
        return
    sheet, cells = result.cells[(name, row)]
    for index, column in enumerate(table.counts, key_len):
        old, new = before[index], row[index]
        message = ""
        if column == "members_total" and old and abs(new - old) > MEMBER_CHANGE * old:
            message = _("{column} {new} changes by more than {percent}% from {old} in "
                        "{year}").format(column=column, new=new,
                                         percent=int(MEMBER_CHANGE * 100), old=old,
                                         year=before[0])
        elif old and max(old, new) >= SMALL and (new > GROWTH * old or GROWTH * new < old):
            message = (_("{column} {new} is more than 3 times {old} in {year}") if new > old
                       else _("{column} {new} is under a third of {old} in {year}")).format(
                           column=column, new=new, old=old, year=before[0])
        if message:
            r, c = cells[index]
            problems.warning(shown, r, _(
                "sheet '{sheet}', cell {cell}: {problem} for the same unit; check for a typo "
                "(an extra or missing digit) before importing").format(
                    sheet=sheet, cell=f"{get_column_letter(c)}{r}", problem=message), c)


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
