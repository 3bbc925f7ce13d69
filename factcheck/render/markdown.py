"""The Markdown report: a summary fit for a pull-request comment.

Counts first, then one table row per claim, failures first: the verdict, the
claim and what the article says, stated against computed, and why. Every piece
of user-written text is escaped so a claims file cannot add links, markup or
table cells of its own.
"""

from __future__ import annotations

from ..formatting import rows_said
from ..report import ClaimResult, Report, Verdict
from ._common import (
    computed,
    draft_command,
    failures_first,
    reason_text,
    stated,
    summary_text,
    warned_text,
    warning_mark,
)
from ._mdtext import code, escape

ICON = {Verdict.PASS: "✅ pass", Verdict.FAIL: "❌ **fail**", Verdict.UNVERIFIABLE: "⚠️ unverifiable"}

__all__ = ["ICON", "code", "escape", "render"]


def render(report: Report) -> str:
    s = report.summary
    title = escape(report.title or report.claims_file)
    lines = [f"### factcheck: {title}", ""]
    verdict_bits = []
    if s.failed:
        verdict_bits.append(f"**{s.failed} failed**")
    if s.unverifiable:
        verdict_bits.append(f"{s.unverifiable} unverifiable")
    verdict_bits.append(f"{s.passed} passed")
    if warned_text(report):
        verdict_bits.append(f"**{warned_text(report).lstrip(', ')}**")
    lines.append(f"{' · '.join(verdict_bits)} of {s.total} claim{'s' if s.total != 1 else ''} "
                 f"in {code(report.claims_file, table=False)}")
    lines.append("")
    if report.results:
        lines += ["| verdict | claim | the article says | stated | computed | why |",
                  "| --- | --- | --- | --- | --- | --- |"]
        lines += [_row(r) for r in failures_first(report)]
        lines.append("")
    else:
        lines += ["No claims were judged.", ""]
    if report.comparison is not None:  # run --baseline: what changed comes right after the verdicts
        from .diff import render_comparison_markdown
        lines += [render_comparison_markdown(report.comparison, heading="####").rstrip(), ""]
    lines += _coverage(report)
    lines += _provenance(report)
    return "\n".join(lines) + "\n"


_FIGURE_STATUS = {"not_checked": "not checked", "not_encoded": "noted, no measure yet", "ignored": "ignored"}


def _coverage(report: Report) -> list[str]:
    """The article's figures no claim checks (and those ignored or noted), stale claims, unused ignores."""
    cov = report.coverage
    if cov is None:
        return []
    n = len(cov.not_checked)
    head = (f"{n} figure{'s' if n != 1 else ''} of {len(cov.figures)} in {code(cov.article)} "
            f"{'are' if n != 1 else 'is'} not checked" + (" (**fails** under --require-coverage)" if n and cov.required
                                                          else ""))
    lines = ["#### Coverage of the article", "", head, ""]
    if n:
        lines += [f"To draft a claim for {'each' if n > 1 else 'it'}, with the measures that meet its figure: "
                  f"{code(draft_command(report.claims_file), table=False)}", ""]
    shown = [f for f in cov.figures if f.status.value != "checked"]
    if shown:
        lines += ["| figure | line | sentence | status | why |", "| --- | --- | --- | --- | --- |"]
        lines += [f"| {escape(f.text)} | {f.line} | {escape(f.sentence)} | {_FIGURE_STATUS[f.status.value]} | "
                  f"{escape(f.reason or ', '.join(f.claims))} |" for f in shown]
        lines.append("")
    for st in cov.stale:
        hint = f"; closest now (line {st.closest_line}): {escape(st.closest)}" if st.closest else ""
        lines.append(f"- **stale**: claim {code(st.id)} says \u201c{escape(st.says)}\u201d, no longer in the "
                     f"article{hint}")
    for u in cov.unused_ignores:
        lines.append(f"- unused ignore: figure \u201c{escape(u.figure)}\u201d in \u201c{escape(u.sentence)}\u201d "
                     "matches nothing in the article")
    if cov.stale or cov.unused_ignores:
        lines.append("")
    return lines


def _row(r: ClaimResult) -> str:
    why = [escape(r.message)] if r.message else []
    if r.reason is not None:
        why.append(f"`{r.reason.value}`")
    why += [f"note `{n.code.value}`: {escape(n.message)}" for n in r.notes]
    verdict = ICON[r.verdict] + (f" **{escape(warning_mark(r))}**" if warning_mark(r) else "")  # message: in "why"
    cells = [verdict, code(r.id), escape(r.says), escape(stated(r)), escape(computed(r)),
             "<br>".join(why) or escape(reason_text(r))]
    return "| " + " | ".join(cells) + " |"


def _provenance(report: Report) -> list[str]:
    lines = ["<details><summary>data files and run</summary>", ""]
    lines.append(f"- claims file {code(report.claims_file, table=False)} "
                 f"sha256 {code(report.claims_sha256, table=False)}")
    for t in report.tables:
        lines.append(f"- table {code(t.name, table=False)}: {code(t.path, table=False)}, {rows_said(t.rows)}, "
                     f"sha256 {code(t.sha256, table=False)}")
    lines.append(f"- factcheck {escape(report.tool_version)}, {escape(report.generated_at)}, "
                 f"schema {escape(report.schema_version)}, engine {escape(report.engine)}; "
                 f"{escape(summary_text(report))}")
    lines += ["", "</details>"]
    return lines
