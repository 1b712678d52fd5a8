"""The shape of a Markdown body, read without rendering it.

Used by validation (a Q&A needs questions, a guidance a section per audience),
by linking (numbers mentioned in the text, with their lines) and by rendering
(Q&A numbering and anchors). Fenced code blocks and inline code are skipped.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from tuyengiao.core.model.body import BodyStructure, LineMention, Question, Section
from tuyengiao.core.model.numbers import find_numbers
from tuyengiao.core.model.text import slugify

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_H2 = re.compile(r"^##(?!#)[ \t]+(?P<text>.*?)[ \t#]*$")
_ATTR_ID = re.compile(r"\s*\{:?\s*#(?P<id>[A-Za-z][\w\-]*)[^}]*\}\s*$")
_QUESTION_PREFIX = re.compile(r"^(?:câu\s+hỏi|câu)\s*(?:số\s*)?\d+\s*[:.)\-–]\s*", re.I)
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")
_LOCAL_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?|\bsrc=[\"']([^\"']+)[\"']")


def prose_lines(body: str) -> Iterator[tuple[int, str]]:
    """(0-based line index, text) of every line outside fenced code blocks."""
    fence: str | None = None
    for index, line in enumerate(body.split("\n")):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)[0] * 3
            continue
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        yield index, line


def _sections(body: str) -> list[Section]:
    found = []
    for index, line in prose_lines(body):
        match = _H2.match(line)
        if not match:
            continue
        text = match.group("text")
        attr = _ATTR_ID.search(text)
        if attr:
            found.append(Section(text[: attr.start()].strip(), attr.group("id"), index, True))
        else:
            found.append(Section(text.strip(), slugify(text, 60), index, False))
    return found


def question_text(heading: str) -> str:
    """``Câu hỏi 3: Vì sao…?`` → ``Vì sao…?`` (editors may number questions or not)."""
    return _QUESTION_PREFIX.sub("", heading).strip()


def question_anchor(heading: str) -> str:
    """A stable anchor from the question's words, not its position: ``vi-sao-…``."""
    return slugify(question_text(heading), 60) or "cau-hoi"


def _questions(found: list[Section]) -> list[Question]:
    """The questions of a Q&A body (its sections), numbered in order, with stable anchors."""
    return [
        Question(number, question_text(s.text),
                 s.anchor if s.explicit_id else question_anchor(s.text), s.index)
        for number, s in enumerate(found, start=1)
    ]


def _mentions(body: str) -> Iterator[LineMention]:
    """Document numbers in the prose of a body (not in code)."""
    for index, line in prose_lines(body):
        prose = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
        for mention in find_numbers(prose):
            yield LineMention(index, mention)


def _local_links(body: str) -> Iterator[tuple[int, str]]:
    """(0-based line index, target) of links and images to files of the project.

    Addresses with a scheme, absolute paths and in-page anchors are not local.
    """
    for index, line in prose_lines(body):
        for match in _LOCAL_LINK.finditer(line):
            target = (match.group(1) or match.group(2)).split("#")[0].split("?")[0]
            if target and ":" not in target and not target.startswith("/"):
                yield index, target


def resolve_link(src_uri: str, target: str) -> str:
    """The content-relative path a relative link in ``src_uri`` points at."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), target))


def read_structure(body: str) -> BodyStructure:
    """Read the structure of a Markdown body."""
    found = _sections(body)
    return BodyStructure(tuple(found), tuple(_questions(found)), tuple(_mentions(body)),
                         tuple(_local_links(body)))
