"""Codes written with leading zeros (ZIP ``02134``, FIPS ``01001``) in columns read as numbers.

DuckDB guesses a CSV column's type from the rows it samples: a column of ZIP codes whose first rows
have no leading zero is read as whole numbers, and ``02134`` further down becomes 2134, the number
the file also writes ``2134``. Two codes are then one, and whatever tells values apart merges them
in silence. This module finds where that matters, and says so before any claim is judged:

* a ``lookup:`` joins on such a column: rows written ``02134`` and ``2134`` find one row of the
  other table (or a row of text ``02134`` and one of ``2134`` both). A lookup between a column
  read as numbers and one read as text is refused outright (DuckDB turns the text into numbers to
  join, so the join never compares what the files write); between two columns of numbers, when
  either file writes a code with a leading zero;
* a claim groups or counts the column's values (``top``, ``count_distinct``, a column ``over``);
* a ``key:`` of the column is not unique as read but may be as written: looked at only when the
  key check finds repeats, so that a key of numbers costs nothing more;
* a column the data itself stores as numbers (a Parquet file's integers, a DataFrame's, a column
  declared ``integer`` or ``number``) compared with a zero-led text (``zip == '02134'``): the text
  is cast to the number 2134, zero dropped; no file text can tell, so the claim's line is named.

A claim comparing a column read as numbers with text is :func:`factcheck.sources.diagnosis.padded_codes`'
own. Only CSV columns whose type DuckDB guessed are looked at in their file (declared ones are read as
declared), one query per table over the file's text, and only for columns a lookup, a grouping or a
failed key check involves: a run that does none of these on a column of numbers reads nothing more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import Problem
from ..expressions import INTEGER_TYPES, base_type, quote_ident, value_type
from .places import line_offset, place, shown

if TYPE_CHECKING:
    import duckdb

    from .tables import Source

PADDED = "regexp_full_match(trim({v}), '0[0-9]+')"
"""SQL: the text ``{v}`` is a code with leading zeros (``02134``; not ``0`` alone, ``0.5`` or ``-3``)."""
_ZERO_LED = re.compile(r"\s*0[0-9]+\s*")


@dataclass(frozen=True)
class Padded:
    """A column's codes written with leading zeros: how many, and the first (its line, as written)."""

    count: int
    line: int
    text: str


def guessed_numbers(src: Source, column: str) -> bool:
    """Is ``column`` of a CSV read as whole numbers by DuckDB's guess (not a declared type)? Only such
    a column can hold codes whose zeros the reading dropped."""
    spec = src.decl.columns.get(column)
    return (src.frame is None and src.format == "csv" and not (spec is not None and spec.type)
            and base_type(src.columns.get(column)) in INTEGER_TYPES)


def kind(src: Source, column: str) -> str | None:
    """'numbers' or 'text', as the column is read; None for another type (dates) or one not known."""
    typ = value_type(src.columns.get(column))
    return "numbers" if typ == "number" else "text" if typ == "text" else None


def padded_in_file(con: duckdb.DuckDBPyConnection, src: Source, columns: list[str]) -> dict[str, Padded]:
    """The ``columns`` of a CSV whose file writes codes with leading zeros, each with the first: one
    query over the file's text counting them, and one more naming the first only when there are some
    (numbering the lines takes a window over the whole file)."""
    from .contracts import raw_scan
    if not columns:
        return {}
    scan = raw_scan(con, src)
    tests = [PADDED.format(v=quote_ident(c)) for c in columns]
    counts = con.execute("SELECT " + ", ".join(f"count(*) FILTER (WHERE {t})" for t in tests)
                         + f" FROM {scan}").fetchall()[0]
    found = [(c, t, int(n)) for c, t, n in zip(columns, tests, counts, strict=True) if n]
    if not found:
        return {}
    firsts = ", ".join(f"arg_min(trim({quote_ident(c)}), line) FILTER (WHERE {t}), min(line) FILTER (WHERE {t})"
                       for c, t, _ in found)
    cols = ", ".join(quote_ident(c) for c, _, _ in found)
    row = con.execute(f"SELECT {firsts} FROM (SELECT row_number() OVER () + {line_offset(src)} AS line, {cols} "
                      f"FROM {scan})").fetchall()[0]
    return {c: Padded(n, int(row[2 * i + 1]), str(row[2 * i])) for i, (c, _, n) in enumerate(found)}


def padded_problem(src: Source, column: str, padded: Padded, who: str, merged: str, claim: str | None,
                   tables: list[str]) -> Problem:
    """A column read as numbers whose file writes ``padded`` codes, which ``who`` uses so that two codes
    become one ``merged`` (``key``, ``group``); ``tables``: where to declare it text."""
    values = "is a code" if padded.count == 1 else "are codes"
    under = f"table '{tables[0]}'" if len(tables) == 1 else f"tables {' and '.join(repr(t) for t in tables)}"
    return Problem(
        f"table '{src.name}', column '{column}' is read as numbers, but {padded.count:,} of its values {values} "
        f"with leading zeros ({place(src, padded.line)} holds {padded.text!r}), which numbers drop: {who}, so "
        f"{padded.text!r} and {str(int(padded.text))!r} would be one {merged}",
        file=shown(src), line=padded.line if place(src, padded.line).startswith("line") else None,
        claim=claim, column=column,
        hint=f"declare the column text, so its codes are read as the file writes them: columns: "
             f"{{{column}: {{type: text}}}} under {under} (DuckDB guessed numbers from the rows before the first "
             "code with a zero)")


def zero_led(texts: list[str]) -> list[str]:
    """The texts that are codes with leading zeros ('02134')."""
    return [t.strip() for t in texts if _ZERO_LED.fullmatch(t)]


def stored_as(src: Source, column: str) -> str | None:
    """How the data itself holds ``column`` as numbers, said for a person ('the Parquet file stores',
    'declared integer'); None when it is not held as numbers by the data or a declaration (a CSV's
    guessed type is :func:`factcheck.sources.diagnosis.padded_codes`' to look at in the file)."""
    if kind(src, column) != "numbers":
        return None
    spec = src.decl.columns.get(column)
    if src.frame is not None:
        return "the DataFrame stores whole numbers" if base_type(src.columns.get(column)) in INTEGER_TYPES \
            else "the DataFrame stores numbers"
    if src.format != "csv":
        return "the Parquet file stores whole numbers" if base_type(src.columns.get(column)) in INTEGER_TYPES \
            else "the Parquet file stores numbers"
    if spec is not None and spec.type:
        return f"it is declared {spec.type} under columns:"
    return None


def stored_numbers_problem(src: Source, column: str, texts: list[str], who: str, file: str, line: int | None,
                           claim: str | None) -> Problem:
    """``who`` compares a column the data holds as numbers with zero-led ``texts``: refused at its line."""
    how = stored_as(src, column)
    text = texts[0]
    number = int(text)
    if src.frame is not None:
        fix = "pass the codes as text (read them with dtype=str)"
    elif src.format != "csv":
        fix = "write the codes as text where the Parquet file is written"
    else:
        fix = f"declare the column text: columns: {{{column}: {{type: text}}}} under table '{src.name}'"
    return Problem(
        f"{who} compares {column} with {text!r}, but column '{column}' of table '{src.name}' holds numbers "
        f"({how}), which have no leading zeros: {text!r} would be compared as the number {number}, its zeros "
        "dropped, and match a code written otherwise",
        file=file, line=line, claim=claim, column=column,
        hint=f"if the values are numbers, compare with the number: {column} == {number}; if they are codes, {fix}")


def kinds_differ_problem(link_name: str, local: Source, local_column: str, remote: Source, remote_column: str,
                         file: str, line: int | None, claim: str | None) -> Problem:
    """A lookup joining a column read as numbers with one read as text: refused at the lookup's line."""
    numbers_side = kind(local, local_column) == "numbers"
    numbers, column = (local, local_column) if numbers_side else (remote, remote_column)
    text, text_column = (remote, remote_column) if numbers_side else (local, local_column)
    if numbers.frame is None and numbers.format == "csv":
        fix = f"declare {column} text: columns: {{{column}: {{type: text}}}} under table '{numbers.name}'"
    else:
        held = f"pass the DataFrame '{numbers.name}' with {column} as text (read it with dtype=str)" \
            if numbers.frame is not None else f"write {column} as text where the Parquet file of table '{numbers.name}' is written"
        fix = (f"{held}; or, if the values are numbers, declare column '{text_column}' of table '{text.name}' "
               f"a number: columns: {{{text_column}: {{type: integer}}}}")
    return Problem(
        f"lookup '{link_name}' joins column '{local_column}' of table '{local.name}' (read as "
        f"{kind(local, local_column)}) with column '{remote_column}' of table '{remote.name}' (read as "
        f"{kind(remote, remote_column)}): the text would be turned into numbers to join (codes such as '02134' "
        "and '2134' both into 2134), so a row could find a row written otherwise, or two, and be counted twice",
        file=file, line=line, claim=claim,
        hint=f"read both columns the same way, so the lookup compares what the files write: {fix}")
