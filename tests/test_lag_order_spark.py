"""The check that ``lag(x)``'s file runs forward in time gives DuckDB's outcome on Spark: the same
refusal, word for word, of a file newest first; the same report of a file oldest first.

Spark has no streaming window over the rows as they come: it asks the same question with the
rows sorted by their file row number. Uses the suite's one local Spark session (``spark`` in
conftest.py), skipped without pyspark or Java.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
from test_lag_order import COUNT, STREAK, newest_first, oldest_first, write
from typer.testing import CliRunner

import factcheck
from factcheck.cli import app

runner = CliRunner()


def test_a_file_newest_first_is_refused_alike_on_spark(spark: Any, tmp_path: Path) -> None:
    path = write(tmp_path, newest_first(), [(STREAK, "4"), (COUNT, "8")])
    on_duckdb = runner.invoke(app, ["run", str(path)], env={"COLUMNS": "2000"})
    on_spark = runner.invoke(app, ["run", str(path), "--engine", "spark"], env={"COLUMNS": "2000"})
    assert on_spark.exit_code == on_duckdb.exit_code == 2, on_spark.output
    assert on_spark.output == on_duckdb.output
    assert "line 3 holds 2024-11-01 below 2024-12-01 on line 2" in on_spark.output


def test_a_parquet_file_newest_first_is_refused_alike_on_spark(spark: Any, tmp_path: Path) -> None:
    write(tmp_path, newest_first(), [])
    duckdb.sql(f"COPY (SELECT * FROM read_csv('{tmp_path / 'monthly.csv'}')) TO '{tmp_path / 'm.parquet'}' "
               "(FORMAT PARQUET)")
    path = tmp_path / "c.yaml"
    path.write_text("version: 1\ntables:\n  monthly: {path: m.parquet, time: month}\nclaims:\n"
                    f"  - id: c\n    says: a sentence\n    measure: {COUNT}\n    expect: 8\n", encoding="utf-8")
    on_duckdb = runner.invoke(app, ["run", str(path)], env={"COLUMNS": "2000"})
    on_spark = runner.invoke(app, ["run", str(path), "--engine", "spark"], env={"COLUMNS": "2000"})
    assert on_spark.exit_code == on_duckdb.exit_code == 2, on_spark.output
    assert on_spark.output == on_duckdb.output
    assert "row 2 holds 2024-11-01 below 2024-12-01 on row 1" in on_spark.output


def test_a_file_oldest_first_gives_the_same_figures_on_spark(spark: Any, tmp_path: Path) -> None:
    path = write(tmp_path, oldest_first(), [(STREAK, "4"), (COUNT, "8")])
    on_spark = factcheck.verify(path, engine="spark")
    assert [(r.verdict, r.value) for r in on_spark.results] == [(r.verdict, r.value)
                                                                for r in factcheck.verify(path).results]
    assert [r.value for r in on_spark.results] == [4, 8]
