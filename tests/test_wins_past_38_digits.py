"""``wins`` by a sum (or a mean) whose cells pass the engine's 38 digits is ranked on exact sums, as
a plain ``sum`` of the same column is ("Values are exact at any size", docs/claims-format.md).

Before, the ranking query failed and the claim stopped the run with the engine's own words
("its query failed: Out of Range Error: Overflow in HUGEINT addition"), naming neither the cause
nor a way out, where the same column's ``sum`` gave its figure.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import one_table
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.outcome import Verdict

BIG = "9" * 38  # the most a DECIMAL(38, 0) holds: two of them overflow it
ROWS = ["g,c,v", f"1,A,{BIG}", f"1,A,{BIG}", f"1,B,{BIG}", "1,B,5", "2,B,7", "2,A,3", f"3,A,{BIG}", "3,B,-1"]
# precinct 1: A 2×BIG beats B BIG+5; 2: B; 3: A. A wins 2 of 3


@pytest.mark.parametrize("by", ["sum", "mean"])
def test_a_sum_past_38_digits_is_ranked_exactly(tmp_path: Path, by: str) -> None:
    r = one_table(tmp_path, ROWS, f"{{wins: A, among: c, in: g, by: {{{by}: v, of: t}}, of: t}}", "'2'")
    assert r.verdict == Verdict.PASS, r.message
    assert (r.details.won, r.details.tied, r.details.groups) == (2, 0, 3)
    first = r.details.each_group[0].value
    assert first.startswith("A first (") and (by == "mean" or f"{2 * int(BIG):,}" in first), first
    assert "OVER (PARTITION BY" not in r.sql and "sum(" not in r.sql, r.sql  # the queries shown are those that ran


def test_the_cli_passes_with_no_engine_error(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "t.csv").write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text(
        "version: 1\ntables:\n  t: {path: t.csv}\nclaims:\n  - id: carried\n    says: A carried 2 of 3\n"
        "    measure: {wins: A, among: c, in: g, by: {sum: v, of: t}, of: t}\n    expect: '2'\n", encoding="utf-8")
    got: Any = CliRunner().invoke(app, ["run", str(tmp_path / "c.yaml")])
    assert got.exit_code == 0, got.output
    assert "Overflow" not in got.output and "PASS" in got.output, got.output


def test_the_same_on_spark(spark: Any, tmp_path: Path) -> None:
    import factcheck
    (tmp_path / ".git").mkdir()
    (tmp_path / "t.csv").write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text(
        "version: 1\ntables:\n  t: {path: t.csv}\nclaims:\n  - id: carried\n    says: s\n"
        "    measure: {wins: A, among: c, in: g, by: {sum: v, of: t}, of: t}\n    expect: '2'\n", encoding="utf-8")
    duck = factcheck.verify(tmp_path / "c.yaml").results[0]
    on_spark = factcheck.verify(tmp_path / "c.yaml", engine="spark").results[0]
    assert (on_spark.verdict, on_spark.message) == (duck.verdict, duck.message) == (Verdict.PASS, on_spark.message)
    assert [g.value for g in on_spark.details.each_group] == [g.value for g in duck.details.each_group]
