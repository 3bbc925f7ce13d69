"""A story of a hot summer, on a table with one row per day, walked through `init` and
`suggest`: a count of days past a threshold ("7 days above 95 degrees"), its record, a total
whose change is measured from an earlier year ("climbed to 500, up 25% from 2023") and the
hottest day (a largest value)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.drafts import csv_text, first_pass, init_and_suggest


def _days() -> list[str]:
    """20 days of each summer: 2023 from 80 to 99 degrees (4 days above 95), 20 visits a day;
    2024 from 83 to 102 degrees (7 days above 95), 25 visits a day (500 in all, up 25%)."""
    rows = [f"2023-06-{i + 1:02d},{80 + i},20" for i in range(20)]
    rows += [f"2024-06-{i + 1:02d},{83 + i},25" for i in range(20)]
    return rows


STORY = """The city had 7 days above 95 degrees in 2024, the most on record.

Heat-related emergency visits climbed to 500, up 25% from 2023.

The hottest day of the summer reached 102 degrees."""


@pytest.fixture(scope="module")
def claims(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    tables = {"days.csv": csv_text("day,max_temp_f,heat_er_visits", _days())}
    return init_and_suggest(tmp_path_factory.mktemp("heat"), STORY, tables, "A hot summer")


def _claim(claims: list[dict[str, Any]], says: str, expect: Any) -> dict[str, Any]:
    return next(c for c in claims if c["says"].startswith(says) and c["expect"] == expect)


def test_days_past_a_threshold_are_counted(claims: list[dict[str, Any]]) -> None:
    """"7 days" is a duration; on a table of days it is a count of rows too. Before: `init` wrote
    `7 days more` ("above 95" read as a difference), and "degrees" named no column."""
    assert first_pass(claims, "The city had 7 days", "7 days") == {
        "count": "days", "where": "max_temp_f > 95 and day_year == 2024"}
    above = _claim(claims, "The city had 7 days", "above 95")
    assert above["candidates"] == [] and "is the condition of '7 days'" in above["note"] and "(count: …)" in above["note"]


def test_the_record_is_of_the_days_past_the_threshold(claims: list[dict[str, Any]]) -> None:
    assert first_pass(claims, "The city had 7 days", True) == {
        "extreme": {"count": "days", "where": "max_temp_f > 95"}, "over": "day_year", "at": 2024, "is": "highest"}


def test_a_total_the_change_is_measured_to_is_of_the_article_s_year(claims: list[dict[str, Any]]) -> None:
    """Before, 500 was searched in 2023, the only year the sentence names (what the change is from)."""
    assert first_pass(claims, "Heat-related emergency visits", "500") == {
        "sum": "heat_er_visits", "of": "days", "where": "day_year == 2024"}


def test_the_hottest_day_is_the_largest_temperature(claims: list[dict[str, Any]]) -> None:
    assert first_pass(claims, "The hottest day", "102") == {
        "max": "max_temp_f", "of": "days", "where": "day_year == 2024"}
