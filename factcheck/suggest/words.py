"""How well a candidate's names match the words of a sentence.

Words are compared by their first five letters (``convicted`` ~ ``convictions``,
``referral_source`` ~ ``referrals``), once an ending that leaves four letters is taken off
(``pass`` ~ ``passed``, ``waits`` ~ ``wait_minutes``), after dropping short and common words. A few
everyday words that name a combination of values are expanded (``girls`` also reads as
``female`` and ``minor``): the list is small, general and below.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z]+|\d+(?:[.,]\d+)*")  # "2,094" and "12.5" are one word each, not "2" and "094"
_STOP = frozenset("""a an and are as at be been by each for from had has have in into is it its of on or
that the their them they this those to was were which with who whose within without than then there these
more most less fewer only over under about nearly almost just all any every year years since during per
also other another well behind next often""".split())

# everyday words for values a data set often codes differently
SYNONYMS: dict[str, tuple[str, ...]] = {
    "girl": ("female", "minor"), "girls": ("female", "minor"),
    "boy": ("male", "minor"), "boys": ("male", "minor"),
    "woman": ("female", "adult"), "women": ("female", "adult"),
    "man": ("male", "adult"), "men": ("male", "adult"),
    "child": ("minor",), "children": ("minor",), "minors": ("minor",), "kids": ("minor",),
    "juvenile": ("minor",), "juveniles": ("minor",), "adults": ("adult",),
    # plurals of three-letter words in "es", which stem() cannot take off ("cases" is "case", not "cas")
    "buses": ("bus",), "gases": ("gas",), "taxes": ("tax",), "boxes": ("box",), "faxes": ("fax",),
    "online": ("internet",), "internet": ("online",),
    # new cases, new defendants: those filed, opened or charged in the period
    "new": ("filed", "opened", "charged"),
    # a case or charge that has ended: its outcome (disposition) is final
    "ended": ("resolved", "disposition"), "concluded": ("resolved", "disposition"),
    "decided": ("resolved", "disposition"), "closed": ("resolved", "disposition"),
    # a school's students are its enrollment ("$13,955 per student"), and what was spent its spending
    "student": ("enrollment", "enrolment", "pupils"), "students": ("enrollment", "enrolment", "pupils"),
    "pupil": ("enrollment", "enrolment", "students"), "pupils": ("enrollment", "enrolment", "students"),
    "spent": ("spending", "amount"),
    # money laid out is a data set's amounts ("Police spending rose 14%": the sum of `amount`, not a count)
    "spending": ("amount",), "spend": ("amount",), "paid": ("amount",), "cost": ("amount",),
    "costs": ("amount",), "expenditure": ("amount",), "expenditures": ("amount",), "outlays": ("amount",),
    # what a fire, storm or flood destroyed: a data set's "structures" (lost, destroyed, damaged)
    "homes": ("structures",), "houses": ("structures",), "buildings": ("structures",),
    "destroyed": ("lost",),
    # the oldest or youngest of people: their age
    "oldest": ("age",), "youngest": ("age",),
    # the weather: degrees and the hottest or coldest are of a temperature
    "degrees": ("temp", "temperature"), "hottest": ("temp", "temperature"), "coldest": ("temp", "temperature"),
    # the people of a city department: a payroll's `department == 'Fire'` ("Firefighters averaged $15,450")
    "firefighter": ("fire",), "firefighters": ("fire",), "fireman": ("fire",), "firemen": ("fire",),
    "cop": ("police",), "cops": ("police",),
    # a place shut by inspectors or regulators: a data set's `closed`
    "shut": ("closed",), "shuttered": ("closed",), "closure": ("closed",), "closures": ("closed",),
}


_ENDINGS = ("ing", "ed", "es", "s")


def stem(word: str) -> str:
    """The first five letters of a word, once an ending is taken off that leaves four or more:
    "pass", "passed" and "passing" are one, as are "waits" and "wait_minutes"; a longer word keeps
    its first five letters either way ("convicted" ~ "convictions")."""
    w = word.lower()
    if w.isdigit():
        return w
    for ending in _ENDINGS:
        if w.endswith(ending) and len(w) - len(ending) >= 4:
            return w[:-len(ending)][:5]
    return w[:5]


def words(text: str, *, value: bool = False, synonyms: bool = True) -> set[str]:
    """The stems of the meaningful words of ``text`` (names split at ``_`` and case changes).

    A word of one or two capital letters is kept as written ("a B or C grade", "NY"): a code
    a data set's values use, never a stem of a longer word. Not a sentence's first word when
    that is "A" or "I", an article or a pronoun; of a ``value`` ('A', the grade), always.
    ``synonyms``: add the values an everyday word stands for (*girls*: female, minor); not for the
    names of a data set's columns and values, which say what they hold as they are."""
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", text.replace("_", " "))
    out: set[str] = set()
    for i, w in enumerate(_WORD.findall(text)):
        if len(w) <= 2 and w.isalpha() and w.isupper() and (value or i or w not in ("A", "I")):
            out.add(w)
            continue
        lw = w.lower()
        if lw in _STOP or (len(lw) < 3 and not lw.isdigit()):
            continue
        out.add(stem(lw))
        for s in SYNONYMS.get(lw, ()) if synonyms else ():
            out.add(stem(s))
    return out


def name_words(name: str, value: object = None, negated: bool = False) -> set[str]:
    """The words of a condition: its column and value (``not minor`` also reads as ``adult``)."""
    out = words(name.split(".")[-1], synonyms=False) if name else set()
    if value is not None and not isinstance(value, bool):
        out |= words(str(value), value=True, synonyms=False)
    if negated and "minor" in out:
        out = (out - {"minor"}) | {"adult"}
    return out


def combos(text: str) -> list[frozenset[str]]:
    """The stems each word of ``text`` names together when it stands for two values ("girls":
    female and minor)."""
    out = []
    for w in _WORD.findall(text):
        names = SYNONYMS.get(w.lower(), ())
        if len(names) >= 2:
            out.append(frozenset(stem(n) for n in names))
    return out


def stopword(word: str) -> bool:
    return word.lower() in _STOP
