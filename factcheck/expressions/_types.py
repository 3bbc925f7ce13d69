"""The types of expressions, as far as they can be known before anything runs, and the check
that each function gets arguments of the types it takes.

The parser checks what the text alone shows (``lower(3)``, ``word(name, 'a')``); the
compiler checks again knowing the columns' types (``lower(n_victims)``). A type that cannot
be known (a column without a known type, a ``case`` whose values are all unknown) passes:
DuckDB then decides.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from ._errors import ExpressionError
from ._nodes import (
    FUNCTIONS,
    ArgType,
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
    ValueType,
    walk,
)
from ._render import render_name

ColumnType = Callable[[Name], "ValueType | None"]

_TEXT = frozenset({"VARCHAR", "CHAR", "TEXT", "STRING", "BPCHAR"})
INTEGER_TYPES = frozenset({"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
                           "UBIGINT", "UHUGEINT", "INT", "INT1", "INT2", "INT4", "INT8", "LONG", "SHORT", "VARINT"})
"""DuckDB's integer column types and their aliases: the one list the engine, the measures and
``suggest`` read numbers by (an unsigned one from a Parquet file included)."""
_NUMBER = INTEGER_TYPES | {"FLOAT", "DOUBLE", "REAL", "DECIMAL", "NUMERIC", "FLOAT4", "FLOAT8"}

# what a date or timestamp written in a claims file must start with (DuckDB reads 2020-4-1 too), or a
# time of day for a TIME column, or one of DuckDB's special dates
_ISO_DATE = re.compile(r"[+-]?\d{4,}-\d{1,2}-\d{1,2}(?!\d)|\d{1,2}:\d{2}|-?infinity$|epoch$", re.IGNORECASE)

_NOUN = {"text": "text", "number": "a number", "date": "a date", "bool": "a condition (true or false)"}


def base_type(duckdb_type: str | None) -> str:
    """``DECIMAL(18,3)`` -> ``DECIMAL``: the type's name, upper-case, without its parameters."""
    return (duckdb_type or "").upper().split("(")[0].strip()


def value_type(duckdb_type: str | None) -> ValueType | None:
    """The expression language's type of a DuckDB column type (None when it is none of them)."""
    if not duckdb_type:
        return None
    base = base_type(duckdb_type)
    if base in _TEXT:
        return "text"
    if base in _NUMBER:
        return "number"
    if base in ("BOOLEAN", "BOOL", "LOGICAL"):
        return "bool"
    if base == "DATE" or base.startswith(("TIMESTAMP", "TIME ", "DATETIME")) or base == "TIME":
        return "date"
    return None


def infer(expr: Expr, column_type: ColumnType | None = None) -> ValueType | None:
    """The type of ``expr``'s value, or None when it cannot be told without running it."""
    if isinstance(expr, Literal):
        value = expr.value
        if isinstance(value, bool):
            return "bool"
        if isinstance(value, (int, Decimal)):
            return "number"
        return "text" if isinstance(value, str) else None
    if isinstance(expr, Name):
        return column_type(expr) if column_type is not None else None
    if isinstance(expr, (Compare, InList, Between, IsNull)):
        return "bool"
    if isinstance(expr, Unary):
        return "bool" if expr.op == "not" else "number"
    if isinstance(expr, Binary):
        if expr.op in ("and", "or"):
            return "bool"
        sides = (infer(expr.left, column_type), infer(expr.right, column_type))
        return "number" if sides == ("number", "number") or expr.op == "/" else None
    if isinstance(expr, Call):
        spec = FUNCTIONS[expr.function]
        if spec.returns is not None:
            return spec.returns
        args = expr.args[:1] if expr.function in ("lag", "lead", "nullif") else expr.args
        return _first_known(args, column_type)
    assert isinstance(expr, Case)
    values = [v for _, v in expr.whens] + ([expr.else_] if expr.else_ is not None else [])
    return _first_known(values, column_type)


def _first_known(exprs: tuple[Expr, ...] | list[Expr], column_type: ColumnType | None) -> ValueType | None:
    for e in exprs:
        if isinstance(e, Literal) and e.value is None:
            continue
        found = infer(e, column_type)
        if found is not None:
            return found
    return None


def _fits(expected: ArgType, arg: Expr, got: ValueType | None) -> bool:
    if expected == "any" or got is None:
        return True
    if expected == "date":  # a date written as text is cast explicitly
        return got == "date" or (got == "text" and isinstance(arg, Literal))
    return got == expected


def _describe(expected: ArgType) -> str:
    return {"text": "text", "number": "a number", "date": "a date", "whole": "a whole number",
            "column": "a column name", "any": "a value"}[expected]


def check_call_types(call: Call, text: str, column_type: ColumnType | None = None,
                     position: Callable[[Expr], int] | None = None) -> None:
    """Raise a located :class:`ExpressionError` when an argument of ``call`` has the wrong type."""
    spec = FUNCTIONS[call.function]
    where = position or (lambda node: node.position)
    for i, arg in enumerate(call.args):
        expected = spec.arg_type(i)
        nth = _ordinal(i) if len(call.args) > 1 else ""
        example = f"for example: {spec.example}"
        if expected == "whole":
            if not (isinstance(arg, Literal) and type(arg.value) is int):
                raise ExpressionError(f"{call.function}()'s {nth}argument is a whole number written out",
                                      text, where(arg), example)
            if call.function in ("word", "split_part") and arg.value == 0:
                raise ExpressionError(f"{call.function}() counts from 1 (the first); 0 is no position",
                                      text, where(arg), "1 is the first, 2 the second, -1 the last")
            continue
        if expected == "column":
            if not isinstance(arg, Name):
                raise ExpressionError(f"{call.function}() takes a column name", text, where(call), example)
            continue
        got = infer(arg, column_type)
        if not _fits(expected, arg, got):
            assert got is not None
            if expected == "date" and got == "text" and isinstance(arg, Name) and arg.link is None:
                example = (f"'{arg.column}' was read as text: if it holds dates written another way than "
                           f"YYYY-MM-DD, say how with csv: {{date_format: '%d/%m/%Y'}} (or the file's format), "
                           f"or declare columns: {{{arg.column}: date}}; {example}")
            raise ExpressionError(
                f"{call.function}()'s {nth}argument must be {_describe(expected)}, not {_NOUN[got]}",
                text, where(arg), example)
    if call.function in ("coalesce", "nullif"):
        _check_same_type(call, text, column_type, where)
    if call.function in ("lag", "lead"):
        _check_series(call, text, where)


def _check_series(call: Call, text: str, where: Callable[[Expr], int]) -> None:
    """``lag(x, by, s, …)`` names each column once after ``x``: a series split by the column it is
    ordered by is one row each (every value null), a series column named twice is a slip."""
    for i, arg in enumerate(call.args[2:], start=2):
        earlier = call.args[1:i]
        if arg not in earlier:
            continue
        shown = render_name(arg) if isinstance(arg, Name) else "it"
        if arg == call.args[1]:
            raise ExpressionError(f"{call.function}() is ordered by {shown}: it cannot also split the series "
                                  f"by it (each series would be one row)", text, where(arg),
                                  f"name the order first, then the columns that tell the series apart: "
                                  f"{call.function}(reading, date, station)")
        raise ExpressionError(f"{call.function}() names the series column {shown} twice", text, where(arg),
                              "name each column once")


def _check_same_type(call: Call, text: str, column_type: ColumnType | None,
                     where: Callable[[Expr], int]) -> None:
    first: ValueType | None = None
    dates = any(infer(a, column_type) == "date" for a in call.args)
    for arg in call.args:
        got = None if isinstance(arg, Literal) and arg.value is None else infer(arg, column_type)
        if got is None or (dates and got == "text" and isinstance(arg, Literal)):
            continue  # a date written as text goes with a date: coalesce(last_pending_date, '2020-12-31')
        if first is None:
            first = got
        elif got != first:
            raise ExpressionError(
                f"{call.function}()'s arguments must be of one type: {_NOUN[first]} and {_NOUN[got]}",
                text, where(arg), f"for example: {FUNCTIONS[call.function].example}")


def check_types(expr: Expr, text: str, column_type: ColumnType | None = None,
                position: Callable[[Expr], int] | None = None) -> None:
    """Check every call in ``expr`` (outer calls first), and that no date is compared with a number."""
    for node in walk(expr):
        if isinstance(node, Call):
            check_call_types(node, text, column_type, position)
        elif isinstance(node, (Compare, Between, InList)):
            _check_compared(node, text, column_type, position or (lambda n: n.position))


def check_numbers(expr: Expr, text: str, kind: str, column_type: ColumnType | None = None) -> None:
    """A measure that reads its column as numbers (sum, mean, min …) given dates is refused, with the
    year to measure instead: a date is no figure an article states, and the engine would only say
    it cannot cast DATE to DECIMAL."""
    if infer(expr, column_type) != "date":
        return
    from ._render import render
    shown = render(expr)
    raise ExpressionError(f"{shown} holds dates, not numbers, so its {kind} is no figure to check", text, 0,
                          f"to state a year, measure the year: {kind}: year({shown})")


def _check_compared(node: Compare | Between | InList, text: str, column_type: ColumnType | None,
                    where: Callable[[Expr], int]) -> None:
    """A date compared with a number (``filed_date >= 2019``) is refused with what to write instead;
    DuckDB would only say it "cannot compare values of type DATE and type INTEGER_LITERAL"."""
    if isinstance(node, Compare):
        pairs = [(node.left, node.right), (node.right, node.left)]
    else:
        others: list[Expr] = [node.low, node.high] if isinstance(node, Between) else list(node.values)
        pairs = [(node.operand, o) for o in others] + [(o, node.operand) for o in others]
    for date, number in pairs:
        _check_text_against(date, number, text, column_type, where)
        if (infer(date, column_type) == "date" and isinstance(number, Literal) and isinstance(number.value, str)
                and not _ISO_DATE.match(number.value.strip())):
            from ._render import render
            shown, value = render(date), number.value
            year = value.strip() if re.fullmatch(r"\d{4}", value.strip()) else "2020"
            raise ExpressionError(
                f"'{value}' is not a date written YYYY-MM-DD, so it cannot be compared with the date {shown}",
                text, where(number), f"write dates as YYYY-MM-DD, whatever the data file's date_format: "
                                     f"e.g. '2020-12-31'; to compare years, write year({shown}) == {year}")
        if infer(date, column_type) == "date" and isinstance(number, Literal) and isinstance(number.value, str):
            _check_real_day(number.value, date, text, where(number))
        if infer(date, column_type) == "date" and infer(number, column_type) == "number":
            from ._render import render
            shown, value = render(date), render(number)
            hint = "compare a date with a date written as text, e.g. '2019-01-01'"
            if isinstance(number, Literal) and type(number.value) is int:
                hint = (f"to compare years, write year({shown}); to compare with a day, write it as a "
                        f"date: '{number.value}-01-01'")
            raise ExpressionError(f"{shown} is a date and cannot be compared with the number {value}",
                                  text, where(number), hint)


_YMD = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")


def _check_real_day(value: str, date: Expr, text: str, at: int) -> None:
    """A date written YYYY-MM-DD that no calendar has (``'2020-02-31'``, ``'2024-13-01'``) is refused
    where it is written; the engine would stop at the first row of the file and name that row, as if
    the data were wrong."""
    m = _YMD.match(value)
    if m is None:
        return
    import datetime as dt
    year, month, day = (int(g) for g in m.groups())
    try:
        dt.date(year, month, day)
        return
    except ValueError:
        pass
    import calendar  # only for the message

    from ._render import render
    if not 1 <= month <= 12:
        why, example = f"there is no month {month}", f"'{year}-12-{day:02d}'" if 1 <= day <= 31 else f"'{year}-12-31'"
    else:
        last = calendar.monthrange(year, month)[1]
        why = f"{calendar.month_name[month]} {year} has {last} days"
        example = f"'{year}-{month:02d}-{last:02d}'"
    raise ExpressionError(f"'{value}' is no day of the calendar ({why}), so it cannot be compared with the date "
                          f"{render(date)}", text, at, f"write a day that exists, e.g. {example}")


_BOOL_TEXT = frozenset({"true", "false", "t", "f", "yes", "no", "y", "n", "1", "0"})
"""Text the engine reads as true or false ("competitive == 'no'" compares as it reads)."""


def _check_text_against(column: Expr, literal: Expr, text: str, column_type: ColumnType | None,
                        where: Callable[[Expr], int]) -> None:
    """Text that is no number compared with numbers (``fiscal_year == 'FY2024'``), or text that reads as
    neither true nor false with a column of true/false (``competitive == 'nobid'``): refused
    with what to write, where the engine would only say it "could not convert string 'FY2024' to INT64"."""
    if not (isinstance(column, Name) and isinstance(literal, Literal) and isinstance(literal.value, str)):
        return  # a column: an expression's own types are checked where it is written (its calls)
    kind = infer(column, column_type)
    value = literal.value
    from ._render import render
    shown = render(column)
    if kind == "number" and not re.fullmatch(r"\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)\s*", value):
        digits = re.search(r"\d+(?:\.\d+)?", value)
        hint = (f"write the number: {shown} == {digits.group()}" if digits
                else f"compare {shown} with a number, or check that it is the column you mean")
        raise ExpressionError(f"'{value}' is text, but {shown} holds numbers, so they cannot be compared",
                              text, where(literal), hint)
    if kind == "bool" and value.strip().lower() not in _BOOL_TEXT:
        raise ExpressionError(f"{shown} holds true or false (a yes/no column is read so), so it cannot be compared "
                              f"with the text '{value}'", text, where(literal),
                              f"write {shown} for its true rows, or not {shown} for its false ones")


def _ordinal(i: int) -> str:
    return ("first ", "second ", "third ")[i] if i < 3 else f"{i + 1}th "
