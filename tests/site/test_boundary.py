"""The public/internal boundary, checked on every byte of the built output.

The public build must not carry an internal document in any output: pages,
navigation, indices, search index, sitemap (plain and gzipped), assets. The only
place the internal number may appear is where a *public* editor typed it: in
the text of the public plan that mentions it, as plain text, never as a link.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from bs4 import BeautifulSoup, NavigableString, Tag
from built_site import (
    FIXTURE,
    INTERNAL_NUMBER,
    INTERNAL_URLS,
    MARKER,
    MENTIONING_URL,
    REPO,
    SAMPLE_DRAFT,
    SAMPLE_MARKER,
    BuiltSite,
)
from search_files import fragments, terms

# "7-CV/HU" however an output might spell it: spaced, slugged (7-cv-hu), with the
# slash escaped for JSON, percent-encoded or as an HTML character reference.
_SEP = r"\s*(?:/|\\/|%2F|&#x0*2F;|&#0*47;|&sol;|\\u002F|-)\s*"
INTERNAL_NUMBER_RE = re.compile(rf"(?<![0-9A-Za-z])0*7\s*-\s*CV{_SEP}HU(?![A-Za-z0-9])", re.I)
#: Written only in the fixture's internal resolution (its signer) and its issuing body.
INTERNAL_ONLY_WORDS = ("Sùng Thị Mỷ", "van-phong-huyen-uy-phong-tho", "hoi-dap-noi-bo")


def searchable(path: Path) -> str:
    """A file's content as text, in every spelling an output may use for it.

    ``.gz`` files are decompressed; JSON is re-dumped without ``\\u`` escapes;
    HTML/XML character references are also given unescaped. Binary files are
    read as Latin-1 so that ASCII markers are still found in them.
    """
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")
    parts = [text, html.unescape(text)]
    if path.name.endswith((".json", ".json.gz")):
        parts.append(json.dumps(json.loads(text), ensure_ascii=False))
    return "\n".join(parts)


def _mentioning_source_count() -> int:
    """How many times the public editor typed the internal number in their document."""
    source = FIXTURE / "content/uy-ban/ke-hoach-loa-truyen-thanh.md"
    return len(INTERNAL_NUMBER_RE.findall(source.read_text(encoding="utf-8")))


def _text_nodes_with_number(soup: BeautifulSoup) -> list[NavigableString]:
    return [s for s in soup.find_all(string=INTERNAL_NUMBER_RE)
            if isinstance(s, NavigableString)]


# --- the fixture project ---------------------------------------------------------


def test_the_walk_finds_what_it_looks_for(internal_site: BuiltSite) -> None:
    """The same walk over the internal build finds every marker (the checks can fail)."""
    everything = "\n".join(searchable(p) for p in internal_site.files())
    assert MARKER in everything
    assert INTERNAL_NUMBER_RE.search(everything)
    for url in INTERNAL_URLS:
        assert url in everything
    for word in INTERNAL_ONLY_WORDS:
        assert word in everything


def test_public_build_has_no_internal_marker_or_url_in_any_file(public_site: BuiltSite) -> None:
    files = list(public_site.files())
    assert len(files) > 50, "the walk must cover the whole output, assets included"
    kinds = {p.suffix for p in files}
    assert {".html", ".json", ".xml", ".gz", ".js", ".css", ".woff2"} <= kinds
    for path in files:
        content = searchable(path)
        rel = path.relative_to(public_site.root).as_posix()
        assert MARKER not in content, rel
        for url in INTERNAL_URLS:
            assert url.rstrip("/") not in content, f"{rel} names {url}"
        for word in INTERNAL_ONLY_WORDS:
            assert word not in content, f"{rel} contains {word!r}"


def test_internal_number_appears_only_where_a_public_editor_typed_it(
    public_site: BuiltSite,
) -> None:
    # The page, and its precompressed copy for the server (the same bytes).
    allowed = {f"{MENTIONING_URL}index.html", f"{MENTIONING_URL}index.html.gz"}
    for path in public_site.files():
        rel = path.relative_to(public_site.root).as_posix()
        if rel not in allowed:
            found = INTERNAL_NUMBER_RE.findall(searchable(path))
            assert not found, f"{rel} contains the internal number as {found}"


def test_mentioning_page_shows_internal_number_as_plain_text_only(
    public_site: BuiltSite,
) -> None:
    typed = _mentioning_source_count()
    assert typed == 1
    raw = public_site.text(MENTIONING_URL)
    soup = public_site.soup(MENTIONING_URL)
    nodes = _text_nodes_with_number(soup)
    # Every spelling in the raw HTML is one of the visible text nodes: not in an
    # attribute (href, title, meta description), not a slug.
    assert len(INTERNAL_NUMBER_RE.findall(raw)) == typed
    assert sum(len(INTERNAL_NUMBER_RE.findall(str(n))) for n in nodes) == typed
    article = public_site.article(MENTIONING_URL)
    for node in nodes:
        assert node.find_parent("article") is article
        assert node.find_parent(["a", "abbr"]) is None, "a mention of an internal document " \
            "must not be a link or carry its title"
    assert "Công văn số 7-CV/HU" in article.get_text()


def test_public_search_index_has_no_internal_number_marker_or_document(
    public_site: BuiltSite,
) -> None:
    """Every file of ``search/`` is clean; the mentioning text keeps its sentence."""
    folder = public_site.root / "search"
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert len(files) > 10
    for path in files:
        content = searchable(path)
        rel = path.relative_to(public_site.root).as_posix()
        assert MARKER not in content, rel
        assert not INTERNAL_NUMBER_RE.search(content), rel
        assert "7cvhu" not in content, f"{rel} has the internal number's search key"
    docs = fragments(public_site.root)
    urls = {d["u"] for d in docs}
    assert MENTIONING_URL in urls
    assert not urls & set(INTERNAL_URLS)
    mentioning = next(d for d in docs if d["u"] == MENTIONING_URL)
    assert "Công văn số …" in mentioning["x"], "the hidden number is cut from the text"


def test_internal_build_contains_marker_in_page_and_search_index(
    internal_site: BuiltSite,
) -> None:
    article = internal_site.article("van-ban/7-cv-hu/")
    assert MARKER in article.select_one("h1").get_text()
    assert MARKER in article.get_text()
    assert " ".join(article.select_one(".tg-header__number").get_text().split()) \
        == "Số 7-CV/HU"
    assert article.select_one(".tg-internal") is not None, "internal pages carry a banner"
    docs = fragments(internal_site.root)
    own = [d for d in docs if d["u"] == "van-ban/7-cv-hu/"]
    assert len(own) == 1
    assert MARKER in own[0]["t"] and MARKER in own[0]["x"]
    assert "#7cvhu" in terms(internal_site.root), "the internal number is searchable inside"
    # The internal Q&A has no visibility key: internal by default, built here only.
    assert internal_site.exists("hoi-dap/hoi-dap-noi-bo/")


def test_internal_build_links_the_mention(internal_site: BuiltSite) -> None:
    article = internal_site.article(MENTIONING_URL)
    links = [a for a in article.find_all("a") if a.get_text() == INTERNAL_NUMBER]
    assert len(links) == 1
    assert links[0]["href"] == "../7-cv-hu/"
    assert MARKER in links[0]["title"]
    assert internal_site.exists("van-ban/7-cv-hu/")


def test_public_backlinks_and_indices_leave_internal_documents_out(
    public_site: BuiltSite, internal_site: BuiltSite,
) -> None:
    # 7-CV/HU implements 12-KH/HU; the internal Q&A explains 5-NQ/HU.
    for site, expected in ((internal_site, True), (public_site, False)):
        hrefs = " ".join(a["href"] for url in ("van-ban/12-kh-hu/", "van-ban/5-nq-hu/", "")
                         for a in site.article(url).find_all("a", href=True))
        assert ("7-cv-hu" in hrefs) is expected, site.audience
        assert ("hoi-dap-noi-bo" in hrefs) is expected, site.audience
    assert internal_site.exists("nam/2025/")
    assert not public_site.exists("nam/2025/")
    assert internal_site.exists("co-quan/van-phong-huyen-uy-phong-tho/")
    assert not public_site.exists("co-quan/van-phong-huyen-uy-phong-tho/")


def _sitemap_paths(xml_text: str) -> set[str]:
    root = ET.fromstring(xml_text)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return {urlsplit(loc.text or "").path for loc in root.findall("s:url/s:loc", ns)}


def test_sitemap_lists_exactly_the_public_pages(
    public_site: BuiltSite, internal_site: BuiltSite,
) -> None:
    plain = _sitemap_paths((public_site.root / "sitemap.xml").read_text("utf-8"))
    zipped = _sitemap_paths(gzip.decompress((public_site.root / "sitemap.xml.gz")
                                            .read_bytes()).decode("utf-8"))
    assert plain == zipped
    pages = {"/" + p.removesuffix("index.html") for p in public_site.html_pages()
             if p != "404.html"}
    assert plain == pages
    assert "/van-ban/7-cv-hu/" not in plain
    internal = _sitemap_paths((internal_site.root / "sitemap.xml").read_text("utf-8"))
    assert {"/van-ban/7-cv-hu/", "/hoi-dap/hoi-dap-noi-bo/"} <= internal


def test_public_navigation_has_no_internal_entry(public_site: BuiltSite) -> None:
    for rel in public_site.html_pages():
        nav = public_site.soup(rel).select_one("nav.md-nav--primary")
        if nav is None:
            continue
        text = nav.get_text(" ")
        assert MARKER not in text, rel
        assert not any(isinstance(a, Tag) and "7-cv-hu" in a.get("href", "")
                       for a in nav.find_all("a")), rel


# --- the repository's own sample corpus -----------------------------------------------


def _frontmatter(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n", 2)[1])


def test_sample_corpus_public_build_leaks_nothing(sample_public_site: BuiltSite) -> None:
    draft = _frontmatter(REPO / SAMPLE_DRAFT)
    assert draft.get("visibility", "internal") != "public"
    draft_title = str(draft["title"])
    internal_titles = [draft_title]
    public_titles = []
    for path in sorted((REPO / "content").rglob("*.md")):
        meta = _frontmatter(path)
        (public_titles if meta.get("visibility") == "public" else internal_titles).append(
            str(meta["title"]))
    assert len(internal_titles) >= 2 and public_titles
    everything = {p.relative_to(sample_public_site.root).as_posix(): searchable(p)
                  for p in sample_public_site.files()}
    # The walk reads Vietnamese text in every output, the JSON index included.
    search = "\n".join(v for k, v in everything.items() if k.startswith("search/d/"))
    for title in public_titles:
        assert title in search
    for rel, content in everything.items():
        assert SAMPLE_MARKER not in content, rel
        for title in internal_titles:
            assert title not in content, f"{rel} contains the internal title {title!r}"
        assert "du-thao-ke-hoach-hon-quan" not in content, rel
        assert "ghi-chu-bcv" not in content, rel
