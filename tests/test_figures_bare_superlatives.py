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
