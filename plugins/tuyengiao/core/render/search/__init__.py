"""Static, sharded search over the documents of a :class:`~tuyengiao.core.link.view.SiteView`.

Pipeline: *collect* (:mod:`.documents`) → *analyse* each document
(:mod:`.analyze`, pure) → *merge* into shards (:mod:`.index`). Folding and
number rules live in ``rules.json`` (:mod:`.rules`), shared with the browser
client in ``assets/``.
"""

from tuyengiao.core.load.portal import Site
from tuyengiao.core.render.search.build import build_search_index
from tuyengiao.core.render.search.state import IndexStats

__all__ = ["IndexStats", "Site", "build_search_index"]
