"""Extremes a draft states without "the": "Turnout was highest in Ward 3", "Rents hit a record in
2024". Before, neither was a figure, so no claim was written for it and `--require-coverage`
never asked for one. Found walking stories of elections and rents."""

from __future__ import annotations

import pytest

from factcheck.draft.figures import find_figures


def _extremes(text: str) -> list[str]:
    return [f.text for s in find_figures(text) for f in s.figures if f.kind == "extreme"]


@pytest.mark.parametrize(("text", "extreme"), [
    ("Turnout was highest in Ward 3, at 67%.", "highest"),
    ("Waits were longest at County General.", "longest"),
    ("Rents hit a record in 2024.", "hit a record"),
    ("Sales reached a new record last year.", "reached a new record"),
    ("Fatalities set a record.", "set a record"),
])
def test_a_bare_superlative_or_a_record_is_a_figure(text: str, extreme: str) -> None:
    assert extreme in _extremes(text)


@pytest.mark.parametrize("text", [
    "Turnout was the highest in Ward 3.",          # found already, once
    "The record shows 12 cases.",                  # a record, the document
    "Officials kept a record of every ballot.",
    "At best, 12 cases were filed.",
    "The clinic was highest-rated.",
])
def test_no_second_or_false_extreme(text: str) -> None:
    assert len(_extremes(text)) <= 1
    if "the highest" not in text:
        assert _extremes(text) == []


@pytest.mark.parametrize(("text", "extreme"), [
    ("Parks was the sixth-largest department.", "the sixth-largest"),
    ("It had the 6th-largest budget.", "the 6th-largest"),
    ("Health was the tenth-highest paid.", "the tenth-highest"),
    ("Sanitation made the sixth-most payments in 2024.", "the sixth-most payments"),
    ("Fire ranked the 11th-lowest.", "the 11th-lowest"),
])
def test_a_rank_past_the_fifth_is_a_figure(text: str, extreme: str) -> None:
    """Found walking a story of a city's budget: "the second-" to "fifth-largest" were figures, "the
    sixth-largest" none (so `--require-coverage` passed it unchecked), and "the sixth-most payments"
    was read as the majority word "most"."""
    assert _extremes(text) == [extreme]
    assert not [f for s in find_figures(text) for f in s.figures if f.kind == "qualifier"]


@pytest.mark.parametrize(("text", "extreme"), [
    ("The city had the most 100-degree days on record in 2024.", "the most 100-degree days on record"),
    ("It logged the most 90-degree nights since 2011.", "the most 90-degree nights since 2011"),
])
def test_the_most_of_a_numbered_thing_is_an_extreme_not_a_number(text: str, extreme: str) -> None:
    """Found walking a story of heat: "the most 100-degree days on record" was no extreme, and its
    "100", which names the days counted, was taken for a figure of its own."""
    figures = [(f.text, f.kind) for s in find_figures(text) for f in s.figures]
    assert figures == [(extreme, "extreme")]
