"""The structure of a document's body: its sections, questions, mentions and file links.

Read once when a document is loaded (:func:`tuyengiao.core.load.structure.read_structure`)
and kept on the :class:`~tuyengiao.core.model.document.Document`; linking, checking and
rendering read it from there, never from the text again.
"""

from __future__ import annotations

from dataclasses import dataclass

from tuyengiao.core.model.numbers import NumberMention


@dataclass(frozen=True)
class Section:
    """A level-2 heading: its text (without an ``{#id}``), explicit id and line."""

    text: str
    anchor: str
    index: int
    explicit_id: bool


@dataclass(frozen=True)
class Question:
    """A Q&A question: its number, words, anchor and 0-based line in the body."""

    number: int
    text: str
    anchor: str
    index: int


@dataclass(frozen=True)
class LineMention:
    """A number mentioned in the body, with its 0-based line index."""

    index: int
    mention: NumberMention


@dataclass(frozen=True)
class BodyStructure:
    """What a body contains, read once when the document is loaded (and cached with it):
    its ``##`` sections, its questions (for a Q&A), the numbers it mentions and its
    links to files of the project, each with its 0-based line in the body."""

    sections: tuple[Section, ...]
    questions: tuple[Question, ...]
    mentions: tuple[LineMention, ...]
    local_links: tuple[tuple[int, str], ...]
