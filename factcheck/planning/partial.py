"""Periods named by a label column (a ``year``, a quarter, a school year) that the table's dates
hold only part of: ``period_partial`` for a claim that reads the label rather than ``year(date)``.

A table may carry a ready-made ``year`` column beside the date it was taken from, declared
together (``time: [created_date, year]``). A claim on ``year == 2025`` then compares whatever
the rows labelled 2025 hold, and if the file was exported in April those are three months. The
label says how long its period is (a year: twelve months; a quarter: three); the dates of its
rows say how much of it the data holds. Only that much is judged, and only when it is plain:

* the months from the first to the last date of the label's rows must be fewer than the
  label's own length (a fiscal year from July to June is twelve months: whole, wherever it
  begins), and
* fewer than another label of the column spans (capped at that length): data taken once a
  year, each October, spans one month in every year, and none is partial for it.

A month label is never partial here (data in a month reaches its end, as a range's end does),
and a label that is none of these (a category, a code) is left alone: if unsure, say nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..expressions import quote_ident
from .catalog import TIME_SPECS, TIME_TYPES

if TYPE_CHECKING:
    from .catalog import Catalog
    from .nodes import ClaimPlan, Coverage

_QUARTER = re.compile(r"(?i)^(?:(?P<y1>\d{4})\s*[-/ ]?\s*Q(?P<q1>[1-4])|Q(?P<q2>[1-4])\s*[-/ ]?\s*(?P<y2>\d{4}))$")
_YEAR = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class LabelCheck:
    """A period a claim names on a label column of ``table`` that also declares the date ``date``."""

    table: str
    column: str      # the label column (a file column)
    date: str        # the table's date column its rows are dated by
    label: str       # the period as keyed ("2025", "2024-25", "2025-Q1")
    months: int      # how long the label says its period is
    noun: str        # "year", "quarter"

    @property
    def spans_sql(self) -> str:
        """The first and last date of each label's rows, one row per label."""
        t = quote_ident(self.table)
        col, date = f"{t}.{quote_ident(self.column)}", f"{t}.{quote_ident(self.date)}"
        return (f"SELECT {col}, min({date}), max({date})\nFROM {t}\n"
                f"WHERE {col} IS NOT NULL AND {date} IS NOT NULL\nGROUP BY {col}")


def label_length(label: str) -> tuple[int, str] | None:
    """The months a period label names and what it is: a plain year (``2025``) or a year's label
    (``2024-25``, ``FY2025``): twelve; a quarter (``2025-Q1``, ``Q1 2025``): three. None for
    anything else, a month among them (never partial at the months' grain).

    >>> label_length("2025"), label_length("FY2025"), label_length("2025-Q1"), label_length("2025-03")
    ((12, 'year'), (12, 'year'), (3, 'quarter'), None)
    """
    read = _read(label)
    return None if read is None else (read[0], read[1])


def _read(label: str) -> tuple[int, str, int] | None:
    """:func:`label_length`, with the (first) calendar year the label names."""
    from ..measures._values import year_label
    text = label.strip()
    if _YEAR.match(text):
        return 12, "year", int(text)
    named = year_label(text)
    if named is not None:
        return 12, "year", named[1]
    quarter = _QUARTER.match(text)
    if quarter:
        return 3, "quarter", int(quarter["y1"] or quarter["y2"])
    return None


def _literal(sql: str) -> str | None:
    """A coverage check's SQL literal as the key its label is matched by: ``2025`` or ``'2024-25'``."""
    if sql.startswith("'") and sql.endswith("'") and len(sql) >= 2:
        return sql[1:-1].replace("''", "'")
    return sql if sql.isdigit() else None


UNREAD = "?"
"""The type a CSV column's header gives before the file is read (learnt when it is read)."""


def _dates_of(catalog: Catalog, table: str, label: str, *, reading: bool = False) -> str | None:
    """The date column ``table`` declares beside its label column ``label``: the first column of
    ``time:`` other than it that holds dates (declared so, or read as dates). None if there is none.
    ``reading``: asked before the table is read, when a CSV column's type is not known yet: one that
    may turn out to hold dates counts (it is read, and asked again once it is)."""
    src = catalog.sources.get(table)
    if src is None:
        return None
    for column in src.decl.time_columns():
        if column == label or column in catalog.derives.get(table, {}) or column not in src.columns:
            continue
        spec = src.decl.columns.get(column)
        declared = spec is not None and spec.type in TIME_SPECS
        found = src.columns[column].upper()
        if declared or found.startswith(TIME_TYPES) or (reading and found == UNREAD and spec is None):
            return column
    return None


def _named(cov: Coverage) -> list[str]:
    """The periods a coverage check names whose wholeness matters: each of ``==``/``in``, the upper
    end of a range (``between``, ``<=``), as the checks of ``year(date)`` take them."""
    if cov.gap is not None or cov.whole_year is not None or cov.when:
        return []
    if cov.op in ("==", "in"):
        return list(cov.lits)
    if cov.op in ("between", "<="):
        return [cov.lits[-1]]
    return []


def label_checks(catalog: Catalog, plan: ClaimPlan, *, reading: bool = False) -> list[LabelCheck]:
    """The periods ``plan`` names on a file column of a table that declares a date column beside it.

    No query: read from the plan's coverage checks and the catalog alone, so a claim on a table
    without such a pair (or on ``year(date)``, checked its own way) costs nothing. ``reading``: see
    :func:`_dates_of`."""
    out: list[LabelCheck] = []
    for cov in plan.coverage:
        lits = _named(cov)
        if not lits:
            continue
        found = _label_column(catalog, cov, reading)
        if found is None:
            continue
        table, column, date = found
        for lit in lits:
            label = _literal(lit)
            length = label_length(label) if label is not None else None
            if label is None or length is None:
                continue
            check = LabelCheck(table, column, date, label, *length)
            if check not in out:
                out.append(check)
    return out


def use_dates(catalog: Catalog, plans: list[ClaimPlan]) -> None:
    """Read, with the columns the claims use, the date column beside each label column a claim names
    a period on: its rows' dates are what tell a partial period (a table is read with only the
    columns its claims use). Declared a time column, it is checked as one when read."""
    for plan in plans:
        for check in label_checks(catalog, plan, reading=True):
            catalog.use(check.table, check.date)


def _label_column(catalog: Catalog, cov: Coverage, reading: bool = False) -> tuple[str, str, str] | None:
    """The table, label column and date column of a coverage check on a plain file column."""
    for table, src in catalog.sources.items():
        if cov.from_sql != f"FROM {quote_ident(table)}":
            continue
        prefix = f"{quote_ident(table)}."
        for column in src.decl.time_columns():
            if cov.col != prefix + quote_ident(column) or column in catalog.derives.get(table, {}):
                continue
            if src.columns.get(column, "").upper().startswith(TIME_TYPES):
                return None  # a date itself: a day, or a month's first day, is no label
            date = _dates_of(catalog, table, column, reading=reading)
            return (table, column, date) if date is not None else None
    return None


def month_index(value: Any) -> int | None:
    """Months since year 0 of a date (or a timestamp, or its ISO text); None for anything else."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.year * 12 + value.month - 1
    if isinstance(value, str):
        try:
            d = dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
        return d.year * 12 + d.month - 1
    return None


def partial_said(check: LabelCheck, spans: dict[str, tuple[Any, Any]]) -> str | None:
    """What ``period_partial`` says of ``check``'s label, given each label's first and last date
    (keyed as the label is); None when the label is whole, or when that cannot be told.

    A label is judged by its rows' dates only when they fall near the year it names (from January
    of the year before, where a fiscal year may begin, to December of the year after, where a school
    year ends): a year a case closed, beside the date it was filed, is no period of that date. The
    other labels set the usual span only if they are such periods too."""
    months = {label: n for label, (first, last) in spans.items() if (n := _held(label, first, last)) is not None}
    if check.label not in months:
        return None
    held = months[check.label]
    others = [min(n, check.months) for label, n in months.items() if label != check.label]
    if not others or held >= check.months or held >= max(others):
        return None
    first, last = spans[check.label]
    usual = max(others)
    plural = "s" if held != 1 else ""
    tail = f", where the other {check.noun}s' span {usual} months" if usual < check.months else ""
    return (f"{check.label} is only part of a {check.noun} in the data: the dates of {check.date} in the rows of "
            f"{check.column} {check.label} run from {_day(first)} to {_day(last)} ({held} month{plural}{tail}); "
            f"its figure is not that of the whole {check.noun}")


def _held(label: str, first: Any, last: Any) -> int | None:
    """The months from ``first`` to ``last`` (both counted), when ``label`` names a year or quarter
    whose year they lie near (see :func:`partial_said`); None otherwise."""
    read = _read(label)
    lo, hi = month_index(first), month_index(last)
    if read is None or lo is None or hi is None:
        return None
    year = read[2]
    if lo < (year - 1) * 12 or hi > (year + 1) * 12 + 11:
        return None
    return hi - lo + 1


def _day(value: Any) -> str:
    """A date as the message writes it: ``2025-03-31`` (a timestamp's day)."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)[:10]
