"""``lag(x)``/``lead(x)`` without an order follow the file: a file that runs backwards in the order
the claim implies stops the run, naming the rows, instead of giving a silently wrong figure.

Found walking a story of 311 requests (F18): monthly totals exported newest first, with the
table declaring ``time: month``. "Requests rose for four straight months" failed as 1 and "rose
in 8 months" as 3, because ``lag(requests)`` read the *next* month; ``lag(requests, month)`` gave
the truth. Every test here that expects a refusal gave a figure before the check existed.
"""

from __future__ import annotations

import textwrap
from itertools import pairwise
from pathlib import Path

import pytest
from conftest import record_statements
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import factcheck
from factcheck import Verdict
from factcheck.cli import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()

# monthly 311 totals for 2024; rose month on month in Feb–May and Aug–Nov (8 months), 4 in a row to November
TOTALS = {"2024-01-01": 40, "2024-02-01": 44, "2024-03-01": 50, "2024-04-01": 58, "2024-05-01": 61,
          "2024-06-01": 55, "2024-07-01": 52, "2024-08-01": 60, "2024-09-01": 66, "2024-10-01": 70,
          "2024-11-01": 75, "2024-12-01": 71}
STREAK = "{streak: \"requests > lag(requests)\", of: monthly, order: month, ending: '2024-11-01'}"
COUNT = "{count: monthly, where: \"requests > lag(requests)\"}"


def write(tmp_path: Path, rows: list[tuple[str, int | str]], claims: list[tuple[str, str]], *,
          table: str = "{path: monthly.csv, key: month, time: month}", header: str = "month,requests") -> Path:
    """monthly.csv with ``rows`` in the order given, and a claims file of (measure, expect) claims."""
    (tmp_path / "monthly.csv").write_text(header + "\n" + "".join(f"{m},{n}\n" for m, n in rows), encoding="utf-8")
    body = "".join(f"  - id: c{i}\n    says: a sentence\n    measure: {measure}\n    expect: {expect}\n"
                   for i, (measure, expect) in enumerate(claims))
    path = tmp_path / "c.yaml"
    path.write_text(f"version: 1\ntables:\n  monthly: {table}\nclaims:\n{body}", encoding="utf-8")
    return path


def newest_first() -> list[tuple[str, int | str]]:
    return sorted(TOTALS.items(), reverse=True)


def oldest_first() -> list[tuple[str, int | str]]:
    return sorted(TOTALS.items())


def refused(path: Path, *args: str) -> str:
    result = runner.invoke(app, ["run", str(path), *args], env={"COLUMNS": "2000"})
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return " ".join(result.output.split())


def test_a_streak_over_a_file_newest_first_stops_naming_the_claim_table_rows_and_the_way_out(tmp_path: Path) -> None:
    """Before: FAIL, "stated 4, computed 1"."""
    out = refused(write(tmp_path, newest_first(), [(STREAK, "4")]))
    assert f"{tmp_path / 'c.yaml'}:7: claim 'c0':" in out
    assert "lag(requests) reads the row above each row in the file" in out
    assert "table 'monthly'" in out and "monthly.csv" in out and "not in order of month (the streak's order)" in out
    assert "line 3 holds 2024-11-01 below 2024-12-01 on line 2" in out
    assert "month goes back 11 times in 12 rows" in out
    assert "hint: write lag(requests, month) to take the month before" in out


def test_a_count_over_a_file_newest_first_stops_by_the_tables_time_column(tmp_path: Path) -> None:
    """Before: FAIL, "stated 8, computed 3". No claim reads ``month``: it is read for the check."""
    out = refused(write(tmp_path, newest_first(), [(COUNT, "8")]))
    assert "claim 'c0'" in out and "not in order of month (the table's time:)" in out
    assert "line 3 holds 2024-11-01 below 2024-12-01 on line 2" in out


def test_lead_names_the_row_below_and_the_month_after(tmp_path: Path) -> None:
    out = refused(write(tmp_path, newest_first(), [("{count: monthly, where: \"requests < lead(requests)\"}", "8")]))
    assert "lead(requests) reads the row below each row in the file" in out
    assert "would not be the month after" in out and "write lead(requests, month)" in out


def test_a_derive_the_claim_reads_is_named_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, newest_first(), [("{count: monthly, where: rose}", "8")],
                 table="\n    path: monthly.csv\n    time: month\n    derive:\n      before: lag(requests)\n"
                       "      rose: requests > before")
    out = refused(path)
    assert "lag(requests) (in the derive 'before' the claim reads, line 7) reads the row above" in out
    assert "write lag(requests, month) in the derive 'before'" in out


def test_every_claim_that_walks_the_file_backwards_is_named_and_the_others_not(tmp_path: Path) -> None:
    ordered = "{streak: \"requests > lag(requests, month)\", of: monthly, order: month, ending: '2024-11-01'}"
    out = refused(write(tmp_path, newest_first(), [(STREAK, "4"), (ordered, "4"), (COUNT, "8")]))
    assert "2 problems stop this run" in out
    assert "claim 'c0'" in out and "claim 'c2'" in out and "claim 'c1'" not in out


def test_a_file_oldest_first_gives_the_same_figures_as_before(tmp_path: Path) -> None:
    report = factcheck.verify(write(tmp_path, oldest_first(), [(STREAK, "4"), (COUNT, "8")]))
    assert [(r.verdict, r.value) for r in report.results] == [(Verdict.PASS, 4), (Verdict.PASS, 8)]


def test_lag_ordered_by_the_month_is_right_whatever_the_files_order(tmp_path: Path) -> None:
    streak = "{streak: \"requests > lag(requests, month)\", of: monthly, order: month, ending: '2024-11-01'}"
    count = "{count: monthly, where: \"requests > lag(requests, month)\"}"
    report = factcheck.verify(write(tmp_path, newest_first(), [(streak, "4"), (count, "8")]))
    assert [(r.verdict, r.value) for r in report.results] == [(Verdict.PASS, 4), (Verdict.PASS, 8)]


def test_ties_in_the_time_column_are_in_order_and_blanks_are_skipped(tmp_path: Path) -> None:
    """Two rows a month (two boroughs) in month order, a row without a month between: runs forward."""
    rows: list[tuple[str, int | str]] = [(m, n) for m, n in oldest_first() for _ in range(2)]
    rows.insert(5, ("", 1))
    report = factcheck.verify(write(tmp_path, rows, [(COUNT, "9")], table="{path: monthly.csv, time: month}"))
    r = report.results[0]
    assert r.verdict is Verdict.PASS, r.message  # as before the check: 8 rises, and the row after the blank (50 > 1)


def test_ties_newest_first_are_still_backwards(tmp_path: Path) -> None:
    rows: list[tuple[str, int | str]] = [(m, n) for m, n in newest_first() for _ in range(2)]
    out = refused(write(tmp_path, rows, [(COUNT, "8")], table="{path: monthly.csv, time: month}"))
    assert "line 4 holds 2024-11-01 below 2024-12-01 on line 3" in out
    assert "hint: 2 rows hold month 2024-01-01: with more than one row per month" in out  # lag(x, month) is no way out
    assert ("name the columns that tell the series apart after month, lag(requests, month, COLUMN), or keep one row "
            "per month in the file the table reads") in out and "write lag(requests, month)" not in out


def test_two_stations_one_after_the_other_are_refused_with_the_series_as_the_way_out(tmp_path: Path) -> None:
    """Station A's days, then B's: B's first day reads A's last one; by date, A's day reads B's day
    before; by date within each station (no key declares the stations: the hint cannot name them)
    each day reads its own station's day before."""
    highs = {"2024-07-10": 90, "2024-07-11": 97, "2024-07-12": 98, "2024-07-13": 99}
    rows: list[tuple[str, int | str]] = [(f"{d},{s}", h + (s == "B")) for s in "AB" for d, h in highs.items()]
    streak = "{streak: \"high > lag(high)\", of: monthly, where: \"station == 'B'\", order: day}"
    out = refused(write(tmp_path, rows, [(streak, "3")], table="{path: monthly.csv, time: day}",
                        header="day,station,high"))
    assert "line 6 holds 2024-07-10 below 2024-07-13 on line 5" in out
    assert "2 rows hold day 2024-07-10" in out and "neither the rows' order nor lag(high, day) takes each row's own day" in out
    assert "name the columns that tell the series apart after day, lag(high, day, COLUMN)" in out
    named = "{streak: \"high > lag(high, day, station)\", of: monthly, where: \"station == 'B'\", order: day}"
    r = factcheck.verify(write(tmp_path, rows, [(named, "3")], table="{path: monthly.csv, time: day}",
                               header="day,station,high")).results[0]
    assert (r.verdict, r.value) == (Verdict.PASS, 3), r.message


def test_a_streak_ordered_by_an_expression_is_told_to_derive_its_order(tmp_path: Path) -> None:
    rows: list[tuple[str, int | str]] = [(f"{y}-06-30", n) for y, n in ((2024, 9), (2023, 8), (2022, 7), (2021, 3))]
    streak = "{streak: \"requests > lag(requests)\", of: monthly, order: year(month)}"
    out = refused(write(tmp_path, rows, [(streak, "3")], table="{path: monthly.csv}"))
    assert "not in order of year(month) (the streak's order)" in out
    assert "hint: sort the file by year(month), or derive a column holding year(month)" in out
    assert "lag(requests, that_column)" in out


def test_a_parquet_file_newest_first_names_its_rows(tmp_path: Path) -> None:
    import duckdb
    write(tmp_path, newest_first(), [])
    duckdb.sql(f"COPY (SELECT * FROM read_csv('{tmp_path / 'monthly.csv'}')) TO '{tmp_path / 'monthly.parquet'}' "
               "(FORMAT PARQUET)")
    path = tmp_path / "c.yaml"
    path.write_text("version: 1\ntables:\n  monthly: {path: monthly.parquet, time: month}\nclaims:\n"
                    f"  - id: c\n    says: a sentence\n    measure: {STREAK}\n    expect: 4\n", encoding="utf-8")
    out = refused(path)
    assert "row 2 holds 2024-11-01 below 2024-12-01 on row 1" in out


def test_a_dataframe_newest_first_is_refused_by_its_rows(tmp_path: Path) -> None:
    import pandas as pd

    from factcheck.errors import ClaimsFileError
    path = write(tmp_path, oldest_first(), [(STREAK, "4")])
    frame = pd.read_csv(tmp_path / "monthly.csv", parse_dates=["month"])
    assert factcheck.verify(path, tables={"monthly": frame}).results[0].value == 4
    with pytest.raises(ClaimsFileError) as info:
        factcheck.verify(path, tables={"monthly": frame.iloc[::-1].reset_index(drop=True)})
    said = str(info.value)
    assert "lag(requests) reads the row above each row in the DataFrame" in said
    assert "row 2 holds 2024-11-01T00:00:00 below 2024-12-01T00:00:00 on row 1" in said and "sort the DataFrame" in said


def test_one_time_column_in_order_of_several_is_enough(tmp_path: Path) -> None:
    """Cases in the order they were filed are not in the order they closed: either is the file's order."""
    rows = [("2024-01-05", "2024-03-01"), ("2024-02-01", "2024-02-10"), ("2024-03-01", "2024-06-01")]
    path = write(tmp_path, rows, [("{count: monthly, where: \"closed > lag(closed)\"}", "1")],
                 table="{path: monthly.csv, time: [filed, closed]}", header="filed,closed")
    assert factcheck.verify(path).results[0].verdict is Verdict.PASS
    backwards = [("2024-03-01", "2024-03-01"), ("2024-02-01", "2024-02-10"), ("2024-01-05", "2024-01-06")]
    out = refused(write(tmp_path, backwards, [("{count: monthly, where: \"closed > lag(closed)\"}", "0")],
                        table="{path: monthly.csv, time: [filed, closed]}", header="filed,closed"))
    assert "not in order of filed (the table's time:)" in out


def test_months_written_as_text_year_first_are_checked(tmp_path: Path) -> None:
    rows: list[tuple[str, int | str]] = [(m[:7], n) for m, n in newest_first()]
    out = refused(write(tmp_path, rows, [(COUNT, "8")]))
    assert "line 3 holds 2024-11 below 2024-12 on line 2" in out


def test_month_names_are_not_ordered_as_text(tmp_path: Path) -> None:
    """'Feb' sorts before 'Jan' as text: a file of month names in the year's order is not refused."""
    names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    rows: list[tuple[str, int | str]] = [(name, n) for name, (_, n) in zip(names, oldest_first(), strict=True)]
    r = factcheck.verify(write(tmp_path, rows, [(COUNT, "8")])).results[0]
    assert (r.verdict, r.value) == (Verdict.PASS, 8), r.message


def test_a_table_with_no_time_and_no_streak_order_follows_its_file_as_documented(tmp_path: Path) -> None:
    r = factcheck.verify(write(tmp_path, newest_first(), [(COUNT, "3")], table="{path: monthly.csv}")).results[0]
    assert (r.verdict, r.value) == (Verdict.PASS, 3), r.message


def test_a_streak_orders_its_rows_even_on_a_table_without_time(tmp_path: Path) -> None:
    out = refused(write(tmp_path, newest_first(), [(STREAK, "4")], table="{path: monthly.csv}"))
    assert "not in order of month (the streak's order)" in out


def test_the_story_runs_the_same_statements_with_and_without_the_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped story uses no lag(x): the check asks nothing, reads no column more."""
    asked = record_statements(monkeypatch)
    factcheck.verify(ROOT / "claims" / "2020.yaml")
    with_check = list(asked)
    asked.clear()
    from factcheck.planning import lag_order
    monkeypatch.setattr(lag_order.LagOrderCheck, "problems", lambda self, backend, rows: [])
    monkeypatch.setattr(lag_order, "plan_checks", lambda prepared: lag_order.LagOrderCheck(prepared))
    factcheck.verify(ROOT / "claims" / "2020.yaml")
    assert with_check == asked and with_check


def test_a_run_that_needs_the_check_asks_one_query_more(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked = record_statements(monkeypatch)
    factcheck.verify(write(tmp_path, oldest_first(), [(STREAK, "4")]))
    assert sum("bool_and(r > q)" in s for s in asked) == 1


def test_rows_that_do_not_stream_in_file_order_are_asked_again_sorted() -> None:
    """DuckDB streams the window over the rows as they come; a table whose row numbers do not come
    in order is checked again with the rows sorted by them."""
    from factcheck.backends.duckdb import DuckDB
    from factcheck.expressions import Name
    from factcheck.planning.lag_order import Order, _backwards
    from factcheck.planning.sql import expr_sql
    backend = DuckDB()
    try:
        backend.con.execute("CREATE TABLE t AS SELECT * FROM (VALUES (2, 20), (1, 10), (3, 30)) AS v(__row, y)")
        order = Order("y", expr_sql(Name("y"), "t"), Name("y"), False, "the streak's order")
        assert _backwards(backend, _NoTypes(), "t", order) is None  # 10, 20, 30 in row order
        backend.con.execute("CREATE OR REPLACE TABLE t AS SELECT * FROM (VALUES (2, 10), (1, 20), (3, 30)) AS v(__row, y)")
        back = _backwards(backend, _NoTypes(), "t", order)
        assert back is not None and (back.row, back.times, back.kept) == (2, 1, 3)
    finally:
        backend.close()


class _NoTypes:
    """A catalog that knows no column's type (the check of a streak's order needs none)."""

    def column_type(self, table: str):  # noqa: ANN201
        return lambda name: None


@settings(max_examples=60)
@given(st.lists(st.one_of(st.none(), st.integers(2000, 2005)), min_size=1, max_size=30))
def test_the_check_finds_the_first_row_below_the_last_value_above_it(years: list[int | None]) -> None:
    from factcheck.backends.duckdb import DuckDB
    from factcheck.expressions import Name
    from factcheck.planning.lag_order import Order, _backwards
    from factcheck.planning.sql import expr_sql
    backend = DuckDB()
    try:
        values = ", ".join(f"({i + 1}, {'NULL' if y is None else y})" for i, y in enumerate(years))
        backend.con.execute(f"CREATE TABLE t AS SELECT * FROM (VALUES {values}) AS v(__row, y)")
        back = _backwards(backend, _NoTypes(), "t", Order("y", expr_sql(Name("y"), "t"), Name("y"), False, "x"))
    finally:
        backend.close()
    kept = [(i + 1, y) for i, y in enumerate(years) if y is not None]
    drops = [row for (_, before), (row, y) in pairwise(kept) if y < before]
    if not drops:
        assert back is None
    else:
        assert back is not None and (back.row, back.times, back.kept) == (drops[0], len(drops), len(kept))


def test_claims_file_lines_and_rows_are_said_on_a_file_with_skipped_lines(tmp_path: Path) -> None:
    (tmp_path / "monthly.csv").write_text("311 requests by month\n" + "month,requests\n"
                                          + "".join(f"{m},{n}\n" for m, n in newest_first()), encoding="utf-8")
    path = tmp_path / "c.yaml"
    path.write_text(textwrap.dedent(f"""\
        version: 1
        tables:
          monthly: {{path: monthly.csv, time: month, csv: {{skip: 1}}}}
        claims:
          - id: c
            says: a sentence
            measure: {COUNT}
            expect: 8
        """), encoding="utf-8")
    out = refused(path)
    assert f"{path}:7: claim 'c'" in out and "line 4 holds 2024-11-01 below 2024-12-01 on line 3" in out
