"""The data page "Số liệu học tập, quán triệt" in the public and internal builds.

The fixture's units (``tests/fixtures/project/data/units.yml``) must not appear
anywhere in the public build while per-unit numbers are internal (the default),
and must appear in the internal build and when ``study_per_unit: public`` is set.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from browser_helpers import CHROMIUM, chromium, served
from built_site import FIXTURE, BuiltSite, build
from test_boundary import searchable

from tuyengiao.core.model.text import fold

URL = "so-lieu/"
UNIT_NAMES = [u["name"] for u in yaml.safe_load(
    (FIXTURE / "data" / "units.yml").read_text(encoding="utf-8"))]


def _appendix(site: BuiltSite, number: int, url: str = URL) -> list[list[str]]:
    table = site.article(url).select_one(f"table.tg-appendix--{number}")
    assert table is not None, f"{url}: no Phụ lục {number}"
    return [[c.get_text(strip=True) for c in tr.find_all(["th", "td"])]
            for tr in table.select("tbody tr")]


def test_public_data_page_shows_the_district_totals(public_site: BuiltSite) -> None:
    nav = [a.get_text(strip=True) for a in public_site.soup("").select("nav.md-nav--primary a")]
    assert "Số liệu học tập, quán triệt" in nav
    assert _appendix(public_site, 1) == [
        ["2020", "3", "208/220", "94,55%", "54/60", "90,00%", "262", "270"],
        ["2021", "–", "–", "–", "–", "–", "–", "–"],
        ["2022", "4", "396/400", "99,00%", "98/100", "98,00%", "494", "500"],
        ["2023", "2", "2.851/3.000", "95,03%", "1/32", "3,13%", "2.852", "2.900"],
        ["Tổng", "9", "3.455/3.620", "95,44%", "153/192", "79,69%", "3.608", "3.670"],
    ]
    assert _appendix(public_site, 2)[-1] == ["Tổng", "4", "12", "15", "1.230", "32", "1.600"]
    assert len(_appendix(public_site, 3)[0]) == 25


def test_two_level_headers_use_colspan_and_rowspan(public_site: BuiltSite) -> None:
    table = public_site.article(URL).select_one("table.tg-appendix--1")
    assert table is not None
    first, second = table.select("thead tr")
    cells = [(th.get_text(strip=True), th.get("colspan"), th.get("rowspan"))
             for th in first.find_all("th")]
    assert cells[:3] == [("Năm", None, "2"), ("Tổng số hội nghị đã tổ chức", None, "2"),
                         ("Đảng viên", "2", None)]
    assert [th.get_text(strip=True) for th in second.find_all("th")] == [
        "Số được học tập/ tổng số", "%", "Số được học tập/ tổng số", "%"]
    three = public_site.article(URL).select_one("table.tg-appendix--3")
    assert three is not None and len(three.select("thead tr")) == 3


def test_chart_is_svg_with_a_text_alternative(public_site: BuiltSite) -> None:
    svg = public_site.article(URL).select_one("figure.tg-figure svg")
    assert svg is not None and svg["role"] == "img"
    title, desc = svg.find("title"), svg.find("desc")
    assert title is not None and desc is not None
    assert svg["aria-labelledby"] == f"{title['id']} {desc['id']}"
    assert desc.get_text() == (
        "Mục tiêu 98%. năm 2020: đảng viên 94,55%, cán bộ, công chức, viên chức, nlđ 90,00%; "
        "năm 2021: không có số liệu; năm 2022: đảng viên 99,00%, cán bộ, công chức, viên "
        "chức, nlđ 98,00%; năm 2023: đảng viên 95,03%, cán bộ, công chức, viên chức, nlđ "
        "3,13%.")
    # Two series (2021 is a gap, so each line is two segments) and the target line.
    assert len(svg.select("polyline.tg-chart__line--members")) == 1  # 2022–2023
    assert len(svg.select("circle.tg-chart__point--members")) == 3
    assert len(svg.select("line.tg-chart__target")) == 1
    # No colour is written into the SVG: the theme's CSS variables give them.
    assert not re.search(r"#[0-9a-f]{3,6}|rgb\(", str(svg), re.I)


def test_resolution_filter_is_static_pages(public_site: BuiltSite) -> None:
    links = public_site.article(URL).select("nav.tg-filter a")
    assert [a.get_text() for a in links] == ["12-KH/HU", "5-NQ/HU"]
    for a in links:
        target = (URL + a["href"]).replace("/./", "/")
        assert public_site.exists(target), target
    assert _appendix(public_site, 1, "so-lieu/theo-van-ban/5-nq-hu/")[2] == [
        "2022", "1", "199/200", "99,50%", "48/50", "96,00%", "247", "250"]


def test_no_unit_name_anywhere_in_the_public_build(public_site: BuiltSite) -> None:
    article = public_site.article(URL)
    assert article.select_one("#tg-unit") is None
    assert article.select_one(".tg-below") is None
    assert not (public_site.root / "so-lieu" / "theo-don-vi").exists()
    for path in public_site.files():
        text = fold(searchable(path))
        for name in UNIT_NAMES:
            assert fold(name) not in text, f"{name} in {path}"


def test_internal_build_has_units_filter_and_below_target(internal_site: BuiltSite) -> None:
    article = internal_site.article(URL)
    options = [o.get_text() for o in article.select("#tg-unit option")]
    assert options == ["Toàn đảng bộ", *UNIT_NAMES]
    below = [li.get_text() for li in article.select("ul.tg-below li")]
    assert below == ["Chi bộ Thôn Kiểm Định: đảng viên 95,03%, cán bộ 3,13%"]
    assert _appendix(internal_site, 1, "so-lieu/theo-don-vi/u1/")[-1] == [
        "Tổng", "6", "586/600", "97,67%", "143/150", "95,33%", "729", "740"]
    for name in UNIT_NAMES:
        assert name in internal_site.text(URL)


def test_one_setting_publishes_per_unit_numbers(project_copy: Path, tmp_path: Path) -> None:
    config = project_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("      data_dir: data\n",
                                   "      data_dir: data\n      study_per_unit: public\n"),
                      encoding="utf-8")
    assert build(project_copy, "public", tmp_path / "out") == 0
    site = BuiltSite(tmp_path / "out", "public")
    assert site.exists("so-lieu/theo-don-vi/u2/")
    assert all(name in site.text(URL) for name in UNIT_NAMES)


# --- in the browser ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def internal_url(internal_site: BuiltSite) -> Iterator[str]:
    with served(internal_site.root) as url:
        yield url


_LAYOUT = """() => {
  const line = document.querySelector('.tg-chart__line--members');
  const width = document.documentElement.clientWidth;
  const cells = [...document.querySelectorAll('.tg-appendix td')];
  return {page: document.documentElement.scrollWidth - width,
          cells: cells.length,
          outside: cells.filter(td => {
            const r = td.getBoundingClientRect();
            return r.left < 0 || r.right > width;
          }).map(td => td.dataset.label),
          boxes: [...document.querySelectorAll('.tg-appendix')].map(
            t => t.parentElement.scrollWidth - t.parentElement.clientWidth),
          stroke: getComputedStyle(line).stroke,
          primary: getComputedStyle(document.body).getPropertyValue('--md-primary-fg-color')};
}"""


@pytest.mark.skipif(not Path(CHROMIUM).is_file(), reason="Debian's chromium is not installed")
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_phone_width_shows_every_figure_without_scrolling_sideways(internal_url: str,
                                                                   scheme: str) -> None:
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 740}, color_scheme=scheme)
        outside: list[str] = []
        page.on("request", lambda r: outside.append(r.url)
                if not r.url.startswith(internal_url) else None)
        page.goto(internal_url + URL)
        page.wait_for_load_state("networkidle")
        layout = page.evaluate(_LAYOUT)
        page.select_option("#tg-unit", label=UNIT_NAMES[1])  # the unit filter navigates
        page.wait_for_url("**/so-lieu/theo-don-vi/u2/")
    assert outside == []
    assert layout["page"] <= 0, "the page scrolls sideways"
    # Every figure of the three appendices (5 rows × 7 + 5 × 6 + 5 × 24) is on screen:
    # each year is stacked, no table scrolls in its box either.
    assert layout["cells"] == 5 * (7 + 6 + 24)
    assert layout["outside"] == [] and layout["boxes"] == [0, 0, 0], layout
    if scheme == "light":  # the members' line has the palette's primary colour (red)
        hex_colour = layout["primary"].strip().lstrip("#")
        red, green, blue = (int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))
        assert layout["stroke"] == f"rgb({red}, {green}, {blue})", layout
        assert red > 150 and green < 100, "red, not Material's default indigo"
    else:  # a lighter red that reads on the dark background
        assert layout["stroke"] == "rgb(255, 138, 128)", layout


_CUES = """() => [...document.querySelectorAll('.tg-appendix')].map(t => {
  const box = t.parentElement, cue = box.previousElementSibling;
  return {hidden: box.scrollWidth - box.clientWidth,
          cue: cue.classList.contains('tg-scroll-cue') ? getComputedStyle(cue).display : '',
          year: getComputedStyle(t.querySelector('tbody th')).position};
})"""


@pytest.mark.skipif(not Path(CHROMIUM).is_file(), reason="Debian's chromium is not installed")
def test_desktop_width_hides_no_column_without_a_cue(internal_url: str) -> None:
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(internal_url + URL)
        cues = page.evaluate(_CUES)
    assert cues[0]["hidden"] <= 0 and cues[1]["hidden"] <= 0, cues  # Phụ lục 1, 2 fit
    assert cues[2]["hidden"] > 0 and cues[2]["cue"] == "block", cues  # 25 columns: a cue
    assert cues[2]["year"] == "sticky"  # and the year stays in view


@pytest.mark.skipif(not Path(CHROMIUM).is_file(), reason="Debian's chromium is not installed")
def test_printing_gives_each_appendix_landscape_pages_with_every_column(
        internal_url: str, tmp_path: Path) -> None:
    pdf = tmp_path / "so-lieu.pdf"
    with chromium() as browser:
        page = browser.new_page()
        page.goto(internal_url + URL)
        page.wait_for_load_state("networkidle")
        page.pdf(path=str(pdf), prefer_css_page_size=True)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    pages = text.split("\f")[:-1]
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    size = next(line for line in info.splitlines() if line.startswith("Page size:")).split()
    assert float(size[2]) > float(size[4]), "landscape"
    for number, title in ((1, "Kết quả học tập"), (2, "Đội ngũ báo cáo viên"),
                          (3, "Kiểm tra, giám sát")):
        found = [p for p in pages if f"Phụ lục {number} – {title}" in p]
        assert len(found) == 1, f"Phụ lục {number}"
        heading_page = found[0]
        rows = [line for line in heading_page.splitlines() if line.strip()]
        assert not rows[-1].strip().startswith("Phụ lục"), "a heading alone at a page foot"
        assert "Tổng" in heading_page  # the table follows its heading on the same page
    third = next(p for p in pages if "Phụ lục 3 – Kiểm tra, giám sát" in p)
    assert third.count("nhân") == 8 and third.count("cuộc") == 8  # "Cá nhân" may wrap
    total = next(line for line in third.splitlines() if line.strip().startswith("Tổng"))
    assert len(total.split()) == 25
    first = next(p for p in pages if "Phụ lục 1 – Kết quả học tập" in p)
    assert "95,44%" in first and "79,69%" in first  # the last columns, "%" included
