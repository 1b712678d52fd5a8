"""The message catalog: every user-facing message is marked for translation, every marked
message has its Vietnamese translation with the same placeholders, and the compiled ``.mo``
is the ``.po`` (``scripts/messages`` updates both).

The scan reads every module of the package (as ``tests/core/test_layers.py`` does) and
fails on a message written as plain text where an editor or a developer sees it: the
arguments of ``print``, of a problem (``problems.error``/``warning``, ``Problem``), of a
log line, of an exception the tool shows, an ``argparse`` help or description, a message
returned by a ``*_message``/``*_error`` function. A new English message added without
``_()`` fails here, naming its file and line.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import tuyengiao
from tuyengiao import messages

PACKAGE = Path(tuyengiao.__file__).parent
#: Calls that mark a message for translation.
MARKERS = {"_", "N_", "ngettext"}
#: Calls (by the name of the function or method) whose arguments are shown to people.
SINKS = {"print", "error", "warning", "info", "exception", "critical", "Problem",
         "_Invalid", "stage", "lap", "_lap", "progress"}
#: ``argparse`` calls, whose keyword arguments below are shown in ``--help``.
ARGPARSE = {"ArgumentParser", "add_parser", "add_argument", "add_argument_group",
            "add_subparsers"}
SHOWN_KEYWORDS = {"help", "description", "epilog", "title", "metavar"}
#: Exceptions whose text never reaches a person: cache entries that do not decode are
#: misses, and guards against our own mistakes.
INTERNAL_EXCEPTIONS = {"BadEntry", "CodecError", "AssertionError", "NotImplementedError",
                       "OverflowError", "FileNotFoundError", "KeyError", "TypeError",
                       "StopIteration"}
#: Modules that are not the tool itself: the catalog's own checker (run by this test and
#: scripts/messages) and the language switch.
SKIPPED = {"messages.py", "i18n.py"}
#: Words of text: two letters and a space, outside {placeholders}.
_PROSE = re.compile(r"[A-Za-z]{2,}.*\s|\s.*[A-Za-z]{2,}")


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _literal_text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values
                       if isinstance(v, ast.Constant) and isinstance(v.value, str))
    return None


def _unmarked(node: ast.AST) -> list[ast.AST]:
    """Prose strings under ``node`` that are not inside a marking call."""
    if isinstance(node, ast.Call) and _name(node.func) in MARKERS:
        return []
    text = _literal_text(node)
    if text is not None:
        return [node] if _PROSE.search(text) else []
    found: list[ast.AST] = []
    for child in ast.iter_child_nodes(node):
        found += _unmarked(child)
    return found


def _shown_arguments(tree: ast.AST) -> list[ast.AST]:
    """The expressions of a module whose text is shown to people."""
    shown: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _name(node.func)
            is_sink = name in SINKS or (
                (name.endswith(("Error", "Exception"))) and name not in INTERNAL_EXCEPTIONS)
            if is_sink:
                shown += node.args
            if name == "append" and _name(getattr(node.func, "value", node.func)) == "errors":
                shown += node.args  # (field, message) of a row's errors
            if name in ARGPARSE:
                shown += [k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS]
        elif isinstance(node, ast.FunctionDef) and node.name.endswith(("_message", "_error")):
            shown += [r.value for r in ast.walk(node)
                      if isinstance(r, ast.Return) and r.value is not None]
    return shown


def unmarked_messages() -> list[str]:
    found: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name in SKIPPED and path.parent == PACKAGE:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for argument in _shown_arguments(tree):
            for node in _unmarked(argument):
                rel = path.relative_to(PACKAGE.parent).as_posix()
                found.append(f"{rel}:{getattr(node, 'lineno', 0)}: "
                             f"{_literal_text(node)!r} is not marked with _()")
    return found


def rebound_underscore() -> list[str]:
    """Functions that translate with ``_()`` and also assign ``_`` (which hides it)."""
    found: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if not any(isinstance(n, ast.ImportFrom) and n.module == "tuyengiao.i18n"
                   and any(a.name == "_" for a in n.names) for n in ast.walk(tree)):
            continue
        for func in ast.walk(tree):
            if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                continue
            for node in ast.walk(func):
                bound = (isinstance(node, ast.Name) and node.id == "_"
                         and isinstance(node.ctx, ast.Store)) or (
                    isinstance(node, ast.arg) and node.arg == "_")
                if bound:
                    rel = path.relative_to(PACKAGE.parent).as_posix()
                    found.append(f"{rel}:{node.lineno}: '_' is assigned in a module that "
                                 "translates with _(); name the value")
    return found


def test_every_shown_message_is_marked_for_translation() -> None:
    assert unmarked_messages() == []


def test_underscore_is_never_reassigned() -> None:
    assert sorted(set(rebound_underscore())) == []


def test_every_message_has_a_vietnamese_translation_with_the_same_placeholders() -> None:
    assert messages.problems("vi") == []


def test_the_scan_finds_an_unmarked_message(tmp_path: Path) -> None:
    """The scan itself: each kind of sink, marked and unmarked."""
    source = '''
def f(problems, path, line, log, args):
    problems.error(path, line, f"{path}: not a document")
    problems.warning(path, line, _("a marked {what} message").format(what=f"{line} x"))
    print(f"tuyengiao check: {line} errors")
    print(_("tuyengiao check: {summary}").format(summary=line))
    log.info("shutting down")
    raise ValueError("expected a list of extensions")
    raise BadEntry("wrong checksum")
    parser.add_argument("--x", help="treat warnings as errors")
    errors.append((1, "year: expected a year"))
    print(f"{path}:{line}")
'''
    tree = ast.parse(source)
    found = [_literal_text(n) for a in _shown_arguments(tree) for n in _unmarked(a)]
    assert found == [": not a document", "tuyengiao check:  errors",
                     "shutting down", "expected a list of extensions",
                     "treat warnings as errors", "year: expected a year"]


@pytest.mark.parametrize(("text", "expected"), [
    ("{key}: required", {"{key}"}),
    ("{value!r} is {{not}} {n:02d}", {"{value}", "{n}"}),
    ("%(prog)s: error: %(message)s\n", {"%(prog)", "%(message)"}),
    ("unrecognized arguments: %s", {"%s"}),
    ("100%% done", set()),
])
def test_placeholders(text: str, expected: set[str]) -> None:
    assert messages.placeholders(text) == expected
