"""The terminal view: a rich table in a terminal, stable plain lines when piped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ..errors import FactcheckError
from ..report import ClaimResult, Report, Verdict

if TYPE_CHECKING:
    from ..api import Checked

STYLE = {Verdict.PASS: "green", Verdict.FAIL: "bold red", Verdict.UNVERIFIABLE: "yellow"}
MARK = {Verdict.PASS: "✓ pass", Verdict.FAIL: "✗ FAIL", Verdict.UNVERIFIABLE: "? unverifiable"}


def stated(r: ClaimResult) -> str:
    return r.expectation.written if r.expectation else "—"


def computed(r: ClaimResult) -> str:
    return r.value_text if r.value_text is not None else "—"


def detail(r: ClaimResult) -> str:
    """The message, then the reason code and notes: what an editor reads."""
    parts = [r.message]
    if r.reason:
        parts.append(f"[{r.reason.value}]")
    parts += [f"note {n.code.value}: {n.message}" for n in r.notes]
    return "\n".join(p for p in parts if p)


def print_report(report: Report, console: Console) -> None:
    if console.is_terminal:
        _rich(report, console)
    else:
        _plain(report, console)


def _rich(report: Report, console: Console) -> None:
    table = Table(title=escape(report.title or report.claims_file), title_justify="left",
                  show_lines=True, expand=False)
    table.add_column("verdict", no_wrap=True)
    table.add_column("claim")
    table.add_column("stated", no_wrap=True)
    table.add_column("computed", no_wrap=True)
    table.add_column("why")
    for r in report.results:
        claim = Text(r.id, style="bold")
        claim.append("\n" + r.says, style="dim")
        table.add_row(Text(MARK[r.verdict], style=STYLE[r.verdict]), claim, stated(r), computed(r), detail(r))
    console.print(table)
    console.print(summary_line(report), style="bold red" if report.summary.failed else "bold green")


def _plain(report: Report, console: Console) -> None:
    out = console.file
    out.write(f"{report.title or report.claims_file}\n")
    for r in report.results:
        out.write(f"{r.verdict.value.upper():<12} {r.id}: stated {stated(r)}, computed {computed(r)}\n")
        for line in detail(r).splitlines():
            out.write(f"{'':13}{line}\n")
    out.write(summary_line(report) + "\n")


def summary_line(report: Report) -> str:
    s = report.summary
    return (f"{s.total} claim{'s' if s.total != 1 else ''}: {s.passed} passed, {s.failed} failed, {s.unverifiable} unverifiable"
            f" — {report.claims_file}")


def print_error(error: FactcheckError, console: Console) -> None:
    """Every problem, located, with its hint: no traceback."""
    n = len(error.problems)
    console.print(f"[bold red]error:[/] {n} problem{'s' if n != 1 else ''} stop this run; nothing was judged.",
                  highlight=False)
    for p in error.problems:
        head = p.where()
        line = (f"[bold]{escape(head)}[/]: " if head else "") + (f"claim '{escape(p.claim)}': " if p.claim else "")
        console.print(f"- {line}{escape(p.message)}", highlight=False, soft_wrap=True)
        if p.detail:
            console.print(Text("\n".join("    " + d for d in p.detail.splitlines())), soft_wrap=True)
        if p.hint:
            console.print(f"  [cyan]hint:[/] {escape(p.hint)}", highlight=False, soft_wrap=True)


def print_checked(checked: Checked, console: Console) -> None:
    """``ok: claims/2020.yaml: 49 claims, cases (1,234 rows), …`` for ``factcheck check``."""
    n = checked.claims
    console.print(escape(f"ok: {checked.claims_file}: {n} claim{'s' if n != 1 else ''}, "
                         + ", ".join(f"{u.name} ({u.rows:,} rows)" for u in checked.tables)))
