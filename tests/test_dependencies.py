"""``pyproject.toml`` lists every package the code imports, so ``pip install .`` works alone."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

import tuyengiao

REPO = Path(__file__).resolve().parents[1]
PACKAGE = Path(tuyengiao.__file__).parent


def imported_top_levels() -> set[str]:
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {name for name in found if name not in sys.stdlib_module_names} - {"tuyengiao"}


def declared() -> set[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {re.split(r"[<>=!~;\[ ]", spec, maxsplit=1)[0].lower().replace("_", "-")
            for spec in project["dependencies"]}


def test_every_imported_package_is_a_declared_dependency() -> None:
    distributions = importlib.metadata.packages_distributions()
    missing = {}
    for name in sorted(imported_top_levels()):
        dists = {d.lower().replace("_", "-") for d in distributions.get(name, [name])}
        if not dists & declared():
            missing[name] = sorted(dists)
    assert missing == {}


def test_the_scan_sees_the_pdf_and_spreadsheet_libraries() -> None:
    assert {"weasyprint", "pikepdf", "openpyxl", "markdown", "yaml"} <= imported_top_levels()
