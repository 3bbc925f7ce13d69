"""A story of restaurant inspections walked through `init` and `suggest`: a change written as
"25% more than in 2023", grades of one letter ("a B or C grade"), a figure a change was measured
from ("rose to 12.7 from 12"), a count column of few values to sum ("critical violations"), a
threshold of "at least one", a ranking among the values of a lookup's column (the cuisine of the
inspected restaurant), and "since at least 2019", which is no figure."""

from __future__ import annotations

from typing import Any

import pytest

from factcheck.draft.phrases import scan
from tests.drafts import csv_text, first_pass, init_and_suggest

_CUISINES = ["Chinese"] * 4 + ["Pizza"] * 4 + ["Deli"] * 4   # R01 … R12


def _restaurants() -> list[str]:
    return [f"R{i + 1:02d},Place {i + 1},{cuisine}" for i, cuisine in enumerate(_CUISINES)]


def _inspections() -> list[str]:
    """16 inspections in 2023 (scores 5 to 19 and one more 12: a mean of 12; grade A; no critical
    violation) and 20 in 2024: ten A (scores 0 to 9), eight B (14 to 21), two C (28, 41), a mean
    of 12.7; the eight of Chinese restaurants found 9 critical violations (one found two), and one
    of a pizzeria one: 9 of the 20 (45%) found at least one. Four ended in a closure, two of them
    of Chinese restaurants (half the closures; a quarter of those restaurants' inspections)."""
    rows = [f"I{i:03d},R{i % 12 + 1:02d},2023-05-{i + 1:02d},{5 + i if i < 15 else 12},A,0,no" for i in range(16)]
    for i in range(20):
        grade, score = ("A", i) if i < 10 else ("B", 4 + i) if i < 18 else ("C", 28 if i == 18 else 41)
        chinese = _CUISINES[i % 12] == "Chinese"
        critical = 2 if i == 0 else 1 if chinese or i == 4 else 0
        closed = "yes" if i in (0, 1, 8, 9) else "no"  # two of a Chinese restaurant, two of a deli
        rows.append(f"I{100 + i:03d},R{i % 12 + 1:02d},2024-05-{i + 1:02d},{score},{grade},{critical},{closed}")
    return rows


STORY = """City inspectors made 20 inspections in 2024, 25% more than in 2023.

Half of them ended with a B or C grade.

The average score rose to 12.7 from 12.

Chinese restaurants drew the most critical violations, 9.

45% of all inspections found at least one critical violation.

Chinese restaurants accounted for half of the closures."""


@pytest.fixture(scope="module")
def claims(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    tables = {"inspections.csv": csv_text("inspection_id,restaurant_id,inspected_on,score,grade,critical_violations,closed",
                                          _inspections()),
              "restaurants.csv": csv_text("restaurant_id,name,cuisine", _restaurants())}
    return init_and_suggest(tmp_path_factory.mktemp("inspections"), STORY, tables, "Restaurant inspections")


def test_a_percentage_more_than_a_year_is_a_change(claims: list[dict[str, Any]]) -> None:
    """`init` wrote `expect: 25%`, a share, and nothing was found; it now writes `25% more`."""
    assert first_pass(claims, "City inspectors made 20", "25% more") == {
        "change": {"count": "inspections"}, "over": "inspected_on_year", "from": 2023, "to": 2024}


def test_grades_of_one_letter_are_named(claims: list[dict[str, Any]]) -> None:
    """Words of one or two letters were dropped, so "B" and "C" named nothing and grade A came first."""
    assert first_pass(claims, "Half of them", "Half") == {
        "share": "grade in ['B', 'C']", "of": "inspections", "where": "inspected_on_year == 2024"}


def test_the_figure_a_change_is_measured_from_is_of_the_year_before(claims: list[dict[str, Any]]) -> None:
    assert first_pass(claims, "The average score rose", "12") == {
        "mean": "score", "of": "inspections", "where": "inspected_on_year == 2023"}


def test_a_column_of_a_few_counts_is_summed(claims: list[dict[str, Any]]) -> None:
    """`critical_violations` (0 to 2) was a category only, never summed: no candidate for 9."""
    assert first_pass(claims, "Chinese restaurants drew", "9") == {
        "sum": "critical_violations", "of": "inspections",
        "where": "restaurant.cuisine == 'Chinese' and inspected_on_year == 2024"}


def test_a_value_of_a_lookup_is_ranked_among_its_column(claims: list[dict[str, Any]]) -> None:
    """The cuisine is the inspected restaurant's: before, only the table's own columns were ranked,
    and the first suggestion ranked the years."""
    assert first_pass(claims, "Chinese restaurants drew", True) == {
        "extreme": {"sum": "critical_violations", "of": "inspections", "where": "inspected_on_year == 2024"},
        "over": "restaurant.cuisine", "at": "Chinese", "is": "highest"}


def test_at_least_one_is_a_threshold(claims: list[dict[str, Any]]) -> None:
    assert first_pass(claims, "45% of all", "45%") == {
        "share": "critical_violations >= 1", "of": "inspections", "where": "inspected_on_year == 2024"}


def test_a_share_of_the_closures_is_of_them(claims: list[dict[str, Any]]) -> None:
    """"half of the closures": the closures are the whole and the Chinese restaurants the part.
    Before, `closed` was named only in part by "closures" (its name's synonyms, resolved and
    disposition, counted as words it needs), and the reverse share read the sentence first."""
    claim = next(c for c in claims if c["says"].startswith("Chinese restaurants accounted"))
    assert claim.get("reading") is None
    assert claim["candidates"][0]["measure"] == {
        "share": "restaurant.cuisine == 'Chinese'", "of": "inspections", "where": "closed and inspected_on_year == 2024"}


def test_since_at_least_a_year_is_part_of_the_extreme() -> None:
    """"the most since at least 2019": before, "at least 2019" was a figure of its own, and `init`
    wrote a claim for it."""
    says = "Inspectors shut restaurants down 33 times in 2024, the most since at least 2019."
    assert [(f.kind, says[f.start:f.end]) for f in scan(says)[0]] == [
        ("number", "33"), ("extreme", "the most since at least 2019")]


@pytest.mark.parametrize(("says", "expect"), [
    ("Brooklyn recorded 50 deaths, one fewer than the Bronx.", "1 fewer"),
    ("There was one more death than in 2023.", "1 more")])
def test_a_difference_of_one_is_a_figure(says: str, expect: str) -> None:
    """"one fewer than the Bronx" was no figure ("one" alone never is: "one of the"), so `init`
    wrote no claim for it and `--require-coverage` passed with it unchecked."""
    from factcheck.starter import _expect
    (one,) = [f for f in scan(says)[0] if says[f.start:f.end].lower() == "one"]
    assert _expect(says, one.start, says[one.start:one.end], one.kind, one.value) == expect


@pytest.mark.parametrize("says", ["It was one of the worst.", "More than one agency filed.",
                                  "One agency filed more cases than the rest."])
def test_one_on_its_own_is_still_no_figure(says: str) -> None:
    assert not [f for f in scan(says)[0] if says[f.start:f.end].lower() == "one"]
