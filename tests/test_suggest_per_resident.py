"""A rate per so many residents divides by a column of people however it is named: "20 new units
per 1,000 residents" of a table whose column is `population`. Before, `suggest` said no table had
a number column named for residents. Found walking a story of rents."""

from __future__ import annotations

from pathlib import Path

from drafts import csv_text, first_pass, init_and_suggest


def test_per_resident_divides_by_the_population(tmp_path: Path) -> None:
    permits = [f"P{i:02d},{'Southport' if i < 6 else 'Riverside'},{10 if i < 6 else 5},2024-0{1 + i % 9}-01"
               for i in range(10)]  # Southport: 60 units; Riverside: 20
    hoods = ["Southport,3000", "Riverside,4000"]
    claims = init_and_suggest(tmp_path, "Southport added 20 new units per 1,000 residents in 2024.",
                              {"permits.csv": csv_text("permit_id,neighborhood,units,issued_date", permits),
                               "neighborhoods.csv": csv_text("neighborhood,population", hoods)}, "Rents")
    measure = first_pass(claims, "Southport added", "20")
    assert measure["ratio"]["denominator"]["sum"] == "population"
    assert measure["per"] == 1000
