"""A sentence with two extremes ("Kings had the most cases in 2023, while Queens had the fewest"):
each claim of `expect: true` is of one of them, in `suggest` and in the draft's coverage."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.draft.coverage import ClaimRef, cover
from factcheck.draft.figures import find_figures
from factcheck.draft.phrases import extreme_end, value_end

runner = CliRunner()
# cases per county and year: in 2023 Kings had the most (50) and Queens the fewest (23); per
# 100,000 residents the Bronx had the highest rate (3.0) and Queens the lowest (1.0)
CASES = {("Kings", 2022): 40, ("Kings", 2023): 50, ("Queens", 2022): 30, ("Queens", 2023): 23,
         ("Bronx", 2022): 35, ("Bronx", 2023): 42}
RESIDENTS = {"Kings": 2_500_000, "Queens": 2_300_000, "Bronx": 1_400_000}
MOST_AND_FEWEST = "Kings had the most cases in 2023, while Queens had the fewest."
HIGHEST_AND_LOWEST = ("The Bronx had the highest rate in 2023, while Queens had the lowest rate, "
                      "1.0 cases per 100,000 residents.")


def _tables(folder: Path) -> None:
    rows = [f"K{i:04d},{county},{year}" for i, (county, year) in
            enumerate(key for key, n in CASES.items() for _ in range(n))]
    (folder / "cases.csv").write_text("case_id,county,year\n" + "\n".join(rows) + "\n", encoding="utf-8")
    (folder / "population.csv").write_text(
        "county,residents\n" + "".join(f"{c},{n}\n" for c, n in RESIDENTS.items()), encoding="utf-8")


def _init(folder: Path, *sentences: str) -> Path:
    _tables(folder)
    (folder / "story.md").write_text("# Cases\n\n" + "\n\n".join(sentences) + "\n", encoding="utf-8")
    made = runner.invoke(app, ["init", str(folder / "story.md"), str(folder / "cases.csv"),
                               str(folder / "population.csv")])
    assert made.exit_code == 0, made.output
    return folder / "story.claims.yaml"


def _firsts(claims: Path) -> list[dict[str, Any]]:
    got = runner.invoke(app, ["suggest", str(claims), "--json", "-"])
    assert got.exit_code == 0, got.output
    return [c["candidates"][0]["measure"] for c in json.loads(got.stdout)["claims"] if c["expect"] is True]


def _extreme(at: str, end: str) -> dict[str, Any]:
    return {"extreme": {"count": "cases", "where": "year == 2023"}, "over": "county", "at": at, "is": end}


@pytest.mark.parametrize(("text", "end"), [
    ("the most cases", "highest"), ("the fewest", "lowest"), ("the fewest since 2012", "lowest"),
    ("an eight-year low", "lowest"), ("the most common", "highest"), ("the second-highest since 2012", "highest"),
    ("the lowest on record", "lowest"), ("its shortest", "lowest"), ("the top", "highest"),
    ("the worst year on record", None), ("the best", None), ("overtook", None), ("every year since 2013", None)])
def test_the_end_an_extreme_names(text: str, end: str | None) -> None:
    assert extreme_end(text) == end


def test_each_of_two_extremes_of_a_sentence_gets_its_own_suggestion(tmp_path: Path) -> None:
    """Before, both claims of the sentence were offered Kings's highest first: `init` pasted the most
    cases as the first suggestion for "the fewest" too, a pass that checks another figure."""
    claims = _init(tmp_path, MOST_AND_FEWEST)
    assert _firsts(claims) == [_extreme("Kings", "highest"), _extreme("Queens", "lowest")]
    written = yaml.safe_load(claims.read_text(encoding="utf-8"))["claims"]
    assert [c["expect"] for c in written] == [True, True]
    pasted = claims.read_text(encoding="utf-8").split("figure the fewest", 1)[1].split("# suggestion 2", 1)[0]
    assert "at: Queens" in pasted and "is: lowest" in pasted  # `init`'s first suggestion for it


def test_two_extremes_of_a_rate_each_get_their_own_end(tmp_path: Path) -> None:
    claims = _init(tmp_path, HIGHEST_AND_LOWEST)
    firsts = _firsts(claims)
    assert [(m["at"], m["is"]) for m in firsts] == [("Bronx", "highest"), ("Queens", "lowest")]
    assert all("ratio" in m["extreme"] and m["extreme"]["per"] == 100_000 for m in firsts)


def test_a_claim_left_alone_with_two_extremes_is_offered_both_ends(tmp_path: Path) -> None:
    """One claim for two extremes (the other taken out): which it is of, nothing says; both ends
    are offered, as for any sentence that names both."""
    claims = _init(tmp_path, MOST_AND_FEWEST)
    data = yaml.safe_load(claims.read_text(encoding="utf-8"))
    data["claims"] = data["claims"][1:]
    claims.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    got = runner.invoke(app, ["suggest", str(claims), "--json", "-"])
    (claim,) = json.loads(got.stdout)["claims"]
    offered = {(c["measure"]["at"], c["measure"]["is"]) for c in claim["candidates"]}
    assert {("Kings", "highest"), ("Queens", "lowest")} <= offered


def test_an_extreme_claim_covers_the_extreme_of_its_own_end_only() -> None:
    sentences = find_figures(MOST_AND_FEWEST)

    def status(*refs: ClaimRef) -> list[tuple[str, tuple[str, ...]]]:
        return [(f.figure.text, f.claims) for f in cover(sentences, refs).figures]
    assert status(ClaimRef("most", MOST_AND_FEWEST, True, end="highest")) == [
        ("the most cases", ("most",)), ("the fewest", ())]
    assert status(ClaimRef("fewest", MOST_AND_FEWEST, True, end="lowest")) == [
        ("the most cases", ()), ("the fewest", ("fewest",))]
    # a claim not yet encoded, or of a measure without an end, still speaks for every extreme of it
    assert status(ClaimRef("any", MOST_AND_FEWEST, True, has_measure=False)) == [
        ("the most cases", ("any",)), ("the fewest", ("any",))]


def _claims_file(folder: Path, ends: list[tuple[str, str]]) -> Path:
    _tables(folder)
    (folder / "story.md").write_text(f"# Cases\n\n{MOST_AND_FEWEST}\n", encoding="utf-8")
    claims = [{"id": f"{at.lower()}-{end}", "says": MOST_AND_FEWEST, "measure": _extreme(at, end), "expect": True}
              for at, end in ends]
    doc = {"version": 1, "article": "story.md",
           "tables": {"cases": {"path": "cases.csv"}, "population": {"path": "population.csv"}}, "claims": claims}
    path = folder / "claims.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path


def test_require_coverage_names_the_extreme_no_claim_checks(tmp_path: Path) -> None:
    """Only the most cases is checked: before, its claim covered "the fewest" too, and
    --require-coverage passed with a figure of the draft nobody had checked."""
    got = runner.invoke(app, ["run", str(_claims_file(tmp_path, [("Kings", "highest")])), "--require-coverage",
                              "--json", "-"])
    assert got.exit_code == 1, got.output
    figures = json.loads(got.stdout)["coverage"]["figures"]
    assert [(f["text"], f["status"]) for f in figures] == [("the most cases", "checked"), ("the fewest", "not_checked")]


def test_require_coverage_passes_when_each_extreme_has_its_claim(tmp_path: Path) -> None:
    both = _claims_file(tmp_path, [("Kings", "highest"), ("Queens", "lowest")])
    got = runner.invoke(app, ["run", str(both), "--require-coverage", "--json", "-"])
    assert got.exit_code == 0, got.output
    figures = json.loads(got.stdout)["coverage"]["figures"]
    assert [(f["text"], f["claims"]) for f in figures] == [("the most cases", ["kings-highest"]),
                                                           ("the fewest", ["queens-lowest"])]


MOST_AND_MOST = "Kings had the most cases and the most appeals in 2023."
STREAK_THEN_HIGHEST = "Filings rose for a fourth straight year in 2023, to the highest level since 2010."
HIGHEST_THEN_STREAK = "Filings hit the highest level since 2010 in 2023, after rising for four straight years."


def _covered(sentence: str, *refs: ClaimRef) -> list[tuple[str, tuple[str, ...]]]:
    return [(f.figure.text, f.claims) for f in cover(find_figures(sentence), refs).figures]


def test_a_claim_of_true_covers_one_of_two_extremes_of_the_same_end() -> None:
    """Before, one `is: highest` claim covered "the most cases" and "the most appeals" both, so
    --require-coverage passed with the appeals never checked."""
    assert _covered(MOST_AND_MOST, ClaimRef("cases", MOST_AND_MOST, True, end="highest")) == [
        ("the most cases", ("cases",)), ("the most appeals", ())]
    assert _covered(MOST_AND_MOST, ClaimRef("cases", MOST_AND_MOST, True, end="highest"),
                    ClaimRef("appeals", MOST_AND_MOST, "true", end="highest")) == [
        ("the most cases", ("cases",)), ("the most appeals", ("appeals",))]


def test_a_claim_that_quotes_one_extreme_covers_that_one() -> None:
    said = "the most appeals in 2023"
    assert _covered(MOST_AND_MOST, ClaimRef("appeals", said, True, end="highest")) == [
        ("the most cases", ()), ("the most appeals", ("appeals",))]


def test_a_measure_without_an_end_covers_one_extreme_too() -> None:
    """A `rising` claim (no `is:`) of a sentence with two extremes: before, it covered both."""
    assert _covered(MOST_AND_FEWEST, ClaimRef("any", MOST_AND_FEWEST, True)) == [
        ("the most cases", ("any",)), ("the fewest", ())]


@pytest.mark.parametrize("sentence", [STREAK_THEN_HIGHEST, HIGHEST_THEN_STREAK])
@pytest.mark.parametrize("order", [("high", "run"), ("run", "high")])
def test_a_run_and_an_extreme_each_cover_their_own(sentence: str, order: tuple[str, str]) -> None:
    """An extreme's claim takes the extreme of its end, whatever the order of the claims and of the
    sentence's figures; the claim of the run then takes the run."""
    refs = {"high": ClaimRef("high", sentence, True, end="highest"), "run": ClaimRef("run", sentence, True)}
    covered = dict(_covered(sentence, *(refs[k] for k in order)))
    assert covered["the highest level since 2010"] == ("high",)
    assert covered[next(t for t in covered if "straight" in t)] == ("run",)


def test_one_claim_repeated_does_not_take_a_second_figure() -> None:
    """Two claims of the same extreme (one figure, checked two ways) both cover it."""
    said = "Kings had the most cases in 2023."
    assert _covered(said, ClaimRef("a", said, True, end="highest"), ClaimRef("b", said, True, end="highest")) == [
        ("the most cases", ("a", "b"))]


def test_require_coverage_names_the_second_extreme_of_the_same_end(tmp_path: Path) -> None:
    _tables(tmp_path)
    (tmp_path / "story.md").write_text(f"# Cases\n\n{MOST_AND_MOST}\n", encoding="utf-8")
    doc = {"version": 1, "article": "story.md", "tables": {"cases": {"path": "cases.csv"}},
           "claims": [{"id": "kings-most", "says": MOST_AND_MOST, "measure": _extreme("Kings", "highest"),
                       "expect": True}]}
    path = tmp_path / "claims.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    got = runner.invoke(app, ["run", str(path), "--require-coverage", "--json", "-"])
    assert got.exit_code == 1, got.output
    figures = json.loads(got.stdout)["coverage"]["figures"]
    assert [(f["text"], f["status"]) for f in figures] == [("the most cases", "checked"),
                                                           ("the most appeals", "not_checked")]


@pytest.mark.parametrize("sentence", [STREAK_THEN_HIGHEST, HIGHEST_THEN_STREAK])
def test_a_claim_of_the_run_alone_leaves_the_extreme_beside_it(sentence: str) -> None:
    """A `rising` claim checks the run, not "the highest level since 2010": before, it covered both."""
    covered = dict(_covered(sentence, ClaimRef("run", sentence, True)))
    assert covered["the highest level since 2010"] == ()
    assert covered[next(t for t in covered if "straight" in t)] == ("run",)


FIFTY_AND_FIFTY = "Kings filed 50 cases in 2023, and Queens filed 50 appeals."


def test_a_claim_of_a_value_said_twice_covers_one_of_them() -> None:
    """Before, `expect: 50` covered both 50s of the sentence, and --require-coverage passed with
    Queens's appeals never checked; so did `down 12%` of "Convictions fell 12%, and acquittals fell 12%"."""
    assert _covered(FIFTY_AND_FIFTY, ClaimRef("kings", FIFTY_AND_FIFTY, 50)) == [("50", ("kings",)), ("50", ())]
    assert _covered(FIFTY_AND_FIFTY, ClaimRef("kings", FIFTY_AND_FIFTY, 50),
                    ClaimRef("queens", FIFTY_AND_FIFTY, "50")) == [("50", ("kings",)), ("50", ("queens",))]
    fell = "Convictions fell 12%, and acquittals fell 12%."
    assert _covered(fell, ClaimRef("c", fell, "down 12%")) == [("12%", ("c",)), ("12%", ())]


def test_a_claim_not_yet_measured_still_names_every_figure_it_states() -> None:
    """Without a measure, nothing is checked: the claim is noted for each figure it states."""
    assert _covered(FIFTY_AND_FIFTY, ClaimRef("kings", FIFTY_AND_FIFTY, 50, has_measure=False)) == [
        ("50", ("kings",)), ("50", ("kings",))]


MOST_AND_SECOND = "Facebook was the most common platform in 2020, and Instagram the second most common."


def test_a_top_claim_covers_the_extreme_of_its_rank() -> None:
    """Before, a `top` claim (a list of values) covered every extreme of its sentence: one claim of
    Facebook covered "the second most common" too."""
    assert _covered(MOST_AND_SECOND, ClaimRef("fb", MOST_AND_SECOND, ["Facebook"], end="highest")) == [
        ("the most common", ("fb",)), ("the second most common", ())]
    # the claim of rank 2 alone covers the second, whichever comes first in the file
    assert _covered(MOST_AND_SECOND, ClaimRef("ig", MOST_AND_SECOND, ["Instagram"], end="highest", rank=2)) == [
        ("the most common", ()), ("the second most common", ("ig",))]
    assert _covered(MOST_AND_SECOND, ClaimRef("ig", MOST_AND_SECOND, {"values": ["Instagram"]}, end="highest", rank=2),
                    ClaimRef("fb", MOST_AND_SECOND, ["Facebook"], end="highest")) == [
        ("the most common", ("fb",)), ("the second most common", ("ig",))]


def test_an_extreme_claim_of_rank_two_covers_the_second(tmp_path: Path) -> None:
    said = "Kings had the most cases in 2023, and the Bronx the second-most."
    assert _covered(said, ClaimRef("bronx", said, True, end="highest", rank=2)) == [
        ("the most cases", ()), ("the second-most", ("bronx",))]


@pytest.mark.parametrize(("sentence", "figure", "end", "covers"), [
    ("The largest fire of 2024 burned 10,782 acres.", "10,782", "highest", True),
    ("Kern had the most fires, and the largest burned 10,782 acres.", "10,782", "highest", True),
    ("The youngest victim was 9.", "9", "lowest", True),
    # the extreme says which hospital: its own claim, not the max's
    ("County General had the longest waits, 3.2 hours.", "3.2 hours", "highest", False),
    ("Lakeview, the smallest hospital with 95 beds, had short waits.", "95", "lowest", False),
])
def test_a_max_claim_covers_the_superlative_that_says_what_its_value_is(
        sentence: str, figure: str, end: str, covers: bool) -> None:
    covered = dict(_covered(sentence, ClaimRef("m", sentence, figure, end=end)))  # type: ignore[arg-type]
    superlative = next(t for t in covered if value_end(t) is not None)  # "the largest", not "the most fires"
    assert covered[figure] == ("m",)
    assert covered[superlative] == (("m",) if covers else ())


@pytest.mark.parametrize(("sentence", "opens"), [
    ("The largest fire burned 10,782 acres.", True), ("Kern had the most fires, and the largest burned 10,782 acres.", True),
    ("But the largest burned 10,782 acres.", True), ("County General had the longest waits, 3.2 hours.", False),
    ("Lakeview, the smallest hospital, had 95 beds.", False)])
def test_an_extreme_opens_its_clause_for_suggest_and_coverage_alike(sentence: str, opens: bool) -> None:
    from factcheck.draft.phrases import opens_clause
    superlative = next(f for f in scan_figures(sentence) if value_end(f.text) is not None)
    assert opens_clause(sentence, superlative.start) is opens


def scan_figures(sentence: str) -> list[Any]:
    return [f for s in find_figures(sentence) for f in s.figures]
