"""`suggest` on a story of campaign donations: amounts from a few round values, an election `cycle`
of years, a figure of the year a change is measured from ("down from $150 in 2020"), medians."""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import Any

from drafts import csv_text, init_and_suggest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.suggest.propose import compared_years

# (cycle, candidate): the donations, each one of a few round amounts
DONATIONS = {(2020, "Alvarez"): [150, 150, 200],                          # median 150
             (2024, "Alvarez"): [25, 50, 100, 100, 100, 100, 250, 2900, 2900],  # median 100, $6,525 in all
             (2020, "Brooks"): [50, 500, 500, 1000],
             (2024, "Brooks"): [100, 250, 500, 1000, 2900]}


def _suggested(folder: Path, story: str, donations: dict[tuple[int, str], list[int]] = DONATIONS) -> list[dict[str, Any]]:
    rows = [f"D{i:04d},{cycle},{who},{amount}" for i, (cycle, who, amount) in
            enumerate((c, w, a) for (c, w), amounts in donations.items() for a in amounts)]
    return init_and_suggest(folder, story, {"donations.csv": csv_text("donation_id,cycle,candidate,amount", rows)},
                            "Money")


def test_a_total_of_a_few_round_amounts_in_a_cycle_of_years(tmp_path: Path) -> None:
    """Alvarez raised $6,525 in 2024. Before, `amount` (a few round values) was read as a category
    and never summed, and `cycle` (2020, 2024) as no period, so nothing was offered."""
    (claim,) = _suggested(tmp_path, "Alvarez raised $6,525 in the 2024 cycle.")
    first = claim["candidates"][0]
    assert first["measure"] == {"sum": "amount", "of": "donations", "where": "candidate == 'Alvarez' and cycle == 2024"}
    assert first["verdict"] == "pass"


def test_the_year_a_change_is_measured_from_is_that_figures_alone(tmp_path: Path) -> None:
    """"The median donation to Alvarez was $100, down from $150 in 2020": $150 is of 2020, $100 of
    the article's year (2024, which it names most often once 2020, named only to compare with, is
    left out). Before, both were searched in 2020, and $100 found nothing."""
    claims = _suggested(tmp_path, "Alvarez raised $6,525 in the 2024 cycle. The median donation to Alvarez was "
                                  "$100, down from $150 in 2020.")
    by = {c["expect"]: c["candidates"][0]["measure"] for c in claims}
    assert by["$100"] == {"median": "amount", "of": "donations", "where": "candidate == 'Alvarez' and cycle == 2024"}
    assert by["$150"] == {"median": "amount", "of": "donations", "where": "candidate == 'Alvarez' and cycle == 2020"}
    assert compared_years("It was $100, down from $150 in 2020.") == {2020: 23}
    assert compared_years("It rose from 2019 to 2020, to $100 in 2021.") == {}


def test_a_gap_in_money_between_two_groups_compares_their_sums(tmp_path: Path) -> None:
    """Brooks raised $4,750 in 2024, $1,775 less than Alvarez's $6,525. Before, only their numbers of
    donations were compared (and shown as the failing reading)."""
    claims = _suggested(tmp_path, "In the 2024 cycle, Brooks raised $1,775 less than Alvarez.")
    (claim,) = claims
    assert claim["expect"] == "$1,775 less"
    first = claim["candidates"][0]
    assert first["measure"] == {"compare": {"sum": "amount", "of": "donations", "where": "cycle == 2024"},
                                "by": "candidate", "a": "Brooks", "b": "Alvarez"}
    assert first["verdict"] == "pass"


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from([10, 25, 50, 100, 250, 500, 1000, 2900]), min_size=1, max_size=15))
def test_a_median_of_a_column_of_few_values_is_found_exactly(tmp_path: Path, amounts: list[int]) -> None:
    """A median is no sum over cells: the search had the mean stand in for it, and a skewed median
    ($100 among donations up to $2,900) was never within reach. A column of few values is counted
    value by value, so its median is exact: the middle value, or the mean of the two middle ones."""
    median = statistics.median(amounts)
    donations = {(2024, "Alvarez"): amounts, (2024, "Brooks"): [10, 2900]}  # the column has two values at least
    written = f"${median:,.2f}".replace(".00", "")
    claims = _suggested(tmp_path, f"The median donation to Alvarez was {written}.", donations)
    (claim,) = claims
    assert {"median": "amount", "of": "donations", "where": "candidate == 'Alvarez'"} in \
        [c["measure"] for c in claim["candidates"]], (amounts, claim)


def test_a_share_under_a_threshold_of_money(tmp_path: Path) -> None:
    """Six of Alvarez's nine donations in 2024 were of $200 or less (67%). Before, "$200 or less"
    was no condition the search could build, and "$200" no figure it could say was the share's."""
    claims = _suggested(tmp_path, "In the 2024 cycle, donations of $200 or less made up 67% of Alvarez's donations.")
    by = {c["expect"]: c for c in claims}
    assert by["$200"]["note"].startswith("'$200' is the condition of '67%' in this sentence")
    first = by["67%"]["candidates"][0]
    assert first["measure"] == {"share": "amount <= 200", "of": "donations",
                                "where": "candidate == 'Alvarez' and cycle == 2024"}
    assert first["verdict"] == "pass"


def test_the_thresholds_of_money_a_sentence_states() -> None:
    from factcheck.suggest.thresholds import phrases
    found = [(p.op, p.number, p.figure) for t in ("Donations of $200 or less made up 63%.", "Gifts over $1,000 were 12%.",
                                                  "She raised $2.4 million.", "Tickets of £5 and up sold out.")
             for p in phrases(t)]
    assert found == [("<=", 200, "$200"), (">", 1000, "$1,000"), (">=", 5, "£5")]
