"""``lag``/``lead`` over a table of several series: refused unless the call names the series.

A table of daily readings keyed ``[station, date]`` holds one series per station. Ordered by
``date`` alone, the row before Mill Bridge's reading on 2 March is another station's reading of
that day (or of the day before), so ``reading > lag(reading, date)`` compares two gauges and
"the river rose on 5 days at Mill Bridge" is judged against a silently wrong figure. The series
are named after the order column: ``lag(reading, date, station)`` takes the previous row within
each station (SQL ``PARTITION BY station``).

The declared ``key:`` tells when a call leaves series unnamed: its columns besides the ones the
call orders by (the order column itself, or what a derive it is made from reads) name several rows
per period. A ``lag(x)`` in file order is ordered the way the claim implies (the streak's
``order:``, else the table's ``time:`` columns, as :mod:`.lag_order` checks the file follows);
without such an order nothing is said, as a file is then followed as written. A key that holds the
order column without needing it (``[case_id, filed_date]``, one row per case) looks the same as one
of several series (``[station, date]``): the declared key cannot tell them apart, so the hint gives
both ways out, naming the series or declaring the key without the order. The check sees the
calls a claim writes and those of the derives it reads, and reads only the claims file and the
headers: no query, no column read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import Problem
from ..expressions import WINDOW_FUNCTIONS, Call, Expr, Name, calls, names, render
from .lag_order import implied_orders, windows_read

if TYPE_CHECKING:
    from ..claims import LoadedClaims
    from .catalog import Catalog
    from .nodes import ClaimPlan


def series_problems(catalog: Catalog, plans: list[ClaimPlan], loaded: LoadedClaims) -> list[Problem]:
    """One problem per call (and derive holding it) of each claim that walks a table of several
    series, by its declared key, without naming them all."""
    problems: list[Problem] = []
    if all(len(src.decl.key_columns()) < 2 for src in catalog.sources.values()):
        return problems  # no table says it holds several rows per period (the shipped story: 1 ms saved)
    for plan in plans:
        said: set[tuple[str, str, str | None]] = set()
        for written in plan.written:
            for table, call, derive in windows_read(catalog, written.table, written.text, _windows):
                seen = (table, render(call), derive)
                if seen in said:
                    continue
                said.add(seen)
                problem = _unnamed(catalog, plan, table, call, derive, loaded, written.line)
                if problem is not None:
                    problems.append(problem)
    return problems


def _windows(expr: Expr) -> list[Call]:
    return [c for c in calls(expr) if c.function in WINDOW_FUNCTIONS]


def _unnamed(catalog: Catalog, plan: ClaimPlan, table: str, call: Call, derive: str | None,
             loaded: LoadedClaims, line: int | None) -> Problem | None:
    """The problem of ``call`` walking ``table`` across series its key names, or None."""
    key = catalog.sources[table].decl.key_columns()
    if len(key) < 2:
        return None  # one column names a row: every row is a period of its own
    if len(call.args) > 1:
        orders = [call.args[1]]
    else:
        orders = [order.tree for order in implied_orders(catalog, plan, table)]
    ordered = _key_columns_of(catalog, table, orders, key)
    if not ordered:
        return None  # the key does not say that several rows share a value of the order
    named = _key_columns_of(catalog, table, list(call.args[2:]), key)
    others = [k for k in key if k not in ordered and k not in named]
    if not others:
        return None
    by = render(orders[0]) if len(orders) == 1 else next(k for k in key if k in ordered)
    written = render(Call(call.function, (call.args[0], Name(by) if len(call.args) == 1 else call.args[1],
                                          *call.args[2:], *(Name(k) for k in others))))
    shown = render(call)
    holder = "" if derive is None else (f" (in the derive '{derive}' the claim reads, line "
                                        f"{loaded.table_line(table, 'derive', derive)})")
    if len(call.args) == 1:
        row = f"the row {'above' if call.function == 'lag' else 'below'}"
        taken = f"{row} in the file"
    else:
        row = f"the {'previous' if call.function == 'lag' else 'next'} row"
        taken = f"{row} by {by}"
    message = (f"{shown}{holder} takes {taken} over the whole table, but table '{table}' holds a series per "
               f"{' and '.join(others)} (key: [{', '.join(key)}]: several rows per {by}), so {row} may be "
               f"another {others[0]}'s")
    inside = f" in the derive '{derive}'" if derive is not None else ""
    hint = f"name the series it walks: {written}{inside}"
    timed = [k for k in others if k in catalog.sources[table].decl.time_columns()]
    if timed:
        hint += (f"; or, if {' and '.join(timed)} and {by} make one period together, derive a column "
                 f"holding that period and order by it")
    else:  # the key alone cannot tell [case_id, filed_date] (one row per case) from [station, date]
        alone = [k for k in key if k not in ordered]
        each = " and ".join(alone)
        hint += (f"; or, if {each} alone {'names' if len(alone) == 1 else 'name'} each row (the key need not hold "
                 f"{by}), declare key: [{', '.join(alone)}]: the table then holds one series, and {shown} "
                 f"takes {taken} over it")
    return Problem(message, file=str(loaded.path), line=line, claim=plan.claim.id, hint=hint)


def _key_columns_of(catalog: Catalog, table: str, exprs: list[Expr], key: list[str]) -> set[str]:
    """The key columns ``exprs`` are or are made from, through the table's derives."""
    derives = catalog.derives.get(table, {})
    found: set[str] = set()
    seen: set[str] = set()
    todo = [n.column for e in exprs for n in names(e) if n.link is None]
    while todo:
        column = todo.pop()
        if column in seen:
            continue
        seen.add(column)
        if column in key:
            found.add(column)
        if column in derives:
            todo += [n.column for n in names(derives[column]) if n.link is None]
    return found
