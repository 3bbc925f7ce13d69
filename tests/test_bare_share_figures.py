"""A bare number on a measure whose own scale runs from 0 to 1. Read as whole numbers, `0` and `1`
took anything within 50 points: "No patient waited more than four hours" passed at 27%."""

from __future__ import annotations

from fractions import Fraction

import pytest

from factcheck.expectations import parse_expectation
from factcheck.expectations.shape import MeasureShape

SHARE, PERCENT, POINTS = MeasureShape("share"), MeasureShape("change_percent"), MeasureShape("change_points")


@pytest.mark.parametrize(("expect", "shape", "inside", "outside"), [
    ("0", SHARE, ["0"], ["1/10000", "27/100"]),
    ("1", SHARE, ["1"], ["9999/10000", "73/100"]),
    ("0.3", SHARE, ["295/1000", "3049/10000"], ["27/100", "34/100", "305/1000"]),
    ("0.59", SHARE, ["585/1000"], ["595/1000"]),                  # as before: two decimals are whole percents
    ("0", PERCENT, ["-5/1000", "4/1000"], ["72/1000", "-6/1000"]),  # no change: -0.5% ≤ x < 0.5%
    ("0", POINTS, ["0"], ["33/1000"]),
    ("0%", SHARE, ["4/1000"], ["5/1000"]),                         # a percentage keeps its rounding
    ("more than 0", SHARE, ["1/10000"], ["0"]),                    # a qualifier keeps its own reading
    ("0.5", MeasureShape("number"), ["45/100", "54/100"], ["55/100"]),  # a number is no share: one decimal
])
def test_bare_numbers_on_a_zero_to_one_scale(expect: str, shape: MeasureShape, inside: list[str],
                                              outside: list[str]) -> None:
    e = parse_expectation(expect, shape)
    for x in inside:
        assert e.judge(Fraction(x)).ok, (expect, x, e.meaning)
    for x in outside:
        assert not e.judge(Fraction(x)).ok, (expect, x, e.meaning)


def test_what_the_reading_says() -> None:
    assert parse_expectation("0", SHARE).meaning == "0 (none): x = 0%"
    assert parse_expectation("1", SHARE).summary == "exactly 100% (all)"
    assert parse_expectation("0", PERCENT).meaning.startswith("no change: rounds to 0%")


def test_a_bare_share_figure_in_a_run(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from conftest import one_table

    from factcheck.outcome import Verdict
    rows = ["visit,wait"] + [f"{i},{300 if i % 4 == 0 else 60}" for i in range(1, 101)]  # a quarter over 240
    r = one_table(tmp_path, rows, "{share: wait > 240, of: t}", "0", says="No patient waited more than four hours.")
    assert (r.verdict, r.value_text) == (Verdict.FAIL, "25%"), r.message
    r = one_table(tmp_path, rows, "{share: wait > 400, of: t}", "0", says="No patient waited more than 400 minutes.")
    assert r.verdict == Verdict.PASS, r.message
