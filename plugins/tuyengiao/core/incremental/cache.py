"""The cache of one site build, on the project's one store (:mod:`tuyengiao.core.store`).

* the load memo (:class:`~tuyengiao.core.load.memo.LoadMemo`, ``load.entry``),
  keyed on the package's code;
* per audience, the pages' HTML (:class:`PageCache`) and the search index's
  files, in a folder named after the *code key*: a hash of the package's
  sources and templates, the versions of the packages that render pages, the
  MkDocs configuration and the theme overrides. When any of them changes the
  key changes, nothing cached under the old key is used, and its folder is
  removed.

The search index's records (``search/``) and the booklets' PDFs
(``booklets/``) are keyed by content and stay across such a change.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tuyengiao.core.load.memo import LoadMemo
from tuyengiao.core.store import CacheStore, FileSet, code_key
from tuyengiao.i18n import language


def _is_key_folder(name: str) -> bool:
    return len(name) == 16 and all(c in "0123456789abcdef" for c in name)


class PageCache:
    """The HTML of each page by its key (:mod:`.page_keys`), as plain files of the
    store (they are hard-linked into sites), each checked by its stamp."""

    def __init__(self, files: FileSet) -> None:
        self.files = files

    @staticmethod
    def _name(key: str) -> str:
        return f"{key[:2]}/{key}.html"

    def lookup(self, key: str) -> Path | None:
        """The page's HTML as the store wrote it, or None (absent or damaged)."""
        return self.files.lookup(self._name(key))

    def put(self, key: str, rendered: Path) -> None:
        """Keep a page just rendered (a file of the staging folder, hard-linked)."""
        self.files.put(self._name(key), rendered)

    def forget_unused(self) -> None:
        """Remove the pages this build did not use; write the index."""
        self.files.prune(days=0)
        self.files.save()


class BuildCache:
    """The store of a project with the load memo and the folder of one code key."""

    def __init__(self, project_dir: Path, key: str, store: CacheStore | None = None) -> None:
        self.store = store if store is not None else CacheStore.of(project_dir)
        self.key = key
        self.dir = self.store.path(key[:16])
        self.store.keep_only(self.dir.name, _is_key_folder)
        # Problems are kept in the memo as text, in the language of the build that found them.
        self.memo = LoadMemo(self.store, code_key("package", extra=(language(),)))

    def folder(self, *names: str) -> Path:
        """A folder of this code key for one stage (made if missing)."""
        return self.store.folder(self.dir.name, *names)

    def pages(self, audience: str) -> PageCache:
        return PageCache(self.store.files(f"{self.dir.name}/{audience}/pages"))

    # The load memo's settings, for the adapters.

    @property
    def persist(self) -> bool:
        return self.memo.persist

    @persist.setter
    def persist(self, value: bool) -> None:
        self.memo.persist = value

    @property
    def on_progress(self) -> Callable[[int, int], None] | None:
        return self.memo.on_progress

    @on_progress.setter
    def on_progress(self, value: Callable[[int, int], None] | None) -> None:
        self.memo.on_progress = value

    def digest_of(self, src_uri: str) -> str:
        return self.memo.digest_of(src_uri)

    def flush(self) -> None:
        self.memo.flush()
