"""How numbers are written: for people, in every report and message, and in articles.

Whole numbers are written in full with thousands separators; others to a number of
significant digits. (A value judged against an ``expect:`` is exact and written on its
measure's scale by :func:`factcheck.expectations.numbers.format_value` instead.) The
spellings an article gives a number in (grouping spaces, scales, currencies) are here once, for
the draft finder and the ``expect:`` reader alike: what one finds, the other reads.

>>> plain_number(5076.0), plain_number(0.123456789), plain_number(None)
('5,076', '0.123457', '—')
>>> plain_number(1234.5678, 4), plain_number(1234.5678, 3, decimals=1)
('1,235', '1,234.6')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

MISSING = "—"
GROUP_SPACES = "\u00a0\u202f\u2009"
"""The no-break, narrow no-break and thin spaces that group thousands as SI and many European
newsrooms write them ("12\u00a0000"); a plain space between digits separates two numbers."""

SCALES: dict[str, int] = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
"""Scale words after a number ("2.5 million")."""
ABBREVIATED_SCALES: dict[str, int] = {"k": 10**3, "m": 10**6, "mn": 10**6, "bn": 10**9, "tn": 10**12}
"""Scales glued to a number ("$1.2bn", "300k")."""
CURRENCY_SIGNS = "$£€¥₹"
"""Signs of money before an amount ("$3,324"); the amount is read in the currency's own unit."""
CURRENCY_CODES = ("US", "A", "C", "NZ", "HK")
"""Letters before a ``$`` that say whose dollars ("US$5 million")."""


def alternatives(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, the longest first ("bn" before "m")."""
    return "|".join(sorted(words, key=len, reverse=True))


def plain_number(x: float | None, significant: int = 6, *, decimals: int | None = None) -> str:
    """``x`` for people: whole numbers in full, others to ``significant`` digits.

    ``decimals`` writes numbers of magnitude 1 or more with that many decimals instead
    (a chart's axis wants 1,234.6, not 1.23e+03); ``None`` is written as a dash. A number with
    more whole digits than ``significant`` is written whole, never in exponent form (a budget's
    average payment of $181,700.50 in a ranking was "1.817e+05").

    >>> plain_number(181700.5, 4), plain_number(1234567.25), plain_number(2.345678, 4), plain_number(0.000012)
    ('181,700', '1,234,567', '2.346', '1.2e-05')
    """
    if x is None:
        return MISSING
    if float(x).is_integer():
        return f"{int(x):,}"
    if decimals is not None and abs(x) >= 1:
        return f"{x:,.{decimals}f}"
    if abs(x) >= 10 ** (significant - 1):  # 181,701 and 1,234,568, never 1.817e+05 or 1.23457e+06
        return f"{x:,.0f}"
    return f"{x:,.{significant}g}"


def rows_said(n: int | None) -> str:
    """``n`` rows for people: "1 row", "2,345 rows" (a table of one row said "1 rows")."""
    if n is None:
        return f"{MISSING} rows"
    return f"{n:,} row{'' if n == 1 else 's'}"


def key_shown(key: str) -> str:
    """A period or group as a reader can tell it apart: quoted when spaces begin or end it ('Texas ')."""
    return repr(key) if key != key.strip() else key


def at_or_for(keys: list[str]) -> str:
    """How a warning names the groups of a figure per group: "at 2020" of periods (years, months,
    dates), "for South" of categories (hospitals, districts)."""
    return "at" if all(re.match(r"[+-]?\d{4}", k) for k in keys) else "for"


def listed(items: list[str]) -> str:
    """'2020', '2020 and 2021', '2019, 2020 and 2021'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


@dataclass(frozen=True)
class FigureUnit:
    """The unit a measure's own figures are shown in where no ``expect:`` gives them one: the value
    a record ranks and its rivals ("33.9%, rank 1 of 3; next: 2022 (34.8%)"), where the ``expect``
    is ``true``. ``share``: a fraction of a whole, shown as a percentage; ``percent``: values already
    in percent (``unit: percent``); ``money``: an amount, shown with ``sign`` ("$25,413.45")."""

    kind: Literal["share", "percent", "money"]
    sign: str = ""


def figures_shown(values: Sequence[float | None], unit: FigureUnit | None) -> list[str]:
    """``values`` written in ``unit`` (plainly, to four significant digits, without one), all with
    the decimals that tell apart two of them that differ: a rank of 34.81% before 34.79% is never
    "34.8%, next 34.8%".

    >>> figures_shown([37 / 109, 0.348], FigureUnit("share")), figures_shown([0.3481, 0.3479], FigureUnit("share"))
    (['33.9%', '34.8%'], ['34.81%', '34.79%'])
    >>> figures_shown([25413.45, 24000.0, None], FigureUnit("money", "$")), figures_shown([0.06531], None)
    (['$25,413.45', '$24,000', '—'], ['0.06531'])
    >>> figures_shown([-5.0, 5.0], FigureUnit("money", "$")), figures_shown([2833.5, 2833.0], FigureUnit("money", "$"))
    (['-$5', '$5'], ['$2,833.50', '$2,833'])
    """
    if unit is None:
        return [plain_number(v, 4) for v in values]
    for places in (None, 1, 2, 3, 4, 6):
        texts = [_in_unit(v, unit, places) for v in values]
        seen: dict[float, float] = {}  # read back as numbers: "50%" and "50.0%" are one figure, "-$5" and "$5" two
        if all(seen.setdefault(float(re.sub(r"[^\d.-]", "", t)), v) == v
               for t, v in zip(texts, values, strict=True) if v is not None):
            return texts
    return texts


def with_sign(text: str, sign: str) -> str:
    """An amount written with its currency sign: '25,413.45' and '$' give '$25,413.45', '-200' gives
    '-$200' (text that is no number is left as it is)."""
    if not sign or not text[:1].isdigit() and not (text[:1] in "+-" and text[1:2].isdigit()):
        return text
    return f"{text[0]}{sign}{text[1:]}" if text[0] in "+-" else f"{sign}{text}"


def _in_unit(x: float | None, unit: FigureUnit, places: int | None) -> str:
    """One figure in ``unit``, with ``places`` decimals (None: as the reports write such a figure)."""
    if x is None:
        return MISSING
    from fractions import Fraction

    from .expectations.numbers import format_value, money_text, to_fraction
    from .expectations.shape import MeasureShape
    value = to_fraction(x)
    if unit.kind == "money":  # whole, or with its cents: as a verdict shows money
        return with_sign(money_text(value, places), unit.sign)
    shape = MeasureShape("share") if unit.kind == "share" else MeasureShape("number", "percent")
    return format_value(Fraction(value), shape, places)
