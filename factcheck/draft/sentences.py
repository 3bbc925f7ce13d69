"""Splitting a block of plain text into sentences, and finding what is in quotation marks.

A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or brackets)
followed by a space and a capital letter, a digit or an opening quote — except after
a title or reference abbreviation (``Dr.``, ``No. 5``, ``e.g.``), an initial (``J. Smith``),
or a dotted abbreviation (``U.S.``, ``a.m.``) unless the next word usually starts a sentence
(``in the U.S. The report…``). Decimals never split (``2.5`` has no space after the dot).

>>> text = "Dr. Smith counted 2.5 million in the U.S. in 2020. No. 5 rose 3%. The end"
>>> [text[a:b] for a, b in split_sentences(text)]
['Dr. Smith counted 2.5 million in the U.S. in 2020.', 'No. 5 rose 3%.', 'The end']
"""

from __future__ import annotations

import re

_END = re.compile(r"(?:[.!?]+|\u2026)[\"'\u201d\u2019)\]]*(?=\s)")
_OPENERS = "\"'\u201c\u2018(["

# never end a sentence: titles and references followed by a name or a number
_TITLES = frozenset("""Mr Mrs Ms Mx Dr Prof St Sen Rep Gov Gen Lt Col Capt Sgt Cpl Adm Cmdr Maj
    Rev Hon Pres Supt Det Insp Jr Sr No Nos Fig Figs Vol Vols Ch Art Sec Para Pt Mt Ft
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Ave Blvd Rd Dept Univ
    approx est cf vs v p pp vol ch art sec para fig no nos""".split())
# end a sentence only before a word that usually starts one
_ENDABLE = frozenset("etc Inc Ltd Co Corp".split())
_STARTERS = frozenset("""The A An It In This That These Those But And He She They We I You There
    Its Their His Her Our Of On At For By Since When While As After Before Most Some More Only
    Over Among Across Federal Prosecutors Yet So Still Now Then However Meanwhile Last Next
    What Why How Who Where Each Every All No None One Two Three Such Both Many Few Not If""".split())
_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}$")


def _word_before(text: str, end: int) -> str:
    """The word ending just before ``end`` (the terminator), without opening punctuation."""
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end].lstrip(_OPENERS)


def _next_word(text: str, start: int) -> str:
    m = re.match(r"[\"'\u201c\u2018(\[]*([^\s.,;:!?]*)", text[start:start + 40])
    return m[1] if m else ""


def _is_boundary(text: str, m: re.Match[str], following: int) -> bool:
    if following >= len(text):
        return True
    nxt = text[following]
    if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS or nxt in "*_#"):
        return False
    if not m.group().startswith(".") or m.group().startswith(".."):
        return True
    word = _word_before(text, m.start())
    if not word:
        return True
    if word in _TITLES or (word.lower() in ("e.g", "i.e", "cf", "vs", "approx", "est")):
        return False
    dotted = _DOTTED.match(word + ".") is not None
    initial = len(word) == 1 and word.isalpha() and word.isupper()
    if dotted or initial or word in _ENDABLE:
        return _next_word(text, following) in _STARTERS
    return True


def split_sentences(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each sentence of ``text``, without surrounding spaces."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        following = m.end()
        while following < len(text) and text[following].isspace():
            following += 1
        if _is_boundary(text, m, following):
            spans.append((start, m.end()))
            start = following
    if start < len(text):
        spans.append((start, len(text)))
    return [(a, b) for a, b in (_trim(text, a, b) for a, b in spans) if b > a]


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def quoted_mask(text: str) -> list[bool]:
    """For each character, whether it lies inside quotation marks (the marks included).

    Straight double quotes toggle; curly quotes open and close; a single curly quote opens
    only after a space or an opening bracket, so an apostrophe (report’s) never does.
    Unclosed quotes run to the end of the text (a quotation continued in the next paragraph).

    >>> "".join("q" if q else "." for q in quoted_mask('He said "59% fell" and ‘a third’ rose.'))
    '........qqqqqqqqqq.....qqqqqqqqq......'
    """
    mask = [False] * len(text)
    if not any(q in text for q in "\"\u201c\u201d\u2018"):
        return mask
    double = single = False
    for i, c in enumerate(text):
        opening = False
        if c == '"':
            double, opening = not double, not double
        elif c == "\u201c":
            double = opening = True
        elif c == "\u2018" and (i == 0 or text[i - 1].isspace() or text[i - 1] in "([\u201c\""):
            single = opening = True
        closing = (c == "\u201d" and double) or (c == '"' and not double and not opening) or (
            c == "\u2019" and single and (i + 1 == len(text) or not text[i + 1].isalpha()))
        mask[i] = double or single or closing
        if c == "\u201d":
            double = False
        elif closing and c == "\u2019":
            single = False
    return mask
