"""A column of percentages (31.0 for 31%) measured without ``unit: percent`` and stated as a share:
read as fractions, 31 was "a majority", "more than half" and "more than 40%" alike, and passed
(found by a walk of a housing story). A share cannot pass 100%: such a figure fails, and the
message says the column seems to hold percentages. Constructed data: three neighbourhoods."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import one_table

from factcheck.outcome import Verdict

ROWS = ["name,pct_renters,share_renters,units", "Harbor,31.0,0.31,1200", "Riverside,41.2,0.412,900",
        "Old Town,28.5,0.285,5000"]
HARBOR = "{value: %s, of: t, where: \"name == 'Harbor'\"}"


@pytest.mark.parametrize("expect", ["a majority", "more than half", "the vast majority", "more than 40%",
                                    "at least 35%", "about 30%", "nearly a third", "one in five", "31%"])
def test_a_share_stated_of_a_percentage_column_fails_and_says_why(tmp_path: Path, expect: str) -> None:
    r = one_table(tmp_path, ROWS, HARBOR % "pct_renters", expect)
    assert r.verdict == Verdict.FAIL, (r.verdict, r.message)
    assert ("above 100%, which a share cannot be; the column pct_renters seems to hold percentages "
            "(31 for 31%): say so with unit: percent in the measure") in r.message


@pytest.mark.parametrize(("measure", "expect", "verdict"), [
    ("{value: pct_renters, of: t, where: \"name == 'Harbor'\", unit: percent}", "31%", Verdict.PASS),
    ("{value: pct_renters, of: t, where: \"name == 'Harbor'\", unit: percent}", "a majority", Verdict.FAIL),
    ("{mean: pct_renters, of: t, unit: percent}", "over a third", Verdict.PASS),  # 33.57%
    (HARBOR % "share_renters", "31%", Verdict.PASS),                     # fractions, as the measure reads them
    (HARBOR % "share_renters", "a majority", Verdict.FAIL),
    (HARBOR % "units", "1,200", Verdict.PASS),                            # an amount stated as one
    ("{ratio: {numerator: {sum: units, of: t}, denominator: {sum: units, of: t, where: \"name != 'Harbor'\"}}}",
     "more than 100%", Verdict.PASS),                                     # a ratio above 1 stays one
])
def test_other_figures_are_judged_as_before(tmp_path: Path, measure: str, expect: str, verdict: Verdict) -> None:
    r = one_table(tmp_path, ROWS, measure, expect)
    assert r.verdict == verdict, (r.verdict, r.message)
    assert "seems to hold percentages" not in r.message
