"""Golden pairs of the page renderers: an editor's ``<name>.md`` in, the page's HTML out.

This is the only module of the golden tests that names the core's internals
(``build_corpus``, :class:`SiteBuild`, :class:`NumberLinkExtension`): when one
of them moves, adapt :func:`render_page` and nothing else.

The HTML is what the site puts inside a page's ``<article>`` (MkDocs'
``page.content``): the Markdown the core renders for the page, converted by
Python-Markdown with the site's extensions (``markdown_extensions`` of the
repository's ``mkdocs.yml``, read by MkDocs' own loader, so its built-in
``toc``, ``tables`` and ``fenced_code`` are there too) plus the core's
number-linking extension, as ``tuyengiao.mkdocs.plugin`` sets it up. What MkDocs
adds on top (rewriting links to ``.md`` files into page URLs) is not done here;
the whole-site snapshot (``tests/site/test_site_snapshot.py``) covers it, and
:class:`SitePages` lets a test check this harness against a real build.

Each pair is rendered in a project of its own: ``golden/_corpus/`` (documents
the pairs cite, ``data/external.yml``) with the pair's file added as
``content/<name>.md``. A public document is rendered in the public build, any
other in the internal one. A first frontmatter line ``# golden-page: /van-ban/``
renders that generated page (``/`` is the home page) of the public build
instead of the document's own page.
"""

from __future__ import annotations

import difflib
import re
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from markdown import Markdown
from mkdocs.config import load_config

from tuyengiao.core.link.corpus import Corpus, ProjectLayout, build_corpus
from tuyengiao.core.link.view import Audience
from tuyengiao.core.load.html_policy import SafeHtmlExtension
from tuyengiao.core.render.number_links import NumberLinkExtension
from tuyengiao.core.render.site.build import SiteBuild

REPO = Path(__file__).resolve().parents[4]
GOLDEN = Path(__file__).resolve().parent / "golden"
CORPUS = GOLDEN / "_corpus"
#: The site's configuration, whose ``markdown_extensions`` the pages are converted with.
SITE_CONFIG = REPO / "mkdocs.yml"

_PAGE_DIRECTIVE = re.compile(r"^---\n# golden-page: (\S+)\n")


@dataclass(frozen=True)
class GoldenPair:
    """``golden/<name>.md`` and the HTML expected of it, ``golden/<name>.html``."""

    name: str

    @property
    def markdown(self) -> Path:
        return GOLDEN / f"{self.name}.md"

    @property
    def html(self) -> Path:
        return GOLDEN / f"{self.name}.html"

    def page_url(self) -> str | None:
        """The generated page the pair asks for (``""`` for home), or None for its own."""
        found = _PAGE_DIRECTIVE.match(self.markdown.read_text(encoding="utf-8"))
        return found.group(1).lstrip("/") if found else None


def pairs() -> list[GoldenPair]:
    return [GoldenPair(p.stem) for p in sorted(GOLDEN.glob("*.md"))]


def orphans() -> list[Path]:
    """Expected HTML files whose Markdown is gone."""
    return [p for p in sorted(GOLDEN.glob("*.html")) if not p.with_suffix(".md").is_file()]


def render_pair(pair: GoldenPair, workdir: Path) -> str:
    """The HTML of the pair's page, in a copy of the corpus made under ``workdir``."""
    project = workdir / "project"
    shutil.copytree(CORPUS, project)
    shutil.copyfile(pair.markdown, project / "content" / f"{pair.name}.md")
    shutil.copyfile(SITE_CONFIG, project / "mkdocs.yml")  # the site's Markdown extensions
    corpus = load_project(project)
    url = pair.page_url()
    if url is None:
        doc = next(d for d in corpus.documents if d.src_uri == f"{pair.name}.md")
        return SitePages(corpus, "public" if doc.is_public else "internal").render(doc.url)
    return SitePages(corpus, "public").render(url)


def load_project(project: Path) -> Corpus:
    """The project's corpus, loaded and checked; fails on any error."""
    corpus = build_corpus(ProjectLayout(project))
    errors = [str(p) for p in corpus.problems.sorted() if p.severity.value == "error"]
    assert not errors, f"{project} has errors:\n" + "\n".join(errors)
    return corpus


class SitePages:
    """The pages of one build (``audience``) of a corpus, as HTML fragments."""

    def __init__(self, corpus: Corpus, audience: Audience) -> None:
        self.audience = audience
        self.site = SiteBuild(corpus, audience)
        self.src_uris = {d.url: d.src_uri for d in self.site.documents}
        self.src_uris.update({p.url: p.src_uri for p in self.site.generated_pages().values()})

    def render(self, url: str) -> str:
        """The HTML of the page at ``url`` (site-relative, ``""`` for home)."""
        src_uri = self.src_uris.get(url)
        assert src_uri is not None, f"no page /{url} in the {self.audience} build"
        source = self.site.page_for(src_uri)
        assert source is not None
        self.site.enter_page(src_uri, url)  # as the plugin's on_page_markdown does
        md = Markdown(extensions=[*_site_extensions(),
                                  NumberLinkExtension(self.site.link_for, self.site.hides_link),
                                  # as the plugin does: the HTML policy on a document's page
                                  SafeHtmlExtension(
                                      active=lambda: self.site.current_page is not None)],
                      extension_configs=_site_extension_configs())
        html: str = md.convert(source.markdown)
        return html


@lru_cache(maxsize=1)
def _site_config() -> Any:
    return load_config(str(SITE_CONFIG))


def _site_extensions() -> list[Any]:
    return list(_site_config()["markdown_extensions"])


def _site_extension_configs() -> dict[str, Any]:
    return dict(_site_config()["mdx_configs"] or {})


def readable_diff(expected: str, actual: str, name: str, limit: int = 60) -> str:
    """The first ``limit`` lines of a unified diff, expected → actual."""
    lines = list(difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                      f"{name} (expected)", f"{name} (rendered)", lineterm=""))
    more = f"\n… {len(lines) - limit} more diff lines" if len(lines) > limit else ""
    return "\n".join(lines[:limit]) + more
