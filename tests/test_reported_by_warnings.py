"""Warnings of a table declared ``reported_by`` where the missing-report rule gives a figure anyway:
``group_ended`` (a claim names a period after a group's last row: it closed, or stopped sending)
and ``missing_reports`` (a claim names no period, over a group with holes). Neither changes a
verdict; a claim whose filter leaves the group out carries neither.

Data: tests/fixtures/air (Dock Street silent in March 2024) and tests/fixtures/prisons (Westfield
closed after 2018).
"""

from __future__ import annotations

import csv
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import factcheck
from factcheck import Verdict

FIXTURES = Path(__file__).resolve().parent / "fixtures"

TABLE = """\
version: 1
tables:
  readings:
    path: readings.csv
    time: date
    reported_by: station
    key: [station, date]
    derive: {date_year: year(date), date_month: month(date)}
claims:
"""


def _air(tmp_path: Path, claims: str, *, dock_stops_in_november: bool = False) -> dict[str, factcheck.ClaimResult]:
    with open(FIXTURES / "air" / "readings.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if dock_stops_in_november:
        rows = [r for r in rows if not (r[0] == "Dock Street" and r[1].startswith("2024-12"))]
    with open(tmp_path / "readings.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / "c.yaml").write_text(TABLE + claims, encoding="utf-8")
    return {r.id: r for r in factcheck.verify(tmp_path / "c.yaml").results}


def _warned(r: factcheck.ClaimResult, code: str) -> list[str]:
    return [n.message for n in r.notes if n.code == code and n.warning]


ENDED = ("station Dock Street has no row after 2024-11, though the table has rows until 2024-12: if it stopped "
         "reporting rather than closed, the figure lacks its rows of 2024-12 and is not the whole (table readings "
         "is reported by station: a group with no row after its last is taken to have closed, not to have missed "
         "reports; if it did close, say so on the table: closed: [Dock Street])")


def test_a_station_that_stops_before_the_data_ends(tmp_path: Path) -> None:
    """"No unhealthy days at Dock Street in December" had the station stopped sending in November."""
    got = _air(tmp_path, """\
  - {id: dock-dec, says: x, measure: {count: readings, where: station == 'Dock Street' and category == 'unhealthy'
     and date_month == 12}, expect: 0}
  - {id: all-dec, says: x, measure: {count: readings, where: date_month == 12}, expect: 93}
  - {id: rail-dec, says: x, measure: {count: readings, where: station == 'Rail Yard' and date_month == 12}, expect: 31}
  - {id: dock-nov, says: x, measure: {count: readings, where: station == 'Dock Street' and date_month == 11}, expect: 30}
""", dock_stops_in_november=True)
    assert got["dock-dec"].verdict == Verdict.PASS
    assert _warned(got["dock-dec"], "group_ended") == [ENDED]
    assert (got["all-dec"].verdict, _warned(got["all-dec"], "group_ended")) == (Verdict.PASS, [ENDED])
    assert (got["rail-dec"].verdict, got["rail-dec"].notes) == (Verdict.PASS, [])  # the filter leaves Dock Street out
    assert (got["dock-nov"].verdict, _warned(got["dock-nov"], "group_ended")) == (Verdict.PASS, [])


def test_a_station_that_reports_to_the_end_carries_no_warning(tmp_path: Path) -> None:
    got = _air(tmp_path, """\
  - {id: dock-dec, says: x, measure: {count: readings, where: station == 'Dock Street' and date_month == 12}, expect: 31}
""")
    assert (got["dock-dec"].verdict, got["dock-dec"].notes) == (Verdict.PASS, [])


MISSING = ("the claim names no period, and station Dock Street has no row in 2024-03, though it has rows before "
           "and after: the figure is that of the rows the data has, without the missing months (table readings is "
           "reported by station: a month inside one's first and last with no row of it is a missing report); of a "
           "period that takes one in, the same claim is unverifiable")


def test_a_claim_that_names_no_period_over_a_station_with_a_hole(tmp_path: Path) -> None:
    """"Dock Street recorded 5 unhealthy days" passed silently while the same "in 2024" is unverifiable."""
    import duckdb
    (n,), = duckdb.connect().execute(
        f"SELECT count(*) FROM read_csv('{FIXTURES / 'air' / 'readings.csv'}') "
        "WHERE station = 'Dock Street' AND category = 'unhealthy'").fetchall()
    got = _air(tmp_path, f"""\
  - {{id: dock, says: x, measure: {{count: readings, where: station == 'Dock Street' and category == 'unhealthy'}},
     expect: {n}}}
  - {{id: dock-2024, says: x, measure: {{count: readings, where: station == 'Dock Street' and category == 'unhealthy'
     and date_year == 2024}}, expect: {n}}}
  - {{id: rail, says: x, measure: {{count: readings, where: station == 'Rail Yard' and category == 'unhealthy'}},
     expect: 7}}
  - {{id: all, says: x, measure: {{count_distinct: date, of: readings, where: category == 'unhealthy'}}, expect: 10}}
  - {{id: ratio, says: x, measure: {{ratio: {{numerator: {{mean: pm25, of: readings, where: station == 'Rail Yard'}},
     denominator: {{mean: pm25, of: readings, where: station == 'Dock Street'}}}}}}, expect: 2}}
""")
    assert got["dock"].verdict == Verdict.PASS
    assert _warned(got["dock"], "missing_reports") == [MISSING]
    assert got["dock-2024"].verdict == Verdict.UNVERIFIABLE and not got["dock-2024"].notes
    assert (got["rail"].verdict, got["rail"].notes) == (Verdict.PASS, [])
    assert _warned(got["all"], "missing_reports") == [MISSING]
    assert _warned(got["ratio"], "missing_reports") == [MISSING]  # its denominator counts Dock Street


def _prisons_undeclared(folder: Path) -> Path:
    """The prison story as `init` wrote it, before its reporter declared Westfield closed."""
    for name in ("population.csv", "residents.csv", "story.md"):
        (folder / name).write_bytes((FIXTURES / "prisons" / name).read_bytes())
    (folder / ".git").mkdir(exist_ok=True)
    text = (FIXTURES / "prisons" / "story.claims.yaml").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines(keepends=True) if not line.strip().startswith("closed:")]
    assert len(lines) == text.count("\n") - 1
    (folder / "story.claims.yaml").write_text("".join(lines), encoding="utf-8")
    return folder / "story.claims.yaml"


def test_a_prison_that_closed_is_no_missing_report_but_is_said(tmp_path: Path) -> None:
    got = {r.id: r for r in factcheck.verify(_prisons_undeclared(tmp_path)).results}
    said = ("facility Westfield has no row after 2018, though the table has rows until 2024: if it stopped reporting "
            "rather than closed, the figure lacks its rows of 2024 and is not the whole (table population is "
            "reported by facility: a group with no row after its last is taken to have closed, not to have missed "
            "reports; if it did close, say so on the table: closed: [Westfield])")
    assert (got["held-2024"].verdict, _warned(got["held-2024"], "group_ended")) == (Verdict.PASS, [said])
    assert _warned(got["lowest-on-record"], "group_ended") == [said.replace("of 2024", "of 2019 to 2024")]
    assert _warned(got["westfield-final-year"], "group_ended") == []  # 2018: it still reported
    assert _warned(got["rate-2010"], "group_ended") == []
    assert not [n for r in got.values() for n in r.notes if n.code == "missing_reports"]


def test_a_group_declared_closed_is_not_said_to_have_ended(tmp_path: Path) -> None:
    """The reporter, told so, declares `closed: [Westfield]`: the verdicts are the same, the warning gone."""
    declared = {r.id: r for r in factcheck.verify(FIXTURES / "prisons" / "story.claims.yaml").results}
    undeclared = {r.id: r for r in factcheck.verify(_prisons_undeclared(tmp_path)).results}
    assert _warned(undeclared["held-2024"], "group_ended")
    assert not [n for r in declared.values() for n in r.notes if n.code == "group_ended"]
    assert {k: (r.verdict, r.value) for k, r in declared.items()} == {
        k: (r.verdict, r.value) for k, r in undeclared.items()}


def test_closed_without_reported_by_is_an_error_in_the_claims_file(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from factcheck.cli import app
    (tmp_path / "r.csv").write_text("office,year\nA,2010\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text("version: 1\ntables:\n  r: {path: r.csv, time: year, closed: [A]}\n"
                                     "claims:\n  - {id: c, says: x, measure: {count: r}, expect: 1}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(tmp_path / "c.yaml")])
    assert result.exit_code == 2
    assert "closed names groups of reported_by, and this table declares none" in result.output
    assert "hint: declare who reports the rows, e.g. reported_by: facility" in result.output


@settings(max_examples=25, deadline=None)
@given(last=st.dictionaries(st.sampled_from("ABC"), st.integers(2010, 2015), min_size=1), year=st.integers(2010, 2015))
def test_group_ended_is_said_exactly_of_the_groups_gone_by_the_year_named(last: dict[str, int], year: int) -> None:
    """Offices that each report from 2010 to their own last year; a count of a year names those whose
    last year is before it, while the table reaches that year; the verdict is the figure's alone."""
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / ".git").mkdir()
        rows = [f"{o},{y}" for o, end in sorted(last.items()) for y in range(2010, end + 1)]
        (root / "r.csv").write_text("office,year\n" + "\n".join(rows) + "\n", encoding="utf-8")
        n = sum(1 for end in last.values() if end >= year)
        (root / "c.yaml").write_text(f"""\
version: 1
tables:
  r: {{path: r.csv, time: year, reported_by: office}}
claims:
  - {{id: c, says: x, measure: {{count: r, where: year == {year}}}, expect: {n}}}
""", encoding="utf-8")
        (r,) = factcheck.verify(root / "c.yaml").results
    ends = max(last.values())
    gone = sorted(o for o, end in last.items() if end < year) if year <= ends else []
    if year > ends:
        assert r.verdict == Verdict.UNVERIFIABLE  # the data does not reach the year at all
        return
    assert r.verdict == Verdict.PASS, r.message
    warned = _warned(r, "group_ended")
    assert len(warned) == (1 if gone else 0)
    for office in "ABC":
        assert (f"office {office} has no row after" in "".join(warned)) == (office in gone)



def test_the_warnings_on_spark(spark: object, tmp_path: Path) -> None:
    """The same queries on Spark: the prison story's warnings word for word."""
    story = _prisons_undeclared(tmp_path)

    def warned(report: factcheck.Report) -> dict[str, list[tuple[str, str]]]:
        return {r.id: [(n.code.value, n.message) for n in r.notes if n.warning] for r in report.results}
    on_duckdb = warned(factcheck.verify(story))
    assert on_duckdb["held-2024"] and warned(factcheck.verify(story, engine="spark")) == on_duckdb


def test_a_change_that_says_reporters_differ_is_not_said_again(tmp_path: Path) -> None:
    """From 2018, when Westfield reported, to 2024: reporters_differ names it; group_ended would repeat it."""
    for name in ("population.csv", "residents.csv"):
        (tmp_path / name).write_bytes((FIXTURES / "prisons" / name).read_bytes())
    (tmp_path / ".git").mkdir()
    (tmp_path / "c.yaml").write_text("""\
version: 1
tables:
  population: {path: population.csv, time: year, reported_by: facility}
claims:
  - {id: since-2018, says: x, measure: {change: {sum: inmates, of: population}, over: year, from: 2018, to: 2024},
     expect: down 1%}
  - {id: since-2019, says: x, measure: {change: {sum: inmates, of: population}, over: year, from: 2019, to: 2024},
     expect: down 1%}
""", encoding="utf-8")
    got = {r.id: r for r in factcheck.verify(tmp_path / "c.yaml").results}
    assert _warned(got["since-2018"], "reporters_differ") and not _warned(got["since-2018"], "group_ended")
    assert _warned(got["since-2019"], "group_ended") and not _warned(got["since-2019"], "reporters_differ")


RUN_ENDED = ("facility Westfield has no row after 2018, though the table has rows until 2024: if it stopped reporting "
             "rather than closed, the figure lacks its rows of 2019 to 2024 and is not the whole (table population is "
             "reported by facility: a group with no row after its last is taken to have closed, not to have missed "
             "reports; if it did close, say so on the table: closed: [Westfield])")


def _prison_runs(tmp_path: Path, closed: str = "") -> dict[str, factcheck.ClaimResult]:
    for name in ("population.csv", "residents.csv"):
        (tmp_path / name).write_bytes((FIXTURES / "prisons" / name).read_bytes())
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / "c.yaml").write_text(f"""\
version: 1
tables:
  population: {{path: population.csv, time: year, reported_by: facility{closed}}}
claims:
  - {{id: fell, says: x, measure: {{falling: {{sum: inmates, of: population}}, over: year}}, expect: 8}}
  - {{id: fell-since, says: x, measure: {{falling: {{sum: inmates, of: population}}, over: year, since: 2016}},
     expect: true}}
  - {{id: rose-to-2016, says: x, measure: {{rising: {{sum: inmates, of: population}}, over: year, to: 2016}},
     expect: 1}}
  - {{id: others-fell, says: x, measure: {{falling: {{sum: inmates, of: population, where: facility != 'Westfield'}},
     over: year}}, expect: 0}}
""", encoding="utf-8")
    return {r.id: r for r in factcheck.verify(tmp_path / "c.yaml").results}


def test_a_run_to_a_year_after_a_group_ended_says_so(tmp_path: Path) -> None:
    """"Fell for eight straight years" to 2024: the run's years are known only once it is computed,
    and from 2019 on it counts Westfield's absence as a fall. Closed, the fall is real (the verdict
    is the figure's); stopped sending, it is no figure: said as group_ended, as a sum of 2024 is."""
    got = _prison_runs(tmp_path)
    assert (got["fell"].verdict, _warned(got["fell"], "group_ended")) == (Verdict.PASS, [RUN_ENDED])
    assert (got["fell-since"].verdict, _warned(got["fell-since"], "group_ended")) == (Verdict.PASS, [RUN_ENDED])
    assert (got["rose-to-2016"].verdict, _warned(got["rose-to-2016"], "group_ended")) == (Verdict.PASS, [])
    assert _warned(got["others-fell"], "group_ended") == []  # its filter leaves Westfield out


def test_a_run_over_a_group_declared_closed_says_nothing(tmp_path: Path) -> None:
    got = _prison_runs(tmp_path, ", closed: [Westfield]")
    assert (got["fell"].verdict, got["fell"].notes) == (Verdict.PASS, [])


def test_a_misspelt_closed_group_stops_the_run(tmp_path: Path) -> None:
    """`closed: [Westfeld]` closed no group and left the warning said: a value no row holds is the
    usual "never holds" problem, on the line of closed:, with the values the column does hold; also
    when no claim reads the reported_by column."""
    from typer.testing import CliRunner

    from factcheck.cli import app
    for name in ("population.csv", "residents.csv"):
        (tmp_path / name).write_bytes((FIXTURES / "prisons" / name).read_bytes())
    (tmp_path / ".git").mkdir()

    def run(closed: str, claim: str) -> tuple[int, str]:
        (tmp_path / "c.yaml").write_text(f"""\
version: 1
tables:
  population:
    path: population.csv
    time: year
    reported_by: facility
    closed: {closed}
claims:
  - {{id: c, says: x, measure: {claim}, expect: '4,099'}}
""", encoding="utf-8")
        result = CliRunner().invoke(app, ["run", str(tmp_path / "c.yaml")])
        return result.exit_code, result.output
    for claim in ("{sum: inmates, of: population, where: year == 2024}", "{sum: inmates, of: population}"):
        code, output = run("[Westfeld, Riverbend]", claim)
        assert code == 2, output
        assert "c.yaml:7: table 'population' declares closed: Westfeld, but its reported_by column 'facility' " \
               "never holds 'Westfeld'" in " ".join(output.split())
        assert "hint: did you mean 'Westfield'? the column holds: Cedar Hill, Northgate, Pine Valley, Riverbend, " \
               "Westfield" in " ".join(output.split())
        assert "Riverbend'" not in output and "Traceback" not in output
    assert run("[Westfield]", "{sum: inmates, of: population, where: year == 2024}")[0] == 0
