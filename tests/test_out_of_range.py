"""An engine error "out of range" is named only as specifically as the types confirm.

``Out of Range Error`` is DuckDB's word for an integer overflow and for a date past the dates
a DATE holds. Before, both were "overflows the 64-bit integers" with a hint to write decimals.
Now an overflow is said only when the part of the expression that fails has a whole-number or
decimal type and its value at the row, recomputed in doubles, is past that type's range;
otherwise the problem is located all the same (the line, the data's first row, the values)
and told in the engine's words, with a hint that fits (a date: the days added).

A claim's own expression that fails (``sum: big * 10``, a ``where`` doing arithmetic) is
located like a derive: the claim, the line of its expression in the claims file, the data's
first row it fails on (among the rows its ``where`` keeps), and a rewrite checked to compute.
Spark gives the same messages (tests/test_spark_engine.py).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import factcheck
from factcheck.backends.duckdb import DuckDB
from factcheck.cli import app
from factcheck.errors import ClaimsFileError

runner = CliRunner()
BIG = 9_000_000_000_000_000_000
LOWEST = -(2**63)


def write(root: Path, body: str, rows: str = "", ext: str = "csv") -> Path:
    """A claims file over ``t.<ext>`` (``rows``: the CSV's text, when a CSV)."""
    (root / ".git").mkdir(parents=True, exist_ok=True)
    if rows:
        (root / "t.csv").write_text(rows, encoding="utf-8")
    path = root / "claims.yaml"
    path.write_text(f"version: 1\ntables:\n  t:\n    path: t.{ext}\n" + body, encoding="utf-8")
    return path


def refused(path: Path) -> str:
    result = runner.invoke(app, ["run", str(path)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "its query failed" not in result.output, result.output
    return " ".join(result.output.split())  # the terminal wraps long lines


def passes(path: Path) -> None:
    result = runner.invoke(app, ["run", str(path)])
    assert result.exit_code == 0 and "1 passed" in result.output, result.output


DATED = """\
    columns: {{d: date}}
    derive:
      later: "{derive}"
claims:
  - {{id: a, says: s, measure: {{count: t, where: later is not null}}, expect: 3}}
"""


def test_a_date_out_of_range_is_not_called_an_overflow(tmp_path: Path) -> None:
    """`d + 2147483647` is past the dates a DATE holds: located at the derive's line and the first
    line it fails on, in DuckDB's words, with a hint about the days added, not about decimals."""
    derive = "case when id > 1 then d + 2147483647 else d end"
    path = write(tmp_path, DATED.format(derive=derive), "id,d\n1,2020-01-01\n2,2020-01-02\n3,2020-01-03\n")
    out = refused(path)
    assert (f"claims.yaml:7: derive 'later' of table 't' cannot be computed: {derive}, at line 3 of "
            f"{tmp_path / 't.csv'}, where id = 2, d = 2020-01-02 (Out of Range Error: Date out of range)") in out
    assert "hint: d + 2147483647 gives a date outside the dates the engine can hold" in out
    assert "overflow" not in out and "decimal" not in out and "number)" not in out


def test_a_date_out_of_range_in_a_parquet_file_names_its_row(tmp_path: Path) -> None:
    """Only the far date fails: the row named is its row."""
    tmp_path.mkdir(exist_ok=True)
    duckdb.connect().execute(f"COPY (SELECT * FROM (VALUES (1, DATE '2020-01-01'), (2, DATE '2021-05-01'), "
                             f"(3, DATE '5000000-01-01')) v(id, d)) TO '{tmp_path / 't.parquet'}' (FORMAT parquet)")
    out = refused(write(tmp_path, DATED.format(derive="d + 1000000000"), ext="parquet"))
    assert f"derive 'later' of table 't' cannot be computed: d + 1000000000, at row 3 of {tmp_path / 't.parquet'}" in out
    assert "where d = 5000000-01-01" in out and "overflow" not in out


def test_without_a_row_the_engine_s_words_are_shown_not_an_overflow(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """When the derive cannot be computed again to find the row, the message says only what the
    engine said: no overflow is claimed from the words "Out of Range"."""
    monkeypatch.setattr(DuckDB, "overflow_in_derives", lambda self, read, catalog: None)
    path = write(tmp_path, DATED.format(derive="d + 2147483647"), "id,d\n1,2020-01-01\n")
    out = refused(path)
    assert ("derive 'later' of table 't' cannot be computed: d + 2147483647 (Out of Range Error: Date out of "
            "range)") in out and "overflow" not in out


INTEGERS = """\
    derive:
      x: "{derive}"
claims:
  - {{id: a, says: s, measure: {{sum: x, of: t}}, expect: {expect}}}
"""


@pytest.mark.parametrize("derive", ["abs(big)", "-big"])
def test_the_lowest_64_bit_integer_negated_is_an_overflow_with_a_rewrite_that_works(tmp_path: Path,
                                                                                     derive: str) -> None:
    """DuckDB's words differ ("Overflow on abs(…)", "Overflow in negation of numeric value"); the
    types say it: a BIGINT whose value, in doubles, is 2^63."""
    rows = f"id,big\n1,5\n2,{LOWEST}\n3,7\n"
    out = refused(write(tmp_path, INTEGERS.format(derive=derive, expect=1), rows))
    assert "derive 'x' of table 't' overflows the 64-bit integers of whole-number columns" in out
    assert f"at line 3 of {tmp_path / 't.csv'}, where big = {LOWEST}" in out
    rewrite = out.split('(derive: {x: "')[1].split('"')[0]
    assert rewrite == derive.replace("big", "(big * 1.0)" if derive.startswith("-") else "big * 1.0")
    total = sum(abs(v) if derive.startswith("abs") else -v for v in (5, LOWEST, 7))
    passes(write(tmp_path, INTEGERS.format(derive=rewrite, expect=total)))


def test_a_32_bit_column_is_said_to_overflow_the_32_bit_integers(tmp_path: Path) -> None:
    """A Parquet INTEGER column computes in 32 bits: the message and the hint say so."""
    tmp_path.mkdir(exist_ok=True)
    duckdb.connect().execute(f"COPY (SELECT * FROM (VALUES (1, 7::INTEGER), (2, 2000000000::INTEGER)) v(id, n)) "
                             f"TO '{tmp_path / 't.parquet'}' (FORMAT parquet)")
    out = refused(write(tmp_path, INTEGERS.format(derive="n * 2", expect=1), ext="parquet"))
    assert "overflows the 32-bit integers (largest 2147483647): n * 2, at row 2" in out
    assert "computed as 32-bit integers" in out and '(derive: {x: "n * 2.0"})' in out
    passes(write(tmp_path, INTEGERS.format(derive="n * 2.0", expect=4000000014), ext="parquet"))


OWN = """\
claims:
  - id: a
    says: s
    measure:
      {measure}
    expect: {expect}
"""


@pytest.mark.parametrize(("measure", "shown", "fixed", "total"), [
    ("sum: big * 10\n      of: t", "its expression 'big * 10' overflows the 64-bit integers",
     'sum: "big * 10.0"', 10 * (5 + BIG + 7)),
    ("count: t\n      where: big * 10 > 5", "its where 'big * 10 > 5' overflows the 64-bit integers "
     "of whole-number columns (largest 9223372036854775807) (in big * 10)", 'where: "big * 10.0 > 5"', 3),
])
def test_a_claim_s_own_arithmetic_that_overflows_is_located_at_its_line_and_row(
        tmp_path: Path, measure: str, shown: str, fixed: str, total: int) -> None:
    rows = f"id,big\n1,5\n2,{BIG}\n3,7\n"
    path = write(tmp_path, OWN.format(measure=measure, expect=1), rows)
    out = refused(path)
    line = 10 if "where" in measure else 9  # the expression's own line, not the claim's
    assert f"claims.yaml:{line}: claim 'a': {shown}" in out
    assert f"at line 3 of {tmp_path / 't.csv'}, where big = {BIG}" in out
    assert f"({fixed})" in out
    key, text = fixed.split(": ", 1)
    rewritten = measure.replace(f"{key}: " + text.strip('"').replace("10.0", "10"), f"{key}: {text}")
    passes(write(tmp_path, OWN.format(measure=rewritten, expect=total)))


def test_a_measure_is_located_among_the_rows_its_where_keeps(tmp_path: Path) -> None:
    """Line 3 holds a large value the `where` leaves out; the sum overflows at line 5."""
    rows = f"id,big\n1,5\n2,{BIG}\n3,7\n4,{BIG}\n"
    out = refused(write(tmp_path, OWN.format(measure="sum: big * 10\n      of: t\n      where: id >= 3",
                                             expect=1), rows))
    assert "its expression 'big * 10' overflows the 64-bit integers" in out
    assert f"at line 5 of {tmp_path / 't.csv'}" in out


def test_a_claim_over_a_dataframe_is_located_by_its_row_and_index_label(tmp_path: Path) -> None:
    """A table handed in as a DataFrame has no lines: the row is named by its place (from 1) and by
    its label in the DataFrame's index, among the rows the where keeps; the rewrite is checked on it.
    (Before, the claim got the generic "its query failed".)"""
    import pandas as pd
    frame = pd.DataFrame({"id": [1, 2, 3, 4], "big": [5, BIG, 7, BIG]},
                         index=pd.Index(["2020-01", "2020-02", "2020-03", "2020-04"], name="month"))
    path = write(tmp_path, OWN.format(measure="sum: big * 10\n      of: t\n      where: id >= 3", expect=1))
    with pytest.raises(ClaimsFileError) as info:
        factcheck.verify(path, tables={"t": frame})
    problem = info.value.problems[0]
    assert (problem.file, problem.line, problem.claim, problem.column) == (str(path), 9, "a", "big")
    assert problem.message == ("its expression 'big * 10' overflows the 64-bit integers of whole-number columns "
                               "(largest 9223372036854775807), at row 4 (index 2020-04) of <dataframe t>, "
                               f"where big = {BIG}")
    assert problem.hint is not None and '(sum: "big * 10.0")' in problem.hint
    fixed = write(tmp_path, OWN.format(measure='sum: "big * 10.0"\n      of: t\n      where: id >= 3',
                                       expect=10 * (7 + BIG)))
    assert factcheck.verify(fixed, tables={"t": frame}).results[0].verdict == "pass"


def test_a_claim_s_date_out_of_range_is_told_in_the_engine_s_words(tmp_path: Path) -> None:
    rows = "id,d\n1,2020-01-01\n"
    out = refused(write(tmp_path, "    columns: {d: date}\n" + OWN.format(
        measure="count: t\n      where: d + 2147483647 > '2020-01-01'", expect=1), rows))
    assert ("claims.yaml:11: claim 'a': its where 'd + 2147483647 > '2020-01-01'' cannot be computed, at line 2 "
            f"of {tmp_path / 't.csv'}, where d = 2020-01-01 (Out of Range Error: Date out of range)") in out
    assert "d + 2147483647 gives a date outside" in out and "overflow" not in out


def test_a_claim_s_lag_is_located_and_its_rewrite_keeps_the_call(tmp_path: Path) -> None:
    rows = f"id,big\n1,5\n2,{BIG}\n3,7\n"
    out = refused(write(tmp_path, OWN.format(measure="sum: lag(big) * 10\n      of: t", expect=1), rows))
    assert "its expression 'lag(big) * 10' overflows the 64-bit integers" in out
    assert f"at line 4 of {tmp_path / 't.csv'}, where lag(big) = {BIG}" in out
    assert '(sum: "lag(big) * 10.0")' in out


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(st.sampled_from([0, 1, -3, 10**17, BIG, -BIG]), min_size=1, max_size=30),
       keep=st.sampled_from([None, 1, 3]))
def test_the_line_named_for_a_claim_is_the_first_kept_row_that_overflows(
        tmp_path_factory: pytest.TempPathFactory, values: list[int], keep: int | None) -> None:
    root = tmp_path_factory.mktemp("own")
    rows = "id,big\n" + "".join(f"{i},{v}\n" for i, v in enumerate(values))
    where = "" if keep is None else f"\n      where: id >= {keep}"
    path = write(root, OWN.format(measure=f"sum: big * 2\n      of: t{where}", expect=1), rows)
    kept = [i for i in range(len(values)) if keep is None or i >= keep]
    first = next((i for i in kept if abs(values[i] * 2) > 2**63 - 1), None)
    if first is None:  # a figure, or no row kept
        assert factcheck.verify(path).results[0].value is not None or not kept
        return
    with pytest.raises(ClaimsFileError) as info:
        factcheck.verify(path)
    problem = info.value.problems[0]
    assert (problem.claim, problem.line, problem.column) == ("a", 9, "big")
    assert f"at line {first + 2} of" in problem.message and "overflows the 64-bit integers" in problem.message


def test_a_measure_under_a_where_through_a_lookup_is_not_given_a_row_it_may_not_keep(tmp_path: Path) -> None:
    """Which rows a `where` on a lookup's column keeps needs the join: the measure is not computed
    again over all rows (whose first overflow, line 3, the where leaves out), so the engine's
    message is shown as it is."""
    (tmp_path / "u.csv").write_text("id,flag\n1,0\n2,0\n3,1\n4,1\n", encoding="utf-8")
    rows = f"id,big\n1,5\n2,{BIG}\n3,7\n4,{BIG}\n"
    tables = "    lookup:\n      other: u via id\n  u:\n    path: u.csv\n    key: id\n"
    path = write(tmp_path, tables + OWN.format(measure="sum: big * 10\n      of: t\n      where: other.flag == 1",
                                               expect=1), rows)
    result = runner.invoke(app, ["run", str(path)])
    assert result.exit_code == 2, result.output
    out = " ".join(result.output.split())
    assert "line 3 of" not in out and "Overflow in multiplication of INT64" in out
