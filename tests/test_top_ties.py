"""A ``top`` whose cut falls inside a tie names no value the data sets apart.

In the mini data Instagram and Snapchat have one victim each. Which of them came "second"
was decided by the alphabet: ``[Facebook, Instagram]`` passed, ``[Facebook, Snapchat]``
failed, though the data ranks neither above the other. A claim naming one of two tied
values is not what the data says, whichever of them it names.
"""

from __future__ import annotations

import pytest
from conftest import one_claim

import factcheck
from factcheck import Reason, Verdict


@pytest.mark.parametrize("measure, expect", [
    ("{top: platform, of: victims, n: 2}", "[Facebook, Instagram]"),   # alphabetically first of the tie
    ("{top: platform, of: victims, n: 2}", "[Facebook, Snapchat]"),
    ("{top: platform, of: victims, rank: 2}", "[Instagram]"),
    ("{top: platform, of: victims, rank: 2}", "[Snapchat]"),
    ("{top: platform, of: victims, lowest: true}", "[Instagram]"),    # the least common: a tie too
    ("{top: platform, of: victims, lowest: true}", "[Snapchat]"),
    ("{top: platform, of: victims, n: 2}", "{values: [Instagram, Facebook], any_order: true}"),
])
def test_a_value_tied_at_the_cut_is_not_confirmed(mini, measure: str, expect: str) -> None:
    r = factcheck.verify(mini(one_claim(measure, expect))).results[0]
    assert (r.verdict, r.reason) == (Verdict.FAIL, Reason.WRONG_VALUES), r.message
    assert "Instagram" in r.message and "Snapchat" in r.message and "tie" in r.message, r.message


def test_a_tie_inside_the_head_changes_nothing(mini) -> None:
    r = factcheck.verify(mini(one_claim("{top: platform, of: victims, n: 3}",
                                        "{values: [Facebook, Snapchat, Instagram], any_order: true}"))).results[0]
    assert r.verdict == Verdict.PASS, r.message
    r = factcheck.verify(mini(one_claim("{top: platform, of: victims}", "[Facebook]"))).results[0]
    assert r.verdict == Verdict.PASS, r.message


def test_every_period_is_judged_with_its_ties(mini) -> None:
    # the victims of cases filed in 2019: one on Facebook, one on Instagram
    r = factcheck.verify(mini(one_claim(
        "{every: {top: platform, of: victims}, over: case.filed_year, from: 2019, to: 2019}",
        "[Facebook]"))).results[0]
    assert r.verdict == Verdict.FAIL and "tie" in r.message, r.message
