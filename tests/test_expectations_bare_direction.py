"""A direction alone: "Cases fell in 2020", "Funding went up", "Arrests were lower than in 2019".

Journalists often state only which way a figure moved. `expect: fell` was refused ("cannot read
'fell'") although `expect: 'down more than 0%'` said the same; a bare direction word is now a
change of that direction of any size, read with the same words as a sized change ('up 11%',
'fell 8%', '12 more').
"""

from __future__ import annotations

import textwrap
from fractions import Fraction
from pathlib import Path

import pytest

import factcheck
from factcheck.expectations import ExpectationError, MeasureShape, parse_expectation
from factcheck.expectations import vocabulary as words


def test_the_words_of_the_brief_are_all_read() -> None:
    for word in ("rose", "up", "increased", "grew", "went up", "higher", "more", "climbed", "soared"):
        assert words.BARE_DIRECTIONS[word] == "up", word
    for word in ("fell", "down", "declined", "dropped", "went down", "lower", "fewer", "decreased", "tumbled"):
        assert words.BARE_DIRECTIONS[word] == "down", word


def test_only_words_that_take_no_figure_after_them_stand_alone() -> None:
    """'a rise of', 'higher by', 'cut by' need the figure they announce: alone they are no wording."""
    for phrase in ("a rise of", "higher by", "cut by", "an increase of", "growth of"):
        assert phrase not in words.BARE_DIRECTIONS
        with pytest.raises(ExpectationError):
            parse_expectation(phrase, MeasureShape("change_percent"))


@pytest.mark.parametrize(("written", "kind", "meaning"), [
    ("rose", "change_percent", "a rise of any size: x > 0%"),
    ("fell", "change_percent", "a fall of any size: x < 0%"),
    ("Went Up", "change_points", "a rise of any size: x > 0 points"),
    ("declined", "change_absolute", "a fall of any size: x < 0"),
    ("grew", "change_ratio", "a rise of any size: x > 1×"),
    ("dropped", "change_ratio", "a fall of any size: x < 1×"),
    ("higher", "change_absolute", "a rise of any size: x > 0"),
    ("fewer", "change_percent", "a fall of any size: x < 0%"),
    ("a drop", "change_percent", "a fall of any size: x < 0%"),
    ("an increase", "change_absolute", "a rise of any size: x > 0"),
    ("fell.", "change_percent", "a fall of any size: x < 0%"),
])
def test_a_bare_direction_reads_as_a_change_of_any_size(written: str, kind: str, meaning: str) -> None:
    e = parse_expectation(written, MeasureShape(kind))  # type: ignore[arg-type]
    assert e.meaning == meaning
    assert e.direction == ("up" if "rise" in meaning else "down")


def test_the_verdict_says_a_rise_of_any_size() -> None:
    e = parse_expectation("rose", MeasureShape("change_percent"))
    assert e.judge(Fraction(1)).message == "a rise of any size as stated (computed up 100%)"
    assert e.judge(Fraction(1, 500)).ok  # +0.2%: literally a rise (the note says it rounds to none)


@pytest.mark.parametrize(("written", "value", "message"), [
    ("rose", Fraction(-1, 10), "stated rose, computed down 10%"),
    ("rose", Fraction(0), "stated rose, computed no change (0%)"),
    ("fell", Fraction(3, 100), "stated fell, computed up 3%"),
])
def test_the_wrong_sign_or_none_is_wrong_direction(written: str, value: Fraction, message: str) -> None:
    judgement = parse_expectation(written, MeasureShape("change_percent")).judge(value)
    assert (judgement.ok, judgement.miss, judgement.message) == (False, "wrong_direction", message)


@pytest.mark.parametrize("kind", ["share", "number"])
def test_a_direction_on_a_level_is_refused_as_a_sized_one_is(kind: str) -> None:
    with pytest.raises(ExpectationError, match="describes a change, but this measure is a single"):
        parse_expectation("rose", MeasureShape(kind))  # type: ignore[arg-type]


@pytest.mark.parametrize("written", ["up 11%", "rose 11%", "up more than 0%", "11% more", "more than 10%",
                                     "12 more cases than", "unchanged", "doubled"])
def test_sized_and_qualified_wordings_keep_their_meaning(written: str) -> None:
    """Spot checks; the reference table in docs/tolerance-words.md checks them all."""
    kind = "change_absolute" if written.startswith("12") else "change_percent"
    meaning = parse_expectation(written, MeasureShape(kind)).meaning  # type: ignore[arg-type]
    assert "any size" not in meaning


@pytest.mark.parametrize(("written", "word"), [
    ("rose slightly", "rose"), ("fell sharply", "fell"), ("went up a lot", "went up"),
    ("slightly higher", "higher"), ("sharply lower", "lower"),
])
def test_a_direction_with_an_adverb_is_refused_and_the_hint_gives_the_bare_word(written: str, word: str) -> None:
    """'slightly' says how big the change was, which no figure states: read as a bare rise it would pass
    a +40% as readily as a +0.4%, so the claims file says which it means."""
    with pytest.raises(ExpectationError) as caught:
        parse_expectation(written, MeasureShape("change_percent"))
    assert f"'{word}'" in caught.value.hint and "any size" in caught.value.hint


def test_the_hint_of_an_unreadable_change_mentions_the_bare_direction() -> None:
    with pytest.raises(ExpectationError) as caught:
        parse_expectation("lots", MeasureShape("change_percent"))
    assert "'fell'" in caught.value.hint


def _claims(tmp_path: Path, rows: str, expect: str) -> Path:
    (tmp_path / "t.csv").write_text("year,n\n" + rows, encoding="utf-8")
    (tmp_path / "c.yaml").write_text(textwrap.dedent(f"""\
        version: 1
        tables:
          t: {{path: t.csv, time: year}}
        claims:
          - id: moved
            says: Cases {expect} in 2020.
            measure: {{change: {{sum: n, of: t}}, over: year, from: 2019, to: 2020}}
            expect: {expect}
        """), encoding="utf-8")
    return tmp_path / "c.yaml"


def test_a_claims_file_with_fell_passes_and_reports_the_reading(tmp_path: Path) -> None:
    result = factcheck.verify(_claims(tmp_path, "2019,200\n2019,200\n2020,300\n", "fell")).results[0]
    assert result.verdict.value == "pass"
    assert result.expectation is not None and result.expectation.meaning == "a fall of any size: x < 0%"
    assert result.message == "a fall of any size as stated (computed down 25%)"
    assert not [n for n in result.notes if n.code.value == "fragile"]


def test_a_rise_that_rounds_to_no_change_passes_with_a_fragile_note(tmp_path: Path) -> None:
    """+0.2% is a rise, so 'rose' holds; but 'unchanged' would hold too, which an editor should see."""
    result = factcheck.verify(_claims(tmp_path, "2019,500.0\n2020,501.0\n", "rose")).results[0]
    assert result.verdict.value == "pass"
    fragile = [n.message for n in result.notes if n.code.value == "fragile"]
    assert fragile == ["the change, up 0.2%, rounds to no change (0%): 'unchanged' would pass too"]


def test_a_fall_against_rose_is_wrong_direction(tmp_path: Path) -> None:
    result = factcheck.verify(_claims(tmp_path, "2019,400\n2020,300\n", "rose")).results[0]
    assert (result.verdict.value, result.reason and result.reason.value) == ("fail", "wrong_direction")
    assert result.message == "stated rose, computed down 25%"


def test_a_fall_against_rose_that_rounds_to_none_says_so_too(tmp_path: Path) -> None:
    result = factcheck.verify(_claims(tmp_path, "2019,501.0\n2020,500.0\n", "rose")).results[0]
    assert (result.verdict.value, result.reason and result.reason.value) == ("fail", "wrong_direction")
    assert [n.message for n in result.notes if n.code.value == "fragile"] == [
        "the change, down 0.2%, rounds to no change (0%): 'unchanged' would pass too"]


@pytest.mark.parametrize(("expect", "verdict"), [("higher", "pass"), ("more", "pass"), ("lower", "fail"),
                                                 ("fewer", "fail")])
def test_compare_reads_its_comparatives_alone(tmp_path: Path, expect: str, verdict: str) -> None:
    """"Japanese cars got more miles per gallon than American ones": a gap of that sign, of any size."""
    (tmp_path / "cars.csv").write_text("origin,mpg\nJapan,30\nJapan,32\nUSA,20\nUSA,22\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text(textwrap.dedent(f"""\
        version: 1
        tables:
          cars: {{path: cars.csv}}
        claims:
          - id: gap
            says: Japanese cars went further on a gallon than American ones.
            measure: {{compare: {{mean: mpg, of: cars}}, by: origin, a: Japan, b: USA}}
            expect: {expect}
        """), encoding="utf-8")
    result = factcheck.verify(tmp_path / "c.yaml").results[0]
    assert result.verdict.value == verdict
    if verdict == "pass":
        assert result.message == "higher by any amount as stated (computed 10 higher)"
    else:
        assert result.reason is not None and result.reason.value == "wrong_direction"


def test_suggest_proposes_a_change_for_a_direction_alone(tmp_path: Path) -> None:
    """`expect: fell` on a claim without a measure: `suggest` was stopped by the unreadable expect; it
    now looks for changes that fell, and the column the sentence names comes first."""
    from factcheck.suggest import suggest
    (tmp_path / "t.csv").write_text("year,cases,arrests\n2019,400,50\n2020,300,70\n2019,10,5\n2020,20,1\n",
                                    encoding="utf-8")
    (tmp_path / "c.yaml").write_text("version: 1\ntables:\n  t: {path: t.csv, time: year}\nclaims:\n"
                                     "  - {id: fell, says: Cases fell in 2020., expect: fell}\n", encoding="utf-8")
    candidates = suggest(tmp_path / "c.yaml").for_claim("fell").candidates
    assert candidates and candidates[0].measure["change"] == {"sum": "cases", "of": "t"}


def test_a_gap_that_rounds_to_none_is_called_a_gap(tmp_path: Path) -> None:
    (tmp_path / "cars.csv").write_text("origin,mpg\nJapan,30.2\nUSA,30\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text(textwrap.dedent("""\
        version: 1
        tables:
          cars: {path: cars.csv}
        claims:
          - id: gap
            says: Japanese cars went further on a gallon than American ones.
            measure: {compare: {mean: mpg, of: cars}, by: origin, a: Japan, b: USA}
            expect: more
        """), encoding="utf-8")
    result = factcheck.verify(tmp_path / "c.yaml").results[0]
    assert result.verdict.value == "pass"
    assert [n.message for n in result.notes if n.code.value == "fragile"] == [
        "the gap, 0.2 higher, rounds to no gap (0): 'the same' would pass too"]


# "Overtime is rising", "Arrests have fallen", "Rents rises"? Reporters write a direction in every tense:
# each verb of the vocabulary is read in its present, its participles and with is/are/was/were/has been/
# have been/had been and has/have/had, derived from the past tense the vocabulary has.
@pytest.mark.parametrize("written, direction", [
    ("is rising", "up"), ("has risen", "up"), ("rises", "up"), ("falling", "down"), ("have fallen", "down"),
    ("went down", "down"), ("is going up", "up"), ("has gone down", "down"), ("Were Declining.", "down"),
    ("increases", "up"), ("drops", "down"), ("has been climbing", "up"), ("had dropped", "down"),
    ("tumbles", "down"), ("surges", "up"), ("is edging up", "up"), ("has shrunk", "down"), ("sinks", "down"),
])
def test_a_direction_reads_in_the_tenses_reporters_write(written: str, direction: str) -> None:
    e = parse_expectation(written, MeasureShape("change_percent"))
    assert e.direction == direction and e.meaning.startswith(f"a {'rise' if direction == 'up' else 'fall'} of any size")


def test_the_tenses_are_derived_from_the_vocabulary_s_verbs() -> None:
    """Every past tense of a verb the vocabulary has ('rose', 'dropped', 'went up') brings its other
    forms, of its direction; none is taken from outside it, and no form spells a verb wrongly."""
    assert words.verb_forms("increased")[:2] == ("increases", "increasing")
    assert words.verb_forms("climbed")[:2] == ("climbs", "climbing")
    assert words.verb_forms("slipped")[:2] == ("slips", "slipping")
    assert words.verb_forms("declined")[:2] == ("declines", "declining")
    assert words.verb_forms("rose")[-1] == "had risen" and words.verb_forms("up") == ()
    assert words.verb_forms("slashed")[:2] == ("slashes", "slashing")   # were 'slashs',
    assert words.verb_forms("inched up")[:2] == ("inches up", "inching up")  # 'inchs up',
    assert words.verb_forms("nosedived")[:2] == ("nosedives", "nosediving")  # 'nosedivs',
    assert words.verb_forms("swelled")[:2] == ("swells", "swelling")  # 'swelles'
    assert words.verb_forms("crept up")[:2] == ("creeps up", "creeping up") and words.verb_forms("shed")[-1] == "had shed"
    for prefixes, direction in ((words.UP_PREFIXES, "up"), (words.DOWN_PREFIXES, "down")):
        for past in prefixes:
            for form in words.verb_forms(past):
                assert words.BARE_DIRECTIONS[form] == direction, form


def test_a_tense_with_an_adverb_gets_the_hint_of_its_word() -> None:
    with pytest.raises(ExpectationError) as info:
        parse_expectation("rising sharply", MeasureShape("change_percent"))
    assert "write 'rising' for a rise of any size" in (info.value.hint or str(info.value))
