"""Turn what an article says (``expect:``) into an exact test on the computed value.

>>> e = parse_expectation("59%", MeasureShape("share"))
>>> e.meaning
'rounds to 59%: 58.5% ≤ x < 59.5%'
>>> e.judge(Fraction(117, 200)).ok          # 58.5% sits exactly on the lower edge
True
>>> e.judge(Fraction(482, 1000)).message
'stated 59%, computed 48.2%: 10.8 points low'

The words and their bands are in :mod:`factcheck.vocabulary`; wordings are read by the
``_read_*`` helpers below, values judged by :func:`_judge`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal, Mapping, Sequence

from factcheck import vocabulary as words
from factcheck.numbers import (
    ExpectationError, Interval, MeasureShape, PERCENTISH, decimal_text, format_edge,
    format_value, parse_decimal, to_fraction,
)
from factcheck.vocabulary import DEFAULT, Vocabulary

__all__ = ["ExpectationError", "Interval", "MeasureShape", "Judgement", "Expectation",
           "parse_expectation", "Vocabulary"]

Miss = Literal["out_of_tolerance", "wrong_direction", "qualifier_crossed", "wrong_values", "wrong_rank"]
Direction = Literal["up", "down"]
Side = Literal["low", "high", "any"]


@dataclass(frozen=True)
class Judgement:
    """The verdict on one computed value, with a sentence that says by how much."""

    ok: bool
    miss: Miss | None
    message: str


@dataclass(frozen=True)
class Expectation:
    """An ``expect:`` as understood. ``interval`` is on the measure's own scale.

    Beyond the contract: ``crossed_side`` says which miss counts as ``qualifier_crossed``
    ("any" for one-sided wordings, "high"/"low" for the figure's side of "nearly"/"just over"),
    ``summary`` is the short reading used in messages, ``percentish`` whether differences are
    reported in points.

    >>> parse_expectation("up 11%", MeasureShape("change_percent")).judge(Fraction(-32, 1000)).message
    'stated up 11%, computed down 3.2%'
    """

    written: str
    shape: MeasureShape
    meaning: str
    interval: Interval | None
    stated: Fraction | None
    direction: Direction | None
    qualifier: str | None
    boolean: bool | None = None
    values: tuple[str, ...] | None = None
    any_order: bool = False
    crossed_side: Side | None = None
    summary: str = ""
    percentish: bool = False

    def judge(self, value: Fraction | bool | Sequence[str]) -> Judgement:
        """Judge a computed value (a Fraction, a bool for extreme, a list of names for top)."""
        return _judge(self, value)


@dataclass(frozen=True)
class _Figure:
    """A figure as written: its magnitude (0.59 for "59%") and the band that reads as it."""

    value: Fraction
    band: Interval
    unit: Literal["percent", "points", "plain", "fraction", "ratio", "fall"]
    text: str
    sign: int = 0
    direction: Direction | None = None
    rounded: bool = True


def parse_expectation(raw: object, shape: MeasureShape,
                      vocabulary: Vocabulary | None = None) -> Expectation:
    """Read an ``expect:`` value (as YAML gave it) against what the measure produces.

    >>> parse_expectation("down about a third", MeasureShape("change_percent")).interval.describe(str)
    '-7/20 ≤ x ≤ -19/60'
    """
    vocab = vocabulary or DEFAULT
    if shape.kind == "boolean" or isinstance(raw, bool):
        return _read_boolean(raw, shape)
    if isinstance(raw, Mapping):
        return _read_mapping(raw, shape)
    if shape.kind == "values" or isinstance(raw, (list, tuple)):
        return _read_values(raw, shape)
    return _read_text(_as_text(raw, shape), shape, vocab)


# --- reading text ---------------------------------------------------------------------------

_EXAMPLES_BY_KIND = {
    "number": "'165', '2.5', 'about 2,000', 'more than 100'",
    "share": "'59%', 'nearly half', 'a majority', 'one in five', 'over one-third'",
    "change_percent": "'up 11%', 'down 8%', 'down about a third', 'doubled'",
    "change_points": "'up 5 points', '-3pp', 'down 3 percentage points'",
    "change_absolute": "'up 17', 'down 21', 'more than 100'",
    "change_ratio": "'doubled', 'nearly doubled', 'halved', '2.5x'",
    "boolean": "'true' or 'false'",
    "values": "'[Instagram, Snapchat]' or '{values: [Instagram, Snapchat], any_order: true}'",
}
_MINUS = str.maketrans({"\u2212": "-", "\u2012": "-", "\u2013": "-", "\uff0d": "-", "\u00d7": "x"})


def _as_text(raw: object, shape: MeasureShape) -> str:
    """YAML's scalar as text; floats exactly as written (2.5, not 2.5000000001)."""
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise _unreadable(str(raw), shape)
        return format(Decimal(repr(raw)), "f")
    if isinstance(raw, (int, str)):
        return str(raw)
    raise ExpectationError(f"expect: cannot be read from {type(raw).__name__} {raw!r}",
                           hint=f"write it as the article does, e.g. {_EXAMPLES_BY_KIND.get(shape.kind, '59%')}")


def _unreadable(written: str, shape: MeasureShape, why: str = "") -> ExpectationError:
    examples = _EXAMPLES_BY_KIND.get(shape.kind, "'59%'")
    return ExpectationError(f"expect: cannot read {written!r}{why}",
                            hint=f"write it as the article does, e.g. {examples}")


def normalize(text: str) -> str:
    """Lower case, single spaces, one spelling of percent and points, hyphens in words dropped.

    >>> normalize("  Up 5 Percentage Points ")
    'up 5 points'
    >>> normalize("two-thirds"), normalize("−8 per cent"), normalize("+5pp")
    ('two thirds', '-8%', '+5 points')
    """
    s = text.translate(_MINUS).lower()
    s = re.sub(r"\bpercentage[\s-]*points?\b|\bpct\.?\s*points?\b|\bpoints?\b", " points ", s)
    s = re.sub(r"(?<=\d)\s*(?:pp|ppts?|pts?)\b", " points ", s)
    s = re.sub(r"\bper\s*cent\b|\bpercent\b|\bpct\b", "%", s)
    s = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", s)
    s = re.sub(r"(?<=\d)\s*-?\s*fold\b", "x", s)
    s = re.sub(r"\s+", " ", s).strip().rstrip(".").strip()
    return re.sub(r"\s+%", "%", s)


def _strip_prefix(s: str, phrases: Sequence[str]) -> tuple[str | None, str]:
    for phrase in sorted(phrases, key=len, reverse=True):
        if s.startswith(phrase + " "):
            return phrase, s[len(phrase) + 1:]
    return None, s


def _strip_suffix(s: str, phrases: Sequence[str]) -> tuple[str | None, str]:
    for phrase in sorted(phrases, key=len, reverse=True):
        if s.endswith(" " + phrase) or (phrase[0] == "%" and s.endswith(phrase)):
            return phrase, s[: -len(phrase)].rstrip()
    return None, s


def _split_direction(s: str) -> tuple[Direction | None, str]:
    """'rose by 11%' → ('up', '11%'); '51% fewer' → ('down', '51%')."""
    if not s.startswith("up to "):
        for prefixes, direction in ((words.UP_PREFIXES, "up"), (words.DOWN_PREFIXES, "down")):
            found, rest = _strip_prefix(s, prefixes)
            if found:
                return direction, rest.removeprefix("by ")  # type: ignore[return-value]
    for suffixes, direction in ((words.UP_SUFFIXES, "up"), (words.DOWN_SUFFIXES, "down")):
        found, rest = _strip_suffix(s, suffixes)
        if found and not re.search(r"\bor$", rest):
            return direction, rest  # type: ignore[return-value]
    return None, s


_OR_SUFFIXES = {"or more": ("above", True), "or higher": ("above", True), "or above": ("above", True),
                "or less": ("below", True), "or fewer": ("below", True), "or lower": ("below", True)}


def _split_qualifier(s: str) -> tuple[str | None, str]:
    """'nearly 60%' → ('nearly', '60%'); '2,000 or more' → ('or more', '2,000')."""
    found, rest = _strip_prefix(s, list(words.QUALIFIERS))
    if found:
        return found, rest
    found, rest = _strip_suffix(s, list(_OR_SUFFIXES))
    return found, rest


_NUM = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+"
_FIGURE = re.compile(rf"(?P<num>{_NUM})(?: ?(?P<scale>thousand|million|billion))?"
                     rf"(?: ?(?P<unit>%|points|x|times))?")


def _read_number(t: str) -> _Figure | None:
    """'59%' → 0.59 with band [0.585, 0.595); '5,076' → 5076 with band [5075.5, 5076.5)."""
    m = _FIGURE.fullmatch(t)
    if not m:
        return None
    signed, places = parse_decimal(m["num"])
    half = Fraction(1, 2 * 10**places) * words.SCALE_WORDS.get(m["scale"] or "", 1)
    value = abs(signed) * words.SCALE_WORDS.get(m["scale"] or "", 1)
    unit = {"%": "percent", "points": "points", "x": "ratio", "times": "ratio"}.get(m["unit"] or "", "plain")
    if unit in ("percent", "points"):
        value, half = value / 100, half / 100
    sign = -1 if signed < 0 else (1 if m["num"].startswith("+") else 0)
    text = t.lstrip("+-") if sign else t
    return _Figure(value, Interval(value - half, value + half, True, False), unit, text, sign)  # type: ignore[arg-type]


def _count(word: str) -> int | None:
    return int(word) if word.isdigit() and len(word) < 7 else words.COUNT_WORDS.get(word)


def _read_fraction(t: str, vocab: Vocabulary) -> _Figure | None:
    """'one in five', 'a third', 'two thirds', 'half' → the fraction, with the fraction band."""
    if t in ("half", "a half", "one half"):
        value = Fraction(1, 2)
    else:
        m = re.fullmatch(r"(.+?) (?:in|out of) (?:every )?(.+)", t) or re.fullmatch(r"(.+) (\w+)", t)
        if not m:
            return None
        top = _count(m[1])
        bottom = _count(m[2]) if " in " in t or " out of " in t else words.PART_WORDS.get(m[2])
        if not top or not bottom or top > bottom:
            return None
        value = Fraction(top, bottom)
    k = vocab.fraction
    return _Figure(value, Interval(value * (1 - k), value * (1 + k), True, True), "fraction", t,
                   rounded=False)


def _read_multiple(t: str, vocab: Vocabulary) -> _Figure | None:
    """'doubled' → a ratio of 2 in [1.95, 2.05); 'halved' → a fall of one half, ratio in [0.45, 0.55)."""
    if t not in words.MULTIPLES:
        return None
    value, direction = words.MULTIPLES[t]
    t_ = vocab.multiple
    if direction == "down":
        band = Interval(1 - value - t_, 1 - value + t_, False, True)
        return _Figure(1 - value, band, "fall", t, direction="down", rounded=False)
    band = Interval(value - t_, value + t_, True, False)
    return _Figure(value, band, "ratio", t, direction="up", rounded=False)


def _read_figure(t: str, written: str, shape: MeasureShape, vocab: Vocabulary) -> _Figure:
    figure = _read_number(t) or _read_fraction(t, vocab) or _read_multiple(t, vocab)
    if figure is None:
        raise _unreadable(written, shape)
    return figure


def _apply_qualifier(figure: _Figure, qualifier: str | None,
                     vocab: Vocabulary) -> tuple[Interval, Side | None]:
    """The band of magnitudes the wording allows, and which miss is a crossed qualifier.

    >>> f = _read_number("60%")
    >>> _apply_qualifier(f, "nearly", DEFAULT)[0].describe(str)
    '27/50 ≤ x < 3/5'
    """
    band, closed = words.QUALIFIERS.get(qualifier or "", _OR_SUFFIXES.get(qualifier or "", ("exact", True)))
    v = figure.value
    if band == "above":
        return Interval(v, None, closed, False), "any"
    if band == "below":
        return Interval(None, v, False, closed), "any"
    if band == "nearly":
        return Interval(v * (1 - vocab.nearly), v, True, False), "high"
    if band == "just_over":
        return Interval(v, v * (1 + vocab.nearly), False, True), "low"
    if band == "about":
        b = figure.band
        low = min(v * (1 - vocab.about), b.low if b.low is not None else v)
        high = max(v * (1 + vocab.about), b.high if b.high is not None else v)
        return Interval(low, high, True, True), None
    return figure.band, None


def _units_error(said: str, measured: str, example: str) -> ExpectationError:
    return ExpectationError(
        f"expect: '{said}' is in {'points' if measured == 'percent' else 'percent'}, but this change is "
        f"measured as: {measured}",
        hint=f"this change is measured as: {measured}; say '{example}', or set as: "
             f"{'points' if measured == 'percent' else 'percent'}")


def _affine(figure: _Figure, direction: Direction | None, shape: MeasureShape,
            written: str) -> tuple[Fraction, Fraction]:
    """x ↦ a·x + b taking the figure's magnitude to the measure's scale; raises on a unit mismatch."""
    kind, c = shape.kind, Fraction(100 if shape.unit == "percent" else 1)
    s = Fraction(-1 if direction == "down" else 1)
    unit, n = figure.unit, decimal_text(figure.value * 100, 2, strip=True)
    if direction and kind in ("number", "share"):
        raise ExpectationError(f"expect: '{written}' describes a change, but this measure is a single {kind}",
                               hint="state the level as the article does (e.g. '59%'), or measure a change "
                                    "with change:, from:, to:")
    if unit == "points":
        if kind == "change_points":
            return s * c, Fraction(0)
        if kind == "change_percent":
            raise _units_error(written, "percent", f"up {n}%")
        raise ExpectationError(f"expect: '{written}' is a change in percentage points, but this measure "
                               f"is a {kind.replace('_', ' ')}",
                               hint="state the level (e.g. '59%'), or measure the change with as: points")
    if unit in ("percent", "fraction"):
        if kind in ("number", "share", "change_percent"):
            return s * c, Fraction(0)
        if kind == "change_ratio":
            return s, Fraction(1)
        if kind == "change_points" and unit == "percent":
            raise _units_error(written, "points", f"up {n} points")
        raise ExpectationError(f"expect: '{written}' is a percentage, but this measure is a "
                               f"{kind.replace('_', ' ')}",
                               hint="write a plain number (e.g. 'up 17'), or measure it with as: percent")
    if unit in ("ratio", "fall"):
        if kind == "change_ratio":
            return (Fraction(1), Fraction(0)) if unit == "ratio" else (Fraction(-1), Fraction(1))
        if kind == "change_percent":
            return (c, -c) if unit == "ratio" else (-c, Fraction(0))
        raise ExpectationError(f"expect: '{written}' is a ratio, but this measure is a "
                               f"{kind.replace('_', ' ')}",
                               hint="measure the change with as: ratio or as: percent")
    if direction and kind in ("change_percent", "change_points", "change_ratio"):
        example = {"change_percent": f"{direction} {figure.text}%",
                   "change_points": f"{direction} {figure.text} points"}.get(kind, "doubled")
        raise ExpectationError(f"expect: '{written}' has no unit, but this change is measured as a "
                               f"{kind.replace('change_', '')}", hint=f"say '{example}'")
    if kind == "share" and shape.unit == "fraction" and figure.value > 1:
        raise ExpectationError(f"expect: '{written}' is more than 1, but this measure is a share",
                               hint=f"write it as a percentage: '{figure.text}%'")
    return s, Fraction(0)


def _majority(s: str, shape: MeasureShape, vocab: Vocabulary) -> Expectation | None:
    """'a majority' → x > 50%; 'the vast majority' → x > 75% (by default)."""
    if s not in words.MAJORITIES:
        return None
    name, side = words.MAJORITIES[s]
    if shape.kind not in ("share", "number"):
        raise ExpectationError(f"expect: '{s}' describes a share, but this measure is a "
                               f"{shape.kind.replace('_', ' ')}", hint="measure a share (share: ..., of: ...)")
    threshold = Fraction(1, 2) if name == "half" else getattr(vocab, name)
    figure = _Figure(threshold, Interval(threshold, threshold, True, True), "fraction", s)
    return _compose(s, s, figure, None, "over" if side == "above" else "under", shape, vocab,
                    qualifier_name=name.replace("_", " ").replace("half", "majority" if side == "above" else "minority"))


def _read_text(written: str, shape: MeasureShape, vocab: Vocabulary) -> Expectation:
    s = normalize(written)
    if not s:
        raise _unreadable(written, shape, ": it is empty")
    majority = _majority(s, shape, vocab)
    if majority:
        return majority
    direction, rest = _split_direction(s)
    qualifier, rest = _split_qualifier(rest)
    if direction is None and qualifier is not None:
        direction, rest = _split_direction(rest)
    figure = _read_figure(rest, written, shape, vocab)
    return _compose(written, s, figure, direction, qualifier, shape, vocab)


_SWAP = {"above": "below", "below": "above"}


def _signed_direction(figure: _Figure, direction: Direction | None, shape: MeasureShape,
                      written: str) -> Direction | None:
    """Reconcile a written sign ('+11%', '-8%') or a multiple word with a direction word."""
    implied: Direction | None = figure.direction
    if figure.sign and shape.kind.startswith("change_"):
        implied = "up" if figure.sign > 0 else "down"
    if direction and implied and direction != implied:
        raise ExpectationError(f"expect: '{written}' says both {direction} and {implied}",
                               hint="keep one: e.g. 'down 8%' or '-8%'")
    return direction or implied


def _compose(written: str, s: str, figure: _Figure, direction: Direction | None,
             qualifier: str | None, shape: MeasureShape, vocab: Vocabulary,
             qualifier_name: str | None = None) -> Expectation:
    """Direction × qualifier × figure → the interval on the measure's scale."""
    if shape.kind in ("boolean", "values"):
        raise _unreadable(written, shape, f": a {shape.kind} measure expects "
                          f"{'true or false' if shape.kind == 'boolean' else 'a list of values'}")
    direction = _signed_direction(figure, direction, shape, written)
    mirrored = figure.sign < 0 and not shape.kind.startswith("change_")
    band_kind = words.QUALIFIERS.get(qualifier or "", _OR_SUFFIXES.get(qualifier or "", ("", True)))
    written_qualifier = qualifier
    if mirrored and band_kind[0] in _SWAP:
        swapped = {"above": "under", "below": "over"}[band_kind[0]]
        qualifier = swapped if not band_kind[1] else {"under": "at most", "over": "at least"}[swapped]
    band, side = _apply_qualifier(figure, qualifier, vocab)
    a, b = _affine(figure, direction, shape, written)
    a = -a if mirrored else a
    interval = band.map(a, b)
    zero = Fraction(1 if shape.kind == "change_ratio" else 0)
    if direction:
        interval = interval.intersect(Interval(zero, None, False, False) if direction == "up"
                                      else Interval(None, zero, False, False))
    if a < 0 and side in ("low", "high"):
        side = "low" if side == "high" else "high"
    summary = _summary(s, figure, direction, qualifier, mirrored)
    percentish = shape.kind in PERCENTISH or (shape.kind == "number" and (
        shape.unit == "percent" or figure.unit in ("percent", "fraction")))
    if qualifier_name is None and qualifier is None and figure.unit in ("ratio", "fall") \
            and not figure.rounded:
        qualifier_name = figure.text
    return Expectation(
        written=written.strip(), shape=shape, stated=a * figure.value + b, direction=direction,
        meaning=f"{summary}: {interval.describe(lambda x: format_edge(x, shape))}",
        interval=interval, qualifier=qualifier_name or written_qualifier,
        crossed_side=side, summary=summary, percentish=percentish)


def _summary(s: str, figure: _Figure, direction: Direction | None, qualifier: str | None,
             mirrored: bool) -> str:
    """'rounds to 59%', 'a rise rounding to 11%', or the wording itself ('nearly half')."""
    plain = qualifier is None or words.QUALIFIERS.get(qualifier, ("",))[0] == "exact"
    if not (plain and figure.rounded):
        return s
    if direction and figure.unit not in ("ratio", "fall"):
        return f"a {'rise' if direction == 'up' else 'fall'} rounding to {figure.text}"
    return f"rounds to {'-' if mirrored else ''}{figure.text}"


# --- booleans, lists, explicit mappings -------------------------------------------------------

def _read_boolean(raw: object, shape: MeasureShape) -> Expectation:
    """``true`` / ``false`` (YAML booleans or the words) for an ``extreme`` measure."""
    word = raw if isinstance(raw, bool) else {"true": True, "false": False}.get(
        normalize(raw) if isinstance(raw, str) else "")
    if word is None:
        raise ExpectationError(f"expect: a true/false measure needs true or false, not {raw!r}",
                               hint="write 'expect: true' when the article says it is the lowest/highest")
    if shape.kind != "boolean":
        raise ExpectationError(f"expect: {str(word).lower()} fits a true/false measure (extreme), "
                               f"not a {shape.kind.replace('_', ' ')}",
                               hint=f"write it as the article does, e.g. {_EXAMPLES_BY_KIND[shape.kind]}")
    text = "true" if word else "false"
    return Expectation(written=text, shape=shape, meaning=f"is {text}", interval=None, stated=None,
                       direction=None, qualifier=None, boolean=word, summary=text)


def _read_values(raw: object, shape: MeasureShape, any_order: bool = False) -> Expectation:
    """``[Instagram, Snapchat]`` (or one name) for a ``top`` measure."""
    items = [raw] if isinstance(raw, (str, int, float)) and not isinstance(raw, bool) else raw
    if shape.kind != "values":
        raise ExpectationError(f"expect: a list fits a top measure, not a {shape.kind.replace('_', ' ')}",
                               hint=f"write it as the article does, e.g. {_EXAMPLES_BY_KIND[shape.kind]}")
    if not isinstance(items, (list, tuple)) or not items or \
            any(isinstance(v, (list, tuple, Mapping)) or v is None for v in items):
        raise ExpectationError(f"expect: a top measure needs a list of names, not {raw!r}",
                               hint="e.g. '[Instagram, Snapchat]' or '{values: [Instagram, Snapchat], any_order: true}'")
    values = tuple(_as_text(v, shape) if isinstance(v, float) else str(v) for v in items)
    written = "[" + ", ".join(values) + "]"
    order = "in any order" if any_order else "in this order"
    return Expectation(written=written, shape=shape, meaning=f"the values {written} {order}",
                       interval=None, stated=None, direction=None, qualifier=None,
                       values=values, any_order=any_order, summary=f"{written} {order}")


_MAPPING_FORMS = "{value: 0.59, within: 0.01}, {value: 165, within: 2%}, {between: [a, b]}, " \
                 "{values: [A, B], any_order: true}"


def _read_mapping(raw: Mapping[object, object], shape: MeasureShape) -> Expectation:
    """The explicit forms: absolute or relative ``within``, a closed ``between``, ``values``."""
    keys = {str(k) for k in raw}
    if keys and keys <= {"values", "any_order"} and "values" in keys:
        return _read_values(raw["values"], shape, any_order=bool(raw.get("any_order", False)))
    if keys == {"between"}:
        return _read_between(raw["between"], shape)
    if keys == {"value", "within"}:
        return _read_within(raw["value"], raw["within"], shape)
    unknown = sorted(keys - {"value", "within", "between", "values", "any_order"})
    what = f"unknown key {', '.join(unknown)}" if unknown else f"keys {', '.join(sorted(keys)) or '(none)'} do not go together"
    raise ExpectationError(f"expect: {what}", hint=f"use one of {_MAPPING_FORMS}")


def _explicit_number(raw: object, shape: MeasureShape) -> tuple[Fraction, str]:
    """A number in an explicit form: 0.59, 165, '10%' (a percentage on the measure's scale)."""
    text = normalize(_as_text(raw, shape)) if not isinstance(raw, bool) else ""
    figure = _read_number(text)
    if figure is None or figure.unit not in ("plain", "percent", "points"):
        raise ExpectationError(f"expect: {raw!r} is not a number", hint=f"use one of {_MAPPING_FORMS}")
    value = -figure.value if figure.sign < 0 else figure.value
    if figure.unit != "plain" and shape.unit == "percent":
        value *= 100
    return value, text


def _read_within(raw_value: object, raw_within: object, shape: MeasureShape) -> Expectation:
    value, value_text = _explicit_number(raw_value, shape)
    within_text = normalize(_as_text(raw_within, shape)) if not isinstance(raw_within, bool) else ""
    within, _ = _explicit_number(raw_within, shape) if within_text else (Fraction(-1), "")
    if within < 0:
        raise ExpectationError(f"expect: within: {raw_within!r} must be a non-negative number",
                               hint="e.g. 'within: 0.01' (absolute) or 'within: 2%' (relative)")
    if within_text.endswith("%"):
        within = abs(value) * within / (100 if shape.unit == "percent" else 1)
    interval = Interval(value - within, value + within, True, True)
    summary = f"within {within_text} of {value_text}"
    return _explicit(summary, shape, interval, value, "within",
                     f"{{value: {value_text}, within: {within_text}}}")


def _read_between(raw: object, shape: MeasureShape) -> Expectation:
    if not isinstance(raw, (list, tuple)) or len(raw) != 2:
        raise ExpectationError(f"expect: between: needs two values, not {raw!r}",
                               hint="e.g. '{between: [10%, 20%]}' or '{between: [150, 180]}'")
    (low, low_text), (high, high_text) = (_explicit_number(v, shape) for v in raw)
    if low > high:
        raise ExpectationError(f"expect: between: {low_text} is above {high_text}",
                               hint=f"put the smaller value first: '[{high_text}, {low_text}]'")
    return _explicit(f"between {low_text} and {high_text}", shape, Interval(low, high, True, True),
                     None, "between", f"{{between: [{low_text}, {high_text}]}}")


def _explicit(summary: str, shape: MeasureShape, interval: Interval, stated: Fraction | None,
              qualifier: str, written: str) -> Expectation:
    if shape.kind in ("boolean", "values"):
        raise ExpectationError(f"expect: {summary} is a number, but this measure gives "
                               f"{'true or false' if shape.kind == 'boolean' else 'a list of values'}",
                               hint=f"use {'true or false' if shape.kind == 'boolean' else '[A, B]'}")
    return Expectation(written=written, shape=shape, stated=stated, direction=None, qualifier=qualifier,
                       meaning=f"{summary}: {interval.describe(lambda x: format_edge(x, shape))}",
                       interval=interval, summary=summary,
                       percentish=shape.kind in PERCENTISH or shape.unit == "percent")


# --- judging -----------------------------------------------------------------------------------

def _judge(e: Expectation, value: object) -> Judgement:
    """Compare a computed value with the expectation; the message always says by how much."""
    if e.boolean is not None:
        return _judge_boolean(e, value)
    if e.values is not None:
        return _judge_values(e, value)
    if isinstance(value, bool) or not isinstance(value, (int, float, Fraction, Decimal)):
        raise TypeError(f"expected a number to judge against {e.written!r}, got {value!r}")
    x, interval = to_fraction(value), e.interval
    assert interval is not None
    said = e.summary if e.qualifier in ("within", "between") else e.written
    shown = _shown(e, x)
    zero = Fraction(1 if e.shape.kind == "change_ratio" else 0)
    if e.direction and not (x > zero if e.direction == "up" else x < zero):
        return Judgement(False, "wrong_direction", f"stated {said}, computed {shown}")
    if interval.contains(x):
        return Judgement(True, None, f"{e.summary} as stated (computed {shown})")
    crossed = e.crossed_side == "any" or (
        e.crossed_side == "high" and interval.high is not None and x >= interval.high) or (
        e.crossed_side == "low" and interval.low is not None and x <= interval.low)
    if crossed:
        edge = interval.high if interval.high is not None and x >= interval.high else interval.low
        assert edge is not None
        return Judgement(False, "qualifier_crossed", f"said {said}, computed {shown}: "
                                                     f"{_past_edge(e, x, edge)}")
    return Judgement(False, "out_of_tolerance", f"stated {said}, computed {shown}: {_off_by(e, x)}")


def _judge_boolean(e: Expectation, value: object) -> Judgement:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false to judge against {e.written!r}, got {value!r}")
    got = "true" if value else "false"
    if value == e.boolean:
        return Judgement(True, None, f"{got} as stated")
    return Judgement(False, "wrong_rank", f"stated {e.written}, computed {got}")


def _judge_values(e: Expectation, value: object) -> Judgement:
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise TypeError(f"expected a list of values to judge against {e.written!r}, got {value!r}")
    got = tuple(str(v) for v in value)
    shown = "[" + ", ".join(got) + "]"
    want, have = [_key(v) for v in e.values or ()], [_key(v) for v in got]
    same = sorted(want) == sorted(have) if e.any_order else want == have
    if same:
        return Judgement(True, None, f"{e.summary} as stated (computed {shown})")
    missing = [v for v in e.values or () if _key(v) not in have]
    extra = [v for v in got if _key(v) not in want]
    if not missing and not extra:
        why = "same values, different order"
    else:
        why = "; ".join(part for part in (
            f"missing {', '.join(missing)}" if missing else "",
            f"not stated {', '.join(extra)}" if extra else "") if part)
    return Judgement(False, "wrong_values", f"stated {e.written}, computed {shown}: {why}")


def _key(name: str) -> str:
    """Values compare case-insensitively, ignoring extra spaces: 'Facebook ' == 'facebook'."""
    return " ".join(name.split()).casefold()


def _shown(e: Expectation, x: Fraction) -> str:
    """The computed value for people, with enough digits to be on the right side of every edge."""
    text = format_value(x, e.shape)
    for places in range(1, 10):
        if _reads_like(e, text) == e.interval.contains(x):  # type: ignore[union-attr]
            break
        text = format_value(x, e.shape, places + (2 if e.shape.kind == "change_ratio" else 0))
    if not e.direction:
        return text
    zero = Fraction(1 if e.shape.kind == "change_ratio" else 0)
    if e.shape.kind == "change_ratio":
        return text
    if x == zero:
        return f"no change ({text.lstrip('+')})"
    return ("up " if x > zero else "down ") + text.lstrip("+-")


def _reads_like(e: Expectation, text: str) -> bool:
    """Whether the number as displayed would itself pass (so a rounded display cannot mislead)."""
    m = re.search(r"[+-]?[\d,]*\.?\d+", text)
    if not m:
        return True
    shown = parse_decimal(m[0].replace(",", ""))[0]
    if e.shape.unit == "fraction" and ("%" in text or "point" in text):
        shown /= 100
    return e.interval.contains(shown)  # type: ignore[union-attr]


def _amount(e: Expectation, d: Fraction, ref: Fraction | None) -> str:
    """A positive difference for people: '10.8 points', '5 (3.0%)', '0.15'."""
    if e.percentish:
        return format_value(d, MeasureShape("change_points", e.shape.unit)).lstrip("+")
    places = 2 if e.shape.kind == "change_ratio" else None
    text = format_value(d, MeasureShape("number"), places)
    if ref and e.shape.kind != "change_ratio":
        text += f" ({decimal_text(d / abs(ref) * 100, 1)}%)"
    return text


def _off_by(e: Expectation, x: Fraction) -> str:
    """'10.8 points low', '5 low (3.0%)', '4.1 points more' (for a stated rise or fall)."""
    interval = e.interval
    assert interval is not None
    ref = e.stated
    if ref is None:  # between: measure from the nearest edge
        above = interval.high is not None and x > interval.high
        edge = interval.high if above else interval.low
        assert edge is not None
        return f"{_amount(e, abs(x - edge), None)} {'above' if above else 'below'} " \
               f"{format_edge(edge, e.shape)}"
    if e.direction:
        zero = Fraction(1 if e.shape.kind == "change_ratio" else 0)
        word = "more" if abs(x - zero) > abs(ref - zero) else "less"
    else:
        word = "high" if x > ref else "low"
    amount = _amount(e, abs(x - ref), ref)
    if " (" in amount:
        number, rest = amount.split(" (", 1)
        return f"{number} {word} ({rest}"
    return f"{amount} {word}"


def _past_edge(e: Expectation, x: Fraction, edge: Fraction) -> str:
    """'0.4 points below 50%', or 'exactly 50%, not above it'."""
    edge_text = format_edge(edge, e.shape)
    if x == edge:
        return f"exactly {edge_text}, not {'above' if e.interval and e.interval.low == edge else 'below'} it"
    return f"{_amount(e, abs(x - edge), None)} {'above' if x > edge else 'below'} {edge_text}"
