"""Numbers written in words, as stories and ``expect:`` write them: 'twenty-five', 'fifteen hundred',
'two million five hundred thousand', 'one point two billion'.

Both readers of figures use :func:`read_spelled`, and no other reader of number words: ``expect:``
turns the words into the digits they stand for before it reads a figure
(:func:`factcheck.expectations.wording.normalize`), and the draft finder takes a figure's value
from them (:mod:`factcheck.draft.phrases`, reading ``loose``: 'an hour', 'a dozen'), so a claim
and the sentence it checks agree on the number. Words that state no number ('two three', 'a
million million') have no value in either.

A number in words states its precision as digits do (docs/tolerance-words.md): it rounds at the
smallest scale it names, or at the decimals it speaks after 'point'. 'two million five hundred
thousand' is 2,500 thousand (2,499,500 ≤ x < 2,500,500), as 'two hundred thousand' is 200
thousand; 'one point two billion' is 1.2 billion (1.15 to 1.25 billion); 'two million five
hundred' names no scale after its last count and is exact, as 2,000,500 is. 'a thousand million' is
a billion, as British usage writes one, and rounds at the million (1,000 million).

A part of a scale is read too: 'half a million', 'a quarter million', 'three quarters of a billion'
are 500,000, 250,000 and 750,000,000, with ``part`` the fraction spoken (1/2, 1/4, 3/4): such a
figure is a fraction in words and has a fraction's band, not the precision of digits. A count and a
half or a quarter of a scale is a count of it, to the decimals its digits need: 'a million and a
half', 'one and a half million' and 'two-and-a-half billion' read as 1.5 million and 2.5 billion,
'a million and a quarter' as 1.25 million (1,245,000 ≤ x < 1,255,000, as '1.25 million' is).

>>> read_spelled("two million five hundred thousand").digits()
'2,500 thousand'
>>> read_spelled("one point two billion").digits(), read_spelled("twenty-five").value
('1.2 billion', Fraction(25, 1))
>>> read_spelled("half a million").value, read_spelled("a million and a quarter").digits()
(Fraction(500000, 1), '1.25 million')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from ..formatting import SCALES

DIGIT_WORDS = {"zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
               "eight": 8, "nine": 9}
"""The words of the digits spoken after 'point' ('one point oh five')."""
ONES = {w: v for w, v in DIGIT_WORDS.items() if v}
TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
         "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
SCALE_WORDS = SCALES
WORDS = frozenset({*DIGIT_WORDS, *TEENS, *TENS, *SCALE_WORDS, "hundred", "point", "and", "a", "an"})
"""Every word that may be part of a number in words."""


@dataclass(frozen=True)
class Spelled:
    """A number read from words: its exact value, the scale it rounds at (None: the unit) and the
    decimals spoken after 'point'."""

    value: Fraction
    scale: str | None
    places: int
    part: Fraction | None = None
    """The fraction of the scale a part of a scale speaks ('half a million': 1/2); None for a count."""

    def digits(self) -> str:
        """The same figure in digits, to the same precision: '2,500 thousand', '1.2 billion', '250'.
        A part of a scale has no digits of its precision (it reads with a fraction's band): its
        digits are its whole value ('500,000')."""
        if self.part is not None:
            return f"{int(self.value):,}" if self.value.denominator == 1 else str(float(self.value))
        unit = SCALE_WORDS[self.scale] if self.scale else 1
        amount = self.value / unit
        text = format(Decimal(amount.numerator) / Decimal(amount.denominator), f",.{self.places}f")
        return f"{text} {self.scale}" if self.scale else text


class _Group:
    """The count before a scale word (or at the end), under a thousand: its hundreds, tens and ones
    slots, each filled once ('three hundred twenty five': not 'twenty thirty' nor 'five five')."""

    def __init__(self) -> None:
        self.value = 0
        self.filled: set[str] = set()

    def take(self, word: str) -> bool:
        if word in ("a", "an"):
            return self._fill(("article",), ("article", "hundred", "tens", "ones"), 1)
        if word in ONES:
            return self._fill(("ones",), ("ones", "article"), ONES[word])
        if word in TEENS:
            return self._fill(("tens", "ones"), ("tens", "ones", "article"), TEENS[word])
        if word in TENS:
            return self._fill(("tens",), ("tens", "ones", "article"), TENS[word])
        if word == "hundred":  # 'two hundred', 'a hundred', 'fifteen hundred' (1,500)
            if "hundred" in self.filled or not (1 <= self.value <= 99):
                return False
            self.value *= 100
            self.filled = {"hundred"}
            return True
        return False

    def times(self, size: int) -> bool:
        """'a dozen', 'two dozen', a bare 'hundred' (read loosely): the count so far (one when there is
        none) times ``size``; nothing is added to the count after it."""
        if "hundred" in self.filled or self.value > 99:
            return False
        self.value = (self.value or 1) * size
        self.filled = {"article", "hundred", "tens", "ones"}
        return True

    def _fill(self, slots: tuple[str, ...], taken: tuple[str, ...], value: int) -> bool:
        if self.filled & set(taken):
            return False
        self.filled |= set(slots)
        self.value += value
        return True


@lru_cache(maxsize=4096)  # the draft asks for the same few words ('two', 'a million') again and again
def read_spelled(text: str, loose: bool = False) -> Spelled | None:
    """The number a run of words states, or None when the words are no number (or only 'a').

    ``loose``: the words of a figure the draft has already found, where a word that only counts is
    one more: 'a' or 'an' on its own is one ('an hour'), 'dozen' twelve ('a dozen', 'two dozen')
    and a bare 'hundred' a hundred ('hundredfold'). An ``expect:`` reads strictly: 'a' there is no
    figure.

    >>> read_spelled("fifteen hundred").value, read_spelled("a million").digits()
    (Fraction(1500, 1), '1 million')
    >>> read_spelled("two five") is None, read_spelled("million") is None, read_spelled("a") is None
    (True, True, True)
    >>> read_spelled("a", loose=True).value, read_spelled("two dozen", loose=True).digits()
    (Fraction(1, 1), '24')
    """
    words = [t for t in re.split(r"[\s-]+", text.lower().strip()) if t]
    if words and words[-1] in SCALE_WORDS or "and" in words and words[-1] in _PART_ENDS:
        part = _part_of_a_scale(words)
        if part is not None:
            return part
    if words == ["zero"]:  # "zero arrests": none, as "0" is
        return Spelled(Fraction(0), None, 0)
    tokens = [t for t in words if t != "and"]
    reading = _Reading(tokens, loose)
    if not all(reading.take(i, token) for i, token in enumerate(tokens)):
        return None
    return reading.result()


class _Reading:
    """The state of :func:`read_spelled` along its words: the sum of the scales said so far, the
    count being said, the decimals after 'point'."""

    def __init__(self, tokens: list[str], loose: bool) -> None:
        self.tokens = tokens
        self.loose = loose
        self.total: int | Fraction = 0
        self.group = _Group()
        self.decimals = ""
        self.last_scale: int | None = None
        self.point = self.ended = False

    def take(self, i: int, token: str) -> bool:
        """Read one more word; False when the words so far are no number."""
        if self.ended:
            return False  # nothing follows a scale after a decimal: 'one point two million three'
        if self.point:
            if token in DIGIT_WORDS:
                self.decimals += str(DIGIT_WORDS[token])
                return len(self.decimals) <= MOST_DECIMALS  # more is a garbled paste, not a number
            if token not in SCALE_WORDS or not self.decimals:
                return False
        if token == "point":
            tokens = self.tokens
            if self.point or not (self.group.filled - {"article"} or (i == 1 and tokens[0] == "zero") or i == 0):
                return False
            self.point = True
            return True
        if token == "zero" and i == 0 and len(self.tokens) > 1 and self.tokens[1] == "point":
            return True
        if token in SCALE_WORDS:
            return self._scale(SCALE_WORDS[token])
        if self.loose and (token == "dozen" or (token == "hundred" and not self.group.filled)):
            return self.group.times(12 if token == "dozen" else 100)
        return self.group.take(token)

    def _scale(self, scale: int) -> bool:
        """A scale word: the count before it (and its decimals) times the scale."""
        thousands = _thousands_of(self.last_scale, scale, self.total)
        if not self.group.filled and not self.decimals and not thousands:
            return False
        if self.last_scale is not None and scale >= self.last_scale:
            if not thousands:
                return False
            self.total, self.group.value = 0, int(self.total) + self.group.value  # "a thousand five hundred million"
        count = self.group.value + _fraction(self.decimals) if self.decimals else self.group.value
        self.total += count * scale
        self.group, self.last_scale, self.ended = _Group(), scale, self.point
        return True

    def result(self) -> Spelled | None:
        if self.point and not self.decimals:
            return None
        if not (self.total or self.group.filled or self.decimals) or (self.tokens in (["a"], ["an"]) and not self.loose):
            return None
        value = self.total + self.group.value + (0 if self.ended else _fraction(self.decimals))
        scale_word = self.tokens[-1] if self.tokens[-1] in SCALE_WORDS else None
        return Spelled(Fraction(value), scale_word, len(self.decimals))


MOST_DECIMALS = 30
"""Digits spoken after 'point' that are read at most (Python refuses to read an integer of over
4,300 digits: 'one point two two two …' of a garbled paste stopped the whole run)."""


def _thousands_of(last_scale: int | None, scale: int, total: int | Fraction) -> bool:
    """Is ``scale`` said of a count of thousands, as British usage says 'a thousand million' (a
    billion) and 'two thousand billion'? Only 'thousand' counts another scale, and only when no
    larger scale came before it ('a million thousand' is no number)."""
    return last_scale == SCALE_WORDS["thousand"] and scale > last_scale and total < SCALE_WORDS["million"]


def _fraction(decimals: str) -> Fraction:
    """'25' spoken after 'point' is 0.25."""
    return Fraction(int(decimals), 10 ** len(decimals)) if decimals else Fraction(0)


PARTS_OF_A_SCALE: dict[tuple[str, ...], Fraction] = {
    **{tuple(words.split()): Fraction(1, 2) for words in ("half", "a half", "one half", "half a", "half of a")},
    **{tuple(words.split()): Fraction(1, 4) for words in ("quarter", "a quarter", "one quarter", "quarter of a",
                                                          "a quarter of a", "one quarter of a")},
    ("three", "quarters", "of", "a"): Fraction(3, 4),
    **{tuple(words.split()): Fraction(1, 3) for words in ("a third of a", "one third of a")},
    ("two", "thirds", "of", "a"): Fraction(2, 3),
}
"""The words of a part before a scale word, and the fraction each speaks: 'half a million', 'a
quarter million', 'a half-million', 'three quarters of a billion', 'a third of a million'."""
AND_A_PART: dict[tuple[str, ...], tuple[Fraction, int]] = {
    ("and", "a", "half"): (Fraction(1, 2), 1), ("and", "a", "quarter"): (Fraction(1, 4), 2),
    ("and", "three", "quarters"): (Fraction(3, 4), 2)}
"""The part added to a count of a scale ('a million and a half', 'one and a quarter million'), with
the decimals its digits need (1.5, 1.25)."""
_PART_ENDS = frozenset(words[-1] for words in AND_A_PART)


def _part_of_a_scale(words: list[str]) -> Spelled | None:
    """'half a million', 'a quarter million' (a part: fraction-banded); 'one and a half million', 'a
    million and a quarter', '2 and a half billion' (a count and a part of a scale, read as the
    decimals of its count)."""
    if words[-1] in SCALE_WORDS:
        scale, before = words[-1], tuple(words[:-1])
        if before in PARTS_OF_A_SCALE:
            part = PARTS_OF_A_SCALE[before]
            return Spelled(part * SCALE_WORDS[scale], scale, 0, part)
        if len(before) > 3 and before[-3:] in AND_A_PART:  # "one and a half million"
            return _count_and_a_part(list(before[:-3]), before[-3:], scale)
        return None
    if len(words) > 4 and tuple(words[-3:]) in AND_A_PART and words[-4] in SCALE_WORDS:  # "a million and a half"
        return _count_and_a_part(words[:-4], tuple(words[-3:]), words[-4])
    return None


def _count_and_a_part(count: list[str], and_a_part: tuple[str, ...], scale: str) -> Spelled | None:
    """A count under a thousand (in words, 'a', or up to three digits) and a part of one more of the scale."""
    if count in (["a"], ["an"]):
        whole: Fraction | None = Fraction(1)
    elif len(count) == 1 and count[0].isdigit() and len(count[0]) <= 3:
        whole = Fraction(int(count[0]))
    else:
        spelled = read_spelled(" ".join(count)) if count and "and" not in count[-1:] else None
        whole = spelled.value if spelled is not None and spelled.scale is None and not spelled.places else None
    if whole is None or whole.denominator != 1 or not 1 <= whole < 1000:
        return None
    part, places = AND_A_PART[and_a_part]
    return Spelled((whole + part) * SCALE_WORDS[scale], scale, places)
