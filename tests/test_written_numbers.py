"""Numbers written as a story writes them ('22,100', '$12,500.00', '61.0%') in a column a claim adds
up: the message said the column "holds text" and hinted to count the rows equal to '22,100', or to
declare a late '1,220' as text (which makes the column impossible to add up); the error of that
late value named the file by its absolute path (found by a walk of three stories). Constructed data."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from factcheck.cli import app


@pytest.fixture(autouse=True)
def _in_the_story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # as a reporter runs it: from the story's folder


def _run(folder: Path, table: str, measure: str) -> tuple[int, str]:
    (folder / "c.yaml").write_text(f"tables:\n  t: {{{table}}}\nclaims:\n"
                                   f"  - {{id: c, says: s, measure: {measure}, expect: '1'}}\n")
    result = CliRunner().invoke(app, ["run", "c.yaml"])
    return result.exit_code, " ".join(result.output.split())


@pytest.mark.parametrize(("values", "said", "hint"), [
    (['"18,250"', '"22,100"', '"9,400"'], "line 2: '18,250'", "the numbers carry thousands separators (1,234): export them without"),
    (['"$12,500.00"', 'N/A', '"$900.50"'], "line 2: '$12,500.00'", "the numbers are written as money ('$1,250.00')"),
    (['61.0%', '41.2%', 'N/A'], "line 2: '61.0%'", "the numbers carry a % sign: export plain numbers"),
])
def test_a_column_of_numbers_written_as_text_says_how_to_write_them(tmp_path: Path, values: list[str], said: str,
                                                                     hint: str) -> None:
    (tmp_path / "t.csv").write_text("name,amount\n" + "".join(f"n{i},{v}\n" for i, v in enumerate(values)))
    code, out = _run(tmp_path, "path: t.csv", "{sum: amount, of: t}")
    assert code == 2, out
    assert f"column 'amount' of table 't' holds numbers written as text (t.csv {said}), so the claim cannot be computed" \
        in out
    assert f"hint: {hint}" in out and "count: t" not in out


def test_in_a_parquet_file_too(tmp_path: Path) -> None:
    duckdb.sql("COPY (SELECT * FROM (VALUES ('a', '$12,500.00'), ('b', 'N/A'), ('c', '$1,000.00')) v(name, pay)) "
               f"TO '{tmp_path / 't.parquet'}'")
    code, out = _run(tmp_path, "path: t.parquet", "{sum: pay, of: t}")
    assert code == 2 and "holds numbers written as text (t.parquet row 1: '$12,500.00')" in out, out
    assert "the numbers are written as money" in out


def test_words_keep_the_hint_to_count_them(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("name,kind\na,open\nb,closed\nc,open\n")
    code, out = _run(tmp_path, "path: t.csv", "{sum: kind, of: t}")
    assert code == 2 and "holds text, not numbers" in out and "count: t, where: \"kind == 'open'\"" in out, out


def test_a_late_number_written_with_a_separator_says_so_and_names_the_file_as_written(tmp_path: Path) -> None:
    rows = "".join(f"{i},{i % 900 + 100}\n" for i in range(30_000))
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "pay.csv").write_text("id,amount\n" + rows + '30000,"1,220"\n')
    code, out = _run(tmp_path, "path: data/pay.csv", "{sum: amount, of: t}")
    assert code == 2, out
    assert "data/pay.csv:30002: line 30002, column 'amount': value '1,220' is not a valid bigint" in out
    assert str(tmp_path) not in out
    assert ("hint: the rows before it hold plain numbers; the numbers carry thousands separators (1,234): export "
            "them without (declared text, the column could not be added up)") in out
