"""``lag``/``lead`` over named series mean the same on Spark as on DuckDB: the window is rendered with
the same ``PARTITION BY``, the river story gives the same figures, and the unnamed series are refused
word for word alike. Uses the suite's one local Spark session (``spark`` in conftest.py), skipped
without pyspark or Java; the rendering needs sqlglot only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_lag_series import RIVER, unnamed
from typer.testing import CliRunner

import factcheck
from factcheck.cli import app

runner = CliRunner()


def test_the_window_over_series_renders_for_spark_with_its_partition() -> None:
    pytest.importorskip("sqlglot", reason="sqlglot is in the engines and test extras")
    from factcheck.backends.spark_sql import to_spark
    schema = {"t": {"x": "DOUBLE", "s": "VARCHAR", "n": "BIGINT", "d": "DATE", "__row": "BIGINT"}}
    sql = ('SELECT lag("t"."x") OVER (PARTITION BY "t"."s", "t"."n" ORDER BY "t"."d" NULLS LAST, "t"."__row") '
           'AS "lag(x, d, s, n)" FROM "t"')
    assert to_spark(sql, schema) == ("SELECT LAG(`t`.`x`) OVER (PARTITION BY `t`.`s`, `t`.`n` ORDER BY `t`.`d` "
                                     "NULLS LAST, `t`.`__row` NULLS LAST) AS `lag(x, d, s, n)` FROM `t`")


def test_sparks_own_sql_of_the_table_partitions_by_the_station(spark: Any) -> None:
    from factcheck.engine import prepare
    from factcheck.loading import table_read
    session = prepare(RIVER / "claims.yaml", engine="spark")
    try:
        sql = session.backend.engine_reader_sql(table_read(session.prepared, "readings"))
    finally:
        session.backend.close()
    assert ("LAG(`readings`.`reading`) OVER (PARTITION BY `readings`.`station` ORDER BY `readings`.`date` NULLS LAST, "
            "`readings`.`__row` NULLS LAST) AS `lag(reading, date, station)`") in sql


def test_the_river_story_gives_the_same_figures_on_spark(spark: Any) -> None:
    on_spark = factcheck.verify(RIVER / "claims.yaml", engine="spark")
    on_duckdb = factcheck.verify(RIVER / "claims.yaml")
    assert [(r.verdict, r.value) for r in on_spark.results] == [(r.verdict, r.value) for r in on_duckdb.results]
    assert [r.value for r in on_spark.results] == [5, 13, 2]


def test_unnamed_series_are_refused_alike_on_spark(spark: Any, tmp_path: Path) -> None:
    path = unnamed(tmp_path)
    on_duckdb = runner.invoke(app, ["run", str(path)], env={"COLUMNS": "2000"})
    on_spark = runner.invoke(app, ["run", str(path), "--engine", "spark"], env={"COLUMNS": "2000"})
    assert on_spark.exit_code == on_duckdb.exit_code == 2, on_spark.output
    assert on_spark.output == on_duckdb.output
    assert "hint: name the series it walks: lag(reading, date, station)" in on_spark.output
