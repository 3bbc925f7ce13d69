"""Errors raised while reading or compiling an expression."""

from __future__ import annotations

from collections.abc import Sequence
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
