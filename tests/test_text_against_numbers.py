"""Text compared with a column of numbers or of true/false: an error in the claim, with what to
write, instead of the engine's "Could not convert string 'FY2024' to INT64" and a hint about
measure types (found walking a grants story and a hospital-waits story). Constructed data."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import one_table

from factcheck import ClaimsFileError, Verdict

ROWS = ["id,fiscal_year,competitive", "1,2024,yes", "2,2024,no", "3,2025,no"]


@pytest.mark.parametrize(("where", "said", "hint"), [
    ("fiscal_year == 'FY2024'", "'FY2024' is text, but fiscal_year holds numbers", "fiscal_year == 2024"),
    ("fiscal_year in ['FY2024', 'FY2025']", "'FY2024' is text, but fiscal_year holds numbers", "== 2024"),
    ("competitive == 'nobid'", "competitive holds true or false", "write competitive for its true rows"),
])
def test_text_that_cannot_be_compared_is_an_error_in_the_claim(tmp_path: Path, where: str, said: str,
                                                                hint: str) -> None:
    with pytest.raises(ClaimsFileError) as err:
        one_table(tmp_path, ROWS, f'{{count: t, where: "{where}"}}', "1")
    assert said in str(err.value) and hint in str(err.value)
    assert "Conversion Error" not in str(err.value)


@pytest.mark.parametrize(("where", "count"), [
    ("fiscal_year == '2024'", "2"),   # a number written as text still compares
    ("competitive == 'no'", "2"),     # yes/no text reads as the condition it names
    ("competitive", "1"),
])
def test_text_the_engine_reads_still_compares(tmp_path: Path, where: str, count: str) -> None:
    assert one_table(tmp_path, ROWS, f'{{count: t, where: "{where}"}}', count).verdict == Verdict.PASS


def test_a_run_or_every_over_categories_is_an_error_in_the_claim(tmp_path: Path) -> None:
    """`rising … over: hospital` counted a "run" over hospitals in alphabetical order (2, a pass), and
    `every … over: hospital, from: 2020` ended in "holds text, not numbers … compare it with text"."""
    rows = ["id,hospital,year,wait", "1,A,2020,10", "2,B,2020,20", "3,C,2021,30"]
    with pytest.raises(ClaimsFileError) as err:
        one_table(tmp_path, rows, "{rising: {mean: wait, of: t}, over: hospital}", "2")
    assert "over: hospital holds categories (A, B, C), not periods" in str(err.value)
    with pytest.raises(ClaimsFileError) as err:
        one_table(tmp_path, rows, "{every: {mean: wait, of: t}, over: hospital, from: 2020, to: 2021}", "more than 5")
    assert "over: hospital holds text, but from: 2020 is a number" in str(err.value)
    assert one_table(tmp_path, rows, "{rising: {mean: wait, of: t}, over: year}", "1").verdict == Verdict.PASS
