"""The data page "Số liệu học tập, quán triệt" and its filtered pages, for one audience.

* ``so-lieu/``: district totals (Phụ lục 1–3), the chart of participation rates
  with the target, links to filter by resolution, and (per-unit builds) the
  unit filter and the units below target.
* ``so-lieu/theo-van-ban/<number>/``: Phụ lục 1 and the chart for one resolution.
* ``so-lieu/theo-don-vi/<id>/``: one unit's appendices (per-unit builds only).

Per-unit numbers and unit names appear only when ``per_unit`` is true: in the
internal build, or in the public one when ``study_per_unit: public`` is set.
The filter needs no server: each choice is a static page; the unit list is a
``<select>`` that follows a link (JavaScript) and a plain list of links.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Iterator
from decimal import Decimal

from markupsafe import escape

from tuyengiao.core.load.study import StudyData
from tuyengiao.core.model.text import slugify
from tuyengiao.core.model.urls import relative_url
from tuyengiao.core.render.data.aggregate import ALL, Selection, below_target, study_sums
from tuyengiao.core.render.data.chart import Series, legend, percent_label, rate_chart
from tuyengiao.core.render.data.deadlines import due_text, missing_reports, today
from tuyengiao.core.render.data.output import cell_text
from tuyengiao.core.render.data.percent import percent
from tuyengiao.core.render.data.tables import Appendix, Head, appendices, appendix_1
from tuyengiao.core.render.nobreak import numbers as nobreak_numbers
from tuyengiao.core.render.site.document import PageSource
from tuyengiao.core.render.site.indexes import GeneratedPage, NavEntry

TITLE = "Số liệu học tập, quán triệt"
#: The data pages' own stylesheet (overrides/assets/…), linked by main.html from the
#: page's ``tg_stylesheet`` (``tg_script`` likewise): tables, chart, phone and print.
STYLESHEET = "assets/stylesheets/study.css"
#: The unit filter's script (a file: the site allows no inline script), linked the same way.
SCRIPT = "assets/javascripts/study.js"
BASE = "so-lieu/"
_SRC = "_tg/"
_SECTION = {1: "Phụ lục 1 – Kết quả học tập, quán triệt",
            2: "Phụ lục 2 – Đội ngũ báo cáo viên",
            3: "Phụ lục 3 – Kiểm tra, giám sát"}
_ANCHOR = {1: "phu-luc-1", 2: "phu-luc-2", 3: "phu-luc-3"}


def resolution_url(number: str) -> str:
    return f"{BASE}theo-van-ban/{slugify(number)}/"


def unit_url(unit_id: str) -> str:
    return f"{BASE}theo-don-vi/{unit_id}/"


def _page(url: str, title: str, blocks: list[str], description: str, script: bool
          ) -> PageSource:
    """A data page; ``script`` (the unit filter's) only where the filter is shown."""
    markdown = "\n\n".join(b.strip("\n") for b in blocks if b.strip()) + "\n"
    meta = {"title": title, "description": description, "lang": "vi", "tg_type": "study",
            "tg_stylesheet": STYLESHEET}
    if script:
        meta["tg_script"] = SCRIPT
    return PageSource(f"{_SRC}{url}index.md", url, title, markdown, meta)


class StudyPages:
    """The study pages of one build; empty when ``data/`` has no study rows."""

    def __init__(self, data: StudyData, per_unit: bool,
                 resolutions: list[str] | None = None) -> None:
        self.data = data
        self.per_unit = per_unit
        self.years = data.years()
        #: The resolutions with a page and a filter link (the view's: never a number of a
        #: document the audience may not see).
        self.resolutions = data.resolutions() if resolutions is None else resolutions
        #: The day deadlines are compared with (SOURCE_DATE_EPOCH or today).
        self.today = today()

    def nav(self) -> list[NavEntry]:
        return [NavEntry(TITLE, f"{_SRC}{BASE}index.md")] if self.data.has_rows else []

    def pages(self) -> Iterator[GeneratedPage]:
        """Every page, keyed by the study data (made only when the page cache lacks it)."""
        if not self.data.has_rows:
            return
        data = self.fingerprint()
        made: list[tuple[str, Callable[[], PageSource]]] = [(BASE, self._main)]
        made += [(resolution_url(n), functools.partial(self._resolution, n))
                 for n in self.resolutions]
        if self.per_unit:
            reporting = {row[1] for rows in self.data.rows.values() for row in rows}
            made += [(unit_url(u.id), functools.partial(self._unit, u.id))
                     for u in self.data.units.values() if u.id in reporting]
        for url, make in made:
            yield GeneratedPage(f"{_SRC}{url}index.md", url,
                                ("study", data, str(self.per_unit)), make)

    def fingerprint(self) -> str:
        """A hash of everything the pages show: units, target, years and rows."""
        data = self.data
        units = [(u.id, u.name, u.kind) for u in data.units.values()]
        missing = [(m.year, str(m.due), m.table, m.deadline.label, m.units)
                   for m in missing_reports(data, self.today)]
        plan = data.plan.attached_line() if data.plan is not None else ""
        shown = (units, str(data.target), data.first_year, data.last_year, data.rows,
                 missing, plan, self.resolutions)
        return hashlib.blake2b(json.dumps(shown, ensure_ascii=False).encode("utf-8"),
                               digest_size=20).hexdigest()

    # --- the pages ----------------------------------------------------------------------

    def _intro(self) -> str:
        return (f'<p class="tg-intro">Số liệu các đơn vị báo cáo theo Phụ lục 1–3, cộng theo '
                f"năm; tỷ lệ (%) do hệ thống tính từ số được học tập trên tổng số, không nhập "
                f"tay. Mục tiêu: {percent_label(self.data.target)} đảng viên và cán bộ được học "
                "tập, quán triệt.</p>")

    def _main(self) -> PageSource:
        url = BASE
        first, second, third = appendices(self.data, ALL)
        blocks = [self._intro(), self._filters(url, None, None),
                  "## Tỷ lệ được học tập, quán triệt {#bieu-do}",
                  self._chart(url, "chart-all", ALL, self.data.whole.lower())]
        if self.per_unit:
            blocks += self._below_target(url)
        blocks += self._missing(url)
        blocks += [self._appendix(a, url) for a in (first, second, third)]
        return _page(url, TITLE, blocks, "Kết quả học tập, quán triệt nghị quyết, đội ngũ báo "
                     "cáo viên và kiểm tra, giám sát, cộng theo năm.", self.per_unit)

    def _resolution(self, number: str) -> PageSource:
        url = resolution_url(number)
        selection = Selection(resolution=number)
        title = f"{TITLE}: {number}"
        blocks = [self._intro(), self._filters(url, number, None),
                  "## Tỷ lệ được học tập, quán triệt {#bieu-do}",
                  self._chart(url, "chart-res", selection, f"nghị quyết {number}"),
                  self._appendix(appendix_1(self.data, selection, self.years), url)]
        return _page(url, title, blocks, f"Kết quả học tập, quán triệt {number}, theo năm.",
                     self.per_unit)

    def _unit(self, unit_id: str) -> PageSource:
        url = unit_url(unit_id)
        name = self.data.units[unit_id].name
        selection = Selection(unit=unit_id)
        blocks = [self._intro(), self._filters(url, None, unit_id),
                  "## Tỷ lệ được học tập, quán triệt {#bieu-do}",
                  self._chart(url, "chart-unit", selection, name)]
        blocks += [self._appendix(a, url) for a in appendices(self.data, selection)]
        named = set(self.resolutions)
        numbers = dict.fromkeys(r[2] for r in self.data.rows["study"]
                                if r[1] == unit_id and (not r[2] or r[2] in named))
        if len(numbers) > 1 or "" not in numbers:
            blocks.append("## Phụ lục 1 theo từng nghị quyết {#theo-nghi-quyet}")
            for number in numbers:
                one = appendix_1(self.data, Selection(unit_id, number), self.years)
                label = number or "Không ghi nghị quyết (mọi đợt học tập của năm)"
                blocks.append(f"<details class=\"tg-details\"><summary>{nobreak_numbers(label)}"
                              f"</summary>{appendix_html(one, label)}</details>")
        return _page(url, f"{TITLE}: {name}", blocks, f"Số liệu học tập, quán triệt của {name}.",
                     self.per_unit)

    # --- pieces -------------------------------------------------------------------------

    def _filters(self, here: str, number: str | None, unit_id: str | None) -> str:
        def link(label: str, url: str, current: bool) -> str:
            if current:
                return f'<strong aria-current="page">{nobreak_numbers(label)}</strong>'
            return f'<a href="{relative_url(here, url)}">{nobreak_numbers(label)}</a>'

        items = [link("Tất cả", BASE, number is None and unit_id is None)]
        items += [link(n, resolution_url(n), n == number) for n in self.resolutions]
        html = ['<nav class="tg-filter" aria-label="Lọc số liệu">',
                '<p><span class="tg-filter__label">Nghị quyết:</span> ',
                " · ".join(items), "</p>"]
        if self.per_unit:
            html.append(self._unit_filter(here, unit_id))
        html.append("</nav>")
        return "".join(html)

    def _unit_filter(self, here: str, unit_id: str | None) -> str:
        options = [f'<option value="{relative_url(here, BASE)}">{escape(self.data.whole)}</option>']
        links = []
        reporting = {row[1] for rows in self.data.rows.values() for row in rows}
        for unit in self.data.units.values():
            if unit.id not in reporting:
                continue
            target = relative_url(here, unit_url(unit.id))
            selected = " selected" if unit.id == unit_id else ""
            options.append(f'<option value="{target}"{selected}>{escape(unit.name)}</option>')
            links.append(f'<li><a href="{target}">{escape(unit.name)}</a></li>')
        return ('<p><label class="tg-filter__label" for="tg-unit">Đơn vị:</label> '
                '<select id="tg-unit">'
                + "".join(options) + "</select></p>"
                '<details class="tg-details"><summary>Danh sách đơn vị</summary>'
                f'<ul class="tg-units">{"".join(links)}</ul></details>')

    def _rates(self, selection: Selection) -> tuple[list[Decimal | None], list[Decimal | None]]:
        sums = study_sums(self.data, selection)
        members = [percent(sums[y][1], sums[y][2]) if y in sums else None for y in self.years]
        staff = [percent(sums[y][3], sums[y][4]) if y in sums else None for y in self.years]
        return members, staff

    def _chart(self, here: str, chart_id: str, selection: Selection, who: str) -> str:
        members, staff = self._rates(selection)
        series = [Series("members", "Đảng viên", members, "circle"),
                  Series("staff", "Cán bộ, công chức, viên chức, NLĐ", staff, "square")]
        title = f"Tỷ lệ được học tập, quán triệt theo năm – {who}"
        svg = rate_chart(chart_id, title, self.years, series, self.data.target)
        rows = "".join(
            f'<tr><th scope="row">{y}</th><td>{cell_text(m)}</td><td>{cell_text(s)}</td></tr>'
            for y, m, s in zip(self.years, members, staff, strict=True))
        table = ('<div class="tg-table-scroll"><table class="tg-table tg-table--small">'
                 '<thead><tr><th scope="col">Năm</th><th scope="col">Đảng viên</th>'
                 '<th scope="col">Cán bộ, công chức, viên chức, NLĐ</th></tr></thead>'
                 f"<tbody>{rows}</tbody></table></div>")
        return (f'<figure class="tg-figure">{legend(series, self.data.target)}{svg}'
                f"<figcaption>{escape(title)}. Đường đứt nét: mục tiêu "
                f"{percent_label(self.data.target)}.</figcaption></figure>"
                '<details class="tg-details"><summary>Bảng số liệu của biểu đồ</summary>'
                f"{table}</details>")

    def _below_target(self, here: str) -> list[str]:
        if not self.years:
            return []
        year = self.years[-1]
        below = below_target(self.data, year)
        heading = f"## Đơn vị chưa đạt mục tiêu năm {year} {{#chua-dat}}"
        if not below:
            return [heading, f'<p>Mọi đơn vị báo cáo năm {year} đều đạt mục tiêu '
                    f"{percent_label(self.data.target)}.</p>"]
        items = []
        for rate in below:
            unit = self.data.units[rate.unit]
            items.append(f'<li><a href="{relative_url(here, unit_url(unit.id))}">'
                         f"{escape(unit.name)}</a>: đảng viên {cell_text(rate.members)}, "
                         f"cán bộ {cell_text(rate.staff)}</li>")
        return [heading, f'<p>Tỷ lệ dưới {percent_label(self.data.target)} (đảng viên hoặc cán '
                f"bộ, mọi nghị quyết của năm), thấp nhất trước:</p>"
                f'<ul class="tg-below">{"".join(items)}</ul>']

    def _missing(self, here: str) -> list[str]:
        """Units that have not reported by a passed deadline: names for the board
        (per-unit builds), only how many for the public."""
        reports = missing_reports(self.data, self.today)
        if not self.data.deadlines:
            return []
        heading = "## Chưa báo cáo {#chua-bao-cao}"
        on = self.today.strftime("%d/%m/%Y")
        if not reports:
            return [heading, f"<p>Đến ngày {on}, mọi đơn vị đã báo cáo các kỳ đã quá hạn.</p>"]
        items = []
        for report in reports:
            label = escape(due_text(report))
            count = f"{len(report.units)} đơn vị chưa báo cáo"
            if self.per_unit:
                names = ", ".join(
                    f'<a href="{relative_url(here, unit_url(u))}">'
                    f"{escape(self.data.units[u].name)}</a>" for u in report.units)
                items.append(f"<li>{label}: {count}: {names}</li>")
            else:
                items.append(f"<li>{label}: {count}</li>")
        return [heading, f"<p>Các kỳ báo cáo đã quá hạn (đến ngày {on}):</p>"
                f'<ul class="tg-missing">{"".join(items)}</ul>']

    def _appendix(self, appendix: Appendix, here: str) -> str:
        number = appendix.layout.number
        heading = f"## {_SECTION[number]} {{#{_ANCHOR[number]}}}"
        return f"{heading}\n\n{appendix_html(appendix, _SECTION[number])}"


#: Tables with more columns than this get the cue line above them.
WIDE = 12
_EMPTY_TD = '<td class="tg-empty"><span aria-hidden="true">–</span></td>'


def column_labels(appendix: Appendix) -> list[str]:
    """Each value column's headings joined (``Đảng viên – %``): the label a phone shows
    beside each figure when the years are stacked."""
    found: list[str] = []

    def walk(head: Head, path: tuple[str, ...]) -> None:
        if not head.children:
            found.append(" – ".join((*path, head.text)))
        for child in head.children:
            walk(child, (*path, head.text))

    for head in appendix.layout.heads[1:]:
        walk(head, ())
    return found


def appendix_html(appendix: Appendix, label: str) -> str:
    """The appendix as an HTML table with its multi-level header, in a scroll box."""
    head = []
    for level, cells in enumerate(appendix.layout.header_rows()):
        row = []
        for cell in cells:
            attrs = f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
            attrs += f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else ""
            scope = "colgroup" if cell.colspan > 1 else "col"
            row.append(f'<th scope="{scope}"{attrs}>{escape(cell.text)}</th>')
        head.append(f'<tr class="tg-appendix__level-{level + 1}">{"".join(row)}</tr>')
    labels = [escape(label) for label in column_labels(appendix)]
    body = []
    for r in appendix.rows:
        tds = "".join((_EMPTY_TD.replace("<td ", f'<td data-label="{label}" ') if v is None
                       else f'<td data-label="{label}">{cell_text(v)}</td>')
                      for v, label in zip(r.values, labels, strict=True))
        cls = ' class="tg-total"' if r.total else (' class="tg-empty-row"' if r.empty else "")
        body.append(f'<tr{cls}><th scope="row">{r.label}</th>{tds}</tr>')
    notes = "".join(f'<p class="tg-note">Ghi chú: {escape(n)}</p>' for n in appendix.notes)
    # The title is shown above the scroll box (a caption would scroll away on a phone)
    # and kept as the table's caption for screen readers.
    title = f"Phụ lục số {appendix.layout.number}: {escape(appendix.title)}"
    columns = len(appendix.layout.leaves())
    # Phụ lục 3 (25 columns) is wider than the content column at every screen width:
    # a line says so (study.css shows it from 45em; a phone stacks each year). Any
    # table that overflows also shows a shadow at the edge that scrolls.
    cue = (f'<p class="tg-scroll-cue">Bảng có {columns} cột: kéo ngang trong khung để xem '
           "hết →</p>" if columns > WIDE else "")
    return (f'<p class="tg-table-title" aria-hidden="true">{title}</p>{cue}'
            f'<div class="tg-table-scroll" role="region" tabindex="0" '
            f'aria-label="{escape(label)}"><table class="tg-table tg-appendix tg-appendix--'
            f'{appendix.layout.number}"><caption class="tg-sr-only">{title}</caption>'
            f'<thead>{"".join(head)}</thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>{notes}')
