"""The Atom feeds and the podcast: parsed as XML, public items only, audio as enclosures,
the same bytes for the same documents."""

from __future__ import annotations

import io
import wave
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from lxml import etree

from tuyengiao.core.link.view import SiteView
from tuyengiao.core.render.feeds.build import Site, write_feeds

if TYPE_CHECKING:
    from core_project import CoreProject

ATOM = "{http://www.w3.org/2005/Atom}"
ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
SITE = Site("Tài liệu học tập", "Văn bản của Ban Tuyên giáo.", "https://tuyengiao.example.vn/")


def _wav(seconds: float) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(1)
        w.setframerate(8000)
        w.writeframes(b"\x80" * int(8000 * seconds))
    return out.getvalue()


def _project(core_project: CoreProject) -> CoreProject:
    core_project.write_bytes("content/am/cong-khai.wav", _wav(65))
    core_project.write_bytes("content/am/noi-bo.wav", _wav(2))
    for number, day, visibility, audio in (
            ("271-KH/HU", "2023-02-20", "public", "am/cong-khai.wav"),
            ("272-KH/HU", "2024-05-02", "public", ""),
            ("9-CV/HU", "2025-01-01", "internal", "am/noi-bo.wav")):
        core_project.write(f"content/{number.split('-')[0]}.md",
                           f"---\ntype: resolution\ntitle: Văn bản {number} BIMAT{visibility}\n"
                           f"number: {number}\nissuer: Ban Thường vụ Huyện ủy\ndate: {day}\n"
                           f"visibility: {visibility}\n" + (f"audio: {audio}\n" if audio else "")
                           + "---\n\nNội dung.\n")
    core_project.write("content/hd.md", "---\ntype: qa\ntitle: Hỏi – đáp\nresolution: 271-KH/HU\n"
                       "visibility: public\n---\n\n## Câu hỏi 1: Vì sao?\n\nVì thế.\n")
    assert core_project.problems() == []
    return core_project


def _feeds(core_project: CoreProject, out: Path) -> dict[str, etree._Element]:
    corpus = _project(core_project).corpus()
    written = write_feeds(SiteView(corpus, "public"), SITE, out)
    return {path: etree.fromstring((out / path).read_bytes()) for path in written}


def test_the_feeds_and_where_they_are(core_project: CoreProject, tmp_path: Path) -> None:
    feeds = _feeds(core_project, tmp_path)
    assert sorted(feeds) == ["feed.xml", "hoi-dap/feed.xml", "huong-dan/feed.xml",
                             "podcast.xml", "tieng-mong/feed.xml", "van-ban/feed.xml"]


def test_atom_holds_the_public_documents_newest_first(core_project: CoreProject,
                                                      tmp_path: Path) -> None:
    feed = _feeds(core_project, tmp_path)["feed.xml"]
    assert feed.tag == f"{ATOM}feed"
    ids = [e.findtext(f"{ATOM}id") for e in feed.iter(f"{ATOM}entry")]
    assert ids == ["https://tuyengiao.example.vn/van-ban/272-kh-hu/",
                   "https://tuyengiao.example.vn/hoi-dap/hd/",
                   "https://tuyengiao.example.vn/van-ban/271-kh-hu/"]
    assert feed.findtext(f"{ATOM}updated") == "2024-05-02T00:00:00+07:00"
    qa = list(feed.iter(f"{ATOM}entry"))[1]
    assert qa.findtext(f"{ATOM}updated") == "2023-02-20T00:00:00+07:00"  # its resolution's
    assert qa.find(f"{ATOM}category").get("label") == "Hỏi – đáp · về 271-KH/HU"
    by_type = _feeds(core_project, tmp_path / "again")["van-ban/feed.xml"]
    assert len(list(by_type.iter(f"{ATOM}entry"))) == 2


def test_no_internal_item_in_any_feed(core_project: CoreProject, tmp_path: Path) -> None:
    _feeds(core_project, tmp_path)
    for path in tmp_path.rglob("*.xml"):
        text = path.read_text(encoding="utf-8")
        assert "BIMATinternal" not in text and "9-cv-hu" not in text and "noi-bo" not in text
        assert "BIMATpublic" in text or path.parent.name in ("huong-dan", "tieng-mong",
                                                              "hoi-dap")


def test_the_podcast_has_each_recording_as_an_enclosure(core_project: CoreProject,
                                                         tmp_path: Path) -> None:
    rss = _feeds(core_project, tmp_path)["podcast.xml"]
    items = rss.findall("channel/item")
    assert len(items) == 1
    enclosure = items[0].find("enclosure")
    size = (core_project.root / "content/am/cong-khai.wav").stat().st_size
    assert enclosure.attrib == {"url": "https://tuyengiao.example.vn/am/cong-khai.wav",
                                "length": str(size), "type": "audio/wav"}
    assert items[0].findtext(f"{ITUNES}duration") == "1:05"
    assert items[0].findtext("link") == "https://tuyengiao.example.vn/van-ban/271-kh-hu/"
    assert rss.findtext("channel/link") == "https://tuyengiao.example.vn/"


def test_same_documents_same_bytes(core_project: CoreProject, tmp_path: Path) -> None:
    corpus = _project(core_project).corpus()
    write_feeds(SiteView(corpus, "public"), SITE, tmp_path / "a")
    write_feeds(SiteView(corpus, "public"), SITE, tmp_path / "b")
    for path in (tmp_path / "a").rglob("*.xml"):
        assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")
                                     ).read_bytes()


def test_feeds_are_never_made_from_an_internal_view(core_project: CoreProject,
                                                    tmp_path: Path) -> None:
    corpus = _project(core_project).corpus()
    with pytest.raises(ValueError, match="public view only"):
        write_feeds(SiteView(corpus, "internal"), SITE, tmp_path)
