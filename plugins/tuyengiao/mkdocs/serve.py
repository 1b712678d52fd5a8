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
import os
import posixpath
import urllib.parse
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from mkdocs.livereload import LiveReloadServer

from mkdocs import livereload
from tuyengiao.core.load.project_files import ProjectFiles

log = logging.getLogger("tuyengiao.serve")

#: Where the preview serves MkDocs' reload script, which MkDocs writes inline into each
#: page: the pages' Content-Security-Policy allows no inline script.
RELOAD_SCRIPT = "/.tuyengiao/livereload.js"


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server with two changes: the reload script is a file (the
    page's ``<script src>`` carries the values MkDocs wrote into it), and a file is
    served only when it resolves inside the served folder (:class:`ProjectFiles`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.files = ProjectFiles((Path(os.path.realpath(self.root)),))

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        try:
            body_end = content.rindex(b"</body>")
        except ValueError:
            body_end = len(content)
        query = f"epoch={epoch}&id={livereload._timestamp()}"
        tag = f'<script src="{RELOAD_SCRIPT}?{query}"></script>'.encode()
        return content[:body_end] + tag + content[body_end:]

    def _serve_request(self, environ: dict[str, Any], start_response: Any
                       ) -> Iterable[bytes] | None:
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        if path == RELOAD_SCRIPT:
            query = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""))
            try:
                epoch, request = int(query["epoch"][0]), int(query["id"][0])
            except (KeyError, ValueError):
                return None
            script = livereload._SCRIPT_TEMPLATE.substitute(epoch=epoch, request_id=request)
            start_response("200 OK", [("Content-Type", "application/javascript")])
            return [script.encode()]
        if (path + "/").startswith(self.mount_path):
            rel = posixpath.normpath("/" + path[len(self.mount_path):]).lstrip("/")
            file = os.path.join(self.root, rel)
            if os.path.lexists(file) and self.files.outside(file) is not None:
                return None  # not found: a link out of the served folder
        return super()._serve_request(environ, start_response)


def serve(project: Path, config_file: str, dev_addr: str, site_dir: Path,
          build: Callable[[], int]) -> int:
    """Build once, then serve ``site_dir`` and rebuild when a watched file changes."""
    if build() != 0:
        log.warning("the first build failed; fix the problems above, the preview waits")
    host, _, port = dev_addr.rpartition(":")

    def rebuild() -> None:
        if build() != 0:
            log.warning("build failed; the preview keeps the last good site")

    server = PreviewServer(builder=rebuild, host=host or "127.0.0.1", port=int(port),
                              root=str(site_dir), mount_path="/")
    for path in (project / "content", project / "data", project / config_file,
                 project / "overrides"):
        if path.exists():
            server.watch(str(path))
    try:
        server.serve()
    except KeyboardInterrupt:
        log.info("shutting down")
    finally:
        server.shutdown()
    return 0
