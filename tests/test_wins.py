"""``wins: VALUE, among: COLUMN, in: GROUPS``: in how many groups a value comes first ("Rivera
carried 30 of the city's 48 precincts"). Before this kind the claim could not be written at all.

The election fixture (tests/fixtures/election, constructed and seeded) is checked against an
independent count, in DuckDB's own SQL and in plain Python; small tables pin the rules: a tie for
first is no win, a group without the value is a group it did not win, unknowns are left out as
``top … by`` leaves them out.
"""

from __future__ import annotations

import csv
import shutil
import textwrap
from collections import defaultdict
from pathlib import Path
from typing import Any

import duckdb
import pytest
from conftest import one_table
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import factcheck
from factcheck.cli import app
from factcheck.outcome import Reason, Verdict

ELECTION = Path(__file__).parent / "fixtures" / "election"
runner = CliRunner()

TABLES = """\
version: 1
tables:
  precincts:
    path: precincts.csv
    key: precinct
  results:
    path: results.csv
    time: election_year
    key: [election_year, precinct, candidate]
    lookup:
      p: precincts via precinct
claims:
"""

CARRIED = ("{wins: Maria Rivera, among: candidate, in: precinct, by: {sum: votes, of: results}, of: results, "
           "where: election_year == 2024}")


def election(folder: Path, *claims: tuple[str, str, str]) -> Path:
    """A claims file over copies of the election data: (id, measure, expect) each."""
    (folder / ".git").mkdir(exist_ok=True)
    for name in ("results.csv", "precincts.csv"):
        shutil.copy(ELECTION / name, folder / name)
    path = folder / "c.yaml"
    path.write_text(TABLES + "".join(f"  - id: {cid}\n    says: a sentence\n    measure: {measure}\n"
                                     f"    expect: '{expect}'\n" for cid, measure, expect in claims), encoding="utf-8")
    return path


def carried_by_duckdb(where: str) -> int:
    """The precincts where Rivera's votes are more than every other candidate's, in DuckDB's own SQL."""
    got = duckdb.connect().execute(
        f"""WITH r AS (SELECT * FROM read_csv(?) AS v JOIN read_csv(?) AS w USING (precinct) WHERE {where}),
                 best AS (SELECT precinct, max(votes) AS top FROM r GROUP BY 1)
            SELECT count(*) FROM r JOIN best USING (precinct)
            WHERE candidate = 'Maria Rivera' AND votes = top
              AND (SELECT count(*) FROM r AS o WHERE o.precinct = r.precinct AND o.votes = top) = 1""",
        [str(ELECTION / "results.csv"), str(ELECTION / "precincts.csv")]).fetchone()
    assert got is not None
    return int(got[0])


def carried_in_python(year: int, ward: int | None = None) -> tuple[int, int]:
    """The same count with the csv module alone: (precincts won, precincts)."""
    with open(ELECTION / "precincts.csv", encoding="utf-8") as f:
        wards = {r["precinct"]: int(r["ward"]) for r in csv.DictReader(f)}
    votes: dict[str, dict[str, int]] = defaultdict(dict)
    with open(ELECTION / "results.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if int(r["election_year"]) == year and (ward is None or wards[r["precinct"]] == ward):
                votes[r["precinct"]][r["candidate"]] = int(r["votes"])
    won = sum(1 for v in votes.values()
              if sorted(v.values())[-1] == v.get("Maria Rivera") and sorted(v.values())[-2] < v["Maria Rivera"])
    return won, len(votes)


def test_rivera_carried_30_of_48_not_31(tmp_path: Path) -> None:
    """The story's "31 of 48 precincts": the data gives 30 of 48, tied in none."""
    r = factcheck.verify(election(tmp_path, ("carried", CARRIED, "31"))).results[0]
    assert (r.verdict, r.value_exact) == (Verdict.FAIL, "30"), r.message
    assert carried_by_duckdb("election_year = 2024") == 30
    assert carried_in_python(2024) == (30, 48)
    d = r.details
    assert (d.kind, d.won, d.tied, d.groups) == ("wins", 30, 0, 48)
    assert d.each_group[0].key == "1" and d.each_group[0].value == "Tom Hale first (1,112); Maria Rivera 909"
    assert d.each_group[8].value == "Maria Rivera first (1,492; next 966)"
    r = factcheck.verify(election(tmp_path, ("carried", CARRIED, "30"))).results[0]
    assert r.verdict == Verdict.PASS, r.message


def test_every_precinct_in_ward_3_through_the_lookup(tmp_path: Path) -> None:
    """"Won every precinct in Ward 3": the ward is a lookup column in where; expect the 8 precincts."""
    ward3 = CARRIED.replace("election_year == 2024", "election_year == 2024 and p.ward == 3")
    r = factcheck.verify(election(tmp_path, ("ward3", ward3, "8"))).results[0]
    assert r.verdict == Verdict.PASS and r.value_exact == "8", r.message
    assert (r.details.won, r.details.groups) == (8, 8) == carried_in_python(2024, ward=3)
    assert carried_by_duckdb("election_year = 2024 AND ward = 3") == 8


def test_groups_read_through_a_lookup(tmp_path: Path) -> None:
    """in: p.ward — the wards Rivera carried, her votes summed over each ward's precincts."""
    wards = CARRIED.replace("in: precinct", "in: p.ward")
    r = factcheck.verify(election(tmp_path, ("wards", wards, "5"))).results[0]
    con = duckdb.connect()
    rows = con.execute("SELECT ward, candidate, sum(votes) FROM read_csv(?) AS v JOIN read_csv(?) AS w USING (precinct) "
                       "WHERE election_year = 2024 GROUP BY 1, 2",
                       [str(ELECTION / "results.csv"), str(ELECTION / "precincts.csv")]).fetchall()
    by_ward: dict[int, dict[str, int]] = defaultdict(dict)
    for ward, candidate, votes in rows:
        by_ward[ward][candidate] = votes
    expected = sum(1 for v in by_ward.values() if max(v, key=v.__getitem__) == "Maria Rivera")
    assert r.value_exact == str(expected) and r.details.groups == 6, r.message
    assert r.verdict == (Verdict.PASS if expected == 5 else Verdict.FAIL)


def test_in_2020_rivera_won_nothing(tmp_path: Path) -> None:
    """A candidate with no row in any group (she did not run in 2020) won none of the 48."""
    r = factcheck.verify(election(tmp_path, ("c", CARRIED.replace("2024", "2020"), "0"))).results[0]
    assert r.verdict == Verdict.PASS and r.value_exact == "0", r.message
    assert (r.details.won, r.details.groups) == (0, 48)
    assert r.details.each_group[0].value.endswith("Maria Rivera has no figure")


VOTES = ["precinct,candidate,votes",
         "1,Ann,10", "1,Bob,10", "1,Cy,3",   # Ann ties Bob for first: no win
         "2,Ann,12", "2,Bob,7",              # Ann wins
         "3,Bob,9", "3,Cy,1",                # Ann has no row: not won, still a group
         "4,Ann,4", "4,Bob,8"]               # Ann second


def test_a_tie_for_first_is_no_win_and_is_counted_apart(tmp_path: Path) -> None:
    m = "{wins: Ann, among: candidate, in: precinct, by: {sum: votes, of: t}, of: t}"
    r = one_table(tmp_path, VOTES, m, "'1'")
    assert r.verdict == Verdict.PASS and r.value_exact == "1", r.message
    assert (r.details.won, r.details.tied, r.details.groups) == (1, 1, 4)
    said = {g.key: g.value for g in r.details.each_group}
    assert said == {"1": "tied for first: Ann, Bob (10)", "2": "Ann first (12; next 7)",
                    "3": "Bob first (9); Ann has no figure", "4": "Bob first (8); Ann 4"}
    r = one_table(tmp_path, VOTES, m, "'2'")
    assert (r.verdict, r.value_exact) == (Verdict.FAIL, "1"), r.message


def test_without_by_the_rows_are_counted(tmp_path: Path) -> None:
    """"Facebook was the top platform in 2 of the 3 months": by default each candidate's rows."""
    rows = ["month,platform", *[f"1,{p}" for p in ("Facebook", "Facebook", "X")],
            *[f"2,{p}" for p in ("X", "X", "Facebook")], *[f"3,{p}" for p in ("Facebook", "TikTok", "Facebook")]]
    r = one_table(tmp_path, rows, "{wins: Facebook, among: platform, in: month, of: t}", "'2'")
    assert r.verdict == Verdict.PASS and (r.details.won, r.details.groups) == (2, 3), r.message


def test_unknowns_are_left_out_as_top_by_leaves_them(tmp_path: Path) -> None:
    """A row with no candidate competes for no one; a blank vote count is left out of the sum; a row
    with no group is in none. They are said as rows left out as unknown."""
    rows = ["precinct,candidate,votes",
            "1,Ann,5", "1,,50",          # 50 votes of no candidate: Ann still first among those named
            "2,Ann,", "2,Ann,4", "2,Bob,3",  # Ann's blank count is left out: 4 against 3
            ",Bob,99"]                    # a row of no precinct: in no group
    r = one_table(tmp_path, rows, "{wins: Ann, among: candidate, in: precinct, by: {sum: votes, of: t}, of: t}",
                  "'2'")
    assert r.verdict == Verdict.PASS and r.details.groups == 2, r.message
    assert (r.rows_kept, r.rows_unknown) == (6, 2)


def test_the_by_measure_s_own_filter_keeps_the_groups(tmp_path: Path) -> None:
    """by: {count: t, where: …} narrows what is counted, not which groups there are: a group where no
    row passes it is still one of the groups, won by no one."""
    rows = ["month,platform,kind", "1,A,post", "1,B,ad", "2,B,post", "3,A,ad"]
    r = one_table(tmp_path, rows, "{wins: A, among: platform, in: month, by: {count: t, where: kind == 'post'}, "
                                  "of: t}", "'1'")
    assert r.verdict == Verdict.PASS and r.details.groups == 3, r.message
    assert r.details.each_group[2].value == "no candidate with a figure"


def test_a_double_sum_past_decimal_38_10_is_taken_exactly(tmp_path: Path) -> None:
    """Shares written with 12 decimals: summed exactly in Python, so a lead of 1e-12 is a lead."""
    rows = ["g,c,x", "1,A,0.100000000001", "1,B,0.1", "2,A,0.1", "2,B,0.100000000001", "3,A,0.3", "3,B,0.2"]
    r = one_table(tmp_path, rows, "{wins: A, among: c, in: g, by: {sum: x, of: t}, of: t}", "'2'",
                  decl="columns: {x: {type: number}}")
    assert r.verdict == Verdict.PASS and (r.details.won, r.details.tied) == (2, 0), r.message


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(1, 4), st.sampled_from(["A", "B", "C"]), st.integers(0, 5)),
                min_size=1, max_size=25))
def test_any_table_counts_as_plain_python_does(tmp_path: Path, rows: list[tuple[int, str, int]]) -> None:
    rows = [(1, "A", 0), *rows]  # A is in the data (a value never held is refused as a typo)
    sums: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for g, c, v in rows:
        sums[g][c] += v
    won = tied = 0
    for figures in sums.values():
        best = max(figures.values())
        first = [c for c, f in figures.items() if f == best]
        won += first == ["A"]
        tied += "A" in first and len(first) > 1
    r = one_table(tmp_path, ["g,c,v", *(f"{g},{c},{v}" for g, c, v in rows)],
                  "{wins: A, among: c, in: g, by: {sum: v, of: t}, of: t}", f"'{won}'")
    assert r.verdict == Verdict.PASS, r.message
    assert (r.details.won, r.details.tied, r.details.groups) == (won, tied, len(sums))


def _cli(path: Path, *args: str) -> Any:
    return runner.invoke(app, [*args, str(path)], env={"COLUMNS": "2000"})


def test_explain_shows_the_query_and_each_group(tmp_path: Path) -> None:
    path = election(tmp_path, ("carried", CARRIED, "31"))
    got = runner.invoke(app, ["explain", str(path), "carried"], env={"COLUMNS": "2000"})
    assert got.exit_code == 0, got.output
    assert "won: 30" in got.output and "tied: 0" in got.output and "groups: 48" in got.output
    assert "12: Maria Rivera first (1,831; next 713)" in got.output
    assert 'GROUP BY 1, 2' in got.output and '"results"."candidate"' in got.output


@pytest.mark.parametrize(("measure", "said", "hint", "line"), [
    (CARRIED.replace("among: candidate", "among: candidat"), "among: table 'results' has no column 'candidat'",
     "did you mean 'candidate'?", 15),
    (CARRIED.replace("in: precinct", "in: precint"), "in: table 'results' has no column 'precint'",
     "did you mean 'precinct'?", 15),
    (CARRIED.replace("Maria Rivera", "Maria Riviera"),
     "column 'candidate' of table 'results' never holds 'Maria Riviera'", "did you mean 'Maria Rivera'?", 13),
    (CARRIED.replace("{sum: votes, of: results}", "{sum: registered, of: precincts}"),
     "by: reads table 'precincts', but the candidates and groups are of table 'results'", "of the same table", 15),
    (CARRIED.replace("{sum: votes, of: results}", "{top: candidate, of: results}"),
     "by: a 'top' measure cannot decide first place in each group", "(by: {sum: votes, of: results})", 15),
])
def test_mistakes_are_refused_with_file_line_claim_and_hint(tmp_path: Path, measure: str, said: str,
                                                            hint: str, line: int) -> None:
    path = election(tmp_path, ("carried", measure, "31"))
    got = _cli(path, "run")
    assert got.exit_code == 2, got.output
    assert "Traceback" not in got.output
    assert said in got.output and hint in got.output, got.output
    assert f"c.yaml:{line}: claim 'carried': " in got.output, got.output


def test_the_same_figures_on_spark(spark: Any, tmp_path: Path) -> None:
    ward3 = CARRIED.replace("election_year == 2024", "election_year == 2024 and p.ward == 3")
    path = election(tmp_path, ("carried", CARRIED, "30"), ("ward3", ward3, "8"),
                    ("wards", CARRIED.replace("in: precinct", "in: p.ward"), "5"),
                    ("rows", "{wins: Tom Hale, among: candidate, in: precinct, of: results}", "0"))
    on_spark = factcheck.verify(path, engine="spark")
    on_duckdb = factcheck.verify(path)
    assert [(r.verdict, r.value_exact, r.details) for r in on_spark.results] == \
        [(r.verdict, r.value_exact, r.details) for r in on_duckdb.results]
    assert [r.value_exact for r in on_duckdb.results][:2] == ["30", "8"]


def test_a_tie_on_spark(spark: Any, tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("\n".join(VOTES) + "\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text(textwrap.dedent("""\
        version: 1
        tables:
          t: {path: t.csv}
        claims:
          - id: c
            says: a sentence
            measure: {wins: Ann, among: candidate, in: precinct, by: {sum: votes, of: t}, of: t}
            expect: '1'
        """), encoding="utf-8")
    r = factcheck.verify(tmp_path / "c.yaml", engine="spark").results[0]
    assert r.verdict == Verdict.PASS and (r.details.won, r.details.tied) == (1, 1), r.message


def test_no_kept_rows_is_unverifiable(tmp_path: Path) -> None:
    r = one_table(tmp_path, VOTES, "{wins: Ann, among: candidate, in: precinct, of: t, where: votes > 100}", "'0'")
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.NO_ROWS), r.message
    assert r.value is None


def test_groups_and_candidates_spelt_two_ways_are_warned_of(tmp_path: Path) -> None:
    """'Ward A' and 'WARD A' are two groups to the claim, 'Ann' and 'ann ' two candidates: both said
    (spelling_variants), as for a ranking's values."""
    rows = ["ward,candidate,votes", "Ward A,Ann,5", "WARD A,Ann,4", "Ward A,Bob,7", "Ward B,ann ,9", "Ward B,Bob,3"]
    r = one_table(tmp_path, rows, "{wins: Ann, among: candidate, in: ward, by: {sum: votes, of: t}, of: t}", "'1'")
    said = [n.message for n in r.notes if n.code.value == "spelling_variants"]
    assert any("column 'ward'" in m and "'Ward A' and 'WARD A'" in m for m in said), said
    assert any("column 'candidate'" in m for m in said), said
