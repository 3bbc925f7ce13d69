"""Running plan nodes in DuckDB and turning result rows into exact values.

One function per measure kind family. Values are :class:`fractions.Fraction`
so a published figure is judged on its stated rounding, never on float noise:
a share is ``meeting / known`` as integers, a mean is an exact decimal sum over
a count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any, Callable

from .expressions import quote_literal
from .plan import ChangeNode, ExtremeNode, Simple, StreakNode, TopNode
from .report import Reason

Run = Callable[[str], list[tuple[Any, ...]]]
DEC = "DECIMAL(38,10)"


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


def frac(x: Any) -> Fraction | None:
    """An exact Fraction from what DuckDB returns (int, Decimal, float, bool)."""
    if x is None:
        return None
    if isinstance(x, bool):
        return Fraction(int(x))
    if isinstance(x, (int, Decimal, Fraction)):
        return Fraction(x)
    if isinstance(x, float):
        return Fraction(Decimal(repr(x)))
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

def aggregates(node: Simple) -> list[tuple[str, str, str | None]]:
    """The aggregates a simple measure needs: (alias, function, extra condition or None)."""
    x = f"({node.expr})" if node.expr else ""
    out: list[tuple[str, str, str | None]] = [("rows_kept", "count(*)", None)]
    by_kind: dict[str, list[tuple[str, str, str | None]]] = {
        "count": [],
        "share": [("known", "count(*)", f"{x} IS NOT NULL"), ("meeting", "count(*)", x)],
        "sum": [("total", f"sum(CAST({x} AS {DEC}))", None), ("n", f"count({x})", None)],
        "mean": [("total", f"sum(CAST({x} AS {DEC}))", None), ("n", f"count({x})", None), ("mean", f"avg({x})", None)],
        "median": [("median", f"median(CAST({x} AS {DEC}))", None), ("n", f"count({x})", None)],
        "min": [("min", f"min(CAST({x} AS {DEC}))", None), ("n", f"count({x})", None)],
        "max": [("max", f"max(CAST({x} AS {DEC}))", None), ("n", f"count({x})", None)],
        "value": [("value", f"min(CAST({x} AS {DEC}))", None), ("n", f"count({x})", None)],
        "count_distinct": [("distinct_values", f"count(DISTINCT {x})", None), ("n", f"count({x})", None)],
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
    if node.kind in ("sum", "mean"):
        total = frac(row["total"])
        assert total is not None
        ev.value = total if node.kind == "sum" else total / n_values
        if node.kind == "mean":
            ev.numerator, ev.denominator = total, Fraction(n_values)
    elif node.kind == "count_distinct":
        ev.value = Fraction(int(row["distinct_values"]))
    else:
        ev.value = frac(row[node.kind])
    return ev


def _share_neighbours(meeting: int, known: int) -> list[Fraction]:
    out = [Fraction(meeting + 1, known + 1), Fraction(meeting, known + 1)]
    if known > 1 and meeting > 0:
        out.append(Fraction(meeting - 1, known - 1))
    if known > 1 and known - meeting > 0:
        out.append(Fraction(meeting, known - 1))
    return out


def evaluate_simple(node: Simple, run: Run, columns: Callable[[str], list[str]]) -> dict[str, Evaluated] | Evaluated:
    sql = simple_sql(node)
    rows = run(sql)
    names = columns(sql)
    dicts = [dict(zip(names, r)) for r in rows]
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
    return float(x) if isinstance(x, Fraction) else None


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
    ev.details = {"value": float(x), "rank": rank, "of": len(known),
                  "runner_up": {"key": others[0][0], "value": float(others[0][1])} if others else None,
                  "last_as_" + ("low" if node.is_ == "lowest" else "high"):
                      ({"key": as_low[-1], "value": float(known[as_low[-1]])} if as_low else None),
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
    ev.details = {"ranking": [{"value": v, "figure": float(f)} for v, f in ranked[: max(node.n + 3, 5)]],
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
