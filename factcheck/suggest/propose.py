"""One claim's candidates: which families its expectation calls for, searched on every table, ranked.

Ranking: how well the candidate's table, columns, values and labels match the words of
the sentence (and, less, of the claim's id and note), then simplicity (fewer
conditions), then the measure's text, so that the order is stable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any, Callable, Sequence

from ..draft.coverage import is_true_or_false
from ..draft.phrases import (
    AGAINST_ALL_OTHERS,
    CLAUSE_BREAK,
    FALL_VERBS,
    RANKING_WORDS,
    RISE_VERBS,
    extreme_end,
    extreme_rank,
    opens_clause,
    unbounded,
    value_end,
)
from ..expectations import ExpectationError, MeasureShape, parse_expectation
from ..money import currency_after, is_money
from .search import Context, Found, Search
from .space import Periods, ident, period_atoms
from .thresholds import stated_key, stated_keys, thresholds_said
from .words import combos, stopword, words

if TYPE_CHECKING:
    from ..claims import Claim, LoadedClaims
    from ..draft.figures import Sentence
    from ..expectations import Expectation
    from . import Surroundings
    from .profile import Profile
    from .search import Table

Tables = dict[str, "Table"]
_LOW = re.compile(r"\b(fewest|lowest|least|smallest|shortest|quietest|low|fell|fall|drop)\b", re.I)
_HIGH = re.compile(r"\b(most|highest|largest|longest|busiest|record|high|peak|biggest)\b", re.I)
_EVERY = re.compile(r"\b(every|each) year\b", re.I)


def _read(raw: Any, kind: str, loaded: LoadedClaims, time_unit: str | None = None,
          column: str = "") -> Expectation | None:
    """The expectation read for a family of measures (of a column whose values are in ``time_unit``)."""
    from ..engine import vocabulary_of
    shape = MeasureShape(kind, time_unit=time_unit, time_from=f"the unit of {column}")  # type: ignore[arg-type]
    try:
        return parse_expectation(raw, shape, vocabulary_of(loaded, []))
    except (ExpectationError, TypeError, ValueError):
        return None


def families(raw: Any, loaded: LoadedClaims) -> dict[str, Expectation]:
    """The families of measures an expectation calls for, each with the expectation read for it."""
    if raw is None:
        return {}
    if isinstance(raw, bool):
        exp = _read(raw, "boolean", loaded)
        return {"extreme": exp} if exp else {}
    if isinstance(raw, (list, tuple)) or (isinstance(raw, dict) and "values" in raw):
        exp = _read(raw, "values", loaded)
        return {"top": exp} if exp else {}
    out: dict[str, Expectation] = {}
    for kind in ("change_percent", "change_points"):
        exp = _read(raw, kind, loaded)
        if exp is not None and exp.direction is not None:
            out[kind] = exp
    if out:
        return out
    exp = _read(raw, "change_absolute", loaded)  # "up 392", "392 more": neither a percentage nor points
    if exp is not None and exp.direction is not None:
        return {"change_absolute": exp}
    share = _read(raw, "share", loaded)
    if share is not None:
        out["share"] = share
        return out
    number = _read(raw, "number", loaded)
    if number is not None:
        out["number"] = number
    return out


_TIMES = re.compile(r"\b(?:twice|thrice|times)\b|\d\s*x\b", re.I)
# "half as many filings as", "half the Bronx's rate", "half that of": a half of another figure, not of a whole
_HALF_OF = re.compile(r"\bhalf\s+(?:as\s+(?:[a-z]+\s+){1,3}?as\b|that\s+of\b|(?:the|its|their)\s+(?:[\w'\u2019-]+\s+){0,3}?"
                      r"(?:rate|level|number|share|average|median|amount|total|count)s?\b|\w[\w.\-]*['\u2019]s\b)", re.I)


def multiple(raw: Any, loaded: LoadedClaims, says: str = "") -> Expectation | None:
    """The expectation read as a ratio of two figures, when it is a multiple ("more than twice",
    "three times as many", "2.5x", a "half" the sentence says of another figure: "half as many
    filings as Queens"): one group's figure against another's, or the whole's. Not "doubled" or
    "halved", which say a figure changed over time."""
    if not isinstance(raw, str) or not (_TIMES.search(raw) or (re.search(r"\bhalf\b", raw, re.I)
                                                                and _HALF_OF.search(says))):
        return None
    return _read(raw, "change_ratio", loaded)


# "an eight-year low", "the highest in (at least) six years", "the fewest in a decade": since so many years before
_LOW_SINCE = re.compile(rf"\b(\w+)[- ]year (?:low|high)\b|\b(?:{'|'.join(sorted(RANKING_WORDS))})\s+in\s+"
                        r"(?:at\s+least\s+|more\s+than\s+|over\s+|nearly\s+|almost\s+)?(\w+)\s+(years|decades?)\b", re.I)
# "across all twenty years", "over the whole period"; not "In all, the city paid …", which says "in total"
_WHOLE = re.compile(r"\b(?:across|over|in|during) (?:all|the whole|the entire)\b(?!,)|\ball (?:\w+ )?(?:years|decades)\b",
                    re.I)
_RISEN = re.compile(rf"\b(?:{RISE_VERBS}|gone up|went up|lengthen(?:ed|s|ing)?|(?:edg|inch|tick|creep|crept)\w*\s+up)\b",
                    re.I)
_FALLEN = re.compile(rf"\b(?:{FALL_VERBS}|gone down|went down|shorten(?:ed|s|ing)?|(?:edg|inch|tick)\w*\s+down)\b",
                     re.I)
_IN_TIME = re.compile(r"\b(?:on record|ever|all[- ]time|in (?:\w+ )?(?:years|decades)|since|year|month|week)\b", re.I)
_OVERTOOK = re.compile(r"\b(?:overt(?:ook|aken|akes|aking|ake)|surpass(?:ed|es|ing)?)\b", re.I)
_MIDDLE = re.compile(r"\b(?:median|average|mean)\b", re.I)
_OF_ALL = re.compile(r"\b(?:of|among|out of)\s+all\b", re.I)
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
           "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20}


MAX_TOP_N = 100   # the largest top a share of a total is searched for ("the top 10 earners"): values read per cell
_SAID_COUNT = r"\d{1,3}|" + "|".join(_COUNTS)
# "the top 10 earners", "the 10 highest-paid officers", "the five largest donors"; not "the top 10%" (a
# share of the rows, `in_top`), nor "top 10 percent"
_TOP_N = re.compile(rf"\btop\s+(?P<a>{_SAID_COUNT})\b(?![.,]?\d|\s*(?:%|percent\b|per\s*cent\b))"
                    rf"|\b(?P<b>{_SAID_COUNT})\s+(?:highest|best|largest|biggest|most)[- ]\w", re.I)


def top_n_of(says: str) -> int | None:
    """How many rows a sentence's top is, when it names one ("The top 10 earners took home 17% of all
    overtime": 10), from 2 to :data:`MAX_TOP_N`; None otherwise.

    >>> top_n_of("The top 10 earners took home 17% of all overtime."), top_n_of("the five largest donors gave")
    (10, 5)
    >>> top_n_of("The top 10% of earners took home a third.") is None
    True
    """
    m = _TOP_N.search(says)
    if m is None:
        return None
    said = (m["a"] or m["b"]).lower()
    n = int(said) if said.isdigit() else _COUNTS[said]
    return n if 2 <= n <= MAX_TOP_N else None


def size_of_a_top(says: str, expect: object) -> int | None:
    """The N of "the top N" when ``expect`` is that N and the sentence states another figure of the top
    ("The top *five* vendors received nearly two-thirds of the money": 5): how many the top holds, which
    the other figure's claim takes (``top_share: …, top_n: 5``) and covers, no count of anything. None
    otherwise.

    >>> size_of_a_top("The top five vendors received nearly two-thirds of the money.", "5")
    5
    >>> size_of_a_top("The top five vendors were all from Springfield.", "5") is None
    True
    """
    from ..draft.figures import find_figures
    n = top_n_of(says)
    span = figure_span(says, expect)
    m = _TOP_N.search(says)
    if n is None or span is None or m is None or not (m.start() <= span[0] < m.end()) or str(expect).strip() != str(n):
        return None
    others = [f for s in find_figures(says) for f in s.figures
              if f.kind != "extreme" and not (m.start() <= f.start < m.end())]
    return n if others else None


def top_read(says: str, raw: Any, loaded: LoadedClaims) -> int | None:
    """The top a claim's figure is of, when the search reads its largest values: a share of a total
    ("The top 10 earners took home 17%") or an amount ("the 10 highest-paid officers took home $1.4
    million"); None for any other figure, or a sentence naming no top."""
    n = top_n_of(says)
    if n is None:
        return None
    found = families(raw, loaded)
    number = found.get("number")
    return n if "share" in found or (number is not None and _money(says, number.written)) else None


def periods_of(says: str, default: int | None, earlier: str = "", end: int | None = None) -> Periods:
    """The periods the sentence names; when it names none, those of ``earlier`` (the nearest
    sentence before it, in its section, that names a year). ``end``: the year a "since" runs to when
    the article has no year of its own (``default`` None), the data's latest."""
    from ..draft.figures import find_figures
    ps = [p for s in find_figures(says) for p in s.periods if p.year is not None]
    inherited = False
    if not ps and earlier and not _WHOLE.search(says):
        from . import BASES  # a year named to compare with is not inherited
        ps = [p for s in find_figures(earlier) for p in s.periods if p.year is not None and p.relation not in BASES]
        inherited = bool(ps)
    since = next((p.year for p in ps if p.relation == "since"), None)
    low = _LOW_SINCE.search(says)
    if since is None and low and default is not None:
        said = (low.group(1) or low.group(2)).lower()
        n = 1 if said in ("a", "an") else _COUNTS.get(said) or (int(said) if said.isdigit() else None)
        n = n * 10 if n and (low.group(3) or "").lower().startswith("decade") else n
        since = default - n if n else None   # "an eight-year low": the fewest since eight years before
    years = tuple(dict.fromkeys(p.year for p in ps if p.relation != "since" and p.year is not None))
    if not years and default is None and end is not None and _LAST_YEAR.search(says):
        years, inherited = (end,), False  # "Last year's $137.7 million", in a story of 2015 to 2024: 2024
    stated = tuple((p.year, p.end_year) for p in ps if p.year is not None and p.end_year is not None)
    spans = stated
    end = default if default is not None else end
    if since is not None and end is not None and since < end:
        spans += ((since, end),)
    back = _years_back(says)
    to = years[0] if len(years) == 1 else default
    if back and to is not None:  # "up 80% from four years earlier": from four years before the sentence's year
        spans += ((to - back, to),)
    from ..measures._values import year_label
    labelled = tuple(p.year for p in ps if p.year in years and year_label(p.text) is not None)
    return Periods(years, since, spans, default, bool(_EVERY.search(says)), stated, inherited, labelled, end)


_LAST_YEAR = re.compile(r"\b(?:last|this|the\s+latest|the\s+most\s+recent)\s+year\b", re.I)


_YEARS_BACK = re.compile(r"\b(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
                         r"(?P<unit>years?|decades?)\s+(?:earlier|before|ago|prior)\b", re.I)


def _years_back(says: str) -> int | None:
    """How many years back a change's base is when the sentence counts them: "up 80% from four
    years earlier" (4), "two decades ago" (20); None when it does not.

    >>> _years_back("Rejected ballots rose 80% from four years earlier."), _years_back("up 9% from 2023")
    (4, None)
    """
    m = _YEARS_BACK.search(says)
    if m is None:
        return None
    n = m["n"].lower()
    count = 1 if n in ("a", "an", "one") else int(n) if n.isdigit() else _COUNTS[n]
    return count * (10 if m["unit"].lower().startswith("decade") else 1)


# a few words after the figure (none of them a number: "10% in 2020, the year before …" is of 2020; nor
# a word that makes the phrase a change's base: "up 11% on the year before") say it is from so many
# years before the sentence's own; "the year before" only as the clause's end
_EARLIER = re.compile(r"\W*(?:(?!(?:on|from|than|over|against|since|with|to)\b)[^\W\d]+\W+){0,3}?"
                      r"(?:(?P<n>a|one|\d+|" + "|".join(_COUNTS) + r")\s+(?P<unit>years?|decades?)"
                      r"\s+(?:earlier|before|previously)|the\s+(?:year\s+before|(?:previous|prior|preceding)\s+year))"
                      r"(?![\w\s]*\w)", re.I)


def _figure_at(says: str, expect: object) -> int:
    """Where the figure ``expect`` states starts in the sentence; -1 when it is not found there."""
    span = figure_span(says, expect)
    return -1 if span is None else span[0]


def figure_span(says: str, expect: object) -> tuple[int, int] | None:
    """Where the figure ``expect`` states starts and ends in the sentence: as ``expect`` writes it,
    or as the sentence writes the same number in words ("the six counties", ``expect: 6``, as
    `init` writes it). None for a true/false, or a figure the sentence does not hold once."""
    if isinstance(expect, bool) or not isinstance(expect, (str, int, float)):
        return None
    return _span_of(says, expect)


@lru_cache(maxsize=4096)
def _span_of(says: str, expect: str | int | float) -> tuple[int, int] | None:
    """:func:`figure_span`, once for each sentence and figure (a claim's context asks it often)."""
    written = expect.strip() if isinstance(expect, str) else f"{expect:,}" if isinstance(expect, int) else str(expect)
    if not written:
        return None
    # as written, and not inside a longer number ("12" of "rose to 12.7 from 12" is the last)
    if (m := re.search(rf"(?<![\d.,]){re.escape(written)}(?!\d|[.,]\d)", says)) is not None:
        return m.start(), m.end()
    from ..draft.figures import figures_in_phrase
    from ..draft.phrases import scan
    stated = figures_in_phrase(written)
    if len(stated) != 1 or stated[0].value is None:
        return None
    same = [f for f in scan(says)[0] if f.kind == stated[0].kind and f.value == stated[0].value]
    return (same[0].start, same[0].end) if len(same) == 1 else None


_FROM_BEFORE = re.compile(r"\bfrom\s+$", re.I)
_UP_OR_DOWN = re.compile(r"\b(?:up|down)\b", re.I)
_REST_OF_CLAUSE = re.compile(r"[^,;:.!?]*")


def _compared_with_before(says: str, span: tuple[int, int]) -> bool:
    """Is the figure what a change the sentence tells was measured from, with no year of its own:
    "The average score rose to 13.7 from 12.9" (the year before the sentence's)? Not when a year
    or another number follows it in its clause ("from $20 to $25 between 2020 and 2024")."""
    if not _FROM_BEFORE.search(says[:span[0]]):
        return False
    rest = _REST_OF_CLAUSE.match(says, span[1])
    if rest is None or re.search(r"\d", rest[0]):
        return False
    return bool(_RISEN.search(says) or _FALLEN.search(says) or _UP_OR_DOWN.search(says[:span[0]]))


def years_before(says: str, expect: object) -> int | None:
    """How many years before the sentence's own the figure is, when the words right after it say
    so: "up from 29% a year earlier" (1), "… the previous year" (1), "… a decade before" (10); or
    when it is what a change was measured from, with no year of its own ("rose to 13.7 from
    12.9": 1).

    >>> years_before("Electric bikes took 42% of trips, up from 29% a year earlier.", "29%")
    1
    >>> years_before("Electric bikes took 42% of trips, up from 29% a year earlier.", "42%") is None
    True
    >>> years_before("The average score rose to 13.7 from 12.9.", "12.9")
    1
    """
    if (span := figure_span(says, expect)) is None:
        return None
    m = _EARLIER.match(says, span[1])
    if m is None:
        return 1 if _compared_with_before(says, span) else None
    if m["n"] is None:
        return 1
    n = m["n"].lower()
    count = 1 if n in ("a", "one") else int(n) if n.isdigit() else _COUNTS[n]
    return count * (10 if m["unit"].lower().startswith("decade") else 1)


# "34 trips a day", "1.2 million a week", "daily": a rate per a period shorter than the year
_PER_PERIOD = re.compile(r"\W*(?:(?!(?:on|in|at|for|of|during|by|from|to|with|than)\b)[^\W\d]+\W+){0,2}?"
                         r"(?:(?:a|an|per|each|every)\s+(?P<unit>day|week|month|hour)|"
                         r"(?P<adverb>daily|weekly|monthly|hourly))\b", re.I)
_ADVERB_UNIT = {"daily": "day", "weekly": "week", "monthly": "month", "hourly": "hour"}


def per_period(says: str, expect: object) -> str | None:
    """The period a figure is a rate per, when the words right after it say so ("about 34 trips a
    day": ``day``); None otherwise, and for a year, which a count of one year already is.

    >>> per_period("That is about 34 trips a day.", "about 34"), per_period("2,240 filings a year", "2,240")
    ('day', None)
    """
    span = figure_span(says, expect)
    m = _PER_PERIOD.match(says, span[1]) if span is not None else None
    if m is None:
        return None
    return m["unit"].lower() if m["unit"] else _ADVERB_UNIT[m["adverb"].lower()]


def _dated(loaded: LoadedClaims, per: Periods) -> tuple[str, str, str] | None:
    """The first table with a `time:` column, that column, and a `where` keeping the claim's year
    (empty when it has none); None when no table has a time column."""
    dated = [(name, t.time) for name, t in loaded.model.tables.items() if isinstance(t.time, str)]
    if not dated:
        return None
    table, column = dated[0]
    year = per.years[0] if len(per.years) == 1 else per.default
    return table, column, f", where: year({column}) == {year}" if year is not None else ""


def _per_period_note(unit: str, loaded: LoadedClaims, per: Periods, says: str = "") -> str:
    """What to write for a rate per day (week …), which `suggest` does not search: on a table of one
    row per day holding a count, that column's mean (or median, when the sentence says so); on a
    table of one row per event, the rows of a period over the days of it that have any."""
    dated = _dated(loaded, per)
    if dated is None:
        return (f"a rate per {unit}: `suggest` does not divide by {unit}s, and no table has a `time:` "
                f"column to count them by; write the ratio by hand (see ratio: in docs/claims-format.md)")
    table, column, where = dated
    named = _A_MONTH.search(says)
    if named is not None:  # "in July 2024": the month too
        month = f"month({column}) == {_MONTH_NAMES.index(named[1]) + 1}"
        where = f"{where} and {month}" if where else f", where: {month}"
    middle = "median" if re.search(r"\bmedian\b", says, re.I) else "mean"
    return (f"a rate per {unit}: `suggest` does not divide by {unit}s. If {table} holds one row per {unit} "
            f"with a count in a column, the rate is that column's {middle}: {{{middle}: COLUMN, of: {table}{where}}}. "
            f"If each row is one event, count the rows over the {unit}s: ratio: {{numerator: {{count: {table}{where}}}, "
            f"denominator: {{count_distinct: {column}, of: {table}{where}}}}} (the {unit}s with at least one row: "
            f"check that the data has a row for every {unit}, or it overstates the rate)")


# "…, down from $150 in 2020": the year of the figure a change is measured from
_FROM_FIGURE = re.compile(r"\bfrom\s+(?P<figure>[^\s,;:]+(?:\s+(?:million|billion|thousand|percent|points?))?)"
                          r"\s+(?:in\s+)?$", re.I)


def _base_years(sentences: Sequence[Sentence]) -> set[int]:
    """The years the sentence names as a change's base ("up 9% from 2023", "up 27% on 2023")."""
    from . import BASES
    return {p.year for s in sentences for p in s.periods if p.year is not None and p.end_year is None
            and p.relation in BASES}


def compared_years(sentence: Sentence | str) -> dict[int, int]:
    """The years a sentence gives to the figure a change is measured from, each with where that
    figure starts: of "The median was $100, down from $150 in 2020", 2020 is the year of $150, not
    of $100. ``sentence``: as :func:`~factcheck.draft.figures.find_figures` read it, or its text.

    >>> compared_years("The median donation was $100, down from $150 in 2020.")
    {2020: 40}
    """
    if isinstance(sentence, str):
        from ..draft.figures import find_figures
        return {y: at for s in find_figures(sentence) for y, at in compared_years(s).items()}
    out: dict[int, int] = {}
    for p in sentence.periods:
        m = _FROM_FIGURE.search(sentence.text[:p.start]) if p.year is not None and p.end_year is None else None
        if m is not None and p.year is not None:
            out[p.year] = m.start("figure")
    return out


def _claim_periods(claim: Claim, default_year: int | None, around: Surroundings, change: bool = False,
                   end: int | None = None) -> Periods:
    """The periods of the claim's sentence (:func:`periods_of`), moved back for a figure the words
    after it put so many years before ("up from 29% a year earlier": the year before the sentence's);
    a year the sentence gives to the figure a change is measured from ("…, down from $150 in
    2020") is that figure's alone, and the other figures are of the article's year. A year a
    change is measured from ("$2,725 in 2024, up 9% *from 2023*") is no year of a figure that is
    not a change (``change``), when the sentence names another."""
    from ..draft.figures import find_figures
    per = periods_of(claim.says, default_year, around.periods, end)
    sentences = find_figures(claim.says)
    if not change and per.years and not per.inherited:
        bases = _base_years(sentences)
        kept = tuple(y for y in per.years if y not in bases)
        if kept and kept != per.years and len(per.years) > 1:
            per = replace(per, years=kept, spans=(), stated=())
        elif not kept and per.default is not None and per.default > max(per.years):
            # "visits climbed to 4,676, up 25% from 2023": 2023 is what the change is from; 4,676 is of
            # the article's year, after it
            per = replace(per, years=(per.default,), spans=(), stated=())
    compared = {y: at for s in sentences for y, at in compared_years(s).items()}
    if compared and isinstance(claim.expect, str) and (span := figure_span(claim.says, claim.expect)) is not None:
        own = tuple(y for y, start in compared.items() if span[0] <= start < span[1])
        article = (per.default,) if per.default is not None else ()
        years = own or tuple(y for y in per.years if y not in compared) or article
        if years:
            per = replace(per, years=years, spans=(), stated=(), inherited=False)
    end = _end_of_a_span(claim.says, claim.expect, per) if not change else None
    if end is not None:  # "rose 11% from 2019 to 2020, to 62": 62 is of 2020
        return replace(per, years=(end,), spans=(), stated=(), inherited=False)
    back = years_before(claim.says, claim.expect)
    base = per.years[0] if len(per.years) == 1 else per.default if not per.years else None
    if back is None or base is None:
        return per
    return replace(per, years=(base - back,), spans=(), stated=(), inherited=False)


_TO_A_LEVEL = re.compile(r"(?:^|[\s,;(—–-])(?P<word>to|from)\s+(?:(?:about|nearly|almost|roughly|around|some|just|"
                         r"only|over|under|more\s+than|fewer\s+than|less\s+than|a\s+record(?:\s+of)?)\s+)?$", re.I)


def _end_of_a_span(says: str, expect: object, per: Periods) -> int | None:
    """The year a level is of, in a sentence of a change between two years, when the level is where the
    change went to or came from: "No-bid contracts rose 11% from 2019 to 2020, *to 62*" (2020), "fell
    from 2019 to 2020, *from 56*" (2019). None for any other figure, or a sentence of no such span.

    >>> per = periods_of("No-bid contracts rose 11% from 2019 to 2020, to 62.", None)
    >>> _end_of_a_span("No-bid contracts rose 11% from 2019 to 2020, to 62.", "62", per)
    2020
    >>> _end_of_a_span("No-bid contracts rose 11% from 2019 to 2020, to 62.", "up 11%", per) is None
    True
    """
    if len(per.stated) != 1 or per.inherited:
        return None
    span = figure_span(says, expect)
    if span is None:
        return None
    m = _TO_A_LEVEL.search(says[:span[0]])
    if m is None:
        return None
    first, last = per.stated[0]
    # the span's own "to 2020" is no level's: the figure comes after the span
    if says.find(str(last)) > span[0]:
        return None
    return last if m.group("word").lower() == "to" else first


_MONTH_NAMES = ("January February March April May June July August September October November "
                "December").split()
_A_MONTH = re.compile(r"\b(" + "|".join(_MONTH_NAMES) + r")\b")
_MONTH_WORD = re.compile(r"\bmonths?\b", re.I)


_A_FIRST = re.compile(r"\bfor\s+the\s+first\s+time\b", re.I)
_FIRST_NOTE = ("a first (\"for the first time\"): no measure says that something never happened before, so none "
               "is proposed; `overtook` checks one year against the year before, `extreme … since` a value "
               "against every year since one (see docs/claims-format.md): check the earlier years by hand, "
               "or mark the claim unverifiable: with that reason")


def _month_note(claim: Claim, loaded: LoadedClaims, tables: Tables, per: Periods) -> str | None:
    """"August was the busiest month": an extreme among the months of a year, which no column holds
    unless the claims file derives one; then the note says what to derive and write (None when the
    sentence names no month as such, or a table has a month column already)."""
    named = _A_MONTH.search(claim.says)
    if named is None or not _MONTH_WORD.search(claim.says):
        return None
    if any("month" in d.name.lower() for t in tables.values() for d in t.profile.dimensions):
        return None
    dated = _dated(loaded, per)
    if dated is None:
        return (f"the extreme of a month ({named[1]}): no table has a `time:` column to take months from; "
                f"derive a month column and rank it with extreme: … over: it")
    table, column, where = dated
    end = extreme_end(claim.says) or "highest"
    return (f"the extreme of a month ({named[1]}): no column holds months; derive one on {table} "
            f"(derive: {{{column}_month: month({column})}}) and rank it: extreme: {{count: {table}{where}}}, "
            f"over: {column}_month, at: {_MONTH_NAMES.index(named[1]) + 1}, is: {end}")


def _spans(per: Periods) -> list[tuple[int, int]]:
    """The (from, to) years a change is measured between: the sentence's own ("from 2021 to
    2022") first, then those its years suggest (a year and the article's, or the one before)."""
    return list(dict.fromkeys([*per.spans, *_guessed_spans(per)]))


def _guessed_spans(per: Periods) -> list[tuple[int, int]]:
    ys = sorted(set(per.years))
    if len(ys) >= 2:
        return [(ys[0], ys[-1])]
    if len(ys) == 1:
        y = ys[0]
        if per.default is not None and y < per.default:
            return [(y, per.default), (y - 1, y)]
        return [(y - 1, y)]
    return [(per.default - 1, per.default)] if per.default is not None else []


_FISCAL_AFTER = re.compile(r"(?i)\bfiscal\s+year\b")  # "the 2024 fiscal year": the year said before it


def _names_fiscal_year(says: str) -> bool:
    """Does the sentence name a fiscal year ("in FY2024", "fiscal 2024", "the 2024 fiscal year")?"""
    from ..draft.phrases import FISCAL_YEAR
    return bool(FISCAL_YEAR.search(says) or _FISCAL_AFTER.search(says))


def _mentioned(says: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z_\-]*", says) if not stopword(w)}


def _context(claim: Claim, per: Periods, around: Surroundings, claims: Sequence[Claim] = ()) -> Context:
    """The words the ranking reads, tier by tier, and what the sentence says about time; ``claims``:
    every claim of the file (which of several extremes of a sentence a claim speaks of)."""
    lowest = None
    ends = unbounded(claim.says)  # "the highest in at least six years" names one end
    if AGAINST_ALL_OTHERS.search(ends) and (end := extreme_end(ends)) is not None:
        lowest = end == "lowest"  # "fewer students than any other school": the lowest, whatever else it says
    elif _LOW.search(ends) and not _HIGH.search(ends):
        lowest = True
    elif _HIGH.search(ends) and not _LOW.search(ends):
        lowest = False
    from . import REFERS_BACK
    focus = extreme_spoken_of(claim, claims)
    own = _clause(claim.says, claim.expect, None if focus is None else focus[0])
    if focus is not None and extreme_end(focus[1]) is not None:
        lowest = extreme_end(focus[1]) == "lowest"
    if REFERS_BACK.search(own):
        own = claim.says  # "…, and most of them were girls": the clause speaks of the one before it
    said = words(own) | stated_keys(own)  # the thresholds it states, as a condition names them
    if _OF_ALL.search(claim.says) and not REFERS_BACK.search(claim.says):
        # "a quarter of all complaints in 2023": the sentence says what it counts among, whatever
        # the sentences before it filtered on ("Brooklyn filed 1,400 complaints …")
        around = replace(around, before="", section="")
    elsewhere = words(claim.says) - said  # the sentence's other clauses: `init` names ids after them too
    labels = ((words(claim.id) - elsewhere) | words(claim.note or "") | words(around.before)) - said
    return Context(said, labels, per.years, per.since, per.default, lowest,
                   section=words(around.section) - said - labels,
                   combos=[(c, 3.0) for c in combos(own)] + [(c, 1.6) for c in combos(around.before)]
                   + [(c, 0.2) for c in combos(claim.id)],
                   whole=bool(_WHOLE.search(claim.says)),
                   spans=per.stated, inherited=per.inherited,
                   in_time=bool((per.years and not per.inherited) or per.since is not None
                                or _IN_TIME.search(claim.says)),
                   median=_says_median(claim.says, claim.expect), says=claim.says, expect=str(claim.expect), measured=words(claim.says),
                   after=_after(claim.says, claim.expect), among=_among(claim.says, claim.expect),
                   counted=_counted(own), before=_before(claim.says, claim.expect, own),
                   rank=extreme_rank(own if focus is None else focus[1]), value_end=value_end(own),
                   of_it=_of_it(claim.says, claim.expect), fiscal=_names_fiscal_year(claim.says),
                   top_n=top_n_of(claim.says),
                   figure=(words(claim.expect) | {stated_key(p) for p in thresholds_said(claim.says, claim.expect)}
                           if isinstance(claim.expect, str) else set()))


def _ranked_subject(says: str, tables: Tables) -> frozenset[str]:
    """The words of the one value of a column of categories (of any table) that the sentence writes
    before its first superlative, in the same clause: what it ranks ("*Detectives* had the highest
    median overtime of any unit in 2024" ranks the Detectives among the units, not 2024 among the
    years). Empty when it writes none, or several."""
    m = next((w for w in re.finditer(r"[A-Za-z]+", unbounded(says)) if w[0].lower() in RANKING_WORDS), None)
    if m is None:
        return frozenset()
    said = words(CLAUSE_BREAK.split(says[:m.start()])[-1])
    named = {frozenset(w) for t in tables.values() for d in t.profile.dimensions
             if not (d.boolean or d.is_year or d.year is not None or d.said or d.label is not None)
             for v in d.values if isinstance(v, str) and (w := words(v, value=True, synonyms=False)) and w <= said}
    return next(iter(named)) if len(named) == 1 else frozenset()


def extreme_spoken_of(claim: Claim, claims: Sequence[Claim]) -> tuple[int, str] | None:
    """Of a sentence with several extremes ("Kings had the most cases, while Queens had the
    fewest"), the one a claim of ``expect: true`` (or false) speaks of, as where it starts and its
    text: `init` writes one such claim for each, in the sentence's order, so the second claim of the
    sentence is of its second extreme. None when the sentence has one, or its claims are not one
    for each (one of them was taken out, or added): the claim may then speak of any of them."""
    if not is_true_or_false(claim.expect):
        return None
    from ..draft.phrases import scan
    extremes = [f for f in scan(claim.says)[0] if f.kind in ("extreme", "streak")]
    if len(extremes) < 2:
        return None
    said = " ".join(claim.says.split())
    alike = [c for c in claims if is_true_or_false(c.expect) and " ".join(c.says.split()) == said]
    if len(alike) != len(extremes) or claim not in alike:
        return None
    f = extremes[next(i for i, c in enumerate(alike) if c is claim)]
    return f.start, claim.says[f.start:f.end]


_CLAUSES = CLAUSE_BREAK


def _clause(says: str, expect: object, at: int | None = None) -> str:
    """The clause of the sentence that states the figure: of "Just 9% of tenants had a lawyer, and
    more than half of the cases ended in a default judgment", "more than half" is said of the cases
    that ended in a default judgment, not of those with a lawyer, whose words then weigh nothing.
    The whole sentence when it has one clause, or the figure is not found in it as written.
    ``at``: where the figure starts, when it is not written in ``expect`` (an extreme's)."""
    if at is None:
        at = _figure_at(says, expect)
    if at < 0:
        return says
    cuts = [0, *(m.end() for m in _CLAUSES.finditer(says)), len(says) + 1]
    return next(says[start:end] for start, end in zip(cuts, cuts[1:], strict=False) if start <= at < end)


def _before(says: str, expect: object, clause: str) -> set[str]:
    """The words of the figure's clause written before it and after the figure before it, if any:
    of "Maria Rivera won 53% of the vote …, unseating Mayor Tom Hale, who took 47%", "Maria Rivera
    won" for 53% and "of the vote … unseating Mayor Tom Hale, who took" for 47%. Empty when the
    figure is not found."""
    from ..draft.figures import find_figures
    span = figure_span(says, expect)
    if span is None:
        return set()
    start = max(says.find(clause), 0) if clause != says else 0
    for sentence in find_figures(says):
        for f in sentence.figures:
            if start <= f.end <= span[0]:
                start = f.end
    return words(says[start:span[0]])


def _after(says: str, expect: object) -> set[str]:
    """The words of the four after the figure as written ("one in five students": students; "a
    third of the referrals": referrals), none when the figure is not found."""
    span = figure_span(says, expect)
    return words(" ".join(says[span[1]:].split()[:4])) if span is not None else set()


_NOUN = re.compile(r"\s*((?:[A-Za-z][A-Za-z'\u2019-]*\s*){1,3})")


def noun_after(says: str, expect: object) -> set[str]:
    """The words of the noun right after a figure: up to three words, to the first stopword,
    number or mark ("the city's five *public schools* rose 78%": public, schools; "1,709 days of
    school": none after "days"). Empty when the figure is not found."""
    span = figure_span(says, expect)
    m = _NOUN.match(says, span[1]) if span is not None else None
    if m is None:
        return set()
    kept: list[str] = []
    for w in m[1].split():
        if stopword(w):
            break
        kept.append(w)
    return words(" ".join(kept), synonyms=False)


def noun_tables(says: str, expect: object, tables: Sequence[str]) -> frozenset[str]:
    """The tables the noun right after a count names, every word of the table's name ("five public
    schools": `schools`): what the count counts.

    >>> sorted(noun_tables("Suspensions in the city's five public schools rose 78%", "5", ["schools", "suspensions"]))
    ['schools']
    """
    noun = noun_after(says, expect)
    return frozenset(t for t in tables if (named := words(t, synonyms=False)) and named <= noun)


# "38% of it.", "… of the total": not "of that year's cases"
_OF_IT = re.compile(r"\s*of\s+(?:it|that|this|the\s+total|the\s+sum)\s*(?:[.,;:!?)]|$)", re.I)


def _of_it(says: str, expect: object) -> bool:
    """Is the figure a share "of it" ("Police accounted for 38% of it"): of what came before?"""
    span = figure_span(says, expect)
    return span is not None and _OF_IT.match(says, span[1]) is not None


_RATE_WORDS = frozenset("rate rates share ratio".split())


def _among(says: str, expect: object) -> set[str]:
    """The word a share is said to be of, right after it ("nearly two in five *closures*"; "59% of
    *victims*"): the first after the figure that is no stopword, when the figure is found."""
    span = figure_span(says, expect)
    if span is None:
        return set()
    rest = re.findall(r"[A-Za-z]+", says[span[1]:])
    at = next((i for i, w in enumerate(rest) if not stopword(w)), None)
    if at is None or rest[at + 1:at + 2] and rest[at + 1].lower() in _RATE_WORDS:
        return set()  # "an 89% conviction rate": what the rate is of, the share's part
    return words(rest[at])


_TOTTED = re.compile(r"\b(?:most|fewest|least|more|fewer)\s+(\w+(?:\s+(?!of\b|than\b|in\b|since\b)\w+)?)", re.I)


def _counted(clause: str) -> set[str]:
    """The words that come right after "the most" or "the fewest" in the figure's clause: what the
    sentence tots up ("fires in Kern burned the most acres": acres; "the most new units": new units)."""
    return words(" ".join(m[1] for m in _TOTTED.finditer(clause)))


def _says_median(says: str, expect: object) -> bool:
    """Does the sentence speak of a median for this figure? Of "The median tenant owed $3,324; the
    average was about $4,000", the first figure is a median and the second a mean: the word nearest
    before the figure in its clause decides, or a "median" anywhere in the clause when none comes before
    it; another clause's "median" is not this figure's ("…, but 204 contracts were worth $1 million").

    >>> _says_median("The median contract was worth $57,000, but 204 contracts were worth more.", "204")
    False
    >>> _says_median("The median contract was worth $57,000, but 204 contracts were worth more.", "$57,000")
    True
    """
    at = _figure_at(says, expect) if isinstance(expect, str) else -1
    named = [(m.start(), m[0].lower()) for m in _MIDDLE.finditer(says)]
    if at >= 0:  # "The median contract was worth $57,000, but 204 contracts were worth $1 million": its clause's
        cuts = [0, *(m.end() for m in _CLAUSES.finditer(says)), len(says) + 1]
        start, end = next((a, b) for a, b in zip(cuts, cuts[1:], strict=False) if a <= at < b)
        named = [(i, word) for i, word in named if start <= i < end]
    before = [word for start, word in named if start < at]
    return before[-1] == "median" if before else any(word == "median" for _, word in named)


_RUN_END = re.compile(r"(?<!since )(?<!from )\b(?:18|19|20)\d\d\b", re.I)


def _run_of(says: str, exp: Expectation) -> tuple[bool, int | None]:
    """Which way the run of years a figure counts goes, and the year it ends at, by the words of
    its own: of "Rents fell in 2020, …, before rising for four straight years", the rise nearest
    before the figure (not the fall), ending at the data's last year (None: the fall's 2020 is
    not its end); "Filings climbed for a fourth straight year in 2024" ends at 2024. A year after the
    next move is that move's, and a year "since" or "from" is where something starts: "… has risen for
    five straight years and has grown by two-thirds since 2019" ends at the data's last year."""
    from ..draft.phrases import scan
    at = next((f.start for f in scan(says)[0] if f.kind == "streak" and f.value == exp.stated), len(says))
    moves = sorted([(m.start(), m.end(), True) for m in _RISEN.finditer(says)] +
                   [(m.start(), m.end(), False) for m in _FALLEN.finditer(says)])
    before = [mv for mv in moves if mv[0] < at]
    start, end, up = before[-1] if before else moves[0]
    stop = next((mv[0] for mv in moves if mv[0] >= end), len(says))
    after = _RUN_END.findall(says[end:stop])
    earlier = _RUN_END.findall(says[:start]) if len(before) <= 1 else []
    named = after or earlier   # a year before the move only when no other move comes between
    return up, int(named[-1]) if named else None


def _a_run(says: str, exp: Expectation) -> bool:
    """Is the figure the length of a run of rises or falls the sentence states ("Filings climbed for
    a fourth straight year", ``expect: 4``)?"""
    if not (_RISEN.search(says) or _FALLEN.search(says)):
        return False
    from ..draft.phrases import scan
    return any(f.kind == "streak" and f.value == exp.stated for f in scan(says)[0])


@dataclass(frozen=True)
class Rate:
    """A figure written as a rate: "1.8 filings per 1,000 households" is 1.8 per 1,000 of households."""

    per: int
    noun: str                 # what the base counts, as written ("households")
    words: frozenset[str]


_BASE_ENDS = re.compile(r"[,.;:()!?]|\b(?:in|of|at|for|across|among|on|during|from|than|and|or|but|while|who|that|"
                        r"which|was|were|is|are|a|an|the)\b", re.I)


def rate_of(says: str, expect: object) -> Rate | None:
    """The rate the figure is, when the sentence writes its base right after it ("1.8 filings per
    1,000 households in the Bronx": per 1,000 households; "$1,200 per resident": per 1 resident);
    None for any other figure.

    >>> rate_of("There were 1.8 filings per 1,000 households in the Bronx.", "1.8")
    Rate(per=1000, noun='households', words=frozenset({'house'}))
    >>> rate_of("The county spent $1,200 per resident.", "$1,200").per
    1
    >>> rate_of("Filings rose 18%, to 2,240 per year.", "18%") is None
    True

    An amount of money set off right after a rate's base is that rate too: "Lakeside spent the
    most per student, $15,512".

    >>> rate_of("Lakeside spent the most per student, $15,512, while Granite spent the least.", "$15,512").noun
    'student'
    """
    if isinstance(expect, bool) or not isinstance(expect, (str, int, float)):
        return None
    span = figure_span(says, expect)
    if span is None:
        return None
    at, end = span
    found = _base_at(says, end)
    if found is not None:
        between = says[end:found[1]]
        if len(between.split()) > 3 or re.search(r"[,.;:]", between):
            return None   # "18%, to 2,240 per 100": the base of another figure
        return _named_base(says, found)
    return _rate_just_before(says, at) if is_money(says[at:end]) else None


def _rate_just_before(says: str, at: int) -> Rate | None:
    """The rate whose base ends right before ``at``, set off by a comma, a colon or a dash alone."""
    rate, start = None, 0
    while (found := _base_at(says, start)) is not None and found[1] < at:
        named = _named_base(says, found)
        cut = _BASE_ENDS.search(says, found[2])
        end = cut.start() if cut else len(says)
        if named is not None and re.fullmatch(r"\s*[,:\u2013\u2014-]\s*", says[end:at]):
            rate = named
        start = found[2]
    return rate


def rate_in(says: str) -> Rate | None:
    """The first rate the sentence states, whatever its figure."""
    found = _base_at(says, 0)
    return _named_base(says, found) if found is not None else None


# "per resident", "per capita": a rate per one of what the word names; not a percentage ("per
# cent"), nor one per period ("per year"), which no table of the base holds
_PER_ONE = re.compile(r"\bper\s+(?!(?:cent|centum|annum|year|month|week|day|hour|minute|second|quarter|decade|game|"
                      r"season|trip|visit|mile|kilometre|kilometer|gallon|litre|liter)s?\b)(?=[a-z])", re.I)
_PEOPLE = "residents population people persons inhabitants"
_PER_PERSON = dict.fromkeys(("capita", "person", "persons", "head", "people", "resident", "residents",
                              "inhabitant", "inhabitants"), _PEOPLE)  # "per 1,000 residents": of a `population`


def _base_at(says: str, start: int) -> tuple[int, int, int] | None:
    """The first rate's base at or after ``start``: its value (1 for "per resident"), where the
    phrase starts and where its number ends (where the words of what it counts begin)."""
    from ..draft.phrases import rate_base
    found = rate_base(says, start)
    one = _PER_ONE.search(says, start)
    if one is not None and (found is None or one.start() < found[1]):
        return 1, one.start(), one.end()
    return found


def _named_base(says: str, found: tuple[int, int, int]) -> Rate | None:
    """The rate of a base found in ``says`` (its value, start, end), with what the base counts: the
    words after it, up to a preposition or a stop ("per capita" and "per person": residents,
    population, people)."""
    per, _, end = found
    rest = says[end:]
    cut = _BASE_ENDS.search(rest)
    noun = " ".join(rest[:cut.start() if cut else len(rest)].split()[:3])
    said = frozenset(words(_PER_PERSON.get(noun.lower(), noun)))
    return Rate(per, noun, said) if said else None


def _per_row(rate: Rate, profile: Profile) -> bool:
    """Is the rate per one of the table's rows: "$7,923 in overtime per employee" of a table whose
    rows are employees (the table, or its identifier `employee_id`, named for them)? Then it is the
    mean of a column over the rows, as "averaged" would say, and no base of another table."""
    if rate.per != 1:
        return False
    named = [name for name, _ in profile.ids] + profile.key  # the key most of all: one row per employee_id
    return bool(rate.words & (words(profile.table, synonyms=False)
                              | {w for name in named for w in words(name, synonyms=False)}))


Base = tuple["Table", str, list[Any]]
"""A table, one of its number columns a rate's base names, and that table's period conditions."""


def _bases(rate: Rate, tables: Tables, per: Periods) -> list[Base]:
    """The number columns named by the rate's base ("households"), in any table (this one's too:
    "$1,200 per resident" of a table of towns with their spending and residents)."""
    return [(other, column, other.masks[per]) for other in tables.values()
            for column, _ in other.profile.numbers if words(column) & rate.words]


def _money(says: str, written: str) -> bool:
    """Is the figure an amount of money: with a sign ('$3,324'), or with a currency the sentence
    names right after it ("nearly three million dollars", which `init` writes ``nearly 3
    million``)? Such a figure is a sum or a mean of a column, never a number of rows."""
    if is_money(written):
        return True
    span = figure_span(says, written)
    return span is not None and currency_after(says, span[1]) != ""


def _numbers(s: Search, exp: Expectation, per: Periods, pers: list[Any], own_years: list[str],
             says: str, rate: Rate | None = None, bases: list[Base] | None = None) -> list[Found]:
    """The candidates of a number on one table: a rate, a run of years, an amount, an `every` of the
    yearly counts, a count, a sum (``bases``: those of a figure that is a ``rate``)."""
    if rate is not None:  # "1.8 filings per 1,000 households": never a count or a sum as it stands
        amounts = _money(says, exp.written)  # "$1,200 per resident": a sum of money over the base, never rows
        return [f for base, column, theirs in bases or ()
                for f in s.rates(pers, base, column, theirs, rate.per, amounts)]
    if _a_run(says, exp):  # "for a fourth straight year": the number of years in a row it rose
        up, last = _run_of(says, exp)
        return list(s.streaks(last, own_years, up=up))
    if exp.time_unit is not None or _money(says, exp.written):
        # "45 days", "$3,324": a sum or mean of a column, or its largest value, never a number of rows;
        # unless the rows are of that unit ("43 days above 95 degrees" of a table of days)
        days = exp.time_unit is not None and bool(words(f"{exp.time_unit} {exp.time_unit}s") & words(s.p.table))
        return [*s.sums(pers), *s.extrema(pers), *(s.counts(pers) if days else ()),
                *s.top_sums(pers)]  # "the 10 highest-paid took home $1.4 million": the top's sum
    if per.every_year and per.since is not None and per.end is not None and per.since < per.end:
        # "at least 45 no-bid contracts in every year since 2017": each year's count, never the total
        # since 2017 (406 is "at least 45" too, and says nothing of any one year), nor one year's
        every = list(s.every_counts(pers, per.since, per.end))
        if every:
            return every
    return [*s.counts(pers), *s.blank_counts(pers), *s.sums(pers), *s.distinct_counts(pers), *s.extrema(pers),
            *s.wins(pers)]


def _family(s: Search, family: str, exp: Expectation, per: Periods, pers: list[Any], own_years: list[str],
            says: str, rate: Rate | None = None, bases: list[Base] | None = None) -> list[Found]:
    """The candidates of one family on one table (``bases``: those of a figure that is a ``rate``)."""
    if family == "number":
        return _numbers(s, exp, per, pers, own_years, says, rate, bases)
    if family == "share":  # and "the top 10 earners took home 17% of all overtime": the top's share of a total
        return [*s.shares(pers), *s.weighted_shares(pers), *s.fraction_means(pers), *s.top_shares(pers)]
    if family == "change_percent":  # of the rate the sentence states too ("$13,955 per student …, up 28% from 2015")
        return [*s.changes(_spans(per), own_years, "percent"),
                *(f for base, column, theirs in (bases or ()) if rate is not None
                  for f in s.rate_changes(pers, _spans(per), base, column, theirs, rate.per))]
    if family == "change_points":
        return list(s.point_changes(_spans(per), own_years))
    if family == "change_absolute":  # "up 392" over the years; "392 more filings than Queens" between groups
        if rate is not None and bases:  # "$3,100 more per student than rural ones": a gap between rates
            return [f for base, column, theirs in bases
                    for f in s.rate_comparisons(pers, base, column, theirs, rate.per, "absolute")]
        return [*s.changes(_spans(per), own_years, "absolute"), *s.group_comparisons(pers, "absolute")]
    if family == "multiple":  # "more than twice the city's rate", "twice as many … as in Brooklyn"
        if rate is not None and bases:  # the sentence states a rate: its multiple is of rates
            return [f for base, column, theirs in bases for f in s.rate_comparisons(pers, base, column, theirs, rate.per)]
        return list(s.group_comparisons(pers))
    if family == "extreme":
        return _extremes(s, per, pers, own_years, says, rate, bases or [])
    if family == "top" and exp.values is not None:
        out = list(s.tops(pers, list(exp.values), _mentioned(says)))
        if per.every_year and per.since is not None and per.end is not None and per.since < per.end:
            out += s.every_tops(per.since, per.end, list(exp.values))   # "in every year since 2013"
        return out
    return []


def _extremes(s: Search, per: Periods, pers: list[Any], own_years: list[str], says: str, rate: Rate | None,
              bases: list[Base]) -> list[Found]:
    """The candidates of an ``expect: true`` on one table: an extreme over the years or over a
    column's values (of the rate the sentence states, if it states one), a run of rises, a change
    of rank."""
    # "the highest since 2019" of an article with no year of its own: at the data's latest year
    at = [y for y in per.years if y != per.since] or ([per.default] if per.default else
                                                      [per.end] if per.since is not None and per.end else [])
    if _OVERTOOK.search(says):  # "Queens overtook Brooklyn in 2024": a change of rank, no superlative
        return list(s.overtakes(at, own_years))
    if per.since is not None:  # "the fewest since 2014": of the years, not of the values of a column
        categories = []
    elif rate is not None and bases:  # "Dover had the highest rate, 66 … per 100,000": of the rate, not the rows
        categories = [f for base, column, theirs in bases for f in s.rate_extremes(pers, base, column, theirs, rate.per)]
    else:
        categories = [*s.category_extremes(pers), *s.share_extremes(pers)]
    found = [*s.extremes(at, per.since, own_years), *categories]
    trend = _RISEN.search(says) or _FALLEN.search(says)
    if per.every_year and trend and per.since is not None and per.end is not None:
        # "risen every year since 2022": a run of rises over every year from then on
        found += s.runs(per.since, per.end, own_years, up=bool(_RISEN.search(says)))
    return found


def _value_said_of(claim: Claim, claims: Sequence[Claim]) -> str | None:
    """The note for an extreme that opens its clause and says what a number of it is ("*The largest
    fire* burned 10,782 acres", "*The youngest* was 9"): that number is a largest (smallest) value,
    a ``max`` (``min``), whose claim covers the extreme too; none of its own checks it. None
    otherwise, and for an extreme said of something the clause names first ("County General had
    the longest waits, 3.2 hours": which hospital is the claim)."""
    from ..draft.phrases import scan
    focus = extreme_spoken_of(claim, claims)
    figures = scan(claim.says)[0]
    extremes = [f for f in figures if f.kind == "extreme" and (focus is None or f.start == focus[0])]
    if len(extremes) != 1 or (end := value_end(claim.says[extremes[0].start:extremes[0].end])) is None:
        return None
    if not opens_clause(claim.says, extremes[0].start):
        return None  # "County General had the longest waits, 3.2 hours": which hospital is its claim
    clause = _clause(claim.says, claim.expect, extremes[0].start)
    offset = claim.says.find(clause)
    number = next((f for f in figures if f.kind == "number" and f.start > extremes[0].start
                   and offset <= f.start < offset + len(clause)), None)
    if number is None:
        return None
    written = claim.says[number.start:number.end]
    kind = "max" if end == "highest" else "min"
    return (f"'{claim.says[extremes[0].start:extremes[0].end]}' says what {written} is: its {'largest' if kind == 'max' else 'smallest'} "
            f"value, which the claim of {written} checks ({kind}: …) and covers; this claim can go")


def _begs_the_question(measure: dict[str, Any], bound: bool = True) -> bool:
    """A mean, sum or median of a column kept to the rows past a threshold on that same column
    (``mean: wait_minutes`` where ``wait_minutes > 180``), judged against a figure that is itself a
    bound (``bound``: "more than three hours"): more than 180 whatever the data; also inside a
    ``compare``, ``change``, ``extreme`` or ``ratio``. Against a figure of its own ("Contracts worth
    more than $1 million totaled $21 million") the threshold only says which rows are summed: the
    total is a real figure, and is kept. A bound past the threshold ("averaged more than $1.5
    million") is still refused: one a little past it is met by nearly any data."""
    if not bound:
        return False
    nested = [v for k in ("compare", "with", "change", "extreme", "numerator", "denominator")
              if isinstance(v := measure.get(k), dict)]
    nested += [v for v in measure.get("ratio", {}).values() if isinstance(v, dict)] \
        if isinstance(measure.get("ratio"), dict) else []
    if any(_begs_the_question(inner) for inner in nested):
        return True
    column = next((measure[k] for k in ("mean", "sum", "median") if isinstance(measure.get(k), str)), None)
    where = measure.get("where")
    if column is None or not isinstance(where, str):
        return False
    # not "> 0": "officers who were paid overtime collected a median of $6,450" keeps the rows with some
    return re.search(rf"(?:^|\band ){re.escape(column)} (?:>=|<=|>|<) (?!0(?:$| ))", where) is not None


def _fixes_its_column(measure: dict[str, Any]) -> bool:
    """A sum, mean or median of a column its own filter sets to one value (``sum: bedrooms`` where
    ``bedrooms == 3``): that value times the rows, or the value itself; no figure's reading, however
    well the sentence names the column ("three-bedroom units averaged $3,520")."""
    column = next((measure[k] for k in ("mean", "sum", "median") if isinstance(measure.get(k), str)), None)
    where = measure.get("where")
    if column is None or not isinstance(where, str):
        return False
    return re.search(rf"(?:^|\band ){re.escape(column)} == ", where) is not None


def _a_bound(fams: dict[str, Expectation]) -> bool:
    """Whether the figure is, or may be, a bound ("more than three hours", "at least $1 million"):
    one side of one of its readings open, or no interval at all (a yes or a list of names), so a
    threshold on the measured column could make it true whatever the data. "$21 million" is no
    bound: a sum of the contracts past $1 million meets it or not."""
    return not fams or any(e.interval is None or e.interval.low is None or e.interval.high is None
                           for e in fams.values())


@dataclass
class Proposed:
    """What the search found for one claim.

    ``reading`` is the best-ranked measure that the text names all of (``Found.reads``), when it
    does not meet the expectation and every measure that does adds or changes something the text
    does not say (a condition nothing names, another year): "heat complaints rose 12% from 2022
    to 2023" read as written computes +15.4%, while the measures that fit count parking
    complaints from 2021 to 2022. It is shown first: the figure may be wrong, and a candidate
    that fits only by reading the sentence otherwise must not look like its check."""

    hits: list[Found]
    misses: list[Found]
    reading: Found | None
    capped: list[str]
    note: str | None = None   # why nothing could be looked for, when that is known


def propose(loaded: LoadedClaims, claim: Claim, tables: Tables, default_year: int | None,
            keep: int, context: Surroundings | None = None, every_reading: bool = False,
            last_year: int | None = None) -> Proposed:
    """The best ``keep`` candidates that meet the expectation, the nearest misses, the sentence's
    reading when it does not meet it, and the caps hit. ``context``: what the article says around
    the claim's sentence (the sentence before it counts as a label, the rest of its section less).
    ``every_reading``: keep the candidates that read the sentence otherwise after one that reads it
    as written (:func:`_proposal`)."""
    from . import Surroundings
    around = context or Surroundings()
    fams = families(claim.expect, loaded)
    per = _claim_periods(claim, default_year, around,
                         change=bool(fams.keys() & {"change_percent", "change_points", "change_absolute"}),
                         end=last_year)
    unit = per_period(claim.says, claim.expect) if fams.keys() & {"number"} else None
    if unit is not None:  # "about 34 trips a day": never the number of trips, nor a share
        return Proposed([], [], None, [], _per_period_note(unit, loaded, per, claim.says))
    month = _month_note(claim, loaded, tables, per) if "extreme" in fams else None
    if month is not None:  # "August was the busiest month": no extreme of years or of stations is its check
        return Proposed([], [], None, [], month)
    if "extreme" in fams and _A_FIRST.search(claim.says):  # no measure says "never before"
        return Proposed([], [], None, [], _FIRST_NOTE)
    said_of = _value_said_of(claim, loaded.model.claims) if "extreme" in fams else None
    if said_of is not None:  # "The largest fire burned 10,782 acres": the largest is 10,782's, a max
        return Proposed([], [], None, [], said_of)
    ctx = _context(claim, per, around, loaded.model.claims)
    ctx.subject = _ranked_subject(claim.says, tables) if "extreme" in fams else frozenset()
    ctx.noun_tables = noun_tables(claim.says, claim.expect, list(tables)) if "number" in fams else frozenset()
    ctx.nouns = frozenset(w for t in tables for w in words(t))
    found: list[Found] = []
    for table in tables.values():
        if per not in table.masks:   # the same periods recur from claim to claim
            table.masks[per] = period_atoms(table.profile, table.cells, per)
    times = multiple(claim.expect, loaded, claim.says)
    if times is not None:
        fams["multiple"] = times
        fams.pop("share", None)  # "half as many filings as Queens" is no share of anything
    # the figure's own rate ("1.8 filings per 1,000 households"); a multiple's or an extreme's, the rate the
    # sentence states ("…, more than twice the city's rate", "Dover had the highest rate, 66 … per 100,000")
    rate = rate_of(claim.says, claim.expect) if fams.keys() & {"number", "share"} else None
    if rate is not None:  # "0.35 filings per 1,000 households" is a number, not a share of 35%
        fams = {"number": number} if (number := _read(claim.expect, "number", loaded)) is not None else {}
    elif times is not None or fams.keys() & {"extreme", "change_percent", "change_absolute"}:
        rate = rate_in(claim.says)
    searched = False
    for table in tables.values():
        prof = table.profile
        pers = table.masks[per]
        bases = _bases(rate, tables, per) if rate is not None else []
        searched |= bool(bases)
        own_years = [d.name for d in prof.dimensions if d.is_year and "." not in d.name]
        named = words(prof.table)
        tctx = replace(ctx, sentence=ctx.sentence - named, measured=ctx.measured - named,
                       table_bonus=1.0 if named & ctx.measured else 0.0, table_said=named & ctx.measured)
        per_row = rate is not None and _per_row(rate, prof)
        searched |= per_row
        for family, exp in fams.items():
            def in_unit(unit: str, column: str) -> Expectation | None:
                return _read(claim.expect, "number", loaded, unit, column)
            search = Search(table, tctx, exp, in_unit if exp.time_unit is not None else None)
            found += _family(search, family, exp, per, pers, own_years, claim.says, rate, bases)
            if per_row and family == "number":  # "$7,923 in overtime per employee" of a table of employees
                found += [f for f in search.sums(pers) if f.measure.keys() & {"mean", "median"}]
    found = [f for f in found if not counts_ones(f.measure, tables.get(f.table))]
    note = None
    if rate is not None and not searched and "number" in fams:
        note = (f"a rate per {rate.per:,} {rate.noun}: no table has a number column named for "
                f"{rate.noun} to divide by (write the ratio by hand: see per: in docs/claims-format.md)")
    return _proposal(found, keep, ctx.capped, note, _a_bound(fams), ctx.median,
                     dated=bool((per.years and not per.inherited) or per.since is not None),
                     keeps=partial(_keeps, tables, frozenset(t for t in tables if words(t) <= ctx.measured)),
                     every_reading=every_reading)


def counts_ones(measure: dict[str, Any], table: Table | None) -> bool:
    """Is ``measure`` a count of the table's rows per value of a column each row has its own value of
    (``extreme: {count: schools}, over: school_name``; ``top: school_name, of: schools``)? Every
    count is 1 (or 0 under a filter) by construction: a ranking, a change or a top of them reads no
    sentence, whatever it passes or misses."""
    if table is None:
        return False
    prof = table.profile
    if "top" in measure and "by" not in measure:
        column = measure["top"]
    elif "over" in measure:
        inner = next((v for k, v in measure.items() if k in ("extreme", "every", "overtook", "change")), None)
        if not (isinstance(inner, dict) and inner.get("count") == prof.table and set(inner) <= {"count", "where"}):
            return False
        column = measure["over"]
    else:
        return False
    if not isinstance(column, str):
        return False
    if [column] == [ident(k) for k in prof.key]:
        return True
    dim = next((d for d in prof.dimensions if ident(d.name) == column), None)
    return dim is not None and prof.rows > 1 and not dim.has_null and len(dim.values) == prof.rows


MEAN_FOR_MEDIAN = "the mean for the median the sentence names"


def _for_the_median(f: Found) -> Found:
    """A candidate of a sentence that says "median" that reads a mean (a ranking by the mean, a run
    of means): it reads the sentence otherwise, whatever it passes, and says so."""
    if not _reads_a_mean(f.measure):
        return f
    return replace(f, reads=False, departs=True, instead=MEAN_FOR_MEDIAN)


def _reads_a_mean(measure: dict[str, Any]) -> bool:
    return "mean" in measure or any(isinstance(v, dict) and _reads_a_mean(v) for v in measure.values())


def _proposal(found: list[Found], keep: int, capped: list[str], note: str | None, bound: bool = True,
              median: bool = False, dated: bool = False,
              keeps: Callable[[Found, Found], bool] | None = None, every_reading: bool = False) -> Proposed:
    """The candidates found, told apart and ranked: the best ``keep`` that meet the expectation, the
    sentence's reading when they all read it otherwise, the nearest misses. ``bound``: whether the
    figure is a bound, which a threshold on the measured column may beg (:func:`_begs_the_question`);
    ``median``: whether the sentence says "median", which a mean reads otherwise (:func:`_for_the_median`);
    ``dated``: whether the sentence names its own period (a year, "since 2014"); ``keeps(f, reading)``:
    whether ``f``'s conditions keep only rows the reading's keep (:func:`_keeps`).

    When the sentence read as written does not meet the expectation, a candidate that does is kept
    only if it reads the sentence's own words too, and differs from the reading by nothing but a
    period the sentence leaves open (:func:`_open_reading`): one that swaps what is counted, drops a
    condition the sentence names or adds one it does not name would make a wrong figure pass.

    When the best that meets it reads the sentence as written (it departs in nothing), only the other
    readings of the sentence's own words are kept (:func:`_another_reading`): the rest (a filter on a
    grade nobody names, a ranking by the mean where the sentence says "median") are no check an
    editor needs once the sentence's own reading passes. ``every_reading`` keeps them, marked as
    departing, in their ranked places."""
    unique: dict[str, Found] = {}
    for f in found if not median else map(_for_the_median, found):
        if _begs_the_question(f.measure, bound) or _fixes_its_column(f.measure):
            continue
        key = repr(sorted(f.measure.items()))
        if key not in unique or unique[key].score < f.score:
            unique[key] = f
    ranked = sorted(unique.values(), key=lambda f: (-f.score, f.conditions, repr(f.measure)))
    hits = [f for f in ranked if f.ok][:keep]
    if not every_reading and hits and not hits[0].departs:  # the best reads the sentence as written, and passes
        honest = [f for f in ranked if f.ok and not f.departs]
        hits = [f for f in ranked if f.ok and (_another_reading(f) or _of_the_known(f, honest))][:keep]
    reading = None
    if all(f.departs for f in hits):  # every measure that fits adds or changes something the text does not say
        readings = sorted((f for f in ranked if f.reads and not f.ok), key=lambda f: (-f.score, f.distance))
        if readings and (not hits or readings[0].score > hits[0].score):
            reading = readings[0]
            hits = [o for f in ranked if f.ok and (o := _open_reading(f, reading, dated, keeps)) is not None][:keep]
    misses = sorted((f for f in ranked if not f.ok and f.near and f is not reading),
                    key=lambda f: (-(f.score - 4 * f.distance), f.conditions))
    return Proposed(hits, misses[:3], reading, capped, note)


def _another_reading(f: Found) -> bool:
    """Is ``f`` a reading of the sentence's own words: it departs in nothing, or it measures what the
    sentence names and adds only conditions the text names (the sentence in part, or those around it:
    the section's subject), reading nothing in place of what the sentence names? A filter nobody names
    (a grade, a school by its id), or the mean for a median, is not."""
    return not f.departs or (f.target_said and f.conds_named and f.instead is None)


def _of_the_known(f: Found, honest: Sequence[Found]) -> bool:
    """Is ``f`` the share of one that reads the sentence as written (``honest``), of the rows where its
    part is known (``minor is not null`` for ``share: minor``, ``referral_source != 'unknown'`` for a
    share of one source)? "Children were 53% of victims" does not say whether the victims whose age
    is not recorded count: both are readings of its words."""
    part = f.measure.get("share")
    if not isinstance(part, str):
        return False
    column = part.split(" == ")[0].removeprefix("not ").strip()
    known = {c for c in f.conds if c == f"{column} is not null" or c.startswith(f"{column} != ")}
    return bool(known) and any(h.table == f.table and h.period == f.period and h.conds == f.conds - known
                               and h.measure.get("share") == part for h in honest)


def _swapped(f: Found, reading: Found) -> bool:
    """Is ``f`` a share of the very conditions of the reading's share, its part and its whole the
    other way round ("Most players at semi-professional clubs are adults": the adults among the
    semi-professionals' players, or the semi-professionals' among the adults)? The words alone do
    not say which is meant; both read them all."""
    part, theirs = f.measure.get("share"), reading.measure.get("share")
    return (isinstance(part, str) and isinstance(theirs, str) and part != theirs and f.table == reading.table
            and bool(f.conds) and {part, *f.conds} == {theirs, *reading.conds})


def _keeps(tables: Tables, named: frozenset[str], f: Found, reading: Found) -> bool:
    """Do ``f``'s conditions keep only rows that the reading's conditions keep, on this data (it drops
    none of them: ``online`` where the reading has ``recruitment_location == 'internet'`` may)? By
    their text when a condition is not one of the table's. Of another table, only one the sentence
    names (``named``: "victims") where the reading's is not: the sentence leaves no table open but that."""
    if f.table != reading.table:
        return f.table in named and reading.table not in named
    table = tables.get(f.table)
    index = {a.text: i for i, a in enumerate(table.atoms)} if table is not None else {}
    if table is None or any(c not in index for c in f.conds | reading.conds):
        return reading.conds <= f.conds
    live = table.cells.n > 0
    mine, theirs = live.copy(), live.copy()
    for c in f.conds:
        mine &= table.matrix[index[c]] > 0
    for c in reading.conds:
        theirs &= table.matrix[index[c]] > 0
    return not bool((mine & ~theirs).any())


def _open_reading(f: Found, reading: Found, dated: bool,
                  keeps: Callable[[Found, Found], bool] | None = None) -> Found | None:
    """A candidate that meets the expectation, where the sentence's own reading (``reading``) does
    not: itself, saying what it adds to the reading, when it measures what the sentence names
    (:attr:`~.search.Found.target_said`) on the reading's table, keeps each of the reading's
    conditions, adds only conditions the text names (:attr:`~.search.Found.conds_named`: the
    sentence, or those around it, "sex-trafficking cases" of a story about them) and differs in its
    period only where the sentence names none (``dated`` False: a year from an earlier sentence, or
    the article's). A share of the reading's very conditions, part and whole the other way round, is
    kept too (:func:`_swapped`); so is one of another table the sentence names, where the reading's
    table it does not (:func:`_keeps`). None otherwise: it would swap, drop or add what the sentence
    does not say."""
    swapped = _swapped(f, reading)
    if not swapped and not (f.target_said and f.conds_named):
        return None
    if not swapped and not (keeps(f, reading) if keeps is not None
                            else f.table == reading.table and reading.conds <= f.conds):
        return None
    if f.period != reading.period and (dated or f.instead is not None):
        return None
    added = []
    if swapped:
        added.append(f"`{f.measure['share']}` as the part and `{' and '.join(sorted(f.conds))}` as the whole "
                     "(the reading has them the other way round)")
    if f.table != reading.table:
        added.append(f"the table {f.table}, which the sentence names")
    added += [f"`{c}`, a condition the reading does not have" for c in sorted(f.conds - reading.conds)
              if not swapped]   # in place of, or besides, the reading's conditions ("online" for "internet")
    if f.period != reading.period:
        added.append(f"the period `{f.period}`, where the sentence names none" if f.period
                     else "no period (all the years), where the sentence names none")
    if not added:
        return f if not f.departs else None
    return replace(f, departs=True, instead=" and ".join(added))
