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
import errno
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from ..claims import COLUMN_TYPES, LoadedClaims, Table
from ..errors import DataError, Problem, UsageError
from ..expressions import quote_ident, quote_literal
from ..interrupts import reraise_interrupt
from .datafiles import Unreadable, duckdb_encoding, exact, not_a_file, only_this_file, python_encoding, sniff
from .places import shown
from .versions import Version, version_of

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
    version: Version | None = None  # the file's identity before the run first read it (see versions.py)

    @property
    def format(self) -> str:
        if self.path is None:  # a DataFrame, or an optional table without its file
            return self.decl.format or "csv"
        return self.decl.file_format(self.path)  # the ending of the file found (a link's target's)

    @property
    def in_place(self) -> bool:
        """Is the table queried where it lies (a Parquet file: its columns and row groups are read
        by each query as needed), rather than read once into the engine (a CSV, a DataFrame)?"""
        return self.frame is None and self.format == "parquet"

    def scan_sql(self, *, for_reader: bool = False, base: Path | None = None, row_numbers: bool = False) -> str:
        """The SQL table function that reads this table: ``read_csv('…', …)``.

        ``for_reader`` gives the path relative to ``base`` (the working
        directory) so a reader can paste the query into DuckDB. ``row_numbers`` asks a
        Parquet scan for its ``file_row_number`` column (the row's place in the file, from 0).
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
            if shown.startswith("~"):  # DuckDB would read it as the home folder
                shown = "./" + shown
        if row_numbers and self.format == "parquet":
            return self.reader_sql(shown, options="file_row_number=true")
        return self.reader_sql(shown)

    def likely_delimiter(self) -> tuple[str, str, str] | None:
        """When the header read as one column holding ';', tab, '|' or ',': that character, its name and
        how a claims file writes it (``("\\t", "tab", '"\\\\t"')``); else None."""
        if self.frame is not None or self.format != "csv" or len(self.columns) != 1:
            return None
        header = next(iter(self.columns))
        for char, word, written in ((";", "semicolon", "';'"), ("\t", "tab", '"\\t"'), ("|", "pipe", "'|'"),
                                    (",", "comma", "','")):  # a .tsv file that holds commas
            if char in header and char != self.decl.delimiter(self.path):
                return char, word, written
        return None

    def delimiter_hint(self) -> str | None:
        """When the header read as one column holding ';', tab, '|' or ',': the delimiter to declare."""
        found = self.likely_delimiter()
        if found is None:
            return None
        header = next(iter(self.columns))
        return (f"the file looks {found[1]}-delimited (its header reads as the one column "
                f"{header[:60]!r}): set csv: {{delimiter: {found[2]}}} on the table")

    def reading_hint(self) -> str | None:
        """Why the header may not be the file's (on a failure only): another delimiter
        (:meth:`delimiter_hint`), or title lines above the header (:func:`title_lines`)."""
        found = self.delimiter_hint()
        if found is None and self.frame is None and self.format == "csv" and self.path is not None:
            title = title_lines(self)
            found = title.hint if title is not None else None
        return found

    def reader_sql(self, path: str, *, options: str | None = None) -> str:
        """``read_csv``/``read_parquet`` of exactly this one file (glob characters escaped)."""
        name = quote_literal(exact(path))
        if self.format == "parquet":
            return f"read_parquet({name}{', ' + options if options else ''})"
        return f"read_csv({name}, {options if options is not None else csv_options_sql(self.decl, self.path)})"


def csv_options_sql(decl: Table, found: Path | None = None) -> str:
    """read_csv options from the claims file; explicit enough that DuckDB never guesses skipped rows.
    ``found``: the file itself (a link's target), whose ending gives the default delimiter."""
    opts = decl.csv
    parts = [f"delim={quote_literal(decl.delimiter(found))}",
             f"header={'true' if not opts or opts.header else 'false'}",
             f"skip={opts.skip if opts else 0}",
             f"quote={quote_literal(opts.quote if opts and opts.quote else chr(34))}"]
    nulls = ([opts.null] if isinstance(opts.null, str) else opts.null) if opts and opts.null is not None else [""]
    parts.append("nullstr=[" + ", ".join(quote_literal(n) for n in nulls) + "]")
    parts.append(f"dateformat={quote_literal(opts.date_format if opts else '%Y-%m-%d')}")
    if opts and opts.encoding:
        parts.append(f"encoding={quote_literal(duckdb_encoding(opts.encoding) or opts.encoding)}")
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
    in a plain folder); else ``start`` itself. A repository at the home folder or at ``/`` (dotfiles
    kept in git) is no boundary: a claims file unpacked anywhere below it could read
    ``~/.aws/credentials``; it counts as no repository.
    """
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            if _too_wide(folder):  # dotfiles kept in git at ~ (or a repository at /): no boundary at all
                break
            return folder
    cwd = Path.cwd().resolve()
    if start.is_relative_to(cwd) and not _too_wide(cwd):
        return cwd
    return start


def follow(base: Path, written: str) -> tuple[Path | None, str | None]:
    """The file a path of the claims file names, resolved (links followed), or why it cannot be:
    a loop of links, a NUL character or a name longer than the system allows raised from ``resolve``
    as an internal error before."""
    try:
        path = (base / written).resolve()
        path.exists()  # a name too long for the system raises here, not in resolve
        return path, None
    except RuntimeError:  # Python 3.11-3.12 raise this for a loop of symbolic links
        return None, "it is a loop of symbolic links"
    except ValueError:
        return None, "it holds a NUL character"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, "it is a loop of symbolic links"
        if exc.errno == errno.ENAMETOOLONG:
            return None, "it is longer than the system allows"
        return None, exc.strerror or str(exc)


VERSION_CONTROL = (".git", ".hg", ".svn")
"""Folders that are a version-control system's own, not the repository's content."""


def version_control_folder(path: Path, root: Path) -> str | None:
    """The version-control folder (``.git``) a file a claims file names lies in, below ``root``; None
    when it lies in none. Such a folder is inside the repository by its path, but git's ``config``
    holds the remote's URL with its token and, in a CI checkout, the authorization header: read as
    data, a claims file from anyone in the newsroom could copy it into the log and the reports. So
    it is never read, with ``--data-root`` or without. ``path`` is resolved (a link into ``.git``
    is refused as the folder itself is). A git folder of another name (a bare clone ``mirror.git``, a
    ``--separate-git-dir``) is known by what it holds: ``HEAD``, ``config`` and ``objects/``."""
    try:
        parts, folder = path.relative_to(root).parts, root
    except ValueError:
        parts, folder = path.parts, Path(path.anchor)
    for part in parts[:-1] if parts else ():
        folder = folder / part
        if part.lower() in VERSION_CONTROL or _holds_a_git_repository(folder):
            return part
    return parts[-1] if parts and parts[-1].lower() in VERSION_CONTROL else None


def _holds_a_git_repository(folder: Path) -> bool:
    try:
        return (folder / "HEAD").is_file() and (folder / "config").is_file() and (folder / "objects").is_dir()
    except OSError:
        return False


def version_control_problem(what: str, written: str, path: Path, folder: str) -> tuple[str, str]:
    """The message and hint of a file in a version-control folder (:func:`version_control_folder`)."""
    return (f"{what} points into the repository's {folder} folder ({written} resolves to {path})",
            f"{folder} holds the version-control system's own files (git's config holds the remote's URL and "
            "its token), never data: point at a file of the story's own")


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


_URL = re.compile(r"[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_LISTED = 1000  # the files of a folder looked at for a name close to a missing one


def _not_found_hint(written: str, path: Path) -> str:
    """What to do about a data file that is not there: a web address is not read (a claims file
    makes factcheck read files of its repository alone); a file of a close name in the same folder
    (``cases`` for ``cases.csv``, ``case.csv``) is offered."""
    usual = ("paths are relative to the claims file; mark the table 'optional: true' if its claims should be "
             "unverifiable without it")
    if _URL.match(written):
        return ("factcheck reads files, not web addresses: download the file into the repository and point "
                "path: at it")
    from ..suggestions import suggest
    try:
        names = [entry.name for entry in islice(path.parent.iterdir(), _LISTED)
                 if not entry.name.startswith(".") and entry.is_file()]
    except OSError:
        return usual
    close = [n for n in names if Path(n).stem == path.name] or suggest(path.name, names, n=1)
    if not close:
        return usual
    folder = written[: len(written) - len(Path(written).name)]
    return f"did you mean '{folder}{close[0]}'? {usual}"


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
        path, unfollowed = follow(loaded.base_dir, decl.path)
        if path is None:
            problems.append(Problem(f"the path of table '{name}' cannot be followed: {unfollowed}", file=file,
                                    line=line, hint="point path: at the data file itself, relative to the claims file"))
            continue
        src = Source(name, decl, path, decl.path, line=line, file=file)
        if not path.is_relative_to(root):
            problems.append(Problem(
                f"table '{name}' points outside the repository ({decl.path} resolves to {path})",
                file=file, line=line,
                hint=f"data must stay inside {where}; move it there, run factcheck from a folder "
                     "that holds both, or pass --data-root to allow another folder explicitly"))
            continue
        folder = version_control_folder(path, root)
        if folder is not None:
            message, hint = version_control_problem(f"table '{name}'", decl.path, path, folder)
            problems.append(Problem(message, file=file, line=line, hint=hint))
            continue
        kind = not_a_file(path)  # never opened: a FIFO would block the run
        if kind:
            problems.append(Problem(
                f"the data file for table '{name}' is {kind}, not a file: {decl.path} ({path})",
                file=file, line=line, hint="point path: at the data file itself"))
            continue
        if not path.is_file():
            if decl.optional:
                src.missing = True
            else:
                problems.append(Problem(
                    f"data file for table '{name}' not found: {decl.path} (looked at {path})",
                    file=file, line=line, hint=_not_found_hint(decl.path, path)))
                continue
        sources.append(src)
    return sources, problems


def read_header(con: "duckdb.DuckDBPyConnection", src: Source) -> None:
    """Learn the table's columns and types without reading its rows.

    Before DuckDB sees a file: it must be what the table declares (:func:`sniff`), its
    name must match only itself, and ``skip`` must leave a line to read. After: no two
    columns may share a name (DuckDB would rename the second, and claims would silently
    read the first).
    """
    if src.missing:
        return
    if src.path is None:  # handed in by the caller instead of a file
        _register_frame(con, src)
    else:
        _check_file(con, src)
        src.version = version_of(src.path)  # the one version the run may read (checked at its end)
        if src.format == "csv" and not (src.decl.csv and (src.decl.csv.names or not src.decl.csv.header)):
            names = _csv_header(src)
            if names is not None:
                _refuse_repeated(src, names)
                if all(n.strip() for n in names):  # DuckDB names blank ones itself
                    src.columns = {n: "?" for n in names}  # types are learnt when the table is read
                    return
    try:
        rows = con.execute(f"DESCRIBE SELECT * FROM {src.scan_sql()}").fetchall()
    except Exception as exc:  # duckdb raises several classes; all become one located message
        raise data_error(src, exc) from None
    src.columns = {r[0]: r[1] for r in rows}


def _check_file(con: "duckdb.DuckDBPyConnection", src: Source) -> None:
    assert src.path is not None
    where: dict[str, Any] = dict(file=str(src.path))
    try:
        wrong = sniff(src.path, src.format, src.decl.csv.encoding if src.decl.csv else None)
        if wrong is None:
            only_this_file(con, src.path)
    except Unreadable as exc:
        wrong = exc
    except OSError as exc:
        raise DataError([Problem(f"cannot read the data file for table '{src.name}': {exc.strerror or exc}",
                                 **where, hint="check that the file exists and can be read")]) from None
    if wrong is not None:
        raise DataError([Problem(f"table '{src.name}': {wrong.message}", **where, hint=wrong.hint)])
    skip = src.decl.csv.skip if src.format == "csv" and src.decl.csv else 0
    if skip:
        lines = _count_lines(src, skip + 1)
        if lines <= skip:
            raise DataError([Problem(
                f"table '{src.name}': csv skip: {skip} skips every line of the file (it has {lines})",
                **where, hint="skip: counts the lines before the header; make it smaller")])


def _count_lines(src: Source, most: int) -> int:
    """Lines in the file, counting no further than ``most`` (so a huge skip costs little)."""
    assert src.path is not None
    opts = src.decl.csv
    try:
        if python_encoding(opts.encoding if opts else None, src.path).startswith("utf-16"):
            with _open_text(src, errors="replace") as fh:
                return sum(1 for _ in islice(fh, most))
        import gzip
        opener: Any = gzip.open if src.path.name.lower().endswith(".gz") else open
        count, last = 0, b""
        with opener(src.path, "rb") as fh:  # newlines are single bytes in UTF-8 and Latin-1
            while count < most and (chunk := fh.read(1 << 20)):
                count += chunk.count(b"\n")
                last = chunk[-1:]
        return min(most, count + (1 if last and last != b"\n" else 0))
    except (OSError, UnicodeError, EOFError):
        return most  # let the reader say what is wrong


def _register_frame(con: "duckdb.DuckDBPyConnection", src: Source) -> None:
    frame = src.frame
    import pandas as pd  # a dependency of factcheck, imported only when DataFrames are passed
    if not isinstance(frame, pd.DataFrame):
        raise UsageError([Problem(f"tables['{src.name}'] is a {type(frame).__name__}, not a pandas DataFrame",
                                  hint="pass pandas DataFrames, e.g. tables={'%s': pd.read_csv(...)}, or leave "
                                       "the table out to read its file" % src.name)])
    _refuse_repeated(src, [str(c) for c in frame.columns])
    try:
        con.register(f"__frame_{src.name}", frame)
    except Exception as exc:  # noqa: BLE001 - a column DuckDB cannot hold (objects, mixed types …)
        raise DataError([Problem(f"the DataFrame for table '{src.name}' cannot be read: {str(exc).splitlines()[0]}",
                                 file=f"<dataframe {src.name}>",
                                 hint="give its columns plain types (numbers, text, dates, booleans)")]) from None


def _refuse_repeated(src: Source, names: list[str]) -> None:
    """Two columns of one name (capitals aside, as SQL compares names): refuse, naming both."""
    first: dict[str, int] = {}
    problems = []
    for i, name in enumerate(names):
        if not name.strip():
            continue
        if name.lower() in first:
            j = first[name.lower()]
            same = names[j] == name
            problems.append(Problem(
                f"table '{src.name}': columns {j + 1} and {i + 1} are both named '{name}'"
                + ("" if same else f" ('{names[j]}' and '{name}' differ only in capitals)"),
                file=str(src.path) if src.path else f"<dataframe {src.name}>", line=_header_line(src),
                column=name, hint="a claim would silently read the first; rename one of them in the data"
                + ("" if src.frame is not None else ", or name every column with csv: {names: [...]}")))
        else:
            first[name.lower()] = i
    if problems:
        raise DataError(problems)


def _header_line(src: Source) -> int | None:
    if src.frame is not None or src.format != "csv":
        return None
    return (src.decl.csv.skip if src.decl.csv else 0) + 1


@contextmanager
def _open_text(src: Source, default_encoding: str = "utf-8", errors: str = "strict") -> Iterator[Any]:
    """The file as text, after its skipped lines (decompressed when its name ends in .gz)."""
    assert src.path is not None
    opts = src.decl.csv
    encoding = python_encoding(opts.encoding if opts else None, src.path, default_encoding)
    if src.path.name.lower().endswith(".gz"):
        import gzip
        fh: Any = gzip.open(src.path, "rt", newline="", encoding=encoding, errors=errors)
    else:
        fh = open(src.path, newline="", encoding=encoding, errors=errors)
    with fh:
        yield fh


@contextmanager
def csv_reader(src: Source, default_encoding: str = "utf-8") -> Iterator[Any]:
    """Python's csv reader over the file, with the table's reading options and skipped lines."""
    opts = src.decl.csv
    with _open_text(src, default_encoding) as fh:
        for _ in islice(fh, opts.skip if opts else 0):  # stops at the end of the file
            pass
        yield csv.reader(fh, delimiter=src.decl.delimiter(src.path),
                         quotechar=(opts.quote if opts and opts.quote else '"'))


def _csv_header(src: Source) -> list[str] | None:
    """The header row, read with Python's csv module: no need to sniff the file twice.

    Each name is trimmed of the spaces around it, as DuckDB names the columns (``id, year`` has a
    column ``year``; tabs stay): the names must be the ones the queries will find.
    """
    try:
        with csv_reader(src, "utf-8-sig") as reader:
            row: list[str] | None = next(reader, None)
    except (OSError, UnicodeError, csv.Error, LookupError):
        return None  # let DuckDB read it and report the problem in its own words
    return [name.strip(" ") for name in row] if row else None


# --------------------------------------------------------------------------- read errors

def _written_number_hint(column: str | None, value: str, src: Source) -> str | None:
    """A number written with a thousands separator, a currency sign or a % (``'1,220'``) where the
    earlier rows held plain numbers: declared text, the column could not be summed; the file must
    write it as the others are. None for any other value."""
    from .written import number_hint, written_number
    if column is None or not written_number(value):
        return None
    return (f"the rows before it hold plain numbers; {number_hint(column, [value], src.format)} "
            "(declared text, the column could not be added up)")


_LINE = re.compile(r"CSV Error on Line:\s*(\d+)")
_COLUMN = re.compile(r'column "([^"]+)"', re.I)
_VALUE = re.compile(r'Could not convert string "([^"]*)" to \'?([A-Z0-9_()]+)')


def data_error(src: Source, exc: Exception) -> DataError:
    """Turn a DuckDB read failure into a message naming the file, the row and the column."""
    reraise_interrupt(exc)  # Ctrl-C while DuckDB reads is not a fault of the file
    text = str(exc)
    where: dict[str, Any] = dict(file=shown(src))  # as every other message names it, not the absolute path
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
                  else _written_number_hint(column, val.group(1), src)
                  or f"the type was inferred from earlier rows; declare it (columns: {{{column}: text}}) "
                     "or fix the value"))])
    shape = _csv_shape_problem(src) if src.format == "csv" and src.path else None
    if shape:
        return DataError([shape])
    mixed = _mixed_line_endings(src) if src.format == "csv" and src.path else None
    if mixed:
        return DataError([mixed])
    first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    return DataError([Problem(f"cannot read table '{src.name}': {first}", **where,
                              line=int(line.group(1)) if line else None,
                              hint="check the file's format and the table's csv: options")])


def _mixed_line_endings(src: Source) -> Problem | None:
    """Lines that end in LF and lines that end in CRLF in one file (a header typed on one system,
    rows exported on another): DuckDB's sniffer gives up on it. Only looked for on failure, in the
    file's first megabyte."""
    assert src.path is not None
    try:
        with open(src.path, "rb") as f:
            head = f.read(1 << 20)
    except OSError:
        return None
    lines = head.split(b"\n")[:-1]  # the last piece may be cut short
    crlf = [i for i, line in enumerate(lines, 1) if line.endswith(b"\r")]
    lf = [i for i, line in enumerate(lines, 1) if not line.endswith(b"\r")]
    if not crlf or not lf:
        return None
    return Problem(f"cannot read table '{src.name}': the file mixes line endings: line {lf[0]} ends in LF (\\n), "
                   f"line {crlf[0]} in CRLF (\\r\\n)", file=shown(src), line=max(lf[0], crlf[0]),
                   hint="save the file with one kind of line ending (an editor's line-ending setting, or "
                        "dos2unix); factcheck never changes a data file")


@dataclass(frozen=True)
class Title:
    """Lines above a CSV's header: a table's title, a source line, a blank line (portal exports)."""

    lines: int  # how many, counted from the file's first line (skip: included)
    header: str  # the line that reads as the header

    @property
    def hint(self) -> str:
        return (f"the first {self.lines} line{'s look' if self.lines != 1 else ' looks'} like a title above the "
                f"header (line {self.lines + 1}: {self.header[:60]!r}): set csv: {{skip: {self.lines}}} on the table")


_NOTE = re.compile(r"[^\W\d_]{2,}\S*\s+\S")
"""A line of words ('Source: City 311 open data portal'), not a value cut short ('3')."""

TITLE_ROWS = 60
"""Rows of a CSV read to find its header below a title (:func:`title_lines`): on a failure only."""


def title_lines(src: Source) -> Title | None:
    """Where the file's header is a title (fewer fields than the rows under it), the line the rows'
    own header is on: the first whose number of fields the next rows share, every line above it
    having fewer. None when there is no such line, or the file cannot be read so."""
    opts = src.decl.csv
    try:
        with csv_reader(src, "utf-8-sig") as reader:
            rows = [(reader.line_num, row) for row in islice(reader, TITLE_ROWS)]
    except (OSError, UnicodeError, csv.Error, LookupError):
        return None
    widths = [len(row) for _, row in rows if row]
    if len(widths) < 3:
        return None
    counts: dict[int, int] = {}
    for width in widths[1:]:
        counts[width] = counts.get(width, 0) + 1
    usual = max(counts, key=lambda w: (counts[w], w))
    if usual < 2:
        return None
    for index, (line, row) in enumerate(rows):
        if len(row) > usual or (len(row) == usual and index == 0):
            return None  # the first line is the header, or a line above it is no title
        after = [len(r) for _, r in rows[index + 1:index + 4] if r]
        if len(row) == usual and after and all(width == usual for width in after):
            return Title(line - 1 + (opts.skip if opts else 0), src.decl.delimiter(src.path).join(row))
    return None


def _csv_shape_problem(src: Source) -> Problem | None:
    """Find the first row whose number of fields differs from the header's (only on failure)."""
    assert src.path is not None
    opts = src.decl.csv
    try:
        with csv_reader(src) as reader:
            width = None
            for row in reader:
                if width is None:
                    width = len(row)
                    continue
                if row and len(row) != width:
                    line = reader.line_num + (opts.skip if opts else 0)  # lines of the file
                    title = title_lines(src) if len(row) > width else None
                    return Problem(
                        f"line {line} has {len(row)} field{'s' if len(row) != 1 else ''}, the header has {width}",
                        file=shown(src), line=line,
                        hint=title.hint if title is not None else
                        "a note under the data (a source, a footnote): remove it from the file the claims read"
                        if len(row) == 1 and width > 1 and _NOTE.search(row[0]) else
                        "a value with the delimiter in it needs quotes; or the row is cut short")
    except UnicodeDecodeError as exc:
        return Problem(f"the file is not valid {opts.encoding if opts and opts.encoding else 'UTF-8'}: {exc.reason}",
                       file=shown(src), hint="set csv: {encoding: latin-1} (or the file's encoding)")
    except (OSError, csv.Error) as exc:
        return Problem(f"cannot read the file: {exc}", file=shown(src))
    return None
