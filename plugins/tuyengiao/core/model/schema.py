"""The content contract as data: one definition drives validation and templates.

Each document type is a list of :class:`Field`; ``tuyengiao new`` writes a file
from the same fields (with their Vietnamese help), and ``core.load.validate``
checks editors' frontmatter against them. The entries of the YAML lists in
``data/`` (``external.yml``, ``portal.yml``, ``booklets.yml``) are
:class:`RecordType` values made of the same fields, checked by the same code
(``core.load.records``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FieldKind = Literal["text", "date", "list", "choice", "number", "numbers", "path", "url"]


@dataclass(frozen=True)
class Field:
    """One frontmatter key: its kind, whether it is required, and its help text."""

    key: str
    kind: FieldKind
    required: bool = False
    choices: tuple[str, ...] = ()
    help: str = ""
    example: str | list[str] = ""


@dataclass(frozen=True)
class DocumentType:
    """A document type (``type:`` value) with its Vietnamese name and URL folder."""

    name: str
    label: str
    plural: str
    path: str
    fields: tuple[Field, ...]

    def field(self, key: str) -> Field | None:
        return next((f for f in self.fields if f.key == key), None)


VISIBILITIES = ("public", "internal")
LANGUAGES = ("vi", "hmn")
STATUSES = ("issued", "draft")

_COMMON_HEAD = (
    Field("type", "choice", True, ("resolution", "qa", "guidance", "summary"),
          "loại tài liệu: resolution, qa, guidance hoặc summary"),
    Field("title", "text", True, help="tiêu đề (trích yếu)", example="Về việc …"),
    Field("visibility", "choice", False, VISIBILITIES,
          "public: đăng lên trang công khai; internal (mặc định): chỉ nội bộ", "internal"),
)
_COMMON_TAIL = (
    Field("description", "text", help="một câu tóm tắt, hiện trong kết quả tìm kiếm"),
    Field("tags", "list", help="danh sách từ khóa", example=["học tập nghị quyết"]),
    Field("audio", "path", help="tệp ghi âm trong content/ (MP3, M4A, OGG, WAV, FLAC) "
                                "cho loa truyền thanh, ví dụ hoi-dap/bai-1.mp3"),
)


def _date(required: bool) -> Field:
    return Field("date", "date", required, help="ngày ban hành, dạng NĂM-THÁNG-NGÀY",
                 example="2023-02-20")


def _lang(required: bool, example: str) -> Field:
    return Field("lang", "choice", required, LANGUAGES,
                 "ngôn ngữ: vi (tiếng Việt, mặc định) hoặc hmn (tiếng Mông)", example)


RESOLUTION = DocumentType(
    "resolution", "Văn bản", "Văn bản", "van-ban",
    (
        *_COMMON_HEAD,
        _date(True),
        Field("number", "number", True,
              help="số ký hiệu như in trên văn bản, ví dụ 271-KH/HU hoặc 289/KH-UBND",
              example="271-KH/HU"),
        Field("issuer", "text", True, help="cơ quan ban hành",
              example="Ban Thường vụ Huyện ủy Phong Thổ"),
        Field("place", "text", help="địa danh nơi ban hành", example="Phong Thổ"),
        Field("signer", "text", help="người ký"),
        Field("signer_title", "text", help="chức vụ, thẩm quyền ký",
              example="T/M Ban Thường vụ, Phó Bí thư"),
        Field("term", "text", help="khóa, ví dụ XIII"),
        Field("implements", "numbers", help="số các văn bản mà văn bản này thực hiện",
              example=["148-KH/TU"]),
        Field("recipients", "list", help="nơi nhận", example=["Các chi, đảng bộ cơ sở"]),
        Field("status", "choice", False, STATUSES,
              "issued (mặc định): đã ban hành; draft: dự thảo, chưa có số và ngày", "issued"),
        *_COMMON_TAIL,
        _lang(False, "vi"),
    ),
)
QA = DocumentType(
    "qa", "Hỏi – đáp", "Tài liệu hỏi – đáp", "hoi-dap",
    (
        *_COMMON_HEAD,
        Field("resolution", "number", True, help="số văn bản mà tài liệu này giải thích",
              example="271-KH/HU"),
        Field("audience", "text", help="đối tượng sử dụng",
              example="Đoàn viên, hội viên và nhân dân"),
        _date(False),
        *_COMMON_TAIL,
        _lang(False, "vi"),
    ),
)
GUIDANCE = DocumentType(
    "guidance", "Hướng dẫn báo cáo viên", "Hướng dẫn báo cáo viên", "huong-dan",
    (
        *_COMMON_HEAD,
        Field("resolution", "number", True, help="số văn bản được hướng dẫn",
              example="271-KH/HU"),
        Field("audiences", "list", help="các đối tượng; mỗi đối tượng một mục ## trong bài",
              example=["Đảng viên ở nông thôn"]),
        Field("key_points", "list", help="nội dung cốt lõi cần nhấn mạnh",
              example=["Nội dung thứ nhất"]),
        _date(False),
        *_COMMON_TAIL,
        _lang(False, "vi"),
    ),
)
SUMMARY = DocumentType(
    "summary", "Tóm tắt tiếng Mông", "Tóm tắt tiếng Mông", "tieng-mong",
    (
        *_COMMON_HEAD,
        Field("source", "number", True, help="số văn bản tiếng Việt được tóm tắt",
              example="271-KH/HU"),
        _lang(True, "hmn"),
        Field("translator", "text", help="người dịch"),
        Field("reviewed_by", "text", help="người thẩm định bản dịch"),
        _date(False),
        *_COMMON_TAIL,
    ),
)

TYPES: dict[str, DocumentType] = {t.name: t for t in (RESOLUTION, QA, GUIDANCE, SUMMARY)}


@dataclass(frozen=True)
class RecordType:
    """The entries of a YAML list in ``data/``: their fields, and how messages name them."""

    file: str
    #: What one entry is, and the entries, for messages: "a booklet", "booklets".
    entry: str
    entries: str
    fields: tuple[Field, ...]

    @property
    def required(self) -> str:
        """The required keys, for messages: ``number, title and issuer``."""
        keys = [f.key for f in self.fields if f.required]
        return ", ".join(keys[:-1]) + " and " + keys[-1] if len(keys) > 1 else keys[0]

    @property
    def expected(self) -> str:
        """What the whole file holds, for a file that is not a list."""
        return f"{self.entries}, each with {self.required}"


EXTERNAL = RecordType("external.yml", "a document", "documents", (
    Field("number", "number", True, help="số ký hiệu, ví dụ 01-CT/TW"),
    Field("title", "text", True, help="trích yếu"),
    Field("issuer", "text", True, help="cơ quan ban hành"),
    Field("url", "url", help="địa chỉ trang chính thức của văn bản"),
))
PORTAL = RecordType("portal.yml", "a site", "sites", (
    Field("name", "text", True, help="tên đơn vị, hiện bên mỗi kết quả"),
    Field("url", "url", True, help="địa chỉ trang của đơn vị"),
))
BOOKLET = RecordType("booklets.yml", "a booklet", "booklets", (
    Field("id", "text", True, help="tên tệp tai-lieu/<id>.pdf"),
    Field("title", "text", True, help="tên tài liệu in"),
    Field("subtitle", "text", help="dòng dưới tên"),
    Field("items", "list", True, help="số văn bản hoặc đường dẫn content/…/x.md"),
    Field("lang", "choice", False, LANGUAGES, "vi (mặc định) hoặc hmn", "vi"),
    Field("image", "text", help="ảnh bìa trong data/"),
))

#: The frontmatter key that names the document a non-resolution belongs to.
PARENT_KEY: dict[str, str] = {"qa": "resolution", "guidance": "resolution", "summary": "source"}
