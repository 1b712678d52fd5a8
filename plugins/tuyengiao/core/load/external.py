"""``data/external.yml``: documents cited by the corpus that live elsewhere."""

from __future__ import annotations

from pathlib import Path

from tuyengiao.core.load.records import valid_records
from tuyengiao.core.model.document import ExternalDocument
from tuyengiao.core.model.problems import Problems
from tuyengiao.core.model.schema import EXTERNAL


def load_external(project_dir: Path, rel_path: str, problems: Problems) -> list[ExternalDocument]:
    """Read the list; a missing file is an empty list, a bad entry a located error."""
    return [ExternalDocument(r.values["number"], r.values["title"], r.values["issuer"],
                             r.values.get("url", ""))
            for r in valid_records(project_dir, rel_path, EXTERNAL, problems)]
