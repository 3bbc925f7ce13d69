"""The candidates for one claim: every measure of the search space whose value fits, or nearly.

The space, per table (see :mod:`.space` for the conditions):

* ``count`` of rows, ``sum`` / ``mean`` of each number column, under a filter of a period
  (or none) and up to two conditions (:data:`MAX_CONDITIONS`);
* ``share`` of each condition, over the same filters;
* ``median`` and ``count_distinct`` under a period and at most one condition;
* ``change`` of a count between the years the sentence names (percent, absolute), and of a
  share (points), over each year column, with at most one condition;
* ``extreme`` of a count over each year column, at and since the years named;
* ``top`` of each dimension holding the values the claim names, under the filters.

Which families are tried follows the expectation: a whole number a count, a percentage a
share, a direction a change, ``true`` an extreme, a list of names a top.
Values are computed from the table's cells (:mod:`.cells`) a matrix product at a time;
only those within :data:`NEAR` of the expectation are kept as Python objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Iterator

import numpy as np
import numpy.typing as npt

from .cells import pair_counts
from .space import Atom, ident, literal
from .words import words

if TYPE_CHECKING:
    from ..expectations import Expectation
    from .cells import Cells
    from .profile import Profile

Floats = npt.NDArray[np.float64]
MAX_CONDITIONS = 2     # conditions in a filter, besides its period
MAX_TARGETS = 8        # conditions tried as a share's numerator, those closest to the sentence's words first
NEAR = 0.25            # a miss within 25% of the expectation is kept as a near miss
MAX_KEPT = 400         # candidates kept per claim, family and filter set before ranking
MAX_RELEVANT = 16      # conditions matching the sentence that are paired with others


@dataclass
class Found:
    """A candidate measure with its value as the search computed it."""

    measure: dict[str, Any]
    table: str
    value: float | bool | list[str]
    ok: bool
    distance: float
    score: float = 0.0
    conditions: int = 0


@dataclass
class Context:
    """What the ranking knows about a claim: the words of its sentence and of its labels."""

    sentence: set[str]
    labels: set[str]
    years: tuple[int, ...]
    since: int | None
    default: int | None
    lowest: bool | None                       # "fewest" / "most" in the sentence; None: say both
    capped: list[str] = field(default_factory=list)

    def condition(self, atom: Atom) -> float:
        if atom.strong & self.sentence:  # every word of the value named beats some of them
            return 0.6 + 0.4 * len(atom.strong & self.sentence) / len(atom.strong)
        if atom.strong & self.labels:
            return 0.6
        if atom.words & self.sentence:
            return 0.2
        return -0.8

    def period(self, atom: Atom | None) -> float:
        if atom is None:
            return -0.6 if self.years else 0.0
        bonus = 0.4 if atom.words & self.sentence else 0.0
        if atom.year in self.years or atom.year == self.since:
            return 1.0 + bonus
        if str(atom.year) in self.labels:
            return 1.3 + bonus
        if atom.year == self.default and not self.years:
            return 0.4 + bonus
        return -0.2 + bonus

    table_bonus: float = 0.0                  # the measured table is named in the sentence

    def table(self, name: str) -> float:
        return self.table_bonus

    def target(self, wordset: frozenset[str] | set[str]) -> float:
        if wordset & self.sentence:
            return 1.5
        if wordset & self.labels:
            return 0.8
        return -1.0


# --------------------------------------------------------------------------- helpers

def _bounds(exp: Expectation) -> tuple[float, float, bool, bool]:
    iv = exp.interval
    assert iv is not None
    lo = float(iv.low) if iv.low is not None else -np.inf
    hi = float(iv.high) if iv.high is not None else np.inf
    return lo, hi, iv.low_closed or iv.low is None, iv.high_closed or iv.high is None


def _inside(values: Floats, exp: Expectation) -> npt.NDArray[np.bool_]:
    lo, hi, lc, hc = _bounds(exp)
    eps = 1e-9
    above = values >= lo - eps if lc else values > lo + eps
    below = values <= hi + eps if hc else values < hi - eps
    return above & below & np.isfinite(values)


def _distance(values: Floats, exp: Expectation) -> Floats:
    lo, hi, _, _ = _bounds(exp)
    ref = np.where(values < lo, lo, np.where(values > hi, hi, values))
    scale = np.maximum(np.abs(ref), 1e-9)
    return np.where(np.isfinite(values), np.abs(values - ref) / scale, np.inf)


def _where(period: Atom | None, conds: tuple[Atom, ...]) -> str | None:
    parts = [a.text for a in conds] + ([period.text] if period is not None else [])
    return " and ".join(parts) if parts else None


class Filters:
    """The filters tried for a claim: none, each condition alone, and each pair of a condition that
    matches the sentence's words (at most :data:`MAX_RELEVANT`) with any other condition on
    another dimension. Pairs where one condition implies the other on this data are left out."""

    def __init__(self, atoms: list[Atom], relevant: list[int], implies: npt.NDArray[np.bool_],
                 period: Atom | None, avoid: set[str]) -> None:
        pdim = period.dim if period is not None else None
        usable = [i for i, a in enumerate(atoms) if a.dim not in avoid and a.dim != pdim]
        rel = [r for r in relevant if r in set(usable)]
        self.rel_index = {r: k for k, r in enumerate(rel)}
        self.rel = rel
        items: list[tuple[int, ...]] = [()]
        items += [(i,) for i in usable]
        if MAX_CONDITIONS >= 2:
            for r in rel:
                for j in usable:
                    if atoms[j].dim == atoms[r].dim or implies[r, j] or implies[j, r]:
                        continue
                    if j in self.rel_index and j < r:
                        continue
                    items.append((r, j))
        self.items = items
        self.singles = np.array(usable, dtype=np.int64)
        pairs = [f for f in items if len(f) == 2]
        self.pair_rows = np.array([self.rel_index[f[0]] for f in pairs], dtype=np.int64)
        self.pair_cols = np.array([f[1] for f in pairs], dtype=np.int64)

    def values(self, matrix: Floats, weights: Floats) -> Floats:
        """The weighted count of every filter: one product of the relevant rows with all rows."""
        singles = matrix @ weights
        parts = [np.array([weights.sum()]), singles[self.singles]]
        if self.rel:
            pairs = (matrix[self.rel] * weights) @ matrix.T
            parts.append(pairs[self.pair_rows, self.pair_cols])
        return np.concatenate(parts)


def _pick(values: Floats, exp: Expectation) -> list[tuple[int, float, bool]]:
    """(filter index, value, ok) for the filters whose value fits or nearly fits."""
    ok = _inside(values, exp)
    dist = _distance(values, exp)
    near = np.nonzero(ok | (dist <= NEAR))[0]
    if len(near) > MAX_KEPT:
        near = near[np.argsort(dist[near], kind="stable")[:MAX_KEPT]]
    return [(int(k), float(values[k]), bool(ok[k])) for k in near]


@dataclass
class Table:
    """A table made ready once for every claim: its cells, conditions, their masks as a matrix, and
    which condition implies which on this data."""

    profile: Profile
    cells: Cells
    atoms: list[Atom]
    matrix: Floats
    implies: npt.NDArray[np.bool_]

    @classmethod
    def make(cls, profile: Profile, cells: Cells, atoms: list[Atom]) -> Table:
        matrix = np.array([a.mask for a in atoms], dtype=np.float64).reshape(len(atoms), cells.size)
        both = pair_counts(matrix, cells.n)
        alone = np.diag(both)
        return cls(profile, cells, atoms, matrix, both >= alone[:, None] - 0.5)  # implies[i, j]: i's rows all meet j


class Search:
    """The candidates on one table for one claim."""

    def __init__(self, table: Table, ctx: Context, exp: Expectation) -> None:
        self.p, self.cells, self.atoms, self.ctx, self.exp = table.profile, table.cells, table.atoms, ctx, exp
        self.matrix, self.implies = table.matrix, table.implies
        scored = sorted(range(len(self.atoms)), key=lambda i: -ctx.condition(self.atoms[i]))
        self.relevant = [i for i in scored if ctx.condition(self.atoms[i]) > 0][:MAX_RELEVANT]

    def filters(self, period: Atom | None, avoid: set[str] = frozenset()) -> Filters:  # type: ignore[assignment]
        return Filters(self.atoms, self.relevant, self.implies, period, set(avoid))

    def _score(self, period: Atom | None, conds: tuple[Atom, ...], extra: float) -> float:
        s = self.ctx.table(self.p.table) + self.ctx.period(period) + extra
        s += sum(self.ctx.condition(a) for a in conds)
        return s - 0.05 * (len(conds) + (period is not None))

    def _found(self, measure: dict[str, Any], value: float | bool | list[str], ok: bool, dist: float,
               period: Atom | None, conds: tuple[Atom, ...], extra: float) -> Found:
        return Found(measure, self.p.table, value, ok, dist, self._score(period, conds, extra),
                     len(conds) + (period is not None))

    # ------------------------------------------------------------------ families
    def counts(self, periods: list[Atom | None]) -> Iterator[Found]:
        for period in periods:
            w = self.cells.n * (period.mask if period is not None else 1.0)
            filters = self.filters(period)
            for k, value, ok in _pick(filters.values(self.matrix, w), self.exp):
                conds = tuple(self.atoms[i] for i in filters.items[k])
                m: dict[str, Any] = {"count": self.p.table}
                where = _where(period, conds)
                if where:
                    m["where"] = where
                yield self._found(m, value, ok, 0.0 if ok else _distance(np.array([value]), self.exp)[0],
                                  period, conds, 0.3)

    def sums(self, periods: list[Atom | None]) -> Iterator[Found]:
        for column, _ in self.p.numbers:
            col_score = self.ctx.target(frozenset(words(column)))
            for period in periods:
                pm = period.mask if period is not None else 1.0
                w_s, w_c = self.cells.sums[column] * pm, self.cells.counts[column] * pm
                filters = self.filters(period)
                sv = filters.values(self.matrix, w_s)
                cv = filters.values(self.matrix, w_c)
                with np.errstate(divide="ignore", invalid="ignore"):
                    mean = np.where(cv > 0, sv / cv, np.nan)
                for kind, values in (("sum", sv), ("mean", mean)):
                    for k, value, ok in _pick(values, self.exp):
                        conds = tuple(self.atoms[i] for i in filters.items[k])
                        m: dict[str, Any] = {kind: ident(column), "of": self.p.table}
                        where = _where(period, conds)
                        if where:
                            m["where"] = where
                        yield self._found(m, value, ok, 0.0 if ok else float(_distance(np.array([value]), self.exp)[0]),
                                          period, conds, (0.8 if col_score > 0 else -1.0) - 0.3)

    def _targets(self) -> list[int]:
        sizes = {a.dim: 0 for a in self.atoms}
        for a in self.atoms:
            sizes[a.dim] += 1
        # those the sentence names first, then the rest, conditions of small dimensions first
        scored = sorted(range(len(self.atoms)), key=lambda i: (-self.ctx.target(self.atoms[i].words),
                                                                sizes[self.atoms[i].dim], i))
        return scored[:MAX_TARGETS]

    def shares(self, periods: list[Atom | None]) -> Iterator[Found]:
        targets = self._targets()
        if len(targets) == MAX_TARGETS:
            self.ctx.capped.append(f"{self.p.table}: shares of at most {MAX_TARGETS} conditions tried")
        for period in periods:
            pm = period.mask if period is not None else 1.0
            for t in targets:
                target = self.atoms[t]
                w_num = self.cells.n * pm * target.mask
                w_den = self.cells.n * pm * target.known
                filters = self.filters(period, {target.dim})
                nv = filters.values(self.matrix, w_num)
                dv = filters.values(self.matrix, w_den)
                with np.errstate(divide="ignore", invalid="ignore"):
                    values = np.where(dv > 0, nv / dv, np.nan)
                for k, value, ok in _pick(values, self.exp):
                    conds = tuple(self.atoms[i] for i in filters.items[k])
                    m: dict[str, Any] = {"share": target.text, "of": self.p.table}
                    where = _where(period, conds)
                    if where:
                        m["where"] = where
                    yield self._found(m, value, ok, 0.0 if ok else float(_distance(np.array([value]), self.exp)[0]),
                                      period, conds, self.ctx.target(target.words))

    # ------------------------------------------------------------------ over years
    def _by_year(self, column: str, weights: Floats) -> tuple[list[int], Floats, Floats]:
        """Per year of ``column``: the total and each atom's count (atoms x years)."""
        col = self.cells.columns[column]
        years = sorted({int(v) for v in col if v is not None})
        onehot = np.array([[v is not None and int(v) == y for v in col] for y in years], dtype=np.float64)
        totals = onehot @ weights
        per_atom = (self.matrix * weights) @ onehot.T
        return years, totals, per_atom

    def _inner(self, conds: tuple[Atom, ...]) -> dict[str, Any]:
        inner: dict[str, Any] = {"count": self.p.table}
        if conds:
            inner["where"] = _where(None, conds)
        return inner

    def changes(self, spans: list[tuple[int, int]], year_columns: list[str], as_: str) -> Iterator[Found]:
        for column in year_columns:
            years, totals, per_atom = self._by_year(column, self.cells.n)
            index = {y: i for i, y in enumerate(years)}
            for a, b in spans:
                if a not in index or b not in index:
                    continue
                rows: list[tuple[tuple[Atom, ...], Any, Any]] = [((), totals[index[a]], totals[index[b]])]
                rows += [((self.atoms[i],), per_atom[i, index[a]], per_atom[i, index[b]]) for i in range(len(self.atoms))]
                for conds, x, y in rows:
                    if as_ == "percent":
                        if x <= 0:
                            continue
                        value = y / x - 1
                    else:
                        value = y - x
                    arr = np.array([value])
                    ok = bool(_inside(arr, self.exp)[0])
                    dist = float(_distance(arr, self.exp)[0])
                    if not ok and dist > NEAR:
                        continue
                    m: dict[str, Any] = {"change": self._inner(conds), "over": ident(column), "from": a, "to": b}
                    if as_ != "percent":
                        m["as"] = as_
                    yield self._found(m, float(value), ok, dist, None, conds, 0.5 + (0.5 if a in self.ctx.years else 0.0))

    def point_changes(self, spans: list[tuple[int, int]], year_columns: list[str]) -> Iterator[Found]:
        for column in year_columns:
            for t in self._targets():
                target = self.atoms[t]
                years, nt, num = self._by_year(column, self.cells.n * target.mask)
                _, dt, den = self._by_year(column, self.cells.n * target.known)
                index = {y: i for i, y in enumerate(years)}
                for a, b in spans:
                    if a not in index or b not in index:
                        continue
                    rows: list[tuple[tuple[Atom, ...], Any, Any, Any, Any]] = [
                        ((), nt[index[a]], dt[index[a]], nt[index[b]], dt[index[b]])]
                    rows += [((self.atoms[i],), num[i, index[a]], den[i, index[a]], num[i, index[b]], den[i, index[b]])
                             for i in range(len(self.atoms)) if self.atoms[i].dim != target.dim]
                    for conds, na, da, nb, db in rows:
                        if da <= 0 or db <= 0:
                            continue
                        arr = np.array([nb / db - na / da])
                        ok = bool(_inside(arr, self.exp)[0])
                        dist = float(_distance(arr, self.exp)[0])
                        if not ok and dist > NEAR:
                            continue
                        inner: dict[str, Any] = {"share": target.text, "of": self.p.table}
                        if conds:
                            inner["where"] = _where(None, conds)
                        m = {"change": inner, "over": ident(column), "from": a, "to": b, "as": "points"}
                        yield self._found(m, float(arr[0]), ok, dist, None, conds, self.ctx.target(target.words))

    def extremes(self, at_years: list[int], since: int | None, year_columns: list[str]) -> Iterator[Found]:
        want = self.exp.boolean
        for column in year_columns:
            years, totals, per_atom = self._by_year(column, self.cells.n)
            rows = [((), totals)] + [((self.atoms[i],), per_atom[i]) for i in range(len(self.atoms))]
            for conds, series in rows:
                by_year = dict(zip(years, series, strict=False))
                for at in at_years:
                    for lowest in ((True, False) if self.ctx.lowest is None else (self.ctx.lowest,)):
                        value = _is_extreme(by_year, at, since, lowest)
                        if value is None:
                            continue
                        inner = self._inner(conds)
                        m: dict[str, Any] = {"extreme": inner, "over": ident(column), "at": at}
                        if since is not None:
                            m["since"] = since
                        m["is"] = "lowest" if lowest else "highest"
                        ok = value == want
                        yield self._found(m, value, ok, 0.0 if ok else 1.0, None, conds,
                                          0.5 + (0.5 if at in self.ctx.years else 0.0))

    def tops(self, periods: list[Atom | None], expected: list[str], mentioned: set[str]) -> Iterator[Found]:
        names = [e.lower() for e in expected]
        for d in self.p.dimensions:
            if d.boolean or d.is_year or d.year is not None:
                continue
            values = [v for v in d.values if isinstance(v, str)]
            lowered = {v.lower(): v for v in values}
            if not all(n in lowered for n in names):
                continue
            excluded = [v for v in values if v.lower() in mentioned and v.lower() not in names]
            col = self.cells.columns[d.name]
            value_masks = np.array([[c == v for c in col] for v in values], dtype=np.float64)
            for period in periods:
                pm = period.mask if period is not None else 1.0
                filters = self.filters(period, {d.name})
                table = np.empty((len(values), len(filters.items)))
                for vi in range(len(values)):
                    table[vi] = filters.values(self.matrix, self.cells.n * pm * value_masks[vi])
                skips: list[list[str]] = [[]] + [[v] for v in excluded if literal(v) is not None]
                for skip in skips:
                    keep = [vi for vi, v in enumerate(values) if v not in skip]
                    sub = table[keep]
                    order = np.argsort(-sub, axis=0, kind="stable")[: len(names)]
                    kept_vals = [values[keep[i]] for i in range(len(keep))]
                    for k in range(len(filters.items)):
                        got = [kept_vals[i] for i in order[:, k]]
                        if sub[order[-1, k], k] <= 0:
                            continue
                        ok = [g.lower() for g in got] == names
                        if not ok:
                            continue
                        conds = tuple(self.atoms[i] for i in filters.items[k])
                        wheres = [f"{ident(d.name)} != {literal(v)}" for v in skip]
                        where = _where(period, conds)
                        m: dict[str, Any] = {"top": ident(d.name), "of": self.p.table, "n": len(names)}
                        full = " and ".join(wheres + ([where] if where else []))
                        if full:
                            m["where"] = full
                        yield self._found(m, got, True, 0.0, period, conds, 1.0 + (0.8 if skip else 0.0))


def _is_extreme(series: dict[int, float], at: int, since: int | None, lowest: bool) -> bool | None:
    """Whether ``at``'s value is the lowest (highest) since ``since`` (or on record), as the engine reads it."""
    if at not in series:
        return None
    first = min(series)
    years = range(first if since is None else since, at)
    if since is not None and since < first:
        return None
    x = series[at]
    vals = {y: series.get(y, 0.0) for y in years}

    def beyond(v: float) -> bool:
        return v > x if lowest else v < x

    if since is None:
        return all(beyond(v) for v in vals.values())
    inner = [vals[y] for y in years if y != since]
    edge = vals.get(since, 0.0)
    return all(beyond(v) for v in inner) and not beyond(edge)


def as_fraction(value: float) -> Fraction:
    return Fraction(value).limit_denominator(10**9)
