"""A story of police use of force walked through `init` and `suggest`: a fraction written "one of
every four", a threshold written "two or more officers", a precinct named by its number ("the
44th Precinct"), and "the most" that ends a clause."""

from __future__ import annotations

from typing import Any

import pytest

from factcheck.draft.phrases import scan
from tests.drafts import csv_text, init_and_suggest


def _incidents() -> list[str]:
    """10 incidents in 2023, 20 in 2024. In 2024: the 44th Precinct 9, the 40th 6, the 46th 5;
    5 subjects injured (one of every four); 14 with two or more officers (70%)."""
    rows = [f"F{i:03d},2023-03-{i + 1:02d},40,physical,no,1" for i in range(10)]
    for i in range(20):
        precinct = 44 if i < 9 else 40 if i < 15 else 46
        injured = "yes" if i % 4 == 0 else "no"
        officers = 1 if i in (1, 2, 3, 5, 6, 7) else 2 if i % 2 else 3
        rows.append(f"F{100 + i:03d},2024-03-{i + 1:02d},{precinct},{'taser' if i < 3 else 'physical'},"
                    f"{injured},{officers}")
    return rows


STORY = """Officers used force 20 times in 2024.

Subjects were injured in one of every four incidents.

The 44th Precinct recorded 9 of them.

Two or more officers were involved in 70% of incidents."""


@pytest.fixture(scope="module")
def claims(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    tables = {"incidents.csv": csv_text("incident_id,occurred_on,precinct,force_type,subject_injured,officer_count",
                                        _incidents())}
    return init_and_suggest(tmp_path_factory.mktemp("force"), STORY, tables, "Force by police")


def _claim(claims: list[dict[str, Any]], says: str, expect: Any) -> dict[str, Any]:
    return next(c for c in claims if c["says"].startswith(says) and c["expect"] == expect)


def test_one_of_every_four_is_a_fraction(claims: list[dict[str, Any]]) -> None:
    """Before, `init` wrote `expect: four` (a number in words, which a run refuses) and nothing fit."""
    claim = _claim(claims, "Subjects were injured", "one of every four")
    assert claim["candidates"][0]["measure"] == {
        "share": "subject_injured", "of": "incidents", "where": "occurred_on_year == 2024"}
    assert claim["candidates"][0]["verdict"] == "pass"


def test_a_precinct_is_named_by_its_number(claims: list[dict[str, Any]]) -> None:
    """A column of a few whole numbers was never a condition: no candidate counted the 44th's."""
    first = _claim(claims, "The 44th Precinct", "9")["candidates"][0]
    assert first["measure"] == {"count": "incidents", "where": "precinct == 44 and occurred_on_year == 2024"}


def test_two_or_more_officers_is_a_threshold(claims: list[dict[str, Any]]) -> None:
    share = _claim(claims, "Two or more officers", "70%")["candidates"][0]
    assert share["measure"] == {"share": "officer_count >= 2", "of": "incidents", "where": "occurred_on_year == 2024"}
    two = _claim(claims, "Two or more officers", "2")
    assert two["candidates"] == [] and "condition of '70%'" in two["note"]


def test_the_most_that_ends_a_clause_is_a_figure() -> None:
    says = "The 44th Precinct recorded the most, 173."
    assert [(f.kind, says[f.start:f.end]) for f in scan(says)[0]] == [("extreme", "the most"), ("number", "173")]
    assert [f.kind for f in scan("It cost $5 at the most.")[0]] == ["number"]


def test_part_of_a_number_names_no_value() -> None:
    """"2,094 cases" named a value 2 of a column of whole numbers (the words of a number were its
    digits between commas); it is one word now."""
    from factcheck.suggest.words import words
    assert words("Prosecutors filed 2,094 cases, 12.5% more") == {"prose", "filed", "2,094", "case", "12.5"}
