"""The one way a file of ``content/`` becomes a document: read, parse, validate."""

from __future__ import annotations

import re
from pathlib import Path

from markdown import Markdown

from tuyengiao.core.load.files import load_file
from tuyengiao.core.load.html_policy import Removed, SafeHtmlExtension, policy_problems
from tuyengiao.core.load.markdown_config import MarkdownConfig
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
    if source is None:
        return None
    document = validate_source(source, src_uri, content_files, problems, reader)
    if document is not None and _MAY_HOLD_HTML.search(document.body):
        md, report = _policy_markdown(reader.config if reader is not None else MarkdownConfig())
        policy_problems(source.path, document.body, document.body_line, md, report, problems)
    return document


#: What a body needs to hold HTML or attributes the policy may remove: raw HTML, an
#: ``attr_list`` or a link or image with a scheme (``[x](javascript:…)``).
_MAY_HOLD_HTML = re.compile(r"[<{]|\]\s*[(:]\s*<?\s*[A-Za-z][\w+.\-]*:")
_POLICY: dict[str, tuple[Markdown, list[Removed]]] = {}


def _policy_markdown(config: MarkdownConfig) -> tuple[Markdown, list[Removed]]:
    """A Python-Markdown instance like the site's that reports what the HTML policy
    removes (one per configuration and process)."""
    if config.key not in _POLICY:
        report: list[Removed] = []
        _POLICY[config.key] = (config.markdown(SafeHtmlExtension(report)), report)
    return _POLICY[config.key]
