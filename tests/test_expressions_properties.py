"""Property tests: render/parse round trips, the DuckDB result of to_sql against a small
reference evaluator with three-valued logic, and parse() never failing any other way."""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from typing import Any

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.expressions import (
    FUNCTIONS,
    WINDOW_FUNCTIONS,
    Between,
    Binary,
    Call,
    Case,
    Compare,
    Expr,
    ExpressionError,
    InList,
    IsNull,
    Literal,
    Name,
    Unary,
    check_types,
    children,
    parse,
    quote_ident,
    render,
    to_sql,
)

TEXT = st.text(alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)))


def shape(expr: Expr) -> Any:
    """The tree as nested tuples, literal types included (so True is not 1 and 2 is not 2.0)."""
    if isinstance(expr, Literal):
        return ("Literal", type(expr.value).__name__, expr.value)
    if isinstance(expr, Name):
        return ("Name", expr.link, expr.column)
    fields = tuple(
        getattr(expr, f) for f in ("op", "negated", "function") if hasattr(expr, f)
    )
    extra = (len(expr.whens), expr.else_ is not None) if isinstance(expr, Case) else ()
    return (type(expr).__name__, fields, extra, tuple(shape(c) for c in children(expr)))


# -- any tree the parser can produce -----------------------------------------------------

numbers = st.one_of(
    st.integers(-10**30, 10**30),
    st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-10**9, max_value=10**9),
)
value_literals = st.one_of(
    TEXT, numbers, st.booleans()
).map(Literal)
names_ = st.builds(
    Name, TEXT.filter(bool), st.one_of(st.none(), TEXT.filter(bool))
)
leaves = st.one_of(value_literals, st.just(Literal(None)), names_)


def not_null(expr: Expr) -> bool:
    return not (isinstance(expr, Literal) and expr.value is None)


ONE_ARG = [f for f in FUNCTIONS if f not in WINDOW_FUNCTIONS and FUNCTIONS[f].min_args == 1 and f != "round"]
TWO_ARGS = ["pow", "starts_with", "ends_with", "contains", "like", "ilike", "nullif"]
positions = st.integers(-4, 4).filter(bool)


def well_typed(call: Call) -> Call:
    """The call when the parser accepts the types its text shows (``lower(3)`` is refused),
    else the same call of a column ``x``, whose type the parser cannot know."""
    try:
        check_types(call, render(call))
    except ExpressionError:
        spec = FUNCTIONS[call.function]
        return Call(call.function, tuple(a if spec.arg_type(i) == "whole" else Name("x")
                                         for i, a in enumerate(call.args)))
    return call


def extend(inner: st.SearchStrategy[Expr]) -> st.SearchStrategy[Expr]:
    compare_side = inner.filter(not_null)
    return st.one_of(
        st.builds(Unary, st.sampled_from(["not", "-"]), inner),
        st.builds(Binary, st.sampled_from(["and", "or", "+", "-", "*", "/"]), inner, inner),
        st.builds(Compare, st.sampled_from(["==", "!=", "<", "<=", ">", ">="]), compare_side, compare_side),
        st.builds(InList, inner, st.lists(value_literals, min_size=1, max_size=3).map(tuple), st.booleans()),
        st.builds(Between, inner, inner, inner, st.booleans()),
        st.builds(IsNull, inner, st.booleans()),
        st.builds(
            lambda f, a: Call(f, (a,)), st.sampled_from(ONE_ARG), inner
        ).map(well_typed),
        st.builds(lambda a, n: Call("round", (a, Literal(n))), inner, st.integers(-3, 3)).map(well_typed),
        st.builds(lambda f, a, b: Call(f, (a, b)), st.sampled_from(TWO_ARGS), inner, inner).map(well_typed),
        st.builds(lambda a, n: Call("word", (a, Literal(n))), inner, positions).map(well_typed),
        st.builds(lambda a, b, n: Call("split_part", (a, b, Literal(n))), inner, inner, positions).map(well_typed),
        st.builds(lambda args: Call("coalesce", tuple(args)), st.lists(inner, min_size=2, max_size=4)).map(well_typed),
        st.builds(lambda f, n, by_and_series: Call(f, (n, *by_and_series)),  # lag(x), lag(x, by), lag(x, by, s, …)
                  st.sampled_from(sorted(WINDOW_FUNCTIONS)), names_,
                  st.lists(names_, max_size=4, unique_by=lambda name: (name.link, name.column))),
        st.builds(
            Case,
            st.lists(st.tuples(inner, inner), min_size=1, max_size=3).map(tuple),
            st.one_of(st.none(), inner),
        ),
    )


trees = st.recursive(leaves, extend, max_leaves=12)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees)
def test_render_parse_round_trip(expr: Expr) -> None:
    text = render(expr)
    assert shape(parse(text)) == shape(expr), text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees)
def test_compiled_sql_is_one_statement(expr: Expr) -> None:
    sql = to_sql(expr, lambda n: quote_ident(n.column), row_order='"id"')
    assert len(duckdb.connect().extract_statements(f"SELECT {sql} FROM t")) == 1


# -- parse() on any text ---------------------------------------------------------------------

TOKENS = [
    "a", "b", "case.x", "`q w`", "`", "'", "''", "'s'", "1", "-", "2.5", ".", "(", ")", "[", "]",
    ",", "==", "=", "!=", "<", "<=", ">", ">=", "+", "*", "/", "and", "or", "not", "in", "between",
    "is", "null", "true", "false", "case", "when", "then", "else", "end", "year", "round", "lag",
    "pow", "abs", "month_name", "read_csv", ";", "--", '"', " ", "\n", "lead", "lower", "upper", "trim",
    "length", "starts_with", "ends_with", "contains", "like", "ilike", "word", "split_part", "coalesce",
    "nullif", "'%'", "'a_%'", "0", "-1",
]


@settings(max_examples=1000, deadline=None)
@given(st.one_of(TEXT, st.lists(st.sampled_from(TOKENS), max_size=16).map(" ".join),
                 st.lists(st.sampled_from(TOKENS), max_size=16).map("".join)))
def test_parse_raises_only_expression_errors(text: str) -> None:
    try:
        expr = parse(text)
    except ExpressionError as error:
        assert 0 <= error.position <= len(text)
        assert error.text == text
        assert error.message
        error.render()
        return
    # whatever parses renders to text that parses to the same tree
    assert shape(parse(render(expr))) == shape(expr)


# -- typed trees over a small table, against a reference evaluator ---------------------------

ROWS: list[dict[str, Any]] = [
    {"id": 1, "i": 3, "j": 0, "s": "a", "b": True},
    {"id": 2, "i": -2, "j": 5, "s": "b", "b": False},
    {"id": 3, "i": None, "j": 1, "s": None, "b": None},
    {"id": 4, "i": 0, "j": None, "s": "ab b", "b": True},
    {"id": 5, "i": 10, "j": -7, "s": "", "b": None},
    {"id": 6, "i": 5, "j": 5, "s": " B a", "b": False},
]


@pytest.fixture(scope="module")
def table() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("CREATE TABLE t (id INTEGER, i BIGINT, j BIGINT, s VARCHAR, b BOOLEAN)")
    con.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?)", [list(r.values()) for r in ROWS])
    return con


small_ints = st.integers(-5, 5).map(Literal)
strings = st.sampled_from(["a", "b", "ab", "", "B", "it's", " a b ", "A  b"])


def numeric(inner_num: st.SearchStrategy[Expr], inner_bool: st.SearchStrategy[Expr],
            inner_str: st.SearchStrategy[Expr]) -> st.SearchStrategy[Expr]:
    return st.one_of(
        st.builds(Unary, st.just("-"), inner_num),
        st.builds(Binary, st.sampled_from(["+", "-", "*", "/"]), inner_num, inner_num),
        st.builds(lambda a: Call("abs", (a,)), inner_num),
        st.builds(lambda c, v, e: Case(((c, v),), e), inner_bool, inner_num, st.one_of(st.none(), inner_num)),
        st.builds(lambda a: Call("length", (a,)), inner_str),
        st.builds(lambda a, b: Call("nullif", (a, b)), inner_num, inner_num),
        st.builds(lambda a, b: Call("coalesce", (a, b)), inner_num, inner_num),
    )


patterns = st.sampled_from(["a%", "%b", "_", "%", "A%", "_b", "%a%", "", "b", "%'%"]).map(Literal)


def text(inner_bool: st.SearchStrategy[Expr], inner_str: st.SearchStrategy[Expr]) -> st.SearchStrategy[Expr]:
    return st.one_of(
        st.builds(lambda c, v, e: Case(((c, v),), e), inner_bool, inner_str, st.one_of(st.none(), inner_str)),
        st.builds(lambda f, a: Call(f, (a,)), st.sampled_from(["lower", "upper", "trim"]), inner_str),
        st.builds(lambda a, n: Call("word", (a, Literal(n))), inner_str, st.integers(-3, 3).filter(bool)),
        st.builds(lambda a, b: Call("coalesce", (a, b)), inner_str, inner_str),
        st.builds(lambda a, b: Call("nullif", (a, b)), inner_str, inner_str),
    )


def boolean(inner_num: st.SearchStrategy[Expr], inner_bool: st.SearchStrategy[Expr],
            inner_str: st.SearchStrategy[Expr]) -> st.SearchStrategy[Expr]:
    ops = st.sampled_from(["==", "!=", "<", "<=", ">", ">="])
    return st.one_of(
        st.builds(Unary, st.just("not"), inner_bool),
        st.builds(Binary, st.sampled_from(["and", "or"]), inner_bool, inner_bool),
        st.builds(Compare, ops, inner_num, inner_num),
        st.builds(Compare, ops, inner_str, inner_str),
        st.builds(InList, inner_num, st.lists(small_ints, min_size=1, max_size=3).map(tuple), st.booleans()),
        st.builds(InList, inner_str, st.lists(strings.map(Literal), min_size=1, max_size=3).map(tuple), st.booleans()),
        st.builds(Between, inner_num, inner_num, inner_num, st.booleans()),
        st.builds(IsNull, st.one_of(inner_num, inner_str, inner_bool), st.booleans()),
        st.builds(lambda f, a, b: Call(f, (a, b)), st.sampled_from(["starts_with", "ends_with", "contains"]),
                  inner_str, inner_str),
        st.builds(lambda f, a, p: Call(f, (a, p)), st.sampled_from(["like", "ilike"]), inner_str, patterns),
    )


@st.composite
def typed(draw: st.DrawFn, depth: int = 3) -> Expr:
    """A boolean, numeric or string tree over t's columns."""
    kind = draw(st.sampled_from(["bool", "num", "str"]))
    return draw(typed_of(kind, depth))


def typed_of(kind: str, depth: int) -> st.SearchStrategy[Expr]:
    leaves = {
        "num": st.one_of(small_ints, st.sampled_from([Name("i"), Name("j")])),
        "bool": st.one_of(st.booleans().map(Literal), st.just(Name("b"))),
        "str": st.one_of(strings.map(Literal), st.just(Name("s"))),
    }[kind]
    if depth == 0:
        return leaves
    num, boo, txt = (st.deferred(lambda k=k: typed_of(k, depth - 1)) for k in ("num", "bool", "str"))
    compound = {
        "num": numeric(num, boo, txt),
        "bool": boolean(num, boo, txt),
        "str": text(boo, txt),
    }[kind]
    return st.one_of(leaves, compound)


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq, "!=": operator.ne, "<": operator.lt,
    "<=": operator.le, ">": operator.gt, ">=": operator.ge,
}


def and3(a: Any, b: Any) -> Any:
    if a is False or b is False:
        return False
    return None if a is None or b is None else True


def or3(a: Any, b: Any) -> Any:
    if a is True or b is True:
        return True
    return None if a is None or b is None else False


def not3(a: Any) -> Any:
    return None if a is None else not a


def reference(expr: Expr, row: dict[str, Any]) -> Any:
    """What the expression means on one row, with SQL's three-valued logic."""
    if isinstance(expr, Literal):
        return expr.value
    if isinstance(expr, Name):
        return row[expr.column]
    if isinstance(expr, Case):
        for cond, value in expr.whens:
            if reference(cond, row) is True:
                return reference(value, row)
        return None if expr.else_ is None else reference(expr.else_, row)
    if isinstance(expr, Binary) and expr.op in ("and", "or"):
        fn = and3 if expr.op == "and" else or3
        return fn(reference(expr.left, row), reference(expr.right, row))
    if isinstance(expr, Unary) and expr.op == "not":
        return not3(reference(expr.operand, row))
    if isinstance(expr, Between):
        v, lo, hi = (reference(e, row) for e in (expr.operand, expr.low, expr.high))
        inside = and3(None if lo is None or v is None else lo <= v, None if v is None or hi is None else v <= hi)
        return not3(inside) if expr.negated else inside
    if isinstance(expr, IsNull):
        return (reference(expr.operand, row) is None) != expr.negated
    if isinstance(expr, Call):
        return call_reference(expr, [reference(a, row) for a in expr.args])
    return _strict(expr, [reference(c, row) for c in children(expr)])


def _strict(expr: Expr, values: list[Any]) -> Any:
    """The operators that are null when an operand is (for IN: when the tested value is)."""
    if any(v is None for v in values[:1 if isinstance(expr, InList) else None]):
        return None
    if isinstance(expr, InList):
        return (values[0] in values[1:]) != expr.negated
    if isinstance(expr, Unary):
        return -values[0]
    if isinstance(expr, Compare):
        return _COMPARE[expr.op](values[0], values[1])
    assert isinstance(expr, Binary)
    left, right = values
    if expr.op == "/":
        return None if right == 0 else float(left) / right
    return {"+": operator.add, "-": operator.sub, "*": operator.mul}[expr.op](left, right)


def like(text: str, pattern: str) -> bool:
    regex = "".join(".*" if ch == "%" else "." if ch == "_" else re.escape(ch) for ch in pattern)
    return re.fullmatch(regex, text, flags=re.DOTALL) is not None


def word(text: str, n: int) -> str | None:
    words = text.split()
    index = n - 1 if n > 0 else n
    return words[index] if -len(words) <= index < len(words) else None


def call_reference(call: Call, args: list[Any]) -> Any:
    """A function's value in Python, with SQL's nulls."""
    name = call.function
    if name == "coalesce":
        return next((a for a in args if a is not None), None)
    if name == "nullif":
        return None if args[0] is not None and args[0] == args[1] else args[0]
    if any(a is None for a in args):
        return None
    simple: dict[str, Callable[..., Any]] = {
        "abs": abs, "lower": str.lower, "upper": str.upper, "trim": lambda s: s.strip(" "), "length": len,
        "starts_with": str.startswith, "ends_with": str.endswith, "contains": lambda s, t: t in s,
        "like": like, "ilike": lambda s, p: like(s.lower(), p.lower()), "word": word,
    }
    return simple[name](*args)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])
@given(typed())
def test_duckdb_agrees_with_reference(table: duckdb.DuckDBPyConnection, expr: Expr) -> None:
    text = render(expr)
    parsed = parse(text)
    sql = to_sql(parsed, lambda n: quote_ident(n.column), text=text)
    got = table.execute(f"SELECT {sql} FROM t ORDER BY id").fetchall()
    expected = [reference(expr, row) for row in ROWS]
    assert [g[0] for g in got] == expected, (text, sql)
