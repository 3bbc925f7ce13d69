"""Compare two runs: what a data update (or an edit of the claims file) changed.

:func:`compare` takes a baseline :class:`~factcheck.report.Report` and a new
one and returns a :class:`~factcheck.report.Comparison`: per claim the verdict
and value before and after, claims added and removed, and the data files that
changed (by SHA-256). :func:`load_baseline` reads a JSON report and refuses,
with a clear message, anything that cannot be compared.

The rules, which ``docs/ci-gate.md`` states for users:

* **regression**: a claim that passed in the baseline and now fails or is
  unverifiable. Regressions make the gate's exit status 1.
* **improved**: failed or unverifiable before, passes now.
* **verdict_changed**: fail ↔ unverifiable.
* **value_changed**: same verdict, another computed value (reported, not fatal).
* **added** / **removed**: a claim id in only one of the two runs. A new claim
  that fails is not a regression (it never held), but ``run`` fails on it anyway.
* **same claims file**: two reports are about the same claims file when the
  file *names* agree (``2020.yaml``): the folder may differ, since a baseline is
  often made in another checkout (a CI worktree of the base branch). Reports of
  files with different names, or with no claim id in common, are not compared.
* **schema**: a baseline whose ``schema_version`` has another major version than
  this factcheck writes cannot be compared.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path, PurePath
from typing import Any

from pydantic import ValidationError

from .errors import Problem, UsageError
from .pathkinds import path_kind
from .report import (
    SCHEMA_VERSION,
    ClaimChange,
    ClaimResult,
    Comparison,
    ComparisonSummary,
    Report,
    TableChange,
    TableUse,
    Verdict,
)

STATUSES = ("regressed", "improved", "verdict_changed", "value_changed", "unchanged", "added", "removed")

_REMAKE = "make a new baseline with this factcheck: factcheck run CLAIMS.yaml --json baseline.json"


# --------------------------------------------------------------------------- loading

def load_baseline(path: str | Path, *, what: str = "baseline") -> Report:
    """Read a JSON report to compare against; raise :class:`UsageError` when it cannot be used."""
    file = str(path)
    text = _read_regular(Path(path), what)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError([Problem(f"the {what} file is not a factcheck report: it is not JSON ({exc.msg})",
                                  file=file, line=exc.lineno,
                                  hint="pass the file written by factcheck run --json")]) from None
    except RecursionError:
        raise UsageError([Problem(f"the {what} file is not a factcheck report: its JSON is nested too deeply "
                                  "to read", file=file, hint="pass the file written by factcheck run --json")]) from None
    except ValueError:  # Python reads no whole number of more than 4,300 digits (sys.get_int_max_str_digits)
        raise UsageError([_too_many_digits(text, file, what)]) from None
    surrogate = _LONE_SURROGATE.search(text) and _lone_surrogate(data)  # cheap test first: escapes are rare
    if surrogate:
        raise UsageError([Problem(f"the {what} file is not a factcheck report: it holds a lone surrogate "
                                  f"({surrogate}), which is not a character", file=file,
                                  hint="pass the file written by factcheck run --json")])
    if not isinstance(data, dict) or "schema_version" not in data or "results" not in data:
        raise UsageError([Problem(f"the {what} file is not a factcheck report: it has no schema_version and results",
                                  file=file, hint="pass the file written by factcheck run --json")])
    version = str(data["schema_version"])
    if _major(version) not in _READS:
        raise UsageError([Problem(
            f"the {what} report has schema_version {version}; this factcheck reads "
            f"{' and '.join(f'{m}.x' for m in _READS)} (it writes {SCHEMA_VERSION})", file=file, hint=_REMAKE)])
    if _major(version) == "1":
        data = _from_1(data)
    try:
        return Report.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise UsageError([Problem(
            f"the {what} file is not a valid factcheck report: {where}: {first['msg']}"
            + (f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""),
            file=file, hint=_REMAKE)]) from None


def _too_many_digits(text: str, file: str, what: str) -> Problem:
    """The problem with a report holding a number too long to read: which line, how many digits."""
    import sys

    limit = sys.get_int_max_str_digits()
    found = re.search(r"(?<![\d.eE])\d{%d,}(?![\d.eE])" % (limit + 1), text)  # a whole number, not a decimal's
    if found is None:
        return Problem(f"the {what} file is not a factcheck report: it is not JSON that can be read", file=file,
                       hint="pass the file written by factcheck run --json")
    return Problem(f"the {what} file is not a factcheck report: it holds a number written with "
                   f"{len(found.group()):,} digits (at most {limit:,} can be read)", file=file,
                   line=text.count("\n", 0, found.start()) + 1, hint="pass the file written by factcheck run --json")


def _read_regular(path: Path, what: str) -> str:
    """The text of a regular file; a FIFO, device or folder is refused at once instead of read (or waited on)."""
    import os
    import stat

    file = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO opens at once instead of waiting for a writer
    except FileNotFoundError:
        raise UsageError([Problem(f"no such {what} report", file=file,
                                  hint="write one with: factcheck run CLAIMS.yaml --json PATH")]) from None
    except OSError as exc:
        raise UsageError([Problem(f"cannot read the {what} report: {exc.strerror or exc}", file=file)]) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = path_kind(mode)
        raise UsageError([Problem(f"the {what} report is {kind}, not a file", file=file,
                                  hint="pass the file written by factcheck run --json")])
    with os.fdopen(fd, "rb") as f:
        try:
            return f.read().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UsageError([Problem(f"the {what} file is not a factcheck report: it is not UTF-8 text ({exc.reason} "
                                      f"at byte {exc.start})", file=file,
                                      hint="pass the file written by factcheck run --json")]) from None
        except OSError as exc:
            raise UsageError([Problem(f"cannot read the {what} report: {exc.strerror or exc}", file=file)]) from None


# a JSON escape of a UTF-16 surrogate: \ud800-\udfff (a pair is fine, a lone one is not a character)
_LONE_SURROGATE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _lone_surrogate(data: Any) -> str | None:
    """The first lone surrogate in any string of ``data`` (keys too), as an escape; None when there is none."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            for c in item:
                if "\ud800" <= c <= "\udfff":
                    return f"\\u{ord(c):04x}"
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def _major(version: str) -> str:
    return version.split(".", 1)[0]


_READS = ("1", _major(SCHEMA_VERSION))  # the schema versions a baseline may have


def _from_1(data: dict[str, Any]) -> dict[str, Any]:
    """A 1.x report as 2.x: its untyped ``details`` are dropped (a comparison never reads them)."""
    results = data.get("results")
    if not isinstance(results, list):
        return data
    return {**data, "results": [{k: v for k, v in r.items() if k != "details"} if isinstance(r, dict) else r
                                for r in results]}


def check_same_claims(baseline: Report, new: Report, *, baseline_file: str | None = None) -> None:
    """Refuse to compare reports of two different claims files (see the module's rules)."""
    old_name, new_name = PurePath(baseline.claims_file).name, PurePath(new.claims_file).name
    if old_name != new_name:
        raise UsageError([Problem(
            f"the baseline is a report on another claims file: {baseline.claims_file}, not {new.claims_file}",
            file=baseline_file, hint="compare runs of the same claims file; make a baseline of this one "
                                     f"with: factcheck run {new.claims_file} --json baseline.json")])
    old_ids, new_ids = {r.id for r in baseline.results}, {r.id for r in new.results}
    if old_ids and new_ids and not old_ids & new_ids:
        raise UsageError([Problem(
            f"the baseline shares no claim id with {new.claims_file}: it is a report on another story",
            file=baseline_file, detail="baseline ids: " + ", ".join(sorted(old_ids)[:8])
            + ("…" if len(old_ids) > 8 else ""),
            hint=f"make a baseline of this claims file with: factcheck run {new.claims_file} --json baseline.json")])


# --------------------------------------------------------------------------- comparing

def compare(baseline: Report, new: Report, *, baseline_file: str | None = None, check: bool = True) -> Comparison:
    """What changed from ``baseline`` to ``new``; ``check`` refuses reports of different claims files."""
    if check:
        check_same_claims(baseline, new, baseline_file=baseline_file)
    tables = _tables(baseline.tables, new.tables)
    changed_tables = {t.name for t in tables if t.status != "unchanged"}
    old = {r.id: r for r in baseline.results}
    claims: list[ClaimChange] = []
    for r in new.results:
        claims.append(_claim(old.get(r.id), r, changed_tables))
    seen = {r.id for r in new.results}
    claims += [_claim(r, None, changed_tables) for r in baseline.results if r.id not in seen]
    count = {s: sum(1 for c in claims if c.status == s) for s in STATUSES}
    summary = ComparisonSummary(regressed=count["regressed"], improved=count["improved"],
                                verdict_changed=count["verdict_changed"], value_changed=count["value_changed"],
                                unchanged=count["unchanged"], added=count["added"], removed=count["removed"],
                                tables_changed=len(changed_tables))
    return Comparison(baseline_file=baseline_file, baseline_claims_file=baseline.claims_file,
                      baseline_generated_at=baseline.generated_at, baseline_claims_sha256=baseline.claims_sha256,
                      claims_file=new.claims_file, generated_at=new.generated_at,
                      claims_file_changed=baseline.claims_sha256 != new.claims_sha256,
                      claims=claims, tables=tables, summary=summary)


def _tables(before: list[TableUse], after: list[TableUse]) -> list[TableChange]:
    old = {t.name: t for t in before}
    out = []
    for t in after:
        o = old.get(t.name)
        if o is None:
            out.append(TableChange(name=t.name, status="added", path_after=t.path, sha256_after=t.sha256,
                                   rows_after=t.rows))
            continue
        out.append(TableChange(name=t.name, status="unchanged" if o.sha256 == t.sha256 else "changed",
                               path_before=o.path, path_after=t.path, sha256_before=o.sha256,
                               sha256_after=t.sha256, rows_before=o.rows, rows_after=t.rows))
    names = {t.name for t in after}
    out += [TableChange(name=o.name, status="removed", path_before=o.path, sha256_before=o.sha256,
                        rows_before=o.rows) for o in before if o.name not in names]
    return out


def _claim(old: ClaimResult | None, new: ClaimResult | None, changed_tables: set[str]) -> ClaimChange:
    either = new or old
    assert either is not None
    fields: dict[str, Any] = dict(id=either.id, says=either.says,
                                  tables_changed=sorted(set(either.tables) & changed_tables))
    if old is not None:
        fields.update(verdict_before=old.verdict, reason_before=old.reason, value_before=old.value,
                      value_text_before=old.value_text,
                      stated_before=old.expectation.written if old.expectation else None)
    if new is not None:
        fields.update(verdict_after=new.verdict, reason_after=new.reason, value_after=new.value,
                      value_text_after=new.value_text, message=new.message, line=new.line,
                      stated_after=new.expectation.written if new.expectation else None)
    fields["status"] = status = _status(old, new)
    fields["regression"] = status == "regressed"
    return ClaimChange(**fields)


def _status(old: ClaimResult | None, new: ClaimResult | None) -> str:
    if old is None:
        return "added"
    if new is None:
        return "removed"
    if old.verdict == Verdict.PASS and new.verdict != Verdict.PASS:
        return "regressed"
    if old.verdict != Verdict.PASS and new.verdict == Verdict.PASS:
        return "improved"
    if old.verdict != new.verdict:
        return "verdict_changed"
    if not same_value(old.value, new.value) or old.value_text != new.value_text:
        return "value_changed"
    return "unchanged"


def same_value(a: Any, b: Any) -> bool:
    """Equal values; floats equal up to the noise of their last bits."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-15)
    return bool(a == b)


def diff_files(old: str | Path, new: str | Path) -> Comparison:
    """``factcheck diff OLD.json NEW.json`` as a library call."""
    baseline = load_baseline(old)
    current = load_baseline(new, what="new")
    return compare(baseline, current, baseline_file=str(old))
