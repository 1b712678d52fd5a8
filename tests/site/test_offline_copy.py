"""``tuyengiao offline``: the zip opened from file:// in Chromium (navigate, search, open a
booklet, play nothing from any host), the ZIM opened with libzim, and the copies
published by the next build and linked from the home page."""

from __future__ import annotations

import json
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest
from browser_helpers import chromium, skip_without_chromium
from built_site import build, copy_project

from tuyengiao.cli import main

#: A real (short) recording: the build reads its length and format.
AUDIO = (Path(__file__).resolve().parents[1] / "fixtures" / "project" / "content" / "am-thanh"
         / "nghi-quyet-5-hmn.mp3").read_bytes()
SUMMARY = "content/tai-lieu/mong/nghi-quyet-5-hmn.md"


@dataclass
class Copies:
    project: Path
    zip: Path
    zim: Path
    folder: Path  # the zip, extracted
    site: Path    # the public site built after the copies


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> Copies:
    project = copy_project(tmp_path_factory.mktemp("offline") / "project")
    summary = project / SUMMARY
    (project / "content" / "am-thanh").mkdir(exist_ok=True)
    (project / "content" / "am-thanh" / "loa-nghi-quyet-5.mp3").write_bytes(AUDIO)
    text = re.sub(r"(?m)^audio: .*\n", "", summary.read_text(encoding="utf-8"))
    summary.write_text(text.replace("visibility: public\n",
                                    "visibility: public\naudio: am-thanh/loa-nghi-quyet-5.mp3\n",
                                    1), encoding="utf-8")
    assert main(["--project", str(project), "offline"]) == 0
    assert main(["--project", str(project), "offline", "--format", "zim"]) == 0
    zip_path = project / "offline" / "public" / "ban-sao.zip"
    zim_path = project / "offline" / "public" / "ban-sao.zim"
    folder = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(folder)
    site = project / "site"
    assert build(project, "public", site) == 0
    return Copies(project, zip_path, zim_path, folder, site)


def _pages(folder: Path) -> Iterator[tuple[str, lxml.html.HtmlElement]]:
    for path in sorted(folder.rglob("*.html")):
        rel = path.relative_to(folder).as_posix()
        yield rel, lxml.html.document_fromstring(path.read_bytes(),
                                                 parser=lxml.html.HTMLParser(encoding="utf-8"))


def test_every_link_names_a_file_of_the_copy(copies: Copies) -> None:
    checked = 0
    for rel, root in _pages(copies.folder):
        for element, attr in ((e, a) for e in root.iter("a", "link", "script", "img", "audio",
                                                        "source") for a in ("href", "src")):
            url = element.get(attr)
            if url is None:
                continue
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path:
                assert element.tag in ("a", "link") and (
                    not parts.scheme or parts.scheme in ("https", "mailto")), (rel, url)
                assert element.tag == "a" or element.get("rel") == "canonical", (rel, url)
                continue
            target = copies.folder / posixpath.normpath(
                posixpath.join(posixpath.dirname(rel), unquote(parts.path)))
            assert target.is_file(), f"{rel}: {url} is not a file of the copy"
            checked += 1
    assert checked > 400


def test_the_copy_holds_booklets_audio_and_the_search_as_scripts(copies: Copies) -> None:
    names = set(zipfile.ZipFile(copies.zip).namelist())
    assert "index.html" in names and "van-ban/5-nq-hu/index.html" in names
    assert any(re.fullmatch(r"tai-lieu/[^/]+\.pdf", n) for n in names)
    assert "am-thanh/loa-nghi-quyet-5.mp3" in names
    assert {"search/offline.js", "search/loader.js", "search/engine.js",
            "search/manifest.js", "search/t/0.js", "search/d/0.js"} <= names
    assert not any(n.endswith(".json") and n.startswith("search/") for n in names)
    # Online only: the service worker, the web app manifest, the offline page, the copies.
    assert not names & {"sw.js", "manifest.webmanifest"}
    assert not any(n.startswith("ngoai-tuyen/") for n in names)
    # The internal marker of the fixture is not in the public copy.
    for name in names:
        assert b"MARKER-NOIBO-93XQ" not in zipfile.ZipFile(copies.zip).read(name), name


def test_zip_is_the_same_for_the_same_site(copies: Copies, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    assert main(["--project", str(copies.project), "offline", "--out", str(first)]) == 0
    assert main(["--project", str(copies.project), "offline", "--out", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()


def test_zim_opens_with_libzim_and_finds_vietnamese_words(copies: Copies) -> None:
    from libzim.reader import Archive
    from libzim.search import Query, Searcher
    from libzim.suggestion import SuggestionSearcher

    archive = Archive(str(copies.zim))
    assert archive.has_fulltext_index and archive.has_title_index
    assert archive.main_entry.get_item().path == "index.html"
    assert archive.get_metadata("Language") == b"vie"
    assert archive.get_metadata("Title").decode() == "Tài liệu học tập nghị quyết"
    entry = archive.get_entry_by_path("van-ban/30-kh-ubnd/index.html")
    assert entry.title.startswith("Tuyên truyền chuyển đổi số")
    html = bytes(entry.get_item().content).decode()
    assert 'href="../index.html"' in html or "index.html" in html
    assert archive.get_entry_by_path("search/offline.js").get_item().mimetype == (
        "application/javascript")
    assert any(archive.has_entry_by_path(f"tai-lieu/{p.name}")
               for p in (copies.site / "tai-lieu").glob("*.pdf"))
    search = Searcher(archive).search(Query().set_query("loa truyền thanh"))
    results = list(search.getResults(0, 5))
    assert results and results[0] == "van-ban/30-kh-ubnd/index.html", results
    suggestions = list(SuggestionSearcher(archive).suggest("Tuyên truyền").getResults(0, 5))
    assert "van-ban/30-kh-ubnd/index.html" in suggestions
    for path in ("van-ban/7-cv-hu/index.html", "hoi-dap/hoi-dap-noi-bo/index.html"):
        assert not archive.has_entry_by_path(path)  # internal documents


def test_build_publishes_the_copies_and_the_home_page_links_them(copies: Copies) -> None:
    folder = copies.site / "ngoai-tuyen"
    assert (folder / "ban-sao.zip").read_bytes() == copies.zip.read_bytes()
    assert (folder / "ban-sao.zim").stat().st_size == copies.zim.stat().st_size
    home = (copies.site / "index.html").read_text(encoding="utf-8")
    assert 'href="ngoai-tuyen/ban-sao.zip" download' in home
    assert re.search(r"ZIP, mở bằng trình duyệt, [\d,]+\u00a0(KB|MB), cập nhật \d\d/\d\d/\d{4}",
                     home), "size and date, the size kept on one line"
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert 'href="ban-sao.zim" download' in page and "Kiwix" in page


# --- in Chromium, from file:// ----------------------------------------------------------


def test_zip_from_file_url_in_chromium(copies: Copies) -> None:
    skip_without_chromium()
    start = (copies.folder / "index.html").as_uri()
    requests: list[str] = []
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 800},
                                      accept_downloads=True)
        context.on("request", lambda request: requests.append(request.url))
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        try:
            page.goto(start)
            # Navigate: the navigation's "Văn bản", then a document of the list.
            page.locator(".md-nav a", has_text="Văn bản").first.click()
            page.wait_for_load_state()
            assert page.url.endswith("/van-ban/index.html"), page.url
            page.locator("article a[href$='30-kh-ubnd/index.html']").first.click()
            page.wait_for_load_state()
            assert page.url.endswith("/van-ban/30-kh-ubnd/index.html"), page.url
            assert "chuyển đổi số" in page.locator("h1").first.inner_text()
            # Search, read from scripts: folded Vietnamese, then open the first result.
            page.keyboard.press("/")
            page.locator("input[name=query]").fill("loa truyen thanh")
            first = page.locator("[data-tg-results] a").first
            first.wait_for(timeout=10_000)
            href = first.get_attribute("href") or ""
            assert href.startswith("file://") and href.endswith("/index.html"), href
            first.click()
            page.wait_for_load_state()
            assert page.url.endswith("/van-ban/30-kh-ubnd/index.html"), page.url
            # A booklet: the document's link opens the PDF of the copy (file:// ignores
            # ``download``: Chromium shows or saves it, by its settings).
            page.goto((copies.folder / "van-ban" / "5-nq-hu" / "index.html").as_uri())
            link = page.locator(".tg-booklet a").first
            with page.expect_request(lambda r: r.url.endswith(".pdf")) as opened:
                link.click()
            pdf = Path(unquote(urlsplit(opened.value.url).path))
            assert pdf.is_relative_to(copies.folder) and pdf.read_bytes()[:5] == b"%PDF-"
            page.goto(start)
            # The Mông summary plays its recording from the copy.
            page.goto((copies.folder / "tieng-mong").as_uri() + "/index.html")
            page.locator("article a[href$='index.html']").first.click()
            page.wait_for_load_state()
            audio = page.locator("audio").first
            src = audio.evaluate("a => a.currentSrc || a.querySelector('source, [src]')?.src"
                                 " || a.src")
            assert src and src.startswith("file://"), src
        finally:
            context.close()
    assert errors == [], errors
    # chrome-extension:// is Chromium's own PDF viewer showing the booklet.
    hosts = sorted({u for u in requests if urlsplit(u).scheme not in (
        "file", "data", "blob", "chrome-extension")})
    assert hosts == [], hosts
    assert any(u.endswith("/search/manifest.js") for u in requests)
    assert any(re.search(r"/search/t/\d+\.js$", u) for u in requests)
    assert not any(u.endswith(".json") for u in requests)


def test_search_manifest_script_is_the_online_manifest(copies: Copies) -> None:
    script = (copies.folder / "search" / "manifest.js").read_text(encoding="utf-8")
    data = json.loads(script[script.index(",") + 1: script.rindex(");")])
    online = json.loads((copies.site / "search" / "manifest.json").read_text(encoding="utf-8"))
    assert data == {**online, "sites": []}
