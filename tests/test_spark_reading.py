"""Spark reads a table exactly as DuckDB does: the same values, of the same Python types.

The tests that need Spark share the suite's one local session (the ``spark`` fixture of
conftest.py; starting one costs 10-30 s on two cores) and skip, saying why, when pyspark (``pip install -e '.[spark]'``)
or Java is missing. The translations of types, date formats and encodings need neither.

Each table is read twice: by DuckDB with factcheck's own reading options (the types of
its columns come from there, as the engine seam hands them to Spark), and by Spark
through ``factcheck.backends.spark_reading``; every column must hold the same values.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from factcheck.backends.spark_reading import (
    ROW_ORDER,
    CsvLayout,
    NotOnSpark,
    date_sql,
    java_date_pattern,
    read_csv,
    read_parquet,
    spark_charset,
    spark_type,
)
from factcheck.claims import Table, load
from factcheck.errors import DataError
from factcheck.sources.tables import csv_options_sql

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "spark"


# --------------------------------------------------------------------------- no Spark needed

def test_duckdb_types_map_to_spark_types_holding_the_same_values() -> None:
    assert [spark_type(t) for t in ("BIGINT", "DOUBLE", "DECIMAL(38,10)", "VARCHAR", "DATE", "TIMESTAMP",
                                    "BOOLEAN", "HUGEINT", "INTEGER")] == [
        "BIGINT", "DOUBLE", "DECIMAL(38,10)", "STRING", "DATE", "TIMESTAMP_NTZ", "BOOLEAN", "DECIMAL(38,0)", "INT"]
    with pytest.raises(NotOnSpark, match="INTERVAL"):
        spark_type("INTERVAL")


@pytest.mark.parametrize(("strftime", "java"), [
    ("%Y-%m-%d", "yyyy'-'M'-'d"),
    ("%m/%d/%Y", "M'/'d'/'yyyy"),
    ("%Y%m%d", "yyyyMMdd"),
    ("%d %b %Y", "d' 'MMM' 'yyyy"),
    ("%Y-%m-%dT%H:%M:%S", "yyyy'-'M'-'d'T'H':'m':'s"),
    ("week's %d.%m.%y", "'week''s 'd'.'M'.'yy"),
    ("100%% %Y", "'100% 'yyyy"),
])
def test_strftime_formats_become_java_patterns(strftime: str, java: str) -> None:
    assert java_date_pattern(strftime) == java


def test_a_date_format_spark_cannot_follow_is_refused_by_name() -> None:
    with pytest.raises(NotOnSpark, match="%U"):
        java_date_pattern("%Y week %U")


def test_encodings_are_translated_and_the_unsupported_named() -> None:
    assert [spark_charset(e) for e in (None, "utf-8", "UTF8", "latin-1", "iso-8859-1", "utf-16")] == [
        "UTF-8", "UTF-8", "UTF-8", "ISO-8859-1", "ISO-8859-1", "UTF-16"]
    with pytest.raises(NotOnSpark, match="cp1252"):
        spark_charset("cp1252")


def test_csv_layout_fills_in_factcheck_defaults() -> None:
    assert CsvLayout.of(Table(path="x.csv")) == CsvLayout()
    layout = CsvLayout.of(Table(path="x.csv", csv={"null": "NA", "skip": 2, "delimiter": ";"}))
    assert (layout.nulls, layout.skip, layout.delimiter, layout.lines_before_data) == (("NA",), 2, ";", 3)


# --------------------------------------------------------------------------- with Spark

def duckdb_reading(path: Path, decl: Table) -> tuple[list[str], dict[str, str], list[tuple[Any, ...]]]:
    """factcheck's DuckDB reading of a CSV: its columns, their types, its rows."""
    con = duckdb.connect()
    scan = f"read_csv('{path}', {csv_options_sql(decl)})"
    described = con.execute(f"DESCRIBE SELECT * FROM {scan}").fetchall()
    return [r[0] for r in described], {r[0]: r[1] for r in described}, con.execute(f"SELECT * FROM {scan}").fetchall()


def assert_same_columns(duck_header: list[str], duck_rows: list[tuple[Any, ...]], columns: list[str],
                        spark_rows: list[Any]) -> None:
    """Column by column: equal values of the same Python type, in file order."""
    assert len(spark_rows) == len(duck_rows)
    for i, column in enumerate(columns):
        mine = [r[i] for r in spark_rows]
        theirs = [r[duck_header.index(column)] for r in duck_rows]
        assert mine == theirs, column
        assert [type(v) for v in mine] == [type(v) for v in theirs], column


def spark_read(spark: Any, path: Path, decl: Table, columns: list[str] | None = None, **kw: Any) -> tuple[Any, ...]:
    header, types, rows = duckdb_reading(path, decl)
    columns = columns or header
    table = read_csv(spark, str(path), CsvLayout.of(decl), header, types, columns, **kw)
    return header, types, rows, columns, table


@pytest.mark.parametrize("name", ["cases", "defendants", "victims"])
def test_the_story_data_reads_the_same_on_spark(spark: Any, name: str) -> None:
    decl = load(ROOT / "claims" / "2020.yaml").model.tables[name]
    header, types, rows, columns, table = spark_read(spark, ROOT / "data" / f"{name}.csv", decl)
    assert table.rows == len(rows)
    assert_same_columns(header, rows, columns, table.frame.collect())
    assert {f.name: f.dataType.simpleString() for f in table.frame.schema.fields} == {
        c: spark_type(types[c]).lower() for c in columns}


def test_every_reading_option_is_honoured(spark: Any) -> None:
    """skip, delimiter, several nulls, latin-1, day-first dates, declared and sniffed types,
    quoted delimiters, doubled quotes, a line break inside quotes, leading zeros kept as text,
    an integer column holding 1e3, yes/no booleans."""
    decl = Table(path="options.csv",
                 csv={"delimiter": ";", "skip": 2, "null": ["", "NA"], "encoding": "latin-1",
                      "date_format": "%d/%m/%Y"},
                 columns={"amount": "integer", "share": "decimal", "filed": "date"})
    header, types, rows, columns, table = spark_read(spark, FIXTURES / "options.csv", decl)
    assert types["zip"] == "VARCHAR" and types["flag"] == "BOOLEAN" and types["code"] == "DOUBLE"
    got = table.frame.collect()
    assert_same_columns(header, rows, columns, got)
    assert got[3]["note"] == "two\nlines" and got[4]["case_ref"] == "Café" and got[3]["amount"] == 1000
    assert got[0]["share"] == Decimal("0.1250000001") and got[0]["filed"] == dt.date(2020, 1, 4)


def test_only_the_needed_columns_are_read_in_the_order_asked(spark: Any) -> None:
    decl = load(ROOT / "claims" / "2020.yaml").model.tables["defendants"]
    header, _, rows, _, table = spark_read(spark, ROOT / "data" / "defendants.csv", decl,
                                           columns=["sentence_months", "charged_date"])
    assert table.frame.columns == ["sentence_months", "charged_date"]
    assert_same_columns(header, rows, ["sentence_months", "charged_date"], table.frame.collect())


def test_a_file_without_header_takes_the_names_given(spark: Any) -> None:
    decl = Table(path="noheader.csv", csv={"header": False, "names": ["id", "day", "n"]})
    header, _, rows, columns, table = spark_read(spark, FIXTURES / "noheader.csv", decl)
    assert_same_columns(header, rows, columns, table.frame.collect())


def test_row_order_follows_the_file(spark: Any) -> None:
    decl = load(ROOT / "claims" / "2020.yaml").model.tables["cases"]
    _, _, rows, _, table = spark_read(spark, ROOT / "data" / "cases.csv", decl, columns=["case_id"], row_order=True)
    got = table.frame.orderBy(ROW_ORDER).collect()
    assert [r["case_id"] for r in got] == [r[0] for r in rows]


def test_a_value_that_does_not_fit_its_type_is_located_like_duckdb_does(spark: Any) -> None:
    decl = Table(path="badvalues.csv", columns={"when": "date", "n": "integer"})
    path = FIXTURES / "badvalues.csv"
    with pytest.raises(DataError) as info:
        read_csv(spark, str(path), CsvLayout.of(decl), ["id", "when", "n"],
                 {"id": "BIGINT", "when": "DATE", "n": "BIGINT"}, ["id", "when", "n"], shown="badvalues.csv")
    when, n = info.value.problems
    assert (when.line, when.column, when.file) == (3, "when", "badvalues.csv")
    assert "'2020-13-45' is not a valid date" in when.message and "%Y-%m-%d" in (when.hint or "")
    assert (n.line, n.column) == (4, "n") and "'x' is not a valid integer" in n.message
    with pytest.raises(duckdb.Error, match="Line: 3"):  # DuckDB names the same line
        duckdb.connect().execute(f"SELECT * FROM read_csv('{path}', {csv_options_sql(decl)})").fetchall()


def test_a_row_with_missing_fields_is_located(spark: Any) -> None:
    with pytest.raises(DataError) as info:
        read_csv(spark, str(FIXTURES / "shortrow.csv"), CsvLayout(), ["id", "name", "n"],
                 {"id": "BIGINT", "name": "VARCHAR", "n": "BIGINT"}, ["id", "n"], shown="shortrow.csv")
    (problem,) = info.value.problems
    assert problem.line == 3 and "line 3 has 2 fields, the header has 3" in problem.message


def test_an_encoding_spark_lacks_is_a_problem_naming_the_file(spark: Any) -> None:
    layout = CsvLayout(encoding="cp1252")
    with pytest.raises(DataError) as info:
        read_csv(spark, str(FIXTURES / "noheader.csv"), layout, ["a"], {"a": "VARCHAR"}, ["a"], shown="x.csv")
    assert info.value.problems[0].file == "x.csv" and "cp1252" in info.value.problems[0].message


def test_parquet_reads_the_same_values_and_types(spark: Any, tmp_path: Path) -> None:
    path = tmp_path / "t.parquet"
    con = duckdb.connect()
    con.execute(f"""COPY (SELECT i::INTEGER AS small, i::BIGINT * 3000000000 AS big, (i / 8)::DECIMAL(10,3) AS dec,
                           i / 3 AS dbl, DATE '2020-02-27' + i::INTEGER AS day,
                           TIMESTAMP '2020-01-01 10:00:00' + to_minutes(i::BIGINT) AS ts,
                           CASE WHEN i % 3 = 0 THEN NULL ELSE 'v' || i END AS txt, i % 2 = 0 AS flag
                    FROM range(5) t(i)) TO '{path}' (FORMAT parquet)""")
    cur = con.execute(f"SELECT * FROM read_parquet('{path}')")
    names, rows = [d[0] for d in cur.description], cur.fetchall()
    table = read_parquet(spark, str(path), ["dec", "ts", "small", "big", "dbl", "day", "txt", "flag"])
    assert table.rows == 5
    assert_same_columns(names, rows, ["dec", "ts", "small", "big", "dbl", "day", "txt", "flag"], table.frame.collect())


# Each example costs a Spark job (~1 s): few examples, and no shrinking (minutes of Spark jobs)
@settings(max_examples=5, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(st.lists(st.tuples(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
                          st.sampled_from(["%Y-%m-%d", "%d/%m/%Y", "%m/%d/%y", "%Y%m%d", "%d %b %Y", "%B %d, %Y",
                                           "%d.%m.%Y", "%j/%Y", "%d.%m.%y"]),
                          st.booleans()),
                min_size=1, max_size=25))
def test_dates_in_any_supported_format_read_as_duckdb_reads_them(spark: Any,
                                                                 examples: list[tuple[dt.date, str, bool]]) -> None:
    """Dates written in a format (zero padding stripped when asked: DuckDB reads 1/4/2020 too),
    read by Spark through the translated pattern, equal DuckDB's strptime of the same text
    (two-digit years included: 69-99 are 1969-1999, 00-68 are 2000-2068)."""
    from pyspark.sql import functions as F
    formats = sorted({fmt for _, fmt, _ in examples})
    rows = []
    for day, fmt, strip in examples:
        text = day.strftime(fmt)
        if strip and fmt in ("%d/%m/%Y", "%d.%m.%Y"):
            d, m, y = text.split(fmt[2])
            text = fmt[2].join([d.lstrip("0"), m.lstrip("0"), y])
        rows.append((text, formats.index(fmt)))
    con = duckdb.connect()
    expected = [con.execute("SELECT CAST(strptime(?, ?) AS DATE)", [text, formats[k]]).fetchone()[0]  # type: ignore[index]
                for text, k in rows]
    read = "CASE k " + " ".join(f"WHEN {i} THEN {date_sql('text', f)}" for i, f in enumerate(formats)) + " END"
    frame = spark.createDataFrame(rows, "text string, k int")
    got = [r[0] for r in frame.select(F.expr(read)).collect()]
    assert got == expected, rows


def test_spark_sql_cannot_read_a_file_by_naming_it(spark: Any) -> None:
    """Defence in depth, as DuckDB's file access is switched off after reading: only the reader opens files."""
    with pytest.raises(Exception, match="(?i)runSQLOnFiles|not found|cannot be found|UNSUPPORTED_DATASOURCE"):
        spark.sql(f"SELECT * FROM csv.`{FIXTURES / 'noheader.csv'}`").collect()
