"""``streak: CONDITION, of: TABLE, order: COLUMN`` — the longest run of rows meeting it."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

from ..outcome import Reason
from ..planning.nodes import Part, PlanNode, ReportCheck, Scan
from ..planning.sql import literal
from ._details import Details
from ._kind import MeasureKind, register, shape_of
from ._model import Filtered, Scalar
from ._values import Cadence, Evaluated, MeasureError, key, labels_two_ways

if TYPE_CHECKING:
    from ..claims import Claim
    from ..expectations.shape import MeasureShape
    from ..expressions import Expr
    from ..planning.catalog import Catalog
    from ..planning.compiler import Compiler
    from ..planning.execute import Executor
    from ..planning.nodes import PathKey


class Streak(Filtered):
    """``streak: CONDITION, of: TABLE, order: COLUMN`` — longest run of rows meeting it."""
    streak: str
    of: str
    order: str
    ending: Scalar | None = None


class StreakDetails(Details):
    """Where the run found starts and ends (and the row it must end at, when named)."""

    kind: Literal["streak"] = "streak"
    starts: str | None
    ends: str | None
    ending: str | None = None


@dataclass
class StreakNode(PlanNode):
    scan: Scan
    cond: Expr
    cond_text: str
    order: Expr
    order_text: str
    ending: Any
    catalog: Catalog | None = field(default=None, compare=False, repr=False)  # is `order` a time column?
    reports: list[ReportCheck] = field(default_factory=list)  # reported_by: narrowed to the run when it is known


@register
class StreakKind(MeasureKind):
    name = "streak"
    per_period = True
    model = Streak
    details = StreakDetails
    examples = ("{{streak: \"{where_or_growth}\", of: {table}, order: {column}}}",)

    def compile(self, c: Compiler, m: Streak, path: PathKey, over: str | None) -> StreakNode | None:
        scan = c.scan(c.table(m.of, path + ("of",)), m.where, path)
        if scan is None:
            return None
        cond = c.expr(m.streak, scan, path + ("streak",), "condition")
        order = c.expr(m.order, scan, path + ("order",), "order")
        if cond is None or order is None:
            return None
        if m.ending is not None and c.time_axis(scan.table, order):
            c.within(scan, order, m.ending, f"ending: {m.ending}")
        check = c.report_check(scan, order, (), "")
        return StreakNode(self.name, scan, cond, m.streak, order, m.order, m.ending, c.cat,
                          [check] if check is not None else [])

    def evaluate(self, node: StreakNode, ex: Executor) -> Evaluated:
        timely = node.catalog is not None and node.catalog.is_time_expr(node.scan.table, node.order)
        # a group of the table lacks a period: every run is asked for the kept rows beside it, in the same query
        holed = timely and any(ex.has_missing_reports(check) for check in node.reports)
        sql = streak_sql(node, neighbours=holed)
        runs = ex.run(sql).rows  # first: a value that is no number is the data's fault, said with its row
        order, rows = node.scan.sql(node.order), f"{node.scan.from_sql()}{node.scan.where_sql()}"
        unknown = f"({node.scan.sql(node.cond)}) IS NULL"
        if _windowed(node):  # lag() is null on the first row, lead() on the last: no value was left blank there
            unknown += (f" AND {order} > (SELECT min({order}) {rows}) AND {order} < (SELECT max({order}) {rows})")
        # over a time column, each period once (a count of distinct values only there: it costs a pass)
        repeats = (f"count(DISTINCT {order}), (SELECT {order} {rows} GROUP BY 1 HAVING count(*) > 1 ORDER BY 1 LIMIT 1)"
                   if timely else "count(*), NULL")
        ends = f", min({order}), max({order})" if holed else ""  # where the kept rows begin and end: a hole
        kept, distinct, twice, blank, first_blank, *span = ex.run(  # outside them is no matter to the streak
            f"SELECT count(*), {repeats}, count(*) FILTER (WHERE {unknown}), min({order}) FILTER (WHERE {unknown})"
            f"{ends} {rows}").rows[0]
        if timely and distinct < kept:  # two stations' days: "6 straight days" of 3, each counted twice
            raise MeasureError(
                f"the streak keeps {kept:,} rows but only {distinct:,} values of {node.order_text} ({key(twice)} "
                f"more than once): a run of rows is then no run of {node.order_text}s, and the rows at one value "
                "have no order among them",
                hint=f"narrow where: to one row per {node.order_text} (one station, one line), or order by a "
                     "column whose values are all distinct")
        if timely:  # FY2019 beside FY 2020: ordered as text, the rows would run out of their years' order
            labels_two_ways(ex.period_keys(node.scan.from_sql(), order), node.order_text, "a streak")
        every = ex.cadence(node.scan.from_sql(), order) if timely else None
        ev = streak(node, runs, int(kept), every)
        ev.sql = [sql]
        missed = _missed(node, ex, runs, every, span) if holed and int(kept) else None
        if missed is not None:  # before the gap rule: the table has rows there, the group has none
            ev.value, ev.details, ev.unavailable, ev.why = None, None, Reason.PERIOD_NOT_COVERED, missed
            return ev
        if blank and ev.unavailable is None:  # rows whose condition is unknown (a blank high): were they in it?
            hopeful_runs = ex.run(streak_sql(node, unknown_as=True, neighbours=holed)).rows
            hopeful = streak(node, hopeful_runs, int(kept), every)
            rows_said = (f"{blank:,} row{'s' if blank > 1 else ''} kept {'have' if blank > 1 else 'has'} no value "
                         f"for the condition (the first at {key(first_blank)}): left out, the run is {ev.value}; in it")
            # the runs counting them are checked for missing reports as the first were: one may end beside one
            missed = _missed(node, ex, hopeful_runs, every, span) if holed and hopeful.unavailable is None else None
            if missed is not None:
                ev.why = f"{rows_said}, {missed}"
                ev.value, ev.details, ev.unavailable = None, None, Reason.PERIOD_NOT_COVERED
            elif hopeful.value != ev.value or hopeful.unavailable is not None:
                ev.why = (f"{rows_said}, {hopeful.value if hopeful.value is not None else 'longer'}. "
                          "The data cannot say which")
                ev.value, ev.details, ev.unavailable = None, None, Reason.NO_ROWS
        return ev

    def shape(self, node: StreakNode, claim: Claim) -> MeasureShape:
        return shape_of("number")

    def parts(self, node: StreakNode, label: str | None) -> list[Part]:
        return [Part(node.scan, node.scan.sql(node.cond), label)]


def _missed(node: StreakNode, ex: Executor, runs: list[tuple[Any, ...]], every: Cadence | None,
            kept: list[Any]) -> str | None:
    """Why the longest run is not known for a missing report of a group the streak reads (a table
    declared ``reported_by``), or None. ``runs``: longest first, each with the kept rows before and
    after it (:func:`streak_sql` with ``neighbours``); ``kept``: the first and last kept period.

    The longest run found is not known to be the longest when it passes over a missing report
    (Dock Street's rows of February and April are no run of straight days, March unreported) or
    ends beside one (the kept row after its last, or before its first, lies across a hole: the run
    may go on inside it). Nor is it when a shorter run does so and could, with the missing periods
    in it, be longer: a run can grow at most to every period from the kept row before it to the kept
    row after it (it may join the run beyond a hole, which the query already counts as one with it).
    Nor, with no ``ending``, when a hole between the kept rows holds more periods than the longest
    run is long: a run of its own could lie inside it. Runs and holes with no more room than the
    longest is long are not asked; all the others in one pass."""
    if runs and (isinstance(runs[0][0], bool) or isinstance(runs[0][1], bool)):
        return None
    longest = int(runs[0][2]) if runs else 0
    spans: list[tuple[Any, Any, str, str | None]] = []
    why: list[str | None] = []  # what each span could be, said after its missing report (None: the longest's own)
    for i, run in enumerate(runs):
        starts, ends, length, _, before, after = run[:6]
        room = _room(run, every)
        if i and room is not None and room <= longest:
            continue
        first = starts if before is None else before
        last = ends if after is None else after
        spans.append((first, last, f"the run from {key(starts)} to {key(ends)}", None))
        could = f"could be as long as {room}" if room is not None else "could be longer"
        why.append(None if i == 0 else f"with the periods missing, that run of {int(length)} {could}")
    if node.ending is None and every is not None:
        for check in node.reports:
            for group, first, last, room in _hole_runs(ex, check, every, kept):
                if room > longest:
                    said = key(first) if first == last else f"{key(first)} to {key(last)}"
                    spans.append((first, last, said, group))
                    why.append(f"a run inside the periods missing could be as long as {room}")
    found_run = (f"{longest}, from {key(runs[0][0])} to {key(runs[0][1])}" if runs
                 else "0: no kept row meets the condition")
    for check in node.reports:
        found = ex.missing_in_spans(check, spans)
        if found is None:
            continue
        at, said = found
        if why[at] is None:
            return f"the data does not cover {said}"
        return (f"the data does not cover {said}; {why[at]}, longer than the longest found ({found_run}), so the "
                "longest run is not known")
    return None


def _room(run: tuple[Any, ...], every: Cadence | None) -> int | None:
    """How long the run could be if every period between the kept row before it and the kept row after
    it had a row meeting the condition (its own ends where there is no such row: the filter or the data
    ends it there); None when the periods cannot be counted (no cadence)."""
    starts, ends, _, _, before, after = run[:6]
    if every is None:
        return None
    lo, hi = (every.position(before if before is not None else starts),
              every.position(after if after is not None else ends))
    if lo is None or hi is None:
        return None
    inside = (hi - lo) // every.step + 1 - (before is not None) - (after is not None)
    return max(inside, int(run[2]))


def _hole_runs(ex: Executor, check: ReportCheck, every: Cadence,
               kept: list[Any]) -> list[tuple[str, str, str, int]]:
    """Each group's unbroken stretches of missing periods that lie between the first and last kept
    row, as streak positions (days of a missing month, for a streak by day): the group, the first and
    last position's period and how many positions (at the data's cadence) it holds. A stretch that
    holds a row's period only in part (a missing month of a streak by year) has no position: the
    row is there. Read from the holes already known: no query."""
    found = ex.report_holes(check)
    if found is None or len(kept) < 2 or kept[0] is None or kept[1] is None:
        return []
    unit, holes = found
    lo, hi = every.position(kept[0]), every.position(kept[1])
    if lo is None or hi is None:
        return []
    out = []
    for group, periods in holes.items():
        stretches: list[list[int]] = []
        for period in periods:
            at = _positions(period, unit, check.of, every)
            if at is None:
                continue
            a, b = max(at[0], lo + 1), min(at[1], hi - 1)
            if a > b:
                continue
            if stretches and a <= stretches[-1][1] + 1:
                stretches[-1][1] = max(stretches[-1][1], b)
            else:
                stretches.append([a, b])
        for a, b in stretches:
            first = a + (-(a - every.first)) % every.step  # the first position on the cadence
            count = 0 if first > b else (b - first) // every.step + 1
            if count:
                out.append((group, every.label(first), every.label(first + (count - 1) * every.step), count))
    return out


def _positions(period: str, unit: str, of: str, every: Cadence) -> tuple[int, int] | None:
    """The first and last streak position a missing period covers whole (a month's days, for a streak
    by day; the month itself by month; the year itself by year), or None when it covers none whole."""
    import datetime as dt
    if unit == "year":
        return (int(period), int(period)) if of == "same" and not every.unit and every.form is None else None
    if every.unit == "month" and of in ("same", "month_start"):
        at = every.position(period)
        return None if at is None else (at, at)
    if every.unit == "day" and of == "same":
        first = dt.date.fromisoformat(period[:10])
        after = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return first.toordinal(), after.toordinal() - 1
    return None


def _windowed(node: StreakNode) -> bool:
    """Does the condition read a row before or after (``lag``/``lead``, itself or through a derive)?"""
    from ..expressions import WINDOW_FUNCTIONS, calls, names
    if any(c.function in WINDOW_FUNCTIONS for c in calls(node.cond)):
        return True
    if node.catalog is None:
        return False
    kept = node.catalog.windowed(node.scan.table)
    return any(n.link is None and n.column in kept for n in names(node.cond))


def streak_sql(node: StreakNode, *, unknown_as: bool = False, neighbours: bool = False) -> str:
    """Longest runs first; with ``ending``, only the run through that row, cut at it. A row whose
    condition is unknown (NULL) breaks a run, or, ``unknown_as=True``, belongs to it. ``neighbours``:
    each run also with the kept rows before its first and after its last (NULL where there is none)."""
    scan = node.scan
    beside = (",\n    lag(position) OVER (ORDER BY position) AS prev_at, lead(position) OVER (ORDER BY position)"
              " AS next_at" if neighbours else "")
    # each run's neighbours: the lag of its first row, the lead of its last (NULL only at the table's ends)
    said = (", CASE WHEN count(prev_at) < count(*) THEN NULL ELSE min(prev_at) END AS prev_at,"
            " CASE WHEN count(next_at) < count(*) THEN NULL ELSE max(next_at) END AS next_at" if neighbours else "")
    body = (f"WITH ordered AS (\n  SELECT ({scan.sql(node.order)}) AS position, "
            f"coalesce(({scan.sql(node.cond)}), {'TRUE' if unknown_as else 'FALSE'}) AS ok\n"
            f"  {scan.from_sql()}{scan.where_sql()}\n),\n"
            "runs AS (\n  SELECT position, ok, row_number() OVER (ORDER BY position)"
            f" - row_number() OVER (PARTITION BY ok ORDER BY position) AS run{beside}\n  FROM ordered\n)\n"
            "SELECT min(position) AS starts, max(position) AS ends, count(*) AS length,"
            f" count(DISTINCT position) AS positions{said}\nFROM runs WHERE ok")
    if node.ending is not None:
        at = literal(node.ending)
        body += (f" AND position <= {at}\n  AND run = (SELECT run FROM runs WHERE ok AND position = {at})")
    return body + "\nGROUP BY run\nORDER BY length DESC, ends DESC"


def streak(node: StreakNode, runs: list[tuple[Any, ...]], kept: int, every: Cadence | None = None) -> Evaluated:
    """The longest run (or the one through ``ending``) as a count of rows. ``every``: the whole
    table's periods come every so many (elections), and a run steps from one to the next."""
    ev = Evaluated(None, rows_kept=kept, base=kept)
    if kept == 0:
        ev.unavailable, ev.why = Reason.NO_ROWS, "no rows pass the filter"
        return ev
    chosen = runs[0] if runs else None
    ev.value = Fraction(int(chosen[2]) if chosen else 0)
    ev.exact_count = True
    starts, ends = (key(chosen[0]), key(chosen[1])) if chosen else (None, None)
    ev.details = (StreakDetails(starts=starts, ends=ends, ending=key(node.ending)) if node.ending is not None
                  else StreakDetails(starts=starts, ends=ends))
    if chosen and node.catalog is not None and node.catalog.is_time_expr(node.scan.table, node.order):
        # asked now, not when compiled: a CSV's date columns are known once it is read
        hole = _gap_inside(chosen, every)
        ev.cadence = every
        if hole is not None:
            ev.value, ev.details, ev.unavailable = None, None, Reason.PERIOD_NOT_COVERED
            ev.why = hole
    return ev


def _gap_inside(run: tuple[Any, ...], every: Cadence | None) -> str | None:
    """Why a run over a time column's periods (years, months, days) is not unbroken: it holds fewer
    distinct periods than it spans, so one inside it has no row at all (and "five straight years"
    would count 2016 and 2018 as neighbours, "13 straight days" a day of no record). None when it is
    whole, or its ends are not periods (``every``: how the whole table's periods come)."""
    starts, ends, _, positions = run[:4]
    if isinstance(starts, bool) or isinstance(ends, bool):
        return None
    if every is None or not every.unit:
        if not isinstance(starts, int) or not isinstance(ends, int):
            return None
        first, last, step = starts, ends, every.step if every else 1
    else:
        first_at, last_at = every.position(starts), every.position(ends)
        if first_at is None or last_at is None:
            return None
        first, last, step = first_at, last_at, every.step
    spanned = (last - first) // step + 1
    if int(positions) >= spanned:
        return None
    return (f"the data has a gap in the run from {key(starts)} to {key(ends)}: it has rows for {int(positions)} of "
            f"the {spanned} periods it spans, so one inside it has no row at all and the run is not unbroken")
