"""``tuyengiao new``: a document to fill in, written from the schema."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import yaml

from tuyengiao.cli.project import layout, project_dir
from tuyengiao.core.model.schema import TYPES, Field
from tuyengiao.core.model.text import slugify
from tuyengiao.core.store.files import create_atomic

_BODIES = {
    "resolution": "## I. MỤC ĐÍCH, YÊU CẦU\n\nNội dung …\n\n## II. NỘI DUNG\n\nNội dung …\n",
    "qa": ("## Câu hỏi 1: Câu hỏi thứ nhất?\n\nTrả lời …\n\n"
           "## Câu hỏi 2: Câu hỏi thứ hai?\n\nTrả lời …\n"),
    "guidance": "## Đảng viên ở nông thôn\n\nCần nhấn mạnh …\n",
    "summary": "## Lub hom phiaj\n\nSau ntawv ua lus Hmoob …\n",
}

_PRESETS: dict[str, dict[str, object]] = {
    # A new resolution starts as a draft: it has no number or date until issued.
    "resolution": {"status": "draft", "number": "/KH-HU"},
}


def template(doc_type: str, title: str) -> str:
    """The text of a new file of ``doc_type``: every key under a Vietnamese comment.

    Required keys are filled with an example; optional keys are commented out.
    A new resolution starts as a draft, which needs no number or date yet.
    """
    lines = ["---"]
    presets = _PRESETS.get(doc_type, {})
    for spec in TYPES[doc_type].fields:
        rendered = _yaml(spec.key, _value(spec, doc_type, title, presets))
        required = spec.required and not (doc_type == "resolution" and spec.key == "date")
        active = required or spec.key in presets or spec.key == "visibility"
        note = " (bắt buộc)" if spec.required else ""
        lines.append(f"# {spec.help}{note}")
        lines.extend(rendered.split("\n") if active
                     else ["# " + line for line in rendered.split("\n")])
    lines.append("---")
    return "\n".join(lines) + "\n\n" + _BODIES[doc_type]


def _value(spec: Field, doc_type: str, title: str, presets: dict[str, object]) -> object:
    if spec.key == "type":
        return doc_type
    if spec.key == "title":
        return title
    if spec.key in presets:
        return presets[spec.key]
    if spec.example:
        return spec.example
    return spec.choices[0] if spec.choices else "…"


def _yaml(key: str, value: object) -> str:
    return yaml.safe_dump({key: value}, allow_unicode=True, default_flow_style=False,
                          sort_keys=False, width=1000).rstrip("\n")


def new_document(content_dir: Path, doc_type: str, title: str | None) -> Path:
    """Write a new file under ``content/<type folder>/`` and return its path."""
    title = title or "Tiêu đề tài liệu"
    folder = content_dir / TYPES[doc_type].path
    folder.mkdir(parents=True, exist_ok=True)
    stem = slugify(title, 60) or "tai-lieu-moi"
    data = template(doc_type, title).encode("utf-8")
    path = folder / f"{stem}.md"
    counter = 2
    while not create_atomic(path, data):  # never overwrites, never leaves half a file
        path = folder / f"{stem}-{counter}.md"
        counter += 1
    return path


def add_parser(sub: Any) -> None:
    new = sub.add_parser("new", help="start a document from a template")
    new.add_argument("type", choices=list(TYPES))
    new.add_argument("--title", help="the title (trích yếu)")
    new.set_defaults(func=cmd_new)


def cmd_new(args: argparse.Namespace) -> int:
    path = new_document(layout(args).content_dir, args.type, args.title)
    print(path.relative_to(project_dir(args)).as_posix())
    return 0
