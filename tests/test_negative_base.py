"""A percent change (or gap) from a negative base says which way the figure moved.

Growth went from -0.4 in 2019Q3 to -0.1 in 2019Q4: it rose by 0.3. (B - A) / A gave -75%, so
"rose 75%" failed as ``wrong_direction`` ("computed down 75%") and "fell 75%" passed on a
figure that went up. The change is taken against the size of the base, (B - A) / |A|, so its
sign is the direction of the move, as with a positive base.
"""

from __future__ import annotations

import pytest
from conftest import one_claim

import factcheck
from factcheck import Reason, Verdict

CHANGE = "{change: {sum: growth, of: gdp}, over: quarter, from: 2019Q3, to: 2019Q4}"
COMPARE = "{compare: {sum: growth, of: gdp}, by: quarter, a: 2019Q4, b: 2019Q3, as: percent}"


@pytest.mark.parametrize("measure", [CHANGE, COMPARE])
def test_a_rise_from_a_negative_base_is_a_rise(mini, measure: str) -> None:
    r = factcheck.verify(mini(one_claim(measure, "up 75%"))).results[0]
    assert r.verdict == Verdict.PASS, r.message
    assert r.value == pytest.approx(0.75)


@pytest.mark.parametrize("measure", [CHANGE, COMPARE])
def test_a_fall_stated_for_a_rise_from_a_negative_base_fails(mini, measure: str) -> None:
    r = factcheck.verify(mini(one_claim(measure, "down 75%"))).results[0]
    assert (r.verdict, r.reason) == (Verdict.FAIL, Reason.WRONG_DIRECTION), r.message


def test_a_fall_to_a_negative_value_is_a_fall(mini) -> None:
    # 2019Q1 0.5 to 2019Q2 -0.2: a positive base, as before: (-0.2 - 0.5) / 0.5 = -140%
    r = factcheck.verify(mini(one_claim(
        "{change: {sum: growth, of: gdp}, over: quarter, from: 2019Q1, to: 2019Q2}", "down 140%"))).results[0]
    assert r.verdict == Verdict.PASS, r.message
    # 2019Q4 -0.1 to 2020Q1 -1.3: a negative base falling further: (-1.3 + 0.1) / 0.1 = -1200%
    r = factcheck.verify(mini(one_claim(
        "{change: {sum: growth, of: gdp}, over: quarter, from: 2019Q4, to: 2020Q1}", "down 1200%"))).results[0]
    assert r.verdict == Verdict.PASS, r.message
