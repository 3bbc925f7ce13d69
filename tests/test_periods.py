"""A period the data does not cover is `period_not_covered`, never a count of zero."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import one_claim

import factcheck
from factcheck import Reason, Verdict

NOT_COVERED = [
    "{count: cases, where: filed_year == 2021}",
    "{count: cases, where: filed_year == 1999}",
    "{count: cases, where: \"filed_date >= '2021-01-01'\"}",
    "{count: cases, where: \"filed_date < '2017-01-01'\"}",
    "{count: cases, where: filed_year between 2021 and 2022}",
    "{count: cases, where: \"filed_year in [2020, 2021]\"}",
    "{count: victims, where: case.filed_year == 2021}",
    "{change: {count: cases}, over: filed_year, from: 2020, to: 2021}",
    "{extreme: {count: cases}, over: filed_year, at: 2021, is: lowest}",
    "{extreme: {count: cases}, over: filed_year, at: 2020, since: 2010, is: highest}",
]


@pytest.mark.parametrize("measure", NOT_COVERED)
def test_periods_outside_the_data_are_not_covered(mini, measure: str) -> None:
    r = factcheck.verify(mini(one_claim(measure, "0"))).results[0] if "extreme" not in measure else \
        factcheck.verify(mini(one_claim(measure, "true"))).results[0]
    assert r.verdict == Verdict.UNVERIFIABLE, r.message
    assert r.reason == Reason.PERIOD_NOT_COVERED
    assert "does not cover" in r.message


def test_active_in_a_later_year_uses_the_second_time_column(mini) -> None:
    tables_extra = "      active_2021: filed_date <= '2021-12-31' and (last_pending_date is null or last_pending_date >= '2021-01-01')\n"
    from conftest import MINI_TABLES
    tables = MINI_TABLES.replace("      active_2020:", tables_extra + "      active_2020:")
    r = factcheck.verify(mini(one_claim("{count: cases, where: active_2021}", "5"), tables)).results[0]
    assert r.reason == Reason.PERIOD_NOT_COVERED


@pytest.mark.parametrize("measure, expect", [
    ("{count: cases, where: filed_year == 2020}", "5"),
    ("{count: cases, where: \"filed_date >= '2020-06-01'\"}", "3"),
    ("{count: cases, where: \"case_type == 'forced_labor' and filed_year == 2019\"}", "0"),  # a real zero
    ("{count: cases, where: not filed_year == 2021}", "10"),
])
def test_periods_inside_the_data_are_judged(mini, measure: str, expect: str) -> None:
    r = factcheck.verify(mini(one_claim(measure, expect))).results[0]
    assert r.verdict == Verdict.PASS, r.message


def test_without_a_time_declaration_a_date_column_is_a_time_column(mini) -> None:
    from conftest import MINI_TABLES
    tables = MINI_TABLES.replace("    time: [filed_date, last_pending_date]\n", "")
    r = factcheck.verify(mini(one_claim("{count: cases, where: filed_year == 2021}", "0"), tables)).results[0]
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED)


def test_a_column_that_is_no_time_column_is_not_checked(mini) -> None:
    r = factcheck.verify(mini(one_claim("{count: victims, where: age > 200}", "0"))).results[0]
    assert r.verdict == Verdict.PASS


def test_zero_denominator_and_no_rows(mini) -> None:
    share_unknown = "{share: platform == 'Facebook', of: victims, where: \"location == 'street'\"}"
    r = factcheck.verify(mini(one_claim(share_unknown, "50%"))).results[0]
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.ZERO_DENOMINATOR)
    r = factcheck.verify(mini(one_claim("{mean: age, of: victims, where: \"age > 200\"}", "20"))).results[0]
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.NO_ROWS)
    r = factcheck.verify(mini(one_claim(
        "{change: {count: cases, where: \"region == 'east'\"}, over: filed_year, from: 2019, to: 2020}", "up 10%"))).results[0]
    assert r.reason == Reason.ZERO_DENOMINATOR


def recorded_run(claims: Path) -> tuple[factcheck.Report, list[str], list[str]]:
    """The report, every statement run on the connection, and those DuckDB refused."""
    from conftest import Recorded

    from factcheck.engine import prepare
    session = prepare(claims)
    recorded = Recorded(session.backend.con)  # type: ignore[attr-defined]
    session.backend.con = recorded  # type: ignore[attr-defined]
    session.materialize()
    return session.run(), recorded.sql, recorded.failed


def test_a_text_column_read_without_a_type_costs_no_period_query(mini, monkeypatch: pytest.MonkeyPatch) -> None:
    """``location == 'street'`` names a period only if the column (read without a type) turned out
    to be a date; it is text, so the check's answer is known from its type: no min/max over it."""
    from conftest import MINI_TABLES

    from factcheck.planning.execute import Executor
    untimed = MINI_TABLES.replace("    time: [filed_date, last_pending_date]\n", "")  # a date column read untyped too
    claims = mini(one_claim("{count: victims, where: \"location == 'street'\"}", "2")
                  + one_claim("{count: cases, where: filed_year == 2021}", "0", cid="late"), untimed)
    report, statements, _ = recorded_run(claims)
    assert not [s for s in statements if 'min("victims"."location")' in s], statements
    assert [s for s in statements if 'typeof(min("cases"."filed_date"))' in s]  # a date read untyped: checked
    with monkeypatch.context() as m:
        m.setattr(Executor, "_settle_untimed", lambda self, covs: None)
        checked, checked_statements, _ = recorded_run(claims)
    assert [s for s in checked_statements if 'min("victims"."location")' in s]  # the query it no longer runs
    assert [(r.id, r.verdict, r.reason, r.value) for r in report.results] == \
        [(r.id, r.verdict, r.reason, r.value) for r in checked.results]
    assert (report.results[1].verdict, report.results[1].reason) == (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED)


def test_the_story_runs_no_statement_duckdb_refuses() -> None:
    """Every period check of a table settled from its columns' types left an empty group behind,
    and the run sent DuckDB a ``SELECT`` with nothing to select for it: a parser error, swallowed,
    on every story run."""
    story = Path(__file__).parent.parent / "claims" / "2020.yaml"
    report, statements, refused = recorded_run(story)
    assert statements and refused == []
    assert len(report.results) > 20
    assert [(r.id, r.verdict, r.value) for r in report.results] == \
        [(r.id, r.verdict, r.value) for r in factcheck.verify(story).results]
