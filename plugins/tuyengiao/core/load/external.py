"""``data/external.yml``: documents cited by the corpus that live elsewhere."""

from __future__ import annotations

from pathlib import Path

import yaml

from tuyengiao.core.load.files import construct, read_yaml_list
from tuyengiao.core.model.document import ExternalDocument
from tuyengiao.core.model.numbers import DocumentNumber
from tuyengiao.core.model.problems import Problems

_KEYS = ("number", "title", "issuer", "url")


def load_external(project_dir: Path, rel_path: str, problems: Problems) -> list[ExternalDocument]:
    """Read the list; a missing file is an empty list, a bad entry a located error."""
    found = read_yaml_list(project_dir, rel_path, problems,
                           "documents, each with number, title and issuer")
    if found is None:
        return []
    loader, items = found
    result = []
    for item in items:
        document = _entry(rel_path, loader, item, problems)
        if document is not None:
            result.append(document)
    return result


def _entry(
    rel_path: str, loader: object, node: yaml.Node, problems: Problems
) -> ExternalDocument | None:
    line = node.start_mark.line + 1
    try:
        value = construct(loader, node)
    except yaml.YAMLError as exc:
        problems.error(rel_path, line, f"invalid YAML: {getattr(exc, 'problem', None) or exc}")
        return None
    if not isinstance(value, dict):
        problems.error(rel_path, line, "expected a mapping with number, title and issuer")
        return None
    # Each key's own line, so that a bad url is shown where it is written.
    lines = {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.Node)}
    ok = True
    for key in value:
        if key not in _KEYS:
            problems.warning(rel_path, lines.get(key, line), f"{key}: unknown key (ignored); "
                             "known keys: " + ", ".join(_KEYS))
    for key in ("number", "title", "issuer"):
        text = value.get(key)
        if text is None or (isinstance(text, str) and not text.strip()):
            problems.error(rel_path, lines.get(key, line), f"{key}: required text is missing")
            ok = False
        elif not isinstance(text, str):
            what = "a document number like '271-KH/HU' written as text" if key == "number" \
                else "text"
            problems.error(rel_path, lines.get(key, line), f"{key}: expected {what}, "
                           f"got {text!r}")
            ok = False
    url = value.get("url") or ""
    if url and not (isinstance(url, str) and url.startswith(("https://", "http://"))):
        problems.error(rel_path, lines.get("url", line), f"url: expected an address starting "
                       f"with https://, got {url!r}")
        ok = False
    if not ok:
        return None
    try:
        number = DocumentNumber.parse(value["number"])
    except ValueError as exc:
        problems.error(rel_path, lines.get("number", line), f"number: {exc}")
        return None
    return ExternalDocument(number, value["title"].strip(), value["issuer"].strip(), url)
