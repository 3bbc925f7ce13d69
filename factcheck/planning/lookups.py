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


ASKED_UP_TO = 1_000_000
"""Rows of a table whose lookups are looked into as soon as the tables are read. A larger table's
are counted inside the run's shared scan of it, which joins the lookups anyway (a separate query
took 0.34 s at 10M rows), and looked into only when that count is not zero (:func:`resolve`)."""

Readers = dict[tuple[str, str], tuple["Link", list[int]]]
"""Each lookup that claims read through, by (table, lookup name): the link and the plans' indices."""


def readers_of(plans: list[ClaimPlan], read: set[str]) -> Readers:
    """The lookups the plans read through, between tables that were read, with the plans."""
    found: Readers = {}
    for plan in plans:
        for node in walk(plan.node):
            for scan in node.scans():
                for link in scan.joins.values():
                    if link.table not in read or link.target not in read:
                        continue
                    _, indices = found.setdefault((link.table, link.name), (link, []))
                    if plan.index not in indices:
                        indices.append(plan.index)
    return found


def unmatched_notes(plans: list[ClaimPlan], backend: Backend, rows: dict[str, int]) -> tuple[dict[int, list[Note]], Readers]:
    """The warnings of the claims (by plan index) that read through a lookup that finds no row for
    some of its table's keys, for tables of up to :data:`ASKED_UP_TO` rows; and the lookups of the
    larger ones, left for :func:`resolve`. ``rows``: the tables read, with their rows."""
    notes: dict[int, list[Note]] = defaultdict(list)
    later: Readers = {}
    for at, (link, indices) in readers_of(plans, set(rows)).items():
        if rows.get(link.table, 0) > ASKED_UP_TO:
            later[at] = (link, indices)
        else:
            _add_note(notes, link, indices, backend)
    return notes, later


def resolve(later: Readers, counted: dict[tuple[str, str], int], backend: Backend) -> dict[int, list[Note]]:
    """The warnings of the lookups :func:`unmatched_notes` left: none for a lookup whose shared scan
    counted no unmatched row; the rows asked for where it counted some, or did not count."""
    notes: dict[int, list[Note]] = defaultdict(list)
    for at, (link, indices) in later.items():
        if counted.get(at) != 0:
            _add_note(notes, link, indices, backend)
    return notes


def unmatched_count_sql(link: Link) -> str:
    """The aggregate that counts, inside a scan that joins ``link``, the rows it finds no row for."""
    local = f"{quote_ident(link.table)}.{quote_ident(link.local)}"
    return f"count(*) FILTER (WHERE {local} IS NOT NULL AND {quote_ident(link.name)}.{quote_ident(link.remote)} IS NULL)"


def _add_note(notes: dict[int, list[Note]], link: Link, indices: list[int], backend: Backend) -> None:
    found = backend.execute(unmatched_sql(link)).rows
    if not found:
        return
    note = _note(link, [(str(k), int(n)) for k, n in found], _spelled(link, [str(k) for k, _ in found], backend))
    for index in indices:
        notes[index].append(note)


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
