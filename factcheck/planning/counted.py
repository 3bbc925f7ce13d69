"""Tables whose rows are already counts: one row per prison and year holding its ``inmates``, one per
school holding its ``students``. A column declared ``counts:`` says so (``inmates: {counts: inmates}``).

Over such a table, a measure that counts rows answers another question than the reporter's: "Northgate
held 45% of the state's inmates" written as a ``share`` of rows is Northgate's share of prison-years (25%
of four rows), and "the prison with the most inmates" written as a ``top`` without ``by`` ranks prisons
by their rows. Such a claim gets the warning ``rows_are_counts``, saying what to write instead (``sum:``
on the share, ``by: {sum: …}`` on the top). A ``count`` of the rows may mean the rows ("the state's four
prisons"): it gets the same words as a note, not a warning. Nothing here runs a query.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..outcome import NoteCode
from ..report import Note
from .nodes import walk

if TYPE_CHECKING:
    from .catalog import Catalog
    from .nodes import ClaimPlan, PlanNode


def counted_rows_notes(plans: list[ClaimPlan], catalog: Catalog) -> dict[int, list[Note]]:
    """The ``rows_are_counts`` notes of the claims (by plan index) that count the rows of a table
    declaring a column ``counts:``, one per table and kind of measure."""
    out: dict[int, list[Note]] = {}
    for plan in plans:
        said: set[str] = set()
        for node in walk(plan.node):
            note = _note(node, catalog)
            if note is not None and note.message not in said:
                said.add(note.message)
                out.setdefault(plan.index, []).append(note)
    return out


def _note(node: PlanNode, catalog: Catalog) -> Note | None:
    from ..measures._simple import Simple
    from ..measures.top import TopNode
    if isinstance(node, Simple) and node.kind in ("share", "count") and node.weight is None:
        table = node.scan.table
    elif isinstance(node, TopNode) and node.by is None:
        table = node.scan.table
    else:
        return None
    counted = catalog.counted_columns(table)
    if not counted:
        return None
    column, noun = next(iter(counted.items()))
    declared = ", ".join(f"{c}: {{counts: {n}}}" for c, n in counted.items())
    head = f"each row of table {table} is already a count ({declared}): "
    more = " (or another of them)" if len(counted) > 1 else ""
    if isinstance(node, TopNode):
        return Note(code=NoteCode.ROWS_ARE_COUNTS, warning=True,
                    message=head + f"this top ranks the values of {node.column_text} by their rows, not by their "
                                   f"{noun}; to rank them by {noun}, add by: {{sum: {column}, of: {table}}}{more}")
    if node.kind == "share":
        return Note(code=NoteCode.ROWS_ARE_COUNTS, warning=True,
                    message=head + f"this share is of its rows, not of the {noun} they hold; for a share of the "
                                   f"{noun}, add sum: {column}{more} to the measure")
    return Note(code=NoteCode.ROWS_ARE_COUNTS,
                message=head + f"this count is of its rows, not of the {noun} they hold; the number of {noun} "
                               f"is sum: {column}{more}")
