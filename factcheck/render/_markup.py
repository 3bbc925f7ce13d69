"""What every part of the HTML report shares: escaping, and the sign shown for each verdict.

Everything that comes from a user (titles, ``says``, values, file names, the
article) goes through :func:`e` before it reaches the page, and the rendered article
through :func:`shown`: a character a reader cannot see, or one that reorders the text
around it (a right-to-left override in a data value can make a message read backwards),
is shown as an escape (``\\u202e``, ``\\x01``), as the terminal and Markdown reports show it.
"""

from __future__ import annotations

import re
from html import escape

from ..report import Verdict
from .safetext import as_escape

ICON = {Verdict.PASS: "✓", Verdict.FAIL: "✗", Verdict.UNVERIFIABLE: "?"}


# C0 and C1 controls (but the line break, carriage return and tab, which HTML shows as a space),
# bidirectional overrides, embeddings and isolates, line and paragraph separators, lone surrogates
# and the noncharacters (U+FFFE, U+FFFF of every plane, U+FDD0-U+FDEF). Not the marks (U+200E,
# U+200F, U+061C): an Arabic or Hebrew draft uses them as punctuation, and they reorder no run of text.
_HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e"
                     "\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef"
                     + "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000))
                     + "]")


def shown(text: str) -> str:
    """``text`` with each hidden or reordering character as a visible escape; all else as it is
    (accents, CJK, emoji, Arabic and Hebrew letters)."""
    return _HIDDEN.sub(as_escape, text) if _HIDDEN.search(text) else text


def e(x: object) -> str:
    """Escape for HTML text and (double-quoted) attributes, hidden characters shown (:func:`shown`)."""
    return escape(shown(str(x)), quote=True)


def e_spaced(x: object) -> str:
    """:func:`e`, for text whose runs of spaces matter ('New  York' beside 'New York' in a warning
    about spellings): every space of a run after its first is a no-break space, which HTML does
    not collapse. Not for code a reader copies (SQL): a no-break space there is no space to DuckDB."""
    return _SPACE_RUN.sub(lambda m: " " + "&nbsp;" * (len(m.group()) - 1), e(x))


_SPACE_RUN = re.compile(" {2,}")
