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

from tuyengiao.core.load.records import valid_records
from tuyengiao.core.model.problems import Problems
from tuyengiao.core.model.schema import PORTAL

PORTAL_FILE = "portal.yml"


@dataclass(frozen=True)
class Site:
    """A district site a portal searches: its name and base URL."""

    name: str
    url: str


def load_portal(project_dir: Path, data_dir: str, problems: Problems) -> list[Site]:
    """The sites of ``data/portal.yml``; a missing file means "not a portal"."""
    records = valid_records(project_dir, f"{data_dir}/{PORTAL_FILE}", PORTAL, problems)
    return [Site(r.values["name"], r.values["url"].rstrip("/") + "/") for r in records]
