"""The numerator and denominator of a ratio of money are shown as money, as a change's and a gap's
already were: "numerator: $1,234,567.89   denominator: 5" for "about $246,914 per staff member"
(was "1,234,568 / 5"), and "$1,245,418.89 / $1,245,519.14" for a share of the money whose sentence
writes its amounts ("got $1,245,418.89, 99.99% of the money"). A count is never money, nor is what
a ratio stated in money divides by; a mean's denominator counts values (it was "$6").

The table (as in test_money_shown_everywhere.py): department a's 2022 amounts add up to
1,234,567.89 over 5 staff; a's amounts to 1,245,418.89, everyone's to 1,245,519.14 over 6 rows.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

import factcheck
from factcheck.cli import app

runner = CliRunner()

PAY = ["id,year,dept,amount,staff", "1,2020,a,2833.5,3", "2,2020,b,0,1", "3,2021,a,8017.5,4", "4,2021,b,100,2",
       "5,2022,a,1234567.89,5", "6,2022,b,0.25,1"]
A_2022 = "year == 2022 and dept == 'a'"
CLAIMS = [
    ("per", "Department a spent $1,234,567.89 in 2022, or about $246,914 per staff member.",
     f"{{ratio: {{numerator: {{sum: amount, of: pay, where: {A_2022}}}, "
     f"denominator: {{sum: staff, of: pay, where: {A_2022}}}}}}}", "about $246,914"),
    ("share", "Department a got $1,245,418.89, 99.99% of the money.",
     "{ratio: {numerator: {sum: amount, of: pay, where: dept == 'a'}, denominator: {sum: amount, of: pay}}}",
     "99.99%"),
    ("per-payment", "Payments averaged $207,586.52.",
     "{ratio: {numerator: {sum: amount, of: pay}, denominator: {count: pay}}}", "$207,586.52"),
    ("counts", "Of the 6 payments over $0, 3 went to a.",
     "{ratio: {numerator: {count: pay, where: dept == 'a'}, denominator: {count: pay}}}", "50%"),
    ("two-columns", "Department a spent $1,234,567.89 in 2022, 99.99% of it.",
     f"{{ratio: {{numerator: {{sum: amount, of: pay, where: {A_2022}}}, "
     f"denominator: {{sum: staff, of: pay}}}}}}", "99.99%"),
    ("mean", "The average payment was $207,586.52.", "{mean: amount, of: pay}", "$207,586.52"),
]
SHOWN = {
    "per": ("$1,234,567.89", "5"),
    "share": ("$1,245,418.89", "$1,245,519.14"),
    "per-payment": ("$1,245,519.14", "6"),
    "counts": ("3", "6"),
    "two-columns": ("1,234,568", "16"),  # payroll over staff: the sentence cannot say which is money
    "mean": ("$1,245,519.14", "6"),
}


def pay_claims(folder: Path, pay: list[str], claims: list[tuple[str, str, str, str]]) -> Path:
    """A claims file of ``claims`` (id, says, measure, expect) over a table ``pay`` of the lines ``pay``."""
    (folder / ".git").mkdir()
    (folder / "pay.csv").write_text("\n".join(pay) + "\n", encoding="utf-8")
    body = "".join(f"- id: {cid}\n  says: {says}\n  measure: {measure}\n  expect: '{expect}'\n"
                   for cid, says, measure, expect in claims)
    out = folder / "c.yaml"
    out.write_text("version: 1\ntables:\n  pay: {path: pay.csv, key: id, time: year}\nclaims:\n"
                   + textwrap.indent(body, "  "), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pay_claims(tmp_path_factory.mktemp("pay"), PAY, CLAIMS)


def test_the_verdict_gives_each_part_as_it_is(path: Path) -> None:
    got = {r.id: (r.numerator_text, r.denominator_text) for r in factcheck.verify(path).results}
    assert got == SHOWN


@pytest.mark.parametrize("claim", sorted(SHOWN))
def test_explain_shows_them(path: Path, claim: str) -> None:
    out = runner.invoke(app, ["explain", str(path), claim])
    assert out.exit_code == 0, out.output
    num, den = SHOWN[claim]
    assert f"numerator: {num}   denominator: {den}\n" in out.output, out.output


def test_every_report_shows_them(path: Path, tmp_path: Path) -> None:
    verbose = runner.invoke(app, ["run", str(path), "--verbose"]).output
    assert "numerator $1,234,567.89, denominator 5\n" in verbose, verbose
    assert "numerator $1,245,519.14, denominator 6;" in verbose, verbose
    html = runner.invoke(app, ["run", str(path), "--html", "-"]).output
    assert "$1,245,418.89 / $1,245,519.14" in html and "$1,234,567.89 / 5<" in html, html
    junit = runner.invoke(app, ["run", str(path), "--junit", "-"]).output
    assert "$1,245,418.89 / $1,245,519.14" in junit and "$1,245,519.14 / 6;" in junit, junit
    assert runner.invoke(app, ["run", str(path), "--json", str(tmp_path / "r.json")]).exit_code == 1  # a fail
    report = {r["id"]: r for r in json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["results"]}
    assert (report["per"]["numerator"], report["per"]["numerator_text"]) == (1234567.89, "$1,234,567.89")
