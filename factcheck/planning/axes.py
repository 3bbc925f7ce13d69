"""A period axis whose type does not fit the periods named on it.

``over: filed_date`` with ``from: 2019`` groups the rows by day and then looks for the day
"2019": a date is never equal to a year, so the claim would find nothing (or the engine
would refuse to compare a DATE with a number). :func:`axis_problem` says so, with the claim,
the line of its ``over:`` and what to write instead, as soon as the column's type is known:
when the claim is compiled for a typed file (Parquet, a DataFrame), else once a CSV is read.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..errors import Problem
from ..expressions import Name, infer, render
from .catalog import Catalog
from .nodes import PeriodAxis


def year_like(value: Any) -> bool:
    """A period written as a whole number (``2019``, ``'2019'``), the way a year is named."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    if isinstance(value, Decimal):
        return value == value.to_integral_value()
    return isinstance(value, str) and value.strip().isdigit()


def axis_problem(axis: PeriodAxis, catalog: Catalog, file: str, claim: str) -> Problem | None:
    """A problem when ``axis`` holds dates but a period named on it is a year; else None."""
    if infer(axis.expr, catalog.column_type(axis.table)) != "date":
        return None
    years = [(key, value) for key, value in axis.values.items() if year_like(value)]
    if not years:
        return None
    key, value = years[0]
    text = render(axis.expr)
    derive = f"{axis.expr.column}_year" if isinstance(axis.expr, Name) and axis.expr.link is None else "the_year"
    named = ", ".join(f"{k}: {v}" for k, v in years)
    hint = (f"to count by year, write over: year({text}) (or add a derive such as {derive}: year({text}) "
            f"under the table's derive: and write over: {derive})")
    if axis.dates_allowed:
        hint += f"; to name a day, write it as a date: {key}: '{int(value)}-01-01'"
    return Problem(f"over: {text} holds dates, but {named} {'names a year' if len(years) == 1 else 'name years'}: "
                   "a date is never equal to a year, so the period would not be found",
                   file=file, line=axis.line, claim=claim, hint=hint)
