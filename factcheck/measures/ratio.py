"""``ratio: {numerator: MEASURE, denominator: MEASURE}`` — one measure divided by another."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from ..outcome import Reason
from ..planning.nodes import Part, PlanNode
from ._kind import KINDS, MeasureKind, register, shape_of
from ._model import MeasureModel
from ._values import Evaluated, Groups, number

if TYPE_CHECKING:
    from ..claims import Claim
    from ..expectations.shape import MeasureShape
    from ..planning.compiler import Compiler
    from ..planning.execute import Executor
    from ..planning.nodes import PathKey
    from . import Measure

class RatioParts(MeasureModel):
    numerator: Measure
    denominator: Measure


class Ratio(MeasureModel):
    """``ratio: {numerator: MEASURE, denominator: MEASURE}``."""
    ratio: RatioParts
    unit: Literal["fraction", "percent"] | None = None


@dataclass
class RatioNode(PlanNode):
    numerator: PlanNode
    denominator: PlanNode
    unit: str = "fraction"

    def children(self) -> list[PlanNode]:
        return [self.numerator, self.denominator]


@register
class RatioKind(MeasureKind):
    name = "ratio"
    model = Ratio
    groupable = True
    examples = ("{{ratio: {{numerator: {{count: {table}{w}}}, denominator: {{count: {other}}}}}}}",)

    def compile(self, c: Compiler, m: Ratio, path: PathKey, over: str | None) -> RatioNode | None:
        num = c.measure(m.ratio.numerator, path + ("ratio", "numerator"), over)
        den = c.measure(m.ratio.denominator, path + ("ratio", "denominator"), over)
        return RatioNode(self.name, num, den, m.unit or "fraction") if num and den else None

    def evaluate(self, node: RatioNode, ex: Executor) -> Evaluated:
        return divide(ex.evaluate(node.numerator), ex.evaluate(node.denominator))

    def grouped(self, node: RatioNode, ex: Executor) -> Groups:
        num, den = ex.grouped(node.numerator), ex.grouped(node.denominator)
        keys = list(dict.fromkeys([*num.values, *den.values]))
        return Groups({k: divide(ex.at(node.numerator, num, k), ex.at(node.denominator, den, k)) for k in keys},
                      num.sql + den.sql)

    def absent(self, node: RatioNode, ex: Executor, at: Any) -> Evaluated:
        return divide(ex.at(node.numerator, ex.grouped(node.numerator), at),
                      ex.at(node.denominator, ex.grouped(node.denominator), at))

    def shape(self, node: RatioNode, claim: Claim) -> MeasureShape:
        from ..expectations import implies_share  # what the wording says: a part of a whole, or a number
        return shape_of("share" if implies_share(claim.expect) else "number", node.unit)

    def unit(self, node: RatioNode) -> str:
        return node.unit

    def share_like(self, node: RatioNode) -> bool:
        return True

    def parts(self, node: RatioNode, label: str | None) -> list[Part]:
        return (KINDS[node.numerator.kind].parts(node.numerator, "numerator")
                + KINDS[node.denominator.kind].parts(node.denominator, "denominator"))


def divide(num: Evaluated, den: Evaluated) -> Evaluated:
    """numerator ÷ denominator, unavailable when a part is; its neighbours from the parts'."""
    ev = Evaluated(None, numerator=number(num), denominator=number(den), sql=num.sql + den.sql,
                   rows_kept=None, base=min(b for b in (num.base, den.base) if b is not None)
                   if num.base is not None or den.base is not None else None)
    for part in (num, den):
        if part.unavailable:
            ev.unavailable, ev.why = part.unavailable, part.why
            return ev
    a, b = number(num), number(den)
    if a is None or b is None:
        ev.unavailable, ev.why = Reason.NO_ROWS, "a part of the ratio has no value"
        return ev
    if b == 0:
        ev.unavailable, ev.why = Reason.ZERO_DENOMINATOR, "the denominator measure is zero"
        return ev
    ev.value = a / b
    ev.neighbours = [n / d for n in [a, *num.neighbours] for d in [b, *den.neighbours] if d and (n, d) != (a, b)]
    return ev

