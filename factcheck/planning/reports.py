"""Missing reports: the periods a group that reports a table's rows (``reported_by:``) has no row
for, read against the periods a claim names, and said for a reader.

:class:`~factcheck.planning.execute.Executor` asks the data which periods each group lacks (one query
per table); the functions here decide which of those a claim's figure rests on (:func:`falls_in`) and
say them (:func:`missing_said`), in runs of months or years.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..expressions import quote_literal
from ..measures._values import Cadence, key
from ..outcome import MISSING_REPORT
from .nodes import DATE_MARK, ReportCheck

Through = dict[tuple[str, str], tuple[Any, Any]]
"""The periods a missing year or month is through an expression of its date (a fiscal year), as the
least and the greatest value it takes over the month's days: by (expression, period)."""


def templates(check: ReportCheck) -> list[str]:
    """The expressions of the date (SQL with :data:`DATE_MARK`) that ``check`` reads periods through."""
    ofs = [c[2] for c in check.conds if len(c) > 2] or [check.of]
    return [of for of in dict.fromkeys(ofs) if DATE_MARK in of]


def through_sql(template: str, holes: list[str], unit: str) -> str:
    """A query of the value of ``template`` at each of ``holes`` (years, or months' first days, over
    each of their days): the period, the least value and the greatest."""
    if unit == "year":
        rows = ", ".join(f"({int(h)})" for h in holes)
        return (f"SELECT CAST(h AS VARCHAR), {template.replace(DATE_MARK, 'h')}, {template.replace(DATE_MARK, 'h')}"
                f"\nFROM (VALUES {rows}) AS t(h)")
    rows = ", ".join(f"(CAST({quote_literal(h)} AS DATE))" for h in holes)
    days = "CAST(unnest(generate_series(h, h + INTERVAL 1 MONTH - INTERVAL 1 DAY, INTERVAL 1 DAY)) AS DATE)"
    return (f"SELECT CAST(h AS VARCHAR), min(v), max(v)\nFROM (SELECT h, {template.replace(DATE_MARK, 'd')} AS v\n"
            f"      FROM (SELECT h, {days} AS d FROM (VALUES {rows}) AS t(h)))\nGROUP BY h")


def falls_in(hole: str, unit: str, check: ReportCheck, through: Through | None = None) -> bool:
    """Does the period ``hole`` (a year, or a month's first day) lie among the periods ``check``
    names, each condition read through its own ``of`` (the year of a month, the quarter it is in,
    its days, another expression of its date: ``through``), the check's by default? All conditions
    must hold: ``month >= '2022-08-01' and yr == 2022`` is August to December 2022."""
    for cond in check.conds:  # each must hold for some period of the hole (a month is an interval of days)
        op, lits = cond[0], cond[1]
        of = cond[2] if len(cond) > 2 else check.of
        span = _through(hole, of, through or {}) if DATE_MARK in of else _interval(hole, unit, of)
        if span is None:
            return False
        lo, hi, cast = span
        vals = [cast(key(v)) for v in lits]
        if any(v is None for v in vals):
            return False
        if op in ("==", "in"):
            meets = any(lo <= v <= hi for v in vals)
        elif op == "between":
            meets = lo <= vals[-1] and vals[0] <= hi
        elif op == "!=":  # every period but one: a hole that is that one period is left out
            meets = not (lo == hi == vals[0])
        else:
            meets = {"<": lo < vals[0], "<=": lo <= vals[0], ">": hi > vals[0], ">=": hi >= vals[0]}.get(op, True)
        if not meets:
            return False
    return True


def _through(hole: str, of: str, through: Through) -> tuple[Any, Any, Callable[[str], Any]] | None:
    """The least and greatest values of the expression ``of`` over the period ``hole``, as
    :func:`_interval` gives them, or None when they are not known (the expression failed)."""
    got = through.get((of, hole))
    if got is None or got[0] is None or got[1] is None:
        return None
    lo, hi = got
    if isinstance(lo, int) and isinstance(hi, int) and not isinstance(lo, bool):
        return lo, hi, _as_int
    return key(lo), key(hi), str


def _interval(hole: str, unit: str, of: str) -> tuple[Any, Any, Callable[[str], Any]] | None:
    """The periods of ``hole`` read through ``of``, as the first and last of them (comparable with
    the claim's literals cast by the third), or None when ``of`` does not apply to the unit."""
    import datetime as dt
    if unit == "year":
        return (int(hole), int(hole), _as_int) if of == "same" else None
    first = dt.date.fromisoformat(hole)
    if of == "year":
        return first.year, first.year, _as_int
    if of == "month_start":
        return hole, hole, str
    if of == "quarter_start":
        q = first.replace(month=(first.month - 1) // 3 * 3 + 1).isoformat()
        return q, q, str
    after = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)  # the dates themselves: every day
    return hole, (after - dt.timedelta(days=1)).isoformat() + "\uffff", str  # a time on the last day too


def _as_int(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def runs_said(periods: list[str], unit: str) -> str:
    """Periods said as runs: "2019-02 to 2019-12, 2020-03" (months), "2016, 2018 to 2019" (years);
    at most :data:`MAX_RUNS_SAID` runs, then how many periods in all."""
    place = Cadence(1, 0, 0, "month" if unit == "month" else "").position

    def said(p: str) -> str:
        return p[:7] if unit == "month" else p
    runs: list[list[str]] = []
    for p in periods:
        if runs and place(p) == (place(runs[-1][-1]) or 0) + 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    text = ", ".join(said(r[0]) if len(r) == 1 else f"{said(r[0])} to {said(r[-1])}" for r in runs[:MAX_RUNS_SAID])
    return text + (f" … ({len(periods)} {unit}s in all)" if len(runs) > MAX_RUNS_SAID else "")


MAX_RUNS_SAID = 4
"""Runs of missing periods named for one group."""

MAX_GROUPS_SAID = 5
"""Groups named in a missing report's message; the rest are counted."""


SCATTERED = 3
"""Groups with holes in a table declared ``reported_by`` from which its rows look like events (a month
with no incident) rather than reports, and the message says how to tell."""


def missing_said(check: ReportCheck, unit: str, hit: dict[str, list[str]], holed: int = 0) -> str:
    """``check``'s periods, and the groups with no rows there (with the periods they lack); ``holed``:
    how many groups of the whole table have a hole, and from :data:`SCATTERED` on, the message says
    that a table of events may have real zeros."""
    named = [(g, runs_said(units, unit)) for g, units in list(hit.items())[:MAX_GROUPS_SAID]]
    if len(hit) == 1:
        (g, units), = named
        who = f"{check.group} {g} has no row in {units}, though it has rows before and after"
    else:
        more = len(hit) - len(named)
        listed = ", ".join(f"{check.group} {g} ({units})" for g, units in named) + (f" and {more} more" if more else "")
        who = f"{listed} have no row there, though each has rows before and after"
    events = (f"; {holed} groups ({check.group}) have such holes: if the rows are events, not reports (an incident, "
              f"not a monthly return), a {unit} without one is a real zero, and reported_by does not fit the table"
              if holed >= SCATTERED else "")
    return (f"{check.text}: {who} (table {check.table} is reported by {check.group}: a {unit} inside one's "
            f"first and last with no row of it {MISSING_REPORT}{events})")
