"""``data/booklets.yml``: booklets defined by hand, checked against the corpus.

Each entry names its items by document number (``14-KH/TU``) or by path
(``content/hoi-dap/dai-hoi-xiii.md``). Every mistake is a located problem
(file, line of the key or item): an unknown number, a path that is not a
document of ``content/``, an empty booklet, a duplicate id, a bad ``lang``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tuyengiao.core.load.project_files import ProjectFiles
from tuyengiao.core.load.records import Record, read_records
from tuyengiao.core.model.document import Document
from tuyengiao.core.model.limits import cut, excerpt
from tuyengiao.core.model.numbers import DocumentNumber
from tuyengiao.core.model.problems import Problems
from tuyengiao.core.model.schema import BOOKLET
from tuyengiao.i18n import _

BOOKLETS_FILE = "booklets.yml"
#: The cover picture of every booklet without an ``image`` of its own, the first found.
COVER_IMAGES = ("booklet-cover.svg", "booklet-cover.png", "booklet-cover.jpg")
#: Where an SVG names another file or address: an attribute (``href``, ``xlink:href``,
#: ``src``), a CSS ``url(…)`` or ``@import "…"``.
_SVG_REFERENCE = re.compile(
    r"""(?:\b(?:xlink:)?href|\bsrc)\s*=\s*["']([^"']*)["']"""
    r"""|url\(\s*["']?([^"')]*)["']?\s*\)|@import\s+["']([^"']*)["']""", re.I)
_ID = re.compile(r"^[a-z0-9][a-z0-9\-]*$")


@dataclass(frozen=True)
class BookletDefinition:
    """One hand-defined booklet; ``line`` is where its entry starts in the file."""

    id: str
    title: str
    subtitle: str
    items: tuple[Document, ...]
    lang: str
    line: int
    image: str = ""


@dataclass(frozen=True)
class DocumentLookup:
    """How definitions find documents: by number key and by project-relative path."""

    by_number: Mapping[str, Document]
    by_path: Mapping[str, Document]
    content: str = "content"
    #: The files of content/ with errors, by the key of the number they declare.
    failed: Mapping[str, str] = field(default_factory=dict)


def automatic_id(doc: Document) -> str:
    """The id of a document's automatic booklet: the last segment of its address.

    ``van-ban/271-kh-hu/`` → ``271-kh-hu``; a Mông summary always ends in ``-hmn``.
    """
    slug = doc.url.rstrip("/").rsplit("/", 1)[-1]
    if doc.type == "summary" and not slug.endswith("-hmn"):
        slug += "-hmn"
    return slug


def automatic_ids(documents: Iterable[Document]) -> dict[str, Document]:
    """Every id an automatic booklet could take, in any build, and its main document."""
    ids: dict[str, Document] = {}
    for doc in documents:
        if doc.type in ("resolution", "summary"):
            ids.setdefault(automatic_id(doc), doc)
    return ids


def load_definitions(project_dir: Path, rel_path: str, lookup: DocumentLookup,
                     reserved: Mapping[str, Document], problems: Problems
                     ) -> list[BookletDefinition]:
    """Read and check the file; a missing file is no booklets, a bad entry an error."""
    checker = _DefinitionChecker(project_dir, rel_path, lookup, reserved, problems)
    found = [checker.check(r) for r in read_records(project_dir, rel_path, BOOKLET, problems)]
    return [d for d in found if d is not None]


def check_pictures(project_dir: Path, data: str, definitions: Iterable[BookletDefinition],
                   problems: Problems) -> None:
    """Every SVG picture of the booklets (the covers of ``data/`` and each ``image``) may
    name only pictures of its own folder tree in ``data/`` or ``data:`` bytes: WeasyPrint
    reads nothing else (a file outside, an address on the network), and would fail the
    booklet; ``check`` says so first, with the line."""
    pictures = {f"{data}/{name}" for name in COVER_IMAGES if name.endswith(".svg")}
    pictures |= {d.image for d in definitions if d.image.lower().endswith(".svg")}
    files = ProjectFiles.of(project_dir, (data,))
    for rel in sorted(pictures):
        path = project_dir / rel
        if not path.is_file():
            continue
        lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
        for number, line in enumerate(lines, start=1):
            for match in _SVG_REFERENCE.finditer(line):
                target = next(g for g in match.groups() if g is not None).strip()
                if not target or target.startswith(("#", "data:")) or (
                        ":" not in target and not target.startswith("/")
                        and files.allows(path.parent / target)):
                    continue
                problems.error(rel, number, _("the picture reads '{target}', which is not a "
                                              "file of data/; a booklet reads only files of "
                                              "the project and nothing from the network: put "
                                              "the picture itself in data/").format(target=target))


class _DefinitionChecker:
    """What an entry means beyond its fields: its id is free, its items are documents of
    the corpus, its picture exists."""

    def __init__(self, project_dir: Path, path: str, lookup: DocumentLookup,
                 reserved: Mapping[str, Document], problems: Problems) -> None:
        self.project_dir = project_dir
        self.path = path
        self.lookup = lookup
        self.reserved = reserved
        self.problems = problems
        self.ids: dict[str, int] = {}

    def check(self, record: Record) -> BookletDefinition | None:
        """The definition, or None; every mistake of the entry is reported either way."""
        values = record.values
        booklet_id = self._id(values["id"], record.line_of("id")) if "id" in values else None
        image = self._image(values.get("image", ""), record.line_of("image"))
        items = self._items(values["items"], record.line_of("items"),
                            record.item_lines.get("items", ())) if "items" in values else None
        if not record.valid or booklet_id is None or image is None or items is None:
            return None
        return BookletDefinition(booklet_id, values["title"], values.get("subtitle", ""),
                                 tuple(items), values.get("lang", "vi"), record.line, image)

    def _id(self, value: str, at: int) -> str | None:
        if not _ID.match(value):
            self.problems.error(self.path, at, _(
                "id: expected lower-case letters, digits and '-' (it names the file "
                "tai-lieu/<id>.pdf), got {value}").format(value=excerpt(value)))
            return None
        if value in self.ids:
            self.problems.error(self.path, at, _("id: '{value}' is already used on line "
                                                 "{line}").format(value=cut(value),
                                                                  line=self.ids[value]))
            return None
        self.ids[value] = at
        if value in self.reserved:
            self.problems.error(self.path, at, _(
                "id: '{value}' is the automatic booklet of {path}; choose another id").format(
                    value=cut(value), path=self.reserved[value].path))
            return None
        return value

    def _image(self, value: str, at: int) -> str | None:
        if not value:
            return ""
        if not value.startswith("data/"):
            self.problems.error(self.path, at, _(
                "image: expected a path under data/, e.g. 'data/bia.png', got {value}")
                .format(value=excerpt(value)))
            return None
        data = value.split("/", 1)[0]
        reason = ProjectFiles.of(self.project_dir, (data,)).refusal(self.project_dir / value)
        if reason is not None:
            self.problems.error(self.path, at, _("image: {value} {reason}").format(
                value=value, reason=reason))
            return None
        return value

    def _items(self, values: list[str], at: int, lines: tuple[int, ...]
               ) -> list[Document] | None:
        if not values:
            self.problems.error(self.path, at, _("items: the booklet is empty; list document "
                                                 "numbers or paths under content/"))
            return None
        found: list[Document] = []
        ok = True
        for index, value in enumerate(values):
            line = lines[index] if index < len(lines) else at
            doc = self._item(value, line)
            if doc is None:
                ok = False
            elif doc in found:
                self.problems.error(self.path, line, _(
                    "items: '{value}' is listed twice in this booklet").format(value=cut(value)))
                ok = False
            else:
                found.append(doc)
        return found if ok else None

    def _item(self, value: str, at: int) -> Document | None:
        if not value:
            self.problems.error(self.path, at, _(
                "items: expected a document number like '271-KH/HU' or a path like "
                "'content/…/x.md', got {value}").format(value=excerpt(value)))
            return None
        if value.endswith(".md"):
            return self._by_path(value, at)
        try:
            number = DocumentNumber.parse(value)
        except ValueError as exc:
            self.problems.error(self.path, at, _("items: {problem}").format(problem=exc))
            return None
        doc = self.lookup.by_number.get(number.key)
        failed = self.lookup.failed.get(number.key)
        if doc is None and failed is not None:
            self.problems.error(self.path, at, _(
                "items: '{number}' is the number of {path}, which has errors (see them "
                "above); fix that file first").format(number=cut(value), path=failed),
                cause=failed)
        elif doc is None:
            self.problems.error(self.path, at, _(
                "items: '{value}' is not a document in {folder}").format(
                    value=cut(value), folder=f"{self.lookup.content}/"))
        return doc

    def _by_path(self, value: str, at: int) -> Document | None:
        prefix = f"{self.lookup.content}/"
        if not value.startswith(prefix):
            self.problems.error(self.path, at, _(
                "items: '{value}' is not a path in {folder}; write it from the project "
                "folder, e.g. '{folder}…/x.md'").format(value=cut(value), folder=prefix))
            return None
        doc = self.lookup.by_path.get(value)
        if doc is None and value in self.lookup.failed.values():
            self.problems.error(self.path, at, _(
                "items: {path} has errors (see them above); fix that file first").format(
                    path=value), cause=value)
        elif doc is None:
            self.problems.error(self.path, at, _(
                "items: '{value}' is not a document in {folder} (no such file)").format(
                    value=cut(value), folder=prefix))
        return doc
