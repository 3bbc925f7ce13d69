"""``explain`` on a ``top_share`` (or ``top_sum``) by groups names the groups its top holds, each with
its sum: "the top 5 of 160: V0002 (222,293,788.86), …", where it said only "in top: 5". The JSON
report's details give them as ``ranking`` (as a ``top``'s do) and the groups tied with the last at
the cut as ``ties_at_cut``; a top of rows (no ``by``) names none.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

import factcheck
from factcheck.cli import app
from factcheck.schema import report_schema

runner = CliRunner()
PROCUREMENT = Path(__file__).resolve().parent / "fixtures" / "procurement" / "claims.yaml"

TOP_FIVE = ("the top 5 of 160: Northline Construction (222,293,788.86), Apex Facilities Group (154,699,778.39), "
            "Bluewater Utilities Services (147,572,166.47), Summit Engineering (128,754,511.00), "
            "Harbor Paving Co. (106,691,073.10)")


def test_explain_names_the_top_five() -> None:
    out = runner.invoke(app, ["explain", str(PROCUREMENT), "top-five"], terminal_width=400)
    assert out.exit_code == 0, out.output
    assert f"  {TOP_FIVE}\n" in out.output, out.output
    assert "ranking:" not in out.output  # said once, in words
    by_id = runner.invoke(app, ["explain", str(PROCUREMENT), "headline-two-thirds"], terminal_width=400).output
    assert ("the top 5 of 160: Northline Construction (V0002, 222,293,788.86), Apex Facilities Group (V0003, "
            "154,699,778.39)") in by_id, by_id  # ids a lookup names: test_top_groups_as_read.py


def test_the_json_details_list_them(tmp_path: Path) -> None:
    assert runner.invoke(app, ["run", str(PROCUREMENT), "--json", str(tmp_path / "r.json")]).exit_code == 1
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(report_schema()).validate(data)
    details = {r["id"]: r["details"] for r in data["results"]}["top-five"]
    assert [g["value"] for g in details["ranking"]] == ["Northline Construction", "Apex Facilities Group",
                                                         "Bluewater Utilities Services", "Summit Engineering",
                                                         "Harbor Paving Co."]
    assert details["ranking"][0]["figure"] == 222293788.86 and details["ties_at_cut"] == []


ROWS = ["id,donor,amount", *(f"{i},{d},{a}" for i, (d, a) in enumerate(
    [("Ames", 500), ("Ames", 250.5), ("Bell", 300), ("Cole", 300), ("Dunn", 300), ("Egan", 10),
     *((f"Z{n:02d}", 1) for n in range(40))], start=1))]


@pytest.fixture(scope="module")
def gifts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("gifts")
    (folder / ".git").mkdir()
    (folder / "gifts.csv").write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    (folder / "c.yaml").write_text("""\
version: 1
tables:
  gifts: {path: gifts.csv, key: id}
claims:
  - {id: two, says: 'The top two donors gave $1,050.50.', measure: {top_sum: amount, of: gifts, by: donor, top_n: 2},
     expect: '$1,050.50'}
  - {id: half, says: x, measure: {top_share: amount, of: gifts, by: donor, in_top: 50%}, expect: 90%}
  - {id: rows, says: x, measure: {top_share: amount, of: gifts, top_n: 2}, expect: 40%}
""", encoding="utf-8")
    return folder / "c.yaml"


def test_ties_at_the_cut_money_and_a_larger_top(gifts: Path) -> None:
    results = {r.id: r for r in factcheck.verify(gifts).results}
    two = results["two"].details
    assert two is not None
    assert [(g.value, g.figure) for g in two.ranking] == [("Ames", 750.5), ("Bell", 300.0)]  # type: ignore[attr-defined]
    assert two.ties_at_cut == ["Cole", "Dunn"]  # type: ignore[attr-defined]
    out = runner.invoke(app, ["explain", str(gifts), "two"], terminal_width=400).output
    assert ("the top 2 of 45: Ames ($750.50), Bell ($300); tied with the last at the cut, left out: Cole, Dunn\n"
            in out), out
    half = runner.invoke(app, ["explain", str(gifts), "half"], terminal_width=400).output
    assert "the top 22 of 45: Ames (750.50), Bell (300.00), Cole (300.00), Dunn (300.00), Egan (10.00), " \
           "Z00 (1.00)" in half, half  # Z00 to Z39 give 1 each: the 22nd is Z16, and 23 more tie with it
    assert "Z04 (1.00) and 12 more; tied with the last at the cut, left out: Z17, Z18, " in half, half
    assert "Z26 and 13 more\n" in half, half
    assert results["rows"].details is not None and results["rows"].details.ranking == []  # type: ignore[attr-defined]
    rows = runner.invoke(app, ["explain", str(gifts), "rows"], terminal_width=400).output
    assert "the top 2" not in rows, rows


def test_the_same_on_spark(spark: object, gifts: Path) -> None:
    on_duckdb = {r.id: r.details for r in factcheck.verify(gifts).results}
    on_spark = {r.id: r.details for r in factcheck.verify(gifts, engine="spark").results}
    assert on_spark == on_duckdb
