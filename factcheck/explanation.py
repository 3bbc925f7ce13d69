"""How one figure was computed, step by step.

``explain(path, claim_id)`` runs a single claim and returns an
:class:`Explanation`: the expectation as understood, the rows left after each
part of the filter, numerator and denominator, the SQL, and sample rows. The
rows behind the figure can be had as a pandas DataFrame (``rows()``), with every column
of their tables (not only those the claim uses), which is what ``factcheck explain --rows
PATH`` writes as CSV.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .engine import Session, prepare
from .expressions import conjuncts, quote_ident, render
from .measures import KINDS
from .measures._values import key
from .planning.catalog import ROW
from .planning.nodes import Part, PlanNode
from .planning.sql import literal
from .report import ClaimResult

if TYPE_CHECKING:
    import pandas

SAMPLE = 5


@dataclass
class Step:
    """The rows of a table left after one more part of the filter; of a share weighed by ``sum:``,
    the sum of its column over them too (``amount``: the parts of the figure are sums, not rows)."""

    label: str
    rows: int
    amount: Fraction | None = None


@dataclass
class ScanSteps:
    table: str
    steps: list[Step]
    sample_columns: list[str] = field(default_factory=list)
    sample: list[tuple[Any, ...]] = field(default_factory=list)
    label: str | None = None  # the part of the measure ("numerator", "denominator"), when it has parts


@dataclass
class Explanation:
    """Everything ``factcheck explain`` shows about one claim."""

    result: ClaimResult
    scans: list[ScanSteps]
    session: Session
    engine_sql: list[str] = field(default_factory=list)  # on another engine than DuckDB: the SQL it ran
    names: dict[str, str] = field(default_factory=dict)  # a top's ids a lookup names: 'V0001' -> 'Harbor Paving Co.'

    def rows(self) -> "pandas.DataFrame":
        """The rows behind the figure (every kept row of every part of the measure); none from a
        table that is not available (an ``optional`` table without its file)."""
        import pandas as pd
        plan = self.session.plans[0]
        parts = [p for p in _parts(plan.node) if not set(_tables(p)) & set(plan.missing_tables)]
        catalog = self.session.prepared.catalog
        frames = []
        columns = _columns(self.session, {t for part in parts for t in _tables(part)})
        for i, part in enumerate(parts):
            _match_periods(self.session, part)
            ordered = part.scan.table in catalog.ordered
            df = self.session.backend.frame(rows_sql(part, columns, ordered=ordered))
            if len(parts) > 1:
                df.insert(0, "measure_part", part.label or f"part {i + 1}")
            frames.append(df)
        self.session.refuse_changed_files()  # the rows are of the version the figure was computed from
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

    def no_rows_because(self) -> str:
        """Why :meth:`rows` is empty, said for the person who asked for them."""
        plan = self.session.plans[0]
        if plan.node is None:
            return "the claim has no measure yet, so no row is behind a figure (`factcheck suggest` proposes one)"
        parts = _parts(plan.node)
        missing = sorted({t for p in parts for t in _tables(p)} & set(plan.missing_tables))
        if missing and all(set(_tables(p)) & set(missing) for p in parts):
            return (f"table {', '.join(missing)} is not available (an optional table without its file), "
                    "so no row is read")
        if parts and all(p.only_periods and not p.period_values for p in parts):
            return "no row falls in the periods the claim names"
        return ("the claim's filter keeps no row: `factcheck explain` without --rows shows how many "
                "each part of it keeps")


def _parts(node: PlanNode | None) -> list[Part]:
    """Every table read by the measure, with what is counted in it (its kind says)."""
    return KINDS[node.kind].parts(node, None) if node is not None else []


def rows_sql(part: Part, columns: Mapping[str, list[str]], *, links: bool = True, ordered: bool = False) -> str:
    """The kept rows: the counted table's ``columns`` (named, so its file-order row number, read for
    ``lag``/``lead`` or for ordering, is never among them); with ``links``, the columns of the
    lookups' tables too (``columns`` by table); ``ordered``: in the order of the table's file-order
    row number (the table was read with it: ``Catalog.ordered``)."""
    scan = part.scan
    shown = [f"{quote_ident(scan.table)}.{quote_ident(c)}" for c in columns[scan.table]]
    if links:
        shown += [f"{quote_ident(link.name)}.{quote_ident(c)}" for link in scan.joins.values()
                  for c in columns[link.target]]
    cond = f", ({part.condition}) AS condition" if part.condition else ""
    period = f", {part.group} AS period" if part.group else ""
    extra = None
    if part.group and part.only_periods:
        values = part.period_values
        extra = f"{part.group} IN ({', '.join(literal(v) for v in values)})" if values else "FALSE"
    order = f"\nORDER BY {quote_ident(scan.table)}.{quote_ident(ROW)}" if ordered else ""
    return (f"SELECT {', '.join(shown)}{period}{cond}\n{scan.from_sql()}"
            f"{scan.where_sql(extra)}{order}")


def _match_periods(session: Session, part: Part) -> dict[str, int]:
    """Rows per period the claim names, matched as the evaluation matches them (2019, 2019.0 and
    '2019' agree); ``part.period_values`` gets the column's own values for those periods.

    Never ``over = 2019`` in SQL: against a text column that is a conversion error.
    """
    if not part.group or not part.periods:
        return {}
    wanted = {key(v) for v in part.periods}
    counts: dict[str, int] = {}
    part.period_values = []
    for value, n in session.backend.execute(f"SELECT {part.group} AS period, count(*) {part.scan.from_sql()}"
                                            f"{part.scan.where_sql()} GROUP BY 1").rows:
        if value is not None and key(value) in wanted:
            counts[key(value)] = counts.get(key(value), 0) + int(n)
            part.period_values.append(value)
    return counts


def _steps(session: Session, part: Part, claimed: dict[str, list[str]]) -> ScanSteps:
    scan = part.scan

    def count(sql: str) -> int:
        return int(session.backend.execute(sql).rows[0][0])

    steps = [Step(f"all rows of {scan.table}", count(f"SELECT count(*) {scan.from_sql()}"))]
    conds: list[str] = []
    for conjunct in conjuncts(scan.where_expr):
        conds.append(f"({scan.sql(conjunct)})")
        n = count(f"SELECT count(*) {scan.from_sql()}\nWHERE {' AND '.join(conds)}")
        steps.append(Step(f"where {render(conjunct)}", n))
    counts = _match_periods(session, part)
    for value in part.periods if part.group else ():
        steps.append(Step(f"of which {part.over} = {value}", counts.get(key(value), 0)))
    if part.condition and part.weight:
        steps += _weighed_steps(session, part)
    elif part.condition:
        where = scan.where_sql(f"({part.condition}) IS NULL")
        unknown = count(f"SELECT count(*) {scan.from_sql()}{where}")
        meeting = count(f"SELECT count(*) {scan.from_sql()}{scan.where_sql(f'({part.condition})')}")
        steps.append(Step("condition unknown (left out)", unknown))
        steps.append(Step("meeting the condition", meeting))
    ordered = scan.table in session.prepared.catalog.ordered
    own = claimed.get(scan.table) or _columns(session, {scan.table})[scan.table]
    sample = session.backend.execute(rows_sql(part, {scan.table: own}, links=False, ordered=ordered)
                                     + f"\nLIMIT {SAMPLE}")
    return ScanSteps(scan.table, steps, sample.columns, sample.rows, part.label)


def _weighed_steps(session: Session, part: Part) -> list[Step]:
    """The steps of a share weighed by ``sum: COLUMN``: the rows it leaves out (condition or COLUMN
    unknown), then the rows it divides by and the rows it counts, each with COLUMN's sum over them,
    which are the figure's denominator and numerator (the rows alone are not what it divides)."""
    from .measures._simple import DEC
    from .measures._values import frac
    scan, cond, weight = part.scan, f"({part.condition})", part.weight
    amount = f"CAST({weight} AS {DEC})"
    row = session.backend.execute(
        f"SELECT count(*) FILTER (WHERE {cond} IS NULL OR {weight} IS NULL),"
        f" count(*) FILTER (WHERE {cond} IS NOT NULL AND {weight} IS NOT NULL),"
        f" sum({amount}) FILTER (WHERE {cond} IS NOT NULL),"
        f" count(*) FILTER (WHERE {cond} AND {weight} IS NOT NULL),"
        f" sum({amount}) FILTER (WHERE {cond})"
        f" {scan.from_sql()}{scan.where_sql()}").rows[0]
    from .expectations.numbers import format_value
    from .expectations.shape import MeasureShape
    column = part.weight_text or "the column"
    known, meeting = frac(row[2] or 0) or Fraction(0), frac(row[4] or 0) or Fraction(0)

    def total(x: Fraction) -> str:
        return format_value(x, MeasureShape("number"))
    return [Step(f"condition or {column} unknown (left out)", int(row[0])),
            Step(f"condition known; sum of {column}: {total(known)} (the denominator)", int(row[1]), known),
            Step(f"meeting the condition; sum of {column}: {total(meeting)} (the numerator)", int(row[3]), meeting)]


def _tables(part: Part) -> list[str]:
    """The table a part counts, then the tables its lookups join."""
    return [part.scan.table, *(link.target for link in part.scan.joins.values())]


def _columns(session: Session, tables: set[str]) -> dict[str, list[str]]:
    """Each table's columns as the backend holds them (its columns read, then its derives), without
    the file-order row number: an engine's own numbering, which is no column of the data."""
    from .loading import table_read
    return {t: [*read.columns, *(d for d, _ in read.derives)]
            for t in tables for read in [table_read(session.prepared, t)]}


def explain(claims: str | Path, claim_id: str, tables: dict[str, Any] | None = None, *,
            data_root: str | Path | None = None, engine: str = "duckdb",
            spark_master: str | None = None) -> Explanation:
    """Run one claim and show its working (on Spark, with the Spark SQL it ran)."""
    session = prepare(claims, tables, only=[claim_id], data_root=data_root, keys=True, engine=engine,
                      spark_master=spark_master)
    claimed = _read_every_column(session)
    session.materialize()
    ran = session.backend.ran
    first = len(ran)  # the claim's own queries come after the reading checks
    report = session.run(last=False)  # the steps below query the tables again
    plan = session.plans[0]
    # no steps for a claim without a measure, or whose table is an optional one without its file
    try:
        scans = [] if report.results[0].verdict == "unverifiable" and (plan.node is None or plan.missing_tables) else [
            _steps(session, part, claimed) for part in _parts(plan.node)]
    except Exception as exc:  # a step the run did not need: a period not covered is judged before any query
        from .engine import query_failure
        from .errors import ClaimsFileError
        raise ClaimsFileError([query_failure(session.prepared, session.backend, plan, exc)]) from None
    engine_sql = _engine_sql(session, ran[first:])
    names = _names(session, report.results[0])
    session.refuse_changed_files()  # the figure, the steps and the sample rows are of one version
    return Explanation(report.results[0], scans, session, engine_sql, names)


def _names(session: Session, result: ClaimResult) -> dict[str, str]:
    """The names of the ids a ``top`` lists when a lookup names them ("V0001": "Harbor Paving Co."),
    asked in one query, by explain alone: ``run`` shows the ids."""
    node, details = session.plans[0].node, result.details
    if node is None or details is None:
        return {}
    from .planning.id_names import names_of, top_labels
    labels = top_labels(session.prepared.catalog, node)
    if labels is None:
        return {}
    fields = details.fields()
    ids = [g["value"] for g in fields.get("ranking") or []] + list(fields.get("ties_at_cut") or [])
    return names_of(session.backend, labels, ids)


def _engine_sql(session: Session, queries: list[str]) -> list[str]:
    """Each table's reading and the claim's queries in the engine's own SQL (none on DuckDB)."""
    if session.backend.dialect == "duckdb":
        return []
    from .loading import table_read
    plan = session.plans[0]
    tables = [f"-- table {t}\nCREATE OR REPLACE TEMP VIEW `{t.replace('`', '``')}` AS\n"
              + session.backend.engine_reader_sql(table_read(session.prepared, t))
              for t in session.prepared.sources if plan.reads(t) and t in {u.name for u in session.uses}]
    return tables + list(dict.fromkeys(queries))


def _read_every_column(session: Session) -> dict[str, list[str]]:
    """Read every column of the tables the claim reads, so that :meth:`Explanation.rows` gives
    whole rows a reporter can recognise; return the columns the claim itself uses, per table
    in file order then its derives (the sample shows those)."""
    catalog, plan = session.prepared.catalog, session.plans[0]
    claimed = {t: [c for c in src.columns if c in catalog.used.get(t, set())] + list(catalog.used_derives.get(t, []))
               for t, src in catalog.sources.items()}
    for table, src in catalog.sources.items():
        if plan.reads(table) and not src.missing:
            for column in src.columns:
                catalog.use(table, column)
    # a join gives its rows in no set order (Spark's, and DuckDB's on more than a few row groups):
    # the rows (and the sample) are ordered by the file-order row number of the table each part
    # counts, so they come in file order on either engine; a lookup's table is left as it is (its
    # row number would be one more column among the lookup's)
    parts = _parts(plan.node)
    lookups = {link.target for part in parts for link in part.scan.joins.values()}
    catalog.ordered |= {part.scan.table for part in parts} - lookups
    return claimed
