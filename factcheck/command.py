"""The ``factcheck`` command's entry point (the console script and ``python -m factcheck``).

It starts the warm-up (:mod:`factcheck.warmup`: DuckDB connects on a thread) before anything
heavy is imported, so the connection is made while the command line's own modules load
(pydantic, typer, the claims models: a quarter of a second), then hands over to
:func:`factcheck.cli.console`. Nothing but the standard library is imported before that.

Python's cyclic garbage collector is off while those modules load. Importing them creates ~48,000
objects the collector tracks (classes, functions, dicts, pydantic's schemas) that live as long as
the process, and it walked them again and again as they piled up: some 60 collections, ~25 ms
of a story run of ~650 ms, that could find nothing to free. Once they are loaded they are moved
out of its sight (:func:`gc.freeze`) and it is switched back on, so the run's own garbage is
collected as usual and no collection walks past them again.

The process is the command's own, so the run may also fork it (:func:`factcheck.background.allow_fork`):
the article's figures are then found by a child process on the second core instead of a thread
that would share Python's lock with the main one.
"""

from __future__ import annotations

import gc
import sys
from typing import NoReturn


def main() -> NoReturn:
    from .interrupts import leave_at_once_on_ctrl_c
    leave_at_once_on_ctrl_c()  # until the command's body begins; then Ctrl-C raises again
    gc.disable()
    try:
        from . import warmup
        with warmup.methods_when_called():
            warmup.start(sys.argv[1:])
            from .cli import console
        gc.freeze()
    except KeyboardInterrupt:
        _interrupted()
    finally:
        gc.enable()
    from .background import allow_fork
    allow_fork()  # the process is the command's own: the article's figures may go to a child process
    console()


def _interrupted() -> NoReturn:
    """A :class:`KeyboardInterrupt` while the command line is still loading, when Ctrl-C does not
    end the process at once (:func:`factcheck.interrupts.leave_at_once_on_ctrl_c`): said as a run says it
    (``interrupted``, status 130), not as a traceback through the import machinery. The process
    leaves at once, as :func:`factcheck.cli.console` does: the warm-up's thread may still be
    importing DuckDB, and an import the interrupt broke can leave Python's import lock held, so
    waiting for that thread could wait for ever."""
    import os

    from .interrupts import EXIT_INTERRUPTED
    try:
        sys.stderr.write("interrupted\n")
        sys.stderr.flush()
    finally:
        os._exit(EXIT_INTERRUPTED)
