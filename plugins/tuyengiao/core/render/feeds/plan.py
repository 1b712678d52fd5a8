"""Where the feeds are and what a page says about them (no feed library imported).

* ``feed.xml``: Atom, the newest public documents of every type;
* ``<type path>/feed.xml``: Atom, the newest of one type (``van-ban/feed.xml``…);
* ``podcast.xml``: RSS 2.0 with the iTunes tags podcast apps read, one item per
  public document that has a recording, the file as the item's enclosure.

Every page links the site's feed and the podcast in its head (``partials/reach.html``);
a document's page and its type's index also link that type's feed.
"""

from __future__ import annotations

from tuyengiao.core.model.schema import DocumentType

FEED_FILE = "feed.xml"
PODCAST_FILE = "podcast.xml"
#: How many documents a feed holds (the newest first); the podcast holds every recording.
FEED_SIZE = 50


def type_feed_url(doc_type: DocumentType) -> str:
    return f"{doc_type.path}/{FEED_FILE}"


def type_feed_meta(doc_type: DocumentType) -> dict[str, str]:
    """The page meta that makes ``partials/reach.html`` link a type's feed."""
    return {"tg_feed": type_feed_url(doc_type), "tg_feed_title": doc_type.plural}
