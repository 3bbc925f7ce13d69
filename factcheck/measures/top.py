"""``top: COLUMN, of: TABLE, n: 1`` — the most frequent values, or the highest ``by`` a measure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..expectations.numbers import as_float  # a figure past 1.8e308 stays finite in reports
from ..expressions import quote_ident
from ..outcome import Reason
from ..planning.nodes import Part, PlanNode, Scan
from ._details import Details
from ._groups import narrowed
from ._kind import MeasureKind, register, shape_of
from ._model import Filtered
from ._units import figure_unit
from ._values import Evaluated

if TYPE_CHECKING:
    from ..claims import Claim
    from ..expectations.shape import MeasureShape
    from ..expressions import Expr
    from ..formatting import FigureUnit
    from ..planning.compiler import Compiler
    from ..planning.execute import Executor
    from ..planning.nodes import PathKey
    from . import Measure


class Top(Filtered):
    """``top: COLUMN, of: TABLE, n: 1`` — most frequent values, or highest ``by`` a measure."""
    top: str
    of: str
    n: int = Field(1, ge=1, le=1000)
    by: Measure | None = None
    lowest: bool = False
    rank: int | None = Field(None, ge=1, le=1000,
                             description="2: the value ranked second (alone), for 'the second most common'")

    @model_validator(mode="after")
    def _n_or_rank(self) -> Top:
        if self.rank is not None and "n" in self.model_fields_set:
            raise ValueError("give n (the first n values) or rank (the value at that rank), not both")
        return self


class Ranked(BaseModel):
    """A value and its figure (a count of rows, or the ``by`` measure)."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    value: str
    figure: float


class TopDetails(Details):
    """The head of the ranking, and the values tied with the last one named."""

    kind: Literal["top"] = "top"
    ranking: list[Ranked]
    ties_at_cut: list[str] = Field(description="values with the same figure as the n-th, left out")


@dataclass
class TopNode(PlanNode):
    scan: Scan
    column: Expr
    column_text: str
    n: int
    lowest: bool
    by: PlanNode | None = None
    rank: int | None = None
    unit: FigureUnit | None = None  # how the `by` measure's figures are shown (a share as a percentage)

    def children(self) -> list[PlanNode]:
        return [self.by] if self.by is not None else []


@register
class TopKind(MeasureKind):
    name = "top"
    model = Top
    details = TopDetails
    examples = ("{{top: {column}, of: {table}{w}, n: 2}}",
                "{{top: {column}, of: {table}, by: {{count: {table}{w}}}}}",
                "{{top: {column}, of: {table}{w}, rank: 2}}")

    def compile(self, c: Compiler, m: Top, path: PathKey, over: str | None) -> TopNode | None:
        scan = c.scan(c.table(m.of, path + ("of",)), m.where, path)
        if scan is None:
            return None
        column = c.expr(m.top, scan, path + ("top",), "column")
        # the top's own `where` keeps the rows it ranks: the `by` measure is narrowed to them
        ranked = narrowed(m.by, m.where) if m.by is not None and m.where else m.by
        by = c.measure(ranked, path + ("by",), m.top) if ranked is not None else None
        if column is None or (m.by is not None and by is None):
            return None
        # ranking periods ("the worst month") ranks every one of them, as an extreme over the record
        # does: a group that reports the rows (reported_by) missing one makes that period's figure short
        c.reports(scan, column, (), "every period ranked")
        unit = figure_unit(by, c.plan.claim.says) if by is not None else None
        return TopNode(self.name, scan, column, m.top, m.n, m.lowest, by, m.rank, unit)

    def evaluate(self, node: TopNode, ex: Executor) -> Evaluated:
        if node.by is None:
            sql = top_sql(node)
            rows = ex.run(sql).rows
            unknown = sum(int(n) for v, n in rows if v is None)
            ranked = [(str(v), Fraction(int(n))) for v, n in rows if v is not None]
            ev = top(node, ranked, unknown, sum(int(n) for _, n in rows))
            ev.sql = [sql]
            return ev
        groups = ex.grouped(node.by)
        from .ratio import lacking_said, lacks_base
        lacking = [k for k, g in groups.values.items() if lacks_base(g)]
        if lacking:  # a rate with one part and not the other may rank anywhere
            ev = Evaluated(None, sql=groups.sql)
            ev.unavailable, ev.why = Reason.NO_ROWS, lacking_said(lacking, groups.values[lacking[0]])
            return ev
        values = [(k, g.value) for k, g in groups.values.items() if isinstance(g.value, Fraction)]
        values.sort(key=lambda kv: (kv[1] if node.lowest else -kv[1], kv[0]))
        counted = [g.rows_kept for g in groups.values.values()]
        # the rows the groups were computed from (it was the number of groups: "rows kept: 321" recipients)
        ev = top(node, values, 0, sum(n for n in counted if n is not None) if None not in counted else None)
        ev.sql = groups.sql
        ev.figure_unit = node.unit
        return ev

    def shape(self, node: TopNode, claim: Claim) -> MeasureShape:
        return shape_of("values")

    def parts(self, node: TopNode, label: str | None) -> list[Part]:
        return [Part(node.scan, None, label)]


def top_sql(node: TopNode) -> str:
    direction = "ASC" if node.lowest else "DESC"
    return (f"SELECT ({node.scan.sql(node.column)}) AS value, count(*) AS n\n{node.scan.from_sql()}"
            f"{node.scan.where_sql()}\nGROUP BY 1\nORDER BY n {direction}, value")


def top(node: TopNode, ranked: list[tuple[str, Fraction]], unknown: int, kept: int | None) -> Evaluated:
    """The first ``n`` values of the ranking (or the one at ``rank``), and who is tied at the cut."""
    ev = Evaluated(None, rows_kept=kept, rows_unknown=unknown)
    if not ranked:
        ev.unavailable, ev.why = Reason.NO_ROWS, "no rows with a value pass the filter"
        return ev
    last = node.rank or node.n
    if node.rank is not None and node.rank > len(ranked):
        ev.unavailable = Reason.NO_ROWS
        ev.why = f"there is no rank {node.rank}: only {len(ranked)} value{'s' if len(ranked) != 1 else ''} rank"
        return ev
    first = last - 1 if node.rank is not None else 0
    ev.value = [v for v, _ in ranked[first:last]]
    cut = ranked[min(last, len(ranked)) - 1][1]
    ev.details = TopDetails(ranking=[Ranked(value=v, figure=as_float(f)) for v, f in ranked[: max(last + 3, 5)]],
                            ties_at_cut=[v for i, (v, f) in enumerate(ranked) if f == cut and not first <= i < last])
    ev.base = None if kept is None else kept - unknown  # the rows ranked: those with a value
    if unknown:
        ev.unknown_reorders = _reorders(ranked, first, last, unknown)
        ev.mostly_unknown = bool(ev.unknown_reorders) or (ev.base is not None and ev.base < unknown)
    return ev


def _reorders(ranked: list[tuple[str, Fraction]], first: int, last: int, unknown: int) -> str:
    """Why rows whose value is unknown could change what a count's ranking says, or "": as many of
    them as the lead at an edge of the places stated ("Harbor filed the most": 30 against
    Riverside's 25, with 60 rows of no neighbourhood, which could all be Riverside's)."""
    edges = [(first - 1, first)] * (first > 0) + [(last - 1, last)] * (last < len(ranked))
    for above, below in edges:
        (a, fa), (b, fb) = ranked[above], ranked[below]
        lead = int(fa - fb)
        if unknown >= lead:
            return (f"{unknown:,} row{'s' if unknown != 1 else ''} of no value could change the ranking: {a} leads "
                    f"{b} by {lead:,}")
    return ""


_ORDERED_LIKE_DUCKDB = (str, int, bool, Decimal, dt.date, dt.datetime, dt.time)  # Python orders them as DuckDB does


def shared_top_sql(nodes: list[TopNode], from_sql: str) -> tuple[str, list[tuple[int, int]]]:
    """One query for several plain ``top``s over one table (and its lookups): the rows are read and
    joined once, grouped by each distinct column (``GROUPING SETS``), and each distinct filter
    counts its rows (``count(*) FILTER``); when every node has a filter, only rows one of them
    keeps are grouped. Also returns, for each node, its grouping and its count.

    A lookup is many-to-one (checked before any claim runs), so joining the union of the
    nodes' lookups keeps every node's rows as they were.
    """
    columns: list[str] = []
    filters: list[str | None] = []
    which: list[tuple[int, int]] = []
    for node in nodes:
        col, where = node.scan.sql(node.column), node.scan.where
        if col not in columns:
            columns.append(col)
        if where not in filters:
            filters.append(where)
        which.append((columns.index(col), filters.index(where)))
    select = [f"({c}) AS {quote_ident(f'g{i}')}, GROUPING(({c})) AS {quote_ident(f's{i}')}" for i, c in enumerate(columns)]
    select += [f"count(*){'' if w is None else f' FILTER (WHERE {w})'} AS {quote_ident(f'n{i}')}"
               for i, w in enumerate(filters)]
    sets = ", ".join(f"(({c}))" for c in columns)
    # rows no claim keeps are dropped before grouping (and, where a filter allows, before the join)
    where = "" if None in filters else "\nWHERE " + " OR ".join(f"({w})" for w in filters)
    return f"SELECT {', '.join(select)}\n{from_sql}{where}\nGROUP BY GROUPING SETS ({sets})", which


def shared_tops(nodes: list[TopNode], which: list[tuple[int, int]], columns: list[str],
                rows: list[tuple[Any, ...]]) -> dict[int, Evaluated]:
    """Each node's value from the shared query's rows, ranked as :func:`top_sql` orders them
    (count, then value); a node whose values Python cannot order as DuckDB does is left out
    (it runs its own query)."""
    at = {name: i for i, name in enumerate(columns)}
    out: dict[int, Evaluated] = {}
    for node, (g, f) in zip(nodes, which, strict=True):
        value, grouped, count = at[f"g{g}"], at[f"s{g}"], at[f"n{f}"]
        counted = [(r[value], int(r[count])) for r in rows if r[grouped] == 0 and r[count]]
        known = [(v, n) for v, n in counted if v is not None]
        if not all(isinstance(v, _ORDERED_LIKE_DUCKDB) for v, _ in known):
            continue
        known.sort(key=lambda vn: (vn[1] if node.lowest else -vn[1], vn[0]))
        ev = top(node, [(str(v), Fraction(n)) for v, n in known],
                 sum(n for v, n in counted if v is None), sum(n for _, n in counted))
        ev.sql = [top_sql(node)]
        out[id(node)] = ev
    return out
