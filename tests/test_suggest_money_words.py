"""`suggest` on thresholds of money written in words, and on a total or median of the rows past one.

"Contracts of more than one million dollars made up 12 of the awards": the words were read as one
of something called "million" (no column), so the twelve were never counted as the contracts past
$1 million, as they were for "more than $1 million". "Contracts worth more than $1 million totaled
$21 million": the sum of `amount` over the rows with `amount > 1000000` was refused as begging the
question, like a mean of waits past three hours judged against "more than three hours"; the total
is a figure of its own, and checkable. The data is constructed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from drafts import csv_text, init_and_suggest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.suggest.thresholds import condition_of_a_figure, phrases


def _contracts() -> str:
    """2023: 12 contracts of $1.2 million to $2.3 million (by $100,000: $21 million in all, median
    $1.75 million, three past $2 million) and 18 of $20,000 to $190,000; 2022: ten of $50,000 to $500,000."""
    rows = [f"C{i:03d},2023,{'Roads' if i % 2 else 'Parks'},{1_200_000 + 100_000 * i}" for i in range(12)]
    rows += [f"C{100 + i:03d},2023,{'Roads' if i % 3 else 'Parks'},{20_000 + 10_000 * i}" for i in range(18)]
    rows += [f"C{200 + i:03d},2022,Roads,{50_000 * (i + 1)}" for i in range(10)]
    return csv_text("contract_id,year,department,amount", rows)


def _claim(claims: list[dict[str, Any]], expect: Any) -> dict[str, Any]:
    return next(c for c in claims if str(c["expect"]) == str(expect))


def _first(claims: list[dict[str, Any]], expect: Any) -> dict[str, Any]:
    """The first candidate's measure of the claim of ``expect``, asserting it passes."""
    claim = _claim(claims, expect)
    assert claim["candidates"], claim
    first: dict[str, Any] = claim["candidates"][0]
    assert first["verdict"] == "pass", first
    return first["measure"]  # type: ignore[no-any-return]


@pytest.mark.parametrize(("sentence", "count", "where"), [
    ("Contracts of more than one million dollars made up 12 of the awards in 2023.", 12, "amount > 1000000"),
    ("Twelve contracts were worth more than a million dollars in 2023.", 12, "amount > 1000000"),
    ("Three contracts were worth over two million dollars in 2023.", 3, "amount > 2000000"),
    ("Twelve contracts were worth at least five hundred thousand dollars in 2023.", 12, "amount >= 500000"),
])
def test_a_threshold_of_money_in_words_keeps_its_scale(tmp_path: Path, sentence: str, count: int, where: str) -> None:
    claims = init_and_suggest(tmp_path, sentence, {"contracts.csv": _contracts()}, "Contracts")
    assert _first(claims, count) == {"count": "contracts", "where": f"{where} and year == 2023"}


def test_init_writes_the_count_past_a_million_in_words(tmp_path: Path) -> None:
    """The attack's sentence: `init` wrote the count of all the year's contracts (30) as the reading,
    and twelve of one department as the suggestion."""
    init_and_suggest(tmp_path, "Contracts of more than one million dollars made up 12 of the awards in 2023.",
                     {"contracts.csv": _contracts()}, "Contracts")
    text = (tmp_path / "story.claims.yaml").read_text(encoding="utf-8")
    twelve = text[text.index("expect: '12'"):]
    assert twelve.index("# suggestion 1: 12 (pass)") < twelve.index("#     where: amount > 1000000 and year == 2023")
    assert "# read as written" not in twelve


def test_a_threshold_in_words_is_the_condition_of_the_share_it_is_of(tmp_path: Path) -> None:
    """"over one million dollars" is the condition of "Two in five", as "over $1 million" is: `init`
    writes it "over 1 million"."""
    says = "Two in five contracts were worth over one million dollars in 2023."
    claims = init_and_suggest(tmp_path, says, {"contracts.csv": _contracts()}, "Contracts")
    assert _first(claims, "Two in five") == {"share": "amount > 1000000", "of": "contracts", "where": "year == 2023"}
    assert _claim(claims, "over 1 million")["candidates"] == []
    assert condition_of_a_figure(says, "over 1 million") == ("Two in five", "share")
    assert condition_of_a_figure(says, "over one million dollars") == ("Two in five", "share")


def test_the_forms_of_money_in_words() -> None:
    said = ("Deals of more than one million dollars.", "Over a million dollars each.",
            "At least five hundred thousand dollars.", "Bids of two hundred and fifty thousand dollars or more.",
            "Fees under 300,000 dollars.", "Gifts over 2.5 million dollars.", "Under twenty-five pounds.")
    assert [(p.op, p.number, p.noun) for t in said for p in phrases(t)] == [
        (">", 1_000_000, "$"), (">", 1_000_000, "$"), (">=", 500_000, "$"), (">=", 250_000, "$"),
        ("<", 300_000, "$"), (">", 2_500_000, "$"), ("<", 25, "$")]


def test_the_neighbours_of_money_in_words_keep_their_reading() -> None:
    """No comparison, no unit of money, a number `read_spelled` does not read, a dollar sign
    before it: none is read anew, and none as one of something called "million"."""
    assert phrases("The city spent a million dollars.") == []
    # read as its digits are ("Over $1.5 million"), now that one reader reads "one and a half million"
    assert [(p.op, p.number) for p in phrases("Over one and a half million dollars went to roads.")] == \
        [(p.op, p.number) for p in phrases("Over $1.5 million went to roads.")] == [(">", 1_500_000)]
    assert phrases("Over one and a half dozen went to roads.") == []
    assert phrases("More than one in five contracts went to Parks.") == []
    assert [(p.number, p.figure) for p in phrases("Contracts of more than $1 million dollars.")] == \
        [(1_000_000, "$1 million")]
    assert [(p.op, p.number, p.noun) for p in phrases("Nearly a third waited more than four hours.")] == \
        [(">", 4, "hours")]
    assert [(p.op, p.number, p.noun) for p in phrases("Two or more officers, over 1,000 beds.")] == \
        [(">", 1000, "beds"), (">=", 2, "officers")]


_ONES = "one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def _spell(n: int) -> str:
    """1 ≤ n ≤ 999 in words, as a story writes it: 'two hundred forty-five'."""
    hundreds, rest = divmod(n, 100)
    out = [f"{_ONES[hundreds - 1]} hundred"] if hundreds else []
    if rest >= 20:
        out.append(_TENS[rest // 10 - 2] + (f"-{_ONES[rest % 10 - 1]}" if rest % 10 else ""))
    elif rest >= 10:
        out.append(_TEENS[rest - 10])
    elif rest:
        out.append(_ONES[rest - 1])
    return " ".join(out)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 999), st.sampled_from(["", " thousand", " million", " billion"]),
       st.sampled_from(["more than", "over", "at least", "under", "no more than"]))
def test_money_in_words_is_the_same_threshold_as_in_digits(n: int, scale: str, op: str) -> None:
    (digits,) = phrases(f"Contracts worth {op} ${n}{scale} went to roads.")
    (spoken,) = phrases(f"Contracts worth {op} {_spell(n)}{scale} dollars went to roads.")
    assert (spoken.op, spoken.number, spoken.noun) == (digits.op, digits.number, digits.noun)
    assert spoken.number == n * {"": 1, " thousand": 10**3, " million": 10**6, " billion": 10**9}[scale]


def test_the_total_of_the_contracts_past_a_threshold(tmp_path: Path) -> None:
    """The threshold says which rows are summed; $21 million is the figure."""
    claims = init_and_suggest(tmp_path, "Contracts worth more than $1 million totaled $21 million in 2023.",
                              {"contracts.csv": _contracts()}, "Contracts")
    assert _first(claims, "$21 million") == {"sum": "amount", "of": "contracts",
                                             "where": "amount > 1000000 and year == 2023"}


def test_the_median_of_the_contracts_past_a_threshold_in_words(tmp_path: Path) -> None:
    claims = init_and_suggest(tmp_path, "Contracts of more than one million dollars had a median value of "
                              "$1.75 million in 2023.", {"contracts.csv": _contracts()}, "Contracts")
    assert _first(claims, "$1.75 million") == {"median": "amount", "of": "contracts",
                                               "where": "amount > 1000000 and year == 2023"}


def test_a_bound_past_the_threshold_still_begs_the_question(tmp_path: Path) -> None:
    """The neighbour: "averaged more than $1 million" of the contracts past $1 million is true
    whatever the data; no mean or sum kept to `amount > …` is offered for it."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "contracts.csv").write_text(_contracts(), encoding="utf-8")
    says = "In 2023, contracts worth more than $1 million averaged more than $1 million."
    (tmp_path / "claims.yaml").write_text(
        "version: 1\ntables:\n  contracts: {path: contracts.csv, key: contract_id}\nclaims:\n"
        f"  - {{id: averaged, says: '{says}', expect: more than $1 million}}\n", encoding="utf-8")
    from factcheck.suggest import suggest
    found = suggest(tmp_path / "claims.yaml").for_claim("averaged")
    offered = [s.measure for s in [*found.candidates, *([found.reading] if found.reading else [])]]
    assert not [m for m in offered if "amount >" in str(m.get("where", "")) and m.keys() & {"mean", "sum", "median"}]


def test_the_begging_rule_reads_the_figure() -> None:
    from factcheck.suggest.propose import _begs_the_question
    kept = {"sum": "amount", "of": "contracts", "where": "amount > 1000000 and year == 2023"}
    assert _begs_the_question(kept) and not _begs_the_question(kept, bound=False)
    assert not _begs_the_question({**kept, "where": "amount > 0"})  # those paid some: never
    nested = {"change": {"sum": "amount", "of": "contracts", "where": "amount > 1000000"}, "from": 2022, "to": 2023}
    assert _begs_the_question(nested) and not _begs_the_question(nested, bound=False)


def test_the_figure_s_expectation_says_whether_it_is_a_bound(tmp_path: Path) -> None:
    from factcheck import load
    from factcheck.suggest.propose import _a_bound, families
    (tmp_path / "claims.yaml").write_text("version: 1\ntables: {}\nclaims: []\n", encoding="utf-8")
    loaded = load(tmp_path / "claims.yaml")
    assert not _a_bound(families("$21 million", loaded)) and not _a_bound(families("about 186 minutes", loaded))
    assert _a_bound(families("more than $1 million", loaded)) and _a_bound(families("at least 12", loaded))
    assert _a_bound(families(True, loaded)) and _a_bound({})


@pytest.mark.parametrize(("sentence", "figure", "expect"), [
    # a threshold in words right after "more than": the count is the figure, no difference ("12 more")
    ("Twelve contracts were worth more than a million dollars in 2023.", "Twelve", "12"),
    ("Twelve contracts were worth more than one million dollars in 2023.", "Twelve", "12"),
    ("Twelve cases lasted more than two years.", "Twelve", "12"),
    ("Forty days were above ninety degrees.", "Forty", "40"),
    ("Twelve contracts were worth more than $1 million in 2023.", "Twelve", "12"),
    # the neighbours: a difference, whatever follows "than" ("a year earlier", "one year earlier")
    ("Officers filed 12 more reports than a year earlier.", "12", "12 more"),
    ("Officers filed 12 more reports than one year earlier.", "12", "12 more"),
    ("Officers filed 12 more than one year earlier.", "12", "12 more"),
    ("The Bronx had 392 more filings than two of the other boroughs.", "392", "392 more"),
    ("Rents were $330 more on average than a year ago.", "$330", "$330 more"),
    ("Manhattan's median was $1,300 above Brooklyn's.", "$1,300", "$1,300 more"),
])
def test_init_reads_a_threshold_in_words_after_a_count_as_no_difference(sentence: str, figure: str,
                                                                         expect: str) -> None:
    """`init` wrote "12 more" for "Twelve contracts were worth more than a million dollars": a
    threshold in digits after "more than" was known for one, in words it was not."""
    from factcheck.starter import _expect
    assert _expect(sentence, sentence.index(figure), figure, "number") == expect
