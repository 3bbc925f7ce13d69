"""Engines that run a plan: the :class:`Backend` protocol and what passes through it.

A backend reads the tables a run needs (with their reading options, only the columns
used, ``derive`` columns computed in file order), runs queries, and says which SQL
dialect it speaks. factcheck compiles DuckDB SQL; a backend of another dialect renders
it with :func:`factcheck.planning.sql.in_dialect`. :mod:`factcheck.backends.duckdb` is
the only module that imports duckdb.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import pandas

    from ..errors import FactcheckError, Problem
    from ..expressions import Expr
    from ..planning.catalog import Catalog
    from ..planning.nodes import ClaimPlan
    from ..sources import Source
    from ..sources.codes import Padded
    from ..sources.overflow import Overflow
    from ..sources.totals import Edge


@dataclass(frozen=True)
class Rows:
    """What a query returned: its column names and its rows."""

    columns: list[str]
    rows: list[tuple[Any, ...]]


@dataclass(frozen=True)
class TableRead:
    """How to read one table: the columns used, the derives (name, DuckDB SQL) in dependency
    order, and whether a file-order row number is needed (``lag``). ``any_order``: the engine may
    hold the rows in another order than the file's (:func:`factcheck.loading.table_read` says when).

    A derive's SQL names the other derives it uses as columns (never copies them), so each
    is computed once: ``levels`` gives each derive its level (1: over the file's columns
    only; n: over derives of levels below n), and an engine computes one level at a time.
    """

    source: Source
    columns: list[str]
    derives: list[tuple[str, str]]
    row_order: bool
    levels: dict[str, int] = field(default_factory=dict)
    windowed: frozenset[str] = frozenset()  # derives over the whole table's order (lag), and those built on them
    any_order: bool = False  # its rows may be held in any order: nothing of the run reads them by position

    def derive_levels(self) -> list[list[tuple[str, str]]]:
        """The derives grouped by level, lowest first (a derive without a level is on level 1)."""
        grouped: dict[int, list[tuple[str, str]]] = {}
        for name, sql in self.derives:
            grouped.setdefault(self.levels.get(name, 1), []).append((name, sql))
        return [grouped[level] for level in sorted(grouped)]


class DeriveFailure(Exception):
    """A table whose ``derive`` columns could not be computed on the data as read.

    ``error`` is the engine's whole message (for :meth:`Backend.text_in_derives`);
    ``otherwise`` is the located error to raise when the derives are not to blame (the
    file itself failed to read); None when they are (a type mismatch, say).
    """

    def __init__(self, message: str, *, error: str = "", otherwise: FactcheckError | None = None) -> None:
        super().__init__(message)
        self.error = error or message
        self.otherwise = otherwise


@dataclass(frozen=True)
class Mismatch:
    """An ``allowed:`` list whose values cannot be compared with its column as read."""

    table: str
    column: str
    message: str
    hint: str


class Backend(Protocol):
    """An engine that reads tables and runs SQL."""

    dialect: str
    """The sqlglot name of the SQL dialect it runs (``duckdb``, ``spark``)."""

    ran: list[str]
    """Every query run, in the engine's own SQL where that is not the DuckDB SQL it was given
    (``explain --engine spark`` shows a claim's); empty on DuckDB, whose queries the report shows."""

    def read_header(self, source: Source) -> None:
        """Learn the table's column names (and types where cheap) without reading its rows."""

    def read_table(self, read: TableRead) -> int:
        """Read the table as ``read`` says, under its own name; return its number of rows.
        Raise :class:`DeriveFailure` or a located :class:`~factcheck.errors.FactcheckError`."""

    def check_contracts(self, sources: list[Source]) -> list[Problem]:
        """Every broken column contract (``columns:``) of tables already read."""

    def edge_rows(self, source: Source) -> tuple[list[str], list[Edge]]:
        """A Parquet file's column names, and its first and last rows with their numbers (counted
        from 1), read before its table is (a "Total" row is looked for in them:
        :mod:`factcheck.sources.totals`). A backend that cannot read them returns no row."""
        return [], []

    def allowed_mismatches(self, sources: list[Source]) -> list[Mismatch]:
        """``allowed:`` lists of tables already read whose values are of another kind than their
        column (numbers listed for a text column …): the claims file's mistake, not the data's."""

    def time_column_problems(self, source: Source, columns: list[str], dates_only: bool = False) -> list[Problem]:
        """Time columns of a table already read that came out as text because some value is not
        a date (or a year): each located by its row. ``dates_only``: columns no time column, said
        only when they hold dates but for some values. A backend that cannot tell returns []."""

    def misread_dates(self, source: Source, columns: list[str]) -> list[Problem]:
        """Columns of a table already read whose dates came out before the year 1000 ('13/05/21' read
        as the year 13): the file writes its dates another way. Each located by its row; a backend
        that cannot tell returns []."""

    def padded_codes(self, source: Source, compared: dict[str, tuple[list[str], str]]) -> list[Problem]:
        """Columns of a CSV read as whole numbers, each compared with texts by a claim (``{zip:
        (['02134'], "claim 'boston'")}``), whose file writes codes with leading zeros past the rows
        DuckDB sampled (see :func:`factcheck.sources.diagnosis.padded_codes`); each located by its line."""

    def padded_values(self, source: Source, columns: list[str]) -> dict[str, Padded]:
        """Of ``columns`` of a CSV, those whose file writes codes with leading zeros (``02134``), each
        with how many and the first, by its line (:func:`factcheck.sources.codes.padded_in_file`)."""

    def text_in_numbers(self, catalog: Catalog, plan: ClaimPlan, error: str, claims_file: str,
                        claims_line: int | None) -> Problem | None:
        """After ``plan``'s query failed with ``error``: the text value in a column the claim
        uses as numbers, located in the data (or the claim, when the column holds no number
        at all); None when that is not the cause, or the backend cannot tell."""

    def text_in_derives(self, read: TableRead, catalog: Catalog, error: str, claims_file: str,
                        claims_line: int | None) -> Problem | None:
        """As :meth:`text_in_numbers`, for the derives of a table that :meth:`read_table` could
        not compute (raising :class:`DeriveFailure`)."""

    def overflow_in_derives(self, read: TableRead, catalog: Catalog) -> Overflow | None:
        """After :meth:`read_table` failed with an overflow: the derive that overflows and the first
        row it overflows on (:func:`factcheck.sources.overflow.locate`); None when it cannot tell."""

    def overflow_in_expressions(self, read: TableRead, catalog: Catalog,
                                written: list[tuple[str, Expr, bool]]) -> Overflow | None:
        """After a claim's query failed out of range: the first of the claim's own expressions over
        ``read``'s table (text, tree, whether a ``where``) that fails, and its first row
        (:func:`factcheck.sources.overflow.locate_expressions`); None when it cannot tell."""

    def seal(self) -> None:
        """From now on no query may read or write a file."""

    def execute(self, sql: str) -> Rows:
        """Run one query of the backend's dialect."""

    def stream(self, sql: str) -> Iterator[tuple[Any, ...]]:
        """Run one query and yield its rows a batch at a time (never all held at once)."""

    def reads_kept_windows(self, sql: str) -> bool:
        """Does the query (perhaps) read a table's kept window column (a ``lag``/``lead`` derive
        computed once and set beside the rows)? An engine that reads those through a slower relation
        than the other columns says so, and the executor keeps such queries out of the shared scans
        of the others; an engine without such columns answers False."""

    def column_types(self, exprs: list[str], from_sql: str) -> dict[str, str] | None:
        """The type name of each SQL expression over ``from_sql`` (``BIGINT``, ``DOUBLE``,
        ``DECIMAL(18,3)``, ``VARCHAR`` …) without running it; None when one does not bind.
        Sums are exact for the type (a DOUBLE is read by its shortest decimal)."""

    def reader_sql(self, read: TableRead) -> str:
        """The query that reads the table, as a reader can paste it (paths relative to here)."""

    def engine_reader_sql(self, read: TableRead) -> str:
        """The query in the engine's own SQL that computes the table as :meth:`read_table` did (on
        Spark over the view its CSV/Parquet reader made; ``explain`` shows it on an engine whose
        dialect is not DuckDB's)."""

    def frame(self, sql: str) -> pandas.DataFrame:
        """A query's rows as a pandas DataFrame, its columns named as DuckDB's DataFrame names them
        (a second ``case_id`` is ``case_id_1``): ``explain --rows``."""

    def close(self) -> None:
        """Release the engine."""


ENGINES = ("duckdb", "spark")
"""The engines a run can use (``--engine``, ``engine=``); DuckDB is the default."""


def check_engine(engine: str) -> None:
    """Refuse an engine factcheck does not have, naming the ones it has (a UsageError: exit 2)."""
    if engine not in ENGINES:
        from ..errors import Problem, UsageError
        from ..suggestions import did_you_mean, suggest
        raise UsageError([Problem(f"unknown engine {engine!r}",
                                  hint=did_you_mean(suggest(engine, list(ENGINES)))
                                  or f"choose one of: {', '.join(ENGINES)} (docs/engines.md)")])


def one_session(engine: str) -> AbstractContextManager[None]:
    """A block whose runs on ``engine`` share one engine session: on Spark the first file of
    ``factcheck run a.yaml b.yaml`` starts the JVM's session and the others reuse it
    (:func:`factcheck.backends.spark_session.one_session`); on DuckDB nothing is shared."""
    if engine == "spark":
        from .spark_session import one_session as spark_one_session
        return spark_one_session()
    return nullcontext()


__all__ = ["ENGINES", "Backend", "DeriveFailure", "Mismatch", "Rows", "TableRead", "check_engine", "one_session"]
