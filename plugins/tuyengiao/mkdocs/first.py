"""A preview's first pass: the pages of the documents just saved, before the rest.

A full incremental build of a large site spends most of its time on the whole site
(MkDocs lists the theme and ``content/``, makes the navigation and a ``Page`` for every
page, every page is keyed, the search index is checked), whatever changed. When only
documents were edited (no file added, removed or moved, nothing in ``data/``, the
configuration or the theme) and the last build succeeded, the preview first:

1. loads and checks the whole corpus (the load memo reads only the edited files), so a
   save that breaks the build is reported at once, anywhere it breaks it;
2. renders the edited documents' own pages with the new corpus through the engine the
   last build left (its configuration, files, navigation and templates,
   :class:`PreviewState`) and moves them into the served folder.

The browser shows the change then; the full incremental build follows
(:func:`tuyengiao.mkdocs.serve.serve` runs it while the preview serves), which updates
the other pages (backlinks, indices, navigation titles), the search index and the
booklets. It renders the edited pages again; the same bytes are not moved.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation

from tuyengiao.core.incremental.session import BuildSession
from tuyengiao.core.link.corpus import Corpus
from tuyengiao.core.render.site.build import SiteBuild

log = logging.getLogger("tuyengiao.serve")


@dataclass
class PreviewState:
    """What the last successful build of a preview leaves for the next save: the
    plugin (a ``TuyengiaoPlugin``: its ``site`` is what the page sources and number
    links read, set by its ``use_site``), the engine's configuration, files,
    navigation and template environment."""

    plugin: Any
    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Environment


@dataclass
class FirstPass:
    """The outcome of a first pass: ``ok`` False when the check failed (the problems
    are in the session); ``pages``: the output paths rendered."""

    ok: bool
    pages: list[str]


def edited_documents(state: PreviewState, content_dir: Path,
                     changed: Collection[str]) -> list[File] | None:
    """The page files of the edited documents, or None when something else changed (a
    file that is not a page of the last build, one added or removed, a data file)."""
    found: list[File] = []
    content = content_dir.resolve()
    for path in changed:
        file_path = Path(path)
        if file_path.suffix != ".md" or not file_path.is_file():
            return None
        try:
            src_uri = file_path.resolve().relative_to(content).as_posix()
        except ValueError:
            return None
        file = state.files.get_file_from_path(src_uri)
        if file is None or file.page is None:
            return None
        found.append(file)
    return found or None


def first_pass(session: BuildSession, out: Path, content_dir: Path, changed: Collection[str],
               check: Callable[[], tuple[Corpus, bool]]) -> FirstPass | None:
    """Check the corpus (``check``: the command's, with the session's load memo) and
    render the edited documents' pages into the served folder ``out``; None when the
    full build must do it (see the module's text)."""
    state = session.engine
    if not isinstance(state, PreviewState) or session.cache is None or not out.is_dir():
        return None
    files = edited_documents(state, content_dir, changed)
    if files is None:
        return None
    corpus, ok = check()
    session.problems = corpus.problems.sorted()
    if not ok:
        session.failure = "not built"
        return FirstPass(False, [])
    plugin = state.plugin
    old = plugin.site
    assert old is not None
    site = SiteBuild(corpus, old.view.audience, plugin.config.study_per_unit,
                     booklets=old.renderer.booklets)
    docs = {d.src_uri: d for d in site.documents}
    for file in files:
        doc = docs.get(file.src_uri)
        if doc is None or f"{doc.url}index.html" != file.dest_uri:
            return None  # now hidden from this audience, or at another address
    plugin.use_site(site)  # the page sources and number links read the new corpus
    try:
        written = _render(state, files, out)
    except Exception as error:  # the full build reports it
        log.debug("first pass failed: %s", error)
        return None
    return FirstPass(True, written)


def _render(state: PreviewState, files: list[File], out: Path) -> list[str]:
    from mkdocs.commands.build import _build_page, _populate_page

    config, nav, env = state.config, state.nav, state.env
    doc_files = state.files.documentation_pages()
    written: list[str] = []
    staging = Path(config.site_dir)
    try:
        for file in files:
            page: Any = file.page
            _populate_page(page, config, state.files, dirty=False)
            _build_page(page, config, doc_files, nav, env, dirty=False)
            rendered = Path(file.abs_dest_path)
            target = out / file.dest_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(rendered, target)  # a new file: a cached page it replaces is intact
            written.append(file.dest_uri)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # the last build's staging name
    return written
