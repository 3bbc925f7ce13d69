"""Where a command writes its reports: checked before any work, each written whole or not at all.

A command makes one :class:`Outputs` from the paths given on its command line
(``-`` is standard output and is left to the command). Then, in order:

1. ``Outputs(...)`` refuses, before anything is read, a path that cannot be
   written: a folder, a device or FIFO (``/dev/full``; only ``/dev/null`` is
   taken, and gets nothing), a read-only file, a folder that cannot be created or
   written, and two outputs on the same file. The folders of a path are created,
   and a temporary file is opened beside each target: that is the write test, and
   later the report itself.
2. :meth:`Outputs.refuse_inputs` refuses an output that is one of the run's
   inputs (the claims file, a data file, the article, the baseline), following
   symbolic links and hard links.
3. :meth:`Outputs.write` fills the temporary files, and :meth:`Outputs.commit`
   renames each over its target (``os.replace``): a reader sees the old file or
   the whole new one, never half a report. A symbolic link at the target is
   replaced, never written through.

Leaving the ``with`` block without :meth:`Outputs.commit` (an error, Ctrl-C)
removes the temporary files and the folders made for them: nothing is written.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from .errors import Problem, UsageError
from .pathkinds import path_kind

STDOUT = "-"


@dataclass
class _Target:
    option: str          # '--json'
    given: str           # as typed
    path: Path           # absolute; a link at the end is not followed (it is what gets replaced)
    real: Path           # every link followed: the file a reader of `given` would see
    temp: Path | None = None
    mode: int = 0o644
    written: bool = False
    null: bool = False   # /dev/null: the report is thrown away, so there is nothing to write


@dataclass
class Outputs:
    """The report files of one command. Use as a context manager."""

    wanted: Iterable[tuple[str, str | None]]
    targets: list[_Target] = field(default_factory=list, init=False)
    _made: list[Path] = field(default_factory=list, init=False)  # folders created for the targets

    def __post_init__(self) -> None:
        problems: list[Problem] = []
        umask = _umask()
        for option, given in self.wanted:
            if not given or given == STDOUT:
                continue
            absolute = Path(given).absolute()
            path = absolute.parent.resolve() / absolute.name  # the folder as the system finds it
            target = _Target(option, given, path, path.resolve(), mode=0o666 & ~umask)
            problem = self._check(target) or self._same_as_another(target)
            if problem:
                problems.append(problem)
            else:
                self.targets.append(target)
        if not problems:
            for target in self.targets:
                problem = self._open(target)
                if problem:
                    problems.append(problem)
        if problems:
            self.discard()
            raise UsageError(problems)

    # ------------------------------------------------------------------ checks
    def _check(self, t: _Target) -> Problem | None:
        try:
            st = t.real.stat()
        except FileNotFoundError:
            return None
        except OSError as exc:
            return _problem(t, os_reason(exc), hint="choose a path you can write to")
        kind = path_kind(st.st_mode)
        if kind and same_file(t.real, Path(os.devnull)):
            t.null = True
            return None
        if kind:
            return _problem(t, f"it is {kind}, not a file", hint="give a file path for the report, "
                            "or '-' to write it to standard output")
        if not st.st_mode & 0o222:
            return _problem(t, "the file is read-only",
                            hint="make it writable (chmod u+w) or write the report elsewhere")
        t.mode = stat.S_IMODE(st.st_mode)
        return None

    def _same_as_another(self, t: _Target) -> Problem | None:
        for other in self.targets:
            if other.real == t.real or same_file(other.real, t.real):
                return _problem(t, f"{other.option} writes to the same file", hint="give each report its own path")
        return None

    def _open(self, t: _Target) -> Problem | None:
        if t.null:
            return None
        folder = t.path.parent
        missing = [p for p in (folder, *folder.parents) if not p.exists()]
        try:
            for p in reversed(missing):
                p.mkdir()
                self._made.append(p)
            fd, name = tempfile.mkstemp(prefix=f".{t.path.name}.", suffix=".tmp", dir=folder)
        except OSError as exc:
            return _problem(t, f"its folder {folder}: {os_reason(exc)}", hint="choose a folder you can write to")
        os.close(fd)
        t.temp = Path(name)
        return None

    def refuse_inputs(self, inputs: Iterable[tuple[str, str | Path | None]]) -> None:
        """Raise :class:`UsageError` when an output would overwrite an input: ``(what it is, path)`` pairs."""
        problems = []
        inputs = list(inputs)
        for t in self.targets:
            for what, path in inputs:
                if path is None:
                    continue
                real = Path(path).resolve()
                if real == t.real or same_file(real, t.real):
                    problems.append(_problem(t, f"it is {what} ({path}), which the report would destroy",
                                             hint="write reports to another path: factcheck never changes its "
                                                  "inputs"))
        if problems:
            raise UsageError(problems)

    # ------------------------------------------------------------------ writing
    def write(self, option: str, text: str) -> None:
        """Fill the temporary file of ``option``'s target; nothing is visible until :meth:`commit`."""
        t = next(t for t in self.targets if t.option == option)
        if t.null:
            return
        assert t.temp is not None
        try:
            with open(t.temp, "w", encoding="utf-8", errors="backslashreplace", newline="") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
        except OSError as exc:
            raise UsageError([_problem(t, os_reason(exc), hint="free some space or choose another folder")]) from None
        t.written = True

    def commit(self) -> None:
        """Put every written report in place, each in one rename."""
        for t in self.targets:
            if t.written and t.temp is not None:
                try:
                    os.chmod(t.temp, t.mode)
                    os.replace(t.temp, t.path)
                except OSError as exc:
                    raise UsageError([_problem(t, os_reason(exc), hint="choose another path")]) from None
                t.temp = None
        self._made.clear()
        self.discard()

    def discard(self) -> None:
        """Remove the temporary files left, and the folders made for them if still empty."""
        for t in self.targets:
            if t.temp is not None:
                t.temp.unlink(missing_ok=True)
                t.temp = None
        for folder in reversed(self._made):
            try:
                folder.rmdir()
            except OSError:
                break
        self._made.clear()

    def __enter__(self) -> Outputs:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.discard()


def _problem(t: _Target, reason: str, *, hint: str | None = None) -> Problem:
    return Problem(f"cannot write the {t.option} report here: {reason}", file=t.given, hint=hint)


def os_reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def same_file(a: Path, b: Path) -> bool:
    """Hard links to one file are one file."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
