"""One scan per table: the table grouped by every dimension at once (its *cells*).

Any filter made of conditions on dimensions is a set of cells, so every count, share,
sum and mean the search proposes is a sum over cells: a filter of two conditions is the
product of two masks, and the counts of every pair of conditions at once are one matrix
product (``pair_counts``); the largest and smallest value of a filter is the largest (smallest)
of its cells'. That is how tens of thousands of candidates are evaluated
from a single ``GROUP BY`` per table; medians and distinct counts, which cannot be
added up from cells, are computed in one more query with ``FILTER`` clauses. So are the
largest values of each cell (:func:`read_tops`), when a sentence names a top ("the top 10
earners"): the largest N of any filter are among the largest N of its cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from ..backends import Backend
    from .profile import Profile

MAX_CELLS = 200_000   # a table whose dimensions form more groups than this is searched on fewer dimensions
MEDIAN_BINS = 256     # ranges a number column's values are cut into, for the medians a sentence speaks of
MEDIAN_BUDGET = 2_000_000   # ranges x cells counted per column at most: fewer ranges for a table of many cells
TOP_BUDGET = 2_000_000      # values x cells read per column at most for a sentence's top N; beyond, none (reported)


@dataclass
class Bins:
    """A number column's values cut at its quantiles, counted in each cell: enough to bound any
    filter's median (the range its middle value falls in), which no sum over cells gives."""

    edges: np.ndarray    # the smallest value of each range, ascending
    top: float           # the column's largest value: where the last range ends
    counts: np.ndarray   # ranges x cells: the values of each range in each cell


@dataclass
class Tops:
    """A number column's largest values in each cell, as many as a sentence's top holds: enough for
    the sum of the N largest values of any filter (a ``top_share``), which no sum over cells gives."""

    n: int               # how many values of each cell (fewer where the cell has fewer)
    values: np.ndarray   # cells x n, largest first; nan past a cell's values


@dataclass
class GroupSums:
    """Each number column summed per cell and value of a column of many values (a vendor's id): enough
    for the sum of any filter's N largest groups (``top_share: amount, by: vendor_id``), which neither
    the cells' sums nor their largest values give (a vendor's contracts lie in many cells)."""

    cell: np.ndarray                # one entry per (cell, group) that has rows: its cell
    group: np.ndarray               # ... and its group, numbered from 0 (a null group is none: left out)
    groups: int                     # how many groups
    rows: np.ndarray                # the rows of each (cell, group)
    sums: dict[str, np.ndarray]     # number column -> its sum in each (cell, group); nan where no value


@dataclass
class Cells:
    """The grouped table: one row per combination of dimension values."""

    columns: dict[str, np.ndarray]       # dimension name -> values (object array; None is null)
    n: np.ndarray                        # rows in each cell
    sums: dict[str, np.ndarray]          # number column -> sum in each cell (0 where null)
    counts: dict[str, np.ndarray]        # number column -> non-null values in each cell
    maxes: dict[str, np.ndarray]         # number column -> largest value in each cell (nan where none)
    mins: dict[str, np.ndarray]          # number column -> smallest value in each cell (nan where none)
    bins: dict[str, Bins] = field(default_factory=dict)  # number column -> its ranges (read_bins), for medians
    tops: dict[str, Tops] = field(default_factory=dict)  # number column -> its largest values (read_tops)
    groups: dict[str, GroupSums] = field(default_factory=dict)  # column of many values -> sums by its values

    @property
    def size(self) -> int:
        return int(self.n.shape[0])


def read_cells(backend: Backend, profile: Profile) -> Cells:
    """Group the table by all its dimensions (dropping the last ones if the groups are too many)."""
    while True:
        dims = profile.dimensions
        select = [f"{d.sql} AS d{i}" for i, d in enumerate(dims)] + ["count(*) AS n"]
        for j, (_, sql) in enumerate(profile.numbers):
            select += [f"sum({sql})::DOUBLE AS s{j}", f"count({sql}) AS c{j}",
                       f"max({sql})::DOUBLE AS x{j}", f"min({sql})::DOUBLE AS m{j}"]
        group = f"\nGROUP BY {', '.join(d.sql for d in dims)}" if dims else ""
        count = backend.execute(f"SELECT count(*) FROM (SELECT 1 AS one {profile.from_sql}{group})").rows[0][0]
        if int(count) <= MAX_CELLS or len(dims) <= 1:
            break
        profile.capped.append(f"{profile.table}: dimension {dims[-1].name} left out (more than {MAX_CELLS:,} groups)")
        profile.dimensions = dims[:-1]
    got = backend.execute("SELECT " + ", ".join(select) + "\n" + profile.from_sql + group)
    rows = got.rows
    width = len(dims)

    def column(i: int, dtype: Any = object) -> np.ndarray:
        return np.array([r[i] for r in rows], dtype=dtype)

    cols = {d.name: column(i) for i, d in enumerate(dims)}
    n = column(width, np.float64)
    sums, counts, maxes, mins = {}, {}, {}, {}
    for j, (name, _) in enumerate(profile.numbers):
        at = width + 1 + 4 * j
        sums[name] = np.array([r[at] or 0.0 for r in rows], dtype=np.float64)
        counts[name] = column(at + 1, np.float64)
        maxes[name] = np.array([np.nan if r[at + 2] is None else r[at + 2] for r in rows], dtype=np.float64)
        mins[name] = np.array([np.nan if r[at + 3] is None else r[at + 3] for r in rows], dtype=np.float64)
    return Cells(cols, n, sums, counts, maxes, mins)


def mask_equal(cells: Cells, name: str, value: Any) -> np.ndarray:
    col = cells.columns[name]
    return np.array([v is not None and v == value for v in col], dtype=bool)


def mask_known(cells: Cells, name: str) -> np.ndarray:
    return np.array([v is not None for v in cells.columns[name]], dtype=bool)


def pair_counts(atoms: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """``out[i, j]`` = the sum of ``weights`` over cells meeting atom i and atom j (one matrix product)."""
    return (atoms * weights) @ atoms.T  # type: ignore[no-any-return]


def read_bins(backend: Backend, profile: Profile, cells: Cells, columns: list[str]) -> dict[str, Bins]:
    """The ranges of each of ``columns`` (number columns of many values) and their counts per cell:
    two queries a column, in SQL both engines speak (``ntile``, sums of comparisons). Read only when
    a sentence says "median": the mean that stands in for a median elsewhere is far from it on a
    skewed column (overtime: a mean of $15,447, a median of $7,625)."""
    dims = profile.dimensions
    index = {tuple(cells.columns[d.name][i] for d in dims): i for i in range(cells.size)}
    sql_of = dict(profile.numbers)
    out: dict[str, Bins] = {}
    ranges = max(8, min(MEDIAN_BINS, MEDIAN_BUDGET // max(cells.size, 1)))
    for name in columns:
        x = f"CAST(({sql_of[name]}) AS DOUBLE)"
        got = backend.execute(f"SELECT min(x), max(x) FROM (SELECT {x} AS x, ntile({ranges}) OVER (ORDER BY {x}) "
                              f"AS b {profile.from_sql} WHERE {x} IS NOT NULL) AS ranked GROUP BY b").rows
        if not got:
            continue
        edges = np.array(sorted({float(r[0]) for r in got}), dtype=np.float64)
        top = max(float(r[1]) for r in got)
        at = _range_of(x, [float(e) for e in edges], 0, len(edges) - 1)
        select = [f"{d.sql} AS d{i}" for i, d in enumerate(dims)] + [f"{at} AS bin", "count(*) AS n"]
        group = ", ".join([d.sql for d in dims] + [at])
        counts = np.zeros((len(edges), cells.size), dtype=np.float64)
        for row in backend.execute(f"SELECT {', '.join(select)} {profile.from_sql} WHERE {x} IS NOT NULL "
                                   f"GROUP BY {group}").rows:
            cell = index.get(tuple(row[:len(dims)]))
            if cell is not None:
                counts[int(row[-2]), cell] += float(row[-1])
        out[name] = Bins(edges, top, counts)
    return out


def _range_of(x: str, edges: list[float], lo: int, hi: int) -> str:
    """SQL for the range of ``edges`` (ascending lower ends) that ``x`` falls in, from ``lo`` to
    ``hi``: a search by halves (eight comparisons a row for 256 ranges, not 255)."""
    if lo == hi:
        return str(lo)
    mid = (lo + hi + 1) // 2
    return f"CASE WHEN {x} >= {edges[mid]!r} THEN {_range_of(x, edges, mid, hi)} ELSE {_range_of(x, edges, lo, mid - 1)} END"


def read_tops(backend: Backend, profile: Profile, cells: Cells, n: int) -> tuple[dict[str, Tops], list[str]]:
    """The ``n`` largest values of each number column in each cell, one query a column (a window
    both engines speak); and what the budget left out: a table of so many cells that ``n`` values of
    each would be more than :data:`TOP_BUDGET` is not read."""
    if cells.size * n > TOP_BUDGET:
        return {}, [f"{profile.table}: no top {n} searched (more than {TOP_BUDGET:,} values for {cells.size:,} groups)"]
    dims = profile.dimensions
    index = {tuple(cells.columns[d.name][i] for d in dims): i for i in range(cells.size)}
    out: dict[str, Tops] = {}
    for name, sql in profile.numbers:
        x = f"CAST(({sql}) AS DOUBLE)"
        keys = [f"{d.sql} AS d{i}" for i, d in enumerate(dims)]
        partition = f"PARTITION BY {', '.join(d.sql for d in dims)} " if dims else ""
        got = backend.execute(
            f"SELECT * FROM (SELECT {', '.join([*keys, f'{x} AS x'])}, row_number() OVER ({partition}ORDER BY {x} DESC) "
            f"AS r {profile.from_sql} WHERE {x} IS NOT NULL) AS ranked WHERE r <= {int(n)}").rows
        values = np.full((cells.size, n), np.nan, dtype=np.float64)
        for row in got:
            cell = index.get(tuple(row[:len(dims)]))
            if cell is not None:
                values[cell, int(row[-1]) - 1] = float(row[-2])
        out[name] = Tops(n, values)
    return out, []


def read_group_sums(backend: Backend, profile: Profile, cells: Cells, columns: list[tuple[str, str]]
                    ) -> tuple[dict[str, GroupSums], list[str]]:
    """Every number column summed per cell and value of each of ``columns`` ((name, sql): the ids a
    sentence's top names, "the top five *vendors*"), one query a column; a column whose (cell, value)
    pairs would be more than :data:`TOP_BUDGET` is not read (reported)."""
    dims = profile.dimensions
    index = {tuple(cells.columns[d.name][i] for d in dims): i for i in range(cells.size)}
    out: dict[str, GroupSums] = {}
    left: list[str] = []
    for name, sql in columns:
        keys = [d.sql for d in dims] + [sql]
        sums = ["count(*)"] + [f"sum(CAST(({x}) AS DOUBLE))" for _, x in profile.numbers]
        got = backend.execute(f"SELECT {', '.join(keys + sums)} {profile.from_sql} WHERE {sql} IS NOT NULL "
                              f"GROUP BY {', '.join(keys)} LIMIT {TOP_BUDGET + 1}").rows
        if len(got) > TOP_BUDGET:
            left.append(f"{profile.table}: no top of {name} searched (more than {TOP_BUDGET:,} groups and cells)")
            continue
        width = len(dims)
        numbered: dict[Any, int] = {}
        cell, group = [], []
        kept = []
        for row in got:
            at = index.get(tuple(row[:width]))
            if at is None:
                continue
            cell.append(at)
            group.append(numbered.setdefault(row[width], len(numbered)))
            kept.append(row)
        out[name] = GroupSums(np.array(cell, dtype=np.int64), np.array(group, dtype=np.int64), len(numbered),
                              np.array([float(r[width + 1]) for r in kept], dtype=np.float64),
                              {c: np.array([np.nan if r[width + 2 + j] is None else float(r[width + 2 + j])
                                            for r in kept], dtype=np.float64)
                               for j, (c, _) in enumerate(profile.numbers)})
    return out, left
