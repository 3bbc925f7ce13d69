"""The layout of the packages: the import graph inside a package has no cycle, and no module
imports another's private names.

A cycle is what forced types into the wrong module before (``numbers.py`` hosted the
expectation types only so that ``vocabulary`` and ``expectations`` could both import them).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "factcheck"


def _imports(tree: ast.AST) -> list[ast.ImportFrom]:
    """The ``from`` imports run when the code runs, at any depth (not those only for type checkers)."""
    found: list[ast.ImportFrom] = []
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            found += [i for child in node.orelse for i in _imports(child)]
            continue
        if isinstance(node, ast.ImportFrom):
            found.append(node)
        found += _imports(node)
    return found


def _graph(package: Path) -> dict[str, set[str]]:
    """Module -> modules of the same package it imports when it runs (at any depth of the code)."""
    modules = {p.stem for p in package.glob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for module in modules:
        for node in _imports(ast.parse((package / f"{module}.py").read_text(encoding="utf-8"))):
            if node.level != 1:
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


@pytest.mark.parametrize("package", ["backends", "claims", "expectations", "expressions", "measures", "planning",
                                     "render", "sources"])
def test_no_import_cycle_inside_a_package(package: str) -> None:
    cycle = _cycle(_graph(PACKAGE / package))
    assert cycle is None, " -> ".join(cycle or [])


def test_imports_for_type_checkers_only_are_not_edges() -> None:
    tree = ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import a\n"
                     "def f():\n    from .b import x\n")
    assert [i.module for i in _imports(tree)] == ["typing", "b"]


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def _private_imports(path: Path) -> list[str]:
    """``module: name`` for each private name (``_x``, not a dunder) the file imports from another
    module of factcheck, at any depth, for type checkers too."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [f"{'.' * node.level}{node.module or ''}: {alias.name}" for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.level > 0
            for alias in node.names if alias.name.startswith("_") and not alias.name.startswith("__")]


def test_no_module_imports_another_s_private_names() -> None:
    """A helper two modules share gets a public name (``sources/places.py``: where a row is), so
    neither reaches into the other's private ones."""
    found = {str(p.relative_to(PACKAGE)): _private_imports(p) for p in sorted(PACKAGE.rglob("*.py"))}
    offending = {path: names for path, names in found.items() if names}
    assert offending == {}


def test_the_private_import_finder_finds_one(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("from .contracts import _where, shown\ndef f():\n    from ..a import __all__, _b\n",
                      encoding="utf-8")
    assert _private_imports(module) == [".contracts: _where", "..a: _b"]
