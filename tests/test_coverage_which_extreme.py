"""Which of a sentence's extremes a ranking claim checks (a walk's finding F1): "Harbor, the city's
largest neighbourhood, filed the most requests" with a `top` of requests per neighbourhood was
credited to "largest", leaving "the most requests" unchecked; with a claim for each, the report
marked the true "the most requests" as failed and the false "largest" as passed. A claim now takes
the extreme worded as its measure ranks (by how many rows: "the most …"; by an amount: "largest"),
and one naming what the measure reads first. Constructed data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck import verify

SENTENCE = "Harbor, the city's largest neighbourhood, filed the most requests, 5."
ROWS = "request_id,hood\n" + "".join(f"R{i},Harbor\n" for i in range(5)) + "R9,Riverside\n"
HOODS = "hood,population\nHarbor,15000\nRiverside,18250\n"
MOST = "  - {id: most, says: \"" + SENTENCE + "\", measure: {top: hood, of: r}, expect: [Harbor]}\n"
LARGEST = ("  - {id: largest, says: \"" + SENTENCE + "\", measure: {top: hood, of: h, by: {sum: population, of: h}}, "
           "expect: [Harbor]}\n")


def _coverage(folder: Path, claims: str) -> dict[str, tuple[str, list[str]]]:
    (folder / ".git").mkdir(exist_ok=True)
    (folder / "r.csv").write_text(ROWS)
    (folder / "h.csv").write_text(HOODS)
    (folder / "story.md").write_text(SENTENCE + "\n")
    (folder / "c.yaml").write_text("article: story.md\ntables:\n  r: {path: r.csv, key: request_id}\n"
                                   "  h: {path: h.csv, key: hood}\nclaims:\n" + claims)
    report = json.loads(verify(folder / "c.yaml").model_dump_json())
    return {f["text"]: (f["status"], f["claims"]) for f in report["coverage"]["figures"]}


def test_a_count_of_rows_checks_the_most_and_leaves_largest_unchecked(tmp_path: Path) -> None:
    got = _coverage(tmp_path, MOST)
    assert got["the most requests"] == ("checked", ["most"]), got
    assert got["largest"] == ("not_checked", []), got


@pytest.mark.parametrize("order", [(MOST, LARGEST), (LARGEST, MOST)])
def test_with_a_claim_for_each_each_checks_its_own(tmp_path: Path, order: tuple[str, str]) -> None:
    got = _coverage(tmp_path, "".join(order))
    assert got["the most requests"][1] == ["most"] and got["largest"][1] == ["largest"], got


def test_an_amount_of_a_column_checks_the_adjective(tmp_path: Path) -> None:
    got = _coverage(tmp_path, LARGEST)
    assert got["largest"] == ("checked", ["largest"]) and got["the most requests"][0] == "not_checked", got


VOTES = "precinct,candidate,votes\n1,Hale,600\n1,Rivera,500\n2,Hale,700\n2,Rivera,650\n"


def _election(folder: Path, claim: str) -> dict[str, tuple[str, list[str]]]:
    (folder / ".git").mkdir(exist_ok=True)
    (folder / "results.csv").write_text(VOTES)
    (folder / "story.md").write_text("Hale won the most votes in Ward 1.\n")
    (folder / "c.yaml").write_text("article: story.md\ntables:\n  results: {path: results.csv}\nclaims:\n" + claim)
    report = json.loads(verify(folder / "c.yaml").model_dump_json())
    assert report["results"][0]["verdict"] == "pass"
    return {f["text"]: (f["status"], f["claims"]) for f in report["coverage"]["figures"]}


@pytest.mark.parametrize("claim", [
    # a list of one, as the format's reference writes it (this one held before)
    "  - {id: most, says: Hale won the most votes in Ward 1., measure: {top: candidate, of: results, "
    "by: {sum: votes, of: results}}, expect: [Hale]}\n",
    # a top's expect written as one value, not a list, states the same
    "  - {id: most, says: Hale won the most votes in Ward 1., measure: {top: candidate, of: results, "
    "by: {sum: votes, of: results}}, expect: Hale}\n",
])
def test_the_most_votes_is_checked_by_a_ranking_of_summed_votes(tmp_path: Path, claim: str) -> None:
    """Walking an election story: "Hale won the most votes in Ward 1" stayed "not checked" beside a
    passing `top: candidate, by: {sum: votes}` written `expect: Tom Hale`: a top's value written
    alone covered nothing, where the list of one covers the sentence's extreme."""
    got = _election(tmp_path, claim)
    assert got["the most votes"] == ("checked", ["most"]), got


def test_a_bare_value_of_a_top_of_rows_covers_its_extreme(tmp_path: Path) -> None:
    got = _coverage(tmp_path, MOST.replace("expect: [Harbor]", "expect: Harbor"))
    assert got["the most requests"] == ("checked", ["most"]), got
