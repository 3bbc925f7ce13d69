"""``lag``/``lead`` over a table of several series (daily readings of three river gauges, keyed
``[station, date]``): the series are named after the order column, and a call that leaves them
unnamed where the declared key says there are several is refused instead of computed.

Before: ``lag(reading, date)`` took the previous row in date order, another gauge's, and "the
river rose on 5 days at Mill Bridge" failed as "computed 0" (the whole table's rises as 7, not
13); ``lag(reading, date, station)`` was "lag() takes 1 or 2 arguments, not 3".
"""

from __future__ import annotations

import random
import shutil
from itertools import pairwise
from pathlib import Path

import pytest
from conftest import FIXTURES, record_statements
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import factcheck
from factcheck import Verdict
from factcheck.cli import app

RIVER = FIXTURES / "river"
ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def river(tmp_path: Path, claims: str | None = None, *, table: str | None = None) -> Path:
    """The river fixture copied to ``tmp_path``, its claims file with the text replaced where given."""
    shutil.copy(RIVER / "readings.csv", tmp_path / "readings.csv")
    text = (RIVER / "claims.yaml").read_text(encoding="utf-8")
    if table is not None:
        text = text.replace("    key: [station, date]\n", table)
    path = tmp_path / "claims.yaml"
    path.write_text(text if claims is None else claims, encoding="utf-8")
    return path


def unnamed(tmp_path: Path) -> Path:
    """The river story as it was first written: lag and lead ordered by date alone."""
    text = (RIVER / "claims.yaml").read_text(encoding="utf-8")
    return river(tmp_path, text.replace("(reading, date, station)", "(reading, date)"))


def refused(path: Path) -> str:
    result = runner.invoke(app, ["run", str(path)], env={"COLUMNS": "2000"})
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return " ".join(result.output.split())


def one_claim(tmp_path: Path, measure: str, table: str, expect: str = "1", csv: str | None = None) -> Path:
    if csv is not None:
        (tmp_path / "t.csv").write_text(csv, encoding="utf-8")
    path = tmp_path / "c.yaml"
    path.write_text(f"version: 1\ntables:\n  t:\n    path: t.csv\n{table}claims:\n  - id: c\n    says: a sentence\n"
                    f"    measure: {measure}\n    expect: {expect}\n", encoding="utf-8")
    return path


def test_the_river_story_is_right_with_the_series_named() -> None:
    """Before: the claims file was refused, lag() taking 1 or 2 arguments."""
    report = factcheck.verify(RIVER / "claims.yaml")
    assert [(r.id, r.verdict, r.value) for r in report.results] == [
        ("mill-bridge-rose", Verdict.PASS, 5), ("rises-everywhere", Verdict.PASS, 13),
        ("mill-bridge-fell-next", Verdict.PASS, 2)]


def test_lag_by_date_over_three_stations_is_refused_naming_file_line_claim_table_and_the_way_out(
        tmp_path: Path) -> None:
    """Before: exit 1, "stated 5, computed 0" (and 13 as 7, 2 as 8): silently another gauge's rows."""
    path = unnamed(tmp_path)
    out = refused(path)
    assert "3 problems stop this run" in out
    assert (f"{path}:17: claim 'mill-bridge-rose': lag(reading, date) takes the previous row by date over the "
            "whole table, but table 'readings' holds a series per station (key: [station, date]: several rows per "
            "date), so the previous row may be another station's hint: name the series it walks: "
            "lag(reading, date, station)") in out


def test_lead_is_refused_alike_with_the_next_row(tmp_path: Path) -> None:
    out = refused(unnamed(tmp_path))
    assert ("claim 'mill-bridge-fell-next': lead(reading, date) takes the next row by date over the whole table"
            in out)
    assert "so the next row may be another station's hint: name the series it walks: lead(reading, date, station)" \
        in out


def test_a_derive_the_claim_reads_is_named_with_its_line(tmp_path: Path) -> None:
    out = refused(unnamed(tmp_path))
    assert ("claim 'rises-everywhere': lag(reading, date) (in the derive 'change' the claim reads, line 12) takes "
            "the previous row by date") in out
    assert "name the series it walks: lag(reading, date, station) in the derive 'change'" in out


def test_a_derive_no_claim_reads_is_not_refused(tmp_path: Path) -> None:
    text = (RIVER / "claims.yaml").read_text(encoding="utf-8")
    path = river(tmp_path, text.replace("reading - lag(reading, date, station)", "reading - lag(reading, date)")
                 .replace("where: change > 0}\n    expect: 13", "where: \"reading > lag(reading, date, station)\"}\n"
                          "    expect: 13"))
    assert [r.value for r in factcheck.verify(path).results] == [5, 13, 2]


def test_lag_in_file_order_on_a_table_of_series_is_refused_by_its_time_column(tmp_path: Path) -> None:
    """Before: "stated 5, computed 0": the rows go forward in date (ties allowed), so the file-order
    check let it through, and each Mill Bridge row read the Ford row above it."""
    measure = "{count: readings, where: \"station == 'Mill Bridge' and reading > lag(reading)\"}"
    text = (RIVER / "claims.yaml").read_text(encoding="utf-8").split("claims:\n")[0]
    path = river(tmp_path, text + f"claims:\n  - id: c\n    says: a sentence\n    measure: {measure}\n    expect: 5\n")
    out = refused(path)
    assert ("claim 'c': lag(reading) takes the row above in the file over the whole table, but table 'readings' "
            "holds a series per station (key: [station, date]: several rows per date), so the row above may be "
            "another station's hint: name the series it walks: lag(reading, date, station)") in out


def test_lag_in_file_order_on_a_table_without_an_order_follows_its_file(tmp_path: Path) -> None:
    """No time: column and no streak: nothing says which key column is the order (as documented)."""
    path = one_claim(tmp_path, "{count: t, where: \"n > lag(n)\"}", "    key: [station, day]\n", "2",
                     csv="station,day,n\nA,1,1\nA,2,2\nA,3,3\n")
    assert factcheck.verify(path).results[0].value == 2


def test_one_series_keyed_by_year_and_month_in_file_order_is_not_refused(tmp_path: Path) -> None:
    rows = "".join(f"{y},{m},{10 * y - 20200 + m}\n" for y in (2020, 2021) for m in (1, 2, 3))
    path = one_claim(tmp_path, "{count: t, where: \"n > lag(n)\"}", "    key: [year, month]\n    time: [year, month]\n",
                     "5", csv="year,month,n\n" + rows)
    r = factcheck.verify(path).results[0]
    assert (r.verdict, r.value) == (Verdict.PASS, 5), r.message


def test_year_and_month_ordered_by_month_alone_says_to_derive_the_period(tmp_path: Path) -> None:
    path = one_claim(tmp_path, "{count: t, where: \"n > lag(n, month)\"}",
                     "    key: [year, month]\n    time: [year, month]\n", csv="year,month,n\n2020,1,1\n2021,1,2\n")
    out = refused(path)
    assert "holds a series per year (key: [year, month]: several rows per month)" in out
    assert ("hint: name the series it walks: lag(n, month, year); or, if year and month make one period together, "
            "derive a column holding that period and order by it") in out


def test_every_key_column_besides_the_order_must_be_named(tmp_path: Path) -> None:
    csv = "station,sensor,date,n\nA,x,2024-01-01,1\nA,y,2024-01-01,2\n"
    path = one_claim(tmp_path, "{count: t, where: \"n > lag(n, date, station)\"}",
                     "    key: [station, sensor, date]\n", csv=csv)
    out = refused(path)
    assert "lag(n, date, station) takes the previous row by date" in out
    assert "holds a series per sensor (key: [station, sensor, date]: several rows per date)" in out
    assert "hint: name the series it walks: lag(n, date, station, sensor)" in out
    path = one_claim(tmp_path, "{count: t, where: \"n > lag(n, date, station, sensor)\"}",
                     "    key: [station, sensor, date]\n", "0")
    assert factcheck.verify(path).results[0].verdict is Verdict.PASS


def test_an_order_or_series_derived_from_the_key_counts_as_the_key_column(tmp_path: Path) -> None:
    """Ordered by a derive of the date, split by a derive of the station: the key is covered."""
    csv = "station,date,n\nA,2024-01-01,1\nB,2024-01-01,5\nA,2024-02-01,2\nB,2024-02-01,4\n"
    table = "    key: [station, date]\n    derive:\n      month: month_start(date)\n      site: lower(station)\n"
    path = one_claim(tmp_path, "{count: t, where: \"n > lag(n, month, site)\"}", table, "1", csv=csv)
    r = factcheck.verify(path).results[0]
    assert (r.verdict, r.value) == (Verdict.PASS, 1), r.message  # A rose, B fell
    out = refused(one_claim(tmp_path, "{count: t, where: \"n > lag(n, month)\"}", table))
    assert "hint: name the series it walks: lag(n, month, station)" in out


def test_a_key_of_one_column_or_an_order_outside_the_key_is_not_refused(tmp_path: Path) -> None:
    csv = "id,station,date,n\n1,A,2024-01-01,1\n2,A,2024-01-02,2\n"
    assert factcheck.verify(one_claim(tmp_path, "{count: t, where: \"n > lag(n, date)\"}", "    key: id\n",
                                      csv=csv)).results[0].value == 1
    assert factcheck.verify(one_claim(tmp_path, "{count: t, where: \"n > lag(n, date)\"}",
                                      "    key: [id, station]\n")).results[0].value == 1


def test_a_misspelt_series_column_says_did_you_mean_under_it(tmp_path: Path) -> None:
    text = (RIVER / "claims.yaml").read_text(encoding="utf-8")
    path = river(tmp_path, text.replace("reading > lag(reading, date, station)\"", "reading > lag(reading, date, staton)\""))
    result = runner.invoke(app, ["run", str(path)], env={"COLUMNS": "2000"})
    assert result.exit_code == 2 and "Traceback" not in result.output
    lines = result.output.splitlines()
    at = next(i for i, line in enumerate(lines) if "claim 'mill-bridge-rose': where: table 'readings' has no column "
                                                   "'staton'" in line)
    assert lines[at + 1].index("staton") == lines[at + 2].index("^")
    assert lines[at + 3].strip() == "hint: did you mean 'station'?"


def test_a_misspelt_series_column_in_a_derive_says_did_you_mean(tmp_path: Path) -> None:
    text = (RIVER / "claims.yaml").read_text(encoding="utf-8")
    out = refused(river(tmp_path, text.replace("reading - lag(reading, date, station)", "reading - lag(reading, date, sttion)")))
    assert "claims.yaml:12: derive 'change': table 'readings' has no column 'sttion' hint: did you mean 'station'?" in out


def test_explain_shows_the_partition(tmp_path: Path) -> None:
    result = runner.invoke(app, ["explain", str(RIVER / "claims.yaml"), "mill-bridge-rose"], env={"COLUMNS": "2000"})
    assert result.exit_code == 0, result.output
    assert ('lag("readings"."reading") OVER (PARTITION BY "readings"."station" ORDER BY "readings"."date" NULLS LAST, '
            '"readings"."__row") AS "lag(reading, date, station)"') in result.output


def test_the_story_runs_the_same_statements_with_and_without_the_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check reads the claims file and the declared keys: no statement, on the shipped story or any."""
    asked = record_statements(monkeypatch)
    factcheck.verify(ROOT / "claims" / "2020.yaml")
    with_check = list(asked)
    asked.clear()
    from factcheck.planning import lag_series
    monkeypatch.setattr(lag_series, "series_problems", lambda catalog, plans, loaded: [])
    factcheck.verify(ROOT / "claims" / "2020.yaml")
    assert with_check == asked and with_check


# -- the figure against a reference, over stations in any order -------------------------------------------

@st.composite
def readings(draw: st.DrawFn) -> list[tuple[str, str, int]]:
    """A few stations' daily readings (some days missing), rows in a shuffled order."""
    stations = draw(st.lists(st.sampled_from(["Ford", "Mill Bridge", "Upper Weir", "Quay"]), min_size=1, max_size=4,
                             unique=True))
    rows = [(s, f"2024-03-{d:02d}", draw(st.integers(0, 5))) for s in stations for d in range(1, 11)
            if draw(st.booleans())]
    random.Random(draw(st.integers(0, 2**32))).shuffle(rows)
    return rows


@settings(max_examples=25)
@given(readings())
def test_rises_and_falls_per_station_agree_with_a_reference(rows: list[tuple[str, str, int]]) -> None:
    import tempfile
    assume(rows)
    series: dict[str, list[int]] = {}
    for s, _, n in sorted(rows, key=lambda r: (r[0], r[1])):
        series.setdefault(s, []).append(n)
    pairs = [p for values in series.values() for p in pairwise(values)]
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "readings.csv").write_text(
            "station,date,reading\n" + "".join(f"{s},{d},{n}\n" for s, d, n in rows), encoding="utf-8")
        rises = "{count: readings, where: \"reading > lag(reading, date, station)\"}"
        falls = "{count: readings, where: \"lead(reading, date, station) < reading\"}"
        path = Path(folder) / "c.yaml"
        path.write_text("version: 1\ntables:\n  readings: {path: readings.csv, key: [station, date], time: date}\n"
                        f"claims:\n  - {{id: r, says: a, measure: {rises}, expect: 0}}\n"
                        f"  - {{id: f, says: a, measure: {falls}, expect: 0}}\n", encoding="utf-8")
        got = [r.value for r in factcheck.verify(path).results]
    assert got == [sum(b > a for a, b in pairs), sum(b < a for a, b in pairs)]


def test_lag_written_in_capitals_is_the_same_call(tmp_path: Path) -> None:
    """The compiler looks for window calls only in expressions whose text names one; the language
    reads function names in any case, so `LAG(` must be found as `lag(` is."""
    text = (RIVER / "claims.yaml").read_text(encoding="utf-8")
    shouted = river(tmp_path, text.replace("lag(reading, date, station)", "LAG(reading, date, station)")
                    .replace("lead(reading, date, station)", "Lead(reading, date, station)"))
    assert "LAG(" in shouted.read_text(encoding="utf-8")
    assert [(r.id, r.verdict, r.value) for r in factcheck.verify(shouted).results] == [
        ("mill-bridge-rose", Verdict.PASS, 5), ("rises-everywhere", Verdict.PASS, 13),
        ("mill-bridge-fell-next", Verdict.PASS, 2)]


def test_a_key_that_holds_the_date_without_needing_it_is_told_both_ways_out(tmp_path: Path) -> None:
    """key: [case_id, filed_date] with one row per case: the key alone looks like a series per case,
    and the hint said only to name it (each series one row: every lag null). It now also says to
    declare the key without the date, which gives the figure."""
    csv = "case_id,filed_date,days\nc1,2024-01-01,5\nc2,2024-01-02,7\nc3,2024-01-03,6\nc4,2024-01-04,9\n"
    measure = "{count: t, where: \"days > lag(days, filed_date)\"}"
    out = refused(one_claim(tmp_path, measure, "    key: [case_id, filed_date]\n", "2", csv=csv))
    assert ("hint: name the series it walks: lag(days, filed_date, case_id); or, if case_id alone names each row "
            "(the key need not hold filed_date), declare key: [case_id]: the table then holds one series, and "
            "lag(days, filed_date) takes the previous row by filed_date over it") in out
    r = factcheck.verify(one_claim(tmp_path, measure, "    key: [case_id]\n", "2", csv=csv)).results[0]
    assert (r.verdict, r.value) == (Verdict.PASS, 2), r.message
    r = factcheck.verify(one_claim(tmp_path, "{count: t, where: \"days > lag(days, filed_date, case_id)\"}",
                                   "    key: [case_id, filed_date]\n", "0", csv=csv)).results[0]
    assert r.value == 0  # the first way, where each case is one row: no row has a previous one
