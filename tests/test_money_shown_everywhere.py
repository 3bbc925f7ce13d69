"""Money shown as money wherever a figure is: a change or a gap in money ("computed up $5,284", was
"up 5,284"), the interval an expectation is read as ("$2,755 ≤ x ≤ $3,045", was "2,755 ≤ x ≤
3,045"), the numerator and denominator behind a change (every digit: "$1,234,568.14", was
"1,234,568"), and a figure written without its "$" on a claim whose sentence writes money.

The table is small and written here: 2020's amounts add up to 2,833.50, 2021's to 8,117.50, 2022's to
1,234,568.14; department a's to 1,245,418.89 and b's to 100.25.
"""

from __future__ import annotations

import json
import re
import textwrap
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import factcheck
from factcheck.cli import app
from factcheck.expectations import MeasureShape, parse_expectation
from factcheck.report import ClaimResult

runner = CliRunner()

PAY = ["id,year,dept,amount,staff", "1,2020,a,2833.5,3", "2,2020,b,0,1", "3,2021,a,8017.5,4", "4,2021,b,100,2",
       "5,2022,a,1234567.89,5", "6,2022,b,0.25,1"]
RISE = "{change: {sum: amount, of: pay}, over: year, from: 2020, to: 2021, as: absolute}"
BIG_RISE = "{change: {sum: amount, of: pay}, over: year, from: 2021, to: 2022, as: absolute}"
FALL = "{change: {sum: amount, of: pay}, over: year, from: 2022, to: 2021, as: absolute}"
GAP = "{compare: {sum: amount, of: pay}, by: dept, a: a, b: b}"
SUM_2020 = "{sum: amount, of: pay, where: year == 2020}"
ONE_DECIMAL_MONEY = re.compile(r"\$[\d,]+\.\d(?!\d| million)")  # "$2,833.5", not "$1.2 million"


def claims(folder: Path, *blocks: tuple[str, str, str, str]) -> Path:
    """A claims file over the pay table: (id, says, measure, expect) each, the expect as YAML."""
    (folder / ".git").mkdir(exist_ok=True)
    (folder / "pay.csv").write_text("\n".join(PAY) + "\n", encoding="utf-8")
    body = "".join(f"- id: {cid}\n  says: {says}\n  measure: {measure}\n  expect: {expect}\n"
                   for cid, says, measure, expect in blocks)
    path = folder / "c.yaml"
    path.write_text("version: 1\ntables:\n  pay: {path: pay.csv, key: id, time: year}\nclaims:\n"
                    + textwrap.indent(body, "  "), encoding="utf-8")
    return path


def results(folder: Path, *blocks: tuple[str, str, str, str]) -> dict[str, ClaimResult]:
    return {r.id: r for r in factcheck.verify(claims(folder, *blocks)).results}


# 1. a change in money, and a gap between two amounts


def test_a_change_in_money_is_shown_as_money_with_its_sign(tmp_path: Path) -> None:
    got = results(tmp_path, ("miss", "Spending rose $5,000 from 2020 to 2021.", RISE, "rose $5,000"),
                  ("pass", "Spending rose $5,284.", RISE, "up $5,284"),
                  ("big", "Spending rose $1.2 million in 2022.", BIG_RISE, "up $1.2 million"),
                  ("fall", "Spending fell $1.3 million in 2021.", FALL, "down $1.3 million"))
    assert got["miss"].value_text == "+$5,284"
    assert got["miss"].message == "stated rose $5,000, computed up $5,284: $284 more (5.7%)"
    assert got["pass"].message == "a rise rounding to $5,284 as stated (computed up $5,284)"
    assert got["big"].value_text == "+$1,226,450.64"
    assert got["big"].message == "a rise rounding to $1.2 million as stated (computed up $1,226,450.64)"
    assert got["fall"].value_text == "-$1,226,450.64"
    assert got["fall"].message == ("stated down $1.3 million, computed down $1,226,450.64: "
                                   "$73,549.36 less (5.7%)"), got["fall"].message


def test_a_gap_between_two_amounts_is_shown_as_money(tmp_path: Path) -> None:
    got = results(tmp_path, ("more", "Department a spent $1.2 million more than b.", GAP, "$1.2 million more"),
                  ("miss", "Department a spent $1.3 million more than b.", GAP, "$1.3 million more"))
    assert got["more"].value_text == "+$1,245,318.64"
    assert got["more"].message == "rounds to $1.2 million higher as stated (computed $1,245,318.64 higher)"
    assert got["miss"].message == ("stated $1.3 million more, computed $1,245,318.64 higher: "
                                   "$54,681.36 less (4.2%)"), got["miss"].message


def test_a_change_short_of_a_band_in_money_names_the_band_in_money() -> None:
    """'nearly' measures a miss from the band's edge: 'short of a rise of $5,225', not '… of 5,225'."""
    rise = parse_expectation("up nearly $5,500", MeasureShape("change_absolute", of_values="amount"))
    assert rise.judge(Fraction(5000)).message == \
        "stated up nearly $5,500, computed up $5,000: $225 short of a rise of $5,225"
    gap = parse_expectation("nearly $5,500 more", MeasureShape("change_absolute", of_values="amount", gap=True))
    assert gap.judge(Fraction(5000)).message == \
        "stated nearly $5,500 more, computed $5,000 higher: $225 short of $5,225 higher"


def test_a_change_not_in_money_stays_a_plain_figure(tmp_path: Path) -> None:
    """A change of a count, or of a sum whose sentence writes no money, is no amount of money."""
    got = results(tmp_path,
                  ("staff", "Staff rose by 2 from 2020 to 2021.",
                   "{change: {sum: staff, of: pay}, over: year, from: 2020, to: 2021, as: absolute}", "up 2"),
                  ("rows", "Rows held steady.", "{change: {count: pay}, over: year, from: 2020, to: 2021, as: absolute}",
                   "unchanged"),
                  ("plain", "It rose 5,000 from 2020 to 2021.", RISE, "rose 5,000"),
                  ("percent", "Spending nearly tripled, up 186% from 2020 to 2021.",
                   "{change: {sum: amount, of: pay}, over: year, from: 2020, to: 2021}", "up 186%"))
    assert got["staff"].value_text == "+2" and got["rows"].value_text == "0"
    assert got["plain"].message == "stated rose 5,000, computed up 5,284: 284 more (5.7%)"
    assert got["percent"].value_text == "+186.48%", got["percent"].value_text


@given(cents=st.integers(min_value=-10**9, max_value=10**9).filter(bool),
       stated=st.integers(min_value=1, max_value=10**7))
def test_a_change_in_money_is_shown_on_its_side_of_every_edge(cents: int, stated: int) -> None:
    """The figure a verdict shows for a change in money is money with its sign, and reads back as a
    value on the same side of every edge as the value itself."""
    x = Fraction(cents, 100)
    exp = parse_expectation(f"up ${stated:,}", MeasureShape("change_absolute", of_values="amount"))
    judged = exp.judge(x)
    shown = re.search(r"computed (up|down) \$([\d,.]+)", judged.message)
    assert shown is not None, judged.message
    value = Fraction(shown[2].replace(",", "")) * (1 if shown[1] == "up" else -1)
    assert exp.interval is not None and exp.interval.contains(value) == exp.interval.contains(x) == judged.ok
    assert not ONE_DECIMAL_MONEY.search(judged.message), judged.message


# 2. the interval an expectation is read as


def test_the_interval_read_is_money_when_the_figure_is(tmp_path: Path) -> None:
    got = results(tmp_path, ("about", "It cost about $2,900 in 2020.", SUM_2020, "about $2,900"),
                  ("rose", "Spending rose $5,000 from 2020 to 2021.", RISE, "rose $5,000"),
                  ("fall", "Spending fell $1.3 million in 2021.", FALL, "down $1.3 million"),
                  ("mapping", "It cost $2,800 in 2020.", SUM_2020, "{value: 2800, within: 50}"),
                  ("count", "It cost $2,800 in 2020.", "{count: pay, where: year == 2020}", "2"))
    meaning = {cid: r.expectation.meaning for cid, r in got.items() if r.expectation}
    assert meaning["about"] == "about $2,900: $2,755 ≤ x ≤ $3,045"
    assert meaning["rose"] == "a rise rounding to $5,000: $4,999.50 ≤ x < $5,000.50"
    assert meaning["fall"] == "a fall rounding to $1.3 million: -$1,350,000 < x ≤ -$1,250,000"
    assert meaning["mapping"] == "within 50 of 2800: $2,750 ≤ x ≤ $2,850"
    assert meaning["count"] == "rounds to 2: 1.5 ≤ x < 2.5"  # a count is no money, whatever the sentence
    about = got["about"].expectation
    assert about is not None and (about.low, about.high) == (2755, 3045)  # the JSON's interval: exact numbers


def test_a_share_s_interval_is_unchanged() -> None:
    assert parse_expectation("59%", MeasureShape("share")).meaning == "rounds to 59%: 58.5% ≤ x < 59.5%"
    plain = parse_expectation("2,900", MeasureShape("number", of_values="amount"))
    assert plain.meaning == "rounds to 2,900: 2,899.5 ≤ x < 2,900.5"  # no currency stated or said


def test_every_report_shows_the_interval_in_money(tmp_path: Path) -> None:
    path = claims(tmp_path, ("about", "It cost about $2,900 in 2020.", SUM_2020, "about $2,900"))
    read = "$2,755 ≤ x ≤ $3,045"
    outputs = {option: runner.invoke(app, ["run", str(path), option, "-"]).output for option in ("--html", "--junit")}
    outputs["--verbose"] = runner.invoke(app, ["run", str(path), "--verbose"]).output
    outputs["explain"] = runner.invoke(app, ["explain", str(path), "about"]).output
    for where, out in outputs.items():
        assert read in out, (where, out)
    assert "must be about $2,900: between $2,755 and $3,045" in outputs["--html"]
    assert runner.invoke(app, ["run", str(path), "--json", str(tmp_path / "r.json")]).exit_code == 0
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    claim = report["results"][0]
    assert claim["expectation"]["meaning"] == f"about $2,900: {read}"
    assert (claim["expectation"]["low"], claim["expectation"]["high"], claim["value"]) == (2755, 3045, 2833.5)


# 3. the numerator and denominator behind a change, and the figures explain shows


def test_explain_shows_a_change_s_figures_as_money_with_every_digit(tmp_path: Path) -> None:
    path = claims(tmp_path, ("big", "Spending rose $1.2 million in 2022.", BIG_RISE, "up $1.2 million"),
                  ("gap", "Department a spent $1.2 million more than b.", GAP, "$1.2 million more"))
    out = runner.invoke(app, ["explain", str(path), "big"])
    assert out.exit_code == 0, out.output
    assert "numerator: $1,234,568.14   denominator: $8,117.50" in out.output, out.output
    assert "from: 2021: $8,117.50" in out.output and "to: 2022: $1,234,568.14" in out.output, out.output
    assert "2020: $2,833.50, 2021*: $8,117.50, 2022*: $1,234,568.14" in out.output, out.output
    assert "earlier bases: 2020: +$1,231,734.64" in out.output, out.output  # a change itself: with its sign
    gap = runner.invoke(app, ["explain", str(path), "gap"]).output
    assert "numerator: $1,245,418.89   denominator: $100.25" in gap, gap
    assert "a value: $1,245,418.89" in gap and "b value: $100.25" in gap, gap
    for text in (out.output, gap):
        assert not ONE_DECIMAL_MONEY.search(text) and "e+0" not in text, ONE_DECIMAL_MONEY.findall(text)


def test_every_report_shows_a_change_s_numerator_as_money(tmp_path: Path) -> None:
    path = claims(tmp_path, ("big", "Spending rose $1.2 million in 2022.", BIG_RISE, "up $1.2 million"))
    verbose = runner.invoke(app, ["run", str(path), "--verbose"]).output
    assert "numerator $1,234,568.14, denominator $8,117.50" in verbose, verbose
    assert "computed +$1,226,450.64" in verbose, verbose
    markdown = runner.invoke(app, ["run", str(path), "--markdown", "-"]).output.replace("\\$", "$")
    assert "| +$1,226,450.64 |" in markdown and "computed up $1,226,450.64" in markdown, markdown
    junit = runner.invoke(app, ["run", str(path), "--junit", "-"]).output
    assert "$1,234,568.14 / $8,117.50" in junit, junit
    html = runner.invoke(app, ["run", str(path), "--html", "-"]).output
    assert "$1,234,568.14 / $8,117.50" in html and "computed up $1,226,450.64" in html, html
    assert runner.invoke(app, ["run", str(path), "--json", str(tmp_path / "r.json")]).exit_code == 0
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["results"][0]
    assert (report["numerator"], report["denominator"], report["value"]) == (1234568.14, 8117.5, 1226450.64)
    assert Fraction(report["value_exact"]) == Fraction("1226450.64")  # the JSON keeps exact numbers


def test_a_ratio_s_numerator_is_not_said_to_be_money(tmp_path: Path) -> None:
    """A share of the money is a percentage: what it divides is shown plainly, as before."""
    path = claims(tmp_path, ("ratio", "Department a got 99.99% of it.",
                             "{ratio: {numerator: {sum: amount, of: pay, where: dept == 'a'}, "
                             "denominator: {sum: amount, of: pay}}}", "99.99%"))
    out = runner.invoke(app, ["explain", str(path), "ratio"]).output
    assert re.search(r"numerator: [\d,]+   denominator: [\d,]+", out), out


# 4. a figure written without "$" on a claim whose sentence writes money


@pytest.mark.parametrize("expect", ["1500", "'1,500'", "'about 1,500'"])
def test_a_figure_without_its_sign_is_read_as_that_amount_and_shown_as_money(tmp_path: Path, expect: str) -> None:
    got = results(tmp_path, ("bare", "It cost $1,500 in 2020.", SUM_2020, expect))["bare"]
    assert got.value_text == "$2,833.50", got.value_text
    assert "computed $2,833.50: $1,333.50 high" in got.message or "computed $2,833.50: $" in got.message, got.message
    assert got.expectation is not None and "$" in got.expectation.meaning.partition(": ")[2]


def test_a_bare_figure_keeps_its_exact_miss(tmp_path: Path) -> None:
    got = results(tmp_path, ("bare", "It cost $1,500 in 2020.", SUM_2020, "1500"),
                  ("plain", "It came to 1,500 in 2020.", SUM_2020, "1500"),
                  ("two", "It cost $1,500, or £1,200, in 2020.", SUM_2020, "1500"),
                  ("rise", "Spending rose $5,000 from 2020 to 2021.", RISE, "up 5000"))
    assert got["bare"].message == "stated 1500, computed $2,833.50: $1,333.50 high (88.9%)"
    assert got["bare"].expectation is not None
    assert got["bare"].expectation.meaning == "rounds to 1500: $1,499.50 ≤ x < $1,500.50"
    for cid in ("plain", "two"):  # no money in the sentence, or two currencies: nothing said of money
        assert got[cid].message == "stated 1500, computed 2,833.5: 1,333.5 high (88.9%)", got[cid].message
    assert got["rise"].message == "stated up 5000, computed up $5,284: $284 more (5.7%)", got["rise"].message
