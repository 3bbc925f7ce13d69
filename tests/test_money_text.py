"""Money told from text in one place (factcheck.money): the verdict's message, a record's figures,
`suggest` and the `expect:` reader read the same signs and currency words."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.expectations import MeasureShape, parse_expectation
from factcheck.expectations.judging import money_sign
from factcheck.formatting import FigureUnit
from factcheck.measures._units import _money as sentence_money
from factcheck.money import amounts, currency_after, currency_sign, is_money
from factcheck.suggest.propose import _money as suggest_money

SUM = MeasureShape("number", of_values="pay")


@pytest.mark.parametrize(("written", "sign"), [
    ("$25,400", "$"), ("about $4,000", "$"), ("US$5 million", "US$"), ("NZ$12", "NZ$"), ("-£200", "£"),
    ("£2.5bn", "£"), ("€300k", "€"), ("¥1,000", "¥"), ("₹5 crore", "₹"), ("3 million dollars", "$"),
    ("nearly three million US dollars", "$"), ("2 million euros", "€"), ("5 pounds sterling", "£"),
    ("59%", ""), ("165", ""), ("12 pounds of flour", "£"), ("up 5 points", ""),
])
def test_the_currency_of_a_figure(written: str, sign: str) -> None:
    assert currency_sign(written) == sign and is_money(written) is bool(sign)


_SIGNS = st.sampled_from(["", "$", "US$", "£", "€", "NZ$"])
_WORDS = st.sampled_from(["", " dollars", " US dollars", " euros", " pounds sterling"])


@given(sign=_SIGNS, n=st.integers(1, 10**6), scale=st.sampled_from(["", " million", "bn"]), word=_WORDS)
def test_every_reader_tells_money_alike(sign: str, n: int, scale: str, word: str) -> None:
    """The verdict (money_sign), suggest (its figure is a sum, never rows) and the reader of a
    sentence's amounts agree on every amount written with a sign or a currency word."""
    written = f"{sign}{n:,}{scale}{word}" if not (sign and word) else f"{sign}{n:,}{scale}"
    e = parse_expectation(written, SUM)
    assert money_sign(e) == currency_sign(written)
    assert (money_sign(e) != "") is bool(sign or word)
    says = f"The fund paid out {written} in 2024."
    assert suggest_money(says, written) is bool(sign or word)
    if sign and not scale:
        assert sentence_money(says) == FigureUnit("money", sign)


def test_a_sentence_in_us_dollars_is_money_to_every_reader() -> None:
    """'US$5 million' in a claim's sentence was no money for a record's figures (the 'S' before the '$'
    hid the sign), though the verdict showed it as 'US$'; '3 million US dollars' was no money to
    `suggest` (only 'dollars' right after the figure was), though `expect:` read it as one."""
    assert sentence_money("The top donor gave US$5,000 in 2024.") == FigureUnit("money", "US$")
    assert suggest_money("The fund paid out 3 million US dollars in 2024.", "3 million")
    assert not suggest_money("The 300 dollar bills were fake.", "300")  # 300 bills, as before
    assert currency_after("3 million pounds sterling", 9) == "£"
    assert [s for s, _, _ in amounts("paid A$5 and C$6, not $7")] == ["A$", "C$", "$"]


def test_the_verdict_shows_a_us_dollar_amount_with_its_sign(tmp_path: Path) -> None:
    from conftest import one_table
    r = one_table(tmp_path, ["id,pay", "1,25413.45"], "{sum: pay, of: t}", "3 million US dollars")
    assert r.value_text == "$25,413.45"
