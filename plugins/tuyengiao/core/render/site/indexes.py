"""Generated pages: home, indices by type, year and issuing body, and the nav.

Indices are paginated so that no page carries the whole corpus, and each list
is computed once per build from the view (one sort, one pass).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from tuyengiao.core.link.view import SiteView
from tuyengiao.core.model.document import Document
from tuyengiao.core.model.schema import TYPES
from tuyengiao.core.model.text import address_slug, fold
from tuyengiao.core.render.feeds.plan import type_feed_meta
from tuyengiao.core.render.offline.copies import SITE_FOLDER, PublishedCopy
from tuyengiao.core.render.site.document import PageSource, Renderer

PAGE_SIZE = 50
HOME_NEWEST = 12
#: Page links shown on each side of the current page; the first and last are always shown.
PAGER_AROUND = 2
_GENERATED = "_tg/"
_TYPE_ORDER = {name: index for index, name in enumerate(TYPES)}


@dataclass(frozen=True)
class NavEntry:
    title: str
    src_uri: str


@dataclass
class GeneratedPage:
    """A generated page, known by what it is made of before it is made.

    ``inputs`` names everything its Markdown depends on besides the code: for a
    listed document, exactly what its line in the list shows (see
    :meth:`IndexPages.item`), so editing a body re-renders no index. ``None``
    means the page is keyed by its Markdown, so it is made at once.
    """

    src_uri: str
    url: str
    inputs: tuple[str, ...] | None
    make: Callable[[], PageSource]
    _source: PageSource | None = field(default=None, repr=False)

    @classmethod
    def ready(cls, source: PageSource) -> GeneratedPage:
        return cls(source.src_uri, source.url, None, lambda: source, source)

    def source(self) -> PageSource:
        if self._source is None:
            self._source = self.make()
        return self._source


def _src_uri(url: str) -> str:
    return f"{_GENERATED}{url}index.md"


def pager_numbers(count: int, current: int, around: int = PAGER_AROUND) -> list[int | None]:
    """The page numbers a pager shows, ``None`` for a gap: ``1 … 38 39 40 41 42 … 112``.

    However many pages an index has, the pager holds at most ``2 * around + 5`` items.
    """
    shown = sorted({1, count, *range(max(1, current - around), min(count, current + around) + 1)})
    numbers: list[int | None] = []
    for n in shown:
        if numbers and n - (numbers[-1] or 0) == 2:
            numbers.append(n - 1)  # a gap of one page: show the page, not "…"
        elif numbers and n - (numbers[-1] or 0) > 2:
            numbers.append(None)
        numbers.append(n)
    return numbers


class IndexPages:
    """Builds every generated page of one view."""

    def __init__(self, view: SiteView, renderer: Renderer,
                 copies: Sequence[PublishedCopy] = ()) -> None:
        self.view = view
        self.renderer = renderer
        #: The offline copies this build publishes (see ``core/render/offline``).
        self.copies = list(copies)
        dated = [(view.effective_date(d), d) for d in view.documents]
        # Newest first; on the same date, a resolution before its Q&A, guidance
        # and summaries, then titles in Vietnamese alphabetical order.
        dated.sort(key=lambda pair: (_TYPE_ORDER[pair[1].type], fold(pair[1].title)))
        dated.sort(key=lambda pair: pair[0] or dt.date.min, reverse=True)
        self.newest: list[Document] = [d for _, d in dated]
        self.years: dict[int, list[Document]] = defaultdict(list)
        self.issuers: dict[str, list[Document]] = defaultdict(list)
        self.by_type: dict[str, list[Document]] = defaultdict(list)
        for date, doc in dated:
            self.by_type[doc.type].append(doc)
            if date is not None:
                self.years[date.year].append(doc)
            if doc.type == "resolution":
                self.issuers[str(doc.fields["issuer"])].append(doc)

    def nav(self) -> list[NavEntry]:
        entries = [NavEntry("Trang chủ", _src_uri(""))]
        entries += [NavEntry(t.plural, _src_uri(f"{t.path}/")) for t in TYPES.values()]
        entries += [NavEntry("Theo năm", _src_uri("nam/")),
                    NavEntry("Theo cơ quan ban hành", _src_uri("co-quan/"))]
        return entries

    def pages(self) -> Iterator[GeneratedPage]:
        newest = self.newest[:HOME_NEWEST]
        counts = tuple(str(len(self.by_type.get(t.name, []))) for t in TYPES.values())
        home = ("home", self.view.audience, *counts, *map(self.item, newest),
                *(c.key() for c in self.copies))
        yield GeneratedPage(_src_uri(""), "", home, self._home)
        yield GeneratedPage.ready(self._offline())
        for doc_type in TYPES.values():
            yield from self._paged(f"{doc_type.path}/", doc_type.plural,
                                   self.by_type.get(doc_type.name, []),
                                   type_feed_meta(doc_type))
        years = sorted(self.years, reverse=True)
        yield GeneratedPage.ready(self._groups(
            "nam/", "Theo năm", [(f"Năm {y}", f"nam/{y}/", len(self.years[y])) for y in years]))
        for year in years:
            yield from self._paged(f"nam/{year}/", f"Tài liệu năm {year}", self.years[year])
        issuers = sorted(self.issuers)
        yield GeneratedPage.ready(self._groups(
            "co-quan/", "Theo cơ quan ban hành",
            [(i, f"co-quan/{address_slug(i)}/", len(self.issuers[i])) for i in issuers]))
        for issuer in issuers:
            yield from self._paged(f"co-quan/{address_slug(issuer)}/", issuer, self.issuers[issuer])

    def item(self, doc: Document) -> str:
        """What a list shows of a document (``doc_item`` in ``macros.html``)."""
        return "\x1f".join((doc.type, doc.lang, doc.url, doc.title, self.renderer.meta_line(doc)))

    def _home(self) -> PageSource:
        links = [(t.plural, f"{t.path}/", len(self.by_type.get(t.name, [])))
                 for t in TYPES.values()]
        intro = ("Văn bản, tài liệu hỏi – đáp, hướng dẫn cho báo cáo viên và tóm tắt tiếng "
                 "Mông về học tập, quán triệt nghị quyết của Đảng.")
        if self.view.audience == "internal":
            intro += " **Bản nội bộ**: gồm cả tài liệu không công khai."
        markdown = "\n\n".join([
            intro,
            self.renderer.fragment("offline_links.html", "", folder=f"{SITE_FOLDER}/",
                                   copies=self.copies),
            "## Mới cập nhật",
            self.renderer.fragment("doc_list.html", "", documents=self.newest[:HOME_NEWEST]),
            "## Danh mục",
            self.renderer.fragment("link_list.html", "", links=links),
        ]) + "\n"
        meta = {"title": "Trang chủ", "description": intro, "lang": "vi"}
        return PageSource(_src_uri(""), "", "Trang chủ", markdown, meta)

    def _offline(self) -> PageSource:
        """``ngoai-tuyen/``: what this device keeps, installing, the copies to download.
        The service worker sends a reader here for a page it does not keep."""
        url, title = f"{SITE_FOLDER}/", "Đọc khi không có mạng"
        body = self.renderer.fragment("offline_page.html", url, copies=self.copies,
                                      installable=self.view.audience == "public")
        return PageSource(_src_uri(url), url, title, body + "\n", {"title": title, "lang": "vi"})

    def _groups(self, url: str, title: str, links: list[tuple[str, str, int]]) -> PageSource:
        body = self.renderer.fragment("link_list.html", url, links=links) if links else (
            '<p class="tg-muted">Chưa có tài liệu.</p>')
        return PageSource(_src_uri(url), url, title, body + "\n", {"title": title, "lang": "vi"})

    def _paged(self, url: str, title: str, documents: list[Document],
               extra: dict[str, str] | None = None) -> Iterator[GeneratedPage]:
        """One page per ``PAGE_SIZE`` documents; each is made only if the cache lacks it."""
        count = max(1, -(-len(documents) // PAGE_SIZE))

        def page_url(n: int) -> str:
            return url if n == 1 else f"{url}trang-{n}/"

        def make(n: int) -> PageSource:
            chunk = documents[(n - 1) * PAGE_SIZE : n * PAGE_SIZE]
            here = page_url(n)
            page_title = title if n == 1 else f"{title} (trang {n})"
            body = self.renderer.fragment("doc_list.html", here, documents=chunk)
            pager = self.renderer.fragment("pager.html", here, pages=count, current=n,
                                           numbers=pager_numbers(count, n), url_of=page_url)
            markdown = f"{len(documents)} tài liệu.\n\n{body}\n\n{pager}\n"
            return PageSource(_src_uri(here), here, page_title, markdown,
                              {"title": page_title, "lang": "vi", **(extra or {})})

        for n in range(1, count + 1):
            chunk = documents[(n - 1) * PAGE_SIZE : n * PAGE_SIZE]
            inputs = ("paged", title, str(len(documents)), str(count), str(n),
                      *map(self.item, chunk))
            yield GeneratedPage(_src_uri(page_url(n)), page_url(n), inputs,
                                functools.partial(make, n))
