"""Every wording of SPEC "Expectations and tolerance", judged at every edge of its band.

The bands below are written out by hand from the SPEC and docs/tolerance-words.md, not
computed by the code under test: each row is (shape, wording, low, low closed, high, high
closed, miss below the band, miss above it). The stacked parametrize then judges a value just
outside, exactly on, and just inside each edge (and, on an open-ended side, a value far out).
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from factcheck.expectations import ExpectationError, MeasureShape, parse_expectation

N, S, SP = MeasureShape("number"), MeasureShape("share"), MeasureShape("share", "percent")
CP, PT, PTP = MeasureShape("change_percent"), MeasureShape("change_points"), MeasureShape("change_points", "percent")
AB, RA = MeasureShape("change_absolute"), MeasureShape("change_ratio")
OOT, CROSS = "out_of_tolerance", "qualifier_crossed"
EPS = F(1, 10**9)

BANDS = [
    # plain numbers: round half-up at the stated precision
    (N, "165", F("164.5"), True, F("165.5"), False, OOT, OOT),
    (N, 165, F("164.5"), True, F("165.5"), False, OOT, OOT),
    (N, "5,076", F("5075.5"), True, F("5076.5"), False, OOT, OOT),
    (N, "2.5", F("2.45"), True, F("2.55"), False, OOT, OOT),
    (N, 2.5, F("2.45"), True, F("2.55"), False, OOT, OOT),
    (N, "2.50", F("2.495"), True, F("2.505"), False, OOT, OOT),
    (N, "2.5 million", F(2450000), True, F(2550000), False, OOT, OOT),
    (N, "-3", F("-3.5"), False, F("-2.5"), True, OOT, OOT),
    # percentages
    (S, "59%", F("0.585"), True, F("0.595"), False, OOT, OOT),
    (S, "59.0%", F("0.5895"), True, F("0.5905"), False, OOT, OOT),
    (S, "59 per cent", F("0.585"), True, F("0.595"), False, OOT, OOT),
    (S, "  59   Percent ", F("0.585"), True, F("0.595"), False, OOT, OOT),
    (S, "only 5%", F("0.045"), True, F("0.055"), False, OOT, OOT),
    (S, 0.59, F("0.585"), True, F("0.595"), False, OOT, OOT),
    (SP, "59%", F("58.5"), True, F("59.5"), False, OOT, OOT),
    (MeasureShape("number", "percent"), "9.7%", F("9.65"), True, F("9.75"), False, OOT, OOT),
    # percent changes
    *[(CP, w, F("0.105"), True, F("0.115"), False, OOT, OOT) for w in (
        "up 11%", "+11%", "rose 11%", "increased 11%", "grew 11%", "climbed 11%", "11% more",
        "rose by 11%", "Up 11 per cent")],
    *[(CP, w, F("-0.085"), False, F("-0.075"), True, OOT, OOT) for w in (
        "down 8%", "-8%", "\u22128%", "fell 8%", "decreased 8%", "dropped 8%", "declined 8%", "8% fewer")],
    (CP, "51% fewer", F("-0.515"), False, F("-0.505"), True, OOT, OOT),
    (MeasureShape("change_percent", "percent"), "up 11%", F("10.5"), True, F("11.5"), False, OOT, OOT),
    # points
    *[(PT, w, F("0.045"), True, F("0.055"), False, OOT, OOT) for w in ("up 5 points", "+5pp", "up 5 percentage points", "+5 pts")],
    (PT, "down 3 percentage points", F("-0.035"), False, F("-0.025"), True, OOT, OOT),
    (PTP, "up 5 points", F("4.5"), True, F("5.5"), False, OOT, OOT),
    # absolute and ratio changes
    (AB, "up 17", F("16.5"), True, F("17.5"), False, OOT, OOT),
    (AB, "down 21", F("-21.5"), False, F("-20.5"), True, OOT, OOT),
    (AB, "more than 100", F(100), False, None, False, CROSS, None),
    (RA, "doubled", F("1.95"), True, F("2.05"), False, OOT, OOT),
    (RA, "nearly doubled", F("1.9"), True, F(2), False, OOT, CROSS),
    (RA, "more than doubled", F(2), False, None, False, CROSS, None),
    (RA, "tripled", F("2.95"), True, F("3.05"), False, OOT, OOT),
    (RA, "halved", F("0.45"), True, F("0.55"), False, OOT, OOT),
    (RA, "2.5x", F("2.45"), True, F("2.55"), False, OOT, OOT),
    (RA, "up 11%", F("1.105"), True, F("1.115"), False, OOT, OOT),
    (CP, "doubled", F("0.95"), True, F("1.05"), False, OOT, OOT),
    (CP, "halved", F("-0.55"), True, F("-0.45"), False, OOT, OOT),
    (CP, "more than doubled", F(1), False, None, False, CROSS, None),
    # bounds
    (S, "over one-third", F(1, 3), False, None, False, CROSS, None),
    (S, "over one third", F(1, 3), False, None, False, CROSS, None),
    (S, "more than 33%", F("0.33"), False, None, False, CROSS, None),
    (S, "above 10%", F("0.1"), False, None, False, CROSS, None),
    (N, "at least 100", F(100), True, None, False, CROSS, None),
    (N, "100 or more", F(100), True, None, False, CROSS, None),
    (N, "more than 2,000", F(2000), False, None, False, CROSS, None),
    (S, "under 5%", None, False, F("0.05"), False, None, CROSS),
    (S, "less than 5%", None, False, F("0.05"), False, None, CROSS),
    (N, "fewer than 50", None, False, F(50), False, None, CROSS),
    (S, "at most 10%", None, False, F("0.1"), True, None, CROSS),
    (N, "no more than 3", None, False, F(3), True, None, CROSS),
    (N, "up to 3", None, False, F(3), True, None, CROSS),
    (N, "over -3", F(-3), False, None, False, CROSS, None),
    (CP, "down less than 5%", F("-0.05"), False, F(0), False, CROSS, "wrong_direction"),
    # majorities
    *[(S, w, F(1, 2), False, None, False, CROSS, None) for w in ("a majority", "most", "more than half", "The Majority")],
    (SP, "a majority", F(50), False, None, False, CROSS, None),
    (S, "a large majority", F(2, 3), False, None, False, CROSS, None),
    *[(S, w, F(3, 4), False, None, False, CROSS, None) for w in ("the vast majority", "overwhelmingly")],
    (S, "a minority", None, False, F(1, 2), False, None, CROSS),
    # nearly / just over / about
    (S, "nearly half", F("0.475"), True, F("0.5"), False, OOT, CROSS),
    (S, "almost half", F("0.475"), True, F("0.5"), False, OOT, CROSS),
    (S, "almost 60%", F("0.57"), True, F("0.6"), False, OOT, CROSS),
    (S, "just under 60%", F("0.57"), True, F("0.6"), False, OOT, CROSS),
    (S, "just over 50%", F("0.5"), False, F("0.525"), True, CROSS, OOT),
    (CP, "up nearly 60%", F("0.57"), True, F("0.6"), False, OOT, CROSS),
    (CP, "down nearly 60%", F("-0.6"), False, F("-0.57"), True, CROSS, OOT),
    *[(S, w, F("0.57"), True, F("0.63"), True, OOT, OOT) for w in (
        "about 60%", "roughly 60%", "around 60%", "approximately 60%", "some 60%")],
    (N, "roughly 2,000", F(1900), True, F(2100), True, OOT, OOT),
    (N, "about 2.5", F("2.375"), True, F("2.625"), True, OOT, OOT),
    # fractions in words: the fraction, give or take 5% of it
    (S, "one in five", F("0.19"), True, F("0.21"), True, OOT, OOT),
    (S, "one in three", F(19, 60), True, F("0.35"), True, OOT, OOT),
    *[(S, w, F(19, 60), True, F("0.35"), True, OOT, OOT) for w in ("a third", "one-third", "one third", "1 in 3")],
    (S, "two-thirds", F(19, 30), True, F("0.7"), True, OOT, OOT),
    (S, "half", F("0.475"), True, F("0.525"), True, OOT, OOT),
    (S, "a quarter", F("0.2375"), True, F("0.2625"), True, OOT, OOT),
    (S, "three in four", F("0.7125"), True, F("0.7875"), True, OOT, OOT),
    (S, "one of every four", F("0.2375"), True, F("0.2625"), True, OOT, OOT),   # as a journalist writes it
    (SP, "one in five", F(19), True, F(21), True, OOT, OOT),
    # odds the draft reports and init writes: "cannot read" stopped the run (an attack)
    *[(S, w, F("0.00095"), True, F("0.00105"), True, OOT, OOT) for w in (
        "one in a thousand", "one in 1,000", "1 in 1000", "one-in-a-thousand")],
    (S, "one in a million", F("0.00000095"), True, F("0.00000105"), True, OOT, OOT),
    (S, "one-in-a-million", F("0.00000095"), True, F("0.00000105"), True, OOT, OOT),
    (CP, "down about a third", F("-0.35"), True, F(-19, 60), True, OOT, OOT),
    # explicit
    (S, {"value": 0.59, "within": 0.01}, F("0.58"), True, F("0.6"), True, OOT, OOT),
    (N, {"value": 165, "within": "2%"}, F("161.7"), True, F("168.3"), True, OOT, OOT),
    (S, {"between": ["10%", "20%"]}, F("0.1"), True, F("0.2"), True, OOT, OOT),
    (N, {"between": [150, 180]}, F(150), True, F(180), True, OOT, OOT),
    (PT, {"value": "5 points", "within": "1 point"}, F("0.04"), True, F("0.06"), True, OOT, OOT),
    # no change: a zero change at a whole figure's precision (a ratio of 1 within half a percent)
    *[(CP, w, F("-0.005"), True, F("0.005"), False, OOT, OOT)
      for w in ("unchanged", "no change", "flat", "held steady", "stayed the same", "  Remained Unchanged ")],
    (PT, "no change", F("-0.005"), True, F("0.005"), False, OOT, OOT),
    (AB, "flat", F("-0.5"), True, F("0.5"), False, OOT, OOT),
    (RA, "unchanged", F("0.995"), True, F("1.005"), False, OOT, OOT),
]
POSITIONS = ["outside low", "on low", "inside low", "inside high", "on high", "outside high"]


def _case(row: tuple, position: str) -> tuple[F, bool, str | None]:
    _, _, low, low_closed, high, high_closed, miss_below, miss_above = row
    edge = low if "low" in position else high
    if edge is None:  # an open-ended side: a value far out that way passes
        other = high if "low" in position else low
        assert other is not None
        return (other - 10**6 if "low" in position else other + 10**6), True, None
    if position == "outside low":
        return edge - EPS, False, miss_below
    if position == "on low":
        return edge, low_closed, None if low_closed else miss_below
    if position == "on high":
        return edge, high_closed, None if high_closed else miss_above
    if position == "outside high":
        return edge + EPS, False, miss_above
    return (edge + EPS if "low" in position else edge - EPS), True, None


@pytest.mark.parametrize("position", POSITIONS)
@pytest.mark.parametrize("row", BANDS, ids=lambda r: f"{r[0].kind}:{r[1]}")
def test_every_wording_at_every_edge(row: tuple, position: str) -> None:
    shape, written = row[0], row[1]
    value, ok, miss = _case(row, position)
    judgement = parse_expectation(written, shape).judge(value)
    assert (judgement.ok, judgement.miss) == (ok, miss), judgement.message


@pytest.mark.parametrize("row", BANDS, ids=lambda r: f"{r[0].kind}:{r[1]}")
def test_interval_is_the_documented_band(row: tuple) -> None:
    shape, written, low, low_closed, high, high_closed = row[:6]
    interval = parse_expectation(written, shape).interval
    assert interval is not None
    assert (interval.low, interval.high) == (low, high)
    assert (interval.low_closed if low is not None else False) == low_closed
    assert (interval.high_closed if high is not None else False) == high_closed


@pytest.mark.parametrize("value", [F(-32, 1000), F(0), F(-1, 10**9)])
@pytest.mark.parametrize("shape,written", [(CP, "up 11%"), (CP, "+11%"), (CP, "11% more"),
                                           (CP, "up nearly 60%"), (CP, "doubled"), (PT, "up 5 points"),
                                           (AB, "up 17"), (CP, "up less than 5%")])
def test_a_fall_is_the_wrong_direction_for_a_rise(shape: MeasureShape, written: str, value: F) -> None:
    judgement = parse_expectation(written, shape).judge(value)
    assert (judgement.ok, judgement.miss) == (False, "wrong_direction")


@pytest.mark.parametrize("value", [F(32, 1000), F(0)])
@pytest.mark.parametrize("shape,written", [(CP, "down 8%"), (CP, "-8%"), (CP, "51% fewer"), (CP, "halved"),
                                           (PT, "down 3 points"), (AB, "down 21"), (CP, "down about a third")])
def test_a_rise_is_the_wrong_direction_for_a_fall(shape: MeasureShape, written: str, value: F) -> None:
    judgement = parse_expectation(written, shape).judge(value)
    assert (judgement.ok, judgement.miss) == (False, "wrong_direction")


@pytest.mark.parametrize("written,value", [("doubled", F("0.99")), ("halved", F("1.2")), ("halved", F(1))])
def test_ratio_direction_is_against_one(written: str, value: F) -> None:
    assert parse_expectation(written, RA).judge(value).miss == "wrong_direction"


@pytest.mark.parametrize("raw,shape,value,message", [
    ("59%", S, F("0.482"), "stated 59%, computed 48.2%: 10.8 points low"),
    ("59%", S, F("0.592"), "rounds to 59% as stated (computed 59.2%)"),
    ("165", N, 160, "stated 165, computed 160: 5 low (3.0%)"),
    ("up 11%", CP, F("-0.032"), "stated up 11%, computed down 3.2%"),
    ("a majority", S, F("0.496"), "said a majority, computed 49.6%: 0.4 points below 50%"),
    ("down 8%", CP, F("-0.121"), "stated down 8%, computed down 12.1%: 4.1 points more"),
    ("nearly half", S, F("0.51"), "said nearly half, computed 51%: 1 point above 50%"),
    ("59%", S, F("0.58499"), "stated 59%, computed 58.499%: 0.5 points low"),
    ({"between": ["10%", "20%"]}, S, F("0.25"), "stated between 10% and 20%, computed 25%: 5 points above 20%"),
    ("doubled", RA, F("1.5"), "stated doubled, computed 1.50×: 0.45 short of 1.95×"),
])
def test_messages_say_by_how_much(raw: object, shape: MeasureShape, value: F, message: str) -> None:
    assert parse_expectation(raw, shape).judge(value).message == message


@pytest.mark.parametrize("raw,shape,meaning", [
    ("59%", S, "rounds to 59%: 58.5% ≤ x < 59.5%"),
    ("over one-third", S, "over one third: x > 33.33…%"),
    ("up 11%", CP, "a rise rounding to 11%: 10.5% ≤ x < 11.5%"),
])
def test_meaning_names_the_interval(raw: object, shape: MeasureShape, meaning: str) -> None:
    assert parse_expectation(raw, shape).meaning == meaning


@pytest.mark.parametrize("raw,stated,direction,qualifier", [
    ("59%", F("0.59"), None, None), ("up 11%", F("0.11"), "up", None),
    ("down about a third", F(-1, 3), "down", "about"), ("over one-third", F(1, 3), None, "over"),
    ("doubled", F(1), "up", "doubled"), ("nearly half", F(1, 2), None, "nearly"),
])
def test_fields_of_the_expectation(raw: str, stated: F, direction: str | None, qualifier: str | None) -> None:
    e = parse_expectation(raw, CP if direction or raw == "doubled" else S)
    assert (e.stated, e.direction, e.qualifier, e.written) == (stated, direction, qualifier, raw)


@pytest.mark.parametrize("raw,computed,ok", [(True, True, True), ("true", False, False), (False, False, True),
                                             ("False", True, False)])
def test_booleans(raw: object, computed: bool, ok: bool) -> None:
    judgement = parse_expectation(raw, MeasureShape("boolean")).judge(computed)
    assert (judgement.ok, judgement.miss) == (ok, None if ok else "wrong_rank")


@pytest.mark.parametrize("raw,computed,ok,why", [
    (["Instagram", "Snapchat"], ["Instagram", "Snapchat"], True, ""),
    (["Instagram", "Snapchat"], ["Snapchat", "Instagram"], False, "same values, different order"),
    ({"values": ["Instagram", "Snapchat"], "any_order": True}, ["Snapchat", "Instagram"], True, ""),
    (["Instagram", "Snapchat"], ["Instagram", "Facebook"], False, "missing Snapchat; not stated Facebook"),
    ("Facebook", ["facebook "], True, ""),
    ([2019, 2020], ["2019", "2020"], True, ""),
])
def test_values(raw: object, computed: list[str], ok: bool, why: str) -> None:
    judgement = parse_expectation(raw, MeasureShape("values")).judge(computed)
    assert (judgement.ok, judgement.miss) == (ok, None if ok else "wrong_values")
    assert judgement.message.endswith(why)


@pytest.mark.parametrize("raw,shape,hint_has", [
    ("up 5%", PT, "as: points"), ("+5%", PT, "say 'up 5 points'"),
    ("5 points", CP, "as: percent"), ("up 5 points", CP, "say 'up 5%'"), ("5 points", S, "as: points"),
    ("lots", S, "59%"), ("", S, "59%"), ("   ", N, "165"), ("59 percent-ish", S, "nearly half"),
    ("up 11", CP, "up 11%"), ("up 11%", S, "change"), ("150", S, "150%"), ("up -8%", CP, "down 8%"),
    ("a majority", CP, "share"), ("doubled", S, "change"), ("up 17%", AB, "plain number"),
    ("true", S, "59%"), (True, N, "165"), ("59%", MeasureShape("boolean"), "true"),
    (["a"], S, "59%"), ([], MeasureShape("values"), "values"), (None, S, "59%"),
    (float("nan"), S, "59%"), ({"valu": 1}, S, "within"), ({"value": 1, "between": [1, 2]}, S, "between"),
    ({"between": [2, 1]}, N, "[1, 2]"), ({"between": [1]}, N, "between"), ({"value": "x", "within": 1}, N, "within"),
    ({"value": 1, "within": "-1"}, N, "within"), ({"between": ["1", "2"]}, MeasureShape("values"), "[A, B]"),
    ("three in two", S, "59%"), ("one in 0", S, "59%"),
])
def test_unreadable_or_unfitting_expectations(raw: object, shape: MeasureShape, hint_has: str) -> None:
    with pytest.raises(ExpectationError) as caught:
        parse_expectation(raw, shape)
    assert hint_has in caught.value.hint
    assert str(caught.value).startswith("expect:")


# --- issue 9: the wordings newspapers print, tighter "nearly", misses from the band's edge ----

NEWSPAPER_BANDS = [
    # noun forms: the same band as "up 11%" / "down 51%"
    *[(CP, w, F("0.105"), True, F("0.115"), False, OOT, OOT) for w in (
        "an 11% increase", "an 11% rise", "an 11% jump", "an 11% gain", "An 11 per cent increase")],
    *[(CP, w, F("-0.515"), False, F("-0.505"), True, OOT, OOT) for w in (
        "a 51% decline", "a 51% drop", "a 51% fall", "a 51% decrease", "a 51% cut")],
    (PT, "a 5 point rise", F("0.045"), True, F("0.055"), False, OOT, OOT),
    # verbs of motion: the direction only, no extra tolerance
    *[(CP, f"{verb} 40%", F("0.395"), True, F("0.405"), False, OOT, OOT) for verb in (
        "soared", "surged", "jumped", "edged up", "rocketed")],
    *[(CP, f"{verb} 40%", F("-0.405"), False, F("-0.395"), True, OOT, OOT) for verb in (
        "tumbled", "slumped", "plunged", "slid", "edged down", "plummeted")],
    # multiples
    *[(RA, w, F("2.95"), True, F("3.05"), False, OOT, OOT) for w in (
        "three times as many", "three times", "three times as much", "tripling")],
    *[(RA, w, F("1.95"), True, F("2.05"), False, OOT, OOT) for w in ("twice", "twice as many", "doubling")],
    (RA, "17 times as many", F("16.5"), True, F("17.5"), False, OOT, OOT),
    (RA, "17 times", F("16.5"), True, F("17.5"), False, OOT, OOT),
    (CP, "three times as many", F("1.95"), True, F("2.05"), False, OOT, OOT),
    (RA, "more than three times", F(3), False, None, False, CROSS, None),
    (RA, "close to doubling", F("1.9"), True, F("2.1"), True, OOT, OOT),
    (RA, "half", F("0.475"), True, F("0.525"), True, OOT, OOT),
    (RA, "half as many", F("0.475"), True, F("0.525"), True, OOT, OOT),
    (CP, "a third fewer", F("-0.35"), True, F(-19, 60), True, OOT, OOT),
    (RA, "a third fewer", F("0.65"), True, F(41, 60), True, OOT, OOT),
    (RA, "a third more", F(79, 60), True, F("1.35"), True, OOT, OOT),
    # absolute differences
    *[(AB, w, F("11.5"), True, F("12.5"), False, OOT, OOT) for w in (
        "12 more cases than", "12 more than", "12 more cases than in 2019", "12 more")],
    *[(AB, w, F("-8.5"), False, F("-7.5"), True, OOT, OOT) for w in ("8 fewer", "8 fewer cases", "8 fewer than")],
    (CP, "11% more cases than in 2019", F("0.105"), True, F("0.115"), False, OOT, OOT),
    (PT, "5 points higher than", F("0.045"), True, F("0.055"), False, OOT, OOT),
    # nearly / just over: within 5%, like about
    (S, "nearly one in five", F("0.19"), True, F("0.2"), False, OOT, CROSS),
]


@pytest.mark.parametrize("position", POSITIONS)
@pytest.mark.parametrize("row", NEWSPAPER_BANDS, ids=lambda r: f"{r[0].kind}:{r[1]}")
def test_newspaper_wordings_at_every_edge(row: tuple, position: str) -> None:
    value, ok, miss = _case(row, position)
    judgement = parse_expectation(row[1], row[0]).judge(value)
    assert (judgement.ok, judgement.miss) == (ok, miss), judgement.message


@pytest.mark.parametrize("written,shape,value", [
    ("a 51% decline", CP, F("0.51")), ("tumbled 20%", CP, F("0.2")), ("three times as many", RA, F("0.5")),
    ("half as many", RA, F("1.5")), ("8 fewer", AB, F(8)), ("a third fewer", RA, F("1.3")),
])
def test_new_wordings_keep_their_direction(written: str, shape: MeasureShape, value: F) -> None:
    assert parse_expectation(written, shape).judge(value).miss == "wrong_direction"


@pytest.mark.parametrize("raw,shape,value,message", [
    ("nearly one in five", S, F("0.1898"), "stated nearly one in five, computed 18.98%: 0.02 points short of 19%"),
    ("nearly one in five", S, F("0.1798"), "stated nearly one in five, computed 17.98%: 1.02 points short of 19%"),
    ("about 60%", S, F("0.7"), "stated about 60%, computed 70%: 7 points over 63%"),
    ("down nearly 60%", CP, F("-0.4"), "stated down nearly 60%, computed down 40%: 17 points short of a fall of 57%"),
    ("three times as many", RA, F(4), "stated three times as many, computed 4.00×: 0.95 beyond 3.05×"),
])
def test_a_miss_of_a_banded_wording_is_measured_from_the_band(raw: str, shape: MeasureShape, value: F,
                                                               message: str) -> None:
    assert parse_expectation(raw, shape).judge(value).message == message


@pytest.mark.parametrize("raw,shape", [("49%", CP), ("5 points", PT), ("17", AB), ("half", CP), ("about 49%", CP),
                                       ("nearly half", CP), ("49%", RA), (49, CP), ("a 49%", CP)])
def test_a_bare_size_on_a_change_asks_for_a_direction(raw: object, shape: MeasureShape) -> None:
    with pytest.raises(ExpectationError) as caught:
        parse_expectation(raw, shape)
    if raw != "a 49%":
        assert "no direction" in str(caught.value)
        assert f"'up {raw}' or 'down {raw}'" in caught.value.hint


@pytest.mark.parametrize("raw,shape", [("+49%", CP), ("-49%", CP), ("more than 100", AB), ("under 5%", CP),
                                       ("2.5", RA), ("doubled", CP), ("half", RA), ("0", AB), ("0%", CP)])
def test_a_change_with_a_sign_bound_or_multiple_needs_no_direction_word(raw: str, shape: MeasureShape) -> None:
    assert parse_expectation(raw, shape).interval is not None


@pytest.mark.parametrize("raw,shape", [("no more than 3", N), ("not more than 3", N), ("100 or more", N),
                                       ("no fewer than 5", N)])
def test_bounds_are_not_read_as_differences(raw: str, shape: MeasureShape) -> None:
    assert parse_expectation(raw, shape).direction is None


@pytest.mark.parametrize("shape", [N, S, SP])
def test_unchanged_on_a_measure_that_is_not_a_change_is_an_error(shape: MeasureShape) -> None:
    with pytest.raises(ExpectationError, match="speaks of a change") as exc:
        parse_expectation("unchanged", shape)
    assert exc.value.hint is not None and "change:" in exc.value.hint


def test_unchanged_says_what_it_means() -> None:
    e = parse_expectation("unchanged", CP)
    assert e.meaning == "unchanged: rounds to 0%: -0.5% ≤ x < 0.5%"
    assert e.judge(F(0)).message == "unchanged (rounds to 0%) as stated (computed 0%)"
    assert e.judge(F(107, 1000)).message.startswith("stated unchanged, computed +10.7%")


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2009"])
def test_thousands_grouped_by_a_typographic_space_read_as_with_commas(space: str) -> None:
    """An expect pasted from an article set in SI or European style ("12 000", "59 %")."""
    count, share = MeasureShape("count"), MeasureShape("share")
    for typographic, plain in [(f"12{space}000", "12,000"), (f"about 1{space}234{space}567", "about 1,234,567"),
                               (f"more than 1{space}200", "more than 1,200")]:
        assert parse_expectation(typographic, count).interval == parse_expectation(plain, count).interval
    assert parse_expectation(f"59{space}%", share).interval == parse_expectation("59%", share).interval


@pytest.mark.parametrize("text", ["12 000", "2019\u00a0100", "12\u00a000"])
def test_digits_split_by_a_plain_space_or_not_in_threes_are_refused(text: str) -> None:
    with pytest.raises(ExpectationError, match="cannot read"):
        parse_expectation(text, MeasureShape("count"))


@pytest.mark.parametrize("text", ["-5%", "less than 0%", "more than 100%", "101%", "over 100%"])
def test_a_share_stated_outside_0_to_100_percent_is_refused(text: str) -> None:
    with pytest.raises(ExpectationError, match="a share is a part of its rows"):
        parse_expectation(text, MeasureShape("share", part_of_a_whole=True))


@pytest.mark.parametrize("text", ["0%", "100%", "at most 0%", "at least 100%", "under 5%", "a majority"])
def test_a_share_at_its_edges_is_read(text: str) -> None:
    parse_expectation(text, MeasureShape("share", part_of_a_whole=True))


def test_a_ratio_read_as_a_percentage_may_be_more_than_100_percent() -> None:
    """A ratio stated as "150%" is on the share's scale but is no part of a whole."""
    assert parse_expectation("150%", MeasureShape("share")).interval.contains(F(3, 2))


def test_a_yes_in_a_list_of_values_is_refused_with_a_quoting_hint() -> None:
    """`expect: [yes]` was YAML's [True], and failed "stated [True], computed [yes]: missing True"."""
    from factcheck.expectations import ExpectationError, MeasureShape, parse_expectation
    with pytest.raises(ExpectationError) as err:
        parse_expectation([True], MeasureShape("values"))
    assert "reads as true or false to YAML" in str(err.value) and "['yes']" in (err.value.hint or "")
    assert parse_expectation(["yes"], MeasureShape("values")).written == "[yes]"
