"""``scripts/compare_engines.py`` (MkDocs against ProperDocs) sees what it must see.

The builds themselves run in ``scripts/test``; here the comparison is given small trees.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "compare_engines.py"
PAGE = ('<html><head><meta name="generator" content="mkdocs-{}, mkdocs-material-9.8.1">'
        "</head><body>{}</body></html>\n")


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("compare_engines", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


def sites(tmp_path: Path, a: dict[str, str], b: dict[str, str]) -> tuple[Path, Path]:
    for name, files in (("a", a), ("b", b)):
        for path, text in files.items():
            (tmp_path / name / path).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name / path).write_text(text, encoding="utf-8")
    return tmp_path / "a", tmp_path / "b"


def test_only_the_generator_tag_differs(script: ModuleType, tmp_path: Path) -> None:
    a, b = sites(tmp_path,
                 {"index.html": PAGE.format("1.6.1", "x"), "s/a.json": "{}"},
                 {"index.html": PAGE.format("ProperDocs 1.6.7", "x"), "s/a.json": "{}"})
    assert script.compare(a, b) == (1, {"generator meta tag": ["index.html"]}, [])


def test_any_other_difference_is_reported(script: ModuleType, tmp_path: Path) -> None:
    a, b = sites(tmp_path,
                 {"index.html": PAGE.format("1.6.1", "x"), "a.css": "a", "gone.txt": ""},
                 {"index.html": PAGE.format("ProperDocs 1.6.7", "y"), "a.css": "b",
                  "new.txt": ""})
    same, allowed, unexplained = script.compare(a, b)
    assert (same, allowed) == (0, {"generator meta tag": []})
    assert unexplained == ["only in the MkDocs site: gone.txt",
                           "only in the ProperDocs site: new.txt", "a.css: -a",
                           'index.html: -<html><head><meta name="generator" content="mkdocs-1.6.1, '
                           'mkdocs-material-9.8.1"></head><body>x</body></html>']


def test_the_two_requirement_files_agree(script: ModuleType) -> None:
    assert script.check_pins() == []
