"""On large tables held in memory (a CSV), the queries that read a kept window column (a ``lag``
derive, set beside the rows by a positional join that DuckDB runs on one thread) run on a cursor of
their own beside the other queries (issue 13, the 10M CSV target): the same figures, the same
errors and the same SQL in the report as when each runs when asked."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest
from conftest import Recorded

import factcheck
from factcheck.backends import Rows
from factcheck.backends.duckdb import ROW_GROUP, AsideOnCursor, DuckDB
from factcheck.engine import prepare
from factcheck.errors import FactcheckError

ROWS = ROW_GROUP + 7_000  # victims: just past one row group, so the run is not a small one

CASES = """SELECT printf('C%03d', i) AS case_id, DATE '2015-01-01' + CAST(i * 45 AS INTEGER) AS filed_date,
                  CASE WHEN i % 4 = 0 THEN 'labor' ELSE 'sex' END AS case_type
           FROM range(1, 41) t(i)"""
VICTIMS = """SELECT i AS victim_no, CASE WHEN i % 997 = 0 THEN NULL ELSE printf('C%03d', 1 + i % 41) END AS case_id,
                     CASE WHEN i % 10 < 3 THEN 'internet' WHEN i % 10 < 5 THEN 'street' ELSE 'home' END AS location,
                     CASE WHEN i % 7 = 0 THEN NULL ELSE i % 2 = 0 END AS minor,
                     CAST(i % 17 AS INTEGER) AS age_offset, 2015 + i % 5 AS reported_year,
                     CASE WHEN i = {rows} - 3 THEN 'n/a' ELSE CAST(i % 50 AS VARCHAR) END AS amount
              FROM range(1, {rows} + 1) t(i)"""

CLAIMS = """\
version: 1
tables:
  cases:
    path: cases.{ext}
    key: case_id
    time: filed_date
    derive:
      filed_year: year(filed_date)
      sex: case_type == 'sex'
  victims:
    path: victims.{ext}
    columns: {{amount: text}}
    derive:
      online: location == 'internet'
      previous_age: lag(age_offset)
    lookup:
      case: cases via case_id
claims:
  - {{id: online-share, says: s, measure: {{share: online, of: victims}}, expect: 30%}}
  - {{id: minors-in-sex-cases, says: s, measure: {{share: minor, of: victims, where: case.sex}}, expect: 67%}}
  - {{id: mean-offset, says: s, measure: {{mean: age_offset, of: victims, where: online}}, expect: about 8}}
  - {{id: offset-grew, says: s, measure: {{count: victims, where: age_offset > previous_age}}, expect: 50%}}
  - {{id: top-location, says: s, measure: {{top: location, of: victims, n: 1, where: case.sex}}, expect: home}}
  - {{id: top-after-growth, says: s, measure: {{top: location, of: victims, where: age_offset > previous_age}}, expect: home}}
  - {{id: top-minor-location, says: s, measure: {{top: location, of: victims, n: 2, where: minor}}, expect: [home, street]}}
  - id: grew-by-year
    says: s
    measure: {{change: {{count: victims, where: age_offset > previous_age}}, over: reported_year, from: 2015, to: 2016}}
    expect: {{between: [-1, 100]}}
  - {{id: cases-2016, says: s, measure: {{count: cases, where: filed_year == 2016}}, expect: 8}}
"""
SUM_OF_TEXT = ("  - {id: amounts, says: s, measure: {sum: amount, of: victims, where: age_offset > previous_age}, "
               "expect: {between: [-1, 1]}}\n")


def write(root: Path, fmt: str = "csv", extra: str = "", rows: int = ROWS) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, sql in (("cases", CASES), ("victims", VICTIMS.format(rows=rows))):
        duckdb.sql(f"COPY ({sql}) TO '{root / f'{name}.{fmt}'}' ({'FORMAT parquet' if fmt == 'parquet' else 'HEADER'})")
    (root / "claims.yaml").write_text(CLAIMS.format(ext=fmt) + extra)
    return root / "claims.yaml"


def figures(report: factcheck.Report) -> list[tuple[object, ...]]:
    return [(r.id, r.verdict, r.value, r.value_exact, r.numerator, r.denominator, r.rows_kept, r.rows_unknown,
             r.details, r.sql) for r in report.results]


def when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each query runs when asked, on the connection itself (as before this change)."""
    monkeypatch.setattr(DuckDB, "execute_aside", lambda self, sqls: None)


def watch_aside(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The batches of queries started aside, as they are started."""
    batches: list[list[str]] = []
    aside = DuckDB.execute_aside

    def watched(self: DuckDB, sqls: list[str]) -> Any:
        got = aside(self, sqls)
        if got is not None:
            batches.append(list(sqls))
        return got

    monkeypatch.setattr(DuckDB, "execute_aside", watched)
    return batches


def run_watched(claims: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[factcheck.Report, list[list[str]], list[str]]:
    """The report, the batches run aside, and every statement run on the main connection."""
    batches = watch_aside(monkeypatch)
    session = prepare(claims)
    recorded = Recorded(session.backend.con)  # type: ignore[attr-defined]
    session.backend.con = recorded  # type: ignore[attr-defined]
    session.materialize()
    return session.run(), batches, recorded.sql


def test_the_queries_reading_a_kept_window_run_aside_with_the_same_figures(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    claims = write(tmp_path)
    report, batches, statements = run_watched(claims, monkeypatch)
    assert len(batches) == 1, batches  # started once, before the claims are judged
    batch = batches[0]
    assert all("previous_age" in q for q in batch), batch  # only those reading the window: the rest as before
    assert any("GROUP BY" not in q for q in batch)  # the count of offset-grew
    assert any("ORDER BY n DESC" in q for q in batch)  # the top of top-after-growth
    assert any('"group"' in q for q in batch)  # the change's count per year
    assert len(batch) == 3, batch
    sealed = statements.index("SET enable_external_access = false")
    on_main = statements[sealed + 1:]
    assert not [s for s in on_main if "previous_age" in s], on_main  # none ran again on the connection itself
    assert any("GROUPING SETS" in s for s in on_main) and any('"1.rows_kept"' in s for s in on_main)  # the others did
    with monkeypatch.context() as m:
        when_asked(m)
        alone = factcheck.verify(claims)
    assert figures(report) == figures(alone)
    assert {r.verdict for r in report.results} >= {"pass"}


def test_a_query_that_fails_aside_is_reported_as_when_run_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Text in a column a sum reads, found by a query run aside: the same located message (file,
    line, claim) as when the query runs when asked."""
    claims = write(tmp_path, extra=SUM_OF_TEXT)
    batches = watch_aside(monkeypatch)
    with pytest.raises(FactcheckError) as aside:
        factcheck.verify(claims)
    assert any('"amount"' in q and "previous_age" in q for q in batches[0])  # the failing query ran aside
    with monkeypatch.context() as m:
        when_asked(m)
        with pytest.raises(FactcheckError) as alone:
            factcheck.verify(claims)
    assert str(aside.value) == str(alone.value)
    assert f"line {ROWS - 2}" in str(aside.value) and "n/a" in str(aside.value), aside.value


@pytest.mark.parametrize(("fmt", "rows"), [("parquet", ROWS), ("csv", ROW_GROUP - 1)])
def test_parquet_and_small_tables_run_each_query_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           fmt: str, rows: int) -> None:
    """A Parquet run keeps one query's hash tables at a time (its peak memory is a target), and small
    tables are queried on one thread anyway: nothing runs aside."""
    claims = write(tmp_path, fmt, rows=rows)
    report, batches, _ = run_watched(claims, monkeypatch)
    assert batches == [] and {r.verdict for r in report.results} >= {"pass"}


SLOW = "SELECT count(*) FROM range(2000000000) a(i) WHERE i % 7 = 3"


def big_backend() -> DuckDB:
    backend = DuckDB()
    backend.most_rows = ROW_GROUP  # as after reading a large CSV
    backend.seal()
    return backend


def test_queries_aside_give_rows_and_errors_in_order() -> None:
    backend = big_backend()
    aside = backend.execute_aside(["SELECT 1 AS a", "SELECT nope", "SELECT 2 AS b, 3 AS c"])
    assert aside is not None
    first, second, third = aside.wait()
    assert first == Rows(["a"], [(1,)]) and third == Rows(["b", "c"], [(2, 3)])
    assert isinstance(second, Exception) and "nope" in str(second)
    backend.close()


def test_queries_aside_are_stopped_when_the_run_ends_without_them() -> None:
    """Ctrl-C, or a run that stopped on an error: the query running aside is interrupted, those not
    started are not run, and the connection is closed only once the thread is done."""
    backend = big_backend()
    aside = backend.execute_aside([SLOW, "SELECT 1"])
    assert aside is not None
    time.sleep(0.2)  # the slow one is running
    started = time.perf_counter()
    aside.stop()
    assert time.perf_counter() - started < 5
    assert not [t for t in threading.enumerate() if t.name == "factcheck-aside"]
    got = aside.wait()
    assert all(isinstance(r, Exception) and "interrupted" in str(r).lower() for r in got), got
    again = backend.execute_aside([SLOW])
    time.sleep(0.1)
    backend.close()  # stops it first
    assert again is not None and isinstance(again.wait()[0], Exception)


def test_ctrl_c_while_the_others_run_stops_the_queries_aside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C while the connection runs the other queries (here the shared tops): the run ends as
    interrupted and no query is left running beside (the executor stops them)."""
    claims = write(tmp_path)
    stopped: list[int] = []
    real_stop, real_execute = AsideOnCursor.stop, DuckDB.execute

    def stop(self: AsideOnCursor) -> None:
        stopped.append(len(self._results))  # how many were answered when stopped
        real_stop(self)

    def execute(self: DuckDB, sql: str) -> Rows:
        if "GROUPING SETS" in sql:
            raise KeyboardInterrupt
        return real_execute(self, sql)

    monkeypatch.setattr(AsideOnCursor, "stop", stop)
    monkeypatch.setattr(DuckDB, "execute", execute)
    batches = watch_aside(monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        factcheck.verify(claims)
    assert len(batches) == 1 and len(stopped) == 1  # started, then stopped by the executor
    assert not [t for t in threading.enumerate() if t.name == "factcheck-aside" and t.is_alive()]
