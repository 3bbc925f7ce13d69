"""``count: TABLE`` — the rows kept."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ._kind import register
from ._model import Filtered
from ._simple import Aggregate, Simple, SimpleKind
from ._values import Evaluated


class Count(Filtered):
    """``count: TABLE`` — rows kept."""
    count: str


@register
class CountKind(SimpleKind):
    name = "count"
    model = Count
    table_field = "count"
    examples = ("{{count: {table}{w}}}",)

    def aggregates(self, x: str, numbers: str) -> list[Aggregate]:
        return []

    def value(self, node: Simple, row: dict[str, Any] | None) -> Evaluated:
        kept = int(row["rows_kept"]) if row else 0
        # a count stated exactly is always one record from failing: no `fragile` note for it,
        # but the neighbours are kept for measures built on counts (ratio, change)
        n = Fraction(kept)
        return Evaluated(n, rows_kept=kept, base=kept, exact_count=True,
                         neighbours=[n - 1, n + 1] if kept else [n + 1])
