"""Figures that count the groups a value came first in: "Rivera carried 31 of the city's 48
precincts", "won 12 precincts", "was the top platform in 9 of the 12 months" (the ``wins`` measure).

:func:`wins_said` reads the sentence: the figure N, the groups' noun, their number M when written,
and the words before the verb (the value: "Rivera"). :func:`read_wins` asks the data, once per such
claim, for each group and competing value's figure (one ``GROUP BY`` per table), and counts the
groups the value won in every period of the table's column of years, and over all rows. The search
(:meth:`.search.Search.wins`) turns those counts into candidates.

The value is a value of a text column whose words the words before the verb name; the groups are
a column whose name is the groups' noun ("precincts": `precinct`) or, when none is, one holding M
distinct values; first place goes by the sum of the column the claims file declares ``counts:``, or
of the one number column the sentence or the article names ("votes"), else by the rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .words import words

if TYPE_CHECKING:
    from ..backends import Backend
    from .profile import Profile

_SPELLED = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
            "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "every": -1}
_N = r"(?P<n>\d[\d,]*|" + "|".join(w for w in _SPELLED if w != "every") + r")"
_M = r"(?:of\s+(?:the\s+)?(?:[\w\u2019']+\s+){0,2}?(?P<m>\d[\d,]*|" + "|".join(_SPELLED) + r")\s+)?"
# "carried 31 of the city's 48 precincts", "won 12 precincts", "swept nine of 12 wards"
_WON = re.compile(rf"\b(?:carried|won|wins|win|swept|captured|topped)\s+{_N}\s+{_M}(?P<noun>[A-Za-z]+)", re.I)
# "was the top platform in 9 of the 12 months", "came first in 30 of 48 precincts"
_TOP = re.compile(rf"\b(?:top|first|led|leading)\b[^.;:]*?\bin\s+{_N}\s+{_M}(?P<noun>[A-Za-z]+)", re.I)


@dataclass(frozen=True)
class WinsSaid:
    """What a sentence says of a count of groups won."""

    subject: frozenset[str]   # the words before the verb, in the figure's clause ("Rivera")
    noun: frozenset[str]      # the groups' noun ("precincts")
    of: int | None            # how many groups there are, when written ("of the city's 48")


def _number(text: str | None) -> int | None:
    if text is None:
        return None
    low = text.lower().replace(",", "")
    return int(low) if low.isdigit() else _SPELLED.get(low)


def wins_said(says: str, expect: object) -> WinsSaid | None:
    """The :class:`WinsSaid` of ``says`` when the figure ``expect`` is the number of groups a value
    came first in; None otherwise (the figure is elsewhere, or the sentence says no such thing).

    >>> wins_said("Rivera carried 31 of the city's 48 precincts and won every precinct in Ward 3.", "31")
    WinsSaid(subject=frozenset({'river'}), noun=frozenset({'preci'}), of=48)
    >>> wins_said("Rivera carried 31 of the city's 48 precincts.", "48") is None
    True
    """
    from ..draft.phrases import CLAUSE_BREAK
    from .propose import figure_span
    if not isinstance(expect, (str, int)):
        return None
    span = figure_span(says, str(expect))
    if span is None:
        return None
    for pattern in (_WON, _TOP):
        for m in pattern.finditer(says):
            if not m.start("n") <= span[0] < m.end("n"):
                continue
            start = max((b.end() for b in CLAUSE_BREAK.finditer(says, 0, m.start())), default=0)
            subject = words(says[start:m.start()])
            if not subject:
                return None
            return WinsSaid(frozenset(subject), frozenset(words(m["noun"])), _number(m["m"]))
    return None


@dataclass
class WinsRead:
    """The groups one value won on one table, per period: ``won[None]`` over every row, ``won[y]``
    over the rows of year ``y`` of ``year`` (the table's column of years)."""

    table: str
    value: Any
    among: str
    in_: str
    by: str | None            # the column summed to rank the values; None: their rows
    year: str | None
    won: dict[int | None, int] = field(default_factory=dict)

    def measure(self, where: str | None) -> dict[str, Any]:
        by = {"sum": self.by, "of": self.table} if self.by is not None else {"count": self.table}
        m: dict[str, Any] = {"wins": self.value, "among": self.among, "in": self.in_, "by": by, "of": self.table}
        return {**m, "where": where} if where else m


def _subjects(profile: Profile, said: WinsSaid) -> list[tuple[str, Any]]:
    """(column, value): the one value of each text column that the words before the verb name."""
    out = []
    for d in profile.dimensions:
        if "." in d.name or d.is_year or d.boolean:
            continue
        named = [v for v in d.values if isinstance(v, str) and words(v) & said.subject]
        if len(named) == 1:
            out.append((d.name, named[0]))
    return out


def _columns(backend: Backend, table: str) -> list[str]:
    got = backend.execute(f"SELECT column_name FROM (DESCRIBE {_q(table)})")
    return [str(r[0]) for r in got.rows]


def _q(name: str) -> str:
    from ..expressions import quote_ident
    return quote_ident(name)


def _groups(backend: Backend, table: str, columns: list[str], said: WinsSaid) -> list[str]:
    """The columns naming the groups: those named as the noun, else those with as many values as said."""
    named = [c for c in columns if words(c) & said.noun]
    if named or said.of is None or said.of < 2:
        return named
    got = backend.execute("SELECT " + ", ".join(f"count(DISTINCT {_q(c)})" for c in columns) + f" FROM {_q(table)}")
    return [c for c, n in zip(columns, got.rows[0], strict=True) if n == said.of]


def _by(profile: Profile, text: str) -> str | None:
    """The column that decides first place: the one declared ``counts:``, else the one number column
    named as a count (`votes`, not `precinct`) that the text names (a verb of it too: "voted" of
    `votes`); None: the rows."""
    from .profile import counts_of
    from .search import verb_of
    declared = [c for c in profile.declared if any(c == n for n, _ in profile.numbers)]
    if len(declared) == 1:
        return declared[0]
    said = words(text)
    named = [c for c, _ in profile.numbers if counts_of(c) and (words(c) & said or verb_of(words(c), said))]
    return named[0] if len(named) == 1 else None


def read_wins(backend: Backend, profiles: dict[str, Profile], said: WinsSaid, text: str) -> list[WinsRead]:
    """For each table, value and groups the sentence may mean, the groups the value won per period
    (one query each). ``text``: the sentence and the article around it, which may name what decides."""
    out: list[WinsRead] = []
    for table, profile in profiles.items():
        subjects = _subjects(profile, said)
        if not subjects:
            continue
        own = _columns(backend, table)
        years = [d.name for d in profile.dimensions if d.is_year and "." not in d.name]
        year = years[0] if years else None
        by = _by(profile, text)
        for among, value in subjects:
            for in_ in _groups(backend, table, [c for c in own if c not in (among, year, by)], said):
                read = WinsRead(table, value, among, in_, by, year)
                read.won = _won(backend, read)
                out.append(read)
    return out


def _won(backend: Backend, read: WinsRead) -> dict[int | None, int]:
    year = _q(read.year) if read.year is not None else "NULL"
    figure = f"sum({_q(read.by)})" if read.by is not None else "count(*)"
    got = backend.execute(f"SELECT {year}, {_q(read.in_)}, {_q(read.among)}, {figure} FROM {_q(read.table)} "
                          f"WHERE {_q(read.in_)} IS NOT NULL AND {_q(read.among)} IS NOT NULL GROUP BY ALL")
    per: dict[int | None, dict[Any, dict[Any, float]]] = {}
    for y, group, value, n in got.rows:
        if n is None:
            continue
        for period in {None, None if y is None else int(y)}:
            of = per.setdefault(period, {}).setdefault(group, {})
            of[value] = of.get(value, 0.0) + float(n)
    out: dict[int | None, int] = {}
    for period, groups in per.items():
        out[period] = sum(1 for figures in groups.values()
                          if read.value in figures and all(figures[read.value] > n for v, n in figures.items()
                                                           if v != read.value))
    return out
