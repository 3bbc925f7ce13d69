"""A period axis whose type does not fit the periods named on it.

``over: filed_date`` with ``from: 2019`` groups the rows by day and then looks for the day
"2019": a date is never equal to a year, so the claim would find nothing (or the engine
would refuse to compare a DATE with a number). :func:`axis_problem` says so, with the claim,
the line of its ``over:`` and what to write instead, as soon as the column's type is known:
when the claim is compiled for a typed file (Parquet, a DataFrame), else once a CSV is read.
A derive that compares a date with a year (``recent: filed_date >= 2019``) can only be told
by the engine's refusal, as the derives are computed when the table is read:
:func:`derive_compares_date` turns that refusal into the same advice.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ..errors import Problem
from ..expressions import Between, Compare, InList, Literal, Name, infer, render, walk
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


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
"""A day, or a time of day (``'2021-03-01 10:00'``): a period of an axis whose type is not told apart."""
_ISO_INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$")
"""A day, or a time of day with a UTC offset or without (``+02:00``, ``Z``): a period of a TIMESTAMP column."""
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}$")
"""A day alone: a period of a DATE column, whose keys hold no time."""
_OFFSET = re.compile(r"(?:Z|[+-]\d{2}(?::?\d{2})?)$")
_UTC = re.compile(r"(?:Z|[+-]00(?::?00)?)$")
_DIGITS = re.compile(r"\d{4}")


def axis_problem(axis: PeriodAxis, catalog: Catalog, file: str, claim: str) -> Problem | None:
    """A problem when a period named on ``axis`` cannot be one of its values: a year on an axis of
    dates, a month or a quarter written short on it (``'2024-10'``), a label on an axis of numbers
    (``FY2023``); else None."""
    kind = infer(axis.expr, catalog.column_type(axis.table))
    if kind == "number":
        return _not_a_number(axis, file, claim)
    if kind == "text" and not axis.dates_allowed and not catalog.declared_text(axis.table, axis.expr):
        # `every` counts the whole numbers from `from` to `to`; other kinds compare a label '2019' as written
        return _not_a_label(axis, file, claim)
    if kind != "date":
        return None
    years = [(key, value) for key, value in axis.values.items() if year_like(value)]
    if not years:
        return _not_a_day(axis, file, claim, _column_type(axis, catalog))
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


def _column_type(axis: PeriodAxis, catalog: Catalog) -> str:
    """The engine's type of the table's own column the axis names (``TIMESTAMP WITH TIME ZONE``), in
    capitals; '' for an expression, a derive, a lookup's column or a type not known yet."""
    expr = axis.expr
    if not isinstance(expr, Name) or expr.link is not None or expr.column in catalog.derives.get(axis.table, {}):
        return ""
    src = catalog.sources.get(axis.table)
    return str(src.columns.get(expr.column) or "").upper() if src is not None else ""


def _not_a_day(axis: PeriodAxis, file: str, claim: str, column_type: str = "") -> Problem | None:
    """``at: '2024-10'`` on an axis of dates: no day is called that, so the period would not be found.
    On a column of days (DATE) a time of day is none either; on one of times (TIMESTAMP) a time
    may carry its UTC offset (``+02:00``: :func:`instants_not_found` holds it against the data)."""
    form = (_ISO_INSTANT if column_type.startswith("TIMESTAMP") else _ISO_DATE if column_type == "DATE"
            else _ISO_DAY)
    short = [(k, v) for k, v in axis.values.items() if isinstance(v, str) and not form.match(v.strip())]
    if not short:
        return None
    key, value = short[0]
    text = render(axis.expr)
    found = re.match(r"\s*(\d{4})-(\d{1,2})\s*$", value)
    day = re.match(r"\s*(\d{4}-\d{2}-\d{2})[ T]", value)
    written = (f"'{found[1]}-{int(found[2]):02d}-01'" if found else f"'{day[1]}' (a day holds no time)" if day
               else "a date, 'YYYY-MM-DD'")
    return Problem(f"over: {text} holds dates, but {key}: {value} is no date: the period would not be found",
                   file=file, line=axis.line, claim=claim,
                   hint=f"write {key}: {written}; for months or quarters as periods, make the axis their first day "
                        f"(a derive such as month: month_start({text}) or quarter: quarter_start({text}))")


def _not_a_label(axis: PeriodAxis, file: str, claim: str) -> Problem | None:
    """``from: 2020`` on an axis of text (``over: hospital``): a number is none of its values, and
    text has no periods between two of them; the engine would only say it cannot read 'A' as a number."""
    numbers = [(k, v) for k, v in axis.values.items() if isinstance(v, int) and not isinstance(v, bool)]
    if not numbers:
        return None
    key, value = numbers[0]
    text = render(axis.expr)
    return Problem(f"over: {text} holds text, but {key}: {value} is a number: the periods of a claim over it "
                   "would not be found", file=file, line=axis.line, claim=claim,
                   hint=f"to count by year, write over: a column of years (or year(date), or a derive of it); "
                        f"if the values of {text} are labels such as '{value}', write {key}: '{value}'")


def _not_a_number(axis: PeriodAxis, file: str, claim: str) -> Problem | None:
    """``from: FY2023`` on an axis of numbers: no value is called that."""
    for key, value in axis.values.items():
        if not isinstance(value, str):
            continue
        try:
            Decimal(value.strip().replace(",", ""))
            continue
        except ArithmeticError:
            pass
        year = _DIGITS.search(value)
        text = render(axis.expr)
        return Problem(f"over: {text} holds numbers, but {key}: {value} is no number: the period would not be found",
                       file=file, line=axis.line, claim=claim,
                       hint=f"write {key}: {year[0]}" if year else f"write {key} as one of the values of {text}")
    return None


# DuckDB's refusal to compare a date with a number, either way round (another engine's words
# are not recognised: its derive error is then shown as the engine gave it)
_DATE_VS_NUMBER = re.compile(r"Cannot compare values of type (?:(?:DATE|TIMESTAMP)\w* and type "
                             r"(?:INTEGER|BIGINT|HUGEINT|DECIMAL|DOUBLE|FLOAT)\w*|(?:INTEGER|BIGINT|HUGEINT|"
                             r"DECIMAL|DOUBLE|FLOAT)\w* and type (?:DATE|TIMESTAMP)\w*)")


def derive_compares_date(catalog: Catalog, table: str, error: str,
                         line_of: Any, file: str) -> Problem | None:
    """When the engine refused to compare a date with a number (``error``) while computing the
    derives of ``table``: the derive most likely to blame — one comparing a time column with a
    whole number, else a column with a number that reads as a year — with what to write;
    None for any other error."""
    if not _DATE_VS_NUMBER.search(error):
        return None
    found: list[tuple[int, str, str, int]] = []
    for column, expr in catalog.derives.get(table, {}).items():
        for node in walk(expr):
            sides = ([node.left, node.right] if isinstance(node, Compare) else
                     [node.operand, node.low, node.high] if isinstance(node, Between) else
                     [node.operand, *node.values] if isinstance(node, InList) else [])
            names = [s for s in sides if isinstance(s, Name) and s.link is None]
            years = [int(s.value) for s in sides if isinstance(s, Literal) and year_like(s.value)]  # type: ignore[arg-type]
            if names and years:
                timely = catalog.is_time(table, names[0].column)
                found.append((0 if timely else 1 if 1000 <= years[0] <= 2999 else 2,
                              column, render(names[0]), years[0]))
    best = min(found, default=None, key=lambda f: f[0])
    if best is None or best[0] == 2:
        return None
    _, column, shown, year = best
    return Problem(f"derive '{column}': {shown} is a date and cannot be compared with the number {year}",
                   file=file, line=line_of(table, "derive", column),
                   hint=f"to compare years, write year({shown}); to compare with a day, write it as a date: "
                        f"'{year}-01-01'")


_DAY_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}$")


def instants_not_found(plans: list[Any], catalog: Catalog, backend: Any, file: str, read: set[str]) -> list[Problem]:
    """A period named on an axis of times of day (a TIMESTAMP column, ``over: occurred_at``) that is no
    instant of the data, on a day the data has rows: ``from: '2021-01-01'`` or ``'2021-01-01 00:00:00'``
    over readings taken at 10:00. Each of the axis's periods is one instant, so the period would not be
    found, and the claim would read as a gap ("no row at all") the data does not have. Said with what
    to write: the axis made a period of days or months (a derive), or the instant as the data holds it.
    One query per such axis; a claim over no TIMESTAMP column costs nothing."""
    from ..expressions import base_type, quote_ident, quote_literal
    from ..interrupts import reraise_interrupt
    problems = []
    for plan in plans:
        for axis in plan.axes:
            expr = axis.expr
            if not isinstance(expr, Name) or expr.link is not None or axis.table not in read:
                continue
            src = catalog.sources.get(axis.table)
            if (src is None or expr.column in catalog.derives.get(axis.table, {})
                    or not base_type(src.columns.get(expr.column)).startswith("TIMESTAMP")):
                continue
            named = [(k, str(v).strip()) for k, v in axis.values.items()
                     if isinstance(v, str) and _ISO_INSTANT.match(v.strip())]
            if not named:
                continue
            zoned = _with_time_zone(src.columns.get(expr.column))
            col = quote_ident(expr.column)
            parts = []
            for _, v in named:
                day = f"TRY_CAST({quote_literal(v)} AS DATE)"
                at = f"TRY_CAST({quote_literal(v)} AS {'TIMESTAMPTZ' if zoned else 'TIMESTAMP'})"
                parts += [f"bool_or({col} = {at})", f"count(*) FILTER (WHERE CAST({col} AS DATE) = {day})",
                          f"CAST(min({col}) FILTER (WHERE CAST({col} AS DATE) = {day}) AS VARCHAR)"]
            try:
                row = backend.execute(f"SELECT {', '.join(parts)} FROM {quote_ident(axis.table)}").rows[0]
            except Exception as exc:  # noqa: BLE001 - an engine that cannot say: the claim is judged as before
                reraise_interrupt(exc)
                continue
            for i, (k, v) in enumerate(named):
                at_instant, that_day, example = row[3 * i], row[3 * i + 1], row[3 * i + 2]
                if at_instant and not _DAY_ONLY.match(v):
                    problem = _offset_problem(axis, file, plan.claim.id, k, v, zoned)
                    if problem is None:
                        continue
                elif not that_day:
                    continue
                else:
                    problem = _not_an_instant(axis, file, plan.claim.id, k, v, int(that_day), str(example),
                                              bool(at_instant), zoned)
                problems.append(problem)
                break
    return problems


def _with_time_zone(column_type: str | None) -> bool:
    """Is the column's type TIMESTAMP WITH TIME ZONE (a CSV's times written with a UTC offset,
    ``2020-03-01T10:00:00+02:00``), whose values factcheck reads in UTC?"""
    return column_type is not None and column_type.upper().replace("TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE") \
        .startswith("TIMESTAMP WITH TIME ZONE")


def _in_utc(value: str) -> str:
    """The instant ``value`` names, written in UTC with its offset (``2020-03-01 08:00:00+00:00``); a
    time without an offset is taken to be in UTC, as the engine takes it (factcheck sets its TimeZone
    to UTC)."""
    from datetime import datetime, timezone
    at = datetime.fromisoformat(value.replace("Z", "+00:00") if value.endswith("Z") else value)
    at = at.replace(tzinfo=timezone.utc) if at.tzinfo is None else at.astimezone(timezone.utc)
    return at.isoformat(sep=" ")


def _offset_problem(axis: PeriodAxis, file: str, claim: str, key: str, value: str, zoned: bool) -> Problem | None:
    """An instant the data holds, named so that no period of the axis is called that: on an axis of
    times with a UTC offset, read in UTC, one written without an offset or with another offset
    than UTC's (each period is the instant as the engine gives it, in UTC); on an axis of times
    without one, one written with an offset. None when it is written as the axis's periods are."""
    text = render(axis.expr)
    if zoned and not _UTC.search(value):
        utc = _in_utc(value)
        said = ("has no UTC offset, so it is taken to be in UTC" if not _OFFSET.search(value)
                else f"is the instant {utc} in UTC")
        return Problem(f"over: {text} holds times written with a UTC offset, which factcheck reads in UTC (the "
                       "engine's time zone is set to UTC), so each of its periods is an instant written in UTC with "
                       f"its offset, +00:00; {key}: {value} {said}: the period would not be found",
                       file=file, line=axis.line, claim=claim,
                       hint=f"write {key}: '{utc}'")
    if not zoned and _OFFSET.search(value):
        bare = _OFFSET.sub("", value)
        return Problem(f"over: {text} holds times of day without a UTC offset, but {key}: {value} has one: the "
                       "period would not be found", file=file, line=axis.line, claim=claim,
                       hint=f"write the instant as the data holds it, without an offset: {key}: '{bare}'")
    return None


def _not_an_instant(axis: PeriodAxis, file: str, claim: str, key: str, value: str, that_day: int, example: str,
                    at_midnight: bool, zoned: bool = False) -> Problem:
    text = render(axis.expr)
    day = value[:10]
    rows = f"{that_day:,} row{'s' if that_day != 1 else ''}"
    if at_midnight:  # a date alone, on a day whose rows are at midnight: the instant written in full
        said = (f"{key}: {value} is a date, not a time, though {rows} fall on {day} (the first at {example}): "
                "the period would not be found")
        written = f"{key}: '{day} 00:00:00{'+00:00' if zoned else ''}'"
    else:
        said = (f"{key}: {value} is no instant of it, though {rows} fall on {day} (the first at {example}): the "
                "period would not be found, and the day would read as a gap in the data")
        written = f"{key}: '{example}'"
    return Problem(f"over: {text} holds times of day, so each of its periods is one instant, and {said}",
                   file=file, line=axis.line, claim=claim,
                   hint=f"to compare days, months or years, make the axis that period (a derive such as month: "
                        f"month_start({text}), or year({text})) and write over: month, {key}: '{day[:8]}01'; "
                        f"to name the instant itself, write it as the data holds it: {written}")
