"""A run, from a claims file to a :class:`~factcheck.report.Report`.

1. :func:`prepare` loads the claims file, finds the tables and reads their
   headers, compiles every claim and reads every expectation. Every problem is
   collected and raised together before any data is read.
2. :meth:`Session.materialize` reads each table once into DuckDB, only the
   columns the claims use, computing ``derive`` columns and checking lookup keys.
3. :meth:`Session.run` evaluates each claim and judges it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .catalog import Catalog, LinkError, parse_derives
from .claims import LoadedClaims, load
from .errors import ClaimsFileError, DataError, Problem
from .expectations import Expectation, ExpectationError, MeasureShape, parse_expectation
from .expressions import ExpressionError, Name, UnknownName, quote_ident, suggest
from .evaluation import Evaluation
from .loading import Loading, _joined
from .measures import Evaluated, MeasureError
from .plan import (ChangeNode, ClaimPlan, ExtremeNode, Node, RatioNode, Simple, StreakNode, TopNode,
                   compile_claim)
from .report import ClaimResult, Reason, Report, TableUse, summarize
from .tables import Source, locate, read_header, repository_root
from .verdicts import expectation_info, judge, unverifiable
from .vocabulary import DEFAULT, Vocabulary

_FRACTION_WORDS = re.compile(r"%|percent|half|third|quarter|fifth|majority|most|\bin\b", re.I)


@dataclass
class Session(Loading, Evaluation):
    """Everything one run needs: the claims, the tables, a DuckDB connection."""

    loaded: LoadedClaims
    con: Any
    sources: dict[str, Source]
    catalog: Catalog
    plans: list[ClaimPlan]
    expectations: dict[str, Expectation]
    uses: list[TableUse] = field(default_factory=list)
    _coverage: dict[str, bool] = field(default_factory=dict)
    _prefetched: dict[int, Evaluated] = field(default_factory=dict)
    everything: bool = False  # `factcheck check`: read and check every declared table and key

    # ------------------------------------------------------------------ reading
    def reader_sql(self, plan: ClaimPlan, queries: list[str]) -> str:
        """The claim's queries with the tables they read as CTEs: paste into DuckDB to reproduce."""
        tables = [t for t in self.sources if t in plan.tables or _joined(plan, t)]
        ctes = ",\n".join(f"{quote_ident(t)} AS (\n  {self.table_select(t, for_reader=True)}\n)" for t in tables)
        body = ";\n\n".join(dict.fromkeys(queries))
        return (f"WITH {ctes}\n{body};" if ctes and len(queries) == 1
                else "\n\n".join(f"WITH {ctes}\n{q};" for q in dict.fromkeys(queries)))

    def run(self) -> Report:
        """Judge every claim. Errors a claim's SQL raises are collected and raised together."""
        results, problems = [], []
        # every table is in memory now: from here on no query can touch a file (defence in depth
        # behind the expression allowlist; DuckDB cannot turn this back on for this connection)
        self.con.execute("SET enable_external_access = false")
        self.prefetch()
        for plan in self.plans:
            try:
                results.append(self.judge(plan))
            except _ClaimFailure as exc:
                problems.append(exc.problem)
        if problems:
            raise ClaimsFileError(problems)
        model = self.loaded.model
        return Report(tool_version=__version__,
                      generated_at=dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
                      claims_file=str(self.loaded.path),
                      claims_sha256=hashlib.sha256(self.loaded.text.encode()).hexdigest(),
                      title=model.title, article=model.article, tables=self.uses, results=results,
                      summary=summarize(results), comparison=None)

    def judge(self, plan: ClaimPlan) -> ClaimResult:
        claim = plan.claim
        base: dict[str, Any] = dict(id=claim.id, says=claim.says, line=self.loaded.claim_line(plan.index),
                                    kind=_kind(claim),
                                    tables=sorted(t for t in self.sources if t in plan.tables or _joined(plan, t)))
        if claim.unverifiable is not None:
            return unverifiable(base, Reason.MARKED_UNVERIFIABLE, claim.unverifiable)
        exp = self.expectations[claim.id]
        base["expectation"] = expectation_info(exp)
        if plan.missing_tables:
            return unverifiable(base, Reason.TABLE_MISSING,
                                f"table {', '.join(sorted(plan.missing_tables))} is not available")
        assert plan.node is not None
        try:
            gaps = self.covered(plan)
            if gaps:
                return unverifiable(base, Reason.PERIOD_NOT_COVERED,
                                    "the data does not cover " + "; ".join(gaps))
            ev = self.evaluate(plan.node)
        except MeasureError as exc:  # the data holds no figure for it (inf, nan)
            raise _ClaimFailure(Problem(str(exc), file=str(self.loaded.path), line=base["line"], claim=claim.id,
                                        hint=exc.hint)) from None
        except Exception as exc:  # a DuckDB error in a claim's own SQL: the claim is wrong
            raise _ClaimFailure(Problem(
                f"its query failed: {(str(exc).splitlines() or [type(exc).__name__])[0]}", file=str(self.loaded.path),
                line=base["line"], claim=claim.id,
                hint="check that the columns have the types the measure needs (numbers for sum/mean, "
                     "a true/false condition for share)")) from None
        if "error" in ev.details:
            raise _ClaimFailure(Problem(ev.details["error"], file=str(self.loaded.path), line=base["line"],
                                        claim=claim.id))
        base.pop("expectation")
        base["sql"] = self.reader_sql(plan, ev.sql)
        record = isinstance(plan.node, ExtremeNode) and plan.node.since is None and plan.node.record_from is None
        return judge(base, exp, ev, record_is_the_data=record)


class _ClaimFailure(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _kind(claim: Any) -> str | None:
    from .claims import kind
    return kind(claim.measure) if claim.measure is not None else None


def shape_of(node: Node | None, claim: Any) -> MeasureShape:
    """What the measure produces, so the expectation is read on the right scale."""
    if isinstance(node, ChangeNode):
        return MeasureShape(f"change_{node.as_}", _unit(node.inner))  # type: ignore[arg-type]
    if isinstance(node, ExtremeNode):
        return MeasureShape("boolean")
    if isinstance(node, TopNode):
        return MeasureShape("values")
    if isinstance(node, StreakNode):
        return MeasureShape("number")
    if isinstance(node, RatioNode):
        share = isinstance(claim.expect, str) and bool(_FRACTION_WORDS.search(claim.expect))
        return MeasureShape("share" if share else "number", node.unit)  # type: ignore[arg-type]
    assert isinstance(node, Simple)
    return MeasureShape("share" if node.kind == "share" else "number", node.unit)  # type: ignore[arg-type]


def _unit(node: Node) -> str:
    return node.unit if isinstance(node, (Simple, RatioNode)) else "fraction"


def prepare(claims: str | Path | LoadedClaims, tables: dict[str, Any] | None = None, *,
            only: list[str] | None = None, data_root: str | Path | None = None,
            everything: bool = False, keys: bool = False) -> Session:
    """Load, locate and compile everything; raise one error listing every problem.

    ``everything`` (for ``factcheck check``) reads every declared table and checks every
    declared key, not only what the selected claims use. ``keys`` reads each table's key
    column too (``explain`` shows it beside the rows behind a figure).
    """
    import duckdb

    loaded = claims if isinstance(claims, LoadedClaims) else load(claims)
    file = str(loaded.path)
    unknown_frames = sorted(set(tables or {}) - set(loaded.model.tables))
    if unknown_frames:
        raise ClaimsFileError([Problem(f"tables passed that the claims file does not declare: {', '.join(unknown_frames)}",
                                       file=file, hint=f"declared tables: {', '.join(loaded.model.tables)}")])
    sources_list, problems = locate(loaded, tables, Path(data_root) if data_root else None)
    problems += _article_problems(loaded)
    if problems:
        raise DataError(problems)
    con = duckdb.connect()
    sources = {s.name: s for s in sources_list}
    from .contracts import missing_columns
    for src in sources.values():
        read_header(con, src)
    if any(missing_columns(src) for src in sources.values()):
        # a declared column is gone: the typed read cannot start, so scan every contract as
        # text now and report all that is wrong together
        from .contracts import check_source
        raise DataError([p for src in sources.values() if src.decl.columns and not src.missing
                         for p in check_source(con, src)])
    catalog = Catalog(sources)
    problems = _declare(catalog, loaded, everything)
    for src in sources.values() if keys else ():
        if src.decl.key in src.columns:
            catalog.use(src.name, src.decl.key)
    for src in sources.values():  # declared columns are read with the rest, and checked as read
        for column in src.decl.columns:
            if column in src.columns:
                catalog.use(src.name, column)
    vocab = _vocabulary(loaded, problems)
    plans, expectations = [], {}
    selected = _select(loaded, only)
    for i, claim in enumerate(loaded.model.claims):
        if i not in selected:
            continue
        plan = compile_claim(catalog, i, claim, file, lambda p, i=i: loaded.claim_line(i, *p), problems)
        plans.append(plan)
        if claim.unverifiable is None and plan.node is not None:
            try:
                expectations[claim.id] = parse_expectation(claim.expect, shape_of(plan.node, claim), vocab)
            except ExpectationError as exc:
                problems.append(Problem(f"cannot read expect: {exc}", file=file,
                                        line=loaded.claim_line(i, "expect"), claim=claim.id, hint=exc.hint or None))
    if problems:
        raise ClaimsFileError(problems)
    return Session(loaded, con, sources, catalog, plans, expectations, everything=everything)


def _article_problems(loaded: LoadedClaims) -> list[Problem]:
    """The article must be a file inside the claims file's repository (it is shown in reports)."""
    article = loaded.model.article
    if not article:
        return []
    path = (loaded.base_dir / article).resolve()
    line = loaded.lines.line(("article",))
    if not path.is_relative_to(repository_root(loaded.base_dir)):
        return [Problem(f"the article {article} is outside the repository ({path})", file=str(loaded.path),
                        line=line, hint="keep the draft beside the claims file; reports embed its text")]
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
        raise ClaimsFileError([Problem(f"no claim with id '{m}'", file=str(loaded.path),
                                       hint=did_you_mean(suggest(m, ids)) or "see the ids with: factcheck check")
                               for m in missing])
    return {i for i, c in enumerate(ids) if c in only}


def _declare(catalog: Catalog, loaded: LoadedClaims, everything: bool) -> list[Problem]:
    """Parse derives and lookups; check that key, time and lookup columns exist.

    They are marked as read only for ``everything``: a run reads a column only when a
    claim (or a derive it uses) needs it.
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
        for column, message, hint in catalog.order_derives(name):
            problems.append(Problem(message, file=file, line=loaded.table_line(name, "derive", column), hint=hint))
        for link, spec in src.decl.lookup.items():
            try:
                catalog.add_link(name, link, spec)
            except LinkError as exc:
                problems.append(Problem(str(exc), file=file, line=loaded.table_line(name, "lookup", link), hint=exc.hint))
    for name, src in catalog.sources.items():
        for what, columns in (("key", [src.decl.key] if src.decl.key else []), ("time", src.decl.time_columns())):
            for column in columns:
                try:
                    if everything:
                        catalog.use(name, column)
                    elif column not in src.columns and column not in catalog.derives.get(name, {}) and not src.missing:
                        raise UnknownName(Name(column), suggest(column, catalog.columns_of(name)),
                                          f"table '{name}' has no column '{column}'")
                except UnknownName as exc:
                    problems.append(Problem(exc.message, file=file, line=loaded.table_line(name, what),
                                            hint=_dym(exc.suggestions)))
        for declared in catalog.links.get(name, {}).values() if everything else ():
            catalog.use(name, declared.local)
            catalog.use(declared.target, declared.remote)
        for column in catalog.derives.get(name, {}):
            if column in catalog.broken.get(name, set()):
                continue
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


def _vocabulary(loaded: LoadedClaims, problems: list[Problem]) -> Vocabulary:
    if not loaded.model.vocabulary:
        return DEFAULT
    try:
        return Vocabulary.with_overrides(loaded.model.vocabulary)
    except ExpectationError as exc:
        problems.append(Problem(f"vocabulary: {exc}", file=str(loaded.path), line=loaded.lines.line(("vocabulary",)),
                                hint=exc.hint or None))
        return DEFAULT


def verify(claims: str | Path | LoadedClaims, tables: dict[str, Any] | None = None, *,
           only: list[str] | None = None, data_root: str | Path | None = None) -> Report:
    """Judge every claim of a claims file against its data; return the :class:`Report`.

    ``tables`` maps table names to pandas DataFrames to use instead of the files.
    Raises :class:`~factcheck.errors.FactcheckError` when the claims file or the
    data cannot be used.
    """
    session = prepare(claims, tables, only=only, data_root=data_root)
    session.materialize()
    return session.run()
