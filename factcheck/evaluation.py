"""Evaluating plan nodes against the tables a session has read.

:class:`Evaluation` is the part of a :class:`~factcheck.engine.Session` that computes
values: it checks the periods a claim names, shares one scan among the claims on a table
(``prefetch``), and evaluates each kind of plan node, grouped by ``over`` where needed.
The arithmetic of each measure kind is in :mod:`factcheck.measures`.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Iterator

from .expressions import quote_ident
from .measures import (NUMERIC_KINDS, Evaluated, MeasureError, aggregates, change_value, evaluate_simple, extreme_value, fill_gaps,
                       fused_sql, key, needs_exact_sum, ratio_value, simple_sql, simple_value, streak_sql, streak_value,
                       top_sql, top_value)
from .plan import ChangeNode, ClaimPlan, ExtremeNode, Node, RatioNode, Scan, Simple, StreakNode, TopNode


class Evaluation:
    """Computes measure values (mixed into :class:`~factcheck.engine.Session`)."""

    con: Any
    plans: list[ClaimPlan]
    _coverage: dict[str, bool]
    _prefetched: dict[int, Evaluated]

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        return self.con.execute(sql).fetchall()  # type: ignore[no-any-return]

    def columns(self, sql: str) -> list[str]:
        return [d[0] for d in self.con.description]

    def stream(self, sql: str) -> Iterator[tuple[Any, ...]]:
        """A query's rows, fetched in batches (for sums taken in Python)."""
        cur = self.con.execute(sql)
        while batch := cur.fetchmany(50_000):
            yield from batch

    def learn_types(self, nodes: list[Simple]) -> None:
        """Ask DuckDB the type of each numeric measure's column, one query per table scanned,
        so each is aggregated the exact way for its type (see ``measures.aggregates``)."""
        todo: dict[str, list[Simple]] = {}
        for node in nodes:
            if node.kind in NUMERIC_KINDS and node.expr and node.expr_type is None:
                todo.setdefault(node.scan.from_sql(), []).append(node)
        for from_sql, group in todo.items():
            exprs = list(dict.fromkeys(n.expr for n in group if n.expr))
            types = self._types(exprs, from_sql)
            if types is None:  # one of them does not bind: the others still get their type
                types = {}
                for expr in exprs:
                    types.update(self._types([expr], from_sql) or {})
            for node in group:
                node.expr_type = types.get(node.expr or "", "")

    def _types(self, exprs: list[str], from_sql: str) -> dict[str, str] | None:
        cols = ", ".join(f"({e}) AS {quote_ident(str(i))}" for i, e in enumerate(exprs))
        try:
            rows = self.query(f"DESCRIBE SELECT {cols}\n{from_sql}")
        except Exception:  # noqa: BLE001 - the claim's own query reports it
            return None
        return {exprs[int(r[0])]: str(r[1]) for r in rows}

    def covered(self, plan: ClaimPlan) -> list[str]:
        """The periods the claim names that the data does not cover."""
        out = []
        for cov in plan.coverage:
            if cov.sql not in self._coverage:
                self._coverage[cov.sql] = bool(self.query(cov.sql)[0][0])
            if not self._coverage[cov.sql]:
                out.append(cov.text)
        return out

    def prefetch(self) -> None:
        """Shared work: one scan per table for all its ungrouped simple measures (each aggregate
        filtered by its claim's own `where`), and one query per table for the periods claims name.

        A fused query that fails is skipped: each claim then runs alone and reports its own error.
        """
        todo = [p for p in self.plans if p.claim.unverifiable is None and not p.missing_tables and p.node]
        self.learn_types([leaf for plan in todo for leaf in _simple_nodes(plan.node)])
        periods: dict[str, list[Any]] = {}
        for plan in todo:
            for cov in plan.coverage:
                group = periods.setdefault(cov.from_sql, [])
                if cov.sql not in self._coverage and cov not in group:
                    group.append(cov)
        for from_sql, covs in periods.items():
            try:
                row = self.query("SELECT " + ", ".join(c.pred for c in covs) + "\n" + from_sql)[0]
            except Exception:  # noqa: BLE001 - reported by the claim that owns it
                continue
            self._coverage.update({c.sql: bool(v) for c, v in zip(covs, row)})
        tables: dict[str, list[Simple]] = {}
        for plan in todo:
            for node in _ungrouped(plan.node):
                tables.setdefault(node.scan.table, []).append(node)
        for table, nodes in tables.items():
            if len(nodes) > 1:
                self._fuse(table, nodes)

    def _fuse(self, table: str, nodes: list[Simple]) -> None:
        joins: dict[str, Any] = {}
        for node in nodes:
            joins.update(node.scan.joins)
        try:
            cur = self.con.execute(fused_sql(nodes, Scan(table, joins).from_sql()))
            names = [d[0] for d in cur.description]
            row = dict(zip(names, cur.fetchall()[0]))
        except Exception:  # noqa: BLE001 - each claim runs alone instead
            return
        for i, node in enumerate(nodes):
            values = {alias: row[f"{i}.{alias}"] for alias, _, _ in aggregates(node)}
            if needs_exact_sum(values):
                continue  # summed in Python when the claim is judged
            try:
                ev = simple_value(node, values)
            except MeasureError:
                continue  # reported when the claim is judged
            ev.sql.append(simple_sql(node))
            self._prefetched[id(node)] = ev

    def evaluate(self, node: Node) -> Evaluated:
        if isinstance(node, Simple) and id(node) in self._prefetched:
            return self._prefetched[id(node)]
        if isinstance(node, Simple):
            self.learn_types([node])
            return evaluate_simple(node, self.query, self.columns, self.stream)  # type: ignore[return-value]
        if isinstance(node, RatioNode):
            return ratio_value(self.evaluate(node.numerator), self.evaluate(node.denominator))
        if isinstance(node, ChangeNode):
            groups = self.grouped(node.inner)
            ev = change_value(node, self._at(node.inner, groups, node.from_), self._at(node.inner, groups, node.to))
            ev.series = self._series(node.inner, groups, fill_gaps(groups))
            ev.marked = {key(node.from_), key(node.to)}
            return ev
        if isinstance(node, ExtremeNode):
            return self._extreme(node)
        if isinstance(node, TopNode):
            return self._top(node)
        return self._streak(node)

    def grouped(self, node: Node) -> dict[str, Evaluated]:
        if isinstance(node, Simple):
            self.learn_types([node])
            return evaluate_simple(node, self.query, self.columns, self.stream)  # type: ignore[return-value]
        assert isinstance(node, RatioNode)
        num, den = self.grouped(node.numerator), self.grouped(node.denominator)
        keys = [k for k in dict.fromkeys([*num, *den]) if not k.startswith("\0")]
        out = {k: ratio_value(self._at(node.numerator, num, k), self._at(node.denominator, den, k)) for k in keys}
        out["\0sql"] = Evaluated(None, sql=num["\0sql"].sql + den["\0sql"].sql)
        return out

    def _at(self, node: Node, groups: dict[str, Evaluated], at: Any) -> Evaluated:
        k = key(at)
        if k in groups:
            return groups[k]
        if isinstance(node, Simple):
            ev = simple_value(node, None)
        else:
            assert isinstance(node, RatioNode)
            ev = ratio_value(self._at(node.numerator, self.grouped(node.numerator), at),
                             self._at(node.denominator, self.grouped(node.denominator), at))
        ev.sql = groups["\0sql"].sql
        return ev

    def _extreme(self, node: ExtremeNode) -> Evaluated:
        from .measures import _lt
        groups = self.grouped(node.inner)
        keys = fill_gaps(groups)
        if node.record_from is not None:
            keys = [k for k in keys if not _lt(k, key(node.record_from))]
        out = extreme_value(node, dict(self._series(node.inner, groups, keys)))
        out.sql = groups["\0sql"].sql
        out.marked = {key(v) for v in (node.at, node.since) if v is not None}
        return out

    def _series(self, node: Node, groups: dict[str, Evaluated], keys: list[str]) -> list[tuple[str, Fraction | None]]:
        """The measure's value at each period, for charts and evidence."""
        values = ((k, self._at(node, groups, k).value) for k in keys)
        return [(k, v if isinstance(v, Fraction) else None) for k, v in values]

    def _top(self, node: TopNode) -> Evaluated:
        if node.by is None:
            sql = top_sql(node)
            rows = self.query(sql)
            unknown = sum(int(n) for v, n in rows if v is None)
            ranked = [(str(v), Fraction(int(n))) for v, n in rows if v is not None]
            ev = top_value(node, ranked, unknown, sum(int(n) for _, n in rows))
            ev.sql = [sql]
            return ev
        groups = self.grouped(node.by)
        values = [(k, g.value) for k, g in groups.items() if not k.startswith("\0") and isinstance(g.value, Fraction)]
        values.sort(key=lambda kv: (kv[1] if node.lowest else -kv[1], kv[0]))
        ev = top_value(node, values, 0, len(values))  # type: ignore[arg-type]
        ev.sql = groups["\0sql"].sql
        return ev

    def _streak(self, node: StreakNode) -> Evaluated:
        sql = streak_sql(node)
        kept = self.query(f"SELECT count(*) {node.scan.from_sql()}{node.scan.where_sql()}")[0][0]
        ev = streak_value(node, self.query(sql), int(kept))
        ev.sql = [sql]
        return ev



def _ungrouped(node: Node | None) -> list[Simple]:
    """The simple measures computed once, not per group: a claim's own, or a ratio's parts."""
    if isinstance(node, Simple) and node.group is None:
        return [node]
    if isinstance(node, RatioNode):
        return _ungrouped(node.numerator) + _ungrouped(node.denominator)
    return []


def _simple_nodes(node: Node | None) -> list[Simple]:
    """Every simple measure in a plan tree, grouped or not."""
    if isinstance(node, Simple):
        return [node]
    if isinstance(node, RatioNode):
        return _simple_nodes(node.numerator) + _simple_nodes(node.denominator)
    if isinstance(node, (ChangeNode, ExtremeNode)):
        return _simple_nodes(node.inner)
    if isinstance(node, TopNode):
        return _simple_nodes(node.by)
    return []
