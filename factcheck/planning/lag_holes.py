"""``lag``/``lead`` across a missing report: the previous row of a group's series is not its
previous period when the group did not report the periods between.

A table declared ``reported_by: station`` holds one row per station and day; Dock Street sent
nothing in March. ``lag(pm25, date, station)`` at Dock Street's 1 April row is its 29 February
reading, so "rose from the day before" compares two readings a month apart, and a count of such
rises is silently one too many. A figure that reads a ``lag`` (or ``lead``) at a row whose
neighbour in the series lies across a missing report is ``unverifiable`` (``period_not_covered``),
as a ``rising`` run across one is, naming the group, the two rows and the periods between.

The check is planned only for a claim that reads a window on a table declared ``reported_by``
(:func:`lag_checks`), and asks one query then (:func:`crossings_sql`): the shipped story, with no
such table, runs none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..expressions import (
    WINDOW_FUNCTIONS,
    Call,
    Expr,
    Name,
    calls,
    leaves_unknown,
    names,
    quote_ident,
    quote_literal,
    render,
)
from ..measures._values import key, sort_key
from .catalog import ROW
from .lag_order import windows_read
from .nodes import walk
from .reports import runs_said

if TYPE_CHECKING:
    from .catalog import Catalog
    from .compiler import Compiler

MAX_CROSSINGS_SAID = 3
"""Pairs of rows across a missing report named in a message; the rest are counted."""


@dataclass(frozen=True)
class LagCheck:
    """The rows of a claim's scan that read ``lag``/``lead`` on a table reported by ``group``."""

    table: str
    group: str                   # the column naming who reports (``reported_by``)
    time: str                    # the file column of the periods they report by
    dated: bool                  # ``time`` is a CSV column read without a type: checked only if it reads as dates
    said: tuple[str, ...]        # the calls as written: lag(pm25, date, station)
    functions: frozenset[str]    # lag, lead
    from_sql: str
    over: str = ""               # the calls' own window (SQL): PARTITION BY their series, ORDER BY their order
    kept: Callable[[], str | None] | None = field(default=None, compare=False)
    """The claim's filter with each part that reads a window made unknown (SQL): the rows whose
    window value the figure may read (those the filter keeps whatever the window gives)."""


def lag_checks(c: Compiler) -> list[LagCheck]:
    """The checks of each scan of ``c``'s claim whose table is declared ``reported_by`` and whose
    expressions read a ``lag``/``lead`` of it (written in the claim or in a derive it reads)."""
    cat, plan = c.cat, c.plan
    read: dict[str, list[Call]] = {}
    for written in plan.written:
        for table, call, _ in windows_read(cat, written.table, written.text, _windows):
            if call not in read.setdefault(table, []):
                read[table].append(call)
    out: list[LagCheck] = []
    for node in walk(plan.node):
        for scan in node.scans():
            src = cat.sources.get(scan.table)
            if scan.table not in read or src is None or src.decl.reported_by is None:
                continue
            windows: dict[str, list[Call]] = {}  # each window the calls read, by its OVER: followed as they are
            for call in read[scan.table]:
                windows.setdefault(_over(scan, call), []).append(call)
            for over, found in windows.items():
                order: Expr | None = found[0].args[1] if len(found[0].args) > 1 else None
                if order is None:  # file order: the periods of the time column the file is checked to run by
                    order = next((Name(t) for t in src.decl.time_columns()), None)
                report = c.report_check(scan, order, (), "") if order is not None else None
                if report is None:
                    continue  # ordered by what is no period of a time column: nothing to say of reports

                def kept(scan: Any = scan, table: str = scan.table) -> str | None:
                    tree = scan.where_expr
                    return None if tree is None else scan.sql(windows_unknown(cat, table, tree))
                check = LagCheck(scan.table, report.group, report.time, report.dated,
                                 tuple(dict.fromkeys(render(call) for call in found)),
                                 frozenset(call.function for call in found), scan.from_sql(), over, kept)
                if check not in out:
                    out.append(check)
    return out


def _over(scan: Any, call: Call) -> str:
    """The window ``call`` reads, as its SQL renders it (expressions/_sql.py): PARTITION BY its
    series (``lag(x, date, station, sensor)``: each station's sensor), ORDER BY its order, the
    file's row breaking ties (by the file's row alone without an order)."""
    row = f"{quote_ident(scan.table)}.{quote_ident(ROW)}"
    order = [f"{scan.sql(a)} NULLS LAST" for a in call.args[1:2]] + [row]
    series = [scan.sql(a) for a in call.args[2:]]
    return (f"PARTITION BY {', '.join(series)} " if series else "") + f"ORDER BY {', '.join(order)}"


def _windows(expr: Expr) -> list[Call]:
    return [call for call in calls(expr) if call.function in WINDOW_FUNCTIONS]


def windows_unknown(cat: Catalog, table: str, tree: Expr) -> Expr:
    """``tree`` with each comparison (or boolean column) that reads a window of ``table``, directly
    or through its derives, made unknown (NULL). Over an explicit stack: a filter may be a long
    chain of ``and``."""
    derives = cat.derives.get(table, {})
    windowed: dict[str, bool] = {}

    def reads_window(expr: Expr) -> bool:
        if any(call.function in WINDOW_FUNCTIONS for call in calls(expr)):
            return True
        todo = [n.column for n in names(expr) if n.link is None and n.column in derives]
        seen: set[str] = set()
        while todo:
            column = todo.pop()
            if column in seen:
                continue
            seen.add(column)
            if column not in windowed:
                inner = derives[column]
                windowed[column] = any(call.function in WINDOW_FUNCTIONS for call in calls(inner))
                todo += [n.column for n in names(inner) if n.link is None and n.column in derives]
            if windowed[column]:
                return True
        return False

    return leaves_unknown(tree, reads_window)


def period_sql(column: str, unit: str) -> str:
    """The period (year or month) of a row, as the missing reports are found at."""
    return column if unit == "year" else f"CAST(date_trunc('month', {column}) AS DATE)"


def crossings_sql(check: LagCheck, unit: str, groups: list[str]) -> str:
    """The rows the claim keeps of ``groups`` whose previous or next row in the calls' own window
    (``check.over``; each group by time when none is known) lies in another period: each with its
    group, the three rows' times and periods."""
    tbl = quote_ident(check.table)
    g, t = f"{tbl}.{quote_ident(check.group)}", f"{tbl}.{quote_ident(check.time)}"
    p = period_sql(t, unit)
    over = f"OVER ({check.over or f'PARTITION BY {g} ORDER BY {t}'})"
    kept = check.kept() if check.kept is not None else None
    listed = ", ".join(quote_literal(name) for name in groups)
    return (f"SELECT g, t0, t, t1, p0, p, p1\nFROM (SELECT CAST({g} AS VARCHAR) AS g, {t} AS t, {p} AS p,\n"
            f"        lag({t}) {over} AS t0, lead({t}) {over} AS t1,\n"
            f"        lag({p}) {over} AS p0, lead({p}) {over} AS p1,\n"
            f"        {f'({kept}) IS NOT FALSE' if kept else 'TRUE'} AS k\n"
            f"      {check.from_sql}) AS s\n"
            f"WHERE k AND g IS NOT NULL AND t IS NOT NULL AND g IN ({listed}) AND (p0 <> p OR p1 <> p)")


def crossings(check: LagCheck, holes: dict[str, list[str]], rows: list[tuple[Any, ...]]) -> list[tuple[str, str, str, list[str]]]:
    """The pairs of rows a window of ``check`` reads across a missing report: (group, the earlier
    row's time, the later row's, the missing periods between), in the data's order, each once."""
    out: dict[tuple[str, str, str], list[str]] = {}
    for g, t0, t, t1, p0, p, p1 in rows:
        name = key(g)
        missing = holes.get(name, [])
        pairs = []
        if "lag" in check.functions and p0 is not None:
            pairs.append((t0, t, p0, p))
        if "lead" in check.functions and p1 is not None:
            pairs.append((t, t1, p, p1))
        for first, last, a, b in pairs:
            between = [h for h in missing if sort_key(key(a)) < sort_key(h) < sort_key(key(b))]
            if between:
                out.setdefault((name, key(first), key(last)), between)
    ordered = sorted(out.items(), key=lambda item: (item[0][0], sort_key(item[0][1])))
    return [(g, first, last, between) for (g, first, last), between in ordered]


def crossings_said(check: LagCheck, unit: str, found: list[tuple[str, str, str, list[str]]]) -> str:
    """The message of the pairs :func:`crossings` found: the group and the periods it lacks, between
    which two rows, read as neighbours by which calls."""
    pairs = [f"{check.group} {g} in {runs_said(between, unit)}, between its rows of {first} and {last}"
             for g, first, last, between in found[:MAX_CROSSINGS_SAID]]
    more = len(found) - len(pairs)
    listed = "; ".join(pairs) + (f"; and {more} more such pair{'s' if more > 1 else ''} of rows" if more else "")
    them = "them" if len(found) > 1 else "it"
    return (f"{listed}, which {' and '.join(check.said)} reads as neighbours: there is no row between "
            f"{'each two' if len(found) > 1 else 'the two'} though there are rows before and after (table "
            f"{check.table} is reported by {check.group}: a {unit} inside one's first and last with no row of it "
            f"is a missing report, so the rows on either side of {them} are not neighbours in time)")
