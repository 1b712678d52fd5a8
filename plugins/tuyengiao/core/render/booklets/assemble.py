"""A booklet as one HTML document with print CSS, from the core's own pieces.

Each item is the document's Markdown body rendered with Python-Markdown (the
site's extensions, as :func:`~tuyengiao.core.load.markdown_config.read_markdown_config`
read them from ``mkdocs.yml``, with :data:`BOOKLET_OPTIONS` over the site's options,
plus :class:`NumberLinkExtension`), framed by the core's fragments (the
resolution's header block and signature, the guidance's key points). Then a
cover and a table of contents whose page numbers WeasyPrint fills in with
``target-counter``. Headings get ids unique in the booklet (``i2-…``), so the
contents, the PDF outline and internal links agree.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import escape

from tuyengiao.core.link.view import SiteView
from tuyengiao.core.load.booklets import COVER_IMAGES
from tuyengiao.core.load.html_policy import SafeHtmlExtension
from tuyengiao.core.load.structure import resolve_link
from tuyengiao.core.model.dates import long_date
from tuyengiao.core.model.document import Document
from tuyengiao.core.model.numbers import DocumentNumber
from tuyengiao.core.model.text import heading_slug
from tuyengiao.core.render.booklets.spec import Booklet
from tuyengiao.core.render.number_links import NumberLink, NumberLinkExtension
from tuyengiao.core.render.site.document import Renderer, mong_labels, number_questions

ASSETS = "assets"
FONT_FACES = (  # family, weight, style, file
    ("Noto Serif", 400, "normal", "NotoSerif-Regular.ttf"),
    ("Noto Serif", 400, "italic", "NotoSerif-Italic.ttf"),
    ("Noto Serif", 700, "normal", "NotoSerif-Bold.ttf"),
    ("Noto Serif", 700, "italic", "NotoSerif-BoldItalic.ttf"),
    ("Noto Sans", 400, "normal", "NotoSans-Regular.ttf"),
    ("Noto Sans", 700, "normal", "NotoSans-Bold.ttf"),
)
#: The booklet's own options of two of the site's extensions, set over the site's: heading
#: ids unique in the booklet (``slugify`` is set per booklet), only the ``##`` sections in
#: the contents and no permalink sign on paper; footnote ids unique in the booklet.
BOOKLET_OPTIONS: dict[str, dict[str, Any]] = {
    "toc": {"toc_depth": "2-2", "permalink": False},
    "footnotes": {"UNIQUE_IDS": True},
}

_LABELS = {
    "vi": {"toc": "Mục lục", "kicker": "Tài liệu học tập", "year": "Năm",
           "internal": "Tài liệu lưu hành nội bộ"},
    "hmn": {"toc": "Cov ntsiab lus (Mục lục)", "kicker": "Ntaub ntawv kawm", "year": "Xyoo",
            "internal": "Tài liệu lưu hành nội bộ"},
}


def assets_dir() -> Path:
    """The folder of the booklet CSS and fonts shipped with the package."""
    return Path(str(resources.files(__package__ or "tuyengiao.core.render.booklets") / ASSETS))


def font_files() -> list[Path]:
    return [assets_dir() / "fonts" / face[3] for face in FONT_FACES]


@lru_cache(maxsize=1)
def stylesheet() -> str:
    """``@font-face`` rules naming the shipped files, then ``booklet.css``."""
    faces = "".join(
        f'@font-face {{ font-family: "{family}"; font-weight: {weight}; font-style: {style}; '
        f'src: url("{(assets_dir() / "fonts" / name).as_uri()}"); }}\n'
        for family, weight, style, name in FONT_FACES)
    return faces + (assets_dir() / "booklet.css").read_text(encoding="utf-8")


@dataclass(frozen=True)
class TocEntry:
    """A line of the contents: level 1 for an item, 2 for its ``##`` sections."""

    level: int
    anchor: str
    text: str
    kind: str = ""


@dataclass
class BookletHtml:
    """The assembled document, the local files it uses and its contents."""

    html: str
    files: list[Path] = field(default_factory=list)
    toc: list[TocEntry] = field(default_factory=list)


class _Context:
    """What the Markdown processors need to know about the item being rendered."""

    def __init__(self, content_dir: Path, slugify: Any = heading_slug) -> None:
        self.content_dir = content_dir
        self._slugify = slugify
        self.prefix = ""
        self.src_uri = ""
        self.files: list[Path] = []
        #: Documents of the booklet by ``src_uri``, with the id of their part (``i2``).
        self.parts: dict[str, str] = {}

    def slugify(self, value: str, separator: str = "-") -> str:
        return self.prefix + str(self._slugify(value, separator))


class _LocalFiles(Treeprocessor):
    """Images next to documents become file URLs; a link to a document of the
    booklet points to its part, a link to any other page becomes plain text."""

    def __init__(self, md: Markdown, context: _Context) -> None:
        super().__init__(md)
        self.context = context

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag == "img":
                self._image(element)
            elif element.tag == "a" and _is_local(element.get("href", "")):
                self._link(element)

    def _link(self, element: etree.Element) -> None:
        path, _, fragment = element.get("href", "").partition("#")
        part = self.context.parts.get(resolve_link(self.context.src_uri, path))
        if part is not None:
            element.set("href", f"#{part}-{fragment}" if fragment else f"#{part}-title")
        else:
            element.tag = "span"
            element.attrib.clear()

    def _image(self, element: etree.Element) -> None:
        src = element.get("src", "")
        if not _is_local(src):
            return
        path = self.context.content_dir / resolve_link(self.context.src_uri, src)
        self.context.files.append(path)
        element.set("src", path.resolve().as_uri())


def _is_local(href: str) -> bool:
    return bool(href) and not href.startswith(("#", "/")) and ":" not in href


class BookletAssembler:
    """Assembles the booklets of one view; one Markdown instance per booklet."""

    def __init__(self, view: SiteView, renderer: Renderer, content_dir: Path,
                 data_dir: Path) -> None:
        self.view = view
        self.renderer = renderer
        self.content_dir = content_dir
        self.data_dir = data_dir

    def assemble(self, booklet: Booklet) -> BookletHtml:
        markdown = self.view.markdown
        context = _Context(self.content_dir,
                           markdown.options_of("toc").get("slugify") or heading_slug)
        anchors = {item.path: f"i{n}" for n, item in enumerate(booklet.items, start=1)}
        context.parts = {item.src_uri: anchors[item.path] for item in booklet.items}
        md = self._markdown(booklet, context, anchors)
        result = BookletHtml("")
        parts = []
        for n, item in enumerate(booklet.items, start=1):
            md.reset()
            context.prefix, context.src_uri = f"i{n}-", item.src_uri
            parts.append(self._item(item, f"i{n}", md, context, result.toc))
        cover = self._cover(booklet, context)
        result.files = context.files
        result.html = self._document(booklet, [cover, self._toc(booklet, result.toc), *parts])
        return result

    def _markdown(self, booklet: Booklet, context: _Context, anchors: dict[str, str]
                  ) -> Markdown:
        by_number = {d.number.key: anchors[d.path] for d in booklet.items if d.number}

        def link(number: DocumentNumber) -> NumberLink | None:
            target = self.view.target(number)
            if isinstance(target, Document):
                anchor = by_number.get(number.key)
                return NumberLink(f"#{anchor}", target.title) if anchor else None
            if target is not None and target.url:
                return NumberLink(target.url, f"{target.title} ({target.issuer})", True)
            return None

        toc = {**BOOKLET_OPTIONS["toc"], "slugify": context.slugify}
        md = self.view.markdown.markdown(
            NumberLinkExtension(link), SafeHtmlExtension(),
            overrides={**BOOKLET_OPTIONS, "toc": toc})
        md.treeprocessors.register(_LocalFiles(md, context), "tg_booklet_files", 5)
        return md

    def _item(self, doc: Document, anchor: str, md: Markdown, context: _Context,
              toc: list[TocEntry]) -> str:
        head, body, tail = self._compose(doc, anchor, context)
        html = md.convert(body)
        kind = _kind_line(doc)
        toc.append(TocEntry(1, anchor, doc.title, kind))
        toc += [TocEntry(2, t["id"], _plain(t["name"]))
                for t in getattr(md, "toc_tokens", []) if t["level"] == 2]
        title = "" if doc.type == "resolution" else (
            f'<p class="bk-kind">{escape(kind)}</p><h1 id="{anchor}-title">'
            f"{escape(doc.title)}</h1>")
        return (f'<article class="bk-item bk-item--{doc.type}" id="{anchor}" lang="{doc.lang}" '
                f'data-running="{escape(_running(doc))}">\n{title}{head}\n{html}\n{tail}'
                "</article>")

    def _compose(self, doc: Document, anchor: str, context: _Context) -> tuple[str, str, str]:
        """(HTML before the body, the body's Markdown, HTML after it)."""
        if doc.type == "resolution":
            return self._resolution(doc, anchor)
        if doc.type == "qa":
            found = [replace(q, anchor=context.prefix + q.anchor) for q in doc.structure.questions]
            audience = doc.fields.get("audience")
            intro = f'<p class="bk-intro">Đối tượng: {escape(audience)}</p>' if audience else ""
            return intro, number_questions(doc.body, found), ""
        if doc.type == "guidance":
            # No list of audiences with links: the contents list their sections with pages.
            head = self.renderer.fragment("guidance_head.html", doc.url, doc=doc, audiences=[])
            return head, doc.body, ""
        labels = mong_labels()
        credits = " · ".join(f"{labels[key]}: {doc.fields[key]}"
                             for key in ("translator", "reviewed_by") if doc.fields.get(key))
        intro = f'<p class="bk-intro">{escape(credits)}</p>' if credits else ""
        return intro, doc.body, ""

    def _resolution(self, doc: Document, anchor: str) -> tuple[str, str, str]:
        number = doc.number
        number_text = str(number) if number and not number.is_draft else (
            f"…{number}" if number else "…")
        signer_lines = [s.strip() for s in str(doc.fields.get("signer_title", "")).split(",")]
        header = self.renderer.fragment(
            "resolution_header.html", doc.url, doc=doc,
            style=number.style if number else "party", number_text=number_text,
            place_date=long_date(doc.date, doc.fields.get("place")))
        header = header.replace('<h1 class="tg-title">', f'<h1 class="tg-title" '
                                f'id="{anchor}-title">', 1)
        footer = self.renderer.fragment("resolution_footer.html", doc.url, doc=doc,
                                        signer_lines=[s for s in signer_lines if s])
        return header, doc.body, footer

    def _cover(self, booklet: Booklet, context: _Context) -> str:
        labels = _LABELS[booklet.lang]
        image = self._cover_image(booklet)
        picture = ""
        if image is not None:
            context.files.append(image)
            uri = image.resolve().as_uri()
            picture = f'<p class="bk-cover__image"><img src="{uri}" alt=""></p>'
        year = f'{labels["year"]} {booklet.date.year}' if booklet.date else ""
        note = "" if booklet.public else f'<p class="bk-cover__note">{labels["internal"]}</p>'
        subtitle = (f'<p class="bk-cover__subtitle">{escape(booklet.subtitle)}</p>'
                    if booklet.subtitle else "")
        return (
            f'<section class="bk-cover bk-cover--{booklet.lang}">'
            f'<p class="bk-cover__issuer" lang="vi">{escape(booklet.issuer)}</p>{picture}'
            f'<p class="bk-cover__kicker">{escape(labels["kicker"])}</p>'
            f'<p class="bk-cover__title">{escape(booklet.title)}</p>{subtitle}'
            f'<div class="bk-cover__foot">{note}<p class="bk-cover__year">{year}</p></div>'
            "</section>")

    def _cover_image(self, booklet: Booklet) -> Path | None:
        if booklet.image:
            return self.data_dir.parent / booklet.image
        return next((self.data_dir / n for n in COVER_IMAGES if (self.data_dir / n).is_file()),
                    None)

    def _toc(self, booklet: Booklet, toc: list[TocEntry]) -> str:
        lines = []
        for entry in toc:
            kind = f'<span class="bk-toc__kind">{escape(entry.kind)}</span>' if entry.kind else ""
            target = f"{entry.anchor}-title" if entry.level == 1 else entry.anchor
            lines.append(f'<li class="bk-toc__l{entry.level}">{kind}<a href="#{target}">'
                         f"{escape(entry.text)}</a></li>")
        return (f'<nav class="bk-toc"><h2 class="bk-toc__title">{_LABELS[booklet.lang]["toc"]}'
                f'</h2><ol>{"".join(lines)}</ol></nav>')

    def _document(self, booklet: Booklet, parts: list[str]) -> str:
        date = booklet.date.isoformat() if booklet.date else "2000-01-01"
        body = "\n".join(parts)
        return (
            f'<!DOCTYPE html>\n<html lang="{booklet.lang}"><head><meta charset="utf-8">'
            f"<title>{escape(booklet.title)}</title>"
            f'<meta name="author" content="{escape(booklet.issuer)}">'
            f'<meta name="description" content="{escape(booklet.subtitle)}">'
            '<meta name="generator" content="tuyengiao">'
            f'<meta name="dcterms.created" content="{date}T00:00:00+07:00">'
            f'<meta name="dcterms.modified" content="{date}T00:00:00+07:00">'
            f"</head>\n<body>{body}</body></html>\n")


def _plain(html_text: str) -> str:
    """The text of a toc token's name (Python-Markdown escapes it as HTML)."""
    from html import unescape

    return unescape(html_text)


def _kind_line(doc: Document) -> str:
    number = doc.number
    if doc.type == "resolution":
        return f"{doc.kind_name} số {number}" if number and not number.is_draft else (
            f"Dự thảo {doc.kind_name.lower()}")
    if doc.type == "summary":
        return "Lus Hmoob · Tóm tắt tiếng Mông"
    return doc.doc_type.label


def _running(doc: Document) -> str:
    """The short title in the running header of the item's pages."""
    parent = doc.parent_number
    if doc.type == "resolution" or parent is None:
        return _kind_line(doc)
    return f"{_kind_line(doc)} · {parent}"
