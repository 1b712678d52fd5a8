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

from dataclasses import dataclass
from pathlib import Path

from tuyengiao.core.load.files import construct, read_yaml_list
from tuyengiao.core.model.problems import Problems

PORTAL_FILE = "portal.yml"


@dataclass(frozen=True)
class Site:
    """A district site a portal searches: its name and base URL."""

    name: str
    url: str


def load_portal(project_dir: Path, data_dir: str, problems: Problems) -> list[Site]:
    """The sites of ``data/portal.yml``; a missing file means "not a portal"."""
    rel = f"{data_dir}/{PORTAL_FILE}"
    found = read_yaml_list(project_dir, rel, problems, "sites, each with name and url")
    if found is None:
        return []
    loader, items = found
    sites = []
    for item in items:
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
