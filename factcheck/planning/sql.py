"""Rendering a plan's expression trees as DuckDB SQL, and that SQL for another dialect.

Names are resolved when a claim is compiled (``Catalog.resolver`` checks them and records
the columns a run must read); here a checked tree is only written out: a column of the
scanned table is ``"table"."column"``, one read through a lookup ``"link"."column"``.

Our compiler writes DuckDB SQL. Another engine's dialect is had by transpiling that SQL
with sqlglot, imported only when such a dialect is asked for.
"""

from __future__ import annotations

from typing import Any

from ..expressions import Expr, Name, quote_ident, quote_literal, to_sql

DUCKDB = "duckdb"


def expr_sql(tree: Expr, table: str) -> str:
    """A (checked) expression in ``table``'s scope as DuckDB SQL."""

    def resolve(name: Name) -> str:
        owner = table if name.link is None else name.link
        return f"{quote_ident(owner)}.{quote_ident(name.column)}"

    return to_sql(tree, resolve)


def literal(value: Any) -> str:
    """A period or bound from the claims file as a SQL literal (floats as exact decimals)."""
    from decimal import Decimal
    return quote_literal(Decimal(str(value)) if isinstance(value, float) else value)


def in_dialect(sql: str, dialect: str) -> str:
    """DuckDB SQL as ``dialect`` SQL (``spark``, ``postgres``, …): sqlglot, loaded only when needed."""
    if dialect == DUCKDB:
        return sql
    try:
        import sqlglot
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError("rendering SQL for another engine needs sqlglot: pip install 'factcheck[engines]'") from exc
    return ";\n".join(sqlglot.transpile(sql, read=DUCKDB, write=dialect, pretty=True)) + (";" if sql.rstrip().endswith(";") else "")
