"""The raw-HTML policy of Markdown bodies: what HTML an editor may write.

A body may hold HTML (a table Markdown cannot draw, ``<sup>``, ``<br>``,
``<abbr>``…) and ``attr_list`` attributes (``{: .class #id title="…"}``). Nothing
of it may run script, load a frame or an object, or fetch from another host:
:data:`ALLOWED_TAGS` and :data:`ALLOWED_ATTRIBUTES` are the whole list of what is
kept, and the sanitizer that keeps them is ``nh3`` (the binding of the maintained
Rust crate ammonia), not regular expressions.

:class:`SafeHtmlExtension` applies the policy inside Python-Markdown, to both ways
HTML gets into a page:

* raw HTML (blocks and inline), which Python-Markdown stashes and pastes back
  after the tree is serialised: the whole output is cleaned by ``nh3`` once it is
  pasted;
* the element tree (``attr_list`` sets attributes on elements with no raw HTML
  at all: ``![](x.png){: onerror="…"}``): every element and attribute not in the
  lists is removed, and so is a URL with a scheme other than those allowed.

The site (every document page), the booklets and ``check`` all use it. ``check``
runs it with a ``report`` list, and :func:`policy_problems` turns what was removed
into located warnings (``--strict`` makes them errors).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import nh3
from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

from tuyengiao.core.model.problems import Problems
from tuyengiao.i18n import _

#: Elements a body may hold (tables, text-level marks, lists, figures, details…).
ALLOWED_TAGS = frozenset({
    "a", "abbr", "article", "aside", "audio", "b", "blockquote", "br", "caption", "cite",
    "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "kbd", "li", "mark", "nav", "ol", "p", "pre", "q", "s", "samp", "section", "small",
    "source", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})
#: Attributes any allowed element may carry (plus ``aria-*``).
GENERIC_ATTRIBUTES = frozenset({"class", "id", "lang", "title", "dir", "role"})
#: Attributes of some elements.
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang", "download"}),
    "abbr": frozenset(),
    "audio": frozenset({"src", "controls", "preload"}),
    "source": frozenset({"src", "type"}),
    "img": frozenset({"src", "alt", "width", "height", "loading", "decoding"}),
    "td": frozenset({"colspan", "rowspan", "align", "style"}),
    "th": frozenset({"colspan", "rowspan", "align", "scope", "style"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "details": frozenset({"open"}),
    "time": frozenset({"datetime"}),
    "q": frozenset({"cite"}),
    "blockquote": frozenset({"cite"}),
}
GENERIC_PREFIXES = frozenset({"aria-"})
#: Attributes holding a URL, and the schemes a link may use. A picture or a
#: recording must be a file of the project (no scheme at all): the site requests
#: nothing from another host, and a booklet reads nothing from outside.
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
#: The only CSS a ``style`` attribute keeps (the tables extension aligns columns so).
STYLE_PROPERTIES = frozenset({"text-align"})
#: Elements removed with everything in them (the others lose their tags, keep their text).
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template",
                                  "noscript", "svg", "math", "form", "textarea", "select"})

_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*)\s*:")


@dataclass(frozen=True)
class Removed:
    """One thing the policy took out of a body: what it was and a text to find it by."""

    what: str
    needle: str


def url_allowed(tag: str, attribute: str, value: str) -> bool:
    """True when a URL attribute may stay: no scheme (a file or page of the site, an
    anchor), or for a link's ``href`` one of :data:`LINK_SCHEMES`."""
    cleaned = "".join(ch for ch in value if ch >= " " and ch not in "\t\n\r")
    match = _SCHEME.match(cleaned)
    if match is None:
        return not cleaned.lstrip().startswith("//")  # //host/x is another host
    return tag == "a" and attribute == "href" and match.group(1).lower() in LINK_SCHEMES


def attribute_allowed(tag: str, name: str) -> bool:
    name = name.lower()
    return (name in GENERIC_ATTRIBUTES or name in ALLOWED_ATTRIBUTES.get(tag, ())
            or any(name.startswith(p) for p in GENERIC_PREFIXES))


def _nh3_attribute(tag: str, name: str, value: str) -> str | None:
    if name in URL_ATTRIBUTES and not url_allowed(tag, name, value):
        return None
    return value


def clean_html(fragment: str) -> str:
    """``fragment`` with only what the policy allows, cleaned by ``nh3``."""
    return str(nh3.clean(
        fragment, tags=set(ALLOWED_TAGS), clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={"*": set(GENERIC_ATTRIBUTES),
                    **{tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()}},
        generic_attribute_prefixes=set(GENERIC_PREFIXES), attribute_filter=_nh3_attribute,
        url_schemes=set(LINK_SCHEMES), link_rel=None, strip_comments=True,
        filter_style_properties=set(STYLE_PROPERTIES)))


class _Inventory(HTMLParser):
    """Lists what :func:`clean_html` will remove from a fragment (for the warnings)."""

    def __init__(self, found: list[Removed]) -> None:
        super().__init__(convert_charrefs=True)
        self.found = found

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.found.append(Removed(f"<{tag}>", f"<{tag}"))
            return
        for name, value in attrs:
            _check_attribute(tag, name, value or "", self.found)

    handle_startendtag = handle_starttag


def _check_attribute(tag: str, name: str, value: str, found: list[Removed]) -> None:
    if not attribute_allowed(tag, name):
        found.append(Removed(f"the attribute {name}= of <{tag}>", name))
    elif name.lower() in URL_ATTRIBUTES and not url_allowed(tag, name.lower(), value):
        found.append(Removed(f"the address {value!r} of <{tag} {name}=>", value))
    elif name.lower() == "style" and _style_removed(value):
        found.append(Removed(f"the style {value!r} of <{tag}>", value))


def _style_removed(value: str) -> bool:
    names = {part.split(":", 1)[0].strip().lower() for part in value.split(";") if part.strip()}
    return not names <= STYLE_PROPERTIES


def inventory(fragment: str) -> list[Removed]:
    """What the policy removes from a fragment of raw HTML."""
    found: list[Removed] = []
    parser = _Inventory(found)
    parser.feed(fragment)
    parser.close()
    return found


class _CleanTree(Treeprocessor):
    """Removes elements and attributes (``attr_list``'s included) the policy does not allow."""

    def __init__(self, md: Markdown, report: list[Removed] | None) -> None:
        super().__init__(md)
        self.report = report

    def run(self, root: etree.Element) -> None:
        self._clean(root)

    def _clean(self, parent: etree.Element) -> None:
        for child in list(parent):
            if not isinstance(child.tag, str) or child.tag not in ALLOWED_TAGS:
                self._note(Removed(f"<{child.tag}>", f"<{child.tag}"))
                _remove(parent, child)
                continue
            for name, value in list(child.attrib.items()):
                found: list[Removed] = []
                _check_attribute(child.tag, name, value, found)
                if found:
                    for item in found:
                        self._note(item)
                    del child.attrib[name]
            self._clean(child)

    def _note(self, removed: Removed) -> None:
        if self.report is not None:
            self.report.append(removed)


def _remove(parent: etree.Element, child: etree.Element) -> None:
    """Take ``child`` out of ``parent``, keeping the text after it."""
    tail = child.tail or ""
    index = list(parent).index(child)
    parent.remove(child)
    if tail:
        if index == 0:
            parent.text = (parent.text or "") + tail
        else:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + tail


class _CleanOutput(Postprocessor):
    """Cleans the body's HTML once the raw HTML is pasted back (an inline tag and its end
    tag are stashed apart, so they are cleaned together, in the output)."""

    def __init__(self, md: Markdown, report: list[Removed] | None,
                 active: Callable[[], bool]) -> None:
        super().__init__(md)
        self.report = report
        self.active = active
        #: ``toc`` runs the postprocessors on its own HTML too: a body's stash is reported
        #: once per conversion (:meth:`SafeHtmlExtension.reset` clears this).
        self.reported = False

    def run(self, text: str) -> str:
        if not self.active():
            return text
        if self.report is not None and not self.reported:
            self.reported = True
            for piece in self.md.htmlStash.rawHtmlBlocks:
                raw = piece if isinstance(piece, str) else self.md.serializer(piece)
                self.report.extend(inventory(raw))
        return clean_html(text)


class SafeHtmlExtension(Extension):
    """Applies the raw-HTML policy to a body (see the module). ``report`` collects what
    was removed; ``active`` (default: always) lets an engine skip pages that hold no
    editor's text (generated pages, whose HTML is the core's own)."""

    def __init__(self, report: list[Removed] | None = None,
                 active: Callable[[], bool] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.report = report
        self.active = active or (lambda: True)

    def extendMarkdown(self, md: Markdown) -> None:
        tree = _CleanTree(md, self.report)
        run = tree.run
        tree.run = lambda root: run(root) if self.active() else None  # type: ignore[method-assign]
        # after every other tree processor (attr_list 8, toc 5, unescape 0)
        md.treeprocessors.register(tree, "tg_safe_tree", -10)
        # after the raw HTML (30) and the footnotes (25) are pasted back
        self._output = _CleanOutput(md, self.report, self.active)
        md.postprocessors.register(self._output, "tg_safe_html", 5)
        md.registerExtension(self)  # for reset()

    def reset(self) -> None:
        if hasattr(self, "_output"):
            self._output.reported = False


def policy_problems(path: str, body: str, body_line: int, md: Markdown,
                    report: list[Removed], problems: Problems) -> None:
    """Convert ``body`` with ``md`` (which holds a :class:`SafeHtmlExtension` filling
    ``report``) and warn about each thing removed, at the line where it is written."""
    report.clear()
    md.reset()
    md.convert(body)
    if not report:
        return
    lines = [text.lower() for text in body.split("\n")]
    after: dict[str, int] = {}  # a needle found twice: the second is looked for further on
    for removed in report:
        needle, start = removed.needle.lower(), after.get(removed.needle.lower(), 0)
        line = next((n for n in range(start, len(lines)) if needle in lines[n]),
                    next((n for n, text in enumerate(lines) if needle in text), 0))
        after[needle] = line + 1
        problems.warning(path, body_line + line,
                         _("{what} is not allowed in a document's HTML and was removed (see "
                           "README, Security: the HTML a body may hold)").format(
                             what=removed.what))
