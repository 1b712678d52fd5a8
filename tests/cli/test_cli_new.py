"""``tuyengiao new TYPE``: a file to fill in, in the right folder, never over another."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from tuyengiao.cli import main
from tuyengiao.core.link.corpus import ProjectLayout, build_corpus
from tuyengiao.core.model.schema import TYPES

FOLDERS = {"resolution": "van-ban", "qa": "hoi-dap", "guidance": "huong-dan",
           "summary": "tieng-mong"}
# Letters only Vietnamese uses: a comment in English or unaccented text has none.
_VIETNAMESE = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợ"
                         r"ùúủũụừứửữựỳýỷỹỵ]", re.I)


def run_new(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> Path:
    """Run ``tuyengiao new``; return the file it printed (checked to exist)."""
    assert main(["--project", str(project), "new", *args]) == 0
    printed = capsys.readouterr().out.strip().splitlines()
    assert len(printed) == 1, printed
    path = project / printed[0]
    assert path.is_file(), printed[0]
    assert not Path(printed[0]).is_absolute() and "\\" not in printed[0]
    return path


def split_frontmatter(text: str) -> tuple[list[str], str]:
    assert text.startswith("---\n")
    head, body = text[4:].split("\n---\n", 1)
    return head.split("\n"), body


def test_types_cover_the_contract() -> None:
    assert set(TYPES) == set(FOLDERS)


@pytest.mark.parametrize("doc_type", list(FOLDERS))
def test_new_writes_a_file_in_the_type_folder(project_copy: Path, doc_type: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = run_new(project_copy, capsys, doc_type)
    assert path.parent == project_copy / "content" / FOLDERS[doc_type]
    assert path.suffix == ".md"
    meta = yaml.safe_load("\n".join(split_frontmatter(path.read_text("utf-8"))[0]))
    assert meta["type"] == doc_type


#: What an editor writes in place of each placeholder of the templates.
FILLED = {
    "<số ký hiệu>": "45-KH/ĐU",
    "<năm-tháng-ngày>": "2024-04-01",
    "<cơ quan ban hành>": "Ban Thường vụ Đảng ủy xã",
    "<số ký hiệu của văn bản gốc>": "45-KH/ĐU",
    "<số ký hiệu của văn bản tiếng Việt>": "45-KH/ĐU",
    "<tiêu đề>": "Tài liệu thử nghiệm",
}
#: Each type's placeholders (a required key each), as ``check`` reports them.
PLACEHOLDERS = {
    "resolution": [("title", "<tiêu đề>"), ("date", "<năm-tháng-ngày>"),
                   ("number", "<số ký hiệu>"), ("issuer", "<cơ quan ban hành>")],
    "qa": [("title", "<tiêu đề>"), ("resolution", "<số ký hiệu của văn bản gốc>")],
    "guidance": [("title", "<tiêu đề>"), ("resolution", "<số ký hiệu của văn bản gốc>")],
    "summary": [("title", "<tiêu đề>"), ("source", "<số ký hiệu của văn bản tiếng Việt>")],
}


@pytest.mark.parametrize("doc_type", list(FOLDERS))
def test_an_unfilled_template_cannot_be_published(project_copy: Path, doc_type: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Each required key holds a placeholder ``check`` rejects until it is replaced."""
    path = run_new(project_copy, capsys, doc_type)
    rel = path.relative_to(project_copy).as_posix()
    text = path.read_text("utf-8")
    lines = text.split("\n")
    for key, placeholder in PLACEHOLDERS[doc_type]:
        assert f'{key}: "{placeholder}"' in lines, key
    assert main(["--project", str(project_copy), "check"]) == 1
    out = capsys.readouterr().out.splitlines()
    expected = []
    for key, placeholder in PLACEHOLDERS[doc_type]:
        line = lines.index(f'{key}: "{placeholder}"') + 1
        expected.append(f"{rel}:{line}: error: {key}: '{placeholder}' is the template's "
                        "placeholder; replace it with the real value")
    assert [line for line in out if line.startswith(rel)] == expected


@pytest.mark.parametrize("doc_type", list(FOLDERS))
def test_a_filled_template_passes(project_copy: Path, doc_type: str,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = run_new(project_copy, capsys, doc_type)
    text = path.read_text("utf-8")
    for placeholder, value in FILLED.items():
        text = text.replace(placeholder, value)
    path.write_text(text, encoding="utf-8")
    if doc_type != "resolution":  # the document it points to
        (project_copy / "content/dang-bo/ke-hoach-45.md").write_text(
            "---\ntype: resolution\ntitle: Kế hoạch được tài liệu mới nhắc tới\n"
            "number: 45-KH/ĐU\nissuer: Ban Thường vụ Đảng ủy xã\n"
            "date: 2024-04-01\nvisibility: public\n---\n\nNội dung.\n", encoding="utf-8")
    assert main(["--project", str(project_copy), "check", "--strict"]) == 0, \
        capsys.readouterr().out
    corpus = build_corpus(ProjectLayout(project_copy))
    assert path.relative_to(project_copy).as_posix() in {d.path for d in corpus.documents}


@pytest.mark.parametrize("doc_type", list(FOLDERS))
def test_templates_hold_no_real_looking_values(project_copy: Path, doc_type: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """No number, name or place an editor could leave in by mistake, and no "huyện"
    (since 2025 there are provinces and communes)."""
    text = run_new(project_copy, capsys, doc_type).read_text("utf-8")
    values = "\n".join(line for line in text.split("\n") if not line.startswith("#"))
    assert not re.search(r"\d+-[A-ZĐ]+/[A-ZĐ]+|\d+/[A-ZĐ][A-Za-z]*-[A-ZĐ]+", values)
    assert "huyện" not in text.casefold()
    assert "Phong Thổ" not in text and "Trả lời …" not in text


def test_title_given_is_kept_in_quotes(project_copy: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = run_new(project_copy, capsys, "qa", "--title", "Hỏi – đáp: Nghị quyết")
    assert 'title: "Hỏi – đáp: Nghị quyết"' in path.read_text("utf-8").split("\n")


@pytest.mark.parametrize("doc_type", list(FOLDERS))
def test_new_never_overwrites(project_copy: Path, doc_type: str,
                              capsys: pytest.CaptureFixture[str]) -> None:
    folder = project_copy / "content" / FOLDERS[doc_type]
    folder.mkdir(parents=True, exist_ok=True)
    existing = folder / "ke-hoach-cu.md"
    existing.write_bytes("Bản của biên tập viên, không được ghi đè.\n".encode())
    first = run_new(project_copy, capsys, doc_type, "--title", "Kế hoạch cũ")
    second = run_new(project_copy, capsys, doc_type, "--title", "Kế hoạch cũ")
    assert existing.read_bytes() == "Bản của biên tập viên, không được ghi đè.\n".encode()
    assert len({existing, first, second}) == 3
    assert first.name == "ke-hoach-cu-2.md" and second.name == "ke-hoach-cu-3.md"
    assert first.read_text("utf-8") == second.read_text("utf-8")


@pytest.mark.parametrize("doc_type", list(FOLDERS))
def test_frontmatter_keys_have_vietnamese_comments(project_copy: Path, doc_type: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    text = run_new(project_copy, capsys, doc_type).read_text("utf-8")
    assert unicodedata.normalize("NFC", text) == text
    lines, _ = split_frontmatter(text)
    keys = [(i, line.split(":", 1)[0]) for i, line in enumerate(lines)
            if re.match(r"[a-z_]+:", line)]
    assert {"type", "title", "visibility"} <= {k for _, k in keys}
    for index, key in keys:
        assert index > 0 and lines[index - 1].startswith("# "), f"{key} has no comment"
        comment = lines[index - 1]
        if key not in ("type", "lang"):  # these two explain codes: "resolution", "hmn"…
            assert _VIETNAMESE.search(comment), f"{key}: {comment!r} is not Vietnamese"
    comments = [line for line in lines if line.startswith("# ")]
    assert sum(1 for c in comments if _VIETNAMESE.search(c)) >= len(keys)
    # Every key of the type is offered, active or commented out.
    offered = {m.group(1) for m in re.finditer(r"(?m)^(?:# )?([a-z_]+):", "\n".join(lines))}
    assert {f.key for f in TYPES[doc_type].fields} <= offered
