"""Turn what an article says (``expect:``) into an exact test on the computed value.

>>> from fractions import Fraction
>>> e = parse_expectation("59%", MeasureShape("share"))
>>> e.meaning
'rounds to 59%: 58.5% ≤ x < 59.5%'
>>> e.judge(Fraction(117, 200)).ok          # 58.5% sits exactly on the lower edge
True
>>> e.judge(Fraction(482, 1000)).message
'stated 59%, computed 48.2%: 10.8 points low'

This is the public face; import from here. The work is split by concept:

* :mod:`.shape`, :mod:`.interval` and :mod:`.errors` hold the types, :mod:`.numbers` exact
  figures, :mod:`.vocabulary` the words and their bands;
* :mod:`.judging` defines :class:`Expectation` and :class:`Judgement` and judges a
  value, with the message that says by how much;
* :mod:`.wording` reads the words: normalized text, directions, qualifiers, figures
  (numbers, fractions, multiples);
* :mod:`.composing` puts them together into an interval on the measure's scale
  (and reads majorities);
* :mod:`.explicit` reads booleans, lists of names and explicit mappings;
* :mod:`.reference` computes the documented table of wordings.

Each module imports only those listed before it (a test keeps it so: no import cycle).
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from typing import Mapping

from . import wording
from .composing import read_text
from .errors import ExpectationError
from .explicit import read_boolean, read_mapping, read_values
from .interval import Interval
from .judging import Direction as Direction
from .judging import Expectation, Judgement, in_money, read_every_group
from .judging import Miss as Miss
from .judging import Side as Side
from .shape import MeasureShape
from .vocabulary import DEFAULT, Vocabulary
from .wording import as_text, implies_share
from .wording import normalize as normalize

__all__ = ["ExpectationError", "Interval", "MeasureShape", "Judgement", "Expectation",
           "implies_share", "parse_expectation", "Vocabulary"]


def parse_expectation(raw: object, shape: MeasureShape,
                      vocabulary: Vocabulary | None = None) -> Expectation:
    """Read an ``expect:`` value (as YAML gave it) against what the measure produces.

    >>> parse_expectation("down about a third", MeasureShape("change_percent")).interval.describe(str)
    '-7/20 ≤ x ≤ -19/60'
    """
    vocab = vocabulary or DEFAULT
    every = read_every_group(raw, shape)
    if every is not None:
        return every
    no_group = _no_group(raw, shape, vocab)
    if no_group is not None:
        return no_group
    if shape.kind == "boolean" or isinstance(raw, bool):
        return read_boolean(raw, shape)
    if isinstance(raw, Mapping):
        exp = read_mapping(raw, shape)
    elif shape.kind == "values" or isinstance(raw, (list, tuple)):
        return read_values(raw, shape)
    else:
        exp = read_text(as_text(raw, shape), shape, vocab)
    _refuse_beyond_a_share(exp, shape)
    _refuse_never_met(exp, shape)
    return in_money(exp)


def of_groups(exp: Expectation, groups: int) -> Expectation:
    """``all`` of a ``wins`` read against the groups it counted: exactly that many.

    >>> e = parse_expectation("all", MeasureShape("number", of_groups=True))
    >>> of_groups(e, 8).judge(Fraction(7)).message
    'stated all, computed 7: 1 low (12.5%)'
    >>> of_groups(e, 8).meaning
    'all: x = 8 (every group counted)'
    """
    e = read_text(str(groups), replace(exp.shape, of_groups=False), DEFAULT)
    n = Fraction(groups)
    return replace(e, written=exp.written, interval=Interval(n, n, True, True), summary=f"all {groups}",
                   meaning=f"all: x = {groups} (every group counted)")


NO_GROUP = ("none", "none of them")
"""How ``expect:`` says no group of a ``wins`` ("won no precinct"): exactly 0."""


def _no_group(raw: object, shape: MeasureShape, vocab: Vocabulary) -> Expectation | None:
    """``none`` of a count of groups (a ``wins``): exactly 0 groups won, as ``0`` reads on a count.

    >>> e = parse_expectation("none", MeasureShape("number", of_groups=True))
    >>> e.meaning, e.judge(Fraction(0)).message, e.judge(Fraction(2)).message
    ('none: x = 0 (no group won)', 'none as stated (computed 0)', 'stated none, computed 2: 2 high')
    """
    if not shape.of_groups or not isinstance(raw, str) or " ".join(raw.lower().split()) not in NO_GROUP:
        return None
    e = read_text("0", replace(shape, of_groups=False), vocab)
    zero = Fraction(0)
    return replace(e, written=raw.strip(), interval=Interval(zero, zero, True, True), summary="none",
                   meaning="none: x = 0 (no group won)")


def _refuse_never_met(exp: Expectation, shape: MeasureShape) -> None:
    """A wording no value can meet ('nearly 0%': 0% ≤ x < 0%; 'down 2.5 times': a rise read as a
    fall) could only fail, and an editor would be told a right figure is wrong: refused, saying why."""
    if exp.interval is None or not exp.interval.empty:
        return
    zero = Fraction(1 if shape.kind == "change_ratio" else 0)
    if exp.stated == zero or exp.stated == 0:
        hint = ("a band in proportion to zero is no band: for 'nearly zero' write a bound, e.g. 'less than 1%' "
                "or {between: [0%, 1%]}, and keep the article's words in says")
    elif exp.direction is not None:
        hint = ("the direction and the figure disagree: a multiple is a rise, a ratio below 1× a fall; for "
                "'fell to a third' write 'down 67%' (or 'down about 67%'), and keep the article's words in says")
    else:
        hint = "write the interval the article means, e.g. {between: [a, b]}"
    raise ExpectationError(f"expect: '{exp.written}' can never be met: it reads as {exp.meaning}", hint=hint)


wording.READER.append(parse_expectation)  # the hints of an unreadable expect: propose only what reads


def _refuse_beyond_a_share(exp: Expectation, shape: MeasureShape) -> None:
    """A share is a part of its rows, from 0% to 100%: an expectation wholly outside that (``-5%``,
    ``more than 100%``) could only ever fail, so it is the claims file's mistake, said before a run."""
    i = exp.interval
    if not shape.part_of_a_whole or i is None:
        return
    below = i.high is not None and (i.high < 0 or (i.high == 0 and not i.high_closed))
    above = i.low is not None and (i.low > 1 or (i.low == 1 and not i.low_closed))
    if below or above:
        raise ExpectationError(
            f"'{exp.written}' is {'below 0%' if below else 'above 100%'}, but a share is a part of its rows, "
            "from 0% to 100%",
            hint="for a rise or fall of a share, measure a change: change: {share: ...}, over: ..., as: points; "
                 "else state the share as the article does (e.g. 59%)")
