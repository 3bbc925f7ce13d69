"""``every: MEASURE, over: COLUMN, from: A, to: B`` — the expectation holds in each period.

"The internet was the most common recruitment location every year since 2013": the
measure is computed once per period (its ``where`` narrowed to the period) and the claim's
``expect`` is applied to each period's value; it passes when every period meets it.

``over`` is a column (a row belongs to the period it names) or a span
``{start: COLUMN, end: COLUMN}`` (a row belongs to every period from its start to its end;
an empty end means still open), for "cases active in each year".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..planning.nodes import Part, PlanNode, walk
from ._details import Details
from ._groups import expr_literal, group_column, narrowable, narrowed, table_of
from ._kind import KINDS, MeasureKind, register
from ._model import MeasureModel
from ._simple import Simple
from ._values import Evaluated, PartsAt, key, year_label
from .ratio import RatioNode, parts_by_group

if TYPE_CHECKING:
    from ..claims import Claim
    from ..expectations.shape import MeasureShape
    from ..planning.compiler import Compiler
    from ..planning.execute import Executor
    from ..planning.nodes import PathKey
    from . import Measure

MAX_PERIODS = 200


class Span(MeasureModel):
    """``{start: COLUMN, end: COLUMN}``: a row counts in every period from start to end."""
    start: str
    end: str


class Every(MeasureModel):
    """``every: MEASURE, over: COLUMN | {start, end}, from: A (or since: A), to: B``: A and B whole
    numbers (years), or years' labels written one way (``2019-20``, ``FY2021``: see :func:`year_label`)."""
    every: Measure
    over: Union[str, Span]
    from_: int | str | None = Field(None, alias="from")
    since: int | str | None = None
    to: int | str

    @field_validator("from_", "since", "to", mode="before")
    @classmethod
    def _a_year(cls, value: object) -> object:
        """A whole number, or a year's label; '2019' written in quotes is the year 2019."""
        if value is None or isinstance(value, bool) or not isinstance(value, str):
            return value
        if value.strip().isdigit():
            return int(value)
        if year_label(value) is None:
            raise ValueError(f"must be a whole number (a year) or a year's label such as 2019-20 or FY2021, "
                             f"not {value!r}")
        return value.strip()

    @model_validator(mode="after")
    def _one_start(self) -> Every:
        if (self.from_ is None) == (self.since is None):
            raise ValueError("give the first period as from (or since), once")
        first, last = self.first, self.to
        forms = {year_label(v)[0] if isinstance(v, str) else None for v in (first, last)}  # type: ignore[index]
        if len(forms) > 1:
            raise ValueError(f"write both ends the same way: from {first} to {last}")
        if _year_of(first) > _year_of(last):
            raise ValueError(f"the periods run backwards: from {first} to {last}")
        if _year_of(last) - _year_of(first) >= MAX_PERIODS:
            raise ValueError(f"at most {MAX_PERIODS} periods")
        return self

    @property
    def first(self) -> int | str:
        """The first period (``from`` or ``since``, both included)."""
        return self.from_ if self.from_ is not None else self.since  # type: ignore[return-value]

    def periods(self) -> list[int | str]:
        """Each period from the first to ``to``, both included: years, or labels written as they are."""
        first, last = self.first, self.to
        if isinstance(first, int) or isinstance(last, int):
            return list(range(int(first), int(last) + 1))
        form = year_label(first)[0]  # type: ignore[index]
        return [form.write(y) for y in range(_year_of(first), _year_of(last) + 1)]


def _year_of(period: int | str) -> int:
    """A period's year: itself, or the first year of its label."""
    read = year_label(period) if isinstance(period, str) else None
    return read[1] if read is not None else int(period)


class PeriodValue(BaseModel):
    """A period and the measure's value there, as people read it (the numbers are in ``series``)."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    key: str
    value: str = Field(description="the value for people: '59.1%', 'internet', '—' when it cannot be computed")


class EveryDetails(Details):
    """Each period's figure, and the periods that do not meet the expectation."""

    kind: Literal["every"] = "every"
    periods: list[PeriodValue] = Field(description="each period and the measure's value there")
    # `default=[]`, copied into each model by pydantic: a `default_factory=list` made pydantic read
    # `list`'s signature, importing tokenize (~8 ms of every run)
    failing: list[str] = Field(default=[], description="the periods whose value does not meet expect")


@dataclass
class EveryNode(PlanNode):
    inner: PlanNode          # the measure over all periods (for explain)
    cells: list[PlanNode]    # the measure in each period
    periods: list[int | str]
    axis: tuple[str, str] | None = None  # (FROM …, the period column's SQL) of a column, not a span

    def children(self) -> list[PlanNode]:
        return list(self.cells)


@register
class EveryKind(MeasureKind):
    name = "every"
    per_period = True
    model = Every
    details = EveryDetails
    examples = ("{{every: {{count: {table}{w}}}, over: {column}, from: 2018, to: 2020}}",
                "{{every: {{top: {column}, of: {table}{w}}}, over: {{start: {column}, end: {column}}}, "
                "since: 2019, to: 2020}}")

    def compile(self, c: Compiler, m: Every, path: PathKey, over: str | None) -> EveryNode | None:
        inner = c.measure(m.every, path + ("every",))
        if inner is None:
            return None
        if not narrowable(m.every):
            c.fail(path + ("every",), f"a '{inner.kind}' measure cannot be computed per period here",
                   "use a count, share, aggregate, ratio, top or streak (each has a where)")
            return None
        table = table_of(inner)
        spans = (m.over.start, m.over.end) if isinstance(m.over, Span) else (m.over,)
        parsed = [group_column(c, table, text, path + ("over",), "over") if table else None for text in spans]
        if any(p is None for p in parsed):
            return None
        scan, start = parsed[0]  # type: ignore[misc]
        bounds = {"from" if m.from_ is not None else "since": m.first, "to": m.to}
        if not all(c.period_axis(scan.table, p[1], path, bounds, dates_allowed=False) for p in parsed if p):
            return None
        periods = m.periods()
        checks = len(c.plan.coverage)
        cells = [c.measure(narrowed(m.every, _in_period(m.over, p)), path + ("every",)) for p in periods]
        del c.plan.coverage[checks:]  # each period is checked once, below, on the whole table
        if c.time_axis(scan.table, start):
            for name, value in (("from" if m.from_ is not None else "since", m.first), ("to", m.to)):
                c.within(scan, start, value, f"{name}: {value}", report=False)
            if not isinstance(m.over, Span):  # a period between them with no row at all is a gap, not a zero
                for value in periods[1:-1]:
                    c.within(scan, start, value, f"{value}", gap_only=True, report=False)
        if any(cell is None for cell in cells):
            return None
        for leaf in (n for cell in cells for n in walk(cell)):  # a period's sum over no rows has no value there,
            if isinstance(leaf, Simple):                          # as in a change or a run
                leaf.period_of_a_series = True
        axis = None if isinstance(m.over, Span) else (scan.from_sql(), scan.sql(start))
        return EveryNode(self.name, inner, [cell for cell in cells if cell is not None], periods, axis)

    def evaluate(self, node: EveryNode, ex: Executor) -> Evaluated:
        every = ex.cadence(*node.axis) if node.axis is not None else None  # elections: no period between them
        if node.axis is not None:
            _parts_in_one_query(node, node.axis[1], ex)
        each = [(str(p), ex.evaluate(cell)) for p, cell in zip(node.periods, node.cells, strict=True)
                if every is None or every.on(p)]
        ev = Evaluated(None, each=each, sql=[q for _, e in each for q in e.sql], cadence=every)
        found = [(p, (e.parts_unmatched, e.parts_over)) for p, e in each if e.parts_unmatched or e.parts_over]
        # a part above its whole: said as the claim reads it; a span's row is in several periods, each said apart
        ev.parts_at = PartsAt("at", found, apart=node.axis is None) if found else None
        for period, part in each:
            if part.unavailable:
                ev.unavailable, ev.why = part.unavailable, f"at {period}: {part.why}"
                break
        return ev

    def shape(self, node: EveryNode, claim: Claim) -> MeasureShape:
        return KINDS[node.inner.kind].shape(node.inner, claim)

    def unit(self, node: EveryNode) -> str:
        return KINDS[node.inner.kind].unit(node.inner)

    def parts(self, node: EveryNode, label: str | None) -> list[Part]:
        return KINDS[node.inner.kind].parts(node.inner, label)


def _parts_in_one_query(node: EveryNode, period_sql: str, ex: Executor) -> None:
    """A ratio's unmatched parts in every period, asked in one query grouped by the period column
    and handed to each period's figure, which would otherwise ask its own (one query a period)."""
    if not isinstance(node.inner, RatioNode):
        return
    by = parts_by_group(node.inner, ex, period_sql)
    for period, cell in zip(node.periods, node.cells, strict=True):
        ex.parts[id(cell)] = by.get(key(period), (None, None))


def _in_period(over: str | Span, period: int | str) -> str:
    """The condition that puts a row in ``period``."""
    p = expr_literal(period)
    if isinstance(over, Span):
        return f"({over.start}) <= {p} and (({over.end}) is null or ({over.end}) >= {p})"
    return f"({over}) == {p}"
