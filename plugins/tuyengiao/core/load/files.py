"""Stage 1, *load*: read editors' files into frontmatter entries and a body.

Frontmatter is parsed with PyYAML's composer so every key keeps its line.
Timestamps are not resolved by YAML (``2023-02-30`` must be a located error,
not a crash), so dates reach validation as text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tuyengiao.core.load.project_files import ProjectFiles
from tuyengiao.core.model.limits import (
    MAX_CONTENT_BYTES,
    MAX_DATA_YAML_BYTES,
    MAX_INT_DIGITS,
    MAX_YAML_DEPTH,
    cut,
    excerpt,
)
from tuyengiao.core.model.problems import Problems
from tuyengiao.core.model.text import DecodeError, decode_source
from tuyengiao.i18n import _

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


#: The tags a value may carry: those YAML gives plain values itself (``timestamp``:
#: ``study.yml``'s ``plan_date``; frontmatter resolves no date implicitly). Any other
#: (``!foo``, ``!!binary``, ``!!set``, ``!!python/…``) is refused before anything is
#: constructed.
_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in (
    "str", "int", "float", "bool", "null", "seq", "map", "timestamp"))
_INT_TAG = "tag:yaml.org,2002:int"
_SURROGATE = re.compile("[\ud800-\udfff]")
#: What constructing a value may raise besides YAMLError (an integer past Python's
#: digit limit, a nesting past the recursion limit): a located error, never a traceback.
CONSTRUCT_ERRORS = (yaml.YAMLError, ValueError, OverflowError, RecursionError, TypeError)


def yaml_tree_problems(node: yaml.Node, offset: int = 0) -> list[tuple[int, str]]:
    """What makes a composed YAML tree unsafe to construct, as (line, message), each kind
    of problem once, at its first line (``offset`` lines before the YAML starts).

    Refused: aliases (``*name``, the "billion laughs" that make a 1 KB file expand to
    gigabytes; editors never need them), tags other than the plain ones, keys that are
    lists or mappings, nesting deeper than :data:`MAX_YAML_DEPTH`, integers longer than
    :data:`MAX_INT_DIGITS` digits and lone surrogates (``"\\ud800"``, which no file can
    be written with). The walk visits each node once, without recursion.
    """
    found: dict[str, int] = {}
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(node, 1)]
    while stack:
        current, depth = stack.pop()
        line = current.start_mark.line + 1 + offset
        message = _node_problem(current, depth, id(current) in seen)
        if message is not None:
            found.setdefault(message, line)
            continue
        seen.add(id(current))
        if isinstance(current, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in reversed(current.value))
        elif isinstance(current, yaml.MappingNode):
            for key, value in reversed(current.value):
                if not isinstance(key, yaml.ScalarNode):
                    found.setdefault("keys must be text, not a list or a mapping",
                                     key.start_mark.line + 1 + offset)
                    continue
                stack.extend(((value, depth + 1), (key, depth + 1)))
    return sorted(((line, message) for message, line in found.items()))


def _node_problem(node: yaml.Node, depth: int, seen: bool) -> str | None:
    if seen:
        return ("YAML anchors and aliases ('&name', '*name') are not allowed; write the "
                "value out in full")
    if node.tag not in _PLAIN_TAGS:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!", 1)
        return (f"the YAML tag {excerpt(tag)} is not allowed; remove it "
                "(write the value as plain text)")
    if depth > MAX_YAML_DEPTH:
        return (f"lists and mappings are nested more than {MAX_YAML_DEPTH} levels deep")
    if isinstance(node, yaml.ScalarNode):
        value = node.value
        if _SURROGATE.search(value):
            return ("the text holds an escape that is no character (a lone surrogate "
                    "such as '\\ud800'); remove it")
        if node.tag == _INT_TAG and len(value) > MAX_INT_DIGITS + 2:
            return (f"a number of {len(value):,} digits; numbers have at most "
                    f"{MAX_INT_DIGITS} digits (write long codes in quotes, as text)")
    return None


def report_tree_problems(path: str, node: yaml.Node, offset: int, problems: Problems) -> bool:
    """Report :func:`yaml_tree_problems` of ``node`` as errors of ``path``; True if none."""
    found = yaml_tree_problems(node, offset)
    for line, message in found:
        problems.error(path, line, message)
    return not found


def read_capped(file: Path, limit: int) -> bytes:
    """The file's bytes, at most ``limit + 1`` of them (more means it is too large)."""
    with open(file, "rb") as stream:
        return stream.read(limit + 1)


def too_large(path: str, size: int, limit: int, problems: Problems) -> bool:
    """Report a file over its size limit; True if it is."""
    if size <= limit:
        return False
    problems.error(path, 0, _("the file is larger than {value} MB; split it (see Limits in the "
                              "README)").format(value=limit // (1024 * 1024)))
    return True


#: Nesting the text may show before it is composed at all: libyaml's composer recurses
#: in C and crashes the process (a segmentation fault) at some 100,000 levels.
_MAX_TEXT_NESTING = 100


class NestingError(yaml.YAMLError):
    """YAML nested so deeply it is not composed (a located error like a syntax error)."""

    def __init__(self, line: int) -> None:
        super().__init__("nested too deeply")
        self.problem = (f"lists and mappings are nested more than {MAX_YAML_DEPTH} "
                        "levels deep")
        self.problem_mark = yaml.Mark("<yaml>", 0, line - 1, 0, None, 0)


def check_text_nesting(text: str) -> None:
    """Raise :class:`NestingError` at the first line whose brackets (``[``, ``{``,
    outside quotes) or leading indicators (spaces, ``- ``, ``? ``) nest far past what
    any file needs; cheap, and run before any YAML parser sees the text."""
    depth = 0
    for number, line in enumerate(text.split("\n"), 1):
        lead = len(line) - len(line.lstrip(" -?"))
        if lead > 2 * _MAX_TEXT_NESTING:
            raise NestingError(number)
        if "[" not in line and "{" not in line and not depth:
            continue
        quote = ""
        escaped = False
        for char in line:
            if quote:
                if escaped:
                    escaped = False
                elif char == "\\" and quote == '"':
                    escaped = True
                elif char == quote:
                    quote = ""
            elif char in "\"'":
                quote = char
            elif char in "[{":
                depth += 1
                if depth > _MAX_TEXT_NESTING:
                    raise NestingError(number)
            elif char in "]}":
                depth = max(0, depth - 1)
            elif char == "#":
                break


def read_yaml_nodes(text: str) -> tuple[Any, yaml.Node | None]:
    """Compose ``text`` into a node tree; returns the loader to construct values.

    Text nested past any use raises :class:`NestingError` before it is parsed."""
    check_text_nesting(text)
    try:
        return compose_with(_FastFrontmatterLoader(text))
    except yaml.YAMLError:
        return compose_with(_FrontmatterLoader(text))  # raises with the pure-Python message


class UnreadableYaml(yaml.YAMLError):
    """PyYAML's scanner failed outside its own errors (an escape like ``"\\U99999999"``
    or a ``%YAML`` version of 5,000 digits raise ``OverflowError``/``ValueError``): a
    located error like a syntax error."""

    def __init__(self, mark: Any, error: BaseException) -> None:
        super().__init__(str(error))
        self.problem = ("a value YAML cannot read (an escape such as '\\U…' that is no "
                        "character, or a number too long); check quotes and backslashes")
        self.problem_mark = mark


def compose_with(loader: Any) -> tuple[Any, yaml.Node | None]:
    """The loader and the node tree it composes; a scanner failure outside PyYAML's own
    errors is an :class:`UnreadableYaml`."""
    try:
        node = loader.get_single_node()
    except (ValueError, OverflowError, RecursionError) as error:
        mark = loader.get_mark() if hasattr(loader, "get_mark") else None
        raise UnreadableYaml(mark, error) from None
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
    raw = read_capped(file, MAX_DATA_YAML_BYTES)
    if too_large(rel_path, len(raw), MAX_DATA_YAML_BYTES, problems):
        return None
    try:
        loader, node = read_yaml_nodes(decode_source(raw))
    except DecodeError as exc:
        problems.error(rel_path, exc.line, _("the file is not UTF-8 text: {reason}").format(
            reason=exc))
        return None
    except yaml.YAMLError as exc:
        problems.error(rel_path, *yaml_error_line(exc, 0))
        return None
    if node is None or not report_tree_problems(rel_path, node, 0, problems):
        return None
    if not isinstance(node, yaml.SequenceNode):
        problems.error(rel_path, node.start_mark.line + 1,
                       _("expected a list of {what}").format(what=expected))
        return None
    return loader, list(node.value)


def construct(loader: Any, node: yaml.Node) -> Any:
    """Build the Python value of one node with the frontmatter loader's rules."""
    return loader.construct_object(node, deep=True)


def yaml_error_line(exc: yaml.YAMLError, line_offset: int) -> tuple[int, str]:
    """The file line and a plain description of a YAML syntax error, with the fix for
    the mistakes editors make (a colon or a tab in a value, an unclosed quote)."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = line_offset + (mark.line + 1 if mark is not None else 1)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    context_mark = getattr(exc, "context_mark", None)
    opened = context_mark.line + 1 + line_offset if context_mark is not None else line
    text = _line_text(mark)
    if problem == "mapping values are not allowed here":
        return line, _colon_message(text)
    if "'\\t'" in problem:
        return line, _("a tab character: YAML lines are indented with spaces; "
                       "replace the tab with spaces")
    if problem.startswith("found character") and "cannot start any token" in problem:
        char = problem.split("'")[1] if problem.count("'") >= 2 else "?"
        return line, _("a value cannot start with '{char}'; put the whole value in "
                       "double quotes, e.g. {example}").format(
                           char=char, example=_quoted_example(text))
    if context == "while scanning a quoted scalar":
        return opened, _("the quote opened on this line is not closed; end the value "
                         "with the same quote mark")
    if context in ("while parsing a flow sequence", "while parsing a flow mapping"):
        closing = "]" if "sequence" in context else "}"
        return line, _("the bracket opened on line {line} is not closed; end it with "
                       "'{closing}', or write a list one item a line, each starting with "
                       "'- '").format(line=opened, closing=closing)
    if problem == "could not find expected ':'":
        return opened, _("expected 'key: value' on this line (a colon and a space "
                         "after the key)")
    if problem.startswith("expected <block end>"):
        return line, _("unexpected text after a quoted value or a wrong indentation; "
                       "if the value has quotes inside, put the whole value in quotes "
                       "of the other kind (' or \")")
    if problem == "sequence entries are not allowed here":
        return line, _("a list item ('- …') must start on its own line, under the key")
    if context is not None and opened != line:
        # An unclosed quote or bracket is found only later: say where it started.
        return line, _("invalid YAML: {problem} ({context} on line {line})").format(
            problem=problem, context=context, line=opened)
    if len(problem) > 200:  # PyYAML quotes what it read: an alias, a tag, a whole line
        problem = problem[:200] + "…"
    return line, _("invalid YAML: {problem}").format(problem=problem)


def _line_text(mark: Any) -> str:
    """The text of the line a YAML mark points at (empty when the parser kept none)."""
    buffer = getattr(mark, "buffer", None)
    if not isinstance(buffer, str) or mark is None:
        return ""
    lines = buffer.split("\n")
    return lines[mark.line] if mark.line < len(lines) else ""


def _quoted_example(text: str) -> str:
    """``title: "Hỏi – đáp: …"`` from the line ``title: Hỏi – đáp: …``."""
    key, colon, value = text.partition(":")
    value = cut(value.strip()).replace("\\", "\\\\").replace('"', '\\"')
    if not colon or not key.strip() or key != key.lstrip() or not value or len(key) > 40:
        return 'title: "…: …"'
    return f'{key.strip()}: "{value}"'


def _colon_message(text: str) -> str:
    if text[:1].isspace():
        return _("this line is indented but is not part of a list or of the value "
                 "above; remove the spaces at its start, or put a value that goes on "
                 "over several lines in quotes")
    return _("a colon followed by a space inside a value; put the whole value in "
             "double quotes: {example}").format(example=_quoted_example(text))


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
        problems.error(path, 1, _("the file is empty; expected the header between two '---' "
                                 "lines, then the text"))
        return None
    parts = _split_frontmatter(text)
    if parts is None and text.split("\n")[0].rstrip() == "---":
        problems.error(path, 1, _("the header is not closed; add a '---' line after it"))
        return None
    if parts is None:
        problems.error(
            path, 1,
            _("expected the header (type, title…) at the top of the file, between two "
              "'---' lines"),
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
        problems.error(path, 2, _("the header is empty; expected at least 'type' and 'title'"))
        return None
    if not report_tree_problems(path, node, offset, problems):
        return None
    if not isinstance(node, yaml.MappingNode):
        problems.error(
            path, node.start_mark.line + 1 + offset,
            _("the header must be made of 'key: value' lines"),
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
        except CONSTRUCT_ERRORS as exc:
            problems.error(path, line, _("invalid YAML key: {problem}").format(
                problem=_one_line(exc)))
            continue
        if not isinstance(key, str):
            problems.error(path, line, _("keys must be text, got {key}").format(
                key=excerpt(key)))
            continue
        if key in entries:
            problems.error(
                path, line, _("{key}: given twice (first on line {line})").format(
                    key=cut(key), line=entries[key].line)
            )
            continue
        try:
            value = construct(loader, value_node)
        except CONSTRUCT_ERRORS as exc:
            problems.error(path, line, _("{key}: invalid YAML value: {problem}").format(
                key=cut(key), problem=_one_line(exc)))
            # Keep the raw text so the key is not also reported as missing.
            raw = value_node.value if isinstance(value_node, yaml.ScalarNode) else None
            entries[key] = Entry(key, raw, line, broken=True)
            continue
        item_lines: tuple[int, ...] = ()
        if isinstance(value_node, yaml.SequenceNode):
            item_lines = tuple(n.start_mark.line + 1 + offset for n in value_node.value)
        entries[key] = Entry(key, value, line, item_lines)
    return entries


def _one_line(exc: BaseException) -> str:
    """A YAML error without the excerpt and marks PyYAML appends (they are not file lines)."""
    text = getattr(exc, "problem", None) or (str(exc).splitlines() or [type(exc).__name__])[0]
    return excerpt(text, 200).strip("'\"") if len(text) > 200 else text


def content_files(content_dir: Path, problems: Problems | None = None,
                  shown: str = "content", files: ProjectFiles | None = None) -> Iterator[str]:
    """Every file under the content folder, as a POSIX path relative to it (one walk,
    no ``stat`` per file).

    A link to a folder already being read (a loop, ``x/up -> ..``, or a second name for
    a folder), a link that leads nowhere and a folder that cannot be read are errors in
    ``problems`` (named ``shown/…``) and are skipped; the walk always ends. A symbolic
    link (to a file or a folder) is followed only when ``files`` allows where it leads;
    otherwise it is an error too and nothing under it is listed.
    """
    root = os.stat(content_dir)
    folders = [("", str(content_dir), frozenset({(root.st_dev, root.st_ino)}))]
    while folders:
        prefix, folder, above = folders.pop()
        try:
            with os.scandir(folder) as scan:
                entries = list(scan)
        except OSError as exc:
            _walk_error(problems, f"{shown}/{prefix}".rstrip("/"),
                        f"the folder cannot be read ({exc.strerror})")
            continue
        for entry in entries:
            rel = prefix + entry.name
            try:
                if entry.is_symlink() and files is not None:
                    reason = files.outside(entry.path)
                    if reason is not None:
                        _walk_error(problems, f"{shown}/{rel}", f"this file {reason}; a build "
                                    "reads only files inside the project")
                        continue
                if entry.is_dir():
                    found = entry.stat()
                    key = (found.st_dev, found.st_ino)
                    if key in above:
                        _walk_error(problems, f"{shown}/{rel}", "a link to a folder that "
                                    "contains it (a loop); remove the link")
                        continue
                    folders.append((f"{rel}/", entry.path, above | {key}))
                elif entry.is_file():
                    yield rel
                elif entry.is_symlink():
                    os.stat(entry.path)  # raises: it leads nowhere or loops
            except OSError as exc:
                _walk_error(problems, f"{shown}/{rel}",
                            f"a link that leads nowhere ({exc.strerror}); remove it or "
                            "make it name a file")


def _walk_error(problems: Problems | None, path: str, message: str) -> None:
    if problems is not None:
        problems.error(path, 0, message)


def load_file(project_dir: Path, file: Path, problems: Problems,
              raw: bytes | None = None) -> SourceFile | None:
    """Read (unless ``raw`` is given), decode and parse one file; problems name it
    relative to the project."""
    rel = file.relative_to(project_dir).as_posix()
    if raw is None:
        raw = read_capped(file, MAX_CONTENT_BYTES)
    if too_large(rel, len(raw), MAX_CONTENT_BYTES, problems):
        return None
    try:
        text = decode_source(raw)
    except DecodeError as exc:
        problems.error(rel, exc.line, _("the file is not UTF-8 text: {reason}").format(reason=exc))
        return None
    return parse_source(rel, text, problems)
