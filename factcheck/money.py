"""Money told from text, in one place: is a figure an amount of money, and in which currency?

Four readers asked it, each its own way: the verdict's message (``$25,400`` is shown as money,
``expect: 3 million dollars`` too), a record's figures (the claim's sentence writes ``US$5 million``),
``suggest`` (a figure with a sign, or a currency named after it, is a sum, never a count of rows), and
the ``expect:`` reader (which reads ``3 million US dollars`` as ``3 million``). They read the same
signs and words, from here.

>>> currency_sign("about US$5 million"), currency_sign("3 million dollars"), currency_sign("59%")
('US$', '$', '')
>>> [sign for sign, _, _ in amounts("The fund paid US$5 million and £2bn.")]
['US$', '£']
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .formatting import CURRENCY_CODES, CURRENCY_SIGNS, alternatives

SIGN = rf"(?:{alternatives(CURRENCY_CODES)})?\$|[{CURRENCY_SIGNS.replace('$', '')}]"
"""A currency sign as written before an amount: '$', 'US$', 'NZ$', '£', '€', '¥', '₹' (the codes in
capitals, as written)."""
WORD = r"(?:(?:us|u\.s\.|canadian|australian)\s+)?(?:dollar|euro|pound)s?(?:\s+sterling)?"
"""A currency named in words after an amount, in lower case: 'dollars', 'US dollars', 'pounds sterling'."""
_WORD_SIGN = {"dollar": "$", "euro": "€", "pound": "£"}

_SIGN = re.compile(SIGN)
_WORD = re.compile(rf"\b{WORD}\b", re.IGNORECASE)
_WORD_AFTER = re.compile(r"\s*((?:(?:us|u\.s\.|canadian|australian)\s+)?(?:dollars|euros|pounds))\b", re.IGNORECASE)
"""In a sentence, only the plural names the currency of the figure before it: "the 300 dollar bills" are
300 bills (of a dollar each), not 300 dollars."""
_AMOUNT = re.compile(rf"(?<![\w{CURRENCY_SIGNS}])({SIGN})\s?\d[\d,.]*")


def _sign_of_word(word: str) -> str:
    name = re.search(r"dollar|euro|pound", word, re.IGNORECASE)
    return _WORD_SIGN[name[0].lower()] if name else ""


def currency_sign(text: str) -> str:
    """The sign of the currency a figure as written states an amount in: its sign ('$25,400' → '$',
    'US$5 million' → 'US$', 'about £2bn' → '£'), else the currency it names ('3 million dollars' →
    '$', 'two million euros' → '€'); '' for a figure that is no amount of money."""
    found = _SIGN.search(text)
    if found:
        return found[0]
    word = _WORD.search(text)
    return _sign_of_word(word[0]) if word else ""


def is_money(text: str) -> bool:
    """Whether a figure as written is an amount of money ('$3,324', 'about £2bn', '3 million dollars')."""
    return bool(currency_sign(text))


_LEADING = re.compile(rf"[+-]?({SIGN})\d")


def leading_sign(text: str) -> str:
    """The currency sign of an amount as factcheck writes one, the sign of a change aside ('$2,833.50',
    '+$5,284', '-US$3'); '' for a figure written without one ('+5,284', '48.2%', 'up $5').

    >>> leading_sign("+$5,284"), leading_sign("-US$3"), leading_sign("5,284"), leading_sign("up $5")
    ('$', 'US$', '', '')
    """
    found = _LEADING.match(text)
    return found[1] if found else ""


def currency_after(text: str, pos: int) -> str:
    """The sign of the currency named right after ``pos`` in a sentence ("nearly three million *dollars*",
    "5 million *US dollars*"), '' when none is (nor for "the 300 *dollar* bills", 300 bills).

    >>> currency_after("It cost 3 million US dollars.", 17), currency_after("It cost 3 million people.", 17)
    ('$', '')
    """
    found = _WORD_AFTER.match(text, pos)
    return _sign_of_word(found[1]) if found else ""


def amounts(text: str) -> Iterator[tuple[str, int, int]]:
    """Each amount a sentence writes with a currency sign: its sign, where it starts and where it ends
    ('$25,400', 'US$5', '£ 2'), a sign glued to a word or another sign aside ('A$' is one sign)."""
    for m in _AMOUNT.finditer(text):
        yield m[1], m.start(), m.end()
