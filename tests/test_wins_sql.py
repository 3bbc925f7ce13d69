"""``wins`` ranked in SQL: only the counts and the first groups shown are fetched, never a row per
(group, candidate) cell, and the figures stay exact (ties of DOUBLE sums are exact ties, a DOUBLE
past DECIMAL(38,10) is still summed exactly in Python). The order of the groups shown is the
order the Python ranking gave (:func:`factcheck.measures.wins.judge`), texts and numbers alike.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from conftest import one_table
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import factcheck
from factcheck.cli import app
from factcheck.measures._values import key
from factcheck.measures.wins import SHOWN, judge
from factcheck.outcome import Verdict
from factcheck.planning.execute import Executor

SUM = "{wins: A, among: c, in: g, by: {sum: v, of: t}, of: t}"


@pytest.fixture
def fetched(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of rows each query of the run handed back to Python."""
    sizes: list[int] = []
    run = Executor.run

    def counted(self: Executor, sql: str) -> Any:
        got = run(self, sql)
        sizes.append(len(got.rows))
        return got
    monkeypatch.setattr(Executor, "run", counted)
    return sizes


def test_a_thousand_groups_fetch_the_counts_and_the_groups_shown_only(tmp_path: Path, fetched: list[int]) -> None:
    """1,000 precincts of 3 candidates (C 0, B 1, A 2 votes): 3,000 cells; A loses the 333 where a
    second row of -10 is hers, and wins the other 667."""
    rows = ["g,c,v", *(f"{g},{c},{i}" for g in range(1000) for i, c in enumerate("CBA"))]
    rows += [f"{g},A,-10" for g in range(1, 1000, 3)]
    r = one_table(tmp_path, rows, SUM, "'667'")
    assert r.verdict == Verdict.PASS, r.message
    assert (r.details.won, r.details.tied, r.details.groups) == (667, 0, 1000)
    assert [g.key for g in r.details.each_group] == [str(g) for g in range(SHOWN)]
    assert r.details.each_group[0].value == "A first (2; next 1)"
    assert r.details.each_group[1].value == "B first (1); A -8"
    assert fetched == [1, 3 * SHOWN], fetched  # before: the 3,000 cells, one row each


def test_text_groups_are_shown_in_the_order_of_their_keys(tmp_path: Path, fetched: list[int]) -> None:
    """Numbers written as text come first, by value ('9' before '10'), then the words; only the
    groups' names are fetched to order them, not their cells."""
    names = [f"w{i}" for i in range(70)] + [str(i) for i in range(12, 0, -1)]
    rows = ["g,c,v", *(f"{n},{c},{v}" for n in names for c, v in (("A", 2), ("B", 1)))]
    r = one_table(tmp_path, rows, SUM, f"'{len(names)}'")
    assert r.verdict == Verdict.PASS, r.message
    shown = [g.key for g in r.details.each_group]
    assert shown == [*map(str, range(1, 13)), *sorted(f"w{i}" for i in range(70))][:SHOWN]
    assert fetched == [1, len(names), 2 * SHOWN], fetched  # before: the 164 cells


def test_double_sums_that_are_equal_exactly_are_a_tie(tmp_path: Path) -> None:
    """0.1 + 0.2 is 0.3 exactly (as floats it is 0.30000000000000004): A ties B, no win."""
    rows = ["g,c,v", "1,A,0.1", "1,A,0.2", "1,B,0.3", "2,A,0.7", "2,B,0.6999999999"]
    r = one_table(tmp_path, rows, SUM, "'1'", decl="columns: {v: {type: number}}")
    assert r.verdict == Verdict.PASS, r.message
    assert (r.details.won, r.details.tied) == (1, 1)
    assert r.details.each_group[0].value == "tied for first: A, B (0.3)"
    assert "OVER (PARTITION BY" in r.sql


def test_a_mean_is_still_ranked_exactly_in_python(tmp_path: Path) -> None:
    """A mean of 1/3 against 0.3333333333 (what DECIMAL(38,10) would round 1/3 to): 1/3 is more."""
    rows = ["g,c,v", "1,A,1", "1,A,0", "1,A,0", "1,B,0.3333333333"]
    r = one_table(tmp_path, rows, "{wins: A, among: c, in: g, by: {mean: v, of: t}, of: t}", "'1'")
    assert r.verdict == Verdict.PASS and r.details.won == 1, r.message


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["1", "2", "10", "x", "X", "y"]), st.sampled_from(["A", "B", "C", ""]),
                          st.sampled_from(["0.1", "0.2", "0.3", "-0.1", "1", ""])), min_size=1, max_size=30),
       st.sampled_from(["number", "decimal"]))
def test_any_table_gives_what_the_python_ranking_gives(tmp_path: Path, rows: list[tuple[str, str, str]],
                                                       kind: str) -> None:
    """Text groups, blank candidates and values, DOUBLE or DECIMAL sums: the counts and the groups said
    are those :func:`judge` gives on figures summed here in Fractions."""
    rows = [("1", "A", "1"), *rows]
    sums: dict[str, dict[str, Fraction]] = defaultdict(dict)
    for g, c, v in rows:
        cell = sums[key(g)]
        if c and v:
            cell[c] = cell.get(c, Fraction(0)) + Fraction(v)
    won, tied, said = judge(sums, "A")
    r = one_table(tmp_path, ["g,c,v", *(",".join(r) for r in rows)], SUM, f"'{len(won)}'",
                  decl=f"columns: {{v: {{type: {kind}}}, g: {{type: text}}}}")
    assert r.verdict == Verdict.PASS, r.message
    assert (r.details.won, r.details.tied, r.details.groups) == (len(won), len(tied), len(sums))
    assert [(g.key, g.value) for g in r.details.each_group] == said[:SHOWN]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["1", "2", "x"]), st.sampled_from(["A", "B", ""]),
                          st.sampled_from(["0.30000000000000004", "0.1", "0.2", "1e-12", "-0.12345678901234",
                                           "2.5e+20", "12.000000000001", ""])), min_size=1, max_size=30))
def test_doubles_past_decimal_38_10_rank_as_the_python_ranking(tmp_path: Path, rows: list[tuple[str, str, str]]) -> None:
    """Values of more than ten decimals (or an exponent) are past DECIMAL(38,10): each cell's sum is
    then taken by power of ten in the engine, and ranks as the Fractions of the values do."""
    rows = [("1", "A", "0.30000000000000004"), *rows]
    sums: dict[str, dict[str, Fraction]] = defaultdict(dict)
    for g, c, v in rows:
        cell = sums[key(g)]
        if c and v:
            cell[c] = cell.get(c, Fraction(0)) + Fraction(Decimal(v))
    won, tied, said = judge(sums, "A")
    r = one_table(tmp_path, ["g,c,v", *(",".join(r) for r in rows)], SUM, f"'{len(won)}'",
                  decl="columns: {v: {type: number}, g: {type: text}}")
    assert r.verdict == Verdict.PASS, r.message
    assert (r.details.won, r.details.tied, r.details.groups) == (len(won), len(tied), len(sums))
    assert [(g.key, g.value) for g in r.details.each_group] == said[:SHOWN]


def test_expect_all_is_every_group_counted(tmp_path: Path) -> None:
    """"Won every precinct in Ward 3": expect: all passes when the value won each of the groups, and
    fails saying how many it won of how many when it did not."""
    from test_wins import CARRIED, election
    ward3 = CARRIED.replace("election_year == 2024", "election_year == 2024 and p.ward == 3")
    ward1 = CARRIED.replace("election_year == 2024", "election_year == 2024 and p.ward == 1")
    got = factcheck.verify(election(tmp_path, ("ward3", ward3, "all"), ("ward1", ward1, "every"))).results
    assert got[0].verdict == Verdict.PASS and got[0].value_exact == "8", got[0].message
    assert got[0].expectation.written == "all" and "8" in got[0].expectation.meaning
    assert got[1].verdict == Verdict.FAIL, got[1].message
    assert got[1].message.startswith("stated every, computed "), got[1].message
    assert got[1].expectation.stated == got[1].details.groups > got[1].details.won


def test_expect_all_needs_a_count_of_groups(tmp_path: Path) -> None:
    """'all' of a plain count has no whole to be all of: still refused, with the file, line and claim."""
    path = tmp_path / "c.yaml"
    (tmp_path / ".git").mkdir()
    (tmp_path / "t.csv").write_text("g,c\n1,A\n", encoding="utf-8")
    path.write_text("version: 1\ntables:\n  t: {path: t.csv}\nclaims:\n  - id: c\n    says: s\n"
                    "    measure: {count: t}\n    expect: all\n", encoding="utf-8")
    got = CliRunner().invoke(app, ["run", str(path)])
    assert got.exit_code == 2 and "Traceback" not in got.output, got.output
    assert "c.yaml:8" in got.output and "claim 'c'" in got.output, got.output
