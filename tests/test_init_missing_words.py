"""`init` on a file whose numbers say 'N/A' where one is missing (a walk of nursing-home
inspections): the column was declared `type: text` with no note, and `suggest` found "no measure of
the search space meets this figure" for a right figure. It is now read with `csv: {null: ['', 'N/A']}`,
with a note, and a column of numbers written as a story writes them ('$18,000') gets a note saying
why it is text. Constructed data."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from factcheck.cli import app

STORY = "The average inspection found 7.5 deficiencies.\n"
ROWS = "id,year,deficiencies,grade,fine\nI1,2024,6,A,\"$1,000\"\nI2,2024,N/A,B,\"$2,500\"\nI3,2024,9,N/A,$500\n"


def _init(folder: Path, rows: str, monkeypatch: pytest.MonkeyPatch) -> tuple[dict, str]:
    (folder / ".git").mkdir()
    (folder / "data").mkdir()
    (folder / "data" / "insp.csv").write_text(rows, encoding="utf-8")
    (folder / "story.md").write_text(STORY, encoding="utf-8")
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(app, ["init", "story.md", "data/insp.csv"])
    assert result.exit_code == 0, result.output
    text = (folder / "story.claims.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text), text


def test_a_missing_word_among_numbers_is_read_as_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    declared, text = _init(tmp_path, ROWS, monkeypatch)
    table = declared["tables"]["insp"]
    assert table["csv"]["null"] == ["", "N/A"]
    assert table["columns"]["deficiencies"] == {"type": "integer"}
    assert "# note: 'N/A' in deficiencies is read as a missing value (csv: null)" in text
    assert "if it means something in another one, remove it from csv: null" in text
    assert "#     mean: deficiencies" in text  # suggest finds the figure now: 7.5 over the two numbers
    result = CliRunner().invoke(app, ["run", "story.claims.yaml"])
    assert "computes 7.5, pass" in " ".join(result.output.split()), result.output


def test_numbers_written_as_money_are_said_to_be_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    declared, text = _init(tmp_path, ROWS, monkeypatch)
    assert declared["tables"]["insp"]["columns"]["fine"]["type"] == "text"
    flat = " ".join(text.split())
    assert "# note: fine holds numbers written as text ('$1,000', '$2,500', '$500')" in flat, text
    assert "export plain numbers (1250.00), without currency signs or thousands separators" in flat, text


def test_a_column_of_words_keeps_its_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """'N/A' in a column of categories (no numbers at all) is no missing number: nothing is declared."""
    rows = "id,year,status\nI1,2024,open\nI2,2024,N/A\nI3,2024,closed\n"
    declared, text = _init(tmp_path, rows, monkeypatch)
    assert "csv" not in declared["tables"]["insp"], declared
    assert "missing value" not in text


def test_a_column_with_other_words_among_numbers_is_left_as_text(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    rows = "id,year,count\nI1,2024,6\nI2,2024,N/A\nI3,2024,about 9\nI4,2024,3\n"
    declared, _ = _init(tmp_path, rows, monkeypatch)
    assert "csv" not in declared["tables"]["insp"], declared


@pytest.mark.parametrize("name", ["insp.pq", "insp.parquet"])
def test_init_reads_a_parquet_file_named_as_run_names_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          name: str) -> None:
    """`run` reads a file ending in .pq as Parquet; `init` refused it as "not a CSV or Parquet file"."""
    import duckdb
    (tmp_path / ".git").mkdir()
    (tmp_path / "story.md").write_text(STORY, encoding="utf-8")
    target = tmp_path / name
    duckdb.sql(f"COPY (SELECT 'I' || range AS id, 2024 AS year, range AS deficiencies FROM range(4)) "
               f"TO '{target}' (FORMAT parquet)")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["init", "story.md", name])
    assert result.exit_code == 0, result.output
    declared = yaml.safe_load((tmp_path / "story.claims.yaml").read_text(encoding="utf-8"))
    assert declared["tables"]["insp"]["path"] == name


def test_thousands_separators_get_one_note_not_two(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """'1,198' is the comma note's (a decimal or a thousands comma): the written-numbers note said it again."""
    rows = 'id,year,beds\nA,2024,"1,198"\nB,2024,"2,500"\nC,2024,"3,000"\n'
    _, text = _init(tmp_path, rows, monkeypatch)
    assert text.count("# note: beds holds numbers written") == 1, text
    assert "written with a comma" in text
