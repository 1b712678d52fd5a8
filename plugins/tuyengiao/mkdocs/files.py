"""The files MkDocs builds: the pages of the audience's view, not what ``content/`` holds."""

from __future__ import annotations

import yaml
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from tuyengiao.core.render.site.build import SiteBuild
from tuyengiao.core.render.site.document import PageSource

#: Meta that Material prints into the page as HTML, unescaped (``<title>``, the header,
#: ``<meta name="description" content="…">``): the text is escaped here, once.
HTML_META = ("title", "description")


def page_source_text(page: PageSource) -> str:
    """The Markdown MkDocs reads for a page: YAML meta, then the body."""
    meta = {key: str(escape(value)) if key in HTML_META and isinstance(value, str) else value
            for key, value in page.meta.items()}
    text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    return f"---\n{text}---\n\n{page.markdown}"


#: Material's files that no page of ours loads, left out of the site (2.3 MB of 4.5 MB):
#: lunr and the search worker (our own search replaces Material's, which is not
#: enabled), and the source maps of its bundles (only a browser's developer tools
#: fetch them; the bundles' ``sourceMappingURL`` comments then find nothing).
#: ``tests/site/test_weight.py`` checks that no page asks for any of them.
UNUSED_THEME_PREFIXES = ("assets/javascripts/lunr/", "assets/javascripts/workers/")
UNUSED_THEME_SUFFIXES = (".map",)


def shipped_theme_file(file: File) -> bool:
    """False for a theme file of :data:`UNUSED_THEME_PREFIXES` / ``_SUFFIXES``."""
    uri = file.src_uri
    return not (uri.startswith(UNUSED_THEME_PREFIXES) or uri.endswith(UNUSED_THEME_SUFFIXES))


class LinkedOnly(File):
    """A file of ``content/`` that pages of a second rendering process link to: in its
    dirty build MkDocs does not copy it (the main process does)."""

    def is_modified(self) -> bool:
        return False


def site_files(site: SiteBuild, found: Files, config: MkDocsConfig,
               page_class: type[File] = File, *, helper: bool = False) -> Files:
    """The theme's files of ``found``, then every page of the view at its permalink (as
    ``page_class``), the generated pages and the files of ``content/`` that a shown
    document links to. Internal documents are never added to a public build. A second
    rendering process (``helper``) writes pages only: no theme file, no copy."""
    files = [f for f in found
             if not helper and f.src_dir != config.docs_dir and shipped_theme_file(f)]
    for doc in site.documents:
        files.append(page_class(doc.src_uri, config.docs_dir, config.site_dir, True,
                                dest_uri=f"{doc.url}index.html"))
    for page in site.generated_pages().values():
        # A page known by its inputs is made only if MkDocs renders it
        # (``on_page_read_source``); the others are made now, to be keyed by their text.
        text = "" if page.inputs is not None else page_source_text(page.source())
        generated = page_class.generated(config, page.src_uri, content=text)
        generated.dest_uri = f"{page.url}index.html"
        files.append(generated)
    asset_class = LinkedOnly if helper else File
    for asset in sorted(site.assets()):
        files.append(asset_class(asset, config.docs_dir, config.site_dir, True))
    return Files(files)
