"""``factcheck run --step-summary``: the Markdown report appended to ``$GITHUB_STEP_SUMMARY``.

GitHub Actions gives each step a file whose Markdown it shows on the run's summary page;
steps *append* to it (the file is shared by the job's steps). The variable is checked
before any work, and the file is refused like any report path that is an input or cannot
take text (a folder, a FIFO): a claims file, a data file or a baseline is never written.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import Problem, UsageError
from .outputs import os_reason, same_file
from .pathkinds import path_kind

VARIABLE = "GITHUB_STEP_SUMMARY"


class StepSummary:
    """The job's summary file, checked when made; :meth:`append` adds a report to it."""

    def __init__(self) -> None:
        value = os.environ.get(VARIABLE, "")
        if not value:
            raise UsageError([Problem(f"--step-summary: ${VARIABLE} is not set, so there is no summary to write to",
                                      hint="GitHub Actions sets it in every step; elsewhere write the Markdown "
                                           "report with --markdown PATH")])
        self.path = Path(value)
        try:
            mode = self.path.stat().st_mode
        except FileNotFoundError:
            mode = None
        except OSError as exc:
            raise self._error(os_reason(exc)) from None
        kind = path_kind(mode) if mode is not None else None
        if kind is not None:
            raise self._error(f"it is {kind}, not a regular file")

    def _error(self, reason: str, hint: str | None = None) -> UsageError:
        return UsageError([Problem(f"--step-summary: cannot append to ${VARIABLE} ({self.path}): {reason}",
                                   hint=hint or "point it at a file that can be written")])

    def refuse_inputs(self, inputs: Iterable[tuple[str, str | Path | None]]) -> None:
        """Raise :class:`UsageError` when the summary file is one of the run's inputs."""
        real = self.path.resolve()
        for what, path in inputs:
            if path is not None and (Path(path).resolve() == real or same_file(Path(path), real)):
                raise self._error(f"it is {what} ({path})", "factcheck never changes its inputs")

    def guarding(self, refuse: Callable[[list[tuple[str, str | Path | None]]], None]
                 ) -> Callable[[Iterable[tuple[str, str | Path | None]]], None]:
        """``refuse`` (the report paths' own check of inputs), refusing them for the summary too."""
        def both(inputs: Iterable[tuple[str, str | Path | None]]) -> None:
            found = list(inputs)
            refuse(found)
            self.refuse_inputs(found)
        return both

    def append(self, markdown: str) -> None:
        """Add ``markdown`` at the end, after a blank line when the file already holds text."""
        try:
            with open(self.path, "a", encoding="utf-8", errors="backslashreplace", newline="") as f:
                if f.tell():
                    f.write("\n")
                f.write(markdown)
        except OSError as exc:
            raise self._error(os_reason(exc)) from None
