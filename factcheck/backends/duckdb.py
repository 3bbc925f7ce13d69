"""DuckDB, the engine of a run on one machine: with :mod:`.duckdb_core` (which of DuckDB's modules a
run connects with), the only module that imports duckdb.

A CSV (or a DataFrame) is read once into an in-memory table holding the columns the run
uses and its ``derive`` columns. A Parquet file is queried in place: the table is a view
over the file, so each query reads only the columns it needs and skips the row groups its
filters rule out (by the file's statistics), and nothing is copied into memory; this is
what keeps 100M rows under a few GiB. Then file access is switched off, except for those
Parquet files, so no claim's query can touch any other file. What DuckDB's error texts
mean is read here too.
"""

from __future__ import annotations

import re
import secrets
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import DataError
from ..expressions import quote_ident, quote_literal
from ..interrupts import reraise_interrupt
from ..planning.catalog import ROW
from . import DeriveFailure, Mismatch, Rows, TableRead
from .duckdb_core import connect, whole_package

if TYPE_CHECKING:
    import duckdb
    import pandas

    from ..errors import Problem
    from ..expressions import Expr
    from ..planning.catalog import Catalog
    from ..planning.nodes import ClaimPlan
    from ..sources.codes import Padded
    from ..sources.overflow import Overflow
    from ..sources.tables import Source
    from ..sources.totals import Edge

T = TypeVar("T")
IN_ORDER = "__in_file_order"  # a kept window table's check that the stream came in file order
_STAR = re.compile(r'(?:SELECT|,)\s*\*|"\.\*')  # a query reading every column of a table (not count(*))


def plain_name(table: str) -> str:
    """The view of a table with kept window columns that leaves them out (no positional join)."""
    return f"__plain_{table}"


ROW_GROUP = 122_880
"""Rows in one of DuckDB's row groups, the unit its threads share a scan in."""

SMALL_CSV = 4 << 20
"""Bytes of an uncompressed CSV that DuckDB reads on one thread (:meth:`DuckDB.read_table`)."""


class DuckDB:
    """A :class:`~factcheck.backends.Backend` over one in-memory DuckDB connection."""

    dialect = "duckdb"

    def __init__(self) -> None:
        self.con: duckdb.DuckDBPyConnection
        self.con, one_thread = connect()  # in UTC (duckdb_core.in_utc)
        self.spill = _private_spill_folder()
        self.con.execute(f"SET temp_directory = {quote_literal(str(self.spill))}")
        self.in_place: list[str] = []  # the files the views read: still allowed once sealed
        self.kept_windows: dict[str, tuple[str, ...]] = {}  # table -> its kept window columns, quoted
        self.most_rows = 0  # the largest table read: small data is queried on one thread (seal)
        self.one_thread = one_thread  # is `threads` set to 1 (small files, small tables)?
        self.reads: dict[str, TableRead] = {}  # each table read, as read
        self.any_order: set[str] = set()  # the tables held in another order than their file's (perhaps)
        self.ran: list[str] = []  # its queries are DuckDB's own, shown in the report: none kept

    # ------------------------------------------------------------------ reading
    def read_header(self, source: Source) -> None:
        from ..sources.tables import read_header
        if source.frame is not None:
            whole_package()  # DataFrames are read through the package's Arrow and pandas adapters
        read_header(self.con, source)

    def table_sql(self, read: TableRead, *, for_reader: bool = False) -> str:
        """The SELECT that reads a table: used columns, then derives, in file order."""
        src = read.source
        numbered = read.row_order and src.in_place  # the file's own row numbers: no window over the whole file
        scan = src.scan_sql(for_reader=for_reader, base=Path.cwd(), row_numbers=numbered)
        row = ("" if not read.row_order else f"file_row_number + 1 AS {quote_ident(ROW)}, " if numbered
               else f"row_number() OVER () AS {quote_ident(ROW)}, ")
        return with_derives(f"SELECT {row}{', '.join(column_sql(src, c) for c in read.columns)} FROM {scan}", read)

    def _read_keeping_windows(self, read: TableRead) -> None:
        """A table whose derives use ``lag``/``lead``: those derives (and the ones built on them)
        are computed once, in file order, into a temporary table of those columns alone, and the
        table is a view setting them beside its other columns by position (``POSITIONAL JOIN``:
        no hash join, no sort).

        A Parquet file stays where it is (the view reads it, numbered by its own row numbers);
        without this, every query that read such a derive computed the window again over the
        file, holding every column it read meanwhile. A CSV is read once into a table without
        them, numbered by its rows' order (``rowid``): two parallel passes instead of a window
        numbering the rows (``row_number() OVER ()``, one thread) and another computing them.
        The join runs on one thread, and on Parquet reads every row group (skipping some would
        break the alignment): so the table's rows without those columns are a view of their own
        (:func:`plain_name`), which every query that names no kept column reads instead
        (:meth:`relations`).
        """
        src = read.source
        row, kept = quote_ident(ROW), quote_ident(f"__windows_{src.name}")
        plain = replace(read, derives=[d for d in read.derives if d[0] not in read.windowed])
        windowed = replace(read, derives=[d for d in read.derives if d[0] in read.windowed])
        if src.in_place:
            base, over = f"({self.table_sql(plain)})", self.table_sql(read)
        else:
            rows = quote_ident(f"__rows_{src.name}")
            self.con.execute(f"CREATE TABLE {rows} AS {self.table_sql(replace(plain, row_order=False))}")
            base = f"(SELECT rowid + 1 AS {row}, * FROM {rows})"
            over = with_derives(f"SELECT * FROM {base}", windowed)
        names = ", ".join(quote_ident(d) for d, _ in windowed.derives)
        if not self._kept_streaming(kept, names, over, src.name):
            self.con.execute(f"CREATE TEMP TABLE {kept} AS SELECT {names}\nFROM ({over})\nORDER BY {row}")  # in file order
        columns = [ROW] * read.row_order + read.columns + [d for d, _ in read.derives]  # table_sql's order
        select = ", ".join(f"{'w' if c in read.windowed else 'f'}.{quote_ident(c)}" for c in columns)
        plain_view = quote_ident(plain_name(src.name))
        self.con.execute(f"CREATE VIEW {plain_view} AS SELECT * FROM {base} AS f")
        self.con.execute(f"CREATE VIEW {quote_ident(src.name)} AS SELECT {select}\n"
                         f"FROM {plain_view} AS f POSITIONAL JOIN {kept} AS w")
        self.kept_windows[src.name] = tuple(quote_ident(d) for d, _ in windowed.derives)
        # DuckDB estimates a positional join at ~0 rows, so a claim's `table LEFT JOIN lookup` would
        # be flipped to build its hash table on this (large) table instead of the lookup: keep the
        # build side the lookup, as the plan writes it (10M rows: 3.8 s CPU flipped, 2.4 s kept). The
        # queries of plain tables get the same plans either way (checked on the benchmark's queries)
        self.con.execute("SET disabled_optimizers = 'build_side_probe_side'")

    def _kept_streaming(self, kept: str, names: str, over: str, table: str) -> bool:
        """Compute the kept window derives in one streaming pass, when each is a ``lag`` in file
        order: ``lag(x) OVER ()`` over rows arriving in file order is DuckDB's streaming window
        (no sort, nothing held: 10M rows 800 MB → 110 MB, 2.4 → 0.8 s CPU). That the rows did
        arrive in file order is checked, not assumed: each row's number in the stream must equal
        its file row number, or the table is dropped and the sorted window used instead."""
        row = quote_ident(ROW)
        ordered = f" OVER (ORDER BY {quote_ident(table)}.{row})"
        if not over.count(ordered) == over.count(" OVER (") == over.count("lag("):
            return False  # `lead` looks ahead, a window by a column sorts: not streamed
        self.con.execute(f"CREATE TEMP TABLE {kept} AS SELECT {names}, "
                         f"{row} = row_number() OVER () AS {quote_ident(IN_ORDER)}\n"
                         f"FROM ({over.replace(ordered, ' OVER ()')})")
        if self.con.execute(f"SELECT bool_and({quote_ident(IN_ORDER)}) FROM {kept}").fetchall()[0][0] is False:
            self.con.execute(f"DROP TABLE {kept}")
            return False
        return True

    def reader_sql(self, read: TableRead) -> str:
        return self.table_sql(read, for_reader=True)

    def engine_reader_sql(self, read: TableRead) -> str:
        return self.table_sql(read)

    def read_table(self, read: TableRead) -> int:
        self._threads(_small_csv(read.source) and self.most_rows < ROW_GROUP)
        rows = self._read(read)
        self.most_rows = max(self.most_rows, rows)
        return rows

    def _read(self, read: TableRead) -> int:
        src = read.source
        try:  # a view binds its query now (names, types); values are converted as queries read them
            made: list[Any] = []
            if read.windowed and src.frame is None:
                self._read_keeping_windows(read)
            elif read.any_order and not src.in_place and src.frame is None:
                made = self._read_in_any_order(read)
            else:
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
        self.reads[src.name] = read
        if src.in_place and src.path is not None:
            from ..sources.datafiles import exact
            self.in_place += dict.fromkeys((str(src.path), exact(str(src.path))))  # the name given, the file found
        if not src.in_place and made and isinstance(made[0][0], int):
            return made[0][0]  # CREATE TABLE … AS answers with the rows it wrote: no second pass to count them
        return int(self.execute(f"SELECT count(*) FROM {quote_ident(src.name)}").rows[0][0])

    def _read_in_any_order(self, read: TableRead) -> list[Any]:
        """Read a CSV into a table without keeping the file's order (``preserve_insertion_order``
        off for this one statement): DuckDB's parallel reader then appends each task's rows as they
        come instead of holding them back to put them in file order. Only for a read whose rows
        nothing takes by position (:attr:`TableRead.any_order`); the messages that name a row read
        the file again in order (:meth:`_in_file_order`)."""
        self.con.execute("SET preserve_insertion_order = false")
        try:
            made: list[Any] = self.con.execute(f"CREATE TABLE {quote_ident(read.source.name)} "
                                               f"AS {self.table_sql(read)}").fetchall()
        finally:  # every other statement (the contracts' scan numbering the file's lines) keeps it
            self.con.execute("RESET preserve_insertion_order")
        self.any_order.add(read.source.name)
        return made

    def _in_file_order(self, tables: set[str], locate: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """``locate`` run on a connection of its own holding ``tables`` as this one does, their file
        columns read again in file order: a row's place in a table is then its place in the file,
        which the located messages name (``line 7``)."""
        fresh = DuckDB()
        try:
            for name in tables:
                read = self.reads[name]
                fresh.read_table(replace(read, derives=[], row_order=False, levels={}, windowed=frozenset(),
                                         any_order=False))
            return locate(fresh.con)
        finally:
            fresh.close()

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
    def edge_rows(self, source: Source) -> tuple[list[str], list[Edge]]:
        """Two statements, each a few milliseconds on a file of 10 million rows: the number of rows
        from the file's footer, then the two rows by their numbers (DuckDB reads only the row groups
        that hold them)."""
        from ..sources.totals import parquet_edges
        return parquet_edges(self, source)

    def time_column_problems(self, source: Source, columns: list[str], dates_only: bool = False) -> list[Problem]:
        from ..sources.diagnosis import time_column_problems
        if not columns:
            return []
        problems = time_column_problems(self.con, source, columns, dates_only)
        if problems and source.name in self.any_order:  # the rows named: counted in file order
            return self._in_file_order({source.name}, lambda con: time_column_problems(con, source, columns, dates_only))
        return problems

    def misread_dates(self, source: Source, columns: list[str]) -> list[Problem]:
        from ..sources.diagnosis import misread_dates
        problems = misread_dates(self.con, source, columns)
        if problems and source.name in self.any_order:  # the rows named: counted in file order
            return self._in_file_order({source.name}, lambda con: misread_dates(con, source, columns))
        return problems

    def padded_codes(self, source: Source, compared: dict[str, tuple[list[str], str]]) -> list[Problem]:
        from ..sources.diagnosis import padded_codes
        found = (padded_codes(self.con, source, column, texts, who) for column, (texts, who) in compared.items())
        return [p for p in found if p is not None]

    def padded_values(self, source: Source, columns: list[str]) -> dict[str, Padded]:
        from ..sources.codes import padded_in_file
        return padded_in_file(self.con, source, columns)

    def text_in_numbers(self, catalog: Catalog, plan: ClaimPlan, error: str, claims_file: str,
                        claims_line: int | None) -> Problem | None:
        from ..sources.diagnosis import claim_columns, text_in_numbers
        found = text_in_numbers(self.con, catalog, plan, error, claims_file, claims_line)
        tables = {t for t, _ in claim_columns(catalog, plan) if t in self.reads}
        if found is None or not tables & self.any_order:
            return found
        return self._in_file_order(tables, lambda con: text_in_numbers(con, catalog, plan, error, claims_file,
                                                                          claims_line))

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

    def overflow_in_derives(self, read: TableRead, catalog: Catalog) -> Overflow | None:
        """Read the file columns the derives use alone, then compute each derive over them to find
        the one that overflows and its row. A file is read on a connection of its own: by a claim's
        query (a Parquet file's derives are computed by each query) the table is a view holding the
        derives and this connection is sealed; a DataFrame fails while it is read, on this one."""
        if read.source.frame is not None:
            return self._overflow(read, catalog)
        fresh = DuckDB()
        try:
            return fresh._overflow(read, catalog)
        finally:
            fresh.close()

    def overflow_in_expressions(self, read: TableRead, catalog: Catalog,
                                written: list[tuple[str, Expr, bool]]) -> Overflow | None:
        """Read the table's used file columns alone, on a connection of its own (this one is sealed),
        compute its derives over them, then each of the claim's expressions to find the one that
        fails and its first row. (A DataFrame handed in is registered on that connection too.)"""
        from ..sources.overflow import locate_expressions
        fresh = DuckDB()
        try:
            if read.source.frame is not None:
                fresh.read_header(read.source)
            return fresh._overflow(read, catalog, lambda con: locate_expressions(con, read, written), read.columns)
        finally:
            fresh.close()

    def _overflow(self, read: TableRead, catalog: Catalog,
                  find: Callable[[duckdb.DuckDBPyConnection], Overflow | None] | None = None,
                  columns: list[str] | None = None) -> Overflow | None:
        from ..sources.diagnosis import derive_columns
        from ..sources.overflow import locate
        src = read.source
        if columns is None:
            columns = [c for t, c in derive_columns(catalog, src.name) if t == src.name] or read.columns[:1]
        table = quote_ident(src.name)
        try:
            self.con.execute(f"CREATE TABLE {table} AS {self.table_sql(replace(read, columns=columns, derives=[]))}")
        except Exception as exc:  # noqa: BLE001 - the file itself fails: the derive is named without a row
            reraise_interrupt(exc)
            return None
        try:
            return find(self.con) if find is not None else locate(self.con, read, catalog)
        finally:
            self.con.execute(f"DROP TABLE IF EXISTS {table}")

    def seal(self) -> None:
        # the Parquet files behind the views stay readable (those files alone, by exact name);
        # DuckDB cannot turn access back on for this connection
        if self.in_place:
            self.con.execute(f"SET allowed_paths = [{', '.join(quote_literal(p) for p in self.in_place)}]")
        self.con.execute("SET enable_external_access = false")
        # DuckDB splits a scan by row groups: tables that fit in one give a second thread nothing
        # to scan, only to wait on (the story's 14 queries: ~50 ms less with one thread)
        self._threads(self.most_rows < ROW_GROUP)

    def _threads(self, one: bool) -> None:
        """Run on one thread, or on as many as DuckDB's default gives, from the next statement on.

        Small files are read on one thread too: a CSV of a few megabytes is one buffer of DuckDB's
        parallel reader, so a second thread only waits, and so do the checks after the read (the
        story's reads and checks: ~10 ms less). A table that turns out larger than a row group
        (short rows) gets its threads back for the next file and the claims' queries."""
        if one != self.one_thread:
            self.con.execute("SET threads = 1" if one else "RESET threads")
            self.one_thread = one

    # ------------------------------------------------------------------ running
    def reads_kept_windows(self, sql: str) -> bool:
        """Does the query (perhaps) read a kept window column? Then it reads that table through
        the positional join; a query that does not reads the table's plain view
        (:meth:`relations`), so a planner may keep such queries apart."""
        return any(name in sql for names in self.kept_windows.values() for name in names)

    def relations(self, sql: str) -> str:
        """The query with each table that has kept window columns, none of which the query names,
        read from its plain view (a CTE of the table's own name in front).

        The view of such a table sets the kept columns beside its rows by ``POSITIONAL JOIN``,
        which DuckDB runs on one thread and which reads every Parquet row group; the plain view
        is the same rows without those columns, scanned in parallel, row groups skipped by the
        filters. A query that could read columns it does not name (``*``), or that names a CTE of
        its own as the table (a streak's ``ordered``), keeps the join.
        """
        if not self.kept_windows or not sql.startswith(("SELECT ", "WITH ")) or sql.startswith("WITH RECURSIVE") \
                or _STAR.search(sql):
            return sql
        plain = [t for t, names in self.kept_windows.items()
                 if quote_ident(t) in sql and not any(name in sql for name in names)
                 and f"{t} AS (" not in sql and f"{quote_ident(t)} AS (" not in sql]
        if not plain:
            return sql
        ctes = ", ".join(f"{quote_ident(t)} AS NOT MATERIALIZED (FROM {quote_ident(plain_name(t))})" for t in plain)
        if sql.startswith("WITH "):
            return f"WITH {ctes},\n{sql[len('WITH '):]}"
        return f"WITH {ctes}\n{sql}"

    def execute(self, sql: str) -> Rows:
        cur = self.con.execute(self.relations(sql))
        rows = cur.fetchall()
        return Rows([d[0] for d in cur.description or ()], rows)

    def stream(self, sql: str) -> Iterator[tuple[Any, ...]]:
        cur = self.con.execute(self.relations(sql))
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
        whole_package()
        return self.con.execute(sql).df()

    def close(self) -> None:
        self.con.close()


def _small_csv(src: Source) -> bool:
    """A CSV file (not compressed: a small ``.gz`` can hold millions of rows) of at most
    :data:`SMALL_CSV` bytes, as the run's version of it says."""
    return (src.frame is None and not src.in_place and src.version is not None
            and src.version.size <= SMALL_CSV and not str(src.path).lower().endswith(".gz"))


def _private_spill_folder() -> Path:
    """Where DuckDB may write what does not fit in memory: a folder of the system's temporary space
    whose name no one can guess, which DuckDB makes only when it spills and removes when the
    connection closes. DuckDB's default is ``.tmp`` in the current folder: data that expands past
    the memory limit (a small ``.gz`` of millions of rows) made it write gigabytes into the folder
    factcheck ran from, and a claims file must never make factcheck write there. Not made here:
    a command that ends at once (``os._exit``) would leave an empty folder behind on every run."""
    return Path(tempfile.gettempdir()) / f"factcheck-duckdb-{secrets.token_hex(16)}"


def is_binder_error(exc: BaseException) -> bool:
    """Did DuckDB fail to bind the query (a column or function of the wrong type)?"""
    return "Binder" in type(exc).__name__ + str(exc)[:20]


def first_line(exc: BaseException | str) -> str:
    """The first line of an engine's message (an error, or its text): the part a person needs."""
    text = str(exc).strip().splitlines()
    return text[0] if text else (type(exc).__name__ if isinstance(exc, BaseException) else "")


def with_derives(sql: str, read: TableRead) -> str:
    """``sql`` (the table's columns) with the read's derives, one SELECT per level over the one
    below, so every derive is computed once."""
    for level in read.derive_levels():
        sql = ("SELECT *,\n    " + ",\n    ".join(f"{d_sql} AS {quote_ident(name)}" for name, d_sql in level)
               + f"\n  FROM ({sql}) AS {quote_ident(read.source.name)}")
    return sql


def column_sql(src: Source, column: str) -> str:
    """A column as read: an empty value becomes the table's ``blank:`` value for it, if any."""
    spec = src.decl.columns.get(column)
    if spec is None or spec.blank is None:
        return quote_ident(column)
    return f"coalesce({quote_ident(column)}, {quote_literal(spec.blank)}) AS {quote_ident(column)}"
