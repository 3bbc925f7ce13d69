"""The terminal view of ``factcheck explain``: the working behind one figure.

Every string from the claims file or the data is cleaned (control characters
shown escaped, see :mod:`factcheck.render.safetext`) and handed to rich as
:class:`~rich.text.Text`, never as markup.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from ..explanation import Explanation
from ..formatting import plain_number, rows_said
from ..money import leading_sign
from ..report import ClaimResult
from ._common import amount, numerator_denominator, read_as
from .safetext import clean, clean_lines
from .terminal import MARK, STYLE, stated_and_computed


def _line(*parts: str | tuple[str, str]) -> Text:
    """A line from plain strings and (text, style) pairs; the text is never read as markup."""
    return Text.assemble(*parts, overflow="fold")


def print_explanation(ex: Explanation, console: Console) -> None:
    """The claim, its figure and verdict, the data it read, and the steps on each table."""
    _print_figure(ex, console)
    _print_data(ex, console)


def _print_figure(ex: Explanation, console: Console) -> None:
    r = ex.result
    say = console.print
    say(_line((clean(r.id), "bold"), f"  (line {r.line})"))
    say(_line(f"  says: {clean(r.says)}"))
    if r.expectation:
        say(_line(f"  expect: {clean(r.expectation.written)}"
                  + (f" — read as: {clean(read_as(r))}" if read_as(r) else "")))
    exact = r.value_exact if r.value_exact and "/" in r.value_exact and r.numerator is None else None
    say(_line("  verdict: ", (MARK[r.verdict], STYLE[r.verdict]), f"  {stated_and_computed(r)}"
              + (f"  (exactly {clean(exact)})" if exact else "")))
    if r.message:
        say(_line(f"  {clean(r.message)}" + (f" [{r.reason.value}]" if r.reason else "")))
    for n in r.notes:
        say(_line(f"  note {n.code.value}: {clean(n.message)}"))
    if r.numerator is not None or r.denominator is not None:
        num, den = numerator_denominator(r)
        say(_line(f"  numerator: {num}   denominator: {den}"))
    if r.rows_kept is not None:
        say(_line(f"  rows kept: {r.rows_kept:,}" + (f", left out as unknown: {r.rows_unknown:,}" if r.rows_unknown else "")))
    details: dict[str, Any] = r.details.fields() if r.details else {}
    amounts = _AMOUNTS.get(str(getattr(r.details, "kind", "")), ())
    named = _the_top(r, details)
    for key, value in details.items():
        if named and key in ("ranking", "ties_at_cut", "tied_at_cut", "names"):
            continue  # said in words below
        sums_sign = _sums_sign(r, details)
        if ex.names and key in ("ranking", "ties_at_cut") and isinstance(value, list):
            shown = _named(value, ex.names)  # a top's ids, by the names a lookup gives them
        elif sums_sign and key in ("top_total", "total") and isinstance(value, (int, float)):
            shown = _money(value, sums_sign)  # a top_share's sums, in money as its groups' are
        else:
            shown = _like_the_value(r, value) if key in amounts else _detail(value)
        say(_line(f"  {clean(key.replace('_', ' '))}: {clean(shown)}"))
    if named:
        say(_line(f"  {clean(named)}"))
    if r.series:
        points = ", ".join(f"{p.key}{'*' if p.marked else ''}: {'—' if p.value is None else amount(r, p.value)}"
                           for p in r.series)
        say(_line(f"  series (* the periods the claim names): {clean(points)}"))


def _print_data(ex: Explanation, console: Console) -> None:
    r = ex.result
    say = console.print
    uses = {u.name: u for u in ex.session.uses}
    read = [uses[name] for name in r.tables if name in uses]
    if read:  # a claim without a measure read nothing: no heading over nothing
        say()
        say(_line(("Data", "bold")))
    for u in read:
        say(_line(f"  {clean(u.name)}: {clean(u.path)}  {rows_said(u.rows)}  sha256 {u.sha256[:16]}…"))
    for scan in ex.scans:
        say()
        say(_line((f"Steps on {clean(scan.table)}" + (f" ({clean(scan.label)})" if scan.label else ""), "bold")))
        for step in scan.steps:
            say(_line(f"  {step.rows:>9,}  {clean(step.label)}"))
        if scan.sample:
            table = Table(title=Text(f"first {len(scan.sample)} rows kept"), title_justify="left")
            for c in scan.sample_columns:
                table.add_column(Text(clean(c)), overflow="fold")
            for row in scan.sample:
                table.add_row(*(Text("" if v is None else clean(v)) for v in row))
            say(table)
    if r.sql:
        say()
        say(_line(("SQL", "bold"), " (paste into DuckDB to reproduce)"))
        sql = "\n".join(clean_lines(r.sql))
        say(Syntax(sql, "sql", word_wrap=True, theme="ansi_dark") if console.is_terminal else Text(sql))
    if ex.engine_sql:
        say()
        say(_line((f"{ex.session.backend.dialect.capitalize()} SQL", "bold"), " (what the engine ran: the tables "
                  "over its reader's views, then the queries of the claim and of these steps)"))
        sql = "\n".join(clean_lines(";\n\n".join(ex.engine_sql) + ";"))
        say(Syntax(sql, "sql", word_wrap=True, theme="ansi_dark") if console.is_terminal else Text(sql))


_AMOUNTS = {"top_sum": ("top_total", "total"), "change": ("from", "to", "earlier_bases"),
            "compare": ("a_value", "b_value")}
"""The details that are amounts in the value's own unit: a top's sum (the value itself) and the total;
the figures a change or a gap is taken between, and the change from each earlier base (in money when
it is)."""


def _the_top(r: ClaimResult, details: dict[str, Any]) -> str:
    """The groups a ``top_share`` or ``top_sum`` by groups took, each with its sum: "the top 5 of 160:
    Northline Construction (222,293,788.86), …", the first ten of a larger top and how many more, and
    the groups tied with the last at the cut; '' for other kinds, or a top of rows."""
    ranking = details.get("ranking") if r.kind in ("top_share", "top_sum") else None
    if not ranking:
        return ""
    from ..expectations.numbers import format_value, to_fraction
    from ..expectations.shape import MeasureShape

    exact = [to_fraction(g["figure"]) for g in ranking]
    cents = all((x * 100).denominator == 1 for x in exact) and any(x.denominator != 1 for x in exact)

    def figure(g: dict[str, Any]) -> str:  # a sum: in money when the column is, else every digit,
        x = g["figure"]  # with cents alike ("106,691,073.10" beside "222,293,788.86")
        if g.get("figure_text"):
            return str(g["figure_text"])
        if leading_sign(r.value_text or ""):  # a report of an earlier version: money when the value is
            return amount(r, x)
        return f"{x:,.2f}" if cents else format_value(to_fraction(x), MeasureShape("number"))
    names: dict[str, str] = details.get("names") or {}
    in_top, out_of = details.get("in_top", len(ranking)), details.get("out_of")
    said = ", ".join(_group(g["value"], names, figure(g)) for g in ranking)
    more = in_top - len(ranking)
    text = f"the top {in_top:,}" + (f" of {out_of:,}" if out_of else "") + f": {said}"
    text += f" and {more:,} more" if more > 0 else ""
    ties = details.get("ties_at_cut") or []
    if ties:
        text += "; tied with the last at the cut, left out: " + ", ".join(_group(t, names) for t in ties)
        rest = (details.get("tied_at_cut") or 0) - len(ties)
        text += f" and {rest:,} more" if rest > 0 else ""
    return text


def _group(value: str, names: dict[str, str], figure: str = "") -> str:
    """A group of a ranking and its figure, an id a lookup names by its name as a reader knows it,
    the id kept (one name may have two): "Harbor Paving Co. (V0001, 106,691,073.10)", "5 ($8,017.50)",
    "Sanitation (b)", "b"."""
    said = [value] if value in names else []
    said += [figure] if figure else []
    shown = names.get(value, value)
    return f"{shown} ({', '.join(said)})" if said else shown


def _named(values: list[Any], names: dict[str, str]) -> str:
    """A top's ranking (or ties) with each id a lookup names by its name: "Harbor Paving Co. (V0001,
    106,691,073)", as a top by groups says its groups; "none" for no value."""
    def one(v: Any) -> str:
        if isinstance(v, dict) and set(v) == {"value", "figure"}:
            return _group(str(v["value"]), names, plain_number(v["figure"]))
        return _group(str(v), names)
    return ", ".join(one(v) for v in values) if values else "none"


def _sums_sign(r: ClaimResult, details: dict[str, Any]) -> str:
    """The currency sign of a top's sums when its groups' are written in money, else ''."""
    ranking = details.get("ranking") if r.kind in ("top_share", "top_sum") else None
    return leading_sign(str(ranking[0].get("figure_text") or "")) if ranking else ""


def _money(x: float, sign: str) -> str:
    from ..expectations.numbers import money_text, to_fraction
    from ..formatting import with_sign
    return with_sign(money_text(to_fraction(x)), sign)


def _like_the_value(r: ClaimResult, x: object, change: bool = False) -> str:
    """An amount of the details in the form of the value beside it: with its currency sign, written as
    the value is ("top total: $1,368,982.69" beside "computed $1,368,982.69"; was "1,368,983"); a
    period's figure ("from: 2021: $8,117.50") the same, and a change from an earlier base with its
    sign ("2020: +$180,014.85")."""
    if isinstance(x, list) and x and leading_sign(r.value_text or ""):
        return ", ".join(_like_the_value(r, v, change=True) for v in x)
    if isinstance(x, dict) and set(x) == {"key", "value"} and isinstance(x["value"], (int, float)):
        return f"{x['key']}: {_like_the_value(r, x['value'], change)}"
    if not isinstance(x, (int, float)) or isinstance(x, bool):
        return _detail(x)
    if leading_sign(r.value_text or ""):
        return amount(r, x, change=change)  # money as the value beside it is written: whole, or with its cents
    from ..expectations.numbers import format_value, to_fraction
    from ..expectations.shape import MeasureShape
    return format_value(to_fraction(x), MeasureShape("number")) if r.kind == "top_sum" else _detail(x)


def _detail(value: object) -> str:
    """A detail for people: {'key': '2019', 'value': 149.0} -> '2019: 149'."""
    if isinstance(value, dict):
        if set(value) == {"key", "value"}:  # a figure, or a value already written for people (every)
            shown = value["value"] if isinstance(value["value"], str) else plain_number(value["value"])
            return f"{value['key']}: {shown}"
        if set(value) == {"value", "figure"}:
            return f"{value['value']} ({plain_number(value['figure'])})"
        return ", ".join(f"{k} {_detail(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_detail(v) for v in value) if value else "none"
    if isinstance(value, float):
        return plain_number(value)
    return "—" if value is None else str(value)
