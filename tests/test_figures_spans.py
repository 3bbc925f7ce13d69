"""A length of the calendar after a word of a span (over, in, during, across, throughout, for) is
the period the sentence's figures are of, wherever it stands: "Complaints doubled over four years"
has one figure, "doubled". Before, only a span that opened its sentence ("Over four years, …")
was read so, and one at the end was a figure of its own (`over four years`, 4, read as "more than
four years"), which init wrote as a claim and suggest met with a mean.

The same words stay a figure where they say how long something lasted or took ("waited over four
days", "served in prison for four years", "cases were closed in 30 days"), where "over" means
"more than" ("the wait was over two years"), for a change that ran that long ("Ridership fell for
three months": a run), for units of the clock ("waited over four hours"), and after "within"
(a deadline's bound).
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.draft.figures import find_figures


def _read(sentence: str) -> tuple[list[tuple[str, Fraction | None]], list[tuple[str, str | None]]]:
    (s,) = find_figures(sentence)
    return [(f.text, f.value) for f in s.figures], [(p.text, p.relation) for p in s.periods]


@pytest.mark.parametrize("sentence, figures, span, relation", [
    ("Complaints doubled over four years.", [("doubled", Fraction(2))], "four years", "over"),
    ("The city hired four officers over four years.", [("four", Fraction(4))], "four years", "over"),
    ("Complaints rose 12% in two years.", [("12%", Fraction(12, 100))], "two years", "in"),
    ("Arrests fell 10% during two weeks, the police said.", [("10%", Fraction(1, 10))], "two weeks", "during"),
    ("Evictions rose by 300 across five years.", [("300", Fraction(300))], "five years", "across"),
    ("Complaints rose over two years to 400.", [("400", Fraction(400))], "two years", "over"),
    ("The city hired 40 officers a year for four years.", [("40", Fraction(40))], "four years", "for"),
    ("# Complaints doubled over four years", [("doubled", Fraction(2))], "four years", "over"),
])
def test_a_span_after_the_figure_is_a_period(sentence: str, figures: list[tuple[str, Fraction]], span: str,
                                             relation: str) -> None:
    found, periods = _read(sentence)
    assert found == figures
    assert (span, relation) in periods


@pytest.mark.parametrize("sentence, figure", [
    ("Residents waited over four days.", "over four days"),
    ("Residents waited over four hours.", "over four hours"),
    ("He served in prison for four years.", "four years"),
    ("The wait was over two years.", "over two years"),
    ("Cases were closed in 30 days.", "30 days"),
    ("Officers were suspended for 30 days.", "30 days"),
    ("The program ran for three months.", "three months"),
    ("Ridership fell for three months.", "three months"),
    ("Ridership fell sharply for three months.", "three months"),
    ("In the trial, 100% recovered within two weeks.", "two weeks"),
    ("Response times averaged over two days.", "over two days"),
    ("Patients spent four days in the ward.", "four days"),
])
def test_how_long_something_lasted_stays_a_figure(sentence: str, figure: str) -> None:
    assert figure in [text for text, _ in _read(sentence)[0]]


_COUNTS = st.sampled_from(["officers", "inspectors", "cases", "homes", "arrests"])
_SPANS = st.sampled_from(["over", "in", "during", "across", "throughout"])
_UNITS = st.sampled_from(["years", "months", "weeks", "decades", "quarters"])


@given(count=st.integers(min_value=2, max_value=99_999), noun=_COUNTS, word=_SPANS, length=st.integers(2, 12),
       unit=_UNITS, verb=st.sampled_from(["hired", "added", "recorded", "closed", "counted"]))
def test_the_count_stays_and_the_span_is_its_period(count: int, noun: str, word: str, length: int, unit: str,
                                                    verb: str) -> None:
    """Whatever the count, its noun, the word of the span and its unit: one figure, the count; the
    span a period of that word. ("closed" before the count is no verb of lasting for the span: the
    count stands between them.)"""
    found, periods = _read(f"The city {verb} {count:,} {noun} {word} {length} {unit}.")
    assert found == [(f"{count:,}", Fraction(count))]
    assert periods == [(f"{length} {unit}", word)]
