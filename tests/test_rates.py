"""Rates per so many ("1.8 filings per 1,000 households"): `ratio` with `per`, and the draft finder.

Before, such a figure could not be written as the article gives it (only as 0.0018), so it
stayed "not checked"; `init` also took the base of the rate ("1,000") for a figure of its
own, and an `expect: more than twice` never covered the article's "more than twice the
city's rate".
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

import factcheck
from factcheck.cli import app
from factcheck.draft.figures import figures_in_phrase, find_figures

TABLES = """\
version: 1
{article}tables:
  filings: {{path: filings.csv, key: id}}
  boroughs: {{path: boroughs.csv, key: borough}}
claims:
"""
# 40 filings: 30 in the Bronx (520 thousand households), 10 in Queens (840 thousand); 24 of the
# Bronx's and 6 of Queens' in 2024
FILINGS = "id,borough,year\n" + "".join(
    f"F{i:02d},{'Bronx' if i < 30 else 'Queens'},{2024 if i < 24 or 30 <= i < 36 else 2023}\n" for i in range(40))
BOROUGHS = "borough,households\nBronx,520000\nQueens,840000\n"
BRONX_2024 = ("ratio: {numerator: {count: filings, where: \"borough == 'Bronx' and year == 2024\"}, "
              "denominator: {sum: households, of: boroughs, where: \"borough == 'Bronx'\"}}")
QUEENS_2024 = BRONX_2024.replace("Bronx", "Queens")


def _run(tmp_path: Path, claims: str, article: str | None = None, *args: str) -> tuple[int, str]:
    (tmp_path / "filings.csv").write_text(FILINGS, encoding="utf-8")
    (tmp_path / "boroughs.csv").write_text(BOROUGHS, encoding="utf-8")
    if article is not None:
        (tmp_path / "story.md").write_text(article, encoding="utf-8")
    head = TABLES.format(article="article: story.md\n" if article is not None else "")
    path = tmp_path / "claims.yaml"
    path.write_text(head + textwrap.indent(textwrap.dedent(claims), "  "), encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(path), *args])
    return result.exit_code, result.stdout if "--json" in args and result.exit_code < 2 else result.output


def _results(output: str) -> dict[str, dict]:
    return {r["id"]: r for r in json.loads(output)["results"]}


def test_a_rate_per_thousand_is_read_as_written(tmp_path: Path) -> None:
    code, out = _run(tmp_path, f"""\
        - id: rate
          says: There were 0.05 filings per 1,000 households in the Bronx.
          measure: {{{BRONX_2024}, per: 1000}}
          expect: '0.05'
        - id: rate-wrong
          says: There were 0.06 filings per 1,000 households in the Bronx.
          measure: {{{BRONX_2024}, per: 1000}}
          expect: '0.06'
        - id: rate-per-100k
          says: 4.6 filings per 100,000 households.
          measure: {{{BRONX_2024}, per: 100000}}
          expect: '4.6'
        """, None, "--json", "-")
    assert code == 1, out
    got = _results(out)
    assert {k: r["verdict"] for k, r in got.items()} == {"rate": "pass", "rate-wrong": "fail", "rate-per-100k": "pass"}
    assert got["rate"]["value_exact"] == "3/65"  # 24 / 520,000 × 1,000, exactly
    assert (got["rate"]["numerator"], got["rate"]["denominator"]) == (24, 520000)


def test_per_written_with_commas_as_the_article_does(tmp_path: Path) -> None:
    """``per: 1,000`` (YAML's text '1,000') was refused, with the hint "e.g. per: 2"."""
    code, out = _run(tmp_path, f"""\
        - id: rate
          says: There were 4.6 filings per 100,000 households.
          measure:
            {BRONX_2024}
            per: 100,000
          expect: '4.6'
        """, None, "--json", "-")
    assert code == 0 and _results(out)["rate"]["verdict"] == "pass", out
    code, out = _run(tmp_path, f"""\
        - id: rate
          says: s
          measure:
            {BRONX_2024}
            per: 1,00
          expect: '4.6'
        """)
    assert code == 2 and "'per' must be a whole number, not '1,00'" in out and "e.g. per: 1000" in out, out


def test_a_rate_rests_on_its_events_not_on_the_rows_of_its_population(tmp_path: Path) -> None:
    """One row of households per borough is no small base for a rate, nor for a plain ratio: both
    rest on the filings counted. Before, a plain ratio said it rested on "1 record" (the row of
    households). A ratio of two counts rests on the fewer of the two."""
    code, out = _run(tmp_path, """\
        - id: rate
          says: There were 0.06 filings per 1,000 households in the Bronx.
          measure:
            ratio:
              numerator: {count: filings, where: "borough == 'Bronx'"}
              denominator: {sum: households, of: boroughs, where: "borough == 'Bronx'"}
            per: 1000
          expect: '0.06'
        - id: plain
          says: a ratio
          measure:
            ratio:
              numerator: {count: filings, where: "borough == 'Bronx'"}
              denominator: {sum: households, of: boroughs, where: "borough == 'Bronx'"}
          expect: '0.00006'
        - id: plain-2024
          says: a ratio of the 24 filings of 2024
          measure: {%s}
          expect: '0.00005'
        - id: counts
          says: Queens had a third as many filings as the Bronx.
          measure:
            ratio:
              numerator: {count: filings, where: "borough == 'Queens'"}
              denominator: {count: filings, where: "borough == 'Bronx'"}
          expect: a third
        """ % BRONX_2024, None, "--json", "-")
    assert code == 0, out
    got = _results(out)
    assert {k: r["verdict"] for k, r in got.items()} == {"rate": "pass", "plain": "pass", "plain-2024": "pass",
                                                         "counts": "pass"}
    assert [n["code"] for n in got["rate"]["notes"]] == []
    assert [n["code"] for n in got["plain"]["notes"]] == []
    assert [(n["code"], n["message"]) for n in got["plain-2024"]["notes"] if n["code"] == "small_base"] == [
        ("small_base", "the figure rests on 24 records (fewer than 30)")]
    assert [(n["code"], n["message"]) for n in got["counts"]["notes"] if n["code"] == "small_base"] == [
        ("small_base", "the figure rests on 10 records (fewer than 30)")]


@pytest.mark.parametrize(("per", "said"), [
    ("0", "greater than 0"), ("-1000", "greater than 0"), ("'1,00'", "whole number"), ("1000, unit: percent", "not a share")])
def test_a_wrong_per_is_refused_with_its_line(tmp_path: Path, per: str, said: str) -> None:
    code, out = _run(tmp_path, f"""\
        - id: rate
          says: There were 0.05 filings per 1,000 households in the Bronx.
          measure: {{{BRONX_2024}, per: {per}}}
          expect: '0.05'
        """)
    assert code == 2, out
    assert "claims.yaml" in out and "rate" in out and said in out
    assert "Traceback" not in out


def test_the_base_of_a_rate_is_no_figure_of_the_article() -> None:
    [sentence] = find_figures("There were 1.8 filings per 1,000 households, 45 per 100,000 residents and "
                              "3 per one thousand people, about 2 per every 100 cars; prices rose 5 per cent.\n")
    assert [f.text for f in sentence.figures] == ["1.8", "45", "3", "about 2", "5 per cent"]


def test_for_every_is_a_rates_base_and_in_every_a_fraction() -> None:
    """"267 absent students for every 1,000 enrolled" made "1,000" a figure of its own, which
    `--require-coverage` then failed on (a walk of a schools story)."""
    [sentence] = find_figures("That is 267 absent for every 1,000 enrolled, one in every 5 and 3 out of every 100.\n")
    assert [f.text for f in sentence.figures] == ["267", "one in every 5", "3 out of every 100"]


@pytest.mark.parametrize(("expect", "value", "qualifier"), [
    ("twice", 2, None), ("more than twice", 2, "above"), ("nearly three times", 3, "nearly"), ("17 times", 17, None),
    ("twice as many", 2, None)])
def test_a_multiple_alone_is_a_figure_of_an_expect(expect: str, value: int, qualifier: str | None) -> None:
    assert [(f.kind, f.value, f.qualifier) for f in figures_in_phrase(expect)] == [("multiple", value, qualifier)]


def test_in_an_article_twice_alone_is_still_no_figure() -> None:
    [sentence] = find_figures("He was arrested twice.\n")
    assert list(sentence.figures) == []


def test_a_claim_of_more_than_twice_covers_the_article(tmp_path: Path) -> None:
    article = "# Rates\n\nThe Bronx had 0.05 filings per 1,000 households, more than twice the rate of Queens.\n"
    code, out = _run(tmp_path, f"""\
        - id: rate
          says: The Bronx had 0.05 filings per 1,000 households, more than twice the rate of Queens.
          measure: {{{BRONX_2024}, per: 1000}}
          expect: '0.05'
        - id: twice
          says: The Bronx had 0.05 filings per 1,000 households, more than twice the rate of Queens.
          measure: {{compare: {{{BRONX_2024}, per: 1000}}, with: {{{QUEENS_2024}, per: 1000}}, as: ratio}}
          expect: more than twice
        """, article, "--require-coverage", "--json", "-")
    assert code == 0, out
    report = json.loads(out)
    assert {r["id"]: r["verdict"] for r in report["results"]} == {"rate": "pass", "twice": "pass"}
    assert {f["text"]: f["status"] for f in report["coverage"]["figures"]} == {
        "0.05": "checked", "more than twice": "checked"}


def test_a_record_rate_past_the_end_of_its_population_names_that_table(tmp_path: Path) -> None:
    """Deaths run to 2023, population to 2022: the record is unverifiable, and the message says which
    table lacks 2023 rather than that "the table" has a gap (a walk of a road-deaths story)."""
    (tmp_path / "deaths.csv").write_text("year,deaths\n" + "".join(f"{y},{100 + y % 7}\n" for y in range(2015, 2024)))
    (tmp_path / "people.csv").write_text("year,population\n" + "".join(f"{y},1000\n" for y in range(2015, 2023)))
    (tmp_path / "c.yaml").write_text(textwrap.dedent("""\
        tables:
          deaths: {path: deaths.csv, time: year}
          people: {path: people.csv, time: year}
        claims:
          - id: c
            says: The rate in 2021 was the highest on record.
            measure:
              extreme: {ratio: {numerator: {sum: deaths, of: deaths}, denominator: {sum: population, of: people}}}
              over: year
              at: 2021
              is: highest
            expect: true
        """))
    r = factcheck.verify(tmp_path / "c.yaml").results[0]
    assert r.verdict == "unverifiable", r.message
    assert "table people has no row at all for it (its periods run from 2015 to 2022)" in r.message


@pytest.mark.parametrize("denominator", [
    "{count: filings, where: \"borough == 'Bronx'\"}",
    "{count: filings, where: \"borough=='Bronx'\"}",  # the same condition, spaced otherwise
])
def test_a_ratio_of_a_measure_over_itself_is_refused(tmp_path: Path, denominator: str) -> None:
    """Walking an election story: a vote share written with the part left out of the numerator
    (both parts the same sum) is 1 whatever the data say; compared by candidate, it came out
    "computed 0 points" and failed as a wrong direction."""
    code, out = _run(tmp_path, f"""\
        - id: share
          says: Most filings were in the Bronx.
          measure: {{ratio: {{numerator: {{count: filings, where: "borough == 'Bronx'"}}, denominator: {denominator}}}}}
          expect: more than half
        """)
    assert code == 2
    assert "claim 'share'" in out and "numerator and denominator are the same measure" in out
    assert "hint: name the part in the numerator's where" in out


def test_a_ratio_whose_parts_differ_only_inside_quotes_is_no_ratio_of_itself(tmp_path: Path) -> None:
    """Spaces inside a quoted value are the value: 'New York' is not 'NewYork' (each is then
    refused as a value the column never holds, which is the next check)."""
    code, out = _run(tmp_path, """\
        - id: share
          says: No filing was in New York.
          measure: {ratio: {numerator: {count: filings, where: "borough == 'New York'"}, denominator: {count: filings, where: "borough == 'NewYork'"}}}
          expect: '0'
        """)
    assert "same measure" not in out
    assert "never holds 'New York'" in out and "never holds 'NewYork'" in out
