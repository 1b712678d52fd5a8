"""``tuyengiao serve``: a live preview that rebuilds incrementally on save.

MkDocs' own ``serve`` rebuilds every page on each change. Here the
:class:`~mkdocs.livereload.LiveReloadServer` calls the same incremental
build as ``tuyengiao build`` with one :class:`BuildSession` for all of them (the
cache kept in memory), and the browser reloads when it is done. Each build goes
to a fresh staging folder; after the first one, the served folder under
``.cache/`` is updated from it in place: only the files that changed are moved in
(each by a rename), pages that are gone are removed. A build that fails changes
nothing and prints the problems.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from tuyengiao.i18n import _

log = logging.getLogger("tuyengiao.serve")


def serve(project: Path, config_file: str, dev_addr: str, site_dir: Path,
          build: Callable[[], int]) -> int:
    """Build once, then serve ``site_dir`` and rebuild when a watched file changes."""
    if build() != 0:
        log.warning(_("the first build failed; fix the problems above, the preview waits"))
    host, _colon, port = dev_addr.rpartition(":")

    def rebuild() -> None:
        if build() != 0:
            log.warning(_("build failed; the preview keeps the last good site"))

    server = LiveReloadServer(builder=rebuild, host=host or "127.0.0.1", port=int(port),
                              root=str(site_dir), mount_path="/")
    for path in (project / "content", project / "data", project / config_file,
                 project / "overrides"):
        if path.exists():
            server.watch(str(path))
    try:
        server.serve()
    except KeyboardInterrupt:
        log.info(_("shutting down"))
    finally:
        server.shutdown()
    return 0
