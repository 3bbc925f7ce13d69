"""A month or a quarter named by its number and its year, and a period named through `not`, over
data that ends before it: "No noise complaints were filed in April 2025" over requests up to
31 March 2025 passed with a count of 0 (found by a walk of a 311 story). Each comparison alone
was covered (any April; any day of 2025); together they name a month the data does not reach.
Constructed data: one request a day from 2024-01-01 to 2025-03-31, every fifth one about noise."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import factcheck
from factcheck.outcome import Verdict


def _requests(folder: Path, last: dt.date = dt.date(2025, 3, 31)) -> None:
    day, rows = dt.date(2024, 1, 1), ["id,created_date,category"]
    while day <= last:
        rows.append(f"{len(rows)},{day},{'Noise' if len(rows) % 5 == 0 else 'Pothole'}")
        day += dt.timedelta(days=1)
    (folder / "requests.csv").write_text("\n".join(rows) + "\n")


def _one(folder: Path, where: str, expect: str, derive: str = "") -> factcheck.ClaimResult:
    (folder / "c.yaml").write_text(
        f"tables:\n  requests: {{path: requests.csv, time: created_date{', derive: ' + derive if derive else ''}}}\n"
        f"claims:\n  - {{id: c, says: s, measure: {{count: requests, where: \"{where}\"}}, expect: '{expect}'}}\n")
    return factcheck.verify(folder / "c.yaml").results[0]


@pytest.mark.parametrize(("where", "said", "derive"), [
    ("category == 'Noise' and month(created_date) == 4 and year(created_date) == 2025",
     "created_date in April 2025 (2025-04-01 to 2025-04-30)", ""),
    ("year(created_date) == 2025 and quarter(created_date) == 2 and category == 'Noise'",
     "created_date in the second quarter of 2025 (2025-04-01 to 2025-06-30)", ""),
    ("category == 'Noise' and m == 4 and y == 2025", "created_date in April 2025 (2025-04-01 to 2025-04-30)",
     "{m: month(created_date), y: year(created_date)}"),
    ("category == 'Noise' and not (created_date < '2025-04-01')", "created_date >= 2025-04-01", ""),
    ("category == 'Noise' and not (created_date <= '2025-03-31')", "created_date > 2025-03-31", ""),
])
def test_a_period_after_the_data_is_not_covered(tmp_path: Path, where: str, said: str, derive: str) -> None:
    _requests(tmp_path)
    r = _one(tmp_path, where, "0", derive)
    assert r.verdict == Verdict.UNVERIFIABLE, (r.verdict, r.message)
    assert r.reason is not None and r.reason.value == "period_not_covered"
    assert said in r.message


@pytest.mark.parametrize(("where", "expect"), [
    ("category == 'Noise' and month(created_date) == 3 and year(created_date) == 2025", "6"),
    ("category == 'Noise' and month(created_date) == 4 and year(created_date) == 2024", "6"),
    ("category == 'Noise' and quarter(created_date) == 1 and year(created_date) == 2025", "18"),
    ("category == 'Noise' and not (created_date < '2025-03-01')", "6"),
    ("category == 'Noise' and month(created_date) == 4", "6"),  # any April: the Aprils of 2024 are data
    ("category == 'Noise' and (month(created_date) == 4 or year(created_date) == 2025)", "24"),
])
def test_a_period_inside_the_data_is_judged(tmp_path: Path, where: str, expect: str) -> None:
    _requests(tmp_path)
    r = _one(tmp_path, where, expect)
    assert r.verdict == Verdict.PASS, (r.verdict, r.message)


def test_a_month_the_data_reaches_into_is_judged(tmp_path: Path) -> None:
    """Data up to 10 April 2025 reaches April (a few quiet days at a month's end are no hole, as
    for a range of dates): the count is judged."""
    _requests(tmp_path, dt.date(2025, 4, 10))
    r = _one(tmp_path, "category == 'Noise' and month(created_date) == 4 and year(created_date) == 2025", "2")
    assert r.verdict == Verdict.PASS, (r.verdict, r.message)


def test_a_month_of_a_text_column_is_checked_once_it_reads_as_dates(tmp_path: Path) -> None:
    """Undeclared, the CSV column is found to hold dates when it is read: the check applies then."""
    _requests(tmp_path)
    (tmp_path / "c.yaml").write_text(
        "tables:\n  requests: {path: requests.csv}\nclaims:\n  - {id: c, says: s, measure: {count: requests, "
        "where: \"month(created_date) == 4 and year(created_date) == 2025\"}, expect: '0'}\n")
    r = factcheck.verify(tmp_path / "c.yaml").results[0]
    assert r.verdict == Verdict.UNVERIFIABLE and "April 2025" in r.message, (r.verdict, r.message)


def _monthly(folder: Path, time: str, skip: tuple[int, int] | None = None) -> None:
    """Monthly counts by category from January 2024 to March 2025, in year and month columns."""
    rows = ["year,month,category,requests"]
    for year, month in [(2024, m) for m in range(1, 13)] + [(2025, m) for m in range(1, 4)]:
        if (year, month) != skip:
            rows += [f"{year},{month},Noise,{month + 10}", f"{year},{month},Pothole,{month}"]
    (folder / "monthly.csv").write_text("\n".join(rows) + "\n")
    (folder / "c.yaml").write_text(
        f"tables:\n  monthly: {{path: monthly.csv, key: [year, month, category], time: {time}}}\nclaims:\n"
        "  - {id: c, says: s, measure: {sum: requests, of: monthly, where: \"category == 'Noise' and year == YEAR "
        "and month == MONTH\"}, expect: 'EXPECT'}\n")


@pytest.mark.parametrize(("year", "month", "expect", "verdict", "said"), [
    (2025, 4, "0", Verdict.UNVERIFIABLE, "the data does not cover year == 2025 and month == 4"),
    (2024, 6, "0", Verdict.UNVERIFIABLE, "year == 2024 and month == 6 (a gap in the data"),
    (2025, 3, "13", Verdict.PASS, ""),
    (2024, 12, "22", Verdict.PASS, ""),
])
@pytest.mark.parametrize("time", ["[year, month]", "year"])
def test_a_month_named_by_two_declared_time_columns_is_one_period(tmp_path: Path, year: int, month: int,
                                                                 expect: str, verdict: Verdict, said: str,
                                                                 time: str) -> None:
    """`time: [year, month]`, `year == 2025 and month == 4` over data up to March 2025: the sum of no
    row passed as 0, each column alone being covered (any April; 2025). So it did with `time: year`
    alone, the year being covered and `month` no time column: a column named as a month beside a
    declared year is one period with it."""
    _monthly(tmp_path, time, skip=(2024, 6))
    claims = tmp_path / "c.yaml"
    claims.write_text(claims.read_text().replace("YEAR", str(year)).replace("MONTH", str(month))
                      .replace("EXPECT", expect))
    r = factcheck.verify(claims).results[0]
    assert r.verdict == verdict, (r.verdict, r.message)
    assert said in r.message


def test_a_quarter_column_beside_a_declared_year_is_one_period_with_it(tmp_path: Path) -> None:
    (tmp_path / "q.csv").write_text("year,qtr,n\n2024,1,5\n2024,2,6\n2024,3,7\n2024,4,8\n2025,1,9\n")
    (tmp_path / "c.yaml").write_text(
        "tables:\n  q: {path: q.csv, time: year}\nclaims:\n"
        "  - {id: c, says: s, measure: {sum: n, of: q, where: \"year == 2025 and qtr == 2\"}, expect: '0'}\n")
    r = factcheck.verify(tmp_path / "c.yaml").results[0]
    assert r.verdict == Verdict.UNVERIFIABLE and "year == 2025 and qtr == 2" in r.message, (r.verdict, r.message)


@pytest.mark.parametrize("month", [13, 0])  # after the data's last [year, month]; inside its range
@pytest.mark.parametrize("time", ["[year, month]", "year"])
def test_a_month_no_year_has_is_a_period_the_data_cannot_cover(tmp_path: Path, time: str, month: int) -> None:
    """`year == 2024 and month == 13` names no month. With `time: year` the filter was judged as any is,
    and "no Noise requests in month 13" passed with 0 (with `time: [year, month]` it was unverifiable):
    it is a period the data cannot have, and the message says why."""
    _monthly(tmp_path, time)
    claims = tmp_path / "c.yaml"
    claims.write_text(claims.read_text().replace("YEAR", "2024").replace("MONTH", str(month)).replace("EXPECT", "0"))
    r = factcheck.verify(claims).results[0]
    assert r.verdict == Verdict.UNVERIFIABLE, (r.verdict, r.message)
    assert r.message.endswith(f"year == 2024 and month == {month} (there is no month {month})"), r.message


def test_a_short_name_with_a_number_no_quarter_has_is_left_alone(tmp_path: Path) -> None:
    """`q` may be a rating as well as a quarter: `q == 5` beside a year is judged as any filter is."""
    (tmp_path / "r.csv").write_text("year,q,n\n2024,1,5\n2024,2,6\n2024,4,8\n")
    (tmp_path / "c.yaml").write_text(
        "tables:\n  r: {path: r.csv, time: year}\nclaims:\n"
        "  - {id: c, says: s, measure: {sum: n, of: r, where: \"year == 2024 and q == 5\"}, expect: '0'}\n")
    r = factcheck.verify(tmp_path / "c.yaml").results[0]
    assert r.verdict == Verdict.PASS, (r.verdict, r.message)
