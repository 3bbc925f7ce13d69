"""Parquet is queried in place, CSVs are read once with only the columns used (issue 13, item 2).

A Parquet table is a view over its file: each claim's query reads only the columns it
needs and skips the row groups its filters rule out, and nothing is copied into memory.
The same data as CSV and as Parquet gives the same verdicts and the same exact values.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from conftest import Recorded

import factcheck
from factcheck.backends.duckdb import ROW_GROUP
from factcheck.engine import prepare

# cases: 40 rows; victims: 20,480 rows in 10 row groups of 2,048, ordered by victim number, with a
# column no claim reads (notes) that is the widest of the file
CASES = """SELECT printf('C%03d', i) AS case_id, DATE '2015-01-01' + CAST(i * 45 AS INTEGER) AS filed_date,
                  CASE WHEN i % 4 = 0 THEN 'labor' ELSE 'sex' END AS case_type
           FROM range(1, 41) t(i)"""
VICTIMS = """SELECT i AS victim_no, printf('C%03d', 1 + i % 40) AS case_id,
                    CASE WHEN i % 10 < 3 THEN 'internet' WHEN i % 10 < 5 THEN 'street' ELSE 'home' END AS location,
                    CASE WHEN i % 7 = 0 THEN NULL ELSE i % 2 = 0 END AS minor,
                    CAST(i % 17 AS INTEGER) AS age_offset, 2015 + i % 5 AS reported_year,
                    repeat('x', 200) || i AS notes
             FROM range(1, 20481) t(i)"""

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
    derive:
      online: location == 'internet'
      previous_age: lag(age_offset)
    lookup:
      case: cases via case_id
claims:
  - {{id: online-share, says: s, measure: {{share: online, of: victims}}, expect: 30%}}
  - {{id: minors-in-sex-cases, says: s, measure: {{share: minor, of: victims, where: case.sex}}, expect: 67%}}
  - {{id: late-victims, says: s, measure: {{count: victims, where: victim_no > 18500}}, expect: 1980}}
  - {{id: mean-offset, says: s, measure: {{mean: age_offset, of: victims, where: online}}, expect: about 8}}
  - {{id: median-offset, says: s, measure: {{median: age_offset, of: victims}}, expect: 8}}
  - {{id: offset-grew, says: s, measure: {{count: victims, where: age_offset > previous_age}}, expect: {{between: [0, 20480]}}}}
  - {{id: top-location, says: s, measure: {{top: location, of: victims, n: 1}}, expect: home}}
  - id: sex-case-victims-reported
    says: s
    measure: {{change: {{count: victims, where: case.sex}}, over: reported_year, from: 2015, to: 2016}}
    expect: {{between: [-1, 1]}}
  - id: victims-by-filing
    says: s
    measure: {{change: {{count: victims}}, over: case.filed_year, from: 2015, to: 2016}}
    expect: {{between: [-1, 100]}}
  - id: cases-up
    says: s
    measure: {{change: {{count: cases}}, over: filed_year, from: 2015, to: 2016}}
    expect: {{between: [-1, 1]}}
"""


def write(root: Path, fmt: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, sql in (("cases", CASES), ("victims", VICTIMS)):
        options = "FORMAT parquet, ROW_GROUP_SIZE 2048" if fmt == "parquet" else "HEADER"
        duckdb.sql(f"COPY ({sql}) TO '{root / f'{name}.{fmt}'}' ({options})")
    (root / "claims.yaml").write_text(CLAIMS.format(ext=fmt))
    return root / "claims.yaml"


def figures(report: factcheck.Report) -> list[tuple[object, ...]]:
    return [(r.id, r.verdict, r.value, r.value_exact, r.numerator, r.denominator, r.rows_kept)
            for r in report.results]


def test_parquet_and_csv_give_the_same_verdicts_and_exact_values(tmp_path: Path) -> None:
    from_csv = factcheck.verify(write(tmp_path / "csv", "csv"))
    from_parquet = factcheck.verify(write(tmp_path / "parquet", "parquet"))
    assert figures(from_parquet) == figures(from_csv)
    assert {r.verdict for r in from_parquet.results} == {"pass"}
    assert [t.columns_read for t in from_parquet.tables] == [t.columns_read for t in from_csv.tables]


def run_recorded(claims: Path, only: list[str] | None = None
                 ) -> tuple[factcheck.Report, list[str], duckdb.DuckDBPyConnection]:
    session = prepare(claims, only=only)
    con = session.backend.con  # type: ignore[attr-defined]
    recorded = Recorded(con)
    session.backend.con = recorded  # type: ignore[attr-defined]
    session.materialize()
    report = session.run()
    return report, recorded.sql, con


def test_a_parquet_table_is_a_view_over_its_file_not_a_copy(tmp_path: Path) -> None:
    report, statements, con = run_recorded(write(tmp_path, "parquet"))
    assert {r.verdict for r in report.results} == {"pass"}
    views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert {"cases", "victims"} <= views and not {"cases", "victims"} & tables
    assert not any(s.lstrip().startswith("CREATE TABLE") for s in statements)


def test_each_query_reads_only_the_columns_it_needs_and_skips_row_groups(tmp_path: Path) -> None:
    report, statements, con = run_recorded(write(tmp_path, "parquet"), only=["late-victims"])
    assert report.results[0].verdict == "pass"
    victims = next(t for t in report.tables if t.name == "victims")
    assert "notes" not in victims.columns_read
    late = next(s for s in statements if "18500" in s and "victims" in s)
    plan = con.execute(f"EXPLAIN ANALYZE {late}").fetchall()[0][1]
    assert "READ_PARQUET" in plan
    scan = plan[plan.index("READ_PARQUET"):]
    assert "notes" not in scan and "location" not in scan  # projection: the claim's columns alone
    assert "Row Groups Scanned: 1 / 10" in scan  # victim_no > 18500 rules out 9 of the 10 row groups


def test_once_sealed_only_the_files_behind_the_views_can_be_read(tmp_path: Path) -> None:
    claims = write(tmp_path, "parquet")
    duckdb.sql(f"COPY (SELECT 42 AS secret) TO '{tmp_path / 'other.parquet'}' (FORMAT parquet)")
    _, _, con = run_recorded(claims)
    assert con.execute("SELECT count(*) FROM victims").fetchall() == [(20480,)]
    with pytest.raises(duckdb.Error, match="disabled by configuration"):
        con.execute(f"SELECT * FROM read_parquet('{tmp_path / 'other.parquet'}')")
    with pytest.raises(duckdb.Error, match="disabled by configuration"):
        con.execute(f"SELECT * FROM read_csv('{tmp_path / 'claims.yaml'}')")


def test_a_parquet_file_whose_name_holds_glob_characters_is_read_in_place(tmp_path: Path) -> None:
    root = tmp_path / "data [2020]"
    root.mkdir()
    duckdb.sql(f"COPY (SELECT range AS x FROM range(1, 11)) TO '{root / 't[1].parquet'}' (FORMAT parquet)")
    (root / "c.yaml").write_text("version: 1\ntables: {t: {path: 't[1].parquet', derive: {prev: lag(x)}}}\n"
                                 "claims:\n  - {id: a, says: s, measure: {sum: x, of: t, where: prev >= 5}, expect: 40}\n")
    assert factcheck.verify(root / "c.yaml").results[0].verdict == "pass"


def test_a_csv_is_read_once_with_only_the_columns_used(tmp_path: Path) -> None:
    report, statements, con = run_recorded(write(tmp_path, "csv"))
    reads = [s for s in statements if "read_csv(" in s]
    assert len(reads) == 2 and all(s.lstrip().startswith("CREATE TABLE") for s in reads)  # cases, victims
    held = [r[0] for r in con.execute("DESCRIBE victims").fetchall()]
    assert "notes" not in held and "victim_no" in held
    victims_read = next(s for s in reads if "victims" in s)
    plan = duckdb.connect().execute(f"EXPLAIN {victims_read[victims_read.index('SELECT'):]}").fetchall()[0][1]
    scan = plan[plan.index("READ_CSV"):]
    assert "notes" not in scan  # the unused column is never converted


def test_a_bad_date_in_a_parquet_time_column_is_located_by_its_row(tmp_path: Path) -> None:
    duckdb.sql("COPY (SELECT CASE WHEN i = 7 THEN 'soon' ELSE '2020-01-0' || (1 + i % 9) END AS filed, i AS n "
               f"FROM range(1, 11) t(i)) TO '{tmp_path / 't.parquet'}' (FORMAT parquet)")
    (tmp_path / "c.yaml").write_text("version: 1\ntables: {t: {path: t.parquet, time: filed}}\n"
                                     "claims:\n  - {id: a, says: s, measure: {count: t, where: \"filed >= '2020'\"}, expect: 10}\n")
    with pytest.raises(factcheck.DataError) as err:
        factcheck.verify(tmp_path / "c.yaml")
    assert "row 7 holds 'soon'" in str(err.value)


def test_a_period_check_joins_only_the_lookups_its_column_reads(tmp_path: Path) -> None:
    """A lookup is many-to-one (checked first), so the min and max of the table's own period
    column need no join: the check of `over: reported_year` reads victims alone, that of
    `over: case.filed_year` joins cases."""
    claims = write(tmp_path, "parquet")
    for only, joined in (("sex-case-victims-reported", False), ("victims-by-filing", True)):
        report, statements, _ = run_recorded(claims, only=[only])
        assert report.results[0].verdict == "pass", report.results[0].message
        checks = [s for s in statements if "AS periods" in s]
        assert checks and all(("LEFT JOIN" in s) == joined for s in checks), checks


def test_the_story_runs_no_query_twice_and_reads_each_period_aggregate_once() -> None:
    """Shared work is done once: the same query text is answered from the first run of it (the
    story asked eight of them twice or more), and the period checks on a table compute each
    min/max once, however many claims name a year in that column (before: once per check)."""
    story = Path(__file__).resolve().parents[1] / "claims" / "2020.yaml"
    report, statements, _ = run_recorded(story)
    assert (report.summary.passed, report.summary.failed, report.summary.unverifiable) == (42, 2, 2)
    repeated = {s for s in statements if statements.count(s) > 1}
    assert not repeated, repeated
    checks = [s for s in statements if "AS periods" in s]
    assert len(checks) == len({s.split("FROM (SELECT", 1)[1].split("\n")[-1] for s in checks}), checks
    for check in checks:
        inner = check.split("FROM (SELECT", 1)[1]
        aggregates = [a.rsplit(" AS ", 1)[0].strip() for a in inner.split("\n")[0].split(", ")]
        assert len(aggregates) == len(set(aggregates)), aggregates
    cases = next(c for c in checks if c.rstrip().endswith('FROM "cases") AS periods'))
    assert cases.count('min("cases"."filed_year")') == 1
    # a CSV read into a table is counted by the CREATE TABLE itself, not by a second pass
    assert not [s for s in statements if s.startswith('SELECT count(*) FROM "')]
    assert [t.rows for t in report.tables] == [2093, 4132, 4824]
    # the typo check of text values knows each column's type from the header: no query asks it
    assert not [s for s in statements if s.startswith("SELECT typeof(")]
    # … and asks for its values (and their other spellings) once per column
    assert len([s for s in statements if s.startswith('SELECT v, n FROM (SELECT "sex" AS v, count(*) AS n FROM "victims"')]) == 1


def test_period_checks_on_one_table_read_each_aggregate_and_each_check_once() -> None:
    """Two claims naming 2020 in the same column ask the same check: it is computed once, and
    each claim's check finds its answer (a gap check on 2019 reads min/max and one bool_or)."""
    from factcheck.planning.execute import _coverage_sql
    from factcheck.planning.nodes import Coverage
    col, frm = '"cases"."filed_year"', 'FROM "cases"'
    first = Coverage("filed_year == 2020", frm, col, "==", ("2020",))
    again = Coverage("year: 2020", frm, col, "==", ("2020",))  # another claim's wording, the same check
    gap = Coverage("2019 (a gap)", frm, col, "==", ("2019",), gap="2019")
    sql, where = _coverage_sql([first, again, gap], frm)
    assert sql.count(f"min({col})") == 1 and sql.count(f"bool_or({col} = 2019)") == 1
    assert where[first.pred] == where[again.pred] == 0 and where[gap.pred] == 1
    con = duckdb.connect()
    con.execute("CREATE TABLE cases AS SELECT * FROM (VALUES (2018), (2020)) t(filed_year)")
    row = con.execute(sql).fetchone()
    assert (row[where[first.pred]], row[where[gap.pred]]) == (True, False)  # 2020 is there; 2019 is a gap


WINDOWED = """\
version: 1
tables:
  victims:
    path: victims.{ext}
    derive:
      online: location == 'internet'
      previous_age: lag(age_offset)
      grew: age_offset > previous_age
      grew_online: grew and online
    lookup:
      case: cases via case_id
  cases:
    path: cases.{ext}
    derive: {{sex: case_type == 'sex'}}
claims:
  - {{id: grew-sex, says: s, measure: {{count: victims, where: grew and case.sex}}, expect: {{between: [0, 20480]}}}}
  - {{id: grew, says: s, measure: {{count: victims, where: grew}}, expect: {{between: [0, 20480]}}}}
  - {{id: late-grew, says: s, measure: {{count: victims, where: victim_no > 18500 and grew_online}}, expect: {{between: [0, 20480]}}}}
  - {{id: top-grew, says: s, measure: {{top: location, of: victims, n: 1, where: grew}}, expect: home}}
  - id: grew-by-year
    says: s
    measure: {{change: {{share: grew, of: victims}}, over: reported_year, from: 2015, to: 2016}}
    expect: {{between: [-1, 1]}}
  - {{id: next, says: s, measure: {{sum: age_offset, of: victims, where: lead(minor)}}, expect: {{between: [0, 1000000]}}}}
"""


def test_a_lag_derive_on_parquet_is_computed_once_and_kept(tmp_path: Path) -> None:
    """The window derives of an in-place table (and the derives built on them) are computed once,
    in file order, into a temporary table of those columns alone; every query reads them from
    there by position, and the figures are those of the same data read from CSV."""
    for fmt in ("csv", "parquet"):
        write(tmp_path / fmt, fmt)
        (tmp_path / fmt / "claims.yaml").write_text(WINDOWED.format(ext=fmt))
    from_csv, csv_statements, _ = run_recorded(tmp_path / "csv" / "claims.yaml")
    csv_windows = [s for s in csv_statements if " OVER (" in s]  # a CSV: read once, its windows computed once
    assert len(csv_windows) == 1 and csv_windows[0].startswith("CREATE TEMP TABLE"), csv_windows
    report, statements, con = run_recorded(tmp_path / "parquet" / "claims.yaml")
    assert figures(report) == figures(from_csv)
    assert {r.verdict for r in report.results} == {"pass"}
    windows = [s for s in statements if " OVER (" in s]
    assert len(windows) == 1 and windows[0].startswith("CREATE TEMP TABLE"), windows
    kept = [r[0] for r in con.execute('DESCRIBE "__windows_victims"').fetchall()]
    assert sorted(kept) == ["grew", "grew_online", "lead(minor)", "previous_age"]  # not online: a plain derive
    queries = [s for s in statements if s.lstrip().startswith("SELECT") and "grew" in s]
    assert len(queries) >= 3  # several queries read the kept columns; none computes the window again
    for query in queries:
        plan = con.execute(f"EXPLAIN {query}").fetchall()[0][1]
        assert "Window" not in plan and "Positional" in plan, plan
        # DuckDB estimates a positional join at ~0 rows: the lookup must stay the build side
        assert "RIGHT" not in plan, plan


LAGS = """\
version: 1
tables:
  victims:
    path: victims.{ext}
    derive:
      previous_age: lag(age_offset)
      grew: age_offset > previous_age
      previous_place: lag(location)
claims:
  - {{id: grew, says: s, measure: {{count: victims, where: grew}}, expect: 19275}}  # i % 17 grows but at multiples of 17
  - {{id: same-place, says: s, measure: {{count: victims, where: location == previous_place}}, expect: {{between: [0, 20480]}}}}
  - {{id: top-grew, says: s, measure: {{top: location, of: victims, n: 1, where: grew}}, expect: home}}
"""


class OrderCheckFails(Recorded):
    """As if the rows had not come in file order: the kept table's check answers false."""

    def execute(self, sql: str, *args: object) -> duckdb.DuckDBPyConnection:
        if sql.startswith("SELECT bool_and("):
            self.sql.append(sql)
            return self.con.execute("SELECT false")
        return super().execute(sql, *args)


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_lags_in_file_order_are_kept_in_one_streaming_pass_checked_to_be_in_order(tmp_path: Path, fmt: str) -> None:
    """``lag`` in file order streams (no sort, nothing held); that the stream came in file order
    is checked, and when the check fails the sorted window computes the same figures."""
    write(tmp_path, fmt)
    (tmp_path / "claims.yaml").write_text(LAGS.format(ext=fmt))
    report, statements, con = run_recorded(tmp_path / "claims.yaml")
    assert {r.verdict for r in report.results} == {"pass"}
    kept = next(s for s in statements if s.startswith("CREATE TEMP TABLE"))
    assert "OVER ()" in kept and "ORDER BY" not in kept, kept
    assert con.execute('SELECT bool_and("__in_file_order"), count(*) FROM "__windows_victims"').fetchall() == [(True, 20480)]

    session = prepare(tmp_path / "claims.yaml")
    recorded = OrderCheckFails(session.backend.con)  # type: ignore[attr-defined]
    session.backend.con = recorded  # type: ignore[attr-defined]
    session.materialize()
    sorted_report = session.run()
    kept_again = [s for s in recorded.sql if s.startswith("CREATE TEMP TABLE")]
    assert len(kept_again) == 2 and "ORDER BY" in kept_again[1]  # dropped, then the sorted window
    assert figures(sorted_report) == figures(report)


def test_text_in_a_number_column_of_a_table_with_kept_windows_is_located(tmp_path: Path) -> None:
    """A table with kept window columns is a view (no rowid): a text value where a claim needs
    numbers is still located by its line, not a crash."""
    (tmp_path / "gdp.csv").write_text("quarter,growth\n2019Q1,1.5\n2019Q2,2.0\n2019Q3,1.0\n")
    (tmp_path / "c.yaml").write_text(
        "version: 1\ntables: {gdp: {path: gdp.csv, derive: {previous: lag(growth)}}}\n"
        "claims:\n  - {id: a, says: s, measure: {mean: quarter, of: gdp, where: growth < previous}, expect: 10}\n")
    with pytest.raises(factcheck.FactcheckError) as err:
        factcheck.verify(tmp_path / "c.yaml")
    assert "gdp.csv line 2: '2019Q1'" in str(err.value), str(err.value)


def claim_queries(statements: list[str], table: str) -> list[str]:
    """The claims' queries of a run that read ``table`` (not the reading, checks or settings)."""
    return [s for s in statements if s.startswith(("SELECT ", "WITH ")) and f'"{table}"' in s
            and "__in_file_order" not in s and not s.startswith("SELECT count(*) FROM")]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_only_the_queries_that_read_a_window_column_pay_for_the_positional_join(tmp_path: Path, fmt: str) -> None:
    """Kept window columns are set beside the table's rows by a positional join, which DuckDB runs
    on one thread and which cannot skip Parquet row groups. A query that names none of them reads
    the plain table (in parallel, row groups skipped); the one that reads ``previous_age`` pays
    for the join; and the fused scan of the simple claims leaves that one out."""
    report, statements, con = run_recorded(write(tmp_path, fmt))
    assert {r.verdict for r in report.results} == {"pass"}
    queries = claim_queries(statements, "victims")
    windowed = [q for q in queries if "previous_age" in q]
    plain = [q for q in queries if "previous_age" not in q]
    assert len(windowed) == 1 and len(plain) >= 4, queries
    for query in queries:
        plan = con.execute(f"EXPLAIN {query}").fetchall()[0][1]
        assert ("Positional" in plan) == (query in windowed), (query, plan)
    fused = [q for q in plain if '"0.rows_kept"' in q]
    assert len(fused) == 1 and '"1.rows_kept"' in fused[0]  # the others still share one scan


def test_a_query_of_a_plain_column_skips_row_groups_beside_a_kept_window(tmp_path: Path) -> None:
    """With a ``lag`` derive on the table, a claim filtering on the file's own column still
    reads only the row groups its filter allows."""
    claims = write(tmp_path, "parquet")
    report, statements, con = run_recorded(claims, only=["late-victims", "offset-grew"])
    assert {r.verdict for r in report.results} == {"pass"}
    late = next(s for s in claim_queries(statements, "victims") if "18500" in s)
    assert "previous_age" not in late
    plan = con.execute(f"EXPLAIN ANALYZE {late}").fetchall()[0][1]
    assert "Positional" not in plan and "Row Groups Scanned: 1 / 10" in plan, plan


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_a_kept_window_changes_no_other_claims_figure(tmp_path: Path, fmt: str) -> None:
    """The claims that read no window column give the same exact figures whether or not the table
    has one (read through the plain table or, without a lag derive, the only one)."""
    claims = write(tmp_path, fmt)
    with_lag = factcheck.verify(claims)
    text = claims.read_text()
    without = "".join(line for line in text.splitlines(keepends=True)
                      if "previous_age" not in line)
    claims.write_text(without)
    alone = factcheck.verify(claims)
    assert len(alone.results) == len(with_lag.results) - 1
    assert figures(alone) == [f for f in figures(with_lag) if f[0] != "offset-grew"]
    assert [t.columns_read for t in alone.tables if t.name == "cases"] == \
           [t.columns_read for t in with_lag.tables if t.name == "cases"]


def test_text_in_a_number_column_read_beside_a_kept_window_is_located(tmp_path: Path) -> None:
    """A claim that reads the plain table (no window column) of a table with kept windows: a text
    value where it needs numbers is still located by its line."""
    (tmp_path / "gdp.csv").write_text("quarter,growth\n2019Q1,1.5\n2019Q2,2.0\n2019Q3,1.0\n")
    (tmp_path / "c.yaml").write_text(
        "version: 1\ntables: {gdp: {path: gdp.csv, derive: {previous: lag(growth)}}}\n"
        "claims:\n  - {id: a, says: s, measure: {mean: quarter, of: gdp}, expect: 10}\n"
        "  - {id: b, says: s, measure: {count: gdp, where: growth < previous}, expect: 1}\n")
    with pytest.raises(factcheck.FactcheckError) as err:
        factcheck.verify(tmp_path / "c.yaml")
    assert "gdp.csv line 2: '2019Q1'" in str(err.value), str(err.value)


WITH_QUERIES = """\
version: 1
tables:
  victims:
    path: victims.{ext}
    derive:
      online: location == 'internet'
      previous_age: lag(age_offset)
claims:
  - {{id: online-run, says: s, measure: {{streak: online, of: victims, order: victim_no}}, expect: 3}}
  - {{id: grew-run, says: s, measure: {{streak: age_offset > previous_age, of: victims, order: victim_no}}, expect: 16}}
  - {{id: top-ages, says: s, measure: {{top_share: age_offset, of: victims, in_top: 10%}}, expect: {{between: [0, 1]}}}}
  - {{id: top-ages-grew, says: s, measure: {{top_share: age_offset, of: victims, in_top: 10%, where: age_offset > previous_age}}, expect: {{between: [0, 1]}}}}
"""


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_queries_with_their_own_with_read_the_plain_table_or_the_join_as_they_need(tmp_path: Path, fmt: str) -> None:
    """A streak's and a top_share's queries start with their own ``WITH``: the plain table's CTE
    joins that list when they name no kept window column, and they keep the join when they do;
    the figures are those of the same claims on the table without the lag derive (or, for the
    claims reading it, those from the other format)."""
    write(tmp_path / fmt, fmt)
    claims = tmp_path / fmt / "claims.yaml"
    claims.write_text(WITH_QUERIES.format(ext=fmt))
    report, statements, con = run_recorded(claims)
    assert [r.verdict for r in report.results] == ["pass"] * 4, [(r.id, r.value) for r in report.results]
    own_with = [s for s in claim_queries(statements, "victims") if "ordered AS" in s or "vals AS" in s]
    assert len(own_with) == 4
    for query in own_with:
        plan = con.execute(f"EXPLAIN {query}").fetchall()[0][1]
        assert ("Positional" in plan) == ("previous_age" in query), query
        assert query.startswith('WITH "victims" AS NOT MATERIALIZED') == ("previous_age" not in query)
    claims.write_text(WITH_QUERIES.format(ext=fmt).replace("      previous_age: lag(age_offset)\n", "")
                      .replace("age_offset > previous_age", "age_offset > 100"))
    alone = factcheck.verify(claims)
    assert figures(alone)[::2] == figures(report)[::2]


def threads_when(statements: list[str], index: int) -> str:
    """The `threads` setting in effect for statement ``index`` of a recorded run: "1" or "default"."""
    settings = [s for s in statements[:index] if s in ("SET threads = 1", "RESET threads")]
    return "1" if settings and settings[-1] == "SET threads = 1" else "default"


@pytest.mark.parametrize(("victims", "gz", "small_bytes", "reading", "querying"), [
    (ROW_GROUP - 1, False, None, "1", "1"),             # a small file, a table within one row group
    (ROW_GROUP, False, None, "1", "default"),           # a small file of short rows: the claims get threads back
    (ROW_GROUP - 1, False, 1000, "default", "1"),       # a file past SMALL_CSV is read on every thread
    (ROW_GROUP - 1, True, None, "default", "1"),        # a .gz says nothing of how much it holds
    (ROW_GROUP, True, None, "default", "default"),
])
def test_small_files_are_read_and_small_tables_queried_on_one_thread(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, victims: int, gz: bool, small_bytes: int | None,
        reading: str, querying: str) -> None:
    """DuckDB shares a scan among its threads by row groups, and a CSV reader by buffers of
    megabytes: a small file, and a table that fits in one row group, give a second thread nothing
    to do but wait (the story: ~50 ms on the claims, ~10 ms on the reads and checks). The
    figures are the same either way."""
    import factcheck.backends.duckdb as duckdb_backend
    if small_bytes is not None:
        monkeypatch.setattr(duckdb_backend, "SMALL_CSV", small_bytes)
    name = "victims.csv.gz" if gz else "victims.csv"
    duckdb.sql(f"COPY (SELECT i AS victim_no, i % 3 = 0 AS online FROM range({victims}) t(i)) "
               f"TO '{tmp_path / name}' (HEADER)")
    (tmp_path / "claims.yaml").write_text(
        f"version: 1\ntables:\n  victims: {{path: {name}}}\nclaims:\n"
        "  - {id: online, says: s, measure: {share: online, of: victims}, expect: 33%}\n")
    report, statements, con = run_recorded(tmp_path / "claims.yaml")
    assert [r.verdict for r in report.results] == ["pass"]
    read = next(i for i, s in enumerate(statements) if s.startswith('CREATE TABLE "victims"'))
    sealed = statements.index("SET enable_external_access = false")
    claim = next(i for i, s in enumerate(statements) if i > sealed and "FILTER" in s)  # the claim's query
    assert (threads_when(statements, read), threads_when(statements, claim)) == (reading, querying)
    assert statements.count("SET threads = 1") <= 1  # set once, when it changes


def test_which_queries_read_the_plain_table() -> None:
    """``DuckDB.relations``: a query naming no kept column of a table gets the plain view under the
    table's name; any doubt (a kept column named, ``*``, a CTE of that name) keeps the query as it is."""
    from factcheck.backends.duckdb import DuckDB
    backend = DuckDB()
    assert backend.relations('SELECT count(*) FROM "v"') == 'SELECT count(*) FROM "v"'  # no kept windows
    backend.kept_windows = {"v": ('"prev"', '"lag(x)"')}
    plain = 'WITH "v" AS NOT MATERIALIZED (FROM "__plain_v")\n'
    assert backend.relations('SELECT count(*) FROM "v" WHERE "v"."x" > 1') == \
        plain + 'SELECT count(*) FROM "v" WHERE "v"."x" > 1'
    assert backend.relations('WITH runs AS (SELECT "v"."x" FROM "v")\nSELECT count(*) FROM runs') == \
        plain.rstrip("\n") + ',\nruns AS (SELECT "v"."x" FROM "v")\nSELECT count(*) FROM runs'
    for unchanged in ('SELECT count(*) FROM "v" WHERE "v"."prev"',    # reads a kept column
                      'SELECT sum("v"."lag(x)") FROM "v"',
                      'SELECT * FROM "v"', 'SELECT "v".* FROM "v"',    # every column
                      'SELECT count(*), * FROM "v"',
                      'WITH v AS (SELECT 1 FROM "v")\nSELECT count(*) FROM v',  # a CTE of that name
                      'SELECT count(*) FROM "w"',                        # another table
                      'DESCRIBE SELECT count(*) FROM "v"'):
        assert backend.relations(unchanged) == unchanged, unchanged
    assert backend.reads_kept_windows('SELECT count(*) FROM "v" WHERE "v"."prev"')
    assert not backend.reads_kept_windows('SELECT count(*) FROM "v"')
    backend.close()
