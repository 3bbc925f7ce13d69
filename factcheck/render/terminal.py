"""The view of ``factcheck run``: a compact list in a terminal, stable plain lines when piped.

In a terminal (designed at 80 columns first, wrapped to the width it has):
failures first, then what could not be checked, each with its reason on a second
line; then the passes, one line each. ``--verbose`` adds the evidence under
every claim. Piped, each claim is a line in file order, with its message,
reason and notes indented under it: plain, never wrapped, stable for logs and
``grep``.

Every string from a claims file or the data goes through
:func:`~factcheck.render.safetext.clean` and reaches rich only inside a
:class:`~rich.text.Text`, never as markup.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from ..errors import FactcheckError
from ..formatting import rows_said
from ..report import ClaimResult, CoverageReport, Report, Verdict
from ._common import (
    draft_command,
    failures_first,
    numerator_denominator,
    read_as,
    warned_text,
    warning_mark,
    warning_text,
)
from ._common import stated as stated_text
from ._common import stated_and_computed as stated_and_computed_text
from .safetext import clean, clean_lines

if TYPE_CHECKING:  # rich is imported by the functions that build rich output: a piped run never needs it
    from rich.console import Console, RenderableType

    from ..api import Checked

STYLE = {Verdict.PASS: "green", Verdict.FAIL: "bold red", Verdict.UNVERIFIABLE: "yellow"}
SIGN = {Verdict.PASS: "✓", Verdict.FAIL: "✗", Verdict.UNVERIFIABLE: "?"}
MARK = {Verdict.PASS: "✓ pass", Verdict.FAIL: "✗ FAIL", Verdict.UNVERIFIABLE: "? unverifiable"}
GROUP = {Verdict.FAIL: "failed", Verdict.UNVERIFIABLE: "unverifiable", Verdict.PASS: "passed"}


def stated(r: ClaimResult) -> str:
    return clean(stated_text(r))


def computed(r: ClaimResult) -> str:
    return clean(r.value_text) if r.value_text is not None else "—"


def stated_and_computed(r: ClaimResult) -> str:
    """``stated 59%, computed 48.2%`` (:func:`._common.stated_and_computed`), hidden characters shown."""
    return clean(stated_and_computed_text(r))


def detail(r: ClaimResult) -> list[str]:
    """The message, then the reason code and notes: what an editor reads, one line each."""
    parts = [clean(r.message)] if r.message else []
    if r.reason:
        parts.append(f"[{r.reason.value}]")
    parts += [f"note {n.code.value}: {clean(n.message)}" for n in r.notes]
    return parts


def evidence(r: ClaimResult, *, line: bool = True) -> list[str]:
    """The evidence behind a verdict, one fact a line (``--verbose``)."""
    lines = [f"says: {clean(r.says)}"]
    if read_as(r):
        lines.append(f"read as: {clean(read_as(r))}")
    figures = []
    if r.numerator is not None or r.denominator is not None:
        num, den = numerator_denominator(r)
        figures.append(f"numerator {num}, denominator {den}")
    if r.rows_kept is not None:
        figures.append(f"{r.rows_kept:,} row{'s' if r.rows_kept != 1 else ''} kept")
    if r.rows_unknown:
        figures.append(f"{r.rows_unknown:,} left out as unknown")
    if figures:
        lines.append("; ".join(figures))
    if r.tables:
        lines.append("data: " + ", ".join(clean(t) for t in r.tables))
    if line and r.line is not None:
        lines.append(f"claims file line {r.line}")
    return lines


def print_report(report: Report, console: Console, *, strict: bool = False, verbose: bool = False,
                 require_coverage: bool = False) -> None:
    if console.is_terminal:
        _rich(report, console, strict=strict, verbose=verbose, require_coverage=require_coverage)
    else:
        _plain(report, console.file, strict=strict, verbose=verbose, require_coverage=require_coverage)


def not_checked_lines(cov: CoverageReport, claims_file: str) -> list[str]:
    """Each figure of the article no claim checks, then the command that drafts a claim for each."""
    lines = [f"not checked: {clean(f.text)!s} (line {f.line}) in \"{clean(f.sentence)}\""
             + (f" \u2014 {clean(f.reason)}" if f.reason else "") for f in cov.not_checked]
    if cov.not_checked:  # the way on: a claim drafted for each, to paste
        lines.append(f"  hint: {clean(draft_command(claims_file))} drafts a claim for "
                     f"{'each' if len(cov.not_checked) > 1 else 'it'}, with the measures that meet its figure")
    return lines


def coverage_lines(report: Report) -> list[str]:
    """The article's figures no claim checks, claims whose ``says`` is gone, unused ignore entries."""
    cov = report.coverage
    if cov is None:
        return []
    lines = not_checked_lines(cov, report.claims_file)
    for s in cov.stale:
        hint = (f"; closest now (line {s.closest_line}): \"{clean(s.closest)}\"" if s.closest else "")
        lines.append(f"stale: claim {clean(s.id)} says \"{clean(s.says)}\", no longer in the article{hint}")
    for e in cov.unused_ignores:
        lines.append(f"unused ignore: figure \"{clean(e.figure)}\" in \"{clean(e.sentence)}\" matches nothing "
                     "in the article")
    return lines


def _claim(r: ClaimResult, verbose: bool) -> RenderableType:
    """One claim: a head line, then (failures, unverifiables, --verbose) indented lines under it."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text
    head = Text(clean(r.id), style="bold" if r.verdict != Verdict.PASS else "")
    notes = [n.code.value for n in r.notes]
    if r.verdict == Verdict.PASS:
        head.append(f"  stated {stated(r)}, computed {computed(r)}")
    elif r.verdict == Verdict.UNVERIFIABLE and r.expectation is not None:
        head.append(f"  stated {stated(r)}")
    # a failure's message says what was stated and computed: not said twice
    if r.verdict != Verdict.PASS and r.line is not None:
        head.append(f"  line {r.line}", style="dim")
    if warning_text(r):
        head.append("  " + clean(warning_text(r)), style="bold yellow")
    if r.verdict == Verdict.PASS and not verbose:
        if notes:
            head.append("  · " + ", ".join(notes), style="dim")
        return head
    under = Text(clean(r.message))
    if r.reason:
        under.append(f" [{r.reason.value}]", style="dim")
    if notes and not verbose:
        under.append("  · " + ", ".join(notes), style="dim")
    rest: list[RenderableType] = [Padding(under, (0, 0, 0, 2))] if under.plain else []
    if verbose:
        for n in r.notes:
            rest.append(Padding(Text(f"note {n.code.value}: {clean(n.message)}", style="dim"), (0, 0, 0, 2)))
        for line in evidence(r, line=False):
            rest.append(Padding(Text(line, style="dim"), (0, 0, 0, 2)))
    return Group(head, *rest)


def _rich(report: Report, console: Console, *, strict: bool, verbose: bool, require_coverage: bool) -> None:
    from rich.table import Table
    from rich.text import Text
    title = Text(clean(report.title or report.claims_file), style="bold", overflow="fold")
    if report.title:
        title.append(f"  {clean(report.claims_file)}", style="dim")
    console.print(title)
    results = failures_first(report)
    for verdict in (Verdict.FAIL, Verdict.UNVERIFIABLE, Verdict.PASS):
        group = [r for r in results if r.verdict == verdict]
        if not group:
            continue
        console.print()
        console.print(Text(f"{len(group)} {GROUP[verdict]}", style=STYLE[verdict]))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, width=1)
        grid.add_column(overflow="fold")
        for r in group:
            grid.add_row(Text(SIGN[r.verdict], style=STYLE[r.verdict]), _claim(r, verbose))
        console.print(grid)
    extra = coverage_lines(report)
    if extra:
        console.print()
        for line in extra:
            console.print(Text(line, style="yellow", overflow="fold"))
    console.print()
    console.print(Text(summary_line(report, strict=strict, require_coverage=require_coverage), overflow="fold"),
                  style="bold red" if report.exit_code(strict, require_coverage) else "bold green")


def _plain(report: Report, out: IO[str], *, strict: bool, verbose: bool, require_coverage: bool) -> None:
    out.write(f"{clean(report.title or report.claims_file)}\n")
    for r in report.results:
        warn = f"  {warning_mark(r)}" if warning_mark(r) else ""  # the message is in the note lines below
        out.write(f"{r.verdict.value.upper():<12} {clean(r.id)}: {stated_and_computed(r)}{warn}\n")
        for line in detail(r) + (evidence(r) if verbose else []):
            out.write(f"{'':13}{line}\n")
    for line in coverage_lines(report):
        out.write(line + "\n")
    out.write(summary_line(report, strict=strict, require_coverage=require_coverage) + "\n")


def summary_line(report: Report, *, strict: bool = False, require_coverage: bool = False) -> str:
    """``49 claims: 45 passed, 2 failed, 2 unverifiable — FILE``, and why ``--strict`` fails a run."""
    s = report.summary
    line = (f"{s.total} claim{'s' if s.total != 1 else ''}: {s.passed} passed, {s.failed} failed, "
            f"{s.unverifiable} unverifiable{warned_text(report)} — {clean(report.claims_file)}")
    if strict and s.unverifiable:
        line += (f"; {s.unverifiable} unverifiable "
                 + ("counts as a failure" if s.unverifiable == 1 else "count as failures") + " under --strict")
    cov = report.coverage
    if cov is not None:
        n = len(cov.not_checked)
        if n:
            line += (f"; {n} figure{'s' if n != 1 else ''} in the article {'are' if n != 1 else 'is'} not checked"
                     + (" (a failure under --require-coverage)" if require_coverage else ""))
        if cov.stale:
            k = len(cov.stale)
            line += (f"; {k} claim{'s' if k != 1 else ''} no longer in the article"
                     + (" (a failure under --strict)" if strict else ""))
    return line


def print_error(error: FactcheckError, console: Console, of: str | None = None) -> None:
    """Every problem, located, with its hint: no traceback, nothing from the input obeyed. ``of``:
    the claims file whose run they stop, when a command runs several (the others still run)."""
    from rich.text import Text
    n = len(error.problems)
    head = Text("error:", style="bold red")
    stop = f"problem{'s stop' if n != 1 else ' stops'}"
    head.append(f" {n} {stop} this run; nothing was judged." if of is None
                else f" {n} {stop} {clean(of)}; none of its claims was judged.")
    console.print(head, soft_wrap=True)
    for p in error.problems:
        line = Text("- ")
        where = p.where()
        if where:
            line.append(clean(where), style="bold")
            line.append(": ")
        if p.claim:
            line.append(f"claim '{clean(p.claim)}': ")
        line.append(clean(p.message))
        console.print(line, soft_wrap=True)
        if p.detail:
            console.print(Text("\n".join("    " + d for d in clean_lines(p.detail))), soft_wrap=True)
        if p.hint:
            hint = Text("  ")
            hint.append("hint:", style="cyan")
            hint.append(" " + clean(p.hint))
            console.print(hint, soft_wrap=True)


def print_internal_error(exc: BaseException, console: Console) -> None:
    """A bug of ours, said plainly, its message shown and never obeyed."""
    from rich.text import Text
    line = Text("internal error:", style="bold red")
    line.append(f" {type(exc).__name__}: {clean(exc)}")
    console.print(line, soft_wrap=True)
    console.print(Text("This is a bug in factcheck; run again with --debug for the traceback and report it."),
                  soft_wrap=True)


def print_checked(checked: Checked, console: Console) -> None:
    """``ok: claims/2020.yaml: 49 claims, cases (1,234 rows), …`` for ``factcheck check``."""
    from rich.text import Text
    n = checked.claims
    stale = checked.coverage.stale if checked.coverage is not None else []
    warned: dict[str, list[str]] = {}
    for claim_id, _, note in checked.warnings:
        warned.setdefault(claim_id, []).append(f"WARNING {note.code.value}: {clean(note.message)}")
    unchecked = not_checked_lines(checked.coverage, checked.claims_file) if checked.coverage is not None else []
    if stale:
        for said in unchecked:
            console.print(Text(said, overflow="fold"))
        for s in stale:
            hint = (f"; closest now (line {s.closest_line}): \"{clean(s.closest)}\"" if s.closest else "")
            console.print(Text(f"stale: claim {clean(s.id)} says \"{clean(s.says)}\", no longer in the article{hint}",
                               overflow="fold"))
        for table in checked.table_warnings:
            at = f" (line {table.line})" if table.line else ""
            console.print(Text(f"warning: table {clean(table.table)}{at}: {table.code}: {clean(table.message)}",
                               overflow="fold"))
        for claim_id, line, note in checked.warnings:  # said even when the file fails for another reason
            at = f" (line {line})" if line else ""
            console.print(Text(f"warning: claim {clean(claim_id)}{at}: {note.code.value}: {clean(note.message)}",
                               overflow="fold"))
        k = len(stale)
        console.print(Text(f"failed: {clean(checked.claims_file)}: {k} claim{'s' if k != 1 else ''} no longer "
                           "in the article", style="bold red"))
        return
    k, t = len(warned), len({w.table for w in checked.table_warnings})
    for said in unchecked:  # said, not failed: run --require-coverage fails on them
        console.print(Text(said, overflow="fold"))
    console.print(Text(f"ok: {clean(checked.claims_file)}: {n} claim{'s' if n != 1 else ''}, "
                       + ", ".join(f"{clean(u.name)} ({rows_said(u.rows)})" for u in checked.tables)
                       + (f"; {k} with a WARNING" if k else "")
                       + (f"; {t} table{'s' if t != 1 else ''} with a WARNING" if t else "")))
    for table in checked.table_warnings:
        at = f" (line {table.line})" if table.line else ""
        console.print(Text(f"  table {clean(table.table)}{at}: WARNING {table.code}: {clean(table.message)}",
                           style="yellow", overflow="fold"))
    for claim_id, line in checked.ids:
        console.print(Text(f"  {clean(claim_id)}" + (f"  (line {line})" if line else "")))
        for text in warned.get(claim_id, []):
            console.print(Text(f"    {text}", style="yellow", overflow="fold"))
