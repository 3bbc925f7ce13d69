"""`walk`: every node, parents before children, in source order, over an explicit stack."""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.expressions import Binary, Expr, Literal, Name, parse, walk
from factcheck.expressions._nodes import children


def recursive(expr: Expr) -> Iterator[Expr]:
    """The definition, written the plain way (the way `walk` was written before)."""
    yield expr
    for child in children(expr):
        yield from recursive(child)


ATOMS = st.sampled_from(["a", "b.c", "1", "'x'", "null", "true", "d > 2", "e in [1, 2]", "f between 1 and 3",
                         "g is null", "year(h)", "coalesce(i, 0)", "lag(j)"])


@st.composite
def filters(draw: st.DrawFn, depth: int = 0) -> str:
    if depth > 4 or draw(st.booleans()):
        return draw(ATOMS)
    form = draw(st.sampled_from(["({} and {})", "({} or {})", "not ({})", "({} + {})",
                                 "(case when {} then {} else 0 end)"]))
    return form.format(*(draw(filters(depth + 1)) for _ in range(form.count("{}"))))


@given(filters())
@settings(max_examples=200, deadline=None)
def test_walk_visits_what_the_recursive_definition_visits_in_the_same_order(text: str) -> None:
    try:
        tree = parse(text)
    except Exception:  # noqa: BLE001 - a drawn text the language refuses (types are not checked here)
        return
    assert [id(n) for n in walk(tree)] == [id(n) for n in recursive(tree)]


def test_a_chain_deeper_than_pythons_stack_is_walked() -> None:
    tree: Expr = Name("x0")
    for i in range(1, 20_000):
        tree = Binary("and", tree, Name(f"x{i}"))
    found = [n.column for n in walk(tree) if isinstance(n, Name)]
    assert found == [f"x{i}" for i in range(20_000)]
    assert sum(1 for n in walk(Literal(1))) == 1
