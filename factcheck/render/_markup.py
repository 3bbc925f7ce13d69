"""What every part of the HTML report shares: escaping, and the sign shown for each verdict.

Everything that comes from a user (titles, ``says``, values, file names, the
article) goes through :func:`e` before it reaches the page.
"""

from __future__ import annotations

from html import escape

from ..report import Verdict

ICON = {Verdict.PASS: "✓", Verdict.FAIL: "✗", Verdict.UNVERIFIABLE: "?"}


def e(x: object) -> str:
    """Escape for HTML text and (double-quoted) attributes."""
    return escape(str(x), quote=True)
