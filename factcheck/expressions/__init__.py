"""The expression language of claims files: parse, inspect, render and compile to SQL.

See docs/expressions.md for the language. Nothing here evaluates user text: it is read by
our own parser and compiled to DuckDB SQL in which every name and literal is quoted by us.
"""

from ..suggestions import did_you_mean, suggest
from ._errors import ExpressionError, UnknownName
from ._nodes import (
    FUNCTIONS,
    KEYWORDS,
    WINDOW_FUNCTIONS,
    Between,
    Binary,
    Call,
    Case,
    Compare,
    Expr,
    Function,
    InList,
    IsNull,
    Literal,
    Name,
    Unary,
    calls,
    children,
    conjuncts,
    in_file_order,
    leaves_unknown,
    map_calls,
    names,
    walk,
)
from ._parser import parse
from ._render import render
from ._sql import quote_ident, quote_literal, to_sql
from ._types import INTEGER_TYPES, base_type, check_numbers, check_types, infer, value_type

__all__ = [
    "FUNCTIONS", "INTEGER_TYPES", "KEYWORDS", "WINDOW_FUNCTIONS", "base_type", "check_numbers", "check_types", "infer", "value_type", "Between", "Binary", "Call", "Case", "Compare", "Expr",
    "ExpressionError", "Function", "InList", "IsNull", "Literal", "Name", "Unary",
    "UnknownName", "calls", "children", "conjuncts", "in_file_order", "leaves_unknown", "map_calls", "did_you_mean", "names", "parse", "quote_ident",
    "quote_literal", "render", "suggest", "to_sql", "walk",
]
