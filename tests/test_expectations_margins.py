"""What journalists write about gaps and margins, and parts of ten, as `expect:` and the draft read them.

Walking the election story, "leads by", "won by" and "a margin of" could not be read, nor "9 of 10",
and the hints for a `compare` still spoke of a change ("say 'up 5 points'")."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.draft.coverage import ClaimRef, cover
from factcheck.draft.figures import find_figures
from factcheck.expectations import ExpectationError, MeasureShape, parse_expectation
from factcheck.starter import _expect

GAP_POINTS = MeasureShape("change_points", gap=True)
GAP_ABSOLUTE = MeasureShape("change_absolute", gap=True)
SHARE = MeasureShape("share", part_of_a_whole=True)


@pytest.mark.parametrize(("margin", "same_as"), [
    ("leads by 6 points", "6 points ahead"),
    ("Leads by 6 percentage points", "6 points ahead"),
    ("won by 12 points", "12 points ahead"),
    ("beat Hale by 12 points", "12 points ahead"),
    ("a margin of 6 points", "6 points ahead"),
    ("won by a margin of 6 points", "6 points ahead"),
    ("a lead of 6 points", "6 points ahead"),
    ("a 6-point lead", "6 points ahead"),
    ("a 6-point edge", "6 points ahead"),
    ("trails by 3 points", "3 points behind"),
    ("lost by 3 points", "3 points behind"),
    ("a 3-point deficit", "3 points behind"),
    ("leads by nearly 6 points", "nearly 6 points ahead"),
    ("a lead of more than 6 points", "more than 6 points ahead"),
    ("trails by about 3 points", "about 3 points behind"),
])
def test_a_margin_reads_as_the_gap_with_its_side(margin: str, same_as: str) -> None:
    """Each was refused ('cannot read'); it reads as the same size with ahead or behind does."""
    got, want = parse_expectation(margin, GAP_POINTS), parse_expectation(same_as, GAP_POINTS)
    assert got.interval == want.interval and got.direction == want.direction


def test_a_margin_counts_what_it_says_and_rounds_as_written() -> None:
    e = parse_expectation("won by 1,200 votes", GAP_ABSOLUTE)
    assert e.meaning == "rounds to 1,200 higher: 1,199.5 ≤ x < 1,200.5"
    assert e.judge(Fraction(1200)).ok and not e.judge(Fraction(-1200)).ok
    assert parse_expectation("leads by 6 points", GAP_POINTS).meaning == \
        "rounds to 6 points higher: 5.5 points ≤ x < 6.5 points"


@pytest.mark.parametrize(("margin", "shape", "said"), [
    ("leads by 6 points", MeasureShape("change_points"), "a change over time (as: points)"),
    ("a 6-point lead", SHARE, "a single share"),
    ("won by 12", MeasureShape("number"), "a single number"),
])
def test_a_margin_on_a_measure_that_is_no_gap_is_refused(margin: str, shape: MeasureShape, said: str) -> None:
    with pytest.raises(ExpectationError) as refused:
        parse_expectation(margin, shape)
    assert "states a margin, the gap between two figures" in str(refused.value) and said in str(refused.value)
    assert "compare:" in (refused.value.hint or "")


@pytest.mark.parametrize("wording", ["lost by 5%", "lost 5%"])
def test_lost_by_on_a_change_is_still_a_fall(wording: str) -> None:
    e = parse_expectation(wording, MeasureShape("change_percent"))
    assert e.direction == "down" and e.judge(Fraction(-5, 100)).ok


@settings(max_examples=80, deadline=None)
@given(n=st.integers(1, 500), places=st.integers(0, 2), k=st.integers(-3000, 3000),
       ahead=st.sampled_from(["leads by", "won by", "a margin of", "a lead of", "is ahead by"]),
       behind=st.sampled_from(["trails by", "lost by", "is behind by", "a deficit of"]),
       qualifier=st.sampled_from(["", "nearly ", "about ", "more than ", "just over "]))
def test_a_margin_ahead_mirrors_one_behind(n: int, places: int, k: int, ahead: str, behind: str,
                                            qualifier: str) -> None:
    """'leads by X' passes a gap exactly when 'X higher' does, and 'trails by X' the same gap below zero."""
    figure = f"{Fraction(n, 10**places).__float__():.{places}f} points"
    value = Fraction(n, 10**places) / 100 + Fraction(k, 10**(places + 5))
    lead = parse_expectation(f"{ahead} {qualifier}{figure}", GAP_POINTS)
    higher = parse_expectation(f"{qualifier}{figure} higher", GAP_POINTS)
    trail = parse_expectation(f"{behind} {qualifier}{figure}", GAP_POINTS)
    assert lead.judge(value).ok == higher.judge(value).ok == trail.judge(-value).ok
    assert lead.judge(value).miss == trail.judge(-value).miss


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 60), verb=st.sampled_from(["leads", "won", "trails", "lost"]),
       hyphen=st.booleans())
def test_init_writes_a_margin_that_reads_as_the_article_says_it(n: int, verb: str, hyphen: bool) -> None:
    noun = "lead" if verb in ("leads", "won") else "deficit"
    sentence = (f"Rivera had a {n}-point {noun} in the count." if hyphen
                else f"Rivera {verb} by {n} points in the count.")
    figure = next(f for s in find_figures(sentence) for f in s.figures)
    written = _expect(sentence, figure.start, figure.text, figure.kind, figure.value)
    side = "ahead" if verb in ("leads", "won") else "behind"
    assert written == f"{n} points {side}"
    article = parse_expectation(f"a {n}-point {noun}" if hyphen else f"{verb} by {n} points", GAP_POINTS)
    assert parse_expectation(written, GAP_POINTS).interval == article.interval


@pytest.mark.parametrize(("sentence", "figure", "expect"), [
    ("A team led by 12 officers raided the house.", "12", "12"),
    ("The measure was won by 53% of voters.", "53%", "53%"),
    ("Rivera won by 1,200 votes.", "1,200", "1,200 ahead"),
    ("Hale lost by 2,400 votes.", "2,400", "2,400 behind"),
])
def test_init_tells_a_margin_from_a_count(sentence: str, figure: str, expect: str) -> None:
    assert _expect(sentence, sentence.index(figure), figure, "percent" if "%" in figure else "number") == expect


@pytest.mark.parametrize(("sentence", "expect"), [
    ("Rivera leads by 6 points.", "leads by 6 points"),
    ("Rivera had a 6-point lead.", "a 6-point lead"),
    ("Hale trails by 3 points.", "trails by 3 points"),
    ("Rivera won by a margin of 6 points.", "a margin of 6 points"),
    ("Nine of 10 residents agree.", "9 of 10"),
    ("Nine of 10 residents agree.", "nine of ten"),
])
def test_coverage_sees_the_margin_and_the_part_of_ten(sentence: str, expect: str) -> None:
    result = cover(find_figures(sentence), [ClaimRef("c", sentence, expect)])
    assert [f.figure.text for f in result.figures if f.claims] and result.states_no_figure == ()
    assert all(f.claims for f in result.figures)


# --- parts of ten -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "same_as"), [
    ("9 of 10", "9 in 10"), ("nine of ten", "nine in ten"), ("Nine of 10", "nine out of 10"),
    ("7 of 10", "seven out of 10"), ("nearly 9 of 10", "nearly nine in 10"), ("more than 9 of 10", "more than 9 in 10"),
])
def test_a_part_of_ten_reads_as_one_in_ten_does(written: str, same_as: str) -> None:
    assert parse_expectation(written, SHARE).interval == parse_expectation(same_as, SHARE).interval


def test_nine_of_ten_has_the_fraction_band() -> None:
    e = parse_expectation("9 of 10", SHARE)
    assert e.meaning == "9 of 10: 85.5% ≤ x ≤ 94.5%"
    assert e.judge(Fraction(855, 1000)).ok and not e.judge(Fraction(85, 100)).ok


@pytest.mark.parametrize("written", ["31 of 48", "11 of 10", "9 of 100"])
def test_a_part_of_another_whole_is_not_a_share(written: str) -> None:
    with pytest.raises(ExpectationError):
        parse_expectation(written, SHARE)


@settings(max_examples=40, deadline=None)
@given(top=st.integers(1, 9), words=st.booleans(), capital=st.booleans())
def test_the_draft_init_and_expect_agree_on_a_part_of_ten(top: int, words: bool, capital: bool) -> None:
    names = "one two three four five six seven eight nine".split()
    said = names[top - 1] if words else str(top)
    said = said.capitalize() if capital else said
    sentence = f"{said} of 10 residents said they were happy."
    [figure] = [f for s in find_figures(sentence) for f in s.figures]
    assert figure.kind == "fraction" and figure.value == Fraction(top, 10)
    written = _expect(sentence, figure.start, figure.text, figure.kind, figure.value)
    assert parse_expectation(written, SHARE).interval == parse_expectation(f"{top} in 10", SHARE).interval


@pytest.mark.parametrize("sentence", ["Rivera carried 3 of 10 precincts.", "She won 31 of 48 precincts.",
                                      "He scored 9 of 100 points."])
def test_counts_said_with_of_stay_counts(sentence: str) -> None:
    assert [f.kind for s in find_figures(sentence) for f in s.figures if f.kind == "fraction"] == []


# --- hints on a compare's gap ---------------------------------------------------------------------

@pytest.mark.parametrize(("written", "shape", "hinted", "not_hinted"), [
    ("lots", GAP_POINTS, "'6 points higher', 'leads by 6 points'", "'up 5 points'"),
    ("5% higher", GAP_POINTS, "say '5 points higher'", "'up 5 points'"),
    ("5 points higher", MeasureShape("change_percent", gap=True), "say '5% higher'", "'up 5%'"),
    ("6 higher", MeasureShape("change_percent", gap=True), "say '6% higher'", "'up 6%'"),
    ("slightly higher", GAP_POINTS, "write 'higher' for a gap of any size", "a rise of any size"),
])
def test_the_hint_on_a_gap_speaks_of_a_gap(written: str, shape: MeasureShape, hinted: str, not_hinted: str) -> None:
    with pytest.raises(ExpectationError) as refused:
        parse_expectation(written, shape)
    said = f"{refused.value} {refused.value.hint}"
    assert hinted in said and not_hinted not in said and "this change is" not in said, said


def _run(folder: Path, expect: str) -> tuple[int, str]:
    """Rivera 56.67% of 10,000 votes, Hale 43.33%: a gap of 13.34 points, Rivera first."""
    (folder / "results.csv").write_text("candidate,votes\nRivera,5667\nHale,4333\n", encoding="utf-8")
    (folder / "c.yaml").write_text(
        "version: 1\ntables:\n  results: {path: results.csv}\nclaims:\n  - id: margin\n    says: Rivera won.\n"
        "    measure: {compare: {share: candidate == 'Rivera', of: results, sum: votes}, "
        "with: {share: candidate == 'Hale', of: results, sum: votes}, as: points}\n"
        f"    expect: {expect}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(folder / "c.yaml")], env={"COLUMNS": "200"})
    return result.exit_code, result.output


def test_the_run_hints_a_gap_for_an_unreadable_wording(tmp_path: Path) -> None:
    code, out = _run(tmp_path, "won big")
    assert code == 2 and "leads by 6 points" in out and "'up 5 points'" not in out, out


@pytest.mark.parametrize(("margin", "verdict"), [("leads by 13 points", "PASS"), ("won by 13 points", "PASS"),
                                                 ("a 13-point lead", "PASS"), ("trails by 13 points", "FAIL")])
def test_a_margin_is_judged_on_the_gap(tmp_path: Path, margin: str, verdict: str) -> None:
    code, out = _run(tmp_path, margin)
    assert code in (0, 1) and verdict in out, out


def test_a_loss_on_a_change_is_not_called_a_margin() -> None:
    """'a 5% loss' is no margin (sports say 'a 3-point deficit'); it stays unreadable as before."""
    with pytest.raises(ExpectationError) as refused:
        parse_expectation("a 5% loss", MeasureShape("change_percent"))
    assert "margin" not in str(refused.value)
