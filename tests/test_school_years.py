"""Years written as labels (school years ``2019-20``, fiscal years ``FY2021``, ``2020/21``) are periods:
ordered by their first year, neighbours when those are, a missing one a gap (``period_not_covered``),
and named in a claim as the data writes them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import one_table
from hypothesis import given
from hypothesis import strategies as st

from factcheck import ClaimsFileError, Reason, Verdict
from factcheck.measures import _values

# enrolment by school year; 2020-21 is missing from GAP (the pandemic year a district did not report)
WHOLE = ["school_year,school,students", "2019-20,A,100", "2019-20,B,50", "2020-21,A,90", "2020-21,B,40",
         "2021-22,A,120", "2021-22,B,60", "2022-23,A,110", "2022-23,B,55"]
GAP = ["school_year,students", "2018-19,130", "2019-20,100", "2021-22,120", "2022-23,110"]


def test_a_change_between_school_years_is_judged(tmp_path: Path) -> None:
    r = one_table(tmp_path, WHOLE, "{change: {sum: students, of: t}, over: school_year, from: 2019-20, to: 2021-22}",
                  "up 20%")
    assert r.verdict == Verdict.PASS, r.message


def test_a_record_across_a_missing_school_year_is_not_covered(tmp_path: Path) -> None:
    """Before, 2020-21 was not seen as missing: "the highest since 2019-20" failed on a rank."""
    r = one_table(tmp_path, GAP, "{extreme: {sum: students, of: t}, over: school_year, at: 2021-22, since: 2019-20, "
                                 "is: highest}", "true")
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED), r.message
    assert "gap at 2020-21" in r.message


def test_a_rise_across_a_missing_school_year_is_not_covered(tmp_path: Path) -> None:
    """Before, 2019-20 and 2021-22 were neighbours: "rose for the first time" passed."""
    r = one_table(tmp_path, GAP, "{rising: {sum: students, of: t}, over: school_year, to: 2021-22}", "1")
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED), r.message
    assert "2020-21" in r.message


def test_a_rise_over_whole_school_years_is_counted(tmp_path: Path) -> None:
    r = one_table(tmp_path, WHOLE, "{rising: {sum: students, of: t}, over: school_year, to: 2021-22}", "1")
    assert r.verdict == Verdict.PASS, r.message


def test_a_streak_across_a_missing_school_year_is_not_covered(tmp_path: Path) -> None:
    """Before: a run of three rows, 2018-19 to 2021-22, across the missing year."""
    r = one_table(tmp_path, GAP, "{streak: students > 50, of: t, order: school_year, ending: 2021-22}", "3",
                  decl="time: school_year")
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED), r.message


def test_fiscal_years_have_gaps_too(tmp_path: Path) -> None:
    rows = ["fy,spent", "FY2019,10", "FY2020,12", "FY2022,15"]
    r = one_table(tmp_path, rows, "{rising: {sum: spent, of: t}, over: fy, to: FY2022}", "2")
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED), r.message
    assert "FY2021" in r.message


@pytest.mark.parametrize("expect, verdict", [("more than 50", Verdict.PASS), ("more than 150", Verdict.FAIL)])
def test_every_school_year(tmp_path: Path, expect: str, verdict: Verdict) -> None:
    """Before, `every` refused from: 2019-20 ('must be a whole number')."""
    r = one_table(tmp_path, WHOLE, "{every: {sum: students, of: t}, over: school_year, from: 2019-20, to: 2022-23}",
                  expect)
    assert r.verdict == verdict, r.message
    assert [p.key for p in r.details.periods] == ["2019-20", "2020-21", "2021-22", "2022-23"]


def test_every_school_year_across_a_gap_is_not_covered(tmp_path: Path) -> None:
    r = one_table(tmp_path, GAP, "{every: {sum: students, of: t}, over: school_year, from: 2018-19, to: 2022-23}",
                  "more than 50")
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED), r.message
    assert "2020-21" in r.message


@pytest.mark.parametrize("ends", ["from: 2019-20, to: FY2022", "from: 2022-23, to: 2019-20", "from: x, to: 2019-20"])
def test_every_ends_written_two_ways_or_backwards_are_refused(tmp_path: Path, ends: str) -> None:
    with pytest.raises(ClaimsFileError):
        one_table(tmp_path, WHOLE, f"{{every: {{sum: students, of: t}}, over: school_year, {ends}}}", "more than 5")


@pytest.mark.parametrize("measure", [
    "{change: {sum: students, of: t}, over: school_year, from: 2019-2020, to: 2021-22}",
    "{extreme: {sum: students, of: t}, over: school_year, at: 2019-2020, is: highest}",
])
def test_a_school_year_written_otherwise_than_the_data_is_an_error(tmp_path: Path, measure: str) -> None:
    """Before, `from: 2019-2020` against data writing 2019-20 was "a gap in the data"."""
    with pytest.raises(ClaimsFileError) as err:
        one_table(tmp_path, WHOLE, measure, "up 20%" if "change" in measure else "true")
    said = str(err.value)
    assert "2019-2020" in said and "2019-20" in said
    assert "2019-20, 2020-21, 2021-22, 2022-23" in said  # the values that exist
    assert "never holds" not in said  # said once, not again as a typo of `at`


@pytest.mark.parametrize(("ending", "meant"), [("2021-2022", "write ending: 2021-22"),
                                              ("'2021'", "write ending: 2020-21 or 2021-22")])
def test_a_streak_ending_written_otherwise_than_the_data_is_an_error(tmp_path: Path, ending: str, meant: str) -> None:
    """Before, `ending: 2021-2022` over data writing 2021-22 was "a gap in the data"."""
    with pytest.raises(ClaimsFileError) as err:
        one_table(tmp_path, WHOLE, f"{{streak: students > 30, of: t, order: school_year, where: school == 'A', "
                                   f"ending: {ending}}}", "4", decl="time: school_year")
    assert "written another way than the data writes its years" in str(err.value) and meant in str(err.value)


def test_a_streak_ending_written_as_the_data_writes_it_is_judged(tmp_path: Path) -> None:
    """Neighbour: ending: 2021-22 over school years 2019-20 to 2022-23 (school A: 100, 90, 120)."""
    r = one_table(tmp_path, WHOLE, "{streak: students > 30, of: t, order: school_year, where: school == 'A', "
                                   "ending: 2021-22}", "3", decl="time: school_year")
    assert r.verdict == Verdict.PASS, r.message


@pytest.mark.parametrize("start", ["'2020'", "2020"])
def test_a_bare_year_against_school_years_names_both_it_may_mean(tmp_path: Path, start: str) -> None:
    """Before, `from: 2020` (a number) over school years was "no rows pass the filter" at 2020."""
    with pytest.raises(ClaimsFileError) as err:
        one_table(tmp_path, WHOLE, f"{{change: {{sum: students, of: t}}, over: school_year, from: {start}, "
                                   "to: 2021-22}", "up 20%")
    assert "from: 2020 is written another way than the data writes its years (2019-20)" in str(err.value)
    assert "write from: 2019-20 or 2020-21" in str(err.value)


def test_years_written_as_numbers_cost_no_look_up_of_labels(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a period written as text (a label, '2020') is held against the column's labels: a claim
    over years as numbers asks no more of the data than before (a run of claims/2020.yaml: 42 queries)."""
    from conftest import record_statements
    asked = record_statements(monkeypatch)
    rows = ["yr,students", "2019,100", "2020,90", "2021,120"]
    r = one_table(tmp_path, rows, "{change: {sum: students, of: t}, over: yr, from: 2019, to: 2021}", "up 20%")
    assert r.verdict == Verdict.PASS, r.message
    assert not [q for q in asked if q.startswith('SELECT DISTINCT "t"."yr" AS v')], asked


@pytest.mark.parametrize("where, why", [("2024-25", "school_year == 2024-25"), ("2020-21", "a gap in the data")])
def test_a_school_year_in_a_filter_the_data_lacks_is_not_covered(tmp_path: Path, where: str, why: str) -> None:
    """Before, a later school year (or a missing one) in a filter was called a typo and stopped the run."""
    r = one_table(tmp_path, GAP, f"{{count: t, where: \"school_year == '{where}'\"}}", "0", decl="time: school_year")
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED), r.message
    assert why in r.message


def test_a_school_year_missing_from_a_column_that_is_no_time_column_is_still_a_typo(tmp_path: Path) -> None:
    """Neighbour: without `time:` a filter's zero could not be told from a period the data lacks."""
    with pytest.raises(ClaimsFileError) as err:
        one_table(tmp_path, GAP, "{count: t, where: \"school_year == '2024-25'\"}", "0")
    assert "never holds '2024-25'" in str(err.value)


def test_a_misspelt_value_of_a_time_column_of_school_years_is_still_a_typo(tmp_path: Path) -> None:
    with pytest.raises(ClaimsFileError) as err:
        one_table(tmp_path, GAP, "{count: t, where: \"school_year == '2019-2O'\"}", "0", decl="time: school_year")
    assert "never holds '2019-2O'" in str(err.value)


def test_school_years_declared_text_are_categories(tmp_path: Path) -> None:
    """Neighbour: `type: text` still makes the values categories, with nothing between them."""
    r = one_table(tmp_path, GAP, "{extreme: {sum: students, of: t}, over: school_year, at: 2018-19, is: highest}",
                  "true", decl="columns: {school_year: {type: text}}")
    assert r.verdict == Verdict.PASS, r.message


def test_a_rise_over_school_years_declared_text_says_the_declaration_is_why(tmp_path: Path) -> None:
    """Before, the hint said only to write a column of years or dates, which the column is."""
    with pytest.raises(ClaimsFileError) as err:
        one_table(tmp_path, WHOLE, "{rising: {sum: students, of: t}, over: school_year}", "1",
                  decl="columns: {school_year: {type: text}}")
    assert "holds categories" in str(err.value) and "declared type: text" in str(err.value)


def test_codes_that_look_like_years_are_no_periods(tmp_path: Path) -> None:
    """Neighbour: flight codes ('UA1234') are ranked as categories, not read as years with gaps between."""
    rows = ["flight,late", "UA1234,5", "UA1240,9", "UA2001,3"]
    r = one_table(tmp_path, rows, "{extreme: {sum: late, of: t}, over: flight, at: UA1240, is: highest}", "true")
    assert r.verdict == Verdict.PASS, r.message


def test_labels_written_two_ways_stay_text(tmp_path: Path) -> None:
    """Neighbour: a column mixing 2019-20 and 2021-2022 has no one way to write the year between."""
    rows = ["school_year,students", "2019-20,100", "2021-2022,120"]
    r = one_table(tmp_path, rows, "{change: {sum: students, of: t}, over: school_year, from: 2019-20, to: 2021-2022}",
                  "up 20%")
    assert r.verdict == Verdict.PASS, r.message


FORMS = st.builds(lambda *a: _values.YearLabel(*a), st.sampled_from(["", "FY", "SY ", "AY"]), st.sampled_from(["-", "/"]),
                  st.sampled_from([0, 2, 4])).filter(lambda f: f.prefix or f.width)


@given(FORMS, st.integers(1000, 2998))
def test_a_label_is_read_back_as_its_first_year(form: _values.YearLabel, year: int) -> None:
    read = _values.year_label(form.write(year))
    assert read is not None and read[1] == year
    assert read[0].write(year) == form.write(year)


@given(st.integers(1000, 2998), st.integers(0, 99))
def test_a_span_whose_second_year_is_not_the_next_is_no_label(year: int, second: int) -> None:
    """A month written short (2024-03) or a span of two years (2019-21) is no school year."""
    if second != (year + 1) % 100:
        assert _values.year_label(f"{year}-{second:02d}") is None


def test_school_years_are_filled_and_ordered_by_their_first_year() -> None:
    assert _values.fill_gaps(["1999-00", "2001-02"]) == ["1999-00", "2000-01", "2001-02"]
    every = _values.cadence(["2008-09", "2012-13", "2020-21"])
    assert every is not None and every.step == 4 and every.label(every.first + 4) == "2012-13"
    assert _values.year_labels(["2019-20", "2020/21"]) is None
    assert _values.year_labels(["2024-01", "2024-02"]) is None  # months, not school years
    assert [_values.is_period_key(k) for k in ("2019-20", "FY2021", "2024-03", "2019/99", "UA1234", "Harbor")] == [
        True, True, True, False, False, False]


def test_school_years_on_spark_give_duckdbs_report(spark: object, tmp_path: Path) -> None:
    """The gaps, the ordering and `every` come out of the same SQL on Spark; a school year written
    another way is refused alike."""
    from test_spark_engine import refused_alike, same_reports

    import factcheck
    (tmp_path / "t.csv").write_text("\n".join(GAP) + "\n", encoding="utf-8")
    (tmp_path / "w.csv").write_text("\n".join(WHOLE) + "\n", encoding="utf-8")
    claims = [("{extreme: {sum: students, of: t}, over: school_year, at: 2021-22, since: 2019-20, is: highest}", "true"),
              ("{rising: {sum: students, of: t}, over: school_year, to: 2021-22}", "1"),
              ("{rising: {sum: students, of: w}, over: school_year, to: 2021-22}", "1"),
              ("{every: {sum: students, of: w}, over: school_year, from: 2019-20, to: 2022-23}", "more than 50"),
              ("{change: {sum: students, of: w}, over: school_year, from: 2019-20, to: 2021-22}", "up 20%")]
    body = "".join(f"  - id: c{i}\n    says: a sentence\n    measure: {m}\n    expect: {e}\n"
                   for i, (m, e) in enumerate(claims))
    path = tmp_path / "c.yaml"
    path.write_text("tables:\n  t: {path: t.csv}\n  w: {path: w.csv}\nclaims:\n" + body, encoding="utf-8")
    on_duckdb = factcheck.verify(path)
    assert [r.verdict for r in on_duckdb.results] == [Verdict.UNVERIFIABLE, Verdict.UNVERIFIABLE] + [Verdict.PASS] * 3
    same_reports(on_duckdb, factcheck.verify(path, engine="spark"))
    path.write_text(path.read_text(encoding="utf-8").replace("from: 2019-20, to: 2021-22", "from: 2019-2020, to: 2021-22"),
                    encoding="utf-8")
    assert "from: 2019-2020 is written another way" in refused_alike(path)


# fiscal years written two ways: FY 2020 (a space) sorts before FY2019 as text
FY_TWO_WAYS = ["fy,enrolled", "FY2019,10", "FY 2020,5", "FY2021,20", "FY2022,30"]
SY_THREE_WAYS = ["sy,enrolled", "2019-20,100", "2020-21,90", "2021-2022,80", "2022/23,70"]


@pytest.mark.parametrize(("rows", "measure", "expect"), [
    (FY_TWO_WAYS, "{rising: {sum: enrolled, of: t}, over: fy}", "3"),  # true figure 2: passed as 3
    (SY_THREE_WAYS, "{falling: {sum: enrolled, of: t}, over: sy}", "3"),  # true figure 3: failed as 2
    (FY_TWO_WAYS, "{extreme: {sum: enrolled, of: t}, over: fy, at: FY2022, since: FY2019, is: highest}", "true"),
    (FY_TWO_WAYS, "{streak: enrolled > 1, of: t, order: fy}", "4"),
])
def test_a_year_column_written_two_ways_stops_what_follows_its_order(tmp_path: Path, rows: list[str], measure: str,
                                                                     expect: str) -> None:
    """Before, ordered as text: FY 2020 came first, and a rise of two years in a row was counted three."""
    with pytest.raises(ClaimsFileError) as err:
        one_table(tmp_path, rows, measure, expect, decl=f"time: {rows[0].split(',')[0]}")
    said = str(err.value)
    assert "ways" in said and "compared as text" in said
    assert ("'FY2019', 'FY 2020'" in said) if rows is FY_TWO_WAYS else ("'2019-20', '2021-2022', '2022/23'" in said)
    assert "one way" in said  # the hint


def test_a_record_over_years_written_two_ways_is_ranked_among_them_all(tmp_path: Path) -> None:
    """Neighbour: the highest of all needs no order; the start of the data is not named (it was 'FY 2020')."""
    r = one_table(tmp_path, FY_TWO_WAYS, "{extreme: {sum: enrolled, of: t}, over: fy, at: FY2022, is: highest}", "true")
    assert r.verdict == Verdict.PASS, r.message
    assert "FY 2020" not in r.message and all("FY 2020" not in n.message for n in r.notes)


@pytest.mark.parametrize("rows", [
    ["fy,enrolled", "FY2019,10", "FY2020,5", "FY2021,20", "FY2022,30"],
    ["fy,enrolled", "FY 2019,10", "FY 2020,5", "FY 2021,20", "FY 2022,30"],
    ["fy,enrolled", "2019-2020,10", "2020-2021,5", "2021-2022,20", "2022-2023,30"],
])
def test_years_written_one_way_still_rise_in_order(tmp_path: Path, rows: list[str]) -> None:
    """Neighbour: written one way (with a space or without), they are periods read by their first year."""
    r = one_table(tmp_path, rows, "{rising: {sum: enrolled, of: t}, over: fy}", "2")
    assert r.verdict == Verdict.PASS, r.message


def test_two_ways_names_one_label_of_each_way() -> None:
    assert _values.two_ways(["FY 2021", "FY2019", "FY 2020"]) == ["FY2019", "FY 2020"]
    assert _values.two_ways(["2019-20", "2020-21"]) == []
    assert _values.two_ways(["2011-11", "2011-12", "2012-01"]) == []  # months: one of them reads as a label
    assert _values.two_ways(["2019", "2020"]) == []


def test_a_school_year_with_a_stray_space_is_no_gap_but_a_way_of_writing(tmp_path: Path) -> None:
    """Before: "the data has a gap at 2020-21: the table has no row at all for it", which it has."""
    rows = ["sy,n", "2019-20,1", "2020-21 ,2", "2021-22,3", "2022-23,4"]
    with pytest.raises(ClaimsFileError) as err:
        one_table(tmp_path, rows, "{rising: {sum: n, of: t}, over: sy}", "3", decl="time: sy")
    said = str(err.value)
    assert "'2020-21 '" in said and "no spaces at their ends" in said and "gap" not in said


def test_a_change_to_a_school_year_also_written_with_a_space_stops(tmp_path: Path) -> None:
    """Before: the change to 2022-23 left out the row of '2022-23 ' without a word (+1 for +6)."""
    rows = ["sy,n", "2019-20,1", "2020-21,2", "2021-22,3", "2022-23,4", "2022-23 ,5"]
    with pytest.raises(ClaimsFileError) as err:
        one_table(tmp_path, rows, "{change: {sum: n, of: t}, over: sy, from: 2021-22, to: 2022-23, as: absolute}",
                  "up 6", decl="time: sy")
    assert "'2022-23 '" in str(err.value) and "to: 2022-23" in str(err.value)


def test_a_change_between_school_years_written_one_way_is_untouched(tmp_path: Path) -> None:
    """Neighbour: no twin, no stop; a category with a spaced twin is left to the spelling_variants note."""
    rows = ["sy,n", "2019-20,1", "2020-21,2", "2021-22,3", "2022-23,4"]
    r = one_table(tmp_path, rows, "{change: {sum: n, of: t}, over: sy, from: 2021-22, to: 2022-23, as: absolute}",
                  "up 1", decl="time: sy")
    assert r.verdict == Verdict.PASS, r.message
    _values.label_spaced(["North", "North "], "North", "region", "to")  # no year's label: nothing said here


def test_a_record_over_a_school_year_also_written_with_a_space_ranks_both_and_warns(tmp_path: Path) -> None:
    """Before: '2022-23 ' (5) fell out of the filled school years, and 2022-23 (4) was "the highest"."""
    rows = ["sy,n", "2019-20,1", "2020-21,2", "2021-22,3", "2022-23,4", "2022-23 ,5"]
    r = one_table(tmp_path, rows, "{extreme: {sum: n, of: t}, over: sy, at: 2022-23, is: highest}", "true",
                  decl="time: sy")
    assert r.verdict == Verdict.FAIL, r.message
    assert any(n.code.value == "spelling_variants" for n in r.notes)
