"""``factcheck init ARTICLE.md DATA...``: a starter claims file for a draft and its data.

It declares each data file (CSV, gzip-compressed too, or Parquet: the files ``run`` reads) as a
table (path relative to the claims file), with a key where
a column is unique and named like an id, the first date column as its time (and a
``<column>_year`` derive for it), ``reported_by`` where a column of categories and the time
column name each row once and fill most of that grid (a line's riders per year), a lookup where
a column carries another table's key, and column contracts learnt from the data (types;
``allowed`` for text with few values; ``text`` for codes with leading zeros, and for numbers
written with a decimal comma, with a note), with the CSV's ``delimiter`` when its header holds
``;``, a tab or ``|`` and its ``date_format`` when its dates are written another way
(``01/05/2022``). Then
one claim per figure of the article, ``says`` and ``expect`` filled in and no measure yet
(``not_encoded`` until one is chosen), each with its best suggestions as YAML comments.
The file is written once: an existing file is never overwritten.
"""

from __future__ import annotations

import os
import re
import shlex
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import yamltext
from .claims.model import PARQUET_ENDINGS
from .draft.phrases import FALL_VERBS, FALL_VERBS_ALONE, RISE_VERBS, RISE_VERBS_ALONE, dropped_as_a_fall, in_digits
from .errors import Problem, UsageError
from .expectations.spelled import ONES, SCALE_WORDS, TEENS, TENS
from .expectations.vocabulary import SIZED_DIRECTIONS, TAKES_AN_OBJECT, verb_forms
from .formatting import alternatives
from .suggest.directions import said_after

if TYPE_CHECKING:
    from .draft.figures import Figure, Sentence
    from .engine import Session
    from .suggest import Suggestions

SUGGESTIONS = 3               # suggestions written as comments under each claim
ALLOWED_AT_MOST = 12          # text columns with at most this many values get an `allowed` list
_ID = re.compile(r"(?:^id$|_id$|^id_)", re.I)
_TYPES = {"BIGINT": "integer", "INTEGER": "integer", "SMALLINT": "integer", "TINYINT": "integer",
          "HUGEINT": "integer", "DOUBLE": "number", "FLOAT": "number", "REAL": "number", "VARCHAR": "text",
          "DATE": "date", "TIMESTAMP": "timestamp", "TIMESTAMP WITH TIME ZONE": "timestamp", "TIMESTAMP_S": "timestamp",
          "TIMESTAMP_MS": "timestamp", "TIMESTAMP_NS": "timestamp", "BOOLEAN": "boolean"}
def _done_to(direction: str) -> str:
    """The verbs of the expect reader's table that something is done to, in each of their forms (the last
    word of 'has been slashed', 'cuts', 'reducing'), for the figure after them: "Spending was cut by 20%" is
    down 20%, as `expect: was cut by 20%` reads it."""
    forms = {form.split(" ")[-1] for past in TAKES_AN_OBJECT if SIZED_DIRECTIONS.get(past) == direction
             for form in (past, *verb_forms(past), *verb_forms(past, passive=True))}
    return alternatives(sorted(forms, key=len, reverse=True))


_RAISED, _CUT = _done_to("up"), _done_to("down")
_UP = re.compile(rf"\b(?:(up|higher|more|{RISE_VERBS}|{_RAISED})(?:\s+by)?|(?:a\s+)?(?:rise|increase|gain|jump|climb|growth)\s+of)\s*$",
                 re.I)  # "up 11%", "rose by 5 points", "a rise of 6 points"
_DOWN = re.compile(rf"\b(?:(down|lower|fewer|less|{FALL_VERBS}|{_CUT})(?:\s+by)?|(?:a\s+)?(?:drop|decline|decrease|fall|cut|"
                   r"reduction|dip|slide)\s+of)\s*$", re.I)  # "down 3 points", "a drop of 6 points"
_UP_AFTER = re.compile(r"\s+(?:jump|rise|increase|gain|climb|surge)\b", re.I)   # "a 12% jump in injuries"
_DOWN_AFTER = re.compile(r"\s+(?:drop|decline|decrease|fall|cut|dip|slide|reduction)\b", re.I)
_UP_BY = re.compile(rf"\b(?:(?:{RISE_VERBS}|{_RAISED})\s+by|(?:a\s+)?(?:rise|increase|gain|jump|climb)\s+of)\s*$", re.I)
_DOWN_BY = re.compile(rf"\b(?:(?:{FALL_VERBS}|{_CUT})\s+by|(?:a\s+)?(?:drop|decline|decrease|fall|cut|reduction|dip|slide)"
                      r"\s+of)\s*$", re.I)  # "fell by 4", "a decline of 4": not "fell to 4", a level
# a number right after "were down", "down by", "Down", or a verb of a rise or a fall that takes no object
# ("fell 300", "declined 1,500"; not "lost 2,300 jobs", "cut 120 positions" or "dropped 3 charges", which
# count what was lost, cut or dropped): a change; "fell to 4" and "down from 45%" are levels, the word
# before the figure is theirs
_BE_AT = r"(?:is|are|was|were|be|been|being|remains?|remained|stood|stands|ended|closed|finished)"
_UP_NUMBER = re.compile(rf"(?:\b{_BE_AT}\s+up|\bup\s+by|^\W*up|\b(?:{RISE_VERBS_ALONE}))\s*$", re.I)
_DOWN_NUMBER = re.compile(rf"(?:\b{_BE_AT}\s+(?:down|off)|\b(?:down|short)\s+by|^\W*down|\b(?:{FALL_VERBS_ALONE}))\s*$", re.I)
_DOWN_ON = re.compile(r"\s+down(?=\s*(?:[,;:.!?]|$|(?:on|from|since|compared|year[\s-]on[\s-]year)\b))", re.I)
_OFF = re.compile(rf"\b{_BE_AT}\s+off\s*$", re.I)  # "Sales were off 5%": down 5%
# "250 fewer crashes", "16,000 fewer than four years ago", "3,000 below last year": a fall said after a
# number, at most one word between (not "or": "5 or fewer" is a threshold; nor a number after it: "43
# days below 95 degrees"); "lower" and "smaller" only at the end of a clause or before "than" ("the 12
# lower courts")
_FEWER_AFTER = said_after("fewer|less|below")
# "5% lower.", "6 points higher, at 39%", "4 points behind": a comparison said right after a percentage or
# points, with no "than" (which _PERCENT_MORE reads)
_COMPARED_AFTER = re.compile(r"\s+(more|fewer|less|higher|lower|smaller|larger|bigger|ahead|behind)\b"
                             r"(?!\s+(?:than\s+)?\$?\d)", re.I)
# a margin ("leads by 6 points", "won the race by nearly 6 points", "beat Hale by 12 points", "a lead of 6
# points", "won by a margin of 1,200 votes"; "trails by 3 points", "lost by 3 points"): the words before the
# figure, at most four between the verb and "by" ("a team led by 12 officers" is kept out by what follows)
_MARGIN_AHEAD = re.compile(r"(?:\b(?:leads?|leading|led|wins?|winning|won|beat(?:s|ing)?|ahead|edged|topped|outpolled)\b"
                           r"(?:\s+[^\s\d,;:.]+){0,4}?\s+by(?:\s+(?:an?\s+)?(?:margin|lead)\s+of)?"
                           r"|\b(?:an?|the|its|his|her|their)\s+(?:winning\s+)?(?:lead|margin|edge|advantage)\s+of)\s*$", re.I)
_MARGIN_BEHIND = re.compile(r"(?:\b(?:trail(?:s|ed|ing)?|lag(?:s|ged|ging)?|behind|lost|los(?:es|ing))\b"
                            r"(?:\s+[^\s\d,;:.]+){0,4}?\s+by|\b(?:an?|the|its|his|her|their)\s+deficit\s+of)\s*$", re.I)
_MARGIN_NOUN_AFTER = re.compile(r"[\s-]+(lead|margin|edge|advantage|win|victory|deficit)\b", re.I)  # "a 6-point lead"
_RACE_COUNTS = re.compile(r"\s+(?:votes?|ballots?|seats?|points?|goals?|runs?|strokes?|delegates?|electoral\s+votes)\b"
                          r"(?!\s+of\b)", re.I)
_POINT_ADJECTIVE = re.compile(r"(?<=\d)-(?:percentage-)?points?\b", re.I)
# "made up 27.5%", "took up 30%", "eats up 52%": a part of a whole, where "up" is no direction
_PART_OF = re.compile(r"\b(made|makes?|making|took|takes?|taken|taking|eats?|ate|eaten|eating|uses?|used|using|"
                      r"soaks?|soaked|soaking|swallows?|swallowed|swallowing|gobbles?|gobbled|gobbling)\s+up\s*$", re.I)


@dataclass(frozen=True)
class Written:
    path: Path
    tables: int
    claims: int
    suggested: int


def _scalar(value: Any) -> str:
    """One YAML scalar, quoted when it needs to be."""
    # only YAML's own spaces and breaks are trimmed: str.strip() took a value of no-break spaces away
    text = yamltext.dump(value, default_flow_style=True, allow_unicode=True, width=10_000).strip(" \n")
    return str(text[:-4].strip(" \n") if text.endswith("\n...") or text.endswith(" ...")
               else text.removesuffix("...").strip(" \n"))


def _table_name(path: Path, taken: set[str]) -> str:
    stem = Path(path.name[:-3]).stem if path.name.lower().endswith(".gz") else path.stem  # trips.csv.gz: trips
    base = re.sub(r"[^A-Za-z0-9_]+", "_", stem).strip("_").lower() or "table"
    if base[0].isdigit():
        base = "t_" + base
    name, i = base, 2
    while name in taken:
        name, i = f"{base}_{i}", i + 1
    return name


def _slug(text: str, taken: set[str]) -> str:
    stop = {"the", "a", "an", "of", "in", "on", "and", "to", "was", "were", "is", "that", "for", "by", "with"}
    words = [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in stop][:6]
    base = "-".join(words) or "claim"
    name, i = base, 2
    while name in taken:
        name, i = f"{base}-{i}", i + 1
    taken.add(name)
    return name


def _expect(sentence: str, start: int, text: str, kind: str, value: Fraction | None = None) -> Any:
    """What ``expect:`` says for a figure: its text, with the direction the words before it give,
    or the words after it ("392 more filings than Queens": ``392 more``, a difference; "6% more
    than in 2023": ``6% more``, a change)."""
    if kind == "extreme":
        return True
    if kind == "streak" and value is not None:
        return int(value)  # "for a fourth straight year": a run of 4 (rising/falling counts it)
    written = text
    if kind in ("number", "percent", "points") and (digits := in_digits(text)) is not None:
        text = digits  # "Eleven fires": expect: 11, "rose one point": up 1 point (expect: reads a number in digits only)
    text = _POINT_ADJECTIVE.sub(" points", text)  # "a 6-point lead": 6 points
    margin = _margin(sentence[:start], sentence[start + len(written):], kind)
    if margin:  # "won by 12 points", "trails by 3 points", "a 6-point lead": a gap, with the side it is on
        return f"{text} {margin}"
    more = (_MORE_THAN.match(sentence, start + len(written)) if kind == "number"
            else _PERCENT_MORE.match(sentence, start + len(written)) if kind in ("percent", "points") else None)
    if more:  # "392 more filings than Queens"; "6% more than in 2023" (a change: up 6%)
        way = (more[1] or more[2] or more[3]).lower()
        return f"{text} {_WAY.get(way, way)}"
    return _directed(sentence[:start], sentence[start + len(written):], text, kind)


def _directed(before: str, after: str, text: str, kind: str) -> str:
    """``text`` with the direction the words just before or after it give ("up 11%", "down 250", "250
    fewer", "5% lower"), or as it is."""
    if kind in ("percent", "points", "fraction"):   # "up 11%", "down 3 points", "down by a third"
        if (_UP.search(before) and not _PART_OF.search(before)) or _UP_AFTER.match(after):
            return f"up {text}"
        if _DOWN.search(before) or _DOWN_AFTER.match(after) or _OFF.search(before) or _DOWN_ON.match(after):
            return f"down {text}"
    if kind == "number":  # "fell by 4", "a decline of 4", "were down 250", "fell 300": a change; "fell to 4" is a level
        if _UP_BY.search(before) or _UP_NUMBER.search(before):
            return f"up {text}"
        if _DOWN_BY.search(before) or _DOWN_NUMBER.search(before) or dropped_as_a_fall(before, after):
            return f"down {text}"   # "dropped 1,500 students from 2022": no "by", a fall all the same
        if _DOWN_ON.match(after):  # "12 down on 2022", "5% down from last year"
            return f"down {text}"
        fewer = _FEWER_AFTER.match(after)  # "250 fewer crashes", "more than 16,000 fewer than four years ago"
        if fewer:
            return f"{text} {_WAY.get(fewer[1].lower(), fewer[1].lower())}"
    if kind in ("percent", "points"):
        compared = _COMPARED_AFTER.match(after)  # "5% lower.", "6 points lower, at 39%"
        if compared:
            return f"{text} {_WAY.get(compared[1].lower(), compared[1].lower())}"
    return text


def _margin(before: str, after: str, kind: str) -> str | None:
    """'ahead' or 'behind' for a figure said as a margin: "Rivera leads by 6 points", "won the race by
    nearly 6 points", "a margin of 1,200 votes", "a 6-point lead", "trails by 3 points", "a 3-point
    deficit"; None for any other. A number is a margin only before what a race counts ("won by 1,200
    votes"): "a team led by 12 officers" is no margin."""
    if kind not in ("number", "percent", "points") or re.match(r"\s+of\b", after):
        return None  # "won by 53% of voters": a share of them, no margin
    counted = kind != "number" or _RACE_COUNTS.match(after)
    if _MARGIN_AHEAD.search(before) and counted:
        return "ahead"
    if _MARGIN_BEHIND.search(before) and counted:
        return "behind"
    noun = _MARGIN_NOUN_AFTER.match(after)
    if noun and (kind != "number" or _RACE_COUNTS.match(after[noun.end():])):
        return "behind" if noun[1].lower() == "deficit" else "ahead"
    return None


# "392 more filings than Queens", "$330 more on average than", "$1,300 above Brooklyn's": a few words
# after the figure (no comma: "165 cases, more than in 2019" states 165), then more or less, and
# "than" in the same clause; or above, below. Not before a number: "46 employees made more than
# $100,000", "43 days above 95 degrees" are thresholds, and so are "Twelve contracts were worth more
# than a million dollars", "more than two hours" (a number in words right after "more than"; not
# "more filings than a year earlier", nor "more than one year earlier": "a", "one" only before a
# scale or a unit of money)
_SPOKEN_NUMBER = (r"(?:(?:a|an|one)[\s-]+(?:hundred|" + "|".join(SCALE_WORDS) + r"|dollars|pounds|euros)\b|(?:"
                  + "|".join(sorted({*ONES, *TEENS, *TENS} - {"one"}, key=len, reverse=True)) + r")\b)")
_A_THRESHOLD = r"(?!\s+\$?\d)"
_A_THRESHOLD_IN_WORDS = r"(?!\s+(?:\$?\d|" + _SPOKEN_NUMBER + r"))"
# a verb between the figure and "more" makes the figure its subject, a count: "Seven officers earned
# more than their supervisors", "12 homes paid more in fines than in 2023", "40 residents complained
# more than once" (a word ending in -ed, or one of the verbs such sentences use), not a difference
_VERB = (r"(?:(?!hundred\b)[^\W\d]+ed|were|was|is|are|had|has|have|got|gets|made|makes|took|takes|paid|pays|"
         r"spent|spends|won|wins|lost|loses|saw|sees|did|does|gave|gives|went|goes|came|comes|became|becomes|"
         r"found|finds|earn|earns|pay|spend|get|make|take|win|lose|see|give|complain|complains|file|files)")
_MORE_THAN = re.compile(r"(?:\s+(?!" + _VERB + r"\b)[^\W\d]+){0,3}?\s+(?:(more|fewer|less|higher|lower)(?:\s+than\b" + _A_THRESHOLD_IN_WORDS
                        + r"|\b(?!\s+than\b)[^,;:.]*?\bthan\b" + _A_THRESHOLD + r")|"
                        r"(above|below)\b" + _A_THRESHOLD_IN_WORDS + r")"  # not "43 days above 95 degrees", a threshold
                        r"|\s+(more|fewer|less|higher|lower)(?=\s*(?:[,;:.!?]|$))", re.I)  # "about $770 more."
# "6% more than in 2023", "30% more filings than Queens", "5 points higher than": at most one word
# between, and not "of" ("59% of victims were more likely than …" states a share)
_PERCENT_MORE = re.compile(r"(?:\s+(?!of\b)[^\W\d]+)?\s+(?:(more|fewer|less|higher|lower)\b[^,;:.]*?\bthan\b|"
                           r"(above|below)\b(?!\s+\$?\d))", re.I)
_WAY = {"above": "more", "below": "less"}   # "$1,300 above Brooklyn's": as expect: reads it, "$1,300 more"


_TEXT_ENDINGS = (".csv", ".tsv", ".tab", ".txt")
_DATA_ENDINGS = (*_TEXT_ENDINGS, *(e + ".gz" for e in _TEXT_ENDINGS), *PARQUET_ENDINGS)
"""The files init reads: CSV (plain, or gzip-compressed as ``run`` reads it, by the ``.gz`` ending) and
Parquet (``.parquet`` or ``.pq``, as ``run`` tells them)."""


def _check_inputs(article: Path, data: list[Path], target: Path) -> None:
    problems = []
    if not article.is_file():
        problems.append(Problem("no such article", file=str(article), hint="give the draft's Markdown file"))
    for d in data:
        if not d.is_file():
            problems.append(Problem("no such data file", file=str(d), hint="give CSV or Parquet files"))
        elif not d.name.lower().endswith(_DATA_ENDINGS):
            problems.append(Problem("not a CSV or Parquet file", file=str(d),
                                    hint="init reads .csv, .tsv, .tab, .txt (each gzip-compressed too: .csv.gz) "
                                         "and .parquet (or .pq) files"))
    if target.exists():
        problems.append(Problem("the claims file already exists; init never overwrites a file", file=str(target),
                                hint=f"for the figures the draft gained since, run: factcheck suggest "
                                     f"{shlex.quote(str(target))} --not-checked (it drafts a claim for each, to "
                                     "paste); or move the file away, or write elsewhere with --output"))
    if problems:
        raise UsageError(problems)


def _learn(target: Path, data: list[Path]) -> tuple[dict[str, dict[str, Any]], dict[str, list[str]], Session]:
    """Declare the tables and learn their columns through the backend; return the declarations, what
    to tell the reader about each table (a key that repeats), and the session that read them (its
    files' versions are checked once the suggestions are made).

    A CSV whose dates are written another way (``01/05/2022``) or whose codes keep leading zeros
    (``02134``) is declared so (``csv: {date_format: …}``, ``type: text``) and read again, so its
    types, contracts, key, time column and lookups come from the data as ``run`` will read it."""
    taken: set[str] = set()
    tables: dict[str, dict[str, Any]] = {}
    for d in data:
        name = _table_name(d, taken)
        taken.add(name)
        tables[name] = {"path": os.path.relpath(d.resolve(), target.parent.resolve()).replace(os.sep, "/")}
    notes: dict[str, list[str]] = {t: [] for t in tables}
    session, backend, columns = _read(target, tables)
    sources = session.prepared.catalog.sources
    declared = [t for t in tables if _reading_options(backend, sources[t], tables[t], columns[t], notes[t])]
    if declared:
        backend.close()
        session, backend, columns = _read(target, tables)
    empty = session.tables.empty() if session.tables is not None else {}
    # a header alone (an export that failed): no value to learn a key, a type or a time column from
    unique = {t: [] if t in empty else _learn_table(backend, t, tables[t], columns[t], notes[t]) for t in tables}
    from .sources.totals import init_note
    for t, src in session.prepared.catalog.sources.items():
        if t in empty:
            notes[t].append("the file holds no data row (the table has no rows), so no key and no column types are "
                            "declared: nothing could be checked; every claim over the table is unverifiable "
                            "(no_rows) until it has rows: check the export that wrote it, then run init again")
            continue
        total = init_note(backend, src, dict(columns[t]))  # a "Total" row at the end, read as data
        if total is not None:
            notes[t].append(total)
    _lookups(tables, columns)
    _lookups_by_value(backend, tables, columns, unique)
    backend.close()
    return tables, notes, session


def _read(target: Path, tables: dict[str, dict[str, Any]], *,
          delimiters: bool = True) -> tuple[Session, Any, dict[str, list[tuple[str, str]]]]:
    """Read every column of the tables as declared so far; the session, its backend and each
    table's columns with their DuckDB types. ``delimiters``: first declare the delimiter of each
    CSV whose header reads as one column holding ';', a tab or '|' (:func:`_delimiter`)."""
    from .backends.duckdb import DuckDB
    from .claims import ClaimsFile, LoadedClaims
    from .claims.yamlsource import load_yaml
    from .engine import prepare

    text = yamltext.dump({"version": 1, "tables": tables, "claims": []}, sort_keys=False)
    raw, lines = load_yaml(target, text)
    loaded = LoadedClaims(ClaimsFile.model_validate(raw), target, lines, text)
    session = prepare(loaded, everything=True, allow_empty=True)
    if delimiters and any([_delimiter(src, tables[t]) for t, src in session.prepared.catalog.sources.items()]):
        # the delimiter from the header alone, before a row is read: read with commas, a row of a
        # ';' file holding a comma ("Smith, J.";12,5) has more fields than its header, and stops the reading
        session.backend.close()
        return _read(target, tables, delimiters=False)
    session.prepared = replace(session.prepared, learning=True)  # dates read as the year 13: declared below
    catalog = session.prepared.catalog
    for t, src in catalog.sources.items():
        for column in src.columns:
            catalog.use(t, column)
    session.materialize()
    backend: DuckDB = session.backend  # type: ignore[assignment]
    columns: dict[str, list[tuple[str, str]]] = {}
    for t in tables:
        got = backend.execute(f'SELECT column_name, column_type FROM (DESCRIBE "{t}")')
        columns[t] = [(str(c), str(ty).upper()) for c, ty in got.rows if not str(c).startswith("__")]
    return session, backend, columns


def _learn_table(backend: Any, table: str, decl: dict[str, Any], cols: list[tuple[str, str]],
                 notes: list[str]) -> list[str]:
    """Declare the table's key, time column, derives and column contracts; return its text columns
    whose every row has a value of its own (each could be what another table's column names). What
    the reader must know and no declaration says goes to ``notes``: an id column whose values
    repeat (no key is declared), a column of dates but for a few values (read as text)."""
    from .expressions import quote_ident
    q = quote_ident(table)
    parts = ["count(*)"] + [f"count(DISTINCT {quote_ident(c)}), count({quote_ident(c)})" for c, _ in cols]
    row = backend.execute(f"SELECT {', '.join(parts)} FROM {q}").rows[0]
    total = row[0]
    contracts: dict[str, Any] = {}
    unique: list[str] = []
    categories: list[str] = []  # text columns whose values repeat: who may report the rows
    repeating: list[tuple[str, int, int]] = []  # id columns whose values repeat: a key with a period?
    labels = _label_columns(backend, q, cols, {c: row[1 + 2 * i] for i, (c, _) in enumerate(cols)})
    commas = _comma_numbers(backend, q, [c for c, ty in cols if ty == "VARCHAR" and c not in labels], notes)
    almost = {c: n for c, ty in cols if ty == "VARCHAR" and c not in labels and c not in commas
              and (n := _almost_dates(backend, q, c)) is not None}
    for i, (c, ty) in enumerate(cols):
        distinct, present = row[1 + 2 * i], row[2 + 2 * i]
        if c in labels or c in commas or c in almost:
            # school years are periods: declared text (and closed by allowed) they would be categories;
            # numbers read as text (said in a note) are no category either, and get no list of their values;
            # dates but for some (said in a note) get no contract: declared text, a claim comparing them with
            # a date would compare text silently, where undeclared `run` stops it and names the values
            contracts.update({c: {"type": "text"}} if c in commas else {})
            continue
        kind = _TYPES.get(ty.split("(")[0], "number" if ty.startswith("DECIMAL") else "text")
        if kind == "text" and 0 < distinct == total == present:
            unique.append(c)
        if kind == "text" and 2 <= distinct < total:
            categories.append(c)
        spec: dict[str, Any] = {"type": kind}
        if _ID.search(c) and 0 < distinct < present:
            repeating.append((c, distinct, present))
        if kind == "text" and not _ID.search(c) and 0 < distinct <= ALLOWED_AT_MOST and distinct < total:
            # (an id's values are no categories: a contract listing them breaks on the next new row)
            values = backend.execute(f"SELECT DISTINCT {quote_ident(c)} FROM {q} WHERE {quote_ident(c)} IS NOT NULL "
                                     f"ORDER BY 1").rows
            spec["allowed"] = [v[0] for v in values]
        contracts[c] = spec
        if "key" not in decl and _ID.search(c) and distinct == total == present:
            decl["key"] = c
    notes += almost.values()
    dates = [c for c, ty in cols if ty.startswith(("DATE", "TIMESTAMP"))]
    years = _year_columns(backend, q, cols)
    found = dates[:1] + years + labels
    if found:
        decl["time"] = found if len(found) > 1 else found[0]
        _declare_reporter(backend, q, decl, contracts, cols, [g for g in categories if not _PEOPLE.search(g)],
                          found, total, notes)
    if dates:
        decl["derive"] = {f"{d}_year": f"year({d})" for d in dates if f"{d}_year" not in dict(cols)}
    for c, distinct, present in repeating if "key" not in decl else ():
        periods = [*found, *(p for p, _ in cols if _PERIOD_NAME.search(p) and p not in found and p != c)]
        repeats = {p: _repeats(backend, q, [c, p], total) for p in periods}
        pair = next((p for p, n in repeats.items() if n == 0), None)
        if pair is not None:  # one row per school per year: the two together are the key
            decl["key"] = [c, pair]
            break
        near = next((p for p, n in repeats.items() if n is not None and n <= max(3, total // 10)), None)
        if near is not None:
            notes.append(_repeated_id(backend, q, [c, near]))
        elif present - distinct <= max(3, present // 10):
            notes.append(_repeated_id(backend, q, [c]))
    decl.pop("columns", None)  # after the key, time and derives, whatever was declared to read the file
    decl["columns"] = contracts
    return unique


_COMMA_NUMBER = r"[-+]?(?:\d{1,3}(?:\.\d{3})+|\d+),\d+"
"""A number written with a comma before its last digits: ``12,5``, ``1.234,56`` (a decimal comma), ``12,500``."""
_WHOLE_NUMBER = r"[-+]?(?:\d{1,3}(?:\.\d{3})+|\d+)"
"""A whole number, its thousands perhaps set apart by points (``3``, ``1.234``): the rest of such a column."""


def _comma_numbers(backend: Any, q: str, texts: list[str], notes: list[str]) -> list[str]:
    """The text columns whose every value is a number, some written with a comma (``12,5``, a decimal
    comma, or ``12,500``): factcheck reads numbers with a decimal point only, so such a column is text,
    and no sum, mean or comparison with a number can use it. Each gets a note saying so, with what
    to do; its contract is ``type: text`` with no ``allowed`` list (its values are no categories)."""
    from .expressions import quote_ident, quote_literal
    if not texts:
        return []
    parts = []
    for c in texts:
        v = f"trim({quote_ident(c)})"
        comma = f"regexp_full_match({v}, {quote_literal(_COMMA_NUMBER)})"
        parts += [f"count({quote_ident(c)})", f"count(*) FILTER (WHERE {comma})",
                  f"count(*) FILTER (WHERE regexp_full_match({v}, {quote_literal(_WHOLE_NUMBER)}))",
                  f"min({v}) FILTER (WHERE {comma})"]
    row = backend.execute(f"SELECT {', '.join(parts)} FROM {q}").rows[0]
    found = []
    for i, c in enumerate(texts):
        present, comma, whole, example = row[4 * i: 4 * i + 4]
        if not comma or comma + whole != present:
            continue
        found.append(c)
        point = example.replace(".", "").replace(",", ".")
        notes.append(f"{c} holds numbers written with a comma ({comma:,} of its values, such as {example!r}), and "
                     f"factcheck reads a number's decimals after a point only: {c} is read as text, so no sum, mean "
                     f"or comparison with a number can use it. If the comma is a decimal comma, write the file's "
                     f"numbers with a point ({example} as {point}); if it sets thousands apart, without it; then "
                     "run init again")
    return found


_PERIOD_NAME = re.compile(r"year|date|period|month|quarter|season|term", re.I)
"""Column names that may be the period a table's id is repeated over (a school per school year)."""


def _repeats(backend: Any, q: str, columns: list[str], total: int) -> int | None:
    """How many rows these columns, all filled in, name a second time (0: they name each row once);
    None when some row leaves one of them blank."""
    from .expressions import quote_ident
    cols = ", ".join(quote_ident(c) for c in columns)
    filled = " AND ".join(f"{quote_ident(c)} IS NOT NULL" for c in columns)
    row = backend.execute(f"SELECT count(*), count(DISTINCT ({cols})) FROM {q} WHERE {filled}").rows[0]
    return int(row[0] - row[1]) if total and row[0] == total else None


def _repeated_id(backend: Any, q: str, columns: list[str]) -> str:
    """"incident_id looks like a key, but 'UOF-00501' repeats (2 rows) …" (or an id with a period:
    "school_id and school_year look like a key together, but …"): why no key is declared."""
    from .expressions import quote_ident
    cols = ", ".join(quote_ident(c) for c in columns)
    filled = " AND ".join(f"{quote_ident(c)} IS NOT NULL" for c in columns)
    rows = backend.execute(f"SELECT {cols}, count(*) FROM {q} WHERE {filled} GROUP BY ALL "
                           f"HAVING count(*) > 1 ORDER BY {len(columns) + 1} DESC, 1 LIMIT 3").rows
    said = ", ".join((repr(str(r[0])) if len(columns) == 1 else "(" + ", ".join(str(v) for v in r[:-1]) + ")")
                     + f" ({r[-1]} rows)" for r in rows)
    who = f"{columns[0]} looks like a key" if len(columns) == 1 else f"{' and '.join(columns)} look like a key together"
    key = columns[0] if len(columns) == 1 else "[" + ", ".join(columns) + "]"
    return (f"{who}, but {said} repeat{'s' if len(rows) == 1 else ''}: no key is declared. A row exported twice "
            f"would be counted twice; once the data is fixed, declare key: {key}")


def _almost_dates(backend: Any, q: str, column: str) -> str | None:
    """A text column whose values are dates but for a few (at least nine in ten are), or dates written
    two ways (YYYY-MM-DD, and 14/03/2024 or another way init recognises, together nine in ten): it is
    read as text, so it is no time column and its periods compare as text ('30/06/2024' is after
    '2024-07-01'); said, with the values that are not YYYY-MM-DD."""
    from .expressions import quote_ident, quote_literal
    col = quote_ident(column)
    as_time = f"TRY_CAST(trim({col}) AS TIMESTAMP)"
    other = " OR ".join(f"try_strptime(trim({col}), {quote_literal(f)}) IS NOT NULL" for f in _DATE_FORMATS)
    present, dated, written_otherwise = backend.execute(
        f"SELECT count({col}), count({as_time}), count(*) FILTER (WHERE {as_time} IS NULL AND ({other})) "
        f"FROM {q}").rows[0]
    if not dated or dated == present or (dated + written_otherwise) * 10 < present * 9:
        return None
    if written_otherwise and dated * 10 < present * 9:
        bad = backend.execute(f"SELECT DISTINCT {col} FROM {q} WHERE {as_time} IS NULL AND ({other}) "
                              "ORDER BY 1 LIMIT 3").rows
        said = ", ".join(repr(str(v)) for (v,) in bad)
        return (f"{column} holds dates written two ways: {dated:,} as YYYY-MM-DD and {written_otherwise:,} "
                f"otherwise ({said}{' …' if written_otherwise > len(bad) else ''}), so it is read as text and is no "
                "time column, and a comparison with a date would compare text ('30/06/2024' comes after "
                "'2024-07-01'): write them all as YYYY-MM-DD, and run init again")
    bad = backend.execute(f"SELECT DISTINCT {col} FROM {q} WHERE {col} IS NOT NULL AND {as_time} IS NULL "
                          "ORDER BY 1 LIMIT 3").rows
    said = ", ".join(repr(str(v)) for (v,) in bad)
    n = present - dated
    return (f"{column} holds dates but for {n:,} value{'s' if n != 1 else ''} ({said}{' …' if n > len(bad) else ''}), "
            f"so it is read as text and is no time column: fix {'them' if n != 1 else 'it'}, or leave "
            f"{'them' if n != 1 else 'it'} empty if unknown, and run init again")


def _delimiter(src: Any, decl: dict[str, Any]) -> bool:
    """Declare ``csv: {delimiter}`` for a file whose header read as one column holding ';', a tab or
    '|' (a ``.txt`` export, a European ``.csv``): read with commas, it is one column of text, and
    neither init's contracts nor any claim would see its columns. True when declared (the file is
    then read again, and ``run`` reads it with the delimiter declared)."""
    found = src.likely_delimiter()
    if found is None:
        return False
    decl.setdefault("csv", {})["delimiter"] = found[0]
    return True


def _reading_options(backend: Any, src: Any, decl: dict[str, Any], cols: list[tuple[str, str]],
                     notes: list[str]) -> bool:
    """How a CSV must be read for its columns to mean what they say: ``csv: {date_format: …}`` for
    dates written another way than YYYY-MM-DD (read as text, they are no time column and their
    periods compare as text), ``type: text`` for codes with leading zeros (read as numbers, 02134
    becomes 2134, and groups and lookups show and join the wrong codes). Declared in ``decl``, with
    what the reader must confirm in ``notes``; True when anything was declared (the file is then
    read again)."""
    if src.path is None or src.format != "csv":  # a Parquet file carries its own types
        return False
    from .expressions import quote_ident
    from .sources.contracts import raw_scan
    q = quote_ident(src.name)
    raw = raw_scan(backend.con, src)  # the file as text
    early = _first_century(backend, q, cols)
    dates = _date_format(backend, {c: raw if c in early else q for c, ty in cols if ty == "VARCHAR" or c in early},
                         notes)
    text: list[str] = []
    if dates is not None:
        decl.setdefault("csv", {})["date_format"] = dates[0]
        if "%y" in dates[0]:
            notes.append(_century_note(dates[0], dates[1]))
        # the other text columns stay text: read in the new format, one whose first rows are dates
        # and a later value none ('n.d.') would stop the reading
        text = [c for c, ty in cols if ty == "VARCHAR" and c not in dates[1]]
    codes = _zero_padded(backend, raw, cols, notes)
    if text or codes:
        decl["columns"] = {c: {"type": "text"} for c, _ in cols if c in text or c in codes}
    missing = _missing_words(backend, q, [c for c, ty in cols if ty == "VARCHAR" and c not in text
                                          and not (dates and c in dates[1])], notes)
    if missing:
        decl.setdefault("csv", {})["null"] = ["", *missing]
    return dates is not None or bool(codes) or bool(missing)


MISSING_WORDS = frozenset({"n/a", "na", "n.a.", "n/d", "-", "--", "\u2013", "\u2014", ".", "..", "...", "*", "**",
                           "(x)", "(s)", "(d)", "(na)", "null", "none", "nan", "missing", "unknown", "not available",
                           "suppressed", "redacted", "withheld", "no data"})
"""How exports write a missing number ('N/A', '-', '(X)', 'suppressed'), compared in lower case."""


def _missing_words(backend: Any, q: str, texts: list[str], notes: list[str]) -> list[str]:
    """Words standing for a missing value in columns that otherwise hold only numbers (``N/A`` among
    counts of deficiencies): read as text, the column takes no sum, mean or comparison, and
    ``suggest`` found no measure for right figures. Declared as ``csv: {null: ['', 'N/A']}``, which
    holds for every column of the table, so a note says so; a column that holds other words, or
    numbers written as a story writes them ('$18,000', '1,198', '41.2%'), is left as text with a note
    (:func:`~factcheck.sources.written.number_hint`: the file must be exported otherwise)."""
    from .expressions import quote_ident
    from .sources.written import number_hint, suppressed_mark, written_number
    if not texts:
        return []
    parts = []
    for c in texts:
        v = f"trim({quote_ident(c)})"
        parts += [f"count(*) FILTER (WHERE TRY_CAST({v} AS DOUBLE) IS NOT NULL)",
                  f"list(DISTINCT {v}) FILTER (WHERE {v} <> '' AND TRY_CAST({v} AS DOUBLE) IS NULL)[1:6]"]
    row = backend.execute(f"SELECT {', '.join(parts)} FROM {q}").rows[0]
    found: dict[str, list[str]] = {}
    for i, c in enumerate(texts):
        numbers, others = row[2 * i], sorted(row[2 * i + 1] or [])
        if not others:
            continue
        if numbers and len(others) <= 3 and all(o.lower() in MISSING_WORDS or suppressed_mark(o) for o in others):
            for word in others:
                found.setdefault(word, []).append(c)
        elif all(written_number(o) for o in others) and not all(re.fullmatch(_COMMA_NUMBER, o) for o in others):
            # ('1,198' alone is the comma note's, :func:`_comma_numbers`): money, percentages
            notes.append(f"{c} holds numbers written as text ({', '.join(repr(o) for o in others[:3])}): it is read "
                         f"as text, so no sum, mean or comparison with a number can use it, until the file is "
                         f"exported otherwise and init run again: {number_hint(c, others)}")
    marks = [word for word in found if suppressed_mark(word)]
    if marks:  # '<10', 'n<10': a count the publisher withheld, not a count of none
        columns = list(dict.fromkeys(c for word in marks for c in found.pop(word)))
        notes.append(f"{' and '.join(repr(w) for w in marks)} in {', '.join(columns)} look like small counts "
                     "suppressed for privacy: read as missing values (csv: null), so the columns hold numbers; "
                     "a sum of them is then a floor (each such row is left out and said), and a count of rows "
                     "with a value leaves out the small groups")
        found = {**{w: columns for w in marks}, **found}
    for word, columns in found.items():
        if word in marks:
            continue
        notes.append(f"{word!r} in {', '.join(columns)} is read as a missing value (csv: null), so "
                     f"{'these columns hold' if len(columns) > 1 else 'the column holds'} numbers; it is read so in "
                     "every column of the table: if it means something in another one, remove it from csv: null")
    return list(found)


# The ways of writing dates init recognises (those ``run`` names when a time column holds them, see
# sources/diagnosis.py), month first before day first: the order written when no value tells them apart
_DATE_FORMATS = ("%m/%d/%Y", "%d/%m/%Y", "%m/%d/%y", "%d/%m/%y", "%m-%d-%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d",
                 "%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y")


_DATE_LIKE = re.compile(r"(?=.*\d)(?=.*[/.\- ])[\w ,./-]{6,20}")
"""What a date in one of those formats looks like at all (digits, a separator, 1/1/22 to September
30, 2022): a value that does not is no date, and is not handed to the database to try."""


def _century_note(fmt: str, columns: list[str]) -> str:
    """What a reporter must confirm of a format with a two-digit year: the century it is read in."""
    return (f"{' and '.join(columns)} {'write' if len(columns) > 1 else 'writes'} the year in two digits "
            f"('{fmt}'), read 00-68 as 2000-2068 and 69-99 as 1969-1999: if the file holds dates before "
            "1969 (a birth, a building's completion), they are read a century late; the file's source must "
            "write the year in full")


def _swapped(fmt: str) -> str:
    """The format with day and month the other way round (``%d/%m/%Y`` for ``%m/%d/%Y``)."""
    return fmt.replace("%d", "\0").replace("%m", "%d").replace("\0", "%m")


def _parsed(column: str, fmt: str) -> str:
    """SQL: the value read as a date written ``fmt`` (NULL when it is none)."""
    from .expressions import quote_literal
    return f"TRY_STRPTIME(trim(CAST({column} AS VARCHAR)), {quote_literal(fmt)})"


def _dated(column: str, fmt: str) -> str:
    """SQL: the value is a date written ``fmt``, in a year of four digits (``01/05/22`` read with
    ``%Y`` is the year 22, so it counts as ``%y``'s only)."""
    from .expressions import quote_literal
    from .sources.diagnosis import EARLIEST_YEAR
    return f"year(TRY_STRPTIME({column}, {quote_literal(fmt)})) >= {EARLIEST_YEAR}"


def _which_first(fmt: str) -> str:
    return "month" if fmt.index("%m") < fmt.index("%d") else "day"


def _as_words(value: str, fmt: str) -> str:
    """``01/05/2022`` read with ``fmt``, in words (``January 5, 2022``), so the reporter can tell
    which reading is meant; the value as written where Python reads it otherwise than DuckDB."""
    from datetime import datetime
    try:
        day = datetime.strptime(value.strip(), fmt)
    except ValueError:
        return repr(value)
    return f"{day:%B} {day.day}, {day.year}"


def _date_format(backend: Any, where: dict[str, str], notes: list[str]) -> tuple[str, list[str]] | None:
    """The one ``date_format`` for the columns (each read from its table or its file as text, in
    ``where``) whose every value is a date written in it (``01/05/2022``, ``5 Jan 2022``), and
    those columns; None when there is none. A CSV is read with one date format, so a column that needs another one
    stays text, and a note says so; so does a note when no value has a day above 12 (the
    month-first order is written, to be confirmed)."""
    from .expressions import quote_ident, quote_literal
    fits: dict[str, list[str]] = {}
    # a cheap look first: a column's first value (among the first rows) must be a date in a format
    first: dict[str, list[str]] = {}
    for source in dict.fromkeys(where.values()):
        cols = [c for c, s in where.items() if s == source]
        rows = backend.execute(f"SELECT {', '.join(quote_ident(c) for c in cols)} FROM {source} LIMIT 100").rows
        values = {c: v for i, c in enumerate(cols) if (v := next((str(r[i]) for r in rows if r[i] is not None), None))}
        if later := [c for c in cols if c not in values]:  # none among the first rows: the first of all
            got = backend.execute(f"SELECT {', '.join(f'any_value({quote_ident(c)})' for c in later)} FROM {source}")
            values |= {c: str(v) for c, v in zip(later, got.rows[0], strict=True) if v is not None}
        first |= {c: [] for c in cols if c not in values}  # empty: no date
        first |= {c: [] for c, v in values.items() if not _DATE_LIKE.fullmatch(v.strip())}
        if known := [c for c in values if c not in first]:
            row = backend.execute("SELECT " + ", ".join(_dated(quote_literal(values[c]), f) for c in known
                                                        for f in _DATE_FORMATS)).rows[0]
            n = len(_DATE_FORMATS)
            first |= {c: [f for j, f in enumerate(_DATE_FORMATS) if row[i * n + j]] for i, c in enumerate(known)}
    for c, source in where.items():
        col = quote_ident(c)
        if not (maybe := first[c]):
            continue
        row = backend.execute("SELECT count(*), " + ", ".join(f"count(*) FILTER (WHERE {_dated('v', f)})" for f in maybe)
                              + f" FROM (SELECT DISTINCT {col} AS v FROM {source} WHERE {col} IS NOT NULL)").rows[0]
        if all_fit := [f for f, k in zip(maybe, row[1:], strict=True) if k == row[0]]:
            fits[c] = all_fit
    if not fits:
        return None
    order = list(fits)
    chosen = max(dict.fromkeys(f for fs in fits.values() for f in fs),
                 key=lambda f: (sum(f in fs for fs in fits.values()),
                                -next(i for i, c in enumerate(order) if f in fits[c]), -_DATE_FORMATS.index(f)))
    read = [c for c in order if chosen in fits[c]]
    other = _swapped(chosen)
    if other != chosen and all(other in fits[c] for c in read):
        col = quote_ident(read[0])  # an example whose two readings differ: '12/12/2022' would tell nothing
        example = str(backend.execute(f"SELECT {col} FROM {where[read[0]]} WHERE {col} IS NOT NULL "
                                      f"ORDER BY {_parsed(col, chosen)} = {_parsed(col, other)}, {col} LIMIT 1").rows[0][0])
        notes.append(f"the dates of {', '.join(read)} fit both {chosen!r} and {other!r}: no value has a day above 12, "
                     f"so the data cannot tell day from month. init wrote date_format: {chosen!r}, "
                     f"{_which_first(chosen)} first ({example!r} is {_as_words(example, chosen)}); if it is "
                     f"{_as_words(example, other)}, write {other!r} instead, or every date is read with its day and "
                     "month swapped")
    for c in order:
        if chosen not in fits[c]:
            notes.append(f"{c} holds dates written {fits[c][0]!r}, but the table's dates are read as {chosen!r} "
                         f"(for {read[0]}) and a CSV is read in one date format: {c} is read as text and is no "
                         f"time column. Rewrite its dates as {read[0]}'s are written (or as YYYY-MM-DD) and run "
                         "init again")
    return chosen, read


def _first_century(backend: Any, q: str, cols: list[tuple[str, str]]) -> list[str]:
    """Date and time columns with a year before 1000: dates written day first with a year of two
    digits (``13/05/21``) that DuckDB's guess took for years (the 13th year, 21 May); their text
    is looked at again."""
    from .expressions import quote_ident
    times = [c for c, ty in cols if ty.startswith(("DATE", "TIMESTAMP"))]
    if not times:
        return []
    years = backend.execute("SELECT " + ", ".join(f"min(year({quote_ident(c)}))" for c in times) + f" FROM {q}").rows[0]
    from .sources.diagnosis import EARLIEST_YEAR
    return [c for c, y in zip(times, years, strict=True) if y is not None and y < EARLIEST_YEAR]


def _zero_padded(backend: Any, raw: str, cols: list[tuple[str, str]], notes: list[str]) -> list[str]:
    """The columns read as whole numbers some of whose values are codes with leading zeros (ZIP
    ``02134``, FIPS ``06037``, school ``0012``) in the file, each with a note: read as numbers they
    lose the zeros. DuckDB keeps such a column text when it sees one in the rows it samples; this
    finds one further down the file. ``0`` alone and ``0.5`` are numbers, not codes."""
    from .expressions import INTEGER_TYPES, quote_ident
    ints = [c for c, ty in cols if ty.split("(")[0] in INTEGER_TYPES]
    if not ints:
        return []
    padded = {c: f"regexp_full_match(trim({quote_ident(c)}), '0[0-9]+')" for c in ints}
    row = backend.execute("SELECT " + ", ".join(f"count(*) FILTER (WHERE {p}), min(trim({quote_ident(c)})) FILTER "
                                                f"(WHERE {p})" for c, p in padded.items()) + f" FROM {raw}").rows[0]
    codes = []
    for i, c in enumerate(ints):
        n, example = row[2 * i], row[2 * i + 1]
        if not n or not _one_width(backend, raw, c, len(str(example))):
            continue
        codes.append(c)
        notes.append(f"{c} is declared text: {n:,} of its values have leading zeros ({example!r}), which reading "
                     f"it as numbers drops ({example} would be {int(example)}), so groups and lookups would show "
                     "and join the wrong codes")
    return codes


CODE_WIDTH_SHARE = 0.9
"""The share of a column's values that must be as wide as its zero-padded ones for it to be codes."""


def _one_width(backend: Any, raw: str, column: str, width: int) -> bool:
    """Are (nearly) all the column's values ``width`` characters wide, as codes are (ZIP 02134 among
    five-digit codes)? An amount of 00150 among amounts of 3 to 5 digits is padding, not a code: made
    text, the column lost its sums and its filters ('amount > 500' stopped the run)."""
    from .expressions import quote_ident
    col = f"trim({quote_ident(column)})"
    present, wide = backend.execute(f"SELECT count({col}), count(*) FILTER (WHERE length({col}) = {int(width)}) "
                                    f"FROM {raw}").rows[0]
    return bool(present) and wide >= CODE_WIDTH_SHARE * present


def _reporter(backend: Any, q: str, groups: list[str], time: str, total: int) -> str | None:
    """The column of categories that, with the time column, names each row once: a table of one
    row per line per year (or per station per day) is reported by line, and a period a line has
    no row for is a missing report (``reported_by:``), not a zero. None for a table of events."""
    from .expressions import quote_ident
    if not groups or total < 4:
        return None
    t = quote_ident(time)
    parts = ", ".join(f"count(DISTINCT ({quote_ident(g)}, {t})), count(DISTINCT {quote_ident(g)})" for g in groups)
    row = backend.execute(f"SELECT count(DISTINCT {t}), {parts} FROM {q} WHERE {t} IS NOT NULL").rows[0]
    periods = row[0]
    for i, g in enumerate(groups):
        pairs, names = row[1 + 2 * i], row[2 + 2 * i]
        # each row one group's one period, and (nearly) every group at every period: a grid, not events
        if pairs == total and total >= GRID_FILLED * names * periods:
            return g
    return None


_PEOPLE = re.compile(r"(?i)(?:^|_)(?:officers?|employees?|emp|persons?|people|workers?|staff|payees?|patients?|"
                     r"students?|pupils?|members?|donors?|individuals?|respondents?|defendants?|victims?|drivers?|"
                     r"customers?|clients?|users?|voters?|residents?|tenants?|applicants?|badge|names?)(?:$|_)")
"""Columns that name people: a person absent from a period (on leave, unpaid, moved away) has no
report to miss, so no table is ``reported_by`` them (a walk's payroll made every year-on-year claim
unverifiable)."""

_COUNTED = re.compile(r"(?i)(?:^|_)(?:counts?|n|num|number|no|total|cases|deaths|births|inmates|prisoners|"
                      r"population|pop|enrol?ment|enrolled|admissions|arrests|visits|visitors|riders|passengers|"
                      r"crashes|injuries|fatalities|incidents|calls|complaints|evictions|filings|overdoses|"
                      r"beds|households|homes|units|jobs|vehicles|trips|stops|people|persons|"
                      r"students|pupils|patients|residents|members|voters|employees|workers|staff|victims|"
                      r"children|adults|men|women|tenants|applicants|customers|clients|users|drivers)(?:$|_)")
"""Names of columns that hold a number of people or things in each row of a table of groups by periods."""
_NOT_COUNTED = re.compile(r"(?i)amount|cost|pay|salary|wage|spend|budget|revenue|price|dollar|usd|eur|fee|fine|"
                          r"income|rate|pct|percent|per_|_per|share|ratio|avg|mean|median|score|index|age|id$|code")
"""Names that say a column holds money, a rate, a score or an identifier: no count."""
_COUNT_AFFIX = re.compile(r"(?i)^(?:n|num|number|no|count|total)(?:_of)?_|_(?:count|total|n)$")


def _declare_reporter(backend: Any, q: str, decl: dict[str, Any], contracts: dict[str, Any],
                      cols: list[tuple[str, str]], groups: list[str], found: list[str], total: int,
                      notes: list[str]) -> None:
    """Declare who reports a table of one row per group and period (``reported_by:``), and in such a
    table the columns that count people or things (``counts:``), each with its note."""
    reporter = _reporter(backend, q, groups, found[0], total)
    if reporter is None:
        return
    decl["reported_by"] = reporter
    notes.append(f"reported_by: {reporter}: each {reporter} has a row for (nearly) every period, so init took "
                 f"a period one has no row for as a missing report, which makes the claims over that period "
                 f"unverifiable, not a zero; if a {reporter} with no row had none to report (a payroll, "
                 "donors, people), remove reported_by")
    for c, noun in _counted(backend, q, [c for c, ty in cols if contracts.get(c) == {"type": "integer"}
                                         and c not in found and c != reporter]).items():
        contracts[c]["counts"] = noun
        notes.append(f"{c}: {{counts: {noun}}}: each row is one {reporter}'s period, so init took {c} for a "
                     f"number of {noun}: a sum of it rests on the {noun} it adds up, not on its rows, and a "
                     f"share of them is written share: …, sum: {c} (without sum: a share is of rows, and "
                     f"warned); if {c} counts nothing (a score, an index), remove counts:")


def _counted(backend: Any, q: str, integers: list[str]) -> dict[str, str]:
    """The whole-number columns of a table of groups by periods whose names say they count people or
    things (``inmates``, ``n_students``) and whose values are all at least 0, with what each counts
    (``counts:``); one query, only when a name says so."""
    from .expressions import quote_ident
    named = [c for c in integers if _COUNTED.search(c) and not _NOT_COUNTED.search(c)]
    if not named:
        return {}
    least = backend.execute(f"SELECT {', '.join(f'min({quote_ident(c)})' for c in named)} FROM {q}").rows[0]
    return {c: (_COUNT_AFFIX.sub("", c).replace("_", " ").strip() or c)
            for c, low in zip(named, least, strict=True) if low is not None and low >= 0}


GRID_FILLED = 0.8
"""The share of its group × period grid a table must fill for ``init`` to call it reported by the
groups (a line that opened late leaves some of it empty; payments on scattered days leave most)."""


_YEAR_NAME = re.compile(r"(?i)(?:^|_)(?:year|yr|fy|fiscal_year|fiscal)(?:$|_)")


def _year_columns(backend: Any, q: str, cols: list[tuple[str, str]]) -> list[str]:
    """Whole-number columns that hold years (named as one: ``year``, ``fiscal_year``, ``fy``; every
    value from 1800 to 2200): time columns, so a year after the data ("no money went to Police in
    FY2025") is not covered, instead of a count of zero."""
    from .expressions import INTEGER_TYPES, quote_ident
    named = [c for c, ty in cols if _YEAR_NAME.search(c) and ty.split("(")[0] in INTEGER_TYPES]
    if not named:
        return []
    row = backend.execute(f"SELECT {', '.join(f'min({quote_ident(c)}), max({quote_ident(c)})' for c in named)} "
                          f"FROM {q}").rows[0]
    return [c for i, c in enumerate(named) if row[2 * i] is not None and 1800 <= row[2 * i] <= row[2 * i + 1] <= 2200]


LABELS_AT_MOST = 200  # distinct values of a column of school or fiscal years: far more years than any table has


def _label_columns(backend: Any, q: str, cols: list[tuple[str, str]], distinct: dict[str, int]) -> list[str]:
    """Text columns whose values all write years as labels one way (school years ``2019-20``, fiscal
    years ``FY2021``): periods, read by their first year, so time columns (a school year after the
    data is not covered) and never declared ``type: text`` with an ``allowed`` list, which would make
    them categories with no order (and break on next year's label)."""
    from .expressions import quote_ident
    from .measures._values import key, year_labels
    out = []
    for c, ty in cols:
        if ty != "VARCHAR" or not 0 < distinct[c] <= LABELS_AT_MOST:
            continue
        values = backend.execute(f"SELECT DISTINCT {quote_ident(c)} FROM {q} WHERE {quote_ident(c)} IS NOT NULL").rows
        if year_labels(key(v[0]) for v in values) is not None:
            out.append(c)
    return out


def _lookups(tables: dict[str, dict[str, Any]], columns: dict[str, list[tuple[str, str]]]) -> None:
    """A column named as exactly one other table's key links to it. A table's own key is no reference
    to another table, and a key name several tables share (``id``) says nothing of which one."""
    keyed: dict[str, list[str]] = {}
    for t, decl in tables.items():
        if isinstance(decl.get("key"), str):  # a key of several columns is no lookup's target
            keyed.setdefault(decl["key"], []).append(t)
    keys = {name: ts[0] for name, ts in keyed.items() if len(ts) == 1}
    for t, decl in tables.items():
        for c, _ in columns[t]:
            target = keys.get(c)
            if target and target != t and c != decl.get("key"):
                link = _link_name(c, target, {name for name, _ in columns[t]} | set(decl.get("lookup", {})))
                decl.setdefault("lookup", {})[link] = f"{target} via {c}"


_ID_SUFFIX = re.compile(r"(?i)^(?P<stem>[a-z][a-z0-9_]*?)_(?:id|code|key|no|num)$")


def _link_name(column: str, target: str, taken: set[str]) -> str:
    """The name a lookup is written under: the key column's own stem (``agency_id`` → ``agency``,
    ``vendor_id`` → ``vendor``), as a reporter says it; else the target table's name in the
    singular (``agencies`` → ``agency``, ``routes`` → ``route``), or ``<table>_row``. Never a name the
    table already has for a column or another lookup.

    >>> _link_name("agency_id", "agencies", {"agency_id", "amount"})
    'agency'
    >>> _link_name("dept", "departments", {"dept"})
    'department'
    >>> _link_name("route_id", "routes", {"route_id", "route"})
    'routes_row'
    """
    m = _ID_SUFFIX.match(column)
    stem = m.group("stem").rstrip("_") if m else ""
    if stem and stem not in taken and stem.isidentifier():
        return stem
    if target.endswith("ies") and len(target) > 4:
        single = target[:-3] + "y"
    elif target.endswith("s") and not target.endswith("ss") and len(target) > 3:
        single = target[:-1]
    else:
        single = ""
    return single if single and single not in taken else f"{target}_row"


def _lookups_by_value(backend: Any, tables: dict[str, dict[str, Any]], columns: dict[str, list[tuple[str, str]]],
                      unique: dict[str, list[str]]) -> None:
    """A text column that ends with the name of another table's column of unique values, and holds
    only values of it, links to that table: trips' ``start_station`` to the ``station`` of stations
    (``station: stations via start_station = station``, and ``key: station`` there when it has none).
    A column of the very name of the other's is left to :func:`_lookups` (a key of that name) and to
    the search, which joins two tables on a column they share."""
    from .expressions import quote_ident
    for target, keys in unique.items():
        for t, decl in tables.items():
            if t == target:
                continue
            for c, _ in columns[t]:
                key = next((k for k in keys if c != k and c.lower().endswith("_" + k.lower())
                            and c != decl.get("key")), None)
                if key is None or any(f"via {c}" in v for v in decl.get("lookup", {}).values()):
                    continue
                outside = backend.execute(
                    f"SELECT count(*) FROM (SELECT DISTINCT {quote_ident(c)} AS v FROM {quote_ident(t)}) "
                    f"WHERE v IS NOT NULL AND v NOT IN (SELECT {quote_ident(key)} FROM {quote_ident(target)})").rows[0][0]
                if outside:
                    continue
                links = decl.setdefault("lookup", {})
                link = key if key not in links and key not in dict(columns[t]) else f"{c}_row"  # end_station_row
                links[link] = f"{target} via {c} = {key}"
                tables[target].setdefault("key", key)


_EVERY_PERIOD = re.compile(r"(?i)(?:in\s+)?(?:every|each)\s+(?:year|month|week|day|quarter)\b")
"""A figure "every year since 2017", which the claim of the figure beside it checks with `every`."""


def _claims(article_text: str) -> list[dict[str, Any]]:
    from .draft.figures import find_figures
    return draft_claims(find_figures(article_text), set())


def draft_claims(sentences: Sequence[Sentence], taken: set[str],
                 keep: Callable[[Figure], bool] | None = None) -> list[dict[str, Any]]:
    """A claim for each figure of ``sentences`` (those ``keep`` keeps): an id not in ``taken`` (which
    it joins), the sentence as ``says``, the figure as ``expect`` says it, and where it stands."""
    out = []
    for sentence in sentences:
        stated = [f for f in sentence.figures if f.kind != "extreme"]
        for f in sentence.figures:
            if f.kind == "extreme" and stated and _EVERY_PERIOD.match(f.text):
                # "at least 45 no-bid contracts in every year since 2017": one claim, an `every` of the
                # 45, checks both figures (coverage says so); a claim of its own would check nothing
                continue
            if keep is not None and not keep(f):
                continue
            out.append({"id": _slug(sentence.text, taken), "says": sentence.text,
                        "expect": _expect(sentence.text, f.start, f.text, f.kind, f.value),
                        "figure": f.text, "line": f.line, "quoted": f.quoted, "heading": f.block == "heading"})
    return out


def _render(title: str, article: str, tables: dict[str, dict[str, Any]], claims: list[dict[str, Any]],
            comments: dict[str, list[str]], notes: dict[str, list[str]] | None = None) -> str:
    out = ["# Starter claims file written by `factcheck init`: check every table and claim before relying on it.",
           "# Each claim has no measure yet (judged unverifiable: not_encoded). Paste a suggested measure, or",
           "# write your own; `factcheck suggest FILE` proposes more; `factcheck run FILE` checks them.",
           "version: 1", f"title: {_scalar(title)}", f"article: {_scalar(article)}", "", "tables:"]
    for name, decl in tables.items():
        out.append(f"  {name}:")
        out += [f"    # note: {_one_line(n)}" for n in (notes or {}).get(name, [])]
        nested = any(isinstance(v, (dict, list)) for v in decl.values())  # else PyYAML writes {path: t.csv}
        body = yamltext.dump(decl, sort_keys=False, allow_unicode=True, width=10_000,
                             default_flow_style=None if nested else False)
        out += ["    " + line for line in body.splitlines()]
    out += ["", "claims:"]
    if not claims:
        out[-1] = "claims: []"
    out += claim_blocks(claims, comments)
    return "\n".join(out).rstrip("\n") + "\n"


def claim_blocks(claims: list[dict[str, Any]], comments: dict[str, list[str]]) -> list[str]:
    """The lines of drafted claims as list items under ``claims:``, each with the line and figure it
    was drafted for above it and its suggestions (``comments``, by id) as comments below."""
    out = []
    for c in claims:
        out.append(f"  # line {c['line']}: figure {_scalar(c['figure'])}"
                   + (" (quoted)" if c["quoted"] else "") + (" (a heading)" if c["heading"] else ""))
        out.append(f"  - id: {_scalar(c['id'])}")
        out.append(f"    says: {_scalar(c['says'])}")
        out.append(f"    expect: {_scalar(c['expect'])}")
        out += comments.get(c["id"], ["    # no suggestion: no measure of the search space meets this figure"])
        out.append("")
    return out


def _one_line(text: str) -> str:
    """Text for a comment line, kept on its line: runs of spaces and line breaks become one space,
    and any other control or Unicode line break (which YAML refuses in a comment, or reads as its
    end) is shown as an escape (``\\x1b``, ``\\u2029``)."""
    from .render.safetext import escape_hidden

    return escape_hidden(re.sub(r"[ \t\r\n]+", " ", text).strip())


def init(article: Path, data: list[Path], output: Path | None = None) -> Written:
    """Write the starter claims file; return where and what. Raises a located error on bad input."""
    target = output or article.with_name(article.stem + ".claims.yaml")
    _check_inputs(article, data, target)
    try:
        article_text = article.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError([Problem(f"cannot read the article: {exc}", file=str(article),
                                  hint="save it as UTF-8 Markdown")]) from None
    tables, notes, session = _learn(target, data)
    claims = _claims(article_text)
    title = next((ln.lstrip("# ").strip() for ln in article_text.splitlines() if ln.startswith("#")), article.stem)
    rel_article = os.path.relpath(article.resolve(), target.parent.resolve()).replace(os.sep, "/")
    draft = _render(title, rel_article, tables, claims, {}, notes)
    comments, suggested = _suggestions(target, draft)
    session.refuse_changed_files()  # the contracts and the suggestions come from one version of each file
    text = _render(title, rel_article, tables, claims, comments, notes)
    try:
        with open(target, "x", encoding="utf-8") as fh:   # "x": never overwrite, even if it appeared meanwhile
            fh.write(text)
    except FileExistsError:
        raise UsageError([Problem("the claims file already exists; init never overwrites a file", file=str(target),
                                  hint="move it away, or write elsewhere with --output")]) from None
    return Written(target, len(tables), len(claims), suggested)


def _suggestions(target: Path, text: str) -> tuple[dict[str, list[str]], int]:
    """The best suggestions for each claim of the draft file, as comment lines (or why none was
    looked for), and how many claims got a suggestion or a reading."""
    from .claims import ClaimsFile, LoadedClaims
    from .claims.yamlsource import load_yaml
    from .suggest import suggest

    raw, lines = load_yaml(target, text)
    loaded = LoadedClaims(ClaimsFile.model_validate(raw), target, lines, text)
    found = suggest(loaded, top=SUGGESTIONS)
    return suggestion_comments(found), sum(1 for c in found.claims if c.candidates or c.reading is not None)


def suggestion_comments(found: Suggestions) -> dict[str, list[str]]:
    """Each claim's suggestions as comment lines under it (or why none was looked for), by id."""
    from .suggest import NOTHING_MEETS, reading_said
    from .suggest.text import measure_yaml

    out: dict[str, list[str]] = {}
    counts = Counter[str]()
    for c in found.claims:
        if not c.candidates and c.reading is None:
            if c.note and c.note != NOTHING_MEETS:  # why none was looked for
                out[c.id] = [f"    # no suggestion: {_one_line(c.note)}"]
            continue
        block = []
        if c.reading is not None:
            latest = f" ({c.reading.latest})" if c.reading.latest else ""
            block.append(f"    # read as written{latest}: {_one_line(reading_said(c.reading))}")
            block += ["    # " + line for line in measure_yaml(c.reading.measure, 2).splitlines()]
            if not c.candidates and c.note:
                block.append(f"    # {_one_line(c.note)}")  # no reading of the sentence's own words passes
        for s in c.candidates:
            counts[c.id] += 1
            why = f" ({s.instead})" if s.instead and s.departs else ""
            other = f" - reads the sentence otherwise{why}: check it" if c.reading is not None or s.departs else ""
            latest = f" ({s.latest})" if s.latest else ""
            block.append(f"    # suggestion {counts[c.id]}: {_one_line(str(s.value_text))} ({s.verdict}){latest}{other}")
            block += ["    # " + line for line in measure_yaml(s.measure, 2).splitlines()]
        out[c.id] = block
    return out
