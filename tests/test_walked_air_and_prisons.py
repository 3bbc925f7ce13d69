"""Two stories walked as a data reporter would (constructed data, tests/fixtures/air and
tests/fixtures/prisons): every claim's verdict, and what the walk found wrong.

Air: daily PM2.5 at four stations in 2024 (key [station, date]); Dock Street has no row in March,
so a figure that counts it over 2024, or ranks months it is in, is unverifiable. Prisons: inmates
by facility and year, and the state's residents; Westfield closed after 2018. Each row of inmates
is already a count (``counts: inmates``): a rate of them rests on 4,099 people, not on four rows.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import factcheck
from factcheck import NoteCode, Verdict

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def air() -> dict[str, factcheck.ClaimResult]:
    return {r.id: r for r in factcheck.verify(FIXTURES / "air" / "story.claims.yaml").results}


@pytest.fixture(scope="module")
def prisons() -> dict[str, factcheck.ClaimResult]:
    return {r.id: r for r in factcheck.verify(FIXTURES / "prisons" / "story.claims.yaml").results}


AIR = {
    "unhealthy-station-days": Verdict.UNVERIFIABLE,  # Dock Street did not report March
    "unhealthy-days": Verdict.PASS, "rail-yard-most-unhealthy": Verdict.PASS, "rail-yard-seven": Verdict.PASS,
    "rail-yard-streak": Verdict.PASS, "july-worst": Verdict.UNVERIFIABLE, "july-average": Verdict.PASS,
    "january-average": Verdict.PASS, "dock-street-march": Verdict.UNVERIFIABLE, "hill-school-good": Verdict.PASS,
    "rail-yard-average": Verdict.PASS,
    "rail-yard-three-times": Verdict.FAIL,  # 2.75 times: "nearly" is within 5% below
    "dock-street-rises": Verdict.UNVERIFIABLE,  # its 1 April "day before" is 29 February, across March
    "year-average": Verdict.UNVERIFIABLE,
}

PRISONS = {
    "held-2024": Verdict.PASS, "lowest-on-record": Verdict.PASS,
    "fewest-in-15-years": Verdict.UNVERIFIABLE,  # since 2009: the data begins in 2010
    "rate-2024": Verdict.PASS, "rate-2010": Verdict.PASS, "fell-a-fifth": Verdict.PASS,
    "westfield-final-year": Verdict.PASS,
    "northgate-quarter": Verdict.FAIL,  # up 14.5%, not a quarter
    "northgate-45-percent": Verdict.PASS,  # a share of the inmates (sum: inmates), not of the four prisons' rows
    "riverbend-358": Verdict.PASS, "riverbend-down-44": Verdict.PASS,
}


def test_the_air_story(air: dict[str, factcheck.ClaimResult]) -> None:
    assert {k: r.verdict for k, r in air.items()} == AIR


def test_the_prison_story(prisons: dict[str, factcheck.ClaimResult]) -> None:
    assert {k: r.verdict for k, r in prisons.items()} == PRISONS


def test_a_month_of_a_whole_year_is_not_partial(air: dict[str, factcheck.ClaimResult]) -> None:
    """January 2024 is whole: January 2025, month 1 again, is not the data cutting it short."""
    assert [n for n in air["january-average"].notes if n.code == NoteCode.PERIOD_PARTIAL] == []


def test_the_worst_month_of_a_station_that_missed_one(tmp_path: Path) -> None:
    """Ranking Dock Street's months (a top of months) is the same question as the extreme over them."""
    for name in ("readings.csv", "stations.csv"):
        shutil.copy(FIXTURES / "air" / name, tmp_path / name)
    (tmp_path / ".git").mkdir()
    (tmp_path / "c.yaml").write_text("""\
version: 1
tables:
  readings: {path: readings.csv, key: [station, date], time: date, reported_by: station,
             derive: {m: month_start(date)}}
claims:
  - id: dock-worst-month
    says: Dock Street's worst month was July.
    measure: {top: m, of: readings, by: {mean: pm25, of: readings}, where: station == 'Dock Street'}
    expect: ['2024-07-01']
  - id: rail-yard-worst-month
    says: Rail Yard's worst month was July.
    measure: {top: m, of: readings, by: {mean: pm25, of: readings}, where: station == 'Rail Yard'}
    expect: ['2024-07-01']
""")
    got = {r.id: r for r in factcheck.verify(tmp_path / "c.yaml").results}
    assert got["dock-worst-month"].verdict == Verdict.UNVERIFIABLE
    assert "station Dock Street has no row in 2024-03" in got["dock-worst-month"].message
    assert got["rail-yard-worst-month"].verdict == Verdict.PASS, got["rail-yard-worst-month"].message


def test_a_rate_of_the_inmates_is_no_small_base(prisons: dict[str, factcheck.ClaimResult]) -> None:
    """The walk: "66.8 inmates per 100,000" said "the figure rests on 4 records"; it rests on 4,099."""
    for cid in ("rate-2024", "rate-2010", "northgate-45-percent"):
        assert [n for n in prisons[cid].notes if n.code == NoteCode.SMALL_BASE] == [], prisons[cid].notes
