"""The closed world of files: the one place that decides which files a build may read.

A build reads only **regular files inside** the project's ``content/`` and ``data/``
folders and its theme (``overrides/``, and the package's own booklet stylesheet
and fonts), judged **after resolving symbolic links**: a link in ``content/`` to
``/etc/passwd``, a linked folder outside the project, ``../../outside/x.png`` or
``data/../../x.png`` are refused, whatever names them. Loading (the walk of
``content/``), ``check``, the booklets' :class:`ClosedFetcher` (WeasyPrint's only way
to read a file) and the preview server all ask :class:`ProjectFiles`.
"""

from __future__ import annotations

import mimetypes
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from tuyengiao.i18n import N_, _

#: The project's theme folder (Material's ``custom_dir``).
THEME_DIR = "overrides"
#: The reason given for a path inside the folders where no file is.
MISSING = N_("does not exist")


@dataclass(frozen=True)
class ProjectFiles:
    """The folders a build may read from (each resolved), and the test of one path."""

    roots: tuple[Path, ...]
    #: Where messages name paths from (the project folder).
    project_dir: Path = field(default=Path("."))

    @classmethod
    def of(cls, project_dir: Path, folders: Iterable[str | Path],
           extra: Iterable[Path] = ()) -> ProjectFiles:
        """The folders of ``project_dir`` (``content``, ``data``, ``overrides``) and
        ``extra`` folders (the package's assets)."""
        roots = [Path(os.path.realpath(project_dir / f)) for f in folders]
        roots += [Path(os.path.realpath(p)) for p in extra]
        return cls(tuple(roots), project_dir)

    def outside(self, path: Path | str) -> str | None:
        """None when ``path`` (a file or a folder) resolves inside the roots; else why not."""
        real = os.path.realpath(path)
        if any(_inside(real, root) for root in self.roots):
            return None
        linked = real != os.path.abspath(path)
        if linked:
            return _("is a link to {target}, which is outside the folders a build reads "
                     "(content/, data/ and the theme); copy the file into content/ or "
                     "data/").format(target=self._shown(real))
        return _("is outside the folders a build reads (content/, data/ and the theme); "
                 "copy the file into content/ or data/")

    def refusal(self, path: Path | str) -> str | None:
        """None when ``path`` may be read; else why not, in words for an editor."""
        reason = self.outside(path)
        if reason is not None:
            return reason
        real = os.path.realpath(path)
        try:
            mode = os.stat(real).st_mode
        except OSError:
            return _(MISSING)
        if not stat.S_ISREG(mode):
            return _("is not a regular file")
        return None

    def allows(self, path: Path | str) -> bool:
        return self.refusal(path) is None

    def read(self, path: Path | str) -> bytes:
        """The bytes of an allowed file (of its resolved path); PermissionError otherwise."""
        reason = self.refusal(path)
        if reason is not None:
            raise PermissionError(f"{path} {reason}")
        with open(os.path.realpath(path), "rb") as handle:
            return handle.read()

    def _shown(self, real: str) -> str:
        try:
            return Path(real).relative_to(os.path.realpath(self.project_dir)).as_posix()
        except ValueError:
            return real


def _inside(real: str, root: Path) -> bool:
    root_text = str(root)
    return real == root_text or real.startswith(root_text.rstrip(os.sep) + os.sep)


class ClosedFetcher:
    """WeasyPrint's URL fetcher for booklets: ``file:`` URLs of files that
    :class:`ProjectFiles` allows, and ``data:`` URLs (bytes inside the document, as an
    SVG cover may hold); every other scheme (``http``, ``https``, ``ftp``…) and every
    path outside is refused and remembered in :attr:`refused`, so that the booklet
    fails with their list instead of printing without them. A path inside where no
    file is (a missing picture, which ``check`` warns about) is not found, as with
    WeasyPrint's own fetcher."""

    def __init__(self, files: ProjectFiles) -> None:
        from weasyprint.urls import URLFetcher

        self.files = files
        self.refused: list[str] = []
        self._data = URLFetcher(allowed_protocols={"data"})  # decodes data: URLs only
        self._fail_on_errors = False  # what WeasyPrint asks a fetcher

    def __call__(self, url: str) -> Any:
        return self.fetch(url)

    def fetch(self, url: str, headers: Any = None) -> Any:
        from weasyprint.urls import URLFetcherResponse

        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return self._data.fetch(url)
        if scheme != "file":
            self.refused.append(url)
            raise PermissionError(_("{url}: a booklet reads only files of the project").format(
                                      url=url))
        path = unquote(urlsplit(url).path)
        reason = self.files.refusal(path)
        if reason == _(MISSING):  # a missing picture: WeasyPrint warns and goes on, as before
            raise FileNotFoundError(f"{path} {reason}")
        try:
            data = self.files.read(path)
        except PermissionError:
            self.refused.append(url)
            raise
        kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, data, {"Content-Type": kind})
