"""Data tables: finding the files a claims file names, reading their headers, and their read errors.

Every table is read once per run, and only the columns the claims use (the
reading itself is the run's; this module says where a table is and how to scan
it, and turns a failed read into a located message). A table may also be a pandas DataFrame handed
to the library API. Paths in a claims file are relative to the file, and must
stay inside its repository unless the caller widens that explicitly
(``data_root``): a claims file written by anyone must not be able to read
``/etc/passwd``.
"""

from __future__ import annotations

import csv
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from ..claims import COLUMN_TYPES, LoadedClaims, Table
from ..errors import DataError, Problem
from ..expressions import quote_ident, quote_literal

if TYPE_CHECKING:  # pandas is imported only when a caller passes DataFrames
    import duckdb
    import pandas


@dataclass
class Source:
    """A declared table, located, with its header known (but not yet read)."""

    name: str
    decl: Table
    path: Path | None            # None for a DataFrame
    shown_path: str              # as the claims file wrote it, or '<dataframe>'
    columns: dict[str, str] = field(default_factory=dict)  # header: name -> DuckDB type
    frame: "pandas.DataFrame | None" = None
    missing: bool = False        # an optional table whose file is absent
    line: int | None = None
    file: str = ""               # the claims file, for messages

    @property
    def format(self) -> str:
        if self.decl.format:
            return self.decl.format
        return "parquet" if self.path and self.path.suffix.lower() in (".parquet", ".pq") else "csv"

    def scan_sql(self, *, for_reader: bool = False, base: Path | None = None) -> str:
        """The SQL table function that reads this table: ``read_csv('…', …)``.

        ``for_reader`` gives the path relative to ``base`` (the working
        directory) so a reader can paste the query into DuckDB.
        """
        if self.frame is not None:
            return quote_ident(f"__frame_{self.name}")
        assert self.path is not None
        shown = str(self.path)
        if for_reader and base is not None:
            try:
                shown = str(self.path.relative_to(base))
            except ValueError:
                shown = str(self.path)
        if self.format == "parquet":
            return f"read_parquet({quote_literal(shown)})"
        return f"read_csv({quote_literal(shown)}, {csv_options_sql(self.decl)})"


def csv_options_sql(decl: Table) -> str:
    """read_csv options from the claims file; explicit enough that DuckDB never guesses skipped rows."""
    opts = decl.csv
    parts = [f"delim={quote_literal(opts.delimiter if opts and opts.delimiter else ',')}",
             f"header={'true' if not opts or opts.header else 'false'}",
             f"skip={opts.skip if opts else 0}",
             f"quote={quote_literal(opts.quote if opts and opts.quote else chr(34))}"]
    nulls = ([opts.null] if isinstance(opts.null, str) else opts.null) if opts and opts.null is not None else [""]
    parts.append("nullstr=[" + ", ".join(quote_literal(n) for n in nulls) + "]")
    parts.append(f"dateformat={quote_literal(opts.date_format if opts else '%Y-%m-%d')}")
    if opts and opts.encoding:
        parts.append(f"encoding={quote_literal(opts.encoding)}")
    if opts and opts.names:
        parts.append("names=[" + ", ".join(quote_literal(n) for n in opts.names) + "]")
    types = {c: COLUMN_TYPES[spec.type] for c, spec in decl.columns.items() if spec.type}
    if types:
        parts.append("types={" + ", ".join(f"{quote_literal(c)}: {quote_literal(t)}" for c, t in types.items()) + "}")
    return ", ".join(parts)


def repository_root(start: Path) -> Path:
    """The boundary data and articles must stay inside (see ``describe_root``).

    The nearest folder above ``start`` holding ``.git``; outside any git repository the
    current directory, when ``start`` lies inside it (so ``claims/`` beside ``data/`` works
    in a plain folder); else ``start`` itself.
    """
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    cwd = Path.cwd().resolve()
    if start.is_relative_to(cwd) and not _too_wide(cwd):
        return cwd
    return start


def _too_wide(folder: Path) -> bool:
    """The filesystem root and the home folder hold too much to be a data boundary."""
    try:
        home = Path.home().resolve()
    except RuntimeError:  # no home folder known
        home = None
    return folder == Path(folder.anchor) or folder == home


def describe_root(root: Path) -> str:
    """Say which folder ``repository_root`` chose and why, for refusal messages."""
    if (root / ".git").exists():
        return f"the git repository {root}"
    if root == Path.cwd().resolve():
        return f"the current directory {root} (no git repository found)"
    return (f"the claims file's folder {root} (no git repository found, and the current directory "
            "does not hold the claims file or is / or your home folder)")


def locate(loaded: LoadedClaims, frames: dict[str, Any] | None,
           data_root: Path | None) -> tuple[list[Source], list[Problem]]:
    """Find every declared table; report missing files and paths outside the repository."""
    file = str(loaded.path)
    root = (data_root or repository_root(loaded.base_dir)).resolve()
    where = f"--data-root {root}" if data_root else describe_root(root)
    sources, problems = [], []
    for name, decl in loaded.model.tables.items():
        line = loaded.table_line(name, "path")
        if frames and name in frames:
            sources.append(Source(name, decl, None, "<dataframe>", frame=frames[name], line=line, file=file))
            continue
        path = (loaded.base_dir / decl.path).resolve()
        src = Source(name, decl, path, decl.path, line=line, file=file)
        if not path.is_relative_to(root):
            problems.append(Problem(
                f"table '{name}' points outside the repository ({decl.path} resolves to {path})",
                file=file, line=line,
                hint=f"data must stay inside {where}; move it there, run factcheck from a folder "
                     "that holds both, or pass --data-root to allow another folder explicitly"))
            continue
        if not path.is_file():
            if decl.optional:
                src.missing = True
            else:
                problems.append(Problem(
                    f"data file for table '{name}' not found: {decl.path} (looked at {path})",
                    file=file, line=line,
                    hint="paths are relative to the claims file; mark the table 'optional: true' "
                         "if its claims should be unverifiable without it"))
                continue
        sources.append(src)
    return sources, problems


def read_header(con: "duckdb.DuckDBPyConnection", src: Source) -> None:
    """Learn the table's columns and types without reading its rows."""
    if src.missing:
        return
    if src.frame is not None:
        con.register(f"__frame_{src.name}", src.frame)
    elif src.format == "csv" and not (src.decl.csv and (src.decl.csv.names or not src.decl.csv.header)):
        names = _csv_header(src)
        if names is not None:
            src.columns = {n: "?" for n in names}  # types are learnt when the table is read
            return
    try:
        rows = con.execute(f"DESCRIBE SELECT * FROM {src.scan_sql()}").fetchall()
    except Exception as exc:  # duckdb raises several classes; all become one located message
        raise data_error(src, exc) from None
    src.columns = {r[0]: r[1] for r in rows}


@contextmanager
def _csv_reader(src: Source, default_encoding: str = "utf-8") -> Iterator[Any]:
    """Python's csv reader over the file, with the table's reading options and skipped lines."""
    assert src.path is not None
    opts = src.decl.csv
    with open(src.path, newline="", encoding=(opts.encoding if opts and opts.encoding else default_encoding)) as fh:
        for _ in range(opts.skip if opts else 0):
            fh.readline()
        yield csv.reader(fh, delimiter=(opts.delimiter if opts and opts.delimiter else ","),
                         quotechar=(opts.quote if opts and opts.quote else '"'))


def _csv_header(src: Source) -> list[str] | None:
    """The header row, read with Python's csv module: no need to sniff the file twice."""
    try:
        with _csv_reader(src, "utf-8-sig") as reader:
            row: list[str] | None = next(reader, None)
    except (OSError, UnicodeDecodeError, csv.Error, LookupError):
        return None  # let DuckDB read it and report the problem in its own words
    if not row or len(set(row)) != len(row) or any(not c.strip() for c in row):
        return None
    return row


# --------------------------------------------------------------------------- read errors

_LINE = re.compile(r"CSV Error on Line:\s*(\d+)")
_COLUMN = re.compile(r'column "([^"]+)"', re.I)
_VALUE = re.compile(r'Could not convert string "([^"]*)" to \'?([A-Z0-9_()]+)')


def data_error(src: Source, exc: Exception) -> DataError:
    """Turn a DuckDB read failure into a message naming the file, the row and the column."""
    text = str(exc)
    where: dict[str, Any] = dict(file=src.shown_path if src.path is None else str(src.path))
    if "No files found" in text or "No such file" in text:
        return DataError([Problem(f"cannot open the data file for table '{src.name}'", **where,
                                  hint="check the path in the claims file")])
    line = _LINE.search(text)
    col = _COLUMN.search(text)
    val = _VALUE.search(text)
    if line and val:
        column = col.group(1) if col else None
        declared = column in src.decl.columns if column else False
        return DataError([Problem(
            f"line {line.group(1)}, column '{column}': value '{val.group(1)}' is not a valid {val.group(2).lower()}",
            **where, line=int(line.group(1)), column=column,
            hint=("the claims file declares this column's type; fix the value or the declaration" if declared
                  else f"the type was inferred from earlier rows; declare it (columns: {{{column}: text}}) "
                       "or fix the value"))])
    shape = _csv_shape_problem(src) if src.format == "csv" and src.path else None
    if shape:
        return DataError([shape])
    first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    return DataError([Problem(f"cannot read table '{src.name}': {first}", **where,
                              line=int(line.group(1)) if line else None,
                              hint="check the file's format and the table's csv: options")])


def _csv_shape_problem(src: Source) -> Problem | None:
    """Find the first row whose number of fields differs from the header's (only on failure)."""
    assert src.path is not None
    opts = src.decl.csv
    try:
        with _csv_reader(src) as reader:
            width = None
            for row in reader:
                if width is None:
                    width = len(row)
                    continue
                if row and len(row) != width:
                    line = reader.line_num + (opts.skip if opts else 0)  # lines of the file
                    return Problem(
                        f"line {line} has {len(row)} fields, the header has {width}",
                        file=str(src.path), line=line,
                        hint="a value with the delimiter in it needs quotes; or the row is cut short")
    except UnicodeDecodeError as exc:
        return Problem(f"the file is not valid {opts.encoding if opts and opts.encoding else 'UTF-8'}: {exc.reason}",
                       file=str(src.path), hint="set csv: {encoding: latin-1} (or the file's encoding)")
    except (OSError, csv.Error) as exc:
        return Problem(f"cannot read the file: {exc}", file=str(src.path))
    return None
