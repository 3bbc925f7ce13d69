"""Split an expression into tokens, rejecting what the language does not have."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal as Lit

from ..expectations.numbers import MAX_NUMBER_TEXT  # one limit for numbers in YAML, figures and expressions
from ._errors import ExpressionError

Kind = Lit["num", "str", "word", "quoted", "op", "eof"]

OPERATORS = ("==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "(", ")", "[", "]", ",", ".")

# Characters people bring from SQL, Python or word processors, with what to write instead.
_MISTAKES: dict[str, tuple[str, str | None]] = {
    "<>": ("'<>' is not an operator here", "use '!=' for 'not equal'"),
    "&&": ("'&&' is not an operator here", "use 'and'"),
    "||": ("'||' is not an operator here", "use 'or'"),
    "--": ("'--' is not allowed: expressions have no comments", "to subtract a negative number write a - (-b)"),
    "/*": ("'/*' is not allowed: expressions have no comments", None),
    "=": ("'=' is not a comparison", "use '==' to compare"),
    "!": ("'!' is not an operator here", "use 'not'"),
    "&": ("'&' is not an operator here", "use 'and'"),
    "|": ("'|' is not an operator here", "use 'or'"),
    ";": ("unexpected ';'", "an expression is a single condition or value: it has no ';'"),
    "#": ("unexpected '#'", "expressions have no comments"),
    "%": ("unexpected '%'", "write a percentage as a fraction: 59% is 0.59"),
    "\u2018": ("curly quotes are not quotes here", "use straight single quotes: 'text'"),
    "\u2019": ("curly quotes are not quotes here", "use straight single quotes: 'text'"),
    "\u201c": ("curly quotes are not quotes here", "use straight single quotes: 'text'"),
    "\u201d": ("curly quotes are not quotes here", "use straight single quotes: 'text'"),
}


@dataclass(frozen=True)
class Token:
    """One token: its kind, value (text, number or name) and where it starts and ends."""

    kind: Kind
    value: object
    position: int
    end: int

    def is_op(self, *ops: str) -> bool:
        """Whether this is one of the operator/punctuation tokens ``ops``."""
        return self.kind == "op" and self.value in ops

    def word(self) -> str | None:
        """The lower-cased text of a plain word, else None."""
        return self.value.lower() if self.kind == "word" and isinstance(self.value, str) else None

    def describe(self) -> str:
        """How to name this token in a message: ``'and'``, ``'('``, ``the end``."""
        if self.kind == "eof":
            return "the end of the expression"
        if self.kind == "str":
            return f"the text '{self.value}'"
        if self.kind == "quoted":
            return f"the name `{self.value}`"
        return f"'{self.value}'"


def _is_word_start(ch: str) -> bool:
    return ch == "_" or ("a" <= ch <= "z") or ("A" <= ch <= "Z")


def _is_word_char(ch: str) -> bool:
    return _is_word_start(ch) or ("0" <= ch <= "9")


def _is_digit(ch: str) -> bool:
    return "0" <= ch <= "9"


class _Lexer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.tokens: list[Token] = []

    def error(self, message: str, position: int, hint: str | None = None) -> ExpressionError:
        return ExpressionError(message, self.text, position, hint)

    def run(self) -> list[Token]:
        text = self.text
        if "\x00" in text:
            raise self.error("the expression contains a NUL character", text.index("\x00"))
        while True:
            while self.i < len(text) and text[self.i].isspace():
                self.i += 1
            if self.i >= len(text):
                self.tokens.append(Token("eof", None, len(text), len(text)))
                return self.tokens
            ch = text[self.i]
            if _is_digit(ch):
                self.number()
            elif _is_word_start(ch):
                self.word()
            elif ch == "'":
                self.quoted("'", "str")
            elif ch == "`":
                self.quoted("`", "quoted")
            elif ch == '"':
                self.double_quoted()
            else:
                self.operator()

    def number(self) -> None:
        text, start = self.text, self.i
        while self.i < len(text) and _is_digit(text[self.i]):
            self.i += 1
        value: int | Decimal
        if self.i < len(text) and text[self.i] == ".":
            if self.i + 1 >= len(text) or not _is_digit(text[self.i + 1]):
                whole = text[start : self.i]
                raise self.error(
                    "a decimal point needs digits after it", self.i, f"write {whole} or {whole}.0"
                )
            self.i += 1
            while self.i < len(text) and _is_digit(text[self.i]):
                self.i += 1
        if self.i - start > MAX_NUMBER_TEXT:  # int() refuses past 4,300 digits; no figure needs 100
            raise self.error(f"a number written with {self.i - start:,} characters (at most {MAX_NUMBER_TEXT})",
                             start, "write the number as the data holds it")
        if "." in text[start : self.i]:
            value = Decimal(text[start : self.i])
        else:
            value = int(text[start : self.i])
        if self.i < len(text) and _is_word_char(text[self.i]):
            end = self.i
            while end < len(text) and _is_word_char(text[end]):
                end += 1
            word = text[start:end]
            if text[self.i] in "eE" and text[self.i + 1 : end].isdigit():
                hint = "write the number in full, without an exponent"
            else:
                hint = f"a name that starts with a digit goes in backticks: `{word}`"
            raise self.error("a number cannot run into letters", self.i, hint)
        self.tokens.append(Token("num", value, start, self.i))

    def word(self) -> None:
        start = self.i
        while self.i < len(self.text) and _is_word_char(self.text[self.i]):
            self.i += 1
        self.tokens.append(Token("word", self.text[start : self.i], start, self.i))

    def quoted(self, quote: str, kind: Kind) -> None:
        """A '…' string or `…` name; the quote character is doubled inside."""
        text, start = self.text, self.i
        parts: list[str] = []
        self.i += 1
        while True:
            end = text.find(quote, self.i)
            if end == -1:
                if kind == "str":
                    raise self.error(
                        "unclosed string", start, "end it with ' (write '' for a quote inside the text)"
                    )
                raise self.error(
                    "unclosed backtick", start, "end the name with ` (write `` for a backtick inside)"
                )
            parts.append(text[self.i : end])
            if end + 1 < len(text) and text[end + 1] == quote:
                parts.append(quote)
                self.i = end + 2
                continue
            self.i = end + 1
            break
        value = "".join(parts)
        if kind == "quoted" and value == "":
            raise self.error("a name in backticks cannot be empty", start)
        self.tokens.append(Token(kind, value, start, self.i))

    def double_quoted(self) -> None:
        start = self.i
        end = self.text.find('"', start + 1)
        inner = self.text[start + 1 : end] if end != -1 else "text"
        as_string = "'" + inner.replace("'", "''") + "'"
        as_name = "`" + inner.replace("`", "``") + "`"
        raise self.error(
            "double quotes are not used in expressions",
            start,
            f"strings need single quotes: {as_string}; a column name goes in backticks: {as_name}",
        )

    def operator(self) -> None:
        text, start = self.text, self.i
        ch = text[start]
        if ch == "." and start + 1 < len(text) and _is_digit(text[start + 1]):
            digits = start + 1
            while digits < len(text) and _is_digit(text[digits]):
                digits += 1
            raise self.error("a number needs a digit before its decimal point", start,
                             f"write 0{text[start:digits]}")
        two = text[start : start + 2]
        if two in _MISTAKES:  # checked before operators: '--' is not two minuses
            message, hint = _MISTAKES[two]
            raise self.error(message, start, hint)
        for op in OPERATORS:
            if text.startswith(op, start):
                self.i += len(op)
                self.tokens.append(Token("op", op, start, self.i))
                return
        if ch in _MISTAKES:
            message, hint = _MISTAKES[ch]
            raise self.error(message, start, hint)
        advice = None
        if ch.isalpha():
            advice = f"a name with characters other than A-Z, 0-9 and _ goes in backticks: `{ch}…`"
        raise self.error(f"unexpected character {ch!r}", start, advice)


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text``, ending with an ``eof`` token; raises ExpressionError."""
    return _Lexer(text).run()
