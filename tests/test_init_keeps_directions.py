"""`init` keeps the word that says which way a figure went ("16,000 *fewer*", "*down* 250", "6 points
*behind*"), and `suggest` proposes nothing for a figure whose expect leaves such a word out.

Walking the election story, "more than 16,000 fewer than four years ago" was written `expect: more than
16,000`: read as a count above 16,000 (suggest proposed the 109,055 votes of 2024), or as a rise of more
than 16,000, it would pass where the article says a fall."""

from __future__ import annotations

import shutil
from fractions import Fraction
from pathlib import Path

import pytest
from drafts import csv_text, init_and_suggest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.draft.figures import find_figures
from factcheck.expectations import MeasureShape, parse_expectation
from factcheck.starter import _expect
from factcheck.suggest.directions import dropped_in_claim

ROOT = Path(__file__).resolve().parents[1]
ELECTION = ROOT / "tests" / "fixtures" / "election"


def _written(sentence: str, figure: str) -> object:
    """What init writes for ``figure`` of ``sentence``, found as the draft finds it."""
    [found] = [f for s in find_figures(sentence) for f in s.figures if f.text == figure]
    return _expect(sentence, found.start, found.text, found.kind, found.value)


FALLS = [
    ("About 109,000 people voted, more than 16,000 fewer than four years ago.", "more than 16,000",
     "more than 16,000 fewer"),
    ("There were 250 fewer crashes.", "250", "250 fewer"),
    ("Crashes were down 250 from 2019.", "250", "down 250"),
    ("Crashes were down by 250.", "250", "down 250"),
    ("Down 250 from 2019, crashes were the fewest on record.", "250", "down 250"),
    ("Enrollment declined 1,500 from two years ago.", "1,500", "down 1,500"),
    ("Attendance fell short by 3,000.", "3,000", "down 3,000"),
    ("Attendance was 3,000 below last year.", "3,000", "3,000 less"),
    ("Deaths were 12 lower in 2023.", "12", "12 lower"),
    ("Deaths were 12 down on 2022.", "12", "down 12"),
    ("Sales were off 5% from a year ago.", "5%", "down 5%"),
    ("Sales were 5% down on last year.", "5%", "down 5%"),
    ("Sales were 5% lower.", "5%", "5% lower"),
    ("Turnout was 39%, a 6-point drop from 2020.", "6-point", "down 6 points"),
    ("Hale finished 6 points behind Rivera.", "6 points", "6 points behind"),
    # "dropped" with no "by": an amount that dropped, or a number compared in time after it
    ("Enrollment dropped 1,500 students.", "1,500", "down 1,500"),
    ("Enrollment dropped 1,500 students from 2022 to 2023.", "1,500", "down 1,500"),
    ("The number of bus riders dropped 2,000 last year.", "2,000", "down 2,000"),
    ("Visits dropped 300 since 2020.", "300", "down 300"),
]


@pytest.mark.parametrize(("sentence", "figure", "expect"), FALLS)
def test_init_carries_the_word_of_a_fall(sentence: str, figure: str, expect: str) -> None:
    """Each was written without its direction (the size alone, or '6-point', which expect: could not read)."""
    assert _written(sentence, figure) == expect


@pytest.mark.parametrize(("sentence", "figure", "expect"), FALLS)
def test_what_init_carries_reads_as_a_fall(sentence: str, figure: str, expect: str) -> None:
    """On a change (or a compare's gap) the written expect passes only a value below zero."""
    kind = "change_points" if "point" in figure else "change_percent" if "%" in figure else "change_absolute"
    for gap in (False, True):
        e = parse_expectation(expect, MeasureShape(kind, gap=gap))  # type: ignore[arg-type]
        assert e.interval is not None and e.interval.high is not None and e.interval.high <= 0, (expect, e.meaning)
        assert dropped_in_claim(sentence, expect) is None


@pytest.mark.parametrize(("sentence", "figure", "expect"), [
    ("Sales rose 300 in May.", "300", "up 300"), ("Sales were up 300 on April.", "300", "up 300"),
])
def test_init_carries_a_rise_before_a_number_alike(sentence: str, figure: str, expect: str) -> None:
    assert _written(sentence, figure) == expect


@pytest.mark.parametrize(("sentence", "figure", "expect"), [
    ("Injuries fell to 4 in 2023.", "4", "4"),                                  # a level
    ("Turnout was 39% of registered voters, down from 45% in 2020.", "45%", "45%"),
    ("Write-in candidates drew fewer than 500 votes.", "fewer than 500", "fewer than 500"),
    ("It happened 5 or fewer times.", "5", "5"),                                # a threshold
    ("The state's 12 lower courts ruled.", "12", "12"),
    ("The city lost 2,300 jobs in 2020.", "2,300", "2,300"),                    # a count of what was lost
    ("The city cut 120 positions.", "120", "120"),
    ("Prosecutors dropped 3 charges.", "3", "3"),                             # what was dropped, counted
    ("Prosecutors dropped 3 charges from the indictment in 2023.", "3", "3"),
    ("The district dropped 12 schools from its list last year.", "12", "12"),
    ("In 2023, 1,500 students dropped out.", "1,500", "1,500"),              # dropped out: no fall of 1,500
    ("Enrollment dropped out of the top 10 in 2023.", "10", "10"),
    ("Farmers grew 300 acres of corn.", "300", "300"),
])
def test_a_level_or_a_count_stays_as_it_is(sentence: str, figure: str, expect: str) -> None:
    assert _written(sentence, figure) == expect
    assert dropped_in_claim(sentence, expect) is None


@settings(max_examples=60, deadline=None)
@given(n=st.integers(2, 10**6), word=st.sampled_from(["fewer", "less"]),
       qualifier=st.sampled_from(["", "more than ", "nearly ", "about ", "almost "]),
       noun=st.sampled_from(["", " votes", " crashes"]))
def test_any_count_said_fewer_is_written_as_a_fall(n: int, word: str, qualifier: str, noun: str) -> None:
    sentence = f"Turnout fell, with {qualifier}{n:,}{noun} {word} than four years ago."
    figure = next(f for s in find_figures(sentence) for f in s.figures if f"{n:,}" in f.text)
    written = _expect(sentence, figure.start, figure.text, figure.kind, figure.value)
    assert isinstance(written, str) and written.endswith(word), written
    e = parse_expectation(written, MeasureShape("change_absolute"))
    assert e.interval is not None and e.interval.high is not None and e.interval.high <= 0
    assert not e.judge(Fraction(n)).ok  # a rise of the same size fails


def test_the_election_story_says_fewer_and_suggest_proposes_the_fall(tmp_path: Path) -> None:
    """Before: `expect: more than 16,000`, suggested as the sum of 2024's votes (109,055, 'pass')."""
    for name in ("story.md", "results.csv", "precincts.csv"):
        shutil.copy(ELECTION / name, tmp_path / name)
    (tmp_path / ".git").mkdir()
    made = CliRunner().invoke(app, ["init", str(tmp_path / "story.md"), str(tmp_path / "results.csv"),
                                    str(tmp_path / "precincts.csv")])
    assert made.exit_code == 0, made.output
    written = (tmp_path / "story.claims.yaml").read_text(encoding="utf-8")
    claim = written.split("figure more than 16,000\n", 1)[1].split("\n\n", 1)[0]
    assert "    expect: more than 16,000 fewer\n" in claim, claim
    assert "# suggestion 1: -16,560 (pass)" in claim and "as: absolute" in claim, claim
    assert "109,055" not in claim
    assert "    expect: nearly 6 points ahead\n" in written  # "wins … by nearly 6 points": a margin


CRASHES = csv_text("year,injuries", [f"{y},{int(i < hurt)}" for y, n, hurt in ((2022, 2300, 300), (2023, 2050, 260))
                                     for i in range(n)])


def test_an_article_of_falls_gets_changes_and_a_word_init_cannot_carry_gets_none(tmp_path: Path) -> None:
    story = ("There were 2,050 crashes in 2023, 250 fewer than in 2022. Injuries were down 40 from 2022. "
             "Crashes ended 250 short of the 2022 count.")
    claims = init_and_suggest(tmp_path / "desk", story, {"crashes.csv": CRASHES}, "Crashes down")
    by_expect = {c["expect"]: c for c in claims}
    fewer = by_expect["250 fewer"]["candidates"][0]
    assert fewer["verdict"] == "pass" and fewer["measure"]["as"] == "absolute" and fewer["value"] == -250
    down = by_expect["down 40"]["candidates"][0]
    assert down["verdict"] == "pass" and down["value"] == -40
    short = [c for c in claims if c["says"].startswith("Crashes ended")][0]
    assert short["expect"] == "250" and short["candidates"] == []
    assert "says 'short' beside this figure" in short["note"]


def test_suggest_refuses_a_hand_written_expect_that_drops_the_fall(tmp_path: Path) -> None:
    """`factcheck suggest` on a claims file whose expect leaves out the sentence's 'fewer'."""
    for name in ("results.csv", "precincts.csv"):
        shutil.copy(ELECTION / name, tmp_path / name)
    (tmp_path / ".git").mkdir()
    (tmp_path / "c.yaml").write_text(
        "version: 1\ntables:\n  results: {path: results.csv, time: election_year}\nclaims:\n"
        "  - id: fewer\n    says: About 109,000 people voted, more than 16,000 fewer than four years ago.\n"
        "    expect: more than 16,000\n", encoding="utf-8")
    got = CliRunner().invoke(app, ["suggest", str(tmp_path / "c.yaml")])
    assert got.exit_code == 0, got.output
    assert "says 'fewer' beside this figure" in got.output
    assert "109,055" not in got.output


@pytest.mark.parametrize("sentence", ["Enrollment dropped 1,500 students.",
                                      "Enrollment dropped 1,500 students from 2022 to 2023."])
def test_suggest_says_a_bare_expect_drops_the_fall_of_dropped(sentence: str) -> None:
    """`init` read "dropped 1,500 students" as a count of 1,500 (a figure a fall *by* 1,500 would be read as a
    change), so `expect: 1,500` went unremarked and a measure passing a rise could be proposed."""
    assert dropped_in_claim(sentence, "1,500") == "dropped"
