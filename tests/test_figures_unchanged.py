"""A change of nothing is a figure: "Bus ridership was flat", "fares held steady", "remained unchanged".

Found walking a story of transit ridership: `init` wrote no claim for "flat", and
`run --require-coverage` passed with the sentence unchecked. Such a figure is a multiple of one,
as `expect: flat` reads it (a change that rounds to 0%).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import factcheck
from factcheck.draft.figures import figures_in_phrase, find_figures


def _figures(text: str) -> list[tuple[str, str]]:
    return [(f.text, f.kind) for s in find_figures(text) for f in s.figures]


@pytest.mark.parametrize(("text", "figure"), [
    ("Bus ridership was flat in the second quarter.", "flat"),
    ("Fares held steady at the old price.", "held steady"),
    ("Revenue remained unchanged from 2023.", "unchanged"),
    ("Ridership was virtually unchanged.", "unchanged"),
    ("Enrollment stayed stable.", "stable"),
])
def test_a_change_of_nothing_is_a_figure(text: str, figure: str) -> None:
    assert _figures(text) == [(figure, "multiple")]


@pytest.mark.parametrize("text", ["They pay a flat fee.", "She has a stable job.", "A steady hand helps."])
def test_the_words_in_other_senses_are_not(text: str) -> None:
    assert _figures(text) == []


@pytest.mark.parametrize("expect", ["flat", "unchanged", "held steady", "no change"])
def test_an_expect_of_no_change_states_the_same_figure(expect: str) -> None:
    assert [(f.kind, f.value) for f in figures_in_phrase(expect)] == [("multiple", 1)]


def test_require_coverage_asks_for_a_claim(tmp_path: Path) -> None:
    (tmp_path / "r.csv").write_text("year,mode,riders\n2023,bus,100\n2024,bus,100\n2023,rail,50\n2024,rail,60\n",
                                    encoding="utf-8")
    (tmp_path / "story.md").write_text("Bus ridership was flat in 2024. Rail ridership rose 20%.\n", encoding="utf-8")
    rail = """\
      - id: rail
        says: Rail ridership rose 20%.
        measure: {change: {sum: riders, of: r, where: "mode == 'rail'"}, over: year, from: 2023, to: 2024}
        expect: up 20%
    """
    bus = """\
      - id: bus-flat
        says: Bus ridership was flat in 2024.
        measure: {change: {sum: riders, of: r, where: "mode == 'bus'"}, over: year, from: 2023, to: 2024}
        expect: flat
    """
    rail, bus = textwrap.dedent(rail), textwrap.dedent(bus)
    for claims, uncovered in ((rail + bus, []), (rail, ["flat"])):
        (tmp_path / "c.yaml").write_text("version: 1\narticle: story.md\ntables:\n  r: {path: r.csv, time: year}\n"
                                         "claims:\n" + claims, encoding="utf-8")
        report = factcheck.verify(tmp_path / "c.yaml")
        assert {r.verdict.value for r in report.results} == {"pass"}
        assert report.coverage is not None
        assert [f.text for f in report.coverage.figures if f.status == "not_checked"] == uncovered
