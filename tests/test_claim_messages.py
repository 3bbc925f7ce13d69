"""Messages for a claims file written almost right (walks of hospital and grants stories): each now
says what to write, in a form the file takes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import one_table
from typer.testing import CliRunner

from factcheck import ClaimsFileError, Verdict
from factcheck.cli import app


def test_a_typo_hint_writes_a_quote_as_the_expression_language_does(tmp_path: Path) -> None:
    """`did you mean "St. Mary's"?` was Python's quoting, which an expression does not read."""
    with pytest.raises(ClaimsFileError) as err:
        one_table(tmp_path, ["id,hospital", "1,St. Mary's", "2,Lakeview"], "{count: t, where: \"hospital == 'St Marys'\"}",
                  "1")
    assert "did you mean 'St. Mary''s'?" in str(err.value)
    r = one_table(tmp_path, ["id,hospital", "1,St. Mary's", "2,Lakeview"],
                  "{count: t, where: \"hospital == 'St. Mary''s'\"}", "1")
    assert r.verdict == Verdict.PASS  # the hint, pasted, runs


def test_a_top_share_written_as_a_percentage_below_one_is_what_it_says(tmp_path: Path) -> None:
    """`in_top: 0.01%` was refused as "would mean 0.01%%, not 1%"; a bare 0.01 still is."""
    rows = ["id,amount"] + [f"{i},{1000 if i == 1 else 1}" for i in range(1, 10001)]  # one row holds 1000 of 10,999
    r = one_table(tmp_path, rows, "{top_share: amount, of: t, in_top: 0.01%}", "9.1%")
    assert r.verdict == Verdict.PASS, r.message
    with pytest.raises(ClaimsFileError) as err:
        one_table(tmp_path, rows, "{top_share: amount, of: t, in_top: 0.01}", "9.1%")
    assert "in_top: 0.01 would mean 0.01%, not 1%" in str(err.value)


def test_a_figure_with_a_thousands_comma_in_a_one_line_mapping(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("id\n1\n")
    (tmp_path / "c.yaml").write_text("tables:\n  t: {path: t.csv}\nclaims:\n"
                                     "  - {id: c, says: s, measure: {count: t}, expect: more than $300,000}\n")
    result = CliRunner().invoke(app, ["run", str(tmp_path / "c.yaml")])
    assert result.exit_code == 2
    assert "unknown field '000'" in result.output and "e.g. expect: 'more than $300,000'" in result.output


def test_a_value_error_names_its_field_not_the_path_inside_the_file(tmp_path: Path) -> None:
    """"'claims.1.measure.in_top': in_top is on a 0-100 scale" said the field twice, once as the
    model's path; the line already names the place."""
    (tmp_path / "t.csv").write_text("id,amount\n1,5\n")
    (tmp_path / "c.yaml").write_text("tables:\n  t: {path: t.csv}\nclaims:\n"
                                     "  - {id: c, says: s, measure: {top_share: amount, of: t, in_top: 0.5}, expect: 1%}\n"
                                     "  - {id: d, says: s, measure: {ratio: {numerator: {count: t}, denominator: {count: t}},"
                                     " unit: minutes}, expect: 1}\n")
    result = CliRunner().invoke(app, ["run", str(tmp_path / "c.yaml")])
    assert result.exit_code == 2
    assert "claims." not in result.output, result.output
    assert "claim 'c': in_top is on a 0-100 scale" in result.output
    assert "claim 'd': 'unit' must be 'fraction' or 'percent'" in result.output


def test_a_year_computed_is_written_as_a_year(tmp_path: Path) -> None:
    """`min: year(d)` showed "computed 2,022" (a hospital-waits walk); a sum of 2,024 keeps its comma."""
    rows = ["d,fiscal_year,n", "2019-05-01,2019,1000", "2022-01-02,2024,1024"]
    assert one_table(tmp_path, rows, "{min: year(d), of: t}", "2019").value_text == "2019"
    assert one_table(tmp_path, rows, "{max: fiscal_year, of: t}", "2024").value_text == "2024"
    assert one_table(tmp_path, rows, "{sum: n, of: t}", "2024").value_text == "2,024"


def test_the_headline_figure_is_never_rounded_onto_the_edge_it_fails_at(tmp_path: Path) -> None:
    """19 of 201 is 9.45%: the verdict line said "FAIL about 10%, computed 9.5%", and 9.5% passes
    "about 10%"; the message below said 9.45% (a walk of a police story)."""
    rows = ["id,taser"] + [f"{i},{'yes' if i < 19 else 'no'}" for i in range(201)]
    r = one_table(tmp_path, rows, "{share: taser == 'yes', of: t}", "about 10%")
    assert r.verdict == "fail" and r.value_text == "9.45%", (r.value_text, r.message)
    r = one_table(tmp_path, rows, "{share: taser == 'yes', of: t}", "more than 9%")
    assert r.verdict == "pass" and r.value_text == "9.5%", (r.value_text, r.message)  # no edge crossed: as before


@pytest.mark.parametrize(("rows", "expect", "said"), [
    (["id,amount", "1,604592.03"], "$604.6 million", "about 1/1,000 of the stated one: thousands for millions"),
    (["id,amount_cents", "1,60459203"], "$604,592", "about 100 times the stated one: cents for dollars"),
    (["id,amount", "1,-5000"], "$5,000", "the stated one with the other sign"),
])
def test_a_miss_a_unit_or_a_sign_explains_says_so(tmp_path: Path, rows: list[str], expect: str, said: str) -> None:
    """"603,995,407.97 low (99.9%)" for a figure in thousands stated as millions, and "10,000 low
    (200%)" for a refund stated as its size: the message now names the likely mistake (a walk of a
    campaign-finance story)."""
    column = rows[0].split(",")[1]
    r = one_table(tmp_path, rows, f"{{sum: {column}, of: t}}", expect)
    assert r.verdict == "fail" and said in r.message, r.message
    minus = one_table(tmp_path, ["id,amount", "1,-5000"], "{sum: -amount, of: t}", "$5,000")
    assert minus.verdict == "pass", minus.message  # the fix the message gives works


def test_a_figure_exactly_at_the_edge_is_not_written_with_nine_decimals(tmp_path: Path) -> None:
    """Two thirds against "more than two-thirds": no number of digits tells 2/3 from its edge, and
    the figure was written "66.666666667%"; it is 66.7%, and the message says "exactly"."""
    rows = ["id,ok"] + [f"{i},{'yes' if i < 2 else 'no'}" for i in range(3)]
    r = one_table(tmp_path, rows, "{share: ok == 'yes', of: t}", "more than two-thirds")
    assert r.verdict == "fail" and r.value_text == "66.7%", (r.value_text, r.message)
    assert "exactly" in r.message and "66.666666667" not in r.message, r.message


def test_no_unit_hint_on_a_count_and_no_sign_hint_on_a_positive_figure(tmp_path: Path) -> None:
    """A count of 1,000 rows stated as 10 got "cents for dollars?", and a minimum of +5 stated as -5
    got "the data records it as negative (a refund)": both wrong (the attack on this session's
    changes)."""
    r = one_table(tmp_path, ["id"] + [str(i) for i in range(1000)], "{count: t}", "10")
    assert r.verdict == "fail" and "cents" not in r.message and "times the stated" not in r.message, r.message
    r = one_table(tmp_path, ["id,temp", "1,5", "2,9"], "{min: temp, of: t}", "-5")
    assert r.verdict == "fail" and "other sign" not in r.message, r.message


def test_a_figure_below_a_bound_is_not_shown_as_the_bound(tmp_path: Path) -> None:
    """1,899 of 20,000 (9.495%) against "more than 9.5%": "computed 9.5%" looked like the bound itself."""
    rows = ["id,ok"] + [f"{i},{'yes' if i < 1899 else 'no'}" for i in range(20000)]
    r = one_table(tmp_path, rows, "{share: ok == 'yes', of: t}", "more than 9.5%")
    assert r.verdict == "fail" and r.value_text == "9.495%", (r.value_text, r.message)


def test_no_unit_hint_on_a_year(tmp_path: Path) -> None:
    """The first year of the data, 2021, stated as 2.021 (or 2021 as 2.021 thousand) is no amount in a unit."""
    r = one_table(tmp_path, ["id,year", "1,2021", "2,2023"], "{min: year, of: t}", "2")
    assert r.verdict == "fail" and "times the stated" not in r.message and "1/1,000" not in r.message, r.message
