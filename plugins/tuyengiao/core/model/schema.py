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

from tuyengiao.i18n import N_, _, language

FieldKind = Literal["text", "date", "list", "choice", "number", "numbers", "path", "url"]


@dataclass(frozen=True)
class Field:
    """One frontmatter key: its kind, whether it is required, and its help text."""

    key: str
    kind: FieldKind
    required: bool = False
    choices: tuple[str, ...] = ()
    help: str = ""


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
    Field("title", "text", True, help="tiêu đề (trích yếu)"),
    Field("visibility", "choice", False, VISIBILITIES,
          "public: đăng lên trang công khai; internal (mặc định): chỉ nội bộ"),
)
_COMMON_TAIL = (
    Field("description", "text", help="một câu tóm tắt, hiện trong kết quả tìm kiếm"),
    Field("tags", "list", help="danh sách từ khóa"),
    Field("audio", "path", help="tệp ghi âm trong content/ (MP3, M4A, OGG, WAV, FLAC) "
                                "cho loa truyền thanh, ví dụ hoi-dap/bai-1.mp3"),
)


def _date(required: bool) -> Field:
    return Field("date", "date", required, help="ngày ban hành, dạng NĂM-THÁNG-NGÀY")


def _lang(required: bool) -> Field:
    return Field("lang", "choice", required, LANGUAGES,
                 "ngôn ngữ: vi (tiếng Việt, mặc định) hoặc hmn (tiếng Mông)")


RESOLUTION = DocumentType(
    "resolution", "Văn bản", "Văn bản", "van-ban",
    (
        *_COMMON_HEAD,
        _date(True),
        Field("number", "number", True,
              help="số ký hiệu như in trên văn bản, ví dụ 12-KH/ĐU hoặc 289/KH-UBND"),
        Field("issuer", "text", True, help="cơ quan ban hành"),
        Field("place", "text", help="địa danh nơi ban hành"),
        Field("signer", "text", help="người ký"),
        Field("signer_title", "text", help="chức vụ, thẩm quyền ký"),
        Field("term", "text", help="khóa, ví dụ XIII"),
        Field("implements", "numbers", help="số các văn bản mà văn bản này thực hiện"),
        Field("recipients", "list", help="nơi nhận"),
        Field("status", "choice", False, STATUSES,
              "issued (mặc định): đã ban hành; draft: dự thảo, chưa có số và ngày"),
        *_COMMON_TAIL,
        _lang(False),
    ),
)
QA = DocumentType(
    "qa", "Hỏi – đáp", "Tài liệu hỏi – đáp", "hoi-dap",
    (
        *_COMMON_HEAD,
        Field("resolution", "number", True, help="số văn bản mà tài liệu này giải thích"),
        Field("audience", "text", help="đối tượng sử dụng"),
        _date(False),
        *_COMMON_TAIL,
        _lang(False),
    ),
)
GUIDANCE = DocumentType(
    "guidance", "Hướng dẫn báo cáo viên", "Hướng dẫn báo cáo viên", "huong-dan",
    (
        *_COMMON_HEAD,
        Field("resolution", "number", True, help="số văn bản được hướng dẫn"),
        Field("audiences", "list", help="các đối tượng; mỗi đối tượng một mục ## trong bài"),
        Field("key_points", "list", help="nội dung cốt lõi cần nhấn mạnh"),
        _date(False),
        *_COMMON_TAIL,
        _lang(False),
    ),
)
SUMMARY = DocumentType(
    "summary", "Tóm tắt tiếng Mông", "Tóm tắt tiếng Mông", "tieng-mong",
    (
        *_COMMON_HEAD,
        Field("source", "number", True, help="số văn bản tiếng Việt được tóm tắt"),
        _lang(True),
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
        if len(keys) == 1:
            return keys[0]
        return _("{first} and {last}").format(first=", ".join(keys[:-1]), last=keys[-1])

    @property
    def expected(self) -> str:
        """What the whole file holds, for a file that is not a list."""
        return _("{entries}, each with {keys}").format(entries=_(self.entries),
                                                       keys=self.required)


EXTERNAL = RecordType("external.yml", N_("a document"), N_("documents"), (
    Field("number", "number", True, help="số ký hiệu, ví dụ 01-CT/TW"),
    Field("title", "text", True, help="trích yếu"),
    Field("issuer", "text", True, help="cơ quan ban hành"),
    Field("url", "url", help="địa chỉ trang chính thức của văn bản"),
))
PORTAL = RecordType("portal.yml", N_("a site"), N_("sites"), (
    Field("name", "text", True, help="tên đơn vị, hiện bên mỗi kết quả"),
    Field("url", "url", True, help="địa chỉ trang của đơn vị"),
))
BOOKLET = RecordType("booklets.yml", N_("a booklet"), N_("booklets"), (
    Field("id", "text", True, help="tên tệp tai-lieu/<id>.pdf"),
    Field("title", "text", True, help="tên tài liệu in"),
    Field("subtitle", "text", help="dòng dưới tên"),
    Field("items", "list", True, help="số văn bản hoặc đường dẫn content/…/x.md"),
    Field("lang", "choice", False, LANGUAGES, "vi (mặc định) hoặc hmn"),
    Field("image", "text", help="ảnh bìa trong data/"),
))

#: What each key means, shown beside it in Vietnamese messages: keys stay English (the
#: contract), ``visibility (phạm vi công khai)``.
KEY_MEANINGS: dict[str, str] = {
    "type": "loại tài liệu",
    "title": "tiêu đề",
    "visibility": "phạm vi công khai",
    "date": "ngày",
    "description": "câu tóm tắt",
    "tags": "từ khóa",
    "lang": "ngôn ngữ",
    "number": "số ký hiệu",
    "issuer": "cơ quan ban hành",
    "place": "nơi ban hành",
    "signer": "người ký",
    "signer_title": "chức vụ người ký",
    "term": "khóa",
    "implements": "các văn bản được thực hiện",
    "recipients": "nơi nhận",
    "status": "tình trạng",
    "resolution": "văn bản gốc",
    "audience": "đối tượng",
    "audiences": "các đối tượng",
    "key_points": "nội dung cốt lõi",
    "source": "văn bản gốc",
    "translator": "người dịch",
    "reviewed_by": "người thẩm định",
    "audio": "tệp ghi âm",
    "url": "địa chỉ trang web",
    "name": "tên",
    "id": "mã",
    "subtitle": "dòng dưới tên",
    "items": "các mục",
    "image": "ảnh bìa",
}


def key_label(key: str) -> str:
    """A key as messages show it: ``visibility (phạm vi công khai)`` in Vietnamese,
    ``visibility`` in English."""
    meaning = KEY_MEANINGS.get(key)
    return f"{key} ({meaning})" if meaning and language() == "vi" else key


#: The frontmatter key that names the document a non-resolution belongs to.
PARENT_KEY: dict[str, str] = {"qa": "resolution", "guidance": "resolution", "summary": "source"}
