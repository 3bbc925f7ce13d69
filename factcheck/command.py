"""The ``factcheck`` command's entry point (the console script and ``python -m factcheck``).

It starts the warm-up (:mod:`factcheck.warmup`: DuckDB connects on a thread) before anything
heavy is imported, so the connection is made while the command line's own modules load
(pydantic, typer, the claims models: a quarter of a second), then hands over to
:func:`factcheck.cli.console`. Nothing but the standard library is imported before that.
"""

from __future__ import annotations

import sys
from typing import NoReturn


def main() -> NoReturn:
    from . import warmup
    warmup.start(sys.argv[1:])
    from .cli import console
    console()
