"""The library API: what the command line does, as typed functions.

Each ``factcheck`` command is one call here (``run`` is :func:`verify`, ``run --baseline``
is :func:`verify` with ``baseline``, ``diff`` is :func:`compare`, ``check`` is :func:`check`,
``explain`` is :func:`explain`); the command line only parses its arguments, calls one of
these and writes what it returns. Import them from :mod:`factcheck`.

The engine is imported on the first call, not with the package, so that
``import factcheck`` stays light.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .claims import LoadedClaims
from .report import Comparison, CoverageReport, Note, Report, TableUse

if TYPE_CHECKING:
    import pandas

    from .explanation import Explanation
    from .sources.findings import TableWarning

ClaimsSource = str | Path | LoadedClaims
"""A claims file: its path, or one already loaded with :func:`factcheck.load`."""
Frames = Mapping[str, "pandas.DataFrame"]
"""Tables given as pandas DataFrames, by table name, used instead of the files."""


def verify(claims: ClaimsSource, tables: Frames | None = None, *, only: Sequence[str] | None = None,
           data_root: str | Path | None = None, baseline: str | Path | Report | None = None,
           before_reading: Callable[[list[tuple[str, Path]]], None] | None = None,
           engine: str = "duckdb", spark_master: str | None = None) -> Report:
    """Judge every claim of a claims file against its data; return the :class:`Report`.

    ``only`` judges just those claim ids. ``data_root`` allows data files under that folder
    besides the claims file's repository. ``baseline`` (an earlier report, or the path of
    its JSON) is compared with this run: the report's ``comparison`` says what changed.
    ``before_reading`` is called with every file the run reads ((description, path) pairs)
    once the claims file is compiled and before any data is read: raise to stop the run
    (the command line refuses a report path that is one of them). ``engine`` is ``"duckdb"``
    (the default) or ``"spark"``; ``spark_master`` the Spark master URL (else ``$SPARK_MASTER``,
    else local mode): see docs/engines.md.
    Raises :class:`~factcheck.errors.FactcheckError` when the claims file, the data or the
    baseline cannot be used; a bad baseline is refused before any data is read.
    """
    from .engine import verify as run

    old = _baseline(baseline, only) if baseline is not None else None
    def suggested(report: Report) -> Report:  # a pass of its own, checked against the run's file versions
        return _with_suggestions(report, claims, data_root)

    report = run(claims, dict(tables) if tables is not None else None, only=list(only) if only else None,
                 data_root=data_root, before_reading=before_reading, engine=engine, spark_master=spark_master,
                 then=suggested if tables is None else None)
    if old is None:
        return report
    shown = None if isinstance(baseline, Report) else str(baseline)
    if only:  # like with like: the baseline's tables its chosen claims read, not the whole run's
        read = {t for r in old.results for t in r.tables} | {t.name for t in report.tables}
        old = old.model_copy(update={"tables": [t for t in old.tables if t.name in read]})
    from .diff import compare as changes
    return report.model_copy(update={"comparison": changes(old, report, baseline_file=shown)})


def _with_suggestions(report: Report, claims: ClaimsSource, data_root: str | Path | None) -> Report:
    """Each claim noted without a measure (``not_encoded``) shows the best measure ``suggest`` finds.
    Called by the run before it checks its files' versions, so a file rewritten since the run read
    it refuses the run rather than giving suggestions of another version than the figures."""
    from .report import Reason

    bare = [r.id for r in report.results if r.reason == Reason.NOT_ENCODED]
    if not bare:
        return report
    import yaml

    from .errors import FactcheckError
    from .suggest import NOTHING_MEETS, reading_said, suggest

    try:
        found = suggest(claims, bare, top=1, data_root=data_root)
    except FactcheckError:
        return report  # the run's own verdicts stand; `factcheck suggest` says what is wrong
    # the sentence read as written first, when it does not meet the expectation: the figure may be wrong
    best = {c.id: (c.reading or c.candidates[0], c.reading is not None) for c in found.claims
            if c.reading or c.candidates}
    why_none = {c.id: c.note for c in found.claims if not (c.reading or c.candidates) and c.note
                and c.note != NOTHING_MEETS}  # "… is the condition of 'Nearly a third' …"
    results = []
    for r in report.results:
        if r.id in why_none:
            r = r.model_copy(update={"message": f"{r.message}; {why_none[r.id]}"})
        if r.id in best:
            s, reading = best[r.id]
            measure = yaml.safe_dump(s.measure, default_flow_style=True, width=10**6, sort_keys=False).strip()
            computes = (f"computes {s.value_text}, {s.verdict}: is the figure wrong?" if s.value_text is not None
                        else reading_said(s))
            said = (f"read as written: measure: {measure} ({computes})" if reading
                    else f"best suggestion: measure: {measure} (computes {s.value_text}, {s.verdict})")
            r = r.model_copy(update={"message": f"{r.message}; {said}"})
        results.append(r)
    return report.model_copy(update={"results": results})


def compare(baseline: str | Path | Report, new: str | Path | Report) -> Comparison:
    """What changed from ``baseline`` to ``new``: two reports, or paths of their JSON.

    Raises :class:`~factcheck.errors.UsageError` when a file is not a factcheck report or
    the two are reports on different claims files.
    """
    from .diff import compare as changes
    from .diff import load_baseline

    old = baseline if isinstance(baseline, Report) else load_baseline(baseline)
    current = new if isinstance(new, Report) else load_baseline(new, what="new")
    return changes(old, current, baseline_file=None if isinstance(baseline, Report) else str(baseline))


@dataclass(frozen=True)
class Checked:
    """A claims file that can be used: how many claims it holds and the tables it read."""

    claims_file: str
    claims: int
    tables: list[TableUse]
    ids: list[tuple[str, int | None]] = field(default_factory=list)  # each claim's id and line, in file order
    coverage: CoverageReport | None = None
    # what the data says against a claim before it is judged (``spelling_variants``): its id, line and the note
    warnings: list[tuple[str, int | None, Note]] = field(default_factory=list)
    # what the data says of a table itself (``no_rows``, ``total_row``), in the claims file's order of tables
    table_warnings: list[TableWarning] = field(default_factory=list)

    def exit_code(self) -> int:
        """1 when a claim's ``says`` is no longer in the article; else 0."""
        return 1 if self.coverage is not None and self.coverage.stale else 0


def check(claims: ClaimsSource, tables: Frames | None = None, *, data_root: str | Path | None = None,
          engine: str = "duckdb", spark_master: str | None = None) -> Checked:
    """Validate a claims file and all its data without judging any claim.

    Every declared table is read and checked against its contract and key, and the claims'
    ``says`` are looked for in the article (``Checked.exit_code`` is 1 when one is gone); raises
    :class:`~factcheck.errors.FactcheckError` listing every problem found.
    """
    from .engine import prepare

    session = prepare(claims, dict(tables) if tables is not None else None, data_root=data_root, everything=True,
                      engine=engine, spark_master=spark_master)
    session.prepared = replace(session.prepared, checking=True)  # a total row looked for in every table
    from .draft.review import article_coverage
    from .sources.findings import table_warnings

    try:
        read = session.materialize()
        read.lookup_notes(session.backend)  # a large table's lookups too: `check` has no shared scan to count them
        uses = session.uses
        session.refuse_changed_files()  # the contracts and keys were checked on one version of each file
    finally:
        if engine != "duckdb":
            session.backend.close()
    loaded = session.prepared.loaded
    ids = [(c.id, loaded.claim_line(i, "id")) for i, c in enumerate(loaded.model.claims)]
    warnings = [(plan.claim.id, loaded.claim_line(plan.index, "id"), note)
                for plan in session.plans for note in read.notes.get(plan.index, []) if note.warning]
    return Checked(str(loaded.path), len(session.plans), uses, ids, article_coverage(loaded), warnings,
                   table_warnings(session.prepared, read))


def explain(claims: str | Path, claim_id: str, tables: Frames | None = None, *,
            data_root: str | Path | None = None, engine: str = "duckdb",
            spark_master: str | None = None) -> Explanation:
    """Run one claim and show its working: filter steps, numerator and denominator, SQL, rows
    (on Spark, ``engine="spark"``, the Spark SQL it ran too)."""
    from .explanation import explain as run

    return run(claims, claim_id, dict(tables) if tables is not None else None, data_root=data_root,
               engine=engine, spark_master=spark_master)


def _baseline(baseline: str | Path | Report, only: Sequence[str] | None) -> Report:
    from .diff import load_baseline

    old = baseline if isinstance(baseline, Report) else load_baseline(baseline)
    if only:  # claims left out by --only are not "removed"
        old = old.model_copy(update={"results": [r for r in old.results if r.id in only]})
    return old
