"""The candidates for one claim: every measure of the search space whose value fits, or nearly.

The space, per table (see :mod:`.space` for the conditions):

* ``count`` of rows, ``sum`` / ``mean`` of each number column, under a filter of a period
  (or none) and up to three conditions (:data:`MAX_CONDITIONS`; :class:`Filters`);
* ``share`` of each condition, or of two that one word names ("girls"), over the same filters;
* ``change`` of a count between the years the sentence names (percent, absolute), and of a
  share (points), over each year column, with at most one condition;
* ``extreme`` of a count over each year column, at and since the years named;
* ``top`` of each dimension holding the values the claim names, under the filters, and
  ``every`` of such a top over the years since the one named (:meth:`Search.every_tops`).

Which families are tried follows the expectation: a whole number a count, a percentage a
share, a direction a change, ``true`` an extreme, a list of names a top.
Values are computed from the table's cells (:mod:`.cells`): every filter's count for a batch
of weights (periods x numerators) is a few matrix products; only the best-scored within
:data:`NEAR` of the expectation are kept as Python objects (:func:`_pick`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from fractions import Fraction
from functools import cached_property, lru_cache, partial
from itertools import permutations
from typing import TYPE_CHECKING, Any, Iterator

import numpy as np
import numpy.typing as npt

from ..expressions import quote_ident
from ..money import is_money
from .cells import pair_counts
from .profile import is_id
from .space import Atom, ident, literal
from .words import words

if TYPE_CHECKING:
    from ..expectations.judging import Expectation
    from .cells import Bins, Cells, GroupSums
    from .profile import Dimension, Profile
    from .wins import WinsRead

Floats = npt.NDArray[np.float64]
Rated = Callable[[tuple["Atom", ...]], dict[str, Any]]  # the measure of a filter's conditions (a rate's)
MAX_CONDITIONS = 3     # conditions in a filter, besides its period
MAX_TARGETS = 8        # conditions tried as a share's numerator, those closest to the sentence's words first
MIN_TARGETS = 3        # ... and at least this many, named or not
NEAR = 0.25            # a miss within 25% of the expectation is kept as a near miss
MAX_KEPT = 10          # candidates kept per claim, family and filter set (the best-scored)
MAX_MISSES = 6         # near misses kept per claim, family and filter set
MAX_RELEVANT = 12      # conditions matching the sentence that are paired with others
MAX_TRIPLE = 8         # the best-matching conditions, combined three at a time
MAX_PAIR_TARGETS = 6   # shares of two conditions one word names ("girls": female and minor)
MAX_RANKED_CONDITIONS = 4  # conditions the sentence names that a ranking of a column's values is tried under
MAX_TOP_FILTERS = 32   # filters a top's share is computed under (those the text names every condition of)
GROUPS_SAID = 0.5      # ... of groups the sentence names ("the top five vendors"), above a top of rows
TOP_SAID = 1.0         # a top's share, when the sentence names a top ("the top 10 earners")
KNOWN_BONUS = 0.5      # a filter keeping exactly the rows where a two-condition share is known
TOP_KNOWN_BONUS = 0.3  # a top's own "known" filter (the most common source, among known sources)
PER_CONDITION = 0.15   # each condition of a filter costs this much: simpler first
OF_ALL_ROWS = 0.4      # a share of every row, the unknown counted as not, against one of the known
UNNAMED = -1.2         # a condition nothing in the text names: only when nothing simpler fits
WEAK = frozenset({"known", "unkno"})
# the words for people a figure counts ("held 4,099 people", "358 women"): a column of counts of them names them
PEOPLE = frozenset(words("people persons men women inmates prisoners residents students patients", synonyms=False))   # words that say only "known", not what
AVERAGES = frozenset(words("average mean typical per"))  # a sentence of these speaks of a mean, not a total
MIDDLES = frozenset(words("average mean typical"))   # ... and of these, of no number of rows ("per 1,000" may be)
# a sentence of these speaks of an amount laid out, whose yearly figure is a total ("Overtime spending rose
# for five straight years": the sum of `overtime_pay` each year, not its mean nor the number of rows); not
# of a price or a level ("Rents rose", "wages rose": the typical one, a mean or a median)
AMOUNTS = frozenset(words("spending spent expenditure outlays paid payments cost costs amount total totals revenue "
                          "budget", synonyms=False))
SAID_MONEY = frozenset(words("dollar dollars money", synonyms=False))   # "one in five dollars": a share of money
MONEY_COLUMNS = frozenset(words("amount amounts value cost costs paid payment spending spent award awarded "
                                "obligated dollars usd price budget", synonyms=False))  # a column of money, by its name
_AN_AMOUNT = re.compile(r"[$€£]\s?\d[\d,.]*\s*(?:million|billion|trillion)\b", re.I)  # a total, as written
EVERY_SAID = 1.5       # "at least 45 … in every year since 2017": each year's count, above a year's or the total's
TOTAL_BONUS = 0.3      # a yearly total, above the mean, in a sentence of amounts
BLANK_SAID = 1.3       # the rows a sentence says have no value of a column it names, above every row's count
# "no recorded amount", "have no amount recorded", "missing", "blank", "without a": a count of blank values
_BLANK = re.compile(r"\b(?:no|not|never)\s+(?:\w+\s+)?recorded\b|\bunrecorded\b|\bmissing\b|\bblank\b"
                    r"|\bwithout\s+an?\b|\bno\s+\w+\s+(?:recorded|listed|given|on\s+(?:file|record))\b", re.I)
WINS_SAID = 2.0        # groups won, when the sentence says so ("carried 31 of the city's 48 precincts")
OTHER_FIGURES = 1.5    # a value the sentence names of another of its figures: not this one's share
PEOPLE_ROWS = 0.3      # of a table of groups whose column of counts the text names: its sum up, its rows down
SAID = 0.9             # a condition scoring this much is named by the sentence itself (1.0; 0.9 through a lookup)
FISCAL_NAME = re.compile(r"(?i)fiscal|(?:^|[_.])fy(?:$|_|\d)")  # a column of fiscal years: fiscal_year, fy
NOUN_TABLE = 1.5       # a count of the table the noun right after the figure names ("five public schools")
NEARBY = 0.15          # a condition the text around the sentence names in full (its section: 0.25, less 0.1
                       # through a lookup; its labels), or the sentence in part
NAMED = 0.5            # ... by the text: the sentence, its labels (0.6), "known" said of its column (0.5); not by
                       # its section alone, nor in part


@dataclass
class Found:
    """A candidate measure with its value as the search computed it."""

    measure: dict[str, Any]
    table: str
    value: float | bool | list[str]
    ok: bool
    distance: float
    score: float = 0.0
    conditions: int = 0
    near: bool = True          # a hit, or a miss within NEAR: shown as a candidate or a near miss; else
                               # only as the reading of the sentence (see :class:`.propose.Proposed`)
    reads: bool = False        # the sentence names all of it: what it counts, each condition (:data:`SAID`),
                               # the period (or the article's year when the sentence names none)
    departs: bool = False      # it counts or filters on something the text does not name (:data:`NAMED`), or
                               # another period than the sentence's
    instead: str | None = None  # what it reads in place of what the sentence names ("the mean for the median
                                # the sentence names"): why it departs, when that is not an unnamed filter
    target_said: bool = False  # the sentence itself names what it measures (a share's part, a count's rows)
    conds_named: bool = False  # the text names each of its conditions in full, the sentence or those around it
                               # (:data:`NEARBY`), and it reads no calendar year for a fiscal one
    conds: frozenset[str] = frozenset()  # its conditions as written, its period left out
    period: str | None = None  # its period as written ("date_year == 2024", "from 2023 to 2024"); None: none


@dataclass
class Context:
    """What the ranking knows about a claim: the words of its sentence, of its labels (the claim's
    id and note, the sentence before it) and of its section (the sentences before that, back to
    the heading), each counting less than the one before."""

    sentence: set[str]
    labels: set[str]
    years: tuple[int, ...]
    since: int | None
    default: int | None
    lowest: bool | None                       # "fewest" / "most" in the sentence; None: say both
    capped: list[str] = field(default_factory=list)
    section: set[str] = field(default_factory=set)
    combos: list[tuple[frozenset[str], float]] = field(default_factory=list)   # values one word names
    whole: bool = False                       # "across all twenty years": no period at all
    spans: tuple[tuple[int, int], ...] = ()   # "from 2022 to 2023"
    inherited: bool = False                   # ``years`` are an earlier sentence's (see :meth:`period`)
    in_time: bool = False                     # it compares through time: names a year, "since", "on record"
    median: bool = False                      # it says "median": a mean or a sum does not read it
    says: str = ""                            # the sentence as written
    expect: str = ""                          # the claim's expect as written (with ``says``, a key of its claim)
    after: set[str] = field(default_factory=set)  # the words right after the figure: what it counts
                                              # ("one in five students", "a third of the referrals")
    figure: set[str] = field(default_factory=set)  # the figure's own words ("more than $1,300"): no condition
    rank: int = 1                             # "the second-most": 2
    of_it: bool = False                       # "Police accounted for 38% of it": a share of what the
                                              # sentence before totted up
    value_end: str | None = None              # "the largest fire burned 12,000 acres": the figure is a
                                              # largest ("highest") or smallest ("lowest") value
    among: set[str] = field(default_factory=set)  # the word right after a share: what it is of
                                              # ("two in five closures"), not its part
    counted: set[str] = field(default_factory=set)  # the words right after "the most", "the fewest": what
                                              # is totted up ("burned the most acres": a sum, not a mean)
    fiscal: bool = False                      # it names a fiscal year ("in FY2024"): a calendar year departs
    measured: set[str] = field(default_factory=set)  # the words of the whole sentence, when ``sentence`` is
                                              # the figure's clause: what is measured may be named in
                                              # another ("…owed $3,324; the average was $4,000")
    table_said: set[str] = field(default_factory=set)  # the sentence's words that name the measured table,
                                              # taken out of ``sentence`` and ``measured`` (they name no
                                              # condition); they still name a column of more words
                                              # ("median overtime" of `overtime_pay` in a table `overtime`)
    top_n: int | None = None                  # "the top 10 earners": how many rows a top share is of
    noun_tables: frozenset[str] = frozenset()  # the tables the noun right after a count names ("five public
                                              # *schools*": `schools`): what the count counts
    nouns: frozenset[str] = frozenset()       # the words of the data's tables' names
    before: set[str] = field(default_factory=set)  # the words between the figure and the one before it in its
                                              # clause ("*Maria Rivera won* 53% …, unseating Tom Hale, who took 47%")
    subject: frozenset[str] = frozenset()     # the words of the value a superlative ranks, written before it
                                              # ("*Detectives* had the highest median overtime"): not a year

    def condition(self, atom: Atom) -> float:
        if atom.threshold:  # "more than four hours" is not named by "more than three hours", nor by itself as the figure
            return 1.0 if atom.strong & self.sentence and not atom.strong & self.figure else UNNAMED
        strong = atom.strong - WEAK
        if isinstance(atom.value, (int, float)) and not isinstance(atom.value, bool):
            # precinct == 44: "the 44th Precinct", in the sentence itself and beside its column's name; not
            # its own figure ("5 officers"), nor another ("25" of "up 25%")
            return 1.0 if not strong <= self.figure and _numbered(self.says, atom.dim, atom.value) else UNNAMED
        if isinstance(atom.value, tuple) or not strong:
            # "is known" (!= 'unknown', is not null): the sentence must say "known" and name the column
            column = atom.words - WEAK
            if not (atom.strong & WEAK) or not column:
                return -0.3 if atom.words & self.sentence else UNNAMED
            heard = self.sentence | self.labels
            return 0.5 if "known" in heard and column & heard else UNNAMED
        frac = len(strong & self.sentence) / len(strong)
        if frac == 1:
            return 1.0
        if frac:  # some words only ("sex" of sex_and_age_known, in "sex-trafficking"): little
            return 0.1 + 0.3 * frac
        if strong & self.labels:
            return 0.6 if strong <= self.labels else 0.05 + 0.1 * len(strong & self.labels) / len(strong)
        if strong & self.section:
            return 0.25 if strong <= self.section else 0.05
        if atom.words & self.sentence:
            return -0.3  # only the column is named, not the value
        return UNNAMED

    def period(self, atom: Atom | None) -> float:
        if atom is None:
            # a sentence that names no year and follows one that does ("Complaints took 45 days to
            # close on average") may speak of that year or of all of them: neither reading departs
            return 0.8 if self.whole else (0.0 if self.inherited else -0.6 if self.years else 0.0)
        named = atom.words - {str(atom.year)}
        bonus = 0.4 if named & self.sentence else (0.25 if named & self.labels else
                                                   (0.15 if named & self.section else 0.0))
        if atom.dim.split(".")[-1] != atom.text.split(" ")[0].split(".")[-1] or " " in atom.text:
            pass  # a condition on a year column
        elif not bonus:
            bonus = -0.3  # a flag named for the year (active_2020) says more than the year: its words must be there
        if self.whole:
            return -0.2 + bonus
        if atom.year in self.years or atom.year == self.since:
            return (0.6 if self.inherited else 1.0) + bonus
        if str(atom.year) in self.labels:
            return 1.3 + bonus
        if atom.year == self.default and not self.years:
            return 0.4 + bonus
        return -0.2 + bonus

    table_bonus: float = 0.0                  # the measured table is named in the sentence

    def table(self, name: str) -> float:
        return self.table_bonus

    def target(self, wordset: frozenset[str] | set[str], *, clause: bool = False) -> float:
        """How well the text names what is measured (a column, a table); ``clause``: only the
        figure's own clause speaks for the sentence (a share's numerator)."""
        if wordset & self.sentence or (not clause and wordset & self.measured):
            return 1.5
        if not clause and wordset & self.table_said and not wordset <= self.table_said:
            return 1.5  # `overtime_pay` of a table `overtime`: "overtime" names both
        if wordset & self.labels:
            return 0.8
        if wordset & self.section:
            return 0.3
        return -1.0

    def target_of(self, atom: Atom) -> float:
        """How well the sentence names a share's numerator: by its value (or a flag's name);
        a column named without its value counts for little, ``not online`` for nothing."""
        strong = atom.strong - WEAK
        if atom.threshold:
            return 1.5 if strong & self.sentence else -1.0
        if isinstance(atom.value, (int, float)) and not isinstance(atom.value, bool) and strong <= self.figure:
            return -1.0  # "only 5%" names no value 5 of a column: it is the figure
        if strong:
            got = self.target(strong, clause=True)
            if strong & self.sentence and not strong <= self.sentence:
                # a part of what it keeps ("sex" of `sex_and_age_known`, in "sex-trafficking"): less
                got *= len(strong & self.sentence) / len(strong)
            if got > 0 and strong <= self.among and not strong & (self.sentence - self.among):
                return got - 0.5  # "Manhattan accounted for two in five closures": the closures are the whole
            if got > 0:
                return got
        return 0.0 if strong and atom.words & self.sentence else -1.0

    def combo(self, a: frozenset[str], b: frozenset[str]) -> float:
        """The score of a share of two conditions that one word names together ("girls")."""
        return sum(score for combo, score in set(self.combos) if a & combo and b & combo)


# --------------------------------------------------------------------------- helpers

@lru_cache(maxsize=8192)
def _numbered(says: str, column: str, value: float, *, joined: bool = False) -> bool:
    """Is ``value`` written beside a word of its column's name: "the 44th Precinct", "Precinct 44",
    "District No. 3", "3-bedroom", "three-bedroom"? (Not "up 25%" for a column of 25 visits a day.)
    ``joined``: only as a compound that names rows, not "3 bedrooms", which may count them."""
    whole = float(value).is_integer()
    number = re.escape(str(int(value)) if whole else str(value))
    spelled = _SPELLED.get(int(value)) if whole else None
    digits = rf"(?<![\d.,]){number}(?:-|(?:st|nd|rd|th)\s+)" if joined else rf"(?<![\d.,]){number}(?:st|nd|rd|th)?[\s-]+"
    before = digits + (rf"|\b{spelled}-" if spelled else "")
    for name in (w for w in re.findall(r"[A-Za-z]+", column.split(".")[-1]) if len(w) > 2):
        word = re.escape(name[:5]) + r"\w*"
        if re.search(rf"(?:{before}){word}|\b{word}\s+(?:no\.?\s*|number\s+|#)?{number}"
                     rf"(?!\d|[.,]\d|\s*(?:%|percent|per\s+cent))", says, re.I):
            return True
    return False


def _joined(says: str, column: str, value: int) -> bool:
    """Is ``value`` joined to a word of its column's name as a compound, "three-bedroom units",
    "3-bedroom", "the 44th Precinct", "Precinct 44": the rows it names, not a figure?"""
    return _numbered(says, column, value, joined=True)


def numbered_dimensions(profile: Profile, sentences: list[str]) -> list[Dimension]:
    """The columns of a few whole numbers that count something (``bedrooms``: summed, not a
    condition) that a sentence names a value of, joined to the column's name ("three-bedroom
    units", "3-bedroom"): a condition there, as ``bedrooms == 3``."""
    return [replace(d, numbered=True) for d in profile.counted
            if any(_joined(s, d.name, int(v)) for s in sentences for v in d.values
                   if isinstance(v, (int, float)) and float(v).is_integer())]


def numbered_measures(profile: Profile, sentences: list[str]) -> None:
    """Mark the number columns each row has its own value of (:attr:`~.profile.Dimension.measure`) that
    a sentence names a value of beside the column's name ("Precinct 44" of a table of precincts, one
    row each) as ``numbered``: a condition there, as ``precinct == 44``; never elsewhere."""
    for i, d in enumerate(profile.dimensions):
        if d.measure and any(_numbered(s, d.name.split(".")[-1], float(v)) for s in sentences for v in d.values
                             if isinstance(v, (int, float)) and not isinstance(v, bool)):
            profile.dimensions[i] = replace(d, numbered=True)


def numbered_condition(says: str, expect: object, profiles: list[Profile]) -> str | None:
    """The condition a figure names when it is a value joined to its column's name ("three-bedroom
    units averaged $3,520": ``bedrooms == 3``), and the sentence has another figure it is the
    condition of; None otherwise."""
    from ..draft.figures import find_figures
    text = str(expect).strip()
    if not text.isdigit() or sum(len(s.figures) for s in find_figures(says)) < 2:
        return None
    value = int(text)
    for p in profiles:
        for d in p.dimensions:
            if d.boolean or d.is_year or d.said or value not in d.values or not _joined(says, d.name, value):
                continue
            return f"{ident(d.name)} == {value}"
    return None


_SPELLED = dict(enumerate("zero one two three four five six seven eight nine ten eleven twelve".split()))


def _bounds(exp: Expectation) -> tuple[float, float, bool, bool]:
    iv = exp.interval
    assert iv is not None
    lo = float(iv.low) if iv.low is not None else -np.inf
    hi = float(iv.high) if iv.high is not None else np.inf
    return lo, hi, iv.low_closed or iv.low is None, iv.high_closed or iv.high is None


def _inside(values: Floats, exp: Expectation) -> npt.NDArray[np.bool_]:
    lo, hi, lc, hc = _bounds(exp)
    eps = 1e-9
    above = values >= lo - eps if lc else values > lo + eps
    below = values <= hi + eps if hc else values < hi - eps
    return above & below & np.isfinite(values)


def _distance(values: Floats, exp: Expectation) -> Floats:
    lo, hi, _, _ = _bounds(exp)
    ref = np.where(values < lo, lo, np.where(values > hi, hi, values))
    scale = np.maximum(np.abs(ref), 1e-9)
    return np.where(np.isfinite(values), np.abs(values - ref) / scale, np.inf)


def _median_bounds(bins: Bins, counts: Floats) -> tuple[Floats, Floats]:
    """Bounds on the medians of groups from their values' counts in each of ``bins``' ranges
    (``counts``: ranges first, then any shape of groups): the median lies between the lower ends
    and the upper ends of the ranges of its two middle values (DuckDB's ``median``: the mean of the
    two middle ones); nan for a group of no values."""
    total = counts.sum(axis=0)
    below = np.cumsum(counts, axis=0)   # values at or below each range's end, per group
    ends = np.append(bins.edges[1:], bins.top)
    last = len(bins.edges) - 1

    def range_at(position: Floats) -> npt.NDArray[np.intp]:   # the range of a 0-based position in sorted order
        found: npt.NDArray[np.intp] = np.minimum((below <= position).sum(axis=0), last)
        return found
    first, second = range_at(np.floor((total - 1) / 2)), range_at(np.floor(total / 2))
    low = np.where(total > 0, (bins.edges[first] + bins.edges[second]) / 2, np.nan)
    high = np.where(total > 0, (ends[first] + ends[second]) / 2, np.nan)
    return low, high


def _exact_medians(xs: Floats, counts: Floats) -> Floats:
    """The median of each group from how many of its values are each of ``xs`` (ascending; ``counts``:
    values x groups): the middle value, or the mean of the two middle ones, as DuckDB's ``median``;
    nan for a group of no values."""
    total = counts.sum(axis=0)
    below = np.cumsum(counts, axis=0)   # values at or below each, per group

    def at(position: Floats) -> Floats:   # the value at a 0-based position in sorted order
        found: Floats = xs[np.minimum((below <= position).sum(axis=0), len(xs) - 1)]
        return found
    with np.errstate(invalid="ignore"):
        middle = (at(np.floor((total - 1) / 2)) + at(np.floor(total / 2))) / 2
    medians: Floats = np.where(total > 0, middle, np.nan)
    return medians


def ranked_within(low: dict[Any, float], high: dict[Any, float], at: Any, lowest: bool, rank: int = 1) -> bool | None:
    """Whether ``at`` ranks ``rank``-th lowest (highest) of values known only to lie between ``low``
    and ``high`` (the same for a value known exactly), as the engine counts: exactly ``rank - 1``
    others as low (high) or lower (higher). None when the bounds leave it open (two medians whose
    ranges overlap): the real run decides.

    >>> ranked_within({"a": 3.0, "b": 1.0}, {"a": 3.0, "b": 2.0}, "a", lowest=False)
    True
    >>> ranked_within({"a": 3.0, "b": 1.0}, {"a": 3.0, "b": 4.0}, "a", lowest=False) is None
    True
    """
    others = [k for k in low if k != at]
    if lowest:   # beaten by another as low or lower: surely when its highest is at most our lowest
        surely = sum(1 for k in others if high[k] <= low[at])
        maybe = sum(1 for k in others if low[k] <= high[at])
    else:
        surely = sum(1 for k in others if low[k] >= high[at])
        maybe = sum(1 for k in others if high[k] >= low[at])
    if surely == maybe or not surely <= rank - 1 <= maybe:
        return surely == rank - 1
    return None


def _within(low: Floats, high: Floats, exp: Expectation) -> Floats:
    """A value standing for one known only to lie between ``low`` and ``high``: one the figure's
    interval holds when it meets those bounds (the real run then says whether it passes), else
    the bound nearest it (no nearer can the value be)."""
    lo, hi, _, _ = _bounds(exp)
    meet_lo, meet_hi = np.maximum(low, lo), np.minimum(high, hi)
    value: Floats = np.where(meet_lo <= meet_hi, (meet_lo + meet_hi) / 2, np.where(high < lo, high, low))
    return value


def _period_of(measure: dict[str, Any], period: Atom | None) -> str | None:
    """A candidate's period as written: its period condition, or the years a change is between."""
    if period is not None:
        return period.text
    if "from" in measure and "to" in measure:
        return f"from {measure['from']} to {measure['to']}"
    return None


def _where(period: Atom | None, conds: tuple[Atom, ...]) -> str | None:
    parts = [a.text for a in conds] + ([period.text] if period is not None else [])
    return " and ".join(parts) if parts else None


class Filters:
    """The filters tried for a claim: none, each condition alone, each pair of a condition that
    matches the sentence's words (at most :data:`MAX_RELEVANT`) with any other condition on
    another dimension, and each triple of the :data:`MAX_TRIPLE` best-matching conditions.
    Combinations where one condition implies another on this data (``clash``, which also holds
    for two conditions on one dimension) are left out; so are conditions on the period's column.
    ``avoid``: conditions left out (those on a share's own column, but its "known" filter)."""

    def __init__(self, atoms: list[Atom], relevant: list[int], clash: npt.NDArray[np.bool_],
                 period: Atom | None, avoid: frozenset[int] = frozenset()) -> None:
        pdim = period.dim if period is not None else None
        usable = np.array([i for i, a in enumerate(atoms) if a.dim != pdim and i not in avoid], dtype=np.int64)
        uset = set(usable.tolist())
        rel = [r for r in relevant if r in uset]
        later = np.ones(len(atoms), dtype=bool)       # a pair of two relevant conditions is tried once
        pair_rows: list[npt.NDArray[np.int64]] = []
        pair_cols: list[npt.NDArray[np.int64]] = []
        for k, r in enumerate(rel):
            later[r] = False
            js = usable[~clash[r, usable] & later[usable]]
            pair_rows.append(np.full(len(js), k, dtype=np.int64))
            pair_cols.append(js)
        self.rel = rel
        self.singles = usable
        self.pair_rows = np.concatenate(pair_rows) if pair_rows else np.zeros(0, dtype=np.int64)
        self.pair_cols = np.concatenate(pair_cols) if pair_cols else np.zeros(0, dtype=np.int64)
        best = rel[:MAX_TRIPLE]
        duo = [(x, y) for k, x in enumerate(best) for y in best[k + 1:] if not clash[x, y]]
        triples = [(p, k) for p, (x, y) in enumerate(duo) for k in range(best.index(y) + 1, len(best))
                   if not clash[x, best[k]] and not clash[y, best[k]]]
        self.best = np.array(best, dtype=np.int64)
        self.duo = (np.array([x for x, _ in duo], dtype=np.int64), np.array([y for _, y in duo], dtype=np.int64))
        self.tri_rows = np.array([p for p, _ in triples], dtype=np.int64)
        self.tri_cols = np.array([k for _, k in triples], dtype=np.int64)
        n = 1 + len(usable) + len(self.pair_rows) + len(triples)
        index = np.full((n, 3), -1, dtype=np.int64)
        index[1:1 + len(usable), 0] = usable
        start = 1 + len(usable)
        rel_arr = np.array(rel, dtype=np.int64)
        if len(self.pair_rows):
            index[start:start + len(self.pair_rows), 0] = rel_arr[self.pair_rows]
            index[start:start + len(self.pair_rows), 1] = self.pair_cols
        start += len(self.pair_rows)
        if triples:
            index[start:, 0] = self.duo[0][self.tri_rows]
            index[start:, 1] = self.duo[1][self.tri_rows]
            index[start:, 2] = self.best[self.tri_cols]
        self.index = index
        self.sizes = (index >= 0).sum(axis=1)

    def __len__(self) -> int:
        return int(self.index.shape[0])

    def items(self, k: int) -> tuple[int, ...]:
        return tuple(int(i) for i in self.index[k] if i >= 0)

    def values(self, matrix: Floats, weights: Floats) -> Floats:
        """The weighted count of every filter, for each row of ``weights`` (cells, or weights x cells)."""
        w = np.atleast_2d(weights)
        parts = [w.sum(axis=1)[:, None], (w @ matrix[self.singles].T)]
        k = w.shape[0]
        if len(self.pair_rows):
            # every relevant condition's weights against every condition: one product
            weighted = (w[:, None, :] * matrix[self.rel][None, :, :]).reshape(k * len(self.rel), -1)
            block = (weighted @ matrix.T).reshape(k, len(self.rel), -1)
            parts.append(block[:, self.pair_rows, self.pair_cols])
        if len(self.tri_rows):
            both = matrix[self.duo[0]] * matrix[self.duo[1]]                      # pairs x cells
            weighted = (w[:, None, :] * both[None, :, :]).reshape(k * both.shape[0], -1)
            tri = (weighted @ matrix[self.best].T).reshape(k, both.shape[0], -1)
            parts.append(tri[:, self.tri_rows, self.tri_cols])
        out = np.concatenate(parts, axis=1)
        return out if np.ndim(weights) == 2 else out[0]

    def named(self, per_atom: Floats, least: float) -> npt.NDArray[np.bool_]:
        """Whether every condition of each filter scores at least ``least`` (:data:`SAID`, :data:`NAMED`)."""
        padded = np.append(per_atom >= least, True)
        named: npt.NDArray[np.bool_] = np.asarray(padded[self.index].all(axis=1), dtype=bool)
        return named

    def scores(self, per_atom: Floats) -> Floats:
        """Each filter's score: the sum of its conditions' scores, less a little for each."""
        padded = np.append(per_atom, 0.0)
        return padded[self.index].sum(axis=1) - PER_CONDITION * self.sizes  # type: ignore[no-any-return]


def _pick(values: Floats, exp: Expectation, scores: Floats,
          named: npt.NDArray[np.bool_]) -> list[tuple[int, float, bool, float, bool]]:
    """(filter index, value, ok, distance, near) for the best-scored filters whose value
    fits (at most :data:`MAX_KEPT`), the best-scored near misses (at most :data:`MAX_MISSES`), and
    the best-scored of the filters the sentence names every condition of (``named``), however
    far its value is (``near`` False: only the sentence's reading, when nothing that fits reads
    it as well; among equals, the one nearest the figure)."""
    ok = _inside(values, exp)
    dist = _distance(values, exp)
    hits = np.nonzero(ok)[0]
    if len(hits) > MAX_KEPT:
        hits = hits[np.argsort(-scores[hits], kind="stable")[:MAX_KEPT]]
    near = np.nonzero(~ok & (dist <= NEAR))[0]
    if len(near) > MAX_MISSES:
        near = near[np.argsort(-(scores[near] - 4 * dist[near]), kind="stable")[:MAX_MISSES]]
    out = [(int(k), float(values[k]), bool(ok[k]), float(dist[k]), True) for k in (*hits, *near)]
    candidates = np.nonzero(np.isfinite(values) & named)[0]
    if len(candidates):
        best = int(candidates[np.lexsort((dist[candidates], -scores[candidates]))[0]])
        if not ok[best] and best not in {k for k, *_ in out}:  # far off, or a near miss past MAX_MISSES
            out.append((best, float(values[best]), False, float(dist[best]), False))
    return out


@dataclass
class Table:
    """A table made ready once for every claim: its cells, conditions, their masks as a matrix, and
    which condition implies which on this data."""

    profile: Profile
    cells: Cells
    atoms: list[Atom]
    matrix: Floats
    implies: npt.NDArray[np.bool_]
    clash: npt.NDArray[np.bool_]     # two conditions not worth combining: one dimension, or one implies the other
    decides: npt.NDArray[np.bool_]   # decides[i, j]: condition i alone makes a share of j 100% or 0%
    years: dict[str, tuple[list[int], Floats]] = field(default_factory=dict)   # year column -> one-hot
    masks: dict[Any, list[Atom | None]] = field(default_factory=dict)            # periods -> their conditions
    median_years: dict[tuple[str, str], tuple[Floats, Floats, Floats, Floats]] = field(default_factory=dict)
    wins: dict[tuple[str, str], list[WinsRead]] = field(default_factory=dict)  # (says, expect) -> groups won

    @classmethod
    def make(cls, profile: Profile, cells: Cells, atoms: list[Atom]) -> Table:
        matrix = np.array([a.mask for a in atoms], dtype=np.float64).reshape(len(atoms), cells.size)
        both = pair_counts(matrix, cells.n)
        alone = np.diag(both)
        implies = both >= alone[:, None] - 0.5  # implies[i, j]: i's rows all meet j
        dims = np.array([a.dim for a in atoms], dtype=object)
        clash = (dims[:, None] == dims[None, :]) | implies | implies.T
        # two thresholds on one column that no row meets together ("amount >= 1000000 and amount < 1000000"):
        # a range of nothing, never a reading of a sentence
        of = np.array([a.dim.rsplit(" ", 2)[0] if a.threshold else None for a in atoms], dtype=object)
        on_one = (of[:, None] == of[None, :]) & (of[:, None] != None)  # noqa: E711 (elementwise)
        clash |= on_one & (both < 0.5)
        return cls(profile, cells, atoms, matrix, implies, clash, implies | (both < 0.5))

    def onehot(self, column: str) -> tuple[list[int], Floats]:
        """The years of a year column and, per year, the cells holding it (computed once)."""
        if column not in self.years:
            col = self.cells.columns[column]
            ints = np.array([int(v) if v is not None else -1 for v in col], dtype=np.int64)
            years = sorted({int(v) for v in ints if v >= 0})
            self.years[column] = (years, (ints[None, :] == np.array(years)[:, None]).astype(np.float64))
        return self.years[column]


@dataclass(frozen=True)
class Target:
    """What a share counts: one condition, or two that one word of the sentence names ("girls")."""

    text: str
    words: frozenset[str]
    strong: frozenset[str]
    mask: Floats
    known: Floats                    # where the condition is not null (SQL's three-valued ``and``)
    both: Floats                     # where every condition is known
    dims: frozenset[str]
    score: float
    index: int | None = None         # the atom, for one condition


class Search:
    """The candidates on one table for one claim."""

    def __init__(self, table: Table, ctx: Context, exp: Expectation,
                 in_unit: Callable[[str, str], Expectation | None] | None = None) -> None:
        """``in_unit(unit, column)``: the expectation read for a column whose name gives its values'
        time unit ("more than four hours" against ``wait_minutes``: more than 240), None when it
        cannot be (days against months)."""
        self.table = table
        self.p, self.cells, self.atoms, self.ctx, self.exp = table.profile, table.cells, table.atoms, ctx, exp
        self.in_unit = in_unit
        self.matrix, self.implies = table.matrix, table.implies
        self.per_atom = self._atom_scores(ctx)
        ranked = np.argsort(-self.per_atom, kind="stable")
        named = [int(i) for i in ranked if self.per_atom[i] > 0]
        self.relevant = named[:MAX_RELEVANT]
        if len(named) > MAX_RELEVANT:
            ctx.capped.append(f"{self.p.table}: pairs of conditions built on the {MAX_RELEVANT} that match "
                              "a sentence's words best")
        if len(named) > MAX_TRIPLE:
            ctx.capped.append(f"{self.p.table}: three conditions combined only among the {MAX_TRIPLE} that match "
                              "a sentence's words best")
        self._filters: dict[tuple[str | None, frozenset[int]], Filters] = {}
        self._position = {id(a): i for i, a in enumerate(self.atoms)}

    def _atom_scores(self, ctx: Context) -> Floats:
        # a condition reached through a lookup is a little less simple than the table's own
        return np.array([ctx.condition(a) - (0.1 if "." in a.dim else 0.0) for a in self.atoms], dtype=np.float64)

    def filters(self, period: Atom | None, avoid: frozenset[int] = frozenset()) -> Filters:
        key = (period.dim if period is not None and any(a.dim == period.dim for a in self.atoms) else None, avoid)
        if key not in self._filters:
            self._filters[key] = Filters(self.atoms, self.relevant, self.table.clash, period, avoid)
        return self._filters[key]

    def _score(self, period: Atom | None, conds: tuple[Atom, ...], extra: float, per_atom: Floats | None = None,
               items: tuple[int, ...] = ()) -> float:
        s = self.ctx.table(self.p.table) + self.ctx.period(period) + extra
        s += float(sum((self.per_atom if per_atom is None else per_atom)[i] for i in items))
        return s - PER_CONDITION * len(conds) - 0.05 * (period is not None)

    def _found(self, measure: dict[str, Any], value: float | bool | list[str], ok: bool, dist: float,
               period: Atom | None, conds: tuple[Atom, ...], extra: float, near: bool = True,
               said: bool = False, named: bool = False, own: bool = False) -> Found:
        """``said``/``named``: the sentence / the text names what the measure counts, in the sentence's
        years; whether it names the conditions too is checked here. ``own``: the sentence names what it
        counts, whatever the years (:attr:`Found.target_said`)."""
        items = tuple(self._position[id(a)] for a in conds)
        calendar = self._calendar_for_fiscal(measure, period)
        return Found(measure, self.p.table, value, ok, dist, self._score(period, conds, extra, items=items),
                     len(conds) + (period is not None), near,
                     said and not calendar and all(self.per_atom[i] >= SAID for i in items),
                     calendar or not (named and all(self.per_atom[i] >= NAMED for i in items)),
                     target_said=own, conds_named=not calendar and all(self.per_atom[i] >= NEARBY for i in items),
                     conds=frozenset(a.text for a in conds), period=_period_of(measure, period))

    def _calendar_for_fiscal(self, measure: dict[str, Any], period: Atom | None) -> bool:
        """Does the candidate read a year from a column that is no fiscal year, where the sentence
        names one ("$1.4 billion in FY2024" by ``date_year == 2024``: January to December)?"""
        if not self.ctx.fiscal:
            return False
        if period is not None and isinstance(period.value, str) and period.value.strip().upper().startswith("FY"):
            return False  # a column of fiscal years written as labels (FY2024), whatever its name
        columns = ([period.dim] if period is not None else []) + ([str(measure["over"])] if "over" in measure else [])
        return bool(columns) and not any(FISCAL_NAME.search(c) for c in columns)

    def _useless(self, ok: bool, dist: float, conds: tuple[Atom, ...]) -> bool:
        """A change far off the figure whose condition nothing names: neither a near miss nor a reading."""
        return not ok and dist > NEAR and bool(conds) and self.per_atom[self._position[id(conds[0])]] <= 0

    def _years_read(self, *years: int) -> bool:
        """Whether the years of a change (from, to) or an extreme (at) are those the sentence names:
        a change, the range it states ("from 2022 to 2023"), else one of its years ("in 2020"), else
        any ("since 2000" may be said of something else); an extreme, its year."""
        if len(years) == 2:
            if self.ctx.spans:
                return years in self.ctx.spans
            return not self.ctx.years or bool(set(years) & set(self.ctx.years))
        said = set(self.ctx.years) | ({self.ctx.since} if self.ctx.since is not None else set())
        return not said or set(years) <= said

    def _picked(self, filters: Filters, values: Floats, period: Atom | None, measure: dict[str, Any],
                extra: float, per_atom: Floats | None = None, said: bool = True, named: bool = True,
                exp: Expectation | None = None,
                build: Callable[[tuple[Atom, ...]], dict[str, Any]] | None = None,
                timeless: bool = False) -> Iterator[Found]:
        """The picked filters as candidates; ``said``/``named``: the sentence / the text names what the
        measure counts; ``exp``: the expectation as read for this measure, if not the search's;
        ``build``: the measure of a filter's conditions, when they go elsewhere than a ``where`` of
        ``measure`` (a ratio's parts); ``timeless``: the table holds no period, so none is no departure
        from the sentence's year ("the city's five public schools … in 2024" of a table of schools)."""
        atoms = self.per_atom if per_atom is None else per_atom
        scores = filters.scores(atoms)
        calendar = self._calendar_for_fiscal(measure, period)
        in_period = (self.ctx.period(period) >= 0 or (timeless and period is None)) and not calendar
        reads = filters.named(atoms, SAID) & (said and in_period)
        nearby = filters.named(atoms, NEARBY)
        kept = filters.named(atoms, NAMED) & (named and in_period)
        for k, value, ok, dist, near in _pick(values, exp or self.exp, scores, reads):
            items = filters.items(k)
            conds = tuple(self.atoms[i] for i in items)
            m = dict(measure) if build is None else build(conds)
            where = _where(period, conds)
            if where and build is None:
                m["where"] = where
            yield Found(m, self.p.table, value, ok, 0.0 if ok else dist,
                        self._score(period, conds, extra, per_atom, items), len(conds) + (period is not None), near,
                        bool(reads[k]), not kept[k], target_said=said, conds_named=not calendar and bool(nearby[k]),
                        conds=frozenset(a.text for a in conds), period=_period_of(m, period))

    def _groups(self, periods: list[Atom | None]) -> list[list[Atom | None]]:
        """The periods grouped by their column: one set of filters, and one batch of products, each."""
        dims = {a.dim for a in self.atoms}
        out: dict[str | None, list[Atom | None]] = {}
        for p in periods:   # a period on a column no condition uses leaves the filters as they are
            out.setdefault(p.dim if p is not None and p.dim in dims else None, []).append(p)
        return list(out.values())

    @staticmethod
    def _pm(period: Atom | None) -> Floats | float:
        return period.mask.astype(np.float64) if period is not None else 1.0

    # ------------------------------------------------------------------ families
    def counts(self, periods: list[Atom | None]) -> Iterator[Found]:
        """The number of rows under each filter. When the noun right after the figure names a table ("the
        city's five public *schools*"), that table's rows are what is counted: its count reads the
        sentence (with no period, when it holds none), another table's does not."""
        # "The median school enrolled 521 students": a number of rows never reads a median or an average
        said = not (self.ctx.median or self.ctx.sentence & AVERAGES)
        named = True
        extra = 0.3
        if self.ctx.noun_tables:
            said = named = said and self.p.table in self.ctx.noun_tables
            extra += NOUN_TABLE if said else 0.0
        elif self.people is not None:
            said = named = False   # the people are the column's sum, not the table's rows
            extra -= PEOPLE_ROWS   # and below it, however well the sentence names the table
        timeless = said and self.ctx.noun_tables and periods == [None]
        for group in self._groups(periods):
            filters = self.filters(group[0])
            batch = filters.values(self.matrix, np.array([self.cells.n * self._pm(p) for p in group]))
            for period, values in zip(group, batch, strict=True):
                yield from self._picked(filters, values, period, {"count": self.p.table},
                                        extra + (0.6 if timeless else 0.0), said=said, named=named,
                                        timeless=bool(timeless))

    def blank_counts(self, periods: list[Atom | None]) -> Iterator[Found]:
        """"Six contracts in the city's data have no recorded amount": the rows whose column the sentence
        names is blank (``count: contracts, where: amount is null``), when it says so ("no recorded",
        "not recorded", "missing", "blank", "without a"); a number column, or one of the table's own
        columns of categories (a lookup's blank may be a row the lookup does not find)."""
        if not _BLANK.search(self.ctx.says):
            return
        blanks = [(c, self.cells.n - self.cells.counts[c]) for c, _ in self.p.numbers]
        own = f"{quote_ident(self.p.table)}."   # a column as it is; not a threshold's or a lookup's
        blanks += [(d.name, self.cells.n * np.array([v is None for v in self.cells.columns[d.name]], dtype=np.float64))
                   for d in self.p.dimensions if d.has_null and d.sql == own + quote_ident(d.name)
                   and d.name in self.cells.columns]
        for column, blank in blanks:
            if not blank.any() or self.ctx.target(frozenset(words(column)), clause=True) < 1.5:
                continue
            for group in self._groups(periods):
                filters = self.filters(group[0], frozenset(i for i, a in enumerate(self.atoms) if a.dim == column))
                batch = filters.values(self.matrix, np.array([blank * self._pm(p) for p in group]))
                for period, values in zip(group, batch, strict=True):
                    def count(conds: tuple[Atom, ...], period: Atom | None = period,
                              null: str = f"{ident(column)} is null") -> dict[str, Any]:
                        return {"count": self.p.table, "where": _both(null, _where(period, conds))}
                    yield from self._picked(filters, values, period, {}, BLANK_SAID, build=count)

    def every_counts(self, periods: list[Atom | None], first: int, last: int) -> Iterator[Found]:
        """"The city awarded at least 45 no-bid contracts in every year since 2017": ``every: {count: …}``
        over a year column from ``first`` to ``last``, the rows under each filter counted in each year
        and each year's count held to the figure (its value here: the year farthest from it). Only
        over a column with a period atom for every one of those years (:func:`.space.period_atoms`)."""
        years = list(range(first, last + 1))
        by_column: dict[str, dict[int, Atom]] = {}
        for p in periods:
            if p is not None and p.year is not None and p.text == f"{ident(p.dim)} == {p.year}":
                by_column.setdefault(p.dim, {})[p.year] = p
        for dim, atoms in by_column.items():
            if any(y not in atoms for y in years):
                continue
            filters = self.filters(None, frozenset(i for i, a in enumerate(self.atoms) if a.dim == dim))
            batch = filters.values(self.matrix, np.array([self.cells.n * self._pm(atoms[y]) for y in years]))
            far = np.stack([_distance(row, self.exp) for row in batch])
            worst = batch[np.argmax(far, axis=0), np.arange(batch.shape[1])]

            def every(conds: tuple[Atom, ...], over: str = ident(dim)) -> dict[str, Any]:
                where = _where(None, conds)
                return {"every": {"count": self.p.table, **({"where": where} if where else {})},
                        "over": over, "since": first, "to": last}
            yield from self._picked(filters, worst, None, {}, EVERY_SAID, build=every)

    def wins(self, periods: list[Atom | None]) -> Iterator[Found]:
        """"Rivera carried 31 of the city's 48 precincts": how many groups the value before the verb
        came first in (``wins``), as :func:`.wins.read_wins` counted them for this claim, over every
        row or in a year of the period column. It reads the sentence, above a count of the groups'
        rows under a condition the next clause names ("… and won every precinct in Ward 3")."""
        for read in self.table.wins.get((self.ctx.says, self.ctx.expect), ()):
            for period in periods:
                if period is None:
                    year = None
                elif read.year is not None and period.text == f"{ident(read.year)} == {period.year}":
                    year = period.year
                else:
                    continue
                if year not in read.won:
                    continue
                value = np.array([float(read.won[year])])
                ok, dist = bool(_inside(value, self.exp)[0]), float(_distance(value, self.exp)[0])
                said = self.ctx.period(period) >= 0
                yield self._found(read.measure(None if period is None else period.text), float(value[0]), ok, dist,
                                  period, (), WINS_SAID, near=ok or dist <= NEAR, said=said, named=said, own=True)

    def distinct_counts(self, periods: list[Atom | None]) -> Iterator[Found]:
        """"1,150 wildfires in six counties": how many of a column's values hold rows (``count_distinct``),
        for the columns of categories the word right after the figure names (not the table's rows:
        "165 cases" counts the cases, not values of `case_type`)."""
        among = self.ctx.among - words(self.p.table)
        # not an identifier ("two employees" are rows, not values of `employee_id`)
        for d in (d for d in self._categories() if words(d.name) & among and not is_id(d.name)):
            col = self.cells.columns[d.name]
            values = [v for v in d.values if v is not None]
            for group in self._groups(periods):
                filters = self.filters(group[0])
                for period in group:
                    held = filters.values(self.matrix, np.array([self.cells.n * self._pm(period) * (col == v)
                                                                 for v in values]))
                    yield from self._picked(filters, (held > 0).sum(axis=0).astype(np.float64), period,
                                            {"count_distinct": ident(d.name), "of": self.p.table}, 0.6)

    def extrema(self, periods: list[Atom | None]) -> Iterator[Found]:
        """"The largest fire burned 12,000 acres", "visits peaked at 96", "the youngest was 9": the
        largest (smallest) value of a number column the text names (``max``, ``min``), under a
        filter, when the figure's clause says it is one (:attr:`Context.value_end`)."""
        if self.ctx.value_end is None:
            return
        kind = "max" if self.ctx.value_end == "highest" else "min"
        named = [(c, t) for c, _ in self.p.numbers if (t := self.ctx.target(frozenset(words(c)))) >= 0.8]
        for group in self._groups(periods) if named else ():
            filters = self.filters(group[0])
            member = self._members(filters)
            for period in group:
                held = member & (self._pm(period) > 0) if period is not None else member
                for column, t in named:
                    exp = self._exp_of(column)
                    if exp is None:
                        continue
                    cell = (self.cells.maxes if kind == "max" else self.cells.mins)[column]
                    has = held & (self.cells.counts[column] > 0)
                    if kind == "max":
                        values = np.where(has, cell, -np.inf).max(axis=1, initial=-np.inf)
                    else:
                        values = np.where(has, cell, np.inf).min(axis=1, initial=np.inf)
                    values = np.where(np.isfinite(values), values, np.nan)
                    yield from self._picked(filters, values, period, {kind: ident(column), "of": self.p.table},
                                            _naming(t), said=t >= 1.5, exp=exp)

    def _members(self, filters: Filters) -> npt.NDArray[np.bool_]:
        """Which cells each filter keeps (filters x cells): the cells meeting all its conditions."""
        atoms = self.matrix > 0
        member = np.ones((len(filters), self.cells.size), dtype=bool)
        for slot in range(filters.index.shape[1]):
            used = filters.index[:, slot] >= 0
            member[used] &= atoms[filters.index[used, slot]]
        return member

    def sums(self, periods: list[Atom | None]) -> Iterator[Found]:
        for group in self._groups(periods):
            filters = self.filters(group[0])
            weights = [w * self._pm(p) for p in group for column, _ in self.p.numbers
                       for w in (self.cells.sums[column], self.cells.counts[column])]
            if not weights:
                return
            batch = iter(filters.values(self.matrix, np.array(weights)))
            for period in group:
                for column, _ in self.p.numbers:
                    # the column named in the sentence, in its labels, in its section, or not at all
                    named = self.ctx.target(frozenset(words(column)))
                    if named < 1.5 and self._threshold_stated_on(column):
                        named = 1.5  # "contracts worth more than $1 million totaled $21 million": the amounts
                    if named < 1.5 and self.people == column:
                        named = 1.5  # "the prison population", "held 4,099 people": the sum of `inmates`
                    extra = _naming(named)
                    # "fewer than 500 votes": of a column of counts the sentence names, the total before its mean
                    total = PEOPLE_ROWS if self.people == column and not self.ctx.sentence & AVERAGES else 0.0
                    sv, cv = next(batch), next(batch)
                    exp = self._exp_of(column)
                    if exp is None:
                        continue  # "six months" and a column of days: no fixed factor between them
                    with np.errstate(divide="ignore", invalid="ignore"):
                        mean = np.where(cv > 0, sv / cv, np.nan)
                    kinds: list[tuple[str, Floats]] = [("sum", sv), ("mean", mean)]
                    if self.ctx.median:
                        # "the median wait": no mean reads it. A median is no sum over cells: a column
                        # of few values has it exactly from its counts ($10 … $2,900), one of many the
                        # range of values it falls in (the real pipeline computes it: verify); the mean
                        # stands in for it only when neither is known
                        exact = self._medians(filters, period, column)
                        if exact is None:
                            exact = self._binned_medians(filters, period, column, exp)
                        kinds.append(("median", mean if exact is None else exact))
                    for kind, values in kinds:
                        own = (kind == "median") == self.ctx.median
                        yield from self._picked(filters, values, period, {kind: ident(column), "of": self.p.table},
                                                extra + (0.2 if kind == "median" else 0.0)
                                                + (total if kind == "sum" else 0.0), said=named >= 1.5 and own,
                                                named=named >= 0.8 and own, exp=exp)

    @cached_property
    def headcounts(self) -> list[str]:
        """The number columns that count what each row holds (`inmates` of a row per facility and year,
        `residents` of one per year): whole numbers, named in the plural or as a count, most above one.
        A table of them is of groups: how many people it holds is their sum, not its number of rows."""
        from .profile import counts_of
        numbers = {c for c, _ in self.p.numbers}
        if self.p.declared:   # the claims file says which columns count (`votes: {counts: votes}`)
            return [c for c in self.p.declared if c in numbers]
        out = []
        for column, _ in self.p.numbers:
            total, rows = float(self.cells.sums[column].sum()), float(self.cells.counts[column].sum())
            if words(column) & self.ctx.nouns:
                continue  # `n_defendants` of a table of cases: the defendants are another table's rows
            if counts_of(column) and rows and total >= 2 * rows and np.allclose(self.cells.sums[column] % 1, 0):
                out.append(column)
        return out

    @cached_property
    def people(self) -> str | None:
        """The column of :attr:`headcounts` the text counts, when it has one: the sentence names it ("358
        inmates"), the table ("The prison population fell by a fifth") or people after the figure ("held
        4,099 people", "the fewest people"). A number of the table's rows then reads no sentence."""
        if len(self.headcounts) != 1:
            return None
        (column,) = self.headcounts
        if (words(column) | words(self.p.declared.get(column, ""))) & self.ctx.sentence:
            return column   # "358 inmates", "fewer than 500 votes"
        if (self.ctx.sentence & PEOPLE) and (verb_of(words(column), self.ctx.sentence)
                                          or verb_of(words(self.p.declared.get(column, "")), self.ctx.sentence)):
            return column   # "About 109,000 people voted" of `votes`
        # a column of people (not `sentence_months`), of the table the sentence names or of the people it counts
        if words(column) <= PEOPLE and (self.ctx.table_said or (self.ctx.after | self.ctx.counted) & PEOPLE):
            return column
        return None

    def _threshold_stated_on(self, column: str) -> bool:
        """Does the figure's clause state a threshold on ``column`` ("worth more than $1 million" of
        `amount`)? It names the column then, as its total or median is of the rows past it."""
        head = ident(column) + " "
        return any(a.threshold and a.dim.startswith(head) and a.strong & self.ctx.sentence for a in self.atoms)

    def _medians(self, filters: Filters, period: Atom | None, column: str) -> Floats | None:
        """Each filter's median of ``column`` when the column is also a dimension (few values, so the
        cells count each): the middle value, or the mean of the two middle ones, as DuckDB's
        ``median``; None for a column of many values."""
        if column not in self.cells.columns:
            return None
        col = self.cells.columns[column]
        values = sorted({v for v in col if v is not None})
        counts = np.array(filters.values(self.matrix, np.array([self.cells.n * self._pm(period) * (col == v)
                                                                for v in values]))).reshape(len(values), -1)
        return _exact_medians(np.array(values, dtype=np.float64), counts)

    def _binned_medians(self, filters: Filters, period: Atom | None, column: str, exp: Expectation) -> Floats | None:
        """Each filter's median of ``column`` as far as its ranges tell (:class:`~.cells.Bins`), as
        :func:`_within` stands for it; None when the column's ranges were not read."""
        bins = self.cells.bins.get(column)
        if bins is None:
            return None
        counts = np.array(filters.values(self.matrix, bins.counts * self._pm(period))).reshape(len(bins.edges), -1)
        return _within(*_median_bounds(bins, counts), exp)

    def fraction_means(self, periods: list[Atom | None]) -> Iterator[Found]:
        """A percentage that is the mean of a column of fractions the text names ("44% of students
        were proficient": `mean: proficiency_rate`, each school's rate between 0 and 1), for
        columns whose every row (as far as the cells tell) holds a value from 0 to 1."""
        fractions = [(column, named) for column, _ in self.p.numbers
                     if (named := self.ctx.target(frozenset(words(column)))) >= 0.8 and self._fractions(column)]
        for group in self._groups(periods) if fractions else ():
            filters = self.filters(group[0])
            for period in group:
                pm = self._pm(period)
                for column, named in fractions:
                    sv, cv = filters.values(self.matrix, np.array([self.cells.sums[column] * pm,
                                                                   self.cells.counts[column] * pm]))
                    with np.errstate(divide="ignore", invalid="ignore"):
                        mean = np.where(cv > 0, sv / cv, np.nan)
                    # named right after the figure ("44% of students were proficient"): what it counts
                    after = bool(words(column) & self.ctx.after)
                    yield from self._picked(filters, mean, period, {"mean": ident(column), "of": self.p.table},
                                            (0.3 if named >= 1.5 else 0.0) + (0.6 if after else 0.0),
                                            said=named >= 1.5 or after)

    def _fractions(self, column: str) -> bool:
        """Does the number column hold fractions, from 0 to 1 (a rate per row), as far as its cells'
        means tell?"""
        counts = self.cells.counts[column]
        with np.errstate(divide="ignore", invalid="ignore"):
            held = (self.cells.sums[column] / counts)[counts > 0]
        return bool(held.size) and 0 <= held.min() and held.max() <= 1

    def _exp_of(self, column: str) -> Expectation | None:
        """The expectation in the unit of ``column``'s values when its name gives one (see ``in_unit``).
        A length of time is said of no column whose name gives no unit of time unless the sentence
        or its labels name it ("waits" of ``wait``): "over four years" is no mean of ``population``."""
        from ..expectations.durations import unit_in_name
        if self.in_unit is None:
            return self.exp
        unit = unit_in_name(column)
        if unit is None:
            return self.exp if self.ctx.target(frozenset(words(column))) >= 0.8 else None
        return self.in_unit(unit, column)

    def _targets(self) -> list[Target]:
        sizes = {a.dim: 0 for a in self.atoms}
        for a in self.atoms:
            sizes[a.dim] += 1
        # those the sentence names first, then the rest, conditions of small dimensions first
        scored = sorted(range(len(self.atoms)), key=lambda i: (-self.ctx.target_of(self.atoms[i]),
                                                                sizes[self.atoms[i].dim], i))
        named = [i for i in scored[:MAX_TARGETS] if self.ctx.target_of(self.atoms[i]) > 0]
        # what the sentence names; when it names fewer than MIN_TARGETS, the simplest others too
        chosen = named if len(named) >= MIN_TARGETS else scored[:MIN_TARGETS]
        out = []
        # "Maria Rivera won 53% of the vote …, unseating Mayor Tom Hale, who took 47%": a figure is of the value
        # written before it in its clause; another value of that column the sentence names is the other figure's
        before = {a.dim for a in self.atoms if (a.strong - WEAK) and (a.strong - WEAK) <= self.ctx.before}
        for i in chosen:
            a = self.atoms[i]
            known = a.known.astype(np.float64)
            score = self.ctx.target_of(a) - (0.1 if "." in a.dim else 0.0)
            if a.dim in before and not (a.strong - WEAK) <= self.ctx.before and score > 0:
                score -= OTHER_FIGURES
            out.append(Target(a.text, a.words, a.strong, a.mask.astype(np.float64), known, known, frozenset({a.dim}),
                              score, i))
        return out + self._pair_targets(scored) + self._union_targets()

    def _pair_targets(self, scored: list[int]) -> list[Target]:
        """Two conditions that one word of the sentence names together ("girls": female and minor)."""
        named = [i for i in scored[:MAX_TARGETS] if self.atoms[i].strong and self.ctx.target(self.atoms[i].strong) > 0]
        out = []
        for k, i in enumerate(named):
            for j in named[k + 1:]:
                a, b = self.atoms[i], self.atoms[j]
                if a.dim == b.dim or self.implies[i, j] or self.implies[j, i]:
                    continue
                combo = self.ctx.combo(a.strong, b.strong)
                if combo <= 0:
                    continue
                ma, mb, ka, kb = (x.astype(np.float64) for x in (a.mask, b.mask, a.known, b.known))
                known = np.maximum(ka * kb, np.maximum(ka * (1 - ma), kb * (1 - mb)))
                out.append(Target(f"{a.text} and {b.text}", a.words | b.words, a.strong | b.strong, ma * mb, known,
                                  ka * kb, frozenset({a.dim, b.dim}), combo))
        return out[:MAX_PAIR_TARGETS]

    def _union_targets(self) -> list[Target]:
        """Two values of one column the figure's clause names side by side ("the Bronx and Brooklyn
        accounted for 67% of filings", "Facebook or Instagram"): a share of the rows holding
        either (``borough in ['Bronx', 'Brooklyn']``)."""
        out = []
        for dim, groups in self._named_groups().items():
            for i, j in self._in_order(groups):
                a, b = self.atoms[i], self.atoms[j]
                texts = (literal(a.value), literal(b.value))
                if None in texts or not _side_by_side(self.ctx.says, a.value, b.value):
                    continue
                score = min(self.ctx.target_of(a), self.ctx.target_of(b))
                if score <= 0:
                    continue
                score += 0.2  # the sentence says both: above either value alone ("a B or C grade", not B's)
                known = a.known.astype(np.float64)
                out.append(Target(f"{ident(dim)} in [{texts[0]}, {texts[1]}]", a.words | b.words, a.strong | b.strong,
                                  (a.mask | b.mask).astype(np.float64), known, known, frozenset({dim}), score))
        return out[:MAX_PAIR_TARGETS]

    def _known_filter(self, target: Target) -> Floats:
        """Conditions that keep exactly the rows where a two-condition share is known ("whose sex and
        age are known"): the denominator a reporter states for such a share."""
        bonus = np.zeros(len(self.atoms))
        if target.index is not None:
            return bonus
        live = self.cells.n > 0
        both = (target.both > 0) & live
        for i, a in enumerate(self.atoms):
            if np.array_equal(a.mask & live, both):
                bonus[i] = 1.0
        return bonus

    def _known_of(self, index: int | None) -> frozenset[int]:
        """The "known" conditions on the dimension of a value condition (``referral_source != 'unknown'``
        for ``referral_source == 'victim_self_report'``): they may filter a share or a top of it."""
        if index is None:
            return frozenset()
        value = self.atoms[index].value
        if isinstance(value, bool):   # minor: minor is not null
            return frozenset(i for i, a in enumerate(self.atoms) if a.dim == self.atoms[index].dim
                             and a.value == ("is not null", None))
        if value is None or isinstance(value, tuple):
            return frozenset()
        return frozenset(i for i, a in enumerate(self.atoms) if a.dim == self.atoms[index].dim
                         and isinstance(a.value, tuple) and a.value[1] != value)

    def _share_targets(self) -> dict[frozenset[int], list[tuple[Target, Floats]]]:
        """The numerators a share is tried with, grouped by the conditions their filters leave out,
        each with the scores of the conditions as filters of it."""
        targets = self._targets()
        if sum(1 for t in targets if t.index is not None) == MAX_TARGETS:
            self.ctx.capped.append(f"{self.p.table}: shares of at most {MAX_TARGETS} conditions tried")
        prepared: dict[frozenset[int], list[tuple[Target, Floats]]] = {}
        for target in targets:
            # a word that names the share's numerator does not also justify a filter
            ctx = replace(self.ctx, sentence=self.ctx.sentence - target.strong)
            known = self._known_filter(target)
            allow = self._known_of(target.index)
            # the share's own column (but its "known" filter), and conditions that alone decide it
            decided = self.table.decides[:, target.index] if target.index is not None else np.zeros(len(self.atoms))
            avoid = frozenset(i for i, a in enumerate(self.atoms)
                              if (a.dim in target.dims and i not in allow) or decided[i])
            per_atom = np.where(known > 0, KNOWN_BONUS, self._atom_scores(ctx))
            prepared.setdefault(avoid, []).append((target, per_atom))
        return prepared

    def weighted_shares(self, periods: list[Atom | None]) -> Iterator[Found]:
        """A share of a number column's total, when the words right after the figure name that column
        as what it counts ("Charter schools enrolled about one in five students": of the students of
        every school, not of the schools): ``ratio`` of its sum under the condition to its sum under
        the filter alone; or, after "of it", the column the sentence before names ("The city paid
        $69.5 million in overtime. Police accounted for 38% of it."). A column named elsewhere
        ("Victims … were the source of over one-third of the referrals") is not what the share counts."""
        # a total of fractions (each school's pass rate) is no whole that anything is a share of
        named = self.ctx.after | (self.ctx.labels if self.ctx.of_it else set())  # "of it": the sentence before's
        columns = [c for c, _ in self.p.numbers if (words(c) & named or c == self._shared) and not self._fractions(c)]
        if not columns:
            return
        for avoid, targets in self._share_targets().items():
            for group in self._groups(periods):
                filters = self.filters(group[0], avoid)
                for column in columns:
                    for period in group:
                        weight = self.cells.sums[column] * self._pm(period)
                        whole = filters.values(self.matrix, weight)
                        for target, per_atom in targets:
                            with np.errstate(divide="ignore", invalid="ignore"):
                                values = np.where(whole > 0, filters.values(self.matrix, weight * target.mask) / whole,
                                                  np.nan)
                            yield from self._picked(filters, values, period, {}, target.score + 0.3, per_atom,
                                                    said=target.score >= 1.5 - 0.1, named=target.score >= 0.8 - 0.1,
                                                    build=partial(self._of_a_total, column, period, target))

    def top_shares(self, periods: list[Atom | None]) -> Iterator[Found]:
        """"The top 10 earners took home 17% of all overtime in 2024": the share of a number column's
        total held by its ``top_n`` largest values (``top_share: overtime_pay, top_n: 10``), when the
        sentence names such a top (:attr:`Context.top_n`), under the filters the text names every
        condition of (at most :data:`MAX_TOP_FILTERS`, the best-scored). The largest values of a filter
        are among the largest of its cells (:class:`~.cells.Tops`); fewer values than the top, or one
        below zero, give no share (the run says why)."""
        return self._tops(periods, share=True)

    def top_sums(self, periods: list[Atom | None]) -> Iterator[Found]:
        """"The 10 highest-paid officers took home $1.4 million": the sum itself of a number column's
        ``top_n`` largest values (``top_sum: overtime_pay, top_n: 10``), found as :meth:`top_shares`
        finds their share; a total of zero is no obstacle to a sum."""
        return self._tops(periods, share=False)

    def _tops(self, periods: list[Atom | None], *, share: bool) -> Iterator[Found]:
        """The top's share of each filter's total (``share``), or the top's sum (``top_sum``)."""
        n = self.ctx.top_n
        if n is None:
            return
        live = self.cells.n > 0
        kind = "top_share" if share else "top_sum"
        for column, _ in self.p.numbers:
            tops = self.cells.tops.get(column)
            if tops is None or tops.n < n:
                continue
            # "… received nearly two-thirds of the money": the one column of money is what the share is of
            named = 1.5 if column == self._money_shared() else self.ctx.target(frozenset(words(column)))
            negative = np.nan_to_num(self.cells.mins[column], nan=0.0) < 0
            for group in self._groups(periods):
                filters = self.filters(group[0])
                kept = np.nonzero(filters.named(self.per_atom, NAMED))[0]
                kept = kept[np.argsort(-filters.scores(self.per_atom)[kept], kind="stable")[:MAX_TOP_FILTERS]]
                totals = filters.values(self.matrix, np.array([self.cells.sums[column] * self._pm(p) for p in group]))
                for period, total in zip(group, np.atleast_2d(totals), strict=True):
                    values = np.full(len(filters), np.nan)
                    pm = live if period is None else live & period.mask
                    for k in kept:
                        member = pm.copy()
                        for i in filters.items(int(k)):
                            member &= self.matrix[i] > 0
                        held = tops.values[member].ravel()
                        held = held[np.isfinite(held)]
                        if len(held) < n or negative[member].any() or (share and total[k] <= 0):
                            continue
                        top = float(np.partition(held, len(held) - n)[len(held) - n:].sum())
                        values[k] = top / total[k] if share else top
                    yield from self._picked(filters, values, period,
                                            {kind: ident(column), "of": self.p.table, "top_n": n},
                                            TOP_SAID + _naming(named), said=named >= 1.5, named=named >= 0.8)
                    for by, grouped in self.cells.groups.items():
                        values = self._group_tops(grouped, column, filters, kept, pm, total, share, n)
                        yield from self._picked(filters, values, period,
                                                {kind: ident(column), "of": self.p.table, "by": ident(by), "top_n": n},
                                                TOP_SAID + GROUPS_SAID + _naming(named), said=named >= 1.5,
                                                named=named >= 0.8)

    def _group_tops(self, grouped: GroupSums, column: str, filters: Filters, kept: npt.NDArray[np.int64],
                    pm: npt.NDArray[np.bool_], total: Floats, share: bool, n: int) -> Floats:
        """"The top five vendors received nearly two-thirds of the money": for each kept filter, the sum
        of its ``n`` largest groups (each the sum of its rows in the filter's cells), over the filter's
        total (``share``) or as it is; nan where fewer than ``n`` groups have a value, or one is below
        zero (the run says why), and where each group is one row (the top of rows is that top)."""
        values = np.full(len(filters), np.nan)
        sums = grouped.sums[column]
        valued = np.isfinite(sums)
        for k in kept:
            member = pm.copy()
            for i in filters.items(int(k)):
                member &= self.matrix[i] > 0
            rows = member[grouped.cell] & valued
            if not rows.any() or (share and total[k] <= 0):
                continue
            per_group = np.bincount(grouped.group[rows], weights=sums[rows], minlength=grouped.groups)
            counted = np.bincount(grouped.group[rows], weights=grouped.rows[rows], minlength=grouped.groups)
            if counted.max() <= 1:
                continue  # a group of one row each (an officer's one row of 2024): the top of rows says it
            held = per_group[counted > 0]
            if len(held) < n or (held < 0).any():
                continue
            top = float(np.partition(held, len(held) - n)[len(held) - n:].sum())
            values[k] = top / total[k] if share else top
        return values

    def _of_a_total(self, column: str, period: Atom | None, target: Target, conds: tuple[Atom, ...]) -> dict[str, Any]:
        where = _where(period, conds)
        if column in (*self.p.declared, self.people, self._money_shared()) and self._known_everywhere(target):
            # "won 53% of the vote": a share of the votes, written as one (its rows weighed by them); the rows
            # whose condition is unknown are out of both sums, where a ratio's denominator keeps them
            return {"share": target.text, "of": self.p.table, "sum": ident(column), **({"where": where} if where else {})}
        total = {"sum": ident(column), "of": self.p.table}
        return {"ratio": {"numerator": {**total, "where": _both(target.text, where)},
                          "denominator": {**total, **({"where": where} if where else {})}}}

    @cached_property
    def _shared(self) -> str | None:
        """The column of counts a share is of: :attr:`people`, when the words right after the figure name
        it ("53% of the vote") or nothing while the sentence does ("who took 47%." after "the vote"); not
        "one-third of the referrals", which says the share is of the rows, nor "a third of patients
        waited" of `wait_minutes`, which names it in part. Every word of its name is said."""
        if self.people is None:
            return self._money_shared()
        if not words(self.people) <= (self.ctx.after or self.ctx.sentence):
            return None
        return self.people

    def _money_shared(self) -> str | None:
        """The column of money a share is of, when the words right after the figure say dollars or
        money ("one in five dollars the city awarded", "12% of the dollars"): the table's one number
        column named as an amount (`amount`, `award_value`, `cost`), of which the share is weighed,
        not of the rows (the contracts). None when the words say neither, or the table has no such
        column or several."""
        if not self.ctx.after & SAID_MONEY:
            return None
        amounts = [c for c, _ in self.p.numbers if words(c, synonyms=False) & MONEY_COLUMNS and not self._fractions(c)]
        return amounts[0] if len(amounts) == 1 else None

    def _known_everywhere(self, target: Target) -> bool:
        """Does every row tell whether it meets ``target`` (a share of a column then is the ratio of its sums)?"""
        return bool(np.all((target.known > 0) | (self.cells.n == 0)))

    def shares(self, periods: list[Atom | None]) -> Iterator[Found]:
        prepared = self._share_targets()
        for group in self._groups(periods):
            for avoid, batch_targets in prepared.items():
                filters = self.filters(group[0], avoid)
                weights = [self.cells.n * self._pm(p) * w for p in group for t, _ in batch_targets
                           for w in (t.mask, t.known)]
                # and the rows of each filter, for a share of all of them (the unknown counted as not)
                unknown = [bool(np.any((t.known == 0) & (self.cells.n > 0))) for t, _ in batch_targets]
                weights += [self.cells.n * self._pm(p) for p in group] if any(unknown) else []
                batch = iter(filters.values(self.matrix, np.array(weights)))
                pairs = [(g, period, k, next(batch), next(batch)) for g, period in enumerate(group)
                         for k in range(len(batch_targets))]
                rows = [next(batch) for _ in group] if any(unknown) else []
                for g, period, k, nv, dv in pairs:
                    target, per_atom = batch_targets[k]
                    with np.errstate(divide="ignore", invalid="ignore"):
                        values = np.where(dv > 0, nv / dv, np.nan)
                    # "won 53% of the vote" of a row per candidate and precinct: the votes, not the rows
                    counted = self._shared is None
                    yield from self._picked(filters, values, period, {"share": target.text, "of": self.p.table},
                                            target.score - (0.0 if counted else PEOPLE_ROWS), per_atom,
                                            said=counted and target.score >= 1.5 - 0.1,
                                            named=counted and target.score >= 0.8 - 0.1)
                    if unknown[k]:
                        yield from self._of_all_rows(filters, nv, rows[g], period, target, per_atom)

    def _of_all_rows(self, filters: Filters, nv: Floats, rows: Floats, period: Atom | None, target: Target,
                     per_atom: Floats) -> Iterator[Found]:
        """A share of every row, those whose condition is unknown counted as not meeting it: a ratio
        of two counts ("nearly three in five cases" of all the filings, the landlords not known
        among them), where a ``share`` leaves the unknown out. Ranked below the share itself."""
        with np.errstate(divide="ignore", invalid="ignore"):
            values = np.where(rows > 0, nv / rows, np.nan)

        def ratio(conds: tuple[Atom, ...]) -> dict[str, Any]:
            where = _where(period, conds)
            numerator = {"count": self.p.table, "where": _both(target.text, where)}
            return {"ratio": {"numerator": numerator, "denominator": self._count(period, conds)}}
        yield from self._picked(filters, values, period, {}, target.score - OF_ALL_ROWS, per_atom,
                                said=target.score >= 1.5 - 0.1, named=target.score >= 0.8 - 0.1, build=ratio)

    def _of_column(self, kind: str, column: str, conds: tuple[Atom, ...]) -> dict[str, Any]:
        """``{kind: column}`` of this table's rows under ``conds`` (a change's inner measure)."""
        where = _where(None, conds)
        return {kind: ident(column), "of": self.p.table, **({"where": where} if where else {})}

    def _count(self, period: Atom | None, conds: tuple[Atom, ...]) -> dict[str, Any]:
        """``count`` of this table's rows under a period and conditions."""
        where = _where(period, conds)
        return {"count": self.p.table, **({"where": where} if where else {})}

    def rates(self, periods: list[Atom | None], base: Table, column: str, base_periods: list[Atom | None],
              per: int, amounts: bool = False) -> Iterator[Found]:
        """This table's rows per ``per`` of a number column of another table ("1.8 filings per 1,000
        households": ``ratio``, ``per: 1000``). The denominator sums ``column`` over the base table's
        rows that meet the filter's conditions on the columns both tables have (``borough ==
        'Bronx'``), and its period when the base table has that column too; the conditions on
        columns it does not have (the year a case was filed) keep the numerator's rows only. The
        numerator may also be the sum of a number column ("$1,200 per resident"; only such, for an
        amount of money: ``amounts``), and the base a column of this table (:meth:`_rates`)."""
        for filters, period, values, rate, extra in self._rates(periods, base, column, base_periods, per, amounts):
            yield from self._picked(filters, values, period, {}, extra, build=rate)

    def rate_changes(self, periods: list[Atom | None], spans: list[tuple[int, int]], base: Table, column: str,
                     base_periods: list[Atom | None], per: int) -> Iterator[Found]:
        """The change between two years of the rate the sentence states ("$13,955 per student in
        2024, up 28% from 2015"): ``change`` of the ``ratio`` (see :meth:`rates`) over the year
        column, each filter's rate at the two years."""
        years = {p.year: p for p in periods if p is not None and p.year is not None}
        for a, b in spans:
            pa, pb = years.get(a), years.get(b)
            if pa is None or pb is None or pa.dim != pb.dim:
                continue
            made = list(self._rates([pa, pb], base, column, base_periods, per))
            for (filters, _, before, rate, extra), (_, _, after, _, _) in zip(made[::2], made[1::2], strict=True):
                with np.errstate(divide="ignore", invalid="ignore"):
                    values = np.where(before > 0, after / before - 1, np.nan)

                def change(conds: tuple[Atom, ...], rate: Callable[..., dict[str, Any]] = rate, a: int = a, b: int = b,
                           over: str = pa.dim) -> dict[str, Any]:
                    return {"change": rate(conds, period=None, both=False), "over": ident(over), "from": a, "to": b}
                yield from self._picked(filters, values, pb, {}, extra, build=change)

    def rate_comparisons(self, periods: list[Atom | None], base: Table, column: str, base_periods: list[Atom | None],
                         per: int, as_: str = "ratio") -> Iterator[Found]:
        """How many times the rate of the whole a part's rate is ("1.8 filings per 1,000 households in
        the Bronx, more than twice the city's rate"): ``compare:`` the rate under a filter holding a
        condition the text names on a column both tables have, ``with:`` the same rate without that
        condition, ``as: ratio``; and one value's rate against another's when the sentence names
        both ("nearly four times Clark's rate"), the whole's then being no reading of it. With
        ``as_="absolute"``, how much more it is ("$3,100 more per student than rural ones")."""
        shared = {d.name for d in base.profile.dimensions}
        pairs = self._named_groups()

        def gap(x: float, y: float) -> float:
            return (x / y if y > 0 else np.nan) if as_ == "ratio" else x - y

        def part(items: tuple[int, ...]) -> int | None:
            """The condition a filter's rate is a part by: the first the text names on a shared column
            (not on one the sentence names two values of: that is one group against another)."""
            return next((i for i in items if self.atoms[i].dim in shared and self.atoms[i].dim not in pairs
                         and self.per_atom[i] >= NAMED), None)
        for filters, period, values, rate, extra in self._rates(periods, base, column, base_periods, per):
            rows = {frozenset(filters.items(k)): k for k in range(len(filters))}
            gaps = np.full(len(filters), np.nan)
            for k in range(len(filters)):
                items = filters.items(k)
                i = part(items)
                whole = rows.get(frozenset(items) - {i}) if i is not None else None
                if whole is not None:
                    gaps[k] = gap(values[k], values[whole])

            def compare(conds: tuple[Atom, ...], rate: Callable[[tuple[Atom, ...]], dict[str, Any]] = rate) -> dict[str, Any]:
                i = part(tuple(self._position[id(c)] for c in conds))
                return {"compare": rate(conds), "with": rate(tuple(c for c in conds if self._position[id(c)] != i)),
                        **({"as": as_} if as_ != "absolute" else {})}
            yield from self._picked(filters, gaps, period, {}, extra, build=compare)
            # one group's rate against another's: "66 deaths per 100,000 residents, nearly four times Clark's rate"
            for dim, groups in pairs.items():
                if dim not in shared:
                    continue
                for i, j in self._in_order(groups):
                    gaps = np.full(len(filters), np.nan)
                    for k in range(len(filters)):
                        held = frozenset(filters.items(k))
                        other = rows.get(held - {i} | {j}) if i in held else None
                        if other is not None:
                            gaps[k] = gap(values[k], values[other])
                    yield from self._picked(filters, gaps, period, {}, extra + self.per_atom[j],
                                            build=partial(self._by_groups, rate, dim, i, j, as_))

    def _rates(self, periods: list[Atom | None], base: Table, column: str, base_periods: list[Atom | None],
               per: int, amounts: bool = False) -> Iterator[tuple[Filters, Atom | None, Floats, Rated, float]]:
        """For each period and numerator: the filters, their rates (see :meth:`rates`), the measure of a
        filter's rate, and what the numerator adds to a candidate's score. The numerator is the
        table's rows (not for an amount of money: ``amounts``) or the sum of one of its number
        columns ("$1,200 per resident": the spending), the one the text names first; the base table
        may be this one ("per resident" of a column of residents beside the spending).

        The denominators are worked out once for each combination of shared conditions, of which
        there are few, however many filters share them."""
        shared_dims = {d.name for d in base.profile.dimensions}
        theirs = {a.text: a.mask.astype(np.float64) for a in base.atoms}
        none = np.zeros(base.cells.size)
        masks = [theirs.get(a.text, none) if a.dim in shared_dims else None for a in self.atoms]
        held = {p.text: p for p in base_periods if p is not None}
        numerators: list[tuple[dict[str, Any], Floats, float]] = [] if amounts or base is self.table else [
            ({"count": self.p.table}, self.cells.n, 0.3)]  # rows per a column of their own: no rate
        for c, _ in self.p.numbers:
            if base.profile.table != self.p.table or c != column:
                named = self.ctx.target(frozenset(words(c)))
                numerators.append(({"sum": ident(c), "of": self.p.table}, self.cells.sums[c], _naming(named)))
        for group in self._groups(periods):
            filters = self.filters(group[0])
            # each filter's conditions on shared columns (-1: none), and the denominators of those combinations
            keys = np.where(np.append([m is not None for m in masks], False)[filters.index], filters.index, -1)
            combos, which = np.unique(keys, axis=0, return_inverse=True)
            for inner, weight, extra in numerators:
                batch = filters.values(self.matrix, np.array([weight * self._pm(p) for p in group]))
                for period, amounts_of in zip(group, batch, strict=True):
                    theirs_too = period is not None and period.dim in shared_dims
                    kept = held.get(period.text) if period is not None and theirs_too else None
                    if theirs_too and kept is None:
                        continue  # the base table holds the period's column but not its years
                    weights = base.cells.sums[column] * (kept.mask if kept is not None else 1.0)
                    dens = np.array([float(np.prod([masks[i] for i in combo if i >= 0] or [np.ones(base.cells.size)],
                                                   axis=0) @ weights) for combo in combos])
                    den = dens[which.reshape(-1)]
                    with np.errstate(divide="ignore", invalid="ignore"):
                        values = np.where(den > 0, per * amounts_of / den, np.nan)

                    def rate(conds: tuple[Atom, ...], period: Atom | None = period, both: bool = theirs_too,
                             inner: dict[str, Any] = inner) -> dict[str, Any]:
                        where = _where(period if both else None, tuple(c for c in conds if c.dim in shared_dims))
                        denominator = {"sum": ident(column), "of": base.profile.table, **({"where": where} if where else {})}
                        numerator = {**inner, **({"where": w} if (w := _where(period, conds)) else {})}
                        return {"ratio": {"numerator": numerator, "denominator": denominator},
                                **({"per": per} if per != 1 else {})}
                    yield filters, period, values, rate, extra

    def group_comparisons(self, periods: list[Atom | None], as_: str = "ratio") -> Iterator[Found]:
        """One group's rows (or mean of a column the text names) against another group's, for two
        values of one column the sentence names both of, the value named first as ``a``
        (:meth:`_in_order`): how many times as many ("twice as many filings in the Bronx as in
        Brooklyn": ``compare: {count: …}, by: borough, a: Bronx, b: Brooklyn, as: ratio``), or, with
        ``as_="absolute"``, how many more ("the Bronx had 392 more filings than Queens": ``expect:
        392 more``; for an amount of money, by the sums of its number columns)."""
        # a sentence that names both groups says what it compares: a condition only the sentences
        # before it name ("Harbor Point was the busiest station" before "Members took more than twice
        # as many trips as casual riders") is no part of it
        echoes = frozenset(k for k, score in enumerate(self.per_atom) if 0 < score < SAID)
        for dim, groups in self._named_groups(lookups=True).items():
            avoid = frozenset(k for k, a in enumerate(self.atoms) if a.dim == dim) | echoes
            for same_column in self._groups(periods):
                filters = self.filters(same_column[0], avoid)
                for inner, period, of, extra in self._of_groups(filters, same_column, groups):
                    def measure(conds: tuple[Atom, ...], inner: dict[str, Any] = inner,
                                period: Atom | None = period) -> dict[str, Any]:
                        where = _where(period, conds)
                        return {**inner, **({"where": where} if where else {})}
                    for i, j in self._in_order(groups):
                        if as_ == "ratio":
                            with np.errstate(divide="ignore", invalid="ignore"):
                                gaps = np.where(of[j] > 0, of[i] / of[j], np.nan)
                        else:
                            gaps = of[i] - of[j]
                        yield from self._picked(filters, gaps, period, {}, 0.3 + extra + self.per_atom[i] + self.per_atom[j],
                                                build=partial(self._by_groups, measure, dim, i, j, as_))

    def _named_groups(self, lookups: bool = False) -> dict[str, list[int]]:
        """The values of each column of the table's own that the sentence names two or more of: the
        groups a comparison or a change of rank can be between (their conditions); with ``lookups``,
        of its lookups' columns too ("Parks … $3 million more than the sanitation department" of
        `agency.department`)."""
        named: dict[str, list[int]] = {}
        for i, a in enumerate(self.atoms):
            if self.per_atom[i] >= SAID and not a.threshold and a.value is not None \
                    and not isinstance(a.value, (bool, tuple)) and (lookups or "." not in a.dim):
                named.setdefault(a.dim, []).append(i)
        return {dim: groups for dim, groups in named.items() if len(groups) >= 2}

    def _in_order(self, groups: list[int]) -> list[tuple[int, int]]:
        """The pairs of groups (conditions) in the order the sentence names them: "Dover … four times
        Clark's rate" compares Dover with Clark, "Queens overtook Brooklyn" puts Queens first. Both
        orders when one of them is not written as it is in the data."""
        return [(i, j) for i, j in permutations(groups, 2)
                if _said_first(self.ctx.says, self.atoms[i].value, self.atoms[j].value)]

    def _of_groups(self, filters: Filters, periods: list[Atom | None],
                   groups: list[int]) -> Iterator[tuple[dict[str, Any], Atom | None, dict[int, Floats], float]]:
        """Per measure (the rows; the mean of each number column the text names) and period: its
        value under every filter within each group (a condition), and what the measure adds to a
        candidate's score (how well the text names its column)."""
        for inner, weight, count, extra in self._rows_and_means(0.3):
            for period in periods:
                pm = self._pm(period)
                of = {i: filters.values(self.matrix, weight * pm * self.atoms[i].mask) for i in groups}
                if count is not None:
                    with np.errstate(divide="ignore", invalid="ignore"):
                        of = {i: np.where(n > 0, of[i] / n, np.nan) for i in groups
                              for n in [filters.values(self.matrix, count * pm * self.atoms[i].mask)]}
                yield inner, period, of, extra

    def _rows_and_means(self, least: float) -> list[tuple[dict[str, Any], Floats, Floats | None, float]]:
        """What groups are compared by: their rows, and the mean of each number column the text names
        (:meth:`Context.target` at least ``least``), each as (inner measure, sums per cell, counts per
        cell or None for the rows themselves, what it adds to a score: the better its column is
        named, the more). The median instead of the mean when the sentence says "median" (the mean
        standing in for it). For an amount of money ("about $700,000 less than Alvarez"), the sum of
        each number column instead of the rows, named or not; the sum of a column the words right
        after the figure name ("300 more *votes* than Becker") before its mean."""
        middle = "median" if self.ctx.median else "mean"
        named = [(c, self.ctx.target(frozenset(words(c)))) for c, _ in self.p.numbers]
        means = [({middle: ident(c), "of": self.p.table}, self.cells.sums[c], self.cells.counts[c], _naming(t))
                 for c, t in named if t >= least]
        if is_money(self.exp.written):
            return [*(({"sum": ident(c), "of": self.p.table}, self.cells.sums[c], None, _naming(t)) for c, t in named),
                    *means]
        totals = [({"sum": ident(c), "of": self.p.table}, self.cells.sums[c], None, _naming(t) + 0.3)
                  for c, t in named if t >= least and words(c) & self.ctx.after]
        return [({"count": self.p.table}, self.cells.n, None, 0.0), *totals, *means]

    def _by_groups(self, measure: Callable[[tuple[Atom, ...]], dict[str, Any]], dim: str, i: int, j: int,
                   as_: str, conds: tuple[Atom, ...]) -> dict[str, Any]:
        """``compare`` of the measure of ``conds`` (but the groups' own) between groups ``i`` and ``j``;
        ``as_``: ``ratio``, or ``absolute`` (the default, which the measure then leaves out)."""
        rest = tuple(c for c in conds if c is not self.atoms[i] and c is not self.atoms[j])
        return {"compare": measure(rest), "by": ident(dim), "a": self.atoms[i].value, "b": self.atoms[j].value,
                **({"as": as_} if as_ != "absolute" else {})}

    # ------------------------------------------------------------------ over years
    def _by_year(self, column: str, weights: Floats) -> tuple[list[int], Floats, Floats]:
        """Per year of ``column``: the total and each atom's count (atoms x years)."""
        years, onehot = self.table.onehot(column)
        totals = onehot @ weights
        per_atom = (self.matrix * weights) @ onehot.T
        return years, totals, per_atom

    def changes(self, spans: list[tuple[int, int]], year_columns: list[str], as_: str) -> Iterator[Found]:
        """The change between two years of a count (alone or under one condition), or of the mean of
        a number column the text names ("the median rent … up 9% from 2023": the median when the
        sentence says so, the mean standing in for it here; the real run computes it, and a
        stand-in near the figure is tried for real too), or of its sum ("burned 128,299 acres, up
        48%"), first unless the sentence speaks of an average or a median."""
        middle = "median" if self.ctx.median else "mean"
        # a column the sentence itself names: one a label names (an earlier sentence's "new" for
        # `age_at_charge`) is no change anybody wrote of
        averaged = [c for c, _ in self.p.numbers if self.ctx.target(frozenset(words(c))) >= 1.5 or c == self.people]
        # "burned 128,299 acres, up 48%": the change of the total, before the mean's, unless the
        # sentence speaks of an average ("the average fire burned 8% more acres")
        averaging = self.ctx.median or bool(self.ctx.sentence & AVERAGES)
        for column in year_columns:
            years, totals, per_atom = self._by_year(column, self.cells.n)
            index = {y: i for i, y in enumerate(years)}
            series: list[tuple[Callable[[tuple[Atom, ...]], dict[str, Any]], Floats, Floats, float]] = [
                (lambda conds: self._count(None, conds), totals, per_atom, UNNAMED if self.people else 0.0)]
            binned: list[str] = []
            for number in averaged:
                _, sums, sums_of = self._by_year(column, self.cells.sums[number])
                _, counts, counts_of = self._by_year(column, self.cells.counts[number])
                with np.errstate(divide="ignore", invalid="ignore"):
                    means, means_of = sums / counts, sums_of / counts_of
                if self.ctx.median and number in self.cells.bins:
                    binned.append(number)  # the median's own bounds, not the mean's change, below
                else:
                    series.append((partial(self._of_column, middle, number), means, means_of, 0.3))
                if not averaging:
                    series.append((partial(self._of_column, "sum", number), sums, sums_of, 0.4))
            for a, b in spans:
                if a not in index or b not in index:
                    continue
                for inner, whole, of_atom, extra in series:
                    yield from self._changes_of(inner, whole, of_atom, column, index[a], index[b], a, b, as_, extra)
                for number in binned:
                    yield from self._median_changes(number, column, index[a], index[b], a, b, as_)

    def _median_years(self, number: str, column: str) -> tuple[Floats, Floats, Floats, Floats]:
        """Bounds on each year's median of ``number`` (over ``column``), of all rows and under each
        condition: the same for every claim of the table, so computed once."""
        key = (number, column)
        if key not in self.table.median_years:
            bins = self.cells.bins[number]
            _, onehot = self.table.onehot(column)
            whole = bins.counts @ onehot.T                                               # ranges x years
            of_atom = np.stack([(self.matrix * row) @ onehot.T for row in bins.counts])  # ranges x atoms x years
            self.table.median_years[key] = (*_median_bounds(bins, whole), *_median_bounds(bins, of_atom))
        return self.table.median_years[key]

    def _median_changes(self, number: str, column: str, i: int, j: int, a: int, b: int, as_: str) -> Iterator[Found]:
        """The change of the median of ``number`` from year ``a`` to ``b`` (of all rows, and under each
        condition), from the bounds its ranges give each year's median: "Median overtime in the Fire
        department fell 2%" while its mean rose 1%, which no mean standing in for it finds."""
        low_w, high_w, low_a, high_a = self._median_years(number, column)
        rows: list[tuple[tuple[Atom, ...], Any, Any, Any, Any]] = [((), low_w[i], high_w[i], low_w[j], high_w[j])]
        rows += [((self.atoms[k],), low_a[k, i], high_a[k, i], low_a[k, j], high_a[k, j]) for k in range(len(self.atoms))]
        for conds, lo_x, hi_x, lo_y, hi_y in rows:
            if not all(np.isfinite(v) for v in (lo_x, hi_x, lo_y, hi_y)):
                continue
            if as_ == "percent":
                if lo_x <= 0:
                    continue
                low, high = lo_y / hi_x - 1, hi_y / lo_x - 1
            else:
                low, high = lo_y - hi_x, hi_y - lo_x
            arr = _within(np.array([low]), np.array([high]), self.exp)
            ok = bool(_inside(arr, self.exp)[0])
            dist = float(_distance(arr, self.exp)[0])
            if self._useless(ok, dist, conds):
                continue
            m: dict[str, Any] = {"change": self._of_column("median", number, conds), "over": ident(column),
                                 "from": a, "to": b}
            if as_ != "percent":
                m["as"] = as_
            yield self._found(m, float(arr[0]), ok, dist, None, conds,
                              0.5 + 0.3 + (0.5 if a in self.ctx.years else 0.0),
                              ok or dist <= NEAR, self._years_read(a, b), self._years_read(a, b), own=True)

    def _changes_of(self, inner: Callable[[tuple[Atom, ...]], dict[str, Any]], whole: Floats, of_atom: Floats,
                    column: str, i: int, j: int, a: int, b: int, as_: str, extra: float) -> Iterator[Found]:
        """The change of one series (its whole, and under each condition) from year ``a`` to ``b``."""
        rows: list[tuple[tuple[Atom, ...], Any, Any]] = [((), whole[i], whole[j])]
        rows += [((self.atoms[k],), of_atom[k, i], of_atom[k, j]) for k in range(len(self.atoms))]
        for conds, x, y in rows:
            if not (np.isfinite(x) and np.isfinite(y)):
                continue
            if as_ == "percent":
                if x <= 0:
                    continue
                value = y / x - 1
            else:
                value = y - x
            arr = np.array([value])
            ok = bool(_inside(arr, self.exp)[0])
            dist = float(_distance(arr, self.exp)[0])
            if self._useless(ok, dist, conds):
                continue
            m: dict[str, Any] = {"change": inner(conds), "over": ident(column), "from": a, "to": b}
            if as_ != "percent":
                m["as"] = as_
            yield self._found(m, float(value), ok, dist, None, conds,
                              0.5 + extra + (0.5 if a in self.ctx.years else 0.0),
                              ok or dist <= NEAR, self._years_read(a, b), self._years_read(a, b), own=True)

    def point_changes(self, spans: list[tuple[int, int]], year_columns: list[str]) -> Iterator[Found]:
        for column in year_columns:
            for target in self._targets():
                years, nt, num = self._by_year(column, self.cells.n * target.mask)
                _, dt, den = self._by_year(column, self.cells.n * target.known)
                index = {y: i for i, y in enumerate(years)}
                for a, b in spans:
                    if a not in index or b not in index:
                        continue
                    rows: list[tuple[tuple[Atom, ...], Any, Any, Any, Any]] = [
                        ((), nt[index[a]], dt[index[a]], nt[index[b]], dt[index[b]])]
                    rows += [((self.atoms[i],), num[i, index[a]], den[i, index[a]], num[i, index[b]], den[i, index[b]])
                             for i in range(len(self.atoms)) if self.atoms[i].dim not in target.dims]
                    for conds, na, da, nb, db in rows:
                        if da <= 0 or db <= 0:
                            continue
                        arr = np.array([nb / db - na / da])
                        ok = bool(_inside(arr, self.exp)[0])
                        dist = float(_distance(arr, self.exp)[0])
                        if self._useless(ok, dist, conds):
                            continue
                        inner: dict[str, Any] = {"share": target.text, "of": self.p.table}
                        if conds:
                            inner["where"] = _where(None, conds)
                        m = {"change": inner, "over": ident(column), "from": a, "to": b, "as": "points"}
                        yield self._found(m, float(arr[0]), ok, dist, None, conds, target.score, ok or dist <= NEAR,
                                          target.score >= 1.5 - 0.1 and self._years_read(a, b),
                                          target.score >= 0.8 - 0.1 and self._years_read(a, b),
                                          own=target.score >= 1.5 - 0.1)

    def extremes(self, at_years: list[int], since: int | None, year_columns: list[str]) -> Iterator[Found]:
        """Whether a year's count (alone or under a condition), or mean of a number column the text
        names, is the lowest (highest) since a year or on record ("the highest on record" of the
        median rent: ``extreme: {median: …}``, the mean standing in for the median's ranking)."""
        want = self.exp.boolean
        rows_read = not (self.ctx.median or self.ctx.sentence & MIDDLES)   # "the highest median": no count
        for column in year_columns:
            years, series = self._year_series(column)
            if len(years) < 2:
                continue  # one year alone is the highest and the lowest: it ranks nothing (never shown)
            rows = [(inner, conds, values, named) for inner, conds, values, named in series if named >= 0.8 or
                    "count" in inner]
            totals = self._totals_stated(column, years, at_years)
            rows += totals
            for inner, conds, values, named in rows:
                # when the sentence states a total of the year ("rejected 40 ballots …, the most on
                # record"), the record is of that total: another series reads the sentence otherwise
                stated = any(inner is t[0] for t in totals)
                other = bool(totals) and not stated
                by_year = dict(zip(years, values, strict=True))
                if "mean" in inner and self.ctx.median:
                    inner = {"median": inner["mean"], "of": inner["of"]}   # "the median rent": its ranking by the mean
                for at in at_years:
                    for lowest in ((True, False) if self.ctx.lowest is None else (self.ctx.lowest,)):
                        # "the second-most since 2015" where the data begins in 2015: of the years on
                        # record, which begins then (`since` would say 2015 was as high)
                        begins = since is not None and since == min(by_year) and self.ctx.rank > 1
                        value = _is_extreme(by_year, at, None if begins else since, lowest, self.ctx.rank)
                        if value is None:
                            continue
                        m: dict[str, Any] = {"extreme": inner, "over": ident(column), "at": at}
                        if begins:
                            m["record_from"] = since
                        elif since is not None:
                            m["since"] = since
                        m["is"] = "lowest" if lowest else "highest"
                        if self.ctx.rank > 1:
                            m["rank"] = self.ctx.rank
                        ok = value == want
                        # "had the shortest waits" compares hospitals, not years: an extreme over
                        # years reads only a sentence that speaks of time; and "Detectives had the
                        # highest median in 2024" ranks the Detectives, not 2024, unless among the
                        # Detectives' own years
                        other = other or (bool(self.ctx.subject) and not any(self.ctx.subject <= a.strong for a in conds))
                        other = other or ("count" in inner and not rows_read)
                        said = self._years_read(at) and self.ctx.in_time
                        of_values = 0.0 if "count" in inner else (0.5 if named >= 1.5 else 0.2)  # "the median rent"
                        yield self._found(m, value, ok, 0.0 if ok else 1.0, None, conds,
                                          0.5 + of_values + (0.5 if stated else 0.0) + self._total_bonus(inner)
                                          + (0.5 if at in self.ctx.years and self.ctx.in_time else 0.0),
                                          True, said and not other, self._years_read(at) and not other)

    def _totals_stated(self, column: str, years: list[int],
                       at_years: list[int]) -> list[tuple[dict[str, Any], tuple[Atom, ...], Floats, float]]:
        """The yearly sums of a numeric column whose total in one of ``at_years`` is a number the
        sentence states ("Officials rejected *40* ballots in 2024, the most on record": the sum of
        `rejected_ballots` in 2024 is 40): what the record is of, named as well as can be."""
        from ..draft.figures import find_figures
        stated = {float(f.value) for s in find_figures(self.ctx.says) for f in s.figures
                  if f.kind == "number" and f.value is not None}
        if not stated:
            return []
        out: list[tuple[dict[str, Any], tuple[Atom, ...], Floats, float]] = []
        for number, _ in self.p.numbers:
            _, sums, _ = self._by_year(column, self.cells.sums[number])
            by_year = dict(zip(years, sums, strict=True))
            if any(at in by_year and any(abs(by_year[at] - x) < 0.5 for x in stated) for at in at_years):
                out.append(({"sum": ident(number), "of": self.p.table}, (), sums, 1.5))
        return out

    def _year_series(self, column: str) -> tuple[list[int], list[tuple[dict[str, Any], tuple[Atom, ...], Floats, float]]]:
        """The years of ``column`` and the series a run of rises is looked for in: the count (alone,
        or under each condition) and the mean of each numeric column, each with how far the text
        names what it measures; and the sum of each numeric column when the sentence speaks of an
        amount ("spending", "paid", "cost", "total": :data:`AMOUNTS`), which :meth:`_total_bonus`
        puts above its mean."""
        years, totals, per_atom = self._by_year(column, self.cells.n)
        # a count is named when the sentence names its table ("Filings climbed"), whose words are taken
        # out of the sentence's for the search (`Context.table_bonus`)
        counted = 1.5 if self.ctx.table_bonus else self.ctx.target(words(self.p.table))
        if self.people is not None:   # "the fewest people in 15 years": the sum of `inmates` each year
            counted = -1.0
        series: list[tuple[dict[str, Any], tuple[Atom, ...], Floats, float]] = [
            ({"count": self.p.table}, (), totals, counted)]
        series += [({"count": self.p.table, "where": self.atoms[i].text}, (self.atoms[i],), per_atom[i], counted)
                   for i in range(len(self.atoms))]
        for number, _ in self.p.numbers:
            _, sums, _ = self._by_year(column, self.cells.sums[number])
            _, counts, _ = self._by_year(column, self.cells.counts[number])
            with np.errstate(divide="ignore", invalid="ignore"):
                means = sums / counts
            series.append(({"mean": ident(number), "of": self.p.table}, (), means,
                           self.ctx.target(frozenset(words(number)))))
            if self._amounts() or number == self.people:
                series.append(({"sum": ident(number), "of": self.p.table}, (), sums,
                                1.5 if number == self.people else self.ctx.target(frozenset(words(number)))))
        return years, series

    def _amounts(self) -> bool:
        """Does the sentence speak of an amount, and not of an average of it?"""
        said = self.ctx.sentence | self.ctx.measured | self.ctx.table_said
        # "Last year's $137.7 million was the highest since 2019": the sentence states the amount itself
        written = self.exp.boolean is not None and bool(_AN_AMOUNT.search(self.ctx.says))
        return (bool(said & AMOUNTS) or written) and not (self.ctx.median or said & AVERAGES)

    def _total_bonus(self, inner: dict[str, Any]) -> float:
        """What a series adds to a candidate's score: a yearly total, in a sentence of amounts."""
        return TOTAL_BONUS if "sum" in inner and self._amounts() else 0.0

    def runs(self, since: int, last: int, year_columns: list[str], up: bool) -> Iterator[Found]:
        """"Waits have risen every year since 2022": whether a count (alone or under one condition)
        or the mean of a numeric column rose (fell) in each year after ``since`` up to ``last``
        (``rising: …, over: year, since: 2022``)."""
        want = self.exp.boolean
        name = "rising" if up else "falling"
        for column in year_columns:
            years, series = self._year_series(column)
            if since not in years or last not in years or years.index(since) >= years.index(last):
                continue
            span = slice(years.index(since), years.index(last) + 1)
            for inner, conds, values, named in series:
                steps = np.diff(np.asarray(values, dtype=np.float64)[span])
                if not np.all(np.isfinite(steps)):
                    continue
                value = bool(np.all(steps > 0) if up else np.all(steps < 0))
                ok = value == want
                m = {name: inner, "over": ident(column), "since": since}
                if last != years[-1]:
                    m["to"] = last
                yield self._found(m, value, ok, 0.0 if ok else 1.0, None, conds,
                                  1.0 + (0.5 if named >= 1.5 else 0.0) + self._total_bonus(inner), True, named >= 1.5,
                                  named >= 0.8)

    def streaks(self, last: int | None, year_columns: list[str], up: bool) -> Iterator[Found]:
        """"Filings climbed for a fourth straight year": how many years in a row, up to ``last``
        (the data's last year when None), a count or a mean rose (fell): ``rising: …, over: year``,
        whose value is that number, against the figure."""
        name = "rising" if up else "falling"
        for column in year_columns:
            years, series = self._year_series(column)
            end = years.index(last) if last in years else (len(years) - 1 if last is None else None)
            if end is None or end < 1:
                continue
            for inner, conds, values, named in series:
                steps = np.diff(np.asarray(values, dtype=np.float64)[:end + 1])
                if not np.all(np.isfinite(steps)):
                    continue
                moved = steps > 0 if up else steps < 0
                run = len(moved) - int(np.flatnonzero(~moved)[-1]) - 1 if not moved.all() else len(moved)
                value = np.array([float(run)])
                ok, dist = bool(_inside(value, self.exp)[0]), float(_distance(value, self.exp)[0])
                m: dict[str, Any] = {name: inner, "over": ident(column)}
                if end != len(years) - 1:
                    m["to"] = years[end]
                yield self._found(m, float(run), ok, dist, None, conds,
                                  1.0 + (0.5 if named >= 1.5 else 0.0) + self._total_bonus(inner), True, named >= 1.5,
                                  named >= 0.8)

    def overtakes(self, at_years: list[int], year_columns: list[str]) -> Iterator[Found]:
        """"Queens overtook Brooklyn in 2024": for two values of a column the sentence names both of,
        whether the first was not above the second the year before and is above it in the year
        named, by their rows or by the mean of a numeric column the text names (``overtook``).
        The one the sentence names first is ``a``: the other order is no reading of it."""
        want = self.exp.boolean
        for d in self._categories():
            named = [v for v in d.values if isinstance(v, str) and (w := words(v)) and w <= self.ctx.sentence]
            if len(named) < 2:
                continue
            masks = np.array([self.cells.columns[d.name] == v for v in named], dtype=np.float64)  # values x cells
            for column in year_columns:
                years, onehot = self.table.onehot(column)
                for inner, weight, count, _ in self._rows_and_means(0.8):
                    with np.errstate(divide="ignore", invalid="ignore"):
                        by_year = (masks * weight) @ onehot.T  # values x years
                        if count is not None:
                            by_year = by_year / ((masks * count) @ onehot.T)
                    for at in at_years:
                        if at not in years or at - 1 not in years:
                            continue
                        now, before = years.index(at), years.index(at - 1)
                        for (i, a), (j, b) in permutations(enumerate(named), 2):
                            if not np.isfinite(by_year[[i, j]][:, [before, now]]).all() or not _said_first(self.ctx.says, a, b):
                                continue
                            value = bool(by_year[i, before] <= by_year[j, before] and by_year[i, now] > by_year[j, now])
                            m = {"overtook": inner, "column": ident(d.name), "a": a, "b": b, "over": ident(column),
                                 "from": at - 1, "to": at}
                            ok = value == want
                            yield self._found(m, value, ok, 0.0 if ok else 1.0, None, (), 1.5, True,
                                              self._years_read(at), True)

    def rate_extremes(self, periods: list[Atom | None], base: Table, column: str, base_periods: list[Atom | None],
                      per: int) -> Iterator[Found]:
        """"Dover had the highest rate, 66 deaths per 100,000 residents": whether a value the sentence
        names has the highest (lowest) rate of its column's values in the period, ``extreme`` of the
        rate over a column both tables have. Each value's rate is its own filter's (one condition)."""
        want = self.exp.boolean
        shared = {d.name for d in base.profile.dimensions}
        columns: dict[str, list[int]] = {}
        for i, a in enumerate(self.atoms):
            if a.dim in shared and not a.threshold and a.value is not None and not isinstance(a.value, (bool, tuple)):
                columns.setdefault(a.dim, []).append(i)
        for filters, period, values, rate, extra in self._rates(periods, base, column, base_periods, per):
            rows = {frozenset(filters.items(k)): k for k in range(len(filters))}
            for dim, members in columns.items():
                of = {i: float(values[rows[frozenset({i})]]) for i in members if frozenset({i}) in rows}
                of = {i: r for i, r in of.items() if np.isfinite(r)}
                if len(of) < 2:
                    continue
                for at in (i for i in of if self.per_atom[i] >= SAID):
                    for is_, value in self._ranked(of, at):
                        ok = value == want
                        m = {"extreme": rate(()), "over": ident(dim), "at": self.atoms[at].value, "is": is_}
                        yield self._found(m, value, ok, 0.0 if ok else 1.0, period, (), 1.2 + extra, True,
                                          self.ctx.lowest is not None, True)

    def _categories(self) -> Iterator[Dimension]:
        """The columns of categories, the table's own and its lookups' ("Chinese restaurants drew the
        most critical violations": `restaurant.cuisine` of inspections), a value of which can be
        ranked among the others or overtake another (not true/false, years, a sentence's thresholds)."""
        return (d for d in self.p.dimensions if not (d.boolean or d.is_year or d.year is not None or d.said
                                                     or d.named))   # the names said of 160 are no ranking

    def _ranked(self, of: dict[Any, float], at: Any) -> Iterator[tuple[str, bool]]:
        """Whether ``at`` alone has the lowest (highest) of the values ``of`` (at the sentence's rank:
        "the second-most"), for each direction the sentence leaves open: ("lowest" or "highest",
        whether it does)."""
        for lowest in ((True, False) if self.ctx.lowest is None else (self.ctx.lowest,)):
            # exactly rank - 1 others as low (high) or lower (higher), as the engine counts
            beaten_by = sum(1 for k, v in of.items() if k != at and (v <= of[at] if lowest else v >= of[at]))
            yield "lowest" if lowest else "highest", beaten_by == self.ctx.rank - 1

    def category_extremes(self, periods: list[Atom | None]) -> Iterator[Found]:
        """"County General had the longest waits": whether a value the sentence names ranks first
        of its column's values, by the rows of each or by the mean of a numeric column (an
        ``extreme`` over the column, at the value), in the sentence's period or over all rows; by
        its sum too, first, when the sentence tots the column up ("burned the most acres"); by its
        median when the sentence says "median" ("Detectives had the highest median overtime"), the
        mean then reading it otherwise, and no number of rows reading it at all."""
        want = self.exp.boolean
        # "the highest median overtime", "the highest average wait": no number of rows reads it
        rows_read = not (self.ctx.median or self.ctx.sentence & MIDDLES)
        # "The Housing Authority spent the most": the agency of that name, before the department "Housing"
        # whose name is only part of it
        values_said = [w for d in self._categories() for v in d.values
                       if isinstance(v, str) and (w := words(v)) and w <= self.ctx.sentence]
        for d in self._categories():
            named = [v for v in d.values if isinstance(v, str) and (w := words(v)) and w <= self.ctx.sentence]
            if not named:
                continue
            col = self.cells.columns[d.name]
            values = [v for v in d.values if v is not None]
            masks = np.array([col == v for v in values], dtype=np.float64)  # values x cells
            # "the busiest station": the sentence names what is ranked (`start_station`), not only a value of it
            ranked = 0.5 if words(d.name) & self.ctx.sentence else 0.0
            subject = _subject(self.ctx.says, named)
            for period, conds, pm in self._ranked_filters(d.name, masks, periods):
                rows = masks @ (self.cells.n * pm)
                # "Butte County had the most fires": the table's own name says what is counted
                rows_named = (1.5 if self.ctx.table_said and words(self.p.table) <= self.ctx.table_said
                              else self.ctx.target(words(self.p.table))) if rows_read else UNNAMED
                # what each value is ranked by, its lowest and highest value (the same but for a median
                # its ranges bound), how well the text names it, what the measure adds to a score
                series: list[tuple[dict[str, Any], Floats, Floats, float, float]] = [
                    ({"count": self.p.table}, rows, rows, rows_named, 0.0)]
                for column, _ in self.p.numbers:
                    sums, counts = masks @ (self.cells.sums[column] * pm), masks @ (self.cells.counts[column] * pm)
                    with np.errstate(divide="ignore", invalid="ignore"):
                        means = sums / counts
                    named_column = self.ctx.target(frozenset(words(column)))
                    series.append(({"mean": ident(column), "of": self.p.table}, means, means, named_column, 0.0))
                    # "fires in Kern burned the most acres": the total, before the mean ("the largest
                    # fires"); only when the sentence tots the column up, and a value has rows to add
                    # "spent more on no-bid work than any other": a sentence of amounts tots a column of money up
                    totted = words(column) & self.ctx.counted or (self._amounts() and self._money_column(column))
                    if totted and counts.max(initial=0) > 1:
                        series.append(({"sum": ident(column), "of": self.p.table}, sums, sums, named_column, 0.3))
                    middle = self._category_medians(column, masks, pm) if self.ctx.median else None
                    if middle is not None:  # above the mean, which stands in for it nowhere here
                        series.append(({"median": ident(column), "of": self.p.table}, *middle, named_column, 0.3))
                for inner, per_value, upto, column_named, extra in series:
                    low = {v: float(x) for v, x, y in zip(values, per_value, upto, strict=True)
                           if np.isfinite(x) and np.isfinite(y)}
                    if len(low) < 2:
                        continue
                    high = {v: float(y) for v, y in zip(values, upto, strict=True) if v in low}
                    where = _where(period, conds)
                    body = {**inner, **({"where": where} if where else {})}
                    for at in named:
                        if at not in low:
                            continue
                        for lowest in ((True, False) if self.ctx.lowest is None else (self.ctx.lowest,)):
                            value = ranked_within(low, high, at, lowest, self.ctx.rank)
                            # a median its ranges cannot rank: the real run says (a near miss, or the reading)
                            ok = value == want
                            said = column_named >= 1.5 and self.ctx.lowest is not None
                            m = {"extreme": body, "over": ident(d.name), "at": at, "is": "lowest" if lowest else "highest",
                                 **({"rank": self.ctx.rank} if self.ctx.rank > 1 else {})}
                            # "Eastgate had the highest rate, twice Westfield's": Eastgate is ranked
                            aside = -0.6 if subject is not None and at != subject else 0.0
                            aside -= 0.2 if any(words(at) < w for w in values_said) else 0.0
                            yield self._found(m, (not want) if value is None else value, ok,
                                              0.0 if ok else 1.0 if value is not None else 0.5, period, conds,
                                              1.0 + (0.5 if column_named >= 1.5 else 0.0) + ranked + extra + aside,
                                              True, said, column_named >= 0.8, own=said)

    def _ranked_filters(self, dim: str, masks: Floats, periods: list[Atom | None]
                        ) -> Iterator[tuple[Atom | None, tuple[Atom, ...], Floats | float]]:
        """What the values of ``dim`` are ranked under: each period alone, then with each condition the
        sentence itself names (:data:`SAID`) on another column, or two of them ("the parks department
        spent more on *no-bid* work than any other": the no-bid contracts' sum, department by department).
        Not a condition on the ranked column's own table of a lookup (``agency.name`` when ranking
        ``agency.department``: it keeps a part of one group), nor one that leaves fewer than two values
        any row; (period, conditions, the cells' weights)."""
        said = [int(i) for i in np.argsort(-self.per_atom, kind="stable")[:MAX_RANKED_CONDITIONS]
                if self.per_atom[i] >= SAID]
        lookup = dim.rsplit(".", 1)[0] if "." in dim else None
        said = [i for i in said if self.atoms[i].dim != dim and not self.atoms[i].threshold
                and (lookup is None or not self.atoms[i].dim.startswith(f"{lookup}."))]
        sets = [(i,) for i in said] + [(i, j) for k, i in enumerate(said) for j in said[k + 1:]
                                       if not self.table.clash[i, j]]
        for period in periods:
            pm = self._pm(period)
            yield period, (), pm
            for items in sets:
                conds = tuple(self.atoms[i] for i in items)
                if period is not None and any(a.dim == period.dim for a in conds):
                    continue
                weights = pm * np.prod([self.matrix[i] for i in items], axis=0)
                if np.count_nonzero(masks @ (self.cells.n * weights)) < 2:
                    continue
                yield period, conds, weights

    def _money_column(self, column: str) -> bool:
        """Is ``column`` named as an amount of money (`amount`, `award_value`, `cost`)?"""
        return bool(words(column, synonyms=False) & MONEY_COLUMNS) and not self._fractions(column)

    def _category_medians(self, column: str, masks: Floats, pm: Floats | float) -> tuple[Floats, Floats] | None:
        """The median of ``column`` among the rows of each value of a column of categories (``masks``:
        values x cells) in the period, as its lowest and highest: exact for a column of few values
        (counted value by value), bounded by the ranges of one of many (:class:`~.cells.Bins`);
        None when neither was read."""
        if column in self.cells.columns:
            col = self.cells.columns[column]
            xs = sorted({v for v in col if v is not None})
            counts = np.array([masks @ (self.cells.n * pm * (col == v)) for v in xs]).reshape(len(xs), -1)
            exact = _exact_medians(np.array(xs, dtype=np.float64), counts)
            return exact, exact
        bins = self.cells.bins.get(column)
        if bins is None:
            return None
        return _median_bounds(bins, (bins.counts * pm) @ masks.T)

    def share_extremes(self, periods: list[Atom | None]) -> Iterator[Found]:
        """"Lincoln had the highest math pass rate": whether a value the sentence names has the
        highest (lowest) share of a true/false column it names (``passed``) among its column's
        values, under the conditions the text names (math, the year): ``extreme`` of the share over
        the column. (A share of a value of another column, "the highest fentanyl share", is not tried.)"""
        want = self.exp.boolean
        targets = [t for t in self._targets() if t.index is not None and t.score >= 1.5 - 0.1
                   and isinstance(self.atoms[t.index].value, bool)]
        if not targets or not _A_RATE.search(self.ctx.says):
            return
        # the values the sentence writes as they are (not "trafficker" for "trafficking"), by where;
        # what it is about comes first: of "Lincoln had the highest math pass rate", Lincoln among
        # the schools, not math among the subjects
        written = {v: at for d in self.p.dimensions for v in d.values
                   if isinstance(v, str) and (at := _written_at(self.ctx.says, v)) >= 0}
        lead = min(written, key=lambda v: written[v]) if written else None
        for d in self._categories():
            named = [v for v in d.values if v in written]
            values = [v for v in d.values if v is not None]
            if not named or len(values) < 2:
                continue
            masks = [np.asarray(self.cells.columns[d.name] == v, dtype=np.float64) for v in values]
            for target in targets:
                if d.name in target.dims:
                    continue
                avoid = frozenset(i for i, a in enumerate(self.atoms) if a.dim == d.name or a.dim in target.dims)
                for same_column in self._groups(periods):
                    filters = self.filters(same_column[0], avoid)
                    kept = np.nonzero(filters.named(self.per_atom, NAMED))[0]
                    for period in same_column:
                        rows = self.cells.n * self._pm(period)
                        with np.errstate(divide="ignore", invalid="ignore"):
                            shares = np.array([filters.values(self.matrix, rows * m * target.mask)[kept]
                                               / filters.values(self.matrix, rows * m * target.known)[kept]
                                               for m in masks])  # values x kept filters
                        yield from self._share_extremes_at(d.name, values, named, shares, filters, kept, period,
                                                           target, want, lead)

    def _share_extremes_at(self, column: str, values: list[Any], named: list[Any], shares: Floats, filters: Filters,
                           kept: npt.NDArray[np.int64], period: Atom | None, target: Target,
                           want: bool | None, lead: object) -> Iterator[Found]:
        for k, filter_index in enumerate(kept):
            of = {v: float(x) for v, x in zip(values, shares[:, k], strict=True) if np.isfinite(x)}
            if len(of) < 2:
                continue
            conds = tuple(self.atoms[i] for i in filters.items(int(filter_index)))
            where = _where(period, conds)
            body = {"share": target.text, "of": self.p.table, **({"where": where} if where else {})}
            for at in (v for v in named if v in of):
                for is_, value in self._ranked(of, at):
                    ok = value == want
                    m = {"extreme": body, "over": ident(column), "at": at, "is": is_}
                    yield self._found(m, value, ok, 0.0 if ok else 1.0, period, conds,
                                      1.0 + target.score / 3 + (0.6 if at == lead else 0.0), True,
                                      self.ctx.lowest is not None, True)

    def tops(self, periods: list[Atom | None], expected: list[str], mentioned: set[str]) -> Iterator[Found]:
        names = [e.lower() for e in expected]
        for d in self.p.dimensions:
            if d.boolean or d.is_year or d.year is not None or d.named:
                continue
            values = [v for v in d.values if isinstance(v, str)]
            lowered = {v.lower(): v for v in values}
            if not all(n in lowered for n in names):
                continue
            excluded = [v for v in values if v.lower() in mentioned and v.lower() not in names]
            col = self.cells.columns[d.name]
            value_masks = np.array([[c == v for c in col] for v in values], dtype=np.float64)
            allow = frozenset(i for i, a in enumerate(self.atoms) if a.dim == d.name and isinstance(a.value, tuple))
            avoid = frozenset(i for i, a in enumerate(self.atoms) if a.dim == d.name and i not in allow)
            for period in periods:
                filters = self.filters(period, avoid)
                table = filters.values(self.matrix, self.cells.n * self._pm(period) * value_masks)
                skips: list[list[str]] = [[]] + [[v] for v in excluded if literal(v) is not None]
                per_atom = self.per_atom.copy()
                per_atom[list(allow)] = np.maximum(per_atom[list(allow)], TOP_KNOWN_BONUS)
                scores = filters.scores(per_atom)
                for skip in skips:
                    keep = [vi for vi, v in enumerate(values) if v not in skip]
                    ok, order = _top_ok(table[keep], [values[i] for i in keep], names)
                    hits = np.nonzero(ok)[0]
                    hits = hits[np.argsort(-scores[hits], kind="stable")[:MAX_KEPT]]
                    for k in hits:
                        items = filters.items(int(k))
                        conds = tuple(self.atoms[i] for i in items)
                        wheres = [f"{ident(d.name)} != {literal(v)}" for v in skip]
                        where = _where(period, conds)
                        m: dict[str, Any] = {"top": ident(d.name), "of": self.p.table, "n": len(names)}
                        full = " and ".join(wheres + ([where] if where else []))
                        if full:
                            m["where"] = full
                        got = [values[keep[int(i)]] for i in order[:, k]]
                        yield Found(m, self.p.table, got, True, 0.0,
                                    self._score(period, conds, 1.0 + (0.8 if skip else 0.0), per_atom, items),
                                    len(conds) + (period is not None), departs=self._calendar_for_fiscal(m, period))


    def _top_dims(self, names: list[str]) -> Iterator[tuple[str, list[str], Floats]]:
        """The text dimensions holding every name, with their values and the cells of each."""
        for d in self.p.dimensions:
            if d.boolean or d.is_year or d.year is not None or d.named:
                continue
            values = [v for v in d.values if isinstance(v, str)]
            if not all(n in {v.lower() for v in values} for n in names):
                continue
            col = self.cells.columns[d.name]
            yield d.name, values, np.array([[c == v for c in col] for v in values], dtype=np.float64)

    def _overs(self, first: int, last: int) -> list[tuple[str | dict[str, str], Floats]]:
        """What "every year" can run over: each year column (a row counts in its year), and each
        pair of year columns of one table where the first never comes after the second (a row
        counts in every year from the one to the other, an empty end meaning still open).
        Each with its cells per year, ``first`` to ``last``."""
        years = np.arange(first, last + 1)
        cols = {}
        for d in self.p.dimensions:
            if d.is_year:
                raw = self.cells.columns[d.name]
                cols[d.name] = np.array([int(v) if v is not None else -1 for v in raw], dtype=np.int64)
        out: list[tuple[str | dict[str, str], Floats]] = []
        for name, ints in cols.items():
            out.append((ident(name), (ints[None, :] == years[:, None]).astype(np.float64)))
        for a, ia in cols.items():
            for b, ib in cols.items():
                both = (ia >= 0) & (ib >= 0)
                if a == b or a.rsplit(".", 1)[0:-1] != b.rsplit(".", 1)[0:-1] or not both.any() \
                        or (ia[both] > ib[both]).any():
                    continue
                inside = (ia[None, :] >= 0) & (ia[None, :] <= years[:, None]) \
                    & ((ib[None, :] < 0) | (ib[None, :] >= years[:, None]))
                out.append(({"start": ident(a), "end": ident(b)}, inside.astype(np.float64)))
        return out

    def every_tops(self, first: int, last: int, expected: list[str]) -> Iterator[Found]:
        """``every: {top: …}`` over the years ``first`` to ``last``: the values named are the top
        ones in each year, whichever way a row belongs to a year (:meth:`_overs`)."""
        names = [e.lower() for e in expected]
        overs = self._overs(first, last)
        for dim, values, value_masks in self._top_dims(names):
            allow = frozenset(i for i, a in enumerate(self.atoms) if a.dim == dim and isinstance(a.value, tuple))
            avoid = frozenset(i for i, a in enumerate(self.atoms) if a.dim == dim and i not in allow)
            filters = self.filters(None, avoid)
            per_atom = self.per_atom.copy()
            per_atom[list(allow)] = np.maximum(per_atom[list(allow)], TOP_KNOWN_BONUS)
            scores = filters.scores(per_atom)
            for over, per_year in overs:
                weights = (value_masks[:, None, :] * per_year[None, :, :] * self.cells.n).reshape(-1, self.cells.size)
                table = filters.values(self.matrix, weights).reshape(len(values), per_year.shape[0], -1)
                ok = np.ones(len(filters), dtype=bool)
                for y in range(per_year.shape[0]):
                    ok &= _top_ok(table[:, y, :], values, names)[0]
                hits = np.nonzero(ok)[0]
                for k in hits[np.argsort(-scores[hits], kind="stable")[:MAX_KEPT]]:
                    items = filters.items(int(k))
                    conds = tuple(self.atoms[i] for i in items)
                    inner: dict[str, Any] = {"top": ident(dim), "of": self.p.table, "n": len(names)}
                    where = _where(None, conds)
                    if where:
                        inner["where"] = where
                    m = {"every": inner, "over": over, "since": first, "to": last}
                    yield Found(m, self.p.table, list(expected), True, 0.0,
                                self._score(None, conds, 2.0, per_atom, items), len(conds) + 1,
                                departs=self._calendar_for_fiscal(m, None))


_AND_OR = re.compile(r"\s*(?:,\s*)?(?:and|or|&|plus)\s+(?:the\s+)?", re.I)


_A_RATE = re.compile(r"\b(?:rates?|shares?|percentages?|proportions?)\b", re.I)


def verb_of(nouns: frozenset[str] | set[str], sentence: frozenset[str] | set[str]) -> bool:
    """Does the sentence use one of ``nouns`` as a verb ("voted" of `votes`, "enrolled" of
    `enrollment`): each word of the name begun by a longer word of it, of four letters or more?"""
    return bool(nouns) and all(len(n) >= 4 and any(w != n and w.startswith(n) for w in sentence) for n in nouns)


def _naming(named: float) -> float:
    """What a measure of a column adds to a candidate's score, by how well the text names the column
    (:meth:`Context.target`: the sentence, its labels, its section, not at all)."""
    return {1.5: 0.3, 0.8: 0.0, 0.3: -0.8}.get(named, -1.3)


def _subject(says: str, named: list[Any]) -> Any:
    """The one value of ``named`` the sentence writes before its superlative, in the same clause
    ("*Eastgate* had the highest rate …, twice Westfield's"): the value ranked; None when there is no
    such single value."""
    from ..draft.phrases import CLAUSE_BREAK, RANKING_WORDS, unbounded
    m = next((w for w in re.finditer(r"[A-Za-z]+", unbounded(says)) if w[0].lower() in RANKING_WORDS), None)
    if m is None:
        return None
    clause = CLAUSE_BREAK.split(says[:m.start()])[-1]
    before = [v for v in named if _written_at(clause, str(v)) >= 0]
    return before[0] if len(before) == 1 else None


def _written_at(says: str, value: str) -> int:
    """Where the sentence writes ``value`` as a word of its own (any case), or -1."""
    found = re.search(rf"(?<!\w){re.escape(value)}(?!\w)", says, re.I)
    return found.start() if found else -1


def _both(condition: str, where: str | None) -> str:
    """A share's condition and its filter, as the ``where`` of its numerator."""
    return " and ".join(f"({c})" if " or " in c else c for c in (condition, where) if c)


def _side_by_side(says: str, a: object, b: object) -> bool:
    """Does the sentence name ``a`` and then ``b`` joined by "and" or "or" ("the Bronx and Brooklyn")?"""
    low = says.lower()
    at = low.find(str(a).lower())
    if at < 0:
        return False
    end = at + len(str(a))
    joined = _AND_OR.match(low, end)
    return joined is not None and low.startswith(str(b).lower(), joined.end())


def _said_first(says: str, a: object, b: object) -> bool:
    """Does the sentence name ``a`` before ``b`` (or not write one of them as the data does)?"""
    low = says.lower()
    at, bt = low.find(str(a).lower()), low.find(str(b).lower())
    return at < 0 or bt < 0 or at < bt


def _top_ok(counts: Floats, values: list[str], names: list[str]) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.int64]]:
    """For each filter (a column of ``counts``, values x filters): whether its top values, most
    first, are ``names``, with something left to compare them with; and the order of the values."""
    order = np.argsort(-counts, axis=0, kind="stable")[: len(names)]
    lower = np.array([v.lower() for v in values], dtype=object)
    columns = np.arange(counts.shape[1])
    ok = counts[order[-1], columns] > 0
    for r, name in enumerate(names):
        ok &= lower[order[r]] == name
    if len(values) > len(names):
        # nothing else left to compare with: the filter decides the answer
        ok &= np.sort(counts, axis=0)[-len(names) - 1] > 0
    return ok, order


def _is_extreme(series: dict[int, float], at: int, since: int | None, lowest: bool, rank: int = 1) -> bool | None:
    """Whether ``at``'s value is the lowest (highest) since ``since`` (or on record), as the engine
    reads it; ``rank``: the second-lowest and so on, exactly ``rank - 1`` years as low or lower."""
    if at not in series:
        return None
    first = min(series)
    if since is not None and since < first:
        return None
    x = series[at]

    def beyond(v: float) -> bool:
        return v > x if lowest else v < x

    if since is None:  # on record: every year of the data but ``at``, after it too (as the engine counts)
        return sum(1 for y in range(first, max(series) + 1) if y != at and not beyond(series.get(y, 0.0))) == rank - 1
    vals = {y: series.get(y, 0.0) for y in range(since, at)}
    inner = [vals[y] for y in vals if y != since]
    edge = vals.get(since, 0.0)
    return sum(1 for v in inner if not beyond(v)) == rank - 1 and not beyond(edge)


def as_fraction(value: float) -> Fraction:
    return Fraction(value).limit_denominator(10**9)
