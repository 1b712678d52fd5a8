"""Render one assembled booklet with WeasyPrint into a deterministic PDF.

The same content gives the same bytes: the dates come from the ``dcterms``
meta of the document (the booklet's latest document date), the file
identifier is a hash of the content (paths left out), and WeasyPrint names its objects in order.
Fonts are the project's files (``@font-face`` with file URLs), embedded and
subset by WeasyPrint.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from tuyengiao.core.load.project_files import ClosedFetcher, ProjectFiles

#: Version of what this module and the CSS produce; bump to invalidate caches.
RENDER_VERSION = "1"


@dataclass(frozen=True)
class RenderedPdf:
    """The PDF bytes and how many A5 pages they hold."""

    data: bytes
    pages: int


class RefusedFiles(Exception):
    """The booklet asked WeasyPrint for something outside the closed world of files."""


@lru_cache(maxsize=4)
def _weasyprint(css: str) -> tuple[Any, Any]:
    """The parsed stylesheet and the font configuration, made once per process.

    Reusing them across booklets saves parsing the CSS and loading the
    ``@font-face`` files for each one. The stylesheet reads only the package's assets.
    """
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    from tuyengiao.core.render.booklets.assemble import assets_dir

    font_config = FontConfiguration()
    fetcher = ClosedFetcher(ProjectFiles((Path(os.path.realpath(assets_dir())),)))
    sheet = CSS(string=css, font_config=font_config, url_fetcher=fetcher)
    if fetcher.refused:
        raise RefusedFiles(f"the stylesheet reads {', '.join(fetcher.refused)}")
    return sheet, font_config


def render_pdf(html: str, base_url: str, identity: str, css: str | None = None,
               files: ProjectFiles | None = None) -> RenderedPdf:
    """Lay out and write the PDF (WeasyPrint is imported here: it is slow to import).

    ``css`` defaults to the booklet stylesheet. ``identity`` (a hash of the
    content, not of where the project lives) becomes the PDF's file identifier.
    WeasyPrint reads through a :class:`ClosedFetcher` of ``files`` (no file without
    them): no other path, no network; anything it was refused fails the booklet
    (:class:`RefusedFiles`) instead of printing it without.
    """
    from weasyprint import HTML

    from tuyengiao.core.render.booklets.assemble import stylesheet

    sheet, font_config = _weasyprint(stylesheet() if css is None else css)
    fetcher = ClosedFetcher(files or ProjectFiles(()))
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
        stylesheets=[sheet], font_config=font_config)
    identifier = hashlib.sha256(identity.encode("ascii")).hexdigest()[:32].encode("ascii")
    data = document.write_pdf(pdf_identifier=identifier)
    assert data is not None
    if fetcher.refused:
        raise RefusedFiles(f"it reads {', '.join(sorted(set(fetcher.refused)))}; a booklet "
                           "reads only files of content/, data/ and the theme, and nothing "
                           "from the network")
    return RenderedPdf(data, len(document.pages))
