""""Did you mean …": the names closest to a misspelt one, for every hint factcheck writes.

One helper for the whole tool, so that a misspelt column, field, measure kind, function,
claim id or category gets the same kind of suggestion everywhere.

>>> suggest("recruitment_platfrom", ["recruitment_platform", "recruitment_location", "case_id"])
['recruitment_platform', 'recruitment_location']
>>> did_you_mean(suggest("Share", ["count", "share", "sum"]))
"did you mean 'share'?"
>>> did_you_mean(suggest("zzz", ["count"])) is None
True
"""

from __future__ import annotations

import difflib
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
    for match in difflib.get_close_matches(word.lower(), list(by_lower), n=n, cutoff=cutoff):
        if by_lower[match] not in found and by_lower[match] != word:
            found.append(by_lower[match])
    return found[:n]


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
