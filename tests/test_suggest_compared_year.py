"""A year named only to compare with
("$250 higher than in 2023") is not the year the next sentence speaks of: found walking a story
of rents through `init` and `suggest`."""

from __future__ import annotations

from typing import Any

import pytest
from drafts import csv_text, first_pass, init_and_suggest


def _listings() -> list[str]:
    """2023: eight listings, $900-$1,200 (mean $1,050). 2024: twelve, $1,000-$1,600 (median and
    mean $1,300: $250 higher)."""
    rents = {2023: [900, 1000, 1100, 1200] * 2, 2024: [1000, 1200, 1300, 1300, 1400, 1600] * 2}
    rows = []
    for year, values in rents.items():
        rows += [f"L{year}{i:02d},{year}-0{1 + i % 9}-15,{rent}" for i, rent in enumerate(values)]
    return rows


STORY = """In 2024, the median rent was $1,300. The average rent was $250 higher than in 2023. Listings totaled 12."""


@pytest.fixture(scope="module")
def claims(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    tables = {"listings.csv": csv_text("listing_id,listed_date,monthly_rent", _listings())}
    return init_and_suggest(tmp_path_factory.mktemp("rents"), STORY, tables, "Rents")


def test_a_year_compared_with_is_not_carried_to_the_next_sentence(claims: list[dict[str, Any]]) -> None:
    """Before: "Listings totaled 12" was read in 2023 (8 listings, "is it wrong?"), with no candidate."""
    assert first_pass(claims, "Listings totaled", "12") == {"count": "listings", "where": "listed_date_year == 2024"}


def test_the_change_is_from_the_year_compared_with(claims: list[dict[str, Any]]) -> None:
    measure = first_pass(claims, "The average rent", "$250 higher")
    assert (measure["from"], measure["to"]) == (2023, 2024)


@pytest.mark.parametrize("says", ["$250 higher than in 2023", "up $250 compared with 2023",
                                  "$250 more than during 2023"])
def test_than_in_a_year_names_a_base(says: str) -> None:
    from factcheck.draft.figures import find_figures
    periods = [p for s in find_figures(f"The average rent was {says}.") for p in s.periods]
    assert [(p.year, p.relation) for p in periods] == [(2023, "than")]
