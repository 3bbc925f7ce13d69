"""A date column named by years (issue 11, item 4): `over: filed_date` with `from: 2019`, or
`where: filed_date >= 2019`, is refused with exit 2, the claim, its line and what to write
instead — never DuckDB's "Cannot compare values of type DATE and type INTEGER_LITERAL", never
a claim silently unverifiable because no day is called 2019."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import MINI, MINI_TABLES, one_claim
from typer.testing import CliRunner

import factcheck
from factcheck.cli import app
from factcheck.errors import ClaimsFileError

runner = CliRunner()

PER_PERIOD = {
    "change": "{change: {count: cases}, over: filed_date, from: 2019, to: 2020}",
    "extreme": "{extreme: {count: cases}, over: filed_date, at: 2017, is: lowest}",
    "rising": "{rising: {count: cases}, over: filed_date, to: 2020}",
    "every": "{every: {count: cases}, over: filed_date, from: 2018, to: 2020}",
    "overtook": "{overtook: {count: cases}, column: case_type, a: forced_labor, b: sex_trafficking, "
                "over: filed_date, from: 2018, to: 2020}",
}
EXPECT = {"change": "up 100%", "extreme": "true", "rising": "3", "every": "at least 1", "overtook": "true"}


def _run(path) -> str:
    result = runner.invoke(app, ["run", str(path)])
    assert "Traceback" not in result.output
    assert result.exit_code == 2, result.output
    return " ".join(result.output.split())


def _line_of(path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if text in line)


@pytest.mark.parametrize("kind", sorted(PER_PERIOD))
def test_a_date_axis_named_by_years_is_refused_with_what_to_write(mini, kind: str) -> None:
    path = mini(one_claim(PER_PERIOD[kind], EXPECT[kind], cid=f"by-{kind}"))
    text = _run(path)
    assert f"claims.yaml:{_line_of(path, 'measure:')}: claim 'by-{kind}': over: filed_date holds dates" in text
    assert "names a year" in text or "name years" in text
    assert "over: year(filed_date)" in text and "derive" in text
    assert "Cannot compare" not in text and "Conversion Error" not in text and "INTEGER" not in text
    assert ("'20" in text) == (kind != "every")  # `every` takes whole-number periods only


def test_the_problem_names_the_line_of_over_in_a_block_mapping(mini) -> None:
    path = mini("- id: rise\n  says: Cases rose.\n  measure:\n    change: {count: cases}\n"
                "    over: filed_date\n    from: 2019\n    to: 2020\n  expect: up 100%\n")
    assert f"claims.yaml:{_line_of(path, 'over: filed_date')}: claim 'rise'" in _run(path)


def test_years_and_year_derives_and_dates_still_run(mini) -> None:
    body = (one_claim("{change: {count: cases}, over: year(filed_date), from: 2019, to: 2020}", "up 150%", "expr")
            + one_claim("{change: {count: cases}, over: filed_year, from: 2019, to: 2020}", "up 150%", "derive")
            + one_claim("{change: {count: cases}, over: filed_date, from: '2019-01-15', to: '2020-02-11'}",
                        "up 0%", "days"))
    report = factcheck.verify(mini(body))
    assert [r.verdict for r in report.results[:2]] == ["pass", "pass"]
    assert report.results[2].value == 0 and report.results[2].value_text == "0%"  # one case each day: no change


def test_a_filter_comparing_a_date_with_a_year_says_what_to_write(mini) -> None:
    path = mini(one_claim("{count: cases, where: filed_date >= 2019}", "7", cid="since-2019"))
    text = _run(path)
    assert f"claims.yaml:{_line_of(path, 'measure:')}: claim 'since-2019': where: filed_date is a date" in text
    assert "cannot be compared with the number 2019" in text
    assert "year(filed_date)" in text and "'2019-01-01'" in text
    assert "Binder Error" not in text and "INTEGER_LITERAL" not in text


@pytest.mark.parametrize("where", ["filed_date between 2018 and 2019", "'filed_date in [2019, 2020]'",
                                   "2019 < filed_date"])
def test_every_shape_of_comparison_is_checked(mini, where: str) -> None:
    text = _run(mini(one_claim(f"{{count: cases, where: {where}}}", "7")))
    assert "is a date and cannot be compared with the number" in text


def test_a_typed_table_is_refused_before_anything_is_read(mini) -> None:
    """With a DataFrame the type is known when the claim is compiled."""
    frame = pd.read_csv(MINI / "cases.csv", parse_dates=["filed_date", "last_pending_date"])
    path = mini(one_claim(PER_PERIOD["change"], "up 100%", cid="rise"))
    with pytest.raises(ClaimsFileError) as caught:
        factcheck.verify(path, {"cases": frame, "victims": pd.read_csv(MINI / "victims.csv"),
                                "gdp": pd.read_csv(MINI / "gdp.csv")})
    (problem,) = caught.value.problems
    assert problem.claim == "rise" and problem.line == _line_of(path, "measure:")
    assert "holds dates" in problem.message and "year(filed_date)" in (problem.hint or "")


def test_a_derive_comparing_a_date_with_a_year_is_named_with_what_to_write(mini) -> None:
    tables = MINI_TABLES.replace("      filed_year: year(filed_date)\n",
                                 "      filed_year: year(filed_date)\n      long_id: length(case_id) > 100\n"
                                 "      recent: filed_date >= 2019\n")
    path = mini(one_claim("{count: cases, where: recent and not long_id}", "7", cid="recent"), tables)
    text = _run(path)
    assert f"claims.yaml:{_line_of(path, 'recent: filed_date')}: derive 'recent': filed_date is a date" in text
    assert "cannot be compared with the number 2019" in text and "year(filed_date)" in text
    assert "Binder Error" not in text and "INTEGER" not in text


@pytest.mark.parametrize(("measure", "said", "hint"), [
    ("{extreme: {count: cases}, over: filed_date, at: '2020-10', is: highest}",
     "over: filed_date holds dates, but at: 2020-10 is no date", "write at: '2020-10-01'"),
    ("{change: {count: cases}, over: filed_date, from: 'Q3 2019', to: '2020-02-11'}",
     "from: Q3 2019 is no date", "quarter_start(filed_date)"),
    ("{change: {count: cases}, over: filed_year, from: FY2019, to: 2020}",
     "over: filed_year holds numbers, but from: FY2019 is no number", "write from: 2019"),
])
def test_a_period_that_is_no_value_of_its_axis_is_refused(mini, measure: str, said: str, hint: str) -> None:
    """Found walking stories of transit and of a budget: `at: '2024-10'` on an axis of dates and
    `from: FY2023` on an axis of years were unverifiable ("there is no value at 2024-10", "no rows
    pass the filter"), which told the reporter nothing of what to write."""
    text = _run(mini(one_claim(measure, "true" if "extreme" in measure else "up 100%", cid="short")))
    assert said in text and hint in text, text
