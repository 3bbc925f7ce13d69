"""`suggest` on a story of rents: a median of its own year beside a change "from" another, the
highest on record of a median, a gap between two boroughs' medians, a run of rises after a fall."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from drafts import csv_text, init_and_suggest

GROWTH = {2019: 1.00, 2020: 0.96, 2021: 1.00, 2022: 1.05, 2023: 1.10, 2024: 1.20}
BASE = {"Brooklyn": 2500, "Manhattan": 4000}
# five leases per borough and year, around its base: each borough's median is its base times the
# year's growth (Brooklyn 3,000 in 2024, Manhattan 4,800); both together 3,250 times it (3,900 in
# 2024, 3,575 in 2023: up 9%), the highest of the six years, rising every year since 2020's fall
STORY = ("The median rent on new leases reached $3,900 in 2024, up 9% from 2023 and the highest on record. "
         "Manhattan's median was $4,800, more than $1,700 above Brooklyn's. Rents fell in 2020 before rising "
         "for four straight years.")


def _claims(folder: Path) -> dict[str, dict[str, Any]]:
    rows = [f"L{year}{b[0]}{i},{year},{b},{round(base * GROWTH[year]) + offset}"
            for year in GROWTH for b, base in BASE.items() for i, offset in enumerate((-200, -100, 0, 100, 200))]
    leases = csv_text("lease_id,lease_year,borough,monthly_rent", rows)
    return {str(c["expect"]): c for c in init_and_suggest(folder, STORY, {"leases.csv": leases}, "Rents")}


def test_the_rents_story(tmp_path: Path) -> None:
    claims = _claims(tmp_path)
    first = {expect: (c["candidates"][0]["measure"] if c["candidates"] else None) for expect, c in claims.items()}
    # "$3,900 in 2024, up 9% from 2023": 2023 is the change's base. Before, the 2023 median (3,575) was
    # shown first as the sentence's failing reading
    assert "reading" not in claims["$3,900"]
    assert first["$3,900"] == {"median": "monthly_rent", "of": "leases", "where": "lease_year == 2024"}
    # "up 9% from 2023" of the median rent. Before, only changes of counts were tried: the number of
    # leases (the same every year, 0%) was shown as the sentence's failing reading
    assert "reading" not in claims["up 9%"]
    assert first["up 9%"] == {"change": {"median": "monthly_rent", "of": "leases"}, "over": "lease_year",
                              "from": 2023, "to": 2024}
    # "the highest on record" of the median. Before, only counts were ranked over the years: the
    # number of leases (the same every year) was the failing reading
    assert first["True"] == {"extreme": {"median": "monthly_rent", "of": "leases"}, "over": "lease_year",
                             "at": 2024, "is": "highest"}
    # "more than $1,700 above Brooklyn's": `init` writes it as a gap, `suggest` compares the two medians.
    # Before, `more than $1,700` passed for any amount above it (Brooklyn's own median)
    assert first["more than $1,700 more"] == {"compare": {"median": "monthly_rent", "of": "leases",
                                                          "where": "lease_year == 2024"},
                                              "by": "borough", "a": "Manhattan", "b": "Brooklyn"}
    # "fell in 2020 before rising for four straight years": a run of rises to the data's last year.
    # Before, the sentence's "fell" made it a run of falls to 2020
    assert first["4"] == {"rising": {"mean": "monthly_rent", "of": "leases"}, "over": "lease_year"}


def test_a_change_s_base_year_is_no_year_of_the_sentence_s_other_figures() -> None:
    """Of "$3,900 in 2024, up 9% from 2023", $3,900 is of 2024 alone; the change spans both years.
    Before, both figures were searched in 2023 too, and a 2023 figure that failed could be shown
    first as the sentence's reading."""
    from factcheck.claims import Claim
    from factcheck.suggest import Surroundings
    from factcheck.suggest.propose import _claim_periods
    says = "The median rent reached $3,900 in 2024, up 9% from 2023."
    level = _claim_periods(Claim(id="a", says=says, expect="$3,900"), 2024, Surroundings())
    change = _claim_periods(Claim(id="b", says=says, expect="up 9%"), 2024, Surroundings(), change=True)
    assert level.years == (2024,) and set(change.years) == {2023, 2024}
