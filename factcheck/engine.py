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
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from . import __version__
from .catalog import ROW, Catalog, LinkError, parse_derives
from .claims import LoadedClaims, load
from .errors import ClaimsFileError, DataError, FactcheckError, Problem
from .expectations import Expectation, ExpectationError, MeasureShape, parse_expectation
from .expressions import ExpressionError, Name, UnknownName, quote_ident, suggest
from .measures import (Evaluated, aggregates, key, change_value, evaluate_simple, extreme_value, fill_gaps,
                       fused_sql, ratio_value, simple_sql, simple_value, streak_sql, streak_value, top_sql,
                       top_value)
from .plan import (ChangeNode, ClaimPlan, ExtremeNode, Node, RatioNode, Scan, Simple, StreakNode, TopNode,
                   compile_claim)
from .report import ClaimResult, Reason, Report, TableUse, summarize
from .tables import Source, data_error, locate, read_header, sha256
from .verdicts import expectation_info, judge, unverifiable
from .vocabulary import DEFAULT, Vocabulary

_FRACTION_WORDS = re.compile(r"%|percent|half|third|quarter|fifth|majority|most|\bin\b", re.I)


@dataclass
class Session:
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
    def materialize(self) -> list[TableUse]:
        """Read every table the run needs (with ``everything``: all declared), once; fingerprint them meanwhile."""
        needed = [s for s in self.sources.values() if not s.missing and self._wanted(s.name)]
        with ThreadPoolExecutor(max_workers=2) as pool:
            digests = {s.name: pool.submit(sha256, s) for s in needed}
            for src in needed:
                self._read(src)
            self._check_contracts(needed)
            problems = self._check_keys()
            self.uses = [TableUse(name=s.name, path=s.shown_path, sha256=digests[s.name].result(),
                                  rows=self.con.execute(f"SELECT count(*) FROM {quote_ident(s.name)}").fetchall()[0][0],
                                  columns_read=sorted(self.catalog.used[s.name]))
                         for s in needed]
        if problems:
            raise ClaimsFileError(problems)
        return self.uses

    def _wanted(self, table: str) -> bool:
        return self.everything or any(table in p.tables or _joined(p, table) for p in self.plans)

    def table_select(self, name: str, *, for_reader: bool = False) -> str:
        """The SELECT that reads a table: used columns, then derives, in file order."""
        src, cat = self.sources[name], self.catalog
        cols = [c for c in src.columns if c in cat.used[name]] or list(src.columns)[:1]
        scan = src.scan_sql(for_reader=for_reader, base=Path.cwd())
        row = f"row_number() OVER () AS {quote_ident(ROW)}, " if cat.needs_row_order(name) else ""
        inner = f"SELECT {row}{', '.join(quote_ident(c) for c in cols)} FROM {scan}"
        derives = [f"{cat.derive_sql(name, d)} AS {quote_ident(d)}" for d in cat.used_derives[name]]
        if not derives:
            return inner
        return f"SELECT *,\n    " + ",\n    ".join(derives) + f"\n  FROM ({inner}) AS {quote_ident(name)}"

    def _check_contracts(self, sources: list[Source]) -> None:
        """Data contracts (columns:): counted on the tables as read; every violation shown on failure."""
        from .contracts import check_source, holds
        problems = [p for src in sources if src.decl.columns and not holds(self.con, src)
                    for p in check_source(self.con, src)]
        if problems:
            raise DataError(problems)

    def _read(self, src: Source) -> None:
        try:
            self.con.execute(f"CREATE TABLE {quote_ident(src.name)} AS {self.table_select(src.name)}")
        except Exception as exc:  # conversion, binder and IO errors all get located
            if src.decl.columns:  # a value that breaks the contract: show every one, with its line
                from .contracts import check_source
                problems = check_source(self.con, src)
                if problems:
                    raise DataError(problems) from None
            if self.catalog.used_derives[src.name] and "Binder" in type(exc).__name__ + str(exc)[:20]:
                raise ClaimsFileError([Problem(
                    f"a derive of table '{src.name}' cannot be computed: {str(exc).splitlines()[0]}",
                    file=str(self.loaded.path), line=self.loaded.table_line(src.name, "derive"),
                    hint="check the column types it uses; declare them under columns: (e.g. filed_date: date)")])
            raise data_error(src, exc) from None

    def _check_keys(self) -> list[Problem]:
        """Every lookup used is many-to-one; with ``check``, every declared key is unique too."""
        problems = []
        read = self.uses_names()
        checks: list[tuple[str, str, tuple[str, ...], str]] = [(s.name, s.decl.key, ("tables", s.name, "key"), "key") for s in self.sources.values()
                  if self.everything and s.decl.key and s.name in read]
        for table, links in self.catalog.links.items():
            for link in links.values():
                if link.target in read and table in read:
                    checks.append((link.target, link.remote, ("tables", table, "lookup", link.name), f"lookup '{link.name}'"))
        done = set()
        for table, column, path, what in checks:
            if (table, column) in done or column not in self.catalog.used[table]:
                continue
            done.add((table, column))
            col, tbl = quote_ident(column), quote_ident(table)
            if not self.query(f"SELECT count({col}) - count(DISTINCT {col}) FROM {tbl}")[0][0]:
                continue  # the cheap test first; name the duplicates only when there are some
            dupes = self.con.execute(
                f"SELECT {quote_ident(column)}, count(*) FROM {quote_ident(table)} GROUP BY 1 "
                f"HAVING count(*) > 1 ORDER BY 2 DESC, 1 LIMIT 3").fetchall()
            if dupes:
                shown = ", ".join(f"{v!s} ({n} rows)" for v, n in dupes)
                problems.append(Problem(
                    f"{what}: column '{column}' of table '{table}' is not unique: {shown}",
                    file=str(self.loaded.path), line=self.loaded.lines.line(path),
                    hint="a lookup must point at exactly one row, or rows would be counted twice; "
                         "fix the data or join on a unique column"))
        return problems

    def uses_names(self) -> set[str]:
        return {s.name for s in self.sources.values() if not s.missing and self._wanted(s.name)}

    # ------------------------------------------------------------------ running
    def query(self, sql: str) -> list[tuple[Any, ...]]:
        return self.con.execute(sql).fetchall()

    def columns(self, sql: str) -> list[str]:
        return [d[0] for d in self.con.description]

    def covered(self, plan: ClaimPlan) -> list[str]:
        """The periods the claim names that the data does not cover."""
        out = []
        for cov in plan.coverage:
            if cov.sql not in self._coverage:
                self._coverage[cov.sql] = bool(self.query(cov.sql)[0][0])
            if not self._coverage[cov.sql]:
                out.append(cov.text)
        return out

    def prefetch(self) -> None:
        """Shared work: one scan per table for all its ungrouped simple measures (each aggregate
        filtered by its claim's own `where`), and one query per table for the periods claims name.

        A fused query that fails is skipped: each claim then runs alone and reports its own error.
        """
        todo = [p for p in self.plans if p.claim.unverifiable is None and not p.missing_tables and p.node]
        periods: dict[str, list[Any]] = {}
        for plan in todo:
            for cov in plan.coverage:
                group = periods.setdefault(cov.from_sql, [])
                if cov.sql not in self._coverage and cov not in group:
                    group.append(cov)
        for from_sql, covs in periods.items():
            try:
                row = self.query("SELECT " + ", ".join(c.pred for c in covs) + "\n" + from_sql)[0]
            except Exception:  # noqa: BLE001 - reported by the claim that owns it
                continue
            self._coverage.update({c.sql: bool(v) for c, v in zip(covs, row)})
        tables: dict[str, list[Simple]] = {}
        for plan in todo:
            for node in _ungrouped(plan.node):
                tables.setdefault(node.scan.table, []).append(node)
        for table, nodes in tables.items():
            if len(nodes) > 1:
                self._fuse(table, nodes)

    def _fuse(self, table: str, nodes: list[Simple]) -> None:
        joins: dict[str, Any] = {}
        for node in nodes:
            joins.update(node.scan.joins)
        try:
            cur = self.con.execute(fused_sql(nodes, Scan(table, joins).from_sql()))
            names = [d[0] for d in cur.description]
            row = dict(zip(names, cur.fetchall()[0]))
        except Exception:  # noqa: BLE001 - each claim runs alone instead
            return
        for i, node in enumerate(nodes):
            ev = simple_value(node, {alias: row[f"{i}.{alias}"] for alias, _, _ in aggregates(node)})
            ev.sql.append(simple_sql(node))
            self._prefetched[id(node)] = ev

    def evaluate(self, node: Node) -> Evaluated:
        if isinstance(node, Simple) and id(node) in self._prefetched:
            return self._prefetched[id(node)]
        if isinstance(node, Simple):
            return evaluate_simple(node, self.query, self.columns)  # type: ignore[return-value]
        if isinstance(node, RatioNode):
            return ratio_value(self.evaluate(node.numerator), self.evaluate(node.denominator))
        if isinstance(node, ChangeNode):
            groups = self.grouped(node.inner)
            ev = change_value(node, self._at(node.inner, groups, node.from_), self._at(node.inner, groups, node.to))
            ev.series = self._series(node.inner, groups, fill_gaps(groups))
            ev.marked = {key(node.from_), key(node.to)}
            return ev
        if isinstance(node, ExtremeNode):
            return self._extreme(node)
        if isinstance(node, TopNode):
            return self._top(node)
        return self._streak(node)

    def grouped(self, node: Node) -> dict[str, Evaluated]:
        if isinstance(node, Simple):
            return evaluate_simple(node, self.query, self.columns)  # type: ignore[return-value]
        assert isinstance(node, RatioNode)
        num, den = self.grouped(node.numerator), self.grouped(node.denominator)
        keys = [k for k in dict.fromkeys([*num, *den]) if not k.startswith("\0")]
        out = {k: ratio_value(self._at(node.numerator, num, k), self._at(node.denominator, den, k)) for k in keys}
        out["\0sql"] = Evaluated(None, sql=num["\0sql"].sql + den["\0sql"].sql)
        return out

    def _at(self, node: Node, groups: dict[str, Evaluated], at: Any) -> Evaluated:
        k = key(at)
        if k in groups:
            return groups[k]
        if isinstance(node, Simple):
            ev = simple_value(node, None)
        else:
            assert isinstance(node, RatioNode)
            ev = ratio_value(self._at(node.numerator, self.grouped(node.numerator), at),
                             self._at(node.denominator, self.grouped(node.denominator), at))
        ev.sql = groups["\0sql"].sql
        return ev

    def _extreme(self, node: ExtremeNode) -> Evaluated:
        from .measures import _lt
        groups = self.grouped(node.inner)
        keys = fill_gaps(groups)
        if node.record_from is not None:
            keys = [k for k in keys if not _lt(k, key(node.record_from))]
        out = extreme_value(node, dict(self._series(node.inner, groups, keys)))
        out.sql = groups["\0sql"].sql
        out.marked = {key(v) for v in (node.at, node.since) if v is not None}
        return out

    def _series(self, node: Node, groups: dict[str, Evaluated], keys: list[str]) -> list[tuple[str, Fraction | None]]:
        """The measure's value at each period, for charts and evidence."""
        values = ((k, self._at(node, groups, k).value) for k in keys)
        return [(k, v if isinstance(v, Fraction) else None) for k, v in values]

    def _top(self, node: TopNode) -> Evaluated:
        if node.by is None:
            sql = top_sql(node)
            rows = self.query(sql)
            unknown = sum(int(n) for v, n in rows if v is None)
            ranked = [(str(v), Fraction(int(n))) for v, n in rows if v is not None]
            ev = top_value(node, ranked, unknown, sum(int(n) for _, n in rows))
            ev.sql = [sql]
            return ev
        groups = self.grouped(node.by)
        values = [(k, g.value) for k, g in groups.items() if not k.startswith("\0") and isinstance(g.value, Fraction)]
        values.sort(key=lambda kv: (kv[1] if node.lowest else -kv[1], kv[0]))
        ev = top_value(node, values, 0, len(values))  # type: ignore[arg-type]
        ev.sql = groups["\0sql"].sql
        return ev

    def _streak(self, node: StreakNode) -> Evaluated:
        sql = streak_sql(node)
        kept = self.query(f"SELECT count(*) {node.scan.from_sql()}{node.scan.where_sql()}")[0][0]
        ev = streak_value(node, self.query(sql), int(kept))
        ev.sql = [sql]
        return ev

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
        except Exception as exc:  # a DuckDB error in a claim's own SQL: the claim is wrong
            raise _ClaimFailure(Problem(
                f"its query failed: {str(exc).splitlines()[0]}", file=str(self.loaded.path),
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


def _ungrouped(node: Node | None) -> list[Simple]:
    """The simple measures computed once, not per group: a claim's own, or a ratio's parts."""
    if isinstance(node, Simple) and node.group is None:
        return [node]
    if isinstance(node, RatioNode):
        return _ungrouped(node.numerator) + _ungrouped(node.denominator)
    return []


def _joined(plan: ClaimPlan, table: str) -> bool:
    from .plan import _leaves
    nodes: list[Any] = [plan.node]
    while nodes:
        n = nodes.pop()
        if isinstance(n, (Simple, TopNode, StreakNode)) and any(l.target == table for l in n.scan.joins.values()):
            return True
        if isinstance(n, RatioNode):
            nodes += [n.numerator, n.denominator]
        elif isinstance(n, (ChangeNode, ExtremeNode)):
            nodes.append(n.inner)
        elif isinstance(n, TopNode) and n.by is not None:
            nodes.append(n.by)
    return False


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
        for column, expr_ in list(catalog.derives.get(name, {}).items()):
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
