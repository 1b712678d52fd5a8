"""``tuyengiao check [--strict]``: every problem sorted, one summary line, the exit status."""

from __future__ import annotations

from pathlib import Path

import pytest

from tuyengiao.cli import main

REPO = Path(__file__).resolve().parents[2]

UNKNOWN = "is not a document in content/ nor listed in data/external.yml; it stays plain text"


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def resolution(number: str, extra: str = "", body: str = "Nội dung.\n") -> str:
    """A resolution; ``extra`` goes on line 7, so the body starts on line 9 without it."""
    return (
        "---\n"
        "type: resolution\n"
        f"title: Văn bản {number}\n"
        f"number: {number}\n"
        "issuer: Ban Thường vụ Huyện ủy Phong Thổ\n"
        "date: 2023-02-20\n"
        f"{extra}"
        "---\n"
        "\n" + body
    )


def check(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    status = main(["--project", str(project), "check", *args])
    captured = capsys.readouterr()
    assert captured.err == ""
    return status, captured.out.splitlines()


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """Three files: one error and two warnings, written so that the order is not sorted."""
    write(tmp_path, "content/c.md", resolution("3-KH/HU", "visibility: publik\n"))
    write(tmp_path, "content/a.md", resolution("1-KH/HU", body="Theo Kế hoạch số 99-KH/TU.\n"))
    write(tmp_path, "content/b/b.md", resolution("2-KH/HU", "nguoi_ky: Nguyễn Văn Thanh\n",
                                                 body="Theo 98-KH/TU.\n"))
    return tmp_path


def test_prints_every_problem_sorted_then_the_summary(
    mixed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, lines = check(mixed, capsys)
    # b/b.md has its own unknown mention, so: 1 error and 3 warnings.
    assert lines == [
        f"content/a.md:9: warning: '99-KH/TU' {UNKNOWN}",
        "content/b/b.md:7: warning: nguoi_ky: unknown key for type 'resolution' (ignored); "
        "known keys: audio, date, description, implements, issuer, lang, number, place, "
        "recipients, signer, signer_title, status, tags, term, title, type, visibility",
        f"content/b/b.md:10: warning: '98-KH/TU' {UNKNOWN}",
        "content/c.md:7: error: visibility: expected 'public' or 'internal', got 'publik'",
        "tuyengiao check: 1 error, 3 warnings in 3 files",
    ]
    assert status == 1


def test_one_error_two_warnings_three_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "content/a.md", resolution("1-KH/HU", body="Theo 99-KH/TU và 98-KH/TU.\n"))
    write(tmp_path, "content/b.md", resolution("2-KH/HU"))
    write(tmp_path, "content/c.md", resolution("3-KH/HU", "date: 2023-02-30\n"))
    status, lines = check(tmp_path, capsys)
    assert lines == [
        # Problems on one line are sorted by their text.
        f"content/a.md:9: warning: '98-KH/TU' {UNKNOWN}",
        f"content/a.md:9: warning: '99-KH/TU' {UNKNOWN}",
        "content/c.md:7: error: date: duplicate key (first given on line 6)",
        "tuyengiao check: 1 error, 2 warnings in 3 files",
    ]
    assert status == 1


def test_an_error_fails_also_under_strict(mixed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, lines = check(mixed, capsys, "--strict")
    assert status == 1
    assert lines[-1] == "tuyengiao check: 1 error, 3 warnings in 3 files"


def test_only_warnings_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "content/a.md", resolution("1-KH/HU", body="Theo 99-KH/TU.\n"))
    status, lines = check(tmp_path, capsys)
    assert lines == [
        f"content/a.md:9: warning: '99-KH/TU' {UNKNOWN}",
        "tuyengiao check: 0 errors, 1 warning in 1 file",
    ]
    assert status == 0


def test_only_warnings_fail_under_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "content/a.md", resolution("1-KH/HU", body="Theo 99-KH/TU.\n"))
    status, lines = check(tmp_path, capsys, "--strict")
    assert lines == [
        f"content/a.md:9: warning: '99-KH/TU' {UNKNOWN}",
        "tuyengiao check: 0 errors, 1 warning in 1 file",
    ]
    assert status == 1


def test_a_clean_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "content/a.md", resolution("1-KH/HU"))
    write(tmp_path, "content/b.md", resolution("2-KH/HU", body="Thực hiện 1-KH/HU.\n"))
    for args in ((), ("--strict",)):
        status, lines = check(tmp_path, capsys, *args)
        assert lines == ["tuyengiao check: 0 errors, 0 warnings in 2 files"]
        assert status == 0


def test_plural_forms(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "content/a.md", "")
    write(tmp_path, "content/b.md", "")
    status, lines = check(tmp_path, capsys)
    assert lines[-1] == "tuyengiao check: 2 errors, 0 warnings in 2 files"
    assert status == 1


def test_external_list_problems_are_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "content/a.md", resolution("1-KH/HU"))
    write(tmp_path, "data/external.yml", "- number: 148-KH/TU\n  issuer: Tỉnh ủy\n")
    status, lines = check(tmp_path, capsys)
    assert lines == [
        "data/external.yml:1: error: title: required but missing",
        "tuyengiao check: 1 error, 0 warnings in 1 file",
    ]
    assert status == 1


def test_project_defaults_to_the_current_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "content/a.md", resolution("1-KH/HU", "visibility: publik\n"))
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "content/a.md:7: error: visibility: expected 'public' or 'internal', got 'publik'",
        "tuyengiao check: 1 error, 0 warnings in 1 file",
    ]


def test_missing_content_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, lines = check(tmp_path, capsys)
    assert lines == [
        "content: error: the content folder does not exist",
        "tuyengiao check: 1 error, 0 warnings in 0 files",
    ]
    assert status == 1


def test_the_sample_corpus_passes_strict(capsys: pytest.CaptureFixture[str]) -> None:
    files = len(list((REPO / "content").rglob("*.md")))
    assert files >= 4
    status, lines = check(REPO, capsys, "--strict")
    assert lines == [f"tuyengiao check: 0 errors, 0 warnings in {files} files"]
    assert status == 0


def test_check_reports_a_bad_portal_file(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "content/van-ban/a.md", resolution("1-KH/HU"))
    write(tmp_path, "data/portal.yml",
          "- name: Huyện Phong Thổ\n"
          "  url: https://phongtho.example.vn/\n"
          "- name: Huyện Sìn Hồ\n"
          "  url: sinho.example.vn\n")
    status, lines = check(tmp_path, capsys)
    assert status == 1
    assert lines[0] == ("data/portal.yml:4: error: url: expected an address starting with "
                        "https://, got 'sinho.example.vn'")
