"""The appendices as text (a terminal table), CSV and JSON, for ``tuyengiao stats``."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from decimal import Decimal
from typing import Any

from tuyengiao.core.load.study import StudyData
from tuyengiao.core.render.data.aggregate import UnitRate
from tuyengiao.core.render.data.percent import Ratio, vi_int, vi_percent, vi_ratio
from tuyengiao.core.render.data.tables import Appendix, Head, Value

EMPTY = "–"


def cell_text(value: Value, empty: str = EMPTY) -> str:
    """A value as the appendices print it: ``1.234``, ``1.234/1.300``, ``95,03%``."""
    if value is None:
        return empty
    if isinstance(value, Ratio):
        return vi_ratio(value)
    if isinstance(value, Decimal):
        return vi_percent(value)
    return vi_int(value)


def heading(appendix: Appendix, caption: str = "") -> str:
    return f"Phụ lục số {appendix.layout.number}: {appendix.title}" + (
        f" – {caption}" if caption else "")


# --- text -------------------------------------------------------------------------------

def text_table(appendix: Appendix, caption: str = "") -> str:
    """A plain-text table with the appendix's multi-level header (spans centred)."""
    layout = appendix.layout
    body = [[row.label, *(cell_text(v) for v in row.values)] for row in appendix.rows]
    widths = [max(len(r[i]) for r in body) for i in range(len(layout.leaves()))]
    for i, leaf in enumerate(layout.leaves()):
        longest_word = max(len(w) for w in leaf.text.split())
        widths[i] = max(widths[i], longest_word, min(len(leaf.text), 12))
    lines = [heading(appendix, caption), ""]
    lines += _header_lines(appendix, widths)
    rule = "-+-".join("-" * w for w in widths)
    lines.append(rule)
    for row, cells in zip(appendix.rows, body, strict=True):
        if row.total:
            lines.append(rule)
        lines.append(" | ".join(c.rjust(w) if i else c.ljust(w)
                                for i, (c, w) in enumerate(zip(cells, widths, strict=True))))
    lines += [""] + [f"Ghi chú: {note}" for note in appendix.notes]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _header_lines(appendix: Appendix, widths: list[int]) -> list[str]:
    rows = appendix.layout.header_rows()
    out: list[str] = []
    for level, cells in enumerate(rows):
        # Cells from upper levels with a rowspan cover this level too: blank there.
        covering = [c for upper in rows[:level] for c in upper
                    if c.rowspan > level - rows.index(upper)]
        slots = sorted([(c.column, c.colspan, c.text) for c in cells]
                       + [(c.column, c.colspan, "") for c in covering])
        wrapped = [(span_width(widths, col, span),
                    textwrap.wrap(text, span_width(widths, col, span)) or [""])
                   for col, span, text in slots]
        height = max(len(lines) for _, lines in wrapped)
        for i in range(height):
            out.append(" | ".join((lines[i] if i < len(lines) else "").center(width)
                                  for width, lines in wrapped))
    return out


def span_width(widths: list[int], column: int, span: int) -> int:
    return sum(widths[column: column + span]) + 3 * (span - 1)


# --- CSV and JSON -----------------------------------------------------------------------

def _flat_labels(leaf: Head, path: str) -> list[str]:
    label = f"{path} – {leaf.text}" if path else leaf.text
    if leaf.key in ("members", "staff"):
        return [f"{path} – số được học tập", f"{path} – tổng số"]
    return [label]


def _leaf_paths(appendix: Appendix) -> list[tuple[Head, str]]:
    found: list[tuple[Head, str]] = []

    def walk(head: Head, path: str) -> None:
        if not head.children:
            found.append((head, path))
        for child in head.children:
            walk(child, f"{path} – {head.text}" if path else head.text)

    for head in appendix.layout.heads:
        walk(head, "")
    return found


def _flat_values(value: Value) -> list[str]:
    if value is None:
        return [""]
    if isinstance(value, Ratio):
        return [str(value.part), str(value.whole)]
    return [f"{value:.2f}" if isinstance(value, Decimal) else str(value)]


def csv_text(items: list[tuple[Appendix, str]]) -> str:
    """Each appendix as a title line, one header line (levels joined by ' – ') and rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for index, (appendix, caption) in enumerate(items):
        if index:
            writer.writerow([])
        writer.writerow([heading(appendix, caption)])
        header: list[str] = []
        for leaf, path in _leaf_paths(appendix):
            header += _flat_labels(leaf, path)
        writer.writerow(header)
        for row in appendix.rows:
            cells = [row.label]
            for value in row.values:
                cells += [""] * 2 if value is None and len(cells) in _ratio_columns(
                    appendix) else _flat_values(value)
            writer.writerow(cells)
        for note in appendix.notes:
            writer.writerow([f"Ghi chú: {note}"])
    return buffer.getvalue()


def _ratio_columns(appendix: Appendix) -> set[int]:
    """Positions (in the flat CSV row) where a ratio's two columns start."""
    positions: set[int] = set()
    position = 0
    for leaf, _ in _leaf_paths(appendix):
        if leaf.key in ("members", "staff"):
            positions.add(position)
            position += 2
        else:
            position += 1
    return positions


def _json_value(value: Value) -> Any:
    if isinstance(value, Ratio):
        return {"studied": value.part, "total": value.whole}
    if isinstance(value, Decimal):
        return float(value)
    return value


def json_text(data: StudyData, items: list[tuple[Appendix, str]],
              below: list[UnitRate] | None) -> str:
    result: dict[str, Any] = {"target": float(data.target), "appendices": []}
    for appendix, caption in items:
        keys = [leaf.key for leaf in appendix.layout.leaves()]
        rows = []
        for row in appendix.rows:
            record: dict[str, Any] = {"year": row.label}
            record.update({k: _json_value(v) for k, v in zip(keys[1:], row.values,
                                                              strict=True)})
            rows.append(record)
        result["appendices"].append({
            "appendix": appendix.layout.number, "title": appendix.title, "selection": caption,
            "header": [[{"text": c.text, "colspan": c.colspan, "rowspan": c.rowspan}
                        for c in level] for level in appendix.layout.header_rows()],
            "columns": keys, "rows": rows, "notes": appendix.notes,
        })
    if below is not None:
        result["below_target"] = [
            {"unit": r.unit, "name": data.units[r.unit].name if r.unit in data.units else "",
             "year": r.year, "members_percent": _json_value(r.members),
             "staff_percent": _json_value(r.staff)} for r in below]
    return json.dumps(result, ensure_ascii=False, indent=2) + "\n"
