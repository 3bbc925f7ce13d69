"""GitHub Actions annotations: each claim that needs a look, on its line of the claims file.

Under GitHub Actions (``GITHUB_ACTIONS=true``) or with ``--annotations github``, ``factcheck
run`` and ``factcheck check`` print one *workflow command* per finding, which GitHub shows
on the line of the file in the pull request and on the run's summary page::

    ::error file=claims/story.yaml,line=24,title=factcheck%3A claim 'orders-fell' fails::stated down 40%25, …

What gets which level — an **error** is what fails the command's exit status:

* a claim that fails: an error on its line of the claims file;
* a claim that is unverifiable: a warning there (an error under ``--strict``);
* a claim whose ``says`` is gone from the article: a warning there in ``run`` (an error
  under ``--strict``, and in ``check``, which exits 1 on it);
* a claim whose data gives it a warning (``spelling_variants``: the value it compares is
  also spelled another way in the column): a warning on its line, in ``run`` and ``check``,
  whatever the verdict;
* a figure of the article no claim checks: a notice on its line and columns of the
  article (an error under ``--require-coverage``);
* input that cannot be used (exit 2): an error on each problem's file and line.

``factcheck diff OLD NEW`` annotates what changed between the two reports, on the claim's
line of the newer run's claims file: a claim that regressed (passed, now fails or is
unverifiable: what fails ``diff``) is an error, another change of verdict a warning, a claim
that now passes again a notice, and a claim removed since the baseline a notice on the file.

Paths are relative to the repository root — ``$GITHUB_WORKSPACE`` when set, else the root
:func:`factcheck.sources.repository_root` finds — with ``/`` separators, as GitHub wants.

**Escaping.** A workflow command is obeyed only at the start of a log line, so no text of a
claims file or of the data may ever end a line: in the message ``%``, CR and LF are written
``%25``, ``%0D`` and ``%0A`` (GitHub shows them as the characters again), and in a property
(``file``, ``title``) ``:`` and ``,`` also become ``%3A`` and ``%2C``. Any other control
character, a Unicode line separator or a bidi override is shown escaped (``\\x1b``,
``\\u2028``), as everywhere else in factcheck (:mod:`.safetext`). ``::`` inside a message is
harmless once no line can start with it, and is kept as written.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal

from ..report import Comparison, Report, Verdict
from .safetext import escape_hidden

if TYPE_CHECKING:
    from ..api import Checked
    from ..errors import FactcheckError, Problem

Level = Literal["error", "warning", "notice"]

_DATA = {"%": "%25", "\r": "%0D", "\n": "%0A"}
_PROPERTY = _DATA | {":": "%3A", ",": "%2C"}
_DATA_RE = re.compile("[%\r\n]")
_PROPERTY_RE = re.compile("[%\r\n:,]")


def _shown(text: str) -> str:
    """Other control characters, separators and bidi overrides as visible escapes."""
    return escape_hidden(text, keep="\r\n")


def escape_data(text: str) -> str:
    """A message as GitHub reads it back: ``%`` → ``%25``, CR → ``%0D``, LF → ``%0A``."""
    return _DATA_RE.sub(lambda m: _DATA[m.group()], _shown(text))


def escape_property(text: str) -> str:
    """A property value: as :func:`escape_data`, and ``:`` → ``%3A``, ``,`` → ``%2C``."""
    return _PROPERTY_RE.sub(lambda m: _PROPERTY[m.group()], _shown(text))


@dataclass(frozen=True)
class Annotation:
    """One workflow command: a level, where (file, lines, columns), a title and a message."""

    level: Level
    file: str | None
    line: int | None
    title: str
    message: str
    end_line: int | None = None
    col: int | None = None
    end_column: int | None = None

    def command(self) -> str:
        """The line to print: ``::error file=…,line=…,title=…::message``."""
        props: list[tuple[str, object]] = [("file", self.file), ("line", self.line), ("endLine", self.end_line),
                 ("col", self.col), ("endColumn", self.end_column), ("title", self.title)]
        shown = ",".join(f"{k}={escape_property(str(v))}" for k, v in props if v is not None)
        return f"::{self.level} {shown}::{escape_data(self.message)}"


def enabled(mode: str) -> bool:
    """Print annotations? ``github`` yes, ``none`` no, ``auto`` when ``GITHUB_ACTIONS`` is ``true``."""
    if mode == "auto":
        return os.environ.get("GITHUB_ACTIONS", "").lower() == "true"
    return mode == "github"


def workspace_root(claims_file: str | Path) -> Path:
    """The folder annotation paths are relative to: ``$GITHUB_WORKSPACE``, else the repository root."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if workspace:
        return Path(workspace).resolve()
    from ..sources import repository_root
    return repository_root(Path(claims_file).parent)


def relative(path: str | Path, root: Path) -> str:
    """``path`` relative to ``root`` with ``/`` separators; as given when it lies outside."""
    full = Path(path).resolve()
    if full.is_relative_to(root):
        return full.relative_to(root).as_posix()
    return Path(path).as_posix()


def report_annotations(report: Report, root: Path, *, strict: bool = False,
                       require_coverage: bool = False) -> list[Annotation]:
    """A run's findings: failed and unverifiable claims, stale ``says``, figures no claim checks."""
    file = relative(report.claims_file, root)
    regressed = {c.id for c in report.comparison.regressions} if report.comparison is not None else set()
    out: list[Annotation] = []
    for r in report.results:
        out += [_warned(r.id, n.code.value, n.message, file, r.line) for n in r.notes if n.warning]
        if r.verdict == Verdict.PASS:
            continue
        failed = r.verdict == Verdict.FAIL
        level: Level = "error" if failed or strict else "warning"
        what = "fails" if failed else "is unverifiable"
        since = " (regressed since the baseline)" if r.id in regressed else ""
        reason = f" [{r.reason.value}]" if r.reason is not None else ""
        out.append(Annotation(level, file, r.line, f"factcheck: claim '{r.id}' {what}{since}",
                              f"{r.message}{reason}\nsays: {r.says}"))
    cov = report.coverage
    if cov is None:
        return out
    lines = {r.id: r.line for r in report.results}
    for s in cov.stale:
        out.append(_stale(s.id, s.says, s.closest, file, lines.get(s.id), "error" if strict else "warning"))
    article = relative(Path(report.claims_file).parent / cov.article, root)
    required = require_coverage or cov.required
    for f in cov.not_checked:
        cols = f.line == f.end_line
        out.append(Annotation("error" if required else "notice", article, f.line,
                              f"factcheck: figure '{f.text}' is checked by no claim",
                              f"no claim in {file} states '{f.text}' in: {f.sentence}\n"
                              + (f.reason or "add a claim for it, or an ignore: entry with a reason"),
                              end_line=f.end_line, col=f.column + 1 if cols else None,
                              end_column=f.end_column if cols else None))
    return out


def _stale(claim: str, says: str, closest: str | None, file: str, line: int | None, level: Level) -> Annotation:
    near = f"\nthe article's closest sentence now: {closest}" if closest else ""
    return Annotation(level, file, line, f"factcheck: claim '{claim}' says what the article no longer says",
                      f"says: {says}{near}\nupdate says: to the article's sentence, or remove the claim")


def _warned(claim: str, code: str, message: str, file: str, line: int | None) -> Annotation:
    return Annotation("warning", file, line, f"factcheck: claim '{claim}' has a warning: {code}", message)


def checked_annotations(checked: Checked, root: Path) -> list[Annotation]:
    """``factcheck check``: each claim whose ``says`` is gone from the article (it exits 1), each
    warning the data gives a table (``no_rows``, ``total_row``) and each it gives a claim
    (``spelling_variants``)."""
    file = relative(checked.claims_file, root)
    out = [Annotation("warning", file, t.line, f"factcheck: table '{t.table}' has a warning: {t.code}", t.message)
           for t in checked.table_warnings]
    out += [_warned(claim, note.code.value, note.message, file, line) for claim, line, note in checked.warnings]
    if checked.coverage is None:
        return out
    lines = dict(checked.ids)
    return out + [_stale(s.id, s.says, s.closest, file, lines.get(s.id), "error") for s in checked.coverage.stale]


def problem_annotations(problems: Sequence[Problem], root: Path) -> list[Annotation]:
    """Input that cannot be used (exit 2): each problem on its file and line."""
    out = []
    for p in problems:
        claim = f"claim '{p.claim}': " if p.claim else ""
        hint = f"\nhint: {p.hint}" if p.hint else ""
        detail = f"\n{p.detail}" if p.detail else ""
        out.append(Annotation("error", relative(p.file, root) if p.file else None, p.line if p.file else None,
                              "factcheck: the input cannot be used", f"{claim}{p.message}{detail}{hint}"))
    return out


def comparison_annotations(comparison: Comparison, root: Path) -> list[Annotation]:
    """``factcheck diff``: regressions as errors, other verdict changes as warnings, claims that
    pass again and removed claims as notices."""
    file = relative(comparison.claims_file, root)
    out: list[Annotation] = []
    for c in comparison.claims:
        before = c.verdict_before.value if c.verdict_before is not None else None
        after = c.verdict_after.value if c.verdict_after is not None else None
        moved = f"{before} before, {after} now"
        values = f" (computed {c.value_text_before} before, {c.value_text_after} now)" \
            if c.value_text_before != c.value_text_after else ""
        data = f"\ndata changed: {', '.join(c.tables_changed)}" if c.tables_changed else ""
        says = f"\nsays: {c.says}" if c.says else ""
        if c.status == "regressed":
            out.append(Annotation("error", file, c.line, f"factcheck: claim '{c.id}' regressed since the baseline",
                                  f"{moved}{values}: {c.message}{data}{says}"))
        elif c.status == "verdict_changed":
            out.append(Annotation("warning", file, c.line, f"factcheck: claim '{c.id}' changed verdict",
                                  f"{moved}{values}: {c.message}{data}{says}"))
        elif c.status == "improved":
            out.append(Annotation("notice", file, c.line, f"factcheck: claim '{c.id}' passes again",
                                  f"{moved}{values}{data}{says}"))
        elif c.status == "removed":
            out.append(Annotation("notice", file, None, f"factcheck: claim '{c.id}' is gone since the baseline",
                                  f"it was {before} in the baseline{says}"))
    return out


def print_annotations(annotations: Iterable[Annotation], stream: IO[str]) -> None:
    """One workflow command per line."""
    for a in annotations:
        stream.write(a.command() + "\n")
    stream.flush()


class Annotator:
    """What the command line prints: paths relative to the workspace of its first claims file,
    to stdout (stderr when a report goes to stdout), in any encoding."""

    def __init__(self, first: str | Path, on_stderr: bool = False) -> None:
        self.root, self.on_stderr = workspace_root(first), on_stderr

    def print(self, found: Iterable[Annotation]) -> None:
        from ._console import text_stream
        print_annotations(found, text_stream(self.on_stderr))

    def report(self, report: Report, *, strict: bool = False, require_coverage: bool = False) -> None:
        self.print(report_annotations(report, self.root, strict=strict, require_coverage=require_coverage))

    def comparison(self, comparison: Comparison) -> None:
        self.print(comparison_annotations(comparison, self.root))

    def checked(self, checked: Checked) -> None:
        self.print(checked_annotations(checked, self.root))

    def problems(self, exc: FactcheckError) -> None:
        self.print(problem_annotations(exc.problems, self.root))
