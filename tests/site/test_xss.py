"""Nothing an editor or a reporting unit writes runs script in a reader's browser.

Every text field of every document type and of every data file (``units.yml``,
``external.yml``, ``portal.yml``, ``booklets.yml``; the study tables hold numbers and
ids only) carries a payload that breaks out of an element or an attribute. Both
builds are made, and every HTML file they write is parsed: no element may carry an
event handler or a ``javascript:`` URL from a payload, and no ``<script>`` may hold
one. A payload shown as text (escaped) is fine, and expected.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from built_site import build, copy_project

#: Breaks out of a double- or single-quoted attribute and of an element's text.
PAYLOAD = """XSS"'><img src=x onerror=xssprobe(1)><script>xssprobe(2)</script>"""


def _yaml(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


P = _yaml(PAYLOAD)

DOCUMENTS = {
    "content/xss/nghi-quyet.md": f"""---
type: resolution
title: {P}
number: 91-NQ/HU
issuer: {P}
place: {P}
date: 2024-03-05
signer: {P}
signer_title: {P}
term: {P}
recipients:
  - {P}
description: {P}
tags:
  - {P}
visibility: public
---

## Nội dung {P}

Văn bản có trường lạ.
""",
    "content/xss/hoi-dap.md": f"""---
type: qa
title: {P}
resolution: 91-NQ/HU
audience: {P}
description: {P}
tags:
  - {P}
visibility: public
---

## Câu hỏi 1: {P}?

Trả lời.
""",
    "content/xss/huong-dan.md": f"""---
type: guidance
title: {P}
resolution: 91-NQ/HU
audiences:
  - {P}
key_points:
  - {P}
description: {P}
visibility: public
---

## {P}

Nội dung.
""",
    "content/xss/tom-tat.md": f"""---
type: summary
lang: hmn
source: 91-NQ/HU
title: {P}
translator: {P}
reviewed_by: {P}
description: {P}
visibility: public
---

## Lus Hmoob

Ntawv.
""",
}

DATA = {
    "data/external.yml": f"""- number: 92-KH/TU
  title: {P}
  issuer: {P}
  url: https://example.vn/x
""",
    "data/portal.yml": f"""- name: {P}
  url: https://xa.example.vn/
""",
    "data/booklets.yml": f"""- id: xss
  title: {P}
  subtitle: {P}
  items: [91-NQ/HU]
""",
}


def _units(project: Path) -> None:
    path = project / "data" / "units.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: Đảng bộ xã Nậm Thử Nghiệm", f"name: {P}"), "utf-8")


def _probe(project: Path) -> None:
    for rel, text in {**DOCUMENTS, **DATA}.items():
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    _units(project)
    mention = project / "content/uy-ban/ke-hoach-loa-truyen-thanh.md"
    mention.write_text(mention.read_text(encoding="utf-8")
                       + "\nXem Nghị quyết số 91-NQ/HU và Kế hoạch số 92-KH/TU.\n", "utf-8")


def live_payloads(html: str) -> list[str]:
    """What of a payload the browser would run: handlers, scripts, javascript: URLs."""
    found = []
    for tag in BeautifulSoup(html, "lxml").find_all(True):
        for name, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.startswith("on") and "xssprobe" in text:
                found.append(f"<{tag.name} {name}={text!r}>")
            if name in ("href", "src", "action") and text.strip().lower().startswith(
                    "javascript:"):
                found.append(f"<{tag.name} {name}={text!r}>")
        if tag.name == "script" and "xssprobe" in (tag.string or ""):
            found.append(f"<script>{tag.string}</script>")
    return found


@pytest.fixture(scope="module")
def probe_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("xss") / "project")
    _probe(project)
    return project


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_no_field_runs_script(probe_project: Path, tmp_path: Path, audience: str) -> None:
    out = tmp_path / "site"
    assert build(probe_project, audience, out) == 0
    pages = sorted(out.rglob("*.html"))
    live = {p.relative_to(out).as_posix(): live_payloads(p.read_text(encoding="utf-8"))
            for p in pages}
    live = {page: found for page, found in live.items() if found}
    assert not live, f"script from content runs on {len(live)} pages: {live}"
    # the payloads are there, as text: the probe reached the pages
    page = (out / "van-ban/91-nq-hu/index.html").read_text(encoding="utf-8")
    assert "xssprobe(2)" in BeautifulSoup(page, "lxml").get_text()
    if audience == "internal":
        unit_pages = [p for p in pages if "theo-don-vi/u1" in p.as_posix()]
        assert unit_pages, "the internal build has no page of unit u1"
        assert "xssprobe" in unit_pages[0].read_text(encoding="utf-8")


def test_live_payloads_finds_script() -> None:
    """The detector sees what a browser would run."""
    assert live_payloads(f"<p>{PAYLOAD}</p>")
    assert live_payloads(f'<meta content="{PAYLOAD}">')
    assert not live_payloads("<p>XSS&quot;&#39;&gt;&lt;img src=x onerror=xssprobe(1)&gt;</p>")
