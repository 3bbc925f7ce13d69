"""Helpers for kinds that compare groups or periods by narrowing a measure's ``where``.

``overtook``, ``compare`` and ``every`` compute one measure for several slices of the data
(Instagram in 2019, Japan's cars, the victims of cases active in 2015). Each slice is the
same claims-file measure with one more condition ANDed into its ``where``, written in the
expression language and compiled like any other, so names are checked and periods in it
are checked for coverage. Group values are quoted as expression literals, never spliced.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..planning.nodes import Scan
from ._model import MeasureModel

if TYPE_CHECKING:
    from ..expressions import Expr
    from ..planning.compiler import Compiler
    from ..planning.execute import Executor
    from ..planning.nodes import PathKey, PlanNode


def expr_literal(value: Any) -> str:
    """A value as an expression-language literal: ``'Japan'`` (quotes doubled), ``2019``, ``true``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, Decimal)):
        text = str(value) if not isinstance(value, float) else repr(value)
        return f"({text})" if text.startswith("-") else text
    return "'" + str(value).replace("'", "''") + "'"


def narrowable(m: MeasureModel) -> bool:
    """Can ``m`` be narrowed by a condition (it has a ``where``, or is a ratio of such)?"""
    parts = getattr(m, "ratio", None)
    if parts is not None:
        return narrowable(parts.numerator) and narrowable(parts.denominator)
    return "where" in type(m).model_fields


def narrowed(m: MeasureModel, cond: str) -> MeasureModel:
    """``m`` with ``cond`` ANDed into its ``where`` (into both parts of a ratio)."""
    parts = getattr(m, "ratio", None)
    if parts is not None:
        both = parts.model_copy(update={"numerator": narrowed(parts.numerator, cond),
                                        "denominator": narrowed(parts.denominator, cond)})
        return m.model_copy(update={"ratio": both})
    where = getattr(m, "where", None)
    return m.model_copy(update={"where": f"({where}) and ({cond})" if where else cond})


def table_of(node: PlanNode) -> str | None:
    """The table a compiled measure reads (its first scan's, or its first part's)."""
    from ..planning.nodes import walk
    for n in walk(node):
        for scan in n.scans():
            return scan.table
    return None


def group_column(c: Compiler, table: str, text: str, path: PathKey, what: str) -> tuple[Scan, Expr] | None:
    """Parse the column (or expression) that names the groups, in ``table``'s scope."""
    scan = Scan(table)
    tree = c.expr(text, scan, path, what)
    return (scan, tree) if tree is not None else None


def missing_value(ex: Executor, scan: Scan, column: Expr, column_text: str, value: Any) -> str | None:
    """A message when ``value`` never occurs in ``column`` (with the values that do), else None."""
    from ..expressions import quote_literal
    from ._values import spellings
    col = scan.sql(column)
    written = ", ".join(quote_literal(v) for v in spellings(value))
    rows = ex.run(f"SELECT count(*) {scan.from_sql()}\n"
                  f"WHERE CAST(({col}) AS VARCHAR) IN ({written})").rows
    if rows and int(rows[0][0]) > 0:
        return None
    found = ex.run(f"SELECT DISTINCT ({col}) AS v {scan.from_sql()}\nWHERE ({col}) IS NOT NULL "
                   "ORDER BY 1 LIMIT 9").rows
    shown = ", ".join(str(r[0]) for r in found[:8]) + (", …" if len(found) > 8 else "")
    return f"{value!r} does not occur in {column_text} (its values: {shown or 'none'})"
