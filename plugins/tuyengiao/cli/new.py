"""``tuyengiao new``: a document to fill in, written from the schema."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from tuyengiao.cli.project import layout, project_dir
from tuyengiao.core.model.schema import KEY_MEANINGS, TYPES, Field
from tuyengiao.core.model.text import slugify
from tuyengiao.core.store.files import create_atomic
from tuyengiao.i18n import _

_BODIES = {
    "resolution": ("## I. MỤC ĐÍCH, YÊU CẦU\n\n(Viết nội dung ở đây.)\n\n"
                   "## II. NỘI DUNG\n\n(Viết nội dung ở đây.)\n"),
    "qa": ("## Câu hỏi 1: (viết câu hỏi thứ nhất)?\n\n(Viết câu trả lời.)\n\n"
           "## Câu hỏi 2: (viết câu hỏi thứ hai)?\n\n(Viết câu trả lời.)\n"),
    "guidance": ("## (Tên đối tượng, đúng như trong audiences)\n\n"
                 "(Viết nội dung cần nhấn mạnh.)\n"),
    "summary": "## (Tiêu đề phần tóm tắt, tiếng Mông)\n\n(Viết bản tóm tắt bằng tiếng Mông.)\n",
}

#: What the editor writes in place of each placeholder; ``check`` refuses ``<…>`` values.
_PLACEHOLDERS: dict[str, str] = {
    "title": "<tiêu đề>",
    "date": "<năm-tháng-ngày>",
    "number": "<số ký hiệu>",
    "resolution": "<số ký hiệu của văn bản gốc>",
    "source": "<số ký hiệu của văn bản tiếng Việt>",
    "implements": "<số ký hiệu của văn bản được thực hiện>",
    "audio": "<đường dẫn tệp ghi âm>",
}

#: Lines above a type's keys, for what the keys' own comments cannot say.
_NOTES: dict[str, str] = {
    "resolution": ("# Thay mọi chữ mẫu <…> bằng nội dung thật; tệp còn chữ mẫu thì "
                   "'tuyengiao check' báo lỗi.\n"
                   "# Dự thảo chưa có số và ngày: ghi 'status: draft' và xóa hai dòng "
                   "number, date."),
}
_NOTE = "# Thay mọi chữ mẫu <…> bằng nội dung thật; tệp còn chữ mẫu thì 'tuyengiao check' báo lỗi."


def template(doc_type: str, title: str | None) -> str:
    """The text of a new file of ``doc_type``: every key under a Vietnamese comment.

    Required keys hold placeholders (``"<tiêu đề>"``, ``"<số ký hiệu>"``) that
    ``tuyengiao check`` rejects until they are replaced, so an unfilled template cannot
    be published by accident; optional keys are commented out. ``visibility`` starts
    ``internal``.
    """
    lines = ["---", _NOTES.get(doc_type, _NOTE)]
    for spec in TYPES[doc_type].fields:
        value = _value(spec, doc_type, title)
        rendered = _yaml(spec.key, value)
        active = spec.required or spec.key == "visibility"
        note = " (bắt buộc)" if spec.required else ""
        lines.append(f"# {spec.help}{note}")
        lines.extend(rendered.split("\n") if active
                     else ["# " + line for line in rendered.split("\n")])
    lines.append("---")
    return "\n".join(lines) + "\n\n" + _BODIES[doc_type]


def _value(spec: Field, doc_type: str, title: str | None) -> object:
    if spec.key == "type":
        return doc_type
    if spec.key == "title" and title:
        return title
    if spec.key == "lang":
        return "hmn" if doc_type == "summary" else "vi"
    if spec.choices:
        return spec.choices[0] if spec.key != "visibility" else "internal"
    placeholder = _PLACEHOLDERS.get(spec.key) or f"<{KEY_MEANINGS.get(spec.key, spec.key)}>"
    return [placeholder] if spec.kind in ("list", "numbers") else placeholder


def _yaml(key: str, value: object) -> str:
    """``key: "text"`` (text in double quotes, so that a colon typed into it later is
    fine), a list one item a line, a code such as ``internal`` bare."""
    if isinstance(value, list):
        return "\n".join([f"{key}:", *(f"- {_quoted(item)}" for item in value)])
    if (isinstance(value, str) and value.startswith("<")) or key == "title":
        return f"{key}: {_quoted(str(value))}"
    return f"{key}: {value}"


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def new_document(content_dir: Path, doc_type: str, title: str | None) -> Path:
    """Write a new file under ``content/<type folder>/`` and return its path."""
    folder = content_dir / TYPES[doc_type].path
    folder.mkdir(parents=True, exist_ok=True)
    stem = slugify(title or "", 60) or "tai-lieu-moi"
    data = template(doc_type, title).encode("utf-8")
    path = folder / f"{stem}.md"
    counter = 2
    while not create_atomic(path, data):  # never overwrites, never leaves half a file
        path = folder / f"{stem}-{counter}.md"
        counter += 1
    return path


def add_parser(sub: Any) -> None:
    new = sub.add_parser("new", help=_("start a document from a template"),
                         description=_("Writes a new file to fill in under content/<type "
                                       "folder>/ and prints its path; it never overwrites a "
                                       "file."))
    new.add_argument("type", choices=list(TYPES),
                     help=_("resolution (văn bản), qa (hỏi – đáp), guidance (hướng dẫn báo "
                            "cáo viên) or summary (tóm tắt tiếng Mông)"))
    new.add_argument("--title", help=_("the title (trích yếu)"))
    new.set_defaults(func=cmd_new)


def cmd_new(args: argparse.Namespace) -> int:
    path = new_document(layout(args).content_dir, args.type, args.title)
    print(path.relative_to(project_dir(args)).as_posix())
    return 0
