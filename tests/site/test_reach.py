"""Reach, on the fixture's real builds: link previews on every page, share images and
key-point cards as files of the site, feeds of public documents only, and recordings
with a player and a download link."""

from __future__ import annotations

import re
import struct
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from built_site import FIXTURE, MARKER, BuiltSite
from lxml import etree
from test_boundary import INTERNAL_NUMBER_RE, INTERNAL_ONLY_WORDS

SITE_URL = "https://tuyengiao.example.vn/"
ATOM = "{http://www.w3.org/2005/Atom}"
REQUIRED = ("og:title", "og:description", "og:url", "og:type", "og:locale", "og:image",
            "og:image:width", "og:image:height", "og:image:alt")
FEEDS = ("feed.xml", "van-ban/feed.xml", "hoi-dap/feed.xml", "huong-dan/feed.xml",
         "tieng-mong/feed.xml", "podcast.xml")


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (no image library needed)."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR", f"{path}: not a PNG"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def og(site: BuiltSite, page: str) -> dict[str, str]:
    soup = site.soup(page)
    tags = {str(m.get("property") or m.get("name")): str(m.get("content"))
            for m in soup.find_all("meta") if m.get("content") is not None}
    return tags


def local(site: BuiltSite, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    return site.root / urlsplit(url).path.lstrip("/")


def test_every_page_has_a_share_preview(public_site: BuiltSite, internal_site: BuiltSite
                                        ) -> None:
    for site in (public_site, internal_site):
        for page in site.html_pages():
            tags = og(site, page)
            if page == "404.html":  # served at any missing address: it has no own URL
                assert "og:url" not in tags
                tags["og:url"] = SITE_URL
            missing = [k for k in REQUIRED if not tags.get(k)]
            assert not missing, f"{site.audience} {page}: no {missing}"
            assert tags["twitter:card"] == "summary_large_image"
            assert tags["og:image"].startswith(SITE_URL) and tags["og:url"].startswith(SITE_URL)
            assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
            assert png_size(local(site, tags["og:image"])) == (1200, 630), page
            canonical = site.soup(page).find("link", rel="canonical")
            if canonical is not None:
                assert tags["og:url"] == canonical["href"], page


def test_each_document_has_its_own_image_and_type(public_site: BuiltSite) -> None:
    tags = og(public_site, "van-ban/5-nq-hu/index.html")
    assert tags["og:image"] == SITE_URL + "van-ban/5-nq-hu/chia-se.png"
    assert tags["og:url"] == SITE_URL + "van-ban/5-nq-hu/"
    assert (tags["og:type"], tags["og:locale"]) == ("article", "vi_VN")
    assert tags["og:image:alt"].startswith("Nghị quyết số 5-NQ/HU: ")
    home = og(public_site, "index.html")
    assert (home["og:type"], home["og:image"]) == ("website", SITE_URL + "chia-se.png")
    assert home["og:title"] == "Trang chủ"


def test_mong_pages_keep_a_locale_facebook_accepts(public_site: BuiltSite) -> None:
    """Facebook's locales have no Mông; an unknown og:locale makes the object invalid."""
    tags = og(public_site, "tieng-mong/nghi-quyet-5-hmn/index.html")
    assert tags["og:locale"] == "vi_VN"
    assert public_site.soup("tieng-mong/nghi-quyet-5-hmn/index.html").html["lang"] == "hmn"
    assert tags["og:image:alt"].startswith("Lus Hmoob · txog tsab 5-NQ/HU: ")


def test_share_tags_are_escaped(public_site: BuiltSite) -> None:
    """Titles with quotes or < never break out of the attribute (escaped, not dropped)."""
    for page in public_site.html_pages():
        for line in public_site.text(page).splitlines():
            if 'property="og:' in line:
                assert re.fullmatch(r'\s*<meta property="[a-z:_]+" content="[^"<>]*">\s*',
                                    line), line


def test_key_point_cards_offered_on_the_guidance_page(public_site: BuiltSite) -> None:
    page = "huong-dan/huong-dan-nghi-quyet-5/"
    cards = public_site.article(page).select("details.tg-cards a[download]")
    assert len(cards) == 2  # one per key point
    for index, a in enumerate(cards, 1):
        assert a["href"] == f"the-{index}.png"
        assert a["download"] == f"huong-dan-nghi-quyet-5-the-{index}.png"
        img = a.find("img")
        assert img["loading"] == "lazy" and img.get("width") and img.get("alt")
        assert png_size(public_site.root / page / a["href"]) == (1080, 1080)
    assert public_site.article(page).select_one("details.tg-cards").get("open") is None


def test_every_page_links_the_feeds(public_site: BuiltSite) -> None:
    for page in public_site.html_pages():
        links = public_site.soup(page).find_all("link", rel="alternate")
        hrefs = {urljoin(SITE_URL + page, str(link["href"])) for link in links}
        assert {SITE_URL + "feed.xml", SITE_URL + "podcast.xml"} <= hrefs, page
    for page in ("hoi-dap/hoi-dap-nghi-quyet-5/index.html", "hoi-dap/index.html"):
        links = public_site.soup(page).find_all("link", rel="alternate")
        assert SITE_URL + "hoi-dap/feed.xml" in {urljoin(SITE_URL + page, str(link["href"]))
                                                 for link in links}, page


def _feeds(site: BuiltSite) -> dict[str, etree._Element]:
    return {path: etree.fromstring((site.root / path).read_bytes()) for path in FEEDS}


def test_feeds_parse_and_list_public_documents(public_site: BuiltSite) -> None:
    feeds = _feeds(public_site)
    entries = [e.findtext(f"{ATOM}id") for e in feeds["feed.xml"].iter(f"{ATOM}entry")]
    public = {str(urlsplit(u).path.lstrip("/")) for u in entries}
    pages = {p.removesuffix("index.html") for p in public_site.html_pages()}
    assert public and public <= pages
    assert "van-ban/5-nq-hu/" in public


def test_the_podcast_carries_each_public_recording(public_site: BuiltSite) -> None:
    items = _feeds(public_site)["podcast.xml"].findall("channel/item")
    enclosures = {i.find("enclosure").get("url"): i.find("enclosure") for i in items}
    expected = {"am-thanh/nghi-quyet-5-hmn.mp3", "uy-ban/ke-hoach-loa-truyen-thanh.mp3"}
    assert set(enclosures) == {SITE_URL + e for e in expected}
    for path in expected:
        enclosure = enclosures[SITE_URL + path]
        assert enclosure.get("type") == "audio/mpeg"
        assert enclosure.get("length") == str((FIXTURE / "content" / path).stat().st_size)
        assert local(public_site, SITE_URL + path).is_file()


def test_no_feed_of_either_build_holds_an_internal_item(public_site: BuiltSite,
                                                        internal_site: BuiltSite) -> None:
    """Feeds are fetched and kept by other services: the internal build's feeds are the
    public ones, while its pages do show internal documents."""
    assert MARKER in internal_site.text("hoi-dap/hoi-dap-noi-bo/")
    for site in (public_site, internal_site):
        for path in FEEDS:
            text = (site.root / path).read_text(encoding="utf-8")
            assert MARKER not in text, f"{site.audience} {path}"
            assert not INTERNAL_NUMBER_RE.search(text), f"{site.audience} {path}"
            assert not any(w in text for w in INTERNAL_ONLY_WORDS), f"{site.audience} {path}"
        assert (site.root / "podcast.xml").read_bytes() == (public_site.root / "podcast.xml"
                                                            ).read_bytes()


def test_recordings_have_a_player_and_a_download_link(public_site: BuiltSite,
                                                      internal_site: BuiltSite) -> None:
    for site, page, file in (
            (public_site, "van-ban/30-kh-ubnd/", "uy-ban/ke-hoach-loa-truyen-thanh.mp3"),
            (public_site, "tieng-mong/nghi-quyet-5-hmn/", "am-thanh/nghi-quyet-5-hmn.mp3"),
            (internal_site, "hoi-dap/hoi-dap-noi-bo/", "noi-bo/hoi-dap-noi-bo.mp3")):
        block = site.article(page).select_one("div.tg-audio")
        assert block is not None, page
        audio = block.find("audio")
        assert audio.has_attr("controls") and audio["preload"] == "metadata"
        link = block.find("a", download=True)
        assert urljoin(page, link["href"]) == file
        label = block.select_one(".tg-muted").get_text()
        assert re.fullmatch(r"\(MP3, \d+ KB, 0:0\d\)", label), label
    assert not (public_site.root / "noi-bo").exists()
