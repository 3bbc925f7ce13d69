"""The plan: what a claim computes, as data that holds expression trees, not SQL.

A plan node is made by its measure kind's ``compile`` (see :mod:`factcheck.measures`)
and read by the same kind's ``evaluate``. Every node reads rows through a :class:`Scan`
(a table, the lookups it joins, its filter as an expression tree); SQL is rendered
from the trees only when a backend runs the plan (:mod:`factcheck.planning.sql`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from ..claims import Claim
    from ..expressions import Expr
    from .catalog import Link
    from .lag_holes import LagCheck

PathKey = tuple[str | int, ...]
Conds = tuple[tuple[Any, ...], ...]
"""Comparisons a period must meet, all of them: ``(("==", (2021,)),)``, ``((">=", (2020,)), ("<", (2024,)))``;
a third item says how the period is read from the date, when not as the check's ``of`` (``"year"``)."""


DATE_MARK = "\x00date\x00"
"""Where the date goes in a :attr:`Coverage.period_of` expression (never in SQL that is run)."""


@dataclass(frozen=True)
class Coverage:
    """A period a claim names, and the check (over the data's min and max) that the data covers it.

    The check is kept in parts, not as one text, so that the checks on one table share their
    aggregates: ``min(col)`` is computed once for all the periods named in it (see
    :meth:`aggregates` and :meth:`predicate`).
    """

    text: str                    # "filed_year == 2021"
    from_sql: str                # FROM …
    col: str                     # the period column (or expression), as SQL
    op: str                      # ==, in, between, <, <=, >, >=, !=
    lits: tuple[str, ...]        # the periods, as SQL literals
    gap: str | None = None       # a single period that must have rows (not a gap inside the range)
    when: tuple[str, ...] = ()   # columns that must turn out DATE/TIMESTAMP for the check to apply
    between: bool = False        # a period between two a claim names (`every`'s): none if the data's skip it
    whole_year: tuple[str, str] | None = None  # a note's check: the date column (SQL, name) whose year ``lits[0]``
                                               # names must run from January to December in the data
    period_of: tuple[str, str] | None = None   # with ``whole_year``: the period is not a year but this expression of
                                               # the date (SQL with DATE_MARK for it, and its text): a fiscal year

    def aggregates(self) -> list[str]:
        """The aggregates the check reads (each one SQL expression over the table)."""
        out = [f"min({self.col})", f"max({self.col})"]
        if self.whole_year is not None:
            out += [f"min({self.whole_year[0]})", f"max({self.whole_year[0]})"]
        if self.gap is not None:
            out.append(f"bool_or({self.col} = {self.gap})")
        return out + [f"typeof(min({c}))" for c in self.when]

    def predicate(self, agg: Callable[[str], str] = str) -> str:
        """The check as one boolean, each aggregate written by ``agg`` (itself, or a name for it)."""
        lo, hi = agg(f"min({self.col})"), agg(f"max({self.col})")
        q = self.lits
        if self.whole_year is not None and self.period_of is not None:
            # another period of a date (a fiscal year): whole unless the period is still the same in the
            # month after the data's last month, or before its first month (data in a month reaches its
            # end, as for a year and a range: a few quiet days are no hole, and monthly rows stand for months).
            # The data's own last (first) month must be in the period too: a period that comes round again (a
            # month of the year, a quarter) is month 1 in the January after a December the data ends with,
            # and that January is not the one the data holds
            date = self.whole_year[0]
            y, first, last = q[0], agg(f"min({date})"), agg(f"max({date})")
            last_month = f"CAST(date_trunc('month', try_cast({last} AS DATE)) AS DATE)"
            first_month = f"CAST(date_trunc('month', try_cast({first} AS DATE)) AS DATE)"
            after = self.period_of[0].replace(DATE_MARK, f"({last_month} + INTERVAL 1 MONTH)")
            at_last = self.period_of[0].replace(DATE_MARK, f"({last_month})")
            before = self.period_of[0].replace(DATE_MARK, f"({first_month} - INTERVAL 1 DAY)")
            at_first = self.period_of[0].replace(DATE_MARK, f"({first_month})")
            pred = (f"NOT coalesce({lo} <= {y} AND {y} <= {hi}, FALSE) OR "
                    f"coalesce(NOT (({after}) = {y} AND ({at_last}) = {y}) "
                    f"AND NOT (({before}) = {y} AND ({at_first}) = {y}), TRUE)")
        elif self.whole_year is not None:  # a year inside the data's years, reached from January to December?
            date = self.whole_year[0]
            y, first, last = q[0], agg(f"min({date})"), agg(f"max({date})")
            pred = (f"NOT coalesce({lo} <= {y} AND {y} <= {hi}, FALSE) OR coalesce("
                    f"try_cast({first} AS DATE) <= make_date(CAST({y} AS INTEGER), 1, 31) AND "
                    f"try_cast({last} AS DATE) >= make_date(CAST({y} AS INTEGER), 12, 1), TRUE)")
        elif self.gap is not None:
            v = self.gap
            pred = (f"NOT coalesce({lo} <= {v} AND {v} <= {hi}, FALSE) OR "
                    f"coalesce({agg(f'bool_or({self.col} = {v})')}, FALSE)")
        else:
            pred = "coalesce(" + {
                "==": f"{lo} <= {q[0]} AND {q[0]} <= {hi}",
                ">=": f"{hi} >= {q[0]}", ">": f"{hi} > {q[0]}",
                "<=": f"{lo} <= {q[0]}", "<": f"{lo} < {q[0]}",
                "!=": "TRUE",
                "between": f"{hi} >= {q[0]} AND {lo} <= {q[-1]}",
                "in": " AND ".join(f"({lo} <= {v} AND {v} <= {hi})" for v in q) or "TRUE",
            }[self.op] + ", FALSE)"
            ends = _range_ends(self.op, q, lo, hi)
            if ends:
                pred = f"({pred}) AND {ends}"
        if not self.when:
            return pred
        is_time = " OR ".join(f"{agg(f'typeof(min({c}))')} LIKE 'DATE%' OR {agg(f'typeof(min({c}))')} LIKE 'TIMESTAMP%'"
                              for c in self.when)
        return f"NOT coalesce({is_time}, FALSE) OR {pred}"

    @property
    def pred(self) -> str:
        return self.predicate()

    @property
    def sql(self) -> str:
        return f"SELECT {self.pred}\n{self.from_sql}"


def _range_ends(op: str, q: tuple[str, ...], lo: str, hi: str) -> str:
    """The upper end of a range, which the data must reach, beside reaching into the range at all:
    a sum "in calendar 2024" (``date <= '2024-12-31'``) over data that ends in June is half a year.

    A year's end is reached by the year itself (``year <= 2024``: data in 2024); a date's by data
    in the same month, since the last days of one may simply have had no event (a story's data up
    to December 28 covers ``<= '2024-12-31'``). A school or fiscal year written as a label
    (``'2024-25'``, ``'FY2024'``) is reached as a year is, by data in it, over a column that writes its
    years that way (:func:`_label_end`). Any other quoted end that is no date (``'2020-Q1'``) is not
    checked here. The lower end is not checked: a column of ends (the year a case was last
    pending) begins later than the data it belongs to, so "between 2000 and 2020" over cases from
    2000 would be refused for want of cases that ended in 2000."""
    def upper(v: str, strict: bool) -> str:
        if not v.startswith("'"):
            return f"coalesce({hi} >= {v}{' - 1' if strict else ''}, FALSE)"
        label = _label_end(v, hi, strict)
        if label:
            return label
        day = f"try_cast({v} AS DATE){' - INTERVAL 1 DAY' if strict else ''}"
        return f"coalesce(try_cast({hi} AS DATE) >= date_trunc('month', {day}), TRUE)"

    if op in ("<=", "<"):
        return upper(q[0], op == "<")
    if op == "between":
        return upper(q[-1], False)
    return ""


def _label_end(v: str, hi: str, strict: bool) -> str:
    """The check that the data reaches a range's end written as a year's label (``'2024-25'``; strict,
    ``< '2025-26'``: the label before it), over a column whose last value is written the same way
    (then text order is year order); '' when ``v`` is no such label. A column written otherwise
    (dates, codes) is not held to it: TRUE."""
    from ..measures._values import year_label
    read = year_label(v[1:-1].replace("''", "'"))
    if read is None:
        return ""
    form, year = read
    end = form.write(year - 1 if strict else year)
    shape = f"{form.prefix}____{form.sep}{'_' * form.width}"  # 'FY____', '____-__': the way labels are written
    last = f"CAST({hi} AS VARCHAR)"
    return f"coalesce(NOT ({last} LIKE '{shape}') OR {last} >= '{end}', TRUE)"


@dataclass(frozen=True)
class ReportCheck:
    """Periods a claim names on a table whose groups each report every period (``reported_by:``),
    to check, before the claim runs, that no group the claim may count lacks its rows there: a
    hospital with no visit in July is a missing report, and a total without it is no total.

    The periods are those of ``time`` (a file column: whole years, or dates taken by the month),
    read through ``of``: the claim's period column is ``time`` itself (``same``) or its ``year``,
    ``month_start`` or ``quarter_start``.
    """

    text: str                    # the periods as the claim names them ("from: 2021")
    table: str
    group: str                   # the column that names who reports (``reported_by``)
    time: str                    # the file column whose periods they report by
    of: str                      # same, year, month_start, quarter_start, or SQL of the date (DATE_MARK): a fiscal year
    conds: Conds                 # the periods: each (op, literals) must hold; none: every period
    from_sql: str                # the claim's FROM, with its lookups
    where_text: str | None = None  # the claim's filter as written: two parts of a claim (a ratio's) are two checks
    where: Callable[[], str | None] | None = field(default=None, compare=False)
    """The claim's filter with its period comparisons unknown (SQL), written when the check runs."""
    dated: bool = False          # ``time`` is a CSV column read without a type: checked only if it reads as dates


@dataclass
class Scan:
    """Where a measure's rows come from: a table, its joins, its filter."""

    table: str
    joins: dict[str, Link] = field(default_factory=dict)
    where_expr: Expr | None = None
    where_text: str | None = None
    _rendered: dict[int, tuple[Expr, str]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def where(self) -> str | None:
        """The filter as SQL (rendered from its tree)."""
        return self.sql(self.where_expr) if self.where_expr is not None else None

    def sql(self, tree: Expr) -> str:
        """An expression of this scan's scope as SQL (rendered once per tree)."""
        got = self._rendered.get(id(tree))
        if got is None or got[0] is not tree:
            from .sql import expr_sql
            got = self._rendered[id(tree)] = (tree, expr_sql(tree, self.table))
        return got[1]

    def from_sql(self) -> str:
        from ..expressions import quote_ident
        parts = [f"FROM {quote_ident(self.table)}"]
        parts += [link.join_sql() for link in self.joins.values()]
        return "\n".join(parts)

    def where_sql(self, extra: str | None = None) -> str:
        where = self.where
        conds = [c for c in (where and f"({where})", extra) if c]
        return ("\nWHERE " + " AND ".join(conds)) if conds else ""


@dataclass
class PlanNode:
    """A node of a claim's plan; ``kind`` names the measure kind that made it."""

    kind: str

    def children(self) -> list[PlanNode]:
        """The nodes this one is computed from (a ratio's parts, a change's measure)."""
        return []

    def scans(self) -> list[Scan]:
        """The scans this node reads itself (not its children's)."""
        scan = getattr(self, "scan", None)
        return [scan] if isinstance(scan, Scan) else []


def walk(node: PlanNode | None) -> list[PlanNode]:
    """The node and every node below it, depth first, left to right."""
    if node is None:
        return []
    return [node, *(n for child in node.children() for n in walk(child))]


@dataclass(frozen=True)
class Written:
    """An expression as the claim wrote it, kept to check its types again once the data's are known."""

    text: str
    table: str
    what: str
    line: int | None
    numbers: str | None = None  # the measure kind that reads it as numbers (sum, min …), if any


@dataclass
class PeriodAxis:
    """The column (or expression) a claim names its periods on (``over:``) and the periods it
    names (``from: 2019``), so that a date column named by years can be refused, with what to
    write instead, once the column's type is known (a CSV's only when it is read)."""

    table: str
    expr: Expr
    values: dict[str, Any]
    line: int | None
    dates_allowed: bool = True  # the kind also takes periods written as dates ('2019-01-01')


@dataclass
class ClaimPlan:
    """A claim ready to run: its plan tree and the periods to check first."""

    index: int
    claim: Claim
    node: PlanNode | None
    coverage: list[Coverage] = field(default_factory=list)
    tables: set[str] = field(default_factory=set)
    missing_tables: set[str] = field(default_factory=set)
    written: list[Written] = field(default_factory=list)
    axes: list[PeriodAxis] = field(default_factory=list)
    reports: list[ReportCheck] = field(default_factory=list)
    lag_checks: list[LagCheck] = field(default_factory=list)  # lag/lead read on a table declared reported_by
    unnamed_reports: list[ReportCheck] = field(default_factory=list)  # no period named there: a warning's checks

    def reads(self, table: str) -> bool:
        """Does the claim read ``table``, directly or through a lookup?"""
        return table in self.tables or any(link.target == table for n in walk(self.node)
                                           for scan in n.scans() for link in scan.joins.values())


@dataclass
class Part:
    """One table read by a measure, for ``explain``: its scan, the condition counted, the periods."""

    scan: Scan
    condition: str | None = None
    label: str | None = None
    group: str | None = None                       # SQL of the `over` column
    over: str | None = None                        # its name, for people
    periods: list[Any] = field(default_factory=list)  # the periods the claim names
    only_periods: bool = False                     # rows of those periods only (a change)
    period_values: list[Any] = field(default_factory=list)  # the `over` column's values for them (explain)
    weight: str | None = None                      # SQL of a share's `sum:` column: the rows are weighed by it
    weight_text: str | None = None                 # that column, for people ('votes')
