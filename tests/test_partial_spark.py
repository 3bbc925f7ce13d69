"""``period_partial`` of a year column beside a date column on Spark: the same warnings as DuckDB's
(tests/test_partial_labels.py has the rule on DuckDB; the Spark session is the suite's one)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import factcheck
from factcheck import NoteCode

ROWS = (["id,created_date,year"]
        + [f"r{y}{m:02d},{y}-{m:02d}-15,{y}" for y in (2022, 2023, 2024) for m in range(1, 13)]
        + [f"f{m:02d},2025-{m:02d}-10,2025" for m in (1, 2, 3)])

CLAIMS = """version: 1
tables:
  requests: {path: requests.csv, time: [created_date, year]}
claims:
  - {id: fell, says: x, measure: {change: {count: requests}, over: year, from: 2024, to: 2025}, expect: down 75%}
  - {id: in-2025, says: x, measure: {count: requests, where: year == 2025}, expect: 3}
  - {id: whole, says: x, measure: {count: requests, where: year == 2024}, expect: 12}
  - {id: lowest, says: x, measure: {extreme: {count: requests}, over: year, at: 2025, is: lowest}, expect: true}
"""


def _warned(report: factcheck.Report) -> dict[str, list[str]]:
    return {r.id: [n.message for n in r.notes if n.code == NoteCode.PERIOD_PARTIAL] for r in report.results}


def test_spark_says_what_duckdb_says_of_a_partial_label_year(spark: Any, tmp_path: Path) -> None:
    (tmp_path / "requests.csv").write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text(CLAIMS, encoding="utf-8")
    on_duckdb = _warned(factcheck.verify(tmp_path / "c.yaml"))
    on_spark = _warned(factcheck.verify(tmp_path / "c.yaml", engine="spark"))
    said = ("2025 is only part of a year in the data: the dates of created_date in the rows of year 2025 run from "
            "2025-01-10 to 2025-03-10 (3 months); its figure is not that of the whole year")
    assert on_duckdb == {"fell": [said], "in-2025": [said], "whole": [], "lowest": [said]}
    assert on_spark == on_duckdb
