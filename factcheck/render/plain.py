"""A claim's figures in words, for the first lines of its evidence in the HTML report.

An editor reads "must round to 59%", "must be more than two thirds" and "computed
58.7% (13 of 22)" before the interval on the measure's scale, the exact fraction and
the checksums (which the report keeps, folded, below). The words are built from what
the report already holds: the expectation's ``meaning`` ("rounds to 59%: 58.5% ≤ x <
59.5%") and the computed value. Returns plain text: the caller escapes it.

>>> from factcheck.report import ExpectationInfo
>>> requirement(ExpectationInfo(written="a large majority", meaning="a large majority: x > 66.67…%",
...                             low=2 / 3, high=None, low_closed=False), "share")
'must be more than two thirds'
>>> requirement(ExpectationInfo(written="59%", meaning="rounds to 59%: 58.5% ≤ x < 59.5%"), "share")
'must round to 59%'
>>> requirement(ExpectationInfo(written="about 60%", meaning="about 60%: 57% ≤ x ≤ 63%"), "share")
'must be about 60%: between 57% and 63%'
>>> requirement(ExpectationInfo(written="doubled", meaning="doubled: 1.95× ≤ x < 2.05×"), "change")
'must have doubled: 1.95 to 2.05 times the earlier value'
"""

from __future__ import annotations

import re
from fractions import Fraction

from ..formatting import plain_number
from ..money import leading_sign
from ..report import ClaimResult, ExpectationInfo

# the fractions a reader says in words, on a share's scale
_WORDS = {Fraction(1, 2): "half", Fraction(1, 3): "one third", Fraction(2, 3): "two thirds",
          Fraction(1, 4): "a quarter", Fraction(3, 4): "three quarters", Fraction(1, 5): "a fifth",
          Fraction(2, 5): "two fifths", Fraction(3, 5): "three fifths", Fraction(4, 5): "four fifths",
          Fraction(1, 10): "a tenth", Fraction(9, 10): "nine tenths"}
_ONE_SIDED = re.compile(r"^x ([<>≤≥]) (.+)$")
_TWO_SIDED = re.compile(r"^(.+?) [<≤] x [<≤] (.+)$")
_BOUND = {">": "more than", "≥": "at least", "<": "less than", "≤": "at most"}


def fraction_words(v: float) -> str | None:
    """``2/3`` → 'two thirds' (also for 0.666667), or None when the share is not a common fraction."""
    if not 0 < v < 1:
        return None
    f = Fraction(v).limit_denominator(10)
    return _WORDS.get(f) if abs(float(f) - v) < 1e-6 else None


def requirement(x: ExpectationInfo, kind: str | None) -> str:
    """What the figure must be, in words: 'must round to 59%', 'must be more than two thirds'."""
    head, _, math = x.meaning.partition(": ")
    if head.startswith("rounds to "):
        return "must round to " + head.removeprefix("rounds to ")
    if head in ("is true", "is false"):  # a record, a streak, a ranking: the statement holds or not
        return "must hold" if head == "is true" else "must not hold"
    if head.startswith("is "):
        return "must be " + head.removeprefix("is ")
    if head.startswith("the values "):
        return "must be " + head.removeprefix("the values ")
    if _MULTIPLE.search(head):  # "doubled", "nearly halved": a verb, not a state; its band a rise, a fall, times
        two = _TWO_SIDED.match(math)
        return f"must have {head}" + (f": {_band(two.group(1), two.group(2), kind)}" if two else "")
    one = _ONE_SIDED.match(math)
    if one:
        edge = x.low if one.group(1) in "≥>" else x.high
        # a wording ("a large majority", "over one-third") is given its fraction; a figure is already plain
        wording = not any(c.isdigit() for c in head)
        words = fraction_words(edge) if kind == "share" and wording and edge is not None else None
        if words is not None:
            return f"must be {_BOUND[one.group(1)]} {words}"
        return f"must be {head}"
    two = _TWO_SIDED.match(math)
    if two and "round" not in head and not head.startswith("between "):
        return f"must be {head}: between {two.group(1)} and {two.group(2)}"
    return f"must be {head}"


_MULTIPLE = re.compile(r"\b(?:doubled|tripled|trebled|quadrupled|halved)$")


def _band(low: str, high: str, kind: str | None) -> str:
    """A multiple's band in words: 'a rise of 95% to 105%', 'a fall of 45% to 55%',
    '1.95 to 2.05 times the earlier value'."""
    if low.endswith("×") and high.endswith("×"):
        times = f"{low[:-1]} to {high[:-1]} times"
        return f"{times} the earlier value" if kind == "change" else times
    if low.endswith("%") and high.endswith("%"):
        if low.startswith("-") and high.startswith("-"):
            return f"a fall of {high[1:]} to {low[1:]}"
        if not low.startswith("-"):
            return f"a rise of {low} to {high}"
    return f"between {low} and {high}"


def found(r: ClaimResult) -> str:
    """What was computed, in words: 'computed 59.1% (13 of 22)'; '' when nothing was."""
    if r.value_text is None and r.value is None:
        return ""
    text = r.value_text if r.value_text is not None else str(r.value)
    if r.kind == "change" and text[:1] in "+-" and (text[1:2].isdigit() or leading_sign(text)):
        # "+10.7%" reads "up 10.7%", "+$5,284" "up $5,284"
        text = ("up " if text[0] == "+" else "down ") + text[1:]
    if r.kind == "share" and r.numerator is not None and r.denominator is not None:
        text += f" ({plain_number(r.numerator)} of {plain_number(r.denominator)})"
    return f"computed {text}"
