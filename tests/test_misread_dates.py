"""Dates a CSV writes with a two-digit year ('13/05/21', 13 May 2021) were read by DuckDB as dates of
the year 13, and the run went on: "the data does not cover 2021" (unverifiable), and a claim on the
year 13 would have counted them. A column of a CSV read as dates before the year 1000 now stops the
run (exit 2), naming the file, the line, the value as written and the formats that fit it. Found by
a helper teaching ``init`` to declare date formats; constructed data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from conftest import one_table
from typer.testing import CliRunner

import factcheck
from factcheck.cli import app
from factcheck.errors import DataError
from factcheck.outcome import Verdict

ROWS = ["id,visited,n", "1,13/05/21,5", "2,14/06/21,3", "3,02/01/22,4", "4,25/12/20,2"]


def _story(folder: Path, decl: str = "time: visited", where: str = "year(visited) == 2021") -> Path:
    (folder / ".git").mkdir(exist_ok=True)
    (folder / "t.csv").write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    (folder / "c.yaml").write_text(
        f"version: 1\ntables:\n  t: {{path: t.csv, {decl}}}\nclaims:\n"
        f"  - id: visits-2021\n    says: Eight visits in 2021.\n"
        f"    measure: {{sum: n, of: t, where: \"{where}\"}}\n    expect: 8\n", encoding="utf-8")
    return folder / "c.yaml"


def test_a_time_column_read_in_the_year_13_stops_the_run_and_names_the_format(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["run", str(_story(tmp_path))])
    assert result.exit_code == 2, result.output
    said = " ".join(result.output.split())
    assert "t.csv:2: table 't', column 'visited': 4 values were read as dates before the year 1000" in said, said
    assert "line 2 holds '13/05/21', read as 0013-05-21" in said
    assert "line 5: '25/12/20'" in said
    assert "csv: {date_format: '%d/%m/%y' or '%y/%m/%d'}" in said  # both read every value: the source says which
    assert "Traceback" not in result.output


def test_with_the_format_said_the_same_claim_passes(tmp_path: Path) -> None:
    claims = _story(tmp_path, "time: visited, csv: {date_format: '%d/%m/%y'}")
    (result,) = factcheck.verify(claims).results
    assert result.verdict == Verdict.PASS, result.message


def test_a_date_column_no_time_column_is_refused_too(tmp_path: Path) -> None:
    """Not declared `time:`, read by a filter: its periods are as wrong."""
    with pytest.raises(DataError) as caught:
        factcheck.verify(_story(tmp_path, "key: id", "visited >= '2021-01-01'"))
    assert "column 'visited': 4 values were read as dates before the year 1000" in str(caught.value)


@pytest.mark.parametrize(("value", "fits"), [
    ("1/5/22", "'%d/%m/%y' or '%m/%d/%y' or '%y/%m/%d'"),  # read as the year 1
    ("21.12.05", "'%d.%m.%y' or '%y.%m.%d'"),  # read as text: its hint named '%d.%m.%Y', 21 December of the year 5
])
def test_one_digit_and_dotted_short_dates(tmp_path: Path, value: str, fits: str) -> None:
    (tmp_path / "t.csv").write_text(f"id,d,n\n1,{value},1\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / "c.yaml").write_text("tables:\n  t: {path: t.csv, time: d}\nclaims:\n"
                                     "  - {id: c, says: one, measure: {count: t, where: \"year(d) >= 2000\"}, expect: 1}\n",
                                     encoding="utf-8")
    with pytest.raises(DataError) as caught:
        factcheck.verify(tmp_path / "c.yaml")
    assert f"holds {value!r}" in str(caught.value) and f"csv: {{date_format: {fits}}}" in str(caught.value), \
        str(caught.value)


def test_a_column_the_run_does_not_read_is_not_looked_at(tmp_path: Path) -> None:
    rows = ["id,visited,n", *[r for r in ROWS[1:]]]
    r = one_table(tmp_path, rows, "{sum: n, of: t}", "14")
    assert r.verdict == Verdict.PASS, r.message


def test_iso_dates_and_a_dataframe_of_early_dates_pass(tmp_path: Path) -> None:
    rows = ["id,visited,n", "1,2021-05-13,5", "2,2021-06-14,3", "3,2022-01-02,4"]
    r = one_table(tmp_path, rows, "{sum: n, of: t, where: \"year(visited) == 2021\"}", "8", decl="time: visited")
    assert r.verdict == Verdict.PASS, r.message
    # a DataFrame holds the dates it was given: a historian's year 13 is no misreading
    frame = pd.DataFrame({"id": [1], "visited": [dt.date(13, 5, 21)], "n": [5]})
    (tmp_path / "d.yaml").write_text("tables:\n  t: {path: t.csv, time: visited}\nclaims:\n"
                                     "  - {id: c, says: five, measure: {sum: n, of: t}, expect: 5}\n", encoding="utf-8")
    assert factcheck.verify(tmp_path / "d.yaml", tables={"t": frame}).results[0].verdict == Verdict.PASS


def test_spark_refuses_the_file_too(tmp_path: Path, spark: Any) -> None:
    """Spark converts the text in the table's format, so it never read the year 13: the read stops."""
    with pytest.raises(DataError) as caught:
        factcheck.verify(_story(tmp_path), engine="spark")
    assert "line 2, column 'visited': value '13/05/21' is not a valid timestamp" in str(caught.value)


# --------------------------------------------------------------------------- the attack on the first version

def _one(tmp_path: Path, rows: list[str], decl: str = "time: d") -> Path:
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / "t.csv").write_text("\n".join(["id,d,n", *rows]) + "\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text(f"tables:\n  t: {{path: t.csv, {decl}}}\nclaims:\n"
                                     "  - {id: c, says: some, measure: {count_distinct: d, of: t}, expect: 3}\n",
                                     encoding="utf-8")
    return tmp_path / "c.yaml"


def test_an_early_date_written_with_its_four_digit_year_is_read_as_written(tmp_path: Path) -> None:
    """'0001-01-01' (the "no date" of many exports) and a history's '0079-08-24' stopped the run: they
    are written YYYY-MM-DD and read exactly so, and no date_format could read them otherwise."""
    (result,) = factcheck.verify(_one(tmp_path, ["1,0079-08-24,1", "2,0001-01-01,1", "3,2021-05-13,1"])).results
    assert result.verdict == Verdict.PASS, result.message


def test_month_first_short_dates_are_shown_as_written_with_the_format_that_fits(tmp_path: Path) -> None:
    """'05/13/21' is no date to DuckDB's cast: the message showed the values as read, dressed as
    written, and the hint's example was day-first (following it would swap days and months)."""
    with pytest.raises(DataError) as caught:  # a format of four-digit years, a file of two
        factcheck.verify(_one(tmp_path, ["1,05/13/21,1", "2,06/14/21,2"], "time: d, csv: {date_format: '%m/%d/%Y'}"))
    said = str(caught.value)
    assert "line 2 holds '05/13/21', read as 0021-05-13" in said and "line 3: '06/14/21'" in said, said
    assert "csv: {date_format: '%m/%d/%y'}" in said and "'%y' reads 00-68 as 2000-2068" in said, said


def test_dates_with_times_are_given_a_format_with_the_time(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        factcheck.verify(_one(tmp_path, ["1,13/05/21 10:00,1", "2,14/06/21 11:30,2"]))
    assert "'%d/%m/%y %H:%M'" in str(caught.value), str(caught.value)


def test_a_column_declared_date_is_checked_too(tmp_path: Path) -> None:
    """A refresh wrote one row with a two-digit year: '%Y' read '21' as the year 21 and the claim on
    2021 passed without that row. `init` declares date columns, so its starter files were outside
    the check."""
    rows = ["1,13/05/2021,1", "2,14/06/21,1", "3,02/01/2022,1"]
    with pytest.raises(DataError) as caught:
        factcheck.verify(_one(tmp_path, rows, "time: d, csv: {date_format: '%d/%m/%Y'}, columns: {d: date}"))
    said = str(caught.value)
    assert "line 3 holds '14/06/21', read as 0021-06-14" in said, said
    assert "the column's other 2 values are written DD/MM/YYYY: write these the same way" in said, said


def test_a_column_of_no_dates_that_reads_as_dates_is_told_how_to_stay_text(tmp_path: Path) -> None:
    """Football formations ('4-4-2', '4-3-3') are dates of the years 4 and 3 to DuckDB: the stop
    offered only date formats."""
    with pytest.raises(DataError) as caught:
        factcheck.verify(_one(tmp_path, ["1,4-4-2,1", "2,4-3-3,1", "3,3-5-2,1"], "key: id"))
    assert "if the column holds no dates ('4-4-2', a team's formation), declare columns: {d: text}" in \
        str(caught.value), str(caught.value)
    (tmp_path / "c.yaml").write_text((tmp_path / "c.yaml").read_text().replace("key: id", "key: id, columns: {d: text}"))
    assert factcheck.verify(tmp_path / "c.yaml").results[0].verdict == Verdict.PASS


# ------------------------------------------------------------------ one short date among ISO ones

ISO_ROWS = ["1,2021-05-13,5", "2,14/06/21,3", "3,2022-01-02,4", "4,2021-08-01,2"]


@pytest.mark.parametrize("decl", ["key: id", "key: id, time: d"])
def test_one_short_date_among_iso_ones_stops_the_run(tmp_path: Path, decl: str) -> None:
    """The column is read as text for the one '14/06/21' (DuckDB's cast took it for the year 14, so
    the check of a time column took the whole column for times and said nothing), and
    `d >= '2021-01-01'` compared text: that row fell out of "seven visits in 2021", which passed
    where the data says ten. Now stopped, naming the line, whether or not `d` is a time column."""
    _one(tmp_path, ISO_ROWS, decl)
    (tmp_path / "c.yaml").write_text((tmp_path / "c.yaml").read_text().replace(
        "{count_distinct: d, of: t}, expect: 3", "{sum: n, of: t, where: \"d >= '2021-01-01' and d < '2022-01-01'\"}, "
        "expect: 7"))
    with pytest.raises(DataError) as caught:
        factcheck.verify(tmp_path / "c.yaml")
    assert "line 3 holds '14/06/21'" in str(caught.value) and "not a date written YYYY-MM-DD" in str(caught.value)


def test_labels_compared_with_a_date_are_no_dates_to_check(tmp_path: Path) -> None:
    """A column of labels ('2020-Q1') compared with a date-like literal is no column of dates."""
    rows = ["1,2020-Q1,1", "2,2020-Q2,1", "3,2021-Q1,1"]
    _one(tmp_path, rows, "key: id")
    (tmp_path / "c.yaml").write_text((tmp_path / "c.yaml").read_text().replace(
        "{count_distinct: d, of: t}, expect: 3", "{count: t, where: \"d >= '2021-01-01'\"}, expect: 1"))
    assert factcheck.verify(tmp_path / "c.yaml").results[0].verdict == Verdict.PASS
