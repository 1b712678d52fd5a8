"""The pipeline ``load → validate → link``: the whole-corpus model, built once.

:func:`build_corpus` reads every file, validates it, then resolves every
relation between documents (implements, mentions, Q&A → resolution, summary →
source) into :class:`Reference` values indexed both ways, so that rendering a
page never walks the corpus.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Literal

from tuyengiao.core.load.audio import AudioError, read_audio
from tuyengiao.core.load.booklets import (
    BOOKLETS_FILE,
    BookletDefinition,
    DocumentLookup,
    automatic_ids,
    check_pictures,
    load_definitions,
)
from tuyengiao.core.load.document import load_document
from tuyengiao.core.load.external import load_external
from tuyengiao.core.load.files import content_files
from tuyengiao.core.load.markdown_config import CONFIG_FILE, MarkdownConfig, read_markdown_config
from tuyengiao.core.load.memo import LoadMemo
from tuyengiao.core.load.portal import Site, load_portal
from tuyengiao.core.load.project_files import THEME_DIR, ProjectFiles
from tuyengiao.core.load.structure import BodyReader, resolve_link
from tuyengiao.core.load.study import StudyData, load_study
from tuyengiao.core.load.validate import page_name_problem
from tuyengiao.core.model.audio import AudioInfo
from tuyengiao.core.model.document import Document, ExternalDocument
from tuyengiao.core.model.numbers import DocumentNumber
from tuyengiao.core.model.problems import Problems
from tuyengiao.core.model.schema import key_label
from tuyengiao.core.model.text import DecodeError, decode_source
from tuyengiao.i18n import _

#: Files a page or a booklet shows as pictures: a missing one is an error, since a
#: booklet cannot be made without it (a missing file that is only linked is a warning).
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp",
                            ".tif", ".tiff", ".avif"})

Relation = Literal["implements", "mentions", "explains"]
Target = Document | ExternalDocument


@dataclass(frozen=True)
class Reference:
    """``source`` cites ``number`` (resolved to ``target`` when known) at ``line``."""

    source: Document
    relation: Relation
    number: DocumentNumber
    line: int
    target: Target | None


@dataclass
class Corpus:
    """Every document, the external registry and the resolved references."""

    project_dir: Path
    documents: list[Document] = field(default_factory=list)
    by_number: dict[str, Document] = field(default_factory=dict)
    external: dict[str, ExternalDocument] = field(default_factory=dict)
    outgoing: dict[str, list[Reference]] = field(default_factory=lambda: defaultdict(list))
    incoming: dict[str, list[Reference]] = field(default_factory=lambda: defaultdict(list))
    content_files: frozenset[str] = frozenset()
    #: Files of content/ (not documents) and the documents that link to them.
    file_links: dict[str, list[Document]] = field(default_factory=lambda: defaultdict(list))
    #: The recordings named by ``audio:`` keys, read once: path under content/ → info.
    audio: dict[str, AudioInfo] = field(default_factory=dict)
    problems: Problems = field(default_factory=Problems)
    files_read: int = 0
    #: Study results of data/ (units, appendices 1–3), checked with the content.
    study: StudyData = field(default_factory=StudyData)
    #: The district sites of ``data/portal.yml`` a portal's search covers (empty: not a portal).
    portal: list[Site] = field(default_factory=list)
    #: Numbers of the files of content/ that have errors (so are not documents), by
    #: number key: a reference to one of them is a knock-on error that names the file.
    failed: dict[str, str] = field(default_factory=dict)
    #: The hand-defined booklets of ``data/booklets.yml``, checked.
    booklets: list[BookletDefinition] = field(default_factory=list)
    #: The site's Markdown extensions (``mkdocs.yml``): bodies are read and booklets
    #: rendered with them.
    markdown: MarkdownConfig = field(default_factory=MarkdownConfig)

    def resolve(self, number: DocumentNumber) -> Target | None:
        """The corpus document with that number, else the external one, else None."""
        return self.by_number.get(number.key) or self.external.get(number.key)


@dataclass(frozen=True)
class ProjectLayout:
    """Where a project keeps its content, its data and its MkDocs configuration."""

    project_dir: Path
    content: str = "content"
    data: str = "data"
    config: str = CONFIG_FILE

    @property
    def content_dir(self) -> Path:
        return self.project_dir / self.content

    def files(self, extra: Iterable[Path] = ()) -> ProjectFiles:
        """The files a build of this project may read (see :mod:`..load.project_files`)."""
        return ProjectFiles.of(self.project_dir, (self.content, self.data, THEME_DIR), extra)


def build_corpus(layout: ProjectLayout, memo: LoadMemo | None = None) -> Corpus:
    """Load, validate and link every document of the project.

    With a ``memo``, files whose bytes did not change are not parsed again.
    """
    corpus = Corpus(layout.project_dir)
    corpus.markdown = read_markdown_config(layout.project_dir / layout.config, corpus.problems,
                                           layout.config)
    _load(layout, corpus, memo)
    _index(corpus)
    _link(corpus)
    _link_files(layout, corpus)
    _check_bodies(corpus)
    corpus.study = load_study(layout.project_dir, layout.data, corpus.problems)
    _load_booklets(layout, corpus)
    corpus.portal = load_portal(layout.project_dir, layout.data, corpus.problems)
    return corpus


def _load(layout: ProjectLayout, corpus: Corpus, memo: LoadMemo | None) -> None:
    content_dir = layout.content_dir
    if not content_dir.is_dir():
        corpus.problems.error(layout.content, 0, _("the content folder does not exist"))
        return
    corpus.content_files = frozenset(content_files(content_dir, corpus.problems,
                                                   layout.content, layout.files()))
    reader = BodyReader(corpus.markdown)
    for src_uri in sorted(p for p in corpus.content_files if p.endswith(".md")):
        corpus.files_read += 1
        file = content_dir / src_uri
        unnamed = page_name_problem(src_uri)
        if unnamed is not None:
            corpus.problems.error(f"{layout.content}/{src_uri}", 0, unnamed)
            continue
        if memo is not None:
            document = memo.load(layout.project_dir, file, src_uri, corpus.content_files,
                                 corpus.problems, reader)
        else:
            document = load_document(layout.project_dir, file, src_uri, corpus.content_files,
                                     corpus.problems, reader=reader)
        if document is not None:
            corpus.documents.append(document)
        else:
            _remember_failed(corpus, file, f"{layout.content}/{src_uri}")
    if memo is not None:
        memo.save()
    external_path = f"{layout.data}/external.yml"
    for item in load_external(layout.project_dir, external_path, corpus.problems):
        corpus.external[item.number.key] = item


_NUMBER_LINE = re.compile(r"^number[ \t]*:[ \t]*[\"']?([^\"'#\n]+)", re.MULTILINE)


def _remember_failed(corpus: Corpus, file: Path, path: str) -> None:
    """The number a file with errors declares (read from its text, whatever its other
    mistakes), so that references to it name the file instead of saying "unknown"."""
    try:
        text = decode_source(file.read_bytes())
    except (OSError, DecodeError):
        return
    found = _NUMBER_LINE.search(text.split("\n---", 1)[0])
    if found is None:
        return
    try:
        number = DocumentNumber.parse(found.group(1).strip())
    except ValueError:
        return
    corpus.failed.setdefault(number.key, path)


def _index(corpus: Corpus) -> None:
    by_url: dict[str, Document] = {}
    for doc in corpus.documents:
        number = doc.number
        if number is not None and not number.is_draft:
            first = corpus.by_number.get(number.key)
            if first is not None:
                corpus.problems.error(doc.path, doc.line("number"), _(
                    "{key}: '{number}' is already used by {path}").format(
                        key=key_label("number"), number=number, path=first.path))
                continue  # its address clashes too; one error for one mistake
            corpus.by_number[number.key] = doc
        clash = by_url.get(doc.url)
        if clash is not None:
            corpus.problems.error(doc.path, 1, _(
                "two documents would share the address /{url}: this one and {path}; rename "
                "one file").format(url=doc.url, path=clash.path))
        by_url.setdefault(doc.url, doc)


def _link(corpus: Corpus) -> None:
    nearby = _NearbyNumbers(corpus)
    for doc in corpus.documents:
        own = doc.number.key if doc.number is not None else None
        for number, line, relation in _citations(doc):
            if number.key == own:
                continue
            target = corpus.resolve(number)
            ref = Reference(doc, relation, number, line, target)
            corpus.outgoing[doc.path].append(ref)
            if isinstance(target, Document):
                corpus.incoming[target.path].append(ref)
                if relation == "implements":
                    _check_date_order(corpus, doc, target, line)
            elif target is None:
                _report_unknown(corpus, ref, nearby)


def _citations(doc: Document) -> list[tuple[DocumentNumber, int, Relation]]:
    found: list[tuple[DocumentNumber, int, Relation]] = []
    parent = doc.parent_number
    if parent is not None:
        key = "resolution" if "resolution" in doc.fields else "source"
        found.append((parent, doc.line(key), "explains"))
    lines = doc.item_lines.get("implements", ())
    for index, number in enumerate(doc.fields.get("implements", [])):
        line = lines[index] if index < len(lines) else doc.line("implements")
        found.append((number, line, "implements"))
    for item in doc.structure.mentions:
        found.append((item.mention.number, doc.body_line + item.index, "mentions"))
    return found


def _check_date_order(corpus: Corpus, doc: Document, target: Document, line: int) -> None:
    """A document dated before the document it carries out: most likely a typo."""
    if doc.date is not None and target.date is not None and doc.date < target.date:
        corpus.problems.warning(doc.path, doc.line("date") or line, _(
            "{key}: {date} is before the date of {number} ({target_date}, {path}), which "
            "this document implements; check the year").format(
                key=key_label("date"), date=doc.date.isoformat(), number=target.number,
                target_date=target.date.isoformat(), path=target.path))


class _NearbyNumbers:
    """Suggestions for an unknown number: a known one of the same kind and issuing body
    whose serial differs by one digit (``46-KH/HU`` → ``45-KH/HU``). Indexed the first
    time a number is unknown, once per build."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._by_tail: dict[tuple[str, str, str], dict[str, str]] | None = None

    @staticmethod
    def _tail(number: DocumentNumber) -> tuple[tuple[str, str, str], str]:
        folded = DocumentNumber.parse(number.key)  # case, Đ and leading zeros folded
        return (folded.style, folded.kind_code, folded.body_code), folded.serial

    def _index(self) -> dict[tuple[str, str, str], dict[str, str]]:
        by_tail: dict[tuple[str, str, str], dict[str, str]] = defaultdict(dict)
        known = [d.number for d in self.corpus.by_number.values()]
        known += [e.number for e in self.corpus.external.values()]
        for number in known:
            if number is not None:
                tail, serial = self._tail(number)
                by_tail[tail][serial] = str(number)
        return by_tail

    def near(self, number: DocumentNumber) -> str | None:
        if self._by_tail is None:
            self._by_tail = self._index()
        tail, serial = self._tail(number)
        serials = self._by_tail.get(tail, {})
        close = [s for s in serials if _one_edit(serial, s)]
        if not close:
            return None
        best = min(close, key=lambda s: (abs(int(s) - int(serial or 0)), s))
        return serials[best]


def _one_edit(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one character changed, added or removed."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _report_unknown(corpus: Corpus, ref: Reference, nearby: _NearbyNumbers) -> None:
    failed = corpus.failed.get(ref.number.key)
    key = ("resolution" if "resolution" in ref.source.fields else "source"
           ) if ref.relation == "explains" else "implements"
    if failed is not None:
        message = _("'{number}' is the number of {path}, which has errors (see them "
                    "above); fix that file first").format(number=ref.number, path=failed)
        if ref.relation != "mentions":
            message = f"{key_label(key)}: {message}"
        report = corpus.problems.error if ref.relation == "explains" else (
            corpus.problems.warning)
        report(ref.source.path, ref.line, message, cause=failed)
        return
    suggestion = nearby.near(ref.number)
    hint = _("; did you mean {suggestion!r}?").format(suggestion=suggestion) if (
        suggestion) else ""
    if ref.relation == "explains":
        corpus.problems.error(ref.source.path, ref.line, _(
            "{key}: '{number}' is not a document in content/ nor listed in "
            "data/external.yml").format(key=key_label(key), number=ref.number) + hint)
        return
    message = _("'{number}' is not a document in content/ nor listed in data/external.yml; "
                "it stays plain text").format(number=ref.number) + hint
    if ref.relation == "implements":
        message = f"{key_label(key)}: {message}"
    corpus.problems.warning(ref.source.path, ref.line, message)


def _load_booklets(layout: ProjectLayout, corpus: Corpus) -> None:
    lookup = DocumentLookup(corpus.by_number, {d.path: d for d in corpus.documents},
                            layout.content, corpus.failed)
    corpus.booklets = load_definitions(layout.project_dir, f"{layout.data}/{BOOKLETS_FILE}",
                                       lookup, automatic_ids(corpus.documents), corpus.problems)
    check_pictures(layout.project_dir, layout.data, corpus.booklets, corpus.problems)


def _link_files(layout: ProjectLayout, corpus: Corpus) -> None:
    """Record links to files of content/; report missing and unlinked files."""
    for doc in corpus.documents:
        targets = [(doc.line("audio"), str(doc.fields["audio"]), True)] if (
            doc.fields.get("audio")) else []
        targets += [(doc.body_line + i, t, False) for i, t in doc.structure.local_links]
        for line, target, from_root in targets:
            path = target if from_root else resolve_link(doc.src_uri, target)
            if from_root and path in corpus.content_files:
                _read_audio(layout, corpus, doc, line, path)
            if path in corpus.content_files:
                if doc not in corpus.file_links[path]:
                    corpus.file_links[path].append(doc)
            elif not from_root and (path == ".." or path.startswith("../")):
                corpus.problems.error(doc.path, line, _("link to '{target}', which is outside "
                                                        "{content}/; a build reads only files "
                                                        "inside the project: copy the file into "
                                                        "the content folder").format(
                                                          target=target, content=layout.content))
            elif not from_root and PurePosixPath(path).suffix.lower() in IMAGE_SUFFIXES:
                corpus.problems.error(doc.path, line, _("picture '{target}': {content}/{path} "
                                                        "does not exist; the page would show a "
                                                        "broken picture and no booklet holding "
                                                        "this document could be made").format(
                                                          target=target, content=layout.content,
                                                          path=path))
            elif not from_root:
                corpus.problems.warning(doc.path, line, _(
                    "link to '{target}', but {path} does not exist").format(
                        target=target, path=f"{layout.content}/{path}"))
    for path in sorted(corpus.content_files):
        if not path.endswith(".md") and path not in corpus.file_links:
            corpus.problems.warning(f"{layout.content}/{path}", 0, _(
                "no document links to this file, so it is not published"))


def _read_audio(layout: ProjectLayout, corpus: Corpus, doc: Document, line: int,
                path: str) -> None:
    """Size, length and format of a recording, read from its headers once per build."""
    if path not in corpus.audio:
        try:
            corpus.audio[path] = read_audio(layout.content_dir, path)
        except AudioError as error:
            corpus.problems.error(doc.path, line, _("audio: {error}").format(error=error))


def _check_bodies(corpus: Corpus) -> None:
    for doc in corpus.documents:
        if doc.type == "qa":
            _check_questions(corpus, doc)
        elif doc.type == "guidance":
            _check_audiences(corpus, doc)


def _check_questions(corpus: Corpus, doc: Document) -> None:
    found = doc.structure.questions
    if not found:
        corpus.problems.error(doc.path, doc.body_line, _(
            "a Q&A needs each question as a heading starting with '## ' "
            "('## Câu hỏi 1: …?'); found none"))
        return
    seen: dict[str, int] = {}
    for question in found:
        anchor = question.anchor
        line = doc.body_line + question.index
        if anchor in seen:
            corpus.problems.error(doc.path, line, _(
                "this question has the same link name '#{anchor}' as the one on line "
                "{line}; reword it or end it with '{{#another-name}}'").format(
                    anchor=anchor, line=seen[anchor]))
        seen.setdefault(anchor, line)


def _check_audiences(corpus: Corpus, doc: Document) -> None:
    headings = {s.text.casefold() for s in doc.structure.sections}
    lines = doc.item_lines.get("audiences", ())
    for index, audience in enumerate(doc.fields.get("audiences", [])):
        if audience.casefold() not in headings:
            line = lines[index] if index < len(lines) else doc.line("audiences")
            corpus.problems.warning(doc.path, line, _(
                "{key}: no section '## {audience}' in the text for this audience").format(
                    key=key_label("audiences"), audience=audience))
