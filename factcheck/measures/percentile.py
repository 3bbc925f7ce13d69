"""``percentile: COLUMN, of: TABLE, p: 90`` — the value below which p% of the kept values lie.

``p`` is on the scale people say it ("the 90th percentile"): 0 to 100. A p strictly between
0 and 1 is refused, since ``p: 0.9`` is far more often a fraction meant as the 90th than a
wish for the 0.9th. Two definitions, named by ``method``:

- ``interpolated`` (the default): DuckDB's ``quantile_cont``, linear interpolation between
  the two nearest ranks — numpy's ``method="linear"`` and pandas' ``Series.quantile``.
  ``median`` is this definition at p = 50.
- ``nearest_rank``: DuckDB's ``quantile_disc``, the smallest value with at least p% of the
  values at or below it — numpy's ``method="inverted_cdf"``. Always a value of the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from pydantic import field_validator

from ._kind import register
from ._model import Filtered
from ._simple import DEC, Aggregate, Simple
from .aggregate import ColumnAggregate

_SQL = {"interpolated": "quantile_cont", "nearest_rank": "quantile_disc"}


def percent_scale(value: Any, field: str, example: str) -> Decimal:
    """A number on the 0-100 scale (``90`` or ``'90%'``); a fraction such as 0.9 is refused."""
    if isinstance(value, bool):
        raise ValueError(f"{field} is a number from 0 to 100, not {str(value).lower()}")
    text = str(value).strip()
    written_as_percent = text.endswith("%")
    if written_as_percent:
        text = text[:-1].strip()
    try:
        number = Decimal(text)
    except ArithmeticError:
        raise ValueError(f"{field} is a number from 0 to 100 (for example {example}), not {value!r}") from None
    if not number.is_finite() or not 0 <= number <= 100:
        raise ValueError(f"{field} is a number from 0 to 100 (for example {example}), not {value}")
    if 0 < number < 1 and not written_as_percent:  # 0.01% is what it says; a bare 0.9 may mean 90
        hundred = f"{(number * 100).normalize():f}"
        raise ValueError(f"{field} is on a 0-100 scale: {field}: {value} would mean {value}%, not "
                         f"{hundred}%; write {field}: {hundred} for that")
    return number


@dataclass(frozen=True)
class PercentileSetting:
    p: Decimal
    method: str


class Percentile(Filtered):
    """``percentile: COLUMN, of: TABLE, p: 90``, ``method: interpolated | nearest_rank``."""

    percentile: str
    of: str
    p: Decimal
    method: Literal["interpolated", "nearest_rank"] = "interpolated"

    @field_validator("p", mode="before")
    @classmethod
    def _p(cls, value: Any) -> Decimal:
        return percent_scale(value, "p", "p: 90 for the 90th percentile")


@register
class PercentileKind(ColumnAggregate):
    name = "percentile"
    model = Percentile
    examples = ("{{percentile: {column}, of: {table}{w}, p: 90}}",
                "{{percentile: {column}, of: {table}, p: 25, method: nearest_rank}}")

    def param(self, m: Percentile) -> PercentileSetting:
        return PercentileSetting(m.p, m.method)

    def aggregates_of(self, node: Simple, x: str) -> list[Aggregate]:
        setting: PercentileSetting = node.param
        q = format((setting.p / 100).normalize(), "f")
        return [("percentile", f"{_SQL[setting.method]}(CAST({x} AS {DEC}), {q})", None),
                ("n", f"count({x})", None)]
