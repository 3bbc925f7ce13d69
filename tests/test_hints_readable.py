"""A hint never proposes an ``expect:`` that is refused too (attack 7, finding 14): 'half a million'
of a share was told "write it as a percentage: 'half a million%'", 'a million and a quarter' to
"write the number in digits: expect: 1 million and a quarter", 'one and a half percent' to
'1 and a half percent' and 'two dozen' to '2 dozen', none of which reads.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_spelled_numbers import under_a_thousand

from factcheck.expectations import ExpectationError, MeasureShape, parse_expectation

SHAPES = [MeasureShape("number"), MeasureShape("share")]
_PROPOSED = re.compile(r"write the number in digits: expect: (.+)$|write it as a percentage: '(.+)'$")


def _proposed(written: str, shape: MeasureShape) -> str | None:
    """The ``expect:`` a refusal's hint proposes, if any (None when ``written`` reads)."""
    try:
        parse_expectation(written, shape)
    except ExpectationError as e:
        m = _PROPOSED.search(e.hint or "")
        return (m[1] or m[2]) if m else ""
    return None


@pytest.mark.parametrize("written", ["half a million", "a quarter million", "a million and a quarter", "ten",
                                     "more than five", "two dozen", "one and a half percent", "150", "about thirty-seven",
                                     "a million and a half", "three quarters of a million"])
@pytest.mark.parametrize("shape", SHAPES)
def test_a_proposed_form_reads(written: str, shape: MeasureShape) -> None:
    proposed = _proposed(written, shape)
    if proposed:
        parse_expectation(proposed, shape)


@given(st.integers(1, 999), st.sampled_from(["", "about ", "more than ", "nearly "]),
       st.sampled_from(["", " million", " percent", " dozen", " and a half percent", " and a quarter"]),
       st.sampled_from(SHAPES))
def test_any_proposed_form_reads(count: int, before: str, after: str, shape: MeasureShape) -> None:
    proposed = _proposed(f"{before}{under_a_thousand(count)}{after}", shape)
    if proposed:
        parse_expectation(proposed, shape)


def test_the_hint_of_a_part_of_a_scale_as_a_share_names_no_percentage_of_it() -> None:
    with pytest.raises(ExpectationError) as e:
        parse_expectation("half a million", MeasureShape("share"))
    assert "million%" not in (e.value.hint or "") and "count:" in (e.value.hint or ""), e.value.hint
    with pytest.raises(ExpectationError, match="more than 1") as e:
        parse_expectation("150", MeasureShape("share"))
    assert e.value.hint == "write it as a percentage: '150%'"  # as before
