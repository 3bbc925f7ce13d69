"""Apache Spark, the engine for data that lives where Spark runs (``--engine spark``).

A :class:`~factcheck.backends.Backend` over a Spark session (local mode by default, a
cluster with ``--spark-master``/``SPARK_MASTER``). What stays with DuckDB, on the machine
that runs factcheck, is what reads no rows: each file's header and column types (the types
Spark is told, so it reads the values DuckDB reads; see ``spark_reading``), the column
contracts (scanned as text by DuckDB, as on a DuckDB run), and a *type oracle*: for each
table read by Spark, an empty DuckDB table of the same columns and derives, so that every
expression is typed as DuckDB types it and aggregated the exact way for that type.

Every query arrives as the DuckDB SQL factcheck compiles; it is rendered in Spark's
dialect with the rewrites of :mod:`factcheck.backends.spark_sql` and run by Spark. The
rows come back as the same Python values (int, Decimal, float, date, str, bool), and the
same exact code judges them. A construct whose figure Spark cannot give exactly as DuckDB
does is refused before any data is read (:func:`unsupported`), naming the claim.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from ..errors import DataError, Problem, UsageError
from ..expressions import Expr, Literal, calls, parse, quote_ident
from ..interrupts import reraise_interrupt
from ..planning.catalog import ROW
from ..planning.nodes import walk
from . import DeriveFailure, Mismatch, Rows, TableRead
from .duckdb import column_sql, first_line, with_derives

if TYPE_CHECKING:
    import pandas
    from pyspark.sql import SparkSession

    from ..engine import Prepared
    from ..planning.catalog import Catalog
    from ..planning.nodes import ClaimPlan
    from ..sources.codes import Padded
    from ..sources.overflow import Overflow
    from ..sources.tables import Source
    from ..sources.totals import Edge
    from .duckdb import DuckDB

INSTALL_HINT = "pip install 'factcheck[spark]' and Java 17 (Debian/Ubuntu: apt-get install openjdk-17-jre-headless)"

# measure kinds and expression functions whose figure Spark cannot give exactly as DuckDB does (none
# now: percentile and word() are rewritten by spark_sql; a new kind or function Spark cannot copy
# exactly is listed here, with the reason, and refused before any data is read)
REFUSED_KINDS: dict[str, str] = {}
REFUSED_FUNCTIONS: dict[str, str] = {}


class SparkQueryError(RuntimeError):
    """A Spark query failed; the message is Spark's first line (``Overflow:`` first for an overflow,
    so the exact-sum fallback of ``measures._simple`` applies as on DuckDB)."""


def start(master: str | None = None) -> Spark:
    """A Spark backend, or a :class:`UsageError` saying what to install."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise UsageError([Problem("--engine spark needs pyspark, which is not installed",
                                  hint=INSTALL_HINT)]) from None
    if shutil.which("java") is None and not _java_home():
        raise UsageError([Problem("--engine spark needs Java (17), which is not installed (no `java` on PATH, "
                                  "no JAVA_HOME)", hint=INSTALL_HINT)])
    return Spark(master)


def _master_origin(given: str | None) -> str:
    """`` (from $SPARK_MASTER)`` when the master was not given (``--spark-master``) but taken from there."""
    return " (from $SPARK_MASTER)" if not given and os.environ.get("SPARK_MASTER") else ""


def hadoop_path(path: os.PathLike[str] | str) -> str:
    """The path as Spark's reader takes it to mean exactly that one file: Hadoop expands ``* ? [ ] { }``
    in a path (a file named ``*.csv`` would read every CSV beside it, a link to outside the repository
    too); each is escaped with a backslash, as is a backslash itself, which Hadoop then matches as written."""
    return re.sub(r"([*?\[\]{}\\])", r"\\\1", str(path))


def _check_spark_path(source: Source) -> None:
    """Refuse, naming the table, a file Spark's reader cannot name: Hadoop takes a ``:`` in a path for
    a URL's scheme (Spark fails with a Java stack trace, DuckDB reads it)."""
    if ":" in str(source.path):
        raise UsageError([Problem(f"table '{source.name}': Spark cannot read a file whose path holds ':' "
                                  f"({source.path})", file=source.file or None, line=source.line,
                                  hint="rename the file (or its folder) without ':', or run with --engine duckdb")])


def _java_home() -> bool:
    home = os.environ.get("JAVA_HOME")
    return bool(home) and os.path.isfile(os.path.join(home or "", "bin", "java"))


class Spark:
    """A :class:`~factcheck.backends.Backend` over a Spark session."""

    dialect = "spark"

    def __init__(self, master: str | None = None, session: SparkSession | None = None) -> None:
        from .duckdb import DuckDB
        from .spark_session import master_of

        self.master = master_of(master)
        self._master_given = master
        self.helper: DuckDB = DuckDB()  # headers, types, contracts and the type oracle; reads no rows
        self._own = session is None
        self._session = session
        self.schema: dict[str, dict[str, str]] = {}  # table -> column -> DuckDB type (as read, with derives)
        self.views: list[str] = []
        self.ran: list[str] = []  # every query run, in Spark SQL (explain shows a claim's)
        self._sealed = False
        self._translated: dict[tuple[str, bool], str] = {}
        self._kept_frames: list[Any] = []  # tables kept (local checkpoints, or cached on a cluster)
        self._settings_before: dict[str, str | None] = {}  # a session not factcheck's: its own settings

    @property
    def spark(self) -> SparkSession:
        """The session, started when the first table is read (claims are compiled and checked before)."""
        if self._session is None:
            from . import spark_session as sessions
            shared = sessions.kept() or sessions.active()
            if shared is not None:  # started by an earlier file of this run, or already running in this
                self._session, self._own = shared, False  # process (a notebook's, the tests'): used, not stopped
                self._settings_before = sessions.harden(shared)  # put back by close()
                return shared
            why = sessions.unreachable(self.master)
            if why is not None:
                raise UsageError([Problem(f"cannot reach the Spark master {self.master}{_master_origin(self._master_given)}: {why}",
                                          hint="start the master, or check the URL (--spark-master, "
                                               "SPARK_MASTER); without either, Spark runs on this machine")])
            try:
                self._session = sessions.spark_session(self.master)
            except Exception as exc:  # noqa: BLE001 - the JVM did not start, or the master is unreachable
                reraise_interrupt(exc)
                hint = (INSTALL_HINT + "; check --spark-master" if self.master.startswith("local") else
                        f"check that {self.master} is a running Spark master this machine can reach "
                        "(--spark-master, SPARK_MASTER); without either, Spark runs on this machine")
                raise UsageError([Problem(f"Spark could not start on master {self.master}"
                                          f"{_master_origin(self._master_given)}: {first_line(exc)}",
                                          hint=hint)]) from None
            self._own = not sessions.keep(self._session)  # kept for the run's next files, stopped at its end
        return self._session

    # ------------------------------------------------------------------ reading
    def read_header(self, source: Source) -> None:
        if source.path is None and not source.missing:
            raise UsageError([Problem(f"table '{source.name}' is a DataFrame handed in: on Spark every table is read "
                                      "from its file", file=source.file or None, line=source.line,
                                      hint="run with engine='duckdb', or pass no tables= (the files are read)")])
        if source.path is not None:
            _check_spark_path(source)
        self.helper.read_header(source)

    def read_table(self, read: TableRead) -> int:
        from .spark_reading import CsvLayout, read_csv, read_parquet

        if self._sealed:
            raise RuntimeError("the Spark backend is sealed: no more tables are read")
        src = read.source
        assert src.path is not None
        first = len(self._kept_frames)
        types = self._file_types(src)
        columns = [c for c in read.columns if c in types]
        raw = f"__fc_raw_{src.name}"
        if src.format == "parquet":
            table = read_parquet(self.spark, hadoop_path(src.path), columns, shown=src.shown_path, row_order=read.row_order)
        else:
            table = read_csv(self.spark, hadoop_path(src.path), CsvLayout.of(src.decl, src.path), list(types), types, columns,
                             shown=src.shown_path, row_order=read.row_order, hold=self._kept)
        table.frame.createOrReplaceTempView(raw)
        self.views.append(raw)
        raw_types = {c: types[c] for c in columns} | ({ROW: "BIGINT"} if read.row_order else {})
        self.schema[raw] = raw_types
        duck_sql = derived_sql(read, quote_ident(raw))
        self._shadow(read, raw_types, duck_sql)
        try:  # the derives computed and the table kept, as DuckDB's CREATE TABLE does
            frame = self._kept(self.spark.sql(self._spark_sql(duck_sql)))
        except Exception as exc:  # noqa: BLE001 - a derive Spark cannot compute on these values
            reraise_interrupt(exc)
            raise DeriveFailure(first_line(exc), error=str(exc)) from None
        for checked in self._kept_frames[first:-1]:  # the file as read and checked: the table replaces it
            _free(checked)
        del self._kept_frames[first:-1]
        frame.createOrReplaceTempView(src.name)
        self.views.append(src.name)
        return table.rows

    def _kept(self, frame: Any) -> Any:
        """The table computed once and kept for every query. In local mode a local checkpoint: its
        rows as they are (building Spark's compressed in-memory columns took several times as long
        as reading the file; docs/engines.md). On a cluster, cached: an executor lost is recomputed."""
        if (self.spark.sparkContext.master or "").startswith("local"):
            frame = frame.localCheckpoint(eager=True)
        else:
            frame = frame.cache()
            frame.count()
        self._kept_frames.append(frame)
        return frame

    def _file_types(self, src: Source) -> dict[str, str]:
        """Every column of the file with the type DuckDB reads it as (declared, else sniffed)."""
        from ..sources.tables import data_error
        try:
            rows = self.helper.con.execute(f"DESCRIBE SELECT * FROM {src.scan_sql()}").fetchall()
        except Exception as exc:  # noqa: BLE001 - located as DuckDB's reader locates it
            reraise_interrupt(exc)
            raise data_error(src, exc) from None
        return {str(r[0]): str(r[1]) for r in rows}

    def _shadow(self, read: TableRead, raw_types: dict[str, str], duck_sql: str) -> None:
        """An empty DuckDB table with the columns and derives of the table read by Spark: DuckDB's
        types for every expression over it, without its rows (one row of NULLs, so typeof() answers)."""
        from .duckdb import is_binder_error

        raw = quote_ident(f"__fc_raw_{read.source.name}")
        nulls = ", ".join(f"CAST(NULL AS {t}) AS {quote_ident(c)}" for c, t in raw_types.items())
        con = self.helper.con
        con.execute(f"CREATE OR REPLACE TEMP TABLE {raw} AS SELECT {nulls}")
        try:
            con.execute(f"CREATE OR REPLACE TABLE {quote_ident(read.source.name)} AS {duck_sql}")
        except Exception as exc:  # noqa: BLE001 - a derive of the wrong types: as on DuckDB
            reraise_interrupt(exc)
            raise DeriveFailure(first_line(exc), error=str(exc),
                                otherwise=None if is_binder_error(exc) else DataError(
                                    [Problem(first_line(exc), file=read.source.shown_path)])) from None
        self.schema[read.source.name] = {str(r[0]): str(r[1]) for r in
                                         con.execute(f"DESCRIBE {quote_ident(read.source.name)}").fetchall()}

    def reader_sql(self, read: TableRead) -> str:
        return self.helper.reader_sql(read)  # DuckDB's reading of the same file: the report's SQL pastes into DuckDB

    def engine_reader_sql(self, read: TableRead) -> str:
        """The Spark SQL that computes the table over the view Spark's CSV/Parquet reader made."""
        return self._spark_sql(derived_sql(read, quote_ident(f"__fc_raw_{read.source.name}")))

    def check_contracts(self, sources: list[Source]) -> list[Problem]:
        from ..sources.contracts import check_source
        return [p for src in sources if src.decl.columns for p in check_source(self.helper.con, src)]

    def check_all_contracts_as_text(self, sources: list[Source]) -> list[Problem]:
        return self.helper.check_all_contracts_as_text(sources)

    def allowed_mismatches(self, sources: list[Source]) -> list[Mismatch]:
        return self.helper.allowed_mismatches(sources)  # types only: the oracle has them

    def edge_rows(self, source: Source) -> tuple[list[str], list[Edge]]:
        return self.helper.edge_rows(source)  # DuckDB reads the file's footer and two rows, as on DuckDB

    # ------------------------------------------------------------------ diagnosis
    def time_column_problems(self, source: Source, columns: list[str], dates_only: bool = False) -> list[Problem]:
        """A time column that came out as text: DuckDB reads that column of the file to locate the
        values that are not dates (only then; a time column of dates costs nothing)."""
        texts = [c for c in columns if self.schema.get(source.name, {}).get(c) == "VARCHAR"
                 and not (c in source.decl.columns and source.decl.columns[c].type)]
        if not texts:
            return []
        from .duckdb import DuckDB
        duck = DuckDB()
        try:
            duck.read_table(TableRead(source, texts, [], False))
            return duck.time_column_problems(source, texts, dates_only)
        finally:
            duck.close()

    def misread_dates(self, source: Source, columns: list[str]) -> list[Problem]:
        """None: Spark converts the file's text to the type DuckDB found, in the table's ``date_format``,
        so '13/05/21' is no date to it and the read stops on it, naming its line
        (tests/test_misread_dates.py)."""
        return []

    def padded_codes(self, source: Source, compared: dict[str, tuple[list[str], str]]) -> list[Problem]:
        """Spark reads a column in the type DuckDB found, so DuckDB reads the file's text to look."""
        return self.helper.padded_codes(source, compared)

    def padded_values(self, source: Source, columns: list[str]) -> dict[str, Padded]:
        """Spark reads a column in the type DuckDB found, so DuckDB reads the file's text to look."""
        return self.helper.padded_values(source, columns)

    def text_in_numbers(self, catalog: Catalog, plan: ClaimPlan, error: str, claims_file: str,
                        claims_line: int | None) -> Problem | None:
        """A claim's query failed: if a column it uses as numbers came out as text, DuckDB reads those
        text columns of the files (only now, on this failure path) and locates the value by its line,
        as on a DuckDB run. Spark's ``CAST_INVALID_INPUT`` names the value; it is looked for first."""
        from ..sources.diagnosis import claim_columns, text_in_numbers
        return self._located_by_duckdb(catalog, claim_columns(catalog, plan), lambda con: text_in_numbers(
            con, catalog, plan, as_duckdb_error(error), claims_file, claims_line))

    def text_in_derives(self, read: TableRead, catalog: Catalog, error: str, claims_file: str,
                        claims_line: int | None) -> Problem | None:
        """A table's derives failed (DuckDB's type oracle found text in arithmetic, or Spark could not
        cast a text value): located as :meth:`text_in_numbers` locates a claim's, by DuckDB reading
        the text columns the derives use."""
        from ..sources.diagnosis import derive_columns, text_in_derives
        table = read.source.name
        return self._located_by_duckdb(catalog, derive_columns(catalog, table), lambda con: text_in_derives(
            con, catalog, table, as_duckdb_error(error), claims_file, claims_line))

    def overflow_in_derives(self, read: TableRead, catalog: Catalog) -> Overflow | None:
        """A derive overflowed in Spark: DuckDB reads the file columns the derives use (only now, on
        this failure path) and finds the derive and its first row as on a DuckDB run; None when
        DuckDB computes them all (or cannot read them)."""
        try:
            return self.helper.overflow_in_derives(read, catalog)
        except Exception as exc:  # noqa: BLE001 - the diagnosis failed: the derive is named without a row
            reraise_interrupt(exc)
            return None

    def overflow_in_expressions(self, read: TableRead, catalog: Catalog,
                                written: list[tuple[str, Expr, bool]]) -> Overflow | None:
        """A claim's own expression failed out of range in Spark: located by DuckDB over the table's
        file columns, as on a DuckDB run; None when DuckDB computes them all (or cannot read them)."""
        try:
            return self.helper.overflow_in_expressions(read, catalog, written)
        except Exception as exc:  # noqa: BLE001 - the diagnosis failed: the generic message is shown
            reraise_interrupt(exc)
            return None

    def _located_by_duckdb(self, catalog: Catalog, columns: list[tuple[str, str]],
                           locate: Callable[[Any], Problem | None]) -> Problem | None:
        """``locate`` run on a DuckDB connection holding those of ``columns`` that Spark read as text
        (each file's columns as read, without derives); None when none is text or the diagnosis fails."""
        from .duckdb import DuckDB

        texts: dict[str, list[str]] = {}
        for table, column in columns:
            types = self.schema.get(table) or self.schema.get(f"__fc_raw_{table}", {})
            if types.get(column) == "VARCHAR" and column not in texts.get(table, []):
                texts.setdefault(table, []).append(column)
        if not texts:
            return None
        duck = DuckDB()
        try:
            for table, names in texts.items():
                duck.read_table(TableRead(catalog.sources[table], names, [], False))
            return locate(duck.con)
        except Exception as exc:  # noqa: BLE001 - the diagnosis failed: the engine's error is shown
            reraise_interrupt(exc)
            return None
        finally:
            duck.close()

    def seal(self) -> None:
        # Spark SQL cannot name a file (spark.sql.runSQLOnFiles=false); no table is read after this
        self._sealed = True
        self.helper.seal()

    # ------------------------------------------------------------------ running
    def _spark_sql(self, sql: str, stream: bool = False) -> str:
        got = self._translated.get((sql, stream))
        if got is None:
            from .spark_sql import to_spark
            got = self._translated[(sql, stream)] = to_spark(sql, self.schema, stream=stream)
        return got

    def _oracle(self, sql: str) -> bool:
        """Queries about types (``DESCRIBE``, ``typeof``) are answered by the DuckDB type oracle."""
        head = sql.lstrip()[:16].upper()
        return head.startswith(("DESCRIBE", "SELECT TYPEOF("))

    def execute(self, sql: str) -> Rows:
        if self._oracle(sql):
            return self.helper.execute(sql)
        spark_sql = self._spark_sql(sql)
        self.ran.append(spark_sql)
        try:
            frame = self.spark.sql(spark_sql)
            rows = [tuple(r) for r in frame.collect()]
        except Exception as exc:  # noqa: BLE001 - Spark's many exception classes become one
            reraise_interrupt(exc)
            raise _query_error(exc) from None
        return Rows(list(frame.columns), rows)

    def stream(self, sql: str) -> Iterator[tuple[Any, ...]]:
        spark_sql = self._spark_sql(sql, stream=True)
        self.ran.append(spark_sql)
        try:
            rows = self.spark.sql(spark_sql).toLocalIterator()
            for row in rows:  # a DOUBLE as its shortest decimal, as DuckDB writes it
                yield tuple(repr(v) if isinstance(v, float) else v for v in row)
        except Exception as exc:  # noqa: BLE001
            reraise_interrupt(exc)
            raise _query_error(exc) from None

    def reads_kept_windows(self, sql: str) -> bool:
        """Always False: Spark computes a table's ``lag``/``lead`` derives into the table itself (no
        kept window columns beside it), so every query on a table reads it the same way and the
        executor may fuse any of them."""
        return False

    def frame(self, sql: str) -> pandas.DataFrame:
        """A query's rows as a pandas DataFrame (``explain --rows``), its columns named as DuckDB's
        DataFrame names them (a column read through a lookup under a name taken is ``case_id_1``)."""
        import pandas as pd
        got = self.execute(sql)
        return pd.DataFrame.from_records(got.rows, columns=distinct_names(got.columns))

    def column_types(self, exprs: list[str], from_sql: str) -> dict[str, str] | None:
        return self.helper.column_types(exprs, from_sql)

    def close(self) -> None:
        self.helper.close()
        if self._session is None:
            return
        for view in self.views:
            try:
                self.spark.catalog.dropTempView(view)
            except Exception:  # noqa: BLE001,S110 - a view already gone
                pass
        self.spark.catalog.clearCache()
        for kept in self._kept_frames:
            _free(kept)
        self._kept_frames.clear()
        if self._own:
            self.spark.stop()
        elif self._settings_before:
            from .spark_session import restore
            restore(self.spark, self._settings_before)
            self._settings_before = {}


def _free(frame: Any) -> None:
    """Release a kept table: a cached frame is unpersisted; a local checkpoint is an RDD of its own,
    whose blocks are dropped (else they stay until the JVM collects the RDD)."""
    try:
        frame.unpersist()
        frame._jdf.queryExecution().analyzed().rdd().unpersist(False)  # a checkpoint's plan is its RDD
    except Exception:  # noqa: BLE001,S110 - not a checkpoint (a cached frame has no RDD of its own)
        pass


def distinct_names(columns: list[str]) -> list[str]:
    """Each name taken before gets ``_1`` (``_2`` … when that is taken too), as DuckDB names a
    DataFrame's columns.

    >>> distinct_names(["a", "a", "a", "b", "a_1"])
    ['a', 'a_1', 'a_2', 'b', 'a_1_1']
    """
    taken: set[str] = set()
    out = []
    for name in columns:
        new, k = name, 0
        while new in taken:
            k += 1
            new = f"{name}_{k}"
        taken.add(new)
        out.append(new)
    return out


def derived_sql(read: TableRead, base: str) -> str:
    """DuckDB SQL of a table over ``base`` (its columns already typed): the columns read (with
    their ``blank:`` values), the file-order row number when asked, then each level of derives
    (the DuckDB backend's own column and derive rendering)."""
    cols = [column_sql(read.source, c) for c in read.columns]
    if read.row_order:
        cols.insert(0, quote_ident(ROW))
    return with_derives(f"SELECT {', '.join(cols)} FROM {base}", read)


_CAST_INVALID = re.compile(r"The value '((?:[^'\\]|\\.)*)' of the type \"STRING\" cannot be cast to \"([^\"]+)\"")


def as_duckdb_error(error: str) -> str:
    r"""Spark's error for a text value cast to a number, in DuckDB's words (which name the value as
    ``sources.diagnosis`` reads it); any other error as it is.

    >>> as_duckdb_error("[CAST_INVALID_INPUT] The value 'n/a' of the type \"STRING\" cannot be cast to \"DOUBLE\" …")
    "Could not convert string 'n/a' to DOUBLE"
    """
    match = _CAST_INVALID.search(error)
    if match is None:
        return error
    value = re.sub(r"\\(.)", r"\1", match.group(1))
    return f"Could not convert string '{value}' to {match.group(2)}"


def _query_error(exc: BaseException) -> SparkQueryError:
    """Spark's first line, or, when rows were streamed (Py4J's "An error occurred while calling
    …getResult" first), the first line that names an overflow (in the words
    :func:`~factcheck.sources.overflow.is_overflow` knows)."""
    from ..sources.overflow import is_overflow
    line = first_line(exc)
    if not is_overflow(line):
        line = next((x.strip() for x in str(exc).splitlines() if is_overflow(x)), line)
    if is_overflow(line):
        line = "Overflow: " + line
    return SparkQueryError(line)


# --------------------------------------------------------------------------- refused before reading

def _positions_past_int(text: str, tree: Expr) -> list[str]:
    """``word(name, 3000000000)``, ``split_part(code, '-', 3000000000)``: Spark takes a position as a
    32-bit INT and stops with CAST_OVERFLOW past it, where DuckDB gives no part (null, '')."""
    return [f"{call.function}() in {text!r} asks for part {arg.value}, past the 32-bit whole numbers Spark "
            "takes as a position (it stops with CAST_OVERFLOW where DuckDB finds no such part)"
            for call in calls(tree) if call.function in ("word", "split_part")
            for arg in call.args[1:] if isinstance(arg, Literal) and type(arg.value) is int
            and not -(2**31) <= arg.value < 2**31]


def unsupported(prepared: Prepared) -> list[Problem]:
    """Claims (and derives they use) that Spark cannot compute exactly as DuckDB does: each a
    problem naming the claim, its line and what to do, found before any data is read."""
    problems: list[Problem] = []
    loaded, file = prepared.loaded, str(prepared.loaded.path)
    derives = prepared.catalog.derives
    for plan in prepared.plans:
        if plan.node is None or plan.claim.unverifiable is not None:
            continue
        line = loaded.claim_line(plan.index)
        for node in walk(plan.node):
            if node.kind in REFUSED_KINDS:
                problems.append(Problem(f"a {node.kind} cannot be computed on Spark exactly as on DuckDB: "
                                        f"{REFUSED_KINDS[node.kind]}", file=file, line=line, claim=plan.claim.id,
                                        hint="run this claims file with --engine duckdb (the default)"))
        trees: list[tuple[str, Expr]] = []
        for w in plan.written:
            try:
                trees.append((w.text, parse(w.text)))
            except Exception:  # noqa: BLE001 - reported by the compiler already
                continue
        for table in sorted(plan.tables):
            for name in prepared.catalog.used_derives.get(table, []):
                tree = derives.get(table, {}).get(name)
                if tree is not None and plan.reads(table):
                    trees.append((f"derive {name}", tree))
        for text, tree in trees:
            problems += [Problem(message, file=file, line=line, claim=plan.claim.id,
                                 hint="no text has that many parts: write the claim without it, or run this claims "
                                      "file with --engine duckdb (the default)")
                         for message in _positions_past_int(text, tree)]
            for function in sorted({c.function for c in calls(tree)} & set(REFUSED_FUNCTIONS)):
                problems.append(Problem(f"{function}() in {text!r} cannot be computed on Spark exactly as on "
                                        f"DuckDB: {REFUSED_FUNCTIONS[function]}", file=file, line=line,
                                        claim=plan.claim.id,
                                        hint="run this claims file with --engine duckdb (the default)"))
    return list({(p.claim, p.message): p for p in problems}.values())

