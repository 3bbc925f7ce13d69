"""No reading that is constant by construction: a count of a table's rows per value of a column each
row has its own value of.

The suspensions walk (tests/fixtures/suspensions) listed among the misses of "Washington High
suspended more students than any other school" the ranking of the schools by their count of rows in
the schools table: 1 each, "no: 1, rank 1 of 5; next: Adams Middle (1)". It reads no sentence.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.suggest.profile import Dimension, Profile
from factcheck.suggest.propose import counts_ones

runner = CliRunner()
FIXTURE = Path(__file__).parent / "fixtures" / "suspensions"


def _measures(found: dict[str, Any]) -> list[dict[str, Any]]:
    return [s["measure"] for c in found["claims"] for key in ("candidates", "misses")
            for s in c[key]] + [c["reading"]["measure"] for c in found["claims"] if "reading" in c]


def test_the_suspensions_walk_ranks_no_school_by_its_one_row(tmp_path: Path) -> None:
    for name in ("story.md", "suspensions.csv", "schools.csv"):
        shutil.copy(FIXTURE / name, tmp_path / name)
    made = runner.invoke(app, ["init", str(tmp_path / "story.md"), str(tmp_path / "suspensions.csv"),
                               str(tmp_path / "schools.csv")])
    assert made.exit_code == 0, made.output
    got = runner.invoke(app, ["suggest", str(tmp_path / "story.claims.yaml"), "--every-reading", "--json", "-"])
    assert got.exit_code == 0, got.output
    measures = _measures(json.loads(got.stdout))
    assert {"count": "schools"} in measures            # "the city's five public schools" still counts them
    assert not [m for m in measures if m.get("extreme") == {"count": "schools"}], measures


def _table(rows: int, **dims: int) -> Any:
    dimensions = [Dimension(name, name, "VARCHAR", list(range(n)), False) for name, n in dims.items()]
    return SimpleNamespace(profile=Profile("schools", "schools", rows, dimensions, key=["school_id"]))


def test_which_counts_are_ones() -> None:
    table = _table(5, school_name=5, district=3)
    ranked = {"extreme": {"count": "schools"}, "over": "school_name", "at": "Lincoln High", "is": "highest"}
    assert counts_ones(ranked, table)
    assert counts_ones({**ranked, "extreme": {"count": "schools", "where": "district == 'North'"}}, table)
    assert counts_ones({"top": "school_name", "of": "schools"}, table)
    assert counts_ones({"top": "school_id", "of": "schools"}, table)   # the key
    assert counts_ones({"change": {"count": "schools"}, "over": "school_name", "from": "A", "to": "B"}, table)
    # a column of fewer values than rows, a sum per school, a ranking by another measure: real figures
    assert not counts_ones({**ranked, "over": "district"}, table)
    assert not counts_ones({**ranked, "extreme": {"sum": "enrollment_2024", "of": "schools"}}, table)
    assert not counts_ones({"top": "school_name", "of": "schools", "by": {"sum": "enrollment_2024"}}, table)
    assert not counts_ones({**ranked, "extreme": {"count": "suspensions"}}, table)   # another table's rows
    assert not counts_ones(ranked, None)
