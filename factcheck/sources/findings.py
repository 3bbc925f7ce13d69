"""What ``factcheck check`` says of a table itself, once every declared table is read: a table without
rows (``no_rows``: the claims over it get no figure) and a table whose first or last row is a "Total"
(``total_row``: read as data it is one more row). Neither stops anything: the claims can still be
run, so they are warnings, beside the warnings a claim's data gives it.

Both come from what the reading already learnt (:class:`~factcheck.loading.TablesRead`): no query
of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..engine import Prepared
    from ..loading import TablesRead

CLAIMS_NAMED = 5
"""The claims a table's warning names at most (then "and N more")."""


@dataclass(frozen=True)
class TableWarning:
    """A finding about a declared table: its name, its line in the claims file, a code (``no_rows``,
    ``total_row``) and the message."""

    table: str
    line: int | None
    code: str
    message: str


def table_warnings(prepared: Prepared, read: TablesRead) -> list[TableWarning]:
    """Each table read without a row, and each with a total row, in the claims file's order of tables."""
    from .places import shown
    from .totals import table_note
    empty = read.empty()
    ids = {plan.index: plan.claim.id for plan in prepared.plans}
    warnings = []
    for name, src in prepared.sources.items():
        line = prepared.loaded.table_line(name)
        readers = [plan.claim.id for plan in prepared.plans if plan.node is not None and plan.reads(name)]
        if name in empty:
            warnings.append(TableWarning(name, line, "no_rows", _no_rows(name, empty[name], readers)))
        elif name in read.total_rows:
            found = read.total_rows[name]
            kept_by = [ids[i] for i in found.kept_by]
            warnings.append(TableWarning(name, line, "total_row",
                                         table_note(found, shown(src), _named(kept_by), bool(readers))))
    return warnings


def _no_rows(table: str, file: str, readers: list[str]) -> str:
    named = _named(readers)
    if not named:
        who = "no claim reads it, and one would be"
    elif len(readers) == 1:
        who = f"claim {named[0]} is"
    else:
        who = f"claims {', '.join(named)} are"
    return (f"table '{table}' has no rows: {file} holds no data row, so {who} unverifiable (no_rows) until it "
            "has rows; check the export that wrote it")


def _named(ids: list[str]) -> list[str]:
    """The first :data:`CLAIMS_NAMED` ids, then "and N more" as the last."""
    if len(ids) <= CLAIMS_NAMED:
        return ids
    return [*ids[:CLAIMS_NAMED - 1], f"and {len(ids) - CLAIMS_NAMED + 1} more"]
