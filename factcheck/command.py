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
    gc.disable()
    try:
        from . import warmup
        warmup.start(sys.argv[1:])
        from .cli import console
        gc.freeze()
    finally:
        gc.enable()
    from .background import allow_fork
    allow_fork()  # the process is the command's own: the article's figures may go to a child process
    console()
