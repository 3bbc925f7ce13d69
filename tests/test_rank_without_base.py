"""A rate ranked among states, when one state's deaths have no population to divide by (its name
is spelled another way in the population table): its rate exists but the data cannot give it,
so no rank around it can be judged. Before, the state was left out with a note, and a wrong
rank passed. Constructed data."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import factcheck
from factcheck.outcome import Reason, Verdict

DEATHS = {"Alabama": 900, "Mississippi": 700, "Ohio": 1200, "Vermont": 60}
PEOPLE = {"Alabama": 5_000_000, "Mississipi": 2_900_000, "Ohio": 11_800_000, "Vermont": 640_000}
# rates per 100,000: Mississippi 24.1 (if spelled alike), Alabama 18.0, Ohio 10.2, Vermont 9.4


def _rank(folder: Path, at: str, rank: int, people: dict[str, int] = PEOPLE, is_: str = "highest") -> factcheck.ClaimResult:
    (folder / "deaths.csv").write_text("state,deaths\n" + "".join(f"{s},{n}\n" for s, n in DEATHS.items()))
    (folder / "people.csv").write_text("state,population\n" + "".join(f"{s},{n}\n" for s, n in people.items()))
    (folder / "c.yaml").write_text(textwrap.dedent(f"""\
        tables:
          deaths: {{path: deaths.csv}}
          people: {{path: people.csv}}
        claims:
          - id: c
            says: a sentence
            measure:
              extreme: {{ratio: {{numerator: {{sum: deaths, of: deaths}}, denominator: {{sum: population, of: people}}}},
                         per: 100000}}
              over: state
              at: {at}
              is: {is_}
              rank: {rank}
            expect: true
        """))
    return factcheck.verify(folder / "c.yaml").results[0]


@pytest.mark.parametrize(("at", "rank"), [("Alabama", 1), ("Ohio", 2), ("Vermont", 3)])
def test_a_rank_beside_a_state_without_population_is_unverifiable(tmp_path: Path, at: str, rank: int) -> None:
    r = _rank(tmp_path, at, rank)
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.NO_ROWS), r.message
    # both spellings: deaths without people, and people without deaths
    assert "Mississipi, Mississippi cannot be ranked: each has one part of the ratio and no value for the other" \
        in r.message
    assert "spelled another way" in r.message


def test_spelled_alike_the_ranks_are_judged(tmp_path: Path) -> None:
    people = {("Mississippi" if s == "Mississipi" else s): n for s, n in PEOPLE.items()}
    assert _rank(tmp_path, "Alabama", 2, people).verdict == Verdict.PASS
    assert _rank(tmp_path, "Alabama", 1, people).verdict == Verdict.FAIL


def test_a_group_with_neither_part_is_left_out_as_before(tmp_path: Path) -> None:
    """A rate of 0/0 (no deaths, no people) has no value to rank: left out, with the note."""
    people = {("Mississippi" if s == "Mississipi" else s): n for s, n in PEOPLE.items()}
    r = _rank(tmp_path, "Alabama", 2, {**people, "Guam": 0})
    assert r.verdict == Verdict.PASS, r.message


def test_a_group_spelled_otherwise_than_the_data_is_named(tmp_path: Path) -> None:
    """`at: Mississippi` over deaths that spell it 'Missisippi': "no value at Mississippi" said
    nothing of why (a walk of a road-deaths story). It is now a typo, as in a filter."""
    from conftest import one_table

    from factcheck import ClaimsFileError
    rows = ["state,deaths", "Alabama,900", "Missisippi,700", "Ohio,1200"]
    with pytest.raises(ClaimsFileError) as err:  # as `compare … a: Mississippi` and `where` are
        one_table(tmp_path, rows, "{extreme: {sum: deaths, of: t}, over: state, at: Mississippi, is: highest}", "true")
    assert "column 'state' of table 't' never holds 'Mississippi': a value that never occurs is a typo" in str(err.value)
    assert "did you mean 'Missisippi'?" in str(err.value)


def test_a_ranking_of_groups_gives_no_last_time_nor_start(tmp_path: Path) -> None:
    """`explain` of "the longest waits were at County General" listed "last as low: —" and "data
    from: —": a ranking of groups has neither, so neither is set (a hospital-waits walk)."""
    people = {("Mississippi" if s == "Mississipi" else s): n for s, n in PEOPLE.items()}
    r = _rank(tmp_path, "Alabama", 2, people)
    assert r.details is not None and set(r.details.fields()) == {"value", "rank", "of", "runner_up"}


def test_a_rank_beside_a_group_with_people_and_no_rows_to_sum(tmp_path: Path) -> None:
    """A county with residents and no home: the sum of its beds is of no rows, unknown, and it could
    have the fewest beds per resident; `top … by` the rate left it out too (a nursing-homes walk)."""
    people = {("Mississippi" if s == "Mississipi" else s): n for s, n in PEOPLE.items()}
    r = _rank(tmp_path, "Alabama", 2, {**people, "Guam": 170_000})
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.NO_ROWS), r.message
    assert "Guam cannot be ranked: its denominator is 170,000 but its numerator has no row" in r.message
    from conftest import verify_one
    r = verify_one(tmp_path, "deaths: {path: deaths.csv}\npeople: {path: people.csv}\n",
                   "{top: state, of: deaths, by: {ratio: {numerator: {sum: deaths, of: deaths}, "
                   "denominator: {sum: population, of: people}}}}", "[Mississippi]")
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.NO_ROWS), r.message


def test_at_a_group_one_table_of_a_rate_lacks_is_no_typo(tmp_path: Path) -> None:
    """`at: Mississippi` over deaths by population that spells it 'Mississipi': the deaths hold it,
    so it is no typo (the run stopped so); the rate cannot be ranked, and says why."""
    r = _rank(tmp_path, "Mississippi", 1)
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.NO_ROWS), r.message
