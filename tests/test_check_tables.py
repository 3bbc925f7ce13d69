"""`factcheck check` reads every declared table: a table without rows (an export that failed) and a
table with a "Total" row are said as what they are, table by table, as warnings (exit 0, as the
other warnings the data gives): the claims over the first will be ``unverifiable`` (``no_rows``),
and the second counts its total as one more row unless a ``where:`` leaves it out. Constructed data."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import record_statements
from typer.testing import CliRunner

import factcheck
from factcheck.cli import app

HOODS = """\
name,population
Riverside,18250
Northgate,9400
Harbor,22100
Total,49750
"""

CLAIMS = """\
tables:
  hoods: {path: hoods.csv}
  filings: {path: filings.csv, key: id}
  spare: {path: spare.csv}
claims:
  - id: harbor
    says: Harbor is home to 22,100 people.
    measure: {value: population, of: hoods, where: "name == 'Harbor'"}
    expect: 22100
  - id: filed
    says: None were filed.
    measure: {count: filings}
    expect: 0
"""


def _folder(tmp_path: Path, hoods: str = HOODS, filings: str = "id,year\n") -> Path:
    (tmp_path / "hoods.csv").write_text(hoods, encoding="utf-8")
    (tmp_path / "filings.csv").write_text(filings, encoding="utf-8")
    (tmp_path / "spare.csv").write_text("kind,n\nA,1\nB,2\nTotals,3\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text(CLAIMS, encoding="utf-8")
    return tmp_path / "c.yaml"


def test_the_library_names_each_table_and_what_is_wrong_with_it(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # files named relative to the working folder
    checked = factcheck.check(_folder(tmp_path))
    found = {(w.table, w.code): w for w in checked.table_warnings}
    assert set(found) == {("filings", "no_rows"), ("hoods", "total_row"), ("spare", "total_row")}
    assert [w.line for w in checked.table_warnings] == [2, 3, 4]  # in the claims file's order of tables
    empty = found["filings", "no_rows"].message
    assert "table 'filings' has no rows: filings.csv holds no data row" in empty
    assert "claim filed is unverifiable (no_rows) until it has rows" in empty
    hoods = found["hoods", "total_row"].message
    assert "table 'hoods' has a total row, line 5 of hoods.csv (name 'Total')" in hoods
    assert "whose population (49,750) is the sum of the other rows" in hoods
    assert "no claim's rows include it" in hoods and hoods.endswith("leave it out with where: name != 'Total'")
    spare = found["spare", "total_row"].message
    assert "line 4 of spare.csv (kind 'Totals')" in spare and "no claim reads the table" in spare
    assert checked.exit_code() == 0  # warnings: the claims can still be run


def test_a_claim_that_keeps_the_total_row_is_named_beside_the_table(tmp_path: Path) -> None:
    path = _folder(tmp_path)
    path.write_text(CLAIMS.replace("where: \"name == 'Harbor'\"", "where: population > 9000")
                    .replace("value: population", "sum: population"), encoding="utf-8")
    checked = factcheck.check(path)
    hoods = next(w for w in checked.table_warnings if w.table == "hoods").message
    assert "claim harbor counts it" in hoods and "add `and name != 'Total'`" not in hoods
    assert [(c, n.code.value) for c, _, n in checked.warnings] == [("harbor", "total_row")]


def test_a_sound_table_is_said_nothing_of(tmp_path: Path) -> None:
    path = _folder(tmp_path, HOODS.replace("Total,49750", "Lakeside,1000"), "id,year\n1,2020\n")
    path.write_text(CLAIMS.replace("expect: 0", "expect: 1"), encoding="utf-8")
    (tmp_path / "spare.csv").write_text("kind,n\nA,1\n", encoding="utf-8")
    assert factcheck.check(path).table_warnings == []


def test_the_command_prints_them_and_exits_0(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["check", "c.yaml", "--annotations", "none"])
    assert done.exit_code == 0, done.output
    lines = done.output.splitlines()
    assert lines[0].startswith("ok: c.yaml: 2 claims, hoods (4 rows), filings (0 rows), spare (3 rows)")
    assert lines[0].endswith("; 3 tables with a WARNING")
    assert lines[1].startswith("  table hoods (line 2): WARNING total_row: table 'hoods' has a total row, line 5")
    assert lines[2].startswith("  table filings (line 3): WARNING no_rows: table 'filings' has no rows")
    assert lines[3].startswith("  table spare (line 4): WARNING total_row:")
    assert lines[4].startswith("  harbor")


def test_annotations_put_them_on_the_tables_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["check", "c.yaml", "--annotations", "github"])
    assert done.exit_code == 0, done.output
    warned = [line for line in done.output.splitlines() if line.startswith("::warning")]
    assert [line.split("::")[1].split(",title=")[0] for line in warned] == \
        ["warning file=c.yaml,line=2", "warning file=c.yaml,line=3", "warning file=c.yaml,line=4"]
    assert "title=factcheck%3A table 'filings' has a warning%3A no_rows" in warned[1]


def test_run_looks_at_no_table_its_claims_do_not_measure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``run`` asks nothing of a table no claim measures, total row or not; ``check`` confirms it."""
    path = _folder(tmp_path, filings="id,year\n1,2020\n")
    path.write_text(CLAIMS.replace("expect: 0", "expect: 1"), encoding="utf-8")
    asked = record_statements(monkeypatch)
    factcheck.verify(path)
    with_total = list(asked)
    (tmp_path / "spare.csv").write_text("kind,n\nA,1\nB,2\nC,3\n", encoding="utf-8")
    asked.clear()
    factcheck.verify(path)
    assert with_total == asked
