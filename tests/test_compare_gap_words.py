"""A `compare` is the gap between two figures, said as one is: 'higher' or 'lower', never 'up', 'down'
or 'a rise'. Walking an election story ("Rivera wins by nearly 6 points"), a bare size was told to
write 'up nearly 6 points', and a miss read "computed up 5.67 points: 0.03 points short of a rise of
5.7 points", as if a vote share had moved over time."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

# 10,000 votes in 2024: Rivera 5,667 (56.67%), Hale 4,333 (43.33%): a gap of 13.34 points
RESULTS = "year,candidate,votes\n2024,Rivera,3000\n2024,Rivera,2667\n2024,Hale,4333\n2020,Hale,5000\n2020,Cole,4000\n"


def _share(name: str) -> str:
    return (f"{{ratio: {{numerator: {{sum: votes, of: results, where: \"year == 2024 and candidate == '{name}'\"}}, "
            "denominator: {sum: votes, of: results, where: year == 2024}}}")


def _run(tmp_path: Path, measure: str, expect: str) -> tuple[int, str]:
    (tmp_path / "results.csv").write_text(RESULTS, encoding="utf-8")
    path = tmp_path / "c.yaml"
    path.write_text("version: 1\ntables:\n  results: {path: results.csv, time: year}\nclaims:\n"
                    f"  - id: margin\n    says: Rivera won by 13 points.\n    measure: {measure}\n"
                    f"    expect: {expect}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(path)], env={"COLUMNS": "200"})
    return result.exit_code, result.output


GAP = f"{{compare: {_share('Rivera')}, with: {_share('Hale')}, as: points}}"


def test_a_bare_size_on_a_gap_is_told_higher_or_lower(tmp_path: Path) -> None:
    code, out = _run(tmp_path, GAP, "nearly 14 points")
    assert code == 2
    assert "not which is higher" in out and "the gap between two figures" in out
    assert "'nearly 14 points higher'" in out and "'up nearly" not in out


@pytest.mark.parametrize(("expect", "verdict", "said"), [
    ("13 points higher", "PASS", "rounds to 13 points higher as stated (computed 13.34 points higher)"),
    ("nearly 15 points higher", "FAIL", "short of 14.2"),
    ("13 points lower", "FAIL", "computed 13.34 points higher"),
])
def test_a_gap_is_said_higher_or_lower(tmp_path: Path, expect: str, verdict: str, said: str) -> None:
    code, out = _run(tmp_path, GAP, expect)
    assert code in (0, 1), out
    assert out.splitlines()[0].startswith(verdict) or f"{verdict} " in out
    assert said in out
    assert "computed up" not in out and "a rise of" not in out and "computed down" not in out


def test_a_gap_of_nothing_is_level(tmp_path: Path) -> None:
    measure = ("{compare: {sum: votes, of: results, where: year == 2020 and candidate == 'Hale'}, "
               "with: {sum: votes, of: results, where: year == 2024 and candidate == 'Rivera'}, as: absolute}")
    # 5,000 against 5,667: not level; the same figure against itself is
    code, out = _run(tmp_path, measure.replace("year == 2024 and candidate == 'Rivera'",
                                               "year == 2020 and candidate == 'Hale' and votes > 0"), "10 higher")
    assert code == 1, out
    assert "level (0)" in out


def test_a_change_over_time_still_rises_and_falls(tmp_path: Path) -> None:
    measure = "{change: {sum: votes, of: results}, over: year, from: 2020, to: 2024, as: absolute}"
    code, out = _run(tmp_path, measure, "up 2,000")
    assert code == 1, out
    assert "computed up 1,000" in out
    code, out = _run(tmp_path, measure, "up 1,000")
    assert code == 0, out
    assert "a rise rounding to 1,000" in out


@pytest.mark.parametrize(("expect", "verdict"), [
    ("13 points ahead", "PASS"), ("13 points ahead of Hale", "PASS"), ("ahead", "PASS"),
    ("13 points behind", "FAIL"), ("nearly 14 points ahead", "PASS"),
])
def test_ahead_and_behind_are_read_of_a_gap(tmp_path: Path, expect: str, verdict: str) -> None:
    """"Rivera finished 13 points ahead of Hale": as election stories write a margin."""
    code, out = _run(tmp_path, GAP, expect)
    assert code in (0, 1), out
    assert f"{verdict} " in out


@pytest.mark.parametrize(("expect", "verdict"), [
    ("57 cents of every dollar", "PASS"), ("57 cents on the dollar", "PASS"),
    ("nearly 56 cents out of every dollar", "FAIL"), ("more than 50 cents of each dollar", "PASS"),
    ("43 cents of every dollar", "FAIL"),
])
def test_cents_of_every_dollar_are_a_share(tmp_path: Path, expect: str, verdict: str) -> None:
    """A budget story's "57 cents of every dollar" is 57% (here: 5,667 of 10,000 votes, 56.67%)."""
    share = "{share: candidate == 'Rivera', of: results, sum: votes, where: year == 2024}"
    code, out = _run(tmp_path, share, expect)
    assert code in (0, 1), out
    assert f"{verdict} " in out and "computed 56.67%" in out
