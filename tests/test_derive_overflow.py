"""A derive whose arithmetic overflows (``big * 10`` over a whole-number column holding 9e18).

Before, DuckDB's "Overflow in multiplication of INT64" was pinned on the data file with a
hint about its ``csv:`` options, and Spark's on the ``derive:`` line without a row. Now it
is the claims file's problem: the derive's own line, its table and column, the data file's
line (a Parquet file's row) where it first overflows with the value there, and a rewrite
that works, exit 2. The hints are run too: they must give the exact figure. Spark's
message is the same (tests/test_spark_engine.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import factcheck
from factcheck.cli import app
from factcheck.errors import ClaimsFileError

runner = CliRunner()
BIG = 9_000_000_000_000_000_000

CLAIMS = """\
version: 1
tables:
  t:
    path: t.{ext}
{extra}    derive:
{derives}
claims:
  - {{id: a, says: s, measure: {{sum: {column}, of: t}}, expect: {expect}}}
"""


def claims(root: Path, derives: dict[str, str], column: str, expect: str = "1", ext: str = "csv",
           extra: str = "") -> Path:
    (root / ".git").mkdir(exist_ok=True)
    path = root / "claims.yaml"
    lines = "\n".join(f'      {name}: "{sql}"' for name, sql in derives.items())
    path.write_text(CLAIMS.format(ext=ext, extra=extra, derives=lines, column=column, expect=expect), encoding="utf-8")
    return path


def refused(path: Path) -> str:
    result = runner.invoke(app, ["run", str(path)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output
    assert "csv: options" not in result.output and "check the file's format" not in result.output
    return " ".join(result.output.split())  # the terminal wraps long lines


def hint_of(output: str) -> str:
    match = re.search(r'derive: \{(\w+): "([^"]+)"\}', output)
    assert match is not None, output
    return match.group(2)


def data(root: Path, values: list[int]) -> None:
    root.mkdir(exist_ok=True)
    (root / "t.csv").write_text("id,big\n" + "".join(f"{i},{v}\n" for i, v in enumerate(values, 1)))


@pytest.mark.parametrize(("derive", "part", "rewritten", "exact"), [
    ("big * 10", "", "big * 10.0", 10 * (BIG + 5 + 7 + 1)),
    ("big + big", "", "big * 1.0 + big", 2 * (BIG + 5 + 7 + 1)),
    ("2 * big - 1", " (in 2 * big)", "2.0 * big - 1", 2 * (BIG + 5 + 7 + 1) - 4),
])
def test_an_overflowing_derive_names_its_line_table_column_and_row_with_a_hint_that_works(
        tmp_path: Path, derive: str, part: str, rewritten: str, exact: int) -> None:
    data(tmp_path, [5, 7, BIG, 1])
    path = claims(tmp_path, {"x": derive}, "x")
    out = refused(path)
    assert "claims.yaml:6: derive 'x' of table 't' overflows the 64-bit integers" in out
    assert f"{derive}{part}, at line 4 of {tmp_path / 't.csv'}, where big = {BIG}" in out
    assert hint_of(out) == rewritten
    fixed = claims(tmp_path, {"x": rewritten}, "x", str(exact))
    result = runner.invoke(app, ["run", str(fixed)])
    assert result.exit_code == 0 and "1 passed" in result.output, result.output


def test_the_derive_that_overflows_is_named_among_several_built_on_one_another(tmp_path: Path) -> None:
    data(tmp_path, [5, BIG // 100, 7])
    out = refused(claims(tmp_path, {"fine": "big + 1", "tenfold": "fine * 10", "more": "tenfold * 100"}, "more"))
    assert "claims.yaml:8: derive 'more' of table 't' overflows" in out
    assert f"at line 3 of {tmp_path / 't.csv'}, where tenfold = {(BIG // 100 + 1) * 10}" in out
    assert hint_of(out) == "tenfold * 100.0"


def test_an_overflow_in_a_window_derive_is_located_at_the_row_that_computes_it(tmp_path: Path) -> None:
    """``lag(big) * 10`` overflows on the row after the large value; the value it reads is another
    row's, so no value of its own row is shown."""
    data(tmp_path, [5, BIG, 7, 1])
    out = refused(claims(tmp_path, {"grown": "lag(big) * 10"}, "grown"))
    assert "derive 'grown' of table 't' overflows the 64-bit integers" in out
    assert f"at line 4 of {tmp_path / 't.csv'}" in out and "where" not in out.split("at line 4")[1].split("hint")[0]
    assert hint_of(out) == "lag(big) * 10.0"


def test_an_overflow_over_a_parquet_file_names_its_row(tmp_path: Path) -> None:
    tmp_path.mkdir(exist_ok=True)
    duckdb.connect().execute(f"COPY (SELECT * FROM (VALUES (1, 5::BIGINT), (2, 7), (3, {BIG})) v(id, big)) "
                             f"TO '{tmp_path / 't.parquet'}' (FORMAT parquet)")
    out = refused(claims(tmp_path, {"x": "big * 10"}, "x", ext="parquet"))
    assert f"at row 3 of {tmp_path / 't.parquet'}, where big = {BIG}" in out


def test_past_38_digits_the_hint_declares_the_column_a_number_and_that_works(tmp_path: Path) -> None:
    huge = 10**38
    (tmp_path / "t.csv").parent.mkdir(exist_ok=True)
    (tmp_path / "t.csv").write_text(f"id,big\n1,3\n2,{huge}\n")
    out = refused(claims(tmp_path, {"x": "big * big"}, "x"))
    assert "overflows the 128-bit integers" in out and f"line 3 of {tmp_path / 't.csv'}, where big = {huge}" in out
    assert "past the 38 digits" in out and "columns: {big: number}" in out
    fixed = claims(tmp_path, {"x": "big * big"}, "x", "more than 1000", extra="    columns: {big: number}\n")
    result = runner.invoke(app, ["run", str(fixed)])
    assert result.exit_code == 0 and "1 passed" in result.output, result.output


def test_check_and_explain_give_the_same_problem(tmp_path: Path) -> None:
    data(tmp_path, [5, BIG])
    path = claims(tmp_path, {"x": "big * 10"}, "x")
    for command in (["check", str(path)], ["explain", str(path), "a"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2 and "derive 'x' of table 't' overflows" in result.output, result.output


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(st.sampled_from([0, 1, -3, 10**17, BIG, -BIG]), min_size=1, max_size=40))
def test_the_line_named_is_the_first_that_overflows(tmp_path_factory: pytest.TempPathFactory,
                                                    values: list[int]) -> None:
    root = tmp_path_factory.mktemp("overflow")
    data(root, values)
    path = claims(root, {"x": "big * 2"}, "x")
    first = next((i for i, v in enumerate(values) if abs(v * 2) > 2**63 - 1), None)
    if first is None:
        assert factcheck.verify(path).results[0].value is not None
        return
    with pytest.raises(ClaimsFileError) as info:
        factcheck.verify(path)
    assert f"at line {first + 2} of" in info.value.problems[0].message


def test_a_dataframe_handed_in_is_located_by_its_row(tmp_path: Path) -> None:
    import pandas as pd
    path = claims(tmp_path, {"x": "big * 10"}, "x")
    frame = pd.DataFrame({"id": [1, 2, 3], "big": [5, BIG, 7]})
    with pytest.raises(ClaimsFileError) as info:
        factcheck.verify(path, tables={"t": frame})
    problem = info.value.problems[0]
    assert (problem.file, problem.line, problem.column) == (str(path), 6, "big")
    assert f"at row 2 (index 1) of <dataframe t>, where big = {BIG}" in problem.message


def test_when_no_decimal_rewrite_computes_the_hint_declares_the_column_a_number(tmp_path: Path) -> None:
    """9e18 squared is past 38 digits once one factor has a decimal place: every rewrite is tried
    on the data and fails, so the hint does not offer one."""
    data(tmp_path, [3, BIG])
    out = refused(claims(tmp_path, {"x": "big * big"}, "x"))
    assert "overflows the 64-bit integers" in out and "write a number with a decimal point" not in out
    assert "no rewrite in decimals computes it on this data: declare the columns it reads as number " \
           "(columns: {big: number})" in out
    fixed = claims(tmp_path, {"x": "big * big"}, "x", "more than 1000", extra="    columns: {big: number}\n")
    result = runner.invoke(app, ["run", str(fixed)])
    assert result.exit_code == 0 and "1 passed" in result.output, result.output
