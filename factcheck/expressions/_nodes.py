"""The syntax tree of an expression: frozen dataclasses.

Every node has ``position``: the 0-based offset in the source text of the token that
identifies it (a name's or literal's first character, an operator, a function name, the
``case`` keyword). Positions are left out of equality, so two trees read from differently
spaced texts compare equal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
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


ArgType = Lit["text", "number", "date", "whole", "column", "any"]
"""What an argument must be: text, a number, a date (or a date written as text), a whole
number written in the expression (``whole``), a column name (``column``), or anything."""

ValueType = Lit["text", "number", "date", "bool"]


@dataclass(frozen=True)
class Function:
    """An allowlisted function: its arity, argument types, result and the DuckDB function."""

    name: str
    min_args: int
    max_args: int
    sql: str
    doc: str
    args: tuple[ArgType, ...] = ("any",)
    """The type of each argument; the last one repeats for further arguments."""
    returns: ValueType | None = None
    """The result's type; None when it is the type of the arguments (coalesce, nullif)."""
    example: str = ""

    @property
    def date_arg(self) -> bool:
        return self.args[0] == "date"

    def arg_type(self, i: int) -> ArgType:
        return self.args[min(i, len(self.args) - 1)]


def _f(name: str, arity: tuple[int, int], sql: str, doc: str, args: tuple[ArgType, ...],
       returns: ValueType | None, example: str) -> Function:
    return Function(name, arity[0], arity[1], sql, doc, args, returns, example)


MAX_COALESCE = 16
MAX_SERIES = 8
"""The most columns ``lag(x, by, station, …)`` may name to split a table into series."""
FUNCTIONS: dict[str, Function] = {
    f.name: f
    for f in (
        _f("year", (1, 1), "year", "the year of a date", ("date",), "number", "year(filed_date)"),
        _f("quarter", (1, 1), "quarter", "the quarter (1-4) of a date", ("date",), "number", "quarter(filed_date)"),
        _f("month", (1, 1), "month", "the month (1-12) of a date", ("date",), "number", "month(filed_date)"),
        _f("day", (1, 1), "day", "the day of the month of a date", ("date",), "number", "day(filed_date)"),
        _f("month_name", (1, 1), "monthname", "the English month name", ("date",), "text",
           "month_name(filed_date)"),
        _f("month_start", (1, 1), "date_trunc", "the first day of the date's month (a month as a period)", ("date",),
           "date", "month_start(filed_date)"),
        _f("quarter_start", (1, 1), "date_trunc", "the first day of the date's quarter (a quarter as a period)",
           ("date",), "date", "quarter_start(filed_date)"),
        _f("week_start", (1, 1), "date_trunc", "the Monday of the date's week (a week as a period)", ("date",), "date",
           "week_start(filed_date)"),
        _f("abs", (1, 1), "abs", "the absolute value", ("number",), "number", "abs(change)"),
        _f("round", (1, 2), "round", "round half away from zero, to n decimals", ("number", "whole"), "number",
           "round(share) or round(share, 2)"),
        _f("pow", (2, 2), "pow", "x to the power y", ("number", "number"), "number", "pow(growth, 2)"),
        _f("lag", (1, 2 + MAX_SERIES), "lag", "the column's value in the previous row (by file order or a column, "
           "within each series the further columns name)", ("column", "column"), None,
           "lag(cases), lag(cases, year) or lag(reading, date, station)"),
        _f("lead", (1, 2 + MAX_SERIES), "lead", "the column's value in the next row (by file order or a column, "
           "within each series the further columns name)", ("column", "column"), None,
           "lead(cases), lead(cases, year) or lead(reading, date, station)"),
        _f("lower", (1, 1), "lower", "the text in lower case", ("text",), "text", "lower(name)"),
        _f("upper", (1, 1), "upper", "the text in upper case", ("text",), "text", "upper(name)"),
        _f("trim", (1, 1), "trim", "the text without spaces at either end", ("text",), "text", "trim(name)"),
        _f("length", (1, 1), "length", "the number of characters", ("text",), "number", "length(name)"),
        _f("starts_with", (2, 2), "starts_with", "whether the text starts with the second (case matters)",
           ("text", "text"), "bool", "starts_with(name, 'toyota')"),
        _f("ends_with", (2, 2), "ends_with", "whether the text ends with the second (case matters)",
           ("text", "text"), "bool", "ends_with(name, 'wagon')"),
        _f("contains", (2, 2), "contains", "whether the second text occurs in the first (case matters)",
           ("text", "text"), "bool", "contains(name, 'corolla')"),
        _f("like", (2, 2), "like", "pattern match, case matters: % any run of characters, _ one character",
           ("text", "text"), "bool", "like(name, 'toyota %')"),
        _f("ilike", (2, 2), "ilike", "pattern match ignoring case: % any run of characters, _ one character",
           ("text", "text"), "bool", "ilike(name, 'toyota%')"),
        _f("word", (2, 2), "word", "the n-th word (1 is the first, -1 the last); null when there is none",
           ("text", "whole"), "text", "word(name, 1)"),
        _f("split_part", (3, 3), "split_part", "the n-th part between separators (1 is the first, -1 the last)",
           ("text", "text", "whole"), "text", "split_part(code, '-', 2)"),
        _f("coalesce", (2, MAX_COALESCE), "coalesce", "the first argument that is not null",
           ("any",), None, "coalesce(platform, 'none')"),
        _f("nullif", (2, 2), "nullif", "null when the two are equal, else the first",
           ("any", "any"), None, "nullif(platform, '')"),
    )
}

WINDOW_FUNCTIONS = frozenset({"lag", "lead"})

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
    """Every node of the tree, parents before children, in source order. Over an explicit stack:
    nested generators cost each node the depth above it (a filter's long chain of ``and``), and the
    walks of a run's checks took several milliseconds of the story's run."""
    stack = [expr]
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, (Name, Literal)):
            stack.extend(reversed(tuple(children(node))))


def conjuncts(expr: Expr | None) -> list[Expr]:
    """The parts of a filter joined by ``and``, in source order (``a and b and c`` → a, b, c); a
    long chain over an explicit stack, not the Python stack."""
    out: list[Expr] = []
    stack = [expr] if expr is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, Binary) and node.op == "and":
            stack += [node.right, node.left]
        else:
            out.append(node)
    return out


def leaves_unknown(tree: Expr, unknown: Callable[[Expr], bool]) -> Expr:
    """``tree`` with each part of its ``and``/``or``/``not`` skeleton for which ``unknown`` holds
    made NULL: what a filter keeps whatever those parts turn out to be (it IS NOT FALSE). Over an
    explicit stack, as a filter may be a long chain of ``and``."""
    done: dict[int, Expr] = {}
    stack: list[tuple[Expr, bool]] = [(tree, False)]
    while stack:
        node, ready = stack.pop()
        if isinstance(node, Binary) and node.op in ("and", "or"):
            if not ready:
                stack += [(node, True), (node.right, False), (node.left, False)]
                continue
            done[id(node)] = replace(node, left=done[id(node.left)], right=done[id(node.right)])
        elif isinstance(node, Unary) and node.op == "not":
            if not ready:
                stack += [(node, True), (node.operand, False)]
                continue
            done[id(node)] = replace(node, operand=done[id(node.operand)])
        else:
            done[id(node)] = Literal(None) if unknown(node) else node
    return done[id(tree)]


def names(expr: Expr) -> list[Name]:
    """Every column reference, in source order (repeats included)."""
    return [node for node in walk(expr) if isinstance(node, Name)]


def calls(expr: Expr) -> list[Call]:
    """Every function call, outer calls before inner ones, in source order."""
    return [node for node in walk(expr) if isinstance(node, Call)]


def in_file_order(expr: Expr) -> list[Call]:
    """The ``lag``/``lead`` calls of ``expr`` given no column to order by (``lag(x)``, not
    ``lag(x, year)``): they read the row before or after in the table's own order, its file's,
    whatever the rows hold. Outer calls first, in source order."""
    return [c for c in calls(expr) if c.function in WINDOW_FUNCTIONS and len(c.args) == 1]


def map_calls(expr: Expr, fn: Callable[[Call], Expr | None]) -> Expr:
    """A copy of ``expr`` in which each call for which ``fn`` returns a node is replaced by it
    (outer calls first; a replaced call's arguments are not visited)."""
    if isinstance(expr, Call):
        got = fn(expr)
        if got is not None:
            return got
        return replace(expr, args=tuple(map_calls(a, fn) for a in expr.args))
    if isinstance(expr, Unary):
        return replace(expr, operand=map_calls(expr.operand, fn))
    if isinstance(expr, (Binary, Compare)):
        return replace(expr, left=map_calls(expr.left, fn), right=map_calls(expr.right, fn))
    if isinstance(expr, InList):
        return replace(expr, operand=map_calls(expr.operand, fn))
    if isinstance(expr, Between):
        return replace(expr, operand=map_calls(expr.operand, fn), low=map_calls(expr.low, fn),
                       high=map_calls(expr.high, fn))
    if isinstance(expr, IsNull):
        return replace(expr, operand=map_calls(expr.operand, fn))
    if isinstance(expr, Case):
        whens = tuple((map_calls(c, fn), map_calls(v, fn)) for c, v in expr.whens)
        return replace(expr, whens=whens, else_=None if expr.else_ is None else map_calls(expr.else_, fn))
    return expr
