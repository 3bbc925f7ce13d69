"""Where a row of a table is, named as a person looks for it: a line of a CSV file, or a row of
a Parquet file or a DataFrame (which have no lines).

Every message that points into the data (a broken contract, text in a column of numbers, a
derive or a claim's expression that overflows) names its place through these, so the same row
is called the same thing by each.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .tables import Source


def is_text_scan(src: Source) -> bool:
    """Is the table a CSV file, whose rows are lines (not a Parquet file or a DataFrame)?"""
    return src.frame is None and src.format == "csv"


def line_offset(src: Source) -> int:
    """What to add to a data row's number to get its line in the file (0 for rows)."""
    if not is_text_scan(src):
        return 0
    opts = src.decl.csv
    return (opts.skip if opts else 0) + (1 if not opts or opts.header else 0)


def place(src: Source, number: int, *, index: bool = False) -> str:
    """``line 7`` of a CSV file, ``row 7`` of a Parquet file or a DataFrame (rows counted from 1);
    with ``index``, a DataFrame's row also by its label in the DataFrame's index (``row 7 (index
    6)``, ``row 2 (index 2020-03-01)``), which is how its owner finds it (``df.loc[...]``)."""
    if is_text_scan(src):
        return f"line {number}"
    labels = src.frame.index if index and src.frame is not None else ()
    return f"row {number} (index {labels[number - 1]})" if 0 < number <= len(labels) else f"row {number}"


def shown(src: Source) -> str:
    """The data file as a person would name it: relative to the working directory when inside it
    (a DataFrame: ``<dataframe NAME>``)."""
    if src.path is None:
        return f"<dataframe {src.name}>"
    try:
        return str(src.path.relative_to(Path.cwd()))
    except ValueError:
        return str(src.path)
