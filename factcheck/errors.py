"""Errors a user can act on.

factcheck keeps two kinds of trouble apart (as pandera does):

* a claims file, a data file or a command line that cannot be used: a
  :class:`FactcheckError` carrying one or more :class:`Problem` s, each naming
  the file, the line or row, the claim and a hint. The CLI prints them and
  exits with status 2; nothing is judged.
* data that does not back a claim: that is a *verdict* (see ``verdicts.py``),
  never an exception.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can."""

    message: str
    file: str | None = None
    line: int | None = None
    claim: str | None = None
    hint: str | None = None
    column: str | None = None
    detail: str | None = None  # e.g. an expression with a caret under the fault

    def where(self) -> str:
        """``claims/2020.yaml:12`` / ``data/cases.csv row 7`` style location."""
        if not self.file:
            return ""
        return f"{self.file}:{self.line}" if self.line else self.file

    def describe(self) -> str:
        """The problem as plain text, one fact per line."""
        head = self.where()
        parts = [f"{head}: " if head else ""]
        if self.claim:
            parts.append(f"claim '{self.claim}': ")
        parts.append(self.message)
        lines = ["".join(parts)]
        if self.detail:
            lines.extend("    " + d for d in self.detail.splitlines())
        if self.hint:
            lines.append(f"  hint: {self.hint}")
        return "\n".join(lines)


@dataclass
class FactcheckError(Exception):
    """Input that cannot be used. Holds every problem found, not just the first."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return "\n".join(p.describe() for p in self.problems)


class ClaimsFileError(FactcheckError):
    """The claims file is wrong: bad YAML, unknown names, unreadable expectations…"""


class DataError(FactcheckError):
    """A data file cannot be read, or contradicts what the claims file declares."""


class UsageError(FactcheckError):
    """The command line or API call cannot be used as given."""


def problem_error(cls: type[FactcheckError], message: str, **where: object) -> FactcheckError:
    """Build a one-problem error: ``raise problem_error(DataError, "…", file=…)``."""
    return cls([Problem(message, **where)])  # type: ignore[arg-type]


class HintedError(ValueError):
    """A validation error of the claims file that carries a hint for the person fixing it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint
