""""The agency opened 7,000-plus cases": the figure finder keeps the "-plus", the band `expect:` gives it
(7,000 or more), so `init` writes `expect: 7,000-plus` and not the exact `7,000`; "40-plus years" is a
duration of 40 years or more. A claim of either covers its figure.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from factcheck.draft.coverage import ClaimRef, cover
from factcheck.draft.figures import figures_in_phrase, find_figures
from factcheck.draft.phrases import PLUS_BAND, QUALIFIER_BANDS, scan
from factcheck.expectations import parse_expectation
from factcheck.expectations.shape import MeasureShape
from tests.drafts import csv_text, init_and_suggest


def found(sentence: str) -> list[tuple[str, str, Fraction | None, str | None]]:
    return [(f.kind, sentence[f.start:f.end], f.value, f.qualifier) for f in scan(sentence)[0]]


@pytest.mark.parametrize(("sentence", "figure", "value"), [
    ("The agency opened 7,000-plus cases last year.", "7,000-plus", 7000),
    ("He served 40-plus years on the bench.", "40-plus years", 40),
    ("The repairs cost $2 million-plus.", "$2 million-plus", 2_000_000),
    ("Waits of 90-plus minutes were common.", "90-plus minutes", 90),
    ("The 40-Plus crowd came out.", "40-Plus", 40),
])
def test_the_finder_keeps_plus_as_the_band_of_or_more(sentence: str, figure: str, value: int) -> None:
    assert found(sentence) == [("number", figure, Fraction(value), "above")]


def test_the_band_is_the_one_of_more_than() -> None:
    """"-plus" is "or more" to `expect:`; to the finder, the band of "more than" (coverage pairs them)."""
    assert PLUS_BAND == QUALIFIER_BANDS["more than"] == "above"


@pytest.mark.parametrize("sentence", ["The city spent 7,000 plus 12 dollars.", "He was forty-plus years old.",
                                      "The score was 7,000-pluses.", "It sold 7,000-plus-size coats."])
def test_no_band_where_plus_is_no_suffix_of_a_figure_in_digits(sentence: str) -> None:
    assert all(q is None for *_, q in found(sentence))


@pytest.mark.parametrize(("written", "meaning"), [
    ("7,000-plus", "7,000 or more: x ≥ 7,000"),
    ("40-plus years", "40 years or more: x ≥ 40"),
    ("40-plus-year", "40-year or more: x ≥ 40"),
    ("$2 million-plus", "$2 million or more: x ≥ 2,000,000"),
    ("90-plus minutes", "90 minutes or more: x ≥ 90"),
])
def test_expect_reads_what_the_finder_writes(written: str, meaning: str) -> None:
    assert [f.text for f in figures_in_phrase(written)] == [written]
    assert parse_expectation(written, MeasureShape("number")).meaning == meaning


@given(n=st.integers(min_value=1, max_value=10**9), unit=st.sampled_from(["", " years", " days", " hours"]))
def test_every_plus_figure_reads_as_the_figure_or_more(n: int, unit: str) -> None:
    """The finder's figure of "{n}-plus{unit}" is n, above; `expect:` of the same text passes n and above, not below."""
    written = f"{n:,}-plus{unit}"
    [figure] = figures_in_phrase(written)
    assert (figure.text, figure.value, figure.qualifier) == (written, n, "above")
    e = parse_expectation(written, MeasureShape("number"))
    assert e.judge(Fraction(n)).ok and e.judge(Fraction(n) + Fraction(1, 3)).ok and not e.judge(Fraction(n) - 1).ok


@pytest.mark.parametrize(("sentence", "expect", "covered"), [
    ("The agency opened 7,000-plus cases last year.", "7,000-plus", True),
    ("The agency opened 7,000-plus cases last year.", "more than 7,000", True),
    ("The agency opened 7,000-plus cases last year.", "7,000", False),  # exact: a different statement
    ("He served 40-plus years on the bench.", "40-plus years", True),
])
def test_coverage_pairs_the_claim_and_the_figure(sentence: str, expect: str, covered: bool) -> None:
    result = cover(find_figures(sentence + "\n"), [ClaimRef("c", sentence, expect, True)])
    assert [f.figure.text for f in result.figures if f.claims] == ([found(sentence)[0][1]] if covered else [])


def test_init_writes_the_plus(tmp_path: Path) -> None:
    claims = init_and_suggest(tmp_path, "The agency opened 7,000-plus cases in 2024.",
                              {"cases.csv": csv_text("case_id,opened", [f"{i},2024-01-0{1 + i % 9}" for i in range(40)])})
    assert [c["expect"] for c in claims] == ["7,000-plus"]
    written = yaml.safe_load((tmp_path / "story.claims.yaml").read_text(encoding="utf-8"))["claims"]
    assert [c["expect"] for c in written] == ["7,000-plus"]


@pytest.mark.parametrize(("written", "meaning"), [
    ("7,000+", "7,000 or more: x ≥ 7,000"),      # as headlines write it: was "cannot read"
    ("40+ years", "40 years or more: x ≥ 40"),
    ("$2 million+", "$2 million or more: x ≥ 2,000,000"),
])
def test_expect_reads_a_plus_sign_after_the_figure_as_plus(written: str, meaning: str) -> None:
    assert parse_expectation(written, MeasureShape("number")).meaning == meaning


def test_a_plus_sign_before_the_figure_stays_the_sign_of_a_change() -> None:
    assert parse_expectation("+5%", MeasureShape("change_percent")).meaning == "a rise rounding to 5%: 4.5% ≤ x < 5.5%"
