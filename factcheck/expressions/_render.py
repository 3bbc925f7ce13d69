"""Canonical text of a tree in the expression language, with as few parentheses as the
precedence allows: ``parse(render(e)) == e`` for every tree the parser can produce."""

from __future__ import annotations

import re
from decimal import Decimal

from ._nodes import (
    KEYWORDS,
    Between,
    Binary,
    Call,
    Case,
    Compare,
    Expr,
    InList,
    IsNull,
    Literal,
    Name,
    Unary,
)

_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_BINARY_PRECEDENCE = {"or": 1, "and": 2, "+": 5, "-": 5, "*": 6, "/": 6}
COMPARISON = 4


def precedence(expr: Expr) -> int:
    """How tightly a node binds: 1 for ``or`` up to 8 for names, literals and calls."""
    if isinstance(expr, Binary):
        return _BINARY_PRECEDENCE[expr.op]
    if isinstance(expr, Unary):
        return 3 if expr.op == "not" else 7
    if isinstance(expr, (Compare, InList, Between, IsNull)):
        return COMPARISON
    return 8


def render_literal(value: object) -> str:
    """A literal in the expression language: 'text', 12, 2.50, true, false, null."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"cannot write {value} in an expression")
        text = format(value, "f")
        return text if "." in text else text + ".0"
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise TypeError(f"not a literal of the expression language: {value!r}")


def render_name(name: Name) -> str:
    """A column reference: bare when it is a plain word, else in backticks."""
    def quoted(word: str, keywords_ok: bool) -> str:
        if _PLAIN.match(word) and (keywords_ok or word.lower() not in KEYWORDS):
            return word
        return "`" + word.replace("`", "``") + "`"

    if name.link is None:
        return quoted(name.column, keywords_ok=False)
    return quoted(name.link, keywords_ok=True) + "." + quoted(name.column, keywords_ok=True)


class _Writer:
    """Accumulates text and the offset at which each node's identifying token is written."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.positions: dict[int, int] = {}

    def put(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def mark(self, node: Expr) -> None:
        self.positions[id(node)] = self.length

    def child(self, node: Expr, minimum: int) -> None:
        if precedence(node) < minimum:
            self.put("(")
            self.node(node)
            self.put(")")
        else:
            self.node(node)

    def node(self, expr: Expr) -> None:
        if isinstance(expr, (Literal, Name)):
            self.mark(expr)
            self.put(render_literal(expr.value) if isinstance(expr, Literal) else render_name(expr))
        elif isinstance(expr, Unary):
            self.unary(expr)
        elif isinstance(expr, (Binary, Compare)):
            p = precedence(expr)
            left_min, right_min = (5, 5) if isinstance(expr, Compare) else (p, p + 1)
            self.child(expr.left, left_min)
            self.put(" ")
            self.mark(expr)
            self.put(f"{expr.op} ")
            self.child(expr.right, right_min)
        elif isinstance(expr, InList):
            self.child(expr.operand, 5)
            self.put(" ")
            self.mark(expr)
            self.put("not in [" if expr.negated else "in [")
            for i, value in enumerate(expr.values):
                self.put(", " if i else "")
                self.node(value)
            self.put("]")
        elif isinstance(expr, Between):
            self.child(expr.operand, 5)
            self.put(" ")
            self.mark(expr)
            self.put("not between " if expr.negated else "between ")
            self.child(expr.low, 5)
            self.put(" and ")
            self.child(expr.high, 5)
        elif isinstance(expr, IsNull):
            self.child(expr.operand, 5)
            self.put(" ")
            self.mark(expr)
            self.put("is not null" if expr.negated else "is null")
        elif isinstance(expr, Call):
            self.mark(expr)
            self.put(expr.function + "(")
            for i, arg in enumerate(expr.args):
                self.put(", " if i else "")
                self.node(arg)
            self.put(")")
        elif isinstance(expr, Case):
            self.case(expr)
        else:  # pragma: no cover - exhaustive
            raise TypeError(f"not an expression node: {expr!r}")

    def unary(self, expr: Unary) -> None:
        self.mark(expr)
        if expr.op == "not":
            self.put("not ")
            self.child(expr.operand, 3)
            return
        self.put("-")
        operand = expr.operand
        # "-3" would read back as the literal -3, and "--x" is not allowed.
        number = isinstance(operand, Literal) and isinstance(operand.value, (int, Decimal))
        if number or precedence(operand) < 7 or _starts_with_minus(operand):
            self.put("(")
            self.node(operand)
            self.put(")")
        else:
            self.node(operand)

    def case(self, expr: Case) -> None:
        self.mark(expr)
        self.put("case")
        for cond, value in expr.whens:
            self.put(" when ")
            self.node(cond)
            self.put(" then ")
            self.node(value)
        if expr.else_ is not None:
            self.put(" else ")
            self.node(expr.else_)
        self.put(" end")


def _starts_with_minus(expr: Expr) -> bool:
    if isinstance(expr, Unary):
        return expr.op == "-"
    if isinstance(expr, Literal):
        return isinstance(expr.value, (int, Decimal)) and not isinstance(expr.value, bool) and (
            expr.value < 0 or render_literal(expr.value).startswith("-")
        )
    return False


def render_with_positions(expr: Expr) -> tuple[str, dict[int, int]]:
    """The canonical text and, by ``id(node)``, where each node's token starts in it."""
    writer = _Writer()
    writer.node(expr)
    return "".join(writer.parts), writer.positions


def render(expr: Expr) -> str:
    """Canonical text of ``expr`` in the expression language (lower-case keywords)."""
    return render_with_positions(expr)[0]
