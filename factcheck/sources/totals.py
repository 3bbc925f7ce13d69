"""A "Total" row: a published table's last (or first) row whose numbers add up the others.

Tables copied from a report often end with ``,Total,85555,…``. Read as data it is one more row:
a sum over the table comes out double, a count one too many, and a ranking names "Total" first.
factcheck finds such a row without a query in the common case: Python reads the CSV's first data
row and its last (the tail of the file, not the whole of it) and looks for a field that says
``Total``, ``Totals``, ``Grand total`` or ``All`` (case and spaces aside). Only when one does is the
database asked: how many rows hold that label, whether each number of the row is the sum of the
other rows' (the strongest sign), and which claims' filters may keep it. A claim that may gets the
warning ``total_row``, naming the table, the row's line and the filter that leaves it out.

A row labelled ``All`` whose numbers are not the sum of the others is taken for a category (an
"applies to: All" row) and said nothing of. A DataFrame's first and last rows are looked at in
Python too; a Parquet file's are read by DuckDB (:func:`parquet_edges`: its footer's row count,
then the two rows by number, a few milliseconds whatever its size). A label the table reads as
unknown (``csv: {null: ['', 'Total']}``, the way out of a "Total" in a time column) is looked for as
a blank: ``year is not null`` leaves it out. ``factcheck check`` looks at every table it reads, and
says what it finds of the table itself (:mod:`factcheck.sources.findings`).
"""

from __future__ import annotations

import csv
import io
import numbers
import re
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, NamedTuple

from ..expressions import quote_ident, quote_literal, value_type
from ..formatting import rows_said
from ..interrupts import reraise_interrupt
from ..outcome import NoteCode
from ..report import Note
from .places import is_text_scan, line_offset, place

if TYPE_CHECKING:
    from ..backends import Backend
    from ..engine import Prepared
    from ..planning.nodes import Scan
    from .tables import Source

LABELS = frozenset({"total", "totals", "grand total", "all"})
"""What a total row's label says, once trimmed and lower-cased."""
SCOPED = re.compile(r"(?:(?:[a-z][a-z.'&-]*) ){1,3}(?:sub-?)?totals?|sub-? ?totals?")
"""A total of a place or a part, as agencies label it: "State Total", "County Total", "Alder County
Total", "Subtotal" (trimmed and lower-cased). A table that holds one such row often holds several,
one per county: :func:`confirm` finds them all in the label's column."""
SCOPED_SQL = "^((sub-? ?)?totals?|([a-z][a-z.'&-]* ){1,3}(sub-?)?totals?)$"
"""The same, as DuckDB's regexp_full_match reads it (with the column trimmed and lower-cased);
``total``, ``totals`` and ``grand total`` too, but not ``all`` (a category as often as not)."""
TAIL_BYTES = 64 << 10
"""How much of the end of a CSV file is read to find its last row."""
STREAMED_UP_TO = 4 << 20
"""A compressed or UTF-16 file (no byte offset to seek to a line) is read through to its last row
only up to this size."""
NUMBERS_READ = 8
"""The columns of numbers of a candidate row whose sums are compared, at most."""
Edge = tuple[int | None, Sequence[object] | None]
"""A first or last row: its line (or row number) and its fields; (None, None) when there is none."""


@dataclass(frozen=True)
class Candidate:
    """A row of a CSV's first or last data line whose field says it is a total."""

    table: str
    column: str    # the column whose value is the label
    label: str     # the label as the file writes it (the value a filter compares with)
    line: int      # its line in the file
    numbers: tuple[str, ...]  # the row's columns that hold numbers
    unknown: bool = False  # the label is listed under csv: {null: [...]}: the table reads it as unknown
    at: str = ""   # "line 8" of a CSV, "row 7" of a Parquet file or a DataFrame (places.place)

    @property
    def condition(self) -> str:
        """The row as SQL over its table: its label column equal to the label as written (or unknown,
        when the table reads the label so: a "Total" of a time column, which is no period)."""
        if self.unknown:
            return f"{quote_ident(self.column)} IS NULL"
        return f"{quote_ident(self.column)} = {quote_literal(self.label)}"


@dataclass(frozen=True)
class TotalRow:
    """A candidate the data confirms: ``rows`` hold its label; ``sums``: the columns whose value at
    the row is the sum of the other rows', with that value."""

    candidate: Candidate
    rows: int
    sums: tuple[tuple[str, object], ...]
    others: tuple[tuple[str, int], ...] = ()
    """The column's other labels of a total ("County Total" beside a "State Total"), each with its rows."""

    def condition(self, table: str | None = None) -> str:
        """The total rows as SQL over the table (its column named through ``table`` when given): the
        candidate's, and those of its column's other labels."""
        col = (f"{quote_ident(table)}." if table else "") + quote_ident(self.candidate.column)
        mine = f"{col} IS NULL" if self.candidate.unknown else f"{col} = {quote_literal(self.candidate.label)}"
        if not self.others:
            return mine
        return f"({mine} OR {col} IN ({', '.join(quote_literal(label) for label, _ in self.others)}))"

    def leave_out(self) -> str:
        """The filter, in the claims file's expression language, that leaves the row (or rows) out."""
        from ..expressions import Name
        from ..expressions._render import render_literal, render_name
        column = render_name(Name(self.candidate.column))
        if self.candidate.unknown:
            return f"{column} is not null" + "".join(f" and {column} != {render_literal(label)}"
                                                     for label, _ in self.others)
        if self.others:
            labels = [self.candidate.label, *(label for label, _ in self.others)]
            return f"{column} not in [{', '.join(render_literal(label) for label in labels)}]"
        return f"{column} != {render_literal(self.candidate.label)}"


def is_label(value: str) -> bool:
    said = " ".join(value.split()).casefold()
    return said in LABELS or SCOPED.fullmatch(said) is not None


def candidate(src: Source, backend: Backend | None = None) -> Candidate | None:
    """The first or last data row of a CSV file, a DataFrame or (given the ``backend`` that reads
    it) a Parquet file, when a field of it says "Total"; None otherwise (and for a file that cannot
    be read as the table says: its reading says why, in its own words)."""
    if not src.columns:
        return None
    names = list(src.columns)
    edges: list[Edge]
    try:
        if src.frame is not None:
            edges = _frame_edges(src)
        elif src.path is not None and src.format == "parquet":
            names, edges = _parquet(src, backend)
        elif src.path is not None and src.format == "csv":
            edges = [_first_row(src), _last_row(src)]
        else:
            return None
        for line, fields in edges:
            found = _in_row(src, names, line, fields)
            if found is not None:
                return found
    except (OSError, UnicodeError, csv.Error, LookupError, ValueError):
        return None
    return None


def _parquet(src: Source, backend: Backend | None) -> tuple[list[str], list[Edge]]:
    if backend is None:
        return [], []
    try:
        return backend.edge_rows(src)
    except Exception as exc:  # noqa: BLE001 - a file that cannot be read: its reading says why
        reraise_interrupt(exc)
        return [], []


def _frame_edges(src: Source) -> list[Edge]:
    """A DataFrame's first and last rows with their numbers (counted from 1), as Python values."""
    frame = src.frame
    assert frame is not None
    if not len(frame):
        return []
    return [(1, frame.iloc[0].tolist()), (len(frame), frame.iloc[-1].tolist())]


def parquet_edges(backend: Backend, src: Source) -> tuple[list[str], list[Edge]]:
    """A Parquet file's column names, and its first and last rows with their numbers: the count from
    the file's footer, then the rows by ``file_row_number`` (a filter DuckDB takes to the row groups;
    a count asked inside the same statement made it read the whole file, 40 times slower). Both go
    through ``backend.execute``, so a count of the run's statements sees them."""
    assert src.path is not None
    from .datafiles import exact
    path = quote_literal(exact(str(src.path)))
    rows = backend.execute(f"SELECT sum(num_rows) FROM parquet_file_metadata({path})").rows[0][0]
    if not rows:
        return [], []
    got = backend.execute(f"SELECT * FROM {src.reader_sql(str(src.path), options='file_row_number=true')} "
                          f"WHERE file_row_number IN (0, {int(rows) - 1}) ORDER BY file_row_number")
    return got.columns[:-1], [(int(r[-1]) + 1, list(r[:-1])) for r in got.rows]


def _in_row(src: Source, names: list[str], line: int | None, fields: Sequence[object] | None) -> Candidate | None:
    if line is None or fields is None or len(fields) != len(names):
        return None
    label = next((i for i, value in enumerate(fields) if isinstance(value, str) and is_label(value)), None)
    if label is None:
        return None
    numbers = tuple(names[i] for i, value in enumerate(fields) if i != label and _number(value))
    written = str(fields[label])
    return Candidate(src.name, names[label], written, line, numbers[:NUMBERS_READ],
                     is_text_scan(src) and written in nulls_read(src), place(src, line))


def nulls_read(src: Source) -> list[str]:
    """The texts the table reads as unknown (``csv: {null: …}``; the empty string by default)."""
    declared = src.decl.csv.null if src.decl.csv and src.decl.csv.null is not None else [""]
    return [declared] if isinstance(declared, str) else list(declared)


def _number(text: object) -> bool:
    """A field of a CSV that reads as a number, or a number of a DataFrame or a Parquet file."""
    if not isinstance(text, str):
        return isinstance(text, numbers.Number) and not isinstance(text, bool) and type(text).__name__ != "bool_"
    try:
        float(text.strip())
    except ValueError:
        return False
    return bool(text.strip())


def _first_row(src: Source) -> tuple[int | None, list[str] | None]:
    from .tables import csv_reader
    opts = src.decl.csv
    with csv_reader(src) as reader:
        if not opts or opts.header:
            next(reader, None)
        row = next(reader, None)
        return (reader.line_num + (opts.skip if opts else 0), row) if row else (None, None)


def _last_row(src: Source) -> tuple[int | None, list[str] | None]:
    """The last row of data with its line, read from the end of the file; the file is read through
    to count its lines only when that row says it is a total."""
    assert src.path is not None
    from .datafiles import python_encoding
    opts = src.decl.csv
    encoding = python_encoding(opts.encoding if opts else None, src.path, "utf-8-sig")
    size = src.path.stat().st_size
    if src.path.name.lower().endswith(".gz") or encoding.lower().replace("_", "-").startswith("utf-16"):
        return _streamed_last_row(src, size)
    with open(src.path, "rb") as fh:
        start = max(0, size - TAIL_BYTES)
        fh.seek(start)
        tail = fh.read()
        kept = tail.rstrip(b"\r\n \t")  # blank lines at the end are no row
        at = kept.rfind(b"\n") + 1
        if not kept or (start and not at):
            return None, None  # no row, or a last line longer than the tail read
        text = kept[at:].rstrip(b"\r").decode(encoding)
        row = next(csv.reader(io.StringIO(text), delimiter=src.decl.delimiter(src.path), quotechar=_quote(src)), None)
        if not row or not any(is_label(value) for value in row):
            return None, None
        if start:
            fh.seek(0)
            lines = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
        else:
            lines = tail.count(b"\n")
        line = lines - tail.count(b"\n", at) + 1
    return (line, row) if line > line_offset(src) else (None, None)


def _streamed_last_row(src: Source, size: int) -> tuple[int | None, list[str] | None]:
    if size > STREAMED_UP_TO:
        return None, None
    from .tables import csv_reader
    last: tuple[int | None, list[str] | None] = (None, None)
    skipped = src.decl.csv.skip if src.decl.csv else 0
    with csv_reader(src) as reader:
        for row in reader:
            if row and any(f.strip() for f in row):
                last = (reader.line_num + skipped, row)
    return last if (last[0] or 0) > line_offset(src) else (None, None)


def _quote(src: Source) -> str:
    opts = src.decl.csv
    return opts.quote if opts and opts.quote else '"'


def confirm(backend: Backend, found: Candidate, types: dict[str, str]) -> TotalRow | None:
    """Ask the table read how many rows hold the label and which numbers of the row sum the others';
    None when no row holds it as read, or when an "All" row sums nothing (a category, then)."""
    numbers = [c for c in found.numbers if value_type(types.get(c)) == "number"]
    is_total = found.condition
    parts = [f"count(*) FILTER (WHERE {is_total})"]
    for c in numbers:
        col = quote_ident(c)
        parts += [f"sum({col}) FILTER (WHERE {is_total})", f"sum({col}) FILTER (WHERE ({is_total}) IS NOT TRUE)"]
    try:
        row = backend.execute(f"SELECT {', '.join(parts)} FROM {quote_ident(found.table)}").rows[0]
    except Exception as exc:  # noqa: BLE001 - a sum that cannot be taken: the claims' own queries say why
        reraise_interrupt(exc)
        return None
    rows = int(row[0] or 0)
    if not rows:
        return None
    sums = tuple((c, row[1 + 2 * i]) for i, c in enumerate(numbers)
                 if _same(row[1 + 2 * i], row[2 + 2 * i]) and rows == 1)
    if not sums and " ".join(found.label.split()).casefold() == "all":
        return None
    return TotalRow(found, rows, sums, _other_labels(backend, found))


def _other_labels(backend: Backend, found: Candidate) -> tuple[tuple[str, int], ...]:
    """The label column's other values that say they are totals ("County Total" in the column of a
    "State Total"), with how many rows hold each: the rows of subtotals mixed in with the data."""
    col = quote_ident(found.column)
    said = f"lower(trim(regexp_replace(CAST({col} AS VARCHAR), '\\s+', ' ', 'g')))"
    sql = (f"SELECT CAST({col} AS VARCHAR), count(*) FROM {quote_ident(found.table)} "
           f"WHERE regexp_full_match({said}, {quote_literal(SCOPED_SQL)}) AND {col} IS DISTINCT FROM "
           f"{quote_literal(found.label)} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20")
    try:
        return tuple((str(label), int(n)) for label, n in backend.execute(sql).rows)
    except Exception as exc:  # noqa: BLE001 - a column the engine cannot compare as text: the candidate alone
        reraise_interrupt(exc)
        return ()


def _same(total: object, others: object) -> bool:
    """Is the row's value the others' sum? Exactly for whole numbers and decimals; a double within
    its own rounding."""
    if total is None or others is None:
        return False
    try:
        a, b = Fraction(str(total)), Fraction(str(others))
    except (ValueError, ZeroDivisionError):
        return False
    if isinstance(total, float) or isinstance(others, float):
        return abs(a - b) <= abs(b) * Fraction(1, 10**9)
    return a == b


def may_keep(backend: Backend, total: TotalRow, scan: Scan) -> bool:
    """Does ``scan``'s filter keep the total row among the rows it adds up? Its values are known:
    the filter is asked of it as the claim's query asks it (a blank the filter compares leaves it
    out, as it does there). A filter on the label column that keeps the total alone chose it
    ("the city's 85,555": ``value: population, where: name == 'Total'``): that is no mistake."""
    where = scan.where
    if where is None:
        return True
    row = total.condition(scan.table)
    sql = (f"SELECT count(*) FILTER (WHERE {row}), count(*) FILTER (WHERE ({row}) IS NOT TRUE)\n"
           f"{scan.from_sql()}\nWHERE {where}")
    try:
        kept, others = backend.execute(sql).rows[0]
    except Exception as exc:  # noqa: BLE001 - the claim's own query says what is wrong with its filter
        reraise_interrupt(exc)
        return False
    chosen = f"{quote_ident(scan.table)}.{quote_ident(total.candidate.column)}" in where and not others
    return bool(kept) and not chosen



EFFECTS = {"count": "a count comes out one too many", "count_distinct": "a count comes out one too many",
           "top": "a ranking names it first", "top_share": "it tops the ranking",
           "top_sum": "it tops the ranking"}
"""What a total row does to a figure of each kind, said in its warning (others: one row more)."""


def note(total: TotalRow, shown: str, kind: str, has_filter: bool) -> Note:
    """The warning of a claim whose rows may include the total row, with the filter that leaves it out."""
    effect = EFFECTS.get(kind, "a sum comes out double" if kind == "sum" and total.sums else
                         "the figure takes it for one more row")
    if total.others:
        effect = (f"the figure takes {rows_said(total.rows + sum(n for _, n in total.others))} of totals for rows "
                  "of data (a sum counts each row again in every total that adds it up)")
    fix = f"add `and {total.leave_out()}` to the measure's where" if has_filter else \
        f"leave it out with where: {total.leave_out()}"
    return Note(code=NoteCode.TOTAL_ROW, warning=True,
                message=f"table '{total.candidate.table}' has a total row, {said(total, shown)}: {effect}; {fix}")


def said(total: TotalRow, shown: str) -> str:
    """The row, where it is, and why it is taken for a total: "line 8 of data/hoods.csv (name
    'Total'), whose population (85,555) is the sum of the other rows"."""
    found = total.candidate
    text = f"{found.at or f'line {found.line}'} of {shown} ({found.column} {found.label!r}{', read as unknown' if found.unknown else ''})"
    if total.sums:
        text += ", whose " + ", ".join(f"{c} ({_figure(v)})" for c, v in total.sums) + \
            f" {'is' if len(total.sums) == 1 else 'are'} the sum of the other rows"
    if total.rows > 1:
        text += f"; {rows_said(total.rows)} hold that label"
    if total.others:
        text += "; so do other rows of totals: " + ", ".join(f"{label!r} ({rows_said(n)})" for label, n in total.others)
    return text


def init_note(backend: Backend, src: Source, types: dict[str, str]) -> str | None:
    """What ``factcheck init`` tells the reader of a table with a total row, or None."""
    from .places import shown
    found = candidate(src, backend)
    total = confirm(backend, found, types) if found is not None else None
    if total is None:
        return None
    return (f"{said(total, shown(src))}: a total row, which a claim over the table counts as one more row; "
            f"leave it out with where: {total.leave_out()}")


def _figure(value: object) -> str:
    """A sum as people read it: 85,555 whatever type the engine gave it in (an integer, a decimal)."""
    try:
        exact = Fraction(str(value))
    except (ValueError, ZeroDivisionError):
        return str(value)
    return f"{exact.numerator:,}" if exact.denominator == 1 else str(value)


class Confirmed(NamedTuple):
    """A table's total row as the data confirms it, with the claims (by plan index) whose rows include it."""

    total: TotalRow
    kept_by: tuple[int, ...]


def total_row_notes(prepared: Prepared, backend: Backend, candidates: dict[str, Candidate],
                    ) -> tuple[dict[int, list[Note]], dict[str, Confirmed]]:
    """The ``total_row`` warnings of the claims (by plan index) whose rows may include a total row
    of a table read, and each table's total row the data confirms (``factcheck check`` says it of
    the table); one query per candidate, one per claim's scan of a confirmed one."""
    from ..planning.nodes import walk
    from .places import shown
    notes: dict[int, list[Note]] = {}
    confirmed: dict[str, Confirmed] = {}
    for table, found in candidates.items():
        src = prepared.sources[table]
        total = confirm(backend, found, src.columns)
        if total is None:
            continue
        kept_by: list[int] = []
        for plan in prepared.plans:
            if any(node.kind == "change" and getattr(node, "over", None) == found.column for node in walk(plan.node)):
                continue  # a change between two periods of the label column: "Total" is neither of them
            scans = [scan for node in walk(plan.node) for scan in node.scans() if scan.table == table]
            kept = [scan for scan in scans if may_keep(backend, total, scan)]
            if kept:
                has_filter = any(scan.where is not None for scan in kept)
                kind = plan.node.kind if plan.node is not None else ""
                notes.setdefault(plan.index, []).append(note(total, shown(src), kind, has_filter))
                kept_by.append(plan.index)
        confirmed[table] = Confirmed(total, tuple(kept_by))
    return notes, confirmed


def table_note(found: Confirmed, shown: str, kept_by: list[str], measured: bool) -> str:
    """What ``factcheck check`` says of a table with a total row: the row, what it does to a figure over
    the table, the claims that count it ("claim pop counts it", "no claim's rows include it"), the filter."""
    total = found.total
    effect = ("a sum over the table comes out double, a count one too many" if total.sums else
              "a count over the table comes out one too many")
    if kept_by:
        who = f"claim {kept_by[0]} counts it" if len(kept_by) == 1 else f"claims {', '.join(kept_by)} count it"
    else:
        who = "no claim's rows include it" if measured else "no claim reads the table"
    return (f"table '{total.candidate.table}' has a total row, {said(total, shown)}: read as data it is one more "
            f"row ({effect}); {who}; leave it out with where: {total.leave_out()}")


def use_candidates(prepared: Prepared, tables: list[Source], backend: Backend) -> dict[str, Candidate]:
    """Before the tables are read: the candidates of the CSV tables that claims measure (``factcheck
    check``: of every table it reads), with their label and number columns marked to be read (only
    then: the common table has no total row)."""
    from ..planning.nodes import walk
    measured = {scan.table for plan in prepared.plans for node in walk(plan.node) for scan in node.scans()}
    found: dict[str, Candidate] = {}
    for src in tables:
        if src.name not in measured and not prepared.checking:
            continue
        one = candidate(src, backend)
        if one is None:
            continue
        found[src.name] = one
        for column in (one.column, *one.numbers):
            prepared.catalog.use(src.name, column)
    return found
