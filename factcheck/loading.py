"""Reading a run's tables through a backend: once each, only the columns used, then checked.

Each table becomes one table of the backend holding the columns the claims, derives,
lookups and contracts use, with derive columns computed in file order (:func:`table_read`
says how). Then column contracts are checked to hold and lookups to be many-to-one,
before any claim is judged.
"""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING, NoReturn

from .backends import DeriveFailure, TableRead
from .background import Background
from .errors import ClaimsFileError, DataError, Problem
from .expressions import quote_ident
from .planning.compiler import check_types_again
from .report import Note, TableUse
from .sources import Source, sha256
from .sources.versions import changes, version_of

if TYPE_CHECKING:
    from .backends import Backend
    from .engine import Prepared
    from .planning.lookups import Readers
    from .sources.totals import Confirmed


ANY_ORDER_BYTES = 16 << 20
"""A CSV file this large or larger, that no part of the run reads by position, may be held in any
order (:attr:`TableRead.any_order`): DuckDB's reader then need not put the rows of its parallel
tasks back in file order. A smaller file came in file order either way when measured."""


def table_read(prepared: Prepared, name: str, *, shown: bool = False) -> TableRead:
    """How to read table ``name``: the columns used (or the first), then its derives. ``shown``: as
    the SQL a reader pastes reads it, with the file-order row number only where ``lag``/``lead``
    need it (not where it is read only to order ``explain``'s rows: the queries shown count).

    A large CSV file (:data:`ANY_ORDER_BYTES`) read with no row number and no ``lag``/``lead``
    column may be held in any order: no claim's query depends on the order of a table's rows
    (they aggregate, sort, or number rows by the file's own row number), and the messages that
    name a row of the data (a text value where numbers are needed, a time column's values that are
    not dates) read the file again in order before they name one (the backend does)."""
    src, cat = prepared.sources[name], prepared.catalog
    cols = [c for c in src.columns if c in cat.used[name]] or list(src.columns)[:1]
    derives = [(d, cat.derive_sql(name, d)) for d in cat.used_derives[name]]
    row_order = cat.windows_need_order(name) if shown else cat.needs_row_order(name)
    windowed = frozenset(cat.windowed(name))
    any_order = (not shown and not row_order and not windowed and src.frame is None and src.format == "csv"
                 and src.version is not None and src.version.size >= ANY_ORDER_BYTES)
    return TableRead(src, cols, derives, row_order, dict(cat.levels.get(name, {})), windowed, any_order)


def needed(prepared: Prepared, also: frozenset[str] = frozenset()) -> list[Source]:
    """The tables the run reads (with ``everything``: every declared one that is there); ``also``:
    tables read for what they say of the others (the names of ids a claim ranks)."""
    return [s for s in prepared.sources.values() if not s.missing
            and (prepared.everything or s.name in also or any(p.reads(s.name) for p in prepared.plans))]


class TablesRead:
    """The tables a run has read: their rows and the columns read now, their SHA-256 once asked.

    The checksums are taken on a thread of the lowest priority
    (:class:`~factcheck.background.Background` with ``idle``), started before the first read. Only
    the report needs them, at the end of a run, so :func:`factcheck.engine.evaluate` asks for
    :meth:`uses` after the claims' queries: meanwhile the hashing runs on whatever core DuckDB leaves
    idle instead of taking one from its reading (10M CSV rows: 0.8 s of CPU, ~0.4 s of the run's
    wall time when it competed). The files' versions are compared after the checksums are taken
    (:func:`factcheck.engine.refuse_changed_files`), so each checksum is of the version the run read.
    """

    def __init__(self, tables: list[Source], rows: dict[str, int], columns: dict[str, list[str]],
                 digests: Background[dict[str, str]], notes: dict[int, list[Note]] | None = None) -> None:
        self._sources = tables
        self._rows, self._columns, self._digests = rows, columns, digests
        self._uses: list[TableUse] | None = None
        self.notes = notes or {}  # plan index -> what the data says about its claim (``spelling_variants``)
        self.later_lookups: Readers = {}  # large tables' lookups, looked into once counted (:meth:`lookup_notes`)
        self.total_rows: dict[str, Confirmed] = {}  # table -> its "Total" row, as the data confirms it

    def lookup_notes(self, backend: Backend, counted: dict[tuple[str, str], int] | None = None) -> None:
        """Add the ``unmatched_lookup`` warnings of the large tables' lookups, given the unmatched rows
        the run's shared scans counted (a lookup counted at zero needs no query)."""
        if not self.later_lookups:
            return
        from .planning.lookups import resolve
        for index, more in resolve(self.later_lookups, counted or {}, backend).items():
            self.notes.setdefault(index, []).extend(more)
        self.later_lookups = {}

    def empty(self) -> dict[str, str]:
        """The tables read that hold no row (a CSV of its header alone: an export that failed), each
        with its file as a person names it. A count over one is 0 from no data, not a count of zero."""
        from .sources.places import shown
        return {s.name: shown(s) for s in self._sources if not self._rows.get(s.name)}

    def uses(self) -> list[TableUse]:
        """Each table read, with its SHA-256 (waiting for the checksums if they are not all taken yet)."""
        if self._uses is None:
            try:
                digests = self._digests.result()
            except OSError:  # a file gone or replaced while it was hashed: said as a change, like any other
                problems = changes(self._sources, {})
                if problems:
                    raise DataError(problems) from None
                raise
            self._uses = [TableUse(name=s.name, path=s.shown_path, sha256=digests[s.name], rows=self._rows[s.name],
                                   columns_read=self._columns[s.name]) for s in self._sources]
        return self._uses


def read_tables(prepared: Prepared, backend: Backend) -> TablesRead:
    """Read every table the run needs, once; fingerprint them meanwhile; check contracts and keys."""
    from .planning.id_names import use_labels
    named = use_labels(prepared)  # ids a claim ranks that a lookup names: the names are read too
    tables = needed(prepared, frozenset(n.link.target for n in named))
    from .planning.lag_order import plan_checks
    lag_order = plan_checks(prepared)  # lag(x) in file order: the time columns its files must follow are read too
    for src in tables:  # an engine that reads headers its own way: the version is taken now
        if src.path is not None and src.version is None:
            src.version = version_of(src.path)
    from .sources.totals import use_candidates
    totals = use_candidates(prepared, tables, backend)  # a "Total" row at a table's end: its label column is read too
    digests = Background(lambda: {s.name: sha256(s) for s in tables},  # beside DuckDB, on the core it leaves idle
                         idle=all(s.frame is None for s in tables))  # a DataFrame's hashing holds the GIL
    rows: dict[str, int] = {}
    for src in tables:
        read = table_read(prepared, src.name)
        try:
            rows[src.name] = backend.read_table(read)
        except DeriveFailure as exc:
            _derive_failed(prepared, backend, read, exc)
    _check_time_columns(prepared, backend, tables)
    _check_allowed(prepared, backend, tables)
    problems = backend.check_contracts(tables)
    if problems:
        raise DataError(problems)
    _learn_types(backend, tables)
    from .sources.code_checks import check_codes
    check_codes(prepared, backend, tables)
    problems = _check_keys(prepared, backend, {s.name for s in tables}, rows)
    problems += check_types_again(prepared.plans, prepared.catalog, str(prepared.loaded.path),
                                  frozenset(t for t, n in rows.items() if not n))
    problems += lag_order.problems(backend, rows)
    from .planning.labels import check_period_labels
    from .planning.typos import check_literals
    labels, said = check_period_labels(prepared.plans, backend, prepared.loaded, prepared.catalog)
    typos, notes = check_literals(prepared.catalog, prepared.plans, backend, prepared.loaded, rows, said)
    problems += labels + typos
    from .planning.axes import instants_not_found
    problems += instants_not_found(prepared.plans, prepared.catalog, backend, str(prepared.loaded.path),
                                   {t for t, n in rows.items() if n})
    if problems:
        raise ClaimsFileError(problems)
    from .planning.counted import counted_rows_notes
    from .planning.id_names import id_name_notes
    from .planning.lookups import unmatched_notes
    from .planning.negations import unknown_filter_notes
    from .planning.typos import TWINS_UP_TO, grouping_twin_notes
    from .sources.totals import total_row_notes
    lookups, later = unmatched_notes(prepared.plans, backend, rows)
    total_notes, total_rows = total_row_notes(prepared, backend, totals)
    for found in (lookups, total_notes, counted_rows_notes(prepared.plans, prepared.catalog),
                  grouping_twin_notes(prepared.catalog, prepared.plans, backend, rows),
                  id_name_notes(named, backend, rows, TWINS_UP_TO),
                  unknown_filter_notes(prepared.plans, prepared.catalog, backend, set(rows))):
        for index, more in found.items():
            notes.setdefault(index, []).extend(more)
    done = TablesRead(tables, rows, {s.name: sorted(prepared.catalog.used[s.name]) for s in tables}, digests,
                      notes)
    done.later_lookups = later
    done.total_rows = total_rows
    return done


def _derive_failed(prepared: Prepared, backend: Backend, read: TableRead, exc: DeriveFailure) -> NoReturn:
    """A table's derives could not be computed: text where they need numbers (located in the
    data, or in the claims file when a column holds no number at all), arithmetic that
    overflows (the derive's line, with the first row), a type mismatch, or the file itself."""
    loaded, name = prepared.loaded, read.source.name
    line = loaded.table_line(name, "derive")
    located = backend.text_in_derives(read, prepared.catalog, exc.error, str(loaded.path), line)
    if located is not None:
        raise (ClaimsFileError if located.file == str(loaded.path) else DataError)([located]) from None
    from .sources import overflow
    if overflow.is_out_of_range(exc.error):  # the derive's arithmetic, not the file: named with its row
        found = backend.overflow_in_derives(read, prepared.catalog)
        if found is not None or overflow.is_overflow(exc.error):  # else the file's own "out of range"
            raise ClaimsFileError([overflow.problem(found, read, prepared.catalog, loaded, exc.error)]) from None
    if exc.otherwise is not None:
        raise exc.otherwise from None
    from .planning.axes import derive_compares_date
    dated = derive_compares_date(prepared.catalog, name, exc.error, loaded.table_line, str(loaded.path))
    if dated is not None:
        raise ClaimsFileError([dated]) from None
    raise ClaimsFileError([Problem(
        f"a derive of table '{name}' cannot be computed: {exc}", file=str(loaded.path), line=line,
        hint="check the column types it uses; declare them under columns: (e.g. filed_date: date)")]) from None


def _check_time_columns(prepared: Prepared, backend: Backend, tables: list[Source]) -> None:
    """A time column read as text because a value is not a date, or any column read as dates of the
    first millennium ('13/05/21' as the year 13): refused, with the rows."""
    used = prepared.catalog.used
    problems = [p for src in tables
                for p in backend.time_column_problems(src, [c for c in src.decl.time_columns() if c in used[src.name]])]
    problems += [p for src in tables for p in backend.time_column_problems(src, _compared_with_dates(prepared, src),
                                                                            dates_only=True)]
    if not prepared.learning:
        problems += [p for src in tables for p in backend.misread_dates(src, sorted(used[src.name]))]
    if problems:
        raise DataError(problems)


def _compared_with_dates(prepared: Prepared, src: Source) -> list[str]:
    """The table's columns, not time columns, that a claim's filter or a derive compares with a date
    written YYYY-MM-DD: a column of dates but for one value is read as text, and the comparison is then
    of text, silently leaving that row out."""
    from .planning.nodes import walk
    from .sources.diagnosis import compared_with_dates
    catalog = prepared.catalog
    trees = [scan.where_expr for plan in prepared.plans for node in walk(plan.node) for scan in node.scans()
             if scan.table == src.name and scan.where_expr is not None]
    trees += [catalog.derives[src.name][d] for d in catalog.used_derives.get(src.name, [])]
    times = set(src.decl.time_columns())
    return sorted(c for c in compared_with_dates(trees) if c in catalog.used[src.name] and c not in times)


def _check_allowed(prepared: Prepared, backend: Backend, tables: list[Source]) -> None:
    """``allowed:`` values of another kind than their column as read: the claims file's mistake."""
    loaded = prepared.loaded
    problems = [Problem(m.message, file=str(loaded.path), column=m.column, hint=m.hint,
                        line=loaded.table_line(m.table, "columns", m.column, "allowed"))
                for m in backend.allowed_mismatches(tables)]
    if problems:
        raise ClaimsFileError(problems)


def _learn_types(backend: Backend, tables: list[Source]) -> None:
    """The column types of tables whose header was read without them (CSVs), from the backend."""
    for src in tables:
        if "?" not in src.columns.values():
            continue
        with suppress(Exception):  # an engine without DESCRIBE: types stay unknown, DuckDB-side checks remain
            for name, typ, *_ in backend.execute(f"DESCRIBE {quote_ident(src.name)}").rows:
                if src.columns.get(name) == "?":
                    src.columns[name] = str(typ)


KEYS_CHECKED_UP_TO = 1_000_000
"""Rows of a table whose declared key ``run`` checks to be unique (``check`` checks every table's):
counting the distinct keys of 10 million rows takes ~1.3 s on this project's machine, a quarter of
the benchmark's whole run (benchmarks/README.md)."""
KEY_READ_UP_TO_BYTES = 64 << 20
"""A CSV up to this size has its key column read for the check (about a million rows); a larger one
is not read for it, so that a run reads only the columns its claims use."""


def key_checked(src: Source) -> bool:
    """Does ``run`` check this table's declared key (and so read its key column)? A Parquet file is
    queried in place, so only the rows decide; a CSV by its size; a DataFrame by its rows."""
    import os
    if src.frame is not None:
        return len(src.frame) <= KEYS_CHECKED_UP_TO
    if src.path is None:
        return False
    if src.format == "parquet":
        return True
    try:
        return os.path.getsize(src.path) <= KEY_READ_UP_TO_BYTES
    except OSError:
        return False


def _check_keys(prepared: Prepared, backend: Backend, read: set[str], rows: dict[str, int]) -> list[Problem]:
    """Every lookup used is many-to-one, and every declared key of a table read is unique: a key
    that repeats (an award exported twice) would count its rows twice, in silence. ``run`` checks
    the keys of tables of up to :data:`KEYS_CHECKED_UP_TO` rows; ``check`` every one."""
    from .sources.code_checks import key_of_padded_codes
    problems = []
    loaded, catalog = prepared.loaded, prepared.catalog
    checks: list[tuple[str, tuple[str, ...], tuple[str, ...], str]] = []
    for table, links in catalog.links.items():  # first: a lookup's target that repeats is said as the lookup's
        for link in links.values():
            if link.target in read and table in read:
                checks.append((link.target, (link.remote,), ("tables", table, "lookup", link.name),
                               f"lookup '{link.name}'"))
    checks += [(s.name, tuple(s.decl.key_columns()), ("tables", s.name, "key"), "key") for s in prepared.sources.values()
               if s.decl.key and s.name in read and (prepared.everything or rows.get(s.name, 0) <= KEYS_CHECKED_UP_TO)]
    done = set()
    for table, columns, path, what in checks:
        if (table, columns) in done or any(c not in catalog.used[table] and c not in catalog.used_derives[table]
                                           for c in columns):  # a derived key too
            continue
        done.add((table, columns))
        cols, tbl = ", ".join(quote_ident(c) for c in columns), quote_ident(table)
        if len(columns) == 1:
            repeats = f"SELECT count({cols}) - count(DISTINCT {cols}) FROM {tbl}"
        else:  # the rows whose key is whole: one with a blank part names no row
            whole = " AND ".join(f"{quote_ident(c)} IS NOT NULL" for c in columns)
            repeats = f"SELECT count(*) - count(DISTINCT ({cols})) FROM {tbl} WHERE {whole}"
        if not backend.execute(repeats).rows[0][0]:
            continue  # the cheap test first; name the duplicates only when there are some
        zeros = key_of_padded_codes(prepared, backend, table, columns) if what == "key" else None
        if zeros is not None:  # repeated as numbers, perhaps not as written: said as the codes they are
            problems.append(zeros)
            continue
        n = len(columns) + 1
        named = "" if len(columns) == 1 else " WHERE " + " AND ".join(f"{quote_ident(c)} IS NOT NULL" for c in columns)
        dupes = backend.execute(f"SELECT {cols}, count(*) FROM {tbl}{named} GROUP BY ALL "
                                f"HAVING count(*) > 1 ORDER BY {n} DESC, {', '.join(map(str, range(1, n)))} LIMIT 3").rows
        if dupes:
            shown = ", ".join((f"{r[0]!s}" if len(columns) == 1 else "(" + ", ".join(map(str, r[:-1])) + ")")
                              + f" ({r[-1]} rows)" for r in dupes)
            hint = ("a key names one row: rows that repeat one would be counted twice; remove the repeated "
                    f"rows from the data, or drop key: if the column{'s are' if len(columns) > 1 else ' is'} no key"
                    if what == "key" else
                    "a lookup must point at exactly one row, or rows would be counted twice; "
                    "fix the data or join on a unique column")
            named = (f"column '{columns[0]}' of table '{table}' is not unique" if len(columns) == 1 else
                     f"columns {', '.join(repr(c) for c in columns)} of table '{table}' are not unique together")
            problems.append(Problem(f"{what}: {named}: {shown}", file=str(loaded.path), line=loaded.lines.line(path),
                                    hint=hint))
    return problems

