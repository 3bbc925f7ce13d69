"""The verbs reporters use for a rise or a fall beyond "rose" and "fell": "eased for a third
straight year", "slipped 3%", "jumped 12%". Before, `suggest` proposed no `falling` for "eased"
(its reading was a count of schools, "is it wrong?"); `init`'s cases ("slipped 3%" was written `3%`, a
share) are in tests/test_init.py. Found walking a story of schools."""

from __future__ import annotations

from typing import Any

import pytest
from drafts import csv_text, first_pass, init_and_suggest

ABSENT = {2020: 40, 2021: 45, 2022: 38, 2023: 31, 2024: 25}  # of 100 students a year: falling since 2021


@pytest.fixture(scope="module")
def claims(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    rows = [f"S{year}{i:03d},{year},{'true' if i < n else 'false'}" for year, n in ABSENT.items() for i in range(100)]
    story = "Chronic absence eased for a third straight year in 2024."
    tables = {"students.csv": csv_text("student_id,school_year,chronically_absent", rows)}
    return init_and_suggest(tmp_path_factory.mktemp("absence"), story, tables, "Schools")


def test_eased_for_a_third_straight_year_is_a_run_of_falls(claims: list[dict[str, Any]]) -> None:
    measure = first_pass(claims, "Chronic absence eased", 3)
    assert measure["over"] == "school_year" and "chronically_absent" in str(measure["falling"])  # a count or a share

