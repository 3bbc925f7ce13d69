"""Whole numbers that name places, not periods: ``over: precinct`` (precincts 1, 5, 9, 44, 75).

An ``extreme``, ``change`` or ``rising`` over a column of whole numbers reads them as periods
(years): a number between two that has no row at all is a gap, and the record cannot be
judged. A column the claims file declares ``type: text`` holds categories instead: its values
are ranked as they are, with no gap between them and no record. Before, the declaration
changed nothing (the values were still filled in between, as years are), and the message
listed 66 numbers one by one with no word of what to do.

The data is constructed here: 16 incidents in five precincts, 9 of them in the 44th.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import factcheck
from factcheck import Reason, Verdict

PRECINCTS = {1: 2, 5: 1, 9: 3, 44: 9, 75: 1}  # incidents per precinct


def _write(tmp_path: Path, claims: str, *, text: bool) -> Path:
    rows = ["incident_id,precinct,year"]
    n = 0
    for precinct, count in PRECINCTS.items():
        for i in range(count):
            n += 1
            rows.append(f"F{n:03d},{precinct},{2023 + i % 2}")
    (tmp_path / "incidents.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    columns = "    columns:\n      precinct: {type: text}\n" if text else ""
    path = tmp_path / "claims.yaml"
    path.write_text("version: 1\ntables:\n  incidents:\n    path: incidents.csv\n    key: incident_id\n"
                    + columns + "claims:\n" + textwrap.indent(textwrap.dedent(claims), "  "), encoding="utf-8")
    return path


MOST = """\
- id: most
  says: The 44th Precinct recorded the most incidents.
  expect: true
  measure: {extreme: {count: incidents}, over: precinct, at: 44, is: highest}
"""


def test_a_column_declared_text_is_ranked_as_categories(tmp_path: Path) -> None:
    result = factcheck.verify(_write(tmp_path, MOST, text=True)).results[0]
    assert result.verdict is Verdict.PASS, result.message
    assert result.details is not None
    assert (result.details.rank, result.details.of) == (1, 5)  # five precincts, no number between them
    assert result.details.runner_up is not None and result.details.runner_up.key == "9"
    # a record belongs to periods: none is given among categories
    assert result.details.data_from is None and result.details.holds_since is None
    assert result.details.last_as_high is None


def test_second_rank_among_categories(tmp_path: Path) -> None:
    claims = MOST.replace("at: 44, is: highest", "at: 9, is: highest, rank: 2")
    result = factcheck.verify(_write(tmp_path, claims, text=True)).results[0]
    assert result.verdict is Verdict.PASS, result.message


def test_whole_numbers_undeclared_are_periods_and_the_gap_says_what_to_declare(tmp_path: Path) -> None:
    result = factcheck.verify(_write(tmp_path, MOST, text=False)).results[0]
    assert result.verdict is Verdict.UNVERIFIABLE
    assert result.reason is Reason.PERIOD_NOT_COVERED
    # the 70 numbers between the precincts, told as runs, not one by one
    assert "2–4, 6–8, 10–43, 45–74" in result.message
    assert "45, 46" not in result.message
    assert "type: text" in result.message and "precinct" in result.message


def test_a_year_column_with_a_gap_is_not_told_to_be_text(tmp_path: Path) -> None:
    (tmp_path / "sales.csv").write_text("year,units\n2018,5\n2019,7\n2021,9\n", encoding="utf-8")
    path = tmp_path / "sales.yaml"
    path.write_text(textwrap.dedent("""\
        version: 1
        tables:
          sales: {path: sales.csv}
        claims:
          - id: c
            says: Sales were the highest on record.
            expect: true
            measure: {extreme: {sum: units, of: sales}, over: year, at: 2021, is: highest}
        """), encoding="utf-8")
    result = factcheck.verify(path).results[0]
    assert result.reason is Reason.PERIOD_NOT_COVERED
    assert "gap at 2020" in result.message
    assert "type: text" not in result.message


def test_a_change_between_categories_shows_only_them(tmp_path: Path) -> None:
    claims = ("- id: c\n  says: The 44th Precinct had 6 more incidents than the 9th.\n  expect: 6 more\n"
              "  measure: {change: {count: incidents}, over: precinct, from: 9, to: 44, as: absolute}\n")
    result = factcheck.verify(_write(tmp_path, claims, text=True)).results[0]
    assert result.verdict is Verdict.PASS, result.message
    assert result.series is not None
    assert [p.key for p in result.series] == ["1", "5", "9", "44", "75"]


def test_since_among_categories_is_an_error_in_the_claim(tmp_path: Path) -> None:
    """"The most since the 5th Precinct" says nothing: a record and its ``since`` belong to periods.
    Before, the claim was judged as if the 5th came first in time (and failed)."""
    claims = MOST.replace("at: 44, is: highest", "at: 44, since: 5, is: highest")
    with pytest.raises(factcheck.ClaimsFileError) as caught:
        factcheck.verify(_write(tmp_path, claims, text=True))
    problem = caught.value.problems[0]
    assert problem.claim == "most" and problem.line is not None
    assert "since" in str(problem) and "categories" in str(problem)
    assert problem.hint is not None and "remove since:" in problem.hint
