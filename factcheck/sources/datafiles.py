"""What a data file on disk really is, and how to name it to DuckDB exactly.

DuckDB expands ``*``, ``?`` and ``[…]`` in the path it is given, so a path checked to lie
inside the repository could still read other files: a folder literally named ``*`` next
to a symlink to ``/etc`` would make ``*/passwd`` read ``/etc/passwd``. :func:`exact` puts
each glob character in a one-character class (``[*]``), which matches only itself, and
:func:`only_this_file` asks DuckDB which files the escaped name matches before anything
is read.

A file whose name says CSV may be something else: :func:`sniff` reads its first bytes
and names what it really is (gzip, Parquet, an Excel workbook, UTF-16 text …).
:func:`not_a_file` names what a path that is not a regular file is instead (a folder,
a named pipe, a device), without ever opening it: a FIFO would block the run forever.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import TYPE_CHECKING

from ..expressions import quote_literal
from ..pathkinds import path_kind

if TYPE_CHECKING:
    import duckdb

GLOB_CHARACTERS = "*?["  # what DuckDB treats as a pattern (``]`` and ``{`` are plain outside a class)

# DuckDB's CSV reader knows these encodings (without an extension that needs the network)
DUCKDB_ENCODINGS = {"utf-8": "utf-8", "iso8859-1": "latin-1", "utf-16": "utf-16", "utf-16-le": "utf-16"}


class Unreadable(ValueError):
    """A data file that cannot be read as declared: what it is, and what to do."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def exact(path: str) -> str:
    """``path`` as a DuckDB file pattern that matches that one file only."""
    if not any(c in path for c in GLOB_CHARACTERS):
        return path  # DuckDB opens a name without glob characters as it is
    if "\\" in path:  # with a glob character present, DuckDB splits the path at backslashes too
        raise Unreadable(f"the path {path} holds both a backslash and a glob character (*, ? or [), "
                         "which DuckDB cannot read as one exact file name",
                         "rename the file or folder without '*', '?', '[' or '\\'")
    return "".join(f"[{c}]" if c in GLOB_CHARACTERS else c for c in path)


def only_this_file(con: "duckdb.DuckDBPyConnection", path: Path) -> None:
    """Check that the name given to DuckDB matches exactly ``path`` and nothing else."""
    name = exact(str(path))
    if name == str(path):
        return
    found = [r[0] for r in con.execute(f"SELECT file FROM glob({quote_literal(name)})").fetchall()]
    if found != [str(path)]:
        raise Unreadable(f"the path {path} holds glob characters, and DuckDB would read "
                         f"{', '.join(found) if found else 'no file'} instead of exactly that file",
                         "rename the file or folder without '*', '?' or '['")


def not_a_file(path: Path) -> str | None:
    """What ``path`` is when it exists but is not a regular file ('a folder' …); else None."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    return path_kind(mode)


_MAGIC: list[tuple[bytes, str, str]] = [
    (b"\x1f\x8b", "gzip-compressed", "gzip"),
    (b"PAR1", "a Parquet file", "parquet"),
    (b"PK\x03\x04", "a zip archive (an Excel .xlsx workbook is one)", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Excel (.xls) or other Office file", "office"),
    (b"BZh", "bzip2-compressed", "compressed"),
    (b"\xfd7zXZ\x00", "xz-compressed", "compressed"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed", "compressed"),
    (b"%PDF", "a PDF document", "other"),
    (b"SQLite format 3\x00", "an SQLite database", "other"),
]


def sniff(path: Path, fmt: str, encoding: str | None) -> Unreadable | None:
    """Is the file what its table declares (CSV or Parquet)? Reads only its first bytes."""
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if not head.strip():
        return Unreadable("the file is empty" if not head else "the file holds only blank lines",
                          "the export that wrote it may have failed; a file with just a header row "
                          "is read as a table with no rows")
    found = next(((what, kind) for magic, what, kind in _MAGIC if head.startswith(magic)), None)
    name = path.name
    if fmt == "parquet":
        if found and found[1] == "parquet":
            return None
        what = found[0] if found else "text (CSV?)" if _looks_text(head) else "not Parquet"
        return Unreadable(f"the table is read as Parquet, but the file is {what}",
                          "set format: csv if it is a CSV file, or point path: at the Parquet file")
    if found is None:
        return _utf16_problem(head, encoding)
    what, kind = found
    if kind == "gzip":
        if name.lower().endswith(".gz"):
            return None
        return Unreadable(f"the file is {what}, though its name does not end in .gz",
                          f"rename it to {name}.gz (factcheck reads gzip-compressed CSV by its ending), "
                          "or decompress it")
    if kind == "parquet":
        return Unreadable(f"the file is {what}, not CSV",
                          "name it .parquet, or set format: parquet on the table")
    if kind in ("zip", "office"):
        return Unreadable(f"the file is {what}, not CSV", "export the sheet as CSV (UTF-8) and point path: at that")
    if kind == "compressed":
        return Unreadable(f"the file is {what}, not plain CSV", "decompress it (factcheck reads plain or "
                          "gzip-compressed CSV)")
    return Unreadable(f"the file is {what}, not CSV", "point path: at the CSV export of the data")


def _looks_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start > len(head) - 4  # cut inside the last character
    return b"\x00" not in head


def _utf16_problem(head: bytes, encoding: str | None) -> Unreadable | None:
    """UTF-16 text read as UTF-8, or big-endian UTF-16 (which DuckDB reads as no rows)."""
    declared = duckdb_encoding(encoding) if encoding else "utf-8"
    big = head.startswith(b"\xfe\xff") or (len(head) > 1 and head[0] == 0 and head[1] != 0)
    little = head.startswith(b"\xff\xfe") or (len(head) > 1 and head[0] != 0 and head[1] == 0)
    if big:
        return Unreadable("the file is UTF-16 big-endian text, which DuckDB cannot read",
                          "re-export it as UTF-8 (or UTF-16 little-endian with csv: {encoding: utf-16})")
    if little and declared != "utf-16":
        return Unreadable(f"the file is UTF-16 text, but the table reads it as {declared or encoding}",
                          "set csv: {encoding: utf-16} on the table")
    return None


def duckdb_encoding(name: str) -> str | None:
    """The DuckDB spelling of an encoding name (``latin1`` → ``latin-1``), or None if unsupported."""
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return None
    if canonical in ("ascii", "utf-8-sig"):
        canonical = "utf-8"
    return DUCKDB_ENCODINGS.get(canonical)


def python_encoding(name: str | None, path: Path, default: str = "utf-8") -> str:
    """The codec for Python's own reads of the file; DuckDB's utf-16 is little-endian, BOM or not."""
    if not name:
        return default
    spelled = duckdb_encoding(name) or name
    if spelled == "utf-16":
        with open(path, "rb") as fh:
            return "utf-16" if fh.read(2) == b"\xff\xfe" else "utf-16-le"
    if spelled == "utf-8":
        return "utf-8-sig"
    return spelled
