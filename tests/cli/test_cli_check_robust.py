"""Every input that made ``build`` (or ``serve``/``booklet``/``stats``) fail is found by
``tuyengiao check`` first, as a located error: one case per failure class of the issue
"Robustness". Each case once passed check, or crashed it with a traceback."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tuyengiao.cli import main

QA = "content/tai-lieu/hoi-dap-xa/hoi-dap-nghi-quyet-5.md"


def resolution(extra: str = "", title: str = "Kế hoạch thử", number: str = "77-KH/HU",
               issuer: str = "Ban Thường vụ Huyện ủy", body: str = "Nội dung.\n") -> str:
    """A valid public resolution; ``extra`` goes on line 8, the body starts after it."""
    return ("---\ntype: resolution\n"
            f"title: {title}\nnumber: {number}\nissuer: {issuer}\n"
            "date: 2023-01-02\nvisibility: public\n"
            f"{extra}---\n\n{body}")


def laughs(levels: int, indent: str = "") -> str:
    """A "billion laughs": each level lists the one before nine times."""
    lines = [f'{indent}a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels + 1):
        name, before = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"{indent}{name}: &{name} [" + ", ".join([f"*{before}"] * 9) + "]")
    lines.append(f"{indent}title: *{chr(ord('a') + levels)}")
    return "\n".join(lines) + "\n"


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def append(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


Mutation = Callable[[Path], None]

#: (case, what the project gets, a line check must print)
CASES: list[tuple[str, Mutation, str]] = [
    ("5000-digit integer in frontmatter",
     lambda p: write(p, "content/x/so.md", resolution("term: " + "9" * 5000 + "\n")),
     "content/x/so.md:8: error: a number of 5,000 digits; numbers have at most 18 digits"),
    ("lone surrogate in a title",
     lambda p: write(p, "content/x/so.md", resolution(title='"\\ud800"')),
     "content/x/so.md:3: error: the text holds an escape that is no character"),
    ("YAML tag in units.yml",
     lambda p: append(p, "data/units.yml", "- id: !foo u9\n  name: X\n  kind: ban\n"),
     "data/units.yml:11: error: the YAML tag '!foo' is not allowed"),
    ("unhashable key in units.yml",
     lambda p: append(p, "data/units.yml", "- ? [a, b]\n  : x\n  id: u9\n"),
     "data/units.yml:11: error: keys must be text, not a list or a mapping"),
    ("YAML tag in study.yml",
     lambda p: write(p, "data/study.yml", "target: !foo 98\n"),
     "data/study.yml:1: error: the YAML tag '!foo' is not allowed"),
    ("unhashable key in study.yml",
     lambda p: write(p, "data/study.yml", "? [a]\n: 1\ntarget: 98\n"),
     "data/study.yml:1: error: keys must be text, not a list or a mapping"),
    ("YAML tag in portal.yml",
     lambda p: write(p, "data/portal.yml", "- name: !foo X\n  url: https://a.example.vn/\n"),
     "data/portal.yml:1: error: the YAML tag '!foo' is not allowed"),
    ("unhashable key in portal.yml",
     lambda p: write(p, "data/portal.yml", "- ? {a: 1}\n  : x\n"),
     "data/portal.yml:1: error: keys must be text, not a list or a mapping"),
    ("symlink loop in content/",
     lambda p: (p / "content/x").mkdir() or os.symlink("..", p / "content/x/len"),
     "content/x/len: error: a link to a folder that contains it (a loop); remove the link"),
    ("link to itself in content/",
     lambda p: os.symlink("vong.md", p / "content/vong.md"),
     "content/vong.md: error: a link that leads nowhere (Too many levels of symbolic links)"),
    ("1,000-level nested list in a body",
     lambda p: write(p, "content/x/so.md", resolution(
         body="\n".join("    " * i + "- a" for i in range(1000)) + "\n")),
     "content/x/so.md:27: error: lists or quotes nested 17 levels deep; at most 16"),
    ("1,000-level nested list in frontmatter",
     lambda p: write(p, "content/x/so.md", resolution("tags: " + "[" * 1000 + "]" * 1000
                                                      + "\n")),
     "content/x/so.md:8: error: invalid YAML: lists and mappings are nested more than 16"),
    ("100,000-level nested list in frontmatter (libyaml would crash the process)",
     lambda p: write(p, "content/x/so.md", resolution("tags:\n  " + "- " * 100_000 + "a\n")),
     "content/x/so.md:9: error: invalid YAML: lists and mappings are nested more than 16"),
    ("missing picture in a Q&A (its booklet could not be made)",
     lambda p: append(p, QA, "\n![Ảnh](khong-co.png)\n"),
     f"{QA}:40: error: picture 'khong-co.png': content/tai-lieu/hoi-dap-xa/khong-co.png "
     "does not exist"),
    ("billion laughs in frontmatter",
     lambda p: write(p, "content/x/so.md", resolution(laughs(8))),
     "content/x/so.md:8: error: YAML anchors and aliases ('&name', '*name') are not allowed"),
    ("billion laughs in external.yml",
     lambda p: write(p, "data/external.yml", "- number: 1-NQ/TW\n" + laughs(8, "  ")),
     "data/external.yml:2: error: YAML anchors and aliases ('&name', '*name') are not "
     "allowed"),
    ("billion laughs in booklets.yml",
     lambda p: write(p, "data/booklets.yml", "- id: x\n" + laughs(8, "  ")),
     "data/booklets.yml:2: error: YAML anchors and aliases ('&name', '*name') are not "
     "allowed"),
    ("dot file",
     lambda p: write(p, "content/x/.an.md", resolution()),
     "content/x/.an.md: error: the file name '.an.md' starts with '.'"),
    ("file named '..md'",
     lambda p: write(p, "content/x/..md", resolution()),
     "content/x/..md: error: the file name '..md' starts with '.'"),
    ("file in a dot folder",
     lambda p: write(p, "content/.nhap/a.md", resolution()),
     "content/.nhap/a.md: error: the folder name '.nhap' starts with '.'"),
    ("file name that slugs to nothing",
     lambda p: write(p, "content/x/---.md", resolution()),
     "content/x/---.md: error: the file name has no letter or digit"),
    ("title over the limit",
     lambda p: write(p, "content/x/so.md", resolution(title="Về " * 300)),
     "content/x/so.md:3: error: title: 899 characters; at most 500"),
    ("document number over the limit",
     lambda p: write(p, "content/x/so.md", resolution(number="7" * 70 + "-KH/HU")),
     "content/x/so.md:4: error: number: '7777777777"),
    ("a content file over 2 MB",
     lambda p: write(p, "content/x/so.md", resolution(body="Câu. " * 500_000)),
     "content/x/so.md: error: the file is larger than 2 MB"),
    ("a YAML tag that would run code",
     lambda p: write(p, "content/x/so.md", resolution("signer: !!python/object:os.system "
                                                      "[ls]\n")),
     "content/x/so.md:8: error: the YAML tag '!!python/object:os.system' is not allowed"),
]


@pytest.mark.parametrize("mutate, expected", [(m, e) for _, m, e in CASES],
                         ids=[name for name, _, _ in CASES])
def test_check_reports_what_build_would_fail_on(project_copy: Path, mutate: Mutation,
                                                expected: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    mutate(project_copy)
    started = time.perf_counter()
    status = main(["--project", str(project_copy), "check"])
    seconds = time.perf_counter() - started
    out, err = capsys.readouterr()
    assert status == 1, out + err
    assert "Traceback" not in out + err and "internal error" not in err
    assert any(line.startswith(expected) for line in out.splitlines()), out
    assert max(len(line) for line in out.splitlines()) < 400  # excerpts, never the input
    assert seconds < 60  # not the 47 s the deep list took (a sanity bound, not a benchmark)


def test_the_fixture_itself_passes(project_copy: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--project", str(project_copy), "check"]) == 0
