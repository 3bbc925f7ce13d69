"""Multiples written in words: "threefold", "two to one" (found walking a grants story: the first
could not be read, the second got the hint "2 to 1", which then got `{between: [2, 1]}`)."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from factcheck.expectations import parse_expectation
from factcheck.expectations.shape import MeasureShape
from factcheck.formatting import key_shown

RATIO = MeasureShape("change_ratio")


@pytest.mark.parametrize(("written", "low", "high"), [
    ("threefold", F(59, 20), F(61, 20)),
    ("three-fold", F(59, 20), F(61, 20)),
    ("tenfold", F(199, 20), F(201, 20)),
    ("two to one", F(39, 20), F(41, 20)),
    ("3 to 1", F(59, 20), F(61, 20)),
    ("3 times as much", F(59, 20), F(61, 20)),   # below ten, digits read as words do: it passed 2.6×
    ("3x", F(59, 20), F(61, 20)),
    ("17 times", F(33, 2), F(35, 2)),           # from ten up, rounded as written
    ("23 times", F(45, 2), F(47, 2)),           # (it was read as the digits "2", "3" … of "23456789")
    ("2.5 times", F(49, 20), F(51, 20)),
])
def test_multiples_in_words(written: str, low: F, high: F) -> None:
    e = parse_expectation(written, RATIO)
    assert e.interval is not None and (e.interval.low, e.interval.high) == (low, high), e.meaning


def test_a_key_with_spaces_at_its_ends_is_quoted() -> None:
    assert (key_shown("Texas "), key_shown("Texas"), key_shown("New York")) == ("'Texas '", "Texas", "New York")


def test_a_multiple_states_a_ratio_of_two_measures() -> None:
    """"Black residents were 3.5 times as likely", measured as a ratio of two rates: "3 to 1" and
    "three times as many" were refused ("describes a change"); "3-to-1" could not be read, and the
    draft took it for the number 3 (the attack on this session's changes)."""
    import tempfile
    import textwrap
    from pathlib import Path

    import factcheck
    from factcheck.draft.figures import figures_in_phrase
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        (folder / "t.csv").write_text("id,g\n1,a\n2,a\n3,a\n4,b\n")
        ratio = "{ratio: {numerator: {count: t, where: \"g == 'a'\"}, denominator: {count: t, where: \"g == 'b'\"}}}"
        claims = "".join(f"  - {{id: c{i}, says: s, measure: {ratio}, expect: '{e}'}}\n"
                         for i, e in enumerate(["3 to 1", "three times as many", "3-to-1", "3", "4-to-1"]))
        (folder / "c.yaml").write_text(textwrap.dedent("tables:\n  t: {path: t.csv}\nclaims:\n") + claims)
        verdicts = [r.verdict.value for r in factcheck.verify(folder / "c.yaml").results]
    assert verdicts == ["pass", "pass", "pass", "pass", "fail"]
    assert [(f.text, f.kind, f.value) for f in figures_in_phrase("won 3-to-1")] == [("3-to-1", "multiple", 3)]


def test_three_times_those_of_is_a_multiple_of_the_draft() -> None:
    """"Cases in 2021 were 3 times those of 2020": the draft found the number 3, and the claim stating
    "3 times" did not cover it (the second attack on this session's changes)."""
    from factcheck.draft.figures import find_figures
    found = [(f.text, f.kind) for s in find_figures("Cases in 2021 were 3 times those of 2020.") for f in s.figures]
    assert found == [("3 times", "multiple")]
