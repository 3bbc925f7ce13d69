"""Amounts of money in `expect:` ('$3,324', 'about $4,000', '£2.5bn'): read as the draft finder reads them.

`factcheck init` writes each figure it finds as the claim's `expect:`, currency and all; before,
`run` refused every amount of money it had written ("cannot read '$3,324'"), and `suggest`
said no measure met it.
"""

from __future__ import annotations

import json
import textwrap
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.draft.figures import figures_in_phrase
from factcheck.expectations import ExpectationError, MeasureShape, parse_expectation

NUMBER = MeasureShape("number")


@pytest.mark.parametrize(("written", "meaning"), [
    ("$3,324", "rounds to $3,324: 3,323.5 ≤ x < 3,324.5"),
    ("about $4,000", "about $4,000: 3,800 ≤ x ≤ 4,200"),
    ("£2.5bn", "rounds to £2.5bn: 2,450,000,000 ≤ x < 2,550,000,000"),
    ("US$5 million", "rounds to US$5 million: 4,500,000 ≤ x < 5,500,000"),
    ("€300k", "rounds to €300k: 299,500 ≤ x < 300,500"),
    ("more than $1.2m", "more than $1.2m: x > 1,200,000"),
    ("-$200", "rounds to -$200: -200.5 < x ≤ -199.5"),
    ("nearly ¥1,000", "nearly ¥1,000: 950 ≤ x < 1,000"),
])
def test_an_amount_reads_as_its_number(written: str, meaning: str) -> None:
    assert parse_expectation(written, NUMBER).meaning == meaning


@pytest.mark.parametrize("written", ["$5%", "$-200", "$", "$ 300 %"])
def test_what_is_no_amount_is_still_refused(written: str) -> None:
    with pytest.raises(ExpectationError, match="cannot read"):
        parse_expectation(written, NUMBER)


CURRENCIES = st.sampled_from(["$", "£", "€", "¥", "₹", "US$", "A$", "C$", "NZ$", "HK$"])
SCALES = st.sampled_from(["", " thousand", " million", " billion", "k", "m", "bn"])


@given(cur=CURRENCIES, whole=st.integers(0, 10**7), places=st.integers(0, 2), cents=st.integers(0, 99),
       scale=SCALES, grouped=st.booleans(), minus=st.booleans())
def test_every_amount_init_finds_run_reads_as_the_same_number(cur: str, whole: int, places: int, cents: int,
                                                              scale: str, grouped: bool, minus: bool) -> None:
    """What the draft finder takes for an amount, and `init` writes as `expect:`, the expectation
    reads, at the finder's value."""
    digits = f"{whole:,}" if grouped else str(whole)
    if places:
        digits += "." + f"{cents:02d}"[:places]
    text = f"{'-' if minus else ''}{cur}{digits}{scale}"
    found = figures_in_phrase(text)
    assert [f.text for f in found] == [text]
    assert parse_expectation(text, NUMBER).stated == found[0].value


TABLES = """\
version: 1
tables:
  filings: {path: filings.csv, key: id}
claims:
"""


def _story(tmp_path: Path, claims: str) -> Path:
    (tmp_path / "filings.csv").write_text("id,owed\n1,1000\n2,3324.40\n3,7547.16\n", encoding="utf-8")
    path = tmp_path / "claims.yaml"
    path.write_text(TABLES + textwrap.indent(textwrap.dedent(claims), "  "), encoding="utf-8")
    return path


def test_a_claim_of_money_is_judged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _story(tmp_path, """\
        - id: median-owed
          says: The median tenant owed $3,324.
          measure: {median: owed, of: filings}
          expect: $3,324
        - id: mean-owed
          says: On average tenants owed about $4,000.
          measure: {mean: owed, of: filings}
          expect: about $4,000
        - id: mean-owed-wrong
          says: On average tenants owed more than $4.5k.
          measure: {mean: owed, of: filings}
          expect: more than $4.5k
        """)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["run", str(path), "--json", "-"])
    assert result.exit_code == 1, result.output
    verdicts = {r["id"]: r["verdict"] for r in json.loads(result.stdout)["results"]}
    assert verdicts == {"median-owed": "pass", "mean-owed": "pass", "mean-owed-wrong": "fail"}


def _debts(tmp_path: Path, sentence: str) -> dict[str, dict]:
    """`init` then `suggest --json` on a one-sentence story over 41 debts: median $3,324, mean
    $3,799.98. Each figure's suggestions, by the figure as written."""
    owed = [324 + 150 * i + (3903 if i >= 36 else 0) for i in range(41)]
    (tmp_path / "filings.csv").write_text("id,owed\n" + "".join(f"F{i:03d},{v}\n" for i, v in enumerate(owed)),
                                          encoding="utf-8")
    (tmp_path / "story.md").write_text(f"# Debts\n\n{sentence}\n", encoding="utf-8")
    runner = CliRunner()
    made = runner.invoke(app, ["init", "story.md", "filings.csv"])
    assert made.exit_code == 0, made.output
    got = runner.invoke(app, ["suggest", "story.claims.yaml", "--json", "-"])
    assert got.exit_code == 0, got.output
    return {c["expect"]: c for c in json.loads(got.stdout)["claims"]}


def test_init_writes_amounts_that_suggest_and_run_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    found = _debts(tmp_path, "The median tenant owed $3,324; the average was about $3,800.")
    written = (tmp_path / "story.claims.yaml").read_text(encoding="utf-8")
    assert "expect: $3,324" in written and "expect: about $3,800" in written
    assert found["$3,324"]["candidates"][0]["measure"] == {"median": "owed", "of": "filings"}
    assert found["about $3,800"]["candidates"][0]["measure"] == {"mean": "owed", "of": "filings"}


def test_the_word_before_a_figure_says_whether_it_is_a_median(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A wrong average beside a median: the mean is its reading as written, and shown failing
    (before, "median" anywhere in the sentence made the median that reading)."""
    monkeypatch.chdir(tmp_path)
    wrong = _debts(tmp_path, "The median tenant owed $3,324; the average was about $5,000.")["about $5,000"]
    assert wrong["candidates"] == []
    assert wrong["reading"]["measure"] == {"mean": "owed", "of": "filings"}
    assert wrong["reading"]["verdict"] == "fail"


def test_an_amount_is_never_a_number_of_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """41 debts and "about $40": no count of rows is offered for an amount of money."""
    monkeypatch.chdir(tmp_path)
    found = _debts(tmp_path, "The smallest debt was about $40.")["about $40"]
    assert not any("count" in c["measure"] for c in found["candidates"] + found["misses"])


def test_a_sum_over_no_rows_is_zero_and_over_blank_values_unknown(tmp_path: Path) -> None:
    """"Wu raised $0 after dropping out" was unverifiable (no_rows) while "received no contributions"
    passed on the same rows: a sum of nothing is $0, as a count of nothing is 0. A sum over rows
    that all lack an amount is still unknown (a campaign-finance walk)."""
    from conftest import one_table

    from factcheck.outcome import Reason, Verdict
    rows = ["id,candidate,amount,received", "1,Wu,100,2017-05-01", "2,Wu,,2017-07-01", "3,Lee,50,2017-08-01"]
    r = one_table(tmp_path, rows, "{sum: amount, of: t, where: \"candidate == 'Wu' and received > '2017-07-15'\"}", "$0")
    assert r.verdict == Verdict.PASS and r.value == 0, r.message
    r = one_table(tmp_path, rows, "{sum: amount, of: t, where: \"candidate == 'Wu' and received > '2017-06-15'\"}", "$0")
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.NO_ROWS), r.message
    r = one_table(tmp_path, rows, "{mean: amount, of: t, where: \"candidate == 'Wu' and received > '2017-07-15'\"}", "$0")
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.NO_ROWS), r.message  # no mean of nothing


@pytest.mark.parametrize(("written", "low", "high"), [
    ("3 million dollars", 2_500_000, 3_500_000),
    ("nearly three million dollars", 2_850_000, 3_000_000),
    ("$2.9-million", 2_850_000, 2_950_000),
    ("half a million dollars", 475_000, 525_000),     # a fraction's band, as "half" has
    ("a quarter of a million", 237_500, 262_500),    # the same width for every part (it was five times
    ("twenty-five million dollars", 24_500_000, 25_500_000),  # narrower); the hint was "20-5 million"
    ("one and a half million", 1_450_000, 1_550_000),
    ("three million", 2_500_000, 3_500_000),
    ("500,000 euros", 499_999.5, 500_000.5),
])
def test_amounts_in_words_as_articles_write_them(written: str, low: float, high: float) -> None:
    """Each could not be read ("cannot read 'nearly three million dollars'", whose hint, followed,
    could not be read either); the draft split "half a million" into "half" and "a million"."""
    e = parse_expectation(written, MeasureShape("number"))
    assert e.interval is not None and (float(e.interval.low), float(e.interval.high)) == (low, high), e.meaning


def test_the_draft_finds_the_amounts_the_expect_reads() -> None:
    found = [(f.text, f.value) for f in figures_in_phrase("a $2.9-million haul, half a million dollars, "
                                                          "a quarter of a million and a third of a million")]
    assert found == [("$2.9-million", 2_900_000), ("half a million", 500_000), ("a quarter of a million", 250_000),
                     ("a third of a million", Fraction(1_000_000, 3))]
    assert [(f.text, f.value) for f in figures_in_phrase("about one and a half million")] == [
        ("about one and a half million", 1_500_000)]


def test_every_period_of_a_sum_with_no_rows_has_no_value(tmp_path: Path) -> None:
    """"Kim raised less than $50 each year" passed on 10, 0, 0: the years she had no contribution
    were read as $0, where a change or a run over the same years says they have no value."""
    from conftest import one_table

    from factcheck.outcome import Reason, Verdict
    rows = ["id,candidate,year,amount", "1,Kim,2020,10", "2,Lee,2021,500", "3,Lee,2022,300"]
    r = one_table(tmp_path, rows, "{every: {sum: amount, of: t, where: \"candidate == 'Kim'\"}, over: year, "
                                  "from: 2020, to: 2022}", "less than 50", decl="time: year")
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.NO_ROWS), r.message
    assert "at 2021: no rows pass the filter" in r.message


def test_init_keeps_the_scale_of_an_amount_in_words(tmp_path: Path) -> None:
    """`init` wrote `expect: 3,000,000` for "three million dollars", an exact figure that then failed
    at 2,900,000, where the article's words pass (the attack on this session's changes)."""
    (tmp_path / "c.csv").write_text("id,amount\n1,1900000\n2,1000000\n")
    (tmp_path / "story.md").write_text("The campaign raised three million dollars.\n")
    result = CliRunner().invoke(app, ["init", str(tmp_path / "story.md"), str(tmp_path / "c.csv")])
    assert result.exit_code == 0, result.output
    written = (tmp_path / "story.claims.yaml").read_text()
    assert "expect: 3 million" in written, written
    e = parse_expectation("3 million", MeasureShape("number"))
    assert e.interval is not None and e.interval.contains(2_900_000)
