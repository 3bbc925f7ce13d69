"""Running plans on a backend: the periods first, shared scans, then each claim's measure.

An :class:`Executor` holds what evaluating needs and nothing else: the backend that runs
SQL and the plans of the run. It checks the periods a claim names (``covered``), shares
one scan among the claims on a table (``prefetch``), and hands each node to its measure
kind, which calls back for its parts (``evaluate``, ``grouped``, ``at``, ``series``).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import replace
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..backends import Rows
from ..expressions import INTEGER_TYPES, quote_ident
from ..interrupts import reraise_interrupt
from ..measures import KINDS
from ..measures._simple import NUMERIC_KINDS, Simple, aggregates, fused_sql, needs_exact_sum, simple_sql, value_of
from ..measures._values import Cadence, Evaluated, Groups, MeasureError, Unmatched, cadence, fill_gaps, key, sort_key
from .catalog import TIME_TYPES
from .nodes import ClaimPlan, Coverage, PlanNode, ReportCheck, Scan, walk
from .reports import Through, falls_in, missing_said, templates, through_sql

if TYPE_CHECKING:
    from ..backends import Backend
    from .catalog import Catalog


def _holes(by: dict[str, set[str]]) -> dict[str, list[str]]:
    """Each group's periods inside its own first and last with no row of it, at the step it reports.

    Years (whole numbers) at the whole table's cadence, as a year after a year. Months of dates at
    each group's own step: a group that reports once a year (in October, or in a month that drifts,
    October then September) lacks a year it skips, said at the month it last reported in; another,
    the greatest common step of its own months (every month, every quarter), or with fewer than
    three months to tell, that of the groups that do tell. A county reporting each October and a
    district reporting every quarter do not make each other's quiet months missing reports."""
    every = cadence({p for periods in by.values() for p in periods})
    if every is None or not every.unit:
        return {name: [p for p in fill_gaps(sorted(periods), every) if p not in periods]
                for name, periods in sorted(by.items())}
    at = {name: sorted(p for p in (every.position(k) for k in periods) if p is not None) for name, periods in by.items()}
    yearly = {name for name, pos in at.items() if len(pos) >= 2 and len({p // 12 for p in pos}) == len(pos)}
    told = 0
    for name, pos in at.items():
        if name not in yearly and len(pos) >= 3:
            for a, b in zip(pos, pos[1:], strict=False):
                told = math.gcd(told, b - a)
    out: dict[str, list[str]] = {}
    for name in sorted(at):
        pos = at[name]
        if name in yearly:  # a year it skipped, at the month it reported in the year before
            out[name] = [every.label(a + 12 * k) for a, b in zip(pos, pos[1:], strict=False)
                         for k in range(1, b // 12 - a // 12)]
            continue
        step = 0
        for a, b in zip(pos, pos[1:], strict=False):
            step = math.gcd(step, b - a)
        step = step if len(pos) >= 3 else (told or every.step or 1)
        have = set(pos)
        out[name] = [every.label(p) for p in range(pos[0], pos[-1] + 1, step or 1) if p not in have] if pos else []
    return out


MAX_SNAPSHOTS_A_YEAR = 4
"""Months a year at most in which data taken as snapshots holds its dates (quarterly: four)."""


class Executor:
    """Evaluates plan nodes with a backend; caches the shared scans and period checks."""

    def __init__(self, backend: Backend, plans: list[ClaimPlan], catalog: Catalog | None = None) -> None:
        self.backend = backend
        self.plans = plans
        self.catalog = catalog  # the tables' declarations: which declares a date beside a year column
        self._coverage: dict[str, bool] = {}
        self._prefetched: dict[int, Evaluated] = {}
        self._answers: dict[str, Rows] = {}
        self._holes: dict[tuple[str, str, str, bool], tuple[str, dict[str, list[str]]] | None] = {}
        self._periods: dict[tuple[str, str, str, bool], tuple[str, dict[str, set[str]]] | None] = {}
        self._spans: dict[str, dict[str, tuple[Any, Any]] | None] = {}  # a label column's dates, by its query
        self.unmatched: dict[tuple[str, str], int] = {}  # (table, lookup) -> rows it finds no row for, as scanned
        self.parts: dict[int, Unmatched] = {}  # a ratio's unmatched parts (by id), asked with a series' other periods
        self.past_decimal: set[int] = set()  # simple nodes (by id) whose DOUBLEs a shared scan found past DECIMAL(38,10)

    def run(self, sql: str) -> Rows:
        """Run one query on the backend: its column names and rows.

        The same query text is run once per run: the tables are read and sealed before any
        claim runs, so it gives the same rows again (the story's eight ``top`` claims on one
        grouping ask the very same query). Each caller gets its own lists.
        """
        got = self._answers.get(sql)
        if got is None:
            got = self._answers[sql] = self.backend.execute(sql)
        return Rows(list(got.columns), list(got.rows))

    def stream(self, sql: str) -> Iterator[tuple[Any, ...]]:
        """A query's rows a batch at a time (for sums taken exactly in Python)."""
        return self.backend.stream(sql)

    def learn_types(self, nodes: list[Simple]) -> None:
        """Ask the backend the type of each numeric measure's column, one query per table scanned,
        so each is aggregated the exact way for its type (see ``measures.aggregate``)."""
        todo: dict[str, list[Simple]] = {}
        for node in nodes:
            if node.kind in NUMERIC_KINDS and node.expr is not None and node.expr_type is None:
                todo.setdefault(node.scan.from_sql(), []).append(node)
        for from_sql, group in todo.items():
            exprs = list(dict.fromkeys(n.expr_sql for n in group if n.expr_sql))
            types = self.backend.column_types(exprs, from_sql)
            if types is None:  # one of them does not bind: the others still get their type
                types = {}
                for expr in exprs:
                    types.update(self.backend.column_types([expr], from_sql) or {})
            for node in group:
                node.expr_type = types.get(node.expr_sql or "", "")

    # ------------------------------------------------------------------ before the claims
    def covered(self, plan: ClaimPlan) -> list[str]:
        """The periods the claim names that the data does not cover."""
        out = []
        for cov in plan.coverage:
            if cov.sql not in self._coverage:
                try:
                    self._coverage[cov.sql] = bool(self.run(cov.sql).rows[0][0])
                except Exception as exc:  # noqa: BLE001 - a period the column cannot be compared with
                    reraise_interrupt(exc)  # (text periods named by numbers): the claim's own query decides,
                    # unless there is no row at all (then the range check says so, not the gap check)
                    self._coverage[cov.sql] = cov.gap is not None or not self._empty(cov.from_sql)
            if not self._coverage[cov.sql] and not (cov.between and self._skipped(cov)) and cov.whole_year is None:
                out.append(cov.text)
        return out

    def missing_reports(self, plan: ClaimPlan) -> list[str]:
        """The periods the claim names at which a group that reports the table's rows (and that
        the claim may count) has none, though it has rows before and after: each said once."""
        out: list[str] = []
        for check in plan.reports:
            said = self.missing_report(check)
            if said is not None and said not in out:
                out.append(said)
        return out

    def missing_report(self, check: ReportCheck) -> str | None:
        """What :meth:`missing_reports` says of one check, or None when every group reported."""
        found = self._report_holes(check.table, check.group, check.time, check.dated)
        if found is None:
            return None
        unit, holes = found
        hit = self._hit(check, unit, holes)
        return missing_said(check, unit, hit, len(holes)) if hit else None

    def missing_in_spans(self, check: ReportCheck,
                         spans: list[tuple[Any, Any, str, str | None]]) -> tuple[int, str] | None:
        """The first of ``spans`` (first and last period, how to name them, and the one group to look
        at, or None for all) that lies across a missing report of a group ``check``'s filter may
        count, and what :meth:`missing_report` says of it; None when none does. The groups' holes are
        read once for all the spans (a query for the filter, only when a hole lies in one, and one per
        expression of the date the periods are read through)."""
        found = self._report_holes(check.table, check.group, check.time, check.dated)
        if found is None or not found[1] or not spans:
            return None
        unit, holes = found
        through = self._through(check, unit, sorted({h for units in holes.values() for h in units}))
        spanned = [(replace(check, conds=(("between", (first, last)),), text=text), group)
                   for first, last, text, group in spans]

        def within(g: str, units: list[str], c: ReportCheck, group: str | None) -> list[str]:
            return [h for h in units if falls_in(h, unit, c, through)] if group in (None, g) else []
        near = {g: units for g, units in holes.items() if any(within(g, units, c, group) for c, group in spanned)}
        kept = self._hit(replace(check, conds=()), unit, near, through) if near else {}
        for i, (c, group) in enumerate(spanned):
            hit = {g: inside for g, units in kept.items() if (inside := within(g, units, c, group))}
            if hit:
                return i, missing_said(c, unit, hit, len(holes))
        return None

    def report_holes(self, check: ReportCheck) -> tuple[str, dict[str, list[str]]] | None:
        """The unit of ``check``'s periods and, per group of its table, the periods inside its own
        first and last with no row of it (whatever the claim's filter keeps)."""
        return self._report_holes(check.table, check.group, check.time, check.dated)

    def has_missing_reports(self, check: ReportCheck) -> bool:
        """Does any group of ``check``'s table lack a period inside its own first and last?"""
        found = self._report_holes(check.table, check.group, check.time, check.dated)
        return found is not None and bool(found[1])

    def groups_ended(self, plan: ClaimPlan, read: list[ReportCheck] | None = None) -> list[str]:
        """``group_ended``: the periods the claim names after a group's last row (the table has rows
        there), of a group the claim may count: it closed, or stopped reporting. One per table.
        ``read``: checks of the periods its figure was found to rest on when it ran (a run's)."""
        from .report_warnings import ended_said, tails
        found: dict[tuple[str, str], tuple[str, dict[str, set[str]], dict[str, list[str]]]] = {}
        for check in [*plan.reports, *(read or [])]:
            periods = self._report_periods(check.table, check.group, check.time, check.dated)
            if periods is None:
                continue
            unit, by = periods
            closed = self._closed(check.table)
            hit = self._hit(check, unit, {g: after for g, after in tails(by).items() if g not in closed})
            _, _, seen = found.setdefault((check.table, check.group), (unit, by, {}))
            for g, units in hit.items():
                seen[g] = sorted(set(seen.get(g, [])) | set(units), key=sort_key)
        out = []
        for (table, group), (unit, by, hit) in found.items():
            if hit:
                ends = max((p for units in by.values() for p in units), key=sort_key)
                last = {g: max(by[g], key=sort_key) for g in hit}
                out.append(ended_said(table, group, unit, hit, last, ends))
        return out

    def _closed(self, table: str) -> set[str]:
        """The groups of ``table`` its declaration says closed (``closed: [Westfield]``), as keys."""
        src = self.catalog.sources.get(table) if self.catalog is not None else None
        return {key(g) for g in src.decl.closed} if src is not None else set()

    def unnamed_missing(self, plan: ClaimPlan) -> list[str]:
        """``missing_reports``: of a claim that names no period on a table declared ``reported_by``,
        the groups it may count that have missing reports."""
        from .report_warnings import named_checks, unnamed_said
        named = {c.table for c in named_checks(plan)
                 if self._report_periods(c.table, c.group, c.time, c.dated) is not None}
        out: list[str] = []
        for check in plan.unnamed_reports:
            found = self._report_holes(check.table, check.group, check.time, check.dated)
            if found is None or check.table in named:
                continue
            unit, holes = found
            hit = self._hit(check, unit, holes)
            said = unnamed_said(check, unit, hit) if hit else None
            if said is not None and said not in out:
                out.append(said)
        return out

    def _hit(self, check: ReportCheck, unit: str, holes: dict[str, list[str]],
             through: Through | None = None) -> dict[str, list[str]]:
        """Of ``holes`` (periods by group), those at periods ``check`` names, of the groups its
        filter may keep at some period. ``through``: the holes' values through the check's
        expressions of the date, when they were already read."""
        if not holes:
            return {}
        if through is None:
            through = self._through(check, unit, sorted({h for units in holes.values() for h in units}))
        hit = {g: [h for h in units if falls_in(h, unit, check, through)] for g, units in holes.items()}
        hit = {g: units for g, units in hit.items() if units}
        where = check.where() if hit and check.where is not None else None
        if where is not None:  # a group the claim's filter leaves out at every period is no matter
            group = f"{quote_ident(check.table)}.{quote_ident(check.group)}"
            kept = self.run(f"SELECT DISTINCT {group}\n{check.from_sql}\nWHERE ({where}) IS NOT FALSE").rows
            counted = {key(r[0]) for r in kept}
            hit = {g: units for g, units in hit.items() if g in counted}
        return hit

    def lag_crossings(self, plan: ClaimPlan) -> list[str]:
        """The ``lag``/``lead`` values the claim reads across a group's missing report (its previous
        row is not its previous period): one query per check, asked only where a group has a hole."""
        if not plan.lag_checks:  # the shipped story: no table declares reported_by, no module to import
            return []
        from .lag_holes import crossings, crossings_said, crossings_sql
        out: list[str] = []
        for check in plan.lag_checks:
            found = self._report_holes(check.table, check.group, check.time, check.dated)
            if found is None or not found[1]:
                continue
            unit, holes = found
            pairs = crossings(check, holes, self.run(crossings_sql(check, unit, sorted(holes))).rows)
            if pairs:
                said = crossings_said(check, unit, pairs)
                if said not in out:
                    out.append(said)
        return out

    def _through(self, check: ReportCheck, unit: str, holes: list[str]) -> Through:
        """The values at each missing period of the expressions of the date that ``check`` reads its
        periods through (a fiscal year), one query per expression; one that fails is left out, and
        its periods are then not said to be missing."""
        through: Through = {}
        for template in templates(check) if holes else []:
            try:
                rows = self.run(through_sql(template, holes, unit)).rows
            except Exception as exc:  # noqa: BLE001 - an expression of a date that fails on some dates
                reraise_interrupt(exc)
                continue
            through.update({(template, str(h)): (lo, hi) for h, lo, hi in rows})
        return through

    def _report_holes(self, table: str, group: str, time: str,
                      dated: bool = False) -> tuple[str, dict[str, list[str]]] | None:
        """For a table reported by ``group`` over the periods of ``time`` (years as they are, dates
        by the month): the unit (``year``, ``month``) and, per group, the periods inside its own
        first and last with no row of it, at the data's cadence. Asked once per run. ``dated``:
        ``time`` is a period only if it holds dates (a CSV column read without a declared type)."""
        k = (table, group, time, dated)
        if k not in self._holes:
            found = self._report_periods(table, group, time, dated)
            self._holes[k] = None if found is None else (found[0], {
                name: h for name, h in _holes(found[1]).items() if h})
        return self._holes[k]

    def _report_periods(self, table: str, group: str, time: str,
                        dated: bool = False) -> tuple[str, dict[str, set[str]]] | None:
        """The unit (``year``, ``month``) and the periods each group has rows at: one query per
        run, as :meth:`_report_holes` and :meth:`groups_ended` both read them."""
        k = (table, group, time, dated)
        if k not in self._periods:
            self._periods[k] = None
            from_sql = f"FROM {quote_ident(table)}"
            col = f"{quote_ident(table)}.{quote_ident(time)}"
            types = self.backend.column_types([col], from_sql) or {}
            kind = types.get(col, "").upper()
            if kind.split("(")[0] in INTEGER_TYPES and not dated:
                unit, unit_sql = "year", col
            elif kind.startswith(TIME_TYPES):
                unit, unit_sql = "month", f"CAST(date_trunc('month', {col}) AS DATE)"
            else:
                return None
            g = f"{quote_ident(table)}.{quote_ident(group)}"
            rows = self.run(f"SELECT DISTINCT {g}, {unit_sql}\n{from_sql}\n"
                            f"WHERE {g} IS NOT NULL AND {col} IS NOT NULL").rows
            by: dict[str, set[str]] = {}
            for name, period in rows:
                by.setdefault(key(name), set()).add(key(period))
            self._periods[k] = unit, by
        return self._periods[k]

    def partial_years(self, plan: ClaimPlan) -> list[str]:
        """The years the claim names that the data holds only part of (its dates begin after
        January or end before December of that year), said with the dates the data runs between."""
        out = []
        for cov in plan.coverage:
            if cov.whole_year is None or self._coverage.get(cov.sql, True):
                continue
            date, column = cov.whole_year
            if cov.period_of is None and self._snapshots_whole(cov):
                continue
            first, last = self.run(f"SELECT min({date}), max({date})\n{cov.from_sql}").rows[0]
            if cov.period_of is None:
                said = (f"{cov.text} is only part of a year in the data: the dates of {column} run from "
                        f"{key(first)} to {key(last)}; its figure is not that of the whole year")
            else:
                said = (f"{cov.period_of[1]} {cov.text} is only partly in the data: the dates of {column} run from "
                        f"{key(first)} to {key(last)}, and {cov.period_of[1]} is still {cov.text} in the month "
                        "beyond them; its figure is not that of the whole period")
            if said not in out:
                out.append(said)
        return out + [m for m in self._partial_labels(plan) if m not in out]

    def _partial_labels(self, plan: ClaimPlan) -> list[str]:
        """The periods the claim names on a label column (``year``) that its table's date column
        shows to be only partly in the data (:mod:`factcheck.planning.partial`): one query per label
        column, and none for a claim that names no period on one."""
        from .partial import label_checks, partial_said
        out: list[str] = []
        for check in label_checks(self.catalog, plan) if self.catalog is not None else []:
            sql = check.spans_sql
            if sql not in self._spans:
                try:
                    rows = self.run(sql).rows
                    self._spans[sql] = {key(label): (first, last) for label, first, last in rows}
                except Exception as exc:  # noqa: BLE001 - a column that cannot be grouped: nothing said
                    reraise_interrupt(exc)
                    self._spans[sql] = None
            spans = self._spans[sql]
            said = partial_said(check, spans) if spans is not None else None
            if said is not None and said not in out:
                out.append(said)
        return out

    def _snapshots_whole(self, cov: Coverage) -> bool:
        """Does the data hold its dates in the same few months each year (a count taken every October
        1st, or every quarter), with every one of them in the year ``cov`` names? Then that year is
        whole in the data though its dates do not reach January or December."""
        assert cov.whole_year is not None
        date = cov.whole_year[0]
        try:
            rows = self.run(f"SELECT DISTINCT year({date}), month({date})\n{cov.from_sql}\n"
                            f"WHERE {date} IS NOT NULL").rows
            year = int(key(cov.lits[0]).strip("'"))
        except Exception as exc:  # noqa: BLE001 - a period named by text, or no date: the rule above stands
            reraise_interrupt(exc)
            return False
        months = {int(m) for _, m in rows}
        return 0 < len(months) <= MAX_SNAPSHOTS_A_YEAR and {int(m) for y, m in rows if int(y) == year} == months

    def cadence(self, from_sql: str, col_sql: str) -> Cadence | None:
        """How often the periods of ``col_sql`` come over the whole table (:func:`cadence`)."""
        return cadence(self.period_keys(from_sql, col_sql))

    def period_keys(self, from_sql: str, col_sql: str) -> list[str]:
        """The distinct periods of ``col_sql`` over the whole table, as keys (one query, shared with
        :meth:`cadence`)."""
        return [key(r[0]) for r in self.run(f"SELECT DISTINCT {col_sql}\n{from_sql}").rows if r[0] is not None]

    def _skipped(self, cov: Coverage) -> bool:
        """Is the period between two others that ``cov`` checks one the data's periods skip (2017,
        between elections every four years)? Then it is no gap."""
        every = self.cadence(cov.from_sql, cov.col)
        return every is not None and cov.gap is not None and not every.on(cov.gap.strip("'"))

    def _empty(self, from_sql: str) -> bool:
        """Whether the table has no row: a header-only CSV reads every column as text, so its period
        checks cannot be computed, and it covers no period."""
        try:
            return not self.run(f"SELECT count(*) {from_sql}").rows[0][0]
        except Exception as exc:  # noqa: BLE001 - the claim's own query reports it
            reraise_interrupt(exc)
            return False

    def prefetch(self) -> None:
        """Shared work: one scan per table for all its ungrouped simple measures (each aggregate
        filtered by its claim's own `where`), and one query per table for the periods claims name.

        A fused query that fails is skipped: each claim then runs alone and reports its own error.
        """
        todo = [p for p in self.plans if p.claim.unverifiable is None and not p.missing_tables and p.node]
        self.learn_types([n for p in todo for n in walk(p.node) if isinstance(n, Simple)])
        self._settle_untimed([cov for plan in todo for cov in plan.coverage])
        periods: dict[str, list[Any]] = {}
        for plan in todo:
            for cov in plan.coverage:
                if cov.sql in self._coverage:
                    continue  # settled from its columns' types: a table whose checks all are gets no query
                group = periods.setdefault(cov.from_sql, [])
                if cov not in group:
                    group.append(cov)
        for from_sql, covs in periods.items():
            sql, checks = _coverage_sql(covs, from_sql)
            try:
                row = self.run(sql).rows[0]
            except Exception as exc:  # noqa: BLE001 - reported by the claim that owns it
                reraise_interrupt(exc)
                continue
            self._coverage.update({c.sql: bool(row[checks[c.pred]]) for c in covs})
        tables: dict[tuple[str, bool], list[Simple]] = {}
        for plan in todo:
            for node in _ungrouped(plan.node):
                tables.setdefault((node.scan.table, self.backend.reads_kept_windows(simple_sql(node))), []).append(node)
        for (table, _), nodes in tables.items():
            if len(nodes) > 1:
                self._fuse(table, nodes)
        self._share_tops(todo)

    def _settle_untimed(self, covs: list[Coverage]) -> None:
        """Pass, without a query, the period checks that apply only if a column read without a
        type turns out to be a time column (``Coverage.when``), when none of them is one: the
        check's answer then is TRUE whatever the data, and the query computed ``min`` and ``max``
        of a text column for nothing (10M rows: ~0.5 s of CPU). The types are asked of the
        backend, one ``DESCRIBE`` per table; on DuckDB alone, the engine whose ``typeof`` the check
        reads (Spark's column types are learnt from DuckDB, which may read a CSV's text otherwise)."""
        if self.backend.dialect != "duckdb":
            return
        tables: dict[str, list[Coverage]] = {}
        for cov in covs:
            if cov.when and cov.sql not in self._coverage:
                tables.setdefault(cov.from_sql, []).append(cov)
        for from_sql, group in tables.items():
            types = self.backend.column_types(list(dict.fromkeys(c for cov in group for c in cov.when)), from_sql)
            if types is None:
                continue  # one does not bind: the checks run, and the claim's own query decides
            for cov in group:
                found = [types.get(c) for c in cov.when]
                if all(t is not None and not t.upper().startswith(TIME_TYPES) for t in found):
                    self._coverage[cov.sql] = True  # `NOT coalesce(typeof(min(c)) LIKE 'DATE%' …, FALSE) OR …`

    def _share_tops(self, todo: list[ClaimPlan]) -> None:
        """The plain ``top``s on one table (``every`` year of one, say) share one grouping query."""
        from ..measures.top import TopNode, shared_top_sql, shared_tops, top_sql
        tables: dict[tuple[str, bool], list[TopNode]] = {}
        for plan in todo:
            for node in walk(plan.node):
                if isinstance(node, TopNode) and node.by is None:
                    tables.setdefault((node.scan.table, self.backend.reads_kept_windows(top_sql(node))), []).append(node)
        for (table, _), nodes in tables.items():
            joins: dict[str, Any] = {}
            for node in nodes:
                joins.update(node.scan.joins)
            sql, which = shared_top_sql(nodes, Scan(table, joins).from_sql())
            if len(nodes) < 2 or len(set(which)) < 2:
                continue  # one query each is as cheap (and the same texts are asked once anyway)
            try:
                result = self.run(sql)
            except Exception as exc:  # noqa: BLE001 - each claim runs alone instead
                reraise_interrupt(exc)
                continue
            self._prefetched.update(shared_tops(nodes, which, result.columns, result.rows))

    def _fuse(self, table: str, nodes: list[Simple]) -> None:
        from .lookups import unmatched_count_sql
        joins: dict[str, Any] = {}
        for node in nodes:
            joins.update(node.scan.joins)
        counts = "".join(f",\n       {unmatched_count_sql(link)} AS {quote_ident('lookup.' + name)}"
                         for name, link in joins.items())  # the lookups' unmatched rows, counted on the way
        from_sql = Scan(table, joins).from_sql()
        try:
            sql = fused_sql(nodes, from_sql)  # "SELECT …\nFROM …": the counts go after the last column
            result = self.run(sql[:len(sql) - len(from_sql) - 1] + counts + "\n" + from_sql)
            row = dict(zip(result.columns, result.rows[0], strict=True))
        except Exception as exc:  # noqa: BLE001 - each claim runs alone instead
            reraise_interrupt(exc)
            return
        for name, link in joins.items():
            self.unmatched[(link.table, name)] = int(row.pop(f"lookup.{name}") or 0)
        for i, node in enumerate(nodes):
            values = {alias: row[f"{i}.{alias}"] for alias, _, _ in aggregates(node)}
            if needs_exact_sum(values):
                self.past_decimal.add(id(node))  # summed exactly when the claim is judged, without asking again
                continue
            try:
                ev = value_of(node, values)
            except MeasureError:
                continue  # reported when the claim is judged
            ev.sql.append(simple_sql(node))
            self._prefetched[id(node)] = ev

    # ------------------------------------------------------------------ a claim's nodes
    def evaluate(self, node: PlanNode) -> Evaluated:
        """The node's value (a shared scan's, when prefetched)."""
        if id(node) in self._prefetched:
            return self._prefetched[id(node)]
        return KINDS[node.kind].evaluate(node, self)

    def grouped(self, node: PlanNode) -> Groups:
        """The node's value per period."""
        return KINDS[node.kind].grouped(node, self)

    def at(self, node: PlanNode, groups: Groups, at: Any) -> Evaluated:
        """The value at one period; a period with no rows is computed as empty."""
        k = key(at)
        if k in groups.values:
            return groups.values[k]
        ev = KINDS[node.kind].absent(node, self, at)
        ev.sql = groups.sql
        return ev

    def periods(self, node: PlanNode) -> set[str] | None:
        """The periods of the node's time axis for which the whole table (no filter) has rows;
        ``None`` when no part of it is grouped on a time axis."""
        found: set[str] | None = None
        for _, keys in self.periods_by_table(node):
            found = keys if found is None else found & keys
        return found

    def periods_by_table(self, node: PlanNode) -> list[tuple[str, set[str]]]:
        """Each table the node's time axis is read from, with the periods it has rows for."""
        out = []
        for leaf in walk(node):
            group = getattr(leaf, "group", None)
            if group is None or not getattr(leaf, "group_time", False):
                continue
            for scan in leaf.scans():
                rows = self.run(f"SELECT DISTINCT {scan.sql(group)}\n{scan.from_sql()}").rows
                out.append((scan.table, {key(r[0]) for r in rows if r[0] is not None}))
        return out

    def holes_why(self, node: PlanNode, holes: list[str], then: str) -> str:
        """Why periods with no row are gaps, naming the table that lacks them when the figure reads
        several (a rate whose population table ends a year before the deaths do): "table population
        has no row at all for it (its periods end at 2022)", then ``then``."""
        tables = self.periods_by_table(node)
        them = "it" if len(holes) == 1 else "them"
        lacking = [(t, keys) for t, keys in dict(tables).items() if any(h not in keys for h in holes)]
        if len({t for t, _ in tables}) < 2 or not lacking:
            return f"the table has no row at all for {them}, {then}"
        said = []
        for table, keys in lacking:
            ordered = sorted(keys, key=sort_key)
            span = f" (its periods run from {ordered[0]} to {ordered[-1]})" if ordered else ""
            said.append(f"table {table} has no row at all for {them}{span}")
        return "; ".join(said) + f", {then}"

    def series(self, node: PlanNode, groups: Groups, keys: list[str]) -> list[tuple[str, Fraction | None]]:
        """The measure's value at each period, for charts and evidence."""
        values = ((k, self.at(node, groups, k).value) for k in keys)
        return [(k, v if isinstance(v, Fraction) else None) for k, v in values]


def _coverage_sql(covs: list[Coverage], from_sql: str) -> tuple[str, dict[str, int]]:
    """One query for the period checks on one table: each aggregate they read computed once
    (a story names the same year in many claims), then each distinct check over those values;
    and where each check's answer is in its row (by the check's own SQL)."""
    names: dict[str, str] = {}
    for cov in covs:
        for agg in cov.aggregates():
            names.setdefault(agg, quote_ident(f"a{len(names)}"))
    checks: dict[str, str] = {}  # the check's own SQL -> over the named aggregates
    for cov in covs:
        checks.setdefault(cov.pred, cov.predicate(names.__getitem__))
    inner = ", ".join(f"{agg} AS {name}" for agg, name in names.items())
    sql = f"SELECT {', '.join(checks.values())}\nFROM (SELECT {inner}\n{from_sql}) AS periods"
    return sql, {pred: i for i, pred in enumerate(checks)}


def _ungrouped(node: PlanNode | None) -> list[Simple]:
    """The simple measures computed once, not per group: a claim's own, or a ratio's parts."""
    if isinstance(node, Simple) and node.group is None:
        return [node]
    if node is not None and node.kind == "ratio":
        return [s for child in node.children() for s in _ungrouped(child)]
    return []

