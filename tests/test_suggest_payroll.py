"""`suggest` on the money and median sentences of a city payroll story: thresholds of money with a
scale ("more than $1 million"), the median of a skewed column of many amounts, an amount "per
employee" of a table of employees, amounts in words ("nearly three million dollars")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from drafts import csv_text, init_and_suggest
from hypothesis import given, settings
from hypothesis import strategies as st


def _first(claims: list[dict[str, Any]], expect: Any) -> dict[str, Any]:
    """The first candidate of the claim of ``expect``, asserting it passes."""
    claim = next(c for c in claims if str(c["expect"]) == str(expect))
    assert claim["candidates"], claim
    first: dict[str, Any] = claim["candidates"][0]
    assert first["verdict"] == "pass", first
    return first


def _contracts() -> str:
    """2023: 30 contracts, 12 of them worth more than $1 million (1.2m … 2.3m), 18 of $20,000 …
    $190,000; 2022: ten of $50,000 … $500,000."""
    rows = [f"C{i:03d},2023,{'Roads' if i % 2 else 'Parks'},{1_200_000 + 100_000 * i}" for i in range(12)]
    rows += [f"C{100 + i:03d},2023,{'Roads' if i % 3 else 'Parks'},{20_000 + 10_000 * i}" for i in range(18)]
    rows += [f"C{200 + i:03d},2022,Roads,{50_000 * (i + 1)}" for i in range(10)]
    return csv_text("contract_id,year,department,amount", rows)


def test_a_threshold_of_money_is_read_with_its_scale(tmp_path: Path) -> None:
    """"more than $1 million" was the condition `amount > 1` (every contract), so the count of the
    twelve contracts past a million was never found."""
    claims = init_and_suggest(tmp_path, "Twelve contracts were worth more than $1 million in 2023.",
                              {"contracts.csv": _contracts()}, "Contracts")
    assert _first(claims, 12)["measure"] == {"count": "contracts", "where": "amount > 1000000 and year == 2023"}


def test_the_scales_of_money_thresholds() -> None:
    from factcheck.suggest.thresholds import phrases
    said = ("Gifts of more than $8 million.", "Deals over $2.9-million.", "Bids of $1.2bn or more.",
            "Fees under $300k.", "Donations of $200 or less.", "Over $1,000 each.", "More than $5 in fees.")
    assert [(p.op, p.number, p.figure) for t in said for p in phrases(t)] == [
        (">", 8_000_000, "$8 million"), (">", 2_900_000, "$2.9-million"), (">=", 1_200_000_000, "$1.2bn"),
        ("<", 300_000, "$300k"), ("<=", 200, "$200"), (">", 1000, "$1,000"), (">", 5, "$5")]


@settings(max_examples=20)
@given(st.sampled_from(["thousand", "million", "billion"]), st.integers(1, 999), st.sampled_from(["", "-"]))
def test_any_scale_word_multiplies_the_threshold(scale: str, number: int, joined: str) -> None:
    from factcheck.suggest.thresholds import phrases
    factor = {"thousand": 10**3, "million": 10**6, "billion": 10**9}[scale]
    (phrase,) = phrases(f"Contracts worth more than ${number}{joined or ' '}{scale} each.")
    assert phrase.number == number * factor


REVIEWED = "The Fire department's overtime came under review."


def _overtime(fire: list[float], police: list[float]) -> str:
    rows = [f"E{i:04d},Fire,{pay}" for i, pay in enumerate(fire)]
    rows += [f"E{1000 + i:04d},Police,{pay}" for i, pay in enumerate(police)]
    return csv_text("employee_id,department,overtime_pay", rows)


def test_the_median_of_a_skewed_column_of_many_amounts(tmp_path: Path) -> None:
    """21 modest payments and 20 large ones: a median of $1,740 and a mean of $24,800. The mean
    stood in for the median in the search, so the Fire department's median (named by the sentence
    before, so no reading of the sentence as written) was never tried: no suggestion at all."""
    fire = [1000 + 37 * i for i in range(21)] + [40_000 + 1000 * i for i in range(20)]
    police = [5000 + 100 * i for i in range(30)]
    claims = init_and_suggest(tmp_path, f"{REVIEWED} Its median payment was $1,740.",
                              {"payroll.csv": _overtime(fire, police)}, "Overtime")
    assert _first(claims, "$1,740")["measure"] == {"median": "overtime_pay", "of": "payroll",
                                                   "where": "department == 'Fire'"}


@settings(max_examples=8, deadline=None)
@given(st.lists(st.integers(100, 200_000), min_size=25, max_size=60, unique=True), st.integers(0, 3))
def test_any_median_of_many_amounts_is_found(amounts: list[int], skew: int) -> None:
    """Whatever the spread of the amounts (made skewed by ``skew`` large ones), the median of one
    department is among the candidates, and as the real run computes it."""
    import statistics
    import tempfile
    fire = amounts + [10_000_000 + i for i in range(skew * 5)]
    median = statistics.median(fire)
    written = f"${median:,.2f}".replace(".00", "")
    with tempfile.TemporaryDirectory() as folder:
        claims = init_and_suggest(Path(folder), f"{REVIEWED} Its median payment was {written}.",
                                  {"payroll.csv": _overtime(fire, [5000 + 100 * i for i in range(30)])}, "Overtime")
    (claim,) = claims
    assert {"median": "overtime_pay", "of": "payroll", "where": "department == 'Fire'"} in \
        [c["measure"] for c in claim["candidates"]], (fire, claim)


def _employees() -> str:
    """2023: eight employees, overtime $1,000 … $8,000 (a mean of $4,500), one blank; 2022: four."""
    rows = [f"E{i:02d},2023,{'Police' if i % 2 else 'Fire'},{1000 * (i + 1)}" for i in range(8)] + ["E08,2023,Fire,"]
    rows += [f"E{i:02d},2022,Police,{900 * (i + 1)}" for i in range(4)]
    return csv_text("employee_id,year,department,overtime_pay", rows)


def test_an_amount_per_employee_of_a_table_of_employees_is_their_mean(tmp_path: Path) -> None:
    """"$4,500 in overtime per employee" was a rate whose base no table has a column for: no
    suggestion, only a note. The rows of the table are the employees (`employee_id`)."""
    claims = init_and_suggest(tmp_path, "The city paid $4,500 in overtime per employee in 2023.",
                              {"payroll.csv": _employees()}, "Overtime")
    assert _first(claims, "$4,500")["measure"] == {"mean": "overtime_pay", "of": "payroll", "where": "year == 2023"}


def test_an_amount_per_resident_of_a_table_of_employees_is_still_said_to_need_a_base(tmp_path: Path) -> None:
    """The neighbour: residents are no rows of a payroll, and no table counts them."""
    (claim,) = init_and_suggest(tmp_path, "The city paid $4,500 in overtime per resident in 2023.",
                                {"payroll.csv": _employees()}, "Overtime")
    assert not claim["candidates"]
    assert claim["note"].startswith("a rate per 1 resident: no table has a number column named for")


def test_in_all_says_in_total_not_across_every_year(tmp_path: Path) -> None:
    """"In all, the city paid $36,000 in overtime in 2023" was read as of every year ("in all" as
    "across all years"): the sentence's reading, $45,000 (fail), was shown above the right sum as
    if the figure were wrong."""
    for says in ("In all, the city paid $36,000 in overtime in 2023.",
                 "Overtime climbed in 2023. In all, the city paid $36,000 in overtime."):
        claims = init_and_suggest(tmp_path / str(len(says)), says, {"payroll.csv": _employees()}, "Overtime")
        claim = next(c for c in claims if c["expect"] == "$36,000")
        assert "reading" not in claim, claim["reading"]
        assert _first(claims, "$36,000")["measure"] == {"sum": "overtime_pay", "of": "payroll", "where": "year == 2023"}


def test_across_all_years_is_still_every_year(tmp_path: Path) -> None:
    claims = init_and_suggest(tmp_path, "Across all years, the city paid $45,000 in overtime.",
                              {"payroll.csv": _employees()}, "Overtime")
    assert _first(claims, "$45,000")["measure"] == {"sum": "overtime_pay", "of": "payroll"}


def _refunds() -> str:
    """2023: 2,000 refunds; Brooklyn's 400 of $4.00 … $6.00 come to $1,999, Queens's 1,600 to more."""
    rows = [f"R{i:04d},2023,{'Brooklyn' if i < 400 else 'Queens'},{4 + (i % 21) / 10 if i < 400 else 6 + (i % 31) / 10}"
            for i in range(2000)]
    return csv_text("refund_id,year,borough,amount", rows)


def test_an_amount_in_words_with_its_currency_is_no_count(tmp_path: Path) -> None:
    """"about two thousand dollars" (which `init` writes `about 2 thousand`) was read as a number of
    refunds, the 2,000 of 2023, not as the money they came to."""
    claims = init_and_suggest(tmp_path, "Brooklyn refunds came to about two thousand dollars in 2023.",
                              {"refunds.csv": _refunds()}, "Refunds")
    assert _first(claims, "about 2 thousand")["measure"] == {"sum": "amount", "of": "refunds",
                                                             "where": "borough == 'Brooklyn' and year == 2023"}
    assert not any("count" in c["measure"] for c in claims[0]["candidates"])


def test_a_number_of_things_in_words_is_still_a_count(tmp_path: Path) -> None:
    claims = init_and_suggest(tmp_path, "The city issued about two thousand refunds in 2023.",
                              {"refunds.csv": _refunds()}, "Refunds")
    assert _first(claims, "about 2 thousand")["measure"] == {"count": "refunds", "where": "year == 2023"}


def test_the_currencies_named_after_a_figure() -> None:
    from factcheck.suggest.propose import _money
    said = [("Refunds came to about two thousand dollars.", "about 2 thousand", True),
            ("It cost $2,000.", "$2,000", True), ("It cost 300 euros in all.", "300", True),
            ("It issued about two thousand refunds.", "about 2 thousand", False),
            ("The 300 dollar bills were fake.", "300", False)]
    assert [_money(says, figure) for says, figure, _ in said] == [money for *_, money in said]


def test_firefighters_are_the_fire_department(tmp_path: Path) -> None:
    """"Firefighters averaged …" named no value ("firef" is no "fire"): the sentence was read as of
    every employee, shown as failing above the Fire department's mean."""
    fire = [1000 + 37 * i for i in range(21)] + [40_000 + 1000 * i for i in range(20)]
    claims = init_and_suggest(tmp_path, "Firefighters averaged $24,848 in overtime.",
                              {"payroll.csv": _overtime(fire, [5000 + 100 * i for i in range(30)])}, "Overtime")
    assert "reading" not in claims[0], claims[0]["reading"]
    assert _first(claims, "$24,848")["measure"] == {"mean": "overtime_pay", "of": "payroll",
                                                    "where": "department == 'Fire'"}


def test_fireworks_are_no_fire_department() -> None:
    from factcheck.suggest.words import words
    assert "fire" in words("Firefighters averaged $24,848.") and "fire" not in words("Fireworks cost $24,848.")


def _two_years() -> str:
    """The Fire department's median payment falls 1.5% ($2,000 to $1,970) while its mean rises
    64% (its large payments grow); the police's payments, and the median of all, do not move."""
    rows = []
    for year, small, large in ((2022, 1000, 20_000), (2023, 970, 40_000)):
        fire = [small + 50 * i for i in range(21)] + [large + 1000 * i for i in range(20)]
        rows += [f"F{i:03d},{year},Fire,{pay}" for i, pay in enumerate(fire)]
        rows += [f"P{i:03d},{year},Police,{5000 + 100 * i}" for i in range(30)]
    return csv_text("employee_id,year,department,overtime_pay", rows)


def test_the_change_of_a_median_that_its_mean_does_not_follow(tmp_path: Path) -> None:
    """The change of the mean (+64%) stood in for the median's (-1.5%): the Fire department's was
    never tried, and the sentence read as of every employee (a median of $6,400 both years) was
    shown as failing."""
    claims = init_and_suggest(tmp_path, f"{REVIEWED} Its median overtime payment fell 1.5% in 2023 from 2022.",
                              {"payroll.csv": _two_years()}, "Overtime")
    assert _first(claims, "down 1.5%")["measure"] == {
        "change": {"median": "overtime_pay", "of": "payroll", "where": "department == 'Fire'"},
        "over": "year", "from": 2022, "to": 2023}


def test_the_change_of_a_mean_is_still_the_mean_s(tmp_path: Path) -> None:
    claims = init_and_suggest(tmp_path, "Average overtime pay in the Fire department rose 64% in 2023 from 2022.",
                              {"payroll.csv": _two_years()}, "Overtime")
    assert _first(claims, "up 64%")["measure"] == {
        "change": {"mean": "overtime_pay", "of": "payroll", "where": "department == 'Fire'"},
        "over": "year", "from": 2022, "to": 2023}


def test_employees_paid_overtime_are_those_with_some(tmp_path: Path) -> None:
    """Eight of 2023's nine employees have overtime (one blank). "were paid overtime" was no
    condition: nothing counted eight (before the scale of money thresholds was read, a stray
    `overtime_pay > 8` from another sentence did, by chance)."""
    claims = init_and_suggest(tmp_path, "Eight employees were paid overtime in 2023.",
                              {"payroll.csv": _employees()}, "Overtime")
    assert _first(claims, 8)["measure"] == {"count": "payroll", "where": "overtime_pay > 0 and year == 2023"}


def test_what_was_paid_is_no_condition_when_an_amount_follows() -> None:
    from factcheck.suggest.thresholds import phrases
    said = {"Employees who were paid overtime": [(">", 0, "overtime")], "Families that had children": [(">", 0, "children")],
            "The city paid $2.9 million in overtime": [], "She had the most votes": [],
            "Firefighters earned about $1.45 million": [], "The city paid out $3 million": []}
    for text, found in said.items():
        assert [(p.op, p.number, p.noun) for p in phrases(text)] == found, text


def test_a_money_threshold_is_said_of_the_column_its_sentence_names(tmp_path: Path) -> None:
    """Four thresholds of money, each tried on both money columns, were eight conditions for at
    most six: the last sentence's was left out and its count never found. "in overtime" says
    which column each is of."""
    rows = [f"E{i:02d},2023,{50_000 + 1000 * i},{1000 * (i + 1)}" for i in range(20)]
    story = " ".join(f"{n} employees made more than ${x:,} in overtime in 2023."
                     for n, x in (("Fifteen", 5000), ("Ten", 10_000), ("Five", 15_000), ("Two", 18_000)))
    claims = init_and_suggest(tmp_path, story, {"payroll.csv": csv_text("employee_id,year,base_salary,overtime_pay", rows)},
                              "Overtime")
    for n, x in ((15, 5000), (10, 10_000), (5, 15_000), (2, 18_000)):
        assert _first(claims, n)["measure"] == {"count": "payroll", "where": f"overtime_pay > {x} and year == 2023"}


def test_a_money_threshold_of_no_column_named_is_tried_on_each() -> None:
    """The neighbour: "donations of $200 or less" names no column (`amount`): every money column."""
    from factcheck.suggest.profile import Profile
    from factcheck.suggest.thresholds import _columns_of, phrases
    profile = Profile("gifts", "", 0, numbers=[("amount", "amount"), ("fee", "fee"), ("votes", "votes")])
    (phrase,) = phrases("Donations of $200 or less were 63%.")
    assert [c for c, _, _ in _columns_of(phrase, profile, "Donations of $200 or less were 63%.")] == ["amount", "fee"]
    (phrase,) = phrases("A fee of $200 or less was 63%.")
    assert [c for c, _, _ in _columns_of(phrase, profile, "A fee of $200 or less was 63%.")] == ["fee"]


def test_fewer_ranges_still_bound_the_median(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A table of many cells gets fewer ranges (8 at least): coarser bounds, still around the median."""
    from factcheck.suggest import cells
    monkeypatch.setattr(cells, "MEDIAN_BUDGET", 1)
    fire = [1000 + 37 * i for i in range(21)] + [40_000 + 1000 * i for i in range(20)]
    claims = init_and_suggest(tmp_path, f"{REVIEWED} Its median payment was $1,740.",
                              {"payroll.csv": _overtime(fire, [5000 + 100 * i for i in range(30)])}, "Overtime")
    assert _first(claims, "$1,740")["measure"] == {"median": "overtime_pay", "of": "payroll",
                                                   "where": "department == 'Fire'"}


@settings(max_examples=30)
@given(st.lists(st.integers(-1000, 1000), min_size=1, max_size=40, unique=True), st.lists(st.integers(-1200, 1200),
                                                                                       min_size=1, max_size=10))
def test_the_range_of_a_value_is_found_by_halves(edges: list[int], values: list[int]) -> None:
    """The SQL that finds a value's range agrees with counting the ranges' lower ends at or below it."""
    import duckdb

    from factcheck.suggest.cells import _range_of
    lows = sorted(float(e) for e in edges)
    con = duckdb.connect()
    for v in values:
        got = con.execute(f"SELECT {_range_of(f'CAST({v} AS DOUBLE)', lows, 0, len(lows) - 1)}").fetchall()[0][0]
        assert got == sum(1 for e in lows[1:] if v >= e), (lows, v)


def test_a_negated_payment_is_no_condition_of_some() -> None:
    """"Nine police officers never received overtime" was read `overtime_pay > 0`, the other
    officers, and shown as the sentence's own reading, failing (the attack on the feature)."""
    from factcheck.suggest.thresholds import phrases
    for text in ("Nine officers never received overtime.", "Nine officers were not paid overtime.",
                 "Nine officers received no overtime.", "Nine officers didn't get any overtime."):
        assert not [p for p in phrases(text) if p.noun == "overtime"], text
    assert [(p.op, p.noun) for p in phrases("Nine officers were never late but received overtime.")] == \
        [(">", "overtime")]


def test_an_amount_per_employee_of_a_payroll_keyed_by_employee(tmp_path: Path) -> None:
    """One row per employee, `employee_id` declared the key (init declares it when the ids are
    unique): the key was left out of the columns that say what a row is, so "per employee" found
    no base, in the usual payroll (the attack on the feature)."""
    rows = [f"E{i:02d},{'Police' if i % 2 else 'Fire'},{1000 * (i + 1)}" for i in range(8)]
    claims = init_and_suggest(tmp_path, "The city paid $4,500 in overtime per employee.",
                              {"payroll.csv": csv_text("employee_id,department,overtime_pay", rows)}, "Overtime")
    assert "key: employee_id" in (tmp_path / "story.claims.yaml").read_text()
    assert _first(claims, "$4,500")["measure"] == {"mean": "overtime_pay", "of": "payroll"}


def test_a_median_of_those_paid_overtime_keeps_them(tmp_path: Path) -> None:
    """"Officers who were paid overtime collected a median of $6,450": the condition `overtime_pay >
    0` on the median's own column was taken for begging the question (as `wait > 180` is for "waits
    averaged more than 180 minutes"), so the editor was told the right figure was wrong and offered
    the median with the zeros (the attack). A `> 0` begs nothing."""
    rows = [f"E{i:02d},Police,{pay}" for i, pay in enumerate([0] * 9 + [5000 + 100 * i for i in range(30)])]
    claims = init_and_suggest(tmp_path, "Police officers who were paid overtime collected a median of $6,450.",
                              {"payroll.csv": csv_text("employee_id,department,overtime_pay", rows)}, "Overtime")
    assert _first(claims, "$6,450")["measure"] == {"median": "overtime_pay", "of": "payroll",
                                                   "where": "overtime_pay > 0"}
