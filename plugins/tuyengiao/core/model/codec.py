"""Documents and problems as plain JSON values, and back (for the load memo of the cache).

The encoding follows the schema: a document's ``fields`` are encoded by the
kind of each field of its type (:mod:`.schema`), so decoding knows what every
value must be and rejects anything else (:class:`CodecError`).

A document's long texts (its body and the texts of its body's structure:
headings, anchors, link targets) are kept apart from its JSON value, as a list
of texts the value refers to by position: the load memo stores them as UTF-16,
which decodes many times faster than texts inside JSON (10,000 documents are
decoded on every build). Every other value is JSON, and a list rather than an
object, to stay small.

``decode_document(*encode_document(doc)) == doc`` for every valid document.
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


def _encode_structure(structure: BodyStructure, texts: list[str]) -> list[Any]:
    """The structure's numbers, flat: ``[sections, questions, mentions, *each section's
    line, *whether its id is explicit (0/1), *whether it is a setext heading (0/1),
    *each question's number, *its line, *whether it is setext, *each mention's line,
    *start, *end, *each link's line]``, and the mentions' numbers; its texts are
    appended to ``texts`` (the body's read text, sections' texts and anchors, questions'
    texts and anchors, link targets)."""
    sections, questions, mentions = structure.sections, structure.questions, structure.mentions
    texts.append(structure.text)
    texts += [s.text for s in sections]
    texts += [s.anchor for s in sections]
    texts += [q.text for q in questions]
    texts += [q.anchor for q in questions]
    texts += [t for _, t in structure.local_links]
    flat = [len(sections), len(questions), len(mentions)]
    flat += [s.index for s in sections]
    flat += [int(s.explicit_id) for s in sections]
    flat += [int(s.setext) for s in sections]
    flat += [q.number for q in questions]
    flat += [q.index for q in questions]
    flat += [int(q.setext) for q in questions]
    flat += [m.index for m in mentions]
    flat += [m.mention.start for m in mentions]
    flat += [m.mention.end for m in mentions]
    flat += [i for i, _ in structure.local_links]
    return [flat, [encode_number(m.mention.number) for m in mentions]]


def _decode_structure(value: Any, texts: list[str], numbers: _Numbers) -> BodyStructure:
    flat, mention_numbers = _list(value, 2)
    # Every number checked at once (in C: 10,000 documents a build).
    if type(flat) is not list or len(flat) < 3 or not _all_lines(flat) \
            or type(mention_numbers) is not list:
        raise _fail("the numbers of a body's structure")
    ns, nq, nm = flat[0], flat[1], flat[2]
    nl = len(flat) - 3 - 3 * ns - 3 * nq - 3 * nm
    if nl < 0 or len(mention_numbers) != nm or len(texts) != 1 + 2 * ns + 2 * nq + nl:
        raise _fail("the counts of a body's structure")
    text, texts = texts[0], texts[1:]
    at = 3 + 3 * ns
    explicit, setext = flat[3 + ns:3 + 2 * ns], flat[3 + 2 * ns:at]
    q_setext = flat[at + 2 * nq:at + 3 * nq]
    if max(explicit + setext + q_setext, default=0) > 1:
        raise _fail("a yes/no value that is not 0 or 1")
    q = 2 * ns
    sections = tuple(map(Section, texts[:ns], texts[ns:q], flat[3:3 + ns], map(bool, explicit),
                         map(bool, setext)))
    questions = tuple(map(Question, flat[at:at + nq], texts[q:q + nq], texts[q + nq:q + 2 * nq],
                          flat[at + nq:at + 2 * nq], map(bool, q_setext)))
    at += 3 * nq
    mentions = tuple(
        LineMention(i, NumberMention(start, end, numbers.decode(n))) for i, start, end, n in zip(
            flat[at:at + nm], flat[at + nm:at + 2 * nm], flat[at + 2 * nm:at + 3 * nm],
            mention_numbers, strict=True)) if nm else ()
    links = tuple(zip(flat[at + 3 * nm:], texts[q + 2 * nq:], strict=True)) if nl else ()
    return BodyStructure(sections, questions, mentions, links, text)


def encode_document(doc: Document) -> tuple[list[Any], list[str]]:
    """A document as a JSON value and its long texts (see :func:`decode_document`)."""
    kinds = _KINDS[doc.type]
    texts = [doc.body]
    structure = _encode_structure(doc.structure, texts)
    return [
        doc.path, doc.src_uri, doc.type, doc.title, doc.visibility, doc.lang,
        {key: _encode_field(kinds[key], value) for key, value in doc.fields.items()},
        doc.lines, doc.body_line, structure, doc.url,
        {key: list(lines) for key, lines in doc.item_lines.items()},
    ], texts


def decode_document(value: Any, texts: list[str], numbers: _Numbers | None = None) -> Document:
    """The document :func:`encode_document` encoded as ``value`` and ``texts`` (which
    must be texts); :class:`CodecError` for anything that is not such an encoding (a
    field its type does not have, a value of the wrong kind, texts of another count).
    ``numbers`` shares number objects across documents. The document takes over the
    dicts of ``value``: decode a value once."""
    numbers = _Numbers() if numbers is None else numbers
    (path, src_uri, doc_type, title, visibility, lang, fields, lines, body_line,
     structure, url, item_lines) = _list(value, 12)
    kinds = _KINDS.get(doc_type) if type(doc_type) is str else None
    if kinds is None:
        raise _fail(f"type {doc_type!r:.20}")
    if not texts or not _all_str([path, src_uri, title, visibility, lang, url]):
        raise _fail("expected text")
    decoded = _dict(fields)  # decoded in place: the JSON value is not used again
    for key, item in decoded.items():
        kind = kinds.get(key)
        if kind is None:
            raise _fail(f"field {key!r:.40} of type {doc_type}")
        if kind in _PLAIN:
            if type(item) is not str:
                raise _fail(f"{key}: expected text")
        else:
            decoded[key] = _decode_field(kind, item, numbers)
    if not _all_lines(_dict(lines).values()):
        raise _fail("expected lines")
    items_by_key: dict[str, Any] = _dict(item_lines)
    for key, items in items_by_key.items():
        if type(items) is not list or not _all_lines(items):
            raise _fail("expected lines")
        items_by_key[key] = tuple(items)
    return Document(path, src_uri, doc_type, title, visibility, lang, decoded, lines,
                    texts[0], _int(body_line), _decode_structure(structure, texts[1:], numbers),
                    url, items_by_key)


def document_numbers() -> _Numbers:
    """A table to share number objects across the documents decoded with it."""
    return _Numbers()


# --- problems ------------------------------------------------------------------------


def encode_problem(problem: Problem) -> list[Any]:
    return [problem.path, problem.line, problem.severity.value, problem.message, problem.column]


def decode_problem(value: Any) -> Problem:
    path, line, severity, message, column = _list(value, 5)
    return Problem(_str(path), _int(line), Severity(_str(severity)), _str(message), _int(column))
