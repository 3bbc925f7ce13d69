"""Parse and compile errors: the message, the position of the problem and the hint."""

from __future__ import annotations

import pytest

from factcheck.expressions import (
    ExpressionError,
    Name,
    UnknownName,
    parse,
    quote_ident,
    suggest,
    to_sql,
)

# text, the character the caret must point at (its index in text), a word of the message,
# a word of the hint (None: no hint)
ERRORS: list[tuple[str, int, str, str | None]] = [
    ("", 0, "empty", None),
    ("   ", 3, "empty", None),
    ("a ==", 4, "ends too early", None),
    ("a = 1", 2, "'=' is not a comparison", "'=='"),
    ("a <> 1", 2, "'<>'", "'!='"),
    ("a && b", 2, "'&&'", "'and'"),
    ("a || b", 2, "'||'", "'or'"),
    ("!a", 0, "'!'", "'not'"),
    ('platform == "Facebook"', 12, "double quotes", "'Facebook'"),
    ('"sepal width" > 2', 0, "double quotes", "`sepal width`"),
    ("platform == 'Facebook", 12, "unclosed string", "''"),
    ("`sepal width > 2", 0, "unclosed backtick", None),
    ("(a == 1 and (b == 2)", 0, "unclosed '('", "')'"),
    ("year(d == 1", 4, "unclosed '('", "')'"),
    ("a in ['x', 'y'", 5, "unclosed '['", "']'"),
    ("a == 1)", 6, "unexpected ')'", "no '('"),
    ("a == 1 b == 2", 7, "unexpected 'b'", "'and' or 'or'"),
    ("a == 1 'x'", 7, "unexpected", "'=='"),
    ("read_csv('/etc/passwd')", 0, "unknown function 'read_csv'", "year"),
    ("yeer(d)", 0, "unknown function 'yeer'", "did you mean 'year'?"),
    ("system('ls')", 0, "unknown function 'system'", None),
    ("__import__('os')", 0, "unknown function '__import__'", None),
    ("x == round(a, b)", 14, "whole number", "round(share, 2)"),
    ("round(a, 1, 2)", 0, "takes 1 or 2 arguments, not 3", None),
    ("year()", 0, "takes 1 argument, not 0", "year(filed_date)"),
    ("lag(a + 1)", 0, "lag() takes a column name", None),
    ("lead(a, year(d))", 0, "lead() takes a column name", "lead(cases, year)"),
    ("lag(a, b, c, d, e, f, g, h, i, j, k)", 0, "takes 1 to 10 arguments, not 11", "lag(reading, date, station)"),
    ("lag(a, b, b)", 10, "lag() is ordered by b: it cannot also split the series by it", "lag(reading, date, station)"),
    ("lead(a, b, c, `c`)", 14, "lead() names the series column c twice", "once"),
    ("lag(a, b, c + 1)", 0, "lag() takes a column name", None),
    ("lower(3)", 6, "lower()'s argument must be text, not a number", "lower(name)"),
    ("upper(a == 1)", 8, "must be text, not a condition", "upper(name)"),
    ("length(1 + 2)", 9, "must be text, not a number", None),
    ("starts_with(a, 1)", 15, "second argument must be text", "starts_with(name, 'toyota')"),
    ("contains(year(d), '20')", 9, "first argument must be text, not a number", None),
    ("trim(lower(a) == 'x')", 14, "must be text, not a condition", None),
    ("abs('x')", 4, "abs()'s argument must be a number, not text", "abs(change)"),
    ("year(3)", 5, "must be a date, not a number", None),
    ("word(a, 'one')", 8, "second argument is a whole number written out", "word(name, 1)"),
    ("word(a, b)", 8, "whole number", None),
    ("word(a, 1.5)", 8, "whole number", None),
    ("word(a, 0)", 8, "counts from 1", "-1 the last"),
    ("split_part(a, '-', 0)", 19, "counts from 1", None),
    ("split_part(a, 1, 2)", 14, "second argument must be text", None),
    ("split_part(a, '-')", 0, "takes 3 arguments, not 2", "split_part(code, '-', 2)"),
    ("coalesce(a)", 0, "takes 2 to 16 arguments, not 1", "coalesce(platform, 'none')"),
    ("coalesce(a, 'x', 1)", 17, "arguments must be of one type: text and a number", None),
    ("nullif(1, 'a')", 10, "arguments must be of one type", "nullif(platform, '')"),
    ("a like 'T%'", 2, "'like' is a function here", "like(a, 'T%')"),
    ("(a ILIKE 't%')", 3, "'ILIKE' is a function here", "ilike(a, 'T%')"),
    ("like(a)", 0, "takes 2 arguments, not 1", None),
    ("a contains 'x'", 2, "'contains' is a function here", "contains(a, 'x')"),
    ("a starts_with b", 2, "'starts_with' is a function here", "starts_with(a, 'text')"),
    ("lower(a) ENDS_WITH 'x'", 9, "'ENDS_WITH' is a function here", "ends_with(lower(a), 'x')"),
    ("a < b < c", 6, "unexpected '<'", "between"),
    ("a == null", 2, "comparison with null", "'is null'"),
    ("null != a", 5, "comparison with null", "'is not null'"),
    ("a in ('x', 'y')", 5, "unexpected '('", "square brackets"),
    ("a in []", 5, "the list is empty", None),
    ("a in [b]", 6, "a list holds values, not columns", "'b'"),
    ("a in [null]", 6, "null is never found in a list", "'is null'"),
    ("a in ['x' 'y']", 10, "unexpected", "','"),
    ("a between 1 or 2", 12, "unexpected 'or'", "expected 'and'"),
    ("a is 1", 5, "unexpected '1'", "'is null'"),
    ("a not b", 2, "unexpected 'not'", "not in"),
    ("case a then 1 end", 5, "unexpected 'a'", "when"),
    ("case when a 1 end", 12, "unexpected '1'", "then"),
    ("case when a then 1", 0, "unclosed 'case'", "'end'"),
    ("end == 1", 0, "unexpected 'end'", "`end`"),
    ("a == 1 and or b", 11, "unexpected 'or'", "missing before 'or'"),
    ("case when a then 1 else end", 24, "unexpected 'end'", "missing before 'end'"),
    ("a.b.c", 3, "unexpected '.'", "one link"),
    ("a. == 1", 3, "unexpected '=='", "column name"),
    ("1e5", 1, "cannot run into letters", "exponent"),
    ("2020_total > 1", 4, "cannot run into letters", "`2020_total`"),
    ("5. + 1", 1, "decimal point", "5.0"),
    ("a > .5", 4, "digit before", "0.5"),
    ("share > 59%", 10, "'%'", "0.59"),
    ("a == 1; DROP TABLE t", 6, "';'", None),
    ("a == 1 -- comment", 7, "'--'", None),
    ("a /* x */", 2, "'/*'", None),
    ("a # x", 2, "'#'", None),
    ("a == \u2018x\u2019", 5, "curly quotes", "straight"),
    ("caf\u00e9 == 1", 3, "unexpected character", "backticks"),
    ("a == $1", 5, "unexpected character '$'", None),
    ("()", 0, "empty parentheses", None),
    ("[1, 2]", 0, "list only goes after 'in'", None),
    ("a and", 5, "ends too early", None),
    ("`` == 1", 0, "cannot be empty", None),
]


@pytest.mark.parametrize(("text", "position", "message", "hint"), ERRORS, ids=[e[0] for e in ERRORS])
def test_parse_error(text: str, position: int, message: str, hint: str | None) -> None:
    with pytest.raises(ExpressionError) as info:
        parse(text)
    error = info.value
    assert error.text == text
    assert message in error.message
    assert error.position == position, error.render()
    if hint is None:
        pass
    else:
        assert error.hint is not None and hint in error.hint, error.hint


def test_deep_nesting_is_an_expression_error() -> None:
    for text in ["(" * 5000 + "a" + ")" * 5000, "not " * 5000 + "a", "-" * 1 + " -" * 5000 + "a",
                 " + ".join(["a"] * 5000)]:
        with pytest.raises(ExpressionError):
            parse(text)


def test_render_puts_caret_under_problem() -> None:
    with pytest.raises(ExpressionError) as info:
        parse("platform == \"Facebook\"")
    lines = info.value.render().splitlines()
    assert lines[0] == "double quotes are not used in expressions"
    assert lines[1] == '  platform == "Facebook"'
    assert lines[2] == "  " + " " * 12 + "^"
    assert lines[3].startswith("strings need single quotes: 'Facebook'")


def test_render_on_multi_line_text_shows_the_line() -> None:
    text = "a == 1 and\n\tb = 2"
    with pytest.raises(ExpressionError) as info:
        parse(text)
    assert info.value.render().splitlines()[1:3] == ["  \tb = 2", "  \t  ^"]


def test_str_is_one_line() -> None:
    with pytest.raises(ExpressionError) as info:
        parse("a = 1")
    assert str(info.value) == "'=' is not a comparison (use '==' to compare)"
    assert isinstance(info.value, ValueError)


COLUMNS = ["recruitment_platform", "recruitment_location", "case_id"]


def resolver(name: Name) -> str:
    if name.link is not None:
        if name.link != "case":
            raise UnknownName(name, suggest(name.link, ["case"]), f"unknown link '{name.link}'")
        return f'"case".{quote_ident(name.column)}'
    if name.column not in COLUMNS:
        raise UnknownName(name, suggest(name.column, COLUMNS))
    return quote_ident(name.column)


def test_unknown_column_is_an_error_at_the_name_with_suggestions() -> None:
    text = "recruitment_location == 'internet' and recrutment_platform == 'Facebook'"
    with pytest.raises(ExpressionError) as info:
        to_sql(parse(text), resolver, text=text)
    error = info.value
    assert error.message == "unknown column 'recrutment_platform'"
    assert error.position == text.index("recrutment")
    assert error.hint is not None and error.hint.startswith("did you mean 'recruitment_platform'")
    assert error.render().splitlines()[2] == "  " + " " * text.index("recrutment") + "^"


def test_unknown_column_without_suggestion_hints_at_quotes() -> None:
    text = "recruitment_platform == Facebook"
    with pytest.raises(ExpressionError) as info:
        to_sql(parse(text), resolver, text=text)
    assert info.value.hint == "if you meant the text, strings need single quotes: 'Facebook'"


@pytest.mark.parametrize("word", ["None", "none", "NaN", "nil"])
def test_another_languages_missing_value_is_told_is_null(word: str) -> None:
    """``platform == None`` (Python's) was told to quote 'None' as text."""
    text = f"recruitment_platform == {word}"
    with pytest.raises(ExpressionError) as info:
        to_sql(parse(text), resolver, text=text)
    assert info.value.hint == f"a missing value is tested with 'is null' (x is null, x is not null), not with '{word}'"


def test_unknown_link_uses_the_resolver_message() -> None:
    text = "cse.active"
    with pytest.raises(ExpressionError) as info:
        to_sql(parse(text), resolver, text=text)
    assert info.value.message == "unknown link 'cse'"
    assert info.value.hint == "did you mean 'case'?"
    assert info.value.position == 0


def test_error_without_source_text_points_into_rendered_text() -> None:
    expr = parse("case_id   ==  1 AND  recrutment_platform == 'x'")
    with pytest.raises(ExpressionError) as info:
        to_sql(expr, resolver)
    assert info.value.text == "case_id == 1 and recrutment_platform == 'x'"
    assert info.value.position == info.value.text.index("recrutment")


@pytest.mark.parametrize("digits", ["9" * 5000, "9" * 101, "1." + "5" * 5000])
def test_a_number_of_thousands_of_digits_is_an_expression_error(digits: str) -> None:
    """5,000 nines were an internal error (Python's int() refuses past 4,300 digits)."""
    with pytest.raises(ExpressionError) as info:
        parse(f"amount > {digits}")
    assert f"a number written with {len(digits):,} characters (at most 100)" in info.value.message
    assert info.value.position == len("amount > ")


def test_a_number_of_a_hundred_digits_still_reads() -> None:
    assert parse("amount > " + "9" * 100) is not None
