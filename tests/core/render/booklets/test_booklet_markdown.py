"""The booklets render Markdown with the site's extensions (mkdocs.yml), read in one place."""

from __future__ import annotations

from pathlib import Path

import markdown
from booklet_helpers import REPO, booklet_build, copy_sample
from mkdocs.config import load_config

from tuyengiao.core.link.corpus import ProjectLayout, build_corpus
from tuyengiao.core.render.booklets.assemble import BOOKLET_OPTIONS

DOC = "content/van-ban/2021/14-kh-tu.md"


def extension_modules(md: markdown.Markdown) -> set[str]:
    return {type(e).__module__ for e in md.registeredExtensions}


def test_the_booklets_use_the_extensions_mkdocs_renders_the_site_with() -> None:
    corpus = build_corpus(ProjectLayout(REPO))
    mkdocs = load_config(str(REPO / "mkdocs.yml"))
    assert list(corpus.markdown.extensions) == mkdocs.markdown_extensions
    site = markdown.Markdown(extensions=mkdocs.markdown_extensions,
                             extension_configs=mkdocs.mdx_configs)
    booklet = corpus.markdown.markdown(overrides=BOOKLET_OPTIONS)
    assert extension_modules(booklet) == extension_modules(site)


def test_an_extension_added_to_mkdocs_yml_reaches_the_booklets(tmp_path: Path) -> None:
    project = copy_sample(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - pymdownx.superfences\n",
                                   "  - pymdownx.superfences\n  - pymdownx.mark\n"), "utf-8")
    doc = project / DOC
    doc.write_text(doc.read_text(encoding="utf-8") + "\nMột ý ==đánh dấu== ở đây.\n", "utf-8")
    build = booklet_build(project, "public", tmp_path / "cache")
    booklet = next(b for b in build.booklets if b.id == "14-kh-tu")
    html = build.assemble(booklet).html
    assert "<mark>đánh dấu</mark>" in html
    # and the reading at load sees what a reader sees
    (document,) = [d for d in build.view.documents if d.path == DOC]
    assert "Một ý đánh dấu ở đây." in document.structure.text


def test_the_booklet_sets_its_own_heading_ids_over_the_site_options(tmp_path: Path) -> None:
    build = booklet_build(copy_sample(tmp_path / "project"), "public", tmp_path / "cache")
    html = build.assemble(next(b for b in build.booklets if b.id == "14-kh-tu")).html
    assert 'class="headerlink"' not in html  # the site's permalink sign is not printed
    assert 'id="i1-' in html and 'id="i2-' in html  # ids unique in the booklet
