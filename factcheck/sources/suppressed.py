"""Counts suppressed for privacy ('<10', '*', 'n<10'), as education and health agencies publish small
groups, read as unknown through ``csv: {null: [...]}``. A figure that leaves such rows out says what
they are: not values nobody knows, but groups of a few each, so a sum over the rows left is a floor."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..outcome import NoteCode
from ..report import Note
from .totals import nulls_read
from .written import suppressed_mark

if TYPE_CHECKING:
    from .tables import Source

FLOOR_KINDS = frozenset({"sum"})
"""The measures whose value the suppressed rows would only raise: a sum of counts."""


def marks(sources: Iterable[Source]) -> list[str]:
    """The suppression marks the tables read as unknown (a table read from a CSV, ``csv: null``)."""
    found: list[str] = []
    for src in sources:
        if src.path is None or src.format != "csv":
            continue
        found += [m for m in nulls_read(src) if m.strip() and suppressed_mark(m) and m not in found]
    return found


def said_of(notes: list[Note], kind: str, read_as_unknown: list[str]) -> list[Note]:
    """The notes with ``unknowns_excluded`` saying that the rows left out may be suppressed counts."""
    if not read_as_unknown:
        return notes
    shown = ", ".join(repr(m) for m in read_as_unknown)
    more = (f" (the table reads {shown} as unknown: counts suppressed for privacy, each a small group; "
            + ("the sum leaves them out, so it is a floor: say 'at least' or name the groups left out)"
               if kind in FLOOR_KINDS else "the figure leaves those groups out: say so in the story)"))
    return [n.model_copy(update={"message": n.message + more}) if n.code == NoteCode.UNKNOWNS_EXCLUDED else n
            for n in notes]
