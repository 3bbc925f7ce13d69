"""A story of city overtime walked through `init` and `suggest`: a share "of it" (of the dollars
the sentence before totted up), the top earner (a largest value), and a count past an amount of
money ("made more than $2,000"), which `init` wrote as a difference."""

from __future__ import annotations

from typing import Any

import pytest

from tests.drafts import csv_text, first_pass, init_and_suggest


def _payroll() -> list[str]:
    """2023: ten employees, $1,000 of overtime each. 2024: four police officers $1,500 each, two
    firefighters $2,300 and $2,500, four parks workers $300 each: $12,000, up 20%; the police had
    half the dollars and 40% of the employees."""
    rows = [f"E{i:02d},2023,{'Police' if i < 4 else 'Parks'},{50_000 + 1_000 * i},1000" for i in range(10)]
    pay = [("Police", 1500)] * 4 + [("Fire", 2300), ("Fire", 2500)] + [("Parks", 300)] * 4
    rows += [f"E{10 + i:02d},2024,{dept},{60_000 + 1_000 * i},{ot}" for i, (dept, ot) in enumerate(pay)]
    return rows


STORY = """The city paid $12,000 in overtime in 2024, up 20% from the year before.

Police accounted for half of it.

The top earner made $2,500 in overtime.

Two employees made more than $2,000 in overtime."""


@pytest.fixture(scope="module")
def claims(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    tables = {"payroll.csv": csv_text("employee_id,fiscal_year,department,base_salary,overtime_pay", _payroll())}
    return init_and_suggest(tmp_path_factory.mktemp("overtime"), STORY, tables, "Overtime")


def test_a_share_of_it_is_of_the_dollars_before(claims: list[dict[str, Any]]) -> None:
    """Before: the share of the employees (40%), shown as the sentence's reading, failing."""
    total = {"sum": "overtime_pay", "of": "payroll"}
    assert first_pass(claims, "Police accounted", "half") == {"ratio": {
        "numerator": {**total, "where": "department == 'Police' and fiscal_year == 2024"},
        "denominator": {**total, "where": "fiscal_year == 2024"}}}


def test_the_top_earner_is_the_largest_value(claims: list[dict[str, Any]]) -> None:
    assert first_pass(claims, "The top earner", "$2,500") == {
        "max": "overtime_pay", "of": "payroll", "where": "fiscal_year == 2024"}


def test_more_than_an_amount_is_a_threshold_not_a_difference(claims: list[dict[str, Any]]) -> None:
    """`init` wrote `expect: 2 more` ("made more than $2,000" read as a difference from something)."""
    assert first_pass(claims, "Two employees", "2") == {
        "count": "payroll", "where": "overtime_pay > 2000 and fiscal_year == 2024"}


@pytest.mark.parametrize(("says", "of_it"), [
    ("Police accounted for 38% of it.", True), ("Police accounted for 38% of the total, a record.", True),
    ("Police accounted for 38% of that year's cases.", False), ("Police accounted for 38% of them.", False)])
def test_a_share_of_it_ends_its_clause(says: str, of_it: bool) -> None:
    """"of that year's cases" is no share of what the sentence before totted up."""
    from factcheck.suggest.propose import _of_it
    assert _of_it(says, "38%") is of_it
