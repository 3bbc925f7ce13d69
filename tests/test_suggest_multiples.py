"""`suggest` on a multiple between groups: "twice as many filings as Brooklyn", "more than twice
the city's rate" compare two groups, or a part with the whole, not a year with another."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.draft.phrases import scan

ROOT = Path(__file__).resolve().parents[1]
EVICTIONS = ROOT / "tests" / "fixtures" / "evictions"
runner = CliRunner()


def _suggested(folder: Path, tables: str, claims: str) -> dict[str, dict[str, Any]]:
    (folder / "claims.yaml").write_text(f"version: 1\ntitle: Multiples\ntables:\n{tables}claims:\n{claims}",
                                        encoding="utf-8")
    got = runner.invoke(app, ["suggest", str(folder / "claims.yaml"), "--json", "-"])
    assert got.exit_code == 0, got.output
    return {c["id"]: c for c in json.loads(got.stdout)["claims"]}


def test_a_multiple_of_two_groups_compares_their_counts_not_two_years(tmp_path: Path) -> None:
    """In 2024 the Bronx had 917 filings and Brooklyn 430 (2.13 times), Manhattan 277 and Staten
    Island 91 (3.04 times). Before, a multiple was searched as a change over time only: nothing fit,
    and the Bronx's rise from 2023 (+12.7%) was shown as the sentence's reading. "Doubled" still
    says a figure changed over time."""
    for name in ("filings.csv", "boroughs.csv"):
        shutil.copy(EVICTIONS / name, tmp_path / name)
    tables = ("  filings: {path: filings.csv, key: filing_id, derive: {filed_on_year: year(filed_on)}}\n"
              "  boroughs: {path: boroughs.csv, key: borough}\n")
    claims = ("  - {id: bronx, says: The Bronx had more than twice as many filings as Brooklyn in 2024.,"
              " expect: more than twice as many}\n"
              "  - {id: manhattan, says: Manhattan had three times as many filings as Staten Island in 2024.,"
              " expect: three times as many}\n"
              "  - {id: queens, says: Filings in Queens doubled from 2020 to 2024., expect: doubled}\n")
    got = _suggested(tmp_path, tables, claims)
    for cid, a, b, value in (("bronx", "Bronx", "Brooklyn", 917 / 430), ("manhattan", "Manhattan", "Staten Island",
                                                                         277 / 91)):
        first = got[cid]["candidates"][0]
        assert first["measure"] == {"compare": {"count": "filings", "where": "filed_on_year == 2024"},
                                    "by": "borough", "a": a, "b": b, "as": "ratio"}, cid
        assert first["verdict"] == "pass" and abs(first["value"] - value) < 1e-9
        assert "reading" not in got[cid]
    # Queens went from 149 filings to 525: no doubling, and the change is what the sentence says
    assert got["queens"]["reading"]["measure"] == {"change": {"count": "filings", "where": "borough == 'Queens'"},
                                                   "over": "filed_on_year", "from": 2020, "to": 2024}


def test_half_as_many_as_another_group_is_a_multiple_and_half_of_them_a_share(tmp_path: Path) -> None:
    """In 2023 Manhattan had 246 filings and Brooklyn 480 (0.51 times). Before, "half as many" was
    read as a share of a half (a share of the filings that were Brooklyn's was shown as its
    reading); "half of the cases" still is one."""
    for name in ("filings.csv", "boroughs.csv"):
        shutil.copy(EVICTIONS / name, tmp_path / name)
    tables = "  filings: {path: filings.csv, key: filing_id, derive: {filed_on_year: year(filed_on)}}\n"
    got = _suggested(tmp_path, tables,
                     "  - {id: half-as-many, says: Manhattan had half as many filings as Brooklyn in 2023., expect: half}\n"
                     "  - {id: half-of, says: Half of the cases ended in a default judgment in 2023., expect: Half}\n")
    first = got["half-as-many"]["candidates"][0]
    assert first["measure"] == {"compare": {"count": "filings", "where": "filed_on_year == 2023"}, "by": "borough",
                                "a": "Manhattan", "b": "Brooklyn", "as": "ratio"}
    assert abs(first["value"] - 246 / 480) < 1e-9 and first["verdict"] == "pass"
    half_of = got["half-of"]   # 55% of 2023's cases: no half, and read as a share of them
    shown = [c["measure"] for c in [*half_of["candidates"], *half_of["misses"], half_of["reading"]]]
    assert all("share" in m for m in shown), shown


def test_a_multiple_of_two_groups_compares_the_mean_of_the_column_the_sentence_names(tmp_path: Path) -> None:
    """Fines averaged $90 in Ashton (21 tickets, $80 to $100) and $30 in Bexley (11, $25 to $35):
    three times as high."""
    rows = [f"A{k},Ashton,{90 + k}" for k in range(-10, 11)] + [f"B{k},Bexley,{30 + k}" for k in range(-5, 6)]
    (tmp_path / "tickets.csv").write_text("ticket_id,town,fines_usd\n" + "\n".join(rows) + "\n", encoding="utf-8")
    got = _suggested(tmp_path, "  tickets: {path: tickets.csv, key: ticket_id}\n",
                     "  - {id: fines, says: Fines in Ashton were three times as high as in Bexley.,"
                     " expect: three times as high}\n")
    first = got["fines"]["candidates"][0]
    assert first["measure"] == {"compare": {"mean": "fines_usd", "of": "tickets"}, "by": "town", "a": "Ashton",
                                "b": "Bexley", "as": "ratio"}
    assert first["value"] == 3.0


def test_a_part_s_rate_is_compared_with_the_whole_s(tmp_path: Path) -> None:
    """"1.8 filings per 1,000 households in the Bronx, more than twice the city's rate": the Bronx's
    rate against every borough's (2.63 times). Before: a change of the Bronx's filings from 2023."""
    shutil.copytree(EVICTIONS, tmp_path / "ev")
    got = runner.invoke(app, ["suggest", str(tmp_path / "ev" / "claims.yaml"), "bronx-twice-city", "--json", "-"])
    assert got.exit_code == 0, got.output
    first = json.loads(got.stdout)["claims"][0]["candidates"][0]

    def rate(where: str | None, households: str | None) -> dict[str, Any]:
        return {"ratio": {"numerator": {"count": "filings", **({"where": where} if where else {})},
                          "denominator": {"sum": "households", "of": "boroughs",
                                          **({"where": households} if households else {})}}, "per": 1000}
    assert first["measure"] == {"compare": rate("borough == 'Bronx' and filed_on_year == 2024", "borough == 'Bronx'"),
                                "with": rate("filed_on_year == 2024", None), "as": "ratio"}
    assert first["verdict"] == "pass"


@pytest.mark.parametrize(("sentence", "multiple"), [
    ("Dover's rate was nearly four times Clark's rate.", "nearly four times"),
    ("It was twice Brooklyn\u2019s rate.", "twice"),
    ("The Bronx's rate was three times the city's.", "three times"),
])
def test_a_multiple_before_a_name_is_a_figure(sentence: str, multiple: str) -> None:
    """Before, "nearly four times Clark's rate" was the number "nearly four": `init` wrote
    `expect: nearly four`, which no comparison could meet."""
    figures = [sentence[f.start:f.end] for f in scan(sentence)[0] if f.kind == "multiple"]
    assert figures == [multiple]


@pytest.mark.parametrize("sentence", ["They met three times last week.", "He called four times Tuesday."])
def test_a_count_of_occasions_stays_a_number(sentence: str) -> None:
    assert [f.kind for f in scan(sentence)[0]] == ["number"]


def test_the_group_named_first_is_compared_with_the_other(tmp_path: Path) -> None:
    """"Staten Island had three times as many filings as Manhattan" is false: 91 against 277. Before,
    Manhattan against Staten Island (3.04 times) was offered as a passing candidate, the sentence
    turned round; now the sentence's own order is the only one, and its reading fails."""
    for name in ("filings.csv", "boroughs.csv"):
        shutil.copy(EVICTIONS / name, tmp_path / name)
    tables = "  filings: {path: filings.csv, key: filing_id, derive: {filed_on_year: year(filed_on)}}\n"
    got = _suggested(tmp_path, tables, "  - {id: s, says: Staten Island had three times as many filings as "
                                       "Manhattan in 2024., expect: three times as many}\n")["s"]
    shown = [c["measure"] for c in [*got["candidates"], *got["misses"], got["reading"]]]
    assert all((m["a"], m["b"]) == ("Staten Island", "Manhattan") for m in shown), shown
    assert got["candidates"] == [] and got["reading"]["verdict"] == "fail"
