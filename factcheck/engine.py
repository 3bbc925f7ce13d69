"""A run, from a claims file to a :class:`~factcheck.report.Report`, in four steps.

1. :func:`prepare` loads the claims file, finds the tables and reads their headers
   (through the backend), compiles every claim to a plan and reads every expectation.
   Every problem is collected and raised together before any data is read.
2. :func:`read` reads each table once into the backend, only the columns the claims
   use, computing ``derive`` columns and checking contracts and lookup keys.
3. :func:`evaluate` runs each claim's plan (an :class:`~factcheck.planning.execute.Executor`
   shares scans among claims) and 4. judges it (:func:`judge_claim`).

Each step takes what it needs as arguments; a :class:`Session` only bundles them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from . import __version__
from .background import Pending, Ready, meanwhile
from .claims import LoadedClaims, load
from .errors import ClaimsFileError, DataError, Problem
from .expectations import Expectation, ExpectationError, MeasureShape, parse_expectation
from .expectations.vocabulary import DEFAULT, Vocabulary
from .expressions import ExpressionError, Name, UnknownName, quote_ident, suggest
from .interrupts import reraise_interrupt
from .measures import KINDS, MeasureError, kind_of
from .measures._groups import table_of
from .planning.catalog import Catalog, LinkError, parse_derives
from .planning.compiler import compile_claim
from .planning.execute import Executor
from .planning.nodes import ClaimPlan, PathKey, PlanNode
from .report import ClaimResult, CoverageReport, Reason, Report, TableUse, summarize
from .sources import Source, describe_root, locate, repository_root
from .sources.tables import follow, version_control_folder, version_control_problem
from .verdicts import expectation_info, judge, stated_only, unverifiable

if TYPE_CHECKING:
    from .backends import Backend
    from .claims import Claim
    from .loading import TablesRead


@dataclass(frozen=True)
class Prepared:
    """A run before any data is read: the claims, located tables, compiled plans, expectations."""

    loaded: LoadedClaims
    sources: dict[str, Source]
    catalog: Catalog
    plans: list[ClaimPlan]
    expectations: dict[str, Expectation]
    everything: bool = False  # `factcheck check`: read and check every declared table and key
    learning: bool = False  # `factcheck init`: dates read in the year 13 are its to declare, not to refuse
    checking: bool = False  # `factcheck check`: a total row is looked for in every table, not only those measured


def read(prepared: Prepared, backend: Backend) -> TablesRead:
    """Read the tables the run needs into the backend; check contracts and lookups. Their
    checksums are still being taken when it returns (:class:`~factcheck.loading.TablesRead`)."""
    from .loading import read_tables
    return read_tables(prepared, backend)


def evaluate(prepared: Prepared, backend: Backend, tables: TablesRead,
             coverage: Pending[CoverageReport | None] | None = None, *, last: bool = True) -> Report:
    """Evaluate and judge every claim. Errors a claim's SQL raises are collected and raised together.

    ``coverage``: the article's coverage, when the caller started working it out earlier.
    ``last``: these are the command's last queries, so the files' versions are checked now
    (:func:`refuse_changed_files`); a caller that queries on (``explain``) passes False and
    checks after its own last query. The tables' checksums are waited for after the last claim,
    before the files' versions are compared."""
    backend.seal()  # defence in depth behind the expression allowlist: no query can touch a file now
    if coverage is not None:
        return _evaluate(prepared, backend, tables, coverage, last)
    coverage = _article_coverage_meanwhile(prepared.loaded)
    try:
        return _evaluate(prepared, backend, tables, coverage, last)
    finally:
        coverage.cancel()


def _suppressed_said(prepared: Prepared, plan: ClaimPlan, result: ClaimResult) -> ClaimResult:
    """A result that left rows out as unknown, where its tables read suppression marks ('<10') as unknown:
    its note says those rows may be small groups, not unknowns (:mod:`factcheck.sources.suppressed`)."""
    from .planning.nodes import walk
    from .sources import suppressed
    tables = {scan.table for node in walk(plan.node) for scan in node.scans()} if plan.node is not None else set()
    found = suppressed.marks(prepared.sources[t] for t in sorted(tables) if t in prepared.sources)
    return result.model_copy(update={"notes": suppressed.said_of(result.notes, result.kind or "", found)}) \
        if found else result


def _evaluate(prepared: Prepared, backend: Backend, tables: TablesRead, coverage: Pending[CoverageReport | None],
              last: bool) -> Report:
    executor = Executor(backend, prepared.plans, prepared.catalog)
    executor.prefetch()
    tables.lookup_notes(backend, executor.unmatched)  # the large tables' lookups, counted in the shared scans
    results, problems = [], []
    tables_sql: dict[str, str] = {}  # each table's reading SQL, shown in every claim that reads it
    empty = tables.empty()
    for plan in prepared.plans:
        try:
            result = judge_claim(prepared, backend, executor, plan, tables_sql, empty)
            if result.rows_unknown:
                result = _suppressed_said(prepared, plan, result)
            more = tables.notes.get(plan.index)
            results.append(result.model_copy(update={"notes": [*result.notes, *more]}) if more else result)
        except _ClaimFailure as exc:
            problems.append(exc.problem)
    uses = tables.uses()
    if last or problems:  # a file rewritten meanwhile may be why a query failed: that is said first
        refuse_changed_files(prepared, uses)
    if problems:
        raise ClaimsFileError(problems)
    loaded = prepared.loaded
    model = loaded.model
    return Report(tool_version=__version__,
                  generated_at=dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
                  engine=backend.dialect,
                  claims_file=str(loaded.path),
                  claims_sha256=hashlib.sha256(loaded.text.encode()).hexdigest(),
                  title=model.title, article=model.article, tables=uses, results=results,
                  summary=summarize(results), comparison=None, coverage=coverage.result())


def refuse_changed_files(prepared: Prepared, uses: list[TableUse]) -> None:
    """After a command's last query (``run``, ``check``, ``explain``, ``suggest``, ``init``):
    every file read must still be the version taken before its first read (a Parquet file is
    read again by each query), or the figures and checksums would mix versions. Raises a
    :class:`DataError` naming each file that changed (exit 2)."""
    from .sources.versions import changes
    problems = changes([prepared.sources[u.name] for u in uses if u.name in prepared.sources],
                       {u.name: u.sha256 for u in uses})
    if problems:
        raise DataError(problems)


def _article_coverage_meanwhile(loaded: LoadedClaims) -> Pending[CoverageReport | None]:
    """The article's coverage (pure Python: finding its figures), worked out while DuckDB reads the
    tables and evaluates the claims: in a child process when the command runs on Linux, on a thread
    otherwise (:func:`~factcheck.background.meanwhile`)."""
    if loaded.model.article is None:
        return Ready(None)

    def coverage() -> CoverageReport | None:
        from .draft.review import article_coverage
        return article_coverage(loaded)
    return meanwhile(coverage)


def judge_claim(prepared: Prepared, backend: Backend, executor: Executor, plan: ClaimPlan,
                tables_sql: dict[str, str] | None = None, empty: dict[str, str] | None = None) -> ClaimResult:
    """One claim: check its periods, evaluate its measure, judge the value against its expectation.
    ``empty``: the tables read that hold no row, with their files; a claim that reads one is
    ``unverifiable`` (``no_rows``): its figure would be computed over nothing."""
    claim = plan.claim
    file = str(prepared.loaded.path)
    base: dict[str, Any] = dict(id=claim.id, says=claim.says, line=prepared.loaded.claim_line(plan.index),
                                kind=kind_of(claim.measure) if claim.measure is not None else None,
                                tables=sorted(t for t in prepared.sources if plan.reads(t)))
    if claim.unverifiable is not None:
        return unverifiable(base, Reason.MARKED_UNVERIFIABLE, claim.unverifiable)
    if claim.measure is None:
        if claim.expect is not None:  # the figure the claim is for, shown beside "no measure yet"
            base["expectation"] = stated_only(claim.expect)
        return unverifiable(base, Reason.NOT_ENCODED, "no measure yet; run `factcheck suggest` for one")
    exp = prepared.expectations[claim.id]
    base["expectation"] = expectation_info(exp)
    if plan.missing_tables:
        return unverifiable(base, Reason.TABLE_MISSING,
                            f"table {', '.join(sorted(plan.missing_tables))} is not available")
    assert plan.node is not None
    bare = sorted(t for t in (empty or {}) if plan.reads(t))
    if bare:
        return unverifiable(base, Reason.NO_ROWS, _no_rows_said(bare, empty or {}))
    try:
        gaps = executor.covered(plan) + executor.missing_reports(plan) + executor.lag_crossings(plan)
        if gaps:
            return unverifiable(base, Reason.PERIOD_NOT_COVERED, "the data does not cover " + "; ".join(gaps))
        ev = executor.evaluate(plan.node)
        ev.partial_years = executor.partial_years(plan)
        if plan.reports or plan.unnamed_reports or ev.reports_read:  # a table declared reported_by: ends, holes
            if not ev.reporters_differ:  # a change's end without the group says it already
                ev.groups_ended = executor.groups_ended(plan, ev.reports_read)
            ev.missing_reports = executor.unnamed_missing(plan)
    except MeasureError as exc:  # the data holds no figure for it (inf, nan)
        raise _ClaimFailure(Problem(str(exc), file=file, line=base["line"], claim=claim.id, hint=exc.hint)) from None
    except Exception as exc:
        raise _ClaimFailure(query_failure(prepared, backend, plan, exc)) from None
    if ev.problem is not None:
        raise _ClaimFailure(Problem(ev.problem, file=file, line=base["line"], claim=claim.id))
    base.pop("expectation")
    base["sql"] = reader_sql(prepared, backend, plan, ev.sql, tables_sql)
    return judge(base, exp, ev, record_is_the_data=KINDS[plan.node.kind].record_is_the_data(plan.node))


def _no_rows_said(tables: list[str], files: dict[str, str]) -> str:
    """Why a claim over tables without a row has no figure ("table 'e' has no rows: data/e.csv holds
    no data row, …"): a file of its header alone is most often an export that failed."""
    named = "; ".join(f"table '{t}' has no rows: {files[t]} holds no data row" for t in tables)
    return f"{named}, so the figure would come from no data (0 from no data is no count of zero); check what wrote it"


def query_failure(prepared: Prepared, backend: Backend, plan: ClaimPlan, exc: Exception) -> Problem:
    """The problem an engine error in a claim's own SQL stands for: the claim is wrong, or the data
    is (text in a column of numbers, located to its row), or a derive it reads overflows. Ctrl-C,
    which DuckDB reports as an error, is raised again as itself."""
    reraise_interrupt(exc)
    file, line = str(prepared.loaded.path), prepared.loaded.claim_line(plan.index)
    located = backend.text_in_numbers(prepared.catalog, plan, str(exc), file, line)
    if located is None:  # a derive it reads overflows (computed by each query over a Parquet file)
        from .sources.overflow import in_claim
        located = in_claim(prepared, backend, plan, str(exc))
    if located is not None:
        return located
    return Problem(f"its query failed: {(str(exc).splitlines() or [type(exc).__name__])[0]}", file=file, line=line,
                   claim=plan.claim.id, hint="check that the columns have the types the measure needs (numbers "
                                             "for sum/mean, a true/false condition for share)")


def reader_sql(prepared: Prepared, backend: Backend, plan: ClaimPlan, queries: list[str],
               tables_sql: dict[str, str] | None = None) -> str:
    """The claim's queries with the tables they read as CTEs: paste into DuckDB to reproduce."""
    from .loading import table_read
    known = {} if tables_sql is None else tables_sql
    for t in prepared.sources:
        if t not in known and plan.reads(t):
            known[t] = backend.reader_sql(table_read(prepared, t, shown=True))
    tables = [t for t in prepared.sources if plan.reads(t)]
    ctes = ",\n".join(f"{quote_ident(t)} AS (\n  {known[t]}\n)" for t in tables)
    body = ";\n\n".join(dict.fromkeys(queries))
    if not ctes:
        return body + ";"
    return "\n\n".join(_with(ctes, q) for q in dict.fromkeys(queries))


def _with(ctes: str, query: str) -> str:
    """The tables as CTEs before a query; a query with its own WITH (a streak's) joins that list."""
    if query.startswith("WITH "):
        return f"WITH {ctes},\n{query[len('WITH '):]};"
    return f"WITH {ctes}\n{query};"


class _ClaimFailure(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def shape_of(node: PlanNode, claim: Claim) -> MeasureShape:
    """What the measure produces, so the expectation is read on the right scale."""
    return KINDS[node.kind].shape(node, claim)


@dataclass
class Session:
    """One run put together: what :func:`prepare` found, the backend, the tables once read."""

    prepared: Prepared
    backend: Backend
    tables: TablesRead | None = None  # once :meth:`materialize` has read them

    @property
    def plans(self) -> list[ClaimPlan]:
        return self.prepared.plans

    @property
    def con(self) -> Any:
        """The DuckDB connection (for tests and ``explain``; DuckDB backend only)."""
        return getattr(self.backend, "con")  # noqa: B009 - the Backend protocol has no connection; DuckDB's has

    def input_files(self) -> list[tuple[str, Path]]:
        """Every file this run reads, described for people: a report must never be written over one."""
        loaded = self.prepared.loaded
        files = [("the claims file", loaded.path)]
        if loaded.model.article:
            files.append(("the article", loaded.base_dir / loaded.model.article))
        files += [(f"the data file of table '{name}'", src.path) for name, src in self.prepared.sources.items()
                  if src.path is not None]
        return files

    @property
    def uses(self) -> list[TableUse]:
        """Each table read, with its SHA-256 (waited for); none before :meth:`materialize`."""
        return self.tables.uses() if self.tables is not None else []

    def materialize(self) -> TablesRead:
        """Read the tables (see :func:`read`); :attr:`uses` waits for their checksums."""
        self.tables = read(self.prepared, self.backend)
        return self.tables

    def run(self, coverage: Pending[CoverageReport | None] | None = None, *, last: bool = True) -> Report:
        """Evaluate and judge every claim (see :func:`evaluate`), the tables read."""
        if self.tables is None:
            raise RuntimeError("Session.run() before Session.materialize(): no table is read yet")
        return evaluate(self.prepared, self.backend, self.tables, coverage, last=last)

    def refuse_changed_files(self) -> None:
        """After the command's last query: each file read is still the version first read (see
        :func:`refuse_changed_files`)."""
        refuse_changed_files(self.prepared, self.uses)


def _refuse_no_claims(loaded: LoadedClaims, allow_empty: bool = False) -> None:
    """Nothing to judge is a mistake, never a silent pass (``suggest`` and ``init`` read tables alone)."""
    if not loaded.model.claims and not allow_empty:
        raise ClaimsFileError([Problem("the claims file has no claims, so nothing would be checked",
                                       file=str(loaded.path), line=loaded.lines.line(("claims",)),
                                       hint="add a claim under claims: with an id, says, measure and expect "
                                            "(see docs/claims-format.md)")])


def prepare(claims: str | Path | LoadedClaims, tables: dict[str, Any] | None = None, *,
            only: list[str] | None = None, data_root: str | Path | None = None,
            everything: bool = False, keys: bool = False, allow_empty: bool = False,
            engine: str = "duckdb", spark_master: str | None = None) -> Session:
    """Load, locate and compile everything; raise one error listing every problem.

    ``everything`` (for ``factcheck check``) reads every declared table and checks every
    declared key, not only what the selected claims use. ``keys`` reads each table's key
    column too (``explain`` shows it beside the rows behind a figure). ``allow_empty`` (for
    ``suggest``, which reads the tables alone) accepts a file without claims. ``engine``
    (``duckdb`` or ``spark``, with ``spark_master``) runs it; see docs/engines.md.
    """
    from .backends import check_engine

    check_engine(engine)
    loaded = claims if isinstance(claims, LoadedClaims) else load(claims)
    file = str(loaded.path)
    _refuse_no_claims(loaded, allow_empty)
    unknown_frames = sorted(set(tables or {}) - set(loaded.model.tables))
    if unknown_frames:
        raise ClaimsFileError([Problem(f"tables passed that the claims file does not declare: {', '.join(unknown_frames)}",
                                       file=file, hint=f"declared tables: {', '.join(loaded.model.tables)}")])
    sources_list, problems = locate(loaded, tables, Path(data_root) if data_root else None)
    problems += article_problems(loaded)
    if problems:
        raise DataError(problems)
    backend = _backend(engine, spark_master)
    try:
        return _compile(loaded, backend, sources_list, only, everything, keys)
    except BaseException:
        backend.close()
        raise


def _backend(engine: str, spark_master: str | None) -> Backend:
    if engine == "spark":
        from .backends.spark import start
        return start(spark_master)
    from .backends.duckdb import DuckDB
    return DuckDB()


def _compile(loaded: LoadedClaims, backend: Backend, sources_list: list[Source], only: list[str] | None,
             everything: bool, keys: bool) -> Session:
    """The headers read through ``backend``, every claim compiled, every expectation read."""
    file = str(loaded.path)
    sources = {s.name: s for s in sources_list}
    from .sources.contracts import missing_columns
    for src in sources.values():
        backend.read_header(src)
    if any(missing_columns(src) for src in sources.values()):
        # a declared column is gone: the typed read cannot start, so scan every contract as
        # text now and report all that is wrong together
        raise DataError(backend.check_all_contracts_as_text(list(sources.values())))  # type: ignore[attr-defined]
    catalog = Catalog(sources)
    problems = _declare(catalog, loaded, everything)
    for src in sources.values():  # declared columns are read with the rest, and checked as read, and the
        closed = [src.decl.reported_by] if src.decl.closed and src.decl.reported_by else []  # checked as read
        for column in [*(src.decl.key_columns() if keys else ()), *src.decl.columns, *closed]:  # keys when checked
            if column in src.columns:
                catalog.use(src.name, column)
    vocab = vocabulary_of(loaded, problems)
    plans: list[ClaimPlan] = []
    expectations: dict[str, Expectation] = {}
    selected = _select(loaded, only)
    for i, claim in enumerate(loaded.model.claims):
        if i not in selected:
            continue
        plan = compile_claim(catalog, i, claim, file, _line_of(loaded, i), problems)
        plans.append(plan)
        if claim.unverifiable is None and plan.node is not None:
            exp = _expectation(claim, plan.node, vocab, file, loaded.claim_line(i, "expect"), problems)
            if exp is not None:
                expectations[claim.id] = exp
    if any(len(src.decl.key_columns()) > 1 for src in catalog.sources.values()):  # else no table holds series
        from .planning.lag_series import series_problems
        problems += series_problems(catalog, plans, loaded)  # lag(x, date) over a station's and another's rows
    if problems:
        raise ClaimsFileError(problems)
    from .planning.partial import use_dates
    use_dates(catalog, plans)  # the date beside a year column a claim names a period on: it tells a partial year
    prepared = Prepared(loaded, sources, catalog, plans, expectations, everything)
    if backend.dialect == "spark":  # what Spark cannot compute as DuckDB does: refused before reading
        from .backends.spark import unsupported
        problems = unsupported(prepared)
        if problems:
            raise ClaimsFileError(problems)
    return Session(prepared, backend)


def _expectation(claim: Claim, node: PlanNode, vocab: Vocabulary, file: str, line: int | None,
                 problems: list[Problem]) -> Expectation | None:
    """The claim's ``expect`` read against its measure; a problem (and None) when it cannot be."""
    try:
        exp = parse_expectation(claim.expect, shape_of(node, claim), vocab)
    except ExpectationError as exc:
        problems.append(Problem(f"cannot read expect: {_reason(exc)}", file=file, line=line, claim=claim.id,
                                hint=exc.hint or None))
        return None
    problems += _part_of_a_count(claim, node, exp, file, line)
    return _currency_of_says(claim, node, exp)


def _currency_of_says(claim: Claim, node: PlanNode, exp: Expectation) -> Expectation:
    """A figure written without a currency (``1500``, ``about 1,500``, ``{value: 8000, within: 500}``)
    is read as that amount all the same; the claim's ``says`` gives its currency, by the rule a record's
    figures follow (every figure it writes an amount in one currency, years aside): then its figures are
    money, shown with that sign, as ``$1,500`` would be. A change or gap in a measure (``as: absolute``)
    is in the measure's currency."""
    if exp.interval is None or exp.currency:
        return exp
    from .money import currency_sign
    if currency_sign(exp.written):
        return exp  # '$1,500', '3 million dollars': the figure names its own currency
    from .expectations.judging import with_currency
    from .measures._units import figure_unit
    # a change (or a gap) is shaped from the measure it changes, its first child, and is in its currency
    measured = node.children()[0] if exp.shape.kind == "change_absolute" else node
    unit = figure_unit(measured, claim.says)
    if unit is None or unit.kind != "money":
        return exp
    return with_currency(exp, unit.sign)


def _reason(exc: ExpectationError) -> str:
    """What an expectation's error says after "cannot read expect: ", without saying "expect:" or
    "cannot read" twice ("cannot read expect: expect: cannot read '0x22'" was the message)."""
    text = str(exc).removeprefix("expect: ")
    return text.removeprefix("cannot read ")


def _part_of_a_count(claim: Claim, node: PlanNode, exp: Expectation, file: str, line: int | None) -> list[Problem]:
    """A percentage or a fraction ('59%', 'one in five') stated for a count, a number of rows: it could
    only ever fail, by hundreds of points, so the claim is refused with the measure it needs."""
    if node.kind not in ("count", "count_distinct") or not exp.percentish:
        return []
    table = table_of(node)
    return [Problem(f"expect: '{exp.written}' is a part of a whole, but a count is a number of rows",
                    file=file, line=line, claim=claim.id,
                    hint=f"for the part of the rows that meet a condition, measure a share: share: CONDITION, "
                         f"of: {table or 'TABLE'}; for the number itself, state it as the article does (e.g. 165)")]


def _line_of(loaded: LoadedClaims, index: int) -> Callable[[PathKey], int | None]:
    """Where a part of claim ``index`` is in the claims file."""
    return lambda path: loaded.claim_line(index, *path)


def article_problems(loaded: LoadedClaims) -> list[Problem]:
    """The article must be a file inside the claims file's repository (it is shown in reports)."""
    article = loaded.model.article
    if not article:
        return []
    line = loaded.lines.line(("article",))
    path, unfollowed = follow(loaded.base_dir, article)
    if path is None:
        return [Problem(f"the path of the article {article} cannot be followed: {unfollowed}", file=str(loaded.path),
                        line=line, hint="the path is relative to the claims file; or remove 'article:'")]
    root = repository_root(loaded.base_dir)
    if not path.is_relative_to(root):
        return [Problem(f"the article {article} is outside the repository ({path})", file=str(loaded.path),
                        line=line, hint=f"keep the draft inside {describe_root(root)}; reports embed its text")]
    folder = version_control_folder(path, root)
    if folder is not None:
        message, hint = version_control_problem(f"the article {article}", article, path, folder)
        return [Problem(message, file=str(loaded.path), line=line, hint=hint)]
    if not path.is_file():
        return [Problem(f"the article {article} does not exist (looked at {path})", file=str(loaded.path),
                        line=line, hint="the path is relative to the claims file; or remove 'article:'")]
    return []


def _select(loaded: LoadedClaims, only: list[str] | None) -> set[int]:
    ids = [c.id for c in loaded.model.claims]
    if not only:
        return set(range(len(ids)))
    missing = [o for o in only if o not in ids]
    if missing:
        from .expressions import did_you_mean, suggest
        every = f"all {len(ids)} with: factcheck check {loaded.path}"
        raise ClaimsFileError([Problem(
            f"no claim with id '{m}'", file=str(loaded.path),
            hint=did_you_mean(suggest(m, ids)) or (
                f"the closest ids: {', '.join(suggest(m, ids, n=5, cutoff=0.0))} ({every})" if ids else every))
            for m in missing])
    return {i for i, c in enumerate(ids) if c in only}


def _declare(catalog: Catalog, loaded: LoadedClaims, everything: bool) -> list[Problem]:
    """Parse derives and lookups; check that key, time and lookup columns exist.

    They are marked as read only for ``everything``: a run reads a column only when a
    claim (or a derive it uses) needs it, or to check a small table's key (``loading.key_checked``).
    """
    problems: list[Problem] = []
    file = str(loaded.path)
    for name, src in catalog.sources.items():
        for column, err in parse_derives(catalog, name, src.decl.derive):
            line = loaded.table_line(name, "derive", column)
            if isinstance(err, ExpressionError):
                problems.append(Problem(f"derive '{column}': {err.message}", file=file, line=line,
                                        hint=err.hint, detail="\n".join(err.render().splitlines()[1:3])))
            else:
                problems.append(Problem(err, file=file, line=line, hint="choose another name"))
        problems += [Problem(message, file=file, line=loaded.table_line(name, "derive", column), hint=hint)
                     for column, message, hint in catalog.order_derives(name)]  # circles, too deep a chain
        for link, spec in src.decl.lookup.items():
            try:
                catalog.add_link(name, link, spec)
            except LinkError as exc:
                problems.append(Problem(str(exc), file=file, line=loaded.table_line(name, "lookup", link), hint=exc.hint))
    from .loading import key_checked
    for name, src in catalog.sources.items():
        for what, columns in (("key", src.decl.key_columns()), ("time", src.decl.time_columns()),
                              ("reported_by", [src.decl.reported_by] if src.decl.reported_by else [])):
            for column in columns:
                try:
                    if everything or (what == "key" and key_checked(src)):  # `run` checks small tables' keys
                        catalog.use(name, column)
                    elif column not in src.columns and column not in catalog.derives.get(name, {}) and not src.missing:
                        raise UnknownName(Name(column), suggest(column, catalog.columns_of(name)),
                                          f"table '{name}' has no column '{column}'", hint=src.reading_hint())
                except UnknownName as exc:
                    problems.append(Problem(exc.message, file=file, line=loaded.table_line(name, what),
                                            hint=exc.hint or _dym(exc.suggestions) or _columns_are(
                                                column, catalog.columns_of(name))))
        for declared in catalog.links.get(name, {}).values() if everything else ():
            catalog.use(name, declared.local)
            catalog.use(declared.target, declared.remote)
        for column in [c for c in catalog.derives.get(name, {}) if c not in catalog.broken.get(name, set())]:
            try:
                catalog.derive_sql(name, column)
            except (ExpressionError, UnknownName) as exc:
                msg = exc.message if isinstance(exc, (ExpressionError, UnknownName)) else str(exc)
                problems.append(Problem(f"derive '{column}': {msg}", file=file,
                                        line=loaded.table_line(name, "derive", column),
                                        hint=getattr(exc, "hint", None) or _dym(getattr(exc, "suggestions", ()))))
    return problems


def _dym(suggestions: Any) -> str | None:
    from .expressions import did_you_mean
    return did_you_mean(list(suggestions or ()))


def _columns_are(column: str, columns: list[str]) -> str | None:
    """The hint for a declared column no name is close to: the table's columns, closest first."""
    from .suggestions import closest_first
    return f"the table's columns are (closest first): {closest_first(column, columns)}" if columns else None


def vocabulary_of(loaded: LoadedClaims, problems: list[Problem]) -> Vocabulary:
    if not loaded.model.vocabulary:
        return DEFAULT
    try:
        return Vocabulary.with_overrides(loaded.model.vocabulary)
    except ExpectationError as exc:
        problems.append(Problem(f"vocabulary: {exc}", file=str(loaded.path), line=loaded.lines.line(("vocabulary",)),
                                hint=exc.hint or None))
        return DEFAULT


InputsCheck = Callable[[list[tuple[str, Path]]], None]
"""Called with every file a run reads (described for people) before any is read; raises to stop it."""


def verify(claims: str | Path | LoadedClaims, tables: dict[str, Any] | None = None, *,
           only: list[str] | None = None, data_root: str | Path | None = None,
           before_reading: InputsCheck | None = None, engine: str = "duckdb",
           spark_master: str | None = None, then: Callable[[Report], Report] | None = None) -> Report:
    """Judge every claim of a claims file against its data; return the :class:`Report`.

    ``tables`` maps table names to pandas DataFrames to use instead of the files.
    ``before_reading`` sees the run's input files before any data is read (the command
    line refuses a report path that is one of them). ``then`` completes the report with a
    pass over the data of its own (``run``'s suggestions for claims without a measure): the
    files' versions are checked after it instead of before, against the versions this run
    took before its first read, so the figures and what ``then`` adds come from one version
    of each file (any write between the two changes a file's times or size; a racy file's
    SHA-256 is taken again).
    Raises :class:`~factcheck.errors.FactcheckError` when the claims file or the
    data cannot be used.
    """
    session = prepare(claims, tables, only=only, data_root=data_root, engine=engine, spark_master=spark_master)
    coverage: Pending[CoverageReport | None] | None = None
    try:
        if before_reading is not None:
            before_reading(session.input_files())
        # the article's figures are pure Python: worked out while DuckDB reads the tables and runs the claims
        coverage = _article_coverage_meanwhile(session.prepared.loaded)
        session.materialize()
        report = session.run(coverage, last=then is None)
        if then is not None:
            report = then(report)
            session.refuse_changed_files()
        return report
    finally:
        if coverage is not None:  # a run stopped before the value was asked for leaves no child running
            coverage.cancel()
        if engine != "duckdb":  # a JVM's session is stopped; DuckDB's connection goes with the Session
            session.backend.close()
