"""A table with no rows (a CSV of its header alone, a Parquet file of none: an export that failed)
gives no figure: every claim that reads it is ``unverifiable`` (``no_rows``), naming the table and
its file, never a count of 0 that passes."""

from __future__ import annotations

from pathlib import Path

from conftest import one_table, verify_one

import factcheck
from factcheck.outcome import Reason, Verdict


def _unverifiable(r: factcheck.ClaimResult, table: str, file: str) -> None:
    assert r.verdict == Verdict.UNVERIFIABLE and r.reason == Reason.NO_ROWS, r
    assert f"table '{table}' has no rows" in r.message and file in r.message and "no data row" in r.message


def test_a_header_only_csv_is_no_count_of_zero(tmp_path: Path) -> None:
    r = one_table(tmp_path, ["id,year,amount"], "{count: t}", "0")
    _unverifiable(r, "t", "t.csv")


def test_every_measure_over_it_is_unverifiable(tmp_path: Path) -> None:
    for measure, expect in [("{sum: amount, of: t}", "0"), ("{share: amount > 5, of: t}", "0%"),
                            ("{top: year, of: t}", "[2024]"), ("{count: t, where: year == 2024}", "0"),
                            ("{change: {count: t}, over: year, from: 2023, to: 2024}", "up 5%")]:
        r = one_table(tmp_path, ["id,year,amount"], measure, expect, decl="time: year, columns: {amount: number}")
        _unverifiable(r, "t", "t.csv")


def test_a_lookup_with_no_rows_makes_the_claim_unverifiable(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text("id,state\n1,Ohio\n2,Texas\n", encoding="utf-8")
    (tmp_path / "states.csv").write_text("state,region\n", encoding="utf-8")
    r = verify_one(tmp_path, """\
        people: {path: people.csv, lookup: {st: states via state}}
        states: {path: states.csv}
        """, "{count: people, where: \"st.region == 'South'\"}", "0")
    _unverifiable(r, "states", "states.csv")


def test_a_table_with_rows_beside_it_is_judged(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("id\n1\n2\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("id\n", encoding="utf-8")
    r = verify_one(tmp_path, "a: {path: a.csv}\nb: {path: b.csv}\n", "{count: a}", "2")
    assert r.verdict == Verdict.PASS and "no rows" not in r.message


def test_an_empty_parquet_file(tmp_path: Path) -> None:
    import duckdb
    path = tmp_path / "t.parquet"
    duckdb.connect().execute(f"COPY (SELECT 1 AS id, 2.5 AS amount WHERE false) TO '{path}' (FORMAT parquet)")
    r = verify_one(tmp_path, "t: {path: t.parquet}\n", "{sum: amount, of: t}", "0")
    _unverifiable(r, "t", "t.parquet")


def test_the_command_says_it_and_strict_fails(tmp_path: Path) -> None:
    import subprocess
    import sys
    (tmp_path / "t.csv").write_text("id,year\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text("tables:\n  t: {path: t.csv}\nclaims:\n"
                                     "  - {id: n, says: None were filed., measure: {count: t}, expect: 0}\n",
                                     encoding="utf-8")
    run = [sys.executable, "-m", "factcheck", "run", "c.yaml"]
    done = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "UNVERIFIABLE" in done.stdout and "table 't' has no rows" in done.stdout
    assert "PASS" not in done.stdout
    strict = subprocess.run([*run, "--strict"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert strict.returncode == 1, strict.stdout + strict.stderr


def test_spark_says_what_duckdb_says(spark: object, tmp_path: Path) -> None:
    r = one_table(tmp_path, ["id,year,amount"], "{count: t}", "0")
    on_spark = factcheck.verify(tmp_path / "c.yaml", engine="spark").results[0]
    assert on_spark.verdict == Verdict.UNVERIFIABLE and on_spark.reason == Reason.NO_ROWS
    assert on_spark.message == r.message


def test_init_notes_a_file_without_rows(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from factcheck.cli import app
    (tmp_path / "t.csv").write_text("id,year,amount\n", encoding="utf-8")
    (tmp_path / "story.md").write_text("There were 12 filings in 2024.\n", encoding="utf-8")
    done = CliRunner().invoke(app, ["init", str(tmp_path / "story.md"), str(tmp_path / "t.csv")])
    assert done.exit_code == 0, done.output
    text = (tmp_path / "story.claims.yaml").read_text(encoding="utf-8")
    assert "# note: the file holds no data row" in text and "unverifiable (no_rows)" in text


def test_init_declares_no_key_nor_types_it_could_not_check(tmp_path: Path) -> None:
    """An id column of no rows is no key anyone saw unique, and text types guessed from no value
    would refuse the numbers that come with the rows: neither is declared, and the note says so."""
    from typer.testing import CliRunner

    from factcheck.cli import app
    (tmp_path / "t.csv").write_text("id,year,amount\n", encoding="utf-8")
    (tmp_path / "story.md").write_text("There were 12 filings in 2024.\n", encoding="utf-8")
    done = CliRunner().invoke(app, ["init", str(tmp_path / "story.md"), str(tmp_path / "t.csv")])
    assert done.exit_code == 0, done.output
    text = (tmp_path / "story.claims.yaml").read_text(encoding="utf-8")
    table = text.split("claims:")[0]
    assert "key:" not in table and "type:" not in table, table
    assert "\n    path: t.csv\n" in table  # as every table's path is written, not {path: t.csv}
    assert "the table has no rows" in table and "no key and no column types are declared" in table
    (tmp_path / "t.csv").write_text("id,year,amount\n1,2024,5.5\n", encoding="utf-8")  # the rows come
    assert factcheck.check(tmp_path / "story.claims.yaml").tables[0].rows == 1
