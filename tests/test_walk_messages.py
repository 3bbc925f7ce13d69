"""Messages a reporter found misleading walking three new stories (311 requests, police overtime):
each now says what is true of the claim and the data."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import one_table
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from factcheck import ClaimsFileError, verify
from factcheck.cli import app
from factcheck.expectations import MeasureShape, parse_expectation


def test_an_unknown_column_hint_lists_columns_not_the_claims_own_lag(tmp_path: Path) -> None:
    """`streak: "n > lag(n)"` listed `lag(n)` first among "the table's columns": the claim's own
    expression, computed for it, is no column a writer can name."""
    with pytest.raises(ClaimsFileError) as err:
        one_table(tmp_path, ["year,requests", "2021,5", "2022,6"],
                  "{streak: 'n > lag(n)', of: t, order: year}", "1", decl="derive: {per_day: requests / 365}")
    message = str(err.value)
    assert "table 't' has no column 'n'" in message
    listed = message.split("(closest first): ", 1)[1].splitlines()[0]
    assert set(listed.split(", ")) == {"year", "requests", "per_day"}, listed  # declared derives stay listed


def test_a_did_you_mean_never_offers_the_claims_own_lag(tmp_path: Path) -> None:
    with pytest.raises(ClaimsFileError) as err:
        one_table(tmp_path, ["year,requests", "2021,5", "2022,6"],
                  "{streak: 'requets > lag(requests)', of: t, order: year}", "1")
    assert "did you mean 'requests'" in str(err.value)
    assert "lag(requests)'" not in str(err.value).replace("requets > lag(requests)", "")


def _unencoded(folder: Path) -> Path:
    """A claims file with one claim noted but not encoded: an `expect`, no measure."""
    (folder / "t.csv").write_text("year,pay\n2023,5\n2024,6\n", encoding="utf-8")
    (folder / "c.yaml").write_text(
        "tables:\n  t: {path: t.csv}\nclaims:\n"
        "  - {id: rising, says: Overtime has risen for five straight years., expect: 5}\n"
        "  - {id: total, says: s, measure: {sum: pay, of: t}, expect: 11}\n", encoding="utf-8")
    return folder / "c.yaml"


def test_a_claim_without_a_measure_says_so_not_stated_dash(tmp_path: Path) -> None:
    """"stated —, computed —" read as "the claim states nothing", though its expect was set: it
    has no measure yet. The verdict stays unverifiable (not_encoded). The figure it is for is shown
    beside it: "no measure yet" alone left the editor to open the claims file to learn which figure
    (before, no report said the `expect` of such a claim)."""
    claims = _unencoded(tmp_path)
    run = CliRunner().invoke(app, ["run", str(claims)])
    assert run.exit_code == 0, run.output
    assert "UNVERIFIABLE rising: stated 5, no measure yet, nothing computed" in run.output
    assert "[not_encoded]" in run.output and "stated —" not in run.output and "read as" not in run.output
    assert "PASS         total: stated 11, computed 11" in run.output  # measured claims as before
    md = CliRunner().invoke(app, ["run", str(claims), "--markdown", "-"])
    row = next(line for line in md.output.splitlines() if "`rising`" in line)
    assert "| 5 (no measure yet) | — |" in row and "unverifiable" in row
    explained = CliRunner().invoke(app, ["explain", str(claims), "rising"])
    assert explained.exit_code == 0, explained.output
    assert "stated 5, no measure yet, nothing computed" in explained.output and "stated —" not in explained.output
    assert "expect: 5\n" in explained.output  # as written, not "read as" anything: nothing read it
    out = tmp_path / "r.json"
    assert CliRunner().invoke(app, ["run", str(claims), "--json", str(out), "--html", str(tmp_path / "r.html")]
                              ).exit_code == 0
    result = next(r for r in json.loads(out.read_text(encoding="utf-8"))["results"] if r["id"] == "rising")
    assert result["expectation"] == {"written": "5", "meaning": "not read: the claim has no measure yet",
                                     "low": None, "high": None, "low_closed": True, "high_closed": False,
                                     "stated": None}
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert '<th scope="row">expected</th><td>5</td>' in html and "read as not read" not in html
    assert "Data" not in explained.output  # it read no table: no heading over nothing


def _two_tables(folder: Path) -> Path:
    (folder / "requests.csv").write_text("id,hood\n1,a\n2,a\n3,b\n", encoding="utf-8")
    (folder / "hoods.csv").write_text("hood,name\na,Harbor\nb,Mill Creek\n", encoding="utf-8")
    (folder / "c.yaml").write_text(
        "tables:\n  requests: {path: requests.csv, lookup: {h: hoods via hood}}\n  hoods: {path: hoods.csv, key: hood}\n"
        "claims:\n"
        "  - {id: total, says: s, measure: {count: requests}, expect: 3}\n"
        "  - {id: harbor, says: s, measure: {count: requests, where: \"h.name == 'Harbor'\"}, expect: 2}\n",
        encoding="utf-8")
    return folder / "c.yaml"


def test_only_with_a_baseline_compares_the_tables_its_claims_read(tmp_path: Path) -> None:
    """`run --only total --baseline old.json` said "hoods: no longer read" and "1 data file changed":
    the file was as before; the one claim chosen just does not read it."""
    claims = _two_tables(tmp_path)
    (tmp_path / "old.json").write_text(verify(claims).to_json(), encoding="utf-8")
    run = CliRunner().invoke(app, ["run", str(claims), "--only", "total", "--baseline", str(tmp_path / "old.json")])
    assert run.exit_code == 0, run.output
    assert "no longer read" not in run.output and "0 data files changed" in run.output
    report = verify(claims, only=["total"], baseline=tmp_path / "old.json")
    assert report.comparison is not None
    assert [(t.name, t.status) for t in report.comparison.tables] == [("requests", "unchanged")]
    # a change in a table the chosen claim reads is still said, the lookup's too
    (tmp_path / "hoods.csv").write_text("hood,name\na,Harbor\nb,Millcreek\n", encoding="utf-8")
    harbor = verify(claims, only=["harbor"], baseline=tmp_path / "old.json")
    assert harbor.comparison is not None
    assert {t.name: t.status for t in harbor.comparison.tables} == {"requests": "unchanged", "hoods": "changed"}
    total = verify(claims, only=["total"], baseline=tmp_path / "old.json").comparison
    assert total is not None and total.summary.tables_changed == 0


PAY = ["id,pay"] + [f"{i},{v}" for i, v in enumerate([25000, 25413.45, 26000], 1)]  # median 25,413.45


def test_an_amount_ending_in_zeros_says_how_it_was_read_and_how_to_write_a_rounded_one(tmp_path: Path) -> None:
    """"$25,400" for a median of $25,413.45 failed, by the documented rule (trailing zeros count as
    stated), with no word of it; the hint names the rule and the explicit form for "to the hundred"."""
    r = one_table(tmp_path, PAY, "{median: pay, of: t}", "$25,400")
    assert r.reason.value == "out_of_tolerance"
    assert r.message == ("stated $25,400, computed $25,413.45: $13.45 high (0.1%); $25,400 is read to the dollar, "
                         "as written (trailing zeros count as stated); if the story rounds to the nearest hundred, "
                         "write expect: {value: 25400, within: 50}")
    assert r.value_text == "$25,413.45"  # money shown with its sign, as a record's figures are
    hinted = one_table(tmp_path, PAY, "{median: pay, of: t}", "{value: 25400, within: 50}")
    assert hinted.verdict.value == "pass", hinted.message  # the form the hint gives runs and holds


@pytest.mark.parametrize(("expect", "hint"), [
    ("2,000", "2,000 is read to the unit, as written (trailing zeros count as stated); if the story rounds to "
              "the nearest thousand, write expect: {value: 2000, within: 500}"),
    ("2,010", "if the story rounds to the nearest ten, write expect: {value: 2010, within: 5}"),
    ("$2.0 million", "$2.0 million is read to the nearest hundred thousand, as written (trailing zeros count as "
                     "stated); if the story rounds to the nearest million, write expect: {value: 2000000, within: 500000}"),
])
def test_the_rounding_hint_names_the_place_of_the_last_digit_written(tmp_path: Path, expect: str, hint: str) -> None:
    value = {"2,000": 2013, "2,010": 2013, "$2.0 million": 2_413_000}[expect]
    r = one_table(tmp_path, ["id,pay", f"1,{value}"], "{sum: pay, of: t}", expect)
    assert r.verdict.value == "fail" and hint in r.message, r.message


@pytest.mark.parametrize("expect", ["$25,416", "$25,500", "about $20,000", "2.5%", "$25,420.00"])
def test_no_rounding_hint_where_rounding_is_not_the_reason(tmp_path: Path, expect: str) -> None:
    """No trailing zero, a value that would miss at the coarser place too, a band of its own, a share."""
    r = one_table(tmp_path, PAY, "{median: pay, of: t}", expect)
    assert r.verdict.value == "fail" and "trailing zeros" not in r.message, r.message


def test_a_count_is_no_money_even_when_a_sign_is_written(tmp_path: Path) -> None:
    r = one_table(tmp_path, ["id", "1", "2"], "{count: t}", "3")
    assert r.value_text == "2" and "$" not in r.message


@settings(max_examples=300, deadline=None)
@given(digits=st.integers(1, 999), zeros=st.integers(0, 5), cents=st.integers(-10**6, 10**6), money=st.booleans())
def test_the_rounding_hint_is_given_exactly_when_it_holds_and_its_form_passes(
        digits: int, zeros: int, cents: int, money: bool) -> None:
    """For a whole figure ending in `zeros` zeros and any value near it: the hint is there exactly
    when the figure fails as written and the value rounds to it at the place of its last non-zero
    digit; the expect it proposes then holds the value."""
    figure = digits * 10**zeros
    x = Fraction(figure) + Fraction(cents, 100)
    written = ("$" if money else "") + f"{figure:,}"
    e = parse_expectation(written, MeasureShape("number", of_values="pay"))
    judged = e.judge(x)
    place = 10**zeros
    while (figure // place) % 10 == 0 and place <= 10**8:  # a digits value ending in 0 (e.g. 10 × 10**k)
        place *= 10
    expected = not judged.ok and place > 1 and abs(x - figure) < Fraction(place, 2)
    assert ("trailing zeros count as stated" in judged.message) == expected, judged.message
    if expected:
        proposed = judged.message.split("write expect: ", 1)[1]
        value, within = (int(part.split(": ")[1].rstrip("}")) for part in proposed.split(", "))
        assert parse_expectation({"value": value, "within": within}, MeasureShape("number")).judge(x).ok


def _notes(result: object) -> dict[str, str]:
    return {n.code.value: n.message for n in result.notes}  # type: ignore[attr-defined]


YEARLY_PAY = ["id,year,pay", "1,2021,10", "2,2021,", "3,2022,20", "4,2022,5", "5,2022,",
              "6,2023,30", "7,2023,1", "8,2024,40", "9,2020,50", "10,2020,"]  # 2020 ends the run; blanks in it too


def test_rising_says_the_rows_it_leaves_out_as_unknown(tmp_path: Path) -> None:
    """`rising` over a sum with blank amounts gave no note, while `change` over the same data says
    `unknowns_excluded`: the sums leave those rows out all the same."""
    r = one_table(tmp_path, YEARLY_PAY, "{rising: {sum: pay, of: t}, over: year, to: 2024}", "3")
    assert r.verdict.value == "pass", r.message
    # the run 2021-2024 and 2020, the period before it that ended it: 1 + 1 + 1 + 0 + 0 blanks
    assert _notes(r)["unknowns_excluded"] == "3 rows left out because the value was unknown"
    assert r.rows_unknown == 3
    assert "mostly_unknown" not in _notes(r)
    change = one_table(tmp_path, YEARLY_PAY, "{change: {sum: pay, of: t}, over: year, from: 2021, to: 2022}", "up 150%")
    assert _notes(change)["unknowns_excluded"] == "2 rows left out because the value was unknown"
    since = one_table(tmp_path, YEARLY_PAY, "{rising: {sum: pay, of: t}, over: year, since: 2022}", "true")
    assert _notes(since)["unknowns_excluded"] == "1 row left out because the value was unknown"  # 2022-2024


def test_rising_warns_when_a_period_it_compares_is_mostly_unknown(tmp_path: Path) -> None:
    r = one_table(tmp_path, YEARLY_PAY, "{falling: {sum: pay, of: t}, over: year, to: 2021}", "1")
    assert r.verdict.value == "pass", r.message
    notes = _notes(r)
    assert notes["unknowns_excluded"] == "2 rows left out because the value was unknown"  # 2020 and 2021
    assert "mostly_unknown" not in notes  # one of two rows blank in each: half, not most
    counted = one_table(tmp_path, YEARLY_PAY, "{rising: {count: t}, over: year, to: 2024}", "3")
    assert counted.notes == [] or "unknowns_excluded" not in _notes(counted)  # a count leaves no row out
    mostly = ["id,year,pay", "1,2021,10", "2,2022,20", "3,2022,", "4,2022,", "5,2023,30"]
    warned = one_table(tmp_path, mostly, "{rising: {sum: pay, of: t}, over: year}", "2")
    assert "mostly_unknown" in _notes(warned), warned.notes
    assert _notes(warned)["mostly_unknown"].startswith("the figure rests on 1 row and leaves out 2")
