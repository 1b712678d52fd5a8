"""Share images (1,200×630) and key-point cards (1,080×1,080): what they say, their
size, the fonts' coverage of Vietnamese, and the cache that draws each image once."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from fontTools.ttLib import TTFont
from PIL import Image

from tuyengiao.core.link.view import SiteView
from tuyengiao.core.render.share.build import (
    POOL_FROM,
    SiteImage,
    SiteImages,
    plan_images,
    site_host,
)
from tuyengiao.core.render.share.cards import (
    CARD_SIZE,
    SHARE_SIZE,
    KeyPointCard,
    ShareCard,
    kind_line,
    kind_text,
)
from tuyengiao.core.render.share.draw import FONTS, draw_key_point, draw_share, font, wrap
from tuyengiao.core.store import CacheStore

if TYPE_CHECKING:
    from core_project import CoreProject

#: Every lower-case Vietnamese letter with its tone marks, and the upper-case ones.
VIETNAMESE = ("aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmn"
              "oòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ")
LETTERS = VIETNAMESE + VIETNAMESE.upper()

TITLE = ("Tổng kết 10 năm thực hiện Đề án 1327 về đổi mới, nâng cao chất lượng công tác "
         "tuyên truyền, học tập, quán triệt nghị quyết của Đảng")


def _size(png: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG"
        return image.size


def test_the_fonts_have_every_vietnamese_letter_as_one_glyph() -> None:
    assert unicodedata.is_normalized("NFC", LETTERS) and len(VIETNAMESE) == 89
    for name in ("NotoSerif-Bold", "NotoSans-Bold", "NotoSans-Regular"):
        cmap = TTFont(FONTS / f"{name}.ttf").getBestCmap()
        missing = [c for c in LETTERS if ord(c) not in cmap]
        assert not missing, f"{name} lacks {''.join(missing)}"


def test_a_share_image_is_1200_by_630() -> None:
    png = draw_share(ShareCard("vi", "KẾ HOẠCH SỐ 271-KH/HU", TITLE,
                               "Ban Thường vụ Huyện ủy Phong Thổ · 20/02/2023",
                               "tuyengiao.example.vn"))
    assert _size(png) == SHARE_SIZE == (1200, 630)
    assert len(png) < 120_000


def test_a_key_point_card_is_1080_square() -> None:
    png = draw_key_point(KeyPointCard("vi", "NỘI DUNG CỐT LÕI", 2, 5, TITLE, "Hướng dẫn",
                                      "tuyengiao.example.vn"))
    assert _size(png) == CARD_SIZE == (1080, 1080)
    assert len(png) < 120_000


def test_a_title_too_long_still_fits() -> None:
    png = draw_share(ShareCard("vi", "", " ".join([TITLE] * 6), "", ""))
    assert _size(png) == SHARE_SIZE


def test_lines_break_at_spaces_only_so_numbers_stay_whole() -> None:
    face = font("NotoSerif-Bold", 60)
    lines = wrap("Thực hiện Kế hoạch số 148-KH/TU và Quyết định 1327-QĐ/TU " * 3, face, 500)
    assert all(face.getlength(line) <= 500 for line in lines if " " in line)
    words = [w for line in lines for w in line.split()]
    assert "148-KH/TU" in words and "1327-QĐ/TU" in words


def test_site_host() -> None:
    assert site_host("https://www.tuyengiao.example.vn/") == "tuyengiao.example.vn"
    assert site_host("") == ""


def _project(core_project: CoreProject) -> SiteView:
    core_project.resolution("content/r.md", "271-KH/HU")
    core_project.write("content/g.md", "---\ntype: guidance\ntitle: Hướng dẫn\n"
                       "resolution: 271-KH/HU\nvisibility: public\nkey_points:\n"
                       "  - Điểm một.\n  - Điểm hai.\n---\n\nNội dung.\n")
    core_project.write("content/s.md", "---\ntype: summary\ntitle: Tsab ntawv\n"
                       "source: 271-KH/HU\nlang: hmn\nvisibility: public\n---\n\nNtawv.\n")
    text = (core_project.root / "content/r.md").read_text(encoding="utf-8")
    core_project.write("content/r.md", text.replace("date:", "visibility: public\ndate:"))
    return SiteView(core_project.corpus(), "public")


def test_kind_lines(core_project: CoreProject) -> None:
    view = _project(core_project)
    by_path = {d.path: d for d in view.documents}
    assert kind_text(by_path["content/r.md"]) == "Kế hoạch số 271-KH/HU"
    assert kind_line(by_path["content/r.md"]) == "KẾ HOẠCH SỐ 271-KH/HU"
    assert kind_text(by_path["content/g.md"]) == "Hướng dẫn báo cáo viên · về 271-KH/HU"
    assert kind_line(by_path["content/s.md"]) == "LUS HMOOB · TXOG TSAB 271-KH/HU"


def test_the_plan_names_every_image_of_the_view(core_project: CoreProject) -> None:
    view = _project(core_project)
    paths = [i.path for i in plan_images(view, "Trang", "Mô tả", "https://x.example.vn/")]
    assert paths == ["chia-se.png", "huong-dan/g/chia-se.png", "huong-dan/g/the-1.png",
                     "huong-dan/g/the-2.png", "van-ban/271-kh-hu/chia-se.png",
                     "tieng-mong/s/chia-se.png"]
    summary = next(i for i in plan_images(view, "T", "", "") if i.path.startswith("tieng-mong"))
    assert isinstance(summary.card, ShareCard) and summary.card.lang == "hmn"


def test_images_are_drawn_once_and_again_only_when_their_text_changes(
        core_project: CoreProject, tmp_path: Path) -> None:
    view = _project(core_project)
    store = CacheStore(tmp_path / "store")
    images = plan_images(view, "Trang", "", "https://x.example.vn/")
    first = SiteImages(store).write_into(tmp_path / "a", images)
    assert (first.images, first.drawn) == (6, 6)
    for image in images:
        with Image.open(tmp_path / "a" / image.path) as found:
            assert found.size == (SHARE_SIZE if isinstance(image.card, ShareCard) else CARD_SIZE)
    again = SiteImages(store).write_into(tmp_path / "b", images)
    assert again.drawn == 0
    assert (tmp_path / "b" / "chia-se.png").read_bytes() == (tmp_path / "a" / "chia-se.png"
                                                             ).read_bytes()
    edited = plan_images(view, "Trang mới", "", "https://x.example.vn/")
    assert SiteImages(store).write_into(tmp_path / "c", edited).drawn == 1


def test_a_damaged_cached_image_is_drawn_again(core_project: CoreProject, tmp_path: Path
                                               ) -> None:
    view = _project(core_project)
    store = CacheStore(tmp_path / "store")
    images = plan_images(view, "Trang", "", "")
    SiteImages(store).write_into(tmp_path / "a", images)
    cached = SiteImages(store)
    path = cached.files.path(cached.name(images[0]))
    path.write_bytes(path.read_bytes()[:100])  # truncated in place (through a site's link)
    assert SiteImages(store).write_into(tmp_path / "b", images).drawn == 1
    with Image.open(tmp_path / "b" / "chia-se.png") as found:
        found.load()
        assert found.size == SHARE_SIZE


def test_many_images_are_drawn_by_a_pool_with_the_same_bytes(tmp_path: Path) -> None:
    cards = [ShareCard("vi", "KẾ HOẠCH", f"Văn bản {i}", "", "") for i in range(2 * POOL_FROM)]
    images = [SiteImage(f"d{i}/chia-se.png", card) for i, card in enumerate(cards)]
    stats = SiteImages(CacheStore(tmp_path / "store"), jobs=2).write_into(tmp_path / "s", images)
    assert stats.drawn == len(cards)
    assert (tmp_path / "s/d7/chia-se.png").read_bytes() == draw_share(cards[7])
