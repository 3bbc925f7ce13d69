"""``change: MEASURE, over: COLUMN, from: A, to: B, as: percent|points|absolute|ratio``."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from ..expectations.numbers import as_float  # a figure past 1.8e308 stays finite in reports
from ..outcome import Reason
from ..planning.nodes import Part, PlanNode
from ._details import Details, Period
from ._kind import KINDS, MeasureKind, change_shape, register
from ._model import MeasureModel, Scalar
from ._values import Evaluated, PeriodsRead, before, cadence, key, label_spaced, least_base, number
from .ratio import parts_at, read_as_share

if TYPE_CHECKING:
    from ..claims import Claim
    from ..expectations.shape import MeasureShape
    from ..planning.compiler import Compiler
    from ..planning.execute import Executor
    from ..planning.nodes import PathKey
    from . import Measure


class Change(MeasureModel):
    """``change: MEASURE, over: COLUMN, from: A, to: B, as: percent|points|absolute|ratio``."""
    change: Measure
    over: str
    from_: Scalar = Field(alias="from")
    to: Scalar
    as_: Literal["percent", "points", "absolute", "ratio"] = Field("percent", alias="as")


class ChangeDetails(Details):
    """The two periods compared and the measure's figure at each."""

    kind: Literal["change"] = "change"
    from_: Period = Field(alias="from")
    to: Period
    earlier_bases: list[Period] | None = Field(
        None, description="the change to `to` measured from each of the (up to) three periods before "
                          "`from`, nearest first: is the chosen base cherry-picked?")


@dataclass
class ChangeNode(PlanNode):
    inner: PlanNode
    over: str
    from_: Any
    to: Any
    as_: str
    reported_by: str | None = None  # the column naming who reports the inner measure's rows, if declared

    def children(self) -> list[PlanNode]:
        return [self.inner]


@register
class ChangeKind(MeasureKind):
    name = "change"
    per_period = True
    model = Change
    details = ChangeDetails
    examples = ("{{change: {{count: {table}{w}}}, over: {column}, from: 2019, to: 2020}}",
                "{{change: {{share: minor, of: {table}}}, over: {column}, from: 2019, to: 2020, as: points}}")

    def compile(self, c: Compiler, m: Change, path: PathKey, over: str | None) -> ChangeNode | None:
        inner = c.measure(m.change, path + ("change",), m.over)
        if inner is not None and m.as_ == "points" and not KINDS[inner.kind].share_like(inner):
            c.fail(path + ("as",), "'as: points' compares two shares (percentage points)",
                   "measure a share inside the change, or use as: percent / absolute")
        if inner is None:
            return None
        c.period_values(inner, path, {"from": m.from_, "to": m.to})
        return ChangeNode(self.name, inner, m.over, m.from_, m.to, m.as_, _reporter(c, inner))

    def evaluate(self, node: ChangeNode, ex: Executor) -> Evaluated:
        groups = ex.grouped(node.inner)
        for name, named in (("from", node.from_), ("to", node.to)):
            label_spaced(groups.values, key(named), node.over, name)
        ev = change(node, ex.at(node.inner, groups, node.from_), ex.at(node.inner, groups, node.to))
        if ev.value is not None:
            ev.reporters_differ = reporters_differ(node, ex)
            ev.parts_at = parts_at(node.inner, ex, None, [key(node.from_), key(node.to)],
                                   whole=read_as_share(node.inner, node.as_))
        # the data's step matters only when the series has holes to fill (and asking for it costs a query)
        holes = not groups.categories and len(groups.axis()) > len(groups.values)
        every = cadence(ex.periods(node.inner)) if holes else None
        ev.series, ev.cadence = ex.series(node.inner, groups, groups.axis(every)), every
        ev.marked = {key(node.from_), key(node.to)}
        if ev.value is not None and isinstance(ev.details, ChangeDetails):
            bases = earlier_bases(node, ev.series)
            if bases:
                ev.details = ev.details.model_copy(update={"earlier_bases": bases})
        return ev

    def shape(self, node: ChangeNode, claim: Claim) -> MeasureShape:
        return change_shape(node.as_, node.inner)

    def periods_read(self, node: ChangeNode) -> PeriodsRead:
        return PeriodsRead(named=(key(node.from_), key(node.to)))

    def parts(self, node: ChangeNode, label: str | None) -> list[Part]:
        parts = KINDS[node.inner.kind].parts(node.inner, label)
        for part in parts:
            part.over, part.periods, part.only_periods = node.over, [node.from_, node.to], True
        return parts


def _reporter(c: Compiler, inner: PlanNode) -> str | None:
    """The ``reported_by`` column of the table a plain measure counts, when its table declares one."""
    from ._simple import Simple
    if not isinstance(inner, Simple) or inner.group is None:
        return None
    src = c.cat.sources.get(inner.scan.table)
    group = src.decl.reported_by if src is not None else None
    if src is None or group is None or (group not in src.columns
                                        and group not in c.cat.derives.get(inner.scan.table, {})):
        return None
    c.cat.use(inner.scan.table, group)
    return group


def reporters_differ(node: ChangeNode, ex: Executor) -> str | None:
    """Of a change over a table declared ``reported_by``: the groups with rows (that the claim counts)
    at one end and none at the other ("county Taney has rows in 2021 and none in 2023"): the change
    then compares different reporters, and may be all their coming or going. None when they agree."""
    from ..expressions import quote_ident
    from ._simple import Simple
    inner = node.inner
    if node.reported_by is None or not isinstance(inner, Simple) or inner.group is None:
        return None
    scan = inner.scan
    g, period = f"{quote_ident(scan.table)}.{quote_ident(node.reported_by)}", scan.sql(inner.group)
    try:
        rows = ex.run(f"SELECT DISTINCT CAST({g} AS VARCHAR), {period}\n{scan.from_sql()}"
                      f"{scan.where_sql(f'{g} IS NOT NULL')}").rows
    except Exception as exc:  # noqa: BLE001 - a warning only: the figure stands without it
        from ..interrupts import reraise_interrupt
        reraise_interrupt(exc)
        return None
    at: dict[str, set[str]] = {key(node.from_): set(), key(node.to): set()}
    for who, p in rows:
        if key(p) in at:
            at[key(p)].add(str(who))
    first, last = at[key(node.from_)], at[key(node.to)]
    gone, came = sorted(first - last), sorted(last - first)
    if not gone and not came:
        return None
    said = [f"{node.reported_by} {_few(gone)} {'has' if len(gone) == 1 else 'have'} rows at {key(node.from_)} and none "
            f"at {key(node.to)}"] if gone else []
    said += [f"{node.reported_by} {_few(came)} {'has' if len(came) == 1 else 'have'} rows at {key(node.to)} and none "
             f"at {key(node.from_)}"] if came else []
    return (f"{'; '.join(said)}: the table is reported by {node.reported_by}, and its two periods do not hold the "
            "same reporters, so the change may be one's coming or going, not a change of the same ones")


def _few(names: list[str]) -> str:
    return ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")


NEIGHBOURING_BASES = 3


def earlier_bases(node: ChangeNode, series: list[tuple[str, Fraction | None]]) -> list[Period]:
    """The change to ``to`` from each of the three periods before ``from`` (nearest first)."""
    values = dict(series)
    end = values.get(key(node.to))
    start = key(node.from_)
    if end is None:
        return []
    before_start = [k for k, _ in series if before(k, start)][-NEIGHBOURING_BASES:]
    out = []
    for k in reversed(before_start):
        x = values.get(k)
        v = None if x is None else _compute(node.as_, x, end)
        out.append(Period(key=k, value=_float(v)))
    return out


def _compute(as_: str, x: Fraction, y: Fraction) -> Fraction | None:
    """The change from ``x`` to ``y``: percent, points, absolute or ratio (None over a zero base).

    A percent change is taken against the size of the base, so that its sign is the direction of the
    move over a negative base too: from -0.4 to -0.1 is up 75%, not (y - x) / x = -75%.
    """
    if as_ in ("percent", "ratio") and x == 0:
        return None
    if as_ == "percent":
        return (y - x) / abs(x)
    if as_ == "ratio":
        return y / x
    return y - x


def change(node: ChangeNode, start: Evaluated, end: Evaluated) -> Evaluated:
    """The change from ``start`` to ``end`` as the node says (percent, points, absolute, ratio)."""
    a, b = start.value, end.value
    ev = Evaluated(None, numerator=number(end), denominator=number(start), sql=start.sql)
    least_base(ev, (start, end))
    ev.details = ChangeDetails.model_validate({"from": Period(key=key(node.from_), value=_float(a)),
                                               "to": Period(key=key(node.to), value=_float(b))})
    # rows left out as unknown at either end (a blank enrollment in 2023): said, as for the figure itself
    ev.rows_unknown = (start.rows_unknown or 0) + (end.rows_unknown or 0) or None
    ev.mostly_unknown = start.is_mostly_unknown() or end.is_mostly_unknown()
    for part, label in ((start, node.from_), (end, node.to)):
        if part.unavailable:
            ev.unavailable, ev.why = part.unavailable, f"at {label}: {part.why}"
            return ev
    assert isinstance(a, Fraction) and isinstance(b, Fraction)

    def compute(x: Fraction, y: Fraction) -> Fraction | None:
        return _compute(node.as_, x, y)

    ev.value = compute(a, b)
    if ev.value is None:
        ev.unavailable, ev.why = Reason.ZERO_DENOMINATOR, f"the value at {node.from_} is zero"
        return ev
    # one record more or less is in one of the two periods, not both (641 -> 759 is two records away
    # from 640 -> 760: "up 19%" was called fragile for a +18.4% that no one record gives)
    ev.neighbours = [v for x, y in [*((x, b) for x in start.neighbours), *((a, y) for y in end.neighbours)]
                     if (v := compute(x, y)) is not None]
    return ev


def _float(x: Any) -> float | None:
    return as_float(x) if isinstance(x, Fraction) else None
