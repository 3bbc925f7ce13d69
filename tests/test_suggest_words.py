"""How `suggest` matches the words of a sentence with names in the data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.suggest.words import words

runner = CliRunner()


@pytest.mark.parametrize(("said", "name"), [
    ("pass rate", "passed"), ("passing", "passed"), ("waits", "wait_minutes"), ("waited", "wait_minutes"),
    ("girls", "girl"), ("fines", "fines_usd"), ("cases", "case_id"), ("convicted", "convictions"),
    ("referrals", "referral_source"), ("cases", "case"),
])
def test_a_word_names_a_column_whatever_its_ending(said: str, name: str) -> None:
    assert words(said) & words(name)


@pytest.mark.parametrize(("said", "value"), [("Buses ran 807 trips", "bus"), ("taxes", "tax"), ("boxes", "box"),
                                             ("gases", "gas")])
def test_a_plural_in_es_names_a_short_value(said: str, value: str) -> None:
    """"Buses ran 807 trips" found no mode == 'bus': "es" leaves too little of "buses" to be taken off."""
    from factcheck.suggest.words import name_words
    assert words(said) & name_words("mode", value)


@pytest.mark.parametrize(("said", "name"), [("rated", "rate"), ("bus", "business"), ("owed", "owner"),
                                            ("buses", "business")])
def test_a_short_word_keeps_its_ending(said: str, name: str) -> None:
    assert not words(said) & words(name)


def test_a_pass_rate_is_the_share_of_passed_tests(tmp_path: Path) -> None:
    """"Lincoln's math pass rate was 64%": the share of its math tests passed. Before, "pass" and
    "passed" were two words (their first five letters differ), so `passed` was named by nothing,
    and the share of Lincoln's tests that were in math was offered as the sentence's reading."""
    first = _scores(tmp_path, "Lincoln's math pass rate was 64%.", "64%")["candidates"][0]
    assert first["measure"] == {"share": "passed", "of": "tests", "where": "school == 'Lincoln' and subject == 'math'"}


def _scores(folder: Path, says: str, expect: object) -> dict[str, Any]:
    """Tests passed in three schools, 25 a subject each: in math Lincoln 16 (64%), Cedar 10 (40%),
    Harbor 13 (52%); in reading 10, 15 and 20."""
    passed = {("Lincoln", "math"): 16, ("Lincoln", "reading"): 10, ("Cedar", "math"): 10, ("Cedar", "reading"): 15,
              ("Harbor", "math"): 13, ("Harbor", "reading"): 20}
    rows = [f"T{school[0]}{subject[0]}{k},{school},{subject},{'true' if k < n else 'false'}"
            for (school, subject), n in passed.items() for k in range(25)]
    (folder / "tests.csv").write_text("test_id,school,subject,passed\n" + "\n".join(rows) + "\n", encoding="utf-8")
    (folder / "claims.yaml").write_text(
        "version: 1\ntitle: Scores\ntables:\n  tests: {path: tests.csv, key: test_id}\nclaims:\n"
        f"  - {{id: c, says: {json.dumps(says)}, expect: {json.dumps(expect)}}}\n", encoding="utf-8")
    got = runner.invoke(app, ["suggest", str(folder / "claims.yaml"), "--json", "-"])
    assert got.exit_code == 0, got.output
    return json.loads(got.stdout)["claims"][0]  # type: ignore[no-any-return]


def test_the_highest_rate_of_a_group_is_of_the_share_the_sentence_names(tmp_path: Path) -> None:
    """"Lincoln had the highest math pass rate": of the schools' shares of math tests passed. Before,
    only counts and means were ranked across a column's values: nothing was offered here, and with a
    year column "the year with the most tests passed", a pass that checked something else."""
    first = _scores(tmp_path, "Lincoln had the highest math pass rate.", True)["candidates"][0]
    assert first["measure"] == {"extreme": {"share": "passed", "of": "tests", "where": "subject == 'math'"},
                                "over": "school", "at": "Lincoln", "is": "highest"}
    assert (first["value"], first["verdict"]) == (True, "pass")
    # Cedar had the lowest, not the highest: read as written, that fails
    claim = _scores(tmp_path, "Cedar had the highest math pass rate.", True)
    assert claim["candidates"] == [] or "share" not in claim["candidates"][0]["measure"].get("extreme", {})
    assert claim["reading"]["measure"]["at"] == "Cedar" and claim["reading"]["verdict"] == "fail"


def test_a_share_of_a_total_the_sentence_names_is_of_that_column(tmp_path: Path) -> None:
    """"Charter schools enrolled one in five students": 900 of the 4,500 students (20%), though
    two of the six schools (33%). Before, only shares of the schools were tried, so nothing fit,
    and the share of the schools was shown as the sentence's reading."""
    schools = {"Lincoln": ("district", 1200), "Roosevelt": ("district", 800), "Harbor": ("charter", 400),
               "Summit": ("district", 1000), "Maple": ("charter", 500), "Cedar": ("district", 600)}
    (tmp_path / "schools.csv").write_text("school,type,students\n" + "".join(
        f"{name},{kind},{n}\n" for name, (kind, n) in schools.items()), encoding="utf-8")
    (tmp_path / "claims.yaml").write_text(
        "version: 1\ntitle: Schools\ntables:\n  schools: {path: schools.csv, key: school}\nclaims:\n"
        "  - {id: c, says: Charter schools enrolled one in five students., expect: one in five}\n", encoding="utf-8")
    got = runner.invoke(app, ["suggest", str(tmp_path / "claims.yaml"), "--json", "-"])
    assert got.exit_code == 0, got.output
    first = json.loads(got.stdout)["claims"][0]["candidates"][0]
    # a share of the students, written as one (was the ratio of their sums: the same figure, every row
    # telling its type), since the election story ("won 53% of the vote": share: ..., sum: votes)
    assert first["measure"] == {"share": "type == 'charter'", "of": "schools", "sum": "students"}
    assert (first["value"], first["verdict"]) == (0.2, "pass")


def test_a_column_named_before_the_figure_is_not_what_a_share_counts(tmp_path: Path) -> None:
    """"Victims were the source of over one-third of the referrals": 12 of the 30 cases (40%) came
    from victims; their cases hold 306 of the 477 victims (`n_victims`, 64%), also over a third.
    The share is of the referrals (the cases), the figure's own words; "Victims" says whose."""
    rows = [f"C{i},{'victim' if i < 12 else 'police'},{20 + i if i < 12 else i - 11}" for i in range(30)]
    (tmp_path / "cases.csv").write_text("case_id,source,n_victims\n" + "\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "claims.yaml").write_text(
        "version: 1\ntitle: Referrals\ntables:\n  cases: {path: cases.csv, key: case_id}\nclaims:\n"
        "  - {id: c, says: Victims were the source of over one-third of the referrals., expect: over one-third}\n",
        encoding="utf-8")
    got = runner.invoke(app, ["suggest", str(tmp_path / "claims.yaml"), "--json", "-"])
    assert got.exit_code == 0, got.output
    shown = [c["measure"] for c in json.loads(got.stdout)["claims"][0]["candidates"]]
    assert shown[0] == {"share": "source == 'victim'", "of": "cases"}
    assert not any("ratio" in m for m in shown), shown
