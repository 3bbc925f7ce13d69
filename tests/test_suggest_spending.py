"""Money laid out is a data set's amounts: "Police spending rose 14%" is the sum of `amount`.

Found walking a story of a city's budget (constructed data, written here): "spending" named no
column, so the first candidate for a change in spending was a change in the number of payments,
and a right figure was shown as "is it wrong?" beside it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from drafts import csv_text, init_and_suggest

# Police: 10 payments of 100 in 2023 (1,000), 10 of 140 in 2024 (1,400): spending up 40%, payments flat
ROWS = [f"P{y}{i},{y}-03-{i + 1:02d},Police,{100 if y == 2023 else 140}" for y in (2023, 2024) for i in range(10)] + \
       [f"F{y}{i},{y}-04-{i + 1:02d},Fire,90" for y in (2023, 2024) for i in range(4 if y == 2023 else 7)]


@pytest.mark.parametrize("story", [
    "Police spending rose 40% from 2023 to 2024.",
    "The city spent 40% more on police in 2024 than in 2023.",
])
def test_spending_is_the_sum_of_the_amounts(tmp_path: Path, story: str) -> None:
    claims = init_and_suggest(tmp_path, story, {"payments.csv": csv_text("pay_id,date,department,amount", ROWS)})
    first = claims[0]["candidates"][0]["measure"]
    assert first["change"] == {"sum": "amount", "of": "payments", "where": "department == 'Police'"}, first
