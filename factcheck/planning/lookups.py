"""Lookups that find nothing: rows whose key the looked-up table has no row for.

``population: {lookup: {st: states via state}}`` gives each row of ``population`` the columns of
one row of ``states``. A row whose ``state`` no row of ``states`` holds ("Mississipi", spelled
another way) gets none: through the lookup its values are unknown, so a filter on ``st.region``
leaves it out, and "the South's population" silently lacks a state. A row with no ``state`` at
all (a blank key) is linked to no row either, with the same effect. Each claim that reads through
such a lookup carries the warning ``unmatched_lookup``, naming the keys, unless its own filter
leaves out every one of those rows whatever their looked-up values are (``year == 2021`` when
the unmatched rows are all of 2019). One query per lookup a claim reads through, after the
tables are read; one more per claim when the lookup does find nothing for some rows.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ..expressions import quote_ident
from ..formatting import rows_said
from ..interrupts import reraise_interrupt
from ..outcome import NoteCode
from ..report import Note
from .nodes import walk

if TYPE_CHECKING:
    from ..backends import Backend
    from .catalog import Link
    from .nodes import ClaimPlan, Scan

SHOWN = 3
"""The keys a note names; the rest are counted."""


def unmatched_sql(link: Link) -> str:
    """The keys of ``link``'s table that its target has no row for (a blank key among them, as NULL),
    with their rows, most first."""
    local = f"{quote_ident(link.table)}.{quote_ident(link.local)}"
    return (f"SELECT {local}, count(*) AS n\nFROM {quote_ident(link.table)}\n{link.join_sql()}\n"
            f"WHERE {_unmatched(link)}\nGROUP BY 1 ORDER BY 2 DESC, 1 NULLS FIRST")


def _unmatched(link: Link) -> str:
    """A row of ``link``'s table that the lookup links to no row: its key is blank or not found."""
    return f"{quote_ident(link.name)}.{quote_ident(link.remote)} IS NULL"


ASKED_UP_TO = 1_000_000
"""Rows of a table whose lookups are looked into as soon as the tables are read. A larger table's
are counted inside the run's shared scan of it, which joins the lookups anyway (a separate query
took 0.34 s at 10M rows), and looked into only when that count is not zero (:func:`resolve`)."""

Readers = dict[tuple[str, str], tuple["Link", dict[int, list["Scan"]]]]
"""Each lookup that claims read through, by (table, lookup name): the link, and the scans through
it of each plan, by the plan's index."""


def readers_of(plans: list[ClaimPlan], read: set[str]) -> Readers:
    """The lookups the plans read through, between tables that were read, with the plans."""
    found: Readers = {}
    for plan in plans:
        for node in walk(plan.node):
            for scan in node.scans():
                for link in scan.joins.values():
                    if link.table not in read or link.target not in read:
                        continue
                    _, scans = found.setdefault((link.table, link.name), (link, {}))
                    scans.setdefault(plan.index, []).append(scan)
    return found


def unmatched_notes(plans: list[ClaimPlan], backend: Backend, rows: dict[str, int]) -> tuple[dict[int, list[Note]], Readers]:
    """The warnings of the claims (by plan index) that read through a lookup that finds no row for
    some of its table's keys, for tables of up to :data:`ASKED_UP_TO` rows; and the lookups of the
    larger ones, left for :func:`resolve`. ``rows``: the tables read, with their rows."""
    notes: dict[int, list[Note]] = defaultdict(list)
    later: Readers = {}
    for at, (link, scans) in readers_of(plans, set(rows)).items():
        if rows.get(link.table, 0) > ASKED_UP_TO:
            later[at] = (link, scans)
        else:
            _add_note(notes, link, scans, backend)
    return notes, later


def resolve(later: Readers, counted: dict[tuple[str, str], int], backend: Backend) -> dict[int, list[Note]]:
    """The warnings of the lookups :func:`unmatched_notes` left: none for a lookup whose shared scan
    counted no unmatched row; the rows asked for where it counted some, or did not count."""
    notes: dict[int, list[Note]] = defaultdict(list)
    for at, (link, scans) in later.items():
        if counted.get(at) != 0:
            _add_note(notes, link, scans, backend)
    return notes


def unmatched_count_sql(link: Link) -> str:
    """The aggregate that counts, inside a scan that joins ``link``, the rows it finds no row for."""
    return f"count(*) FILTER (WHERE {_unmatched(link)})"


def _add_note(notes: dict[int, list[Note]], link: Link, scans: dict[int, list[Scan]], backend: Backend) -> None:
    found = backend.execute(unmatched_sql(link)).rows
    if not found:
        return
    keys = [(None if k is None else str(k), int(n)) for k, n in found]
    note = _note(link, keys, _spelled(link, [k for k, _ in keys if k is not None], backend))
    for index, through in scans.items():
        if any(_may_keep(scan, link, backend) for scan in through):
            notes[index].append(note)


def _may_keep(scan: Scan, link: Link, backend: Backend) -> bool:
    """Could ``scan``'s filter keep a row that ``link`` links to no row, whatever the looked-up values
    would be? Only when its filter is false for every such row is the lookup's gap no matter."""
    where = scan.where
    if where is None:
        return True
    sql = f"SELECT count(*)\n{scan.from_sql()}\nWHERE {_unmatched(link)} AND ({where}) IS NOT FALSE"
    try:
        return bool(backend.execute(sql).rows[0][0])
    except Exception as exc:  # noqa: BLE001 - the claim's own query says what is wrong with its filter
        reraise_interrupt(exc)
        return True


def _spelled(link: Link, keys: list[str], backend: Backend) -> dict[str, str]:
    """The target's keys that the unmatched ones are but for case and spacing ('Mississippi ' for
    'Mississippi'), by unmatched key; asked of the target's distinct keys, read once."""
    from .typos import normal
    remote = quote_ident(link.remote)
    held = backend.execute(f"SELECT DISTINCT CAST({remote} AS VARCHAR) FROM {quote_ident(link.target)} "
                           f"WHERE {remote} IS NOT NULL LIMIT 100000").rows
    by_normal = {normal(str(v)): str(v) for (v,) in held}
    return {k: by_normal[normal(k)] for k in keys[:SHOWN] if normal(k) in by_normal}


def _note(link: Link, keys: list[tuple[str | None, int]], spelled: dict[str, str]) -> Note:
    rows = sum(n for _, n in keys)
    named = ", ".join(("blank" if k is None else repr(k)) + f" ({rows_said(n)}"
                      + (f"; '{link.target}' has {spelled[k]!r}" if k in spelled else "") + ")" for k, n in keys[:SHOWN])
    if len(keys) > SHOWN:
        named += f" and {len(keys) - SHOWN} more"
    fix = [f"if a key is spelled another way in '{link.target}', fix one of the two"] if any(
        k is not None for k, _ in keys) else []
    fix += [f"a row with a blank {link.local} is linked to no row: fill it in, or count those rows apart"] if any(
        k is None for k, _ in keys) else []
    return Note(code=NoteCode.UNMATCHED_LOOKUP, warning=True, message=(
        f"lookup '{link.name}' finds no row of table '{link.target}' for {rows_said(rows)} of "
        f"'{link.table}': {link.local} {named}. Through '{link.name}' their values are unknown, so a filter on "
        f"{link.name}.… leaves them out; " + "; ".join(fix)))
