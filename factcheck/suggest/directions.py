"""A fall said beside a figure that its ``expect:`` leaves out: no measure is proposed for the size alone.

"About 109,000 people voted, more than 16,000 fewer than four years ago" with ``expect: more than
16,000`` reads as a count above 16,000, or a rise of more than 16,000: either way the "fewer" is lost,
and a measure proposed for it would pass on a rise. `init` carries such words into the expect
(:mod:`factcheck.starter`); what it cannot carry, and what a claims file written by hand leaves out, is
found here, and `suggest` says so instead of proposing.

>>> dropped_in_claim("Deaths were 40 lower in 2023.", "40"), dropped_in_claim("The drive ended $5,000 short of its goal.", "$5,000")
('lower', 'short')
>>> dropped_in_claim("Turnout was 39%, down from 45% in 2020.", "45%"), dropped_in_claim("Deaths fell to 40.", "40")
(None, None)
"""

from __future__ import annotations

import re

from ..draft.phrases import FALL_VERBS_ALONE, dropped_as_a_fall

# a word of a fall or a lag right before the figure ("down 250", "fell 300", "trails by 3 points"), or after
# it with one word between at most ("16,000 fewer", "40 votes behind"; "lower" and "smaller" at the end of
# the clause or before "than", "in" …, not "the 12 lower courts"); not "or fewer" (a threshold), nor a
# word with a number after it ("43 days below 95 degrees") or "to"/"from" ("fell to 4" is a level)
_BEFORE = re.compile(rf"\b(down|off|fewer|less|lower|behind|short|trail(?:s|ed|ing)?|{FALL_VERBS_ALONE})(?:\s+by)?\s*$",
                     re.IGNORECASE)


def said_after(words: str, *, not_before: str = "") -> re.Pattern[str]:
    """A word of ``words`` (alternatives), or "lower"/"smaller" at the end of a clause or before "than",
    "in" …, said after a figure with one word between at most ("16,000 fewer", "40 votes behind"), not
    after "or" ("5 or fewer": a threshold) and not with a number after it ("43 days below 95 degrees") or
    what ``not_before`` matches. Shared with `init`'s reading of a figure (:mod:`factcheck.starter`)."""
    return re.compile(r"(?:\s+(?!or\b|and\b|to\b)[^\W\d]+)?\s+("
                      + words + r"|(?:lower|smaller)(?=\s*(?:[,;:.!?]|$|"
                      r"(?:than|in|on|from|since|compared|at|last|this)\b)))\b"
                      r"(?!\s+(?:than\s+)?\$?\d" + (f"|{not_before}" if not_before else "") + ")", re.IGNORECASE)


_AFTER = said_after("fewer|less|below|behind|down|short", not_before=r"\s+(?:to|from)\b")


def dropped_direction(sentence: str, start: int, text: str, expect: object) -> str | None:
    """The word of a fall beside the figure ``text`` at ``start`` of ``sentence`` that ``expect`` does not
    carry (it says no direction at all), or None."""
    if not isinstance(expect, str) or _has_direction(expect):
        return None
    before, after = sentence[:start], sentence[start + len(text):]
    m = _BEFORE.search(before) or _AFTER.match(after)
    if m:
        return m[1].lower()
    return "dropped" if dropped_as_a_fall(before, after) else None   # "dropped 1,500 students from 2022"


def dropped_in_claim(says: str, expect: object) -> str | None:
    """:func:`dropped_direction` of the figure of ``says`` that ``expect`` states (its text, or the same
    in digits), or None when no figure of the sentence is the expect's."""
    if not isinstance(expect, str):
        return None
    from ..draft.figures import find_figures
    from ..draft.phrases import in_digits

    said = " ".join(expect.lower().split())
    for sentence in find_figures(says):
        for f in sentence.figures:
            texts = {" ".join(f.text.lower().split()), (in_digits(f.text) or "").lower()} - {""}
            if any(re.search(rf"(?<![\w.,]){re.escape(t)}(?![\w]|[.,]\d)", said) for t in texts):
                word = dropped_direction(sentence.text, f.start, f.text, expect)
                if word is not None:
                    return word
    return None


def _has_direction(expect: str) -> bool:
    """Does ``expect`` say a direction (a rise, a fall, a side of a gap), as the expect reader reads one?"""
    from ..expectations.vocabulary import BARE_DIRECTIONS, MULTIPLES
    from ..expectations.wording import normalize, split_direction, split_margin, split_qualifier

    said = normalize(expect)
    if said[:1] in "+-" or said in BARE_DIRECTIONS or said in MULTIPLES:
        return True  # '-8%', 'fell', 'halved'
    if split_margin(said) is not None or split_direction(said)[0] is not None:
        return True
    return split_direction(split_qualifier(said)[1])[0] is not None
