"""A city's contracts walked as a data reporter would (constructed data, tests/fixtures/procurement):
three linked tables (contracts in Parquet, vendors and agencies in CSV), a story of 2015–2024 with a
pandemic section on 2020, every claim's verdict, and what the walk found wrong in `init`'s proposals.

The data: 3,355 contracts, six with no amount; Harbor Paving Co. registered twice, once with a
trailing space; emergency contracts spike in 2020. Three of the story's figures are wrong: one in five
dollars (21.9%), minority-owned firms' 12% of the dollars (18.0%), and Parks' "$3 million more" than
Sanitation ($6.9 million).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import factcheck
from factcheck import NoteCode, Verdict
from factcheck.cli import app

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "procurement"
runner = CliRunner()


@pytest.fixture(scope="module")
def story() -> dict[str, factcheck.ClaimResult]:
    return {r.id: r for r in factcheck.verify(FIXTURE / "claims.yaml").results}


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """What `factcheck init story.md contracts.parquet vendors.csv agencies.csv` writes."""
    folder = tmp_path_factory.mktemp("procurement") / "desk"
    shutil.copytree(FIXTURE, folder)
    (folder / ".git").mkdir()
    result = runner.invoke(app, ["init", str(folder / "story.md"), *(str(folder / n) for n in
                                 ("contracts.parquet", "vendors.csv", "agencies.csv"))])
    assert result.exit_code == 0, result.output
    text = (folder / "story.claims.yaml").read_text()
    return {"text": text, "yaml": yaml.safe_load(text)}


STORY = {
    "headline-two-thirds": Verdict.PASS, "total": Verdict.PASS, "count": Verdict.PASS, "median": Verdict.PASS,
    "million-plus": Verdict.PASS, "top-five": Verdict.PASS, "northline": Verdict.PASS,
    "northline-most": Verdict.PASS, "harbor": Verdict.PASS, "emergency-2019": Verdict.PASS,
    "emergency-2020": Verdict.PASS,
    "one-in-five-dollars": Verdict.FAIL,  # 21.9%: "one in five" is 19% to 21%
    "emergency-doubled": Verdict.PASS, "emergency-spending-2020": Verdict.PASS, "no-bid-rose": Verdict.PASS,
    "no-bid-2020": Verdict.PASS, "housing-emergency": Verdict.PASS, "minority-contracts": Verdict.PASS,
    "minority-dollars": Verdict.FAIL,  # 18.0% of the dollars, not 12%
    "parks-no-bid-most": Verdict.PASS, "parks-no-bid": Verdict.PASS,
    "parks-vs-sanitation": Verdict.FAIL,  # $6.9 million more, not $3 million
    "no-bid-every-year": Verdict.PASS, "doubled": Verdict.PASS, "last-year": Verdict.PASS,
    "highest-since-2019": Verdict.PASS, "cancelled": Verdict.PASS, "no-amount": Verdict.PASS,
}


def test_the_procurement_story(story: dict[str, factcheck.ClaimResult]) -> None:
    assert {k: r.verdict for k, r in story.items()} == STORY


def test_the_firm_registered_twice_is_warned_of(story: dict[str, factcheck.ClaimResult]) -> None:
    """Harbor Paving Co.'s $107 million leaves out the $56 million of its second registration
    ('Harbor Paving Co. '): the figure is the data's, but the claim says so; so do the rankings."""
    for cid in ("harbor", "top-five", "northline-most"):
        assert [n for n in story[cid].notes if n.code == NoteCode.SPELLING_VARIANTS], cid
    assert [n for n in story["northline"].notes if n.code == NoteCode.SPELLING_VARIANTS] == []


def test_a_lookup_is_named_as_its_key_column_says(starter: dict) -> None:
    """The walk: `lookup: {agencie: agencies via agency_id}`, and every suggestion then wrote
    `agencie.department`. A reporter writes `agency.department`: the key column's stem."""
    assert starter["yaml"]["tables"]["contracts"]["lookup"] == {"agency": "agencies via agency_id",
                                                                "vendor": "vendors via vendor_id"}
    assert "agencie." not in starter["text"] and "agency.department" in starter["text"]


def _proposed(starter: dict, claim_id: str) -> str:
    """The comments `init` wrote under one claim: its reading and suggestions."""
    text = starter["text"]
    start = text.index(f"  - id: {claim_id}\n")
    end = text.find("\n  - id: ", start + 1)
    return text[start:end if end > 0 else len(text)]


def test_a_story_of_a_decade_has_no_year_of_its_own(starter: dict) -> None:
    """The walk: the story's lead says "from 2015 to 2024", and its section on the pandemic names 2020
    twice; init took 2020 for the article's year and read "Six contracts in the city's data have no
    recorded amount" as the contracts of 2020 (360, "is the figure wrong?"), so too the headline's
    "Five firms" and the "204 contracts" worth $1 million. An article whose lead names a span is of
    the span: a sentence that names no year is read over all of it, and not at the latest year either."""
    for cid in ("six-contracts-city-s-data-have", "five-firms-took-nearly-two-thirds",
                "median-contract-worth-about-57-000-2"):
        proposed = _proposed(starter, cid)
        assert "awarded_date_year" not in proposed, proposed


def test_the_level_a_change_went_to_is_of_its_last_year(starter: dict) -> None:
    """The walk: "No-bid contracts rose 11% from 2019 to 2020, to 62." read 62 as the no-bid contracts
    of 2019 (56: "is the figure wrong?"); 62 is where the rise went to, in 2020."""
    proposed = _proposed(starter, "no-bid-contracts-rose-11-from-2")
    assert "read as written" not in proposed
    assert "suggestion 1: 62 (pass)" in proposed and "method == 'no_bid' and awarded_date_year == 2020" in proposed


@pytest.mark.parametrize(("says", "expect", "year"), [
    ("No-bid contracts rose 11% from 2019 to 2020, to 62.", "62", 2020),
    ("Arrests fell 20% from 2022 to 2024, to about 1,300.", "about 1,300", 2024),
    ("Arrests fell from 2022 to 2024, from 1,600.", "1,600", 2022),
    ("Arrests fell 20% from 2022 to 2024.", "up 20%", None),           # the change itself
    ("Arrests rose from 1,300 in 2022 to 1,600 in 2024.", "1,600", None),  # its own year, read as before
])
def test_a_level_at_an_end_of_the_span(says: str, expect: str, year: int | None) -> None:
    from factcheck.suggest.propose import _end_of_a_span, periods_of
    assert _end_of_a_span(says, expect, periods_of(says, None)) == year


def test_a_count_in_the_clause_after_a_median(starter: dict) -> None:
    """The walk: "The median contract was worth about $57,000, but 204 contracts were worth $1 million
    or more." read 204 as a median (of the contracts of $1 million or more: "is the figure wrong?");
    the median is the first clause's. 204 is a count of those contracts, and passes."""
    proposed = _proposed(starter, "median-contract-worth-about-57-000-2")
    assert "read as written" not in proposed and "median:" not in proposed
    assert "suggestion 1: 204 (pass)" in proposed and "where: amount >= 1000000" in proposed


def test_a_share_of_the_dollars_is_weighed_by_the_amount(starter: dict) -> None:
    """The walk: "In 2020, one in five dollars the city awarded went to emergency contracts" was
    proposed as the share of the contracts (19.4%: a pass), which says nothing of dollars; the share of
    the money is 21.9%, past "one in five", and init now shows it as the reading that fails."""
    proposed = _proposed(starter, "2020-one-five-dollars-city-awarded")
    assert "# read as written: 21.9% (fail)" in proposed
    assert "sum: amount" in proposed and "19.4%" not in proposed


def test_a_flag_written_as_y_and_n_is_named_by_its_column(starter: dict) -> None:
    """The walk: "Minority-owned firms won 22% of contracts but just 12% of the dollars" got chance fits
    (the Fairview vendors among the minority-owned: 22.2%; the minority-owned among Lakewood's: 12%).
    `minority_owned` holds Y and N: "minority-owned" names its Y, as it would a true/false flag's."""
    contracts = _proposed(starter, "minority-owned-firms-won-22-contracts")
    assert "suggestion 1: 22.0% (pass)" in contracts and "share: vendor.minority_owned == 'Y'" in contracts
    assert "Fairview" not in contracts
    dollars = _proposed(starter, "minority-owned-firms-won-22-contracts-2")
    assert "# read as written: 18.0% (fail)" in dollars and "sum: amount" in dollars
    assert "Lakewood" not in dollars


def test_which_value_of_a_column_says_yes() -> None:
    from factcheck.suggest.space import _the_yes
    assert _the_yes(["N", "Y"]) == "Y" and _the_yes(["false", "true"]) == "true" and _the_yes(["0", "1"]) == "1"
    assert _the_yes(["Y"]) is None and _the_yes(["A", "B"]) is None and _the_yes(["Y", "N", "U"]) is None


def test_every_figure_of_the_story_is_checked_or_ignored() -> None:
    report = factcheck.verify(FIXTURE / "claims.yaml")
    assert report.coverage is not None
    left = [(f.text, f.status) for f in report.coverage.figures if f.status not in ("checked", "ignored")]
    assert left == []


@pytest.mark.parametrize(("top_n", "checked"), [(5, True), (6, False)])
def test_a_top_share_checks_the_top_it_takes(top_n: int, checked: bool) -> None:
    """The walk: "The top five vendors received nearly two-thirds of the money", checked by `top_share:
    amount, by: vendor.name, top_n: 5`, left "The top" and "five" not checked (and the headline's "Five
    firms took …" too). The measure takes those five: it checks them; a top of six does not."""
    from factcheck.draft.coverage import ClaimRef, cover
    from factcheck.draft.figures import find_figures
    article = find_figures("# Five firms took nearly two-thirds of the money\n\n"
                           "The top five vendors received nearly two-thirds of the money.\n")
    claims = [ClaimRef("head", "Five firms took nearly two-thirds of the money", "nearly two-thirds", top_n=top_n),
              ClaimRef("body", "The top five vendors received nearly two-thirds of the money.", "nearly two-thirds",
                       top_n=top_n)]
    status = {f.figure.text: f.status for f in cover(article, claims).figures}
    assert status["nearly two-thirds"] == "checked"
    assert all((status[t] == "checked") == checked for t in ("Five", "The top", "five")), status


def test_every_year_since_is_each_year_count(starter: dict) -> None:
    """The walk: "The city awarded at least 45 no-bid contracts in every year since 2017" was proposed as
    the no-bid contracts since 2017 (406: "at least 45" passes, and says nothing of any year) or of 2017
    alone (46), and "in every year since 2017" got a claim of its own with chance extremes. One claim,
    an `every` of the yearly counts to the data's last year, checks both figures."""
    proposed = _proposed(starter, "city-awarded-at-least-45-no")
    assert "suggestion 1: yes: all 8 periods (2017–2024) (pass)" in proposed
    assert "every:" in proposed and "where: method == 'no_bid'" in proposed and "since: 2017" in proposed
    assert ">= 2017" not in proposed and "406" not in proposed
    assert [c["says"] for c in starter["yaml"]["claims"]].count(
        "The city awarded at least 45 no-bid contracts in every year since 2017.") == 1


def test_last_year_of_a_decade_is_the_data_latest(starter: dict) -> None:
    """The walk: "Last year's $137.7 million was the highest since 2019" had no suggestion for $137.7
    million, and "the highest since 2019" was proposed at 2020 (the year the pandemic section named);
    then, with no year of the article's own, at 2024 by the mean contract. "Last year" of a story of
    2015 to 2024 is 2024, and the record is of the amount the sentence states, the year's total."""
    amount = _proposed(starter, "last-year-s-137-7-million")
    assert "suggestion 1: $137,744,544.91 (pass)" in amount and "where: awarded_date_year == 2024" in amount
    record = _proposed(starter, "last-year-s-137-7-million-2")
    first = record[record.index("suggestion 1"):record.find("suggestion 2")]
    assert "sum: amount" in first and "at: 2024" in first and "since: 2019" in first


def test_a_name_of_many_is_a_condition(starter: dict) -> None:
    """The walk: "Northline Construction alone received $222 million" and "Harbor Paving Co. received
    $107 million" had no suggestion: a vendor's name is one of 160, too many for a column of categories.
    The names the sentences say are conditions (`vendor.name == 'Northline Construction'`), never a
    ranking of the 160 (which would read "more than any other vendor" as a count of one row each)."""
    northline = _proposed(starter, "northline-construction-alone-received-222-million")
    assert "$222,293,788.86 (pass)" in northline and "where: vendor.name == 'Northline Construction'" in northline
    harbor = _proposed(starter, "harbor-paving-co-received-107-million")
    assert "$106,691,073.10 (pass)" in harbor and "where: vendor.name == 'Harbor Paving Co.'" in harbor
    most = _proposed(starter, "northline-construction-alone-received-222-million-2")
    assert "read as written" not in most and "over: name" not in most


def test_the_size_of_a_top_is_no_count(starter: dict) -> None:
    """The walk: the "five" of "The top five vendors received nearly two-thirds of the money" was read
    as the number of vendors (160: "is the figure wrong?"). It is how many the top holds, which the
    claim of two-thirds takes (`top_n: 5`) and covers."""
    proposed = _proposed(starter, "top-five-vendors-received-nearly-two-2")
    assert "read as written" not in proposed and "count: vendors" not in proposed
    assert "is how many the top holds" in proposed and "top_n: 5" in proposed
