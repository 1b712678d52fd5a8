"""Stage 1, *load*: read editors' files into frontmatter entries and a body.

Frontmatter is parsed with PyYAML's composer so every key keeps its line.
Timestamps are not resolved by YAML (``2023-02-30`` must be a located error,
not a crash), so dates reach validation as text.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tuyengiao.core.load.project_files import ProjectFiles
from tuyengiao.core.model.problems import Problems
from tuyengiao.core.model.text import DecodeError, decode_source

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _FrontmatterLoader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps."""


_FrontmatterLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _FastFrontmatterLoader(getattr(yaml, "CSafeLoader", _FrontmatterLoader)):  # type: ignore[misc]
    """The same rules on libyaml's parser (in PyYAML's wheels): about ten times faster,
    with the same line marks. Its error messages differ, so a file it cannot read is
    read again by :class:`_FrontmatterLoader`, whose messages editors get."""

    yaml_implicit_resolvers = _FrontmatterLoader.yaml_implicit_resolvers


@dataclass(frozen=True)
class Entry:
    """A frontmatter key with its value and lines (items of a list keep theirs)."""

    key: str
    value: Any
    line: int
    item_lines: tuple[int, ...] = ()
    #: YAML could not build the value (already reported): not checked again.
    broken: bool = False


@dataclass
class SourceFile:
    """An editor's file after loading: entries by key, the body and where it starts."""

    path: str
    entries: dict[str, Entry] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1


def read_yaml_nodes(text: str) -> tuple[Any, yaml.Node | None]:
    """Compose ``text`` into a node tree; returns the loader to construct values."""
    try:
        return _compose(_FastFrontmatterLoader(text))
    except yaml.YAMLError:
        return _compose(_FrontmatterLoader(text))  # raises with the pure-Python message


def _compose(loader: Any) -> tuple[Any, yaml.Node | None]:
    try:
        node = loader.get_single_node()
    finally:
        loader.dispose()
    return loader, node


def read_yaml_list(project_dir: Path, rel_path: str, problems: Problems, expected: str
                   ) -> tuple[Any, list[yaml.Node]] | None:
    """A data file holding a YAML list: the loader and the item nodes (with their lines).

    A missing or empty file is ``None``. A file that is not UTF-8 or not YAML, or
    whose top level is not a list (``expected`` says what it should hold), is a
    located error and ``None``.
    """
    file = project_dir / rel_path
    if not file.is_file():
        return None
    try:
        loader, node = read_yaml_nodes(decode_source(file.read_bytes()))
    except DecodeError as exc:
        problems.error(rel_path, exc.line, f"the file is not UTF-8 text: {exc}")
        return None
    except yaml.YAMLError as exc:
        problems.error(rel_path, *yaml_error_line(exc, 0))
        return None
    if node is None:
        return None
    if not isinstance(node, yaml.SequenceNode):
        problems.error(rel_path, node.start_mark.line + 1, f"expected a list of {expected}")
        return None
    return loader, list(node.value)


def construct(loader: Any, node: yaml.Node) -> Any:
    """Build the Python value of one node with the frontmatter loader's rules."""
    return loader.construct_object(node, deep=True)


def yaml_error_line(exc: yaml.YAMLError, line_offset: int) -> tuple[int, str]:
    """The file line and a one-line description of a YAML syntax error."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = line_offset + (mark.line + 1 if mark is not None else 1)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    context_mark = getattr(exc, "context_mark", None)
    if context and context_mark is not None and context_mark.line + 1 + line_offset != line:
        # An unclosed quote or bracket is found only later: say where it started.
        problem += f" ({context} on line {context_mark.line + 1 + line_offset})"
    if "'\\t'" in problem:
        problem += "; indent with spaces, not tabs"
    return line, f"invalid YAML: {problem}"


def _split_frontmatter(text: str) -> tuple[str, str, int] | None:
    """(frontmatter, body, body's first line) or None when there is no frontmatter."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    return None


def parse_source(path: str, text: str, problems: Problems) -> SourceFile | None:
    """Split and parse one file's text; report problems and return None if unusable."""
    if not text.strip():
        problems.error(path, 1, "the file is empty; expected YAML frontmatter and Markdown")
        return None
    parts = _split_frontmatter(text)
    if parts is None and text.split("\n")[0].rstrip() == "---":
        problems.error(path, 1, "the frontmatter is not closed; add a '---' line after it")
        return None
    if parts is None:
        problems.error(
            path, 1,
            "expected YAML frontmatter at the top of the file, between two '---' lines",
        )
        return None
    front, body, body_line = parts
    entries = _parse_frontmatter(path, front, problems)
    if entries is None:
        return None
    return SourceFile(path, entries, body, body_line)


def _parse_frontmatter(path: str, front: str, problems: Problems) -> dict[str, Entry] | None:
    offset = 1  # the opening '---' is line 1, so frontmatter line 1 is file line 2
    try:
        loader, node = read_yaml_nodes(front)
    except yaml.YAMLError as exc:
        line, message = yaml_error_line(exc, offset)
        problems.error(path, line, message)
        return None
    if node is None:
        problems.error(path, 2, "the frontmatter is empty; expected at least 'type' and 'title'")
        return None
    if not isinstance(node, yaml.MappingNode):
        problems.error(
            path, node.start_mark.line + 1 + offset,
            "the frontmatter must be a mapping of 'key: value' lines",
        )
        return None
    return entries_of(path, loader, node, offset, problems)


def entries_of(
    path: str, loader: Any, node: yaml.MappingNode, offset: int, problems: Problems
) -> dict[str, Entry]:
    """The entries of a YAML mapping (a frontmatter, or an entry of a data file), each
    with its line (``offset`` lines before the YAML text starts); a key given twice, or
    that is not text, is a problem."""
    entries: dict[str, Entry] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1 + offset
        try:
            key = construct(loader, key_node)
        except yaml.YAMLError as exc:
            problems.error(path, line, f"invalid YAML key: {_one_line(exc)}")
            continue
        if not isinstance(key, str):
            problems.error(path, line, f"keys must be text, got {key!r}")
            continue
        if key in entries:
            problems.error(
                path, line, f"{key}: duplicate key (first given on line {entries[key].line})"
            )
            continue
        try:
            value = construct(loader, value_node)
        except yaml.YAMLError as exc:
            problems.error(path, line, f"{key}: {_one_line(exc)}")
            # Keep the raw text so the key is not also reported as missing.
            raw = value_node.value if isinstance(value_node, yaml.ScalarNode) else None
            entries[key] = Entry(key, raw, line, broken=True)
            continue
        item_lines: tuple[int, ...] = ()
        if isinstance(value_node, yaml.SequenceNode):
            item_lines = tuple(n.start_mark.line + 1 + offset for n in value_node.value)
        entries[key] = Entry(key, value, line, item_lines)
    return entries


def _one_line(exc: yaml.YAMLError) -> str:
    """A YAML error without the excerpt and marks PyYAML appends (they are not file lines)."""
    return getattr(exc, "problem", None) or str(exc).splitlines()[0]


def content_files(content_dir: Path, files: ProjectFiles | None = None,
                  refused: list[tuple[str, str]] | None = None) -> Iterator[str]:
    """Every file under the content folder, as a POSIX path relative to it (one walk,
    no ``stat`` per file). A symbolic link (to a file or a folder) is followed only when
    ``files`` allows where it leads; otherwise its path and the reason go to ``refused``
    and nothing under it is listed."""
    folders = [("", str(content_dir))]
    while folders:
        prefix, folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_symlink() and files is not None:
                    reason = files.outside(entry.path)
                    if reason is not None:
                        if refused is not None:
                            refused.append((prefix + entry.name, reason))
                        continue
                if entry.is_dir():
                    folders.append((f"{prefix}{entry.name}/", entry.path))
                elif entry.is_file():
                    yield prefix + entry.name


def load_file(project_dir: Path, file: Path, problems: Problems,
              raw: bytes | None = None) -> SourceFile | None:
    """Read (unless ``raw`` is given), decode and parse one file; problems name it
    relative to the project."""
    rel = file.relative_to(project_dir).as_posix()
    try:
        text = decode_source(file.read_bytes() if raw is None else raw)
    except DecodeError as exc:
        problems.error(rel, exc.line, f"the file is not UTF-8 text: {exc}")
        return None
    return parse_source(rel, text, problems)
