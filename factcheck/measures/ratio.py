"""``ratio: {numerator: MEASURE, denominator: MEASURE}, per: N`` — one measure divided by another.

With ``per``, a rate as articles write one: "1.8 filings per 1,000 households" is
``ratio: {numerator: {count: filings, …}, denominator: {sum: households, …}}, per: 1000``, whose
value is numerator ÷ denominator × 1,000, read as the figure is written (``expect: '1.8'``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, field_validator, model_validator

from ..errors import HintedError
from ..expectations.numbers import as_float
from ..formatting import key_shown, plain_number
from ..outcome import Reason
from ..planning.nodes import Part, PlanNode
from ._kind import KINDS, MeasureKind, register, shape_of
from ._model import MeasureModel
from ._values import Evaluated, Groups, PartsAt, Unmatched, least_base, number

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

    @model_validator(mode="after")
    def _two_measures(self) -> RatioParts:
        """The same measure over itself is 1 wherever it is defined, whatever the data say: a
        share written with the part left out of the numerator (walking an election story, a vote
        share compared by candidate came out 0 points)."""
        if _written(self.numerator) == _written(self.denominator):
            raise HintedError("numerator and denominator are the same measure, so the ratio is 1 whatever "
                              "the data say",
                              "name the part in the numerator's where, e.g. numerator: "
                              "{sum: votes, of: results, where: candidate == 'Rivera'}")
        return self


def _written(measure: Any) -> Any:
    """A measure as written, its text without the spaces outside quotes (``a==1`` is ``a == 1``,
    ``'New York'`` keeps its own)."""
    dumped = measure.model_dump(exclude_defaults=True)
    return _spaced(dumped)


def _spaced(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _spaced(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_spaced(v) for v in value]
    if isinstance(value, str):
        return _OUTSIDE_QUOTES.sub(lambda m: m.group(1) or "", value)
    return value


class Ratio(MeasureModel):
    """``ratio: {numerator: MEASURE, denominator: MEASURE}, per: N``."""
    ratio: RatioParts
    unit: Literal["fraction", "percent"] | None = None
    per: int | None = Field(None, gt=0, description="a rate per so many of the denominator: per: 1000 for "
                                                    "'1.8 per 1,000 households' (numerator ÷ denominator × 1,000)")

    @field_validator("per", mode="before")
    @classmethod
    def _thousands_as_written(cls, value: Any) -> Any:
        """``per: 1,000`` as an article writes it (YAML reads it as the text '1,000') is 1000."""
        if isinstance(value, str) and _THOUSANDS.fullmatch(value.strip()):
            return int(value.strip().replace(",", ""))
        return value

    @model_validator(mode="after")
    def _a_rate_is_no_percentage(self) -> Ratio:
        if self.per is not None and self.unit is not None:
            raise ValueError("a rate (per) is a number per so many, not a share: leave out unit")
        return self


_OUTSIDE_QUOTES = re.compile(r"('[^']*'|\"[^\"]*\")|\s+")
"""A quoted literal (kept as written) or a run of spaces outside one (dropped)."""

_THOUSANDS = re.compile(r"[1-9]\d{0,2}(,\d{3})+")
"""A whole number with commas between its thousands: 1,000 and 100,000."""


@dataclass
class RatioNode(PlanNode):
    numerator: PlanNode
    denominator: PlanNode
    unit: str = "fraction"
    per: int = 1  # a rate per so many: the quotient times this
    parts_money: tuple[str, str] = ("", "")  # the currency signs of the numerator and denominator ('': no money)

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
        if not num or not den:
            return None
        return RatioNode(self.name, num, den, m.unit or "fraction", m.per or 1,
                         parts_money(num, den, c.plan.claim.says, c.plan.claim.expect))

    def evaluate(self, node: RatioNode, ex: Executor) -> Evaluated:
        ev = divide(ex.evaluate(node.numerator), ex.evaluate(node.denominator), node.per)
        ev.parts_money = node.parts_money
        if ev.value is not None:
            ev.unknown_counted = _unknown_counted(node, ex)
            ev.parts_unmatched, ev.parts_over = _parts_unmatched(node, ex)
        return ev

    def grouped(self, node: RatioNode, ex: Executor) -> Groups:
        num, den = ex.grouped(node.numerator), ex.grouped(node.denominator)
        keys = list(dict.fromkeys([*num.values, *den.values]))
        return Groups({k: divide(ex.at(node.numerator, num, k), ex.at(node.denominator, den, k), node.per)
                       for k in keys}, num.sql + den.sql, categories=num.categories or den.categories)

    def absent(self, node: RatioNode, ex: Executor, at: Any) -> Evaluated:
        return divide(ex.at(node.numerator, ex.grouped(node.numerator), at),
                      ex.at(node.denominator, ex.grouped(node.denominator), at), node.per)

    def shape(self, node: RatioNode, claim: Claim) -> MeasureShape:
        from ..expectations import implies_share  # what the wording says: a part of a whole, or a number
        from ..expectations.wording import implies_multiple
        if node.per != 1:  # "1.8 per 1,000": so many, never a share ("$12 per 1,000 residents": money)
            from ._units import amount_per
            return shape_of("number", "fraction", per_amount=amount_per(node))
        minutes = getattr(node.numerator, "time_unit", None) if node.denominator.kind == "count" else None
        if minutes is not None:  # minutes waited over visits counted: minutes a visit ("3.3 hours" is 198)
            return shape_of("number", node.unit, time_unit=minutes,
                            time_from=f"{getattr(node.numerator, 'time_from', '')}, per row counted")
        if implies_multiple(claim.expect) and not implies_share(claim.expect):
            return shape_of("change_ratio")  # "3.5 times as likely": the ratio read as the multiple it is
        if implies_share(claim.expect):
            return shape_of("share", node.unit)
        from ._units import amount_per
        return shape_of("number", node.unit, per_amount=node.unit == "fraction" and amount_per(node))

    def unit(self, node: RatioNode) -> str:
        return node.unit

    def share_like(self, node: RatioNode) -> bool:
        return node.per == 1

    def parts(self, node: RatioNode, label: str | None) -> list[Part]:
        return (KINDS[node.numerator.kind].parts(node.numerator, "numerator")
                + KINDS[node.denominator.kind].parts(node.denominator, "denominator"))


def parts_money(num: PlanNode, den: PlanNode, says: str | None, expect: Any) -> tuple[str, str]:
    """The currency signs the numerator and denominator of a ratio are shown in ('' for none): an
    amount (a sum, a mean … never a count) is money when the claim's sentence writes its figures as
    amounts in one currency, its percentages and years aside ("Department a got $1.2 million, 99.99%
    of the total"). A ratio stated as money ("about $246,914 per staff member") is money over
    something else: its numerator alone is. Otherwise both are, when they add up one column (a share
    of the money); two columns are left plain (payroll over staff: the sentence cannot say which)."""
    from ..money import currency_sign
    from ._units import PERCENTAGE, figure_unit, same_column
    bare = PERCENTAGE.sub(" ", says or "")
    signs = [u.sign if (u := figure_unit(part, bare)) is not None and u.kind == "money" else ""
             for part in (num, den)]
    if not signs[0] and not signs[1]:
        return "", ""
    if currency_sign(expect if isinstance(expect, str) else ""):
        return signs[0], ""
    return (signs[0], signs[1]) if same_column(num, den) else ("", "")


def _unknown_counted(node: RatioNode, ex: Executor) -> tuple[int, str] | None:
    """A ratio of two counts of one table whose numerator keeps rows by a condition that some of the
    denominator's rows cannot tell (a blank wait for "waited more than six hours"): how many, and the
    condition. The ratio counts them as not meeting it, where a share would leave them out: "one in
    ten" passed at 10.5% as a ratio, and failed at 10.7% as the share of known waits."""
    from ..planning.nodes import Scan
    num, den = node.numerator, node.denominator
    if not (num.kind == den.kind == "count" and isinstance(getattr(num, "scan", None), Scan)
            and isinstance(getattr(den, "scan", None), Scan)):
        return None
    ns, ds = num.scan, den.scan  # type: ignore[attr-defined]
    if ns.table != ds.table or ns.where_expr is None or ns.where_text is None:
        return None
    joined = Scan(ns.table, {**ds.joins, **ns.joins})
    sql = f"SELECT count(*)\n{joined.from_sql()}{ds.where_sql(f'({ns.where}) IS NULL')}"
    try:
        n = int(ex.run(sql).rows[0][0] or 0)
    except Exception as exc:  # noqa: BLE001 - a note only: the figure stands without it
        from ..interrupts import reraise_interrupt
        reraise_interrupt(exc)
        return None
    return (n, ns.where_text) if n else None


def _parts_unmatched(node: RatioNode, ex: Executor) -> Unmatched:
    """A ratio of two sums over the same rows (one table, one filter: absences over students)
    where some rows hold one part's value and not the other's (absences, but no students): the
    numerator counts them and the denominator does not, so the ratio mixes two sets of rows. A
    district's rate of 32.4% was 16.7% over the rows holding both. How many, each way; and the rows
    whose numerator is above their denominator (51 vaccinated of 38 enrolled), said of a share."""
    found = ex.parts.get(id(node))  # asked already, with the other periods of a series (`every`)
    if found is not None:
        return found
    return parts_by_group(node, ex, None).get(None, (None, None))


def parts_by_group(node: RatioNode, ex: Executor, group_sql: str | None,
                   joins: dict[str, Any] | None = None) -> dict[str | None, Unmatched]:
    """What :func:`_parts_unmatched` finds, per value of ``group_sql`` (an SQL expression over the
    ratio's table: the period of a series, the column of compared groups) in one query, keyed as
    :func:`key` keys periods; under None without a group. Empty when the ratio is not of two sums
    over the same rows, when nothing is found, or when the query fails (a warning only)."""
    from ..expressions import conjuncts
    from ..planning.nodes import Scan
    from ._simple import Simple
    from ._values import key
    num, den = node.numerator, node.denominator
    if not (num.kind == den.kind == "sum" and isinstance(num, Simple) and isinstance(den, Simple)):
        return {}
    ns, ds = num.scan, den.scan
    if ns.table != ds.table or num.expr_sql is None or den.expr_sql is None or (  # one filter in any order
            {ns.sql(p) for p in conjuncts(ns.where_expr)} != {ds.sql(p) for p in conjuncts(ds.where_expr)}):
        return {}
    a, b = num.expr_sql, den.expr_sql
    counts = (f"count(*) FILTER (WHERE ({a}) IS NOT NULL AND ({b}) IS NULL), "
              f"count(*) FILTER (WHERE ({b}) IS NOT NULL AND ({a}) IS NULL), "
              f"count(*) FILTER (WHERE ({a}) > ({b}) AND ({b}) >= 0)")
    from_sql = Scan(ns.table, {**ds.joins, **ns.joins, **(joins or {})}).from_sql()  # the group's lookup too
    sql = (f"SELECT {counts}\n{from_sql}{ns.where_sql()}" if group_sql is None else
           f"SELECT {group_sql}, {counts}\n{from_sql}{ns.where_sql()}\nGROUP BY 1")
    try:
        rows = ex.run(sql).rows
    except Exception as exc:  # noqa: BLE001 - a warning only: the figure stands without it
        from ..interrupts import reraise_interrupt
        reraise_interrupt(exc)
        return {}
    texts = (num.expr_text or "", den.expr_text or "")
    out: dict[str | None, Unmatched] = {}
    for row in rows:
        if group_sql is not None and row[0] is None:
            continue  # a row of no period is in none the claim reads
        at = None if group_sql is None else key(row[0])
        only_num, only_den, over = (int(x or 0) for x in row[-3:])
        found = _unmatched(only_num, only_den, over, *texts)
        if found != (None, None):
            out[at] = found
    return out


def _unmatched(only_num: int, only_den: int, over: int, num: str, den: str) -> Unmatched:
    """The counts of :func:`parts_by_group` as the warnings read them."""
    found = [(n, has, lacks) for n, has, lacks in ((only_num, num, den), (only_den, den, num)) if n]
    return found or None, (over, num, den) if over else None


def parts_at(node: PlanNode, ex: Executor, group_sql: str | None, keys: list[str], word: str = "at",
             whole: bool | None = None) -> PartsAt | None:
    """The unmatched parts of a ratio read per period (or group) in a series, at the ``keys`` the
    claim reads, in that order: one query for them all. None when ``node`` is no such ratio (of two
    sums over the same rows, grouped by the same SQL), or none of them has any."""
    if not isinstance(node, RatioNode):
        return None
    if group_sql is None:  # grouped by its own `over`: both parts the same way
        groups = {getattr(part, "group_sql", None) for part in (node.numerator, node.denominator)}
        group_sql = groups.pop() if len(groups) == 1 else None
        if group_sql is None:
            return None
    by = parts_by_group(node, ex, group_sql)
    found = [(k, by[k]) for k in dict.fromkeys(keys) if k in by]
    return PartsAt(word, found, whole) if found else None


def read_as_share(node: PlanNode, as_: str | None = None) -> bool:
    """Is a ratio inside a series read as a share (a part above its whole then said)? When the series
    compares it in points (which only shares have), or the ratio is in percent."""
    return as_ == "points" or (isinstance(node, RatioNode) and node.unit == "percent")


def divide(num: Evaluated, den: Evaluated, per: int = 1) -> Evaluated:
    """numerator ÷ denominator (× ``per``, for a rate per so many), unavailable when a part is; its
    neighbours from the parts'."""
    # a ratio rests on the records of its numerator, and on those of its denominator only when that
    # counts records: the rows that give a population, an income or a budget to divide by are no
    # sample (one row of households per borough is no small base; the filings counted may be). A sum
    # of a column declared counts: rests on the people it adds up, not on its rows
    ev = Evaluated(None, numerator=number(num), denominator=number(den), sql=num.sql + den.sql, rows_kept=None)
    least_base(ev, (num, den) if per == 1 and den.exact_count else (num,))
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
    ev.value = a / b * per
    # one record more or less: either part alone, or both the same way (a record that meets the
    # condition counts in both); never one up and the other down
    ev.neighbours = [n / d * per for n in [a, *num.neighbours] for d in [b, *den.neighbours]
                     if d and (n, d) != (a, b) and (n - a) * (d - b) >= 0]
    return ev


def lacks_base(ev: Evaluated) -> bool:
    """Is ``ev`` a ratio with one part and not the other: deaths in a state the population table
    has no row for (often a name spelled two ways), or residents of a county with no home to sum
    the beds of? A value the data lacks, not one that does not exist (0/0, a mean of no rows)."""
    if ev.value is not None:
        return False
    num, den = ev.numerator, ev.denominator
    return (num not in (None, 0) and den in (None, 0)) or (num is None and den not in (None, 0))


def lacking_said(lacking: list[str], first: Evaluated) -> str:
    """Why the ranking cannot be judged: values that exist, that the data cannot give."""
    names = ", ".join(key_shown(k) for k in lacking[:5]) + (
        f" and {len(lacking) - 5} more" if len(lacking) > 5 else "")
    if len(lacking) > 1:
        return (f"{names} cannot be ranked: each has one part of the ratio and no value for the other (no row for "
                "it in one of the two tables: a name spelled another way there?), so they may rank anywhere")
    if first.numerator is None:
        return (f"{names} cannot be ranked: its denominator is {plain_number(as_float(first.denominator or 0))} but "
                "its numerator has no row (a sum of no rows is unknown; if it truly had none, measure a count), so "
                "it may rank anywhere")
    whose = f"its numerator is {plain_number(as_float(first.numerator))} but its denominator has no value"
    return (f"{names} cannot be ranked: {whose} (no row for it in the denominator's table: a name spelled "
            "another way there?), so it may rank anywhere")
