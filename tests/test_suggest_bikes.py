"""`suggest` on a story of bike-share trips: the busiest and the quietest station, a figure of the
year before ("up from 29% a year earlier"), and a rate per day."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from drafts import csv_text, init_and_suggest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.draft.figures import find_figures
from factcheck.draft.phrases import extreme_end
from factcheck.suggest.propose import per_period, years_before

runner = CliRunner()
# trips per station and year; electric bikes: 30 of the 2023 trips (30%), 50 of the 2024 ones (40%)
TRIPS = {("Harbor Point", 2023): 40, ("Harbor Point", 2024): 50, ("City Hall", 2023): 35, ("City Hall", 2024): 45,
         ("Mill Street", 2023): 25, ("Mill Street", 2024): 30}
ELECTRIC = {2023: 30, 2024: 50}


def _story(folder: Path, *sentences: str) -> list[dict[str, Any]]:
    """`init` on the sentences (one paragraph) over trips.csv, then `suggest`'s claims as JSON."""
    rows, electric = [], dict(ELECTRIC)
    for (station, year), n in TRIPS.items():
        for i in range(n):
            bike = "electric" if electric[year] > 0 else "classic"
            electric[year] -= bike == "electric"
            # each year's trips fall on 20 days, so its days with a trip number 20
            rows.append(f"T{len(rows):04d},{year}-03-{i % 20 + 1:02d},{station},{bike}")
    claims = init_and_suggest(folder, "Riders took 125 trips in 2024.\n\n" + " ".join(sentences),
                              {"trips.csv": csv_text("trip_id,trip_date,start_station,bike_type", rows)}, "Bikes")
    return [c for c in claims if "125" not in c["says"]]


@pytest.mark.parametrize(("text", "end"), [("the busiest station", "highest"), ("the quietest", "lowest")])
def test_busiest_and_quietest_are_extremes_of_an_end(text: str, end: str) -> None:
    """Before, "the quietest" was no figure of the draft: `init` wrote no claim for it, and
    `--require-coverage` passed with it unchecked."""
    (sentence,) = find_figures(f"Mill Street was {text}.")
    assert [f.kind for f in sentence.figures] == ["extreme"] and extreme_end(text) == end


def test_the_busiest_station_ranks_the_stations_not_the_years(tmp_path: Path) -> None:
    """Before, "Harbor Point was the busiest station" was offered Harbor Point's busiest year first
    (an `extreme` over the years, where start_station == 'Harbor Point'): a pass that checks
    another figure. The sentence names what it ranks, the station."""
    claims = _story(tmp_path, "Harbor Point was the busiest station, while Mill Street was the quietest.")
    firsts = [c["candidates"][0]["measure"] for c in claims]
    assert [(m["over"], m["at"], m["is"]) for m in firsts] == [("start_station", "Harbor Point", "highest"),
                                                             ("start_station", "Mill Street", "lowest")]


def test_a_figure_of_a_year_earlier_is_of_the_year_before(tmp_path: Path) -> None:
    """"Electric bikes accounted for 40% of trips, up from 30% a year earlier": the 30% is of 2023.
    Before, it was read in 2024 (40%) and shown first as the sentence's failing reading."""
    (earlier, now) = sorted(_story(tmp_path, "Electric bikes accounted for 40% of trips, up from 30% a year earlier."),
                            key=lambda c: c["expect"])
    assert now["candidates"][0]["measure"] == {"share": "bike_type == 'electric'", "of": "trips",
                                               "where": "trip_date_year == 2024"}
    assert "reading" not in earlier
    assert earlier["candidates"][0]["measure"] == {"share": "bike_type == 'electric'", "of": "trips",
                                                   "where": "trip_date_year == 2023"}


@pytest.mark.parametrize(("says", "expect", "years"), [
    ("Electric bikes took 42% of trips, up from 29% a year earlier.", "29%", 1),
    ("Electric bikes took 42% of trips, up from 29% a year earlier.", "42%", None),
    ("It was 12% the previous year.", "12%", 1),
    ("Filings fell to 300, from 450 two years before.", "450", 2),
    ("It was 5,000 a decade earlier.", "5,000", 10),
    ("It fell to 10% in 2020, the year before the pandemic.", "10%", None),   # of 2020, which it names
    ("It fell to 10%, the year before the pandemic.", "10%", None),            # "the year before" of something
    ("That was up 11% on the year before.", "up 11%", None),                   # the base of a change
    ("Filings rose 8% from a year earlier.", "8%", None)])
def test_how_many_years_before_the_words_after_a_figure_put_it(says: str, expect: str, years: int | None) -> None:
    assert years_before(says, expect) == years


def test_a_rate_per_day_is_never_a_count_and_the_note_says_how_to_write_it(tmp_path: Path) -> None:
    """"about 6 trips a day" (125 trips on 20 days: 6.25). Before, the number of trips was shown as
    the sentence's failing reading, and sums of unrelated columns as candidates."""
    (claim,) = _story(tmp_path, "That is about 6 trips a day.")
    assert claim["candidates"] == [] and "reading" not in claim
    assert claim["note"].startswith("a rate per day:")
    assert ("ratio: {numerator: {count: trips, where: year(trip_date) == 2024}, denominator: "
            "{count_distinct: trip_date, of: trips, where: year(trip_date) == 2024}}") in claim["note"]


def test_the_per_day_note_gives_a_mean_or_median_for_a_row_per_day_and_the_month(tmp_path: Path) -> None:
    """"a median of 2 heat calls a day in July 2024", over a table of one row per day with its number
    of calls: the rate is the median of that column, in July. Before, the note gave only the ratio of
    rows to days (1 on such a table) and dropped the month (found walking a story of heat)."""
    (claim,) = _story(tmp_path, "There was a median of 6 trips a day in July 2024.")
    assert "the rate is that column's median: {median: COLUMN, of: trips, where: year(trip_date) == 2024 and " \
           "month(trip_date) == 7}" in claim["note"]
    (claim,) = _story(tmp_path / "b", "That is about 6 trips a day.")
    assert "the rate is that column's mean: {mean: COLUMN, of: trips, where: year(trip_date) == 2024}" in claim["note"]


def test_the_measure_the_per_day_note_gives_runs_and_passes(tmp_path: Path) -> None:
    import yaml
    (claim,) = _story(tmp_path, "That is about 6 trips a day.")
    written = claim["note"].split("count the rows over the days: ", 1)[1].split(" (the days", 1)[0]
    path = tmp_path / "story.claims.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["claims"] = [{**c, "measure": yaml.safe_load(written)} for c in doc["claims"] if c["id"] == claim["id"]]
    doc.pop("article")
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    ran = runner.invoke(app, ["run", str(path), "--json", "-"])
    assert ran.exit_code == 0, ran.output
    (result,) = json.loads(ran.stdout)["results"]
    assert (result["verdict"], result["value"]) == ("pass", 6.25)


@pytest.mark.parametrize(("says", "expect", "unit"), [
    ("That is about 34 trips a day.", "about 34", "day"), ("Police made 210 stops per week.", "210", "week"),
    ("It sold 3,000 tickets daily.", "3,000", "day"), ("Filings reached 2,240 a year.", "2,240", None),
    ("There were 34 trips on a day in May.", "34", None)])
def test_the_period_a_figure_is_a_rate_per(says: str, expect: str, unit: str | None) -> None:
    assert per_period(says, expect) == unit


def test_the_busiest_month_gets_the_derive_and_the_measure_to_write(tmp_path: Path) -> None:
    """Before, "March was the busiest month" was offered extremes of years under unrelated filters
    (a rider type's busiest year): passes that check nothing the sentence says."""
    import yaml
    (claim,) = _story(tmp_path, "March was the busiest month.")
    assert claim["candidates"] == [] and "reading" not in claim
    note = claim["note"]
    assert note.startswith("the extreme of a month (March): no column holds months")
    derive = note.split("(derive: ", 1)[1].split("})", 1)[0] + "}"
    measure = note.split("rank it: ", 1)[1]
    assert measure == ("extreme: {count: trips, where: year(trip_date) == 2024}, over: trip_date_month, at: 3, "
                       "is: highest")
    path = tmp_path / "story.claims.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["tables"]["trips"]["derive"].update(yaml.safe_load(derive))
    doc["claims"] = [{**c, "measure": yaml.safe_load("{" + measure + "}")} for c in doc["claims"] if c["id"] == claim["id"]]
    doc.pop("article")
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    ran = runner.invoke(app, ["run", str(path), "--json", "-"])
    assert ran.exit_code == 0, ran.output
    assert json.loads(ran.stdout)["results"][0]["verdict"] == "pass"


def test_a_month_named_without_ranking_months_is_searched_as_usual(tmp_path: Path) -> None:
    """"Harbor Point was the busiest station in March": an extreme of stations, not of months."""
    (claim,) = _story(tmp_path, "Harbor Point was the busiest station in March.")
    assert "note" not in claim or not claim["note"]
    assert claim["candidates"][0]["measure"]["over"] == "start_station"


def test_a_comparison_of_two_named_groups_takes_no_filter_from_the_sentences_before(tmp_path: Path) -> None:
    """"Harbor Point was the busiest station. Members took 2.5 times as many trips as casual riders":
    the second sentence names both groups. Members took 2.5 times as many at every station, so
    before, Harbor Point's trips alone came first: a filter only the sentence before names."""
    trips = {("Harbor Point", "member"): 50, ("Harbor Point", "casual"): 20, ("Elm Park", "member"): 25,
             ("Elm Park", "casual"): 10}
    rows = [f"T{i:03d},{station},{rider}" for i, (station, rider) in
            enumerate(key for key, n in trips.items() for _ in range(n))]
    claims = init_and_suggest(tmp_path, "Harbor Point was the busiest station. Members took 2.5 times as many "
                              "trips as casual riders.", {"trips.csv": csv_text("trip_id,start_station,rider_type", rows)})
    (claim,) = [c for c in claims if c["expect"] != True]  # noqa: E712
    assert claim["candidates"][0]["measure"] == {"compare": {"count": "trips"}, "by": "rider_type", "a": "member",
                                                 "b": "casual", "as": "ratio"}
