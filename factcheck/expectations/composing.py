"""Reading a wording into an :class:`~factcheck.expectations.Expectation`.

Direction × qualifier × figure (as read by :mod:`factcheck.expectations.wording`) → an exact interval on
the measure's own scale, with the short summary used in messages.

>>> read_text("nearly half", MeasureShape("share"), words.DEFAULT).meaning
'nearly half: 47.5% ≤ x < 50%'
"""

from __future__ import annotations

import re
from dataclasses import replace
from fractions import Fraction
from typing import Literal

from . import durations
from . import vocabulary as words
from .errors import ExpectationError
from .interval import Interval
from .judging import Direction, Expectation
from .numbers import decimal_text, format_edge
from .shape import PERCENTISH, MeasureShape
from .vocabulary import Vocabulary
from .wording import (
    OR_SUFFIXES,
    Figure,
    apply_qualifier,
    normalize,
    read_figure,
    split_direction,
    split_margin,
    split_qualifier,
    unreadable,
    words_to_digits,
)


def _sized(size: str, direction: Direction | None, shape: MeasureShape) -> str:
    """A size with its direction, as a hint proposes it: 'up 5%' of a change, '5% higher' of a compare's gap."""
    if shape.gap:
        return f"{size} {'lower' if direction == 'down' else 'higher'}"
    return f"{direction or 'up'} {size}"


def _units_error(said: str, measured: str, example: str, gap: bool = False) -> ExpectationError:
    what = "gap" if gap else "change"
    return ExpectationError(
        f"expect: '{said}' is in {'points' if measured == 'percent' else 'percent'}, but this {what} is "
        f"measured as: {measured}",
        hint=f"this {what} is measured as: {measured}; say '{example}', or set as: "
             f"{'points' if measured == 'percent' else 'percent'}")


def _affine(figure: Figure, direction: Direction | None, shape: MeasureShape,
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
            raise _units_error(written, "percent", _sized(n + "%", direction, shape), shape.gap)
        raise ExpectationError(f"expect: '{written}' is a change in percentage points, but this measure "
                               f"is a {kind.replace('_', ' ')}",
                               hint="state the level (e.g. '59%'), or measure the change with as: points")
    if unit in ("percent", "fraction"):
        if kind in ("number", "share", "change_percent"):
            return s * c, Fraction(0)
        if kind == "change_ratio":
            # 'a third more' is a ratio of 4/3, 'a third fewer' 2/3; a bare 'half' is the ratio 1/2
            return (s, Fraction(1)) if direction or unit == "percent" else (Fraction(1), Fraction(0))
        if kind == "change_points" and unit == "percent":
            raise _units_error(written, "points", _sized(f"{n} points", direction, shape), shape.gap)
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
        example = {"change_percent": _sized(f"{figure.text}%", direction, shape),
                   "change_points": _sized(f"{figure.text} points", direction, shape)}.get(kind, "doubled")
        raise ExpectationError(f"expect: '{written}' has no unit, but this {'gap' if shape.gap else 'change'} is "
                               "measured as a "
                               f"{kind.replace('change_', '')}", hint=f"say '{example}'")
    if kind == "share" and shape.unit == "fraction" and figure.value > 1:
        hint = (f"write it as a percentage: '{figure.text}%'" if re.fullmatch(r"[\d,]+(?:\.\d+)?", figure.text)
                else "a share is written as a percentage or a fraction (e.g. '59%', 'a third'); "
                     "for an amount, measure a number (count:, sum:)")  # not 'half a million%'
        raise ExpectationError(f"expect: '{written}' is more than 1, but this measure is a share", hint=hint)
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
    figure = Figure(threshold, Interval(threshold, threshold, True, True), "fraction", s)
    return _compose(s, s, figure, None, "over" if side == "above" else "under", shape, vocab,
                    qualifier_name=name.replace("_", " ").replace("half", "majority" if side == "above" else "minority"))


# "Convictions were unchanged", "flat on 2019": no change, at the precision a change is read at when
# written as a whole figure (0%, 0 points, 0), and a ratio of 1 to the same half a percent
UNCHANGED = frozenset({"unchanged", "no change", "flat", "steady", "held steady", "stable", "the same",
                       "stayed the same", "remained the same", "did not change", "was unchanged",
                       "were unchanged", "remained unchanged", "stayed flat", "remained flat", "held flat"})
_ZERO = {"change_percent": "0%", "change_points": "0 points", "change_absolute": "0", "change_ratio": "1.00x"}


def _unchanged(written: str, s: str, shape: MeasureShape, vocab: Vocabulary) -> Expectation | None:
    """'unchanged', 'no change', 'flat': the change read as a zero figure ('0%', '0 points', '0', '1.00x')."""
    if s not in UNCHANGED:
        return None
    zero = _ZERO.get(shape.kind)
    if zero is None:
        raise ExpectationError(f"expect: '{written.strip()}' speaks of a change, but this measure is a "
                               f"{shape.kind.replace('_', ' ')}",
                               hint="measure a change (change: ..., over: ..., from: ..., to: ...)")
    e = read_text(zero, shape, vocab)
    meaning = e.meaning.replace(f"rounds to {zero}", f"unchanged: rounds to {zero}", 1)
    return replace(e, written=written.strip(), meaning=meaning, summary=f"unchanged (rounds to {zero})")


_ANY_SIZE_UNIT: dict[str, Literal["percent", "points"]] = {"change_percent": "percent", "change_ratio": "percent",
                                                             "change_points": "points"}
_ARTICLE_NOUN = re.compile(r"an? (\w+)")


def _any_size(written: str, s: str, shape: MeasureShape, vocab: Vocabulary) -> Expectation | None:
    """'rose', 'fell', 'went up', 'higher', 'a drop': a change of that direction and of any size, as
    'up more than 0%' (or 0 points, 0, a ratio above 1) says it; a change of the other sign, or none,
    is ``wrong_direction``. A change too small to round to anything but no change still passes (it is
    a rise), and the verdict notes it (:mod:`factcheck.verdicts`, ``fragile``)."""
    noun = _ARTICLE_NOUN.fullmatch(s)
    word = noun[1] if noun and noun[1] in words.CHANGE_NOUNS else s
    direction: Direction | None = words.BARE_DIRECTIONS.get(word)
    if direction is None:
        return None
    zero = Figure(Fraction(0), Interval(Fraction(0), Fraction(0), True, True), _ANY_SIZE_UNIT.get(shape.kind, "plain"),
                  "0")
    e = _compose(written, s, zero, direction, "more than", shape, vocab)
    assert e.interval is not None
    said = (f"{'higher' if direction == 'up' else 'lower'} by any amount" if shape.gap else
            f"a {'rise' if direction == 'up' else 'fall'} of any size")
    return replace(e, meaning=f"{said}: {e.interval.describe(lambda x: format_edge(x, shape))}", summary=said,
                   qualifier=None, crossed_side=None, from_edge=False, any_size=True)


def read_text(written: str, shape: MeasureShape, vocab: Vocabulary) -> Expectation:
    """``written`` as an expectation of a measure of ``shape``. A count in words that is read nowhere
    else (``nine``, ``more than five``: style books spell out the numbers under ten) is read as its
    digits, and the meaning says so; a wording that does not read either way is refused as written."""
    try:
        return _read_text(written, shape, vocab)
    except ExpectationError as as_written:
        digits = words_to_digits(written, shape)
        if digits is None:
            raise
        try:
            e = _read_text(digits, shape, vocab)
        except ExpectationError:
            raise as_written from None
    return replace(e, written=written.strip(), meaning=f"{e.meaning} ('{written.strip()}' read as {digits})")


def _read_text(written: str, shape: MeasureShape, vocab: Vocabulary) -> Expectation:
    s = normalize(written)
    if not s:
        raise unreadable(written, shape, ": it is empty")
    unchanged = _unchanged(written, s, shape, vocab)
    if unchanged:
        return unchanged
    majority = _majority(s, shape, vocab)
    if majority:
        return majority
    any_size = _any_size(written, s, shape, vocab)
    if any_size:
        return any_size
    direction, rest = split_direction(s)
    margin = split_margin(s)
    if margin is not None and (shape.gap or direction is None):
        _a_margin_is_a_gap(written, shape)
        direction, rest = margin
    qualifier, rest = split_qualifier(rest)
    if direction is None and qualifier is not None:
        direction, rest = split_direction(rest)
    figure = read_figure(rest, written, shape, vocab)
    if direction is None and qualifier is None:
        plain = _plain_on_a_share_scale(written, figure, shape, vocab)
        if plain is not None:
            return plain
        figure = _to_whole_percents(figure, shape)
    stated_in = figure.time_unit
    figure, converted = _in_measure_unit(figure, shape, written)
    e = _compose(written, s, figure, direction, qualifier, shape, vocab)
    return replace(e, meaning=f"{e.meaning} ({converted})" if converted else e.meaning, time_unit=stated_in)


def _a_margin_is_a_gap(written: str, shape: MeasureShape) -> None:
    """A margin ('leads by 6 points', 'a 6-point lead') is the gap between two figures, with the side the
    first is on: read on a ``compare``, and refused on any other measure, which holds no such gap."""
    if shape.gap:
        return
    raise ExpectationError(
        f"expect: '{written.strip()}' states a margin, the gap between two figures, but this measure is "
        + (f"a change over time (as: {shape.kind.removeprefix('change_')})" if shape.kind.startswith("change_")
           else f"a single {shape.kind}"),
        hint="measure the gap with compare: (the one said to lead), with: (the other), as: points (or absolute); "
             "or state the figure this measure gives, as the article does")


def _plain_on_a_share_scale(written: str, figure: Figure, shape: MeasureShape, vocab: Vocabulary) -> Expectation | None:
    """A bare ``0`` or ``1`` where the measure's own scale runs from 0 to 1 (a share, a change in
    percent or points). Read as a whole number it would round: ``0`` would take anything from −50%
    to 50%, and "No patient waited more than four hours" passed at 27%. On a share ``0`` is none and
    ``1`` is all, exactly; on a change ``0`` is no change, read as ``unchanged`` is (0%, 0 points)."""
    if figure.unit != "plain" or figure.sign or figure.text not in ("0", "1") or shape.unit != "fraction":
        return None
    if shape.kind == "share":
        exact = replace(figure, band=Interval(figure.value, figure.value, True, True), rounded=False)
        e = _compose(written, written.strip(), exact, None, None, shape, vocab)
        said = "none" if figure.value == 0 else "all"
        return replace(e, meaning=f"{figure.text} ({said}): x = {format_edge(figure.value, shape)}",
                       summary=f"exactly {format_edge(figure.value, shape)} ({said})")
    if shape.kind in ("change_percent", "change_points") and figure.value == 0:
        e = read_text(_ZERO[shape.kind], shape, vocab)
        return replace(e, written=written.strip(), meaning=e.meaning.replace("rounds to", "no change: rounds to", 1))
    return None


def _to_whole_percents(figure: Figure, shape: MeasureShape) -> Figure:
    """A plain decimal on a share's own scale is read to whole percents at least: ``0.3`` is 30%,
    29.5% ≤ x < 30.5%, as ``0.59`` is 59% (read as one decimal, 0.3 took anything from 25% to 35%)."""
    if figure.unit != "plain" or shape.kind != "share" or shape.unit != "fraction" or not figure.rounded:
        return figure
    half = Fraction(1, 200)
    if figure.band.high is None or figure.band.high - figure.value <= half:
        return figure
    return replace(figure, band=Interval(figure.value - half, figure.value + half, True, False))


def _in_measure_unit(figure: Figure, shape: MeasureShape, written: str) -> tuple[Figure, str]:
    """A duration ('four hours') in the unit the measure's values are in (minutes: 240), with the
    sentence that says so; as it is when either unit is unknown or the two are the same."""
    given, wanted = figure.time_unit, shape.time_unit
    if given is None or wanted is None or given == wanted:
        return figure, ""
    k = durations.factor(given, wanted)
    if k is None:
        raise ExpectationError(
            f"expect: '{written.strip()}' is in {durations.PLURAL[given]}, but the measure's values are in "
            f"{durations.PLURAL[wanted]} ({shape.time_from}), and {durations.PLURAL[given]} are no fixed number "
            f"of {durations.PLURAL[wanted]}",
            hint=f"state the figure in {durations.PLURAL[wanted]}, as the data has it, and keep the article's "
                 "words in says")
    scaled = replace(figure, value=figure.value * k, band=figure.band.map(k, Fraction(0)), time_unit=wanted)
    return scaled, (f"{durations.in_unit(figure.value, given)} = {durations.in_unit(scaled.value, wanted)}, "
                    f"{shape.time_from}")


_SWAP = {"above": "below", "below": "above"}


def _signed_direction(figure: Figure, direction: Direction | None, shape: MeasureShape,
                      written: str) -> Direction | None:
    """Reconcile a written sign ('+11%', '-8%') or a multiple word with a direction word."""
    implied: Direction | None = figure.direction
    if figure.sign and shape.kind.startswith("change_"):
        implied = "up" if figure.sign > 0 else "down"
    if direction and implied and direction != implied:
        if figure.unit == "ratio" and direction == "down":  # 'fell tenfold', 'down threefold'
            fall = decimal_text((1 - 1 / figure.value) * 100, 0)
            raise ExpectationError(
                f"expect: '{written.strip()}' says a fall, but a multiple ({figure.text}) is a rise",
                hint=f"if the article means it fell to 1/{decimal_text(figure.value, 2).rstrip('0').rstrip('.')} "
                     f"of what it was, write 'down {fall}%' (or 'down about {fall}%'), and keep the article's "
                     "words in says")
        raise ExpectationError(f"expect: '{written}' says both {direction} and {implied}",
                               hint="keep one: e.g. 'down 8%' or '-8%'")
    return direction or implied


def _compose(written: str, s: str, figure: Figure, direction: Direction | None,
             qualifier: str | None, shape: MeasureShape, vocab: Vocabulary,
             qualifier_name: str | None = None) -> Expectation:
    """Direction × qualifier × figure → the interval on the measure's scale."""
    if shape.kind in ("boolean", "values"):
        raise unreadable(written, shape, f": a {shape.kind} measure expects "
                          f"{'true or false' if shape.kind == 'boolean' else 'a list of values'}")
    direction = _signed_direction(figure, direction, shape, written)
    mirrored = figure.sign < 0 and not shape.kind.startswith("change_")
    band_kind = words.QUALIFIERS.get(qualifier or "", OR_SUFFIXES.get(qualifier or "", ("", True)))
    written_qualifier = qualifier
    if mirrored and band_kind[0] in _SWAP:
        swapped = {"above": "under", "below": "over"}[band_kind[0]]
        qualifier = swapped if not band_kind[1] else {"under": "at most", "over": "at least"}[swapped]
    band, side = apply_qualifier(figure, qualifier, vocab)
    a, b = _affine(figure, direction, shape, written)
    _needs_direction(written, figure, direction, qualifier, shape)
    a = -a if mirrored else a
    interval = band.map(a, b)
    zero = Fraction(1 if shape.kind == "change_ratio" else 0)
    if direction:
        interval = interval.intersect(Interval(zero, None, False, False) if direction == "up"
                                      else Interval(None, zero, False, False))
    if a < 0 and side in ("low", "high"):
        side = "low" if side == "high" else "high"
    summary = _summary(s, figure, direction, qualifier, mirrored, shape.gap)
    percentish = shape.kind in PERCENTISH or (shape.kind == "number" and (
        shape.unit == "percent" or figure.unit in ("percent", "fraction")))
    if qualifier_name is None and qualifier is None and figure.unit in ("ratio", "fall") \
            and not figure.rounded:
        qualifier_name = figure.text
    return Expectation(
        written=written.strip(), shape=shape, stated=a * figure.value + b, direction=direction,
        meaning=f"{summary}: {interval.describe(lambda x: format_edge(x, shape))}",
        interval=interval, qualifier=qualifier_name or written_qualifier,
        crossed_side=side, summary=summary, percentish=percentish, from_edge=summary == s)


_DIRECTED_KINDS = ("change_percent", "change_points", "change_absolute")


def _needs_direction(written: str, figure: Figure, direction: Direction | None, qualifier: str | None,
                     shape: MeasureShape) -> None:
    """A change stated as a bare size ('49%') is a problem: the article gives a direction."""
    if direction is not None or figure.unit in ("ratio", "fall") or figure.value == 0:
        return  # a zero change ('0', '0%') has no direction to give
    if shape.kind not in _DIRECTED_KINDS and not (shape.kind == "change_ratio" and figure.unit == "percent"):
        return
    band = words.QUALIFIERS.get(qualifier or "", OR_SUFFIXES.get(qualifier or "", ("exact", True)))[0]
    if band in ("above", "below", "well_over", "well_under"):
        return
    text = written.strip()
    if shape.gap:
        raise ExpectationError(f"expect: '{text}' gives a size but not which is higher, and this measure is "
                               "the gap between two figures (the first less the second)",
                               hint=f"say which way it goes, as the article does: '{text} higher' (the first "
                                    f"is ahead) or '{text} lower'")
    raise ExpectationError(f"expect: '{text}' gives a size but no direction, and this measure is a change",
                           hint=f"say which way it went, as the article does: 'up {text}' or 'down {text}'")


def _summary(s: str, figure: Figure, direction: Direction | None, qualifier: str | None,
             mirrored: bool, gap: bool = False) -> str:
    """'rounds to 59%', 'a rise rounding to 11%', 'rounds to 13 points higher' (of a gap between two
    figures), or the wording itself ('nearly half')."""
    plain = qualifier is None or words.QUALIFIERS.get(qualifier, ("",))[0] == "exact"
    if not (plain and figure.rounded):
        return s
    if direction and gap and figure.unit not in ("ratio", "fall"):
        return f"rounds to {figure.text} {'higher' if direction == 'up' else 'lower'}"
    if direction and figure.unit not in ("ratio", "fall"):
        return f"a {'rise' if direction == 'up' else 'fall'} rounding to {figure.text}"
    return f"rounds to {'-' if mirrored else ''}{figure.text}"
