"""Periods and gaps on data nobody here prepared (issue 9, items 1-2).

The data is constructed (tests/fixtures/cars/README.md): cars from 1970 to 1982 with no
1981 and `Year` written as a date; yearly sales ending in 2020. No claims file declares
`time:`: a date column, the axis of change/extreme/streak and what derives from them are
time columns all the same.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

import factcheck
from factcheck import Reason, Verdict

CARS = Path(__file__).parent / "fixtures" / "cars"
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


def test_a_value_that_occurs_is_judged(tmp_path: Path) -> None:
    code, out = _cli(tmp_path, "{count: cars, where: \"Origin == 'Japan' and model_year == 1980 and Cylinders == 12\"}")
    assert code == 0, out


def test_an_allowed_spelling_differing_from_the_data_only_by_case_is_a_problem(tmp_path: Path) -> None:
    columns = "    columns: {Origin: {allowed: [USA, Japan, Europe, 'japan', Africa]}}\n"
    code, out = _cli(tmp_path, "{count: cars, where: model_year == 1982}", columns)
    assert code == 2 and "'japan'" in out and "Africa" not in out, out
