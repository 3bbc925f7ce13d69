"""``rising: MEASURE, over: COLUMN, to: B`` (and ``falling``) — a streak of a per-period measure.

"Convictions rose for five straight years": the measure is computed per period (grouped
by ``over``; integer periods with no rows count as zero) and the value is the number of
consecutive periods, ending at ``to`` (by default the last period of the data), in which
it was higher (lower) than in the period before. Five rises need six periods of data.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from ..outcome import Reason
from ..planning.nodes import Part, PlanNode
from ._details import Details
from ._kind import KINDS, MeasureKind, register, shape_of
from ._model import MeasureModel, Scalar
from ._values import Evaluated, fill_gaps, key

if TYPE_CHECKING:
    from ..claims import Claim
    from ..expectations.shape import MeasureShape
    from ..planning.compiler import Compiler
    from ..planning.execute import Executor
    from ..planning.nodes import PathKey
    from . import Measure


class Rising(MeasureModel):
    """``rising: MEASURE, over: COLUMN, to: B``."""
    rising: Measure
    over: str
    to: Scalar | None = None


class Falling(MeasureModel):
    """``falling: MEASURE, over: COLUMN, to: B``."""
    falling: Measure
    over: str
    to: Scalar | None = None


class RisingDetails(Details):
    """Where the run of rises starts and ends (none when the last period did not rise)."""

    kind: Literal["rising"] = "rising"
    starts: str | None = Field(None, description="the period before the first rise")
    ends: str | None = Field(None, description="the last period of the run")


class FallingDetails(Details):
    """Where the run of falls starts and ends (none when the last period did not fall)."""

    kind: Literal["falling"] = "falling"
    starts: str | None = Field(None, description="the period before the first fall")
    ends: str | None = Field(None, description="the last period of the run")


@dataclass
class RunNode(PlanNode):
    inner: PlanNode
    over: str
    to: Any

    def children(self) -> list[PlanNode]:
        return [self.inner]


class _RunKind(MeasureKind):

    def compile(self, c: Compiler, m: Any, path: PathKey, over: str | None) -> RunNode | None:
        inner = c.measure(getattr(m, self.name), path + (self.name,), m.over)
        if inner is None:
            return None
        if m.to is not None:
            c.period_values(inner, path, {"to": m.to})
        return RunNode(self.name, inner, m.over, m.to)

    def evaluate(self, node: RunNode, ex: Executor) -> Evaluated:
        groups = ex.grouped(node.inner)
        keys = fill_gaps(list(groups.values))
        ev = run(node, ex.series(node.inner, groups, keys), self.name == "rising")
        ev.sql = groups.sql
        return ev

    def shape(self, node: RunNode, claim: Claim) -> MeasureShape:
        return shape_of("number")

    def parts(self, node: RunNode, label: str | None) -> list[Part]:
        parts = KINDS[node.inner.kind].parts(node.inner, label)
        for part in parts:
            part.over = node.over
        return parts


@register
class RisingKind(_RunKind):
    name = "rising"
    model = Rising
    details = RisingDetails
    examples = ("{{rising: {{count: {table}{w}}}, over: {column}, to: 2020}}",)


@register
class FallingKind(_RunKind):
    name = "falling"
    model = Falling
    details = FallingDetails
    examples = ("{{falling: {{count: {table}{w}}}, over: {column}}}",)


def run(node: RunNode, series: list[tuple[str, Fraction | None]], up: bool) -> Evaluated:
    """How many periods in a row, ending at ``to``, the value rose (fell) from the period before."""
    ev = Evaluated(None, series=series)
    keys = [k for k, _ in series]
    end = key(node.to) if node.to is not None else (keys[-1] if keys else None)
    if end is None or end not in keys:
        ev.unavailable, ev.why = Reason.NO_ROWS, f"there is no value at {node.to}" if node.to else "no rows"
        return ev
    ev.marked = {end}
    values = dict(series)
    i, count = keys.index(end), 0
    while i > 0:
        now, was = values[keys[i]], values[keys[i - 1]]
        if now is None or was is None or not (now > was if up else now < was):
            break
        count, i = count + 1, i - 1
    ev.value = Fraction(count)
    ev.exact_count = True
    ev.base = len(keys)
    made = RisingDetails if up else FallingDetails
    ev.details = made(starts=keys[i], ends=end) if count else made(starts=None, ends=None)
    return ev
