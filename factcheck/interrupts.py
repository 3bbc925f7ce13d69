"""Ctrl-C, wherever it lands, stays Ctrl-C.

Python turns SIGINT into :class:`KeyboardInterrupt`, but a query running in
DuckDB at that moment is stopped by DuckDB, which raises an ordinary error instead
(``RuntimeError: Query interrupted``; some versions ``duckdb.InterruptException``).
The places that turn DuckDB errors into located messages call
:func:`reraise_interrupt` first, so an interrupt is never reported as a fault in
the claims file or the data: the command ends with status 130 and writes nothing.

Before the command's body begins, Ctrl-C ends the process at once instead
(:func:`leave_at_once_on_ctrl_c`, undone by :func:`ctrl_c_raises`): that is while
it loads its modules and parses its command line, half of a short run, where a
:class:`KeyboardInterrupt` raised inside an import can come out as another error
(pydantic_core's ``PanicException``, a "bug in factcheck"), print a traceback, or
leave Python's import lock held so that the warm-up's thread waits for ever.
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType

EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C


def _leave(signum: int, frame: FrameType | None) -> None:
    """Nothing is written yet, so there is nothing to undo: say it and end every thread now."""
    try:
        os.write(2, b"interrupted\n")
    finally:
        os._exit(EXIT_INTERRUPTED)


def leave_at_once_on_ctrl_c() -> None:
    """From now until :func:`ctrl_c_raises`, Ctrl-C prints ``interrupted`` and ends the process
    with status 130. Only in place of Python's own handler (not where SIGINT is ignored, as in a
    background job, or handled by someone else) and never under a tracer, a profiler or a coverage
    measurement, which need the ordinary exit to write what they measured."""
    if sys.gettrace() is not None or sys.getprofile() is not None or os.environ.get("COVERAGE_PROCESS_START"):
        return
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _leave)


_received: list[int] = []  # the SIGINTs :func:`_remember` has seen


def _remember(signum: int, frame: FrameType | None) -> None:
    """Python's own handler (raise :class:`KeyboardInterrupt`), remembering that it ran: a library
    that catches the interrupt and raises something else (pydantic-core, validating the claims
    file, turns it into a validation error) cannot make the command report that instead."""
    _received.append(signum)
    signal.default_int_handler(signum, frame)


def ctrl_c_raises() -> None:
    """Ctrl-C raises :class:`KeyboardInterrupt` again (if :func:`leave_at_once_on_ctrl_c` changed
    it): from here the command turns it into ``interrupted`` itself, once its outputs are open,
    and asks :func:`received` whether an error it is about to report came from one."""
    if signal.getsignal(signal.SIGINT) is _leave:
        signal.signal(signal.SIGINT, _remember)


def received() -> bool:
    """Whether Ctrl-C reached the command since :func:`ctrl_c_raises`, whatever became of it."""
    return bool(_received)


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
