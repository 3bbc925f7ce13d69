"""``wins`` takes a group's and a candidate's text as the data writes it, on both of its paths.

factcheck reads a text column's values as written: 'Ward 3' and 'Ward 3 ', or 'Ward 3' and 'ward 3',
are two values (said by the ``spelling_variants`` warning, never merged), and the ranking done in
SQL groups them so. The ranking done in Python (a mean, a median, a DOUBLE sum past DECIMAL(38,10))
keyed them by :func:`factcheck.measures._values.key`, which reads a text that looks like a time
('2021-03-01 10:00', '2021-03-01T10:00', ' 2021-03-01 10:00') as that time: two groups became one,
and the figure of a candidate in one replaced its figure in the other, so the count was neither.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from conftest import one_table
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.measures import wins
from factcheck.measures.wins import judge
from factcheck.outcome import Verdict

GROUPS = ["Ward 3", "Ward 3 ", "ward 3", "2021-03-01 10:00", "2021-03-01T10:00", " 2021-03-01 10:00"]
CANDIDATES = ["A", "A ", "a", "B", "2021-03-01 10:00", "2021-03-01T10:00"]
SUM = "{wins: A, among: c, in: g, by: {sum: v, of: t}, of: t}"
TEXT = "columns: {g: {type: text}, c: {type: text}}"


def _rows(rows: list[tuple[str, str, int]]) -> list[str]:
    """The CSV's lines, every field quoted (spaces at the ends are the data's)."""
    return ["g,c,v", *(",".join(f'"{x}"' for x in r) for r in rows)]


def _in_python(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rank every figure in Python, as a mean or a DOUBLE past DECIMAL(38,10) is."""
    monkeypatch.setattr(wins, "ranked_sql", lambda node: None)


def test_a_time_written_two_ways_is_two_groups_on_both_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A wins '2021-03-01 10:00' (5 to 3) and loses '2021-03-01T10:00' (1 to 4): one of two groups. In
    Python the two were one group where B's 4 replaced its 3 and A's 1 replaced its 5: won 0 of 1."""
    rows = _rows([("2021-03-01 10:00", "A", 5), ("2021-03-01 10:00", "B", 3),
                  ("2021-03-01T10:00", "B", 4), ("2021-03-01T10:00", "A", 1)])
    in_sql = one_table(tmp_path, rows, SUM, "'1'", decl=TEXT)
    _in_python(monkeypatch)
    in_python = one_table(tmp_path, rows, SUM, "'1'", decl=TEXT)
    for r in (in_sql, in_python):
        assert r.verdict == Verdict.PASS, r.message
        assert (r.details.won, r.details.tied, r.details.groups) == (1, 0, 2)
        assert [(g.key, g.value) for g in r.details.each_group] == [
            ("2021-03-01 10:00", "A first (5; next 3)"), ("2021-03-01T10:00", "B first (4); A 1")]


def test_a_mean_ranks_a_time_written_two_ways_as_two_groups(tmp_path: Path) -> None:
    """The same through a mean (always ranked in Python), with no help from the test."""
    rows = _rows([("2021-03-01 10:00", "A", 5), ("2021-03-01 10:00", "B", 3),
                  ("2021-03-01T10:00", "B", 4), ("2021-03-01T10:00", "A", 1)])
    r = one_table(tmp_path, rows, SUM.replace("sum", "mean"), "'1'", decl=TEXT)
    assert r.verdict == Verdict.PASS, r.message
    assert (r.details.won, r.details.groups) == (1, 2)


def test_the_value_is_the_candidate_the_engine_compares_equal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """wins: '2021-03-01 10:00' among candidates written two ways is the one written so (as the SQL
    ranking's ``among == value`` finds it), not the other one it would read as the same time."""
    measure = "{wins: '2021-03-01 10:00', among: c, in: g, by: {sum: v, of: t}, of: t}"
    rows = _rows([("1", "2021-03-01T10:00", 5), ("1", "2021-03-01 10:00", 3), ("2", "2021-03-01 10:00", 2)])
    got = []
    for python in (False, True):
        if python:
            _in_python(monkeypatch)
        r = one_table(tmp_path, rows, measure, "'1'", decl=TEXT)
        assert r.verdict == Verdict.PASS, r.message
        got.append([(g.key, g.value) for g in r.details.each_group])
    assert got[0] == got[1] == [("1", "2021-03-01T10:00 first (5); 2021-03-01 10:00 3"),
                                ("2", "2021-03-01 10:00 first (2, alone)")]


def _as_written(rows: list[tuple[str, str, int]]) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    """The ranking of ``rows`` with every text taken as written, with the csv module and Fractions."""
    sums: dict[str, dict[str, Fraction]] = defaultdict(dict)
    for g, c, v in rows:
        sums[g][c] = sums[g].get(c, Fraction(0)) + v
    return judge(sums, "A")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(GROUPS), st.sampled_from(CANDIDATES), st.integers(0, 9)),
                min_size=1, max_size=25))
def test_both_paths_count_the_texts_as_written(tmp_path: Path, rows: list[tuple[str, str, int]]) -> None:
    """Any table of such groups and candidates: the ranking in SQL and the one in Python give the
    counts and the groups said that a count of the texts as written gives."""
    rows = [("Ward 3", "A", 1), *rows]
    won, tied, said = _as_written(rows)
    lines = _rows(rows)
    with open(tmp_path / "check.csv", "w", newline="", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    with open(tmp_path / "check.csv", encoding="utf-8") as f:  # the file says what the rows say
        assert [(r["g"], r["c"], int(r["v"])) for r in csv.DictReader(f)] == rows
    results: list[Any] = []
    with pytest.MonkeyPatch.context() as mp:
        for python in (False, True):
            if python:
                mp.setattr(wins, "ranked_sql", lambda node: None)
            results.append(one_table(tmp_path, lines, SUM, f"'{len(won)}'", decl=TEXT))
    for r in results:
        assert r.verdict == Verdict.PASS, r.message
        assert (r.details.won, r.details.tied, r.details.groups) == (len(won), len(tied), len(said))
        assert [(g.key, g.value) for g in r.details.each_group] == said
