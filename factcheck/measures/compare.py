"""``compare: MEASURE, by: COLUMN, a: X, b: Y, as: …`` — a gap between two groups (or two measures).

"Japanese cars got 10 more miles per gallon than American ones" is the mean of ``mpg`` for
the rows with ``origin == 'Japan'`` against the rows with ``origin == 'USA'``; the groups
are slices of the same table, not periods. ``compare: MEASURE, with: MEASURE`` compares two
measures instead ("women's share was 12 points higher than men's").
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, model_validator

from ..expectations.numbers import as_float  # a figure past 1.8e308 stays finite in reports
from ..outcome import Reason
from ..planning.nodes import Part, PlanNode, Scan
from ._details import Details
from ._groups import expr_literal, group_column, missing_value, narrowable, narrowed, table_of
from ._kind import KINDS, MeasureKind, change_shape, register
from ._model import MeasureModel, Scalar
from ._values import Evaluated, PartsAt, key, least_base, number
from .ratio import RatioNode, parts_by_group, read_as_share

if TYPE_CHECKING:
    from ..claims import Claim
    from ..expectations.shape import MeasureShape
    from ..expressions import Expr
    from ..planning.compiler import Compiler
    from ..planning.execute import Executor
    from ..planning.nodes import PathKey
    from . import Measure


class Compare(MeasureModel):
    """``compare: MEASURE, by: COLUMN, a: X, b: Y`` or ``compare: MEASURE, with: MEASURE``; ``as``."""
    compare: Measure
    by: str | None = None
    a: Scalar | None = None
    b: Scalar | None = None
    with_: Measure | None = Field(None, alias="with")
    as_: Literal["percent", "points", "absolute", "ratio"] = Field("absolute", alias="as")

    @model_validator(mode="after")
    def _groups_or_with(self) -> Compare:
        groups = (self.by, self.a, self.b)
        if self.with_ is not None:
            if any(g is not None for g in groups):
                raise ValueError("compare two groups (by, a, b) or two measures (with), not both")
        elif any(g is None for g in groups):
            raise ValueError("compare needs by (the column of the groups), a and b (the two groups), "
                             "or with (a second measure)")
        return self


class CompareDetails(Details):
    """The two figures compared: a's and b's."""

    kind: Literal["compare"] = "compare"
    a: str = Field(description="the first group (or 'measure')")
    a_value: float | None
    b: str = Field(description="the second group (or 'with')")
    b_value: float | None


@dataclass
class CompareNode(PlanNode):
    a_node: PlanNode
    b_node: PlanNode
    a: Any
    b: Any
    as_: str
    groups: tuple[Scan, Expr, str] | None = None  # the column of the groups, to check a and b occur
    whole: PlanNode | None = None  # the measure over every group (not evaluated: its rows grouped by the column,
    # for what is said of the rows of each group in one query)

    def children(self) -> list[PlanNode]:
        return [self.a_node, self.b_node]


@register
class CompareKind(MeasureKind):
    name = "compare"
    model = Compare
    details = CompareDetails
    examples = ("{{compare: {{count: {table}{w}}}, by: {column}, a: 2019, b: 2020, as: ratio}}",
                "{{compare: {{count: {table}{w}}}, with: {{count: {table}}}, as: percent}}")

    def compile(self, c: Compiler, m: Compare, path: PathKey, over: str | None) -> CompareNode | None:
        reports = len(c.plan.reports)
        first = c.measure(m.compare, path + ("compare",))
        if first is None:
            return None
        if not KINDS[first.kind].groupable:
            c.fail(path + ("compare",), f"a '{first.kind}' measure cannot be compared",
                   "compare a count, share, aggregate or ratio")
            return None
        if m.as_ == "points" and not KINDS[first.kind].share_like(first):
            c.fail(path + ("as",), "'as: points' compares two shares (percentage points)",
                   "compare a share, or use as: percent / absolute / ratio")
            return None
        if m.with_ is not None:
            second = c.measure(m.with_, path + ("with",))
            if second is not None and not KINDS[second.kind].groupable:
                c.fail(path + ("with",), f"a '{second.kind}' measure cannot be compared",
                       "compare a count, share, aggregate or ratio")
                return None
            return CompareNode(self.name, first, second, "measure", "with", m.as_) if second else None
        assert m.by is not None and narrowable(m.compare)
        del c.plan.reports[reports:]  # the groups' own measures, narrowed below, say which reports count
        table = table_of(first)
        groups = group_column(c, table, m.by, path + ("by",), "by") if table else None
        if groups is None:
            return None
        nodes = [c.measure(narrowed(m.compare, f"({m.by}) == {expr_literal(v)}"), path + ("compare",))
                 for v in (m.a, m.b)]
        if nodes[0] is None or nodes[1] is None:
            return None
        return CompareNode(self.name, nodes[0], nodes[1], m.a, m.b, m.as_, (*groups, m.by), first)

    def evaluate(self, node: CompareNode, ex: Executor) -> Evaluated:
        if node.groups is not None:
            scan, column, text = node.groups
            for value in (node.a, node.b):
                missing = missing_value(ex, scan, column, text, value)
                if missing:
                    return Evaluated(None, problem=f"{missing}; check the value of a/b")
            if isinstance(node.whole, RatioNode):  # each group's unmatched parts, asked of both in one query
                by = parts_by_group(node.whole, ex, scan.sql(column), scan.joins)  # by: sc.district: its join
                for value, part in ((node.a, node.a_node), (node.b, node.b_node)):
                    ex.parts[id(part)] = by.get(key(value), (None, None))
        first, second = ex.evaluate(node.a_node), ex.evaluate(node.b_node)
        ev = compare(node, first, second)
        if ev.value is not None:
            ev.parts_at = _parts_of_both(node, first, second)
        return ev

    def shape(self, node: CompareNode, claim: Claim) -> MeasureShape:
        return change_shape(node.as_, node.a_node, gap=True)

    def parts(self, node: CompareNode, label: str | None) -> list[Part]:
        return [*KINDS[node.a_node.kind].parts(node.a_node, label), *KINDS[node.b_node.kind].parts(node.b_node, label)]


def _parts_of_both(node: CompareNode, first: Evaluated, second: Evaluated) -> PartsAt | None:
    """The unmatched parts of the two ratios compared (each found when it was computed), named by
    their group; of two measures (``with:``), as the first figure and the second."""
    labels = (key(node.a), key(node.b)) if node.groups is not None else ("the first figure", "the second figure")
    found = [(label, (ev.parts_unmatched, ev.parts_over)) for label, ev in zip(labels, (first, second), strict=True)
             if ev.parts_unmatched or ev.parts_over]
    if not found:
        return None
    whole = read_as_share(node.a_node, node.as_) or read_as_share(node.b_node)
    return PartsAt("for" if node.groups is not None else "in", found, whole, apart=node.groups is None)


def gap(as_: str, a: Fraction, b: Fraction) -> Fraction | None:
    """a against b: ``absolute``/``points`` a − b, ``percent`` (a − b)/|b| (its sign says which is higher,
    also when b is negative), ``ratio`` a/b (None when b is 0)."""
    if as_ in ("percent", "ratio") and b == 0:
        return None
    if as_ == "percent":
        return (a - b) / abs(b)
    if as_ == "ratio":
        return a / b
    return a - b


def compare(node: CompareNode, first: Evaluated, second: Evaluated) -> Evaluated:
    """The gap between the two figures, with the figures one record away (for ``fragile``)."""
    x, y = number(first), number(second)
    ev = Evaluated(None, numerator=x, denominator=y, sql=[*first.sql, *second.sql])
    least_base(ev, (first, second))
    ev.details = CompareDetails(a=key(node.a), a_value=as_float(x) if x is not None else None,
                                b=key(node.b), b_value=as_float(y) if y is not None else None)
    for part, label in ((first, node.a), (second, node.b)):
        if part.unavailable:
            ev.unavailable, ev.why = part.unavailable, f"for {label}: {part.why}"
            return ev
    if x is None or y is None:
        ev.unavailable, ev.why = Reason.NO_ROWS, "one of the two figures is not a number"
        return ev
    ev.value = gap(node.as_, x, y)
    if ev.value is None:
        ev.unavailable, ev.why = Reason.ZERO_DENOMINATOR, f"the figure for {node.b} is zero"
        return ev
    # one record more or less moves one of the two groups, not both (4/1 is no neighbour of 5/2)
    ev.neighbours = [v for p, q in [*((p, y) for p in first.neighbours), *((x, q) for q in second.neighbours)]
                     if (v := gap(node.as_, p, q)) is not None]
    return ev
