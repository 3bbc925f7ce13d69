"""A percent change of a measure already in percent (``unit: percent``) is a relative change.

GDP growth fell from 2.8 (percent) in 2020Q2 to 0.7 in 2020Q3: a fall of 75% of its value, or
2.1 points. The relative change, 0.75, was read on the measure's percent scale as 0.75%, so
"fell 75%" failed ("computed down 0.75%") and "fell 0.75%" passed. Only a change in points (or
an absolute one) stays on the measure's own scale.
"""

from __future__ import annotations

import pytest
from conftest import one_claim

import factcheck
from factcheck import Reason, Verdict

INNER = "{value: growth, of: gdp, unit: percent}"
CHANGE = f"{{change: {INNER}, over: quarter, from: 2020Q2, to: 2020Q3}}"
COMPARE = f"{{compare: {INNER}, by: quarter, a: 2020Q3, b: 2020Q2, as: percent}}"


@pytest.mark.parametrize("measure", [CHANGE, COMPARE])
def test_a_relative_change_of_a_percentage_is_read_in_percent(mini, measure: str) -> None:
    r = factcheck.verify(mini(one_claim(measure, "down 75%"))).results[0]
    assert r.verdict == Verdict.PASS, r.message
    assert r.value_text == "-75%", r.value_text


@pytest.mark.parametrize("measure", [CHANGE, COMPARE])
def test_the_change_read_on_the_percent_scale_fails(mini, measure: str) -> None:
    r = factcheck.verify(mini(one_claim(measure, "down 0.75%"))).results[0]
    assert (r.verdict, r.reason) == (Verdict.FAIL, Reason.OUT_OF_TOLERANCE), r.message


def test_a_change_in_points_stays_on_the_measure_s_scale(mini) -> None:
    points = f"{{change: {INNER}, over: quarter, from: 2020Q2, to: 2020Q3, as: points}}"
    r = factcheck.verify(mini(one_claim(points, "down 2.1 points"))).results[0]
    assert r.verdict == Verdict.PASS, r.message
