"""Comparing a computed value with what the article says: pass, fail or unverifiable.

The judgement itself (does 48.2% meet "59%"?) belongs to the expectation; this
module decides the verdict around it: a claim marked unverifiable, a period the
data does not cover, a zero denominator — and adds the notes an editor should
see even on a pass (``small_base``, ``fragile``, ``unknowns_excluded``,
``record_is_the_data``).
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from .expectations import Expectation, of_groups, parse_expectation
from .expectations.durations import PLURAL
from .expectations.judging import Judgement, edge_safe, judged_value
from .expectations.numbers import as_float, float_as_written, format_value, to_fraction
from .formatting import FigureUnit, figures_shown, key_shown, listed, rows_said
from .measures import Details, Evaluated
from .measures.change import ChangeDetails
from .measures.compare import CompareDetails
from .measures.extreme import ExtremeDetails
from .measures.rising import FallingDetails, RisingDetails
from .measures.top import TopDetails
from .report import ClaimResult, ExpectationInfo, Note, NoteCode, Reason, SeriesPoint, Verdict

SMALL_BASE = 30  # fewer records than this and a share is shaky


def expectation_info(exp: Expectation | None) -> ExpectationInfo | None:
    if exp is None:
        return None
    iv = exp.interval
    return ExpectationInfo(
        written=exp.written, meaning=exp.meaning,
        low=as_float(iv.low) if iv and iv.low is not None else None,
        high=as_float(iv.high) if iv and iv.high is not None else None,
        low_closed=iv.low_closed if iv else True, high_closed=iv.high_closed if iv else True,
        stated=as_float(exp.stated) if exp.stated is not None else None)


NOT_READ = "not read: the claim has no measure yet"
"""The ``meaning`` of a claim's expectation when it has no measure: written, never read against one."""


def stated_only(expect: object) -> ExpectationInfo:
    """A claim noted without a measure: its ``expect`` as written, which the reports show as the figure
    stated ("stated 1,000, no measure yet"), with no interval, since nothing says on what scale to read it."""
    if isinstance(expect, bool):
        written = str(expect).lower()
    elif isinstance(expect, float):
        written = float_as_written(expect) or str(expect)
    elif isinstance(expect, (list, tuple)):
        written = ", ".join(str(v) for v in expect)
    elif isinstance(expect, Mapping):
        written = ", ".join(f"{k}: {v}" for k, v in expect.items())
    else:
        written = str(expect)
    return ExpectationInfo(written=written, meaning=NOT_READ, stated=None)


def unverifiable(base: dict[str, Any], reason: Reason, message: str) -> ClaimResult:
    return ClaimResult(**base, verdict=Verdict.UNVERIFIABLE, reason=reason, message=message)


def judge(base: dict[str, Any], exp: Expectation, ev: Evaluated, *, record_is_the_data: bool = False) -> ClaimResult:
    """The verdict on one evaluated measure, with its evidence and notes."""
    if exp.every_group and ev.unavailable is None and isinstance(ev.base, int):
        exp = of_groups(exp, ev.base)  # 'all' of a wins: as many as the groups it counted
    evidence = _evidence(exp, ev)
    if ev.unavailable is not None:
        return ClaimResult(**base, **evidence, verdict=Verdict.UNVERIFIABLE, reason=ev.unavailable,
                           message=f"cannot compute the figure: {ev.why}")
    if ev.each is not None:
        return _judge_each(base, exp, ev, evidence)
    judgement = _judged(exp, ev)
    notes = _notes(exp, ev, judgement.ok, record_is_the_data)
    if judgement.ok:
        return ClaimResult(**base, **evidence, verdict=Verdict.PASS, message=judgement.message, notes=notes)
    return ClaimResult(**base, **evidence, verdict=Verdict.FAIL, reason=Reason(judgement.miss or "out_of_tolerance"),
                       message=judgement.message, notes=notes)


def _judge_each(base: dict[str, Any], exp: Expectation, ev: Evaluated, evidence: dict[str, Any]) -> ClaimResult:
    """``every``: the expectation is judged in each period; the claim passes when all of them meet it."""
    from .measures.every import EveryDetails, PeriodValue
    each = ev.each or []
    judged = [(period, part, _judged(exp, part)) for period, part in each]
    failing = [(period, j) for period, _, j in judged if not j.ok]
    figures = [(period, part.value if isinstance(part.value, Fraction) else None) for period, part in each]
    evidence.update(
        value=not failing,
        value_text=(f"yes: all {len(each)} periods ({each[0][0]}–{each[-1][0]})" if not failing else
                    f"no: {len(failing)} of {len(each)} periods miss ({', '.join(p for p, _ in failing)})"),
        details=EveryDetails(periods=[PeriodValue(key=p, value=_shown(exp, part.value)) for p, part in each],
                             failing=[p for p, _ in failing]),
        series=[SeriesPoint(key=p, value=float(v), marked=False) for p, v in figures if v is not None] or None)
    notes = _fragile_each(exp, judged) + _period_notes(ev) + _parts_at_notes(exp, ev)
    if not failing:
        return ClaimResult(**base, **evidence, verdict=Verdict.PASS, notes=notes,
                           message=f"{exp.summary or exp.written} in each of the {len(each)} periods")
    period, first = failing[0]
    return ClaimResult(**base, **evidence, verdict=Verdict.FAIL, reason=Reason(first.miss or "out_of_tolerance"),
                       notes=notes, message=f"at {period}: {first.message}" + (
                           f" (and {len(failing) - 1} more period{'s' if len(failing) > 2 else ''})"
                           if len(failing) > 1 else ""))


def _judged(exp: Expectation, ev: Evaluated) -> Judgement:
    """The expectation's judgement of the value; a ``top`` whose cut falls inside a tie fails, whatever
    it names: which of the tied values made the cut is the alphabet's choice, not the data's."""
    judgement = exp.judge(ev.value)  # type: ignore[arg-type]
    d = ev.details
    if not isinstance(d, TopDetails) or not d.ties_at_cut or not isinstance(ev.value, list):
        return judgement
    figure = next((r.figure for r in d.ranking if r.value == ev.value[-1]), None)
    tied = [v for v in ev.value if any(r.value == v and r.figure == figure for r in d.ranking)] + d.ties_at_cut
    each = f" ({figures_shown([figure], ev.figure_unit)[0]} each)" if figure is not None else ""
    return Judgement(False, "wrong_values",
                     f"stated {exp.written}, computed a tie at the cut: {', '.join(tied)}{each}; the data "
                     "ranks none of them above the others")


def _shown(exp: Expectation, value: Any) -> str:
    if isinstance(value, Fraction):
        return format_value(value, exp.shape)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(value)
    return "—"


def _evidence(exp: Expectation, ev: Evaluated) -> dict[str, Any]:
    value: Any = ev.value
    text = None
    exact = None
    if isinstance(value, Fraction):
        text = edge_safe(exp, value)  # the headline's figure: never rounded onto the edge it fails at
        exact = str(value)
        value = as_float(value)
    elif isinstance(value, bool):
        text = _extreme_text(value, ev.details, ev.figure_unit)
    elif isinstance(value, list):
        text = ", ".join(value)
    series = None
    if ev.series is not None:
        series = [SeriesPoint(key=k, value=as_float(v) if v is not None else None, marked=k in ev.marked)
                  for k, v in ev.series]
    num, den = (_part_text(x, how, text) for x, how in zip((ev.numerator, ev.denominator), ev.parts_money,
                                                           strict=True))
    return dict(expectation=expectation_info(exp), value=value, value_text=text, value_exact=exact,
                numerator=as_float(ev.numerator) if ev.numerator is not None else None,
                denominator=as_float(ev.denominator) if ev.denominator is not None else None,
                numerator_text=num, denominator_text=den,
                rows_kept=ev.rows_kept, rows_unknown=ev.rows_unknown, details=ev.details,
                series=series)


def _part_text(x: Fraction | None, sign: str | None, value_text: str | None) -> str | None:
    """A numerator or denominator for people: in money with every digit when its ``sign`` says so
    (None: as the value is written, '$5,284' beside '+$5,284'), else plainly."""
    if x is None:
        return None
    from .expectations.numbers import money_text
    from .formatting import plain_number, with_sign
    from .money import leading_sign
    sign = leading_sign(value_text or "") if sign is None else sign
    return with_sign(money_text(x), sign) if sign else plain_number(as_float(x))


def _small_base_said(ev: Evaluated) -> str:
    """What a ``small_base`` note says: the records the figure rests on, or the people (a sum of a
    column declared ``counts:``); of records summed from a column of whole numbers, how to say that
    each row is already a count."""
    n = ev.base or 0
    said = f"the figure rests on {n:,} {ev.base_of or ('record' if n == 1 else 'records')} (fewer than {SMALL_BASE})"
    if ev.base_column and not ev.base_of:
        column = ev.base_column
        noun = column if column.isalpha() else "people"
        said += (f"; if each row's {column} is already a count (of people, of cases), say so under the table's "
                 f"columns: ({column}: {{counts: {noun}}}), and a sum of it rests on the number it adds up")
    return said


def _notes(exp: Expectation, ev: Evaluated, ok: bool, record_is_the_data: bool) -> list[Note]:
    notes = []
    if ev.base is not None and ev.base < SMALL_BASE and exp.shape.kind in ("share", "change_percent",
                                                                             "change_points", "number"):
        if exp.shape.kind != "number" or ev.denominator is not None:
            notes.append(Note(code=NoteCode.SMALL_BASE, message=_small_base_said(ev)))
    notes += _fragile(exp, ev, ok)
    if ev.is_mostly_unknown() and ev.base is not None and ev.rows_unknown:
        said = (f"the figure rests on {ev.base:,} row{'s' if ev.base != 1 else ''} and leaves out "
                f"{ev.rows_unknown:,} whose value is unknown")
        if ev.unknown_reorders:  # a ranking: what could change it, whatever the share of unknowns
            said = ev.unknown_reorders + f" ({said})"
        notes.append(Note(code=NoteCode.MOSTLY_UNKNOWN, warning=True,
                          message=f"{said}; if a blank means 'none' here, say so with blank: on the column"))
    if ev.rows_unknown:
        notes.append(Note(code=NoteCode.UNKNOWNS_EXCLUDED,
                          message=f"{ev.rows_unknown:,} row{'s' if ev.rows_unknown != 1 else ''} left out "
                                  "because the value was unknown"))
    if ev.unknown_counted is not None:
        n, condition = ev.unknown_counted
        notes.append(Note(code=NoteCode.UNKNOWNS_COUNTED,
                          message=f"{n:,} row{'s' if n != 1 else ''} the denominator counts {'have' if n != 1 else 'has'} "
                                  f"no value for the numerator's condition ({condition}): the ratio counts "
                                  f"{'them' if n != 1 else 'it'} as not meeting it; a share (share: {condition}) "
                                  f"would leave {'them' if n != 1 else 'it'} out"))
    if ev.reporters_differ:
        notes.append(Note(code=NoteCode.REPORTERS_DIFFER, warning=True, message=ev.reporters_differ))
    notes += [Note(code=NoteCode.GROUP_ENDED, warning=True, message=m) for m in ev.groups_ended]
    notes += [Note(code=NoteCode.MISSING_REPORTS, warning=True, message=m) for m in ev.missing_reports]
    for n, has, lacks in ev.parts_unmatched or ():
        notes.append(Note(code=NoteCode.PARTS_UNMATCHED, warning=True, message=_unmatched_said(n, has, lacks)))
    if ev.parts_over is not None and exp.shape.kind == "share":  # a part above its whole: no share of it
        notes.append(Note(code=NoteCode.PARTS_UNMATCHED, warning=True, message=_over_said(*ev.parts_over)))
    notes += _parts_at_notes(exp, ev)
    shape = exp.shape
    if exp.time_unit is not None and shape.time_unit is None and shape.of_values:
        # "more than four hours" against a mean of `wait`: minutes? hours? Compared as it stands
        notes.append(Note(code=NoteCode.UNIT_UNKNOWN, warning=True,
                          message=f"the figure is in {PLURAL[exp.time_unit]}, but nothing says what unit the values "
                                  f"of {shape.of_values} are in, so it was compared as it stands; give the unit on "
                                  "the measure (unit: minutes, hours, days …) to have the figure converted"))
    window = _window_sensitive(exp, ev, ok)
    if window:
        notes.append(window)
    notes += _period_notes(ev)
    start = ev.details.data_from if isinstance(ev.details, ExtremeDetails) else None
    if record_is_the_data and start is not None:  # none over hospitals: no record, no beginning
        notes.append(Note(code=NoteCode.RECORD_IS_THE_DATA,
                          message=f"'on record' here means since the data begins ({start})"))
    return notes


def _fragile(exp: Expectation, ev: Evaluated, ok: bool) -> list[Note]:
    """``fragile``: one record more or less would turn the verdict; else, for a direction alone, a
    change that rounds to none (:func:`_rounds_to_no_change`)."""
    flips = [] if ev.exact_count else [v for v in ev.neighbours if exp.judge(v).ok != ok]
    if flips:
        return [Note(code=NoteCode.FRAGILE, message="one record more or less would " + ("fail" if ok else "pass") +
                     f" this claim (e.g. {format_value(flips[0], exp.shape)})")]
    if exp.any_size and isinstance(ev.value, Fraction):
        return _rounds_to_no_change(exp, ev.value, "gap" if isinstance(ev.details, CompareDetails) else "change")
    return []


def _fragile_each(exp: Expectation, judged: list[tuple[str, Evaluated, Judgement]]) -> list[Note]:
    """``fragile`` for ``every``, as for one period: a period where one record more or less would turn
    the claim's verdict (any period of a pass; the one period that misses, of a fail that misses only
    there), or where a direction alone holds by a change that rounds to none. Said once, at the first
    such period, with how many more there are."""
    failing = [j for _, _, j in judged if not j.ok]
    found = [(period, note) for period, part, j in judged
             if not failing or (len(failing) == 1 and not j.ok) or exp.any_size
             for note in _fragile(exp, part, j.ok)[:1]]
    if not found:
        return []
    period, note = found[0]
    more = len(found) - 1
    return [Note(code=NoteCode.FRAGILE, message=f"at {period}: {note.message}"
                 + (f" (and {more} more period{'s' if more > 1 else ''})" if more else ""))]


def _rounds_to_no_change(exp: Expectation, value: Fraction, what: str) -> list[Note]:
    """A direction alone ('rose') holds for a rise of any size, +0.2% too; but +0.2% rounds to no change at
    the precision a change is read at when written as a whole figure, so 'unchanged' would pass as well: the
    verdict hangs on a hair, as a fragile one does, and the editor sees it."""
    word = "the same" if exp.shape.gap else "unchanged"  # two figures side by side are the same, not unchanged
    unchanged = parse_expectation(word, exp.shape)
    if not unchanged.judge(value).ok:
        return []
    zero = unchanged.summary.rpartition("(rounds to ")[2].removesuffix(")")  # 'unchanged (rounds to 0%)'
    return [Note(code=NoteCode.FRAGILE,
                 message=f"the {what}, {judged_value(exp, value)}, rounds to "
                         f"{'no gap' if exp.shape.gap else 'no change'} ({zero}): '{word}' would pass too")]


def _unmatched_said(n: int, has: str, lacks: str) -> str:
    them = "them" if n != 1 else "it"
    return (f"{rows_said(n)} {'have' if n != 1 else 'has'} a value of {has} and none of {lacks}: one part of the "
            f"ratio counts {them} and the other does not, so it mixes two sets of rows; leave {them} out of both "
            f"(add {lacks} is not null to the where of each), or fill in {lacks}")


def _over_said(n: int, part: str, whole: str) -> str:
    return (f"{rows_said(n)} {'have' if n != 1 else 'has'} more {part} than {whole}: read as a share, the ratio "
            f"counts a part above its whole there; check {'those rows' if n != 1 else 'that row'} in the data, or "
            f"leave {'them' if n != 1 else 'it'} out (where: … and {part} <= {whole})")


def _parts_at_notes(exp: Expectation, ev: Evaluated) -> list[Note]:
    """``parts_unmatched`` of a ratio inside a series (a change, an extreme, ``every``, ``compare``): one
    warning of each kind, naming the periods (or groups) the claim reads that have such rows, with
    their rows counted together ("at 2019 and 2021: 3 rows have a value of absent and none of …")."""
    found = ev.parts_at
    if found is None:
        return []
    share = found.whole if found.whole is not None else exp.shape.kind == "share"
    said: dict[tuple[str, str, str, str], tuple[int, list[str]]] = {}  # (kind, part, other, period) -> rows, periods
    for k, (unmatched, over) in found.found:
        alone = k if found.apart else ""
        for n, has, lacks in unmatched or ():
            rows, where = said.get(("lacks", has, lacks, alone), (0, []))
            said[("lacks", has, lacks, alone)] = rows + n, [*where, k]
        if over is not None and share:
            n, part, whole = over
            rows, where = said.get(("over", part, whole, alone), (0, []))
            said[("over", part, whole, alone)] = rows + n, [*where, k]
    notes = []
    for (kind, a, b, _), (n, where) in said.items():
        at = f"{found.word} {listed([key_shown(k) for k in where])}: "
        notes.append(Note(code=NoteCode.PARTS_UNMATCHED, warning=True,
                          message=at + (_unmatched_said(n, a, b) if kind == "lacks" else _over_said(n, a, b))))
    return notes



def _period_notes(ev: Evaluated) -> list[Note]:
    """The notes of the periods a figure rests on: they come every so many years (elections), some
    of them have no value (0/0), which an extreme's ranking leaves out, or a year named is only
    partly in the data (a warning)."""
    notes = [Note(code=NoteCode.PERIODS_SPACED, message=ev.cadence.said())] if ev.cadence and ev.cadence.spaced else []
    if ev.without_value:
        many = len(ev.without_value) > 1
        notes.append(Note(code=NoteCode.PERIODS_WITHOUT_VALUE,
                          message=f"no value at {', '.join(key_shown(k) for k in ev.without_value)} (nothing to divide "
                                  "by, or no rows): "
                                  f"the ranking leaves {'them' if many else 'it'} out"))
    notes += [Note(code=NoteCode.PERIOD_PARTIAL, message=m, warning=True) for m in ev.partial_years]
    return notes


def _window_sensitive(exp: Expectation, ev: Evaluated, ok: bool) -> Note | None:
    """A change that holds against the chosen base but against none of the three before it."""
    d = ev.details
    if not ok or not isinstance(d, ChangeDetails) or not isinstance(ev.value, Fraction):
        return None
    others = [(p.key, to_fraction(p.value)) for p in d.earlier_bases or () if p.value is not None]
    if not others or any(_holds(exp, ev.value, v) for _, v in others):
        return None
    said = "direction" if exp.direction and not (exp.from_edge or exp.crossed_side == "any") else "wording"
    alternatives = ", ".join(f"from {k}: {format_value(v, exp.shape)}" for k, v in others)
    return Note(code=NoteCode.WINDOW_SENSITIVE,
                message=f"the stated {said} holds only from {d.from_.key}; {alternatives}")


def _holds(exp: Expectation, computed: Fraction, other: Fraction) -> bool:
    """Whether the claim would still stand from another base: its bound or band where the wording
    has one ('more than 10%', 'nearly doubled'), else its direction (a precise figure moves with
    any base; a rise that becomes a fall is what an editor asks about)."""
    if exp.from_edge or exp.crossed_side == "any":
        return exp.judge(other).ok
    zero = Fraction(1 if exp.shape.kind == "change_ratio" else 0)
    return (other > zero) == (computed > zero) and (other < zero) == (computed < zero)


def _extreme_text(ok: bool, d: Details | None, unit: FigureUnit | None = None) -> str:
    """'yes: 163, rank 1 of 21; last as low: 2012 (160)'; the figures in the measure's ``unit``
    ('no: 33.9%, rank 1 of 3; next: 2022 (34.8%)' of a share)."""
    text = "yes" if ok else "no"
    if isinstance(d, (RisingDetails, FallingDetails)):  # `rising … since:` ("risen every year since 2022")
        verb = "rose" if isinstance(d, RisingDetails) else "fell"
        if d.starts is None:
            return f"{text}: it {'did not rise' if verb == 'rose' else 'did not fall'} in the last period"
        return f"{text}: it {verb} {'in every period' if ok else 'only'} from {d.starts} to {d.ends}"
    if not isinstance(d, ExtremeDetails):
        return text
    last = d.last_as_low or d.last_as_high
    rival = d.runner_up if d.runner_up and d.runner_up.value is not None else None
    since = d.since.value if d.since is not None else None
    # written together, so that two figures that differ never read the same ("34.81%, next 34.79%")
    value, last_shown, rival_shown, since_shown = figures_shown(
        [d.value, last.value if last else None, rival.value if rival else None, since], unit)
    text += f": {value}, rank {d.rank} of {d.of}"
    if last and last.value is not None:
        text += f"; last as {'low' if d.last_as_low else 'high'}: {last.key} ({last_shown})"
    elif rival is not None:  # the best of the others: next to a first, else first
        text += f"; {'next' if d.rank == 1 else 'first'}: {rival.key} ({rival_shown})"
    if not ok and d.since is not None and d.since.value is None:
        text += (f"; {d.since.key} has no value here (no row passes the filter there"
                 + (f"; the figure's periods begin in {d.data_from}" if d.data_from else "")
                 + f"), so 'since {d.since.key}' cannot hold")
    elif not ok and d.since is not None and d.since.value is not None and d.rank == 1 and not last:
        # beats every period since Y, and Y itself: "the most since Y" says Y was as high
        low = "lowest" if d.value < d.since.value else "highest"
        word = "lower" if low == "lowest" else "higher"
        text += (f"; {word} than {d.since.key} too ({since_shown}): 'since {d.since.key}' says "
                 f"{d.since.key} was as {'low' if low == 'lowest' else 'high'}, and no period of the data, which "
                 f"begins in {d.data_from}, was: it is the {low} on record here")
    return text
