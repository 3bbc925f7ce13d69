"""``wins: VALUE, among: COLUMN, in: GROUPS, of: TABLE`` — in how many groups a value comes first.

"Rivera carried 31 of the city's 48 precincts", "Facebook was the top platform in 9 of the 12
months", "won every precinct in Ward 3": the rows kept (``where``) are split into groups (``in``:
a column, derive or lookup column of the table); in each group the values of ``among`` (the
candidates) are ranked by ``by`` (a count, sum or other simple measure of the same table,
computed per candidate in each group; the count of rows when omitted), as ``top … by`` ranks
them; the figure is the number of groups whose first place the value holds alone.

The rules, in the order they apply:

- a group is any value of ``in`` that a kept row holds; a row whose group is unknown (blank) is in
  none, and is counted among the rows left out as unknown;
- a row whose ``among`` is unknown competes for no one (as ``top … by`` leaves out the blank
  group); a blank ``by`` value is left out of its candidate's sum as ``sum`` leaves it out, and a
  candidate with no figure at all (every value blank) is not ranked in that group;
- the value wins a group when its figure is higher than every other candidate's there. A tie for
  first is no win: it is counted as ``tied``, apart. A group where the value has no row (or no
  figure) is a group it did not win.

One query computes the figure of each candidate in each group (``GROUP BY`` both); the ranking
is done here, exactly, on the same rows on every engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..expressions import Compare, quote_ident
from ..expressions import Literal as Lit
from ..formatting import plain_number
from ..outcome import Reason
from ..planning.nodes import Part, PlanNode, Scan
from ._details import Details
from ._kind import KINDS, MeasureKind, kind_of, register, shape_of
from ._model import MeasureModel, Scalar
from ._simple import Simple, SimpleKind, aggregates, exact_sum_sql, exact_sums, number_class
from ._values import Evaluated, key, sort_key

if TYPE_CHECKING:
    from ..claims import Claim
    from ..expectations.shape import MeasureShape
    from ..expressions import Expr
    from ..planning.compiler import Compiler
    from ..planning.execute import Executor
    from ..planning.nodes import PathKey
    from . import Measure

SHOWN = 60
"""Groups listed by name in the details (each with who came first); the counts cover them all."""


class Wins(MeasureModel):
    """``wins: VALUE, among: COLUMN, in: GROUPS, of: TABLE``, optionally ``by: MEASURE`` and ``where``."""

    wins: Scalar = Field(description="the value whose first places are counted ('Maria Rivera')")
    among: str = Field(description="the column whose values compete in each group (candidate)")
    in_: str = Field(alias="in", description="the column (or derive, or lookup column) naming the groups (precinct)")
    of: str
    by: Measure | None = Field(None, description="what decides first place: a count, sum … of the same table; "
                                                 "the count of rows when omitted")
    where: str | None = None


class GroupFirst(BaseModel):
    """A group and who came first there, for people."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    key: str
    value: str


class WinsDetails(Details):
    """How many groups the value won, how many it tied for first in, of how many, and each group's first."""

    kind: Literal["wins"] = "wins"
    won: int
    tied: int = Field(description="groups where the value shares first place: not counted as won")
    groups: int = Field(description="the groups with a kept row")
    each_group: list[GroupFirst] = Field(default=[], description=f"the first {SHOWN} groups, in order, and who "
                                                                 "came first in each")


@dataclass
class WinsNode(PlanNode):
    scan: Scan               # the kept rows (the claim's where), with every lookup the claim reads
    value: Any               # the value whose wins are counted, as written
    among: Expr
    among_text: str
    within: Expr             # the groups
    within_text: str
    by: Simple               # the figure per candidate (grouped by `among`); its own where filters its rows
    cond: Expr               # `among == value`: the literal is checked against the column (a typo is refused)

    def children(self) -> list[PlanNode]:
        return [self.by]


@register
class WinsKind(MeasureKind):
    name = "wins"
    model = Wins
    details = WinsDetails
    examples = ("{{wins: 'x', among: {column}, in: {column}, of: {table}{w}}}",)

    def compile(self, c: Compiler, m: Wins, path: PathKey, over: str | None) -> WinsNode | None:
        table = c.table(m.of, path + ("of",))
        scan = c.scan(table, m.where, path)
        if scan is None or table is None:
            return None
        among = c.expr(m.among, scan, path + ("among",), "among")
        within = c.expr(m.in_, scan, path + ("in",), "in")
        if among is None or within is None:
            return None
        from .count import Count
        by_m = m.by if m.by is not None else Count.model_validate({"count": m.of})
        kind = KINDS[kind_of(by_m)]
        if not isinstance(kind, SimpleKind):
            c.fail(path + ("by",), f"by: a '{kind.name}' measure cannot decide first place in each group",
                   "use a count, sum, mean, median, min, max or share of the same table (by: {sum: votes, of: "
                   f"{m.of}}})")
            return None
        by_table = getattr(by_m, kind.table_field)
        if by_table != table:
            c.fail(path + ("by",), f"by: reads table '{by_table}', but the candidates and groups are of "
                                   f"table '{table}'",
                   f"write by: of the same table ({{sum: COLUMN, of: {table}}}); a figure from another table "
                   "cannot be split by this table's groups")
            return None
        by = c.measure(by_m, path + ("by",), m.among)
        if by is None:
            return None
        assert isinstance(by, Simple)
        value = m.wins
        return WinsNode(self.name, scan, value, among, m.among, within, m.in_, by,
                        Compare("==", among, Lit(Decimal(str(value)) if isinstance(value, float) else value)))

    def evaluate(self, node: WinsNode, ex: Executor) -> Evaluated:
        ex.learn_types([node.by])
        sql = wins_sql(node)
        kept, unknown, cells = _cells(node, ex, sql)
        ev = Evaluated(None, rows_kept=kept, rows_unknown=unknown, sql=[sql])
        if not cells:
            ev.unavailable, ev.why = Reason.NO_ROWS, ("no rows pass the filter" if not kept else
                                                      f"every kept row has no value for {node.within_text}")
            return ev
        won, tied, said = judge(cells, key(node.value))
        ev.value = Fraction(len(won))
        ev.base = len(cells)
        ev.exact_count = True
        ev.neighbours = [ev.value - 1, ev.value + 1] if won else [ev.value + 1]
        ev.details = WinsDetails(won=len(won), tied=len(tied), groups=len(cells),
                                 each_group=[GroupFirst(key=g, value=s) for g, s in said[:SHOWN]])
        return ev

    def shape(self, node: WinsNode, claim: Claim) -> MeasureShape:
        return shape_of("number")

    def parts(self, node: WinsNode, label: str | None) -> list[Part]:
        return [Part(node.scan, None, label, node.scan.sql(node.within), over=node.within_text)]


def _joined(node: WinsNode) -> Scan:
    """The kept rows with every lookup the claim reads (the groups', the candidates', the figure's)."""
    return Scan(node.scan.table, {**node.scan.joins, **node.by.scan.joins})


def wins_sql(node: WinsNode) -> str:
    """The figure of each candidate in each group, with the rows of each (group, candidate) pair,
    and the groups' rows whose candidate is unknown; the ``by`` measure's own filter narrows
    its aggregates only, so a group it leaves empty is still a group."""
    scan = _joined(node)
    own = node.by.scan.where
    cols = [f"({node.scan.sql(node.within)}) AS {quote_ident('within')}", f"({node.by.group_sql}) AS \"group\""]
    for alias, fn, cond in aggregates(node.by):
        conds = [c for c in (own and f"({own})", cond) if c]
        cols.append(f"{fn} FILTER (WHERE {' AND '.join(conds)}) AS {alias}" if conds else f"{fn} AS {alias}")
    cols.append(f"count(*) AS {quote_ident('all_rows')}")
    where = node.scan.where
    return ("SELECT " + ",\n       ".join(cols) + "\n" + scan.from_sql() + (f"\nWHERE ({where})" if where else "")
            + "\nGROUP BY 1, 2\nORDER BY 1, 2")


Figure = Fraction | int | Decimal
"""A candidate's figure in a group: each compares exactly with the others (an int or a DECIMAL's
Decimal as the engine gave it, a Fraction as the measure computed it)."""
Cells = dict[str, dict[str, Figure]]
"""Each group's candidates with their figures (only those with one)."""


def _cells(node: WinsNode, ex: Executor, sql: str) -> tuple[int, int, Cells]:
    """The rows kept, those left out as unknown (no group, or no candidate), and the cells."""
    result = ex.run(sql)
    columns, rows = result.columns, result.rows  # tuples: a dict for each of a million cells cost ~0.5 GB
    at = {name: i for i, name in enumerate(columns)}
    kind = KINDS[node.by.kind]
    assert isinstance(kind, SimpleKind)
    inexact = at.get("inexact")
    if (node.by.kind in ("sum", "mean") and number_class(node.by.expr_type) != "cast" and inexact is not None
            and any(r[inexact] for r in rows)):  # a DOUBLE past DECIMAL(38,10): each cell's sum taken exactly
        exact = _exact_rows(node, ex, [dict(zip(columns, r, strict=True)) for r in rows])
        columns = list(exact[0]) if exact else columns
        at = {name: i for i, name in enumerate(columns)}
        rows = [tuple(d[c] for c in columns) for d in exact]
    within, group, everything, kept_by = at["within"], at["group"], at["all_rows"], at["rows_kept"]
    kept = sum(int(r[everything]) for r in rows)
    unknown = sum(int(r[everything]) for r in rows if r[within] is None or r[group] is None)
    keys: dict[Any, str] = {}  # a value's key, made once per distinct value (a group has many rows)
    figure = _plain_figure(node.by.kind, at)
    cells: Cells = {}
    for r in rows:
        g = r[within]
        if g is None:
            continue
        got = cells.setdefault(keys[g] if g in keys else keys.setdefault(g, key(g)), {})
        c = r[group]
        if c is None or not int(r[kept_by] or 0):
            continue  # no candidate, or none of its rows pass the figure's own filter: not ranked
        x = figure(r)
        if x is None:  # the measure's own reading; a figure that is no number (inf) is refused as it refuses it
            ev = kind.value(node.by, dict(zip(columns, r, strict=True)))
            if not isinstance(ev.value, Fraction) or ev.unavailable is not None:
                continue
            x = ev.value
        got[keys[c] if c in keys else keys.setdefault(c, key(c))] = x
    return kept, unknown, cells


def _plain_figure(kind: str, at: dict[str, int]) -> Any:
    """For a count and a sum, the figure read straight off the row (the measure's own reading of
    each of a million cells cost ~40 µs); None where the measure must read it."""
    if kind == "count":
        kept = at["rows_kept"]
        return lambda r: int(r[kept])
    if kind != "sum":
        return lambda r: None
    total, n, inexact = at["total"], at["n"], at.get("inexact")

    def summed(r: tuple[Any, ...]) -> Figure | None:
        x = r[total]
        if not r[n] or (inexact is not None and r[inexact]) or isinstance(x, bool) \
                or not isinstance(x, (int, Decimal, Fraction)):
            return None
        return x if not isinstance(x, Decimal) or x.is_finite() else None
    return summed


def _exact_rows(node: WinsNode, ex: Executor, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of :func:`wins_sql` with each cell's total summed exactly from the values' text."""
    scan = _joined(node)
    base = exact_sum_sql(node.by)  # SELECT group, CAST(value AS VARCHAR) FROM … WHERE own
    select = base.split("\n", 1)[0]
    own = node.by.scan.where
    conds = [c for c in (node.scan.where and f"({node.scan.where})", own and f"({own})") if c]
    sql = (f"SELECT ({node.scan.sql(node.within)}), {select[len('SELECT '):]}\n{scan.from_sql()}"
           + (f"\nWHERE {' AND '.join(conds)}" if conds else ""))
    summed = exact_sums(node.by, (((r[0], r[1]), r[2]) for r in ex.stream(sql)))
    by_cell = {acc["group"]: acc for acc in summed}
    out = []
    for r in rows:
        acc = by_cell.get((r["within"], r["group"]))
        out.append({**r, **({k: v for k, v in acc.items() if k != "group"} if acc else {"rows_kept": 0, "n": 0,
                                                                                          "total": Fraction(0)})})
    return out


def judge(cells: Cells, value: str) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    """The groups ``value`` comes first in alone, those it ties for first in, and each group said:
    who came first and by what figure (groups in their own order, numbers as numbers)."""
    won: list[str] = []
    tied: list[str] = []
    said: list[tuple[str, str]] = []
    for group in sorted(cells, key=sort_key):
        figures = cells[group]
        if not figures:
            said.append((group, "no candidate with a figure"))
            continue
        best = max(figures.values())
        first = sorted(c for c, f in figures.items() if f == best)
        mine = figures.get(value)
        if mine == best and len(first) == 1:
            won.append(group)
            others = sorted((f for c, f in figures.items() if c != value), reverse=True)
            said.append((group, f"{value} first ({_n(best)}" + (f"; next {_n(others[0])})" if others else ", alone)")))
        elif mine == best:
            tied.append(group)
            said.append((group, f"tied for first: {', '.join(first)} ({_n(best)})"))
        else:
            said.append((group, f"{' and '.join(first)} first ({_n(best)}); {value} "
                                + ("has no figure" if mine is None else _n(mine))))
    return won, tied, said


def _n(x: Figure) -> str:
    f = Fraction(x)
    return plain_number(float(f)) if f.denominator != 1 else f"{f.numerator:,}"
