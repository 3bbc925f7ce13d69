"""`suggest` shows the sentence read as written when that fails, and offers nothing that fits only read otherwise.

"Heat complaints rose 12% from 2022 to 2023": the data says +15%. Only measures that change
what the sentence says fit 12% (parking complaints, 2021 to 2022); listed alone as "1. +12%
-> pass" they looked like the claim's check, and a wrong figure could be published with a
pass. Then they were listed below the reading, marked as reading the sentence otherwise; now
they are not offered at all: no reading of the sentence's own words passes, and it says so
(tests/test_suggest_honest.py). tests/fixtures/complaints holds constructed data with such a
figure, a right one and a far-off one.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.suggest import NO_OWN_READING, Suggestions, suggest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "complaints"
runner = CliRunner()

HEAT = {"change": {"count": "complaints", "where": "category == 'Heat'"}, "over": "year", "from": 2022, "to": 2023}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    for f in FIXTURE.iterdir():
        shutil.copy(f, root / f.name)
    return root


@pytest.fixture(scope="module")
def found() -> Suggestions:
    return suggest(FIXTURE / "claims.yaml")


def test_a_wrong_figure_shows_its_reading_and_nothing_that_fits_only_read_otherwise(found: Suggestions) -> None:
    heat = found.for_claim("heat-up-12")
    assert heat.reading is not None
    assert heat.reading.measure == HEAT and heat.reading.value_text == "+15%" and heat.reading.verdict == "fail"
    # parking complaints from 2021 to 2022 fit 12%: they swap the sentence's heat and its years
    assert heat.candidates == [] and heat.note == NO_OWN_READING
    assert heat.reading.measure not in [s.measure for s in heat.misses]   # shown once


def test_a_right_figure_has_no_reading_and_its_own_span_is_searched(found: Suggestions) -> None:
    noise = found.for_claim("noise-up-20")   # "from 2021 to 2022": before, only 2021-2023 and 2020-2021 were tried
    assert noise.reading is None
    assert noise.candidates[0].measure == {"change": {"count": "complaints", "where": "category == 'Noise'"},
                                           "over": "year", "from": 2021, "to": 2022}


def test_a_figure_nothing_fits_shows_its_reading_however_far(found: Suggestions) -> None:
    queens = found.for_claim("queens-500")
    assert queens.reading is not None and not queens.candidates
    assert queens.reading.measure == {"count": "complaints", "where": "borough == 'Queens' and year == 2023"}
    assert queens.reading.value_text == "106" and queens.reading.verdict == "fail"


def test_the_terminal_and_json_say_it(repo: Path) -> None:
    result = runner.invoke(app, ["suggest", str(repo / "claims.yaml"), "heat-up-12"])
    assert result.exit_code == 0, result.output
    text = result.output
    order = ["read as the sentence says, the figure does NOT meet the expectation (is it wrong?):",
             "!. +15% -> fail (out_of_tolerance)", "category == 'Heat'", f"no candidate: {NO_OWN_READING}"]
    assert [text.index(t) for t in order] == sorted(text.index(t) for t in order), text
    out = repo / "s.json"
    assert runner.invoke(app, ["suggest", str(repo / "claims.yaml"), "--json", str(out)]).exit_code == 0
    data = json.loads(out.read_text())
    jsonschema.validate(data, json.loads((ROOT / "docs" / "suggest-schema.json").read_text()))
    by_id = {c["id"]: c for c in data["claims"]}
    assert by_id["heat-up-12"]["reading"]["measure"] == HEAT and "reading" not in by_id["noise-up-20"]


def test_run_names_the_reading_not_a_pass_that_reads_otherwise(repo: Path) -> None:
    result = runner.invoke(app, ["run", str(repo / "claims.yaml"), "--json", "-"])
    report = json.loads(result.stdout[result.stdout.index("{"):])
    heat = next(r for r in report["results"] if r["id"] == "heat-up-12")
    assert heat["verdict"] == "unverifiable"
    assert ("read as written: measure: {change: {count: complaints, where: category == 'Heat'}, over: year, "
            "from: 2022, to: 2023} (computes +15%, fail: is the figure wrong?)") in heat["message"]
    noise = next(r for r in report["results"] if r["id"] == "noise-up-20")
    assert "best suggestion: measure: {change: {count: complaints, where: category == 'Noise'}" in noise["message"]


def test_init_writes_the_reading_above_the_suggestions(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    shutil.copy(FIXTURE / "complaints.csv", root)
    shutil.copy(FIXTURE / "story.md", root)
    result = runner.invoke(app, ["init", str(root / "story.md"), str(root / "complaints.csv")])
    assert result.exit_code == 0, result.output
    text = (root / "story.claims.yaml").read_text()
    heat = text[text.index("says: Heat complaints"):text.index("says: Noise complaints")]
    assert heat.index("# read as written: +15% (fail): is the figure wrong?") < heat.index(f"# {NO_OWN_READING}")
    assert "# suggestion" not in heat


# Constructed for the two tests below: in 2023 Brooklyn filed 40 complaints, a quarter of them
# about noise, and Queens 60, a sixth of them: noise was 20% of all 2023 complaints. 2023's
# complaints took 50 days to close on average, 2022's 40: 45 days over both years.
PARAGRAPH = ("Brooklyn filed 40 complaints in 2023. Noise complaints made up about a quarter of all "
             "complaints in 2023. Complaints took 45 days to close on average.\n")


@pytest.fixture(scope="module")
def paragraph(tmp_path_factory: pytest.TempPathFactory) -> Suggestions:
    root = tmp_path_factory.mktemp("paragraph")
    (root / ".git").mkdir()
    rows = ["complaint_id,borough,year,category,days_to_close"]
    made = [("Brooklyn", 2023, "Noise", 10), ("Brooklyn", 2023, "Heat", 30),
            ("Queens", 2023, "Noise", 10), ("Queens", 2023, "Heat", 50),
            ("Brooklyn", 2022, "Heat", 50), ("Queens", 2022, "Heat", 50)]
    for borough, year, category, n in made:
        base = 50 if year == 2023 else 40  # in pairs around it: 49 and 51, 47 and 53, … 29 and 71 in 2023
        rows += [f"{len(rows) + i},{borough},{year},{category},{base + (1 + 2 * (i // 2 % 11)) * (-1) ** i}"
                 for i in range(n)]
    (root / "complaints.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return _suggested(root, PARAGRAPH,
                      "version: 1\narticle: story.md\ntables:\n  complaints: {path: complaints.csv, key: complaint_id}\n"
                      "claims:\n"
                      "  - id: noise-quarter\n    says: Noise complaints made up about a quarter of all complaints in 2023.\n"
                      "    expect: about a quarter\n"
                      "  - id: days-45\n    says: Complaints took 45 days to close on average.\n    expect: 45 days\n")


def _suggested(root: Path, story: str, claims: str) -> Suggestions:
    """``suggest`` on the claims file ``claims`` beside the article ``story``, in ``root``."""
    (root / "story.md").write_text(story, encoding="utf-8")
    (root / "claims.yaml").write_text(claims, encoding="utf-8")
    return suggest(root / "claims.yaml")


def test_of_all_reads_the_share_among_all_whatever_the_sentence_before_filtered_on(paragraph: Suggestions) -> None:
    """"A quarter of all complaints in 2023" after "Brooklyn filed …": the sentence before
    counted as a label, so Brooklyn's 25% was suggestion 1, a pass, and the sentence's own
    reading (20%: the figure is wrong) was never shown. Then it was shown, Brooklyn's 25% below
    it; now that is not offered: "of all complaints" names no borough."""
    noise = paragraph.for_claim("noise-quarter")
    assert noise.reading is not None
    assert noise.reading.measure == {"share": "category == 'Noise'", "of": "complaints", "where": "year == 2023"}
    assert noise.reading.value_text == "20%" and noise.reading.verdict == "fail"
    assert noise.candidates == [] and noise.note == NO_OWN_READING


def test_a_year_taken_from_the_sentence_before_is_no_reading_of_a_sentence_that_names_none(
        paragraph: Suggestions) -> None:
    """"Complaints took 45 days to close on average" names no year: read in the sentence
    before's 2023 it computes 50 (fail), over every year 45 (pass). That year was the
    sentence's "reading", shown first with "is the figure wrong?", and the mean over every year
    was not among the five suggestions."""
    days = paragraph.for_claim("days-45")
    assert days.reading is None
    assert {"mean": "days_to_close", "of": "complaints"} in [s.measure for s in days.candidates[:2]]
    assert all(s.verdict == "pass" for s in days.candidates)


def _hospital_data(root: Path) -> Path:
    (root / ".git").mkdir()
    names = ["Lakeview", "County General", "Riverside", "St. Mary's"]
    (root / "hospitals.csv").write_text("hospital,beds\nLakeview,95\nCounty General,410\nRiverside,150\n"
                                        "St. Mary's,220\n", encoding="utf-8")
    waits = [(2023, 150 + i) for i in range(25)] + [(2024, 170 + i) for i in range(29)] + [(2024, 400)] * 6
    (root / "visits.csv").write_text("visit_id,hospital,year,wait_minutes\n" + "".join(
        f"{i},{names[i % 4]},{y},{w}\n" for i, (y, w) in enumerate(waits)), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def hospitals(tmp_path_factory: pytest.TempPathFactory) -> Suggestions:
    """Constructed: four hospitals and their beds; 25 visits in 2023 (150 to 174 minutes' wait)
    and 35 in 2024 (170 to 198 minutes, and six of 400: a median of 187, a mean of 221)."""
    return _suggested(_hospital_data(tmp_path_factory.mktemp("hospitals")),
                      "Lakeview, the smallest hospital with 95 beds, had the shortest waits.\n\n"
                      "The median wait was 187 minutes in 2024.\n",
                      "version: 1\narticle: story.md\ntables:\n  visits: {path: visits.csv, key: visit_id}\n"
                      "  hospitals: {path: hospitals.csv}\nclaims:\n"
                      "  - {id: beds, says: 'Lakeview, the smallest hospital with 95 beds, had the shortest waits.', "
                      "expect: '95'}\n"
                      "  - {id: shortest, says: 'Lakeview, the smallest hospital with 95 beds, had the shortest "
                      "waits.', expect: true}\n"
                      "  - {id: median, says: The median wait was 187 minutes in 2024., expect: 187 minutes}\n")


def test_a_number_each_row_of_a_small_table_has_its_own_of_is_a_quantity(hospitals: Suggestions) -> None:
    """`beds` in a table of four hospitals has four values, so it was taken for a category: no
    measure read it, and "95 beds" was read as written as a count of rows (1: "is it wrong?")."""
    beds = hospitals.for_claim("beds")
    assert beds.reading is None
    assert beds.candidates and beds.candidates[0].value == 95
    assert beds.candidates[0].measure["of"] == "hospitals" and "beds" in str(beds.candidates[0].measure)


def test_an_extreme_over_years_is_no_reading_of_a_sentence_that_speaks_of_no_time(hospitals: Suggestions) -> None:
    """"had the shortest waits" compares hospitals: Lakeview's visits being fewest in 2024 of all
    years is another statement, and it was shown first as the sentence read as written."""
    assert hospitals.for_claim("shortest").reading is None


def test_a_median_sentence_gets_the_median_and_no_mean_is_its_reading(hospitals: Suggestions) -> None:
    """"The median wait was 187 minutes": suggest tried means only, so the mean (221) was shown
    as the sentence read as written, failing, for a figure that is right."""
    median = hospitals.for_claim("median")
    assert median.reading is None
    assert median.candidates[0].measure == {"median": "wait_minutes", "of": "visits", "where": "year == 2024"}
    assert median.candidates[0].value == 187 and median.candidates[0].verdict == "pass"


def test_one_word_of_a_value_in_the_sentence_before_does_not_name_it(tmp_path: Path) -> None:
    """"the two counties" in the sentence before gave 'County General' a filter bonus (the
    stem of "counties" is that of "County"): its mean, also over three hours, came first."""
    found = _suggested(_hospital_data(tmp_path),
                       "Visits rose in the two counties in 2024. Patients waited more than three hours on average "
                       "in 2024.\n",
                       "version: 1\narticle: story.md\ntables:\n  visits: {path: visits.csv, key: visit_id}\n"
                       "claims:\n  - {id: waits, says: Patients waited more than three hours on average in 2024., "
                       "expect: more than three hours}\n")
    first = found.for_claim("waits").candidates[0]
    assert first.measure == {"mean": "wait_minutes", "of": "visits", "where": "year == 2024"}


def test_a_value_the_sentence_names_is_ranked_among_its_column_s_values(hospitals: Suggestions) -> None:
    """"Lakeview … had the shortest waits" ranks hospitals: an extreme over the hospital column
    at Lakeview. Only extremes over years were tried, so nothing was suggested. The mean of the
    waits comes before the count of visits since "waits" names `wait_minutes` (words are compared
    once their ending is off). The fewest visits of 2024 (8), which reads the sentence otherwise,
    followed them until a candidate that reads it as written, first, came to be followed only by
    other readings of its words."""
    shortest = hospitals.for_claim("shortest")
    assert [(s.measure["extreme"], s.value_text) for s in shortest.candidates] == [
        ({"mean": "beds", "of": "hospitals"}, "yes: 95, rank 1 of 4; next: Riverside (150)"),  # "the smallest"
        ({"mean": "wait_minutes", "of": "visits"}, "yes: 188.6, rank 1 of 4; next: County General (189.2)")]
    assert all(s.measure["over"] == "hospital" and s.measure["at"] == "Lakeview" and s.measure["is"] == "lowest"
               and s.verdict == "pass" for s in shortest.candidates)


def test_the_key_of_a_small_table_of_names_is_a_filter(tmp_path: Path) -> None:
    """With `key: hospital` declared, the hospital's name was no condition at all, so "Lakeview,
    with 95 beds" got no suggestion: a key is no category, but the names of four hospitals are."""
    found = _suggested(_hospital_data(tmp_path), "Lakeview, with 95 beds, is the smallest.\n",
                       "version: 1\narticle: story.md\ntables:\n  hospitals: {path: hospitals.csv, key: hospital}\n"
                       "claims:\n  - {id: beds, says: 'Lakeview, with 95 beds, is the smallest.', expect: '95'}\n")
    assert [s.measure.get("where") for s in found.for_claim("beds").candidates][:1] == ["hospital == 'Lakeview'"]


def test_risen_every_year_since_gets_a_run_of_rises(tmp_path: Path) -> None:
    """"Wait times have risen every year since 2023" (init writes `expect: true`): nothing was
    suggested; now `rising: {mean: wait_minutes, …}, since: 2023`."""
    found = _suggested(_hospital_data(tmp_path),
                       "The median wait was 187 minutes in 2024. Wait times have risen every year since 2023.\n",
                       "version: 1\narticle: story.md\ntables:\n  visits: {path: visits.csv, key: visit_id}\nclaims:\n"
                       "  - {id: risen, says: Wait times have risen every year since 2023., expect: true}\n")
    first = found.for_claim("risen").candidates[0]
    assert first.measure == {"rising": {"mean": "wait_minutes", "of": "visits"}, "over": "year", "since": 2023}
    assert first.value_text == "yes: it rose in every period from 2023 to 2024" and first.verdict == "pass"


def test_a_reading_with_no_value_is_not_said_to_miss_the_figure() -> None:
    """Walking an air-quality story (tests/fixtures/air): a station missed a month, so "10 days" read
    as written over 2024 had no value (unverifiable, period_not_covered), yet `suggest` headed it "the
    figure does NOT meet the expectation (is it wrong?)": the data cannot settle it, which says
    nothing against the figure (`init`'s comment already said so)."""
    from factcheck.suggest import ClaimSuggestions, Suggestion
    from factcheck.suggest.text import render

    reading = Suggestion({"count": "readings", "where": "date_year == 2024"}, None, None, "unverifiable",
                         "period_not_covered")
    text = render(Suggestions([ClaimSuggestions("days", "on 10 days", 10, reading=reading)]))
    assert "does NOT meet" not in text and "is it wrong?" not in text
    assert "read as the sentence says, the data cannot settle the figure (no value):" in text
    assert "!. no value -> unverifiable (period_not_covered)" in text
