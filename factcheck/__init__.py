"""factcheck: check the numbers in a story against the data behind them.

>>> import factcheck
>>> report = factcheck.verify("claims/2020.yaml")      # doctest: +SKIP
>>> report.result("cases-filed-rise").verdict           # doctest: +SKIP
<Verdict.PASS: 'pass'>

The command line is a thin layer over these functions: :func:`verify` (``run``, and
``run --baseline``), :func:`check`, :func:`compare` (``diff``) and :func:`explain`.

The names below are imported when first used: ``import factcheck`` alone loads nothing else,
so the ``factcheck`` command can start its warm-up (:mod:`factcheck.warmup`) before it
imports pydantic, typer and the claims models.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Checked", "ClaimResult", "ClaimsFile", "ClaimsFileError", "Comparison", "DataError", "FactcheckError",
    "LoadedClaims", "NoteCode", "Problem", "Reason", "Report", "UsageError", "Verdict", "__version__", "check",
    "compare", "explain", "load", "verify",
]

_HOME = {  # each name of __all__ -> the module it is imported from when first used
    **dict.fromkeys(("Checked", "check", "compare", "explain", "verify"), "api"),
    **dict.fromkeys(("ClaimsFile", "LoadedClaims", "load"), "claims"),
    **dict.fromkeys(("ClaimsFileError", "DataError", "FactcheckError", "Problem", "UsageError"), "errors"),
    **dict.fromkeys(("ClaimResult", "Comparison", "NoteCode", "Reason", "Report", "Verdict"), "report"),
}


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'factcheck' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # found once; later uses do not come here
    return value


def __dir__() -> list[str]:
    return list(__all__)


if TYPE_CHECKING:
    from .api import Checked, check, compare, explain, verify
    from .claims import ClaimsFile, LoadedClaims, load
    from .errors import ClaimsFileError, DataError, FactcheckError, Problem, UsageError
    from .report import ClaimResult, Comparison, NoteCode, Reason, Report, Verdict
