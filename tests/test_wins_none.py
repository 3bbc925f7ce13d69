"""``expect: none`` on a ``wins``: "Rivera won no precinct" is exactly 0 groups won. Before, the claim
could only be written as ``expect: '0'`` (the same reading, shown as "rounds to 0"), and ``none``,
the reporter's own word, stopped the run as unreadable.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import one_table
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.outcome import Verdict

ROWS = ["g,c,v", "1,A,1", "1,B,3", "2,A,2", "2,B,5", "3,A,4", "3,B,4"]  # B wins 1 and 2; 3 is a tie
MEASURE = "{wins: %s, among: c, in: g, by: {sum: v, of: t}, of: t}"


@pytest.mark.parametrize("written", ["none", "None", "'none of them'", "' none '"])
def test_none_is_no_group_won(tmp_path: Path, written: str) -> None:
    r = one_table(tmp_path, ROWS, MEASURE % "A", written)
    assert r.verdict == Verdict.PASS, r.message
    assert r.message == "none as stated (computed 0)"
    assert r.expectation.meaning == "none: x = 0 (no group won)"
    assert (r.details.won, r.details.tied) == (0, 1)  # a tie for first is no win


def test_none_fails_saying_how_many_were_won(tmp_path: Path) -> None:
    r = one_table(tmp_path, ROWS, MEASURE % "B", "none")
    assert r.verdict == Verdict.FAIL
    assert r.message.startswith("stated none, computed 2: 2 high"), r.message


def test_none_of_another_kind_is_still_unreadable(tmp_path: Path) -> None:
    """A count of rows has no groups to have won none of: 'none' there is refused as before (write 0)."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "t.csv").write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text("version: 1\ntables:\n  t: {path: t.csv}\nclaims:\n  - id: c\n    says: s\n"
                                     "    measure: {count: t}\n    expect: none\n", encoding="utf-8")
    got = CliRunner().invoke(app, ["run", str(tmp_path / "c.yaml")])
    assert got.exit_code == 2, got.output
    assert "c.yaml:8: claim 'c': cannot read expect: 'none'" in " ".join(got.output.split()), got.output
