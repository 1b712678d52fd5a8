"""Mông pages in Mông (issue 16): the product's own labels come from the one Mông
strings file, Vietnamese stays beside official terms, and Material's Vietnamese
interface around the Mông content is marked ``lang="vi"``."""

from __future__ import annotations

from built_site import REPO, BuiltSite

from tuyengiao.core.render.site.document import mong_labels

PAGE = "tieng-mong/271-kh-hu-hmn/"


def test_the_labels_of_a_mong_page_are_the_mong_strings(sample_public_site: BuiltSite) -> None:
    soup = sample_public_site.soup(PAGE)
    labels = mong_labels()
    assert soup.html["lang"] == "hmn"
    intro = soup.select_one(".tg-intro")
    assert intro is not None and "lang" not in intro.attrs
    assert intro.strong.get_text() == f"{labels['source']}:"
    assert intro.select_one("span[lang=vi] a") is not None, "the Vietnamese source is marked vi"
    text = soup.select_one("article").get_text(" ")
    assert f"{labels['translator']}:" in text
    assert "Người dịch" not in text
    booklets = soup.select_one(".tg-booklets")
    assert booklets is not None and booklets["lang"] == "hmn"
    assert booklets.a.get_text().startswith(labels["booklet"])


def test_material_interface_on_a_mong_page_is_marked_vietnamese(
        sample_public_site: BuiltSite) -> None:
    soup = sample_public_site.soup(PAGE)
    assert soup.select_one("header.md-header")["lang"] == "vi"
    assert soup.select_one(".md-header__topic[data-md-component=header-topic] span")["lang"] \
        == "hmn"
    for selector in (".md-sidebar--primary", ".md-sidebar--secondary", "footer.md-footer"):
        element = soup.select_one(selector)
        assert element is not None and element.find_parent(lang="vi") is not None, selector
    assert soup.select_one(".md-top")["lang"] == "vi"
    article = soup.select_one("article.md-content__inner")
    assert article.find_parent(lang="vi") is None, "the content itself stays Mông"


def test_a_vietnamese_page_has_no_extra_language_marks(sample_public_site: BuiltSite) -> None:
    soup = sample_public_site.soup("van-ban/271-kh-hu/")
    assert soup.html["lang"] == "vi"
    assert "lang" not in soup.select_one("header.md-header").attrs
    assert soup.select_one(".tg-ui") is None


def test_the_mong_strings_file_is_listed_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "plugins/tuyengiao/core/render/site/strings_hmn.yml" in readme
    assert set(mong_labels()) >= {"source", "translator", "reviewed_by", "listen", "related",
                                  "booklet"}
