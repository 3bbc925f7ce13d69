"""Values in the data that make a claim, or a table, unusable: found and located.

Two mistakes in data files otherwise surface as a DuckDB error without a line or value,
or as nothing at all:

* numbers kept as text: a column with ``1,234`` or ``n/a`` in it is read as text, and a
  claim that sums it (or compares it with a number) fails with a conversion or binder
  error. :func:`text_in_numbers` finds the value and its line;
* a time column with one value that is not a date (``2020-02-31``) is read as text, and
  its periods would then be compared as text, silently. :func:`time_column_problems`
  refuses it, naming the rows.

Both look at the tables as read (DuckDB's file access may already be off): a row's
position in the table is its position in the file, so a CSV row's line is its number
plus the header and skipped lines (a record spanning several lines inside quotes shifts
later numbers, as in the column contracts).
"""

from __future__ import annotations

import re
from dataclasses import fields
from typing import TYPE_CHECKING, Iterable, Iterator, get_args

from ..errors import Problem
from ..expressions import (
    Between,
    Binary,
    Call,
    Compare,
    Expr,
    InList,
    Literal,
    Name,
    Unary,
    names,
    quote_ident,
    quote_literal,
    walk,
)
from .places import line_offset, place, shown
from .totals import is_label
from .written import number_hint, written_number

if TYPE_CHECKING:
    import duckdb

    from ..planning.catalog import Catalog
    from ..planning.nodes import ClaimPlan, PlanNode
    from .tables import Source

_CONVERT = re.compile(r"""Could not convert string (?:"(.*?)"|'(.*?)') to""", re.S)
_NUMERIC_KINDS = ("sum", "mean", "median", "min", "max", "value")
SAMPLES = 5
_EXPRESSIONS = get_args(Expr)  # the classes of expression nodes


def text_in_numbers(con: "duckdb.DuckDBPyConnection", catalog: "Catalog", plan: "ClaimPlan",
                    error: str, claims_file: str, claims_line: int | None) -> Problem | None:
    """The text value in a column the failed claim uses as numbers, with its line; else None.

    A column of numbers with a stray text value is the data's fault (named by data file and
    line); a column with no number at all is the claim's (named by claims file and line).
    """
    return _locate(con, catalog, _claim_columns(catalog, plan), error, claims_file, claims_line, plan.claim.id)


def text_in_derives(con: "duckdb.DuckDBPyConnection", catalog: "Catalog", table: str, error: str,
                    claims_file: str, claims_line: int | None) -> Problem | None:
    """As :func:`text_in_numbers`, for the derives of a table that could not be computed.

    The table must be in DuckDB with its file columns (the derives left out). A time column that is
    text because one value is no date (``year(occurred_at)`` over 'unknown') is said as such, with
    its line, as it is when no derive reads it: not as DuckDB's "No function matches year(VARCHAR)".
    """
    src = catalog.sources.get(table)
    if src is not None:  # a column of dates but for one value, declared a time column or not
        read_by = list(dict.fromkeys(c for t, c, _ in _derive_columns(catalog, table) if t == table))
        times = src.decl.time_columns()
        for problem in [*time_column_problems(con, src, [c for c in read_by if c in times]),
                        *time_column_problems(con, src, [c for c in read_by if c not in times], dates_only=True)]:
            return problem
    return _locate(con, catalog, _derive_columns(catalog, table), error, claims_file, claims_line,
                   None, what=f"a derive of table '{table}'")


def derive_columns(catalog: "Catalog", table: str) -> list[tuple[str, str]]:
    """(table, column) of every file column the table's derives read (for an engine that must read
    them before :func:`text_in_derives` can look in them)."""
    return [(t, column) for t, column, _ in _derive_columns(catalog, table)]


def _derive_columns(catalog: "Catalog", table: str) -> Iterator[tuple[str, str, str | None]]:
    """(table, column, 'compare' when used as a number else None) for the file columns of the derives."""
    found: dict[tuple[str, str], str | None] = {}
    for derive in catalog.used_derives[table]:
        tree = catalog.derives[table][derive]
        numeric = _numeric_names(tree)
        for name in names(tree):
            for key in _columns_of(catalog, table, name, {derive}):
                found[key] = found.get(key) or ("compare" if name in numeric else None)
    for (t, column), use in found.items():
        yield t, column, use


def claim_columns(catalog: "Catalog", plan: "ClaimPlan") -> list[tuple[str, str]]:
    """(table, column) of every file column the claim reads, derives opened up (for an engine that
    must read them before :func:`text_in_numbers` can look in them)."""
    return [(table, column) for table, column, _ in _claim_columns(catalog, plan)]


def _locate(con: "duckdb.DuckDBPyConnection", catalog: "Catalog", columns: Iterable[tuple[str, str, str | None]],
            error: str, claims_file: str, claims_line: int | None, claim: str | None,
            what: str = "the claim") -> Problem | None:
    match = _CONVERT.search(error)
    value = None if match is None else (match.group(1) if match.group(1) is not None else match.group(2))
    for table, column, use in columns:
        src = catalog.sources[table]
        if _type_of(con, table, column) != "VARCHAR":
            continue
        col = quote_ident(column)
        if value is None and use and not con.execute(f"SELECT count({col}) FROM {quote_ident(table)}").fetchall()[0][0]:
            return Problem(f"column '{column}' of table '{table}' is empty in every row, so its type cannot be "
                           f"told from the file and it was read as text: {what} cannot use it as numbers",
                           file=claims_file, line=claims_line, claim=claim, column=column,
                           hint=f"declare its type: columns: {{{column}: number}} under table '{table}' (an "
                                "empty value is unknown: a sum or mean of it then has no rows, a count none)")
        if value is not None:
            condition = f"{col} = {quote_literal(value)}"
        elif use:
            condition = f"{col} IS NOT NULL AND TRY_CAST(trim({col}) AS DOUBLE) IS NULL"
        else:
            continue
        found = first_rows(con, src, column, condition, 1)
        if not found:
            continue
        where, text = found[0]
        numbers = con.execute(f"SELECT count(TRY_CAST(trim({col}) AS DOUBLE)) FROM {quote_ident(table)}").fetchall()[0][0]
        if not numbers and use == "measure" and _written_numbers(con, table, col):
            return Problem(f"column '{column}' of table '{table}' holds numbers written as text ({shown(src)} "
                           f"{where}: {text!r}), so {what} cannot be computed", file=claims_file,
                           line=claims_line, claim=claim, column=column,
                           hint=_twin_hint(con, table, column, text) or number_hint(column, [text], src.format))
        if not numbers:
            return Problem(f"column '{column}' of table '{table}' holds text, not numbers ({shown(src)} {where}: "
                           f"{text!r}), so {what} cannot be computed", file=claims_file, line=claims_line,
                           claim=claim, column=column,
                           hint=("sum, mean, median, min, max and value need a column of numbers; to count rows "
                                 f"with a value, write e.g. count: {table}, where: \"{column} == '{text}'\""
                                 if use == "measure" else
                                 f"the column holds text: compare it with text, in single quotes: {column} == '{text}'"))
        texts = [text, *(t for (t,) in con.execute(
            f"SELECT DISTINCT CAST({col} AS VARCHAR) FROM {quote_ident(table)} WHERE {col} IS NOT NULL AND "
            f"TRY_CAST(trim({col}) AS DOUBLE) IS NULL ORDER BY 1 LIMIT {TEXTS_LISTED}").fetchall() if t != text)]
        return Problem(f"table '{table}', column '{column}' holds text where {what} needs numbers: "
                       f"{where} holds {text!r}", file=shown(src), line=_line(src, where),
                       claim=claim, column=column, hint=number_hint(column, texts[:TEXTS_LISTED], src.format))
    return None


TEXTS_LISTED = 8
"""The texts of a column of numbers a hint lists at most ('<10', '*', 'n<10': every mark of a suppressed cell)."""


def _as_stamp(value: str) -> str:
    """SQL: the text as a date and time written YYYY-MM-DD[ HH:MM:SS]; NULL otherwise ('14/06/21',
    which DuckDB's cast takes for the year 14)."""
    return f"CASE WHEN regexp_matches({value}, '^[+-]?[0-9]{{4}}') THEN TRY_CAST({value} AS TIMESTAMP) END"


def time_column_problems(con: "duckdb.DuckDBPyConnection", src: "Source", columns: list[str],
                         dates_only: bool = False) -> list[Problem]:
    """Time columns read as text because some values are not dates (or years): each one, located.
    ``dates_only``: columns not declared time columns, read by a derive that failed: only a column
    of dates (or dates and times) but for some values is said (not one of numbers, which a column
    of amounts with a thousands separator is, and is said elsewhere)."""
    problems = []
    for column in columns:
        if column in src.decl.columns and src.decl.columns[column].type or _type_of(con, src.name, column) != "VARCHAR":
            continue  # a declared type is checked by the column contract
        col = quote_ident(column)
        fmt = _date_format(src)
        as_date = f"TRY_STRPTIME(trim({col}), {quote_literal(fmt)})"
        as_year = f"TRY_CAST(trim({col}) AS BIGINT)"
        as_stamp = _as_stamp(f"trim({col})")
        total, dates, years, stamps = _counted(con, src.name, column, [
            f"TRY_STRPTIME(trim(v), {quote_literal(fmt)})", "TRY_CAST(trim(v) AS BIGINT)", _as_stamp("trim(v)")])
        if stamps == total:
            continue  # dates, some with their times: each one a time
        if 0 < dates < total:
            bad, kind = f"{col} IS NOT NULL AND {as_date} IS NULL", f"a date written {_shown_format(fmt)}"
        elif 0 < stamps < total and not years:  # dates with their times ('2021-06-01 10:00:00')
            bad, kind = f"{col} IS NOT NULL AND {as_stamp} IS NULL", "a date and time (YYYY-MM-DD HH:MM:SS)"
        elif 0 < years < total and not dates and not dates_only:
            bad, kind = f"{col} IS NOT NULL AND {as_year} IS NULL", "a whole number (a year)"
        elif not dates and not dates_only and (other := _other_date_format(con, src, column, fmt, total)) is not None:
            problems.append(other)
            continue
        else:
            continue  # all dates, or a text column of labels ('2020-Q1'): compared as written
        count = total - (dates if dates else stamps if stamps and not years else years)
        found = first_rows(con, src, column, bad, SAMPLES)
        where, text = found[0]
        rows = "value is" if count == 1 else "values are"
        total_row = count == len(found) and all(is_label(str(t)) for _, t in found)
        problems.append(Problem(
            f"table '{src.name}', {'' if dates_only else 'time '}column '{column}': {count} {rows} not {kind}, so "
            "the column would be "
            f"read as text and its periods compared as text: {where} holds {text!r}"
            + (", which looks like a total row, not a period" if total_row else ""),
            file=shown(src), line=_line(src, where), column=column,
            detail="\n".join(f"{w}: {t!r}" for w, t in found) + (f"\n… and {count - len(found)} more"
                                                               if count > len(found) else ""),
            hint=(_total_row_hint(src, column, [str(t) for _, t in found]) if total_row else
                  "fix the value (or leave it empty if it is unknown); if the column really is text, declare "
                  f"columns: {{{column}: text}}" if "date" in kind else
                  "fix the value, or list it under csv: {null: [...]} if it means unknown")))
    return problems


def _total_row_hint(src: "Source", column: str, labels: list[str]) -> str:
    """The two ways out of a "Total" in a time column. The column is read, as periods, before any
    claim's filter: a ``where:`` alone cannot leave the row out. Read as unknown, the label is no
    period, and the row a ``where:`` leaves out (a claim that keeps it is warned: ``total_row``)."""
    from ..expressions import Name
    from ..expressions._render import render_name
    if src.frame is not None:
        return "a where: alone cannot leave it out (the column is read as periods first): drop the row from the DataFrame"
    if src.format != "csv":
        return ("a where: alone cannot leave it out (the column is read as periods first): remove the row where "
                "the Parquet file is written")
    from .totals import nulls_read
    nulls = list(dict.fromkeys([*nulls_read(src), *labels]))
    listed = ", ".join(quote_literal(v) for v in nulls)
    return (f"a where: alone cannot leave it out (the column is read as periods first): remove the row from the file, "
            f"or read it as unknown with csv: {{null: [{listed}]}} on the table and leave it out with where: "
            f"{render_name(Name(column))} is not null")


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def compared_with_dates(trees: Iterable[Expr]) -> set[str]:
    """The columns of the table itself (no lookup's) that the expressions compare with a date written
    YYYY-MM-DD (``visited >= '2021-01-01'``, ``between``): read as text because one value is no date,
    such a column is compared as text, and the row written '14/06/21' falls out of the filter."""
    return {a.column for a, b in _compared(trees, lists=False)
            if a.link is None and isinstance(b.value, str) and _ISO_DATE.fullmatch(b.value.strip())}


def compared_with_text(trees: Iterable[Expr]) -> dict[Name, list[str]]:
    """The columns the expressions compare with text (``zip == '02134'``, ``in``, ``between``), each
    with the text it is compared with: a column of codes read as numbers compares ``'02134'`` as the
    number 2134 (see :func:`padded_codes`)."""
    found: dict[Name, list[str]] = {}
    for a, b in _compared(trees, lists=True):
        if isinstance(b.value, str):
            found.setdefault(a, []).append(b.value)
    return found


def _compared(trees: Iterable[Expr], *, lists: bool) -> Iterator[tuple[Name, Literal]]:
    """Each column the expressions compare with a literal (``==``, ``<`` …, ``between``; ``in`` with
    ``lists``), with that literal."""
    for tree in trees:
        for node in walk(tree):
            if isinstance(node, Compare):
                pairs = [(node.left, node.right), (node.right, node.left)]
            elif isinstance(node, Between):
                pairs = [(node.operand, node.low), (node.operand, node.high)]
            elif isinstance(node, InList) and lists:
                pairs = [(node.operand, v) for v in node.values]
            else:
                continue
            yield from ((a, b) for a, b in pairs if isinstance(a, Name) and isinstance(b, Literal))


_CODE = re.compile(r"[0-9]{1,30}")
"""A text compared with a column of numbers that may be a code (``'02134'``); a number of HUGEINT's range."""
_PADDED = "regexp_full_match(trim(v), '0[0-9]+')"
"""SQL: the text ``v`` is a code with leading zeros (``02134``; not ``0`` alone, ``0.5`` or ``-3``)."""


def padded_codes(con: "duckdb.DuckDBPyConnection", src: "Source", column: str, texts: list[str],
                 who: str) -> Problem | None:
    """A column read as whole numbers, which ``who`` (a claim) compares with ``texts``, whose file
    writes codes with leading zeros (ZIP ``02134``): read as numbers, ``02134`` and ``2134`` are
    one value, so ``zip == '02134'`` counts the rows written ``2134`` too, in silence. DuckDB keeps
    such a column text when it sees one in the rows it samples; this reads the file's text again
    (one query) for a padded value further down. Said when a text compared has a leading zero, or
    names the number of a value the file writes with one (``zip == '2134'`` beside ``02134``); a
    column of amounts compared with ``'500'`` is not looked at for a stray ``00150`` otherwise."""
    from .contracts import raw_scan
    texts = [t.strip() for t in texts if _CODE.fullmatch(t.strip())]
    if not texts:
        return None
    numbers = sorted({int(t) for t in texts})
    zero_led = [t for t in texts if t.startswith("0") and len(t) > 1]
    named = f"TRY_CAST(trim(v) AS HUGEINT) IN ({', '.join(map(str, numbers))})"
    col = quote_ident(column)
    scan = raw_scan(con, src)
    count, hits = con.execute(f"SELECT count(*), count(*) FILTER (WHERE {named}) FROM (SELECT {col} AS v FROM {scan}) "
                              f"WHERE {_PADDED}").fetchall()[0]
    if not count or not (zero_led or hits):
        return None  # (the lines are numbered only now: a window over the whole file costs)
    wanted = f"{_PADDED} AND {named}" if hits else _PADDED
    line, text = con.execute(
        f"SELECT line, trim(v) FROM (SELECT row_number() OVER () + {line_offset(src)} AS line, {col} AS v "
        f"FROM {scan}) WHERE {wanted} ORDER BY line LIMIT 1").fetchall()[0]
    text, line = str(text), int(line)
    compared = next(t for t in texts if int(t) == int(text)) if hits else zero_led[0]
    padded = text if hits else compared
    values = "is a code" if count == 1 else "are codes"
    return Problem(
        f"table '{src.name}', column '{column}' is read as numbers, but {count:,} of its values {values} with "
        f"leading zeros ({place(src, line)} holds {text!r}), which numbers drop: {who} compares {column} "
        f"with {compared!r} as the number {int(compared)}, so rows written {padded!r} and "
        f"{str(int(compared))!r} count as one code",
        file=shown(src), line=_line(src, place(src, line)), column=column,
        hint=f"declare the column text: columns: {{{column}: {{type: text}}}} under table '{src.name}' "
             "(DuckDB guessed numbers from the rows before the first code with a zero; factcheck init "
             "declares such columns text)")


# how dates are written elsewhere; a column none of whose values is in date_format is checked against these
OTHER_DATE_FORMATS = ("%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%d-%m-%Y", "%m-%d-%Y", "%Y/%m/%d",
                      "%d/%m/%y", "%m/%d/%y", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y")
EARLIEST_YEAR = 1000
"""A date of a CSV read before this year was misread: no newsroom's file holds one, but DuckDB reads
'13/05/21' (13 May 2021) as the year 13, and '1/5/22' as the year 1, when no format is given that fits;
and '21.12.05' in '%d.%m.%Y' is 21 December of the year 5."""
_FORMATS_TRIED = tuple(dict.fromkeys((*OTHER_DATE_FORMATS, "%y/%m/%d", "%d-%m-%y", "%m-%d-%y", "%y-%m-%d",
                                      "%d.%m.%y", "%m.%d.%y", "%y.%m.%d")))
"""The formats a time column's dates are tried in: those ``init`` knows, then two-digit years first or
dotted; a format fits only a value it reads in :data:`EARLIEST_YEAR` or later."""


def _as_date_in(fmt: str, value: str = "trim(v)") -> str:
    """SQL: the value as a date in ``fmt``, or NULL when it is none or one of before :data:`EARLIEST_YEAR`."""
    return f"nullif(year(TRY_STRPTIME({value}, {quote_literal(fmt)})) >= {EARLIEST_YEAR}, false)"


def _other_date_format(con: "duckdb.DuckDBPyConnection", src: "Source", column: str, fmt: str,
                       total: int) -> Problem | None:
    """A time column none of whose values is a date in ``fmt`` but which holds dates written another way
    (``01/04/2020``): taken for labels, its periods would be compared as text, so that
    ``filed >= '2020-04-02'`` keeps no row and the claim reads as a period the data does not cover."""
    col = quote_ident(column)
    counts = _counted(con, src.name, column, [_as_date_in(f) for f in _FORMATS_TRIED])[1:]
    best = max(counts)
    if not best:
        return None
    fits = [f for f, n in zip(_FORMATS_TRIED, counts, strict=True) if n == best]
    found = first_rows(con, src, column, f"{_as_date_in(fits[0], f'trim({col})')} IS NOT NULL", 1)
    where, text = found[0]
    written = " or ".join(f"'{f}'" for f in fits)
    if src.frame is not None:
        hint = f"convert the column to dates before passing it, e.g. pandas.to_datetime(df['{column}'], format='{fits[0]}')"
    elif src.format == "parquet":
        hint = "write the column as dates where the Parquet file is written"
    else:
        hint = (f"say how the file writes its dates: csv: {{date_format: {written}}}"
                + (" (the values fit either: day or month first, the data's source will say)" if len(fits) > 1 else ""))
    some = "all of its values" if best == total else f"{best:,} of its {total:,} values"
    return Problem(
        f"table '{src.name}', time column '{column}': {some} are dates written {written}, not "
        f"{_shown_format(fmt)}, so the column would be read as text and its periods compared as text: "
        f"{where} holds {text!r}", file=shown(src), line=_line(src, where), column=column, hint=hint)




def misread_dates(con: "duckdb.DuckDBPyConnection", src: "Source", columns: list[str]) -> list[Problem]:
    """Columns of a CSV that came out as dates in the first millennium though the file does not write
    them so: each refused, located.

    A date column not in the table's ``date_format`` is not always text (which
    :func:`time_column_problems` says): DuckDB reads '13/05/21' and '25/12/20' as dates of the years
    13 and 25, so '13 May 2021' came out as 0013-05-21 and the run said the data did not cover 2021;
    a claim on the year 13 would have counted it. A column declared ``date`` is read in the format,
    but '%Y' takes '21' for the year 21 all the same. A date written with its four-digit year
    ('0001-01-01', the "no date" of many exports, or a history's real early date) is read as written:
    no misreading. Only CSVs: a Parquet file or a DataFrame holds the dates it was given."""
    if src.frame is not None or src.format != "csv":
        return []
    types = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE {quote_ident(src.name)})").fetchall())
    dated = [c for c in dict.fromkeys(columns) if str(types.get(c, "")).startswith(("DATE", "TIMESTAMP"))]
    if not dated:
        return []
    early = con.execute("SELECT " + ", ".join(f"count(*) FILTER (WHERE year({quote_ident(c)}) < {EARLIEST_YEAR})"
                                              for c in dated) + f" FROM {quote_ident(src.name)}").fetchall()[0]
    found = [_misread(con, src, column) for column, n in zip(dated, early, strict=True) if n]
    return [p for p in found if p is not None]


def _misread(con: "duckdb.DuckDBPyConnection", src: "Source", column: str) -> Problem | None:
    """The problem of a column with dates before :data:`EARLIEST_YEAR`, or None when each is written
    with its four-digit year (or the file cannot be read again to tell: a run is not stopped on a guess)."""
    misread = _misread_rows(con, src, column)
    try:
        rows = con.execute(f"SELECT line, v, d, count(*) OVER () FROM {misread} ORDER BY line LIMIT {SAMPLES}").fetchall()
    except Exception as exc:  # noqa: BLE001 - the file could not be read again
        from ..interrupts import reraise_interrupt
        reraise_interrupt(exc)
        return None
    if not rows:
        return None
    count = int(rows[0][3])
    line, written, read_as = int(rows[0][0]), str(rows[0][1]), str(rows[0][2]).removesuffix(" 00:00:00")
    fits = _fitting_formats(con, misread)
    where = place(src, line)
    col = quote_ident(column)
    written_alike = con.execute(f"SELECT count({col}) FROM {quote_ident(src.name)}").fetchall()[0][0] - count
    if written_alike:  # the others are read in the format: these few are written another way
        hint = (f"the column's other {written_alike:,} values are written {_shown_format(_date_format(src))}: "
                "write these the same way, with the year in full")
    elif fits:
        hint = (f"say how the file writes its dates: csv: {{date_format: {' or '.join(repr(f) for f in fits)}}}"
                + (" (the values fit either: the data's source will say which)" if len(fits) > 1 else ""))
        if any("%y" in f for f in fits):
            hint += ("; '%y' reads 00-68 as 2000-2068 and 69-99 as 1969-1999, so a file with dates "
                     "before 1969 needs its years written in full")
    else:
        hint = ("say how the file writes its dates: csv: {date_format: ...} in strftime codes "
                "('%d/%m/%y' for 13/05/21, '%m/%d/%y %H:%M' for 05/13/21 10:00)")
    hint += f"; if the column holds no dates ('4-4-2', a team's formation), declare columns: {{{column}: text}}"
    rows_said = "value was" if count == 1 else "values were"
    return Problem(
        f"table '{src.name}', column '{column}': {count:,} {rows_said} read as dates before the year "
        f"{EARLIEST_YEAR}, so the file writes its dates another way than {_shown_format(_date_format(src))}, "
        f"and every period of the column would be wrong: {where} holds {written!r}, read as {read_as}",
        file=shown(src), line=line, column=column,
        detail="\n".join(f"{place(src, int(r[0]))}: {str(r[1])!r}" for r in rows)
        + (f"\n… and {count - len(rows)} more" if count > len(rows) else ""),
        hint=hint)


def _misread_rows(con: "duckdb.DuckDBPyConnection", src: "Source", column: str) -> str:
    """SQL: the rows of the column read before :data:`EARLIEST_YEAR` whose text in the file does not
    start with a four-digit year: (line, v: as written, d: as read)."""
    from .contracts import raw_scan
    col = quote_ident(column)
    scan = raw_scan(con, src)  # the file as text, as the column contracts read it
    return (f"(SELECT line, trim(r.v) AS v, t.d FROM "
            f"(SELECT rowid + {line_offset(src) + 1} AS line, CAST({col} AS VARCHAR) AS d FROM {_numbered(con, src)} "
            f"WHERE year({col}) < {EARLIEST_YEAR}) AS t "
            f"JOIN (SELECT row_number() OVER () + {line_offset(src)} AS line, {col} AS v FROM {scan}) AS r USING (line) "
            f"WHERE NOT regexp_matches(trim(r.v), '^[+-]?[0-9]{{4}}'))")


def _date_format(src: "Source") -> str:
    """The table's ``date_format`` (a DataFrame's dates are no text: YYYY-MM-DD)."""
    return src.decl.csv.date_format if src.frame is None and src.decl.csv else "%Y-%m-%d"


def _fitting_formats(con: "duckdb.DuckDBPyConnection", misread: str) -> list[str]:
    """The formats, with a time of day or not, that read every misread value as a date of this
    millennium or the last."""
    formats = [f + t for f in _FORMATS_TRIED for t in ("", " %H:%M", " %H:%M:%S")]
    tests = ", ".join(f"count(*) FILTER (WHERE {_as_date_in(f)})" for f in formats)
    try:
        total, *fits = con.execute(f"SELECT count(*), {tests} FROM {misread}").fetchall()[0]
    except Exception as exc:  # noqa: BLE001 - the hint then names no format
        from ..interrupts import reraise_interrupt
        reraise_interrupt(exc)
        return []
    return [f for f, n in zip(formats, fits, strict=True) if total and n == total]


def _counted(con: "duckdb.DuckDBPyConnection", table: str, column: str, conversions: list[str]) -> list[int]:
    """The column's values that are not null, then how many of them each conversion (an expression
    of ``v``, the value) turns into something not null.

    Worked out over the column's distinct values, each weighted by its rows: a time column holds
    few (years, months, dates), and ``TRY_STRPTIME`` is slow on text it cannot read. A column of
    10M labels ('2020-Q1') took 9.5 s to check for dates and years row by row, and 71 s more for
    the other ways of writing dates."""
    col = quote_ident(column)
    row = con.execute("SELECT sum(n), " + ", ".join(f"sum(n) FILTER (WHERE ({c}) IS NOT NULL)" for c in conversions)
                      + f" FROM (SELECT {col} AS v, count(*) AS n FROM {quote_ident(table)} WHERE {col} IS NOT NULL"
                      f" GROUP BY 1)").fetchall()[0]
    return [int(x or 0) for x in row]


def first_rows(con: "duckdb.DuckDBPyConnection", src: "Source", column: str, condition: str,
               limit: int) -> list[tuple[str, str]]:
    """('line 7', value) of the first rows of the table as read meeting ``condition``."""
    offset = line_offset(src) + 1
    rows = con.execute(f"SELECT rowid, CAST({quote_ident(column)} AS VARCHAR) FROM {_numbered(con, src)} "
                       f"WHERE {condition} ORDER BY rowid LIMIT {int(limit)}").fetchall()
    return [(place(src, int(r) + offset), str(v)) for r, v in rows]


def _numbered(con: "duckdb.DuckDBPyConnection", src: "Source") -> str:
    """The table as read, with ``rowid`` its rows' places in the file from 0: a view (over the file, or
    beside kept window columns) has no rowid, so its rows are numbered in order."""
    table = quote_ident(src.name)
    views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    if src.in_place or src.name in views:
        table = f"(SELECT row_number() OVER () - 1 AS rowid, * FROM {table})"
    return table


def _written_numbers(con: "duckdb.DuckDBPyConnection", table: str, col: str) -> bool:
    """Are the column's values numbers written with signs a file of numbers should not hold ('22,100',
    '$12,500.00', '61.0%'), nine in ten of up to 50 of its values that hold a digit (a word meaning
    'unknown', 'N/A', is no number either way)? Then a count of rows holding one of them is no
    answer: the file must write them as numbers (:func:`number_hint` says how)."""
    values = [str(v) for (v,) in con.execute(f"SELECT DISTINCT {col} FROM {quote_ident(table)} "
                                             f"WHERE regexp_matches({col}, '[0-9]') LIMIT 50").fetchall()]
    written = [v for v in values if written_number(v)]
    return bool(values) and len(written) * 10 >= len(values) * 9


def _twin_hint(con: "duckdb.DuckDBPyConnection", table: str, column: str, text: str) -> str | None:
    """When a column of percentages written as text ('45.2%') has a twin of numbers holding the same
    figures in every row (a rate in 0-100 beside it, as agencies publish both), the hint to measure the
    twin with ``unit: percent``; None otherwise (or when the text is no percentage)."""
    if not text.strip().endswith("%"):
        return None
    col = quote_ident(column)
    read = f"TRY_CAST(rtrim(trim({col}), '% ') AS DOUBLE)"
    numbers = [c for (c, t) in con.execute(f"SELECT column_name, column_type FROM (DESCRIBE {quote_ident(table)})")
               .fetchall() if c != column and (str(t) in ("DOUBLE", "FLOAT", "BIGINT", "INTEGER", "HUGEINT")
                                          or str(t).startswith("DECIMAL"))][:TWINS_COMPARED]
    if not numbers:
        return None
    parts = [f"count(*) FILTER (WHERE {read} IS NOT NULL)"]
    parts += [f"count(*) FILTER (WHERE {read} IS NOT NULL AND abs({read} - {quote_ident(c)}) < 1e-9)" for c in numbers]
    row = con.execute(f"SELECT {', '.join(parts)} FROM {quote_ident(table)}").fetchall()[0]
    twin = next((c for c, same in zip(numbers, row[1:], strict=True) if row[0] and same == row[0]), None)
    if twin is None:
        return None
    return (f"column '{twin}' holds the same figures as numbers ({text.strip().rstrip('%').strip()} for {text.strip()!r}): "
            f"measure {twin} instead, with unit: percent in the measure (then expect: 45% means 45 in the column)")


TWINS_COMPARED = 20
"""The columns of numbers a column of percentages written as text is compared with, at most."""


def _line(src: "Source", where: str) -> int | None:
    return int(where.split()[1]) if where.startswith("line ") else None


def _shown_format(fmt: str) -> str:
    return fmt.replace("%Y", "YYYY").replace("%y", "YY").replace("%m", "MM").replace("%d", "DD")


def _type_of(con: "duckdb.DuckDBPyConnection", table: str, column: str) -> str | None:
    """The column's type; None when the table was not read into ``con`` (another engine's diagnosis
    reads only the tables it looks in)."""
    if not con.execute("SELECT 1 FROM duckdb_columns() WHERE table_name = ? LIMIT 1", [table]).fetchall():
        return None
    rows = con.execute(f"SELECT column_type FROM (DESCRIBE {quote_ident(table)}) WHERE column_name = ?",
                       [column]).fetchall()
    return str(rows[0][0]) if rows else None


def _claim_columns(catalog: "Catalog", plan: "ClaimPlan") -> Iterator[tuple[str, str, str | None]]:
    """(table, column, how it is used as a number) for every file column the claim reads.

    The use is 'measure' (summed, averaged …), 'compare' (compared with a number, or in
    arithmetic) or None; derives are opened up to the file columns they read.
    """
    found: dict[tuple[str, str], str | None] = {}
    for table, tree, measured in expressions(plan.node):
        numeric = _numeric_names(tree)
        for name in names(tree):
            use = "measure" if measured else "compare" if name in numeric else None
            for key in _columns_of(catalog, table, name, set()):
                found[key] = found.get(key) or use
    for (table, column), use in found.items():
        yield table, column, use


def _numeric_names(tree: Expr) -> set[Name]:
    """Names an expression uses as numbers: in arithmetic, or compared with a number."""
    def number(e: Expr) -> bool:
        return isinstance(e, Literal) and isinstance(e.value, (int, float)) and not isinstance(e.value, bool)

    out: set[Name] = set()
    for node in walk(tree):
        operands: tuple[Expr, ...] = ()
        if isinstance(node, Binary) and node.op in ("+", "-", "*", "/"):
            operands = (node.left, node.right)
        elif isinstance(node, Compare) and (number(node.left) or number(node.right)):
            operands = (node.left, node.right)
        elif isinstance(node, Between) and (number(node.low) or number(node.high)):
            operands = (node.operand,)
        elif isinstance(node, InList) and any(number(v) for v in node.values):
            operands = (node.operand,)
        elif isinstance(node, Unary) and node.op == "-":
            operands = (node.operand,)
        elif isinstance(node, Call) and node.function in ("abs", "round", "pow"):
            operands = node.args
        out.update(n for n in map(_passed_on, operands) if n is not None)
    return out


def _passed_on(operand: Expr) -> Name | None:
    """The column whose values an operand is: itself, or the one ``lag``/``lead``/``coalesce``/
    ``nullif`` hand on (``lag(age) * 2`` uses ``age`` as a number)."""
    while isinstance(operand, Call) and operand.function in ("lag", "lead", "coalesce", "nullif"):
        operand = operand.args[0]
    return operand if isinstance(operand, Name) else None


def _columns_of(catalog: "Catalog", table: str, name: Name, opened: set[str]) -> Iterator[tuple[str, str]]:
    if name.link is not None:
        link = catalog.links.get(table, {}).get(name.link)
        if link is None:
            return
        table = link.target
    derive = catalog.derives.get(table, {}).get(name.column)
    if derive is not None:
        if name.column not in opened:
            opened.add(name.column)
            for inner in names(derive):
                yield from _columns_of(catalog, table, Name(inner.column), opened)
        return
    if name.column in catalog.sources[table].columns:
        yield table, name.column


def expressions(root: "PlanNode | None") -> Iterator[tuple[str, Expr, bool]]:
    """(table, expression, used as a number) of every expression in a plan tree.

    Every node's filters and the expressions it holds (a column, a condition, an order, an
    ``over`` column) are read from its fields, so a new measure kind is covered as it is.
    """
    from ..measures._simple import Simple
    from ..planning.nodes import walk as walk_plan
    for node in walk_plan(root):
        for scan in node.scans():
            if scan.where_expr is not None:
                yield scan.table, scan.where_expr, False
            for f in fields(node):
                value = getattr(node, f.name)
                if isinstance(value, _EXPRESSIONS) and value is not scan.where_expr:
                    measured = isinstance(node, Simple) and f.name == "expr" and node.kind in _NUMERIC_KINDS
                    yield scan.table, value, measured
