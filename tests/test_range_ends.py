"""A range a claim filters on must be reached by the data at its upper end, not only overlap it.

Found walking a story of a city's budget (constructed data, written here): payments end on
2024-06-30, yet "the city paid $400 in calendar 2024" (`date >= '2024-01-01' and date <=
'2024-12-31'`) passed on half a year. Only a range wholly outside the data was caught.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import one_table

import factcheck
from factcheck import Reason, Verdict

PAYMENTS = ["2023-02-10", "2023-07-15", "2023-12-28", "2024-03-01", "2024-06-30"]


def _run(tmp_path: Path, where: str, dates: list[str] = PAYMENTS) -> factcheck.ClaimResult:
    rows = ["id,date,label,amount"] + [f"p{i},{d},{d[:4]}-Q{(int(d[5:7]) - 1) // 3 + 1},100"
                                       for i, d in enumerate(dates)]
    return one_table(tmp_path, rows, f"{{sum: amount, of: pay, where: \"{where}\"}}", "'100'", table="pay",
                     decl="time: date, derive: {yr: year(date)}", says="the city paid so much")


@pytest.mark.parametrize("where", [
    "date >= '2024-01-01' and date <= '2024-12-31'",  # calendar 2024, data to June
    "date between '2023-07-01' and '2025-06-30'",
    "date < '2025-01-01' and date >= '2024-06-01'",
    "yr <= 2025",
    "yr between 2023 and 2025",
])
def test_a_range_past_an_end_of_the_data_is_not_covered(tmp_path: Path, where: str) -> None:
    r = _run(tmp_path, where)
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED), r.message


@pytest.mark.parametrize("where", [
    "date >= '2023-07-01' and date <= '2023-12-31'",  # data on Dec 28: the last days had no payment
    "date >= '2023-02-01' and date < '2023-03-01'",   # data from Feb 10: the month is reached
    "date <= '2024-06-30'",
    "date > '2024-06-29'",
    "yr <= 2024",
    "yr >= 2023",
    "yr < 2025",
    "label <= '2023-Q2'",  # labels compared as written: no dates, no end checked
    # the lower end is not checked: a column of ends (the year a case was last pending) begins
    # later than the data it belongs to, and "between 2000 and 2020" is the whole of it
    "date >= '2022-01-01' and date <= '2023-06-30'",
    "yr >= 2022",
    "yr between 2022 and 2024",
])
def test_a_range_the_data_reaches_is_judged(tmp_path: Path, where: str) -> None:
    r = _run(tmp_path, where)
    assert r.verdict in (Verdict.PASS, Verdict.FAIL), r.message


# school years: 2020-21 is missing (a gap), the data ends with 2022-23; fiscal years end with FY2023
SCHOOL = ["school_year,fy,code,enrolled", "2017-18,FY2018,2017-18,100", "2018-19,FY2019,x,110",
          "2019-20,FY2020,x,90", "2021-22,FY2022,x,80", "2022-23,FY2023,x,70"]


def _school(tmp_path: Path, where: str) -> factcheck.ClaimResult:
    return one_table(tmp_path, SCHOOL, f"{{sum: enrolled, of: t, where: \"{where}\"}}", "150",
                     decl="time: [school_year, fy]")


@pytest.mark.parametrize("where", [
    "school_year >= '2021-22' and school_year <= '2024-25'",  # before: judged on the two school years there
    "school_year <= '2023-24'",
    "school_year < '2024-25'",
    "school_year between '2021-22' and '2023-24'",
    "fy <= 'FY2024'",
])
def test_a_range_past_the_last_school_year_is_not_covered(tmp_path: Path, where: str) -> None:
    r = _school(tmp_path, where)
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED), r.message


@pytest.mark.parametrize("where", [
    "school_year >= '2021-22' and school_year <= '2022-23'",
    "school_year < '2023-24'",  # the school year before 2023-24 is the data's last
    "school_year <= '2022-23'",
    "school_year >= '2015-16'",  # the lower end is not checked, as for years
    "fy <= 'FY2023'",
    "fy between 'FY2021' and 'FY2023'",
])
def test_a_range_the_school_years_reach_is_judged(tmp_path: Path, where: str) -> None:
    r = _school(tmp_path, where)
    assert r.verdict in (Verdict.PASS, Verdict.FAIL), r.message


def test_a_range_past_the_last_school_year_on_spark_gives_duckdbs_report(spark: object, tmp_path: Path) -> None:
    """The check of a label's end is SQL both engines run (a cast to text and a LIKE)."""
    from test_spark_engine import same_reports
    (tmp_path / "t.csv").write_text("\n".join(SCHOOL) + "\n", encoding="utf-8")
    claims = [("school_year >= '2021-22' and school_year <= '2024-25'", "150"), ("school_year < '2023-24'", "450"),
              ("fy <= 'FY2024'", "450")]
    body = "".join(f"  - id: c{i}\n    says: a sentence\n    measure: {{sum: enrolled, of: t, where: \"{w}\"}}\n"
                   f"    expect: {e}\n" for i, (w, e) in enumerate(claims))
    path = tmp_path / "c.yaml"
    path.write_text("tables:\n  t: {path: t.csv, time: [school_year, fy]}\nclaims:\n" + body, encoding="utf-8")
    on_duckdb = factcheck.verify(path)
    assert [r.verdict for r in on_duckdb.results] == [Verdict.UNVERIFIABLE, Verdict.PASS, Verdict.UNVERIFIABLE]
    same_reports(on_duckdb, factcheck.verify(path, engine="spark"))
