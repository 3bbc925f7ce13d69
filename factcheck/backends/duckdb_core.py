"""Which of DuckDB's modules a run connects with, and the connection itself.

Kept apart from :mod:`factcheck.backends.duckdb` so that the command's warm-up
(:mod:`factcheck.warmup`) can connect on a thread while the rest of factcheck is still
being imported: this module imports nothing of factcheck's.
"""

from __future__ import annotations

import sys
from typing import Any


def connect() -> Any:
    """A new in-memory connection: the one the command's warm-up opened, the first time, if any."""
    from ..warmup import take_connection
    return take_connection() or engine().connect()


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
