"""One list of DuckDB's integer types (``factcheck.expressions.INTEGER_TYPES``) serves the
expressions, the exact sums and ``suggest``. ``suggest`` had its own, shorter list: a Parquet
column of unsigned small integers (``UTINYINT``, written by pandas for ``uint8``) was no number
to it, so no sum or mean of it was ever proposed."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from factcheck.expressions import INTEGER_TYPES, value_type
from factcheck.measures._simple import number_class
from factcheck.suggest import suggest


@pytest.mark.parametrize("sql_type", sorted(INTEGER_TYPES))
def test_every_integer_type_is_a_number_summed_exactly(sql_type: str) -> None:
    assert value_type(sql_type) == "number" and number_class(sql_type) == "exact"


@pytest.mark.parametrize(("sql_type", "cls"), [("DECIMAL(18,3)", "exact"), ("NUMERIC", "exact"), ("DOUBLE", "double"),
                                               ("FLOAT4", "double"), ("VARCHAR", "cast"), (None, "cast")])
def test_other_types_are_summed_as_their_kind_needs(sql_type: str | None, cls: str) -> None:
    assert number_class(sql_type) == cls


@pytest.mark.parametrize("sql_type", ["UTINYINT", "USMALLINT", "TINYINT"])
def test_suggest_proposes_the_mean_of_a_column_of_small_or_unsigned_integers(tmp_path: Path, sql_type: str) -> None:
    (tmp_path / ".git").mkdir()
    con = duckdb.connect()
    # constructed: 60 trips, their minutes late 0..59 (a mean of 29.5)
    con.execute(f"COPY (SELECT i AS trip_id, CAST(i AS {sql_type}) AS minutes_late FROM range(60) t(i)) "
                f"TO '{tmp_path / 'trips.parquet'}' (FORMAT parquet)")
    assert con.execute(f"DESCRIBE SELECT * FROM '{tmp_path / 'trips.parquet'}'").fetchall()[1][1] == sql_type
    (tmp_path / "claims.yaml").write_text(
        "version: 1\ntables:\n  trips: {path: trips.parquet, key: trip_id}\nclaims:\n"
        "  - {id: late, says: Trips ran 29.5 minutes late on average., expect: '29.5'}\n", encoding="utf-8")
    found = suggest(tmp_path / "claims.yaml").for_claim("late")
    assert {"mean": "minutes_late", "of": "trips"} in [s.measure for s in found.candidates]
