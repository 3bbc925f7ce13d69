"""A record's figures in the measure's unit on Spark: the same message text as DuckDB's
(tests/test_rank_units.py has the rule; the Spark session is the suite's one)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import factcheck

CLAIMS = """version: 1
tables:
  t: {path: t.csv, time: survey_year}
claims:
  - id: share
    says: That share was the lowest since 2022.
    measure: {extreme: {share: "serious == 'Y'", of: t}, over: survey_year, at: 2024, since: 2022, is: lowest}
    expect: true
  - id: money
    says: The fines, $3,000, were the highest on record.
    measure: {extreme: {sum: fine, of: t}, over: survey_year, at: 2024, is: highest}
    expect: true
"""


def test_spark_writes_a_ranked_share_and_money_as_duckdb_does(spark: Any, tmp_path: Path) -> None:
    rows = ["id,survey_year,serious,fine"]
    for year, hit, n in ((2022, 348, 1000), (2023, 36, 100), (2024, 37, 109)):
        rows += [f"{year}-{i},{year},{'Y' if i < hit else 'N'},{'2.5' if year == 2024 else '1'}" for i in range(n)]
    (tmp_path / "t.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text(CLAIMS, encoding="utf-8")
    on_duckdb = {r.id: r.value_text for r in factcheck.verify(tmp_path / "c.yaml").results}
    on_spark = {r.id: r.value_text for r in factcheck.verify(tmp_path / "c.yaml", engine="spark").results}
    assert on_duckdb["share"].startswith("no: 33.9%, rank 1 of 3; next: 2022 (34.8%)")
    assert on_duckdb["money"] == "no: $272.50, rank 2 of 3; last as high: 2022 ($1,000)"
    assert on_spark == on_duckdb
