"""`top_share` by a count ("the top 10 donors gave a third of the money", `top_n: 10`), and rows of
no group in the total ("one officer accounted for half of all incidents" counts the incidents with
no officer recorded too). Found walking a campaign-finance story (`in_top: 10` was silently the top
10%) and a police story (two blank officer ids left out of the total: 2 of 4, not 2 of 6)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from conftest import one_table

from factcheck.errors import ClaimsFileError
from factcheck.outcome import Reason, Verdict

# 50 donors: 10 gave $1,000 each, 40 gave $500: the top 10 gave 10,000 of 30,000
DONORS = ["id,donor,amount"] + [f"{i},D{i:02d},{1000 if i < 10 else 500}" for i in range(50)]
OFFICERS = ["id,officer", "1,A", "2,A", "3,B", "4,C", "5,", "6,"]


def test_the_top_ten_by_count(tmp_path: Path) -> None:
    r = one_table(tmp_path, DONORS, "{top_share: amount, of: t, by: donor, top_n: 10}", "a third")
    assert r.verdict == Verdict.PASS and r.value_exact == "1/3", r.message
    assert (r.details.in_top, r.details.out_of) == (10, 50)
    r = one_table(tmp_path, DONORS, "{top_share: amount, of: t, by: donor, in_top: 10}", "a third")
    assert r.verdict == Verdict.FAIL  # the top 10%: five donors, $5,000 of $30,000


def test_a_top_larger_than_the_groups_is_unverifiable(tmp_path: Path) -> None:
    r = one_table(tmp_path, OFFICERS, "{top_share: 1, of: t, by: officer, top_n: 5}", "100%")
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.NO_ROWS)
    assert "only 3 groups with a value, fewer than the top 5" in r.message


def test_rows_of_no_group_are_in_the_total(tmp_path: Path) -> None:
    r = one_table(tmp_path, OFFICERS, "{top_share: 1, of: t, by: officer, top_n: 1}", "a third")
    assert r.verdict == Verdict.PASS and r.value_exact == "1/3", r.message  # A's 2 of all 6 incidents


@pytest.mark.parametrize("top", ["in_top: 10%, top_n: 3", ""])
def test_the_top_is_said_one_way(tmp_path: Path, top: str) -> None:
    with pytest.raises(ClaimsFileError) as err:
        one_table(tmp_path, DONORS, f"{{top_share: amount, of: t, by: donor{', ' + top if top else ''}}}", "a third")
    assert "in_top: 10% (the top tenth of the rows) or top_n: 10 (the ten largest)" in str(err.value)


def test_a_negative_value_of_no_group_is_refused_as_any_negative_is(tmp_path: Path) -> None:
    """A -400 refund with no donor entered the total (600 of 800 passed "three quarters"), where the
    same data without `by:` is refused for its negative value."""
    rows = ["id,donor,amount", "1,A,600", "2,B,300", "3,B,300", "4,,-400"]
    with pytest.raises(ClaimsFileError) as err:
        one_table(tmp_path, rows, "{top_share: amount, of: t, by: donor, top_n: 1}", "three quarters")
    assert "top_share needs values of at least 0, and amount is -400 somewhere" in str(err.value)


def test_three_quarters_is_a_share_not_a_stretch_of_time() -> None:
    """"three quarters" was read as the duration 3 quarters: "'three quarters' is more than 1", with
    the hint to write "three quarters%" (found writing the test above)."""
    from factcheck.expectations import MeasureShape, parse_expectation
    e = parse_expectation("three quarters", MeasureShape("share"))
    assert e.interval is not None and e.interval.contains(Fraction(3, 4))
    assert parse_expectation("3 quarters", MeasureShape("number")).time_unit == "quarter"
