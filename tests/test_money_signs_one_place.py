"""Currency signs known in one place (factcheck/money.py): the ``expect:`` reader (wording.py) and the
draft finder (draft/phrases.py) each kept their own copy of the signs, and a copy drifts. Both now
build theirs from ``money.SIGN``; every sign reads as it did, and the three readers agree on what is
an amount of money and what is not ("A£5": no currency writes its pound so).
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck import money
from factcheck.draft import phrases
from factcheck.expectations import wording
from factcheck.expectations.wording import read_number

SIGNS = ["$", "US$", "A$", "C$", "NZ$", "HK$", "£", "€", "¥", "₹"]


def test_the_readers_build_their_signs_from_money_py() -> None:
    assert money.SIGN in wording._FIGURE.pattern
    assert money.SIGN in phrases._DIGIT_NUMBER.pattern.pattern


@pytest.mark.parametrize(("written", "value", "text", "sign"), [
    ("$3,324", Fraction(3324), "$3,324", 0),
    ("us$5 million", Fraction(5_000_000), "US$5 million", 0),
    ("nz$1.5bn", Fraction(1_500_000_000), "NZ$1.5bn", 0),
    ("-€300k", Fraction(300_000), "€300k", -1),
    ("+£2", Fraction(2), "£2", 1),
    ("₹1,000", Fraction(1000), "₹1,000", 0),
])
def test_expect_reads_each_sign_as_before(written: str, value: Fraction, text: str, sign: int) -> None:
    figure = read_number(written)
    assert figure is not None and (figure.value, figure.text, figure.sign) == (value, text, sign)


@given(sign=st.sampled_from(SIGNS), cents=st.integers(min_value=1, max_value=10**9),
       minus=st.booleans(), scale=st.sampled_from(["", " million", "bn", "k"]))
def test_the_three_readers_agree_on_an_amount(sign: str, cents: int, minus: bool, scale: str) -> None:
    amount = f"{'-' if minus else ''}{sign}{cents / 100:,.2f}{scale}"
    sentence = f"The fund paid {amount} in 2020."
    assert money.currency_sign(amount) == sign
    assert [found[0] for found in money.amounts(sentence)] == [sign]
    figure = read_number(amount.lower())
    assert figure is not None and figure.text.startswith(sign), (amount, figure)
    spans = phrases.scan(sentence)[0]
    assert [sentence[s.start:s.end] for s in spans] == [amount], spans


@pytest.mark.parametrize("written", ["A£5", "US€300", "HK¥2"])
def test_a_code_before_a_sign_other_than_the_dollar_is_no_currency_to_any_reader(written: str) -> None:
    """The codes (US, A, C, NZ, HK) say whose dollars; money.py never took "A£" for a sign, while the
    two copies did: now none does."""
    sentence = f"The fund paid {written} in 2020."
    assert list(money.amounts(sentence)) == []
    assert read_number(written.lower()) is None
    assert phrases.scan(sentence)[0] == []
