"""Hostile expressions are rejected by the parser or compiled into harmless quoted text:
checked by running the SQL in DuckDB and looking for side effects."""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.expressions import (
    ExpressionError,
    Literal,
    Name,
    parse,
    quote_ident,
    quote_literal,
    to_sql,
)

HOSTILE_NAME = 'a"); DROP TABLE t; --'


def make_db() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(
        f"CREATE TABLE t AS SELECT * FROM (VALUES (1, '''; DROP TABLE t; --', 5), (2, 'x', 6)) "
        f"AS v(id, s, {quote_ident(HOSTILE_NAME)})"
    )
    con.execute("CREATE TABLE canary AS SELECT 42 AS v")
    return con


def resolve(name: Name) -> str:
    prefix = "" if name.link is None else quote_ident(name.link) + "."
    return prefix + quote_ident(name.column)


def run(con: duckdb.DuckDBPyConnection, text: str) -> list[tuple[object, ...]]:
    sql = to_sql(parse(text), resolve, text=text)
    # execute() runs every statement it is given: an injection would drop the tables.
    return con.execute(f"SELECT id FROM t WHERE {sql} ORDER BY id").fetchall()


def assert_untouched(con: duckdb.DuckDBPyConnection) -> None:
    tables = {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert tables == {"t", "canary"}
    assert con.execute("SELECT count(*) FROM t").fetchall() == [(2,)]
    assert con.execute("SELECT v FROM canary").fetchall() == [(42,)]


REJECTED = [
    "'; DROP TABLE t; --",
    "s == 'x'; DROP TABLE t; --",
    "s == 'x' -- and false",
    "s == 'x' /* */",
    '"a"); select 1; --',
    "s == \"x\"); DROP TABLE t; --",
    "read_csv('/etc/passwd') is not null",
    "system('rm -rf /')",
    "__import__('os').system('ls')",
    "query('DROP TABLE t')",
    "s == 'x'; SELECT 1",
    "id == 1 UNION SELECT 1",
    "s IN (SELECT s FROM t)",
    "id == (SELECT 1)",
    "getvariable('x')",
    "t.id.x == 1",
    "s == '\\'; DROP TABLE t; --'",  # the backslash does not escape: the string ends, then ';'
]


@pytest.mark.parametrize("text", REJECTED)
def test_hostile_text_is_rejected(text: str) -> None:
    with pytest.raises(ExpressionError):
        parse(text)


QUOTED = [
    ("s == '''; DROP TABLE t; --'", [(1,)]),
    ("s != '''; DROP TABLE t; --'", [(2,)]),
    ("s in ['x''); DROP TABLE t; --', 'x']", [(2,)]),
    (f"`{HOSTILE_NAME}` == 5", [(1,)]),
    (f"`{HOSTILE_NAME}` > 1 and s == 'x'", [(2,)]),
    ("s == '\\''; DROP TABLE t; --'", []),  # a backslash escapes nothing, here or in SQL
    ("s == '$$; DROP TABLE t; $$'", []),
    ("s == '/* */ -- ;'", []),
]


@pytest.mark.parametrize(("text", "expected"), QUOTED)
def test_hostile_text_inside_quotes_stays_data(text: str, expected: list[tuple[int]]) -> None:
    con = make_db()
    assert run(con, text) == expected
    assert_untouched(con)


def test_hostile_link_and_column_names_are_quoted() -> None:
    con = make_db()
    text = '`x"; DROP TABLE t; --`.`y"` == 1'
    sql = to_sql(parse(text), resolve, text=text)
    with pytest.raises(duckdb.Error):  # refers to a table that does not exist, nothing more
        con.execute(f"SELECT id FROM t WHERE {sql}")
    assert_untouched(con)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",))))
def test_any_string_compiles_to_itself(value: str) -> None:
    con = duckdb.connect()
    assert con.execute(f"SELECT {quote_literal(value)}").fetchall() == [(value,)]
    rendered = to_sql(Literal(value), resolve)
    assert con.execute(f"SELECT {rendered}").fetchall() == [(value,)]


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), min_size=1))
def test_any_name_is_one_identifier(column: str) -> None:
    con = duckdb.connect()
    con.execute(f"CREATE TABLE w AS SELECT 7 AS {quote_ident(column)}")
    sql = to_sql(Name(column), resolve)
    assert con.execute(f"SELECT {sql} FROM w").fetchall() == [(7,)]
