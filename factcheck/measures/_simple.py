"""What count, share and the aggregates have in common: one scan, a few aggregates, one row.

A simple measure reads the kept rows of one table (a :class:`~factcheck.planning.nodes.Scan`)
and computes a handful of aggregates, each kind naming its own (:meth:`SimpleKind.aggregates`)
and reading its value from the result row (:meth:`SimpleKind.value`). Grouped by ``over`` it
gives one row per period. Ungrouped ones on the same table are fused into one scan by the
executor (:func:`fused_sql`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..expectations.durations import PLURAL, unit_in_name, unit_of
from ..expressions import INTEGER_TYPES, Name, base_type
from ..planning.nodes import Part, PlanNode, Scan
from ._kind import KINDS, MeasureKind, shape_of
from ._values import Evaluated, Groups, MeasureError, key

if TYPE_CHECKING:
    from ..claims import Claim
    from ..expectations.shape import MeasureShape
    from ..expressions import Expr
    from ..planning.compiler import Compiler
    from ..planning.execute import Executor
    from ..planning.nodes import PathKey

DEC = "DECIMAL(38,10)"
Aggregate = tuple[str, str, "str | None"]  # (alias, function, extra condition or None)
NUMERIC_KINDS = ("sum", "mean", "median", "min", "max", "value")


_YEARS = re.compile(r"(?i)^\s*(?:year\s*\(|\w*(?:^|_)(?:year|yr|fy)\s*$)")
"""The column or expression of a min, max or median whose values are years (``year(filed)``,
``fiscal_year``): its value is written 2022, not 2,022."""


@dataclass
class Simple(PlanNode):
    """count, value, count_distinct, sum, mean, median, min, max, share."""

    scan: Scan
    expr: Expr | None = None         # the column / condition
    expr_text: str | None = None
    unit: str = "fraction"
    group: Expr | None = None        # the `over` column, when grouped
    group_time: bool = False
    group_categories: bool = False  # the `over` column is declared text: categories, not periods
    group_text: str = ""  # the `over` column as the claims file writes it
    expr_type: str | None = None     # the engine's type of `expr`, learnt once the tables are read
    param: Any = None                # a kind's own setting (a percentile's p and method)
    time_unit: str | None = None     # the time unit of the column's values ('minute'), when known
    time_from: str = ""              # where it was read: 'unit: minutes', 'the unit of wait_minutes'
    period_of_a_series: bool = False  # the figure of one period of a series (`every`'s): no rows is no value
    counts: str | None = None        # what a sum's column (a share's weight) counts, when declared counts:
    weight: Expr | None = None       # a share's `sum:`: the column each row weighs by (a share of inmates)
    weight_text: str | None = None

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
    reads_numbers = False  # does the kind read its column as numbers (sum, min …; not count_distinct)?

    def aggregates(self, x: str, numbers: str) -> list[Aggregate]:
        """The aggregates this kind needs besides ``rows_kept``, over the SQL ``x`` whose values
        are of the :func:`number_class` ``numbers``."""
        raise NotImplementedError

    def aggregates_of(self, node: Simple, x: str) -> list[Aggregate]:
        """The aggregates of this node (a kind with a setting of its own reads it from ``node.param``)."""
        return self.aggregates(x, number_class(node.expr_type))

    def value(self, node: Simple, row: dict[str, Any] | None) -> Evaluated:
        """Interpret one result row (``None``: a group with no rows)."""
        raise NotImplementedError

    # ------------------------------------------------------------------ compile
    def compile(self, c: Compiler, m: Any, path: PathKey, over: str | None) -> Simple | None:
        table = c.table(getattr(m, self.table_field), path + (self.table_field,))
        scan = c.scan(table, m.where, path)
        if scan is None:
            return None
        percent = m.unit if m.unit in ("fraction", "percent") else None
        node = Simple(self.name, scan, unit=percent or "fraction", param=self.param(m))
        if self.table_field != self.name:
            got = c.expr(getattr(m, self.name), scan, path + (self.name,), self.what,
                         numbers=self.name if self.reads_numbers else None)
            if got is None:
                return None
            node.expr, node.expr_text = got, str(getattr(m, self.name))
        if m.unit is not None and percent is None:
            if not self.reads_numbers:
                c.fail(path + ("unit",), f"unit: {m.unit} says what a column's values are in, but {self.name} "
                       "counts rows, it reads no column's values", hint="remove unit:")
                return None
            node.time_unit, node.time_from = unit_of(m.unit), f"unit: {m.unit}"
            named = unit_in_name(node.expr.column) if isinstance(node.expr, Name) else None
            if named is not None and named != node.time_unit:  # `unit: hours` over wait_minutes: which is it?
                c.fail(path + ("unit",), f"unit: {m.unit} says the values are in {m.unit}, but the column "
                       f"{node.expr_text} says they are in {PLURAL[named]}",
                       hint=f"remove unit: (the column's name gives {PLURAL[named]}), or rename the column if its "
                            "name is wrong")
                return None
        elif self.reads_numbers and isinstance(node.expr, Name):
            node.time_unit = unit_in_name(node.expr.column)
            node.time_from = f"the unit of {node.expr_text}" if node.time_unit else ""
        if over is not None:
            group = c.expr(over, scan, path[:-1] + ("over",), "over")
            if group is None:
                return None
            node.group, node.group_text = group, str(over)
            node.group_time = c.time_axis(scan.table, group)
            node.group_categories = c.cat.declared_text(scan.table, group)
        return node

    def param(self, m: Any) -> Any:
        """The kind's own setting read from the claims file's measure (None for most kinds)."""
        return None

    # ------------------------------------------------------------------ evaluate
    def evaluate(self, node: Simple, ex: Executor) -> Evaluated:
        sql, rows = _rows(node, ex)
        ev = self.value(node, rows[0] if rows else None)
        ev.sql.append(sql)
        return ev

    def grouped(self, node: Simple, ex: Executor) -> Groups:
        sql, rows = _rows(node, ex)
        out: dict[str, Evaluated] = {}
        written: dict[str, Any] = {}
        for row in rows:
            if row["group"] is None:
                continue
            ev = self.value(node, row)
            ev.sql.append(sql)
            k = key(row["group"])
            if k in written:
                raise _one_time_two_ways(node, written[k], row["group"])
            written[k] = row["group"]
            out[k] = ev
        return Groups(out, [sql], categories=node.group_categories)

    def absent(self, node: Simple, ex: Executor, at: Any) -> Evaluated:
        return self.value(node, None)

    # ------------------------------------------------------------------ reading
    def shape(self, node: Simple, claim: Claim) -> MeasureShape:
        years = self.name in ("min", "max", "median") and _YEARS.search(node.expr_text or "") is not None
        return shape_of("number", node.unit, time_unit=node.time_unit, time_from=node.time_from,
                        of_values=(node.expr_text or "") if self.reads_numbers else "", years=years)

    def unit(self, node: Simple) -> str:
        return node.unit

    def share_like(self, node: Simple) -> bool:
        return node.unit == "percent"

    def parts(self, node: Simple, label: str | None) -> list[Part]:
        return [Part(node.scan, None, label, node.group_sql)]


def _one_time_two_ways(node: Simple, first: Any, second: Any) -> MeasureError:
    """Two groups of a text column that name one time (``2021-03-01 10:00`` and ``2021-03-01T10:00``):
    a period is matched by its time however it is written, so each would stand for the other and one
    group's figure would silently replace the other's."""
    over = node.group_text or "the period column"  # a node made without a claims file has no text
    return MeasureError(
        f"over: {over} writes one time two ways, {first!r} and {second!r}: they are two groups in the "
        f"data, and a period named either way would read only one of them",
        f"declare {over} a timestamp under the table's columns: ({over}: timestamp), so both read as one "
        f"time; or write the file's times one way")


def number_class(sql_type: str | None) -> str:
    """How a column's values are aggregated exactly: ``exact`` (integers, DECIMAL) as they are;
    ``double`` (DOUBLE, FLOAT) by their shortest decimals; ``cast`` (text, booleans, unknown)
    through ``CAST(… AS DECIMAL(38,10))``, which reads numbers written as text.

    >>> [number_class(t) for t in ("BIGINT", "DECIMAL(18,3)", "DOUBLE", "VARCHAR", None)]
    ['exact', 'exact', 'double', 'cast', 'cast']
    """
    t = base_type(sql_type)
    if t in INTEGER_TYPES or t in ("DECIMAL", "NUMERIC"):
        return "exact"
    if t in ("DOUBLE", "FLOAT", "REAL", "FLOAT4", "FLOAT8"):
        return "double"
    return "cast"


def aggregates(node: Simple) -> list[Aggregate]:
    """Every aggregate a simple measure needs, ``rows_kept`` first."""
    kind = KINDS[node.kind]
    assert isinstance(kind, SimpleKind)
    x = f"({node.expr_sql})" if node.expr is not None else ""
    return [("rows_kept", "count(*)", None), *kind.aggregates_of(node, x)]


def needs_exact_sum(row: dict[str, Any]) -> bool:
    """Does a result row hold a DOUBLE sum that DECIMAL(38,10) could not take exactly?"""
    return bool(row.get("inexact"))


def _rows(node: Simple, ex: Executor) -> tuple[str, list[dict[str, Any]]]:
    """The node's query and its result rows; a sum the engine cannot hold exactly (a DOUBLE
    beyond DECIMAL(38,10), or past its 38 digits) is added up exactly in Python instead."""
    ex.learn_types([node])
    sql = simple_sql(node)
    exact_possible = node.kind in ("sum", "mean") and number_class(node.expr_type) != "cast"
    if exact_possible and id(node) in ex.past_decimal:  # the table's shared scan found such DOUBLEs
        return _exact(node, ex)
    try:
        result = ex.run(sql)
    except Exception as exc:
        if not summed_past_38_digits(node, exc):
            raise
        sql = exact_sum_sql(node)  # a sum past the engine's 38 digits
        return sql, exact_sums(node, ex.stream(sql))
    rows = [dict(zip(result.columns, r, strict=True)) for r in result.rows]
    if exact_possible and any(needs_exact_sum(r) for r in rows):
        return _exact(node, ex)
    return sql, rows


def _exact(node: Simple, ex: Executor) -> tuple[str, list[dict[str, Any]]]:
    """A sum of DOUBLEs past DECIMAL(38,10), taken exactly: by DuckDB, which writes a DOUBLE's
    shortest decimal, split by power of ten in the engine; on Spark, whose text of a DOUBLE is not
    always the shortest, value by value in Python (which writes them)."""
    shown = simple_power_sums_sql(node)  # the same text for a sum and a mean of one column: run once
    if ex.backend.dialect == "duckdb":
        return shown, sums_by_power(ex.run(shown).rows, 1 if node.group is not None else 0)
    # the report shows the same DuckDB SQL on every engine (pasted into DuckDB, it gives these sums);
    # what Spark ran instead is among the queries explain shows in its own SQL
    return shown, exact_sums(node, ex.stream(exact_sum_sql(node)))


def summed_past_38_digits(node: Simple, exc: Exception) -> bool:
    """Did a query fail because a sum (or a mean's) of ``node``'s whole numbers or decimals passed the
    engine's 38 digits? Then :func:`exact_sum_sql` adds the values up exactly instead (Spark's error
    is said with ``Overflow:`` first, as DuckDB's)."""
    return (node.kind in ("sum", "mean") and number_class(node.expr_type) != "cast"
            and "Overflow" in str(exc))


def exact_sum_sql(node: Simple) -> str:
    """The kept rows' values as text, for a sum that DECIMAL(38,10) cannot hold exactly:
    DOUBLEs beyond 10**28 or with more than 10 decimals, or a sum past the engine's 38 digits."""
    group = node.group_sql
    cols = [f'{group} AS "group"'] if group else []
    cols.append(f"CAST(({node.expr_sql}) AS VARCHAR) AS value")
    return "SELECT " + ", ".join(cols) + "\n" + node.scan.from_sql() + node.scan.where_sql()


_DECIMAL_TEXT = r"-?[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?"
"""A finite number as DuckDB writes a DOUBLE (``-51193.142857142855``, ``1e-07``, ``1.5e+20``)."""


def power_sums_sql(values: str, keys: Sequence[str] = ()) -> str:
    """DOUBLEs added up exactly in the engine, a row for each power of ten (and key).

    ``values`` selects the ``keys`` columns (``"group"``, quoted) and ``t``, each value's shortest
    decimal (``CAST(… AS VARCHAR)``, as :func:`exact_sum_sql`). Each ``t`` is split into its digits,
    read as one whole number, and the power of ten they are scaled by: ``51193.142857142855`` is
    51193142857142855 at -12, ``1.5e+20`` 15 at 19. The whole numbers are summed by power as 128-bit
    integers, exactly; :func:`sums_by_power` adds the few sums up. A value whose text is no such
    number (``inf``, ``nan``) is given back in ``bad``. The same figures as :func:`exact_sums`,
    without bringing every value into Python (a million values took ~10 s there)."""
    split = ("SELECT *, regexp_full_match(t, '" + _DECIMAL_TEXT + "') AS ok,\n"
             "         CASE WHEN strpos(t, 'e') > 0 THEN split_part(t, 'e', 1) ELSE t END AS base,\n"
             "         CASE WHEN strpos(t, 'e') > 0 THEN CAST(split_part(t, 'e', 2) AS INTEGER) ELSE 0 END AS e10\n"
             "  FROM v")
    return (f"WITH v AS (\n  {values}\n),\nparts AS (\n  {split}\n)\n"
            f"SELECT {''.join(k + ', ' for k in keys)}CASE WHEN ok THEN e10 - CASE WHEN strpos(base, '.') > 0 "
            "THEN length(base) - strpos(base, '.') ELSE 0 END END AS power,\n"
            "       count(*) AS rows_kept, count(t) AS n,\n"
            "       sum(CASE WHEN ok THEN CAST(replace(base, '.', '') AS HUGEINT) END) AS digits,\n"
            "       min(t) FILTER (WHERE NOT ok) AS bad\n"
            "FROM parts\nGROUP BY ALL\nORDER BY ALL")


def simple_power_sums_sql(node: Simple) -> str:
    """:func:`power_sums_sql` of a simple measure's kept values (by its group, if it has one)."""
    group = node.group_sql
    grouped = f'{group} AS "group", ' if group else ""
    values = (f"SELECT {grouped}CAST(({node.expr_sql}) AS VARCHAR) AS t\n"
              f"  {node.scan.from_sql()}{node.scan.where_sql()}")
    return power_sums_sql(values, ['"group"'] if group else [])


def sums_by_power(rows: Iterable[tuple[Any, ...]], keys: int = 0) -> list[dict[str, Any]]:
    """The rows of :func:`power_sums_sql` over ``keys`` key columns as rows of :func:`exact_sums`: one
    a key (a tuple of several), ``total`` a Fraction (or the first value that is not a finite
    number, as a Decimal)."""
    groups: dict[Any, dict[str, Any]] = {}
    for row in rows:
        key = None if not keys else row[0] if keys == 1 else tuple(row[:keys])
        power, kept, n, digits, bad = row[keys:]
        acc = groups.setdefault(key, {"group": key, "rows_kept": 0, "n": 0, "total": Fraction(0), "bad": None})
        acc["rows_kept"] += kept
        acc["n"] += n
        if bad is not None and acc["bad"] is None:
            try:
                acc["bad"] = Decimal(bad)
            except ArithmeticError:
                acc["bad"] = Decimal("NaN")
        if power is not None and digits is not None:
            acc["total"] += Fraction(int(digits)) * Fraction(10) ** power
    out = []
    for acc in groups.values():
        bad = acc.pop("bad")
        if bad is not None:
            acc["total"] = bad
        out.append(acc)
    return out


def exact_sums(node: Simple, rows: Iterable[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """Sum the values of :func:`exact_sum_sql` exactly, by group: one result row per group,
    shaped like a row of :func:`simple_sql` (``total`` is a Fraction).

    Each value is a decimal text (a DOUBLE's shortest decimal, an integer, a DECIMAL);
    digits are added up per power of ten, so no value is ever rounded, however large or
    small. A value that is not a finite number makes the total NaN.
    """
    groups: dict[Any, dict[str, Any]] = {}
    for row in rows:  # one row at a time: the values are never all held at once
        group, text = (row[0], row[1]) if node.group is not None else (None, row[0])
        acc = groups.setdefault(group, {"group": group, "rows_kept": 0, "n": 0, "digits": {}, "bad": None})
        acc["rows_kept"] += 1
        if text is None:
            continue
        acc["n"] += 1
        try:
            value = Decimal(text)
        except ArithmeticError:
            value = Decimal("NaN")
        if not value.is_finite():
            acc["bad"] = acc["bad"] or value
            continue
        sign, digits, exponent = value.as_tuple()
        assert isinstance(exponent, int)  # finite
        mantissa = int("".join(map(str, digits)) or "0")
        acc["digits"][exponent] = acc["digits"].get(exponent, 0) + (-mantissa if sign else mantissa)
    out = []
    for acc in groups.values():
        exps = acc.pop("digits")
        bad = acc.pop("bad")
        acc["total"] = bad if bad is not None else sum(
            (Fraction(m) * Fraction(10) ** e for e, m in exps.items()), Fraction(0))
        out.append(acc)
    return out


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
