"""``lag(x)`` and ``lead(x)`` follow the file's rows: refused where the file runs against time.

Without a column to order by, ``lag(requests)`` is the value of the row above in the file
(docs/expressions.md). Many portals export monthly totals newest first: the row above
November is then December, and "requests rose from the month before" counts the months
that were *below* the next one, a silently wrong figure. So when a claim uses such a call
(in its own text, or through a ``derive`` it reads), the table's file must run forward in
the order the claim implies:

- a ``streak``'s ``order:`` (the rows it walks), else
- the table's declared ``time:`` columns (one of them, when it declares several: a file of
  cases is in the order of its filing dates, not of its closing dates). A time column of
  text counts only when its values are written year first (``2024``, ``2024-05``,
  ``2024-25``, ``2024 Q1``), whose order as text is their order in time; month names are
  not.

"Runs forward" allows ties and blanks (rows of one month stay in file order among them).
Where it does not, the run stops with the claim, its line, the table and the first row
that goes back, and the hint to name the order (``lag(requests, month)``).

It costs nothing unless such a call is used on a table with such an order: then the order's
column is read with the table (:func:`plan_checks`, before reading), and one query per table
and order after reading (:meth:`LagOrderCheck.problems`), a second only to name the rows
when the file does go back. On DuckDB the query is a streaming window over the rows as
they come (no sort), checked to have come in file order (else it is asked again, sorted).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from ..errors import Problem
from ..expressions import Call, Expr, Name, in_file_order, names, parse, quote_ident, render, walk
from .catalog import ROW
from .sql import expr_sql

if TYPE_CHECKING:
    from ..backends import Backend
    from ..engine import Prepared
    from .catalog import Catalog
    from .nodes import ClaimPlan

YEAR_FIRST = r"^[0-9]{4}([-/ ]?(Q[1-4]|H[12]|[0-9]{2}))?$"
"""Text periods written year first, zero-padded: ordered as text, they are ordered in time."""


@dataclass(frozen=True)
class Order:
    """An order a claim implies for a table's rows: a streak's ``order:`` or a declared time column."""

    text: str  # as written: 'month'
    sql: str  # in the table's scope: '"monthly"."month"'
    tree: Expr
    declared: bool  # a declared time column (of text, it counts only when written year first), not a streak's
    what: str  # "the streak's order", "the table's time:"


@dataclass(frozen=True)
class Use:
    """A claim's ``lag(x)``/``lead(x)`` in file order, in its own text or in a derive it reads."""

    plan: ClaimPlan
    line: int | None
    table: str  # the table whose rows the call walks
    call: Call
    derive: str | None  # the derive holding it, when the claim reads it through one
    orders: tuple[Order, ...]  # any one of which the file must follow


@dataclass(frozen=True)
class Backwards:
    """Where a file's rows go back in an order: the first row that does, and how often."""

    row: int  # its file-order row number (:data:`~.catalog.ROW`: on Spark increasing, but not counted from 1)
    times: int  # rows holding an earlier value than the (non-blank) row above them
    kept: int  # rows with a value at all


@dataclass
class LagOrderCheck:
    """The file-order windows a run's claims use, and the orders their files must follow."""

    prepared: Prepared
    uses: list[Use] = field(default_factory=list)

    def problems(self, backend: Backend, rows: dict[str, int]) -> list[Problem]:
        """One problem per claim whose file-order ``lag``/``lead`` walks a file that runs backwards
        in every order the claim implies; nothing (and no query) when no claim uses one."""
        found: dict[tuple[str, str], Backwards | None] = {}
        problems: list[Problem] = []
        said: set[int] = set()
        for use in self.uses:
            if use.plan.index in said or not rows.get(use.table):
                continue
            checked = []
            for order in use.orders:
                if (use.table, order.sql) not in found:
                    found[(use.table, order.sql)] = _backwards(backend, self.prepared.catalog, use.table, order)
                checked.append((order, found[(use.table, order.sql)]))
            if not checked or any(b is None for _, b in checked):
                continue  # no order to follow, or the file follows one
            order, back = checked[0]
            assert back is not None
            problems.append(self._problem(backend, use, order, back))
            said.add(use.plan.index)
        return problems

    def _problem(self, backend: Backend, use: Use, order: Order, back: Backwards) -> Problem:
        from ..measures._values import key
        from ..sources.places import line_offset, place
        src = self.prepared.sources[use.table]
        offset = line_offset(src)
        row_sql = quote_ident(ROW)  # increasing in file order; on Spark not consecutive: the rows are counted
        pair = backend.execute(
            f"SELECT n, v FROM (SELECT row_number() OVER (ORDER BY {row_sql}) AS n, {row_sql} AS r, ({order.sql}) AS v "
            f"FROM {quote_ident(use.table)}) AS s WHERE v IS NOT NULL AND r <= {back.row} ORDER BY r DESC LIMIT 2").rows
        (row, value), (above, was) = pair[0], pair[1]
        call, by = render(use.call), _by(order)
        written = _with_order(use.call, by) if by else None
        above_below, step = ("above", "before") if use.call.function == "lag" else ("below", "after")
        holder = "" if use.derive is None else (
            f" (in the derive '{use.derive}' the claim reads, line "
            f"{self.prepared.loaded.table_line(use.table, 'derive', use.derive)})")
        held = "the file" if src.frame is None else "the DataFrame"
        message = (f"{call}{holder} reads the row {above_below} each row in {held}, but table '{use.table}' "
                   f"({src.shown_path}) is not in order of {order.text} ({order.what}): "
                   f"{place(src, int(row) + offset)} holds {key(value)} below {key(was)} on "
                   f"{place(src, int(above) + offset)}"
                   + (f" ({order.text} goes back {back.times:,} times in {back.kept:,} rows)" if back.times > 1 else "")
                   + f", so {call} would not be the {order.text} {step}")
        inside = f" in the derive '{use.derive}'" if use.derive is not None else ""
        repeated = backend.execute(
            f"SELECT v, count(*) FROM (SELECT ({order.sql}) AS v FROM {quote_ident(use.table)}) AS s WHERE v IS NOT NULL "
            "GROUP BY v HAVING count(*) > 1 ORDER BY count(*) DESC, v LIMIT 1").rows
        if repeated:  # two stations' months: ordered by month alone, a row's row above is the other station's
            hint = (f"{int(repeated[0][1]):,} rows hold {order.text} {key(repeated[0][0])}: with more than one row per "
                    f"{order.text} (two stations, say), neither the rows' order nor "
                    f"{written or _with_order(use.call, 'COLUMN')}{inside} takes each row's own {order.text} {step}; "
                    + (f"name the columns that tell the series apart after {order.text}, "
                       f"{_with_order(use.call, by, 'COLUMN')}{inside}, or " if by else "")
                    + f"keep one row per {order.text} in {held} the table reads")
        elif written:
            hint = (f"write {written}{inside} to take the {order.text} {step} whatever the rows' order "
                    f"(or sort {held} by {order.text})")
        else:
            hint = (f"sort {held} by {order.text}, or derive a column holding {order.text} and order {call} by it: "
                    f"{_with_order(use.call, 'that_column')}{inside}")
        return Problem(message, file=str(self.prepared.loaded.path), line=use.line, claim=use.plan.claim.id, hint=hint)


def plan_checks(prepared: Prepared) -> LagOrderCheck:
    """The claims' file-order windows and the orders their tables must follow; each declared time
    column to check is added to the columns read (before the tables are read). A run whose claims
    use no ``lag(x)``/``lead(x)`` without an order gets an empty check: nothing read, nothing asked."""
    check = LagOrderCheck(prepared)
    catalog = prepared.catalog
    for plan in prepared.plans:
        for written in plan.written:
            for table, call, derive in windows_read(catalog, written.table, written.text, in_file_order):
                orders = implied_orders(catalog, plan, table)
                if orders:
                    check.uses.append(Use(plan, written.line, table, call, derive, orders))
    for use in check.uses:
        for order in use.orders:
            for name in names(order.tree):
                catalog.use(use.table, name.column, name)
    return check


def windows_read(catalog: Catalog, table: str, text: str,
                 pick: Callable[[Expr], list[Call]]) -> list[tuple[str, Call, str | None]]:
    """(table walked, call, derive holding it or None) of each window ``pick`` finds that an
    expression reads: written in it, or in a derive it reads (through others, or through a lookup)."""
    try:
        tree = parse(text)
    except Exception:  # noqa: BLE001 - compiled before: an expression that failed is reported there
        return []
    out: list[tuple[str, Call, str | None]] = [(table, c, None) for c in pick(tree)]
    for name in (n for n in walk(tree) if isinstance(n, Name)):
        home = catalog.home_of(table, name)
        if home is None:
            continue
        derives = catalog.derives.get(home, {})
        seen, todo = {name.column}, [name.column]
        while todo:
            current = todo.pop()
            if current not in derives:
                continue
            out += [(home, c, current) for c in pick(derives[current])]
            for inner in names(derives[current]):
                if inner.link is None and inner.column not in seen:
                    seen.add(inner.column)
                    todo.append(inner.column)
    return out


def implied_orders(catalog: Catalog, plan: ClaimPlan, table: str) -> tuple[Order, ...]:
    """The orders ``plan`` implies for ``table``'s rows: its streak's ``order:`` when the streak
    walks that table, else the table's declared time columns (any one will do)."""
    from ..measures.streak import StreakNode
    from .nodes import walk as walk_plan
    windowed = catalog.windowed(table)
    for node in walk_plan(plan.node):
        if isinstance(node, StreakNode) and node.scan.table == table:
            tree = node.order
            if all(n.link is None and n.column not in windowed for n in names(tree)) and not in_file_order(tree):
                return (Order(node.order_text, expr_sql(tree, table), tree, False, "the streak's order"),)
    src = catalog.sources[table]
    if src.missing:
        return ()
    columns = [c for c in src.decl.time_columns()
               if (c in src.columns or c in catalog.derives.get(table, {})) and c not in windowed]
    return tuple(Order(c, expr_sql(Name(c), table), Name(c), True, "the table's time:") for c in columns)


def _backwards(backend: Backend, catalog: Catalog, table: str, order: Order) -> Backwards | None:
    """Where the table's rows, in file order, first hold an earlier value of ``order`` than the row
    above them (blank values skipped); None when they never do, or when ``order`` is a declared
    time column of text not written year first (its order as text is not its order in time)."""
    from ..expressions import infer
    as_text = order.declared and infer(order.tree, catalog.column_type(table)) == "text"
    streamed = backend.dialect == "duckdb"
    got = backend.execute(_query(table, order, streamed, as_text)).rows[0]
    if streamed and got[3] is False:  # the rows did not come in file order: asked again, sorted
        got = backend.execute(_query(table, order, False, as_text)).rows[0]
    first, times, kept = got[0], got[1], got[2]
    if first is None or (as_text and got[4] is not True):
        return None
    return Backwards(int(first), int(times), int(kept))


def _query(table: str, order: Order, streamed: bool, as_text: bool) -> str:
    """One pass: the first row whose value is below the one above it, how many are, the rows with a
    value, whether they came in file order (``streamed``: a window over the rows as they come, which
    DuckDB streams) and, ``as_text``, whether every value is written year first."""
    row = quote_ident(ROW)
    over = "OVER ()" if streamed else f"OVER (ORDER BY {row})"
    periods = f", bool_and(regexp_matches(v, '{YEAR_FIRST}'))" if as_text else ""
    return (f"SELECT min(CASE WHEN v < p THEN r END), count(CASE WHEN v < p THEN 1 END), count(*), "
            f"bool_and(r > q){periods}\n"
            f"FROM (SELECT {row} AS r, lag({row}) {over} AS q, ({order.sql}) AS v, lag(({order.sql})) {over} AS p "
            f"FROM {quote_ident(table)} WHERE ({order.sql}) IS NOT NULL) AS s")


def _by(order: Order) -> str | None:
    """The column ``lag(x, by)`` can be ordered by for ``order``: a column of the table itself."""
    return order.tree.column if isinstance(order.tree, Name) and order.tree.link is None else None


def _with_order(call: Call, by: str, *series: str) -> str:
    """``lag(requests)`` as ``lag(requests, month)`` (or ``lag(requests, month, station)``)."""
    return render(Call(call.function, (call.args[0], Name(by), *(Name(s) for s in series))))
