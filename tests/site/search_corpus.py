"""A small generated corpus for the search tests: the fixture project plus
documents written to be told apart only by what search must handle (numbers
typed many ways, ``bản``/``bán``, a phrase against its syllables apart, Mông)
and filler documents that share the common vocabulary of the genre.
"""

from __future__ import annotations

import random
from pathlib import Path

from built_site import copy_project

_FILLER = (
    "tuyên truyền học tập quán triệt nghị quyết cán bộ đảng viên chi bộ cơ sở hội nghị "
    "báo cáo kết quả thực hiện nâng cao chất lượng hiệu quả công tác chính trị tư tưởng "
    "nhân dân địa phương xã thị trấn huyện tỉnh lãnh đạo chỉ đạo kiểm tra giám sát "
    "phong trào thi đua đoàn thể mặt trận thanh niên phụ nữ nông dân cựu chiến binh"
)
FILLER_WORDS = tuple(_FILLER.split(" "))

#: (folder/file stem, frontmatter lines, body) of the documents the judged queries look for.
TARGETS: tuple[tuple[str, str, str], ...] = (
    ("van-ban/289-kh-ubnd", """type: resolution
title: Nâng cao hiệu quả giáo dục chính trị, tư tưởng trên địa bàn tỉnh giai đoạn 2023–2025
number: 289/KH-UBND
issuer: Ủy ban nhân dân tỉnh Bình Phước
date: 2023-09-12""",
     "Kế hoạch giao các sở, ngành và huyện xây dựng chương trình giáo dục chính trị, "
     "tư tưởng cho công chức, viên chức và người lao động."),
    ("van-ban/1327-qd-tu", """type: resolution
title: Ban hành Đề án đổi mới công tác tổ chức học tập nghị quyết của Đảng
number: 1327-QĐ/TU
issuer: Ban Thường vụ Tỉnh ủy Lai Châu
date: 2013-08-28""",
     "Quyết định ban hành kèm theo đề án về đổi mới cách tổ chức các lớp nghiên cứu."),
    ("van-ban/30-2020-nd-cp", """type: resolution
title: Về công tác văn thư
number: 30/2020/NĐ-CP
issuer: Chính phủ
date: 2020-03-05""",
     "Nghị định quy định thể thức và kỹ thuật trình bày văn bản hành chính, "
     "cách ghi ngày tháng, số và ký hiệu văn bản."),
    ("van-ban/5-qd-hu", """type: resolution
title: Thành lập đoàn kiểm tra việc học tập nghị quyết ở cơ sở
number: 05-QĐ/HU
issuer: Ban Thường vụ Huyện ủy Sìn Hồ
date: 2022-04-15""",
     "Quyết định thành lập đoàn kiểm tra gồm năm thành viên."),
    ("van-ban/thon-ban", """type: resolution
title: Tuyên truyền miệng ở các thôn bản vùng cao
number: 41-KH/HU
issuer: Ban Tuyên giáo Huyện ủy Mường Tè
date: 2022-10-03""",
     "Mỗi bản cử một tuyên truyền viên; già làng, trưởng bản nói chuyện với bà con "
     "tại nhà văn hóa bản."),
    ("van-ban/mua-ban", """type: resolution
title: Quản lý hoạt động mua bán tại chợ phiên
number: 77/KH-UBND
issuer: Ủy ban nhân dân huyện Mường Tè
date: 2022-11-20""",
     "Người bán hàng ở chợ phiên niêm yết giá; không bán hàng giả, hàng kém chất lượng."),
    ("hoi-dap/hoc-tap-lam-theo", """type: qa
title: Hỏi – đáp về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh
resolution: 289/KH-UBND""",
     "## Học tập và làm theo gồm những việc gì?\n\nHọc tập tấm gương của Bác gắn với "
     "việc làm cụ thể hằng ngày của mỗi cán bộ, đảng viên."),
    ("hoi-dap/tap-huan", """type: qa
title: Hỏi – đáp về lớp tập huấn kỹ năng cho học sinh
resolution: 41-KH/HU""",
     "## Lớp tập huấn dành cho ai?\n\nHọc sinh trung học cơ sở; lớp tập trung vào "
     "kỹ năng sống, mỗi học sinh tự luyện tập tại nhà."),
    ("huong-dan/duong-loi", """type: guidance
title: Giới thiệu đường lối đối ngoại của Đảng cho báo cáo viên
resolution: 1327-QĐ/TU
audiences:
  - Báo cáo viên cơ sở""",
     "## Báo cáo viên cơ sở\n\nTrình bày đường lối đối ngoại độc lập, tự chủ, đa dạng "
     "hóa, đa phương hóa bằng ví dụ gần gũi."),
    ("tieng-mong/kawm-ntawv", """type: summary
title: Kev kawm ntawv rau cov me nyuam hauv zos
lang: hmn
source: 41-KH/HU""",
     "Cov me nyuam yuav tsum mus kawm ntawv txhua hnub; niam txiv pab saib xyuas."),
)


def write_search_corpus(dest: Path, fillers: int = 60, seed: int = 7) -> Path:
    """The fixture project at ``dest`` plus the targets and ``fillers`` filler documents."""
    project = copy_project(dest)
    content = project / "content" / "gen"
    for stem, frontmatter, body in TARGETS:
        path = content / f"{stem}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{frontmatter}\nvisibility: public\n---\n\n{body}\n", "utf-8")
    rng = random.Random(seed)
    for index in range(fillers):
        words = [rng.choice(FILLER_WORDS) for _ in range(120)]
        title = " ".join(rng.choice(FILLER_WORDS) for _ in range(8)).capitalize()
        year = 2015 + index % 9
        frontmatter = (f"type: resolution\ntitle: {title}\nnumber: {200 + index}-KH/HU\n"
                       "issuer: Ban Thường vụ Huyện ủy Tân Uyên\n"
                       f"date: {year}-05-{1 + index % 28:02d}\nvisibility: public")
        body = " ".join(words).capitalize() + "."
        path = content / "filler" / f"kh-{200 + index}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{frontmatter}\n---\n\n{body}\n", "utf-8")
    return project
