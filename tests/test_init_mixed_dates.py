"""`init` on a date column written two ways (most dates YYYY-MM-DD, some 14/03/2024): it declared
the column `type: text` with no note once more than a tenth were written otherwise, and `run` then
compared the dates as text: "159 visits in the second half of 2024" failed at 151, because
'30/06/2024' sorts after '2024-07-01' (found by a walk of an inspections story). Now the column gets
a note and no contract, so `run` stops a claim that compares it with a date, naming the lines.
Constructed data: 300 visits in 2024, one a day from 1 January; every ninth written day first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from typer.testing import CliRunner

from factcheck.cli import app


def _visits(folder: Path, every: int = 9) -> None:
    (folder / "data").mkdir()
    rows = ["id,d,kind"]
    for i in range(300):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=i)
        rows.append(f"V{i:03},{day:%d/%m/%Y}," + "ab"[i % 2] if i % every == 0 else f"V{i:03},{day},{'ab'[i % 2]}")
    (folder / "data" / "visits.csv").write_text("\n".join(rows) + "\n")
    (folder / "story.md").write_text("Inspectors made 118 visits in the second half of 2024.\n")


def _init(folder: Path) -> str:
    result = CliRunner().invoke(app, ["init", str(folder / "story.md"), str(folder / "data" / "visits.csv")])
    assert result.exit_code == 0, result.output
    return (folder / "story.claims.yaml").read_text()


def test_dates_written_two_ways_get_a_note_and_no_text_contract(tmp_path: Path) -> None:
    _visits(tmp_path)
    written = _init(tmp_path)
    assert ("# note: d holds dates written two ways: 266 as YYYY-MM-DD and 34 otherwise ('01/01/2024', "
            "'02/06/2024', '04/03/2024' …), so it is read as text and is no time column, and a comparison with "
            "a date would compare text") in written
    assert "      d:" not in written and "      kind:\n        type: text" in written


def test_run_then_stops_a_claim_that_compares_them_with_a_date(tmp_path: Path) -> None:
    _visits(tmp_path)
    written = _init(tmp_path)
    claims = tmp_path / "story.claims.yaml"
    claims.write_text(written.replace("    expect: '118'\n",
                                      "    measure: {count: visits, where: \"d >= '2024-07-01'\"}\n    expect: '118'\n"))
    result = CliRunner().invoke(app, ["run", str(claims)])
    assert result.exit_code == 2, result.output
    said = " ".join(result.output.split())
    assert "column 'd': 34 values are not a date written YYYY-MM-DD" in said and "line 2 holds '01/01/2024'" in said


def test_a_few_values_that_are_no_dates_keep_their_note_and_lose_the_contract_too(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    rows = ["id,d"] + [f"V{i:03},{dt.date(2024, 1, 1) + dt.timedelta(days=i)}" for i in range(95)] + \
        [f"W{i},n.d." for i in range(5)]
    (tmp_path / "data" / "visits.csv").write_text("\n".join(rows) + "\n")
    (tmp_path / "story.md").write_text("Inspectors made 95 visits.\n")
    written = _init(tmp_path)
    assert "# note: d holds dates but for 5 values ('n.d.'" in written, written
    assert "      d:" not in written


def test_a_text_column_of_few_dates_is_no_date_column(tmp_path: Path) -> None:
    """Categories that hold one date among many words are left as they were."""
    (tmp_path / "data").mkdir()
    rows = ["id,status"] + [f"V{i:03},{'open' if i % 3 else 'closed'}" for i in range(60)] + ["V999,2024-01-01"]
    (tmp_path / "data" / "visits.csv").write_text("\n".join(rows) + "\n")
    (tmp_path / "story.md").write_text("Inspectors made 61 visits.\n")
    written = _init(tmp_path)
    assert "      status:\n        type: text" in written and "holds dates" not in written, written
