"""Booklets through the CLI: ``tuyengiao build`` writes them and pages link to them;
``tuyengiao booklet`` builds chosen ones; errors are located and leave the site intact."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pypdf
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "site"))

from built_site import MARKER, BuiltSite, build, copy_project

from tuyengiao.cli import main
from tuyengiao.core.model.audio import file_size

SAMPLE_IDS = {"1039-cv-hu", "14-kh-tu", "271-kh-hu", "271-kh-hu-hmn", "dai-hoi-xiii-hmn",
              "nq-dai-hoi-xiii", "so-tay-bao-cao-vien-2023"}


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() or "" for page in pypdf.PdfReader(path).pages)


def test_build_writes_every_booklet(sample_public_site: BuiltSite) -> None:
    folder = sample_public_site.root / "tai-lieu"
    assert {p.stem for p in folder.glob("*.pdf")} == SAMPLE_IDS


def test_pages_link_to_their_booklets_with_size_and_pages(
    sample_public_site: BuiltSite,
) -> None:
    article = sample_public_site.article("hoi-dap/de-an-1327/")
    links = article.select(".tg-booklet a")
    hrefs = [a["href"] for a in links]
    assert hrefs == ["../../tai-lieu/271-kh-hu.pdf", "../../tai-lieu/so-tay-bao-cao-vien-2023.pdf"]
    for a in links:
        pdf = sample_public_site.root / "tai-lieu" / Path(a["href"]).name
        pages = len(pypdf.PdfReader(pdf).pages)
        label = a.find_next_sibling("span").get_text()
        assert label == f"(PDF, {file_size(pdf.stat().st_size)}, {pages} trang)"
    assert links[0].get_text() == "Tải tài liệu in: Kế hoạch số 271-KH/HU"


def test_file_sizes_in_vietnamese() -> None:
    assert [file_size(n) for n in (400, 56_610, 1_234_567)] == ["1 KB", "57 KB", "1,2 MB"]


def test_no_internal_text_in_public_booklets(public_site: BuiltSite,
                                             internal_site: BuiltSite) -> None:
    public = sorted((public_site.root / "tai-lieu").glob("*.pdf"))
    assert public
    for pdf in public:
        assert MARKER not in pdf_text(pdf), pdf.name
    internal = (internal_site.root / "tai-lieu").glob("*.pdf")
    assert any(MARKER in pdf_text(pdf) for pdf in internal)


def test_booklet_command_builds_chosen_ones_with_progress_and_imposed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project")
    out = tmp_path / "pdf"
    args = ["--project", str(project), "booklet", "5-nq-hu", "--imposed", "--out", str(out)]
    assert main(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r"\[#{20}\] 1/1 5-nq-hu: \d+ pages, \d+ KB, \d+\.\d s", lines[0])
    assert sorted(p.name for p in out.iterdir()) == ["5-nq-hu-in.pdf", "5-nq-hu.pdf"]
    assert main(args) == 0  # again: from the cache
    assert capsys.readouterr().out.splitlines()[0].endswith("from the cache")


def test_booklet_command_unknown_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "project")
    assert main(["--project", str(project), "booklet", "khong-co"]) == 1
    assert "no booklet 'khong-co' in the public build" in capsys.readouterr().err


def test_check_reports_booklet_errors_and_build_keeps_the_old_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project")
    out = tmp_path / "site"
    assert build(project, "public", out) == 0
    before = sorted(p.name for p in (out / "tai-lieu").iterdir())
    (project / "data/booklets.yml").write_text(
        "- id: so-tay\n  title: Sổ tay\n  items: [99-KH/HU]\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--project", str(project), "check"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "data/booklets.yml:3: error: items: '99-KH/HU' is not a document in content/")
    assert build(project, "public", out) == 1
    assert sorted(p.name for p in (out / "tai-lieu").iterdir()) == before


def test_a_missing_image_is_found_by_check_and_fails_the_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The booklet could not be made without the picture: ``check`` says so first (it
    once was a warning in check and an error only in the booklet)."""
    project = copy_project(tmp_path / "project")
    out = tmp_path / "site"
    assert build(project, "public", out) == 0
    qa = project / "content/tai-lieu/hoi-dap-xa/hoi-dap-nghi-quyet-5.md"
    qa.write_text(qa.read_text(encoding="utf-8") + "\n![Ảnh](anh.png)\n", encoding="utf-8")
    (qa.parent / "anh.png").write_bytes(b"not yet")
    built = out / "tai-lieu/5-nq-hu.pdf"
    before = built.read_bytes()
    (qa.parent / "anh.png").unlink()
    capsys.readouterr()
    assert build(project, "public", out) == 1
    printed = capsys.readouterr().out
    line = qa.read_text(encoding="utf-8").split("\n").index("![Ảnh](anh.png)") + 1
    assert (f"content/tai-lieu/hoi-dap-xa/hoi-dap-nghi-quyet-5.md:{line}: error: picture "
            "'anh.png': content/tai-lieu/hoi-dap-xa/anh.png does not exist; the page would "
            "show a broken picture and no booklet holding this document could be made"
            ) in printed
    assert built.read_bytes() == before
