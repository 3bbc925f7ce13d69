"""A ratio stated in money ("$246,913.58 per staff member") is an amount over something else: its value
and the interval it is read as are shown as money, as a sum's are, in every report and in explain
("computed $246,913.58", "read as: … $246,913.575 ≤ x < $246,913.585"; they were "246,913.58" and
"246,913.575 ≤ x < 246,913.585"). A figure written without a sign is money when the sentence writes its
figures in one currency, as a sum's is. A share of the money, a ratio of counts and a multiple stay as
they were.

The table (as in test_ratio_parts_money.py): department a's 2022 amounts add up to 1,234,567.89 over 5
staff; all six payments to 1,245,519.14.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from test_ratio_parts_money import pay_claims
from typer.testing import CliRunner

import factcheck
from factcheck.cli import app

runner = CliRunner()

PAY = ["id,year,dept,amount,staff", "1,2020,a,2833.5,3", "2,2020,b,0,1", "3,2021,a,8017.5,4", "4,2021,b,100,2",
       "5,2022,a,1234567.89,5", "6,2022,b,0.25,1"]
A_2022 = "year == 2022 and dept == 'a'"
PER_STAFF = (f"{{ratio: {{numerator: {{sum: amount, of: pay, where: {A_2022}}}, "
             f"denominator: {{sum: staff, of: pay, where: {A_2022}}}}}}}")
CLAIMS = [
    ("per", "That is $246,913.58 per staff member.", PER_STAFF, "$246,913.58"),
    ("per-off", "That is $250,000 per staff member.", PER_STAFF, "$250,000"),
    ("per-plain", "Department a spent $1,234,567.89 in 2022, or about $246,914 per staff member.", PER_STAFF,
     "about 246,914"),
    ("per-payment", "Payments averaged $207,586.52.",
     "{ratio: {numerator: {sum: amount, of: pay}, denominator: {count: pay}}}", "$207,586.52"),
    ("per-thousand", "The city paid $207,586,523.33 per 1,000 payments.",
     "{ratio: {numerator: {sum: amount, of: pay}, denominator: {count: pay}}, per: 1000}", "$207,586,523.33"),
    ("share", "Department a got $1,245,418.89, 99.99% of the money.",
     "{ratio: {numerator: {sum: amount, of: pay, where: dept == 'a'}, denominator: {sum: amount, of: pay}}}",
     "99.99%"),
    ("counts", "Of the 6 payments, 3 went to a.",
     "{ratio: {numerator: {count: pay, where: dept == 'a'}, denominator: {count: pay}}}", "0.5"),
    ("plain-says", "Department a spent 246,913.58 per staff member.", PER_STAFF, "246,913.58"),
]
SHOWN = {  # value_text, and the interval as read
    "per": ("$246,913.58", "rounds to $246,913.58: $246,913.575 ≤ x < $246,913.585"),
    "per-off": ("$246,913.58", "rounds to $250,000: $249,999.50 ≤ x < $250,000.50"),
    "per-plain": ("$246,913.58", "about 246,914: $234,568.30 ≤ x ≤ $259,259.70"),
    "per-payment": ("$207,586.52", "rounds to $207,586.52: $207,586.515 ≤ x < $207,586.525"),
    "per-thousand": ("$207,586,523.33",
                     "rounds to $207,586,523.33: $207,586,523.325 ≤ x < $207,586,523.335"),
    "share": ("99.99%", "rounds to 99.99%: 99.985% ≤ x < 99.995%"),
    "counts": ("0.5", "rounds to 0.5: 0.45 ≤ x < 0.55"),
    "plain-says": ("246,913.58", "rounds to 246,913.58: 246,913.575 ≤ x < 246,913.585"),
}


@pytest.fixture(scope="module")
def path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pay_claims(tmp_path_factory.mktemp("pay"), PAY, CLAIMS)


def test_the_value_and_its_interval_are_money(path: Path) -> None:
    got = {r.id: (r.value_text, r.expectation.meaning if r.expectation else None)
           for r in factcheck.verify(path).results}
    assert got == SHOWN


def test_a_miss_is_said_in_money(path: Path) -> None:
    off = {r.id: r for r in factcheck.verify(path).results}["per-off"]
    assert off.message.startswith("stated $250,000, computed $246,913.58: $3,086.42 low (1.2%); "
                                  "$250,000 is read to the dollar"), off.message


def test_every_report_and_explain_show_it(path: Path, tmp_path: Path) -> None:
    terminal = runner.invoke(app, ["run", str(path), "--verbose"]).output
    assert "per: stated $246,913.58, computed $246,913.58\n" in terminal, terminal
    assert "read as: rounds to $246,913.58: $246,913.575 ≤ x < $246,913.585\n" in terminal, terminal
    markdown = runner.invoke(app, ["run", str(path), "--markdown", "-"]).output
    assert "| `per` | That is \\$246,913.58 per staff member. | \\$246,913.58 | \\$246,913.58 | rounds to " \
           "\\$246,913.58 as stated (computed \\$246,913.58)" in markdown, markdown
    html = runner.invoke(app, ["run", str(path), "--html", "-"]).output
    assert "read as rounds to $246,913.58: $246,913.575 ≤ x &lt; $246,913.585<" in html, html
    assert "computed <strong>$246,913.58</strong>" in html, html
    runner.invoke(app, ["run", str(path), "--json", str(tmp_path / "r.json")])
    report = {r["id"]: r for r in json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["results"]}
    assert report["per"]["value_text"] == "$246,913.58" and report["per"]["value"] == pytest.approx(246913.578)
    explain = runner.invoke(app, ["explain", str(path), "per"], terminal_width=300).output
    assert "expect: $246,913.58 — read as: rounds to $246,913.58: $246,913.575 ≤ x < $246,913.585\n" in explain
    assert "verdict: ✓ pass  stated $246,913.58, computed $246,913.58\n" in explain, explain
    assert "numerator: $1,234,567.89   denominator: 5\n" in explain, explain


def test_a_record_of_an_amount_per_head_is_money(tmp_path: Path) -> None:
    """A ratio ranked by ``extreme`` is shown as its claim's sentence writes it, as a sum's figures are."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "pay.csv").write_text("\n".join(PAY) + "\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text(textwrap.dedent("""\
        version: 1
        tables:
          pay: {path: pay.csv, key: id, time: year}
        claims:
          - id: most
            says: In 2022 department a paid the most per staff member, $246,913.58.
            measure:
              extreme: {ratio: {numerator: {sum: amount, of: pay, where: year == 2022},
                                denominator: {sum: staff, of: pay, where: year == 2022}}}
              over: dept
              at: a
              is: highest
            expect: true
        """), encoding="utf-8")
    [r] = factcheck.verify(tmp_path / "c.yaml").results
    assert r.value_text is not None and "$246,913.58" in r.value_text and "$0.25" in r.value_text, r.value_text
