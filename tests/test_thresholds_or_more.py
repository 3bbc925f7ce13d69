"""A threshold written after its noun ("have 1,000 beds or more") or with its noun left to the
clause before ("found no deficiencies …, while more than a third found 10 or more") is the
condition of the sentence's other figure, as "more than $100,000" is of "Eleven contracts". A
reporter's walk (F10) found both read as figures of their own: init wrote `expect: '10'` with "read
as written: 232 (fail): is the figure wrong?", and coverage listed them as not checked with no
word of whose condition they are."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from factcheck.suggest.thresholds import condition_of_a_figure, phrases
from tests.drafts import csv_text, init_and_suggest

SHARE = "Seven inspections found no deficiencies at all, while more than a third found 10 or more."
COUNT = "Some 93 homes have 1,000 beds or more."


@pytest.mark.parametrize("sentence, expect, condition", [
    (SHARE, "10", ("more than a third", "share")),
    (COUNT, "1,000", ("Some 93", "count")),
    ("Twelve homes had 300 beds or fewer.", "300", ("Twelve", "count")),
    ("Eleven contracts were worth more than $100,000.", "more than $100,000", ("Eleven", "count")),  # as before
])
def test_a_threshold_after_its_noun_is_the_condition_of_the_other_figure(sentence: str, expect: str,
                                                                          condition: tuple[str, str]) -> None:
    assert condition_of_a_figure(sentence, expect) == condition


@pytest.mark.parametrize("sentence, found", [
    (COUNT, [(">=", Fraction(1000), "beds", "1,000")]),
    (SHARE, [(">=", Fraction(10), "", "10")]),
    ("Homes with five beds or fewer closed.", [("<=", Fraction(5), "beds", "five")]),
    ("Two or more officers were present.", [(">=", Fraction(2), "officers", "Two")]),   # read once, as before
    ("500,000 dollars or more went to 12 firms.", [(">=", Fraction(500_000), "$", "500,000")]),  # money, as before
    ("It had 1,000 beds or more than that.", []),
    ("Some 40 of them, or more.", []),
])
def test_the_thresholds_read(sentence: str, found: list[tuple[str, Fraction, str, str]]) -> None:
    assert [(p.op, p.number, p.noun, p.figure) for p in phrases(sentence)] == found


def test_init_and_suggest_say_whose_condition_it_is(tmp_path: Path) -> None:
    homes = [f"H{i:03d},{1000 + i if i < 93 else 40 + i}" for i in range(260)]
    claims = init_and_suggest(tmp_path, COUNT, {"homes.csv": csv_text("home_id,beds", homes)}, "Homes")
    by = {c["expect"]: c for c in claims}
    assert by["1,000"]["note"].startswith("'1,000' is the condition of 'Some 93' in this sentence")
    assert not by["1,000"]["candidates"] and by["1,000"].get("reading") is None
    first = by["Some 93"]["candidates"][0]
    assert first["measure"] == {"count": "homes", "where": "beds >= 1000"} and first["verdict"] == "pass"
