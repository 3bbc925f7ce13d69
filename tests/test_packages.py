"""The layout of the packages: the import graph inside a package has no cycle.

A cycle is what forced types into the wrong module before (``numbers.py`` hosted the
expectation types only so that ``vocabulary`` and ``expectations`` could both import them).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "factcheck"


def _graph(package: Path) -> dict[str, set[str]]:
    """Module -> modules of the same package it imports (at any depth of the code)."""
    modules = {p.stem for p in package.glob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for module in modules:
        for node in ast.walk(ast.parse((package / f"{module}.py").read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or node.level != 1:
                continue
            if node.module:
                graph[module].add(node.module.split(".")[0])
            else:  # `from . import x`: a sibling module, or a name of the package's __init__
                graph[module] |= {a.name if a.name in modules else "__init__" for a in node.names}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path + [node, nxt]
            if nxt not in state and (found := visit(nxt, path + [node])):
                return found
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start, [])):
            return found
    return None


@pytest.mark.parametrize("package", ["claims", "sources", "expectations", "expressions", "render"])
def test_no_import_cycle_inside_a_package(package: str) -> None:
    cycle = _cycle(_graph(PACKAGE / package))
    assert cycle is None, " -> ".join(cycle or [])


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None
