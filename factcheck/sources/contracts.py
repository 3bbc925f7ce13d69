"""Data contracts: what a table's columns must look like, checked before anything is judged.

A table in the claims file may declare, under ``columns:``, for each column its
``type``, the ``allowed`` values, whether it may be empty (``nullable``) and
whether its values must be ``unique``. A refreshed data file that drops a
column, renames a category ("Facebook" becomes "facebook") or changes its date
format would otherwise change figures silently, or fail with one cryptic
conversion error; here it stops the run with *every* violation, located:

* a declared column missing from the file (with the closest name in its header);
* values that do not read as the declared type (with the date format they seem
  to use, when they are dates);
* empty values in a column declared ``nullable: false``;
* values outside ``allowed`` (with the allowed value each one is close to);
* repeated values in a column declared ``unique: true``;
* values that are no whole number of at least zero in a column declared ``counts:``
  (its rows are already counts: a negative or a fraction of an inmate is no count).

Each violation is one :class:`~factcheck.errors.Problem` per column and rule,
naming the file, the first line it occurs on, the count, and up to
:data:`SAMPLES` example lines. Line numbers are lines of the file (header and
``skip``ped lines counted; a record spanning several lines inside quotes shifts
later numbers). Parquet files and DataFrames have no lines: their problems give
the row number instead.

Each data file is still read once per run: a missing column is seen in the
header (:func:`missing_columns`); the declared types are given to the one typed
read, and ``nullable``/``allowed``/``unique`` are counted on the table as read
(:func:`holds`). Only when something is wrong is the table scanned again, as
text, for the declared columns (:func:`check_source`), to show every bad value
with its line. Data files are only ever read.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..claims import COLUMN_TYPES, ColumnSpec, Scalar
from ..claims.model import value_kind
from ..errors import Problem
from ..expressions import quote_ident, quote_literal
from ..suggestions import suggest
from .places import is_text_scan, line_offset, place, shown
from .tables import Source, csv_options_sql, data_error

if TYPE_CHECKING:  # pragma: no cover
    import duckdb


SAMPLES = 5          # example rows shown per column and rule
_LINE = "__fc_line"  # the row-number column of the contract scan

_DATE_SHAPES = [
    (re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$"), "MM/DD/YYYY or DD/MM/YYYY"),
    (re.compile(r"^\d{1,2}/\d{1,2}/\d{2}$"), "MM/DD/YY"),
    (re.compile(r"^\d{1,2}-\d{1,2}-\d{4}$"), "DD-MM-YYYY or MM-DD-YYYY"),
    (re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}$"), "DD.MM.YYYY"),
    (re.compile(r"^\d{4}/\d{1,2}/\d{1,2}$"), "YYYY/MM/DD"),
    (re.compile(r"^\d{8}$"), "YYYYMMDD"),
    (re.compile(r"^\d{4}-\d{1,2}$"), "YYYY-MM (no day)"),
    (re.compile(r"^\d{4}$"), "a bare year"),
    (re.compile(r"^[A-Za-z]{3,9}\.? \d{1,2},? \d{4}$"), "Month D, YYYY"),
    (re.compile(r"^\d{1,2} [A-Za-z]{3,9}\.? \d{4}$"), "D Month YYYY"),
]
_NUMERIC = {"BIGINT", "DOUBLE", "DECIMAL(38,10)"}


def missing_columns(src: Source) -> list[Problem]:
    """Declared columns the file's header lacks (dropped or renamed), from the header alone."""
    if src.missing or not src.decl.columns or not src.columns:
        return []
    header = list(src.columns)
    return [_missing_column(src, shown(src), column, header)
            for column in src.decl.columns if column not in src.columns]


def ruled_columns(src: Source) -> list[str]:
    """Declared columns with a rule to count on the table as read (not just a type)."""
    return [c for c, spec in src.decl.columns.items()
            if c in src.columns and (not spec.nullable or spec.allowed is not None or spec.unique
                                     or spec.counts is not None)]


def no_count(col: str) -> str:
    """The SQL condition of a value in a column declared ``counts:`` that is no count: not a number,
    below zero, or not whole (a blank is unknown, not wrong)."""
    number = f"TRY_CAST({col} AS DOUBLE)"
    return f"({col} IS NOT NULL AND ({number} IS NULL OR {number} < 0 OR {number} <> trunc({number})))"


def read_types(con: "duckdb.DuckDBPyConnection", src: Source) -> dict[str, str]:
    """The DuckDB type of each column of the table as read."""
    return {r[0]: r[1] for r in con.execute(f"DESCRIBE {quote_ident(src.name)}").fetchall()}


def allowed_mismatches(con: "duckdb.DuckDBPyConnection", src: Source) -> list[tuple[str, str, str]]:
    """``allowed:`` lists whose values cannot be compared with the column as read: (column, message, hint).

    Only columns without a declared type can get here: a declared type is checked
    against its ``allowed`` values when the claims file is loaded.
    """
    columns = [c for c in ruled_columns(src) if src.decl.columns[c].allowed is not None]
    if not columns:
        return []
    types, out = read_types(con, src), []
    for column in columns:
        values = src.decl.columns[column].allowed or []
        if column in types and allowed_sql(values, types[column]) is None:
            kind = value_kind(values[0])
            out.append((column, f"allowed lists {kind} values, but column '{column}' of table '{src.name}' "
                                f"holds {_kind_of_type(types[column])} values ({types[column]})",
                        f"list values of the column's kind, or declare its type under columns: "
                        f"(e.g. {column}: {{type: text}})"))
    return out


def allowed_sql(values: list[Scalar], sql_type: str) -> str | None:
    """The allowed values as SQL literals of the compared column's type; None when they cannot be."""
    kind = _kind_of_type(sql_type)
    kinds = {value_kind(v) for v in values}
    if kind == "text":
        return ", ".join(quote_literal(_as_text(v)) for v in values)
    if kind == "number" and kinds == {"number"}:
        return ", ".join(repr(int(v)) if isinstance(v, int) else repr(float(v)) for v in values)
    if kind == "boolean" and kinds == {"boolean"}:
        return ", ".join("TRUE" if v else "FALSE" for v in values)
    if kind in ("date", "timestamp") and kinds == {"text"}:
        import datetime as dt
        parse = dt.date.fromisoformat if kind == "date" else dt.datetime.fromisoformat
        try:
            for v in values:
                parse(str(v))
        except ValueError:
            return None
        return ", ".join(f"CAST({quote_literal(str(v))} AS {sql_type})" for v in values)
    return None


def _kind_of_type(sql_type: str) -> str:
    t = sql_type.upper()
    if t in ("VARCHAR", "TEXT", "STRING"):
        return "text"
    if t == "BOOLEAN":
        return "boolean"
    if t == "DATE":
        return "date"
    if t.startswith("TIMESTAMP"):
        return "timestamp"
    if t.startswith("DECIMAL") or t in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT",
                                        "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE"):
        return "number"
    return t.lower()


def _as_text(value: Scalar) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _allowed(spec: ColumnSpec) -> list[Any]:
    """The allowed values, and the value a blank stands for (``blank:``), which is filled in when read."""
    return [*(spec.allowed or []), *([spec.blank] if spec.blank is not None else [])]


def holds(con: "duckdb.DuckDBPyConnection", src: Source) -> bool:
    """Do the rules hold on the table as read? One aggregate query; details only on failure."""
    tests = []
    types = read_types(con, src) if any(src.decl.columns[c].allowed is not None for c in ruled_columns(src)) else {}
    for column in ruled_columns(src):
        spec, col = src.decl.columns[column], quote_ident(column)
        if not spec.nullable:
            tests.append(f"count(*) - count({col})")
        values = allowed_sql(_allowed(spec), types[column]) if spec.allowed is not None else None
        if values is not None:
            tests.append(f"count(*) FILTER (WHERE {col} IS NOT NULL AND {col} NOT IN ({values}))")
        if spec.unique:
            tests.append(f"count({col}) - count(DISTINCT {col})")
        if spec.counts is not None:
            tests.append(f"count(*) FILTER (WHERE {no_count(col)})")
    if not tests:
        return True
    row = con.execute(f"SELECT {', '.join(tests)} FROM {quote_ident(src.name)}").fetchall()[0]
    return not any(row)


def check_source(con: "duckdb.DuckDBPyConnection", src: Source) -> list[Problem]:
    """Every contract violation in one table, as located problems (empty when it holds)."""
    named = shown(src)
    scan = raw_scan(con, src)
    try:
        raw_types = {r[0]: r[1] for r in con.execute(f"DESCRIBE SELECT * FROM {scan}").fetchall()}
    except Exception as exc:  # an unreadable file is reported as the reader would
        raise data_error(src, exc) from None
    header = list(raw_types)
    problems: list[Problem] = []
    present: dict[str, ColumnSpec] = {}
    for column, spec in src.decl.columns.items():
        if column in header:
            present[column] = spec
        else:
            problems.append(_missing_column(src, named, column, header))
    if not present:
        return problems
    offset = line_offset(src)
    temp = quote_ident(f"__contract_{src.name}")
    cols = ", ".join(quote_ident(c) for c in present)
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {temp} AS SELECT row_number() OVER () + {offset} AS {_LINE}, "
                    f"{cols} FROM {scan}")
    except Exception as exc:
        raise data_error(src, exc) from None
    try:
        for column, spec in present.items():
            problems += _check_column(con, temp, src, named, column, spec, raw_types[column])
    finally:
        con.execute(f"DROP TABLE IF EXISTS {temp}")
    return problems


# --------------------------------------------------------------------------- the scan

def raw_scan(con: "duckdb.DuckDBPyConnection", src: Source) -> str:
    """The table read without declared types: CSV as text, so every bad value can be shown."""
    if src.frame is not None:
        name = f"__frame_{src.name}"
        con.register(name, src.frame)
        return quote_ident(name)
    assert src.path is not None
    if src.format != "csv":  # Parquet holds its own types
        return src.reader_sql(str(src.path))
    untyped = src.decl.model_copy(update={"columns": {}})
    return src.reader_sql(str(src.path), options=f"{csv_options_sql(untyped, src.path)}, all_varchar=true")


# --------------------------------------------------------------------------- the rules

def _missing_column(src: Source, shown: str, column: str, header: list[str]) -> Problem:
    close = suggest(column, header, n=1)
    undeclared = [h for h in header if h not in src.decl.columns]
    if not close and len(undeclared) == 1:
        close = undeclared
    if close:
        hint = (f"the file has '{close[0]}': if the column was renamed, rename it back in the data "
                f"or update the claims file (columns: and every expression that uses '{column}')")
    else:
        hint = ("the refreshed file may have dropped it; restore it, or remove it from columns: "
                "if no claim needs it")
    return Problem(
        f"table '{src.name}': column '{column}' is declared under columns: but the file has no such column "
        "(dropped or renamed?)", file=shown, column=column, hint=hint,
        detail="columns in the file: " + ", ".join(header) + (
            f"\nin the file but not declared: {', '.join(undeclared)}" if undeclared else ""))


def _check_column(con: "duckdb.DuckDBPyConnection", temp: str, src: Source, shown: str,
                  column: str, spec: ColumnSpec, raw_type: str) -> list[Problem]:
    col = quote_ident(column)
    raw = f"CAST({col} AS VARCHAR)"
    sql_type = COLUMN_TYPES[spec.type] if spec.type else None
    typed = f"TRY_CAST({col} AS {sql_type})" if sql_type and sql_type != "VARCHAR" else col
    bad_type = "FALSE"
    if typed != col:
        bad_type = f"({col} IS NOT NULL AND {typed} IS NULL)"
        if sql_type == "BIGINT" and is_text_scan(src):  # TRY_CAST would round '1.5' to 2
            bad_type = f"({col} IS NOT NULL AND ({typed} IS NULL OR NOT regexp_full_match(trim({col}), '[+-]?[0-9]+')))"
    rules: list[tuple[str, str]] = []
    if sql_type and sql_type != "VARCHAR":
        rules.append(("type", bad_type))
    if not spec.nullable:
        rules.append(("null", f"{col} IS NULL"))
    values = (allowed_sql(spec.allowed, sql_type if typed != col and sql_type else raw_type)
              if spec.allowed is not None else None)
    if values is not None:  # (values the column cannot hold are reported by allowed_mismatches)
        rules.append(("allowed", f"(NOT {bad_type} AND {col} IS NOT NULL AND {typed} NOT IN ({values}))"))
    if spec.unique:
        rules.append(("unique", f"{typed} IN (SELECT {typed} FROM {temp} WHERE {typed} IS NOT NULL "
                                f"GROUP BY 1 HAVING count(*) > 1)"))
    if spec.counts is not None:
        rules.append(("counts", f"(NOT {bad_type} AND {no_count(typed)})"))
    problems = []
    for rule, condition in rules:
        count = con.execute(f"SELECT count(*) FROM {temp} WHERE {condition}").fetchall()[0][0]
        if not count:
            continue
        order = f"{typed}, {_LINE}" if rule == "unique" else _LINE
        samples = con.execute(f"SELECT {_LINE}, {raw} FROM {temp} WHERE {condition} "
                              f"ORDER BY {order} LIMIT {SAMPLES if rule != 'unique' else SAMPLES * 2}").fetchall()
        total = con.execute(f"SELECT count(*), count({col}) FROM {temp}").fetchall()[0]
        problems.append(_problem(con, temp, src, shown, column, spec, rule, int(count), samples,
                                 total=int(total[0]), non_null=int(total[1]), condition=condition, raw=raw))
    return problems


def _problem(con: "duckdb.DuckDBPyConnection", temp: str, src: Source, shown: str, column: str,
             spec: ColumnSpec, rule: str, count: int, samples: list[tuple[Any, Any]], *,
             total: int, non_null: int, condition: str, raw: str) -> Problem:
    first = int(samples[0][0])
    lines = [f"{place(src, int(n))}: {'(empty)' if v is None else repr(v)}" for n, v in samples]
    if count > len(samples):
        lines.append(f"… and {count - len(samples)} more")
    rows, verb = ("row", "is") if count == 1 else ("rows", "are")
    head = f"table '{src.name}', column '{column}': "
    where: dict[str, Any] = dict(file=shown, line=first if is_text_scan(src) else None, column=column,
                                 detail="\n".join(lines))
    if rule == "type":
        values = [str(v) for _, v in samples]
        return Problem(head + f"{count} {rows} {verb} not a valid {spec.type}" + _type_story(spec, values, count, non_null),
                       hint=_type_hint(spec, values), **where)
    if rule == "null":
        return Problem(head + f"{count} {rows} {verb} empty, but the column is declared nullable: false",
                       hint="fill in the missing values, or declare nullable: true if empty is a real answer",
                       **where)
    if rule == "allowed":
        distinct = con.execute(f"SELECT {raw}, count(*) FROM {temp} WHERE {condition} GROUP BY 1 "
                               f"ORDER BY 2 DESC, 1 LIMIT {SAMPLES}").fetchall()
        return Problem(head + f"{count} {rows} {'holds' if count == 1 else 'hold'} a value not in allowed: "
                       + ", ".join(f"'{v}' ({n})" for v, n in distinct),
                       hint=_allowed_hint(spec, [str(v) for v, _ in distinct]), **where)
    if rule == "counts":
        return Problem(head + f"declared counts: {spec.counts}, but {count} {rows} {'holds' if count == 1 else 'hold'} "
                       f"a value that is no whole number of at least 0", hint=f"a row's {column} is a number of "
                       f"{spec.counts}: fix the values, or remove counts: if the column holds something else "
                       "(an amount, a rate)", **where)
    dupes = con.execute(f"SELECT count(*) FROM (SELECT 1 FROM {temp} WHERE {condition} GROUP BY {raw})").fetchall()[0][0]
    return Problem(head + f"declared unique, but {dupes} value{'s repeat' if dupes != 1 else ' repeats'} "
                   f"({count} {rows})", hint="remove the duplicate rows, or drop unique: if repeats are expected",
                   **where)


def _type_story(spec: ColumnSpec, values: list[str], count: int, non_null: int) -> str:
    if spec.type == "date":
        shape = date_shape(values)
        if shape:
            whole = "every value" if count == non_null else "some values"
            return f": {whole} written like '{values[0]}' ({shape}), not YYYY-MM-DD — the date format changed"
    return ""


def date_shape(values: list[str]) -> str | None:
    """The date format the values share, in words (``'MM/DD/YYYY or DD/MM/YYYY'``), or None."""
    for pattern, words in _DATE_SHAPES:
        if values and all(pattern.match(v.strip()) for v in values):
            return words
    return None


def _type_hint(spec: ColumnSpec, values: list[str]) -> str:
    if spec.type == "date":
        return ("dates must be written YYYY-MM-DD; convert the column in the export (or the refresh script), "
                "or declare it text if it is not a date")
    if spec.type and COLUMN_TYPES[spec.type] in _NUMERIC:
        if any(re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", v.strip()) for v in values):
            return "the numbers carry thousands separators (1,234): export them without"
        if any(v.strip().endswith("%") for v in values):
            return "the numbers carry a % sign: export plain numbers (and say unit: percent in the claim)"
        if spec.type in ("integer", "int", "bigint") and any(re.fullmatch(r"[+-]?\d*\.\d+", v.strip()) for v in values):
            return "the column holds decimals; declare it number if that is right"
    return f"fix the values, or change the column's declared type ({spec.type})"


def _allowed_hint(spec: ColumnSpec, bad: list[str]) -> str:
    allowed = [str(a) for a in spec.allowed or []]
    lowered = {a.lower(): a for a in allowed}
    notes = []
    for value in bad:
        if value.lower() in lowered:
            notes.append(f"'{value}' differs from the allowed '{lowered[value.lower()]}' only in capitals")
        else:
            close = suggest(value, allowed, n=1, cutoff=0.7)
            if close:
                notes.append(f"'{value}' looks like the allowed '{close[0]}'")
    tail = ("a renamed category changes every figure that filters on it: fix the data, "
            "or if the new spelling is meant, update allowed: and the claims that use it")
    if notes:
        return "; ".join(notes) + " — " + tail
    return "allowed: " + ", ".join(allowed) + " — a new category? " + tail
