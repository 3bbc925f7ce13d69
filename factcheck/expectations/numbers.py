"""Exact numbers: reading written figures, rounding, and writing values for people.

Everything here is exact: values are :class:`fractions.Fraction`, never floats.

>>> format_value(Fraction(482, 1000), MeasureShape("share"))
'48.2%'
>>> parse_decimal("5,076.50")
(Fraction(10153, 2), 2)
"""

from __future__ import annotations

import math
import re
import sys
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from .errors import ExpectationError
from .shape import PERCENTISH, MeasureShape

MAX_NUMBER_TEXT = 100  # characters in a written number: far beyond any figure, far below int()'s limits
MAX_EXPONENT = 400     # past the range of a double both ways (1.8e308, 5e-324)

_GROUPED = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+")
_PLAIN = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?", re.IGNORECASE)


def parse_decimal(text: str) -> tuple[Fraction, int]:
    """A written decimal as (exact value, number of decimals stated).

    >>> parse_decimal("5,076.50")
    (Fraction(10153, 2), 2)
    """
    clean = text.strip().replace("\u2212", "-")
    if len(clean) > MAX_NUMBER_TEXT:
        raise ExpectationError(f"a number written with {len(clean):,} characters (at most {MAX_NUMBER_TEXT})",
                               hint="no figure in a story needs that many digits")
    if _GROUPED.fullmatch(clean):
        clean = clean.replace(",", "")
    elif not _PLAIN.fullmatch(clean):
        raise ValueError(f"not a number: {text!r}")
    try:
        dec = Decimal(clean)
    except InvalidOperation as exc:  # pragma: no cover - regex already checked
        raise ValueError(f"not a number: {text!r}") from exc
    exponent = dec.as_tuple().exponent
    assert isinstance(exponent, int)
    if abs(dec.adjusted()) > MAX_EXPONENT:
        raise ExpectationError(f"{text.strip()!r} is beyond 10^±{MAX_EXPONENT}",
                               hint="no figure in a story is that large or that small")
    return Fraction(dec), max(0, -exponent)


def float_as_written(x: float) -> str | None:
    """A float YAML read, as the file wrote it (2.5, not 2.5000000001; 1e-07 as 0.0000001); None for
    inf and nan, which no one writes as a figure.

    >>> float_as_written(2.5), float_as_written(0.1), float_as_written(float("nan"))
    ('2.5', '0.1', None)
    """
    return format(Decimal(repr(x)), "f") if math.isfinite(x) else None


def to_fraction(x: int | float | str | Decimal | Fraction) -> Fraction:
    """Exact value of a number; floats go through ``repr`` so 2.5 is exactly 5/2, 0.1 is 1/10.

    >>> to_fraction(0.1), to_fraction("1,234")
    (Fraction(1, 10), Fraction(1234, 1))
    """
    if isinstance(x, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(x, Fraction):
        return x
    if isinstance(x, int):
        return Fraction(x)
    if isinstance(x, float):
        if not math.isfinite(x):
            raise ValueError(f"not a finite number: {x!r}")
        return Fraction(Decimal(repr(x)))
    if isinstance(x, Decimal):
        if not x.is_finite():
            raise ValueError(f"not a finite number: {x!r}")
        return Fraction(x)
    if isinstance(x, str):
        return parse_decimal(x)[0]
    raise TypeError(f"not a number: {x!r}")


def as_float(x: Fraction | int | float) -> float:
    """A float for reports and charts, held at the largest finite double beyond its range.

    Judging never uses it (values stay exact, and reports carry ``value_exact``); it only keeps
    a figure past 1.8e308 from being an OverflowError, or an infinity that JSON cannot hold.

    >>> as_float(Fraction(1, 4)), as_float(-10 ** 400) == -sys.float_info.max
    (0.25, True)
    """
    try:
        return float(x)
    except OverflowError:
        return sys.float_info.max if x > 0 else -sys.float_info.max


def round_half_up(x: Fraction, places: int) -> Fraction:
    """Round half away from zero (what people call half-up), exactly.

    >>> round_half_up(Fraction(-245, 100), 1)
    Fraction(-5, 2)
    """
    scale = Fraction(10) ** places
    magnitude = math.floor(abs(x) * scale + Fraction(1, 2))
    return (magnitude if x >= 0 else -magnitude) / scale


def decimal_text(x: Fraction, places: int, strip: bool = False) -> str:
    """``x`` rounded to ``places`` decimals, with thousands separators.

    >>> decimal_text(Fraction(50765, 10), 2)
    '5,076.50'
    """
    r = round_half_up(x, places)
    text = format(Decimal(r.numerator) / Decimal(r.denominator), f",.{places}f")
    if strip and "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def exact_places(x: Fraction, limit: int) -> int | None:
    """The fewest decimals that write ``x`` exactly, if at most ``limit``."""
    for places in range(limit + 1):
        if (x * 10**places).denominator == 1:
            return places
    return None


def _number_text(x: Fraction, places: int | None) -> str:
    """165 → '165', 5076 → '5,076', 2.4567 → '2.46', 0.04567 → '0.0457'."""
    if places is not None:
        return decimal_text(x, places)
    if x.denominator == 1:
        return f"{x.numerator:,}"
    places = 2
    while abs(x) * 10**places < 100 and places < 12:
        places += 1
    return decimal_text(x, places, strip=True)


def _percent_text(p: Fraction, places: int | None) -> str:
    """A figure already in percent: exact if ≤ 2 decimals ('58.95'), else one decimal ('33.3')."""
    if places is not None:
        return decimal_text(p, places)
    exact = exact_places(p, 2)
    if exact is not None:
        return decimal_text(p, exact)
    places = 1
    while round_half_up(p, places) == 0 and places < 8:
        places += 1
    return decimal_text(p, places)


def signed(text: str, x: Fraction) -> str:
    """A change written with its sign: '+5,284' for a rise; a fall has its '-' already, and nothing
    shown as zero has any ('0', not '+0').

    >>> signed("5,284", Fraction(5284)), signed("-3", Fraction(-3)), signed("0.00", Fraction(1, 10**9))
    ('+5,284', '-3', '0.00')
    """
    return text if x < 0 or text.lstrip("0.,") == "" else "+" + text


def format_value(value: object, shape: MeasureShape, places: int | None = None) -> str:
    """A computed value for people, on the measure's scale.

    ``places`` forces the number of decimals of the figure shown (used to show enough digits
    when a value sits next to an edge).

    >>> s = MeasureShape
    >>> [format_value(Fraction(v), s(k)) for v, k in [("0.482", "share"), ("5076", "number"),
    ...  ("2.4567", "number"), ("0.115", "change_percent"), ("-0.079", "change_percent"),
    ...  ("0.052", "change_points"), ("2", "change_ratio")]]
    ['48.2%', '5,076', '2.46', '+11.5%', '-7.9%', '+5.2 points', '2.00×']
    """
    if value is None:
        return "n/a"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(str(v) for v in value) + "]"
    x = to_fraction(value)  # type: ignore[arg-type]
    kind, pct = shape.kind, shape.unit == "percent"
    if kind == "boolean":
        return "true" if x else "false"
    if kind == "change_ratio":
        return decimal_text(x, 2 if places is None else places) + "×"
    if kind == "share" or (kind == "number" and pct):
        return _percent_text(x if pct else x * 100, places) + "%"
    if kind == "change_percent":
        return signed(_percent_text(x if pct else x * 100, places), x) + "%"
    if kind == "change_points":
        p = x if pct else x * 100
        return signed(_percent_text(p, places), x) + (" point" if abs(p) == 1 else " points")
    if kind == "change_absolute":
        return signed(_number_text(x, places), x)
    if shape.years and x.denominator == 1 and places is None:
        return str(x.numerator)  # a year: 2022
    return _number_text(x, places)


def money_text(x: Fraction, places: int | None = None) -> str:
    """An amount of money as people write it, without its sign: whole, or with its cents (two
    decimals, never one: "2,833.50", not "2,833.5"); ``places`` asks for more decimals where two do
    not tell a figure from an edge; an amount of less than a cent is given to its first figure,
    never as "0.00" beside a difference that is not nothing.

    >>> money_text(Fraction(5667, 2)), money_text(Fraction(1, 2)), money_text(Fraction(25400)), money_text(Fraction(1, 400))
    ('2,833.50', '0.50', '25,400', '0.003')
    """
    if x.denominator == 1 and places is None:
        return f"{x.numerator:,}"
    digits = max(2, places or 2)
    while x and round_half_up(x, digits) == 0 and digits < 12:
        digits += 1
    return decimal_text(x, digits)


def money_edge(x: Fraction) -> str:
    """An interval's edge in money: exact, with its cents when it has any ("2,832.50"), more decimals
    only where the edge has them.

    >>> money_edge(Fraction(5665, 2)), money_edge(Fraction(3800)), money_edge(Fraction(1, 400))
    ('2,832.50', '3,800', '0.0025')
    """
    places = exact_places(x, 6)
    if places is None:
        return decimal_text(x, 6) + "…"
    return money_text(x) if places <= 2 else decimal_text(x, places)


def format_edge(value: Fraction, shape: MeasureShape) -> str:
    """An interval edge, exact when it can be written in a few decimals, without a '+' sign.

    >>> format_edge(Fraction(5895, 10000), MeasureShape("share"))
    '58.95%'
    """
    x = value * 100 if shape.kind in PERCENTISH and shape.unit == "fraction" else value
    places = exact_places(x, 6)
    text = decimal_text(x, 2 if places is None else places) + ("" if places is not None else "…")
    if shape.kind in ("share", "change_percent") or (shape.kind == "number" and shape.unit == "percent"):
        return text + "%"
    if shape.kind == "change_points":
        return text + " points"
    if shape.kind == "change_ratio":
        return text + "×"
    return text
