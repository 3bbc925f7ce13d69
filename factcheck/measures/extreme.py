"""``extreme: MEASURE, over: COLUMN, at: X, since: Y, is: lowest|highest`` — a record."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from ..expectations.numbers import as_float  # a figure past 1.8e308 stays finite in reports
from ..formatting import FigureUnit, at_or_for
from ..outcome import Reason
from ..planning.nodes import Part, PlanNode
from ._details import Details, Period
from ._kind import KINDS, MeasureKind, register, shape_of
from ._model import MeasureModel, Scalar
from ._units import figure_unit
from ._values import (
    Evaluated,
    MeasureError,
    PeriodsRead,
    before,
    cadence,
    gaps_said,
    is_period_key,
    key,
    labels_two_ways,
    sort_key,
    two_ways,
)
from .ratio import lacking_said, lacks_base, parts_at, read_as_share

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..claims import Claim
    from ..expectations.shape import MeasureShape
    from ..planning.compiler import Compiler
    from ..planning.execute import Executor
    from ..planning.nodes import PathKey
    from . import Measure


class Extreme(MeasureModel):
    """``extreme: MEASURE, over: COLUMN, at: X, since: Y, is: lowest|highest``."""
    extreme: Measure
    over: str
    at: Scalar
    since: Scalar | None = None
    is_: Literal["lowest", "highest"] = Field(alias="is")
    rank: int = Field(1, ge=1, le=1000, description="2: the second-lowest (second-highest), and so on")
    record_from: Scalar | None = None


class ExtremeDetails(Details):
    """Where the value at ``at`` ranks among the periods, and its nearest rivals."""

    kind: Literal["extreme"] = "extreme"
    value: float
    rank: int = Field(description="1 is the lowest (highest) of all periods")
    of: int = Field(description="periods with a value")
    runner_up: Period | None = None
    last_as_low: Period | None = Field(None, description="the last earlier period as low (for is: lowest)")
    last_as_high: Period | None = Field(None, description="the last earlier period as high (for is: highest)")
    data_from: str | None = Field(None, description="the first period of the data")
    since: Period | None = Field(None, description="the period `since` names, with its value: for a claim to hold, "
                                                   "as low (is: lowest) or as high as the value at `at`")
    holds_since: list[str] | None = Field(
        None, description="[first, last]: the range of `since` for which the value at `at` beats every "
                          "period after `since` (the first is the last time it was as low or high, or the "
                          "first period of the data); [P, P] when only the period P just before `at` will do")


@dataclass
class ExtremeNode(PlanNode):
    inner: PlanNode
    over: str
    at: Any
    since: Any
    is_: str
    record_from: Any
    rank: int = 1
    unit: FigureUnit | None = None  # how its figures are shown (a share as a percentage)

    def children(self) -> list[PlanNode]:
        return [self.inner]


@register
class ExtremeKind(MeasureKind):
    name = "extreme"
    per_period = True
    model = Extreme
    details = ExtremeDetails
    examples = ("{{extreme: {{count: {table}{w}}}, over: {column}, at: 2020, since: 2018, is: lowest}}",
                "{{extreme: {{count: {table}{w}}}, over: {column}, at: 2020, is: highest, rank: 2}}")

    def compile(self, c: Compiler, m: Extreme, path: PathKey, over: str | None) -> ExtremeNode | None:
        inner = c.measure(m.extreme, path + ("extreme",), m.over)
        if inner is None:
            return None
        first = m.since if m.since is not None else m.record_from
        window = (((("between", (first, m.at)),), f"{first} to {m.at}") if first is not None
                  else ((), "every period of the record"))
        c.period_values(inner, path, {"at": m.at, "since": m.since, "record_from": m.record_from}, window)
        return ExtremeNode(self.name, inner, m.over, m.at, m.since, m.is_, m.record_from, m.rank,
                           figure_unit(inner, c.plan.claim.says))

    def evaluate(self, node: ExtremeNode, ex: Executor) -> Evaluated:
        groups = ex.grouped(node.inner)
        periods = ex.periods(node.inner)
        every = None if groups.categories else cadence(periods)
        keys = groups.axis(every)
        if not groups.categories and two_ways(groups.values):  # FY2019 beside FY 2020, 2020-21 beside '2020-21 '
            keys = sorted(groups.values, key=sort_key)  # no years to fill between: ranked among them all
        if node.record_from is not None:
            keys = [k for k in keys if not before(k, key(node.record_from))]
        out = extreme(node, dict(ex.series(node.inner, groups, keys)), periods=not groups.categories)
        out.sql = groups.sql
        out.cadence = every
        out.figure_unit = node.unit
        holes = gaps(node, keys, periods)
        if holes and out.unavailable is None:
            out.value, out.details = None, None
            out.unavailable = Reason.PERIOD_NOT_COVERED
            out.why = gaps_said(holes, node.over, ex.holes_why(node.inner, holes,
                                                               "so it is not a zero and the record cannot be judged"))
        lacking = [k for k in ([key(node.at)] if out.value is None else out.without_value)
                   if lacks_base(ex.at(node.inner, groups, k))]
        if lacking and out.unavailable in (None, Reason.NO_ROWS):
            out.value, out.details, out.unavailable = None, None, Reason.NO_ROWS
            out.why = lacking_said(lacking, ex.at(node.inner, groups, lacking[0]))
        out.marked = {key(v) for v in (node.at, node.since) if v is not None}
        if out.value is not None:
            read = self.periods_read(node)
            held = [k for k in keys if read.holds(k)]
            out.parts_at = parts_at(node.inner, ex, None, held, "for" if groups.categories else at_or_for(held),
                                    whole=read_as_share(node.inner))
        return out

    def shape(self, node: ExtremeNode, claim: Claim) -> MeasureShape:
        return shape_of("boolean")

    def record_is_the_data(self, node: ExtremeNode) -> bool:
        return node.since is None and node.record_from is None

    def periods_read(self, node: ExtremeNode) -> PeriodsRead:
        """``since`` … ``at`` (the periods it must beat); else the record from ``record_from`` on, or all
        of it: a later period that beats ``at`` changes its rank too."""
        if node.since is not None:
            return PeriodsRead(span=True, first=key(node.since), last=key(node.at))
        return PeriodsRead(span=True, first=key(node.record_from) if node.record_from is not None else None)

    def parts(self, node: ExtremeNode, label: str | None) -> list[Part]:
        parts = KINDS[node.inner.kind].parts(node.inner, label)
        for part in parts:
            part.over, part.periods = node.over, [v for v in (node.since, node.at) if v is not None]
        return parts


def gaps(node: ExtremeNode, keys: list[str], periods: set[str] | None) -> list[str]:
    """The periods the claim's answer rests on (since … at, or the whole record) with no row in the table."""
    if periods is None:
        return []
    if node.since is None:
        return [k for k in keys if k not in periods]
    since, at = key(node.since), key(node.at)
    return [k for k in keys if k not in periods and not before(k, since) and not before(at, k)]




def extreme(node: ExtremeNode, series: dict[str, Fraction | None], *, periods: bool = True) -> Evaluated:
    """Is the value at ``at`` the lowest (highest) since ``since``, or on record?
    (``periods=False``: the keys are categories, with no record among them.)

    With ``rank: k``, the k-th lowest (highest): exactly k − 1 periods of the window beat it.
    """
    keys = list(series)
    ev = Evaluated(None, series=[(k, v) for k, v in series.items()])
    at = key(node.at)
    x = series.get(at)
    if x is None:
        ev.unavailable, ev.why = Reason.NO_ROWS, f"there is no value at {node.at}"
        return ev

    def better(a: Fraction, b: Fraction) -> bool:
        return a < b if node.is_ == "lowest" else a > b

    known = {k: v for k, v in series.items() if v is not None}
    ordered = sorted(known.items(), key=lambda kv: kv[1], reverse=node.is_ == "highest")
    rank = 1 + sum(1 for k, v in known.items() if k != at and better(v, x))
    others = [(k, v) for k, v in ordered if k != at]
    in_time = periods and all(is_period_key(k) for k in keys)  # years, dates; not hospitals ("the longest waits")
    if in_time and two_ways(keys):  # FY2019 beside FY 2020: no order to say a record since or a start by
        if node.since is not None or node.record_from is not None:
            labels_two_ways(keys, node.over, "a record since a period")
        in_time = False
    if not in_time and (node.since is not None or node.record_from is not None):
        named = "since" if node.since is not None else "record_from"
        raise MeasureError(f"{named}: {node.since if node.since is not None else node.record_from} names a period, "
                           f"but the values of {node.over} are categories ({', '.join(keys[:3])}, …): a record, and "
                           "where it begins, belong to periods", hint=f"remove {named}: to rank {node.at} among them all")
    earlier = [k for k in keys if before(k, at)] if in_time else []
    as_low = [k for k in earlier if k in known and not better(x, known[k])]
    last = Period(key=as_low[-1], value=as_float(known[as_low[-1]])) if as_low else None
    ev.details = ExtremeDetails.model_validate({
        "value": as_float(x), "rank": rank, "of": len(known),
        "runner_up": Period(key=others[0][0], value=as_float(others[0][1])) if others else None,
        # over periods only (categories have no "last time" and no start): only the one that applies is set
        **({"last_as_low" if node.is_ == "lowest" else "last_as_high": last,
            "data_from": keys[0] if keys else None} if in_time else {})})
    if node.rank == 1 and in_time:
        ev.details = ev.details.model_copy(update={"holds_since": _holds_since(earlier, as_low)})
    if node.since is not None:
        since = key(node.since)
        between = [k for k in keys if before(since, k) and before(k, at)]
        y = known.get(since)
        ev.details = ev.details.model_copy(update={"since": Period(key=since, value=None if y is None else as_float(y))})
        rivals = [known[k] for k in between if k in known]
        ok = _ranks(x, rivals, node.rank, better) and y is not None and not better(x, y)
    else:
        ok = _ranks(x, [v for k, v in known.items() if k != at], node.rank, better)
    # the periods the answer rests on: since … at, or the whole record (later ones too: the rank counts them)
    window = ([k for k in keys if not before(k, key(node.since)) and not before(at, k)]
              if node.since is not None and in_time else keys)
    ev.without_value = [k for k in window if series.get(k) is None]
    ev.value = ok
    ev.base = len(known)
    return ev


def _ranks(x: Fraction, rivals: list[Fraction], rank: int, better: Callable[[Fraction, Fraction], bool]) -> bool:
    """Is ``x`` the ``rank``-th among ``rivals``: exactly rank − 1 of them better, and none as good?
    A tie is no rank of its own: a year tied for the most is neither "the most" nor "the second-most"
    (before, a tie counted as beating it, so both years of a tie for the most passed as the second)."""
    return sum(1 for v in rivals if better(v, x)) == rank - 1 and not any(v == x for v in rivals)


def _holds_since(earlier: list[str], as_low: list[str]) -> list[str] | None:
    """[first, last]: the `since` values for which "the lowest (highest) since Y" can be said.

    From the last time the value was as low (or the first period of the data), when "since Y"
    holds as a newsroom reads it, up to the period before `at` (every period after Y is beaten).
    When the period just before `at` is as low, that period is the only choice.
    """
    if not earlier:
        return None
    return [as_low[-1] if as_low else earlier[0], earlier[-1]]
