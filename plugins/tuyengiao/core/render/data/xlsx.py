"""Appendix spreadsheets: write them as the seed lays them out, read units' returns back.

A sheet is laid out as the paper appendix: ``Phụ lục số N``, the title, the
unit (``Đơn vị: <name> (<id>)``) and, for Phụ lục 1, the resolution
(``Nghị quyết: 271-KH/HU``), a blank row, the multi-level header with merged
cells, a row per year and the ``Tổng`` row. The importer finds the header by
its headings (Vietnamese, compared without accents), the unit and resolution
by those two lines (or by ``--unit``/``--resolution``), then checks each row
with the same :class:`~.load.RowChecker` as the CSV files.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from tuyengiao.core.load.study import Row, RowChecker, StudyData
from tuyengiao.core.model.limits import (
    MAX_CELL_CHARS,
    MAX_SHEET_ROWS,
    MAX_XLSX_BYTES,
    MAX_XLSX_UNPACKED_BYTES,
    cut,
    excerpt,
)
from tuyengiao.core.model.problems import Problems
from tuyengiao.core.model.study import INSPECTIONS, TABLES
from tuyengiao.core.model.text import fold
from tuyengiao.core.render.data.output import cell_text
from tuyengiao.core.render.data.percent import Ratio, percent, vi_ratio
from tuyengiao.core.render.data.tables import LAYOUTS, TOTAL_LABEL, Appendix, Layout
from tuyengiao.i18n import _

UNIT_LABEL = "Đơn vị"
RESOLUTION_LABEL = "Nghị quyết"
ALL_RESOLUTIONS = "Tất cả"
NO_RESOLUTION = "(không ghi: mọi đợt học tập của năm)"
_HEADER_ROW = 6  # the first header row of a written sheet
#: Number formats in Vietnamese. An .xlsx stores formats in a locale-neutral code
#: ("," groups thousands, "." is the decimal point) that each program shows with its
#: locale's separators; ``[$-42A]`` (LCID 0x042A, Vietnamese) tags the format as
#: Vietnamese, so LibreOffice shows 4.221 and 95,03% whatever its own locale, and a
#: Vietnamese Excel (whose separators are "." and ",") shows the same. The cell
#: stays a number: sums and formulas work on it.
COUNT_FORMAT = "[$-42A]#,##0"
PERCENT_FORMAT = "[$-42A]0.00%"
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FILL = PatternFill("solid", fgColor="EDEDED")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


@dataclass
class Sheet:
    """One sheet to write: an appendix and the lines that say what it holds."""

    name: str
    appendix: Appendix
    unit_line: str
    resolution_line: str = ""
    #: "(kèm theo Kế hoạch số …, ngày … của …)" under the title, as in the seed.
    plan_line: str = ""
    #: A blank form: the computed columns (%, totals) are shaded, to be left empty.
    form: bool = False


# --- writing ----------------------------------------------------------------------------

def write_workbook(sheets: Iterable[Sheet], path: Path) -> None:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for sheet in sheets:
        _write_sheet(book.create_sheet(_sheet_title(sheet.name)), sheet)
    book.save(path)


def _sheet_title(name: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "-", name)[:31]


def _write_sheet(ws: Worksheet, sheet: Sheet) -> None:
    layout = sheet.appendix.layout
    width = len(layout.leaves())
    ws.cell(1, 1, f"Phụ lục số {layout.number}").font = Font(bold=True)
    title = ws.cell(2, 1, layout.title)
    title.font, title.alignment = Font(bold=True), _CENTER
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    ws.row_dimensions[2].height = 32
    line = 3
    if sheet.plan_line:
        attached = ws.cell(line, 1, sheet.plan_line)
        attached.font, attached.alignment = Font(italic=True), _CENTER
        ws.merge_cells(start_row=line, start_column=1, end_row=line, end_column=width)
        line += 1
    ws.cell(line, 1, f"{UNIT_LABEL}: {sheet.unit_line}")
    if sheet.resolution_line:
        ws.cell(line + 1, 1, f"{RESOLUTION_LABEL}: {sheet.resolution_line}")
    for level, cells in enumerate(layout.header_rows()):
        row = _HEADER_ROW + level
        for cell in cells:
            for r in range(row, row + cell.rowspan):
                for c in range(cell.column + 1, cell.column + cell.colspan + 1):
                    ws.cell(r, c).border, ws.cell(r, c).fill = _BORDER, _FILL
            target = ws.cell(row, cell.column + 1, cell.text)
            target.font, target.alignment = Font(bold=True), _CENTER
            if cell.colspan > 1 or cell.rowspan > 1:
                ws.merge_cells(start_row=row, start_column=cell.column + 1,
                               end_row=row + cell.rowspan - 1,
                               end_column=cell.column + cell.colspan)
    row = _HEADER_ROW + layout.depth
    for appendix_row in sheet.appendix.rows:
        label = ws.cell(row, 1, appendix_row.label if appendix_row.total
                        else int(appendix_row.label))
        label.border, label.font = _BORDER, Font(bold=appendix_row.total)
        for index, value in enumerate(appendix_row.values, start=2):
            _write_value(ws, row, index, value, appendix_row.total)
            if sheet.form and layout.leaves()[index - 1].computed:
                ws.cell(row, index).fill = _FILL  # computed by the board: left empty
        if sheet.form:
            ws.row_dimensions[row].height = 24  # room to write by hand on paper
        row += 1
    widths = [8.0] + [9.0 if layout.number == 3 else (15.0 if leaf.key in ("members", "staff")
                                                     else 13.0)
                      for leaf in layout.leaves()[1:]]
    for index, column_width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column_width
    for note in sheet.appendix.notes:
        row += 1
        text = f"Ghi chú: {note}"
        ws.cell(row, 1, text).alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        ws.row_dimensions[row].height = _LINE * _lines(text, sum(widths))
    _header_heights(ws, layout, widths)
    ws.freeze_panes = f"B{_HEADER_ROW + layout.depth}"
    _page_setup(ws, layout, row)


_LINE = 15.0  # points per line of 11-point text


def _lines(text: str, width: float) -> int:
    """Lines ``text`` takes wrapped in ``width`` character units (a generous guess:
    neither Excel nor LibreOffice sizes rows with merged cells by itself)."""
    return max(1, -(-int(len(text) * 1.15 + 2) // max(1, int(width))))


def _header_heights(ws: Worksheet, layout: Layout, widths: list[float]) -> None:
    """Each header row tall enough for its wrapped headings (bold, a little wider)."""
    needed = [1] * layout.depth
    for level, cells in enumerate(layout.header_rows()):
        for cell in cells:
            span = sum(widths[cell.column: cell.column + cell.colspan]) - 1
            lines = -(-_lines(cell.text, span) // cell.rowspan)
            for covered in range(level, level + cell.rowspan):
                needed[covered] = max(needed[covered], lines)
    for level, lines in enumerate(needed):
        ws.row_dimensions[_HEADER_ROW + level].height = _LINE * lines + 4


def _page_setup(ws: Worksheet, layout: Layout, last_row: int) -> None:
    """Print as the paper appendix: A4 landscape, one page wide, the header on each page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top, ws.page_margins.bottom = 0.6, 0.8
    ws.page_margins.footer = 0.3  # room under the table for "Trang 1/3"
    ws.print_title_rows = f"{_HEADER_ROW}:{_HEADER_ROW + layout.depth - 1}"
    ws.print_area = f"A1:{get_column_letter(len(layout.leaves()))}{last_row}"
    footer = ws.oddFooter
    assert footer is not None  # openpyxl makes every sheet's header and footer
    footer.center.text = "Trang &P/&N"


def _write_value(ws: Worksheet, row: int, column: int, value: Any, bold: bool) -> None:
    cell = ws.cell(row, column)
    cell.border, cell.font = _BORDER, Font(bold=bold)
    if value is None:
        return
    if isinstance(value, Ratio):
        cell.value = vi_ratio(value)
        cell.alignment = Alignment(horizontal="right")
    elif isinstance(value, Decimal):
        cell.value = float(value / 100)
        cell.number_format = PERCENT_FORMAT
    else:
        cell.value = value
        cell.number_format = COUNT_FORMAT


# --- reading ----------------------------------------------------------------------------

@dataclass
class ImportedRow:
    """A row read from a sheet, as CSV text values, with the cell of each value."""

    table: str
    values: list[str]
    cells: list[tuple[int, int]]
    sheet: str
    #: Errors found while reading the cells (field index, message).
    errors: list[tuple[int, str]] = field(default_factory=list)
    #: Computed columns the unit filled in anyway: key → (value, cell).
    typed: dict[str, tuple[Any, tuple[int, int]]] = field(default_factory=dict)


@dataclass
class ImportResult:
    rows: dict[str, list[Row]] = field(default_factory=lambda: {t: [] for t in TABLES})
    sheets: list[str] = field(default_factory=list)
    #: Where each imported row was read: (table, row) → (sheet, the cell of each value).
    cells: dict[tuple[str, Row], tuple[str, list[tuple[int, int]]]] = field(
        default_factory=dict)


def _key(text: Any) -> str:
    """A heading compared loosely: no accents, no punctuation, first 6 letters."""
    return re.sub(r"[\W_]+", "", fold(str(text or "")))[:6]


_GROUPED = re.compile(r"\d{1,3}(?:[. \u00a0]\d{3})+")


def _text(value: Any) -> str:
    """A cell as CSV text; ``1.234`` inside a ratio's text (``1.234/1.300``) is 1234."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    if _GROUPED.fullmatch(text):  # 1.234 or 1 234 as typed
        text = re.sub(r"\D", "", text)
    return text


def _count(value: Any, name: str, index: int, errors: list[tuple[int, str]]) -> str:
    """A count cell as CSV text; a number typed as text with a thousands dot is an error.

    ``1.552`` typed as text may be 1552 or a decimal 1,552 typed the English way: the
    unit must say which, by typing a number.
    """
    if isinstance(value, str) and _GROUPED.fullmatch(value.strip()):
        digits = re.sub(r"\D", "", value)
        errors.append((index, _("{name}: {value!r} is typed as text, not a number; if it "
                                "means {digits}, type {digits} without the dot (a number cell "
                                "shows it as it should) or set the cell's format to Number")
                       .format(name=name, value=value.strip(), digits=digits)))
        return "0"
    return _text(value)


def read_workbook(path: Path, shown: str, data: StudyData, problems: Problems,
                  unit: str | None = None, resolution: str | None = None) -> ImportResult:
    """Read every appendix sheet of ``path``; problems name sheet, row and column."""
    result = ImportResult()
    if not within_limits(path, shown, problems):
        return result
    try:
        book = load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not xlsx
        problems.error(shown, 0, _("cannot read the spreadsheet: {reason}").format(
            reason=excerpt(str(exc), 200)))
        return result
    seen: dict[Row, tuple[str, int]] = {}
    for ws in book.worksheets:
        _read_sheet(ws, shown, data, problems, unit, resolution, seen, result)
    if not result.sheets and not problems.errors:
        problems.error(shown, 0, _("no sheet holds Phụ lục 1, 2 or 3 (a header row starting "
                                   "with 'Năm' and the appendix's headings)"))
    return result


def within_limits(path: Path, shown: str, problems: Problems) -> bool:
    """Whether the spreadsheet may be opened: checked before anything is unpacked, so a
    "zip bomb" (a few MB that unpack to gigabytes) or a sheet of a million rows is one
    error, not minutes of work and gigabytes of memory. In order: the file's size, what
    its parts say they unpack to (the reader never unpacks more than a part says), then
    one streaming pass over the cells: rows with values per sheet, characters per cell.
    """
    mb = 1024 * 1024
    try:
        size = path.stat().st_size
        if size > MAX_XLSX_BYTES:
            problems.error(shown, 0, _("the file is {value} MB; a spreadsheet to import is at "
                                       "most {value2} MB").format(
                                         value=format(size / mb, '.0f'),
                                         value2=MAX_XLSX_BYTES // mb))
            return False
        with zipfile.ZipFile(path) as package:
            unpacked = sum(info.file_size for info in package.infolist())
    except (OSError, zipfile.BadZipFile) as exc:
        problems.error(shown, 0, _("cannot read the spreadsheet: {value}; save it as an Excel "
                                   "workbook (.xlsx)").format(value=excerpt(str(exc), 200)))
        return False
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        problems.error(shown, 0, _("the spreadsheet unpacks to {value} MB (at most {value2} "
                                   "MB): it is not a unit's return; it was not opened").format(
                                     value=format(unpacked / mb, ',.0f'),
                                     value2=MAX_XLSX_UNPACKED_BYTES // mb))
        return False
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not xlsx
        problems.error(shown, 0, _("cannot read the spreadsheet: {value}").format(
                                     value=excerpt(str(exc), 200)))
        return False
    try:
        return all(_sheet_within_limits(ws, shown, problems) for ws in book.worksheets)
    finally:
        book.close()


def _sheet_within_limits(ws: Any, shown: str, problems: Problems) -> bool:
    rows = 0
    ws.reset_dimensions()  # every row of the file, not what its <dimension> claims
    for row in ws.iter_rows():
        filled = False
        for cell in row:
            value = getattr(cell, "value", None)
            if value is None or value == "":
                continue
            filled = True
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                problems.error(shown, cell.row, _("sheet '{title}', cell {coordinate}: {count} "
                                                  "characters (at most {limit}): {value}").format(
                                                    title=ws.title, coordinate=cell.coordinate,
                                                    count=format(len(value), ','),
                                                    limit=format(MAX_CELL_CHARS, ','),
                                                    value=excerpt(value)), cell.column)
                return False
        rows += filled
        if rows > MAX_SHEET_ROWS:
            problems.error(shown, 0, _("sheet '{title}' has more than {limit} rows with "
                                       "values; a unit's return has a row per year (split the "
                                       "file, or import it in parts)").format(
                                         title=ws.title, limit=format(MAX_SHEET_ROWS, ',')))
            return False
    return True


def _find_header(ws: Worksheet) -> tuple[int, Layout] | None:
    wanted = {_key(layout.heads[1].text): layout for layout in LAYOUTS.values()}
    for row in range(1, min(ws.max_row, 30) + 1):
        layout = wanted.get(_key(ws.cell(row, 2).value))
        if layout is not None and ws.cell(row, 2).value:
            return row, layout
    return None


def _read_sheet(ws: Worksheet, shown: str, data: StudyData, problems: Problems,
                unit: str | None, resolution: str | None, seen: dict[Row, tuple[str, int]],
                result: ImportResult) -> None:
    where = _("sheet '{name}'").format(name=ws.title)
    found = _find_header(ws)
    if found is None:
        problems.warning(shown, 0, _("{sheet}: skipped, it holds no appendix (no header row "
                                     "with the headings of Phụ lục 1, 2 or 3)").format(
                                         sheet=where))
        return
    header_row, layout = found
    if not _headers_match(ws, header_row, layout, shown, where, problems):
        return
    labels = _labels(ws, header_row)
    unit_id = unit or _unit_of(labels.get(fold(UNIT_LABEL)), data, shown, where, problems)
    if unit_id is None:
        return
    if unit is not None and unit not in data.units:
        problems.error(shown, 0, _("--unit: '{unit}' is not an id in data/units.yml").format(
            unit=cut(unit)))
        return
    number = resolution if resolution is not None else _resolution_of(
        labels.get(fold(RESOLUTION_LABEL)))
    result.sheets.append(ws.title)
    table = TABLES[("study", "reporters", "inspections")[layout.number - 1]]
    checker = RowChecker(table, data, units_known=True)
    for row in range(header_row + layout.depth, ws.max_row + 1):
        year = _text(ws.cell(row, 1).value)
        if fold(year) == fold(TOTAL_LABEL):
            break
        for item in _rows_of(ws, row, layout, year, unit_id, number or ""):
            item.sheet = ws.title
            _check(item, checker, shown, where, problems, seen, result)


def _headers_match(ws: Worksheet, header_row: int, layout: Layout, shown: str, where: str,
                   problems: Problems) -> bool:
    ok = True
    for level, cells in enumerate(layout.header_rows()):
        for cell in cells[1:] if level == 0 else cells:  # column A may say 'Năm' or not
            row, column = header_row + level, cell.column + 1
            got = ws.cell(row, column).value
            if _key(got) != _key(cell.text):
                problems.error(shown, row, _(
                    "{sheet}, cell {cell}: expected the heading {heading!r} of Phụ lục "
                    "{appendix}, found {value!r}").format(
                        sheet=where, cell=f"{get_column_letter(column)}{row}",
                        heading=cell.text, appendix=layout.number, value=got), column)
                ok = False
    return ok


def _labels(ws: Worksheet, header_row: int) -> dict[str, str]:
    """'Label: value' lines above the header, keyed by the folded label."""
    found: dict[str, str] = {}
    for row in range(1, header_row):
        for column in range(1, min(ws.max_column, 4) + 1):
            value = ws.cell(row, column).value
            if isinstance(value, str) and ":" in value:
                label, _colon, rest = value.partition(":")
                found.setdefault(fold(label.strip()), rest.strip())
    return found


def _unit_of(text: str | None, data: StudyData, shown: str, where: str,
             problems: Problems) -> str | None:
    if not text:
        problems.error(shown, 0, _("{sheet}: which unit sent it? Write '{label}: <name>' "
                                   "above the table, or pass --unit").format(
                                       sheet=where, label=UNIT_LABEL))
        return None
    if fold(text) == fold(data.whole):
        problems.error(shown, 0, _("{sheet}: holds the totals of every unit ('{total}'), not "
                                   "one unit's return; export a unit with 'tuyengiao stats "
                                   "--unit ID'").format(sheet=where, total=data.whole))
        return None
    match = re.search(r"\(([^()]+)\)\s*$", text)
    if match and match.group(1).strip() in data.units:
        return match.group(1).strip()
    for unit in data.units.values():
        if fold(unit.name) == fold(text) or unit.id == text:
            return unit.id
    problems.error(shown, 0, _("{sheet}: unit {unit!r} is not in data/units.yml (by name or "
                               "id); add it there or pass --unit").format(sheet=where,
                                                                          unit=text))
    return None


def _resolution_of(text: str | None) -> str:
    if not text or fold(text).startswith((fold(ALL_RESOLUTIONS), "(khong ghi")):
        return ""
    return text.strip()


def _rows_of(ws: Worksheet, row: int, layout: Layout, year: str, unit: str,
             resolution: str) -> list[ImportedRow]:
    """The CSV rows one sheet row stands for (none when the row is left blank)."""
    leaves = layout.leaves()
    cells = {leaf.key: (row, index + 1) for index, leaf in enumerate(leaves)}
    wanted = [leaf for leaf in leaves[1:] if not leaf.computed]
    if all(_text(ws.cell(*cells[leaf.key]).value) == "" for leaf in wanted):
        return []  # an empty year: the unit has nothing for it
    if layout.number == 1:
        return [_study_row(ws, cells, year, unit, resolution)]
    if layout.number == 2:
        keys = [leaf.key for leaf in wanted]
        return [_simple_row("reporters", ws, cells, [year, unit], keys)]
    found = []
    for head in layout.heads[1:]:
        for kind_head in head.children:
            level, kind, _kind = kind_head.children[0].key.split(".")
            keys = [leaf.key for leaf in kind_head.children]
            if any(_text(ws.cell(*cells[k]).value) != "" for k in keys):
                found.append(_simple_row("inspections", ws, cells, [year, unit, level, kind],
                                         keys))
    return found


def _simple_row(table: str, ws: Worksheet, cells: dict[str, tuple[int, int]],
                key: list[str], keys: list[str]) -> ImportedRow:
    year_cell = cells["year"]
    errors: list[tuple[int, str]] = []
    values = key + [_count(ws.cell(*cells[k]).value, k.rpartition(".")[2], len(key) + i,
                           errors) for i, k in enumerate(keys)]
    return ImportedRow(table, values, [year_cell] * len(key) + [cells[k] for k in keys], "",
                       errors)


def _study_row(ws: Worksheet, cells: dict[str, tuple[int, int]], year: str, unit: str,
               resolution: str) -> ImportedRow:
    errors: list[tuple[int, str]] = []
    values = [year, unit, resolution,
              _count(ws.cell(*cells["conferences"]).value, "conferences", 3, errors)]
    where = [cells["year"]] * 3 + [cells["conferences"]]
    for key in ("members", "staff"):
        raw = _text(ws.cell(*cells[key]).value)
        part, slash, whole = raw.partition("/")
        if raw and not slash:
            errors.append((len(values), _("{key}: expected 'studied/total' such as "
                                          "1.234/1.300, got {value}").format(
                                              key=key, value=excerpt(raw))))
            part, whole = "0", "0"
        values += [_text(part), _text(whole)]
        where += [cells[key], cells[key]]
    values.append(_count(ws.cell(*cells["documents"]).value, "documents", len(values), errors))
    where.append(cells["documents"])
    typed = {key: (ws.cell(*cells[key]).value, cells[key])
             for key in ("members_percent", "staff_percent", "people")
             if ws.cell(*cells[key]).value not in (None, "")}
    return ImportedRow("study", values, where, "", errors, typed)


def _check(item: ImportedRow, checker: RowChecker, shown: str, where: str,
           problems: Problems, seen: dict[Row, tuple[str, int]], result: ImportResult) -> None:
    checked = checker.check(item.values)
    if item.errors:
        checked = item.errors + (checked if isinstance(checked, list) else [])
    if isinstance(checked, list):
        reported: set[tuple[int, int]] = set()
        for index, message in checked:
            row, column = item.cells[index]
            if (row, column) in reported:
                continue
            reported.add((row, column))
            problems.error(shown, row, _("{sheet}, cell {cell}: {problem}").format(
                sheet=where, cell=f"{get_column_letter(column)}{row}", problem=message),
                column)
        return
    table = TABLES[item.table]
    key = (item.table, *checked[: len(table.key)])
    row = item.cells[0][0]
    if key in seen:
        first_sheet, first_row = seen[key]
        same = _("the same year, unit and resolution") if item.table == "study" else _(
            "the same year and unit")
        problems.error(shown, row, _("{sheet}, row {row}: {same} as sheet '{first}', row "
                                     "{first_row}").format(sheet=where, row=row, same=same,
                                                           first=first_sheet,
                                                           first_row=first_row), 1)
        return
    seen[key] = (item.sheet, row)
    result.rows[item.table].append(checked)
    result.cells[(item.table, checked)] = (item.sheet, item.cells)
    _compare_typed(item, checked, shown, where, problems)


def _typed_number(value: Any, percent_cell: bool) -> Decimal | None:
    """A number the unit typed: 95.03, '95,03%', or 0.9503 in a cell formatted as %."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = Decimal(str(value))
        return number * 100 if percent_cell and number <= 1 else number
    text = str(value).strip().rstrip("%").replace(".", "").replace(",", ".")
    try:
        return Decimal(text)
    except ArithmeticError:
        return None


def _compare_typed(item: ImportedRow, row: Row, shown: str, where: str,
                   problems: Problems) -> None:
    """Warn where a unit's typed rate or total disagrees with the computed one."""
    if not item.typed:
        return
    ms, mt, ss, st = row[4:8]
    computed: dict[str, Decimal | int | None] = {
        "members_percent": percent(ms, mt), "staff_percent": percent(ss, st),
        "people": ms + ss}
    for key, (value, (r, c)) in item.typed.items():
        expected = computed[key]
        typed = _typed_number(value, key != "people")
        if expected is None or (typed is not None and abs(typed - expected) < Decimal("0.01")):
            continue
        shown_expected = cell_text(expected)
        problems.warning(shown, r, _(
            "{sheet}, cell {cell}: the unit wrote {value!r}, the computed value is "
            "{computed}; the computed value is used").format(
                sheet=where, cell=f"{get_column_letter(c)}{r}", value=value,
                computed=shown_expected), c)


assert INSPECTIONS.counts == ("sessions", "collectives", "individuals")
