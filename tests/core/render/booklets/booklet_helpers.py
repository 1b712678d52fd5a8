"""Helpers of the booklet tests: the sample corpus copied, booklets built and opened."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from booklet_pdf import BookletPdf

from tuyengiao.core.link.corpus import ProjectLayout, build_corpus
from tuyengiao.core.link.view import Audience, SiteView
from tuyengiao.core.render.booklets.assemble import BookletHtml
from tuyengiao.core.render.booklets.build import BookletBuild, BookletFile

REPO = Path(__file__).resolve().parents[4]


def copy_sample(dest: Path) -> Path:
    """The repository's content/, data/ and mkdocs.yml in a folder of their own."""
    for folder in ("content", "data"):
        shutil.copytree(REPO / folder, dest / folder)
    shutil.copyfile(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def booklet_build(project: Path, audience: Audience, cache: Path) -> BookletBuild:
    layout = ProjectLayout(project)
    corpus = build_corpus(layout)
    assert not corpus.problems.failed(), [str(p) for p in corpus.problems]
    return BookletBuild(SiteView(corpus, audience), layout, cache_dir=cache)


@dataclass
class SampleBooklets:
    build: BookletBuild
    files: dict[str, BookletFile]
    _pdfs: dict[str, BookletPdf] = field(default_factory=dict)

    def pdf(self, booklet_id: str) -> BookletPdf:
        """The booklet's PDF, opened and its text extracted once."""
        if booklet_id not in self._pdfs:
            self._pdfs[booklet_id] = BookletPdf(self.files[booklet_id].pdf)
        return self._pdfs[booklet_id]

    def html(self, booklet_id: str) -> BookletHtml:
        return self.build.assemble(self.files[booklet_id].booklet)
