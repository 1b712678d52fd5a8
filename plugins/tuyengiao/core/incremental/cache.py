"""The build cache on disk: content-hash keyed, safe to delete, never stale.

Everything lives under ``.cache/tuyengiao/`` of the project, in a folder named
after the *code key*: a hash of this package's sources and templates, the
versions of the packages that render pages, the MkDocs configuration and the
theme overrides. When any of them changes, the key changes and nothing cached
before is used (the old folders are removed). Inside that folder each stage
keys its entries on the content hash of its inputs:

* ``load.pickle``: per file of ``content/``, the hash of its bytes and what
  load + validate made of it (the document and its problems);
* ``<audience>/pages/``: per page, the HTML, named by the hash of everything
  the page's HTML depends on (see :mod:`tuyengiao.mkdocs.incremental`).

Stages added later (search index, booklets) take their own folder from
:meth:`BuildCache.folder`.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
import shutil
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tuyengiao.core.load.files import load_file
from tuyengiao.core.load.structure import BodyReader
from tuyengiao.core.load.validate import validate_source
from tuyengiao.core.model.document import Document
from tuyengiao.core.model.problems import Problem, Problems

CACHE_DIR = ".cache/tuyengiao"
#: Packages whose version changes the HTML of a page.
_RENDERING_PACKAGES = ("mkdocs", "properdocs", "mkdocs-material", "Markdown", "pymdown-extensions",
                       "Jinja2", "PyYAML", "Pygments")
_PACKAGE_DIR = Path(__file__).resolve().parents[2]


def hash_bytes(*parts: bytes) -> str:
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


def hash_text(*parts: str) -> str:
    return hash_bytes(*(p.encode("utf-8") for p in parts))


def _tree_files(root: Path) -> Iterable[Path]:
    if root.is_file():
        yield root
    elif root.is_dir():
        yield from sorted(p for p in root.rglob("*") if p.is_file()
                          and "__pycache__" not in p.parts)


def code_key(inputs: Iterable[Path] = (), extra: Iterable[str] = ()) -> str:
    """Hash of the code, templates, package versions and the given files or folders."""
    parts: list[bytes] = [sys.version.encode()]
    for name in _RENDERING_PACKAGES:
        try:
            parts.append(f"{name}={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{name}=-".encode())
    for root in (_PACKAGE_DIR, *inputs):
        for path in _tree_files(root):
            parts += [str(path).encode(), path.read_bytes()]
    parts += [e.encode() for e in extra]
    return hash_bytes(*parts)


@dataclass
class LoadEntry:
    """What load + validate made of one file: the document (or None) and its problems."""

    digest: str
    document: Document | None
    problems: list[Problem]
    #: (mtime in ns, size, inode, other files) when it was last read: unchanged → not read.
    signature: tuple[int, int, int, str] | None = None


class BuildCache:
    """The cache folder of one code key, with the load stage's per-file entries."""

    def __init__(self, project_dir: Path, key: str) -> None:
        self.root = project_dir / CACHE_DIR
        self.key = key
        self.dir = self.root / key[:16]
        self._load_entries: dict[str, LoadEntry] = {}
        self._load_used: dict[str, LoadEntry] = {}
        self._load_changed = False
        self._total = 0
        #: Called with (documents read, documents) as files are loaded.
        self.on_progress: Callable[[int, int], None] | None = None
        self._files_key: tuple[frozenset[str] | None, str] = (None, "")
        #: Write the load stage to disk after each build (a preview server turns it off).
        self.persist = True
        self._unsaved = False
        self._forget_other_keys()
        self._load_entries = self._read_pickle("load.pickle") or {}

    def _forget_other_keys(self) -> None:
        """Remove the folders of other code keys; the stages' own folders beside them
        (``booklets/``, ``search/``: keyed by content) stay."""
        if not self.root.is_dir():
            return
        for child in self.root.iterdir():
            if child.is_dir() and child.name != self.dir.name and _is_key_folder(child.name):
                shutil.rmtree(child, ignore_errors=True)

    def folder(self, *names: str) -> Path:
        """A folder of this cache for one stage (made if missing)."""
        path = self.dir.joinpath(*names)
        path.mkdir(parents=True, exist_ok=True)
        return path

    def _read_pickle(self, name: str) -> Any:
        try:
            with (self.dir / name).open("rb") as stream:
                return pickle.load(stream)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
                IndexError, TypeError, ValueError):
            return None  # missing or unreadable: a cache miss, never an error

    def write_pickle(self, name: str, value: Any) -> None:
        """Write atomically: a reader sees the old file or the new one."""
        self.folder()
        tmp = self.dir / f".{name}.{os.getpid()}.tmp"
        with tmp.open("wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(self.dir / name)

    def load_document(self, project_dir: Path, file: Path, src_uri: str,
                      content_files: frozenset[str], problems: Problems,
                      reader: BodyReader | None = None) -> Document | None:
        """Load and validate one file, or take the result from the cache when unchanged."""
        if self._files_key[0] is not content_files:
            self._files_key = (content_files, content_files_key(content_files))
            self._total = sum(1 for p in content_files if p.endswith(".md"))
        if self.on_progress is not None:
            self.on_progress(len(self._load_used) + 1, self._total)
        entry = self._load_entries.get(src_uri)
        stat = file.stat()
        signature = (stat.st_mtime_ns, stat.st_size, stat.st_ino, self._files_key[1])
        if entry is not None and entry.signature == signature:
            digest = entry.digest  # same file, untouched since: not even read
        else:
            raw = file.read_bytes()
            digest = hash_bytes(src_uri.encode(), raw, self._files_key[1].encode())
        if entry is None or entry.digest != digest:
            found = Problems()
            source = load_file(project_dir, file, found)
            document = None if source is None else validate_source(
                source, src_uri, content_files, found, reader)
            entry = LoadEntry(digest, document, list(found))
            self._load_changed = True
        if entry.signature != signature:
            entry.signature = signature
            self._load_changed = True
        self._load_used[src_uri] = entry
        problems.extend(entry.problems)
        return entry.document

    def digest_of(self, src_uri: str) -> str:
        """The content hash of a file loaded in this build ('' if it was not)."""
        entry = self._load_used.get(src_uri) or self._load_entries.get(src_uri)
        return entry.digest if entry is not None else ""

    def save_load_stage(self) -> None:
        """Keep this build's entries for the next one; on disk too, unless ``persist`` is
        off (a preview server keeps them in memory and writes them in :meth:`flush`)."""
        if self._load_changed or self._load_used.keys() != self._load_entries.keys():
            self._unsaved = True
        self._load_entries, self._load_used = self._load_used, {}
        self._load_changed = False
        if self.persist:
            self.flush()

    def flush(self) -> None:
        """Write the load stage's entries if the disk does not have them yet."""
        if self._unsaved:
            self.write_pickle("load.pickle", self._load_entries)
            self._unsaved = False


def write_atomic(path: Path, data: bytes) -> None:
    """Write a new file under a temporary name and rename it over ``path``: a reader
    (or a hard link of the old file) sees the old bytes or the new, never a mix."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def link_or_copy(source: Path, target: Path) -> None:
    """Put ``source`` at ``target`` as a hard link (a copy across file systems); a
    different file already at ``target`` is replaced, the same one is left alone.

    The two names share one file: whoever writes a new version of either must
    write a new file and rename it over the name, never rewrite it in place.
    """
    try:
        os.link(source, target)
        return
    except FileExistsError:
        if os.path.samefile(source, target):
            return
    except FileNotFoundError:
        if not target.parent.is_dir():
            target.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(source, target)
            return
        raise
    except OSError:
        pass  # another file system: a copy, below
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        os.link(source, tmp)
    except OSError:
        shutil.copyfile(source, tmp)
    os.replace(tmp, target)


def link_tree(source: Path, target: Path) -> None:
    """Make ``target`` hold hard links of exactly the files under ``source``: files
    already linked stay, others are linked or replaced, the rest are removed."""
    existed = target.is_dir()
    wanted: set[str] = set()
    for folder, _, names in os.walk(source):
        rel = os.path.relpath(folder, source)
        into = target / rel
        into.mkdir(parents=True, exist_ok=True)
        for name in names:
            wanted.add(os.path.normpath(os.path.join(rel, name)))
            link_or_copy(Path(folder, name), into / name)
    if existed:
        remove_others(target, wanted)


def remove_others(folder: Path, keep: set[str]) -> None:
    """Remove the files under ``folder`` whose relative path is not in ``keep``."""
    for here, _, names in os.walk(folder):
        rel = os.path.relpath(here, folder)
        for name in names:
            if os.path.normpath(os.path.join(rel, name)) not in keep:
                os.unlink(os.path.join(here, name))


def _is_key_folder(name: str) -> bool:
    return len(name) == 16 and all(c in "0123456789abcdef" for c in name)


def content_files_key(content_files: frozenset[str]) -> str:
    """Validation of a file also depends on which other files exist (``audio`` paths)."""
    return hash_text(*sorted(p for p in content_files if not p.endswith(".md")))
