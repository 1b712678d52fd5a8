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


@pytest.mark.parametrize("doc_type", list(FOLDERS))
def test_new_file_passes_validation(project_copy: Path, doc_type: str,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = run_new(project_copy, capsys, doc_type, "--title", "Tài liệu thử nghiệm")
    rel = path.relative_to(project_copy).as_posix()
    meta = yaml.safe_load("\n".join(split_frontmatter(path.read_text("utf-8"))[0]))
    assert meta["title"] == "Tài liệu thử nghiệm"
    referenced = meta.get("resolution") or meta.get("source")
    if referenced is not None:
        # The example number the template suggests must exist for the file to validate.
        corpus = build_corpus(ProjectLayout(project_copy))
        if not any(str(d.number) == referenced for d in corpus.documents):
            (project_copy / "content/dang-bo/van-ban-duoc-nhac.md").write_text(
                "---\ntype: resolution\ntitle: Văn bản được tài liệu mới nhắc tới\n"
                f"number: {referenced}\nissuer: Ban Thường vụ Huyện ủy Phong Thổ\n"
                "date: 2024-04-01\nvisibility: public\n---\n\nNội dung.\n", encoding="utf-8")
    assert main(["--project", str(project_copy), "check", "--strict"]) == 0, \
        capsys.readouterr().out
    corpus = build_corpus(ProjectLayout(project_copy))
    assert rel in {d.path for d in corpus.documents}
    assert not corpus.problems.sorted()


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
