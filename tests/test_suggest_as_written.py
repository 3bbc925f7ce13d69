"""After a candidate that reads the sentence as written and passes, `suggest` lists only the other
readings of the sentence's own words.

A walk of the suspensions story (tests/fixtures/suspensions) found, under passing readings, candidates
marked "reads the sentence otherwise" that no editor needs: "Suspensions ... rose 78%" followed by the
change of grade 8's suspensions alone (`grade == 8`, +77.5%), "Roosevelt Middle had the fewest
suspensions" by the lowest mean enrollment of the schools, "... 66" by `school_id == 'S02'`. Those are
gone; `--every-reading` still lists them. A share of the rows where its part is known ("children were
53% of victims": `minor is not null`) stays: the sentence does not settle which whole it means.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.suggest.propose import _proposal
from factcheck.suggest.search import Found

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "suspensions"


@pytest.fixture(scope="module")
def claims(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("suspensions")
    for name in ("story.md", "suspensions.csv", "schools.csv"):
        shutil.copy(FIXTURE / name, folder / name)
    got = runner.invoke(app, ["init", str(folder / "story.md"), str(folder / "suspensions.csv"),
                              str(folder / "schools.csv")])
    assert got.exit_code == 0, got.output
    return folder / "story.claims.yaml"


def _suggested(claims: Path, *extra: str) -> dict[str, dict[str, Any]]:
    got = runner.invoke(app, ["suggest", str(claims), "--json", "-", *extra])
    assert got.exit_code == 0, got.output
    data = json.loads(got.stdout)
    jsonschema.validate(data, json.loads((ROOT / "docs" / "suggest-schema.json").read_text()))
    return {c["id"]: c for c in data["claims"]}


def _by_sentence(found: dict[str, dict[str, Any]], start: str, expect: Any) -> dict[str, Any]:
    return next(c for c in found.values() if c["says"].startswith(start) and c["expect"] == expect)


def test_no_candidate_reads_the_sentence_otherwise_after_one_that_reads_it_as_written(claims: Path) -> None:
    found = _suggested(claims)
    passing_as_written = 0
    for c in found.values():
        if c["candidates"] and not c["candidates"][0]["departs"]:
            passing_as_written += 1
            assert not any(s["departs"] for s in c["candidates"]), (c["says"], c["candidates"])
    assert passing_as_written >= 10
    rose = _by_sentence(found, "Suspensions in the city's five", "up 78%")
    assert [s["measure"] for s in rose["candidates"]] == [
        {"change": {"count": "suspensions"}, "over": "date_year", "from": 2023, "to": 2024}]
    fewest = _by_sentence(found, "Roosevelt Middle had the fewest", True)
    assert all("mean" not in s["measure"]["extreme"] for s in fewest["candidates"])
    count = _by_sentence(found, "Roosevelt Middle had the fewest", "66")
    assert [s["measure"]["where"] for s in count["candidates"]] == [
        "school.school_name == 'Roosevelt Middle' and date_year == 2024"]


def test_every_reading_still_lists_them(claims: Path) -> None:
    found = _suggested(claims, "--every-reading")
    rose = _by_sentence(found, "Suspensions in the city's five", "up 78%")
    assert any(s["departs"] and "grade == 8" in json.dumps(s["measure"]) for s in rose["candidates"])
    fewest = _by_sentence(found, "Roosevelt Middle had the fewest", True)
    assert any("mean" in s["measure"]["extreme"] for s in fewest["candidates"])


def _found(share: str, conds: set[str], departs: bool, score: float, **kw: Any) -> Found:
    where = " and ".join(sorted(conds))
    measure = {"share": share, "of": "victims", **({"where": where} if where else {})}
    return Found(measure, "victims", 0.5, True, 0.0, score, len(conds), departs=departs,
                 conds=frozenset(conds), **kw)


def test_the_share_of_the_known_and_the_section_subject_stay_and_an_unnamed_filter_goes() -> None:
    honest = _found("minor", set(), False, 3.0, target_said=True, conds_named=True)
    known = _found("minor", {"minor is not null"}, True, 2.0, target_said=True)
    subject = _found("minor", {"case.sex_trafficking"}, True, 1.9, target_said=True, conds_named=True)
    unnamed = _found("minor", {"sex == 'female'"}, True, 2.5, target_said=True)
    median = _found("minor", {"case.active_2020"}, True, 1.8, target_said=True, conds_named=True,
                    instead="the mean for the median the sentence names")
    every = [honest, known, subject, unnamed, median]
    kept = _proposal(every, 5, [], None).hits
    assert kept == [honest, known, subject]
    assert _proposal(every, 5, [], None, every_reading=True).hits == [honest, unnamed, known, subject, median]
    # with no reading as written among them, those that depart are all there is to show, marked
    assert _proposal([known, unnamed], 5, [], None).hits == [unnamed, known]
