"""Numbers that name rows or things, not how many: service names ("the city's 311 line"), star
ratings ("five-star homes", "four or five stars"), the end of a rating scale ("the lowest, one-star
rating"), and a length of time that opens a sentence as its span ("Over four years the line
received …"). A reporter's walk (F10) found each read as a figure that needed a claim; the real
figures beside them ("five homes", "311 complaints", "averaged 4 stars") must stay.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.draft.figures import figures_in_phrase, find_figures
from tests.drafts import csv_text, init_and_suggest


def _figures(sentence: str) -> list[tuple[str, Fraction | None]]:
    return [(f.text, f.value) for s in find_figures(sentence) for f in s.figures]


@pytest.mark.parametrize("sentence, figures", [
    ("Calls to the city's 311 line and its 24-hour hotline rose after the Route 9 closure.", []),
    ("# Calls to the city's 311 line rose", []),
    ("A 911 call reached the 988 hotline and the 7 train.", []),
    ("Calls to 311 rose 12%.", [("12%", Fraction(12, 100))]),
    ("One-star homes averaged nearly three times as many deficiencies as five-star homes.",
     [("nearly three times as many", Fraction(3))]),
    ("Nearly one in five homes has the lowest, one-star rating, while over a third have four or five stars.",
     [("Nearly one in five", Fraction(1, 5)), ("over a third", Fraction(1, 3))]),
    ("Three-star and four-star restaurants drew fewer complaints.", []),
    ("Twelve homes rated 4 stars.", [("Twelve", Fraction(12))]),
])
def test_names_and_rating_labels_are_no_figures(sentence: str, figures: list[tuple[str, Fraction]]) -> None:
    assert _figures(sentence) == figures


@pytest.mark.parametrize("sentence, figures", [
    ("Five homes got 311 complaints.", [("Five", Fraction(5)), ("311", Fraction(311))]),
    ("The line took 311 calls.", [("311", Fraction(311))]),
    ("The city runs 12 lines and 40 bus routes.", [("12", Fraction(12)), ("40", Fraction(40))]),
    ("The 40 bus routes carried 5 million riders.", [("40", Fraction(40)), ("5 million", Fraction(5_000_000))]),
    # a statistic of the ratings is a figure; the top of the scale ("out of 5") is not
    ("The hotels averaged 4 stars out of 5.", [("4", Fraction(4))]),
    ("Hotels got 4 stars out of 5 on average.", [("4", Fraction(4))]),
    ("The median home had three stars.", [("three", Fraction(3))]),
    ("Reviews gave it 3.5 stars, and 120 stars in all.", [("3.5", Fraction(7, 2)), ("120", Fraction(120))]),
    ("The lowest rating went to 12 homes.", [("The lowest", None), ("12", Fraction(12))]),
])
def test_the_real_figures_beside_them_stay(sentence: str, figures: list[tuple[str, Fraction]]) -> None:
    assert _figures(sentence) == figures


@given(n=st.sampled_from(["1", "2", "3", "4", "5", "one", "two", "three", "four", "five", "One", "Five"]),
       noun=st.sampled_from(["homes", "hotels", "rating", "restaurants", "reviews"]),
       count=st.integers(min_value=2, max_value=9_999))
def test_a_hyphenated_star_rating_is_never_a_figure_and_the_count_beside_it_always_is(n: str, noun: str,
                                                                                       count: int) -> None:
    found = _figures(f"Inspectors visited {count:,} {n}-star {noun} in the city.")
    assert found == [(f"{count:,}", Fraction(count))]


@pytest.mark.parametrize("sentence, span, relation", [
    ("Over four years the line received 2,480 requests.", "four years", "over"),
    ("In two years, ridership doubled.", "two years", "in"),
    ("For 12 months the line was closed to 400 riders.", "12 months", "for"),
    ("During three weeks, 40 homes closed.", "three weeks", "during"),
])
def test_a_length_of_time_that_opens_its_sentence_is_its_span(sentence: str, span: str, relation: str) -> None:
    (s,) = find_figures(sentence)
    assert span not in [f.text for f in s.figures] and not any(span in f.text for f in s.figures)
    assert [(p.text, p.relation) for p in s.periods] == [(span, relation)]


@pytest.mark.parametrize("sentence, figure", [
    ("Residents waited over four hours.", "over four hours"),
    ("The longest wait, over four hours, was in Harbor.", "over four hours"),
    ("Patients spent four days in the ward.", "four days"),
])
def test_a_length_of_time_after_its_verb_stays_a_figure(sentence: str, figure: str) -> None:
    assert figure in [text for text, _ in _figures(sentence)]


def test_an_expect_keeps_its_stars() -> None:
    """An ``expect:`` is a figure on its own: "4 stars" states 4, whatever the article's labels."""
    assert [(f.text, f.value) for f in figures_in_phrase("4 stars")] == [("4", Fraction(4))]


def test_init_writes_no_claim_for_a_name_a_label_or_a_span(tmp_path: Path) -> None:
    """Before, init wrote claims `expect: '311'` ("read as written … is the figure wrong?") and
    `expect: Over four years`, which suggest then met with the mean of a population."""
    rows = [f"R{i:04d},{2021 + i % 4},{'Noise' if i % 3 else 'Heat'}" for i in range(2480)]
    neighborhoods = ["N1,Harbor,22100", "N2,Mill Creek,7300", "N3,Eastfield,15630"]
    claims = init_and_suggest(
        tmp_path,
        "Calls to the city's 311 line rose.\n\nOver four years the line received 2,480 requests.\n\n"
        "Three-star and four-star restaurants drew fewer complaints.",
        {"requests.csv": csv_text("request_id,year,category", rows),
         "neighborhoods.csv": csv_text("nbhd_code,name,population", neighborhoods)})
    assert [c["expect"] for c in claims] == ["2,480"]
    assert claims[0]["candidates"][0]["measure"] == {"count": "requests"}


def test_suggest_says_a_length_of_time_of_no_column_that_holds_one(tmp_path: Path) -> None:
    """A claim init wrote before (`expect: Over four years`) got the mean of `population` as a
    passing candidate; a length of time is said of a column whose name gives a unit of time (or
    that the sentence names), and `wait` named by "waited" still is one."""
    import json
    import textwrap

    from typer.testing import CliRunner

    from factcheck.cli import app
    (tmp_path / ".git").mkdir()
    (tmp_path / "n.csv").write_text("code,name,population,wait\nN1,Harbor,22100,3\nN2,Mill Creek,7300,5\n")
    (tmp_path / "story.md").write_text("# Lines\n\nOver four years the line received 2,480 requests.\n\n"
                                       "Residents waited four hours on average.\n")
    (tmp_path / "c.yaml").write_text(textwrap.dedent("""\
        article: story.md
        tables:
          n: {path: n.csv}
        claims:
          - {id: span, says: 'Over four years the line received 2,480 requests.', expect: Over four years}
          - {id: wait, says: Residents waited four hours on average., expect: four hours}
        """))
    got = CliRunner().invoke(app, ["suggest", str(tmp_path / "c.yaml"), "--json", "-"])
    assert got.exit_code == 0, got.output
    by = {c["id"]: c for c in json.loads(got.stdout)["claims"]}
    assert not by["span"]["candidates"]
    assert by["wait"]["candidates"][0]["measure"] == {"mean": "wait", "of": "n"}


# A service's number before its noun and a verb of change names the service: a count does not rise. At
# the opening of a heading or sentence, before a singular noun, it is a name too. "311 requests were
# filed" may be a count, and stays a figure.
@pytest.mark.parametrize("sentence, figures", [
    ("# 311 requests rose", []),
    ("# 311 calls doubled in 2020", [("doubled", Fraction(2))]),
    ("911 calls rose 5%.", [("5%", Fraction(5, 100))]),
    ("In 2020, 311 requests rose 12%.", [("12%", Fraction(12, 100))]),
    ("The city's 311 complaints fell sharply, by 12%.", [("12%", Fraction(12, 100))]),
    ("311 complaints were up 9%.", [("9%", Fraction(9, 100))]),
    ("# 311 line swamped", []),
    ("911 system crashed in May.", []),
])
def test_a_service_number_named_at_the_opening_or_before_a_change_is_no_figure(
        sentence: str, figures: list[tuple[str, Fraction]]) -> None:
    assert _figures(sentence) == figures


@pytest.mark.parametrize("sentence, figures", [
    ("311 requests were filed.", [("311", Fraction(311))]),
    ("# 311 requests filed in May", [("311", Fraction(311))]),
    ("The line took 311 calls, rising to 400.", [("311", Fraction(311)), ("400", Fraction(400))]),
    ("1,311 requests rose 4%.", [("1,311", Fraction(1311)), ("4%", Fraction(4, 100))]),
    ("411 line workers quit.", [("411", Fraction(411))]),
    ("$311 calls rose.", [("$311", Fraction(311))]),
])
def test_a_count_that_may_be_one_stays_a_figure(sentence: str, figures: list[tuple[str, Fraction]]) -> None:
    assert _figures(sentence) == figures


@given(n=st.integers(min_value=100, max_value=999), noun=st.sampled_from(["requests", "calls", "complaints"]),
       verb=st.sampled_from(["rose", "fell", "climbed", "jumped", "declined", "were up"]),
       heading=st.booleans())
def test_only_a_service_number_before_a_change_is_a_name(n: int, noun: str, verb: str, heading: bool) -> None:
    """211 … 911 and 988 name a service; any other number before the same words stays a count."""
    found = _figures(f"{'# ' if heading else ''}{n} {noun} {verb} 7%")
    service = n == 988 or n % 100 == 11 and n >= 211
    assert found == ([] if service else [(str(n), Fraction(n))]) + [("7%", Fraction(7, 100))]
