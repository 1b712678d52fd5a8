"""The files of an offline copy (:mod:`.tree`) as a zip or a ZIM.

* **zip**: the site's folders as they are, ``index.html`` at the top; text is
  compressed (deflate), files that are compressed already (PDF, images, audio, fonts)
  are stored. Entries are sorted and dated with the copy's date, so the same site
  gives the same bytes.
* **ZIM** (``libzim``, for Kiwix): every file as an entry at its path, pages with
  their headings as titles (the title index) and a full-text index (Xapian, made by
  libzim from each page's HTML, navigation and footer included: libzim 3.13's
  ``IndexData`` for the article alone gave an empty index); the home page is the
  main entry. libzim compresses clusters itself.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tuyengiao.core.render.offline.tree import OfflineFile
from tuyengiao.core.store.files import temp_name

#: Extensions whose files are compressed already.
_STORED = {".pdf", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".woff2", ".woff", ".mp3",
           ".ogg", ".m4a", ".opus", ".gz", ".zip"}


@dataclass
class PackStats:
    files: int = 0
    pages: int = 0
    bytes_in: int = 0


def _compressed(path: str) -> bool:
    return os.path.splitext(path)[1].lower() not in _STORED


def write_zip(files: Iterable[OfflineFile], out: Path, date: dt.datetime) -> PackStats:
    """Write the copy to ``out`` (a temporary name, renamed when complete)."""
    stats = PackStats()
    stamp = (max(date.year, 1980), date.month, date.day, date.hour, date.minute, date.second)
    tmp = temp_name(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        with zipfile.ZipFile(tmp, "w", allowZip64=True) as archive:
            for item in files:
                info = zipfile.ZipInfo(item.path, stamp)
                info.external_attr = 0o644 << 16
                info.compress_type = (zipfile.ZIP_DEFLATED if _compressed(item.path)
                                      else zipfile.ZIP_STORED)
                data = item.read()
                archive.writestr(info, data, compresslevel=6)
                stats.files += 1
                stats.pages += item.is_page
                stats.bytes_in += len(data)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return stats


@dataclass(frozen=True)
class ZimInfo:
    """The ZIM's metadata (what Kiwix shows in its library)."""

    name: str           # e.g. tuyengiao_vi_public
    title: str          # at most 30 characters
    description: str    # at most 80 characters
    creator: str
    publisher: str
    date: dt.date
    illustration: bytes  # a 48×48 PNG


def write_zim(files: Iterable[OfflineFile], out: Path, info: ZimInfo,
              workers: int = 2) -> PackStats:
    """Write the copy as a ZIM with its title and full-text indexes."""
    from libzim.writer import (  # type: ignore[import-untyped]
        Creator,
        Hint,
        Item,
        StringProvider,
    )

    class Entry(Item):  # type: ignore[misc]
        def __init__(self, item: OfflineFile, data: bytes) -> None:
            super().__init__()
            self.item, self.data = item, data

        def get_path(self) -> str:
            return self.item.path

        def get_title(self) -> str:
            return self.item.title

        def get_mimetype(self) -> str:
            return self.item.mimetype

        def get_contentprovider(self) -> StringProvider:
            return StringProvider(self.data)

        def get_hints(self) -> dict[Hint, int]:
            return {Hint.FRONT_ARTICLE: self.item.is_page,
                    Hint.COMPRESS: _compressed(self.item.path)}

    stats = PackStats()
    tmp = temp_name(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        with _quiet_stdout():
            _write_zim(Creator, Entry, files, tmp, info, workers, stats)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return stats


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    """libzim prints its steps to the standard output even when not verbose."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def _write_zim(Creator: Any, Entry: Any, files: Iterable[OfflineFile], tmp: Path,
               info: ZimInfo, workers: int, stats: PackStats) -> None:
    creator = Creator(str(tmp)).config_indexing(True, "vie").config_nbworkers(workers)
    creator.config_verbose(False)
    with creator:
        creator.set_mainpath("index.html")
        creator.add_illustration(48, info.illustration)
        for key, value in (("Name", info.name), ("Title", info.title[:30]),
                           ("Description", info.description[:80]),
                           ("Language", "vie"), ("Creator", info.creator),
                           ("Publisher", info.publisher), ("Date", info.date.isoformat()),
                           ("Tags", "_ftindex:yes;_pictures:yes;_videos:no;_details:yes")):
            creator.add_metadata(key, value)
        for item in files:
            data = item.read()
            creator.add_item(Entry(item, data))
            stats.files += 1
            stats.pages += item.is_page
            stats.bytes_in += len(data)
