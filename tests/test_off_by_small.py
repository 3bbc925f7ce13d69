"""A fail's "by how much" for a difference too small for one decimal of a percent: "1 high
(<0.1%)", not "1 high (0.0%)", which read as no difference beside a figure that failed for one.
Every other difference keeps its one decimal, as before."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.expectations import MeasureShape, parse_expectation
from factcheck.expectations.judging import judge_value


def _message(expect: str, computed: Fraction, shape: str = "number") -> str:
    return judge_value(parse_expectation(expect, MeasureShape(shape)), computed).message


@pytest.mark.parametrize("expect, computed, message", [
    ("5,076", Fraction(5077), "stated 5,076, computed 5,077: 1 high (<0.1%)"),
    ("1,234,567.5", Fraction(12345676, 10), "stated 1,234,567.5, computed 1,234,567.6: 0.1 high (<0.1%)"),
    ("up 1,000", Fraction(1001), "stated up 1,000, computed up 1,001: 1 more (0.1%)"),
    ("12", Fraction(13), "stated 12, computed 13: 1 high (8.3%)"),
])
def test_a_difference_too_small_to_show_reads_below_a_tenth_of_a_percent(expect: str, computed: Fraction,
                                                                         message: str) -> None:
    shape = "change_absolute" if expect.startswith("up") else "number"
    assert _message(expect, computed, shape) == message


@given(stated=st.integers(min_value=1, max_value=10**9), off=st.integers(min_value=1, max_value=10**6),
       high=st.booleans())
def test_the_share_of_a_miss_is_never_shown_as_nothing(stated: int, off: int, high: bool) -> None:
    computed = stated + off if high else stated - off
    message = _message(f"{stated:,}", Fraction(computed))
    found = re.search(r": [\d,.]+ (?:high|low) \(([^)]*)\)", message)  # a hint may follow, with its own brackets
    assert found is not None, message
    shown = found[1]
    exact = Decimal(off) / Decimal(stated) * 100
    if exact < Decimal("0.05"):
        assert shown == "<0.1%"
    else:
        assert shown == f"{exact.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP):,}%"
