"""A ``streak`` over a table declared ``reported_by`` is ``unverifiable`` when a run shorter than the
longest lies beside or across a group's missing report and, with the missing periods in it, could be
longer than the longest: then the longest is not known. Only the longest run found was checked, so
"6 straight days" passed on the January run while Dock Street's run of 25-29 February ran into March,
a month it never reported, and may have gone on for 31 days more.

A run can grow at most to every period from the kept row before it to the kept row after it, and a
run could lie wholly inside the missing periods; a run, or a hole, with no more room than the longest
is long leaves the verdict as it was.

Data: tests/fixtures/air (Dock Street silent in March 2024; its rows are daily otherwise).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_streak_missing_reports import AIR, HOLE, _air  # the air fixture, declared reported_by station

import factcheck
from factcheck import Reason, Verdict


def _claim(name: str, *spans: tuple[str, str], expect: int, station: str = "Dock Street") -> str:
    cond = " or ".join(f"(date >= '{a}' and date <= '{b}')" for a, b in spans)
    return (f"  - {{id: {name}, says: x, measure: {{streak: \"{cond}\", of: readings, order: date,\n"
            f"     where: station == '{station}'}}, expect: {expect}}}\n")


JAN6 = ("2024-01-02", "2024-01-07")   # 6 days, clear of the hole
TO_HOLE = ("2024-02-25", "2024-02-29")  # 5 days, then March unreported: room to 31 March, 36 days
FROM_HOLE = ("2024-04-01", "2024-04-03")  # 3 days after the hole: room from 1 March, 34 days
ACROSS = ("2024-02-28", "2024-04-01")  # 28, 29 February and 1 April: 3 rows, 34 days of room

CLAIMS = "".join([
    _claim("to-the-hole", JAN6, TO_HOLE, expect=6),
    _claim("from-the-hole", JAN6, FROM_HOLE, expect=6),
    _claim("across-the-hole", JAN6, ACROSS, expect=6),
    _claim("longer-than-the-room", ("2024-01-01", "2024-02-06"), TO_HOLE, expect=37),
    _claim("as-long-as-the-room", ("2024-01-01", "2024-02-05"), TO_HOLE, expect=36),
    _claim("a-day-short", ("2024-01-01", "2024-02-04"), TO_HOLE, expect=35),
    _claim("other-station", JAN6, TO_HOLE, expect=6, station="Rail Yard"),
    _claim("clear", JAN6, ("2024-02-20", "2024-02-24"), expect=6),
])


def test_a_shorter_run_beside_a_missing_report_leaves_the_longest_unknown(tmp_path: Path) -> None:
    got = _air(tmp_path, CLAIMS)
    for claim, run, room in (("to-the-hole", "2024-02-25 to 2024-02-29", "5 could be as long as 36"),
                             ("from-the-hole", "2024-04-01 to 2024-04-03", "3 could be as long as 34"),
                             ("across-the-hole", "2024-02-28 to 2024-04-01", "3 could be as long as 34")):
        r = got[claim]
        assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED), (claim, r.message)
        assert f"the data does not cover the run from {run}: {HOLE}; with the periods missing, that run of " \
               f"{room}, longer than the longest found (6, from 2024-01-02 to 2024-01-07), so the longest run " \
               "is not known" in r.message, r.message
    a_day_short = got["a-day-short"]
    assert (a_day_short.verdict, a_day_short.reason) == (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED)
    assert "that run of 5 could be as long as 36, longer than the longest found (35, " in a_day_short.message
    # no run beside the hole, but March alone could hold a run of 31 days, longer than 6
    clear = got["clear"]
    assert (clear.verdict, clear.reason) == (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED), clear.message
    assert f"the data does not cover 2024-03-01 to 2024-03-31: {HOLE}; a run inside the periods missing could be " \
           "as long as 31, longer than the longest found (6, from 2024-01-02 to 2024-01-07)" in clear.message
    # no room to outgrow the longest: the verdict is the figure's
    for claim in ("longer-than-the-room", "as-long-as-the-room", "other-station"):
        assert got[claim].verdict == Verdict.PASS, (claim, got[claim].message)


def test_a_table_without_a_hole_asks_nothing_more(tmp_path: Path) -> None:
    """The runs' neighbours are read only where a group has a hole: one query fewer than before."""
    from factcheck.planning.execute import Executor
    seen: list[str] = []
    real = Executor.run

    def counting(self: Executor, sql: str):  # type: ignore[no-untyped-def]
        seen.append(sql)
        return real(self, sql)
    shutil.copy(AIR / "readings.csv", tmp_path / "readings.csv")
    lines = (tmp_path / "readings.csv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "readings.csv").write_text("\n".join(ln for ln in lines if not ln.startswith("Dock Street"))
                                           + "\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / "c.yaml").write_text(f"""\
version: 1
tables:
  readings: {{path: readings.csv, time: date, reported_by: station, key: [station, date]}}
claims:
{_claim("a", JAN6, TO_HOLE, expect=6, station="Rail Yard")}""", encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Executor, "run", counting)
        r = factcheck.verify(tmp_path / "c.yaml").results[0]
    assert r.verdict == Verdict.PASS, r.message
    assert not any("prev_at" in q for q in seen), seen


def _days(a: int, b: int) -> tuple[str, str]:
    start = dt.date(2024, 2, 1)
    return ((start + dt.timedelta(days=a)).isoformat(), (start + dt.timedelta(days=b)).isoformat())


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 90), st.integers(0, 40)), min_size=1, max_size=4))
def test_the_verdict_stands_exactly_when_no_filling_of_march_changes_the_longest(
        tmp_path_factory: pytest.TempPathFactory, spans: list[tuple[int, int]]) -> None:
    """Property: Dock Street's March could hold rows meeting the condition or not. The longest run is
    known when it is the same with March all met and all unmet; then the verdict is the figure's (and
    the figure is that run), else it is unverifiable for the missing report. Here (one station, daily
    rows) the bound on a run's growth is exact, so both ways hold. The condition holds on chosen spans
    of days from 1 February."""
    days = [_days(a, a + n) for a, n in spans]
    r = _air(tmp_path_factory.mktemp("fill"), _claim("p", *days, expect=1))["p"]
    march = {dt.date(2024, 3, d) for d in range(1, 32)}
    met = {dt.date.fromisoformat(a) + dt.timedelta(days=i) for a, b in days
           for i in range((dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days + 1)} - march
    every_day = [dt.date(2024, 1, 1) + dt.timedelta(days=i) for i in range(366)]

    def longest(ok: set[dt.date]) -> int:
        best = run = 0
        for d in every_day:
            run = run + 1 if d in ok else 0
            best = max(best, run)
        return best
    known = longest(met) == longest(met | march)
    assert (r.reason != Reason.PERIOD_NOT_COVERED) == known, (days, r.message)
    if known:
        assert r.verdict == (Verdict.PASS if longest(met) == 1 else Verdict.FAIL), (days, r.message)
        assert f"computed {longest(met)}" in r.message, (days, r.message)


def test_the_same_on_spark(spark: object, tmp_path: Path) -> None:
    on_duckdb = {k: (r.verdict, r.message) for k, r in _air(tmp_path, CLAIMS).items()}
    on_spark = {k: (r.verdict, r.message) for k, r in _air(tmp_path, CLAIMS, engine="spark").items()}
    assert on_spark == on_duckdb
