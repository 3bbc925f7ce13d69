"""A figure with a unit of time ('45 days', 'about 12 years', 'a 25-year-old') reads as its number.

`factcheck init` writes a claim's ``expect:`` as the article words it, and the figure reader
takes "45 days" whole; the expectation grammar refused it ("cannot read '45 days'"), so the
starter file stopped the run as soon as a measure was added.
"""

from __future__ import annotations

import json
from fractions import Fraction as F
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.expectations import ExpectationError, MeasureShape, parse_expectation

N = MeasureShape("number")
runner = CliRunner()
UNITS = ["day", "days", "week", "weeks", "month", "months", "quarter", "quarters", "year", "years",
         "decade", "decades", "hour", "hours", "century", "centuries"]


@pytest.mark.parametrize(("written", "shape", "low", "high", "meaning"), [
    ("45 days", N, F(89, 2), F(91, 2), "rounds to 45 days: 44.5 ≤ x < 45.5"),
    ("3.5 months", N, F(345, 100), F(355, 100), "rounds to 3.5 months: 3.45 ≤ x < 3.55"),
    ("five years", N, F(9, 2), F(11, 2), "rounds to five years: 4.5 ≤ x < 5.5"),
    ("about 12 years", N, F(114, 10), F(126, 10), "about 12 years: 11.4 ≤ x ≤ 12.6"),
    ("more than 6 months", N, F(6), None, "more than 6 months: x > 6"),
    ("nearly 30 days", N, F(285, 10), F(30), "nearly 30 days: 28.5 ≤ x < 30"),
    ("up 3 days", MeasureShape("change_absolute"), F(5, 2), F(7, 2), "a rise rounding to 3 days: 2.5 ≤ x < 3.5"),
])
def test_a_duration_reads_as_its_number_with_its_unit_in_the_meaning(
        written: str, shape: MeasureShape, low: F, high: F | None, meaning: str) -> None:
    e = parse_expectation(written, shape)
    assert e.interval is not None and (e.interval.low, e.interval.high) == (low, high)
    assert e.meaning == meaning


@pytest.mark.parametrize("written", ["45 dayz", "45% days", "a decade", "days", "45 days 3", "one in five days"])
def test_what_is_not_a_duration_is_still_refused(written: str) -> None:
    with pytest.raises(ExpectationError):
        parse_expectation(written, N)


def test_a_duration_on_a_share_is_refused_like_any_plain_number() -> None:
    with pytest.raises(ExpectationError):
        parse_expectation("45 days", MeasureShape("share"))


@given(n=st.integers(0, 10**6), unit=st.sampled_from(UNITS), hyphen=st.booleans())
def test_any_whole_duration_rounds_like_the_bare_number(n: int, unit: str, hyphen: bool) -> None:
    written = f"{n:,}{'-' if hyphen else ' '}{unit}"
    bare = parse_expectation(f"{n:,}", N)
    e = parse_expectation(written, N)
    assert e.interval == bare.interval and e.stated == bare.stated == n


def test_init_then_a_measure_judges_the_figure_init_wrote(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "story.md").write_text("# Repairs\n\nRepairs took 45 days to finish on average.\n", encoding="utf-8")
    (root / "repairs.csv").write_text("repair_id,days_to_finish\n1,40\n2,50\n3,44\n4,46\n", encoding="utf-8")
    result = runner.invoke(app, ["init", str(root / "story.md"), str(root / "repairs.csv")])
    assert result.exit_code == 0, result.output
    claims = root / "story.claims.yaml"
    text = claims.read_text(encoding="utf-8")
    assert "expect: 45 days" in text
    claims.write_text(text.replace("    expect: 45 days", "    measure: {mean: days_to_finish, of: repairs}\n"
                                   "    expect: 45 days"), encoding="utf-8")
    result = runner.invoke(app, ["run", str(claims), "--json", "-"])
    assert result.exit_code == 0, result.output
    [r] = json.loads(result.stdout[result.stdout.index("{"):])["results"]
    assert r["verdict"] == "pass" and r["expectation"]["meaning"] == "rounds to 45 days: 44.5 ≤ x < 45.5"
