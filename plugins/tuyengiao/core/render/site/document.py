"""Stage 4, *render*: each document's page as Markdown with HTML fragments.

The renderer is engine-independent: it returns a :class:`PageSource` (meta and
Markdown) that MkDocs, or a successor engine, turns into HTML. Links are
relative to the page, so the site works under any base path.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any

import yaml
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from tuyengiao.core.link.view import Related, SiteView
from tuyengiao.core.model.body import Question
from tuyengiao.core.model.dates import long_date, short_date
from tuyengiao.core.model.document import Document
from tuyengiao.core.model.urls import relative_url
from tuyengiao.core.render.booklets.links import BookletLink
from tuyengiao.core.render.feeds.plan import type_feed_meta
from tuyengiao.core.render.nobreak import add_filters, numbers
from tuyengiao.core.render.share.build import key_point_url
from tuyengiao.core.render.share.cards import CARD_PREFIX, SHARE_FILE, kind_text


@dataclass
class PageSource:
    """A page for the engine: where it goes, its meta and its Markdown."""

    src_uri: str
    url: str
    title: str
    markdown: str
    meta: dict[str, Any] = field(default_factory=dict)


@functools.cache
def mong_labels() -> dict[str, str]:
    """The product's labels on Mông pages (``strings_hmn.yml``, one file for review)."""
    text = resources.files(__package__ or "tuyengiao.core.render.site").joinpath(
        "strings_hmn.yml").read_text(encoding="utf-8")
    labels = yaml.safe_load(text)
    return {str(key): str(value) for key, value in labels.items()}


def make_environment() -> Environment:
    """The Jinja environment of the core's HTML fragments."""
    return add_filters(Environment(
        loader=PackageLoader("tuyengiao", "core/render/site/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    ))


class Renderer:
    """Renders documents of one :class:`SiteView`."""

    def __init__(self, view: SiteView, env: Environment | None = None,
                 booklets: Mapping[str, Sequence[BookletLink]] | None = None) -> None:
        self.view = view
        self.env = env or make_environment()
        self.booklets = booklets or {}

    def fragment(self, name: str, page_url: str, **context: Any) -> str:
        """Render a template fragment with links relative to ``page_url``."""
        rel: Callable[[str], str] = lambda url: relative_url(page_url, url)  # noqa: E731
        html = self.env.get_template(name).render(rel=rel, meta_line=self.meta_line, **context)
        # Python-Markdown ends a raw HTML block at a blank line: keep fragments compact.
        return "\n".join(line for line in html.split("\n") if line.strip())

    def meta_line(self, doc: Document) -> str:
        """The short line under a title in lists: kind, number, date, issuer."""
        parts: list[str] = []
        if doc.type == "resolution":
            number = doc.number
            parts.append(doc.kind_name + (f" {number}" if number and not number.is_draft else ""))
            if doc.is_draft:
                parts.append("dự thảo")
            parts.append(short_date(doc.date))
            parts.append(str(doc.fields.get("issuer", "")))
        else:
            parts.append(doc.doc_type.label)
            parent = doc.parent_number
            if parent is not None:
                parts.append(f"về {parent}")
            parts.append(short_date(doc.date))
        if not doc.is_public:
            parts.append("nội bộ")
        return " · ".join(p for p in parts if p)

    def document(self, doc: Document) -> PageSource:
        """The page of one document."""
        compose = {
            "resolution": self._resolution,
            "qa": self._qa,
            "guidance": self._guidance,
            "summary": self._summary,
        }[doc.type]
        related = self.view.related(doc)
        blocks = [self._internal_banner(doc), *compose(doc, related)]
        if doc.path in self.booklets:  # the printable booklets this document is in
            blocks.append(self.fragment("booklet_links.html", doc.url,
                                        booklets=self.booklets[doc.path],
                                        label=mong_labels()["booklet"] if doc.lang == "hmn"
                                        else "Tải tài liệu in", lang=doc.lang))
        blocks.append(self._related(doc, related))
        meta: dict[str, Any] = {
            "title": doc.title,
            "description": doc.description or self.meta_line(doc),
            "lang": doc.lang,
            "tg_type": doc.type,
            # The share preview (partials/reach.html) and the feed of the document's type.
            "tg_image": doc.url + SHARE_FILE,
            "tg_image_alt": f"{kind_text(doc)}: {doc.title}",
            **type_feed_meta(doc.doc_type),
        }
        if doc.tags:
            meta["tags"] = doc.tags
        markdown = "\n\n".join(b.strip("\n") for b in blocks if b.strip()) + "\n"
        return PageSource(doc.src_uri, doc.url, doc.title, markdown, meta)

    def _internal_banner(self, doc: Document) -> str:
        if doc.is_public:
            return ""
        return ('<div class="admonition warning tg-internal"><p class="admonition-title">'
                "Tài liệu nội bộ</p><p>Không đăng lên trang công khai.</p></div>")

    def _resolution(self, doc: Document, related: Related) -> list[str]:
        number = doc.number
        number_text = str(number) if number and not number.is_draft else (
            f"…{number}" if number else "…")
        style = number.style if number else "party"
        signer_lines = [s.strip() for s in str(doc.fields.get("signer_title", "")).split(",")]
        header = self.fragment(
            "resolution_header.html", doc.url, doc=doc, style=style, number_text=number_text,
            place_date=long_date(doc.date, doc.fields.get("place")),
        )
        footer = self.fragment("resolution_footer.html", doc.url, doc=doc,
                               signer_lines=[s for s in signer_lines if s])
        return [header, self._audio(doc), doc.body, footer]

    def _qa(self, doc: Document, related: Related) -> list[str]:
        found = list(doc.structure.questions)
        intro = self._intro(doc, related, "Giải thích văn bản",
                            f"Đối tượng: {doc.fields['audience']}" if "audience" in doc.fields
                            else "")
        toc = self.fragment("qa_questions.html", doc.url, questions=found)
        return [intro, self._audio(doc), toc, number_questions(doc.body, found)]

    def _guidance(self, doc: Document, related: Related) -> list[str]:
        anchors = {s.text.casefold(): s.anchor for s in doc.structure.sections}
        audiences = [{"text": a, "anchor": anchors.get(a.casefold(), "")}
                     for a in doc.fields.get("audiences", [])]
        intro = self._intro(doc, related, "Hướng dẫn về văn bản", "")
        slug = doc.url.rstrip("/").rsplit("/", 1)[-1]
        cards = [{"url": key_point_url(doc.url, i), "index": i, "text": point,
                  "download": f"{slug}-{CARD_PREFIX}{i}.png"}
                 for i, point in enumerate(doc.fields.get("key_points") or [], 1)]
        head = self.fragment("guidance_head.html", doc.url, doc=doc, audiences=audiences,
                             cards=cards)
        return [intro, self._audio(doc), head, doc.body]

    def _summary(self, doc: Document, related: Related) -> list[str]:
        intro = self._intro(doc, related, mong_labels()["source"], self._credits(doc))
        return [intro, self._audio(doc), doc.body]

    def _audio(self, doc: Document) -> str:
        """The player and a download link with the file's format, size and length: an
        operator copies the file to the loudspeaker system."""
        audio = self.view.audio(doc)
        return self.fragment("audio.html", doc.url, audio=audio) if audio else ""

    def _credits(self, doc: Document) -> str:
        parts = []
        labels = mong_labels()
        if doc.fields.get("translator"):
            parts.append(f"{labels['translator']}: {doc.fields['translator']}")
        if doc.fields.get("reviewed_by"):
            parts.append(f"{labels['reviewed_by']}: {doc.fields['reviewed_by']}")
        return " · ".join(parts)

    def _intro(self, doc: Document, related: Related, label: str, extra: str) -> str:
        macros = self.env.get_template("macros.html").make_module(
            {"rel": lambda url: relative_url(doc.url, url), "meta_line": self.meta_line})
        lines = []
        if related.parent is not None:
            cited = Markup(getattr(macros, "citation")(related.parent))  # noqa: B009
            if doc.lang != "vi":  # a Mông page: its label is Mông, the source Vietnamese
                cited = Markup('<span lang="vi">{}</span>').format(cited)
            lines.append(Markup("<strong>{}:</strong> ").format(label) + cited)
        if extra:
            lines.append(numbers(extra))
        if not lines:
            return ""
        body = Markup("<br>").join(lines)
        lang = ' lang="vi"' if doc.lang == "vi" else ""
        return f'<p class="tg-intro"{lang}>{body}</p>'

    def _related(self, doc: Document, related: Related) -> str:
        groups = [
            ("Văn bản thực hiện văn bản này", related.implemented_by),
            ("Tài liệu hỏi – đáp", related.qa),
            ("Hướng dẫn báo cáo viên", related.guidance),
            ("Tóm tắt tiếng Mông", related.summaries),
            ("Được nhắc đến trong", related.mentioned_by),
        ]
        implements = "Thực hiện"
        if doc.lang == "hmn":
            labels = mong_labels()
            keys = ("implemented_by", "qa", "guidance", "summaries", "mentioned_by")
            groups = [(labels[key], docs) for key, (_, docs) in zip(keys, groups, strict=True)]
            implements = labels["implements"]
        shown = replace(related, parent=None)  # the parent is shown at the top already
        if not shown:
            return ""
        heading = "## Văn bản liên quan {#van-ban-lien-quan}"
        if doc.lang == "hmn":
            heading = f"## {mong_labels()['related']} {{#van-ban-lien-quan}}"
        html = self.fragment("related.html", doc.url, related=shown, groups=groups,
                             implements=implements, lang=doc.lang)
        return f"{heading}\n\n{html}"


def number_questions(body: str, found: list[Question]) -> str:
    """Rewrite each ``##`` question as ``## Câu hỏi N: … {#anchor}`` (a setext question's
    line of ``-`` becomes an empty line, so the lines after it keep their numbers)."""
    lines = body.split("\n")
    for question in found:
        text = re.sub(r"[{}]", "", question.text)
        lines[question.index] = f"## Câu hỏi {question.number}: {text} {{#{question.anchor}}}"
        if question.setext:
            lines[question.index + 1] = ""
    return "\n".join(lines)
