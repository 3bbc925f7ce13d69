"""Results as data: what a run found, claim by claim, with its evidence.

These pydantic models are the contract for machines: the JSON report is
``Report.model_dump_json()`` and carries :data:`SCHEMA_VERSION`. Renderers
(terminal, Markdown, HTML, JUnit) read a :class:`Report`; none computes
anything of its own.
"""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field

from .measures import MeasureDetails
from .outcome import REASON_TEXT as REASON_TEXT
from .outcome import NoteCode as NoteCode
from .outcome import Reason as Reason
from .outcome import Verdict as Verdict

SCHEMA_VERSION = "2.0"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)


class Note(_Frozen):
    code: NoteCode
    message: str
    warning: bool = Field(default=False, description="shown next to the verdict in every report, not only as a note")


class ExpectationInfo(_Frozen):
    """The expectation as factcheck understood it."""

    written: str = Field(description="as written in the claims file, e.g. 'up 11%'")
    meaning: str = Field(description="how it was read, e.g. 'rounds to 59%: 58.5% ≤ x < 59.5%'")
    low: float | None = None
    high: float | None = None
    low_closed: bool = True
    high_closed: bool = False
    stated: float | None = Field(None, description="the figure stated, on the measure's scale")


class TableUse(_Frozen):
    """A data table read by the run."""

    name: str
    path: str = Field(description="as given in the claims file, or '<dataframe>'")
    sha256: str
    rows: int
    columns_read: list[str]


class SeriesPoint(_Frozen):
    """One period of a ``change`` or ``extreme`` measure, for charts and evidence."""

    key: str
    value: float | None
    marked: bool = False


class ClaimResult(_Frozen):
    """One claim's verdict and every piece of evidence behind it."""

    id: str
    says: str
    line: int | None = None
    kind: str | None = Field(None, description="the measure kind, e.g. 'share'")
    verdict: Verdict
    reason: Reason | None = None
    message: str = Field("", description="one sentence for an editor")
    expectation: ExpectationInfo | None = None
    value: float | bool | list[str] | None = None
    value_text: str | None = Field(None, description="the computed value for people, e.g. '48.2%'")
    value_exact: str | None = Field(None, description="the exact value as a fraction, e.g. '117/200'")
    numerator: float | None = None
    denominator: float | None = None
    numerator_text: str | None = Field(None, description="the numerator for people: money with its sign and every "
                                       "digit when it is an amount ('$1,234,567.89'), else plainly ('1,234,568')")
    denominator_text: str | None = Field(None, description="the denominator for people, as numerator_text")
    rows_kept: int | None = None
    rows_unknown: int | None = Field(None, description="rows left out because a value was unknown")
    tables: list[str] = []
    sql: str | None = None
    notes: list[Note] = []
    details: MeasureDetails | None = Field(None, description="what the measure kind adds: ranks, periods, rankings")
    series: list[SeriesPoint] | None = None

    def _repr_html_(self) -> str:
        """In a notebook: the claim's evidence card (see ``factcheck.render.notebook``)."""
        from .render.notebook import claim_html
        return claim_html(self)


class Summary(_Frozen):
    total: int
    passed: int
    failed: int
    unverifiable: int


def warnings(r: ClaimResult) -> list[Note]:
    """The notes every report shows next to the verdict (``mostly_unknown``)."""
    return [n for n in r.notes if n.warning]


class ClaimChange(_Frozen):
    """One claim between a baseline run and this one (see ``factcheck.diff``)."""

    id: str
    says: str | None = None
    status: str = Field(description="regressed, improved, verdict_changed, value_changed, unchanged, added or removed")
    regression: bool = Field(False, description="pass before, fail or unverifiable now: fails the gate")
    verdict_before: Verdict | None = None
    verdict_after: Verdict | None = None
    reason_before: Reason | None = None
    reason_after: Reason | None = None
    value_before: float | bool | list[str] | None = None
    value_after: float | bool | list[str] | None = None
    value_text_before: str | None = None
    value_text_after: str | None = None
    stated_before: str | None = Field(None, description="the expectation as written in the baseline")
    stated_after: str | None = None
    message: str = Field("", description="this run's one-sentence verdict for an editor")
    tables_changed: list[str] = Field([], description="tables this claim reads whose data file changed")
    line: int | None = Field(None, description="the claim's line in the newer run's claims file (none when removed)")


class TableChange(_Frozen):
    """One data table between a baseline run and this one, by checksum."""

    name: str
    status: str = Field(description="changed, unchanged, added or removed")
    path_before: str | None = None
    path_after: str | None = None
    sha256_before: str | None = None
    sha256_after: str | None = None
    rows_before: int | None = None
    rows_after: int | None = None


class ComparisonSummary(_Frozen):
    regressed: int
    improved: int
    verdict_changed: int
    value_changed: int
    unchanged: int
    added: int
    removed: int
    tables_changed: int


class Comparison(_Frozen):
    """What changed since a baseline report: filled by ``run --baseline`` and ``diff``."""

    baseline_file: str | None = Field(None, description="the baseline report's path, as given")
    baseline_claims_file: str
    baseline_generated_at: str
    baseline_claims_sha256: str
    claims_file: str
    generated_at: str
    claims_file_changed: bool = Field(description="the claims file's text differs (by SHA-256)")
    claims: list[ClaimChange]
    tables: list[TableChange]
    summary: ComparisonSummary

    @property
    def regressions(self) -> list[ClaimChange]:
        return [c for c in self.claims if c.regression]

    def exit_code(self) -> int:
        """1 when a claim that passed in the baseline no longer does; else 0."""
        return 1 if self.regressions else 0


class FigureStatus(str, Enum):
    """What checks a figure of the article."""

    CHECKED = "checked"            # a claim with a measure (or marked unverifiable:) states it
    NOT_ENCODED = "not_encoded"    # only claims noted without a measure state it
    IGNORED = "ignored"            # an ignore: entry leaves it unchecked, with a reason
    NOT_CHECKED = "not_checked"    # nothing states it


class ArticleFigure(_Frozen):
    """One figure of the article, as written, and the claims that state it."""

    text: str = Field(description="the figure as written in the article, e.g. '59 per cent'")
    sentence: str
    line: int
    column: int = Field(description="0-based offset of the figure in its line")
    end_line: int
    end_column: int
    start: int | None = Field(None, description="0-based offset of the figure in `sentence` "
                              "(sentence[start:end] == text); null in reports of earlier versions")
    end: int | None = None
    claims: list[str] = Field(description="ids of the claims that state it; empty when none")
    status: FigureStatus
    reason: str | None = Field(None, description="why the figure is not checked: the ignore: entry's reason, "
                               "when ignored; when not checked, whose condition it is, if it is a threshold "
                               "of another figure of its sentence")


class StaleSays(_Frozen):
    """A claim whose ``says`` is no longer in the article (the draft was edited)."""

    id: str
    says: str
    closest: str | None = Field(None, description="the article's closest sentence now")
    closest_line: int | None = None


class UnusedIgnore(_Frozen):
    """An ``ignore:`` entry that matches no figure of the article."""

    sentence: str
    figure: str
    reason: str


class CoverageReport(_Frozen):
    """Which figures of the article the claims file checks."""

    article: str = Field(description="the article's path, as the claims file gives it")
    figures: list[ArticleFigure]
    stale: list[StaleSays] = []
    unused_ignores: list[UnusedIgnore] = []
    required: bool = Field(default=False, description="run with --require-coverage: a figure not checked fails the run")

    def count(self, status: FigureStatus) -> int:
        return sum(1 for f in self.figures if f.status == status)

    @property
    def not_checked(self) -> list[ArticleFigure]:
        return [f for f in self.figures if f.status == FigureStatus.NOT_CHECKED]


class Report(_Frozen):
    """The result of one run over one claims file."""

    schema_version: str = SCHEMA_VERSION
    tool_version: str
    generated_at: str
    engine: str = Field("duckdb", description="the engine that computed the figures: duckdb or spark "
                        "(each claim's sql is DuckDB's either way)")
    claims_file: str
    claims_sha256: str
    title: str | None = None
    article: str | None = Field(None, description="path of the article, relative to the claims file")
    tables: list[TableUse]
    results: list[ClaimResult]
    summary: Summary
    comparison: Comparison | None = Field(None, description="what changed since a baseline report (run --baseline)")
    coverage: CoverageReport | None = Field(None, description="the article's figures and the claims that check "
                                            "them; absent when the claims file names no article")

    def result(self, claim_id: str) -> ClaimResult:
        for r in self.results:
            if r.id == claim_id:
                return r
        raise KeyError(claim_id)

    def exit_code(self, strict: bool = False, require_coverage: bool = False) -> int:
        """0 when no claim failed; 1 when one did (or, with ``strict``, was unverifiable or its
        ``says`` is no longer in the article; with ``require_coverage``, a figure of the
        article is not checked)."""
        bad = self.summary.failed + (self.summary.unverifiable if strict else 0)
        if self.coverage is not None:
            bad += len(self.coverage.stale) if strict else 0
            bad += len(self.coverage.not_checked) if require_coverage or self.coverage.required else 0
        return 1 if bad else 0

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"

    def _repr_html_(self) -> str:
        """In a notebook: a table of verdict, id, says, computed and expected, failures first."""
        from .render.notebook import report_html
        return report_html(self)


def summarize(results: list[ClaimResult]) -> Summary:
    count = {v: sum(1 for r in results if r.verdict == v) for v in Verdict}
    return Summary(total=len(results), passed=count[Verdict.PASS], failed=count[Verdict.FAIL],
                   unverifiable=count[Verdict.UNVERIFIABLE])
