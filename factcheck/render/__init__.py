"""Writers that turn a :class:`~factcheck.report.Report` into something to read.

``write(report, fmt, target)`` writes one format to a path, or to stdout for ``-``.
Each format lives in its own module and is imported only when asked for.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from ..report import Report


def _json(report: Report) -> str:
    return report.to_json()


def _load(module: str) -> Callable[[Report], str]:
    from importlib import import_module
    return import_module(f"{__name__}.{module}").render  # type: ignore[no-any-return]


FORMATS: dict[str, Callable[[], Callable[[Report], str]]] = {
    "json": lambda: _json,
    "junit": lambda: _load("junit"),
    "markdown": lambda: _load("markdown"),
    "html": lambda: _load("html"),
}


def write(report: Report, fmt: str, target: str) -> None:
    """Render ``report`` as ``fmt`` into ``target`` (a path, or ``-`` for stdout).

    The file is replaced whole (see :mod:`factcheck.outputs`); a path that cannot take a
    report, or that is the report's own claims file, raises :class:`~factcheck.errors.UsageError`.
    """
    from ..outputs import Outputs

    text = FORMATS[fmt]()(report)
    if target == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    with Outputs([(f"--{fmt}", target)]) as outputs:
        outputs.refuse_inputs([("the claims file", report.claims_file)])
        outputs.write(f"--{fmt}", text)
        outputs.commit()
