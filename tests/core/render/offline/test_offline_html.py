"""A built page made to work from file:// (core/render/offline/html.py) and the search
index as scripts (search.py)."""

from __future__ import annotations

import json

import lxml.html

from tuyengiao.core.render.offline.html import file_url, offline_page
from tuyengiao.core.render.offline.search import offline_search_file

FOLDERS = {"", "van-ban", "van-ban/271-kh-hu", "hoi-dap/x"}


def test_folder_links_name_index_html() -> None:
    assert file_url("../../van-ban/271-kh-hu/", "hoi-dap/x", FOLDERS) == (
        "../../van-ban/271-kh-hu/index.html")
    assert file_url("../271-kh-hu/#muc-2", "van-ban/a", FOLDERS) == (
        "../271-kh-hu/index.html#muc-2")
    assert file_url("..", "van-ban", FOLDERS) == "../index.html"
    assert file_url(".", "", FOLDERS) == "./index.html"
    assert file_url("./", "", FOLDERS) == "./index.html"
    assert file_url("van-ban", "", FOLDERS) == "van-ban/index.html"  # a folder, no slash
    assert file_url("van-ban/?q=1", "", FOLDERS) == "van-ban/index.html?q=1"


def test_other_urls_are_kept() -> None:
    for url in ("#muc-1", "https://example.vn/a/", "//cdn.example/x/", "mailto:a@b.vn",
                "../tai-lieu/14-kh-tu.pdf", "assets/x.css", "/tuyet-doi/", "../../../ra-ngoai/"):
        assert file_url(url, "van-ban", FOLDERS) == url


PAGE = """<!doctype html><html lang="vi"><head><title>Kế hoạch - Site</title>
<link rel="manifest" href="../../manifest.webmanifest" data-tg-online>
<link rel="stylesheet" href="../../assets/x.css">
<script src="../../assets/tuyengiao/pwa.js" defer data-tg-online></script>
<script src="../../search/loader.js" defer></script></head>
<body><nav><a href="../../">Trang chủ</a> <a href="../">Văn bản</a></nav>
<article><h1>Kế hoạch 271-KH/HU<a href="#x">#</a></h1><p>Xem <a href='../271-kh-hu/'>đây</a>,
<a href="../../tai-lieu/271-kh-hu.pdf" download>tài liệu in</a>.</p>
<audio controls src="../../tieng-mong/loa.mp3"></audio>
<p class="tg-offline" data-tg-online><a href="../../ngoai-tuyen/">Đọc khi không có mạng</a></p>
</article></body></html>""".encode()


def test_offline_page() -> None:
    page = offline_page(PAGE, "van-ban/271-kh-hu/index.html", FOLDERS)
    root = lxml.html.document_fromstring(page.html)
    assert page.html.startswith(b"<!doctype html>")
    assert page.title == "Kế hoạch 271-KH/HU"
    hrefs = root.xpath("//a/@href")
    assert hrefs == ["../../index.html", "../index.html", "#x", "../271-kh-hu/index.html",
                     "../../tai-lieu/271-kh-hu.pdf"]
    assert root.xpath("//*[@data-tg-online]") == []
    assert root.xpath("//link[@rel='manifest']") == []
    scripts = root.xpath("//script/@src")
    assert scripts == ["../../search/offline.js", "../../search/loader.js"]
    assert root.xpath("//audio/@src") == ["../../tieng-mong/loa.mp3"]
    assert "Kế hoạch" in page.html.decode()  # UTF-8, not entities


def _data(script: bytes) -> tuple[str, object]:
    text = script.decode()
    assert text.startswith("__tgSearchData(") and text.endswith(");\n")
    name, _, data = text[len("__tgSearchData("):-3].partition(",")
    return json.loads(name), json.loads(data)


def test_search_files_become_scripts() -> None:
    card = json.dumps({"t": "Kế hoạch", "u": "van-ban/271-kh-hu/"}, ensure_ascii=False).encode()
    path, script = offline_search_file("search/d/3.json", card)
    assert path == "search/d/3.js"
    assert _data(script) == ("d/3.json", {"t": "Kế hoạch", "u": "van-ban/271-kh-hu/index.html"})
    manifest = json.dumps({"n": 2, "sites": [{"name": "X", "url": "https://x.vn/"}]}).encode()
    path, script = offline_search_file("search/manifest.json", manifest)
    assert (path, _data(script)) == ("search/manifest.js", ("manifest.json", {"n": 2, "sites": []}))
    shard = b'{"dang":[[1,2,3]]}'
    assert offline_search_file("search/t/0.json", shard) == (
        "search/t/0.js", b'__tgSearchData("t/0.json",' + shard + b");\n")
    assert offline_search_file("search/engine.js", b"x") == ("search/engine.js", b"x")
