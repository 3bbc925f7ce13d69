"""`suggest` on a story of school spending: a rate per student within one table, its change between
two years, and an amount written right after the rate's base ("the most per student, $15,500")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from drafts import csv_text, init_and_suggest
from typer.testing import CliRunner

from factcheck.cli import app

runner = CliRunner()
# (district, year): the enrollment and spending of its two schools. Per student in 2024: Lakeside
# 15,500, Northfield 14,000, Granite 12,000, the county 13,875; in 2015 the county 11,000 (up 26%)
SCHOOLS = {("Lakeside", 2024): [(490, 7_500_000), (510, 8_000_000)], ("Granite", 2024): [(400, 4_800_000), (600, 7_200_000)],
           ("Northfield", 2024): [(990, 13_900_000), (1010, 14_100_000)],
           ("Lakeside", 2015): [(480, 5_900_000), (520, 6_100_000)], ("Granite", 2015): [(470, 4_900_000), (530, 5_100_000)],
           ("Northfield", 2015): [(980, 10_900_000), (1020, 11_100_000)]}   # every school its own figures
STORY = ("The county's schools spent $13,875 per student in 2024, up 26% from 2015. Lakeside spent the most per "
         "student, $15,500, while Granite spent the least.")


def _suggested(folder: Path, story: str = STORY) -> dict[str, dict[str, Any]]:
    """`init` and `suggest` on the story: each claim by its expect (the first of the extremes as "true")."""
    rows = [f"{d[:3].upper()}-{year}-{i},{year},{d},{n},{spent}"
            for (d, year), schools in SCHOOLS.items() for i, (n, spent) in enumerate(schools)]
    schools = csv_text("school_id,school_year,district,enrollment,spending", rows)
    claims = init_and_suggest(folder, story, {"schools.csv": schools}, "What schools spend")
    return {str(c["expect"]).lower(): c for c in reversed(claims)}


def _rate(where: str) -> dict[str, Any]:
    return {"ratio": {"numerator": {"sum": "spending", "of": "schools", "where": where},
                      "denominator": {"sum": "enrollment", "of": "schools", "where": where}}}


def test_a_rate_per_student_divides_by_the_enrollment(tmp_path: Path) -> None:
    """"per student" names the enrollment. Before, no column was named for students, and the note
    said to write the ratio by hand."""
    first = _suggested(tmp_path)["$13,875"]["candidates"][0]
    assert first["measure"] == _rate("school_year == 2024") and first["verdict"] == "pass"


def test_the_change_of_the_rate_the_sentence_states(tmp_path: Path) -> None:
    """"…per student in 2024, up 26% from 2015" is the change of spending per student. Before, only
    changes of counts were tried: the number of schools (unchanged, 0%) was shown as the sentence's
    failing reading."""
    claim = _suggested(tmp_path)["up 26%"]
    assert "reading" not in claim
    first = claim["candidates"][0]
    assert first["measure"] == {"change": {"ratio": {"numerator": {"sum": "spending", "of": "schools"},
                                                     "denominator": {"sum": "enrollment", "of": "schools"}}},
                                "over": "school_year", "from": 2015, "to": 2024}
    assert first["verdict"] == "pass"


def test_an_amount_right_after_a_rates_base_is_that_rate(tmp_path: Path) -> None:
    """"Lakeside spent the most per student, $15,500": Lakeside's spending per student. Before, the
    enrollment of Lakeside's schools (1,000) was searched as the amount, and nothing fit."""
    claims = _suggested(tmp_path)
    first = claims["$15,500"]["candidates"][0]
    assert first["measure"] == _rate("district == 'Lakeside' and school_year == 2024")
    most = claims["true"]["candidates"][0]["measure"]
    assert (most["over"], most["at"], most["is"]) == ("district", "Lakeside", "highest")
    assert most["extreme"] == _rate("school_year == 2024")


def test_a_gap_between_two_groups_rates(tmp_path: Path) -> None:
    """"Lakeside spent $3,500 more per student than Granite" (15,500 against 12,000 in 2024): a
    `compare` of the two districts' spending per student. Before, `init` wrote `expect: $3,500`,
    which no gap can be read as, and Granite's rate was searched for the amount."""
    claim = _suggested(tmp_path, "Lakeside spent $3,500 more per student than Granite in 2024.")["$3,500 more"]
    first = claim["candidates"][0]
    assert first["measure"] == {"compare": _rate("school_year == 2024"), "by": "district", "a": "Lakeside",
                                "b": "Granite"}
    assert (first["value"], first["verdict"]) == (3500, "pass")


def test_a_percentage_may_be_the_mean_of_a_column_of_fractions(tmp_path: Path) -> None:
    """Each school's `proficiency_rate` is a fraction (0.3 to 0.8): "At Title I schools, 40% of
    students were proficient" is their mean, 0.40 (0.35, 0.40, 0.45). Before, only shares of
    conditions were tried, and the share of Title I schools was shown as the sentence's reading."""
    rates = {"T1": (True, 0.35), "T2": (True, 0.40), "T3": (True, 0.45), "N1": (False, 0.62), "N2": (False, 0.70),
             "N3": (False, 0.78)}
    folder = tmp_path
    (folder / "schools.csv").write_text("school_id,title_one,proficiency_rate\n" + "".join(
        f"{k},{str(t).lower()},{r}\n" for k, (t, r) in rates.items()), encoding="utf-8")
    (folder / "story.md").write_text("# Tests\n\nAt Title I schools, 40% of students were proficient.\n", encoding="utf-8")
    assert runner.invoke(app, ["init", str(folder / "story.md"), str(folder / "schools.csv")]).exit_code == 0
    got = runner.invoke(app, ["suggest", str(folder / "story.claims.yaml"), "--json", "-"])
    (claim,) = json.loads(got.stdout)["claims"]
    offered = [c["measure"] for c in claim["candidates"]]
    assert {"mean": "proficiency_rate", "of": "schools", "where": "title_one"} in offered
