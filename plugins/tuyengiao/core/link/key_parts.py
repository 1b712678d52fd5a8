"""What a document's citations resolve to in a view, as text for content keys.

The page cache (:mod:`tuyengiao.core.incremental.page_keys`) and the booklets'
input keys (:mod:`tuyengiao.core.render.booklets.build`) both hash these parts:
a document enters a key by its file's content hash (``digest_of``).
"""

from __future__ import annotations

from collections.abc import Callable

from tuyengiao.core.link.view import Citation, SiteView
from tuyengiao.core.model.document import Document, ExternalDocument

DigestOf = Callable[[str], str]


def target_part(target: Document | ExternalDocument | None, digest_of: DigestOf) -> str:
    if isinstance(target, Document):
        return f"doc:{target.src_uri}:{digest_of(target.src_uri)}"
    return repr(target)


def citation_part(citation: Citation | None, digest_of: DigestOf) -> str:
    """A cited number and what it resolves to (``-`` for no citation)."""
    if citation is None:
        return "-"
    return f"{citation.number}>{target_part(citation.target, digest_of)}"


def mention_parts(view: SiteView, doc: Document, digest_of: DigestOf) -> list[str]:
    """The numbers a document cites, each with what it resolves to in this view."""
    return [citation_part(c, digest_of) for c in view.citations(doc)]
