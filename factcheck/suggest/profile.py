"""What a table offers a search for measures: its dimensions, numbers and periods.

A *dimension* is a column (or derive, or a lookup's column) with few distinct values:
a filter or a share can be built on each of its values. A *period* dimension holds years
(``filed_year``), or years written as labels (school years ``2019-20``, fiscal years ``FY2021``,
read by their first year as the run reads them); a boolean derive whose name carries a year
(``active_2020``) is a period condition for that year. A *number* is a numeric column with many values (sum, mean,
median); an *id* is a column named like an identifier (count_distinct).

Everything is learnt with two queries per table through the backend, after the tables
are read: one for the types (``DESCRIBE``) and counts of distinct values, one for the
values of the low-cardinality columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ..expressions import INTEGER_TYPES, base_type, quote_ident, value_type

if TYPE_CHECKING:
    from ..backends import Backend
    from ..measures._values import YearLabel
    from ..planning.catalog import Catalog

LOW_CARDINALITY = 20      # at most this many distinct values make a column a dimension
MAX_DIMENSIONS = 28       # per table, its own columns first, then its lookups'
_YEAR = re.compile(r"(?:^|_)((?:18|19|20)\d\d)(?:_|$)")
_ID = re.compile(r"(?:^id$|_id$|^id_|_key$|_code$|_number$)", re.I)


@dataclass
class Dimension:
    """A column a filter can be written on: ``name`` as a claims file writes it (``case.active_2020``)."""

    name: str
    sql: str
    type: str
    values: list[Any]
    has_null: bool
    year: int | None = None        # a boolean period flag: the year its name carries
    is_year: bool = False          # holds years: a period column
    said: frozenset[str] = frozenset()  # a sentence's threshold ("more than four hours"): its words
    stated: frozenset[str] = frozenset()  # and what it states, however worded (:func:`.thresholds.stated_key`)
    numbered: bool = False         # counts something, but a sentence names a value of it ("three-bedroom")
    label: YearLabel | None = None  # its values all write years as labels one way (2019-20, FY2021): a period column
    measure: bool = False          # a number each row has its own of (enrollment 1,063): measured, never a condition
    named: bool = False            # only the values a sentence names of a column of many ("Northline Construction"
                                   # of 160 vendors' names): conditions, never a ranking of its values

    @property
    def boolean(self) -> bool:
        return self.type == "BOOLEAN"


@dataclass
class Profile:
    """One table as the search sees it."""

    table: str
    from_sql: str
    rows: int
    dimensions: list[Dimension] = field(default_factory=list)
    numbers: list[tuple[str, str]] = field(default_factory=list)   # (name, sql)
    ids: list[tuple[str, str]] = field(default_factory=list)       # (name, sql)
    key: list[str] = field(default_factory=list)                   # the declared key's columns: what a row is
    capped: list[str] = field(default_factory=list)                # what a cap left out
    declared: dict[str, str] = field(default_factory=dict)   # columns declared ``counts:`` -> what they count
    counted: list[Dimension] = field(default_factory=list)  # a few whole numbers that count (bedrooms): a
                                                            # condition only where a sentence names one ("three-bedroom")


def _columns(backend: Backend, table: str) -> list[tuple[str, str]]:
    got = backend.execute(f"SELECT column_name, column_type FROM (DESCRIBE {quote_ident(table)})")
    return [(str(r[0]), str(r[1]).upper()) for r in got.rows]


def _stats(backend: Backend, table: str, cols: list[tuple[str, str]]) -> tuple[int, dict[str, tuple[int, int]]]:
    parts = ["count(*)"]
    for c, _ in cols:
        q = quote_ident(c)
        parts += [f"count(DISTINCT {q})", f"count({q})"]
    row = backend.execute(f"SELECT {', '.join(parts)} FROM {quote_ident(table)}").rows[0]
    total = int(row[0])
    return total, {c: (int(row[1 + 2 * i]), int(row[2 + 2 * i])) for i, (c, _) in enumerate(cols)}


def _values(backend: Backend, table: str, cols: list[str]) -> dict[str, list[Any]]:
    if not cols:
        return {}
    parts = [f"list(DISTINCT {quote_ident(c)} ORDER BY {quote_ident(c)})" for c in cols]
    row = backend.execute(f"SELECT {', '.join(parts)} FROM {quote_ident(table)}").rows[0]
    return {c: [v for v in (row[i] or []) if v is not None] for i, c in enumerate(cols)}


def _own(backend: Backend, table: str,
         key: str | None) -> tuple[int, list[Dimension], list[str], list[str], list[Dimension]]:
    """The table's own dimensions, numeric columns, id-like columns and counting columns of a few values."""
    cols = [(c, t) for c, t in _columns(backend, table) if not c.startswith("__")]
    total, stats = _stats(backend, table, cols)
    # a table's key is no category, unless it names the rows of a small table ("Lakeview", one of
    # four hospitals: a filter on it reads that hospital's beds)
    # nor is a date or time: its values are periods ("in 2024" names them), never a condition of their own
    # (four election days: `election_date == '2024-11-05'` would pin the year twice, or make a share of 0%)
    low = [c for c, t in cols if 0 < stats[c][0] <= LOW_CARDINALITY and (c != key or value_type(t) == "text")
           and value_type(t) != "date"]
    values = _values(backend, table, low)
    types = dict(cols)
    dims: list[Dimension] = []
    for c in low:
        t = types[c]
        vals = values[c]
        m = _YEAR.search(c)
        dims.append(Dimension(c, "", t, vals, stats[c][1] < total,
                              year=int(m.group(1)) if m and t == "BOOLEAN" else None,
                              label=_year_labels(vals) if value_type(t) == "text" else None))
    numbers, ids, counted = [], [], []
    own_each: set[str] = set()   # the numbers each row has its own of
    for c, t in cols:
        distinct = stats[c][0]
        if c == key:
            continue
        if is_id(c):
            if distinct > 1:
                ids.append(c)
            continue
        if value_type(t) == "number" and distinct > LOW_CARDINALITY:
            if base_type(t) in INTEGER_TYPES and _is_years(backend, table, c):
                dims.append(Dimension(c, "", t, [], stats[c][1] < total, is_year=True))
            else:
                numbers.append(c)
        elif base_type(t) in INTEGER_TYPES and c in low and (_is_years(backend, table, c) or _all_years(values[c])):
            for d in dims:
                if d.name == c:
                    d.is_year = True
        elif value_type(t) == "number" and 1 < distinct == stats[c][1]:
            # a number each row has its own of (95 beds, 410 beds: a small table of hospitals)
            # is a quantity to sum or read as well as a category, however few rows there are; never a
            # condition (`enrollment_2023 == 1063` names no rows any sentence speaks of)
            numbers.append(c)
            own_each.add(c)
        elif value_type(t) == "number" and c in low and (_amounts(values[c]) or counts_something(c, t, values[c])):
            # donations of $10, $25 … $2,900: few values, but amounts to sum, not codes (1 to 5);
            # so are a few whole numbers named for what they count (0 to 4 critical violations)
            numbers.append(c)
            if not _amounts(values[c]):
                counted.append(Dimension(c, f"{quote_ident(table)}.{quote_ident(c)}", t, values[c], stats[c][1] < total))
    return total, [replace(d, measure=d.name in own_each) for d in dims], numbers, ids, counted


def _year_labels(values: list[Any]) -> YearLabel | None:
    """How a text column's values all write years as labels (school years ``2019-20``, fiscal years
    ``FY2021``), as the run reads such a column's periods; None when any value is no such label."""
    from ..measures._values import key, year_labels
    return year_labels(key(v) for v in values) if values else None


def is_id(column: str) -> bool:
    """Is the column named like an identifier (``id``, ``employee_id``, ``case_key``)?"""
    return _ID.search(column.split(".")[-1]) is not None


def _all_years(values: list[Any]) -> bool:
    """Are a column's few values all years (2020 and 2024 of an election `cycle`, whatever its name)?"""
    return len(values) > 1 and all(v == int(v) and 1800 <= v <= 2100 for v in values)


def _amounts(values: list[Any]) -> bool:
    """Do a numeric column's few values read as quantities (one of 100 or more, or a fraction of a
    whole number) rather than as codes or small counts (1 to 5 stars, 2 bedrooms), or years?"""
    return len(values) > 1 and not _all_years(values) and any(abs(v) >= 100 or v != int(v) for v in values)


_COUNTS_OF = re.compile(r"(?:^|_)(?:n|num|number|count|total)(?:_|$)|(?:^|_)\w*[^su_]s$", re.I)


def counts_of(column: str) -> bool:
    """Is a column named as a count of something (`n_victims`, `inmates`, `total_beds`)?"""
    return _COUNTS_OF.search(column.split(".")[-1]) is not None


def counts_something(column: str, type_: str, values: list[Any]) -> bool:
    """Is a column of a few whole numbers a count of something, to sum ("482 critical violations":
    `critical_violations`, `injuries`, `n_victims`), rather than a code or a rating? Named in the
    plural or as a count, and never below zero."""
    return (base_type(type_) in INTEGER_TYPES and counts_of(column)
            and len(values) > 1 and all(v is None or v >= 0 for v in values))


def _is_years(backend: Backend, table: str, column: str) -> bool:
    """Does an integer column hold years (named for them, every value from 1800 to 2100)?"""
    q = quote_ident(column)
    row = backend.execute(f"SELECT min({q}), max({q}) FROM {quote_ident(table)}").rows[0]
    return row[0] is not None and 1800 <= int(row[0]) and int(row[1]) <= 2100 and "year" in column.lower()


def profile_tables(backend: Backend, catalog: Catalog, tables: list[str]) -> dict[str, Profile]:
    """Profile every table (its own columns, and its lookups' as ``link.column``)."""
    own: dict[str, tuple[int, list[Dimension], list[str], list[str], list[Dimension]]] = {}
    for t in tables:
        key = catalog.sources[t].decl.key
        own[t] = _own(backend, t, key if isinstance(key, str) else None)
    profiles: dict[str, Profile] = {}
    for t in tables:
        total, dims, numbers, ids, counted = own[t]
        joins = ""
        declared = catalog.sources[t].decl.key
        p = Profile(t, "", total, counted=counted, declared=catalog.counted_columns(t),
                    key=[] if declared is None else [declared] if isinstance(declared, str) else list(declared))
        for d in dims:
            p.dimensions.append(Dimension(d.name, f"{quote_ident(t)}.{quote_ident(d.name)}", d.type, d.values,
                                          d.has_null, d.year, d.is_year, label=d.label, measure=d.measure))
        for link in catalog.links.get(t, {}).values():
            if link.target not in own:
                continue
            joins += "\n" + link.join_sql()
            for d in own[link.target][1]:
                p.dimensions.append(Dimension(f"{link.name}.{d.name}",
                                              f"{quote_ident(link.name)}.{quote_ident(d.name)}",
                                              d.type, d.values, True, d.year, d.is_year, label=d.label,
                                              measure=d.measure))
        if len(p.dimensions) > MAX_DIMENSIONS:
            p.capped.append(f"{t}: {len(p.dimensions) - MAX_DIMENSIONS} dimensions left out "
                            f"(at most {MAX_DIMENSIONS} per table)")
            p.dimensions = p.dimensions[:MAX_DIMENSIONS]
        p.numbers = [(c, f"{quote_ident(t)}.{quote_ident(c)}") for c in numbers]
        p.ids = [(c, f"{quote_ident(t)}.{quote_ident(c)}") for c in ids]
        p.from_sql = f"FROM {quote_ident(t)}{joins}"
        profiles[t] = p
    return profiles


def named_dimensions(backend: Backend, catalog: Catalog, profiles: dict[str, Profile], sentences: list[str]) -> None:
    """Add to each profile, as dimensions, the values the sentences name of a text column of too many
    values to be one ("Northline Construction alone received $222 million", one of 160 vendors' names):
    of its own columns and through its lookups (``vendor.name``). Only the values named, each as written
    in the data (a twin with a trailing space too); the column's other values are no group of it (its
    SQL keeps those named, the rest unknown), so the cells stay as few. One query per table with such a
    column (a scan of it), when `suggest` or `init` runs."""
    text = "\n".join(sentences)
    if not text.strip():
        return
    named: dict[str, list[tuple[str, str, list[Any]]]] = {}
    for t, p in profiles.items():
        dims = {d.name for d in p.dimensions}   # a column of few values is a dimension already
        many = [(c, ty) for c, ty in _columns(backend, t) if not c.startswith("__") and value_type(ty) == "text"
                and not is_id(c) and c != catalog.sources[t].decl.key and c not in dims]
        if not many:
            continue
        said = "'" + text.replace("'", "''") + "'"
        parts = [f"list(DISTINCT {quote_ident(c)}) FILTER (WHERE length(trim({quote_ident(c)})) >= 4 "
                 f"AND contains({said}, trim({quote_ident(c)})))" for c, _ in many]
        row = backend.execute(f"SELECT {', '.join(parts)} FROM {quote_ident(t)}").rows[0]
        for (c, ty), found in zip(many, row, strict=True):
            values = sorted(v for v in (found or []) if isinstance(v, str)
                            and re.search(rf"(?<![\w.]){re.escape(v.strip())}(?![\w])", text))
            if values:
                named.setdefault(t, []).append((c, ty, values))
    for t, p in profiles.items():
        places = [(quote_ident(t), "", c, ty, vs) for c, ty, vs in named.get(t, [])]
        places += [(quote_ident(link.name), f"{link.name}.", c, ty, vs)
                   for link in catalog.links.get(t, {}).values() for c, ty, vs in named.get(link.target, [])]
        for alias, prefix, c, ty, values in places:
            column = f"{alias}.{quote_ident(c)}"
            listed = ", ".join("'" + v.replace("'", "''") + "'" for v in values)
            p.dimensions.append(Dimension(f"{prefix}{c}", f"CASE WHEN {column} IN ({listed}) THEN {column} END",
                                          ty, values, True, named=True))
