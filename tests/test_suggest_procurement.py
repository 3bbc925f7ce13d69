"""`suggest` on the procurement story (tests/fixtures/procurement), and benchmarks/suggest_hits.py on
every shipped claims file: the computations the walk of that story found missing from the search."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
HITS = ROOT / "benchmarks" / "suggest_hits.py"


@pytest.mark.parametrize("fixture", ["complaints", "overtime"])
def test_the_hit_rates_of_a_file_without_measures_say_why_there_are_none(fixture: str) -> None:
    """Their claims say a figure and expect it but write no measure: the script divided 0 hits by 0
    claims (ZeroDivisionError). It says there is nothing to compare with."""
    proc = subprocess.run([sys.executable, str(HITS), str(ROOT / "tests" / "fixtures" / fixture / "claims.yaml")],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["claims"] == 0 and "writes a measure" in result["nothing_to_measure"]


def test_every_shipped_claims_file_has_a_row_of_the_table() -> None:
    """`--all`: the shipped story and every fixture's claims file, one row each, a file without measures
    said to have nothing to measure (no ZeroDivisionError)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("suggest_hits", HITS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    names = [p.relative_to(ROOT).as_posix() for p in module.shipped()]
    assert names[0] == "claims/2020.yaml" and {"tests/fixtures/complaints/claims.yaml",
                                                 "tests/fixtures/procurement/claims.yaml"} <= set(names)
    rows = module.table([ROOT / "tests" / "fixtures" / "complaints" / "claims.yaml"]).splitlines()
    assert len(rows) == 3 and rows[2].count("nothing to measure") == 2, rows


PROCUREMENT = ROOT / "tests" / "fixtures" / "procurement" / "claims.yaml"


@pytest.fixture(scope="module")
def proposed() -> dict[str, Any]:
    """`suggest` on the procurement story with every written measure taken out: its proposals by claim."""
    from factcheck import load
    from factcheck.claims import LoadedClaims
    from factcheck.suggest import suggest
    loaded = load(PROCUREMENT)
    stripped = loaded.model.model_copy(update={"claims": [c.model_copy(update={"measure": None})
                                                          for c in loaded.model.claims]})
    found = suggest(LoadedClaims(stripped, loaded.path, loaded.lines, loaded.text))
    return {c.id: c for c in found.claims}


def _measures(claim: Any) -> list[dict[str, Any]]:
    return [s.measure for s in claim.candidates]


def test_a_department_is_ranked_by_the_no_bid_sum_through_its_lookup(proposed: dict[str, Any]) -> None:
    """"The parks department spent more on no-bid work than any other": Parks' no-bid total among the
    departments (`agency.department`, through the agencies lookup). Before, no ranking under a condition
    was tried: first came the number of *all* Parks contracts (701, highest by chance)."""
    assert _measures(proposed["parks-no-bid-most"])[0] == {
        "extreme": {"sum": "amount", "of": "contracts", "where": "method == 'no_bid'"},
        "over": "agency.department", "at": "Parks", "is": "highest"}


def test_the_top_five_vendors_share_is_of_the_vendors_sums(proposed: dict[str, Any]) -> None:
    """"The top five vendors received nearly two-thirds of the money": the five largest vendors' totals
    over all the money (`by: vendor_id`, the id the sentence names). Before, only the five largest
    *contracts* were tried (a top of rows), and no candidate met the figure."""
    assert _measures(proposed["top-five"])[0] == {"top_share": "amount", "of": "contracts", "by": "vendor_id",
                                                  "top_n": 5}
    assert not proposed["top-five"].candidates[0].departs


def _suggest_on_the_procurement_data(tmp_path: Path, claims: list[dict[str, Any]]) -> dict[str, Any]:
    """`suggest` for ``claims`` on a copy of the procurement data (its tables as the fixture declares them)."""
    import shutil

    import yaml

    from factcheck.suggest import suggest
    folder = tmp_path / "desk"
    shutil.copytree(PROCUREMENT.parent, folder)
    (folder / ".git").mkdir()
    doc = yaml.safe_load(PROCUREMENT.read_text(encoding="utf-8"))
    doc.update({"claims": claims, "ignore": []})
    doc.pop("article")
    (folder / "claims.yaml").write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return {c.id: c for c in suggest(folder / "claims.yaml").claims}


def test_the_five_largest_vendors_took_a_share_of_the_dollars(tmp_path: Path) -> None:
    found = _suggest_on_the_procurement_data(tmp_path, [
        {"id": "largest", "says": "The five largest vendors took 65% of the dollars.", "expect": "65%"}])
    assert _measures(found["largest"])[0] == {"top_share": "amount", "of": "contracts", "by": "vendor_id",
                                              "top_n": 5}


def test_a_count_of_blank_amounts_is_proposed(proposed: dict[str, Any]) -> None:
    """"Six contracts in the city's data have no recorded amount": before, the only reading was every
    contract (3,355, failing), and no candidate."""
    assert _measures(proposed["no-amount"])[0] == {"count": "contracts", "where": "amount is null"}


BLANK_SAYINGS = ["Six contracts are missing an amount.", "Six contracts have a blank amount.",
                 "Six contracts were signed without a recorded amount.", "The amount of six contracts was not recorded.",
                 "Six contracts have no amount recorded."]


def test_every_way_of_saying_an_amount_is_blank_is_read(tmp_path: Path) -> None:
    claims = [{"id": f"c{i}", "says": says, "expect": "6"} for i, says in enumerate(BLANK_SAYINGS)]
    claims.append({"id": "named", "says": "Six contracts had the largest amounts.", "expect": "6"})
    found = _suggest_on_the_procurement_data(tmp_path, claims)
    for i, says in enumerate(BLANK_SAYINGS):
        assert _measures(found[f"c{i}"])[:1] == [{"count": "contracts", "where": "amount is null"}], says
    # a sentence that says nothing is blank gets no count of blanks, however well it names the column
    assert all("is null" not in str(m) for m in _measures(found["named"]))


NO_BID_GAP = {"compare": {"sum": "amount", "of": "contracts", "where": "method == 'no_bid'"},
              "by": "agency.department", "a": "Parks", "b": "Sanitation"}


def test_a_gap_in_money_between_two_departments_is_read(proposed: dict[str, Any]) -> None:
    """"… $3 million more than the sanitation department": the two departments' no-bid totals compared
    (the departments are a lookup's column); the story's figure is wrong ($6.9 million), so the
    sentence's reading is shown failing. Before, no comparison between a lookup's values was tried:
    "no measure in the search space meets this expectation"."""
    found = proposed["parks-vs-sanitation"]
    assert found.reading is not None and found.reading.measure == NO_BID_GAP
    assert found.reading.verdict == "fail"


def test_a_right_gap_in_money_is_the_first_candidate(tmp_path: Path) -> None:
    found = _suggest_on_the_procurement_data(tmp_path, [{
        "id": "gap", "expect": "$6.9 million more",
        "says": "The parks department spent $6.9 million more on no-bid work than the sanitation department."}])
    assert _measures(found["gap"])[0] == NO_BID_GAP


def test_that_year_is_the_year_before_and_the_agency_named_in_full_is_ranked(proposed: dict[str, Any]) -> None:
    """"The Housing Authority spent the most on emergency contracts that year", a paragraph after "In 2020,
    one in five dollars …": 2020's emergency total, agency by agency. Before, "that year" took no year
    from the paragraphs before (a new paragraph inherits only from a sentence that refers back), and the
    department "Housing", whose name is a part of the agency's, came first."""
    assert _measures(proposed["housing-emergency"])[0] == {
        "extreme": {"sum": "amount", "of": "contracts", "where": "method == 'emergency' and year == 2020"},
        "over": "agency.name", "at": "Housing Authority", "is": "highest"}


def test_no_blank_is_proposed_of_a_threshold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A sentence's threshold (`amount >= 1000000`, of "204 contracts were worth $1 million or more") is a
    dimension of the search but no column: "`amount >= 1000000` is null" was proposed, refused by the run,
    and found by halves (more runs of the candidates, a quarter more time on this story)."""
    from factcheck import engine
    from factcheck.errors import FactcheckError
    refused: list[str] = []
    run = engine.verify

    def spy(trial: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return run(trial, *args, **kwargs)
        except FactcheckError as exc:
            refused.append(str(exc))
            raise
    monkeypatch.setattr(engine, "verify", spy)
    found = _suggest_on_the_procurement_data(tmp_path, [
        {"id": "million", "says": "But 204 contracts were worth $1 million or more.", "expect": "204"},
        {"id": "blank", "says": "Six contracts have no recorded amount.", "expect": "6"}])
    assert refused == []
    assert _measures(found["blank"])[0] == {"count": "contracts", "where": "amount is null"}
