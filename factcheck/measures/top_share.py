"""``top_share: COLUMN, of: TABLE, in_top: 10%`` — the share of COLUMN's total held by the
rows with the largest values, the top ``in_top`` percent of them.

With ``by: EXPRESSION`` the rows are first summed per group ("the 10% of manufacturers
with the most models made 31% of the models": ``top_share: 1, by: word(name, 1)``).
The top N% of n rows (or groups) are the first ``floor(n × N / 100)`` in decreasing order
of value; which of several tied rows are "in" does not change the sum. Rows (groups) with
no value are left out and counted; a value below zero makes the claim an error, since a
share of a total is only meaningful when every part is at least zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from ..expressions import quote_ident
from ..outcome import Reason
from ..planning.nodes import Part, PlanNode, Scan
from ._details import Details
from ._kind import MeasureKind, register, shape_of
from ._model import Filtered
from ._values import DEC, Evaluated, frac, key
from .percentile import percent_scale
from .top import Ranked

if TYPE_CHECKING:
    from ..claims import Claim
    from ..expectations.shape import MeasureShape
    from ..expressions import Expr
    from ..planning.compiler import Compiler
    from ..planning.execute import Executor
    from ..planning.nodes import PathKey


class TopRows(Filtered):
    """What ``top_share`` and ``top_sum`` share: the table, how large the top is and the groups.
    Each kind adds its own key, the column (``top_share: COLUMN``, ``top_sum: COLUMN``)."""

    of: str
    in_top: Decimal | None = None
    top_n: int | None = Field(None, gt=0, description="the number of rows (or groups) at the top: top_n: 10 for "
                                                     "'the top 10 donors'; instead of in_top")
    by: str | None = None

    @model_validator(mode="after")
    def _one_top(self) -> TopRows:
        if (self.in_top is None) == (self.top_n is None):
            raise ValueError("say how large the top is, one way: in_top: 10% (the top tenth of the rows) or "
                             "top_n: 10 (the ten largest)")
        return self

    @field_validator("top_share", "top_sum", mode="before", check_fields=False)
    @classmethod
    def _column(cls, value: Any) -> Any:
        # `top_share: 1` (with `by`) counts rows: YAML reads the 1 as a number
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("in_top", mode="before")
    @classmethod
    def _in_top(cls, value: Any) -> Decimal | None:
        if value is None:
            return None
        got = percent_scale(value, "in_top", "in_top: 10%")
        if got == 0:
            raise ValueError("in_top is the percentage of rows at the top, more than 0: for example in_top: 10%")
        return got


class TopShare(TopRows):
    """``top_share: COLUMN, of: TABLE, in_top: 10%``, optionally ``by: GROUP``."""

    top_share: str


class RankedSum(Ranked):
    """A group of a top by groups and its sum, as a ``top``'s ranking gives a value and its figure."""

    figure_text: str | None = Field(None, description="the sum for people, in money with its sign when the column "
                                                      "is ('$222,293,788.86': the claim's expect or sentence writes "
                                                      "its figures in one currency), else null")


class TopDetails(Details):
    """How many rows (or groups) make a top, of how many, the two sums, and the groups themselves:
    what a `top_share` and a `top_sum` say alike (each names its own ``kind``)."""

    in_top: int
    out_of: int
    top_total: float
    total: float
    ranking: list[RankedSum] = Field(default_factory=list, description="with by: the groups that make the top, largest first, "
                                                     "each with its sum (the first 10 of a larger top)")
    ties_at_cut: list[str] = Field(default_factory=list, description="with by: groups left out of the top with the same sum as "
                                                   "its last, which of them is in being no matter to the sum "
                                                   "(the first 10)")
    tied_at_cut: int = Field(default=0, description="with by: how many groups ties_at_cut would list in all")
    names: dict[str, str] = Field(default_factory=dict, description="with by an id column that a lookup's table "
                                  "names (a column name, title, label, or ending so): the name of each id of "
                                  "ranking and ties_at_cut, {'V0002': 'Northline Construction'}")


class TopShareDetails(TopDetails):
    """How many rows (or groups) make the top, of how many, the two sums, and the groups themselves."""

    kind: Literal["top_share"] = "top_share"


@dataclass
class TopShareNode(PlanNode):
    scan: Scan
    column: Expr
    column_text: str
    in_top: Decimal | None
    group: Expr | None = None
    top_n: int | None = None  # the number at the top, instead of a percentage of them
    sign: str = ""  # the currency sign of the sums ('' for none): the expect's, or its sentence's one currency


@register
class TopShareKind(MeasureKind):
    name = "top_share"
    model: ClassVar[type[TopRows]] = TopShare  # top_sum's kind is this one with its own model and figure
    details: ClassVar[type[Details] | None] = TopShareDetails
    examples = ("{{top_share: {column}, of: {table}{w}, in_top: 10%}}",
                "{{top_share: 1, of: {table}, by: {column}, in_top: 50}}")

    def compile(self, c: Compiler, m: TopRows, path: PathKey, over: str | None) -> TopShareNode | None:
        """The column is the kind's own key (``top_share:``, ``top_sum:``); the rest is shared."""
        scan = c.scan(c.table(m.of, path + ("of",)), m.where, path)
        if scan is None:
            return None
        written = getattr(m, self.name)
        column = c.expr(written, scan, path + (self.name,), "column", numbers=self.name)
        group = c.expr(m.by, scan, path + ("by",), "by") if m.by is not None else None
        if column is None or (m.by is not None and group is None):
            return None
        from ._units import sums_sign
        return TopShareNode(self.name, scan, column, written, m.in_top, group, m.top_n,
                            sums_sign(str(written), c.plan.claim.says, c.plan.claim.expect))

    def evaluate(self, node: TopShareNode, ex: Executor) -> Evaluated:
        sql = top_share_sql(node)
        result = ex.run(sql)
        ev = self.value(node, dict(zip(result.columns, result.rows[0], strict=True)))
        ev.sql = [sql]
        if node.sign and ev.numerator is not None:  # the top's sum over the whole: both in money, as the groups'
            ev.parts_money = (node.sign, node.sign)
        details = ev.details
        in_top = getattr(details, "in_top", 0)
        if node.group is not None and ev.unavailable is None and details is not None and in_top:
            # the groups the top holds, named: one query more, of a top by groups only
            labels = id_labels(node, ex)
            rows = ex.run(top_groups_sql(node, in_top, labels)).rows
            ranking = [RankedSum(value=key(g), figure=float(v), figure_text=_sum_text(v, node.sign))
                       for g, v, r, *_ in rows if r <= in_top]
            ties = [key(g) for g, v, r, *_ in rows if r > in_top]
            names = {key(row[0]): str(row[4]) for row in rows if labels and row[4] is not None}
            ev.details = details.model_copy(update={"ranking": ranking, "ties_at_cut": ties, "names": names,
                                                    "tied_at_cut": int(rows[0][3]) if rows else 0})
        return ev

    def value(self, node: TopShareNode, row: dict[str, Any]) -> Evaluated:
        return top_share(node, row)

    def shape(self, node: TopShareNode, claim: Claim) -> MeasureShape:
        return shape_of("share", part_of_a_whole=True)

    def share_like(self, node: TopShareNode) -> bool:
        return True

    def parts(self, node: TopShareNode, label: str | None) -> list[Part]:
        return [Part(node.scan, None, label)]


def top_share_sql(node: TopShareNode) -> str:
    """Values (per group with ``by``) ranked from the largest; the first floor(n × N/100) are the top
    (with ``top_n``: the first N). With ``by``, rows of no group (a blank officer) are in no group to
    rank but are in the total: "one officer accounted for half of all incidents" is of all of them."""
    scan = node.scan
    x = f"({scan.sql(node.column)})"
    if node.group is None:
        values = (f"SELECT CAST({x} AS {DEC}) AS v, 1 AS rows, CAST({x} IS NOT NULL AS INTEGER) AS known, "
                  f"TRUE AS grouped\n  {scan.from_sql()}{scan.where_sql()}")
    else:
        g = f"({scan.sql(node.group)})"
        values = (f"SELECT {g} AS grp, sum(CAST({x} AS {DEC})) AS v, count(*) AS rows, count({x}) AS known, "
                  f"{g} IS NOT NULL AS grouped\n  {scan.from_sql()}{scan.where_sql()}\n  GROUP BY 1")
    cut = f"r <= {node.top_n}" if node.top_n is not None else (
        f"r * 100 <= n * {format((node.in_top or Decimal(0)).normalize(), 'f')}")
    return (f"WITH vals AS (\n  {values}\n),\n"
            "ranked AS (\n  SELECT v, row_number() OVER (ORDER BY v DESC) AS r, count(*) OVER () AS n\n"
            "  FROM vals WHERE v IS NOT NULL AND grouped\n)\n"
            "SELECT (SELECT coalesce(sum(rows), 0) FROM vals) AS kept,\n"
            "       (SELECT coalesce(sum(known), 0) FROM vals) AS known, count(*) AS n_values,\n"
            f"       count(*) FILTER (WHERE {cut}) AS in_top,\n"
            f"       sum(v) FILTER (WHERE {cut}) AS top_total, (SELECT sum(v) FROM vals) AS total,\n"
            "       (SELECT min(v) FROM vals) AS smallest\n"  # a negative of no group is in the total too
            "FROM ranked")


NAMED = 10
"""Groups of a top named in its details (and by ``explain``): "the top five vendors" all, the top 10%
of 2,000 donors the first ten of them."""


def top_groups_sql(node: TopShareNode, in_top: int, labels: Labels | None = None) -> str:
    """The groups a top by ``by`` holds, largest first, at most :data:`NAMED`, each with its sum and
    place; then those outside it whose sum is the same as its last one's (a tie at the cut: which of
    them is in changes no sum, but the names). Ties are ordered by the group's value. With ``labels``
    (an id column a lookup's table names), each group's name too, joined in the same query."""
    scan = node.scan
    x, g = f"({scan.sql(node.column)})", f"({scan.sql(node.group)})"  # type: ignore[arg-type]
    name, join = "", ""
    if labels is not None:
        table, id_column, label = (quote_ident(n) for n in labels)
        name = f", names.{label} AS name"
        join = f" LEFT JOIN {table} AS names ON names.{id_column} = ranked.grp"
    return (f"WITH vals AS (\n  SELECT {g} AS grp, sum(CAST({x} AS {DEC})) AS v\n  {scan.from_sql()}{scan.where_sql()}"
            f"\n  GROUP BY 1\n),\n"
            "ranked AS (\n  SELECT grp, v, row_number() OVER (ORDER BY v DESC, grp) AS r\n"
            "  FROM vals WHERE v IS NOT NULL AND grp IS NOT NULL\n)\n"
            f"SELECT ranked.grp, ranked.v, ranked.r, count(*) FILTER (WHERE ranked.r > {in_top}) OVER () AS tied{name}"
            f"\nFROM ranked{join}\n"
            f"WHERE ranked.r <= {min(in_top, NAMED)} OR (ranked.r > {in_top} "
            f"AND ranked.v = (SELECT v FROM ranked WHERE r = {in_top}))\n"
            f"ORDER BY ranked.r LIMIT {2 * NAMED}")


Labels = tuple[str, str, str]
"""The table that names an id column's values, its key and its label column ('vendors', 'vendor_id', 'name')."""


def id_labels(node: TopShareNode, ex: Executor) -> Labels | None:
    """The table, key and label column that name the groups of a top by an id column
    (``by: vendor_id`` with ``lookup: {vendor: vendors via vendor_id}`` and a ``name`` there), as
    :mod:`~factcheck.planning.id_names` finds them (and has read them); None for any other group."""
    from ..expressions import Name
    from ..planning.id_names import label_link
    group = node.group
    if not isinstance(group, Name) or group.link is not None or ex.catalog is None:
        return None
    return label_link(ex.catalog, node.scan.table, group.column)


def _sum_text(v: Any, sign: str) -> str | None:
    """A group's sum in money with its sign, whole or with its cents ("$106,691,073.10", "$300"); None
    when the sums are no money."""
    if not sign:
        return None
    from ..expectations.numbers import money_text
    from ..formatting import with_sign
    return with_sign(money_text(frac(v) or Fraction(0)), sign)


@dataclass
class TopSums:
    """The top's sum and the whole sum, exactly, and how many rows (groups) made the top of how many."""

    top_total: Fraction
    total: Fraction
    in_top: int
    out_of: int


def top_sums(node: TopShareNode, row: dict[str, Any], why_not_negative: str) -> tuple[Evaluated, TopSums | None]:
    """The result row read, checked as both kinds check it: no values (or a top of none, or fewer
    than ``top_n``) is ``no_rows``; a value below zero is an error in the claim, ``why_not_negative``
    saying why. Returns the evaluation so far and the sums, or None when there is no figure."""
    kept, known = int(row["kept"]), int(row["known"])
    n, k = int(row["n_values"]), int(row["in_top"])
    ev = Evaluated(None, rows_kept=kept, rows_unknown=kept - known, base=n)
    what = "groups" if node.group is not None else "rows"
    if n == 0:
        ev.unavailable, ev.why = Reason.NO_ROWS, f"no {what} with a value pass the filter"
        return ev, None
    smallest = frac(row["smallest"])
    if smallest is not None and smallest < 0:
        ev.problem = (f"{node.kind} needs values of at least 0, and {node.column_text} is "
                      f"{float(smallest):g} somewhere: {why_not_negative}")
        return ev, None
    sums = TopSums(frac(row["top_total"]) or Fraction(0), frac(row["total"]) or Fraction(0), k, n)
    if k == 0:
        ev.unavailable = Reason.NO_ROWS
        ev.why = f"the top {(node.in_top or Decimal(0)).normalize():f}% of {n} {what} is less than one"
    elif node.top_n is not None and k < node.top_n:
        ev.unavailable = Reason.NO_ROWS
        ev.why = f"there are only {n} {what} with a value, fewer than the top {node.top_n}"
    return ev, sums


def top_share(node: TopShareNode, row: dict[str, Any]) -> Evaluated:
    """The top rows' sum over the whole sum, exactly."""
    ev, sums = top_sums(node, row, "a share of a total with negative parts means little")
    if sums is None:
        return ev
    ev.details = TopShareDetails(in_top=sums.in_top, out_of=sums.out_of, top_total=float(sums.top_total),
                                 total=float(sums.total))
    if ev.unavailable is not None:
        return ev
    if sums.total == 0:
        ev.unavailable, ev.why = Reason.ZERO_DENOMINATOR, f"{node.column_text} adds up to 0"
        return ev
    ev.numerator, ev.denominator = sums.top_total, sums.total
    ev.value = sums.top_total / sums.total
    return ev
