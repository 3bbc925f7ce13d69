"""Each construct of the expression language: the tree it parses to, and what DuckDB
computes from its SQL on a small table (nulls, dates, backtick names, links, lag)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import duckdb
import pytest

from factcheck.expressions import (
    FUNCTIONS,
    Between,
    Binary,
    Call,
    Case,
    Compare,
    ExpressionError,
    InList,
    IsNull,
    Literal,
    Name,
    Unary,
    UnknownName,
    calls,
    check_types,
    names,
    parse,
    quote_ident,
    quote_literal,
    render,
    suggest,
    to_sql,
    value_type,
)

ROWS = """
    (1, 'Facebook',  DATE '2020-03-15', TRUE,  10,   2.45,  1.5, 1),
    (2, 'Instagram', DATE '2019-12-31', FALSE, 20,   NULL,  2.0, 2),
    (3, NULL,        NULL,              NULL,  NULL, 3.10,  NULL, 1),
    (4, 'it''s',     DATE '2021-07-04', TRUE,  0,    -1.00, 3.5, 3)
"""
COLUMNS = ["id", "platform", "d", "active", "n", "amount", "sepal width", "case_id"]
CASE_COLUMNS = ["case_id", "case_type", "active_2020"]


@pytest.fixture(scope="module")
def db() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    cols = ", ".join(quote_ident(c) for c in COLUMNS)
    con.execute(f"CREATE TABLE t AS SELECT * FROM (VALUES {ROWS}) AS v({cols})")
    con.execute(
        "CREATE TABLE cases AS SELECT * FROM (VALUES (1, 'sex_trafficking', TRUE), "
        "(2, 'labor', FALSE)) AS v(case_id, case_type, active_2020)"
    )
    return con


def resolve(name: Name) -> str:
    """The test resolver: plain names are columns of t, `case.x` goes through the lookup."""
    if name.link is None:
        if name.column not in COLUMNS:
            raise UnknownName(name, suggest(name.column, COLUMNS))
        return f"{quote_ident('t')}.{quote_ident(name.column)}"
    if name.link != "case":
        raise UnknownName(name, suggest(name.link, ["case"]), f"unknown link '{name.link}'")
    if name.column not in CASE_COLUMNS:
        raise UnknownName(name, suggest(name.column, CASE_COLUMNS))
    return f"{quote_ident('case')}.{quote_ident(name.column)}"


def evaluate(con: duckdb.DuckDBPyConnection, text: str) -> list[object]:
    """The value of the expression on each row of t, in id order."""
    sql = to_sql(parse(text), resolve, row_order='"t"."id"', text=text)
    query = (
        f"SELECT {sql} AS v FROM t LEFT JOIN cases AS \"case\" "
        f"ON \"t\".\"case_id\" = \"case\".\"case_id\" ORDER BY \"t\".\"id\""
    )
    return [row[0] for row in con.execute(query).fetchall()]


N = None
# text, the values on rows 1..4 (None is SQL NULL: unknown)
EVALUATIONS: list[tuple[str, list[object]]] = [
    ("platform == 'Facebook'", [True, False, N, False]),
    ("platform != 'Facebook'", [False, True, N, True]),
    ("PLATFORM == 'Facebook'".replace("PLATFORM", "platform"), [True, False, N, False]),
    ("platform == 'it''s'", [False, False, N, True]),
    ("n < 10", [False, False, N, True]),
    ("n <= 10", [True, False, N, True]),
    ("n > 10", [False, True, N, False]),
    ("n >= 10", [True, True, N, False]),
    ("active", [True, False, N, True]),
    ("not active", [False, True, N, False]),
    ("active and n > 5", [True, False, N, False]),
    ("active or n > 5", [True, True, N, True]),
    ("active AND NOT n > 5", [False, False, N, True]),
    ("n > 5 or n is null", [True, True, True, False]),
    ("n > 5 and n is null", [False, False, N, False]),
    ("platform in ['Facebook', 'Instagram']", [True, True, N, False]),
    ("platform not in ['Facebook', 'Instagram']", [False, False, N, True]),
    ("n in [0, 20]", [False, True, N, True]),
    ("amount in [-1, 2.45]", [True, N, False, True]),
    ("n between 5 and 20", [True, True, N, False]),
    ("n not between 5 and 20", [False, False, N, True]),
    ("platform is null", [False, False, True, False]),
    ("platform is not null", [True, True, False, True]),
    ("n + 1", [11, 21, N, 1]),
    ("n - 1", [9, 19, N, -1]),
    ("n * 2", [20, 40, N, 0]),
    ("n / 4", [2.5, 5.0, N, 0.0]),
    ("n / 3 > 3", [True, True, N, False]),
    ("10 / n", [1.0, 0.5, N, N]),  # division by zero is unknown, not infinity
    ("-n", [-10, -20, N, 0]),
    ("- n + 1", [-9, -19, N, 1]),
    ("2 + 3 * n", [32, 62, N, 2]),
    ("(2 + 3) * n", [50, 100, N, 0]),
    ("n - 2 - 3", [5, 15, N, -5]),
    ("n - (2 - 3)", [11, 21, N, 1]),
    ("amount * 2", [Decimal("4.90"), N, Decimal("6.20"), Decimal("-2.00")]),
    ("amount == 2.45", [True, N, False, False]),
    ("true", [True] * 4),
    ("false", [False] * 4),
    ("null", [N] * 4),
    ("d <= '2020-12-31'", [True, True, N, False]),
    ("d between '2020-01-01' and '2020-12-31'", [True, False, N, False]),
    ("d == '2019-12-31'", [False, True, N, False]),
    ("year(d)", [2020, 2019, N, 2021]),
    ("year(d) == 2020", [True, False, N, False]),
    ("quarter(d)", [1, 4, N, 3]),
    ("month(d)", [3, 12, N, 7]),
    ("day(d)", [15, 31, N, 4]),
    ("month_name(d)", ["March", "December", N, "July"]),
    ("MONTH_NAME(d) == 'March'", [True, False, N, False]),
    ("year('2020-05-01')", [2020] * 4),
    ("abs(amount)", [Decimal("2.45"), N, Decimal("3.10"), Decimal("1.00")]),
    ("round(amount)", [Decimal(2), N, Decimal(3), Decimal(-1)]),
    ("round(amount, 1)", [Decimal("2.5"), N, Decimal("3.1"), Decimal("-1.0")]),
    ("pow(n, 2)", [100.0, 400.0, N, 0.0]),
    ("`sepal width` > 2", [False, False, N, True]),
    ("`sepal width` * 2", [Decimal("3.0"), Decimal("4.0"), N, Decimal("7.0")]),
    ("case.active_2020", [True, False, True, N]),
    ("case.case_type == 'sex_trafficking' and active", [True, False, N, N]),
    ("case.`case_type`", ["sex_trafficking", "labor", "sex_trafficking", N]),
    ("lag(n)", [N, 10, 20, N]),
    ("n - lag(n)", [N, 10, N, N]),
    ("lead(n)", [20, N, 0, N]),
    ("lag(n, amount)", [0, N, 10, N]),  # ordered by amount (nulls last), then the row order
    ("lead(platform, d)", ["it's", "Facebook", N, N]),
    ("lag(n, id, case_id)", [N, N, 10, N]),  # within each case_id (1: rows 1 and 3), by id
    ("lag(n, d, case_id)", [N, N, 10, N]),  # row 3's d is null: last in its series
    ("lead(n, id, active)", [0, N, N, N]),  # rows whose series column is null are a series of their own
    ("lag(platform, id, case_id, active)", [N, N, N, N]),  # (1, true), (2, false), (1, null), (3, true)
    ("lower(platform)", ["facebook", "instagram", N, "it's"]),
    ("upper(platform)", ["FACEBOOK", "INSTAGRAM", N, "IT'S"]),
    ("trim('  a b  ')", ["a b"] * 4),
    ("length(platform)", [8, 9, N, 4]),
    ("length('')", [0] * 4),
    ("starts_with(platform, 'Face')", [True, False, N, False]),
    ("starts_with(platform, 'face')", [False, False, N, False]),  # case matters
    ("ends_with(platform, 'gram')", [False, True, N, False]),
    ("contains(platform, 'a')", [True, True, N, False]),
    ("like(platform, 'F%')", [True, False, N, False]),
    ("like(platform, 'f%')", [False, False, N, False]),
    ("ilike(platform, 'f%')", [True, False, N, False]),
    ("ilike(platform, '_NSTAGRA_')", [False, True, N, False]),
    ("like('50%', '50\\%')", [True] * 4),  # a backslash escapes % and _
    ("like('500', '50\\%')", [False] * 4),
    ("word('  Toyota   Corona Mark ', 1)", ["Toyota"] * 4),
    ("word('Toyota Corona Mark', 3)", ["Mark"] * 4),
    ("word('Toyota Corona Mark', -1)", ["Mark"] * 4),
    ("word('Toyota', 2)", [N] * 4),
    ("word('', 1)", [N] * 4),
    ("word(platform, 1)", ["Facebook", "Instagram", N, "it's"]),
    ("split_part('a-b--c', '-', 2)", ["b"] * 4),
    ("split_part('a-b--c', '-', 3)", [""] * 4),
    ("split_part('a-b--c', '-', -1)", ["c"] * 4),
    ("split_part('a-b', '-', 5)", [""] * 4),
    ("coalesce(platform, 'none')", ["Facebook", "Instagram", "none", "it's"]),
    ("coalesce(amount, n, 0)", [Decimal("2.45"), Decimal("20"), Decimal("3.10"), Decimal("-1.00")]),
    ("nullif(n, 0)", [10, 20, N, N]),
    ("nullif(platform, 'Facebook') is null", [True, False, True, False]),
    ("case when n > 15 then 'big' when n > 5 then 'mid' else 'small' end", ["mid", "big", "small", "small"]),
    ("case when active then 1 end", [1, N, N, 1]),
    ("CASE WHEN platform IS NULL THEN 0 ELSE n END", [10, 20, 0, 0]),
]


@pytest.mark.parametrize(("text", "expected"), EVALUATIONS, ids=[t for t, _ in EVALUATIONS])
def test_evaluates_in_duckdb(db: duckdb.DuckDBPyConnection, text: str, expected: list[object]) -> None:
    assert evaluate(db, text) == expected


def lit(value: object) -> Literal:
    return Literal(value)  # type: ignore[arg-type]


TREES: list[tuple[str, object]] = [
    ("a == 1", Compare("==", Name("a"), lit(1))),
    ("a != 'x'", Compare("!=", Name("a"), lit("x"))),
    ("a <= 2.50", Compare("<=", Name("a"), lit(Decimal("2.50")))),
    ("a > -3", Compare(">", Name("a"), lit(-3))),
    ("a or b and c", Binary("or", Name("a"), Binary("and", Name("b"), Name("c")))),
    ("(a or b) and c", Binary("and", Binary("or", Name("a"), Name("b")), Name("c"))),
    ("not a and b", Binary("and", Unary("not", Name("a")), Name("b"))),
    ("not a == 1", Unary("not", Compare("==", Name("a"), lit(1)))),
    ("a + b * c", Binary("+", Name("a"), Binary("*", Name("b"), Name("c")))),
    ("a - b - c", Binary("-", Binary("-", Name("a"), Name("b")), Name("c"))),
    ("-a * b", Binary("*", Unary("-", Name("a")), Name("b"))),
    ("-(2)", Unary("-", lit(2))),
    ("a in ['x', 2, true]", InList(Name("a"), (lit("x"), lit(2), lit(True)))),
    ("a not in [-1.5]", InList(Name("a"), (lit(Decimal("-1.5")),), negated=True)),
    ("a between 1 and b + 1", Between(Name("a"), lit(1), Binary("+", Name("b"), lit(1)))),
    ("a not between 1 and 2", Between(Name("a"), lit(1), lit(2), negated=True)),
    ("a is null", IsNull(Name("a"))),
    ("a Is Not NULL", IsNull(Name("a"), negated=True)),
    ("TRUE or False", Binary("or", lit(True), lit(False))),
    ("`sepal width`", Name("sepal width")),
    ("`a``b`", Name("a`b")),
    ("`end`", Name("end")),
    ("case.active_2020", Name("active_2020", "case")),
    ("case.end", Name("end", "case")),
    ("`my link`.`my col`", Name("my col", "my link")),
    ("Year(d)", Call("year", (Name("d"),))),
    ("year", Name("year")),
    ("round(x, 2)", Call("round", (Name("x"), lit(2)))),
    ("lag(case.x)", Call("lag", (Name("x", "case"),))),
    (
        "case when a then 1 when b then 2 else 3 end",
        Case(((Name("a"), lit(1)), (Name("b"), lit(2))), lit(3)),
    ),
    ("case when a then 'x' end", Case(((Name("a"), lit("x")),))),
    ("'2020-12-31'", lit("2020-12-31")),
    ("''", lit("")),
    ("  a\n  == 1\t", Compare("==", Name("a"), lit(1))),
]


@pytest.mark.parametrize(("text", "tree"), TREES, ids=[t for t, _ in TREES])
def test_parses_to_tree(text: str, tree: object) -> None:
    parsed = parse(text)
    assert parsed == tree
    assert parse(render(parsed)) == parsed


def test_literal_types_are_kept() -> None:
    assert type(parse("1").value) is int  # type: ignore[union-attr]
    assert parse("2.45") == Literal(Decimal("2.45"))
    assert type(parse("true").value) is bool  # type: ignore[union-attr]


def test_positions_point_at_tokens() -> None:
    expr = parse("alpha == 'x' and case.b in [1]")
    assert isinstance(expr, Binary) and expr.position == 13
    assert isinstance(expr.left, Compare) and expr.left.position == 6
    assert [n.position for n in names(expr)] == [0, 17]


def test_names_and_calls_in_order() -> None:
    expr = parse("year(d) == 2020 and case.x > abs(y - lag(z)) or `w w`")
    assert [(n.link, n.column) for n in names(expr)] == [
        (None, "d"), ("case", "x"), (None, "y"), (None, "z"), (None, "w w"),
    ]
    assert [c.function for c in calls(expr)] == ["year", "abs", "lag"]


def test_render_is_canonical() -> None:
    assert render(parse("A  AND  (b)OR NOT(c==1)")) == "A and b or not c == 1"
    assert render(parse("a - (b - c)")) == "a - (b - c)"
    assert render(parse("(a == 1) == true")) == "(a == 1) == true"
    assert render(parse("-(-a)")) == "-(-a)"
    assert render(parse("`and`.`x y`")) == "and.`x y`"


def test_sql_shapes() -> None:
    def plain(name: Name) -> str:
        return quote_ident(name.column)

    assert to_sql(parse("a == 1 and b != 'x'"), plain) == '(("a" = 1) AND ("b" <> \'x\'))'
    assert to_sql(parse("a / b"), plain) == '(CAST("a" AS DOUBLE) / NULLIF("b", 0))'
    assert to_sql(parse("month_name(d)"), plain) == 'monthname("d")'
    assert to_sql(parse("lag(a)"), plain, row_order='"rowid"') == 'lag("a") OVER (ORDER BY "rowid")'
    assert to_sql(parse("a - -1"), plain) == '("a" - (-1))'


def test_text_function_sql() -> None:
    def plain(name: Name) -> str:
        return quote_ident(name.column)

    assert to_sql(parse("ilike(name, 'to%')"), plain) == '("name" ILIKE \'to%\' ESCAPE \'\\\')'
    assert to_sql(parse("word(name, 1)"), plain) == 'list_extract(regexp_extract_all("name", \'\\S+\'), 1)'
    assert to_sql(parse("lead(a, year)"), plain, row_order='"r"') == 'lead("a") OVER (ORDER BY "year" NULLS LAST, "r")'


def test_lag_over_series_partitions_by_the_columns_after_the_order() -> None:
    def plain(name: Name) -> str:
        return quote_ident(name.column)

    assert to_sql(parse("lag(reading, date, station)"), plain, row_order='"r"') == (
        'lag("reading") OVER (PARTITION BY "station" ORDER BY "date" NULLS LAST, "r")')
    assert to_sql(parse("LEAD(x, d, `a b`, c)"), plain, row_order='"r"') == (
        'lead("x") OVER (PARTITION BY "a b", "c" ORDER BY "d" NULLS LAST, "r")')
    assert render(parse("lag( reading ,date,station )")) == "lag(reading, date, station)"


def test_lag_needs_row_order() -> None:
    text = "x - lag(x) > 0"
    with pytest.raises(ExpressionError) as info:
        to_sql(parse(text), lambda n: quote_ident(n.column), text=text)
    assert info.value.message == "lag() needs the table's row order: use it in `derive:`"
    assert info.value.position == 4


@pytest.mark.parametrize(
    ("value", "sql"),
    [
        ("it's", "'it''s'"),
        ("", "''"),
        (12, "12"),
        (-12, "(-12)"),
        (Decimal("2.45"), "2.45"),
        (Decimal("-0.5"), "(-0.5)"),
        (Decimal("1E+2"), "100"),
        (Fraction(59, 100), "0.59"),
        (Fraction(-1, 8), "(-0.125)"),
        (Fraction(1, 3), "(CAST(1 AS DOUBLE) / 3)"),
        (True, "TRUE"),
        (False, "FALSE"),
        (None, "NULL"),
        (dt.date(2020, 12, 31), "DATE '2020-12-31'"),
    ],
)
def test_quote_literal(value: object, sql: str) -> None:
    assert quote_literal(value) == sql  # type: ignore[arg-type]
    duckdb.sql(f"SELECT {sql}").fetchall()  # DuckDB reads it


def test_quote_literal_values_round_trip_in_duckdb() -> None:
    row = duckdb.sql(
        f"SELECT {quote_literal(Decimal('2.45'))}, {quote_literal(Fraction(1, 3))}, {quote_literal(0.1)}"
    ).fetchall()[0]
    assert row == (Decimal("2.45"), 1 / 3, 0.1)


def test_quote_ident() -> None:
    assert quote_ident('we"ird') == '"we""ird"'
    weird = 'a "b" c'
    assert duckdb.sql(f"SELECT 1 AS {quote_ident(weird)}").columns == [weird]


def test_suggest() -> None:
    candidates = ["recruitment_platform", "recruitment_location", "victim_id"]
    assert suggest("recrutment_platform", candidates)[0] == "recruitment_platform"
    assert suggest("VICTIM_ID", candidates) == ["victim_id"]
    assert suggest("zzz", candidates) == []


def test_every_function_is_documented() -> None:
    doc = (Path(__file__).parent.parent / "docs" / "expressions.md").read_text()
    for name, spec in FUNCTIONS.items():
        assert f"`{name}(" in doc, name
        assert f"{spec.sql}(" in doc, spec.sql


@pytest.mark.parametrize(("duckdb_type", "kind"), [
    ("VARCHAR", "text"), ("BIGINT", "number"), ("DECIMAL(18,3)", "number"), ("DOUBLE", "number"),
    ("DATE", "date"), ("TIMESTAMP WITH TIME ZONE", "date"), ("BOOLEAN", "bool"),
    ("INTERVAL", None), ("INTEGER[]", None), ("?", None), ("", None),
])
def test_value_type_of_duckdb_types(duckdb_type: str, kind: str | None) -> None:
    assert value_type(duckdb_type) == kind


COLUMN_TYPES = {"name": "text", "age": "number", "d": "date", "ok": "bool"}


def column_type(name: Name) -> str | None:
    return COLUMN_TYPES.get(name.column)


@pytest.mark.parametrize("text", [
    "lower(name)", "word(trim(name), -1)", "coalesce(d, '2020-12-31')", "year(d)", "abs(age) + length(name)",
    "nullif(age, 0)", "coalesce(nullif(name, ''), 'none')", "starts_with(coalesce(name, ''), 'a')",
    "upper(case when ok then name else 'x' end)", "lower(unknown_column)", "lag(age, d)",
])
def test_well_typed_calls_pass(text: str) -> None:
    check_types(parse(text), text, column_type)  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "message", "position"), [
    ("lower(age)", "lower()'s argument must be text, not a number", 6),
    ("abs(name)", "abs()'s argument must be a number, not text", 4),
    ("year(name)", "must be a date, not text", 5),
    ("contains(ok, 'x')", "must be text, not a condition", 9),
    ("coalesce(name, age)", "of one type: text and a number", 15),
    ("length(upper(age))", "upper()'s argument must be text", 13),
    ("lower(case when ok then age end)", "must be text, not a number", 6),
])
def test_ill_typed_calls_point_at_the_argument(text: str, message: str, position: int) -> None:
    with pytest.raises(ExpressionError) as info:
        check_types(parse(text), text, column_type)  # type: ignore[arg-type]
    assert message in info.value.message
    assert info.value.position == position


def test_a_text_read_twice_is_read_once_and_gives_the_same_tree() -> None:
    """Claims name the same filter again and again (the story: 191 readings of 60 texts); the
    trees are immutable, so the second reading is the first one's tree."""
    first = parse("case.active_2020 and sex_and_age_known")
    assert parse("case.active_2020 and sex_and_age_known") is first
    assert parse("case.active_2020 and not sex_and_age_known") is not first
