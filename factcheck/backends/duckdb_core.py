"""Which of DuckDB's modules a run connects with, and the connection itself.

Kept apart from :mod:`factcheck.backends.duckdb` so that the command's warm-up
(:mod:`factcheck.warmup`) can connect on a thread while the rest of factcheck is still
being imported: this module imports nothing of factcheck's.
"""

from __future__ import annotations

import sys
from typing import Any


def connect() -> tuple[Any, bool]:
    """A new in-memory connection in UTC (:func:`in_utc`), and whether it runs on one thread: the
    one the command's warm-up opened and set so, the first time, if any (:func:`warm`)."""
    from ..warmup import take_connection
    warmed = take_connection()
    if warmed is not None:
        return warmed, True
    return in_utc(engine().connect()), False


def in_utc(con: Any) -> Any:
    """``con`` set to UTC. A time with its offset ('2021-12-31T22:00:00-05:00') is read as an
    instant, whose year and day DuckDB gives in the session's time zone: the machine's, so a laptop
    in New York and a CI runner in UTC gave two verdicts. Every run takes UTC; the setting holds
    for one connection (a cursor of it starts in the machine's zone again)."""
    con.execute("SET TimeZone = 'UTC'")
    return con


def warm() -> Any:
    """The connection the command's warm-up opens on its thread: in UTC, and on one thread.

    A run reads small files, and queries small tables, on one thread (:meth:`DuckDB._threads`),
    and setting that stops the worker thread DuckDB started when it connected, which took 1-10 ms
    of the main thread's time; here it is done beside the command's imports. A run that reads a
    larger file gets its threads back then (``RESET threads``: under a millisecond)."""
    con = in_utc(engine().connect())
    con.execute("SET threads = 1")
    return con


def engine() -> Any:
    """The module a run connects with: DuckDB's compiled core alone, when it can be.

    The ``duckdb`` package (2.x) wraps its compiled core, ``_duckdb``, in a Python layer (the
    relational API, expressions, Arrow and Polars adapters) that took 100-200 ms of every run to
    import and that a run never calls: the connection is the core's own class either way, with
    the same ``execute``, ``fetchall`` and errors. So the core is imported alone when the package
    is not loaded yet; the package is imported when a DataFrame goes in or out
    (:func:`whole_package`), and is the one used whenever it is loaded already (a notebook's) or
    the core is not found under that name (another DuckDB version).
    """
    loaded = sys.modules.get("duckdb")
    if loaded is not None:
        return loaded
    try:
        import _duckdb
    except ImportError:
        import duckdb
        return duckdb
    return _duckdb if callable(getattr(_duckdb, "connect", None)) else whole_package()


def whole_package() -> Any:
    """The ``duckdb`` package with all its Python layer (DataFrames in and out need it)."""
    import duckdb
    return duckdb
