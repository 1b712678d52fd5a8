"""What the site tests know about the fixture project, and how they read a built site.

Imported by ``tests/conftest.py`` and the modules of ``tests/site``.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup

from tuyengiao.cli import main

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "project"
OVERRIDES = REPO / "overrides"

#: Written only in the fixture's internal documents (title, description, tags, body).
MARKER = "MARKER-NOIBO-93XQ"
#: The internal resolution's number, its page and the internal Q&A's page.
INTERNAL_NUMBER = "7-CV/HU"
INTERNAL_URLS = ("van-ban/7-cv-hu/", "hoi-dap/hoi-dap-noi-bo/")
#: The public document whose text mentions ``INTERNAL_NUMBER``.
MENTIONING_URL = "van-ban/30-kh-ubnd/"
#: The sample corpus' internal marker and its internal draft plan.
SAMPLE_MARKER = "NOIBO-7Q3X"
SAMPLE_DRAFT = "content/van-ban/2023/ke-hoach-hon-quan-du-thao.md"


def build(project: Path, audience: str, out: Path, *extra: str) -> int:
    """``tuyengiao --project PROJECT build --audience A --out OUT [extra…]``."""
    return main(["--project", str(project), "build", "--audience", audience,
                 "--out", str(out), *extra])


def leftovers(out: Path) -> list[str]:
    """Staging or old copies of ``out`` next to it (``.site.building-…``, ``.site.old-…``)."""
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


def copy_project(dest: Path) -> Path:
    """Copy the fixture project to ``dest``; its theme overrides stay the repo's.

    The fixture names the overrides by a path relative to itself, which a copy
    elsewhere cannot follow, so the copy gets the absolute path instead.
    """
    shutil.copytree(FIXTURE, dest, ignore=shutil.ignore_patterns("site", ".*"))
    config = dest / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text, count = re.subn(r"(?m)^(  custom_dir:).*$", rf"\1 {OVERRIDES.as_posix()}", text)
    assert count == 1, "the fixture's mkdocs.yml has no theme.custom_dir line"
    config.write_text(text, encoding="utf-8")
    return dest


@dataclass
class BuiltSite:
    """One built output folder; ``url`` arguments are site-relative (``van-ban/5-nq-hu/``)."""

    root: Path
    audience: str
    _soups: dict[str, BeautifulSoup] = field(default_factory=dict, repr=False)

    def file_for(self, url: str) -> Path:
        path = url.split("#")[0].lstrip("/")
        if path == "" or path.endswith("/"):
            path += "index.html"
        return self.root / path

    def exists(self, url: str) -> bool:
        return self.file_for(url).is_file()

    def text(self, url: str) -> str:
        return self.file_for(url).read_text(encoding="utf-8")

    def soup(self, url: str) -> BeautifulSoup:
        if url not in self._soups:
            assert self.exists(url), f"{url} was not built in the {self.audience} site"
            self._soups[url] = BeautifulSoup(self.text(url), "lxml")
        return self._soups[url]

    def article(self, url: str) -> BeautifulSoup:
        article = self.soup(url).select_one("article.md-content__inner")
        assert article is not None, f"{url}: no <article>"
        return article

    def files(self) -> Iterator[Path]:
        return (p for p in sorted(self.root.rglob("*")) if p.is_file())

    def html_pages(self) -> list[str]:
        """The site-relative path of every HTML file."""
        return [p.relative_to(self.root).as_posix() for p in self.files() if p.suffix == ".html"]
