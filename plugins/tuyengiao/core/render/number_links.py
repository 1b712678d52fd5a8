"""A Python-Markdown extension that links document numbers in running text.

``Kế hoạch số 148-KH/TU`` becomes a link to that document's page when the
build shows it, to its official page when ``data/external.yml`` gives a URL,
and stays plain text otherwise. It works on the element tree after inline
processing, so numbers inside links, code and raw HTML are left alone.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from tuyengiao.core.model.numbers import DocumentNumber, find_numbers

_SKIP = {"a", "code", "pre", "script", "style", "kbd", "samp"}


@dataclass(frozen=True)
class NumberLink:
    """Where a mention points: ``href`` (may be empty) and a hover ``title``."""

    href: str
    title: str
    external: bool = False


Resolver = Callable[[DocumentNumber], NumberLink | None]
HiddenLink = Callable[[str], bool]


class HiddenLinkTreeprocessor(Treeprocessor):
    """Turns an editor's link to a document this build leaves out into plain text."""

    def __init__(self, md: Markdown, hidden: HiddenLink) -> None:
        super().__init__(md)
        self.hidden = hidden

    def run(self, root: etree.Element) -> None:
        for element in root.iter("a"):
            if self.hidden(element.get("href", "")):
                element.tag = "span"
                element.attrib.clear()


class NumberLinkTreeprocessor(Treeprocessor):
    """Splits text nodes around document numbers and wraps each in ``<a>``."""

    def __init__(self, md: Markdown, resolver: Resolver) -> None:
        super().__init__(md)
        self.resolver = resolver

    def run(self, root: etree.Element) -> None:
        self._walk(root)

    def _walk(self, parent: etree.Element) -> None:
        if parent.tag in _SKIP:
            return
        for child in list(parent):
            self._walk(child)
        if parent.text:
            split = self._split(parent.text)
            if split is not None:
                parent.text, links = split
                for i, link in enumerate(links):
                    parent.insert(i, link)
        for child in list(parent):
            if child.tail:
                self._split_tail(parent, child)

    def _split_tail(self, parent: etree.Element, child: etree.Element) -> None:
        split = self._split(child.tail or "")
        if split is None:
            return
        child.tail, links = split
        position = list(parent).index(child) + 1
        for offset, link in enumerate(links):
            parent.insert(position + offset, link)

    def _split(self, text: str) -> tuple[str, list[etree.Element]] | None:
        """(leading text, [<a>…]) with each link's tail set; None if nothing linked."""
        head = ""
        links: list[etree.Element] = []
        cursor = 0
        for mention in find_numbers(text):
            link = self.resolver(mention.number)
            if link is None:
                continue
            element = etree.Element("a" if link.href else "abbr")
            if link.href:
                element.set("href", link.href)
            element.set("title", link.title)
            element.set("class", "tg-ref tg-ref--external" if link.external else "tg-ref")
            element.text = text[mention.start : mention.end]
            before = text[cursor : mention.start]
            if links:
                links[-1].tail = before
            else:
                head = before
            links.append(element)
            cursor = mention.end
        if not links:
            return None
        links[-1].tail = text[cursor:]
        return head, links


class NumberLinkExtension(Extension):
    """Register with ``markdown.Markdown(extensions=[NumberLinkExtension(resolver)])``."""

    def __init__(
        self, resolver: Resolver, hidden: HiddenLink | None = None, **kwargs: object
    ) -> None:
        self.resolver = resolver
        self.hidden = hidden
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # After inline processing (20), so links and code exist, and after engines'
        # own link rewriting (MkDocs' "relpath" is 0): our hrefs are already final.
        md.treeprocessors.register(NumberLinkTreeprocessor(md, self.resolver), "tg_numbers", -10)
        if self.hidden is not None:
            # Before the engine's link checks, which would report (and keep) the link.
            md.treeprocessors.register(HiddenLinkTreeprocessor(md, self.hidden), "tg_hidden", 15)
