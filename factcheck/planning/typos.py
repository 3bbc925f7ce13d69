"""A text value that never occurs is a typo, not a zero.

``where: platform == 'Facebok'`` keeps no row, and a claim of "0" would pass. After the
tables are read, every text literal a claim compares with ``==``, ``!=``, ``in`` or
``not in`` against a text column is looked up in that column: one bounded query per
(table, column). A literal the column never holds is a problem in the claims file, with
the closest values the column does hold as the hint. An ``allowed`` spelling of a column
contract that never occurs but differs from a value that does only by case or spacing is
one too (other absent allowed values are fine: a category may be empty this year).

A literal the column does hold may have twins that differ from it only by case or spacing
(``'Facebook '``, ``'facebook'``): ``== 'Facebook'`` leaves them out, and the figure may be
short without anything saying so. On tables of up to :data:`TWINS_UP_TO` rows their claims
carry the warning note ``spelling_variants``; the same look-up says which literals occur.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import Problem
from ..expressions import Compare, Expr, InList, Literal, Name, quote_ident, quote_literal
from ..expressions import walk as walk_expr
from ..formatting import listed
from ..outcome import NoteCode
from ..report import Note
from ..suggestions import suggest
from .nodes import walk

if TYPE_CHECKING:
    from ..backends import Backend
    from ..claims import LoadedClaims
    from .catalog import Catalog
    from .nodes import ClaimPlan, PlanNode, Scan

SHOWN = 2000  # distinct values read to find the closest ones, only when a literal is missing
TWINS_UP_TO = 1_000_000  # rows: a column's distinct values take ~0.2 s to read at 10M rows (benchmarks/README.md)
TWINS_SHOWN = 3
Use = tuple[int, str]  # (plan index, claim id)


def written(value: str) -> str:
    """A value as a claim writes it: ``'St. Mary''s'``, quotes doubled, as the expression language
    reads it; one holding a character no one can see or type (a non-breaking space, a control
    character) as Python shows it, ``'\\xa0FACEBOOK'``, so that it is seen."""
    from ..measures._groups import expr_literal
    return expr_literal(value) if value.isprintable() else repr(value)


def normal(text: str) -> str:
    """A value as a reader would not tell it apart: case, spacing and the apostrophe's shape ignored
    ("O’Brien" and "O'Brien", as word processors and data exports write it), and a span of years
    however it is written ('2021-2022' is '2021-22')."""
    plain = _plain(text)
    span = _SPAN_OF_YEARS.fullmatch(plain)
    if span and (int(span[1]) + 1) % 100 == int(span[2][-2:]):  # '2021-2022' is '2021-22', a school year
        return f"{span[1]}-{span[2][-2:]}"
    return _PLACE_WORD.sub(lambda m: _PLACE_WORDS.get(m[1], m[1]) + " ", plain)


_PLACE_WORDS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}
_LONG_FORMS = frozenset(_PLACE_WORDS.values())
_PLACE_WORD = re.compile(r"(?<![^\s])(st|ste|ft|mt|saint|sainte|fort|mount)(?:\.\s*|\s+|-)(?=[^\W\d_])")
"""The abbreviations that start a place's or a saint's name ('St. Louis', 'ST.LOUIS', 'Ste-Genevieve',
'Ft. Worth', 'Mt. Vernon'), read as their words, and those words joined to the name by a hyphen
('Saint-Louis') read with a space: one county is written 'St. Clair' in one export and 'Saint Clair'
in the next. Only before a name: 'Main St' (a street) and '5 ft' keep theirs."""


def _abbreviated(word: str) -> bool:
    """A word that :data:`_PLACE_WORD` reads as another ('St.') or that it reads another as ('Saint')."""
    return word.casefold().rstrip(".") in _PLACE_WORDS or word.casefold() in _LONG_FORMS


_SPAN_OF_YEARS = re.compile(r"((?:19|20)\d\d) ?[-\u2013\u2014/] ?(\d\d|(?:19|20)\d\d)")
"""A school or fiscal year written as a span: '2021-22', '2021-2022', '2021/22', '2021–22'."""


YES, NO = ("y", "yes", "true", "t", "1"), ("n", "no", "false", "f", "0")
_ANSWERS = {**dict.fromkeys(YES, "\x00yes"), **dict.fromkeys(NO, "\x00no")}
"""Codes of one yes/no answer, each to one normal form no written value has."""


def answer(text: str) -> str | None:
    """The yes or no a value codes ('Y', 'yes', 'true', '1'), or None."""
    return _ANSWERS.get(" ".join(text.split()).casefold())


def twin_key(values: list[str]) -> Callable[[str], str]:
    """How the values of one column are told apart: by :func:`normal`, and in a column whose every
    value is a code of yes or no (yes, Y, 1, no, N …: one answer entered by several forms), by the
    answer. Not in another column: 'F' and 'N' are grades there, 'M' and 'F' sexes."""
    if values and all(answer(v) is not None for v in values):
        return lambda v: answer(v) or normal(v)
    return normal


_PIECES = re.compile("[\\s'\u2019\u2018\u02bc`\u00b4]+")
"""What splits a value into the pieces a twin must hold: spaces, and apostrophes of any shape."""
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u0060": "'", "\u00b4": "'"})


def compared(tree: Expr) -> list[tuple[Name, str]]:
    """Every (column, text literal) pair compared with ==, != or (not) in."""
    out: list[tuple[Name, str]] = []
    for node in walk_expr(tree):
        if isinstance(node, Compare) and node.op in ("==", "!="):
            for a, b in ((node.left, node.right), (node.right, node.left)):
                if isinstance(a, Name) and isinstance(b, Literal) and isinstance(b.value, str):
                    out.append((a, b.value))
        elif isinstance(node, InList) and isinstance(node.operand, Name):
            out += [(node.operand, v.value) for v in node.values if isinstance(v.value, str)]
    return out


def _trees(node: PlanNode) -> list[tuple[Scan, Expr]]:
    trees: list[tuple[Scan, Expr]] = []
    at = getattr(node, "at", None)
    if node.kind == "extreme" and isinstance(at, str):  # `at: Mississippi` over states: compared as `where` is
        leaves = [(leaf, scan) for leaf in walk(node.children()[0]) for scan in leaf.scans()
                  if isinstance(getattr(leaf, "group", None), Name)]
        if len({scan.table for _, scan in leaves}) == 1:  # a rate over two tables may lack it in one: no typo
            trees += [(scan, Compare("==", leaf.group, Literal(at))) for leaf, scan in leaves]  # type: ignore[attr-defined]
    for scan in node.scans():
        if scan.where_expr is not None:
            trees.append((scan, scan.where_expr))
        for attr in ("expr", "cond"):
            tree = getattr(node, attr, None)
            if tree is not None and not isinstance(tree, str):
                trees.append((scan, tree))
    return trees


def collect(catalog: Catalog, plans: list[ClaimPlan]) -> dict[tuple[str, str], dict[str, list[Use]]]:
    """(table, column) -> text literal -> the claims that compare them."""
    found: dict[tuple[str, str], dict[str, list[Use]]] = defaultdict(lambda: defaultdict(list))
    for plan in plans:
        if plan.claim.unverifiable is not None or plan.missing_tables:
            continue
        for node in walk(plan.node):
            for scan, tree in _trees(node):
                for name, text in compared(tree):
                    table = scan.table
                    if name.link is not None:
                        link = catalog.links.get(scan.table, {}).get(name.link)
                        if link is None:
                            continue
                        table = link.target
                    found[(table, name.column)][text].append((plan.index, plan.claim.id))
    return found


def _is_text(backend: Backend, table: str, column: str, catalog: Catalog | None = None) -> bool:
    """Does the column hold text? Its type from the header when known, else asked of the data."""
    if catalog is not None and column not in catalog.derives.get(table, {}):
        src = catalog.sources.get(table)
        known = src.columns.get(column) if src is not None else None
        if known is not None and known != "?":
            return known.upper() == "VARCHAR"
    try:
        rows = backend.execute(f"SELECT typeof({quote_ident(column)}) FROM {quote_ident(table)} LIMIT 1").rows
    except Exception:  # noqa: BLE001 - a column this run did not read
        return False
    return bool(rows) and str(rows[0][0]).upper() == "VARCHAR"


def closest(value: str, values: list[str]) -> list[str]:
    """The values a misspelt one most likely meant: same but for case and spacing first."""
    same = [v for v in values if normal(v) == normal(value)]
    return same or suggest(value, values, n=3)


def present_sql(col: str, tbl: str, literals: list[str]) -> str:
    """The query answering which of the literals the column holds: one ``LIMIT 1`` look-up each,
    which stops at the first row holding it (a value that occurs, the usual case, costs next to
    nothing; one ``DISTINCT … IN`` read every row, 10M rows: ~0.25 s of CPU).

    >>> print(present_sql('"c"', '"t"', ["a", "b"]))
    SELECT v FROM ((SELECT "c" AS v FROM "t" WHERE "c" = 'a' LIMIT 1) UNION ALL (SELECT "c" AS v FROM "t" WHERE "c" = 'b' LIMIT 1)) AS present
    """
    each = " UNION ALL ".join(f"(SELECT {col} AS v FROM {tbl} WHERE {col} = {quote_literal(v)} LIMIT 1)" for v in literals)
    return f"SELECT v FROM ({each}) AS present"


def check_literals(catalog: Catalog, plans: list[ClaimPlan], backend: Backend, loaded: LoadedClaims,
                   rows: dict[str, int], said: set[tuple[int, str]] | None = None,
                   ) -> tuple[list[Problem], dict[int, list[Note]]]:
    """Problems for text literals that no row of their column holds; and the ``spelling_variants``
    warnings of the claims, by plan index. ``rows``: the tables read, with their rows. ``said``:
    (plan index, literal) pairs already said to be years written otherwise than the data writes them
    (:mod:`.labels`), not said again.

    One look-up per (table, column) serves both: on a table of up to :data:`TWINS_UP_TO` rows,
    the column's values that may be a literal spelt another way (:func:`twins_sql`, which holds
    the literals themselves); on a larger one, only which literals occur (:func:`present_sql`),
    as reading every value would cost ~0.2 s per 10M rows.
    """
    problems: list[Problem] = []
    notes: dict[int, list[Note]] = defaultdict(list)
    for (table, column), literals in collect(catalog, plans).items():
        if not rows.get(table) or not _is_text(backend, table, column, catalog):
            continue  # a table of no rows holds no value: its claims are unverifiable (no_rows), not typos
        col, tbl = quote_ident(column), quote_ident(table)
        if rows[table] <= TWINS_UP_TO:
            held = {str(v): int(n) for v, n in backend.execute(twins_sql(col, tbl, list(literals))).rows}
            _twin_notes(notes, table, column, literals, held, _column_key(backend, col, tbl, list(literals)),
                        listed_apart(catalog, table, column))
        else:
            held = {str(r[0]): 0 for r in backend.execute(present_sql(col, tbl, list(literals))).rows}
        missing = [v for v in literals if v not in held]
        if not missing:
            continue
        values = [str(r[0]) for r in backend.execute(
            f"SELECT {col} FROM {tbl} WHERE {col} IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT {SHOWN}").rows]
        periods = _a_period_of(values, catalog.is_time(table, column), _axis_claims(plans, table, column))
        literals = {v: uses for v, uses in literals.items() if v not in missing or not periods(v, uses)}
        missing = [v for v in missing if v in literals]
        listed_values = (f"the column holds: {', '.join(sorted(values))}" if len(values) <= 10
                         else f"its most common values: {', '.join(values[:5])}")
        for value in missing:
            near = closest(value, values)
            hint = ("did you mean " + " or ".join(written(v) for v in near) + "? " if near else "") + listed_values
            if not value.strip():  # '' or ' ': an empty cell is read as a missing value, never as text
                hint = f"an empty cell is read as a missing value: write {column} is null; " + listed_values
            for index, claim in dict.fromkeys(u for u in literals[value] if (u[0], value) not in (said or ())):
                problems.append(Problem(
                    f"column '{column}' of table '{table}' never holds {written(value)}: a value that never "
                    "occurs is a typo, not a zero", file=str(loaded.path), line=loaded.claim_line(index),
                    claim=claim, hint=hint))
    return problems + check_allowed(backend, loaded, set(rows)) + check_closed(backend, loaded, rows), notes


def _a_period_of(values: list[str], timely: bool, axis_of: set[int]) -> Callable[[str, list[Use]], bool]:
    """Is a literal a year written as the labels of the column write theirs (``'2024-25'`` beside
    ``2019-20`` … ``2022-23``), compared by claims that read the column as periods (it is a time
    column, or ``axis_of`` those claims: a per-period kind's ``over``)? Then it is a period, not a typo:
    one the data lacks is ``period_not_covered`` (after the data, or a gap), as a whole-number year is."""
    from ..measures._values import year_label, year_labels
    form = year_labels(values) if len(values) < SHOWN else None

    def period(value: str, uses: list[Use]) -> bool:
        read = year_label(value)
        return (form is not None and read is not None and read[0] == form
                and (timely or all(index in axis_of for index, _ in uses)))
    return period


def _axis_claims(plans: list[ClaimPlan], table: str, column: str) -> set[int]:
    """The claims (plan indexes) whose ``over`` (or ``order``) axis is ``column`` of ``table``."""
    return {plan.index for plan in plans for axis in plan.axes
            if axis.table == table and isinstance(axis.expr, Name) and axis.expr.link is None
            and axis.expr.column == column}


def check_allowed(backend: Backend, loaded: LoadedClaims, read: set[str]) -> list[Problem]:
    """``allowed`` spellings that never occur but differ from a value that does by case or spacing."""
    problems: list[Problem] = []
    for name, decl in loaded.model.tables.items():
        if name not in read:
            continue
        for column, spec in decl.columns.items():
            texts = [v for v in spec.allowed or [] if isinstance(v, str)]
            if not texts or not _is_text(backend, name, column):
                continue
            col = quote_ident(column)
            values = [str(r[0]) for r in backend.execute(
                f"SELECT DISTINCT {col} FROM {quote_ident(name)} WHERE {col} IS NOT NULL LIMIT {SHOWN}").rows]
            for text in texts:
                # a twin by abbreviation the list names too is the reporter saying they differ: 'Saint
                # John' (New Brunswick) and 'St. John' (the Virgin Islands), one without rows this year;
                # 'japan' beside 'Japan' is still a typo
                twins = [v for v in values if v != text and normal(v) == normal(text)
                         and (v not in texts or _spelt_alike(v, text))]
                if text not in values and twins:
                    problems.append(Problem(
                        f"column '{column}' of table '{name}': the allowed value {text!r} never occurs, "
                        f"but {twins[0]!r} does", file=str(loaded.path),  # the value's own line
                        line=loaded.table_line(name, "columns", column, "allowed", _first_at(spec.allowed, text)),
                        hint=f"write it as the data does: {twins[0]!r}"))
    return problems


def check_closed(backend: Backend, loaded: LoadedClaims, rows: dict[str, int]) -> list[Problem]:
    """``closed:`` groups that no row of the ``reported_by`` column names (``closed: [Westfeld]``
    would silence nothing and say nothing): one look-up per value (:func:`present_sql`), asked only
    of a table that declares ``closed``."""
    problems: list[Problem] = []
    for name, decl in loaded.model.tables.items():
        group = decl.reported_by
        if not decl.closed or group is None or not rows.get(name):
            continue
        col, tbl = f"CAST({quote_ident(group)} AS VARCHAR)", quote_ident(name)
        wanted = list(dict.fromkeys(str(v) for v in decl.closed))
        try:
            held = {str(r[0]) for r in backend.execute(present_sql(col, tbl, wanted)).rows}
        except Exception:  # noqa: BLE001 - a reported_by column the table lacks: the declaration's own error
            continue
        missing = [v for v in wanted if v not in held]
        if not missing:
            continue
        values = [str(r[0]) for r in backend.execute(
            f"SELECT {col} FROM {tbl} WHERE {col} IS NOT NULL GROUP BY 1 ORDER BY 1 LIMIT {SHOWN}").rows]
        listed_values = (f"the column holds: {', '.join(values)}" if len(values) <= 10
                         else f"some of its values: {', '.join(values[:5])}")
        for value in missing:
            near = closest(value, values)
            problems.append(Problem(
                f"table '{name}' declares closed: {value}, but its reported_by column '{group}' never holds "
                f"{written(value)}: a misspelt group is closed in no row, and its group_ended warnings stay",
                file=str(loaded.path), line=loaded.table_line(name, "closed", _first_at(decl.closed, value)),
                hint=("did you mean " + " or ".join(written(v) for v in near) + "? " if near else "") + listed_values))
    return problems


def _first_at(listed: Sequence[Any] | None, value: str) -> int:
    """Where in a declaration's list (``closed:``, ``allowed:``) ``value`` is first written: the
    index its line is kept under (:class:`~factcheck.claims.yamlsource.LineMap`), 0 when absent."""
    return next((i for i, v in enumerate(listed or []) if str(v) == value), 0)


def _plain(text: str) -> str:
    """A value with its case, spacing and the shape of its apostrophes ignored."""
    return " ".join(text.translate(_APOSTROPHES).split()).casefold()


def _spelt_alike(one: str, other: str) -> bool:
    """Do two values differ only in case, spacing or the shape of an apostrophe (not in an abbreviation)?"""
    return _plain(one) == _plain(other)


def _by_abbreviation(one: str, other: str) -> bool:
    """Are two twins one place's name with its first word abbreviated and not ('St. John', 'Saint John')?"""
    bare = [" ".join(v.split()).casefold() for v in (one, other)]
    return (normal(one) == normal(other) and not _spelt_alike(one, other)
            and any(_PLACE_WORD.search(b) for b in bare))


def listed_apart(catalog: Catalog, table: str, column: str) -> Callable[[str, str], bool]:
    """Does the column's ``allowed`` list say two twins are two values? It does for a name abbreviated
    and not when it lists both ('St. John' in the Virgin Islands, 'Saint John' in New Brunswick): the
    reporter has told them apart. Not for twins by case, spacing, an apostrophe, a yes/no code or a span
    of years written two ways: listing both is listing the spellings the data has of one value."""
    src = catalog.sources.get(table)
    spec = src.decl.columns.get(column) if src is not None else None
    listed = {v for v in (spec.allowed or []) if isinstance(v, str)} if spec is not None else set()

    def apart(one: str, other: str) -> bool:
        return one in listed and other in listed and _by_abbreviation(one, other)
    return apart


def twins_sql(col: str, tbl: str, literals: list[str]) -> str:
    """The query for a column's values that are the literals or may be one spelt another way
    (case, spacing), with their rows: its distinct values equal to a literal or holding each of
    its words, both lower-cased by the engine (a superset, narrowed in Python by :func:`normal`);
    the same SQL in DuckDB's and Spark's dialects.

    >>> print(twins_sql('"c"', '"t"', ["Face book", " "]))
    SELECT v, n FROM (SELECT "c" AS v, count(*) AS n FROM "t" WHERE "c" IS NOT NULL GROUP BY "c") AS d WHERE v IN ('Face book', ' ') OR (instr(lower(v), lower('Face')) > 0 AND instr(lower(v), lower('book')) > 0)
    """
    pieces = [tuple(w for w in _PIECES.split(v) if w) or tuple(v.split()) for v in literals]
    pieces += [kept for ws in pieces  # 'ST.LOUIS', 'Ste-Genevieve': the name apart from its first word
               if (kept := tuple(p for w in ws for p in re.split(r"[.-]", w) if p and not _abbreviated(p))) != ws]
    words = [" AND ".join(f"instr(lower(v), lower({quote_literal(w)})) > 0" for w in ws)
             for ws in dict.fromkeys(pieces)
             if ws]  # a value of apostrophes alone is its own piece; 'St. Louis' also looks for 'Louis' alone
    tests = [f"v IN ({', '.join(quote_literal(v) for v in literals)})"] + [f"({w})" for w in words]
    for v in literals:  # a span of years: its other ways of writing (Python narrows the superset)
        span = _SPAN_OF_YEARS.fullmatch(" ".join(v.split()))
        if span:
            tests.append(f"(instr(v, {quote_literal(span[1])}) > 0 AND instr(v, {quote_literal(span[2][-2:])}) > 0)")
    for codes in (YES, NO):  # a yes (or a no) compared: its other codes too
        if any(answer(v) == answer(codes[0]) for v in literals):
            tests.append(f"lower(trim(CAST(v AS VARCHAR))) IN ({', '.join(quote_literal(c) for c in codes)})")
    return (f"SELECT v, n FROM (SELECT {col} AS v, count(*) AS n FROM {tbl} WHERE {col} IS NOT NULL GROUP BY {col}) "
            f"AS d WHERE {' OR '.join(tests)}")


def _column_key(backend: Backend, col: str, tbl: str, literals: list[str]) -> Callable[[str], str]:
    """:func:`twin_key` for a column whose literals include a yes/no code, asked of its distinct
    values (a yes/no column has few; twelve are enough to tell it is none)."""
    if not any(answer(v) is not None for v in literals):
        return normal
    rows = backend.execute(f"SELECT DISTINCT CAST({col} AS VARCHAR) FROM {tbl} WHERE {col} IS NOT NULL LIMIT 12").rows
    return twin_key([str(r[0]) for r in rows])


def _twin_notes(notes: dict[int, list[Note]], table: str, column: str, literals: dict[str, list[Use]],
                held: dict[str, int], same_as: Callable[[str], str] = normal,
                apart: Callable[[str, str], bool] = lambda v, w: False) -> None:
    """Add a warning for each claim comparing a value whose column also holds a twin of it (the
    same but for case or spacing) that the claim does not compare too: one per value, however
    many of its spellings the claim names. ``apart``: two values the column's ``allowed`` list
    says are two (:func:`listed_apart`), no twins."""
    compares: dict[int, set[str]] = defaultdict(set)  # each claim's literals on this column
    for text, uses in literals.items():
        for index, _ in uses:
            compares[index].add(text)
    for index, texts in compares.items():
        same: dict[str, list[str]] = defaultdict(list)  # the claim's spellings of one value, by its normal form
        for text in sorted(texts):
            if text in held:
                same[same_as(text)].append(text)
        for key, spelt in same.items():
            twins = [(v, n) for v, n in held.items() if v not in texts and same_as(v) == key
                     and not all(apart(v, t) for t in spelt)]
            if twins:
                notes[index].append(_twins_note(table, column, spelt, sorted(twins, key=lambda t: (-t[1], t[0]))))


def _twins_note(table: str, column: str, spelt: list[str], twins: list[tuple[str, int]]) -> Note:
    held = [f"{v!r} ({n:,} row{'s' if n != 1 else ''})" for v, n in twins[:TWINS_SHOWN]]
    if len(twins) > TWINS_SHOWN:
        held.append(f"{len(twins) - TWINS_SHOWN} more")
    spellings = ", ".join(written(v) for v in spelt + [v for v, _ in twins])
    return Note(code=NoteCode.SPELLING_VARIANTS, warning=True,
                message=f"column '{column}' of table '{table}' also holds {listed(held)}, which "
                        f"{'differ' if len(twins) > 1 else 'differs'} from "
                        f"{listed([repr(t) for t in spelt])} only in {_how(spelt, twins)}, so "
                        f"the claim takes them for other values; if they are the same, name every spelling: "
                        f"in [{spellings}]")


def _how(spelt: list[str], twins: list[tuple[str, int]]) -> str:
    """How the twins differ from the claim's spellings: "case or spacing", "the shape of an
    apostrophe", "a code for the same yes or no", "how a span of years is written" (those that apply)."""
    def bare(text: str) -> str:
        return " ".join(text.split()).casefold()
    pairs = [(v, s) for v, _ in twins for s in spelt]
    said = []
    if any(bare(v) == bare(s) for v, s in pairs):
        said.append("case or spacing")
    if any(bare(v) != bare(s) and bare(v.translate(_APOSTROPHES)) == bare(s.translate(_APOSTROPHES)) for v, s in pairs):
        said.append("the shape of an apostrophe")
    if answer(spelt[0]) is not None and any(normal(v) != normal(s) for v, s in pairs):
        said.append("how the same yes or no is coded")
    if _SPAN_OF_YEARS.fullmatch(normal(spelt[0])) and any(bare(v) != bare(s) for v, s in pairs):
        said.append("how a span of years is written")
    if any(_by_abbreviation(v, s) for v, s in pairs):
        said.append("an abbreviation (St. for Saint, Ft. for Fort, Mt. for Mount)")
    return " or ".join(said or ["case or spacing"])



def told_apart(plans: list[ClaimPlan], catalog: Catalog) -> dict[tuple[str, str], list[int]]:
    """The text columns whose values claims tell apart, by (table, column), with the plans that do:
    ranked (``top``, an ``extreme`` over categories, the candidates and groups of ``wins``) or counted
    (``count_distinct``)."""
    found: dict[tuple[str, str], list[int]] = defaultdict(list)
    for plan in plans:
        for node in walk(plan.node):
            trees: list[Expr] = []
            if node.kind == "top":
                trees.append(node.column)  # type: ignore[attr-defined]
            elif node.kind == "wins":  # the groups counted (its candidates are its `by`'s group, below)
                trees.append(node.within)  # type: ignore[attr-defined]
            elif node.kind == "count_distinct" and getattr(node, "expr", None) is not None:
                trees.append(node.expr)  # type: ignore[attr-defined]
            if getattr(node, "group", None) is not None:  # by periods too: only a text column is looked at
                trees.append(node.group)  # type: ignore[attr-defined]
            for scan in node.scans():
                for tree in trees:
                    if not isinstance(tree, Name):
                        continue
                    link = catalog.links.get(scan.table, {}).get(tree.link) if tree.link else None
                    table = link.target if link is not None else scan.table
                    if catalog.is_time(table, tree.column):
                        continue  # years and dates: no text to spell two ways
                    if plan.index not in found[(table, tree.column)]:
                        found[(table, tree.column)].append(plan.index)
    return found


def grouping_twin_notes(catalog: Catalog, plans: list[ClaimPlan], backend: Backend,
                        rows: dict[str, int]) -> dict[int, list[Note]]:
    """The ``spelling_variants`` warnings of claims that rank or count the values of a column
    holding values a reader would not tell apart ("Eastside Youth Alliance" and "EASTSIDE YOUTH
    ALLIANCE"): the claim takes them for two recipients, so "the second-largest recipient" fails
    and "more than 320 nonprofits" passes at 321. Tables of up to :data:`TWINS_UP_TO` rows."""
    notes: dict[int, list[Note]] = defaultdict(list)
    columns: dict[str, list[str]] = defaultdict(list)
    told = told_apart(plans, catalog)
    for table, column in told:
        if rows.get(table, TWINS_UP_TO + 1) <= TWINS_UP_TO and _is_text(backend, table, column, catalog):
            columns[table].append(column)
    values: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
    for table, cols in columns.items():
        for i, v, n in backend.execute(values_sql(table, cols)).rows:
            values[(table, cols[i])].append((str(v), int(n)))
    for (table, column), found in values.items():
        indices = told[(table, column)]
        same: dict[str, list[tuple[str, int]]] = defaultdict(list)
        same_as = twin_key([v for v, _ in found])
        for v, n in found:
            same[same_as(v)].append((v, n))
        apart = listed_apart(catalog, table, column)
        kept = ([(v, n) for v, n in vs if any(w != v and not apart(v, w) for w, _ in vs)] for vs in same.values())
        twins = [sorted(vs, key=lambda t: (-t[1], t[0])) for vs in kept if len(vs) > 1]
        if not twins:
            continue
        twins.sort(key=lambda vs: (-sum(n for _, n in vs), vs[0][0]))  # the most rows first, then by name
        shown = [" and ".join(repr(v) for v, _ in vs) for vs in twins[:TWINS_SHOWN]]
        more = f" (and {len(twins) - TWINS_SHOWN} more such sets)" if len(twins) > TWINS_SHOWN else ""
        how = " or ".join(dict.fromkeys(h for vs in twins for h in _how([vs[0][0]], vs[1:]).split(" or ")))
        plain = how == "case or spacing"
        note = Note(code=NoteCode.SPELLING_VARIANTS, warning=True,
                    message=f"column '{column}' of table '{table}' holds values that differ only in {how}: "
                            f"{'; '.join(shown)}{more}. The claim ranks or counts them as different "
                            "values; if they are the same, give them one spelling in the data"
                            + (f" (a derive such as lower(trim({column})) joins only those that differ in case or "
                               "in spaces at their ends)" if plain else ""))
        for index in indices:
            notes[index].append(note)
    return notes


def values_sql(table: str, columns: list[str]) -> str:
    """One query for the distinct values of a table's text ``columns``, each with its rows, tagged by
    the column's place in the list."""
    tbl = quote_ident(table)
    return "\nUNION ALL\n".join(
        f"SELECT {i} AS i, {quote_ident(c)} AS v, count(*) AS n FROM {tbl} WHERE {quote_ident(c)} IS NOT NULL GROUP BY 2"
        for i, c in enumerate(columns))
