"""The YAML lists of ``data/`` (``external.yml``, ``portal.yml``, ``booklets.yml``), read
one way: each entry is checked against its :class:`~tuyengiao.core.model.schema.RecordType`
by the same field checks as a document's frontmatter, with the line of every key.

What an entry means beyond its fields (a booklet's items are documents of the corpus, an
id is used once) is checked by the module of that file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tuyengiao.core.load.files import entries_of, read_yaml_list
from tuyengiao.core.load.validate import check_fields
from tuyengiao.core.model.problems import Problems
from tuyengiao.core.model.schema import RecordType
from tuyengiao.i18n import _


@dataclass(frozen=True)
class Record:
    """One checked entry: typed values by key (those that are right), each key's line,
    where it starts, and whether every field was right."""

    values: dict[str, Any]
    lines: dict[str, int]
    item_lines: dict[str, tuple[int, ...]]
    line: int
    valid: bool

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)


def read_records(project_dir: Path, rel_path: str, record_type: RecordType,
                 problems: Problems) -> list[Record]:
    """Every entry of the file that is a mapping, checked (``valid`` when its fields are
    right, so the file's own checks can still report the rest); a missing file is none."""
    listed = read_yaml_list(project_dir, rel_path, problems, record_type.expected)
    if listed is None:
        return []
    loader, nodes = listed
    records = []
    for node in nodes:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            problems.error(rel_path, line, _("expected {entry}: 'key: value' lines with "
                                             "{keys}").format(entry=_(record_type.entry),
                                                              keys=record_type.required))
            continue
        before = len(problems.errors)
        entries = entries_of(rel_path, loader, node, 0, problems)
        values = check_fields(rel_path, record_type.fields, entries, problems, line=line)
        records.append(Record(values, {k: e.line for k, e in entries.items()},
                              {k: e.item_lines for k, e in entries.items() if e.item_lines},
                              line, len(problems.errors) == before))
    return records


def valid_records(project_dir: Path, rel_path: str, record_type: RecordType,
                  problems: Problems) -> list[Record]:
    """The entries of the file whose every field is right."""
    return [r for r in read_records(project_dir, rel_path, record_type, problems) if r.valid]
