"""Compiling claims to plans, before anything is read or judged.

:func:`compile_claim` walks a claim's measure: each kind compiles its own part (see
:mod:`factcheck.measures`) with the helpers of :class:`Compiler`, which parse every
expression and resolve its names against the tables' headers (recording the columns a
run must read). The plan holds the checked expression trees. Every problem (unknown
table or column, an expression that does not parse) is collected, so a claims file with
five mistakes reports five, each with its line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Callable

from ..errors import Problem
from ..expressions import (
    WINDOW_FUNCTIONS,
    Between,
    Binary,
    Call,
    Compare,
    Expr,
    ExpressionError,
    InList,
    Literal,
    Name,
    Unary,
    UnknownName,
    calls,
    check_numbers,
    check_types,
    did_you_mean,
    leaves_unknown,
    map_calls,
    names,
    parse,
    quote_ident,
    quote_literal,
    suggest,
    to_sql,
)
from ..measures import KINDS, MeasureKind, kind_of
from .catalog import Catalog, Link
from .nodes import (
    DATE_MARK,
    ClaimPlan,
    Conds,
    Coverage,
    PathKey,
    PeriodAxis,
    PlanNode,
    ReportCheck,
    Scan,
    Written,
    walk,
)

if TYPE_CHECKING:
    from ..claims import Claim


class Compiler:
    """Compiles one claim; appends problems instead of raising."""

    def __init__(self, catalog: Catalog, index: int, claim: Claim, file: str,
                 line_of: Callable[[PathKey], int | None], problems: list[Problem]) -> None:
        self.cat = catalog
        self.plan = ClaimPlan(index, claim, None)
        self.file = file
        self.line_of = line_of
        self.problems = problems
        self._kinds: list[MeasureKind] = []  # the kinds being compiled, outermost first

    # ------------------------------------------------------------------ helpers
    def fail(self, path: PathKey, message: str, hint: str | None = None,
             detail: str | None = None) -> None:
        self.problems.append(Problem(message, file=self.file, line=self.line_of(path),
                                     claim=self.plan.claim.id, hint=hint, detail=detail))

    def table(self, name: str, path: PathKey) -> str | None:
        if name not in self.cat.sources:
            self.fail(path, f"unknown table '{name}'",
                      did_you_mean(suggest(name, self.cat.sources)) or
                      f"declared tables: {', '.join(self.cat.sources) or 'none'}")
            return None
        self.plan.tables.add(name)
        if self.cat.sources[name].missing:
            self.plan.missing_tables.add(name)
        return name

    def expr(self, text: Any, scan: Scan, path: PathKey, what: str = "expression", *,
             numbers: str | None = None) -> Expr | None:
        """Parse ``text`` and check its names in ``scan``'s scope (lookups used join the scan).
        ``numbers``: the measure kind that reads its values as numbers (``sum``, ``min`` …)."""
        text = str(text)
        try:
            tree = parse(text)
            types = self.cat.column_type(scan.table)
            check_types(tree, text, types)
            if numbers is not None:
                check_numbers(tree, text, numbers, types)
            if any(f in text.lower() for f in WINDOW_FUNCTIONS):  # most expressions have none: no walk of them
                for arg in (a for c in calls(tree) if c.function in WINDOW_FUNCTIONS for a in c.args):
                    if isinstance(arg, Name) and arg.link is None:  # a misspelt column, with the caret under it
                        to_sql(arg, self.cat.resolver(scan.table, None), text=text)
                tree = map_calls(tree, lambda call: self.cat.window_column(scan.table, call)
                                 if call.function in WINDOW_FUNCTIONS else None)
            to_sql(tree, self.cat.resolver(scan.table, scan.joins), text=text)
            self.plan.written.append(Written(text, scan.table, what, self.line_of(path), numbers))
        except ExpressionError as exc:
            self.fail(path, f"{what}: {exc.message}", exc.hint, detail=_caret(exc))
            return None
        except UnknownName as exc:  # a resolver error outside to_sql's own handling
            self.fail(path, exc.message, exc.hint or did_you_mean(exc.suggestions))
            return None
        for link in scan.joins.values():  # a lookup into an optional table whose file is absent
            if self.cat.sources[link.target].missing:
                self.plan.missing_tables.add(link.target)
        return tree

    def scan(self, table: str | None, where: str | None, path: PathKey) -> Scan | None:
        if table is None:
            return None
        scan = Scan(table)
        if where is not None:
            tree = self.expr(where, scan, path + ("where",), "where")
            if tree is not None:
                scan.where_expr, scan.where_text = tree, str(where)
                self.periods_in(scan, tree)
        return scan

    # ------------------------------------------------------------------ measures
    def measure(self, m: Any, path: PathKey, over: str | None = None) -> PlanNode | None:
        """Compile a measure by its kind; ``over`` groups it (inside change, extreme, top … by)."""
        kind = KINDS[kind_of(m)]
        if over is not None and not kind.groupable:
            self.fail(path, f"a '{kind.name}' measure cannot be computed per period "
                            "(nested in change, extreme, rising, falling or top … by)",
                      "nest a count, share, aggregate or ratio")
            return None
        self._kinds.append(kind)
        try:
            return kind.compile(self, m, path, over)
        finally:
            self._kinds.pop()

    # ------------------------------------------------------------------ periods
    def is_time_expr(self, table: str, tree: Expr) -> bool:
        return self.cat.is_time_expr(table, tree)

    def time_axis(self, table: str, tree: Expr) -> bool:
        """Is ``tree`` a time axis: a time column, or the axis of a kind that names periods
        (``change``, ``extreme``, ``streak``: any kind with ``per_period``)?"""
        return self.is_time_expr(table, tree) or any(k.per_period for k in self._kinds[-2:])  # itself or its parent

    def period_axis(self, table: str, tree: Expr, path: PathKey, values: dict[str, Any], *,
                    dates_allowed: bool = True) -> bool:
        """Record the axis ``over:`` names periods on, to check its type against the periods
        (see :mod:`.axes`) now and once the data's types are known; False when it does not fit."""
        from .axes import axis_problem
        axis = PeriodAxis(table, tree, {k: v for k, v in values.items() if v is not None},
                          self.line_of(path + ("over",)) or self.line_of(path), dates_allowed)
        if axis in self.plan.axes:
            return True
        self.plan.axes.append(axis)
        problem = axis_problem(axis, self.cat, self.file, self.plan.claim.id)
        if problem is not None:
            self.problems.append(problem)
        return problem is None

    def period_values(self, inner: PlanNode, path: PathKey, values: dict[str, Any],
                      window: tuple[Conds, str] | None = None) -> None:
        """The periods a change or extreme names must be in the data (checked before it runs).
        ``window``: the periods the figure compares besides those, and how to say them
        (``((("between", (2015, 2020)),), "2015 to 2020")``; no condition: every period), which
        a group that reports the rows must not be missing in either (see :meth:`reports`)."""
        for leaf in walk(inner):
            group: Expr | None = getattr(leaf, "group", None)
            if group is None:
                continue
            if not all(self.period_axis(scan.table, group, path, values) for scan in leaf.scans()):
                return
            if not getattr(leaf, "group_time", False):
                continue
            for scan in leaf.scans():
                # only the lookups the period column reads: each lookup is many-to-one (checked
                # before any claim runs), so leaving out the others keeps every row, once, and
                # spares a join of the whole table for a min and a max
                links = {n.link for n in names(group) if n.link}
                alone = Scan(scan.table, {k: j for k, j in scan.joins.items() if k in links})
                year_of = _whole_of(self.cat, scan.table, group)
                for key, value in values.items():
                    if value is not None:
                        self.within(alone, group, value, f"{key}: {value}", year_of=year_of, counted=scan)
                if window is not None:
                    self.reports(scan, group, window[0], window[1])

    def within(self, scan: Scan, tree: Expr, value: Any, text: str, *, gap_only: bool = False,
               year_of: Whole | None = None, counted: Scan | None = None, report: bool = True) -> None:
        """Check, before the claim runs, that the data reaches ``value`` in ``tree`` (an expression
        of ``scan``'s table), that the whole table has rows there (not a gap inside its range),
        and that no group that reports the table's rows lacks them there (:meth:`reports`, over
        the rows ``counted``, by default ``scan``'s). ``gap_only``: only the second and third (a
        period between two that are checked for the first, which is no gap when the data's
        periods skip it: elections every four years, see :func:`~factcheck.measures._values.cadence`).
        ``report``: False where the claim's parts check their own periods, each with its filter
        (``every``'s and ``overtook``'s cells)."""
        self.plan.coverage.extend(replace(c, between=gap_only)
                                  for c in _coverage(text, scan.from_sql(), scan.sql(tree), "==", [value], year_of=year_of)
                                  if c.gap is not None or not gap_only)
        if report:
            self.reports(counted or scan, tree, (("==", (value,)),), text)

    def reports(self, scan: Scan, tree: Expr, conds: Conds, text: str) -> None:
        """When ``scan``'s table names who reports its rows (``reported_by``) and ``tree`` is a
        period of one of its file columns, record the check that each group the claim may count
        has rows at the periods named (:class:`ReportCheck`, run by the executor)."""
        check = self.report_check(scan, tree, conds, text)
        if check is not None and check not in self.plan.reports:
            self.plan.reports.append(check)

    def report_check(self, scan: Scan, tree: Expr, conds: Conds, text: str) -> ReportCheck | None:
        """The check :meth:`reports` records, or None where there is none to make."""
        table = scan.table
        group = self.cat.sources[table].decl.reported_by
        if group is None or self.cat.sources[table].missing or (
                group not in self.cat.sources[table].columns and group not in self.cat.derives.get(table, {})):
            return None  # an unknown column is the declaration's problem, reported with its line
        root = _report_root(self.cat, table, tree)
        if root is None:
            return None
        dated = not self.cat.is_time(table, root[0])  # a CSV column: a period only if it reads as dates
        tree_of_where = scan.where_expr

        def where() -> str | None:  # asked when the check runs: a CSV column is known to be dates only then
            return None if tree_of_where is None else scan.sql(self._periods_unknown(table, tree_of_where))
        for column in (group, root[0]):
            self.cat.use(table, column)
        return ReportCheck(text, table, group, root[0], root[1], conds, scan.from_sql(), scan.where_text, where, dated)

    def window_reports(self, inner: PlanNode) -> list[ReportCheck]:
        """The checks of every period of ``inner``'s time axis, for a kind that learns which
        periods its figure rests on only when it runs (``rising``: the run): it narrows them then."""
        out = []
        for leaf in walk(inner):
            group: Expr | None = getattr(leaf, "group", None)
            if group is None or not getattr(leaf, "group_time", False):
                continue
            for scan in leaf.scans():
                check = self.report_check(scan, group, (), "")
                if check is not None and check not in out:
                    out.append(check)
        return out

    def periods_in(self, scan: Scan, tree: Expr) -> None:
        """Find comparisons of time columns with literals in a filter (under `not`, only a comparison
        that `not` turns into another: ``not (d < '2025-04-01')`` names the period from April 2025).
        A month or quarter of a date named with its year (``month(d) == 4 and year(d) == 2025``) is
        also checked as the one period it is (:func:`_calendar_periods`).

        A boolean derive is looked into, each at most once: a walk over an explicit stack,
        so a chain of derives (``d2: d1 and d1``) costs its size, not two to the power of its depth.
        """
        stack: list[tuple[Expr, str, Link | None]] = [(tree, scan.table, None)]
        seen: set[tuple[str, str]] = set()
        found: dict[Coverage, None] = {}  # in order, once each: a list searched per value was quadratic in an `in` list
        while stack:
            node, table, link = stack.pop()
            if isinstance(node, Binary) and node.op in ("and", "or"):
                stack += [(node.right, table, link), (node.left, table, link)]
                continue
            if isinstance(node, Unary) and node.op == "not" and isinstance(node.operand, Compare) \
                    and node.operand.op in _NOT_ORDER:
                node = replace(node.operand, op=_NOT_ORDER[node.operand.op])  # not (d < x) is d >= x
            if isinstance(node, Name):  # a boolean derive: look inside its definition
                tbl, lnk = self._home(table, node, link)
                if tbl and node.column in self.cat.derives.get(tbl, {}) and (tbl, node.column) not in seen:
                    seen.add((tbl, node.column))
                    stack.append((self.cat.derives[tbl][node.column], tbl, lnk))
                continue
            found.update(dict.fromkeys(self._periods_of(node, table, link)))
        found.update(dict.fromkeys(self._calendar_periods(scan.table, tree)))
        self.plan.coverage += found
        self._filter_reports(scan, tree)

    def _periods_of_columns(self, table: str, declared: list[str], named: dict[str, int]) -> list[Coverage]:
        """Two or more time columns of whole numbers the table declares (``time: [year, month]``), each
        named by ``==`` in one filter (``year == 2025 and month == 4``): the one period they name
        together, which the data must reach, in the order declared (each alone is covered by any April
        and by any month of 2025). Compared as lists, ``[year, month]`` against ``[2025, 4]``."""
        columns = [c for c in declared if c in named]
        if len(columns) < 2:
            return []
        tbl = quote_ident(table)
        col = "[" + ", ".join(f"{tbl}.{quote_ident(c)}" for c in columns) + "]"
        lit = "[" + ", ".join(str(int(named[c])) for c in columns) + "]"
        said = " and ".join(f"{c} == {named[c]}" for c in columns)
        no_such = "".join(_no_such_part(c, named[c]) for c in columns)
        if no_such:  # month == 13: no row can have it, wherever the data begins and ends
            return [Coverage(said + no_such, f"FROM {tbl}", col, "==", (lit,)),
                    Coverage(said + no_such, f"FROM {tbl}", col, "==", (lit,), gap=lit)]
        return [Coverage(said, f"FROM {tbl}", col, "==", (lit,)),
                Coverage(f"{said} (a gap in the data: the table has no row at all for it, so it is not a zero)",
                         f"FROM {tbl}", col, "==", (lit,), gap=lit)]

    def _calendar_periods(self, table: str, tree: Expr) -> list[Coverage]:
        """A month or a quarter named by its number and its year, joined by ``and`` at the top of a
        filter (``month(d) == 4 and year(d) == 2025``: how most people write "in April 2025"), as the
        one range of days it is, which the data must reach. Each comparison alone is covered by any
        April and by any day of 2025: over data that ends in March 2025 a count "in April 2025" of 0
        passed. Through derives (``m: month(d)``); only for a date column of the table (or a CSV
        column that turns out one)."""
        parts: dict[str, dict[str, int]] = {}
        declared = self.cat.sources[table].decl.time_columns()  # coarsest first: time: [year, month]
        named: dict[str, int] = {}
        stack = [tree]
        while stack:
            node = stack.pop()
            if isinstance(node, Binary) and node.op == "and":
                stack += [node.right, node.left]
                continue
            operand, lits, op = _atom(node)
            if operand is None or op != "==" or len(lits) != 1 or not isinstance(lits[0], int) \
                    or isinstance(lits[0], bool):
                continue
            part = _calendar_part(self.cat, table, operand)
            if part is not None:
                parts.setdefault(part[0], {}).setdefault(part[1], lits[0])
            elif isinstance(operand, Name) and operand.link is None and (
                    operand.column in declared or _part_of_year(operand.column, lits[0])):
                named.setdefault(operand.column, lits[0])
        finer = [c for c in named if c not in declared]  # month == 4 beside a declared year == 2025
        out = self._periods_of_columns(table, [*declared, *finer] if len(finer) == 1 and any(
            c in named for c in declared) else declared, named)
        for column, named in parts.items():
            year, month, quarter = named.get("year"), named.get("month"), named.get("quarter")
            if year is None or (month is None) == (quarter is None) or not 1 <= year <= 9999:
                continue
            first_month, months = (month, 1) if month is not None else ((quarter or 0) * 3 - 2, 3)
            if not 1 <= first_month <= 12 - months + 1:
                continue
            first = dt.date(year, first_month, 1)
            after = dt.date(year + (first_month + months > 12), (first_month + months - 1) % 12 + 1, 1)
            last = after - dt.timedelta(days=1)
            certain = self.cat.is_time(table, column)
            if not certain and not self.cat.untyped_roots(table, column):
                continue
            said = (f"{MONTHS[month - 1]} {year}" if month is not None
                    else f"the {('first', 'second', 'third', 'fourth')[first_month // 3]} quarter of {year}")
            col = f"{quote_ident(table)}.{quote_ident(column)}"
            out += _coverage(f"{column} in {said} ({first} to {last})", f"FROM {quote_ident(table)}", col,
                             "between", [first.isoformat(), last.isoformat()], () if certain else (col,))
        return out

    def _filter_reports(self, scan: Scan, tree: Expr) -> None:
        """The :meth:`reports` of the periods a filter names: its comparisons of a time column of
        the scanned table with literals, those joined by ``and`` on one column taken together (a
        month is ``date >= '2024-07-01' and date < '2024-08-01'``, not everything after July and
        everything before August), those under ``or`` each alone, those under ``not`` not at all."""
        # by the date they are periods of: `month >= '2022-08-01' and yr == 2022` is one range of it
        together: dict[str, tuple[Expr, list[tuple[Any, ...]], list[str]]] = {}
        stack: list[tuple[Expr, bool]] = [(tree, True)]
        while stack:
            node, top = stack.pop()
            if isinstance(node, Binary) and node.op in ("and", "or"):
                top = top and node.op == "and"
                stack += [(node.right, top), (node.left, top)]
                continue
            operand, lits, op = _atom(node)
            if operand is None or not self._names_periods(scan.table, operand):
                continue
            root = _report_root(self.cat, scan.table, operand)
            assert root is not None
            at = root[0] if top else str(len(together))
            entry = together.setdefault(at, (operand, [], []))
            entry[1].append((op, tuple(lits), root[1]))
            entry[2].append(f"{_text(operand)} {op} {', '.join(map(str, lits))}")
        for operand, conds, said in together.values():
            self.reports(scan, operand, tuple(conds), " and ".join(said))

    def _names_periods(self, table: str, tree: Expr) -> bool:
        """Is ``tree`` a period of a time column of ``table`` that a :class:`ReportCheck` reads (or
        of a CSV column that may turn out one, a date: then the check is made only if it does)?"""
        root = _report_root(self.cat, table, tree)
        return (root is not None and root[0] != self.cat.sources[table].decl.reported_by
                and (self.cat.is_time(table, root[0]) or bool(self.cat.untyped_roots(table, root[0]))))

    def _periods_unknown(self, table: str, tree: Expr) -> Expr:
        """``tree`` with each comparison of a period with literals made unknown (NULL): whether a
        group's rows could pass a claim's filter at some period (the filter IS NOT FALSE for them)."""
        def names_periods(node: Expr) -> bool:
            operand, _, _ = _atom(node)
            return operand is not None and self._names_periods(table, operand)
        return leaves_unknown(tree, names_periods)

    def _periods_of(self, node: Expr, table: str, link: Link | None) -> list[Coverage]:
        """The coverage checks of one comparison of a time column (or one derived from it) with literals."""
        operand, lits, op = _atom(node)
        if operand is None or any(c.function in WINDOW_FUNCTIONS for c in calls(operand)):
            return []  # lag(x) == 3 names no period, and an aggregate cannot hold a window
        used = names(operand)
        homes = {self._home(table, n, link)[0] for n in used}
        if len(homes) != 1 or None in homes:
            return []
        tbl = homes.pop()
        assert tbl is not None
        if not all(n.link == used[0].link for n in used):
            return []
        certain = any(self.cat.is_time(tbl, n.column) for n in used)
        roots = [] if certain else sorted({r for n in used for r in self.cat.untyped_roots(tbl, n.column)})
        if not certain and not roots:
            return []
        try:  # the operand in its own table's scope (the lookup read as its target table)
            col = to_sql(operand, lambda n: f"{quote_ident(tbl)}.{quote_ident(n.column)}")
        except (ExpressionError, UnknownName):
            return []
        shown = operand.column if isinstance(operand, Name) else _text(operand)
        text = f"{shown} {op} {', '.join(str(v) for v in lits)}"
        when = tuple(f"{quote_ident(tbl)}.{quote_ident(r)}" for r in roots)
        year_of = _whole_of(self.cat, tbl, operand) if used[0].link is None else None
        return _coverage(text, f"FROM {quote_ident(tbl)}", col, op, lits, when, year_of)

    def _home(self, table: str, name: Name, link: Link | None) -> tuple[str | None, Link | None]:
        if name.link is None:
            return table, link
        found = self.cat.links.get(table, {}).get(name.link)
        return (found.target, found) if found else (None, None)


_NOT_ORDER: dict[str, Any] = {"<": ">=", "<=": ">", ">": "<=", ">=": "<"}
"""What ``not`` makes of an order comparison (a blank is left out either way)."""

CALENDAR_PARTS = ("year", "month", "quarter")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
"""The functions that give a date's year, month (1-12) or quarter (1-4)."""


_PARTS_OF_A_YEAR = {"month": 12, "mo": 12, "mon": 12, "month_num": 12, "month_number": 12, "monthnum": 12,
                    "quarter": 4, "qtr": 4, "q": 4, "quarter_num": 4, "quarter_number": 4}
"""Column names that hold a month (1-12) or a quarter (1-4) of the year, and how many there are."""


_SURELY_PARTS = frozenset({"month", "month_num", "month_number", "monthnum", "quarter", "qtr", "quarter_num",
                           "quarter_number"})
"""Of those, the names that say it outright: compared with any number (``month == 13``), still a period."""


def _part_of_year(column: str, value: int) -> bool:
    """A column named as a month or a quarter (``month``, ``qtr`` …) compared with one of its numbers:
    beside a declared year column (``time: year``, ``year == 2025 and month == 4``) the two name one
    period, which the data must reach, as if the table declared ``time: [year, month]``. A name that
    says it outright makes a period of any number: ``month == 13`` is a month the data cannot have
    (unverifiable, with why), not a filter that passes a count of 0; a short name (``q``, ``mo``)
    may hold something else, and is one only with a number a year has."""
    most = _PARTS_OF_A_YEAR.get(column.lower())
    return most is not None and (1 <= value <= most or column.lower() in _SURELY_PARTS)


def _no_such_part(column: str, value: int) -> str:
    """`` (there is no month 13)`` for a number no month or quarter has, else nothing."""
    most = _PARTS_OF_A_YEAR.get(column.lower())
    if most is None or 1 <= value <= most:
        return ""
    return f" (there is no {'month' if most == 12 else 'quarter'} {value})"


def _calendar_part(cat: Catalog, table: str, tree: Expr) -> tuple[str, str] | None:
    """The file column and the part (``year``, ``month``, ``quarter``) that ``tree`` reads of it,
    through derives (``m: month(created_date)``); None for anything else."""
    derives = cat.derives.get(table, {})
    seen: set[str] = set()
    while isinstance(tree, Name) and tree.link is None and tree.column in derives and tree.column not in seen:
        seen.add(tree.column)
        tree = derives[tree.column]
    if not (isinstance(tree, Call) and tree.function in CALENDAR_PARTS and len(tree.args) == 1):
        return None
    date = tree.args[0]
    if not isinstance(date, Name) or date.link is not None or date.column in derives \
            or date.column not in cat.sources[table].columns:
        return None
    return date.column, tree.function


def _atom(tree: Expr) -> tuple[Expr | None, list[Any], str]:
    if isinstance(tree, Compare):
        if isinstance(tree.right, Literal) and not isinstance(tree.left, Literal):
            return tree.left, [tree.right.value], tree.op
        if isinstance(tree.left, Literal) and not isinstance(tree.right, Literal):
            flip = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}.get(tree.op, tree.op)
            return tree.right, [tree.left.value], flip
    if isinstance(tree, Between) and not tree.negated and isinstance(tree.low, Literal) and isinstance(tree.high, Literal):
        return tree.operand, [tree.low.value, tree.high.value], "between"
    if isinstance(tree, InList) and not tree.negated:
        return tree.operand, [v.value for v in tree.values], "in"
    return None, [], ""


Whole = tuple[str, str, "tuple[str, str] | None"]
"""A period column that is a period of a date: the date column's SQL and name, and the period as an
expression of the date (SQL with :data:`DATE_MARK`, and its text), or None for ``year(date)``."""


def _coverage(text: str, from_sql: str, col: str, op: str, lits: list[Any],
              when: tuple[str, ...] = (), year_of: Whole | None = None) -> list[Coverage]:
    """The checks that the data covers the periods: inside the range of ``col`` over the whole
    table (``when``: only if one of these columns turns out to be a time column) and, for single
    periods (``==``, ``in``), not a gap inside that range where the table has no row at all.
    ``year_of``: ``col`` is a period of this date column (the year, or another: a fiscal year): a
    period named (or a range's upper end) is then checked to be whole in the data, for a note (data
    that ends in June has half its last year)."""
    q = tuple(quote_literal(v) for v in lits)
    out = [Coverage(text, from_sql, col, op, q, when=when)]
    if op in ("==", "in"):
        for v, shown in zip(q, lits, strict=True):
            out.append(Coverage(f"{shown} (a gap in the data: the table has no row at all for it, so it is "
                                "not a zero)", from_sql, col, op, (v,), gap=v, when=when))  # its own period only:
            # each holding every value of an `in` list made hashing them quadratic (100,000 values: 30 s)
    ends = list(zip(q, lits, strict=True)) if op in ("==", "in") else (
        [(q[-1], lits[-1])] if op in ("between", "<=") else [])
    for v, shown in ends if year_of is not None else ():
        assert year_of is not None
        if year_of[2] is None and not (isinstance(shown, int) and not isinstance(shown, bool)):
            continue  # a year of a date is a whole number
        out.append(Coverage(str(shown), from_sql, col, "==", (v,), when=(year_of[0],),
                            whole_year=(year_of[0], year_of[1]), period_of=year_of[2]))
    return out


PERIOD_OF = ("year", "month_start", "quarter_start")
"""The functions of a file column that a :class:`ReportCheck` reads periods through."""


def _period_root(cat: Catalog, table: str, tree: Expr) -> tuple[str, str] | None:
    """The file column of ``table`` that ``tree`` names periods of, and how (``same``, ``year``,
    ``month_start``, ``quarter_start``), following derives (``yr: year(visit_date)``); None for
    anything else (a lookup's column, arithmetic, a window)."""
    derives = cat.derives.get(table, {})
    seen: set[str] = set()
    while isinstance(tree, Name) and tree.link is None and tree.column in derives and tree.column not in seen:
        seen.add(tree.column)
        tree = derives[tree.column]
    of = "same"
    if isinstance(tree, Call) and tree.function in PERIOD_OF and len(tree.args) == 1:
        of, tree = tree.function, tree.args[0]
    if not isinstance(tree, Name) or tree.link is not None or tree.column in derives:
        return None
    if tree.column not in cat.sources[table].columns:
        return None
    return tree.column, of


def _report_root(cat: Catalog, table: str, tree: Expr) -> tuple[str, str] | None:
    """What :func:`_period_root` finds, or else a period that is another expression of one date
    column (a fiscal year: ``year(d) + case when month(d) >= 7 then 1 else 0 end``): the column, and
    the expression as SQL with :data:`DATE_MARK` for the date, which a :class:`ReportCheck` reads
    each missing month through."""
    root = _period_root(cat, table, tree)
    if root is not None:
        return root
    whole = _whole_of(cat, table, tree)
    if whole is None or whole[2] is None:
        return None
    return whole[1], whole[2][0]


MAX_INLINED = 50
"""Derives followed to find the date a period is of (as many as may build on each other)."""


def _whole_of(cat: Catalog, table: str, tree: Expr) -> Whole | None:
    """``tree`` as a period of one date column of ``table``, to check that a period named is whole
    in the data: ``year(date)`` (or a derive so defined), or any other expression of that one column
    and nothing else, through derives (a fiscal year, ``year(d) + case when month(d) >= 7 then 1 else 0
    end``), but not the date itself (a day), nor one that holds a window (``lag``). None otherwise."""
    year = _period_root(cat, table, tree)
    if year is not None and year[1] == "year":  # year(filed_date), or a derive so defined
        return f"{quote_ident(table)}.{quote_ident(year[0])}", year[0], None
    derives = cat.derives.get(table, {})
    roots: set[str] = set()
    depth = [0]

    def resolve(name: Name) -> str:
        if name.link is not None:
            raise UnknownName(name, [], "a lookup's column")
        if name.column in derives:
            depth[0] += 1
            inner = derives[name.column]
            if depth[0] > MAX_INLINED or any(c.function in WINDOW_FUNCTIONS for c in calls(inner)):
                raise UnknownName(name, [], "too deep, or a window")
            return f"({to_sql(inner, resolve)})"
        roots.add(name.column)
        return DATE_MARK

    if isinstance(tree, Name) and tree.column not in derives:
        return None  # the date itself: a day
    try:
        template = to_sql(tree, resolve)
    except (ExpressionError, UnknownName, RecursionError):
        return None
    if len(roots) != 1 or any(c.function in WINDOW_FUNCTIONS for c in calls(tree)):
        return None
    (root,) = roots
    if template == DATE_MARK or root not in cat.sources[table].columns:
        return None
    return f"{quote_ident(table)}.{quote_ident(root)}", root, (template, _text(tree))


def _text(tree: Expr) -> str:
    from ..expressions import render
    return render(tree)


def _caret(exc: ExpressionError) -> str:
    lines = exc.render().splitlines()
    return "\n".join(lines[1:3])


def compile_claim(catalog: Catalog, index: int, claim: Claim, file: str,
                  line_of: Callable[[PathKey], int | None], problems: list[Problem]) -> ClaimPlan:
    """Compile one claim; problems found are appended to ``problems``."""
    comp = Compiler(catalog, index, claim, file, line_of, problems)
    if claim.measure is not None:
        comp.plan.node = comp.measure(claim.measure, ("measure",))
        if any(src.decl.reported_by for src in catalog.sources.values()):  # the shipped story: none
            from .lag_holes import lag_checks
            from .report_warnings import unnamed_checks
            comp.plan.lag_checks = lag_checks(comp)
            comp.plan.unnamed_reports = unnamed_checks(comp)
    return comp.plan


def check_types_again(plans: list[ClaimPlan], catalog: Catalog, file: str,
                      empty: frozenset[str] = frozenset()) -> list[Problem]:
    """Once the tables are read and their column types known, check each function's argument
    types again (a CSV's types are only learnt when it is read). ``empty``: tables read with no
    row, whose CSV columns all read as text: their axes are not checked (the claim covers no period)."""
    from .axes import axis_problem
    problems = []
    for plan in plans:
        axes = [p for a in plan.axes if a.table not in empty
                and (p := axis_problem(a, catalog, file, plan.claim.id)) is not None]
        if axes:  # said once, not again by each period's slice of an `every` or `overtook`
            problems += axes
            continue
        for w in plan.written:
            try:
                tree, types = parse(w.text), catalog.column_type(w.table)
                check_types(tree, w.text, types)
                if w.numbers is not None:
                    check_numbers(tree, w.text, w.numbers, types)
            except ExpressionError as exc:
                problems.append(Problem(f"{w.what}: {exc.message}", file=file, line=w.line,
                                        claim=plan.claim.id, hint=exc.hint, detail=_caret(exc)))
    return problems
