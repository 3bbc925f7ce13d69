""""The most since 2011", when 2011 was lower too: the claim fails (Y must be as high, the last time
it was), and the result now says why instead of "stated true, computed false" alone. Found walking
a road-deaths story. Constructed data."""

from __future__ import annotations

from pathlib import Path

from conftest import one_table

from factcheck.outcome import Verdict

DEATHS = {2010: 2208, 2011: 2354, 2015: 3900, 2020: 5000, 2021: 5711, 2022: 5305}
ROWS = ["year,deaths"] + [f"{y},{DEATHS.get(y, 3000)}" for y in range(2010, 2023)]


def test_a_record_said_as_since_a_year_it_beats_says_so(tmp_path: Path) -> None:
    r = one_table(tmp_path, ROWS, "{extreme: {sum: deaths, of: t}, over: year, at: 2021, since: 2011, is: highest}",
                  "true", decl="time: year")
    assert r.verdict == Verdict.FAIL
    assert r.value_text == ("no: 5,711, rank 1 of 13; next: 2022 (5,305); higher than 2011 too (2,354): 'since 2011' "
                            "says 2011 was as high, and no period of the data, which begins in 2010, was: it is the "
                            "highest on record here")
    assert r.details is not None and r.details.since is not None and r.details.since.value == 2354


def test_since_the_last_time_as_high_passes_and_says_nothing_more(tmp_path: Path) -> None:
    rows = ROWS[:-1] + ["2022,5305", "2023,5400"]  # 2023: the most since 2021, the last year as high
    r = one_table(tmp_path, rows, "{extreme: {sum: deaths, of: t}, over: year, at: 2023, since: 2021, is: highest}",
                  "true", decl="time: year")
    assert r.verdict == Verdict.PASS and "too" not in (r.value_text or ""), r.value_text
