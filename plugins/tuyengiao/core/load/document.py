"""The one way a file of ``content/`` becomes a document: read, parse, validate."""

from __future__ import annotations

from pathlib import Path

from tuyengiao.core.load.files import load_file
from tuyengiao.core.load.structure import BodyReader
from tuyengiao.core.load.validate import validate_source
from tuyengiao.core.model.document import Document
from tuyengiao.core.model.problems import Problems


def load_document(project_dir: Path, file: Path, src_uri: str, content_files: frozenset[str],
                  problems: Problems, raw: bytes | None = None,
                  reader: BodyReader | None = None) -> Document | None:
    """Load (from ``raw`` when given) and validate one file; None when it has errors,
    which are added to ``problems`` with everything else found. ``reader`` reads the
    body with the site's Markdown extensions (MkDocs' default ones without it)."""
    source = load_file(project_dir, file, problems, raw)
    return None if source is None else validate_source(source, src_uri, content_files,
                                                       problems, reader)
