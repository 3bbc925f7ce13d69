"""`suggest` reads a threshold of money by what it states, not by its words (attack 7, finding 6).

"Four contracts were worth more than one million dollars" had the condition `amount > 1000000`
named only by the words of the sentence that first stated it ("more than $1 million": "1",
"million"), so the words form lost it (the count of all contracts was "the sentence's reading",
flagged "is it wrong?"); with other million-dollar sentences in the file, the conditions of
"a million dollars or more" and "less than a million dollars" were named by the same words and
read together, `amount >= 1000000 and amount < 1000000`, a range of no row. "above half a million
dollars" was no threshold at all. The data is constructed: 4 contracts past $1 million, 5 at or
past it.
"""

from __future__ import annotations

import json
import re
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_spelled_numbers import under_a_thousand
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.suggest.thresholds import phrases, stated_keys

AMOUNTS = [2_000_000, 3_000_000, 5_000_000, 11_000_000, 500_000, 800_000, 999_999, 1_000_000, 200_000, 300_000]
SENTENCES = [
    ("a", "Contracts worth more than $1 million totaled $21 million.", "$21 million"),
    ("b", "Four contracts were worth more than one million dollars.", "4"),
    ("c", "Four contracts were worth over a million dollars.", "4"),
    ("d", "Contracts of a million dollars or more totaled $22 million.", "$22 million"),
    ("e", "Six contracts were worth less than a million dollars.", "6"),
    ("f", "The median contract above half a million dollars was $2.5 million.", "$2.5 million"),
    ("g", "Four contracts were worth more than $1 million.", "4"),
]


@pytest.fixture(scope="module")
def suggested(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("contracts")
    rows = [f"{i},V{i % 3},{a},2021" for i, a in enumerate(AMOUNTS)]
    (folder / "contracts.csv").write_text("contract_id,vendor,amount,year\n" + "\n".join(rows) + "\n", encoding="utf-8")
    (folder / "story.md").write_text("\n\n".join(s for _, s, _ in SENTENCES) + "\n", encoding="utf-8")
    claims = "".join(f"  - id: {i}\n    says: {s}\n    expect: '{e}'\n" for i, s, e in SENTENCES)
    (folder / "c.yaml").write_text("version: 1\narticle: story.md\ntables:\n  contracts:\n    path: contracts.csv\n"
                                   f"    key: contract_id\nclaims:\n{claims}", encoding="utf-8")
    got = CliRunner().invoke(app, ["suggest", str(folder / "c.yaml"), "--json", "-"])
    assert got.exit_code == 0, got.output
    return {c["id"]: c for c in json.loads(got.stdout)["claims"]}


def _first(claim: dict[str, Any]) -> dict[str, Any]:
    assert claim["candidates"], claim
    first: dict[str, Any] = claim["candidates"][0]
    return first


@pytest.mark.parametrize(("claim", "measure"), [
    ("b", {"count": "contracts", "where": "amount > 1000000"}),
    ("c", {"count": "contracts", "where": "amount > 1000000"}),
    ("g", {"count": "contracts", "where": "amount > 1000000"}),  # as before
    ("a", {"sum": "amount", "of": "contracts", "where": "amount > 1000000"}),
    ("d", {"sum": "amount", "of": "contracts", "where": "amount >= 1000000"}),
])
def test_a_threshold_in_words_is_the_sentence_s_own_reading(suggested: dict[str, dict[str, Any]], claim: str,
                                                             measure: dict[str, str]) -> None:
    first = _first(suggested[claim])
    assert first["measure"] == measure and first["verdict"] == "pass" and not first["departs"], first


def test_a_wrong_figure_past_a_threshold_in_words_is_shown_failing(suggested: dict[str, dict[str, Any]]) -> None:
    """"Six contracts … less than a million dollars": there are five; "the median contract above half a
    million dollars was $2.5 million": it is $2 million. Each read as the sentence says, and failing."""
    assert suggested["e"]["reading"]["measure"] == {"count": "contracts", "where": "amount < 1000000"}
    assert suggested["e"]["reading"]["verdict"] == "fail"
    assert suggested["f"]["reading"]["measure"] == {"median": "amount", "of": "contracts", "where": "amount > 500000"}
    assert suggested["f"]["reading"]["verdict"] == "fail"


def test_no_range_of_no_row_is_proposed(suggested: dict[str, dict[str, Any]]) -> None:
    for claim in suggested.values():
        found = [*claim["candidates"], *claim.get("misses", []), *([claim["reading"]] if claim.get("reading") else [])]
        for c in found:
            where = c["measure"].get("where", "")
            assert len(re.findall(r"\bamount [<>]=? \d+", where)) < 2 or c["rows_kept"], (claim["id"], c)


@pytest.mark.parametrize(("sentence", "found"), [
    ("The median contract above half a million dollars was $2.5 million.", [(">", 500_000)]),
    ("Gifts over a quarter million dollars were returned.", [(">", 250_000)]),
    ("Contracts over one and a half million dollars.", [(">", 1_500_000)]),
    ("Half a million dollars or more went to police.", [(">=", 500_000)]),
    # as before
    ("More than half of contracts were late.", []),
    ("Four contracts were worth more than one million dollars.", [(">", 1_000_000)]),
])
def test_a_part_of_a_scale_is_a_threshold(sentence: str, found: list[tuple[str, int]]) -> None:
    assert [(p.op, p.number) for p in phrases(sentence)] == found


@given(st.integers(1, 999), st.sampled_from([("thousand", 10**3), ("million", 10**6)]),
       st.sampled_from(["more than", "over", "less than", "at least"]))
def test_a_threshold_states_the_same_in_words_and_digits(count: int, scale: tuple[str, int], op: str) -> None:
    name, size = scale
    spoken, digits = f"Contracts {op} {under_a_thousand(count)} {name} dollars.", f"Contracts {op} ${count} {name}."
    assert stated_keys(spoken) == stated_keys(digits) != set(), (spoken, digits)
    assert [p.number for p in phrases(spoken)] == [Fraction(count * size)]
