"""Properties of expectations: rounding agrees with Decimal, rises mirror falls, text never crashes."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from factcheck.expectations import ExpectationError, MeasureShape, Vocabulary, parse_expectation

KINDS = ["number", "share", "change_percent", "change_points", "change_absolute", "change_ratio",
         "boolean", "values"]
shapes = st.builds(MeasureShape, st.sampled_from(KINDS), st.sampled_from(["fraction", "percent"]))
places = st.integers(min_value=0, max_value=3)


def _figure(n: int, p: int) -> Decimal:
    return Decimal(n).scaleb(-p)


def _rounds_to(value: Decimal, figure: Decimal, p: int) -> bool:
    """Half away from zero, as factcheck rounds; except that a stated 0 holds its band's low end
    (-0.5 for '0'): the band of a zero is [-h, h), as docs/tolerance-words.md gives it ("unchanged:
    -0.5% ≤ x < 0.5%"), which hypothesis once drew (n=0, p=0, k=-500)."""
    if figure == 0 and value == -Decimal(5).scaleb(-p - 1):
        return True
    return value.quantize(Decimal(1).scaleb(-p), rounding=ROUND_HALF_UP) == figure


@given(n=st.integers(0, 10**5), p=places, k=st.integers(-3000, 3000))
def test_percent_accepts_exactly_what_rounds_to_it(n: int, p: int, k: int) -> None:
    figure = _figure(n, p)
    value = figure + Decimal(k).scaleb(-p - 3)           # in percent, exact
    expectation = parse_expectation(f"{figure}%", MeasureShape("share"))
    assert expectation.judge(Fraction(value) / 100).ok == _rounds_to(value, figure, p)


@given(n=st.integers(-10**6, 10**6), p=places, k=st.integers(-3000, 3000))
@example(n=0, p=0, k=-500)  # '0' holds -0.5: its band is [-0.5, 0.5), as documented
def test_plain_number_accepts_exactly_what_rounds_to_it(n: int, p: int, k: int) -> None:
    figure = _figure(n, p)
    value = figure + Decimal(k).scaleb(-p - 3)
    expectation = parse_expectation(f"{figure:,f}", MeasureShape("number"))
    assert expectation.judge(Fraction(value)).ok == _rounds_to(value, figure, p)


@given(n=st.integers(1, 10**4), p=places, k=st.integers(-3000, 3000),
       kind=st.sampled_from(["change_percent", "change_points"]), unit=st.sampled_from(["fraction", "percent"]))
def test_up_and_down_mirror_each_other(n: int, p: int, k: int, kind: str, unit: str) -> None:
    figure = _figure(n, p)
    word = "%" if kind == "change_percent" else " points"
    shape = MeasureShape(kind, unit)  # type: ignore[arg-type]
    value = Fraction(figure + Decimal(k).scaleb(-p - 3)) / (1 if unit == "percent" else 100)
    up = parse_expectation(f"up {figure}{word}", shape).judge(value)
    down = parse_expectation(f"down {figure}{word}", shape).judge(-value)
    assert (up.ok, up.miss) == (down.ok, down.miss)


@given(n=st.integers(1, 10**4), p=places, k=st.integers(-3000, 3000))
def test_signs_read_like_words(n: int, p: int, k: int) -> None:
    figure = _figure(n, p)
    value = Fraction(figure + Decimal(k).scaleb(-p - 3)) / 100
    shape = MeasureShape("change_percent")
    for word, sign in (("rose", "+"), ("fell", "-")):
        a = parse_expectation(f"{word} {figure}%", shape).judge(value)
        b = parse_expectation(f"{sign}{figure}%", shape).judge(value)
        assert (a.ok, a.miss) == (b.ok, b.miss)


@settings(max_examples=300)
@given(text=st.text(), shape=shapes)
def test_arbitrary_text_raises_only_expectation_error(text: str, shape: MeasureShape) -> None:
    try:
        parse_expectation(text, shape)
    except ExpectationError as exc:
        assert str(exc) and exc.hint


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["value", "within", "between", "values", "any_order", "x"]), inner, max_size=3),
    max_leaves=6)


@settings(max_examples=300)
@given(raw=yaml_values, shape=shapes)
def test_anything_yaml_gives_raises_only_expectation_error(raw: object, shape: MeasureShape) -> None:
    try:
        parse_expectation(raw, shape)
    except ExpectationError as exc:
        assert str(exc) and exc.hint


@given(st.from_regex(r"(up|down|nearly|about|over|under|at least|almost) ?[0-9]{1,4}(\.[0-9]{1,2})?"
                     r"( ?%| points)?", fullmatch=True), shapes)
def test_wordlike_text_raises_only_expectation_error(text: str, shape: MeasureShape) -> None:
    try:
        expectation = parse_expectation(text, shape)
    except ExpectationError:
        return
    if expectation.interval is not None:
        assert expectation.judge(Fraction(1, 3)).message


bands = st.fractions(min_value=0, max_value=Fraction(99, 100))


@given(k=bands.filter(lambda k: k > 0))
def test_nearly_override_moves_the_lower_edge(k: Fraction) -> None:
    vocab = Vocabulary.with_overrides({"nearly": k})
    interval = parse_expectation("nearly 60%", MeasureShape("share"), vocab).interval
    assert interval is not None and interval.low == Fraction(3, 5) * (1 - k)


@given(k=bands, word=st.sampled_from(["about", "roughly", "around", "approximately", "some"]))
def test_about_override_moves_both_edges(k: Fraction, word: str) -> None:
    vocab = Vocabulary.with_overrides({word: f"{float(k * 100)}%"})
    interval = parse_expectation(f"{word} 2,000", MeasureShape("number"), vocab).interval
    band = Vocabulary.with_overrides({word: f"{float(k * 100)}%"}).about
    assert interval is not None
    assert interval.low == min(2000 * (1 - band), Fraction(3999, 2))
    assert interval.high == max(2000 * (1 + band), Fraction(4001, 2))


@given(k=st.fractions(min_value=0, max_value=Fraction(49, 100)).filter(lambda k: k > 0))
def test_multiple_override_moves_doubled(k: Fraction) -> None:
    vocab = Vocabulary.with_overrides({"doubled": k})
    interval = parse_expectation("doubled", MeasureShape("change_ratio"), vocab).interval
    assert interval is not None and (interval.low, interval.high) == (2 - k, 2 + k)


@pytest.mark.parametrize("word", ["nearly", "almost", "doubled", "well over"])
def test_a_band_of_zero_that_no_value_could_meet_is_refused(word: str) -> None:
    """`vocabulary: {nearly: 0}` made 'nearly 60%' 60% ≤ x < 60%, and 'doubled' at 0 was 2× ≤ x < 2×:
    every claim using the word could only fail."""
    with pytest.raises(ExpectationError, match="outside the sensible range") as info:
        Vocabulary.with_overrides({word: 0})
    assert "(not included)" in (info.value.hint or "")


@given(t=st.fractions(min_value=Fraction(51, 100), max_value=Fraction(99, 100)))
def test_majority_overrides_move_the_threshold(t: Fraction) -> None:
    vocab = Vocabulary.with_overrides({"a large majority": t, "vast_majority": t})
    for wording in ("a large majority", "the vast majority"):
        interval = parse_expectation(wording, MeasureShape("share"), vocab).interval
        assert interval is not None and interval.low == t


@pytest.mark.parametrize("overrides,names", [
    ({"nearlyish": 0.1}, "nearlyish"), ({"nearly": "lots"}, "nearly"), ({"about": 1.5}, "about"),
    ({"vast majority": 0.2}, "vast majority"), ({"doubled": True}, "doubled"), ([("nearly", 1)], "mapping"),
])
def test_bad_overrides_name_the_key(overrides: object, names: str) -> None:
    with pytest.raises(ExpectationError) as caught:
        Vocabulary.with_overrides(overrides)  # type: ignore[arg-type]
    assert names in str(caught.value)
    assert "nearly" in caught.value.hint or "e.g." in caught.value.hint


# --- issue 9: the newspaper wordings ------------------------------------------------------

from factcheck.expectations import vocabulary as words  # noqa: E402

_NOUNS_UP = ["increase", "rise", "jump", "gain", "surge"]
_NOUNS_DOWN = ["decrease", "drop", "fall", "decline", "cut", "slump", "plunge"]
_VERBS_UP = ["soared", "surged", "jumped", "edged up", "rose", "climbed"]
_VERBS_DOWN = ["tumbled", "slumped", "plunged", "slid", "edged down", "fell"]
_MULTIPLES = {"twice": 2, "two times": 2, "three times": 3, "four times": 4, "five times": 5, "ten times": 10}
_AS = ["", " as many", " as much", " as high", " as likely"]


@given(n=st.integers(1, 10**4), p=places, up=st.booleans(), noun=st.booleans(), pick=st.integers(0, 100))
def test_nouns_and_verbs_read_to_their_own_figure(n: int, p: int, up: bool, noun: bool, pick: int) -> None:
    figure = _figure(n, p)
    if noun:
        nouns = _NOUNS_UP if up else _NOUNS_DOWN
        written = f"{'an' if str(figure)[0] in '8' else 'a'} {figure}% {nouns[pick % len(nouns)]}"
    else:
        verbs = _VERBS_UP if up else _VERBS_DOWN
        written = f"{verbs[pick % len(verbs)]} {figure}%"
    e = parse_expectation(written, MeasureShape("change_percent"))
    own = Fraction(figure) / 100 * (1 if up else -1)
    assert e.judge(own).ok, (written, e.meaning)
    assert e.direction == ("up" if up else "down")
    plain = parse_expectation(f"{'up' if up else 'down'} {figure}%", MeasureShape("change_percent"))
    assert e.interval == plain.interval   # a verb or a noun gives the direction only


@given(word=st.sampled_from(sorted(_MULTIPLES)), tail=st.sampled_from(_AS),
       qualifier=st.sampled_from(["", "about ", "close to ", "nearly ", "more than ", "almost "]),
       kind=st.sampled_from(["change_ratio", "change_percent"]))
def test_multiples_read_to_an_interval_at_their_multiple(word: str, tail: str, qualifier: str, kind: str) -> None:
    written = f"{qualifier}{word}{tail}"
    e = parse_expectation(written, MeasureShape(kind))  # type: ignore[arg-type]
    ratio = Fraction(_MULTIPLES[word])
    own = ratio if kind == "change_ratio" else ratio - 1
    assert e.interval is not None
    inside = e.judge(own).ok
    if qualifier in ("", "about ", "close to "):
        assert inside, (written, e.meaning)
    else:  # "more than three times" / "nearly three times" exclude three times itself
        assert not inside and e.judge(own).miss == "qualifier_crossed", (written, e.meaning)


@given(n=st.integers(1, 10**5), more=st.booleans(), noun=st.sampled_from(["", " cases", " people"]),
       than=st.sampled_from(["", " than", " than in 2019", " than the year before"]))
def test_differences_read_to_their_own_figure(n: int, more: bool, noun: str, than: str) -> None:
    written = f"{n:,} {'more' if more else 'fewer'}{noun}{than}"
    e = parse_expectation(written, MeasureShape("change_absolute"))
    assert e.judge(Fraction(n if more else -n)).ok, (written, e.meaning)
    assert not e.judge(Fraction(-n if more else n)).ok


@settings(max_examples=300)
@given(parts=st.lists(st.sampled_from(
    ["a", "an", "11%", "49", "three", "times", "as many", "twice", "half", "more", "fewer", "than",
     "cases", "increase", "decline", "tumbled", "edged", "up", "down", "nearly", "close to", "doubling",
     "a third", "17", "-3", "points", "x", "or", "no"]), min_size=1, max_size=6),
    shape=shapes)
def test_composed_newspaper_words_raise_only_expectation_error(parts: list[str], shape: MeasureShape) -> None:
    try:
        parse_expectation(" ".join(parts), shape)
    except ExpectationError as exc:
        assert str(exc) and exc.hint


def test_every_change_noun_is_a_suffix_word() -> None:
    assert words.CHANGE_NOUNS <= set(words.UP_SUFFIXES) | set(words.DOWN_SUFFIXES)


@given(word=st.sampled_from(sorted(words.BARE_DIRECTIONS)), kind=st.sampled_from(KINDS[2:6]),
       unit=st.sampled_from(["fraction", "percent"]), value=st.fractions(min_value=-10, max_value=10))
def test_a_bare_direction_passes_exactly_the_values_on_its_side(word: str, kind: str, unit: str,
                                                                value: Fraction) -> None:
    """A direction alone ('fell', 'went up', 'higher'), on every change: a pass iff the change has the word's sign; else wrong_direction;
    and the same test as the wording that already said it, 'up more than 0…' / 'down more than 0…'."""
    shape = MeasureShape(kind, unit)  # type: ignore[arg-type]
    up = words.BARE_DIRECTIONS[word] == "up"
    judgement = parse_expectation(word, shape).judge(value)
    zero = Fraction(1 if kind == "change_ratio" else 0)
    assert judgement.ok is ((value > zero) if up else (value < zero))
    assert judgement.miss == (None if judgement.ok else "wrong_direction")
    unit_word = {"change_points": " points", "change_absolute": ""}.get(kind, "%")
    spelled = parse_expectation(f"{'up' if up else 'down'} more than 0{unit_word}", shape)
    assert spelled.judge(value).ok is judgement.ok



_TENSES = sorted({(form, past) for past in words.UP_PREFIXES + words.DOWN_PREFIXES
                  for passive in (False, True) for form in words.verb_forms(past, passive)})  # 'was cut' too


@given(pair=st.sampled_from(_TENSES), kind=st.sampled_from(KINDS[2:6]), value=st.fractions(min_value=-10, max_value=10))
def test_every_tense_of_a_direction_judges_as_its_past_tense(pair: tuple[str, str], kind: str, value: Fraction) -> None:
    """'is rising', 'has fallen', 'drops': the same verdict, the same meaning, as 'rose', 'fell',
    'dropped' (in the vocabulary) on every change and value."""
    form, past = pair
    shape = MeasureShape(kind)  # type: ignore[arg-type]
    read, known = parse_expectation(form, shape), parse_expectation(past, shape)
    assert (read.direction, read.meaning) == (known.direction, known.meaning)
    assert read.judge(value).ok is known.judge(value).ok


# sizes a change is written with, on each kind of change ({n}: a whole number)
_SIZES = {"change_percent": ("{n}%", "by {n}%", "nearly {n}%", "more than {n}%", "by a third", "about a quarter"),
          "change_points": ("{n} points", "about {n} points"), "change_absolute": ("{n}", "by {n}", "more than {n}"),
          "change_ratio": ("{n}%",)}


@given(pair=st.sampled_from(_TENSES), kind=st.sampled_from(sorted(_SIZES)), n=st.integers(min_value=1, max_value=500),
       pick=st.integers(min_value=0, max_value=5), value=st.fractions(min_value=-10, max_value=10))
@example(pair=("has risen", "rose"), kind="change_percent", n=5, pick=0, value=Fraction(1, 20))
@example(pair=("has fallen", "fell"), kind="change_percent", n=1, pick=4, value=Fraction(-1, 3))
@example(pair=("rises", "rose"), kind="change_percent", n=12, pick=0, value=Fraction(3, 25))
def test_every_tense_of_a_sized_change_reads_as_its_past_tense(pair: tuple[str, str], kind: str, n: int, pick: int,
                                                              value: Fraction) -> None:
    """'has risen 5%', 'is rising 5%', 'rises 12%', 'has fallen by a third': the same band, direction
    and verdict as 'rose 5%', 'fell by a third' (in the vocabulary), on every change and value."""
    form, past = pair
    sizes = _SIZES[kind]
    size = sizes[pick % len(sizes)].format(n=n)
    shape = MeasureShape(kind)  # type: ignore[arg-type]
    read, known = parse_expectation(f"{form} {size}", shape), parse_expectation(f"{past} {size}", shape)
    assert (read.direction, read.interval, read.qualifier) == (known.direction, known.interval, known.qualifier)
    assert read.judge(value).ok is known.judge(value).ok


@pytest.mark.parametrize(("written", "meaning"), [
    ("has risen 5%", "a rise rounding to 5%: 4.5% ≤ x < 5.5%"),
    ("is rising 5%", "a rise rounding to 5%: 4.5% ≤ x < 5.5%"),
    ("rises 12%", "a rise rounding to 12%: 11.5% ≤ x < 12.5%"),
    ("has gone down 3%", "a fall rounding to 3%: -3.5% < x ≤ -2.5%"),
    ("have been edging up 2%", "a rise rounding to 2%: 1.5% ≤ x < 2.5%"),
])
def test_a_sized_change_in_another_tense_reads(written: str, meaning: str) -> None:
    assert parse_expectation(written, MeasureShape("change_percent")).meaning == meaning


def test_a_third_in_another_tense_is_the_fall_of_a_third() -> None:
    read = parse_expectation("has fallen by a third", MeasureShape("change_percent"))
    assert read.direction == "down" and read.interval == parse_expectation("fell by a third", MeasureShape("change_percent")).interval


@pytest.mark.parametrize(("written", "value", "ok"), [
    ("0", Fraction(-1, 2), True), ("0", Fraction(1, 2), False), ("0", Fraction(-51, 100), False),
    ("0.0", Fraction(-5, 100), True), ("0%", Fraction(-5, 1000), True), ("0%", Fraction(5, 1000), False),
    ("-1", Fraction(-1, 2), True), ("-1", Fraction(-3, 2), False), ("1", Fraction(1, 2), True),
])
def test_zeros_band_is_the_documented_one(written: str, value: Fraction, ok: bool) -> None:
    """The example hypothesis drew ('0' held -0.5, which half away from zero makes -1): a zero's
    band is [-h, h), as documented; a negative figure's band is mirrored, (-1.5, -0.5]."""
    shape = MeasureShape("share" if written.endswith("%") else "number")
    assert parse_expectation(written, shape).judge(value).ok is ok
