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
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..outcome import Reason
from ._details import Details

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
    """How a group value is matched with `from`, `to`, `at`: 2019, 2019.0 and '2019' agree."""
    if isinstance(x, (dt.date, dt.datetime)):
        return x.isoformat()
    if isinstance(x, bool):
        return str(x).lower()
    if isinstance(x, (int, float, Decimal)) and not isinstance(x, bool):
        f = Fraction(Decimal(str(x)))
        return str(f.numerator) if f.denominator == 1 else str(Decimal(str(x)).normalize())
    return str(x)


def before(a: str, b: str) -> bool:
    """Period order: numerically when both are numbers, else as text."""
    try:
        return Fraction(a) < Fraction(b)
    except ValueError:
        return a < b


MAX_GAPS = 10_000  # integer periods filled in between those with rows: centuries of years, not ids


@dataclass(frozen=True)
class Cadence:
    """How often the whole table's periods come: every ``step`` from ``first`` to ``last``."""

    step: int
    first: int
    last: int

    def on(self, period: Any) -> bool:
        """Is ``period`` one of the data's periods (a year of an election), not one between them?"""
        try:
            return (int(key(period)) - self.first) % self.step == 0
        except ValueError:
            return True

    def said(self) -> str:
        """The note a figure over such periods carries."""
        years = all(1000 <= y <= 2999 for y in (self.first, self.last))
        unit = "years" if years else "periods"
        return (f"the data has a period every {self.step} {unit} ({self.first} to {self.last}): the {unit} "
                "between are no periods of it")


def cadence(periods: Iterable[str] | None) -> Cadence | None:
    """The step of whole-number periods that all lie a multiple of it apart (elections every four
    years: 2008, 2012 … 2024), when there are at least three of them and it is more than one; else
    None, and every whole number between the first and the last is a period (two years say
    nothing of a step: the ones between may be missing).

    >>> cadence(["2008", "2012", "2020", "2024"])  # 2016 is missing: a gap, not a change of step
    Cadence(step=4, first=2008, last=2024)
    >>> cadence(["2020", "2024"]), cadence(["2019", "2020", "2024"]), cadence(["a", "b", "c"])
    (None, None, None)
    """
    if periods is None:
        return None
    try:
        ints = sorted({int(p) for p in periods})
    except ValueError:
        return None
    if len(ints) < 3:
        return None
    step = 0
    for a, b in zip(ints, ints[1:], strict=False):
        step = math.gcd(step, b - a)
    return Cadence(step, ints[0], ints[-1]) if step > 1 else None


def fill_gaps(keys: list[str], step: int = 1) -> list[str]:
    """Integer periods (years) with no rows still count: a year with no convictions is a zero.
    ``step``: the data's periods come every so many (:func:`cadence`); those between are none.

    Integers spread wider than :data:`MAX_GAPS` are not periods to fill (``over: id`` with ids
    1 and 9223372036854775807 would otherwise be a list of 9e18 keys): they are taken as they are.

    >>> fill_gaps(["2018", "2020"]), fill_gaps(["1", str(2 ** 63)]), fill_gaps(["2012", "2020"], 4)
    (['2018', '2019', '2020'], ['1', '9223372036854775808'], ['2012', '2016', '2020'])
    """
    try:
        ints = sorted(int(k) for k in keys)
    except ValueError:
        return sorted(keys, key=_sort_key)
    if not ints:
        return []
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
    if all(len(h) == 4 and 1000 <= int(h) <= 2999 for h in holes) or _PERIOD_WORDS.search(over):
        return out
    column = over.rsplit(".", 1)[-1]
    return (f"{out}. Whole numbers are read as periods, as years are: if the values of {over} name places "
            f"or groups (precinct 44), declare {column}: {{type: text}} under the table's columns: to rank "
            "them as categories")


_PERIOD_WORDS = re.compile(r"(?i)year|month|quarter|week|day|date|period|season|fy|decade|age")


def _sort_key(k: str) -> tuple[int, Any]:
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
            return sorted(self.values, key=_sort_key)
        return fill_gaps(list(self.values), every.step if every else 1)
