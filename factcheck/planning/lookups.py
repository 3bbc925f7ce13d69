"""Lookups that find nothing: rows whose key the looked-up table has no row for.

``population: {lookup: {st: states via state}}`` gives each row of ``population`` the columns of
one row of ``states``. A row whose ``state`` no row of ``states`` holds ("Mississipi", spelled
another way) gets none: through the lookup its values are unknown, so a filter on ``st.region``
leaves it out, and "the South's population" silently lacks a state. Each claim that reads
through such a lookup carries the warning ``unmatched_lookup``, naming the keys. One query per
lookup a claim reads through, after the tables are read.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ..expressions import quote_ident
from ..outcome import NoteCode
from ..report import Note
from .nodes import walk

if TYPE_CHECKING:
    from ..backends import Backend
    from .catalog import Link
    from .nodes import ClaimPlan

SHOWN = 3
"""The keys a note names; the rest are counted."""


def unmatched_sql(link: Link) -> str:
    """The keys of ``link``'s table that its target has no row for, with their rows, most first."""
    local = f"{quote_ident(link.table)}.{quote_ident(link.local)}"
    return (f"SELECT {local}, count(*) AS n\nFROM {quote_ident(link.table)}\n{link.join_sql()}\n"
            f"WHERE {local} IS NOT NULL AND {quote_ident(link.name)}.{quote_ident(link.remote)} IS NULL\n"
            f"GROUP BY 1 ORDER BY 2 DESC, 1")


def unmatched_notes(plans: list[ClaimPlan], backend: Backend, read: set[str]) -> dict[int, list[Note]]:
    """The warnings of the claims (by plan index) that read through a lookup that finds no row for
    some of its table's keys. ``read``: the tables read (a lookup into one not read is not asked)."""
    readers: dict[tuple[str, str], list[int]] = defaultdict(list)
    links: dict[tuple[str, str], Link] = {}
    for plan in plans:
        for node in walk(plan.node):
            for scan in node.scans():
                for link in scan.joins.values():
                    at = (link.table, link.name)
                    links[at] = link
                    if plan.index not in readers[at]:
                        readers[at].append(plan.index)
    notes: dict[int, list[Note]] = defaultdict(list)
    for at, link in links.items():
        if link.table not in read or link.target not in read:
            continue
        found = backend.execute(unmatched_sql(link)).rows
        if not found:
            continue
        note = _note(link, [(str(k), int(n)) for k, n in found], _spelled(link, [str(k) for k, _ in found], backend))
        for index in readers[at]:
            notes[index].append(note)
    return notes


def _spelled(link: Link, keys: list[str], backend: Backend) -> dict[str, str]:
    """The target's keys that the unmatched ones are but for case and spacing ('Mississippi ' for
    'Mississippi'), by unmatched key; asked of the target's distinct keys, read once."""
    from .typos import normal
    remote = quote_ident(link.remote)
    held = backend.execute(f"SELECT DISTINCT CAST({remote} AS VARCHAR) FROM {quote_ident(link.target)} "
                           f"WHERE {remote} IS NOT NULL LIMIT 100000").rows
    by_normal = {normal(str(v)): str(v) for (v,) in held}
    return {k: by_normal[normal(k)] for k in keys[:SHOWN] if normal(k) in by_normal}


def _note(link: Link, keys: list[tuple[str, int]], spelled: dict[str, str]) -> Note:
    rows = sum(n for _, n in keys)
    named = ", ".join(f"{k!r} ({n:,} row{'s' if n != 1 else ''}"
                      + (f"; '{link.target}' has {spelled[k]!r}" if k in spelled else "") + ")" for k, n in keys[:SHOWN])
    if len(keys) > SHOWN:
        named += f" and {len(keys) - SHOWN} more"
    return Note(code=NoteCode.UNMATCHED_LOOKUP, warning=True, message=(
        f"lookup '{link.name}' finds no row of table '{link.target}' for {rows:,} row{'s' if rows != 1 else ''} of "
        f"'{link.table}': {link.local} {named}. Through '{link.name}' their values are unknown, so a filter on "
        f"{link.name}.… leaves them out; if a key is spelled another way in '{link.target}', fix one of the two"))
