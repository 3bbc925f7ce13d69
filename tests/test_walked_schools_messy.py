"""State test results walked as a data reporter would (constructed data, tests/fixtures/schools_messy):
a file laid out as education agencies publish it, with "County Total" and "State Total" rows mixed in
with the districts, small counts suppressed as text ('<10', '*', 'n<10'), the percent proficient
written '45.2%' beside a rate in 0-100, school years written '2023-24', and a revised release.

Three of the story's figures are wrong: English learners' 31% (29.2%), Asian students tested in "seven
of the ten districts" (ten: a suppressed count is fewer than 10 students, not none) and Alder County's
38% (38.5%).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import factcheck
from factcheck import NoteCode, Verdict
from factcheck.cli import app

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "schools_messy"
runner = CliRunner()
DISTRICTS_2024 = "student_group == 'All Students' and school_year == '2023-24'"


@pytest.fixture(scope="module")
def story() -> dict[str, factcheck.ClaimResult]:
    return {r.id: r for r in factcheck.verify(FIXTURE / "claims.yaml").results}


STORY = {
    "headline-half": Verdict.PASS, "half-proficient": Verdict.PASS, "up-from-2022-23": Verdict.PASS,
    "tested": Verdict.PASS, "ten-districts": Verdict.PASS, "hillcrest-highest": Verdict.PASS,
    "hillcrest-rate": Verdict.PASS, "carver-rate": Verdict.PASS, "five-at-least-half": Verdict.PASS,
    "five-of-ten": Verdict.PASS, "low-income": Verdict.PASS,
    "english-learners": Verdict.FAIL,  # 29.2%, not 31%
    "disabilities": Verdict.PASS, "glenwood-most": Verdict.PASS, "glenwood-tested": Verdict.PASS,
    "glenwood-low-income": Verdict.PASS, "elmwood-rose": Verdict.PASS, "elmwood-rate": Verdict.PASS,
    "asian-seven-districts": Verdict.FAIL,  # ten: three suppressed counts are groups under 10
    "asian-ten-districts": Verdict.PASS, "asian-929": Verdict.PASS,
    "alder-38": Verdict.FAIL,  # 38.5%
}


def test_the_schools_story(story: dict[str, factcheck.ClaimResult]) -> None:
    assert {k: r.verdict for k, r in story.items()} == STORY
    assert [n.code for n in story["asian-929"].notes] == [NoteCode.UNKNOWNS_EXCLUDED]


def test_a_sum_that_leaves_suppressed_counts_out_says_it_is_a_floor(story: dict[str, factcheck.ClaimResult]) -> None:
    """The walk: "929 students in all" passed with "3 rows left out because the value was unknown"; the
    three are Asian students of three districts, fewer than 10 each, so 929 is at least 929, up to 956.
    The note says what the unknowns are, and that the sum is a floor."""
    (note,) = story["asian-929"].notes
    assert "'<10', '*', 'n<10'" in note.message and "counts suppressed for privacy" in note.message
    assert "so it is a floor" in note.message
    assert [n.message for n in story["tested"].notes if n.code == NoteCode.UNKNOWNS_EXCLUDED] == []


def test_the_story_is_covered() -> None:
    result = runner.invoke(app, ["run", str(FIXTURE / "claims.yaml"), "--require-coverage"])
    assert result.exit_code == 1, result.output  # the three wrong figures, and nothing not checked
    assert "3 failed" in result.output and "not checked" not in result.output


def _copy(tmp_path: Path, claims: dict) -> Path:
    folder = tmp_path / "desk"
    shutil.copytree(FIXTURE, folder)
    (folder / ".git").mkdir()
    (folder / "claims.yaml").write_text(yaml.safe_dump(claims, sort_keys=False))
    return folder / "claims.yaml"


def _bare(tmp_path: Path, measures: dict[str, tuple[dict, str]], csv: dict | None = None) -> Path:
    """The walk's first claims file: the table as `init` declares it, no filter leaving totals out."""
    table: dict = {"path": "results.csv"}
    if csv is not None:
        table["csv"] = csv
    return _copy(tmp_path, {"version": 1, "tables": {"results": table}, "claims": [
        {"id": cid, "says": "a sentence", "measure": m, "expect": e} for cid, (m, e) in measures.items()]})


NULLS = {"null": ["", "<10", "*", "n<10"]}


def test_county_and_state_total_rows_are_named(tmp_path: Path) -> None:
    """The walk: `sum: tested` over the 2023-24 rows of all students came out 74,073, three times the
    state's 24,691 (each student counted in the district, the county total and the state total),
    and a count of districts 14 of 10, with no word: "State Total" and "County Total" were no total
    row's label. Now every claim whose rows include them is warned, with the filter that leaves
    both labels out."""
    claims = _bare(tmp_path, {
        "tested": ({"sum": "tested", "of": "results", "where": DISTRICTS_2024}, "24,691"),
        "districts": ({"count": "results", "where": DISTRICTS_2024}, "10"),
        "hillcrest": ({"value": "proficiency_rate", "of": "results", "unit": "percent",
                       "where": f"district == 'Hillcrest' and {DISTRICTS_2024}"}, "62.4%"),
    }, NULLS)
    got = {r.id: r for r in factcheck.verify(claims).results}
    for cid in ("tested", "districts"):
        warned = [n.message for n in got[cid].notes if n.code == NoteCode.TOTAL_ROW]
        assert len(warned) == 1, (cid, got[cid].notes)
        assert "'State Total'" in warned[0] and "'County Total' (48 rows)" in warned[0]
        assert "district not in ['State Total', 'County Total']" in warned[0]
    assert [n for n in got["hillcrest"].notes if n.code == NoteCode.TOTAL_ROW] == []  # one district chosen


def test_the_filter_the_warning_gives_leaves_every_total_out(tmp_path: Path) -> None:
    """Following the hint gives the districts' figure, and no warning."""
    where = f"{DISTRICTS_2024} and district not in ['State Total', 'County Total']"
    claims = _bare(tmp_path, {"tested": ({"sum": "tested", "of": "results", "where": where}, "24,691")}, NULLS)
    (result,) = factcheck.verify(claims).results
    assert result.verdict == Verdict.PASS and not [n for n in result.notes if n.code == NoteCode.TOTAL_ROW]


def test_every_suppression_mark_is_named_in_the_hint(tmp_path: Path) -> None:
    """The walk: the hint for the 'n<10' in `tested` said to list 'n<10' as unknown; doing so, the next
    run stopped on '*', then on '<10'. The hint names every mark the column holds, and says what they are."""
    claims = _bare(tmp_path, {"asian": ({"sum": "tested", "of": "results", "where": "student_group == 'Asian'"},
                                        "929")})
    result = runner.invoke(app, ["run", str(claims)])
    assert result.exit_code == 2, result.output
    out = " ".join(result.output.split())
    listed = out[out.index("csv: {null: [") + len("csv: {null: ["):]
    listed = listed[:listed.index("]")]
    assert sorted(listed.split(", ")) == sorted(["''", "'<10'", "'*'", "'n<10'"]), out
    assert "suppressed" in out and "a floor" in out


def test_a_rate_of_0_to_100_stated_as_a_percent_says_unit_percent(tmp_path: Path) -> None:
    """A rate in 0-100 stated '62.4%' without unit: percent fails, and the message says what to write."""
    claims = _bare(tmp_path, {"hillcrest": ({"value": "proficiency_rate", "of": "results",
                                             "where": f"district == 'Hillcrest' and {DISTRICTS_2024}"}, "62.4%")},
                   NULLS)
    (result,) = factcheck.verify(claims).results
    assert result.verdict == Verdict.FAIL and "unit: percent" in result.message


def test_the_revised_release_names_what_changed(tmp_path: Path) -> None:
    """The CI gate: the agency's second release lowers Carver's 2023-24 rate; `run --baseline` names the
    claim that regressed, the two that moved, and the data file that changed."""
    folder = tmp_path / "desk"
    shutil.copytree(FIXTURE, folder)
    (folder / ".git").mkdir()
    first = runner.invoke(app, ["run", str(folder / "claims.yaml"), "--json", str(tmp_path / "old.json")])
    assert first.exit_code == 1, first.output
    shutil.copy(folder / "results_revised.csv", folder / "results.csv")
    second = runner.invoke(app, ["run", str(folder / "claims.yaml"), "--baseline", str(tmp_path / "old.json"),
                                 "--json", str(tmp_path / "new.json")])
    assert second.exit_code == 1, second.output
    out = second.output
    assert "REGRESSED    carver-rate: pass → fail; stated 38.2%, was 38.2%, now 34.9%" in out
    assert "MOVED        half-proficient: still pass" in out and "data changed: results (results.csv)" in out
    assert "1 regression" in out
    new = {r["id"]: r for r in json.loads((tmp_path / "new.json").read_text())["results"]}
    assert new["carver-rate"]["verdict"] == "fail" and new["glenwood-tested"]["verdict"] == "pass"


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """What `factcheck init story.md results.csv districts.csv` writes."""
    folder = tmp_path_factory.mktemp("schools") / "desk"
    shutil.copytree(FIXTURE, folder)
    (folder / ".git").mkdir()
    (folder / "claims.yaml").unlink()
    result = runner.invoke(app, ["init", str(folder / "story.md"), str(folder / "results.csv"),
                                 str(folder / "districts.csv")])
    assert result.exit_code == 0, result.output
    text = (folder / "story.claims.yaml").read_text()
    return {"text": text, "yaml": yaml.safe_load(text)}


def test_init_reads_suppressed_counts_as_unknown(starter: dict) -> None:
    """The walk: init declared `tested` and `proficient` text (they hold '<10' and 'n<10' beside '*'), so
    no suggestion could sum them and every claim of a count of students went without one. The marks
    of a suppressed count are read as unknown, like 'N/A', and a note says what they are."""
    results = starter["yaml"]["tables"]["results"]
    assert sorted(results["csv"]["null"]) == sorted(["", "<10", "n<10", "*"])
    assert results["columns"]["tested"] == {"type": "integer"} and results["columns"]["proficient"] == {"type": "integer"}
    assert "look like small counts suppressed for privacy" in starter["text"]


def test_init_names_the_county_and_state_totals(starter: dict) -> None:
    assert "leave it out with where: district not in ['State Total', 'County Total']" in starter["text"]


def test_a_percent_written_as_text_points_to_its_twin_of_numbers(tmp_path: Path) -> None:
    """The walk: a mean of `pct_proficient` ('45.2%') stopped with "export plain numbers", which a reporter
    cannot do to an agency's file; the file has the same figures as numbers in `proficiency_rate`, which
    the hint now names, with the unit to say."""
    claims = _bare(tmp_path, {"mean": ({"mean": "pct_proficient", "of": "results", "where": DISTRICTS_2024}, "49%")},
                   NULLS)
    result = runner.invoke(app, ["run", str(claims)])
    assert result.exit_code == 2, result.output
    out = " ".join(result.output.split())
    assert "column 'proficiency_rate' holds the same figures as numbers" in out and "unit: percent" in out
    assert "Traceback" not in out


def test_a_percent_written_as_text_without_a_twin_keeps_its_hint(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / ".git").mkdir()
    (folder / "r.csv").write_text("district,pct\nA,45.2%\nB,50.0%\n")
    (folder / "c.yaml").write_text("tables:\n  r: {path: r.csv}\nclaims:\n  - id: m\n    says: x\n"
                                   "    measure: {mean: pct, of: r}\n    expect: 47.6%\n")
    result = runner.invoke(app, ["run", str(folder / "c.yaml")])
    assert result.exit_code == 2 and "export plain numbers" in result.output, result.output
