"""`factcheck init` declares how a CSV must be read when DuckDB's reading would change what it says.

Dates written another way than YYYY-MM-DD (``01/05/2022``, ``13.01.2022``, ``5 Jan 2022``) were
typed text without a word: no time column, periods compared as text. Codes with leading zeros
(ZIP ``02134``) further down a file than DuckDB samples were read as numbers, losing the zeros.
Each test runs init on a small article and CSV, then runs claims on the starter file it wrote.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from factcheck import verify
from factcheck.cli import app

runner = CliRunner()


def _init(folder: Path, files: dict[str, str], story: str = "There were 3 inspections in 2022.\n") -> str:
    (folder / "story.md").write_text(story)
    for name, text in files.items():
        (folder / name).write_text(text)
    result = runner.invoke(app, ["init", str(folder / "story.md"), *(str(folder / n) for n in files)])
    assert result.exit_code == 0, result.output
    return (folder / "story.claims.yaml").read_text()


def _run(folder: Path, claims: list[dict[str, Any]]) -> dict[str, Any]:
    """The starter file with these claims in place of its own, judged: each claim's value."""
    doc = yaml.safe_load((folder / "story.claims.yaml").read_text())
    doc["claims"] = claims
    (folder / "checked.yaml").write_text(yaml.safe_dump(doc, sort_keys=False))
    report = verify(folder / "checked.yaml")
    return {r.id: (r.verdict.value, r.value) for r in report.results}


def _csv(header: str, rows: list[str]) -> str:
    return "\n".join([header, *rows]) + "\n"


def _written(day: date, fmt: str, padded: bool = True) -> str:
    text = day.strftime(fmt)
    if not padded:  # 1/5/2022: no zeros before a day or a month below ten
        text = "/".join(part.lstrip("0") or "0" if i < 2 else part for i, part in enumerate(text.split("/")))
    return text


DAYS = [date(2021, 12, 28) + timedelta(days=9 * i) for i in range(12)]  # days above 12 among them


def test_us_dates_are_read_as_dates_and_make_the_time_column(tmp_path: Path) -> None:
    rows = [f"I{i},{_written(d, '%m/%d/%Y', padded=i % 2 == 0)},{'pass' if i % 3 else 'fail'}"
            for i, d in enumerate(DAYS)]
    written = _init(tmp_path, {"inspections.csv": _csv("inspection_id,inspected,result", rows)})
    table = yaml.safe_load(written)["tables"]["inspections"]
    assert table["csv"] == {"date_format": "%m/%d/%Y"}
    assert table["time"] == "inspected" and table["columns"]["inspected"] == {"type": "date"}
    assert "# note:" not in written  # a day above 12 settles the order
    values = _run(tmp_path, [
        {"id": "in-2022", "says": "x", "measure": {"count": "inspections", "where": "inspected_year == 2022"},
         "expect": sum(d.year == 2022 for d in DAYS)},
        {"id": "after-feb", "says": "x", "measure": {"count": "inspections", "where": "inspected >= '2022-02-01'"},
         "expect": sum(d >= date(2022, 2, 1) for d in DAYS)},
        {"id": "in-2025", "says": "x", "measure": {"count": "inspections", "where": "inspected_year == 2025"},
         "expect": 0}])
    assert values["in-2022"] == ("pass", 11) and values["after-feb"] == ("pass", 8)
    assert values["in-2025"][0] == "unverifiable"  # a year after the data: not covered, not zero
    result = runner.invoke(app, ["run", str(tmp_path / "checked.yaml")])  # the command a reporter types
    assert "2 passed, 0 failed, 1 unverifiable" in result.output, result.output


FORMATS = ["%m/%d/%Y", "%d/%m/%Y", "%m/%d/%y", "%d/%m/%y", "%m-%d-%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d",
           "%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_way_of_writing_dates_is_found_and_read_back(tmp_path: Path, fmt: str) -> None:
    """A day above 12 in every month-and-day format: the format written reads the dates back."""
    days = [date(2021, 5, 13), date(2021, 12, 31), date(2022, 1, 1), date(2022, 6, 20)]
    rows = [f'{i},"{d.strftime(fmt)}"' for i, d in enumerate(days)]
    written = _init(tmp_path, {"visits.csv": _csv("visit_id,visited", rows)}, "There were 2 visits in 2021.\n")
    table = yaml.safe_load(written)["tables"]["visits"]
    if fmt == "%Y/%m/%d":  # DuckDB reads it as a time by itself
        assert "csv" not in table
    else:
        assert table["csv"]["date_format"] in (fmt, fmt.replace("%B", "%b"))
    notes = [line for line in written.splitlines() if "# note:" in line]
    assert table["time"] == "visited" and notes == ([] if "%y" not in fmt else [  # the century to confirm
        f"    # note: visited writes the year in two digits ('{fmt}'), read 00-68 as 2000-2068 and 69-99 as 1969-1999: "
        "if the file holds dates before 1969 (a birth, a building's completion), they are read a century late; the "
        "file's source must write the year in full"]), notes
    values = _run(tmp_path, [{"id": "may", "says": "x", "expect": 1, "measure": {
        "count": "visits", "where": "visited == '2021-05-13'"}}])
    assert values["may"] == ("pass", 1)


def test_month_names_in_full_are_read_with_their_own_format(tmp_path: Path) -> None:
    rows = ["1,5 January 2022", "2,17 March 2022", "3,9 May 2022"]
    written = _init(tmp_path, {"visits.csv": _csv("visit_id,visited", rows)})
    assert yaml.safe_load(written)["tables"]["visits"]["csv"] == {"date_format": "%d %B %Y"}
    assert _run(tmp_path, [{"id": "q1", "says": "x", "expect": 2, "measure": {
        "count": "visits", "where": "visited < '2022-04-01'"}}])["q1"] == ("pass", 2)


def test_two_digit_years_are_not_read_as_the_first_century(tmp_path: Path) -> None:
    rows = ["1,01/15/22", "2,03/02/22", "3,12/31/21"]
    written = _init(tmp_path, {"visits.csv": _csv("visit_id,visited", rows)})
    assert yaml.safe_load(written)["tables"]["visits"]["csv"] == {"date_format": "%m/%d/%y"}
    assert _run(tmp_path, [{"id": "y", "says": "x", "expect": 2, "measure": {
        "count": "visits", "where": "visited_year == 2022"}}])["y"] == ("pass", 2)


def test_day_first_dates_with_two_digits_of_year_are_not_taken_for_years(tmp_path: Path) -> None:
    """DuckDB's guess reads 13/05/21 as a time in the year 13 (21 May): init reads the text again."""
    rows = ["1,13/05/21", "2,31/12/21", "3,01/01/22"]
    written = _init(tmp_path, {"visits.csv": _csv("visit_id,visited", rows)})
    table = yaml.safe_load(written)["tables"]["visits"]
    assert table["csv"] == {"date_format": "%d/%m/%y"} and table["columns"]["visited"] == {"type": "date"}
    assert _run(tmp_path, [{"id": "y", "says": "x", "expect": 2, "measure": {
        "count": "visits", "where": "visited_year == 2021"}}])["y"] == ("pass", 2)


def test_day_first_dates_are_read_day_first(tmp_path: Path) -> None:
    rows = ["1,13/01/2022", "2,02/03/2022", "3,28/02/2022"]
    written = _init(tmp_path, {"visits.csv": _csv("visit_id,visited", rows)})
    assert yaml.safe_load(written)["tables"]["visits"]["csv"] == {"date_format": "%d/%m/%Y"}
    assert "# note:" not in written
    assert _run(tmp_path, [{"id": "march", "says": "x", "expect": 1, "measure": {
        "count": "visits", "where": "visited >= '2022-03-01'"}}])["march"] == ("pass", 1)


def test_an_order_no_value_settles_is_written_month_first_with_a_note(tmp_path: Path) -> None:
    rows = ["1,01/05/2022", "2,03/01/2022", "3,12/11/2022"]
    written = _init(tmp_path, {"visits.csv": _csv("visit_id,visited", rows)})
    assert yaml.safe_load(written)["tables"]["visits"]["csv"] == {"date_format": "%m/%d/%Y"}
    assert ("# note: the dates of visited fit both '%m/%d/%Y' and '%d/%m/%Y': no value has a day above 12, so "
            "the data cannot tell day from month. init wrote date_format: '%m/%d/%Y', month first ('01/05/2022' is "
            "January 5, 2022); if it is May 1, 2022, write '%d/%m/%Y' instead") in written


def test_the_note_s_example_is_a_date_its_two_readings_tell_apart(tmp_path: Path) -> None:
    """'12/12/2022' is December 12 either way: the note took any value, and could say nothing (the attack)."""
    rows = ["1,12/12/2022", "2,03/04/2022", "3,01/02/2022"]
    written = " ".join(_init(tmp_path, {"visits.csv": _csv("visit_id,visited", rows)}).split())
    assert "month first ('01/02/2022' is January 2, 2022); if it is February 1, 2022" in written, written


def test_another_column_settles_the_order_for_the_table(tmp_path: Path) -> None:
    """One column could be either; the other has a 13th day of a month: day first for both, no note."""
    rows = ["1,01/05/2022,13/05/2022", "2,03/01/2022,04/01/2022"]
    written = _init(tmp_path, {"visits.csv": _csv("visit_id,visited,reported", rows)})
    table = yaml.safe_load(written)["tables"]["visits"]
    assert table["csv"] == {"date_format": "%d/%m/%Y"} and table["time"] == "visited"
    assert table["columns"]["reported"] == {"type": "date"} and "# note:" not in written


def test_a_second_format_in_one_table_is_said_and_left_text(tmp_path: Path) -> None:
    rows = ["1,01/13/2022,5 Jan 2022", "2,03/01/2022,17 Mar 2022"]
    written = _init(tmp_path, {"visits.csv": _csv("visit_id,visited,reported", rows)})
    table = yaml.safe_load(written)["tables"]["visits"]
    assert table["csv"] == {"date_format": "%m/%d/%Y"} and table["time"] == "visited"
    assert table["columns"]["reported"] == {"type": "text"}
    assert ("# note: reported holds dates written '%d %b %Y', but the table's dates are read as '%m/%d/%Y' (for "
            "visited) and a CSV is read in one date format: reported is read as text and is no time column") in written


def test_iso_dates_beside_us_dates_stay_times(tmp_path: Path) -> None:
    rows = ["1,2022-01-13,01/13/2022", "2,2022-03-01,03/01/2022", "3,2021-12-31,12/31/2021"]
    written = _init(tmp_path, {"visits.csv": _csv("visit_id,visited,reported", rows)})
    table = yaml.safe_load(written)["tables"]["visits"]
    assert table["csv"] == {"date_format": "%m/%d/%Y"} and table["time"] == "visited"
    assert table["columns"]["visited"]["type"] in ("date", "timestamp")
    values = _run(tmp_path, [
        {"id": "v", "says": "x", "expect": 2, "measure": {"count": "visits", "where": "visited_year == 2022"}},
        {"id": "r", "says": "x", "expect": 2, "measure": {"count": "visits", "where": "reported_year == 2022"}}])
    assert values == {"v": ("pass", 2), "r": ("pass", 2)}


@pytest.mark.parametrize("values", [
    ["2022-01-05", "2022-02-01"],            # ISO: the default format, nothing to declare
    ["01/05/2022", "n.d.", "02/01/2022"],    # a value that is no date: not every one fits
    ["2020-Q1", "2020-Q2"],                   # labels
    ["Jan 5", "Feb 1"],                       # no year
    ["12/2022", "01/2023"],                   # months: no format of the list
])
def test_columns_not_all_dates_in_one_format_declare_no_date_format(tmp_path: Path, values: list[str]) -> None:
    rows = [f"{i},{v}" for i, v in enumerate(values)]
    written = _init(tmp_path, {"visits.csv": _csv("visit_id,visited", rows)})
    assert "csv" not in yaml.safe_load(written)["tables"]["visits"]
    assert "date_format" not in written


def test_the_formats_are_those_run_names() -> None:
    """init writes the formats a run names for a time column written another way, and no other."""
    from factcheck.sources.diagnosis import OTHER_DATE_FORMATS
    from factcheck.starter import _DATE_FORMATS
    assert set(_DATE_FORMATS) == set(OTHER_DATE_FORMATS) == set(FORMATS)


def _zips(n: int = 25_000) -> list[str]:
    """ZIP codes of the east, with leading zeros, only past the rows DuckDB samples to guess types."""
    return [str(90000 + i % 97) for i in range(n - 3)] + ["02134", "00501", "02134"]


def test_codes_with_leading_zeros_past_the_sample_are_declared_text(tmp_path: Path) -> None:
    zips = _zips()
    rows = [f"C{i},{z},{i % 4}" for i, z in enumerate(zips)]
    written = _init(tmp_path, {"calls.csv": _csv("call_id,zip,units", rows)})
    table = yaml.safe_load(written)["tables"]["calls"]
    assert table["columns"]["zip"] == {"type": "text"} and table["columns"]["units"]["type"] == "integer"
    assert ("# note: zip is declared text: 3 of its values have leading zeros ('00501'), which reading it as "
            "numbers drops (00501 would be 501)") in written
    values = _run(tmp_path, [
        {"id": "boston", "says": "x", "expect": 2, "measure": {"count": "calls", "where": "zip == '02134'"}},
        {"id": "zips", "says": "x", "expect": 99, "measure": {"count_distinct": "zip", "of": "calls"}}])
    assert values == {"boston": ("pass", 2), "zips": ("pass", 99)}


def test_a_lookup_on_codes_with_leading_zeros_joins_them(tmp_path: Path) -> None:
    """FIPS codes: a county table's key and the column of rows naming the county."""
    counties = ["fips,county_name"] + [f"{36000 + i},County {i}" for i in range(1, 60)] + ["06037,Los Angeles"]
    rows = [f"R{i},{36000 + 1 + i % 59}" for i in range(25_000)] + ["R25000,06037", "R25001,06037"]
    written = _init(tmp_path, {"counties.csv": "\n".join(counties) + "\n",
                               "requests.csv": _csv("request_id,county_fips", rows)})
    tables = yaml.safe_load(written)["tables"]
    assert tables["requests"]["columns"]["county_fips"] == {"type": "text"}
    assert tables["requests"]["lookup"] == {"fips": "counties via county_fips = fips"}
    values = _run(tmp_path, [{"id": "la", "says": "x", "expect": 2, "measure": {
        "count": "requests", "where": "fips.county_name == 'Los Angeles'"}}])
    assert values["la"] == ("pass", 2)


def test_an_amount_padded_once_among_amounts_of_every_width_stays_a_number(tmp_path: Path) -> None:
    """One '00150' past the sample among amounts of 3 to 5 digits made the column text: the starter
    lost its sums, and 'amount > 500' stopped the run with a binder error (the attack). Codes have
    one width; amounts do not."""
    rows = [f"P{i},{100 + (i * 37) % 20000}" for i in range(25_000)] + ["P25000,00150"]
    written = _init(tmp_path, {"payments.csv": _csv("payment_id,amount", rows)})
    assert yaml.safe_load(written)["tables"]["payments"]["columns"]["amount"] == {"type": "integer"}
    assert "leading zeros" not in written
    values = _run(tmp_path, [{"id": "big", "says": "x", "expect": 24_491,
                              "measure": {"count": "payments", "where": "amount > 500"}}])
    assert values["big"][0] == "pass", values


def test_numbers_that_start_with_zero_alone_stay_numbers(tmp_path: Path) -> None:
    """A count of 0, an amount of 0.5 and a negative amount have no code's leading zero."""
    rows = [f"{i},{i % 3},{(i % 5) / 2},{-(i % 7)}" for i in range(30)]
    written = _init(tmp_path, {"fines.csv": _csv("fine_id,tickets,amount,balance", rows)})
    columns = yaml.safe_load(written)["tables"]["fines"]["columns"]
    assert columns["tickets"] == {"type": "integer"} and columns["amount"]["type"] == "number"
    assert columns["balance"] == {"type": "integer"} and "# note:" not in written


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)), st.sampled_from(FORMATS))
@settings(max_examples=300, deadline=None)
def test_every_date_in_a_format_passes_the_quick_look(day: date, fmt: str) -> None:
    """The quick look that spares the database a try on ids and names never turns a date away."""
    from factcheck.starter import _DATE_LIKE
    assert _DATE_LIKE.fullmatch(day.strftime(fmt))
    if fmt.count("/") == 2:  # 1/5/2022 too
        assert _DATE_LIKE.fullmatch(_written(day, fmt, padded=False))


def test_dates_that_begin_after_blank_rows_are_found(tmp_path: Path) -> None:
    rows = [f"{i}," for i in range(150)] + ["150,01/13/2022", "151,02/01/2022"]
    written = _init(tmp_path, {"visits.csv": _csv("visit_id,visited", rows)})
    assert yaml.safe_load(written)["tables"]["visits"]["csv"] == {"date_format": "%m/%d/%Y"}


def test_a_text_column_of_dates_but_one_far_down_stays_text(tmp_path: Path) -> None:
    """Read in the table's new date format, a column whose sampled rows are dates and a later value
    none ('n.d.') was taken for dates, and init stopped at that value."""
    rows = [f"{i},01/13/2022,02/0{1 + i % 9}/2022" for i in range(25_000)] + ["25000,01/14/2022,n.d."]
    written = _init(tmp_path, {"visits.csv": _csv("visit_id,visited,reported", rows)})
    table = yaml.safe_load(written)["tables"]["visits"]
    assert table["csv"] == {"date_format": "%m/%d/%Y"} and table["time"] == "visited"
    assert table["columns"]["reported"]["type"] == "text"
    assert _run(tmp_path, [{"id": "n", "says": "x", "expect": 1, "measure": {
        "count": "visits", "where": "reported == 'n.d.'"}}])["n"] == ("pass", 1)


def test_a_two_digit_year_is_written_with_its_century_to_confirm(tmp_path: Path) -> None:
    """'15/06/58' in '%d/%m/%y' is 2058: a dam completed in 1958 counted "after 2000", with no word
    from init (the attack). The format stands, as only the data's source knows the century; the
    note says what '%y' does."""
    rows = [f"D{i},{d},{i}" for i, d in enumerate(["15/06/58", "02/09/61", "21/03/64", "30/11/66", "13/01/95"])]
    written = _init(tmp_path, {"dams.csv": _csv("dam_id,completed,height", rows)})
    assert "date_format: '%d/%m/%y'" in written or "date_format: \"%d/%m/%y\"" in written, written
    assert "completed writes the year in two digits ('%d/%m/%y'), read 00-68 as 2000-2068" in " ".join(written.split())


@pytest.mark.parametrize("name, delimiter", [("inspections.tsv", None), ("inspections.tab", None),
                                             ("inspections.txt", "\t"),
                                             ("inspections.csv", ";"), ("inspections.csv", "|")])
def test_a_file_of_another_delimiter_is_read_in_its_columns(tmp_path: Path, name: str, delimiter: str | None) -> None:
    """A .tsv read as one column gave a starter of one text column named 'inspection_id\tyear\tresult'.
    A .tsv is read with tabs by its ending (nothing to declare); another file whose header reads as one
    column holding a tab, ';' or '|' gets that delimiter declared, and run reads the columns init saw."""
    sep = delimiter or "\t"
    rows = [sep.join(["inspection_id", "year", "result"])] + [
        sep.join([f"I{i}", str(2021 + i % 2), "pass" if i % 3 else "fail"]) for i in range(7)]
    written = _init(tmp_path, {name: "\n".join(rows) + "\n"})
    table = yaml.safe_load(written)["tables"]["inspections"]
    assert table.get("csv") == ({"delimiter": delimiter} if delimiter else None)
    assert table["key"] == "inspection_id" and table["time"] == "year"
    assert table["columns"]["year"] == {"type": "integer"}
    values = _run(tmp_path, [{"id": "n", "says": "x", "expect": 3,
                              "measure": {"count": "inspections", "where": "year == 2022"}}])
    assert values == {"n": ("pass", 3)}


def test_a_declared_delimiter_keeps_the_date_format_init_finds(tmp_path: Path) -> None:
    """Both reading options in one csv: the delimiter first, then the dates read in its columns."""
    rows = ["inspection_id;inspected;result"] + [f"I{i};{_written(d, '%d/%m/%Y')};pass" for i, d in enumerate(DAYS)]
    written = _init(tmp_path, {"inspections.txt": "\n".join(rows) + "\n"})
    table = yaml.safe_load(written)["tables"]["inspections"]
    assert table["csv"] == {"delimiter": ";", "date_format": "%d/%m/%Y"} and table["time"] == "inspected"
