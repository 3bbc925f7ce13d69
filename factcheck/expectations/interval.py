"""Intervals of exact values: what a wording allows, on the measure's own scale.

>>> from fractions import Fraction
>>> Interval(Fraction(585, 1000), Fraction(595, 1000), True, False).contains(Fraction(117, 200))
True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Interval:
    """An interval of exact values; ``None`` is an open-ended side.

    >>> Interval(Fraction(1, 3), None, False, False).contains(Fraction(1, 3))
    False
    """

    low: Fraction | None
    high: Fraction | None
    low_closed: bool
    high_closed: bool

    def contains(self, x: Fraction) -> bool:
        """Whether ``x`` lies in the interval."""
        if self.low is not None and (x < self.low or (x == self.low and not self.low_closed)):
            return False
        if self.high is not None and (x > self.high or (x == self.high and not self.high_closed)):
            return False
        return True

    @property
    def empty(self) -> bool:
        """No value lies in it: ``0 ≤ x < 0``, ``1.45 ≤ x < 0`` (what a wording against itself reads as).

        >>> Interval(Fraction(0), Fraction(0), True, False).empty, Interval(Fraction(0), Fraction(0), True, True).empty
        (True, False)
        """
        if self.low is None or self.high is None:
            return False
        return self.low > self.high or (self.low == self.high and not (self.low_closed and self.high_closed))

    def describe(self, fmt: Callable[[Fraction], str]) -> str:
        """For people: ``"58.5% ≤ x < 59.5%"``, ``"x > 33.3%"``."""
        lo = "≤" if self.low_closed else "<"
        hi = "≤" if self.high_closed else "<"
        if self.low is not None and self.high is not None:
            if self.low == self.high and self.low_closed and self.high_closed:
                return f"x = {fmt(self.low)}"
            return f"{fmt(self.low)} {lo} x {hi} {fmt(self.high)}"
        if self.low is not None:
            return f"x {'≥' if self.low_closed else '>'} {fmt(self.low)}"
        if self.high is not None:
            return f"x {hi} {fmt(self.high)}"
        return "any value"

    def map(self, a: Fraction, b: Fraction) -> Interval:
        """The image under x ↦ a·x + b (a ≠ 0); a negative ``a`` swaps the ends."""
        lo = None if self.low is None else a * self.low + b
        hi = None if self.high is None else a * self.high + b
        if a > 0:
            return Interval(lo, hi, self.low_closed, self.high_closed)
        return Interval(hi, lo, self.high_closed, self.low_closed)

    def intersect(self, other: Interval) -> Interval:
        """The values in both intervals (may be empty)."""
        low, low_closed = _tighter(self.low, self.low_closed, other.low, other.low_closed, max)
        high, high_closed = _tighter(self.high, self.high_closed, other.high, other.high_closed, min)
        return Interval(low, high, low_closed, high_closed)


def _tighter(a: Fraction | None, ac: bool, b: Fraction | None, bc: bool,
             pick: Callable[[Fraction, Fraction], Fraction]) -> tuple[Fraction | None, bool]:
    if a is None:
        return b, bc
    if b is None or a != b:
        best = a if b is None else pick(a, b)
        return best, (ac if best == a else bc)
    return a, ac and bc
