"""Compiling claims to SQL, before anything is read or judged.

``compile_claims`` walks every claim's measure, parses and resolves every
expression against the tables' headers, and builds a tree of plan nodes whose
SQL is ready to run. Every problem (unknown table or column, an expression that
does not parse, an expectation that cannot be read) is collected, so a claims
file with five mistakes reports five, each with its line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union

from . import claims as cm
from .catalog import Catalog, Link
from .errors import Problem
from .expressions import (Between, Binary, Compare, Expr, ExpressionError, InList, Literal, Name, UnknownName, did_you_mean, parse, quote_ident, quote_literal, suggest, to_sql)


@dataclass(frozen=True)
class Coverage:
    """A period a claim names, and the SQL that says whether the data covers it."""

    text: str       # "filed_year == 2021"
    pred: str       # a boolean over min()/max() aggregates
    from_sql: str   # FROM …

    @property
    def sql(self) -> str:
        return f"SELECT {self.pred}\n{self.from_sql}"


@dataclass
class Scan:
    """Where a measure's rows come from: a table, its joins, its filter."""

    table: str
    joins: dict[str, Link] = field(default_factory=dict)
    where: str | None = None
    where_text: str | None = None
    where_expr: Expr | None = None

    def from_sql(self) -> str:
        parts = [f"FROM {quote_ident(self.table)}"]
        parts += [link.join_sql() for link in self.joins.values()]
        return "\n".join(parts)

    def where_sql(self, extra: str | None = None) -> str:
        conds = [c for c in (self.where and f"({self.where})", extra) if c]
        return ("\nWHERE " + " AND ".join(conds)) if conds else ""


@dataclass
class Simple:
    """count, value, count_distinct, sum, mean, median, min, max, share."""

    kind: str
    scan: Scan
    expr: str | None = None          # the column / condition, as SQL
    expr_text: str | None = None
    unit: str = "fraction"
    group: str | None = None         # SQL of the `over` column, when grouped
    group_time: bool = False
    expr_type: str | None = None     # DuckDB's type of `expr`, learnt once the tables are read


@dataclass
class RatioNode:
    numerator: "Node"
    denominator: "Node"
    unit: str = "fraction"


@dataclass
class ChangeNode:
    inner: "Node"
    over: str
    from_: Any
    to: Any
    as_: str


@dataclass
class ExtremeNode:
    inner: "Node"
    over: str
    at: Any
    since: Any
    is_: str
    record_from: Any


@dataclass
class TopNode:
    scan: Scan
    column: str
    column_text: str
    n: int
    lowest: bool
    by: "Node | None" = None


@dataclass
class StreakNode:
    scan: Scan
    cond: str
    cond_text: str
    order: str
    order_text: str
    ending: Any


Node = Union[Simple, RatioNode, ChangeNode, ExtremeNode, TopNode, StreakNode]


@dataclass
class ClaimPlan:
    """A claim ready to run: its plan tree and the periods to check first."""

    index: int
    claim: cm.Claim
    node: Node | None
    coverage: list[Coverage] = field(default_factory=list)
    tables: set[str] = field(default_factory=set)
    missing_tables: set[str] = field(default_factory=set)


class _Compiler:
    """Compiles one claim; appends problems instead of raising."""

    def __init__(self, catalog: Catalog, index: int, claim: cm.Claim, file: str,
                 line_of: Any, problems: list[Problem]) -> None:
        self.cat = catalog
        self.plan = ClaimPlan(index, claim, None)
        self.file = file
        self.line_of = line_of
        self.problems = problems

    # ------------------------------------------------------------------ helpers
    def fail(self, path: tuple[str | int, ...], message: str, hint: str | None = None,
             detail: str | None = None) -> None:
        self.problems.append(Problem(message, file=self.file, line=self.line_of(path),
                                     claim=self.plan.claim.id, hint=hint, detail=detail))

    def table(self, name: str, path: tuple[str | int, ...]) -> str | None:
        if name not in self.cat.sources:
            self.fail(path, f"unknown table '{name}'",
                      did_you_mean(suggest(name, self.cat.sources)) or
                      f"declared tables: {', '.join(self.cat.sources) or 'none'}")
            return None
        self.plan.tables.add(name)
        if self.cat.sources[name].missing:
            self.plan.missing_tables.add(name)
        return name

    def expr(self, text: Any, scan: Scan, path: tuple[str | int, ...],
             what: str = "expression") -> tuple[str, Expr] | None:
        text = str(text)
        try:
            tree = parse(text)
            sql = to_sql(tree, self.cat.resolver(scan.table, scan.joins), text=text)
        except ExpressionError as exc:
            self.fail(path, f"{what}: {exc.message}", exc.hint, detail=_caret(exc))
            return None
        except UnknownName as exc:  # a resolver error outside to_sql's own handling
            self.fail(path, exc.message, did_you_mean(exc.suggestions))
            return None
        if scan.table in self.plan.missing_tables:
            return sql, tree
        return sql, tree

    def scan(self, table: str | None, where: str | None, path: tuple[str | int, ...]) -> Scan | None:
        if table is None:
            return None
        scan = Scan(table)
        if where is not None:
            got = self.expr(where, scan, path + ("where",), "where")
            if got:
                scan.where, scan.where_expr = got
                scan.where_text = str(where)
                self.periods_in(scan, got[1])
        return scan

    # ------------------------------------------------------------------ measures
    def measure(self, m: Any, path: tuple[str | int, ...], over: str | None = None) -> Node | None:
        kind = cm.kind(m)
        if kind in ("count", "value", "count_distinct", "sum", "mean", "median", "min", "max", "share"):
            return self.simple(kind, m, path, over)
        if kind == "ratio":
            num = self.measure(m.ratio.numerator, path + ("ratio", "numerator"), over)
            den = self.measure(m.ratio.denominator, path + ("ratio", "denominator"), over)
            return RatioNode(num, den, m.unit or "fraction") if num and den else None
        if over is not None:
            self.fail(path, f"a '{kind}' measure cannot be nested inside change or extreme",
                      "nest a count, share, aggregate or ratio")
            return None
        if kind == "change":
            inner = self.measure(m.change, path + ("change",), m.over)
            if inner is not None and m.as_ == "points" and not _is_share_like(inner):
                self.fail(path + ("as",), "'as: points' compares two shares (percentage points)",
                          "measure a share inside the change, or use as: percent / absolute")
            if inner is not None:
                self.period_values(inner, path, {"from": m.from_, "to": m.to})
            return ChangeNode(inner, m.over, m.from_, m.to, m.as_) if inner else None
        if kind == "extreme":
            inner = self.measure(m.extreme, path + ("extreme",), m.over)
            if inner is not None:
                self.period_values(inner, path, {"at": m.at, "since": m.since, "record_from": m.record_from})
            return ExtremeNode(inner, m.over, m.at, m.since, m.is_, m.record_from) if inner else None
        if kind == "top":
            return self.top(m, path)
        return self.streak(m, path)

    def simple(self, kind: str, m: Any, path: tuple[str | int, ...], over: str | None) -> Simple | None:
        table = self.table(m.count if kind == "count" else m.of, path + (("count" if kind == "count" else "of"),))
        scan = self.scan(table, m.where, path)
        if scan is None:
            return None
        node = Simple(kind, scan, unit=m.unit or "fraction")
        if kind != "count":
            got = self.expr(getattr(m, kind), scan, path + (kind,), "condition" if kind == "share" else "column")
            if got is None:
                return None
            node.expr, node.expr_text = got[0], str(getattr(m, kind))
        if over is not None:
            got = self.expr(over, scan, path[:-1] + ("over",), "over")
            if got is None:
                return None
            node.group = got[0]
            node.group_time = self.is_time_expr(scan.table, got[1])
        return node

    def top(self, m: cm.Top, path: tuple[str | int, ...]) -> TopNode | None:
        scan = self.scan(self.table(m.of, path + ("of",)), m.where, path)
        if scan is None:
            return None
        got = self.expr(m.top, scan, path + ("top",), "column")
        by = self.measure(m.by, path + ("by",), m.top) if m.by is not None else None
        if got is None or (m.by is not None and by is None):
            return None
        return TopNode(scan, got[0], m.top, m.n, m.lowest, by)

    def streak(self, m: cm.Streak, path: tuple[str | int, ...]) -> StreakNode | None:
        scan = self.scan(self.table(m.of, path + ("of",)), m.where, path)
        if scan is None:
            return None
        cond = self.expr(m.streak, scan, path + ("streak",), "condition")
        order = self.expr(m.order, scan, path + ("order",), "order")
        if cond is None or order is None:
            return None
        if m.ending is not None and self.is_time_expr(scan.table, order[1]):
            self.plan.coverage.append(_within(scan, order[0], m.ending, f"{m.order} == {m.ending}"))
        return StreakNode(scan, cond[0], m.streak, order[0], m.order, m.ending)

    # ------------------------------------------------------------------ periods
    def is_time_expr(self, table: str, tree: Expr) -> bool:
        if isinstance(tree, Name):
            if tree.link is None:
                return self.cat.is_time(table, tree.column)
            link = self.cat.links.get(table, {}).get(tree.link)
            return bool(link and self.cat.is_time(link.target, tree.column))
        return False

    def period_values(self, inner: Node, path: tuple[str | int, ...], values: dict[str, Any]) -> None:
        for leaf in _leaves(inner):
            if not leaf.group_time or leaf.group is None:
                continue
            for key, value in values.items():
                if value is not None:
                    self.plan.coverage.append(_within(leaf.scan, leaf.group, value, f"{key}: {value}"))

    def periods_in(self, scan: Scan, tree: Expr) -> None:
        """Find comparisons of time columns with literals in a filter (not under `not`).

        A boolean derive is looked into, each at most once: a walk over an explicit stack,
        so a chain of derives (``d2: d1 and d1``) costs its size, not two to the power of its depth.
        """
        stack: list[tuple[Expr, str, Link | None]] = [(tree, scan.table, None)]
        seen: set[tuple[str, str]] = set()
        found: list[Coverage] = []
        while stack:
            node, table, link = stack.pop()
            if isinstance(node, Binary) and node.op in ("and", "or"):
                stack += [(node.right, table, link), (node.left, table, link)]
                continue
            if isinstance(node, Name):  # a boolean derive: look inside its definition
                tbl, lnk = self._home(table, node, link)
                if tbl and node.column in self.cat.derives.get(tbl, {}) and (tbl, node.column) not in seen:
                    seen.add((tbl, node.column))
                    stack.append((self.cat.derives[tbl][node.column], tbl, lnk))
                continue
            operand, lits, op = _atom(node)
            if operand is None or not isinstance(operand, Name):
                continue
            tbl, _ = self._home(table, operand, link)
            if not tbl or not self.cat.is_time(tbl, operand.column):
                continue
            col = f"{quote_ident(tbl)}.{quote_ident(operand.column)}"
            text = f"{operand.column} {op} {', '.join(str(v) for v in lits)}"
            cov = _coverage(text, f"FROM {quote_ident(tbl)}", col, op, lits)
            if cov not in found:
                found.append(cov)
        self.plan.coverage += found

    def _home(self, table: str, name: Name, link: Link | None) -> tuple[str | None, Link | None]:
        if name.link is None:
            return table, link
        found = self.cat.links.get(table, {}).get(name.link)
        return (found.target, found) if found else (None, None)


def _atom(tree: Expr) -> tuple[Expr | None, list[Any], str]:
    if isinstance(tree, Compare):
        if isinstance(tree.right, Literal) and not isinstance(tree.left, Literal):
            return tree.left, [tree.right.value], tree.op
        if isinstance(tree.left, Literal) and not isinstance(tree.right, Literal):
            flip = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}.get(tree.op, tree.op)
            return tree.right, [tree.left.value], flip
    if isinstance(tree, Between) and not tree.negated and isinstance(tree.low, Literal) and isinstance(tree.high, Literal):
        return tree.operand, [tree.low.value, tree.high.value], "between"
    if isinstance(tree, InList) and not tree.negated:
        return tree.operand, [v.value for v in tree.values], "in"
    return None, [], ""


def _coverage(text: str, from_sql: str, col: str, op: str, lits: list[Any]) -> Coverage:
    lo, hi = f"min({col})", f"max({col})"
    q = [quote_literal(v) for v in lits]
    pred = {
        "==": f"{lo} <= {q[0]} AND {q[0]} <= {hi}",
        ">=": f"{hi} >= {q[0]}", ">": f"{hi} > {q[0]}",
        "<=": f"{lo} <= {q[0]}", "<": f"{lo} < {q[0]}",
        "!=": "TRUE",
        "between": f"{hi} >= {q[0]} AND {lo} <= {q[-1]}",
        "in": " AND ".join(f"({lo} <= {v} AND {v} <= {hi})" for v in q) or "TRUE",
    }[op]
    return Coverage(text, f"coalesce({pred}, FALSE)", from_sql)


def _within(scan: Scan, col_sql: str, value: Any, text: str) -> Coverage:
    return _coverage(text, scan.from_sql(), col_sql, "==", [value])


def _leaves(node: Node | None) -> list[Simple]:
    if isinstance(node, Simple):
        return [node]
    if isinstance(node, RatioNode):
        return _leaves(node.numerator) + _leaves(node.denominator)
    return []


def _is_share_like(node: Node) -> bool:
    return (isinstance(node, Simple) and (node.kind == "share" or node.unit == "percent")) or isinstance(node, RatioNode)


def _caret(exc: ExpressionError) -> str:
    lines = exc.render().splitlines()
    return "\n".join(lines[1:3])


def compile_claim(catalog: Catalog, index: int, claim: cm.Claim, file: str, line_of: Any,
                  problems: list[Problem]) -> ClaimPlan:
    """Compile one claim; problems found are appended to ``problems``."""
    comp = _Compiler(catalog, index, claim, file, line_of, problems)
    if claim.measure is not None:
        comp.plan.node = comp.measure(claim.measure, ("measure",))
    return comp.plan
