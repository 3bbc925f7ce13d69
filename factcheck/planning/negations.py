"""Filters that cannot tell some rows: a "not" over blanks, a period over blank dates.

``where: is_refund != 'Y'`` reads, to a reporter, as "every contribution but the refunds". To
SQL a blank ``is_refund`` is unknown, ``unknown != 'Y'`` is unknown, and the row is left out: the
campaign's total "excluding refunds" silently lacks every contribution whose flag was left
empty. Each claim whose filter holds such a negation (``!=``, ``not in``, ``not between``,
``not …``) and leaves out rows it cannot tell carries the warning ``filter_unknown``, naming the
columns blank there and the two ways to say what a blank means.

A filter on a period (``year(occurred_on) == 2020``) cannot tell a row whose date is blank either:
it may fall in the period, and is not counted. That is as expected, so it is a note, not a
warning: "officers used force 1,118 times in 2020" said nothing of the three incidents with no
date. Asked only of a time column that has blank values at all (one query per such column).

Two statements after the tables are read, whatever the number of filters: one asks which columns
behind the filters hold blanks (every table at once), one counts the rows each filter cannot tell
(every filter at once); none when no filter has a negation or a period. A figure per period (a
change's, an extreme's) is asked of the periods its claim reads alone, in one query grouped by the
period; a figure whose periods are known only when it runs (a run of rising years with no
``since``) is not asked.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..expressions import Between, Compare, Expr, InList, Name, Unary, names, quote_ident, render, walk
from ..formatting import at_or_for, key_shown, listed, rows_said
from ..interrupts import reraise_interrupt
from ..measures import KINDS
from ..measures._values import PeriodsRead, key, sort_key
from ..outcome import NoteCode
from ..report import Note

if TYPE_CHECKING:
    from ..backends import Backend
    from .catalog import Catalog
    from .nodes import ClaimPlan, PlanNode, Scan


def _reached(trees: list[Expr], table: str, cat: Catalog) -> Iterator[Expr]:
    """Every node of ``trees`` and of the derives of ``table`` they name, through derives of derives,
    each derive once (an explicit stack: a long chain of derives costs its length)."""
    stack, seen = list(trees), set()
    derives = cat.derives.get(table, {})
    while stack:
        for node in walk(stack.pop()):
            yield node
            if isinstance(node, Name) and node.link is None and node.column in derives and node.column not in seen:
                seen.add(node.column)
                stack.append(derives[node.column])


def negations(tree: Expr, table: str, cat: Catalog) -> list[Expr]:
    """The negated comparisons of ``tree`` over columns, through the derives of ``table`` it names."""
    return list(dict.fromkeys(node for node in _reached([tree], table, cat) if _negated(node) and names(node)))


def period_columns(tree: Expr, table: str, cat: Catalog) -> list[str]:
    """The time columns of ``table`` that ``tree`` reads, through its derives (``yr: year(date)``)."""
    derives = cat.derives.get(table, {})
    return list(dict.fromkeys(n.column for n in _reached([tree], table, cat) if isinstance(n, Name)
                              and n.link is None and n.column not in derives and cat.is_time(table, n.column)))


def _negated(node: Expr) -> bool:
    return ((isinstance(node, Compare) and node.op == "!=") or (isinstance(node, Unary) and node.op == "not")
            or (isinstance(node, (InList, Between)) and node.negated))


def unknown_filter_notes(plans: list[ClaimPlan], cat: Catalog, backend: Backend,
                         read: set[str]) -> dict[int, list[Note]]:
    """The ``filter_unknown`` warnings of the claims (by plan index) whose filters hold a negation
    and leave out rows they cannot tell, over the tables that were read. A figure per period (a
    change's, an extreme's) is asked of the periods its claim reads alone: a blank flag in 2012 is
    no matter of a change from 2020 to 2021. Each filter is asked once (claims reading other
    periods of one filter share it); grouped by the period for such figures.

    Two statements for the filters of whole figures, whatever their number: which columns behind
    them hold blanks, every table at once (:func:`_blank_columns`), then the rows each filter cannot
    tell, every filter at once (:func:`_counts_at_once`); a figure per period asks its own."""
    notes: dict[int, list[Note]] = defaultdict(list)
    asks: list[tuple[int, Scan, PeriodsRead | None, str | None]] = []  # plan index, scan, periods, group
    for plan in plans:
        for node, periods in _read(plan.node, None):
            group = getattr(node, "group", None)
            if group is not None and periods is None:
                continue  # a figure per period whose periods are known only when it runs (a rising run)
            for scan in node.scans():
                if scan.where_expr is None or scan.table not in read or any(
                        link.target not in read for link in scan.joins.values()):
                    continue
                asks.append((plan.index, scan, periods, None if group is None else scan.sql(group)))
    if not asks:
        return notes
    blanks = _blank_columns([scan for _, scan, _, _ in asks], cat, backend)
    said: dict[tuple[str, str], list[Note]] = {}
    wholes = {(scan.from_sql(), scan.sql(scan.where_expr)): scan for _, scan, _, group in asks
              if group is None and scan.where_expr is not None}
    asked = {at: _asked(scan, cat, backend, blanks) for at, scan in wholes.items()}
    counted = _counts_at_once([(scan, columns) for at, scan in wholes.items() for _, columns in asked[at]], backend)
    for at, scan in wholes.items():
        said[at] = [_note(scan, negated, columns, row, backend) for negated, columns in asked[at]
                    for row in [counted.get((at, tuple(render(n) for n in columns)))] if row is not None and row[0]]
    per_period: dict[tuple[str, str, str], list[_Counted]] = {}
    for index, scan, periods, group_sql in asks:
        assert scan.where_expr is not None
        if group_sql is None:
            found = said[(scan.from_sql(), scan.sql(scan.where_expr))]
        else:
            assert periods is not None
            by = (scan.from_sql(), scan.sql(scan.where_expr), group_sql)
            if by not in per_period:
                per_period[by] = _counted(scan, group_sql, cat, backend, blanks)
            found = [n for c in per_period[by] if (n := c.note(scan, periods, backend)) is not None]
        for note in found:
            if note not in notes[index]:
                notes[index].append(note)
    return notes


def _blank_columns(scans: list[Scan], cat: Catalog, backend: Backend) -> dict[tuple[str, str], bool]:
    """Which file columns behind the filters of ``scans`` hold blank values: those their negations
    read and their period columns, ``(table, column) -> bool``, every table in one statement (a
    cross join of one row per table). Where that statement fails, each column is asked alone as
    :func:`_has_blanks` asks it, when it is needed."""
    wanted: dict[str, list[str]] = {}
    for scan in scans:
        assert scan.where_expr is not None
        derives = cat.derives.get(scan.table, {})
        columns = [n.column for n in _reached(negations(scan.where_expr, scan.table, cat), scan.table, cat)
                   if isinstance(n, Name) and n.link is None and n.column not in derives]
        columns += period_columns(scan.where_expr, scan.table, cat)
        wanted.setdefault(scan.table, [])
        wanted[scan.table] += [c for c in columns if c not in wanted[scan.table]]
    wanted = {t: cs for t, cs in wanted.items() if cs}
    if not wanted:
        return {}
    per_table = [f"(SELECT {', '.join(f'count(*) - count({quote_ident(c)})' for c in cs)} FROM {quote_ident(t)})"
                 for t, cs in wanted.items()]
    try:
        row = backend.execute(f"SELECT * FROM {', '.join(per_table)}").rows[0]
    except Exception as exc:  # noqa: BLE001 - notes only: asked one by one instead
        reraise_interrupt(exc)
        return {}
    pairs = [(t, c) for t, cs in wanted.items() for c in cs]
    return {pair: bool(n) for pair, n in zip(pairs, row, strict=True)}


def _counts_at_once(asked: list[tuple[Scan, list[Name]]], backend: Backend
                    ) -> dict[tuple[tuple[str, str], tuple[str, ...]], list[int]]:
    """:func:`_counts` of each filter of a whole figure (``(scan, columns)``), in one statement: the
    filters over one table (and its joins) counted in one scan, the tables side by side (a cross
    join of one row each). Keyed by the filter (its FROM and WHERE) and the columns counted. Where
    that statement fails (one filter's query fails), each is asked alone; one that fails then is
    left out (the claim's own query says what is wrong)."""
    by_from: dict[str, list[tuple[Scan, list[Name]]]] = {}
    for scan, columns in asked:
        by_from.setdefault(scan.from_sql(), []).append((scan, columns))
    keys, parts = [], []
    for from_sql, items in by_from.items():
        counts = []
        for scan, columns in items:
            assert scan.where_expr is not None
            keys.append(((from_sql, scan.sql(scan.where_expr)), tuple(render(n) for n in columns)))
            counts.append(_count_sql(scan, columns, f"({scan.where}) IS NULL AND "))
        parts.append(f"(SELECT {', '.join(counts)}\n{from_sql})")
    if not parts:
        return {}
    try:
        row = backend.execute(f"SELECT * FROM {', '.join(parts)}").rows[0]
    except Exception as exc:  # noqa: BLE001 - notes only: asked one by one instead
        reraise_interrupt(exc)
        out = {}
        for (scan, columns), k in zip([a for items in by_from.values() for a in items], keys, strict=True):
            alone = _counts(scan, columns, backend, None).get(None)
            if alone is not None:
                out[k] = alone
        return out
    out, at = {}, 0
    for k in keys:
        width = len(k[1]) + 1
        out[k] = [int(x or 0) for x in row[at:at + width]]
        at += width
    return out


def _read(node: PlanNode | None, periods: PeriodsRead | None) -> Iterator[tuple[PlanNode, PeriodsRead | None]]:
    """Each node of a plan, with the periods the claim reads of it when a kind above it (a change,
    an extreme) reads a figure per period at some periods only."""
    if node is None:
        return
    kind = KINDS.get(node.kind)
    mine = kind.periods_read(node) if kind is not None else None
    here = mine if mine is not None else periods
    yield node, here
    for child in node.children():
        yield from _read(child, here)


def _asked(scan: Scan, cat: Catalog, backend: Backend,
           blanks: dict[tuple[str, str], bool]) -> list[tuple[list[Expr], list[Name]]]:
    """What is asked of a filter: its negations and the columns behind them, when they may read a
    blank; and its period columns that hold blanks (a note). Each as (negations, columns)."""
    assert scan.where_expr is not None
    negated = negations(scan.where_expr, scan.table, cat)
    said = {n.column for node in negated for n in names(node) if n.link is None}  # one note of a column is enough
    dated = [c for c in period_columns(scan.where_expr, scan.table, cat)
             if c not in said and _has_blanks(scan.table, c, backend, blanks)]
    asked = []
    if negated and _may_be_blank(negated, scan.table, cat, backend, blanks):  # else the filter tells every row
        asked.append((negated, list(dict.fromkeys(n for node in negated for n in names(node)))))
    if dated:
        asked.append(([], [Name(c) for c in dated]))
    return asked


@dataclass
class _Counted:
    """The rows a filter of a figure per period cannot tell, per period: asked once, said of the
    periods each claim reads."""

    negated: list[Expr]
    columns: list[Name]
    by_period: dict[str, list[int]]  # period key -> [rows, rows blank in each column]
    text: dict[str, bool] = field(default_factory=dict)  # is the blank column text? (asked once, not per claim)

    def note(self, scan: Scan, periods: PeriodsRead, backend: Backend) -> Note | None:
        """The note of the periods ``periods`` holds, their rows counted together; None without any."""
        at = [k for k, row in self.by_period.items() if row[0] and periods.holds(k)]
        if not at:
            return None
        total = [sum(col) for col in zip(*(self.by_period[k] for k in at), strict=True)]
        ordered = sorted(at, key=sort_key)
        return _note(scan, self.negated, self.columns, total, backend,
                     f"{at_or_for(ordered)} {listed([key_shown(k) for k in ordered])}: ", self.text)


def _counted(scan: Scan, group_sql: str, cat: Catalog, backend: Backend,
             blanks: dict[tuple[str, str], bool]) -> list[_Counted]:
    """What :func:`_asked` asks of a filter, counted per period of ``group_sql``."""
    out = []
    for negated, columns in _asked(scan, cat, backend, blanks):
        counts = _counts(scan, columns, backend, group_sql)
        if counts:
            out.append(_Counted(negated, columns, {k: row for k, row in counts.items() if k is not None}))
    return out



def _counts(scan: Scan, columns: list[Name], backend: Backend, group_sql: str | None) -> dict[str | None, list[int]]:
    """The rows the filter cannot tell because one of ``columns`` is blank, and those blank in each,
    in one query: under None, or per period of ``group_sql`` (a row of no period is in none).
    Not those a blank elsewhere in the filter makes unknown: that is no matter of the negation, or of
    the period; a lookup's column is blank for a key the lookup does not find too, which
    unmatched_lookup says: not counted here. Empty when the query fails (the claim's own says why)."""
    counts = _count_sql(scan, columns)
    where = f"WHERE ({scan.where}) IS NULL"
    try:
        if group_sql is None:
            return {None: [int(x or 0) for x in backend.execute(f"SELECT {counts}\n{scan.from_sql()}\n{where}").rows[0]]}
        rows = backend.execute(f"SELECT {group_sql}, {counts}\n{scan.from_sql()}\n{where}\nGROUP BY 1").rows
    except Exception as exc:  # noqa: BLE001 - the claim's own query says what is wrong with its filter
        reraise_interrupt(exc)
        return {}
    return {None if r[0] is None else key(r[0]): [int(x or 0) for x in r[1:]] for r in rows}


def _count_sql(scan: Scan, columns: list[Name], unknown: str = "") -> str:
    """The counts of :func:`_counts`: the rows with a blank in any of ``columns``, then those blank
    in each; ``unknown`` ("(filter) IS NULL AND "), the filter's own test, when the query's WHERE
    does not hold it (several filters counted in one scan)."""
    def blank_sql(n: Name) -> str:
        link = scan.joins.get(n.link) if n.link else None
        found = f" AND {quote_ident(link.name)}.{quote_ident(link.remote)} IS NOT NULL" if link else ""
        return f"({scan.sql(n)} IS NULL{found})"
    any_blank = " OR ".join(blank_sql(n) for n in columns)
    return ", ".join([f"count(*) FILTER (WHERE {unknown}({any_blank}))",
                      *(f"count(*) FILTER (WHERE {unknown}{blank_sql(n)})" for n in columns)])


def _note(scan: Scan, negated: list[Expr], columns: list[Name], row: list[int], backend: Backend,
          at: str = "", text: dict[str, bool] | None = None) -> Note:
    """The note of ``row`` (the rows left out, then those blank in each column); ``at``: the periods
    counted ("at 2021: "), of a figure per period; ``text``: which columns are text, as far as asked."""
    empty = [render(n) for n, k in zip(columns, row[1:], strict=True) if k]
    first = empty[0]
    if not negated:
        they = "they" if row[0] != 1 else "it"
        return Note(code=NoteCode.FILTER_UNKNOWN, warning=False, message=(
            f"{at}{rows_said(row[0])} left out because {' and '.join(empty)} {'is' if len(empty) == 1 else 'are'} "
            f"blank there: {they} may fall in the period the filter names, which cannot tell; fill in the "
            "dates, or say how many are undated when you report the figure"))
    said = ", ".join(render(node) for node in negated[:2])
    name = next(n for n in columns if render(n) == first)
    text = {} if text is None else text
    if first not in text:
        text[first] = _text_column(scan, name, backend)
    declare = (f", or declare what a blank means (columns: {{{_column(first)}: {{type: text, blank: …}}}}"
               f"{_of_table(scan, columns, first)})" if text[first] else "")
    return Note(code=NoteCode.FILTER_UNKNOWN, warning=True, message=(
        f"{at}the filter leaves out {rows_said(row[0])} it cannot tell: {' and '.join(empty)} "
        f"{'is' if len(empty) == 1 else 'are'} blank there, and {said} is neither true nor false for a "
        f"blank. If those rows belong in the figure, say so in the filter ({first} is null or …){declare}"))


def _may_be_blank(negated: list[Expr], table: str, cat: Catalog, backend: Backend,
                  blanks: dict[tuple[str, str], bool]) -> bool:
    """Can a negation read a blank: a file column of ``table`` behind it (through derives) that has
    blank values, or a lookup's column (a key the lookup does not find gives blanks too)? Asked of
    each column once: a 10-million-row filter's own query took half a second, a column's blanks 7 ms."""
    derives = cat.derives.get(table, {})
    return any(n.link is not None or (n.column not in derives and _has_blanks(table, n.column, backend, blanks))
               for n in _reached(negated, table, cat) if isinstance(n, Name))


def _text_column(scan: Scan, name: Name, backend: Backend) -> bool:
    """Is the column text (where ``blank:`` with a word is the way to say what a blank means)? A
    number's or a date's blank is said in the filter: `blank: 'N'` on them would not read."""
    sql = scan.sql(name)
    types = backend.column_types([sql], scan.from_sql()) or {}
    return types.get(sql, "").upper() == "VARCHAR"


def _has_blanks(table: str, column: str, backend: Backend, blanks: dict[tuple[str, str], bool]) -> bool:
    """Does the column hold blank values (asked once per column)?"""
    if (table, column) not in blanks:
        try:
            sql = f"SELECT count(*) - count({quote_ident(column)}) FROM {quote_ident(table)}"
            blanks[(table, column)] = bool(backend.execute(sql).rows[0][0])
        except Exception as exc:  # noqa: BLE001 - a note only
            reraise_interrupt(exc)
            blanks[(table, column)] = False
    return blanks[(table, column)]


def _column(text: str) -> str:
    """A column as a table's ``columns:`` names it (a lookup's column by its own name)."""
    name = text.split(".")[-1]
    return name if name.replace("_", "").isalnum() else quote_ident(name)


def _of_table(scan: Scan, columns: list[Name], first: str) -> str:
    """" under table 'donors'" when the blank column is a lookup's (its table declares it)."""
    for n in columns:
        if n.link and render(n) == first and n.link in scan.joins:
            return f" under table '{scan.joins[n.link].target}'"
    return ""
