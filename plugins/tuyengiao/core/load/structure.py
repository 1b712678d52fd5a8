"""The shape of a Markdown body, read once through Python-Markdown configured like the site.

:class:`BodyReader` parses a body with the site's Markdown extensions
(:mod:`tuyengiao.core.load.markdown_config`): their preprocessors (raw HTML and
fenced code are stashed, as on the site), the block parser and the tree
processors (inline processing, ``attr_list``, footnotes…), all but the table of
contents and prettifying, which only add ids and whitespace. Nothing is
serialised. One walk of the element tree then gives what the pipeline needs
(:class:`~tuyengiao.core.model.body.BodyStructure`):

* the ``##`` sections: the body's own ``h2`` elements (ATX or setext), with the
  ``{#id}`` that ``attr_list`` read;
* the questions of a Q&A (its sections, numbered);
* the numbers in prose: in the text the number linker links, so not in code,
  links or raw HTML (the elements :data:`NOT_PROSE`, which the linker skips too);
* links and images to files of the project (``href``/``src`` in the tree and in
  the raw HTML);
* the text a reader sees, for the search index.

**Lines.** Python-Markdown keeps no source positions. The reader runs the
top-level loop of the block parser itself and records which source lines each
top-level element came from (preprocessors that stash a run of lines are undone
by aligning their output with their input). Inside an element, each text piece,
link target and heading is then found in the source, in order, within those
lines: a number or link is reported on its own line, and a heading on the line of
its ``##`` (or of its text, for a setext heading).

**Speed.** Python-Markdown asks every block processor about every block and
every inline pattern about every text; done plainly that is four times the cost
of the regular expressions this reading replaced. Shortcuts skip the work that
cannot change the result, and the tests compare the reading with and without
them (``BodyReader(config, shortcuts=False)``):

* a processor in :data:`_NEEDS` is skipped when the body lacks every string its
  syntax starts with (no ``<``: no raw HTML to stash); ``normalize_whitespace``
  when the body has no tab, no carriage return and no line of spaces; inline
  processing when the body has no character an inline pattern starts with;
* a block none of whose lines starts with a character that begins another kind
  of block goes straight to the paragraph processor, and a one-line ``#`` block
  straight to the heading processor (only when the block processors are the
  known ones, :data:`_KNOWN_BLOCKS`);
* text without any character an inline pattern starts with is marked atomic, so
  the inline processor passes it by (only when the patterns are the known ones);
* the search text's white space is checked, and split only when it is irregular.
"""

from __future__ import annotations

import bisect
import html
import itertools
import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from markdown import Markdown, util
from markdown.blockprocessors import HashHeaderProcessor, ParagraphProcessor

from tuyengiao.core.load.markdown_config import MarkdownConfig
from tuyengiao.core.model.body import BodyStructure, LineMention, Question, Section
from tuyengiao.core.model.limits import MAX_MARKDOWN_DEPTH
from tuyengiao.core.model.numbers import NumberMention, find_numbers
from tuyengiao.core.model.text import slugify

#: Elements whose text is not prose: a number in them is not a mention, and the site's
#: number linker (:mod:`tuyengiao.core.render.number_links`) leaves it alone too.
NOT_PROSE = frozenset({"a", "code", "pre", "script", "style", "kbd", "samp"})
#: Elements whose text is not in the search text (code blocks, scripts).
_NOT_TEXT = frozenset({"pre", "script", "style"})
#: Elements between which a reader sees a space (besides the block-level ones).
_GAPS = frozenset({"br", "hr", "img"})
#: Attributes of raw HTML that name a file: ``href`` of a link, ``src`` and ``poster``.
_FILE_ATTRIBUTES = {"href": frozenset({"a", "area"}), "src": None, "poster": None}
#: Marks of the footnotes extension that are not text (the number of a reference, ↩).
_FOOTNOTE_MARKS = frozenset({"footnote-ref", "footnote-backref"})

_QUESTION_PREFIX = re.compile(r"^(?:câu\s+hỏi|câu)\s*(?:số\s*)?\d+\s*[:.)\-–]\s*", re.I)

#: Processors that do nothing to a body without one of these strings.
_NEEDS: dict[str, tuple[str, ...]] = {
    # preprocessors
    "html_block": ("<",),
    "fenced_code_block": ("```", "~~~"),
    "fenced_raw_block": ("```", "~~~"),
    # tree processors
    "footnote": ("[^",),
    "footnote-duplicate": ("[^",),
    "footnote-reorder": ("[^",),
    "attr_list": ("{",),
    "unescape": ("\\",),
}
#: Tree processors the reading does not run: they add ids and whitespace only.
_NOT_RUN = frozenset({"toc", "prettify"})
#: The block processors of Python-Markdown and of the extensions of ``mkdocs.yml``; with
#: only these, a block is a paragraph unless a line starts with a blank or one of
#: ``#>*-_=:|!?[<`` or the placeholder of stashed HTML, or the block starts with ``+``
#: or a digit (a list).
_KNOWN_BLOCKS = frozenset({
    "empty", "indent", "code", "hashheader", "setextheader", "hr", "olist", "ulist",
    "quote", "reference", "paragraph",  # Python-Markdown
    "admonition", "markdown_block", "defindent", "deflist", "table", "footnote",
    "abbr", "details",  # its extensions and pymdownx.details (superfences replaces "code")
})
_NOT_PLAIN_START = frozenset(" \t#>*-_=:|!?[<\u0002+0123456789")
_NOT_PLAIN_LINE = re.compile("\n[ \t#>*\\-_=:|!?\\[<\u0002]")
#: The inline patterns of Python-Markdown and its extensions of ``mkdocs.yml``, and the
#: characters one of them needs to match (plus two spaces before a line end: ``<br>``;
#: the delimiters of emphasis are added from the instance).
_KNOWN_INLINE = frozenset({
    "backtick", "escape", "reference", "link", "image_link", "image_reference",
    "short_reference", "short_image_ref", "autolink", "automail", "linebreak", "html",
    "entity", "em_strong", "footnote",
})
_INLINE_CHARS = "`\\[<&"
_ABNORMAL = re.compile("[\t\r\u0002\u0003]")
_OTHER_SPACE = re.compile(r"[^\S ]")


def question_text(heading: str) -> str:
    """``Câu hỏi 3: Vì sao…?`` → ``Vì sao…?`` (editors may number questions or not)."""
    return _QUESTION_PREFIX.sub("", heading).strip()


def question_anchor(heading: str) -> str:
    """A stable anchor from the question's words, not its position: ``vi-sao-…``."""
    return slugify(question_text(heading), 60) or "cau-hoi"


def resolve_link(src_uri: str, target: str) -> str:
    """The content-relative path a relative link in ``src_uri`` points at."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), target))


def local_target(href: str) -> str:
    """The file a link points at (no ``#…`` or ``?…``), or '' when it is not a file of
    the project: an address with a scheme, an absolute path, an in-page anchor."""
    target = href.strip().split("#")[0].split("?")[0]
    if not target or ":" in target or target.startswith("/"):
        return ""
    return target


class BodyReader:
    """Reads bodies with one Python-Markdown instance configured like the site (made when
    the first body is read: a build whose documents all come from its cache needs none)."""

    def __init__(self, config: MarkdownConfig | None = None, shortcuts: bool = True) -> None:
        self.config = config or MarkdownConfig()
        self.shortcuts = shortcuts
        self._md: Markdown | None = None

    @property
    def md(self) -> Markdown:
        """The Python-Markdown instance."""
        if self._md is None:
            self._md = self._setup()
        return self._md

    def _setup(self) -> Markdown:
        md = self.config.markdown()
        shortcuts = self.shortcuts
        self._pre = _named(md.preprocessors)
        self._tree = [(name, p) for name, p in _named(md.treeprocessors) if name not in _NOT_RUN]
        parser = md.parser
        self._blocks = list(parser.blockprocessors)
        self._paragraph = parser.blockprocessors["paragraph"]
        self._hash = parser.blockprocessors["hashheader"]
        self._plain = shortcuts and _names(parser.blockprocessors) <= _KNOWN_BLOCKS and (
            type(self._paragraph) is ParagraphProcessor and type(self._hash) is HashHeaderProcessor)
        if self._plain:  # this instance only: nested blocks take the shortcut too
            parser.parseBlocks = self._parse_blocks  # type: ignore[method-assign]
        self._inline: tuple[str, ...] | None = None
        if shortcuts and _names(md.inlinePatterns) <= _KNOWN_INLINE:
            tokens = md.delimiters.tokens if md.delimiters is not None else ["*", "_"]
            self._inline = (*_INLINE_CHARS, *tokens, "  \n")
        self._header = _header_attributes(md)
        names = [name for name, _ in self._pre] + [name for name, _ in self._tree]
        self._all = frozenset(names)
        self._needs = [(name, _NEEDS[name]) for name in names if name in _NEEDS]
        self._needed = frozenset(s for _, needs in self._needs for s in needs)
        self._always = frozenset(name for name in names if name not in _NEEDS)
        self._gaps = frozenset(md.block_level_elements) | _GAPS
        return md

    def read(self, body: str) -> BodyStructure:
        """The structure of one body (its lines are 0-based lines of ``body``)."""
        md = self.md
        md.reset()
        source = body.split("\n")
        present = self._present(body)
        lines, line_of = self._preprocess(body, source, present)
        root, starts = self._parse(lines)
        headings = {child: child.text or "" for child in root if child.tag == "h2"}
        for name, processor in self._tree:
            if name not in present:
                continue
            marked = self._atomic(root) if name == "inline" and self._inline else []
            result = processor.run(root)
            root = result if result is not None else root
            for element, attribute in marked:  # plain strings again, as after inline
                setattr(element, attribute, str(getattr(element, attribute)))
        walk = _Walk(body, source, md, self._gaps)
        offsets = walk.offsets if line_of is None and lines[: len(source)] == source else None
        sections = walk.document(root, _ranges(root, starts, line_of, lines, offsets), headings,
                                 self._header)
        questions = []
        for number, s in enumerate(sections, start=1):
            words = question_text(s.text)
            if s.explicit_id:
                anchor = s.anchor
            else:  # question_anchor(s.text), without slugifying the same words twice
                anchor = (s.anchor or "cau-hoi") if words == s.text else question_anchor(s.text)
            questions.append(Question(number, words, anchor, s.index, s.setext))
        # In the order of the body (footnotes come last in the tree, first in the text).
        mentions = sorted(walk.mentions, key=lambda m: (m.index, m.mention.start))
        links = sorted(walk.links, key=lambda link: link[0])
        return BodyStructure(tuple(sections), tuple(questions), tuple(mentions), tuple(links),
                             walk.plain_text(self.shortcuts))

    def _present(self, body: str) -> frozenset[str]:
        """The processors that may change something in this body (all without shortcuts)."""
        if not self.shortcuts:
            return self._all
        found = {needed for needed in self._needed if needed in body}
        present = self._always | {name for name, needs in self._needs
                                  if not found.isdisjoint(needs)}
        if self._inline is not None and not any(t in body for t in self._inline):
            present -= {"inline"}  # no inline pattern can match anything
        return present

    def _preprocess(self, body: str, source: list[str], present: frozenset[str]
                    ) -> tuple[list[str], list[int] | None]:
        """The preprocessed lines and, if they are not the body's, the body line of each."""
        lines = source
        line_of: list[int] | None = None
        for name, processor in self._pre:
            if name not in present:
                continue
            if name == "normalize_whitespace" and self.shortcuts and _normal(body):
                lines = [*lines, "", ""]  # what it does to a body with nothing to normalise
                continue
            out = processor.run(lines)
            if out[: len(lines)] != lines:
                step = _align(lines, out)
                line_of = step if line_of is None else [line_of[i] for i in step]
            elif line_of is not None and len(out) > len(lines):
                line_of += [line_of[-1]] * (len(out) - len(lines))
            lines = out
        return lines, line_of

    def _parse(self, lines: list[str]) -> tuple[etree.Element, dict[etree.Element, int]]:
        """The block parser's top-level loop, noting the character (in the preprocessed
        text) where each top-level element's block began."""
        md = self.md
        root = md.parser.root = etree.Element(md.doc_tag)
        text = "\n".join(lines)
        blocks = text.split("\n\n")
        size = len(text) + 2
        starts: dict[etree.Element, int] = {}
        count, last = 0, None
        step = self._step
        while blocks:
            at = size - sum(map(len, blocks)) - 2 * len(blocks)
            step(root, blocks)
            n = len(root)
            if n == count and (n == 0 or root[-1] is last):
                continue
            if n > count and (count == 0 or root[count - 1] is last):
                for child in root[count:]:
                    starts[child] = at
            else:  # a processor took an element back (a definition list takes its terms)
                children = set(root)
                floor = min([at, *(s for e, s in starts.items() if e not in children)])
                starts = {child: starts.get(child, floor) for child in root}
            count, last = n, root[-1] if n else None
        return root, starts

    def _step(self, parent: etree.Element, blocks: list[str]) -> None:
        """One step of the block parser: the first processor that takes the first block
        handles it (a plain paragraph or ``#`` line goes straight to its processor)."""
        block = blocks[0]
        if self._plain and block:
            first = block[0]
            if first == "#" and "\n" not in block:  # nothing before "hashheader" takes it
                if self._hash.test(parent, block):
                    self._hash.run(parent, blocks)
                    return
            elif first not in _NOT_PLAIN_START and not _NOT_PLAIN_LINE.search(block):
                self._paragraph.run(parent, blocks)
                return
        for processor in self._blocks:
            if processor.test(parent, block) and processor.run(parent, blocks) is not False:
                return

    def _parse_blocks(self, parent: etree.Element, blocks: list[str]) -> None:
        """``BlockParser.parseBlocks`` for nested blocks (list items, quotes), with the
        same shortcut."""
        step = self._step
        while blocks:
            step(parent, blocks)

    def _atomic(self, root: etree.Element) -> list[tuple[etree.Element, str]]:
        """Mark text no inline pattern can match as atomic (the inline processor skips it)."""
        triggers = self._inline or ()
        atomic = util.AtomicString
        marked: list[tuple[etree.Element, str]] = []
        for element in root.iter():
            text, tail = element.text, element.tail
            if text and not isinstance(text, atomic) and not any(t in text for t in triggers):
                element.text = atomic(text)
                marked.append((element, "text"))
            if tail and not isinstance(tail, atomic) and not any(t in tail for t in triggers):
                element.tail = atomic(tail)
                marked.append((element, "tail"))
        return marked


_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


def nesting_too_deep(body: str) -> tuple[int, int] | None:
    """(line in the body, levels) of the first line nested deeper than
    :data:`MAX_MARKDOWN_DEPTH` lists or quotes (four columns of indent or one ``>``
    a level), outside fenced code; None when there is none.

    Python-Markdown reads nesting by recursion: a thousand levels take it most of a
    minute and then fail with a ``RecursionError``, so the body is refused before.
    """
    fence = ""
    for number, line in enumerate(body.split("\n"), 1):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(
                    fence):
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        levels = _nesting(line)
        if levels > MAX_MARKDOWN_DEPTH:
            return number, levels
    return None


def _nesting(line: str) -> int:
    columns = quotes = 0
    for char in line:
        if char == " ":
            columns += 1
        elif char == "\t":
            columns += 4 - columns % 4
        elif char == ">":
            quotes += 1
        else:
            break
    return columns // 4 + quotes


def read_structure(body: str, reader: BodyReader | None = None) -> BodyStructure:
    """Read the structure of a Markdown body (with MkDocs' default extensions unless
    ``reader`` is configured like a site)."""
    return (reader or _default_reader()).read(body)


_DEFAULT: list[BodyReader] = []


def _default_reader() -> BodyReader:
    if not _DEFAULT:
        _DEFAULT.append(BodyReader())
    return _DEFAULT[0]


def _named(registry: Any) -> list[tuple[str, Any]]:
    """(name, item) of a Python-Markdown registry, in the order Python-Markdown runs them."""
    names = {id(item): name for name, item in registry._data.items()}
    return [(names[id(item)], item) for item in registry]


def _names(registry: Any) -> set[str]:
    return set(registry._data)


def _normal(body: str) -> bool:
    """True when ``normalize_whitespace`` has nothing to change in ``body``: no tab, no
    control character it removes, no line of spaces only."""
    return not _ABNORMAL.search(body) and " \n" not in body and not body.endswith(" ")


def _header_attributes(md: Markdown) -> re.Pattern[str] | None:
    """``attr_list``'s pattern of ``{…}`` at the end of a heading, if it is enabled."""
    if "attr_list" not in md.treeprocessors:
        return None
    pattern = getattr(md.treeprocessors["attr_list"], "HEADER_RE", None)
    return pattern if isinstance(pattern, re.Pattern) else None


def _align(before: list[str], after: list[str]) -> list[int]:
    """For each line of ``after``, the line of ``before`` it comes from.

    A preprocessor keeps lines, changes some in place (tabs), or replaces a run of lines
    (raw HTML, fenced code) by a placeholder with blank lines around it. A new line is
    given the line where the run it replaces starts (never a later one): the reading
    then searches the body from there.
    """
    result: list[int] = []
    i, count = 0, len(before)
    for line in after:
        here = min(i, count - 1) if count else 0
        if i < count and (before[i] == line or (not line and not before[i].strip())):
            result.append(i)  # the same line (a blank one may have lost its spaces)
            i += 1
        elif not line or util.STX in line:
            result.append(here)  # a placeholder, or a blank line around one
        else:
            try:
                i = before.index(line, i)  # the first line after a run replaced
            except ValueError:
                result.append(here)  # a line changed in place
                i += 1
                continue
            result.append(i)
            i += 1
    return result


@dataclass
class _Range:
    """Where a top-level element came from: body lines ``[first, end)``."""

    first: int
    end: int


def _ranges(root: etree.Element, starts: dict[etree.Element, int], line_of: list[int] | None,
            lines: list[str], offsets: list[int] | None = None) -> dict[etree.Element, _Range]:
    """The body lines of each top-level element whose block start is known (``offsets``:
    of ``lines``, if known)."""
    offsets = offsets or _offsets(lines)
    firsts: list[tuple[etree.Element, int]] = []
    for child in root:
        at = starts.get(child)
        if at is None:
            continue
        line = bisect.bisect_right(offsets, at) - 1
        if line_of is not None:
            line = line_of[min(line, len(line_of) - 1)] if line_of else 0
        firsts.append((child, line))
    # A later element never starts before an earlier one; elements of one block (a
    # paragraph and the heading under it) share its lines.
    floor = 0
    for index, (child, first) in enumerate(firsts):
        floor = max(floor, first)
        firsts[index] = (child, floor)
    ranges: dict[etree.Element, _Range] = {}
    end = later = 1 << 30
    for child, first in reversed(firsts):
        if first < later:
            end = later
        ranges[child] = _Range(first, end)
        later = first
    return ranges


class _Walk:
    """One walk of the element tree in document order, finding each item in the body."""

    def __init__(self, body: str, lines: list[str], md: Markdown, blocks: frozenset[str]
                 ) -> None:
        self.body = body
        self.md = md
        #: Elements a reader sees apart from the text around them.
        self.blocks = blocks
        self.mentions: list[LineMention] = []
        self.links: list[tuple[int, str]] = []
        self.parts: list[str] = []
        self.lines = lines
        self.offsets = _offsets(lines)
        #: The search goes on from ``cursor`` and stops at ``limit`` (the end of the lines
        #: of the top-level element being read).
        self.cursor = 0
        self.limit = len(body)

    # -- positions ---------------------------------------------------------------------

    def line(self, at: int) -> int:
        return bisect.bisect_right(self.offsets, at) - 1

    def enter(self, rng: _Range) -> None:
        """Search from line ``rng.first`` (or later) up to line ``rng.end``."""
        count = len(self.lines)
        self.cursor = max(self.cursor, self.offsets[min(rng.first, count)])
        self.limit = self.offsets[rng.end] if rng.end < count else len(self.body)

    def find(self, text: str) -> int:
        """Where ``text`` is next in the body (-1 if not found); the search goes on after it."""
        at = self.body.find(text, self.cursor, self.limit) if text else -1
        if at >= 0:
            self.cursor = at + len(text)
        return at

    # -- the document ------------------------------------------------------------------

    def document(self, root: etree.Element, ranges: dict[etree.Element, _Range],
                 headings: dict[etree.Element, str],
                 header: re.Pattern[str] | None) -> list[Section]:
        sections: list[Section] = []
        for child in root:
            rng = ranges.get(child)
            if rng is not None:
                self.enter(rng)
            if child in headings:
                sections.append(self.heading(child, headings[child], header, rng))
            if child.tag == "div" and child.get("class") == "footnote":
                self.footnotes(child)
            else:
                self.element(child, True, True)
        return sections

    def heading(self, element: etree.Element, raw: str, header: re.Pattern[str] | None,
                rng: _Range | None) -> Section:
        """A ``##`` section: its Markdown text without ``{…}``, its anchor and its line."""
        match = header.search(raw) if header is not None else None
        text = (raw[: match.start()] if match else raw).strip()
        explicit = element.get("id")
        index, setext = self.heading_line(raw, rng)
        if explicit:
            return Section(text, explicit, index, True, setext)
        return Section(text, slugify(text, 60), index, False, setext)

    def heading_line(self, raw: str, rng: _Range | None) -> tuple[int, bool]:
        """The line of the heading ``raw`` in the element's lines: a ``##`` line with that
        text, or that text above a line of ``-`` (a setext heading)."""
        lines = self.lines
        first = self.line(self.cursor)
        end = min(rng.end if rng is not None else len(lines), len(lines))
        for index in range(first, end):
            line = lines[index]
            if line.startswith("##") and not line.startswith("###") and raw in line:
                setext = False
            else:
                under = lines[index + 1].rstrip(" ") if index + 1 < len(lines) else ""
                if not (under[:1] == "-" and not under.strip("=-") and line.strip() == raw):
                    continue
                setext = True
            self.cursor = max(self.cursor, self.offsets[index])
            return index, setext
        return first, False

    def footnotes(self, div: etree.Element) -> None:
        """The footnotes, each searched from its definition ``[^id]:``."""
        for item in div.iter("li"):
            ident = item.get("id", "").partition(":")[2]
            at = self.body.find(f"[^{ident}]:") if ident else -1
            if at >= 0:
                self.cursor, self.limit = at, len(self.body)
            self.element(item, True, True)

    # -- elements and text -------------------------------------------------------------

    def element(self, element: etree.Element, prose: bool, textual: bool) -> None:
        tag = element.tag
        if not isinstance(tag, str):  # a comment or processing instruction
            return
        if tag == "a" and element.get("class") in _FOOTNOTE_MARKS:
            return
        if prose and tag in NOT_PROSE:
            prose = False
        if textual and tag in _NOT_TEXT:
            textual = False
        gap = tag in self.blocks
        parts = self.parts
        if gap and parts and parts[-1][-1] != " ":
            parts.append(" ")
        if tag == "img" and textual and element.get("alt"):
            parts.append(element.get("alt", ""))
        text = element.text
        if text:
            if util.STX in text:
                self.stashes(text, prose, textual, tag == "code")
            else:
                if prose:
                    self.prose(text)
                if textual:
                    parts.append(html.unescape(text) if tag == "code" and "&" in text else text)
        for child in element:
            self.element(child, prose, textual)
            tail = child.tail
            if tail:
                if util.STX in tail:
                    self.stashes(tail, prose, textual, False)
                else:
                    if prose:
                        self.prose(tail)
                    if textual:
                        parts.append(tail)
        if tag == "a":
            self.link(element.get("href", ""))
        elif tag == "img":
            self.link(element.get("src", ""))
        if gap and parts and parts[-1][-1] != " ":
            parts.append(" ")

    def link(self, href: str) -> None:
        target = local_target(href)
        if target:
            at = self.find(href.strip())
            self.links.append((self.line(at if at >= 0 else self.cursor), target))

    def stashes(self, text: str, prose: bool, textual: bool, code: bool) -> None:
        """Text with placeholders: stashed raw HTML is read as HTML, the rest as text."""
        last = 0
        for match in util.HTML_PLACEHOLDER_RE.finditer(text):
            self.literal(_unmarked(text[last : match.start()]), prose, textual, code)
            self.stashed(int(match.group(1)), textual)
            last = match.end()
        self.literal(_unmarked(text[last:]), prose, textual, code)

    def literal(self, text: str, prose: bool, textual: bool, code: bool) -> None:
        if text and prose:
            self.prose(text)
        if text and textual:
            text = html.unescape(text) if code else text
            if text:
                self.parts.append(text)

    def prose(self, text: str) -> None:
        """The numbers in a piece of prose, each placed on its line (with its span there).

        The piece is found in the body; when it is not written there as it is (a list
        item's lines, escapes), each number is, else it goes where the search stands.
        """
        found = list(find_numbers(text))
        if not found:
            return
        at = self.find(text)
        for mention in found:
            if at >= 0:
                where = at + mention.start
            else:
                where = self.find(text[mention.start : mention.end])
                if where < 0:
                    where = self.cursor
            line = bisect.bisect_right(self.offsets, where) - 1
            start = where - self.offsets[line]
            self.mentions.append(LineMention(line, NumberMention(
                start, start + mention.end - mention.start, mention.number)))

    def stashed(self, index: int, textual: bool) -> None:
        """Raw HTML stashed by the preprocessor or the inline ``html`` pattern."""
        blocks = self.md.htmlStash.rawHtmlBlocks
        raw = blocks[index] if index < len(blocks) else ""
        if isinstance(raw, etree.Element):
            self.element(raw, False, textual)
            return
        reader = _RawHtml(self.blocks)
        reader.feed(raw)
        reader.close()
        for target in reader.targets:
            self.link(target)
        text = reader.text()
        if textual and text:
            self.parts.append(text)

    def plain_text(self, quick: bool) -> str:
        """The text, each run of white space one space (``quick``: checked, not split)."""
        text = "".join(self.parts)
        if quick:
            if "\n" in text:
                text = text.replace("\n", " ")
            if "  " not in text and not _OTHER_SPACE.search(text):
                return text.strip()
        return " ".join(text.split())


def _offsets(lines: list[str]) -> list[int]:
    """The character where each line starts, and one past the end."""
    return [0, *itertools.accumulate(map((1).__add__, map(len, lines)))]


def _unmarked(text: str) -> str:
    """Text without Python-Markdown's other placeholders (``&nbsp;`` and ↩ of footnotes)."""
    while util.STX in text:
        start = text.index(util.STX)
        end = text.find(util.ETX, start)
        if end < 0:
            break
        text = text[:start] + " " + text[end + 1 :]
    return text.replace(util.AMP_SUBSTITUTE, "&")


class _RawHtml(HTMLParser):
    """The text and the file links of a piece of raw HTML."""

    def __init__(self, blocks: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks = blocks
        self.targets: list[str] = []
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            tags = _FILE_ATTRIBUTES.get(name, frozenset())
            if value and name in _FILE_ATTRIBUTES and (tags is None or tag in tags):
                self.targets.append(value)
        if tag in _NOT_TEXT:
            self.hidden += 1
        if tag in self.blocks:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _NOT_TEXT:
            self.hidden -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _NOT_TEXT and self.hidden:
            self.hidden -= 1
        if tag in self.blocks:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)

    def text(self) -> str:
        return "".join(self.parts)
