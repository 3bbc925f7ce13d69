"""Which lookups a table's claims join often enough to be joined once, when the table is read.

A lookup (``case: cases via case_id``) is written into each claim's SQL as a ``LEFT JOIN``, so
every query of the table that reads a ``case.`` column joins it again: at 10M rows, two such
queries (the fused scan of the simple claims and the shared ``top``s) each spent ~2 s of CPU
probing 1M text keys. When two claims or more of a table read through the same lookup, the
plan offers the engine to join it once, at reading, carrying the target's columns the claims
read through it (:class:`~factcheck.backends.CarriedLookup`); the claims' SQL is unchanged
(the report shows the join as written, and it computes the same rows), and an engine that
carries the lookup runs the claims that join it against the table read with it instead.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..backends import CarriedLookup
from .catalog import ROW
from .nodes import walk

if TYPE_CHECKING:
    from .catalog import Catalog
    from .nodes import ClaimPlan

MIN_CLAIMS = 2
"""Claims that must read through a lookup for it to be joined at reading: one claim joins once anyway."""


def carried_lookups(catalog: Catalog, plans: list[ClaimPlan], read: set[str]) -> dict[str, tuple[CarriedLookup, ...]]:
    """For each table of ``read``, the lookups worth joining when it is read.

    A lookup is carried when at least :data:`MIN_CLAIMS` claims join it, its target is read too
    and carries no lookup itself (it is read first, complete), it points at another table, and
    its name is not (in any letter case) one of the table's columns or derives, which the
    carried columns, kept under the lookup's name, would shadow.
    """
    joined: Counter[tuple[str, str]] = Counter()
    for plan in plans:
        if plan.node is None or plan.claim.unverifiable is not None or plan.missing_tables:
            continue
        joined.update({(scan.table, name) for node in walk(plan.node) for scan in node.scans()
                       for name in scan.joins})
    offered: dict[str, list[CarriedLookup]] = {}
    for table, links in catalog.links.items():
        taken = {c.lower() for c in [*catalog.columns_of(table), ROW]}
        for name, link in links.items():
            columns = sorted(catalog.through.get(table, {}).get(name, set()))
            if (joined[(table, name)] >= MIN_CLAIMS and columns and table in read and link.target in read
                    and link.target != table and name.lower() not in taken):
                offered.setdefault(table, []).append(CarriedLookup(
                    name, link.target, link.local, link.remote, tuple(columns), link.join_sql()))
    kept = {table: tuple(lookup for lookup in lookups if lookup.target not in offered)
            for table, lookups in offered.items()}
    return {table: lookups for table, lookups in kept.items() if lookups}


def reading_order(names: list[str], carried: dict[str, tuple[CarriedLookup, ...]]) -> list[str]:
    """The tables in the order they are read: those that carry a lookup after the others (each
    lookup's target is complete when the table is joined to it)."""
    return sorted(names, key=lambda name: name in carried)
