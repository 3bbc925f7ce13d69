"""Propose measures for the claims of a claims file that have none (``factcheck suggest``).

>>> found = suggest("claims/2020.yaml", ["new-cases-2020"], everything=True)   # doctest: +SKIP
>>> found.claims[0].candidates[0].measure                                      # doctest: +SKIP
{'count': 'cases', 'where': 'filed_year == 2020'}

The search reads every table once (all columns, derives and lookups), groups each by its
low-cardinality columns in one query (:mod:`.cells`), enumerates the measures a data
reporter would try (:mod:`.search`), keeps those whose value meets the claim's
expectation, ranks them by the words of the sentence, and runs the best through the
real pipeline so that the verdict shown is the one ``factcheck run`` would give.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..claims import Claim, LoadedClaims, load
from ..draft.phrases import FALL_VERBS, RISE_VERBS
from ..errors import ClaimsFileError, Problem

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from ..draft.figures import Sentence

__all__ = ["ClaimSuggestions", "Suggestion", "Suggestions", "suggest"]

SPARE = 3          # candidates verified beyond the top N, in case some do not pass when run for real
MISSES = 3         # nearest misses shown per claim


@dataclass(frozen=True)
class Suggestion:
    """A measure, its value as ``factcheck run`` computes it and the verdict it gets."""

    measure: dict[str, Any]
    value: float | bool | list[str] | None
    value_text: str | None
    verdict: str
    reason: str | None = None
    message: str = ""
    rows_kept: int | None = None
    numerator: float | None = None
    denominator: float | None = None
    departs: bool = False  # it filters on, counts or dates something the sentence does not name
    instead: str | None = None  # what it reads in place of what the sentence names ("the mean for the median
                                # the sentence names"), when that is why it departs
    latest: str | None = None   # the data's latest period, read where the sentence names none (:func:`latest_said`)


def reading_said(s: Suggestion) -> str:
    """What the sentence read as written gives, for a comment or a message: "12 (fail): is the figure
    wrong?", or, when it has no value, why ("no value (unverifiable, period_not_covered): the data
    cannot settle it as written"), never "None (unverifiable): is the figure wrong?"."""
    if s.value_text is None:
        why = f"{s.verdict}, {s.reason}" if s.reason else s.verdict
        return f"no value ({why}): the data cannot settle it as written"
    return f"{s.value_text} ({s.verdict}): is the figure wrong?"


@dataclass
class ClaimSuggestions:
    id: str
    says: str
    expect: Any
    candidates: list[Suggestion] = field(default_factory=list)
    misses: list[Suggestion] = field(default_factory=list)
    note: str | None = None           # why there is nothing (an expectation that cannot be read)
    reading: Suggestion | None = None  # the sentence read as written, when that does not meet the expectation


@dataclass
class Suggestions:
    claims: list[ClaimSuggestions]
    capped: list[str] = field(default_factory=list)

    def for_claim(self, claim_id: str) -> ClaimSuggestions:
        return next(c for c in self.claims if c.id == claim_id)

    def to_json(self) -> dict[str, Any]:
        def one(s: Suggestion) -> dict[str, Any]:
            return {"measure": s.measure, "value": s.value, "value_text": s.value_text, "verdict": s.verdict,
                    "reason": s.reason, "message": s.message, "rows_kept": s.rows_kept,
                    "numerator": s.numerator, "denominator": s.denominator, "departs": s.departs,
                    "instead": s.instead, "latest": s.latest}
        return {"claims": [{"id": c.id, "says": c.says, "expect": c.expect,
                            "candidates": [one(s) for s in c.candidates],
                            "misses": [one(s) for s in c.misses],
                            **({"reading": one(c.reading)} if c.reading else {}),
                            **({"note": c.note} if c.note else {})} for c in self.claims],
                "capped": self.capped}


def _selected(loaded: LoadedClaims, ids: list[str] | None, everything: bool) -> list[Claim]:
    claims = loaded.model.claims
    if ids:
        known = {c.id for c in claims}
        missing = [i for i in ids if i not in known]
        if missing:
            from ..expressions import did_you_mean
            from ..expressions import suggest as close
            raise ClaimsFileError([Problem(f"no claim with id '{m}'", file=str(loaded.path),
                                           hint=did_you_mean(close(m, list(known))) or "see the ids with: factcheck check")
                                   for m in missing])
        return [c for c in claims if c.id in ids]
    return [c for c in claims if c.unverifiable is None and (everything or c.measure is None)]


def _article_year(loaded: LoadedClaims) -> tuple[int | None, str | None, bool]:
    """The year the article is about (the one it names most often), its text, and whether it is
    about a span of years (:func:`_of_a_span`), when it has no year of its own."""
    from ..draft.figures import find_figures
    if not loaded.model.article:
        return None, None, False
    path = (loaded.base_dir / loaded.model.article)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None, None, False
    from .propose import compared_years
    years: Counter[int] = Counter()
    found = find_figures(text)
    if _of_a_span(found):  # "… awarded $1.2 billion from 2015 to 2024": no one year is the article's
        return None, text, True
    # not the years a change is measured from ("up 27% on 2023", "up from 24% in 2020"), nor "since 2014"
    for s in found:
        named = [p.year for p in s.periods if p.year is not None and p.relation not in BASES and p.relation != "since"]
        compared = compared_years(s) if named else {}
        years.update(y for y in named if y not in compared)
    if not years:
        return None, text, False
    best = max(years.values())
    return max(y for y, n in years.items() if n == best), text, False


_CHANGED = re.compile(rf"\b(?:{RISE_VERBS}|{FALL_VERBS}|up|down|doubled|tripled|halved|more|fewer|less)\b", re.I)


def _of_a_span(sentences: Sequence[Sentence]) -> bool:
    """Does the article's first sentence that names a year name a span of them as its period ("Springfield
    awarded $1.2 billion in contracts from 2015 to 2024")? Such an article is about the span: a sentence
    of it that names no year speaks of all of them, not of the year some later section names most often
    ("In 2020, …" of a pandemic section). Not the two ends of a change ("Cases rose 12% from 2019 to
    2020"), whose later year is the article's as before.

    >>> from factcheck.draft.figures import find_figures
    >>> _of_a_span(find_figures("The city awarded $1.2 billion from 2015 to 2024. In 2020, 70 were emergencies."))
    True
    >>> _of_a_span(find_figures("Cases rose 12% from 2019 to 2020. In 2020, 70 were emergencies."))
    False
    """
    for s in sentences:
        named = [(p.year, p.end_year) for p in s.periods if p.year is not None]
        if named:
            (first, last), *others = named
            return not others and last is not None and first is not None and last > first and not _CHANGED.search(s.text)
    return False


@dataclass(frozen=True)
class Surroundings:
    """What the article says around a claim's sentence: the sentence before it ("That is 59% of
    them"), the earlier sentences of its section back to the heading, and the nearest earlier
    sentence of the section that names a year (the period "those victims" refers to)."""

    before: str = ""
    section: str = ""
    periods: str = ""


NOTHING_MEETS = "no measure in the search space meets this expectation"
"""The note of a claim nothing was found for; any other note says why none was looked for."""
NO_OWN_READING = "no reading of the sentence's own words passes"
"""The note of a claim whose sentence, read as written, fails, and which no candidate reads otherwise
than by a period the sentence leaves open: nothing that swaps, drops or adds a condition is offered."""

# words that refer to what came before ("that" and "this" only opening a sentence: "That is 59% …")
REFERS_BACK = re.compile(r"\b(those|these|them|they|their|such|same|other|another|different)\b|^(that|this|it)\b"
                         r"|\bof\s+it\b|\bthat\s+year\b", re.I)  # "Police accounted for 38% of it"; "… that year"
BASES = frozenset({"on", "from", "than", "over", "against", "versus", "vs"})
SHARES = frozenset({"percent", "fraction", "qualifier"})   # the kinds of figure that state a part of a whole
_EVERY_YEAR = re.compile(r"\b(every|each) year\b", re.I)


def _surroundings(article: str | None) -> dict[str, Surroundings]:
    """Each sentence of the article -> its :class:`Surroundings`. The earlier sentences of its
    paragraph always count; those of the paragraphs before (back to the heading) only when the
    sentence, or its paragraph's first sentence, refers back ("those victims", "of them"). So
    does the period of the nearest earlier sentence that names one.

    A sentence that states only shares is left out of both when the sentence does not refer back:
    its words name the part it measured ("*Corporate landlords* filed nearly three in five
    cases"; "Most stops ended with a warning"), not a group the sentences after it go on about
    ("The median tenant … owed $3,324; the average was about $4,000" is of every tenant)."""
    from ..draft.figures import find_figures
    if not article:
        return {}
    lines = article.splitlines()
    out: dict[str, Surroundings] = {}
    section: list[str] = []       # the sentences of the section before this paragraph, its heading first
    paragraph: list[str] = []
    dated, far, back, last = "", "", False, 0     # the nearest dated sentence: in the paragraph, before it
    of_shares: set[str] = set()                   # the sentences that state only shares
    for sentence in find_figures(article):
        text = " ".join(sentence.text.split())
        if any(not line.strip() for line in lines[last:sentence.line - 1]):
            section, paragraph, far, dated = section + paragraph, [], dated or far, ""   # a new paragraph
        last = sentence.line
        if sentence.block == "heading":
            section, paragraph, dated, far = [text], [], "", ""
            continue
        refers = bool(REFERS_BACK.search(text))
        if not paragraph:
            back = refers
        wider = section if refers or back else []
        earlier = wider + paragraph
        periods = dated or (far if refers or back else "")
        before, rest = (earlier[-1], earlier[:-1]) if earlier else ("", [])
        if not refers:
            before = "" if before in of_shares else before
            rest = [t for t in rest if t not in of_shares]
        out.setdefault(text, Surroundings(before, " ".join(rest), periods))
        paragraph.append(text)
        kinds = {f.kind for f in sentence.figures}
        if kinds and kinds <= SHARES:
            of_shares.add(text)
        if any(p.year is not None and p.relation not in BASES for p in sentence.periods) \
                and not _EVERY_YEAR.search(text) and not _compared_only(sentence):
            # "in every year since 2013" tells of each year, not of what follows; "up 27% on 2023"
            # names a year to compare with, not the one the next sentences speak of
            dated = text
    return out


def _compared_only(sentence: Sentence) -> bool:
    """Are all the years the sentence names those of figures a change is measured from ("…, up
    from 24% in 2020")? Then it tells nothing of the year the sentences after it speak of."""
    from .propose import compared_years
    compared = compared_years(sentence)
    return bool(compared) and all(p.year in compared for p in sentence.periods if p.year is not None)


def _read_wins(backend: Any, profiles: dict[str, Any], tables: dict[str, Any], chosen: list[Claim],
               loaded: LoadedClaims) -> None:
    """The groups won that the claims' sentences say ("Rivera carried 31 of the city's 48 precincts"),
    counted on the data (:mod:`.wins`: a query per table and reading, only for such a sentence), kept
    on each table for the search."""
    from .wins import read_wins, wins_said
    article: str | None = None
    for claim in chosen:
        said = wins_said(claim.says, claim.expect)
        if said is None:
            continue
        if article is None:
            article = _article_year(loaded)[1] or ""
        for read in read_wins(backend, profiles, said, f"{claim.says}\n{article}"):
            tables[read.table].wins.setdefault((claim.says, str(claim.expect)), []).append(read)


def _latest_period(tables: dict[str, Any]) -> tuple[str, int] | None:
    """The data's latest year (a column of years of a table's own, ``election_year``) and that
    column: the period a story that names none most likely tells of ("Tuesday's mayoral
    election", "About 109,000 people voted"). None when no table has a column of two years or more."""
    best: tuple[str, int] | None = None
    for table in tables.values():
        for d in table.profile.dimensions:
            if not d.is_year or "." in d.name or d.name not in table.cells.columns:
                continue
            years = [int(v) for v in table.cells.columns[d.name] if v is not None]
            if len(set(years)) > 1 and (best is None or max(years) > best[1]):  # one year: no guess to make
                best = (d.name, max(years))
    return best


def latest_said(column: str, year: int) -> str:
    """What a candidate read at the data's latest period says of it."""
    return f"read at the data's latest {column}, {year}: the sentence names none"


def _say_latest(entry: ClaimSuggestions, latest: tuple[str, int] | None) -> None:
    """Mark the candidates (and the reading) of a claim whose sentence names no year that keep the
    data's latest one (:func:`_latest_period`, ``latest``: its column and year, None when the article
    names a year): the year is a guess, and the candidate says so."""
    from ..draft.figures import find_figures
    if latest is None or any(p.year is not None for s in find_figures(entry.says) for p in s.periods):
        return
    column, year = latest
    said = re.compile(rf"(?<![\w.]){re.escape(column)} == {year}\b")

    def mark(s: Suggestion) -> Suggestion:
        from dataclasses import replace
        return replace(s, latest=latest_said(column, year)) if said.search(str(s.measure)) else s
    entry.candidates = [mark(s) for s in entry.candidates]
    entry.misses = [mark(s) for s in entry.misses]
    if entry.reading is not None:
        entry.reading = mark(entry.reading)


def _nouns(profiles: dict[str, Any]) -> frozenset[str]:
    """The words that name the data's tables and its lookups' links (``victims``, ``case.``): rows of
    what, never which of them (:func:`.space.distinctive`)."""
    from .words import words
    names = set(profiles) | {d.name.split(".")[0] for p in profiles.values() for d in p.dimensions if "." in d.name}
    return frozenset(w for n in names for w in words(n, synonyms=False))


def _not_searched(claim: Claim, profiles: list[Any]) -> str | None:
    """Why no measure is looked for the claim's figure, or None: it is a part of another figure of its
    sentence, which that figure's claim checks (its condition, "204 contracts were worth *$1 million* or
    more"; the rows it names, "*three*-bedroom units averaged $3,520"; the size of its top, "The top
    *five* vendors received nearly two-thirds"), or its expect leaves out the fall the sentence says."""
    from .directions import dropped_in_claim
    from .propose import size_of_a_top
    from .search import numbered_condition
    from .thresholds import condition_of_a_figure
    condition = condition_of_a_figure(claim.says, claim.expect)
    if condition is not None:
        of, kind = condition
        return (f"'{claim.expect}' is the condition of '{of}' in this sentence: the claim of "
                f"'{of}' checks it ({kind}: …); list this figure under ignore: with that reason")
    rows = numbered_condition(claim.says, claim.expect, profiles)
    if rows is not None:  # "three-bedroom units averaged $3,520": 3 is which rows, not a figure
        return (f"'{claim.expect}' names the rows this sentence's other figures are of ({rows}): their "
                "claims check it (where: …); list this figure under ignore: with that reason")
    dropped = dropped_in_claim(claim.says, claim.expect)
    if dropped is not None:  # "16,000 fewer" with expect: more than 16,000: it would pass a rise
        return (f"the sentence says '{dropped}' beside this figure, a direction '{claim.expect}' does not "
                "carry (read without it, a rise would pass as readily as a fall); write it into expect: "
                "as the article says it, then suggest again")
    size = size_of_a_top(claim.says, claim.expect)
    if size is not None:  # "The top five vendors received nearly two-thirds": five is no count of vendors
        return (f"'{claim.expect}' is how many the top holds: the claim of the sentence's other figure "
                f"checks it (top_share: …, top_n: {size}) and covers it; this claim can go")
    return None


def suggest(claims: str | Path | LoadedClaims, ids: list[str] | None = None, *, everything: bool = False,
            top: int = 5, data_root: str | Path | None = None, every_reading: bool = False,
            before_reading: Callable[[list[tuple[str, Path]]], None] | None = None) -> Suggestions:
    """Propose up to ``top`` measures for each claim without one (every claim with ``everything``;
    the claims ``ids`` when given). A candidate that reads the sentence otherwise (a filter nothing
    names, the mean for a median) is shown only when none reads it as written, unless
    ``every_reading``. ``before_reading`` sees the input files before any data is read
    (the command refuses a report path that is one of them). Raises
    :class:`~factcheck.errors.FactcheckError` on bad input."""
    import os
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        # small matrix products: one thread is fastest, and several fight on a busy machine
        os.environ.setdefault(var, "1")
    from ..engine import prepare
    from .cells import read_bins, read_cells, read_group_sums, read_tops
    from .profile import named_dimensions, profile_tables
    from .propose import Proposed, propose, top_read
    from .search import Table, numbered_dimensions, numbered_measures
    from .space import atoms_of
    from .thresholds import threshold_dimensions
    from .words import words

    loaded = claims if isinstance(claims, LoadedClaims) else load(claims)
    chosen = _selected(loaded, ids, everything)
    bare = LoadedClaims(loaded.model.model_copy(update={"claims": []}), loaded.path, loaded.lines, loaded.text)
    session = prepare(bare, data_root=data_root, everything=True, allow_empty=True)
    if before_reading is not None:
        before_reading(session.input_files())
    catalog = session.prepared.catalog
    tables = [t for t, s in catalog.sources.items() if not s.missing]
    for t in tables:
        for column in catalog.sources[t].columns:
            catalog.use(t, column)
        for column in catalog.derives.get(t, {}):
            catalog.use(t, column)
    session.materialize()
    backend = session.backend
    backend.seal()
    medians = any(re.search(r"\bmedian\b", c.says, re.I) for c in chosen)
    # "the top 10 earners took home 17%", "… took home $1.4 million": the largest values of each cell, as
    # many as the largest top said of a share or an amount (of a count of rows, nothing to read)
    topped = [c.says for c in chosen if top_read(c.says, c.expect, loaded) is not None]
    tops_of = max((n for c in chosen if (n := top_read(c.says, c.expect, loaded)) is not None), default=None)
    try:
        profiles = profile_tables(backend, catalog, tables)
        named_dimensions(backend, catalog, profiles, [c.says for c in chosen])  # "Northline Construction"
        prepared_tables = {}
        capped: list[str] = []
        nouns = _nouns(profiles)
        for t, prof in profiles.items():
            prof.dimensions += threshold_dimensions(prof, [c.says for c in chosen])
            prof.dimensions += numbered_dimensions(prof, [c.says for c in chosen])
            numbered_measures(prof, [c.says for c in chosen])
            cells = read_cells(backend, prof)
            if medians:  # "the median firefighter": bounds on the medians of the columns of many values
                cells.bins = read_bins(backend, prof, cells, [c for c, _ in prof.numbers if c not in cells.columns])
            if tops_of is not None:
                cells.tops, untopped = read_tops(backend, prof, cells, tops_of)
                # "the top five vendors": the sums of the groups of an id the top's sentence names
                grouped = [(c, sql) for c, sql in prof.ids if (w := words(c)) and any(w <= words(t) for t in topped)]
                cells.groups, ungrouped = read_group_sums(backend, prof, cells, grouped) if grouped else ({}, [])
                capped += untopped + ungrouped
            atoms, left = atoms_of(prof, cells, nouns)
            capped += prof.capped + left
            prepared_tables[t] = Table.make(prof, cells, atoms)
        _read_wins(backend, profiles, prepared_tables, chosen, loaded)
    finally:
        backend.close()
    year, article, spanned = _article_year(loaded)
    data_latest = _latest_period(prepared_tables) if year is None and article is not None else None
    # an article of a span ("from 2015 to 2024") speaks of all of it where a sentence names no year
    latest = data_latest if not spanned else None
    year = latest[1] if latest is not None else year  # "Tuesday's mayoral election": most likely the latest
    # "every year since 2017", "the highest since 2019": up to the article's year, or the data's latest
    last_year = year if year is not None else data_latest[1] if data_latest is not None else None
    around = _surroundings(article)
    out: list[ClaimSuggestions] = []
    ranked: dict[str, Proposed] = {}
    for claim in chosen:
        entry = ClaimSuggestions(claim.id, claim.says, claim.expect)
        out.append(entry)
        entry.note = _not_searched(claim, [t.profile for t in prepared_tables.values()])
        if entry.note is not None:
            continue
        context = around.get(" ".join(claim.says.split()), Surroundings())
        proposed = propose(loaded, claim, prepared_tables, year, top + SPARE, context, every_reading, last_year)
        capped += proposed.capped
        if not proposed.hits and not proposed.misses and proposed.reading is None:
            entry.note = proposed.note or NOTHING_MEETS
        ranked[claim.id] = proposed
    from .verify import verify_all
    verify_all(loaded, out, ranked, top, data_root, MISSES)
    for entry in out:
        if entry.reading is not None and not entry.candidates and entry.note is None:
            entry.note = NO_OWN_READING
        _say_latest(entry, latest)
    session.refuse_changed_files()  # profiled, searched and verified on the version first read
    return Suggestions(out, sorted(set(capped)))
