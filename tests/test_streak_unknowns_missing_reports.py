"""A ``streak`` with rows whose condition is unknown is computed twice: with those rows breaking a
run, and with them in it. The first run was checked for missing reports (a table declared
``reported_by``) and the second was not, so a run that only the unknowns made as long as the first,
ending beside a month a station never reported, passed: "3 straight days" where the data cannot
say the run stops at three. Both runs are now checked alike.

Data: tests/fixtures/air (Dock Street silent in March 2024), with Dock Street's 27 February blank.
"""

from __future__ import annotations

from pathlib import Path

import factcheck
from factcheck import Reason, Verdict

AIR = Path(__file__).resolve().parent / "fixtures" / "air"

HOLE = ("station Dock Street has no row in 2024-03, though it has rows before and after (table readings is "
        "reported by station: a month inside one's first and last with no row of it is a missing report, not a zero)")


def _air(tmp_path: Path, claims: str, engine: str = "duckdb") -> dict[str, factcheck.ClaimResult]:
    lines = (AIR / "readings.csv").read_text(encoding="utf-8").splitlines()
    blanked = [ln.replace("Dock Street,2024-02-27,16.0,moderate", "Dock Street,2024-02-27,,") for ln in lines]
    assert blanked != lines
    (tmp_path / "readings.csv").write_text("\n".join(blanked) + "\n", encoding="utf-8")
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / "c.yaml").write_text(f"""\
version: 1
tables:
  readings: {{path: readings.csv, time: date, reported_by: station, key: [station, date]}}
claims:
{claims}""", encoding="utf-8")
    return {r.id: r for r in factcheck.verify(tmp_path / "c.yaml", engine=engine).results}


# 1 January-2 February: a run of 33, clear of any hole. 27-29 February: 27 unknown, 28 and 29 met, then
# March unreported: left out, 2 days that with March's 31 could be 33, no longer; in it, 3 days that
# with March could be 34. (The "clear" claims end their rows before March: a run of 3 is shorter
# than March alone, so with March in their rows no run of theirs would be known to be the longest.)
CLAIMS = """\
  - {id: beside-the-hole, says: x, measure: {streak: "date <= '2024-02-02' or (date >= '2024-02-27' and
     date <= '2024-02-29' and pm25 > 0)", of: readings, order: date, where: station == 'Dock Street'}, expect: 33}
  - {id: clear, says: x, measure: {streak: "date <= '2024-01-03' or (date >= '2024-02-20' and
     date <= '2024-02-22' and pm25 > 0)", of: readings, order: date,
     where: station == 'Dock Street' and date < '2024-03-01'}, expect: 3}
  - {id: clear-with-the-unknown, says: x, measure: {streak: "date <= '2024-01-03' or (date >= '2024-02-25' and
     date <= '2024-02-27' and pm25 > 0)", of: readings, order: date,
     where: station == 'Dock Street' and date < '2024-03-01'}, expect: 3}
"""


def test_a_run_the_unknowns_make_beside_a_missing_report_is_unverifiable(tmp_path: Path) -> None:
    got = _air(tmp_path, CLAIMS)
    r = got["beside-the-hole"]
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED), r.message
    assert f"the data does not cover the run from 2024-02-27 to 2024-02-29: {HOLE}" in r.message, r.message
    assert "1 row kept has no value for the condition (the first at 2024-02-27): left out, the run is 33; in it, " \
           "the data does not cover" in r.message, r.message
    assert "that run of 3 could be as long as 34, longer than the longest found (33, from 2024-01-01 to " \
           "2024-02-02)" in r.message, r.message
    assert got["clear"].verdict == Verdict.PASS, got["clear"].message
    # 25-27 February with the unknown: 26 February's next row, 28 February, is no hole
    assert got["clear-with-the-unknown"].verdict == Verdict.PASS, got["clear-with-the-unknown"].message


def test_the_same_on_spark(spark: object, tmp_path: Path) -> None:
    on_duckdb = {k: (r.verdict, r.message) for k, r in _air(tmp_path, CLAIMS).items()}
    on_spark = {k: (r.verdict, r.message) for k, r in _air(tmp_path, CLAIMS, engine="spark").items()}
    assert on_spark == on_duckdb
