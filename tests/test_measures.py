"""Every measure kind computes the right value on hand-checked data, and is judged by it.

The mini data (tests/fixtures/mini) is small enough to count by hand; the expected
values below were worked out from the CSVs, not from factcheck.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from conftest import one_claim

import factcheck
from factcheck import Reason, Verdict
from factcheck.measures import Period
from factcheck.measures.extreme import ExtremeDetails
from factcheck.measures.streak import StreakDetails
from factcheck.measures.top import TopDetails

CASES = [
    # (measure, expect, exact value, verdict)
    ("{count: cases}", "10", Fraction(10), "pass"),
    ("{count: cases, where: filed_year == 2020}", "5", Fraction(5), "pass"),
    ("{count: cases, where: active_2020}", "7", Fraction(7), "pass"),
    ("{count: cases, where: \"case_type == 'forced_labor'\"}", "3", Fraction(2), "fail"),
    ("{count_distinct: case_id, of: victims}", "8", Fraction(8), "pass"),
    ("{sum: age, of: victims}", "173", Fraction(173), "pass"),
    ("{mean: age, of: victims}", "19.2", Fraction(173, 9), "pass"),
    ("{median: age, of: victims}", "17", Fraction(17), "pass"),
    ("{min: age, of: victims}", "14", Fraction(14), "pass"),
    ("{max: age, of: victims}", "30", Fraction(30), "pass"),
    ("{value: growth, of: gdp, where: \"quarter == '2020Q2'\", unit: percent}", "2.8%", Fraction(28, 10), "pass"),
    ("{value: growth, of: gdp, where: \"quarter == '2020Q2'\"}", "2.8", Fraction(28, 10), "pass"),
    ("{share: platform == 'Facebook', of: victims, where: \"location == 'internet' and case.active_2020\"}",
     "60%", Fraction(3, 5), "pass"),
    ("{share: minor, of: victims}", "a majority", Fraction(5, 9), "pass"),
    ("{share: sex == 'male', of: victims}", "a majority", Fraction(2, 9), "fail"),
    ("{ratio: {numerator: {count: victims}, denominator: {count: cases}}}", "1", Fraction(1), "pass"),
    ("{ratio: {numerator: {count: victims, where: minor}, denominator: {count: victims}}}", "half",
     Fraction(5, 10), "pass"),
    ("{change: {count: cases}, over: filed_year, from: 2019, to: 2020}", "up 150%", Fraction(3, 2), "pass"),
    ("{change: {count: cases}, over: filed_year, from: 2018, to: 2019, as: absolute}", "0", Fraction(0), "pass"),
    ("{change: {count: cases}, over: filed_year, from: 2017, to: 2020, as: ratio}", "5", Fraction(5), "pass"),
    ("{change: {share: \"case_type == 'sex_trafficking'\", of: cases}, over: filed_year, from: 2019, to: 2020, as: points}",
     "down 20 points", Fraction(-1, 5), "pass"),
    ("{change: {count: cases}, over: filed_year, from: 2019, to: 2020}", "down 10%", Fraction(3, 2), "fail"),
    ("{extreme: {count: cases}, over: filed_year, at: 2020, is: highest}", "true", True, "pass"),
    ("{extreme: {count: cases}, over: filed_year, at: 2019, since: 2018, is: lowest}", "true", True, "pass"),
    ("{extreme: {count: cases}, over: filed_year, at: 2019, is: lowest}", "true", False, "fail"),
    ("{top: platform, of: victims}", "[Facebook]", ["Facebook"], "pass"),
    ("{top: platform, of: victims, n: 3}", "[Facebook, Instagram, Snapchat]",
     ["Facebook", "Instagram", "Snapchat"], "pass"),
    ("{top: platform, of: victims, n: 2}", "[Instagram, Facebook]", ["Facebook", "Instagram"], "fail"),
    # north and south have 3 active cases each: north is first only by the alphabet, so not confirmed
    ("{top: region, of: cases, by: {count: cases, where: active_2020}}", "[north]", ["north"], "fail"),
    ("{top: region, of: cases, by: {count: cases, where: active_2020}, n: 2}", "{values: [south, north], any_order: true}",
     ["north", "south"], "pass"),
    ("{top: region, of: cases, lowest: true}", "[east]", ["east"], "pass"),
    ("{streak: growth < 0, of: gdp, order: quarter}", "4", Fraction(4), "pass"),
    ("{streak: growth < 0, of: gdp, order: quarter, ending: 2019Q3}", "2", Fraction(2), "pass"),
    ("{streak: growth > 0, of: gdp, order: quarter}", "2", Fraction(2), "pass"),
    ("{count: gdp, where: growth < previous}", "4", Fraction(4), "pass"),
]


@pytest.mark.parametrize("measure, expect, value, verdict", CASES)
def test_measure_values_and_verdicts(mini, measure: str, expect: str, value: object, verdict: str) -> None:
    report = factcheck.verify(mini(one_claim(measure, expect)))
    result = report.results[0]
    assert result.verdict == verdict, result.message
    if isinstance(value, Fraction):
        assert Fraction(result.value_exact) == value
    else:
        assert result.value == value


def test_share_reports_numerator_denominator_and_unknowns(mini) -> None:
    r = factcheck.verify(mini(one_claim(
        "{share: platform == 'Facebook', of: victims, where: \"location == 'internet' and case.active_2020\"}",
        "60%"))).results[0]
    assert (r.numerator, r.denominator, r.rows_kept, r.rows_unknown) == (3, 5, 6, 1)
    assert {n.code.value for n in r.notes} >= {"unknowns_excluded", "small_base"}


def test_mean_is_exact_not_float(tmp_path) -> None:
    # 2.4 and 2.5 average to exactly 2.45: "2.5" means [2.45, 2.55), so this passes
    (tmp_path / "t.csv").write_text("x\n2.4\n2.5\n")
    (tmp_path / "c.yaml").write_text(
        "version: 1\ntables: {t: {path: t.csv}}\nclaims:\n"
        "  - {id: m, says: s, measure: {mean: x, of: t}, expect: '2.5'}\n"
        "  - {id: s, says: s, measure: {sum: x, of: t}, expect: 4.9}\n")
    report = factcheck.verify(tmp_path / "c.yaml")
    assert [r.verdict for r in report.results] == ["pass", "pass"]
    assert report.results[0].value_exact == "49/20"


def test_share_on_the_exact_lower_edge_passes(tmp_path) -> None:
    rows = ["yes"] * 117 + ["no"] * 83
    (tmp_path / "t.csv").write_text("a\n" + "\n".join(rows) + "\n")
    (tmp_path / "c.yaml").write_text(
        "version: 1\ntables: {t: {path: t.csv}}\nclaims:\n"
        "  - {id: edge, says: s, measure: {share: \"a == 'yes'\", of: t}, expect: 59%}\n")
    r = factcheck.verify(tmp_path / "c.yaml").results[0]
    assert r.value_exact == "117/200" and r.verdict == "pass"


def test_extreme_details_give_rank_runner_up_and_last_as_low(mini) -> None:
    r = factcheck.verify(mini(one_claim(
        "{extreme: {count: cases}, over: filed_year, at: 2019, since: 2018, is: lowest}", "true"))).results[0]
    assert isinstance(r.details, ExtremeDetails)
    assert r.details.rank == 2
    assert r.details.last_as_low == Period(key="2018", value=2.0) and r.details.last_as_high is None
    assert r.details.runner_up is not None and r.details.runner_up.key == "2017"
    assert [p.key for p in r.series] == ["2017", "2018", "2019", "2020"]


def test_record_is_the_data_note_and_record_from(mini) -> None:
    r = factcheck.verify(mini(one_claim(
        "{extreme: {count: cases}, over: filed_year, at: 2020, is: highest}", "true"))).results[0]
    assert "record_is_the_data" in [n.code.value for n in r.notes]
    r = factcheck.verify(mini(one_claim(
        "{extreme: {count: cases}, over: filed_year, at: 2020, is: highest, record_from: 2010}", "true"))).results[0]
    assert r.verdict == Verdict.UNVERIFIABLE and r.reason == Reason.PERIOD_NOT_COVERED


def test_an_extreme_across_the_values_of_a_category_has_no_record_and_no_beginning(mini) -> None:
    """"The north had the most cases" ranks regions: there is no record, so no note says
    "'on record' here means since the data begins (north)", and no region is 'earlier'."""
    r = factcheck.verify(mini(one_claim(
        "{extreme: {count: cases}, over: region, at: north, is: highest}", "true"))).results[0]
    assert r.verdict == Verdict.PASS and isinstance(r.details, ExtremeDetails)
    assert "record_is_the_data" not in [n.code.value for n in r.notes]
    assert r.details.data_from is None and r.details.last_as_high is None and r.details.holds_since is None
    assert r.details.rank == 1 and r.details.runner_up is not None and r.details.runner_up.key == "south"


def test_years_without_matching_rows_count_as_zero_in_a_series(tmp_path) -> None:
    (tmp_path / "t.csv").write_text("d,k\n2015-01-01,a\n2015-02-01,a\n2016-05-01,b\n2017-03-01,a\n2018-01-01,a\n")
    (tmp_path / "c.yaml").write_text(
        "version: 1\ntables: {t: {path: t.csv, time: d, derive: {y: year(d)}}}\nclaims:\n"
        "  - {id: e, says: s, measure: {extreme: {count: t, where: k == 'a'}, over: y, at: 2017, since: 2015, "
        "is: lowest}, expect: true}\n")
    r = factcheck.verify(tmp_path / "c.yaml").results[0]
    assert r.verdict == "fail"  # 2016 had none of kind a: 2017's one case is not the fewest since 2015
    assert [(p.key, p.value) for p in r.series][:3] == [("2015", 2.0), ("2016", 0.0), ("2017", 1.0)]


def test_a_year_the_whole_table_lacks_is_a_gap_in_a_series(tmp_path) -> None:
    (tmp_path / "t.csv").write_text("d\n2015-01-01\n2015-02-01\n2017-03-01\n2018-01-01\n2018-02-02\n")
    (tmp_path / "c.yaml").write_text(
        "version: 1\ntables: {t: {path: t.csv, time: d, derive: {y: year(d)}}}\nclaims:\n"
        "  - {id: e, says: s, measure: {extreme: {count: t}, over: y, at: 2017, since: 2015, is: lowest}, expect: true}\n")
    r = factcheck.verify(tmp_path / "c.yaml").results[0]
    assert (r.verdict, r.reason) == ("unverifiable", Reason.PERIOD_NOT_COVERED)  # no row at all in 2016: a gap
    assert "2016" in r.message


def test_streak_reports_where_it_starts_and_ends(mini) -> None:
    r = factcheck.verify(mini(one_claim("{streak: growth < 0, of: gdp, order: quarter}", "4"))).results[0]
    assert isinstance(r.details, StreakDetails)
    assert (r.details.starts, r.details.ends) == ("2019Q2", "2020Q1")


def test_top_reports_ties_at_the_cut(mini) -> None:
    r = factcheck.verify(mini(one_claim("{top: platform, of: victims, n: 2}", "[Facebook, Instagram]"))).results[0]
    assert isinstance(r.details, TopDetails)
    assert r.details.ties_at_cut == ["Snapchat"]


def test_a_change_says_the_rows_it_left_out_as_unknown(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A blank enrollment in 2023 left a third of a district's students out of "fell 28%", with no
    note, while the plain sum for 2023 said it left a row out (a walk of a schools story)."""
    from conftest import one_table

    from factcheck.outcome import NoteCode
    rows = ["year,band,students", "2018,a,6000", "2018,b,6200", "2023,a,8800", "2023,b,"]
    r = one_table(tmp_path, rows, "{change: {sum: students, of: t}, over: year, from: 2018, to: 2023}", "down 28%",
                  decl="time: year")
    assert [n.message for n in r.notes if n.code == NoteCode.UNKNOWNS_EXCLUDED] == [
        "1 row left out because the value was unknown"]
    assert not [n for n in r.notes if n.code == NoteCode.MOSTLY_UNKNOWN]
