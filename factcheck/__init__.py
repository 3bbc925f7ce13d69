"""factcheck: check the numbers in a story against the data behind them.

>>> import factcheck
>>> report = factcheck.verify("claims/2020.yaml")      # doctest: +SKIP
>>> report.result("cases-filed-rise").verdict           # doctest: +SKIP
<Verdict.PASS: 'pass'>

The command line is a thin layer over these functions: :func:`verify` (``run``, and
``run --baseline``), :func:`check`, :func:`compare` (``diff``) and :func:`explain`.
"""

__version__ = "0.1.0"

from .api import Checked, check, compare, explain, verify  # noqa: E402
from .claims import ClaimsFile, LoadedClaims, load  # noqa: E402
from .errors import ClaimsFileError, DataError, FactcheckError, Problem, UsageError  # noqa: E402
from .report import ClaimResult, Comparison, NoteCode, Reason, Report, Verdict  # noqa: E402

__all__ = [
    "Checked", "ClaimResult", "ClaimsFile", "ClaimsFileError", "Comparison", "DataError", "FactcheckError",
    "LoadedClaims", "NoteCode", "Problem", "Reason", "Report", "UsageError", "Verdict", "__version__", "check",
    "compare", "explain", "load", "verify",
]
