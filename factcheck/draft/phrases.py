"""The phrases of a sentence that carry a figure, and those that name a period.

:func:`scan` reads one sentence of plain text and returns two lists of spans:

* **figures**, each of a kind: ``number`` (165, 5,076, 2.5 million, $1.2bn, two, a dozen,
  thousands), ``percent`` (59%, 59 percent), ``points`` (12 points, 5pp), ``fraction``
  (a third, one in five, half, two-thirds), ``multiple`` (doubled, halved, three times as
  many, twice the, 2.5x, tenfold), ``qualifier`` (a majority, most, the vast majority,
  overwhelmingly, the bulk, nearly all), ``extreme`` (the fewest … since 2012, the most
  common, the highest on record, an eight-year low, every year since 2013, no other … as
  common, overtook, surpassed, for the first time, more … than any other school) and ``streak`` (a run of periods, with their number: for the third straight year,
  for a fourth year in a row, five consecutive years). A figure directly after a tolerance word keeps it
  (``more than half``, ``nearly 60%``, ``over one-third``) and records its band.
* **periods**: years and dates as dates (in 2020, since 2000, from 2015 to 2020,
  March 3, Q3 2020, fiscal 2021, the 2010s) and durations that name the article's span
  (the two decades, the past five years). They are never figures.

Not figures: "one" and "a" on their own (one of the, a year), ordinals (1st, third place),
identifiers (No. 5, Section 230, COVID-19, 24/7, claims/2020.yaml), names and rating labels (the city's
311 line, 311 requests rose, five-star homes, four or five stars, the lowest, one-star rating: :meth:`_Scan.labels`), a
length of time after a word of a span (Over four years …, doubled over four years: a period; not "waited
over four days", how long), telephone numbers, times of day, numbers
glued to punctuation after a word (a footnote: victims.1), a bare 4-digit year, and idioms that state
no quantity (a 9-to-5 job, she is one in a million: ``_IDIOMS``).

>>> figures, periods = scan("Convictions fell to 163 in 2020, down 51% from 2019: the fewest since 2012.")
>>> [(f.kind, "Convictions fell to 163 in 2020, down 51% from 2019: the fewest since 2012."[f.start:f.end])
...  for f in figures]
[('number', '163'), ('percent', '51%'), ('extreme', 'the fewest since 2012')]
>>> [(p.year, p.relation) for p in periods]
[(2020, 'in'), (2019, 'from'), (2012, 'since')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Callable, Iterator, Literal, Sequence, cast

from .. import money
from ..expectations.durations import factor, unit_of
from ..expectations.spelled import DIGIT_WORDS, ONES, TEENS, TENS, read_spelled
from ..expectations.vocabulary import QUALIFIERS
from ..expectations.wording import OR_SUFFIXES, PART_OF_A_CENTURY
from ..formatting import ABBREVIATED_SCALES, CURRENCY_CODES, CURRENCY_SIGNS, GROUP_SPACES, SCALES, alternatives

FigureKind = Literal["number", "percent", "points", "fraction", "multiple", "qualifier", "extreme", "streak"]
Band = Literal["above", "below", "nearly", "just_over", "well_over", "well_under", "about"]


@dataclass(frozen=True)
class FigureSpan:
    """A figure found in a sentence: where, what kind, its value (when it has one)."""

    start: int
    end: int
    kind: FigureKind
    value: Fraction | None = None
    qualifier: Band | None = None


@dataclass(frozen=True)
class PeriodSpan:
    """A period named in a sentence; ``relation`` is the word before it (in, since, from …)."""

    start: int
    end: int
    year: int | None = None
    end_year: int | None = None
    relation: str | None = None


_END_OF_TEXT = 2**63 - 1


class _Lazy:
    """A pattern compiled the first time it is used. Most of these are tried only when a
    sentence holds one of their words, and compiling all of them (IGNORECASE over long
    alternations) took 60-140 ms of every run with an article: the patterns an article never
    needs are never compiled."""

    __slots__ = ("_source", "_compiled")

    def __init__(self, source: str) -> None:
        self._source = source
        self._compiled: re.Pattern[str] | None = None

    @property
    def pattern(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._source, re.IGNORECASE | re.VERBOSE)
        return self._compiled

    def finditer(self, text: str, pos: int = 0, endpos: int = _END_OF_TEXT) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = _END_OF_TEXT) -> re.Match[str] | None:
        return self.pattern.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = _END_OF_TEXT) -> re.Match[str] | None:
        return self.pattern.match(text, pos, endpos)


def _c(pattern: str) -> _Lazy:
    return _Lazy(pattern)


# --------------------------------------------------------------------------- words

_PARTS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
          "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
          "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10}


_SMALL = (rf"(?:(?:{alternatives(list(TENS))})(?:[-\s](?:{alternatives(list(ONES))})\b)?"
          rf"|{alternatives(list(TEENS))}|{alternatives(list(ONES))})")
_BIG = "hundred|thousand|million|billion|trillion"
_AND_A_PART = r"(?:a[\s-]+(?:half|quarter)|three[\s-]+quarters)"
"""The part after "a million and", before "million" in "one and a half million": a half, a quarter, three quarters."""
# "At one point, the line stretched …", "It was at one point the largest": at one time, no figure (an
# idiom, _IDIOMS). But a level that stands at one point states one ("the lead stood at one point", "held at
# one point five percent"), and so does a be-verb's "at one point" that ends its sentence ("Her lead was at
# one point.")
_LEVEL_VERBS = ("stood", "stands", "stand", "held", "holds", "hold", "remained", "remains", "stayed", "stays",
                "settled", "settles", "peaked", "peaks", "sat", "sits", "closed", "closes", "ended", "ends",
                "finished", "hovered", "hovers", "capped", "pegged", "fixed", "set", "out", "steady", "unchanged")
_BE_VERBS = ("was", "were", "is", "are", "be", "been")
_NOT_AFTER_BE = "".join(rf"(?<!\b{v}\s)" for v in _BE_VERBS)
_AFTER_BE = "(?:" + "|".join(rf"(?<=\b{v}\s)" for v in _BE_VERBS) + ")"
_NOT_A_LEVEL_AT = "".join(rf"(?<!\b{v}\sat\s)" for v in _LEVEL_VERBS)
"""Before "one point": the "at" before it follows no verb of a level (lookbehinds: each is of fixed width)."""
# "grew at one point five percent", "was running at one point eight per cent": a rate, the decimal
_RATE_VERBS = ("grew", "grows", "growing", "rose", "rises", "rising", "fell", "falls", "falling", "increased",
               "increases", "increasing", "decreased", "decreasing", "declined", "declines", "declining", "climbed",
               "climbing", "dropped", "dropping", "expanded", "expanding", "shrank", "shrinking", "ran", "runs",
               "running")
# "one point two billion", "two point five": a decimal in words, digit by digit after the point
# not "at one point two officers …" (at one time), which reads as 1.2; at most 30 digits after the point
_DECIMALS = rf"(?:[\s-]+(?:{alternatives(list(DIGIT_WORDS))})\b){{1,30}}"
_NOT_A_RATE_AT = ("(?:" + "".join(rf"(?<!\b{v}\sat\s)" for v in _RATE_VERBS)
                  + rf"|(?!one\s+point{_DECIMALS}\s+(?:percent|per\s+cent)\b))")
"""Before "one point": no verb of a rate before its "at", or no decimal percent after it."""
_AT_ONE_POINT_IDIOM = rf"(?=one\s+point\b)(?<=\bat\s){_NOT_A_LEVEL_AT}{_NOT_A_RATE_AT}one\s+point\b"  # cheap test first
"""At "one point" after "at": the idiom, unless a level stands at it or a rate runs at its decimal."""
# "point five percent", "point five billion": no whole part, said before a percent or a scale (read as 5 and
# 5 billion, ten times what expect: reads); elsewhere a bare "point" is the word ("the point five of them made")
_SPOKEN_DECIMAL = (rf"(?!{_AT_ONE_POINT_IDIOM})(?:(?:(?:{_SMALL}|an?)\s+hundred(?:[\s-]+(?:and\s+)?{_SMALL})?|{_SMALL}|zero)\s+point{_DECIMALS}"
                   rf"|\bpoint{_DECIMALS}(?=\s+(?:percent|per\s+cent|{alternatives(SCALES)})\b))"
                   rf"(?:\s+(?:{alternatives(SCALES)})\b)?")
_UNDER_A_THOUSAND = rf"(?:(?:{_SMALL}|an?)[\s-]+hundred(?:[\s-]+(?:and[\s-]+)?{_SMALL})?|{_SMALL}|an?)"
"""A count under a thousand in words: "a", "twelve", "two hundred and fifty"."""
_WORDNUM = rf"(?:(?:{_SMALL}|an?)[\s-]+(?:{_BIG})(?:[\s-]+(?:and\s+)?(?:{_BIG}|{_SMALL}))*|{_SMALL})"
# thousands grouped by commas (5,076) or by the spaces of formatting.GROUP_SPACES (12\u00a0000); a plain
# space between digits separates two numbers ("in 2019 100 cases"), as it may well do
_DIGITS = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d{{1,3}}(?:[{GROUP_SPACES}]\d{{3}})+|\d+)(?:\.\d+)?|\.\d+"
_UNGROUP = str.maketrans("", "", "," + GROUP_SPACES)
_NUM = rf"(?:{_DIGITS}|{_WORDNUM})"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_MONTH = (r"(?-i:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
          r"|Sep(?:t(?:ember)?)?\.?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)(?![a-z])")
_ORDINAL = r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))"

# tolerance words before a figure, and the band each means: the expect reader's own table
# (docs/tolerance-words.md), so that the finder and `expect:` agree on every word ("well over half" is
# one figure in both); the words that add nothing ("only", "just") are left to the figure
QUALIFIER_BANDS: dict[str, Band] = {
    **{w: cast(Band, band) for w, (band, _) in QUALIFIERS.items() if band != "exact"}, "approx.": "about"}
_QUALIFIER_WORDS = alternatives([r"\s+".join(re.escape(w) for w in q.split()) for q in QUALIFIER_BANDS])
# "7,000-plus", "7,000+", "40-plus years", "40+ years": the figure or more, the band the expect reader gives the "or more" that
# wording.normalize reads "-plus" as
PLUS_BAND = cast(Band, OR_SUFFIXES["or more"][0])
_PLUS = re.compile(r"(?:-plus\b|\+)(?![-\w+])", re.IGNORECASE)
"""'-plus' or '+' right after a figure in digits: "7,000-plus", "7,000+", "40+ years" (not '5+5', 'C++')."""
_QUALIFIER_BEFORE = re.compile(rf"(?<![\w-])(?P<q>{_QUALIFIER_WORDS})\s+$", re.IGNORECASE)


_QUALIFIED = _c(rf"(?P<q>(?:{_QUALIFIER_WORDS})\s+)?(?P<n>.+?)"
                rf"(?P<unit>\s+(?:percentage\s+points?|points?|percent|per\s+cent))?")


_AND_A_PART_IN = re.compile(rf"\band[\s-]+{_AND_A_PART}\b", re.IGNORECASE)
_AND_A_HALF_END = re.compile(r"[\s-]+and[\s-]+a[\s-]+half$", re.IGNORECASE)
"""The end of "one and a half" before a percent or points (:func:`in_digits`)."""


# "one fewer than the Bronx", "one more death than in 2023": a difference of one is a figure
_ONE_MORE = _c(r"\s+(?:more|fewer|less)\b[^,;:.]*?\bthan\b")


def in_digits(text: str) -> str | None:
    """A number written in words, with any tolerance words before it and any percent or points
    after it, in digits: 'Eleven' → '11', 'more than five' → 'more than 5', 'Two million' → '2
    million' (rounding at the million, as written), 'one point' → '1 point', 'three point five
    percent' → '3.5 percent'. None when the text holds a digit or is no number in words."""
    m = _QUALIFIED.pattern.fullmatch(text.strip())
    if m is None or _ANY_DIGIT.search(text):
        return None
    half = _AND_A_HALF_END.search(m["n"]) if m["unit"] else None  # "one and a half percent" → "1.5 percent"
    spelled = read_spelled(m["n"][:half.start()] if half else m["n"], loose=True)  # "two million five hundred
    if spelled is None or (half and (spelled.scale or spelled.value.denominator != 1)):  # thousand" → "2,500
        return None  # thousand", "one point two billion" → "1.2 billion": to the precision written; "a dozen" → "12"
    if spelled.part is not None or (spelled.scale and _AND_A_PART_IN.search(m["n"])):
        return None  # "a quarter million" (a fraction's band), "a million and a half": expect: reads the words as written
    digits = f"{spelled.value}.5" if half else spelled.digits()
    return f"{m['q'] or ''}{digits}{m['unit'] or ''}"


def _decimal(digits: str) -> Fraction | None:
    clean = digits.translate(_UNGROUP)
    if len(clean) > 40:
        return None  # far beyond any figure in an article; Fraction would refuse huge strings
    return Fraction(Decimal(clean))


def _number_value(text: str) -> Fraction | None:
    text = text.strip()
    if re.fullmatch(_DIGITS, text):
        return _decimal(text)
    spelled = read_spelled(text, loose=True)
    return None if spelled is None else spelled.value



def rate_base(text: str, start: int = 0) -> tuple[int, int, int] | None:
    """The base of the first rate written at or after ``start`` ("per 1,000", "per every 100,000",
    "per one thousand", "per 100 thousand"): its value, where the phrase starts and where it ends.
    None when there is none, or its base is no whole number.

    >>> rate_base("1.8 filings per 1,000 households")
    (1000, 12, 21)
    >>> rate_base("3 deaths per 100 thousand people")[0], rate_base("one per every hundred")
    (100000, None)
    """
    m = _RATE_BASE.search(text, start)
    if m is None:
        return None
    value = _number_value(" ".join(m["base"].split()))
    tail = text[m.end("base"):m.end()].strip().lower()
    if value is not None and tail:
        value *= SCALES[tail]
    if value is None or value.denominator != 1 or value <= 0:
        return None
    return int(value), m.start(), m.end()


# the words of an extreme that say which end it is; "best", "worst", "oldest", "a record" … say
# nothing of it until one knows what is measured
_HIGH_END = frozenset("most highest largest biggest greatest longest busiest top high highs peak".split())
_LOW_END = frozenset("fewest least lowest smallest shortest quietest low lows".split())


# "at least six years", "at most": a bound on a number, not the end an extreme names
_BOUND = _c(r"\bat\s+(?:least|most)\b")


def unbounded(text: str) -> str:
    """``text`` without the bounds put on its numbers ("the highest in at least six years": the
    highest), so that "least" and "most" are read only where they name an end."""
    return _BOUND.pattern.sub(" ", text)


def extreme_end(text: str) -> Literal["highest", "lowest"] | None:
    """Which end an extreme figure names, as an ``extreme`` measure's ``is:`` says it; None when its
    words do not tell (or tell both).

    >>> extreme_end("the fewest since 2012"), extreme_end("an eight-year low"), extreme_end("the most common")
    ('lowest', 'lowest', 'highest')
    >>> extreme_end("the worst year on record") is None, extreme_end("the highest in at least six years")
    (True, 'highest')
    >>> extreme_end("more students than any other school"), extreme_end("fewer than in any other year")
    ('highest', 'lowest')
    """
    if against_all := AGAINST_ALL_OTHERS.search(text):  # "more students than any other school": the most
        return _COMPARED_END[against_all["cmp"].lower()]
    said = set(re.findall(r"[a-z]+", unbounded(text).lower()))
    high, low = bool(said & _HIGH_END), bool(said & _LOW_END)
    return "highest" if high and not low else "lowest" if low and not high else None

# where a new clause of a sentence opens: "Kings had the most cases, while Queens had the fewest"
CLAUSE_BREAK = re.compile(r",\s+(?:and|but|while|whereas)\s+|;\s+")


# The verbs of a rise or a fall, as reporters write them: `init` reads the direction of the figure
# right after one ("slipped 3%": down 3%), `suggest` a change or a run of the series it speaks of
RISE_VERBS = (r"ris(?:en|e|es|ing)|rose|grow(?:n|s|ing)?|grew|increas(?:ed|es|ing)|climb(?:ed|s|ing)?|"
              r"jump(?:ed|s|ing)?|soar(?:ed|s|ing)?|surg(?:ed|es|ing)|spik(?:ed|es|ing)|rebound(?:ed|s|ing)?")
FALL_VERBS = (r"f[ae]ll(?:en|s|ing)?|declin(?:ed|es|ing)|dropp(?:ed|ing)|drops?|shr(?:ank|unk|inks|inking)|"
              r"decreas(?:ed|es|ing)|eas(?:ed|es|ing)|slipp(?:ed|ing)|slips?|dipp(?:ed|ing)|dips?|slid(?:es|ing)?|slides?|"
              r"plung(?:ed|es|ing)|plummet(?:ed|s|ing)?|tumbl(?:ed|es|ing)|s[au]nk|slump(?:ed|s|ing)?")


# the verbs of a rise or a fall that take no object, so that a number right after one is the size of the
# change ("declined 1,500", "rose 300"); not "grew 300 acres", "dropped 3 charges", "eased 4 rules"
RISE_VERBS_ALONE = (r"ris(?:en|e|es|ing)|rose|increas(?:ed|es|ing)|climb(?:ed|s|ing)?|jump(?:ed|s|ing)?|"
                    r"soar(?:ed|s|ing)?|surg(?:ed|es|ing)|spik(?:ed|es|ing)|rebound(?:ed|s|ing)?")
FALL_VERBS_ALONE = (r"f[ae]ll(?:en|s|ing)?|declin(?:ed|es|ing)|shr(?:ank|unk|inks|inking)|decreas(?:ed|es|ing)|"
                    r"slipp(?:ed|ing)|slips?|dipp(?:ed|ing)|dips?|slid(?:es|ing)?|slides?|plung(?:ed|es|ing)|"
                    r"plummet(?:ed|s|ing)?|tumbl(?:ed|es|ing)|s[au]nk|slump(?:ed|s|ing)?")

# "dropped" takes an object ("Prosecutors dropped 3 charges"), so a number right after it is the size of a
# fall only when the words after the number compare it in time: "Enrollment dropped 1,500 students from
# 2022 to 2023", "dropped 1,500 since 2020", "dropped 1,500 from a year earlier", "dropped 1,500, to 12,300";
# "dropped by 1,500" needs none of this (a ``by`` says a size). Not "dropped out" ("1,500 students dropped
# out": the number comes before it), nor "dropped 3 charges from the indictment"
_DROPPED = re.compile(r"\bdrop(?:ped|s)\s*$", re.I)
# ... or when what dropped is an amount of something, not someone who dropped a thing: "Enrollment dropped
# 1,500 students", "The number of riders dropped 2,000"
_AMOUNT_DROPPED = re.compile(
    r"\b(?:enrollment|attendance|ridership|population|membership|turnout|headcount|caseload|workforce|"
    r"number|count|total|tally|sales|traffic|visits|admissions|registrations)"
    r"(?:\s+of(?:\s+[^\W\d]+){1,3}?)?\s+(?:has\s+|had\s+|have\s+)?drop(?:ped|s)\s*$", re.I)
_COMPARED_IN_TIME = re.compile(
    r"(?:\s+(?!from\b|since\b|to\b|compared\b|between\b|over\b|last\b|this\b)[^\W\d]+){0,2}\s*,?\s+"
    r"(?:from\s+(?:\d{4}\b|(?:the\s+|a\s+)?(?:year|previous|prior|last|a\s+year|\w+\s+years?\s+(?:earlier|ago|before))\b)"
    r"|since\s+(?:\d{4}|last)\b|compared\s+(?:with|to)\b|between\s+\d{4}\b|over\s+the\s+(?:previous|prior|past|last)\b"
    r"|(?:last|this)\s+year\b|year[\s-](?:over|on)[\s-]year\b|to\s+\$?\d)", re.I)


def dropped_as_a_fall(before: str, after: str) -> bool:
    """Is the number between ``before`` and ``after`` the size of a fall said with "dropped" and no
    "by" ("Enrollment dropped 1,500 students", "… dropped 1,500 from 2022 to 2023")? Not a count of what
    was dropped ("dropped 3 charges"): someone dropped it, and nothing after compares it in time.

    >>> dropped_as_a_fall("Enrollment dropped ", " students from 2022 to 2023."), dropped_as_a_fall("Prosecutors dropped ", " charges.")
    (True, False)
    """
    if _DROPPED.search(before) is None:
        return False
    return _AMOUNT_DROPPED.search(before) is not None or _COMPARED_IN_TIME.match(after) is not None


def opens_clause(sentence: str, start: int) -> bool:
    """Does what starts at ``start`` open its sentence or clause ("*The largest fire* burned …",
    "…, and *the largest* burned …", "But *the largest* …"), with nothing named before it in the
    clause ("County General had *the longest* waits")?"""
    before = CLAUSE_BREAK.split(sentence[:start])[-1].strip(" ,;:").lower()
    return before in ("", "and", "but", "while")

# the largest or smallest value ("the largest fire burned 12,000 acres", "visits peaked at 96",
# "the youngest victim was 9"); not "the most", which counts
_VALUE_HIGH = _c(r"\b(?:largest|biggest|longest|highest|oldest|costliest|priciest|heaviest|hottest|warmest|"
                 r"deadliest|top|peak(?:ed|s)?|maximum|most\s+expensive)\b")
_VALUE_LOW = _c(r"\b(?:smallest|shortest|lowest|youngest|cheapest|lightest|coldest|coolest|minimum|least\s+expensive)\b")


def value_end(text: str) -> Literal["highest", "lowest"] | None:
    """"highest" when ``text`` says a value is the largest one, "lowest" the smallest, else None.

    >>> value_end("The largest fire burned 10,782 acres"), value_end("the youngest was 9"), value_end("the most")
    ('highest', 'lowest', None)
    """
    high, low = bool(_VALUE_HIGH.search(text)), bool(_VALUE_LOW.search(text))
    return "highest" if high and not low else "lowest" if low and not high else None


_RANKED = _c(r"\b(second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|(\d+)(?:st|nd|rd|th))[\s-]+"
             r"(?:most|least|fewest|[a-z]+est)\b")


def extreme_rank(text: str) -> int:
    """The rank an extreme names, 1 when it names none.

    >>> extreme_rank("the second-most since 2015"), extreme_rank("the 3rd-highest"), extreme_rank("the most common")
    (2, 3, 1)
    """
    m = _RANKED.search(text)
    if m is None:
        return 1
    return int(m[2]) if m[2] else _ORDINAL_VALUES[m[1].lower()]


# --------------------------------------------------------------------------- patterns



_TIME_OF_DAY = _c(r"\b\d{1,2}(?::\d{2})?\s?(?:a\.m\.|p\.m\.|am\b|pm\b)|\b\d{1,2}:\d{2}\b")
# a North American telephone number: 1-800-373-7888, (202) 555-0143, 202.555.0143 (never a figure)
_TELEPHONE = _c(r"(?<![\w.-])(?:\+?1[-. ])?(?:\(\d{3}\)\s?|\d{3}[-.])\d{3}[-.]\d{4}(?![\w-]|\.\d)")
_RATE_BASE = _c(rf"\b(?:per|for\s+every)\s+(?:every\s+)?(?P<base>{_DIGITS}|(?:a|one)\s+(?:hundred|thousand|million))(?![\w.,]\d)"
                rf"(?:\s+(?:thousand|million))?")  # the base of a rate: no figure of its own
_IDENTIFIER_BEFORE = _c(
    r"""(?:\b(?:no|nos|number|page|p|pp|section|sec|chapter|ch|article|art|room|route|highway|interstate|
    title|vol|volume|issue|fig|figure|table|item|paragraph|para|rule|amendment|episode|season|level|grade|
    version|v|apt|suite|flight|docket|bill|exhibit|appendix|schedule|step|stage|phase|round|tier|category|
    type|model|series|clause|district|ward|precinct|gate|h\.r)\.?|[#№§])
    \s*$""")
# "FY2024", "FY 24", "fiscal 2023-24", "fiscal year 2024": a fiscal year named
FISCAL_YEAR = _c(rf"\b(?:FY\s?|fiscal\s+(?:year\s+)?)(?:{_YEAR}|['\u2019]?\d{{2}})(?:\s*[-/\u2013]\s*(?:{_YEAR}|\d{{2}}))?\b")
_MONTH_WORDS = frozenset("january february march april may june july august september october november december "
                         "jan feb mar apr jun jul aug sep sept oct nov dec".split())
# (kind, words one of which the sentence must hold, needs a digit, text one of which it must hold, pattern)
_PERIOD_PATTERNS: list[tuple[str, frozenset[str], bool, tuple[str, ...], _Lazy]] = [
    ("date", _MONTH_WORDS, True, (), _c(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+{_YEAR}\b)?")),
    ("date", _MONTH_WORDS, True, (), _c(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR}\b)?")),
    ("date", _MONTH_WORDS, True, (), _c(rf"\b{_MONTH},?\s+{_YEAR}\b")),
    ("date", frozenset(), True, (), _c(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b")),
    ("month", _MONTH_WORDS, False, (),
     _c(rf"\b(?:in|by|on|to|of|since|until|till|after|early|from|during|before|through|last|next|this|late|mid-?)"
        rf"\s+(?P<month>{_MONTH})")),
    ("year", frozenset("mid pre post early late".split()), True, (), _c(rf"\b(?:mid|pre|post|early|late)-{_YEAR}\b")),
    ("range", frozenset(), True, (),
     _c(rf"(?=[bfBF\d])\b(?:(?P<rel>between|from)\s+)?(?P<y1>{_YEAR})"
        rf"(?:\s*[-\u2013\u2014/]\s*(?P<y2>{_YEAR}|\d{{2}})"
        rf"|\s+(?:to|through|until|till|(?(rel)and|(?!)))\s+(?P<y3>{_YEAR}))\b(?![,.]\d)")),
    ("quarter", frozenset(), True, ("q1", "q2", "q3", "q4", "h1", "h2"),
     _c(rf"\b(?-i:[QH][1-4])(?:\s*[-/]?\s*(?:{_YEAR}|['\u2019]?\d{{2}}))?\b")),
    ("quarter", frozenset({"quarter", "half"}), False, (),
     _c(rf"\b(?:the\s+)?(?:first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+(?:quarter|half)"
        rf"(?:\s+of\s+(?:{_YEAR}\b|the\s+year|last\s+year|this\s+year))?\b")),
    ("fiscal", frozenset(), True, ("fy", "fiscal"), FISCAL_YEAR),
    ("decade", frozenset(), True, ("0s",), _c(r"\b(?:1[89]|20)\d0s\b|['\u2019]\d0s\b")),
    ("year", frozenset(), True, ("'", "\u2019"), _c(r"(?<![\w.,/-])['\u2019]\d{2}\b(?!['\u2019%])")),
]
_RELATIONS = frozenset("in since from to between until till by during before after through of for and "
                       "than on at".split())

_UNIT = r"""(?P<unit>\s?%|\s?(?:per\s?cent|percent|pct)\b|(?<=\d)pc\b
        |[\s-](?:percentage[\s-]points?|points?|pts?)\b|\s?(?:pp|ppts?)\b
        |(?<=\d)(?:km|kg|mg|lbs?|mi|ft|cm|mm|ml|mph|kph|kmh|gw|mw|kw|kwh|ha)\b)?"""
_CURRENCY = rf"(?-i:{money.SIGN})"  # the signs factcheck.money knows, as expect: reads them (wording.py)
_DIGIT_NUMBER = _c(rf"""
    (?=[-+\u2212{CURRENCY_SIGNS}{''.join(sorted({c[0] for c in CURRENCY_CODES}))}\d.])
    (?P<sign>[+\-\u2212](?=(?:{_CURRENCY})?\d))?
    (?P<cur>{_CURRENCY})?
    (?P<digits>{_DIGITS})
    (?:[\s-]?(?P<scale>{alternatives(SCALES)})\b|(?<=\d)(?P<abbr>{alternatives(ABBREVIATED_SCALES)})\b)?
    {_UNIT}
""")
# "half a million (dollars)", "a quarter of a million", "a quarter million", "a half-million": one
# amount, as expect: reads it (wording.py); not a calendar quarter nor the fraction 1/2
_PART_OF_A_SCALE = _c(rf"""
    \b(?P<part>half(?:\s+of)?\s+an?|(?:(?:a|one)[\s-]+)?quarter\s+of\s+an?|three[\s-]+quarters\s+of\s+an?
       |(?:a|one)[\s-]+third\s+of\s+an?|two[\s-]+thirds\s+of\s+an?|(?:a\s+)?(?:half|quarter))
    [\s-]+(?P<scale>{alternatives(SCALES)})\b
""")
_COMPOUND_AFTER = _c(r"-[^\W\d_]")
"""After "half of a million": a hyphen and a word make the scale an adjective ("a million-dollar budget")."""
# "one and a half percent", "two-and-a-half points": one figure, 1.5% and 2.5 points, as expect: reads them
# (not the number 2 and the fraction 1/2)
_AND_A_HALF_UNIT = _c(rf"""
    (?<![\w.,-])(?P<whole>{_DIGITS}|{_WORDNUM})[\s-]+and[\s-]+a[\s-]+half
    [\s-]+(?P<unit>percentage[\s-]+points?|points?|percent|per\s+cent)\b
""")
# "a dozen and a half", "one and a half dozen": 18
_DOZEN_AND_A_HALF = _c(rf"""
    \b(?:(?P<a>an?|{_SMALL})\s+dozen\s+and\s+a\s+half\b(?![\s-]*(?:dozen\b|-))
      |(?P<b>an?|{_SMALL})[\s-]+and[\s-]+a[\s-]+half[\s-]+dozen\b)
""")
# "a million and a half (dollars)", "two billion and a half", "a million and a quarter", "one and a half million",
# "2 and a quarter billion": one amount, 1.5 and 1.25 million, as expect: reads it; not "a million and a
# half-dozen …", whose half is of the dozen
_COUNT_AND_A_PART = _c(rf"""
    (?<![\w.,-])(?:{_UNDER_A_THOUSAND}|\d{{1,3}})\s+(?:{alternatives(SCALES)})\s+and\s+{_AND_A_PART}\b(?![\s-]*dozen\b|-)
    |\b(?:{_UNDER_A_THOUSAND}|\d{{1,3}})[\s-]+and[\s-]+{_AND_A_PART}[\s-]+(?:{alternatives(SCALES)})\b
""")
_WORD_NUMBER = _c(rf"""\b(?P<words>{_WORDNUM})\b{_UNIT}""")
# "zero arrests", "zero percent": none, a figure; not a name or a compound ("ground zero", "patient zero", "net
# zero", "zero tolerance", "zero-sum", "zero in on")
_ZERO = _c(rf"""(?<![\w-])(?<!ground\s)(?<!patient\s)(?<!net\s)(?<!absolute\s)(?<!year\s)(?<!day\s)(?<!point\s)
    (?P<words>zero)\b(?!-|\s+(?:tolerance|sum|hour|point|in\s+on)\b){_UNIT}""")
# tried instead of _WORD_NUMBER in a sentence that says "point", so that no other sentence pays for it
_WORD_NUMBER_OR_DECIMAL = _c(rf"""\b(?P<words>{_SPOKEN_DECIMAL}|{_WORDNUM})\b{_UNIT}""")
_VAGUE = _c(r"\b(?:tens\s+of\s+thousands|dozens|hundreds|thousands|millions|billions|scores)(?=\s+of\b)")
# "a dozen", "half a dozen", "a half-dozen", "two dozen" (24): not "dozens", a vague count
_DOZEN = _c(rf"\b(?P<n>half\s+a|(?:a\s+)?half|a|{_SMALL})[\s-]+dozen\b")
_BEFORE_A_SCALE = rf"[\s-]+(?:{alternatives(SCALES)})\b"  # "a quarter million" is 250,000, not a quarter of a year


def _duration(count: str) -> _Lazy:
    """A count (``count``: the pattern of its number) of a unit of time: "45 days", "two years",
    "a decade", "25-year-old", "an eight-year low"."""
    return _c(rf"""
    (?P<article>\ban?\s+)?
    (?<![\w.,/-])(?P<n>{count})(?:(?<=\d)(?P<plus>-plus|\+))?[\s-]+
    (?P<unit>years?|decades?|months?|weeks?|days?|quarters(?!\s+of\b|{_BEFORE_A_SCALE})
      |quarter(?!\s+of\b|\s*[.,;:!?)]|\s*$|{_BEFORE_A_SCALE}|[\s-]+century\b)|centur(?:y|ies)|hours?|minutes?|seconds?|mins?|hrs?|secs?)\b
    (?P<old>-old)?
    (?:[\s-]+(?P<ext>lows?|highs?)\b)?
""")


_DURATION = _duration(rf"{_DIGITS}|\b{_WORDNUM}|\ban?")
# tried instead in a sentence that says "point": "two point five hours" is 2.5 hours, as "2.5 hours" is
_DURATION_OR_DECIMAL = _duration(rf"{_DIGITS}|\b(?:{_SPOKEN_DECIMAL})|\b{_WORDNUM}|\ban?")
# "2 hours 42 minutes", "1 hour and 53 minutes": one figure, in the smaller unit
_COMPOUND_DURATION = _c(rf"""
    (?<![\w.,/-])(?P<a>{_DIGITS}|\b{_WORDNUM}|\ban?)\s+(?P<ua>hours?|hrs?|days?|weeks?|years?|minutes?|mins?)
    ,?(?:\s+and)?\s+(?P<b>{_DIGITS}|\b{_WORDNUM})\s+(?P<ub>minutes?|mins?|seconds?|secs?|hours?|hrs?|days?|months?)\b
""")
# "an hour and a half", "two and a half hours", "half an hour": one figure, in the unit named
_HALF_UNITS = r"hours?|hrs?|minutes?|mins?|seconds?|secs?|days?|weeks?|months?|years?|decades?"
_HALF_DURATION = _c(rf"""
    (?<![\w.,/-])(?:(?P<a>{_DIGITS}|\b{_WORDNUM}|\ban?)\s+(?P<ua>{_HALF_UNITS})\s+and\s+a\s+half
    |(?P<b>{_DIGITS}|\b{_WORDNUM})\s+and\s+a\s+half\s+(?P<ub>{_HALF_UNITS})
    |\bhalf\s+an?\s+(?P<uc>{_HALF_UNITS})
    |\b(?P<q>a\s+quarter|three\s+quarters)\s+of\s+an?\s+(?P<uq>hour|day|year)
    |\b(?P<cq>(?:(?:a|one)[\s-]+)?quarter|three[\s-]+quarters|(?:a[\s-]+)?half)(?:[\s-]+of)?(?:[\s-]+a)?[\s-]+century)\b
""")
"""...and "a quarter-century", "half a century", "three quarters of a century": 25, 50 and 75 years."""
# a single hour, minute or second is an amount ("waited an hour"), unless it is a rate's base or a
# time of its own ("once an hour", "every minute", "an hour's drive", "an hour later")
_SCALE_NAMES = frozenset(SCALES)
_PART_NAMES = frozenset({"half", "quarter", "quarters"})
_ONE_SHORT_UNIT = frozenset(("hour", "minute", "second"))
_NOT_AN_AMOUNT_BEFORE = _c(r"(?:\b(?:per|every|each|once|twice|times|the|this|that|next|last|first|same|one|two|three|"
                           r"four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|dozen)|\d)\s+$")
"""Words before "an hour" that make it a rate's base or a time ("once an hour", "three an hour")."""
# "up 80% from four years earlier", "two hours later", "two hours after the vote": when, not how long
_RELATIVE = _c(r"\s+(?:earlier|before|ago|prior|later|previously|after)\b")
# "an average of 45 minutes after the call", "the median patient was seen four hours after arriving": a
# measured delay; "waited two hours before seeing a doctor", "served two years after his conviction": how long
_STATISTIC_BEFORE = _c(r"\b(?:average[ds]?|averaging|median|mean|typical(?:ly)?)\b")
_LASTING_BEFORE = _c(r"""\b(?:wait(?:ed|s|ing)?|spen[dt]s?|spending|last(?:ed|s|ing)?|t(?:ook|akes?|aking)|stay(?:ed|s|ing)?
                        |serv(?:ed|es?|ing)|remain(?:ed|s|ing)?|held|kept|detained|jailed|delayed|sat|for)
                        (?:\s+(?:an?|the|of|about|nearly|almost|roughly|around|some|more|less|than|over|under|just|only
                               |at|least|most|up|to|another|further|extra))*\s+$""")
_FROM_A_MOMENT = frozenset({"after", "before"})
_OPENS_A_SENTENCE = _c(r"[\s\"'\u201c\u2018(*_]*(?:(?:only|just|some|about|nearly|almost|roughly|barely|less\s+than"
                       r"|more\s+than)\s+)?")
"""What may stand before an offset that says when: nothing but the sentence's opening marks and a word
of approximation ("Just two hours after the vote, …"). Not a comma: "Paramedics arrived at 10:14
p.m., 45 minutes after the call" is the delay, as "did not arrive until 45 minutes after" is."""
_SCALE_AND = _c(rf"\b(?:{alternatives(SCALES)})\s+and[\s-]+(?:an?|three)[\s-]+$")
"""Before "quarter(s)": "a million and a quarter", "two billion and three quarters" (an amount, not a period)."""
# "Over four years the line received 2,480 requests", "In two years, ridership doubled": a length of time
# that opens the sentence after a preposition of a span is the period the sentence's figures are of, not
# a figure (elsewhere "over four hours" is a bound: "waited over four hours")
_SPAN_OPENING = _c(r"""[\s"'\u201c\u2018(*_]*(?P<rel>over|in|during|across|throughout|for|within)\s+$""")
# "Complaints doubled over four years", "rose 12% in two years", "hired four officers over four years": the
# same span after the sentence's figure, anywhere in it. Only a length of the calendar (days to centuries):
# of the clock, "over four hours" is a wait's bound far more often than a trend's span. Not "within" (a
# deadline's bound: "answered within 30 days"). And never after a word that makes the length how long
# something lasted or took (_HOW_LONG_BEFORE)
_SPAN_BEFORE = _c(r"\b(?P<rel>over|in|during|across|throughout|for)\s+$")
_CALENDAR_UNITS = frozenset("day days week weeks month months quarter quarters year years decade decades century "
                            "centuries".split())
# "waited over four days", "served in prison for four years", "was cleared in two years", "suspended for 30
# days": the length is how long (a figure); so after a be-verb, "to", "of", "than" or a statistic, where
# "over" is "more than" ("the wait was over four days", "rose to over two years", "averaged over two years")
_HOW_LONG_BEFORE = _c(r"""(?:\b(?:wait(?:ed|s|ing)?|spen[dt]s?|spending|last(?:ed|s|ing)?|t(?:ook|akes?|aking)
    |stay(?:ed|s|ing)?|serv(?:ed|es?|ing)|remain(?:ed|s|ing)?|held|kept|detained|jailed|imprisoned|delayed|sat
    |r[au]n|runs|running|operated|open(?:ed)?|clos(?:ed|es?|ing)|shut|suspended|banned|barred|lived|worked
    |complet(?:ed|es?|ing)|finish(?:ed|es|ing)?|resolv(?:ed|es?|ing)|clear(?:ed|s|ing)?|process(?:ed|es|ing)?
    |answer(?:ed|s|ing)?|respond(?:ed|s|ing)?|repaid|paid|built)
    (?:\s+(?!\d)[^\s\d,;:.!?]+){0,3}?
  |\b(?:was|were|is|are|be|been|being|to|at|of|than|average[ds]?|averaging|median|mean|typical(?:ly)?))\s+$""")
# "Ridership fell for three months", "rents rose steadily for two years": how long the change ran, a run an
# editor checks (a `falling` measure), not the span of another figure
_RUN_BEFORE_FOR = _c(rf"\b(?:{RISE_VERBS}|{FALL_VERBS}|doubled|tripled|halved)(?:\s+[a-z]+ly)?\s+$")
_DURATION_IS_PERIOD = _c(r"\b(?:the|all|those|these|past|last|previous|next|first|recent|coming|following|"
                         r"its|their|our)\s+$")

_SUPERLATIVES = ("fewest|least|lowest|highest|largest|smallest|biggest|greatest|best|worst|longest|shortest|"
                 "deadliest|busiest|quietest|oldest|youngest|fastest|slowest|strongest|weakest|richest|poorest|"
                 "wealthiest|cheapest|costliest|priciest|safest|hottest|coldest|warmest|wettest|driest|"
                 "steepest|sharpest")
_MOST_WORDS = r"(?:often|common(?:ly)?|frequent(?:ly)?|likely|popular|widely|prevalent)"
_TAIL = (rf"(?:since\s+(?:{_YEAR}|records\s+began|(?:at\s+least|before)\s+{_YEAR})|on\s+record|ever(?:\s+recorded)?"
         rf"|in\s+(?:at\s+least\s+|more\s+than\s+|over\s+)?(?:{_NUM}|a|the\s+past|the\s+last)\s+(?:\w+\s+)?"
         rf"(?:years|decades|generation|century)|in\s+(?:years|decades|a\s+generation|history))\b")
_EXTENSION = rf"(?:(?:\s+[^\s,;:.!?()\[\]\d\"\u201c\u201d]+){{0,8}}?\s+{_TAIL})?"
_WHOSE = r"(?:\bthe\s+|\b(?:its|their|his|her|our)\s+|(?<=['\u2019]s\s))"
# the comparatives that, against all the others, rank ("more … than any other"); their end is in _COMPARED_END
_COMPARED_END: dict[str, Literal["highest", "lowest"] | None] = {
    **dict.fromkeys("more higher larger bigger greater longer busier costlier deadlier older faster".split(), "highest"),
    **dict.fromkeys("fewer less lower smaller shorter quieter cheaper younger slower".split(), "lowest"),
    **dict.fromkeys("better worse".split(), None)}
# the comparative, up to six words (not "than": "more than 100 students" is a bound), then "than" all the
# others, and the noun of the others ("school"); not the others "combined", whose sum is compared
AGAINST_ALL_OTHERS = _c(rf"""\b(?P<cmp>{'|'.join(_COMPARED_END)})\b(?:\s+(?!than\b)[^\s,;:.!?()\[\]]+){{0,6}}?
    \s+than\s+(?:(?:in|at|on|for|during|from|among)\s+)?(?:any|every|all)(?:\s+of)?(?:\s+(?:the|its|their))?\s+others?\b
    (?!(?:\s+[^\W\d_]+)?\s+(?:combined|together|put\s+together)\b)(?:\s+(?!(?:in|on|at|since)\b)[^\W\d_]+\b)?""")
_ORDINAL_WORDS = frozenset("second third fourth fifth sixth seventh eighth ninth tenth".split())
_SUPERLATIVE_WORDS = frozenset(_SUPERLATIVES.split("|")) | {"top"}
RANKING_WORDS = _SUPERLATIVE_WORDS | {"most", "fewest"}  # the words that rank ("least" is in the superlatives)
# (the words one of which must be in the sentence, pattern)
_OVERTAKING = frozenset("overtook overtaken overtakes overtaking overtake surpassed surpasses surpassing".split())
_EXTREMES: list[tuple[frozenset[str], _Lazy]] = [
    (frozenset({"most", "least"}),
     _c(rf"{_WHOSE}(?:(?:{_ORDINAL}|next)[\s-]+)?(?:most|least)"
        rf"(?:\s+(?!of\b|since\b|on\s+record\b|ever\b)(?:\d[\d,.]*-)?[a-z]+{_EXTENSION}|\s+{_TAIL})"
        # "…, and the Bronx the second-most.": a rank, its noun left to the clause before
        rf"|{_WHOSE}{_ORDINAL}[\s-]+(?:most|least|fewest)(?=\s*(?:[.,;:!?)]|$))"
        # "The 44th Precinct recorded the most, 173.": not "at the most", which means no more than; "had the
        # most of any school", "the fewest of all five boroughs": the same, ranked among what it names
        rf"|(?<!\bat\s)\bthe\s+(?:most|fewest)(?=\s*(?:[.,;:!?)]|$)|\s+of\s+(?:any|all)\b)")),
    (_SUPERLATIVE_WORDS,
     _c(rf"{_WHOSE}(?:(?:{_ORDINAL}|next)[\s-]+)?(?:{_SUPERLATIVES}|top(?!\s+of\b))\b{_EXTENSION}")),
    (frozenset({"record", "time"}),
     _c(r"\b(?:an?\s+)?(?:new\s+)?(?:record|all[\s-]time)[\s-]"
        r"(?:high|low|number|level|total|amount|year|breaking)s?\b")),
    (frozenset({"record"}), _c(rf"\ban?\s+record(?=\s+(?:\d|{_SMALL}\b))")),
    # "Rents hit a record in 2024", "set a record": not "a record high" (above)
    (frozenset({"record"}),
     _c(r"\b(?:hit|hits|hitting|reached|reaches|reaching|set|sets|setting|broke|breaks|topped|tops)\s+"
        r"(?:an?\s+)?(?:new\s+)?(?:all[\s-]time\s+)?record\b"
        r"(?![\s-](?:high|low|number|level|total|amount|year|breaking)s?\b)")),
    # "Turnout was highest in Ward 3": a superlative said of the subject, without "the"
    (_SUPERLATIVE_WORDS,
     _c(rf"(?:(?<=\bwas\s)|(?<=\bwere\s)|(?<=\bis\s)|(?<=\bare\s)|(?<=\bremained\s))(?:{_SUPERLATIVES})\b(?!-)"
        r"(?=\s+(?:in|among|at|on|for|across|since)\b|\s*[.,;:!?]|\s*$)")),
    (frozenset({"every", "each"}),
     _c(rf"\b(?:in\s+)?(?:every|each)\s+(?:single\s+)?(?:year|month|quarter|week|day|season)\s+"
        rf"(?:since|from|between)\s+(?:(?:fiscal\s+(?:year\s+)?|FY\s?)?{_YEAR}\b|it\s+(?:opened|began|started)\s+in\s+{_YEAR}\b)")),
    (frozenset({"each"}),
     _c(rf"\b(?:in\s+)?each\s+of\s+the\s+(?:past|last|previous)\s+{_NUM}\s+"
        rf"(?:years|months|quarters|weeks|days|decades)\b")),
    (frozenset({"first"}),
     _c(rf"\b(?:for\s+)?the\s+first\s+time\s+"
        rf"(?:since\s+{_YEAR}|in\s+(?:{_NUM}|a)\s+(?:years?|decades?|generation)|ever)\b")),
    (frozenset({"other"}), _c(r"\bno\s+other\s+(?:[^\s,;:.!?]+\s+){0,6}?(?:was|were|is|are|has|had|have|came|comes)\s+"
                              r"(?:as|more|so|nearly\s+as)\s+[a-z]+")),
    (frozenset({"most"}), _c(rf"(?<!the\s)\bmost\s+{_MOST_WORDS}\b")),
    # a comparative against all the others is a superlative: "suspended more students than any other school",
    # "higher than every other county", "fewer arrests than in any other year" (the most, the highest, the
    # fewest); not "more than 100 students" (a bound), whose "than" is not followed by all the others
    (frozenset({"other", "others"}), AGAINST_ALL_OTHERS),
    # a change of rank: "Queens overtook Brooklyn in 2024" is true or false of the data
    (_OVERTAKING, _c(rf"\b(?:{'|'.join(sorted(_OVERTAKING))})\b")),
    # a first: "Robberies outnumbered burglaries for the first time", "… for the first time since 2010"
    (frozenset({"first"}), _c(rf"\bfor\s+the\s+first\s+time(?:\s+since\s+{_YEAR}|\s+(?:ever|on\s+record))?\b")),
]
# a run of periods: "for a fourth straight year", "for the third year in a row", "five consecutive
# years": a figure (the number of periods) that a `rising`/`falling` measure checks
_STREAKS: list[tuple[frozenset[str], _Lazy]] = [
    (frozenset({"straight", "consecutive", "successive", "running"}),
     _c(rf"\b(?:for\s+)?(?:the\s+|a\s+)?(?P<n>{_ORDINAL})\s+(?:straight|consecutive|successive|running)\s+"
        rf"(?:year|month|quarter|week|day|time)\b")),
    (frozenset({"row"}),
     _c(rf"\b(?:for\s+)?(?:the\s+|a\s+)?(?P<n>{_ORDINAL})\s+(?:year|month|quarter|week|day)\s+in\s+a\s+row\b")),
    (frozenset({"straight", "consecutive", "successive"}),
     _c(rf"(?<![\w.,])(?P<n>{_NUM})\s+(?:straight|consecutive|successive)\s+"
        rf"(?:years|months|quarters|weeks|days|times)\b")),
    (frozenset({"row"}), _c(rf"(?<![\w.,])(?P<n>{_NUM})\s+(?:years|months|quarters|weeks|days)\s+in\s+a\s+row\b")),
]
_ORDINAL_VALUES = {w: i for i, w in enumerate("second third fourth fifth sixth seventh eighth ninth tenth".split(), 2)}


def _times_value(n: str) -> Fraction | None:
    """The multiple of 'twice', 'three times', '2.5 times', 'two and a half times' (2.5: its whole read
    as any number is, the half added)."""
    n = re.sub(r"\s+times$", "", n.lower())
    if n == "twice":
        return Fraction(2)
    half = _AND_A_HALF_END.search(n)
    value = _number_value(n[:half.start()] if half else n)
    if half and value is not None:
        return value + Fraction(1, 2) if value.denominator == 1 else None
    return value


def _streak_value(n: str) -> Fraction | None:
    """The number of periods of a run: 'fourth' 4, '3rd' 3, 'five' 5, '12' 12."""
    low = n.lower()
    if low in _ORDINAL_VALUES:
        return Fraction(_ORDINAL_VALUES[low])
    if re.fullmatch(r"\d+(?:st|nd|rd|th)", low):
        return Fraction(int(low[:-2]))
    return _number_value(n)


_QUALIFIERS = _c(rf"""
    \b(?:(?:a|the)\s+(?:(?:large|big|clear|strong|substantial|vast|overwhelming|slim|narrow|small|tiny)\s+)?
          (?:majority|minority)(?!\s+(?:leader|whip|party|owner|stake|shareholder|government|opinion|rule)\b)
      |an\s+overwhelming\s+(?:majority|minority)
      |overwhelmingly
      |the\s+bulk(?=\s+of\b)
      |(?:nearly|almost|virtually|practically)\s+(?:all|none|every)
      |(?<!the\s)(?<!at\s)most(?!\s+{_MOST_WORDS}\b)
          (?=\s+(?!(?:in|on|at|to|for|by|with|when|where|since|during|and|or|but|is|was|are|were)\b)[a-z])
    )\b""")
_FRACTION_ONE = _c(r"""
    \b(?P<top>an?|one)[\s-]+(?P<part>third|quarter|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b""")
# 'a third of', 'a third were', 'by a third.': a fraction; 'a third party', 'a fifth hearing': an ordinal
_FRACTION_AFTER = _c(r"""
    \s+(?:of|more|fewer|less|lower|higher|larger|smaller|bigger|greater|up|down|as|the|its|their|that|again|
           since|from|in|on|over|to|and|or|were|was|are|is|had|have|has|said|say|did|do|will|would|could|can|
           may|might|came|went|got|saw|had)\b
    |\s*[,;:.!?)"\u201d\u2019]|\s*$""")
_FRACTION_BEFORE = _c(r"\b(?:by|up|down|fell|rose|cut|than|of|about|nearly|almost|roughly|around|over|under|"
                      r"some|approximately|only|just|barely|least|most)\s+$")
_FRACTION_MANY = _c(r"""
    (?<![\w.,])(?P<top>two|three|four|five|six|seven|eight|nine|\d)[\s-]+
    (?P<part>thirds|quarters|fourths|fifths|sixths|sevenths|eighths|ninths|tenths)\b""")
_HALF = _c(r"(?<![\w-])(?:(?:a|one)\s+)?half\b(?![-\s]?(?:way|time|brother|sister|hour|century|dozen|-))")
_NOT_FRACTION_HALF = _c(r"\b(?:first|second|the|latter|former|other|last|and\s+a)\s+$")
_ONE_IN = _c(rf"(?<![\w.,])(?P<top>{_DIGITS}|{_SMALL})(?:\s+(?:in|out\s+of|of(?=\s+(?:every|10|ten)\b))\s+(?:every\s+)?|-in-)"
             rf"(?P<bottom>\d{{1,3}}(?:[{GROUP_SPACES}]\d{{3}})+|\d[\d,]*|{_SMALL}|a[\s-](?:hundred|thousand|million|billion)"
             rf"|hundred|thousand|million)\b(?![.,]\d)")  # "one in a million", "a one-in-a-million chance": a probability
_TO_ONE = _c(rf"(?<!from\s)(?<![\w.,])(?P<n>{_DIGITS}|\b{_WORDNUM})[\s-]+to[\s-]+(?:one|1)\b"
             r"(?![.,]\d|\s*%|\s*(?:per\s*cent|percent|points?)\b)")  # not "from 10 to 1 percent"
_MULTIPLE_VERB = _c(r"\b(?:doubl(?:ed|ing)|tripl(?:ed|ing)|trebl(?:ed|ing)|quadrupl(?:ed|ing)|halv(?:ed|ing)"
                    r"|(?:cut(?:s|ting)?|slash(?:ed|es|ing))\s+in\s+half)\b")
"""'doubled', 'halving', and 'cut in half', 'slashed in half' (halved, as `expect:` reads them: the
vocabulary's MULTIPLES), in any tense: the auxiliary before ('has been', 'were') changes nothing."""
_MULTIPLE_ADJECTIVE = _c(r"\b(?:double|triple|treble|quadruple)(?=\s+(?:the|that|its|their|his|her|what)\b)")
_TIMES = _c(rf"""
    (?<![\w.,])(?P<n>twice|(?:{_DIGITS}|{_WORDNUM})(?:[\s-]+and[\s-]+a[\s-]+half)?\s+times)
    (?P<tail>\s+(?:as\s+(?:many|much|likely|high|large|big|often|fast|long|great|common|low|small)
               |more|less|fewer|higher|lower|larger|smaller|bigger|greater|faster|slower)\b)?
    (?(tail)|(?=\s+(?:the|that|those|these|this|what|its|their|his|her|our)\b|\s+(?:(?-i:[A-Z])[\w.\-]*\s+){{0,3}}\w[\w.\-]*['\u2019]s\b))""")
# or a name's, of up to four words: "four times Clark's rate", "four times New York's rate"
_TIMES_ALONE = _c(rf"(?<![\w.,])(?P<n>twice|(?:{_DIGITS}|{_WORDNUM})(?:[\s-]+and[\s-]+a[\s-]+half)?\s+times)\s*$")  # an expect: 'twice'
_FOLD = _c(rf"(?<![\w.,])(?P<n>{_DIGITS}|{_SMALL}|hundred)[\s-]?fold\b")
_TIMES_X = _c(r"(?<![\w.,])(?P<n>\d+(?:\.\d+)?)x\b")
_MULTIPLE_WORDS: dict[str, Fraction] = {
    "doubl": Fraction(2), "tripl": Fraction(3), "trebl": Fraction(3), "quadrupl": Fraction(4), "halv": Fraction(1, 2),
    "double": Fraction(2), "triple": Fraction(3), "treble": Fraction(3), "quadruple": Fraction(4),
    "cut": Fraction(1, 2), "slash": Fraction(1, 2)}  # "cut in half", "slashed in half"


_TOKEN = re.compile(r"[a-z0-9]+")
_ANY_DIGIT = re.compile(r"\d")
# words one of which a sentence must hold before a family of patterns is tried (for speed)
_NUMBER_WORDS = frozenset(ONES) | frozenset(TEENS) | frozenset(TENS) | {"hundred"} | frozenset(SCALES)
_DURATION_WORDS = frozenset("year years decade decades month months week weeks day days quarter quarters "
                            "century centuries hour hours minute minutes second seconds min mins hr hrs sec "
                            "secs".split())
_VAGUE_WORDS = frozenset("dozens hundreds thousands millions billions scores".split())
_QUALIFIER_WORDS_IN_TEXT = frozenset("majority minority overwhelmingly bulk all none every most".split())
_SINGLE_PARTS = frozenset(p for p in _PARTS if not p.endswith("s") and p != "half")
_PLURAL_PARTS = frozenset(p for p in _PARTS if p.endswith("s") and p != "halves")
_IN_WORDS = frozenset({"in", "out", "every"})
_OF_TEN = frozenset({"10", "ten"})
_WON_BEFORE = _c(r"\b(?:carried|carries|carry|won|wins|win|took|takes|swept|sweeps|lost|loses|claimed|claims|captured|"
                 r"flipped|flips|held|holds|scored|scores)\s+(?:only\s+|just\s+)?$")
"""'9 of 10', 'nine of ten': a share said as a part of ten (a part of any other whole, '31 of 48', is two counts)."""
_MULTIPLE_VERBS = frozenset("doubled doubling tripled tripling trebled trebling quadrupled quadrupling halved "
                            "halving cut cuts cutting slashed slashes slashing".split())
_MULTIPLE_ADJECTIVES = frozenset("double triple treble quadruple".split())
_UNCHANGED_WORDS = frozenset("flat unchanged steady stable".split())
# "Bus ridership was flat", "held steady", "remained unchanged": a change of nothing, a multiple of
# one (as `expect: flat` reads it). Only after a verb: "a flat fee", "a stable job" state nothing.
_UNCHANGED = _c(r"(?i)\b(?:(?P<held>held|holds|holding)\s+(?:flat|steady)"
                r"|(?:was|were|is|are|been|remained|remains|stayed|stays|came\s+in|virtually|essentially|largely"
                r"|nearly|almost|roughly)\s+(?P<word>flat|unchanged|steady|stable))\b")
_UNCHANGED_ALONE = _c(r"(?i)^\s*(?:unchanged|flat|steady|stable|held\s+steady|no\s+change)\s*$")
_TIMES_WORDS = frozenset({"twice", "times"})


# --------------------------------------------------------------------------- idioms

# Phrases that are written with numbers but state no quantity an editor could check: the working
# day, praise, a person's certainty, sayings. Each blocks its span (the group ``n`` when it has one)
# as a telephone number does, so no figure and no period is read inside it. The list is kept to
# phrases that are never a finding: a missed figure goes unchecked, where a false one costs an editor
# an ``ignore``. So a score ("won 3-1") stays a figure, as an election's "won 52-48" and a range's
# "drew 200-300 people" must; so do "two cents a gallon", "100 percent guaranteed", "a million times
# stronger", "a million miles from Earth" and "split fifty-fifty".
_PERCENT_WORD = r"\s*(?:%|per\s?cent\b|percent\b)"
_IDIOMS: list[tuple[frozenset[str], _Lazy]] = [
    # the working day: "a 9-to-5 job", "quit the 9-to-5", "works 9 to 5"; not "fell from 9 to 5" nor a
    # "9-to-5 vote"
    (frozenset({"9", "nine"}),
     _c(r"""\b(?:an?|the|their|his|her|my|our|your|its|typical|regular|steady|usual|traditional|normal|standard
              |works?|worked|working)\s+(?P<n>(?:9|nine)[\s-]to[\s-](?:5|five))(?![\w-])
            (?!\s+(?:votes?|margin|majority|decision|ruling|split|tally|count)\b)""")),
    (frozenset({"9", "nine"}),
     _c(r"""(?<![\w.,-])(?P<n>(?:9|nine)[\s-]to[\s-](?:5|five))\s+
            (?:jobs?|work|workers?|schedules?|workdays?|shifts?|grind|routine|office|life|lifestyle|existence
              |world|crowd|employment|gigs?|positions?)\b""")),
    # praise: "she is one in a million", "a one-in-a-million talent"; but "the risk is one in a million" and
    # "a one-in-a-million chance" state a probability an editor checks: they stay fractions
    (frozenset({"million", "billion"}),
     _c(r"""\b(?:(?:she|he|you|they|i)(?:\s+(?:is|was|are|were|am)|['\u2019](?:s|re|m))\s+(?:truly\s+|really\s+|just\s+)?
              (?:one|1)\s+in\s+an?\s+(?:million|billion)\b
            |(?:one|1)[\s-]in[\s-]an?[\s-](?:million|billion|lifetime)[\s-]+(?:finds?|talents?|kind|person|guy|girl
              |woman|man|player|athletes?|sort|type|friends?|artists?|voices?|leaders?|coach|teacher))\b""")),
    (frozenset({"million"}), _c(r"\bthanks\s+a\s+million\b")),
    # at one time: "At one point, the line stretched …", "He was, at one point, ahead"; not "the lead stood
    # at one point" nor "her lead was at one point." (see _LEVEL_VERBS)
    (frozenset({"point"}), _c(rf"\b(?=at\s+one\s+point\b){_NOT_AFTER_BE}at\s+(?P<n>{_AT_ONE_POINT_IDIOM})")),
    (frozenset({"point"}),
     _c(rf"\b(?=at\s+one\s+point\b){_AFTER_BE}at\s+(?P<n>{_AT_ONE_POINT_IDIOM})(?!\s*(?:[.;!?]|$))")),
    # a person's certainty ("I am a hundred percent sure"), and effort past the whole ("gave 110 percent");
    # "100% recovered", "100 percent guaranteed" and "gave 100 percent funding" are shares
    (frozenset({"hundred", "100"}),
     _c(rf"""\b(?P<n>(?:(?:a|one)\s+hundred|100){_PERCENT_WORD})(?=\s+(?:sure|certain|confident|convinced|serious
              |honest)\b)""")),
    (frozenset({"ten", "110"}),
     _c(rf"""\b(?:give|gives|gave|giving|given)\s+(?:it\s+|us\s+|them\s+|everything\s+|all\s+)?
            (?P<n>(?:(?:a|one)\s+hundred\s+and\s+ten|110){_PERCENT_WORD})(?!\s+of\b)""")),
    # a chance of even odds: "a fifty-fifty call", "a 50-50 chance" (but "split 50-50" is a count)
    (frozenset({"fifty", "50"}),
     _c(r"""(?<![\w.,-])(?:50[-/]50|fifty[\s-]fifty)\s+(?:chances?|shot|odds|proposition|call|bet|coin[\s-]?flip
            |toss[\s-]?up|gamble)\b""")),
    # sayings with a small number in words
    (frozenset({"nine", "dozen", "two", "thousand", "cents", "four", "forty"}),
     _c(r"""\b(?:the\s+whole\s+nine\s+yards|cloud\s+nine|a\s+dime\s+a\s+dozen|a\s+two[\s-]way\s+street
              |two[\s-]horse\s+race|(?:in|of)\s+two\s+minds|two\s+birds\s+with\s+one\s+stone
              |(?:my|his|her|their|your|our)\s+two\s+cents|two\s+cents['\u2019]\s+worth
              |(?:worth|paints?)\s+a\s+thousand\s+words|death\s+by\s+a\s+thousand\s+cuts|a\s+thousand\s+cuts
              |twenty[\s-]four[\s-](?:seven|7)|forty\s+winks)\b""")),
]



# --------------------------------------------------------------------------- labels

# A number that is part of a name or a rating's label names which rows, not how many: no figure.
# "five-star homes", "a 3-star hotel", "Three-star and four-star restaurants": a star rating joined to
# its number by a hyphen is always a label.
_STAR_HYPHENATED = _c(r"(?<![\w.,-])(?P<n>[1-7]|one|two|three|four|five|six|seven)-stars?\b")
# "have four or five stars", "rated 4 stars", "two to three stars": a whole rating of one to five stars
# is which rows (a label), unless the sentence states a statistic of the ratings ("averaged 4 stars",
# "4 stars out of 5 on average", "a median of four stars"), whose number is a figure; a decimal ("3.5
# stars") is never matched. The top of the scale ("out of 5") after stars is no figure either way.
_STARS = _c(r"""(?<![\w.,$-])(?P<n>(?:[1-5]|one|two|three|four|five)
                 (?:\s+(?:or|to|and)\s+(?:[1-5]|one|two|three|four|five))?)\s+stars?\b
                 (?P<top>\s+out\s+of\s+(?:[1-9]|five|seven|ten|10)\b)?""")
_STAR_STATISTIC = _c(r"\b(?:averag(?:e|ed|es|ing)|mean|median|typical(?:ly)?)\b")
# a superlative that names the end of a rating scale by its label, "the lowest, one-star rating", "the
# top (five-star) grade": a definition of the scale, not a finding
_END_OF_A_SCALE = _c(r"""\b(?:the\s+|its\s+|their\s+)?(?:lowest|highest|top|best|worst)\s*[,(\u2013\u2014-]?\s*
                         (?:[1-7]|one|two|three|four|five|six|seven)-stars?\b""")
# "the city's 311 line", "a 911 call", "the 7 train": digits after a determiner and before a singular
# noun of a service or a line are its name. A count of more than one takes a plural ("311 calls", "five
# lines"), which stays a figure, and so does one whose noun qualifies a plural after it ("the 40 bus
# routes"); so does any amount, percentage or decimal
_SERVICE_NOUNS = ("line|hotline|helpline|number|system|service|center|centre|app|call|operator|dispatcher"
                  "|portal|network|train|bus|request|complaint")
_SERVICE_NAME = _c(rf"""(?:\b(?:the|a|an|its|their|his|her|our|this|that|each|every|any)|['\u2019]s)\s+
                        (?P<n>\d+)(?=\s+(?:{_SERVICE_NOUNS})\b(?![-\u2010])
                        (?!\s+(?!(?:was|is|has|does)\b)[a-z]+(?<!s)s\b))""")
# "# 311 requests rose", "911 calls doubled", "the city's 311 complaints fell 12%": a service's number before
# its noun, singular or plural, whose next word is a verb of change, names the service. A count does not rise
# or fall ("311 requests were filed" may be either, and stays a figure: the finder keeps what may be a
# finding). Only the three-digit service numbers (211 … 911, 988), whose name is their number
_SERVICE_NUMBER = r"(?<![\w.,$\u00a3\u20ac+-])(?P<n>[2-9]11|988)(?![\w,.]\d|[\w-])"
_SERVICE_SUBJECT = _c(rf"""{_SERVICE_NUMBER}(?=\s+(?:{_SERVICE_NOUNS})s?\s+(?:[a-z]+ly\s+)?
    (?:{RISE_VERBS}|{FALL_VERBS}|doubl(?:ed|ing)|tripl(?:ed|ing)|quadrupl(?:ed|ing)|halv(?:ed|ing)
      |(?:was|were|is|are)\s+(?:up|down)|hit|reached|topped|peaked)\b)""")
# "911 system crashed", "# 311 line swamped": at the opening of a sentence or a heading, where no determiner
# stands before it, the number before a singular noun of a service is its name as well
_SERVICE_OPENING = _c(rf"""[\s"'\u201c\u2018(*_]*{_SERVICE_NUMBER}(?=\s+(?:{_SERVICE_NOUNS})\b(?![-\u2010])
                           (?!\s+(?!(?:was|is|has|does)\b)[a-z]+(?<!s)s\b))""")
# "calls to 311", "dialed 911", "text 988": the three-digit service numbers named as what one calls
_DIALED = _c(r"\b(?:calls?|called|calling|dial(?:s|ed|ing|led|ling)?|text(?:s|ed|ing)?)\s+(?:to\s+)?"
             r"(?P<n>[2-9]11|988)\b(?![\d,.]\d)")
_STAR_WORDS = frozenset({"star", "stars"})
_SERVICE_WORDS = frozenset(_SERVICE_NOUNS.split("|"))
_SERVICE_PLURALS = frozenset(w + "s" for w in _SERVICE_WORDS)
_DIAL_WORDS = frozenset("call calls called calling dial dials dialed dialing dialled dialling text texts texted "
                        "texting".split())


# --------------------------------------------------------------------------- checks

def _left_ok(text: str, start: int) -> bool:
    """A number starting at ``start`` stands on its own: not 'COVID-19', 'A4', 'x/2020', 'victims.1'."""
    if start == 0:
        return True
    before = text[start - 1]
    if before.isalnum() or before in "_./\\@&:'\u2019,":
        return False
    if before == "-" and start >= 2 and text[start - 2].isalpha():
        return False
    if before == "(" and start >= 2 and text[start - 2] == ")":
        return False  # the next part of a statute's section: 501(c)(3)
    if before in ";!?)\"\u201d" and start >= 2 and text[start - 2].isalpha():
        return False  # glued to the end of a word's clause: a footnote number
    return _IDENTIFIER_BEFORE.search(text, max(0, start - 24), start) is None


def _right_ok(text: str, end: int) -> bool:
    if end >= len(text):
        return True
    after = text[end]
    if after.isalnum() or after == "_":
        return False
    nxt = text[end + 1] if end + 1 < len(text) else ""
    if after in "/:" and nxt.isdigit():
        return False
    if after == "." and nxt.isalnum():
        return False
    if after == "(" and nxt.isalpha() and text[end + 2:end + 3] == ")":
        return False  # a statute's section: 401(k), 501(c)(3)
    return True


# "higher than in 2023", "up $250 compared with 2023": a year a figure is compared with, as "than 2023" is
_THAN = _c(r"\b(?:than(?:\s+(?:in|on|at|during))?|compared\s+(?:with|to)(?:\s+(?:in|on|at|during))?)\s+$")


def _relation(text: str, start: int) -> str | None:
    if _THAN.search(text[max(0, start - 24):start]):
        return "than"
    m = re.search(r"(\w+)\s+$", text[max(0, start - 16):start])
    word = m[1].lower() if m else None
    return word if word in _RELATIONS else None


_COUNT_AFTER = re.compile(r"\s+([a-z]{3,}s)\b")
_NOT_COUNT_NOUNS = frozenset("levels figures numbers data elections rates totals results reports statistics "
                             "estimates census olympics games finals series midterms primaries accounts "
                             "returns filings accounts budgets".split())


def _year_is_a_count(text: str, start: int, end: int) -> bool:
    """'charged 2000 defendants' is a count; 'in 2020', 'the 2020 report', '2020 was' are years."""
    before = text[max(0, start - 24):start]
    if re.search(r"\b(?:in|since|from|to|between|until|till|by|during|before|after|through|of|for|and|"
                 r"the|fiscal|year|early|late|mid|on|at)\s+$|['\u2019]s\s+$|-$", before, re.IGNORECASE):
        return False
    if _QUALIFIER_BEFORE.search(text, max(0, start - 30), start):
        return True
    m = _COUNT_AFTER.match(text, end)
    return m is not None and m[1] not in _NOT_COUNT_NOUNS


# --------------------------------------------------------------------------- scanning

class _Scan:
    def __init__(self, text: str, hidden: Sequence[bool], phrase: bool) -> None:
        self.text = text
        self.blocked = list(hidden[:len(text)]) + [False] * (len(text) - len(hidden))
        self.phrase = phrase
        self.periods: list[PeriodSpan] = []
        self.in_period = [False] * len(text)
        self.candidates: list[tuple[int, int, int, FigureSpan]] = []  # (start, -length, priority, span)
        self.low = text.lower()
        self.words = frozenset(_TOKEN.findall(self.low))
        self.digits = _ANY_DIGIT.search(text) is not None

    def has(self, triggers: frozenset[str]) -> bool:
        return not self.words.isdisjoint(triggers)

    def free(self, start: int, end: int, periods_ok: bool = False) -> bool:
        if any(self.blocked[start:end]):
            return False
        return periods_ok or not any(self.in_period[start:end])

    def add(self, span: FigureSpan, priority: int, periods_ok: bool = False) -> None:
        if span.end > span.start and self.free(span.start, span.end, periods_ok):
            self.candidates.append((span.start, span.start - span.end, priority, span))

    def add_period(self, start: int, end: int, year: int | None = None, end_year: int | None = None,
                   relation: str | None = None) -> None:
        if any(self.blocked[start:end]) or any(self.in_period[start:end]):
            return
        self.periods.append(PeriodSpan(start, end, year, end_year, relation or _relation(self.text, start)))
        self.in_period[start:end] = [True] * (end - start)

    # ----- skipped and periods first: figures may not overlap them

    def idioms(self) -> None:
        """Block the numbers of an idiom (see ``_IDIOMS``): no figure is read in "a 9-to-5 job"."""
        for triggers, pattern in _IDIOMS:
            if self.has(triggers):
                for m in pattern.finditer(self.text):
                    self.block(*(m.span("n") if m.re.groupindex.get("n") and m["n"] else m.span()))

    def labels(self) -> None:
        """Block the numbers of names and rating labels (see ``_STAR_HYPHENATED`` … ``_DIALED``): "the
        city's 311 line", "five-star homes", "four or five stars", "the lowest, one-star rating"."""
        if self.phrase:
            return  # an expect: of "5 stars" states the figure it is written for
        if self.has(_STAR_WORDS) or "-star" in self.low:
            for m in _END_OF_A_SCALE.finditer(self.text):
                self.block(*m.span())
            for m in _STAR_HYPHENATED.finditer(self.text):
                self.block(*m.span("n"))
            statistic = _STAR_STATISTIC.search(self.text) is not None or "on average" in self.low
            for m in _STARS.finditer(self.text):
                if m["top"]:
                    self.block(*m.span("top"))
                if not statistic:
                    self.block(*m.span("n"))
        if self.digits:
            self._services()

    def _services(self) -> None:
        """Block the numbers that name a service: "the city's 311 line", "911 system crashed", "311
        requests rose", "calls to 311" (``_SERVICE_NAME`` … ``_DIALED``)."""
        if self.has(_SERVICE_WORDS):
            for m in _SERVICE_NAME.finditer(self.text):
                if int(m["n"]) > 1:
                    self.block(*m.span("n"))
            if opening := _SERVICE_OPENING.match(self.text):
                self.block(*opening.span("n"))
        if (self.has(_SERVICE_WORDS) or self.has(_SERVICE_PLURALS)) and ("11" in self.text or "988" in self.text):
            for m in _SERVICE_SUBJECT.finditer(self.text):
                self.block(*m.span("n"))
        if self.has(_DIAL_WORDS):
            for m in _DIALED.finditer(self.text):
                self.block(*m.span("n"))

    def block(self, start: int, end: int) -> None:
        self.blocked[start:end] = [True] * (end - start)

    def skips(self) -> None:
        if not self.digits:
            return
        for pattern, needs in ((_TIME_OF_DAY, ":" in self.text or "m" in self.low), (_TELEPHONE, True)):
            for m in pattern.finditer(self.text) if needs else ():
                self.blocked[m.start():m.end()] = [True] * (m.end() - m.start())
        for m in _RATE_BASE.finditer(self.text) if "per" in self.low or "every" in self.low else ():  # "1.8 per 1,000 households"
            self.blocked[m.start("base"):m.end()] = [True] * (m.end() - m.start("base"))

    def dates(self) -> None:
        for kind, words, digit, contains, pattern in _PERIOD_PATTERNS:
            if (digit and not self.digits) or (words and not self.has(words)) or (
                    contains and not any(c in self.low for c in contains)):
                continue
            for m in pattern.finditer(self.text):
                if not _left_ok(self.text, m.start()) and self.text[m.start()].isdigit():
                    continue
                if not _right_ok(self.text, m.end()):
                    continue
                if kind == "range":
                    self._range(m)
                elif kind == "month":
                    self.add_period(m.start("month"), m.end("month"))
                else:
                    years = [int(y) for y in re.findall(_YEAR, m.group()) if len(y) == 4]
                    self.add_period(m.start(), m.end(), years[0] if years else None,
                                    years[-1] if len(years) > 1 else None)

    def _range(self, m: re.Match[str]) -> None:
        first, y2 = int(m["y1"]), m["y2"] or m["y3"]
        last = int(y2) if len(y2) == 4 else first - first % 100 + int(y2)
        if len(y2) == 2 and last < first:
            last += 100  # 1999-00
        if last < first:
            return
        self.add_period(m.start(), m.end(), first, last, m["rel"].lower() if m["rel"] else None)

    def durations(self) -> None:
        if not self.has(_DURATION_WORDS):
            return
        for m in _COMPOUND_DURATION.finditer(self.text):
            big, small = unit_of(m["ua"]), unit_of(m["ub"])
            a, b = (Fraction(1) if m["a"].lower() in ("a", "an") else _number_value(m["a"])), _number_value(m["b"])
            k = factor(big, small) if big and small else None
            if a is not None and b is not None and k is not None and k > 1 and a.denominator == 1:
                self.add(FigureSpan(m.start("a"), m.end("ub"), "number", a * k + b), 3)
        centuries = self._parts_of_durations() if self.has(_PART_NAMES) else []
        for m in (_DURATION_OR_DECIMAL if "point" in self.words else _DURATION).finditer(self.text):
            n = m["n"]
            if n[0].isdigit() and not _left_ok(self.text, m.start("n")):
                continue
            if any(a < m.end() and m.start() < b for a, b in centuries) or (
                    m["unit"][0] in "qQ" and _SCALE_AND.search(self.text, max(0, m.start("unit") - 24), m.start("unit"))):
                continue  # "half a century" (50 years), "a million and a quarter" (1.25 million): no period
            value = _number_value(n)
            det = None
            start = m.start("article") if m["article"] else m.start("n")
            if m["ext"]:
                self.add(FigureSpan(start, m.end(), "extreme"), 0)
            elif m["old"]:
                self.add(FigureSpan(m.start("n"), m.end(), "number", value), 2)
            elif value == 1 and not m["plus"] and self._one_amount(m):  # "waited an hour", "more than a minute"
                self.add(FigureSpan(m.start("n"), m.end("unit"), "number", value), 2)
            elif (value == 1 and not m["plus"]) or self._when(m.start("n"), m.end()) or (
                    det := _DURATION_IS_PERIOD.search(self.text, max(0, m.start("n") - 24), m.start("n"))):
                # "four years earlier", "two years ago": when, not how long
                relation = " ".join(det.group().lower().split()) if value != 1 and det else None
                self.add_period(m.start("n"), m.end("unit"), relation=relation)
            elif span := (_SPAN_OPENING.pattern.fullmatch(self.text, 0, m.start("n")) or self._span_after(m)):
                self.add_period(m.start("n"), m.end("unit"), relation=span["rel"].lower())
            else:  # "40-plus years": 40 years or more
                self.add(FigureSpan(m.start("n"), m.end("unit"), "number", value, PLUS_BAND if m["plus"] else None), 2)

    def _span_after(self, m: re.Match[str]) -> re.Match[str] | None:
        """The word of a span (over, in, during, across, throughout, for) before a length of the calendar
        after the sentence's opening ("Complaints doubled *over four years*"), unless the words before
        it make the length how long something lasted or took (``_HOW_LONG_BEFORE``)."""
        if m["unit"].lower() not in _CALENDAR_UNITS:
            return None
        span = _SPAN_BEFORE.search(self.text, max(0, m.start("n") - 12), m.start("n"))
        if span is None or _HOW_LONG_BEFORE.search(self.text, max(0, span.start() - 60), span.start()) or (
                span["rel"].lower() == "for" and _RUN_BEFORE_FOR.search(self.text, max(0, span.start() - 30),
                                                                        span.start())):
            return None
        return span

    def _parts_of_durations(self) -> list[tuple[int, int]]:
        """"two and a half hours", "an hour and a half", "half an hour", "a quarter of an hour" (in the
        unit named), "a quarter-century" and "half a century" (25 and 50 years): one figure each, or a
        period when it says when ("half an hour later"). Returns where the parts of a century are,
        whose "a century" names no period of its own."""
        centuries: list[tuple[int, int]] = []
        for m in _HALF_DURATION.finditer(self.text):
            if m["cq"]:  # "a quarter-century": 25 years, not a calendar quarter nor the fraction 1/4
                centuries.append(m.span())
                value: Fraction | None = PART_OF_A_CENTURY[re.split(r"[\s-]+", m["cq"].lower())[-1]] * 100
            elif m["q"]:  # "a quarter of an hour": 15 minutes, as expect: reads it
                value = Fraction(3 if m["q"].lower().startswith("three") else 1, 4)
            else:
                value = Fraction(0) if m["uc"] else (
                    Fraction(1) if (m["a"] or "").lower() in ("a", "an") else _number_value(m["a"] or m["b"]))
                if value is None or not (m["uc"] or value.denominator == 1):
                    continue
                value += Fraction(1, 2)
            if self._when(m.start(), m.end()):  # "half an hour later": when, not how long
                self.add_period(m.start(), m.end())
            else:
                self.add(FigureSpan(m.start(), m.end(), "number", value), 3)
        return centuries

    def _when(self, start: int, end: int) -> bool:
        """Does the duration from ``start`` to ``end`` say when something happened, an offset from
        another moment ("two hours later", "four years earlier", "two hours after the vote", "three
        days before the storm"), rather than how long something took?

        Such an offset is read as a period, never as a figure, whether the moment is named
        ("after the vote") or not ("later"): "two hours after the vote" was a figure while "two
        hours later" and "two hours before the vote" were not, for the same kind of phrase. An
        offset is narrative, the time line of the story, far more often than a finding; and the
        moment it counts from (the vote, the storm) is seldom a row of the data, so a claim could
        rarely check it. But an offset from a named moment after a verb ("police arrived 45
        minutes after the call", "died three days after surgery") is the delay itself, which a
        table of times checks: only one that opens the sentence ("Two hours after the
        vote, the mayor resigned") is when. When the offset is itself a statistic ("an average of 45 minutes after
        the call", "the median patient was seen four hours after arriving", "on average, two
        hours later"), it is a measured delay, a figure like any other wait; and after a verb of
        lasting it is how long ("waited two hours before seeing a doctor", "served two years after
        his conviction").
        """
        relative = _RELATIVE.match(self.text, end)
        if not relative:
            return False
        if relative.group().strip().lower() in _FROM_A_MOMENT and not _OPENS_A_SENTENCE.pattern.fullmatch(self.text, 0, start):
            return False  # "police arrived 45 minutes after the call": a delay the data's times can check
        return not (_STATISTIC_BEFORE.search(self.text, max(0, start - 40), start) or "on average" in self.low
                    or _LASTING_BEFORE.search(self.text, max(0, start - 60), start))

    def _one_amount(self, m: re.Match[str]) -> bool:
        """Is "an hour" (or one minute, one second) of ``m`` an amount of time, a figure? Not a rate's
        base, a time of its own, or when ("an hour later", "once an hour", "an hour's drive")."""
        end = m.end("unit")
        return (unit_of(m["unit"]) in _ONE_SHORT_UNIT and not m["old"] and not m["ext"]
                and not self._when(m.start("n"), end) and not self.text.startswith(("'s", "\u2019s"), end)
                and not _NOT_AN_AMOUNT_BEFORE.search(self.text, max(0, m.start("n") - 12), m.start("n")))

    # ----- figures

    def numbers(self) -> None:
        for m in _PART_OF_A_SCALE.finditer(self.text) if self.has(_SCALE_NAMES) else ():
            part = re.split(r"[\s-]+", m["part"].lower())
            if part[-1] in ("a", "an") and _COMPOUND_AFTER.match(self.text, m.end()):
                continue  # "half of a million-dollar budget": the fraction of a budget, not 500,000
            amount = read_spelled(m[0].replace(" an ", " a "))  # the part as expect: reads it
            if amount is not None:
                self.add(FigureSpan(m.start(), m.end(), "number", amount.value), 3)
        if self.has(_SCALE_NAMES) and self.has(_PART_NAMES):
            for m in _COUNT_AND_A_PART.finditer(self.text):
                amount = read_spelled(m[0])  # "a million and a half", "two billion and a quarter"
                if amount is not None:
                    self.add(FigureSpan(m.start(), m.end(), "number", amount.value), 3)
        for m in _AND_A_HALF_UNIT.finditer(self.text) if "half" in self.words else ():
            whole = _number_value(m["whole"])
            if whole is not None and whole.denominator == 1:
                kind: FigureKind = "percent" if m["unit"].lower().startswith("per") else "points"
                self.add(FigureSpan(m.start(), m.end(), kind, (whole + Fraction(1, 2)) / 100), 3)
        if self.digits:
            for m in _DIGIT_NUMBER.finditer(self.text):
                self._number(m)
        if self.has(_NUMBER_WORDS):
            for m in (_WORD_NUMBER_OR_DECIMAL if "point" in self.words else _WORD_NUMBER).finditer(self.text):
                self._number(m)
        if "zero" in self.words:
            for m in _ZERO.finditer(self.text):
                self._number(m)

    def _number(self, m: re.Match[str]) -> None:
        text = self.text
        g = m.groupdict()
        start, end = m.start(), m.end()
        if g.get("digits"):
            core = m.start("digits")
            if not _left_ok(text, start if (g["sign"] or g["cur"]) else core):
                if g["sign"] and not g["cur"] and start > 0 and text[start - 1].isdigit():
                    start = core  # '50-60%': a range, not a minus sign
                else:
                    return
            if not _right_ok(text, end):
                return
        unit = (g["unit"] or "").strip().lstrip("-").strip().lower()  # any space: "59\u00a0%" as French sets it
        kind: FigureKind = ("points" if "point" in unit or unit in ("pp", "ppt", "ppts", "pt", "pts") else
                            "percent" if unit.startswith(("%", "per", "pc", "pct")) else "number")
        value = _number_value(g.get("digits") or g["words"])
        if g.get("words") and not unit and value == 1 and not _ONE_MORE.match(text, end):
            return  # 'one' on its own: 'one of the', 'more than one agency'; not 'one fewer than the Bronx'
        if value is not None:
            value *= SCALES.get((g.get("scale") or "").lower(), 1)
            value *= ABBREVIATED_SCALES.get((g.get("abbr") or "").lower(), 1)
            if kind in ("percent", "points"):
                value /= 100
            if g.get("sign") and g["sign"] != "+" and start <= m.start("sign"):
                value = -value
        digits = g.get("digits") or ""
        plain_year = (re.fullmatch(_YEAR, digits) is not None and not g["sign"] and not g["cur"]
                      and not g["scale"] and not g["abbr"] and not unit)
        if plain_year and not self.phrase and not _year_is_a_count(text, start, end):
            self.add_period(start, end, int(digits))
            return
        plus = _PLUS.match(text, end) if g.get("digits") else None  # "7,000-plus": 7,000 or more
        self.add(FigureSpan(start, plus.end() if plus else end, kind, value, PLUS_BAND if plus else None), 3)

    def phrases(self) -> None:
        if self.has(_VAGUE_WORDS):
            for m in _VAGUE.finditer(self.text):
                self.add(FigureSpan(m.start(), m.end(), "number"), 3)
        if "dozen" in self.words:
            self._dozens()
        if self.has(_QUALIFIER_WORDS_IN_TEXT):
            for m in _QUALIFIERS.finditer(self.text):
                self.add(FigureSpan(m.start(), m.end(), "qualifier"), 2)
        for triggers, pattern in _EXTREMES:
            if self.has(triggers):
                for m in pattern.finditer(self.text):
                    self.add(FigureSpan(m.start(), m.end(), "extreme"), 0, periods_ok=True)
        for triggers, pattern in _STREAKS:
            if self.has(triggers):
                for m in pattern.finditer(self.text):
                    self.add(FigureSpan(m.start(), m.end(), "streak", _streak_value(m["n"])), 0, periods_ok=True)

    def _dozens(self) -> None:
        """"a dozen", "two dozen" (24), "half a dozen" (6), "a dozen and a half" (18)."""
        for m in _DOZEN_AND_A_HALF.finditer(self.text) if "half" in self.words else ():
            count = _number_value(f"{m['a'] or m['b']} dozen")
            if count is not None:
                self.add(FigureSpan(m.start(), m.end(), "number", count + 6), 2)
        for m in _DOZEN.finditer(self.text):
            n = m["n"].lower()
            count = Fraction(1, 2) if "half" in n else _number_value(f"{n} dozen")
            if count is not None:
                self.add(FigureSpan(m.start(), m.end(), "number", count * 12 if "half" in n else count), 2)

    def fractions(self) -> None:
        if self.has(_SINGLE_PARTS):
            for m in _FRACTION_ONE.finditer(self.text):
                if not (_FRACTION_AFTER.match(self.text, m.end())
                        or _FRACTION_BEFORE.search(self.text, max(0, m.start() - 16), m.start())):
                    continue
                self.add(FigureSpan(m.start(), m.end(), "fraction", Fraction(1, _PARTS[m["part"].lower()])), 1)
        if self.has(_PLURAL_PARTS):
            for m in _FRACTION_MANY.finditer(self.text):
                part = m["part"].lower()
                if part == "quarters" and not re.match(r"\s+of\b", self.text[m.end():], re.IGNORECASE):
                    continue
                top = _number_value(m["top"])
                if top is not None and top < _PARTS[part]:
                    self.add(FigureSpan(m.start(), m.end(), "fraction", top / _PARTS[part]), 1)
        if "half" in self.words:
            for m in _HALF.finditer(self.text):
                if not _NOT_FRACTION_HALF.search(self.text, max(0, m.start() - 12), m.start()):
                    self.add(FigureSpan(m.start(), m.end(), "fraction", Fraction(1, 2)), 1)
        if (self.has(_IN_WORDS) or self.has(_OF_TEN)) and (self.digits or self.has(_NUMBER_WORDS)):
            for m in _ONE_IN.finditer(self.text):
                top, bottom = _number_value(m["top"]), _number_value(m["bottom"].translate(_UNGROUP).replace("-", " "))
                of_ten = re.match(r"\s+of\s+(?!every)", self.text[m.end("top"):])  # "9 of 10": of ten alone
                if of_ten and (bottom != 10 or _WON_BEFORE.search(self.text, 0, m.start())):
                    continue  # "9 of 100": no share is said so; "carried 3 of 10 precincts": a count of wins
                if top and bottom and top < bottom and not re.fullmatch(_YEAR, m["bottom"]):
                    self.add(FigureSpan(m.start(), m.end(), "fraction", top / bottom), 1)

    def multiples(self) -> None:
        if self.has(_MULTIPLE_VERBS):
            for m in _MULTIPLE_VERB.finditer(self.text):
                word = m.group().lower()
                stated = next(v for k, v in _MULTIPLE_WORDS.items() if word.startswith(k))
                self.add(FigureSpan(m.start(), m.end(), "multiple", stated), 1)
        if self.has(_MULTIPLE_ADJECTIVES):
            for m in _MULTIPLE_ADJECTIVE.finditer(self.text):
                self.add(FigureSpan(m.start(), m.end(), "multiple", _MULTIPLE_WORDS[m.group().lower()]), 1)
        if self.has(_TIMES_WORDS):
            found = [*_TIMES.finditer(self.text), *(_TIMES_ALONE.finditer(self.text) if self.phrase else ())]
            for m in found:
                value = _times_value(m["n"])
                if value is not None and value != 1:
                    self.add(FigureSpan(m.start(), m.start() + len(m[0].rstrip()), "multiple", value), 1)
        if self.has(_UNCHANGED_WORDS) or (self.phrase and "change" in self.words):
            for m in _UNCHANGED.finditer(self.text):
                start = m.start("held") if m["held"] else m.start("word")
                self.add(FigureSpan(start, m.end(), "multiple", Fraction(1)), 1)
            if self.phrase:
                for m in _UNCHANGED_ALONE.finditer(self.text):
                    self.add(FigureSpan(m.start() + len(m[0]) - len(m[0].lstrip()), m.start() + len(m[0].rstrip()),
                                        "multiple", Fraction(1)), 1)
        if "fold" in self.low or (self.digits and "x" in self.low):
            for pattern in (_FOLD, _TIMES_X):
                for m in pattern.finditer(self.text):
                    self.add(FigureSpan(m.start(), m.end(), "multiple", _number_value(m["n"])), 1)
        self._to_one()

    def _to_one(self) -> None:
        """"won 3-to-1", "a three-to-one margin", "two to one": a multiple."""
        if " to " in self.low or "-to-" in self.low:
            for m in _TO_ONE.finditer(self.text):
                value = _number_value(m["n"])
                if value is not None and value > 1:
                    self.add(FigureSpan(m.start(), m.end(), "multiple", value), 2)

    def resolve(self) -> list[FigureSpan]:
        """Leftmost, then longest, then by kind priority; no two figures overlap."""
        chosen: list[FigureSpan] = []
        taken_until = 0
        for start, _, _, span in sorted(self.candidates, key=lambda c: c[:3]):
            if start >= taken_until:
                span = self._qualified(span, taken_until)
                chosen.append(span)
                taken_until = span.end
        return chosen

    def _qualified(self, span: FigureSpan, free_from: int) -> FigureSpan:
        if span.kind in ("qualifier", "extreme", "streak") or span.qualifier is not None:
            return span  # "7,000-plus" has its band
        m = _QUALIFIER_BEFORE.search(self.text, max(free_from, span.start - 30), span.start)
        if m is None or any(self.blocked[m.start():span.start]):
            return span
        band = QUALIFIER_BANDS[" ".join(m["q"].lower().split())]
        return FigureSpan(m.start(), span.end, span.kind, span.value, band)


def scan(text: str, hidden: Sequence[bool] = (), phrase: bool = False
         ) -> tuple[list[FigureSpan], list[PeriodSpan]]:
    """The figures and the periods of one sentence, each in order of position.

    ``hidden`` marks characters that can never be part of a figure (inline code, URLs).
    ``phrase``: the text is a figure on its own (an ``expect:``), not a sentence of an article: a
    bare 4-digit number is a number (``expect: 2020``), and a multiple needs nothing after it
    (``expect: more than twice``; in an article, "arrested twice" is no figure).
    """
    s = _Scan(text, hidden, phrase)
    steps: list[Callable[[], None]] = [s.idioms, s.labels, s.skips, s.dates, s.durations, s.numbers, s.phrases, s.fractions,
                                       s.multiples]
    for step in steps:
        step()
    figures = s.resolve()
    return figures, sorted(s.periods, key=lambda p: p.start)
