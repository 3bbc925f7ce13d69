"""Compile a tree to DuckDB SQL. Every identifier and literal in the output is quoted here;
no text from the expression is pasted into SQL as is. Output is fully parenthesized."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

from ..suggestions import closest_first, did_you_mean
from ._errors import ExpressionError, UnknownName
from ._nodes import (
    FUNCTIONS,
    WINDOW_FUNCTIONS,
    Between,
    Binary,
    Call,
    Case,
    Compare,
    Expr,
    InList,
    IsNull,
    Literal,
    Name,
    Unary,
)
from ._render import render_with_positions

_COMPARE_SQL = {"==": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
_LOGIC_SQL = {"and": "AND", "or": "OR"}

Resolver = Callable[[Name], str]
_STARTS = ("month_start", "quarter_start", "week_start")


def quote_ident(name: str) -> str:
    """A DuckDB identifier: ``"name"`` with inner double quotes doubled."""
    if "\x00" in name:
        raise ValueError("an identifier cannot contain a NUL character")
    return '"' + name.replace('"', '""') + '"'


def _number(text: str, negative: bool) -> str:
    return f"({text})" if negative else text


def quote_literal(
    value: str | int | float | Fraction | Decimal | bool | dt.date | None,  # noqa: PYI041
) -> str:
    """A DuckDB literal for a Python value.

    Strings are single-quoted with ``''`` doubling; ints are written as they are and Decimals
    as exact decimal text (DuckDB reads ``2.45`` as DECIMAL(3,2)); a Fraction is exact
    decimal text when it has one, else ``(CAST(n AS DOUBLE) / d)``; floats are DOUBLE;
    booleans are TRUE/FALSE, None is NULL, dates are ``DATE 'yyyy-mm-dd'``. Negative
    numbers are parenthesized, so the output never meets a ``-`` to make a ``--`` comment.
    """
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return _number(str(value), value < 0)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"not a finite number: {value}")
        text = format(value, "f")
        return _number(text, text.startswith("-"))
    if isinstance(value, Fraction):
        return _fraction(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"not a finite number: {value}")
        return _number(f"CAST({abs(value)!r} AS DOUBLE)" if value >= 0 else f"-CAST({-value!r} AS DOUBLE)", value < 0)
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError("a string literal cannot contain a NUL character")
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, dt.datetime):
        return f"TIMESTAMP '{value.isoformat(sep=' ')}'"
    if isinstance(value, dt.date):
        return f"DATE '{value.isoformat()}'"
    raise TypeError(f"no SQL literal for {type(value).__name__}")


def _fraction(value: Fraction) -> str:
    """Exact decimal text when the denominator is made of 2s and 5s, else a DOUBLE division."""
    den, twos, fives = value.denominator, 0, 0
    while den % 2 == 0:
        den, twos = den // 2, twos + 1
    while den % 5 == 0:
        den, fives = den // 5, fives + 1
    if den == 1:
        places = max(twos, fives)
        scaled = value.numerator * 10**places // value.denominator
        return quote_literal(Decimal(scaled).scaleb(-places))
    return f"(CAST({value.numerator} AS DOUBLE) / {value.denominator})"


class _Compiler:
    def __init__(
        self, expr: Expr, resolve: Resolver, row_order: str | None, text: str | None
    ) -> None:
        self.root = expr
        self.resolve = resolve
        self.row_order = row_order
        self.text = text

    def error(self, node: Expr, message: str, hint: str | None = None) -> ExpressionError:
        """An error at ``node``: in the source text when known, else in the rendered text."""
        if self.text is not None:
            return ExpressionError(message, self.text, node.position, hint)
        rendered, positions = render_with_positions(self.root)
        return ExpressionError(message, rendered, positions.get(id(node), 0), hint)

    def sql(self, expr: Expr) -> str:
        if isinstance(expr, Literal):
            return quote_literal(expr.value)
        if isinstance(expr, Name):
            return self.name(expr)
        if isinstance(expr, Unary):
            return f"(NOT {self.sql(expr.operand)})" if expr.op == "not" else f"(- {self.sql(expr.operand)})"
        if isinstance(expr, Binary):
            return self.binary(expr)
        if isinstance(expr, Compare):
            return f"({self.sql(expr.left)} {_COMPARE_SQL[expr.op]} {self.sql(expr.right)})"
        if isinstance(expr, InList):
            values = ", ".join(quote_literal(v.value) for v in expr.values)
            return f"({self.sql(expr.operand)} {'NOT IN' if expr.negated else 'IN'} ({values}))"
        if isinstance(expr, Between):
            op = "NOT BETWEEN" if expr.negated else "BETWEEN"
            return f"({self.sql(expr.operand)} {op} {self.sql(expr.low)} AND {self.sql(expr.high)})"
        if isinstance(expr, IsNull):
            return f"({self.sql(expr.operand)} {'IS NOT NULL' if expr.negated else 'IS NULL'})"
        if isinstance(expr, Call):
            return self.call(expr)
        if isinstance(expr, Case):
            return self.case(expr)
        raise TypeError(f"not an expression node: {expr!r}")  # pragma: no cover

    def name(self, name: Name) -> str:
        try:
            return self.resolve(name)
        except UnknownName as exc:
            hint = exc.hint or did_you_mean(exc.suggestions)
            if hint is None and name.link is None and name.column.lower() in _MISSING_WORDS:  # Python's None
                hint = (f"a missing value is tested with 'is null' (x is null, x is not null), not with "
                        f"'{name.column}'")
            if hint is None and name.link is None:
                text = name.column.replace("'", "''")
                hint = f"if you meant the text, strings need single quotes: '{text}'" + _columns_listed(name, exc)
            raise self.error(name, exc.message, hint) from None

    def binary(self, expr: Binary) -> str:
        left, right = self.sql(expr.left), self.sql(expr.right)
        if expr.op in _LOGIC_SQL:
            return f"({left} {_LOGIC_SQL[expr.op]} {right})"
        if expr.op == "/":
            # Real division whatever the operand types; x / 0 is unknown (NULL), not infinity.
            return f"(CAST({left} AS DOUBLE) / NULLIF({right}, 0))"
        return f"({left} {expr.op} {right})"

    def call(self, call: Call) -> str:
        spec = FUNCTIONS[call.function]
        if call.function in WINDOW_FUNCTIONS:
            return self.window(call)
        args = []
        for arg in call.args:
            sql = self.sql(arg)
            if spec.date_arg and isinstance(arg, Literal) and isinstance(arg.value, str):
                sql = f"CAST({sql} AS DATE)"  # DuckDB cannot pick year(VARCHAR)
            args.append(sql)
        if call.function in ("like", "ilike"):
            # a backslash escapes % and _ in the pattern: like(code, '10\\%')
            return f"({args[0]} {spec.sql.upper()} {args[1]} ESCAPE '\\')"
        if call.function in _STARTS:  # a period's first day, a DATE (DuckDB's date_trunc gives a TIMESTAMP)
            return f"CAST(date_trunc('{call.function.removesuffix('_start')}', {args[0]}) AS DATE)"
        if call.function == "word":
            # a word is a run of characters other than white space; none there is null
            return f"list_extract(regexp_extract_all({args[0]}, '\\S+'), {args[1]})"
        return f"{spec.sql}({', '.join(args)})"

    def window(self, call: Call) -> str:
        """lag(x) / lead(x) in file order, or lag(x, c) ordered by c (file order breaks ties); the
        further arguments of lag(x, c, s, …) partition the rows into series, one per value of s, …"""
        if self.row_order is None:
            raise self.error(call, f"{call.function}() needs the table's row order: use it in `derive:`")
        order = [f"{self.sql(a)} NULLS LAST" for a in call.args[1:2]] + [self.row_order]
        series = [self.sql(a) for a in call.args[2:]]
        partition = f"PARTITION BY {', '.join(series)} " if series else ""
        return f"{call.function}({self.sql(call.args[0])}) OVER ({partition}ORDER BY {', '.join(order)})"

    def case(self, expr: Case) -> str:
        parts = ["(CASE"]
        for cond, value in expr.whens:
            parts.append(f"WHEN {self.sql(cond)} THEN {self.sql(value)}")
        if expr.else_ is not None:
            parts.append(f"ELSE {self.sql(expr.else_)}")
        parts.append("END)")
        return " ".join(parts)


def to_sql(
    expr: Expr,
    resolve: Resolver,
    *,
    row_order: str | None = None,
    text: str | None = None,
) -> str:
    """DuckDB SQL for ``expr``.

    ``resolve(name)`` gives the SQL of a column reference (quoted by the caller, e.g.
    ``'"victims"."recruitment_platform"'``) or raises :class:`UnknownName`, which becomes an
    :class:`ExpressionError` at the name with "did you mean …". ``row_order`` is the SQL
    ``ORDER BY`` list that ``lag()`` needs. ``text`` is the source the tree was parsed from,
    so errors point into it; without it they point into ``render(expr)``.
    """
    return _Compiler(expr, resolve, row_order, text).sql(expr)


_MISSING_WORDS = ("none", "nil", "nan", "na")
"""Names other languages give a missing value, which an expression writes ``is null``."""


def _columns_listed(name: Name, exc: UnknownName, most: int = 12) -> str:
    """``; the table's columns: a, b, c`` closest to the unknown name first, or nothing."""
    if not exc.columns:
        return ""
    return "; if you meant a column, the table's columns are (closest first): " + closest_first(
        name.column, exc.columns, most)
