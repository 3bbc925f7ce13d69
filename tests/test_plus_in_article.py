"""'7,000+' in an article is 7,000 or more, as `expect: 7,000+` reads it (and as '7,000-plus' was
already read in both): before, the finder took '7,000+' for exactly 7,000."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.draft.phrases import PLUS_BAND, scan
from factcheck.expectations import MeasureShape, parse_expectation
from factcheck.starter import _expect


@given(n=st.integers(1, 10**7), plus=st.sampled_from(["+", "-plus"]), unit=st.sampled_from(["", " years"]),
       offset=st.fractions(min_value=-3, max_value=3))
def test_a_figure_with_a_plus_is_a_bound_in_the_finder_and_in_expect(n: int, plus: str, unit: str,
                                                                     offset: Fraction) -> None:
    figure = f"{n:,}{plus}{unit}"
    sentence = f"The city counted {figure} in 2020."
    figures, _ = scan(sentence)
    found = [f for f in figures if f.value == n]
    assert [(sentence[f.start:f.end], f.qualifier) for f in found] == [(figure, PLUS_BAND)]
    written = _expect(sentence, found[0].start, figure, "number")
    assert written == figure  # init keeps the words, and expect: reads them as a bound too
    e = parse_expectation(written, MeasureShape("number"))
    assert e.judge(n + offset).ok is (offset >= 0)


@pytest.mark.parametrize(("sentence", "figure"), [
    ("Scores of 5+5 were seen.", "5"),      # a sum, not a bound
    ("It rose +5% in 2020.", "+5%"),        # a sign before the figure stays a sign
])
def test_a_plus_that_is_no_bound_stays_as_it_was(sentence: str, figure: str) -> None:
    figures, _ = scan(sentence)
    assert all(f.qualifier is None for f in figures)
    assert figure in [sentence[f.start:f.end] for f in figures]
