"""The error of an ``expect:`` that cannot be read."""

from __future__ import annotations


class ExpectationError(ValueError):
    """An `expect:` that cannot be read, or does not fit the measure.

    ``str()`` is one sentence; ``.hint`` suggests a fix.

    >>> ExpectationError("cannot read 'lots'", hint="write e.g. '59%'").hint
    "write e.g. '59%'"
    """

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint
