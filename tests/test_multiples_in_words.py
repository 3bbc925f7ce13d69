"""Multiples written in words: "threefold", "two to one" (found walking a grants story: the first
could not be read, the second got the hint "2 to 1", which then got `{between: [2, 1]}`)."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from factcheck.expectations import parse_expectation
from factcheck.expectations.shape import MeasureShape
from factcheck.formatting import key_shown

RATIO = MeasureShape("change_ratio")


@pytest.mark.parametrize(("written", "low", "high"), [
    ("threefold", F(59, 20), F(61, 20)),
    ("three-fold", F(59, 20), F(61, 20)),
    ("tenfold", F(199, 20), F(201, 20)),
    ("two to one", F(39, 20), F(41, 20)),
    ("3 to 1", F(59, 20), F(61, 20)),
    ("3 times as much", F(59, 20), F(61, 20)),   # below ten, digits read as words do: it passed 2.6×
    ("3x", F(59, 20), F(61, 20)),
    ("17 times", F(33, 2), F(35, 2)),           # from ten up, rounded as written
    ("23 times", F(45, 2), F(47, 2)),           # (it was read as the digits "2", "3" … of "23456789")
    ("2.5 times", F(49, 20), F(51, 20)),
])
def test_multiples_in_words(written: str, low: F, high: F) -> None:
    e = parse_expectation(written, RATIO)
    assert e.interval is not None and (e.interval.low, e.interval.high) == (low, high), e.meaning


def test_a_key_with_spaces_at_its_ends_is_quoted() -> None:
    assert (key_shown("Texas "), key_shown("Texas"), key_shown("New York")) == ("'Texas '", "Texas", "New York")
