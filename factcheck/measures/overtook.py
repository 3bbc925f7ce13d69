"""``overtook: MEASURE, column: C, a: X, b: Y, over: P, from: A, to: B`` — a change of rank.

"Instagram overtook Snapchat in 2020": by the measure, ``a`` was not above ``b`` at
``from`` and is above it at ``to``. Each of the four figures is the measure with its
``where`` narrowed to one group and one period.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from ..expectations.numbers import as_float  # a figure past 1.8e308 stays finite in reports
from ..planning.nodes import Part, PlanNode, Scan
from ._details import Details
from ._groups import expr_literal, group_column, missing_value, narrowed, table_of
from ._kind import KINDS, MeasureKind, register, shape_of
from ._model import MeasureModel, Scalar
from ._values import Evaluated, key, number

if TYPE_CHECKING:
    from ..claims import Claim
    from ..expectations.shape import MeasureShape
    from ..expressions import Expr
    from ..planning.compiler import Compiler
    from ..planning.execute import Executor
    from ..planning.nodes import PathKey
    from . import Measure


class Overtook(MeasureModel):
    """``overtook: MEASURE, column: C, a: X, b: Y, over: P, from: A, to: B``."""
    overtook: Measure
    column: str
    a: Scalar
    b: Scalar
    over: str
    from_: Scalar = Field(alias="from")
    to: Scalar


class OvertookDetails(Details):
    """The two groups' figures at the two periods."""

    kind: Literal["overtook"] = "overtook"
    from_: str = Field(alias="from")
    to: str
    a_from: float | None
    b_from: float | None
    a_to: float | None
    b_to: float | None


@dataclass
class OvertookNode(PlanNode):
    cells: list[PlanNode]  # a at from, b at from, a at to, b at to
    a: Any
    b: Any
    from_: Any
    to: Any
    groups: tuple[Scan, Expr, str]

    def children(self) -> list[PlanNode]:
        return list(self.cells)


@register
class OvertookKind(MeasureKind):
    name = "overtook"
    per_period = True
    model = Overtook
    details = OvertookDetails
    examples = ("{{overtook: {{count: {table}{w}}}, column: {column}, a: 2019, b: 2020, over: {column}, "
                "from: 2019, to: 2020}}",)

    def compile(self, c: Compiler, m: Overtook, path: PathKey, over: str | None) -> OvertookNode | None:
        inner = c.measure(m.overtook, path + ("overtook",))
        if inner is None:
            return None
        if not KINDS[inner.kind].groupable:
            c.fail(path + ("overtook",), f"a '{inner.kind}' measure cannot rank groups",
                   "rank by a count, share, aggregate or ratio")
            return None
        table = table_of(inner)
        groups = group_column(c, table, m.column, path + ("column",), "column") if table else None
        periods = group_column(c, table, m.over, path + ("over",), "over") if table else None
        if groups is None or periods is None:
            return None
        if not c.period_axis(periods[0].table, periods[1], path, {"from": m.from_, "to": m.to}):
            return None
        checks = len(c.plan.coverage)
        cells = [c.measure(narrowed(m.overtook, f"({m.over}) == {expr_literal(p)} and ({m.column}) == "
                                                f"{expr_literal(g)}"), path + ("overtook",))
                 for p in (m.from_, m.to) for g in (m.a, m.b)]
        del c.plan.coverage[checks:]  # each period once, below, not once per group
        scan, period = periods
        if c.time_axis(scan.table, period):
            for name, value in (("from", m.from_), ("to", m.to)):
                c.within(scan, period, value, f"{name}: {value}", report=False)
        if any(cell is None for cell in cells):
            return None
        return OvertookNode(self.name, [cell for cell in cells if cell is not None], m.a, m.b, m.from_, m.to,
                            (*groups, m.column))

    def evaluate(self, node: OvertookNode, ex: Executor) -> Evaluated:
        scan, column, text = node.groups
        for value in (node.a, node.b):
            missing = missing_value(ex, scan, column, text, value)
            if missing:
                return Evaluated(None, problem=f"{missing}; check the value of a/b")
        return overtook(node, [ex.evaluate(cell) for cell in node.cells])

    def shape(self, node: OvertookNode, claim: Claim) -> MeasureShape:
        return shape_of("boolean")

    def parts(self, node: OvertookNode, label: str | None) -> list[Part]:
        return [p for cell in node.cells for p in KINDS[cell.kind].parts(cell, label)]


def overtook(node: OvertookNode, cells: list[Evaluated]) -> Evaluated:
    """True when a was not above b at ``from`` and is above it at ``to``."""
    figures = [number(cell) for cell in cells]
    ev = Evaluated(None, sql=[q for cell in cells for q in cell.sql])
    ev.details = OvertookDetails.model_validate({
        "from": key(node.from_), "to": key(node.to),
        **{name: as_float(f) if f is not None else None
           for name, f in zip(("a_from", "b_from", "a_to", "b_to"), figures, strict=True)}})
    for cell in cells:
        if cell.unavailable:
            ev.unavailable, ev.why = cell.unavailable, cell.why
            return ev
    a0, b0, a1, b1 = (f if f is not None else Fraction(0) for f in figures)
    ev.value = a0 <= b0 and a1 > b1
    return ev
