"""A year named as the year of a date column is said to be partial when the data holds only part of it.

Found walking a story of a city's budget (constructed data, written here): payments end on
2024-06-30, yet "payments fell 33% in 2024" (a change over `year(date)`) and "the city paid $400
in 2024" were judged on half a year against a whole one, with nothing said. Such a claim is still
judged (a story may mean the year so far), with the warning `period_partial` next to its verdict.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import one_table

import factcheck
from factcheck import NoteCode, Verdict

PAYMENTS = ["2022-07-15", "2022-12-20", "2023-01-10", "2023-06-01", "2023-12-05", "2024-02-01", "2024-06-30"]


def _result(tmp_path: Path, measure: str) -> factcheck.ClaimResult:
    expect = "true" if "extreme" in measure else "up 1%" if "change" in measure else "'1'"
    rows = ["id,date,amount"] + [f"p{i},{d},100" for i, d in enumerate(PAYMENTS)]
    return one_table(tmp_path, rows, measure, expect, table="pay",
                     decl="time: date, derive: {yr: year(date), fy: year(date) + 1, "
                          "fiscal: 'year(date) + case when month(date) >= 7 then 1 else 0 end'}",
                     says="a figure of a year")


def _partial(r: factcheck.ClaimResult) -> list[str]:
    return [n.message for n in r.notes if n.code == NoteCode.PERIOD_PARTIAL and n.warning]


@pytest.mark.parametrize(("measure", "year"), [
    ("{sum: amount, of: pay, where: yr == 2024}", 2024),
    ("{sum: amount, of: pay, where: year(date) == 2022}", 2022),
    ("{change: {sum: amount, of: pay}, over: yr, from: 2023, to: 2024}", 2024),
    ("{extreme: {sum: amount, of: pay}, over: yr, at: 2024, is: lowest}", 2024),
])
def test_a_year_the_data_holds_part_of_is_said(tmp_path: Path, measure: str, year: int) -> None:
    r = _result(tmp_path, measure)
    assert r.verdict in (Verdict.PASS, Verdict.FAIL), r.message
    assert _partial(r) == [f"{year} is only part of a year in the data: the dates of date run from 2022-07-15 to "
                           "2024-06-30; its figure is not that of the whole year"]


@pytest.mark.parametrize("measure", [
    "{sum: amount, of: pay, where: yr == 2023}",                        # January to December
    "{sum: amount, of: pay, where: fy == 2024}",                        # fy 2024 is calendar 2023: whole
    "{sum: amount, of: pay, where: yr == 2025}",                        # after the data: not covered
    "{sum: amount, of: pay, where: yr between 2022 and 2023}",          # a range's lower end is not checked
    "{sum: amount, of: pay, where: fiscal == 2024}",                    # July 2023 to June 2024: whole
    "{sum: amount, of: pay, where: fiscal == 2023}",                    # from July 15 2022: July has data
])
def test_a_whole_year_or_another_column_is_not(tmp_path: Path, measure: str) -> None:
    assert _partial(_result(tmp_path, measure)) == []


@pytest.mark.parametrize(("measure", "said"), [
    # a period of the date other than its year: partial when it is still the same a week past the data
    ("{change: {sum: amount, of: pay}, over: fy, from: 2023, to: 2024}", "fy 2023"),
])
def test_another_period_of_a_date_the_data_holds_part_of_is_said(tmp_path: Path, measure: str, said: str) -> None:
    assert _partial(_result(tmp_path, measure)) == [
        f"{said} is only partly in the data: the dates of date run from 2022-07-15 to 2024-06-30, and "
        f"{said.split()[0]} is still {said.split()[1]} in the month beyond them; its figure is not that of the whole "
        "period"]


def test_the_upper_end_of_a_range_of_years(tmp_path: Path) -> None:
    r = _result(tmp_path, "{sum: amount, of: pay, where: yr between 2023 and 2024}")
    assert [m.split(" is only")[0] for m in _partial(r)] == ["2024"]


def test_rows_that_stand_for_months_cover_their_quarter(tmp_path: Path) -> None:
    """Monthly rows to 2024-12-01 cover the fourth quarter: "a week past the last date" called it
    partial (a walk of monthly ridership)."""
    rows = ["month,riders"] + [f"2024-{m:02d}-01,{100 + m}" for m in range(1, 13)]
    r = one_table(tmp_path, rows, "{sum: riders, of: t, where: \"q == '2024-10-01'\"}", "333",
                  decl="time: month, derive: {q: quarter_start(month)}")
    assert _partial(r) == [] and r.verdict == Verdict.PASS


@pytest.mark.parametrize(("dates", "year", "partial"), [
    (["2021-10-01", "2022-10-01", "2023-10-01"], 2023, False),   # one count a year, every October 1st
    (["2021-10-01", "2022-10-01", "2023-10-01"], 2021, False),
    ([f"{y}-{m:02d}-01" for y in (2022, 2023) for m in (1, 4, 7, 10)], 2023, False),  # quarterly
    ([f"{y}-{m:02d}-01" for y in (2022, 2023) for m in (1, 4, 7, 10)][:-1], 2023, True),  # no October 2023
])
def test_counts_taken_on_the_same_days_each_year_are_whole_years(tmp_path: Path, dates: list[str], year: int,
                                                                  partial: bool) -> None:
    """Enrollment counted each October 1st: every year was "only part of a year in the data" (a
    walk of a schools story, where 18 of 27 claims carried the warning for nothing)."""
    rows = ["district,count_date,students"] + [f"{d},{day},{100 + i}" for i, day in enumerate(dates) for d in "AB"]
    r = one_table(tmp_path, rows, f"{{sum: students, of: t, where: fall_year == {year}}}", "1",
                  decl="time: count_date, derive: {fall_year: year(count_date)}")
    assert bool(_partial(r)) == partial, r.notes


@pytest.mark.parametrize("where", ["mo == 1", "mo == 12", "month(date) == 1", "qt == 1"])
def test_a_month_of_the_year_is_not_cut_by_the_next_years_january(tmp_path: Path, where: str) -> None:
    # Found walking an air-quality story (tests/fixtures/air): daily readings of 2024, January to
    # December; "January averaged 19.3" (a mean where month(date) == 1) was warned period_partial
    # because the month after the data, January 2025, is month 1 again. A month of the year comes
    # round again; that is not the data cutting January short.
    days = ["2024-01-01", "2024-01-15", "2024-03-03", "2024-07-04", "2024-12-01", "2024-12-31"]
    rows = ["id,date,amount"] + [f"p{i},{d},100" for i, d in enumerate(days)]
    r = one_table(tmp_path, rows, f"{{sum: amount, of: pay, where: {where}}}", "'200'", table="pay",
                  decl="time: date, derive: {mo: month(date), qt: quarter(date)}", says="a figure of a month")
    assert _partial(r) == []
