"""Numbers written as a story writes them ('22,100', '$12,500.00', '61.0%') found where a file of
numbers should hold plain ones, and what to tell the reporter about them. Imports nothing of the
package, so that reading (:mod:`.tables`) and diagnosis (:mod:`.diagnosis`) can both use it."""

from __future__ import annotations

import re

_THOUSANDS = re.compile(r"[+-]?\d{1,3}([,.' ]\d{3})+([.,]\d+)?")

_MONEY = re.compile(r"[-+(]?\s*(?:[A-Z]{1,3})?[$£€¥₹]\s*[-+]?\d[\d,]*(?:\.\d+)?\)?")
"""A number written as money: '$1,250.00', '-$20', '($5)', 'US$300', '€12'."""


def written_number(value: str) -> bool:
    """A number written with a thousands separator, a currency sign or a % sign ('22,100',
    '$12,500.00', '61.0%'): a figure to read, not a value a file of numbers may hold."""
    v = value.strip()
    return bool(_MONEY.fullmatch(v) or _THOUSANDS.fullmatch(v) or _PERCENT_WRITTEN.fullmatch(v))


_PERCENT_WRITTEN = re.compile(r"[-+]?\d+(?:\.\d+)?\s*%")


def number_hint(column: str, values: list[str], file_format: str = "csv") -> str:
    """What to do about a text value in a column of numbers (in a file of ``file_format``: a
    Parquet file has no reading options, so its values are fixed where it is written)."""
    if any(_MONEY.fullmatch(v.strip()) for v in values):  # '$1,250.00': listed as null, it would vanish
        return ("the numbers are written as money ('$1,250.00'): export plain numbers (1250.00), without "
                "currency signs or thousands separators; declaring columns: "
                f"{{{column}: number}} lists every such value")
    if any(_THOUSANDS.fullmatch(v.strip()) for v in values):
        return "the numbers carry thousands separators (1,234): export them without"
    if any(v.strip().endswith("%") for v in values):
        return "the numbers carry a % sign: export plain numbers (and say unit: percent in the claim)"
    if file_format == "parquet":
        return (f"fix the value where the Parquet file is written (a value meaning 'unknown' as a null); "
                f"declaring columns: {{{column}: number}} lists every such value")
    listed = ", ".join(repr(v) for v in ["", *dict.fromkeys(values)])
    if any(suppressed_mark(v) for v in values):
        return (f"{' and '.join(repr(v) for v in dict.fromkeys(values))} look like small counts suppressed for "
                f"privacy, as agencies publish them: read them as unknown with csv: {{null: [{listed}]}} (the "
                "result then says how many rows it left out); a sum of the rows left is then a floor, not the total, "
                "and a count of the rows with a value leaves out groups that have a few")
    return (f"fix the value; if it means 'unknown', list it under csv: {{null: [{listed}]}}; "
            f"declaring columns: {{{column}: number}} lists every such value")


_SUPPRESSED = re.compile(r"\*+|[<≤]=?\s*\d+|n\s*[<≤]=?\s*\d+|\(s\)|d?s|supp(?:ressed)?\.?|†|‡", re.IGNORECASE)
"""How a publisher marks a cell withheld to protect a small group: '*', '<10', 'n<10', '(S)', 'DS' ('data
suppressed'), 'suppressed'; not 'N/A' or '-', which say nothing of why the value is missing."""


def suppressed_mark(value: str) -> bool:
    """Does ``value`` mark a cell withheld to protect a small group ('<10', 'n<10', '*', 'DS')?"""
    return _SUPPRESSED.fullmatch(value.strip()) is not None
