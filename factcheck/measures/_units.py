"""The unit a measure's figures are shown in when nothing else gives one: the value a record
(``extreme``) ranks and its rivals, the figure of a tie at a ``top``'s cut. There the ``expect`` is
``true`` or a list of names, so it says nothing of the figures; the measure itself does (a share is
a percentage) and, for money, the claim's sentence (``says: … $25,400``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..formatting import FigureUnit
from ..money import amounts

if TYPE_CHECKING:
    from ..planning.nodes import PlanNode

_NUMBER = re.compile(r"(?<![\w.,])\d[\d,.]*")
PERCENTAGE = re.compile(r"[+-]?\d[\d,.]*\s*(?:%|per\s?cent\b|percentage points?\b|points?\b)", re.IGNORECASE)
"""A percentage in a sentence: a share's own figure, no amount of anything else."""
_YEAR = re.compile(r"(?:19|20)\d\d")


def figure_unit(node: PlanNode, says: str | None) -> FigureUnit | None:
    """How the figures of ``node`` are shown: a share as a percentage, a measure of a column in
    percent (``unit: percent``) as one, a sum, mean, median … as money when the claim's sentence
    writes an amount in one currency (and nothing else does: no time unit); else None (plainly).

    A ratio is a share only when its ``expect`` reads one, which a record's ``true`` does not: it is
    shown plainly, unless it is in percent or an amount over something else (a sum of pay per
    officer), which is money as a sum is. A count is never money."""
    from ._kind import KINDS
    unit = getattr(node, "unit", "fraction")
    if node.kind == "share":
        return FigureUnit("percent" if unit == "percent" else "share")
    if unit == "percent":
        return FigureUnit("percent")
    if node.kind == "ratio":  # an amount over something else ("$246,914 per officer") is in its unit
        return _money(says or "") if amount_per(node) else None
    if not getattr(KINDS.get(node.kind), "reads_numbers", False) or getattr(node, "time_unit", None):
        return None
    return _money(says or "")


def amount_per(node: PlanNode) -> bool:
    """Whether a ratio is an amount over something else ("$246,914 per staff member": a sum of pay
    over a count, or a sum, of staff), whose value is in the amount's unit: its numerator reads a
    column's numbers (a sum, a mean …, in no unit of time), and its denominator is not the same
    column (a share of the money is no amount)."""
    from ._kind import KINDS
    num, den = getattr(node, "numerator", None), getattr(node, "denominator", None)
    if num is None or den is None:
        return False
    if not getattr(KINDS.get(num.kind), "reads_numbers", False) or getattr(num, "time_unit", None):
        return False
    return not same_column(num, den)


def same_column(a: PlanNode, b: PlanNode) -> bool:
    """Do two measures read the same column (or expression): a sum of pay over the sum of all pay?"""
    read = getattr(a, "expr_sql", None)
    return read is not None and read == getattr(b, "expr_sql", None)


def _money(says: str) -> FigureUnit | None:
    """The currency the sentence's figures are in, when every figure it writes is an amount in that
    one currency (a year aside): "the highest median overtime, $25,400". A sentence with another
    number ("the fewest, 9, cost $4,000") may give the amount of something else: nothing is said.

    >>> _money("the highest median overtime, $25,400, in 2024"), _money("the fewest, 9, cost $4,000")
    (FigureUnit(kind='money', sign='$'), None)
    """
    found = list(amounts(says))
    signs = {sign for sign, _, _ in found}
    rest = says
    for _, start, end in reversed(found):
        rest = f"{rest[:start]} {rest[end:]}"
    others = [n for n in _NUMBER.findall(rest) if not _YEAR.fullmatch(n.rstrip(".,"))]
    return FigureUnit("money", signs.pop()) if len(signs) == 1 and not others else None


def sums_sign(column_text: str, says: str | None, expect: object) -> str:
    """The currency sign the sums of a column a top ranks (each group's, the top's, the whole) are in:
    the sign of an ``expect`` written as an amount ("$1.4 million" of a ``top_sum``), else of the claim's
    sentence when it writes its figures as amounts in one currency, its percentages and years aside
    ("The top five vendors received $760 million, 64.8% of the money"); '' for a column written as a
    number (``top_share: 1, by: officer`` counts rows) or a sentence that does not say.

    >>> sums_sign("amount", "The top five received $760 million, 64.8% of the money.", "64.8%")
    '$'
    >>> sums_sign("1", "The top two donors gave $1,050.50.", "$1,050.50"), sums_sign("amount", "x", "40%")
    ('', '')
    """
    from ..money import currency_sign
    if _CONSTANT.fullmatch(column_text):
        return ""
    written = currency_sign(expect) if isinstance(expect, str) else ""
    if written:
        return written
    unit = _money(PERCENTAGE.sub(" ", says or ""))
    return unit.sign if unit is not None else ""


_CONSTANT = re.compile(r"\s*[+-]?(?:\d+\.?\d*|\.\d+)\s*")
"""A column written as a number (``top_sum: 1, by: officer`` counts each group's rows)."""
