"""``data/booklets.yml``: booklets defined by hand, checked against the corpus.

Each entry names its items by document number (``14-KH/TU``) or by path
(``content/hoi-dap/dai-hoi-xiii.md``). Every mistake is a located problem
(file, line of the key or item): an unknown number, a path that is not a
document of ``content/``, an empty booklet, a duplicate id, a bad ``lang``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tuyengiao.core.load.files import construct, read_yaml_list
from tuyengiao.core.model.document import Document
from tuyengiao.core.model.numbers import DocumentNumber
from tuyengiao.core.model.problems import Problems

BOOKLETS_FILE = "booklets.yml"
LANGS = ("vi", "hmn")
_KEYS = ("id", "title", "subtitle", "items", "lang", "image")
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
    listed = read_yaml_list(project_dir, rel_path, problems,
                            "booklets, each with id, title and items")
    if listed is None:
        return []
    loader, items = listed
    reader = _EntryReader(rel_path, loader, lookup, reserved, problems)
    reader.project_dir = project_dir
    found = [reader.read(entry) for entry in items]
    return [d for d in found if d is not None]


class _EntryReader:
    """Checks entries one by one and remembers the ids already used."""

    def __init__(self, path: str, loader: Any, lookup: DocumentLookup,
                 reserved: Mapping[str, Document], problems: Problems) -> None:
        self.path = path
        self.loader = loader
        self.lookup = lookup
        self.reserved = reserved
        self.problems = problems
        self.ids: dict[str, int] = {}
        self.project_dir = Path(".")

    def read(self, node: yaml.Node) -> BookletDefinition | None:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            self.problems.error(self.path, line, "expected a booklet: a mapping with id, "
                                "title and items")
            return None
        keys = {k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}
        for key, (key_node, _) in keys.items():
            if key not in _KEYS:
                self.problems.warning(self.path, key_node.start_mark.line + 1,
                                      f"{key}: unknown key (ignored); known keys: "
                                      + ", ".join(_KEYS))
        booklet_id = self._id(keys, line)
        title = self._text(keys, "title", line, required=True)
        subtitle = self._text(keys, "subtitle", line, required=False)
        lang = self._lang(keys)
        image = self._image(keys)
        items = self._items(keys, line)
        if (booklet_id is None or title is None or subtitle is None or lang is None
                or image is None or items is None):
            return None
        return BookletDefinition(booklet_id, title, subtitle, tuple(items), lang, line,
                                 image or "")

    def _value(self, node: yaml.Node) -> Any:
        try:
            return construct(self.loader, node)
        except yaml.YAMLError as exc:
            return exc

    def _line(self, keys: dict[str, Any], key: str, default: int) -> int:
        return keys[key][0].start_mark.line + 1 if key in keys else default

    def _text(self, keys: dict[str, Any], key: str, line: int, required: bool) -> str | None:
        if key not in keys:
            if required:
                self.problems.error(self.path, line, f"{key}: required text is missing")
                return None
            return ""
        value = self._value(keys[key][1])
        if not isinstance(value, str) or (required and not value.strip()):
            what = "required text is missing" if value in (None, "") else (
                f"expected text, got {value!r}")
            self.problems.error(self.path, self._line(keys, key, line), f"{key}: {what}")
            return None
        return value.strip()

    def _id(self, keys: dict[str, Any], line: int) -> str | None:
        value = self._text(keys, "id", line, required=True)
        if value is None:
            return None
        at = self._line(keys, "id", line)
        if not _ID.match(value):
            self.problems.error(self.path, at, f"id: expected lower-case letters, digits and "
                                f"'-' (it names the file tai-lieu/<id>.pdf), got {value!r}")
            return None
        if value in self.ids:
            self.problems.error(self.path, at, f"id: '{value}' is already used on line "
                                f"{self.ids[value]}")
            return None
        self.ids[value] = at
        if value in self.reserved:
            self.problems.error(self.path, at, f"id: '{value}' is the automatic booklet of "
                                f"{self.reserved[value].path}; choose another id")
            return None
        return value

    def _lang(self, keys: dict[str, Any]) -> str | None:
        if "lang" not in keys:
            return "vi"
        value = self._value(keys["lang"][1])
        if value not in LANGS:
            self.problems.error(self.path, self._line(keys, "lang", 0),
                                f"lang: expected 'vi' or 'hmn', got {value!r}")
            return None
        return str(value)

    def _image(self, keys: dict[str, Any]) -> str | None:
        if "image" not in keys:
            return ""
        value = self._value(keys["image"][1])
        at = self._line(keys, "image", 0)
        if not isinstance(value, str) or not value.startswith("data/"):
            self.problems.error(self.path, at, "image: expected a path under data/, "
                                f"e.g. 'data/bia.png', got {value!r}")
            return None
        if not (self.project_dir / value).is_file():
            self.problems.error(self.path, at, f"image: {value} does not exist")
            return None
        return value

    def _items(self, keys: dict[str, Any], line: int) -> list[Document] | None:
        if "items" not in keys:
            self.problems.error(self.path, line, "items: the booklet is empty; list document "
                                "numbers or paths under content/")
            return None
        node = keys["items"][1]
        at = self._line(keys, "items", line)
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            what = "the booklet is empty" if self._value(node) in (None, [], "") else (
                "expected a list")
            self.problems.error(self.path, at, f"items: {what}; list document numbers or "
                                "paths under content/")
            return None
        found: list[Document] = []
        ok = True
        for item in node.value:
            doc = self._item(item)
            if doc is None:
                ok = False
            elif doc in found:
                self.problems.error(self.path, item.start_mark.line + 1,
                                    f"items: '{item.value}' is listed twice in this booklet")
                ok = False
            else:
                found.append(doc)
        return found if ok else None

    def _item(self, node: yaml.Node) -> Document | None:
        at = node.start_mark.line + 1
        value = self._value(node)
        if not isinstance(value, str) or not value.strip():
            self.problems.error(self.path, at, "items: expected a document number like "
                                f"'271-KH/HU' or a path like 'content/…/x.md', got {value!r}")
            return None
        value = value.strip()
        if value.endswith(".md"):
            return self._by_path(value, at)
        try:
            number = DocumentNumber.parse(value)
        except ValueError as exc:
            self.problems.error(self.path, at, f"items: {exc}")
            return None
        doc = self.lookup.by_number.get(number.key)
        if doc is None:
            self.problems.error(self.path, at, f"items: '{value}' is not a document in "
                                f"{self.lookup.content}/")
        return doc

    def _by_path(self, value: str, at: int) -> Document | None:
        prefix = f"{self.lookup.content}/"
        if not value.startswith(prefix):
            self.problems.error(self.path, at, f"items: '{value}' is not a path in {prefix}; "
                                f"write it from the project folder, e.g. '{prefix}…/x.md'")
            return None
        doc = self.lookup.by_path.get(value)
        if doc is None:
            self.problems.error(self.path, at, f"items: '{value}' is not a document in "
                                f"{prefix} (no such file, or it has errors)")
        return doc
