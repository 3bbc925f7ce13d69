"""Where a run's lookups, claims and keys use columns that may hold codes with leading zeros, and
the checks of them (:mod:`factcheck.sources.codes` says why, and writes the messages).

Run once the tables are read and their types learnt, before any claim is judged: first what the
claims file and the types alone show (no query), then the files of the CSV columns DuckDB guessed
as whole numbers that a lookup joins on or a claim groups by, or compares with text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import ClaimsFileError, DataError, Problem
from ..expressions import Name
from .codes import guessed_numbers, padded_problem

if TYPE_CHECKING:
    from ..backends import Backend
    from ..engine import Prepared
    from ..planning.catalog import Link
    from .tables import Source


def check_codes(prepared: Prepared, backend: Backend, tables: list[Source]) -> None:
    """Codes with leading zeros (ZIP ``02134``) in columns read as numbers, where that would change a
    figure in silence (:mod:`factcheck.sources.codes`): first what the claims file alone shows (a lookup
    between numbers and text; a column the data stores as numbers compared with ``'02134'``); then
    the files of the CSV columns DuckDB guessed whole numbers for that a lookup joins on or a claim
    groups by (one query per such table), and of those a claim compares with text
    (:func:`factcheck.sources.diagnosis.padded_codes`). A run that does none of these on a column of
    numbers reads nothing more."""
    read = {s.name for s in tables}
    compared = _compared_with_text(prepared, read)
    problems = _stored_numbers_compared(prepared, compared) + _lookup_kinds_differ(prepared, read)
    if problems:
        raise ClaimsFileError(problems)
    involved = _codes_involved(prepared, read)
    for src in tables:
        columns = {c: (texts, who) for c, (texts, who, _, _) in compared.get(src.name, {}).items()
                   if guessed_numbers(src, c)}
        said = backend.padded_codes(src, columns) if columns else []
        uses = {c: use for c, use in involved.get(src.name, {}).items()
                if guessed_numbers(src, c) and not any(p.column == c for p in said)} if _scanned(prepared, src) else {}
        found = backend.padded_values(src, list(uses)) if uses else {}
        problems += said + [padded_problem(src, c, padded, *uses[c]) for c, padded in found.items()]
    if problems:
        raise DataError(problems)


def _scanned(prepared: Prepared, src: Source) -> bool:
    """Is the file of ``src`` read again as text for codes with leading zeros where a lookup joins or
    a claim groups? By ``check`` always; by ``run`` up to the size whose key it checks
    (:func:`factcheck.loading.key_checked`: a CSV of up to 64 MiB): reading a column of 10 million
    rows again as text took ~2.5 s, half of such a run. Declaring the column's type skips it."""
    from ..loading import key_checked
    return prepared.everything or key_checked(src)


Compared = dict[str, dict[str, tuple[list[str], str, str | None, int | None]]]
"""table -> file column -> (the texts claims and derives compare it with; the first that does, said
for a person; its claim's id, if a claim; the line of the claims file it is written at)."""


def _compared_with_text(prepared: Prepared, read: set[str]) -> Compared:
    """Each file column that claims and derives compare with text: in their expressions, and as the
    periods named on it (``over: zip, at: '02134'``)."""
    from .diagnosis import compared_with_text, expressions
    catalog, loaded = prepared.catalog, prepared.loaded
    found: Compared = {}

    def add(table: str, compared: dict[Name, list[str]], who: str, claim: str | None, line: int | None) -> None:
        for name, texts in compared.items():
            target = catalog.home_of(table, name)
            if target is None:
                continue
            src = catalog.sources.get(target)
            if target not in read or src is None or name.column not in src.columns \
                    or name.column in catalog.derives.get(target, {}):
                continue
            so_far = found.setdefault(target, {}).get(name.column, ([], who, claim, line))
            found[target][name.column] = (so_far[0] + texts, *so_far[1:])

    for plan in prepared.plans:
        who, line = f"claim '{plan.claim.id}'", loaded.claim_line(plan.index, "measure", "where")
        for table, tree, _ in expressions(plan.node):
            add(table, compared_with_text([tree]), who, plan.claim.id, line)
        for axis in plan.axes:  # over: zip, at: '02134' (its periods are matched with the column's values)
            if isinstance(axis.expr, Name):
                add(axis.table, {axis.expr: [v for v in axis.values.values() if isinstance(v, str)]}, who,
                    plan.claim.id, line)
    for table in read:
        for derive in catalog.used_derives.get(table, []):
            add(table, compared_with_text([catalog.derives[table][derive]]),
                f"the derive '{derive}' of table '{table}'", None, loaded.table_line(table, "derive", derive))
    return found


def _stored_numbers_compared(prepared: Prepared, compared: Compared) -> list[Problem]:
    """Columns the data itself holds as numbers (Parquet, a DataFrame, a declared type) that a claim or
    a derive compares with a code written with leading zeros (``'02134'``): DuckDB casts the text to
    the number, its zeros dropped, so the comparison would match 2134 in silence."""
    from .codes import stored_as, stored_numbers_problem, zero_led
    problems = []
    for table, columns in compared.items():
        src = prepared.sources[table]
        for column, (texts, who, claim, line) in columns.items():
            codes = zero_led(texts)
            if codes and stored_as(src, column) is not None:
                problems.append(stored_numbers_problem(src, column, codes, who, str(prepared.loaded.path), line, claim))
    return problems


def _lookups_used(prepared: Prepared, read: set[str]) -> list[tuple[Link, str | None]]:
    """The lookups between tables read whose two columns are read, each with the first claim that reads
    through it (None when only a key check needs its columns)."""
    from ..planning.lookups import readers_of
    catalog = prepared.catalog
    readers = readers_of(prepared.plans, read)
    ids = {plan.index: plan.claim.id for plan in prepared.plans}
    found = []
    for table, links in catalog.links.items():
        for link in links.values():
            if table in read and link.target in read and link.local in catalog.used[table] \
                    and link.remote in catalog.used[link.target]:
                through = readers.get((table, link.name))
                found.append((link, ids[min(through[1])] if through and through[1] else None))
    return found


def _lookup_kinds_differ(prepared: Prepared, read: set[str]) -> list[Problem]:
    """Lookups joining a column read as numbers with one read as text: DuckDB turns the text into
    numbers to join, so '02134' and '2134' find the one row of 2134 (or both find it)."""
    from .codes import kind, kinds_differ_problem
    problems = []
    for link, claim in _lookups_used(prepared, read):
        local, remote = prepared.sources[link.table], prepared.sources[link.target]
        if {kind(local, link.local), kind(remote, link.remote)} == {"numbers", "text"}:
            problems.append(kinds_differ_problem(
                link.name, local, link.local, remote, link.remote, str(prepared.loaded.path),
                prepared.loaded.table_line(link.table, "lookup", link.name), claim))
    return problems


def _codes_involved(prepared: Prepared, read: set[str]) -> dict[str, dict[str, tuple[str, str, str | None, list[str]]]]:
    """table -> file column -> how a lookup or a claim uses it so that two codes read as one number
    would change a figure: (who does, said for a person; what two codes would be one of; the claim's
    id; the tables to declare the column text in)."""
    catalog = prepared.catalog
    found: dict[str, dict[str, tuple[str, str, str | None, list[str]]]] = {}
    for link, claim in _lookups_used(prepared, read):
        sides = [t for t in dict.fromkeys((link.table, link.target))  # where a declaration is read: CSVs
                 if prepared.sources[t].frame is None and prepared.sources[t].format == "csv"]
        who = f"lookup '{link.name}' joins table '{link.table}' to table '{link.target}' on it"
        found.setdefault(link.table, {}).setdefault(link.local, (who, "key", claim, sides))
        found.setdefault(link.target, {}).setdefault(link.remote, (who, "key", claim, sides))
    from ..planning.nodes import walk
    for plan in prepared.plans:
        for node in walk(plan.node):
            # the values a claim tells apart: ranked, counted, or summed by (not an `over` column of
            # periods, which a year column is: compared with a text `at:` it is looked at above)
            grouped = [getattr(node, "column", None) if node.kind == "top" else None,
                       getattr(node, "expr", None) if node.kind == "count_distinct" else None,
                       getattr(node, "group", None) if node.kind in ("top_share", "top_sum") else None]
            for tree in grouped:
                if not isinstance(tree, Name):
                    continue
                for scan in node.scans():
                    through = catalog.links.get(scan.table, {}).get(tree.link) if tree.link else None
                    table = through.target if through is not None else scan.table
                    src = catalog.sources.get(table)
                    if table in read and src is not None and tree.column in src.columns \
                            and tree.column not in catalog.derives.get(table, {}):
                        found.setdefault(table, {}).setdefault(
                            tree.column, ("the claim groups or counts its values", "group", plan.claim.id, [table]))
    return found


def key_of_padded_codes(prepared: Prepared, backend: Backend, table: str, columns: tuple[str, ...]) -> Problem | None:
    """A key that repeats as read, of a CSV column read as numbers whose file writes codes with leading
    zeros: ``02134`` and ``2134`` are two keys as written, one number as read. Said as such (the
    file read again for the key's columns of numbers), rather than "not unique"; declared text, the
    key is checked again as the file writes it."""
    src = prepared.sources[table]
    found = backend.padded_values(src, [c for c in columns if guessed_numbers(src, c)])
    for column, padded in found.items():
        return padded_problem(src, column, padded, "it is the table's key", "key", None, [table])
    return None
