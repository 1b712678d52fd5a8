"""The share images and key-point cards of one view, drawn once and kept in the store.

:func:`plan_images` lists every image of the site: the preview of each shown
document (``<url>chia-se.png``), the cards of each guidance's key points
(``<url>the-1.png``…) and the site's own preview (``chia-se.png``, for the home
page and the indices). Each image is named in the store
(``.cache/tuyengiao/images/``, a :class:`~tuyengiao.core.store.FileSet`) by a hash
of its card and of the code and fonts that draw it, so a rebuild draws only the
images whose text changed; the others are hard-linked into the site. Many images
to draw are drawn by a process pool, one process per core.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from tuyengiao.core.link.view import SiteView
from tuyengiao.core.render.share.cards import (
    CARD_PREFIX,
    SHARE_FILE,
    KeyPointCard,
    ShareCard,
    key_point_cards,
    share_card,
)
from tuyengiao.core.store import CacheStore, code_key, hash_text, link_or_copy

FOLDER = "images"
#: Images no build has used for this long are removed from the store.
CACHE_DAYS = 30
#: Below this many images to draw, a pool costs more than it saves.
POOL_FROM = 24


@dataclass(frozen=True)
class SiteImage:
    """One image of the site: where it goes (``van-ban/x/chia-se.png``), what it shows."""

    path: str
    card: ShareCard | KeyPointCard


@dataclass
class ImageStats:
    images: int = 0
    drawn: int = 0
    seconds: float = 0.0


def site_host(site_url: str) -> str:
    """``tuyengiao.example.vn``: what a card shows of the site's address."""
    return urlsplit(site_url).netloc.removeprefix("www.")


def key_point_url(doc_url: str, index: int) -> str:
    return f"{doc_url}{CARD_PREFIX}{index}.png"


def plan_images(view: SiteView, site_name: str, site_description: str, site_url: str
                ) -> list[SiteImage]:
    """Every image the view's pages name (see the module)."""
    host = site_host(site_url)
    images = [SiteImage(SHARE_FILE, ShareCard("vi", "", site_name, "", host,
                                              subtitle=site_description))]
    for doc in view.documents:
        images.append(SiteImage(doc.url + SHARE_FILE, share_card(view, doc, host)))
        for card in key_point_cards(view, doc, host):
            images.append(SiteImage(key_point_url(doc.url, card.index), card))
    return images


def draw(card: ShareCard | KeyPointCard) -> bytes:
    from tuyengiao.core.render.share.draw import draw_key_point, draw_share

    return draw_share(card) if isinstance(card, ShareCard) else draw_key_point(card)


class SiteImages:
    """The images' folder of the store, and writing a plan into a site."""

    def __init__(self, store: CacheStore, jobs: int | None = None) -> None:
        self.files = store.files(FOLDER)
        self.jobs = jobs
        self.code = code_key("share")

    def name(self, image: SiteImage) -> str:
        key = hash_text(self.code, image.card.key())
        return f"{key[:2]}/{key}.png"

    def write_into(self, site_dir: Path, images: Sequence[SiteImage]) -> ImageStats:
        """Draw what the store lacks, then link every image into ``site_dir``."""
        started = time.perf_counter()
        names = [self.name(image) for image in images]
        todo = {name: image.card for name, image in zip(names, images, strict=True)
                if self.files.lookup(name) is None}
        for name, data in zip(todo, self._draw(list(todo.values())), strict=True):
            self.files.write(name, data)
        for name, image in zip(names, images, strict=True):
            link_or_copy(self.files.path(name), site_dir / image.path)
        self.files.prune(CACHE_DAYS)
        self.files.save()
        return ImageStats(len(images), len(todo), time.perf_counter() - started)

    def _draw(self, cards: list[ShareCard | KeyPointCard]) -> list[bytes]:
        workers = min(self.jobs or os.cpu_count() or 1, max(1, len(cards) // POOL_FROM))
        if workers <= 1:
            return [draw(card) for card in cards]
        with ProcessPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(draw, cards, chunksize=16))
