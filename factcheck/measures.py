"""Running plan nodes in DuckDB and turning result rows into exact values.

One function per measure kind family. Values are :class:`fractions.Fraction`
so a published figure is judged on its stated rounding, never on float noise:
a share is ``meeting / known`` as integers, a mean is an exact decimal sum over
a count.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any, Callable, Iterable

from .expressions import quote_literal
from .numbers import as_float
from .plan import ChangeNode, ExtremeNode, Simple, StreakNode, TopNode
from .report import Reason

Run = Callable[[str], list[tuple[Any, ...]]]
Stream = Callable[[str], Iterable[tuple[Any, ...]]]
DEC = "DECIMAL(38,10)"
NUMERIC_KINDS = ("sum", "mean", "median", "min", "max", "value")
_INTEGERS = frozenset({"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
                       "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT"})
# a DOUBLE whose shortest decimal has an exponent below zero or more than 10 decimals does not fit DEC
_NOT_DEC = r"e-|\.[0-9]{11}"


@dataclass
class Evaluated:
    """A measure's value and everything needed to explain and judge it."""

    value: Fraction | bool | list[str] | None
    rows_kept: int | None = None
    rows_unknown: int | None = None
    numerator: Fraction | None = None
    denominator: Fraction | None = None
    base: int | None = None                  # records the figure rests on (for small_base)
    unavailable: Reason | None = None         # zero_denominator / no_rows
    why: str = ""
    sql: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    series: list[tuple[str, Fraction | None]] | None = None
    marked: set[str] = field(default_factory=set)  # series keys the claim names (from, to, at, since)
    neighbours: list[Fraction] = field(default_factory=list)  # values one record away (for `fragile`)
    exact_count: bool = False  # a plain count: one record always matters, so no `fragile` note


class NotFinite(ValueError):
    """A value is infinite or not a number (the data holds ``inf`` or ``nan``)."""


class MeasureError(Exception):
    """A measure has no figure because of what the data holds; the run reports it on the claim."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


def frac(x: Any) -> Fraction | None:
    """An exact Fraction from what DuckDB returns (int, Decimal, float, bool).

    A float (a DOUBLE) stands for the shortest decimal that reads back as it, which is
    what a data file wrote: ``2.45`` is 49/20, ``21433226000000.0`` is 21433226000000.
    Nothing passes through a fixed-scale decimal cast, which invents digits for large
    values and drops them for tiny ones. Infinite values and NaN raise :class:`NotFinite`.

    >>> frac(21433226000000.0), frac(2.45), frac(5e-324) == Fraction(5, 10**324)
    (Fraction(21433226000000, 1), Fraction(49, 20), True)
    """
    if x is None:
        return None
    if isinstance(x, bool):
        return Fraction(int(x))
    if isinstance(x, float):
        if not math.isfinite(x):
            raise NotFinite(repr(x))
        return Fraction(Decimal(repr(x)))
    if isinstance(x, Decimal) and not x.is_finite():
        raise NotFinite(str(x))
    if isinstance(x, (int, Decimal, Fraction)):
        return Fraction(x)
    raise TypeError(f"not a number: {x!r}")


def key(x: Any) -> str:
    """How a group value is matched with `from`, `to`, `at`: 2019, 2019.0 and '2019' agree."""
    if isinstance(x, (dt.date, dt.datetime)):
        return x.isoformat()
    if isinstance(x, bool):
        return str(x).lower()
    if isinstance(x, (int, float, Decimal)) and not isinstance(x, bool):
        f = Fraction(Decimal(str(x)))
        return str(f.numerator) if f.denominator == 1 else str(Decimal(str(x)).normalize())
    return str(x)


# --------------------------------------------------------------------------- simple measures

def number_class(sql_type: str | None) -> str:
    """How a column's values are aggregated exactly: ``exact`` (integers, DECIMAL) as they are;
    ``double`` (DOUBLE, FLOAT) by their shortest decimals; ``cast`` (text, booleans, unknown)
    through ``CAST(… AS DECIMAL(38,10))``, which reads numbers written as text.

    >>> [number_class(t) for t in ("BIGINT", "DECIMAL(18,3)", "DOUBLE", "VARCHAR", None)]
    ['exact', 'exact', 'double', 'cast', 'cast']
    """
    t = (sql_type or "").upper()
    if t in _INTEGERS or t.startswith("DECIMAL"):
        return "exact"
    if t in ("DOUBLE", "FLOAT", "REAL"):
        return "double"
    return "cast"


def aggregates(node: Simple) -> list[tuple[str, str, str | None]]:
    """The aggregates a simple measure needs: (alias, function, extra condition or None).

    Integers and DECIMALs are summed, compared and ranked as they are (DuckDB is exact on
    them). A DOUBLE's sum goes through the text of each value (``CAST(x AS VARCHAR)``, its
    shortest decimal) into DECIMAL(38,10); ``inexact`` counts the values that do not fit
    there, and when there are any the sum is taken in Python instead (:func:`exact_sum_sql`).
    A median is the mean of its two middle values, each taken as it is.
    """
    x = f"({node.expr})" if node.expr else ""
    cls = number_class(node.expr_type)
    plain = f"CAST({x} AS {DEC})" if cls == "cast" else x
    as_text = f"TRY_CAST(CAST({x} AS VARCHAR) AS {DEC})"
    Agg = tuple[str, str, str | None]
    total: list[Agg]
    if cls == "exact":
        total = [("total", f"sum({x})", None)]
    elif cls == "double":
        total = [("total", f"sum({as_text})", None),
                 ("inexact", f"count({x})", f"{as_text} IS NULL OR regexp_matches(CAST({x} AS VARCHAR), '{_NOT_DEC}')")]
    else:
        total = [("total", f"sum({plain})", None)]
    median: list[tuple[str, str, str | None]] = (
        [("median", f"median({plain})", None)] if cls == "cast" else
        [("median_low", f"quantile_disc({x}, 0.5)", None),
         ("median_high", f"percentile_disc(0.5) WITHIN GROUP (ORDER BY {x} DESC)", None)])
    out: list[tuple[str, str, str | None]] = [("rows_kept", "count(*)", None)]
    n = ("n", f"count({x})", None)
    by_kind: dict[str, list[tuple[str, str, str | None]]] = {
        "count": [],
        "share": [("known", "count(*)", f"{x} IS NOT NULL"), ("meeting", "count(*)", x)],
        "sum": [*total, n],
        "mean": [*total, n, ("mean", f"avg({x})", None)],
        "median": [*median, n],
        "min": [("min", f"min({plain})", None), n],
        "max": [("max", f"max({plain})", None), n],
        "value": [("value", f"min({plain})", None), n],
        "count_distinct": [("distinct_values", f"count(DISTINCT {x})", None), n],
    }
    return out + by_kind[node.kind]


def simple_sql(node: Simple) -> str:
    """One measure as a standalone query: what a reader sees and can re-run."""
    cols = [f"{node.group} AS \"group\""] if node.group else []
    cols += [f"{fn} FILTER (WHERE {cond}) AS {alias}" if cond else f"{fn} AS {alias}"
             for alias, fn, cond in aggregates(node)]
    sql = "SELECT " + ",\n       ".join(cols) + "\n" + node.scan.from_sql() + node.scan.where_sql()
    return sql + ("\nGROUP BY 1\nORDER BY 1" if node.group else "")


def fused_sql(nodes: list[Simple], from_sql: str) -> str:
    """Several ungrouped measures on one table in a single scan, each aggregate filtered by its own
    `where` (claims on the same table share work). Aliases are ``"<i>.<alias>"``."""
    cols = []
    for i, node in enumerate(nodes):
        for alias, fn, cond in aggregates(node):
            conds = [c for c in (node.scan.where and f"({node.scan.where})", cond) if c]
            filt = f" FILTER (WHERE {' AND '.join(conds)})" if conds else ""
            cols.append(f'{fn}{filt} AS "{i}.{alias}"')
    return "SELECT " + ",\n       ".join(cols) + "\n" + from_sql


def simple_value(node: Simple, row: dict[str, Any] | None) -> Evaluated:
    """Interpret one result row (``None``: a group with no rows)."""
    kept = int(row["rows_kept"]) if row else 0
    if node.kind == "count":
        # a count stated exactly is always one record from failing: no `fragile` note for it,
        # but the neighbours are kept for measures built on counts (ratio, change)
        n = Fraction(kept)
        return Evaluated(n, rows_kept=kept, base=kept, exact_count=True,
                         neighbours=[n - 1, n + 1] if kept else [n + 1])
    if node.kind == "share":
        known, meeting = (int(row["known"]), int(row["meeting"])) if row else (0, 0)
        ev = Evaluated(None, rows_kept=kept, rows_unknown=kept - known, base=known,
                       numerator=Fraction(meeting), denominator=Fraction(known))
        if known == 0:
            ev.unavailable = Reason.NO_ROWS if kept == 0 else Reason.ZERO_DENOMINATOR
            ev.why = "no rows pass the filter" if kept == 0 else "every row's condition is unknown"
            return ev
        ev.value = Fraction(meeting, known)
        ev.neighbours = _share_neighbours(meeting, known)
        return ev
    n_values = int(row["n"]) if row else 0
    ev = Evaluated(None, rows_kept=kept, rows_unknown=kept - n_values, base=n_values)
    if kept == 0 or n_values == 0:
        ev.unavailable = Reason.NO_ROWS
        ev.why = "no rows pass the filter" if kept == 0 else f"every kept row has no value for {node.expr_text}"
        return ev
    assert row is not None
    if node.kind == "value" and kept > 1:
        ev.why = f"{kept} rows are kept, a value claim needs exactly one: narrow the 'where'"
        ev.details["error"] = ev.why
        return ev
    try:
        if node.kind in ("sum", "mean"):
            total = frac(row["total"])
            assert total is not None
            ev.value = total if node.kind == "sum" else total / n_values
            if node.kind == "mean":
                ev.numerator, ev.denominator = total, Fraction(n_values)
        elif node.kind == "count_distinct":
            ev.value = Fraction(int(row["distinct_values"]))
        elif "median_low" in row:
            low, high = frac(row["median_low"]), frac(row["median_high"])
            assert low is not None and high is not None
            ev.value = (low + high) / 2
        else:
            ev.value = frac(row[node.kind])
    except NotFinite as exc:
        raise MeasureError(f"{node.expr_text} holds a value that is not a finite number ({exc}), so its {node.kind} "
                           "is no figure", "the data has inf or nan there: leave those rows out with where:, "
                           "or fix the data") from None
    return ev


def exact_sum_sql(node: Simple) -> str:
    """The kept rows' values as text, for a sum that DECIMAL(38,10) cannot hold exactly:
    DOUBLEs beyond 10**28 or with more than 10 decimals, or a sum past DuckDB's 38 digits."""
    cols = [f"{node.group} AS \"group\""] if node.group else []
    cols.append(f"CAST(({node.expr}) AS VARCHAR) AS value")
    return "SELECT " + ", ".join(cols) + "\n" + node.scan.from_sql() + node.scan.where_sql()


def exact_sums(node: Simple, rows: Iterable[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """Sum the values of :func:`exact_sum_sql` exactly, by group: one result row per group,
    shaped like a row of :func:`simple_sql` (``total`` is a Fraction).

    Each value is a decimal text (a DOUBLE's shortest decimal, an integer, a DECIMAL);
    digits are added up per power of ten, so no value is ever rounded, however large or
    small. A value that is not a finite number makes the total NaN.
    """
    groups: dict[Any, dict[str, Any]] = {}
    for row in rows:  # one row at a time: the values are never all held at once
        group, text = (row[0], row[1]) if node.group else (None, row[0])
        acc = groups.setdefault(group, {"group": group, "rows_kept": 0, "n": 0, "digits": {}, "bad": None})
        acc["rows_kept"] += 1
        if text is None:
            continue
        acc["n"] += 1
        try:
            value = Decimal(text)
        except ArithmeticError:
            value = Decimal("NaN")
        if not value.is_finite():
            acc["bad"] = acc["bad"] or value
            continue
        sign, digits, exponent = value.as_tuple()
        mantissa = int("".join(map(str, digits)) or "0")
        acc["digits"][exponent] = acc["digits"].get(exponent, 0) + (-mantissa if sign else mantissa)
    out = []
    for acc in groups.values():
        exps = acc.pop("digits")
        bad = acc.pop("bad")
        acc["total"] = bad if bad is not None else sum((Fraction(m) * Fraction(10) ** e for e, m in exps.items()), Fraction(0))
        out.append(acc)
    return out


def _share_neighbours(meeting: int, known: int) -> list[Fraction]:
    out = [Fraction(meeting + 1, known + 1), Fraction(meeting, known + 1)]
    if known > 1 and meeting > 0:
        out.append(Fraction(meeting - 1, known - 1))
    if known > 1 and known - meeting > 0:
        out.append(Fraction(meeting, known - 1))
    return out


def needs_exact_sum(row: dict[str, Any]) -> bool:
    """Does a result row hold a DOUBLE sum that DECIMAL(38,10) could not take exactly?"""
    return bool(row.get("inexact"))


def evaluate_simple(node: Simple, run: Run, columns: Callable[[str], list[str]],
                    stream: Stream | None = None) -> dict[str, Evaluated] | Evaluated:
    sql = simple_sql(node)
    dicts: list[dict[str, Any]] | None
    try:
        rows = run(sql)
        names = columns(sql)
        dicts = [dict(zip(names, r)) for r in rows]
    except Exception as exc:
        if (stream is None or node.kind not in ("sum", "mean") or number_class(node.expr_type) == "cast"
                or "Overflow" not in str(exc)):
            raise
        dicts = None  # a sum past DuckDB's 38 digits: add it up exactly below
    if stream is not None and (dicts is None or any(needs_exact_sum(d) for d in dicts)):
        sql = exact_sum_sql(node)
        dicts = exact_sums(node, stream(sql))
    assert dicts is not None  # without `stream` the error above was raised again
    if node.group is None:
        ev = simple_value(node, dicts[0] if dicts else None)
        ev.sql.append(sql)
        return ev
    out: dict[str, Evaluated] = {}
    for d in dicts:
        if d["group"] is None:
            continue
        ev = simple_value(node, d)
        ev.sql.append(sql)
        out[key(d["group"])] = ev
    out["\0sql"] = Evaluated(None, sql=[sql])  # carries the query for groups that are absent
    return out


# --------------------------------------------------------------------------- composites

def ratio_value(num: Evaluated, den: Evaluated) -> Evaluated:
    ev = Evaluated(None, numerator=_num(num), denominator=_num(den), sql=num.sql + den.sql,
                   rows_kept=None, base=min(b for b in (num.base, den.base) if b is not None)
                   if num.base is not None or den.base is not None else None)
    for part in (num, den):
        if part.unavailable:
            ev.unavailable, ev.why = part.unavailable, part.why
            return ev
    a, b = _num(num), _num(den)
    if a is None or b is None:
        ev.unavailable, ev.why = Reason.NO_ROWS, "a part of the ratio has no value"
        return ev
    if b == 0:
        ev.unavailable, ev.why = Reason.ZERO_DENOMINATOR, "the denominator measure is zero"
        return ev
    ev.value = a / b
    ev.neighbours = [n / d for n in [a, *num.neighbours] for d in [b, *den.neighbours] if d and (n, d) != (a, b)]
    return ev


def _num(ev: Evaluated) -> Fraction | None:
    return ev.value if isinstance(ev.value, Fraction) else None


def change_value(node: ChangeNode, start: Evaluated, end: Evaluated) -> Evaluated:
    a, b = start.value, end.value
    ev = Evaluated(None, numerator=_num(end), denominator=_num(start), sql=start.sql,
                   base=min(x for x in (start.base, end.base) if x is not None)
                   if start.base is not None or end.base is not None else None)
    ev.details = {"from": {"key": key(node.from_), "value": _float(a)},
                  "to": {"key": key(node.to), "value": _float(b)}}
    for part, label in ((start, node.from_), (end, node.to)):
        if part.unavailable:
            ev.unavailable, ev.why = part.unavailable, f"at {label}: {part.why}"
            return ev
    assert isinstance(a, Fraction) and isinstance(b, Fraction)

    def compute(x: Fraction, y: Fraction) -> Fraction | None:
        if node.as_ in ("percent", "ratio") and x == 0:
            return None
        return {"percent": lambda: (y - x) / x, "ratio": lambda: y / x,
                "points": lambda: y - x, "absolute": lambda: y - x}[node.as_]()

    ev.value = compute(a, b)
    if ev.value is None:
        ev.unavailable, ev.why = Reason.ZERO_DENOMINATOR, f"the value at {node.from_} is zero"
        return ev
    ev.neighbours = [v for x in [a, *start.neighbours] for y in [b, *end.neighbours]
                     if (x, y) != (a, b) and (v := compute(x, y)) is not None]
    return ev


def _float(x: Any) -> float | None:
    return as_float(x) if isinstance(x, Fraction) else None


def extreme_value(node: ExtremeNode, series: dict[str, Fraction | None]) -> Evaluated:
    """Is the value at ``at`` the lowest (highest) since ``since``, or on record?"""
    keys = list(series)
    ev = Evaluated(None, series=[(k, v) for k, v in series.items()])
    at = key(node.at)
    x = series.get(at)
    if x is None:
        ev.unavailable, ev.why = Reason.NO_ROWS, f"there is no value at {node.at}"
        return ev
    better = (lambda a, b: a < b) if node.is_ == "lowest" else (lambda a, b: a > b)
    known = {k: v for k, v in series.items() if v is not None}
    ordered = sorted(known.items(), key=lambda kv: kv[1], reverse=node.is_ == "highest")
    rank = 1 + sum(1 for k, v in known.items() if k != at and better(v, x))
    others = [(k, v) for k, v in ordered if k != at]
    before = [k for k in keys if _lt(k, at)]
    as_low = [k for k in before if k in known and not better(x, known[k])]
    ev.details = {"value": as_float(x), "rank": rank, "of": len(known),
                  "runner_up": {"key": others[0][0], "value": as_float(others[0][1])} if others else None,
                  "last_as_" + ("low" if node.is_ == "lowest" else "high"):
                      ({"key": as_low[-1], "value": as_float(known[as_low[-1]])} if as_low else None),
                  "data_from": keys[0] if keys else None}
    if node.since is not None:
        since = key(node.since)
        between = [k for k in keys if _lt(since, k) and _lt(k, at)]
        y = known.get(since)
        ok = all(better(x, known[k]) for k in between if k in known) and y is not None and not better(x, y)
    else:
        ok = all(better(x, v) for k, v in known.items() if k != at)
    ev.value = ok
    ev.base = len(known)
    return ev


def _lt(a: str, b: str) -> bool:
    try:
        return Fraction(a) < Fraction(b)
    except ValueError:
        return a < b


def fill_gaps(groups: dict[str, Evaluated]) -> list[str]:
    """Integer periods (years) with no rows still count: a year with no convictions is a zero."""
    keys = [k for k in groups if not k.startswith("\0")]
    try:
        ints = sorted(int(k) for k in keys)
    except ValueError:
        return sorted(keys, key=_sort_key)
    if not ints:
        return []
    return [str(i) for i in range(ints[0], ints[-1] + 1)]


def _sort_key(k: str) -> tuple[int, Any]:
    try:
        return (0, Fraction(k))
    except ValueError:
        return (1, k)


# --------------------------------------------------------------------------- top and streak

def top_sql(node: TopNode) -> str:
    direction = "ASC" if node.lowest else "DESC"
    return (f"SELECT ({node.column}) AS value, count(*) AS n\n{node.scan.from_sql()}{node.scan.where_sql()}"
            f"\nGROUP BY 1\nORDER BY n {direction}, value")


def top_value(node: TopNode, ranked: list[tuple[str, Fraction]], unknown: int, kept: int) -> Evaluated:
    ev = Evaluated(None, rows_kept=kept, rows_unknown=unknown)
    if not ranked:
        ev.unavailable, ev.why = Reason.NO_ROWS, "no rows with a value pass the filter"
        return ev
    ev.value = [v for v, _ in ranked[: node.n]]
    cut = ranked[min(node.n, len(ranked)) - 1][1]
    ties = [v for v, f in ranked[node.n:] if f == cut]
    ev.details = {"ranking": [{"value": v, "figure": as_float(f)} for v, f in ranked[: max(node.n + 3, 5)]],
                  "ties_at_cut": ties}
    ev.base = kept
    return ev


def streak_sql(node: StreakNode) -> str:
    """Longest runs first; with ``ending``, only the run through that row, cut at it."""
    body = (f"WITH ordered AS (\n  SELECT ({node.order}) AS position, coalesce(({node.cond}), FALSE) AS ok\n"
            f"  {node.scan.from_sql()}{node.scan.where_sql()}\n),\n"
            "runs AS (\n  SELECT position, ok, row_number() OVER (ORDER BY position)"
            " - row_number() OVER (PARTITION BY ok ORDER BY position) AS run\n  FROM ordered\n)\n"
            "SELECT min(position) AS starts, max(position) AS ends, count(*) AS length\nFROM runs WHERE ok")
    if node.ending is not None:
        at = literal(node.ending)
        body += (f" AND position <= {at}\n  AND run = (SELECT run FROM runs WHERE ok AND position = {at})")
    return body + "\nGROUP BY run\nORDER BY length DESC, ends DESC"


def streak_value(node: StreakNode, runs: list[tuple[Any, Any, int]], kept: int) -> Evaluated:
    ev = Evaluated(None, rows_kept=kept, base=kept)
    if kept == 0:
        ev.unavailable, ev.why = Reason.NO_ROWS, "no rows pass the filter"
        return ev
    chosen = runs[0] if runs else None
    length = int(chosen[2]) if chosen else 0
    ev.value = Fraction(length)
    ev.exact_count = True
    ev.details = {"starts": key(chosen[0]) if chosen else None, "ends": key(chosen[1]) if chosen else None}
    if node.ending is not None:
        ev.details["ending"] = key(node.ending)
    return ev


def literal(value: Any) -> str:
    return quote_literal(Decimal(str(value)) if isinstance(value, float) else value)
