"""A story of elections walked through `init` and `suggest`: a date column of a few election days
is no category (`election_date == '2024-11-05'` pinned the year a second time, or, as a share's
condition, made a share that is 0% whatever the data), and an extreme over one period ranks
nothing ("rank 1 of 1" passed "the most on record" for a filter that kept one year)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from drafts import csv_text, first_pass, init_and_suggest

REJECTED = {"2021-11-02": 3, "2022-11-08": 5, "2023-11-07": 4, "2024-11-05": 4}  # per precinct: 30, 50, 40, 40


def _turnout() -> list[str]:
    return [f"{day},P{p:02d},{1000 + 7 * p},{550 + 11 * p + i},{per}"
            for i, (day, per) in enumerate(REJECTED.items()) for p in range(10)]


STORY = "Officials rejected 40 ballots in 2024, the most on record. Independents drew less than 3% of the vote."


@pytest.fixture(scope="module")
def claims(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    tables = {"turnout.csv": csv_text("election_date,precinct_id,registered_voters,ballots_cast,rejected_ballots",
                                      _turnout())}
    return init_and_suggest(tmp_path_factory.mktemp("votes"), STORY, tables, "Votes")


def _shown(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [s for c in claims for s in (*c["candidates"], *c["misses"], *([c["reading"]] if c.get("reading") else []))]


def test_no_suggestion_names_an_election_day_as_a_condition(claims: list[dict[str, Any]]) -> None:
    shown = _shown(claims)
    assert shown
    assert not [s["measure"] for s in shown if "election_date ==" in json.dumps(s["measure"])]


def test_an_extreme_over_one_period_is_no_candidate(claims: list[dict[str, Any]]) -> None:
    """2022's 50 beats 2024's 40: "the most on record" is false, and no candidate may pass it by
    keeping one year's rows."""
    extremes = [s for s in _shown(claims) if "extreme" in s["measure"]]
    assert extremes
    assert not [s for s in extremes if "of 1" in (s["value_text"] or "")]


def test_a_change_from_four_years_earlier(tmp_path_factory: pytest.TempPathFactory) -> None:
    """"up 100% from four years earlier": from 2020 to 2024. Before, `init` also wrote "four years"
    as a figure of its own, and the change was read from 2023 (0%, "is it wrong?")."""
    per = {2020: 2, 2021: 3, 2022: 5, 2023: 4, 2024: 4}  # per precinct; ten precincts: 20 … 40
    rows = [f"{year}-11-0{1 + p % 7},P{p:02d},{per[year]}" for year in per for p in range(10)]
    story = "Officials rejected 40 ballots in 2024, up 100% from four years earlier."
    claims = init_and_suggest(tmp_path_factory.mktemp("votes_back"), story,
                              {"ballots.csv": csv_text("election_date,precinct_id,rejected_ballots", rows)}, "Votes")
    assert [c["expect"] for c in claims] == ["40", "up 100%"]  # no claim of "four years"
    change = first_pass(claims, "Officials rejected", "up 100%")
    assert (change["from"], change["to"]) == (2020, 2024)


def test_more_votes_than_another_candidate_is_a_gap_between_sums(tmp_path_factory: pytest.TempPathFactory) -> None:
    """"Alvarez won 300 more votes than Becker": the sums of `votes` compared. Before, sums were
    compared only for amounts of money, and nothing was found."""
    rows = [f"P{p:02d},{name},{base + p}" for p in range(10) for name, base in (("Alvarez", 130), ("Becker", 100))]
    claims = init_and_suggest(tmp_path_factory.mktemp("votes_gap"), "Alvarez won 300 more votes than Becker.",
                              {"results.csv": csv_text("precinct_id,candidate,votes", rows)}, "Votes")
    assert first_pass(claims, "Alvarez won", "300 more") == {
        "compare": {"sum": "votes", "of": "results"}, "by": "candidate", "a": "Alvarez", "b": "Becker"}


def test_the_most_on_record_of_the_total_the_sentence_states(claims: list[dict[str, Any]]) -> None:
    """"Officials rejected 40 ballots in 2024, the most on record": the record is of the total the
    sentence states (the sum of `rejected_ballots`, 40 in 2024), and 2022's 50 beats it: the
    reading fails, shown first, "is it wrong?". Before, it was never tried, and candidates of other
    columns passed in its place."""
    extreme = next(c for c in claims if c["expect"] is True)
    assert extreme.get("reading"), extreme
    assert extreme["reading"]["measure"] == {"extreme": {"sum": "rejected_ballots", "of": "turnout"},
                                             "over": "election_date_year", "at": 2024, "is": "highest"}
    assert extreme["reading"]["verdict"] == "fail"
