"""The syntax tree of an expression: frozen dataclasses.

Every node has ``position``: the 0-based offset in the source text of the token that
identifies it (a name's or literal's first character, an operator, a function name, the
``case`` keyword). Positions are left out of equality, so two trees read from differently
spaced texts compare equal.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal as Lit

Value = str | int | Decimal | bool | None

ArithOp = Lit["+", "-", "*", "/"]
LogicOp = Lit["and", "or"]
CompareOp = Lit["==", "!=", "<", "<=", ">", ">="]


@dataclass(frozen=True)
class Literal:
    """A string, number (int or exact Decimal), boolean or null written in the expression."""

    value: Value
    position: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Name:
    """A column reference; ``link`` is the lookup it goes through (``case.active_2020``)."""

    column: str
    link: str | None = None
    position: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Unary:
    """``not x`` (op ``"not"``) or ``-x`` (op ``"-"``)."""

    op: Lit["not", "-"]
    operand: Expr
    position: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Binary:
    """Arithmetic (``+ - * /``) or logic (``and``, ``or``)."""

    op: ArithOp | LogicOp
    left: Expr
    right: Expr
    position: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Compare:
    """``left op right`` with op one of ``== != < <= > >=``."""

    op: CompareOp
    left: Expr
    right: Expr
    position: int = field(default=0, compare=False)


@dataclass(frozen=True)
class InList:
    """``operand in [v, …]`` (or ``not in`` when ``negated``); values are literals."""

    operand: Expr
    values: tuple[Literal, ...]
    negated: bool = False
    position: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Between:
    """``operand between low and high`` (inclusive; ``not between`` when ``negated``)."""

    operand: Expr
    low: Expr
    high: Expr
    negated: bool = False
    position: int = field(default=0, compare=False)


@dataclass(frozen=True)
class IsNull:
    """``operand is null`` (``is not null`` when ``negated``)."""

    operand: Expr
    negated: bool = False
    position: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Call:
    """A call of an allowlisted function; ``function`` is lower case."""

    function: str
    args: tuple[Expr, ...]
    position: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Case:
    """``case when C then V … [else E] end``."""

    whens: tuple[tuple[Expr, Expr], ...]
    else_: Expr | None = None
    position: int = field(default=0, compare=False)


Expr = Literal | Name | Unary | Binary | Compare | InList | Between | IsNull | Call | Case


@dataclass(frozen=True)
class Function:
    """An allowlisted function: its arity and the DuckDB function it compiles to."""

    name: str
    min_args: int
    max_args: int
    sql: str
    doc: str
    date_arg: bool = False


FUNCTIONS: dict[str, Function] = {
    f.name: f
    for f in (
        Function("year", 1, 1, "year", "the year of a date", date_arg=True),
        Function("quarter", 1, 1, "quarter", "the quarter (1-4) of a date", date_arg=True),
        Function("month", 1, 1, "month", "the month (1-12) of a date", date_arg=True),
        Function("day", 1, 1, "day", "the day of the month of a date", date_arg=True),
        Function("month_name", 1, 1, "monthname", "the English month name", date_arg=True),
        Function("abs", 1, 1, "abs", "the absolute value"),
        Function("round", 1, 2, "round", "round half away from zero, to n decimals"),
        Function("pow", 2, 2, "pow", "x to the power y"),
        Function("lag", 1, 1, "lag", "the column's value in the previous row"),
    )
}

KEYWORDS = frozenset(
    ["and", "or", "not", "in", "between", "is", "null", "true", "false", "case", "when", "then", "else", "end"]
)


def children(expr: Expr) -> Iterator[Expr]:
    """The direct sub-expressions of ``expr``, in source order."""
    if isinstance(expr, Unary):
        yield expr.operand
    elif isinstance(expr, (Binary, Compare)):
        yield expr.left
        yield expr.right
    elif isinstance(expr, InList):
        yield expr.operand
        yield from expr.values
    elif isinstance(expr, Between):
        yield from (expr.operand, expr.low, expr.high)
    elif isinstance(expr, IsNull):
        yield expr.operand
    elif isinstance(expr, Call):
        yield from expr.args
    elif isinstance(expr, Case):
        for cond, value in expr.whens:
            yield cond
            yield value
        if expr.else_ is not None:
            yield expr.else_


def walk(expr: Expr) -> Iterator[Expr]:
    """Every node of the tree, parents before children, in source order."""
    yield expr
    for child in children(expr):
        yield from walk(child)


def names(expr: Expr) -> list[Name]:
    """Every column reference, in source order (repeats included)."""
    return [node for node in walk(expr) if isinstance(node, Name)]


def calls(expr: Expr) -> list[Call]:
    """Every function call, outer calls before inner ones, in source order."""
    return [node for node in walk(expr) if isinstance(node, Call)]
