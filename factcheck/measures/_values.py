"""What a measure evaluates to: exact values and the evidence that goes with them.

Values are :class:`fractions.Fraction` so a published figure is judged on its stated
rounding, never on float noise: a share is ``meeting / known`` as integers, a mean is an
exact decimal sum over a count. Each measure kind turns its rows into an :class:`Evaluated`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..outcome import Reason
from ._details import Details

if TYPE_CHECKING:
    from ..formatting import FigureUnit

DEC = "DECIMAL(38,10)"


@dataclass
class Evaluated:
    """A measure's value and everything needed to explain and judge it."""

    value: Fraction | bool | list[str] | None
    rows_kept: int | None = None
    rows_unknown: int | None = None
    numerator: Fraction | None = None
    denominator: Fraction | None = None
    base: int | None = None                  # records the figure rests on (for small_base)
    base_of: str = ""  # what `base` counts when not records: the noun of a column declared counts: (inmates)
    base_column: str = ""  # a sum's column of whole numbers not declared counts: named in small_base's hint
    unavailable: Reason | None = None         # zero_denominator / no_rows
    why: str = ""
    sql: list[str] = field(default_factory=list)
    details: Details | None = None
    problem: str | None = None  # the claim itself is wrong (e.g. a value claim keeps two rows)
    series: list[tuple[str, Fraction | None]] | None = None
    marked: set[str] = field(default_factory=set)  # series keys the claim names (from, to, at, since)
    neighbours: list[Fraction] = field(default_factory=list)  # values one record away (for `fragile`)
    exact_count: bool = False  # a plain count: one record always matters, so no `fragile` note
    each: list[tuple[str, Evaluated]] | None = None  # `every`: the value per period, each judged on its own
    cadence: Cadence | None = None  # the periods come every so many (elections): said in a note
    without_value: list[str] = field(default_factory=list)  # periods an extreme could not rank (0/0): a note
    partial_years: list[str] = field(default_factory=list)  # years named that the data holds part of: a warning
    unknown_counted: tuple[int, str] | None = None  # a ratio's rows whose numerator condition is unknown: a note
    parts_unmatched: list[tuple[int, str, str]] | None = None  # a ratio's rows with one part's value and not the
    # other's: (rows, the part they have, the part they lack), a warning
    parts_over: tuple[int, str, str] | None = None  # a ratio's rows whose part is above their whole: (rows, part,
    # whole), a warning when the ratio is read as a share
    mostly_unknown: bool | None = None  # set where a figure of several parts decides it (a change: per period)
    unknown_reorders: str = ""  # a ranking its unknown rows could reorder: why, said in the mostly_unknown warning
    reporters_differ: str | None = None  # a change over a reported_by table whose two ends hold other reporters
    groups_ended: list[str] = field(default_factory=list)  # periods named after a reporting group's last row: a warning
    missing_reports: list[str] = field(default_factory=list)  # no period named, over groups that missed some: a warning
    reports_read: list[Any] = field(default_factory=list)  # the ReportChecks of periods known only once run (a rising
    # run's): their group_ended is said with the claim's own
    parts_at: PartsAt | None = None  # a series' ratio with unmatched parts in the periods (groups) it reads: warnings
    figure_unit: FigureUnit | None = None  # the unit a record's (a tie's) figures are shown in: a share as a percentage
    parts_money: tuple[str | None, str | None] = (None, None)  # how the numerator and denominator are shown: as
    # the value is (None), plainly (''), or as money in that sign ('$': a ratio's sum of money)

    def is_mostly_unknown(self) -> bool:
        """Does the figure rest on fewer rows than it left out as unknown (``mostly_unknown``)?"""
        if self.mostly_unknown is not None:
            return self.mostly_unknown
        return bool(self.rows_unknown) and self.base is not None and self.base < (self.rows_unknown or 0)


def least_base(ev: Evaluated, parts: Iterable[Evaluated]) -> None:
    """Give ``ev`` the smallest base of ``parts`` (a figure of several rests on the least of them),
    with what that base counts."""
    based = [p for p in parts if p.base is not None]
    if based:
        least = min(based, key=lambda p: p.base or 0)
        ev.base, ev.base_of, ev.base_column = least.base, least.base_of, least.base_column


Unmatched = tuple[list[tuple[int, str, str]] | None, tuple[int, str, str] | None]
"""A ratio's rows with one part and not the other, each way: (rows, the part they have, the part they
lack); and its rows whose part is above their whole: (rows, part, whole). None where there are none."""


@dataclass
class PartsAt:
    """The unmatched parts of a ratio inside a series (a change, an extreme, ``every``, ``compare``),
    in each period (or group) the claim reads that has some: said as one warning naming them."""

    word: str  # how a period is named: "at" 2021, "for" Harbor
    found: list[tuple[str, Unmatched]]  # (the period's key, what it holds), in the order the claim reads them
    whole: bool | None = None  # is the ratio read as a share (a part above its whole said)? None: as the claim's
    # expectation reads it, as of a ratio on its own
    apart: bool = False  # may a row be in several of them (a case active in 2015 and 2016; two measures)? Then
    # each is said on its own: their rows added up would count such a row twice


@dataclass(frozen=True)
class PeriodsRead:
    """The periods of a per-period figure that a claim's answer reads: the two a change names, or a
    span (an extreme's ``since`` … ``at``; open at an end that is not named: the whole record).
    The rows of other periods are no matter of the claim, so nothing is said of them."""

    named: tuple[str, ...] = ()  # keys of the periods named, when not a span
    span: bool = False
    first: str | None = None  # the span's first and last keys, both included (None: open)
    last: str | None = None

    def holds(self, k: str) -> bool:
        """Does the claim read the period whose key is ``k``?"""
        if not self.span:
            return k in self.named
        return not (self.first is not None and before(k, self.first)) and not (
            self.last is not None and before(self.last, k))


class NotFinite(ValueError):
    """A value is infinite or not a number (the data holds ``inf`` or ``nan``)."""


class MeasureError(Exception):
    """A measure has no figure because of what the data holds; the run reports it on the claim."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


def frac(x: Any) -> Fraction | None:
    """An exact Fraction from what the engine returns (int, Decimal, float, bool).

    A float (a DOUBLE) stands for the shortest decimal that reads back as it, which is
    what a data file wrote: ``2.45`` is 49/20, ``21433226000000.0`` is 21433226000000.
    Nothing passes through a fixed-scale decimal cast, which invents digits for large
    values and drops them for tiny ones. Infinite values and NaN raise :class:`NotFinite`.

    >>> frac(21433226000000.0), frac(2.45), frac(5e-324) == Fraction(5, 10**324)
    (Fraction(21433226000000, 1), Fraction(49, 20), True)
    """
    if x is None:
        return None
    if isinstance(x, bool):
        return Fraction(int(x))
    if isinstance(x, float):
        if not math.isfinite(x):
            raise NotFinite(repr(x))
        return Fraction(Decimal(repr(x)))
    if isinstance(x, Decimal) and not x.is_finite():
        raise NotFinite(str(x))
    if isinstance(x, (int, Decimal, Fraction)):
        return Fraction(x)
    raise TypeError(f"not a number: {x!r}")


def key(x: Any) -> str:
    """How a group value is matched with `from`, `to`, `at`: 2019, 2019.0 and '2019' agree; so do a
    time of a TIMESTAMP column and the same time written with a space or a T (``'2021-03-01
    10:00:00'``, ``'2021-03-01T10:00'``), as the data's own times are keyed with a T."""
    if isinstance(x, (dt.date, dt.datetime)):
        return x.isoformat()
    if isinstance(x, bool):
        return str(x).lower()
    if isinstance(x, (int, float, Decimal)) and not isinstance(x, bool):
        if not Decimal(str(x)).is_finite():  # a group of nan (or inf) is a group of its own: no number's key
            return str(x).lower()
        f = Fraction(Decimal(str(x)))
        return str(f.numerator) if f.denominator == 1 else str(Decimal(str(x)).normalize())
    if isinstance(x, str) and _DATE_TIME.match(x):
        try:
            return dt.datetime.fromisoformat(x.strip()).isoformat()
        except ValueError:
            return str(x)
    return str(x)


def spellings(x: Any) -> list[str]:
    """The texts a value is written as in a column cast to text: its key, and a time of day with a
    space as well as with a T (a TIMESTAMP is cast as ``2021-03-01 10:00:00``, a text column holds
    either)."""
    k = key(x)
    out = [k, str(x).strip()]
    if isinstance(x, (str, dt.datetime)) and _DATE_TIME.match(k):
        out.append(k.replace("T", " ", 1))
    return list(dict.fromkeys(out))


_DATE_TIME = re.compile(r"\s*\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")
"""A date with its time of day, as a claims file or a text column may write it."""


def before(a: str, b: str) -> bool:
    """Period order: numerically when both are numbers, else as text."""
    try:
        return Fraction(a) < Fraction(b)
    except ValueError:
        return a < b


PERIOD_KEY = re.compile(r"-?\d+$|\d{4}-\d{2}(?:-\d{2})?(?:[ T].*)?$")
"""A period's key written as a year (a whole number) or a date (see :func:`is_period_key`)."""


def is_period_key(k: str) -> bool:
    """Is ``k`` a period's key: a year (a whole number), a date, or a year's label (``2019-20``,
    ``FY2021``: :func:`year_label`); not a category ("County General")?"""
    return bool(PERIOD_KEY.match(k)) or year_label(k) is not None


_YEAR_LABEL = re.compile(r"(?P<prefix>(?i:[FSA]Y) ?)?(?P<year>\d{4})(?:(?P<sep>[-/])(?P<next>\d{2}|\d{4}))?$")


@dataclass(frozen=True)
class YearLabel:
    """How a column writes a year that is no calendar year: a school year ``2019-20`` (``prefix`` '',
    ``sep`` '-', ``width`` 2), ``2019-2020`` (width 4), ``2020/21``, a fiscal year ``FY2021`` (width 0; the
    prefixes read are FY, SY and AY, so that codes such as ``UA1234`` stay categories).
    A label is read by its first year: ``2019-20`` comes before ``2020-21``, and the two are neighbours."""

    prefix: str
    sep: str
    width: int  # digits of the second year: 2, 4, or 0 when there is none

    def write(self, year: int) -> str:
        """The label of the year beginning in ``year``, written this way."""
        if not self.width:
            return f"{self.prefix}{year}"
        second = str(year + 1)[-self.width:]
        return f"{self.prefix}{year}{self.sep}{second}"

    @property
    def example(self) -> str:
        return self.write(2019)


def year_label(k: str) -> tuple[YearLabel, int] | None:
    """How ``k`` writes a year, and its first year, when it is a year's label: ``2019-20`` (the second year
    the one after the first), ``FY2021``; None for a plain year, a date, a month (``2024-03``) or a category.

    >>> year_label("2019-20"), year_label("FY2021")[1], year_label("2019-21"), year_label("2019")
    ((YearLabel(prefix='', sep='-', width=2), 2019), 2021, None, None)
    """
    found = _YEAR_LABEL.match(k.strip()) if isinstance(k, str) else None
    if found is None or not (found["prefix"] or found["next"]):
        return None
    year, nxt = int(found["year"]), found["next"]
    if nxt is not None and nxt != str(year + 1)[-len(nxt):]:
        return None
    form = YearLabel(found["prefix"] or "", found["sep"] or "", len(nxt) if nxt else 0)
    return form, year


def year_labels(keys: Iterable[str]) -> YearLabel | None:
    """The one way all of ``keys`` write years as labels (:func:`year_label`); None when any is no such
    label, or two write them differently (``2019-20`` beside ``2020-2021``: compared as text, as written)."""
    forms = set()
    for k in keys:
        read = year_label(k)
        if read is None:
            return None
        forms.add(read[0])
    return forms.pop() if len(forms) == 1 else None

def two_ways(keys: Iterable[str]) -> list[str]:
    """One key for each way ``keys`` write years as labels, by first year, when they write them two
    ways or more (``FY2019`` beside ``FY 2020``, ``2019-20`` beside ``2021-2022``); else []. Such
    keys are no periods in order: compared as text, ``FY 2020`` comes before ``FY2019``, and read by
    first year, a year missing could not be named in the data's way. A measure that follows periods
    in their order stops on them (:func:`labels_two_ways`) rather than count a run out of order.
    A label with spaces at its ends (``'2020-21 '``) is written another way too: read as 2020-21, the
    school year would seem to have no row (a gap), since its rows are keyed as written."""
    first: dict[tuple[YearLabel, bool], tuple[int, str]] = {}
    for k in keys:
        read = year_label(k)
        way = (read[0], k != k.strip()) if read is not None else None
        if read is not None and way is not None and (way not in first or read[1] < first[way][0]):
            first[way] = (read[1], k)
    return [k for _, k in sorted(first.values())] if len(first) > 1 else []


def labels_two_ways(keys: Iterable[str], over: str, what: str) -> None:
    """Stop when the periods ``keys`` of ``over`` write years as labels two ways or more: ``what``
    (a rising run, a record since …) follows periods in their order, which they do not give."""
    forms = two_ways(keys)
    if forms:
        shown = ", ".join(f"'{k}'" for k in forms)
        raise MeasureError(
            f"over: {over} writes its years as labels {len(forms)} ways ({shown}): they are compared as text, "
            f"not as years, so {what} cannot follow them in order",
            hint=f"write every label of {over} one way in the data ({forms[0].strip()} and the rest like it"
                 f"{', with no spaces at their ends' if any(k != k.strip() for k in forms) else ''}): years "
                 "written one way are periods, read by their first year")


def label_spaced(keys: Iterable[str], named: str, over: str, where: str) -> None:
    """Stop when the period ``named`` (``to: 2022-23``), a year's label, is also written with spaces
    at its ends among the periods ``keys`` (``'2022-23 '``): the claim would read only the rows written
    as it names them, and leave the others out without a word."""
    if year_label(named) is None:
        return
    twins = sorted(k for k in keys if k != named and k.strip() == named.strip())
    if twins:
        raise MeasureError(
            f"over: {over} holds {', '.join(repr(t) for t in twins)} beside '{named}' (spaces at its ends): "
            f"{where}: {named} would leave its rows out",
            hint=f"write {named} one way in the data, with no spaces at its ends")


MAX_GAPS = 10_000  # integer periods filled in between those with rows: centuries of years, not ids


@dataclass(frozen=True)
class Cadence:
    """How often the whole table's periods come: every ``step`` from ``first`` to ``last``.

    ``unit`` is ``""`` for whole numbers (years), ``"month"`` or ``"day"`` for dates: then
    ``first`` and ``last`` are the dates' positions in that unit (:meth:`position`), and a step of
    one (every month, every day) is as plain as a year after a year."""

    step: int
    first: int
    last: int
    unit: str = ""
    form: YearLabel | None = field(default=None, repr=False)  # unit "label": how the periods are written (``2019-20``); positions are first years

    @property
    def spaced(self) -> bool:
        """Do the periods skip some (elections every four years, quarters), worth a note?"""
        return self.step > 1

    def position(self, period: Any) -> int | None:
        """Where ``period`` lies in the cadence's unit (a year's own number; a date's month or day)."""
        k = key(period)
        if self.form is not None:
            read = year_label(k)
            return read[1] if read is not None and read[0] == self.form else None
        if not self.unit:
            try:
                return int(k)
            except ValueError:
                return None
        day = _iso_date(k)
        if day is None:
            return None
        return day.year * 12 + day.month - 1 if self.unit == "month" else day.toordinal()

    def label(self, position: int) -> str:
        """The period at ``position``, as its key (``2024-07-01``, ``2019-20``)."""
        if self.form is not None:
            return self.form.write(position)
        if not self.unit:
            return str(position)
        if self.unit == "month":
            return dt.date(position // 12, position % 12 + 1, 1).isoformat()
        return dt.date.fromordinal(position).isoformat()

    def on(self, period: Any) -> bool:
        """Is ``period`` one of the data's periods (a year of an election), not one between them?"""
        at = self.position(period)
        return True if at is None else (at - self.first) % self.step == 0

    def fill(self, keys: list[str]) -> list[str] | None:
        """Every period from the first of ``keys`` to the last, at this cadence; None when they do not
        all lie on it, or span more than :data:`MAX_GAPS` periods beyond their own number."""
        at = [self.position(k) for k in keys]
        if not at or any(a is None for a in at):
            return None
        lo, hi = min(a for a in at if a is not None), max(a for a in at if a is not None)
        if (hi - lo) // self.step > MAX_GAPS + len(at):
            return None
        return [self.label(p) for p in range(lo, hi + 1, self.step)]

    def said(self) -> str:
        """The note a figure over such periods carries."""
        if self.form is not None:
            return (f"the data has a period every {self.step} years ({self.label(self.first)} to "
                    f"{self.label(self.last)}): the years between are no periods of it")
        if self.unit:
            unit = f"{self.unit}s"
            return (f"the data has a period every {self.step} {unit} ({self.label(self.first)} to "
                    f"{self.label(self.last)}): the {unit} between are no periods of it")
        years = all(1000 <= y <= 2999 for y in (self.first, self.last))
        unit = "years" if years else "periods"
        return (f"the data has a period every {self.step} {unit} ({self.first} to {self.last}): the {unit} "
                "between are no periods of it")


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}$")


def _iso_date(k: str) -> dt.date | None:
    """A period's key that is a date (``2024-07-01``), not a timestamp or a number."""
    if not _ISO_DATE.match(k):
        return None
    try:
        return dt.date.fromisoformat(k)
    except ValueError:
        return None


def cadence(periods: Iterable[str] | None) -> Cadence | None:
    """How the whole table's periods come.

    Whole numbers: the step when they all lie a multiple of it apart (elections every four years:
    2008, 2012 … 2024), when there are at least three of them and it is more than one; else None,
    and every whole number between the first and the last is a period (two years say nothing of a
    step: the ones between may be missing).

    Dates: always a cadence, so that a month or a day with no row is a gap as a year is. Dates
    that all fall on the first of a month step by months (every month, quarter or year: the
    greatest common step of three or more; of fewer, a year when they share their month, else
    a month); any other dates step by days (every day, or every week).

    >>> cadence(["2008", "2012", "2020", "2024"])  # 2016 is missing: a gap, not a change of step
    Cadence(step=4, first=2008, last=2024, unit='')
    >>> cadence(["2020", "2024"]), cadence(["2019", "2020", "2024"]), cadence(["a", "b", "c"])
    (None, None, None)
    >>> cadence(["2024-01-01", "2024-04-01", "2024-10-01"]).said()  # quarters, the third missing
    'the data has a period every 3 months (2024-01-01 to 2024-10-01): the months between are no periods of it'
    >>> cadence(["2024-07-01", "2024-07-02", "2024-07-04"]).fill(["2024-07-02", "2024-07-04"])
    ['2024-07-02', '2024-07-03', '2024-07-04']
    """
    if periods is None:
        return None
    keys = set(periods)
    labelled = _label_cadence(keys)
    if labelled is not None:
        return labelled
    days = [_iso_date(k) for k in keys]
    if keys and all(d is not None for d in days):
        return _date_cadence(sorted(d for d in days if d is not None))
    try:
        ints = sorted({int(p) for p in keys})
    except ValueError:
        return None
    if len(ints) < 3:
        return None
    step = 0
    for a, b in zip(ints, ints[1:], strict=False):
        step = math.gcd(step, b - a)
    return Cadence(step, ints[0], ints[-1]) if step > 1 else None


def _label_cadence(keys: set[str]) -> Cadence | None:
    """Years written as labels (``2019-20``), all one way: always a cadence, as dates have, so that a
    school year with no row is a gap; every year, or every so many when three or more say so."""
    form = year_labels(keys) if keys else None
    if form is None:
        return None
    years = sorted({read[1] for k in keys if (read := year_label(k)) is not None})
    step = 0
    if len(years) >= 3:
        for a, b in zip(years, years[1:], strict=False):
            step = math.gcd(step, b - a)
    return Cadence(step or 1, years[0], years[-1], "label", form)


def _date_cadence(days: list[dt.date]) -> Cadence:
    monthly = all(d.day == 1 for d in days)
    unit = "month" if monthly else "day"
    at = [d.year * 12 + d.month - 1 if monthly else d.toordinal() for d in days]
    step = 0
    if len(at) >= 3:
        for a, b in zip(at, at[1:], strict=False):
            step = math.gcd(step, b - a)
    elif monthly and len({d.month for d in days}) == 1:
        step = 12
    return Cadence(step or 1, at[0], at[-1], unit)


def fill_gaps(keys: list[str], every: Cadence | None = None) -> list[str]:
    """Integer periods (years) with no rows still count: a year with no convictions is a zero.
    ``every``: the data's periods come every so many (:func:`cadence`); those between are none.
    Dates are filled by their cadence (a month, a day with no rows), or, without one, month by
    month when they all fall on the first of one, else day by day.

    Integers spread wider than :data:`MAX_GAPS` are not periods to fill (``over: id`` with ids
    1 and 9223372036854775807 would otherwise be a list of 9e18 keys): they are taken as they are.

    >>> fill_gaps(["2018", "2020"]), fill_gaps(["1", str(2 ** 63)]), fill_gaps(["2012", "2020"], cadence(["2012", "2016", "2020"]))
    (['2018', '2019', '2020'], ['1', '9223372036854775808'], ['2012', '2016', '2020'])
    >>> fill_gaps(["2024-01-01", "2024-03-01"])
    ['2024-01-01', '2024-02-01', '2024-03-01']
    """
    if keys and every is None:
        every = _label_cadence(set(keys))
        if every is not None:
            every = replace(every, step=1)  # the data's own step is not known here: every year between
    if keys and every is None and all(_iso_date(k) is not None for k in keys):
        monthly = all(k.endswith("-01") for k in keys)
        every = Cadence(1, 0, 0, "month" if monthly else "day")
    if every is not None and every.unit:
        filled = every.fill(keys)
        return filled if filled is not None else sorted(keys, key=sort_key)
    try:
        ints = sorted(int(k) for k in keys)
    except ValueError:
        return sorted(keys, key=sort_key)
    if not ints:
        return []
    step = every.step if every is not None else 1
    if (ints[-1] - ints[0]) // step > MAX_GAPS + len(ints):
        return [str(i) for i in ints]
    return [str(i) for i in range(ints[0], ints[-1] + 1, step)]


def gaps_said(holes: list[str], over: str, why: str) -> str:
    """The periods with no row at all (``holes``) and ``why`` that matters, said for a reader:
    runs of whole numbers as ranges ("2–4, 6–8, 10–43"); and, when ``over`` does not read as a
    period and they are not years, how to rank its values as categories instead.

    >>> gaps_said(["2020"], "year", "so it is not a zero")
    'the data has a gap at 2020: so it is not a zero'
    >>> gaps_said(["2", "3", "4", "6"], "precinct", "so it is not a zero")  # doctest: +ELLIPSIS
    "the data has a gap at 2–4, 6 (4 values): so it is not a zero. Whole numbers are read ... {type: text} ..."
    """
    runs: list[list[int]] = []
    try:
        for n in sorted(int(h) for h in holes):
            if runs and n == runs[-1][1] + 1:
                runs[-1][1] = n
            else:
                runs.append([n, n])
    except ValueError:
        return f"the data has a gap at {', '.join(holes)}: {why}"
    said = ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)
    count = f" ({len(holes)} values)" if len(holes) > len(runs) else ""
    out = f"the data has a gap at {said}{count}: {why}"
    if all(len(h) == 4 and 1000 <= int(h) <= 2999 for h in holes):
        return out
    dated = ("make the period a date instead: derive it with month_start(date) or quarter_start(date), and "
             "the months or quarters between are no gaps")
    if _PERIOD_WORDS.search(over):
        return f"{out}. If the values of {over} number months or quarters (202403), {dated}"
    column = over.rsplit(".", 1)[-1]
    return (f"{out}. Whole numbers are read as periods, as years are: if the values of {over} name places "
            f"or groups (precinct 44), declare {column}: {{type: text}} under the table's columns: to rank "
            f"them as categories; if they number months or quarters (202403), {dated}")


_PERIOD_WORDS = re.compile(r"(?i)year|month|quarter|week|day|date|period|season|fy|decade|age")


def sort_key(k: str) -> tuple[int, Any]:
    try:
        return (0, Fraction(k))
    except ValueError:
        return (1, k)


def number(ev: Evaluated) -> Fraction | None:
    """The value when it is a number."""
    return ev.value if isinstance(ev.value, Fraction) else None


@dataclass
class Groups:
    """A measure computed per period (``over``): a value per group, and the query that made them."""

    values: dict[str, Evaluated]
    sql: list[str]
    categories: bool = False  # grouped by a column declared text: categories, not periods

    def axis(self, every: Cadence | None = None) -> list[str]:
        """The groups in order: whole-number periods with the ones between them that have no rows
        (a year without cases counts as zero, :func:`fill_gaps`), every ``every.step`` when the
        data's periods come so; categories as they are."""
        if self.categories:
            return sorted(self.values, key=sort_key)
        return fill_gaps(list(self.values), every)
