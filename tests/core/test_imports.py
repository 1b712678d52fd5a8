"""The core imports nothing from MkDocs (or ProperDocs) or Material: it can go to another engine."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import tuyengiao.core

CORE = Path(tuyengiao.core.__file__).parent
FORBIDDEN = ("mkdocs", "properdocs", "material")


def imported_modules(source: str) -> set[str]:
    """Absolute module names imported by ``source``, wherever the import statement is."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name | ast.Attribute)
            and (node.func.id if isinstance(node.func, ast.Name) else node.func.attr)
            in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value)
    return found


def forbidden(modules: set[str]) -> set[str]:
    return {m for m in modules if m.split(".")[0] in FORBIDDEN}


def core_files() -> list[Path]:
    return sorted(CORE.rglob("*.py"))


def test_the_scan_finds_the_core() -> None:
    names = {p.name for p in core_files()}
    assert {"corpus.py", "files.py", "validate.py", "numbers.py", "text.py"} <= names


@pytest.mark.parametrize(
    "source",
    [
        "import mkdocs",
        "import mkdocs.config as c",
        "from mkdocs.structure.files import File",
        "from material.plugins.search import plugin",
        "import os, material",
        "def f():\n    from mkdocs.utils import get_relative_url\n",
        "if True:\n    import material.extensions\n",
        "import importlib\nimportlib.import_module('mkdocs.plugins')",
        "__import__('material')",
    ],
)
def test_the_scan_sees_every_kind_of_import(source: str) -> None:
    assert forbidden(imported_modules(source))


@pytest.mark.parametrize(
    "source",
    ["import markdown", "from . import mkdocs", "from .material import x", "import mkdocsx",
     "x = 'import mkdocs'"],
)
def test_the_scan_ignores_what_is_not_a_forbidden_import(source: str) -> None:
    assert not forbidden(imported_modules(source))


@pytest.mark.parametrize("path", core_files(), ids=lambda p: p.relative_to(CORE).as_posix())
def test_core_module_does_not_import_mkdocs_or_material(path: Path) -> None:
    assert forbidden(imported_modules(path.read_text(encoding="utf-8"))) == set()


def test_importing_the_whole_core_loads_neither() -> None:
    code = (
        "import importlib, pkgutil, sys, tuyengiao.core as core\n"
        "for m in pkgutil.walk_packages(core.__path__, 'tuyengiao.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "print(sorted({n.split('.')[0] for n in sys.modules} & set(sys.argv[1:])))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, *FORBIDDEN], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
