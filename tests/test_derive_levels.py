"""Derives built on derives: each is computed once, as a column, never copied into the SQL of
the derives that use it. Before, ``d2: d1 + d1`` inlined ``d1`` twice, so twenty levels of
doubling took minutes and gigabytes, and a chain of 150 was a RecursionError (issue 8, item 2).
"""

from __future__ import annotations

import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

import factcheck
from factcheck import FactcheckError
from factcheck.cli import app
from factcheck.planning.catalog import MAX_DERIVE_DEPTH

runner = CliRunner()


def claims_file(folder: Path, derives: list[str], claims: list[str], time_column: bool = False) -> Path:
    (folder / ".git").mkdir(exist_ok=True)
    (folder / "t.csv").write_text("x,day\n1,2020-01-02\n2,2020-03-04\n")
    lines = ["version: 1", "tables:", "  t:", "    path: t.csv"]
    lines += ["    time: day"] if time_column else []
    lines += ["    derive:"] + [f"      {d}" for d in derives]
    lines += ["claims:"] + [f"  - {c}" for c in claims]
    path = folder / "claims.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


def doubling(levels: int) -> list[str]:
    return ["d0: x + 1"] + [f"d{i}: d{i - 1} + d{i - 1}" for i in range(1, levels)]


def test_twenty_levels_of_doubling_take_seconds_and_give_the_exact_sum(tmp_path: Path) -> None:
    path = claims_file(tmp_path, doubling(21), ["{id: a, says: s, measure: {sum: d20, of: t}, expect: 5242880}"])
    start = time.monotonic()
    report = factcheck.verify(path)
    assert time.monotonic() - start < 20  # was exponential: 12 levels took 42 s, 20 reached 12 GB
    assert report.results[0].verdict == "pass"  # (2 + 3) * 2**20
    assert report.results[0].value_exact == "5242880"


def test_a_chain_at_the_limit_works(tmp_path: Path) -> None:
    chain = ["d1: x + 1"] + [f"d{i}: d{i - 1} + 1" for i in range(2, MAX_DERIVE_DEPTH + 1)]
    path = claims_file(tmp_path, chain, [f"{{id: a, says: s, measure: {{max: d{MAX_DERIVE_DEPTH}, of: t}}, "
                                         f"expect: {2 + MAX_DERIVE_DEPTH}}}"])
    assert factcheck.verify(path).results[0].verdict == "pass"


def test_a_chain_of_150_is_a_located_error_not_a_recursion_error(tmp_path: Path) -> None:
    chain = ["d0: x + 1"] + [f"d{i}: d{i - 1} + 1" for i in range(1, 150)]
    path = claims_file(tmp_path, chain, ["{id: a, says: s, measure: {sum: d149, of: t}, expect: 5}"])
    result = runner.invoke(app, ["run", str(path)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "RecursionError" not in result.output
    first_too_deep = f"d{MAX_DERIVE_DEPTH}"
    line = 6 + MAX_DERIVE_DEPTH  # d0 is on line 6
    assert f"claims.yaml:{line}: derive '{first_too_deep}' is built on a chain of {MAX_DERIVE_DEPTH}" in result.output
    assert "hint: compute it in fewer steps" in result.output
    assert result.output.count("is built on a chain") == 1  # the first too deep, not all 100 above it


@pytest.mark.parametrize("derives, expected", [
    (["a: b + 1", "b: a + 1"], ["derive 'a' refers to itself through 'b'", "derive 'b' refers to itself through 'a'"]),
    (["a: a + 1"], ["derive 'a' refers to itself"]),
    (["a: b + 1", "b: c + 1", "c: a + 1", "d: a * 2"], ["derive 'c' refers to itself through 'a', 'b'"]),
])
def test_derives_in_a_circle_are_located_errors(tmp_path: Path, derives: list[str], expected: list[str]) -> None:
    path = claims_file(tmp_path, derives, ["{id: a, says: s, measure: {sum: x, of: t}, expect: 3}"])
    with pytest.raises(FactcheckError) as info:
        factcheck.verify(path)
    described = [p.describe() for p in info.value.problems]
    for text in expected:
        assert any(text in d for d in described), described
    assert all(p.line is not None and p.hint for p in info.value.problems)
    assert not any("'d'" in d for d in described)  # d only uses the circle: the circle is the error


def test_a_doubling_chain_of_conditions_is_searched_for_periods_once_per_derive(tmp_path: Path) -> None:
    conditions = ["c0: day >= '2020-01-01'"] + [f"c{i}: c{i - 1} and c{i - 1} or c{i - 1}" for i in range(1, 40)]
    path = claims_file(tmp_path, conditions, ["{id: a, says: s, measure: {count: t, where: c39}, expect: 2}",
                                              "{id: b, says: s, measure: {count: t, where: \"c39 and day < '2019-01-01'\"}, "
                                              "expect: 0}"], time_column=True)
    start = time.monotonic()
    report = factcheck.verify(path)
    assert time.monotonic() - start < 20
    assert [r.verdict for r in report.results] == ["pass", "unverifiable"]
    assert report.results[1].message.count("day") == 1, report.results[1].message  # named once, not 2**39 times
    assert "day < 2019-01-01" in report.results[1].message


def test_a_time_column_is_found_through_a_doubling_chain(tmp_path: Path) -> None:
    derives = ["y0: year(day)"] + [f"y{i}: y{i - 1} * 2 - y{i - 1}" for i in range(1, 40)]
    path = claims_file(tmp_path, derives, ["{id: a, says: s, measure: {change: {count: t}, over: y39, from: 2020, "
                                           "to: 2021}, expect: up 5%}"], time_column=True)
    result = factcheck.verify(path).results[0]
    assert result.verdict == "unverifiable" and "2021" in result.message  # y39 is known to be a period


def test_the_sql_of_a_claim_over_derive_levels_reproduces_the_figure(tmp_path: Path, monkeypatch) -> None:
    derives = ["a: x * 10", "b: a + x", "c: b + a", "flag: c > 30"]
    path = claims_file(tmp_path, derives, ["{id: s, says: s, measure: {sum: c, of: t}, expect: 63}",
                                           "{id: f, says: s, measure: {share: flag, of: t}, expect: 50%}"])
    monkeypatch.chdir(tmp_path)
    report = factcheck.verify(path.name)
    assert [r.verdict for r in report.results] == ["pass", "pass"]
    total = duckdb.connect().execute(report.results[0].sql).fetchone()
    assert total is not None and total[1] == 63  # (1*10+1+10) + (2*10+2+20)
    share = duckdb.connect().execute(report.results[1].sql).fetchone()
    assert share == (2, 2, 1)
