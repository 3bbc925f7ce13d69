"""``share: CONDITION, of: TABLE`` — kept rows meeting CONDITION ÷ kept rows where it is known;
with ``sum: COLUMN``, the rows weighed by COLUMN: the sum over the rows meeting CONDITION ÷ the sum
over the rows where it is known ("Northgate held 45% of the state's inmates" over one row per prison
and year holding its inmates). The same figure as a ratio of the two sums, in one scan."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

from pydantic import Field

from ..outcome import Reason
from ..planning.nodes import Part
from ._kind import register, shape_of
from ._model import Filtered
from ._simple import DEC, Aggregate, Simple, SimpleKind
from ._values import Evaluated, MeasureError, frac

if TYPE_CHECKING:
    from ..claims import Claim
    from ..expectations.shape import MeasureShape
    from ..planning.compiler import Compiler
    from ..planning.nodes import PathKey


class Share(Filtered):
    """``share: CONDITION, of: TABLE`` — kept rows meeting CONDITION ÷ kept rows; ``sum: COLUMN``
    weighs each row by COLUMN."""
    share: str
    of: str
    sum: str | None = Field(None, description="a column whose values each row counts (inmates): the share "
                                              "is of their sum, not of the rows")


@register
class ShareKind(SimpleKind):
    name = "share"
    model = Share
    what = "condition"
    examples = ("{{share: \"{where_or_minor}\", of: {table}}}",)

    def aggregates(self, x: str, numbers: str) -> list[Aggregate]:
        return [("known", "count(*)", f"{x} IS NOT NULL"), ("meeting", "count(*)", x)]

    def aggregates_of(self, node: Simple, x: str) -> list[Aggregate]:
        if node.weight is None:
            return self.aggregates(x, "")
        w = f"({node.scan.sql(node.weight)})"
        amount = f"CAST({w} AS {DEC})"
        return [("known_rows", "count(*)", f"{x} IS NOT NULL AND {w} IS NOT NULL"),
                ("known", f"sum({amount})", f"{x} IS NOT NULL"), ("meeting", f"sum({amount})", x),
                ("below_zero", "count(*)", f"{w} < 0")]

    def compile(self, c: Compiler, m: Any, path: PathKey, over: str | None) -> Simple | None:
        node = super().compile(c, m, path, over)
        if node is None or m.sum is None:
            return node
        got = c.expr(m.sum, node.scan, path + ("sum",), "column", numbers="sum")
        if got is None:
            return None
        node.weight, node.weight_text = got, str(m.sum)
        node.counts = c.cat.counts_of(node.scan.table, got)
        return node

    def value(self, node: Simple, row: dict[str, Any] | None) -> Evaluated:
        if node.weight is not None:
            return _weighed(node, row)
        kept = int(row["rows_kept"]) if row else 0
        known, meeting = (int(row["known"]), int(row["meeting"])) if row else (0, 0)
        ev = Evaluated(None, rows_kept=kept, rows_unknown=kept - known, base=known,
                       numerator=Fraction(meeting), denominator=Fraction(known))
        if known == 0:
            ev.unavailable = Reason.NO_ROWS if kept == 0 else Reason.ZERO_DENOMINATOR
            ev.why = "no rows pass the filter" if kept == 0 else "every row's condition is unknown"
            return ev
        ev.value = Fraction(meeting, known)
        ev.neighbours = _neighbours(meeting, known)
        return ev

    def shape(self, node: Simple, claim: Claim) -> MeasureShape:
        return shape_of("share", node.unit, part_of_a_whole=node.unit == "fraction")

    def share_like(self, node: Simple) -> bool:
        return True

    def parts(self, node: Simple, label: str | None) -> list[Part]:
        weight = f"({node.scan.sql(node.weight)})" if node.weight is not None else None
        return [Part(node.scan, node.expr_sql, label, node.group_sql, weight=weight, weight_text=node.weight_text)]


def _weighed(node: Simple, row: dict[str, Any] | None) -> Evaluated:
    """A share weighed by ``sum:``: of the column's sum, over the rows where the condition and the
    column are known. It rests on that sum when the column is declared ``counts:`` (4,099 inmates;
    one inmate more or less is its neighbour), else on the rows."""
    kept = int(row["rows_kept"]) if row else 0
    rows = int(row["known_rows"]) if row else 0
    below = int(row["below_zero"] or 0) if row else 0
    if below:
        raise MeasureError(f"{node.weight_text} is below 0 in {below:,} kept row{'s' if below != 1 else ''}, so "
                           f"no share of its sum can be taken", f"a share weighed by sum: {node.weight_text} needs "
                           "values of at least 0: leave the others out with where:")
    known = frac(row["known"]) if row else None
    meeting = (frac(row["meeting"]) if row else None) or Fraction(0)
    ev = Evaluated(None, rows_kept=kept, rows_unknown=kept - rows, base=rows, numerator=meeting, denominator=known)
    if rows == 0 or known is None:
        ev.unavailable = Reason.NO_ROWS if kept == 0 else Reason.ZERO_DENOMINATOR
        ev.why = "no rows pass the filter" if kept == 0 else (
            f"every row's condition or {node.weight_text} is unknown")
        return ev
    if known == 0:
        ev.unavailable, ev.why = Reason.ZERO_DENOMINATOR, f"the rows' {node.weight_text} add up to 0"
        return ev
    ev.value = meeting / known
    if node.counts is not None and known.denominator == 1 and meeting.denominator == 1:
        ev.base, ev.base_of = int(known), node.counts
        ev.neighbours = _neighbours(int(meeting), int(known))
    return ev


def _neighbours(meeting: int, known: int) -> list[Fraction]:
    """The share with one record more or less, either way."""
    out = [Fraction(meeting + 1, known + 1), Fraction(meeting, known + 1)]
    if known > 1 and meeting > 0:
        out.append(Fraction(meeting - 1, known - 1))
    if known > 1 and known - meeting > 0:
        out.append(Fraction(meeting, known - 1))
    return out
