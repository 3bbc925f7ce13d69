"""The one table of word bands: how loosely each tolerance word ("nearly", "about", ...) reads.

A claims file may override any band under ``vocabulary:``::

    vocabulary:
      nearly: 5%          # "nearly X" passes for [95% of X, X)
      about: 0.1          # "about X" passes for [90% of X, 110% of X]

>>> Vocabulary.with_overrides({"almost": "5%"}).nearly
Fraction(1, 20)

The word lists the parser recognises live here too; the documented table of wordings
(``docs/tolerance-words.md``) is computed from them by :mod:`factcheck.expectations.reference`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from fractions import Fraction
from functools import cache
from typing import Literal, Mapping

from .errors import ExpectationError
from .numbers import to_fraction


@dataclass(frozen=True)
class Vocabulary:
    """Bands of the tolerance words, as exact fractions.

    - ``nearly``: "nearly/almost/just under X" passes for [X·(1 − nearly), X); "just over X"
      for (X, X·(1 + nearly)]; beyond those, "well over X" for above X·(1 + nearly) and "well
      under X" for below X·(1 − nearly).
    - ``about``: "about/roughly/around/approximately/some X" passes for
      [X·(1 − about), X·(1 + about)], never narrower than X's own rounding.
    - ``fraction``: "a third", "one in five", "half" pass for [f·(1 − fraction), f·(1 + fraction)].
    - ``multiple``: "doubled", "tripled", "quadrupled", "halved": the ratio within ± this of the
      multiple, i.e. it rounds to 2.0×, 3.0×, 0.5× at one decimal.
    - ``large_majority``, ``vast_majority``: the thresholds of "a large majority" and
      "the vast majority / overwhelmingly" (strictly above).

    >>> DEFAULT.about
    Fraction(1, 20)
    """

    nearly: Fraction = Fraction(1, 20)
    about: Fraction = Fraction(1, 20)
    fraction: Fraction = Fraction(1, 20)
    multiple: Fraction = Fraction(1, 20)
    large_majority: Fraction = Fraction(2, 3)
    vast_majority: Fraction = Fraction(3, 4)

    @classmethod
    def with_overrides(cls, overrides: Mapping[str, object]) -> Vocabulary:
        """The default bands with a claims file's ``vocabulary:`` mapping applied.

        Keys are band names or any word that uses the band ("almost", "roughly", "doubled",
        "a large majority"); values are a number (0.1) or a percentage ("10%").

        >>> Vocabulary.with_overrides({"roughly": 0.1, "vast majority": "80%"}).vast_majority
        Fraction(4, 5)
        """
        if not isinstance(overrides, Mapping):
            raise ExpectationError("vocabulary: must be a mapping of word to band",
                                   hint=f"e.g. 'vocabulary: {{nearly: 5%}}'; keys: {_valid_keys()}")
        changes: dict[str, Fraction] = {}
        for key, raw in overrides.items():
            name = OVERRIDE_KEYS.get(" ".join(str(key).lower().replace("_", " ").split()))
            if name is None:
                raise ExpectationError(f"vocabulary: unknown word {key!r}",
                                       hint=f"valid keys: {_valid_keys()}")
            changes[name] = _band_value(str(key), raw, name)
        return replace(cls(), **changes)


DEFAULT = Vocabulary()

OVERRIDE_KEYS: dict[str, str] = {
    **{w: "nearly" for w in ("nearly", "almost", "just under", "just over", "well over", "well under")},
    **{w: "about" for w in ("about", "roughly", "around", "approximately", "some", "close to")},
    **{w: "fraction" for w in ("fraction", "fractions")},
    **{w: "multiple" for w in ("multiple", "multiples", "doubled", "tripled", "quadrupled", "halved")},
    **{w: "large_majority" for w in ("large majority", "a large majority")},
    **{w: "vast_majority" for w in ("vast majority", "the vast majority", "overwhelmingly")},
}
_LIMITS: dict[str, tuple[Fraction, Fraction]] = {
    "nearly": (Fraction(0), Fraction(1)), "about": (Fraction(0), Fraction(1)),
    "fraction": (Fraction(0), Fraction(1)), "multiple": (Fraction(0), Fraction(1, 2)),
    "large_majority": (Fraction(1, 2), Fraction(1)), "vast_majority": (Fraction(1, 2), Fraction(1)),
}


_NO_ZERO = frozenset({"nearly", "multiple"})
"""Bands that hold no value at 0: 'nearly 60%' would be 60% ≤ x < 60%, 'doubled' 2× ≤ x < 2×."""


def _valid_keys() -> str:
    return ", ".join(f.name.replace("_", " ") for f in fields(Vocabulary)) + \
        " (or a word that uses the band, e.g. almost, roughly, doubled)"


def _band_value(key: str, raw: object, name: str) -> Fraction:
    """Read '10%' or 0.1 as 1/10, and check it is a sensible band for ``name``."""
    try:
        if isinstance(raw, str) and raw.strip().endswith("%"):
            value = to_fraction(raw.strip()[:-1].strip()) / 100
        else:
            value = to_fraction(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ExpectationError(f"vocabulary: {key} must be a number or a percentage, not {raw!r}",
                               hint=f"e.g. '{key}: 10%' or '{key}: 0.1'") from None
    low, high = _LIMITS[name]
    if not low <= value < high or (value == low and name in _NO_ZERO):
        raise ExpectationError(f"vocabulary: {key} = {raw!r} is outside the sensible range",
                               hint=f"e.g. '{key}: {'80%' if 'majority' in name else '10%'}'; give a value "
                                    f"from {float(low * 100):g}% {'(not included) ' if name in _NO_ZERO else ''}"
                                    f"up to (not including) {float(high * 100):g}%")
    return value


# --- words the parser reads -------------------------------------------------------------

# verbs of motion give only the direction: "soared 40%" is read exactly as "up 40%"
UP_PREFIXES = ("up", "rose", "risen", "a rise of", "rise of", "increased", "an increase of",
               "increase of", "grew", "grown", "growth of", "climbed", "gained", "jumped",
               "soared", "went up", "higher by", "surged", "edged up", "ticked up", "rocketed",
               "leapt", "leaped", "spiked", "a jump of", "a gain of", "a surge of", "swelled", "swollen",
               "ballooned", "skyrocketed", "crept up", "inched up", "rebounded", "recovered", "raised",
               "boosted")
DOWN_PREFIXES = ("down", "fell", "fallen", "a fall of", "fall of", "decreased", "a decrease of",
                 "decrease of", "dropped", "a drop of", "drop of", "declined", "a decline of",
                 "shrank", "shrunk", "slid", "slipped", "plunged", "went down", "lower by", "lost",
                 "tumbled", "slumped", "plummeted", "sank", "dipped", "edged down", "ticked down",
                 "a cut of", "cut by", "cut", "slashed", "trimmed", "shed", "nosedived", "eased",
                 "retreated", "crept down", "inched down", "reduced", "lowered")
UP_SUFFIXES = ("more", "higher", "increase", "rise", "up", "larger", "bigger", "jump", "gain",
               "surge", "longer", "ahead")  # "6 points ahead": of a compare's gap, as of a race's
DOWN_SUFFIXES = ("fewer", "less", "lower", "shorter", "decrease", "drop", "fall", "down", "smaller",
                 "decline", "cut", "slump", "plunge", "behind")
# nouns of change read after an article: "an 11% increase", "a 51% decline"
CHANGE_NOUNS = frozenset({"increase", "rise", "jump", "gain", "surge", "decrease", "drop", "fall",
                          "decline", "cut", "slump", "plunge"})


def _standing_alone(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """The words of a direction that make sense without a figure after them: 'rose', 'went up',
    'higher', 'increase'; not 'a rise of', 'higher by' or 'cut by', which announce the figure."""
    return tuple(p for p in phrases if not p.endswith((" of", " by")) and not p.startswith(("a ", "an ")))


# the verbs of the prefixes above whose past tense is not "-ed": (present, present participle, past participle)
_IRREGULAR: dict[str, tuple[str, str, str]] = {
    "rose": ("rises", "rising", "risen"), "grew": ("grows", "growing", "grown"), "leapt": ("leaps", "leaping", "leapt"),
    "fell": ("falls", "falling", "fallen"), "shrank": ("shrinks", "shrinking", "shrunk"),
    "slid": ("slides", "sliding", "slid"), "sank": ("sinks", "sinking", "sunk"), "lost": ("loses", "losing", "lost"),
    "went": ("goes", "going", "gone"), "crept": ("creeps", "creeping", "crept"), "shed": ("sheds", "shedding", "shed"),
    "cut": ("cuts", "cutting", "cut"),
}
TAKES_AN_OBJECT = frozenset({"increased", "decreased", "raised", "boosted", "cut", "slashed", "trimmed",
                             "reduced", "lowered", "shed", "shrank", "doubled", "tripled", "trebled", "quadrupled",
                             "halved"})
"""The verbs of the vocabulary that something is done to, and so are written in the passive too ("was cut
by 20%", "has been slashed by a third", "were halved"); not 'rose' or 'fell', which no one does to a
figure ('was risen')."""
_E_STEM = re.compile(r"(?:s|c|g|ik|v|[^aeioul]l|[^aeiou]in)$")
"""The end of an '-ed' verb's stem that takes back its 'e' ('increas-ed': increases; 'declin-ed': declines;
'tumbl-ed': tumbles; 'nosediv-ed': nosedives; 'reduc-ed': reduces); 'climb-ed', 'gain-ed', 'soar-ed', 'swell-ed' take none."""
_ES_STEM = re.compile(r"(?:sh|ch|x|zz)$")
"""The end of a stem whose present takes '-es' after it: 'slash-ed': slashes; 'inch-ed up': inches up."""


_BE = ("is", "are", "was", "were", "has been", "have been", "had been")
"""The forms of 'be' a passive is written with: 'was cut', 'has been slashed', 'are halved'. Not 'will be':
a change to come is a forecast, which no data shows (nor is 'will rise' read)."""
AUXILIARIES = ("has been", "have been", "had been", "has", "have", "had", "is", "are", "was", "were")
"""The words before a verb's participle that a tolerance word may stand after: 'has nearly doubled', 'was
more than halved' (read as 'nearly has doubled': the qualifier, then the verb in its tense)."""


@cache  # the bare and the sized directions both ask for every verb's forms
def verb_forms(past: str, passive: bool = False) -> tuple[str, ...]:
    """How reporters write a verb of a direction that the vocabulary has in the past tense, besides it:
    'rose' → rises, rising, is rising, are rising, was rising, were rising, has been rising, have been
    rising, had been rising, has risen, have risen, had risen. The particle of 'went up' stays after
    each ('goes up', 'is going up', 'has gone up'). () for a word that is no such verb ('up', 'risen').

    ``passive``: the passive of a verb of :data:`TAKES_AN_OBJECT` instead, with its participle ('cut' → is
    cut, was cut, has been cut …; 'shrank' → was shrunk); () for any other ('rose': no one 'was risen').

    >>> verb_forms("dropped")[:3], verb_forms("went down")[-1]
    (('drops', 'dropping', 'is dropping'), 'had gone down')
    >>> verb_forms("slashed", passive=True)[:3], verb_forms("shrank", passive=True)[2], verb_forms("rose", passive=True)
    (('is slashed', 'are slashed', 'was slashed'), 'was shrunk', ())
    """
    verb, _, particle = past.partition(" ")
    if particle == "by":
        return ()  # 'cut by' announces its figure: its tenses are those of 'cut', with the 'by' read after them
    if verb in _IRREGULAR:
        present, ing, participle = _IRREGULAR[verb]
    elif verb.endswith("ed") and len(verb) > 4:
        stem = verb[:-2]
        ing, participle = stem + "ing", verb
        doubled = len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiousl"
        present = (stem[:-1] + "s" if doubled else stem + "es" if _E_STEM.search(stem) or _ES_STEM.search(stem)
                   else stem + "s")
    else:
        return ()
    tail = f" {particle}" if particle else ""
    if passive:
        return tuple(f"{be} {participle}{tail}" for be in _BE) if past in TAKES_AN_OBJECT else ()
    progressive = [f"{be} {ing}" for be in ("is", "are", "was", "were", "has been", "have been", "had been")]
    perfect = [f"{have} {participle}" for have in ("has", "have", "had")]
    return tuple(f"{w}{tail}" for w in (present, ing, *progressive, *perfect))


# a sized change in the tenses reporters write it ("has risen 5%", "is rising 5%", "rises 12%", "has fallen by
# a third"): each past tense of the prefixes above in every form :func:`verb_forms` gives it, read as that
# past tense is ("rose 5%"); the same words in the tenses, never a list of their own
SIZED_DIRECTIONS: dict[str, Literal["up", "down"]] = {
    **{w: "up" for w in UP_PREFIXES}, **{w: "down" for w in DOWN_PREFIXES}}
SIZED_DIRECTIONS.update({form: direction for word, direction in list(SIZED_DIRECTIONS.items())
                         for passive in (False, True) for form in verb_forms(word, passive)
                         if form not in SIZED_DIRECTIONS})
SIZED_DIRECTION_WORDS = max(len(w.split(" ")) for w in SIZED_DIRECTIONS)
"""The most words one of them has ("have been edging up": 4)."""

# a direction alone ("Cases fell in 2020", "Funding went up", "Arrests were lower"): a change of that
# direction and of any size; the same words as a sized change ('fell 8%', '12 fewer'), never a list of
# their own (a noun may take its article: 'a drop', 'an increase'). Its verbs are read in the tenses
# reporters write them too ("is rising", "has fallen", "rises", "went down": :func:`verb_forms`)
BARE_DIRECTIONS: dict[str, Literal["up", "down"]] = {
    **{w: "up" for w in _standing_alone(UP_PREFIXES + UP_SUFFIXES)},
    **{w: "down" for w in _standing_alone(DOWN_PREFIXES + DOWN_SUFFIXES)},
}
BARE_DIRECTIONS.update({form: direction for word, direction in list(BARE_DIRECTIONS.items())
                        for passive in (False, True) for form in verb_forms(word, passive)
                        if form not in BARE_DIRECTIONS})
# "three times as many", "half as much": the figure is a ratio of new to old
AS_MANY = ("as many", "as much", "as high", "as large", "as big", "as likely", "as often",
           "as fast", "as long", "as costly", "as expensive", "as deadly", "the number", "the amount", "the level",
           "the rate")

# qualifier phrase -> (band, closed at the figure)
QUALIFIERS: dict[str, tuple[str, bool]] = {
    **{w: ("above", False) for w in ("more than", "over", "above", "greater than", "higher than",
                                       "exceeding", "in excess of", "upwards of", "north of")},
    **{w: ("above", True) for w in ("at least", "no less than", "no fewer than", "not less than",
                                      "a minimum of")},
    **{w: ("below", False) for w in ("less than", "fewer than", "under", "below", "lower than")},
    **{w: ("below", True) for w in ("at most", "no more than", "not more than", "up to",
                                      "a maximum of")},
    **{w: ("nearly", False) for w in ("nearly", "almost", "just under", "just below",
                                        "a little under", "a little less than", "slightly under",
                                        "slightly less than", "just short of", "not quite",
                                        "just shy of", "shy of", "a shade under", "a shade below",
                                        "a shade less than", "a touch under")},
    **{w: ("just_over", False) for w in ("just over", "just above", "a little over",
                                           "a little more than", "slightly over",
                                           "slightly more than", "just more than", "a shade over",
                                           "a shade above", "a shade more than", "a touch over")},
    # beyond the band of "just over" / "nearly": "well over half" is more than 52.5%, not 50.1%
    **{w: ("well_over", False) for w in ("well over", "well above", "well more than", "far more than",
                                           "far above", "well in excess of", "comfortably over",
                                           "comfortably above")},
    **{w: ("well_under", False) for w in ("well under", "well below", "far less than", "far fewer than",
                                            "far below", "well short of", "comfortably under",
                                            "comfortably below")},
    **{w: ("about", True) for w in ("about", "roughly", "around", "approximately", "some",
                                      "circa", "close to", "an estimated", "approx")},
    **{w: ("exact", True) for w in ("only", "just", "a mere", "merely", "exactly")},
}
# whole wordings -> (threshold attribute or literal, "above"/"below")
MAJORITIES: dict[str, tuple[str, str]] = {
    **{w: ("half", "above") for w in ("a majority", "majority", "the majority", "most")},
    **{w: ("large_majority", "above") for w in ("a large majority", "a big majority",
                                                   "a clear majority", "a strong majority",
                                                   "a substantial majority")},
    **{w: ("vast_majority", "above") for w in ("the vast majority", "a vast majority",
                                                  "an overwhelming majority",
                                                  "the overwhelming majority", "overwhelmingly")},
    **{w: ("half", "below") for w in ("a minority", "the minority")},
}
# counts in words ("thirteen years", "twenty-one times") are read by spelled.read_spelled, the one reader
# of number words, not by a table here
PART_WORDS: dict[str, int] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7,
    "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}
# multiple words -> (figure, direction): doubled is a ratio of 2, halved a fall of one half
MULTIPLES: dict[str, tuple[Fraction, str]] = {
    "doubled": (Fraction(2), "up"), "double": (Fraction(2), "up"), "tripled": (Fraction(3), "up"),
    "trebled": (Fraction(3), "up"), "triple": (Fraction(3), "up"),
    "quadrupled": (Fraction(4), "up"), "halved": (Fraction(1, 2), "down"),
    "doubling": (Fraction(2), "up"), "tripling": (Fraction(3), "up"),
    "trebling": (Fraction(3), "up"), "quadrupling": (Fraction(4), "up"),
    "halving": (Fraction(1, 2), "down"),
}
# the multiples in the tenses reporters write them, active and passive ("has doubled", "is doubling", "were
# halved", "has been tripled"), read as the past tense is; and "cut in half", "slashed in half" as "halved"
_MULTIPLE_VERBS = ("doubled", "tripled", "trebled", "quadrupled", "halved")
MULTIPLES.update({form: MULTIPLES[past] for past in _MULTIPLE_VERBS for passive in (False, True)
                  for form in verb_forms(past, passive) if form not in MULTIPLES})
MULTIPLES.update({f"{form} in half": MULTIPLES["halved"] for past in ("cut", "slashed")
                  for form in (past, *verb_forms(past), *verb_forms(past, passive=True))})
