"""A ``streak`` over a table declared ``reported_by`` whose run passes over a group's missing report
is ``unverifiable`` (``period_not_covered``), naming the group and the hole, as a ``rising`` run
across one is: Dock Street's rows of February and April are no run of straight days when it sent
nothing in March. So is a run that ends beside the hole (its next kept row lies across it): it may
go on inside it. A run that touches no hole is judged as before.

Data: tests/fixtures/air (Dock Street silent in March 2024).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import factcheck
from factcheck import Reason, Verdict

AIR = Path(__file__).resolve().parent / "fixtures" / "air"

HOLE = ("station Dock Street has no row in 2024-03, though it has rows before and after (table readings is "
        "reported by station: a month inside one's first and last with no row of it is a missing report, not a zero)")


def _air(tmp_path: Path, claims: str, engine: str = "duckdb") -> dict[str, factcheck.ClaimResult]:
    shutil.copy(AIR / "readings.csv", tmp_path / "readings.csv")
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / "c.yaml").write_text(f"""\
version: 1
tables:
  readings: {{path: readings.csv, time: date, reported_by: station, key: [station, date],
             derive: {{date_month: month(date)}}}}
claims:
{claims}""", encoding="utf-8")
    return {r.id: r for r in factcheck.verify(tmp_path / "c.yaml", engine=engine).results}


CLAIMS = """\
  - {id: across, says: x, measure: {streak: "date >= '2024-02-27' and date <= '2024-04-02'", of: readings,
     order: date, where: station == 'Dock Street'}, expect: 3}
  - {id: to-the-hole, says: x, measure: {streak: "date >= '2024-02-25' and date <= '2024-02-29'", of: readings,
     order: date, where: station == 'Dock Street'}, expect: 5}
  - {id: from-the-hole, says: x, measure: {streak: "date >= '2024-04-01' and date <= '2024-04-03'", of: readings,
     order: date, where: station == 'Dock Street'}, expect: 3}
  - {id: clear, says: x, measure: {streak: "date >= '2024-01-01' and date <= '2024-02-25'", of: readings,
     order: date, where: station == 'Dock Street'}, expect: 56}
  - {id: cut-by-the-filter, says: x, measure: {streak: "date >= '2024-02-25'", of: readings, order: date,
     where: station == 'Dock Street' and date < '2024-03-01'}, expect: 5}
  - {id: other-station, says: x, measure: {streak: "date >= '2024-02-27' and date <= '2024-04-02'", of: readings,
     order: date, where: station == 'Rail Yard'}, expect: 36}
"""


def test_a_streak_over_a_missing_report_is_unverifiable(tmp_path: Path) -> None:
    got = _air(tmp_path, CLAIMS)
    for claim, run in (("across", "2024-02-27 to 2024-04-02"), ("to-the-hole", "2024-02-25 to 2024-02-29"),
                       ("from-the-hole", "2024-04-01 to 2024-04-03")):
        r = got[claim]
        assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED), claim
        assert f"the data does not cover the run from {run}: {HOLE}" in r.message, r.message
    # its next row, 26 February, ended it (and March's 31 days could hold no run as long: see
    # test_streak_shorter_runs_missing_reports.py)
    assert got["clear"].verdict == Verdict.PASS, got["clear"].message
    assert got["cut-by-the-filter"].verdict == Verdict.PASS  # no kept row after it: the filter, not March, ends it
    assert (got["other-station"].verdict, got["other-station"].notes) == (Verdict.PASS, [])


def test_the_same_on_spark(spark: object, tmp_path: Path) -> None:
    on_duckdb = {k: (r.verdict, r.message) for k, r in _air(tmp_path, CLAIMS).items()}
    on_spark = {k: (r.verdict, r.message) for k, r in _air(tmp_path, CLAIMS, engine="spark").items()}
    assert on_spark == on_duckdb
