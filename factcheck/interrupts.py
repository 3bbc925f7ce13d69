"""Ctrl-C, wherever it lands, stays Ctrl-C.

Python turns SIGINT into :class:`KeyboardInterrupt`, but a query running in
DuckDB at that moment is stopped by DuckDB, which raises an ordinary error instead
(``RuntimeError: Query interrupted``; some versions ``duckdb.InterruptException``).
The places that turn DuckDB errors into located messages call
:func:`reraise_interrupt` first, so an interrupt is never reported as a fault in
the claims file or the data: the command ends with status 130 and writes nothing.
"""

from __future__ import annotations


def is_interrupt(exc: BaseException) -> bool:
    """Whether ``exc`` is a Ctrl-C, as Python or as DuckDB reports it.

    >>> is_interrupt(RuntimeError("Query interrupted")), is_interrupt(RuntimeError("Binder Error"))
    (True, False)
    """
    if isinstance(exc, KeyboardInterrupt) or type(exc).__name__ == "InterruptException":
        return True
    return isinstance(exc, RuntimeError) and str(exc).startswith("Query interrupted")


def reraise_interrupt(exc: BaseException) -> None:
    """Raise :class:`KeyboardInterrupt` when ``exc`` is an interrupt; otherwise do nothing."""
    if is_interrupt(exc) and not isinstance(exc, KeyboardInterrupt):
        raise KeyboardInterrupt from exc
