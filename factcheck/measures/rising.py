"""``rising: MEASURE, over: COLUMN, to: B`` (and ``falling``) — a streak of a per-period measure.

"Convictions rose for five straight years": the measure is computed per period (grouped
by ``over``; integer periods with no rows count as zero) and the value is the number of
consecutive periods, ending at ``to`` (by default the last period of the data), in which
it was higher (lower) than in the period before. Five rises need six periods of data.

With ``since: A`` the value is whether it rose (fell) in every period after A up to ``to``:
"waits have risen every year since 2022" (``expect: true``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from ..outcome import Reason
from ..planning.nodes import Part, PlanNode, ReportCheck
from ._details import Details
from ._kind import KINDS, MeasureKind, register, shape_of
from ._model import MeasureModel, Scalar
from ._values import (
    Evaluated,
    MeasureError,
    PeriodsRead,
    cadence,
    gaps_said,
    is_period_key,
    key,
    labels_two_ways,
    year_labels,
)

if TYPE_CHECKING:
    from ..claims import Claim
    from ..expectations.shape import MeasureShape
    from ..planning.compiler import Compiler
    from ..planning.execute import Executor
    from ..planning.nodes import PathKey
    from . import Measure


class Rising(MeasureModel):
    """``rising: MEASURE, over: COLUMN, to: B, since: A``."""
    rising: Measure
    over: str
    to: Scalar | None = None
    since: Scalar | None = None


class Falling(MeasureModel):
    """``falling: MEASURE, over: COLUMN, to: B, since: A``."""
    falling: Measure
    over: str
    to: Scalar | None = None
    since: Scalar | None = None


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
    since: Any = None
    reports: list[ReportCheck] = dataclass_field(default_factory=list)  # narrowed to the run when it is known

    def children(self) -> list[PlanNode]:
        return [self.inner]


class _RunKind(MeasureKind):
    per_period = True

    def compile(self, c: Compiler, m: Any, path: PathKey, over: str | None) -> RunNode | None:
        inner = c.measure(getattr(m, self.name), path + (self.name,), m.over)
        if inner is None:
            return None
        named = {k: v for k, v in (("since", m.since), ("to", m.to)) if v is not None}
        if named:
            c.period_values(inner, path, named)
        return RunNode(self.name, inner, m.over, m.to, m.since, c.window_reports(inner))

    def evaluate(self, node: RunNode, ex: Executor) -> Evaluated:
        groups = ex.grouped(node.inner)
        periods = ex.periods(node.inner)
        every = None if groups.categories else cadence(periods)
        keys = groups.axis(every)
        if not groups.categories:
            labels_two_ways(groups.values, node.over, f"a {self.name} run")  # as written: '2020-21 ' too
        if groups.categories or not all(is_period_key(k) for k in keys):
            shown = ", ".join(keys[:3]) + (", …" if len(keys) > 3 else "")
            hint = (f"write over: a column of years or dates (year(date), month_start(date)); to rank the values "
                    f"of {node.over}, use extreme or top")
            if groups.categories and year_labels(keys) is not None:  # school years declared type: text
                hint = (f"{node.over} is declared type: text (its values categories): remove type: text and any "
                        f"allowed: from its entry under columns:, and its years, written as labels, are periods")
            raise MeasureError(f"over: {node.over} holds categories ({shown}), not periods: a {self.name} run "
                               "follows periods in their order, and categories have none", hint=hint)
        ev = run(node, ex.series(node.inner, groups, keys), self.name == "rising", periods)
        ev.sql, ev.cadence = groups.sql, every
        if ev.unavailable is not None or ev.value is None:
            return ev
        start, end = _read(node, ev, keys)
        _unknowns(ev, [groups.values[k] for k in keys[start:end + 1] if k in groups.values])
        if periods is not None:
            holes = [k for k in keys[start:end + 1] if k not in periods]
            if holes:  # the run (or the period that ended it) rests on a year with no row at all
                ev.value, ev.details, ev.unavailable = None, None, Reason.PERIOD_NOT_COVERED
                ev.why = gaps_said(holes, node.over, ex.holes_why(node.inner, holes, "so it is not a zero"))
            else:  # or on one that a group reporting the rows is missing from
                span = (keys[start], keys[end])
                read = [replace(check, conds=(("between", span),), text=f"{span[0]} to {span[1]}")
                        for check in node.reports]
                said = [m for check in read if (m := ex.missing_report(check)) is not None]
                if said:
                    ev.value, ev.details, ev.unavailable = None, None, Reason.PERIOD_NOT_COVERED
                    ev.why = "the data does not cover " + "; ".join(said)
                else:  # a group gone before the run's end: a fall it may be (closed), or no figure (silent)
                    ev.reports_read = read
        return ev

    def shape(self, node: RunNode, claim: Claim) -> MeasureShape:
        return shape_of("boolean" if node.since is not None else "number")

    def parts(self, node: RunNode, label: str | None) -> list[Part]:
        parts = KINDS[node.inner.kind].parts(node.inner, label)
        for part in parts:
            part.over = node.over
        return parts

    def periods_read(self, node: RunNode) -> PeriodsRead | None:
        """With ``since``, every period from it to ``to`` (or the last): each must rise on the one
        before. Without, the run is known only once it is computed: None."""
        if node.since is None:
            return None
        return PeriodsRead(span=True, first=key(node.since), last=key(node.to) if node.to is not None else None)


def _read(node: RunNode, ev: Evaluated, keys: list[str]) -> tuple[int, int]:
    """The first and last index of the periods a run's figure rests on: the run, and the period
    before it that ended it (with ``since`` and every period rising: the periods from it)."""
    end = keys.index(key(node.to) if node.to is not None else keys[-1])
    starts = getattr(ev.details, "starts", None)
    start = max(0, keys.index(starts) - 1 if starts else end - 1)
    if ev.value is True and node.since is not None:  # every period since … rose: all of them count
        start = keys.index(key(node.since))
    return start, end


def _unknowns(ev: Evaluated, read: list[Evaluated]) -> None:
    """Rows left out as unknown in the periods the run compares (a blank amount in 2021), said as
    for a change between two of them; mostly unknown when one of those periods is."""
    unknown = sum(part.rows_unknown or 0 for part in read)
    if not unknown:
        return
    ev.rows_unknown = unknown
    ev.mostly_unknown = any(part.is_mostly_unknown() for part in read)
    bases = [part.base for part in read if part.base is not None]
    ev.base = min(bases) if bases else None  # the rows the thinnest period rests on, as a change says it


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


def run(node: RunNode, series: list[tuple[str, Fraction | None]], up: bool, periods: set[str] | None = None) -> Evaluated:
    """How many periods in a row, ending at ``to``, the value rose (fell) from the period before.
    ``periods``: those the whole table has rows for; a period of the run with no value is a gap
    when it is not one of them, else a value the filter leaves without rows."""
    ev = Evaluated(None, series=series)
    keys = [k for k, _ in series]
    end = key(node.to) if node.to is not None else (keys[-1] if keys else None)
    if end is None or end not in keys:
        ev.unavailable, ev.why = Reason.NO_ROWS, f"there is no value at {node.to}" if node.to else "no rows"
        return ev
    ev.marked = {end}
    values = dict(series)
    since = key(node.since) if node.since is not None else None
    i, count = keys.index(end), 0
    first = keys.index(since) if since in keys else 0  # a `since` needs the rises after it alone
    while i > 0:
        now, was = values[keys[i]], values[keys[i - 1]]
        if (now is None or was is None) and i - 1 < first:  # before `since`: where the run began is all it says
            break
        if now is None or was is None:  # a period with no value (a line with no rows that month, 0/0):
            # whether the run goes on past it is unknown, so it is not counted as a run that ended
            gone = keys[i] if now is None else keys[i - 1]
            if periods is not None and gone not in periods:
                ev.unavailable = Reason.PERIOD_NOT_COVERED
                ev.why = gaps_said([gone], node.over, "the table has no row at all for it, so it is not a zero")
            else:
                ev.unavailable = Reason.NO_ROWS
                ev.why = f"there is no value at {gone}, so the run cannot be followed past it"
            return ev
        if not (now > was if up else now < was):
            break
        count, i = count + 1, i - 1
    made = RisingDetails if up else FallingDetails
    ev.details = made(starts=keys[i], ends=end) if count else made(starts=None, ends=None)
    ev.base = len(keys)
    if since is not None:  # every period after `since`, up to `to`
        if since not in keys or keys.index(since) >= keys.index(end):
            ev.unavailable = Reason.NO_ROWS
            ev.why = f"there is no period between {node.since} and {end} to compare"
            return ev
        ev.value = count >= keys.index(end) - keys.index(since)
        ev.marked = {since, end}
        return ev
    ev.value = Fraction(count)
    ev.exact_count = True
    return ev
