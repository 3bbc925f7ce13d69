"""Figures written in words that the draft and ``expect:`` read wrongly, or not at all, and now read
as one amount, the same in both:

1. "a million and a quarter" was "a million" and a calendar quarter (and ``expect:`` refused it);
   "one and a quarter million" was "a quarter million" (250,000).
2. "half a million-dollar budget" is the fraction half of a budget of a million, as "half of a
   million-dollar budget" is: never 500,000.
3. "a quarter-century" was a period "a quarter"; it is 25 years ("half a century" 50).
4. "a two-million-dollar grant" was the figure 2; it is 2,000,000.
5. "thirteen years", "forty-five minutes", "twenty-one times" were refused by ``expect:``, whose
   table of count words stopped at a few; every count in words now reads.
6. :func:`read_spelled` reads the parts of a scale ("half a million"), so that ``suggest``'s
   thresholds read them there, not through the draft's figure finder.

The numbers are spelled by a small speller of this file, so the property tests do not lean on the
code they test.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.draft.figures import figures_in_phrase, find_figures
from factcheck.expectations import MeasureShape, parse_expectation
from factcheck.expectations.spelled import read_spelled
from factcheck.suggest.thresholds import phrases

NUMBER = MeasureShape("number")
RATIO = MeasureShape("change_ratio")

# --------------------------------------------------------------------------- a small speller

_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
         "seventeen eighteen nineteen".split()
_DECADES = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALE_NAMES = [(10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (10**3, "thousand")]


def _small(n: int, joint: str, and_: bool) -> list[str]:
    """1..999 as words; ``joint`` joins a ten and a one ('forty-two' or 'forty two')."""
    out: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        out += [_UNITS[hundreds], "hundred"]
        if rest and and_:
            out.append("and")
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        out.append(f"{_DECADES[tens]}{joint}{_UNITS[ones]}" if ones else _DECADES[tens])
    elif rest:
        out.append(_UNITS[rest])
    return out


def spell(n: int, joint: str = "-", and_: bool = False) -> str:
    """0..10^12 in words: 2,500,042 → 'two million five hundred thousand forty-two'."""
    if n == 0:
        return "zero"
    out: list[str] = []
    for size, name in _SCALE_NAMES:
        count, n = divmod(n, size)
        if count:
            out += [*_small(count, joint, and_), name]
    if n:
        if out and and_ and n < 100:
            out.append("and")  # British: 'one million and one'
        out += _small(n, joint, and_)
    return " ".join(out)


def test_the_speller() -> None:
    assert spell(2_500_042) == "two million five hundred thousand forty-two"
    assert spell(1_000_001, and_=True) == "one million and one"
    assert spell(342, joint=" ", and_=True) == "three hundred and forty two"
    assert spell(10**12) == "one trillion"


def figures(sentence: str) -> list[tuple[str, str, Fraction | None]]:
    return [(f.text, f.kind, f.value) for s in find_figures(sentence) for f in s.figures]


def periods(sentence: str) -> list[str]:
    return [p.text for s in find_figures(sentence) for p in s.periods]


def band(written: str, shape: MeasureShape = NUMBER) -> tuple[Fraction, Fraction]:
    e = parse_expectation(written, shape)
    assert e.interval is not None and e.interval.low is not None and e.interval.high is not None, e.meaning
    return e.interval.low, e.interval.high


def run_story(tmp_path: Path, csv: str, story: str, claims: list[tuple[str, str, str, str]]) -> list[str]:
    """``factcheck run --require-coverage`` on a claims file whose article is ``story``: the verdicts."""
    (tmp_path / "t.csv").write_text(csv, encoding="utf-8")
    (tmp_path / "story.md").write_text(story, encoding="utf-8")
    body = "".join(f"  - id: {cid}\n    says: {says}\n    measure: {measure}\n    expect: {expect}\n"
                   for cid, says, measure, expect in claims)
    (tmp_path / "c.yaml").write_text(f"version: 1\ntables:\n  t: {{path: t.csv}}\narticle: story.md\nclaims:\n{body}",
                                     encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(tmp_path / "c.yaml"), "--require-coverage", "--json",
                                      str(tmp_path / "r.json")])
    assert result.exit_code in (0, 1), result.output
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert result.exit_code == 0, (result.output, report["results"])
    return [r["verdict"] for r in report["results"]]


# --------------------------------------------------------------------------- 1. a million and a quarter

@pytest.mark.parametrize(("sentence", "found"), [
    ("The bridge cost a million and a quarter dollars.", [("a million and a quarter", "number", 1_250_000)]),
    ("Two billion and three quarters was borrowed.", [("Two billion and three quarters", "number", 2_750_000_000)]),
    ("One and a quarter million people moved.", [("One and a quarter million", "number", 1_250_000)]),
    ("They raised one-and-a-quarter million dollars.", [("one-and-a-quarter million", "number", 1_250_000)]),
    # the neighbours, as before
    ("The bridge cost a million and a half dollars.", [("a million and a half", "number", 1_500_000)]),
    ("Sales rose in the second quarter.", []),
    ("A quarter million people moved.", [("A quarter million", "number", 250_000)]),
])
def test_a_scale_and_a_quarter_is_one_amount(sentence: str, found: list[tuple[str, str, int]]) -> None:
    """"a million and a quarter" was "a million" and the period "a quarter"; "one and a quarter
    million" a quarter million; "two billion and three quarters" 2,000,000,003 quarters of a year."""
    assert figures(sentence) == found
    assert "a quarter" not in periods(sentence)


@pytest.mark.parametrize(("written", "low", "high"), [
    ("a million and a quarter", 1_245_000, 1_255_000),
    ("one and a quarter million", 1_245_000, 1_255_000),
    ("two billion and three quarters", 2_745_000_000, 2_755_000_000),
    ("about a million and a quarter dollars", 1_187_500, 1_312_500),
    ("a million and a half", 1_450_000, 1_550_000),  # as before
])
def test_an_expect_of_a_scale_and_a_quarter_reads_as_its_digits(written: str, low: int, high: int) -> None:
    """Refused before ("cannot read 'a million and a quarter'"); now as '1.25 million' reads."""
    assert band(written) == (low, high)


@given(st.integers(1, 999), st.sampled_from([("thousand", 10**3), ("million", 10**6), ("billion", 10**9)]),
       st.sampled_from([("a half", Fraction(1, 2)), ("a quarter", Fraction(1, 4)), ("three quarters", Fraction(3, 4))]),
       st.booleans())
@example(1, ("million", 10**6), ("a quarter", Fraction(1, 4)), False)
def test_any_count_of_a_scale_and_a_part_is_the_same_amount_in_the_draft_and_expect(
        count: int, scale: tuple[str, int], part: tuple[str, Fraction], before: bool) -> None:
    """'two hundred and six million and a quarter', 'forty-one and three quarters billion': one amount."""
    words = f"{spell(count)} and {part[0]} {scale[0]}" if before else f"{spell(count)} {scale[0]} and {part[0]}"
    value = (count + part[1]) * scale[1]
    assert figures(f"They spent {words} dollars.") == [(words, "number", value)]
    assert read_spelled(words) is not None and read_spelled(words).value == value  # type: ignore[union-attr]
    low, high = band(words)
    assert low < value < high and (low + high) / 2 == value


def test_a_claim_of_a_million_and_a_quarter_covers_its_figure(tmp_path: Path) -> None:
    verdicts = run_story(tmp_path, "id,amount\n1,1250000\n", "The bridge cost a million and a quarter dollars.\n",
                         [("bridge", "The bridge cost a million and a quarter dollars", "{max: amount, of: t}",
                           "a million and a quarter")])
    assert verdicts == ["pass"]


def test_a_threshold_of_a_million_and_a_quarter_dollars() -> None:
    """suggest's thresholds read it as the draft does (it was no threshold at all)."""
    assert [(p.op, p.number, p.noun) for p in phrases("Gifts of more than a million and a quarter dollars were rare.")] \
        == [(">", 1_250_000, "$")]
    assert [(p.op, p.number) for p in phrases("over one and a quarter million dollars")] == [(">", 1_250_000)]


# --------------------------------------------------------------------------- 2. half a million-dollar budget

@pytest.mark.parametrize(("sentence", "found"), [
    ("Half a million-dollar budget went to police.",
     [("Half", "fraction", Fraction(1, 2)), ("a million", "number", 1_000_000)]),
    ("Half of a million-dollar budget went to police.",
     [("Half", "fraction", Fraction(1, 2)), ("a million", "number", 1_000_000)]),
    ("They spent half a billion-pound fund.",
     [("half", "fraction", Fraction(1, 2)), ("a billion", "number", 10**9)]),
    ("More than half a million-dollar budget went to police.",
     [("More than half", "fraction", Fraction(1, 2)), ("a million", "number", 1_000_000)]),
    # an article before the part: one amount, an adjective ("a half-million-dollar home" cost 500,000)
    ("They bought a half-million-dollar home.", [("a half-million", "number", 500_000)]),
    ("Half a million dollars went to police.", [("Half a million", "number", 500_000)]),
])
def test_half_a_million_dollar_budget_is_a_fraction_of_a_budget_of_a_million(
        sentence: str, found: list[tuple[str, str, object]]) -> None:
    """With "of" or without, the budget is a million and "half" the fraction of it: never 500,000."""
    assert figures(sentence) == found


def test_half_a_million_dollar_budget_is_checked_by_the_fraction_and_the_budget(tmp_path: Path) -> None:
    says = "Half a million-dollar budget went to police"
    verdicts = run_story(tmp_path, "id,dept,amount\n1,police,500000\n2,fire,500000\n", f"{says}.\n",
                         [("half", says, "{share: \"dept == 'police'\", of: t}", "Half"),
                          ("budget", says, "{sum: amount, of: t}", "a million")])
    assert verdicts == ["pass", "pass"]


# --------------------------------------------------------------------------- 3. a quarter-century

@pytest.mark.parametrize(("sentence", "found"), [
    ("The feud lasted a quarter-century.", [("a quarter-century", "number", 25)]),
    ("The feud lasted a quarter century.", [("a quarter century", "number", 25)]),
    ("It took a quarter of a century.", [("a quarter of a century", "number", 25)]),
    ("The mill ran for half a century.", [("half a century", "number", 50)]),
    ("The mill ran for a half-century.", [("a half-century", "number", 50)]),
    ("It stood for three-quarters of a century.", [("three-quarters of a century", "number", 75)]),
    # the neighbours, as before
    ("It took a quarter of an hour.", [("a quarter of an hour", "number", Fraction(1, 4))]),
    ("Sales rose in the third quarter.", []),
])
def test_a_part_of_a_century_is_that_many_years(sentence: str, found: list[tuple[str, str, object]]) -> None:
    """"a quarter-century" was the period "a quarter" and no figure; "half a century" the fraction
    1/2 and the period "a century"."""
    assert figures(sentence) == found
    assert periods(sentence) == (["the third quarter"] if "third quarter" in sentence else [])


def test_a_quarter_century_later_is_when() -> None:
    assert figures("A quarter-century later, the mill closed.") == []
    assert periods("A quarter-century later, the mill closed.") == ["A quarter-century"]


@pytest.mark.parametrize(("written", "low", "high"), [
    ("a quarter-century", 20, 30), ("a quarter century", 20, 30), ("a quarter of a century", 20, 30),
    ("half a century", 45, 55), ("a half-century", 45, 55), ("three quarters of a century", 70, 80),
])
def test_an_expect_of_a_part_of_a_century_is_years(written: str, low: int, high: int) -> None:
    """Read to the tenth of a century, as "a quarter of an hour" is read to the tenth of an hour."""
    e = parse_expectation(written, NUMBER)
    assert (e.interval.low, e.interval.high) == (low, high), e.meaning  # type: ignore[union-attr]
    assert e.time_unit == "year"


def test_a_claim_of_a_quarter_century_checks_years_and_months(tmp_path: Path) -> None:
    verdicts = run_story(tmp_path, "id,tenure_years,tenure_months\n1,24,290\n",
                         "The chief served a quarter-century.\n",
                         [("years", "The chief served a quarter-century", "{max: tenure_years, of: t}",
                           "a quarter-century"),
                          ("months", "The chief served a quarter-century", "{max: tenure_months, of: t}",
                           "a quarter-century")])
    assert verdicts == ["pass", "pass"]


# --------------------------------------------------------------------------- 4. a two-million-dollar grant

@pytest.mark.parametrize(("sentence", "found"), [
    ("She won a two-million-dollar grant.", [("two-million", "number", 2_000_000)]),
    ("A twenty-five-million-dollar bond passed.", [("twenty-five-million", "number", 25_000_000)]),
    ("It was a two-million-five-hundred-thousand-dollar deal.",
     [("two-million-five-hundred-thousand", "number", 2_500_000)]),
    ("A crowd two-thousand-strong marched.", [("two-thousand", "number", 2_000)]),
    # the neighbours, as before
    ("She won a two million dollar grant.", [("two million", "number", 2_000_000)]),
    ("She won a $2-million grant.", [("$2-million", "number", 2_000_000)]),
    ("A million-dollar budget was cut.", [("A million", "number", 1_000_000)]),
])
def test_a_hyphenated_amount_in_words_keeps_its_scale(sentence: str, found: list[tuple[str, str, object]]) -> None:
    """"a two-million-dollar grant" was the figure 2."""
    assert figures(sentence) == found


def test_a_claim_of_a_two_million_dollar_grant_covers_its_figure(tmp_path: Path) -> None:
    says = "She won a two-million-dollar grant"
    assert run_story(tmp_path, "id,amount\n1,2000000\n", f"{says}.\n",
                     [("grant", says, "{max: amount, of: t}", "two million")]) == ["pass"]


# --------------------------------------------------------------------------- 5. any count in words

@pytest.mark.parametrize(("written", "low", "high"), [
    ("thirteen years", Fraction(25, 2), Fraction(27, 2)),
    ("forty-five minutes", Fraction(89, 2), Fraction(91, 2)),
    ("about thirteen years", Fraction(247, 20), Fraction(273, 20)),
    ("two hundred and fifty days", Fraction(499, 2), Fraction(501, 2)),
    ("thirteen hours forty-five minutes", Fraction(1649, 2), Fraction(1651, 2)),  # 825 minutes
    ("twenty-one and a half hours", Fraction(429, 20), Fraction(431, 20)),
    ("five years", Fraction(9, 2), Fraction(11, 2)),  # as before
])
def test_an_expect_of_any_duration_in_words(written: str, low: Fraction, high: Fraction) -> None:
    """Refused before: the table of count words knew 'five' and 'twelve', not 'thirteen'."""
    assert band(written) == (low, high)


@pytest.mark.parametrize(("written", "value"), [
    ("twenty-one times", 21), ("thirteen times as many", 13), ("seventeen times", 17), ("three times", 3)])
def test_an_expect_of_any_multiple_in_words(written: str, value: int) -> None:
    low, high = band(written, RATIO)
    assert (low, high) == (value - Fraction(1, 20), value + Fraction(1, 20))


@pytest.mark.parametrize("written", ["thirteen in twenty", "eleven out of forty"])
def test_an_expect_of_a_fraction_with_any_count(written: str) -> None:
    e = parse_expectation(written, MeasureShape("share"))
    assert e.interval is not None and e.interval.contains(Fraction(13, 20) if "thirteen" in written else Fraction(11, 40))


@given(st.integers(2, 999), st.sampled_from(["years", "days", "minutes", "months"]), st.sampled_from(["-", " "]),
       st.booleans())
@example(13, "years", "-", False)
@example(45, "minutes", "-", False)
def test_any_duration_in_words_reads_the_same_in_the_draft_and_expect(n: int, unit: str, joint: str, and_: bool) -> None:
    words = f"{spell(n, joint, and_)} {unit}"
    assert [(f.text, f.value) for f in figures_in_phrase(words)] == [(words, n)]
    assert band(words) == (n - Fraction(1, 2), n + Fraction(1, 2))


@given(st.integers(2, 999), st.sampled_from(["-", " "]))
@example(21, "-")
def test_any_multiple_in_words_reads_the_same_in_the_draft_and_expect(n: int, joint: str) -> None:
    words = f"{spell(n, joint)} times as many"
    assert [(f.kind, f.value) for f in figures_in_phrase(words)] == [("multiple", n)]
    assert band(words, RATIO) == (n - Fraction(1, 20), n + Fraction(1, 20))


def test_a_threshold_of_any_count_in_words() -> None:
    """suggest read 'more than four hours' but not 'more than thirteen hours'."""
    assert [(p.op, p.number, p.noun) for p in phrases("Some waited more than thirteen hours.")] == [(">", 13, "hours")]
    assert [(p.op, p.number) for p in phrases("Some waited more than forty-five minutes.")] == [(">", 45)]
    assert [(p.op, p.number) for p in phrases("Twenty-one or more officers came.")] == [(">=", 21)]
    assert phrases("more than one in five") == []  # as before


def test_a_claim_of_thirteen_years_is_checked(tmp_path: Path) -> None:
    says = "The average sentence was thirteen years"
    assert run_story(tmp_path, "id,sentence_years\n1,12.8\n2,13.1\n", f"{says}.\n",
                     [("sentence", says, "{mean: sentence_years, of: t}", "thirteen years")]) == ["pass"]


# --------------------------------------------------------------------------- 6. parts of a scale, one reader

@pytest.mark.parametrize(("words", "value", "part"), [
    ("half a million", 500_000, Fraction(1, 2)),
    ("a half-million", 500_000, Fraction(1, 2)),
    ("a quarter million", 250_000, Fraction(1, 4)),
    ("a quarter of a million", 250_000, Fraction(1, 4)),
    ("three quarters of a billion", 750_000_000, Fraction(3, 4)),
    ("three-quarters of a billion", 750_000_000, Fraction(3, 4)),
    ("a third of a million", Fraction(1_000_000, 3), Fraction(1, 3)),
    ("two thirds of a trillion", Fraction(2 * 10**12, 3), Fraction(2, 3)),
])
def test_read_spelled_reads_a_part_of_a_scale(words: str, value: Fraction, part: Fraction) -> None:
    spelled = read_spelled(words)
    assert spelled is not None and (spelled.value, spelled.part) == (value, part)
    assert [(f.text, f.value) for f in figures_in_phrase(words)] == [(words, value)]


@pytest.mark.parametrize("words", ["half", "a quarter", "half a", "half a two million", "two thirds", "a quarter of"])
def test_a_part_without_its_scale_is_no_number(words: str) -> None:
    assert read_spelled(words) is None


def test_thresholds_read_a_part_of_a_scale_with_read_spelled() -> None:
    """"above half a million dollars" was read through the draft's figure finder; it is read
    where every number in words is, and says the same."""
    import inspect

    import factcheck.suggest.thresholds as thresholds

    assert "figures_in_phrase" not in inspect.getsource(thresholds)
    for sentence, value in (("Gifts above half a million dollars", 500_000),
                            ("Gifts over a quarter million dollars", 250_000),
                            ("Gifts over three quarters of a billion dollars", 750_000_000),
                            ("Gifts over one and a half million dollars", 1_500_000)):
        assert [p.number for p in phrases(sentence)] == [value], sentence


# --------------------------------------------------------------------------- every number, both readers

def _whole_in_the_draft(words: str) -> list[tuple[str, Fraction | None]]:
    return [(f.text, f.value) for f in figures_in_phrase(words)]


def _reads_in_expect(words: str, n: int) -> None:
    """``expect:`` reads a number in words, its band centred on it: one that names a scale to that
    scale, one under a thousand as its digits, saying so (docs/tolerance-words.md, "Reading")."""
    if n < 1000:
        e = parse_expectation(words, NUMBER)
        assert e.meaning.endswith(f"('{words}' read as {n})"), e.meaning
    low, high = band(words)
    assert (low + high) / 2 == n


@given(st.integers(0, 10**12).filter(lambda n: n != 1), st.sampled_from(["-", " "]), st.booleans())
@example(0, "-", False)
@example(10**12, "-", False)
@example(1_000_001, "-", True)
@example(2_500_000, " ", False)
def test_any_number_in_words_reads_back_to_itself(n: int, joint: str, and_: bool) -> None:
    """Spelled out, any whole number up to a trillion is itself: in an article's sentence, in a
    phrase, to ``read_spelled`` and to ``expect:`` (whose band is centred on it). "zero" was read by
    neither; "one" on its own is no figure of an article ("one of the"), below."""
    words = spell(n, joint, and_)
    assert _whole_in_the_draft(words) == [(words, n)]
    assert figures(f"Officials counted {words} ballots.") == [(words, "number", n)]
    spelled = read_spelled(words)
    assert spelled is not None and spelled.value == n
    _reads_in_expect(words, n)


@given(st.integers(2, 999_999_999))
@example(2_000_000)
def test_any_hyphenated_amount_before_a_noun_reads_back_to_itself(n: int) -> None:
    """'a two-million-five-hundred-thousand-dollar grant': the compound holds one amount."""
    words = spell(n).replace(" ", "-")
    assert figures(f"They won a {words}-dollar grant.") == [(words, "number", n)]
    _reads_in_expect(words, n)


@pytest.mark.parametrize(("sentence", "found"), [
    ("There were zero arrests.", [("zero", "number", 0)]),
    ("Zero people died in 2019.", [("Zero", "number", 0)]),
    ("Rates fell to zero percent.", [("zero percent", "percent", 0)]),
    # names and compounds that state no count, and "one" on its own, as before
    ("The city adopted zero tolerance.", []), ("Crews worked at ground zero.", []), ("It is a zero-sum game.", []),
    ("Police zero in on suspects.", []), ("Patient zero was found.", []), ("Net zero is the goal.", []),
    ("One of the officers resigned.", []),
    ("Growth was one point zero five percent.", [("one point zero five percent", "percent", Fraction(105, 10000))]),
])
def test_zero_in_words_is_a_figure(sentence: str, found: list[tuple[str, str, object]]) -> None:
    """"zero arrests" was no figure, so no claim was asked for it."""
    assert figures(sentence) == found


def test_an_expect_of_zero_in_words_reads_as_its_digits() -> None:
    """It was refused, with the hint `expect: 0`: "There were zero arrests" is what the article says."""
    e = parse_expectation("zero", NUMBER)
    assert e.interval is not None and (e.interval.low, e.interval.high) == (Fraction(-1, 2), Fraction(1, 2))
    assert e.written == "zero" and e.meaning.endswith("('zero' read as 0)"), e.meaning
