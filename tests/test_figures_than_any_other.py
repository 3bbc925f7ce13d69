"""A comparative against all the others is a superlative: "Washington High suspended more students than
any other school, 119" says Washington High suspended the most, an ``extreme`` over the schools, as "the
most" would; `init` writes a claim of ``expect: true`` for it and proposes the extreme.

The fixture tests/fixtures/suspensions/ is constructed (see its README).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.draft.coverage import ClaimRef, cover
from factcheck.draft.figures import find_figures
from factcheck.draft.phrases import extreme_end, scan
from tests.drafts import init_and_suggest

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "suspensions"
runner = CliRunner()


def figures(sentence: str) -> list[tuple[str, str]]:
    return [(f.kind, sentence[f.start:f.end]) for f in scan(sentence)[0]]


@pytest.mark.parametrize(("sentence", "extreme", "end"), [
    ("Washington High suspended more students than any other school, 119.",
     "more students than any other school", "highest"),
    ("Its rate was higher than every other county.", "higher than every other county", "highest"),
    ("Queens had fewer arrests than any other borough in the city.", "fewer arrests than any other borough", "lowest"),
    ("Police made more arrests in 2024 than in any other year since 2010.",
     "more arrests in 2024 than in any other year", "highest"),
    ("The clinic was busier than all the others.", "busier than all the others", "highest"),
    ("Waits were shorter than at any of the other hospitals.", "shorter than at any of the other hospitals", "lowest"),
    ("Kings had the most of any borough, 173.", "the most", "highest"),
    ("Roosevelt Middle suspended the fewest of all the schools.", "the fewest", "lowest"),
    ("The district had the largest enrollment of any district.", "the largest", "highest"),
])
def test_a_comparative_against_all_the_others_is_an_extreme(sentence: str, extreme: str, end: str) -> None:
    found = figures(sentence)
    assert ("extreme", extreme) in found, found
    assert extreme_end(extreme) == end


@pytest.mark.parametrize(("sentence", "found"), [
    # a bound, not a ranking: "than" is followed by a number, not by all the others
    ("The school suspended more than 100 students.", [("number", "more than 100")]),
    # compared with the others' sum, a difference (a `compare` claim), not a ranking
    ("Brooklyn recorded 40 more cases than all the other boroughs combined.", [("number", "40")]),
    ("Brooklyn recorded more cases than all other boroughs put together.", []),
    # a bound and, after it, the ranking: two figures
    ("More than 100 students, more than any other school, were suspended.",
     [("number", "More than 100"), ("extreme", "more than any other school")]),
    # "at the most" is a bound; so is it before "of any"
    ("Each school suspended 12 students at the most.", [("number", "12")]),
])
def test_bounds_and_sums_are_no_ranking(sentence: str, found: list[tuple[str, str]]) -> None:
    assert figures(sentence) == found


def test_better_or_worse_than_any_other_is_an_extreme_of_no_end() -> None:
    """"Worse" says no end until one knows what is measured, as "the worst" does."""
    assert figures("Its record was worse than any other agency's.") == [("extreme", "worse than any other agency")]
    assert extreme_end("worse than any other agency") is None


def test_an_extreme_claim_covers_the_comparative() -> None:
    says = "Washington High suspended more students than any other school, 119."
    result = cover(find_figures(says + "\n"), [ClaimRef("most", says, True, True), ClaimRef("n", says, "119", True)])
    assert {f.figure.text: f.claims for f in result.figures} == {
        "more students than any other school": ("most",), "119": ("n",)}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    folder = tmp_path_factory.mktemp("suspensions") / "desk"
    shutil.copytree(FIXTURE, folder)
    (folder / ".git").mkdir()
    made = runner.invoke(app, ["init", str(folder / "story.md"), str(folder / "suspensions.csv"),
                               str(folder / "schools.csv")])
    assert made.exit_code == 0, made.output
    text = (folder / "story.claims.yaml").read_text(encoding="utf-8")
    claims = yaml.safe_load(text)["claims"]
    return {"text": {"yaml": text}, **{c["id"]: c for c in claims}}


def test_init_writes_the_extreme_and_the_figure(written: dict[str, dict[str, object]]) -> None:
    says = "Washington High suspended more students than any other school, 119."
    of_sentence = [c for key, c in written.items() if key != "text" and c["says"] == says]
    assert [c["expect"] for c in of_sentence] == [True, "119"]


def test_init_proposes_washington_high_the_highest_of_the_schools(written: dict[str, dict[str, object]]) -> None:
    text = str(written["text"]["yaml"])
    block = text[text.index("# line 6: figure more students than any other school"):]
    block = block[:block.index("\n\n")]
    first = block[block.index("# suggestion 1:"):]
    assert "(pass)" in first.splitlines()[0]
    assert "#     over: school.school_name\n" in first and "#     at: Washington High\n" in first
    assert "#     is: highest" in first


@pytest.mark.parametrize(("sentence", "end"), [
    ("Roosevelt Middle suspended fewer students than any other school, 66.", "lowest"),
    # the "High" of a school's name is no end: the comparative names it (a false claim, whose ranking is
    # still the lowest)
    ("Washington High suspended fewer students than any other school.", "lowest"),
    ("Washington High suspended more students than any other school, 119.", "highest"),
])
def test_suggest_ranks_at_the_end_the_comparative_names(tmp_path: Path, sentence: str, end: str) -> None:
    """Every extreme `suggest` proposes for the comparative ranks at its end: for "fewer … than any
    other" it proposed `is: highest` of the mean days as its second and third (the sentence's words
    named no end it knew)."""
    claims = init_and_suggest(tmp_path, sentence, {name: (FIXTURE / name).read_text(encoding="utf-8")
                                                   for name in ("suspensions.csv", "schools.csv")})
    [ranking] = [c for c in claims if c["expect"] is True]
    # a false claim has its reading as written and no candidate (none may pass by reading it otherwise)
    ends = [c["measure"]["is"] for c in [*ranking["candidates"], *([ranking["reading"]] if ranking.get("reading") else [])]]
    assert ends and set(ends) == {end}, ends
