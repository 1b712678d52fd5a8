"""Which booklets a build makes: automatic ones, defined ones, and the public boundary."""

from __future__ import annotations

from pathlib import Path

from booklet_helpers import REPO

from tuyengiao.core.link.corpus import ProjectLayout, build_corpus
from tuyengiao.core.link.view import Audience, SiteView
from tuyengiao.core.render.booklets.spec import Booklet, booklets_for


def sample(audience: Audience) -> dict[str, Booklet]:
    corpus = build_corpus(ProjectLayout(REPO))
    return {b.id: b for b in booklets_for(SiteView(corpus, audience))}


def items(booklet: Booklet) -> list[str]:
    return [Path(d.path).name for d in booklet.items]


def test_automatic_booklets_resolution_then_qa_then_guidance() -> None:
    public = sample("public")
    assert items(public["14-kh-tu"]) == ["14-kh-tu.md", "dai-hoi-xiii.md"]
    assert items(public["1039-cv-hu"]) == ["1039-cv-hu.md", "bcv-1039-cv-hu.md"]
    booklet = public["14-kh-tu"]
    assert (booklet.title, booklet.subtitle, booklet.lang, booklet.issuer, str(booklet.date)) == (
        "Kế hoạch số 14-KH/TU", booklet.items[0].title, "vi",
        "Ban Thường vụ Tỉnh ủy Hải Dương", "2021-03-22")


def test_each_mong_summary_has_its_own_booklet() -> None:
    booklet = sample("public")["271-kh-hu-hmn"]
    assert (booklet.lang, items(booklet)) == ("hmn", ["271-kh-hu-hmn.md"])
    assert booklet.issuer == "Ban Thường vụ Huyện ủy Phong Thổ"


def test_internal_guidance_only_in_the_internal_booklet() -> None:
    assert items(sample("public")["271-kh-hu"]) == ["271-kh-hu.md", "de-an-1327.md"]
    internal = sample("internal")["271-kh-hu"]
    assert items(internal) == ["271-kh-hu.md", "de-an-1327.md", "ghi-chu-bcv.md"]
    assert not internal.public


def test_defined_booklets_come_after_the_automatic_ones() -> None:
    ids = list(sample("public"))
    assert ids[-2:] == ["nq-dai-hoi-xiii", "so-tay-bao-cao-vien-2023"]
    assert sample("public")["nq-dai-hoi-xiii"].origin == "data/booklets.yml:4"


def test_a_defined_booklet_with_an_internal_item_is_internal_only(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "data").mkdir()
    for number, visibility in (("1-KH/HU", "public"), ("2-KH/HU", "internal")):
        (tmp_path / "content" / f"{number[0]}.md").write_text(
            f"---\ntype: resolution\ntitle: Văn bản {number}\nnumber: {number}\n"
            f"issuer: Huyện ủy\ndate: 2023-02-20\nvisibility: {visibility}\n---\n\nNội dung.\n",
            encoding="utf-8")
    (tmp_path / "data/booklets.yml").write_text(
        "- id: mot\n  title: Một\n  items: [1-KH/HU]\n"
        "- id: hai\n  title: Hai\n  items: [1-KH/HU, 2-KH/HU]\n", encoding="utf-8")
    corpus = build_corpus(ProjectLayout(tmp_path))
    public = [b.id for b in booklets_for(SiteView(corpus, "public"))]
    internal = [b.id for b in booklets_for(SiteView(corpus, "internal"))]
    # No Q&A, guidance or summary: no automatic booklet.
    assert (public, internal) == (["mot"], ["mot", "hai"])


def test_a_public_mong_booklet_says_nothing_of_an_internal_source(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content/nb.md").write_text(
        "---\ntype: resolution\ntitle: Nội bộ\nnumber: 7-CV/HU\nissuer: Ban Bí mật\n"
        "date: 2024-05-06\nvisibility: internal\n---\n\nNội dung.\n", encoding="utf-8")
    (tmp_path / "content/hmn.md").write_text(
        "---\ntype: summary\nlang: hmn\nsource: 7-CV/HU\ntitle: Lus Hmoob\n"
        "visibility: public\n---\n\nLus.\n", encoding="utf-8")
    corpus = build_corpus(ProjectLayout(tmp_path))
    (public,) = booklets_for(SiteView(corpus, "public"))
    assert (public.id, public.issuer, public.date) == ("hmn-hmn", "", None)
    internal = {b.id: b for b in booklets_for(SiteView(corpus, "internal"))}["hmn-hmn"]
    assert (internal.issuer, str(internal.date)) == ("Ban Bí mật", "2024-05-06")


def test_links_to_documents_of_the_booklet_become_links_to_their_part(tmp_path: Path) -> None:
    from tuyengiao.core.render.booklets.build import BookletBuild

    (tmp_path / "content/hd").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_bytes((REPO / "mkdocs.yml").read_bytes())  # attr_list: {#id}
    for number in ("1-KH/HU", "2-KH/HU"):
        (tmp_path / "content" / f"{number[0]}.md").write_text(
            f"---\ntype: resolution\ntitle: Văn bản {number}\nnumber: {number}\n"
            "issuer: Huyện ủy\ndate: 2023-02-20\nvisibility: public\n---\n\nNội dung.\n",
            encoding="utf-8")
    (tmp_path / "content/hd/qa.md").write_text(
        "---\ntype: qa\ntitle: Hỏi – đáp\nresolution: 1-KH/HU\nvisibility: public\n---\n\n"
        "## Câu hỏi 1: Vì sao?\n\nXem [kế hoạch](../1.md), [văn bản khác](../2.md), "
        "[câu hỏi](qa.md#vi-sao) và Kế hoạch số 1-KH/HU.\n", encoding="utf-8")
    layout = ProjectLayout(tmp_path)
    build = BookletBuild(SiteView(build_corpus(layout), "public"), layout)
    (booklet,) = build.booklets
    html = build.assemble(booklet).html
    assert '<a href="#i1-title">kế hoạch</a>' in html
    assert "<span>văn bản khác</span>" in html  # not in this booklet: plain text
    assert '<a href="#i2-vi-sao">câu hỏi</a>' in html
    assert '<a class="tg-ref" href="#i1" title="Văn bản 1-KH/HU">1-KH/HU</a>' in html
    assert 'id="i2-vi-sao"' in html
