"""The comparison with a baseline, for people: in the terminal and in Markdown.

Both views list what an editor must act on first (regressions), then what moved
without breaking, then claims added and removed, then the data files that
changed. Unchanged claims are counted, not listed.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..formatting import rows_said
from ..report import ClaimChange, Comparison, TableChange
from ._mdtext import code, escape
from .safetext import clean

ORDER = ("regressed", "verdict_changed", "improved", "value_changed", "added", "removed")
LABEL = {"regressed": "REGRESSED", "verdict_changed": "CHANGED", "improved": "IMPROVED",
         "value_changed": "MOVED", "added": "ADDED", "removed": "REMOVED", "unchanged": "unchanged"}
STYLE = {"regressed": "bold red", "verdict_changed": "yellow", "improved": "green", "value_changed": "cyan",
         "added": "blue", "removed": "magenta", "unchanged": "dim"}
ICON = {"regressed": "❌", "verdict_changed": "⚠️", "improved": "✅", "value_changed": "↕️",
        "added": "➕", "removed": "➖", "unchanged": ""}


def value(text: str | None, raw: object) -> str:
    if text is not None:
        return text
    return "—" if raw is None else str(raw)


def headline(c: ClaimChange) -> str:
    """One line saying what happened to a claim, with its old and new values."""
    before = c.verdict_before.value if c.verdict_before else None
    after = c.verdict_after.value if c.verdict_after else None
    old, new = value(c.value_text_before, c.value_before), value(c.value_text_after, c.value_after)
    stated = c.stated_after or c.stated_before
    said = f"stated {stated}, " if stated else ""
    if c.status == "added":
        return f"{c.id}: new claim, {after}" + (f"; {said}computed {new}" if c.value_after is not None else "")
    if c.status == "removed":
        return f"{c.id}: no longer in the claims file (was {before}" + (f", {old})" if c.value_before is not None else ")")
    verdicts = f"{before} → {after}" if before != after else f"still {after}"
    text = f"{c.id}: {verdicts}; {said}was {old}, now {new}"
    if c.stated_before and c.stated_after and c.stated_before != c.stated_after:
        text += f" (the claim now states {c.stated_after}, it stated {c.stated_before})"
    if c.reason_after and c.status in ("regressed", "verdict_changed"):
        text += f" [{c.reason_after.value}]"
    return text


def changed_files(c: ClaimChange, comparison: Comparison) -> str:
    paths = {t.name: t.path_after or t.path_before for t in comparison.tables}
    return ", ".join(f"{name} ({paths.get(name)})" for name in c.tables_changed)


def table_line(t: TableChange) -> str:
    path = t.path_after or t.path_before
    if t.status == "added":
        return f"{t.name} ({path}): new table, {rows_said(t.rows_after)}, sha256 {_short(t.sha256_after)}"
    if t.status == "removed":
        return f"{t.name} ({path}): no longer read (was {rows_said(t.rows_before)})"
    rows = (f"{t.rows_before:,} → {t.rows_after:,} rows" if t.rows_before != t.rows_after
            else rows_said(t.rows_after))
    moved = f", moved from {t.path_before}" if t.path_before != t.path_after else ""
    return f"{t.name} ({path}): {rows}, sha256 {_short(t.sha256_before)} → {_short(t.sha256_after)}{moved}"


def _short(sha: str | None) -> str:
    return (sha or "?")[:12]


def _moved(comparison: Comparison) -> list[tuple[int, str]]:
    """Claims whose value moved under the same verdict, by that verdict: only passes "still hold"."""
    said = {"pass": "moved but still hold", "fail": "moved and still fail",
            "unverifiable": "moved and still unverifiable"}
    moved = [c.verdict_after.value for c in comparison.claims if c.status == "value_changed" and c.verdict_after]
    return [(moved.count(v), label) for v, label in said.items()]


def verdict_line(comparison: Comparison, run_failed: str | None = None) -> str:
    """The comparison's last line; ``run_failed`` says why the run around it exits 1 anyway."""
    s = comparison.summary
    parts = [f"{n} {label}" for n, label in (
        (s.regressed, "regressions" if s.regressed != 1 else "regression"), (s.verdict_changed, "verdicts changed"),
        (s.improved, "improved"), *_moved(comparison), (s.added, "added"),
        (s.removed, "removed"), (s.unchanged, "unchanged")) if n]
    files = f"{s.tables_changed} data file{'s' if s.tables_changed != 1 else ''} changed"
    if comparison.exit_code():
        gate = "the gate fails"
    elif run_failed:
        gate = f"no regression, but the run exits 1: {run_failed}"
    else:
        gate = "no regression"
    return f"since the baseline: {', '.join(parts) or 'no claims'}; {files} — {gate}"


def lines(comparison: Comparison) -> list[tuple[str, str, list[str]]]:
    """(status, headline, detail lines) for every claim worth listing, most urgent first."""
    out = []
    for status in ORDER:
        for c in comparison.claims:
            if c.status != status:
                continue
            detail = []
            if c.tables_changed:
                detail.append("data changed: " + changed_files(c, comparison))
            if c.status in ("regressed", "verdict_changed", "added") and c.message:
                detail.append(c.message)
            out.append((status, headline(c), detail))
    return out


def print_comparison(comparison: Comparison, console: Console, run_failed: str | None = None) -> None:
    """The comparison in the terminal: colour in a terminal, stable plain lines when piped.

    Ids, values and paths come from the reports compared: each line is cleaned
    (control characters shown escaped) and reaches rich only as Text.
    """
    title = f"Compared with the baseline of {comparison.baseline_generated_at}"
    if comparison.baseline_file:
        title += f" ({comparison.baseline_file})"
    title = clean(title)
    rows = [(status, clean(head), [clean(d) for d in detail]) for status, head, detail in lines(comparison)]
    changed = [clean(table_line(t)) for t in comparison.tables if t.status != "unchanged"]
    verdict = clean(verdict_line(comparison, run_failed))
    if not console.is_terminal:
        out = console.file
        out.write(title + "\n")
        if comparison.claims_file_changed:
            out.write("the claims file itself changed since the baseline\n")
        for status, head, detail in rows:
            out.write(f"{LABEL[status]:<12} {head}\n")
            for d in detail:
                out.write(f"{'':13}{d}\n")
        for t in changed:
            out.write(f"{'DATA':<12} {t}\n")
        out.write(verdict + "\n")
        return
    console.print(Text(title, style="bold", overflow="fold"))
    if comparison.claims_file_changed:
        console.print(Text("the claims file itself changed since the baseline", style="dim"))
    grid = Table.grid(padding=(0, 1))  # wrapped to the terminal, each line under its own label
    grid.add_column(no_wrap=True, width=12)
    grid.add_column(overflow="fold")
    for status, head, detail in rows:
        grid.add_row(Text(LABEL[status], style=STYLE[status]), head)
        for d in detail:
            grid.add_row("", Text(d, style="dim"))
    for t in changed:
        grid.add_row(Text("DATA", style="bold"), t)
    if grid.rows:
        console.print(grid)
    console.print(Text(verdict, style="bold red" if comparison.exit_code() or run_failed else "bold green",
                       overflow="fold"))


def render_comparison_markdown(comparison: Comparison, *, heading: str = "###") -> str:
    """The comparison as a Markdown section (GitHub-flavoured), for reports and job summaries.

    Every value in it may come from a baseline file or the data, so all of it is escaped.
    """
    s = comparison.summary
    out = [f"{heading} Changes since the baseline", ""]
    if s.regressed:
        out.append(f"**{s.regressed} claim{'s' if s.regressed != 1 else ''} that held no longer "
                   f"{'hold' if s.regressed != 1 else 'holds'}: the gate fails.**")
    else:
        out.append("No claim that held has stopped holding.")
    out += ["", f"Baseline: run of {escape(comparison.baseline_generated_at)}"
            + (f" ({code(comparison.baseline_file, table=False)})" if comparison.baseline_file else "")
            + (" — the claims file itself changed since." if comparison.claims_file_changed else "."), ""]
    rows = [c for status in ORDER for c in comparison.claims if c.status == status]
    if rows:
        out += ["| change | claim | before | after | stated | data changed |",
                "| --- | --- | --- | --- | --- | --- |"]
        for c in rows:
            before = (f"{c.verdict_before.value}, {value(c.value_text_before, c.value_before)}"
                      if c.verdict_before else "—")
            after = (f"{c.verdict_after.value}, {value(c.value_text_after, c.value_after)}"
                     if c.verdict_after else "—")
            stated = c.stated_after or c.stated_before or ""
            if c.stated_before and c.stated_after and c.stated_before != c.stated_after:
                stated = f"{c.stated_before} → {c.stated_after}"
            out.append(f"| {ICON[c.status]} {c.status.replace('_', ' ')} | {code(c.id)} | {escape(before)} | "
                       f"{escape(after)} | {escape(stated)} | {escape(', '.join(c.tables_changed))} |")
        out.append("")
    if s.unchanged:
        out += [f"{s.unchanged} claim{'s' if s.unchanged != 1 else ''} unchanged.", ""]
    changed = [t for t in comparison.tables if t.status != "unchanged"]
    if changed:
        out += ["| data table | file | rows | sha256 |", "| --- | --- | --- | --- |"]
        for t in changed:
            rows_text = (f"{t.rows_before:,} → {t.rows_after:,}" if t.rows_before is not None and t.rows_after is not None
                         else f"{(t.rows_after if t.rows_after is not None else t.rows_before):,} ({t.status})")
            out.append(f"| {escape(t.name)} | {code(t.path_after or t.path_before)} | {rows_text} | "
                       f"{code(_short(t.sha256_before))} → {code(_short(t.sha256_after))} |")
        out.append("")
    else:
        out += ["No data file changed.", ""]
    return "\n".join(out)
