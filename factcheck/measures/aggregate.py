"""The aggregates of one column over the kept rows: value, count_distinct, sum, mean, median,
min, max (``sum: COLUMN, of: TABLE``). One concept with one parameter, the function."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..expressions import INTEGER_TYPES, Name, base_type
from ..outcome import Reason
from ._kind import register
from ._model import Filtered
from ._simple import DEC, Aggregate, Simple, SimpleKind
from ._values import Evaluated, MeasureError, NotFinite, frac

if TYPE_CHECKING:
    from ..planning.compiler import Compiler
    from ..planning.nodes import PathKey


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


class ColumnAggregate(SimpleKind):
    """An aggregate of a column: the kind's own aggregate plus ``n``, the values present.

    ``function`` is applied to ``{x}``, the column as it is (integers, DECIMALs, DOUBLEs: the
    engine is exact on them), or cast to DECIMAL(38,10) when it holds text (``cast``).
    """

    function = ""
    reads_numbers = True

    def aggregates(self, x: str, numbers: str) -> list[Aggregate]:
        plain = f"CAST({x} AS {DEC})" if numbers == "cast" else x
        return [(self.name if self.name not in ("count_distinct",) else "distinct_values",
                 self.function.format(x=plain), None), ("n", f"count({x})", None)]

    def value(self, node: Simple, row: dict[str, Any] | None) -> Evaluated:
        kept = int(row["rows_kept"]) if row else 0
        n_values = int(row["n"]) if row else 0
        ev = Evaluated(None, rows_kept=kept, rows_unknown=kept - n_values, base=n_values)
        if kept == 0 or n_values == 0:
            ev.unavailable = Reason.NO_ROWS
            ev.why = "no rows pass the filter" if kept == 0 else f"every kept row has no value for {node.expr_text}"
            return ev
        assert row is not None
        try:
            self.fill(ev, node, row, kept, n_values)
        except NotFinite as exc:
            raise MeasureError(f"{node.expr_text} holds a value that is not a finite number ({exc}), so its "
                               f"{node.kind} is no figure", "the data has inf or nan there: leave those rows "
                               "out with where:, or fix the data") from None
        return ev

    def fill(self, ev: Evaluated, node: Simple, row: dict[str, Any], kept: int, n_values: int) -> None:
        ev.value = frac(row[self.name])


def _total(x: str, numbers: str) -> list[Aggregate]:
    """A sum that is exact for the column's type. Integers and DECIMALs are summed as they are.
    A DOUBLE's sum goes through the text of each value (its shortest decimal) into
    DECIMAL(38,10); ``inexact`` counts the values that do not fit there, and when there are
    any the sum is taken in Python instead (see ``_simple.exact_sums``)."""
    if numbers == "exact":
        return [("total", f"sum({x})", None)]
    if numbers == "double":
        as_text = f"TRY_CAST(CAST({x} AS VARCHAR) AS {DEC})"
        return [("total", f"sum({as_text})", None),
                ("inexact", f"count({x})", f"({as_text} IS NULL OR regexp_matches(CAST({x} AS VARCHAR), '{_NOT_DEC}'))")]
    return [("total", f"sum(CAST({x} AS {DEC}))", None)]


# a DOUBLE whose shortest decimal has an exponent below zero or more than 10 decimals does not fit DEC
_NOT_DEC = r"e-|\.[0-9]{11}"


@register
class ValueKind(ColumnAggregate):
    name = "value"
    model = Value
    function = "min({x})"
    examples = ("{{value: {column}, of: {table}{w}}}",)

    def fill(self, ev: Evaluated, node: Simple, row: dict[str, Any], kept: int, n_values: int) -> None:
        if kept > 1:
            ev.why = f"{kept} rows are kept, a value claim needs exactly one: narrow the 'where'"
            ev.problem = ev.why
            return
        ev.value = frac(row["value"])


@register
class CountDistinctKind(ColumnAggregate):
    name = "count_distinct"
    model = CountDistinct
    reads_numbers = False  # distinct dates and texts count as well as numbers
    examples = ("{{count_distinct: {column}, of: {table}{w}}}",)

    def aggregates(self, x: str, numbers: str) -> list[Aggregate]:
        return [("distinct_values", f"count(DISTINCT {x})", None), ("n", f"count({x})", None)]

    def fill(self, ev: Evaluated, node: Simple, row: dict[str, Any], kept: int, n_values: int) -> None:
        ev.value = Fraction(int(row["distinct_values"]))


@register
class SumKind(ColumnAggregate):
    name = "sum"
    model = Sum
    examples = ("{{sum: {column}, of: {table}{w}}}",)

    def aggregates(self, x: str, numbers: str) -> list[Aggregate]:
        return [*_total(x, numbers), ("n", f"count({x})", None)]

    def compile(self, c: Compiler, m: Any, path: PathKey, over: str | None) -> Simple | None:
        node = super().compile(c, m, path, over)
        if node is not None and node.expr is not None:
            node.counts = c.cat.counts_of(node.scan.table, node.expr)
        return node

    def value(self, node: Simple, row: dict[str, Any] | None) -> Evaluated:
        """A sum over no rows is zero, as a count is ("raised $0 after she dropped out"); over rows
        that all lack a value it is still unknown. A group or period with no row at all (``row`` is
        None: a series, a ranking; or a period of `every`) has no value: a missing period is no zero.

        A sum of a column declared ``counts:`` rests on what it adds up (4,099 inmates), not on its
        rows (four prisons): that is its base for ``small_base``."""
        if row is not None and not int(row["rows_kept"] or 0) and not node.period_of_a_series:
            return Evaluated(Fraction(0), rows_kept=0, rows_unknown=0, base=0, base_of=node.counts or "")
        ev = super().value(node, row)
        total = ev.value
        if isinstance(total, Fraction) and total.denominator == 1 and total >= 0:
            if node.counts is not None:
                ev.base, ev.base_of = int(total), node.counts
            elif isinstance(node.expr, Name) and base_type(node.expr_type) in INTEGER_TYPES:
                ev.base_column = node.expr_text or ""
        return ev

    def fill(self, ev: Evaluated, node: Simple, row: dict[str, Any], kept: int, n_values: int) -> None:
        ev.value = frac(row["total"])


@register
class MeanKind(ColumnAggregate):
    name = "mean"
    model = Mean
    examples = ("{{mean: {column}, of: {table}{w}}}",)

    def aggregates(self, x: str, numbers: str) -> list[Aggregate]:
        return [*_total(x, numbers), ("n", f"count({x})", None), ("mean", f"avg({x})", None)]

    def fill(self, ev: Evaluated, node: Simple, row: dict[str, Any], kept: int, n_values: int) -> None:
        total = frac(row["total"])
        assert total is not None
        ev.value = total / n_values
        ev.numerator, ev.denominator = total, Fraction(n_values)
        ev.parts_money = (None, "")  # the values counted: "$6" is no count of payments


@register
class MedianKind(ColumnAggregate):
    """The median: for numbers, the mean of the two middle values, each taken as it is."""

    name = "median"
    model = Median
    examples = ("{{median: {column}, of: {table}{w}}}",)

    def aggregates(self, x: str, numbers: str) -> list[Aggregate]:
        if numbers == "cast":
            return [("median", f"median(CAST({x} AS {DEC}))", None), ("n", f"count({x})", None)]
        return [("median_low", f"quantile_disc({x}, 0.5)", None),
                ("median_high", f"percentile_disc(0.5) WITHIN GROUP (ORDER BY {x} DESC)", None),
                ("n", f"count({x})", None)]

    def fill(self, ev: Evaluated, node: Simple, row: dict[str, Any], kept: int, n_values: int) -> None:
        if "median_low" not in row:
            ev.value = frac(row["median"])
            return
        low, high = frac(row["median_low"]), frac(row["median_high"])
        assert low is not None and high is not None
        ev.value = (low + high) / 2


@register
class MinKind(ColumnAggregate):
    name = "min"
    model = Min
    function = "min({x})"
    examples = ("{{min: {column}, of: {table}{w}}}",)


@register
class MaxKind(ColumnAggregate):
    name = "max"
    model = Max
    function = "max({x})"
    examples = ("{{max: {column}, of: {table}{w}}}",)
