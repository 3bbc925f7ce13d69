"""`suggest` and `init` never coax a wrong figure into passing.

A walk of a small story (tests/fixtures/suspensions: the story, its suspensions and its schools, as
a reporter gave them to `init`) showed two faults. "The city's five public schools" was read as a
count of suspensions (478, fail), while the count of schools (5) was marked as reading the sentence
otherwise. And where the sentence read as written fails ("Nearly a third of suspended students were
Hispanic": 34.3%; "Suspensions for drugs more than doubled": +67.7%), the candidates offered as
passing swapped the sentence's condition for another (the share of defiance among Hispanic
students), dropped it (a school's suspensions instead of those for drugs) or added filters on values
nobody names (Lincoln High; `school.enrollment_2023 == 1063`). Pasting "suggestion 1 (pass)" made a
wrong figure pass.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.suggest import NO_OWN_READING
from factcheck.suggest.propose import _open_reading, noun_tables
from factcheck.suggest.search import Found

runner = CliRunner()
FIXTURE = Path(__file__).parent / "fixtures" / "suspensions"
FILES = ("story.md", "suspensions.csv", "schools.csv")


@pytest.fixture(scope="module")
def walked(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, dict[str, Any]], str]:
    """The starter file `init` writes for the story, `suggest --all --json` on it, and its text view."""
    folder = tmp_path_factory.mktemp("suspensions")
    for name in FILES:
        shutil.copy(FIXTURE / name, folder / name)
    got = runner.invoke(app, ["init", str(folder / "story.md"), str(folder / "suspensions.csv"),
                              str(folder / "schools.csv")])
    assert got.exit_code == 0, got.output
    claims = folder / "story.claims.yaml"
    data = runner.invoke(app, ["suggest", str(claims), "--all", "--json", "-"])
    assert data.exit_code == 0, data.output
    text = runner.invoke(app, ["suggest", str(claims), "--all"])
    assert text.exit_code == 0, text.output
    found = {c["id"]: c for c in json.loads(data.stdout)["claims"]}
    return claims.read_text(encoding="utf-8"), found, text.output


def _block(starter: str, claim_id: str) -> str:
    """The lines of one claim in the starter file, to the next claim."""
    start = starter.index(f"- id: {claim_id}\n")
    end = starter.find("\n  - id:", start + 1)
    return starter[start:end if end > 0 else None]


def _measures(found: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    return [s["measure"] for c in found.values() for key in ("candidates", "misses")
            for s in c[key]] + [c["reading"]["measure"] for c in found.values() if "reading" in c]


def test_the_noun_after_a_count_names_the_table_counted(walked: tuple[str, dict[str, Any], str]) -> None:
    starter, found, _ = walked
    five = found["suspensions-city-s-five-public-schools"]
    assert "reading" not in five   # 478 suspensions is no reading of "five public schools"
    first = five["candidates"][0]
    assert first["measure"] == {"count": "schools"} and first["verdict"] == "pass" and first["departs"] is False
    block = _block(starter, "suspensions-city-s-five-public-schools")
    assert "# suggestion 1: 5 (pass)\n" in block and "read as written" not in block
    # the figure beside it is still the count of suspensions in 2024
    assert found["suspensions-city-s-five-public-schools-3"]["candidates"][0]["measure"] == \
        {"count": "suspensions", "where": "date_year == 2024"}


@pytest.mark.parametrize(("claim_id", "value"), [("nearly-third-suspended-students-hispanic-just", "34.3%"),
                                                 ("suspensions-drugs-more-than-doubled", "+67.7%")])
def test_a_failing_reading_gets_no_candidate_that_swaps_drops_or_adds_a_condition(
        walked: tuple[str, dict[str, Any], str], claim_id: str, value: str) -> None:
    starter, found, text = walked
    claim = found[claim_id]
    assert claim["reading"]["value_text"] == value and claim["reading"]["verdict"] == "fail"
    assert claim["candidates"] == [] and claim["note"] == NO_OWN_READING
    block = _block(starter, claim_id)
    assert f"# read as written: {value} (fail): is the figure wrong?" in block
    assert f"# {NO_OWN_READING}" in block and "# suggestion" not in block
    view = text[text.index(f"{claim_id}:"):]
    view = view.split("\n\n")[0]
    assert f"no candidate: {NO_OWN_READING}" in view and "reads the sentence otherwise" not in view


def test_no_filter_sets_a_quantity_of_each_row_to_one_value(walked: tuple[str, dict[str, Any], str]) -> None:
    """`school.enrollment_2023 == 1063` names Lincoln High by its enrollment: no sentence reads so."""
    _, found, _ = walked
    written = json.dumps(_measures(found))
    assert "enrollment_2023 ==" not in written and "enrollment_2024 ==" not in written


def test_a_number_beside_its_column_still_names_a_row_of_a_table_of_one_row_each(tmp_path: Path) -> None:
    """A table of precincts, each with its own number and officers: "Precinct 44" names its row."""
    rows = [f"{41 + i},{100 + 10 * i},{['North', 'South'][i % 2]}" for i in range(5)]
    (tmp_path / "precincts.csv").write_text("precinct,officers,borough\n" + "\n".join(rows) + "\n")
    (tmp_path / "story.md").write_text("# Police\n\nPrecinct 44 had 130 officers.\n")
    got = runner.invoke(app, ["init", str(tmp_path / "story.md"), str(tmp_path / "precincts.csv")])
    assert got.exit_code == 0, got.output
    data = runner.invoke(app, ["suggest", str(tmp_path / "story.claims.yaml"), "--all", "--json", "-"])
    claims = json.loads(data.stdout)["claims"]
    wheres = [s["measure"].get("where") for c in claims for s in c["candidates"]]
    assert "precinct == 44" in wheres, claims


def test_the_noun_tables_are_those_every_word_of_whose_name_it_says() -> None:
    says = "Suspensions in the city's five public schools rose 78% in 2024, to 478."
    assert noun_tables(says, "5", ["schools", "suspensions", "school_suspensions"]) == {"schools"}
    assert noun_tables(says, "478", ["schools", "suspensions"]) == frozenset()
    # "days of school": the noun is "days", not the school after "of"
    assert noun_tables("Students lost 1,709 days of school to suspensions.", "1,709 days", ["schools"]) == frozenset()


def _found(conds: frozenset[str], period: str | None, *, named: bool = True, said: bool = True,
           departs: bool = False) -> Found:
    return Found({"count": "t"}, "t", 1.0, True, 0.0, target_said=said, conds_named=named, conds=conds,
                 period=period, departs=departs)


def test_a_candidate_may_differ_from_a_failing_reading_only_by_a_period_the_sentence_leaves_open() -> None:
    reading = _found(frozenset({"reason == 'drugs'"}), "date_year == 2024")
    other_year = _found(frozenset({"reason == 'drugs'"}), "date_year == 2023", departs=True)
    kept = _open_reading(other_year, reading, dated=False)
    assert kept is not None and kept.departs
    assert kept.instead == "the period `date_year == 2023`, where the sentence names none"
    every = _open_reading(_found(frozenset({"reason == 'drugs'"}), None, departs=True), reading, dated=False)
    assert every is not None and every.instead == "no period (all the years), where the sentence names none"
    assert _open_reading(other_year, reading, dated=True) is None          # the sentence names 2024
    swapped = _found(frozenset({"student_race == 'Hispanic'"}), "date_year == 2024")
    assert _open_reading(swapped, reading, dated=False) is None             # another condition
    added = _found(frozenset({"reason == 'drugs'", "school_id == 'S01'"}), "date_year == 2024", named=False)
    assert _open_reading(added, reading, dated=False) is None               # a filter nothing names
    dropped = _found(frozenset(), "date_year == 2024")
    assert _open_reading(dropped, reading, dated=False) is None             # the drugs left out
    other = _found(frozenset({"reason == 'drugs'"}), "date_year == 2024", said=False, departs=True)
    assert _open_reading(other, reading, dated=False) is None               # measures what the sentence does not name
    # a condition the text around the sentence names ("sex-trafficking cases" of its section) is said
    context = _found(frozenset({"reason == 'drugs'", "case.sex_trafficking"}), "date_year == 2024", departs=True)
    shown = _open_reading(context, reading, dated=True)
    assert shown is not None and shown.instead == "`case.sex_trafficking`, a condition the reading does not have"
