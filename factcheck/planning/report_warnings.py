"""Warnings of a table declared ``reported_by`` that the missing-report rule leaves silent.

Only a period inside a group's own first and last is a missing report (:mod:`.reports`); two
cases still give a figure that may lack a group's rows, and are said beside the verdict:

- ``group_ended``: a claim names a period after a group's last row, while the table has rows
  there. The group may have closed (a prison shut after 2018: its 0 is real), or stopped sending
  (a station silent since November: "no unhealthy day in December" is then no count).
- ``missing_reports``: a claim names no period at all ("Dock Street recorded 5 unhealthy days"),
  over a group with missing reports: the figure is that of the rows the data has, true as such,
  but a figure "of 2024" over the same rows is ``unverifiable``.

The checks of the second are made here at compile time (:func:`unnamed_checks`); both are run by
the :class:`~factcheck.planning.execute.Executor` with the queries the missing reports ask.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..expressions import Name
from ..measures._values import sort_key
from .nodes import ReportCheck, walk
from .reports import MAX_GROUPS_SAID, runs_said

if TYPE_CHECKING:
    from .compiler import Compiler
    from .nodes import ClaimPlan


def unnamed_checks(c: Compiler) -> list[ReportCheck]:
    """A check of every period of the table's first ``time:`` column for each scan of ``c``'s claim
    on a table declared ``reported_by``; run only where the claim names no period of that table
    (:func:`named_checks`: which of its checks are of periods is known once the columns are read)."""
    out: list[ReportCheck] = []
    for node in walk(c.plan.node):
        for scan in node.scans():
            src = c.cat.sources.get(scan.table)
            if src is None or src.decl.reported_by is None:
                continue
            for column in src.decl.time_columns()[:1]:
                check = c.report_check(scan, Name(column), (), "")
                if check is not None and check not in out:
                    out.append(check)
    return out


def named_checks(plan: ClaimPlan) -> list[ReportCheck]:
    """The checks of the periods ``plan``'s claim names: its own, and a ``rising`` run's."""
    return [*plan.reports, *(check for node in walk(plan.node) for check in getattr(node, "reports", None) or ())]


def tails(by: dict[str, set[str]]) -> dict[str, list[str]]:
    """Each group's periods after its own last row at which another group has rows (a group that
    stopped, or closed, before the data ends)."""
    every = sorted({p for periods in by.values() for p in periods}, key=sort_key)
    out: dict[str, list[str]] = {}
    for name, periods in sorted(by.items()):
        last = max((sort_key(p) for p in periods), default=None)
        after = [p for p in every if last is not None and sort_key(p) > last]
        if after:
            out[name] = after
    return out


def _said(period: str, unit: str) -> str:
    return period[:7] if unit == "month" else period


def ended_said(table: str, group: str, unit: str, hit: dict[str, list[str]], last: dict[str, str], ends: str) -> str:
    """``group_ended``: the groups the claim may count with no row at periods it names, after their
    last row, though the table has rows until ``ends``."""
    named = list(hit)[:MAX_GROUPS_SAID]
    more = len(hit) - len(named)
    who = ", ".join(f"{group} {g} has no row after {_said(last[g], unit)}" for g in named)
    who += f" (and {more} more)" if more else ""
    one = len(hit) == 1
    lacks = "; ".join(f"{runs_said(hit[g], unit)}" + ("" if one else f" of {g}") for g in named)
    return (f"{who}, though the table has rows until {_said(ends, unit)}: if {'it' if one else 'they'} stopped "
            f"reporting rather than closed, the figure lacks {'its' if one else 'their'} rows of {lacks} and "
            f"is not the whole (table {table} is reported by {group}: a group with no row after its last is "
            f"taken to have closed, not to have missed reports; if {'it' if one else 'they'} did close, say so "
            f"on the table: closed: [{', '.join(named)}])")


def unnamed_said(check: ReportCheck, unit: str, hit: dict[str, list[str]]) -> str:
    """``missing_reports``: the claim names no period, and groups it reads have missing reports."""
    named = [(g, runs_said(units, unit)) for g, units in list(hit.items())[:MAX_GROUPS_SAID]]
    more = len(hit) - len(named)
    listed = ", ".join(f"{check.group} {g} has no row in {units}" for g, units in named)
    listed += f" (and {more} more)" if more else ""
    each = "though it has rows before and after" if len(hit) == 1 else "though each has rows before and after"
    return (f"the claim names no period, and {listed}, {each}: the figure is that of the rows the data has, "
            f"without the missing {unit}s (table {check.table} is reported by {check.group}: a {unit} inside one's "
            f"first and last with no row of it is a missing report); of a period that takes one in, the same "
            f"claim is unverifiable")
