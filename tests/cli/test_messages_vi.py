"""What an editor reads: every command speaks Vietnamese by default, English on request.

These tests pin the exact Vietnamese text of the main messages (each class of error of
the content contract), of the suggestions, of the order of root causes and knock-on
errors, and of ``--help``. They run ``tuyengiao`` as an editor does, without
``TUYENGIAO_LANG`` (the other tests set it to ``en``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tuyengiao.cli import main
from tuyengiao.i18n import ENV, language, set_language

RESOLUTION = """\
---
type: resolution
title: Kế hoạch học tập nghị quyết
number: {number}
issuer: Ban Thường vụ Đảng ủy xã
date: {date}
visibility: public
---

Nội dung.
"""
QA = """\
---
type: qa
title: "Hỏi – đáp: về kế hoạch"
resolution: {number}
visibility: public
---

## Câu hỏi 1: Vì sao phải học tập?

Vì nghị quyết là kim chỉ nam.
"""
SUMMARY = """\
---
type: summary
title: Tsab ntawv
source: {number}
lang: hmn
---

## Lub hom phiaj

Sau ntawv.
"""


@pytest.fixture
def vietnamese(monkeypatch: pytest.MonkeyPatch) -> None:
    """As an editor runs the tool: no TUYENGIAO_LANG."""
    monkeypatch.delenv(ENV, raising=False)
    set_language()


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def check(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    main(["--project", str(root), *args, "check"])
    return capsys.readouterr().out.splitlines()


def with_plan(root: Path, number: str = "45-KH/ĐU", date: str = "2023-02-20") -> None:
    write(root, "content/van-ban/ke-hoach.md", RESOLUTION.format(number=number, date=date))


def one(root: Path, capsys: pytest.CaptureFixture[str], rel: str, text: str) -> list[str]:
    """The problems of ``rel`` (written with ``text``) beside a valid plan 45-KH/ĐU."""
    with_plan(root)
    write(root, rel, text)
    return check(root, capsys)[:-1]


def test_vietnamese_is_the_default(tmp_path: Path, vietnamese: None,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert language() == "vi"
    with_plan(tmp_path, date="2023-02-30")
    assert check(tmp_path, capsys) == [
        "content/van-ban/ke-hoach.md:6: lỗi: date (ngày): '2023-02-30' không phải là ngày có "
        "thật (kiểm tra lại ngày và tháng)",
        "tuyengiao check: 1 lỗi, 0 cảnh báo trong 1 tệp",
    ]


@pytest.mark.parametrize("how", ["option", "environment"])
def test_english_on_request(tmp_path: Path, vietnamese: None, how: str,
                            monkeypatch: pytest.MonkeyPatch,
                            capsys: pytest.CaptureFixture[str]) -> None:
    with_plan(tmp_path, date="2023-02-30")
    if how == "environment":
        monkeypatch.setenv(ENV, "en")
    lines = check(tmp_path, capsys, *(["--lang", "en"] if how == "option" else []))
    assert lines == [
        "content/van-ban/ke-hoach.md:6: error: date: '2023-02-30' is not a date that exists "
        "(check the day and the month)",
        "tuyengiao check: 1 error, 0 warnings in 1 file",
    ]


def test_lang_after_the_command_and_a_bad_lang(tmp_path: Path, vietnamese: None,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    with_plan(tmp_path)
    assert main(["--project", str(tmp_path), "--lang", "fr", "check"]) == 2
    assert capsys.readouterr().err == "tuyengiao: --lang: phải là vi hoặc en; đang ghi 'fr'\n"
    assert main(["--project", str(tmp_path), "check", "--lang=en"]) == 0
    assert capsys.readouterr().out == "tuyengiao check: 0 errors, 0 warnings in 1 file\n"


# -- each class of error of the contract ---------------------------------------------------

CASES = {
    "missing-key": (
        "content/van-ban/x.md", "---\ntype: resolution\ntitle: Kế hoạch\nnumber: 46-KH/ĐU\n"
        "date: 2023-02-20\n---\n",
        ["content/van-ban/x.md:1: lỗi: issuer (cơ quan ban hành): bắt buộc với loại "
         "'resolution' nhưng chưa ghi"]),
    "bad-choice": (
        "content/van-ban/x.md", RESOLUTION.format(number="46-KH/ĐU", date="2023-02-20")
        .replace("visibility: public", "visibility: publik"),
        ["content/van-ban/x.md:7: lỗi: visibility (phạm vi công khai): phải là 'public' "
         "hoặc 'internal'; đang ghi 'publik'; có phải là 'public'?"]),
    "date-format": (
        "content/van-ban/x.md", RESOLUTION.format(number="46-KH/ĐU", date="2023-2-20"),
        ["content/van-ban/x.md:6: lỗi: date (ngày): ngày phải viết dạng năm-tháng-ngày, ví "
         "dụ 2023-02-20; đang ghi '2023-2-20'"]),
    "date-day-first": (
        "content/van-ban/x.md", RESOLUTION.format(number="46-KH/ĐU", date="20/02/2023"),
        ["content/van-ban/x.md:6: lỗi: date (ngày): ngày phải viết dạng năm-tháng-ngày: hãy "
         "ghi 2023-02-20 thay cho '20/02/2023'"]),
    "bad-number": (
        "content/van-ban/x.md", RESOLUTION.format(number="Kế hoạch 46", date="2023-02-20"),
        ["content/van-ban/x.md:4: lỗi: number (số ký hiệu): số ký hiệu phải viết như "
         "'271-KH/HU' hoặc '289/KH-UBND', dự thảo chưa có số thì như '/KH-UBND'; đang ghi "
         "'Kế hoạch 46'"]),
    "duplicate-number": (
        "content/van-ban/x.md", RESOLUTION.format(number="45-kh/đu", date="2023-02-20"),
        ["content/van-ban/x.md:4: lỗi: number (số ký hiệu): '45-KH/ĐU' đã được dùng ở "
         "content/van-ban/ke-hoach.md"]),
    "unknown-parent": (
        "content/hoi-dap/x.md", QA.format(number="271-KH/HU"),
        ["content/hoi-dap/x.md:4: lỗi: resolution (văn bản gốc): '271-KH/HU' không phải là "
         "văn bản trong content/, cũng không có trong data/external.yml"]),
    "summary-lang": (
        "content/tieng-mong/x.md", SUMMARY.format(number="45-KH/ĐU").replace("hmn", "vi"),
        ["content/tieng-mong/x.md:5: lỗi: lang (ngôn ngữ): bản tóm tắt viết bằng tiếng Mông, "
         "phải ghi 'hmn'; đang ghi 'vi'"]),
    "unknown-key": (
        "content/hoi-dap/x.md", QA.format(number="45-KH/ĐU").replace(
            "visibility: public", "visibility: public\ndoi_tuong: đoàn viên"),
        ["content/hoi-dap/x.md:6: cảnh báo: loại 'qa' không có mục 'doi_tuong' (bỏ qua); các "
         "mục dùng được: audience, audio, date, description, lang, resolution, tags, title, "
         "type, visibility"]),
    "no-header": (
        "content/van-ban/x.md", "# Kế hoạch\n\nNội dung.\n",
        ["content/van-ban/x.md:1: lỗi: đầu tệp phải có phần khai báo (type, title…) nằm "
         "giữa hai dòng '---'"]),
    "not-utf8": (
        "content/van-ban/x.md", None,
        ["content/van-ban/x.md:3: lỗi: tệp không phải văn bản UTF-8: byte 0xe0 không phải mã "
         "UTF-8; hãy lưu tệp dạng UTF-8 (Unicode)"]),
    "qa-without-questions": (
        "content/hoi-dap/x.md", QA.format(number="45-KH/ĐU").split("## ")[0],
        ["content/hoi-dap/x.md:7: lỗi: tài liệu hỏi – đáp cần mỗi câu hỏi là một dòng đề mục "
         "bắt đầu bằng '## ' ('## Câu hỏi 1: …?'); chưa thấy câu hỏi nào"]),
    "unknown-kind": (
        "content/van-ban/x.md", RESOLUTION.format(number="46-XY/ĐU", date="2023-02-20"),
        ["content/van-ban/x.md:4: cảnh báo: number (số ký hiệu): không biết loại văn bản 'XY' "
         "trong '46-XY/ĐU'; trang sẽ ghi 'Văn bản'"]),
    "unknown-mention": (
        "content/van-ban/x.md", RESOLUTION.format(number="46-KH/ĐU", date="2023-02-20")
        .replace("Nội dung.", "Thực hiện Kế hoạch 300-KH/TU."),
        ["content/van-ban/x.md:10: cảnh báo: '300-KH/TU' không phải là văn bản trong "
         "content/, cũng không có trong data/external.yml; số này để nguyên chữ, không có "
         "liên kết"]),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_error_class_in_vietnamese(tmp_path: Path, vietnamese: None, case: str,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    rel, text, expected = CASES[case]
    if text is None:
        with_plan(tmp_path)
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes("---\ntype: qa\ntitle: Kế ho".encode() + b"\xe0ch\n")
        assert check(tmp_path, capsys)[:-1] == expected
        return
    assert one(tmp_path, capsys, rel, text) == expected


# -- suggestions ---------------------------------------------------------------------------

def test_a_key_like_visibility_is_an_error_naming_it(tmp_path: Path, vietnamese: None,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """``visiblity: public`` would leave the Q&A internal without a word: an error."""
    lines = one(tmp_path, capsys, "content/hoi-dap/x.md",
                QA.format(number="45-KH/ĐU").replace("visibility:", "visiblity:"))
    assert lines == [
        "content/hoi-dap/x.md:5: lỗi: không có mục 'visiblity'; có phải là visibility (phạm "
        "vi công khai)? Viết như vậy thì mục này bị bỏ qua, làm thay đổi việc đăng công khai",
    ]


def test_a_key_like_another_is_a_warning_naming_it(tmp_path: Path, vietnamese: None,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    lines = one(tmp_path, capsys, "content/hoi-dap/x.md",
                QA.format(number="45-KH/ĐU").replace("visibility: public",
                                                     "visibility: public\naudiance: đoàn viên"))
    assert lines == [
        "content/hoi-dap/x.md:6: cảnh báo: không có mục 'audiance' (bỏ qua); có phải là "
        "audience (đối tượng)?",
    ]


def test_a_number_near_an_existing_one(tmp_path: Path, vietnamese: None,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    lines = one(tmp_path, capsys, "content/hoi-dap/x.md", QA.format(number="46-KH/ĐU"))
    assert lines == [
        "content/hoi-dap/x.md:4: lỗi: resolution (văn bản gốc): '46-KH/ĐU' không phải là văn "
        "bản trong content/, cũng không có trong data/external.yml; có phải là '45-KH/ĐU'?",
    ]


def test_colon_in_a_title_says_to_put_it_in_quotes(tmp_path: Path, vietnamese: None,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    lines = one(tmp_path, capsys, "content/hoi-dap/x.md", QA.format(number="45-KH/ĐU").replace(
        '"Hỏi – đáp: về kế hoạch"', "Hỏi – đáp: về kế hoạch"))
    assert lines == [
        "content/hoi-dap/x.md:3: lỗi: trong giá trị có dấu hai chấm và dấu cách; hãy đặt cả "
        'giá trị trong ngoặc kép: title: "Hỏi – đáp: về kế hoạch"',
    ]


def test_colon_in_a_list_item_says_to_put_it_in_quotes(
        tmp_path: Path, vietnamese: None, capsys: pytest.CaptureFixture[str]) -> None:
    lines = one(tmp_path, capsys, "content/hoi-dap/x.md", QA.format(number="45-KH/ĐU").replace(
        "visibility: public", "visibility: public\ntags:\n  - Học tập: nghị quyết"))
    assert lines == [
        "content/hoi-dap/x.md:7: lỗi: tags (từ khóa): trong giá trị có dấu hai chấm và dấu "
        'cách; hãy đặt cả giá trị trong ngoặc kép: - "Học tập: nghị quyết"',
    ]


def test_a_tab_says_to_use_spaces(tmp_path: Path, vietnamese: None,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    lines = one(tmp_path, capsys, "content/hoi-dap/x.md", QA.format(number="45-KH/ĐU").replace(
        "visibility: public", "visibility: public\ntags:\n\t- học tập"))
    assert lines == [
        "content/hoi-dap/x.md:7: lỗi: có ký tự tab: phần đầu tệp chỉ thụt lề bằng dấu cách; "
        "hãy thay tab bằng dấu cách",
    ]


def test_a_lower_case_number_is_accepted_and_normalised(
        tmp_path: Path, vietnamese: None, capsys: pytest.CaptureFixture[str]) -> None:
    with_plan(tmp_path, number="45-kh/đu")
    write(tmp_path, "content/hoi-dap/x.md", QA.format(number="45-kh/đu"))
    assert check(tmp_path, capsys) == ["tuyengiao check: 0 lỗi, 0 cảnh báo trong 2 tệp"]
    from tuyengiao.core.link.corpus import ProjectLayout, build_corpus

    corpus = build_corpus(ProjectLayout(tmp_path))
    assert [str(d.number) for d in corpus.documents if d.number] == ["45-KH/ĐU"]
    assert [d.url for d in corpus.documents if d.number] == ["van-ban/45-kh-du/"]


def test_a_date_before_the_document_it_implements(tmp_path: Path, vietnamese: None,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    with_plan(tmp_path, date="2021-05-01")
    write(tmp_path, "content/van-ban/thuc-hien.md", RESOLUTION.format(
        number="46-KH/ĐU", date="2012-05-01").replace(
            "visibility: public", "visibility: public\nimplements:\n  - 45-KH/ĐU"))
    assert check(tmp_path, capsys)[:-1] == [
        "content/van-ban/thuc-hien.md:6: cảnh báo: date (ngày): 2012-05-01 ở trước ngày của "
        "văn bản 45-KH/ĐU (2021-05-01, content/van-ban/ke-hoach.md) mà văn bản này thực "
        "hiện; hãy kiểm tra lại năm",
    ]


# -- root cause first ------------------------------------------------------------------------

def test_the_root_cause_is_printed_before_its_knock_on_errors(
        tmp_path: Path, vietnamese: None, capsys: pytest.CaptureFixture[str]) -> None:
    """A wrong date in the plan: its own error first, then the Q&A, the summary and the
    mention that point to it, each naming the plan's file (the Q&A's and summary's
    paths sort before the plan's, so sorting by file alone would put them first)."""
    with_plan(tmp_path, date="2023-02-30")
    write(tmp_path, "content/hoi-dap/ke-hoach.md", QA.format(number="45-KH/ĐU"))
    write(tmp_path, "content/tieng-mong/ke-hoach.md", SUMMARY.format(number="45-KH/ĐU"))
    write(tmp_path, "content/a-bai-viet.md", RESOLUTION.format(
        number="2-KH/ĐU", date="2023-03-01").replace("Nội dung.", "Theo Kế hoạch 45-KH/ĐU."))
    plan = "content/van-ban/ke-hoach.md"
    assert check(tmp_path, capsys) == [
        f"{plan}:6: lỗi: date (ngày): '2023-02-30' không phải là ngày có thật (kiểm tra lại "
        "ngày và tháng)",
        "content/a-bai-viet.md:10: cảnh báo: '45-KH/ĐU' là số của content/van-ban/ke-hoach.md, "
        "tệp này đang có lỗi (xem ở trên); hãy sửa tệp đó trước",
        "content/hoi-dap/ke-hoach.md:4: lỗi: resolution (văn bản gốc): '45-KH/ĐU' là số của "
        f"{plan}, tệp này đang có lỗi (xem ở trên); hãy sửa tệp đó trước",
        "content/tieng-mong/ke-hoach.md:4: lỗi: source (văn bản gốc): '45-KH/ĐU' là số của "
        f"{plan}, tệp này đang có lỗi (xem ở trên); hãy sửa tệp đó trước",
        "tuyengiao check: 3 lỗi, 1 cảnh báo trong 4 tệp",
    ]


def test_a_booklet_item_of_a_broken_file_names_it(tmp_path: Path, vietnamese: None,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    with_plan(tmp_path, date="2023-02-30")
    write(tmp_path, "data/booklets.yml",
          "- id: ke-hoach\n  title: Tài liệu in\n  items: [45-KH/ĐU]\n")
    assert check(tmp_path, capsys)[1:-1] == [
        "data/booklets.yml:3: lỗi: items: '45-KH/ĐU' là số của content/van-ban/ke-hoach.md, "
        "tệp này đang có lỗi (xem ở trên); hãy sửa tệp đó trước",
    ]


# -- the commands' own words -----------------------------------------------------------------

def test_help_is_vietnamese_without_markup(vietnamese: None,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    assert "``" not in text
    assert text.startswith("cách dùng: tuyengiao [-h] [--project THƯ-MỤC] [--lang {vi,en}] "
                           "LỆNH ...\n\nKiểm tra và dựng trang web của ban tuyên giáo từ "
                           "content/ và data/.\n")
    assert "    check            kiểm tra mọi tệp trong content/ và data/\n" in text
    assert "  -h, --help         hiện hướng dẫn này rồi thoát\n" in text


@pytest.mark.parametrize("command", ["check", "build", "serve", "booklet", "new", "stats",
                                     "offline"])
def test_every_command_help_is_vietnamese(vietnamese: None, command: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    text = capsys.readouterr().out
    assert text.startswith(f"cách dùng: tuyengiao {command} ")
    assert "tùy chọn:" in text and "options:" not in text
    for line in text.splitlines():
        assert "show this help" not in line and "default:" not in line


def test_argparse_errors_are_vietnamese(vietnamese: None,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["chek"])
    assert capsys.readouterr().err.splitlines()[-1] == (
        "tuyengiao: lỗi: tham số LỆNH: không có lựa chọn 'chek' (chọn một trong 'check', "
        "'build', 'serve', 'booklet', 'new', 'stats', 'offline')")


def test_new_prints_only_the_path_and_the_file_is_vietnamese(
        tmp_path: Path, vietnamese: None, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "content").mkdir()
    assert main(["--project", str(tmp_path), "new", "qa"]) == 0
    assert capsys.readouterr().out == "content/hoi-dap/tai-lieu-moi.md\n"
    assert check(tmp_path, capsys) == [
        "content/hoi-dap/tai-lieu-moi.md:6: lỗi: title (tiêu đề): '<tiêu đề>' là chữ mẫu của "
        "tệp mới; hãy thay bằng nội dung thật",
        "content/hoi-dap/tai-lieu-moi.md:10: lỗi: resolution (văn bản gốc): '<số ký hiệu của "
        "văn bản gốc>' là chữ mẫu của tệp mới; hãy thay bằng nội dung thật",
        "tuyengiao check: 2 lỗi, 0 cảnh báo trong 1 tệp",
    ]


def test_the_installed_command_speaks_vietnamese(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != ENV}
    with_plan(tmp_path, date="2023-02-30")
    command = Path(sys.executable).parent / "tuyengiao"
    run = subprocess.run([str(command), "--project", str(tmp_path), "check"],
                         capture_output=True, text=True, env=env, check=False)
    assert run.stdout.endswith("tuyengiao check: 1 lỗi, 0 cảnh báo trong 1 tệp\n")
    assert run.returncode == 1


def test_lang_reaches_the_processes_a_build_starts(
        tmp_path: Path, vietnamese: None, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Pages rendered in a second process and booklets read the environment."""
    monkeypatch.setenv(ENV, "vi")
    with_plan(tmp_path)
    main(["--project", str(tmp_path), "--lang", "en", "check"])
    assert os.environ[ENV] == "en"


def test_log_lines_of_a_preview(vietnamese: None) -> None:
    """The level is a Vietnamese word (info lines have none), and the engine's own lines
    while serving are said in Vietnamese too."""
    import logging

    from tuyengiao.cli.console import LevelFormatter

    formatter = LevelFormatter()

    def line(name: str, level: int, message: str) -> str:
        return formatter.format(logging.LogRecord(name, level, __file__, 1, message, None,
                                                  None))

    assert line("mkdocs.livereload", logging.INFO, "Serving on http://127.0.0.1:8000/") == (
        "Đang mở trang xem thử tại http://127.0.0.1:8000/")
    assert line("mkdocs.livereload", logging.INFO, "[17:08:35] Detected file changes") == (
        "[17:08:35] Có tệp vừa thay đổi")
    assert line("tuyengiao.serve", logging.WARNING,
                "dựng không thành công; trang xem thử giữ bản tốt gần nhất") == (
        "cảnh báo: dựng không thành công; trang xem thử giữ bản tốt gần nhất")
    assert line("mkdocs.plugins", logging.INFO, "Something else") == "Something else"
