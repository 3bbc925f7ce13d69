"""A calendar year read for a fiscal year departs from the sentence.

Found walking a story of a city's budget (constructed data, written here): "The city made 5
payments in FY2024" (July 2023 to June 2024) got `count … where: date_year == 2024` first,
unmarked, and it passed on January to June 2024 alone, a wrong figure.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from drafts import csv_text, init_and_suggest

ROWS = [f"P{i},{d},{a}" for i, (d, a) in enumerate((
    ("2023-07-10", 100), ("2023-09-01", 100), ("2023-11-20", 200), ("2024-01-15", 100), ("2024-02-02", 100),
    ("2024-03-30", 100), ("2024-05-05", 100), ("2024-06-28", 100)))]


@pytest.mark.parametrize("story", [
    "The city made 5 payments in FY2024.",
    "The city made 5 payments in fiscal 2024.",
    "The city made 5 payments in the 2024 fiscal year.",
])
def test_a_calendar_year_for_a_fiscal_year_departs(tmp_path: Path, story: str) -> None:
    claims = init_and_suggest(tmp_path, story, {"payments.csv": csv_text("pay_id,date,amount", ROWS)})
    shown = [s for c in claims for s in c["candidates"] if "date_year" in str(s["measure"])]
    assert shown and all(s["departs"] for s in shown)


def test_the_same_year_said_plainly_does_not(tmp_path: Path) -> None:
    claims = init_and_suggest(tmp_path, "The city made 5 payments in 2024.",
                              {"payments.csv": csv_text("pay_id,date,amount", ROWS)})
    first = claims[0]["candidates"][0]
    assert first["measure"] == {"count": "payments", "where": "date_year == 2024"} and first["departs"] is False
