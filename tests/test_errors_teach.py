"""Errors that teach (issue 11, item 4): each message says what to write instead."""

from __future__ import annotations

import io
import json
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from conftest import one_claim
from rich.console import Console
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.diff import compare
from factcheck.render.diff import print_comparison
from factcheck.report import ClaimResult, Report, TableUse, Verdict, summarize

runner = CliRunner()


def invoke(*args: str):
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    return result


# ----------------------------------------------------------------- check lists ids; explain hints

def test_check_lists_every_claim_with_its_line(mini) -> None:
    path = mini(one_claim("{count: cases}", "10", cid="first") + one_claim("{count: victims}", "1", cid="second"))
    result = invoke("check", str(path))
    assert result.exit_code == 0, result.output
    lines = path.read_text().splitlines()
    first = next(i for i, l in enumerate(lines, 1) if "id: first" in l)
    second = next(i for i, l in enumerate(lines, 1) if "id: second" in l)
    assert f"  first  (line {first})" in result.output.splitlines()
    assert f"  second  (line {second})" in result.output.splitlines()


def test_explain_an_unknown_id_lists_the_closest_ids(mini) -> None:
    body = "".join(one_claim("{count: cases}", "10", cid=c) for c in ("cases-2020", "cases-2019", "victims-all"))
    path = mini(body)
    result = invoke("explain", str(path), "nope")
    assert result.exit_code == 2
    text = " ".join(result.output.split())
    assert "no claim with id 'nope'" in text
    assert "the closest ids:" in text and "cases-2020" in text and "victims-all" in text
    assert f"factcheck check {path}" in text


def test_explain_a_near_id_says_did_you_mean(mini) -> None:
    path = mini(one_claim("{count: cases}", "10", cid="cases-2020"))
    result = invoke("explain", str(path), "cases-2002")
    assert result.exit_code == 2 and "did you mean 'cases-2020'?" in result.output


# ----------------------------------------------------------------- an unknown column lists the columns

def test_an_unknown_column_lists_the_tables_columns_closest_first(mini) -> None:
    path = mini(one_claim("{count: victims, where: \"Facebook == 1\"}", "1"))
    result = invoke("run", str(path))
    assert result.exit_code == 2
    text = " ".join(result.output.split())
    assert "strings need single quotes: 'Facebook'" in text
    listed = text.split("(closest first):", 1)[1]
    header = (Path(__file__).parent / "fixtures" / "mini" / "victims.csv").read_text().splitlines()[0].split(",")
    for column in header:
        assert column in listed
    ratio = {c: SequenceMatcher(None, "facebook", c.lower()).ratio() for c in header}
    best, worst = max(header, key=ratio.__getitem__), min(header, key=ratio.__getitem__)
    assert listed.index(best) < listed.index(worst)


# ----------------------------------------------------------------- a missing of: names the user's tables

def test_a_missing_of_names_the_users_own_tables(tmp_path: Path) -> None:
    (tmp_path / "shops.csv").write_text("id,town\n1,a\n")
    (tmp_path / "staff.csv").write_text("id,shop\n1,1\n")
    path = tmp_path / "c.yaml"
    path.write_text("version: 1\ntables:\n  shops: {path: shops.csv}\n  staff: {path: staff.csv}\nclaims:\n"
                    "  - id: a\n    says: s\n    measure: {share: town == 'a'}\n    expect: 100%\n")
    result = invoke("run", str(path))
    assert result.exit_code == 2
    assert "'of' is missing" in result.output
    assert "e.g. of: shops" in result.output and "shops, staff" in result.output
    assert "victims" not in result.output


def test_a_missing_field_of_an_ignore_entry_or_a_claim_says_what_to_write(tmp_path: Path) -> None:
    """'sentence' is missing, with no hint, was all an `ignore:` entry without its sentence got."""
    (tmp_path / "shops.csv").write_text("id,town\n1,a\n")
    (tmp_path / "story.md").write_text("The two shops sold 10 cakes.\n")
    path = tmp_path / "c.yaml"
    path.write_text("version: 1\narticle: story.md\ntables:\n  shops: {path: shops.csv}\n"
                    "ignore:\n  - {figure: two, reason: the number of shops}\n  - {sentence: two shops, figure: two}\n"
                    "claims:\n  - {says: The two shops sold 10 cakes., measure: {count: shops}, expect: 10}\n")
    result = invoke("run", str(path))
    assert result.exit_code == 2
    out = " ".join(result.output.split())
    assert "c.yaml:6: 'sentence' is missing hint: ignore: names the article's sentence" in out
    assert "c.yaml:7: 'reason' is missing hint: ignore: says why the figure is left unchecked" in out
    assert "'id' is missing hint: give the claim a short id of its own" in out


# ----------------------------------------------------------------- a comma in a one-line mapping

def test_a_comma_that_splits_the_text_is_explained(mini) -> None:
    path = mini("- {id: a, says: In 2020, prosecutors filed 10 cases, measure: {count: cases}, expect: 10}\n")
    result = invoke("run", str(path))
    assert result.exit_code == 2
    text = " ".join(result.output.split())
    assert "unknown field 'prosecutors filed 10 cases'" in text
    assert "a comma ends the value" in text
    assert "says: 'In 2020, prosecutors filed 10 cases'" in text


def test_a_colon_inside_a_one_line_mapping_is_explained(mini) -> None:
    path = mini("- {id: a, says: one, two: three: four, measure: {count: cases}, expect: 10}\n")
    result = invoke("run", str(path))
    assert result.exit_code == 2
    text = " ".join(result.output.split())
    assert "not valid YAML" in text and "inside a one-line {...}" in text and "in quotes" in text


# ----------------------------------------------------------------- baseline words agree with exit status

def test_a_baseline_run_that_exits_1_does_not_say_only_no_regression(mini, tmp_path: Path) -> None:
    path = mini(one_claim("{count: cases}", "999", cid="wrong") + one_claim("{count: cases}", "10", cid="right"))
    base = tmp_path / "base.json"
    first = invoke("run", str(path), "--json", str(base))
    assert first.exit_code == 1
    result = invoke("run", str(path), "--baseline", str(base))
    assert result.exit_code == 1
    last = [l for l in result.output.splitlines() if l.startswith("since the baseline")][-1]
    assert "no regression, but the run exits 1: 1 claim fails" in last


# ----------------------------------------------------------------- moved values keep their verdict

def _result(id: str, verdict: str, value: float) -> ClaimResult:
    return ClaimResult(id=id, says="s", verdict=Verdict(verdict), value=value, value_text=f"{value:.1%}",
                       tables=["t"], reason=None if verdict == "pass" else "out_of_tolerance", message="m")


def _report(results: list[ClaimResult]) -> Report:
    return Report(tool_version="0", generated_at="2021-01-01T00:00:00+00:00", claims_file="c.yaml",
                  claims_sha256="c" * 64, results=results, summary=summarize(results),
                  tables=[TableUse(name="t", path="t.csv", sha256="a" * 64, rows=1, columns_read=[])])


@pytest.mark.parametrize("verdict, words", [("pass", "1 moved but still hold"), ("fail", "1 moved and still fail"),
                                            ("unverifiable", "1 moved and still unverifiable")])
def test_a_moved_claim_is_counted_with_its_verdict(verdict: str, words: str) -> None:
    comparison = compare(_report([_result("a", verdict, 0.5)]), _report([_result("a", verdict, 0.6)]))
    console = Console(file=io.StringIO(), force_terminal=False, width=200)
    print_comparison(comparison, console)
    last = console.file.getvalue().splitlines()[-1]  # type: ignore[attr-defined]
    assert words in last
    if verdict != "pass":
        assert "still hold" not in last


def test_the_json_of_a_check_run_is_untouched(mini, tmp_path: Path) -> None:
    """Listing ids is for people: the JSON report of a run has no new field."""
    path = mini(one_claim("{count: cases}", "10"))
    out = tmp_path / "r.json"
    invoke("run", str(path), "--json", str(out))
    assert "ids" not in json.loads(out.read_text())


@pytest.mark.parametrize(("measure", "inner"), [
    ("{top: facility, of: prisons, by: {sum: inmates}, lowest: true}", "by"),
    ("{ratio: {numerator: {sum: inmates}, denominator: {count: prisons}}}", "numerator"),
])
def test_a_missing_of_inside_a_nested_measure_says_which(tmp_path: Path, measure: str, inner: str) -> None:
    """Walking a prison story: `top: facility, of: prisons, by: {sum: inmates}` said only "'of' is
    missing" with the hint "name the table, e.g. of: prisons", which the claim already did: the
    `of` missing was the one of the measure under `by:`."""
    (tmp_path / "prisons.csv").write_text("facility,inmates\na,1\nb,2\n")
    path = tmp_path / "c.yaml"
    path.write_text("version: 1\ntables:\n  prisons: {path: prisons.csv}\nclaims:\n"
                    f"  - id: a\n    says: s\n    measure: {measure}\n    expect: '1'\n")
    result = invoke("run", str(path))
    assert result.exit_code == 2
    assert f"'of' is missing in the measure under {inner}:" in result.output
    assert f"{inner}: {{" in result.output and "of: prisons}" in result.output


def test_the_missing_of_hint_names_the_table_the_measure_around_it_reads(tmp_path: Path) -> None:
    """Walking an election story: `top: candidate, of: results, by: {sum: votes}` was told to write
    `by: {sum: votes, of: precincts}`, the file's first table, where the votes are not."""
    (tmp_path / "precincts.csv").write_text("precinct,registered\n1,10\n")
    (tmp_path / "results.csv").write_text("precinct,candidate,votes\n1,A,3\n1,B,4\n")
    path = tmp_path / "c.yaml"
    path.write_text("version: 1\ntables:\n  precincts: {path: precincts.csv}\n  results: {path: results.csv}\n"
                    "claims:\n  - id: a\n    says: s\n"
                    "    measure: {top: candidate, of: results, by: {sum: votes}}\n    expect: B\n")
    result = invoke("run", str(path))
    assert result.exit_code == 2
    assert "by: {sum: votes, of: results}" in result.output
    assert "of: precincts" not in result.output
