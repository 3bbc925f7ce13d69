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

from typing import Mapping

from .composing import read_text
from .errors import ExpectationError
from .explicit import read_boolean, read_mapping, read_values
from .interval import Interval
from .judging import Direction as Direction
from .judging import Expectation, Judgement
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
    if shape.kind == "boolean" or isinstance(raw, bool):
        return read_boolean(raw, shape)
    if isinstance(raw, Mapping):
        return read_mapping(raw, shape)
    if shape.kind == "values" or isinstance(raw, (list, tuple)):
        return read_values(raw, shape)
    return read_text(as_text(raw, shape), shape, vocab)
