"""What count, share and the aggregates have in common: one scan, a few aggregates, one row.

A simple measure reads the kept rows of one table (a :class:`~factcheck.planning.nodes.Scan`)
and computes a handful of aggregates, each kind naming its own (:meth:`SimpleKind.aggregates`)
and reading its value from the result row (:meth:`SimpleKind.value`). Grouped by ``over`` it
gives one row per period. Ungrouped ones on the same table are fused into one scan by the
executor (:func:`fused_sql`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..planning.nodes import Part, PlanNode, Scan
from ._kind import KINDS, MeasureKind, shape_of
from ._values import Evaluated, Groups, key

if TYPE_CHECKING:
    from ..expectations.shape import MeasureShape
    from ..expressions import Expr
    from ..claims import Claim
    from ..planning.compiler import Compiler
    from ..planning.execute import Executor
    from ..planning.nodes import PathKey

DEC = "DECIMAL(38,10)"
Aggregate = tuple[str, str, "str | None"]  # (alias, function, extra condition or None)


@dataclass
class Simple(PlanNode):
    """count, value, count_distinct, sum, mean, median, min, max, share."""

    scan: Scan
    expr: Expr | None = None         # the column / condition
    expr_text: str | None = None
    unit: str = "fraction"
    group: Expr | None = None        # the `over` column, when grouped
    group_time: bool = False
    param: Any = None                # a kind's own setting (a percentile's p and method)

    @property
    def expr_sql(self) -> str | None:
        return self.scan.sql(self.expr) if self.expr is not None else None

    @property
    def group_sql(self) -> str | None:
        return self.scan.sql(self.group) if self.group is not None else None


class SimpleKind(MeasureKind):
    """The shared compile and evaluate of the simple kinds."""

    groupable = True
    table_field = "of"
    what = "column"

    def aggregates(self, x: str) -> list[Aggregate]:
        """The aggregates this kind needs besides ``rows_kept``, over the SQL ``x``."""
        raise NotImplementedError

    def aggregates_of(self, node: Simple, x: str) -> list[Aggregate]:
        """The aggregates of this node (a kind with a setting of its own reads it from ``node.param``)."""
        return self.aggregates(x)

    def value(self, node: Simple, row: dict[str, Any] | None) -> Evaluated:
        """Interpret one result row (``None``: a group with no rows)."""
        raise NotImplementedError

    # ------------------------------------------------------------------ compile
    def compile(self, c: Compiler, m: Any, path: PathKey, over: str | None) -> Simple | None:
        table = c.table(getattr(m, self.table_field), path + (self.table_field,))
        scan = c.scan(table, m.where, path)
        if scan is None:
            return None
        node = Simple(self.name, scan, unit=m.unit or "fraction", param=self.param(m))
        if self.table_field != self.name:
            got = c.expr(getattr(m, self.name), scan, path + (self.name,), self.what)
            if got is None:
                return None
            node.expr, node.expr_text = got, str(getattr(m, self.name))
        if over is not None:
            group = c.expr(over, scan, path[:-1] + ("over",), "over")
            if group is None:
                return None
            node.group = group
            node.group_time = c.is_time_expr(scan.table, group)
        return node

    def param(self, m: Any) -> Any:
        """The kind's own setting read from the claims file's measure (None for most kinds)."""
        return None

    # ------------------------------------------------------------------ evaluate
    def evaluate(self, node: Simple, ex: Executor) -> Evaluated:
        sql = simple_sql(node)
        result = ex.run(sql)
        rows = [dict(zip(result.columns, r, strict=True)) for r in result.rows]
        ev = self.value(node, rows[0] if rows else None)
        ev.sql.append(sql)
        return ev

    def grouped(self, node: Simple, ex: Executor) -> Groups:
        sql = simple_sql(node)
        result = ex.run(sql)
        out: dict[str, Evaluated] = {}
        for r in result.rows:
            row = dict(zip(result.columns, r, strict=True))
            if row["group"] is None:
                continue
            ev = self.value(node, row)
            ev.sql.append(sql)
            out[key(row["group"])] = ev
        return Groups(out, [sql])

    def absent(self, node: Simple, ex: Executor, at: Any) -> Evaluated:
        return self.value(node, None)

    # ------------------------------------------------------------------ reading
    def shape(self, node: Simple, claim: Claim) -> MeasureShape:
        return shape_of("number", node.unit)

    def unit(self, node: Simple) -> str:
        return node.unit

    def share_like(self, node: Simple) -> bool:
        return node.unit == "percent"

    def parts(self, node: Simple, label: str | None) -> list[Part]:
        return [Part(node.scan, None, label, node.group_sql)]


def aggregates(node: Simple) -> list[Aggregate]:
    """Every aggregate a simple measure needs, ``rows_kept`` first."""
    kind = KINDS[node.kind]
    assert isinstance(kind, SimpleKind)
    x = f"({node.expr_sql})" if node.expr is not None else ""
    return [("rows_kept", "count(*)", None), *kind.aggregates_of(node, x)]


def simple_sql(node: Simple) -> str:
    """One measure as a standalone query: what a reader sees and can re-run."""
    group = node.group_sql
    cols = [f"{group} AS \"group\""] if group else []
    cols += [f"{fn} FILTER (WHERE {cond}) AS {alias}" if cond else f"{fn} AS {alias}"
             for alias, fn, cond in aggregates(node)]
    sql = "SELECT " + ",\n       ".join(cols) + "\n" + node.scan.from_sql() + node.scan.where_sql()
    return sql + ("\nGROUP BY 1\nORDER BY 1" if group else "")


def fused_sql(nodes: list[Simple], from_sql: str) -> str:
    """Several ungrouped measures on one table in a single scan, each aggregate filtered by its own
    `where` (claims on the same table share work). Aliases are ``"<i>.<alias>"``."""
    cols = []
    for i, node in enumerate(nodes):
        where = node.scan.where
        for alias, fn, cond in aggregates(node):
            conds = [c for c in (where and f"({where})", cond) if c]
            filt = f" FILTER (WHERE {' AND '.join(conds)})" if conds else ""
            cols.append(f'{fn}{filt} AS "{i}.{alias}"')
    return "SELECT " + ",\n       ".join(cols) + "\n" + from_sql


def value_of(node: Simple, row: dict[str, Any] | None) -> Evaluated:
    """A simple node's value from its row, by its kind."""
    kind = KINDS[node.kind]
    assert isinstance(kind, SimpleKind)
    return kind.value(node, row)
