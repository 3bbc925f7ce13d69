"""`suggest` shows the sentence read as written when that fails, before what fits only read otherwise.

"Heat complaints rose 12% from 2022 to 2023": the data says +15%. Only measures that change
what the sentence says fit 12% (parking complaints, 2021 to 2022); listed alone as "1. +12%
-> pass" they looked like the claim's check, and a wrong figure could be published with a
pass. tests/fixtures/complaints holds constructed data with such a figure, a right one and a
far-off one.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.suggest import Suggestions, suggest

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


def test_a_wrong_figure_shows_its_reading_first_and_what_fits_only_read_otherwise(found: Suggestions) -> None:
    heat = found.for_claim("heat-up-12")
    assert heat.reading is not None
    assert heat.reading.measure == HEAT and heat.reading.value_text == "+15%" and heat.reading.verdict == "fail"
    assert heat.candidates and all("Heat" not in str(s.measure) for s in heat.candidates)
    assert heat.candidates[0].measure["change"]["where"] == "category == 'Parking'"
    assert (heat.candidates[0].measure["from"], heat.candidates[0].measure["to"]) == (2021, 2022)
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
             "!. +15% -> fail (out_of_tolerance)", "category == 'Heat'",
             "these meet it only read otherwise (another value, year or filter): check each", "1. +12% -> pass"]
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
    assert heat.index("# read as written: +15% (fail): is the figure wrong?") < heat.index(
        "# suggestion 1: +12% (pass) - reads the sentence otherwise: check it")
