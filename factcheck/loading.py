"""Reading a run's tables into DuckDB: once each, only the columns used, then checked.

:class:`Loading` is the part of a :class:`~factcheck.engine.Session` that reads data:
each table becomes one DuckDB table holding the columns the claims, derives, lookups and
contracts use, with derive columns computed in file order. Then lookups are checked to
be many-to-one and column contracts to hold, before any claim is judged.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from .catalog import ROW, Catalog
from .claims import LoadedClaims
from .errors import ClaimsFileError, DataError, Problem
from .expressions import quote_ident
from .plan import ChangeNode, ClaimPlan, ExtremeNode, RatioNode, Simple, StreakNode, TopNode
from .report import TableUse
from .tables import Source, data_error, sha256


class Loading:
    """Reads the tables a session needs (mixed into :class:`~factcheck.engine.Session`)."""

    loaded: LoadedClaims
    con: Any
    sources: dict[str, Source]
    catalog: Catalog
    plans: list[ClaimPlan]
    uses: list[TableUse]
    everything: bool

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        return self.con.execute(sql).fetchall()  # type: ignore[no-any-return]

    def materialize(self) -> list[TableUse]:
        """Read every table the run needs (with ``everything``: all declared), once; fingerprint them meanwhile."""
        needed = [s for s in self.sources.values() if not s.missing and self._wanted(s.name)]
        with ThreadPoolExecutor(max_workers=2) as pool:
            digests = {s.name: pool.submit(sha256, s) for s in needed}
            for src in needed:
                self._read(src)
            self._check_contracts(needed)
            problems = self._check_keys()
            self.uses = [TableUse(name=s.name, path=s.shown_path, sha256=digests[s.name].result(),
                                  rows=self.con.execute(f"SELECT count(*) FROM {quote_ident(s.name)}").fetchall()[0][0],
                                  columns_read=sorted(self.catalog.used[s.name]))
                         for s in needed]
        if problems:
            raise ClaimsFileError(problems)
        return self.uses

    def _wanted(self, table: str) -> bool:
        return self.everything or any(table in p.tables or _joined(p, table) for p in self.plans)

    def table_select(self, name: str, *, for_reader: bool = False) -> str:
        """The SELECT that reads a table: used columns, then derives, in file order."""
        src, cat = self.sources[name], self.catalog
        cols = [c for c in src.columns if c in cat.used[name]] or list(src.columns)[:1]
        scan = src.scan_sql(for_reader=for_reader, base=Path.cwd())
        row = f"row_number() OVER () AS {quote_ident(ROW)}, " if cat.needs_row_order(name) else ""
        inner = f"SELECT {row}{', '.join(quote_ident(c) for c in cols)} FROM {scan}"
        # derives in levels: each level's SELECT adds the derives that use only the columns below
        # it, so a derive used by others is computed once, never copied into their SQL
        levels: dict[int, list[str]] = {}
        for d in cat.used_derives[name]:
            levels.setdefault(cat.levels.get(name, {}).get(d, 1), []).append(d)
        sql = inner
        for level in sorted(levels):
            derives = [f"{cat.derive_sql(name, d)} AS {quote_ident(d)}" for d in levels[level]]
            sql = "SELECT *,\n    " + ",\n    ".join(derives) + f"\n  FROM ({sql}) AS {quote_ident(name)}"
        return sql

    def _check_contracts(self, sources: list[Source]) -> None:
        """Data contracts (columns:): counted on the tables as read; every violation shown on failure."""
        from .contracts import check_source, holds
        problems = [p for src in sources if src.decl.columns and not holds(self.con, src)
                    for p in check_source(self.con, src)]
        if problems:
            raise DataError(problems)

    def _read(self, src: Source) -> None:
        try:
            self.con.execute(f"CREATE TABLE {quote_ident(src.name)} AS {self.table_select(src.name)}")
        except Exception as exc:  # conversion, binder and IO errors all get located
            if src.decl.columns:  # a value that breaks the contract: show every one, with its line
                from .contracts import check_source
                problems = check_source(self.con, src)
                if problems:
                    raise DataError(problems) from None
            if self.catalog.used_derives[src.name] and "Binder" in type(exc).__name__ + str(exc)[:20]:
                raise ClaimsFileError([Problem(
                    f"a derive of table '{src.name}' cannot be computed: {str(exc).splitlines()[0]}",
                    file=str(self.loaded.path), line=self.loaded.table_line(src.name, "derive"),
                    hint="check the column types it uses; declare them under columns: (e.g. filed_date: date)")])
            raise data_error(src, exc) from None

    def _check_keys(self) -> list[Problem]:
        """Every lookup used is many-to-one; with ``check``, every declared key is unique too."""
        problems = []
        read = self.uses_names()
        checks: list[tuple[str, str, tuple[str, ...], str]] = [(s.name, s.decl.key, ("tables", s.name, "key"), "key") for s in self.sources.values()
                  if self.everything and s.decl.key and s.name in read]
        for table, links in self.catalog.links.items():
            for link in links.values():
                if link.target in read and table in read:
                    checks.append((link.target, link.remote, ("tables", table, "lookup", link.name), f"lookup '{link.name}'"))
        done = set()
        for table, column, path, what in checks:
            if (table, column) in done or column not in self.catalog.used[table]:
                continue
            done.add((table, column))
            col, tbl = quote_ident(column), quote_ident(table)
            if not self.query(f"SELECT count({col}) - count(DISTINCT {col}) FROM {tbl}")[0][0]:
                continue  # the cheap test first; name the duplicates only when there are some
            dupes = self.con.execute(
                f"SELECT {quote_ident(column)}, count(*) FROM {quote_ident(table)} GROUP BY 1 "
                f"HAVING count(*) > 1 ORDER BY 2 DESC, 1 LIMIT 3").fetchall()
            if dupes:
                shown = ", ".join(f"{v!s} ({n} rows)" for v, n in dupes)
                problems.append(Problem(
                    f"{what}: column '{column}' of table '{table}' is not unique: {shown}",
                    file=str(self.loaded.path), line=self.loaded.lines.line(path),
                    hint="a lookup must point at exactly one row, or rows would be counted twice; "
                         "fix the data or join on a unique column"))
        return problems

    def uses_names(self) -> set[str]:
        return {s.name for s in self.sources.values() if not s.missing and self._wanted(s.name)}

    # ------------------------------------------------------------------ running


def _joined(plan: ClaimPlan, table: str) -> bool:
    nodes: list[Any] = [plan.node]
    while nodes:
        n = nodes.pop()
        if isinstance(n, (Simple, TopNode, StreakNode)) and any(l.target == table for l in n.scan.joins.values()):
            return True
        if isinstance(n, RatioNode):
            nodes += [n.numerator, n.denominator]
        elif isinstance(n, (ChangeNode, ExtremeNode)):
            nodes.append(n.inner)
        elif isinstance(n, TopNode) and n.by is not None:
            nodes.append(n.by)
    return False
