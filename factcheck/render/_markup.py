"""What every part of the HTML report shares: escaping, and the sign shown for each verdict.

Everything that comes from a user (titles, ``says``, values, file names, the
article) goes through :func:`e` before it reaches the page.
"""

from __future__ import annotations

import re
from html import escape

from ..report import Verdict

ICON = {Verdict.PASS: "✓", Verdict.FAIL: "✗", Verdict.UNVERIFIABLE: "?"}


def e(x: object) -> str:
    """Escape for HTML text and (double-quoted) attributes."""
    return escape(str(x), quote=True)


def e_spaced(x: object) -> str:
    """:func:`e`, for text whose runs of spaces matter ('New  York' beside 'New York' in a warning
    about spellings): every space of a run after its first is a no-break space, which HTML does
    not collapse. Not for code a reader copies (SQL): a no-break space there is no space to DuckDB."""
    return _SPACE_RUN.sub(lambda m: " " + "&nbsp;" * (len(m.group()) - 1), e(x))


_SPACE_RUN = re.compile(" {2,}")
