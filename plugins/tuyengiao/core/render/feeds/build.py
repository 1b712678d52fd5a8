"""The feeds of the public documents, written with feedgen (see :mod:`.plan`).

Feeds are a publishing channel: readers, fanpage tools and podcast apps fetch them
and keep what they fetched, so they are always made from the **public** view, in
the internal build too (an internal document never enters a feed, whichever build
wrote it). Links are absolute (``site_url``): a feed is read away from the site.
Every date is the document's (or its resolution's) date, so the same documents give
the same bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from tuyengiao.core.link.view import SiteView
from tuyengiao.core.model.document import Document
from tuyengiao.core.model.schema import TYPES
from tuyengiao.core.render.feeds.plan import FEED_FILE, FEED_SIZE, PODCAST_FILE, type_feed_url
from tuyengiao.core.render.share.cards import SHARE_FILE, issuer_of, kind_text
from tuyengiao.core.store import write_atomic

#: Dates in feeds: midnight in Vietnam (UTC+7, no daylight saving).
VIETNAM = dt.timezone(dt.timedelta(hours=7))
#: A feed with no dated document (an empty site) says this date.
EPOCH = dt.datetime(2000, 1, 1, tzinfo=VIETNAM)


@dataclass(frozen=True)
class Site:
    """What a feed says about the site: name, description, address (ends with ``/``)."""

    name: str
    description: str
    url: str


def _when(view: SiteView, doc: Document) -> dt.datetime | None:
    date = view.effective_date(doc)
    return dt.datetime(date.year, date.month, date.day, tzinfo=VIETNAM) if date else None


def newest(view: SiteView, docs: list[Document]) -> list[Document]:
    """Newest first; undated documents last, by title."""
    return sorted(docs, key=lambda d: (-(view.effective_date(d) or dt.date.min).toordinal(),
                                       d.title, d.url))


def _summary(doc: Document) -> str:
    return doc.description or kind_text(doc)


def atom(view: SiteView, site: Site, docs: list[Document], path: str, title: str) -> bytes:
    """An Atom feed of ``docs`` (newest ``FEED_SIZE``), at ``path`` of the site."""
    from feedgen.feed import FeedGenerator

    feed = FeedGenerator()
    feed.id(site.url + path)
    feed.title(title)
    feed.subtitle(site.description or title)
    feed.link(href=site.url + path, rel="self", type="application/atom+xml")
    feed.link(href=site.url, rel="alternate", type="text/html")
    feed.language("vi")
    feed.logo(site.url + SHARE_FILE)
    feed.generator("tuyengiao")
    chosen = newest(view, docs)[:FEED_SIZE]
    dates = [d for d in (_when(view, doc) for doc in chosen) if d is not None]
    feed.updated(max(dates, default=EPOCH))
    for doc in reversed(chosen):  # feedgen puts each new entry first
        entry = feed.add_entry()
        entry.id(site.url + doc.url)
        entry.title(doc.title)
        entry.link(href=site.url + doc.url, rel="alternate", type="text/html")
        entry.summary(_summary(doc))
        entry.category(term=doc.type, label=kind_text(doc))
        when = _when(view, doc) or EPOCH
        entry.updated(when)
        entry.published(when)
        entry.author(name=issuer_of(view, doc) or site.name)
    return bytes(feed.atom_str(pretty=True))


def podcast(view: SiteView, site: Site) -> bytes:
    """RSS 2.0 with iTunes tags: every public document with a recording, newest first."""
    from feedgen.feed import FeedGenerator

    feed = FeedGenerator()
    feed.load_extension("podcast")
    title = f"{site.name} – Bản ghi âm"
    feed.title(title)
    feed.description(f"Bản ghi âm các tài liệu đăng trên trang “{site.name}”, để phát "
                     "trên loa truyền thanh và nghe trên điện thoại.")
    # feedgen gives RSS's <link> the last link: the site (the feed itself is atom:link).
    feed.link([{"href": site.url + PODCAST_FILE, "rel": "self"},
               {"href": site.url, "rel": "alternate"}])
    feed.language("vi")
    feed.generator("tuyengiao")
    feed.podcast.itunes_author(site.name)
    feed.podcast.itunes_category("Government")
    feed.podcast.itunes_explicit("no")
    recorded = [(doc, audio) for doc in newest(view, view.documents)
                if (audio := view.audio(doc)) is not None]
    dates = [d for d in (_when(view, doc) for doc, _ in recorded) if d is not None]
    feed.lastBuildDate(max(dates, default=EPOCH))
    for doc, audio in reversed(recorded):
        entry = feed.add_entry()
        entry.guid(site.url + audio.path, permalink=True)
        entry.title(doc.title)
        entry.link(href=site.url + doc.url)
        entry.description(_summary(doc))
        entry.enclosure(site.url + audio.path, str(audio.size), audio.mime)
        entry.pubDate(_when(view, doc) or EPOCH)
        entry.podcast.itunes_duration(audio.duration)
        entry.podcast.itunes_author(issuer_of(view, doc) or site.name)
    return bytes(feed.rss_str(pretty=True))


def write_feeds(public: SiteView, site: Site, out_dir: Path) -> list[str]:
    """Write every feed of :mod:`.plan` from the public view; return their paths."""
    if public.audience != "public":
        raise ValueError("feeds are made from the public view only")
    written = {FEED_FILE: atom(public, site, public.documents, FEED_FILE, site.name)}
    for doc_type in TYPES.values():
        docs = [d for d in public.documents if d.type == doc_type.name]
        written[type_feed_url(doc_type)] = atom(public, site, docs, type_feed_url(doc_type),
                                                f"{site.name} – {doc_type.plural}")
    written[PODCAST_FILE] = podcast(public, site)
    for path, data in written.items():
        write_atomic(out_dir / path, data)
    return list(written)
