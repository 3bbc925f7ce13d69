"""Small helpers shared by the report writers: order, labels, the words for a result."""

from __future__ import annotations

from ..formatting import plain_number, with_sign
from ..money import leading_sign
from ..outcome import MISSING_REPORT, MISSING_REPORT_TEXT
from ..report import REASON_TEXT, ClaimResult, Reason, Report, Verdict, warnings

# Failures first, then what could not be checked, then what holds.
ORDER = {Verdict.FAIL: 0, Verdict.UNVERIFIABLE: 1, Verdict.PASS: 2}
LABEL = {Verdict.PASS: "pass", Verdict.FAIL: "fail", Verdict.UNVERIFIABLE: "unverifiable"}


def failures_first(report: Report) -> list[ClaimResult]:
    """The results, failures first, then unverifiable, then passes; file order within each."""
    return sorted(report.results, key=lambda r: ORDER[r.verdict])  # sorted() is stable


def draft_command(claims_file: str) -> str:
    """The command that drafts a claim for each figure of the article no claim checks (quoted for a
    shell: a path with a space stays one argument)."""
    import shlex
    return f"factcheck suggest {shlex.quote(claims_file)} --not-checked"


NO_MEASURE = "no measure yet"  # a claim noted but not encoded: nothing was read or computed


def stated(r: ClaimResult) -> str:
    """The figure as stated; for a claim noted without a measure (``not_encoded``) its figure and that
    it has none ("1,000 (no measure yet)"), not a dash an editor reads as "the claim states nothing"."""
    if r.reason == Reason.NOT_ENCODED:
        return f"{r.expectation.written} ({NO_MEASURE})" if r.expectation else NO_MEASURE
    if r.expectation:
        return r.expectation.written
    return "—"


def stated_and_computed(r: ClaimResult) -> str:
    """``stated 59%, computed 48.2%``; for a claim without a measure, ``stated 1,000, no measure yet,
    nothing computed`` (``no measure yet, nothing computed`` when it has no ``expect`` either)."""
    if r.reason == Reason.NOT_ENCODED:
        return (f"stated {r.expectation.written}, " if r.expectation else "") + f"{NO_MEASURE}, nothing computed"
    return f"stated {stated(r)}, computed {computed(r)}"


def read_as(r: ClaimResult) -> str:
    """How the expectation was read against the measure; '' when it was not (no measure yet)."""
    if r.expectation is None or r.reason == Reason.NOT_ENCODED:
        return ""
    return r.expectation.meaning


def amount(r: ClaimResult, x: float | None, *, change: bool = False) -> str:
    """A figure behind the computed value (a change's two ends, a gap's two figures, its numerator and
    denominator) as the value is written: money with its sign and every digit a reader needs when the
    value is money ("$1,234,567.89" beside "+$5,284", never "1.23457e+06" nor "1,234,568"), else plainly.
    ``change``: the figure is itself a change (from an earlier base), written with its sign: "+$180,014.85"."""
    sign = leading_sign(r.value_text or "")
    if x is None or not sign:
        return plain_number(x)
    from ..expectations.numbers import money_text, signed, to_fraction
    exact = to_fraction(x)
    text = money_text(exact)
    return with_sign(signed(text, exact) if change else text, sign)


def numerator_denominator(r: ClaimResult) -> tuple[str, str]:
    """The numerator and denominator as the verdict wrote them (a ratio's sum of money as money, a
    mean's count plainly); a report of an earlier version, without them, as the value is written."""
    return (r.numerator_text or amount(r, r.numerator), r.denominator_text or amount(r, r.denominator))


def computed(r: ClaimResult) -> str:
    if r.value_text is not None:
        return r.value_text
    if r.value is None:
        return "—"
    return str(r.value)


def reason_text(r: ClaimResult) -> str:
    """The reason code with its plain meaning, e.g. 'qualifier_crossed: the figure is …'."""
    if r.reason is None:
        return ""
    return f"{r.reason.value}: {reason_meaning(r)}".rstrip(": ")


def reason_meaning(r: ClaimResult) -> str:
    """The plain meaning of the claim's reason. A ``period_not_covered`` because a group of a table
    declared ``reported_by`` sent no report says so: that period is not outside the data."""
    if r.reason is None:
        return ""
    if r.reason == Reason.PERIOD_NOT_COVERED and MISSING_REPORT in r.message:
        return MISSING_REPORT_TEXT
    return REASON_TEXT.get(r.reason, "")


def summary_text(report: Report) -> str:
    s = report.summary
    return (f"{s.total} claim{'s' if s.total != 1 else ''}: {s.passed} passed, "
            f"{s.failed} failed, {s.unverifiable} unverifiable" + warned_text(report))


def warning_text(r: ClaimResult) -> str:
    """``WARNING mostly_unknown: …`` for a result's warnings, shown beside its verdict; else ''."""
    return "; ".join(f"WARNING {n.code.value}: {n.message}" for n in warnings(r))


def warning_mark(r: ClaimResult) -> str:
    """``WARNING mostly_unknown``: the warnings beside a verdict whose notes, messages and all,
    are shown just under it (plain text, Markdown): the message is not said twice; else ''."""
    codes = list(dict.fromkeys(n.code.value for n in warnings(r)))  # two lookups' warnings: one label
    return "WARNING " + ", ".join(codes) if codes else ""


def warned_text(report: Report) -> str:
    """``, 1 with a WARNING`` for a summary line, when any result carries one."""
    n = sum(1 for r in report.results if warnings(r))
    return f", {n} with a WARNING" if n else ""


def numbers(r: ClaimResult) -> str:
    """The figures behind a verdict in one line: stated, computed, interval, base."""
    parts = [stated_and_computed(r)]
    if read_as(r):
        parts.append(f"read as {read_as(r)}")
    if r.numerator is not None and r.denominator is not None:
        parts.append(" / ".join(numerator_denominator(r)))
    if r.rows_kept is not None:
        parts.append(f"{r.rows_kept:,} rows kept")
    if r.rows_unknown:
        parts.append(f"{r.rows_unknown:,} left out as unknown")
    return "; ".join(parts)
