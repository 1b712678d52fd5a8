"""Read and check the study data of ``data/``: units, settings and the three tables.

Every bad value is a :class:`~tuyengiao.core.model.problems.Problem` with file, line
and column (the character where the CSV field starts); a row with an error is
not counted, and the build fails, so nothing is dropped silently.

Files: ``data/units.yml``, ``data/study.yml`` (optional: ``target``,
``first_year``, ``last_year``) and, for each table, ``data/<table>.csv`` plus
every ``data/<table>/**/*.csv`` (a unit may send its own file).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from tuyengiao.core.load.files import (
    check_text_nesting,
    compose_with,
    construct,
    read_capped,
    read_yaml_nodes,
    report_tree_problems,
    too_large,
    yaml_error_line,
)
from tuyengiao.core.model.limits import (
    MAX_CSV_BYTES,
    MAX_DATA_YAML_BYTES,
    MAX_INT_DIGITS,
    cut,
    excerpt,
)
from tuyengiao.core.model.numbers import DocumentNumber
from tuyengiao.core.model.problems import Problems
from tuyengiao.core.model.study import (
    AT_MOST,
    DEADLINE_KEYS,
    DEFAULT_TARGET,
    DEFAULT_WHOLE,
    MAX_YEAR,
    MIN_YEAR,
    SETTINGS_FILE,
    SETTINGS_KEYS,
    TABLES,
    UNIT_KEYS,
    UNIT_KINDS,
    UNITS_FILE,
    Deadline,
    Plan,
    Table,
)
from tuyengiao.core.model.text import DecodeError, decode_source
from tuyengiao.i18n import _

#: A checked row: the key columns as text/int, then the counts as ints.
Row = tuple[Any, ...]
_UNIT_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    kind: str
    line: int = 0


@dataclass
class StudyData:
    """Everything of ``data/`` about study results, checked."""

    units: dict[str, Unit] = field(default_factory=dict)
    target: Decimal = Decimal(DEFAULT_TARGET)
    first_year: int | None = None
    last_year: int | None = None
    #: The plan the appendices are attached to (``plan`` keys of study.yml).
    plan: Plan | None = None
    #: The name of every unit's totals (``whole`` of study.yml): "Toàn đảng bộ", "Toàn tỉnh"…
    whole: str = DEFAULT_WHOLE
    #: The plan's report deadlines (``deadlines`` of study.yml).
    deadlines: list[Deadline] = field(default_factory=list)
    #: Checked rows per table name.
    rows: dict[str, list[Row]] = field(default_factory=lambda: {t: [] for t in TABLES})
    #: Where each row's key is written: (file, line), per table name.
    where: dict[str, dict[Row, tuple[str, int]]] = field(
        default_factory=lambda: {t: {} for t in TABLES})
    files: list[str] = field(default_factory=list)

    @property
    def has_rows(self) -> bool:
        return any(self.rows.values())

    def years(self) -> list[int]:
        """Every year from the first to the last (the plan's range when configured)."""
        seen = {row[0] for rows in self.rows.values() for row in rows}
        first = self.first_year if self.first_year is not None else min(seen, default=None)
        last = self.last_year if self.last_year is not None else max(seen, default=None)
        if first is None or last is None:
            return []
        return list(range(first, last + 1))

    def resolutions(self) -> list[str]:
        """The resolution numbers of study.csv, in the order they are first written."""
        return list(dict.fromkeys(row[2] for row in self.rows["study"] if row[2]))


class RowChecker:
    """Turns one row of text values into a checked row, or the errors by field index."""

    def __init__(self, table: Table, data: StudyData, units_known: bool) -> None:
        self.table = table
        self.data = data
        self.units_known = units_known
        self.first = max(MIN_YEAR, data.first_year or MIN_YEAR)
        self.last = min(MAX_YEAR, data.last_year or MAX_YEAR)
        self._numbers: dict[str, str | None] = {}
        self._count_from = len(table.key)
        self._years = {str(y): y for y in range(self.first, self.last + 1)}
        self._at_most = [(table.index(a), table.index(b)) for a, b in AT_MOST
                         if a in table.header]

    def check(self, values: list[str]) -> Row | list[tuple[int, str]]:
        """The checked row, or (field index, message) for each bad field.

        The common case (plain digits, a known unit, a valid year) takes a fast path:
        this runs for every row of a district's ten years of returns.
        """
        errors: list[tuple[int, str]] = []
        start = self._count_from
        parsed: list[Any] = []
        year = self._years.get(values[0])
        if year is None:
            year = self._year(values[0].strip(), 0, errors)
        parsed.append(year)
        unit = values[1]
        if not (self.units_known and unit in self.data.units):
            unit = self._key_value("unit", "unit", (), unit.strip(), 1, errors)
        parsed.append(unit)
        for index in range(2, start):
            column = self.table.columns[index]
            parsed.append(self._key_value(column.type, column.name, column.choices,
                                          values[index].strip(), index, errors))
        counts = values[start:]
        joined = "".join(counts)
        numbers: list[int] | None = None
        if joined.isascii() and joined.isdigit():
            try:
                numbers = list(map(int, counts))
            except ValueError:  # an empty field among digits
                numbers = None
        if numbers is None:
            numbers = self._counts(counts, start, errors)
        parsed += numbers
        for i, j in self._at_most:
            if not errors and parsed[i] > parsed[j]:
                part, whole = self.table.header[i], self.table.header[j]
                errors.append((i, _("{part}: {value} is more than {whole} ({total}); the "
                                    "number who studied cannot exceed the total").format(
                                        part=part, value=parsed[i], whole=whole,
                                        total=parsed[j])))
        return errors if errors else tuple(parsed)

    def _counts(self, counts: list[str], start: int, errors: list[tuple[int, str]]) -> list[int]:
        numbers = []
        for offset, raw in enumerate(counts):
            text = raw.strip()
            if text.isdigit() and text.isascii() and len(text) <= MAX_INT_DIGITS:
                numbers.append(int(text))
            else:
                index = start + offset
                errors.append((index, _count_error(self.table.columns[index].name, text)))
                numbers.append(0)
        return numbers

    def _key_value(self, kind: str, name: str, choices: tuple[str, ...], value: str,
                   index: int, errors: list[tuple[int, str]]) -> Any:
        if kind == "year":
            return self._year(value, index, errors)
        if kind == "unit":
            if not value:
                errors.append((index, _("unit: missing; write the unit's id from "
                                        "data/units.yml")))
            elif self.units_known and value not in self.data.units:
                errors.append((index, _("unit: '{value}' is not an id in {file}").format(
                    value=cut(value), file=f"data/{UNITS_FILE}")))
            return value
        if kind == "resolution":
            return self._resolution(value, index, errors)
        if value not in choices:
            errors.append((index, _("{name}: expected one of {choices}, got {value}").format(
                name=name, choices=", ".join(choices), value=excerpt(value))))
        return value

    def _year(self, value: str, index: int, errors: list[tuple[int, str]]) -> int:
        if not (value.isdigit() and value.isascii() and len(value) <= MAX_INT_DIGITS):
            errors.append((index, _("year: expected a year like 2023, got {value}").format(
                value=excerpt(value))))
            return 0
        year = int(value)
        if not MIN_YEAR <= year <= MAX_YEAR:
            errors.append((index, _("year: {year} is outside {first}–{last}").format(
                year=year, first=MIN_YEAR, last=MAX_YEAR)))
        elif not self.first <= year <= self.last:
            errors.append((index, _("year: {year} is outside the plan's years {first}–{last} "
                                    "(first_year/last_year in {file})").format(
                year=year, first=self.first, last=self.last, file=f"data/{SETTINGS_FILE}")))
        return year

    def _resolution(self, value: str, index: int, errors: list[tuple[int, str]]) -> str:
        if not value:
            return ""
        if value not in self._numbers:
            try:
                self._numbers[value] = str(DocumentNumber.parse(value))
            except ValueError:
                self._numbers[value] = None
        number = self._numbers[value]
        if number is None:
            errors.append((index, _("resolution: {value} is not a document number like "
                                    "271-KH/HU; leave it empty for all campaigns of the "
                                    "year").format(value=excerpt(value))))
            return value
        return number


def _count_error(name: str, text: str) -> str:
    if not text:
        return _("{name}: a count is required (write 0 for none)").format(name=name)
    if text.isdigit() and text.isascii():
        return _("{name}: a number of {count} digits; at most {limit}").format(
            name=name, count=f"{len(text):,}", limit=MAX_INT_DIGITS)
    if text.startswith("-") and text[1:].isdigit():
        shown = text if len(text) <= MAX_INT_DIGITS else excerpt(text)
        return _("{name}: {value} is negative; a count is 0 or more").format(
            name=name, value=shown)
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", text):
        return _("{name}: write {value} without thousands separators").format(
            name=name, value=excerpt(text))
    return _("{name}: expected a whole number, got {value}").format(name=name,
                                                                     value=excerpt(text))


def field_starts(line: str) -> list[int]:
    """The 1-based character column where each CSV field of ``line`` starts."""
    starts = [1]
    quoted = False
    for position, char in enumerate(line, start=1):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            starts.append(position + 1)
    return starts


def load_study(project_dir: Path, data_dir: str, problems: Problems) -> StudyData:
    """Read ``data/`` and check it; problems go to ``problems``."""
    data = StudyData()
    files = {name: table_files(project_dir, data_dir, name) for name in TABLES}
    if not any(files.values()):
        return data
    _settings(project_dir, f"{data_dir}/{SETTINGS_FILE}", data, problems)
    units_known = _units(project_dir, f"{data_dir}/{UNITS_FILE}", data, problems)
    for name, table in TABLES.items():
        checker = RowChecker(table, data, units_known)
        for path in files[name]:
            rel = path.relative_to(project_dir).as_posix()
            data.files.append(rel)
            _read_table(path, rel, table, checker, data, problems)
    _report_strays(project_dir, data_dir, problems)
    check_breakdowns(data, problems)
    return data


def check_breakdowns(data: StudyData, problems: Problems) -> None:
    """Warn where a row with a resolution exceeds its unit's whole-year row.

    The whole-year row (no resolution) is the unit's figure for the year; a
    resolution's row is part of it, so none of its counts can be larger.
    """
    table = TABLES["study"]
    start = len(table.key)
    whole = {(r[0], r[1]): r for r in data.rows["study"] if not r[2]}
    if not whole:
        return
    where = data.where["study"]
    for row in data.rows["study"]:
        year_row = whole.get((row[0], row[1])) if row[2] else None
        if year_row is None:
            continue
        over = [f"{name} {row[i]} > {year_row[i]}" for i, name in
                enumerate(table.header[start:], start) if row[i] > year_row[i]]
        if over:
            rel, line = where[row[:start]]
            year_rel, year_line = where[year_row[:start]]
            at = _("line {line}").format(line=year_line) if year_rel == rel else _(
                "line {line} of {path}").format(line=year_line, path=year_rel)
            problems.warning(rel, line, _(
                "{resolution} in {year} for '{unit}' is more than the unit's whole-year row "
                "({at}): {over}; the whole-year row (empty resolution) is the unit's figure "
                "for the year and a resolution's row is part of it, so correct one of them")
                .format(resolution=row[2], year=row[0], unit=row[1], at=at,
                        over=", ".join(over)), 1)


def table_files(project_dir: Path, data_dir: str, name: str) -> list[Path]:
    """``data/<name>.csv`` then ``data/<name>/**/*.csv``, in name order."""
    base = project_dir / data_dir
    found = [base / f"{name}.csv"] if (base / f"{name}.csv").is_file() else []
    folder = base / name
    if folder.is_dir():
        found += sorted(p for p in folder.rglob("*.csv") if p.is_file())
    return found


def _report_strays(project_dir: Path, data_dir: str, problems: Problems) -> None:
    for name in TABLES:
        folder = project_dir / data_dir / name
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file() and path.suffix != ".csv":
                    problems.warning(path.relative_to(project_dir).as_posix(), 0,
                                     _("not read: only .csv files hold study results "
                                       "(import a spreadsheet with 'tuyengiao stats "
                                       "import')"))


def read_text(path: Path, rel: str, problems: Problems, limit: int = MAX_CSV_BYTES
              ) -> str | None:
    """The file's text; a file over ``limit`` bytes or not UTF-8 is an error and None."""
    try:
        raw = read_capped(path, limit)
        if too_large(rel, len(raw), limit, problems):
            return None
        return decode_source(raw)
    except DecodeError as exc:
        problems.error(rel, exc.line, _("the file is not UTF-8 text: {reason}").format(
            reason=exc))
    except OSError as exc:
        problems.error(rel, 0, _("cannot read the file: {reason}").format(
            reason=exc.strerror))
    return None


def _read_table(path: Path, rel: str, table: Table, checker: RowChecker, data: StudyData,
                problems: Problems) -> None:
    text = read_text(path, rel, problems)
    if text is None:
        return
    lines = text.split("\n")
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        problems.error(rel, reader.line_num, _("not valid CSV: {reason}").format(reason=exc))
        return
    if not header or not any(h.strip() for h in header):
        problems.error(rel, 1, _("the file is empty; its first line must be the header "
                                 "{header}").format(header=",".join(table.header)), 1)
        return
    if not _header_ok(rel, table, [h.strip() for h in header], lines[0], problems):
        return
    rows, where = data.rows[table.name], data.where[table.name]
    width, key_len = len(table.columns), len(table.key)
    try:
        for values in reader:
            line = reader.line_num
            if not values or (len(values) == 1 and not values[0].strip()):
                continue
            if len(values) != width:
                problems.error(rel, line, _("expected {width} columns ({header}), found "
                                            "{count}").format(
                    width=width, header=",".join(table.header), count=len(values)), 1)
                continue
            result = checker.check(values)
            if isinstance(result, list):
                starts = field_starts(lines[line - 1])
                for index, message in result:
                    column = starts[index] if index < len(starts) else 1
                    problems.error(rel, line, message, column)
                continue
            key = result[:key_len]
            first = where.get(key)
            if first is not None:
                problems.error(rel, line, _duplicate_message(table, key, first), 1)
                continue
            where[key] = (rel, line)
            rows.append(result)
    except csv.Error as exc:
        problems.error(rel, reader.line_num, _("not valid CSV: {reason}").format(reason=exc))


def _duplicate_message(table: Table, key: Row, first: tuple[str, int]) -> str:
    empty = _("(empty)")
    shown = ", ".join(f"{n}={v if v != '' else empty}" for n, v in zip(table.key, key,
                                                                      strict=True))
    return _("duplicate row for {key}: already on line {line} of {path}; keep one row per "
             "key (a unit's several files are added up only across keys)").format(
                 key=shown, line=first[1], path=first[0])


def _header_ok(rel: str, table: Table, header: list[str], raw: str,
               problems: Problems) -> bool:
    expected = list(table.header)
    if header == expected:
        return True
    starts = field_starts(raw)
    for index, name in enumerate(expected):
        got = header[index] if index < len(header) else None
        if got != name:
            column = starts[index] if index < len(starts) else len(raw) + 1
            found = _("found {value}").format(value=excerpt(got)) if got is not None else _(
                "the line ends there")
            problems.error(rel, 1, _("wrong header: column {index} must be {name}, "
                                     "{found}; the header is {header}").format(
                index=index + 1, name=excerpt(name), found=found, header=",".join(expected)),
                column)
            return False
    problems.error(rel, 1, _("wrong header: {count} columns, expected {width}: {header}")
                   .format(count=len(header), width=len(expected), header=",".join(expected)),
                   starts[len(expected)] if len(starts) > len(
                       expected) else 1)
    return False


# --- units.yml and study.yml ------------------------------------------------------------

def _yaml(project_dir: Path, rel: str, problems: Problems) -> tuple[Any, yaml.Node] | None:
    path = project_dir / rel
    if not path.is_file():
        return None
    text = read_text(path, rel, problems, MAX_DATA_YAML_BYTES)
    if text is None:
        return None
    try:
        loader, node = _compose(text)
    except yaml.YAMLError as exc:
        line, message = yaml_error_line(exc, 0)
        problems.error(rel, line, message)
        return None
    if node is None or not report_tree_problems(rel, node, 0, problems):
        return None
    return loader, node


def _compose(text: str) -> tuple[Any, yaml.Node | None]:
    """Compose YAML keeping lines; libyaml when PyYAML has it (units.yml may list
    thousands of units; ``plan_date`` is a YAML date here), else the frontmatter
    loader. Text nested past any use is refused before libyaml sees it."""
    c_loader = getattr(yaml, "CSafeLoader", None)
    if c_loader is None:  # pragma: no cover - PyYAML wheels ship libyaml
        return read_yaml_nodes(text)
    check_text_nesting(text)
    return compose_with(c_loader(text))


def _mapping(loader: Any, node: yaml.Node) -> list[tuple[str, Any, int, int]]:
    """(key, value, line, column) of each entry of a mapping node."""
    entries = []
    for key_node, value_node in node.value:
        entries.append((str(key_node.value), construct(loader, value_node),
                        value_node.start_mark.line + 1, value_node.start_mark.column + 1))
    return entries


def _units(project_dir: Path, rel: str, data: StudyData, problems: Problems) -> bool:
    """Read units.yml; False when it is missing (units cannot be checked then)."""
    if not (project_dir / rel).is_file():
        problems.error(rel, 0, _("the list of reporting units is missing; the study tables' "
                                 "unit column uses its ids (id, name, kind per unit)"))
        return False
    errors = len(problems.errors)
    parsed = _yaml(project_dir, rel, problems)
    if parsed is None:
        # An empty list knows no unit; a file that could not be read is reported once,
        # not again on every row of the tables.
        return len(problems.errors) == errors
    loader, node = parsed
    if not isinstance(node, yaml.SequenceNode):
        problems.error(rel, node.start_mark.line + 1, _("expected a list of units, each "
                                                        "with id, name and kind"))
        return True
    for item in node.value:
        _unit(rel, loader, item, data, problems)
    return True


def _unit(rel: str, loader: Any, item: yaml.Node, data: StudyData, problems: Problems) -> None:
    line = item.start_mark.line + 1
    if not isinstance(item, yaml.MappingNode):
        problems.error(rel, line, _("expected a unit: id, name and kind"),
                       item.start_mark.column + 1)
        return
    values: dict[str, Any] = {}
    where: dict[str, tuple[int, int]] = {}
    for key, value, key_line, column in _mapping(loader, item):
        if key not in UNIT_KEYS:
            problems.warning(rel, key_line, _(
                "'{key}' is not a known key (ignored); known keys: {known}").format(
                    key=cut(key), known=", ".join(UNIT_KEYS)), column)
        values[key], where[key] = value, (key_line, column)
    ok = True
    for key in UNIT_KEYS:
        value = values.get(key)
        at = where.get(key, (line, item.start_mark.column + 1))
        if not isinstance(value, str) or not value.strip():
            problems.error(rel, at[0], _("{key}: required but missing").format(key=key),
                           at[1])
            ok = False
    if not ok:
        return
    unit_id, kind = values["id"].strip(), values["kind"].strip()
    (id_line, id_column), (kind_line, kind_column) = where["id"], where["kind"]
    if not _UNIT_ID.fullmatch(unit_id):
        problems.error(rel, id_line, _("id: {value} must be lower-case letters, digits, "
                                       "'-' or '_' (it is typed in every CSV row)").format(
                                           value=excerpt(unit_id)), id_column)
    elif unit_id in data.units:
        problems.error(rel, id_line, _("id: '{value}' is already used on line {line}").format(
            value=cut(unit_id), line=data.units[unit_id].line), id_column)
    elif kind not in UNIT_KINDS:
        problems.error(rel, kind_line, _("{name}: expected one of {choices}, got {value}")
                       .format(name="kind", choices=", ".join(UNIT_KINDS),
                               value=excerpt(kind)), kind_column)
    else:
        data.units[unit_id] = Unit(unit_id, values["name"].strip(), kind, where["id"][0])


def _settings(project_dir: Path, rel: str, data: StudyData, problems: Problems) -> None:
    parsed = _yaml(project_dir, rel, problems)
    if parsed is None:
        return
    loader, node = parsed
    if not isinstance(node, yaml.MappingNode):
        problems.error(rel, node.start_mark.line + 1, _("expected the keys {keys}").format(
            keys=", ".join(SETTINGS_KEYS)))
        return
    plan: dict[str, Any] = {}
    for (key, value, line, column), (_key_node, value_node) in zip(
            _mapping(loader, node), node.value, strict=True):
        if key == "deadlines":
            _deadlines(rel, loader, value_node, data, problems)
        elif key in ("plan", "plan_date", "plan_issuer"):
            plan[key] = _plan_value(rel, key, value, line, column, problems)
        elif key == "whole":
            if isinstance(value, str) and value.strip():
                data.whole = value.strip()
            else:
                problems.error(rel, line, _("whole: expected the name of every unit's totals, "
                                            "such as 'Toàn đảng bộ' or 'Toàn tỉnh'"), column)
        elif key == "target":
            target = _percent(value)
            if target is None:
                problems.error(rel, line, _("target: expected a percentage between 0 and 100 "
                                            "such as 98 or 97.5, got {value}").format(
                                                value=excerpt(value)), column)
            else:
                data.target = target
        elif key in ("first_year", "last_year"):
            if isinstance(value, int) and not isinstance(value, bool) and (
                    MIN_YEAR <= value <= MAX_YEAR):
                setattr(data, key, value)
            else:
                problems.error(rel, line, _("{key}: expected a year between {first} and "
                                            "{last}, got {value}").format(
                    key=key, first=MIN_YEAR, last=MAX_YEAR, value=excerpt(value)), column)
        else:
            problems.warning(rel, line, _(
                "'{key}' is not a known key (ignored); known keys: {known}").format(
                    key=cut(key), known=", ".join(SETTINGS_KEYS)), column)
    if plan.get("plan"):
        data.plan = Plan(plan["plan"], plan.get("plan_date"), plan.get("plan_issuer") or "")
    elif plan:
        problems.error(rel, 1, _("plan_date/plan_issuer need plan: the plan's number, "
                                 "such as 271-KH/HU"))
    if data.first_year and data.last_year and data.first_year > data.last_year:
        problems.error(rel, 1, _("first_year {first} is after last_year {last}").format(
            first=data.first_year, last=data.last_year))
        data.first_year = data.last_year = None


def _plan_value(rel: str, key: str, value: Any, line: int, column: int,
                problems: Problems) -> Any:
    if key == "plan":
        try:
            return str(DocumentNumber.parse(str(value)))
        except ValueError:
            problems.error(rel, line, _("plan: expected the plan's number such as 271-KH/HU, "
                                        "got {value}").format(value=repr(value)), column)
            return None
    if key == "plan_date":
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        problems.error(rel, line, _("plan_date: expected a date like 2023-02-20, got "
                                    "{value!r}").format(value=value), column)
        return None
    if not isinstance(value, str) or not value.strip():
        problems.error(rel, line, _("plan_issuer: expected text such as 'Ban Thường vụ ...'"),
                       column)
        return None
    return value.strip()


_DUE = re.compile(r"\s*(\d{1,2})/(\d{1,2})(?:/(\d{4}))?\s*")


def _deadlines(rel: str, loader: Any, node: yaml.Node, data: StudyData,
               problems: Problems) -> None:
    """``deadlines:`` a list of {due: 10/5/2023 or 15/12, label, year?, tables?}."""
    if not isinstance(node, yaml.SequenceNode):
        problems.error(rel, node.start_mark.line + 1, _("deadlines: expected a list, each entry "
                                                        "with due (10/5/2023 once, or 15/12 "
                                                        "every year) and label"),
                       node.start_mark.column + 1)
        return
    for item in node.value:
        line, column = item.start_mark.line + 1, item.start_mark.column + 1
        if not isinstance(item, yaml.MappingNode):
            problems.error(rel, line, _("deadlines: expected an entry with due and label"), column)
            continue
        entry = {key: (value, key_line, key_column)
                 for key, value, key_line, key_column in _mapping(loader, item)}
        for key, (_value, key_line, key_column) in entry.items():
            if key not in DEADLINE_KEYS:
                problems.warning(rel, key_line, _(
                    "'{key}' is not a known key (ignored); known keys: {known}").format(
                        key=cut(key), known=", ".join(DEADLINE_KEYS)), key_column)
        deadline = _deadline(rel, entry, line, column, problems)
        if deadline is not None:
            data.deadlines.append(deadline)


def _deadline(rel: str, entry: dict[str, tuple[Any, int, int]], line: int, column: int,
              problems: Problems) -> Deadline | None:
    due, due_line, due_column = entry.get("due", (None, line, column))
    label, label_line, label_column = entry.get("label", (None, line, column))
    ok = True
    day = month = 0
    once: int | None = None
    if isinstance(due, dt.date):
        day, month, once = due.day, due.month, due.year
    else:
        match = _DUE.fullmatch(str(due)) if isinstance(due, str) else None
        try:
            if match is None:
                raise ValueError
            day, month = int(match.group(1)), int(match.group(2))
            once = int(match.group(3)) if match.group(3) else None
            dt.date(once or 2024, month, day)  # 2024: a leap year accepts 29/2
        except ValueError:
            problems.error(rel, due_line, _("due: expected a date like 10/5/2023 (once) or "
                                            "15/12 (every year of the plan), got {due}").format(
                                              due=repr(due)), due_column)
            ok = False
    if not isinstance(label, str) or not label.strip():
        problems.error(rel, label_line, _("label: required text, e.g. 'Báo cáo tổng kết'"),
                       label_column)
        ok = False
    year, year_line, year_column = entry.get("year", (None, line, column))
    if year is not None and not (isinstance(year, int) and MIN_YEAR <= year <= MAX_YEAR):
        problems.error(rel, year_line, _("year: expected the year whose figures are due, got "
                                         "{year}").format(year=repr(year)), year_column)
        ok = False
    tables, tables_line, tables_column = entry.get("tables", (["study"], line, column))
    if not (isinstance(tables, list) and tables and all(t in TABLES for t in tables)):
        problems.error(rel, tables_line, _("tables: expected a list of {names}, got "
                                           "{value!r}").format(names=", ".join(TABLES),
                                                               value=tables), tables_column)
        ok = False
    if not ok:
        return None
    return Deadline(day, month, once, str(label).strip(), year, tuple(tables), line)


def _percent(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = Decimal(str(value).strip().rstrip("%").replace(",", "."))
    except InvalidOperation:
        return None
    return number if number.is_finite() and 0 < number <= 100 else None

