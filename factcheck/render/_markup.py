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
from .safetext import escape_hidden

ICON = {Verdict.PASS: "✓", Verdict.FAIL: "✗", Verdict.UNVERIFIABLE: "?"}


def shown(text: str) -> str:
    """``text`` with each hidden or reordering character as a visible escape; all else as it is
    (accents, CJK, emoji, Arabic and Hebrew letters)."""
    return escape_hidden(text, keep="\t\n\r")  # HTML shows these as a space


def e(x: object) -> str:
    """Escape for HTML text and (double-quoted) attributes, hidden characters shown (:func:`shown`)."""
    return escape(shown(str(x)), quote=True)


def e_spaced(x: object) -> str:
    """:func:`e`, for text whose runs of spaces matter ('New  York' beside 'New York' in a warning
    about spellings): every space of a run after its first is a no-break space, which HTML does
    not collapse. Not for code a reader copies (SQL): a no-break space there is no space to DuckDB."""
    return _SPACE_RUN.sub(lambda m: " " + "&nbsp;" * (len(m.group()) - 1), e(x))


_SPACE_RUN = re.compile(" {2,}")
