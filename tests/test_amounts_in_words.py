"""Amounts written in words that the draft (and ``expect:``) misread: "a thousand million" (1,001,000),
"a quarter million" (a calendar quarter), "a half million" (the fraction 1/2), "a million and a
half" (two figures), "two point five hours" (the hours dropped), "at one point" (one percentage
point). Each reads as the amount it is, in the draft and in ``expect:`` alike, and the neighbours
that must not change ("the second quarter", "half of the cases", "rose one point") read as before.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from conftest import one_table
from hypothesis import given
from hypothesis import strategies as st
from test_spelled_numbers import under_a_thousand

from factcheck.draft.figures import figures_in_phrase, find_figures
from factcheck.draft.phrases import in_digits
from factcheck.expectations import MeasureShape, parse_expectation
from factcheck.expectations.spelled import read_spelled
from factcheck.outcome import Verdict

NUMBER = MeasureShape("number")
_SCALE = st.sampled_from([("thousand", 10**3), ("million", 10**6), ("billion", 10**9), ("trillion", 10**12)])


def figures(sentence: str) -> list[tuple[str, str, Fraction | None]]:
    """The draft's figures of one sentence: text, kind, value."""
    return [(f.text, f.kind, f.value) for s in find_figures(sentence) for f in s.figures]


def periods(sentence: str) -> list[str]:
    return [p.text for s in find_figures(sentence) for p in s.periods]


def band(written: str) -> tuple[float, float]:
    """The interval an ``expect:`` of a plain number reads as."""
    e = parse_expectation(written, NUMBER)
    assert e.interval is not None and e.interval.low is not None and e.interval.high is not None, e.meaning
    return float(e.interval.low), float(e.interval.high)


# --------------------------------------------------------------------------- a thousand million

@pytest.mark.parametrize(("sentence", "found"), [
    ("The scheme cost a thousand million pounds.", [("a thousand million", "number", 10**9)]),
    ("Reserves fell to two thousand million.", [("two thousand million", "number", 2 * 10**9)]),
    ("It cost one thousand five hundred million dollars.",
     [("one thousand five hundred million", "number", 15 * 10**8)]),
    # the neighbours, as they were
    ("A hundred thousand people marched.", [("A hundred thousand", "number", 100_000)]),
    ("A thousand people marched.", [("A thousand", "number", 1_000)]),
    ("Two million three hundred thousand voted.", [("Two million three hundred thousand", "number", 2_300_000)]),
])
def test_a_thousand_million_is_a_billion(sentence: str, found: list[tuple[str, str, int]]) -> None:
    """British usage: "a thousand million" is 1,000,000,000; the draft read it as 1,001,000 (a
    thousand, plus a million), and ``expect:`` could not read it at all."""
    assert figures(sentence) == found


def test_an_expect_of_a_thousand_million_rounds_at_the_million() -> None:
    assert band("a thousand million") == (999_500_000, 1_000_500_000)
    assert band("about a thousand million pounds") == (950_000_000, 1_050_000_000)
    assert in_digits("a thousand million") == "1,000 million"
    assert band("a hundred thousand") == (99_500, 100_500)  # as before
    assert band("a thousand") == (500, 1_500)


@pytest.mark.parametrize("words", ["a million thousand", "a million million", "two billion thousand million",
                                   "a thousand thousand", "thousand million", "a million billion"])
def test_only_thousand_may_stand_before_a_larger_scale(words: str) -> None:
    """"a thousand million" is a British billion; no other scale multiplies the next one."""
    assert read_spelled(words) is None


# --------------------------------------------------------------------------- a quarter million, a half million

@pytest.mark.parametrize(("sentence", "found"), [
    ("The state spent a quarter million on it.", [("a quarter million", "number", 250_000)]),
    ("A quarter-million people live there.", [("A quarter-million", "number", 250_000)]),
    ("She won a quarter-million-dollar grant.", [("a quarter-million", "number", 250_000)]),
    ("The fund lost about a quarter million.", [("about a quarter million", "number", 250_000)]),
    ("They paid one quarter of a million dollars.", [("one quarter of a million", "number", 250_000)]),
    ("Three-quarters of a million people voted.", [("Three-quarters of a million", "number", 750_000)]),
    ("One-quarter of a million people voted.", [("One-quarter of a million", "number", 250_000)]),
    ("Two-thirds of a million people voted.", [("Two-thirds of a million", "number", Fraction(2_000_000, 3))]),
    ("The city spent a half million on repairs.", [("a half million", "number", 500_000)]),
    ("A half-million residents lost power.", [("A half-million", "number", 500_000)]),
    ("The half billion was never spent.", [("half billion", "number", 500_000_000)]),
    ("Nearly a half million people left.", [("Nearly a half million", "number", 500_000)]),
])
def test_a_part_of_a_scale_without_of_is_an_amount(sentence: str, found: list[tuple[str, str, int]]) -> None:
    """"a quarter million" was a calendar quarter (a period, no figure at all) and "a half million"
    the fraction 1/2; each is the amount, as "a quarter of a million" and "half a million" were."""
    assert figures(sentence) == found
    assert periods(sentence) == []


@pytest.mark.parametrize(("sentence", "found", "named"), [  # the neighbours, as they were
    ("Sales rose in the second quarter.", [], ["the second quarter"]),
    ("A quarter of the victims were children.", [("A quarter", "fraction", Fraction(1, 4))], []),
    ("Three quarters of the vote went to Lee.", [("Three quarters", "fraction", Fraction(3, 4))], []),
    ("Half of the cases were dropped.", [("Half", "fraction", Fraction(1, 2))], []),
    ("Half a million people voted.", [("Half a million", "number", 500_000)], []),
    ("They paid a quarter of a million dollars.", [("a quarter of a million", "number", 250_000)], []),
    ("The wait was a quarter of an hour.", [("a quarter of an hour", "number", Fraction(1, 4))], []),
    ("Profits fell in the first half.", [], ["the first half"]),
    ("Half a dozen agencies agreed.", [("Half a dozen", "number", 6)], []),
    ("It reached one and a half million.", [("one and a half million", "number", 1_500_000)], []),
    ("Two quarters later, rents fell.", [], ["Two quarters"]),
])
def test_the_parts_around_an_amount_read_as_before(sentence: str, found: list[tuple[str, str, object]],
                                                  named: list[str]) -> None:
    assert figures(sentence) == found
    assert periods(sentence) == named


@pytest.mark.parametrize(("written", "low", "high"), [
    ("a quarter million", 237_500, 262_500),       # a fraction's band, as "a quarter of a million" has
    ("a quarter-million dollars", 237_500, 262_500),
    ("a half million", 475_000, 525_000),
    ("a half-million", 475_000, 525_000),
    ("three-quarters of a million", 712_500, 787_500),
    ("one quarter of a million", 237_500, 262_500),
    ("about a quarter million", 237_500, 262_500),  # as "about a quarter of a million"
    # as before
    ("a quarter of a million", 237_500, 262_500),
    ("half a million", 475_000, 525_000),
    ("one and a half million", 1_450_000, 1_550_000),
    ("two and a half million", 2_450_000, 2_550_000),
])
def test_an_expect_of_a_part_of_a_scale(written: str, low: float, high: float) -> None:
    """``expect: a quarter million`` could not be read; it reads as the draft's figure does."""
    assert band(written) == (low, high)
    [figure] = [f for f in figures_in_phrase(written)]
    assert figure.value is not None and low <= figure.value <= high, figure


def test_a_quarter_and_half_in_an_expect_are_still_fractions() -> None:
    share = MeasureShape("share")
    assert parse_expectation("a quarter", share).meaning == "a quarter: 23.75% ≤ x ≤ 26.25%"
    assert parse_expectation("half", share).meaning == "half: 47.5% ≤ x ≤ 52.5%"
    assert parse_expectation("three quarters", share).meaning == "three quarters: 71.25% ≤ x ≤ 78.75%"


def test_a_claim_of_a_quarter_million_is_checked(tmp_path: Path) -> None:
    rows = ["id,amount", "1,200000", "2,50000"]
    r = one_table(tmp_path, rows, "{sum: amount, of: t}", "a quarter million dollars",
                  says="The state spent a quarter million dollars")
    assert r.verdict == Verdict.PASS, r.message
    r = one_table(tmp_path, rows, "{sum: amount, of: t}", "a half million", says="The state spent a half million")
    assert r.verdict == Verdict.FAIL, r.message


# --------------------------------------------------------------------------- a million and a half

@pytest.mark.parametrize(("sentence", "found"), [
    ("It cost a million and a half dollars.", [("a million and a half", "number", 1_500_000)]),
    ("It cost a million and a half.", [("a million and a half", "number", 1_500_000)]),
    ("Two million and a half people voted.", [("Two million and a half", "number", 2_500_000)]),
    ("The deficit was nearly a billion and a half.", [("nearly a billion and a half", "number", 1_500_000_000)]),
    ("Some 3 million and a half tickets sold.", [("Some 3 million and a half", "number", 3_500_000)]),
])
def test_a_scale_and_a_half_is_one_amount(sentence: str, found: list[tuple[str, str, int]]) -> None:
    """"a million and a half" was two figures, a million and the fraction "a half"."""
    assert figures(sentence) == found


@pytest.mark.parametrize(("sentence", "found"), [  # the neighbours, as they were
    ("A million people and a half-dozen agencies took part.",
     [("A million", "number", 1_000_000), ("a half-dozen", "number", 6)]),
    ("It cost a million, and a half of that was wasted.",
     [("a million", "number", 1_000_000), ("a half", "fraction", Fraction(1, 2))]),
    ("It cost a million and a half-dozen cars.", [("a million", "number", 1_000_000), ("a half-dozen", "number", 6)]),
    ("One and a half million people voted.", [("One and a half million", "number", 1_500_000)]),
    ("Patients waited an hour and a half.", [("an hour and a half", "number", Fraction(3, 2))]),
])
def test_a_half_after_a_scale_only_when_it_ends_the_amount(sentence: str,
                                                           found: list[tuple[str, str, object]]) -> None:
    assert figures(sentence) == found


@pytest.mark.parametrize(("written", "low", "high"), [
    ("a million and a half", 1_450_000, 1_550_000),     # as "one and a half million" and "1.5 million"
    ("a million and a half dollars", 1_450_000, 1_550_000),
    ("two million and a half", 2_450_000, 2_550_000),
])
def test_an_expect_of_a_scale_and_a_half(written: str, low: float, high: float) -> None:
    assert band(written) == (low, high)
    assert [f.value for f in figures_in_phrase(written)] == [Fraction(low + high, 2)]



@given(st.integers(1, 99), _SCALE)
def test_any_count_and_a_half_of_a_scale_reads_the_same_in_the_draft_and_expect(count: int,
                                                                              scale: tuple[str, int]) -> None:
    """"twenty-five and a half million" was 25 and the fraction 1/2 in the draft, and expect: could
    not read "thirteen and a half million" (its own list of count words stopped at twelve)."""
    name, size = scale
    words = f"{under_a_thousand(count)} and a half {name}"
    value = (count + Fraction(1, 2)) * size
    assert [(f.text, f.value) for f in figures_in_phrase(words)] == [(words, value)]
    e = parse_expectation(words, NUMBER)
    assert e.interval is not None and e.interval.contains(value), (words, e.meaning)

# --------------------------------------------------------------------------- a spoken decimal and its unit

@pytest.mark.parametrize(("spoken", "digits"), [
    ("two point five hours", "2.5 hours"),
    ("one point five days", "1.5 days"),
    ("four point two minutes", "4.2 minutes"),
    ("three point five years", "3.5 years"),
    ("twelve point seven weeks", "12.7 weeks"),
    ("one point two billion dollars", "1.2 billion dollars"),
    ("three point five percent", "3.5 percent"),
    ("two point five percentage points", "2.5 percentage points"),
    ("zero point five percent", "0.5 percent"),
])
def test_a_decimal_in_words_keeps_its_unit_as_its_digits_do(spoken: str, digits: str) -> None:
    """"The wait averaged two point five hours" was the number 2.5 and no hours (so no duration a
    claim in minutes could check), where "2.5 hours" is a duration: the same figure now, whatever
    unit follows."""
    said, written = figures(f"The wait averaged {spoken}."), figures(f"The wait averaged {digits}.")
    assert [(k, v) for _, k, v in said] == [(k, v) for _, k, v in written], (said, written)
    assert [t.split()[-1] for t, _, _ in said] == [t.split()[-1] for t, _, _ in written], (said, written)


@pytest.mark.parametrize(("sentence", "found", "named"), [  # the neighbours, as they were
    ("The index rose to two point five.", [("two point five", "number", Fraction(5, 2))], []),
    ("Two point five hours later, the polls closed.", [], ["Two point five hours"]),
    ("Two hours later, the polls closed.", [], ["Two hours"]),
    ("The point five hours were lost.", [("five hours", "number", 5)], []),
])
def test_a_decimal_before_a_unit_is_read_as_its_digits_would_be(sentence: str, found: list[tuple[str, str, object]],
                                                                named: list[str]) -> None:
    assert figures(sentence) == found
    assert periods(sentence) == named


def test_a_claim_of_a_decimal_duration_in_words_checks_in_minutes(tmp_path: Path) -> None:
    """The draft's figure and the claim's expect: agree: "two point five hours" is 150 minutes."""
    rows = ["id,wait_minutes", "1,140", "2,160"]
    says = "The wait averaged two point five hours"
    r = one_table(tmp_path, rows, "{mean: wait_minutes, of: t}", "two point five hours", says=says)
    assert r.verdict == Verdict.PASS, r.message
    [figure] = [f for s in find_figures(says + ".") for f in s.figures]
    assert figure.text == "two point five hours" and parse_expectation(figure.text, NUMBER).meaning.startswith(
        "rounds to 2.5 hours")


# --------------------------------------------------------------------------- at one point

@pytest.mark.parametrize(("sentence", "found"), [
    ("At one point, the line stretched around the block.", []),
    ("At one point the line stretched around the block.", []),
    ("It was at one point the largest in the state.", [("the largest", "extreme", None)]),
    ("Turnout was higher at one point.", []),
    ("He was, at one point, ahead by one point.", [("one point", "points", Fraction(1, 100))]),
    ("At one point two officers were guarding 40 inmates.", [("two", "number", 2), ("40", "number", 40)]),
    ("At one point five hundred protesters blocked the road.", [("five hundred", "number", 500)]),
])
def test_at_one_point_is_at_some_time(sentence: str, found: list[tuple[str, str, object]]) -> None:
    """"At one point" says when, not by how much: it was a change of one percentage point."""
    assert figures(sentence) == found


@pytest.mark.parametrize(("sentence", "found"), [
    # the neighbours, as they were
    ("Approval rose one point in May.", [("one point", "points", Fraction(1, 100))]),
    ("Approval was one point higher.", [("one point", "points", Fraction(1, 100))]),
    ("The lead stood at one point.", [("one point", "points", Fraction(1, 100))]),
    ("The gap held at one point for a week.", [("one point", "points", Fraction(1, 100))]),
    ("Her lead was at one point.", [("one point", "points", Fraction(1, 100))]),
    ("The gap narrowed at one percentage point.", [("one percentage point", "points", Fraction(1, 100))]),
    # a level the figure stood at, in words: the decimal, not one point and then another figure
    ("The rate stood at one point five percent.", [("one point five percent", "percent", Fraction(15, 1000))]),
    ("The index stood at two point five.", [("two point five", "number", Fraction(5, 2))]),
    ("Unemployment peaked at two point five percent.", [("two point five percent", "percent", Fraction(25, 1000))]),
])
def test_one_point_after_a_level_is_a_figure(sentence: str, found: list[tuple[str, str, object]]) -> None:
    assert figures(sentence) == found


# --------------------------------------------------------------------------- properties


@given(st.integers(1, 99), _SCALE)  # "two hundred million and a half" is left as it was: no one writes it
def test_any_count_of_a_scale_and_a_half_reads_the_same_in_the_draft_and_expect(count: int,
                                                                              scale: tuple[str, int]) -> None:
    name, size = scale
    words = f"{under_a_thousand(count)} {name} and a half"
    value = (count + Fraction(1, 2)) * size
    assert [(f.text, f.value) for f in figures_in_phrase(words)] == [(words, value)]
    e = parse_expectation(words, NUMBER)
    assert e.interval is not None and e.interval.contains(value), (words, e.meaning)


@given(st.integers(1, 999), st.integers(0, 999), st.sampled_from([("million", 10**6), ("billion", 10**9)]))
def test_any_count_of_thousands_of_a_scale_is_that_many_thousand(thousands: int, rest: int,
                                                                 scale: tuple[str, int]) -> None:
    """"two thousand five hundred million" is 2,500 million, in the draft and in expect:."""
    name, size = scale
    words = f"{under_a_thousand(thousands)} thousand {under_a_thousand(rest)} {name}".replace("  ", " ")
    value = (thousands * 1000 + rest) * size
    assert [f.value for s in find_figures(f"The bill came to {words}.") for f in s.figures] == [value], words
    e = parse_expectation(words, NUMBER)
    assert e.interval is not None and (e.interval.low, e.interval.high) == (value - size // 2, value + size // 2)


# --------------------------------------------------------------------------- one reader of number words

def test_words_that_state_no_number_have_no_value() -> None:
    """The draft fell back on a second, lenient reader of its own when read_spelled refused the
    words, and it summed whatever it saw: "two three" was 5, "two million three million" 5,000,000,
    and init wrote them as the claim's expect:. One reader now: such words have no value."""
    assert in_digits("two three") is None and in_digits("a hundred hundred") is None
    assert figures("They counted two million three million votes.") == [
        ("two million three million", "number", None)]


@pytest.mark.parametrize(("sentence", "found"), [  # the words only the draft counts, as before
    ("Patients waited an hour.", [("an hour", "number", 1)]),
    ("Costs rose a hundredfold.", [("hundredfold", "multiple", 100)]),
    ("A dozen agencies agreed.", [("A dozen", "number", 12)]),
    ("It was one in a thousand.", [("one in a thousand", "fraction", Fraction(1, 1000))]),
    ("Some three hundred and five people came.", [("Some three hundred and five", "number", 305)]),
])
def test_the_draft_still_reads_a_lone_article_and_a_dozen(sentence: str, found: list[tuple[str, str, object]]) -> None:
    assert figures(sentence) == found
    assert in_digits("a dozen") == "12" and in_digits("two dozen") == "24" and in_digits("Eleven") == "11"


# --------------------------------------------------------------------------- a part of a scale is no share

@pytest.mark.parametrize("expect", ["a quarter million", "half a million", "a half-million dollars",
                                    "a million and a half"])
def test_a_ratio_judged_against_a_part_of_a_scale_is_a_number(tmp_path: Path, expect: str) -> None:
    """A ratio is read as a share when its expect: speaks of a part of a whole; "a quarter
    million" (the average price, sum over count) named "quarter" and was refused as more than
    100% of a share."""
    rows = ["id,price", "1,200000", "2,300000", "3,250000", "4,1250000", "5,1750000", "6,400000", "7,600000"]
    value = {"a quarter million": 250_000, "half a million": 500_000, "a half-million dollars": 500_000,
             "a million and a half": 1_500_000}[expect]
    keep = {250_000: "id < 4", 500_000: "id > 5", 1_500_000: "id > 3 and id < 6"}[value]
    measure = f"{{ratio: {{numerator: {{sum: price, of: t, where: \"{keep}\"}}, denominator: {{count: t, where: \"{keep}\"}}}}}}"
    r = one_table(tmp_path, rows, measure, expect)
    assert r.verdict == Verdict.PASS, r.message


def test_a_ratio_judged_against_a_fraction_is_still_a_share(tmp_path: Path) -> None:
    rows = ["id,ok", "1,1", "2,0", "3,0", "4,0"]
    r = one_table(tmp_path, rows, "{ratio: {numerator: {count: t, where: \"ok == 1\"}, denominator: {count: t}}}",
                  "a quarter")
    assert r.verdict == Verdict.PASS and "25%" in r.message, r.message


# --------------------------------------------------------------------------- init writes what expect: reads

def test_init_writes_a_percent_or_points_in_words_as_digits(tmp_path: Path) -> None:
    """"Approval rose one point" is one point; init wrote `expect: up one point`, which expect:
    refuses ("write the number in digits: up 1 point"), and so for "fell five percent"."""
    import yaml
    from typer.testing import CliRunner

    from factcheck.cli import app

    (tmp_path / "t.csv").write_text("id,amount\n1,250000\n", encoding="utf-8")
    (tmp_path / "story.md").write_text(
        "# Polls\n\nApproval rose one point in May. Turnout fell five percent. Costs rose three point five percent."
        " The state spent a quarter million dollars. At one point, the line stretched for a mile.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["init", str(tmp_path / "story.md"), str(tmp_path / "t.csv")])
    assert result.exit_code == 0, result.output
    claims = yaml.safe_load((tmp_path / "story.claims.yaml").read_text(encoding="utf-8"))["claims"]
    expects = [c["expect"] for c in claims]
    assert expects == ["up 1 point", "down 5 percent", "up 3.5 percent", "a quarter million"], expects
    shapes = [MeasureShape("change_points"), MeasureShape("change_percent"), MeasureShape("change_percent"), NUMBER]
    for expect, shape in zip(expects, shapes, strict=True):
        parse_expectation(expect, shape)  # each reads


@pytest.mark.parametrize(("written", "digits"), [
    ("one point", "1 point"), ("five percent", "5 percent"), ("more than five percent", "more than 5 percent"),
    ("two percentage points", "2 percentage points"), ("three point five percent", "3.5 percent"),
    ("Eleven", "11"), ("one point two billion", "1.2 billion"), ("a quarter million", None), ("59%", None),
])
def test_in_digits_keeps_the_unit_of_a_percent_or_points(written: str, digits: str | None) -> None:
    assert in_digits(written) == digits


# --------------------------------------------------------------------------- dozens

@pytest.mark.parametrize(("sentence", "found"), [
    ("Two dozen agencies agreed.", [("Two dozen", "number", 24)]),
    ("Nearly three dozen schools closed.", [("Nearly three dozen", "number", 36)]),
    ("A half-dozen agencies agreed.", [("A half-dozen", "number", 6)]),
    ("A half dozen agencies agreed.", [("A half dozen", "number", 6)]),
    # as before
    ("Half a dozen agencies agreed.", [("Half a dozen", "number", 6)]),
    ("A dozen agencies agreed.", [("A dozen", "number", 12)]),
    ("Dozens of agencies agreed.", [("Dozens", "number", None)]),
    ("A million people and a half-dozen agencies took part.",
     [("A million", "number", 1_000_000), ("a half-dozen", "number", 6)]),
])
def test_a_count_of_dozens_is_one_number(sentence: str, found: list[tuple[str, str, object]]) -> None:
    """"Two dozen agencies" was the number 2, and "a half-dozen" no figure at all (the one reader
    of number words counts dozens, so the draft can read them)."""
    assert figures(sentence) == found


# --------------------------------------------------------------------------- the article's coverage

def test_a_draft_of_amounts_in_words_is_covered_by_claims_in_the_same_words(tmp_path: Path) -> None:
    """Each amount is one figure, checked by the claim that says it: "a million and a half" was two
    figures (the half never covered), "at one point" a figure no claim could check."""
    import json

    from typer.testing import CliRunner

    from factcheck.cli import app

    (tmp_path / "t.csv").write_text("id,amount,wait_minutes\n1,250000,140\n2,1500000,160\n3,1000000000,150\n",
                                    encoding="utf-8")
    (tmp_path / "story.md").write_text(
        "The state spent a quarter million dollars on signs.\n\n"
        "The bridge cost a million and a half dollars.\n\n"
        "At one point, the wait averaged two point five hours.\n\n"
        "The scheme cost a thousand million pounds.\n", encoding="utf-8")

    def claim(cid: str, says: str, measure: str, expect: str) -> str:
        return f"  - id: {cid}\n    says: {says}\n    measure: {measure}\n    expect: {expect}\n"

    (tmp_path / "c.yaml").write_text(
        "version: 1\ntables:\n  t: {path: t.csv}\narticle: story.md\nclaims:\n"
        + claim("signs", "The state spent a quarter million dollars on signs", "{max: amount, of: t, where: \"id == 1\"}",
                "a quarter million")
        + claim("bridge", "The bridge cost a million and a half dollars", "{max: amount, of: t, where: \"id == 2\"}",
                "a million and a half dollars")
        + claim("wait", "the wait averaged two point five hours", "{mean: wait_minutes, of: t}", "two point five hours")
        + claim("scheme", "The scheme cost a thousand million pounds", "{max: amount, of: t}", "a thousand million"),
        encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(tmp_path / "c.yaml"), "--require-coverage",
                                      "--json", str(tmp_path / "r.json")])
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [r["verdict"] for r in report["results"]] == ["pass"] * 4, report["results"]


@pytest.mark.parametrize(("sentence", "found"), [
    ("The economy grew at one point five percent.", [("one point five percent", "percent", Fraction(15, 1000))]),
    ("Prices rose at one point two percent a year.", [("one point two percent", "percent", Fraction(12, 1000))]),
    ("Inflation was running at one point eight per cent.",
     [("one point eight per cent", "percent", Fraction(18, 1000))]),
    # the idiom, as before
    ("Turnout rose at one point, then fell.", []),
    ("Sales fell at one point to 40.", [("40", "number", 40)]),
    ("At one point five percent of homes lacked power.", [("five percent", "percent", Fraction(5, 100))]),
])
def test_a_rate_at_one_point_five_percent_is_a_decimal(sentence: str, found: list[tuple[str, str, object]]) -> None:
    """"grew at one point five percent" is a rate of 1.5%, not "at one time" and then 5%."""
    assert figures(sentence) == found
