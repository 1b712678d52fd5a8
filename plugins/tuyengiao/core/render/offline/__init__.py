"""Reading the site without a connection: a copy to carry (zip for ``file://``, ZIM for
Kiwix) and the installable site (web app manifest, service worker, offline page).

* :mod:`.copies`: where copies are written and how a build publishes the latest ones.
* :mod:`.html`: a built page made to work from ``file://`` (links name files).
* :mod:`.search`: the search index as scripts, loaded without ``fetch``.
* :mod:`.tree`: a built site → the files of the offline copy.
* :mod:`.pack`: those files as a zip or a ZIM.
* :mod:`.pwa`: the manifest, the service worker and its shell.

No engine import: the adapters hand it a built site folder.
"""
