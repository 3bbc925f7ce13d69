"""Periods that come every four years: elections (2008, 2012, … 2024).

An axis of whole numbers is filled in between its values, so a year without rows counts: a
year with no election of a kind is a zero, and a year the whole table has no row for is a gap.
Before, that made every record, run and `every` over an election year `period_not_covered`
("a gap at 2009, 2010, 2011 …"): the years between elections are no periods of this data.
The data's own periods now set the step: when the whole table's years (three or more) are
all a multiple of N apart, only every Nth year is a period, and a note says so. A missing
election is still a gap.

The data is constructed here: ten precincts, the rejected ballots of each election.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import factcheck
from factcheck import NoteCode, Reason, Verdict

REJECTED = {2008: 8, 2012: 5, 2016: 7, 2020: 4, 2024: 3}  # per precinct, ten precincts: 80, 50, 70, 40, 30


def _run(tmp_path: Path, measure: str, expect: str, *, years: dict[int, int] = REJECTED,
         table: str = "{path: ballots.csv}") -> factcheck.ClaimResult:
    rows = ["election_year,precinct,rejected,independent"]
    rows += [f"{year},P{p},{per},{1 if p == 0 and year >= 2016 else 0}" for year, per in years.items() for p in range(10)]
    (tmp_path / "ballots.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    path = tmp_path / "claims.yaml"
    path.write_text(textwrap.dedent("""\
        version: 1
        tables:
          ballots: TABLE
        claims:
          - id: c
            says: a sentence
        """).replace("TABLE", table) + f"    expect: {expect}\n    measure: {measure}\n", encoding="utf-8")
    return factcheck.verify(path).results[0]


def _spaced(result: factcheck.ClaimResult) -> list[str]:
    return [n.message for n in result.notes if n.code == NoteCode.PERIODS_SPACED]


def test_the_fewest_on_record_among_elections(tmp_path: Path) -> None:
    r = _run(tmp_path, "{extreme: {sum: rejected, of: ballots}, over: election_year, at: 2024, is: lowest}", "true")
    assert r.verdict is Verdict.PASS, r.message
    assert r.details is not None and (r.details.rank, r.details.of) == (1, 5)
    assert [p.key for p in r.series or []] == ["2008", "2012", "2016", "2020", "2024"]
    assert _spaced(r) == ["the data has a period every 4 years (2008 to 2024): the years between are no periods of it"]


def test_the_most_since_an_election(tmp_path: Path) -> None:
    """2016's 70 is the most since 2008 (80); 2012's 50 lies between."""
    r = _run(tmp_path, "{extreme: {sum: rejected, of: ballots}, over: election_year, at: 2016, since: 2008, "
                       "is: highest}", "true")
    assert r.verdict is Verdict.PASS, r.message
    assert r.details is not None and r.details.holds_since == ["2008", "2012"]


def test_fell_in_each_of_the_last_two_elections(tmp_path: Path) -> None:
    r = _run(tmp_path, "{falling: {sum: rejected, of: ballots}, over: election_year, to: 2024}", "2")
    assert r.verdict is Verdict.PASS, r.message


def test_a_change_from_the_election_before_is_judged_against_the_ones_before_it(tmp_path: Path) -> None:
    r = _run(tmp_path, "{change: {sum: rejected, of: ballots}, over: election_year, from: 2020, to: 2024}", "down 25%")
    assert r.verdict is Verdict.PASS, r.message
    assert [p.key for p in r.series or []] == ["2008", "2012", "2016", "2020", "2024"]


def test_every_election_since(tmp_path: Path) -> None:
    """Independents had one precinct's ballots in each election since 2016: 10% of them."""
    r = _run(tmp_path, "{every: {share: independent == 1, of: ballots}, over: election_year, from: 2016, to: 2024}",
             "10%")
    assert r.verdict is Verdict.PASS, r.message
    assert _spaced(r)


def test_a_streak_of_elections_is_unbroken(tmp_path: Path) -> None:
    """Ordered by a time column of whole periods, a run that passes over a period with no row is
    broken: 2016, 2020 and 2024 are three elections in a row, not three of nine years."""
    r = _run(tmp_path, "{streak: independent == 1, of: ballots, where: precinct == 'P0', order: election_year}", "3",
             table="{path: ballots.csv, time: [election_year]}")
    assert r.verdict is Verdict.PASS, r.message


def test_a_missing_election_is_still_a_gap(tmp_path: Path) -> None:
    years = {y: n for y, n in REJECTED.items() if y != 2016}  # 2008, 2012, 2020, 2024: every 4 years, 2016 missing
    r = _run(tmp_path, "{extreme: {sum: rejected, of: ballots}, over: election_year, at: 2024, is: lowest}", "true",
             years=years)
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED), r.message
    assert "gap at 2016" in r.message and "2017" not in r.message


@pytest.mark.parametrize("years", [{2020: 4, 2024: 3}, {2008: 6, 2012: 5, 2016: 7, 2019: 2, 2024: 3}])
def test_two_periods_or_an_uneven_step_keep_every_year(tmp_path: Path, years: dict[int, int]) -> None:
    """Two years say nothing of a step (2021-2023 may be missing); nor do years not evenly apart."""
    r = _run(tmp_path, "{extreme: {sum: rejected, of: ballots}, over: election_year, at: 2024, is: lowest}", "true",
             years=years)
    assert r.reason is Reason.PERIOD_NOT_COVERED, r.message
    assert not _spaced(r)
