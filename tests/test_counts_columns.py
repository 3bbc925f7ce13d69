"""Tables whose rows are already counts (one row per prison and year holding its inmates): a column
declared ``counts:`` makes a sum of it rest on what it adds up (``small_base``), a ``share`` may be
weighed by it (``sum:``), and a share, top or count of such rows says that it counts rows.

The prisons are tests/fixtures/prisons (walked 2026-12-04: "66.8 inmates per 100,000" carried "the
figure rests on 4 records" while it rests on 4,099 people); the rest is constructed here.
"""

from __future__ import annotations

import shutil
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from conftest import verify_one
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import factcheck
from factcheck.cli import app
from factcheck.outcome import NoteCode, Reason, Verdict

PRISONS = Path(__file__).resolve().parent / "fixtures" / "prisons"


def _codes(r: factcheck.ClaimResult) -> list[str]:
    return [n.code.value for n in r.notes]


def _note(r: factcheck.ClaimResult, code: NoteCode) -> Any:
    found = [n for n in r.notes if n.code == code]
    assert len(found) == 1, (r.id, r.notes)
    return found[0]


@pytest.fixture()
def prisons(tmp_path: Path) -> Path:
    """A copy of the prisons story, to which claims are added."""
    for name in ("population.csv", "residents.csv", "story.claims.yaml", "story.md"):
        shutil.copy(PRISONS / name, tmp_path / name)
    (tmp_path / ".git").mkdir()
    return tmp_path


def _add(folder: Path, claims: str) -> dict[str, factcheck.ClaimResult]:
    path = folder / "story.claims.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + claims, encoding="utf-8")
    return {r.id: r for r in factcheck.verify(path).results}


# --------------------------------------------------------------------------- small_base

def test_a_rate_of_inmates_rests_on_the_inmates_not_on_four_rows() -> None:
    got = {r.id: r for r in factcheck.verify(PRISONS / "story.claims.yaml").results}
    for cid in ("rate-2024", "rate-2010"):
        assert got[cid].verdict == Verdict.PASS
        assert "small_base" not in _codes(got[cid]), got[cid].notes


def test_undeclared_the_note_counts_rows_and_says_how_to_declare(prisons: Path) -> None:
    path = prisons / "story.claims.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(", counts: inmates}", "}"), encoding="utf-8")
    rate = {r.id: r for r in factcheck.verify(path).results}["rate-2024"]
    said = _note(rate, NoteCode.SMALL_BASE).message
    assert said.startswith("the figure rests on 4 records (fewer than 30); if each row's inmates is already a count")
    assert "(inmates: {counts: inmates})" in said


def test_a_rate_over_three_people_still_rests_on_a_small_base(tmp_path: Path) -> None:
    (tmp_path / "units.csv").write_text("unit,year,deaths,beds\nA,2024,2,400\nB,2024,1,350\nC,2024,0,500\n",
                                        encoding="utf-8")
    r = verify_one(tmp_path, "units: {path: units.csv, columns: {deaths: {counts: deaths}}}\n",
                   "{ratio: {numerator: {sum: deaths, of: units}, denominator: {sum: beds, of: units}}, per: 1000}",
                   "2.4")
    assert r.verdict == Verdict.PASS, r.message
    assert _note(r, NoteCode.SMALL_BASE).message == "the figure rests on 3 deaths (fewer than 30)"


def test_a_change_of_sums_rests_on_the_smaller_end(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("site,year,cases\na,2023,10\nb,2023,10\na,2024,4\nb,2024,8\n", encoding="utf-8")
    r = verify_one(tmp_path, "t: {path: t.csv, columns: {cases: {type: integer, counts: cases}}}\n",
                   "{change: {sum: cases, of: t}, over: year, from: 2023, to: 2024}", "down 40%")
    assert r.verdict == Verdict.PASS, r.message
    assert _note(r, NoteCode.SMALL_BASE).message == "the figure rests on 12 cases (fewer than 30)"


# --------------------------------------------------------------------------- share weighed by a sum

SHARES = """\
  - id: rows
    says: Northgate now holds 45% of the state's inmates.
    measure: {share: facility == 'Northgate', of: population, where: year == 2024}
    expect: 45%
  - id: as-ratio
    says: Northgate now holds 45% of the state's inmates.
    measure:
      ratio:
        numerator: {sum: inmates, of: population, where: year == 2024 and facility == 'Northgate'}
        denominator: {sum: inmates, of: population, where: year == 2024}
    expect: 45%
  - id: points
    says: Riverbend's share of the state's inmates fell 0.2 points from 2015.
    measure:
      change: {share: facility == 'Riverbend', of: population, sum: inmates}
      over: year
      from: 2015
      to: 2024
      as: points
    expect: down 0.2 points
  - id: top-rows
    says: Northgate holds the most inmates.
    measure: {top: facility, of: population, where: year == 2024}
    expect: [Northgate]
  - id: count-rows
    says: The state has four prisons.
    measure: {count: population, where: year == 2024}
    expect: 4
"""


def test_the_share_of_inmates_is_the_ratio_of_sums_and_a_share_of_rows_is_warned(prisons: Path) -> None:
    got = _add(prisons, SHARES)
    weighed = got["northgate-45-percent"]
    assert weighed.verdict == Verdict.PASS, weighed.message
    assert (weighed.value_exact, weighed.numerator, weighed.denominator) == ("1853/4099", 1853, 4099)
    assert weighed.value == got["as-ratio"].value and "small_base" not in _codes(weighed)
    assert [n for n in weighed.notes if n.warning] == []
    rows = got["rows"]  # the silently wrong figure the walk found: Northgate's share of the four prisons' rows
    assert (rows.verdict, rows.value) == (Verdict.FAIL, 0.25)
    warned = _note(rows, NoteCode.ROWS_ARE_COUNTS)
    assert warned.warning and "this share is of its rows, not of the inmates they hold" in warned.message
    assert "add sum: inmates to the measure" in warned.message
    points = got["points"]
    assert points.verdict == Verdict.PASS, points.message
    top = _note(got["top-rows"], NoteCode.ROWS_ARE_COUNTS)
    assert top.warning and "add by: {sum: inmates, of: population}" in top.message
    count = _note(got["count-rows"], NoteCode.ROWS_ARE_COUNTS)
    assert not count.warning and "the number of inmates is sum: inmates" in count.message
    assert got["count-rows"].verdict == Verdict.PASS


def test_check_warns_of_a_share_of_rows(prisons: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _add(prisons, SHARES)
    monkeypatch.chdir(prisons)
    done = CliRunner().invoke(app, ["check", "story.claims.yaml"])
    assert "rows_are_counts" in done.output and "this share is of its rows" in done.output, done.output


def _shares(rows: list[tuple[str, int | None, bool | None]]) -> str:
    return "grp,n,ok\n" + "".join(f"{g},{'' if n is None else n},{'' if ok is None else str(ok).lower()}\n"
                                  for g, n, ok in rows)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from("abc"), st.none() | st.integers(0, 10**12), st.none() | st.booleans()),
                min_size=1, max_size=25))
def test_a_weighed_share_is_the_sum_meeting_over_the_sum_known(tmp_path: Path,
                                                                rows: list[tuple[str, int | None, bool | None]]) -> None:
    rows = [*rows, ("c", 7, True)]  # a group the filter leaves out (one that never occurs is a typo)
    (tmp_path / "s.csv").write_text(_shares(rows), encoding="utf-8")
    r = verify_one(tmp_path, "s: {path: s.csv, columns: {n: {type: integer, counts: people}, ok: {type: boolean}}}\n",
                   "{share: ok, of: s, where: grp != 'c', sum: n}", "50%")
    kept = [(n, ok) for g, n, ok in rows if g != "c"]
    known = [(n, ok) for n, ok in kept if n is not None and ok is not None]
    whole = sum(n for n, _ in known)
    assert (r.rows_unknown or 0) == len(kept) - len(known)
    if not kept:
        assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.NO_ROWS)
    elif not whole:
        assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.ZERO_DENOMINATOR), r.message
    else:
        assert Fraction(r.value_exact) == Fraction(sum(n for n, ok in known if ok), whole)
        small = [n for n in r.notes if n.code == NoteCode.SMALL_BASE]
        assert bool(small) == (whole < 30)


def test_a_weight_below_zero_is_no_share(tmp_path: Path) -> None:
    (tmp_path / "s.csv").write_text(_shares([("a", 5, True), ("b", -2, False)]), encoding="utf-8")
    (tmp_path / "c.yaml").write_text("tables:\n  s: {path: s.csv}\nclaims:\n  - id: c\n    says: x\n"
                                     "    measure: {share: ok, of: s, sum: n}\n    expect: 50%\n", encoding="utf-8")
    done = CliRunner().invoke(app, ["run", str(tmp_path / "c.yaml")])
    assert done.exit_code == 2, done.output
    assert "n is below 0 in 1 kept row, so no share of its sum can be taken" in done.output
    assert "Traceback" not in done.output


def test_a_share_weighed_by_an_amount_rests_on_its_rows(tmp_path: Path) -> None:
    """Not declared counts: (dollars), the weight is no number of records: the base is the rows."""
    (tmp_path / "s.csv").write_text("dept,amount\nfire,900\npolice,100\n", encoding="utf-8")
    r = verify_one(tmp_path, "s: {path: s.csv}\n", "{share: dept == 'fire', of: s, sum: amount}", "90%")
    assert r.verdict == Verdict.PASS, r.message
    assert _note(r, NoteCode.SMALL_BASE).message == "the figure rests on 2 records (fewer than 30)"


def test_the_share_and_sum_keys_are_one_measure_and_a_bad_weight_is_located(tmp_path: Path) -> None:
    (tmp_path / "s.csv").write_text("dept,amount\nfire,900\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text("tables:\n  s: {path: s.csv}\nclaims:\n  - id: c\n    says: x\n"
                                     "    measure: {share: dept == 'fire', of: s, sum: amout}\n    expect: 90%\n",
                                     encoding="utf-8")
    done = CliRunner().invoke(app, ["run", str(tmp_path / "c.yaml")])
    assert done.exit_code == 2, done.output
    assert "amout" in done.output and "did you mean 'amount'" in done.output and "c.yaml:6:" in done.output, done.output


# --------------------------------------------------------------------------- the declaration

@pytest.mark.parametrize(("value", "said"), [("-3", "'-3'"), ("2.5", "'2.5'")])
def test_a_value_that_is_no_count_stops_the_run_naming_its_line(tmp_path: Path, value: str, said: str) -> None:
    (tmp_path / "t.csv").write_text(f"site,cases\na,4\nb,{value}\nc,\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text("tables:\n  t: {path: t.csv, columns: {cases: {counts: cases}}}\nclaims:\n"
                                     "  - {id: c, says: x, measure: {sum: cases, of: t}, expect: 1}\n", encoding="utf-8")
    done = CliRunner().invoke(app, ["run", str(tmp_path / "c.yaml")])
    assert done.exit_code == 2, done.output
    assert "column 'cases': declared counts: cases, but 1 row holds a value that is no whole number of at least 0" \
        in done.output, done.output
    assert f"line 3: {said}" in done.output


@pytest.mark.parametrize(("decl", "said"), [("{type: number, counts: people}", "declare type: integer"),
                                            ("{counts: '12'}", "e.g. counts: inmates")])
def test_a_declaration_that_cannot_hold_counts_is_an_error_in_the_file(tmp_path: Path, decl: str, said: str) -> None:
    (tmp_path / "t.csv").write_text("site,cases\na,4\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text(f"tables:\n  t: {{path: t.csv, columns: {{cases: {decl}}}}}\nclaims:\n"
                                     "  - {id: c, says: x, measure: {sum: cases, of: t}, expect: 4}\n", encoding="utf-8")
    done = CliRunner().invoke(app, ["run", str(tmp_path / "c.yaml")])
    assert done.exit_code == 2 and said in done.output, done.output


# --------------------------------------------------------------------------- Spark

def test_the_weighed_share_on_spark_is_duckdbs(spark: Any, prisons: Path) -> None:
    _add(prisons, SHARES)
    duck = {r.id: r for r in factcheck.verify(prisons / "story.claims.yaml").results}
    on_spark = {r.id: r for r in factcheck.verify(prisons / "story.claims.yaml", engine="spark").results}
    for cid in ("northgate-45-percent", "points", "rows", "rate-2024"):
        assert (on_spark[cid].verdict, on_spark[cid].value_exact, _codes(on_spark[cid])) == \
               (duck[cid].verdict, duck[cid].value_exact, _codes(duck[cid])), cid


# --------------------------------------------------------------------------- init

def test_init_declares_a_count_of_a_table_of_groups_by_periods(prisons: Path) -> None:
    """The prisons' data as init reads it: one row per facility and year, inmates a count of them. A
    share of the rows written over that file is then warned."""
    (prisons / "story.claims.yaml").unlink()
    done = CliRunner().invoke(app, ["init", str(prisons / "story.md"), str(prisons / "population.csv"),
                                    str(prisons / "residents.csv")])
    assert done.exit_code == 0, done.output
    text = (prisons / "story.claims.yaml").read_text(encoding="utf-8")
    assert "      inmates: {type: integer, counts: inmates}\n" in text
    assert "# note: inmates: {counts: inmates}: each row is one facility's period" in text
    tables = factcheck.load(prisons / "story.claims.yaml").model.tables
    assert tables["residents"].columns["residents"].counts is None  # no groups: one row a year
    head = text[:text.index("claims:")]
    (prisons / "story.claims.yaml").write_text(head + "claims:\n" + SHARES, encoding="utf-8")
    rows = {r.id: r for r in factcheck.verify(prisons / "story.claims.yaml").results}["rows"]
    assert _note(rows, NoteCode.ROWS_ARE_COUNTS).warning


def test_init_declares_no_count_of_a_score_an_amount_or_a_column_below_zero(tmp_path: Path) -> None:
    rows = [f"{s},{y},{40 + y % 9},{1000 + y},{y % 3 - 1},{7 + y % 4}" for s in ("A", "B", "C") for y in range(2015, 2025)]
    (tmp_path / "t.csv").write_text("site,year,aqi,amount,net_arrests,arrests\n" + "\n".join(rows) + "\n",
                                    encoding="utf-8")
    (tmp_path / "story.md").write_text("Arrests rose in 2024.\n", encoding="utf-8")
    done = CliRunner().invoke(app, ["init", str(tmp_path / "story.md"), str(tmp_path / "t.csv")])
    assert done.exit_code == 0, done.output
    columns = factcheck.load(tmp_path / "story.claims.yaml").model.tables["t"].columns
    assert {c: spec.counts for c, spec in columns.items() if spec.counts} == {"arrests": "arrests"}
