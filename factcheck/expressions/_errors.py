"""Errors raised while reading or compiling an expression, and name suggestions."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ._nodes import Name


class ExpressionError(ValueError):
    """An expression that cannot be read or compiled.

    ``text`` is the whole expression, ``position`` the 0-based offset of the problem,
    ``message`` one sentence saying what is wrong and ``hint`` (optional) how to fix it.
    ``str(error)`` is the message and hint on one line; :meth:`render` adds the
    expression with a caret under the problem.
    """

    def __init__(self, message: str, text: str, position: int, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.text = text
        self.position = max(0, min(position, len(text)))
        self.hint = hint

    def __str__(self) -> str:
        return self.message if self.hint is None else f"{self.message} ({self.hint})"

    def render(self) -> str:
        """The message, the line of the expression holding the problem, a caret, the hint."""
        start = self.text.rfind("\n", 0, self.position) + 1
        end = self.text.find("\n", self.position)
        line = self.text[start : len(self.text) if end == -1 else end]
        # Keep tabs so the caret lines up under the same character in a terminal.
        pad = "".join(ch if ch == "\t" else " " for ch in line[: self.position - start])
        out = [self.message, f"  {line}", f"  {pad}^"]
        if self.hint:
            out.append(self.hint)
        return "\n".join(out)


class UnknownName(LookupError):
    """Raised by a resolver given to :func:`to_sql` for a column or link it does not know.

    ``suggestions`` are close existing names ("did you mean …"); ``message`` replaces the
    default "unknown column 'x'" (e.g. "unknown link 'cse'").
    """

    def __init__(
        self, name: Name, suggestions: Sequence[str] = (), message: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.name = name
        self.suggestions = tuple(suggestions)
        self.hint = hint  # replaces "did you mean" when the resolver knows better (a misread file)
        label = name.column if name.link is None else f"{name.link}.{name.column}"
        self.message = message or f"unknown column '{label}'"
        super().__init__(self.message)


def suggest(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """The candidates closest to ``word``, best first (case-insensitive), at most ``n``.

    A candidate equal to ``word`` but for case always comes first.
    """
    pool = list(dict.fromkeys(candidates))
    by_lower: dict[str, str] = {}
    for candidate in pool:
        by_lower.setdefault(candidate.lower(), candidate)
    found: list[str] = []
    if word.lower() in by_lower and by_lower[word.lower()] != word:
        found.append(by_lower[word.lower()])
    for match in difflib.get_close_matches(word.lower(), list(by_lower), n=n, cutoff=0.6):
        if by_lower[match] not in found and by_lower[match] != word:
            found.append(by_lower[match])
    return found[:n]


def did_you_mean(suggestions: Sequence[str]) -> str | None:
    """``did you mean 'a'?`` / ``did you mean 'a' or 'b'?`` or None without suggestions."""
    if not suggestions:
        return None
    quoted = [f"'{s}'" for s in suggestions]
    if len(quoted) == 1:
        return f"did you mean {quoted[0]}?"
    return f"did you mean {', '.join(quoted[:-1])} or {quoted[-1]}?"
