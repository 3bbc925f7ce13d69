""""Did you mean …": the names closest to a misspelt one, for every hint factcheck writes.

One helper for the whole tool, so that a misspelt column, field, measure kind, function,
claim id or category gets the same kind of suggestion everywhere.

>>> suggest("recruitment_platfrom", ["recruitment_platform", "recruitment_location", "case_id"])
['recruitment_platform', 'recruitment_location']
>>> did_you_mean(suggest("Share", ["count", "share", "sum"]))
"did you mean 'share'?"
>>> did_you_mean(suggest("zzz", ["count"])) is None
True

A name is also close when its words are the other's, reordered or with words added: a data update
that renames ``platform`` to ``recruitment_platform`` or ``filed_date`` to ``date_filed`` is
offered, though the letters alone are too far apart (a word of three letters or fewer, ``id``,
makes no such match: every ``*_id`` would be offered).

>>> suggest("platform", ["recruitment_platform", "recruitment_location", "case_id"])
['recruitment_platform']
>>> suggest("filed_date", ["date_filed", "case_id"])
['date_filed']
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence

CUTOFF = 0.6  # difflib's similarity ratio: below it a name is not offered (0.6 is difflib's own default)


def suggest(word: str, candidates: Iterable[str], n: int = 3, cutoff: float = CUTOFF) -> list[str]:
    """The candidates closest to ``word``, best first (case-insensitive), at most ``n``.

    A candidate equal to ``word`` but for case always comes first; ``word`` itself is never
    suggested. ``cutoff`` is the least similarity (0 to 1) a candidate needs.
    """
    by_lower: dict[str, str] = {}
    for candidate in dict.fromkeys(candidates):
        by_lower.setdefault(candidate.lower(), candidate)
    found: list[str] = []
    if word.lower() in by_lower and by_lower[word.lower()] != word:
        found.append(by_lower[word.lower()])
    scored = {match: difflib.SequenceMatcher(None, word.lower(), match).ratio()
              for match in difflib.get_close_matches(word.lower(), list(by_lower), n=n, cutoff=cutoff)}
    words = _words(word)
    if cutoff <= _SAME_WORDS:  # the same words, one name's a part of the other's: close, as 'platform' is
        for lower in by_lower:
            if lower not in scored and (close := _words_match(words, _words(lower))):
                scored[lower] = close
    for match in sorted(scored, key=lambda m: -scored[m]):  # sorted() keeps difflib's order among equals
        if by_lower[match] not in found and by_lower[match] != word:
            found.append(by_lower[match])
    return found[:n]


_SAME_WORDS, _WORDS_ADDED = 0.95, 0.7
"""The closeness given to a name with the same words reordered, and to one with words added or left
out: above every ratio difflib gives such pairs (``filed_date``/``date_filed`` is 0.5), below the
ratio of a one-letter slip in a long name (``recruitment_platfrom`` beside ``…_platform``)."""


def _words(name: str) -> frozenset[str]:
    """A name's words: split at anything but a letter or digit and where camelCase turns."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name)
    return frozenset(w for w in re.split(r"[^0-9A-Za-z]+", spaced.lower()) if w)


def _words_match(a: frozenset[str], b: frozenset[str]) -> float | None:
    """How close two names are by their words (None: not at all). Only words of four letters or
    more count: ``id``, ``no`` and ``n`` are in too many names to say which one was meant."""
    if not a or not b or len(a | b) == 1:
        return None  # one word each: difflib's ratio already says how close they are
    if a == b:
        return _SAME_WORDS
    small, large = (a, b) if len(a) < len(b) else (b, a)
    if small < large and all(len(w) >= 4 for w in small):
        return _WORDS_ADDED
    return None


def closest_first(word: str, names: Sequence[str], most: int = 12) -> str:
    """``names`` listed closest to ``word`` first, at most ``most`` of them: for a hint where none is
    close enough to be offered (``a, b, c … and 9 more``)."""
    ranked = suggest(word, names, n=len(names), cutoff=0.0)
    ranked += [name for name in names if name not in ranked]
    more = f" … and {len(ranked) - most} more" if len(ranked) > most else ""
    return ", ".join(ranked[:most]) + more


def did_you_mean(suggestions: Sequence[str]) -> str | None:
    """``did you mean 'a'?`` / ``did you mean 'a' or 'b'?``, or None without suggestions."""
    if not suggestions:
        return None
    quoted = [f"'{s}'" for s in suggestions]
    if len(quoted) == 1:
        return f"did you mean {quoted[0]}?"
    return f"did you mean {', '.join(quoted[:-1])} or {quoted[-1]}?"
