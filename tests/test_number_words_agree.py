"""The two converters of numbers in words agree: what `init` writes for a figure in words
(draft.phrases.in_digits: "more than five" → `more than 5`) reads as `expect:` reads the article's own
words (its fallback, expectations.wording.words_to_digits), for every tolerance word the finder keeps
before a figure and every unit. Both turn the words into digits with spelled.read_spelled; they
differ in what they are given (one figure with its qualifier and unit, or a whole wording)."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from test_spelled_numbers import in_words

from factcheck.draft.phrases import QUALIFIER_BANDS, in_digits
from factcheck.expectations import ExpectationError, MeasureShape, parse_expectation

_UNITS = {"": MeasureShape("number"), " percent": MeasureShape("share"), " points": MeasureShape("change_points")}


@given(n=st.integers(0, 10**9), q=st.sampled_from(["", *sorted(QUALIFIER_BANDS)]),
       unit=st.sampled_from(sorted(_UNITS)), hyphen=st.booleans())
@example(n=5, q="in excess of", unit="", hyphen=False)  # expect: refused 'in excess of five' (its 'in', a fraction's)
@example(n=0, q="well in excess of", unit=" points", hyphen=False)
def test_init_writes_what_expect_reads_in_the_articles_words(n: int, q: str, unit: str, hyphen: bool) -> None:
    figure = f"{q} {in_words(n, hyphen) if n else 'zero'}{unit}".strip()
    shape = _UNITS[unit]
    way = "up " if unit == " points" else ""  # a change in points has its direction
    digits = in_digits(figure)
    if digits is None:
        return  # the finder leaves the words as they are ('a quarter million'); expect: reads them itself
    words, written = way + figure, way + digits
    try:
        theirs = parse_expectation(words, shape)
    except ExpectationError:
        with pytest.raises(ExpectationError):
            parse_expectation(written, shape)
        return
    ours = parse_expectation(written, shape)
    assert (ours.interval, ours.direction) == (theirs.interval, theirs.direction), (words, written)


@pytest.mark.parametrize("written", ["in excess of five", "well in excess of twelve", "up in excess of two points"])
def test_a_qualifier_with_in_is_no_fraction(written: str) -> None:
    """words_to_digits refused any wording with an 'in' (so as not to read 'three in two' as 3 in 2),
    and with it 'in excess of five', which init writes as 'in excess of 5' and which reads."""
    shape = MeasureShape("change_points") if "points" in written else MeasureShape("number")
    assert "read as" in parse_expectation(written, shape).meaning
    with pytest.raises(ExpectationError):
        parse_expectation("three in two", MeasureShape("share"))
