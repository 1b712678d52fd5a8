"""``data/portal.yml``: the district sites a province portal searches.

Format (a list; ``name`` is shown beside each result)::

    - name: Huyện Phong Thổ
      url: https://phongtho.example.vn/

Each district serves its own ``search/`` folder; the portal's browser fetches
``<url>search/manifest.json`` and the shards it needs from there, so every
district must send ``Access-Control-Allow-Origin`` (``*`` or the portal's
origin) on ``/search/``.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..loader import construct, read_yaml_nodes, yaml_error_line
from ..problems import Problems
from ..text import DecodeError, decode_source
from .index import Site

PORTAL_FILE = "portal.yml"


def load_portal(project_dir: Path, data_dir: str, problems: Problems) -> list[Site]:
    """The sites of ``data/portal.yml``; a missing file means "not a portal"."""
    rel = f"{data_dir}/{PORTAL_FILE}"
    file = project_dir / rel
    if not file.is_file():
        return []
    try:
        loader, node = read_yaml_nodes(decode_source(file.read_bytes()))
    except DecodeError as exc:
        problems.error(rel, exc.line, f"the file is not UTF-8 text: {exc}")
        return []
    except yaml.YAMLError as exc:
        line, message = yaml_error_line(exc, 0)
        problems.error(rel, line, message)
        return []
    if not isinstance(node, yaml.SequenceNode):
        line = node.start_mark.line + 1 if node is not None else 1
        problems.error(rel, line, "expected a list of sites, each with name and url")
        return []
    sites = []
    for item in node.value:
        site = _site(rel, construct(loader, item), item.start_mark.line + 1, problems)
        if site is not None:
            sites.append(site)
    return sites


def _site(rel: str, value: object, line: int, problems: Problems) -> Site | None:
    if not isinstance(value, dict):
        problems.error(rel, line, "expected a mapping with name and url")
        return None
    name, url = value.get("name"), value.get("url")
    if not isinstance(name, str) or not name.strip():
        problems.error(rel, line, "name: expected the site's name as text")
        return None
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        problems.error(rel, line, f"url: expected an address starting with https://, got {url!r}")
        return None
    for key in value:
        if key not in ("name", "url"):
            problems.warning(rel, line, f"{key}: unknown key (ignored); known keys: name, url")
    return Site(name.strip(), url if url.endswith("/") else url + "/")
