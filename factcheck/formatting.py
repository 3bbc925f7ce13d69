"""How a number computed as a float is written for people, in every report and message.

Whole numbers are written in full with thousands separators; others to a number of
significant digits. (A value judged against an ``expect:`` is exact and written on its
measure's scale by :func:`factcheck.expectations.numbers.format_value` instead.)

>>> plain_number(5076.0), plain_number(0.123456789), plain_number(None)
('5,076', '0.123457', '—')
>>> plain_number(1234.5678, 4), plain_number(1234.5678, 3, decimals=1)
('1,235', '1,234.6')
"""

from __future__ import annotations

MISSING = "—"
GROUP_SPACES = "\u00a0\u202f\u2009"
"""The no-break, narrow no-break and thin spaces that group thousands as SI and many European
newsrooms write them ("12\u00a0000"); a plain space between digits separates two numbers."""


def plain_number(x: float | None, significant: int = 6, *, decimals: int | None = None) -> str:
    """``x`` for people: whole numbers in full, others to ``significant`` digits.

    ``decimals`` writes numbers of magnitude 1 or more with that many decimals instead
    (a chart's axis wants 1,234.6, not 1.23e+03); ``None`` is written as a dash.
    """
    if x is None:
        return MISSING
    if float(x).is_integer():
        return f"{int(x):,}"
    if decimals is not None and abs(x) >= 1:
        return f"{x:,.{decimals}f}"
    return f"{x:,.{significant}g}"
