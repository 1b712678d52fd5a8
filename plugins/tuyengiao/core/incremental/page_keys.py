"""What each page's HTML depends on, as one hash per page (for the page cache).

A document's page is made from the document itself, the documents it lists
(backlinks, Q&A, guidance, summaries, its parent and what it implements), the
targets of the numbers and ``.md`` links in its text as this build shows them,
the booklets it links to (id, title, size, pages),
its address and the site-wide render key (code, config, theme, audience, nav).
Documents enter the hash by their file's content hash, so a change of title
or date of a cited document changes the key of every page that shows it; the
page's Markdown is never rendered just to know that nothing changed.
"""

from __future__ import annotations

from collections.abc import Sequence

from tuyengiao.core.link.key_parts import DigestOf, citation_part, mention_parts
from tuyengiao.core.link.key_parts import target_part as _target
from tuyengiao.core.load.structure import resolve_link
from tuyengiao.core.model.document import Document
from tuyengiao.core.render.site.build import SiteBuild
from tuyengiao.core.store import hash_text


class PageKeys:
    """Page keys of one build: ``render_key`` covers everything site-wide."""

    def __init__(self, site: SiteBuild, render_key: str, digest_of: DigestOf) -> None:
        self.site = site
        self.render_key = render_key
        self.digest_of = digest_of

    def document(self, doc: Document) -> str:
        view, digest_of = self.site.view, self.digest_of
        related = view.related(doc)
        parts = [self.render_key, "doc", doc.url, doc.src_uri, digest_of(doc.src_uri),
                 citation_part(related.parent, digest_of)]
        parts += [citation_part(c, digest_of) for c in related.implements]
        for name, docs in (("by", related.implemented_by), ("mentioned", related.mentioned_by),
                           ("qa", related.qa), ("guidance", related.guidance),
                           ("summaries", related.summaries)):
            parts.append(name)
            parts += [_target(d, digest_of) for d in docs]
        parts.append("mentions")
        parts += mention_parts(view, doc, digest_of)
        parts.append("links")
        for _, target in doc.structure.local_links:
            path = resolve_link(doc.src_uri, target.split("#")[0])
            linked, hidden = view.linked_document(path)
            if linked is not None or hidden:
                parts.append(f"{path}:{hidden}:{linked.url if linked is not None else ''}")
        parts.append(f"audio:{view.audio(doc)!r}")  # the recording's size and length
        parts.append("booklets")  # the printable booklets it links to: size and page count
        parts += [repr(link) for link in self.site.renderer.booklets.get(doc.path, ())]
        return hash_text(*parts)

    def generated(self, url: str, inputs: Sequence[str]) -> str:
        """A generated page by what it is made of (its inputs, or its Markdown)."""
        return hash_text(self.render_key, "generated", url, *inputs)
