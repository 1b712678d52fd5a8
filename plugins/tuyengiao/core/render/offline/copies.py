"""Where ``tuyengiao offline`` writes its copies, and the copies a build publishes.

``tuyengiao offline`` writes ``offline/<audience>/ban-sao.zip`` (or ``.zim``) in the
project unless told ``--out``; the next ``tuyengiao build`` of that audience links
those files into ``<site>/ngoai-tuyen/`` and the home page and the offline page link
them, with their size and date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from tuyengiao.core.model.audio import file_size
from tuyengiao.core.model.dates import short_date

#: The project's folder of published copies (one subfolder per audience).
OFFLINE_DIR = "offline"
#: The site's folder: the offline page and the copies to download.
SITE_FOLDER = "ngoai-tuyen"
FORMATS = ("zip", "zim")
COPY_NAME = "ban-sao"

#: Dates of copies are the day in Vietnam (UTC+7) when they were written.
VIETNAM = dt.timezone(dt.timedelta(hours=7))

_WHAT = {"zip": "ZIP, mở bằng trình duyệt", "zim": "ZIM, mở bằng Kiwix"}


def default_copy(project: Path, audience: str, fmt: str) -> Path:
    """``<project>/offline/<audience>/ban-sao.<fmt>``: the copy a build publishes."""
    return project / OFFLINE_DIR / audience / f"{COPY_NAME}.{fmt}"


@dataclass(frozen=True)
class PublishedCopy:
    """A copy the build links into the site, as a page shows it."""

    format: str
    path: Path
    size: int
    date: dt.date

    @property
    def url(self) -> str:
        return f"{SITE_FOLDER}/{self.path.name}"

    @property
    def label(self) -> str:
        size = file_size(self.size).replace(" ", "\u00a0")  # the number never breaks from its unit
        return f"{_WHAT[self.format]}, {size}, cập nhật {short_date(self.date)}"

    def key(self) -> str:
        """What a page shows of it (part of the page's cache key)."""
        return f"{self.format}\x1f{self.size}\x1f{self.date.isoformat()}"


def published_copies(project: Path, audience: str) -> list[PublishedCopy]:
    """The copies ``tuyengiao offline`` last wrote for ``audience``, zip first."""
    found: list[PublishedCopy] = []
    for fmt in FORMATS:
        path = default_copy(project, audience, fmt)
        try:
            st = path.stat()
        except OSError:
            continue
        date = dt.datetime.fromtimestamp(st.st_mtime, VIETNAM).date()
        found.append(PublishedCopy(fmt, path, st.st_size, date))
    return found
