"""A ranking its unknown rows could change: "Harbor filed the most requests" from 30 requests
against Riverside's 25, with 60 requests of no neighbourhood, passed with a plain note; the same
rows as a share carried the warning mostly_unknown (found by a walk of a 311 story). A `top`
counts the rows with a value; when the rows without one could reorder the places it states (as
many as the lead at its edge), it carries the warning. Constructed data."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import one_table

from factcheck.outcome import NoteCode, Verdict


def _rows(harbor: int, riverside: int, blank: int, old_town: int = 10) -> list[str]:
    hoods = ["Harbor"] * harbor + ["Riverside"] * riverside + [""] * blank + ["Old Town"] * old_town
    return ["id,hood"] + [f"{i},{h}" for i, h in enumerate(hoods)]


def _warned(r) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.message for n in r.notes if n.code == NoteCode.MOSTLY_UNKNOWN and n.warning]


@pytest.mark.parametrize(("rows", "measure", "expect", "said"), [
    (_rows(30, 25, 60), "{top: hood, of: t}", "[Harbor]",
     "60 rows of no value could change the ranking: Harbor leads Riverside by 5 (the figure rests on 65 rows "
     "and leaves out 60 whose value is unknown)"),
    (_rows(30, 25, 5), "{top: hood, of: t}", "[Harbor]",  # few unknowns, but as many as the lead
     "5 rows of no value could change the ranking: Harbor leads Riverside by 5"),
    (_rows(30, 25, 20), "{top: hood, of: t, n: 2}", "[Harbor, Riverside]",  # the cut below second place
     "20 rows of no value could change the ranking: Riverside leads Old Town by 15"),
    (_rows(30, 25, 6), "{top: hood, of: t, rank: 2}", "Riverside",  # second place: above and below it
     "6 rows of no value could change the ranking: Harbor leads Riverside by 5"),
])
def test_unknowns_that_could_reorder_the_ranking_are_a_warning(tmp_path: Path, rows: list[str], measure: str,
                                                              expect: str, said: str) -> None:
    r = one_table(tmp_path, rows, measure, expect)
    assert r.verdict == Verdict.PASS, r.message
    (warning,) = _warned(r)
    assert warning.startswith(said), warning


@pytest.mark.parametrize(("rows", "measure", "expect"), [
    (_rows(30, 25, 4), "{top: hood, of: t}", "[Harbor]"),            # 4 unknowns cannot close a lead of 5
    (_rows(30, 25, 0), "{top: hood, of: t}", "[Harbor]"),
    (_rows(30, 25, 14), "{top: hood, of: t, n: 2}", "[Harbor, Riverside]"),  # Riverside leads Old Town by 15
])
def test_unknowns_that_cannot_reorder_it_are_no_warning(tmp_path: Path, rows: list[str], measure: str,
                                                        expect: str) -> None:
    r = one_table(tmp_path, rows, measure, expect)
    assert r.verdict == Verdict.PASS and not _warned(r), r.notes
