"""Engines that run a plan: the :class:`Backend` protocol and what passes through it.

A backend reads the tables a run needs (with their reading options, only the columns
used, ``derive`` columns computed in file order), runs queries, and says which SQL
dialect it speaks. factcheck compiles DuckDB SQL; a backend of another dialect renders
it with :func:`factcheck.planning.sql.in_dialect`. :mod:`factcheck.backends.duckdb` is
the only module that imports duckdb.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ..errors import Problem
    from ..sources import Source


@dataclass(frozen=True)
class Rows:
    """What a query returned: its column names and its rows."""

    columns: list[str]
    rows: list[tuple[Any, ...]]


@dataclass(frozen=True)
class TableRead:
    """How to read one table: the columns used, the derives (name, DuckDB SQL) in file order,
    and whether a file-order row number is needed (``lag``)."""

    source: Source
    columns: list[str]
    derives: list[tuple[str, str]]
    row_order: bool


class DeriveFailure(Exception):
    """A derive column cannot be computed on the data as read (a type mismatch, say)."""


class Backend(Protocol):
    """An engine that reads tables and runs SQL."""

    dialect: str
    """The sqlglot name of the SQL dialect it runs (``duckdb``, ``spark``)."""

    def read_header(self, source: Source) -> None:
        """Learn the table's column names (and types where cheap) without reading its rows."""

    def read_table(self, read: TableRead) -> int:
        """Read the table as ``read`` says, under its own name; return its number of rows.
        Raise :class:`DeriveFailure` or a located :class:`~factcheck.errors.FactcheckError`."""

    def check_contracts(self, sources: list[Source]) -> list[Problem]:
        """Every broken column contract (``columns:``) of tables already read."""

    def seal(self) -> None:
        """From now on no query may read or write a file."""

    def execute(self, sql: str) -> Rows:
        """Run one query of the backend's dialect."""

    def reader_sql(self, read: TableRead) -> str:
        """The query that reads the table, as a reader can paste it (paths relative to here)."""

    def close(self) -> None:
        """Release the engine."""


__all__ = ["Backend", "DeriveFailure", "Rows", "TableRead"]
