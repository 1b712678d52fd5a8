"""The built pages, read as HTML: permalinks, headers, cross-links, backlinks,
Q&A, guidance, Mông pages, indices, and that nothing loads from another host."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from built_site import FIXTURE, OVERRIDES, BuiltSite, build, copy_project

_BASE = "http://site.test/"
PUBLIC_DOCUMENTS = {
    "van-ban/5-nq-hu/", "van-ban/12-kh-hu/", "van-ban/30-kh-ubnd/",
    "hoi-dap/hoi-dap-nghi-quyet-5/", "huong-dan/huong-dan-nghi-quyet-5/",
    "tieng-mong/nghi-quyet-5-hmn/",
}
QA_URL = "hoi-dap/hoi-dap-nghi-quyet-5/"
QA_FILE = "content/tai-lieu/hoi-dap-xa/hoi-dap-nghi-quyet-5.md"
GUIDANCE_URL = "huong-dan/huong-dan-nghi-quyet-5/"
SUMMARY_URL = "tieng-mong/nghi-quyet-5-hmn/"


def resolve(page: str, href: str) -> str | None:
    """The site-relative path a link on ``page`` points to; None for another host."""
    parts = urlsplit(urljoin(_BASE + page, href))
    if parts.scheme != "http" or parts.netloc != "site.test":
        return None
    return parts.path.lstrip("/")


def target_file(site: BuiltSite, path: str) -> Path:
    return site.root / (path + "index.html" if path == "" or path.endswith("/") else path)


def listed(site: BuiltSite, url: str) -> list[str]:
    """The documents an index or a list on ``url`` links to, in order."""
    found = []
    for a in site.article(url).select("ul.tg-list > li > a"):
        path = resolve(url, a["href"])
        assert path is not None
        found.append(path)
    return found


def heading_text(tag: Tag) -> str:
    """A heading's text without Material's permalink ``#``."""
    return "".join(t for t in tag.find_all(string=True)
                   if not t.find_parent("a", class_="headerlink")).strip()


def frontmatter(rel: str) -> dict[str, object]:
    text = (FIXTURE / rel).read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n", 2)[1])


def related_groups(site: BuiltSite, url: str) -> dict[str, list[str]]:
    """``{"Văn bản thực hiện văn bản này": [paths…], …}`` of a page's related block."""
    block = site.article(url).select_one(".tg-related")
    assert block is not None, f"{url}: no related block"
    groups: dict[str, list[str]] = {}
    for label in block.find_all("p", recursive=False):
        strong = label.find("strong")
        following = label.find_next_sibling()
        if strong is None or following is None or following.name != "ul":
            continue
        links = [resolve(url, a["href"]) for a in following.find_all("a", href=True)]
        groups[strong.get_text().rstrip(":")] = [p for p in links if p is not None]
    return groups


# --- the fixture's theme ---------------------------------------------------------------


def test_fixture_uses_the_repository_overrides(public_site: BuiltSite) -> None:
    from mkdocs.config import load_config

    config = load_config(str(FIXTURE / "mkdocs.yml"))
    assert Path(config.theme.custom_dir).resolve() == OVERRIDES
    assert Path(config.theme.dirs[0]).resolve() == OVERRIDES
    for rel in ("assets/stylesheets/fonts.css", "assets/stylesheets/tuyengiao.css"):
        assert (public_site.root / rel).read_bytes() == (OVERRIDES / rel).read_bytes()
    # overrides/partials/language.html puts the page's language on <html>.
    assert public_site.soup(SUMMARY_URL).html["lang"] == "hmn"


# --- permalinks ---------------------------------------------------------------------


def test_permalinks_follow_numbers_and_file_names_not_folders(public_site: BuiltSite) -> None:
    for url in PUBLIC_DOCUMENTS:
        assert public_site.exists(url), url
    assert (public_site.root / "van-ban/12-kh-hu/index.html").is_file()
    # "12 - KH/HU" in the file is normalised before it becomes a slug.
    assert not (public_site.root / "van-ban/trien-khai-nghi-quyet-5").exists()
    folders = {p.name for p in (FIXTURE / "content").rglob("*") if p.is_dir()}
    assert {"dang-bo", "ke-hoach", "hoi-dap-xa", "tai-lieu", "mong"} <= folders
    for path in public_site.files():
        rel = path.relative_to(public_site.root)
        if rel.parent.as_posix() == "tai-lieu" and rel.suffix == ".pdf":
            continue  # the booklets' own folder, whatever the content folders are called
        if rel.suffix != ".html" and (FIXTURE / "content" / rel).is_file():
            continue  # a file next to documents (a recording) keeps its path under content/
        assert not set(rel.parts) & folders, path
    for page in public_site.html_pages():
        for a in public_site.soup(page).find_all("a", href=True):
            target = resolve(page, a["href"])
            if target is not None and not target.startswith("tai-lieu/") and not (
                    FIXTURE / "content" / target).is_file():  # booklets, recordings
                assert not set(target.split("/")) & folders, f"{page}: {a['href']}"


def test_every_local_link_and_asset_exists(public_site: BuiltSite,
                                           internal_site: BuiltSite) -> None:
    for site in (public_site, internal_site):
        for page in site.html_pages():
            soup = site.soup(page)
            for tag in soup.find_all(["a", "link", "script", "img", "audio", "source"]):
                ref = tag.get("href") or tag.get("src")
                if ref and ref.startswith("#") and len(ref) > 1:
                    assert soup.find(id=ref[1:]) is not None, f"{site.audience} {page}: {ref}"
                if not ref or ref.startswith(("#", "mailto:", "data:")):
                    continue
                path = resolve(page, str(ref))
                if path is None:
                    continue
                assert target_file(site, path).is_file(), f"{site.audience} {page}: {ref}"
                fragment = urlsplit(str(ref)).fragment
                if fragment and path.endswith("/"):
                    target = site.soup(path + "index.html")
                    assert target.find(id=fragment) is not None, f"{page}: {ref}"


# --- the header block of a resolution --------------------------------------------------


def _header(site: BuiltSite, url: str) -> dict[str, str]:
    article = site.article(url)
    values = {}
    for key in ("issuer", "number", "motto", "date"):
        tag = article.select_one(f".tg-header__{key}")
        assert tag is not None, f"{url}: no .tg-header__{key}"
        # The text as read: the spans that keep word groups whole add no spaces.
        values[key] = " ".join(tag.get_text().split())
    values["kind"] = article.select_one(".tg-kind").get_text(strip=True)
    return values


def test_party_style_header(public_site: BuiltSite) -> None:
    header = _header(public_site, "van-ban/12-kh-hu/")
    assert header["issuer"] == "BAN THƯỜNG VỤ HUYỆN ỦY PHONG THỔ"
    assert header["number"] == "Số 12-KH/HU"
    assert header["motto"] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    # Days below 10 and the months 1 and 2 take a leading zero (Decree 30/2020/NĐ-CP).
    assert header["date"] == "Phong Thổ, ngày 05 tháng 02 năm 2024"
    assert header["kind"] == "KẾ HOẠCH"
    article = public_site.article("van-ban/12-kh-hu/")
    h1s = public_site.soup("van-ban/12-kh-hu/").find_all("h1")
    assert [h.get_text(strip=True) for h in h1s] == [frontmatter(
        "content/dang-bo/ke-hoach/trien-khai-nghi-quyet-5.md")["title"]]
    assert h1s[0].find_parent("article") is article

    nq = _header(public_site, "van-ban/5-nq-hu/")
    assert nq["kind"] == "NGHỊ QUYẾT"
    assert nq["issuer"] == "BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN PHONG THỔ"
    assert nq["date"] == "Phong Thổ, ngày 20 tháng 11 năm 2023"


def test_state_style_header(public_site: BuiltSite) -> None:
    header = _header(public_site, "van-ban/30-kh-ubnd/")
    assert header["issuer"] == "ỦY BAN NHÂN DÂN HUYỆN PHONG THỔ"
    assert re.fullmatch(r"Số:? 30/KH-UBND", header["number"]), header["number"]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header["motto"]
    assert "Độc lập – Tự do – Hạnh phúc" in header["motto"]
    assert "ĐẢNG CỘNG SẢN" not in header["motto"]
    # A day below 10 is padded; March is not.
    assert header["date"] == "Phong Thổ, ngày 08 tháng 3 năm 2024"
    assert header["kind"] == "KẾ HOẠCH"


def test_signer_closes_the_document(public_site: BuiltSite) -> None:
    article = public_site.article("van-ban/12-kh-hu/")
    signer = article.select_one(".tg-signer")
    assert signer is not None
    titles = [p.get_text(strip=True) for p in signer.select(".tg-signer__title")]
    assert titles == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"]
    assert signer.select_one(".tg-signer__name").get_text(strip=True) == "Lò Văn Minh"
    # After the last section of the body, before "Văn bản liên quan".
    last_body = article.find("h2", id="to-chuc-thuc-hien")
    related = article.find("h2", id="van-ban-lien-quan")
    order = list(article.descendants)
    assert order.index(last_body) < order.index(signer) < order.index(related)
    recipients = [li.get_text(strip=True) for li in article.select(".tg-recipients li")]
    assert recipients == frontmatter(
        "content/dang-bo/ke-hoach/trien-khai-nghi-quyet-5.md")["recipients"]


# --- numbers in the text -----------------------------------------------------------------


def test_number_in_text_links_to_its_page(public_site: BuiltSite) -> None:
    url = "van-ban/12-kh-hu/"
    refs = [a for a in public_site.article(url).select("a.tg-ref")
            if a.get_text() == "5-NQ/HU"]
    assert len(refs) == 1, "one mention in prose; the ones in code stay as typed"
    assert refs[0]["href"] == "../5-nq-hu/"
    assert resolve(url, refs[0]["href"]) == "van-ban/5-nq-hu/"
    assert target_file(public_site, "van-ban/5-nq-hu/").is_file()
    assert "Nghị quyết 5-NQ/HU" in refs[0]["title"]
    # Every number link of every page lands on a built page.
    for page in public_site.html_pages():
        for a in public_site.soup(page).select("a.tg-ref:not(.tg-ref--external)"):
            path = resolve(page, a["href"])
            assert path is not None and target_file(public_site, path).is_file(), page


def test_external_number_with_url_links_out_with_a_title(public_site: BuiltSite) -> None:
    article = public_site.article("van-ban/12-kh-hu/")
    links = [a for a in article.find_all("a") if a.get_text() == "01-CT/TW"]
    assert len(links) == 1
    assert links[0]["href"] == "https://tulieuvankien.dangcongsan.vn/"
    assert "Chỉ thị về nghiên cứu, học tập" in links[0]["title"]
    assert "tg-ref--external" in links[0]["class"]


def test_external_number_without_url_is_an_abbr(public_site: BuiltSite) -> None:
    article = public_site.article("van-ban/12-kh-hu/")
    assert not [a for a in article.find_all("a") if a.get_text() == "62-KH/TU"]
    abbrs = [t for t in article.find_all("abbr") if t.get_text() == "62-KH/TU"]
    assert len(abbrs) == 1
    assert "Kế hoạch về ứng dụng công nghệ số" in abbrs[0]["title"]
    assert "Ban Thường vụ Tỉnh ủy Lai Châu" in abbrs[0]["title"]


def test_numbers_in_code_are_not_linked(public_site: BuiltSite) -> None:
    article = public_site.article("van-ban/12-kh-hu/")
    codes = [c for c in article.find_all("code") if "5-NQ/HU" in c.get_text()]
    assert len(codes) == 2, "the inline code and the fenced block"
    for code in codes:
        assert code.find(["a", "abbr"]) is None
        assert code.find_parent("a") is None


# --- backlinks ---------------------------------------------------------------------------


def test_implemented_document_lists_its_implementation_and_companions(
    public_site: BuiltSite,
) -> None:
    groups = related_groups(public_site, "van-ban/5-nq-hu/")
    assert groups == {
        "Văn bản thực hiện văn bản này": ["van-ban/12-kh-hu/"],
        "Tài liệu hỏi – đáp": [QA_URL],
        "Hướng dẫn báo cáo viên": [GUIDANCE_URL],
        "Tóm tắt tiếng Mông": [SUMMARY_URL],
    }
    implementing = related_groups(public_site, "van-ban/12-kh-hu/")
    assert implementing["Thực hiện"] == ["van-ban/5-nq-hu/"]


def test_companions_link_to_their_resolution(public_site: BuiltSite) -> None:
    for url in (QA_URL, GUIDANCE_URL, SUMMARY_URL):
        intro = public_site.article(url).select_one(".tg-intro")
        assert intro is not None, url
        targets = [resolve(url, a["href"]) for a in intro.find_all("a", href=True)]
        assert targets == ["van-ban/5-nq-hu/"], url


# --- Q&A -------------------------------------------------------------------------------


def _questions(site: BuiltSite, url: str) -> list[Tag]:
    return [h for h in site.article(url).find_all("h2")
            if heading_text(h).startswith("Câu hỏi")]


def test_qa_questions_are_numbered_and_listed_at_the_top(public_site: BuiltSite) -> None:
    headings = _questions(public_site, QA_URL)
    texts = [heading_text(h) for h in headings]
    assert len(texts) == 4
    for n, text in enumerate(texts, start=1):
        assert text.startswith(f"Câu hỏi {n}: "), text
    # Written as "## Câu 3. …" and without any number: numbered all the same.
    assert texts[1] == ("Câu hỏi 2: Người dân không có điện thoại thông minh thì theo dõi "
                        "bằng cách nào?")
    assert texts[2] == "Câu hỏi 3: Tài liệu được đăng ở đâu?"
    toc = public_site.article(QA_URL).select_one("nav.tg-questions")
    assert toc is not None
    order = list(public_site.article(QA_URL).descendants)
    assert order.index(toc) < order.index(headings[0])
    links = toc.select("ol > li > a")
    assert [a["href"] for a in links] == [f"#{h['id']}" for h in headings]
    assert [a.get_text(strip=True) for a in links] == [t.split(": ", 1)[1] for t in texts]


def test_qa_ids_are_made_of_the_question_words(public_site: BuiltSite) -> None:
    ids = [h["id"] for h in _questions(public_site, QA_URL)]
    assert len(set(ids)) == len(ids)
    assert ids[2] == "tai-lieu-duoc-dang-o-dau"
    for anchor in ids:
        assert re.fullmatch(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*", anchor), anchor
        assert "cau-hoi" not in anchor and len(anchor) <= 60


def _reorder_sections(text: str) -> str:
    head, body = text.split("\n---\n", 1)
    parts = re.split(r"(?m)^(?=## )", body)
    intro, sections = parts[0], [p.rstrip("\n") + "\n" for p in parts[1:]]
    sections.reverse()
    return f"{head}\n---\n{intro}" + "\n".join(sections)


def test_qa_ids_stay_when_questions_are_reordered(public_site: BuiltSite,
                                                  tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    qa = project / QA_FILE
    qa.write_text(_reorder_sections(qa.read_text(encoding="utf-8")), encoding="utf-8")
    out = tmp_path / "site"
    assert build(project, "public", out) == 0
    variant = BuiltSite(out, "public")

    def ids_by_words(site: BuiltSite) -> dict[str, str]:
        return {heading_text(h).split(": ", 1)[1]: h["id"] for h in _questions(site, QA_URL)}

    before, after = ids_by_words(public_site), ids_by_words(variant)
    assert before == after
    first_before = heading_text(_questions(public_site, QA_URL)[0]).split(": ", 1)[1]
    reordered = [heading_text(h) for h in _questions(variant, QA_URL)]
    assert reordered[-1] == f"Câu hỏi 4: {first_before}", "numbers follow the new order"
    assert reordered[0].startswith("Câu hỏi 1: Ai chịu trách nhiệm")


# --- guidance ----------------------------------------------------------------------------


def test_guidance_shows_key_points_then_audience_chips(public_site: BuiltSite) -> None:
    article = public_site.article(GUIDANCE_URL)
    points = article.select_one(".tg-key-points")
    chips = article.select_one("nav.tg-audiences")
    first_section = article.find("h2")
    assert points is not None and chips is not None and first_section is not None
    order = list(article.descendants)
    assert order.index(points) < order.index(chips) < order.index(first_section)
    meta = frontmatter("content/tai-lieu/bcv/huong-dan-nghi-quyet-5.md")
    assert [li.get_text(strip=True) for li in points.select("li")] == meta["key_points"]
    chip_links = chips.select("li > a")
    assert [a.get_text(strip=True) for a in chip_links] == meta["audiences"]
    for a in chip_links:
        section = article.find("h2", id=a["href"].lstrip("#"))
        assert section is not None and heading_text(section) == a.get_text(strip=True)


# --- languages ---------------------------------------------------------------------------


def test_mong_summary_is_marked_hmn_and_linked_both_ways(public_site: BuiltSite) -> None:
    assert public_site.soup(SUMMARY_URL).html["lang"] == "hmn"
    intro = public_site.article(SUMMARY_URL).select_one(".tg-intro")
    # Its labels are Mông (issue 16, tests/site/test_mong_pages.py); the Vietnamese
    # source it cites is marked as such.
    assert "lang" not in intro.attrs
    assert [resolve(SUMMARY_URL, a["href"]) for a in intro.find_all("a")] == [
        "van-ban/5-nq-hu/"]
    assert intro.find("a").find_parent(lang="vi") is not None
    back = related_groups(public_site, "van-ban/5-nq-hu/")["Tóm tắt tiếng Mông"]
    assert back == [SUMMARY_URL]


def test_every_other_page_is_vietnamese(public_site: BuiltSite,
                                        internal_site: BuiltSite) -> None:
    for site in (public_site, internal_site):
        pages = site.html_pages()
        assert len(pages) >= 19
        for page in pages:
            expected = "hmn" if page == SUMMARY_URL + "index.html" else "vi"
            assert site.soup(page).html.get("lang") == expected, f"{site.audience} {page}"


# --- home and indices -----------------------------------------------------------------


def test_home_lists_newest_public_documents(public_site: BuiltSite,
                                            internal_site: BuiltSite) -> None:
    newest = listed(public_site, "")
    assert set(newest) == PUBLIC_DOCUMENTS
    assert newest[:2] == ["van-ban/30-kh-ubnd/", "van-ban/12-kh-hu/"]
    internal = listed(internal_site, "")
    assert internal[0] == "van-ban/7-cv-hu/"
    assert set(internal) == PUBLIC_DOCUMENTS | {"van-ban/7-cv-hu/", "hoi-dap/hoi-dap-noi-bo/"}


@pytest.mark.parametrize(("url", "expected"), [
    ("van-ban/", {"van-ban/5-nq-hu/", "van-ban/12-kh-hu/", "van-ban/30-kh-ubnd/"}),
    ("hoi-dap/", {QA_URL}),
    ("huong-dan/", {GUIDANCE_URL}),
    ("tieng-mong/", {SUMMARY_URL}),
    ("nam/2024/", {"van-ban/12-kh-hu/", "van-ban/30-kh-ubnd/"}),
    # A Q&A, guidance or summary without a date is filed under its resolution's year.
    ("nam/2023/", {"van-ban/5-nq-hu/", QA_URL, GUIDANCE_URL, SUMMARY_URL}),
    ("co-quan/ban-thuong-vu-huyen-uy-phong-tho/", {"van-ban/12-kh-hu/"}),
    ("co-quan/ban-chap-hanh-dang-bo-huyen-phong-tho/", {"van-ban/5-nq-hu/"}),
    ("co-quan/uy-ban-nhan-dan-huyen-phong-tho/", {"van-ban/30-kh-ubnd/"}),
])
def test_index_lists_the_right_documents(public_site: BuiltSite, url: str,
                                         expected: set[str]) -> None:
    found = listed(public_site, url)
    assert len(found) == len(set(found))
    assert set(found) == expected


def test_group_indices_link_each_group(public_site: BuiltSite) -> None:
    def groups(url: str) -> set[str | None]:
        return {resolve(url, a["href"])
                for a in public_site.article(url).select("ul.tg-groups a")}

    assert groups("nam/") == {"nam/2024/", "nam/2023/"}
    assert groups("co-quan/") == {
        "co-quan/ban-thuong-vu-huyen-uy-phong-tho/",
        "co-quan/ban-chap-hanh-dang-bo-huyen-phong-tho/",
        "co-quan/uy-ban-nhan-dan-huyen-phong-tho/",
    }


# --- nothing from another host ---------------------------------------------------------------

_URL_ATTRS = ("src", "href", "srcset", "action", "poster", "data", "formaction")
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.S)


def _outside(ref: str, own_host: str) -> bool:
    ref = ref.strip()
    if ref.startswith("data:"):
        return False
    parts = urlsplit(urljoin("http://site.test/", ref))
    return parts.netloc not in ("site.test", own_host)


def _external_document_urls() -> set[str]:
    data = yaml.safe_load((FIXTURE / "data/external.yml").read_text(encoding="utf-8"))
    return {item["url"] for item in data if item.get("url")}


def _css_refs(css: str) -> list[str]:
    return [m.group(2) or m.group(4) or "" for m in _CSS_URL.finditer(css)]


def test_no_page_or_stylesheet_references_another_host(public_site: BuiltSite) -> None:
    site_url = re.search(r"(?m)^site_url:\s*(\S+)",
                         (FIXTURE / "mkdocs.yml").read_text(encoding="utf-8"))
    assert site_url is not None
    own_host = urlsplit(site_url.group(1)).netloc  # the canonical links name the site itself
    allowed = _external_document_urls()
    assert allowed
    offending: list[str] = []
    for page in public_site.html_pages():
        soup: BeautifulSoup = public_site.soup(page)
        for tag in soup.find_all(True):
            for attr in _URL_ATTRS:
                value = tag.get(attr)
                if not value:
                    continue
                refs = [v.split()[0] for v in str(value).split(",")] if attr == "srcset" \
                    else [str(value)]
                for ref in refs:
                    if not _outside(ref, own_host):
                        continue
                    in_article = tag.name == "a" and tag.find_parent("article") is not None
                    if not (in_article and ref in allowed):
                        offending.append(f"{page}: <{tag.name} {attr}={ref}>")
            for ref in _css_refs(str(tag.get("style", ""))):
                if _outside(ref, own_host):
                    offending.append(f"{page}: style url({ref})")
        for style in soup.find_all("style"):
            offending += [f"{page}: <style> {r}" for r in _css_refs(style.get_text())
                          if _outside(r, own_host)]
    for css in public_site.root.rglob("*.css"):
        offending += [f"{css.name}: {r}" for r in _css_refs(css.read_text("utf-8"))
                      if _outside(r, own_host)]
    assert not offending, "\n".join(offending)


def test_google_fonts_appear_nowhere(public_site: BuiltSite) -> None:
    for path in public_site.files():
        data = path.read_bytes()
        for host in (b"fonts.googleapis.com", b"fonts.gstatic.com"):
            assert host not in data, f"{path.relative_to(public_site.root)} names {host!r}"


def test_fonts_referenced_by_fonts_css_exist(public_site: BuiltSite) -> None:
    css_path = public_site.root / "assets/stylesheets/fonts.css"
    refs = _css_refs(css_path.read_text(encoding="utf-8"))
    assert len(refs) >= 10  # five faces, each a vi file and a latin-ext file
    for ref in refs:
        font = (css_path.parent / ref).resolve()
        assert font.is_file(), ref
        assert font.read_bytes()[:4] == b"wOF2", f"{ref} is not a WOFF2 font"
    assert "'Noto Sans'" in css_path.read_text(encoding="utf-8")
    for page in ("", "van-ban/12-kh-hu/", "404.html"):
        sheets = [resolve(page, link["href"])
                  for link in public_site.soup(page).select('link[rel="stylesheet"]')]
        assert "assets/stylesheets/fonts.css" in sheets, page
