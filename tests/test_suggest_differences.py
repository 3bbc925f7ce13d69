"""A difference between two groups ("The Bronx had 392 more filings than Queens"): `init` writes it
with its direction (`expect: 392 more`) and `suggest` proposes `compare` between the two groups."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from drafts import init_and_suggest

from factcheck.starter import _expect

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("sentence", "figure", "expect"), [
    ("The Bronx had 392 more filings than Queens in 2024.", "392", "392 more"),
    ("Queens had 392 fewer filings than the Bronx.", "392", "392 fewer"),
    ("Manhattan tenants owed about $330 more on average than those on Staten Island.", "about $330", "about $330 more"),
    ("Suburban schools spent $3,100 more per student than rural ones.", "$3,100", "$3,100 more"),
    ("Prosecutors filed 165 cases, more than in 2019.", "165", "165"),        # 165 is the count, not a gap
    ("There were 392 filings, more than Queens had.", "392", "392"),
    ("Manhattan's median was $4,168, more than $1,300 above Brooklyn's.", "more than $1,300", "more than $1,300 more"),
    ("Rents in the Bronx ran $600 below the city's.", "$600", "$600 less")])
def test_init_writes_a_difference_with_its_direction(sentence: str, figure: str, expect: str) -> None:
    """Before, `expect: 392` was written: a bare size that a `compare` cannot read (no direction),
    so no measure of the gap could pass."""
    assert _expect(sentence, sentence.index(figure), figure, "number") == expect


def _suggested(tmp_path: Path, story: str) -> list[dict[str, Any]]:
    """The evictions fixture's filings and boroughs, and a draft of ``story``."""
    evictions = ROOT / "tests" / "fixtures" / "evictions"
    tables = {name: (evictions / name).read_text(encoding="utf-8") for name in ("filings.csv", "boroughs.csv")}
    return init_and_suggest(tmp_path / "desk", story, tables, "Filings")


def test_more_rows_than_another_group_is_a_compare_between_them(tmp_path: Path) -> None:
    """The evictions data: 917 filings in the Bronx in 2024, 525 in Queens. Before, the count of
    Queens's filings (525) was shown as the sentence's failing reading ("is the figure wrong?")."""
    (claim,) = _suggested(tmp_path, "The Bronx had 392 more filings than Queens in 2024.")
    assert claim["expect"] == "392 more" and "reading" not in claim
    first = claim["candidates"][0]
    assert first["measure"] == {"compare": {"count": "filings", "where": "filed_on_year == 2024"},
                                "by": "borough", "a": "Bronx", "b": "Queens"}
    assert (first["value"], first["verdict"]) == (392, "pass")


def test_fewer_is_the_same_gap_the_other_way(tmp_path: Path) -> None:
    (claim,) = _suggested(tmp_path, "Queens had 392 fewer filings than the Bronx in 2024.")
    first = claim["candidates"][0]
    assert (first["measure"]["a"], first["measure"]["b"], first["value"], first["verdict"]) == \
        ("Queens", "Bronx", -392, "pass")


def test_a_gap_between_the_means_of_two_groups(tmp_path: Path) -> None:
    """Manhattan's tenants owed $4,100.57 on average in 2024, Staten Island's $3,774.39: $326 more."""
    (claim,) = _suggested(tmp_path, "Manhattan tenants owed about $330 more on average than those on Staten "
                                    "Island in 2024.")
    first = claim["candidates"][0]
    assert first["measure"] == {"compare": {"mean": "amount_owed", "of": "filings", "where": "filed_on_year == 2024"},
                                "by": "borough", "a": "Manhattan", "b": "Staten Island"}
    assert first["verdict"] == "pass"
