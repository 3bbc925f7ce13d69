"""Messages a reporter found misleading walking three new stories (311 requests, police overtime):
each now says what is true of the claim and the data."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import one_table
from typer.testing import CliRunner

from factcheck import ClaimsFileError, verify
from factcheck.cli import app


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
    has no measure yet. The verdict stays unverifiable (not_encoded)."""
    claims = _unencoded(tmp_path)
    run = CliRunner().invoke(app, ["run", str(claims)])
    assert run.exit_code == 0, run.output
    assert "UNVERIFIABLE rising: no measure yet, nothing computed" in run.output
    assert "[not_encoded]" in run.output and "stated —" not in run.output
    assert "PASS         total: stated 11, computed 11" in run.output  # measured claims as before
    md = CliRunner().invoke(app, ["run", str(claims), "--markdown", "-"])
    row = next(line for line in md.output.splitlines() if "`rising`" in line)
    assert "| no measure yet | — |" in row and "unverifiable" in row
    explained = CliRunner().invoke(app, ["explain", str(claims), "rising"])
    assert explained.exit_code == 0, explained.output
    assert "no measure yet, nothing computed" in explained.output and "stated —" not in explained.output
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
