"""The package's import graph follows the pipeline: no cycle, and no stage imports a later one.

Stages, lowest first: ``core.model`` and ``core.store`` (the content model; the one cache
store) ← ``core.load`` ← ``core.link`` ← ``core.render`` ← ``core.incremental`` ← the
adapters (``tuyengiao.mkdocs``, ``tuyengiao.cli``). A module may import its own stage and
the stages below it. Every import counts, including those under ``TYPE_CHECKING`` and
inside functions: a deferred import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import tuyengiao

PACKAGE = Path(tuyengiao.__file__).parent

#: Stage of each top-level part of the package (longest prefix wins).
STAGES: dict[str, int] = {
    "tuyengiao": 0,
    "tuyengiao.core": 0,
    "tuyengiao.core.model": 0,
    "tuyengiao.core.store": 0,
    "tuyengiao.core.load": 1,
    "tuyengiao.core.link": 2,
    "tuyengiao.core.render": 3,
    "tuyengiao.core.incremental": 4,
    "tuyengiao.mkdocs": 5,
    "tuyengiao.cli": 5,
}

#: Imports that break the rules today, each "importer -> imported". Must end empty.
ALLOWED: set[str] = set()
#: Import cycles today, each as the sorted list of its modules. Must end empty.
ALLOWED_CYCLES: list[list[str]] = []


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that ``name`` imports (``from x import module`` included)."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            targets = [f"{module}.{alias.name}" if f"{module}.{alias.name}" in known
                       else module for alias in node.names]
        else:
            continue
        found.update(t for t in targets if t in known and t != name)
    return found


def graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: imports_of(name, path, known) for name, path in found.items()}


def stage(name: str) -> int:
    best = max((prefix for prefix in STAGES if name == prefix or name.startswith(prefix + ".")),
               key=len)
    return STAGES[best]


def upward_imports(edges: dict[str, set[str]]) -> set[str]:
    return {f"{a} -> {b}" for a, targets in edges.items() for b in targets
            if stage(b) > stage(a)}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_the_pipeline() -> None:
    edges = graph()
    assert "tuyengiao.core.link.corpus" in edges
    assert "tuyengiao.core.model.numbers" in edges["tuyengiao.core.load.validate"]
    assert stage("tuyengiao.core.render.search.index") == 3
    assert stage("tuyengiao.cli") == 5


@pytest.mark.parametrize(("edges", "expected"), [
    ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
    ({"a": {"b"}, "b": set()}, []),
])
def test_cycles_are_found(edges: dict[str, set[str]], expected: list[list[str]]) -> None:
    assert cycles(edges) == expected


def test_an_upward_import_is_found() -> None:
    edges = {"tuyengiao.core.load.files": {"tuyengiao.core.render.site.build"},
             "tuyengiao.cli": {"tuyengiao.core.load.files"}}
    assert upward_imports(edges) == {
        "tuyengiao.core.load.files -> tuyengiao.core.render.site.build"}


def test_no_import_cycle() -> None:
    assert cycles(graph()) == ALLOWED_CYCLES


def test_no_stage_imports_a_later_one() -> None:
    assert upward_imports(graph()) - ALLOWED == set()


def test_the_allow_list_holds_only_what_still_happens() -> None:
    assert ALLOWED - upward_imports(graph()) == set()
