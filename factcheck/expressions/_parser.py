"""A recursive-descent parser from text to the syntax tree in :mod:`._nodes`.

Precedence, loosest first: ``or`` < ``and`` < ``not`` < comparisons (``== != < <= > >=``,
``in``, ``between``, ``is null``) < ``+ -`` < ``* /`` < unary ``-`` < primaries.
Comparisons do not chain. A ``-`` written right before a number makes a negative literal.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import NoReturn, cast

from ..suggestions import did_you_mean, suggest
from ._errors import ExpressionError
from ._lexer import Token, tokenize
from ._nodes import (
    FUNCTIONS,
    KEYWORDS,
    ArithOp,
    Between,
    Binary,
    Call,
    Case,
    Compare,
    CompareOp,
    Expr,
    InList,
    IsNull,
    Literal,
    Name,
    Unary,
    children,
)
from ._render import render
from ._types import check_call_types

_PATTERN_WORDS = ("like", "ilike")
_TEXT_TESTS = ("contains", "starts_with", "ends_with")  # functions people write between their two texts
COMPARE_OPS = ("==", "!=", "<", "<=", ">", ">=")
MAX_DEPTH = 100


MAX_LIST = 1_000
"""Values in one ``in`` list: more than any list people write by hand; checking each as a period and as
a value the column holds costs DuckDB seconds per thousand (100,000 took 40 s)."""


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0
        self.depth = 0

    # -- token helpers -------------------------------------------------------------

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def peek(self, ahead: int = 1) -> Token:
        return self.tokens[min(self.i + ahead, len(self.tokens) - 1)]

    def advance(self) -> Token:
        tok = self.tok
        if tok.kind != "eof":
            self.i += 1
        return tok

    def at_keyword(self, *words: str) -> bool:
        """Whether the current token is one of the keywords (a word not followed by '.')."""
        return self.tok.word() in words and not self.peek().is_op(".")

    def fail(self, message: str, position: int | None = None, hint: str | None = None) -> NoReturn:
        raise ExpressionError(message, self.text, self.tok.position if position is None else position, hint)

    def unexpected(self, hint: str | None = None) -> NoReturn:
        tok = self.tok
        if tok.kind == "eof":
            if not self.text.strip():
                self.fail("the expression is empty")
            before = self.tokens[self.i - 1] if self.i else None
            after = f" after {before.describe()}" if before else ""
            self.fail(f"the expression ends too early{after}", hint=hint or "something is missing at the end")
        if hint is None and tok.word() in KEYWORDS:
            if self.peek().kind == "op" and not self.peek().is_op("(", "[", ")", "]", ","):
                hint = f"'{tok.value}' is a keyword; a column with that name goes in backticks: `{tok.value}`"
            else:
                hint = f"a value or condition is missing before '{tok.value}'"
        self.fail(f"unexpected {tok.describe()}", hint=hint)

    def expect_keyword(self, word: str, hint: str) -> Token:
        if not self.at_keyword(word):
            self.unexpected(f"expected '{word}': {hint}")
        return self.advance()

    def nest(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            self.fail("the expression is nested too deeply")

    # -- grammar ---------------------------------------------------------------------

    def parse(self) -> Expr:
        expr = self.parse_or()
        if self.tok.kind != "eof":
            if self.tok.is_op(")"):
                self.unexpected("there is no '(' for this ')'")
            if self.tok.kind in ("num", "str"):
                self.unexpected("is a comparison such as '==' missing before it?")
            if self.tok.kind in ("word", "quoted") and self.tok.word() not in KEYWORDS:
                self.unexpected("is 'and' or 'or' missing before it?")
            self.unexpected()
        return expr

    def parse_or(self) -> Expr:
        self.nest()
        left = self.parse_and()
        while self.at_keyword("or"):
            pos = self.advance().position
            left = Binary("or", left, self.parse_and(), pos)
        self.depth -= 1
        return left

    def parse_and(self) -> Expr:
        left = self.parse_not()
        while self.at_keyword("and"):
            pos = self.advance().position
            left = Binary("and", left, self.parse_not(), pos)
        return left

    def parse_not(self) -> Expr:
        if self.at_keyword("not"):
            pos = self.advance().position
            self.nest()
            operand = self.parse_not()
            self.depth -= 1
            return Unary("not", operand, pos)
        return self.parse_comparison()

    def parse_comparison(self) -> Expr:
        left = self.parse_additive()
        tok = self.tok
        if tok.word() in _PATTERN_WORDS and not self.peek().is_op("(", "."):
            fn = "like" if tok.word() == "like" else "ilike"
            self.fail(f"'{tok.value}' is a function here, not an operator", hint=(
                f"write {fn}({render(left)}, 'T%'): like() minds case, ilike() ignores it"))
        if tok.word() in _TEXT_TESTS and not self.peek().is_op("(", "."):  # name contains 'x'
            after = self.peek()
            example = render(Literal(str(after.value), after.position)) if after.kind == "str" else "'text'"
            self.fail(f"'{tok.value}' is a function here, not an operator",
                      hint=f"write {tok.word()}({render(left)}, {example}) (case matters; lower() both sides to ignore it)")
        result: Expr
        if tok.kind == "op" and tok.value in COMPARE_OPS:
            self.advance()
            right = self.parse_additive()
            result = Compare(cast(CompareOp, tok.value), left, right, tok.position)
            self.check_null_compare(result)
        elif self.at_keyword("in"):
            self.advance()
            result = InList(left, self.parse_list(), False, tok.position)
        elif self.at_keyword("between"):
            result = self.parse_between(left, negated=False)
        elif self.at_keyword("is"):
            result = self.parse_is(left)
        elif self.at_keyword("not"):
            nxt = self.peek().word()
            if nxt == "in":
                self.advance()
                self.advance()
                result = InList(left, self.parse_list(), True, tok.position)
            elif nxt == "between":
                self.advance()
                result = self.parse_between(left, negated=True)
                result = Between(result.operand, result.low, result.high, True, tok.position)
            else:
                self.unexpected("'not' goes before a condition (not x == 1), or write 'not in' / 'not between'")
        else:
            return left
        if self.tok.kind == "op" and self.tok.value in COMPARE_OPS or self.at_keyword("in", "between", "is"):
            self.unexpected("comparisons do not chain: write a < b and b < c, or use 'between'")
        return result

    def check_null_compare(self, node: Compare) -> None:
        for side in (node.left, node.right):
            if isinstance(side, Literal) and side.value is None:
                test = "is not null" if node.op == "!=" else "is null"
                self.fail(
                    "a comparison with null is never true (it is unknown)",
                    node.position,
                    f"use '{test}' to test for a missing value",
                )

    def parse_list(self) -> tuple[Literal, ...]:
        if not self.tok.is_op("["):
            hint = "lists use square brackets: x in ['a', 'b']"
            self.unexpected(hint)
        open_pos = self.advance().position
        values: list[Literal] = []
        while True:
            if self.tok.kind == "eof":
                self.fail("unclosed '['", open_pos, "end the list with ']'")
            if self.tok.is_op("]") and not values:
                self.fail("the list is empty", open_pos, "put at least one value between [ and ]")
            if len(values) == MAX_LIST:
                self.fail(f"a list of more than {MAX_LIST:,} values", open_pos,
                          "keep so many values in a table of their own and link it with lookup: "
                          "(a filter on the looked-up column keeps the rows it holds)")
            values.append(self.parse_list_value())
            if self.tok.is_op(","):
                self.advance()
                continue
            after = self.tok
            if after.is_op("]"):
                self.advance()
                return tuple(values)
            if after.kind == "eof":
                self.fail("unclosed '['", open_pos, "end the list with ']'")
            self.unexpected("separate the values of a list with ','")

    def parse_list_value(self) -> Literal:
        tok = self.tok
        if tok.kind in ("num", "str"):
            self.advance()
            return Literal(cast("int | Decimal | str", tok.value), tok.position)
        if tok.is_op("-") and self.peek().kind == "num":
            self.advance()
            num = self.advance()
            return Literal(-cast("int | Decimal", num.value), tok.position)
        word = tok.word()
        if word in ("true", "false"):
            self.advance()
            return Literal(word == "true", tok.position)
        if word == "null":
            self.fail("null is never found in a list", hint="use 'is null' to test for a missing value")
        if tok.kind in ("word", "quoted"):
            self.fail(
                "a list holds values, not columns",
                hint=f"strings need single quotes: '{str(tok.value).replace(chr(39), chr(39) * 2)}'",
            )
        self.unexpected("a list holds values: strings in single quotes, numbers, true or false")

    def parse_between(self, operand: Expr, negated: bool) -> Between:
        pos = self.advance().position
        low = self.parse_additive()
        self.expect_keyword("and", "write x between 1 and 5")
        high = self.parse_additive()
        return Between(operand, low, high, negated, pos)

    def parse_is(self, operand: Expr) -> IsNull:
        pos = self.advance().position
        negated = False
        if self.at_keyword("not"):
            self.advance()
            negated = True
        if not self.at_keyword("null"):
            self.unexpected("write 'is null' or 'is not null'; to compare values use '==' or '!='")
        self.advance()
        return IsNull(operand, negated, pos)

    def parse_additive(self) -> Expr:
        left = self.parse_multiplicative()
        while self.tok.is_op("+", "-"):
            tok = self.advance()
            left = Binary(cast(ArithOp, tok.value), left, self.parse_multiplicative(), tok.position)
        return left

    def parse_multiplicative(self) -> Expr:
        left = self.parse_unary()
        while self.tok.is_op("*", "/"):
            tok = self.advance()
            left = Binary(cast(ArithOp, tok.value), left, self.parse_unary(), tok.position)
        return left

    def parse_unary(self) -> Expr:
        if self.tok.is_op("-"):
            tok = self.advance()
            if self.tok.kind == "num":
                return Literal(-cast("int | Decimal", self.advance().value), tok.position)
            self.nest()
            operand = self.parse_unary()
            self.depth -= 1
            return Unary("-", operand, tok.position)
        return self.parse_primary()

    def parse_primary(self) -> Expr:
        tok = self.tok
        if tok.kind in ("num", "str"):
            self.advance()
            return Literal(cast("int | Decimal | str", tok.value), tok.position)
        if tok.is_op("("):
            return self.parse_parens()
        if tok.is_op("["):
            self.fail("a list only goes after 'in'", hint="write x in ['a', 'b']")
        if tok.kind in ("word", "quoted") and self.peek().is_op("."):
            return self.parse_linked_name()
        if tok.kind == "quoted":
            self.advance()
            return Name(str(tok.value), None, tok.position)
        word = tok.word()
        if word is None:
            self.unexpected()
        if word in ("true", "false"):
            self.advance()
            return Literal(word == "true", tok.position)
        if word == "null":
            self.advance()
            return Literal(None, tok.position)
        if word == "case":
            return self.parse_case()
        if word in KEYWORDS:
            self.unexpected()
        if self.peek().is_op("("):
            return self.parse_call()
        self.advance()
        return Name(str(tok.value), None, tok.position)

    def parse_parens(self) -> Expr:
        open_tok = self.advance()
        if self.tok.is_op(")"):
            self.fail("empty parentheses", open_tok.position, "put an expression between ( and )")
        inner = self.parse_or()
        if self.tok.kind == "eof":
            self.fail("unclosed '('", open_tok.position, "add ')' to close it")
        if not self.tok.is_op(")"):
            self.unexpected(f"expected ')' to close the '(' at position {open_tok.position}")
        self.advance()
        return inner

    def parse_linked_name(self) -> Name:
        link = self.advance()
        self.advance()  # the dot
        col = self.tok
        if col.kind not in ("word", "quoted"):
            self.unexpected("after 'link.' comes a column name")
        self.advance()
        if self.tok.is_op("."):
            self.unexpected("a name goes through one link only: link.column")
        return Name(str(col.value), str(link.value), link.position)

    def parse_call(self) -> Call:
        name_tok = self.advance()
        name = str(name_tok.value).lower()
        spec = FUNCTIONS.get(name)
        if spec is None:
            hint = did_you_mean(suggest(name, FUNCTIONS)) or "the functions are: " + ", ".join(FUNCTIONS)
            self.fail(f"unknown function '{name_tok.value}'", name_tok.position, hint)
        open_pos = self.advance().position
        args: list[Expr] = []
        if not self.tok.is_op(")"):
            while True:
                args.append(self.parse_or())
                if self.tok.is_op(","):
                    self.advance()
                    continue
                break
        if self.tok.kind == "eof":
            self.fail("unclosed '('", open_pos, "add ')' to close it")
        if not self.tok.is_op(")"):
            self.unexpected(f"separate the arguments of {name}() with ','")
        self.advance()
        call = Call(name, tuple(args), name_tok.position)
        check_call(call, self.text)
        return call

    def parse_case(self) -> Case:
        case_tok = self.advance()
        whens: list[tuple[Expr, Expr]] = []
        shape = "write case when C then V else W end"
        if not self.at_keyword("when"):
            self.unexpected(f"expected 'when': {shape}")
        while self.at_keyword("when"):
            self.advance()
            cond = self.parse_or()
            self.expect_keyword("then", shape)
            whens.append((cond, self.parse_or()))
        else_: Expr | None = None
        if self.at_keyword("else"):
            self.advance()
            else_ = self.parse_or()
        if self.tok.kind == "eof":
            self.fail("unclosed 'case'", case_tok.position, "end it with 'end'")
        self.expect_keyword("end", shape)
        return Case(tuple(whens), else_, case_tok.position)


def check_call(call: Call, text: str) -> None:
    """Check a call's argument count and the types its arguments show in the text."""
    spec = FUNCTIONS[call.function]
    n = len(call.args)
    if not spec.min_args <= n <= spec.max_args:
        if spec.min_args == spec.max_args:
            counts = str(spec.min_args)
        elif spec.max_args == spec.min_args + 1:
            counts = f"{spec.min_args} or {spec.max_args}"
        else:
            counts = f"{spec.min_args} to {spec.max_args}"
        plural = "" if counts == "1" else "s"
        raise ExpressionError(
            f"{call.function}() takes {counts} argument{plural}, not {n}", text, call.position,
            f"for example: {spec.example}",
        )
    check_call_types(call, text)


def _depth(expr: Expr) -> int:
    """The height of the tree, computed without recursion."""
    best = 0
    stack = [(expr, 1)]
    while stack:
        node, depth = stack.pop()
        best = max(best, depth)
        stack.extend((child, depth + 1) for child in children(node))
    return best


def parse(text: str) -> Expr:
    """Read an expression; raises :class:`ExpressionError` with a position and a hint.

    The trees are immutable, so a text read before is not read again: a claims file names the
    same filter and column in many claims (the story: 191 readings of 60 texts).
    """
    if not isinstance(text, str):
        raise TypeError(f"parse() takes a string, not {type(text).__name__}")
    return _parse(text)


@functools.lru_cache(maxsize=4096)
def _parse(text: str) -> Expr:
    try:
        expr = _Parser(text).parse()
    except RecursionError:
        raise ExpressionError("the expression is nested too deeply", text, 0) from None
    if _depth(expr) > 4 * MAX_DEPTH:
        raise ExpressionError("the expression is too long: split it into derived columns", text, 0)
    return expr
