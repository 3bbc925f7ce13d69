"""On large tables held in memory (a CSV), the claims' queries run two at a time (issue 13, the
10M CSV target): each on a connection of its own, answered before the claims are judged, with
the same figures, the same errors and the same SQL in the report as when run one by one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest
from conftest import Recorded

import factcheck
from factcheck.backends.duckdb import ROW_GROUP, DuckDB
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
  - id: victims-by-filing
    says: s
    measure: {{change: {{count: victims}}, over: case.filed_year, from: 2015, to: 2016}}
    expect: {{between: [-1, 100]}}
  - {{id: cases-2016, says: s, measure: {{count: cases, where: filed_year == 2016}}, expect: 8}}
"""
SUM_OF_TEXT = ("  - {id: amounts, says: s, measure: {change: {sum: amount, of: victims}, over: reported_year, "
               "from: 2015, to: 2016}, expect: {between: [-1, 1]}}\n")


def write(root: Path, fmt: str = "csv", extra: str = "", rows: int = ROWS) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, sql in (("cases", CASES), ("victims", VICTIMS.format(rows=rows))):
        duckdb.sql(f"COPY ({sql}) TO '{root / f'{name}.{fmt}'}' ({'FORMAT parquet' if fmt == 'parquet' else 'HEADER'})")
    (root / "claims.yaml").write_text(CLAIMS.format(ext=fmt) + extra)
    return root / "claims.yaml"


def figures(report: factcheck.Report) -> list[tuple[object, ...]]:
    return [(r.id, r.verdict, r.value, r.value_exact, r.numerator, r.denominator, r.rows_kept, r.rows_unknown,
             r.details, r.sql) for r in report.results]


def one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(DuckDB, "execute_together", lambda self, sqls: None)


def run_watched(claims: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[factcheck.Report, list[list[str]], list[str]]:
    """The report, the batches run together, and every statement run on the main connection."""
    batches: list[list[str]] = []
    together = DuckDB.execute_together

    def watched(self: DuckDB, sqls: list[str]) -> Any:
        got = together(self, sqls)
        if got is not None:
            batches.append(list(sqls))
        return got

    monkeypatch.setattr(DuckDB, "execute_together", watched)
    session = prepare(claims)
    recorded = Recorded(session.backend.con)  # type: ignore[attr-defined]
    session.backend.con = recorded  # type: ignore[attr-defined]
    session.materialize()
    return session.run(), batches, recorded.sql


def test_the_queries_of_a_large_table_in_memory_run_together_with_the_same_figures(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    claims = write(tmp_path)
    report, batches, statements = run_watched(claims, monkeypatch)
    assert len(batches) == 1, batches  # everything the claims ask, in one batch before judging
    batch = batches[0]
    assert any('"0.rows_kept"' in q and '"1.rows_kept"' in q for q in batch)  # the fused scan of victims
    assert any("GROUPING SETS" in q for q in batch)  # the shared tops
    assert any("previous_age" in q and "GROUP BY" not in q for q in batch)  # the claim read through the window
    assert any("previous_age" in q and "GROUP BY" in q for q in batch)  # the top read through the window
    assert any('"group"' in q for q in batch)  # the grouped count of the change
    assert any("AS periods" in q for q in batch)  # the period checks
    sealed = statements.index("SET enable_external_access = false")
    after = [s for s in statements[sealed + 1:] if not s.startswith("DESCRIBE")]
    assert not after, after  # the claims were judged from the answers: nothing ran again
    with monkeypatch.context() as m:
        one_by_one(m)
        alone = factcheck.verify(claims)
    assert figures(report) == figures(alone)
    assert {r.verdict for r in report.results} >= {"pass"}


def test_a_query_that_fails_ahead_is_reported_as_when_run_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Text in a column a sum reads, found by the claim's query run together with the others: the
    same located message (file, line, claim) as when the query runs alone."""
    claims = write(tmp_path, extra=SUM_OF_TEXT)
    batches: list[list[str]] = []
    together_run = DuckDB.execute_together
    monkeypatch.setattr(DuckDB, "execute_together",
                        lambda self, sqls: batches.append(sqls) or together_run(self, sqls))  # type: ignore[func-returns-value]
    with pytest.raises(FactcheckError) as together:
        factcheck.verify(claims)
    assert any('"amount"' in q and '"group"' in q for q in batches[0])  # the failing query was run ahead
    with monkeypatch.context() as m:
        one_by_one(m)
        with pytest.raises(FactcheckError) as alone:
            factcheck.verify(claims)
    assert str(together.value) == str(alone.value)
    assert f"line {ROWS - 2}" in str(together.value) and "n/a" in str(together.value), together.value


@pytest.mark.parametrize(("fmt", "rows"), [("parquet", ROWS), ("csv", ROW_GROUP - 1)])
def test_parquet_and_small_tables_run_their_queries_one_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 fmt: str, rows: int) -> None:
    """A Parquet run keeps one query's hash tables at a time (its peak memory is a target), and small
    tables are queried on one thread anyway: their queries are not run together."""
    claims = write(tmp_path, fmt, rows=rows)
    report, batches, _ = run_watched(claims, monkeypatch)
    assert batches == [] and report.results
