"""The words of an ``expect:``: normalized text, directions, qualifiers and figures.

>>> split_direction(normalize("Rose by 11 per cent"))
('up', '11%')
>>> read_number("59%").band.describe(str)
'117/200 ≤ x < 119/200'

The words and their bands are in :mod:`factcheck.expectations.vocabulary`; :mod:`factcheck.expectations.composing`
puts the pieces read here together into an :class:`~factcheck.expectations.Expectation`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Callable, Literal, Sequence

from .. import money
from ..formatting import ABBREVIATED_SCALES, GROUP_SPACES, SCALES, alternatives
from . import durations
from . import vocabulary as words
from .errors import ExpectationError
from .interval import Interval
from .judging import Direction, Side
from .numbers import float_as_written, parse_decimal
from .shape import MeasureShape
from .spelled import AND_A_PART, SCALE_WORDS, WORDS, read_spelled
from .vocabulary import Vocabulary

EXAMPLES_BY_KIND = {
    "number": "'165', '2.5', 'about 2,000', 'more than 100'",
    "share": "'59%', 'nearly half', 'a majority', 'one in five', 'over one-third'",
    "change_percent": "'up 11%', 'down 8%', 'down about a third', 'doubled', or the direction alone: 'fell'",
    "change_points": "'up 5 points', '-3pp', 'down 3 percentage points', or the direction alone: 'fell'",
    "change_absolute": "'up 17', 'down 21', 'more than 100', or the direction alone: 'fell'",
    "change_ratio": "'doubled', 'nearly doubled', 'halved', '2.5x', or the direction alone: 'fell'",
    "boolean": "'true' or 'false'",
    "values": "'[Instagram, Snapchat]' or '{values: [Instagram, Snapchat], any_order: true}'",
}
GAP_EXAMPLES_BY_KIND = {
    "change_percent": "'12% higher', 'leads by 12%', '12% lower', 'the same', or the side alone: 'higher'",
    "change_points": "'6 points higher', 'leads by 6 points', 'a 6-point lead', 'nearly 6 points behind', "
                     "'trails by 3 points', 'the same', or the side alone: 'higher'",
    "change_absolute": "'392 more', 'won by 1,200 votes', '$600 less', 'the same', or the side alone: 'higher'",
    "change_ratio": "'twice as many', '2.5 times as many', 'half as many', or the side alone: 'higher'",
}
"""The wordings of a compare's gap: the side the first figure is on, never 'up' or 'a rise'."""


def examples_of(shape: MeasureShape) -> str:
    """Wordings that work for a measure of ``shape``, for a hint: a compare's gap is said as one is.

    >>> examples_of(MeasureShape("change_points", gap=True)).split(", ")[0]
    "'6 points higher'"
    """
    if shape.gap and shape.kind in GAP_EXAMPLES_BY_KIND:
        return GAP_EXAMPLES_BY_KIND[shape.kind]
    return EXAMPLES_BY_KIND.get(shape.kind, "'59%'")


# thousands grouped by the spaces of formatting.GROUP_SPACES, as in "12\u00a0000": read as 12,000 (a plain
# space between digits stays two numbers, and so a figure that cannot be read)
_GROUPED_BY_SPACES = re.compile(rf"(?<![\d,.])\d{{1,3}}(?:[{GROUP_SPACES}]\d{{3}})+(?![\d,])")
_SPACES_TO_COMMAS = str.maketrans(dict.fromkeys(GROUP_SPACES, ","))
_MINUS = str.maketrans({"\u2212": "-", "\u2012": "-", "\u2013": "-", "\uff0d": "-", "\u00d7": "x"})


def as_text(raw: object, shape: MeasureShape) -> str:
    """YAML's scalar as text; floats exactly as written (2.5, not 2.5000000001)."""
    if isinstance(raw, float):
        written = float_as_written(raw)
        if written is None:
            raise unreadable(str(raw), shape)
        return written
    if isinstance(raw, (int, str)):
        return str(raw)
    raise ExpectationError(f"expect: cannot be read from {type(raw).__name__} {raw!r}",
                           hint=f"write it as the article does, e.g. {examples_of(shape)}")


_PART_OF_A_WHOLE = re.compile(r"%|percent|half|third|quarter|fifth|majority|most|\bin\b|\bof (?:10|ten)$", re.I)
_PART_OF_AN_AMOUNT = re.compile(r"\b(?:half|quarters?|thirds?)(?:\s+of)?(?:\s+an?)?[\s-]+(?:thousand|million|billion|trillion|dozen|century)\b"
                                r"|\b(?:thousand|million|billion|trillion|dozen)\s+and\s+a\s+half\b", re.I)
"""'half a million', 'a quarter million', 'a million and a half', 'half a dozen': a part of a scale, an amount."""


def implies_share(raw: object) -> bool:
    """Whether an ``expect:`` speaks of a part of a whole: a percentage, a fraction, a majority.

    A measure that could be either (a ratio of two measures) is read as a share when its
    wording implies one, and as a plain number otherwise; a part of a scale ('a quarter
    million', 'half a million') is an amount.

    >>> [implies_share(w) for w in ("59%", "nearly half", "one in five", "most", "2.5", 0.59, "a quarter million")]
    [True, True, True, True, False, False, False]
    >>> implies_share("43 cents of every dollar"), implies_share("40 Cents on the dollar"), implies_share("43 cents")
    (True, True, False)
    """
    return isinstance(raw, str) and bool(_PART_OF_A_WHOLE.search(_PART_OF_AN_AMOUNT.sub(" ", raw))
                                         or _CENTS_OF_A_DOLLAR.search(" ".join(raw.lower().split())))


_MULTIPLE = re.compile(r"\btimes\b|\d\s*x\b|\bto[\s-]+(?:one|1)\b|fold\b|\btwice\b|\bthrice\b", re.I)


def implies_multiple(raw: object) -> bool:
    """Whether an ``expect:`` states a multiple ("3.5 times", "3 to 1", "twice"): of a ratio of two
    measures, the ratio itself ("Black residents were 3.5 times as likely"), read as one.

    >>> [implies_multiple(w) for w in ("3.5 times as likely", "3-to-1", "twice", "59%", "2.5")]
    [True, True, True, False, False]
    """
    return isinstance(raw, str) and bool(_MULTIPLE.search(raw))


_RANGE = re.compile(r"(?:between|from)?\s*([-+]?\d[\d,.]*)\s*(%?)\s*(?:and|to|-|\u2013|\u2014)\s*"
                    r"([-+]?\d[\d,.]*)\s*(%|percent|per cent)?", re.IGNORECASE)


def unreadable(written: str, shape: MeasureShape, why: str = "") -> ExpectationError:
    examples = examples_of(shape)
    hint = f"write it as the article does, e.g. {examples}"
    rng = _RANGE.fullmatch(written.strip())
    digits = words_to_digits(written, shape)
    if digits is not None and _reads(digits, shape):
        hint = f"write the number in digits: expect: {digits}"  # 'four hundred and six percent' on a share
    record = _A_RECORD.fullmatch(written.strip())
    if record and _reads(record["figure"], shape):  # 'a record 218': a count and a record, two claims
        hint = (f"'{written.strip()}' states two figures, each a claim of its own: the figure, expect: "
                f"{record['figure']}, and that it is a record, a second claim with an extreme measure (extreme: "
                f"MEASURE, over: COLUMN, at: X, is: {'lowest' if record['low'] else 'highest'}) and expect: true; "
                "init writes the two so")
    if rng:  # 'between 10% and 20%', '10-20%': a range has its own, explicit form
        percent = "%" if rng[2] or rng[4] else ""
        hint = f"a range is written as an interval: expect: {{between: [{rng[1]}{percent}, {rng[3]}{percent}]}}"
    hint = _direction_with_words(written, shape) or hint
    if _FORECAST.search(written):
        hint = ("a forecast states what has not happened, and no data can show it: check the figures it rests "
                "on (the change so far, the level now) as claims of their own, and keep the forecast in says")
    return ExpectationError(f"expect: cannot read {written!r}{why}", hint=hint)


_FORECAST = re.compile(r"\b(?:(?:expected|forecast|projected|predicted|set|likely|poised|due|on track)\s+to|will|would"
                       r"|is going to|are going to)\b", re.IGNORECASE)
"""'is expected to rise', 'will be cut by 20%', 'is set to double': a change to come, not one that happened."""


_A_RECORD = re.compile(r"(?:an?\s+)?(?:new\s+)?(?:all[\s-]time\s+)?record(?:[\s-]+(?:high|(?P<low>low)))?\s+"
                       r"(?P<figure>\S.*)", re.IGNORECASE)
"""'a record 218', 'a record-high $1.2 million': a figure said to be a record, which no one claim checks."""

_SIZED = {"change_points": "5 points", "change_absolute": "17"}


def _direction_with_words(written: str, shape: MeasureShape) -> str | None:
    """The hint for a direction said with words but no figure ('rose slightly', 'sharply lower'): the
    word alone reads as a change of any size, which would pass a rise of 40% as readily as one of 0.4%,
    so the adverb is not dropped silently; the claims file says what it checks."""
    if not shape.kind.startswith("change_") or any(ch.isdigit() for ch in written):
        return None
    s = normalize(written)
    if any(s == q or s.startswith(q + " ") for q in words.QUALIFIERS):
        return None  # 'more than', 'up to': a bound that lacks its figure, no direction
    tokens = s.split(" ")
    for k in range(len(tokens) - 1, 0, -1):
        for word, extra in ((" ".join(tokens[:k]), tokens[k:]), (" ".join(tokens[-k:]), tokens[:-k])):
            direction = words.BARE_DIRECTIONS.get(word)
            if direction is not None and shape.gap:  # 'slightly higher' of a compare: a gap, not a rise
                side = "higher" if direction == "up" else "lower"
                return (f"'{' '.join(extra)}' gives no figure to check: write '{side}' for a gap of any size with "
                        f"the first figure {'ahead' if direction == 'up' else 'behind'} (keep the article's words "
                        f"in says), or the gap the article gives, e.g. '{_SIZED.get(shape.kind, '11%')} {side}'")
            if direction is not None:
                sized = f"{direction} {_SIZED.get(shape.kind, '11%')}"
                return (f"'{' '.join(extra)}' gives no figure to check: write '{word}' for a "
                        f"{'rise' if direction == 'up' else 'fall'} of any size (the direction alone; keep the "
                        f"article's words in says), or the figure the article gives, e.g. '{sized}'")
    return None


READER: list[Callable[[str, MeasureShape], object]] = []
"""How ``expect:`` is read: the package puts :func:`~factcheck.expectations.parse_expectation` here
when it is imported (this module is imported by the reader, so it cannot import it back)."""


def _reads(written: str, shape: MeasureShape) -> bool:
    """Does ``expect:`` read ``written``? A hint never proposes a form that is refused too ('1 million
    and a quarter' for 'a million and a quarter')."""
    try:
        for read in READER:
            read(written, shape)
    except ExpectationError:
        return False
    return bool(READER)


_FOLD_WORDS = "two|three|four|five|six|seven|eight|nine|ten|twenty|hundred"
"""Numbers a multiple is written with in words: "threefold", "three to one"."""


def normalize(text: str) -> str:
    """Lower case, single spaces, one spelling of percent and points, hyphens in words dropped.

    >>> normalize("  Up 5 Percentage Points ")
    'up 5 points'
    >>> normalize("two-thirds"), normalize("−8 per cent"), normalize("+5pp")
    ('two thirds', '-8%', '+5 points')
    """
    s = _GROUPED_BY_SPACES.sub(lambda m: m[0].translate(_SPACES_TO_COMMAS), text.translate(_MINUS)).lower()
    s = _spelled_numbers(s)
    s = re.sub(r"(?<=\d)-(?=(?:percentage[\s-]*)?points?\b|per\s*cent\b|percent\b)", " ", s)  # "a 6-point lead"
    s = re.sub(r"\bpercentage[\s-]*points?\b|\bpct\.?\s*points?\b|\bpoints?\b", " points ", s)
    s = re.sub(r"(?<=\d)\s*(?:pp|ppts?|pts?)\b", " points ", s)
    s = re.sub(r"\bper\s*cent\b|\bpercent\b|\bpct\b|(?<=\d)\s*pc\b", "%", s)  # '40pc', as British papers write it
    s = _CENTS_OF_A_DOLLAR.sub(r"\g<cents>%", s)  # '31 cents of every dollar': a budget's share, 31%
    s = _PLUS.sub(r"\g<figure>\g<unit> or more", s)  # '7,000-plus', '$2 million-plus', '40-plus years'
    s = re.sub(r"^(?:nearly|almost|virtually|practically) all$", "nearly 100%", s)  # 'almost all': nearly 100%
    s = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", s)
    s = re.sub(r"(?<=\d)\s*-?\s*fold\b", "x", s)
    s = re.sub(rf"\b({_FOLD_WORDS})\s?fold\b", r"\1 times", s)  # "threefold": three times
    s = re.sub(rf"^an? ({_FOLD_WORDS.replace('|hundred', '')}) times (?:increase|rise|jump|gain|surge)$", r"\1 times",
               s.strip())  # "a threefold rise" (not "a hundredfold rise": a hundred times, read as it is)
    s = re.sub(r"(?<=\d)-to-(?=one\b|1\b)", " to ", s)  # "3-to-1", as newspapers hyphenate it
    s = re.sub(rf"^((?:\d+(?:\.\d+)?|{_FOLD_WORDS}) )to (?:one|1)$", r"\1times", s.strip())  # "three to one"
    s = _halves_and_dozens(s)
    s = _money_words(s)
    s = re.sub(r"\s+", " ", s).strip().rstrip(".").strip()
    return re.sub(r"\s+%", "%", s)


_PLUS = re.compile(r"(?P<figure>\d(?:\s?(?:thousand|million|billion|trillion|k|m|bn))?)(?:\s*-?\s*plus|\+)"
                   r"(?P<unit>[\s-](?:(?:year|decade|month|week|day|hour|minute|second)s?|century|centuries|mins?|hrs?|secs?))?$")
"""'7,000-plus', '$2 million-plus', '40-plus years', '7,000+', '40+ years': the figure or more (as '7,000 or
more', '40 years or more'); a '+' before the figure stays a sign ('+5%')."""

_SPELLED_RUN = re.compile(rf"\b(?:{'|'.join(sorted(WORDS, key=len, reverse=True))})(?:[\s-]+(?:{'|'.join(sorted(WORDS, key=len, reverse=True))}))*\b",
                          re.IGNORECASE)
_SPELLED_ENDS = ("and", "a", "an", "point")
"""Words a run of number words may not end with: 'one and a half', 'up one point'."""
_QUARTERS_AFTER = re.compile(r"[\s-]+quarters\b")


_QUALIFIERS_WITH_IN = re.compile(r"\b(?:" + alternatives(q for q in words.QUALIFIERS if re.search(r"\bin\b", q)) + r")\b")
"""'in excess of', 'well in excess of': tolerance words whose 'in' is no fraction's ('three in two')."""


def words_to_digits(written: str, shape: MeasureShape) -> str | None:
    """A wording with counts in words and no digits, with its counts in digits ('nine' → '9', 'more
    than five' → 'more than 5', 'about thirty-seven' → 'about 37'): how ``expect:`` reads a wording
    it cannot read as written. None when there is nothing to turn, when it has digits already, or
    when it is a fraction ('three in two' is one gone wrong, not 3 in 2), and of a share without a
    percent ('one' of a share would be all of it).

    >>> number, share = MeasureShape("number"), MeasureShape("share")
    >>> words_to_digits("more than five", number), words_to_digits("five of 12", number)
    ('more than 5', None)
    >>> words_to_digits("in excess of five", number)
    'in excess of 5'
    >>> words_to_digits("three in two", share), words_to_digits("one", share), words_to_digits("one percent", share)
    (None, None, '1 percent')
    """
    text = written.strip()
    figure = _QUALIFIERS_WITH_IN.sub(" ", " ".join(text.lower().split()))  # not the 'in' of 'in excess of'
    if any(ch.isdigit() for ch in text) or re.search(r"\b(?:in|out of)\b", figure):
        return None
    digits = _spelled_numbers(text, named_only=False)
    if digits == text or shape.kind == "share" and not re.search(r"%|percent", digits):
        return None
    return digits


def _spelled_numbers(s: str, named_only: bool = True) -> str:
    """Numbers in words that name a scale or a decimal point, in digits to the same precision, before
    anything else is read: 'two million five hundred thousand' → '2,500 thousand', 'one point two
    billion' → '1.2 billion' (:mod:`.spelled`). Other words stay ('one in five', 'three times', 'a
    third', 'more than five'), and so do the parts of a scale ('half a million', read as a fraction).
    ``named_only=False`` turns every number in words into digits ('about thirty-seven' → 'about 37'):
    the hint of a wording that cannot be read.

    >>> _spelled_numbers("about one point two billion dollars"), _spelled_numbers("half a million")
    ('about 1.2 billion dollars', 'half a million')
    """
    def digits(m: re.Match[str]) -> str:
        words_ = re.split(r"[\s-]+", m[0].lower())
        start, end = 0, len(words_)
        while start < end and words_[start] == "and":
            start += 1
        while end > start and words_[end - 1] in _SPELLED_ENDS:
            end -= 1
        if end - start > 2 and words_[end - 2:end] == ["and", "three"] and _QUARTERS_AFTER.match(s, m.end()):
            end -= 2  # "two billion and three quarters": the part of a scale, read by _money_words
        head = words_[start:end]
        if not head or (named_only and not set(head) & {*SCALE_WORDS, "point"}):
            return m[0]
        if head[0] in ("a", "an") and re.search(r"\b(?:half|of)\s+$", s[:m.start()]):
            return m[0]  # 'half a million', 'a third of a million': a part of the scale
        spelled = read_spelled(" ".join(head))
        if spelled is None and head[0] in ("a", "an"):  # 'a two million dollar gift'
            start, head = start + 1, head[1:]
            spelled = read_spelled(" ".join(head))
        if spelled is None:
            return m[0]
        return " ".join([*words_[:start], spelled.digits(), *words_[end:]])

    return _SPELLED_RUN.sub(digits, s)


_SCALE_WORDS = "thousand|million|billion|trillion"
_SCALES = frozenset(_SCALE_WORDS.split("|"))
_AND_A_PART_WORDS = "a half|a quarter|three quarters"
"""The parts added to a count of a scale: "1 million and a quarter", "2 and a half million"."""


def _part_of_a_scale(words_: list[str]) -> bool:
    """Do ``words_`` end in a part of a scale ("half a million", "a quarter million"), which is read as
    the fraction it is, with the fraction band (:func:`_read_part_of_scale`), not as digits to round?"""
    return any((spelled := read_spelled(" ".join(words_[-k:]))) is not None and spelled.part is not None
               for k in range(2, min(len(words_), 5) + 1))


_CURRENCY_WORDS = re.compile(rf"\s+{money.WORD}$")


def _money_words(s: str) -> str:
    """Amounts as articles write them in words, as the figures they are: "3 million dollars" → "3
    million", "twenty five million" → "25 million", "one and a half million" and "1 million and a half"
    (a million and a half, as normalized) → "1.5 million", "$2.9-million" → "$2.9 million"; "half a
    million" and "a quarter million" stay, read as a fraction of the scale (:func:`_read_part_of_scale`).

    >>> _money_words("nearly three million dollars"), _money_words("$2.9-million"), _money_words("half a million")
    ('nearly 3 million', '$2.9 million', 'half a million')
    """
    s = _CURRENCY_WORDS.sub("", s)
    s = re.sub(rf"(?<=\d)-(?=(?:{_SCALE_WORDS})\b)", " ", s)
    if " and " in s:  # "2 and a half million", "a million and a quarter" (as normalized): as read_spelled reads them
        s = re.sub(rf"\b\d+ (?:and (?:{_AND_A_PART_WORDS}) (?:{_SCALE_WORDS})|(?:{_SCALE_WORDS}) and (?:{_AND_A_PART_WORDS}))\b(?! dozen)",
                   _count_and_a_part, s)
    tokens = s.split(" ")
    out: list[str] = []
    for token in tokens:  # the number words before a scale, as one number ("twenty five million")
        part = tuple(out[-3:]) in AND_A_PART  # "one and a quarter million", not "a quarter million"
        if token in _SCALES and out and (part or not _part_of_a_scale(out[-4:] + [token])):
            body = out[:-3] if part else out
            start = len(body)
            while start > 0 and body[start - 1] in _COUNT_WORDS:
                start -= 1
            while start < len(body) and body[start] == "and":
                start += 1
            if part:  # read as a whole, to the decimals of its digits: "1.5 million", "1.25 million"
                spelled = read_spelled(" ".join([*body[start:], *out[-3:], token]))
                if spelled is not None:
                    out = [*body[:start], spelled.digits()]
                    continue
            else:
                value = _words_number(body[start:])
                if value is not None:
                    out = body[:start] + [str(value)]
        out.append(token)
    return " ".join(out)


def _count_and_a_part(m: re.Match[str]) -> str:
    spelled = read_spelled(m[0])
    return m[0] if spelled is None else spelled.digits()


_COUNT = rf"(?:\d+|(?:{'|'.join(sorted(WORDS - SCALE_WORDS.keys() - {'point', 'and', 'a', 'an'}, key=len, reverse=True))})(?: (?:and )?(?:{'|'.join(sorted(WORDS - SCALE_WORDS.keys() - {'point', 'and', 'a', 'an'}, key=len, reverse=True))}))*|an?)"
"""A whole count under a thousand, in digits or words, as normalized ('2', 'two', 'twenty five', 'a')."""
_AND_A_HALF_UNIT = re.compile(rf"\b(?P<n>{_COUNT}) and a half ?(?P<unit>%| points\b| times\b)")
_DOZENS = re.compile(rf"\b(?:(?P<a>{_COUNT}) dozen and a half\b(?! dozen)|(?P<b>{_COUNT}) and a half dozen\b"
                     rf"|(?P<half>(?:a )?half(?: a)?) dozen\b|(?P<n>{_COUNT}) dozen\b)")


def _halves_and_dozens(s: str) -> str:
    """'one and a half%' → '1.5%', as the draft reads 'one and a half percent' (not the fraction 1/2), and
    'two and a half times' → '2.5 times', a multiple as '2.5 times' is;
    'two dozen' → '24', 'a half dozen' and 'half a dozen' → '6', 'a dozen and a half' → '18': a
    count of dozens is the number it stands for, as the draft reports it.

    >>> _halves_and_dozens("up two and a half%"), _halves_and_dozens("nearly half a dozen")
    ('up 2.5%', 'nearly 6')
    """
    def half(m: re.Match[str]) -> str:
        n = _whole(m["n"])
        return m[0] if n is None else f"{n}.5{m['unit']}"

    def dozens(m: re.Match[str]) -> str:
        if m["half"]:
            return "6"
        n = _whole(m["a"] or m["b"] or m["n"])
        return m[0] if n is None else str(n * 12 + (6 if m["a"] or m["b"] else 0))

    if "half" in s:
        s = _AND_A_HALF_UNIT.sub(half, s)
    return _DOZENS.sub(dozens, s) if "dozen" in s else s


def _whole(count: str) -> int | None:
    """A count of :data:`_COUNT` as an integer ('2', 'twenty five', 'a' → 1)."""
    return int(count) if count.isdigit() else _words_number(count.split(" "))


_COUNT_WORDS = WORDS - SCALE_WORDS.keys() - {"point"}
"""The words of a count under a thousand ("twenty five", "two hundred and fifty")."""


def _words_number(tokens: list[str]) -> int | None:
    """'twenty five' → 25, 'five hundred' → 500, 'two hundred and fifty' → 250, 'a' → 1, as the draft
    reads them (:func:`.spelled.read_spelled`); None when not a whole number."""
    spelled = read_spelled(" ".join(tokens), loose=True) if tokens else None
    if spelled is None or spelled.value.denominator != 1:
        return None
    return int(spelled.value)


def _strip_prefix(s: str, phrases: Sequence[str]) -> tuple[str | None, str]:
    for phrase in sorted(phrases, key=len, reverse=True):
        if s.startswith(phrase + " "):
            return phrase, s[len(phrase) + 1:]
    return None, s


def _strip_suffix(s: str, phrases: Sequence[str]) -> tuple[str | None, str]:
    for phrase in sorted(phrases, key=len, reverse=True):
        if s.endswith(" " + phrase) or (phrase[0] == "%" and s.endswith(phrase)):
            return phrase, s[: -len(phrase)].rstrip()
    return None, s


# a unit of time, as a duration names it ("45 days", "162 min", "2.7 hrs")
_UNIT_WORD = (r"(?:(?:year|decade|month|week|day|hour|minute|second|quarter)s?|century|centuries"
              r"|mins?|hrs?|secs?|yrs?|wks?)")

_CENTS_OF_A_DOLLAR = re.compile(
    r"(?P<cents>\d{1,2}(?:\.\d+)?)\s*(?:cents?|¢)\s+(?:of|on|out of|in|from)\s+(?:every|each|the|a)\s+dollar"
    r"(?:\s+(?:spent|raised|collected))?\b")
"""A share of money said in cents of a dollar ('31 cents of every dollar', '40 cents on the dollar'):
cents are hundredths, so it is that percentage, at the precision it is written."""

# "12 more cases than in 2019", "8 fewer", "a third more people than": an absolute (or relative)
# difference written before a comparative; the figure is a number or a fraction in words
_COMPARATIVE = re.compile(
    r"(?P<fig>[^ ]*\d[^ ]*(?: (?:points|thousand|million|billion|" + _UNIT_WORD + r"))?"
    r"|(?:a|an|one|two|three|four) [a-z]+)"
    r" (?P<word>more|fewer|less|higher|lower|larger|smaller|bigger|longer|shorter|ahead|behind)"
    r"(?: (?:[a-z]+ ){0,2}than(?: .+)?| of .+| [a-z]+)?")
_UP_COMPARATIVES = ("more", "higher", "larger", "bigger", "longer", "ahead")
_ARTICLE_FIGURE = re.compile(r"an? (?=[+-]?[\d.])")


def split_direction(s: str) -> tuple[Direction | None, str]:
    """'rose by 11%' → ('up', '11%'); '51% fewer' → ('down', '51%'); 'an 11% increase' → ('up', '11%');
    the verbs in every tense: 'has risen 5%' → ('up', '5%') (:data:`~.vocabulary.SIZED_DIRECTIONS`).

    >>> split_direction("12 more cases than in 2019"), split_direction("a 51% decline")
    (('up', '12'), ('down', '51%'))
    >>> split_direction("has fallen by a third"), split_direction("is rising 5%")
    (('down', 'a third'), ('up', '5%'))
    """
    if s in words.MULTIPLES:
        return None, s  # 'was cut in half', 'has been doubled': a multiple, read whole, not 'was cut' + 'in half'
    if not s.startswith("up to "):
        tokens = s.split(" ")  # the longest words of a direction that open it ('has been rising', 'rose')
        for k in range(min(words.SIZED_DIRECTION_WORDS, len(tokens) - 1), 0, -1):
            way = words.SIZED_DIRECTIONS.get(" ".join(tokens[:k]))
            if way is not None:
                return way, " ".join(tokens[k:]).removeprefix("by ")
    m = _COMPARATIVE.fullmatch(s)
    if m and m.end("word") < len(s):
        return ("up" if m["word"] in _UP_COMPARATIVES else "down"), m["fig"]
    for suffixes, direction in ((words.UP_SUFFIXES, "up"), (words.DOWN_SUFFIXES, "down")):
        found, rest = _strip_suffix(s, suffixes)
        if found and not re.search(r"\bor$", rest):
            if found in words.CHANGE_NOUNS:
                rest = _ARTICLE_FIGURE.sub("", rest, count=1)
            return direction, rest  # type: ignore[return-value]
    return None, s


# A margin: the size of a gap with the side it is on ("leads by 6 points", "won by 12 points", "a margin of
# 6 points", "a 6-point lead", "trails by 3 points"). The one that leads, wins or has the lead is ahead,
# the first figure of a compare above the second; the one that trails, lags or loses is behind.
_AHEAD_VERBS = ("leads|leading|lead|led|wins|win|winning|won|beat|beats|beating|tops|topped|edged|edges|"
                "outpolled|outpolls|is ahead|was ahead|are ahead|were ahead|ahead")
_BEHIND_VERBS = ("trails|trail|trailing|trailed|lags|lag|lagging|lagged|loses|lose|losing|lost|is behind|"
                 "was behind|are behind|were behind|behind")
_MARGIN_VERB = re.compile(rf"(?:(?:is|are|was|were|has|have|had|has been|have been|had been) )?"
                          rf"(?:(?P<ahead>{_AHEAD_VERBS})|(?P<behind>{_BEHIND_VERBS}))(?: [a-z']+){{0,3}}? by (?P<size>.+)")
_AHEAD_NOUNS = "lead|margin|winning margin|margin of victory|edge|advantage"
_MARGIN_OF = re.compile(rf"(?:an? |the |its |his |her |their )?(?:(?P<ahead>{_AHEAD_NOUNS})|(?P<behind>deficit)) of (?P<size>.+)")
_MARGIN_NOUN = re.compile(rf"(?:an? |the |its |his |her |their )?(?P<size>.*\d.*?) (?:(?P<ahead>{_AHEAD_NOUNS}|win|victory)"
                          r"|(?P<behind>deficit))")
_COUNTED = re.compile(rf"(?P<size>.*\d[\d,.]*%?(?: (?:thousand|million|billion))?) (?!points\b|{_UNIT_WORD}\b)[a-z]+")
"""'1,200 votes', '3 seats': the size of a margin and what it counts, which the measure says already."""


def split_margin(s: str) -> tuple[Direction, str] | None:
    """A margin as the direction of a gap and its size, or None: 'leads by 6 points' → ('up', '6 points'),
    'a 6 points lead' (as normalized) → ('up', '6 points'), 'trails by nearly 3 points' → ('down',
    'nearly 3 points'), 'won by 1,200 votes' → ('up', '1,200'), 'won by a margin of 6 points' → ('up',
    '6 points').

    >>> split_margin("leads by 6 points"), split_margin("a 6 points lead"), split_margin("trails by nearly 3 points")
    (('up', '6 points'), ('up', '6 points'), ('down', 'nearly 3 points'))
    >>> split_margin("won by a margin of 6 points"), split_margin("won by 1,200 votes"), split_margin("up 6 points")
    (('up', '6 points'), ('up', '1,200'), None)
    """
    m = _MARGIN_VERB.fullmatch(s) or _MARGIN_OF.fullmatch(s) or _MARGIN_NOUN.fullmatch(s)
    if m is None:
        return None
    way: Direction = "up" if m["ahead"] else "down"
    size = m["size"]
    inner = _MARGIN_OF.fullmatch(size) or _MARGIN_NOUN.fullmatch(size)  # 'won by a margin of 6 points'
    if inner is not None and m.re is _MARGIN_VERB:
        if (inner["behind"] is not None) != (way == "down"):
            return None  # 'won by a deficit of': no margin said one way
        size = inner["size"]
    counted = _COUNTED.fullmatch(size)
    return way, counted["size"] if counted else size


OR_SUFFIXES = {"or more": ("above", True), "or higher": ("above", True), "or above": ("above", True),
                "or less": ("below", True), "or fewer": ("below", True), "or lower": ("below", True)}


def split_qualifier(s: str) -> tuple[str | None, str]:
    """'nearly 60%' → ('nearly', '60%'); '2,000 or more' → ('or more', '2,000'); a tolerance word after
    the auxiliary of a verb's tense: 'has nearly doubled' → ('nearly', 'has doubled'), 'was more than
    halved' → ('more than', 'was halved')."""
    found, rest = _strip_prefix(s, list(words.QUALIFIERS))
    if found:
        return found, rest
    aux, after = _strip_prefix(s, words.AUXILIARIES)
    if aux:
        found, rest = _strip_prefix(after, list(words.QUALIFIERS))
        verb = f"{aux} {rest}"
        if found and (verb in words.MULTIPLES or verb in words.BARE_DIRECTIONS or split_direction(verb)[0]):
            return found, verb
    found, rest = _strip_suffix(s, list(OR_SUFFIXES))
    return found, rest


@dataclass(frozen=True)
class Figure:
    """A figure as written: its magnitude (0.59 for "59%") and the band that reads as it."""

    value: Fraction
    band: Interval
    unit: Literal["percent", "points", "plain", "fraction", "ratio", "fall"]
    text: str
    sign: int = 0
    direction: Direction | None = None
    rounded: bool = True
    time_unit: str | None = None  # a duration's ('45 days': 'day'; see :mod:`.durations`)


_NUM = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+"
# an amount of money as the draft finder reads one (factcheck.draft.phrases): the sign, then the
# currency ('-$200', 'us$5', '£2bn'; the wording is read in lower case), the amount in the
# currency's own unit
_CURRENCY = rf"(?:(?P<csign>[+-])?(?P<cur>(?i:{money.SIGN})))?"
_FIGURE = re.compile(rf"{_CURRENCY}(?P<num>{_NUM})"
                     rf"(?: ?(?P<scale>{alternatives(SCALES)})|(?P<abbr>{alternatives(ABBREVIATED_SCALES)}))?"
                     rf"(?: ?(?P<unit>%|points|x|times))?")


def read_number(t: str) -> Figure | None:
    """'59%' → 0.59 with band [0.585, 0.595); '5,076' → 5076 with band [5075.5, 5076.5); an amount
    of money is its number ('$3,324' → 3324, '£2.5bn' → 2,500,000,000 ± 50,000,000).

    >>> read_number("$3,324").band.describe(str), read_number("-€1.2m").value
    ('6647/2 ≤ x < 6649/2', Fraction(1200000, 1))
    """
    m = _FIGURE.fullmatch(t)
    if not m or (m["cur"] and (m["unit"] or m["num"][0] in "+-")):
        return None  # '$5%' is no figure, and the sign of an amount goes before its currency
    signed, places = parse_decimal(m["num"])
    if m["csign"] == "-":
        signed = -signed
    scale = SCALES.get(m["scale"] or "", 1) * ABBREVIATED_SCALES.get(m["abbr"] or "", 1)
    half = Fraction(1, 2 * 10**places) * scale
    value = abs(signed) * scale
    unit = {"%": "percent", "points": "points", "x": "ratio", "times": "ratio"}.get(m["unit"] or "", "plain")
    if unit in ("percent", "points"):
        value, half = value / 100, half / 100
    sign = -1 if signed < 0 else (1 if (m["csign"] or m["num"]).startswith("+") else 0)
    text = t.lstrip("+-") if sign else t
    if m["cur"] and len(m["cur"]) > 1:  # the wording is read in lower case: 'US$5 million', as written
        text = text.replace(m["cur"], m["cur"].upper(), 1)
    return Figure(value, Interval(value - half, value + half, True, False), unit, text, sign)  # type: ignore[arg-type]


_WORDS_COUNT = r"[a-z]+(?: [a-z]+)*"
"""A count in words, of any length ("thirteen", "forty five", "two hundred and fifty"), read by read_spelled."""
_DURATION = re.compile(rf"(?P<num>{_NUM}|{_WORDS_COUNT})[ -](?P<unit>{_UNIT_WORD})(?:[ -]old)?")
# "2 hours 42 minutes", "1 hour and 53 minutes", "3 years, 2 months": a larger unit, then a smaller
_COMPOUND = re.compile(rf"(?P<a>{_NUM}|{_WORDS_COUNT}) (?P<ua>{_UNIT_WORD}),?(?: and)? (?P<b>{_NUM}|{_WORDS_COUNT}) (?P<ub>{_UNIT_WORD})")
# "two and a half hours", "an hour and a half", "half an hour"
_AND_A_HALF = re.compile(rf"(?:(?P<cq>(?:a |one )?quarter|three quarters|(?:a )?half)(?: of)?(?: a)? century"
                         rf"|(?P<a>{_NUM}|{_WORDS_COUNT}) and a half (?P<ua>{_UNIT_WORD})"
                         rf"|(?P<c>{_NUM}|{_WORDS_COUNT}) (?P<uc>{_UNIT_WORD}) and a half|half an? (?P<ud>{_UNIT_WORD})"
                         rf"|(?P<q>a quarter|three quarters) of an? (?P<uq>hour|day|year))")
PART_OF_A_CENTURY = {"quarter": Fraction(1, 4), "quarters": Fraction(3, 4), "half": Fraction(1, 2)}
"""The part a duration of "a quarter-century", "three quarters of a century", "half a century" is of a
hundred years (the draft reads them too, :mod:`factcheck.draft.phrases`)."""


def read_duration(t: str) -> Figure | None:
    """'45 days', '12 years', 'five years', '25-year-old': the number, with its unit.

    The unit is kept in the figure's text ('rounds to 45 days') and in ``time_unit``: when the
    measure's values are in another unit (``unit: minutes``, a column ``wait_minutes``), the
    figure is converted into it (:func:`~factcheck.expectations.composing.read_text`).

    >>> read_duration("45 days").band.describe(str)
    '89/2 ≤ x < 91/2'
    >>> read_duration("25-year-old").value, read_duration("five years").value
    (Fraction(25, 1), Fraction(5, 1))
    """
    compound = _read_compound(t)
    if compound is not None:
        return compound
    m = _DURATION.fullmatch(t)
    if not m:
        return None
    if m["num"] in ("a", "an") and durations.unit_of(m["unit"]) not in _ONE_OF:
        return None  # "a quarter" is a fraction, "a decade" a stretch of time: not "an hour"
    if durations.unit_of(m["unit"]) == "quarter" and not m["num"][0].isdigit():
        return None  # "three quarters" is a fraction (75%); "3 quarters" a stretch of time
    figure = read_number(m["num"]) if m["num"][0] in "+-.0123456789" else _amount(m["num"])
    if figure is None or figure.unit != "plain":
        return None
    return Figure(figure.value, figure.band, "plain", t.lstrip("+-") if figure.sign else t, figure.sign,
                  time_unit=durations.unit_of(m["unit"]))


_ONE_OF = ("second", "minute", "hour", "day", "week")
"""Units that "a" or "an" counts one of ("an hour shorter", "a day longer")."""


def _amount(text: str) -> Figure | None:
    """A duration's number, in digits or words ('42', 'two', 'an'), as a plain figure."""
    if text[0] in "+-.0123456789":
        figure = read_number(text)
        return figure if figure is not None and figure.unit == "plain" and not figure.sign else None
    if text in ("a", "an"):
        return Figure(Fraction(1), Interval(Fraction(1, 2), Fraction(3, 2), True, False), "plain", "1")
    count = spelled_count(text)
    return None if count is None else read_number(count)


def spelled_count(text: str) -> str | None:
    """A count in words as its digits, to the precision it is said to ('thirteen' → '13', 'forty five'
    → '45', 'two hundred' → '200', 'two million' → '2 million'), read by
    :func:`~factcheck.expectations.spelled.read_spelled` as every number in words is; None when the
    words are no whole count ('a', 'half a million', 'two five')."""
    spelled = read_spelled(text)
    if spelled is None or spelled.part is not None or spelled.places or spelled.value.denominator != 1:
        return None
    return spelled.digits()


def _read_compound(t: str) -> Figure | None:
    """'2 hours 42 minutes' → 162 in minutes, read to the minute (161.5 ≤ x < 162.5); 'two and a half
    hours', 'an hour and a half', 'half an hour' → 2.5, 1.5 and 0.5 hours, read to the tenth as '2.5
    hours' is.

    >>> _read_compound("2 hours 42 minutes").band.describe(str), _read_compound("an hour and a half").value
    ('323/2 ≤ x < 325/2', Fraction(3, 2))
    """
    m = _COMPOUND.fullmatch(t)
    if m:
        big, small = durations.unit_of(m["ua"]), durations.unit_of(m["ub"])
        a, b = _amount(m["a"]), _amount(m["b"])
        k = durations.factor(big, small) if big and small else None
        if a is not None and b is not None and k is not None and k > 1 and a.value.denominator == 1:
            whole = a.value * k
            return Figure(whole + b.value, b.band.map(Fraction(1), whole), "plain", t, time_unit=small)
    m = _AND_A_HALF.fullmatch(t)
    if m and m["cq"]:  # "a quarter-century": 25 years, read to the tenth of a century (20 to 30), as a quarter of an hour is
        value = PART_OF_A_CENTURY[m["cq"].split()[-1]] * 100
        return Figure(value, Interval(value - 5, value + 5, True, False), "plain", t, time_unit="year")
    if m and m["q"]:  # "a quarter of an hour", "three quarters of an hour": read to the tenth, as half an hour
        value, u = Fraction(3 if m["q"].startswith("three") else 1, 4), durations.unit_of(m["uq"])
        half = Fraction(1, 20)
        return Figure(value, Interval(value - half, value + half, True, False), "plain", t, time_unit=u)
    if m:
        n, unit = (m["a"], m["ua"]) if m["a"] else (m["c"], m["uc"]) if m["c"] else ("0", m["ud"])
        a, u = _amount(n), durations.unit_of(unit)
        if a is None or u is None or a.value.denominator != 1:
            return None
        value = a.value + Fraction(1, 2)
        half = Fraction(1, 20)
        return Figure(value, Interval(value - half, value + half, True, False), "plain", t, time_unit=u)
    return None


def _count(word: str) -> int | None:
    """A count in a fraction's words: '5', '1,000', 'five', 'a thousand', 'a million' (the draft
    reports "one in a thousand" and "one in 1,000" as fractions, and init writes them so)."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", word):
        word = word.replace(",", "")
    if word.isdigit():
        return int(word) if len(word) < 13 else None
    scaled = re.fullmatch(r"(\d{1,3}) (thousand|million|billion)", word)  # "a thousand", as normalized
    if scaled:
        return int(scaled[1]) * SCALES[scaled[2]]
    if word in ("a", "an"):  # "a third", "one in a thousand"
        return 1
    spelled = read_spelled(word)
    return int(spelled.value) if spelled is not None and spelled.part is None and spelled.value.denominator == 1 else None


def _read_part_of_scale(t: str, vocab: Vocabulary) -> Figure | None:
    """'half a million', 'a quarter of a million' → 500,000 and
    250,000 with the band of the fraction in words, as "half" and "a quarter" have: 475,000 to
    525,000 and 237,500 to 262,500, the same width for every part."""
    spelled = read_spelled(t) if t.endswith(tuple(_SCALES)) else None
    if spelled is None or spelled.part is None:
        return None
    value = spelled.value
    k = vocab.fraction
    return Figure(value, Interval(value * (1 - k), value * (1 + k), True, True), "plain", t, rounded=False)


_OF_TEN = re.compile(r"(.+?) of (10|ten)")
"""'9 of 10', 'nine of ten': a share said as a part of ten, read as '9 in 10' is; a count of any other
whole ('31 of 48 precincts') states two counts, not a share."""


def _read_fraction(t: str, vocab: Vocabulary) -> Figure | None:
    """'one in five', 'one of every five', 'a third', 'two thirds', 'half' → the fraction, with the
    fraction band."""
    if t in ("half", "a half", "one half"):
        value = Fraction(1, 2)
    else:
        t = re.sub(r"-in-|\bin-|-in\b", " in ", t).replace("  ", " ")  # "one-in-a-million", as normalized
        m = (re.fullmatch(r"(.+?) (?:in|out of|of every) (?:every )?(.+)", t)  # "one of every four" too
             or _OF_TEN.fullmatch(t)  # "9 of 10": of ten alone, as a share is said ("31 of 48" counts)
             or re.fullmatch(r"(.+) (\w+)", t))
        if not m:
            return None
        top = _count(m[1])
        bottom = (_count(m[2]) if " in " in t or " out of " in t or " of every " in t or m.re is _OF_TEN
                  else words.PART_WORDS.get(m[2]))
        if not top or not bottom or top > bottom:
            return None
        value = Fraction(top, bottom)
    k = vocab.fraction
    return Figure(value, Interval(value * (1 - k), value * (1 + k), True, True), "fraction", t,
                   rounded=False)


def _read_multiple(t: str, vocab: Vocabulary) -> Figure | None:
    """'doubled' → a ratio of 2 in [1.95, 2.05); 'halved' → a fall of one half, ratio in [0.45, 0.55)."""
    if t not in words.MULTIPLES:
        return None
    value, direction = words.MULTIPLES[t]
    t_ = vocab.multiple
    if direction == "down":
        band = Interval(1 - value - t_, 1 - value + t_, False, True)
        return Figure(1 - value, band, "fall", t, direction="down", rounded=False)
    band = Interval(value - t_, value + t_, True, False)
    return Figure(value, band, "ratio", t, direction="up", rounded=False)


_TIMES_WORDS: dict[str, int] = {"twice": 2, "thrice": 3}


def _read_times(t: str, vocab: Vocabulary) -> Figure | None:
    """'twice', 'three times' → a ratio of 2, 3 read like 'doubled', 'tripled' (± the multiple band).

    A whole multiple below ten in digits ('3 times', '3x') is the same number as in words, which
    style guides spell out below ten, and reads the same: '3 times as much' passed at 2.6×, where
    'three times as much' failed. A larger one ('17 times') is read by :func:`read_number`: it
    rounds as written.
    """
    m = re.fullmatch(r"([a-z]+(?: [a-z]+)*|\d+) times|([2-9])x", t)
    digit = (m[2] or (m[1] if len(m[1] or "") == 1 and m[1] in "23456789" else None)) if m else None
    words_ = spelled_count(m[1]) if m and m[1] and not m[1].isdigit() else None
    count = _TIMES_WORDS.get(t) or (int(digit) if digit else
                                    int(words_) if words_ is not None and words_.isdigit() else None)
    if not count or count < 2:
        return None
    value, k = Fraction(count), vocab.multiple
    return Figure(value, Interval(value - k, value + k, True, False), "ratio", t, direction="up",
                  rounded=False)


def _as_ratio(figure: Figure) -> Figure | None:
    """'half as many' / 'a third as much': a fraction read as the ratio of new to old."""
    if figure.unit == "ratio":
        return figure
    if figure.unit != "fraction" or figure.value >= 1:
        return None
    return Figure(figure.value, figure.band, "ratio", figure.text, direction="down", rounded=False)


def read_figure(t: str, written: str, shape: MeasureShape, vocab: Vocabulary) -> Figure:
    """The figure of a wording: a number, a fraction in words, a multiple ('doubled', 'three times').

    >>> read_figure("three times as many", "", MeasureShape("change_ratio"), words.DEFAULT).band.describe(str)
    '59/20 ≤ x < 61/20'
    """
    as_many, t = _strip_suffix(t, words.AS_MANY)
    figure = (_read_part_of_scale(t, vocab) or _read_times(t, vocab) or read_number(t) or read_duration(t) or _read_fraction(t, vocab)
              or _read_multiple(t, vocab))
    if figure is not None and as_many:
        figure = _as_ratio(figure)
    if figure is None:
        raise unreadable(written, shape)
    return figure


def apply_qualifier(figure: Figure, qualifier: str | None,
                     vocab: Vocabulary) -> tuple[Interval, Side | None]:
    """The band of magnitudes the wording allows, and which miss is a crossed qualifier.

    >>> from .vocabulary import DEFAULT
    >>> f = read_number("60%")
    >>> apply_qualifier(f, "nearly", DEFAULT)[0].describe(str)
    '57/100 ≤ x < 3/5'
    """
    band, closed = words.QUALIFIERS.get(qualifier or "", OR_SUFFIXES.get(qualifier or "", ("exact", True)))
    v = figure.value
    if band == "above":
        return Interval(v, None, closed, False), "any"
    if band == "below":
        return Interval(None, v, False, closed), "any"
    if band == "nearly":
        return Interval(v * (1 - vocab.nearly), v, True, False), "high"
    if band == "just_over":
        return Interval(v, v * (1 + vocab.nearly), False, True), "low"
    if band == "well_over":
        return Interval(v * (1 + vocab.nearly), None, False, False), "low"
    if band == "well_under":
        return Interval(None, v * (1 - vocab.nearly), False, False), "high"
    if band == "about":
        b = figure.band
        low = min(v * (1 - vocab.about), b.low if b.low is not None else v)
        high = max(v * (1 + vocab.about), b.high if b.high is not None else v)
        return Interval(low, high, True, True), None
    return figure.band, None
