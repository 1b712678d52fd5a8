"""Stage 2, *validate*: check each file's frontmatter against the schema.

Every problem is collected (not just the first) and located at the line of the
offending key, or of the list item for lists.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath
from typing import Any

from tuyengiao.core.load.files import Entry, SourceFile
from tuyengiao.core.load.structure import BodyReader, nesting_too_deep, read_structure
from tuyengiao.core.model.dates import parse_iso_date
from tuyengiao.core.model.document import Document
from tuyengiao.core.model.limits import (
    MAX_MARKDOWN_DEPTH,
    MAX_NUMBER_CHARS,
    MAX_TITLE_CHARS,
    SHORT_TEXT_KEYS,
    cut,
    excerpt,
)
from tuyengiao.core.model.numbers import DocumentNumber
from tuyengiao.core.model.problems import Problems
from tuyengiao.core.model.schema import TYPES, Field
from tuyengiao.core.model.text import address_slug


class _Invalid(ValueError):
    """A value does not fit its field; ``line`` may point at a list item."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line


def validate_source(
    source: SourceFile, src_uri: str, content_files: frozenset[str], problems: Problems,
    reader: BodyReader | None = None,
) -> Document | None:
    """Turn a loaded file into a :class:`Document`, or None when it has errors.

    ``content_files`` are the paths (relative to ``content/``) of every file, so
    that ``audio`` and similar paths can be checked without touching the disk.
    ``reader`` reads the body with the site's Markdown extensions (MkDocs' default
    ones without it).
    """
    before = len(problems.errors)
    entries = source.entries
    doc_type = _document_type(source, problems)
    if doc_type is None:
        return None
    optional = ("number", "date") if _is_draft_resolution(doc_type, entries) else ()
    values = check_fields(source.path, TYPES[doc_type].fields, entries, problems,
                          f" for type '{doc_type}'", optional=optional,
                          allow_draft=doc_type == "resolution", content_files=content_files)
    _check_type_rules(source, doc_type, values, problems)
    deep = nesting_too_deep(source.body)
    if deep is not None:
        problems.error(source.path, source.body_line + deep[0] - 1,
                       f"lists or quotes nested {deep[1]} levels deep; at most "
                       f"{MAX_MARKDOWN_DEPTH} (see Limits in the README)")
    if len(problems.errors) > before:
        return None
    try:
        return _document(source, src_uri, doc_type, values, reader)
    except RecursionError:  # nesting of another kind (HTML, links in links…)
        problems.error(source.path, source.body_line, "the text is nested too deeply to "
                       "be read; flatten its lists, quotes or HTML")
        return None


def _document_type(source: SourceFile, problems: Problems) -> str | None:
    entry = source.entries.get("type")
    if entry is None:
        problems.error(source.path, 1, "type: required; expected one of "
                       + ", ".join(repr(t) for t in TYPES))
        return None
    if not isinstance(entry.value, str) or entry.value not in TYPES:
        problems.error(source.path, entry.line, "type: expected one of "
                       + ", ".join(repr(t) for t in TYPES) + f", got {excerpt(entry.value)}")
        return None
    return str(entry.value)


def check_fields(path: str, fields: tuple[Field, ...], entries: dict[str, Entry],
                 problems: Problems, where: str = "", optional: tuple[str, ...] = (),
                 allow_draft: bool = False, content_files: frozenset[str] = frozenset(),
                 line: int = 1) -> dict[str, Any]:
    """The typed value of every field ``entries`` (a frontmatter, or an entry of a data
    file) gives; each missing required field, bad value and unknown key is a problem.

    ``where`` completes the messages (`` for type 'qa'``); ``optional`` lists required
    fields that may be missing here; ``line`` is where the entry starts.
    """
    values: dict[str, Any] = {}
    for spec in fields:
        entry = entries.get(spec.key)
        if entry is None or entry.value is None or entry.value == "":
            if spec.required and spec.key not in optional:
                at = entry.line if entry is not None else line
                problems.error(path, at, f"{spec.key}: required{where} but missing")
            continue
        if entry.broken:
            continue  # its YAML error is reported; one error for one mistake
        try:
            values[spec.key] = _convert(spec, entry, allow_draft, content_files)
        except _Invalid as exc:
            problems.error(path, exc.line or entry.line, f"{spec.key}: {exc}")
    known = {f.key for f in fields}
    for key, entry in entries.items():
        if key not in known:
            problems.warning(path, entry.line, f"{cut(key)}: unknown key{where} (ignored); "
                             "known keys: " + ", ".join(sorted(known)))
    return values


def _is_draft_resolution(doc_type: str, entries: dict[str, Entry]) -> bool:
    """A draft resolution may lack its number and date."""
    status = entries.get("status")
    return doc_type == "resolution" and status is not None and status.value == "draft"


def _convert(spec: Field, entry: Entry, allow_draft: bool,
             content_files: frozenset[str]) -> Any:
    value = entry.value
    if spec.kind == "text":
        text = _text(value)
        if spec.key in SHORT_TEXT_KEYS and len(text) > MAX_TITLE_CHARS:
            raise _Invalid(f"{len(text):,} characters; at most {MAX_TITLE_CHARS} "
                           "(put the rest in the text)")
        return text
    if spec.kind == "choice":
        if value not in spec.choices:
            raise _Invalid(f"expected {_or(spec.choices)}, got {excerpt(value)}")
        return value
    if spec.kind == "date":
        return _date(value)
    if spec.kind == "list":
        return _texts(value, entry.item_lines)
    if spec.kind == "number":
        # A draft number parses for any resolution; _check_type_rules says when it may not.
        return _number(value, allow_draft=allow_draft and spec.key == "number")
    if spec.kind == "numbers":
        return _numbers(value, entry.item_lines)
    if spec.kind == "path":
        return _path(value, content_files)
    if spec.kind == "url":
        if not isinstance(value, str) or not value.startswith(("https://", "http://")):
            raise _Invalid(f"expected an address starting with https://, got {excerpt(value)}")
        return value
    raise AssertionError(spec.kind)  # pragma: no cover - the schema has no other kinds


def _or(choices: tuple[str, ...]) -> str:
    quoted = [repr(c) for c in choices]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1] if len(quoted) > 1 else quoted[0]


def _text(value: Any, what: str = "") -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _Invalid(f"{what}expected text, got {_describe(value)}")
    return str(value).strip()


def _texts(value: Any, item_lines: tuple[int, ...]) -> list[str]:
    result = []
    for index, item in enumerate(_items(value)):
        try:
            result.append(_text(item, "each item "))
        except _Invalid as exc:
            raise _Invalid(str(exc), item_lines[index] if index < len(item_lines) else 0) from None
    return result


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"yes/no value {excerpt(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


def _items(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return [value]  # one item written without the dash
    raise _Invalid(f"expected a list, got {_describe(value)}")


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise _Invalid(f"expected an ISO date like 2023-02-20, got {excerpt(value)}")
    try:
        return parse_iso_date(value.strip())
    except ValueError as exc:
        raise _Invalid(str(exc)) from None


def _number(value: Any, allow_draft: bool = False) -> DocumentNumber:
    if not isinstance(value, str):
        raise _Invalid(
            f"expected a document number like '271-KH/HU' written as text, got {excerpt(value)}"
        )
    if len(value) > MAX_NUMBER_CHARS:
        raise _Invalid(f"{excerpt(value)} is {len(value):,} characters; a document number "
                       f"has at most {MAX_NUMBER_CHARS}")
    try:
        return DocumentNumber.parse(value, allow_draft=allow_draft)
    except ValueError as exc:
        raise _Invalid(str(exc)) from None


def _numbers(value: Any, item_lines: tuple[int, ...]) -> list[DocumentNumber]:
    result = []
    for index, item in enumerate(_items(value)):
        line = item_lines[index] if index < len(item_lines) else 0
        try:
            result.append(_number(item))
        except _Invalid as exc:
            raise _Invalid(str(exc), line) from None
    return result


def _path(value: Any, content_files: frozenset[str]) -> str:
    text = _text(value)
    normal = PurePosixPath(text.removeprefix("content/")).as_posix()
    if normal.startswith(("/", "..")) or normal not in content_files:
        raise _Invalid(f"expected a file under content/, but {excerpt(text)} does not exist")
    return normal


def _check_type_rules(
    source: SourceFile, doc_type: str, values: dict[str, Any], problems: Problems
) -> None:
    entries = source.entries
    if doc_type == "summary" and "lang" in values and values["lang"] != "hmn":
        problems.error(source.path, entries["lang"].line,
                       f"lang: a summary is written in Mông, expected 'hmn', "
                       f"got {excerpt(values['lang'])}")
    number = values.get("number")
    is_draft = values.get("status") == "draft"
    if isinstance(number, DocumentNumber) and number.is_draft and not is_draft:
        problems.error(source.path, entries["number"].line,
                       f"number: '{number}' has no serial; only a 'status: draft' document "
                       "may omit it")
    if isinstance(number, DocumentNumber) and number.kind_name is None:
        problems.warning(source.path, entries["number"].line,
                         f"number: unknown kind '{number.kind_code}' in '{number}'; "
                         "the page will say 'Văn bản'")


def _document(source: SourceFile, src_uri: str, doc_type: str, values: dict[str, Any],
              reader: BodyReader | None) -> Document:
    entries = source.entries
    return Document(
        path=source.path,
        src_uri=src_uri,
        type=doc_type,
        title=values["title"],
        visibility=values.get("visibility", "internal"),
        lang=values.get("lang", "vi"),
        fields=values,
        lines={key: entry.line for key, entry in entries.items()},
        item_lines={key: entry.item_lines for key, entry in entries.items() if entry.item_lines},
        body=source.body,
        body_line=source.body_line,
        structure=read_structure(source.body, reader),
        url=permalink(doc_type, values, src_uri),
    )


def page_name_problem(src_uri: str) -> str | None:
    """Why a file of ``content/`` at ``src_uri`` can make no page, or None.

    A name starting with a dot (``.hidden.md``, ``..md``, a file in ``.drafts/``) is
    hidden: MkDocs never builds it, yet indices would list it. A name without a letter
    or digit (``---.md``) has no address of its own.
    """
    parts = PurePosixPath(src_uri).parts
    hidden = next((part for part in parts if part.startswith(".")), None)
    if hidden is not None:
        what = "file" if hidden == parts[-1] else "folder"
        return (f"the {what} name {excerpt(hidden)} starts with '.', so the document "
                "would get no page; rename it (letters, digits and '-')")
    if not address_slug(PurePosixPath(src_uri).stem):
        return ("the file name has no letter or digit, so the document would get no "
                "address; rename it (letters, digits and '-')")
    return None


def permalink(doc_type: str, values: dict[str, Any], src_uri: str) -> str:
    """``van-ban/271-kh-hu/`` for a resolution, ``<type path>/<file slug>/`` otherwise."""
    file_slug = address_slug(PurePosixPath(src_uri).stem) or "tai-lieu"
    number = values.get("number")
    if doc_type == "resolution":
        if isinstance(number, DocumentNumber) and not number.is_draft:
            return f"van-ban/{number.slug}/"
        return f"van-ban/du-thao-{file_slug}/"
    return f"{TYPES[doc_type].path}/{file_slug}/"
