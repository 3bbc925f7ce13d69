"""DuckDB, the engine of a run on one machine: the only module that imports duckdb.

A CSV (or a DataFrame) is read once into an in-memory table holding the columns the run
uses and its ``derive`` columns. A Parquet file is queried in place: the table is a view
over the file, so each query reads only the columns it needs and skips the row groups its
filters rule out (by the file's statistics), and nothing is copied into memory; this is
what keeps 100M rows under a few GiB. Then file access is switched off, except for those
Parquet files, so no claim's query can touch any other file. What DuckDB's error texts
mean is read here too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import DataError
from ..expressions import quote_ident, quote_literal
from ..interrupts import reraise_interrupt
from ..planning.catalog import ROW
from . import DeriveFailure, Mismatch, Rows, TableRead

if TYPE_CHECKING:
    import duckdb
    import pandas

    from ..errors import Problem
    from ..planning.catalog import Catalog
    from ..planning.nodes import ClaimPlan
    from ..sources.tables import Source

class DuckDB:
    """A :class:`~factcheck.backends.Backend` over one in-memory DuckDB connection."""

    dialect = "duckdb"

    def __init__(self) -> None:
        self.con: duckdb.DuckDBPyConnection = _engine().connect()
        self.in_place: list[str] = []  # the files the views read: still allowed once sealed

    # ------------------------------------------------------------------ reading
    def read_header(self, source: Source) -> None:
        from ..sources.tables import read_header
        if source.frame is not None:
            _whole_package()  # DataFrames are read through the package's Arrow and pandas adapters
        read_header(self.con, source)

    def table_sql(self, read: TableRead, *, for_reader: bool = False) -> str:
        """The SELECT that reads a table: used columns, then derives, in file order."""
        src = read.source
        numbered = read.row_order and src.in_place  # the file's own row numbers: no window over the whole file
        scan = src.scan_sql(for_reader=for_reader, base=Path.cwd(), row_numbers=numbered)
        row = ("" if not read.row_order else f"file_row_number + 1 AS {quote_ident(ROW)}, " if numbered
               else f"row_number() OVER () AS {quote_ident(ROW)}, ")
        inner = f"SELECT {row}{', '.join(_column(src, c) for c in read.columns)} FROM {scan}"
        sql = inner
        for level in read.derive_levels():  # each level's SELECT over the one below: every derive computed once
            sql = ("SELECT *,\n    " + ",\n    ".join(f"{d_sql} AS {quote_ident(name)}" for name, d_sql in level)
                   + f"\n  FROM ({sql}) AS {quote_ident(src.name)}")
        return sql

    def reader_sql(self, read: TableRead) -> str:
        return self.table_sql(read, for_reader=True)

    def read_table(self, read: TableRead) -> int:
        src = read.source
        try:  # a view binds its query now (names, types); values are converted as queries read them
            made = self.con.execute(f"CREATE {'VIEW' if src.in_place else 'TABLE'} {quote_ident(src.name)} "
                                    f"AS {self.table_sql(read)}").fetchall()
        except Exception as exc:  # conversion, binder and IO errors all get located
            reraise_interrupt(exc)  # Ctrl-C while DuckDB reads is no fault of the file
            if src.decl.columns:  # a value that breaks the contract: show every one, with its line
                from ..sources.contracts import check_source
                problems = check_source(self.con, src)
                if problems:
                    raise DataError(problems) from None
            from ..sources.tables import data_error
            if read.derives:  # the derives may be to blame: the caller looks at their columns
                raise DeriveFailure(first_line(exc), error=str(exc),
                                    otherwise=None if is_binder_error(exc) else data_error(src, exc)) from None
            raise data_error(src, exc) from None
        if src.in_place and src.path is not None:
            from ..sources.datafiles import exact
            self.in_place += dict.fromkeys((str(src.path), exact(str(src.path))))  # the name given, the file found
        if not src.in_place and made and isinstance(made[0][0], int):
            return made[0][0]  # CREATE TABLE … AS answers with the rows it wrote: no second pass to count them
        return int(self.execute(f"SELECT count(*) FROM {quote_ident(src.name)}").rows[0][0])

    def check_contracts(self, sources: list[Source]) -> list[Problem]:
        from ..sources.contracts import check_source, holds
        return [p for src in sources if src.decl.columns and not holds(self.con, src)
                for p in check_source(self.con, src)]

    def check_all_contracts_as_text(self, sources: list[Source]) -> list[Problem]:
        """Scan every contract on the raw text (when a declared column is gone, say)."""
        from ..sources.contracts import check_source
        return [p for src in sources if src.decl.columns and not src.missing for p in check_source(self.con, src)]

    def allowed_mismatches(self, sources: list[Source]) -> list[Mismatch]:
        from ..sources.contracts import allowed_mismatches
        return [Mismatch(src.name, column, message, hint) for src in sources if src.decl.columns
                for column, message, hint in allowed_mismatches(self.con, src)]

    # ------------------------------------------------------------------ diagnosis
    def time_column_problems(self, source: Source, columns: list[str]) -> list[Problem]:
        from ..sources.diagnosis import time_column_problems
        return time_column_problems(self.con, source, columns)

    def text_in_numbers(self, catalog: Catalog, plan: ClaimPlan, error: str, claims_file: str,
                        claims_line: int | None) -> Problem | None:
        from ..sources.diagnosis import text_in_numbers
        return text_in_numbers(self.con, catalog, plan, error, claims_file, claims_line)

    def text_in_derives(self, read: TableRead, catalog: Catalog, error: str, claims_file: str,
                        claims_line: int | None) -> Problem | None:
        """Read the file's columns alone (no derives), and look in them for text where a derive
        needs numbers. Runs before the backend is sealed."""
        from ..sources.diagnosis import text_in_derives
        table = quote_ident(read.source.name)
        try:
            self.con.execute(f"CREATE TABLE {table} AS {self.table_sql(replace(read, derives=[]))}")
        except Exception:  # noqa: BLE001 - the file itself is the problem: reported as such
            return None
        try:
            return text_in_derives(self.con, catalog, read.source.name, error, claims_file, claims_line)
        finally:
            self.con.execute(f"DROP TABLE IF EXISTS {table}")

    def seal(self) -> None:
        # the Parquet files behind the views stay readable (those files alone, by exact name);
        # DuckDB cannot turn access back on for this connection
        if self.in_place:
            self.con.execute(f"SET allowed_paths = [{', '.join(quote_literal(p) for p in self.in_place)}]")
        self.con.execute("SET enable_external_access = false")

    # ------------------------------------------------------------------ running
    def execute(self, sql: str) -> Rows:
        cur = self.con.execute(sql)
        rows = cur.fetchall()
        return Rows([d[0] for d in cur.description or ()], rows)

    def stream(self, sql: str) -> Iterator[tuple[Any, ...]]:
        cur = self.con.execute(sql)
        while batch := cur.fetchmany(50_000):
            yield from batch

    def column_types(self, exprs: list[str], from_sql: str) -> dict[str, str] | None:
        cols = ", ".join(f"({e}) AS {quote_ident(str(i))}" for i, e in enumerate(exprs))
        try:
            rows = self.con.execute(f"DESCRIBE SELECT {cols}\n{from_sql}").fetchall()
        except Exception as exc:  # noqa: BLE001 - the claim's own query reports it
            reraise_interrupt(exc)
            return None
        return {exprs[int(r[0])]: str(r[1]) for r in rows}

    def frame(self, sql: str) -> pandas.DataFrame:
        """A query's rows as a pandas DataFrame (``explain --rows``)."""
        _whole_package()
        return self.con.execute(sql).df()

    def close(self) -> None:
        self.con.close()


def _engine() -> Any:
    """The module a run connects with: DuckDB's compiled core alone, when it can be.

    The ``duckdb`` package (2.x) wraps its compiled core, ``_duckdb``, in a Python layer (the
    relational API, expressions, Arrow and Polars adapters) that took 100-200 ms of every run to
    import and that a run never calls: the connection is the core's own class either way, with
    the same ``execute``, ``fetchall`` and errors. So the core is imported alone when the package
    is not loaded yet; the package is imported when a DataFrame goes in or out
    (:func:`_whole_package`), and is the one used whenever it is loaded already (a notebook's) or
    the core is not found under that name (another DuckDB version).
    """
    import sys
    loaded = sys.modules.get("duckdb")
    if loaded is not None:
        return loaded
    try:
        import _duckdb
    except ImportError:
        import duckdb
        return duckdb
    return _duckdb if callable(getattr(_duckdb, "connect", None)) else _whole_package()


def _whole_package() -> Any:
    """The ``duckdb`` package with all its Python layer (DataFrames in and out need it)."""
    import duckdb
    return duckdb


def is_binder_error(exc: BaseException) -> bool:
    """Did DuckDB fail to bind the query (a column or function of the wrong type)?"""
    return "Binder" in type(exc).__name__ + str(exc)[:20]


def first_line(exc: BaseException) -> str:
    """The first line of DuckDB's message: the part a person needs."""
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _column(src: Source, column: str) -> str:
    """A column as read: an empty value becomes the table's ``blank:`` value for it, if any."""
    spec = src.decl.columns.get(column)
    if spec is None or spec.blank is None:
        return quote_ident(column)
    return f"coalesce({quote_ident(column)}, {quote_literal(spec.blank)}) AS {quote_ident(column)}"
