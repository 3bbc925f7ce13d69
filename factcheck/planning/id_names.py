"""Ids that name one thing twice: a claim that ranks or counts the values of an id column
(``top_share: amount, by: vendor_id``) takes two ids for two vendors, though the table its lookup
reads may give them one name ('Harbor Paving Co.' as V0001 and V0160, a firm registered twice).
"Five firms took nearly two-thirds" is 64.8% by id and 69.6% with the firm's two ids as one.

Only ids with an obvious label are looked at: the column is the key of a lookup of its table
(``lookup: {vendor: vendors via vendor_id}``) whose table has a text column named as a label
(``name``, ``title``, ``label``, or ending in ``_name``, ``_title``, ``_label``). That column is
read with the run's other columns (the lookup's table too, when no claim reads it otherwise), and
one query per such id column, on tables of up to :data:`~factcheck.planning.typos.TWINS_UP_TO`
rows, finds the names that more than one id of the claim's rows has, written the same but for
case and spacing. Each claim ranking or counting the id carries the warning ``spelling_variants``
naming the names and their ids.

The same label names the ids a ranking lists, as a reader knows them: "Harbor Paving Co. (V0001)".
A ``top_share``/``top_sum`` by such an id joins the names into the query that lists its groups (no
statement more); ``explain`` of a ``top`` of such an id asks them in one query of its own
(:func:`names_of`), which ``factcheck run`` never asks.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..expressions import quote_ident
from ..formatting import listed
from ..outcome import NoteCode
from ..report import Note

if TYPE_CHECKING:
    from ..backends import Backend
    from ..engine import Prepared
    from .catalog import Catalog, Link
    from .nodes import ClaimPlan, PlanNode

LABELS = ("name", "title", "label")
"""Column names (whole, or after an underscore) that say a column names its table's rows."""

SHOWN = 3
"""Names shown in the warning; the rest are counted."""


@dataclass
class NamedIds:
    """An id column that claims rank or count, and the lookup that names its ids."""

    table: str
    column: str
    link: Link
    label: str
    plans: list[int] = field(default_factory=list)


def label_of(catalog: Catalog, table: str, key: str) -> str | None:
    """The column of ``table`` that names its rows (``name`` first, then ``vendor_name``, a title or
    a label, in the file's order), other than its key; None when none is named so."""
    src = catalog.sources.get(table)
    if src is None or src.missing:
        return None
    columns = [c for c in src.columns if c != key and src.columns[c] in ("VARCHAR", "?")]
    for wanted in LABELS:
        for c in columns:
            if c.lower() == wanted or c.lower().endswith(f"_{wanted}"):
                return c
    return None


def named_ids(catalog: Catalog, plans: list[ClaimPlan]) -> list[NamedIds]:
    """The id columns the claims rank or count that a lookup of their table names (see the module)."""
    from .typos import told_apart
    out: list[NamedIds] = []
    for (table, column), indices in told_apart(plans, catalog).items():
        for link in catalog.links.get(table, {}).values():
            label = label_of(catalog, link.target, link.remote) if link.local == column else None
            if label is not None:
                out.append(NamedIds(table, column, link, label, list(indices)))
                break
    return out


def use_labels(prepared: Prepared) -> list[NamedIds]:
    """Before the tables are read: mark each named id's label and key to be read, and return them."""
    found = named_ids(prepared.catalog, prepared.plans)
    for one in found:
        prepared.catalog.use(one.link.target, one.link.remote)
        prepared.catalog.use(one.link.target, one.label)
    return found


def id_name_notes(found: list[NamedIds], backend: Backend, rows: dict[str, int],
                  up_to: int) -> dict[int, list[Note]]:
    """The warnings of claims ranking or counting ids that one name (but for case and spacing) has
    more than one of, among the ids of the claim's table: one query per id column, on tables of up
    to ``up_to`` rows."""
    from .typos import normal
    notes: dict[int, list[Note]] = defaultdict(list)
    for one in found:
        if max(rows.get(one.table, up_to + 1), rows.get(one.link.target, up_to + 1)) > up_to:
            continue
        target, key, label = quote_ident(one.link.target), quote_ident(one.link.remote), quote_ident(one.label)
        local = f"{quote_ident(one.table)}.{quote_ident(one.column)}"
        try:
            pairs = backend.execute(
                f"SELECT DISTINCT CAST({label} AS VARCHAR), CAST({key} AS VARCHAR) FROM {target}\n"
                f"WHERE {label} IS NOT NULL AND {key} IN (SELECT {local} FROM {quote_ident(one.table)})").rows
        except Exception:  # noqa: BLE001 - a label or key that cannot be read so: nothing to say
            continue
        by_name: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for name, ident in pairs:
            by_name[normal(str(name))][str(name)].add(str(ident))
        twice = [spelt for spelt in by_name.values() if len(set().union(*spelt.values())) > 1]
        if not twice:
            continue
        twice.sort(key=lambda spelt: sorted(spelt)[0])
        said = [listed([f"{name!r} ({', '.join(sorted(ids))})" for name, ids in sorted(spelt.items())])
                for spelt in twice[:SHOWN]]
        more = f" (and {len(twice) - SHOWN} more such names)" if len(twice) > SHOWN else ""
        note = Note(code=NoteCode.SPELLING_VARIANTS, warning=True,
                    message=f"the claim ranks or counts the values of column '{one.column}' of table '{one.table}' "
                            f"as different, but lookup '{one.link.name}' gives some of them one name (but for case "
                            f"or spacing) in column '{one.label}' of table '{one.link.target}': "
                            f"{'; '.join(said)}{more}. If they are one {one.link.name}, the claim splits its rows "
                            "between its ids: give them one id in the data")
        for index in one.plans:
            notes[index].append(note)
    return notes


def label_link(catalog: Catalog, table: str, column: str) -> tuple[str, str, str] | None:
    """The table, key and label column that name the values of ``column`` of ``table`` (an id a
    lookup reads, ``vendor_id`` of ``vendors via vendor_id`` with a ``name`` there), when its label is
    read with the run's columns; None for any other column."""
    for link in catalog.links.get(table, {}).values():
        if link.local == column:
            label = label_of(catalog, link.target, link.remote)
            if label is not None and label in catalog.used.get(link.target, ()):
                return link.target, link.remote, label
            return None
    return None


def top_labels(catalog: Catalog, node: PlanNode) -> tuple[str, str, str] | None:
    """What names the values a ``top`` ranks (``top: vendor_id``), as :func:`label_link` gives it;
    None for another kind, or a column read through a lookup or computed."""
    from ..expressions import Name
    from ..measures.top import TopNode
    if not isinstance(node, TopNode) or not isinstance(node.column, Name) or node.column.link is not None:
        return None
    return label_link(catalog, node.scan.table, node.column.column)


def names_of(backend: Backend, labels: tuple[str, str, str], ids: list[str]) -> dict[str, str]:
    """The name of each of ``ids`` (as text) in the table ``labels`` gives, in one query; {} when
    the names cannot be read so."""
    from ..expressions import quote_literal
    if not ids:
        return {}
    target, key, label = (quote_ident(n) for n in labels)
    wanted = ", ".join(quote_literal(i) for i in dict.fromkeys(ids))
    try:
        rows = backend.execute(f"SELECT CAST({key} AS VARCHAR), CAST({label} AS VARCHAR) FROM {target}\n"
                               f"WHERE {label} IS NOT NULL AND CAST({key} AS VARCHAR) IN ({wanted})").rows
    except Exception:  # noqa: BLE001 - a label that cannot be read so: the ids are shown as they are
        return {}
    return {str(ident): str(name) for ident, name in rows}
