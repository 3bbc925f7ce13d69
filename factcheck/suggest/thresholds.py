"""Conditions a sentence states on a number: "waited more than four hours", "more than 200 beds".

"Nearly a third of patients waited more than four hours" is a share whose condition is no
value of a category but a threshold on a numeric column: ``wait_minutes > 240``. For each
such phrase of a claim's sentence, each numeric column it can be said of becomes a true/false
dimension of its table before the cells are read, so the search counts it like any other
condition:

- a duration ("four hours") is said of a column whose name gives a time unit it converts
  into (``wait_minutes``: 240; see :mod:`factcheck.expectations.durations`);
- any other noun ("beds") of a column whose name holds it (``beds``, ``bed_count``);
- an age ("65 or older") of a column whose name holds "age";
- a number of something ("two or more officers", "three or fewer beds", "1,000 beds or more") of a
  column whose name holds the noun (``officer_count``); "found 10 or more", its noun said before it,
  of none, but it is still the condition of the sentence's other figure;
- an amount of money ("donations of $200 or less", "over $1,000") of a column named for money
  (``amount``, ``cost``, ``price``, ``donation``, ``spending`` …: :data:`MONEY_WORDS`).

>>> [(p.op, p.number, p.noun) for p in phrases("Nearly a third waited more than four hours; none over 1,000 beds.")]
[('>', Fraction(4, 1), 'hours'), ('>', Fraction(1000, 1), 'beds')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from ..draft.phrases import in_digits
from ..expectations import durations, spelled
from ..formatting import ABBREVIATED_SCALES, SCALES, alternatives
from .words import stopword, words

if TYPE_CHECKING:
    from .profile import Dimension, Profile

MAX_PER_TABLE = 6  # threshold conditions added to one table (each doubles its cells at most)

_OPS = {"more than": ">", "over": ">", "above": ">", "longer than": ">", "at least": ">=", "less than": "<",
        "under": "<", "below": "<", "fewer than": "<", "shorter than": "<", "at most": "<=", "no more than": "<="}
_PHRASE = re.compile(r"\b(?P<op>" + "|".join(sorted(_OPS, key=len, reverse=True)) + r")\s+"
                     r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[a-z]+(?:-[a-z]+)*)\s+(?P<noun>[a-z]+)\b", re.I)
# "1,000 beds or more", "five homes or fewer": the number, its noun, then the comparison; and a count whose
# noun the sentence said before it ("more than a third found 10 or more."): a threshold of no column, yet
# the condition of the sentence's other figure
_NOUN_OR_MORE = re.compile(r"(?<![$\u00a3\u20ac\d.,])\b(?P<num>\d{1,3}(?:,\d{3})+|\d+|[a-z]+(?:-[a-z]+)*)"
                           r"(?:\s+(?P<noun>[a-z]+))?\s+or\s+(?P<op>more|fewer|less)\b(?!\s+than\b)"
                           r"(?(noun)|(?=\s*(?:[,;:.!?)]|$)))", re.I)
_NOT_A_NOUN = frozenset("dollars pounds euros or and more fewer less".split())
# an age: "65 or older", "aged 18 and under", "25 years old or younger"
_AGE_OPS = {"or older": ">=", "and older": ">=", "or over": ">=", "and over": ">=", "or younger": "<=",
            "and younger": "<=", "or under": "<=", "and under": "<="}
_AGE = re.compile(r"\b(?P<num>\d{1,3})\s+(?:years?\s+old\s+)?(?P<op>" + "|".join(_AGE_OPS) + r")\b", re.I)
# "two or more officers", "three or fewer beds": the number, then the comparison, then the noun
_OR_MORE_OPS = {"more": ">=", "fewer": "<=", "less": "<="}
_OR_MORE = re.compile(r"(?<![$\u00a3\u20ac\d.,])\b(?P<num>\d{1,3}(?:,\d{3})*|[a-z]+(?:-[a-z]+)*)\s+or\s+(?P<op>more|fewer|less)\s+"
                      r"(?P<noun>[a-z]+)\b", re.I)
# an amount of money: "donations of $200 or less", "gifts over $1,000"
_MONEY_AFTER = {"or less": "<=", "or more": ">=", "and under": "<=", "or under": "<=", "and up": ">=",
                "and over": ">=", "or over": ">=", "and above": ">=", "or above": ">="}
# its scale, a word ("$8 million", "$2.9-million") or glued to it ("$1.2bn", "$300k"): part of the amount
_SCALE = {**SCALES, **ABBREVIATED_SCALES}
_MONEY = re.compile(r"(?:\b(?P<before>" + "|".join(sorted(_OPS, key=len, reverse=True)) + r")\s+)?"
                    r"(?P<figure>[$\u00a3\u20ac](?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
                    r"(?:(?:\s+|-)(?P<word>" + alternatives(SCALES) + r")\b|(?P<glued>"
                    + alternatives(ABBREVIATED_SCALES) + r")\b)?)"
                    r"(?:\s+(?P<after>" + "|".join(_MONEY_AFTER) + r"))?\b", re.I)
# an amount of money named by its unit, in words or digits: "more than one million dollars", "over a million
# dollars", "at least five hundred thousand dollars", "500,000 dollars or more"; its number as `read_spelled` reads it
_NUMBER_WORD = r"(?:" + alternatives(sorted(spelled.WORDS - {"and", "point"})) + r")\b"
# "above half a million dollars", "over a quarter million dollars": a part of a scale, read as the draft reads it
_AND_A_PART = r"(?:a[\s-]+(?:half|quarter)|three[\s-]+quarters)"  # "one and a quarter million", "a million and a half"
_PART_OF_A_SCALE = r"(?:half(?:\s+of)?\s+an?|an?\s+half|(?:an?\s+)?quarter(?:\s+of\s+an?)?|three[\s-]+quarters\s+of\s+an?)"
_SPOKEN = re.compile(r"(?:\b(?P<before>" + "|".join(sorted(_OPS, key=len, reverse=True)) + r")\s+)?"
                     r"(?<![$\u00a3\u20ac\d.,])(?P<figure>(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
                     r"|\b" + _PART_OF_A_SCALE + r"(?=[\s-]+(?:" + alternatives(SCALES) + r")\b)"
                     r"|\b" + _NUMBER_WORD + r"(?:(?:\s+|-)(?:and\s+)?" + _NUMBER_WORD + r")*"
                     r"(?:[\s-]+and[\s-]+" + _AND_A_PART + r"(?=[\s-]+(?:" + alternatives(SCALES) + r")\b))?)"
                     r"(?:(?:\s+|-)(?P<scale>" + alternatives(SCALES) + r")(?P<part>\s+and\s+" + _AND_A_PART + r")?)?)"
                     r"\s+(?P<unit>dollars|pounds|euros)\b"
                     r"(?:\s+(?P<after>" + "|".join(_MONEY_AFTER) + r"))?\b", re.I)
# "employees who were paid overtime", "received bonuses": the rows with some of a number column (`overtime_pay > 0`,
# which keeps neither a blank nor a zero)
_SOME = re.compile(r"\b(?:paid|received|earned|collected|drew|got|had)\s+(?:any\s+|some\s+)?(?P<noun>[a-z]+)\b", re.I)
_PARTICLES = frozenset("out off back up down".split())
_NEGATED = re.compile(r"(?:\b(?:not|never|no|neither|nor|without)|n['\u2019]t)(?:\s+(?:been|be|ever|yet|even|once))?\s*$",
                      re.I)
"""A negation just before the verb of :data:`_SOME`: the rows it speaks of have none, which is not
``> 0`` (and a blank is not a zero), so no condition is read."""
# the words of a column that holds amounts of money
MONEY_WORDS = frozenset(words("amount cost price paid pay payment donation contribution spending salary income fee fine "
                              "owed rent budget revenue wage earnings compensation dollars"))


_NO_NOUN = frozenset("in of out and or".split())  # "more than one in five": a fraction, no threshold


@dataclass(frozen=True)
class Phrase:
    """``more than four hours``: the comparison, the number and the noun it is of."""

    text: str
    op: str
    number: Fraction
    noun: str
    figure: str = ""  # the figure the article's reader sees in it, when not the whole ("65" of "65 or older")


def phrases(sentence: str) -> list[Phrase]:
    """Each threshold the sentence states on a number of something."""
    spoken = _spoken_money(sentence)
    out = [p for p, _ in spoken]
    for m in _PHRASE.finditer(sentence):
        if any(start < m.end() and m.start() < end for _, (start, end) in spoken):
            continue  # "more than one million dollars": an amount of money, not one of something called "million"
        raw = m["num"].lower()
        number = _count(raw)  # "at least one critical violation", "more than thirteen hours"
        if number is None or (raw == "one" and m["noun"].lower() in _NO_NOUN):
            continue  # not "more than one in five"
        out.append(Phrase(m.group(0), _OPS[m["op"].lower()], number, m["noun"].lower()))
    for m in _OR_MORE.finditer(sentence):
        number = _count(m["num"].lower())
        if number is not None:
            out.append(Phrase(m.group(0), _OR_MORE_OPS[m["op"].lower()], number, m["noun"].lower(), m["num"]))
    for m in _NOUN_OR_MORE.finditer(sentence):
        noun = (m["noun"] or "").lower()
        number = _count(m["num"].lower())
        if number is not None and noun not in _NOT_A_NOUN and (not noun or not stopword(noun)):
            out.append(Phrase(m.group(0), _OR_MORE_OPS[m["op"].lower()], number, noun, m["num"]))
    for m in _AGE.finditer(sentence):
        out.append(Phrase(m.group(0), _AGE_OPS[m["op"].lower()], Fraction(m["num"]), "age", m["num"]))
    for m in _SOME.finditer(sentence):
        if _NEGATED.search(sentence, max(0, m.start() - 24), m.start()) or m["noun"].lower() in ("no", "none"):
            continue  # "never received overtime", "were not paid overtime", "received no overtime": the other rows
        if not stopword(m["noun"]) and m["noun"].lower() not in _PARTICLES:  # "paid out $3 million": no noun
            out.append(Phrase(m.group(0), ">", Fraction(0), m["noun"].lower()))
    for m in _MONEY.finditer(sentence):
        op = _OPS[m["before"].lower()] if m["before"] else _MONEY_AFTER[m["after"].lower()] if m["after"] else None
        if op is not None:
            scale = _SCALE[(m["word"] or m["glued"] or "").lower()] if m["word"] or m["glued"] else 1
            out.append(Phrase(m.group(0).strip(), op, Fraction(m["num"].replace(",", "")) * scale, "$", m["figure"]))
    return out


def _count(raw: str) -> Fraction | None:
    """The count of a threshold, in digits or one word ("four", "thirteen"; not "a"), as
    :func:`~factcheck.expectations.spelled.read_spelled` reads a number in words."""
    if raw[0].isdigit():
        return Fraction(raw.replace(",", ""))
    read = spelled.read_spelled(raw)
    return read.value if read is not None and read.value.denominator == 1 and read.part is None else None


def _spoken_money(sentence: str) -> list[tuple[Phrase, tuple[int, int]]]:
    """Each threshold on an amount of money named by its unit ("more than one million dollars"), with
    where it is in the sentence: the same condition as "more than $1 million", on a column named for
    money. The words are read by :func:`~factcheck.expectations.spelled.read_spelled`, as a figure
    in words is everywhere else."""
    out = []
    for m in _SPOKEN.finditer(sentence):
        op = _OPS[m["before"].lower()] if m["before"] else _MONEY_AFTER[m["after"].lower()] if m["after"] else None
        amount = _spoken_amount(m["num"], f"{m['scale']}{m['part'] or ''}" if m["scale"] else None)
        if op is not None and amount is not None:
            out.append((Phrase(m.group(0).strip(), op, amount, "$", m["figure"]), (m.start(), m.end())))
    return out


def _spoken_amount(num: str, scale: str | None) -> Fraction | None:
    """The amount of "500,000", "2.5 million", "five hundred thousand", "half a million" or "one and a
    half million"; None when the words are no number ("a")."""
    if num[0].isdigit() and not (scale and " " in scale.strip()):  # not "1 million and a half"
        return Fraction(num.replace(",", "")) * (SCALES[scale.lower()] if scale else 1)
    read = spelled.read_spelled(f"{num} {scale}" if scale else num)  # "half a million", "one and a half million" too
    return read.value if read is not None else None


def stated_key(p: Phrase) -> str:
    """One token for what a threshold states, whatever its words: "more than one million dollars", "over
    a million dollars" and "more than $1 million" are all ``⟨>1000000$⟩``, and "more than a million
    dollars" is not "a million dollars or more". A sentence names a threshold's condition by stating
    it, not by sharing its words ("million", "dollars"): a condition named by another sentence's
    words was read as this one's (`amount >= 1000000 and amount < 1000000`, a range of no row)."""
    return f"\u27e8{p.op}{_number(p.number)}{p.noun}\u27e9"


def stated_keys(text: str) -> set[str]:
    """The :func:`stated_key` of each threshold ``text`` states."""
    return {stated_key(p) for p in phrases(text)}


def threshold_dimensions(profile: Profile, sentences: list[str]) -> list[Dimension]:
    """The true/false dimensions the sentences' thresholds give this table's numeric columns: one
    for each condition, named by every sentence that states it (in any words)."""
    from .profile import Dimension
    from .space import ident
    found: dict[str, tuple[str, set[str], set[str]]] = {}  # text -> its SQL, its words, what states it
    for sentence in sentences:
        for phrase in phrases(sentence):
            for column, sql, value in _columns_of(phrase, profile, sentence):
                text = f"{ident(column)} {phrase.op} {_number(value)}"
                if text not in found and len(found) >= MAX_PER_TABLE:  # said, like every cap of the search
                    profile.capped.append(f"{profile.table}: at most {MAX_PER_TABLE} thresholds a sentence "
                                          f"states tried ({text} left out)")
                    continue
                _, said, stated = found.setdefault(text, (f"({sql} {phrase.op} {_number(value)})", set(), set()))
                said |= words(phrase.text)
                stated.add(stated_key(phrase))
    return [Dimension(text, sql, "BOOLEAN", [False, True], True, said=frozenset(said), stated=frozenset(stated))
            for text, (sql, said, stated) in found.items()]


def _columns_of(phrase: Phrase, profile: Profile, sentence: str) -> list[tuple[str, str, Fraction]]:
    """The number columns the phrase can be said of, with its number in each one's terms. An
    amount of money, said of any column named for money, is said of those the sentence names when
    it names one ("made more than $40,000 in *overtime*": `overtime_pay`, not `base_salary`): each
    threshold is a dimension more, and their number is capped."""
    out = [(column, sql, value) for column, sql in profile.numbers
           if (value := _in_column(phrase, column)) is not None]
    if phrase.noun == "$":
        said = words(sentence)
        named = [c for c in out if words(c[0], synonyms=False) & said]
        return named or out
    return out


def _in_column(phrase: Phrase, column: str) -> Fraction | None:
    """The phrase's number in the column's terms, when the phrase can be said of the column."""
    if phrase.noun == "$":  # an amount of money: of a column named for one
        return phrase.number if words(column) & MONEY_WORDS else None
    given = durations.unit_of(phrase.noun)
    if given is not None:
        has = durations.unit_in_name(column)
        k = durations.factor(given, has) if has is not None else None
        return phrase.number * k if k is not None else None
    # "beds" of `bed_count`; "degrees" of `max_temp_f` through the words it stands for (temp)
    noun, named = words(phrase.noun, synonyms=False), words(column)
    return phrase.number if noun and (noun <= named or words(phrase.noun) - noun & named) else None


def _number(x: Fraction) -> str:
    return str(x.numerator) if x.denominator == 1 else str(float(x))


def _as_written(p: Phrase) -> list[str]:
    """The threshold's text as the draft has it, and as `init` writes its figure when it is an amount
    in words: "more than one million dollars" is the figure "more than 1 million"."""
    text = " ".join(p.text.lower().split())
    digits = in_digits(p.figure) if p.noun == "$" and p.figure[:1].isalpha() else None
    if digits is None:
        return [text]
    figure = " ".join(p.figure.lower().split())
    return [text, re.sub(r"\s+(?:dollars|pounds|euros)\b", "", text.replace(figure, digits, 1))]


def thresholds_said(sentence: str, expect: object) -> list[Phrase]:
    """The thresholds of the sentence that ``expect`` states as its figure: as written, or in digits
    as `init` writes a number in words ("Two or more officers": 2), or without its noun ("above 95"
    of "above 95 degrees")."""
    if not isinstance(expect, str):
        return []
    said = " ".join(expect.lower().split())
    return [p for p in phrases(sentence) if any(
        said in (text, p.figure.lower(), in_digits(p.figure) or "") or text.startswith(said + " ")
        for text in _as_written(p))]


def condition_of_a_figure(sentence: str, expect: object) -> tuple[str, str] | None:
    """The figure whose condition ``expect`` is, when it is one of the sentence's thresholds, and
    the measure that checks both: a share ("more than four hours" in "Nearly a third of patients
    waited more than four hours": ``share``), or a count right before it ("above 95" in "43 days
    above 95 degrees": ``count``). That figure's claim checks it, and no measure of its own
    reads it. None when ``expect`` is no threshold of the sentence."""
    if not isinstance(expect, str):
        return None
    said = " ".join(expect.lower().split())
    found = thresholds_said(sentence, expect)
    if not found:
        return None
    from ..draft.figures import find_figures
    from ..expectations import implies_share
    figures = [f for s in find_figures(sentence) for f in s.figures if f.text.lower() != said]
    share = next((f for f in figures if f.kind in ("percent", "fraction", "qualifier") and implies_share(f.text)),
                 None)  # not "the most on record", whose "most" is no share
    if share is not None:
        return share.text, "share"
    at = sentence.lower().find(" ".join(found[0].text.lower().split()))
    before = [f for f in figures if f.kind == "number" and f.end <= at and not sentence[f.end:at].count(",")
              and len(sentence[f.end:at].split()) <= 3]
    return (before[-1].text, "count") if before else None
