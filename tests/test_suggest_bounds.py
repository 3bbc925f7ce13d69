"""Bounds on a number are no ends: "the highest in *at least* six years"
names the highest end ("at least" bounds the six), not the lowest. Found walking a story of
schools through `init` and `suggest`."""

from __future__ import annotations

from typing import Any

import pytest
from drafts import csv_text, init_and_suggest

GRADUATED = {2018: 80, 2019: 70, 2020: 72, 2021: 68, 2022: 71, 2023: 74, 2024: 75}  # of 100 students a year


def _students() -> list[str]:
    """Credits fall year after year: 2024's mean is the lowest, which no sentence here says."""
    return [f"S{year}{i:03d},{year},{'true' if i < share else 'false'},{2100 - year + i % 3}"
            for year, share in GRADUATED.items() for i in range(100)]


STORY = "The graduation rate reached 75% in 2024, the highest in at least six years."


@pytest.fixture(scope="module")
def claims(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    tables = {"students.csv": csv_text("student_id,cohort_year,graduated,credits", _students())}
    return init_and_suggest(tmp_path_factory.mktemp("schools"), STORY, tables, "Schools")


def test_at_least_bounds_a_number_and_names_no_end(claims: list[dict[str, Any]]) -> None:
    """Before: `is: lowest` was tried too, and the lowest mean of credits passed first."""
    extreme = next(c for c in claims if c["expect"] is True)
    shown = [*extreme["candidates"], *extreme["misses"], *([extreme["reading"]] if extreme.get("reading") else [])]
    assert shown, extreme
    assert {s["measure"]["is"] for s in shown} == {"highest"}


@pytest.mark.parametrize(("text", "end"), [("the highest in at least six years", "highest"),
                                           ("the fewest in at most a decade", "lowest"), ("at least the most", "highest")])
def test_a_bound_is_not_an_end(text: str, end: str) -> None:
    from factcheck.draft.phrases import extreme_end
    assert extreme_end(text) == end


def test_the_extreme_is_of_the_value_it_is_said_of(tmp_path_factory: pytest.TempPathFactory) -> None:
    """"Eastgate had the highest rate …, more than twice Westfield's rate": Eastgate is ranked,
    Westfield is what it is compared with. Before, `at: Westfield` by the count of schools (it has
    the most) passed first."""
    rows = ([f"E{i},Eastgate,{370 + i}" for i in range(3)] + [f"W{i},Westfield,{170 + i}" for i in range(6)]
            + [f"N{i},Northside,{250}" for i in range(2)])
    story = "Eastgate had the highest rate among the city's districts, 37%, more than twice Westfield's rate."
    claims = init_and_suggest(tmp_path_factory.mktemp("subject"), story,
                              {"schools.csv": csv_text("school_id,district,chronically_absent", rows)}, "Schools")
    extreme = next(c for c in claims if c["expect"] is True)
    assert extreme["candidates"], extreme
    assert extreme["candidates"][0]["measure"]["at"] == "Eastgate"


def test_the_highest_in_six_years_is_since_six_years_before(claims: list[dict[str, Any]]) -> None:
    """"the highest in at least six years" is "a six-year high": since 2018 (80 then, 75 now, less
    in every year between). Before, no `since` was read from it, and nothing passed."""
    extreme = next(c for c in claims if c["expect"] is True)
    assert any(s["measure"].get("since") == 2018 and s["measure"]["at"] == 2024 for s in extreme["candidates"]), extreme


def test_a_count_is_no_reading_of_a_median(tmp_path_factory: pytest.TempPathFactory) -> None:
    """"The median school enrolled 521 students": before, the sentence's reading was the count of
    schools (12, "is it wrong?"); a count reads no median or average."""
    schools = [f"S{i:02d},School {i}" for i in range(12)]
    results = [f"{year},S{i:02d},{400 + 10 * i + year % 7}" for year in (2023, 2024) for i in range(12)]
    claims = init_and_suggest(tmp_path_factory.mktemp("median"), "The median school enrolled 521 students.",
                              {"schools.csv": csv_text("school_id,name", schools),
                               "results.csv": csv_text("year,school_id,enrollment", results)}, "Schools")
    reading = claims[0].get("reading")
    assert reading is None or "count" not in reading["measure"], reading
