"""A period with no value inside an extreme's window is said, not silently left out.

"The math proficiency rate fell to its lowest on record in 2021" over a table where 2020 had no
students tested: the 2020 rate is 0/0, no value, and the ranking can only leave it out. Before,
the claim passed as "rank 1 of 5" and nothing said that 2020 was not ranked. Found walking a
story of schools (the constructed data is written here)."""

from __future__ import annotations

from pathlib import Path

from conftest import one_table

import factcheck
from factcheck import NoteCode, Verdict

RESULTS = {2018: (100, 60), 2019: (100, 58), 2020: (0, 0), 2021: (100, 41), 2022: (100, 45), 2023: (100, 47)}


def _run(tmp_path: Path, measure: str) -> factcheck.ClaimResult:
    rows = ["year,school,tested,proficient"] + [f"{y},S1,{t},{p}" for y, (t, p) in RESULTS.items()]
    return one_table(tmp_path, rows, measure, "true", table="results",
                     says="The math proficiency rate fell to its lowest on record in 2021.")


RATE = "{ratio: {numerator: {sum: proficient, of: results}, denominator: {sum: tested, of: results}}}"


def test_a_period_without_a_value_in_the_record_is_noted(tmp_path: Path) -> None:
    r = _run(tmp_path, f"{{extreme: {RATE}, over: year, at: 2021, is: lowest}}")
    assert r.verdict is Verdict.PASS, r.message
    notes = [n.message for n in r.notes if n.code == NoteCode.PERIODS_WITHOUT_VALUE]
    assert notes == ["no value at 2020 (nothing to divide by, or no rows): the ranking leaves it out"]


def test_outside_the_window_it_is_not(tmp_path: Path) -> None:
    r = _run(tmp_path, f"{{extreme: {RATE}, over: year, at: 2022, since: 2021, is: lowest}}")
    assert r.verdict is Verdict.PASS, r.message
    assert not [n for n in r.notes if n.code == NoteCode.PERIODS_WITHOUT_VALUE]


def test_inside_a_since_window_it_is(tmp_path: Path) -> None:
    r = _run(tmp_path, f"{{extreme: {RATE}, over: year, at: 2023, since: 2019, is: highest}}")
    assert r.verdict is Verdict.PASS, r.message
    assert [n.code for n in r.notes if n.code == NoteCode.PERIODS_WITHOUT_VALUE] == [NoteCode.PERIODS_WITHOUT_VALUE]
