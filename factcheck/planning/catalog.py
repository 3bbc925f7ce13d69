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

from ..expressions import (
    Call,
    Expr,
    ExpressionError,
    Name,
    UnknownName,
    check_types,
    infer,
    names,
    parse,
    quote_ident,
    render,
    to_sql,
    value_type,
)
from ..expressions._nodes import ValueType
from ..sources import Source
from ..suggestions import did_you_mean, suggest

_LOOKUP = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s+via\s+([A-Za-z_][A-Za-z0-9_]*)\s*(?:=\s*([A-Za-z_][A-Za-z0-9_]*))?\s*$")
ROW = "__row"  # the file-order row number, added when lag() needs it
TIME_SPECS = ("date", "timestamp", "datetime")
TIME_TYPES = ("DATE", "TIMESTAMP")  # DuckDB types of time columns (TIMESTAMP WITH TIME ZONE too)
MAX_DERIVE_DEPTH = 50  # derives built on derives; a real claims file needs a handful


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
    levels: dict[str, dict[str, int]] = field(default_factory=dict)  # derive -> level (1: over file columns)
    broken: dict[str, set[str]] = field(default_factory=dict)        # derives on a circle or too deep
    ordered: set[str] = field(default_factory=set)  # tables read with their file-order row number all the same
    windows: dict[str, set[str]] = field(default_factory=dict)  # derives made of a claim's lag(x): no column of the file

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
        key = self.sources[target].decl.key  # a key of several columns is no lookup's target
        remote = remote or (key if isinstance(key, str) else None) or local
        for tbl, col in ((table, local), (target, remote)):
            if col not in self.sources[tbl].columns and not self.sources[tbl].missing:
                raise LinkError(f"lookup '{name}': table '{tbl}' has no column '{col}'",
                                self.sources[tbl].reading_hint() or _dym(col, self.sources[tbl].columns))
        link = Link(name, table, target, local, remote)
        self.links.setdefault(table, {})[name] = link
        return link

    def columns_of(self, table: str) -> list[str]:
        """The names a writer can use in ``table``: the file's columns, then its declared derives
        (not the ``lag(x)`` columns made for a claim's text, which are expressions, not names)."""
        made = self.windows.get(table, set())
        return list(self.sources[table].columns) + [d for d in self.derives.get(table, {}) if d not in made]

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
        """Record that ``column`` of ``table`` is needed (a derive pulls in its inputs).

        Iterative: a derive built on a long chain of derives never deepens the Python stack.
        A derive with an error of its own (a cycle, too deep a chain) is already reported
        by :meth:`order_derives` and is skipped here.
        """
        derives = self.derives.get(table, {})
        if column not in derives:
            self._use_source(table, column, name)
            return
        if column in self.used_derives[table] or column in self.broken.get(table, set()):
            return
        needed, todo = {column}, [column]
        while todo:
            for inner in names(derives[todo.pop()]):
                if inner.link is not None:
                    continue  # reported by order_derives: a derive reads its own table only
                if inner.column in derives:
                    if inner.column not in needed and inner.column not in self.used_derives[table]:
                        needed.add(inner.column)
                        todo.append(inner.column)
                else:
                    self._use_source(table, inner.column, name)
        if needed & self.broken.get(table, set()):
            return
        level = self.levels.get(table, {})
        self.used_derives[table] += sorted(needed, key=lambda d: level.get(d, 0))
        self.used_derives[table].sort(key=lambda d: level.get(d, 0))  # stable: dependency order

    def _use_source(self, table: str, column: str, name: Name | None) -> None:
        src = self.sources[table]
        if column in src.columns or src.missing:
            self.used[table].add(column)
            return
        raise UnknownName(name or Name(column), suggest(column, self.columns_of(table)),
                          f"table '{table}' has no column '{column}'", hint=src.reading_hint(),
                          columns=self.columns_of(table))

    def derive_sql(self, table: str, column: str) -> str:
        """The SQL of one derive column, over the table's columns and its other derives.

        Other derives are referred to by name, never inlined (``d2: d1 + d1`` reads the
        column ``d1`` twice, it does not compute ``d1`` twice): the engine computes the
        derives of a table in levels, each over the columns of the levels below (see
        ``DuckDB.table_sql``), once when the table is read, over the whole table in file
        order, before any claim's ``where``.
        """
        expr = self.derives[table][column]
        derives = self.derives.get(table, {})

        def resolve(name: Name) -> str:
            if name.link is not None:
                raise UnknownName(name, (), f"'{name.link}.{name.column}': a derived column can use only its own table's columns")
            if name.column == column:
                raise UnknownName(name, (), f"derive '{column}' refers to itself")
            src = self.sources[table]
            if name.column not in derives and name.column not in src.columns and not src.missing:
                raise UnknownName(name, suggest(name.column, self.columns_of(table)),
                                  f"table '{table}' has no column '{name.column}'", columns=self.columns_of(table))
            return f"{quote_ident(table)}.{quote_ident(name.column)}"

        text = self.derive_text.get(table, {}).get(column)
        sql = to_sql(expr, resolve, row_order=f"{quote_ident(table)}.{quote_ident(ROW)}", text=text)
        if text is not None:
            check_types(expr, text, self.column_type(table))
        return sql

    def order_derives(self, table: str) -> list[tuple[str, str, str]]:
        """Give each derive of ``table`` its level; return (column, problem, hint) for the broken.

        A derive over the file's columns only is on level 1; one over derives is one level
        above the highest it uses. A derive that depends on itself (directly or through
        others), or that sits more than :data:`MAX_DERIVE_DEPTH` levels up, is broken.
        """
        derives = self.derives.get(table, {})
        deps = {c: list(dict.fromkeys(n.column for n in names(e) if n.link is None and n.column in derives))
                for c, e in derives.items()}
        level: dict[str, int] = {}
        waiting = {c: len(d) for c, d in deps.items()}
        users: dict[str, list[str]] = {c: [] for c in derives}
        for c, d in deps.items():
            for dep in d:
                users[dep].append(c)
        ready = [c for c, n in waiting.items() if n == 0]
        while ready:  # Kahn's topological order: each derive after everything it uses
            c = ready.pop()
            level[c] = 1 + max((level[d] for d in deps[c]), default=0)
            for user in users[c]:
                waiting[user] -= 1
                if waiting[user] == 0:
                    ready.append(user)
        self.levels[table] = level
        problems: list[tuple[str, str, str]] = []
        broken = self.broken.setdefault(table, set())
        for c in derives:
            if c in level:
                if level[c] == MAX_DERIVE_DEPTH + 1:
                    chain = _chain(c, deps, level)
                    problems.append((c, f"derive '{c}' is built on a chain of {MAX_DERIVE_DEPTH} other derives "
                                        f"({chain}); at most {MAX_DERIVE_DEPTH} may build on each other",
                                     "compute it in fewer steps from the file's columns, or add the column to the data"))
                if level[c] > MAX_DERIVE_DEPTH:
                    broken.add(c)
                continue
            broken.add(c)
            loop = _cycle(c, deps, level)
            if loop is not None:
                through = (" through " + ", ".join(f"'{d}'" for d in loop[1:])) if len(loop) > 1 else ""
                problems.append((c, f"derive '{c}' refers to itself{through}",
                                 "a derive can build on other derives, but not in a circle"))
        return problems

    def needs_row_order(self, table: str) -> bool:
        """Is ``table`` read with its file-order row number (:data:`ROW`): for its ``lag``/``lead``
        derives, or because it was asked for (:attr:`ordered`: ``explain --rows`` on Spark)?"""
        return table in self.ordered or self.windows_need_order(table)

    def windows_need_order(self, table: str) -> bool:
        """Do the used derives of ``table`` call ``lag``/``lead`` (computed in file order)?"""
        from ..expressions import WINDOW_FUNCTIONS, calls
        return any(c.function in WINDOW_FUNCTIONS for d in self.used_derives[table]
                   for c in calls(self.derives[table][d]))

    def windowed(self, table: str) -> set[str]:
        """The used derives of ``table`` computed over its whole order (``lag``/``lead``), and the
        derives built on them: the columns an engine may compute once and keep."""
        from ..expressions import WINDOW_FUNCTIONS, calls, names
        out: set[str] = set()
        for d in self.used_derives[table]:  # dependency order: what a derive uses is seen first
            expr = self.derives[table][d]
            if any(c.function in WINDOW_FUNCTIONS for c in calls(expr)) or any(
                    n.link is None and n.column in out for n in names(expr)):
                out.add(d)
        return out

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
            self.windows.setdefault(table, set()).add(column)
            self.derive_text.setdefault(table, {})[column] = column
            levels = self.levels.setdefault(table, {})  # one level above the derives it reads
            levels[column] = 1 + max((levels.get(n.column, 1) for n in names(call) if n.column in derives), default=0)
        return Name(column, None, call.position)

    def column_type(self, table: str) -> Callable[[Name], ValueType | None]:
        """The type of a name in ``table``'s scope, from the header's DuckDB types and the
        derives' expressions (None when it cannot be told)."""

        known: dict[tuple[str, str], ValueType | None] = {}  # each derive inferred once: d2: d1 + d1 is linear

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
                if (home, name.column) not in known:
                    known[(home, name.column)] = infer(expr, lambda n: of(n, seen | {(home, name.column)}))
                return known[(home, name.column)]
            return value_type(self.sources[home].columns.get(name.column))

        return of

    # ------------------------------------------------------------------ time
    def home_of(self, table: str, tree: Expr) -> str | None:
        """The table whose column ``tree`` is, in ``table``'s scope: itself, or the table its link
        reaches (``case.filed_year``); None when ``tree`` is no column, or its link is unknown."""
        if not isinstance(tree, Name):
            return None
        if tree.link is None:
            return table
        link = self.links.get(table, {}).get(tree.link)
        return link.target if link is not None else None

    def is_time_expr(self, table: str, tree: Expr) -> bool:
        """Is ``tree`` a time column of ``table`` (or of the table one of its links reaches)? Asked
        again after reading, it knows the CSV columns DuckDB read as dates."""
        home = self.home_of(table, tree)
        return home is not None and isinstance(tree, Name) and self.is_time(home, tree.column)

    def declared_text(self, table: str, tree: Expr) -> bool:
        """Is ``tree`` a column the claims file declares ``type: text`` (``precinct: {type: text}``),
        of ``table`` or of the table one of its links reaches? Its values are categories, even
        when they are whole numbers: an axis over it has no periods between them."""
        home = self.home_of(table, tree)
        if home is None or not isinstance(tree, Name):
            return False
        spec = self.sources[home].decl.columns.get(tree.column)
        return spec is not None and spec.type == "text"

    def counts_of(self, table: str, tree: Expr) -> str | None:
        """What ``tree``'s values are numbers of, when it is a column the claims file declares
        ``counts:`` (``inmates: {counts: inmates}``), of ``table`` or of a table its links reach."""
        home = self.home_of(table, tree)
        if home is None or not isinstance(tree, Name):
            return None
        spec = self.sources[home].decl.columns.get(tree.column)
        return spec.counts if spec is not None else None

    def counted_columns(self, table: str) -> dict[str, str]:
        """The columns of ``table`` declared ``counts:``, with what each counts."""
        return {c: spec.counts for c, spec in self.sources[table].decl.columns.items() if spec.counts is not None}

    def is_time(self, table: str, column: str) -> bool:
        """Is ``column`` a time column (declared in ``time:``, typed date or timestamp), or derived from one?

        Walks the derives over an explicit stack, each at most once, so a long chain costs its length.
        """
        src = self.sources[table]
        decl = src.decl
        time_columns = set(decl.time_columns())
        derives = self.derives.get(table, {})
        seen, todo = {column}, [column]
        while todo:
            current = todo.pop()
            spec = decl.columns.get(current)
            if (current in time_columns or (spec is not None and spec.type in TIME_SPECS)
                    or src.columns.get(current, "").upper().startswith(TIME_TYPES)):
                return True
            for n in names(derives[current]) if current in derives else ():
                if n.link is None and n.column not in seen:
                    seen.add(n.column)
                    todo.append(n.column)
        return False

    def untyped_roots(self, table: str, column: str) -> list[str]:
        """The file columns ``column`` rests on whose type is learnt only when the table is read
        (an undeclared CSV column): it is a time column if one of them reads as a date.

        Each derive is looked into once (an explicit stack), so ``d2: d1 + d1`` chains stay linear.
        """
        src = self.sources[table]
        derives = self.derives.get(table, {})
        roots: list[str] = []
        seen, todo = {column}, [column]
        while todo:
            current = todo.pop()
            expr = derives.get(current)
            if expr is None:
                spec = src.decl.columns.get(current)
                if src.columns.get(current) == "?" and (spec is None or spec.type is None):
                    roots.append(current)
                continue
            for n in names(expr):
                if n.link is None and n.column not in seen:
                    seen.add(n.column)
                    todo.append(n.column)
        return roots



def _chain(column: str, deps: dict[str, list[str]], level: dict[str, int]) -> str:
    """The longest chain of derives below ``column``, shortened for a message: 'd50 → … → d1'."""
    chain = []
    current: str | None = column
    while current is not None:
        below = [d for d in deps[current] if d in level]
        current = max(below, key=lambda d: level[d]) if below else None
        if current is not None:
            chain.append(current)
    shown = chain if len(chain) <= 4 else chain[:2] + ["…"] + chain[-1:]
    return " → ".join(shown)


def _cycle(column: str, deps: dict[str, list[str]], level: dict[str, int]) -> list[str] | None:
    """The circle ``column`` is on (``[column, b, c]`` for column → b → c → column), or None
    when it only uses a derive that is on a circle."""
    path, seen = [column], {column: 0}
    current = column
    while True:
        nxt = next((d for d in deps[current] if d not in level), None)
        if nxt is None:
            return None
        if nxt == column:
            return path
        if nxt in seen:
            return None  # a circle further on, reported at its own members
        seen[nxt] = len(path)
        path.append(nxt)
        current = nxt


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
