"""The aggregates of one column over the kept rows: value, count_distinct, sum, mean, median,
min, max (``sum: COLUMN, of: TABLE``). One concept with one parameter, the function."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..outcome import Reason
from ._kind import register
from ._model import Filtered
from ._simple import DEC, Aggregate, Simple, SimpleKind
from ._values import Evaluated, frac


class Value(Filtered):
    """``value: COLUMN, of: TABLE`` — the value of the single row kept."""
    value: str
    of: str


class CountDistinct(Filtered):
    """``count_distinct: COLUMN, of: TABLE`` — distinct non-null values."""
    count_distinct: str
    of: str


class Sum(Filtered):
    sum: str
    of: str


class Mean(Filtered):
    mean: str
    of: str


class Median(Filtered):
    median: str
    of: str


class Min(Filtered):
    min: str
    of: str


class Max(Filtered):
    max: str
    of: str


class _ColumnAggregate(SimpleKind):
    """An aggregate of a column: the kind's own aggregate plus ``n``, the values present."""

    function = ""

    def aggregates(self, x: str) -> list[Aggregate]:
        return [(self.name if self.name not in ("count_distinct",) else "distinct_values",
                 self.function.format(x=x, dec=DEC), None), ("n", f"count({x})", None)]

    def value(self, node: Simple, row: dict[str, Any] | None) -> Evaluated:
        kept = int(row["rows_kept"]) if row else 0
        n_values = int(row["n"]) if row else 0
        ev = Evaluated(None, rows_kept=kept, rows_unknown=kept - n_values, base=n_values)
        if kept == 0 or n_values == 0:
            ev.unavailable = Reason.NO_ROWS
            ev.why = "no rows pass the filter" if kept == 0 else f"every kept row has no value for {node.expr_text}"
            return ev
        assert row is not None
        self.fill(ev, node, row, kept, n_values)
        return ev

    def fill(self, ev: Evaluated, node: Simple, row: dict[str, Any], kept: int, n_values: int) -> None:
        ev.value = frac(row[self.name])


@register
class ValueKind(_ColumnAggregate):
    name = "value"
    model = Value
    function = "min(CAST({x} AS {dec}))"
    examples = ("{{value: {column}, of: {table}{w}}}",)

    def fill(self, ev: Evaluated, node: Simple, row: dict[str, Any], kept: int, n_values: int) -> None:
        if kept > 1:
            ev.why = f"{kept} rows are kept, a value claim needs exactly one: narrow the 'where'"
            ev.problem = ev.why
            return
        ev.value = frac(row["value"])


@register
class CountDistinctKind(_ColumnAggregate):
    name = "count_distinct"
    model = CountDistinct
    function = "count(DISTINCT {x})"
    examples = ("{{count_distinct: {column}, of: {table}{w}}}",)

    def fill(self, ev: Evaluated, node: Simple, row: dict[str, Any], kept: int, n_values: int) -> None:
        ev.value = Fraction(int(row["distinct_values"]))


@register
class SumKind(_ColumnAggregate):
    name = "sum"
    model = Sum
    examples = ("{{sum: {column}, of: {table}{w}}}",)

    def aggregates(self, x: str) -> list[Aggregate]:
        return [("total", f"sum(CAST({x} AS {DEC}))", None), ("n", f"count({x})", None)]

    def fill(self, ev: Evaluated, node: Simple, row: dict[str, Any], kept: int, n_values: int) -> None:
        ev.value = frac(row["total"])


@register
class MeanKind(_ColumnAggregate):
    name = "mean"
    model = Mean
    examples = ("{{mean: {column}, of: {table}{w}}}",)

    def aggregates(self, x: str) -> list[Aggregate]:
        return [("total", f"sum(CAST({x} AS {DEC}))", None), ("n", f"count({x})", None),
                ("mean", f"avg({x})", None)]

    def fill(self, ev: Evaluated, node: Simple, row: dict[str, Any], kept: int, n_values: int) -> None:
        total = frac(row["total"])
        assert total is not None
        ev.value = total / n_values
        ev.numerator, ev.denominator = total, Fraction(n_values)


@register
class MedianKind(_ColumnAggregate):
    name = "median"
    model = Median
    function = "median(CAST({x} AS {dec}))"
    examples = ("{{median: {column}, of: {table}{w}}}",)


@register
class MinKind(_ColumnAggregate):
    name = "min"
    model = Min
    function = "min(CAST({x} AS {dec}))"
    examples = ("{{min: {column}, of: {table}{w}}}",)


@register
class MaxKind(_ColumnAggregate):
    name = "max"
    model = Max
    function = "max(CAST({x} AS {dec}))"
    examples = ("{{max: {column}, of: {table}{w}}}",)
