"""factcheck: check the numbers in a story against the data behind them.

>>> import factcheck
>>> report = factcheck.verify("claims/2020.yaml")      # doctest: +SKIP
>>> report.result("cases-filed-rise").verdict           # doctest: +SKIP
<Verdict.PASS: 'pass'>
"""

__version__ = "0.1.0"

from .claims import ClaimsFile, LoadedClaims, load  # noqa: E402
from .errors import ClaimsFileError, DataError, FactcheckError, Problem, UsageError  # noqa: E402
from .report import ClaimResult, NoteCode, Reason, Report, Verdict  # noqa: E402


def verify(claims, tables=None, *, only=None, data_root=None):  # type: ignore[no-untyped-def]
    """Judge every claim of a claims file; see :func:`factcheck.engine.verify`."""
    from .engine import verify as _verify
    return _verify(claims, tables, only=only, data_root=data_root)


__all__ = [
    "ClaimResult", "ClaimsFile", "ClaimsFileError", "DataError", "FactcheckError", "LoadedClaims",
    "NoteCode", "Problem", "Reason", "Report", "UsageError", "Verdict", "__version__", "load", "verify",
]
