"""What a claims file or the machine around a run cannot make ``--engine spark`` do: substitute
variables into the SQL, read files beside the one named, take logging settings from a shared
temporary folder, or hang for a minute on a master that is not there."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import factcheck
from factcheck.backends import spark_session
from factcheck.cli import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()

ROWS = "id,platform\n1,Facebook\n2,Instagram\n3,Snapchat\n"


def _claims(folder: Path, path: str, measure: str, expect: str, derive: str = "") -> Path:
    """A claims file in ``folder`` over one table ``t`` read from ``path``."""
    derives = f"    derive:\n      leak: \"{derive}\"\n" if derive else ""
    text = (f"tables:\n  t:\n    path: '{path}'\n{derives}claims:\n  - id: c1\n    says: a sentence\n"
            f"    measure: {measure}\n    expect: {expect}\n")
    (folder / "claims.yaml").write_text(text, encoding="utf-8")
    return folder / "claims.yaml"


def _figures(report: factcheck.Report) -> list[Any]:
    return [(r.id, r.verdict, r.value) for r in report.results]


# --------------------------------------------------------------------------- ${...} in SQL text

def test_a_dollar_brace_literal_is_the_text_itself_on_spark_as_on_duckdb(spark: Any, tmp_path: Path) -> None:
    """Spark would put $HOME, a JVM property and a Spark setting in the literals, even in a session
    started with substitution on (a notebook's): the run turns it off, and gives the setting back."""
    (tmp_path / "t.csv").write_text(ROWS, encoding="utf-8")
    derive = ("case when id == 1 then '${env:HOME}' when id == 2 then '${system:user.home}' "
              "else '${spark.app.name}' end")
    path = _claims(tmp_path, "t.csv", "{top: leak, of: t, n: 5}", "[a, b]", derive=derive)
    spark.conf.set("spark.sql.variable.substitute", "true")
    try:
        on_spark = factcheck.verify(path, engine="spark")
        assert spark.conf.get("spark.sql.variable.substitute") == "true"  # the session's own setting, back
    finally:
        spark.conf.set("spark.sql.variable.substitute", "false")
    duck = factcheck.verify(path)
    assert _figures(on_spark) == _figures(duck)
    assert "${env:HOME}" in str(duck.results[0].value)


def test_a_variable_holding_a_quote_cannot_change_the_query(spark: Any, tmp_path: Path) -> None:
    """A value Spark would substitute into a literal (an environment variable, or here a setting)
    holding ``')or('1'='1`` would count every row; the literal is the text written."""
    (tmp_path / "t.csv").write_text(ROWS, encoding="utf-8")
    path = _claims(tmp_path, "t.csv", "{count: t, where: \"contains(platform, '${factcheck.test.branch}')\"}", "0")
    spark.conf.set("factcheck.test.branch", "x')or('1'='1")
    spark.conf.set("spark.sql.variable.substitute", "true")
    try:
        on_spark = factcheck.verify(path, engine="spark")
    finally:
        spark.conf.set("spark.sql.variable.substitute", "false")
        spark.conf.unset("factcheck.test.branch")
    assert _figures(on_spark) == _figures(factcheck.verify(path)) == [("c1", "pass", 0.0)]


def test_harden_turns_substitution_off_and_restore_gives_the_session_its_setting_back(spark: Any) -> None:
    spark.conf.set("spark.sql.variable.substitute", "true")
    try:
        before = spark_session.harden(spark)
        assert spark.sql("SELECT '${env:HOME}' AS x").collect()[0][0] == "${env:HOME}"
        spark_session.restore(spark, before)
        assert spark.conf.get("spark.sql.variable.substitute") == "true"
    finally:
        spark.conf.set("spark.sql.variable.substitute", "false")


# --------------------------------------------------------------------------- the file named, only it

@pytest.mark.parametrize("name", ["a*.csv", "a?.csv", "a[b].csv", "{ab,zz}.csv", "a\\b.csv"])
def test_a_file_named_with_glob_characters_is_read_alone(spark: Any, tmp_path: Path, name: str) -> None:
    """Hadoop would expand the name and read ``ab.csv`` (or a link beside it, to outside the
    repository) too; DuckDB reads the one file, and so does Spark."""
    (tmp_path / name).write_text("id,platform\n1,Named\n", encoding="utf-8")
    (tmp_path / "ab.csv").write_text(ROWS, encoding="utf-8")
    path = _claims(tmp_path, name, "{top: platform, of: t, n: 10}", "[Named]")
    duck = factcheck.verify(path)
    assert _figures(duck) == [("c1", "pass", ["Named"])]
    assert _figures(factcheck.verify(path, engine="spark")) == _figures(duck)


def test_a_parquet_file_named_with_a_glob_is_read_alone(spark: Any, tmp_path: Path) -> None:
    import duckdb
    con = duckdb.connect()
    con.execute(f"COPY (SELECT 1 AS id, 'Named' AS platform) TO '{tmp_path / 'a_.parquet'}' (FORMAT parquet)")
    (tmp_path / "a_.parquet").rename(tmp_path / "a*.parquet")
    con.execute(f"COPY (SELECT 2 AS id, 'Other' AS platform) TO '{tmp_path / 'ab.parquet'}' (FORMAT parquet)")
    path = _claims(tmp_path, "a*.parquet", "{top: platform, of: t, n: 10}", "[Named]")
    duck = factcheck.verify(path)
    assert _figures(duck) == [("c1", "pass", ["Named"])]
    assert _figures(factcheck.verify(path, engine="spark")) == _figures(duck)


def test_the_glob_escape_leaves_other_characters_alone() -> None:
    from factcheck.backends.spark import hadoop_path
    assert hadoop_path("/data/2020 cases (final)-v2.csv") == "/data/2020 cases (final)-v2.csv"
    assert hadoop_path("/d/a*b?[c]{d}\\e.csv") == "/d/a\\*b\\?\\[c\\]\\{d\\}\\\\e.csv"


def test_a_file_named_with_a_colon_is_refused_naming_the_table_and_line(spark: Any, tmp_path: Path) -> None:
    (tmp_path / "a:b.csv").write_text(ROWS, encoding="utf-8")
    path = _claims(tmp_path, "a:b.csv", "{count: t}", "3")
    assert runner.invoke(app, ["run", str(path)]).exit_code == 0  # DuckDB reads it
    result = runner.invoke(app, ["run", str(path), "--engine", "spark"])
    assert result.exit_code == 2, result.output
    assert "table 't'" in result.output and "':'" in result.output and "claims.yaml:3" in result.output
    assert "rename the file" in result.output and "Traceback" not in result.output and "at org." not in result.output


# --------------------------------------------------------------------------- logging settings

def test_the_log4j_settings_are_a_file_of_the_package_and_nothing_is_written_to_tmp(tmp_path: Path) -> None:
    """A fresh run (its own JVM) with TMPDIR pointing at an empty folder: no settings file appears
    there, and Spark's start-up chatter stays off stderr (the packaged settings took effect)."""
    pytest.importorskip("pyspark", reason="pyspark is not installed")
    if shutil.which("java") is None:
        pytest.skip("Java is not installed")
    assert spark_session.LOG4J_FILE.is_file()
    assert spark_session.LOG4J_FILE.parent == Path(spark_session.__file__).parent
    (tmp_path / "t.csv").write_text(ROWS, encoding="utf-8")
    path = _claims(tmp_path, "t.csv", "{count: t}", "3")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "SPARK_MASTER"} | {"TMPDIR": str(tmp)}
    proc = subprocess.run([sys.executable, "-m", "factcheck", "run", str(path), "--engine", "spark"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert not list(tmp.glob("factcheck-spark-log4j2*")) and not list(tmp.glob(".factcheck-log4j2-*"))
    assert "Using Spark's default log4j profile" not in proc.stderr
    assert " WARN " not in proc.stderr and " INFO " not in proc.stderr, proc.stderr


# --------------------------------------------------------------------------- a master not there

def _closed_port() -> int:
    """A local port nothing listens on (bound, then closed)."""
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_an_unreachable_master_is_a_short_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pyspark", reason="pyspark is not installed")
    if shutil.which("java") is None:
        pytest.skip("Java is not installed")
    monkeypatch.setattr(spark_session, "active", lambda: None)  # not the tests' own session
    (tmp_path / "t.csv").write_text(ROWS, encoding="utf-8")
    path = _claims(tmp_path, "t.csv", "{count: t}", "3")
    master = f"spark://127.0.0.1:{_closed_port()}"
    monkeypatch.setenv("SPARK_MASTER", master)
    started = time.monotonic()
    result = runner.invoke(app, ["run", str(path), "--engine", "spark"])
    assert time.monotonic() - started < 15
    assert result.exit_code == 2, result.output
    assert f"cannot reach the Spark master {master} (from $SPARK_MASTER)" in result.output
    assert "connection refused" in result.output and "hint: start the master" in result.output
    assert "Java 17" not in result.output


@pytest.mark.parametrize(("master", "reached"), [
    ("local[2]", True), ("local", True), ("yarn", True),
    ("spark://127.0.0.1:{port}", False), ("spark://127.0.0.1:{port},127.0.0.1:{port}", False),
    ("k8s://https://127.0.0.1:{port}", False), ("k8s://127.0.0.1:{port}", False),
    ("spark://127.0.0.1:{listening}", True), ("spark://127.0.0.1:{port},127.0.0.1:{listening}", True),
])
def test_which_masters_are_checked_before_spark_starts(master: str, reached: bool) -> None:
    import socket
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        url = master.format(port=_closed_port(), listening=server.getsockname()[1])
        assert (spark_session.unreachable(url, timeout=2) is None) is reached
