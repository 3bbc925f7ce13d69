"""The engine seam: DuckDB is one backend behind a small protocol; other dialects via sqlglot."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import factcheck
from factcheck.backends import Backend
from factcheck.backends.duckdb import DuckDB
from factcheck.planning.sql import in_dialect

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = ROOT / "claims" / "2020.yaml"


def test_only_the_duckdb_backend_imports_duckdb() -> None:
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "factcheck").rglob("*.py")
                 if p.name != "duckdb.py" and any(line.strip().startswith(("import duckdb", "from duckdb"))
                                                  and "TYPE_CHECKING" not in line
                                                  for line in _runtime_lines(p))]
    assert offenders == []


def _runtime_lines(path: Path) -> list[str]:
    """The module's lines outside ``if TYPE_CHECKING:`` blocks."""
    out, skipping = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("if TYPE_CHECKING"):
            skipping = True
            continue
        if skipping and line and not line.startswith((" ", "\t")):
            skipping = False
        if not skipping:
            out.append(line)
    return out


def test_duckdb_is_a_backend() -> None:
    backend: Backend = DuckDB()
    try:
        rows = backend.execute("SELECT 1 AS one, 'a' AS two")
        assert rows.columns == ["one", "two"] and rows.rows == [(1, "a")]
        assert backend.dialect == "duckdb"
    finally:
        backend.close()


def test_duckdb_sql_is_left_as_it_is() -> None:
    sql = 'SELECT count(*) FILTER (WHERE ("v"."age" > 16)) AS meeting\nFROM "v"'
    assert in_dialect(sql, "duckdb") is sql


def test_a_claims_sql_renders_for_spark_with_its_filters() -> None:
    pytest.importorskip("sqlglot", reason="sqlglot is in the engines and test extras")
    report = factcheck.verify(CLAIMS, only=["online-facebook-share"])
    spark = in_dialect(report.results[0].sql or "", "spark")
    assert "FILTER(WHERE" in spark.replace(" (", "(") and "`victims`" in spark and '"victims"' not in spark


def test_a_duckdb_run_does_not_import_sqlglot() -> None:
    code = ("import sys, factcheck; factcheck.verify(sys.argv[1]); "
            "print('sqlglot' in sys.modules, 'factcheck.backends.duckdb' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(CLAIMS)], capture_output=True, text=True, cwd=ROOT,
                         timeout=120)
    assert out.stdout.split() == ["False", "True"], out.stderr
