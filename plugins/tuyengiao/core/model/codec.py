"""Documents and problems as plain JSON values, and back (for the load memo of the cache).

The encoding follows the schema: a document's ``fields`` are encoded by the
kind of each field of its type (:mod:`.schema`), so decoding knows what every
value must be and rejects anything else (:class:`CodecError`). It is a list,
not an object, to stay small and quick: 10,000 documents are decoded on every
build.

``decode_document(encode_document(doc)) == doc`` for every valid document.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tuyengiao.core.model.body import BodyStructure, LineMention, Question, Section
from tuyengiao.core.model.document import Document
from tuyengiao.core.model.numbers import DocumentNumber, NumberMention, Style
from tuyengiao.core.model.problems import Problem, Severity
from tuyengiao.core.model.schema import TYPES

#: Lines, indexes and offsets in a file stay below this.
_LINE_MAX = 2**31


class CodecError(ValueError):
    """A value is not the encoding of a document (or a problem)."""


def _fail(what: str) -> CodecError:
    return CodecError(f"not an encoded document: {what}")


def _str(value: Any) -> str:
    if type(value) is not str:
        raise _fail(f"expected text, got {type(value).__name__}")
    return value


def _int(value: Any) -> int:
    if type(value) is not int or not 0 <= value < _LINE_MAX:
        raise _fail(f"expected a line or an index, got {value!r:.40}")
    return value


def _bool(value: Any) -> bool:
    if type(value) is not bool:
        raise _fail(f"expected true or false, got {value!r:.40}")
    return value


def _list(value: Any, length: int | None = None) -> list[Any]:
    if type(value) is not list or (length is not None and len(value) != length):
        raise _fail("expected a list" + (f" of {length}" if length is not None else ""))
    return value


def _dict(value: Any) -> dict[str, Any]:
    if type(value) is not dict:
        raise _fail("expected an object")
    return value


# --- numbers -------------------------------------------------------------------------


def encode_number(number: DocumentNumber) -> list[str]:
    return [number.serial, number.kind_code, number.body_code, number.style, number.year]


_STYLES: dict[str, Style] = {"party": "party", "state": "state"}


class _Numbers(dict[tuple[str, ...], DocumentNumber]):
    """The numbers decoded so far: one object per number (their cached keys shared)."""

    def decode(self, value: Any) -> DocumentNumber:
        parts = tuple(_list(value, 5))
        found = self.get(parts)
        if found is None:
            serial, kind, body, style, year = map(_str, parts)
            found = self[parts] = DocumentNumber(serial, kind, body, _STYLES[style], year)
        return found


# --- fields by kind ------------------------------------------------------------------


def _encode_field(kind: str, value: Any) -> Any:
    if kind == "date":
        return value.isoformat()
    if kind == "number":
        return encode_number(value)
    if kind == "numbers":
        return [encode_number(n) for n in value]
    if kind == "list":
        return list(value)
    return value  # text, choice, path


def _decode_field(kind: str, value: Any, numbers: _Numbers) -> Any:
    if kind == "date":
        return dt.date.fromisoformat(_str(value))
    if kind == "number":
        return numbers.decode(value)
    if kind == "numbers":
        return [numbers.decode(v) for v in _list(value)]
    if kind == "list":
        if type(value) is not list or not _all_str(value):
            raise _fail("expected a list of texts")
        return value
    return _str(value)


def _all_str(values: list[Any]) -> bool:
    return not values or set(map(type, values)) == {str}


def _all_lines(values: Any) -> bool:
    """Whether every value is a line or index (checked in C: 10,000 documents a build)."""
    return not values or (set(map(type, values)) == {int}
                          and min(values) >= 0 and max(values) < _LINE_MAX)


_PLAIN = frozenset({"text", "choice", "path"})
_KINDS = {name: {f.key: f.kind for f in t.fields} for name, t in TYPES.items()}


# --- documents -----------------------------------------------------------------------


def encode_structure(structure: BodyStructure) -> list[Any]:
    return [
        [[s.text, s.anchor, s.index, s.explicit_id] for s in structure.sections],
        [[q.number, q.text, q.anchor, q.index] for q in structure.questions],
        [[m.index, m.mention.start, m.mention.end, encode_number(m.mention.number)]
         for m in structure.mentions],
        [[index, target] for index, target in structure.local_links],
    ]


def decode_structure(value: Any, numbers: _Numbers | None = None) -> BodyStructure:
    numbers = _Numbers() if numbers is None else numbers
    sections, questions, mentions, links = _list(value, 4)
    # Unpacking checks each item's length; the types are checked at once, in C.
    found_sections = [Section(text, anchor, index, explicit)
                      for text, anchor, index, explicit in _list(sections)]
    found_questions = [Question(number, text, anchor, index)
                       for number, text, anchor, index in _list(questions)]
    strs = [s.text for s in found_sections] + [s.anchor for s in found_sections]
    strs += [q.text for q in found_questions] + [q.anchor for q in found_questions]
    ints = [s.index for s in found_sections] + [q.index for q in found_questions]
    ints += [q.number for q in found_questions]
    if not (_all_str(strs) and _all_lines(ints)
            and all(type(s.explicit_id) is bool for s in found_sections)):
        raise _fail("a section or question")
    found_mentions = tuple(
        LineMention(_int(index), NumberMention(_int(start), _int(end), numbers.decode(number)))
        for index, start, end, number in _list(mentions))
    found_links = tuple((_int(index), _str(target)) for index, target in _list(links))
    return BodyStructure(tuple(found_sections), tuple(found_questions), found_mentions,
                         found_links)


def encode_document(doc: Document) -> list[Any]:
    """A document as a JSON value (see :func:`decode_document`)."""
    kinds = _KINDS[doc.type]
    return [
        doc.path, doc.src_uri, doc.type, doc.title, doc.visibility, doc.lang,
        {key: _encode_field(kinds[key], value) for key, value in doc.fields.items()},
        doc.lines, doc.body, doc.body_line, encode_structure(doc.structure), doc.url,
        {key: list(lines) for key, lines in doc.item_lines.items()},
    ]


def decode_document(value: Any, numbers: _Numbers | None = None) -> Document:
    """The document :func:`encode_document` encoded; :class:`CodecError` for anything
    that is not such an encoding (a field its type does not have, a value of the
    wrong kind). ``numbers`` shares number objects across documents."""
    numbers = _Numbers() if numbers is None else numbers
    (path, src_uri, doc_type, title, visibility, lang, fields, lines, body, body_line,
     structure, url, item_lines) = _list(value, 13)
    kinds = _KINDS.get(doc_type) if type(doc_type) is str else None
    if kinds is None:
        raise _fail(f"type {doc_type!r:.20}")
    if not _all_str([path, src_uri, title, visibility, lang, body, url]):
        raise _fail("expected text")
    decoded: dict[str, Any] = {}
    for key, item in _dict(fields).items():
        kind = kinds.get(key)
        if kind is None:
            raise _fail(f"field {key!r:.40} of type {doc_type}")
        if kind in _PLAIN:
            if type(item) is not str:
                raise _fail(f"{key}: expected text")
            decoded[key] = item
        else:
            decoded[key] = _decode_field(kind, item, numbers)
    if not _all_lines(_dict(lines).values()):
        raise _fail("expected lines")
    items_by_key: dict[str, tuple[int, ...]] = {}
    for key, items in _dict(item_lines).items():
        if type(items) is not list or not _all_lines(items):
            raise _fail("expected lines")
        items_by_key[key] = tuple(items)
    return Document(path, src_uri, doc_type, title, visibility, lang, decoded, dict(lines),
                    body, _int(body_line), decode_structure(structure, numbers), url,
                    items_by_key)


def document_numbers() -> _Numbers:
    """A table to share number objects across the documents decoded with it."""
    return _Numbers()


# --- problems ------------------------------------------------------------------------


def encode_problem(problem: Problem) -> list[Any]:
    return [problem.path, problem.line, problem.severity.value, problem.message, problem.column]


def decode_problem(value: Any) -> Problem:
    path, line, severity, message, column = _list(value, 5)
    return Problem(_str(path), _int(line), Severity(_str(severity)), _str(message), _int(column))
