"""A table whose rows each group reports (``reported_by:``): a period a group skipped is a
missing report, not a zero, so a total over it is unverifiable rather than silently short.

Constructed data: riders per line per year (line C reported nothing for 2022, line D opened
in 2022), and visits per hospital per day (hospital H2 reported nothing for July and August
2023).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import verify_one
from typer.testing import CliRunner

import factcheck
from factcheck.cli import app
from factcheck.outcome import Reason, Verdict

RIDE_YEARS = range(2016, 2025)


def _ride(line: str, year: int) -> int:
    """Each line grows by 100 riders a year from its own base: every line rises every year."""
    return {"A": 1000, "B": 2000, "C": 3000, "D": 500}[line] + 100 * (year - 2016)


def _ride_rows() -> list[tuple[str, int, int]]:
    return [(line, y, _ride(line, y)) for line in "ABCD" for y in RIDE_YEARS
            if not (line == "C" and y == 2022) and not (line == "D" and y < 2022)]


def _visit_rows() -> list[tuple[int, str, str, int]]:
    rows, day, n = [], dt.date(2022, 1, 1), 0
    while day <= dt.date(2024, 12, 31):
        for hospital in ("H1", "H2", "H3"):
            if hospital == "H2" and day.year == 2023 and day.month in (7, 8):
                continue
            n += 1
            rows.append((n, hospital, day.isoformat(), 30 + n % 50))
        day += dt.timedelta(days=1)
    return rows


def _verify(folder: Path, measure: str, expect: str, *, reported: bool = True) -> factcheck.ClaimResult:
    (folder / "ride.csv").write_text("line,year,riders\n" + "".join(f"{a},{b},{c}\n" for a, b, c in _ride_rows()))
    (folder / "visits.csv").write_text("visit_id,hospital,arrived,wait\n"
                                       + "".join(f"{a},{b},{c},{d}\n" for a, b, c, d in _visit_rows()))
    by = (", reported_by: line", "\n          reported_by: hospital") if reported else ("", "")
    return verify_one(folder, f"""\
        ride: {{path: ride.csv, time: year{by[0]}}}
        visits:
          path: visits.csv
          key: visit_id
          derive:
            yr: year(arrived)
            month: month_start(arrived)
            fy: year(arrived) + case when month(arrived) >= 7 then 1 else 0 end{by[1]}
        """, measure, expect)


def _total(year: int, lines: str = "ABCD") -> int:
    return sum(r for line, y, r in _ride_rows() if y == year and line in lines)


def _missing(r: factcheck.ClaimResult) -> None:
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED), r.message


# --------------------------------------------------------------------------- one row per group and year

def test_a_total_in_a_year_a_group_skipped_is_unverifiable(tmp_path: Path) -> None:
    r = _verify(tmp_path, "{sum: riders, of: ride, where: year == 2022}", str(_total(2022)))
    _missing(r)
    assert "line C has no row in 2022, though it has rows before and after" in r.message
    assert "table ride is reported by line" in r.message


def test_without_the_declaration_the_short_total_passes(tmp_path: Path) -> None:
    """What the declaration is for: the same claim, undeclared, passes on a total without line C."""
    r = _verify(tmp_path, "{sum: riders, of: ride, where: year == 2022}", str(_total(2022)), reported=False)
    assert r.verdict == Verdict.PASS, r.message


@pytest.mark.parametrize(("where", "lines"), [
    ("year == 2022 and line == 'A'", "A"),
    ("year == 2022 and line in ['A', 'B', 'D']", "ABD"),
    ("year == 2022 and riders < 2500", "AD"),  # line C's rows never are below 3000
])
def test_a_group_the_filter_leaves_out_does_not_matter(tmp_path: Path, where: str, lines: str) -> None:
    r = _verify(tmp_path, f'{{sum: riders, of: ride, where: "{where}"}}', str(_total(2022, lines)))
    assert r.verdict == Verdict.PASS, r.message


def test_a_group_that_began_later_is_no_missing_report(tmp_path: Path) -> None:
    """Line D opened in 2022: 2021 is before its first row, not a hole in its reports."""
    r = _verify(tmp_path, "{sum: riders, of: ride, where: year == 2021}", str(_total(2021)))
    assert r.verdict == Verdict.PASS, r.message


@pytest.mark.parametrize(("where", "missing"), [
    ("year >= 2021", True),
    ("year >= 2023", False),
    ("year between 2017 and 2021", False),
    ("year == 2021 or year == 2022", True),
    ("not (year == 2022)", False),  # names no period (as for the other period checks)
])
def test_ranges_of_years(tmp_path: Path, where: str, missing: bool) -> None:
    years = [y for y in RIDE_YEARS if eval_where(where, y)]
    r = _verify(tmp_path, f'{{sum: riders, of: ride, where: "{where}"}}', str(sum(_total(y) for y in years)))
    if missing:
        _missing(r)
    else:
        assert r.verdict == Verdict.PASS, r.message


def eval_where(where: str, y: int) -> bool:
    """The test's own reading of the few filters above (no eval of text)."""
    return {"year >= 2021": y >= 2021, "year >= 2023": y >= 2023, "year between 2017 and 2021": 2017 <= y <= 2021,
            "year == 2021 or year == 2022": y in (2021, 2022), "not (year == 2022)": y != 2022}[where]


def test_a_change_to_the_skipped_year(tmp_path: Path) -> None:
    _missing(_verify(tmp_path, "{change: {sum: riders, of: ride}, over: year, from: 2021, to: 2022}", "down 10%"))
    r = _verify(tmp_path, "{change: {sum: riders, of: ride}, over: year, from: 2023, to: 2024, as: absolute}",
                f"up {_total(2024) - _total(2023)}")
    assert r.verdict == Verdict.PASS, r.message


def test_a_record_over_every_year_and_since_a_later_one(tmp_path: Path) -> None:
    _missing(_verify(tmp_path, "{extreme: {sum: riders, of: ride}, over: year, at: 2024, is: highest}", "true"))
    # "the highest since 2023" (2023 as high or higher, none between): false, and judged so
    r = _verify(tmp_path, "{extreme: {sum: riders, of: ride}, over: year, at: 2024, since: 2023, is: highest}", "false")
    assert r.verdict == Verdict.PASS, r.message


def test_a_run_that_rests_on_the_skipped_year(tmp_path: Path) -> None:
    """The total dips in 2022 only because line C is missing: "rose for two straight years to
    2024" rests on that dip. A run before it is judged."""
    r = _verify(tmp_path, "{rising: {sum: riders, of: ride}, over: year, to: 2024}", "2")
    _missing(r)
    assert "2021 to 2024" in r.message and "line C has no row in 2022" in r.message
    r = _verify(tmp_path, "{rising: {sum: riders, of: ride}, over: year, to: 2020}", "4")
    assert r.verdict == Verdict.PASS, r.message


def test_overtook_between_two_groups_that_reported(tmp_path: Path) -> None:
    r = _verify(tmp_path, "{overtook: {sum: riders, of: ride}, column: line, a: A, b: B, over: year, "
                          "from: 2021, to: 2022}", "false")
    assert r.verdict == Verdict.PASS, r.message
    _missing(_verify(tmp_path, "{overtook: {sum: riders, of: ride}, column: line, a: C, b: B, over: year, "
                               "from: 2021, to: 2022}", "false"))


# --------------------------------------------------------------------------- events by day, reported by month

def _visits(year: int | None = None, months: tuple[str, str] | None = None, hospital: str | None = None) -> int:
    return sum(1 for _, h, day, _ in _visit_rows()
               if (year is None or day.startswith(str(year))) and (hospital is None or h == hospital)
               and (months is None or months[0] <= day < months[1]))


def test_a_year_of_events_with_months_a_group_skipped(tmp_path: Path) -> None:
    r = _verify(tmp_path, "{count: visits, where: yr == 2023}", str(_visits(2023)))
    _missing(r)
    assert "hospital H2 has no row in 2023-07 to 2023-08" in r.message
    assert "a month inside one's first and last" in r.message
    r = _verify(tmp_path, "{count: visits, where: yr == 2022}", str(_visits(2022)))
    assert r.verdict == Verdict.PASS, r.message


def _fiscal(year: int) -> int:
    """Visits in the fiscal year ``year`` (July of the year before to June)."""
    return sum(1 for _, _, day, _ in _visit_rows()
               if (int(day[:4]) + (1 if int(day[5:7]) >= 7 else 0)) == year)


def test_a_fiscal_year_with_months_a_group_skipped(tmp_path: Path) -> None:
    """A fiscal year is a derive of the date that is no year, month or quarter of it: each missing
    month is read through the derive. FY2024 (July 2023 to June 2024) lacks H2's July and August;
    FY2023 (July 2022 to June 2023) lacks nothing. The first passed on a short total."""
    r = _verify(tmp_path, "{count: visits, where: fy == 2024}", str(_fiscal(2024)))
    _missing(r)
    assert "fy == 2024: hospital H2 has no row in 2023-07 to 2023-08" in r.message
    r = _verify(tmp_path, "{count: visits, where: fy == 2023}", str(_fiscal(2023)))
    assert r.verdict == Verdict.PASS, r.message
    r = _verify(tmp_path, "{count: visits, where: fy >= 2025}", str(_fiscal(2025)))
    assert r.verdict == Verdict.PASS, r.message
    _missing(_verify(tmp_path, "{change: {count: visits}, over: fy, from: 2023, to: 2024}", "up 0%"))
    r = _verify(tmp_path, "{change: {count: visits}, over: fy, from: 2022, to: 2023}", "up 0%")
    assert r.reason != Reason.PERIOD_NOT_COVERED, r.message


def test_a_month_is_a_range_taken_as_a_whole(tmp_path: Path) -> None:
    """``arrived >= '2024-01-01' and arrived < '2024-04-01'`` is the first quarter of 2024: each
    bound alone reaches July 2023, both together do not."""
    where = "arrived >= '2024-01-01' and arrived < '2024-04-01'"
    r = _verify(tmp_path, f'{{count: visits, where: "{where}"}}', str(_visits(months=("2024-01-01", "2024-04-01"))))
    assert r.verdict == Verdict.PASS, r.message
    r = _verify(tmp_path, "{count: visits, where: \"arrived >= '2023-07-01' and arrived < '2023-08-01'\"}", "1")
    _missing(r)
    assert "hospital H2 has no row in 2023-07, though" in r.message


def test_months_and_a_run_over_them(tmp_path: Path) -> None:
    _missing(_verify(tmp_path, "{count: visits, where: \"month == '2023-08-01'\"}", "1"))
    r = _verify(tmp_path, "{count: visits, where: \"month == '2023-06-01'\"}",
                str(_visits(months=("2023-06-01", "2023-07-01"))))
    assert r.verdict == Verdict.PASS, r.message
    r = _verify(tmp_path, "{rising: {count: visits}, over: month, to: '2023-10-01'}", "1")
    _missing(r)


def test_one_hospital_of_a_year_with_another_missing(tmp_path: Path) -> None:
    r = _verify(tmp_path, "{count: visits, where: \"yr == 2023 and hospital == 'H1'\"}", str(_visits(2023, None, "H1")))
    assert r.verdict == Verdict.PASS, r.message


def test_quarters_have_no_months_between(tmp_path: Path) -> None:
    rows = ["quarter,line,riders"] + [f"{y}-{m:02d}-01,{line},{100 + m}" for y in (2023, 2024)
                                      for m in (1, 4, 7, 10) for line in "AB"]
    (tmp_path / "q.csv").write_text("\n".join(rows) + "\n")
    (tmp_path / "c.yaml").write_text(
        "tables:\n  q: {path: q.csv, time: quarter, reported_by: line}\nclaims:\n"
        "  - id: c\n    says: s\n    measure: {sum: riders, of: q, where: \"quarter == '2024-04-01'\"}\n    expect: 208\n")
    r = factcheck.verify(tmp_path / "c.yaml").results[0]
    assert r.verdict == Verdict.PASS, r.message


# --------------------------------------------------------------------------- the declaration

def test_an_unknown_reported_by_column_is_an_error_in_the_file(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("line,year,riders\nA,2020,1\n")
    (tmp_path / "c.yaml").write_text(
        "tables:\n  t: {path: t.csv, time: year, reported_by: lien}\nclaims:\n"
        "  - id: c\n    says: s\n    measure: {count: t}\n    expect: 1\n")
    result = CliRunner().invoke(app, ["run", str(tmp_path / "c.yaml")])
    assert result.exit_code == 2, result.output
    assert "c.yaml:2" in result.output and "no column 'lien'" in result.output and "line" in result.output


# --------------------------------------------------------------------------- init proposes it

def test_init_declares_who_reports_a_table_of_one_row_per_group_and_period(tmp_path: Path) -> None:
    _verify(tmp_path, "{count: ride}", "1")  # writes the two CSVs: visits has one row per hospital and day
    events = "".join(f"{n},H{n % 2},2024-01-0{1 + n % 3},30\n" for n in range(1, 13))  # several a day
    (tmp_path / "events.csv").write_text("visit_id,hospital,arrived,wait\n" + events)
    (tmp_path / "story.md").write_text("Riders totalled 13,000 in 2024.\n")
    result = CliRunner().invoke(app, ["init", str(tmp_path / "story.md"), *(str(tmp_path / f"{t}.csv")
                                                                            for t in ("ride", "visits", "events"))])
    assert result.exit_code == 0, result.output
    tables = factcheck.load(tmp_path / "story.claims.yaml").model.tables
    assert (tables["ride"].time, tables["ride"].reported_by) == ("year", "line")
    assert (tables["visits"].time, tables["visits"].reported_by) == ("arrived", "hospital")
    assert tables["events"].reported_by is None  # events: many visits per hospital and day


def test_init_does_not_call_events_on_scattered_days_a_grid(tmp_path: Path) -> None:
    """Payments on scattered days hold each (department, day) once, yet no department pays every day:
    declaring them reported by department made every claim unverifiable."""
    rows = [f"P{y}{i},{y}-03-{i + 1:02d},Police,100" for y in (2023, 2024) for i in range(10)] + \
           [f"F{y}{i},{y}-04-{i + 1:02d},Fire,90" for y in (2023, 2024) for i in range(4)]
    (tmp_path / "payments.csv").write_text("pay_id,date,department,amount\n" + "\n".join(rows) + "\n")
    (tmp_path / "story.md").write_text("Police spending rose 40% from 2023 to 2024.\n")
    result = CliRunner().invoke(app, ["init", str(tmp_path / "story.md"), str(tmp_path / "payments.csv")])
    assert result.exit_code == 0, result.output
    assert factcheck.load(tmp_path / "story.claims.yaml").model.tables["payments"].reported_by is None


def test_init_does_not_call_a_payroll_reported_by_its_people(tmp_path: Path) -> None:
    """A payroll of one row per officer and year (a walk's overtime story): an officer with no row in a
    year (leave, no overtime) has no report to miss; declared reported_by officer_id, every year-on-year
    claim of the story was unverifiable."""
    rows = [f"{o:05d},{y},{1000 + o * 10 + y % 7}" for o in range(1, 9) for y in range(2019, 2025) if (o, y) != (3, 2021)]
    (tmp_path / "payroll.csv").write_text("officer_id,year,overtime\n" + "\n".join(rows) + "\n")
    (tmp_path / "story.md").write_text("Overtime rose 14% from 2023.\n")
    result = CliRunner().invoke(app, ["init", str(tmp_path / "story.md"), str(tmp_path / "payroll.csv")])
    assert result.exit_code == 0, result.output
    assert factcheck.load(tmp_path / "story.claims.yaml").model.tables["payroll"].reported_by is None


def test_init_says_what_reported_by_means_when_it_declares_it(tmp_path: Path) -> None:
    _verify(tmp_path, "{count: ride}", "1")
    (tmp_path / "story.md").write_text("Riders totalled 13,000 in 2024.\n")
    result = CliRunner().invoke(app, ["init", str(tmp_path / "story.md"), str(tmp_path / "ride.csv")])
    assert result.exit_code == 0, result.output
    text = " ".join((tmp_path / "story.claims.yaml").read_text().split())
    assert "# note: reported_by: line: each line has a row for (nearly) every period" in text, text
    assert "if a line with no row had none to report (a payroll, donors, people), remove reported_by" in text, text


def test_long_absences_are_said_as_runs(tmp_path: Path) -> None:
    from factcheck.planning.reports import runs_said
    months = [f"2019-{m:02d}-01" for m in range(2, 13)] + ["2020-03-01", "2020-05-01", "2020-06-01"]
    assert runs_said(months, "month") == "2019-02 to 2019-12, 2020-03, 2020-05 to 2020-06"
    assert runs_said(["2016", "2018", "2019"], "year") == "2016, 2018 to 2019"
    many = [f"20{y}" for y in range(10, 30, 2)]
    assert runs_said(many, "year") == "2010, 2012, 2014, 2016 … (10 years in all)"


# --------------------------------------------------------------------------- found attacking it (monthly ridership)

@pytest.mark.parametrize(("measure", "expect"), [
    # the other station's figure, and a ratio's or a comparison's second measure, count the missing line too
    ("{ratio: {numerator: {sum: riders, of: ride, where: \"year == 2022 and line == 'A'\"}, "
     "denominator: {sum: riders, of: ride, where: year == 2022}}}", "20%"),
    ("{compare: {sum: riders, of: ride, where: \"year == 2022 and line == 'A'\"}, "
     "with: {sum: riders, of: ride, where: year == 2022}, as: ratio}", "0.2"),
])
def test_a_second_measure_is_checked_too(tmp_path: Path, measure: str, expect: str) -> None:
    _missing(_verify(tmp_path, measure, expect))


@pytest.mark.parametrize(("measure", "expect"), [
    # compare by line: only its two lines count, not line C missing elsewhere
    ("{compare: {sum: riders, of: ride, where: year == 2022}, by: line, a: B, b: A, as: absolute}", "1000 more"),
    # every year but the one line C lacks
    ("{sum: riders, of: ride, where: \"line == 'C' and year != 2022\"}", str(sum(_ride("C", y) for y in RIDE_YEARS
                                                                                if y != 2022))),
])
def test_what_the_claim_leaves_out_is_no_matter(tmp_path: Path, measure: str, expect: str) -> None:
    r = _verify(tmp_path, measure, expect)
    assert r.verdict == Verdict.PASS, r.message


def test_two_periods_of_one_date_are_one_range(tmp_path: Path) -> None:
    """`month >= '2023-09-01' and yr == 2023` is September to December: H2's July and August are no
    matter to it."""
    r = _verify(tmp_path, "{count: visits, where: \"month >= '2023-09-01' and yr == 2023\"}",
                str(_visits(months=("2023-09-01", "2024-01-01"))))
    assert r.verdict == Verdict.PASS, r.message


def test_a_reported_by_column_that_is_no_column_is_an_error_not_a_crash(tmp_path: Path) -> None:
    _verify(tmp_path, "{count: ride}", "1")
    (tmp_path / "c.yaml").write_text("tables:\n  ride: {path: ride.csv, time: year, reported_by: lines}\nclaims:\n"
                                     "  - {id: c, says: s, measure: {sum: riders, of: ride, where: year == 2022}, "
                                     "expect: 1}\n")
    result = CliRunner().invoke(app, ["run", str(tmp_path / "c.yaml")])
    assert result.exit_code == 2 and "no column 'lines'" in result.output and "did you mean 'line'" in result.output
    assert "internal error" not in result.output


def test_init_finds_who_reports_among_more_than_a_dozen_groups(tmp_path: Path) -> None:
    """Fifteen stations by month: only columns with a list of `allowed` values (at most 12) were
    looked at, so the grid got no `reported_by`."""
    rows = [f"S{s:02d},{y}-{m:02d}-01,{100 + s}" for s in range(15) for y in (2023, 2024) for m in range(1, 13)]
    (tmp_path / "rid.csv").write_text("station,month,riders\n" + "\n".join(rows) + "\n")
    (tmp_path / "story.md").write_text("Riders totalled 13,000 in 2024.\n")
    result = CliRunner().invoke(app, ["init", str(tmp_path / "story.md"), str(tmp_path / "rid.csv")])
    assert result.exit_code == 0, result.output
    assert factcheck.load(tmp_path / "story.claims.yaml").model.tables["rid"].reported_by == "station"


def test_a_derive_that_names_who_reports(tmp_path: Path) -> None:
    """`reported_by: hosp` where `hosp: lower(trim(hospital))` (as the spelling warning advises) was
    silently no check at all: the claim over H2's missing July passed."""
    (tmp_path / "visits.csv").write_text("visit_id,hospital,arrived,wait\n"
                                         + "".join(f"{a},{b},{c},{d}\n" for a, b, c, d in _visit_rows()))
    r = verify_one(tmp_path, """\
        visits:
          path: visits.csv
          key: visit_id
          derive: {yr: year(arrived), hosp: lower(trim(hospital))}
          reported_by: hosp
        """, "{count: visits, where: yr == 2023}", str(_visits(2023)))
    _missing(r)
    assert "hosp h2 has no row in 2023-07 to 2023-08" in r.message


def test_holes_in_many_groups_say_the_rows_may_be_events(tmp_path: Path) -> None:
    """Incidents by precinct: every precinct has months with none, which reported_by reads as missing
    reports; the message now says what that pattern suggests (a walk of a police story)."""
    rows = ["id,precinct,day"] + [f"{p}{m},{p},2023-{m:02d}-10" for p in "ABCD" for m in range(1, 13)
                                  if (m + ord(p)) % 4]  # each precinct skips every fourth month or so
    (tmp_path / "i.csv").write_text("\n".join(rows) + "\n")
    r = verify_one(tmp_path, """\
        i: {path: i.csv, key: id, reported_by: precinct, derive: {yr: year(day)}}
        """, "{count: i, where: yr == 2023}", "36")
    _missing(r)
    assert "4 groups (precinct) have such holes: if the rows are events, not reports" in r.message
    r = _verify(tmp_path, "{sum: riders, of: ride, where: year == 2022}", str(_total(2022)))
    assert "such holes" not in r.message  # one line skipped one year: a missing report, said as before


def test_groups_that_each_report_once_a_year_in_their_own_month(tmp_path: Path) -> None:
    """Adams reports every October, Boone every November: together their months come every month,
    and every other month of the year was "a missing report" (26 of 29 claims of a vaccination
    story were unverifiable). Each reports yearly; a year one skips is still missing."""
    rows = ["school,county,reported_on,enrolled"] + [f"{c}{y},{c},{y}-{m}-01,{10 + y - 2019}" for y in range(2019, 2024)
                                                     for c, m in (("Adams", 10), ("Boone", 11)) if (c, y) != ("Boone", 2021)]
    (tmp_path / "s.csv").write_text("\n".join(rows) + "\n")
    decl = "s: {path: s.csv, key: school, time: reported_on, reported_by: county, derive: {yr: year(reported_on)}}\n"
    r = verify_one(tmp_path, decl, "{sum: enrolled, of: s, where: yr == 2022}", "26")
    assert r.verdict == Verdict.PASS, r.message
    r = verify_one(tmp_path, decl, "{sum: enrolled, of: s, where: yr == 2021}", "12")
    _missing(r)
    assert "county Boone has no row in 2021-11" in r.message


def test_a_change_between_periods_of_other_reporters_is_a_warning(tmp_path: Path) -> None:
    """A county that stopped reporting after 2022 is "closed" to reported_by, so "enrollment fell by a
    third from 2021 to 2023" passed, all of it the county's absence (a walk of a vaccination story)."""
    rows = ["county,year,enrolled", "Adams,2021,100", "Adams,2022,100", "Adams,2023,100",
            "Taney,2021,50", "Taney,2022,50"]
    (tmp_path / "e.csv").write_text("\n".join(rows) + "\n")
    decl = "e: {path: e.csv, time: year, reported_by: county}\n"
    r = verify_one(tmp_path, decl, "{change: {sum: enrolled, of: e}, over: year, from: 2021, to: 2023}", "down a third")
    assert r.verdict == Verdict.PASS
    (said,) = [n.message for n in r.notes if n.code == "reporters_differ" and n.warning]
    assert said.startswith("county Taney has rows at 2021 and none at 2023: the table is reported by county")
    r = verify_one(tmp_path, decl, "{change: {sum: enrolled, of: e, where: \"county == 'Adams'\"}, over: year, "
                                   "from: 2021, to: 2023}", "up 0%")
    assert not [n for n in r.notes if n.code == "reporters_differ"]  # the claim counts Adams alone


def test_each_group_reports_at_its_own_step(tmp_path: Path) -> None:
    """A district reporting every quarter made the yearly counties' other quarters missing reports;
    a county whose month drifts (October, then September) made every month of another county's year
    one (the second attack on this session's changes)."""
    rows = ["id,county,reported,n"]
    for y in (2020, 2021, 2022):
        rows += [f"A{y},A,{y}-10-01,100", f"B{y},B,{y}-11-01,200"]
        rows += [f"D{y}{m},D,{y}-{m:02d}-01,10" for m in (1, 4, 7, 10)]
    rows += ["E2020,E,2020-10-01,5", "E2021,E,2021-09-01,5", "E2022,E,2022-11-01,5"]
    (tmp_path / "v.csv").write_text("\n".join(rows) + "\n")
    decl = "v: {path: v.csv, key: id, time: reported, reported_by: county, derive: {yr: year(reported)}}\n"
    r = verify_one(tmp_path, decl, "{sum: n, of: v, where: yr == 2021}", "345")
    assert r.verdict == Verdict.PASS, r.message
    (tmp_path / "v.csv").write_text("\n".join(r_ for r_ in rows if not r_.startswith("B2021")) + "\n")
    r = verify_one(tmp_path, decl, "{sum: n, of: v, where: yr == 2021}", "145")
    _missing(r)
    assert "county B has no row in 2021-11" in r.message and "county A" not in r.message


@pytest.mark.parametrize("measure", [
    "{top: year, of: ride, by: {sum: riders, of: ride}, lowest: true}",
    "{top: year, of: ride, lowest: true}",
    "{top: year, of: ride, by: {sum: riders, of: ride}, lowest: true, where: line != 'A'}",
])
def test_a_ranking_of_periods_over_a_skipped_year_is_unverifiable(tmp_path: Path, measure: str) -> None:
    """Walking an air-quality story (tests/fixtures/air): "Dock Street's worst month was July" as a
    `top` of months passed while the same question as an `extreme` over every month was unverifiable,
    the station having no row in March. Here the total of 2022 is the lowest only because line C did
    not report it: "the fewest riders came in 2022" passed."""
    _missing(_verify(tmp_path, measure, "[2022]"))


def test_a_ranking_of_periods_of_groups_that_all_reported_is_judged(tmp_path: Path) -> None:
    r = _verify(tmp_path, "{top: year, of: ride, by: {sum: riders, of: ride}, lowest: true, where: line == 'A'}",
                "[2016]")
    assert r.verdict == Verdict.PASS, r.message
    r = _verify(tmp_path, "{top: line, of: ride, by: {sum: riders, of: ride}}", "[C]")
    assert r.verdict == Verdict.PASS, r.message


def test_reports_say_why_a_missing_report_is_no_figure_as_the_terminal_does(tmp_path: Path) -> None:
    """Walking tests/fixtures/air: Dock Street sent nothing for March. The HTML report's reason line
    said "a period the claim names is outside the data", which March is not (the other stations have
    it); every report now says a group sent no report for it. Group names are escaped."""
    from factcheck.render import html, junit, markdown
    from factcheck.render._common import reason_text
    air = factcheck.verify(Path(__file__).parent / "fixtures" / "air" / "story.claims.yaml")
    march = next(r for r in air.results if r.id == "dock-street-march")
    _missing(march)
    said = "a group the table is reported by has no row in a period the claim names: a missing report, not a zero"
    assert reason_text(march) == f"period_not_covered: {said}"
    page = html.render(air)
    card = page[page.index('data-claim-id="dock-street-march"'):]
    card = card[:card.index("</article>")]
    assert f'<p class="why">{said} <code class="muted">period_not_covered</code></p>' in card
    assert "outside the data" not in card
    assert said in junit.render(air)
    assert "outside the data" not in markdown.render(air)
    # a period the data ends before is still outside it
    r = _verify(tmp_path, "{sum: riders, of: ride, where: year == 2030}", "1")
    _missing(r)
    assert "outside the data" in reason_text(r)
    # a hostile group name: escaped in the message, the reason line is the same
    (tmp_path / "g.csv").write_text("grp,year,n\n" + "".join(f"{g},{y},1\n" for g in ("<b>x&</b>", "y")
                                                          for y in (2020, 2021, 2022) if (g, y) != ("<b>x&</b>", 2021)))
    hostile = verify_one(tmp_path, "g: {path: g.csv, time: year, reported_by: grp}\n",
                         "{sum: n, of: g, where: year == 2021}", "1")
    _missing(hostile)
    fake = factcheck.Report.model_validate({**air.model_dump(), "results": [hostile.model_dump()]})
    page = html.render(fake, article_text="")
    assert "<b>x&</b>" not in page and "&lt;b&gt;x&amp;&lt;/b&gt;" in page
    assert f'<p class="why">{said} <code class="muted">period_not_covered</code></p>' in page
