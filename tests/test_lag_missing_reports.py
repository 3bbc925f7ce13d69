"""``lag``/``lead`` across a missing report (a table declared ``reported_by``): the previous row of
a group is not its previous period when it did not report the periods between, so a figure that
reads such a pair is ``unverifiable`` (``period_not_covered``), naming the group, the two rows and
the hole; a figure whose kept rows read no such pair is judged as before.

The air fixture (tests/fixtures/air): Dock Street has no row in March 2024, and "rose from the day
before" on 1 April compared it with 29 February (175 rises counted, 174 true).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

import factcheck
from factcheck import Reason, Verdict

AIR = Path(__file__).resolve().parent / "fixtures" / "air"

DOCK = ("the data does not cover station Dock Street in 2024-03, between its rows of 2024-02-29 and 2024-04-01, "
        "which {calls} reads as neighbours: there is no row between the two though there are rows before and "
        "after (table readings is reported by station: a month inside one's first and last with no row of it is a "
        "missing report, so the rows on either side of it are not neighbours in time)")


def _true_rises() -> dict[str, tuple[int, int, int]]:
    """Each station's rises from its previous row: from 2 April on, in June, in all (DuckDB alone)."""
    import duckdb
    rows = duckdb.connect().execute(f"""
        SELECT station, count(*) FILTER (WHERE pm25 > prev AND date >= DATE '2024-04-02'),
               count(*) FILTER (WHERE pm25 > prev AND month(date) = 6), count(*) FILTER (WHERE pm25 > prev)
        FROM (SELECT *, lag(pm25) OVER (PARTITION BY station ORDER BY date) AS prev
              FROM read_csv('{AIR / "readings.csv"}'))
        GROUP BY station""").fetchall()
    return {station: (a, b, c) for station, a, b, c in rows}


def _air(tmp_path: Path, claims: str) -> dict[str, factcheck.ClaimResult]:
    shutil.copy(AIR / "readings.csv", tmp_path / "readings.csv")
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / "c.yaml").write_text(f"""\
version: 1
tables:
  readings:
    path: readings.csv
    time: date
    reported_by: station
    key: [station, date]
    derive:
      date_month: month(date)
      rose: pm25 > lag(pm25, date, station)
claims:
{claims}""", encoding="utf-8")
    return {r.id: r for r in factcheck.verify(tmp_path / "c.yaml").results}


def test_the_walked_story_counts_rises_across_the_silent_march(tmp_path: Path) -> None:
    got = _air(tmp_path, """\
  - {id: rises, says: x, measure: {count: readings, where: station == 'Dock Street' and rose}, expect: 175}
  - {id: written, says: x, measure: {count: readings, where: "station == 'Dock Street' and pm25 > lag(pm25, date, station)"},
     expect: 175}
""")
    r = got["rises"]
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED)
    assert r.message == DOCK.format(calls="lag(pm25, date, station)")
    assert got["written"].verdict == Verdict.UNVERIFIABLE
    assert got["written"].message == DOCK.format(calls="lag(pm25, date, station)")


def test_rows_kept_on_one_side_of_the_hole_read_no_pair_across_it(tmp_path: Path) -> None:
    """June's rises compare June days; from 2 April on, no kept row's day before is in February."""
    got = _air(tmp_path, """\
  - {id: june, says: x, measure: {count: readings, where: station == 'Dock Street' and date_month == 6 and rose},
     expect: 15}
  - {id: from-april-2, says: x, measure: {count: readings, where: station == 'Dock Street' and date >= '2024-04-02'
     and rose}, expect: 1}
  - {id: from-april-1, says: x, measure: {count: readings, where: station == 'Dock Street' and date >= '2024-04-01'
     and rose}, expect: 1}
  - {id: rail-yard, says: x, measure: {count: readings, where: station == 'Rail Yard' and rose}, expect: 1}
""")
    true = _true_rises()
    after, june, _ = true["Dock Street"]
    assert got["june"].value == june and got["june"].verdict == (Verdict.PASS if june == 15 else Verdict.FAIL)
    assert got["from-april-2"].value == after, got["from-april-2"].message
    assert got["from-april-1"].verdict == Verdict.UNVERIFIABLE
    assert got["from-april-1"].message == DOCK.format(calls="lag(pm25, date, station)")
    assert got["rail-yard"].value == true["Rail Yard"][2], got["rail-yard"].message  # no hole: a figure


def test_lead_reads_the_row_after_across_the_hole(tmp_path: Path) -> None:
    got = _air(tmp_path, """\
  - {id: fell-next, says: x, measure: {count: readings, where: "station == 'Dock Street' and pm25 > lead(pm25, date, station)"},
     expect: 170}
  - {id: in-the-measure, says: x, measure: {sum: "pm25 - lag(pm25, date, station)", of: readings,
     where: station == 'Dock Street'}, expect: 1}
""")
    assert got["fell-next"].verdict == Verdict.UNVERIFIABLE
    assert got["fell-next"].message == DOCK.format(calls="lead(pm25, date, station)")
    assert got["in-the-measure"].message == DOCK.format(calls="lag(pm25, date, station)")


YEARS = """\
version: 1
tables:
  returns:
    path: returns.csv
    time: year
    reported_by: office
    derive: {up: "filed > lag(filed, year, office)"}
claims:
  - {id: a-rises, says: Office A filed more than the year before in three years, measure: {count: returns, where: office == 'A' and up}, expect: 3}
  - {id: b-rises, says: Office B filed more than the year before in four years, measure: {count: returns, where: office == 'B' and up}, expect: 4}
  - {id: all-rises, says: x, measure: {count: returns, where: up}, expect: 7}
"""


def _years(tmp_path: Path) -> Path:
    rows = ["office,year,filed", "A,2010,5", "A,2011,6", "A,2013,7", "A,2014,8"]
    rows += [f"B,{y},{y - 2000}" for y in range(2010, 2015)]
    (tmp_path / "returns.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / "c.yaml").write_text(YEARS, encoding="utf-8")
    return tmp_path / "c.yaml"


YEARS_SAID = ("the data does not cover office A in 2012, between its rows of 2011 and 2013, which "
              "lag(filed, year, office) reads as neighbours: there is no row between the two though there are rows "
              "before and after (table returns is reported by office: a year inside one's first and last with no "
              "row of it is a missing report, so the rows on either side of it are not neighbours in time)")


def _judged(report: factcheck.Report) -> dict[str, tuple[str, str]]:
    return {r.id: (r.verdict.value, r.message) for r in report.results}


def test_a_year_an_office_skipped(tmp_path: Path) -> None:
    got = _judged(factcheck.verify(_years(tmp_path)))
    assert got["a-rises"] == ("unverifiable", YEARS_SAID)
    assert got["b-rises"] == ("pass", "rounds to 4 as stated (computed 4)")
    assert got["all-rises"] == ("unverifiable", YEARS_SAID)  # reads A's rows too


def test_the_same_on_spark(spark: Any, tmp_path: Path) -> None:
    path = _years(tmp_path)
    assert _judged(factcheck.verify(path, engine="spark")) == _judged(factcheck.verify(path))


def test_no_query_of_pairs_where_no_group_has_a_hole(tmp_path: Path) -> None:
    """Every office reported every year: the pairs are not asked for, and the figures stand."""
    from factcheck.engine import prepare
    path = _years(tmp_path)
    (tmp_path / "returns.csv").write_text("office,year,filed\n" + "".join(
        f"{o},{y},{y - 2000}\n" for o in "AB" for y in range(2010, 2015)), encoding="utf-8")
    session = prepare(path)
    ran: list[str] = []
    execute = session.backend.execute

    def spy(sql: str) -> Any:
        ran.append(sql)
        return execute(sql)
    session.backend.execute = spy  # type: ignore[method-assign]
    try:
        session.materialize()
        report = session.run()
    finally:
        session.backend.close()
    assert {r.id: r.verdict for r in report.results} == {"a-rises": Verdict.FAIL, "b-rises": Verdict.PASS,
                                                         "all-rises": Verdict.FAIL}
    assert [q for q in ran if "reported_by" in q or "returns" in q]  # the spy sees the run's queries
    assert not [q for q in ran if "p0 <> p" in q]


@pytest.mark.parametrize("where", ["rose", "not rose", "rose or date_month == 2", "pm25 > 20 and rose"])
def test_the_window_parts_of_a_filter_are_unknown(tmp_path: Path, where: str) -> None:
    """Whatever the window gives, Dock Street's 1 April row may be kept: the figure reads it."""
    got = _air(tmp_path, f"""\
  - {{id: c, says: x, measure: {{count: readings, where: station == 'Dock Street' and ({where})}}, expect: 1}}
""")
    assert got["c"].message == DOCK.format(calls="lag(pm25, date, station)")


def test_a_filter_that_leaves_out_the_row_after_the_hole_reads_no_pair(tmp_path: Path) -> None:
    """Dock Street's 1 April reading is 23.0: above 30, no kept row reads 29 February."""
    got = _air(tmp_path, """\
  - {id: c, says: x, measure: {count: readings, where: station == 'Dock Street' and pm25 > 30 and rose}, expect: 1}
""")
    assert got["c"].reason != Reason.PERIOD_NOT_COVERED, got["c"].message
    assert got["c"].value is not None


SENSORS = """\
version: 1
tables:
  readings:
    path: readings.csv
    time: date
    reported_by: station
    key: [station, sensor, date]
    derive: {rose: "pm25 > lag(pm25, date, station, sensor)"}
claims:
  - {id: b-from-april, says: x, measure: {count: readings, where: station == 'Dock' and sensor == 'B'
     and date >= '2024-04-01' and rose}, expect: 10}
  - {id: b-from-april-2, says: x, measure: {count: readings, where: station == 'Dock' and sensor == 'B'
     and date >= '2024-04-02' and rose}, expect: 9}
"""


def _sensors(tmp_path: Path) -> Path:
    """Two sensors a station, a row each a day, sensor A's row first; Dock sent nothing in March."""
    import datetime as dt
    rows = ["station,sensor,date,pm25"]
    day = dt.date(2024, 2, 20)
    while day <= dt.date(2024, 4, 10):
        for station in ("Dock", "Elm"):
            if station == "Dock" and day.month == 3:
                continue
            rows += [f"{station},{sensor},{day},{(day - dt.date(2024, 2, 20)).days + (5 if sensor == 'B' else 0)}"
                     for sensor in ("A", "B")]
        day += dt.timedelta(days=1)
    (tmp_path / "readings.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / "c.yaml").write_text(SENSORS, encoding="utf-8")
    return tmp_path / "c.yaml"


def test_the_pairs_follow_the_calls_own_finer_series(tmp_path: Path) -> None:
    """lag(pm25, date, station, sensor) at sensor B's row of 1 April reads B's row of 29 February.
    Followed by station alone, B's 1 April row came after A's of the same day, no pair across March
    was kept, and the count passed with its one rise too many."""
    got = _judged(factcheck.verify(_sensors(tmp_path)))
    said = ("the data does not cover station Dock in 2024-03, between its rows of 2024-02-29 and 2024-04-01, which "
            "lag(pm25, date, station, sensor) reads as neighbours")
    assert got["b-from-april"][0] == "unverifiable" and got["b-from-april"][1].startswith(said), got["b-from-april"]
    assert got["b-from-april-2"][0] == "pass", got["b-from-april-2"]


def test_the_finer_series_on_spark(spark: Any, tmp_path: Path) -> None:
    path = _sensors(tmp_path)
    assert _judged(factcheck.verify(path, engine="spark")) == _judged(factcheck.verify(path))
