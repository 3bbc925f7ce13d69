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

When the figure is a count or a sum the engine holds exactly (integers, DECIMALs, DOUBLEs that fit
DECIMAL(38,10)), the ranking is done in SQL on every engine (:func:`ranked_sql`: each cell's
figure, ``max(…) OVER (PARTITION BY group)`` and the cells at that max), and only the counts and
the first :data:`SHOWN` groups' cells are fetched. Otherwise (a mean, a median, a share; a DOUBLE
past DECIMAL(38,10); a sum past the engine's 38 digits, added up exactly from the values) one query fetches the figure of each candidate in each group (``GROUP BY``
both) and the ranking is done here, exactly, on the same rows on every engine.
"""

from __future__ import annotations

import datetime as dt
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
from ._simple import (
    Simple,
    SimpleKind,
    aggregates,
    exact_sum_sql,
    exact_sums,
    number_class,
    power_sums_sql,
    summed_past_38_digits,
    sums_by_power,
)
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
        ranked = ranked_sql(node)
        if ranked is not None:
            try:
                counts: dict[str, Any] | None = _counts(ex, ranked)
            except Exception as exc:
                if not summed_past_38_digits(node.by, exc):
                    raise
                counts, ranked = None, None  # a cell's sum past 38 digits: each summed exactly in Python
            if counts is not None and ranked is not None and not counts["inexact_cells"]:
                return _ranked_in_sql(node, ex, ranked, counts)
        sql = wins_sql(node, flag=True)
        sqls = [ranked, sql] if ranked is not None else [sql]  # the ranking query found a DOUBLE sum it cannot hold
        kept, unknown, cells, mine = _cells(node, ex, sqls)
        ev = Evaluated(None, rows_kept=kept, rows_unknown=unknown, sql=sqls)
        if not cells:
            return _no_groups(node, ev)
        won, tied, said = judge(cells, mine)
        return _judged(ev, len(won), len(tied), len(cells), said)

    def shape(self, node: WinsNode, claim: Claim) -> MeasureShape:
        return shape_of("number", of_groups=True)

    def parts(self, node: WinsNode, label: str | None) -> list[Part]:
        return [Part(node.scan, None, label, node.scan.sql(node.within), over=node.within_text)]


def cell_key(x: Any) -> str:
    """A group's or a candidate's name in the ranking: a text as the data writes it, as the engine
    groups it ('Ward 3' and 'Ward 3 ', '2021-03-01 10:00' and '2021-03-01T10:00' are two groups,
    as twins are two values everywhere in factcheck: said by ``spelling_variants``); any other
    value by its :func:`key` (a number, a date), which tells apart what the engine tells apart."""
    return x if isinstance(x, str) else key(x)


def _no_groups(node: WinsNode, ev: Evaluated) -> Evaluated:
    ev.unavailable, ev.why = Reason.NO_ROWS, ("no rows pass the filter" if not ev.rows_kept else
                                              f"every kept row has no value for {node.within_text}")
    return ev


def _judged(ev: Evaluated, won: int, tied: int, groups: int, said: list[tuple[str, str]]) -> Evaluated:
    ev.value = Fraction(won)
    ev.base = groups
    ev.exact_count = True
    ev.neighbours = [ev.value - 1, ev.value + 1] if won else [ev.value + 1]
    ev.details = WinsDetails(won=won, tied=tied, groups=groups,
                             each_group=[GroupFirst(key=g, value=v) for g, v in said[:SHOWN]])
    return ev


def _figure_sql(node: WinsNode, cells: str) -> str | None:
    """A cell's figure in SQL when the engine holds it exactly (NULL: not ranked); None when it cannot."""
    kind = node.by.kind
    if kind == "count":
        return "CASE WHEN \"group\" IS NOT NULL AND rows_kept > 0 THEN rows_kept END"
    if kind == "sum" and " AS inexact" in cells:  # a DOUBLE: exact unless a value is past DECIMAL(38,10)
        return "CASE WHEN \"group\" IS NOT NULL AND rows_kept > 0 AND n > 0 AND inexact = 0 THEN total END"
    if kind == "sum":  # integers and DECIMALs as they are, text through DECIMAL(38,10)
        return "CASE WHEN \"group\" IS NOT NULL AND rows_kept > 0 AND n > 0 THEN total END"
    return None  # a mean, median, share …: ranked in Python, exactly


def _figures_cte(node: WinsNode) -> str | None:
    cells = wins_sql(node, flag=True, order=False)
    figure = _figure_sql(node, cells)
    if figure is None:
        return None
    inexact = "inexact" if " AS inexact" in cells else "0 AS inexact"
    return (f"WITH cells AS (\n{cells}\n),\nfigures AS (\n"
            f'SELECT "within", "group", is_value, all_rows, {inexact}, {figure} AS figure FROM cells\n)')


_RANKED = """,
ranked AS (
SELECT *, max(figure) OVER (PARTITION BY "within") AS best FROM figures
),
by_group AS (
SELECT "within",
       count(*) FILTER (WHERE figure = best) AS at_best,
       max(CASE WHEN is_value = 1 AND figure = best THEN 1 ELSE 0 END) AS mine_first,
       sum(all_rows) AS all_rows,
       sum(CASE WHEN "group" IS NULL THEN all_rows ELSE 0 END) AS no_candidate,
       count(*) FILTER (WHERE inexact > 0) AS inexact_cells
FROM ranked
GROUP BY 1
)
SELECT count(*) FILTER (WHERE "within" IS NOT NULL AND mine_first = 1 AND at_best = 1) AS won,
       count(*) FILTER (WHERE "within" IS NOT NULL AND mine_first = 1 AND at_best > 1) AS tied,
       count("within") AS n_groups,
       sum(all_rows) AS kept,
       sum(CASE WHEN "within" IS NULL THEN all_rows ELSE no_candidate END) AS unknown,
       sum(inexact_cells) AS inexact_cells,
       min("within") AS least
FROM by_group"""


def ranked_sql(node: WinsNode) -> str | None:
    """Won, tied and the groups counted in SQL, exactly (None for a figure SQL cannot rank exactly):
    each cell's figure, the group's best (a window), how many cells hold it, whether one is the value's.
    Also the rows kept and left out as unknown, the cells whose DOUBLE sum SQL cannot hold exactly
    (then the ranking is done in Python), and the least group (its type says how the groups sort)."""
    figures = _figures_cte(node)
    return None if figures is None else figures + _RANKED


def _counts(ex: Executor, sql: str) -> dict[str, Any]:
    result = ex.run(sql)
    return {name: v if name == "least" else (v or 0) for name, v in zip(result.columns, result.rows[0], strict=True)}


SORTS_AS_KEYS = (int, float, Decimal, dt.date, bool)
"""Group values whose order in SQL is their keys' order (:func:`sort_key`): numbers, dates, times,
booleans. Texts are put in order here (a text '10' sorts after '9', as a number does)."""


def _ranked_in_sql(node: WinsNode, ex: Executor, ranked: str, counts: dict[str, Any]) -> Evaluated:
    """The counts of :func:`ranked_sql`, and the first SHOWN groups' cells, said as :func:`judge` says them."""
    ev = Evaluated(None, rows_kept=int(counts["kept"]), rows_unknown=int(counts["unknown"]), sql=[ranked])
    if not counts["n_groups"]:
        return _no_groups(node, ev)
    figures = _figures_cte(node)
    assert figures is not None
    places = (figures + ',\nplaced AS (\nSELECT "within", dense_rank() OVER (ORDER BY "within") AS place FROM '
              '(SELECT DISTINCT "within" FROM figures WHERE "within" IS NOT NULL) AS g\n)')
    if isinstance(counts["least"], SORTS_AS_KEYS):
        chosen = f"place <= {SHOWN}"
    else:  # texts: every group's place and name, put in order here; the first SHOWN places asked for
        sql = places + '\nSELECT place, "within" FROM placed'
        ev.sql.append(sql)
        order = sorted(ex.run(sql).rows, key=lambda r: sort_key(cell_key(r[1])))
        chosen = f"place IN ({', '.join(str(int(p)) for p, _ in order[:SHOWN])})"
    sql = (places + '\nSELECT f."within", f."group", f.figure, f.is_value FROM figures AS f JOIN placed AS p '
           f'ON f."within" = p."within"\nWHERE {chosen}\nORDER BY 1, 2')
    ev.sql.append(sql)
    cells: Cells = {}
    mine = cell_key(node.value)
    for g, c, x, is_value in ex.run(sql).rows:
        got = cells.setdefault(cell_key(g), {})
        if c is not None and is_value:
            mine = cell_key(c)
        if c is not None and x is not None:
            got[cell_key(c)] = x
    _, _, said = judge(cells, mine)
    return _judged(ev, int(counts["won"]), int(counts["tied"]), int(counts["n_groups"]), said)


def _joined(node: WinsNode) -> Scan:
    """The kept rows with every lookup the claim reads (the groups', the candidates', the figure's)."""
    return Scan(node.scan.table, {**node.scan.joins, **node.by.scan.joins})


def wins_sql(node: WinsNode, *, flag: bool = False, order: bool = True, counts_only: bool = False) -> str:
    """The figure of each candidate in each group, with the rows of each (group, candidate) pair,
    and the groups' rows whose candidate is unknown; the ``by`` measure's own filter narrows
    its aggregates only, so a group it leaves empty is still a group. ``counts_only``: the rows and
    values counted, no sum (one that passes the engine's 38 digits is added up in Python)."""
    scan = _joined(node)
    own = node.by.scan.where
    cols = [f"({node.scan.sql(node.within)}) AS {quote_ident('within')}", f"({node.by.group_sql}) AS \"group\""]
    for alias, fn, cond in aggregates(node.by):
        if counts_only and alias not in ("rows_kept", "n"):
            continue
        conds = [c for c in (own and f"({own})", cond) if c]
        cols.append(f"{fn} FILTER (WHERE {' AND '.join(conds)}) AS {alias}" if conds else f"{fn} AS {alias}")
    cols.append(f"count(*) AS {quote_ident('all_rows')}")
    if flag:  # 1 in the value's own cells
        cols.append(f"max(CASE WHEN {node.scan.sql(node.cond)} THEN 1 ELSE 0 END) AS is_value")
    where = node.scan.where
    return ("SELECT " + ",\n       ".join(cols) + "\n" + scan.from_sql() + (f"\nWHERE ({where})" if where else "")
            + "\nGROUP BY 1, 2" + ("\nORDER BY 1, 2" if order else ""))


Figure = Fraction | int | Decimal
"""A candidate's figure in a group: each compares exactly with the others (an int or a DECIMAL's
Decimal as the engine gave it, a Fraction as the measure computed it)."""
Cells = dict[str, dict[str, Figure]]
"""Each group's candidates with their figures (only those with one)."""


def _cells(node: WinsNode, ex: Executor, sqls: list[str]) -> tuple[int, int, Cells, str]:
    """The rows kept, those left out as unknown (no group, or no candidate), the cells, and the
    value's name among the candidates, from the last query of ``sqls`` (:func:`wins_sql`, with the
    value's cells flagged by the engine's own ``among == value``, as the ranking in SQL finds
    them); the query of the values summed exactly is added to them."""
    try:
        result = ex.run(sqls[-1])
        past_38 = False
    except Exception as exc:
        if not summed_past_38_digits(node.by, exc):
            raise
        sqls[-1] = wins_sql(node, flag=True, counts_only=True)  # the sums are added up exactly below
        result, past_38 = ex.run(sqls[-1]), True
    columns, rows = result.columns, result.rows  # tuples: a dict for each of a million cells cost ~0.5 GB
    at = {name: i for i, name in enumerate(columns)}
    kind = KINDS[node.by.kind]
    assert isinstance(kind, SimpleKind)
    inexact = at.get("inexact")
    if past_38 or (node.by.kind in ("sum", "mean") and number_class(node.by.expr_type) != "cast"
                   and inexact is not None and any(r[inexact] for r in rows)):
        # a DOUBLE past DECIMAL(38,10), or a sum past 38 digits: each cell's sum taken exactly
        exact = _exact_rows(node, ex, [dict(zip(columns, r, strict=True)) for r in rows], sqls, past_38)
        columns = list(exact[0]) if exact else columns
        at = {name: i for i, name in enumerate(columns)}
        rows = [tuple(d[c] for c in columns) for d in exact]
    within, group, everything, kept_by, flag = at["within"], at["group"], at["all_rows"], at["rows_kept"], at["is_value"]
    kept = sum(int(r[everything]) for r in rows)
    unknown = sum(int(r[everything]) for r in rows if r[within] is None or r[group] is None)
    keys: dict[Any, str] = {}  # a value's name, made once per distinct value (a group has many rows)
    figure = _plain_figure(node.by.kind, at)
    cells: Cells = {}
    mine = cell_key(node.value)
    for r in rows:
        g = r[within]
        if g is None:
            continue
        got = cells.setdefault(keys[g] if g in keys else keys.setdefault(g, cell_key(g)), {})
        c = r[group]
        if c is not None and r[flag]:
            mine = keys[c] if c in keys else keys.setdefault(c, cell_key(c))
        if c is None or not int(r[kept_by] or 0):
            continue  # no candidate, or none of its rows pass the figure's own filter: not ranked
        x = figure(r)
        if x is None:  # the measure's own reading; a figure that is no number (inf) is refused as it refuses it
            ev = kind.value(node.by, dict(zip(columns, r, strict=True)))
            if not isinstance(ev.value, Fraction) or ev.unavailable is not None:
                continue
            x = ev.value
        got[keys[c] if c in keys else keys.setdefault(c, cell_key(c))] = x
    return kept, unknown, cells, mine


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


def _exact_rows(node: WinsNode, ex: Executor, rows: list[dict[str, Any]], sqls: list[str],
                past_38: bool) -> list[dict[str, Any]]:
    """The rows of :func:`wins_sql` with each cell's total summed exactly from the values' text: by
    DuckDB, by power of ten (:func:`power_sums_sql`), for DOUBLEs past DECIMAL(38,10); else (a sum past
    38 digits, or Spark, whose text of a DOUBLE is not always the shortest) value by value in Python."""
    scan = _joined(node)
    base = exact_sum_sql(node.by)  # SELECT group, CAST(value AS VARCHAR) FROM … WHERE own
    select = base.split("\n", 1)[0]
    own = node.by.scan.where
    conds = [c for c in (node.scan.where and f"({node.scan.where})", own and f"({own})") if c]
    sql = (f"SELECT ({node.scan.sql(node.within)}), {select[len('SELECT '):]}\n{scan.from_sql()}"
           + (f"\nWHERE {' AND '.join(conds)}" if conds else ""))
    if past_38:
        sqls.append(sql)
        summed = exact_sums(node.by, (((r[0], r[1]), r[2]) for r in ex.stream(sql)))
    else:  # the report shows the DuckDB query on every engine; Spark's own text of a DOUBLE is summed here
        by_power = power_sums_sql(f'SELECT * FROM (\n{sql}\n) AS cells("within", "group", t)',
                                  ['"within"', '"group"'])
        sqls.append(by_power)
        summed = (sums_by_power(ex.run(by_power).rows, 2) if ex.backend.dialect == "duckdb"
                  else exact_sums(node.by, (((r[0], r[1]), r[2]) for r in ex.stream(sql))))
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
