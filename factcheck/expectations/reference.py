"""The documented table of wordings, computed by reading each example as factcheck reads it.

``docs/tolerance-words.md`` holds :func:`render_reference_markdown` verbatim, and a test
checks that it still does, so the documentation and the code cannot drift apart.
"""

from __future__ import annotations

from . import parse_expectation
from .shape import MeasureShape
from .vocabulary import Vocabulary

_N, _S = MeasureShape("number"), MeasureShape("share")
_CP, _PT = MeasureShape("change_percent"), MeasureShape("change_points")
_AB, _RA = MeasureShape("change_absolute"), MeasureShape("change_ratio")
_GAB, _GPT = MeasureShape("change_absolute", gap=True), MeasureShape("change_points", gap=True)  # a compare's gap
_EXAMPLES: list[tuple[str, object, MeasureShape]] = [
    ("whole number (a count)", "165", _N), ("thousands separators", "5,076", _N),
    ("decimal", "2.5", _N), ("decimal, trailing zero", "2.50", _N),
    ("percentage (share)", "59%", _S), ("percentage with a decimal", "59.0%", _S),
    ("a share as a fraction (whole percents at least)", "0.3", _S),
    ("none or all, on a share", "0", _S), ("none or all, on a share", "1", _S),
    ("none, of the groups a `wins` counts", "none", MeasureShape("number", of_groups=True)),
    ("percentage, spelled out", "59 per cent", _S),
    ("percentage of a column in percent (unit: percent)", "9.7%", MeasureShape("number", "percent")),
    ("an amount of money (the currency is read past)", "$3,324", _N),
    ("an amount of money (the currency is read past)", "£2.5bn", _N),
    ("an amount of money (the currency is read past)", "about $4,000", _N),
    ("a number in words (to the smallest scale it names)", "two million five hundred thousand", _N),
    ("a number in words (to the decimals after 'point')", "about one point two billion dollars", _N),
    ("a count in words (read as its digits)", "nine", _N),
    ("a count in words (read as its digits)", "more than five", _N),
    ("a part of a scale (a fraction's band)", "half a million", _N),
    ("a scale and a part (to the decimals of its digits)", "a million and a quarter", _N),
    ("a duration, on a measure of unknown unit", "45 days", _N),
    ("a duration, on a measure of unknown unit", "about 12 years", _N),
    ("a duration, converted into the measure's unit", "more than four hours",
     MeasureShape("number", time_unit="minute", time_from="the unit of wait_minutes")),
    ("a duration in two units (read to the smaller)", "2 hours 42 minutes",
     MeasureShape("number", time_unit="minute", time_from="the unit of wait_minutes")),
    ("a duration and a half", "an hour and a half",
     MeasureShape("number", time_unit="minute", time_from="the unit of wait_minutes")),
    ("a duration, its count in words", "thirteen years", _N),
    ("a part of a century (in years)", "a quarter-century", _N),
    ("a duration, short form (min, hrs, secs, yrs, wks)", "2.7 hrs",
     MeasureShape("number", time_unit="minute", time_from="the unit of wait_minutes")),
    ("longer / shorter (as: absolute)", "40 minutes longer",
     MeasureShape("change_absolute", time_unit="minute", time_from="the unit of wait_minutes")),
    ("rise (as: percent)", "up 11%", _CP), ("rise (as: percent)", "+11%", _CP),
    ("rise (as: percent)", "rose 11%", _CP), ("rise (as: percent)", "11% more", _CP),
    ("fall (as: percent)", "down 8%", _CP), ("fall (as: percent)", "-8%", _CP),
    ("fall (as: percent)", "fell 8%", _CP), ("fall (as: percent)", "51% fewer", _CP),
    ("rise in points (as: points)", "up 5 points", _PT), ("rise in points (as: points)", "+5pp", _PT),
    ("fall in points (as: points)", "down 3 percentage points", _PT),
    ("absolute change (as: absolute)", "up 17", _AB), ("absolute change (as: absolute)", "down 21", _AB),
    ("a direction alone: any size (as: percent)", "rose", _CP),
    ("a direction alone: any size (as: percent)", "fell", _CP),
    ("a direction alone: any size (as: points)", "went up", _PT),
    ("a direction alone: any size (as: absolute)", "declined", _AB),
    ("a direction alone: any size (as: ratio)", "grew", _RA),
    ("a comparative alone: any size (compare, as: absolute)", "lower", _GAB),
    ("ahead / behind (compare, as: points)", "6 points ahead", _GPT),
    ("ahead / behind (compare, as: points)", "nearly 6 points behind", _GPT),
    ("a margin (compare, as: points)", "leads by 6 points", _GPT),
    ("a margin (compare, as: points)", "won by 12 points", _GPT),
    ("a margin (compare, as: points)", "a margin of 6 points", _GPT),
    ("a margin (compare, as: points)", "a 6-point lead", _GPT),
    ("a margin (compare, as: points)", "trails by 3 points", _GPT),
    ("a margin (compare, as: absolute)", "won by about 1,200 votes", _GAB),
    ("a bare 0 on a change: no change", "0", _CP), ("a bare 0 on a change: no change", "0", _PT),
    ("ratio (as: ratio)", "2.5x", _RA),
    ("over / more than / above", "over one-third", _S), ("over / more than / above", "more than 33%", _S),
    ("over / more than / above", "more than 2,000", _N), ("at least", "at least 100", _N),
    ("under / less than / fewer than / below", "under 5%", _S),
    ("under / less than / fewer than / below", "fewer than 50", _N),
    ("at most / no more than / up to", "at most 10%", _S),
    ("majority", "a majority", _S), ("majority", "most", _S), ("majority", "more than half", _S),
    ("large majority", "a large majority", _S), ("vast majority", "the vast majority", _S),
    ("vast majority", "overwhelmingly", _S), ("minority", "a minority", _S),
    ("nearly / almost / just under", "nearly half", _S),
    ("nearly / almost / just under", "almost 60%", _S),
    ("just over", "just over 50%", _S),
    ("well over / well under (beyond the band of just over, nearly)", "well over half", _S),
    ("well over / well under (beyond the band of just over, nearly)", "well under 10%", _S),
    ("nearly all / almost all / virtually all", "nearly all", _S),
    ("a figure and plus", "7,000-plus", _N), ("a figure and plus", "40-plus years", _N),
    ("pc (percent, as British papers write it)", "about 40pc", _S),
    ("about / roughly / around / approximately / some", "about 60%", _S),
    ("about / roughly / around / approximately / some", "roughly 2,000", _N),
    ("only / just / exactly (no change to the band)", "only 5%", _S),
    ("cents of a dollar (a share)", "31 cents of every dollar", _S),
    ("fraction in words", "one in five", _S), ("fraction in words", "one in three", _S),
    ("fraction in words", "a third", _S), ("fraction in words", "two-thirds", _S),
    ("fraction in words", "half", _S), ("fraction in words", "a quarter", _S),
    ("fraction in words", "three in four", _S),
    ("a part of ten", "9 of 10", _S), ("a part of ten", "seven out of 10", _S),
    ("doubled (as: ratio)", "doubled", _RA), ("doubled (as: percent)", "doubled", _CP),
    ("nearly doubled (as: ratio)", "nearly doubled", _RA),
    ("more than doubled (as: ratio)", "more than doubled", _RA),
    ("tripled (as: ratio)", "tripled", _RA), ("halved (as: ratio)", "halved", _RA),
    ("halved (as: percent)", "halved", _CP),
    ("noun of change (as: percent)", "an 11% increase", _CP),
    ("noun of change (as: percent)", "a 51% decline", _CP),
    ("noun of change (as: percent)", "a 49% drop", _CP),
    ("noun of change (as: points)", "a 5 point rise", _PT),
    ("verb of motion (as: percent)", "soared 40%", _CP), ("verb of motion (as: percent)", "tumbled 20%", _CP),
    ("verb of motion (as: percent)", "edged up 2%", _CP), ("verb of motion (as: percent)", "edged down 1%", _CP),
    ("verb of motion, in another tense (as: percent)", "has risen 5%", _CP),
    ("verb of motion, in another tense (as: percent)", "rises 12%", _CP),
    ("verb of motion, in another tense (as: percent)", "has fallen by a third", _CP),
    ("verb in the passive (as: percent)", "was cut by 20%", _CP),
    ("verb in the passive (as: percent)", "has been slashed by a third", _CP),
    ("multiple in another tense or the passive (as: ratio)", "has nearly doubled", _RA),
    ("multiple in another tense or the passive (as: ratio)", "was cut in half", _RA),
    ("multiple in words (as: ratio)", "three times as many", _RA),
    ("multiple in words (as: percent)", "three times as many", _CP),
    ("multiple in words (as: ratio)", "twice as many", _RA),
    ("multiple in words (as: ratio)", "twice as long", _RA),
    ("multiple in digits (as: ratio)", "17 times as many", _RA),
    ("multiple with a bound (as: ratio)", "more than three times", _RA),
    ("fraction as a ratio (as: ratio)", "half as many", _RA),
    ("fraction fewer (as: percent)", "a third fewer", _CP), ("fraction fewer (as: ratio)", "a third fewer", _RA),
    ("close to a multiple (as: ratio)", "close to doubling", _RA),
    ("difference (as: absolute)", "12 more cases than", _AB), ("difference (as: absolute)", "8 fewer", _AB),
    ("unchanged / no change / flat (as: percent)", "unchanged", _CP),
    ("unchanged / no change / flat (as: points)", "no change", _PT),
    ("unchanged / no change / flat (as: absolute)", "flat", _AB),
    ("unchanged / no change / flat (as: ratio)", "unchanged", _RA),
    ("composed (as: percent)", "down about a third", _CP),
    ("composed (as: percent)", "up nearly 60%", _CP),
    ("explicit, absolute", {"value": 0.59, "within": 0.01}, _S),
    ("explicit, relative", {"value": 165, "within": "2%"}, _N),
    ("explicit, interval", {"between": ["10%", "20%"]}, _S),
]


def reference_table(vocabulary: Vocabulary | None = None) -> list[tuple[str, str, str]]:
    """(wording, example, passes when …) rows, computed by parsing each example.

    >>> reference_table()[4]
    ('percentage (share)', '59%', 'rounds to 59%: 58.5% ≤ x < 59.5%')
    """
    rows = []
    for wording, example, shape in _EXAMPLES:
        expectation = parse_expectation(example, shape, vocabulary)
        rows.append((wording, expectation.written, expectation.meaning))
    rows.append(("extreme (true / false)", "true", "the value is the lowest/highest as stated"))
    rows.append(("top (a list)", "[Instagram, Snapchat]", "the same values in the same order"))
    rows.append(("top, any order", "{values: [Instagram, Snapchat], any_order: true}",
                 "the same values in any order"))
    return rows


def render_reference_markdown(vocabulary: Vocabulary | None = None) -> str:
    """The reference table as Markdown, pasted verbatim into docs/tolerance-words.md."""
    lines = ["| wording | example | passes when the computed value x … |", "| --- | --- | --- |"]
    for wording, example, passes in reference_table(vocabulary):
        cells = (wording, f"`{example}`", passes)
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"
