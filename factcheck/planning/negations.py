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

One query per distinct filter with a negation, or with a period of a time column with blanks,
after the tables are read; none for another filter.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..expressions import Between, Compare, Expr, InList, Name, Unary, names, quote_ident, render, walk
from ..formatting import rows_said
from ..interrupts import reraise_interrupt
from ..outcome import NoteCode
from ..report import Note
from .nodes import walk as walk_plan

if TYPE_CHECKING:
    from ..backends import Backend
    from .catalog import Catalog
    from .nodes import ClaimPlan, Scan


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
    and leave out rows they cannot tell, over the tables that were read."""
    notes: dict[int, list[Note]] = defaultdict(list)
    said: dict[tuple[str, str], list[Note]] = {}
    blanks: dict[tuple[str, str], bool] = {}  # (table, time column) -> has it blank values?
    for plan in plans:
        for node in walk_plan(plan.node):
            if getattr(node, "group", None) is not None:
                continue  # a figure per period (a change's, a run's): the rows of its other periods are no
                # matter, and which periods it reads is known only when it runs
            for scan in node.scans():
                if scan.where_expr is None or scan.table not in read or any(
                        link.target not in read for link in scan.joins.values()):
                    continue
                at = (scan.from_sql(), scan.sql(scan.where_expr))
                if at not in said:
                    said[at] = _notes(scan, cat, backend, blanks)
                for note in said[at]:
                    if note not in notes[plan.index]:
                        notes[plan.index].append(note)
    return notes


def _notes(scan: Scan, cat: Catalog, backend: Backend, blanks: dict[tuple[str, str], bool]) -> list[Note]:
    """The warning of a negation over blanks and the note of a period over blank dates, each if due."""
    assert scan.where_expr is not None
    negated = negations(scan.where_expr, scan.table, cat)
    said = {n.column for node in negated for n in names(node) if n.link is None}  # one note of a column is enough
    dated = [c for c in period_columns(scan.where_expr, scan.table, cat)
             if c not in said and _has_blanks(scan.table, c, backend, blanks)]
    found = []
    if negated and _may_be_blank(negated, scan.table, cat, backend, blanks):  # else the filter tells every row
        found.append(_note(scan, negated, list(dict.fromkeys(n for node in negated for n in names(node))), backend))
    if dated:
        found.append(_note(scan, [], [Name(c) for c in dated], backend))
    return [n for n in found if n is not None]


def _note(scan: Scan, negated: list[Expr], columns: list[Name], backend: Backend) -> Note | None:
    # the rows the filter cannot tell because one of these columns is blank (not those a blank elsewhere
    # in the filter makes unknown: that is no matter of the negation, or of the period); a lookup's column
    # is blank for a key the lookup does not find too, which unmatched_lookup says: not counted here
    def blank_sql(n: Name) -> str:
        link = scan.joins.get(n.link) if n.link else None
        found = f" AND {quote_ident(link.name)}.{quote_ident(link.remote)} IS NOT NULL" if link else ""
        return f"({scan.sql(n)} IS NULL{found})"
    any_blank = " OR ".join(blank_sql(n) for n in columns)
    blank = ", ".join(f"count(*) FILTER (WHERE {blank_sql(n)})" for n in columns)
    try:
        row = backend.execute(f"SELECT count(*) FILTER (WHERE {any_blank}), {blank}\n{scan.from_sql()}\n"
                              f"WHERE ({scan.where}) IS NULL").rows[0]
    except Exception as exc:  # noqa: BLE001 - the claim's own query says what is wrong with its filter
        reraise_interrupt(exc)
        return None
    if not row[0]:
        return None
    empty = [render(n) for n, k in zip(columns, row[1:], strict=True) if k]
    first = empty[0]
    if not negated:
        they = "they" if row[0] != 1 else "it"
        return Note(code=NoteCode.FILTER_UNKNOWN, warning=False, message=(
            f"{rows_said(row[0])} left out because {' and '.join(empty)} {'is' if len(empty) == 1 else 'are'} "
            f"blank there: {they} may fall in the period the filter names, which cannot tell; fill in the "
            "dates, or say how many are undated when you report the figure"))
    said = ", ".join(render(node) for node in negated[:2])
    name = next(n for n in columns if render(n) == first)
    declare = (f", or declare what a blank means (columns: {{{_column(first)}: {{type: text, blank: …}}}}"
               f"{_of_table(scan, columns, first)})" if _text_column(scan, name, backend) else "")
    return Note(code=NoteCode.FILTER_UNKNOWN, warning=True, message=(
        f"the filter leaves out {rows_said(row[0])} it cannot tell: {' and '.join(empty)} "
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
