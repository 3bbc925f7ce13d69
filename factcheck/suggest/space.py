"""The conditions a search combines: atoms on dimensions, and the periods a sentence names.

An *atom* is one condition on one dimension: ``sex == 'female'``, ``minor``, ``not minor``,
``referral_source != 'unknown'`` (``!=`` only for values that mean "not known"). A
*period* is a condition on a year column (``filed_year == 2020``, ``filed_year >= 2000``),
on a column of years written as labels (``school_year == '2019-20'``, ``fiscal_year ==
'FY2021'``) or a boolean flag named for a year (``case.active_2020``), built from the years
the sentence names, or the article's own year when the sentence names none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from ..expressions import INTEGER_TYPES, base_type
from .cells import Cells, mask_equal, mask_known
from .profile import counts_something
from .words import name_words

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .profile import Dimension, Profile

Mask = npt.NDArray[np.bool_]
MAX_ATOMS = 96     # per table: conditions beyond this many are left out (reported)
_UNKNOWN = re.compile(r"^(unknown|unk|none|missing|n/?a|not[_ ]?(recorded|known|stated)|unspecified)$", re.I)
_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Atom:
    """One condition, as a claims file writes it, with its cells and its words."""

    dim: str
    text: str
    words: frozenset[str]
    mask: Mask
    known: Mask              # cells where the dimension is known (a share's denominator)
    year: int | None = None  # a period: the year it names
    value: Any = None
    strong: frozenset[str] = frozenset()   # the words that say what it keeps (its value, or a flag's name)
    threshold: bool = False  # a sentence's threshold on a number: named only by all its words


def ident(name: str) -> str:
    """A column name as an expression writes it (backticks when not a plain name)."""
    return ".".join(p if _PLAIN.match(p) else f"`{p}`" for p in name.split("."))


def literal(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if "'" in text or "\\" in text or "\n" in text:
        return None
    return f"'{text}'"


def distinctive(said: set[str] | frozenset[str], nouns: frozenset[str], shared: frozenset[str] = frozenset()) -> frozenset[str]:
    """The words of a value or a flag's name that say what it keeps: not those naming a table of the
    data (``victim`` of ``victim_self_report`` in a story of victims: every sentence says it), nor
    those every value of its column has (``trafficking`` of ``sex_trafficking`` and
    ``labor_trafficking``); all of them when nothing else is left. A number alone is no name ("2" of
    ``Place 2`` among ``Place 1`` … ``Place 9``: any "2" of the text would name it), so the words the
    values share stay beside it."""
    rest = frozenset(said) - nouns - shared
    if rest and all(w.isdigit() for w in rest):
        rest = frozenset(said) - nouns
    return rest or frozenset(said)


def _the_yes(values: Sequence[object]) -> object | None:
    """The value that says yes, of a text column of two values that are a yes and a no in one pair of
    codes (`Y`/`N`, `Yes`/`No`, `T`/`F`, `true`/`false`, `1`/`0`): a flag written as text, whose yes
    the column's name says ("*minority-owned* firms" of `minority_owned == 'Y'`). None otherwise.

    >>> _the_yes(['N', 'Y']), _the_yes(['No', 'Yes']), _the_yes(['A', 'N']), _the_yes(['Y', 'no'])
    ('Y', 'Yes', None, None)
    """
    if len(values) != 2 or not all(isinstance(v, str) for v in values):
        return None
    pairs = (("y", "n"), ("yes", "no"), ("t", "f"), ("true", "false"), ("1", "0"))
    low = {str(v).strip().lower(): v for v in values}
    return next((low[y] for y, n in pairs if set(low) == {y, n}), None)


def atoms_of(profile: Profile, cells: Cells, nouns: frozenset[str] = frozenset()) -> tuple[list[Atom], list[str]]:
    """Every condition on a (non-year) dimension of the table; and what the cap left out. ``nouns``:
    the words that name the data's tables (rows of what), which name no condition (:func:`distinctive`)."""
    out: list[Atom] = []
    for d in profile.dimensions:
        if d.measure and not d.numbered:
            continue  # a quantity each row has its own of (enrollment 1,063): a filter on one value reads no sentence
        if d.is_year or d.year is not None or d.label is not None or (not d.boolean and not d.type.startswith(("VARCHAR", "DATE"))
                                                and (base_type(d.type) not in INTEGER_TYPES
                                                     or (counts_something(d.name, d.type, d.values)
                                                         and not d.numbered))):
            # numbers are measured, not filtered on; a few whole numbers are categories too (precinct 44),
            # unless they count something (`n_defendants`, `officer_count`: summed, and read by thresholds)
            continue
        known = mask_known(cells, d.name)
        if d.said:  # a threshold a sentence states (``wait_minutes > 240``): only as it is said
            t = mask_equal(cells, d.name, True)
            out.append(Atom(d.name, d.name, frozenset(name_words(d.name)) | d.said, t, known, value=True,
                            strong=d.stated, threshold=True))  # named by a sentence that states it, however worded
            continue
        name = ident(d.name)
        if d.boolean:
            t = mask_equal(cells, d.name, True)
            yes, no = frozenset(name_words(d.name)), frozenset(name_words(d.name, negated=True))
            out.append(Atom(d.name, name, yes, t, known, value=True, strong=distinctive(yes, nouns)))
            out.append(Atom(d.name, f"not {name}", no, known & ~t, known, value=False,
                            strong=distinctive(no, nouns) if no != yes else frozenset()))
            if d.has_null and not known.all():
                # "whose minor status is known": the rows where the flag is recorded
                out.append(Atom(d.name, f"{name} is not null", frozenset(yes | {"known"}), known, known,
                                value=("is not null", None), strong=frozenset({"known"})))
            continue
        said = [frozenset(name_words("", v)) for v in d.values]
        shared = frozenset.intersection(*said) if len(said) > 1 else frozenset()
        yes_code = _the_yes(d.values)
        for v, own in zip(d.values, said, strict=True):
            lit = literal(v)
            if lit is None:
                continue
            m = mask_equal(cells, d.name, v)
            # `minority_owned == 'Y'` is what "minority-owned firms" names, as a flag of that name is
            strong = distinctive(frozenset(name_words(d.name)), nouns) if v == yes_code else distinctive(own, nouns, shared)
            out.append(Atom(d.name, f"{name} == {lit}", frozenset(name_words(d.name, v)), m, known, value=v,
                            strong=strong))
            if _UNKNOWN.match(str(v)):
                out.append(Atom(d.name, f"{name} != {lit}", frozenset(name_words(d.name)) | {"known"},
                                known & ~m, known, value=("!=", v), strong=frozenset({"known"})))
    left = []
    if len(out) > MAX_ATOMS:
        left.append(f"{profile.table}: {len(out) - MAX_ATOMS} conditions left out (at most {MAX_ATOMS} per table)")
        out = out[:MAX_ATOMS]
    return out, left


@dataclass(frozen=True)
class Periods:
    """What the sentence says about time."""

    years: tuple[int, ...]          # years it names ("in 2020", "from 2019")
    since: int | None               # "since 2012"
    spans: tuple[tuple[int, int], ...]  # the ranges it states, then (since, default) for "since 2012"
    default: int | None             # the article's year, when the sentence names none
    every_year: bool                # "every year since 2013"
    stated: tuple[tuple[int, int], ...] = ()  # the ranges it states ("from 2021 to 2022") alone
    inherited: bool = False         # ``years`` are an earlier sentence's: this one names none
    labelled: tuple[int, ...] = ()  # those of ``years`` it writes as a label ("in 2019-20", "FY2021"): by the first year
    end: int | None = None          # the year a "since" runs to: the article's year, or the data's latest when the
                                    # article has none of its own (a story of 2015 to 2024: "every year since 2017")


def period_atoms(profile: Profile, cells: Cells, periods: Periods) -> list[Atom | None]:
    """The period conditions worth trying on this table (``None``: no period condition)."""
    out: list[Atom | None] = [None]
    years = set(periods.years)
    if not years and periods.default is not None:
        years.add(periods.default)
    if periods.every_year and periods.since is not None and periods.end is not None:
        years |= set(range(periods.since, periods.end + 1))
    for d in profile.dimensions:
        name = ident(d.name)
        if d.label is not None:
            out += _label_atoms(d, cells, years, periods.labelled)
            continue
        if d.year is not None and d.year in years:
            out.append(Atom(d.name, name, frozenset(name_words(d.name)), mask_equal(cells, d.name, True),
                            mask_known(cells, d.name), year=d.year))
        if not d.is_year:
            continue
        col = cells.columns[d.name]
        known = mask_known(cells, d.name)
        w = frozenset(name_words(d.name))
        as_int = np.array([int(v) if v is not None else -1 for v in col])
        for y in sorted(years):
            out.append(Atom(d.name, f"{name} == {y}", w, known & (as_int == y), known, year=y))
        if periods.since is not None:
            out.append(Atom(d.name, f"{name} >= {periods.since}", w, known & (as_int >= periods.since),
                            known, year=periods.since))
        for a, b in periods.spans:
            out.append(Atom(d.name, f"{name} between {a} and {b}", w,
                            known & (as_int >= a) & (as_int <= b), known, year=b))
    return out


def _label_atoms(d: Dimension, cells: Cells, years: set[int], labelled: tuple[int, ...]) -> list[Atom | None]:
    """The periods of a column of years written as labels (``school_year == '2019-20'``) that the
    sentence's years name: a label it writes ("in 2019-20", "FY2021") names the one of that first
    year; a year written plainly ("in 2020") may be the year a school year begins or the one it ends
    (``2019-20`` and ``2020-21``), a fiscal year's own (``FY2020``). Each is the atom of the year said."""
    from ..measures._values import key, year_label
    assert d.label is not None
    name, w, known = ident(d.name), frozenset(name_words(d.name)), mask_known(cells, d.name)
    out: list[Atom | None] = []
    for y in sorted(years):
        for v in d.values:
            read = year_label(key(v))
            lit = literal(v)
            if read is None or lit is None:
                continue
            first = read[1]
            if first == y or (y not in labelled and d.label.width and first + 1 == y):
                out.append(Atom(d.name, f"{name} == {lit}", w, mask_equal(cells, d.name, v), known, year=y, value=v))
    return out


def year_columns(profile: Profile) -> list[str]:
    return [d.name for d in profile.dimensions if d.is_year]
