"""The one code key: a hash of the code and everything else that shapes what is cached.

A key is made of named *parts*; each stage keys its entries on the parts it
depends on, so that a change elsewhere keeps its entries:

* ``python``: the interpreter's version (in every key);
* ``package``: every file of the package (sources, templates, rules, assets);
* ``core``: the core's sources, rules and scripts (``.py``, ``.json``, ``.js``);
  the search index's analyses and records are keyed on it;
* ``rendering``: the versions of the packages that shape a page's HTML;
* ``booklets``: the booklet renderer (assemble, pdf, impose, CSS and fonts)
  and the versions of WeasyPrint, pydyf, pikepdf and fontTools;
* ``share``: the drawing of share images and key-point cards, its fonts and
  Pillow's version.

A key may add project files or folders (``inputs``: ``mkdocs.yml``, theme
overrides), read every time, and strings (``extra``). The parts' digests are
computed once per process: the code does not change under a running build.
"""

from __future__ import annotations

import functools
import importlib.metadata
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tuyengiao.core.store.hashing import hash_bytes

PACKAGE_DIR = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class CodePart:
    """Files of the package (paths relative to it; a folder means its files, of the given
    suffixes or all) and distributions whose versions count."""

    files: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    packages: tuple[str, ...] = ()


PARTS: dict[str, CodePart] = {
    "package": CodePart(files=("",)),
    "core": CodePart(files=("core",), suffixes=(".py", ".json", ".js", ".yml")),
    "rendering": CodePart(packages=("mkdocs", "properdocs", "mkdocs-material", "Markdown",
                                    "pymdown-extensions", "Jinja2", "PyYAML", "Pygments")),
    "booklets": CodePart(files=("core/render/booklets/assemble.py",
                                "core/render/booklets/pdf.py",
                                "core/render/booklets/impose.py",
                                "core/render/booklets/assets"),
                         packages=("weasyprint", "pydyf", "pikepdf", "fonttools")),
    "share": CodePart(files=("core/render/share/draw.py",
                             "core/render/booklets/assets/fonts"),
                      packages=("pillow",)),
}


def _tree_files(root: Path, suffixes: tuple[str, ...] = ()) -> Iterable[Path]:
    if root.is_file():
        yield root
    elif root.is_dir():
        yield from sorted(p for p in root.rglob("*") if p.is_file()
                          and "__pycache__" not in p.parts
                          and (not suffixes or p.suffix in suffixes))


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "-"


@functools.cache
def part_digest(name: str) -> str:
    """The digest of one named part (computed once per process)."""
    part = PARTS[name]
    parts: list[bytes] = [name.encode()]
    for rel in part.files:
        for path in _tree_files(PACKAGE_DIR / rel, part.suffixes):
            parts += [path.relative_to(PACKAGE_DIR).as_posix().encode(), path.read_bytes()]
    parts += [f"{p}={_version(p)}".encode() for p in part.packages]
    return hash_bytes(*parts)


def code_key(*parts: str, inputs: Iterable[Path] = (), extra: Iterable[str] = ()) -> str:
    """The key of the named parts (see the module), the files or folders ``inputs``
    (their contents, read now) and the strings ``extra``."""
    found: list[bytes] = [sys.version.encode()]
    found += [f"{name}:{part_digest(name)}".encode() for name in parts]
    for root in inputs:
        for path in _tree_files(root):
            found += [str(path).encode("utf-8", "surrogatepass"), path.read_bytes()]
    found += [e.encode("utf-8", "surrogatepass") for e in extra]
    return hash_bytes(*found)
