"""DuckDB, the engine of a run on one machine: the only module that imports duckdb.

Each table is read once into an in-memory table holding the columns the run uses and its
``derive`` columns; then file access is switched off, so no claim's query can touch a file.
What DuckDB's error texts mean is read here too.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DataError
from ..expressions import quote_ident
from ..planning.catalog import ROW
from . import DeriveFailure, Rows, TableRead

if TYPE_CHECKING:
    import duckdb
    import pandas

    from ..errors import Problem
    from ..sources.tables import Source

class DuckDB:
    """A :class:`~factcheck.backends.Backend` over one in-memory DuckDB connection."""

    dialect = "duckdb"

    def __init__(self) -> None:
        import duckdb
        self.con: duckdb.DuckDBPyConnection = duckdb.connect()

    # ------------------------------------------------------------------ reading
    def read_header(self, source: Source) -> None:
        from ..sources.tables import read_header
        read_header(self.con, source)

    def table_sql(self, read: TableRead, *, for_reader: bool = False) -> str:
        """The SELECT that reads a table: used columns, then derives, in file order."""
        src = read.source
        scan = src.scan_sql(for_reader=for_reader, base=Path.cwd())
        row = f"row_number() OVER () AS {quote_ident(ROW)}, " if read.row_order else ""
        inner = f"SELECT {row}{', '.join(quote_ident(c) for c in read.columns)} FROM {scan}"
        if not read.derives:
            return inner
        return ("SELECT *,\n    " + ",\n    ".join(f"{sql} AS {quote_ident(name)}" for name, sql in read.derives)
                + f"\n  FROM ({inner}) AS {quote_ident(src.name)}")

    def reader_sql(self, read: TableRead) -> str:
        return self.table_sql(read, for_reader=True)

    def read_table(self, read: TableRead) -> int:
        src = read.source
        try:
            self.con.execute(f"CREATE TABLE {quote_ident(src.name)} AS {self.table_sql(read)}")
        except Exception as exc:  # conversion, binder and IO errors all get located
            if src.decl.columns:  # a value that breaks the contract: show every one, with its line
                from ..sources.contracts import check_source
                problems = check_source(self.con, src)
                if problems:
                    raise DataError(problems) from None
            if read.derives and is_binder_error(exc):
                raise DeriveFailure(first_line(exc)) from None
            from ..sources.tables import data_error
            raise data_error(src, exc) from None
        return int(self.execute(f"SELECT count(*) FROM {quote_ident(src.name)}").rows[0][0])

    def check_contracts(self, sources: list[Source]) -> list[Problem]:
        from ..sources.contracts import check_source, holds
        return [p for src in sources if src.decl.columns and not holds(self.con, src)
                for p in check_source(self.con, src)]

    def check_all_contracts_as_text(self, sources: list[Source]) -> list[Problem]:
        """Scan every contract on the raw text (when a declared column is gone, say)."""
        from ..sources.contracts import check_source
        return [p for src in sources if src.decl.columns and not src.missing for p in check_source(self.con, src)]

    def seal(self) -> None:
        # DuckDB cannot turn this back on for this connection
        self.con.execute("SET enable_external_access = false")

    # ------------------------------------------------------------------ running
    def execute(self, sql: str) -> Rows:
        cur = self.con.execute(sql)
        rows = cur.fetchall()
        return Rows([d[0] for d in cur.description or ()], rows)

    def frame(self, sql: str) -> pandas.DataFrame:
        """A query's rows as a pandas DataFrame (``explain --rows``)."""
        return self.con.execute(sql).df()

    def close(self) -> None:
        self.con.close()


def is_binder_error(exc: BaseException) -> bool:
    """Did DuckDB fail to bind the query (a column or function of the wrong type)?"""
    return "Binder" in type(exc).__name__ + str(exc)[:20]


def first_line(exc: BaseException) -> str:
    """The first line of DuckDB's message: the part a person needs."""
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


