"""Dates are periods as years are: a month or a day with no row at all is a gap, not a neighbour.

Found walking two stories (constructed data, written here). In a story of heat, "13 straight
days above 95" passed over a day the station recorded nothing, and "6 straight days" passed for
three days at two stations. In a story of transit ridership, "the second straight monthly rise"
passed over a missing August, and a line with no rows in March "fell 0 months in a row".
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
from conftest import one_table
from hypothesis import given, settings
from hypothesis import strategies as st

import factcheck
from factcheck import Reason, Verdict
from factcheck.errors import ClaimsFileError


def _run(tmp_path: Path, table: str, rows: list[str], measure: str, expect: str) -> factcheck.ClaimResult:
    return one_table(tmp_path, rows, measure, expect, decl=f"time: {table}", says="a figure over dates")


def _days(highs: dict[str, int], station: str | None = None) -> list[str]:
    if station is None:
        return ["date,high"] + [f"{d},{h}" for d, h in highs.items()]
    return ["date,station,high"] + [f"{d},{s},{h}" for d, h in highs.items() for s in ("A", "B")]


HEAT = {"2024-07-10": 90, "2024-07-11": 97, "2024-07-12": 98, "2024-07-14": 99, "2024-07-15": 96,
        "2024-07-16": 91}  # no row on July 13


def test_a_streak_of_days_over_a_day_with_no_row_is_not_covered(tmp_path: Path) -> None:
    r = _run(tmp_path, "date", _days(HEAT), "{streak: high > 95, of: t, order: date}", "4")
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED), r.message
    assert "gap in the run from 2024-07-11 to 2024-07-15" in r.message and "4 of the 5 periods" in r.message


def test_a_streak_of_whole_days_passes(tmp_path: Path) -> None:
    whole = {**HEAT, "2024-07-13": 99}
    r = _run(tmp_path, "date", _days(whole), "{streak: high > 95, of: t, order: date}", "5")
    assert (r.verdict, r.value) == (Verdict.PASS, 5), r.message


def test_a_streak_of_days_at_two_stations_is_refused(tmp_path: Path) -> None:
    whole = {**HEAT, "2024-07-13": 99}
    with pytest.raises(ClaimsFileError) as err:
        _run(tmp_path, "date", _days(whole, station="two"), "{streak: high > 95, of: t, order: date}", "5")
    assert "keeps 14 rows but only 7 values of date (2024-07-10 more than once)" in str(err.value)
    r = _run(tmp_path, "date", _days(whole, station="two"),
             "{streak: high > 95, of: t, order: date, where: \"station == 'A'\"}", "5")
    assert (r.verdict, r.value) == (Verdict.PASS, 5), r.message


MONTHS = ["month,line,riders"] + [f"2024-{m:02d}-01,{line},{n}" for m, n in ((5, 100), (6, 110), (7, 120), (9, 130),
                                                                            (10, 140)) for line in ("A",)]


@pytest.mark.parametrize("measure", [
    "{rising: {sum: riders, of: t}, over: month, to: '2024-10-01'}",
    "{extreme: {sum: riders, of: t}, over: month, at: '2024-10-01', since: '2024-05-01', is: highest}",
])
def test_a_month_with_no_row_is_a_gap(tmp_path: Path, measure: str) -> None:
    r = _run(tmp_path, "month", MONTHS, measure, "true" if "extreme" in measure else "2")
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED), r.message
    assert "gap at 2024-08-01" in r.message


def test_months_after_the_gap_are_judged(tmp_path: Path) -> None:
    r = _run(tmp_path, "month", MONTHS, "{rising: {sum: riders, of: t}, over: month, to: '2024-10-01', "
             "since: '2024-09-01'}", "true")
    assert r.verdict is Verdict.PASS, r.message


QUARTERS = ["quarter,riders"] + [f"{y}-{m:02d}-01,{100 + 10 * i}" for i, (y, m) in enumerate(
    (y, m) for y in (2023, 2024) for m in (1, 4, 7, 10))]


def test_quarters_are_no_months_missing(tmp_path: Path) -> None:
    """Dates three months apart are quarters: the months between are no periods of the data."""
    r = _run(tmp_path, "quarter", QUARTERS, "{rising: {sum: riders, of: t}, over: quarter, to: '2024-10-01'}", "7")
    assert (r.verdict, r.value) == (Verdict.PASS, 7), r.message
    assert [n.message for n in r.notes if n.code == "periods_spaced"] == [
        "the data has a period every 3 months (2023-01-01 to 2024-10-01): the months between are no periods of it"]


def test_a_missing_quarter_is_a_gap(tmp_path: Path) -> None:
    rows = [r for r in QUARTERS if not r.startswith("2024-04-01")]
    r = _run(tmp_path, "quarter", rows, "{rising: {sum: riders, of: t}, over: quarter, to: '2024-10-01'}", "2")
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED), r.message
    assert "gap at 2024-04-01" in r.message


def test_weeks_are_no_days_missing(tmp_path: Path) -> None:
    start = dt.date(2024, 1, 1)
    rows = ["week,cases"] + [f"{start + dt.timedelta(weeks=i)},{10 + i}" for i in range(6)]
    r = _run(tmp_path, "week", rows, "{streak: cases > 11, of: t, order: week}", "4")
    assert (r.verdict, r.value) == (Verdict.PASS, 4), r.message


LINES = ["month,line,riders"] + [f"2023-{m:02d}-01,{line},{n}" for line, m, n in (
    ("A", 1, 50), ("A", 2, 60), ("A", 3, 70), ("A", 4, 80), ("B", 1, 90), ("B", 2, 80), ("B", 4, 95))]  # no B in March


@pytest.mark.parametrize("measure", [
    "{falling: {sum: riders, of: t, where: line == 'B'}, over: month, to: '2023-03-01'}",
    "{rising: {sum: riders, of: t, where: line == 'B'}, over: month, since: '2023-02-01', to: '2023-04-01'}",
    "{falling: {sum: riders, of: t, where: line == 'B'}, over: yq, to: 3}",
])
def test_a_run_over_a_period_a_group_has_no_value_at_is_unknown(tmp_path: Path, measure: str) -> None:
    """The table has March (line A), line B has no row in it: whether B's run goes on past March is
    unknown. Before, "B fell for 0 months" was judged, and failed "fell in March"."""
    rows = [LINES[0] + ",yq"] + [f"{r},{int(r[5:7])}" for r in LINES[1:]]
    (tmp_path / "t.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text(textwrap.dedent(f"""\
        version: 1
        tables:
          t: {{path: t.csv, time: month}}
        claims:
          - id: c
            says: B's riders fell
            expect: {'true' if 'since' in measure else '1'}
            measure: {measure}
        """), encoding="utf-8")
    r = factcheck.verify(tmp_path / "c.yaml").results[0]
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.NO_ROWS), r.message
    assert "no value at" in r.message and "cannot be followed past it" in r.message


@pytest.mark.parametrize(("counts", "verdict"), [
    ({2018: 1, 2019: 2, 2021: 3, 2022: 4}, Verdict.UNVERIFIABLE),  # rose on both sides of a year of no row
    ({2018: 1, 2019: 2, 2021: 4, 2022: 3}, Verdict.FAIL),          # fell after it: false whatever 2020 held
])
def test_every_year_since_over_a_year_with_no_row(tmp_path: Path, counts: dict[int, int], verdict: Verdict) -> None:
    """A count has a value in a year the table has no row for (zero), so the run went through it:
    before, "rose every year since 2018" failed, "it rose only from 2020", a year nobody recorded."""
    rows = ["year,x"] + [f"{y},1" for y, n in counts.items() for _ in range(n)]
    r = _run(tmp_path, "year", rows, "{rising: {count: t}, over: year, since: 2018, to: 2022}", "true")
    assert r.verdict is verdict, r.message
    if verdict is Verdict.UNVERIFIABLE:
        assert (r.reason, "gap at 2020" in r.message) == (Reason.PERIOD_NOT_COVERED, True), r.message


@pytest.mark.parametrize(("blank_on", "verdict", "value"), [
    ("2024-07-13", Verdict.UNVERIFIABLE, None),  # inside what could be a run of five: 2 or 5?
    ("2024-07-16", Verdict.UNVERIFIABLE, None),  # at its end: 5 or 6?
    ("2024-07-08", Verdict.PASS, 5),             # away from it: the run is 5 either way
])
def test_a_blank_inside_a_streak_is_no_day_below_the_mark(tmp_path: Path, blank_on: str, verdict: Verdict,
                                                          value: int | None) -> None:
    """One day's high is blank. Before, it broke the run silently: "4 straight days" failed and
    "2" passed, where the data cannot say."""
    highs = {"2024-07-08": "88", "2024-07-09": "90", **{d: str(h) for d, h in HEAT.items()}, "2024-07-13": "99", "2024-07-17": "90"}
    highs[blank_on] = ""
    rows = ["date,high"] + [f"{d},{h}" for d, h in sorted(highs.items())]
    r = _run(tmp_path, "date", rows, "{streak: high > 95, of: t, order: date}", "5")
    assert (r.verdict, r.value) == (verdict, value), r.message
    if verdict is Verdict.UNVERIFIABLE:
        assert f"1 row kept has no value for the condition (the first at {blank_on})" in r.message


def _monthly(tmp_path: Path, measure: str, expect: str, skip: tuple[str, ...] = ()) -> factcheck.ClaimResult:
    months = [f"{y}-{m:02d}-01" for y in (2023, 2024) for m in range(1, 13)]
    rows = ["day,riders"] + [f"{d},{100 + i}" for i, d in enumerate(months) if d[:7] not in skip]
    (tmp_path / "r.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text(textwrap.dedent(f"""\
        version: 1
        tables:
          r:
            path: r.csv
            time: day
            derive: {{q: quarter_start(day), m: month_start(day), ym: year(day) * 100 + month(day)}}
        claims:
          - id: c
            says: ridership by quarter
            expect: {expect}
            measure: {measure}
        """), encoding="utf-8")
    return factcheck.verify(tmp_path / "c.yaml").results[0]


def test_quarters_from_months_are_periods(tmp_path: Path) -> None:
    """"The fourth straight quarterly rise": `quarter_start(day)` makes each quarter a date."""
    r = _monthly(tmp_path, "{rising: {sum: riders, of: r}, over: q, to: '2024-04-01'}", "5")
    assert (r.verdict, r.value) == (Verdict.PASS, 5), r.message
    assert r.series is not None and [p.key for p in r.series][:2] == ["2023-01-01", "2023-04-01"]
    r = _monthly(tmp_path, "{sum: riders, of: r, where: \"q == '2024-07-01'\"}", "'357'")
    assert (r.verdict, r.value) == (Verdict.PASS, 357), r.message  # July, August, September 2024


def test_a_quarter_with_no_month_is_a_gap(tmp_path: Path) -> None:
    r = _monthly(tmp_path, "{rising: {sum: riders, of: r}, over: q, to: '2024-10-01'}", "7",
                 skip=("2024-04", "2024-05", "2024-06"))
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED), r.message
    assert "gap at 2024-04-01" in r.message


def test_a_number_of_months_gets_a_hint_to_make_it_a_date(tmp_path: Path) -> None:
    """year * 100 + month leaves 88 numbers between December and January: said, with the way out."""
    r = _monthly(tmp_path, "{extreme: {sum: riders, of: r}, over: ym, at: 202412, is: highest}", "true")
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED), r.message
    assert "gap at 202313–202400" in r.message and "month_start(date)" in r.message
    r = _monthly(tmp_path, "{extreme: {sum: riders, of: r}, over: m, at: '2024-12-01', is: highest}", "true")
    assert r.verdict is Verdict.PASS, r.message


def test_a_streak_of_rises_from_the_first_year_is_no_unknown(tmp_path: Path) -> None:
    """`x > lag(x)` is null on the first row by its nature, not a blank in the data: "rose for four
    straight years" from the data's second year is judged, not unverifiable."""
    rows = ["year,x"] + [f"{y},{x}" for y, x in ((2019, 5), (2020, 6), (2021, 7), (2022, 8), (2023, 9), (2024, 3))]
    (tmp_path / "t.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text(textwrap.dedent("""\
        version: 1
        tables:
          t: {path: t.csv, time: year, derive: {before: lag(x)}}
        claims:
          - id: c
            says: It rose for four straight years.
            expect: 4
            measure: {streak: x > before, of: t, order: year}
        """), encoding="utf-8")
    r = factcheck.verify(tmp_path / "c.yaml").results[0]
    assert (r.verdict, r.value) == (Verdict.PASS, 4), r.message


def _readings(times: tuple[str, ...] = ("10:00:00",)) -> list[str]:
    """Events at times of day (a TIMESTAMP column): two a month in 2020, three a month in 2021."""
    return ["event_id,occurred_at"] + [f"E{y}{m:02d}{k}{t[:2]},{y}-{m:02d}-01 {t}" for y in (2020, 2021)
                                       for m in range(1, 13) for k in range(2 if y == 2020 else 3) for t in times]


@pytest.mark.parametrize("written", ["2021-01-01 10:00:00", "2021-01-01T10:00:00", "2021-01-01T10:00",
                                     " 2021-01-01 10:00:00"])
def test_an_instant_of_a_timestamp_axis_is_found_however_written(tmp_path: Path, written: str) -> None:
    """Written with a space (as the file writes it), the instant was never matched with the data's own
    (keyed with a T): the claim read a value of zero, 'the value at 2021-01-01 10:00:00 is zero'."""
    r = _run(tmp_path, "occurred_at", _readings(),
             f"{{change: {{count: t}}, over: occurred_at, from: '{written}', to: '2021-03-01 10:00:00'}}", "0%")
    assert r.verdict is Verdict.PASS, r.message
    r = _run(tmp_path, "occurred_at", _readings(),
             f"{{change: {{count: t}}, over: occurred_at, from: '2020-03-01T10:00:00', to: '{written}'}}", "up 50%")
    assert r.verdict is Verdict.PASS, r.message


@pytest.mark.parametrize("written", ["2021-01-01 00:00:00", "2021-01-01", "2021-01-01T09:00"])
def test_a_day_named_on_a_timestamp_axis_is_refused_with_the_way_to_name_it(tmp_path: Path, written: str) -> None:
    """Each period of a column of times of day is one instant: a day, or a time no row has, on a day with
    rows was read as 'a gap in the data: the table has no row at all for it'. Now the claims file is
    refused, with the derive that makes months the periods, or the instant as the data holds it."""
    with pytest.raises(ClaimsFileError) as err:
        _run(tmp_path, "occurred_at", _readings(),
             f"{{change: {{count: t}}, over: occurred_at, from: '{written}', to: '2021-03-01 10:00:00'}}", "0%")
    text = str(err.value)
    assert "c.yaml:7" in text and "claim 'c'" in text
    assert "over: occurred_at holds times of day, so each of its periods is one instant" in text
    assert "3 rows fall on 2021-01-01 (the first at 2021-01-01 10:00:00)" in text
    assert "month: month_start(occurred_at)" in text and "from: '2021-01-01 10:00:00'" in text


def test_a_date_on_a_timestamp_axis_of_midnights_is_refused_with_the_time_to_write(tmp_path: Path) -> None:
    with pytest.raises(ClaimsFileError) as err:
        _run(tmp_path, "occurred_at", _readings(("00:00:00", "10:00:00")),
             "{change: {count: t}, over: occurred_at, from: '2021-01-01', to: '2021-03-01 00:00:00'}", "0%")
    assert "from: 2021-01-01 is a date, not a time, though 6 rows fall on 2021-01-01" in str(err.value)
    assert "from: '2021-01-01 00:00:00'" in str(err.value)


def test_the_neighbours_of_a_day_on_a_timestamp_axis_keep_their_verdicts(tmp_path: Path) -> None:
    """Months derived from the times are judged; a day with no row at all is still a gap; a date axis
    is as before."""
    r = _run(tmp_path, "occurred_at, derive: {month: month_start(occurred_at)}", _readings(),
             "{change: {count: t}, over: month, from: '2020-01-01', to: '2021-01-01'}", "up 50%")
    assert r.verdict is Verdict.PASS, r.message
    r = _run(tmp_path, "occurred_at", _readings(),
             "{change: {count: t}, over: occurred_at, from: '2021-01-15 10:00:00', to: '2021-03-01 10:00:00'}", "0%")
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED), r.message
    days = ["day,n"] + [f"2021-{m:02d}-01,{m}" for m in range(1, 13)]
    r = _run(tmp_path, "day", days, "{change: {sum: n, of: t}, over: day, from: '2021-01-01', to: '2021-03-01'}",
             "up 200%")
    assert r.verdict is Verdict.PASS, r.message


@pytest.mark.parametrize("a, b", [("2021-01-01 10:00:00", "2020-01-01T10:00:00"),
                                  ("2021-01-01T10:00", "2020-01-01 10:00:00")])
def test_compared_instants_are_found_written_with_a_space_or_a_t(tmp_path: Path, a: str, b: str) -> None:
    """A group of `compare` written with a T was said never to occur in a TIMESTAMP column (cast to text
    with a space); a text column of such labels keeps matching them, each as written."""
    r = _run(tmp_path, "occurred_at", _readings(),
             f"{{compare: {{count: t}}, by: occurred_at, a: '{a}', b: '{b}'}}", "1 more")
    assert r.verdict is Verdict.PASS, r.message
    labels = ["stamp", a, a, "x"]  # text: compared as written
    r = one_table(tmp_path, labels, f"{{compare: {{count: t}}, by: stamp, a: '{a}', b: x}}", "1 more")
    assert r.verdict is Verdict.PASS, r.message


@given(st.datetimes(min_value=dt.datetime(1000, 1, 1), max_value=dt.datetime(2999, 12, 31)),
       st.sampled_from(["seconds", "minutes", "milliseconds"]), st.sampled_from([" ", "T"]))
@settings(max_examples=300, deadline=None)
def test_an_instant_has_one_key_however_it_is_written(moment: dt.datetime, timespec: str, sep: str) -> None:
    """The data's time (a datetime, keyed with a T) and the claim's text agree, written with a space or a T,
    to the minute, second or millisecond; and a compare's look-up finds it as DuckDB casts it to text."""
    from factcheck.measures._values import key, spellings
    moment = moment.replace(microsecond=moment.microsecond // 1000 * 1000 if timespec == "milliseconds" else 0)
    if timespec == "minutes":
        moment = moment.replace(second=0)
    written = moment.isoformat(sep=sep, timespec=timespec)
    assert key(written) == key(moment)
    assert moment.isoformat(sep=" ") in spellings(written)  # the text a TIMESTAMP is cast to, to the second
    assert key(written[:10]) == moment.date().isoformat()  # a date alone stays a date
