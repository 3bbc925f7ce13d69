"""Does factcheck's DuckDB SQL give the same results on Spark once transpiled by sqlglot?

    python benchmarks/spark_dialect_study.py                     # claims/2020.yaml + bench.yaml on 20k rows
    python benchmarks/spark_dialect_study.py --rows 100000 --fixed-only

For each claims file (claims/2020.yaml and the benchmark's bench.yaml over generated
data), every SQL statement factcheck runs is logged (a wrapper around the DuckDB
connection), then:

1. the tables: each ``CREATE TABLE x AS SELECT …, derives FROM (SELECT cols FROM
   read_csv(…))`` is split; the file is read by Spark with
   ``factcheck.backends.spark_reading`` (the types DuckDB gives each column), and the
   derive SELECT around it is transpiled and cached as a view ``x``. The whole table
   is compared with DuckDB's, value by value;
2. every other statement (keys, counts, periods, claims) is transpiled with
   ``sqlglot.transpile(sql, read="duckdb", write="spark")``, run on Spark in local mode,
   and its rows compared with DuckDB's: every number as an exact Fraction (a float
   through its repr, as factcheck reads it), dates as ISO text, column names too.
   Rows are compared in order when the query has an ORDER BY; rows that match only
   as a multiset are reported as "order of ties";
3. probes: each construct factcheck's expression grammar can produce (date functions,
   round, %, division, IN, BETWEEN, CASE, lag, median over decimals…) compiled by
   factcheck to DuckDB SQL, transpiled and run on a small table in both engines.

Each statement runs twice on Spark: as sqlglot transpiles it ("raw"), and with the
rewrites of :func:`spark_fixes` ("fixed"), so the table shows what breaks and what
mends it. Times are wall clock on this machine, with the load average printed beside
them (the machine is shared). Needs pyspark and Java 17: ``pip install -e '.[spark]'``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))


# --------------------------------------------------------------------------- exact comparison

def norm(value: Any) -> Any:
    """A value as factcheck compares it: numbers as exact Fractions, dates as ISO text."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, Decimal)):
        return Fraction(value)
    if isinstance(value, float):
        return ("float", repr(value)) if value != value or value in (float("inf"), float("-inf")) \
            else Fraction(Decimal(repr(value)))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return tuple(norm(v) for v in value)
    return ("?", repr(value))


def _sort_key(row: tuple[Any, ...]) -> str:
    return repr(row)


def compare(duck_cols: list[str], duck_rows: list[tuple[Any, ...]], spark_cols: list[str],
            spark_rows: list[tuple[Any, ...]], ordered: bool, named: list[bool] | None = None) -> str:
    """'same', or what differs. Column names are compared where the query names them (``named``):
    each engine makes up its own name for ``count(*)`` (``count_star()`` against ``count(1)``)."""
    named = named if named is not None else [True] * len(duck_cols)
    if len(duck_cols) != len(spark_cols) or any(
            n and a != b for n, a, b in zip(named, duck_cols, spark_cols, strict=False)):
        return f"column names differ: {duck_cols} vs {spark_cols}"
    a = [tuple(norm(v) for v in r) for r in duck_rows]
    b = [tuple(norm(v) for v in r) for r in spark_rows]
    if a == b:
        return "same"
    if sorted(a, key=_sort_key) == sorted(b, key=_sort_key):
        return "same rows, other order (ties)" if ordered else "same"
    if len(a) != len(b):
        return f"{len(a)} rows vs {len(b)}"
    for ra, rb in zip(sorted(a, key=_sort_key), sorted(b, key=_sort_key), strict=False):
        if ra != rb:
            diff = [(duck_cols[i], x, y) for i, (x, y) in enumerate(zip(ra, rb, strict=False)) if x != y]
            return "values differ: " + "; ".join(f"{c}: {_show(x)} vs {_show(y)}" for c, x, y in diff[:3])
    return "differ"


def _show(v: Any) -> str:
    if isinstance(v, Fraction):
        return str(v) if v.denominator == 1 else f"{float(v)!r} ({v})" if len(str(v)) < 60 else f"{float(v)!r}"
    return repr(v)


# --------------------------------------------------------------------------- rewrites for Spark

def transpile(sql: str) -> str:
    import sqlglot
    return sqlglot.transpile(sql, read="duckdb", write="spark", unsupported_level=sqlglot.ErrorLevel.RAISE)[0]


def spark_fixes(sql: str, schema: dict[str, dict[str, str]] | None = None) -> str:
    """factcheck's DuckDB SQL in Spark's dialect, with the rewrites the study found necessary.

    1. ``median(x)`` is a DOUBLE percentile on Spark (0.1 and 0.2 give 0.15000000000000002):
       take the middle value(s) of the sorted values instead, in x's own type, as DuckDB does.
       A ``FILTER (WHERE …)`` on the median moves onto the list it collects.
    2. ``monthname(d)`` is 'Dec' on Spark, 'December' on DuckDB: ``date_format(d, 'MMMM')``.
    3. ``round(x, n)`` of a DOUBLE rounds the shortest decimal text on Spark (1.005 -> 1.01)
       but the binary value on DuckDB (1.005 -> 1.0): scale by 10^n, round to a whole number,
       unscale, which is what DuckDB computes. Only for DOUBLE: the types come from
       ``schema`` (table -> column -> DuckDB type); a DECIMAL keeps Spark's round, exact as DuckDB's.
    """
    import sqlglot
    from sqlglot import exp

    tree = sqlglot.parse_one(sql, read="duckdb")
    double_rounds = _double_rounds(tree, schema) if schema else set()

    def fix(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Filter) and isinstance(node.this, exp.Median):
            return _exact_median(node.this.this, node.expression.this)
        if isinstance(node, exp.Median) and not isinstance(node.parent, exp.Filter):
            return _exact_median(node.this, None)
        if isinstance(node, exp.Monthname):
            return exp.Anonymous(this="date_format", expressions=[node.this, exp.Literal.string("MMMM")])
        if isinstance(node, exp.Round) and id(node) in double_rounds:
            digits = node.args["decimals"]
            n = -int(digits.this.this) if isinstance(digits, exp.Neg) else int(digits.this)
            scale = exp.Literal.number(f"{10 ** abs(n)}.0")  # a DOUBLE, as DuckDB's modifier
            if n >= 0:
                return exp.Div(this=exp.Round(this=exp.Mul(this=node.this, expression=scale)), expression=scale)
            return exp.Mul(this=exp.Round(this=exp.Div(this=node.this, expression=scale)), expression=scale)
        return node

    return tree.transform(fix, copy=False).sql(dialect="spark")


def _double_rounds(tree: Any, schema: dict[str, dict[str, str]]) -> set[int]:
    """ids of the ``round(x, n)`` nodes of ``tree`` whose x is a DOUBLE (n a whole number)."""
    from sqlglot import exp
    from sqlglot.optimizer.annotate_types import annotate_types
    from sqlglot.optimizer.qualify import qualify

    typed = annotate_types(qualify(tree.copy(), schema=schema, dialect="duckdb"), schema=schema)
    original = list(tree.find_all(exp.Round, bfs=False))
    found = set()
    for mine, theirs in zip(original, typed.find_all(exp.Round, bfs=False), strict=False):
        digits = mine.args.get("decimals")
        whole = isinstance(digits, exp.Literal) and digits.is_int or \
            isinstance(digits, exp.Neg) and isinstance(digits.this, exp.Literal) and digits.this.is_int
        if whole and theirs.this.type is not None and theirs.this.type.this in (
                exp.DataType.Type.DOUBLE, exp.DataType.Type.FLOAT):
            found.add(id(mine))
    return found


def _exact_median(arg: Any, where: Any | None) -> Any:
    import sqlglot
    filt = f" FILTER (WHERE {where.sql(dialect='spark')})" if where is not None else ""
    values = f"array_sort(collect_list({arg.sql(dialect='spark')}){filt})"
    text = (f"CASE WHEN size({values}) = 0 THEN NULL ELSE "
            f"(element_at({values}, CAST((size({values}) + 1) DIV 2 AS INT)) + "
            f"element_at({values}, CAST((size({values}) + 2) DIV 2 AS INT))) / 2 END")
    return sqlglot.parse_one(text, read="spark")


# --------------------------------------------------------------------------- capture

@dataclass
class Statement:
    sql: str
    kind: str
    duck_cols: list[str] = field(default_factory=list)
    duck_rows: list[tuple[Any, ...]] = field(default_factory=list)
    duck_secs: float = 0.0
    results: dict[str, tuple[str, float, str]] = field(default_factory=dict)  # variant -> (outcome, secs, spark sql)


def kind_of(sql: str) -> str:
    s = sql.lstrip()
    if s.startswith(("DESCRIBE", "SET", "DROP")) or "__contract_" in s:
        return "skip"
    if s.startswith("CREATE"):
        return "table"
    if "HAVING count(*) > 1" in s or "count(DISTINCT" in s and s.startswith("SELECT count(\""):
        return "key check"
    if s.startswith('SELECT count(*) FROM "') and "WHERE" not in s:
        return "row count"
    if s.startswith("SELECT coalesce("):
        return "periods"
    return "claim"


def capture(claims: Path, data_root: str | None) -> tuple[list[Statement], Any]:
    """Run factcheck on ``claims`` with a logging DuckDB connection; the statements and the session."""
    import duckdb

    from factcheck.engine import prepare

    log: list[tuple[str, float]] = []
    real = duckdb.connect

    class Logged:
        def __init__(self, con: Any) -> None:
            self._con = con

        def execute(self, sql: str, *a: Any, **k: Any) -> Logged:
            t = time.perf_counter()
            self._con.execute(sql, *a, **k)
            log.append((sql, time.perf_counter() - t))
            return self

        def __getattr__(self, name: str) -> Any:
            return getattr(self._con, name)

    duckdb.connect = lambda *a, **k: Logged(real(*a, **k))  # type: ignore[assignment]
    try:
        session = prepare(claims, data_root=data_root)
        session.materialize()
        session.run()
    finally:
        duckdb.connect = real  # type: ignore[assignment]
    out = []
    first: dict[str, float] = {}
    for sql, secs in log:  # each distinct statement once, timed the first time
        first.setdefault(sql, secs)
    for sql, secs in first.items():
        st = Statement(sql, kind_of(sql), duck_secs=secs)
        if st.kind not in ("skip", "table"):
            t = time.perf_counter()
            cur = session.con._con.execute(sql)
            st.duck_rows = cur.fetchall()
            st.duck_secs = time.perf_counter() - t
            st.duck_cols = [d[0] for d in cur.description]
        out.append(st)
    return out, session


# --------------------------------------------------------------------------- tables on Spark

def load_tables(spark: Any, session: Any, statements: list[Statement]) -> tuple[list[str], dict[str, dict[str, str]]]:
    """Read each table with Spark and build its derives; compare each with DuckDB's.

    Returns lines of findings and each table's columns with their DuckDB types.
    """
    import duckdb
    import sqlglot
    from sqlglot import exp

    from factcheck.backends.spark_reading import ROW_ORDER, CsvLayout, read_csv, read_parquet

    notes = []
    schema: dict[str, dict[str, str]] = {}
    con = session.con._con  # the run's tables (file access is off on it by now)
    files = duckdb.connect()  # DESCRIBE: the types DuckDB's reader gives each column
    for st in statements:
        if st.kind != "table":
            continue
        tree = sqlglot.parse_one(st.sql, read="duckdb")
        name = tree.this.name
        src = session.sources[name]
        scan = src.scan_sql()
        desc = files.execute(f"DESCRIBE SELECT * FROM {scan}").fetchall()
        header, types = [r[0] for r in desc], {r[0]: r[1] for r in desc}
        select = tree.expression
        inner = select.find(exp.Subquery) or select
        inner_select = inner.this if isinstance(inner, exp.Subquery) else inner
        columns = [c.name for c in inner_select.expressions if isinstance(c, exp.Column)]
        row_order = any(isinstance(w.this, exp.RowNumber) for w in inner_select.find_all(exp.Window))
        t = time.perf_counter()
        if src.format == "parquet":
            table = read_parquet(spark, str(src.path), columns, row_order=row_order)
        else:
            table = read_csv(spark, str(src.path), CsvLayout.of(src.decl), header, types, columns,
                             shown=src.shown_path, row_order=row_order)
        raw_view = f"__raw_{name}"
        table.frame.createOrReplaceTempView(raw_view)
        # the scan becomes the raw view; row_number() OVER () (file order, for lag) becomes its __row
        for fn in list(select.find_all(exp.ReadCSV, exp.Anonymous)):
            if fn.name.lower() in ("read_csv", "read_parquet") or isinstance(fn, exp.ReadCSV):
                fn.parent.replace(exp.to_table(raw_view)) if isinstance(fn.parent, exp.Table) \
                    else fn.replace(exp.to_table(raw_view))
        for w in list(select.find_all(exp.Window)):
            if isinstance(w.this, exp.RowNumber) and not w.args.get("order"):
                w.replace(exp.column(ROW_ORDER))
        spark_sql = select.sql(dialect="spark")
        frame = spark.sql(spark_sql).cache()
        frame.createOrReplaceTempView(name)
        frame.count()  # the derives computed and cached, as DuckDB's CREATE TABLE does
        secs = time.perf_counter() - t
        rows = frame.collect()  # for the comparison (not timed)
        schema[name] = {r[0]: r[1] for r in con.execute(f'DESCRIBE "{name}"').fetchall()}
        duck = con.execute(f'SELECT * FROM "{name}"')
        duck_cols = [d[0] for d in duck.description]
        duck_rows = duck.fetchall()
        spark_cols = [c for c in frame.columns]
        shown_cols = [c for c in spark_cols if c != ROW_ORDER]
        spark_rows = [tuple(r[c] for c in shown_cols) for r in rows]
        duck_shown = [c for c in duck_cols if c != "__row"]
        duck_rows = [tuple(r[duck_cols.index(c)] for c in duck_shown) for r in duck_rows]
        outcome = compare(duck_shown, duck_rows, shown_cols, spark_rows, ordered=False)
        notes.append(f"| table `{name}` | {len(duck_rows):,} rows × {len(duck_shown)} columns "
                     f"({', '.join(f'{c}: {types[c]}' for c in columns)}) | {outcome} | "
                     f"{st.duck_secs:.2f} s | {secs:.2f} s |")
        st.results["fixed"] = (outcome, secs, spark_sql)
    return notes, schema


def run_statements(spark: Any, statements: list[Statement], schema: dict[str, dict[str, str]],
                   fixed_only: bool = False) -> None:
    """Run each statement on Spark, as sqlglot transpiles it and with the fixes (or only with them)."""
    variants: list[tuple[str, Callable[[str], str]]] = [("fixed", lambda sql: spark_fixes(sql, schema))]
    if not fixed_only:
        variants.insert(0, ("raw", transpile))
    for st in statements:
        if st.kind in ("skip", "table"):
            continue
        for variant, rewrite in variants:
            try:
                sql = rewrite(st.sql)
            except Exception as exc:  # noqa: BLE001 - a transpile failure is a finding
                st.results[variant] = (f"transpile error: {str(exc).splitlines()[0][:160]}", 0.0, "")
                continue
            t = time.perf_counter()
            try:
                df = spark.sql(sql)
                rows = [tuple(r) for r in df.collect()]
                outcome = ("DuckDB refuses, Spark does not" if st.duck_cols == ["error"] else
                           compare(st.duck_cols, st.duck_rows, list(df.columns), rows, ordered=_ordered(st.sql),
                                   named=_named(st.sql)))
            except Exception as exc:  # noqa: BLE001 - a Spark failure is a finding
                outcome = (f"both refuse ({st.duck_rows[0][0]}; {_first_line(exc)[:60]})" if st.duck_cols == ["error"]
                           else f"Spark error: {_first_line(exc)}")
            st.results[variant] = (outcome, time.perf_counter() - t, sql)


def _named(sql: str) -> list[bool]:
    """Which output columns the query names itself (AS …)."""
    import sqlglot
    from sqlglot import exp
    return [isinstance(e, exp.Alias) for e in sqlglot.parse_one(sql, read="duckdb").expressions]


def _ordered(sql: str) -> bool:
    import sqlglot
    return sqlglot.parse_one(sql, read="duckdb").args.get("order") is not None


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]


# --------------------------------------------------------------------------- probes

PROBE_CSV = """\
id,d,n,x,q,s,b
1,2020-01-31,7,2.5,0.1,a,true
2,2020-05-15,-7,-2.5,0.2,b,false
3,2019-12-01,3,0.285,0.3,c,
4,2021-02-28,0,1.005,0.25,,true
"""
PROBE_TYPES = {"d": "date", "n": "integer", "x": "double", "q": "decimal"}

PROBES = [
    "year(d)", "quarter(d)", "month(d)", "day(d)", "month_name(d)", "year('2020-05-01')",
    "d <= '2020-01-31'", "d between '2020-01-01' and '2020-06-30'",
    "n / 2", "n / 0", "1 / 3", "n * 0.1", "x * 3",
    "round(x)", "round(x, 2)", "round(x, 1)", "round(x, -1)", "round(q, 1)", "abs(n)", "pow(n, 2)", "pow(x, 0.5)",
    "s in ['a', 'b']", "s not in ['a', 'b']", "not b", "b is null",
    "case when n > 0 then 'pos' when n < 0 then 'neg' else 'zero' end",
    "n + 9223372036854775807",
]
PROBE_AGGREGATES = [
    ("median of a decimal (values 0.1, 0.2)", "SELECT median(CAST(q AS DECIMAL(38,10))) FILTER (WHERE id <= 2) AS m FROM probe"),
    ("median of a decimal (odd count)", "SELECT median(CAST(q AS DECIMAL(38,10))) AS m FROM probe WHERE id <= 3"),
    ("median of an integer", "SELECT median(CAST(n AS DECIMAL(38,10))) AS m FROM probe"),
    ("exact sum of doubles", "SELECT sum(CAST(x AS DECIMAL(38,10))) AS t FROM probe"),
    ("avg of doubles", "SELECT avg(x) AS a FROM probe"),
    ("null ordering ascending", "SELECT s FROM probe ORDER BY s"),
    ("null ordering descending", "SELECT s FROM probe ORDER BY s DESC"),
    ("ties under LIMIT (not fully ordered)", "SELECT b, count(*) AS k FROM probe GROUP BY 1 ORDER BY 2 LIMIT 1"),
    ("a key check that finds repeats", "SELECT b, count(*) FROM probe GROUP BY 1 HAVING count(*) > 1 ORDER BY 2 DESC, 1 LIMIT 3"),
    ("null group ordering", "SELECT b AS g, count(*) AS k FROM probe GROUP BY 1 ORDER BY 1"),
    ("lag() in file order", "SELECT n, lag(n) OVER (ORDER BY id) AS prev FROM probe ORDER BY id"),
    ("count distinct with FILTER", "SELECT count(DISTINCT s) FILTER (WHERE n > 0) AS k FROM probe"),
]


def probe_statements(workdir: Path) -> tuple[list[Statement], Path]:
    """Each probe expression compiled by factcheck to DuckDB SQL, with DuckDB's answer."""
    import duckdb

    from factcheck.claims import COLUMN_TYPES
    from factcheck.expressions import parse, quote_ident, to_sql

    path = workdir / "probe.csv"
    path.write_text(PROBE_CSV, encoding="utf-8")
    con = duckdb.connect()
    types = ", ".join(f"'{c}': '{COLUMN_TYPES[t]}'" for c, t in PROBE_TYPES.items())
    con.execute(f"CREATE TABLE probe AS SELECT * FROM read_csv('{path}', header=true, types={{{types}}})")
    out = []
    for text in PROBES:
        sql = f"SELECT {to_sql(parse(text), lambda n: quote_ident(n.column))} AS v FROM probe ORDER BY id"
        out.append(Statement(sql, f"probe `{text}`"))
    out += [Statement(sql, f"probe: {what}") for what, sql in PROBE_AGGREGATES]
    for st in out:
        try:
            t = time.perf_counter()
            cur = con.execute(st.sql)
            st.duck_rows, st.duck_cols = cur.fetchall(), [d[0] for d in cur.description]
            st.duck_secs = time.perf_counter() - t
        except Exception as exc:  # noqa: BLE001 - an error on DuckDB is part of the finding
            st.duck_cols, st.duck_rows = ["error"], [(type(exc).__name__,)]
    return out, path


PROBE_SPARK_TYPES = {"id": "BIGINT", "d": "DATE", "n": "BIGINT", "x": "DOUBLE", "q": "DECIMAL(38,10)",
                     "s": "VARCHAR", "b": "BOOLEAN"}


def load_probe(spark: Any, path: Path) -> None:
    from factcheck.backends.spark_reading import CsvLayout, read_csv
    header = list(PROBE_SPARK_TYPES)
    read_csv(spark, str(path), CsvLayout(), header, PROBE_SPARK_TYPES, header).frame.createOrReplaceTempView("probe")


# --------------------------------------------------------------------------- measuring Spark itself

def jvm_usage() -> tuple[float, float]:
    """CPU seconds and resident MiB of this process's child JVM(s)."""
    pids = subprocess.run(["pgrep", "-P", str(os.getpid())], capture_output=True, text=True).stdout.split()
    cpu = rss = 0.0
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            cpu += (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM"):
                    rss += int(line.split()[1]) / 1024
        except (FileNotFoundError, IndexError):
            continue
    return cpu, rss


# --------------------------------------------------------------------------- report

def report(title: str, statements: list[Statement], table_notes: list[str], fixed_only: bool) -> list[str]:
    lines = [f"\n### {title}\n"]
    if table_notes:
        lines += ["| table | read | Spark vs DuckDB | DuckDB read | Spark read |", "| --- | --- | --- | ---: | ---: |",
                  *table_notes, ""]
    lines += ["| statement | DuckDB | sqlglot as is | with the fixes | Spark time (fixed) |",
              "| --- | ---: | --- | --- | ---: |"]
    for st in statements:
        if st.kind in ("skip", "table"):
            continue
        raw = st.results.get("raw", ("—", 0.0, ""))
        fixed = st.results.get("fixed", ("—", 0.0, ""))
        what = st.kind if st.kind.startswith("probe") else f"{st.kind}: `{' '.join(st.sql.split())[:70]}…`"
        what = what.replace("|", "\\|")
        lines.append(f"| {what} | {st.duck_secs * 1000:.1f} ms | {'—' if fixed_only else _cell(raw[0])} | "
                     f"{_cell(fixed[0])} | {fixed[1] * 1000:.0f} ms |")
    return lines


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=20_000, help="victims rows of the generated benchmark data")
    ap.add_argument("--workdir", type=Path, help="folder for generated data (default: a temp folder)")
    ap.add_argument("--fixed-only", action="store_true", help="run only the rewritten SQL (half the Spark time)")
    ap.add_argument("--show-sql", action="store_true", help="print each Spark statement that differs")
    args = ap.parse_args()
    import run as bench  # benchmarks/run.py: the generator and bench.yaml

    from factcheck.backends.spark_session import spark_session

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="fc-spark-study-"))
    workdir.mkdir(parents=True, exist_ok=True)
    if not (workdir / "victims.csv").exists():
        bench.generate(workdir, args.rows)
    (workdir / "bench.yaml").write_text(bench.CLAIMS_YAML, encoding="utf-8")

    t0 = time.perf_counter()
    spark = spark_session()
    start = time.perf_counter() - t0
    cpu0, rss0 = jvm_usage()
    t1 = time.perf_counter()
    spark.sql("SELECT 1").collect()
    first = time.perf_counter() - t1
    import pyspark
    import sqlglot
    print(f"## Spark dialect study — {dt.date.today()}\n")
    print(f"pyspark {pyspark.__version__}, sqlglot {sqlglot.__version__}, Java "
          f"{_java_version()}, master {spark.sparkContext.master}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f} at start\n")
    print(f"- session start: {start:.1f} s wall, {cpu0:.1f} s JVM CPU, JVM RSS {rss0:.0f} MiB")
    print(f"- first query (`SELECT 1`): {first:.1f} s")

    sections = []
    skip_raw = args.fixed_only
    for title, claims, root in (("claims/2020.yaml", REPO / "claims" / "2020.yaml", None),
                                (f"bench.yaml ({args.rows:,} victims rows)", workdir / "bench.yaml", str(workdir))):
        t = time.perf_counter()
        statements, session = capture(claims, root)
        duck_secs = time.perf_counter() - t
        t = time.perf_counter()
        notes, schema = load_tables(spark, session, statements)
        run_statements(spark, statements, schema, skip_raw)
        spark_secs = time.perf_counter() - t
        counted = [s for s in statements if s.kind != "skip"]
        sections += report(title, statements, notes, skip_raw)
        sections.append(f"\n{len(counted)} statements; factcheck on DuckDB (whole run) {duck_secs:.2f} s; "
                        f"the same on Spark ({'fixed' if skip_raw else 'raw and fixed'}) {spark_secs:.1f} s; "
                        f"load average {os.getloadavg()[0]:.1f}")
        if args.show_sql:
            _show_diffs(statements)
        spark.catalog.clearCache()

    probes, path = probe_statements(workdir)
    load_probe(spark, path)
    run_statements(spark, probes, {"probe": PROBE_SPARK_TYPES}, skip_raw)
    sections += report("Probes: what the expression grammar can produce", probes, [], skip_raw)
    if args.show_sql:
        _show_diffs(probes)
    cpu, rss = jvm_usage()
    print(f"- whole study: JVM CPU {cpu:.0f} s, JVM peak RSS {rss:.0f} MiB")
    print("\n".join(sections))
    spark.stop()


def _show_diffs(statements: list[Statement]) -> None:
    for st in statements:
        for variant, (outcome, _, sql) in st.results.items():
            if outcome != "same":
                print(f"\n[{variant}] {outcome}\n  DuckDB: {' '.join(st.sql.split())}\n  Spark:  {sql}", file=sys.stderr)


def _java_version() -> str:
    try:
        out = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr
    except FileNotFoundError:
        return "none"
    return out.splitlines()[0].split('"')[1] if '"' in out else out.strip()[:40]


if __name__ == "__main__":
    main()
