"""A figure with a unit of time ('45 days', 'about 12 years', 'a 25-year-old') reads as its number,
in the unit of the measure's values when that is known.

`factcheck init` writes a claim's ``expect:`` as the article words it, and the figure reader
takes "45 days" whole; the expectation grammar refused it ("cannot read '45 days'"), so the
starter file stopped the run as soon as a measure was added. Then "more than four hours"
against a mean of ``wait_minutes`` read as more than 4 and passed a mean of 198 minutes: a
silent wrong verdict. A measure's unit is now read from ``unit:`` or the column's name, and
the figure converted into it.
"""

from __future__ import annotations

import json
from fractions import Fraction as F
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.expectations import ExpectationError, MeasureShape, parse_expectation

N = MeasureShape("number")
runner = CliRunner()
UNITS = ["day", "days", "week", "weeks", "month", "months", "quarter", "quarters", "year", "years",
         "decade", "decades", "hour", "hours", "century", "centuries", "minute", "minutes", "second", "seconds"]


@pytest.mark.parametrize(("written", "shape", "low", "high", "meaning"), [
    ("45 days", N, F(89, 2), F(91, 2), "rounds to 45 days: 44.5 ≤ x < 45.5"),
    ("3.5 months", N, F(345, 100), F(355, 100), "rounds to 3.5 months: 3.45 ≤ x < 3.55"),
    ("five years", N, F(9, 2), F(11, 2), "rounds to five years: 4.5 ≤ x < 5.5"),
    ("about 12 years", N, F(114, 10), F(126, 10), "about 12 years: 11.4 ≤ x ≤ 12.6"),
    ("more than 6 months", N, F(6), None, "more than 6 months: x > 6"),
    ("nearly 30 days", N, F(285, 10), F(30), "nearly 30 days: 28.5 ≤ x < 30"),
    ("up 3 days", MeasureShape("change_absolute"), F(5, 2), F(7, 2), "a rise rounding to 3 days: 2.5 ≤ x < 3.5"),
])
def test_a_duration_reads_as_its_number_with_its_unit_in_the_meaning(
        written: str, shape: MeasureShape, low: F, high: F | None, meaning: str) -> None:
    e = parse_expectation(written, shape)
    assert e.interval is not None and (e.interval.low, e.interval.high) == (low, high)
    assert e.meaning == meaning


@pytest.mark.parametrize("written", ["45 dayz", "45% days", "a decade", "days", "45 days 3", "one in five days"])
def test_what_is_not_a_duration_is_still_refused(written: str) -> None:
    with pytest.raises(ExpectationError):
        parse_expectation(written, N)


def test_a_duration_on_a_share_is_refused_like_any_plain_number() -> None:
    with pytest.raises(ExpectationError):
        parse_expectation("45 days", MeasureShape("share"))


@given(n=st.integers(0, 10**6), unit=st.sampled_from(UNITS), hyphen=st.booleans())
def test_any_whole_duration_rounds_like_the_bare_number(n: int, unit: str, hyphen: bool) -> None:
    written = f"{n:,}{'-' if hyphen else ' '}{unit}"
    bare = parse_expectation(f"{n:,}", N)
    e = parse_expectation(written, N)
    assert e.interval == bare.interval and e.stated == bare.stated == n


def test_init_then_a_measure_judges_the_figure_init_wrote(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "story.md").write_text("# Repairs\n\nRepairs took 45 days to finish on average.\n", encoding="utf-8")
    (root / "repairs.csv").write_text("repair_id,days_to_finish\n1,40\n2,50\n3,44\n4,46\n", encoding="utf-8")
    result = runner.invoke(app, ["init", str(root / "story.md"), str(root / "repairs.csv")])
    assert result.exit_code == 0, result.output
    claims = root / "story.claims.yaml"
    text = claims.read_text(encoding="utf-8")
    assert "expect: 45 days" in text
    claims.write_text(text.replace("    expect: 45 days", "    measure: {mean: days_to_finish, of: repairs}\n"
                                   "    expect: 45 days"), encoding="utf-8")
    result = runner.invoke(app, ["run", str(claims), "--json", "-"])
    assert result.exit_code == 0, result.output
    [r] = json.loads(result.stdout[result.stdout.index("{"):])["results"]
    assert r["verdict"] == "pass" and r["expectation"]["meaning"] == "rounds to 45 days: 44.5 ≤ x < 45.5"


MINUTES = MeasureShape("number", time_unit="minute", time_from="the unit of wait_minutes")


@pytest.mark.parametrize(("written", "low", "high", "meaning"), [
    ("more than four hours", F(240), None, "more than four hours: x > 240 (4 hours = 240 minutes, the unit of wait_minutes)"),
    ("about 3 hours", F(150), F(210), "about 3 hours: 150 ≤ x ≤ 210 (3 hours = 180 minutes, the unit of wait_minutes)"),
    ("198 minutes", F(395, 2), F(397, 2), "rounds to 198 minutes: 197.5 ≤ x < 198.5"),
    ("2 days", F(2160), F(3600), "rounds to 2 days: 2,160 ≤ x < 3,600 (2 days = 2,880 minutes, the unit of wait_minutes)"),
    ("90 seconds", F(179, 120), F(181, 120), "rounds to 90 seconds: 1.49… ≤ x < 1.51… "
                                            "(90 seconds = 1.5 minutes, the unit of wait_minutes)"),
    ("198", F(395, 2), F(397, 2), "rounds to 198: 197.5 ≤ x < 198.5"),   # no unit stated: none converted
])
def test_a_duration_is_converted_into_the_unit_of_the_measure(written: str, low: F, high: F | None,
                                                              meaning: str) -> None:
    e = parse_expectation(written, MINUTES)
    assert e.interval is not None and (e.interval.low, e.interval.high) == (low, high)
    assert e.meaning == meaning


def test_months_are_no_fixed_number_of_days_so_such_a_figure_is_refused() -> None:
    with pytest.raises(ExpectationError) as caught:
        parse_expectation("six months", MeasureShape("number", time_unit="day", time_from="the unit of days_to_close"))
    assert str(caught.value) == ("expect: 'six months' is in months, but the measure's values are in days (the unit "
                                 "of days_to_close), and months are no fixed number of days")
    assert caught.value.hint and "state the figure in days" in caught.value.hint
    years = parse_expectation("two years", MeasureShape("number", time_unit="month", time_from="unit: months"))
    assert years.interval is not None and years.interval.low == 18 and years.meaning.endswith(
        "(2 years = 24 months, unit: months)")


@given(n=st.integers(1, 10**4), given_unit=st.sampled_from(["second", "minute", "hour", "day", "week"]),
       measure_unit=st.sampled_from(["second", "minute", "hour", "day", "week"]))
def test_a_converted_duration_judges_as_the_same_time_in_the_measure_s_unit(n: int, given_unit: str,
                                                                           measure_unit: str) -> None:
    """Property: "N units" judged on values in another unit passes exactly the values that are
    the same length of time as some duration that rounds to N units."""
    from factcheck.expectations.durations import PLURAL, factor
    k = factor(given_unit, measure_unit)
    assert k is not None
    e = parse_expectation(f"{n} {PLURAL[given_unit]}", MeasureShape("number", time_unit=measure_unit,
                                                                   time_from="unit: x"))
    assert e.judge(n * k).ok and e.judge((n - F(1, 2)) * k).ok and not e.judge((n + F(1, 2)) * k).ok
    assert not e.judge((n - F(1, 2)) * k - F(1, 10**9)).ok


STORY = """\
version: 1
tables:
  visits: {path: visits.csv, key: visit_id, derive: {wait_hours: wait_minutes / 60}}
claims:
  - id: over-four-hours
    says: Patients waited more than four hours on average.
    measure: {mean: wait_minutes, of: visits}
    expect: more than four hours
  - id: over-three-hours
    says: Patients waited more than three hours on average.
    measure: {mean: wait_minutes, of: visits}
    expect: more than three hours
  - id: derive-in-hours
    says: Patients waited about three hours on average.
    measure: {mean: wait_hours, of: visits}
    expect: about three hours
  - id: said-unit
    says: Patients waited about three hours on average.
    measure: {mean: wait, of: visits, unit: minutes}
    expect: about three hours
  - id: rise
    says: The wait rose by half an hour from 2022 to 2024.
    measure: {change: {mean: wait_minutes, of: visits}, over: year, from: 2022, to: 2024, as: absolute}
    expect: up 0.5 hours
"""


@pytest.fixture
def visits(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    # constructed: 2022's waits average 168 minutes, 2024's 198
    rows = ["visit_id,year,wait_minutes,wait"] + [f"{i},{2022 if i < 4 else 2024},{w},{w}" for i, w in
                                                  enumerate([150, 186, 160, 176, 190, 206, 180, 216])]
    (root / "visits.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (root / "claims.yaml").write_text(STORY, encoding="utf-8")
    return root / "claims.yaml"


def test_run_judges_a_duration_in_the_unit_the_data_is_in(visits: Path) -> None:
    result = runner.invoke(app, ["run", str(visits), "--json", "-"])
    assert result.exit_code == 1, result.output
    results = {r["id"]: r for r in json.loads(result.stdout[result.stdout.index("{"):])["results"]}
    assert {k: r["verdict"] for k, r in results.items()} == {
        "over-four-hours": "fail", "over-three-hours": "pass", "derive-in-hours": "pass", "said-unit": "pass",
        "rise": "pass"}
    four = results["over-four-hours"]
    assert four["expectation"]["meaning"] == ("more than four hours: x > 240 (4 hours = 240 minutes, "
                                              "the unit of wait_minutes)")
    assert four["message"] == "said more than four hours, computed 183: 57 below 240"
    assert results["derive-in-hours"]["expectation"]["meaning"] == "about three hours: 2.5 ≤ x ≤ 3.5"
    assert results["said-unit"]["expectation"]["meaning"].endswith("(3 hours = 180 minutes, unit: minutes)")
    assert results["rise"]["expectation"]["meaning"].endswith("(0.5 hours = 30 minutes, the unit of wait_minutes)")


def test_a_time_unit_on_a_count_is_refused(visits: Path) -> None:
    visits.write_text(STORY.replace("measure: {mean: wait, of: visits, unit: minutes}",
                                    "measure: {count: visits, unit: minutes}"), encoding="utf-8")
    result = runner.invoke(app, ["run", str(visits)])
    assert result.exit_code == 2
    assert ("claims.yaml:19: claim 'said-unit': unit: minutes says what a column's values are in, but count "
            "counts rows") in " ".join(result.output.split())


def test_a_figure_in_months_against_a_column_of_days_stops_the_run_with_its_line(visits: Path) -> None:
    visits.write_text(STORY.replace("expect: more than four hours", "expect: more than six months")
                      .replace("wait_minutes", "wait_days"), encoding="utf-8")
    (visits.parent / "visits.csv").write_text(
        (visits.parent / "visits.csv").read_text(encoding="utf-8").replace("wait_minutes", "wait_days"),
        encoding="utf-8")
    result = runner.invoke(app, ["run", str(visits)])
    assert result.exit_code == 2
    out = " ".join(result.output.split())
    assert "claim 'over-four-hours': cannot read expect: 'more than six months' is in months" in out
    assert "hint: state the figure in days" in out


def test_suggest_reads_a_duration_in_each_column_s_unit_and_proposes_no_count_of_rows(visits: Path) -> None:
    from factcheck.suggest import suggest
    # constructed: 30 waits of 153 to 183 minutes, 168 on average (2.8 hours)
    rows = ["visit_id,year,wait_minutes"] + [f"{i},2024,{168 + (i // 2 + 1) * (-1) ** i}" for i in range(30)]
    (visits.parent / "visits.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    visits.write_text("version: 1\ntables:\n  visits: {path: visits.csv, key: visit_id}\nclaims:\n"
                      "  - {id: waits, says: Patients waited about three hours on average., expect: about three hours}\n",
                      encoding="utf-8")
    found = suggest(visits).for_claim("waits")
    measures = [s.measure for s in found.candidates]
    assert {"mean": "wait_minutes", "of": "visits"} in measures  # 168 minutes: about three hours
    assert not any("count" in m for m in measures)               # a number of rows is no duration


def test_a_duration_against_values_of_no_known_unit_is_a_warning(visits: Path) -> None:
    """`mean: wait` (no unit in its name, none declared) against "more than four hours": compared
    as the number 4 with nothing said; now a warning beside the verdict says so."""
    visits.write_text(STORY.replace("measure: {mean: wait, of: visits, unit: minutes}",
                                    "measure: {mean: wait, of: visits}"), encoding="utf-8")
    result = runner.invoke(app, ["run", str(visits), "--json", "-"])
    results = {r["id"]: r for r in json.loads(result.stdout[result.stdout.index("{"):])["results"]}
    [note] = [n for n in results["said-unit"]["notes"] if n["code"] == "unit_unknown"]
    assert note["warning"] is True and note["message"].startswith(
        "the figure is in hours, but nothing says what unit the values of wait are in, so it was compared as it stands")
    # a unit known from the column's name, or said, gives none; nor does a count of rows
    assert not any(n["code"] == "unit_unknown" for r in results.values() if r["id"] != "said-unit" for n in r["notes"])
    visits.write_text(STORY.replace("measure: {mean: wait, of: visits, unit: minutes}",
                                    "measure: {count: visits}").replace("expect: about three hours\n  - id: rise",
                                                                        "expect: 8 days\n  - id: rise"),
                      encoding="utf-8")
    out = runner.invoke(app, ["run", str(visits), "--json", "-"]).stdout
    report = json.loads(out[out.index("{"):])
    assert [r["verdict"] for r in report["results"] if r["id"] == "said-unit"] == ["pass"]  # 8 rows: "8 days"
    assert not any(n["code"] == "unit_unknown" for r in report["results"] for n in r["notes"])


@pytest.mark.parametrize(("written", "shape", "low", "high"), [
    ("2 hours 42 minutes", MINUTES, F(323, 2), F(325, 2)),
    ("2 hours and 42 minutes", MINUTES, F(323, 2), F(325, 2)),
    ("1 hour 53 minutes", MINUTES, F(225, 2), F(227, 2)),
    ("more than 2 hours 30 minutes", MINUTES, F(150), None),
    ("162 min", MINUTES, F(323, 2), F(325, 2)),
    ("2.7 hrs", MINUTES, F(159), F(165)),
    ("an hour and a half", MINUTES, F(87), F(93)),
    ("two and a half hours", MINUTES, F(147), F(153)),
    ("half an hour", MINUTES, F(27), F(33)),
    ("more than half an hour", MINUTES, F(30), None),
    ("40 minutes longer", MeasureShape("change_absolute", time_unit="minute", time_from="x"), F(79, 2), F(81, 2)),
    ("an hour shorter", MeasureShape("change_absolute", time_unit="minute", time_from="x"), F(-90), F(-30)),
])
def test_durations_as_newspapers_write_them(written: str, shape: MeasureShape, low: F, high: F | None) -> None:
    """Found walking a hospital-waits story: "2 hours 42 minutes" could not be written at all, and
    the draft's 26 such figures stayed unchecked."""
    e = parse_expectation(written, shape)
    assert e.interval is not None and (e.interval.low, e.interval.high) == (low, high), e.meaning


def test_a_duration_in_two_units_is_one_figure_of_the_draft() -> None:
    from factcheck.draft.figures import figures_in_phrase, find_figures
    found = [(f.text, f.value) for s in find_figures("The median wait was 2 hours 42 minutes, or 162 min.")
             for f in s.figures]
    assert found == [("2 hours 42 minutes", F(162)), ("162 min", F(162))]
    assert [(f.text, f.value) for f in figures_in_phrase("1 hour and 53 minutes")] == [("1 hour and 53 minutes", F(113))]


@pytest.mark.parametrize(("sentence", "found"), [
    ("Patients waited an hour and a half on average.", [("an hour and a half", F(3, 2))]),
    ("Waits reached two and a half hours, then half an hour.", [("two and a half hours", F(5, 2)),
                                                               ("half an hour", F(1, 2))]),
    ("The median wait was an hour, and more than a minute for triage.", [("an hour", F(1)),
                                                                         ("more than a minute", F(1))]),
    ("Buses come once an hour, every hour, an hour's drive away; an hour later, per hour.", []),
    ("Half an hour later, and an hour and a half earlier, buses came three an hour.", [("three", F(3))]),
])
def test_durations_in_words_are_figures_of_the_draft(sentence: str, found: list[tuple[str, F]]) -> None:
    """The draft read "an hour and a half" as "a half" (a share), "half an hour" as "half", and did
    not see "an hour" at all: none could be checked, and the first two were said to be shares."""
    from factcheck.draft.figures import find_figures
    got = [(f.text, f.value) for s in find_figures(sentence) for f in s.figures]
    assert got == found
    assert all(f.kind == "number" for s in find_figures(sentence) for f in s.figures)


def test_a_claim_in_words_covers_the_drafts_duration_in_words(tmp_path: Path) -> None:
    (tmp_path / "waits.csv").write_text("visit,wait_minutes\n1,80\n2,90\n3,30\n4,30\n")
    (tmp_path / "story.md").write_text("Patients waited an hour and a half at most. The median wait was half an hour.\n")
    (tmp_path / "c.yaml").write_text(
        "article: story.md\ntables:\n  waits: {path: waits.csv}\nclaims:\n"
        "  - {id: most, says: Patients waited an hour and a half at most, measure: {max: wait_minutes, of: waits},"
        " expect: an hour and a half}\n"
        "  - {id: half, says: The median wait was half an hour, measure: {median: wait_minutes, of: waits},"
        " expect: half an hour}\n")
    out = CliRunner().invoke(app, ["run", str(tmp_path / "c.yaml"), "--json", "-"]).stdout
    report = json.loads(out[out.index("{"):])
    assert [r["verdict"] for r in report["results"]] == ["pass", "fail"]  # a median of 55 minutes
    statuses = {f["text"]: f["status"] for f in report["coverage"]["figures"]}
    assert statuses == {"an hour and a half": "checked", "half an hour": "checked"}, statuses


def test_a_unit_that_contradicts_the_columns_name_is_an_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`{median: wait_minutes, unit: hours}` read 162 minutes as 162 hours: "more than 2 hours" passed."""
    from conftest import one_table

    from factcheck import ClaimsFileError
    with pytest.raises(ClaimsFileError) as err:
        one_table(tmp_path, ["id,wait_minutes", "1,150", "2,174"], "{median: wait_minutes, of: t, unit: hours}",
                  "more than 2 hours")
    assert "unit: hours says the values are in hours, but the column wait_minutes says they are in minutes" \
        in str(err.value)


def test_minutes_over_rows_counted_are_minutes_a_row(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A ratio of minutes summed to visits counted is minutes a visit: "3.3 hours" is 198, to the tenth."""
    from conftest import one_table
    rows = ["id,wait_minutes", "1,190", "2,200"]  # 195 a visit
    measure = "{ratio: {numerator: {sum: wait_minutes, of: t}, denominator: {count: t}}}"
    r = one_table(tmp_path, rows, measure, "3.3 hours")
    assert r.verdict == "pass" and "3.3 hours = 198 minutes" in (r.expectation.meaning if r.expectation else ""), r


def test_a_quarter_of_an_hour_is_fifteen_minutes() -> None:
    """The draft split "a quarter of an hour" into "a quarter" and "an hour", and expect: could not read
    it (the second attack on this session's changes)."""
    from factcheck.draft.figures import find_figures
    assert [(f.text, f.value) for s in find_figures("Patients waited a quarter of an hour; three quarters of an "
                                                    "hour later, more came.") for f in s.figures] == [
        ("a quarter of an hour", F(1, 4))]
    e = parse_expectation("a quarter of an hour", MINUTES)
    assert e.interval is not None and (e.interval.low, e.interval.high) == (F(12), F(18))
