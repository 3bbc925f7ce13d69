"""Which figures of the article the claims file checks: pure data in, data out.

A figure is **covered** by a claim when both hold:

1. the claim's ``says`` is the figure's sentence or a part of it (compared after folding:
   case, runs of whitespace, Markdown emphasis and links, curly quotes and dashes);
2. the claim's ``expect`` states that figure: the figures read from the ``expect`` text
   (``up 11%`` → ``11%``; ``over one-third`` → ``over one-third``) include one of the same
   kind, the same magnitude and the same tolerance band as the article's (``59%`` covers
   "59%" and "59 per cent"; ``2`` covers "two"; ``0.59`` covers "59%"; ``over one-third``
   covers "more than a third" but not "a third"). ``expect: true``/``false`` and lists of values (``extreme``
   and ``top`` claims) cover the extremes of their sentence ("the fewest since 2012",
   "the most common"); a whole number, or ``true``, covers a run of periods ("for a fourth
   straight year": ``expect: 4`` with ``rising``, or ``true`` with ``rising``'s ``since``). An
   ``extreme`` claim does not cover an extreme of the other end: of "Kings had the most cases,
   while Queens had the fewest", ``is: highest`` covers "the most cases" and not "the fewest".
   A claim of ``expect: true`` (or ``false``) with a measure checks one thing. One that ranks
   covers one extreme of its ``says``, of its own end, the first that no other claim has taken,
   of those naming what its measure reads and worded as it ranks (:func:`_names`, :func:`_fits`):
   of "Kings had the most cases and the most appeals", one claim covers "the most cases" and a
   second "the most appeals"; of "Harbor, the largest neighbourhood, filed the most requests", a
   count of requests covers "the most requests", not "largest". Any other (``rising``) covers the run its sentence tells ("every
   year since 2020, for a third year in a row": both), not an extreme with an end beside it ("to
   the highest since 2010"); of a sentence without a run, one extreme, as a claim that ranks.
   A claim with a measure computes one value, so of two figures of one sentence written
   alike that its ``expect`` states ("Kings filed 50 cases, and Queens filed 50 appeals":
   ``expect: 50``) it covers one, the first that no other claim has taken.
   A claim without ``expect`` (marked ``unverifiable:``) speaks for
   its whole statement and covers every figure of its ``says``.

>>> from factcheck.draft.figures import find_figures
>>> article = find_figures("Prosecutors filed 165 cases, up 11%, and 12 appeals.")
>>> result = cover(article, [ClaimRef("filed", "Prosecutors filed 165 cases", 165),
...                          ClaimRef("up", "Prosecutors filed 165 cases, up 11%", "up 11%", False)],
...                ignore=[Ignore("and 12 appeals", "12", "from the court's own release")])
>>> [(c.figure.text, c.claims, c.status) for c in result.figures]
[('165', ('filed',), 'checked'), ('11%', ('up',), 'not_encoded'), ('12', (), 'ignored')]

An ``ignore`` entry names its sentence (the whole of it, or enough of it to find it) and the
figure as written; it applies to that figure wherever the sentence appears.

A claim whose ``says`` no longer appears in the article is *stale*; it comes with the
article's closest sentence as a hint. An ``ignore`` entry that matches no figure is
reported as unused, never dropped silently.
"""

from __future__ import annotations

import difflib
import heapq
import re
from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from functools import cached_property
from typing import Literal, Mapping, Sequence

from ..expectations.numbers import float_as_written
from .figures import Figure, Sentence, figures_in_phrase
from .markdown import read_blocks
from .phrases import extreme_end, extreme_rank, opens_clause, value_end

__all__ = ["ClaimRef", "Ignore", "FigureCoverage", "StaleClaim", "Coverage", "Status", "cover", "fold"]

Status = Literal["checked", "not_encoded", "ignored", "not_checked"]


@dataclass(frozen=True)
class ClaimRef:
    """What coverage needs of a claim: its id, ``says``, ``expect`` (as YAML gave it, or
    ``None``), whether it has a ``measure`` (a claim without one is noted, not yet encoded),
    whether it is marked ``unverifiable:`` (judged, deliberately, as not checkable), the end
    its measure ranks at (an ``extreme`` measure's ``is:``, ``highest`` or ``lowest``; a ``top``
    measure's, ``lowest`` with ``lowest: true``), if any, and the rank it names (``rank: 2``)."""

    id: str
    says: str
    expect: object = None
    has_measure: bool = True
    unverifiable: bool = False
    end: Literal["highest", "lowest"] | None = None
    rank: int = 1
    each: bool = False  # an `every` measure: it checks the sentence's "every year since 2010" too
    words: frozenset[str] = frozenset()  # its measure's tables, columns and values, as words (:func:`word_set`)
    counts: bool | None = None  # its measure ranks by how many rows (True), by an amount of a column (False)
    top_n: int | None = None  # how many its measure takes at the top (`top_share`/`top_sum`'s `top_n`, a `top`'s
    # `n`): it checks the sentence's "the top five" (or "Five firms took …") beside its own figure


@dataclass(frozen=True)
class Ignore:
    """A figure deliberately left unchecked: its sentence (or part of it), the figure, why."""

    sentence: str
    figure: str
    reason: str


@dataclass(frozen=True)
class FigureCoverage:
    """One figure of the article and what checks it.

    ``status``: ``checked`` (a claim that gets a verdict covers it: one with a measure, or
    one marked ``unverifiable:``), ``not_encoded`` (only claims noted without a measure do),
    ``ignored`` (no claim, but an ``ignore`` entry), ``not_checked`` (nothing).
    """

    figure: Figure
    claims: tuple[str, ...]
    status: Status
    ignore: Ignore | None = None


@dataclass(frozen=True)
class StaleClaim:
    """A claim whose ``says`` is not in the article; ``closest`` is the nearest sentence."""

    id: str
    says: str
    closest: str | None
    closest_line: int | None
    similarity: float


@dataclass(frozen=True)
class Coverage:
    """The coverage of an article by a claims file."""

    figures: tuple[FigureCoverage, ...]
    stale: tuple[StaleClaim, ...] = ()
    states_no_figure: tuple[str, ...] = ()   # claims found in the article whose expect matches no figure there
    unused_ignores: tuple[Ignore, ...] = ()

    @property
    def not_checked(self) -> tuple[FigureCoverage, ...]:
        return tuple(f for f in self.figures if f.status == "not_checked")


# --------------------------------------------------------------------------- folding text

_FOLD = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u201c": '"',
         "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u2013": "-", "\u2014": "-",
         "\u2212": "-", "`": "", "*": "", "_": "", "\u00ad": "", "\u200b": ""}


def fold(text: str) -> tuple[str, list[int]]:
    """Text folded for matching, and for each folded character its index in ``text``.

    >>> fold("That’s  *59%*\\nof it")[0]
    "that's 59% of it"
    """
    out: list[str] = []
    where: list[int] = []
    for i, c in enumerate(text):
        c = _FOLD.get(c, c)
        if not c:
            continue
        if c.isspace():
            if not out or out[-1] == " ":
                continue
            c = " "
        low = c.lower()
        out.append(low if len(low) == 1 else c)
        where.append(i)
    while out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), where


def _plain(markdown_text: str) -> str:
    """A ``says`` read as the article is (links, emphasis, code marks): what a reader sees."""
    blocks = read_blocks(markdown_text)
    return " ".join(b.text for b in blocks) if blocks else markdown_text


def _occurrences(hay: str, needle: str) -> list[int]:
    """Every start of ``needle`` in ``hay`` that is not inside a longer word."""
    found: list[int] = []
    if not needle:
        return found
    i = hay.find(needle)
    while i >= 0:
        before = hay[i - 1] if i > 0 else " "
        end = i + len(needle)
        after = hay[end] if end < len(hay) else " "
        if not (needle[0].isalnum() and before.isalnum()) and not (needle[-1].isalnum() and after.isalnum()):
            found.append(i)
        i = hay.find(needle, i + 1)
    return found


class _Article:
    """The article's sentences folded into one string, with each figure's place in it."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self.sentences = sentences
        parts: list[str] = []
        self.folded: list[str] = []
        self.places: list[tuple[Figure, int, int]] = []  # figure, start and end in the joined text
        self.ranges: list[tuple[int, int]] = []           # each sentence's start and end in the joined text
        self.of_sentence: list[list[Figure]] = []
        offset = 0
        for s in sentences:
            folded, where = fold(s.text)
            self.folded.append(folded)
            self.ranges.append((offset, offset + len(folded)))
            self.of_sentence.append(list(s.figures))
            for f in s.figures:
                a = bisect_left(where, f.start)
                b = bisect_left(where, f.end)
                self.places.append((f, offset + a, offset + max(b, a + 1)))
            parts.append(folded)
            offset += len(folded) + 1
        self.text = " ".join(parts)

    def scopes(self, says: str) -> list[tuple[int, int]]:
        """Where ``says`` appears (all occurrences); trailing punctuation may differ."""
        needle, _ = fold(_plain(says))
        trimmed = needle.rstrip(".!?;:,\"' ")
        for candidate in dict.fromkeys([needle, trimmed]):
            hits = _occurrences(self.text, candidate)
            if hits:
                return [(i, i + len(candidate)) for i in hits]
        return []

    def figures_within(self, scopes: list[tuple[int, int]]) -> list[Figure]:
        """The figures inside the text a claim quotes."""
        return [f for f, a, b in self.places if any(s <= a and b <= e for s, e in scopes)]

    def figures_of_place(self, says: str, places: set[int]) -> list[Figure]:
        """The figures within the findings ``places`` (by their order) of ``says``."""
        scopes = self.scopes(says)
        return self.figures_within([scopes[k] for k in sorted(places) if k < len(scopes)])

    def figures_of_sentences(self, scopes: list[tuple[int, int]]) -> list[Figure]:
        """The figures of every sentence the quoted text touches (an ignore entry names its sentence)."""
        return [f for (a, b), figures in zip(self.ranges, self.of_sentence, strict=True)
                if any(s < b and a < e for s, e in scopes) for f in figures]

    @cached_property
    def _pieces(self) -> list[frozenset[str]]:
        """Each sentence's three-character pieces (of its first ``CLOSEST_CHARS``), built once."""
        return [_trigrams(folded[:CLOSEST_CHARS]) for folded in self.folded]

    def closest(self, says: str) -> tuple[str | None, int | None, float]:
        """The sentence most like ``says`` (difflib's ratio), sought among the ``CLOSEST_CANDIDATES``
        sentences that share the most three-character pieces with it, each compared on its first
        ``CLOSEST_CHARS`` characters. Comparing every sentence character by character costs the
        product of their lengths a pair: 200 stale claims against a 70 KB article took a minute."""
        needle = fold(_plain(says))[0][:CLOSEST_CHARS]
        pieces = _trigrams(needle)
        shared = [2 * len(pieces & other) / ((len(pieces) + len(other)) or 1) for other in self._pieces]
        candidates = sorted(heapq.nlargest(CLOSEST_CANDIDATES, range(len(shared)), key=shared.__getitem__))
        best, best_ratio = -1, 0.0
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(needle)
        for i in candidates:  # in the article's order: of equally close sentences, the first
            matcher.set_seq1(self.folded[i][:CLOSEST_CHARS])
            if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = i, ratio
        if best < 0:
            return None, None, 0.0
        return self.sentences[best].text, self.sentences[best].line, round(best_ratio, 3)


CLOSEST_CANDIDATES = 4  # sentences compared character by character with a stale claim's says
CLOSEST_CHARS = 500     # of a says and of a sentence compared: longer than most sentences, and it bounds each comparison


def _trigrams(text: str) -> frozenset[str]:
    """The three-character pieces of ``text`` (a text shorter than three is its own piece)."""
    if len(text) < 3:
        return frozenset([text] if text else [])
    return frozenset(text[i:i + 3] for i in range(len(text) - 2))


# --------------------------------------------------------------------------- does an expect state a figure?

_QUALIFIER_CLASSES = {
    "majority": ("a majority", "the majority", "majority", "most", "the bulk"),
    "large_majority": ("a large majority", "a big majority", "a clear majority", "a strong majority",
                       "a substantial majority"),
    "vast_majority": ("the vast majority", "a vast majority", "an overwhelming majority",
                      "the overwhelming majority", "overwhelmingly", "nearly all", "almost all",
                      "virtually all", "practically all"),
    "minority": ("a minority", "the minority", "a small minority", "a tiny minority"),
}
_QUALIFIER_CLASS = {w: name for name, words in _QUALIFIER_CLASSES.items() for w in words}


def _key(f: Figure) -> tuple[object, ...]:
    """What must agree for two figures to be the same statement."""
    text = " ".join(fold(f.text)[0].split())
    if f.kind == "qualifier":
        return ("qualifier", _QUALIFIER_CLASS.get(text, text))
    if f.value is None:
        return (f.kind, text, f.qualifier)
    return (f.kind, abs(f.value), f.qualifier)


def _as_text(raw: object) -> str | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, float):
        return float_as_written(raw)
    if isinstance(raw, (int, str)):
        return str(raw)
    return None


def _number(raw: object) -> Fraction | None:
    text = _as_text(raw)
    if text is None:
        return None
    found = figures_in_phrase(text)
    if len(found) == 1 and found[0].value is not None:
        return abs(found[0].value)
    try:
        return abs(Fraction(Decimal(text.strip())))
    except (InvalidOperation, ValueError):
        return None


def _states(expect: object, candidates: list[Figure], end: str | None = None) -> list[Figure]:
    """The figures among ``candidates`` (those of the claim's ``says``) that ``expect`` states;
    ``end``: the end an ``extreme`` measure ranks at, which an extreme of the other end is not."""
    if expect is None:
        return candidates
    if is_true_or_false(expect):
        return [f for f in candidates if f.kind == "streak"  # `since:` reads a run as true
                or f.kind == "extreme" and not (end and extreme_end(f.text) not in (None, end))]
    if isinstance(expect, (list, tuple)) or isinstance(expect, Mapping) and "values" in expect:
        return [f for f in candidates if f.kind == "extreme" and not (end and extreme_end(f.text) not in (None, end))]
    if isinstance(expect, Mapping):
        if "value" in expect:
            value = _number(expect["value"])
            return [f for f in candidates if f.value is not None and abs(f.value) == value]
        ends = expect.get("between")
        if isinstance(ends, (list, tuple)) and len(ends) == 2:
            low, high = _number(ends[0]), _number(ends[1])
            if low is not None and high is not None:
                return [f for f in candidates if f.value is not None and low <= abs(f.value) <= high]
        return []
    text = _as_text(expect)
    if text is None:
        return []
    wanted = {k for f in figures_in_phrase(text) for k in _keys_of_expect(f)}
    word = " ".join(fold(text)[0].split())
    if word in _QUALIFIER_CLASS:  # `expect: most` alone is no phrase of the article, but states "Most"
        wanted.add(("qualifier", _QUALIFIER_CLASS[word]))
    return [f for f in candidates if _key(f) in wanted]


def is_true_or_false(expect: object) -> bool:
    """Is ``expect`` (as YAML gave it) ``true`` or ``false``: a claim that something holds?"""
    return isinstance(expect, bool) or (isinstance(expect, str) and expect.strip().lower() in ("true", "false"))


_WORD = re.compile(r"[^\W\d_]{3,}")


def word_set(text: str) -> frozenset[str]:
    """The words of ``text`` of three letters or more, in lower case and without a plural's 's'
    ("requests" and ``request_count`` share "request"): what an extreme's words and a measure's
    names are matched on. Not ``suggest.words``, which stems further: importing the ``suggest``
    package made the article's coverage ~5 ms slower for the same pairings."""
    return frozenset(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in _WORD.findall(text.lower()))


def _names(claim: ClaimRef, f: Figure) -> bool:
    """Does the extreme's own text name something the claim's measure reads ("the most requests" of
    ``top: hood, of: requests``)?"""
    return bool(claim.words & word_set(f.text))


_MOST = re.compile(r"(?:the\s+)?(?:most|fewest)\b", re.IGNORECASE)


def _fits(claim: ClaimRef, f: Figure) -> bool:
    """Is the extreme worded as the claim's measure ranks? "the most requests" and "the fewest
    arrests" rank by how many rows (a ``top`` of a column with no ``by:``, an ``extreme`` of a count);
    "largest", "highest", "the most populous" by an amount (a ``by:`` sum or mean of a column)."""
    if claim.counts is None:
        return True
    most = _MOST.match(f.text.strip())
    words_after = f.text.strip()[most.end():].split() if most else []
    return claim.counts == bool(most and words_after and not words_after[0].lower().endswith(("ous", "ful", "ive")))


def _spoken_of(stated: list[Figure], end: str | None, taken: set[int], rank: int = 1,
               claim: ClaimRef | None = None) -> list[Figure]:
    """The figures, of several (extremes and runs of its ``says``), that a claim of ``expect: true``
    checks. A claim that ranks (``end``) checks one: an extreme of its end, the first not yet taken
    by another claim, so that two claims of "the most cases and the most appeals" cover one each.
    Any other (``rising``) checks the run its sentence tells ("every year since 2020, for a third
    year in a row": both), and no extreme that has an end ("to the highest since 2010"), unless the
    sentence tells of no run: then one of them, as a claim that ranks. Of extremes of several
    ranks ("the most common …, and Instagram the second most common"), one of the claim's ``rank``."""
    ended = [f for f in stated if f.kind == "extreme" and extreme_end(f.text) is not None]
    if end is None and len(ended) < len(stated):
        return [f for f in stated if f not in ended]
    pool = [f for f in ended if extreme_end(f.text) == end] or ended or stated
    pool = [f for f in pool if extreme_rank(f.text) == rank] or pool  # "the second most common": rank: 2
    if claim is not None:  # "Harbor, the largest neighbourhood, filed the most requests": the requests one
        pool = sorted(pool, key=lambda f: (not _names(claim, f), not _fits(claim, f)))
    return [next((f for f in pool if id(f) not in taken), pool[0])]


def _ranks_by_itself(expect: object) -> bool:
    """Is ``expect`` an extreme's or a top's (true or false, a list of values), not a value?"""
    return is_true_or_false(expect) or _values(expect)


def _qualifying(claim: ClaimRef, stated: list[Figure], place: dict[int, int], article: _Article) -> list[Figure]:
    """The extreme that says what a ``max`` (``min``) claim's value is, in the place its figure is:
    "*The largest fire* burned 10,782 acres", an extreme of the claim's end that opens its sentence
    or clause (not "County General had the longest waits", whose claim says which hospital)."""
    places = {place[id(f)] for f in stated}
    return [f for f in article.figures_of_place(claim.says, places)
            if f.kind == "extreme" and value_end(f.text) == claim.end
            and opens_clause(f.sentence, f.start)][:1]


def _values(expect: object) -> bool:
    """Is ``expect`` a list of values (a ``top`` claim's, an ``extreme`` claim's)?"""
    return isinstance(expect, (list, tuple)) or isinstance(expect, Mapping) and "values" in expect


def _one_of_each(stated: list[Figure], place: dict[int, int], taken: set[int]) -> list[Figure]:
    """Of the figures a claim's ``expect`` states, those one measure checks: of figures written
    alike in one place its ``says`` is found ("Kings filed 50 cases, and Queens filed 50
    appeals"), one, the first no other claim has taken; figures written otherwise ("Cases
    doubled: twice as many") or in another place (the sentence repeated) say the same thing
    again, and all count. ``place``: each figure's place, by its ``id``."""
    alike: dict[tuple[int, str], list[Figure]] = {}
    for f in stated:
        alike.setdefault((place[id(f)], fold(f.text)[0]), []).append(f)
    chosen = {id(next((f for f in same if id(f) not in taken), same[0])) for same in alike.values()}
    return [f for f in stated if id(f) in chosen]


def _keys_of_expect(f: Figure) -> list[tuple[object, ...]]:
    """An ``expect`` of 0.59 on a share states "59%" (and 0.5 states "half") as well as "0.59"."""
    keys = [_key(f)]
    if f.kind == "number" and f.value is not None and 0 < f.value < 1:
        keys += [("percent", f.value, f.qualifier), ("fraction", f.value, f.qualifier)]
    if f.kind == "number" and f.value is not None and f.value.denominator == 1 and f.value > 1:
        keys.append(("streak", f.value, f.qualifier))  # `expect: 4` states "for a fourth straight year"
    return keys


def _ignored(ignore: Ignore, candidates: list[Figure]) -> list[Figure]:
    wanted = {_key(f) for f in figures_in_phrase(ignore.figure)}
    text = fold(ignore.figure)[0]
    return [f for f in candidates if _key(f) in wanted or fold(f.text)[0] == text]


# --------------------------------------------------------------------------- coverage

_EACH = re.compile(r"(?i)(?:in\s+)?(?:every|each)\b")
"""An "every year since 2010" figure, which an ``every`` claim checks with its own figure."""

_TOP = re.compile(r"(?i)(?:the\s+)?top$")
"""The words of a figure "the top" right before the number of a top ("*the top* five vendors")."""


def _the_top(n: int, stated: list[Figure], place: dict[int, int], scopes: list[tuple[int, int]],
             article: _Article, taken: set[int]) -> list[Figure]:
    """The figures of a top of ``n`` in the sentences of a claim's own figures: the first number ``n`` no
    claim has taken ("Five firms took nearly two-thirds …"; "The top five vendors received …"), with "the
    top" right before it. The measure that takes the top ``n`` (``top_share: amount, top_n: 5``) checks
    them: a top of six would not give its figure."""
    out: list[Figure] = []
    for k in sorted({place[id(f)] for f in stated if id(f) in place}):
        figures = article.figures_within([scopes[k]])
        size = next((f for f in figures if f.kind == "number" and f.value == n and f not in stated
                     and id(f) not in taken), None)
        if size is None:
            continue
        out.append(size)
        out += [f for f in figures if f.kind == "extreme" and _TOP.match(f.text.strip()) and f.end <= size.start
                and not f.sentence[f.end:size.start].strip() and id(f) not in taken]
    return out


def cover(sentences: Sequence[Sentence], claims: Sequence[ClaimRef],
          ignore: Sequence[Ignore] = ()) -> Coverage:
    """Match every figure of the article (``find_figures``) to the claims and ignore entries."""
    article = _Article(sentences)
    covering: dict[int, list[ClaimRef]] = {}
    stale: list[StaleClaim] = []
    no_figure: list[str] = []
    states: list[tuple[ClaimRef, list[Figure], dict[int, int], list[tuple[int, int]]]] = []
    for claim in claims:
        scopes = article.scopes(claim.says)
        if not scopes:
            closest, line, ratio = article.closest(claim.says)
            stale.append(StaleClaim(claim.id, claim.says, closest, line, ratio))
            continue
        stated = _states(claim.expect, article.figures_within(scopes), claim.end)
        if not stated and claim.expect is not None:
            no_figure.append(claim.id)
        # each figure's place: which finding of the `says` holds it
        place = {id(f): k for k, scope in enumerate(scopes) for f in article.figures_within([scope])}
        states.append((claim, stated, place, scopes))
    taken: set[int] = set()  # figures a claim with a measure has taken as the one it checks
    # a claim that ranks knows its extreme, and one whose measure's names are in an extreme's words knows it best
    for claim, stated, place, scopes in sorted(states, key=lambda s: (s[0].end is None,
                                                                      not any(_names(s[0], f) for f in s[1]),
                                                                      not any(_fits(s[0], f) for f in s[1]))):
        if len(stated) > 1 and claim.has_measure and (is_true_or_false(claim.expect) or _values(claim.expect)):
            stated = _spoken_of(stated, claim.end, taken, claim.rank, claim)
        elif len(stated) > 1 and claim.has_measure and claim.expect is not None:
            stated = _one_of_each(stated, place, taken)
        if claim.end is not None and claim.has_measure and stated and not _ranks_by_itself(claim.expect):
            stated = stated + _qualifying(claim, stated, place, article)
        if claim.each and claim.has_measure and stated:  # "more than 1,100 every year since 2010": both
            stated = stated + [f for k in sorted({place[id(f)] for f in stated if id(f) in place})
                               for f in article.figures_within([scopes[k]])
                               if f.kind == "extreme" and _EACH.match(f.text) and f not in stated]
        if claim.top_n is not None and claim.has_measure and stated:  # "The top five vendors received …"
            stated = stated + _the_top(claim.top_n, stated, place, scopes, article, taken)
        taken.update(id(f) for f in stated)
        for f in stated:
            covering.setdefault(id(f), []).append(claim)
    ignored: dict[int, Ignore] = {}
    unused: list[Ignore] = []
    for entry in ignore:
        scopes = article.scopes(entry.sentence)
        hits = _ignored(entry, article.figures_of_sentences(scopes)) if scopes else []
        if not hits:
            unused.append(entry)
        for f in hits:
            ignored.setdefault(id(f), entry)
    result: list[FigureCoverage] = []
    for f, _, _ in article.places:
        by = sorted(covering.get(id(f), []), key=claims.index)  # in the file's order
        found = ignored.get(id(f))
        status: Status = ("checked" if any(c.has_measure or c.unverifiable for c in by) else "not_encoded" if by
                          else "ignored" if found else "not_checked")
        result.append(FigureCoverage(f, tuple(dict.fromkeys(c.id for c in by)), status, found))
    return Coverage(tuple(result), tuple(stale), tuple(no_figure), tuple(unused))
