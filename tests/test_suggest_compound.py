"""A number joined to its column's name, "three-bedroom units", names rows (`bedrooms == 3`), as
"the 44th Precinct" does: the condition of the sentence's other figure, not a figure of its own.
Before, "$3,520" found no candidate (its reading was the sum of bedrooms), and "three" was given
a mean of bedrooms that rounds to 3. Found walking a story of rents."""

from __future__ import annotations

from typing import Any

import pytest
from drafts import csv_text, first_pass, init_and_suggest

RENTS = {0: 1500, 1: 2000, 2: 2700, 3: 3520}  # by bedrooms, in 2024; 2023 is $100 less


def _listings() -> list[str]:
    return [f"L{year}{beds}{i},{year}-03-0{1 + i},{beds},{rent - (2024 - year) * 100 + (i - 2) * 10}"
            for year in (2023, 2024) for beds, rent in RENTS.items() for i in range(5)]


@pytest.fixture(scope="module")
def claims(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    story = "In 2024, three-bedroom units averaged $3,520. Two-bedroom units went for $2,700."
    tables = {"listings.csv": csv_text("listing_id,listed_date,bedrooms,monthly_rent", _listings())}
    return init_and_suggest(tmp_path_factory.mktemp("compound"), story, tables, "Rents")


@pytest.mark.parametrize(("says", "figure", "beds"), [("In 2024, three", "$3,520", 3), ("Two-bedroom", "$2,700", 2)])
def test_the_number_joined_to_a_column_is_a_condition(claims: list[dict[str, Any]], says: str, figure: str,
                                                      beds: int) -> None:
    measure = first_pass(claims, says, figure)
    assert measure["mean" if "mean" in measure else "median"] == "monthly_rent"
    assert f"bedrooms == {beds}" in measure["where"]
    number = next(c for c in claims if c["says"].startswith(says) and c["expect"] in (str(beds), beds))
    assert not number["candidates"]
    assert f"bedrooms == {beds}" in number["note"] and "ignore:" in number["note"]


@pytest.mark.parametrize(("says", "value", "named"), [
    ("three-bedroom units averaged $3,520", 3, True), ("3-bedroom units", 3, True), ("the 44th Precinct", 44, True),
    ("Precinct 44 led", 44, True), ("up 3% in bedrooms", 3, False), ("three of the bedrooms", 3, False)])
def test_numbered(says: str, value: int, named: bool) -> None:
    from factcheck.suggest.search import _numbered
    column = "precinct" if value == 44 else "bedrooms"
    assert _numbered(says, column, value) is named


@pytest.mark.parametrize(("says", "named"), [("three-bedroom units", True), ("3-bedroom units", True),
                                             ("units with 3 bedrooms", False), ("3 bedrooms were let", False)])
def test_only_a_compound_names_rows_of_a_counting_column(says: str, named: bool) -> None:
    """"3 bedrooms" may count them: only the joined form makes a column that counts a condition."""
    from factcheck.suggest.search import _joined
    assert _joined(says, "bedrooms", 3) is named


def test_the_most_new_units_is_a_total(tmp_path_factory: pytest.TempPathFactory) -> None:
    """"Southport got the most new units of any neighborhood": the sum of `units` per neighborhood,
    as "the most units" is. Before, the word right after "most" was "new", and the mean ranked first."""
    rows = ([f"S{i},Southport,{10 + i}" for i in range(6)]       # Southport: 75 units in 6 permits
            + [f"R{i},Riverside,{40 + i}" for i in range(1)]      # Riverside: one permit of 40 (largest mean)
            + [f"M{i},Millbrook,{12}" for i in range(3)])         # Millbrook: 36
    claims = init_and_suggest(tmp_path_factory.mktemp("most_new"), "Southport got the most new units of any neighborhood.",
                              {"permits.csv": csv_text("permit_id,neighborhood,units", rows)}, "Rents")
    measure = first_pass(claims, "Southport got", True)
    assert measure["extreme"] == {"sum": "units", "of": "permits"} and measure["at"] == "Southport"
