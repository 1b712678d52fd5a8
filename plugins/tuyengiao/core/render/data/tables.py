"""The three appendices as the seed lays them out: header trees, rows, a total row.

A :class:`Layout` is defined once per appendix as a tree of column headings;
it gives the HTML/XLSX header cells (with colspan/rowspan), the leaf columns
every output writes, and what the importer expects to find in a spreadsheet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from tuyengiao.core.load.study import StudyData
from tuyengiao.core.model.study import INSPECTIONS, KINDS, LEVELS
from tuyengiao.core.render.data.aggregate import (
    ALL,
    COUNTING_RULE,
    GROUPS,
    Selection,
    inspection_sums,
    reporter_sums,
    study_sums,
)
from tuyengiao.core.render.data.percent import Ratio, percent

Value = int | Ratio | Decimal | None
TOTAL_LABEL = "Tổng"


@dataclass(frozen=True)
class Head:
    """A column heading; a leaf (no children) is one column with a key."""

    text: str
    children: tuple[Head, ...] = ()
    key: str = ""
    #: Computed from other columns (percentages, sums): never read back on import.
    computed: bool = False

    def leaves(self) -> list[Head]:
        if not self.children:
            return [self]
        return [leaf for child in self.children for leaf in child.leaves()]

    def depth(self) -> int:
        return 1 + max((c.depth() for c in self.children), default=0)


@dataclass(frozen=True)
class HeaderCell:
    text: str
    column: int  # 0-based index of its first leaf column
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class Layout:
    number: int
    title: str
    heads: tuple[Head, ...]

    @property
    def depth(self) -> int:
        return max(h.depth() for h in self.heads)

    def leaves(self) -> list[Head]:
        return [leaf for head in self.heads for leaf in head.leaves()]

    def header_rows(self) -> list[list[HeaderCell]]:
        """The header as rows of cells, spans filled in (a leaf reaches the last row)."""
        rows: list[list[HeaderCell]] = [[] for _ in range(self.depth)]

        def place(head: Head, level: int, column: int) -> int:
            width = len(head.leaves())
            rowspan = 1 if head.children else self.depth - level
            rows[level].append(HeaderCell(head.text, column, width, rowspan))
            child_column = column
            for child in head.children:
                child_column = place(child, level + 1, child_column)
            return column + width

        column = 0
        for head in self.heads:
            column = place(head, 0, column)
        return rows


_YEAR = Head("Năm", key="year")
_STUDIED = "Số được học tập/ tổng số"

APPENDIX_1 = Layout(1, "KẾT QUẢ TỔ CHỨC HỌC TẬP, QUÁN TRIỆT CÁC NGHỊ QUYẾT CỦA ĐẢNG", (
    _YEAR,
    Head("Tổng số hội nghị đã tổ chức", key="conferences"),
    Head("Đảng viên", (Head(_STUDIED, key="members"),
                       Head("%", key="members_percent", computed=True))),
    Head("CB, công chức, viên chức, NLĐ chưa là đảng viên", (
        Head(_STUDIED, key="staff"), Head("%", key="staff_percent", computed=True))),
    Head("Tổng số người được học tập, quán triệt", key="people", computed=True),
    Head("Tổng số tài liệu phục vụ cho việc học tập, quán triệt được cấp", key="documents"),
))

APPENDIX_2 = Layout(2, "SỐ LƯỢNG, KẾT QUẢ HOẠT ĐỘNG CỦA ĐỘI NGŨ BÁO CÁO VIÊN CÁC CẤP", (
    _YEAR,
    Head("Số lượng báo cáo viên", (Head("Cấp huyện", key="district_reporters"),
                                   Head("Cấp cơ sở", key="grassroots_reporters"))),
    Head("Kết quả hoạt động", (
        Head("Cấp huyện", (Head("Số hội nghị", key="district_conferences"),
                           Head("Lượt người", key="district_attendance"))),
        Head("Cấp cơ sở", (Head("Số hội nghị", key="grassroots_conferences"),
                           Head("Lượt người", key="grassroots_attendance"))),
    )),
))

_METRIC_LABELS = {"sessions": "Số cuộc", "collectives": "Tập thể", "individuals": "Cá nhân"}

APPENDIX_3 = Layout(3, "KẾT QUẢ KIỂM TRA, GIÁM SÁT VIỆC HỌC TẬP, QUÁN TRIỆT, TRIỂN KHAI "
                    "THỰC HIỆN NGHỊ QUYẾT CỦA ĐẢNG", (
    _YEAR,
    *(Head(level_name, tuple(
        Head(kind_name, tuple(Head(_METRIC_LABELS[m], key=f"{level}.{kind}.{m}")
                              for m in INSPECTIONS.counts))
        for kind, kind_name in KINDS.items()))
      for level, level_name in LEVELS.items()),
))
LAYOUTS: dict[int, Layout] = {1: APPENDIX_1, 2: APPENDIX_2, 3: APPENDIX_3}
assert len(GROUPS) * len(INSPECTIONS.counts) + 1 == len(APPENDIX_3.leaves())


@dataclass
class AppendixRow:
    label: str
    values: list[Value]
    total: bool = False

    @property
    def empty(self) -> bool:
        return all(v is None for v in self.values)


@dataclass
class Appendix:
    """One appendix for a selection: a row per year, then the total row."""

    layout: Layout
    rows: list[AppendixRow]
    notes: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.layout.title


def appendices(data: StudyData, selection: Selection = ALL) -> list[Appendix]:
    years = [selection.year] if selection.year is not None else data.years()
    return [appendix_1(data, selection, years), appendix_2(data, selection, years),
            appendix_3(data, selection, years)]


def _study_values(v: list[int] | None) -> list[Value]:
    if v is None:
        return [None] * 7
    conferences, ms, mt, ss, st, documents = v
    return [conferences, Ratio(ms, mt), percent(ms, mt), Ratio(ss, st), percent(ss, st),
            ms + ss, documents]


def appendix_1(data: StudyData, selection: Selection, years: list[int]) -> Appendix:
    sums = study_sums(data, selection)
    rows = [AppendixRow(str(y), _study_values(sums.get(y))) for y in years]
    counted = [sums[y] for y in years if y in sums]
    total = [sum(column) for column in zip(*counted, strict=True)] if counted else None
    rows.append(AppendixRow(TOTAL_LABEL, _study_values(total), total=True))
    notes = [COUNTING_RULE,
             "Tỷ lệ (%) được tính từ số được học tập trên tổng số; dòng Tổng tính trên "
             "tổng các năm, không lấy trung bình các tỷ lệ."]
    return Appendix(APPENDIX_1, rows, notes)


def appendix_2(data: StudyData, selection: Selection, years: list[int]) -> Appendix:
    sums = reporter_sums(data, selection)
    rows: list[AppendixRow] = [
        AppendixRow(str(y), list(sums[y]) if y in sums else [None] * 6) for y in years]
    counted = [y for y in years if y in sums]
    total: list[Value] = [None] * 6
    notes: list[str] = []
    if counted:
        last = sums[counted[-1]]
        activities = [sum(sums[y][i] for y in counted) for i in range(2, 6)]
        total = [last[0], last[1], *activities]
        notes.append(f"Số lượng báo cáo viên ở dòng Tổng là số của năm {counted[-1]} "
                     "(năm cuối có số liệu), không cộng dồn các năm; kết quả hoạt động "
                     "được cộng các năm.")
    rows.append(AppendixRow(TOTAL_LABEL, total, total=True))
    return Appendix(APPENDIX_2, rows, notes)


def appendix_3(data: StudyData, selection: Selection, years: list[int]) -> Appendix:
    sums = inspection_sums(data, selection)
    width = len(APPENDIX_3.leaves()) - 1
    rows: list[AppendixRow] = [
        AppendixRow(str(y), list(sums.get(y) or [None] * width)) for y in years]
    total: list[Value] = [None] * width
    for year in years:
        for index, value in enumerate(sums.get(year) or ()):
            if value is not None:
                old = total[index]
                total[index] = value + (old if isinstance(old, int) else 0)
    rows.append(AppendixRow(TOTAL_LABEL, total, total=True))
    return Appendix(APPENDIX_3, rows)
