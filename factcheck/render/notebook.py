"""How a :class:`~factcheck.report.Report` and a :class:`~factcheck.report.ClaimResult` show
themselves in a notebook (Jupyter, VS Code, marimo call ``_repr_html_``).

A report is a table — verdict, id, what the article says, computed, expected —, failures
first, under its title and counts; a result is its evidence card, the one the HTML report
shows on selection. Everything from a claims file or the data is escaped; the HTML uses
inline styles only (a notebook keeps no stylesheet of ours) and imports neither pandas nor
rich.
"""

from __future__ import annotations

from ..report import ClaimResult, Report, Verdict
from ._common import LABEL, computed, failures_first, stated, summary_text, warning_text
from ._markup import ICON, e

COLOUR = {Verdict.PASS: "#1a7f37", Verdict.FAIL: "#cf222e", Verdict.UNVERIFIABLE: "#9a6700"}
_CELL = "text-align:left;vertical-align:top;padding:2px 8px"


def _verdict(r: ClaimResult) -> str:
    warning = warning_text(r)
    extra = f'<br><strong style="color:{COLOUR[Verdict.UNVERIFIABLE]}">{e(warning)}</strong>' if warning else ""
    return (f'<span style="color:{COLOUR[r.verdict]};font-weight:bold">{ICON[r.verdict]} '
            f"{e(LABEL[r.verdict])}</span>{extra}")


def report_html(report: Report) -> str:
    """The report as a table, failures first."""
    head = "".join(f'<th style="{_CELL}">{e(h)}</th>' for h in ("verdict", "id", "says", "computed", "expected"))
    rows = []
    for r in failures_first(report):
        why = f'<br><span style="opacity:.75">{e(r.message)}</span>' if r.message and r.verdict != Verdict.PASS else ""
        cells = (_verdict(r), f"<code>{e(r.id)}</code>", e(r.says) + why, e(computed(r)), e(stated(r)))
        rows.append("<tr>" + "".join(f'<td style="{_CELL}">{c}</td>' for c in cells) + "</tr>")
    title = f"<strong>{e(report.title)}</strong><br>" if report.title else ""
    caption = f"{title}{e(summary_text(report))} — <code>{e(report.claims_file)}</code>"
    return (f'<div class="factcheck-report"><p>{caption}</p>'
            f'<table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def claim_html(result: ClaimResult) -> str:
    """One result as its evidence card (what was expected, computed, rows, notes, details, SQL)."""
    from .evidence import claim_card
    return f'<div class="factcheck-claim" style="border-left:4px solid {COLOUR[result.verdict]};' \
           f'padding-left:8px">{claim_card(result, None, {})}</div>'
