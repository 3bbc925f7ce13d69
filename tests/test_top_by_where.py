"""`top: COLUMN, by: MEASURE, where: …`: the `where` keeps the rows the ranking is of.

Before, the `by` measure was computed over every row of the table and the `where` was read
by nothing: "A issued the most suspensions in 2024" failed on the all-years totals (B: 55
against A: 40), though in 2024 A had 30 to B's 5; a count `by` found a tie that the filter
would have broken. A wrong verdict either way. Found walking a story of schools.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import one_table

from factcheck import Verdict


@pytest.mark.parametrize(("by", "where"), [
    ("{sum: suspensions, of: t}", "year == 2024"),
    ("{count: t}", "year == 2024 and suspensions > 20"),
    ("{mean: suspensions, of: t, where: suspensions > 1}", "year == 2024"),
    ("{ratio: {numerator: {sum: suspensions, of: t}, denominator: {count: t}}}", "year == 2024"),
])
def test_the_where_of_a_top_by_a_measure_keeps_its_rows(tmp_path: Path, by: str, where: str) -> None:
    result = one_table(tmp_path, ["year,district,suspensions", "2023,A,10", "2023,B,50", "2024,A,30", "2024,B,5"],
                       f"{{top: district, of: t, by: {by}, where: \"{where}\"}}", "[A]",
                       says="A issued the most suspensions in 2024.")
    assert result.verdict is Verdict.PASS, result.message
    assert result.sql is not None and "2024" in result.sql
