"""`suggest` on a figure written as a rate: "2.0 cases per 100,000 residents" divides by another table."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.draft.phrases import rate_base
from factcheck.suggest.propose import rate_of

runner = CliRunner()
# cases per county and year, and each county's residents: Kings had 50 cases in 2023 among
# 2,500,000 residents (2.0 per 100,000), Queens 23 among 2,300,000 (1.0), the Bronx 42 among
# 1,400,000 (3.0); every county together 115 among 6,200,000 (1.85)
CASES = {("Kings", 2022): 40, ("Kings", 2023): 50, ("Queens", 2022): 30, ("Queens", 2023): 23,
         ("Bronx", 2022): 35, ("Bronx", 2023): 42}
RESIDENTS = {"Kings": 2_500_000, "Queens": 2_300_000, "Bronx": 1_400_000}


def _story(folder: Path, sentence: str, population: str | None = None) -> Path:
    """A claims file of one claim without a measure, `sentence`, over cases.csv and population.csv."""
    rows = [f"K{i:04d},{county},{year}" for i, (county, year) in
            enumerate(key for key, n in CASES.items() for _ in range(n))]
    (folder / "cases.csv").write_text("case_id,county,year\n" + "\n".join(rows) + "\n", encoding="utf-8")
    (folder / "population.csv").write_text(
        population or "county,residents\n" + "".join(f"{c},{n}\n" for c, n in RESIDENTS.items()), encoding="utf-8")
    (folder / "story.md").write_text(f"# Cases\n\n{sentence}\n", encoding="utf-8")
    made = runner.invoke(app, ["init", str(folder / "story.md"), str(folder / "cases.csv"),
                               str(folder / "population.csv")])
    assert made.exit_code == 0, made.output
    return folder / "story.claims.yaml"


def _suggested(claims: Path) -> dict[str, Any]:
    got = runner.invoke(app, ["suggest", str(claims), "--json", "-"])
    assert got.exit_code == 0, got.output
    (claim,) = json.loads(got.stdout)["claims"]
    return claim  # type: ignore[no-any-return]


def _ratio(where: str, base_where: str | None, per: int = 100_000) -> dict[str, Any]:
    return {"ratio": {"numerator": {"count": "cases", "where": where},
                      "denominator": {"sum": "residents", "of": "population",
                                      **({"where": base_where} if base_where else {})}},
            "per": per}


def test_a_rate_divides_by_the_column_of_another_table_its_base_names(tmp_path: Path) -> None:
    """Before, no candidate was a rate: the search counted the rows of one table, and "2.0" read as
    a count of cases found nothing. The county is a condition on both sides (the two tables have
    that column); the year only on the cases (the population has none)."""
    claim = _suggested(_story(tmp_path, "Kings had 2.0 cases per 100,000 residents in 2023."))
    first = claim["candidates"][0]
    assert first["measure"] == _ratio("county == 'Kings' and year == 2023", "county == 'Kings'")
    assert (first["value"], first["verdict"]) == (2.0, "pass")


def test_a_wrong_rate_is_read_as_the_rate_the_sentence_states_never_as_a_count(tmp_path: Path) -> None:
    """Before, the sentence's reading of a wrong rate was the number of cases (50 -> fail): a
    reporter was shown a count as the check of a rate, and asked whether the figure was wrong
    for a reason that had nothing to do with it."""
    claim = _suggested(_story(tmp_path, "Kings had 2.6 cases per 100,000 residents in 2023."))
    reading = claim["reading"]
    assert reading["measure"] == _ratio("county == 'Kings' and year == 2023", "county == 'Kings'")
    assert (reading["value"], reading["verdict"]) == (2.0, "fail")
    shown = [c["measure"] for c in [*claim["candidates"], *claim["misses"]]]
    assert shown and all("ratio" in m and m["per"] == 100_000 for m in shown), shown


def test_a_base_table_with_the_period_column_is_kept_to_the_period_too(tmp_path: Path) -> None:
    """The residents of each county in each year: the rate of 2023 divides by 2023's residents."""
    population = "county,year,residents\n" + "".join(
        f"{c},{y},{n + (y - 2023) * 100_000}\n" for c, n in RESIDENTS.items() for y in (2022, 2023))
    claim = _suggested(_story(tmp_path, "Kings had 2.0 cases per 100,000 residents in 2023.", population))
    assert claim["candidates"][0]["measure"] == _ratio("county == 'Kings' and year == 2023",
                                                       "county == 'Kings' and year == 2023")


def test_a_rate_nothing_can_divide_is_said_to_be_one_and_never_counted(tmp_path: Path) -> None:
    """No table has a column of households: the note says what the rate is and how to write it,
    instead of the count of cases offered as the sentence's reading."""
    claim = _suggested(_story(tmp_path, "Kings had 2.0 cases per 1,000 households in 2023."))
    assert claim["candidates"] == claim["misses"] == [] and "reading" not in claim
    assert claim["note"].startswith("a rate per 1,000 households: no table has a number column")
    assert "per:" in claim["note"]


def test_a_sentence_stating_a_rate_ranks_and_compares_groups_by_it(tmp_path: Path) -> None:
    """"The Bronx had the highest rate in 2023, 3.0 cases per 100,000 residents, three times
    Queens's rate": the highest and the three times are of the rate the sentence states. Before,
    the highest was of the number of cases (Kings had the most, 50: "the Bronx" was shown as the
    wrong answer to a question the sentence does not ask), and "three times" was never a figure
    (a multiple before a name, "three times Queens's", was not read), so it was not checked."""
    sentence = "The Bronx had the highest rate in 2023, 3.0 cases per 100,000 residents, three times Queens's rate."
    folder = tmp_path
    _story(folder, sentence)
    got = runner.invoke(app, ["suggest", str(folder / "story.claims.yaml"), "--json", "-"])
    assert got.exit_code == 0, got.output
    claims = {c["expect"]: c for c in json.loads(got.stdout)["claims"]}
    assert set(claims) == {True, "3.0", "three times"}
    rate = _ratio("year == 2023", None)["ratio"]
    highest = claims[True]["candidates"][0]
    assert highest["measure"] == {"extreme": {"ratio": rate, "per": 100_000}, "over": "county", "at": "Bronx",
                                  "is": "highest"}
    assert (highest["value"], highest["verdict"]) == (True, "pass")
    times = claims["three times"]["candidates"][0]
    assert times["measure"] == {"compare": {"ratio": rate, "per": 100_000}, "by": "county", "a": "Bronx",
                                "b": "Queens", "as": "ratio"}
    assert (times["value"], times["verdict"]) == (3.0, "pass")
    assert claims["3.0"]["candidates"][0]["measure"] == _ratio("county == 'Bronx' and year == 2023",
                                                               "county == 'Bronx'")


def test_a_rate_below_one_is_a_rate_not_a_share(tmp_path: Path) -> None:
    """Queens had 23 cases among 2,300,000 residents: 0.1 per 10,000. Before, "0.1" was read as a
    share (10%) and searched among the shares of cases; the rate was never tried."""
    claim = _suggested(_story(tmp_path, "Queens had 0.1 cases per 10,000 residents in 2023."))
    first = claim["candidates"][0]
    assert first["measure"] == _ratio("county == 'Queens' and year == 2023", "county == 'Queens'", per=10_000)
    assert first["verdict"] == "pass"


def test_half_another_group_s_rate_compares_the_two_rates(tmp_path: Path) -> None:
    """Queens's 1.0 per 100,000 is half Kings's 2.0: a multiple of two rates, not a share of a half.
    Before, "half" was searched as a share of the cases (a third of them were Queens's, say)."""
    _story(tmp_path, "In 2023 Queens had 1.0 cases per 100,000 residents, half Kings's rate.")
    got = runner.invoke(app, ["suggest", str(tmp_path / "story.claims.yaml"), "--json", "-"])
    assert got.exit_code == 0, got.output
    claims = {c["expect"]: c for c in json.loads(got.stdout)["claims"]}
    first = claims["half"]["candidates"][0]
    rate = _ratio("year == 2023", None)["ratio"]
    assert first["measure"] == {"compare": {"ratio": rate, "per": 100_000}, "by": "county", "a": "Queens",
                                "b": "Kings", "as": "ratio"}
    assert (first["value"], first["verdict"]) == (0.5, "pass")


def test_a_multiple_of_another_group_s_rate_is_never_read_against_the_whole(tmp_path: Path) -> None:
    """The Bronx's 3.0 is three times Queens's 1.0, not "about 1.6 times": the figure is wrong. The
    Bronx against every county (1.62 times) fits it, but the sentence compares with Queens: before,
    that comparison was offered as a passing candidate; now the sentence's reading fails."""
    _story(tmp_path, "In 2023 the Bronx had 3.0 cases per 100,000 residents, about 1.6 times Queens's rate.")
    got = runner.invoke(app, ["suggest", str(tmp_path / "story.claims.yaml"), "--json", "-"])
    assert got.exit_code == 0, got.output
    claim = next(c for c in json.loads(got.stdout)["claims"] if c["expect"] == "about 1.6 times")
    assert claim["candidates"] == []
    reading = claim["reading"]
    assert (reading["measure"]["a"], reading["measure"]["b"], reading["value"]) == ("Bronx", "Queens", 3.0)


@pytest.mark.parametrize(("text", "per"), [
    ("1.8 filings per 1,000 households", 1000),
    ("12 deaths per 100,000 people", 100_000),
    ("3 crashes per every 10,000 drivers", 10_000),
    ("4 arrests per one thousand residents", 1000),
    ("9.5 cases per 100 thousand residents", 100_000),
    ("2 beds per a hundred patients", 100),
])
def test_the_base_of_a_rate_is_read_as_written(text: str, per: int) -> None:
    found = rate_base(text)
    assert found is not None and found[0] == per
    assert rate_of(text, text.split()[0]) is not None


@pytest.mark.parametrize(("says", "expect"), [
    ("Filings rose 18%, to 2,240 per year.", "18%"),              # no base: "per year"
    ("Filings rose 18%; rents were 1.8 per 1,000 higher.", "18%"),  # the base of another figure
    ("There were 1.8 per 1,000.", "1.8"),                          # a base that names nothing
    ("The fee was $25 per 1.5 hours.", "$25"),                     # no whole base
    ("Filings rose 18 per cent.", "18"),                           # a percentage
    ("Visits rose to 40 per day.", "40"),                          # a rate per period: no table's base
])
def test_a_figure_that_is_no_rate_is_read_as_before(says: str, expect: str) -> None:
    assert rate_of(says, expect) is None


def _spending(folder: Path, sentence: str, *, one_table: bool = False) -> dict[str, Any]:
    """Three towns: Ashton spent $12,000,000 on 10,000 residents ($1,200 each), Bexley $9,000,000 on
    15,000 ($600), Corby $4,000,000 on 8,000 ($500); all three $757.58 per resident. Spending is
    40 payments a town, of amounts that differ (payments.csv), beside the residents (towns.csv), or
    one row a town."""
    towns = {"Ashton": (12_000_000, 10_000), "Bexley": (9_000_000, 15_000), "Corby": (4_000_000, 8_000)}
    if one_table:
        (folder / "towns.csv").write_text("town,spending,residents\n" + "".join(
            f"{t},{s},{r}\n" for t, (s, r) in towns.items()), encoding="utf-8")
        tables = "  towns: {path: towns.csv, key: town}\n"
    else:
        rows = [f"P{t[0]}{k},{t},{s // 40 + 100 * k - 1950}" for t, (s, _) in towns.items() for k in range(40)]
        (folder / "payments.csv").write_text("payment_id,town,amount\n" + "\n".join(rows) + "\n", encoding="utf-8")
        (folder / "towns.csv").write_text("town,residents\n" + "".join(f"{t},{r}\n" for t, (_, r) in towns.items()),
                                          encoding="utf-8")
        tables = "  payments: {path: payments.csv, key: payment_id}\n  towns: {path: towns.csv, key: town}\n"
    (folder / "claims.yaml").write_text(f"version: 1\ntitle: Spending\ntables:\n{tables}claims:\n"
                                        f"  - id: c\n    says: {json.dumps(sentence)}\n"
                                        f"    expect: {json.dumps(sentence.split(' per ')[0].split()[-1])}\n",
                                        encoding="utf-8")
    got = runner.invoke(app, ["suggest", str(folder / "claims.yaml"), "--json", "-"])
    assert got.exit_code == 0, got.output
    return json.loads(got.stdout)["claims"][0]  # type: ignore[no-any-return]


def test_an_amount_per_resident_divides_a_sum_of_money_by_the_residents(tmp_path: Path) -> None:
    """Before, "$1,200 per resident" was searched as a sum or mean of the payments (none is 1,200);
    a rate per one of something was no rate at all."""
    claim = _spending(tmp_path, "Ashton spent $1,200 per resident.")
    assert claim["candidates"][0]["measure"] == {"ratio": {
        "numerator": {"sum": "amount", "of": "payments", "where": "town == 'Ashton'"},
        "denominator": {"sum": "residents", "of": "towns", "where": "town == 'Ashton'"}}}
    assert claim["candidates"][0]["verdict"] == "pass"


def test_per_capita_is_per_resident(tmp_path: Path) -> None:
    claim = _spending(tmp_path, "The three towns spent about $758 per capita.")
    assert claim["candidates"][0]["measure"] == {"ratio": {"numerator": {"sum": "amount", "of": "payments"},
                                                           "denominator": {"sum": "residents", "of": "towns"}}}


def test_a_rate_may_divide_two_columns_of_one_table(tmp_path: Path) -> None:
    claim = _spending(tmp_path, "Bexley spent $600 per resident.", one_table=True)
    assert claim["candidates"][0]["measure"] == {"ratio": {
        "numerator": {"sum": "spending", "of": "towns", "where": "town == 'Bexley'"},
        "denominator": {"sum": "residents", "of": "towns", "where": "town == 'Bexley'"}}}
