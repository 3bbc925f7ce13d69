"""``top_sum: COLUMN, of: TABLE, top_n: 10`` — the sum of COLUMN over the rows with the largest
values ("the 10 highest-paid officers took home $1.4 million"), or over the top ``in_top`` percent
of them.

The rows (with ``by``, the groups, each its rows' sum) are ranked and cut exactly as for
``top_share`` (:mod:`.top_share`, whose query this kind runs): only the figure differs, the top's
sum itself instead of its share of the whole. It is an amount, judged as a sum is ("$1.4 million"
is read as money and shown with its sign). A value below zero is refused as ``top_share`` refuses
it, so that "took home $1.4 million, a tenth of the total" reads both figures off the same rows.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Literal

from ._kind import register, shape_of
from .top_share import TopDetails, TopRows, TopShareKind, TopShareNode, top_sums

if TYPE_CHECKING:
    from ..claims import Claim
    from ..expectations.shape import MeasureShape
    from ._values import Evaluated

_CONSTANT = re.compile(r"\s*[+-]?(?:\d+\.?\d*|\.\d+)\s*")
"""A column written as a number (``top_sum: 1, by: officer`` counts each group's rows)."""


class TopSum(TopRows):
    """``top_sum: COLUMN, of: TABLE, top_n: 10`` (or ``in_top: 10%``), optionally ``by: GROUP``."""

    top_sum: str


class TopSumDetails(TopDetails):
    """How many rows (or groups) make the top, of how many, and the two sums (the top's is the value)."""

    kind: Literal["top_sum"] = "top_sum"


@register
class TopSumKind(TopShareKind):
    name = "top_sum"
    model = TopSum
    details = TopSumDetails
    examples = ("{{top_sum: {column}, of: {table}{w}, top_n: 3}}",
                "{{top_sum: 1, of: {table}, by: {column}, in_top: 50}}")

    def value(self, node: TopShareNode, row: dict[str, Any]) -> Evaluated:
        return top_sum(node, row)

    def shape(self, node: TopShareNode, claim: Claim) -> MeasureShape:
        # a sum of a column's values: an amount, in money when the claim writes one; a constant
        # (`top_sum: 1, by: …`) counts rows, which are no amount in a unit
        of_values = "" if _CONSTANT.fullmatch(node.column_text) else node.column_text
        return shape_of("number", of_values=of_values)

    def share_like(self, node: TopShareNode) -> bool:
        return False


def top_sum(node: TopShareNode, row: dict[str, Any]) -> Evaluated:
    """The sum of the top rows (groups), exactly."""
    ev, sums = top_sums(node, row, "the largest values of a column that also records losses or refunds "
                                   "are no top earners (and top_share refuses the same rows)")
    if sums is None:
        return ev
    ev.details = TopSumDetails(in_top=sums.in_top, out_of=sums.out_of, top_total=float(sums.top_total),
                               total=float(sums.total))
    if ev.unavailable is None:
        ev.value = sums.top_total
    return ev
