"""Portal exports put a title above the header and a source note under the data. A walk found both
told "a value with the delimiter in it needs quotes" ("line 3 has 7 fields, the header has 1"),
with the file named by its absolute path, and a claim over such a file told that the title was the
table's one column. The hint now says `csv: {skip: N}` for a title, to remove a note under the data,
and the file is named as every other message names it. Constructed data."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

ROWS = "neighborhood,year,requests\nDowntown,2024,120\nRiverside,2024,80\nHarbor,2024,45\nHills,2024,30\n"
CLAIMS = """\
tables:
  t: {path: data/t.csv}
claims:
  - {id: a, says: Downtown had 120 requests., measure: {sum: requests, of: t, where: "neighborhood == 'Downtown'"},
     expect: 120}
"""


def _run(folder: Path, text: str, claims: str = CLAIMS, monkeypatch: pytest.MonkeyPatch | None = None) -> str:
    (folder / ".git").mkdir(exist_ok=True)
    (folder / "data").mkdir(exist_ok=True)
    (folder / "data" / "t.csv").write_text(text, encoding="utf-8")
    (folder / "c.yaml").write_text(claims, encoding="utf-8")
    result = CliRunner().invoke(app, ["run", "c.yaml"])
    assert result.exit_code == 2, result.output
    return " ".join(result.output.split())


@pytest.mark.parametrize(("above", "lines"), [
    ("Table 4. Requests by neighborhood\n", 1),
    ("Requests by neighborhood\nSource: city portal\n\n", 3),
])
def test_a_title_above_the_header_is_told_to_skip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, above: str,
                                                   lines: int) -> None:
    monkeypatch.chdir(tmp_path)
    out = _run(tmp_path, above + ROWS)
    assert (f"the first {lines} line{'s look' if lines != 1 else ' looks'} like a title above the header "
            f"(line {lines + 1}: 'neighborhood,year,requests'): set csv: {{skip: {lines}}} on the table") in out, out
    assert "needs quotes" not in out and str(tmp_path) not in out, out


def test_the_skip_it_says_reads_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _run(tmp_path, "Requests by neighborhood\nSource: city portal\n\n" + ROWS)
    (tmp_path / "c.yaml").write_text(CLAIMS.replace("{path: data/t.csv}", "{path: data/t.csv, csv: {skip: 3}}"))
    result = CliRunner().invoke(app, ["run", "c.yaml"])
    assert result.exit_code == 0, result.output


def test_a_note_under_the_data_is_told_to_be_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = _run(tmp_path, ROWS + "\nSource: City 311 open data portal\n")
    assert "data/t.csv:7: line 7 has 1 field, the header has 3" in out, out
    assert "hint: a note under the data (a source, a footnote): remove it from the file the claims read" in out, out


def test_a_row_cut_short_keeps_its_own_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = _run(tmp_path, ROWS + "Lakeside,2024\n")
    assert "line 6 has 2 fields, the header has 3" in out and "the row is cut short" in out, out
    assert "title" not in out, out


def test_a_claim_naming_a_column_of_a_file_under_a_title_is_told_about_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A title with no comma reads as one column: a claim naming a column is told about the title."""
    monkeypatch.chdir(tmp_path)
    out = _run(tmp_path, "Requests by neighborhood\n\n" + ROWS)
    assert "has no column 'neighborhood'" in out and "set csv: {skip: 2} on the table" in out, out
