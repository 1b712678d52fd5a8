"""The structure of a document's body: its sections, questions, mentions and file links.

Read once when a document is loaded, through Python-Markdown configured like the site
(:class:`tuyengiao.core.load.structure.BodyReader`),
and kept on the :class:`~tuyengiao.core.model.document.Document`; linking, checking and
rendering read it from there, never from the text again.
"""

from __future__ import annotations

from dataclasses import dataclass

from tuyengiao.core.model.numbers import NumberMention


@dataclass(frozen=True)
class Section:
    """A level-2 heading: its text (Markdown, without an ``{#id}``), anchor and line.

    ``setext`` is true for a heading written as a line of text above a line of ``-``
    (it takes two lines, ``index`` and the next).
    """

    text: str
    anchor: str
    index: int
    explicit_id: bool
    setext: bool = False


@dataclass(frozen=True)
class Question:
    """A Q&A question: its number, words, anchor and 0-based line in the body."""

    number: int
    text: str
    anchor: str
    index: int
    setext: bool = False


@dataclass(frozen=True)
class LineMention:
    """A number mentioned in the body, with its 0-based line index."""

    index: int
    mention: NumberMention


@dataclass(frozen=True)
class BodyStructure:
    """What a body contains, read once when the document is loaded (and cached with it):
    its ``##`` sections, its questions (for a Q&A), the numbers it mentions and its
    links to files of the project, each with its 0-based line in the body; and its
    ``text`` as a reader sees it (no markup, no code blocks), for the search index."""

    sections: tuple[Section, ...]
    questions: tuple[Question, ...]
    mentions: tuple[LineMention, ...]
    local_links: tuple[tuple[int, str], ...]
    text: str
