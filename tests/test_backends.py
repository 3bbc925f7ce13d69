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
    """backends/duckdb.py, and backends/duckdb_core.py, which picks the module to connect with (the
    command's warm-up connects through it on a thread before the rest of factcheck is imported)."""
    backend = {ROOT / "factcheck" / "backends" / name for name in ("duckdb.py", "duckdb_core.py")}
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "factcheck").rglob("*.py")
                 if p not in backend and any(line.strip().startswith(("import duckdb", "from duckdb"))
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


def test_both_engines_have_every_member_of_the_protocol_and_explain_needs_no_other() -> None:
    """`explain` reached a backend's `frame`, `ran` and Spark's own SQL of a table outside the
    protocol (`getattr`, `type: ignore`), so mypy could not check them: they are the protocol's
    now, on both engines (a Spark backend starts no session until a table is read)."""
    from factcheck.backends.spark import Spark
    members = {n for n in vars(Backend) if not n.startswith("_")} | set(Backend.__annotations__)
    assert {"frame", "ran", "engine_reader_sql"} <= members
    for backend in (DuckDB(), Spark()):
        try:
            assert sorted(m for m in members if not hasattr(backend, m)) == []
        finally:
            backend.close()
    text = (ROOT / "factcheck" / "explanation.py").read_text(encoding="utf-8")
    assert "type: ignore" not in text and "getattr(" not in text


def test_duckdbs_own_sql_of_a_table_is_the_query_it_read_it_with(tmp_path: Path) -> None:
    """`engine_reader_sql` on DuckDB: the query that computed the table (its derives too), as it ran."""
    from factcheck.engine import prepare
    from factcheck.loading import table_read
    (tmp_path / ".git").mkdir()
    (tmp_path / "t.csv").write_text("a\n3\n1\n2\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text("version: 1\ntables:\n  t: {path: t.csv, derive: {up: a > lag(a)}}\n"
                                     "claims:\n  - {id: c, says: s, measure: {count: t, where: up}, expect: 1}\n",
                                     encoding="utf-8")
    session = prepare(tmp_path / "c.yaml")
    try:
        session.materialize()
        sql = session.backend.engine_reader_sql(table_read(session.prepared, "t"))
        assert session.backend.execute(f"SELECT a, up FROM ({sql}) ORDER BY __row").rows == [
            (3, None), (1, False), (2, True)]
    finally:
        session.backend.close()


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


_CORE = ("import importlib.util, sys; "
         "sys.exit(0 if importlib.util.find_spec('_duckdb') else 3)")
needs_core = pytest.mark.skipif(subprocess.run([sys.executable, "-c", _CORE]).returncode != 0,
                                reason="this DuckDB has no separate compiled core (_duckdb): the package is used")


@needs_core
def test_a_run_connects_with_duckdbs_core_alone() -> None:
    """The duckdb package's Python layer (100-200 ms to import) is not loaded by a run from files,
    and the figures are those of a run through the whole package."""
    code = ("import json, sys, factcheck\n"
            "if sys.argv[2] == 'package':\n    import duckdb\n"
            "r = factcheck.verify(sys.argv[1])\n"
            "print(json.dumps({'package': 'duckdb' in sys.modules, 'core': '_duckdb' in sys.modules,\n"
            "                  'results': [[x.id, x.verdict, str(x.value)] for x in r.results]}))")
    got = {how: __import__("json").loads(subprocess.run(
        [sys.executable, "-c", code, str(CLAIMS), how], capture_output=True, text=True, cwd=ROOT,
        timeout=300, check=True).stdout) for how in ("core", "package")}
    assert (got["core"]["package"], got["core"]["core"]) == (False, True)
    assert got["package"]["package"] is True
    assert got["core"]["results"] == got["package"]["results"] and len(got["core"]["results"]) == 46


@needs_core
def test_dataframes_in_and_out_load_the_whole_package_when_needed(tmp_path: Path) -> None:
    """A DataFrame table (read through the package's pandas/Arrow adapters) and `explain --rows`
    (a DataFrame out) work in a process that started on the core alone."""
    mini = ROOT / "tests" / "fixtures" / "mini"
    code = ("import sys, pandas as pd, factcheck\n"
            "mini = sys.argv[1]\n"
            "frames = {n: pd.read_csv(f'{mini}/{n}.csv') for n in ('cases', 'victims', 'gdp')}\n"
            "for c in ('filed_date', 'last_pending_date'):\n"
            "    frames['cases'][c] = pd.to_datetime(frames['cases'][c])\n"
            "a = factcheck.verify(f'{mini}/claims.yaml')\n"
            "b = factcheck.verify(f'{mini}/claims.yaml', tables=frames)\n"
            "assert [(r.id, r.verdict, r.value) for r in a.results] == [(r.id, r.verdict, r.value) for r in b.results]\n"
            "rows = factcheck.explain(f'{mini}/claims.yaml', 'facebook-share').rows()\n"
            "print(len(rows), 'duckdb' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(mini)], capture_output=True, text=True, cwd=tmp_path,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    n, package = out.stdout.split()
    assert int(n) > 0 and package == "True"
