"""The passive voice reporters write a change in ("has been slashed by a third", "was cut in half",
"were halved", "has been doubled"), read by `expect:` and by `init` alike; and a forecast ("is
expected to rise") refused with a hint that says why, not a figure read from it."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.draft.phrases import scan
from factcheck.expectations import ExpectationError, MeasureShape, parse_expectation
from factcheck.expectations import vocabulary as words
from factcheck.starter import _expect

PERCENT, RATIO = MeasureShape("change_percent"), MeasureShape("change_ratio")


@pytest.mark.parametrize(("passive", "active", "shape"), [
    ("has been slashed by a third", "slashed by a third", PERCENT),
    ("was cut by 20%", "cut by 20%", PERCENT),
    ("has been cut 20%", "down 20%", PERCENT),
    ("were increased by 5%", "increased by 5%", PERCENT),
    ("had been trimmed 3%", "trimmed 3%", PERCENT),
    ("was shrunk by 10%", "shrank by 10%", PERCENT),
    ("has been reduced by 5%", "down 5%", PERCENT),
    ("was raised 3%", "up 3%", PERCENT),
    ("was cut in half", "halved", RATIO),
    ("were halved", "halved", RATIO),
    ("has been doubled", "doubled", RATIO),
    ("has doubled", "doubled", RATIO),
    ("had been tripled", "tripled", RATIO),
    ("slashed in half", "halved", PERCENT),
    ("has nearly doubled", "nearly doubled", RATIO),
    ("has more than doubled", "more than doubled", RATIO),
    ("was more than halved", "more than halved", PERCENT),
    ("was nearly cut in half", "nearly halved", RATIO),
])
def test_a_passive_reads_as_the_active_it_says(passive: str, active: str, shape: MeasureShape) -> None:
    """Each was refused ("cannot read 'was cut in half'")."""
    read, known = parse_expectation(passive, shape), parse_expectation(active, shape)
    assert (read.interval, read.direction) == (known.interval, known.direction)


@pytest.mark.parametrize(("written", "direction"), [("was slashed", "down"), ("were lowered", "down"),
                                                    ("has been increased", "up"), ("were cut", "down")])
def test_a_passive_alone_is_a_change_of_any_size(written: str, direction: str) -> None:
    """'was slashed' was refused with the hint "'was' gives no figure to check"."""
    e = parse_expectation(written, PERCENT)
    assert e.any_size and e.direction == direction


def test_the_participles_are_the_irregular_ones() -> None:
    assert "was shrunk" in words.verb_forms("shrank", passive=True)
    assert "has been cut" in words.verb_forms("cut", passive=True)
    assert words.verb_forms("reduced")[:2] == ("reduces", "reducing")  # not 'reducs'
    for intransitive in ("rose", "fell", "grew", "went up", "soared", "plunged"):
        assert words.verb_forms(intransitive, passive=True) == (), intransitive  # no one 'was risen'
    for form in ("was risen", "has been fallen", "is grown", "was rose"):
        assert form not in words.SIZED_DIRECTIONS and form not in words.BARE_DIRECTIONS


_PASSIVES = sorted({(form, past) for past in words.UP_PREFIXES + words.DOWN_PREFIXES
                    for form in words.verb_forms(past, passive=True)})
_MULTIPLE_TENSES = sorted(w for w in words.MULTIPLES if " " in w)


def test_every_verb_that_takes_an_object_has_a_passive() -> None:
    assert {past for _, past in _PASSIVES} == words.TAKES_AN_OBJECT - {"doubled", "tripled", "trebled",
                                                                        "quadrupled", "halved"}


@given(pair=st.sampled_from(_PASSIVES), n=st.integers(1, 500), by=st.booleans(),
       value=st.fractions(min_value=-10, max_value=10))
def test_every_passive_of_a_sized_change_judges_as_its_past_tense(pair: tuple[str, str], n: int, by: bool,
                                                                 value: Fraction) -> None:
    form, past = pair
    size = f"{'by ' if by else ''}{n}%"
    read, known = parse_expectation(f"{form} {size}", PERCENT), parse_expectation(f"{past} {size}", PERCENT)
    assert (read.direction, read.interval) == (known.direction, known.interval)
    assert read.judge(value).ok is known.judge(value).ok


@given(form=st.sampled_from(_MULTIPLE_TENSES), kind=st.sampled_from([PERCENT, RATIO]),
       value=st.fractions(min_value=0, max_value=5))
def test_every_tense_of_a_multiple_judges_as_the_multiple(form: str, kind: MeasureShape, value: Fraction) -> None:
    """'has been doubled', 'is halving', 'were cut in half': as 'doubled', 'halved' on every value."""
    stated = words.MULTIPLES[form]
    base = next(w for w in ("doubled", "tripled", "quadrupled", "halved") if words.MULTIPLES[w] == stated)
    change = value - 1 if kind is PERCENT else value
    assert parse_expectation(form, kind).judge(change).ok is parse_expectation(base, kind).judge(change).ok


@pytest.mark.parametrize("written", ["is expected to", "is expected to rise 5%", "will be cut in half",
                                     "is set to double", "are projected to fall"])
def test_a_forecast_is_refused_saying_it_is_one(written: str) -> None:
    """'is expected to rise' was refused with "'is expected to' gives no figure to check: write 'rise'",
    which proposed checking a forecast as a change that happened."""
    with pytest.raises(ExpectationError) as err:
        parse_expectation(written, PERCENT)
    assert "forecast" in err.value.hint and "gives no figure" not in err.value.hint


@pytest.mark.parametrize(("sentence", "figure", "kind", "expected"), [
    ("Spending was cut by 20% in 2020.", "20%", "percent", "down 20%"),
    ("Spending has been slashed by a third.", "a third", "fraction", "down a third"),
    ("Fees were reduced 5 points.", "5 points", "points", "down 5 points"),
    ("Staff was cut by 40 in 2023.", "40", "number", "down 40"),
    ("Fares were raised 3%.", "3%", "percent", "up 3%"),
    ("The city cut 200 jobs.", "200", "number", "200"),  # a number's change needs its "by"
])
def test_init_writes_the_direction_of_a_passive(sentence: str, figure: str, kind: str, expected: str) -> None:
    """"was cut by 20%" was written `20%`, which a change then refused for want of a direction."""
    assert _expect(sentence, sentence.index(figure), figure, kind) == expected


@pytest.mark.parametrize(("sentence", "found"), [
    ("The budget was cut in half in 2020.", "cut in half"),
    ("Spending was slashed in half.", "slashed in half"),
    ("Fines were halved.", "halved"),
    ("The fund has been doubled since 2019.", "doubled"),
])
def test_the_finder_reads_a_passive_multiple_as_expect_does(sentence: str, found: str) -> None:
    """"cut in half" was found as the fraction 'half' (1/2 of something), not the multiple 0.5."""
    figures, _ = scan(sentence)
    assert [(f.kind, sentence[f.start:f.end]) for f in figures] == [("multiple", found)]
    span = figures[0]
    assert span.value == (Fraction(1, 2) if "half" in found or "halved" in found else Fraction(2))
    e = parse_expectation(found, RATIO)
    assert e.judge(span.value).ok  # the finder's value passes the expect init writes


def test_a_forecast_in_an_article_is_no_figure() -> None:
    assert scan("Arrests are expected to rise.")[0] == []
