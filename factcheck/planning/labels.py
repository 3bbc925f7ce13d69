"""A year's label written one way in the claim and another in the data.

A column of school years (``2019-20``, ``2020-21``) or fiscal years (``FY2021``) is a column of
periods: :func:`~factcheck.measures._values.year_label` reads each label by its first year, so a
missing one is a gap and the order is that of the years. A claim naming such a period must write
it as the data does. ``from: 2019-2020`` against data that writes ``2019-20`` names no period of
it; compared as text it would lie between two that do, and the claim would be called a gap in
the data (``period_not_covered``) when it is a matter of spelling. After the tables are read, each
single period a claim names on a time axis (``from``, ``to``, ``at``, ``since``, ``record_from``,
``ending``) that is a year's label, or a bare year, is held against the way the column writes its
years: one look-up of the column's values per axis, only when such a period is named. Written
another way, it stops the run, naming the claim, the way the data writes it and the values it holds.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..errors import Problem
from ..measures._values import YearLabel, key, year_label, year_labels

if TYPE_CHECKING:
    from ..backends import Backend
    from ..claims import LoadedClaims
    from .catalog import Catalog
    from .nodes import ClaimPlan, Coverage

SHOWN = 2000  # distinct values read: far more years than any table has
_NAMED = re.compile(r"(from|to|at|since|record_from|ending): (.*)$")  # the text of a period a claim names
_BARE_YEAR = re.compile(r"\d{4}$")


def check_period_labels(plans: list[ClaimPlan], backend: Backend, loaded: LoadedClaims,
                        catalog: Catalog) -> tuple[list[Problem], set[tuple[int, str]]]:
    """Problems for periods named in ``from``/``to``/``at``/… that are years written otherwise than the
    labels of their column (``2019-2020`` where the data writes ``2019-20``); and the (plan index,
    value) pairs said, which the look-up of typos then leaves to them (``at:`` is compared as a filter)."""
    problems: list[Problem] = []
    said: set[tuple[int, str]] = set()
    forms: dict[tuple[str, str], tuple[YearLabel | None, list[str]]] = {}
    for plan in plans:
        if plan.claim.unverifiable is not None or plan.missing_tables:
            continue
        text_axis = _text_axis(plan, catalog)
        for cov in plan.coverage:
            named = _named(cov, text_axis)
            if named is None:
                continue
            where = (cov.from_sql, cov.col)
            if where not in forms:
                forms[where] = _column_form(backend, cov)
            form, values = forms[where]
            name, value = named
            if form is None or value in values:
                continue
            read = year_label(value)
            if read is not None and read[0] == form:
                continue  # written as the data writes: a period outside the data or a gap, said as such
            shown = ", ".join(values) if len(values) <= 10 else f"{values[0]} to {values[-1]}"
            # a bare year may be the year a school or fiscal year begins or the one it ends
            meant = form.write(read[1]) if read is not None else " or ".join(
                form.write(y) for y in (int(value) - 1, int(value)))
            said.add((plan.index, value))
            problems.append(Problem(
                f"{name}: {value} is written another way than the data writes its years ({form.example}): "
                "no period is called that", file=str(loaded.path),
                line=loaded.claim_line(plan.index, "measure", name) or loaded.claim_line(plan.index),
                claim=plan.claim.id, hint=f"write {name}: {meant}; the column holds: {shown}"))
    return problems, said


def _text_axis(plan: ClaimPlan, catalog: Catalog) -> bool:
    """Is an ``over`` (``order``) axis of the claim a column of text, as the data was read?"""
    from ..expressions import infer
    return any(infer(axis.expr, catalog.column_type(axis.table)) == "text" for axis in plan.axes)


def _named(cov: Coverage, text_axis: bool) -> tuple[str, str] | None:
    """(``from``, ``2019-2020``): the period a coverage check is for, when it names one that may be
    a year written as a label (or a bare year on such an axis); None for anything else. A number
    (``from: 2019``) only on an axis of text: over years as numbers it asks nothing of the data."""
    found = _NAMED.match(cov.text)
    if cov.gap is not None or cov.op != "==" or found is None or not (text_axis or cov.lits[0].startswith("'")):
        return None
    value = found[2].strip()
    if year_label(value) is None and not _BARE_YEAR.match(value):
        return None
    return found[1], value


def _column_form(backend: Backend, cov: Coverage) -> tuple[YearLabel | None, list[str]]:
    """How the period column writes its years, when its values are all labels of one way; and its
    values, in order."""
    try:
        rows = backend.execute(f"SELECT DISTINCT {cov.col} AS v\n{cov.from_sql}\nLIMIT {SHOWN + 1}").rows
    except Exception:  # noqa: BLE001 - the coverage check itself reports a column it cannot read
        return None, []
    values = sorted({key(r[0]) for r in rows if r[0] is not None})
    if not values or len(values) > SHOWN:
        return None, values
    return year_labels(values), values
