"""A Python-Markdown extension that links document numbers in running text.

``Kế hoạch số 148-KH/TU`` becomes a link to that document's page when the
build shows it, to its official page when ``data/external.yml`` gives a URL,
and stays plain text otherwise, in ``<span class="tg-num">`` so that it never
breaks across lines (as do the numbers in an editor's own link text). It works on
the element tree after inline processing, so numbers inside links, code and raw HTML
are never linked (the elements :data:`~tuyengiao.core.load.structure.NOT_PROSE`,
which the reading of a body skips too: what it calls a mention is what this
extension links).

A Python-Markdown extension like its own ones: ``makeExtension(**options)``, and
the options ``resolver`` and ``hidden`` in ``self.config``::

    Markdown(extensions=["tuyengiao.core.render.number_links"],
             extension_configs={"tuyengiao.core.render.number_links": {"resolver": link}})
    Markdown(extensions=[NumberLinkExtension(link, hidden)])
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from tuyengiao.core.load.structure import NOT_PROSE
from tuyengiao.core.model.numbers import DocumentNumber, find_numbers


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

    def _walk(self, parent: etree.Element, link: bool = True) -> None:
        if parent.tag in NOT_PROSE:
            if parent.tag != "a" or not link:
                return
            link = False  # an editor's link: its numbers are kept whole, not linked
        for child in list(parent):
            self._walk(child, link)
        if parent.text:
            split = self._split(parent.text, link)
            if split is not None:
                parent.text, links = split
                for i, element in enumerate(links):
                    parent.insert(i, element)
        for child in list(parent):
            if child.tail:
                self._split_tail(parent, child, link)

    def _split_tail(self, parent: etree.Element, child: etree.Element, link: bool) -> None:
        split = self._split(child.tail or "", link)
        if split is None:
            return
        child.tail, links = split
        position = list(parent).index(child) + 1
        for offset, element in enumerate(links):
            parent.insert(position + offset, element)

    def _element(self, number: DocumentNumber, link: bool) -> etree.Element:
        """``<a class="tg-ref">`` (or ``<abbr>`` with the title only) for a number the
        resolver links; ``<span class="tg-num">`` for one it does not, or inside a
        link: either way the number never breaks across lines (CSS ``nowrap``)."""
        found = self.resolver(number) if link else None
        if found is None:
            element = etree.Element("span")
            element.set("class", "tg-num")
            return element
        element = etree.Element("a" if found.href else "abbr")
        if found.href:
            element.set("href", found.href)
        element.set("title", found.title)
        element.set("class", "tg-ref tg-ref--external" if found.external else "tg-ref")
        return element

    def _split(self, text: str, link: bool = True) -> tuple[str, list[etree.Element]] | None:
        """(leading text, [element…]) with each element's tail set; None if no number."""
        head = ""
        links: list[etree.Element] = []
        cursor = 0
        for mention in find_numbers(text):
            element = self._element(mention.number, link)
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


def no_link(number: DocumentNumber) -> NumberLink | None:
    """The default resolver: no number is linked."""
    return None


def nothing_hidden(href: str) -> bool:
    """The default ``hidden``: every link is kept."""
    return False


class NumberLinkExtension(Extension):
    """Links document numbers; ``NumberLinkExtension(resolver, hidden)`` or by its name.

    Options: ``resolver`` (a number → :class:`NumberLink` or None; by default nothing
    is linked) and ``hidden`` (an ``href`` → True when the link leads to a page this
    build leaves out, which then becomes plain text; by default none).
    """

    def __init__(
        self, resolver: Resolver | None = None, hidden: HiddenLink | None = None,
        **kwargs: object,
    ) -> None:
        self.config = {
            "resolver": [no_link, "Callable: a DocumentNumber → NumberLink, or None"],
            "hidden": [nothing_hidden, "Callable: an href → True to turn that link into "
                       "plain text"],
        }
        if resolver is not None:
            kwargs["resolver"] = resolver
        if hidden is not None:
            kwargs["hidden"] = hidden
        super().__init__(**kwargs)

    @property
    def resolver(self) -> Resolver:
        resolver: Resolver = self.getConfig("resolver")
        return resolver

    @property
    def hidden(self) -> HiddenLink:
        hidden: HiddenLink = self.getConfig("hidden")
        return hidden

    def extendMarkdown(self, md: Markdown) -> None:
        # After inline processing (20), so links and code exist, and after engines'
        # own link rewriting (MkDocs' "relpath" is 0): our hrefs are already final.
        if self.resolver is not no_link:
            md.treeprocessors.register(NumberLinkTreeprocessor(md, self.resolver),
                                       "tg_numbers", -10)
        if self.hidden is not nothing_hidden:
            # Before the engine's link checks, which would report (and keep) the link.
            md.treeprocessors.register(HiddenLinkTreeprocessor(md, self.hidden), "tg_hidden", 15)


def makeExtension(**kwargs: Any) -> NumberLinkExtension:
    """The extension from its options, as Python-Markdown calls it for a name:
    ``Markdown(extensions=["tuyengiao.core.render.number_links"])``."""
    return NumberLinkExtension(**kwargs)
