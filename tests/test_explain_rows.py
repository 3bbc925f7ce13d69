"""`explain --rows` writes every column of the rows behind a figure (issue 11, item 8), not
only those the claim uses, so a reporter can tell which rows they are — and still only the
rows behind the figure."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import factcheck
from factcheck.cli import app

SHOPS = """\
order_id,shop,region,amount,customer_note,clerk
1,North Road,north,12.5,"paid in cash, thanked us",Ann
2,North Road,north,40,,Bo
3,High Street,south,7,"said ""hello"" twice",Ann
4,High Street,south,55.25,,Cy
5,Quay,east,3,late,Bo
"""
CLAIMS = """\
version: 1
tables:
  orders: {path: orders.csv, key: order_id}
claims:
  - id: north-share
    says: Two of the five orders came from the north.
    measure: {share: region == 'north', of: orders, where: amount > 5}
    expect: 50%
"""


def test_the_rows_behind_a_figure_have_every_column_of_their_table(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "orders.csv").write_text(SHOPS, encoding="utf-8")
    (tmp_path / "claims.yaml").write_text(CLAIMS, encoding="utf-8")
    out = tmp_path / "rows.csv"
    result = CliRunner().invoke(app, ["explain", str(tmp_path / "claims.yaml"), "north-share", "--rows", str(out)])
    assert result.exit_code == 0, result.output
    assert f"wrote the 4 rows behind the figure to {out}" in " ".join(result.output.split())  # how many, said
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    header = list(rows[0])
    assert header[:6] == ["order_id", "shop", "region", "amount", "customer_note", "clerk"]  # unused ones too
    assert [r["order_id"] for r in rows] == ["1", "2", "3", "4"]  # only the rows behind it: amount > 5
    assert rows[0]["customer_note"] == "paid in cash, thanked us" and rows[2]["customer_note"] == 'said "hello" twice'
    assert [r["clerk"] for r in rows] == ["Ann", "Bo", "Ann", "Cy"]
    assert [r["condition"] for r in rows] == ["True", "True", "False", "False"]
    # the terminal's sample keeps to the columns the claim uses
    sample = result.output.split("rows kept", 1)[1].split("SQL", 1)[0]
    assert "region" in sample and "amount" in sample and "clerk" not in sample and "customer_note" not in sample


def test_a_lookup_brings_every_column_of_the_row_it_joins(tmp_path: Path) -> None:
    mini = Path(__file__).parent / "fixtures" / "mini"
    for name in ("cases.csv", "victims.csv", "gdp.csv", "claims.yaml"):
        shutil.copy(mini / name, tmp_path / name)
    result = CliRunner().invoke(app, ["explain", str(tmp_path / "claims.yaml"), "facebook-share", "--rows", "-"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {"sex", "minor", "age", "case_type", "region"} <= set(rows[0])  # used by no claim
    assert [r["victim_id"] for r in rows] == ["V4", "V5", "V6", "V8", "V9", "V10"]


def test_explain_of_a_claim_on_an_optional_table_without_its_file_shows_it_unverifiable(tmp_path: Path) -> None:
    """Found by the CLI fuzz test: explain queried the missing table for its steps ("Table with name
    gone does not exist", an internal error); the claim is shown unverifiable, without steps."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "t.csv").write_text("a\n1\n", encoding="utf-8")
    path = tmp_path / "claims.yaml"
    path.write_text("version: 1\ntables:\n  t: {path: t.csv}\n  gone: {path: gone.csv, optional: true}\n"
                    "claims:\n  - {id: c0, says: s, measure: {count: gone}, expect: 10}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["explain", str(path), "c0"])
    assert result.exit_code == 0, result.output
    assert "table gone is not available" in result.output and "internal error" not in result.output
    # and its rows are none (found by the fuzz test too: "SELECT clause without selection list")
    result = CliRunner().invoke(app, ["explain", str(path), "c0", "--rows", str(tmp_path / "rows.csv")])
    assert result.exit_code == 0, result.output
    assert "internal error" not in result.output and (tmp_path / "rows.csv").read_text().strip() == ""
    assert "wrote no rows" in result.output and "table gone is not available" in result.output.split("wrote")[-1]
    assert factcheck.explain(path, "c0").rows().empty


def test_explain_of_a_period_not_covered_whose_filter_cannot_run_says_why(tmp_path: Path) -> None:
    """Found by the CLI fuzz test: a claim on a file with a header and no rows, whose filter
    compares a column with a number. `run` judges it unverifiable (the period is not covered:
    no query runs), but explain's steps ran the filter anyway and DuckDB refused to compare the
    column, read as text, with 1: an internal error. Now the same problem `run` gives for a
    query that fails, with its line and a hint."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "t.csv").write_text("id,a\n", encoding="utf-8")
    path = tmp_path / "claims.yaml"
    path.write_text("version: 1\ntables:\n  t: {path: t.csv}\nclaims:\n"
                    "  - {id: c0, says: s, measure: {change: {count: t, where: a > 1}, over: a, from: 2019, to: 2020},"
                    " expect: up 11%}\n", encoding="utf-8")
    assert CliRunner().invoke(app, ["run", str(path)]).exit_code == 0
    result = CliRunner().invoke(app, ["explain", str(path), "c0"])
    assert result.exit_code == 2, result.output
    assert "internal error" not in result.output
    assert "claims.yaml:5: claim 'c0': column 'a' of table 't' is empty in every row" in result.output
    assert "hint: declare its type: columns: {a: number}" in result.output


BIG_CLAIMS = """\
version: 1
tables:
  t:
    path: t.{ext}
    lookup:
      other: u via k
  u:
    path: u.csv
    key: k
claims:
  - id: a
    says: s
    measure: {{share: f, of: t, where: other.even}}
    expect: 14%
"""


@pytest.mark.parametrize("ext", ["csv", "parquet"])
def test_rows_through_a_lookup_come_in_file_order_over_many_row_groups(tmp_path: Path, ext: str) -> None:
    """A join on several threads gives its rows in no set order (on DuckDB past one row group of
    122,880 rows, on Spark always): the rows are ordered by the file-order row number of the table
    counted, which is not written out."""
    import duckdb
    (tmp_path / ".git").mkdir()
    con = duckdb.connect()
    con.execute(f"COPY (SELECT range AS i, range % 1000 AS k, range % 7 = 0 AS f FROM range(300000)) "
                f"TO '{tmp_path / f't.{ext}'}'" + (" (FORMAT parquet)" if ext == "parquet" else ""))
    con.execute(f"COPY (SELECT range AS k, range % 2 = 0 AS even FROM range(1000)) TO '{tmp_path / 'u.csv'}'")
    (tmp_path / "claims.yaml").write_text(BIG_CLAIMS.format(ext=ext), encoding="utf-8")
    out = tmp_path / "rows.csv"
    result = CliRunner().invoke(app, ["explain", str(tmp_path / "claims.yaml"), "a", "--rows", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        kept = [int(row[0]) for row in reader]
    assert header == ["i", "k", "f", "k_1", "even", "condition"]  # no row number among them
    assert kept == [i for i in range(300000) if i % 1000 % 2 == 0]


SALES = """\
id,shop_id,amount
5,b,10
3,a,14
9,b,9
1,c,20
7,a,25
"""
SHOPS_OPENED = """\
shop_id,opened
c,2001
a,2005
b,2003
"""
WINDOWED = """\
version: 1
tables:
  sales:
    path: sales.{ext}
    lookup:
      shop: shops via shop_id
    derive:
      growth: amount - lag(amount)
  shops:
    path: shops.csv
    key: shop_id
    derive:
      newer: opened > lag(opened)
claims:
  - id: grew
    says: Sales grew after two of the three orders of shops newer than the one before.
    measure: {{share: growth > 0, of: sales, where: growth is not null and shop.newer is not null}}
    expect: 67%
  - id: plain
    says: Three of the five orders were over 10.
    measure: {{share: amount > 10, of: sales}}
    expect: 60%
"""


def windowed_tables(folder: Path, ext: str = "csv") -> Path:
    """Sales whose file order is no sort order, a lag derive on them and on the shops they look up."""
    (folder / ".git").mkdir(exist_ok=True)
    (folder / "sales.csv").write_text(SALES, encoding="utf-8")
    (folder / "shops.csv").write_text(SHOPS_OPENED, encoding="utf-8")
    if ext == "parquet":
        import duckdb
        duckdb.connect().execute(f"COPY (SELECT * FROM read_csv('{folder / 'sales.csv'}')) "
                                 f"TO '{folder / 'sales.parquet'}' (FORMAT parquet)")
    path = folder / "claims.yaml"
    path.write_text(WINDOWED.format(ext=ext), encoding="utf-8")
    return path


WINDOWED_ROWS = ["id,shop_id,amount,growth,shop_id_1,opened,newer,condition",
                 "3,a,14,4,a,2005,True,True", "9,b,9,-5,b,2003,False,False", "7,a,25,5,a,2005,True,True"]


@pytest.mark.parametrize("ext", ["csv", "parquet"])
def test_the_row_number_lag_reads_is_never_among_the_rows_shown(tmp_path: Path, ext: str) -> None:
    """A table with `lag`/`lead` derives is read with a file-order row number (`__row`), an engine's
    own numbering: `explain --rows` wrote it (for the counted table and for a lookup's), and the
    sample showed it. Neither does now; the rows still come in the file's order."""
    path = windowed_tables(tmp_path, ext)
    result = CliRunner().invoke(app, ["explain", str(path), "grew", "--rows", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == WINDOWED_ROWS
    shown = factcheck.explain(path, "grew")
    assert shown.scans[0].sample_columns == ["shop_id", "amount", "growth", "condition"]
    assert [row[1:3] for row in shown.scans[0].sample] == [(14, 4), (9, -5), (25, 5)]


@pytest.mark.parametrize("ext", ["csv", "parquet"])
def test_the_sql_shown_numbers_rows_only_for_lag_and_gives_the_figure(tmp_path: Path, ext: str,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """`explain` reads the counted table with its row number to give its rows in file order; the SQL
    it shows to paste into DuckDB carried that numbering too (`row_number() OVER () AS "__row"`)
    where no `lag` needs it. It does not now, and pasted into DuckDB it gives the figure."""
    import duckdb
    path = windowed_tables(tmp_path, ext)
    monkeypatch.chdir(tmp_path)  # the SQL names its files relative to where it is run
    plain, grew = (factcheck.explain(path, claim) for claim in ("plain", "grew"))
    assert "__row" not in plain.result.sql and "row_number" not in plain.result.sql
    assert "file_row_number" not in plain.result.sql
    assert '"__row"' in grew.result.sql  # lag's order: needed there
    for shown, (kept, known, meeting) in ((plain, (5, 5, 3)), (grew, (3, 3, 2))):
        assert shown.result.sql is not None
        assert duckdb.connect().execute(shown.result.sql).fetchall() == [(kept, known, meeting)]
        assert (shown.result.numerator, shown.result.denominator) == (meeting, known)


@pytest.mark.parametrize(("measure", "why"), [
    ("{count: orders, where: amount > 100}", "the claim's filter keeps no row"),
    ("{change: {count: orders}, over: order_id, from: 10, to: 11}", "no row falls in the periods the claim names"),
    (None, "the claim has no measure yet"),
])
def test_explain_rows_says_how_many_rows_it_wrote_and_why_there_are_none(tmp_path: Path, measure: str | None,
                                                                       why: str) -> None:
    """`explain --rows` said "wrote the rows behind the figure" over an empty file, with no word of why."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "orders.csv").write_text(SHOPS, encoding="utf-8")
    claim = CLAIMS.replace("    measure: {share: region == 'north', of: orders, where: amount > 5}\n",
                           f"    measure: {measure}\n" if measure else "")
    assert claim != CLAIMS
    (tmp_path / "claims.yaml").write_text(claim.replace("expect: 50%", "expect: up 10%" if "change" in str(measure) else "expect: 3" if measure else "expect: 50%"),
                                          encoding="utf-8")
    out = tmp_path / "rows.csv"
    result = CliRunner().invoke(app, ["explain", str(tmp_path / "claims.yaml"), "north-share", "--rows", str(out)])
    assert result.exit_code == 0, result.output
    assert f"wrote no rows to {out}: {why}" in " ".join(result.output.split())
    assert list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))) == []
    # on stdout the CSV stays clean: the reason goes to stderr
    result = CliRunner().invoke(app, ["explain", str(tmp_path / "claims.yaml"), "north-share", "--rows", "-"])
    assert result.exit_code == 0, result.output
    assert why not in result.stdout and why in " ".join(result.stderr.split())
    if measure:
        assert result.stdout.startswith("order_id,shop,region")  # the columns, so a spreadsheet still opens it


def test_the_steps_of_a_ratio_name_its_numerator_and_its_denominator(tmp_path: Path) -> None:
    """Two blocks "Steps on enrollment", one above the other, did not say which was which (a walk of
    a schools story)."""
    (tmp_path / "e.csv").write_text("district,students,absent\nA,100,20\nA,200,30\nB,50,5\n")
    (tmp_path / "c.yaml").write_text(
        "tables:\n  e: {path: e.csv}\nclaims:\n  - id: rate\n    says: s\n    measure:\n      ratio:\n"
        "        numerator: {sum: absent, of: e, where: \"district == 'A'\"}\n"
        "        denominator: {sum: students, of: e, where: \"district == 'A'\"}\n    expect: 1 in 6\n")
    out = CliRunner().invoke(app, ["explain", str(tmp_path / "c.yaml"), "rate"]).output
    assert "Steps on e (numerator)" in out and "Steps on e (denominator)" in out, out
    assert out.index("(numerator)") < out.index("(denominator)")
