"""How one figure was computed, step by step.

``explain(path, claim_id)`` runs a single claim and returns an
:class:`Explanation`: the expectation as understood, the rows left after each
part of the filter, numerator and denominator, the SQL, and sample rows. The
rows behind the figure can be had as a pandas DataFrame (``rows()``), which is
what ``factcheck explain --rows PATH`` writes as CSV.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .engine import Session, prepare
from .expressions import Binary, Expr, quote_ident, render, to_sql
from .plan import ChangeNode, ExtremeNode, Node, RatioNode, Scan, Simple, StreakNode, TopNode
from .report import ClaimResult

if TYPE_CHECKING:
    import pandas

SAMPLE = 5


@dataclass
class Step:
    """The rows of a table left after one more part of the filter."""

    label: str
    rows: int


@dataclass
class ScanSteps:
    table: str
    steps: list[Step]
    sample_columns: list[str] = field(default_factory=list)
    sample: list[tuple[Any, ...]] = field(default_factory=list)


@dataclass
class Explanation:
    """Everything ``factcheck explain`` shows about one claim."""

    result: ClaimResult
    scans: list[ScanSteps]
    session: Session

    def rows(self) -> "pandas.DataFrame":
        """The rows behind the figure (every kept row of every part of the measure)."""
        import pandas as pd
        frames = []
        for i, scan in enumerate(_scans(self.session.plans[0].node)):
            df = self.session.con.execute(rows_sql(scan[0], scan[1])).df()
            if len(_scans(self.session.plans[0].node)) > 1:
                df.insert(0, "measure_part", scan[2] or f"part {i + 1}")
            frames.append(df)
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _scans(node: Node | None, label: str | None = None) -> list[tuple[Scan, str | None, str | None]]:
    """(scan, extra condition SQL, label) for every table read by the measure."""
    if isinstance(node, Simple):
        return [(node.scan, node.expr if node.kind == "share" else None, label)]
    if isinstance(node, RatioNode):
        return _scans(node.numerator, "numerator") + _scans(node.denominator, "denominator")
    if isinstance(node, (ChangeNode, ExtremeNode)):
        return _scans(node.inner, label)
    if isinstance(node, TopNode):
        return [(node.scan, None, label)]
    if isinstance(node, StreakNode):
        return [(node.scan, node.cond, label)]
    return []


def rows_sql(scan: Scan, condition: str | None, *, links: bool = True) -> str:
    """The kept rows; with ``links``, the columns read through lookups too."""
    linked = "".join(f", {quote_ident(l.name)}.*" for l in scan.joins.values()) if links else ""
    cond = f", ({condition}) AS condition" if condition else ""
    return f"SELECT {quote_ident(scan.table)}.*{linked}{cond}\n{scan.from_sql()}{scan.where_sql()}"


def _conjuncts(expr: Expr | None) -> list[Expr]:
    if expr is None:
        return []
    if isinstance(expr, Binary) and expr.op == "and":
        return _conjuncts(expr.left) + _conjuncts(expr.right)
    return [expr]


def _steps(session: Session, scan: Scan, condition: str | None) -> ScanSteps:
    resolve = session.catalog.resolver(scan.table, dict(scan.joins))
    steps = [Step(f"all rows of {scan.table}", session.query(f"SELECT count(*) {scan.from_sql()}")[0][0])]
    conds: list[str] = []
    for part in _conjuncts(scan.where_expr):
        conds.append(f"({to_sql(part, resolve)})")
        n = session.query(f"SELECT count(*) {scan.from_sql()}\nWHERE {' AND '.join(conds)}")[0][0]
        steps.append(Step(f"where {render(part)}", n))
    if condition:
        where = scan.where_sql(f"({condition}) IS NULL")
        unknown = session.query(f"SELECT count(*) {scan.from_sql()}{where}")[0][0]
        meeting = session.query(f"SELECT count(*) {scan.from_sql()}{scan.where_sql(f'({condition})')}")[0][0]
        steps.append(Step("condition unknown (left out)", unknown))
        steps.append(Step("meeting the condition", meeting))
    cur = session.con.execute(rows_sql(scan, condition, links=False) + f"\nLIMIT {SAMPLE}")
    return ScanSteps(scan.table, steps, [d[0] for d in cur.description], cur.fetchall())


def explain(claims: str | Path, claim_id: str, tables: dict[str, Any] | None = None, *,
            data_root: str | Path | None = None) -> Explanation:
    """Run one claim and show its working."""
    session = prepare(claims, tables, only=[claim_id], data_root=data_root, keys=True)
    session.materialize()
    report = session.run()
    plan = session.plans[0]
    scans = [] if report.results[0].verdict == "unverifiable" and plan.node is None else [
        _steps(session, scan, cond) for scan, cond, _ in _scans(plan.node)]
    return Explanation(report.results[0], scans, session)
