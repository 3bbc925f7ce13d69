"""Figures shown as people write them: money whole or with two decimals ("$2,833.50", never
"$2,833.5"), in the verdict, its miss and edges, the reports, ``explain`` and ``suggest``; a share said
in cents of a dollar shown as the percentage it is read as; a mapping's figure shown as money when the
claim's ``says`` writes money; and ``explain`` of a share weighed by ``sum:`` showing the sums it divides.

The table is small and written here: 2020's amounts add up to 2,833.50, 2021's to 8,117.50, 2022's to
182,848.10 (a single row).
"""

from __future__ import annotations

import re
import textwrap
from fractions import Fraction
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import factcheck
from factcheck.cli import app
from factcheck.expectations import MeasureShape, parse_expectation
from factcheck.expectations.numbers import money_text, round_half_up
from factcheck.formatting import FigureUnit, figures_shown
from factcheck.outcome import Verdict

runner = CliRunner()

PAY = ["id,year,amount,votes,won", "1,2020,2833.5,10,1", "2,2020,0,30,0", "3,2021,8017.5,5,1",
       "4,2021,100,15,0", "5,2022,182848.1,1,1", "6,2022,0.25,,0"]
SUM_2020 = "{sum: amount, of: pay, where: year == 2020}"
SUM_2021 = "{sum: amount, of: pay, where: year == 2021}"
WON = "{ratio: {numerator: {sum: amount, of: pay, where: won == 1 and year < 2022}, " \
      "denominator: {sum: amount, of: pay, where: year < 2022}}}"
ONE_DECIMAL_MONEY = re.compile(r"\$[\d,]+\.\d(?!\d)")  # "$2,833.5": money written with one decimal


def claims(folder: Path, *blocks: tuple[str, str, str, str], article: str | None = None) -> Path:
    """A claims file over the pay table: (id, says, measure, expect) each, the expect as YAML."""
    (folder / ".git").mkdir(exist_ok=True)
    (folder / "pay.csv").write_text("\n".join(PAY) + "\n", encoding="utf-8")
    head = "version: 1\n" + (f"article: {article}\n" if article else "")
    body = "".join(f"- id: {cid}\n  says: {says}\n" + (f"  measure: {measure}\n" if measure else "") + f"  expect: {expect}\n"
                   for cid, says, measure, expect in blocks)
    path = folder / "c.yaml"
    path.write_text(head + "tables:\n  pay: {path: pay.csv, key: id, time: year}\nclaims:\n"
                    + textwrap.indent(body, "  "), encoding="utf-8")
    return path


def results(folder: Path, *blocks: tuple[str, str, str, str]) -> dict[str, factcheck.report.ClaimResult]:
    return {r.id: r for r in factcheck.verify(claims(folder, *blocks)).results}


def test_money_with_cents_has_two_decimals_in_the_verdict_and_its_miss(tmp_path: Path) -> None:
    got = results(tmp_path, ("miss", "It cost $2,833 in 2020.", SUM_2020, "$2,833"),
                  ("pass", "It cost $182,848 in 2022.", "{sum: amount, of: pay, where: id == 5}", "$182,848"),
                  ("about", "It cost about $2,800.", SUM_2020, "about $2,800"))
    miss = got["miss"]
    assert miss.verdict == Verdict.FAIL
    assert miss.value_text == "$2,833.50"
    assert "computed $2,833.50: $0.50 high (<0.1%)" in miss.message, miss.message
    assert got["pass"].message == "rounds to $182,848 as stated (computed $182,848.10)"
    assert got["about"].message == "about $2,800 as stated (computed $2,833.50)"


def test_the_edges_of_a_stated_bound_are_money_too(tmp_path: Path) -> None:
    """"less than $2,800" failed by 2,833.50 said "33.5 above 2,800": an amount and an edge without
    their sign or their cents."""
    got = results(tmp_path, ("bound", "It cost less than $2,800.", SUM_2020, "less than $2,800"),
                  ("range", "It cost $2,000 to $2,500.", SUM_2020, "{between: [2000, 2500]}"))
    assert "computed $2,833.50: $33.50 above $2,800" in got["bound"].message, got["bound"].message
    assert "$333.50 above $2,500" in got["range"].message, got["range"].message


def test_a_whole_amount_has_no_decimals(tmp_path: Path) -> None:
    got = results(tmp_path, ("whole", "It cost $8,100 in 2021.", "{sum: amount, of: pay, where: id == 4}", "$100"))
    assert got["whole"].message == "rounds to $100 as stated (computed $100)"


def test_every_report_writes_money_with_its_cents(tmp_path: Path) -> None:
    path = claims(tmp_path, ("miss", "It cost $2,833 in 2020.", SUM_2020, "$2,833"))
    for option in ("--markdown", "--junit", "--html"):
        out = runner.invoke(app, ["run", str(path), option, "-"])
        assert "$2,833.50" in out.output, (option, out.output)
        assert not ONE_DECIMAL_MONEY.search(out.output), (option, ONE_DECIMAL_MONEY.findall(out.output))
    out = runner.invoke(app, ["run", str(path)])
    assert "computed $2,833.50" in out.output and not ONE_DECIMAL_MONEY.search(out.output), out.output


def test_explain_shows_a_top_total_as_money_with_cents(tmp_path: Path) -> None:
    path = claims(tmp_path, ("top", "The top two took home $190,000.", "{top_sum: amount, of: pay, top_n: 2}",
                             "about $190,000"))
    out = runner.invoke(app, ["explain", str(path), "top"])
    assert out.exit_code == 0, out.output
    assert "computed $190,865.60" in out.output
    assert "total: $193,799.35" in out.output, out.output
    assert not ONE_DECIMAL_MONEY.search(out.output), ONE_DECIMAL_MONEY.findall(out.output)


def test_suggest_shows_its_candidates_money_with_cents(tmp_path: Path) -> None:
    (tmp_path / "story.md").write_text("Spending.\n\nIt cost $2,833 in 2020.\n", encoding="utf-8")
    path = claims(tmp_path, ("cost", "It cost $2,833 in 2020.", "", "$2,833"), article="story.md")
    out = runner.invoke(app, ["suggest", str(path)])
    assert "$2,833.50 -> fail" in out.output, out.output
    assert not ONE_DECIMAL_MONEY.search(out.output), ONE_DECIMAL_MONEY.findall(out.output)


def test_cents_of_every_dollar_is_shown_as_the_percentage_it_is_read_as(tmp_path: Path) -> None:
    """'43 cents of every dollar' is read as 43%; on a ratio it showed 'computed 0.991' while '43%'
    showed '99.1%'."""
    got = results(tmp_path, ("cents", "43 cents of every dollar went to winners.", WON, "43 cents of every dollar"),
                  ("percent", "43% went to winners.", WON, "43%"),
                  ("onthe", "Winners got 99 cents on the dollar.", WON, "99 cents on the dollar"))
    assert got["cents"].value_text == got["percent"].value_text == "99.1%"
    assert got["cents"].message == "stated 43 cents of every dollar, computed 99.1%: 56.1 points high"
    assert got["onthe"].verdict == Verdict.PASS, got["onthe"].message


def test_a_mapping_is_shown_as_money_when_the_sentence_writes_money(tmp_path: Path) -> None:
    """docs/claims-format.md: a figure is money "when every figure the claim's says writes is an
    amount in one currency"; a mapping states no currency, so the sentence says it."""
    got = results(tmp_path,
                  ("money", "It cost $8,000 in 2021.", SUM_2021, "{value: 8000, within: 500}"),
                  ("miss", "It cost $8,000 in 2021.", SUM_2021, "{value: 8000, within: 100}"),
                  ("count", "The 20 votes cost $8,000 in 2021.", SUM_2021, "{value: 8000, within: 500}"),
                  ("plain", "It came to 8,000 in 2021.", SUM_2021, "{value: 8000, within: 500}"),
                  ("pounds", "It cost £8,000 in 2021.", SUM_2021, "{between: [7500, 8500]}"),
                  ("two", "It cost $8,000, or £6,000, in 2021.", SUM_2021, "{value: 8000, within: 500}"))
    assert got["money"].message == "within 500 of 8000 as stated (computed $8,117.50)"
    assert got["miss"].message.endswith("computed $8,117.50: $117.50 high (1.5%)"), got["miss"].message
    assert got["pounds"].value_text == "£8,117.50"
    for cid in ("count", "plain", "two"):  # another number, no money, two currencies: nothing said of money
        assert got[cid].value_text == "8,117.5", (cid, got[cid].value_text)


def test_a_mapping_on_a_count_is_never_money(tmp_path: Path) -> None:
    got = results(tmp_path, ("rows", "It cost $8,000.", "{count: pay}", "{value: 6, within: 1}"))
    assert got["rows"].value_text == "6"


def test_explain_of_a_weighed_share_shows_the_sums_it_divides(tmp_path: Path) -> None:
    """`share: won == 1, sum: votes`: the steps counted rows (3 meeting the condition) beside a
    numerator and denominator that are sums of votes (16 of 61); a row without votes is left out."""
    path = claims(tmp_path, ("w", "Winners had 26% of the votes.", "{share: won == 1, of: pay, sum: votes}", "26%"))
    out = runner.invoke(app, ["explain", str(path), "w"])
    assert out.exit_code == 0, out.output
    assert "numerator: 16   denominator: 61" in out.output
    steps = [" ".join(line.split()) for line in out.output.splitlines()]
    assert "1 condition or votes unknown (left out)" in steps, out.output
    assert "5 condition known; sum of votes: 61 (the denominator)" in steps, out.output
    assert "3 meeting the condition; sum of votes: 16 (the numerator)" in steps, out.output


def test_explain_of_a_share_by_rows_is_unchanged(tmp_path: Path) -> None:
    path = claims(tmp_path, ("r", "Half won.", "{share: won == 1, of: pay}", "half"))
    steps = [" ".join(line.split()) for line in runner.invoke(app, ["explain", str(path), "r"]).output.splitlines()]
    assert "0 condition unknown (left out)" in steps and "3 meeting the condition" in steps, steps


def test_figures_apart_keep_their_sign() -> None:
    """Two figures that differ only in sign were read back as one, so more and more decimals were
    asked for: "-$5.000000" and "$5.000000"."""
    assert figures_shown([-5.0, 5.0], FigureUnit("money", "$")) == ["-$5", "$5"]
    assert figures_shown([-0.05, 0.05], FigureUnit("share")) == ["-5%", "5%"]
    assert figures_shown([2833.5, 2833.0], FigureUnit("money", "$")) == ["$2,833.50", "$2,833"]
    assert figures_shown([2833.501, 2833.499], FigureUnit("money", "$")) == ["$2,833.501", "$2,833.499"]


def test_a_record_s_rivals_in_money_keep_their_cents(tmp_path: Path) -> None:
    got = results(tmp_path, ("rec", "2021's $8,117.50 was the most.",
                             "{extreme: {sum: amount, of: pay}, over: year, at: 2021, is: highest}", "true"))
    assert "$8,117.50, rank 2 of 3; first: 2022 ($182,848.35)" in (got["rec"].value_text or ""), got["rec"].value_text


@given(cents=st.integers(min_value=-10**9, max_value=10**9), extra=st.integers(min_value=0, max_value=9))
def test_money_is_whole_or_has_two_decimals_or_more(cents: int, extra: int) -> None:
    """Whole amounts without decimals; cents with two; a fraction of a cent with as many as it needs
    to be on its side of an edge, and never fewer than two."""
    x = Fraction(cents, 100) + Fraction(extra, 1000)
    text = money_text(x)
    decimals = len(text.partition(".")[2])
    assert (decimals == 0) == (x.denominator == 1), text
    assert decimals == 0 or decimals == 2 and (x * 100).denominator == 1 or decimals > 2 or round_half_up(x, 2), text
    assert Fraction(text.replace(",", "")) == round_half_up(x, decimals), text
    assert text.strip("-0.,") or x == 0, text  # never "0.00" for an amount that is not nothing


@given(stated=st.integers(min_value=1, max_value=10**7), off=st.integers(min_value=-300, max_value=300))
def test_money_shown_is_on_the_side_of_the_edge_the_value_is(stated: int, off: int) -> None:
    """"$2,833" is read as 2,832.5 ≤ x < 2,833.5: a computed value shown with its cents is never
    rounded onto the other side of an edge, and a miss is never said to be "$0.00"."""
    exp = parse_expectation(f"${stated:,}", MeasureShape("number", of_values="amount"))
    x = Fraction(stated) + Fraction(off, 400)
    judged = exp.judge(x)
    shown = re.search(r"computed (-?)\$([\d,.]+)", judged.message)
    assert shown is not None, judged.message
    value = Fraction(shown[2].replace(",", "")) * (-1 if shown[1] else 1)
    assert exp.interval is not None and exp.interval.contains(value) == exp.interval.contains(x) == judged.ok
    assert "$0.00 " not in judged.message and not ONE_DECIMAL_MONEY.search(judged.message), judged.message
