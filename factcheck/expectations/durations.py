"""Time units: the unit of a duration an ``expect`` states ("more than four hours") and the unit
a measure's values are in (``unit: minutes``, or a column named ``wait_minutes``).

A duration is compared with the measure in the measure's unit: "more than four hours" against
a mean of ``wait_minutes`` is more than 240. Seconds, minutes, hours, days and weeks convert
into one another, and months, quarters, years, decades and centuries do; across the two (days
and months) there is no fixed factor, so such an expectation is refused rather than guessed.

>>> factor("hour", "minute"), factor("year", "month"), factor("month", "day")
(Fraction(60, 1), Fraction(12, 1), None)
>>> unit_in_name("wait_minutes"), unit_in_name("days_to_close"), unit_in_name("days_per_year")
('minute', 'day', 'day')
>>> unit_in_name("year"), unit_in_name("hours_minutes")   # a calendar year; two units
(None, None)
"""

from __future__ import annotations

import re
from fractions import Fraction

UNITS = ("second", "minute", "hour", "day", "week", "month", "quarter", "year", "decade", "century")
PLURAL = {u: ("centuries" if u == "century" else f"{u}s") for u in UNITS}
"""Each unit's plural, as ``unit:`` takes it in a claims file (``unit: minutes``)."""

_SHORT = {"min": "minute", "mins": "minute", "hr": "hour", "hrs": "hour", "sec": "second", "secs": "second",
          "yr": "year", "yrs": "year", "wk": "week", "wks": "week"}
"""The short forms newspapers print ("162 min", "2.7 hrs")."""
_OF_WORD = {**{u: u for u in UNITS}, **{p: u for u, p in PLURAL.items()}, **_SHORT}
# what a column's name may say its values are in: plurals (a column named ``year`` holds calendar
# years, ``second_visit`` is an ordinal) and three common short forms
_IN_NAMES = {**{p: u for u, p in PLURAL.items()}, "mins": "minute", "hrs": "hour", "secs": "second"}
_SIZES = (  # each unit in the smallest of its group
    {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800},
    {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200},
)
_TOKENS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def unit_of(word: str) -> str | None:
    """``hours`` -> ``hour``; None for a word that names no unit."""
    return _OF_WORD.get(word.lower())


def factor(given: str, wanted: str) -> Fraction | None:
    """How many ``wanted`` one ``given`` is (``factor("hour", "minute") == 60``); None when the two
    have no fixed ratio (a month is 28 to 31 days)."""
    for sizes in _SIZES:
        if given in sizes and wanted in sizes:
            return Fraction(sizes[given], sizes[wanted])
    return None


def unit_in_name(column: str) -> str | None:
    """The time unit a column's name says its values are in (``wait_minutes``, ``days_to_close``,
    ``durationHours``): the one unit among its words, or None (none, or two: ``hours_minutes``)."""
    found = {_IN_NAMES[t.lower()] for t in _TOKENS.findall(column) if t.lower() in _IN_NAMES}
    return found.pop() if len(found) == 1 else None


def in_unit(value: Fraction, unit: str) -> str:
    """``240 minutes``, ``1 hour``, ``2.5 days``: a value said with its unit."""
    text = f"{value.numerator:,}" if value.denominator == 1 else f"{float(value):,.6g}"
    return f"{text} {unit if value == 1 else PLURAL[unit]}"
