"""A table of groups with a column counting the people in each: the people are that column's sum.

The prison walk (tests/fixtures/prisons: a row per facility and year, with `inmates`) read "The
state's prisons held 4,099 people" as `count: population` (4 rows, failing, shown as the sentence
read as written), "The prison population fell by a fifth" as the change of that count (0%), and
"the fewest people in 15 years" as a ranking of the years by their number of rows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck import load
from factcheck.claims import LoadedClaims
from factcheck.suggest import ClaimSuggestions, suggest

STORY = Path(__file__).parent / "fixtures" / "prisons" / "story.claims.yaml"


@pytest.fixture(scope="module")
def found() -> dict[str, ClaimSuggestions]:
    loaded = load(STORY)
    claims = [c.model_copy(update={"measure": None}) for c in loaded.model.claims]
    stripped = LoadedClaims(loaded.model.model_copy(update={"claims": claims}), loaded.path, loaded.lines, loaded.text)
    return {c.id: c for c in suggest(stripped).claims}


def _first(c: ClaimSuggestions) -> dict[str, object]:
    return (c.candidates[0] if c.candidates else c.reading).measure  # type: ignore[union-attr]


def test_people_held_are_the_sum_of_inmates(found: dict[str, ClaimSuggestions]) -> None:
    held = found["held-2024"]
    assert held.reading is None
    assert held.candidates[0].measure == {"sum": "inmates", "of": "population", "where": "year == 2024"}
    assert held.candidates[0].verdict == "pass"


def test_the_population_changes_by_its_sum(found: dict[str, ClaimSuggestions]) -> None:
    fell = found["fell-a-fifth"]
    assert fell.candidates and fell.candidates[0].verdict == "pass"
    assert fell.candidates[0].measure["change"] == {"sum": "inmates", "of": "population"}
    assert _first(found["northgate-quarter"])["change"] == {"sum": "inmates", "of": "population",
                                                            "where": "facility == 'Northgate'"}


def test_the_fewest_people_rank_the_sums(found: dict[str, ClaimSuggestions]) -> None:
    assert _first(found["fewest-in-15-years"])["extreme"] == {"sum": "inmates", "of": "population"}
