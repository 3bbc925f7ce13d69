"""A derive whose arithmetic overflows its type: which derive, and the first row it overflows on.

``derive: {big10: big * 10}`` over a whole-number column holding 9e18 computes in 64-bit
integers and overflows; the engine says only "Overflow in multiplication of INT64". The
derive is the claims file's (the data is fine), so the problem names the derive's line,
its table and columns, the data file's line (a Parquet file's row) where it overflows
with the values there, and a rewrite that computes it exactly in decimals.

:func:`locate` looks at the table's file columns as read into DuckDB (no derives): it
computes each derive, level by level, alone; the first that overflows is bisected over
the rows in file order (each step computes it over the rows before a row number: a
window such as ``lag`` sees the same earlier rows), so ~log2(rows) scans on this failure
path only. Both engines call it (Spark reads the derives' columns into DuckDB for it),
so the message is the same on both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..errors import Problem
from ..expressions import WINDOW_FUNCTIONS, Binary, Call, Expr, Literal, Name, children, quote_ident, render, walk

if TYPE_CHECKING:
    import duckdb

    from ..backends import TableRead
    from ..claims.model import LoadedClaims
    from ..planning.catalog import Catalog

_OVERFLOW = re.compile(r"Out of Range Error|Overflow in |ARITHMETIC_OVERFLOW|NUMERIC_VALUE_OUT_OF_RANGE|"
                       r"CAST_OVERFLOW|DECIMAL_PRECISION_EXCEEDS")
_TYPE = re.compile(r"Overflow in \w+ of (INT\d+|DECIMAL\(\d+\)|\w+)")
_POS = "__fc_pos"
_RANGES = {
    "INT16": "the 16-bit integers (largest 32767)",
    "INT32": "the 32-bit integers (largest 2147483647)",
    "INT64": "the 64-bit integers of whole-number columns (largest 9223372036854775807)",
    "INT128": "the 128-bit integers (39 digits)",
    "DECIMAL(38)": "the 38 digits of a decimal",
}


def is_overflow(error: str) -> bool:
    """Does an engine's error say a value overflowed its type (DuckDB's or Spark's words)?"""
    return _OVERFLOW.search(error) is not None


@dataclass(frozen=True)
class Overflow:
    """The derive that overflows, the type it overflows (DuckDB's name, e.g. ``INT64``) and the
    first row it overflows on (``line 3`` / ``row 2``), with the values its columns hold there."""

    derive: str
    type: str | None
    where: str | None
    values: tuple[tuple[str, str], ...]
    rewrite: str | None = None  # the derive written to compute in decimals, checked to compute on these rows


def locate(con: duckdb.DuckDBPyConnection, read: TableRead, catalog: Catalog) -> Overflow | None:
    """The first derive of ``read`` that overflows on the table (in ``con`` with its file columns
    under its own name, as a table), and its first such row; None when none does in DuckDB."""
    from ..backends.duckdb import with_derives
    table = quote_ident(read.source.name)
    numbered = f"SELECT rowid AS {quote_ident(_POS)}, * FROM {table}"
    total = int(con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])
    below: list[tuple[str, str]] = []
    for level in read.derive_levels():
        base = with_derives(numbered, replace(read, derives=below))
        for name, sql in level:
            error = _failure(con, sql, base, read.source.name, total)
            if error is not None:
                return _found(con, read, catalog, name, sql, base, total, error)
        below += level
    return None


def _failure(con: duckdb.DuckDBPyConnection, sql: str, base: str, table: str, rows: int) -> str | None:
    """The overflow computing ``sql`` over the first ``rows`` rows raises; None if it does not."""
    error = _error(con, sql, base, table, rows)
    return error if error is not None and is_overflow(error) else None


def _error(con: duckdb.DuckDBPyConnection, sql: str, base: str, table: str, rows: int) -> str | None:
    """What computing ``sql`` over the first ``rows`` rows raises; None when it computes. (Every
    value is hashed: DuckDB answers ``count(x)`` of an expression without computing it.)"""
    alias = quote_ident(table)
    try:
        con.execute(f"SELECT bit_xor(hash(x)) FROM (SELECT ({sql}) AS x FROM ({base}) AS {alias} "
                    f"WHERE {alias}.{quote_ident(_POS)} < {int(rows)})").fetchall()
    except Exception as exc:  # noqa: BLE001 - told to the caller, which decides
        from ..interrupts import reraise_interrupt
        reraise_interrupt(exc)
        return str(exc)
    return None


def _found(con: duckdb.DuckDBPyConnection, read: TableRead, catalog: Catalog, name: str, sql: str,
           base: str, total: int, error: str) -> Overflow:
    table = read.source.name
    good, bad = 0, total  # the first `good` rows compute, the first `bad` overflow
    while bad - good > 1:
        middle = (good + bad) // 2
        if _failure(con, sql, base, table, middle) is None:
            good = middle
        else:
            bad = middle
    from .contracts import _line_offset, _where
    shown = _plain_names(catalog.derives[table][name])
    values: tuple[Any, ...] = ()
    if shown:
        cols = ", ".join(f"CAST({quote_ident(n)} AS VARCHAR)" for n in shown)
        values = con.execute(f"SELECT {cols} FROM ({base}) AS {quote_ident(table)} "
                             f"WHERE {quote_ident(_POS)} = {bad - 1}").fetchall()[0]
    match = _TYPE.search(error)
    return Overflow(name, match.group(1) if match else None, _where(read.source, bad + _line_offset(read.source)),
                    tuple(zip(shown, (str(v) for v in values), strict=True)),
                    _working_rewrite(con, catalog.derives[table][name], base, table, total))


def _working_rewrite(con: duckdb.DuckDBPyConnection, tree: Expr, base: str, table: str, rows: int) -> str | None:
    """The first of :func:`rewrites` that computes over every row without overflowing (and binds)."""
    from ..expressions import to_sql
    from ..planning.catalog import ROW

    def column(name: Name) -> str:
        return f"{quote_ident(table)}.{quote_ident(name.column)}"

    for candidate in rewrites(tree):
        sql = to_sql(candidate, column, row_order=f"{quote_ident(table)}.{quote_ident(ROW)}")
        if _error(con, sql, base, table, rows) is None:
            return render(candidate)
    return None


def _plain_names(tree: Expr) -> list[str]:
    """The columns (and derives) an expression reads at its own row: names inside ``lag``/``lead``
    read another row, and are left out."""
    inside = {id(n) for c in walk(tree) if isinstance(c, Call) and c.function in WINDOW_FUNCTIONS
              for n in walk(c) if isinstance(n, Name)}
    return list(dict.fromkeys(n.column for n in walk(tree) if isinstance(n, Name) and id(n) not in inside))


def problem(found: Overflow | None, read: TableRead, catalog: Catalog, loaded: LoadedClaims, error: str) -> Problem:
    """The overflow as the claims file's problem: the derive's line, its table, columns and row."""
    from .diagnosis import shown
    table = read.source.name
    derive = found.derive if found is not None else _only_derive(read)
    line = (loaded.table_line(table, "derive", derive) if derive is not None else None) \
        or loaded.table_line(table, "derive") or loaded.table_line(table)
    what = f"derive '{derive}' of table '{table}'" if derive is not None else f"a derive of table '{table}'"
    kind = found.type if found is not None else None
    past = _RANGES.get(kind or "", f"its type ({kind})" if kind else "its type")
    text = render(catalog.derives[table][derive]) if derive is not None else None
    message = f"{what} overflows {past}" + (f": {text}" if text else "")
    if found is not None and found.where is not None:
        values = ", ".join(f"{c} = {v}" for c, v in found.values)
        message += f", at {found.where} of {shown(read.source)}" + (f", where {values}" if values else "")
    elif found is None:
        message += f" ({_first_line(error)})"
    files = read.source.columns
    columns = [c for c, _ in found.values if c in files] if found is not None else []
    return Problem(message, file=str(loaded.path), line=line, column=columns[0] if columns else None,
                   hint=_hint(kind, derive, catalog.derives[table].get(derive) if derive else None,
                              columns or _numbers(read, catalog), found.rewrite if found else None,
                              found is not None))


def _hint(kind: str | None, derive: str | None, tree: Expr | None, columns: list[str], rewrite: str | None,
          tried: bool) -> str:
    """A rewrite in decimals (checked on the data when ``tried``); past 38 digits, or when none
    computes, declaring the columns ``number`` (doubles)."""
    if kind in ("INT128", "DECIMAL(38)") or (tried and rewrite is None):
        declared = ", ".join(f"{c}: number" for c in columns) or "COLUMN: number"
        why = ("the values are past the 38 digits of exact arithmetic" if kind in ("INT128", "DECIMAL(38)")
               else "no rewrite in decimals computes it on this data")
        return (f"{why}: declare the columns it reads as number (columns: {{{declared}}}) to compute in "
                "doubles (about 16 significant digits)")
    example = rewrite or (render(next(rewrites(tree), tree)) if tree is not None else None)
    if example == (render(tree) if tree is not None else None):
        example = None
    shown = (f' (derive: {{{derive}: "{example}"}})' if rewrite else f' (e.g. derive: {{{derive}: "{example}"}})') \
        if example and derive else ""
    return ("whole numbers are computed as 64-bit integers; a decimal in the arithmetic computes it exactly "
            f"in decimals, up to 38 digits: write a number with a decimal point{shown}")


def rewrites(tree: Expr) -> Iterator[Expr]:
    """Ways to write ``tree`` so its arithmetic is done in decimals, the likeliest first: one
    whole-number literal in arithmetic as a decimal, innermost first (``big * 10`` → ``big * 10.0``;
    an outer one would come too late), then all of them; then a column in arithmetic times 1.0,
    innermost first, then all of them."""
    arithmetic = [b for b in _inner_first(tree) if isinstance(b, Binary) and b.op in ("+", "-", "*")]
    literals = [side for b in arithmetic for side in (b.left, b.right) if isinstance(side, Literal)
                and isinstance(side.value, int) and not isinstance(side.value, bool)]
    columns = [side for b in arithmetic for side in (b.left, b.right) if isinstance(side, Name)]

    def decimal(node: Expr) -> Expr:
        if isinstance(node, Literal):
            return Literal(Decimal(node.value).quantize(Decimal("0.1")))  # type: ignore[arg-type]
        return Binary("*", node, Literal(Decimal("1.0")))

    for group in (literals, columns):
        for node in group:
            yield _swap(tree, node, decimal(node))
        if len(group) > 1:
            every = tree
            for node in group:
                every = _swap(every, node, decimal(node))
            yield every


def _inner_first(tree: Expr) -> Iterator[Expr]:
    """Every node of the tree, children before their parents."""
    for child in children(tree):
        yield from _inner_first(child)
    yield tree


def _swap(tree: Expr, old: Expr, new: Expr) -> Expr:
    """``tree`` with the node ``old`` (that very object) replaced by ``new``."""
    if tree is old:
        return new
    changed: dict[str, Any] = {}
    for f in fields(tree):
        value = getattr(tree, f.name)
        if isinstance(value, tuple):
            swapped = tuple(_swap(v, old, new) if _is_expr(v) else v for v in value)
            if any(a is not b for a, b in zip(swapped, value, strict=True)):
                changed[f.name] = swapped
        elif _is_expr(value):
            swapped_one = _swap(value, old, new)
            if swapped_one is not value:
                changed[f.name] = swapped_one
    return replace(tree, **changed) if changed else tree


def _is_expr(value: object) -> bool:
    from typing import get_args
    return isinstance(value, get_args(Expr))


def _only_derive(read: TableRead) -> str | None:
    return read.derives[0][0] if len(read.derives) == 1 else None


def _numbers(read: TableRead, catalog: Catalog) -> list[str]:
    """The file columns the table's derives read."""
    from .diagnosis import derive_columns
    table = read.source.name
    return [c for t, c in derive_columns(catalog, table) if t == table]


def _first_line(error: str) -> str:
    lines = error.strip().splitlines()
    return lines[0] if lines else error
