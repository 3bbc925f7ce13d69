"""``--engine spark``: the same claims file on Spark gives DuckDB's verdicts and exact values.

The Spark tests share the suite's one local session (``spark`` in conftest.py) and skip,
saying why, without pyspark or Java. Each compares a whole report from Spark with the
report from DuckDB: every verdict, every value as an exact fraction, numerators,
denominators, details and series. The rendering of DuckDB SQL for Spark and the refusals
need no Spark.
"""

from __future__ import annotations

import re
import shutil
import sys
from decimal import Decimal, localcontext
from pathlib import Path
from typing import Any

import duckdb
import pytest
from conftest import MINI, one_claim
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import factcheck
from factcheck.backends.spark_sql import to_spark
from factcheck.cli import app
from factcheck.errors import UsageError
from factcheck.expressions import quote_ident

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def refused_alike(path: Path) -> str:
    """``factcheck run`` of ``path`` on DuckDB and on Spark: both stop with exit 2 and print the
    very same message, which is returned."""
    on_duckdb = runner.invoke(app, ["run", str(path)])
    result = runner.invoke(app, ["run", str(path), "--engine", "spark"])
    assert result.exit_code == on_duckdb.exit_code == 2, result.output
    assert result.output == on_duckdb.output
    return result.output


def same_reports(a: factcheck.Report, b: factcheck.Report) -> None:
    """Everything a reader sees is the same; only the time of the run and the engine's name may differ."""
    left, right = (r.model_dump(mode="json", exclude={"generated_at", "engine"}) for r in (a, b))
    for x, y in zip(left["results"], right["results"], strict=True):
        assert x == y, x["id"]
    assert left == right


# --------------------------------------------------------------------------- no Spark needed

SCHEMA = {"t": {"x": "DOUBLE", "q": "DECIMAL(38,10)", "d": "DATE", "n": "BIGINT", "s": "VARCHAR"}}


def test_typeof_a_column_is_duckdbs_type_name_written_as_a_string() -> None:
    fused = to_spark('SELECT "a0" LIKE \'DATE%\' FROM (SELECT typeof(min("v"."d")) AS a0, typeof(max("t"."s")) AS a1, '
                     'typeof(min("t"."x" + 1)) AS a2 FROM "t" LEFT JOIN "t" AS "v" ON "t"."n" = "v"."n") AS periods',
                     SCHEMA)
    assert "'DATE' AS a0, 'VARCHAR' AS a1" in fused  # through a lookup's alias too
    assert "UPPER(TYPEOF(MIN(`t`.`x` + 1))) AS a2" in fused  # not a column: Spark's name, upper-cased


def test_month_names_are_written_in_full_as_on_duckdb() -> None:
    assert to_spark('SELECT monthname("t"."d") AS m FROM "t"', SCHEMA) == "SELECT DATE_FORMAT(`t`.`d`, 'MMMM') AS m FROM `t`"


def test_a_double_is_rounded_by_its_binary_value_a_decimal_as_it_is() -> None:
    hundred, ten = "CAST(100.0 AS DOUBLE)", "CAST(10.0 AS DOUBLE)"  # DOUBLEs: Spark reads 100.0 as a DECIMAL
    cents = to_spark('SELECT round("t"."x", 2) AS r FROM "t"', SCHEMA)
    assert f"ROUND(((`t`.`x`) * {hundred}))" in cents and f"END) / {hundred}" in cents
    assert "CAST(134217729.0 AS DOUBLE)" in cents  # the exact product's error decides a tie
    assert "ROUND(`t`.`q`, 2)" in to_spark('SELECT round("t"."q", 2) AS r FROM "t"', SCHEMA)
    tens = to_spark('SELECT round("t"."x", (-1)) AS r FROM "t"', SCHEMA)
    assert f"ROUND(((`t`.`x`) / {ten}))" in tens and f"END) * {ten}" in tens


def test_medians_take_the_middle_values_in_their_own_type() -> None:
    low = to_spark('SELECT quantile_disc(("t"."n"), 0.5) AS lo FROM "t"', SCHEMA)
    high = to_spark('SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY ("t"."n") DESC) AS hi FROM "t"', SCHEMA)
    both = to_spark('SELECT median(CAST("t"."q" AS DECIMAL(38,10))) AS m FROM "t"', SCHEMA)
    assert "+ 1) DIV 2 AS INT" in low and "PERCENTILE" not in low.upper()
    assert ") DIV 2 + 1 AS INT" in high and "PERCENTILE" not in high.upper()
    assert "'E-10'" in both and "MEDIAN" not in both.upper()  # DuckDB's quantile_cont at 0.5, in the unscaled integers


def test_a_doubles_text_is_tested_ignoring_case_and_long_ones_summed_in_python() -> None:
    sql = "SELECT count(\"t\".\"x\") FILTER (WHERE regexp_matches(CAST(\"t\".\"x\" AS VARCHAR), 'e-|\\.[0-9]{11}')) FROM \"t\""
    assert "(?i)e-" in to_spark(sql, SCHEMA) and "{15}" in to_spark(sql, SCHEMA)
    streamed = to_spark('SELECT CAST(("t"."x") AS VARCHAR) AS value FROM "t"', SCHEMA, stream=True)
    assert streamed == "SELECT (`t`.`x`) AS value FROM `t`"  # the DOUBLE itself; written with Python's repr
    assert "CAST" in to_spark('SELECT CAST(("t"."q") AS VARCHAR) AS value FROM "t"', SCHEMA, stream=True)


def test_an_unknown_engine_is_refused_with_the_ones_there_are(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown engine 'sparc'") as info:
        factcheck.verify(ROOT / "claims" / "2020.yaml", engine="sparc")
    assert "spark" in (info.value.problems[0].hint or "")
    result = runner.invoke(app, ["run", str(ROOT / "claims" / "2020.yaml"), "--engine", "postgres"])
    assert result.exit_code == 2 and "unknown engine 'postgres'" in result.output and "duckdb, spark" in result.output
    assert "Traceback" not in result.output


def test_without_java_spark_is_refused_with_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import factcheck.backends.spark as spark_backend
    monkeypatch.setattr(spark_backend.shutil, "which", lambda name: None)
    monkeypatch.delenv("JAVA_HOME", raising=False)
    result = runner.invoke(app, ["run", str(ROOT / "claims" / "2020.yaml"), "--engine", "spark"])
    assert result.exit_code == 2, result.output
    assert "needs Java" in result.output and "openjdk-17-jre-headless" in result.output


def test_without_pyspark_spark_is_refused_with_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)  # import pyspark now raises ImportError
    with pytest.raises(UsageError, match="needs pyspark") as info:
        factcheck.verify(ROOT / "claims" / "2020.yaml", engine="spark")
    assert "pip install 'factcheck[spark]'" in (info.value.problems[0].hint or "")


def test_the_master_comes_from_the_option_then_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck.backends.spark_session import master_of
    monkeypatch.delenv("SPARK_MASTER", raising=False)
    assert master_of(None) == "local[2]"
    monkeypatch.setenv("SPARK_MASTER", "spark://lake:7077")
    assert (master_of(None), master_of("local[1]")) == ("spark://lake:7077", "local[1]")


def test_a_kind_spark_cannot_compute_exactly_is_refused_before_any_data_is_read(
        mini: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Named by claim and line, exit 2, without starting Spark (nothing is read). No kind or function
    is refused today (percentile and word() are rewritten): the mechanism is tested with two listed."""
    pytest.importorskip("pyspark", reason="pyspark is not installed: pip install -e '.[spark]'")
    import factcheck.backends.spark as spark_backend
    monkeypatch.setitem(spark_backend.REFUSED_KINDS, "percentile", "a reason")
    monkeypatch.setitem(spark_backend.REFUSED_FUNCTIONS, "word", "another reason")
    path = mini(one_claim("{count: victims}", "4", cid="fine")
                + one_claim("{percentile: age, of: victims, p: 90}", "17", cid="p90")
                + one_claim("{count: victims, where: \"word(platform, 1) == 'Face'\"}", "1", cid="w"))
    result = runner.invoke(app, ["run", str(path), "--engine", "spark"])
    assert result.exit_code == 2, result.output
    assert "claim 'p90': a percentile cannot be computed on Spark exactly as on DuckDB: a reason" in result.output
    assert "claim 'w': word() in" in result.output and "--engine duckdb" in result.output
    assert "claim 'fine'" not in result.output and "Traceback" not in result.output
    line = [x.strip() for x in path.read_text().splitlines()].index("- id: p90") + 1
    assert f"{path}:{line}: claim 'p90'" in result.output


def test_a_position_past_spark_s_32_bit_integers_is_refused_before_any_data_is_read(mini: Any) -> None:
    """word(x, 3000000000) is null on DuckDB; Spark casts the position to INT and stops with
    CAST_OVERFLOW, which the run showed as "its query failed" with a hint about column types.
    Now it is refused before reading, naming the claim and the part asked for."""
    pytest.importorskip("pyspark", reason="pyspark is not installed: pip install -e '.[spark]'")
    path = mini(one_claim("{count: victims, where: \"word(platform, 3000000000) is null\"}", "4", cid="w")
                + one_claim("{count: victims, where: \"split_part(platform, 'e', -2147483648) == ''\"}", "1",
                            cid="fine"))
    result = runner.invoke(app, ["run", str(path), "--engine", "spark"])
    assert result.exit_code == 2, result.output
    flat = " ".join(result.output.split())
    assert "claim 'w': word() in 'word(platform, 3000000000) is null' asks for part 3000000000, past the 32-bit" in flat
    assert "claim 'fine'" not in flat and "Traceback" not in flat and "no text has that many parts" in flat


def test_percentiles_and_medians_are_taken_in_decimals_never_a_double_percentile() -> None:
    cont = to_spark('SELECT quantile_cont(CAST("t"."q" AS DECIMAL(38,10)), 0.9) FILTER (WHERE "t"."n" > 1) AS p '
                    'FROM "t"', SCHEMA)
    disc = to_spark('SELECT quantile_disc(CAST("t"."n" AS DECIMAL(38,10)), 0.25) AS p FROM "t"', SCHEMA)
    median = to_spark('SELECT median(CAST("t"."x" AS DECIMAL(38,10))) AS m FROM "t"', SCHEMA)
    for sql in (cont, disc, median):
        assert "PERCENTILE" not in sql.upper() and "MEDIAN" not in sql.upper(), sql
        assert "ARRAY_SORT(COLLECT_LIST(" in sql
    assert "FILTER(WHERE `t`.`n` > 1)" in cont and "'E-10'" in cont  # the unscaled result read back exactly
    assert "CAST('0.25' AS DECIMAL(3, 2))" in disc  # n * q exactly, as DuckDB multiplies a DECIMAL q
    assert "CAST(10000000000.0 AS DOUBLE)" in median  # a DOUBLE made a DECIMAL by DuckDB's rule


def test_word_splits_at_re2s_white_space_on_spark() -> None:
    sql = to_spark("SELECT list_extract(regexp_extract_all(\"t\".\"s\", '\\S+'), -1) AS w FROM \"t\"", SCHEMA)
    assert "TRY_ELEMENT_AT(REGEXP_EXTRACT_ALL(`t`.`s`, '[^\\t\\n\\014\\r ]+', 0), -1)" in sql, sql
    assert "LIST_EXTRACT" not in sql


def _one_count(folder: Path) -> Path:
    """A claims file of one claim (the mini data's 10 victims) in a folder of its own."""
    folder.mkdir()
    shutil.copy(MINI / "victims.csv", folder / "victims.csv")
    (folder / "claims.yaml").write_text("version: 1\ntitle: One\ntables:\n  victims: {path: victims.csv}\nclaims:\n"
                                        + one_claim("{count: victims}", "10"), encoding="utf-8")
    return folder / "claims.yaml"


class _Counted:
    """A Spark session that counts being stopped instead of stopping (it is the suite's shared one)."""

    def __init__(self, session: Any, stops: list[int]) -> None:
        self._session, self._stops = session, stops

    def stop(self) -> None:
        self._stops.append(1)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._session, name)


def test_several_files_of_one_run_share_one_spark_session(spark: Any, monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path) -> None:
    """No session running beforehand: `run a b --engine spark` starts one, reuses it, stops it once
    at the end; `check` too. Two separate runs start two (what each run did before)."""
    from factcheck.backends import spark_session as sessions
    starts: list[str] = []
    stops: list[int] = []

    def start(master: str | None = None, **_: Any) -> Any:
        starts.append(sessions.master_of(master))
        return _Counted(spark, stops)

    monkeypatch.setattr(sessions, "active", lambda: None)  # as in a fresh process
    monkeypatch.setattr(sessions, "spark_session", start)
    files = [str(_one_count(tmp_path / name)) for name in ("a", "b")]
    result = runner.invoke(app, ["run", *files, "--engine", "spark"])
    assert result.exit_code == 0, result.output
    assert result.output.count("1 passed") == 2
    assert (len(starts), len(stops)) == (1, 1)
    result = runner.invoke(app, ["check", *files, "--engine", "spark"])
    assert result.exit_code == 0, result.output
    assert (len(starts), len(stops)) == (2, 2)
    for file in files:  # one file at a time, each run on its own: a session each
        assert runner.invoke(app, ["run", file, "--engine", "spark"]).exit_code == 0
    assert (len(starts), len(stops)) == (4, 4)


def test_a_session_already_running_is_used_for_every_file_and_left_running(spark: Any, tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(_one_count(tmp_path / "a")), str(_one_count(tmp_path / "b")),
                                 "--engine", "spark"])
    assert result.exit_code == 0, result.output
    assert spark.sql("SELECT 1 AS one").collect()[0][0] == 1  # still running


# --------------------------------------------------------------------------- on Spark

def test_the_story_gives_duckdbs_verdicts_and_exact_values_on_spark(spark: Any) -> None:
    story = ROOT / "claims" / "2020.yaml"
    duck = factcheck.verify(story)
    on_spark = factcheck.verify(story, engine="spark")
    assert len(on_spark.results) == 46 and on_spark.summary == duck.summary
    same_reports(duck, on_spark)
    # the report says which engine computed the figures (its JSON, Markdown, HTML and JUnit)
    assert (duck.engine, on_spark.engine) == ("duckdb", "spark")
    from factcheck.render import render
    assert "engine spark" in render(on_spark, "markdown") and "engine spark" in render(on_spark, "html")
    assert '<property name="engine" value="spark"' in render(on_spark, "junit")



@pytest.mark.parametrize("story", ["er", "evictions", "overdoses", "stops"])
def test_the_constructed_stories_give_duckdbs_verdicts_and_exact_values_on_spark(spark: Any, story: str) -> None:
    """The other stories use what the 2020 one does not: amounts of money, rates per 1,000
    across two tables (``per``), runs of years, shares of every row, medians of amounts, the
    extreme of a rate over a column and a comparison of two groups' rates, a change of rank."""
    claims = ROOT / "tests" / "fixtures" / story / "claims.yaml"
    duck = factcheck.verify(claims)
    on_spark = factcheck.verify(claims, engine="spark")
    assert duck.summary.failed == duck.summary.unverifiable == 0 and on_spark.summary == duck.summary
    same_reports(duck, on_spark)

TIES = [2.675, 1.005, 0.285, -2.675, 2.5, -2.5, 0.125, 0.375, 25.0, 35.0, -25.0, 1234.5, 1e300, 5e-324,
        float("nan"), float("inf"), 0.0]


@settings(max_examples=2, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(st.lists(st.one_of(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6),
                          st.builds(lambda k, d: float(f"{k}5e-{d}"), st.integers(-99999, 99999),
                                    st.integers(1, 6))),  # written with a final 5: ties in decimal
                min_size=1, max_size=200))
def test_round_of_a_double_gives_duckdbs_value_on_spark(spark: Any, values: list[float]) -> None:
    """DuckDB rounds the exact binary value (2.675 is 2.67499999…, so 2.67); so does the rewrite."""
    rows = list(enumerate(TIES + values))
    con = duckdb.connect()
    con.execute("CREATE TABLE t (i INTEGER, x DOUBLE)")
    con.executemany("INSERT INTO t VALUES (?, ?)", rows)
    spark.createDataFrame(rows, "i int, x double").createOrReplaceTempView("t")
    schema = {"t": {"i": "INTEGER", "x": "DOUBLE"}}
    sql = 'SELECT "t"."i", ' + ", ".join(f'round("t"."x", {n}) AS "r{k}"' for k, n in enumerate((0, 1, 2, 3, -1, -2))) \
        + ' FROM "t" ORDER BY 1'
    duck = con.execute(sql).fetchall()
    mine = [tuple(r) for r in spark.sql(to_spark(sql, schema)).collect()]

    def shown(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        return [tuple("nan" if v != v else v for v in row) for row in rows]

    assert shown(mine) == shown(duck)


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The benchmark's claims file (every measure kind but percentile) over small generated data."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import run as benchmark  # benchmarks/run.py
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    folder = tmp_path_factory.mktemp("bench")
    benchmark.generate(folder, 3000)
    (folder / "bench.yaml").write_text(benchmark.CLAIMS_YAML, encoding="utf-8")
    return folder / "bench.yaml"


def test_the_benchmark_claims_give_duckdbs_verdicts_and_exact_values_on_spark(spark: Any, bench: Path) -> None:
    duck = factcheck.verify(bench)
    on_spark = factcheck.verify(bench, engine="spark")
    assert {r.verdict for r in duck.results} >= {"pass", "fail"}  # a comparison of something
    same_reports(duck, on_spark)


EDGES = """\
version: 1
title: Where Spark's SQL differs from DuckDB's
tables:
  m:
    path: m.csv
    columns: {amount: decimal, price: double, big: integer, day: date, tiny: double}
    derive:
      cents: round(price, 2)
      tens: round(price, -1)
      month: month_name(day)
claims:
  - {id: median-even-decimal, says: a, measure: {median: amount, of: m}, expect: 1}
  - {id: median-odd-double, says: a, measure: {median: price, of: m, where: id <= 3}, expect: 1}
  - {id: median-text, says: a, measure: {median: label, of: m}, expect: 1}
  - {id: round-double, says: a, measure: {sum: cents, of: m}, expect: 1}
  - {id: round-tens, says: a, measure: {sum: tens, of: m}, expect: 1}
  - {id: month-name, says: a, measure: {count: m, where: month == 'December'}, expect: 2}
  - {id: sum-many-digits, says: a, measure: {sum: tiny, of: m}, expect: 1}
  - {id: mean-many-digits, says: a, measure: {mean: tiny, of: m}, expect: 1}
  - {id: sum-past-64-bits, says: a, measure: {sum: big, of: m}, expect: 1}
  - {id: mean-decimal, says: a, measure: {mean: amount, of: m, where: id > 1}, expect: 1}
  - {id: share-null, says: a, measure: {share: price > 1, of: m}, expect: 50%}
  - {id: period-not-covered, says: a, measure: {count: m, where: seen >= '2031-01-01'}, expect: 0}
  - {id: period-covered, says: a, measure: {count: m, where: seen >= '2020-03-01'}, expect: 2}
"""
EDGES_CSV = """\
id,amount,price,big,day,tiny,label,seen
1,0.1234567891,1.005,9000000000000000000,2020-12-01,0.1234567890123,0.5,2020-01-05
2,0.1234567892,2.675,9000000000000000000,2021-12-31,1e-7,0.25,2020-02-05
3,7,0.285,5,2020-01-31,3.0000000000000004,2,2020-03-05
4,2.5,,-3,2020-06-15,123456789012345.67,7.125,2020-04-05
"""


def test_the_constructs_whose_sql_differs_give_duckdbs_exact_figures(spark: Any, tmp_path: Path) -> None:
    """Medians of decimals, doubles and text; round() of a DOUBLE (1.005 -> 1.0 as DuckDB); month
    names; DOUBLE sums with more than 10 decimals or 17 digits (summed exactly from the values);
    a sum past 64 bits; a period the data does not cover, on a date column the claims file does
    not declare (its type is asked of the engine: typeof() is lower case on Spark)."""
    (tmp_path / "m.csv").write_text(EDGES_CSV, encoding="utf-8")
    (tmp_path / "edges.yaml").write_text(EDGES, encoding="utf-8")
    duck = factcheck.verify(tmp_path / "edges.yaml")
    figures = {r.id: r.value_exact for r in duck.results}
    assert figures["round-double"] == "79/20"  # 1.0 + 2.67 + 0.28 (DuckDB rounds the binary value; not 3.98)
    assert figures["sum-past-64-bits"] == "18000000000000000002"
    reasons = {r.id: r.reason for r in duck.results}
    assert reasons["period-not-covered"] == "period_not_covered" and reasons["period-covered"] is None
    same_reports(duck, factcheck.verify(tmp_path / "edges.yaml", engine="spark"))


FUNCTIONS = """\
version: 1
title: Every function of the expression grammar, on both engines
tables:
  f:
    path: f.csv
    columns: {amount: decimal, price: double, day: date, n: integer}
    derive:
      clean: trim(lower(name))
      per_third: amount / 3
      squared: pow(price, 2)
      previous: lag(n)
      following: lead(n, day)
claims:
  - {id: lower-trim, says: a, measure: {count: f, where: clean == 'toyota corolla'}, expect: 1}
  - {id: upper, says: a, measure: {count: f, where: upper(name) == 'CAFÉ'}, expect: 1}
  - {id: length, says: a, measure: {sum: n, of: f, where: length(name) > 5}, expect: 1}
  - {id: starts, says: a, measure: {count: f, where: "starts_with(name, 'toy')"}, expect: 1}
  - {id: ends, says: a, measure: {count: f, where: "ends_with(name, 'wagon')"}, expect: 1}
  - {id: contains, says: a, measure: {count: f, where: "contains(name, '%')"}, expect: 1}
  - {id: like, says: a, measure: {count: f, where: "like(name, 'toyota\\\\%%')"}, expect: 1}
  - {id: ilike, says: a, measure: {count: f, where: "ilike(name, '%café%')"}, expect: 1}
  - {id: split-part, says: a, measure: {top: "split_part(code, '-', 2)", of: f, n: 2}, expect: [a, b]}
  - {id: split-last, says: a, measure: {count: f, where: "split_part(code, '-', -1) == 'z'"}, expect: 1}
  - {id: split-none, says: a, measure: {count: f, where: "split_part(code, '-', 5) == ''"}, expect: 1}
  - {id: coalesce, says: a, measure: {count: f, where: "coalesce(name, 'none') == 'none'"}, expect: 1}
  - {id: nullif, says: a, measure: {count: f, where: "nullif(code, 'x-a-z') is null"}, expect: 1}
  - {id: dates, says: a, measure: {sum: n, of: f, where: quarter(day) == 4 or day(day) == 31 or month(day) == 2}, expect: 1}
  - {id: starts-of, says: a, measure: {sum: n, of: f, where: "month_start(day) == '2021-02-01' or quarter_start(day) == '2020-04-01' or week_start(day) == '2020-12-28'"}, expect: 1}
  - {id: divide, says: a, measure: {sum: per_third, of: f}, expect: 1}
  - {id: pow, says: a, measure: {sum: squared, of: f}, expect: 1}
  - {id: abs, says: a, measure: {sum: n, of: f, where: abs(n) > 4}, expect: 1}
  - {id: lag, says: a, measure: {sum: previous, of: f}, expect: 1}
  - {id: lead-by, says: a, measure: {sum: following, of: f}, expect: 1}
  - {id: case, says: a, measure: {top: "case when n > 4 then 'big' when n < 0 then 'neg' else 'small' end", of: f, n: 1}, expect: [small]}
  - {id: between-in, says: a, measure: {count: f, where: "n between 1 and 7 and code not in ['x-a-z']"}, expect: 1}
"""
FUNCTIONS_CSV = """\
name,code,amount,price,day,n
 Toyota Corolla ,x-a-z,1234567.8912345678,0.1,2020-12-31,5
toyota%wagon,y-b,0.1234567891,1.1,2021-02-28,-7
Café au lait,z-a,7,3.3000000000000003,2020-01-31,3
,w,2.5,1e-5,2020-06-15,1
"""


def test_every_function_of_the_grammar_gives_duckdbs_figures(spark: Any, tmp_path: Path) -> None:
    (tmp_path / "f.csv").write_text(FUNCTIONS_CSV, encoding="utf-8")
    (tmp_path / "functions.yaml").write_text(FUNCTIONS, encoding="utf-8")
    duck = factcheck.verify(tmp_path / "functions.yaml")
    assert {r.verdict for r in duck.results} == {"pass", "fail"}
    same_reports(duck, factcheck.verify(tmp_path / "functions.yaml", engine="spark"))


KINDS = """\
version: 1
title: The kinds the benchmark's claims file leaves out, on the cars fixture
tables:
  cars:
    path: cars.csv
    key: car_id
    time: model_year
claims:
  - {id: compare-mean, says: s, measure: {compare: {mean: mpg, of: cars}, by: origin, a: Japan, b: USA}, expect: up 1}
  - {id: compare-ratio, says: s, measure: {compare: {count: cars}, by: origin, a: Japan, b: Europe, as: ratio}, expect: 1.3 times}
  - {id: compare-points, says: s, measure: {compare: {share: mpg > 25, of: cars}, by: origin, a: Japan, b: USA, as: points}, expect: up 1 point}
  - {id: overtook, says: s, measure: {overtook: {count: cars}, column: origin, a: Japan, b: USA, over: model_year, from: 2014, to: 2020}, expect: true}
  - {id: every-share, says: s, measure: {every: {share: mpg > 25, of: cars}, over: model_year, from: 2015, to: 2020}, expect: more than half}
  - {id: every-top, says: s, measure: {every: {top: origin, of: cars}, over: model_year, from: 2019, to: 2020}, expect: [USA]}
  - {id: rising, says: s, measure: {rising: {mean: mpg, of: cars}, over: model_year, to: 2020}, expect: 3}
  - {id: falling, says: s, measure: {falling: {count: cars}, over: model_year}, expect: 1}
  - {id: top-share, says: s, measure: {top_share: weight, of: cars, in_top: 10%}, expect: 12%}
  - {id: top-sum, says: s, measure: {top_sum: weight, of: cars, top_n: 5}, expect: 20000}
  - {id: top-sum-by, says: s, measure: {top_sum: 1, of: cars, by: make, in_top: 25%}, expect: 100}
  - {id: top-by-median, says: s, measure: {top: make, of: cars, n: 2, by: {median: mpg, of: cars}}, expect: [Toyota, Honda]}
  - {id: median-weight, says: s, measure: {median: weight, of: cars, where: origin != 'USA'}, expect: 2500}
  - {id: change-mean, says: s, measure: {change: {mean: mpg, of: cars}, over: model_year, from: 2014, to: 2020}, expect: up 10%}
"""


def test_the_other_measure_kinds_give_duckdbs_figures(spark: Any, tmp_path: Path) -> None:
    """compare, overtook, every, rising, falling, top_share, top_sum, top by a measure, change of a mean."""
    shutil.copy(ROOT / "tests" / "fixtures" / "cars" / "cars.csv", tmp_path / "cars.csv")
    (tmp_path / "kinds.yaml").write_text(KINDS, encoding="utf-8")
    duck = factcheck.verify(tmp_path / "kinds.yaml")
    assert all(r.verdict != "unverifiable" for r in duck.results), [(r.id, r.message) for r in duck.results]
    same_reports(duck, factcheck.verify(tmp_path / "kinds.yaml", engine="spark"))


def test_explain_on_spark_shows_the_top_sum_query_spark_ran(spark: Any, tmp_path: Path) -> None:
    """`top_sum` runs top_share's ranked query on Spark too: `explain --engine spark` shows it, with the
    figure DuckDB gives (the two largest gifts per donor: 300 + 250)."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "g.csv").write_text("id,donor,amount\n1,A,100\n2,A,200\n3,B,250\n4,C,40\n5,,900\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text("version: 1\ntables:\n  g: {path: g.csv}\nclaims:\n  - id: top2\n"
                                     "    says: The two largest donors gave $550.\n"
                                     "    measure: {top_sum: amount, of: g, by: donor, top_n: 2}\n    expect: $550\n",
                                     encoding="utf-8")
    shown = runner.invoke(app, ["explain", str(tmp_path / "c.yaml"), "top2", "--engine", "spark"])
    assert shown.exit_code == 0, shown.output
    assert "pass" in shown.output and "computed $550" in shown.output, shown.output
    spark_sql = shown.output[shown.output.index("Spark SQL"):]
    assert "ROW_NUMBER() OVER (ORDER BY v DESC)" in spark_sql and "FILTER(WHERE r <= 2) AS top_total" in spark_sql


def test_a_parquet_table_gives_the_same_figures(spark: Any, mini: Any) -> None:
    path = mini(one_claim("{share: minor, of: victims, where: platform == 'Facebook'}", "50%")
                + one_claim("{sum: age, of: victims}", "60", cid="ages"),
                tables="version: 1\ntitle: Parquet\ntables:\n  victims:\n    path: victims.parquet\n    format: parquet\n")
    csv = path.parent / "victims.csv"
    duckdb.connect().execute(f"COPY (SELECT * FROM read_csv('{csv}')) TO '{path.parent / 'victims.parquet'}' "
                             "(FORMAT parquet)")
    duck = factcheck.verify(path)
    assert duck.tables[0].path == "victims.parquet"
    same_reports(duck, factcheck.verify(path, engine="spark"))


def test_run_check_and_explain_take_the_engine_on_the_command_line(spark: Any) -> None:
    mini_claims = str(MINI / "claims.yaml")
    duck = runner.invoke(app, ["run", mini_claims])
    on_spark = runner.invoke(app, ["run", mini_claims, "--engine", "spark", "--spark-master", "local[2]"])
    assert on_spark.exit_code == duck.exit_code == 0, on_spark.output
    assert on_spark.output == duck.output
    checked = runner.invoke(app, ["check", mini_claims, "--engine", "spark"])
    assert checked.exit_code == 0 and checked.output == runner.invoke(app, ["check", mini_claims]).output
    shown = runner.invoke(app, ["explain", mini_claims, "facebook-share", "--engine", "spark"])
    assert shown.exit_code == 0, shown.output
    assert "Spark SQL" in shown.output and "`victims`" in shown.output  # Spark's quoting
    assert "paste into DuckDB" in shown.output  # the report's SQL still reproduces the figure on DuckDB


def test_a_data_error_on_spark_is_located_and_exits_2(spark: Any, mini: Any) -> None:
    path = mini(one_claim("{sum: age, of: victims}", "60"),
                tables="version: 1\ntitle: Bad\ntables:\n  victims:\n    path: victims.csv\n    columns: {age: integer}\n")
    data = path.parent / "victims.csv"
    data.write_text(data.read_text().replace("V3,C3,male,false,30,", "V3,C3,male,false,thirty,"))
    result = runner.invoke(app, ["run", str(path), "--engine", "spark"])
    assert result.exit_code == 2, result.output
    assert "victims.csv:4" in result.output and "'thirty'" in result.output and "Traceback" not in result.output


# --------------------------------------------------------------------------- percentile, median, word()

_MAGNITUDES = (Decimal("1e-10"), Decimal(1), Decimal("1e5"), Decimal("1e12"), Decimal("1e17"), Decimal("1e27"))


@st.composite
def _decimal_values(draw: Any) -> Decimal | None:
    """A DECIMAL(38,10) value of any size (up to 10^27: differences past 2^64 in the unscaled integers), or NULL."""
    if draw(st.integers(0, 9)) == 0:
        return None
    digits = draw(st.integers(-10**9, 10**9))
    scale = draw(st.sampled_from(_MAGNITUDES))
    with localcontext() as ctx:
        ctx.prec = 60
        return (Decimal(digits) * scale / Decimal(10**9)).quantize(Decimal("1e-10"))


_DOUBLES = st.one_of(st.floats(min_value=-1e6, max_value=1e6),
                     st.builds(lambda k, d: float(f"{k}5e-{d}"), st.integers(1, 10**9), st.integers(1, 12)),
                     st.builds(lambda m, e: m * 10.0 ** e, st.floats(-1, 1), st.integers(-5, 26)))
_PS = ("0", "0.07", "0.3", "0.999", "1")


@settings(max_examples=2, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(st.lists(st.tuples(st.integers(0, 3), _decimal_values(), _DOUBLES, st.integers(-10**12, 10**12)),
                min_size=1, max_size=120))
def test_percentiles_and_medians_give_duckdbs_values_on_spark(spark: Any, rows: list[tuple[Any, ...]]) -> None:
    """quantile_cont / quantile_disc / median of a DECIMAL, a DOUBLE and a BIGINT column cast to DECIMAL(38,10)
    (as the percentile and median kinds write them), in groups and under FILTER: DuckDB's value to the last digit."""
    con = duckdb.connect()
    con.execute("CREATE TABLE t (g INTEGER, q DECIMAL(38,10), x DOUBLE, n BIGINT)")
    con.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", rows)
    spark.createDataFrame(rows, "g int, q decimal(38,10), x double, n bigint").createOrReplaceTempView("t")
    schema = {"t": {"g": "INTEGER", "q": "DECIMAL(38,10)", "x": "DOUBLE", "n": "BIGINT"}}
    aggs = [f'median(CAST("t"."{c}" AS DECIMAL(38,10)))' for c in "qxn"]
    for k, p in enumerate(_PS):
        column = "qxn"[k % 3]
        aggs += [f'quantile_cont(CAST("t"."q" AS DECIMAL(38,10)), {p})',
                 f'quantile_disc(CAST("t"."{column}" AS DECIMAL(38,10)), {p}) FILTER (WHERE "t"."n" > 0)',
                 f'quantile_cont(CAST("t"."{column}" AS DECIMAL(38,10)), {p}) FILTER (WHERE "t"."n" < 0)']
    sql = ('SELECT "t"."g", ' + ", ".join(f'{a} AS "a{i}"' for i, a in enumerate(aggs))
           + ' FROM "t" GROUP BY "t"."g" ORDER BY 1')
    duck = con.execute(sql).fetchall()
    mine = [tuple(r) for r in spark.sql(to_spark(sql, schema)).collect()]
    assert len(mine) == len(duck)
    for d, m in zip(duck, mine, strict=True):
        for k, (a, b) in enumerate(zip(d[1:], m[1:], strict=True)):
            assert a == b, (aggs[k], d[0], a, b)


_TEXTS = st.one_of(st.none(), st.text(alphabet=" \t\n\r\x0b\x0cab\u00e9\u00a0\u3000", max_size=12))


@settings(max_examples=3, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(st.lists(_TEXTS, min_size=1, max_size=60))
def test_word_gives_duckdbs_words_on_spark(spark: Any, texts: list[str | None]) -> None:
    """word(text, n) for n from -4 to 4 (0, and past either end, are NULL), empty text, runs of spaces,
    leading spaces, tabs and line breaks (white space), a vertical tab and non-ASCII spaces (not)."""
    from factcheck.expressions import parse
    from factcheck.expressions._sql import to_sql
    texts = ["", "   ", "  lead", "a  b   c", "x\x0by z", None, *texts]
    rows = list(enumerate(texts))
    con = duckdb.connect()
    con.execute("CREATE TABLE t (i INTEGER, s VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?, ?)", rows)
    spark.createDataFrame(rows, "i int, s string").createOrReplaceTempView("t")
    words = [to_sql(parse(f"word(s, {n})"), lambda name: f'"t".{quote_ident(name.column)}') for n in range(-4, 5) if n]
    words.append("list_extract(regexp_extract_all(\"t\".\"s\", '\\S+'), 0)")  # word(s, 0) is refused by the grammar
    sql = 'SELECT "t"."i", ' + ", ".join(f'{w} AS "w{k}"' for k, w in enumerate(words)) + ' FROM "t" ORDER BY 1'
    duck = con.execute(sql).fetchall()
    assert [tuple(r) for r in spark.sql(to_spark(sql, {"t": {"i": "INTEGER", "s": "VARCHAR"}})).collect()] == duck


SPREAD = """\
version: 1
title: Percentiles and words on both engines
tables:
  s:
    path: s.csv
    columns: {amount: decimal, price: double, n: integer}
claims:
  - {id: p90-decimal, says: a, measure: {percentile: amount, of: s, p: 90}, expect: 1}
  - {id: p25-double, says: a, measure: {percentile: price, of: s, p: 25, where: n > 0}, expect: 1}
  - {id: p10-integer-rank, says: a, measure: {percentile: n, of: s, p: 10, method: nearest_rank}, expect: -7}
  - {id: p50-none, says: a, measure: {percentile: amount, of: s, p: 50, where: n > 100}, expect: 1}
  - {id: median-decimal, says: a, measure: {median: amount, of: s}, expect: 1}
  - {id: first-word, says: a, measure: {top: "word(name, 1)", of: s, n: 1}, expect: [Toyota]}
  - {id: last-word, says: a, measure: {count: s, where: "word(name, -1) == 'wagon'"}, expect: 1}
  - {id: no-third-word, says: a, measure: {count: s, where: "word(name, 3) is null"}, expect: 3}
"""
SPREAD_CSV = """\
name,amount,price,n
  Toyota   Corolla wagon,0.0000000001,123456.78901234565,5
Toyota Prius,0.0000000004,0.1,-7
,1234567890123456789.0123456789,2.675,3
 Café\tau lait,-2.5,1e-5,12
"""


def test_percentile_and_word_claims_give_duckdbs_figures_on_spark(spark: Any, tmp_path: Path) -> None:
    """Once refused on Spark: the percentile kind (interpolated and nearest rank; DECIMAL, DOUBLE and
    integer columns; no value kept) and word() (spaces around and between words, a tab, no text)."""
    (tmp_path / "s.csv").write_text(SPREAD_CSV, encoding="utf-8")
    (tmp_path / "spread.yaml").write_text(SPREAD, encoding="utf-8")
    duck = factcheck.verify(tmp_path / "spread.yaml")
    assert {r.verdict for r in duck.results} >= {"pass", "fail"}
    same_reports(duck, factcheck.verify(tmp_path / "spread.yaml", engine="spark"))


def test_a_text_value_in_a_number_column_is_located_on_spark(spark: Any, mini: Any) -> None:
    """The column came out as text (one value is not a number): the claim that sums it names the data
    file, the line, the column and the value, as on DuckDB, rather than Spark's cast error."""
    path = mini(one_claim("{sum: age, of: victims}", "60", cid="ages"),
                tables="version: 1\ntitle: Bad\ntables:\n  victims:\n    path: victims.csv\n")
    data = path.parent / "victims.csv"
    data.write_text(data.read_text().replace("V3,C3,male,false,30,", "V3,C3,male,false,thirty,"))
    output = refused_alike(path)
    assert f"{data}:4: claim 'ages': table 'victims', column 'age' holds text where the claim needs numbers: " \
           "line 4 holds 'thirty'" in output


DERIVE_TABLE = """\
version: 1
title: Derives
tables:
  t:
    path: t.{ext}
    derive: {{n: "{derive}"}}
claims:
  - {{id: adults, says: s, measure: {{count: t, where: n is not null}}, expect: 3}}
"""


@pytest.mark.parametrize(("derive", "ext"), [
    ("age * 2", "csv"),  # text in arithmetic: DuckDB's type oracle refuses it before Spark runs
    ("age > 18", "csv"),  # a cast of the text that fails inside Spark's derive (CAST_INVALID_INPUT)
    ("age in [30, 40]", "csv"),
    ("round(price, 1) + age", "csv"),
    ("lag(age) * 2", "csv"),  # a window over the text column
    ("age > 18", "parquet"),  # a Parquet column of text: located by its row
])
def test_a_text_value_that_breaks_a_derive_is_located_on_spark(spark: Any, tmp_path: Path, derive: str,
                                                               ext: str) -> None:
    """Issue 13: a derive that fails on a text value names the data file, the line (a Parquet file's
    row), the column and the value on Spark as on DuckDB: the same message, exit 2, no traceback."""
    (tmp_path / "t.csv").write_text("id,age,price\n1,30,1.5\n2,unknown,2.5\n3,40,4\n", encoding="utf-8")
    if ext == "parquet":
        duckdb.connect().execute(f"COPY (SELECT * FROM read_csv('{tmp_path / 't.csv'}', all_varchar = true)) "
                                 f"TO '{tmp_path / 't.parquet'}' (FORMAT parquet)")
    path = tmp_path / "derives.yaml"
    path.write_text(DERIVE_TABLE.format(ext=ext, derive=derive), encoding="utf-8")
    output = refused_alike(path)
    where = f"{tmp_path / 't.csv'}:3" if ext == "csv" else str(tmp_path / "t.parquet")
    assert f"{where}: table 't', column 'age' holds text where a derive of table 't' needs numbers: " \
           f"{'line 3' if ext == 'csv' else 'row 2'} holds 'unknown'" in output
    assert "hint: fix the value" in output and "Traceback" not in output
    shown = runner.invoke(app, ["explain", str(path), "adults", "--engine", "spark"])
    assert shown.exit_code == 2 and shown.output == output


OVERFLOW_TABLE = """\
version: 1
tables:
  t:
    path: t.{ext}
    derive:
      big10: "{derive}"
claims:
  - {{id: total, says: s, measure: {{sum: big10, of: t}}, expect: {expect}}}
"""


@pytest.mark.parametrize(("derive", "ext"), [("big * 10", "csv"), ("big + big", "csv"), ("lag(big) * 10", "csv"),
                                             ("big * 10", "parquet")])
def test_a_derive_that_overflows_is_located_on_spark_as_on_duckdb(spark: Any, tmp_path: Path, derive: str,
                                                                  ext: str) -> None:
    """Issue 13: Spark's ARITHMETIC_OVERFLOW in a derive is named as on DuckDB: the derive's line, the
    table, the column, the first row it overflows on, and the rewrite in decimals, which then gives
    the same exact figure on both engines."""
    big = 9_000_000_000_000_000_000
    (tmp_path / "t.csv").write_text(f"id,big\n1,5\n2,{big}\n3,7\n", encoding="utf-8")
    if ext == "parquet":
        duckdb.connect().execute(f"COPY (SELECT * FROM read_csv('{tmp_path / 't.csv'}')) "
                                 f"TO '{tmp_path / 't.parquet'}' (FORMAT parquet)")
    path = tmp_path / "overflow.yaml"
    path.write_text(OVERFLOW_TABLE.format(ext=ext, derive=derive, expect=1), encoding="utf-8")
    flat = " ".join(refused_alike(path).split())
    assert "overflow.yaml:6: derive 'big10' of table 't' overflows the 64-bit integers" in flat
    assert ("line 4" if derive.startswith("lag") else "line 3" if ext == "csv" else "row 2") in flat
    assert "Traceback" not in flat and "csv: options" not in flat
    rewrite = flat.split('derive: {big10: "')[1].split('"')[0]
    path.write_text(OVERFLOW_TABLE.format(ext=ext, derive=rewrite, expect="more than 1000"), encoding="utf-8")
    fixed_duckdb = factcheck.verify(path)
    same_reports(fixed_duckdb, factcheck.verify(path, engine="spark"))
    assert fixed_duckdb.results[0].verdict == "pass"


def test_the_rows_behind_a_figure_are_duckdbs_rows_on_spark(spark: Any) -> None:
    """`explain --rows` on Spark: the same columns under the same names (a lookup's column whose
    name is taken is `case_id_1`, as DuckDB's DataFrame names it, never a second `case_id`) and the
    same rows in the same order, the table's file order (Spark's join gave V4 after V5): ordered by
    the file-order row number, which is not shown. The sample rows of `explain` too."""
    args = ["explain", str(MINI / "claims.yaml"), "facebook-share", "--rows", "-"]
    on_duckdb, on_spark = runner.invoke(app, args), runner.invoke(app, [*args, "--engine", "spark"])
    assert on_spark.exit_code == on_duckdb.exit_code == 0, on_spark.output
    duck_lines, spark_lines = on_duckdb.output.splitlines(), on_spark.output.splitlines()
    assert spark_lines[0] == duck_lines[0] and ",case_id_1," in spark_lines[0] and "__row" not in spark_lines[0]
    assert spark_lines == duck_lines and len(duck_lines) > 2
    duck, on = (factcheck.explain(MINI / "claims.yaml", "facebook-share", engine=e) for e in ("duckdb", "spark"))
    assert [(s.sample_columns, s.sample) for s in on.scans] == [(s.sample_columns, s.sample) for s in duck.scans]


def test_the_row_number_lag_reads_is_never_among_the_rows_shown_on_spark(spark: Any, tmp_path: Path) -> None:
    """A table with `lag` derives (the counted one and a lookup's) is read with a file-order row
    number, on Spark its own internal ids: `explain --rows` wrote them as `__row`. Now neither engine
    writes it, and Spark's rows and sample are DuckDB's, in the file's order."""
    from test_explain_rows import WINDOWED_ROWS, windowed_tables
    args = ["explain", str(windowed_tables(tmp_path)), "grew", "--rows", "-"]
    on_duckdb, on_spark = runner.invoke(app, args), runner.invoke(app, [*args, "--engine", "spark"])
    assert on_spark.exit_code == on_duckdb.exit_code == 0, on_spark.output
    assert on_spark.stdout.splitlines() == on_duckdb.stdout.splitlines() == WINDOWED_ROWS
    duck, on = (factcheck.explain(tmp_path / "claims.yaml", "grew", engine=e) for e in ("duckdb", "spark"))
    assert [(s.sample_columns, s.sample) for s in on.scans] == [(s.sample_columns, s.sample) for s in duck.scans]
    assert "__row" not in on.scans[0].sample_columns


def test_explain_on_spark_checks_each_table_s_periods_in_one_query(spark: Any) -> None:
    """The period checks of a table are one fused query (typeof of a column is DuckDB's type name,
    written as a string: Spark's own typeof broke that query's plan, and each check then ran again
    alone, as a query of its own)."""
    shown = factcheck.explain(MINI / "claims.yaml", "facebook-share", engine="spark")
    queries = [q for q in shown.engine_sql if not q.startswith("-- table ")]
    periods = [q for q in queries if "MIN(`victims`.`location`)" in q]
    assert len(periods) == 1 and "AS periods" in periods[0] and "TYPEOF" not in periods[0].upper()
    assert len([q for q in queries if "AS periods" in q]) == 2  # victims, and cases through the lookup


OWN_OVERFLOW = """\
version: 1
tables:
  t:
    path: t.csv
{derive}claims:
  - id: total
    says: s
    measure:
      {measure}
    expect: {expect}
"""


@pytest.mark.parametrize(("derive", "measure", "rows"), [
    ("", "sum: big * 10\n      of: t", [5, 9_000_000_000_000_000_000, 7]),
    ("", "count: t\n      where: big * 10 > 5", [5, 9_000_000_000_000_000_000, 7]),
    ("", "sum: -big\n      of: t", [5, -(2**63), 7]),
    ("    derive: {x: abs(big)}\n", "sum: x\n      of: t", [5, -(2**63), 7]),
])
def test_an_out_of_range_claim_or_derive_is_located_on_spark_as_on_duckdb(spark: Any, tmp_path: Path, derive: str,
                                                                          measure: str, rows: list[int]) -> None:
    """A claim's own arithmetic that overflows (Spark's ARITHMETIC_OVERFLOW, also when its rows are
    streamed for an exact sum) and a negated lowest integer (whose DuckDB words do not say which
    type) get DuckDB's located message on Spark: the claim or derive, its line, the row, and a
    rewrite that then gives the same exact figure on both engines."""
    (tmp_path / "t.csv").write_text("id,big\n" + "".join(f"{i},{v}\n" for i, v in enumerate(rows, 1)),
                                    encoding="utf-8")
    path = tmp_path / "own.yaml"
    path.write_text(OWN_OVERFLOW.format(derive=derive, measure=measure, expect=1), encoding="utf-8")
    flat = " ".join(refused_alike(path).split())
    assert "overflows the 64-bit integers" in flat and "at line 3 of" in flat and "its query failed" not in flat
    key, rewrite = re.search(r'\((?:derive: \{)?(\w+): "([^"]+)"\}?\)', flat).groups()  # type: ignore[union-attr]
    fixed = (derive.replace("abs(big)", rewrite) if key == "x"
             else measure.replace(measure.split("\n")[key == "where"].split(": ", 1)[1], rewrite))
    path.write_text(OWN_OVERFLOW.format(derive=fixed if key == "x" else derive,
                                        measure=measure if key == "x" else fixed, expect="more than 2"),
                    encoding="utf-8")
    fixed_duckdb = factcheck.verify(path)
    same_reports(fixed_duckdb, factcheck.verify(path, engine="spark"))
    assert fixed_duckdb.results[0].verdict == "pass"


@pytest.mark.parametrize(("derive", "measure"), [
    ("    columns: {d: date}\n    derive: {later: \"case when id > 1 then d + 2147483647 else d end\"}\n",
     "count: t\n      where: later > '2030-01-01'"),
    ("    columns: {d: date}\n", "count: t\n      where: d - 2147483647 - 2147483647 < '2030-01-01'"),
])
def test_a_date_out_of_range_stops_spark_as_duckdb_never_a_wrapped_date(spark: Any, tmp_path: Path, derive: str,
                                                                        measure: str) -> None:
    """Spark's date_add wraps past the 32-bit day numbers (2020-01-01 + 2147483647 is a day in
    5877591 BC, so the count was 0 where DuckDB stops): the days are added as integers, which
    overflow as an error, and the message is DuckDB's — located, in its words, no overflow claimed."""
    (tmp_path / "t.csv").write_text("id,d\n1,2020-01-01\n2,2020-01-02\n", encoding="utf-8")
    path = tmp_path / "dates.yaml"
    path.write_text(OWN_OVERFLOW.format(derive=derive, measure=measure, expect=0), encoding="utf-8")
    flat = " ".join(refused_alike(path).split())
    assert "cannot be computed" in flat and "Date out of range" in flat and "overflow" not in flat
    assert f"at line {3 if 'later' in derive else 2} of" in flat
