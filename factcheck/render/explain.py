"""The terminal view of ``factcheck explain``: the working behind one figure."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.syntax import Syntax
from rich.table import Table

from ..explain import Explanation
from .terminal import MARK, STYLE, computed, stated


def print_explanation(ex: Explanation, console: Console) -> None:
    r = ex.result
    console.print(f"[bold]{escape(r.id)}[/]  (line {r.line})")
    console.print(f"  says: {escape(r.says)}")
    if r.expectation:
        console.print(f"  expect: {escape(r.expectation.written)} — read as: {escape(r.expectation.meaning)}")
    exact = r.value_exact if r.value_exact and "/" in r.value_exact and r.numerator is None else None
    console.print(f"  verdict: [{STYLE[r.verdict]}]{MARK[r.verdict]}[/]  stated {escape(stated(r))}, "
                  f"computed {escape(computed(r))}" + (f"  (exactly {exact})" if exact else ""))
    if r.message:
        console.print(f"  {escape(r.message)}" + (f" [{r.reason.value}]" if r.reason else ""))
    for n in r.notes:
        console.print(f"  note {n.code.value}: {escape(n.message)}")
    if r.numerator is not None or r.denominator is not None:
        console.print(f"  numerator: {_num(r.numerator)}   denominator: {_num(r.denominator)}")
    if r.rows_kept is not None:
        console.print(f"  rows kept: {r.rows_kept:,}" + (f", left out as unknown: {r.rows_unknown:,}" if r.rows_unknown else ""))
    details: dict[str, Any] = r.details.fields() if r.details else {}
    for key, value in details.items():
        console.print(f"  {key.replace('_', ' ')}: {escape(_detail(value))}")
    if r.series:
        points = ", ".join(f"{p.key}{'*' if p.marked else ''}: {'—' if p.value is None else _num(p.value)}"
                           for p in r.series)
        console.print(f"  series (* the periods the claim names): {escape(points)}")
    uses = {u.name: u for u in ex.session.uses}
    console.print("\n[bold]Data[/]")
    for name in r.tables:
        if name in uses:
            u = uses[name]
            console.print(f"  {name}: {escape(u.path)}  {u.rows:,} rows  sha256 {u.sha256[:16]}…")
    for scan in ex.scans:
        console.print(f"\n[bold]Steps on {escape(scan.table)}[/]")
        for step in scan.steps:
            console.print(f"  {step.rows:>9,}  {escape(step.label)}")
        if scan.sample:
            table = Table(title=f"first {len(scan.sample)} rows kept", title_justify="left")
            for c in scan.sample_columns:
                table.add_column(c)
            for row in scan.sample:
                table.add_row(*("" if v is None else escape(str(v)) for v in row))
            console.print(table)
    if r.sql:
        console.print("\n[bold]SQL[/] (paste into DuckDB to reproduce)")
        console.print(Syntax(r.sql, "sql", word_wrap=True, theme="ansi_dark") if console.is_terminal else r.sql)


def _num(x: float | None) -> str:
    if x is None:
        return "—"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.6g}"


def _detail(value: object) -> str:
    """A detail for people: {'key': '2019', 'value': 149.0} -> '2019: 149'."""
    if isinstance(value, dict):
        if set(value) == {"key", "value"}:
            return f"{value['key']}: {_num(value['value'])}"
        if set(value) == {"value", "figure"}:
            return f"{value['value']} ({_num(value['figure'])})"
        return ", ".join(f"{k} {_detail(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_detail(v) for v in value) if value else "none"
    if isinstance(value, float):
        return _num(value)
    return "—" if value is None else str(value)
