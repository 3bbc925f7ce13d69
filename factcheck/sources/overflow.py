"""A derive or a claim's expression that fails out of range: which one, and the first row.

``derive: {big10: big * 10}`` over a whole-number column holding 9e18 computes in 64-bit
integers and overflows; the engine says only "Overflow in multiplication of INT64". The
expression is the claims file's (the data is fine), so the problem names its line (the
derive's, or the claim's and the line of its expression), its table and columns, the data
file's line (a Parquet file's row) where it fails with the values there, and a rewrite that
computes it exactly in decimals, checked on the data.

"Out of range" is also DuckDB's word for a date past the dates a DATE holds (``d +
2147483647``), so an overflow is said only when the types confirm it: the innermost
arithmetic whose DuckDB type is a whole number or decimal and whose value at the row,
recomputed with the numbers it reads as doubles, is past that type's range. Anything else is
located all the same and told in the engine's words, with a hint that fits (a date: the days
added), never a rewrite in decimals.

:func:`locate` looks at the table's file columns as read into DuckDB (no derives): it
computes each derive, level by level, alone; the first that fails is bisected over the
rows in file order (each step computes it over the rows before a row number: a window
such as ``lag`` sees the same earlier rows), so ~log2(rows) scans on this failure path
only. :func:`locate_expressions` does the same for a claim's own expressions, over the
rows its ``where`` keeps. Both engines call them (Spark reads the columns into DuckDB for
it), so the message is the same on both. :func:`in_claim` is what a failed claim's query
asks: which derive, or which of the claim's own expressions, fails.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..backends.duckdb import first_line
from ..errors import Problem
from ..expressions import (
    WINDOW_FUNCTIONS,
    Binary,
    Call,
    Expr,
    Literal,
    Name,
    Unary,
    children,
    quote_ident,
    render,
    walk,
)

if TYPE_CHECKING:
    import duckdb

    from ..backends import Backend, TableRead
    from ..claims.model import LoadedClaims
    from ..engine import Prepared
    from ..planning.catalog import Catalog
    from ..planning.nodes import ClaimPlan

_OVERFLOW = re.compile(r"Out of Range Error|Overflow in |ARITHMETIC_OVERFLOW|NUMERIC_VALUE_OUT_OF_RANGE|"
                       r"CAST_OVERFLOW|DECIMAL_PRECISION_EXCEEDS")
# what may also be an overflow, or a value out of some other range (a date): told apart by the types
_OUT_OF_RANGE = re.compile(r"out of range|not in timestamp range|Overflow (?:in|on) |DATETIME_OVERFLOW|"
                           r"ARITHMETIC_OVERFLOW|NUMERIC_VALUE_OUT_OF_RANGE|CAST_OVERFLOW|DECIMAL_PRECISION_EXCEEDS",
                           re.IGNORECASE)
_TYPE = re.compile(r"Overflow in \w+ of (INT\d+|DECIMAL\(\d+\)|\w+)")
_POS = "__fc_pos"
_RANGES = {
    "INT8": "the 8-bit integers (largest 127)",
    "INT16": "the 16-bit integers (largest 32767)",
    "INT32": "the 32-bit integers (largest 2147483647)",
    "INT64": "the 64-bit integers of whole-number columns (largest 9223372036854775807)",
    "INT128": "the 128-bit integers (39 digits)",
    "DECIMAL(38)": "the 38 digits of a decimal",
}


def is_overflow(error: str) -> bool:
    """Does an engine's error say a value overflowed its type (DuckDB's or Spark's words)?"""
    return _OVERFLOW.search(error) is not None


def is_out_of_range(error: str) -> bool:
    """Does an engine's error say a value is out of some range: an overflow of a number's type, or
    another (a date past the dates a DATE holds)? Which one is told by the types, not the words."""
    return _OUT_OF_RANGE.search(error) is not None


@dataclass(frozen=True)
class Overflow:
    """What fails at the first row it fails on: a derive (by its name) or a claim's expression (by
    its text), the row (``line 3``, ``row 2``, a DataFrame's ``row 2 (index 1)``) with the values
    its columns hold there, and what the types say. ``type`` is set only when an overflow is
    confirmed by them: the part of the expression (``part``) whose type is a whole number or
    decimal (DuckDB's name, e.g. ``INT64``) holds, recomputed in doubles at that row, a value past
    that type's range. Otherwise the failure is told as the engine's words (``error``), with
    ``dated`` naming a part that computes a date."""

    derive: str
    type: str | None
    where: str | None
    values: tuple[tuple[str, str], ...]
    rewrite: str | None = None  # the expression written to compute in decimals, checked to compute on these rows
    error: str = ""             # the engine's first line at that row
    part: str | None = None     # the arithmetic that overflows, when it is not the whole expression
    dated: str | None = None    # a part computing a date or timestamp, when no overflow is confirmed


def locate(con: duckdb.DuckDBPyConnection, read: TableRead, catalog: Catalog) -> Overflow | None:
    """The first derive of ``read`` that fails out of range on the table (in ``con`` with its file
    columns under its own name, as a table), and its first such row; None when none does in DuckDB."""
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
                return _found(con, read, name, catalog.derives[read.source.name][name], sql, base, total)
        below += level
    return None


def locate_expressions(con: duckdb.DuckDBPyConnection, read: TableRead,
                       written: list[tuple[str, Expr, bool]]) -> Overflow | None:
    """A claim's own expressions over ``read``'s table (its file columns in ``con``, as a table; the
    derives computed over them): the first of ``written`` (its text, tree, and whether it is a
    ``where``) that fails out of range, at its first such row. A measure's expression is computed
    only on the rows a ``where`` of the claim keeps, as the claim's query computes it."""
    from ..backends.duckdb import with_derives
    table = read.source.name
    numbered = f"SELECT rowid AS {quote_ident(_POS)}, * FROM {quote_ident(table)}"
    base = with_derives(numbered, read)
    total = int(con.execute(f"SELECT count(*) FROM {quote_ident(table)}").fetchall()[0][0])
    wheres = [_sql(tree, table) for _, tree, is_where in written if is_where]
    kept = base if not wheres else (f"SELECT * FROM ({base}) AS {quote_ident(table)} WHERE "
                                    + " OR ".join(f"coalesce(({w}), false)" for w in wheres))
    windows = {render(c): c for _, tree, _ in written for c in walk(tree) if isinstance(c, Call)
               and c.function in WINDOW_FUNCTIONS}

    def as_written(tree: Expr) -> Expr:  # each lag/lead column back to the call it is
        for node in [n for n in walk(tree) if isinstance(n, Name) and n.link is None and n.column in windows]:
            tree = _swap(tree, node, windows[node.column])
        return tree

    for text, tree, is_where in sorted(written, key=lambda w: not w[2]):  # a where is computed first
        rows = base if is_where else kept
        columns = _as_columns(tree)
        sql = _sql(columns, table)
        if _failure(con, sql, rows, table, total) is not None:
            return _found(con, read, text, columns, sql, rows, total, as_written)
    return None


def _as_columns(tree: Expr) -> Expr:
    """``tree`` with each ``lag``/``lead`` as the derive column it is read from (computed over the
    whole table in file order, as the claim's query reads it)."""
    from ..expressions import map_calls
    return map_calls(tree, lambda call: Name(render(call), None, call.position)
                     if call.function in WINDOW_FUNCTIONS else None)


def _sql(tree: Expr, table: str) -> str:
    """DuckDB SQL of ``tree`` over the table's columns (and derives), named under ``table``."""
    from ..expressions import to_sql
    from ..planning.catalog import ROW

    def column(name: Name) -> str:
        return f"{quote_ident(table)}.{quote_ident(name.column)}"

    return to_sql(tree, column, row_order=f"{quote_ident(table)}.{quote_ident(ROW)}")


def _failure(con: duckdb.DuckDBPyConnection, sql: str, base: str, table: str, rows: int) -> str | None:
    """The error out of range computing ``sql`` over the first ``rows`` rows raises; None if it
    computes (or fails otherwise)."""
    error = _error(con, sql, base, table, rows)
    return error if error is not None and is_out_of_range(error) else None


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


def _found(con: duckdb.DuckDBPyConnection, read: TableRead, name: str, tree: Expr, sql: str,
           base: str, total: int, as_written: Callable[[Expr], Expr] = lambda tree: tree) -> Overflow:
    table = read.source.name
    good, bad = 0, total  # the first `good` rows compute, the first `bad` fail
    while bad - good > 1:
        middle = (good + bad) // 2
        if _failure(con, sql, base, table, middle) is None:
            good = middle
        else:
            bad = middle
    from .places import line_offset, place
    shown = _plain_names(tree)
    values: tuple[Any, ...] = ()
    if shown:
        cols = ", ".join(f"CAST({quote_ident(n)} AS VARCHAR)" for n in shown)
        values = con.execute(f"SELECT {cols} FROM ({base}) AS {quote_ident(table)} "
                             f"WHERE {quote_ident(_POS)} = {bad - 1}").fetchall()[0]
    error = first_line(_error(con, sql, base, table, bad) or "")
    confirmed = _overflowing_part(con, tree, base, table, bad)
    kind, part = confirmed if confirmed is not None else (None, None)
    return Overflow(name, kind, place(read.source, bad + line_offset(read.source), index=True),
                    tuple(zip(shown, (str(v) for v in values), strict=True)),
                    _working_rewrite(con, tree, base, table, total, as_written) if kind is not None else None,
                    error, None if part is None or part is tree else render(as_written(part)),
                    None if kind is not None else _dated_part(con, tree, base, table))


_ARITHMETIC_CALLS = frozenset({"abs", "round"})
_INTEGERS = {"TINYINT": ("INT8", 2**7), "SMALLINT": ("INT16", 2**15), "INTEGER": ("INT32", 2**31),
             "BIGINT": ("INT64", 2**63), "HUGEINT": ("INT128", 2**127)}
_DECIMAL = re.compile(r"DECIMAL\((\d+),(\d+)\)")


def _arithmetic(tree: Expr) -> list[Expr]:
    """The nodes of ``tree`` that compute a number from numbers, innermost first."""
    return [n for n in _inner_first(tree) if (isinstance(n, Binary) and n.op in ("+", "-", "*"))
            or (isinstance(n, Unary) and n.op == "-") or (isinstance(n, Call) and n.function in _ARITHMETIC_CALLS)]


def _limit(duck_type: str) -> tuple[str, int] | None:
    """A whole-number or decimal type's name as DuckDB's errors give it, and the bound its values
    stay below (in absolute value; a negative integer may also reach it); None for other types."""
    if duck_type in _INTEGERS:
        return _INTEGERS[duck_type]
    match = _DECIMAL.fullmatch(duck_type.replace(" ", ""))
    if match is None:
        return None
    digits, scale = int(match.group(1)), int(match.group(2))
    return f"DECIMAL({digits})", 10 ** (digits - scale)


def _type_of(con: duckdb.DuckDBPyConnection, sql: str, base: str, table: str) -> str | None:
    """The type DuckDB gives ``sql`` over the table (bound, not computed); None when it does not bind."""
    try:
        return str(con.execute(f"DESCRIBE SELECT ({sql}) AS x FROM ({base}) AS {quote_ident(table)}").fetchall()[0][1])
    except Exception as exc:  # noqa: BLE001 - no type: nothing confirmed
        from ..interrupts import reraise_interrupt
        reraise_interrupt(exc)
        return None


def _overflowing_part(con: duckdb.DuckDBPyConnection, tree: Expr, base: str, table: str,
                      bad: int) -> tuple[str, Expr] | None:
    """The innermost arithmetic of ``tree`` whose type is a whole number or decimal and whose value at
    row ``bad`` (1-based), recomputed with the numbers it reads as doubles, is past that type's range:
    (the type's name, the node); None when no part is confirmed to overflow."""
    columns = con.execute(f"DESCRIBE SELECT * FROM ({base})").fetchall()
    widened = [f"CAST({quote_ident(c)} AS DOUBLE) AS {quote_ident(c)}" for c, t, *_ in columns
               if c != _POS and _limit(str(t)) is not None]
    wide = f"SELECT * REPLACE ({', '.join(widened)}) FROM ({base})" if widened else base
    alias, pos = quote_ident(table), quote_ident(_POS)
    for node in _arithmetic(tree):
        sql = _sql(node, table)
        kind = _type_of(con, sql, base, table)
        bound = _limit(kind) if kind is not None else None
        if bound is None:
            continue
        try:
            got = con.execute(f"SELECT x FROM (SELECT {alias}.{pos} AS p, ({sql}) AS x FROM ({wide}) AS {alias} "
                              f"WHERE {alias}.{pos} < {int(bad)}) WHERE p = {int(bad) - 1}").fetchall()
        except Exception as exc:  # noqa: BLE001 - not computed in doubles either: not confirmed by this part
            from ..interrupts import reraise_interrupt
            reraise_interrupt(exc)
            continue
        value = got[0][0] if got else None
        name, top = bound
        if isinstance(value, (int, float, Decimal)) and not -top <= value < top:
            return name, node
    return None


def _dated_part(con: duckdb.DuckDBPyConnection, tree: Expr, base: str, table: str) -> str | None:
    """The innermost part of ``tree`` adding to or subtracting from a date (its type a DATE or a
    TIMESTAMP), rendered; None when there is none."""
    for node in _inner_first(tree):
        if isinstance(node, Binary) and node.op in ("+", "-"):
            kind = _type_of(con, _sql(node, table), base, table) or ""
            if kind.startswith(("DATE", "TIMESTAMP")):
                return render(node)
    return None


def _working_rewrite(con: duckdb.DuckDBPyConnection, tree: Expr, base: str, table: str, rows: int,
                     as_written: Callable[[Expr], Expr]) -> str | None:
    """The first of :func:`rewrites` that computes over every row without overflowing (and binds)."""
    for candidate in rewrites(tree):
        if _error(con, _sql(candidate, table), base, table, rows) is None:
            return render(as_written(candidate))
    return None


def _plain_names(tree: Expr) -> list[str]:
    """The columns (and derives) an expression reads at its own row: names inside ``lag``/``lead``
    read another row, and are left out."""
    inside = {id(n) for c in walk(tree) if isinstance(c, Call) and c.function in WINDOW_FUNCTIONS
              for n in walk(c) if isinstance(n, Name)}
    return list(dict.fromkeys(n.column for n in walk(tree) if isinstance(n, Name) and id(n) not in inside))


def problem(found: Overflow | None, read: TableRead, catalog: Catalog, loaded: LoadedClaims, error: str) -> Problem:
    """A derive that fails out of range as the claims file's problem: the derive's line, its table,
    columns and row; said to overflow only when the types confirm it."""
    table = read.source.name
    derive = found.derive if found is not None else _only_derive(read)
    line = (loaded.table_line(table, "derive", derive) if derive is not None else None) \
        or loaded.table_line(table, "derive") or loaded.table_line(table)
    what = f"derive '{derive}' of table '{table}'" if derive is not None else f"a derive of table '{table}'"
    tree = catalog.derives[table].get(derive) if derive is not None else None
    spell = (lambda text: f"derive: {{{derive}: \"{text}\"}}") if derive is not None else None
    return _problem(found, read, what, tree, error, spell, _numbers(read, catalog), str(loaded.path), line, None)


def claim_problem(found: Overflow, read: TableRead, what: str, key: str | None, line: int | None, file: str,
                  claim: str) -> Problem:
    """A claim's own expression (``found.derive``, its text) that fails out of range: the claim, the
    line of the expression in the claims file, the data's row and values, and a hint (written under
    the claims-file ``key`` it is given by, when known: ``where``, ``sum``)."""
    from ..expressions import parse
    tree = parse(found.derive)
    return _problem(found, read, f"its {what} '{found.derive}'", tree, found.error,
                    lambda text: f'{key}: "{text}"' if key else f'"{text}"',
                    [n.column for n in walk(tree) if isinstance(n, Name) and n.column in read.source.columns],
                    file, line, claim)


def in_claim(prepared: Prepared, backend: Backend, plan: ClaimPlan, error: str) -> Problem | None:
    """A claim's query failed out of range: when a derive of a table it reads is what fails (a
    Parquet file's derives are computed by each query, not when it is read), that derive, located
    as when a table is read; else the claim's own expression that fails, at its line in the claims
    file and the data's first row it fails on; None when neither is found."""
    from ..loading import table_read
    if not is_out_of_range(error):
        return None
    for name in sorted(t for t in prepared.sources if plan.reads(t) and prepared.catalog.used_derives.get(t)):
        read = table_read(prepared, name)
        found = backend.overflow_in_derives(read, prepared.catalog)
        if found is not None:
            return problem(found, read, prepared.catalog, prepared.loaded, error)
    for name in sorted(t for t in prepared.sources if plan.reads(t)):
        written = _own_expressions(plan, name)
        read = table_read(prepared, name)
        found = backend.overflow_in_expressions(read, prepared.catalog, written) if written else None
        if found is not None:
            w = next(w for w in plan.written if w.table == name and w.text == found.derive)
            return claim_problem(found, read, "expression" if w.what == "column" else w.what,
                                 _key(plan, w.what), w.line, str(prepared.loaded.path), plan.claim.id)
    return None


def _key(plan: ClaimPlan, what: str) -> str | None:
    """The claims-file key an expression of the claim is written under, when it is one key of the
    measure (``where``, ``sum``, ``share``); None for a part of a larger measure."""
    from ..measures import kind_of
    from ..measures._simple import NUMERIC_KINDS
    if what == "where":
        return "where"
    kind = kind_of(plan.claim.measure) if plan.claim.measure is not None else None
    return kind if kind in (*NUMERIC_KINDS, "share") and what in ("column", "condition") else None


def _own_expressions(plan: ClaimPlan, table: str) -> list[tuple[str, Expr, bool]]:
    """The expressions a claim wrote over ``table`` (its text, its tree, whether it is a ``where``),
    once each. Those reading a lookup's column are left out (computing them would need the join),
    and so is every measure expression when a ``where`` does (the rows it keeps are not known
    without the join)."""
    from ..expressions import names, parse
    own: dict[str, tuple[str, Expr, bool]] = {}
    joined_where = False  # a where through a lookup: which rows it keeps is not known here
    for w in plan.written:
        if w.table != table or w.text in own:
            continue
        tree = parse(w.text)
        if all(n.link is None for n in names(tree)):
            own[w.text] = (w.text, tree, w.what == "where")
        else:
            joined_where = joined_where or w.what == "where"
    return [o for o in own.values() if o[2] or not joined_where]


def _problem(found: Overflow | None, read: TableRead, what: str, tree: Expr | None, error: str,
             spell: Callable[[str], str] | None, numbers: list[str], file: str, line: int | None,
             claim: str | None) -> Problem:
    from .places import shown
    kind = found.type if found is not None else _named_type(error)
    text = render(tree) if tree is not None and not what.endswith(f"'{render(tree)}'") else None
    if kind is not None:
        message = f"{what} overflows {_RANGES.get(kind, f'its type ({kind})')}" + (f": {text}" if text else "")
        if found is not None and found.part is not None:
            message += f" (in {found.part})"
    else:
        message = f"{what} cannot be computed" + (f": {text}" if text else "")
    if found is not None and found.where is not None:
        values = ", ".join(f"{c} = {v}" for c, v in found.values)
        message += f", at {found.where} of {shown(read.source)}" + (f", where {values}" if values else "")
    if kind is None or found is None:
        message += f" ({first_line(found.error if found is not None and found.error else error)})"
    files = read.source.columns
    columns = [c for c, _ in found.values if c in files] if found is not None else []
    if kind is None:
        hint = _unconfirmed_hint(found)
    else:
        hint = _hint(kind, tree, columns or numbers, found.rewrite if found else None, found is not None, spell)
    return Problem(message, file=file, line=line, claim=claim, column=columns[0] if columns else None, hint=hint)


def _named_type(error: str) -> str | None:
    """The whole-number or decimal type an engine's error says overflowed (DuckDB's words name it)."""
    match = _TYPE.search(error)
    return match.group(1) if match is not None and match.group(1) in _RANGES else None


def _unconfirmed_hint(found: Overflow | None) -> str:
    if found is not None and found.dated is not None:
        return (f"{found.dated} gives a date outside the dates the engine can hold: check the number of days "
                "added to or subtracted from the date at that row (a count in other units, or a year, "
                "where days were meant?)")
    if found is None:
        return "the engine's words above say what is out of range; check the values the expression reads"
    return "the engine's words above say what is out of range at that row; check the values there"


def _hint(kind: str | None, tree: Expr | None, columns: list[str], rewrite: str | None,
          tried: bool, spell: Callable[[str], str] | None) -> str:
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
    shown = (f" ({spell(example)})" if rewrite else f" (e.g. {spell(example)})") if example and spell else ""
    integers = f"as {kind[3:]}-bit integers" if kind is not None and kind.startswith("INT") else "in their type"
    return (f"whole numbers are computed {integers}; a decimal in the arithmetic computes it exactly "
            f"in decimals, up to 38 digits: write a number with a decimal point{shown}")


def rewrites(tree: Expr) -> Iterator[Expr]:
    """Ways to write ``tree`` so its arithmetic is done in decimals, the likeliest first: one
    whole-number literal in arithmetic as a decimal, innermost first (``big * 10`` → ``big * 10.0``;
    an outer one would come too late), then all of them; then a column in arithmetic (also under a
    minus sign, ``abs`` or ``round``) times 1.0, innermost first, then all of them."""
    arithmetic = [b for b in _inner_first(tree) if isinstance(b, Binary) and b.op in ("+", "-", "*")]
    literals = [side for b in arithmetic for side in (b.left, b.right) if isinstance(side, Literal)
                and isinstance(side.value, int) and not isinstance(side.value, bool)]
    operands = [side for n in _arithmetic(tree) for side in (n.args[:1] if isinstance(n, Call) else children(n))]
    columns = [side for side in operands if isinstance(side, Name)]

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

