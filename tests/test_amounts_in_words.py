"""Amounts written in words that the draft (and ``expect:``) misread: "a thousand million" (1,001,000),
"a quarter million" (a calendar quarter), "a half million" (the fraction 1/2), "a million and a
half" (two figures), "two point five hours" (the hours dropped), "at one point" (one percentage
point). Each reads as the amount it is, in the draft and in ``expect:`` alike, and the neighbours
that must not change ("the second quarter", "half of the cases", "rose one point") read as before.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from factcheck.draft.figures import find_figures
from factcheck.draft.phrases import in_digits
from factcheck.expectations import MeasureShape, parse_expectation
from factcheck.expectations.spelled import read_spelled

NUMBER = MeasureShape("number")


def figures(sentence: str) -> list[tuple[str, str, Fraction | None]]:
    """The draft's figures of one sentence: text, kind, value."""
    return [(f.text, f.kind, f.value) for s in find_figures(sentence) for f in s.figures]


def periods(sentence: str) -> list[str]:
    return [p.text for s in find_figures(sentence) for p in s.periods]


def band(written: str) -> tuple[float, float]:
    """The interval an ``expect:`` of a plain number reads as."""
    e = parse_expectation(written, NUMBER)
    assert e.interval is not None and e.interval.low is not None and e.interval.high is not None, e.meaning
    return float(e.interval.low), float(e.interval.high)


# --------------------------------------------------------------------------- a thousand million

@pytest.mark.parametrize(("sentence", "found"), [
    ("The scheme cost a thousand million pounds.", [("a thousand million", "number", 10**9)]),
    ("Reserves fell to two thousand million.", [("two thousand million", "number", 2 * 10**9)]),
    ("It cost one thousand five hundred million dollars.",
     [("one thousand five hundred million", "number", 15 * 10**8)]),
    # the neighbours, as they were
    ("A hundred thousand people marched.", [("A hundred thousand", "number", 100_000)]),
    ("A thousand people marched.", [("A thousand", "number", 1_000)]),
    ("Two million three hundred thousand voted.", [("Two million three hundred thousand", "number", 2_300_000)]),
])
def test_a_thousand_million_is_a_billion(sentence: str, found: list[tuple[str, str, int]]) -> None:
    """British usage: "a thousand million" is 1,000,000,000; the draft read it as 1,001,000 (a
    thousand, plus a million), and ``expect:`` could not read it at all."""
    assert figures(sentence) == found


def test_an_expect_of_a_thousand_million_rounds_at_the_million() -> None:
    assert band("a thousand million") == (999_500_000, 1_000_500_000)
    assert band("about a thousand million pounds") == (950_000_000, 1_050_000_000)
    assert in_digits("a thousand million") == "1,000 million"
    assert band("a hundred thousand") == (99_500, 100_500)  # as before
    assert band("a thousand") == (500, 1_500)


@pytest.mark.parametrize("words", ["a million thousand", "a million million", "two billion thousand million",
                                   "a thousand thousand", "thousand million", "a million billion"])
def test_only_thousand_may_stand_before_a_larger_scale(words: str) -> None:
    """"a thousand million" is a British billion; no other scale multiplies the next one."""
    assert read_spelled(words) is None
