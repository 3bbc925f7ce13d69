"""Judging a computed value against an :class:`Expectation`, with a message that says by how much.

An :class:`Expectation` is an ``expect:`` as understood (read from its wording by
:mod:`factcheck.expectations.wording`, :mod:`factcheck.expectations.composing` and :mod:`factcheck.expectations.explicit`);
:func:`judge_value` compares a value with it and returns a :class:`Judgement`.
Import these from :mod:`factcheck.expectations`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
from typing import Literal, Sequence

from ..formatting import with_sign
from ..money import currency_sign
from .interval import Interval
from .numbers import decimal_text, format_edge, format_value, money_edge, money_text, signed, to_fraction
from .shape import MeasureShape

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
    reported in points, ``from_edge`` whether a miss is measured from the band's nearest edge
    (a wording with a band of its own: "nearly one in five") rather than from the figure.

    >>> from factcheck.expectations import parse_expectation
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
    from_edge: bool = False
    time_unit: str | None = None  # the time unit the figure is stated in ('four hours': 'hour')
    any_size: bool = False  # a direction alone ('rose', 'fell'): a change of that sign, of any size
    currency: str = ""  # the sign of the money a mapping ({value: 8000, within: 500}) states, from the claim's says
    every_group: bool = False  # 'all' of a count of groups (wins): read against the groups once counted

    def judge(self, value: Fraction | bool | Sequence[str]) -> Judgement:
        """Judge a computed value (a Fraction, a bool for extreme, a list of names for top)."""
        return judge_value(self, value)


EVERY = ("all", "every", "every one", "all of them")
"""How ``expect:`` says every group of a ``wins`` ("won every precinct in Ward 3")."""


def read_every_group(raw: object, shape: MeasureShape) -> Expectation | None:
    """``all`` of a count of groups: unread until the groups are counted (:func:`~factcheck.expectations.of_groups`)."""
    if not shape.of_groups or not isinstance(raw, str) or " ".join(raw.lower().split()) not in EVERY:
        return None
    return Expectation(written=raw.strip(), shape=shape, meaning="all: as many as the groups counted",
                       interval=Interval(None, None, False, False), stated=None, direction=None, qualifier=None,
                       summary="all", every_group=True)


def judge_value(e: Expectation, value: object) -> Judgement:
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
    if _percentages_read_as_fractions(e, x):
        return Judgement(False, "out_of_tolerance", (
            f"stated {said}, computed {shown}: above 100%, which a share cannot be; the "
            f"column {e.shape.of_values} seems to hold percentages ({shown} for {shown}%): say so with "
            "unit: percent in the measure"))
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
    return Judgement(False, "out_of_tolerance",
                     f"stated {said}, computed {shown}: {_off_by(e, x)}{_scaled(e, x) or _rounded_coarser(e, x)}")


def _percentages_read_as_fractions(e: Expectation, x: Fraction) -> bool:
    """A share stated (a percentage, a fraction, "a majority") of a column's values (a value, a
    mean, a median …) that computes above 1, and at most 100: the column holds percentages (31.0 for 31%) and the
    measure does not say so (``unit: percent``). Read as fractions, 31 was "a majority", "more than
    half" and "more than 40%" alike, and passed. Only where the whole stated range lies within 0 to
    100%: a figure stated above it ("120% of the budget") may be a ratio above 1."""
    interval = e.interval
    return (e.percentish and e.shape.kind == "number" and e.shape.unit == "fraction" and bool(e.shape.of_values)
            and not e.shape.years and not e.direction and 1 < x <= 100 and interval is not None
            and all(b is None or 0 <= b <= 1 for b in (interval.low, interval.high)))


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


def edge_safe(e: Expectation, x: Fraction) -> str:
    """``x`` for people, with enough digits to be on the right side of every edge of ``e``: 9.45%
    failing "about 10%" (9.5% to 10.5%) is 9.45%, never the 9.5% it rounds to. An amount stated
    in money (``$25,400``) is shown with its sign and as money is written, whole or with its cents, as
    the report shows a record's money: $25,413.45, $2,833.50 (never $2,833.5)."""
    sign = money_sign(e)
    return with_sign(_edge_safe(e, x, bool(sign)), sign)


def _edge_safe(e: Expectation, x: Fraction, money: bool = False) -> str:
    def shown(places: int | None) -> str:
        if not money:
            return format_value(x, e.shape, places)
        text = money_text(x, places)  # a change in money keeps its sign, as a change in people does: +$5,284
        return signed(text, x) if e.shape.kind == "change_absolute" else text

    text = plain = shown(None)
    if e.interval is None:
        return text
    for places in range(1, 10):
        if _honest(e, text, x):
            return text
        text = shown(places + (2 if e.shape.kind == "change_ratio" else 0))
    return text if _honest(e, text, x) else plain  # x is the edge (2/3): no digits tell it from the edge,
    # and the message says "exactly"


def _honest(e: Expectation, text: str, x: Fraction) -> bool:
    """Does ``text`` show ``x`` on its side of every edge, and not as an edge it is not ("more than
    9.5%, computed 9.5%" for 9.495%)?"""
    assert e.interval is not None
    if _reads_like(e, text) != e.interval.contains(x):
        return False
    shown = _shown_value(e, text)
    return shown is None or not any(edge is not None and shown == edge != x
                                    for edge in (e.interval.low, e.interval.high))


def judged_value(e: Expectation, x: Fraction) -> str:
    """The computed value as a verdict shows it: 'up 0.2%', 'down 25%', '0.50×', '48.2%'."""
    return _shown(e, x)


def _shown(e: Expectation, x: Fraction) -> str:
    """The computed value for people, with enough digits to be on the right side of every edge."""
    text = edge_safe(e, x)
    if not e.direction:
        return text
    zero = Fraction(1 if e.shape.kind == "change_ratio" else 0)
    if e.shape.kind == "change_ratio":
        return text
    if e.shape.gap:  # two figures side by side: the first is higher or lower, nothing went up
        return f"level ({text.lstrip('+')})" if x == zero else \
            text.lstrip("+-") + (" higher" if x > zero else " lower")
    if x == zero:
        return f"no change ({text.lstrip('+')})"
    return ("up " if x > zero else "down ") + text.lstrip("+-")


def _reads_like(e: Expectation, text: str) -> bool:
    """Whether the number as displayed would itself pass (so a rounded display cannot mislead)."""
    shown = _shown_value(e, text)
    return True if shown is None else e.interval.contains(shown)  # type: ignore[union-attr]


def _shown_value(e: Expectation, text: str) -> Fraction | None:
    """The number a display says, on the measure's scale (9.5% is 0.095 of a share)."""
    m = re.search(r"[+-]?[\d,]*\.?\d+", text)
    if not m:
        return None
    shown = Fraction(Decimal(m[0].replace(",", "")))  # our own display: any length (a 300-digit sum)
    if e.shape.unit == "fraction" and ("%" in text or "point" in text):
        shown /= 100
    return shown


def money_sign(e: Expectation) -> str:
    """The currency sign of a figure stated as an amount of money (``$25,400``, ``about £2.5bn``,
    ``3 million dollars``) of a column's values (a sum, a mean, a median) or of a change in them
    (``rose $500``, ``$1,200 more``: a ``change`` or ``compare`` ``as: absolute``) or of a ratio of an amount
    over something else (``$246,914 per officer``), or by a figure
    without a currency (a mapping, ``1500``) of a claim whose ``says`` writes its figures in one
    currency (``currency``); '' for anything else."""
    if e.shape.kind not in ("number", "change_absolute") or e.shape.unit != "fraction" \
            or not (e.shape.of_values or e.shape.per_amount) or e.shape.years or e.percentish or e.time_unit:
        return ""
    return currency_sign(e.written) or e.currency


def in_money(e: Expectation) -> Expectation:
    """``e`` with the interval of its meaning in money when its figure is an amount ("about $2,900:
    $2,755 ≤ x ≤ $3,045", was "2,755 ≤ x ≤ 3,045"); as it is otherwise. The interval itself is unchanged."""
    sign, interval = money_sign(e), e.interval
    if not sign or interval is None:
        return e
    plain = interval.describe(lambda x: format_edge(x, e.shape))  # as every reader of a wording writes it
    if plain not in e.meaning:
        return e
    money = interval.describe(lambda x: with_sign(money_edge(x), sign))
    head, _, tail = e.meaning.rpartition(plain)
    return replace(e, meaning=head + money + tail)


def with_currency(e: Expectation, sign: str) -> Expectation:
    """``e``, a figure written without a currency (``1500``, ``{value: 8000, within: 500}``), read as an
    amount in ``sign``, the currency of the claim's ``says``: shown as money, its meaning too."""
    return in_money(replace(e, currency=sign))


def _amount(e: Expectation, d: Fraction, ref: Fraction | None) -> str:
    """A positive difference for people: '10.8 points', '5 (3.0%)', '0.15', '$13.45 (0.1%)', '1 (<0.1%)'."""
    if e.percentish:
        return format_value(d, MeasureShape("change_points", e.shape.unit)).lstrip("+")
    places = 2 if e.shape.kind == "change_ratio" else None
    sign = money_sign(e)
    text = with_sign(money_text(d) if sign else format_value(d, MeasureShape("number"), places), sign)
    if ref and e.shape.kind != "change_ratio":
        text += f" ({relative_text(d / abs(ref))})"
    return text


def _edge_text(e: Expectation, edge: Fraction) -> str:
    """An edge of the stated range in a message: in money with its sign and cents ("below $2,832.50")
    when the figure is an amount, else on the measure's scale ("below 50%")."""
    sign = money_sign(e)
    return with_sign(money_edge(edge), sign) if sign else format_edge(edge, e.shape)


def relative_text(r: Fraction) -> str:
    """A relative difference (``r`` of the stated figure, above zero) to one decimal of a percent, as
    the reports give every such share: '3.0%'. One too small to show there is '<0.1%', never '0.0%',
    which reads as no difference beside a figure that failed for one.

    >>> relative_text(Fraction(1, 5076)), relative_text(Fraction(1, 1000)), relative_text(Fraction(1, 12))
    ('<0.1%', '0.1%', '8.3%')
    """
    text = decimal_text(r * 100, 1)
    return "<0.1%" if text == "0.0" and r > 0 else f"{text}%"


def _off_by(e: Expectation, x: Fraction) -> str:
    """'10.8 points low', '5 low (3.0%)', '4.1 points more' (for a stated rise or fall)."""
    interval = e.interval
    assert interval is not None
    ref = e.stated
    if e.from_edge and ref is not None:
        return _short_of_band(e, x)
    if ref is None:  # between: measure from the nearest edge
        above = interval.high is not None and x > interval.high
        edge = interval.high if above else interval.low
        assert edge is not None
        return f"{_amount(e, abs(x - edge), None)} {'above' if above else 'below'} {_edge_text(e, edge)}"
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


SCALES_SAID = ((1000, "thousands for millions, or millions for billions?"),
               (100, "cents for dollars, or a percentage for a fraction?"),
               (1_000_000, "units for millions?"))
"""Factors a figure is off by when a unit was mistaken, each with the likely mistake."""


def _scaled(e: Expectation, x: Fraction) -> str:
    """'; the computed figure is 1,000 times the stated one: …': a miss by a factor a unit explains
    ("$603,995,408 low" for a figure stated in thousands as millions says why)."""
    ref = e.stated
    if (ref is None or ref == 0 or x == 0 or e.direction or e.shape.kind != "number" or not e.shape.of_values
            or e.shape.years):  # a year is no amount in a unit
        return ""  # a count of rows is no amount in a unit: 1,000 rows for 10 is no cents-for-dollars slip
    if x == -ref and x < 0:
        return ("; the computed figure is the stated one with the other sign: the data records it as "
                f"negative (a refund, a loss); measure its opposite (-{e.shape.of_values}) if the story gives "
                "its size")
    ratio = abs(x / ref)
    for factor, mistake in SCALES_SAID:
        for k, bigger in ((Fraction(factor), "times the stated one"), (Fraction(1, factor), "")):
            if abs(ratio / k - 1) <= Fraction(1, 50):
                said = f"{factor:,} times the stated one" if bigger else f"1/{factor:,} of the stated one"
                return f"; the computed figure is about {said}: {mistake}"
    return ""


_PLACES = {10: "ten", 100: "hundred", 1000: "thousand", 10**4: "ten thousand", 10**5: "hundred thousand",
           10**6: "million", 10**7: "ten million", 10**8: "hundred million", 10**9: "billion"}
_MONEY_UNIT = {"$": "dollar", "€": "euro", "£": "pound", "¥": "yen", "₹": "rupee"}


def _rounded_coarser(e: Expectation, x: Fraction) -> str:
    """'; $25,400 is read to the dollar …': a plain figure ending in zeros is read at the precision
    written (trailing zeros count as stated), so "$25,400" fails 25,413.45; when the value rounds to
    the figure at the place of its last non-zero digit, say how it was read and how a claim rounded
    there is written: the explicit ``{value: …, within: …}`` (half that place either way)."""
    iv, ref = e.interval, e.stated
    if (e.qualifier is not None or e.direction or ref is None or ref == 0 or iv is None or iv.low is None
            or iv.high is None or e.shape.kind != "number" or e.shape.years or e.percentish or e.time_unit):
        return ""
    step = iv.high - iv.low  # the precision written: 1 for 25,400, 1/100 for 2.50
    if not step or iv.low != ref - step / 2 or step.numerator != 1 and step.denominator != 1:
        return ""  # exact (all of the groups), or not read as "rounds to" a figure of whole digits
    coarse = step
    while (ref / (coarse * 10)).denominator == 1 and coarse * 10 <= 10**9:
        coarse *= 10
    if coarse == step or abs(x - ref) >= coarse / 2:
        return ""  # no trailing zero, or the value does not round to the figure there either
    sign = money_sign(e)
    read = _place(step, sign, exact=True)
    return (f"; {e.written} is read to {read}, as written (trailing zeros count as stated); if the story "
            f"rounds to {_place(coarse, sign, exact=False)}, write expect: "
            f"{{value: {_plain(ref)}, within: {_plain(coarse / 2)}}}")


def _place(step: Fraction, sign: str, *, exact: bool) -> str:
    """'the dollar', 'the nearest hundred', '2 decimals': where a figure is rounded."""
    if step < 1:
        places = len(str(step.denominator)) - 1
        return f"{places} decimal{'s' if places != 1 else ''}"
    if step == 1:
        return f"the {_MONEY_UNIT.get(sign[-1:], 'dollar')}" if sign else "the unit"
    return f"the nearest {_PLACES.get(int(step), f'{int(step):,}')}"


def _plain(x: Fraction) -> str:
    """A figure YAML reads as the number it is, in a one-line mapping: 25400, 0.05 (no comma, no sign)."""
    return str(x.numerator) if x.denominator == 1 else format(Decimal(x.numerator) / Decimal(x.denominator), "f")


def _short_of_band(e: Expectation, x: Fraction) -> str:
    """'0.02 points short of 18%', '3 points beyond a fall of 60%': from the band's nearest edge."""
    interval = e.interval
    assert interval is not None
    above = interval.high is not None and x > interval.high
    edge = interval.high if above else interval.low
    assert edge is not None
    amount = _amount(e, abs(x - edge), None)
    if not e.direction:
        return f"{amount} {'over' if above else 'short of'} {_edge_text(e, edge)}"
    zero = Fraction(1 if e.shape.kind == "change_ratio" else 0)
    beyond = abs(x - zero) > abs(edge - zero)
    if e.shape.kind == "change_ratio":
        return f"{amount} {'beyond' if beyond else 'short of'} {format_edge(edge, e.shape)}"
    size = _edge_text(e, abs(edge))
    if e.shape.gap:
        return f"{amount} {'beyond' if beyond else 'short of'} {size} {'higher' if e.direction == 'up' else 'lower'}"
    return f"{amount} {'beyond' if beyond else 'short of'} a {'rise' if e.direction == 'up' else 'fall'} of {size}"


def _past_edge(e: Expectation, x: Fraction, edge: Fraction) -> str:
    """'0.4 points below 50%', or 'exactly 50%, not above it'."""
    edge_text = _edge_text(e, edge)
    if x == edge:
        return f"exactly {edge_text}, not {'above' if e.interval and e.interval.low == edge else 'below'} it"
    return f"{_amount(e, abs(x - edge), None)} {'above' if x > edge else 'below'} {edge_text}"
