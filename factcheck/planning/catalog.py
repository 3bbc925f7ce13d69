"""Names: which columns each table has, what ``case.x`` means, what a run must read.

The :class:`Catalog` knows every table's header, its ``derive`` columns and its
``lookup`` links. It resolves a name in an expression to SQL (``"victims"."sex"``,
``"case"."active_2020"``), raises :class:`~factcheck.expressions.UnknownName`
with suggestions otherwise, and records every column it resolved so that each
file is read for those columns only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from ..expressions import (Call, Expr, ExpressionError, Name, UnknownName, check_types, infer, names, parse,
                           quote_ident, render, to_sql, value_type)
from ..expressions._nodes import ValueType
from ..sources import Source
from ..suggestions import did_you_mean, suggest

_LOOKUP = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s+via\s+([A-Za-z_][A-Za-z0-9_]*)\s*(?:=\s*([A-Za-z_][A-Za-z0-9_]*))?\s*$")
ROW = "__row"  # the file-order row number, added when lag() needs it


@dataclass(frozen=True)
class Link:
    """``case: cases via case_id``: each row of the table points at one row of ``target``."""

    name: str
    table: str
    target: str
    local: str
    remote: str

    def join_sql(self) -> str:
        return (f"LEFT JOIN {quote_ident(self.target)} AS {quote_ident(self.name)} "
                f"ON {quote_ident(self.table)}.{quote_ident(self.local)} = "
                f"{quote_ident(self.name)}.{quote_ident(self.remote)}")


class LinkError(ValueError):
    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


@dataclass
class Catalog:
    """Every table's columns, derives and links; records what a run uses."""

    sources: dict[str, Source]
    derives: dict[str, dict[str, Expr]] = field(default_factory=dict)
    derive_text: dict[str, dict[str, str]] = field(default_factory=dict)
    links: dict[str, dict[str, Link]] = field(default_factory=dict)
    used: dict[str, set[str]] = field(default_factory=dict)          # source columns to read
    used_derives: dict[str, list[str]] = field(default_factory=dict)  # in dependency order
    _visiting: set[tuple[str, str]] = field(default_factory=set)

    def __post_init__(self) -> None:
        for name in self.sources:
            self.used.setdefault(name, set())
            self.used_derives.setdefault(name, [])

    # ------------------------------------------------------------------ declarations
    def add_link(self, table: str, name: str, spec: str) -> Link:
        m = _LOOKUP.match(spec)
        if not m:
            raise LinkError(f"cannot read lookup '{name}: {spec}'",
                            "write it as 'TABLE via COLUMN' (or 'TABLE via COLUMN = TARGET_COLUMN')")
        target, local, remote = m.group(1), m.group(2), m.group(3)
        if target not in self.sources:
            raise LinkError(f"lookup '{name}' names unknown table '{target}'",
                            _dym(target, self.sources) or f"tables: {', '.join(self.sources)}")
        remote = remote or self.sources[target].decl.key or local
        for tbl, col in ((table, local), (target, remote)):
            if col not in self.sources[tbl].columns and not self.sources[tbl].missing:
                raise LinkError(f"lookup '{name}': table '{tbl}' has no column '{col}'",
                                _dym(col, self.sources[tbl].columns))
        link = Link(name, table, target, local, remote)
        self.links.setdefault(table, {})[name] = link
        return link

    def columns_of(self, table: str) -> list[str]:
        return list(self.sources[table].columns) + list(self.derives.get(table, {}))

    # ------------------------------------------------------------------ resolving
    def resolver(self, table: str, joins: dict[str, Link] | None,
                 *, allow_links: bool = True) -> Callable[[Name], str]:
        """A resolver for :func:`to_sql` in ``table``'s scope; links used are added to ``joins``."""

        def resolve(name: Name) -> str:
            if name.link is None:
                self.use(table, name.column, name)
                return f"{quote_ident(table)}.{quote_ident(name.column)}"
            links = self.links.get(table, {})
            if not allow_links:
                raise UnknownName(name, (), f"'{name.link}.{name.column}': a derived column can use only its own table's columns")
            if name.link not in links:
                raise UnknownName(name, suggest(name.link, links),
                                  f"unknown lookup '{name.link}' on table '{table}'"
                                  + ("" if links else " (it declares no lookup:)"))
            link = links[name.link]
            self.use(link.target, name.column, name)
            self.use(table, link.local, name)
            self.use(link.target, link.remote, name)
            if joins is not None:
                joins[link.name] = link
            return f"{quote_ident(link.name)}.{quote_ident(name.column)}"

        return resolve

    def use(self, table: str, column: str, name: Name | None = None) -> None:
        """Record that ``column`` of ``table`` is needed (a derive pulls in its inputs)."""
        src = self.sources[table]
        if column in self.derives.get(table, {}):
            if column not in self.used_derives[table]:
                if (table, column) in self._visiting:
                    raise UnknownName(name or Name(column), (),
                                      f"derive '{column}' of table '{table}' refers to itself")
                self._visiting.add((table, column))
                try:
                    for inner in names(self.derives[table][column]):
                        self.use(table, inner.column, name)
                finally:
                    self._visiting.discard((table, column))
                if column not in self.used_derives[table]:
                    self.used_derives[table].append(column)
            return
        if column in src.columns or src.missing:
            self.used[table].add(column)
            return
        raise UnknownName(name or Name(column), suggest(column, self.columns_of(table)),
                          f"table '{table}' has no column '{column}'")

    def derive_sql(self, table: str, column: str) -> str:
        """The SQL of a derive column over the raw table, other derives inlined.

        Derives are computed once, when the table is read (see ``engine``), over
        the whole table in file order, before any claim's ``where``.
        """
        expr = self.derives[table][column]

        def inline(name: Name) -> str:
            if name.link is not None:
                raise UnknownName(name, (), f"'{name.link}.{name.column}': a derived column can use only its own table's columns")
            if name.column in self.derives.get(table, {}):
                if name.column == column:
                    raise UnknownName(name, (), f"derive '{column}' refers to itself")
                return "(" + self.derive_sql(table, name.column) + ")"
            src = self.sources[table]
            if name.column not in src.columns and not src.missing:
                raise UnknownName(name, suggest(name.column, self.columns_of(table)),
                                  f"table '{table}' has no column '{name.column}'")
            return f"{quote_ident(table)}.{quote_ident(name.column)}"

        text = self.derive_text.get(table, {}).get(column)
        sql = to_sql(expr, inline, row_order=f"{quote_ident(table)}.{quote_ident(ROW)}", text=text)
        if text is not None:
            check_types(expr, text, self.column_type(table))
        return sql

    def needs_row_order(self, table: str) -> bool:
        from ..expressions import WINDOW_FUNCTIONS, calls
        return any(c.function in WINDOW_FUNCTIONS for d in self.used_derives[table]
                   for c in calls(self.derives[table][d]))

    def window_column(self, table: str, call: Call) -> Name:
        """``lag(x)`` / ``lead(x)`` outside ``derive:``: the same call as a derive of ``table``
        (computed over the whole table in its order, before any ``where``), named by its text,
        so the claim's SQL reads ``"table"."lag(x)"`` and the table's SQL shows how it is made."""
        for arg in call.args:
            if isinstance(arg, Name) and arg.link is not None:
                raise UnknownName(arg, (), f"{call.function}() takes a column of the table itself, "
                                           f"not of the lookup '{arg.link}'")
        column = render(call)
        derives = self.derives.setdefault(table, {})
        if column not in derives:
            derives[column] = call
            self.derive_text.setdefault(table, {})[column] = column
        return Name(column, None, call.position)

    def column_type(self, table: str) -> Callable[[Name], ValueType | None]:
        """The type of a name in ``table``'s scope, from the header's DuckDB types and the
        derives' expressions (None when it cannot be told)."""

        def of(name: Name, seen: frozenset[tuple[str, str]] = frozenset()) -> ValueType | None:
            home = table
            if name.link is not None:
                link = self.links.get(table, {}).get(name.link)
                if link is None:
                    return None
                home = link.target
            expr = self.derives.get(home, {}).get(name.column)
            if expr is not None:
                if (home, name.column) in seen or name.link is not None:
                    return None
                return infer(expr, lambda n: of(n, seen | {(home, name.column)}))
            return value_type(self.sources[home].columns.get(name.column))

        return of

    # ------------------------------------------------------------------ time
    def is_time(self, table: str, column: str, _seen: frozenset[str] = frozenset()) -> bool:
        """Is ``column`` the table's time column, or derived from one?"""
        decl = self.sources[table].decl
        if column in decl.time_columns():
            return True
        expr = self.derives.get(table, {}).get(column)
        if expr is None or column in _seen:
            return False
        return any(self.is_time(table, n.column, _seen | {column}) for n in names(expr) if n.link is None)


def _dym(word: str, options: object) -> str | None:
    return did_you_mean(suggest(word, list(options), n=1))  # type: ignore[call-overload]


def parse_derives(catalog: Catalog, table: str, derive: dict[str, str]) -> list[tuple[str, ExpressionError | str]]:
    """Parse a table's derive expressions; return (column, error) pairs for those that fail."""
    errors: list[tuple[str, ExpressionError | str]] = []
    catalog.derives.setdefault(table, {})
    catalog.derive_text.setdefault(table, {})
    header = catalog.sources[table].columns
    for column, text in derive.items():
        if column in header:
            errors.append((column, f"derive '{column}' has the name of a column the file already has"))
            continue
        try:
            catalog.derives[table][column] = parse(str(text))
            catalog.derive_text[table][column] = str(text)
        except ExpressionError as exc:
            errors.append((column, exc))
    return errors
