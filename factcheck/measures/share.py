"""``share: CONDITION, of: TABLE`` — kept rows meeting CONDITION ÷ kept rows where it is known."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..outcome import Reason
from ..planning.nodes import Part
from ._kind import register, shape_of
from ._model import Filtered
from ._simple import Aggregate, Simple, SimpleKind
from ._values import Evaluated

if TYPE_CHECKING:
    from ..claims import Claim
    from ..expectations.shape import MeasureShape


class Share(Filtered):
    """``share: CONDITION, of: TABLE`` — kept rows meeting CONDITION ÷ kept rows."""
    share: str
    of: str


@register
class ShareKind(SimpleKind):
    name = "share"
    model = Share
    what = "condition"
    examples = ("{{share: \"{where_or_minor}\", of: {table}}}",)

    def aggregates(self, x: str, numbers: str) -> list[Aggregate]:
        return [("known", "count(*)", f"{x} IS NOT NULL"), ("meeting", "count(*)", x)]

    def value(self, node: Simple, row: dict[str, Any] | None) -> Evaluated:
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
        return [Part(node.scan, node.expr_sql, label, node.group_sql)]


def _neighbours(meeting: int, known: int) -> list[Fraction]:
    """The share with one record more or less, either way."""
    out = [Fraction(meeting + 1, known + 1), Fraction(meeting, known + 1)]
    if known > 1 and meeting > 0:
        out.append(Fraction(meeting - 1, known - 1))
    if known > 1 and known - meeting > 0:
        out.append(Fraction(meeting, known - 1))
    return out
