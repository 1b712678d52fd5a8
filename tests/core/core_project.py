"""A throw-away project in ``tmp_path`` for the core tests.

Tests write editors' files with their exact text (so the expected line numbers
can be read off the test) and compare the problems as ``tuyengiao check`` prints
them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tuyengiao.core.link.corpus import Corpus, ProjectLayout, build_corpus
from tuyengiao.core.model.document import Document

#: Two reporting units for the study tables' tests (data/units.yml) and the header of
#: data/study.csv.
STUDY_UNITS = """\
- id: xa-a
  name: Đảng bộ xã A
  kind: dang_bo_co_so
- id: cb-b
  name: Chi bộ B
  kind: chi_bo_co_so
"""
STUDY_HEADER = ("year,unit,resolution,conferences,members_studied,members_total,"
                "staff_studied,staff_total,documents\n")

#: The repository's MkDocs configuration: a test project reads bodies with its extensions.
MKDOCS_YML = Path(__file__).resolve().parents[2] / "mkdocs.yml"


class CoreProject:
    """A project folder with ``content/`` and ``data/`` written by a test, and the
    repository's ``mkdocs.yml`` (unless ``mkdocs_yml`` is False)."""

    def __init__(self, root: Path, mkdocs_yml: bool = True) -> None:
        self.root = root
        (root / "content").mkdir()
        if mkdocs_yml:
            shutil.copyfile(MKDOCS_YML, root / "mkdocs.yml")

    def write(self, rel: str, text: str) -> Path:
        """Write ``text`` as UTF-8 with LF line ends, exactly as given."""
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        return path

    def write_bytes(self, rel: str, data: bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def resolution(self, rel: str, number: str, body: str = "Nội dung.\n") -> Path:
        """A valid resolution with that number (lines 1–7 are the frontmatter)."""
        return self.write(
            rel,
            "---\n"
            "type: resolution\n"
            f"title: Văn bản {number}\n"
            f"number: {number}\n"
            "issuer: Ban Thường vụ Huyện ủy Phong Thổ\n"
            "date: 2023-02-20\n"
            "---\n"
            "\n" + body,
        )

    def corpus(self) -> Corpus:
        return build_corpus(ProjectLayout(self.root))

    def problems(self) -> list[str]:
        """Every problem of the project, sorted and printed as ``tuyengiao check`` does."""
        return [str(p) for p in self.corpus().problems.sorted()]

    def document(self, path: str) -> Document:
        """The validated document at ``path`` (project-relative); fails if it did not load."""
        corpus = self.corpus()
        found = [d for d in corpus.documents if d.path == path]
        assert found, [str(p) for p in corpus.problems.sorted()]
        return found[0]
