"""Periods and gaps on data nobody here prepared (issue 9, items 1-2).

The data is constructed (tests/fixtures/gaps/README.md): cars from 1970 to 1982 with no
1981 and `Year` written as a date; yearly sales ending in 2020. No claims file declares
`time:`: a date column, the axis of change/extreme/streak and what derives from them are
time columns all the same.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from conftest import record_statements

import factcheck
from factcheck import Reason, Verdict
from factcheck.errors import ClaimsFileError

CARS = Path(__file__).parent / "fixtures" / "gaps"
TABLES = """\
version: 1
tables:
  cars:
    path: cars.csv
    derive:
      model_year: year(Year)
  sales:
    path: sales.csv
claims:
"""


@pytest.fixture
def run(tmp_path: Path):
    for f in CARS.glob("*.csv"):
        shutil.copy(f, tmp_path / f.name)

    def go(measure: str, expect: str) -> factcheck.ClaimResult:
        claim = f"- id: c\n  says: a sentence\n  measure: {measure}\n  expect: {expect}\n"
        path = tmp_path / "claims.yaml"
        path.write_text(TABLES + textwrap.indent(claim, "  "), encoding="utf-8")
        return factcheck.verify(path).results[0]

    return go


@pytest.mark.parametrize("measure", [
    "{count: cars, where: year(Year) == 1983}",
    "{count: cars, where: model_year == 1983}",
    "{count: cars, where: \"Year >= '1983-01-01'\"}",
    "{count: cars, where: \"model_year in [1982, 1983]\"}",
])
def test_a_period_after_the_data_is_not_covered_without_time(run, measure: str) -> None:
    r = run(measure, "0")
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED), r.message
    assert "1983" in r.message


def test_a_change_into_a_year_after_the_data_is_not_a_fall_of_100_percent(run) -> None:
    r = run("{change: {sum: units, of: sales}, over: year, from: 2020, to: 2021}", "down 100%")
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED), r.message
    assert "2021" in r.message


def test_a_streak_ending_after_the_data_is_not_covered(run) -> None:
    r = run("{streak: units > 100, of: sales, order: year, ending: 2021}", "0")
    assert r.reason == Reason.PERIOD_NOT_COVERED, r.message


def test_a_year_the_table_has_no_row_for_is_a_gap_not_a_zero(run) -> None:
    r = run("{count: cars, where: model_year == 1981}", "0")
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED), r.message
    assert "gap" in r.message and "1981" in r.message


def test_a_year_with_rows_none_of_which_match_is_a_real_zero(run) -> None:
    assert run("{count: cars, where: model_year == 1980 and Cylinders == 12}", "0").verdict == Verdict.PASS
    assert run("{count: cars, where: model_year == 1982}", "3").verdict == Verdict.PASS


def test_a_change_from_a_gap_is_not_covered(run) -> None:
    r = run("{change: {count: cars}, over: model_year, from: 1981, to: 1982}", "up 50%")
    assert r.reason == Reason.PERIOD_NOT_COVERED, r.message
    assert "gap" in r.message


@pytest.mark.parametrize("inner", ["{count: cars, where: Cylinders == 4}", "{mean: Horsepower, of: cars}"])
def test_a_record_across_a_gap_cannot_be_judged_for_every_kind(run, inner: str) -> None:
    r = run(f"{{extreme: {inner}, over: model_year, at: 1982, since: 1979, is: lowest}}", "true")
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED), r.message
    assert "1981" in r.message


def test_a_rise_from_a_gap_is_not_covered(run) -> None:
    r = run("{rising: {count: cars}, over: model_year, to: 1982}", "1")  # 1981 is no zero to rise from
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED), r.message
    assert "1981" in r.message


@pytest.mark.parametrize("measure, expect", [
    ("{every: {count: cars}, over: model_year, from: 1979, to: 1982}", "at most 100"),  # passed: 1981 as 0
    ("{every: {count: cars}, over: model_year, from: 1979, to: 1982}", "more than 0"),  # failed at 1981: 0
    ("{every: {count: cars, where: Cylinders == 4}, over: model_year, since: 1980, to: 1982}", "at least 0"),
])
def test_every_period_across_a_gap_cannot_be_judged(run, measure: str, expect: str) -> None:
    # "every year from 1979 to 1982" rests on 1981, for which the table has no row at all
    r = run(measure, expect)
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED), r.message
    assert "1981" in r.message and "gap" in r.message


def test_every_period_up_to_a_gap_is_judged(run) -> None:
    r = run("{every: {count: cars}, over: model_year, from: 1978, to: 1980}", "more than 0")
    assert r.verdict == Verdict.PASS, r.message


def test_a_record_after_a_gap_is_judged(run) -> None:
    r = run("{extreme: {count: cars}, over: model_year, at: 1980, since: 1975, is: highest}", "false")
    assert r.verdict == Verdict.PASS, r.message


def test_inside_the_range_a_period_is_judged(run) -> None:
    r = run("{change: {sum: units, of: sales}, over: year, from: 2019, to: 2020}", "up 6%")
    assert r.verdict == Verdict.PASS, r.message


# ---------------------------------------------------------------------------- typos (item 3)

def _cli(tmp_path: Path, measure: str, columns: str = "") -> tuple[int, str]:
    from typer.testing import CliRunner

    from factcheck.cli import app
    for f in CARS.glob("*.csv"):
        shutil.copy(f, tmp_path / f.name)
    path = tmp_path / "claims.yaml"
    path.write_text(TABLES.replace("    path: cars.csv\n", "    path: cars.csv\n" + columns)
                    + f"  - id: typo\n    says: a sentence\n    measure: {measure}\n    expect: '0'\n",
                    encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(path)])
    return result.exit_code, result.output


@pytest.mark.parametrize("measure, meant", [
    ("{count: cars, where: Origin == 'Japn'}", "Japan"),
    ("{count: cars, where: \"Origin == 'japan '\"}", "Japan"),
    ("{count: cars, where: \"Origin in ['USA', 'Europa']\"}", "Europe"),
    ("{count: cars, where: \"Origin not in ['Jpaan']\"}", "Japan"),
    ("{count: cars, where: Origin != 'usa'}", "USA"),
    ("{share: Origin == 'Eurpoe', of: cars}", "Europe"),
])
def test_a_value_that_never_occurs_is_a_typo_not_a_zero(tmp_path: Path, measure: str, meant: str) -> None:
    code, out = _cli(tmp_path, measure)
    assert code == 2, out
    assert "claims.yaml" in out and "typo" in out and meant in out


def _statements_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows_limit: int | None = None) -> list[str]:
    """The statements DuckDB was asked to run for a claim naming 'Japan' (held) and 'Europa' (a
    typo of 'Europe'), which is refused; ``rows_limit``: ``TWINS_UP_TO`` for the run."""
    from factcheck.planning import typos
    if rows_limit is not None:
        monkeypatch.setattr(typos, "TWINS_UP_TO", rows_limit)
    asked = record_statements(monkeypatch)
    code, out = _cli(tmp_path, "{count: cars, where: \"Origin in ['Japan', 'Europa']\"}")
    assert code == 2 and "Europa" in out and "Europe" in out, out
    return asked


def test_each_value_named_is_looked_up_until_its_first_row_not_over_every_row(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a table above ``TWINS_UP_TO`` rows, whether a value occurs is asked with one ``LIMIT 1``
    look-up per value, which stops at the first row holding it (one ``DISTINCT … IN`` read every
    row of a 10M-row table for it); a value that never occurs is still found."""
    asked = _statements_asked(tmp_path, monkeypatch, rows_limit=10)  # cars has 406 rows
    lookups = [q for q in asked if '"Origin" = ' in q and "LIMIT 1" in q]
    assert len(lookups) == 1 and lookups[0].count("LIMIT 1") == 2, asked
    assert not [q for q in asked if "SELECT DISTINCT" in q and " IN (" in q], asked


def test_on_a_smaller_table_one_look_up_per_column_finds_the_values_and_their_other_spellings(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _statements_asked(tmp_path, monkeypatch)
    assert len([q for q in asked if 'SELECT "Origin" AS v, count(*) AS n' in q]) == 1, asked
    assert not [q for q in asked if "LIMIT 1" in q and '"Origin" = ' in q], asked


def test_a_value_that_occurs_is_judged(tmp_path: Path) -> None:
    code, out = _cli(tmp_path, "{count: cars, where: \"Origin == 'Japan' and model_year == 1980 and Cylinders == 12\"}")
    assert code == 0, out


def test_an_allowed_spelling_differing_from_the_data_only_by_case_is_a_problem(tmp_path: Path) -> None:
    columns = "    columns: {Origin: {allowed: [USA, Japan, Europe, 'japan', Africa]}}\n"
    code, out = _cli(tmp_path, "{count: cars, where: model_year == 1982}", columns)
    assert code == 2 and "'japan'" in out and "Africa" not in out, out


# ---------------------------------------------------------------------------- blanks (item 4)

FACEBOOK = "{share: recruitment_platform == 'Facebook', of: victims}"


def _victims(tmp_path: Path, columns: str = "") -> Path:
    for f in CARS.glob("*.csv"):
        shutil.copy(f, tmp_path / f.name)
    path = tmp_path / "claims.yaml"
    path.write_text("version: 1\ntables:\n  victims:\n    path: victims.csv\n" + columns + "claims:\n"
                    "  - id: facebook-majority\n    says: More than half of victims were recruited on Facebook.\n"
                    f"    measure: {FACEBOOK}\n    expect: more than half\n", encoding="utf-8")
    return path


def test_a_figure_resting_on_fewer_rows_than_it_left_out_carries_a_warning_in_every_report(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from factcheck.cli import app
    path = _victims(tmp_path)
    r = factcheck.verify(path).results[0]
    assert r.verdict == Verdict.PASS and (r.rows_unknown, r.denominator) == (969, 132)  # 78 of 132: 59 %
    assert [(n.code.value, n.warning) for n in r.notes if n.warning] == [("mostly_unknown", True)]
    out = {k: tmp_path / f"report.{k}" for k in ("json", "markdown", "html", "junit")}
    result = CliRunner().invoke(app, ["run", str(path), *[a for k, p in out.items() for a in (f"--{k}", str(p))]])
    assert result.exit_code == 0, result.output
    verdict_line = next(line for line in result.output.splitlines() if "facebook-majority" in line)
    assert verdict_line.startswith("PASS") and "WARNING mostly_unknown" in verdict_line
    assert "1 claim: 1 passed, 0 failed, 0 unverifiable, 1 with a WARNING" in result.output
    note = json.loads(out["json"].read_text())["results"][0]["notes"][0]
    assert (note["code"], note["warning"]) == ("mostly_unknown", True)
    row = next(line for line in out["markdown"].read_text().splitlines() if "facebook-majority" in line)
    assert "WARNING mostly\\_unknown" in row.split("|")[1]  # in the verdict cell
    assert '<strong class="warning">WARNING mostly_unknown' in out["html"].read_text()
    assert "<system-err>WARNING mostly_unknown" in out["junit"].read_text()


def test_a_blank_that_means_none_is_counted(tmp_path: Path) -> None:
    path = _victims(tmp_path, "    columns: {recruitment_platform: {blank: none, allowed: [Facebook, Instagram, "
                              "Snapchat, WhatsApp, Kik, dating_site]}}\n")
    r = factcheck.verify(path).results[0]
    assert r.verdict == Verdict.FAIL, r.message  # 78 of 1,101: 7 %
    assert (r.numerator, r.denominator, r.rows_unknown) == (78, 1101, 0)
    assert not [n for n in r.notes if n.warning]


def test_a_figure_resting_on_most_of_its_rows_has_no_warning(tmp_path: Path) -> None:
    path = _victims(tmp_path)
    path.write_text(path.read_text().replace(FACEBOOK, FACEBOOK[:-1] + ", where: recruitment_location == 'internet'}"))
    r = factcheck.verify(path).results[0]
    assert r.rows_unknown == 0 and not [n for n in r.notes if n.warning]


def test_a_window_function_compared_with_a_number_names_no_period(run) -> None:
    r = run("{count: sales, where: lag(units) > 100}", "5")  # the rows after one of more than 100 units
    assert r.verdict == Verdict.PASS, r.message


def test_a_period_of_a_table_with_a_header_and_no_rows_is_not_covered(tmp_path: Path) -> None:
    # a header-only export reads every column as text: the period check could not compare the year
    # with 2020, was taken as covered, and "no case in 2020" passed on a file holding no case at all.
    # A table of no rows now gives no figure whatever the claim names (tests/test_empty_tables.py):
    # the reason says so, rather than that 2020 alone is missing
    (tmp_path / "t.csv").write_text("id,year\n")
    path = tmp_path / "claims.yaml"
    path.write_text("tables:\n  t: {path: t.csv, time: year}\nclaims:\n"
                    "  - {id: c, says: s, measure: {count: t, where: year == 2020}, expect: 0}\n", encoding="utf-8")
    r = factcheck.verify(path).results[0]
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.NO_ROWS), r.message
    assert "table 't' has no rows" in r.message and "t.csv holds no data row" in r.message


def test_a_streak_over_a_time_column_that_passes_over_a_missing_year_is_not_covered(run) -> None:
    """Cars of 1980 and 1982 are neighbours when ordered by year, but the data has no 1981: "three
    straight years" of rows would count a year nobody recorded."""
    r = run(f"{{streak: model_year >= 1980, of: cars, order: model_year, where: {ONE_A_YEAR}}}", "2")
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED), r.message
    assert "gap" in r.message and "1980 to 1982" in r.message and "2 of the 3 periods" in r.message


ONE_A_YEAR = "\"ends_with(Name, '0')\""  # the first car of each year (model 700, 710, …)


def test_a_streak_before_the_gap_is_whole(run) -> None:
    r = run(f"{{streak: model_year >= 1978 and model_year <= 1980, of: cars, order: model_year, where: {ONE_A_YEAR}}}",
            "3")
    assert (r.verdict, r.value) == (Verdict.PASS, 3), r.message


def test_a_streak_over_periods_with_several_rows_each_is_refused(run) -> None:
    """Three cars a year: "three straight years" would count nine rows. Found walking a story of
    heat, where "6 straight days" passed for three days at two stations."""
    with pytest.raises(ClaimsFileError) as err:
        run("{streak: model_year >= 1978 and model_year <= 1980, of: cars, order: model_year}", "9")
    message = str(err.value)
    assert "keeps 36 rows but only 12 values of model_year (1970 more than once)" in message
    assert "narrow where: to one row per model_year" in message


def test_a_streak_ordered_by_a_column_that_is_not_time_counts_rows_as_before(run) -> None:
    """Ordered by an id or a number that is not a time column, rows are consecutive as they come:
    a number nobody used is no gap."""
    r = run("{streak: units > 100, of: sales, order: units}", "{between: [1, 100]}")
    assert r.verdict == Verdict.PASS, r.message
