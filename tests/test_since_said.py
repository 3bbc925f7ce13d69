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


def test_since_a_year_the_filtered_figure_has_no_value_says_so(tmp_path: Path) -> None:
    """An office created in 2022: "its fewest awards since 2019" fails, and says 2019 has no value
    (a walk of a grants story: the result said only "rank 1 of 4")."""
    rows = ["id,year,office"] + [f"{y}{i},{y},{'Climate' if y >= 2022 else 'Parks'}" for y in range(2019, 2025)
                                 for i in range(3 if y == 2022 else 5)]
    r = one_table(tmp_path, rows, "{extreme: {count: t, where: \"office == 'Climate'\"}, over: year, at: 2022, "
                                  "since: 2019, is: lowest}", "true", decl="time: year")
    assert r.verdict == Verdict.FAIL
    assert r.value_text is not None and r.value_text.endswith(
        "; 2019 has no value here (no row passes the filter there; the figure's periods begin in 2022), "
        "so 'since 2019' cannot hold")
